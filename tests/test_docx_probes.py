"""read_docx() probed with what real Word, WPS and generated files hold in a figure cell.

Each probe rewrites the one cell printing 1268 (行政许可, 本年处理决定) or
the table around it, the way an editor, a converter or a hostile file does,
and checks the figure against what Word shows: read exactly where a person
sees 1268 (a stale formula result, full-width digits, a hyphen that only
shows at a line end, merged cells of old Word, a table split at a page break
with its header rows repeated, a hidden paragraph mark joining two lines);
not read, with a finding, where what is shown is no one figure (two lines set
in one, a picture alone in the cell); read with a warning where the text is
a template's placeholder. Both paths are tried where they differ: our own
file (read by our styles) and the same file with its styles stripped (read
by label).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from typing import Any

import pytest

from govinfo_report import FindingKind, Report, read_docx
from govinfo_report._values import Mark
from helpers import (
    PROBE_CELL,
    W,
    assert_as_printed,
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
PLACE = "第 1 个表格第 7 行（行政许可）第 2 格"


def _read(
    example: Report, edit: Callable[[Any], None], *, foreign: bool = True
) -> Report:
    return read_docx(io.BytesIO(docx_bytes(example, edit, foreign=foreign)))


example = example_fixture()


# ------------------------------------------------ runs Word shows as 1268

FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "{}"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)

SHOWN_AS_PRINTED = {
    # Word shows a formula's stored result, not its instruction, until the
    # field is updated by hand (no w:dirty): the result printed is 1268
    "stale-simple-formula": f'<w:fldSimple w:instr=" =SUM(ABOVE) ">{w_run(PRINTED)}'
    "</w:fldSimple>",
    "formula-field": FIELD.format("=SUM(ABOVE)", w_run(PRINTED)),
    "nested-fields": FIELD.format(
        "IF " + FIELD.format("=9", w_run("9")) + ' = 9 "1268"', w_run(PRINTED)
    ),
    "legacy-text-form-field": '<w:r><w:fldChar w:fldCharType="begin"><w:ffData>'
    '<w:name w:val="T1"/><w:textInput><w:default w:val="9999"/></w:textInput>'
    "</w:ffData></w:fldChar></w:r>"
    '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    + w_run(PRINTED)
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    # a soft hyphen shows only where Word breaks the line
    "soft-hyphen": w_run("12") + "<w:r><w:softHyphen/></w:r>" + w_run("68"),
    "soft-hyphen-character": w_run("12\u00ad68"),
    "zero-width-space": w_run("12\u200b68"),
    "word-joiner": w_run("12\u206068"),
    "full-width-digits": w_run("１２６８"),
    # a symbol of a text font is its character, a full-width one too
    "full-width-symbol-of-a-chinese-font": '<w:r><w:sym w:font="宋体" w:char="FF11"/>'
    "</w:r>" + w_run("268"),
    "full-and-half-width": w_run("１2６8"),
    # digits keep their order in a right-to-left run or an embedding
    "right-to-left-run": w_run("12", "<w:rtl/>") + w_run("68", "<w:rtl/>"),
    "right-to-left-embedding": f'<w:dir w:val="rtl">{w_run(PRINTED)}</w:dir>',
    "left-to-right-override": f'<w:bdo w:val="ltr">{w_run(PRINTED)}</w:bdo>',
    "emphasis-dots": w_run(PRINTED, '<w:em w:val="dot"/>'),
    "off-the-grid": w_run(PRINTED, '<w:snapToGrid w:val="0"/>'),
    "all-caps": w_run(PRINTED, "<w:caps/>"),
    "vertical-in-horizontal": w_run(
        PRINTED, '<w:eastAsianLayout w:id="2" w:vert="1"/>'
    ),
    "combine-off": w_run(PRINTED, '<w:eastAsianLayout w:id="3" w:combine="0"/>'),
    "automatic-colour-on-black-shading": w_run(
        PRINTED, '<w:color w:val="auto"/><w:shd w:val="clear" w:fill="000000"/>'
    ),
    # a theme colour without w:val: background1 is the theme's white
    "theme-white-without-a-value": w_run("12")
    + w_run("9", '<w:color w:themeColor="background1"/>')
    + w_run("68"),
    "white-on-no-shading": w_run("12")
    + w_run("9", '<w:color w:val="FFFFFF"/><w:shd w:val="nil" w:fill="000000"/>')
    + w_run("68"),
    "white-on-no-highlight": w_run("12")
    + w_run("9", '<w:color w:val="FFFFFF"/><w:highlight w:val="none"/>')
    + w_run("68"),
    "lower-case-white": w_run("12")
    + w_run("9", '<w:color w:val="ffffff"/>')
    + w_run("68"),
    "footnote-reference-after": w_run(PRINTED)
    + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    '<w:footnoteReference w:id="1"/></w:r>',
    "comment-around-digits": w_run("12")
    + '<w:commentRangeStart w:id="0"/>'
    + w_run("68")
    + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
    "bookmark-inside": '<w:bookmarkStart w:id="0" w:name="a"/>'
    + w_run("12")
    + '<w:bookmarkEnd w:id="0"/>'
    + w_run("68"),
    "rendered-page-break": w_run("12")
    + "<w:r><w:lastRenderedPageBreak/><w:t>68</w:t></w:r>",
    "deleted-field-code": w_run(PRINTED)
    + '<w:del w:id="1" w:author="a"><w:r><w:delInstrText>9</w:delInstrText>'
    "</w:r></w:del>",
}


@pytest.mark.parametrize("runs", SHOWN_AS_PRINTED.values(), ids=SHOWN_AS_PRINTED.keys())
def test_runs_word_shows_as_the_figure_read_as_it(example: Report, runs: str) -> None:
    report = _read(example, probe_runs(runs))
    assert_as_printed(report, example)


SHOWN_WITH_THE_NINE = {
    # w:webHidden hides only in Web Layout: printed and in Print Layout, seen
    "web-hidden": w_run("12") + w_run("9", "<w:webHidden/>") + w_run("68"),
    # a run-level w:del is not a tracked deletion (only a paragraph mark's is)
    "deletion-mark-in-run-properties": w_run("12")
    + '<w:r><w:rPr><w:del w:id="3" w:author="a"/></w:rPr><w:t>9</w:t></w:r>'
    + w_run("68"),
    "white-imprinted": w_run("12")
    + w_run("9", '<w:color w:val="FFFFFF"/><w:imprint/>')
    + w_run("68"),
}


@pytest.mark.parametrize(
    "runs", SHOWN_WITH_THE_NINE.values(), ids=SHOWN_WITH_THE_NINE.keys()
)
def test_digits_word_shows_are_part_of_the_figure(example: Report, runs: str) -> None:
    report = _read(example, probe_runs(runs))
    assert report[CELL] == 12968
    assert report.reading_findings == ()


NOT_ONE_FIGURE = {
    # 12‑68 (a hyphen that never breaks), 12 68 (spaces), a page or column
    # break: what Word shows is not the figure 1268
    "non-breaking-hyphen": (
        w_run("12") + "<w:r><w:noBreakHyphen/></w:r>" + w_run("68"),
        None,
    ),
    "no-break-space": (w_run("12\u00a068"), FindingKind.EXTRA_CELL),
    "ideographic-space": (w_run("12\u300068"), FindingKind.EXTRA_CELL),
    "page-break": (
        w_run("12") + '<w:r><w:br w:type="page"/></w:r>' + w_run("68"),
        FindingKind.AMBIGUOUS,
    ),
    "column-break": (
        w_run("12") + '<w:r><w:br w:type="column"/></w:r>' + w_run("68"),
        FindingKind.AMBIGUOUS,
    ),
    # 1268 with a bidi control or a combining mark in it is no plain figure
    "left-to-right-mark": (w_run("12\u200e68"), None),
    "right-to-left-override-character": (w_run("\u202e8621"), None),
    "combining-tilde": (w_run("12\u030368"), None),
    "superscript-digit-inside": (w_run("12⁶8"), None),
    "arabic-indic-digits": (w_run("١٢٦٨"), FindingKind.UNREAD_LINE),
    "decimal-count": (w_run("1268.0"), FindingKind.UNREAD_LINE),
}


@pytest.mark.parametrize(
    ("runs", "kind"), NOT_ONE_FIGURE.values(), ids=NOT_ONE_FIGURE.keys()
)
def test_what_is_not_one_figure_is_missing_with_a_finding(
    example: Report, runs: str, kind: FindingKind | None
) -> None:
    report = _read(example, probe_runs(runs))
    assert report[CELL] is Mark.MISSING
    assert other_cells(report) == other_cells(example)
    assert report.reading_findings
    if kind is not None:
        assert kind in [f.kind for f in report.reading_findings]


# ----------------------------------------- two lines in one (双行合一)


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize(
    ("runs", "shown"),
    [
        (w_run(PRINTED, '<w:eastAsianLayout w:id="1" w:combine="1"/>'), "1268"),
        (
            w_run("12")
            + w_run("96", '<w:eastAsianLayout w:id="1" w:combine="on"/>')
            + w_run("8"),
            "96",
        ),
    ],
    ids=["whole-figure", "two-digits"],
)
def test_two_lines_set_in_one_are_no_figure(
    example: Report, runs: str, shown: str, foreign: bool
) -> None:
    """Word draws a combined run's first half over its second in one
    character's place (12 over 68): it was read as 1268 (or 12968)."""
    report = _read(example, probe_runs(runs), foreign=foreign)
    assert report[CELL] is Mark.MISSING
    assert other_cells(report) == other_cells(example)
    ours = [f for f in report.reading_findings if "双行合一" in f.message]
    assert len(ours) == 1
    assert ours[0].kind is FindingKind.UNREAD_LINE
    assert f"“{shown}”" in ours[0].message
    assert PLACE in ours[0].where


