"""read_html() probed, round 5: boxes laid over figures by ``<style>`` rules,
and what government CMS pages, Word's and WPS's web pages and WeChat
articles really hold.

Each probe replaces the one cell printing 行政许可's 1268 on a general page
(`render_html`) and on a page `write_html` made, or rewrites the page round
it. An opaque box a rule lays over the figure (``.fix{position:absolute;
inset:0;background:#fff}``) is a cover as an inline one is; a rule the
reader cannot apply (``td .fix``, ``.rel::after``) that may paint one over a
figure is reported, never passed over.
"""

from __future__ import annotations

import pytest

from govinfo_report import MISSING, Finding, FindingKind, Report, read_html
from helpers import (
    HTML_PRINTED,
    PROBE_CELL,
    assert_as_printed,
    html_probe_fixtures,
    other_cells,
)
from test_html_hostile import _read, _with_sheet
from test_html_probes4 import COVERED, MAY_COVER

CELL = PROBE_CELL

example, page, put = html_probe_fixtures()


def _sheet_read(put: object, css: str, inner: str) -> Report:
    assert callable(put)
    page = put(inner)
    assert isinstance(page, str)
    return read_html(_with_sheet(page, css))


# ------------------------------------------- one finding for a covered cell


def _assert_covered(report: Report, example: Report) -> Finding:
    """The probe cell missing, with the cover's ``AMBIGUOUS`` error and the
    table's word that the cell is missing, nothing more; the cover returned."""
    assert report[CELL] is MISSING
    (cover,) = [f for f in report.reading_findings if "盖住" in f.message]
    assert cover.kind is FindingKind.AMBIGUOUS
    assert cover.severity.value == "error"
    assert not [f for f in report.reading_findings if "顺序" in f.message]
    (missing,) = [f for f in report.reading_findings if f is not cover]
    assert missing.cells == (CELL,)
    assert other_cells(report) == other_cells(example)
    return cover


_CLASS_BOX = ".rel{position:relative}.fix{position:absolute;inset:0;background:#fff}"
COVERED_BY_CLASSES = {
    "classes": (_CLASS_BOX, '<div class="rel">1268<div class="fix"></div></div>'),
    "sized-by-class": (
        ".mask{position:absolute;top:0;left:0;width:100%;height:100%;background:white}",
        '<div style="position:relative">1268<div class="mask"></div></div>',
    ),
    "may-cover-by-class": (
        ".p{position:absolute;background:#fff}",
        '1268<span class="p">1300</span>',
    ),
}


@pytest.mark.parametrize(
    ("css", "inner"),
    [("", inner) for inner in [*COVERED.values(), *MAY_COVER.values()]]
    + list(COVERED_BY_CLASSES.values()),
    ids=[*COVERED, *MAY_COVER, *COVERED_BY_CLASSES],
)
def test_a_covered_cell_has_the_cover_as_its_only_note(
    put: object, example: Report, css: str, inner: str
) -> None:
    """The box's own ``position:absolute`` also gave the row the warning on
    the order of its text (“样式…可能让屏幕上的顺序与源码不同”), read as
    “〓”: a second, misleading finding about the one covered cell."""
    _assert_covered(_sheet_read(put, css, inner), example)


COVERED_BY_AFTER = {
    "after-filling-its-element": (
        '.rel{position:relative}.rel::after{content:"";position:absolute;inset:0;'
        "background:#fff}",
        '<div class="rel">1268</div>',
    ),
    "old-before-sized": (
        ".c:before{content:'';position:absolute;top:0;left:0;width:100%;height:100%;"
        "background:white}",
        '<div class="c" style="position:relative">1268</div>',
    ),
}


@pytest.mark.parametrize(
    ("css", "inner"), COVERED_BY_AFTER.values(), ids=COVERED_BY_AFTER.keys()
)
def test_a_figure_under_a_box_a_simple_after_rule_paints_is_not_read(
    put: object, example: Report, css: str, inner: str
) -> None:
    """An empty ``::after`` painted opaquely over its element: the screen
    shows the box, never 1268 (read, with a warning on the sheet only)."""
    cover = _assert_covered(_sheet_read(put, css, inner), example)
    assert "盖住了格中的数字" in cover.message


