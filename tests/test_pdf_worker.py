"""The PDF worker's child reads one document after another, and is replaced when it must be.

A forked child (`_pdf_engine._Child`) reads the documents sent to it one
after the other while it is sound: it ends (and the next document gets a
fresh child) after a document it refused, when it was killed (past
``max_seconds``) or died at its memory limit, when a job asks for another
memory allowance, and after `_pdf_engine.MOST_DOCUMENTS` documents. What it
reads does not depend on what it read before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govinfo_report import Limits, NotAReportError, ReadError, read_pdf
from govinfo_report._readers import _pdf_engine, _pdf_process
from govinfo_report._readers._pdf import pdf_content
from helpers import limit, refused
from test_hostile_readers import (
    BOMB,
    SMALL,
    deflated_spaces,
    one_page_pdf,
    text_page_pdf,
    tiny_text,
)

MiB = 1024 * 1024


def child() -> int | None:
    """The server's running child (the one that reads the next document), if any."""
    process = _pdf_process._SERVER.process
    assert process is not None
    pid = process.pid
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        pids = [int(p) for p in children.read().split()]
    assert len(pids) <= 1, pids
    return pids[0] if pids else None


BROKEN = b"%PDF-1.7\n1 0 obj << >> endobj\n"


@pytest.fixture
def hongze(samples: Path) -> bytes:
    """The Hongze sample, to be read by a fresh child (whatever the tests before read)."""
    refused(lambda: read_pdf(BROKEN), ReadError)  # a refused document ends its child
    assert child() is None
    return (samples / "hongze-district-2024.pdf").read_bytes()


def test_the_next_document_is_read_by_the_same_child(hongze: bytes) -> None:
    first = pdf_content(hongze)
    pid = child()
    assert pid is not None
    hello = text_page_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    refused(lambda: read_pdf(hello), NotAReportError)
    assert pdf_content(hongze) == first
    assert child() == pid


def test_a_child_killed_past_the_deadline_is_replaced(hongze: bytes) -> None:
    expected = pdf_content(hongze)
    pid = child()
    slow = Limits(
        max_pdf_objects_per_page=10**9,
        max_unpacked_bytes=2 * 1024 * MiB,
        max_seconds=0.5,
    )
    limit(
        lambda: read_pdf(text_page_pdf(tiny_text(150_000)), limits=slow), "max_seconds"
    )
    assert pdf_content(hongze) == expected
    assert child() not in (None, pid)


def test_a_child_at_its_memory_limit_is_replaced(hongze: bytes) -> None:
    expected = pdf_content(hongze)
    pid = child()
    bomb = one_page_pdf(deflated_spaces(BOMB), b"/Filter /FlateDecode")
    limit(lambda: read_pdf(bomb, limits=SMALL), "max_unpacked_bytes")
    assert pdf_content(hongze) == expected
    assert child() not in (None, pid)


def test_a_refused_document_ends_its_child(hongze: bytes) -> None:
    expected = pdf_content(hongze)
    pid = child()
    refused(lambda: read_pdf(BROKEN), ReadError)
    assert child() is None  # it ended after the broken file
    assert pdf_content(hongze) == expected
    assert child() not in (None, pid)


def test_another_memory_allowance_is_another_child(hongze: bytes) -> None:
    expected = pdf_content(hongze)
    pid = child()
    roomy = Limits(max_unpacked_bytes=128 * MiB)
    assert pdf_content(hongze, roomy) == expected
    other = child()
    assert other not in (None, pid)
    assert pdf_content(hongze, roomy) == expected
    assert child() == other


def test_a_child_reads_a_bounded_number_of_documents(
    hongze: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the server runs this module as a script: its constant is read there,
    # so the test counts documents by the pids the caller sees
    pids: set[int] = set()
    original = _pdf_process._Job.next

    def seen(job: _pdf_process._Job) -> dict[str, Any]:
        message = original(job)
        if job.pid is not None:
            pids.add(job.pid)
        return message

    # (the fixture ended the last child: the first document starts a fresh one)
    monkeypatch.setattr(_pdf_process._Job, "next", seen)
    hello = text_page_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    for _ in range(_pdf_engine.MOST_DOCUMENTS + 1):
        refused(lambda: read_pdf(hello), NotAReportError)
    assert len(pids) == 2
