"""read_docx() probed, round 3: the packages agencies and WPS really publish,
fields left open, text too faint to read, and tables as Word lays them out.

Each probe rewrites the one cell printing 1268 (行政许可, 本年处理决定), the
table around it, or the package (its content types, its namespaces), and
checks the figure against what Word shows: a macro-enabled document, a
template or a Strict Open XML file reads as the document it is; digits that
Word may or may not show (text in a field that shows no result, white on a
5% pattern) are not read, with a finding; tracked row changes, grid columns
skipped before or after a row, old merges and content controls read as shown.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from govinfo_report import MISSING, FindingKind, Report, read_docx
from helpers import (
    PROBE_CELL,
    W,
    docx_bytes,
    example_fixture,
    other_cells,
    probe_runs,
    replace_cell_runs,
    w_cell,
    w_element,
    w_run,
    w_text,
)

CELL = PROBE_CELL
PRINTED = "1268"


def _row_properties(tr: Any) -> Any:
    found = tr.find(W + "trPr")
    if found is None:
        found = w_element("<w:trPr/>")
        tr.insert(1 if tr.find(W + "tblPrEx") is not None else 0, found)
    return found


def _read(
    example: Report,
    edit: Callable[[Any], None] | None = None,
    package: Callable[[bytes], bytes] | None = None,
) -> Report:
    data = docx_bytes(example, edit, foreign=True)
    if package is not None:
        data = package(data)
    return read_docx(io.BytesIO(data))


example = example_fixture()


def _rezipped(change: Callable[[str, bytes], bytes]) -> Callable[[bytes], bytes]:
    """A package with each entry's bytes changed by ``change(name, bytes)``."""

    def rezip(data: bytes) -> bytes:
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(data)) as archive,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as written,
        ):
            for info in archive.infolist():
                written.writestr(
                    info.filename, change(info.filename, archive.read(info))
                )
        return out.getvalue()

    return rezip


# --------------------------------------------------- packages Word saves

_DOCUMENT = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