# ---------------------------------------------------- pictures in a cell

PICTURE = (
    '<w:r><w:drawing><wp:inline><wp:extent cx="90000" cy="90000"/>'
    "</wp:inline></w:drawing></w:r>"
)


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize(
    "runs",
    [
        PICTURE,
        '<w:r><w:object w:dxaOrig="200" w:dyaOrig="200"><v:shape id="e1"'
        ' style="width:10pt;height:10pt"/></w:object></w:r>',
    ],
    ids=["picture", "embedded-object"],
)
def test_a_picture_alone_in_a_figure_cell_is_no_blank(
    example: Report, runs: str, foreign: bool
) -> None:
    """A picture (of the figure, perhaps) where a figure stands was read as
    a blank cell, with no finding."""
    report = _read(example, probe_runs(runs), foreign=foreign)
    assert report[CELL] is Mark.MISSING
    assert other_cells(report) == other_cells(example)
    ours = [f for f in report.reading_findings if "图片或嵌入对象" in f.message]
    assert len(ours) == 1
    assert PLACE in ours[0].where


def test_a_picture_in_a_paragraph_below_the_figure_is_no_figure(
    example: Report,
) -> None:
    def edit(document: Any) -> None:
        w_cell(document, PRINTED).append(w_element(f"<w:p>{PICTURE}</w:p>"))

    report = _read(example, edit)
    assert report[CELL] is Mark.MISSING
    assert any("图片或嵌入对象" in f.message for f in report.reading_findings)


