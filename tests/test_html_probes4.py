"""read_html() probed, round 4: figures with words round their unit, boxes
laid over figures, reports inside ``<iframe srcdoc>``, and what government
CMS pages, Word's and WPS's web pages and WeChat articles really hold.

Each probe replaces the one cell printing 行政许可's 1268 on a general page
(`render_html`) and on a page `write_html` made, or rewrites the page round
it. ``1268（件）`` and ``共1268件`` are the 1268 a person reads, in every
reader (a count word is the column's own unit; an amount unit is not);
``约1268件`` is no figure.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest

from govinfo_report import MISSING, FindingKind, Report, read_docx, read_html, read_text
from helpers import (
    HTML_PRINTED,
    PROBE_CELL,
    docx_bytes,
    html_page,
    html_probe_fixtures,
    other_cells,
    replace_cell_runs,
    w_run,
)
from test_html_hostile import _read
from test_read_text import render

CELL = PROBE_CELL
FEE = "active.fees.amount"


example, page, put = html_probe_fixtures()


def _cell_findings(report: Report, cell: str = CELL) -> list[tuple[FindingKind, str]]:
    return [
        (f.kind, f.severity.value) for f in report.reading_findings if cell in f.cells
    ]


# ------------------------------------------ a figure with words round its unit

BRACKETED = ["1268（件）", "1268(件)", "1268 （件）", "1,268（件）", "1268（件次）"]
"""The unit in brackets: the figure with its unit, nothing to say."""

WITH_WORDS = [
    "共1268件",
    "共 1268 件",
    "1268件。",
    "共1268件。",
    "共1268",
    "共1268（件）",
]
"""``共`` before the figure, a full stop after its unit: read, with a warning."""

NOT_FIGURES = ["约1268件", "计1268件", "1268件左右", "1268（页）", "1268件（含）"]
"""Other words round a figure: no figure, the cell missing with a finding."""


@pytest.mark.parametrize("inner", BRACKETED)
def test_a_count_with_its_unit_in_brackets_is_read(
    put: object, example: Report, inner: str
) -> None:
    """``1268（件）`` was an unknown label and the cell missing (MISSING_CELL)."""
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert report.reading_findings == ()
    assert other_cells(report) == other_cells(example)


@pytest.mark.parametrize("inner", WITH_WORDS)
def test_a_count_with_words_round_it_is_read_with_a_warning(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert _cell_findings(report) == [(FindingKind.UNREAD_LINE, "warning")]
    (finding,) = report.reading_findings
    assert "不是数字的一部分，按 1268 读入" in finding.message
    assert other_cells(report) == other_cells(example)


@pytest.mark.parametrize("inner", NOT_FIGURES)
def test_other_words_round_a_figure_leave_it_unread(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert CELL in {c for f in report.reading_findings for c in f.cells}


@pytest.mark.parametrize("inner", ["1268（元）", "1268(万元)", "共1268元"])
def test_an_amount_unit_in_brackets_in_a_count_column_is_refused(
    put: object, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    (finding,) = [f for f in report.reading_findings if CELL in f.cells]
    assert "带金额单位" in finding.message
    assert f"“{inner}”" in finding.message  # the text as printed


@pytest.mark.parametrize(
    ("inner", "kind"),
    [("12.56（万元）", None), ("125600（元）", FindingKind.CONVERTED_UNIT)],
)
def test_an_amount_with_its_unit_in_brackets_is_read(
    page: str, example: Report, inner: str, kind: FindingKind | None
) -> None:
    assert page.count("<td>12.56</td>") == 1
    report = read_html(page.replace("<td>12.56</td>", f"<td>{inner}</td>"))
    assert report[FEE] == Decimal("12.56")
    assert [f.kind for f in report.reading_findings] == ([kind] if kind else [])


@pytest.mark.parametrize("count_words", ["件（项）", "（件）件"])
def test_two_units_are_no_figure(put: object, count_words: str) -> None:
    report = _read(put, f"1268{count_words}")
    assert report[CELL] is MISSING


_TEXT_STYLES = ["rows", "cells", "markdown", "tabs"]


def _in_text(report: Report, style: str, printed: str) -> str:
    text = render(report, style)
    at = text.rindex("1268")  # the table's, after the narrative's
    return text[:at] + printed + text[at + 4 :]


@pytest.mark.parametrize("style", _TEXT_STYLES)
@pytest.mark.parametrize("printed", ["1268（件）", "共1268件", "1268件。", "约1268件"])
def test_text_and_word_read_a_wrapped_count_as_a_page_does(
    example: Report, style: str, printed: str
) -> None:
    """Every reader reads a cell's text with `_cells`: the same figure, the
    same finding kinds."""
    on_page = read_html(html_page(example).replace(HTML_PRINTED, f"<td>{printed}</td>"))
    in_text = read_text(_in_text(example, style, printed))
    in_word = read_docx(
        io.BytesIO(
            docx_bytes(
                example,
                lambda d: replace_cell_runs(d, "1268", w_run(printed)),
                foreign=True,
            )
        )
    )
    for report in (in_text, in_word):
        assert report[CELL] == on_page[CELL]
        assert _cell_findings(report) == _cell_findings(on_page)
    expected = MISSING if printed.startswith("约") else 1268
    assert on_page[CELL] == expected


def test_a_sentence_holding_a_figure_is_still_no_cell(page: str) -> None:
    """Only the words named come off: a sentence in a figure's cell is no figure."""
    report = read_html(page.replace(HTML_PRINTED, "<td>本年共办理1268件</td>"))
    assert report[CELL] is MISSING
    assert re.search("1268", " ".join(f.message for f in report.reading_findings))


