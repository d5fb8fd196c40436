"""Fuzzing read_text, read_html, read_pdf and read with hypothesis.

Arbitrary text and bytes, report-like noise built from the format's own labels,
and mutations of real inputs (the samples in ``tests/data/samples`` and text and
HTML renderings of `example_report()`): lines and cells deleted, duplicated,
swapped, cut anywhere, other encodings, stray figures and labels injected.

Properties beyond "no crash":

- the only exceptions out of a reader are the library's own
  (`GovinfoReportError` and its subclasses);
- a reader never invents a figure: the digits of every figure it returns
  occur in the input;
- removing one figure from a table never changes any other row's cells, and a
  row whose label line is removed gets no figures.

The fast profile (default, ``ci``) keeps this file to well under a minute;
``FUZZ_SCALE=N`` multiplies the fast counts. The release run,
``python3 benchmarks/fuzz_long.py``, gives every reader at least 100,000
inputs (the counts per test are in `fuzzing.runs`; see docs/limits.md).
"""

from __future__ import annotations

import html as html_lib
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fuzzing import TABLE_LABELS, assert_no_invented_figures, runs
from govinfo_report import (
    GovinfoReportError,
    Mark,
    Report,
    example_report,
    format_spec,
    read,
    read_html,
    read_pdf,
    read_text,
)
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    RESULTS_GROUP,
    AppealGroup,
    Article20Item,
    FormatVersion,
)
from govinfo_report._readers._text import trailing_figures
from helpers import LIST_EDITS, SAMPLES
from strategies import consistent_reports, published_reports
from test_read_html import render_html
from test_read_text import STYLES, render

# --------------------------------------------------------------- properties

_SEPARATORS = re.compile(r"[\s,，]")
_WIDE = {0xFF10 + i: str(i) for i in range(10)} | {ord("．"): ".", ord("－"): "-"}


def _haystack(source: str | bytes) -> str:
    if isinstance(source, bytes):
        texts = []
        for codec in ("utf-8", "gb18030", "utf-16", "big5", "latin-1"):
            try:
                texts.append(source.decode(codec, errors="replace"))
            except LookupError:  # pragma: no cover
                continue
        source = "\n".join(texts)
    return _SEPARATORS.sub("", html_lib.unescape(source).translate(_WIDE))


def check_outcome(call: Any, source: str | bytes) -> Report | None:
    """Run a reader: a report or a library error, and no invented figures."""
    try:
        report = call()
    except GovinfoReportError:
        return None
    assert isinstance(report, Report)
    assert_no_invented_figures(report, lambda: _haystack(source))
    return report


# ------------------------------------------------------ report-like noise

_LABELS = sorted(
    TABLE_LABELS
    | {s.heading for v in FormatVersion for s in format_spec(v).sections}
    | {item.label for item in Article20Item}
    | {g.label for g in AppealGroup}
    | {
        CONTENT_HEADING,
        REQUESTS_NOTE,
        APPLICANTS_HEADING,
        LEGAL_PERSONS_HEADING,
        LITIGATION_HEADING,
        RESULTS_GROUP,
        "某局2023年政府信息公开工作年度报告",
        "2024年1月20日",
        "- 3 -",
        "|||",
        "|",
    }
)
_FIGURES = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**18).map(str),
    st.sampled_from(["/", "—", "-", "", "1,268", "12.50", "０", "3件", "-2", "1 268"]),
)
_TOKENS = st.one_of(
    st.sampled_from(_LABELS),
    _FIGURES,
    st.text(max_size=12),
    st.text(alphabet="信息公开一二三、（）()0123456789|\t ,.-", max_size=20),
)


@st.composite
def report_like_text(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(_TOKENS, max_size=120))
    style = draw(st.sampled_from(["cells", "rows", "tabs", "spaces", "markdown"]))
    lines: list[str] = ["政府信息公开工作年度报告"]
    if style == "cells":
        lines += [f"{t} |" for t in tokens]
    else:
        row: list[str] = []
        for token in tokens:
            row.append(token)
            if draw(st.integers(0, 6)) == 0:
                lines.append(_join(row, style))
                row = []
        lines.append(_join(row, style))
    return "\n".join(lines)


def _join(cells: list[str], style: str) -> str:
    if style == "rows":
        return " | ".join(cells) + " |"
    if style == "markdown":
        return "| " + " | ".join(cells) + " |"
    if style == "tabs":
        return "\t".join(cells)
    return "  ".join(cells)


# ------------------------------------------------------------ mutations


