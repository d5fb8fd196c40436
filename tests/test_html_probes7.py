"""read_html() probed, round 7: what a page's style sheet says of flex
boxes and table rows, checked against Chromium's print to PDF.

Each probe replaces the one cell printing 行政许可's 1268 (or a row of
table 2) on a general page and, where it fits, on a page `write_html` made.
"""

from __future__ import annotations

import pytest

from govinfo_report import MISSING, FindingKind, Report, Severity, read_html
from helpers import PROBE_CELL, html_probe_fixtures, other_cells
from test_html_hostile import _with_sheet

CELL = PROBE_CELL

example, page, put = html_probe_fixtures()


def _put_with_sheet(put: object, inner: str, css: str) -> Report:
    assert callable(put)
    built = put(inner)
    assert isinstance(built, str)
    return read_html(_with_sheet(built, css))


# ------------------------------- a flex box's layout given by a style sheet

_ITEMS = '<div class="f"><span>68</span><span>12</span></div>'
SHEET_REVERSED = {
    "flex-flow": ".f{display:flex;flex-flow:row-reverse}",
    "flex-flow-nowrap": ".f{display:inline-flex;flex-flow:row-reverse nowrap}",
    "flex-flow-split": ".f{display:flex}.f{flex-flow:row-reverse}",
}


@pytest.mark.parametrize("css", SHEET_REVERSED.values(), ids=SHEET_REVERSED.keys())
def test_a_flex_flow_from_a_sheet_is_read_as_the_screen_shows_it(
    put: object, example: Report, css: str
) -> None:
    """Chromium shows 1268 (as for the same style inline): the sheet's
    ``flex-flow`` was dropped (only the properties the reader looks at are
    taken from a sheet) and the cell read 6812 with nothing to say."""
    report = _put_with_sheet(put, _ITEMS, css)
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.WARNING
    assert "按屏幕上的顺序读作“1268”" in finding.message
    assert other_cells(report) == other_cells(example)


SHEET_UNCERTAIN = {
    "wraps": ".f{display:flex;flex-direction:row-reverse;flex-wrap:wrap}",
    "flow-wraps": ".f{display:flex;flex-flow:row-reverse wrap}",
    "vertical": ".f{display:flex;flex-direction:row-reverse;writing-mode:vertical-rl}",
}


@pytest.mark.parametrize("css", SHEET_UNCERTAIN.values(), ids=SHEET_UNCERTAIN.keys())
def test_a_flex_box_a_sheet_may_wrap_is_not_read(
    put: object, example: Report, css: str
) -> None:
    """Items that may wrap (or run down a vertical line) have no certain
    order: the sheet's ``flex-wrap``/``writing-mode`` was dropped and the
    cell read 1268 as if on one line, with a warning only."""
    report = _put_with_sheet(put, _ITEMS, css)
    assert report[CELL] is MISSING
    (order,) = [f for f in report.reading_findings if "顺序" in f.message]
    assert order.kind is FindingKind.AMBIGUOUS
    assert order.severity is Severity.ERROR
    assert "源码中为“6812”，以“〓”代替" in order.message
    assert other_cells(report) == other_cells(example)


# ------------------------------------- a whole row laid out by its own style

ROW = "<tr><td>行政规范性文件</td><td>4</td><td>1</td><td>23</td></tr>"
ROW_CELLS = tuple(
    f"active.normative_documents.{c}" for c in ("issued", "repealed", "in_force")
)


def _with_row(page: str, tr: str, css: str = "") -> Report:
    """``page`` with table 2's row of 行政规范性文件 opened by ``tr`` (a
    ``<tr …>``, or the whole row when it ends ``</tr>``), and the sheet ``css``."""
    assert page.count(ROW) == 1
    row = tr if tr.endswith("</tr>") else ROW.replace("<tr>", tr)
    return read_html(_with_sheet(page.replace(ROW, row), css))


def _others(report: Report) -> dict[str, object]:
    return {k: v for k, v in dict(report.cells()).items() if k not in ROW_CELLS}