def test_a_line_shape_alone_is_a_blank_and_an_icon_by_a_label_changes_nothing(
    example: Report,
) -> None:
    """A drawn line (a 斜线表头) shows no figure; a picture beside a label's
    text is passed over."""

    def edit(document: Any) -> None:
        replace_cell_runs(
            document,
            PRINTED,
            '<w:r><w:pict><v:line from="0,0" to="10,10"/></w:pict></w:r>',
        )
        label = w_cell(document, "行政许可").find(W + "p")
        label.append(w_element(PICTURE))

    report = _read(example, edit)
    assert report[CELL] is Mark.BLANK
    assert other_cells(report) == other_cells(example)
    assert report.reading_findings == ()


# ------------------------------------------------ paragraphs in a cell


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize(
    "mark",
    ["<w:vanish/>", '<w:del w:id="8" w:author="a"/>', "<w:vanish/><w:specVanish/>"],
    ids=["hidden-mark", "deleted-mark", "style-separator"],
)
def test_a_hidden_paragraph_mark_joins_the_next_paragraph(
    example: Report, mark: str, foreign: bool
) -> None:
    """``12`` ending in a hidden (or deleted) paragraph mark, then ``68``:
    Word shows one line, 1268; it was read as two figures and the row missing."""

    def edit(document: Any) -> None:
        replace_cell_runs(document, PRINTED, w_run("12"))
        cell = w_cell(document, "12")
        paragraph = cell.find(W + "p")
        paragraph.find(W + "pPr").append(w_element(f"<w:rPr>{mark}</w:rPr>"))
        cell.append(w_element(f"<w:p>{w_run('68')}</w:p>"))

    report = _read(example, edit, foreign=foreign)
    assert_as_printed(report, example)