def _sample_texts() -> list[str]:
    texts = [
        (SAMPLES / name).read_text("utf-8")
        for name in (
            "bachu-police-2023.txt",
            "zhanjiang-gazetteer-office-2023.partial.txt",
            "changchun-veterans-2023.partial.md",
        )
    ]
    example = example_report()
    texts += [render(example, style) for style in STYLES]
    return texts


TEXTS = _sample_texts()
PAGES = [render_html(example_report(), spans=spans) for spans in (True, False)]


_LINE_EDITS = {edit.__name__: edit for edit in LIST_EDITS}


@st.composite
def mutated(draw: st.DrawFn, originals: list[str]) -> str:
    lines = draw(st.sampled_from(originals)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        op = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "cell",
                    "cut",
                    "number",
                    "label",
                    "split",
                ]
            )
        )
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op in _LINE_EDITS:
            lines = _LINE_EDITS[op](lines, i, j)
        elif op == "cell":
            cells = lines[i].split("|")
            k = draw(st.integers(0, len(cells) - 1))
            if draw(st.booleans()):
                del cells[k]
            else:
                cells.insert(k, cells[k])
            lines[i] = "|".join(cells)
        elif op == "cut":
            text = "\n".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].split("\n")
        elif op == "number":
            lines.insert(i, draw(_FIGURES) + draw(st.sampled_from([" |", "", "\t"])))
        elif op == "label":
            lines.insert(i, draw(st.sampled_from(_LABELS)))
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i : i + 1] = [lines[i][:at], lines[i][at:]]
    return "\n".join(lines)


_ENCODINGS = ["utf-8", "gb18030", "gbk", "utf-16", "big5", "utf-8-sig"]


# ================================================================== text


@runs("read_text", fast=60, long=30_000)
@given(st.text(max_size=400))
def test_text_arbitrary(text: str) -> None:
    check_outcome(lambda: read_text(text), text)


@runs("read_text", fast=60, long=25_000)
@given(report_like_text())
def test_text_report_like_noise(text: str) -> None:
    check_outcome(lambda: read_text(text), text)


@runs("read_text", fast=80, long=30_000)
@given(mutated(TEXTS))
def test_text_mutations(text: str) -> None:
    check_outcome(lambda: read_text(text), text)


@runs("read_text", fast=30, long=6_000)
@given(
    mutated(TEXTS),
    st.sampled_from(_ENCODINGS),
    st.sampled_from([".txt", ".md", ".bin"]),
)
def test_read_text_files_in_other_encodings(
    text: str, encoding: str, suffix: str
) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        check_outcome(lambda: read(path), data)
        assert path.read_bytes() == data  # the input is never modified


@runs("trailing_figures", fast=200, long=50_000)
@given(st.text(alphabet="a1 ,./-—–２\t\u3000x", max_size=14))
def test_trailing_figures_agrees_with_the_regular_expression(part: str) -> None:
    # the one-pass split against the (backtracking) expression it replaced,
    # on parts short enough for the expression to be safe
    found = re.match(r"^(.*?[^\s\d,./\-])\s+((?:[\d,./\-—–]+\s*)+)$", part)
    expected = (found.group(1), found.group(2)) if found else None
    assert trailing_figures(part) == expected


# ------------------------------------------------ generated reports, rendered


@runs("read_text", fast=25, long=6_000)
@given(consistent_reports(), st.sampled_from(STYLES))
def test_rendered_consistent_reports_read_back(report: Report, style: str) -> None:
    back = read_text(render(report, style))
    assert back.cells() == report.cells()
    assert back.metadata.format_version is report.metadata.format_version


@runs("read_text", fast=25, long=6_000)
@given(published_reports(), st.sampled_from(STYLES))
def test_rendered_published_reports(report: Report, style: str) -> None:
    text = render(report, style)
    back = check_outcome(lambda: read_text(text), text)
    assert back is not None
    first_appeal = report.appeals.spec.cells[0].id
    if style in ("rows", "tabs") and report[first_appeal] is not Mark.BLANK:
        # These forms keep every blank in its place, but for one: table 4's
        # figure row has no label, so a blank first cell leaves the line
        # starting with its separator, as a Markdown row or an indented line does.
        assert back.cells() == report.cells()
        return
    # one cell per line, markdown with filler cells and space-aligned columns
    # cannot always place a blank: such a row is missing, and a finding says so
    reported = {c for f in back.reading_findings for c in f.cells}
    for cell_id, value in back.cells().items():
        if value != report[cell_id]:
            assert value is Mark.MISSING, (cell_id, value, report[cell_id])
            assert cell_id in reported, cell_id