SCRAMBLED_ROWS = {
    # Chromium: `23 1 4 行政规范性文件` in the first column, under 信息内容
    "reversed": ('<tr style="display:flex;flex-direction:row-reverse">', ""),
    "reversed-by-sheet": ('<tr class="r">', "tr.r{display:flex;flex-flow:row-reverse}"),
    "rtl-row": ('<tr style="display:flex;direction:rtl">', ""),
    # `行政规范性文件 1 23 4`
    "order": (
        '<tr style="display:flex"><td>行政规范性文件</td><td style="order:3">4</td>'
        "<td>1</td><td>23</td></tr>",
        "",
    ),
    "grid": ('<tr style="display:grid;grid-template-columns:1fr 1fr">', ""),
    "mirrored": ('<tr style="transform:scaleX(-1)">', ""),
}


@pytest.mark.parametrize(
    ("tr", "css"), SCRAMBLED_ROWS.values(), ids=SCRAMBLED_ROWS.keys()
)
def test_a_row_whose_figures_the_screen_moves_is_not_read(
    page: str, example: Report, tr: str, css: str
) -> None:
    """The screen puts the row's figures elsewhere than under their headers
    (reversed, reordered, in a grid, mirrored): they were read in source
    order as 4, 1, 23 (the error said only that the order may differ)."""
    report = _with_row(page, tr, css)
    for cell in ROW_CELLS:
        assert report[cell] is MISSING
    (row,) = [f for f in report.reading_findings if "整行由样式" in f.message]
    assert row.kind is FindingKind.AMBIGUOUS
    assert row.severity is Severity.ERROR
    assert "源码中为“行政规范性文件 4 1 23”" in row.message
    assert _others(report) == _others(example)


KEPT_ROWS = {
    # Chromium: `行政规范性文件 4 1 23` in the first column
    "flex": ('<tr style="display:flex">', ""),
    "flex-wrapping": ('<tr style="display:flex;flex-wrap:wrap">', ""),
    # a table read right to left mirrors its headers as the row: `23 1 4
    # 行政规范性文件` under 现行有效件数 本年废止件数 本年制发件数 信息内容
    "flex-in-rtl-table": ('<tr style="display:flex">', "table{direction:rtl}"),
    "reversed-in-rtl-table": (
        '<tr style="display:flex;flex-direction:row-reverse;direction:ltr">',
        "table{direction:rtl}",
    ),
}


@pytest.mark.parametrize(("tr", "css"), KEPT_ROWS.values(), ids=KEPT_ROWS.keys())
def test_a_row_laid_out_in_the_order_of_its_headers_is_read_with_a_warning(
    page: str, example: Report, tr: str, css: str
) -> None:
    """The row's figures follow the headers' order on the screen: read by
    the label, with a warning (was an error)."""
    report = _with_row(page, tr, css)
    assert dict(report.cells()) == dict(example.cells())
    (row,) = report.reading_findings
    assert row.kind is FindingKind.AMBIGUOUS
    assert row.severity is Severity.WARNING
    assert "整行由样式" in row.message


def test_a_row_of_one_figure_is_read_by_its_label(page: str, example: Report) -> None:
    """行政许可 and 1268 reversed (`1268 行政许可` on the screen): one figure,
    certain whatever the order; read with a warning (was an error)."""
    row = "<tr><td>行政许可</td><td>1268</td></tr>"
    flex = '<tr style="display:flex;flex-direction:row-reverse">'
    report = read_html(page.replace(row, row.replace("<tr>", flex)))
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert finding.severity is Severity.WARNING
    assert dict(report.cells()) == dict(example.cells())


# ------------- text added by a rule of pseudo-classes or attribute selectors

ADDED_BY_A_RULE = {
    # (css, the cell's inner HTML): Chromium shows 1268 for each
    "attr": ("td b[data-n]::after{content:attr(data-n)}", '<b data-n="8">126</b>'),
    "attribute-value": (
        'td b[title^="n"]::after{content:"8"}',
        '<b title="note">126</b>',
    ),
    "nth-child": ('td b:nth-child(2)::after{content:"8"}', "<b>1</b><b>26</b>"),
    "first-of-type": ('td i:first-of-type::before{content:"1"}', "<i>268</i>"),
    "not": ('td b:not(.x)::after{content:"8"}', "<b>126</b>"),
    "is": (':is(td, th) :where(b)::after{content:"8"}', "<b>126</b>"),
    "sibling": ('td b + i::after{content:"8"}', "<b>12</b><i>6</i>"),
    "counter-last-child": ("td b:last-child::before{content:counter(x)}", "<b>268</b>"),
    "not-hovered": ('td b:not(:hover)::after{content:"8"}', "<b>126</b>"),
}


