"""Fuzzing read_docx with hypothesis: arbitrary bytes and mutated Word files.

Inputs: arbitrary bytes; the bytes of real ``.docx`` files (`write_docx` of
`example_report()` and of the `strategies` reports) cut, overwritten and
padded anywhere; and their ``word/document.xml`` edited as XML and zipped
again: table rows and cells deleted, duplicated and swapped, cell texts
changed to stray figures and labels, the paragraph styles removed (so the
document is read as anyone's, through the shared label matcher, not as ours).

Properties beyond "no crash":

- the only exceptions out of `read_docx` are the library's documented ones
  (`ReadError` and its subclasses `NotAReportError`, `LimitExceededError`);
- it never invents a figure: every figure it returns is written in one cell
  or paragraph of the input;
- deleting the text of one figure cell of a table changes no other cell's
  value (ours and anyone's layout alike).

The fast profile (default) keeps this file well under a minute;
``FUZZ_SCALE=N`` multiplies the fast counts. The release run,
``python3 benchmarks/fuzz_long.py``, gives `read_docx` at least 100,000
inputs, most of them cheap bytes and a few thousand whole-document mutations
(the counts per test are in `fuzzing.runs`).
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
import zipfile
from functools import cache

import attrs
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from fuzzing import LONG, TABLE_LABELS, assert_no_invented_figures, runs
from govinfo_report import (
    Mark,
    ReadError,
    Report,
    example_report,
    read_docx,
    write_docx,
)
from govinfo_report._readers._cells import is_value_text
from strategies import consistent_reports, published_reports

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"


# ----------------------------------------------------------------- helpers


def written(report: Report) -> bytes:
    buffer = io.BytesIO()
    write_docx(report, buffer, allow_findings=True)
    return buffer.getvalue()


@cache
def example_docx() -> bytes:
    return written(example_report())


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return out.getvalue()


def with_document(data: bytes, root: etree._Element) -> bytes:
    parts = parts_of(data)
    parts[DOCUMENT] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return zipped(parts)


def document_root(data: bytes) -> etree._Element:
    return etree.fromstring(parts_of(data)[DOCUMENT])


def strip_styles(root: etree._Element) -> None:
    """Remove every paragraph style: the document no longer looks like ours."""
    for style in list(root.iter(f"{W}pStyle")):
        style.getparent().remove(style)


def cell_text(tc: etree._Element) -> str:
    return " ".join(
        "".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p")
    ).strip()


def set_text(tc: etree._Element, text: str) -> None:
    """Replace a cell's text (its runs) by ``text``; ``""`` leaves it empty."""
    paragraphs = list(tc.iter(f"{W}p"))
    for p in paragraphs:
        for run in list(p.iter(f"{W}r")):
            run.getparent().remove(run)
    if text and paragraphs:
        run = etree.SubElement(paragraphs[0], f"{W}r")
        etree.SubElement(run, f"{W}t").text = text


def rows_of(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{W}tr"))


def cells_of(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if c.tag == f"{W}tc"]


_SEPARATORS = re.compile(r"[\s,，]")
_WIDE = {0xFF10 + i: str(i) for i in range(10)} | {ord("．"): ".", ord("－"): "-"}


def _digits(text: str) -> str:
    """Any script's decimal digits as ASCII ones (the readers take ``\\d`` figures)."""
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c
        for c in text
    )


def texts_in(data: bytes) -> str:
    """Every cell and paragraph text of the body, one per line, separators removed."""
    try:
        root = document_root(data)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, OSError):
        return ""
    texts = [cell_text(tc) for tc in root.iter(f"{W}tc")]
    texts += [
        "".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")
    ]
    return "\n".join(_SEPARATORS.sub("", _digits(t.translate(_WIDE))) for t in texts)


def outcome(data: bytes) -> Report | None:
    """read_docx's report, or None for a documented library error; no invented figures."""
    try:
        report = read_docx(io.BytesIO(data))
    except ReadError:
        return None
    assert isinstance(report, Report)
    assert_no_invented_figures(report, lambda: texts_in(data))
    return report


# ------------------------------------------------------------ stray values

_LABELS = sorted(TABLE_LABELS)
_STRAY = st.one_of(
    st.integers(0, 10**7).map(str),
    st.sampled_from(["", "/", "—", "-", "1,268", "１２", "12.50", "3 4", "007", "-5"]),
    st.sampled_from(_LABELS),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12),
    st.from_regex(r"\d{20,40}", fullmatch=True),
)


# ------------------------------------------------------------- bytes level


@runs("read_docx", fast=200, long=40_000)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    outcome(data)


@runs("read_docx", fast=100, long=30_000)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_after_a_zip_signature(data: bytes) -> None:
    outcome(b"PK\x03\x04" + data)


@runs("read_docx", fast=60, long=25_000)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
        min_size=1,
        max_size=4,
    ),
    st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_corrupted_and_cut_bytes(
    patches: list[tuple[int, bytes]], cut: int | None
) -> None:
    data = bytearray(example_docx())
    for at, blob in patches:
        at %= len(data)
        data[at : at + len(blob)] = blob
    if cut is not None:
        del data[cut % len(data) :]
    outcome(bytes(data))


# --------------------------------------------------------------- XML level