# ---------------------------------------------- removing one figure or label


def _figure_lines(text: str) -> list[int]:
    return [
        i for i, line in enumerate(text.split("\n")) if re.fullmatch(r"\d+ \|", line)
    ]


def _rows_of(report: Report) -> dict[str, str]:
    """cell id → its printed row (table 4 prints all its figures in one row)."""
    return {
        cell_id: "appeals"
        if cell_id.startswith("appeals.")
        else cell_id.rsplit(".", 1)[0]
        for cell_id in report.cells()
    }


@runs("read_text", fast=40, long=20_000)
@given(st.data())
def test_removing_one_figure_changes_no_other_row(data: st.DataObject) -> None:
    example = example_report()
    style = data.draw(st.sampled_from(["cells", "rows", "markdown", "tabs"]))
    text = render(example, style)
    lines = text.split("\n")
    if style == "cells":
        index = data.draw(st.sampled_from(_figure_lines(text)))
        lines[index] = ""
    else:
        candidates = [i for i, line in enumerate(lines) if re.search(r"\d", line)]
        index = data.draw(st.sampled_from(candidates))
        separator = "\t" if style == "tabs" else "|"
        cells = lines[index].split(separator)
        figures = [k for k, c in enumerate(cells) if re.fullmatch(r"\s*\d+\s*", c)]
        assume(figures)
        del cells[data.draw(st.sampled_from(figures))]
        lines[index] = separator.join(cells)
    broken = "\n".join(lines)
    report = check_outcome(lambda: read_text(broken), broken)
    assert report is not None
    original = example.cells()
    changed = {k for k, v in report.cells().items() if v != original[k]}
    rows = _rows_of(example)
    touched = {rows[k] for k in changed}
    assert len(touched) <= 1, f"figures changed in more than one row: {sorted(touched)}"
    for cell_id in changed:
        assert report[cell_id] is Mark.MISSING, (cell_id, report[cell_id])


@runs("read_text", fast=30, long=20_000)
@given(st.data())
def test_a_row_whose_label_is_removed_gets_no_figures(data: st.DataObject) -> None:
    example = example_report()
    style = data.draw(st.sampled_from(["cells", "rows", "tabs"]))
    text = render(example, style)
    lines = text.split("\n")
    spec_rows = [
        (table.spec.id.value, row)
        for table in example.tables
        for row in table.spec.rows
        if table.spec.id.value != "appeals"
    ]
    table_id, row = data.draw(st.sampled_from(spec_rows))
    label_lines = [
        i
        for i, line in enumerate(lines)
        if line.split("|")[0].split("\t")[0].strip() == row.label
        or (style == "rows" and f"| {row.label} |" in line)
    ]
    assume(label_lines)
    if style == "cells":
        for i in reversed(label_lines):
            del lines[i]
    else:
        for i in label_lines:
            lines[i] = lines[i].replace(row.label, "", 1)
    broken = "\n".join(lines)
    report = check_outcome(lambda: read_text(broken), broken)
    assert report is not None
    original = example.cells()
    prefix = f"{table_id}.{row.id}."
    for cell_id, value in report.cells().items():
        if cell_id.startswith(prefix):
            assert value is Mark.MISSING, (cell_id, value)
        else:
            assert value == original[cell_id] or value is Mark.MISSING, (
                cell_id,
                value,
                original[cell_id],
            )


# ================================================================== HTML


@runs("read_html", fast=40, long=25_000)
@given(st.text(max_size=400))
def test_html_arbitrary_text(page: str) -> None:
    check_outcome(lambda: read_html(page), page)


@runs("read_html", fast=40, long=25_000)
@given(st.binary(max_size=600))
def test_html_arbitrary_bytes(page: bytes) -> None:
    check_outcome(lambda: read_html(page), page)


_TAGS = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<td colspan=3>",
        "<td rowspan=2>",
        "<p>",
        "</p>",
        "<div>",
        "<br>",
        "<th>",
        "<script>",
        "</script>",
        "<td colspan=999999>",
        "<td rowspan=-1>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&#49;",
        "&nbsp;",
        "<meta charset=gbk>",
    ]
)


@runs("read_html", fast=40, long=25_000)
@given(st.lists(st.one_of(_TAGS, _TOKENS), max_size=150))
def test_html_report_like_noise(parts: list[str]) -> None:
    page = "<p>政府信息公开工作年度报告</p>" + "".join(parts)
    check_outcome(lambda: read_html(page), page)


