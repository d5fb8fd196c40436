"""read_html() reads what a person sees: hidden, deleted and commented text is not a figure.

Every trap puts digits that a browser does not show (or shows struck
through, or as a footnote superscript) inside or next to a printed figure,
where reading them would give a wrong figure: the figure must read exactly,
and a dropped superscript must be reported. Then the official shape of
table 3 (group cells spanning rows in the same ``<tr>`` as a row label), whose
blank cells must keep their columns, and a property: any consistent report,
rendered with hidden noise injected into its cells, reads back equal.
"""

from __future__ import annotations

import html as html_lib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_report import FindingKind, Mark, Report, example_report, read_html
from helpers import official_requests_table_html, replace_table
from strategies import consistent_reports
from test_read_html import render_html

CELL = "active.licensing.decisions"
PRINTED = "<td>1268</td>"  # the one cell of the page that prints CELL (1268)


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.fixture(scope="module")
def page(example: Report) -> str:
    page = render_html(example, spans=False)
    assert page.count(PRINTED) == 1
    assert example[CELL] == 1268
    return page


HIDDEN_IN_A_FIGURE = {
    "comment": "12<!-- 9 -->68",
    "comment-with-a-label": "12<!--行政许可 99-->68",
    "script": "12<script>document.write('9')</script>68",
    "style": "12<style>td{width:9px}</style>68",
    "template": "12<template>9</template>68",
    "noscript": "12<noscript>9</noscript>68",
    "hidden-attribute": "12<span hidden>9</span>68",
    "hidden-until-found": '12<div hidden="until-found" style="display:inline-block">9</div>68',
    "display-none": '12<span style="display: none">9</span>68',
    "display-none-important": '12<span style="color:red;DISPLAY:NONE !important">9</span>68',
    "visibility-hidden": '12<span style="visibility:hidden">9</span>68',
    "visibility-collapse": '12<span style="visibility: collapse">9</span>68',
    "font-size-0": '12<span style="font-size:0">9</span>68',
    "font-size-0px": '12<span style="font-size: 0px">9</span>68',
    "font-size-0-em-child": '12<span style="font-size:0">9<b style="font-size:2em">9</b></span>68',
    "opacity-0": '12<span style="opacity:0">9</span>68',
    "opacity-0-child-opaque": '12<span style="opacity:0.0">9<b style="opacity:1">9</b></span>68',
    "color-transparent": '12<span style="color:transparent">9</span>68',
    "color-rgba-0": '12<span style="color: rgba(0, 0, 0, 0)">9</span>68',
    "off-screen": '12<span style="position:absolute;left:-9999px">9</span>68',
    "text-indent": '12<span style="display:inline-block;text-indent:-9999px">9</span>68',
    "text-indent-float": '12<span style="float:left;text-indent:-9999px">9</span>68',
    "no-width-inline-block": '12<span style="display:inline-block;width:0;'
    'overflow:hidden">9</span>68',
    "screen-reader-only": '12<span style="position:absolute;width:1px;height:1px;'
    'overflow:hidden;clip:rect(0,0,0,0)">9</span>68',
    "zero-height-box": '12<div style="height:0;overflow:hidden">9</div>68',
    "del": "12<del>9</del>68",
    "s": "12<s>9</s>68",
    "strike": "12<strike>9</strike>68",
    "line-through": '12<span style="text-decoration: line-through">9</span>68',
    "closed-details": "12<details><summary></summary>9</details>68",
    "deleted-then-inserted": "<del>9999</del><ins>1268</ins>",
    "inserted": "12<ins>6</ins>8",
    "hidden-parent-visible-child": '<span style="visibility:hidden">9<b style="visibility:'
    'visible">1268</b>9</span>',
    "zero-font-parent-sized-child": '<span style="font-size:0">9<span style="font-size:'
    '14px">1268</span>9</span>',
    "transparent-parent-coloured-child": '<span style="color:transparent">9<b style="'
    'color:#000">1268</b></span>',
    "aria-hidden-is-on-screen": '<span aria-hidden="true">1268</span>',
    "white-on-white": '12<span style="color:#FFFFFF">9</span>68',
    "font-color-white": '12<font color="white">9</font>68',
    "ink-as-its-background": '12<span style="background-color:#c00;color:rgb(204,0,0)">9</span>68',
    "black-box": '12<span style="background:#000 none">9</span>68',
    "near-white": '12<span style="color:#fcfcfc">9</span>68',
    "white-on-dark-is-shown": '<span style="background:#333"><b style="color:#fff">1268</b></span>',
    "dark-again-on-white": '<span style="background:#000"><i style="background:#fff">1268</i></span>',
}


