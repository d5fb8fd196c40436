"""What the PDF worker's child sends is checked before it is used: never trusted.

A hostile file may take the child over; what it then sends is wrong bytes on
a pipe. A page's character boxes come as raw doubles after its JSON line
(`_pdf_engine.wire`); each test here writes such a stream by hand into a
pipe and reads it as the caller does (`_pdf_process`): a wrong count, a
number that is not finite, a length that is no whole number of boxes or a
stream cut short is a `ReadError`, never a crash or a silent misreading.
"""

from __future__ import annotations

import array
import json
import math
import os
import threading
import types
from typing import Any

import pytest

from govinfo_report import DEFAULT_LIMITS, ReadError
from govinfo_report._readers import _pdf_engine, _pdf_process

PAGE: dict[str, Any] = {
    "t": "page",
    "size": [595.0, 842.0],
    "rotation": 0,
    "text": "规章27",
    "boxes": [
        *(72.0, 100.0, 82.0, 110.0),
        *(82.0, 100.0, 92.0, 110.0),
        *(200.0, 100.0, 205.5, 110.0),
        *(205.5, 100.0, 211.0, 110.0),
    ],
    "hidden": [["旧", 1.0, 2.0, 3.0, 4.0, "covered"]],
    "turned": [],
    "h": [[95.0, 60.0, 300.0]],
    "v": [],
    "images": 0,
    "objects": 9,
    "number": 0,
}


def _read(stream: bytes) -> list[dict[str, Any]]:
    """The pages the caller takes from ``stream`` (then an ``end`` and ``exit``)."""
    read, write = os.pipe()

    def writer() -> None:
        with os.fdopen(write, "wb") as out:
            out.write(stream)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with os.fdopen(read, "rb") as stdout:
            job = _pdf_process._Job(
                types.SimpleNamespace(stdout=stdout),  # type: ignore[arg-type]
                None,
            )
            return list(_pdf_process._pages(job, DEFAULT_LIMITS))
    finally:
        thread.join()


def _stream(*messages: bytes) -> bytes:
    opening = _pdf_engine.wire({"t": "open", "pages": 1})
    end = _pdf_engine.wire({"t": "end", "cpu": 0.01})
    return opening + b"".join(messages) + end


def _page_bytes(boxes: bytes, **head: Any) -> bytes:
    message = {k: v for k, v in PAGE.items() if k != "boxes"}
    message.update({"box_bytes": len(boxes), **head})
    return json.dumps(message, ensure_ascii=False).encode() + b"\n" + boxes


def test_a_page_crosses_the_pipe_unchanged() -> None:
    (page,) = _read(_stream(_pdf_engine.wire(PAGE)))
    boxes = PAGE["boxes"]
    assert page["chars"] == [
        (char, *boxes[4 * at : 4 * at + 4]) for at, char in enumerate(PAGE["text"])
    ]
    assert page["hidden"] == PAGE["hidden"]
    assert page["h"] == PAGE["h"]
    assert "boxes" not in page
    assert "box_bytes" not in page


def test_two_pages_in_one_read_are_two_pages() -> None:
    second = {**PAGE, "number": 1, "text": "年", "boxes": [1.0, 2.0, 3.0, 4.0]}
    pages = _read(_stream(_pdf_engine.wire(PAGE), _pdf_engine.wire(second)))
    assert [p["number"] for p in pages] == [0, 1]
    assert pages[1]["chars"] == [("年", 1.0, 2.0, 3.0, 4.0)]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_box_that_is_not_a_finite_number_is_refused(bad: float) -> None:
    boxes = array.array("d", PAGE["boxes"])
    boxes[5] = bad
    with pytest.raises(ReadError, match="PDF worker output broken"):
        _read(_stream(_page_bytes(boxes.tobytes())))


def test_more_or_fewer_boxes_than_characters_are_refused() -> None:
    boxes = array.array("d", PAGE["boxes"])
    for wrong in (boxes[:-4], boxes + array.array("d", [1.0, 2.0, 3.0, 4.0])):
        with pytest.raises(ReadError, match="PDF worker output broken"):
            _read(_stream(_page_bytes(wrong.tobytes())))


@pytest.mark.parametrize(
    "size", [-32, 31, 1.5, "32", True, None, 2**40, _pdf_process._MOST_LINE + 32]
)
def test_a_wrong_length_of_boxes_is_refused(size: object) -> None:
    boxes = array.array("d", PAGE["boxes"]).tobytes()
    with pytest.raises(ReadError, match="PDF worker output broken"):
        _read(_stream(_page_bytes(boxes, box_bytes=size)))


def test_a_page_without_its_length_of_boxes_is_refused() -> None:
    message = {k: v for k, v in PAGE.items() if k != "boxes"}
    line = json.dumps(message).encode() + b"\n"
    with pytest.raises(ReadError, match="PDF worker output broken"):
        _read(_stream(line))


def test_boxes_cut_short_are_refused() -> None:
    whole = _pdf_engine.wire({"t": "open", "pages": 1}) + _pdf_engine.wire(PAGE)
    with pytest.raises(ReadError, match="PDF worker ended"):
        _read(whole[:-5])
