"""read_html() probed, round 6: flex boxes that really reorder a cell's
figure, read as the screen shows it (checked in Chromium's print to PDF).

Each probe replaces the one cell printing 行政许可's 1268 on a general page
and on a page `write_html` made. Where a browser's order is certain
(``flex-direction:row-reverse``, ``order`` on the items of one line,
``direction:rtl``) the figure on the screen is read, with a warning; where
it is not (the items may wrap, a grid, a float beside other digits) the cell
is not read (〓), with the error: never a figure in source order.
"""

from __future__ import annotations

import pytest

from govinfo_report import MISSING, FindingKind, Report, Severity, read_html
from helpers import PROBE_CELL, html_probe_fixtures, other_cells
from test_html_hostile import _read, _with_sheet

CELL = PROBE_CELL

example, page, put = html_probe_fixtures()


_ITEMS = "<span>68</span><span>12</span>"
REORDERED = {
    "row-reverse": f'<div style="display:flex;flex-direction:row-reverse">{_ITEMS}</div>',
    "flex-flow-reverse": '<div style="display:inline-flex;flex-flow:row-reverse nowrap">'
    f"{_ITEMS}</div>",
    "order-on-items": '<div style="display:flex"><span style="order:2">68</span>'
    '<span style="order:1">12</span></div>',
    "negative-order-beside-text": '<div style="display:flex">68'
    '<span style="order:-1">12</span></div>',
    "rtl-row": f'<div style="display:flex;direction:rtl">{_ITEMS}</div>',
    "rtl-inherited": f'<div dir="rtl"><div style="display:flex">{_ITEMS}</div></div>',
    "div-items-reversed": '<div style="display:flex;flex-direction:row-reverse">'
    "<div>68</div><div>12</div></div>",
}


@pytest.mark.parametrize("inner", REORDERED.values(), ids=REORDERED.keys())
def test_a_flex_box_that_reorders_is_read_as_the_screen_shows_it(
    put: object, example: Report, inner: str
) -> None:
    """Chromium shows 1268 for each: it was read in source order as 6812
    (a figure the screen does not show), with an ``AMBIGUOUS`` error."""
    report = _read(put, inner)
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.WARNING
    assert "按屏幕上的顺序读作“1268”" in finding.message
    assert other_cells(report) == other_cells(example)


IN_SOURCE_ORDER = {
    "reverse-and-rtl": '<div style="display:flex;flex-direction:row-reverse;'
    'direction:rtl"><span>12</span><span>68</span></div>',
    "div-items": '<div style="display:flex"><div>12</div><div>68</div></div>',
    "orders-keeping-the-source": '<div style="display:flex"><span style="order:1">12'
    '</span><span style="order:1">68</span></div>',
}


@pytest.mark.parametrize("inner", IN_SOURCE_ORDER.values(), ids=IN_SOURCE_ORDER.keys())
def test_a_flex_box_keeping_the_source_order_is_read_with_nothing_to_say(
    put: object, example: Report, inner: str
) -> None:
    """Two ``<div>`` items of a flex row stand side by side (1268 in
    Chromium), not on two lines; they were read with an error on the order."""
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert report.reading_findings == ()


NOT_CERTAIN = {
    "may-wrap": '<div style="display:flex;flex-wrap:wrap;flex-direction:row-reverse">'
    f"{_ITEMS}</div>",
    "flow-wraps": f'<div style="display:flex;flex-flow:row-reverse wrap">{_ITEMS}</div>',
    "grid": f'<div style="display:grid;grid-template-columns:1fr 1fr">{_ITEMS}</div>',
    "grid-placed": '<div style="display:grid"><span style="grid-column:2">68</span>'
    '<span style="grid-column:1">12</span></div>',
    "dir-auto": f'<div dir="auto" style="display:flex">{_ITEMS}</div>',
    "float-beside-digits": '<span style="float:right">68</span>12',
    "order-not-a-number": '<div style="display:flex"><span style="order:2.5">68'
    "</span><span>12</span></div>",
}