@pytest.mark.parametrize(
    ("css", "inner"), ADDED_BY_A_RULE.values(), ids=ADDED_BY_A_RULE.keys()
)
def test_text_a_rule_of_pseudo_classes_adds_leaves_the_cell_unread(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The rule adds a digit the screen shows after or before the cell's
    digits: the cell was read 126 (or 268), with a warning on the sheet
    naming no cell; its elements are now matched, and the cell is 〓."""
    report = _put_with_sheet(put, inner, css)
    assert report[CELL] is MISSING
    (sheet,) = [f for f in report.reading_findings if f.where == "样式表"]
    (missing,) = [f for f in report.reading_findings if f is not sheet]
    assert missing.cells == (CELL,)
    assert "〓" in missing.message
    assert other_cells(report) == other_cells(example)


ADDED_TO_NOTHING_SHOWN = {
    "hover": ('td b:hover::after{content:"8"}', "<b>1268</b>"),
    "focus": ("td b:focus::before{content:counter(x)}", "<b>1268</b>"),
    "nth-child-of-none": ('td b:nth-child(2)::after{content:"8"}', "<b>1268</b>"),
    "not-this-one": ('td b:not([title])::after{content:"8"}', '<b title="x">1268</b>'),
    "no-such-attribute": ("td b[data-n]::after{content:attr(data-n)}", "<b>1268</b>"),
}


@pytest.mark.parametrize(
    ("css", "inner"), ADDED_TO_NOTHING_SHOWN.values(), ids=ADDED_TO_NOTHING_SHOWN.keys()
)
def test_a_rule_of_pseudo_classes_styling_no_figure_leaves_it_read(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The rule styles no element of the cell on the page at rest (a pointer
    over it, a focus, another child): 1268 as the screen shows it, the rule
    reported on the sheet."""
    report = _put_with_sheet(put, inner, css)
    assert report[CELL] == 1268
    (sheet,) = report.reading_findings
    assert sheet.where == "样式表"
    assert dict(report.cells()) == dict(example.cells())


# ------------------ rules of descendants, attributes and pseudo-classes applied

HIDDEN_BY_A_RULE = {
    # (css, the cell's inner HTML): Chromium shows 1268 for each
    "descendant": ("td .x{display:none}", '12<b class="x">9</b>68'),
    "child-of-type": ("td > b:nth-of-type(2){display:none}", "<b>12</b><b>9</b>68"),
    "attribute": ('b[title="旧"]{display:none}', '12<b title="旧">9</b>68'),
    "not": ("td b:not(.new){visibility:hidden}", '12<b>9</b><b class="new">68</b>'),
    "sibling": ("td i + b{color:#fff}", "12<i></i><b>9</b>68"),
    "where-and-is": (
        ":where(table) :is(td, th) .x{font-size:0}",
        '12<span class="x">9</span>68',
    ),
}


@pytest.mark.parametrize(
    ("css", "inner"), HIDDEN_BY_A_RULE.values(), ids=HIDDEN_BY_A_RULE.keys()
)
def test_a_rule_of_descendants_or_pseudo_classes_that_hides_is_applied(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The rule hides the 9: it was read 12968, with a warning on the
    sheet that the rule was not applied; its elements are now known."""
    report = _put_with_sheet(put, inner, css)
    assert report[CELL] == 1268
    assert report.reading_findings == ()
    assert dict(report.cells()) == dict(example.cells())


def test_the_heavier_rule_wins_as_in_a_browser(put: object, example: Report) -> None:
    """``table td .x`` (more specific) shows what ``td .x`` hides: Chromium
    shows 12968, read with no warning on the sheet (was one)."""
    css = "td .x{display:none} table td .x{display:inline}"
    report = _put_with_sheet(put, '12<b class="x">9</b>68', css)
    assert report[CELL] == 12968
    assert report.reading_findings == ()
    assert other_cells(report) == other_cells(example)


def test_a_box_a_descendant_rule_lays_over_a_figure_leaves_it_unread(
    put: object, example: Report
) -> None:
    """``table .fix`` lays a white box over 1268 (Chromium shows a blank):
    it was read 1268 with a warning on the sheet; the cover is now seen."""
    css = "table .fix{position:absolute;inset:0;background:#fff}"
    inner = '<div style="position:relative">1268<div class="fix"></div></div>'
    report = _put_with_sheet(put, inner, css)
    assert report[CELL] is MISSING
    (cover,) = [f for f in report.reading_findings if "方框" in f.message]
    assert cover.kind is FindingKind.AMBIGUOUS
    assert not [f for f in report.reading_findings if f.where == "样式表"]
    assert other_cells(report) == other_cells(example)


def test_rules_beyond_the_comparisons_bound_are_reported_not_half_applied(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `MAX_CHECKS` comparisons no rule of such selectors is applied
    (half a cascade may hide what a later rule shows): the hiding one is
    named on the sheet, as a rule not applied."""
    from govinfo_report._readers import _css_exact

    monkeypatch.setattr(_css_exact, "MAX_CHECKS", 3)
    cell = '<td>12<b class="x">9</b>68</td>'
    css = "td .x{display:none} table td .x{display:inline}"
    report = read_html(_with_sheet(page.replace("<td>1268</td>", cell), css))
    assert report[CELL] == 12968
    (sheet,) = [f for f in report.reading_findings if f.where == "样式表"]
    assert "“td .x”" in sheet.message
    assert "未能应用" in sheet.message


# -------------------------------------------- a box of no line hides its text

NO_LINE = {
    # (css, the cell's inner HTML): Chromium shows `12 68`, the 9 clipped away
    "inline-block": (
        "",
        '12<span style="display:inline-block;line-height:0;overflow:hidden">9</span>68',
    ),
    "a pixel": (
        "",
        '12<span style="display:inline-block;line-height:1px;overflow:hidden">9</span>68',
    ),
    "half-a-line": (
        "",
        '12<span style="display:inline-block;line-height:.5;overflow:hidden">9</span>68',
    ),
    "unitless": (
        "",
        '12<span style="display:inline-block;line-height:.1;overflow:hidden">9</span>68',
    ),
    "by-sheet": (
        ".z{display:inline-block;line-height:0;overflow:hidden}",
        '12<span class="z">9</span>68',
    ),
}


NO_LINE |= {
    # a box too small for a digit: Chromium shows a sliver of the 9
    "narrow": (
        "",
        '12<span style="display:inline-block;width:3px;overflow:hidden">9</span>68',
    ),
    "low": (
        "",
        '12<span style="display:inline-block;height:3px;overflow:hidden">9</span>68',
    ),
    "narrow-by-sheet": (
        ".n{display:inline-block;max-width:2px;overflow-x:hidden}",
        '12<span class="n">9</span>68',
    ),
    # each character a disc: `12●68`
    "masked": ("", '12<span style="-webkit-text-security:disc">9</span>68'),
}


@pytest.mark.parametrize(("css", "inner"), NO_LINE.values(), ids=NO_LINE.keys())
def test_a_box_of_no_line_that_clips_leaves_the_cell_unread(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The 9 is clipped to a line of no height: it was read 12968 with
    nothing to say. A child may set a line of its own, which the style does
    not tell: the cell is 〓, never read without the 9 either."""
    report = _put_with_sheet(put, inner, css)
    assert report[CELL] is MISSING
    (doubt,) = [f for f in report.reading_findings if "样式" in f.message]
    assert doubt.where.startswith("第 1 个表格")
    assert other_cells(report) == other_cells(example)


LINES_SHOWN = {
    # an inline box is not clipped; a box given a height shows its line
    "inline": '12<span style="line-height:0;overflow:hidden">9</span>68',
    "with-height": '12<span style="display:inline-block;line-height:0;'
    'overflow:hidden;height:20px">9</span>68',
    "most-of-a-line": '12<span style="display:inline-block;line-height:.7;'
    'overflow:hidden">9</span>68',
    "wide-enough": '12<span style="display:inline-block;width:12px;'
    'overflow:hidden">9</span>68',
    "inline-ignores-sizes": '12<span style="width:2px;height:2px;overflow:hidden">9</span>68',
}


@pytest.mark.parametrize("inner", LINES_SHOWN.values(), ids=LINES_SHOWN.keys())
def test_a_line_that_shows_its_text_is_read(put: object, inner: str) -> None:
    """Chromium shows 12968 (the 9 whole, or near enough on 0.7 of a line)."""
    assert callable(put)
    built = put(inner)
    assert isinstance(built, str)
    report = read_html(built)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "css",
    [
        ".s::selection{color:#fff}",
        "td span::-moz-selection{color:#fff;background:#fff}",
        ".s::target-text{display:none}",
    ],
    ids=["selection", "moz-selection", "target-text"],
)
def test_a_rule_for_selected_text_hides_nothing_at_rest(put: object, css: str) -> None:
    """``::selection`` paints only text a person selects: the 9 is on the
    screen (12968), which was read with a warning that the rule may hide it."""
    report = _put_with_sheet(put, '12<span class="s">9</span>68', css)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


# ------------------ a row of <div> cells outside tables laid out by flex or grid

_GRID = '<div style="display:grid;grid-template-columns:repeat(4,1fr)">{}</div>'


def _with_box(page: str, box: str) -> Report:
    """``page`` with table 2's row of 行政规范性文件 taken out of the table
    as ``box`` (a row of ``<div>`` cells)."""
    assert page.count(ROW) == 1
    return read_html(page.replace(ROW, f"</table>{box}<table>"))


BOXES_NOT_KNOWN = {
    # Chromium: `行政规范性文件 4 1 23` (read 23, 4, 1 with nothing to say)
    "grid-placed": _GRID.format(
        '<div>行政规范性文件</div><div style="grid-column:4">23</div>'
        '<div style="grid-column:2;grid-row:1">4</div>'
        '<div style="grid-column:3;grid-row:1">1</div>'
    ),
    # Chromium: `2314 行政规范性文件` (read 4, 1, 23 with nothing to say)
    "flex-reversed": '<div style="display:flex;flex-direction:row-reverse">'
    "<div>行政规范性文件</div><div>4</div><div>1</div><div>23</div></div>",
    "flex-may-wrap-reversed": '<div style="display:flex;flex-flow:row-reverse wrap">'
    "<div>行政规范性文件</div><div>4</div><div>1</div><div>23</div></div>",
}


@pytest.mark.parametrize("box", BOXES_NOT_KNOWN.values(), ids=BOXES_NOT_KNOWN.keys())
def test_a_row_of_div_cells_placed_out_of_order_is_not_read(
    page: str, example: Report, box: str
) -> None:
    report = _with_box(page, box)
    for cell in ROW_CELLS:
        assert report[cell] is MISSING
    (order,) = [f for f in report.reading_findings if "flex 或 grid" in f.message]
    assert order.kind is FindingKind.AMBIGUOUS
    assert order.severity is Severity.ERROR
    assert _others(report) == _others(example)


def test_a_grid_row_reordered_for_certain_is_read_as_shown(
    page: str, example: Report
) -> None:
    """``order:3`` on the 4: Chromium shows `行政规范性文件 1 23 4` under the
    headers; read 4, 1, 23 (the source's) with nothing to say."""
    box = _GRID.format(
        '<div>行政规范性文件</div><div style="order:3">4</div><div>1</div><div>23</div>'
    )
    report = _with_box(page, box)
    assert [report[c] for c in ROW_CELLS] == [1, 23, 4]
    (order,) = report.reading_findings
    assert order.severity is Severity.WARNING
    assert "按屏幕上的顺序读作“行政规范性文件 1 23 4”" in order.message
    assert _others(report) == _others(example)


BOXES_IN_ORDER = {
    "grid": _GRID.format(
        "<div>行政规范性文件</div><div>4</div><div>1</div><div>23</div>"
    ),
    "flex": '<div style="display:flex"><div>行政规范性文件</div><div>4</div>'
    "<div>1</div><div>23</div></div>",
    "flex-wrapping": '<div style="display:flex;flex-wrap:wrap"><div>行政规范性文件'
    "</div><div>4</div><div>1</div><div>23</div></div>",
}


@pytest.mark.parametrize("box", BOXES_IN_ORDER.values(), ids=BOXES_IN_ORDER.keys())
def test_a_row_of_div_cells_in_the_source_order_is_read(
    page: str, example: Report, box: str
) -> None:
    report = _with_box(page, box)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_reversed_inline_flex_in_a_paragraph_is_read_as_shown(
    page: str, example: Report
) -> None:
    """``行政规范性文件 4 1 <span style="display:inline-flex;flex-direction:
    row-reverse"><span>3</span><span>2</span></span>`` shows 23 (Chromium):
    it was read 32 with nothing to say (flex boxes were ordered in cells only)."""
    flex = '<span style="display:inline-flex;flex-direction:row-reverse">'
    report = _with_box(
        page, f"<p>行政规范性文件 4 1 {flex}<span>3</span><span>2</span></span></p>"
    )
    assert [report[c] for c in ROW_CELLS] == [4, 1, 23]
    (order,) = report.reading_findings
    assert order.severity is Severity.WARNING
    assert _others(report) == _others(example)