# Properties a browser ignores on an inline box (`<span>`): the 9 is on screen.
SHOWN_IN_A_FIGURE = {
    "text-indent-inline": '12<span style="text-indent:-9999px">9</span>68',
    "no-width-inline": '12<span style="width:0;overflow:hidden">9</span>68',
    "no-height-inline": '12<b style="height:0;max-height:0;overflow:hidden">9</b>68',
    "margin-top-inline": '12<span style="margin-top:-9999px">9</span>68',
}


@pytest.mark.parametrize(
    "cell", SHOWN_IN_A_FIGURE.values(), ids=SHOWN_IN_A_FIGURE.keys()
)
def test_box_properties_do_not_hide_an_inline_element(page: str, cell: str) -> None:
    report = read_html(page.replace(PRINTED, f"<td>{cell}</td>"))
    assert report[CELL] == 12968
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "cell", HIDDEN_IN_A_FIGURE.values(), ids=HIDDEN_IN_A_FIGURE.keys()
)
def test_text_not_shown_is_not_part_of_a_figure(
    page: str, example: Report, cell: str
) -> None:
    report = read_html(page.replace(PRINTED, f"<td>{cell}</td>"))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


HIDDEN_CELLS_AND_ROWS = {
    # a hidden cell is not rendered: the figures after it would shift right
    "hidden-cell": ('<td style="display:none">9</td>' + PRINTED, PRINTED),
    "hidden-attribute-cell": ("<td hidden>9</td>" + PRINTED, PRINTED),
    "commented-cell": ("<!--<td>9</td>-->" + PRINTED, PRINTED),
}


@pytest.mark.parametrize(
    ("old_new"), HIDDEN_CELLS_AND_ROWS.values(), ids=HIDDEN_CELLS_AND_ROWS.keys()
)
def test_a_cell_not_shown_takes_no_column(
    page: str, example: Report, old_new: tuple[str, str]
) -> None:
    new, _ = old_new
    report = read_html(page.replace(PRINTED, new))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "hidden",
    [
        '<tr style="display:none"><td>{label}</td><td>9999</td></tr>',
        "<tr hidden><td>{label}</td><td>9999</td></tr>",
        '<tbody style="display:none"><tr><td>{label}</td><td>9999</td></tr></tbody>',
        "<!--<tr><td>{label}</td><td>9999</td></tr>-->",
    ],
    ids=["display-none", "hidden", "hidden-tbody", "comment"],
)
def test_a_hidden_row_repeating_a_label_is_not_read(
    page: str, example: Report, hidden: str
) -> None:
    """Read, a second 行政许可 row with other figures would make the row ambiguous."""
    label = example.spec.active.row("licensing").label
    start = page.index(f"<tr><td>{html_lib.escape(label)}</td>")
    report = read_html(page[:start] + hidden.format(label=label) + page[start:])
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "hidden",
    [
        "<!--{label} 9999-->",
        '<div style="display:none">{label} 9999</div>',
        '<p style="font-size:0">{label} 9999</p>',
        "<script>{label} 9999</script>",
        "<template><p>{label} 9999</p></template>",
    ],
    ids=["comment", "display-none", "font-size-0", "script", "template"],
)
def test_hidden_text_between_blocks_is_not_read(
    page: str, example: Report, hidden: str
) -> None:
    label = example.spec.active.row("licensing").label
    start = page.index("<table")
    report = read_html(page[:start] + hidden.format(label=label) + page[start:])
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.overview == example.overview


def test_hidden_digits_in_the_title_do_not_change_the_year(
    page: str, example: Report
) -> None:
    title = html_lib.escape(example.title)
    hidden = title.replace("2025", '20<span style="display:none">1</span>25')
    report = read_html(page.replace(f"<h1>{title}</h1>", f"<h1>{hidden}</h1>"))
    assert report.metadata == example.metadata