def test_two_paragraphs_with_shown_marks_are_two_lines(example: Report) -> None:
    def edit(document: Any) -> None:
        replace_cell_runs(document, PRINTED, w_run("12"))
        w_cell(document, "12").append(w_element(f"<w:p>{w_run('68')}</w:p>"))

    report = _read(example, edit)
    assert report[CELL] is Mark.MISSING
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)


# ------------------------------------------------ content controls


@pytest.mark.parametrize(
    ("runs", "read"),
    [
        (
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            f"{w_run(PRINTED)}</w:sdtContent></w:sdt>",
            1268,
        ),
        (
            w_run("12")
            + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            + w_run("9")
            + "</w:sdtContent></w:sdt>"
            + w_run("68"),
            12968,
        ),
    ],
    ids=["whole-figure", "one-digit"],
)
def test_a_content_control_showing_its_placeholder_is_read_with_a_warning(
    example: Report, runs: str, read: int
) -> None:
    """Word shows (and prints) a placeholder, greyed: the template's prompt,
    not a figure filled in. It was read with no word of it."""
    report = _read(example, probe_runs(runs))
    assert report[CELL] == read
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "w:showingPlcHdr" in finding.message
    assert PLACE in finding.where


def test_a_filled_in_content_control_is_read_without_a_word(example: Report) -> None:
    runs = (
        '<w:sdt><w:sdtPr><w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent>'
        f"{w_run(PRINTED)}</w:sdtContent></w:sdt>"
    )
    report = _read(example, probe_runs(runs))
    assert report[CELL] == 1268
    assert report.reading_findings == ()


# ---------------------------------------------------- tables and merges


def _hmerge(tc: Any, stale: str = "") -> None:
    """The cell's ``w:gridSpan`` written as old Word did: ``w:hMerge``."""
    tc_pr = tc.find(W + "tcPr")
    span = tc_pr.find(W + "gridSpan")
    count = int(span.get(W + "val"))
    tc_pr.remove(span)
    tc_pr.append(w_element('<w:hMerge w:val="restart"/>'))
    for _ in range(count - 1):
        twin = copy.deepcopy(tc)
        twin_pr = twin.find(W + "tcPr")
        twin_pr.remove(twin_pr.find(W + "hMerge"))
        twin_pr.append(w_element('<w:hMerge w:val="continue"/>'))
        for t in twin.iter(W + "t"):
            t.text = stale
        tc.addnext(twin)


def _hmerge_labels(document: Any) -> None:
    for tc in list(document.element.body.iter(W + "tc")):
        spanned = tc.find(f"{W}tcPr/{W}gridSpan") is not None
        if spanned and w_text(tc).startswith(("一、", "二、", "四、")):
            _hmerge(tc)


def _requests_table(document: Any) -> Any:
    return list(document.element.body.iter(W + "tbl"))[1]


def _split_requests(*, header: bool, between: str = "") -> Callable[[Any], None]:
    """Table 3 cut in two before its 13th row, as at a page break."""

    def edit(document: Any) -> None:
        table = _requests_table(document)
        rows = table.findall(W + "tr")
        second = copy.deepcopy(table)
        for tr in second.findall(W + "tr"):
            second.remove(tr)
        if header:
            for tr in rows[:3]:
                second.append(copy.deepcopy(tr))
        for tr in rows[12:]:
            second.append(tr)
        table.addnext(second)
        if between:
            table.addnext(w_element(f"<w:p>{between}</w:p>"))

    return edit