AFTER_PAINTING_NOTHING = {
    "hidden-by-a-later-rule": ".rel{position:relative}.rel::after{content:'';"
    "position:absolute;inset:0;background:#fff}.rel::after{display:none}",
    "no-content-no-box": ".rel{position:relative}.rel::after{position:absolute;"
    "inset:0;background:#fff}",
    "translucent": ".rel{position:relative}.rel::after{content:'';position:absolute;"
    "inset:0;background:rgba(255,255,255,.3)}",
    "clearfix": ".rel::after{content:'';display:table;clear:both}",
}


@pytest.mark.parametrize(
    "css", AFTER_PAINTING_NOTHING.values(), ids=AFTER_PAINTING_NOTHING.keys()
)
def test_an_after_rule_painting_nothing_over_the_figure_says_nothing(
    put: object, example: Report, css: str
) -> None:
    report = _sheet_read(put, css, '<div class="rel">1268</div>')
    assert_as_printed(report, example)


# ------------------------------ a rule not applied that may lay a box over it

NOT_APPLIED_COVERS = {
    "descendant": (
        "table:has(td) .fix{position:absolute;inset:0;background:#fff}",
        '<div style="position:relative">1268<div class="fix"></div></div>',
        "table:has(td) .fix",
    ),
    "tag-and-descendant": (
        "td:has(div) div.fix{position:absolute;inset:0;background:#fff}"
        "td div{position:relative}",
        "<div>1268<div class=fix></div></div>",
        "td:has(div) div.fix",
    ),
    "paint-by-a-descendant-rule-position-by-a-class": (
        ".fix{position:absolute;inset:0}td:has(div) .fix{background:#fff}",
        '<div style="position:relative">1268<div class="fix"></div></div>',
        "td:has(div) .fix",
    ),
    "attribute": (
        "div[class=fix]:has(+ b){position:absolute;inset:0;background:#fff}",
        '<div style="position:relative">1268<div class="fix"></div></div>',
        "div[class=fix]:has(+ b)",
    ),
    "after-beside-a-rule-not-applied": (
        '.rel::after{content:"";position:absolute;inset:0;background:#fff}'
        "td .rel::after{display:none}",
        '<div class="rel" style="position:relative">1268</div>',
        ".rel::after",
    ),
    "before-old-syntax-by-pixels": (
        'td span:before{content:" ";position:absolute;left:0;top:0;width:60px;'
        "height:20px;background:rgb(255,255,255)}",
        "<span>1268</span>",
        "td span:before",
    ),
}


@pytest.mark.parametrize(
    ("css", "inner", "selector"),
    NOT_APPLIED_COVERS.values(),
    ids=NOT_APPLIED_COVERS.keys(),
)
def test_a_rule_not_applied_that_may_cover_a_figure_is_reported(
    put: object, css: str, inner: str, selector: str
) -> None:
    """A rule of more than a class or a tag laying an opaque box over the
    figure: 1268 was read with nothing said, while the screen shows a
    blank. The rule is named as one not applied."""
    report = _sheet_read(put, css, inner)
    findings = [f for f in report.reading_findings if "盖住文字" in f.message]
    assert [f.kind for f in findings] == [FindingKind.UNREAD_LINE]
    assert f"“{selector}”" in findings[0].message
    assert "未能应用" in findings[0].message


NOT_COVERING_RULES = {
    "menu": ".nav ul{position:absolute;background:#fff}",
    "zebra-rows": "tr:nth-child(even) td{background:#f5f5f5}",
    "hover-tip": ".tip:hover::after{content:'';position:absolute;inset:0;"
    "background:#fff}",
    "translucent-after": '.rel::after{content:"";position:absolute;inset:0;'
    "background:rgba(255,255,255,.2)}",
    "relative-row-shading": "table tr td{position:relative;background:#fff}",
}


@pytest.mark.parametrize("css", NOT_COVERING_RULES.values(), ids=NOT_COVERING_RULES)
def test_rules_painting_no_box_over_a_figure_say_nothing(
    put: object, example: Report, css: str
) -> None:
    report = _sheet_read(put, css, '<div class="rel">1268</div>')
    assert_as_printed(report, example)


# ------------------------------- hidden by the browser's sheet, shown by the page's