# ------------------------------------------------ an opaque box over a figure

_BOX = "position:absolute;{place};background:{paint}"
_FILLS = [
    "top:0;left:0;width:100%;height:100%",
    "top:0;left:0;right:0;bottom:0",
    "inset:0",
]
COVERED = {
    f"{name}-{paint}": (
        f'<div style="position:relative">1268<div style="'
        f'{_BOX.format(place=place, paint=paint)}"></div></div>'
    )
    for name, place in zip(["sized", "offsets", "inset"], _FILLS, strict=True)
    for paint in ["#fff", "white", "rgb(255 255 255)", "url(blank.png)"]
}
COVERED["another-figure-on-top"] = (
    '<span style="position:relative">1268<span style="position:absolute;inset:0;'
    'background:#fff">1300</span></span>'
)
COVERED["cell-positioned"] = (
    '<div style="position:relative;height:20px">1268'
    '<div style="position:absolute;inset:0;background-color:#ffffff"></div></div>'
)


@pytest.mark.parametrize("inner", COVERED.values(), ids=COVERED.keys())
def test_a_figure_under_an_opaque_box_filling_its_cell_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    """An opaque box laid over the figure in its own cell: the screen shows
    the box, never 1268 (read before with a warning on the order only)."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    (finding,) = [f for f in report.reading_findings if "盖住了格中的数字" in f.message]
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity.value == "error"
    assert other_cells(report) == other_cells(example)


MAY_COVER = {
    # the containing block is not in the cell (the page's), or the box is
    # placed by offsets: where it lies is not known, so neither is the figure
    "containing-block-outside": '1268<div style="position:absolute;top:0;left:0;'
    'width:100%;height:100%;background:#fff"></div>',
    "pixel-offsets": '<div style="position:relative">1268<div style="position:'
    'absolute;top:2px;left:3px;width:40px;height:14px;background:#fff"></div></div>',
    "fixed-on-the-window": '<span style="position:relative">1268<span style="'
    'position:fixed;inset:0;background:#fff"></span></span>',
    "box-with-other-digits": '1268<span style="position:absolute;background:#fff">'
    "1300</span>",
}


@pytest.mark.parametrize("inner", MAY_COVER.values(), ids=MAY_COVER.keys())
def test_a_figure_an_opaque_box_may_cover_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "可能盖住格中的数字" in f.message
        for f in report.reading_findings
    )
    assert other_cells(report) == other_cells(example)


NOT_COVERING = {
    "no-background": '<div style="position:relative">1268<div style="position:'
    'absolute;inset:0"></div></div>',
    "translucent": '<div style="position:relative">1268<div style="position:'
    'absolute;inset:0;background:rgba(255,255,255,0.3)"></div></div>',
    "faded": '<div style="position:relative">1268<div style="position:absolute;'
    'inset:0;background:#fff;opacity:0.2"></div></div>',
    "a-speck": '<div style="position:relative">1268<div style="position:absolute;'
    'top:0;left:0;width:1px;height:1px;background:#fff"></div></div>',
    "empty-of-no-size": '1268<span style="position:absolute;background:#fff"></span>',
    "the-figure-in-the-box": '<div style="position:absolute;background:#fff">1268'
    "</div>",
    "hidden-box": '<div style="position:relative">1268<div style="position:'
    'absolute;inset:0;background:#fff;display:none"></div></div>',
}


@pytest.mark.parametrize("inner", NOT_COVERING.values(), ids=NOT_COVERING.keys())
def test_a_box_that_hides_nothing_leaves_the_figure_read(
    put: object, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert not any("盖住" in f.message for f in report.reading_findings)


@pytest.mark.parametrize(
    "box",
    [
        '<div style="position:fixed;inset:0;background:#fff"></div>',
        '<div style="position:absolute;top:0;left:0;width:100%;height:100%;'
        'background:white;z-index:99">加载中</div>',
        '<div style="position:absolute;top:420px;left:300px;width:80px;height:24px;'
        'background:#fff"></div>',
    ],
)
def test_an_opaque_box_outside_the_tables_is_a_warning(
    page: str, example: Report, box: str
) -> None:
    """A loading mask or a box placed by pixels may cover any figure: the
    figures are read (a page is not refused for a mask scripts remove), with
    a warning naming the box (there was none)."""
    report = read_html(page.replace("<body>", f"<body>{box}", 1))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity.value == "warning"
    assert "不透明的绝对定位方框" in finding.message


@pytest.mark.parametrize(
    "box",
    [
        '<ul style="position:absolute;background:#fff"><li>首页</li></ul>',
        '<div style="display:none"><div style="position:fixed;inset:0;'
        'background:#fff"></div></div>',
        '<div style="position:absolute;top:0;background:#fff"></div>',
    ],
)
def test_a_menu_or_a_hidden_box_outside_the_tables_says_nothing(
    page: str, box: str
) -> None:
    report = read_html(page.replace("<body>", f"<body>{box}", 1))
    assert report.reading_findings == ()
