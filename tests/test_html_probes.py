"""read_html() probed with what CMS editors, old markup and hostile pages put in a figure cell.

Each probe replaces the one cell printing 行政许可's 1268, on a general page
(`render_html`) and on a page `write_html` made, and checks the figure read
against what a browser shows: style attributes read as a browser parses them
(comments, escapes), legacy colour attributes by the HTML rules (``ffffff``
without ``#`` is white), colours in every CSS Color 4 syntax, what a gauge,
an ``<svg>`` or ``<math>`` never draws, transforms that do not apply to an
inline box and those that turn text round, a picture where a figure stands,
and table markup a browser copes with (a colspan far past the table, spans of
zero, a ``<tfoot>`` first). A figure a person sees is read; one they cannot
is left out; what is shown as no one figure is missing with a finding.
"""

from __future__ import annotations

import re

import pytest

from govinfo_report import MISSING, FindingKind, Report, read_html
from helpers import (
    HTML_PRINTED,
    PROBE_CELL,
    assert_as_printed,
    html_probe_fixtures,
    other_cells,
)
from test_html_hostile import _read, _with_sheet

CELL = PROBE_CELL
PRINTED = HTML_PRINTED

example, page, put = html_probe_fixtures()


# ------------------------------------------------- text a browser never paints

NOT_PAINTED = {
    # a style attribute as a browser parses it: comments are spaces, escapes
    # are the characters they stand for
    "comment-in-a-value": '12<span style="display:/* old */none">9</span>68',
    "comment-before-the-property": '12<span style="/*x*/display:none">9</span>68',
    "escaped-property-name": '12<span style="dis\\play:none">9</span>68',
    "hex-escape-in-the-value": '12<span style="display:n\\6f ne">9</span>68',
    "escaped-colour-name": '12<span style="color:\\77 hite">9</span>68',
    # legacy colour attributes: hex digits without "#" are a colour
    "font-colour-without-hash": '12<font color="ffffff">9</font>68',
    "font-colour-upper-case-without-hash": '12<font color="FFFFFF">9</font>68',
    "font-colour-with-spaces": '12<font color=" #ffffff ">9</font>68',
    # CSS Color 4 syntaxes of white
    "hwb-white": '12<span style="color:hwb(0 100% 0%)">9</span>68',
    "lab-white": '12<span style="color:lab(100% 0 0)">9</span>68',
    "lch-white": '12<span style="color:lch(100 0 0)">9</span>68',
    "oklab-white": '12<span style="color:oklab(1 0 0)">9</span>68',
    "oklch-white": '12<span style="color:oklch(100% 0 0)">9</span>68',
    "colour-function-srgb": '12<span style="color:color(srgb 1 1 1)">9</span>68',
    "colour-function-transparent": '12<span style="color:color(srgb 0 0 0 / 0)">9'
    "</span>68",
    "system-colour-canvas": '12<span style="color:Canvas">9</span>68',
    "navy-in-hwb-on-navy": '12<span style="background:navy;color:hwb(240 0% 50%)">9'
    "</span>68",
    # font sizes worked out by a math function of plain sizes
    "font-size-calc-0": '12<span style="font-size:calc(0px)">9</span>68',
    "font-size-min": '12<span style="font-size:min(0px, 1em)">9</span>68',
    "font-size-clamp": '12<span style="font-size:clamp(0px, 0vw, 0px)">9</span>68',
    # a gauge draws a bar; its content is for browsers without one
    "meter-fallback": '12<meter value="9">9</meter>68',
    "progress-fallback": '12<progress value="9" max="10">9</progress>68',
    # what an <svg> or <math> never draws
    "svg-title-and-desc": '<svg width="40" height="20"><title>9999</title>'
    '<desc>8</desc><text y="15">1268</text></svg>',
    "svg-definitions": '<svg width="40" height="20"><defs><text id="t">9</text>'
    '</defs><text y="15">1268</text></svg>',
    "math-annotation": "<math><semantics><mn>1268</mn>"
    '<annotation encoding="text/plain">9</annotation></semantics></math>',
}


@pytest.mark.parametrize("inner", NOT_PAINTED.values(), ids=NOT_PAINTED.keys())
def test_text_a_browser_does_not_paint_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert_as_printed(report, example)