@pytest.mark.parametrize("inner", NOT_CERTAIN.values(), ids=NOT_CERTAIN.keys())
def test_pieces_in_an_order_that_cannot_be_known_are_not_read(
    put: object, example: Report, inner: str
) -> None:
    """Read as 6812 in source order with an error: a figure nobody may see."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    (order,) = [f for f in report.reading_findings if "顺序" in f.message]
    assert order.kind is FindingKind.AMBIGUOUS
    assert order.severity is Severity.ERROR
    assert "源码中为“6812”，以“〓”代替" in order.message
    (missing,) = [f for f in report.reading_findings if f is not order]
    assert missing.cells == (CELL,)
    assert other_cells(report) == other_cells(example)


# ------------------------- text added by a rule the reader cannot apply


ADDED_IN_THE_CELL = {
    "descendant": ("td b::after{content:'8'}", "126<b></b>"),
    "class-in-a-cell": ("td .k::before{content:'1'}", '<span class="k">268</span>'),
    "children": ("tr > td > b:after{content:'8'}", "126<b></b>"),
    "between-digits": ("table td b::after{content:'6'}", "<b>12</b>8"),
}


@pytest.mark.parametrize(
    ("css", "inner"), ADDED_IN_THE_CELL.values(), ids=ADDED_IN_THE_CELL.keys()
)
def test_a_digit_a_rule_not_applied_adds_in_a_cell_leaves_it_unread(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The screen shows 1268 (the rule's digit in no element): it was read
    as 126, 268 or 128, with a warning on the sheet naming no cell."""
    assert callable(put)
    page = put(inner)
    assert isinstance(page, str)
    report = read_html(_with_sheet(page, css))
    assert report[CELL] is MISSING
    (sheet,) = [f for f in report.reading_findings if f.where == "样式表"]
    assert "添加文字" in sheet.message
    (missing,) = [f for f in report.reading_findings if f is not sheet]
    assert missing.cells == (CELL,)
    assert "〓" in missing.message
    assert other_cells(report) == other_cells(example)


ADDED_ELSEWHERE = {
    # (css, the cell's inner HTML, the figure the screen shows)
    "another-table": ("table.nav td b::after{content:'8'}", "126<b></b>", 126),
    "no-such-element": ("td i::after{content:'8'}", "1268<b></b>", 1268),
    "header-cells-only": ("th > b::after{content:'1'}", "1268<b></b>", 1268),
}


@pytest.mark.parametrize(
    ("css", "inner", "shown"), ADDED_ELSEWHERE.values(), ids=ADDED_ELSEWHERE.keys()
)
def test_a_rule_not_applied_styling_no_element_of_the_cell_leaves_it_read(
    put: object, css: str, inner: str, shown: int
) -> None:
    """Only the rule's subject with its ancestors is matched: a rule for
    another table's cells or another element leaves the figure read."""
    assert callable(put)
    page = put(inner)
    assert isinstance(page, str)
    report = read_html(_with_sheet(page, css))
    assert report[CELL] == shown
    assert all(f.where == "样式表" for f in report.reading_findings)


FIRST_LETTER_HIDDEN = {
    "a-class-on-a-div": (".x::first-letter{font-size:0}", '<div class="x">91268</div>'),
    "a-cell's-div": ("td div::first-letter{color:#fff}", "<div>91268</div>"),
    "first-line": ("td .x::first-line{visibility:hidden}", '<p class="x">9</p>1268'),
}


@pytest.mark.parametrize(
    ("css", "inner"), FIRST_LETTER_HIDDEN.values(), ids=FIRST_LETTER_HIDDEN.keys()
)
def test_a_first_letter_a_rule_hides_in_a_cell_leaves_it_unread(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The screen shows 1268 (the 9 hidden as the box's first letter): it
    was read as 91268 (or two lines), with a warning on the sheet only."""
    assert callable(put)
    page = put(inner)
    assert isinstance(page, str)
    report = read_html(_with_sheet(page, css))
    assert report[CELL] is MISSING
    (missing,) = [f for f in report.reading_findings if f.cells == (CELL,)]
    assert "〓" in missing.message
    assert other_cells(report) == other_cells(example)


def test_a_first_letter_rule_on_an_inline_box_leaves_the_figure_read(
    put: object,
) -> None:
    """``::first-letter`` styles no inline box: ``td span`` hides nothing."""
    assert callable(put)
    page = put("<span>1268</span>")
    report = read_html(_with_sheet(page, "td span::first-letter{color:#fff}"))
    assert report[CELL] == 1268