def _main_type(content_type: str) -> Callable[[bytes], bytes]:
    def change(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            assert _DOCUMENT in content
            return content.replace(_DOCUMENT, content_type.encode())
        return content

    return _rezipped(change)


_STRICT = (
    (
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
    (
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
        b"http://purl.oclc.org/ooxml/drawingml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
        b"http://purl.oclc.org/ooxml/officeDocument/math",
    ),
)


def _strict(name: str, content: bytes) -> bytes:
    """A part as Word's "Strict Open XML Document" names its namespaces."""
    if name.endswith((".xml", ".rels")):
        for transitional, strict in _STRICT:
            content = content.replace(transitional, strict)
    return content


PACKAGES = {
    "macro-enabled-document": _main_type(
        "application/vnd.ms-word.document.macroEnabled.main+xml"
    ),
    "template": _main_type(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    ),
    "macro-enabled-template": _main_type(
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
    ),
    "strict-open-xml": _rezipped(_strict),
}


@pytest.mark.parametrize("package", PACKAGES.values(), ids=PACKAGES.keys())
def test_every_kind_of_word_package_reads(
    example: Report, package: Callable[[bytes], bytes]
) -> None:
    """A .docm, .dotx, .dotm or Strict file served as .docx was refused."""
    report = _read(example, package=package)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_workbook_is_still_no_word_document(example: Report) -> None:
    from govinfo_report import ReadError

    package = _main_type(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    )
    with pytest.raises(ReadError):
        _read(example, package=package)


# --------------------------------------------------------------- fields

BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def _code(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve"> {text} </w:instrText></w:r>'


NO_RESULT = {
    # digits as text where Word keeps a field's code: it may show them or not
    "never-closed": BEGIN + _code("=SUM(ABOVE)") + w_run(PRINTED),
    "only-begun": BEGIN + w_run(PRINTED),
    "closed-without-a-result": BEGIN + w_run(PRINTED) + END,
}


@pytest.mark.parametrize("runs", NO_RESULT.values(), ids=NO_RESULT.keys())
def test_digits_in_a_field_showing_no_result_are_not_read(
    example: Report, runs: str
) -> None:
    """They were read as a blank cell, without a word."""
    report = _read(example, probe_runs(runs))
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any(
        f.kind is FindingKind.UNREAD_LINE and "没有结果的域" in f.message
        for f in report.reading_findings
    )


RESULTS = {
    "result-of-a-field-never-closed": BEGIN
    + _code("=SUM(ABOVE)")
    + SEPARATE
    + w_run(PRINTED),
    "a-field-begun-after-the-figure": w_run(PRINTED) + BEGIN + _code("PAGE"),
    "an-end-without-a-begin": w_run(PRINTED) + END,
    "a-separate-without-a-begin": w_run("12") + SEPARATE + w_run("68"),
    "a-simple-field": f'<w:fldSimple w:instr=" =SUM(ABOVE) ">{w_run(PRINTED)}</w:fldSimple>',
    "an-empty-simple-field-after": w_run(PRINTED) + '<w:fldSimple w:instr=" PAGE "/>',
}


@pytest.mark.parametrize("runs", RESULTS.values(), ids=RESULTS.keys())
def test_the_result_word_shows_is_read(example: Report, runs: str) -> None:
    report = _read(example, probe_runs(runs))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ---------------------------------------------------------- faint digits

FAINT = {
    "white-on-a-5-percent-pattern": '<w:color w:val="FFFFFF"/>'
    '<w:shd w:val="pct5" w:color="auto" w:fill="FFFFFF"/>',
    "white-on-a-5-percent-pattern-without-fill": '<w:color w:val="FFFFFF"/>'
    '<w:shd w:val="pct5" w:color="auto"/>',
    "near-white-on-the-page": '<w:color w:val="F0F0F0"/>',
    "near-black-on-black": '<w:color w:val="0A0A0A"/><w:shd w:val="clear" w:fill="1A1A1A"/>',
    # a speck: shown, but not as any digit one can read
    "a-size-of-one-and-a-half-points": '<w:sz w:val="3"/>',
    "a-size-of-two-points": '<w:sz w:val="4"/><w:szCs w:val="4"/>',
    "fitted-into-half-a-point": '<w:fitText w:val="10" w:id="7"/>',
}


@pytest.mark.parametrize("props", FAINT.values(), ids=FAINT.keys())
def test_digits_too_faint_to_read_are_not_read(example: Report, props: str) -> None:
    """White on a 5% pattern (a contrast of 1.12) was read as shown."""
    report = _read(example, probe_runs(w_run("12") + w_run("9", props) + w_run("68")))
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any("看不清" in f.message for f in report.reading_findings)


SEEN = {
    "white-on-a-10-percent-pattern": '<w:color w:val="FFFFFF"/>'
    '<w:shd w:val="pct10" w:color="auto"/>',
    "white-on-a-half-pattern": '<w:color w:val="FFFFFF"/><w:shd w:val="pct50" w:color="auto"/>',
    "yellow-on-the-page": '<w:color w:val="FFFF00"/>',
    "silver-on-the-page": '<w:color w:val="C0C0C0"/>',
    "a-size-of-three-points": '<w:sz w:val="6"/>',
    "fitted-into-its-own-width": '<w:fitText w:val="200" w:id="8"/>',
}


@pytest.mark.parametrize("props", SEEN.values(), ids=SEEN.keys())
def test_pale_digits_a_person_sees_are_read(example: Report, props: str) -> None:
    report = _read(example, probe_runs(w_run("12") + w_run("9", props) + w_run("68")))
    assert report[CELL] == 12968


def test_a_faint_label_changes_nothing(example: Report) -> None:
    """No digit in the faint text: nothing is left unread."""

    def edit(document: Any) -> None:
        replace_cell_runs(
            document, "行政许可", w_run("行政许可", '<w:color w:val="F0F0F0"/>')
        )

    report = _read(example, edit)
    assert dict(report.cells()) == dict(example.cells())


# -------------------------------------------------- tables as Word lays out


def _tracked_row(*, deleted: bool, runs_too: bool) -> Callable[[Any], None]:
    """A row printing 9 for 行政许可 before the real one, deleted (or
    inserted) with tracked changes."""

    def edit(document: Any) -> None:
        tr = w_cell(document).getparent()
        copy_ = copy.deepcopy(tr)
        for t in copy_.iter(W + "t"):
            if t.text == PRINTED:
                t.text = "9"
        mark = "del" if deleted else "ins"
        _row_properties(copy_ if deleted else tr).append(
            w_element(
                f'<w:{mark} w:id="91" w:author="a" w:date="2024-01-01T00:00:00Z"/>'
            )
        )
        if deleted and runs_too:
            for run in list(copy_.iter(W + "r")):
                for t in run.iter(W + "t"):
                    t.tag = W + "delText"
                wrapper = w_element('<w:del w:id="92" w:author="a"/>')
                run.addprevious(wrapper)
                wrapper.append(run)
        if deleted:
            tr.addprevious(copy_)

    return edit


def _deleted_cell(document: Any) -> None:
    tc = w_cell(document)
    ghost = copy.deepcopy(tc)
    for t in ghost.iter(W + "t"):
        t.text = "9"
    properties = ghost.find(W + "tcPr")
    if properties is None:
        properties = w_element("<w:tcPr/>")
        ghost.insert(0, properties)
    properties.append(w_element('<w:cellDel w:id="94" w:author="a"/>'))
    tc.addnext(ghost)


def _grid_before_for_merges(document: Any) -> None:
    """WPS leaves out a vertically merged cell, skipping its grid column."""
    count = 0
    for tr in document.element.body.iter(W + "tr"):
        cells = tr.findall(W + "tc")
        merge = cells[0].find(f"{W}tcPr/{W}vMerge") if cells else None
        if (
            merge is not None
            and merge.get(W + "val") != "restart"
            and not w_text(cells[0])
        ):
            tr.remove(cells[0])
            _row_properties(tr).insert(0, w_element('<w:gridBefore w:val="1"/>'))
            count += 1
    assert count


def _grid_after(document: Any) -> None:
    tr = w_cell(document).getparent()
    _row_properties(tr).insert(0, w_element('<w:gridAfter w:val="2"/>'))


def _one_column_grid(document: Any) -> None:
    for grid in document.element.body.iter(W + "tblGrid"):
        for column in list(grid)[1:]:
            grid.remove(column)


def _no_grid(document: Any) -> None:
    for grid in list(document.element.body.iter(W + "tblGrid")):
        grid.getparent().remove(grid)


def _in_a_content_control(document: Any) -> None:
    tc = w_cell(document)
    control = w_element("<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")
    tc.addprevious(control)
    control[1].append(tc)


def _hide_mark(document: Any) -> None:
    tc = w_cell(document)
    properties = tc.find(W + "tcPr")
    if properties is None:
        properties = w_element("<w:tcPr/>")
        tc.insert(0, properties)
    properties.append(w_element("<w:hideMark/>"))


def _right_to_left(document: Any) -> None:
    for properties in document.element.body.iter(W + "tblPr"):
        properties.append(w_element("<w:bidiVisual/>"))


TABLES = {
    "a-deleted-row-before-the-figure": _tracked_row(deleted=True, runs_too=False),
    "a-deleted-row-and-its-runs": _tracked_row(deleted=True, runs_too=True),
    "an-inserted-row": _tracked_row(deleted=False, runs_too=False),
    "a-deleted-cell-after-the-figure": _deleted_cell,
    "grid-before-in-place-of-merged-cells": _grid_before_for_merges,
    "grid-after-a-row": _grid_after,
    "a-grid-of-one-column": _one_column_grid,
    "no-grid": _no_grid,
    "a-cell-in-a-content-control": _in_a_content_control,
    "a-hidden-cell-mark": _hide_mark,
    "right-to-left-tables": _right_to_left,
}


@pytest.mark.parametrize("edit", TABLES.values(), ids=TABLES.keys())
def test_tables_as_word_and_wps_write_them_read_fully(
    example: Report, edit: Callable[[Any], None]
) -> None:
    report = _read(example, edit)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


RUNS = {
    "right-to-left-paragraph": f'<w:dir w:val="rtl">{w_run(PRINTED)}</w:dir>',
    "vertical-east-asian-layout": w_run(
        PRINTED, '<w:eastAsianLayout w:id="1" w:vert="1" w:vertCompress="1"/>'
    ),
    "tracked-replacement": '<w:del w:id="1" w:author="a"><w:r><w:delText>9999'
    '</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">'
    + w_run(PRINTED)
    + "</w:ins>",
}


@pytest.mark.parametrize("runs", RUNS.values(), ids=RUNS.keys())
def test_runs_as_word_shows_them_read_as_printed(example: Report, runs: str) -> None:
    report = _read(example, probe_runs(runs))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


NOTE_MARKS = {
    # a footnote's own mark typed after its reference, in the run's format:
    # "9" after 1268 on the line, but a note's mark, not a digit of it
    "custom-mark-on-the-line": w_run(PRINTED)
    + '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>9</w:t></w:r>',
    "custom-mark-raised": w_run(PRINTED)
    + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    '<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>9</w:t></w:r>',
    "custom-endnote-mark": w_run(PRINTED)
    + '<w:r><w:endnoteReference w:customMarkFollows="true" w:id="1"/><w:t>9</w:t></w:r>',
}


@pytest.mark.parametrize("runs", NOTE_MARKS.values(), ids=NOTE_MARKS.keys())
def test_a_custom_note_mark_is_no_digit_of_the_figure(
    example: Report, runs: str
) -> None:
    """An unraised custom mark was joined to the figure (12689)."""
    report = _read(example, probe_runs(runs))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert "自定义标记" in finding.message


def test_a_plain_note_reference_changes_nothing(example: Report) -> None:
    runs = w_run(PRINTED) + '<w:r><w:footnoteReference w:id="1"/></w:r>'
    report = _read(example, probe_runs(runs))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_list_number_typed_before_a_row_label_is_read_with_a_finding(
    example: Report,
) -> None:
    """``1.行政许可`` (a list number as text): the row was lost."""

    def edit(document: Any) -> None:
        replace_cell_runs(document, "行政许可", w_run("1.行政许可"))

    report = _read(example, edit)
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.LABEL_VARIANT


MARK_ALONE = {
    "superscript": w_run(PRINTED, '<w:vertAlign w:val="superscript"/>'),
    "subscript": w_run(PRINTED, '<w:vertAlign w:val="subscript"/>'),
    "ruby-annotation-alone": "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>1268</w:t></w:r>"
    "</w:rt><w:rubyBase><w:r><w:t></w:t></w:r></w:rubyBase></w:ruby></w:r>",
}


@pytest.mark.parametrize("runs", MARK_ALONE.values(), ids=MARK_ALONE.keys())
def test_a_cell_of_nothing_but_a_mark_of_digits_is_no_blank(
    example: Report, runs: str
) -> None:
    """A superscript 1268 alone in its cell was read as a blank."""
    report = _read(example, probe_runs(runs))
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)


NOTHING_SHOWN = {
    # struck out, always hidden or a speck: no figure is printed there
    "struck-out": w_run(PRINTED, "<w:strike/>"),
    "always-hidden": w_run(PRINTED, "<w:specVanish/>"),
    "a-size-of-one-point": w_run(PRINTED, '<w:sz w:val="2"/>'),
}


@pytest.mark.parametrize("runs", NOTHING_SHOWN.values(), ids=NOTHING_SHOWN.keys())
def test_a_cell_of_a_figure_struck_or_hidden_stays_a_blank(
    example: Report, runs: str
) -> None:
    report = _read(example, probe_runs(runs))
    assert report[CELL] is not MISSING
    assert report.reading_findings