SHEET_NOT_PAINTED = {
    "escaped-property": ".p{dis\\play:none}",
    "escaped-keyword": ".p{visibility:hidde\\6e}",
    "comment-in-the-value": ".p{display:/**/none}",
    "lab-white": ".p{color:lab(100% 0 0)}",
}


@pytest.mark.parametrize(
    "css", SHEET_NOT_PAINTED.values(), ids=SHEET_NOT_PAINTED.keys()
)
def test_style_sheet_rules_are_read_as_a_browser_reads_them(
    page: str, example: Report, css: str
) -> None:
    cell = '<td>12<span class="p">9</span>68</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert_as_printed(report, example)


def test_a_legacy_cell_background_without_hash_is_its_colour(
    page: str, example: Report
) -> None:
    cell = '<td bgcolor="336699">12<font color="336699">9</font>68</td>'
    report = read_html(page.replace(PRINTED, cell))
    assert report[CELL] == 1268
    assert report.reading_findings == ()


# ---------------------------------------------- text a person does see

PAINTED = {
    # legacy colours as browsers read them: "fff" is #0f0f0f, nearly black;
    # "chucknorris" is #c00000
    "three-digit-legacy-colour": '12<font color="fff">9</font>68',
    "nonsense-legacy-colour": '12<font color="chucknorris">9</font>68',
    # <font size> is clamped to 1..7: never invisible
    "font-size-0": '12<font size="0">9</font>68',
    "font-size-minus-7": '12<font size="-7">9</font>68',
    # no transform applies to an inline box (a <span> not made a box)
    "scale-0-inline": '12<span style="transform:scale(0)">9</span>68',
    "scale-property-inline": '12<span style="scale:0">9</span>68',
    "translate-off-inline": '12<span style="transform:translateX(-9999px)">9</span>68',
    "scalex-0-on-bold": '12<b style="transform:scaleX(0)">9</b>68',
    # one declaration, invalid as a whole: display is not set
    "missing-semicolon": '12<span style="color:red display:none">9</span>68',
    "small": "12<small>9</small>68",
    "font-size-max": '12<span style="font-size:max(0px, 1em)">9</span>68',
    "output": "12<output>9</output>68",
    "inline-math": "12<math><mn>9</mn></math>68",
}