@pytest.mark.parametrize(
    "mark",
    [
        "<sup>1</sup>",
        "<sup>注1</sup>",
        "<sup>*</sup>",
        '<span style="vertical-align:super">2</span>',
    ],
    ids=["digit", "note", "star", "vertical-align"],
)
def test_a_footnote_superscript_is_dropped_with_a_finding(
    page: str, example: Report, mark: str
) -> None:
    report = read_html(page.replace(PRINTED, f"<td>1268{mark}</td>"))
    assert report[CELL] == 1268  # never 12681
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert "上标" in finding.message
    assert "1268" in finding.message
    assert "第 1 个表格" in finding.where


def test_a_superscript_in_a_paragraph_is_dropped_with_a_finding(
    page: str, example: Report
) -> None:
    first = html_lib.escape(example.preface[0])
    report = read_html(page.replace(first, first + "<sup>3</sup>", 1))
    assert report.preface == example.preface
    (finding,) = report.reading_findings
    assert "上标“3”" in finding.message
    assert "段" in finding.where


# --------------------------------------------- table 3 in the official shape


def _official_page(report: Report) -> str:
    page = render_html(report, spans=False)
    return replace_table(page, 1, official_requests_table_html(report))


def test_official_table_3_reads_back(example: Report) -> None:
    report = read_html(_official_page(example))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


ROWS = [
    "received",
    "granted",
    "partially_granted",
    "withheld.state_secret",
    "withheld.prohibited_by_law",
    "other.no_correction",
    "total",
    "carried_forward",
]


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize(
    "columns",
    [(0,), (6,), (0, 6), (2,), (0, 3, 6), tuple(range(7))],
    ids=["first", "last", "first-and-last", "middle", "three", "all"],
)
def test_blanks_keep_their_column_in_rows_opening_a_group(
    example: Report, row: str, columns: tuple[int, ...]
) -> None:
    """``（一）予以公开`` sits in the ``<tr>`` of the 20-row ``三、本年度办理结果``
    cell, ``1.属于国家秘密`` in that of ``（三）不予公开``: their blank cells are
    read as blanks in their own columns, never shifted nor the row missing."""
    spec = example.requests.spec.row(row)
    ids = [f"requests.{row}.{spec.columns[i].id}" for i in columns]
    blanked = attrs.evolve(example, as_published=True).with_cells(
        dict.fromkeys(ids, Mark.BLANK), derive_totals=False
    )
    report = read_html(_official_page(blanked))
    assert dict(report.cells()) == dict(blanked.cells())
    assert report.reading_findings == ()


# ------------------------------------------------------------------ property

_NOISE = [
    "<!--{label}{digits}-->",
    '<span style="display:none">{label}{digits}</span>',
    "<span hidden>{digits}</span>",
    "<del>{digits}</del>",
    "<s>{label}{digits}</s>",
    "<strike>{digits}</strike>",
    '<span style="font-size:0">{digits}</span>',
    '<span style="visibility:hidden">{label}{digits}</span>',
    '<font style="color:transparent">{digits}</font>',
    "<script>var n='{label}{digits}';</script>",
    "<style>/*{digits}*/</style>",
    "<template>{label}{digits}</template>",
]


@st.composite
def _noisy_pages(draw: st.DrawFn) -> tuple[Report, str, int]:
    """(report, its page with noise in some figure cells, how many superscripts)."""
    report = draw(consistent_reports())
    page = render_html(report, spans=draw(st.booleans()))
    labels = [row.label for table in report.tables for row in table.spec.rows]
    parts = page.split("<td>")
    marks = 0
    for i in range(1, len(parts)):
        text, sep, rest = parts[i].partition("</td>")
        if not text or not text.replace(".", "").isdigit() or not draw(st.booleans()):
            continue
        noise = draw(st.sampled_from(_NOISE)).format(
            label=html_lib.escape(draw(st.sampled_from(labels))),
            digits=draw(st.integers(0, 10**6)),
        )
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + noise + text[cut:]
        if draw(st.integers(0, 9)) == 0:
            text += f"<sup>{draw(st.integers(1, 9))}</sup>"
            marks += 1
        parts[i] = text + sep + rest
    return report, "<td>".join(parts), marks


@given(_noisy_pages())
def test_any_report_with_hidden_noise_reads_back_equal(
    case: tuple[Report, str, int],
) -> None:
    report, page, marks = case
    back = read_html(page)
    assert dict(back.cells()) == dict(report.cells())
    assert back.metadata.year == report.metadata.year
    assert len(back.reading_findings) == marks
    assert all("上标" in f.message for f in back.reading_findings)