SHOWN_DESPITE_HIDDEN = {
    # what jQuery's ``show()`` leaves in a page saved after its scripts ran
    "hidden-shown-by-script": '12<span hidden="" style="display: inline;">9</span>68',
    "hidden-shown-by-a-class": (
        '12<span hidden class="s">9</span>68',
        ".s{display:inline}",
    ),
    "hidden-display-revert": '12<span hidden style="display:revert">9</span>68',
}
"""As Chromium draws them (printed to PDF): 12968."""
STILL_HIDDEN = {
    "hidden": "12<span hidden>9</span>68",
    "hidden-display-none": '12<span hidden style="display:none">9</span>68',
    "hidden-none-last": '12<span hidden style="display:inline;display:none">9</span>68',
    "until-found-inline-block": (
        '12<span hidden="until-found" style="display:inline-block">9</span>68'
    ),
    "closed-dialog": "12<dialog>9</dialog>68",
}


def _inner_and_sheet(probe: str | tuple[str, str]) -> tuple[str, str]:
    return (probe, "") if isinstance(probe, str) else probe


@pytest.mark.parametrize(
    "probe", SHOWN_DESPITE_HIDDEN.values(), ids=SHOWN_DESPITE_HIDDEN.keys()
)
def test_a_hidden_element_given_a_display_by_the_page_is_shown(
    put: object, example: Report, probe: str | tuple[str, str]
) -> None:
    """``hidden`` hides by the browser's own sheet (``display:none``), which
    the page's ``display`` overrides: a browser shows 12968; 1268 was read,
    with nothing said."""
    inner, css = _inner_and_sheet(probe)
    report = _sheet_read(put, css, inner)
    assert report[CELL] == 12968
    assert report.reading_findings == ()
    assert other_cells(report) == other_cells(example)


def test_an_inline_element_hidden_until_found_is_in_doubt(
    put: object, example: Report
) -> None:
    """``hidden="until-found"`` hides by ``content-visibility``, which an
    inline box ignores: Chromium shows 12968, a browser without until-found
    1268. Read as 1268 with nothing said; now the cell is not read."""
    report = _sheet_read(put, "", '12<span hidden="until-found">9</span>68')
    assert report[CELL] is MISSING
    assert any("until-found" in f.message for f in report.reading_findings)
    assert other_cells(report) == other_cells(example)


@pytest.mark.parametrize("probe", STILL_HIDDEN.values(), ids=STILL_HIDDEN.keys())
def test_a_hidden_element_the_page_does_not_display_stays_hidden(
    put: object, example: Report, probe: str
) -> None:
    report = _sheet_read(put, "", probe)
    assert_as_printed(report, example)


def test_a_hidden_row_the_page_displays_is_read(page: str, example: Report) -> None:
    """The whole 行政许可 row was missing (MISSING_ROW)."""
    end = page.index(HTML_PRINTED)
    start = page.rindex("<tr", 0, end)
    shown = f'{page[:start]}<tr hidden style="display:table-row"{page[start + 3 :]}'
    report = read_html(shown)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------ text a simple rule adds (::before)

GENERATED = {
    "before": ('.n::before{content:"1"}', '<span class="n">268</span>', 1268),
    "old-after-single-quotes": ("b:after{content:'8'}", "<b>126</b>", 1268),
    "escaped-digit": ("b::after{content:'\\38'}", "<b>126</b>", 1268),
    "two-strings": ('#f::before{content:"1" "2"}', '<span id="f">68</span>', 1268),
    "the-later-rule-wins": (
        ".x::after{content:'9'}.x::after{content:'8'}",
        '<b class="x">126</b>',
        1268,
    ),
    "the-more-specific-rule-wins": (
        "b.x::after{content:'8'}.x::after{content:'9'}",
        '<b class="x">126</b>',
        1268,
    ),
    "cancelled-by-content-none": (
        ".x::after{content:'9'}b.x::after{content:none}",
        '<b class="x">1268</b>',
        1268,
    ),
    "on-every-screen": (
        "@media screen{.x::after{content:'8'}}",
        '<b class="x">126</b>',
        1268,
    ),
    "added-in-white": (
        ".x::after{content:'9';color:#fff}",
        '<b class="x">1268</b>',
        1268,
    ),
}


@pytest.mark.parametrize(
    ("css", "inner", "shown"), GENERATED.values(), ids=GENERATED.keys()
)
def test_text_a_simple_rule_adds_is_read_where_a_browser_shows_it(
    put: object, example: Report, css: str, inner: str, shown: int
) -> None:
    """``.n::before{content:"1"}`` on ``<span class="n">268</span>``: the
    screen shows 1268; 268 was read (with only a warning on the sheet)."""
    report = _sheet_read(put, css, inner)
    assert report[CELL] == shown
    assert report.reading_findings == ()
    assert other_cells(report) == other_cells(example)