@pytest.mark.parametrize("inner", PAINTED.values(), ids=PAINTED.keys())
def test_text_a_person_sees_is_read(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


SAME_FIGURE = {
    "soft-hyphen-entity": "12&shy;68",
    "soft-hyphen-character": "12\u00ad68",
    "zero-width-space": "12\u200b68",
    "word-joiner": "12\u206068",
    "byte-order-mark": "\ufeff1268",
    "wbr": "12<wbr>68",
    "full-width-digits": "１２６８",
    "center": "<center>1268</center>",
    "marquee": "<marquee>1268</marquee>",
    "blink": "<blink>1268</blink>",
    "nobr": "<nobr>1268</nobr>",
    "abbr-title": '<abbr title="9999">1268</abbr>',
    "data-value": '<data value="9999">1268</data>',
    "time-datetime": '<time datetime="9999">1268</time>',
    "title-attribute": '<span title="9">1268</span>',
    "text-transform": '<span style="text-transform:uppercase">1268</span>',
    "old-style-numerals": '<span style="font-variant-numeric:oldstyle-nums">1268</span>',
    "letter-spacing-wide": '<span style="letter-spacing:10px">1268</span>',
    "writing-mode": '<span style="writing-mode:vertical-rl">1268</span>',
    "dir-rtl": '<span dir="rtl">1268</span>',
    "direction-rtl": '<span style="direction:rtl">1268</span>',
    "bdi": "<bdi>1268</bdi>",
    "plaintext-bidi": '<span style="unicode-bidi:plaintext">1268</span>',
    "display-contents": '<span style="display:contents">1268</span>',
    "rotated-inline-is-not-rotated": '<span style="transform:rotate(180deg)">1268</span>',
    "rotated-a-little": '<span style="display:inline-block;transform:rotate(3deg)">'
    "1268</span>",
    "rotated-full-circle": '<span style="display:inline-block;transform:'
    'rotate(1turn)">1268</span>',
    "hidden-input": '12<input type="hidden" value="9">68',
    "iframe-content": "12<iframe>9</iframe>68",
    "spacer-image": '<img src="s.gif" width="1" height="1">1268',
}


@pytest.mark.parametrize("inner", SAME_FIGURE.values(), ids=SAME_FIGURE.keys())
def test_markup_around_a_figure_changes_nothing(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert_as_printed(report, example)


NOT_ONE_FIGURE = {
    "line-break": "12<br>68",
    "no-break-space": "12&nbsp;68",
    "thin-space": "1&thinsp;268",
    "rule": "12<hr>68",
    "preformatted-newline": "<pre>12\n68</pre>",
    "left-to-right-mark": "12\u200e68",
    "right-to-left-override-character": "\u202e8621",
    "isolate-characters": "12\u206668\u2069",
}


@pytest.mark.parametrize("inner", NOT_ONE_FIGURE.values(), ids=NOT_ONE_FIGURE.keys())
def test_what_is_not_one_figure_is_missing_with_a_finding(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert report.reading_findings


# ---------------------------------------------- turned round or mirrored

TURNED = {
    "rotate-180": '<span style="display:inline-block;transform:rotate(180deg)">'
    "8921</span>",
    "rotate-half-turn": '<span style="display:inline-block;transform:rotate(.5turn)">'
    "8921</span>",
    "rotate-property": '<span style="display:inline-block;rotate:180deg">8921</span>',
    "mirror": '<span style="display:inline-block;transform:scaleX(-1)">8621</span>',
    "mirror-scale-property": '<span style="display:inline-block;scale:-1 1">8621</span>',
    "mirror-matrix": '<span style="display:inline-block;transform:'
    'matrix(-1, 0, 0, 1, 0, 0)">8621</span>',
    "flipped-round-y": '<span style="display:inline-block;transform:rotateY(180deg)">'
    "8621</span>",
    "block-rotated": '<div style="transform:rotate(180deg)">8921</div>',
}


@pytest.mark.parametrize("inner", TURNED.values(), ids=TURNED.keys())
def test_text_turned_round_or_mirrored_is_reported(put: object, inner: str) -> None:
    """``8621`` mirrored shows 1268's digits backwards: it was read as 8621
    with no finding."""
    report = _read(put, inner)
    findings = [f for f in report.reading_findings if "屏幕上的顺序" in f.message]
    assert len(findings) == 1
    assert findings[0].kind is FindingKind.AMBIGUOUS
    assert "旋转" in findings[0].message
    assert "第 1 个表格" in findings[0].where


def test_a_style_sheet_rule_turning_a_cell_is_reported(
    page: str, example: Report
) -> None:
    css = ".t{display:inline-block;transform:scale(-1,1)}"
    cell = '<td><span class="t">8621</span></td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert [f.kind for f in report.reading_findings] == [FindingKind.AMBIGUOUS]


# ---------------------------------------------------- pictures in a cell

PICTURES = {
    "picture-alone": '<img src="n.png">',
    "picture-with-alt-text": '<img src="n.png" alt="1268">',
    "picture-between-digits": '12<img src="9.png">68',
    "picture-after-the-figure": '1268<img src="8.png" style="height:1em">',
}


@pytest.mark.parametrize("inner", PICTURES.values(), ids=PICTURES.keys())
def test_a_picture_where_a_figure_stands_is_no_figure(
    put: object, example: Report, inner: str
) -> None:
    """A picture may show the figure, or a digit of it: the cell was read as
    blank, or as the digits around the picture, with no finding."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    ours = [f for f in report.reading_findings if "图片" in f.message]
    assert len(ours) == 1
    assert ours[0].kind is FindingKind.UNREAD_LINE
    assert "〓" in ours[0].message
    assert ".png" in ours[0].message


def test_a_picture_by_a_label_changes_nothing(page: str, example: Report) -> None:
    label = "<td>行政许可</td>"
    assert page.count(label) == 1
    report = read_html(page.replace(label, '<td><img src="i.png">行政许可</td>'))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------------ table markup

_LABEL_CELL = "<td>行政许可</td>"


def _row_edit(page: str, old: str, new: str) -> str:
    start = page.index(f"<tr>{_LABEL_CELL}")
    end = page.index("</tr>", start)
    row = page[start:end]
    assert old in row
    return page[:start] + row.replace(old, new, 1) + page[end:]


TABLE_MARKUP = {
    # a browser clamps colspan to 1000 and makes a cell of a span of 0
    "colspan-far-past-the-table": (PRINTED, '<td colspan="99999">1268</td>'),
    "colspan-100": (PRINTED, '<td colspan="100">1268</td>'),
    "colspan-0": (_LABEL_CELL, '<td colspan="0">行政许可</td>'),
    "rowspan-0": (_LABEL_CELL, '<td rowspan="0">行政许可</td>'),
    "rowspan-far-past-the-table": (PRINTED, '<td rowspan="99999">1268</td>'),
    "colspan-not-a-number": (PRINTED, '<td colspan="3x">1268</td>'),
    "header-cells": (_LABEL_CELL, "<th>行政许可</th>"),
    "figure-in-a-one-cell-table": (
        PRINTED,
        "<td><table><tr><td>1268</td></tr></table></td>",
    ),
}


@pytest.mark.parametrize(("old", "new"), TABLE_MARKUP.values(), ids=TABLE_MARKUP.keys())
def test_table_markup_a_browser_copes_with_reads_back_equal(
    page: str, example: Report, old: str, new: str
) -> None:
    report = read_html(_row_edit(page, old, new))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def _first_table(page: str) -> tuple[int, int]:
    found = re.search(r"<table.*?</table>", page, re.S)
    assert found is not None
    return found.span()


def test_a_caption_with_digits_and_a_tfoot_first_read_back_equal(
    page: str, example: Report
) -> None:
    """The licensing row in a ``<tfoot>`` written before the ``<tbody>`` (a
    browser draws it last), the table captioned with a year and a count."""
    start, end = _first_table(page)
    table = page[start:end]
    row_start = table.index(f"<tr>{_LABEL_CELL}")
    row = table[row_start : table.index("</tr>", row_start) + 5]
    body = table.replace(row, "")
    open_end = body.index(">") + 1
    moved = (
        body[:open_end]
        + "<caption>表 1 2025年 1268 件</caption>"
        + f"<tfoot>{row}</tfoot><tbody>"
        + body[open_end:].replace("</table>", "</tbody></table>")
    )
    report = read_html(page[:start] + moved + page[end:])
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_figure_struck_by_important_rules_follows_the_cascade(
    page: str,
) -> None:
    """Two ``!important`` rules of one specificity: the later wins; an inline
    ``!important`` wins over the sheet's."""
    cell = '<td>12<span class="a b">9</span>68</td>'
    later_shows = ".a{display:none!important} .b{display:inline!important}"
    later_hides = ".b{display:inline!important} .a{display:none!important}"
    assert (
        read_html(_with_sheet(page.replace(PRINTED, cell), later_shows))[CELL] == 12968
    )
    assert (
        read_html(_with_sheet(page.replace(PRINTED, cell), later_hides))[CELL] == 1268
    )
    inline = '<td>12<span class="a" style="display:inline!important">9</span>68</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, inline), later_hides))
    assert report[CELL] == 12968


def test_a_figure_alone_in_a_text_box_is_read(put: object) -> None:
    """A figure typed in a text box, alone in its cell, is what a person
    sees there (it was read as a blank cell, with a finding)."""
    report = _read(put, '<input value="1268">')
    assert report[CELL] == 1268
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "css",
    [
        '@font-face{font-family:"an\\74i";src:url(a.woff2)} td{font-family:anti}',
        '@font-face{font-family:"anti";src:url(a.woff2)} td{font-family:an\\74i}',
    ],
    ids=["escaped-face-name", "escaped-use"],
)
def test_a_web_font_named_with_escapes_is_reported(page: str, css: str) -> None:
    """``an\\74i`` is ``anti``: the cells drawn with the page's own font were
    not reported when one of the two names was escaped."""
    report = read_html(_with_sheet(page, css))
    (finding,) = report.reading_findings
    assert finding.where == "样式表"
    assert "字体" in finding.message