def _header_rows_again(document: Any) -> None:
    """Table 3's three header rows typed again in the middle (a page break
    reached by hand)."""
    rows = _requests_table(document).findall(W + "tr")
    for tr in reversed(rows[:3]):
        rows[12].addprevious(copy.deepcopy(tr))


def _repeated_header(document: Any) -> None:
    for tr in _requests_table(document).findall(W + "tr")[:3]:
        tr_pr = tr.find(W + "trPr")
        if tr_pr is None:
            tr_pr = w_element("<w:trPr/>")
            tr.insert(0, tr_pr)
        tr_pr.append(w_element("<w:tblHeader/>"))


def _stale_covered_cells(document: Any) -> None:
    """Text left in the cells a vertical merge covers (Word does not show it)."""
    for tc in document.element.body.iter(W + "tc"):
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(W + "val") is None and not w_text(tc):
            tc.find(W + "p").append(w_element("<w:r><w:t>9</w:t></w:r>"))


def _headers_and_footers(document: Any) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = "行政许可 9999"
    section.footer.paragraphs[0].text = "行政处罚 8888 第 1 页"


def _nested_table(document: Any) -> None:
    cell = w_cell(document, PRINTED)
    paragraph = cell.find(W + "p")
    paragraph.addprevious(
        w_element(
            "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>"
            f"<w:p>{w_run(PRINTED)}</w:p></w:tc></w:tr></w:tbl>"
        )
    )
    cell.remove(paragraph)
    cell.append(w_element("<w:p/>"))


def _span(value: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        w_cell(document, PRINTED).find(f"{W}tcPr/{W}gridSpan").set(W + "val", value)

    return edit


def _vertical_text(document: Any) -> None:
    w_cell(document, PRINTED).find(W + "tcPr").append(
        w_element('<w:textDirection w:val="btLr"/>')
    )


TABLES = {
    "old-word-horizontal-merge-of-the-figure": lambda d: _hmerge(w_cell(d, PRINTED)),
    "old-word-horizontal-merge-of-labels": _hmerge_labels,
    "stale-text-under-a-vertical-merge": _stale_covered_cells,
    "split-at-a-page-break": _split_requests(header=False),
    "split-with-its-header-rows-repeated": _split_requests(header=True),
    "split-with-a-page-break-between": _split_requests(
        header=True, between='<w:r><w:br w:type="page"/></w:r>'
    ),
    "header-rows-typed-again-mid-table": _header_rows_again,
    "header-rows-repeated-on-each-page": _repeated_header,
    "text-in-headers-and-footers": _headers_and_footers,
    "figure-in-a-one-cell-nested-table": _nested_table,
    "span-past-the-grid": _span("50"),
    "span-of-zero": _span("0"),
    "vertical-text-direction": _vertical_text,
}


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("name", TABLES.keys())
def test_tables_as_word_lays_them_out_read_back_equal(
    example: Report, name: str, foreign: bool
) -> None:
    report = _read(example, TABLES[name], foreign=foreign)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_stale_text_in_old_word_merged_cells_is_never_joined(example: Report) -> None:
    """Old text left in ``w:hMerge`` continuation cells: the row has more
    figures than it should, and says so, never a figure made of them."""
    report = _read(example, lambda d: _hmerge(w_cell(d, PRINTED), stale="9"))
    assert report[CELL] is Mark.MISSING
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)


def test_two_figures_in_a_nested_table_are_not_one(example: Report) -> None:
    def edit(document: Any) -> None:
        cell = w_cell(document, PRINTED)
        paragraph = cell.find(W + "p")
        paragraph.addprevious(
            w_element(
                "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
                f"<w:tr><w:tc><w:p>{w_run('12')}</w:p></w:tc><w:tc><w:p>{w_run('68')}</w:p>"
                "</w:tc></w:tr></w:tbl>"
            )
        )
        cell.remove(paragraph)
        cell.append(w_element("<w:p/>"))

    report = _read(example, edit)
    assert report[CELL] is Mark.MISSING
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)
