"""Fuzzing the exchange readers: `from_json`, `from_dict`, `from_csv`.

Inputs: arbitrary text and bytes, arbitrary JSON values, and real documents
(the golden file, the example report and generated reports written by
`to_json` / `to_csv`) broken the ways files are broken: keys, lines and cells
deleted, duplicated or swapped, values of another type, a cut anywhere,
another encoding. The only exceptions allowed out are the library's own
documented types: `ExchangeFormatError` (and `LimitExceededError` for input
beyond a limit), and with ``strict=True`` `InconsistentReportError`. What is
read must survive a round trip.

Fast by default (profile ``ci``); the release run, ``python3
benchmarks/fuzz_long.py``, gives each reader at least 100,000 inputs (the
counts per test are in `fuzzing.runs`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from fuzzing import runs
from govinfo_report._exchange._csv import _csv_rows, _text
from helpers import LIST_EDITS, STRAY, edited_chars
from strategies import consistent_reports, published_reports

GOLDEN = Path(__file__).parent / "data" / "example-report.json"
EXAMPLE = gr.example_report()
EXAMPLE_JSON = gr.to_json(EXAMPLE)
EXAMPLE_DOC = gr.to_dict(EXAMPLE)


def _csv_text(reports: gr.Report | list[gr.Report]) -> str:
    buffer = io.BytesIO()
    gr.to_csv(reports, buffer)
    return buffer.getvalue().decode("utf-8-sig")


EXAMPLE_CSV = _csv_text(EXAMPLE)
ALLOWED = (gr.ExchangeFormatError, gr.LimitExceededError)
"""What a reader may raise for bad input (strict adds InconsistentReportError)."""

T = TypeVar("T")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gbk", "gb18030", "big5")


def _check_report(report: gr.Report) -> None:
    """What was read is a report that survives a round trip."""
    assert isinstance(report, gr.Report)
    assert gr.from_json(gr.to_json(report)) == report
    gr.validate(report)


def _outcome(call: Callable[[], T]) -> tuple[T | None, Exception | None]:
    """What ``call`` returns, or the library error it raises (others propagate)."""
    try:
        return call(), None
    except (*ALLOWED, gr.InconsistentReportError) as error:
        return None, error


def _refusal_is_clear(error: Exception, strict: bool) -> None:
    if isinstance(error, gr.InconsistentReportError):
        assert strict, "InconsistentReportError only with strict=True"
        assert error.findings
    elif isinstance(error, gr.ExchangeFormatError):
        assert error.problems, "an ExchangeFormatError always lists its problems"
    assert str(error)


def _json(data: str | bytes, strict: bool = False) -> None:
    report, error = _outcome(lambda: gr.from_json(data, strict=strict))
    if error is not None:
        _refusal_is_clear(error, strict)
        return
    assert report is not None
    _check_report(report)


def _csv(data: str | bytes, strict: bool = False) -> None:
    source = io.StringIO(data) if isinstance(data, str) else io.BytesIO(data)
    reports, error = _outcome(lambda: gr.from_csv(source, strict=strict))
    if error is not None:
        _refusal_is_clear(error, strict)
        return
    assert reports is not None
    for report in reports:
        assert isinstance(report, gr.Report)
        # Written back and read again, the report is the same: every figure
        # read is one a CSV row can hold.
        assert gr.from_csv(io.StringIO(_csv_text(report))) == [report]
        gr.validate(report)


# ------------------------------------------------------------ arbitrary input


@runs("from_json", fast=60, long=25_000)
@given(st.text(), st.booleans())
def test_json_arbitrary_text(text: str, strict: bool) -> None:
    _json(text, strict)


@runs("from_json", fast=60, long=20_000)
@given(st.binary(), st.booleans())
def test_json_arbitrary_bytes(data: bytes, strict: bool) -> None:
    _json(data, strict)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["", "/", "12.50", "2021", "2019", "natural_person"]),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(
            st.sampled_from([*EXAMPLE_DOC, "granted", "total", "review"]) | st.text(),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@runs("from_dict", fast=60, long=50_000)
@given(json_values, st.booleans())
def test_dict_arbitrary_values(value: Any, strict: bool) -> None:
    report, error = _outcome(lambda: gr.from_dict(value, strict=strict))
    if error is not None:
        _refusal_is_clear(error, strict)
    else:  # pragma: no cover - a random value is no report
        assert report is not None
        _check_report(report)


@runs("from_json", fast=60, long=20_000)
@given(json_values)
def test_json_arbitrary_values_as_text(value: Any) -> None:
    _json(json.dumps(value, allow_nan=True))


@runs("from_csv", fast=60, long=25_000)
@given(st.text(), st.booleans())
def test_csv_arbitrary_text(text: str, strict: bool) -> None:
    _csv(text, strict)


@runs("from_csv", fast=60, long=20_000)
@given(st.binary())
def test_csv_arbitrary_bytes(data: bytes) -> None:
    _csv(data)


@runs("from_csv", fast=60, long=15_000)
@given(
    st.lists(
        st.lists(st.text(max_size=12) | st.sampled_from(gr.CSV_COLUMNS), max_size=14),
        max_size=6,
    )
)
def test_csv_arbitrary_rows_under_the_header(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(gr.CSV_COLUMNS)
    writer.writerows(rows)
    _csv(buffer.getvalue())


# ------------------------------------------------------- mutations of real input


real_json = st.sampled_from(
    [GOLDEN.read_text(encoding="utf-8"), EXAMPLE_JSON, gr.to_json(EXAMPLE, indent=None)]
) | st.builds(gr.to_json, published_reports() | consistent_reports())

real_csv = st.just(EXAMPLE_CSV) | st.builds(
    _csv_text, st.lists(published_reports() | consistent_reports(), max_size=2)
)


@st.composite
def edited_lines(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few lines deleted, duplicated, swapped or overwritten."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from([*LIST_EDITS, None]))
        if edit is None:
            lines[i] = draw(STRAY) + "\n"
        else:
            lines = edit(lines, i, j)
    return "".join(lines)


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@runs("from_json", fast=60, long=15_000)
@given(real_json, st.data(), st.booleans())
def test_json_real_documents_with_lines_edited(
    text: str, data: Any, strict: bool
) -> None:
    _json(data.draw(edited_lines(text)), strict)


@runs("from_json", fast=60, long=15_000)
@given(real_json, st.data())
def test_json_real_documents_with_chars_edited(text: str, data: Any) -> None:
    _json(data.draw(edited_chars(text)))


@runs("from_json", fast=60, long=7_000)
@given(real_json, st.sampled_from(ENCODINGS))
def test_json_real_documents_in_other_encodings(text: str, encoding: str) -> None:
    _json(_encoded(text, encoding))


def _paths(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value: object keys and array indexes."""
    out = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.append((*path, key))
            out.extend(_paths(value, (*path, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out.append((*path, i))
            out.extend(_paths(value, (*path, i)))
    return out


@st.composite
def edited_documents(draw: st.DrawFn, doc: dict[str, Any]) -> tuple[Any, str | None]:
    """A deep copy of ``doc`` with keys deleted, renamed, swapped or retyped.

    Returns the document and, when a key was duplicated, the JSON text
    holding the duplicate (a dict cannot).
    """
    doc = json.loads(json.dumps(doc))
    duplicated = None
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(doc)
        if not places:
            break
        *parents, last = draw(st.sampled_from(places))
        parent = doc
        for key in parents:
            parent = parent[key]
        action = draw(
            st.sampled_from(["delete", "retype", "rename", "swap", "duplicate"])
        )
        if action == "delete":
            del parent[last]
        elif action == "retype":
            parent[last] = draw(json_values)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = parent.pop(last)
        elif action == "swap" and isinstance(parent, dict) and len(parent) > 1:
            other = draw(st.sampled_from([k for k in parent if k != last] or [last]))
            parent[last], parent[other] = parent[other], parent[last]
        elif action == "duplicate" and isinstance(parent, dict):
            value = json.dumps(parent[last], ensure_ascii=False)
            key = json.dumps(last, ensure_ascii=False)
            text = json.dumps(doc, ensure_ascii=False)
            marker = f"{key}: "
            at = text.find(marker)
            if at >= 0:
                duplicated = text[:at] + f"{key}: {value}, " + text[at:]
    return doc, duplicated


@runs("from_dict", fast=60, long=50_000)
@given(
    st.sampled_from([EXAMPLE_DOC]) | st.builds(gr.to_dict, published_reports()),
    st.data(),
    st.booleans(),
)
def test_dict_real_documents_with_keys_edited(
    doc: dict[str, Any], data: Any, strict: bool
) -> None:
    edited, duplicated = data.draw(edited_documents(doc))
    report, error = _outcome(lambda: gr.from_dict(edited, strict=strict))
    if error is not None:
        _refusal_is_clear(error, strict)
    else:
        assert report is not None
        _check_report(report)
        # A document the reader accepts is exactly the one it would write.
        assert gr.to_dict(report) == edited
    if duplicated is not None:
        _json(duplicated, strict)


@st.composite
def edited_cells(draw: st.DrawFn, text: str) -> str:
    """CSV ``text`` with cells of a few rows deleted, duplicated, swapped or replaced."""
    rows = list(csv.reader(io.StringIO(text)))
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.integers(0, len(rows) - 1))
        row = rows[r]
        if not row:
            continue
        i = draw(st.integers(0, len(row) - 1))
        j = draw(st.integers(0, len(row) - 1))
        edit = draw(st.sampled_from([*LIST_EDITS, None]))
        rows[r] = (
            edit(row, i, j)
            if edit is not None
            else [
                *row[:i],
                draw(STRAY),
                *row[i + 1 :],
            ]
        )
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@runs("from_csv", fast=60, long=15_000)
@given(real_csv, st.data(), st.booleans())
def test_csv_real_files_with_lines_edited(text: str, data: Any, strict: bool) -> None:
    _csv(data.draw(edited_lines(text)), strict)


@runs("from_csv", fast=60, long=15_000)
@given(real_csv, st.data(), st.booleans())
def test_csv_real_files_with_cells_edited(text: str, data: Any, strict: bool) -> None:
    _csv(data.draw(edited_cells(text)), strict)


@runs("from_csv", fast=60, long=8_000)
@given(real_csv, st.data())
def test_csv_real_files_with_chars_edited(text: str, data: Any) -> None:
    _csv(data.draw(edited_chars(text)))


@runs("from_csv", fast=60, long=4_000)
@given(real_csv, st.sampled_from(ENCODINGS))
def test_csv_real_files_in_other_encodings(text: str, encoding: str) -> None:
    _csv(_encoded(text, encoding))


# ------------------------------------------------------------ writer agreement


@runs("to_csv", fast=60, long=2_000)
@given(st.lists(published_reports() | consistent_reports(), min_size=1, max_size=2))
def test_csv_rows_are_the_text_of_the_records(reports: list[gr.Report]) -> None:
    """`to_csv` writes rows without record objects; they are the records' text."""
    assert list(_csv_rows(reports)) == [_text(r) for r in gr.to_records(reports)]