def test_added_text_on_a_line_of_its_own_is_no_part_of_the_figure(
    put: object,
) -> None:
    report = _sheet_read(
        put, ".x::after{content:'8';display:block}", '<b class="x">126</b>'
    )
    assert report[CELL] is MISSING
    assert [f.kind for f in report.reading_findings] == [FindingKind.EXTRA_CELL]


NOT_KNOWN = {
    "counter": (".x::after{content:counter(c)}", '<b class="x">126</b>', ".x::after"),
    "important": (
        ".x::after{content:'8'!important}",
        '<b class="x">126</b>',
        ".x::after",
    ),
    "a-rule-not-applied-may-cancel-it": (
        ".x::after{content:'9'}td .x::after{content:none}",
        '<b class="x">1268</b>',
        ".x::after",
    ),
}


@pytest.mark.parametrize(
    ("css", "inner", "selector"), NOT_KNOWN.values(), ids=NOT_KNOWN.keys()
)
def test_added_text_the_reader_cannot_know_leaves_the_cell_unread(
    put: object, css: str, inner: str, selector: str
) -> None:
    """A simple rule adds text the reader cannot work out (``counter()``
    shows ``0`` with no reset: 1260 on the screen) or that a rule not
    applied may cancel: the cell is 〓 (before, 126 or 1268 was returned
    with only the sheet's warning, which names no cell)."""
    report = _sheet_read(put, css, inner)
    assert report[CELL] is MISSING
    sheet, cell = sorted(report.reading_findings, key=lambda f: f.where != "样式表")
    assert sheet.where == "样式表"
    assert f"“{selector}”" in sheet.message
    assert "〓" in cell.message


NOT_PUT_IN = {
    "print-only": (
        "@media print{.x::after{content:'9'}}",
        '<b class="x">1268</b>',
        ".x::after",
    ),
}


@pytest.mark.parametrize(
    ("css", "inner", "selector"), NOT_PUT_IN.values(), ids=NOT_PUT_IN.keys()
)
def test_added_text_the_reader_cannot_place_is_still_reported(
    put: object, css: str, inner: str, selector: str
) -> None:
    report = _sheet_read(put, css, inner)
    (finding,) = report.reading_findings
    assert finding.where == "样式表"
    assert f"“{selector}”" in finding.message


# ------------------------------ a flex box or a float holding the one figure

ALONE = {
    "flex-centred": '<div style="display:flex;justify-content:center;align-items:center">'
    "1268</div>",
    "flex-centred-span": '<div style="display:flex;justify-content:center"><span>1268'
    "</span></div>",
    "grid-centred": '<div style="display:grid;place-items:center">1268</div>',
    "floated-right": '<span style="float:right">1268</span>',
    "reversed-one-item": '<div style="display:flex;flex-direction:row-reverse">1268</div>',
    "ordered-one-item": '<div style="display:flex"><span style="order:2">1268</span></div>',
    "by-a-class": (
        '<div class="fc">1268</div>',
        ".fc{display:flex;justify-content:center}",
    ),
}


@pytest.mark.parametrize("probe", ALONE.values(), ids=ALONE.keys())
def test_a_flex_box_or_float_holding_the_one_figure_says_nothing(
    put: object, example: Report, probe: str | tuple[str, str]
) -> None:
    """CMS templates centre a cell's figure with ``display:flex``: one piece
    of text, nothing to put out of order; it had an ``AMBIGUOUS`` error on
    the order of the row's text."""
    inner, css = _inner_and_sheet(probe)
    report = _sheet_read(put, css, inner)
    assert_as_printed(report, example)


MORE_THAN_ONE = {
    "two-items-reversed": '<div style="display:flex;flex-direction:row-reverse">'
    "<span>68</span><span>12</span></div>",
    "a-float-beside-text": '<span style="float:right">68</span>12',
    "flex-and-turned": '<div style="display:flex;transform:rotate(180deg)">1268</div>',
}


@pytest.mark.parametrize("inner", MORE_THAN_ONE.values(), ids=MORE_THAN_ONE.keys())
def test_pieces_a_flex_box_or_float_may_reorder_keep_the_warning(
    put: object, inner: str
) -> None:
    report = _read(put, inner)
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "顺序" in f.message
        for f in report.reading_findings
    )