@runs("read_html", fast=50, long=27_000)
@given(mutated(PAGES), st.sampled_from([*_ENCODINGS, None]))
def test_html_mutations(page: str, encoding: str | None) -> None:
    if encoding is None:
        check_outcome(lambda: read_html(page), page)
        return
    try:
        data = page.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    check_outcome(lambda: read_html(data), data)


# =================================================================== PDF

_HONGZE = (SAMPLES / "hongze-district-2024.pdf").read_bytes()


@runs("read_pdf", fast=30, long=100_000)
@given(st.binary(max_size=2_000))
def test_pdf_arbitrary_bytes(data: bytes) -> None:
    check_outcome(lambda: read_pdf(b"%PDF-1.4\n" + data), b"")


@runs("read_pdf", fast=4, long=2_000)
@given(st.data())
def test_pdf_cut_and_flipped(data: st.DataObject) -> None:
    pdf = bytearray(_HONGZE)
    if data.draw(st.booleans()):
        pdf = pdf[: data.draw(st.integers(0, len(pdf)))]
    for _ in range(data.draw(st.integers(0, 8))):
        if pdf:
            at = data.draw(st.integers(0, len(pdf) - 1))
            pdf[at] = data.draw(st.integers(0, 255))
    # figures of a cut or damaged PDF can only come from the original's text
    text = (SAMPLES / "hongze-district-2024.pdf").with_suffix(".pdf")
    del text
    check_outcome(lambda: read_pdf(bytes(pdf)), _hongze_text())


_TEXT_CACHE: dict[str, str] = {}


def _hongze_text() -> str:
    if "hongze" not in _TEXT_CACHE:
        import pdfplumber

        with pdfplumber.open(SAMPLES / "hongze-district-2024.pdf") as pdf:
            _TEXT_CACHE["hongze"] = "\n".join(
                (page.extract_text() or "") for page in pdf.pages
            )
    return _TEXT_CACHE["hongze"]


# ============================================================== read(path)


@runs("read", fast=40, long=100_000)
@given(
    st.binary(max_size=1_000),
    st.sampled_from(
        [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".json", ".csv", ""]
    ),
)
def test_read_arbitrary_files(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        check_outcome(lambda: read(path), data)
        assert path.read_bytes() == data


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".csv", ".docx"])
def test_read_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(GovinfoReportError):
        read(path)


def _containers() -> dict[str, tuple[bytes, bytes]]:
    """The example page in each container `read` unpacks: name → (file, page)."""
    import gzip
    import io
    import json
    import zipfile

    from tests.helpers import mhtml_archive

    from govinfo_report import example_report, write_html

    if "containers" not in _CONTAINERS:
        buffer = io.BytesIO()
        write_html(example_report(), buffer)
        page = buffer.getvalue()
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("年报.html", page)
        body = page.decode("utf-8")
        _CONTAINERS["containers"] = {
            "a.mhtml": (
                mhtml_archive([("Content-Type: text/html", page, "quoted-printable")]),
                page,
            ),
            "a.html.gz": (gzip.compress(page, mtime=0), page),
            "a.zip": (packed.getvalue(), page),
            "a.json": (
                json.dumps(
                    {"title": "年报", "content": body}, ensure_ascii=False
                ).encode(),
                page,
            ),
            "a.doc": (b'<?xml version="1.0" encoding="UTF-8"?>\n' + page, page),
        }
    return _CONTAINERS["containers"]


_CONTAINERS: dict[str, dict[str, tuple[bytes, bytes]]] = {}


@runs("read", fast=60, long=100_000)
@given(st.data())
def test_read_damaged_containers(data: st.DataObject) -> None:
    """Saved archives, gzip, zip, crawler JSON and disguised pages, damaged:
    a report whose figures the page prints, or a library error."""
    name = data.draw(st.sampled_from(sorted(_containers())))
    packed, page = _containers()[name]
    damaged = bytearray(packed)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        choice = data.draw(st.integers(0, 2))
        if choice == 0:
            damaged[at] = data.draw(st.integers(0, 255))
        elif choice == 1:
            del damaged[at : at + data.draw(st.integers(1, 64))]
        else:
            damaged[at:at] = data.draw(st.binary(min_size=1, max_size=16))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(bytes(damaged))
        check_outcome(lambda: read(path), page)
        assert path.read_bytes() == bytes(damaged)