def _with_sheet(page: str, css: str) -> str:
    if "</head>" in page:
        return page.replace("</head>", f"<style>{css}</style></head>", 1)
    return f"<style>{css}</style>" + page


CLASS_RULES = {
    "white-by-class": (".w{color:#fff}", '12<span class="w">9</span>68'),
    "class": (".old{display:none}", '12<span class="old">9</span>68'),
    "tag-and-class": ("span.old{visibility:hidden}", '12<span class="old">9</span>68'),
    "id": ("#x1 { font-size: 0 }", '12<span id="x1">9</span>68'),
    "one-of-two-classes": (".a, .gone{opacity:0}", '12<b class="b gone">9</b>68'),
    "struck-by-class": (".x{text-decoration:line-through}", '12<i class="x">9</i>68'),
    "commented-rule": (
        "/* .old{display:block} */ .old{display:none}",
        '12<span class="old">9</span>68',
    ),
    "superscript-by-class": (
        ".fn{vertical-align:super}",
        '1268<span class="fn">1</span>',
    ),
}


@pytest.mark.parametrize(("css", "cell"), CLASS_RULES.values(), ids=CLASS_RULES.keys())
def test_style_sheet_rules_hide_as_inline_styles_do(
    page: str, example: Report, css: str, cell: str
) -> None:
    report = read_html(_with_sheet(page.replace(PRINTED, f"<td>{cell}</td>"), css))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    kinds = [f.kind for f in report.reading_findings]
    assert kinds == ([FindingKind.UNREAD_LINE] if "super" in css else [])


def test_inline_style_wins_over_the_sheet(page: str, example: Report) -> None:
    """`.old{display:none}` and ``style="display:inline"``: shown, as a browser does."""
    cell = '<td>12<span class="old" style="display:inline">68</span></td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), ".old{display:none}"))
    assert report[CELL] == 1268


def test_a_sheet_that_hides_nothing_changes_nothing(page: str, example: Report) -> None:
    css = ".old{color:#333;font-size:0.9em;opacity:0.8} td span{font-weight:bold}"
    report = read_html(
        _with_sheet(
            page.replace(PRINTED, '<td>12<span class="old">68</span></td>'), css
        )
    )
    assert report[CELL] == 1268
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "css",
    [
        # (selectors `_css_selectors` cannot tell: `:has()`)
        "td:has(b) span.old{display:none}",
        "div:has(p) > .old{display:none}",
        "[data-x]:has(b){visibility:hidden}",
        "@media (max-width:600px){.old{display:none}}",
    ],
    ids=["descendant", "child", "attribute", "media"],
)
def test_a_hiding_rule_not_applied_is_reported(page: str, css: str) -> None:
    """A rule the reader cannot apply that would hide text: the figures are
    read as if shown, and a finding says the page must be checked."""
    report = read_html(_with_sheet(page, css))
    messages = [f.message for f in report.reading_findings if f.where == "样式表"]
    assert len(messages) == 1
    assert "未能应用" in messages[0]


def test_many_rules_are_bounded(page: str, example: Report) -> None:
    css = "".join(f".c{i}{{display:none}}" for i in range(5_000))
    report = read_html(_with_sheet(page, css))
    assert dict(report.cells()) == dict(example.cells())
    assert any("样式规则" in f.message for f in report.reading_findings)


@pytest.mark.parametrize(
    "link",
    [
        '<link rel="stylesheet" href="/css/site.css">',
        '<link href="a.css" rel="StyleSheet">',
        "<style>@import url('print.css');</style>",
        '<style>@import "b.css";</style>',
    ],
    ids=["link", "link-capitals", "import-url", "import-string"],
)
def test_an_external_sheet_over_styled_figures_is_reported(
    page: str, link: str
) -> None:
    """The library reads no file a page names: a figure whose elements have a
    class may be hidden by the sheet (``.x{display:none}``), so it is said."""
    styled = page.replace(PRINTED, '<td>12<span class="x">9</span>68</td>')
    report = read_html(styled.replace("<head>", "<head>" + link, 1))
    messages = [f.message for f in report.reading_findings if f.where == "样式表"]
    assert len(messages) == 1
    assert "外部样式表" in messages[0]
    assert "未读取" in messages[0]


def test_an_external_sheet_over_plain_cells_changes_nothing(
    page: str, example: Report
) -> None:
    report = read_html(
        page.replace("<head>", '<head><link rel="stylesheet" href="s.css">', 1)
    )
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