_OPERATIONS = ("delete_row", "duplicate_row", "swap_rows", "delete_cell",
               "duplicate_cell", "swap_cells", "set_text")  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    root = document_root(base)
    if draw(st.booleans()):
        strip_styles(root)
    for _ in range(draw(st.integers(1, 4))):
        rows = rows_of(root)
        if not rows:
            break
        operation = draw(st.sampled_from(_OPERATIONS))
        tr = rows[draw(st.integers(0, len(rows) - 1))]
        cells = cells_of(tr)
        if operation == "delete_row":
            tr.getparent().remove(tr)
        elif operation == "duplicate_row":
            tr.addnext(copy.deepcopy(tr))
        elif operation == "swap_rows":
            other = rows[draw(st.integers(0, len(rows) - 1))]
            if other is not tr:
                placeholder = etree.Element("placeholder")
                tr.addprevious(placeholder)
                other.addprevious(tr)
                placeholder.addprevious(other)
                placeholder.getparent().remove(placeholder)
        elif not cells:
            continue
        else:
            tc = cells[draw(st.integers(0, len(cells) - 1))]
            if operation == "delete_cell":
                tr.remove(tc)
            elif operation == "duplicate_cell":
                tc.addnext(copy.deepcopy(tc))
            elif operation == "swap_cells":
                other = cells[draw(st.integers(0, len(cells) - 1))]
                if other is not tc:
                    i, j = tr.index(tc), tr.index(other)
                    tr[i], tr[j] = copy.deepcopy(other), copy.deepcopy(tc)
            else:
                set_text(tc, draw(_STRAY))
    return with_document(base, root)


@runs("read_docx", fast=60, long=4_000)
@given(st.data())
def test_mutated_example_tables(data: st.DataObject) -> None:
    outcome(data.draw(mutated(example_docx())))


@runs("read_docx", fast=20, long=1_500)
@given(st.one_of(consistent_reports(), published_reports()), st.data())
def test_mutated_generated_reports(report: Report, data: st.DataObject) -> None:
    outcome(data.draw(mutated(written(report))))


# ---------------------------------------------- one figure cell deleted


def figure_cells(root: etree._Element) -> list[etree._Element]:
    """The table cells holding a figure or a not-applicable mark."""
    return [tc for tc in root.iter(f"{W}tc") if is_value_text(cell_text(tc))]


def _deleting_one_figure(report: Report, styled: bool, data: st.DataObject) -> None:
    base = written(report)
    root = document_root(base)
    if not styled:
        strip_styles(root)
        base = with_document(base, root)
        root = document_root(base)
    before = read_docx(io.BytesIO(base))
    candidates = figure_cells(root)
    tc = candidates[data.draw(st.integers(0, len(candidates) - 1), label="cell")]
    text = cell_text(tc)
    set_text(tc, "")
    after = outcome(with_document(base, root))
    assert after is not None
    old, new = dict(before.cells()), dict(after.cells())
    assert old.keys() == new.keys()
    changed = {i: (old[i], new[i]) for i in old if old[i] != new[i]}
    assert len(changed) <= 1, f"deleting “{text}” changed {changed}"
    for was, now in changed.values():
        assert now is Mark.BLANK, f"deleting “{text}” made {was} into {now}"


@runs("read_docx", fast=15, long=800)
@given(st.one_of(consistent_reports(), published_reports()), st.data())
def test_deleting_one_figure_changes_no_other_cell_ours(
    report: Report, data: st.DataObject
) -> None:
    _deleting_one_figure(report, True, data)


@runs("read_docx", fast=15, long=800)
@given(st.one_of(consistent_reports(), published_reports()), st.data())
def test_deleting_one_figure_changes_no_other_cell_anyones(
    report: Report, data: st.DataObject
) -> None:
    _deleting_one_figure(report, False, data)


def first_figure_cells(root: etree._Element) -> list[int]:
    """Indexes (into `figure_cells`) of the first figure cell of every table row."""
    figures = figure_cells(root)
    position = {id(tc): i for i, tc in enumerate(figures)}
    firsts = []
    for tr in rows_of(root):
        found = [position[id(tc)] for tc in cells_of(tr) if id(tc) in position]
        if found:
            firsts.append(found[0])
    return firsts


def test_deleting_each_first_figure_of_the_example_anyones() -> None:
    """The first figure of every row of the example (every figure with
    ``HYPOTHESIS_PROFILE=long``), one at a time, read as anyone's document:
    the place a blank is most easily lost is not left to chance."""
    report = attrs.evolve(example_report(), as_published=True)
    base = written(report)
    root = document_root(base)
    strip_styles(root)
    before = read_docx(io.BytesIO(with_document(base, root)))
    indexes = range(len(figure_cells(root))) if LONG else first_figure_cells(root)
    failures = []
    for index in indexes:
        mutated_root = copy.deepcopy(root)
        tc = figure_cells(mutated_root)[index]
        text = cell_text(tc)
        set_text(tc, "")
        after = read_docx(io.BytesIO(with_document(base, mutated_root)))
        old, new = dict(before.cells()), dict(after.cells())
        changed = {i: (old[i], new[i]) for i in old if old[i] != new[i]}
        if len(changed) > 1 or any(n is not Mark.BLANK for _, n in changed.values()):
            failures.append((index, text, changed))
    assert not failures, failures[:3]
