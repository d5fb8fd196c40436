"""read_html() probed, round 3: arithmetic and colour effects in styles,
embedded objects, and the markup government CMS pages and Word's "save as
web page" really produce.

Each probe replaces the one cell printing 行政许可's 1268, on a general page
(`render_html`) and on a page `write_html` made, or rewrites a table of the
general page. Styles that hide text by arithmetic (``calc(16px * 0)``), by a
colour made of colours (``color-mix()``) or by painting it over
(``filter:invert(1)``, ``mix-blend-mode:difference``) are worked out as a
browser works them out; what cannot be worked out (``calc(100% - 1em)``,
``light-dark()`` of two colours) leaves the digits unread with a finding. An
``<object>`` showing a resource is a picture, never its fallback text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
from test_read_html import render_html

CELL = PROBE_CELL
PRINTED = HTML_PRINTED

example, page, put = html_probe_fixtures()


# ------------------------------------------------ hidden by working it out

WORKED_OUT_HIDDEN = {
    # math functions of plain values are their results
    "font-size-calc-em": '12<span style="font-size:calc(1em - 1em)">9</span>68',
    "font-size-calc-times-0": '12<span style="font-size:calc(16px * 0)">9</span>68',
    "font-size-calc-absolute-units": '12<span style="font-size:calc(1in - 96px)">9'
    "</span>68",
    "opacity-calc": '12<span style="opacity:calc(1 - 1)">9</span>68',
    "opacity-calc-nested": '12<span style="opacity:calc((0.5 - 0.25) * 0)">9</span>68',
    "opacity-min": '12<span style="opacity:min(1, 0)">9</span>68',
    "rgb-of-calc": '12<span style="color:rgb(calc(200 + 55) 255 255)">9</span>68',
    "rgb-of-calc-commas": '12<span style="color:rgb(calc(255), calc(255), 255)">9'
    "</span>68",
    "scale-calc": '12<span style="display:inline-block;transform:scale(calc(1 - 1))">'
    "9</span>68",
    "width-calc-overflow": '12<span style="display:inline-block;width:calc(2px - 2px);'
    'overflow:hidden">9</span>68',
    "text-indent-calc": '<div style="text-indent:calc(-9999px * 2)">9</div>1268',
    # colours made of colours
    "color-mix-white-whole": '12<span style="color:color-mix(in srgb, white 100%, '
    'black)">9</span>68',
    "color-mix-white-with-white": '12<span style="color:color-mix(in oklab, #fff, '
    '#fff)">9</span>68',
    "color-mix-transparent": '12<span style="color:color-mix(in srgb, transparent, '
    'transparent)">9</span>68',
    "relative-colour-of-white": '12<span style="color:rgb(from white r g b)">9'
    "</span>68",
    "light-dark-of-one-colour": '12<span style="color:light-dark(#fff, white)">9'
    "</span>68",
    # painted over by a filter or a blend mode
    "filter-invert": '12<span style="filter:invert(1)">9</span>68',
    "filter-invert-percent": '12<span style="filter:invert(100%)">9</span>68',
    "filter-brightness-of-grey": '12<span style="color:#808080;'
    'filter:brightness(3)">9</span>68',
    "blend-difference": '12<span style="mix-blend-mode:difference">9</span>68',
    "blend-lighten": '12<span style="mix-blend-mode:lighten">9</span>68',
    "blend-screen-white": '12<span style="mix-blend-mode:screen;color:#ccc">9</span>68',
    "blend-exclusion": '12<span style="mix-blend-mode:exclusion">9</span>68',
    "blend-luminosity-on-white": '12<span style="mix-blend-mode:color;color:#000">9'
    "</span>68",
    "filter-invert-of-a-child": '12<span style="filter:invert(1)"><i>9</i></span>68',
    # a clip to a polygon of no area
    "clip-path-polygon-point": '12<span style="clip-path:polygon(0 0, 0 0, 0 0)">9'
    "</span>68",
    "clip-path-polygon-line": '12<span style="clip-path:polygon(0% 0%, 50% 50%, '
    '100% 100%)">9</span>68',
}


@pytest.mark.parametrize(
    "inner", WORKED_OUT_HIDDEN.values(), ids=WORKED_OUT_HIDDEN.keys()
)
def test_styles_worked_out_to_hide_text_hide_it(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert_as_printed(report, example)


WORKED_OUT_SHOWN = {
    "font-size-calc-of-a-size": '12<span style="font-size:calc(8px + 8px)">9</span>68',
    "opacity-calc-half": '12<span style="opacity:calc(1 / 2)">9</span>68',
    "color-mix-grey": '12<span style="color:color-mix(in srgb, white, black)">9'
    "</span>68",
    "filter-invert-on-black": '12<span style="background:#000;color:#fff;'
    'filter:invert(1)">9</span>68',
    "filter-contrast-zero-is-grey": '12<span style="filter:contrast(0)">9</span>68',
    "filter-brightness-of-black": '12<span style="filter:brightness(5)">9</span>68',
    "filter-drop-shadow": '12<span style="filter:drop-shadow(1px 1px 0 red)">9'
    "</span>68",
    "blend-multiply-black": '12<span style="mix-blend-mode:multiply">9</span>68',
    "blend-difference-of-red": '12<span style="mix-blend-mode:difference;'
    'color:red">9</span>68',
    # a blend inside a filter mixes with nothing: the text stays black
    "blend-inside-a-filter": '12<span style="filter:grayscale(0)">'
    '<b style="mix-blend-mode:difference">9</b></span>68',
    "clip-path-polygon-triangle": '12<span style="clip-path:polygon(0 0, 100% 0, '
    '0 100%)">9</span>68',
}


@pytest.mark.parametrize(
    "inner", WORKED_OUT_SHOWN.values(), ids=WORKED_OUT_SHOWN.keys()
)
def test_styles_worked_out_to_show_text_show_it(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


IN_DOUBT = {
    # the result depends on the layout or the viewer's colour scheme
    "font-size-calc-of-the-layout": (
        '12<span style="font-size:calc(100% - 16px)">9</span>68',
        "font-size:calc(100% - 16px)",
    ),
    "opacity-of-an-environment": (
        '12<span style="opacity:env(x, 0)">9</span>68',
        "opacity:env(x, 0)",
    ),
    "light-dark-of-two-colours": (
        '12<span style="color:light-dark(white, black)">9</span>68',
        "light-dark(white, black)",
    ),
    "color-mix-in-oklab": (
        '12<span style="color:color-mix(in oklab, white 90%, black)">9</span>68',
        "color-mix(in oklab",
    ),
    "a-blur": ('12<span style="filter:blur(8px)">9</span>68', "blur(8px)"),
    "an-svg-filter": ('12<span style="filter:url(#hide)">9</span>68', "url(#hide)"),
    "an-unknown-blend-mode": (
        '12<span style="mix-blend-mode:plus-magic">9</span>68',
        "plus-magic",
    ),
}


@pytest.mark.parametrize(("inner", "said"), IN_DOUBT.values(), ids=IN_DOUBT.keys())
def test_a_style_not_worked_out_leaves_the_figure_unread_with_a_finding(
    put: object, example: Report, inner: str, said: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any(
        f.kind is FindingKind.UNREAD_LINE and said in f.message
        for f in report.reading_findings
    )


def test_a_style_in_doubt_around_a_label_changes_nothing(
    page: str, example: Report
) -> None:
    """No digit in the styled text: nothing to doubt."""
    styled = '<td><span style="color:light-dark(black, white)">行政许可</span></td>'
    report = read_html(page.replace("<td>行政许可</td>", styled, 1))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


SHEET = {
    "calc": ".p{font-size:calc(10px - 10px)}",
    "filter": ".p{filter:invert(1)}",
    "blend": ".p{mix-blend-mode:difference}",
    "color-mix": ".p{color:color-mix(in srgb, #fff 50%, #fff 50%)}",
}


@pytest.mark.parametrize("css", SHEET.values(), ids=SHEET.keys())
def test_style_sheet_rules_are_worked_out_too(
    page: str, example: Report, css: str
) -> None:
    cell = '<td>12<span class="p">9</span>68</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------------ embedded objects

EMBEDDED = {
    # a browser shows what <object> embeds; its content only if that fails
    "object-with-fallback-digits": '12<object data="x.swf" '
    'type="application/x-shockwave-flash">9</object>68',
    "object-picture-alone": '<object data="a.png" type="image/png">1268</object>',
    "embed-between-digits": '12<embed src="a.swf">68',
}


@pytest.mark.parametrize("inner", EMBEDDED.values(), ids=EMBEDDED.keys())
def test_an_embedded_object_is_a_picture_and_its_fallback_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any("<object>" in f.message for f in report.reading_findings)


def test_an_object_embedding_nothing_shows_its_content(put: object) -> None:
    report = _read(put, "<object>1268</object>")
    assert report[CELL] == 1268
    assert report.reading_findings == ()


def test_an_object_beside_a_label_changes_nothing(page: str, example: Report) -> None:
    cell = '<td>行政许可<object data="icon.svg">图标</object></td>'
    report = read_html(page.replace("<td>行政许可</td>", cell, 1))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------- what CMS and Word pages hold

AS_PRINTED = {
    # Word's "save as web page"
    "word-empty-o-p": "1268<o:p></o:p>",
    "word-o-p-space": "1268<o:p>&nbsp;</o:p>",
    "word-msonormal-paragraph": '<p class="MsoNormal" align="center"><span '
    'lang="EN-US" style="font-size:10.5pt;font-family:宋体;mso-bidi-font-family:'
    '宋体">1268<o:p></o:p></span></p>',
    "word-downlevel-hidden": "12<!--[if gte mso 9]><xml>9</xml><![endif]-->68",
    # old markup and spaces a browser shows as nothing
    "font-tag": '<font face="宋体" size="2">1268</font>',
    "zero-width-spaces": "&#8203;12&#8203;68&#8203;",
    "word-break-opportunity": "12<wbr>68",
    "soft-hyphen": "12&shy;68",
    "link": '<a href="detail.html">1268</a>',
    "zero-font-size": '12<span style="font-size:0">9</span>68',
    "indent-off-screen-of-a-block": '<div style="text-indent:-9999px">9</div>1268',
    "vertical-writing": '<span style="writing-mode:vertical-rl">1268</span>',
}


@pytest.mark.parametrize("inner", AS_PRINTED.values(), ids=AS_PRINTED.keys())
def test_cms_and_word_markup_reads_as_printed(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert_as_printed(report, example)


SHOWN_BY_A_BROWSER = {
    # a browser ignores what only Word reads, and shows downlevel-revealed
    # conditional content
    "mso-hide": '12<span style="mso-hide:all">9</span>68',
    "downlevel-revealed": "12<![if !vml]>9<![endif]>68",
    "indent-of-an-inline-span": '12<span style="text-indent:-9999px">9</span>68',
    "small-font-tag": '12<font size="1">9</font>68',
}


@pytest.mark.parametrize(
    "inner", SHOWN_BY_A_BROWSER.values(), ids=SHOWN_BY_A_BROWSER.keys()
)
def test_what_a_browser_shows_of_word_markup_is_read(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 12968


def test_a_word_list_number_before_a_figure_is_no_figure(put: object) -> None:
    """``<!--[if !supportLists]-->9.<!--[endif]-->``: Word's list number is shown."""
    inner = "<!--[if !supportLists]--><span>9<span>.</span></span><!--[endif]-->1268"
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert report.reading_findings


def _tables(page: str) -> list[str]:
    return re.findall(r"<table.*?</table>", page, re.S)


def _requests_rows(page: str) -> tuple[str, list[str]]:
    table = _tables(page)[1]
    return table, re.findall(r"<tr>.*?</tr>", table, re.S)


def _split(page: str, at: int, *, repeat: bool, thead: bool = False) -> str:
    """Table 3 cut in two tables before its ``at``-th figure row."""
    table, rows = _requests_rows(page)
    head = "".join(rows[:3])
    if thead:
        head = f"<thead>{head}</thead>"
    first = f"<table border=1>{head}<tbody>{''.join(rows[3 : 3 + at])}</tbody></table>"
    second = (
        f"<table border=1>{head if repeat else ''}<tbody>"
        f"{''.join(rows[3 + at :])}</tbody></table>"
    )
    return page.replace(table, f"{first}\n<p>（续表）</p>\n{second}")


def _header_cells(page: str) -> str:
    table, rows = _requests_rows(page)
    head = "".join(rows[:3]).replace("<td>", "<th>").replace("</td>", "</th>")
    return page.replace(
        table,
        f"<table border=1><thead>{head}</thead><tbody>{''.join(rows[3:])}</tbody></table>",
    )


def _bodies(page: str) -> str:
    table, rows = _requests_rows(page)
    bodies = "".join(f"<tbody>{row}</tbody>" for row in rows[3:])
    return page.replace(
        table, f"<table border=1><thead>{''.join(rows[:3])}</thead>{bodies}</table>"
    )


def _cms_wrappers(page: str) -> str:
    return page.replace(
        "<body>", '<body><div class="TRS_Editor"><div class="Custom_UnionStyle">'
    ).replace("</body>", "</div></div></body>")


def _hidden_row_before(style: str) -> object:
    row = "<tr><td>行政许可</td><td>1268</td></tr>"

    def edit(page: str) -> str:
        assert page.count(row) == 1
        return page.replace(
            row, f'<tr style="{style}"><td>行政许可</td><td>9</td></tr>{row}'
        )

    return edit


def _div_table(page: str) -> str:
    """Every table as ``<div>``s laid out by ``display:table-row``/``-cell``."""
    for table in _tables(page):
        rows = re.sub(r"<table[^>]*>", '<div style="display:table">', table)
        rows = rows.replace("</table>", "</div>")
        rows = rows.replace("<tr>", '<div style="display:table-row">')
        rows = rows.replace("<td>", '<div style="display:table-cell">')
        page = page.replace(
            table, rows.replace("</tr>", "</div>").replace("</td>", "</div>")
        )
    return page


TABLES = {
    "split-without-its-header": lambda p: _split(p, 12, repeat=False),
    "split-with-its-header-again": lambda p: _split(p, 12, repeat=True),
    "split-with-a-thead-again": lambda p: _split(p, 12, repeat=True, thead=True),
    "split-after-the-first-row": lambda p: _split(p, 1, repeat=True),
    "header-cells-in-a-thead": _header_cells,
    "a-tbody-per-row": _bodies,
    "trs-editor-wrappers": _cms_wrappers,
    "a-hidden-row-before": _hidden_row_before("display:none"),
    "a-collapsed-row-before": _hidden_row_before("visibility:collapse"),
    "div-rows-and-cells": _div_table,
}


@pytest.mark.parametrize("edit", TABLES.values(), ids=TABLES.keys())
def test_tables_as_cms_pages_lay_them_out_read_fully(
    page: str, example: Report, edit: object
) -> None:
    assert callable(edit)
    report = read_html(edit(page))
    assert dict(report.cells()) == dict(example.cells())
    assert all(f.kind is FindingKind.UNKNOWN_LABEL for f in report.reading_findings)


def test_a_transparent_row_is_not_read(page: str, example: Report) -> None:
    row = "<tr><td>行政许可</td><td>1268</td></tr>"
    report = read_html(page.replace(row, row.replace("<tr>", '<tr style="opacity:0">')))
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert report.reading_findings


# ------------------------------------------- boxes a style makes or unmakes


def _div_table_by_classes(page: str) -> str:
    """Every table as ``<div>`` rows of ``<span>`` cells laid out by classes."""
    for table in _tables(page):
        rows = re.sub(r"<table[^>]*>", '<div class="t">', table)
        rows = rows.replace("</table>", "</div>").replace("<tr>", '<div class="r">')
        rows = rows.replace("</tr>", "</div>").replace("<td>", '<span class="c">')
        page = page.replace(table, rows.replace("</td>", "</span>"))
    sheet = (
        "<style>.t{display:table}.r{display:table-row}.c{display:table-cell}</style>"
    )
    return page.replace("</head>", f"{sheet}</head>")


def test_a_table_of_spans_laid_out_by_classes_reads_fully(
    page: str, example: Report
) -> None:
    """``<span class="c">`` cells of ``display:table-cell``: the cells a
    browser draws apart were joined (``规章000``) and no figure was read."""
    report = read_html(_div_table_by_classes(page))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


TWO_LINES = {
    # a style makes these boxes of their own: 12 above 68, no one figure
    "spans-displayed-as-blocks": '<span style="display:block">12</span>'
    '<span style="display:block">68</span>',
    "spans-displayed-as-cells": '<span style="display:table-cell">12</span>'
    '<span style="display:table-cell">68</span>',
    "spans-displayed-as-list-items": '<span style="display:list-item">12</span>'
    '<span style="display:list-item">68</span>',
    "a-line-break": "12<br>68",
    "two-paragraphs": "<p>12</p><p>68</p>",
}


@pytest.mark.parametrize("inner", TWO_LINES.values(), ids=TWO_LINES.keys())
def test_digits_a_style_sets_apart_are_no_one_figure(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)


def test_digits_set_apart_by_a_style_sheet_class_are_no_one_figure(
    page: str, example: Report
) -> None:
    cell = '<td><span class="b">12</span><span class="b">68</span></td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), ".b{display:block}"))
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)


ONE_LINE = {
    "divs-displayed-inline": '<div style="display:inline">12</div>'
    '<div style="display:inline">68</div>',
    "paragraphs-displayed-inline-block": '<p style="display:inline-block">12</p>'
    '<p style="display:inline-block">68</p>',
    "a-text-box-alone": '<input type="text" readonly value="1268">',
    "a-text-area-alone": "<textarea>1268</textarea>",
}


@pytest.mark.parametrize("inner", ONE_LINE.values(), ids=ONE_LINE.keys())
def test_what_a_style_runs_together_is_one_figure(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert_as_printed(report, example)


def test_a_text_box_beside_a_figure_is_still_a_mark(put: object) -> None:
    report = _read(put, '1268<input value="9">')
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert "表单控件“9”" in finding.message


# ------------------------------------------------------------ charsets


def _declaring(page: str, charset: str) -> str:
    return page.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')


LIES = ["iso-8859-1", "windows-1252", "koi8-r", "big5", "shift_jis", "utf-8"]


@pytest.mark.parametrize("charset", LIES)
def test_a_gbk_page_declaring_another_charset_reads(
    page: str, example: Report, charset: str
) -> None:
    """A single-byte charset decodes any bytes (into Latin letters): a GBK
    page declaring one was refused as no report."""
    report = read_html(_declaring(page, charset).encode("gbk"))
    assert dict(report.cells()) == dict(example.cells())


ENCODED = {
    "gb18030-declared-gbk": lambda p: _declaring(p, "gbk").encode("gb18030"),
    "utf-8-declared-gbk": lambda p: _declaring(p, "gbk").encode("utf-8"),
    "utf-8-bom-declared-gbk": lambda p: (
        b"\xef\xbb\xbf" + _declaring(p, "gbk").encode("utf-8")
    ),
    "utf-16-le-bom": lambda p: (
        b"\xff\xfe" + _declaring(p, "utf-16").encode("utf-16-le")
    ),
    "utf-16-le-without-bom": lambda p: _declaring(p, "utf-16").encode("utf-16-le"),
    "utf-16-be-without-bom": lambda p: _declaring(p, "utf-16").encode("utf-16-be"),
    # UTF-8 but for a stray byte or a last character cut: crawler dumps
    "utf-8-with-a-stray-byte-declared-gbk": lambda p: (
        _declaring(p, "gbk").encode("utf-8").replace(b"<body>", b"<body><!-- \xff -->")
    ),
    "utf-8-with-a-stray-byte": lambda p: p.encode("utf-8").replace(
        b"<body>", b"<body><!-- \xff -->"
    ),
    "utf-8-with-a-gbk-fragment": lambda p: p.encode("utf-8").replace(
        b"<body>", b"<body><p>" + "编辑：张三".encode("gbk") + b"</p>"
    ),
    "utf-8-cut-mid-character": lambda p: p.encode("utf-8") + "表".encode()[:2],
    "gb2312-by-http-equiv": lambda p: p.replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    ).encode("gbk"),
}


@pytest.mark.parametrize("encode", ENCODED.values(), ids=ENCODED.keys())
def test_pages_in_every_encoding_read(
    page: str, example: Report, encode: object
) -> None:
    assert callable(encode)
    report = read_html(encode(page))
    assert dict(report.cells()) == dict(example.cells())


# ------------------------------------------------------- faint digits

FAINT = {
    "near-white": '12<span style="color:#f0f0f0">9</span>68',
    "white-on-near-white": '12<span style="color:#fff;background:#f2f2f2">9</span>68',
    "black-at-five-percent": '12<span style="color:rgba(0,0,0,0.05)">9</span>68',
    "faded-grey": '12<span style="color:#ccc;opacity:0.2">9</span>68',
    # a digit a few pixels high is a speck
    "font-of-2px": '12<span style="font-size:2px">9</span>68',
    "font-of-a-fifth-rem": '12<span style="font-size:.2rem">9</span>68',
    "scaled-to-a-fifth": '12<span style="display:inline-block;transform:scale(.2)">9'
    "</span>68",
}


@pytest.mark.parametrize("inner", FAINT.values(), ids=FAINT.keys())
def test_digits_too_faint_to_read_are_not_read(
    put: object, example: Report, inner: str
) -> None:
    """Painted a few steps from the page (a contrast under 1.15) they were read."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any("看不清" in f.message for f in report.reading_findings)


PALE = {
    "yellow": '12<span style="color:yellow">9</span>68',
    "silver": '12<span style="color:silver">9</span>68',
    "light-grey": '12<span style="color:#d0d0d0">9</span>68',
    "font-of-5px": '12<span style="font-size:5px">9</span>68',
}


@pytest.mark.parametrize("inner", PALE.values(), ids=PALE.keys())
def test_pale_digits_a_person_sees_are_read(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


def test_a_faint_label_changes_nothing(page: str, example: Report) -> None:
    cell = '<td style="color:#f0f0f0">行政许可</td>'
    report = read_html(page.replace("<td>行政许可</td>", cell, 1))
    assert dict(report.cells()) == dict(example.cells())


# ------------------------------------------------ numbered row labels

NUMBERED = {
    "number-and-point": "1. 行政许可",
    "number-and-point-glued": "1.行政许可",
    "number-in-brackets": "（1）行政许可",
    "number-and-comma": "1、行政许可",
    "chinese-number": "一、行政许可",
    "word-list-number": "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
    "<![if !supportLists]><span>1.<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp; </span></span><![endif]>行政许可</p>",
}


@pytest.mark.parametrize("label", NUMBERED.values(), ids=NUMBERED.keys())
def test_a_list_number_before_a_row_label_is_read_with_a_finding(
    page: str, example: Report, label: str
) -> None:
    """Word's automatic number saved as text before 行政许可: the row was lost."""
    report = read_html(page.replace("<td>行政许可</td>", f"<td>{label}</td>", 1))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.LABEL_VARIANT
    assert "编号" in finding.message


def test_a_wrong_number_before_a_numbered_label_is_read_by_its_words(
    page: str, example: Report
) -> None:
    """``9.属于国家秘密``: the words name one row of table 3 only, whatever
    the number: that row, with a finding naming the number printed (never
    another row by its number)."""
    cell = "<td>1.属于国家秘密</td>"
    assert page.count(cell) == 1
    report = read_html(page.replace(cell, "<td>9.属于国家秘密</td>"))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.LABEL_VARIANT
    assert "“9.属于国家秘密”" in finding.message
    assert "“1.属于国家秘密”" in finding.message


# ---------------------------------------------- rules for every screen


def _with_a_fake_table_before(page: str, css: str) -> str:
    table = re.findall(r"<table.*?</table>", page, re.S)[0]
    fake = re.sub(r"<td>\d+(?:\.\d+)?</td>", "<td>9</td>", table)
    page = page.replace(table, f'<div class="m">{fake}</div>{table}')
    return _with_sheet(page, css)


SCREENS = {
    "screen": "@media screen{.m{display:none}}",
    "all": "@media all { .m { display: none } }",
    "only-screen": "@media only screen{.m{display:none}}",
    "screen-or-print": "@media print, screen{.m{display:none}}",
}


@pytest.mark.parametrize("css", SCREENS.values(), ids=SCREENS.keys())
def test_rules_for_every_screen_are_applied(
    page: str, example: Report, css: str
) -> None:
    """A copy of table 2 hidden by an ``@media screen`` rule was reported as
    unapplied, and both copies' rows were lost as duplicates."""
    report = read_html(_with_a_fake_table_before(page, css))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_rule_for_some_screens_is_still_reported(page: str) -> None:
    css = "@media (max-width:600px){.m{display:none}}"
    report = read_html(_with_a_fake_table_before(page, css))
    assert any(f.where == "样式表" for f in report.reading_findings)


ROOT_SIZES = {
    # `rem` counts in the <html> element's font size, not always 16px
    "root-of-zero": "html{font-size:0}body{font-size:16px}.p{font-size:1rem}",
    "root-of-one-px": "html{font-size:1px}body{font-size:16px}.p{font-size:.5rem}",
    "root-of-ten-px": "html{font-size:62.5%}body{font-size:16px}.p{font-size:.1rem}",
}


@pytest.mark.parametrize("css", ROOT_SIZES.values(), ids=ROOT_SIZES.keys())
def test_rem_sizes_count_in_the_root_font_size(
    page: str, example: Report, css: str
) -> None:
    cell = '<td>12<span class="p">9</span>68</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_rem_size_on_a_large_root_is_read(page: str) -> None:
    css = "html{font-size:62.5%}.p{font-size:1.4rem}"
    cell = '<td>12<span class="p">9</span>68</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert report[CELL] == 12968


HUGE = {
    "calc-past-a-float": '12<span style="opacity:calc(1e308 * 10)">9</span>68',
    "a-number-past-a-float": '12<span style="font-size:calc(1e400px)">9</span>68',
    "rgb-of-a-huge-calc": '12<span style="color:rgb(calc(1e999) 0 0)">9</span>68',
    "hue-rotate-past-a-float": '12<span style="filter:hue-rotate(1e999deg)">9</span>68',
}


@pytest.mark.parametrize("inner", HUGE.values(), ids=HUGE.keys())
def test_numbers_past_a_float_are_no_crash(put: object, inner: str) -> None:
    """``calc(1e308 * 10)`` raised OverflowError; now it is not worked out."""
    report = _read(put, inner)
    assert report[CELL] in (MISSING, 12968)


# ------------------------------------------------------- gradients

GRADIENT_HIDES = {
    "black-on-a-black-gradient": '12<span style="background:linear-gradient(#000,#000)">'
    "9</span>68",
    "black-on-a-black-image": '12<span style="background-image:linear-gradient(to right,'
    ' #000 0%, #000 100%)">9</span>68',
    "white-on-a-white-gradient-over-black": '12<span style="color:#fff;background:#000 '
    'linear-gradient(#fff,#fff)">9</span>68',
    "white-on-a-white-radial-gradient": '12<span style="color:#fff;background:#000 '
    'radial-gradient(circle at center, white, white)">9</span>68',
}


@pytest.mark.parametrize("inner", GRADIENT_HIDES.values(), ids=GRADIENT_HIDES.keys())
def test_text_on_a_gradient_of_its_colour_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    """A gradient was no background: black on a black gradient was read."""
    report = _read(put, inner)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_text_on_a_gradient_hiding_part_of_it_is_not_read(
    put: object, example: Report
) -> None:
    report = _read(
        put, '12<span style="background:linear-gradient(#000,#fff)">9</span>68'
    )
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any("linear-gradient" in f.message for f in report.reading_findings)


GRADIENT_SHOWS = {
    "white-on-a-black-gradient": '12<span style="color:#fff;background:'
    'linear-gradient(#000,#000)">9</span>68',
    "red-on-a-light-gradient": '12<span style="color:red;background:'
    'linear-gradient(#fff,#eee)">9</span>68',
}


@pytest.mark.parametrize("inner", GRADIENT_SHOWS.values(), ids=GRADIENT_SHOWS.keys())
def test_text_seen_on_every_colour_of_a_gradient_is_read(
    put: object, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


def test_a_gradient_from_a_style_sheet_is_applied(page: str, example: Report) -> None:
    css = ".p{background-image:linear-gradient(#000,#000)}"
    cell = '<td>12<span class="p">9</span>68</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert dict(report.cells()) == dict(example.cells())


# --------------------------------------------- glyphs painted another way

OUTLINED = {
    # a transparent (or page-coloured) fill, but the glyphs drawn all the same
    "text-stroke-on-transparent": '12<span style="color:transparent;'
    '-webkit-text-stroke:1px #000">9</span>68',
    "text-stroke-longhands": '12<span style="color:#fff;-webkit-text-stroke-width:1px;'
    '-webkit-text-stroke-color:black">9</span>68',
    "text-stroke-of-the-fill-colour": '12<span style="-webkit-text-fill-color:'
    'transparent;-webkit-text-stroke:thin;color:#000">9</span>68',
    "background-clipped-to-text": '12<span style="background:#000;'
    '-webkit-background-clip:text;color:transparent">9</span>68',
    "gradient-clipped-to-text": '12<span style="background:linear-gradient(red,red);'
    'background-clip:text;-webkit-text-fill-color:transparent">9</span>68',
}


@pytest.mark.parametrize("inner", OUTLINED.values(), ids=OUTLINED.keys())
def test_glyphs_drawn_by_a_stroke_or_a_clipped_background_are_read(
    put: object, inner: str
) -> None:
    """A transparent fill was taken for hidden text, though the stroke or the
    background clipped to the glyphs draws them: the 9 was dropped."""
    report = _read(put, inner)
    assert report[CELL] == 12968
    assert report.reading_findings == ()


NOT_OUTLINED = {
    "white-stroke-on-white": '12<span style="color:#fff;-webkit-text-stroke:1px #fff">'
    "9</span>68",
    "a-stroke-of-no-width": '12<span style="color:transparent;-webkit-text-stroke:0 '
    '#000">9</span>68',
    "white-fill-over-a-clipped-background": '12<span style="background:#000;'
    'background-clip:text;color:#fff">9</span>68',
    "white-background-clipped-to-text": '12<span style="background:#fff;'
    'background-clip:text;color:transparent">9</span>68',
}


@pytest.mark.parametrize("inner", NOT_OUTLINED.values(), ids=NOT_OUTLINED.keys())
def test_glyphs_painted_in_the_page_colour_are_not_read(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# -------------------------------------------------- moved or turned away

MOVED_AWAY = {
    # a whole viewport off the screen, whatever its size
    "translated-a-viewport-up": '12<span style="display:inline-block;'
    'transform:translateY(-100vh)">9</span>68',
    "positioned-a-viewport-left": '12<span style="position:absolute;left:-100vw">9'
    "</span>68",
    "indented-a-viewport": '<div style="text-indent:-100vw">9</div>1268',
    "a-margin-of-two-viewports": '<div style="margin-left:-200vw">9</div>1268',
    "inset-shorthand": '12<span style="position:absolute;inset:-9999px auto auto '
    '-9999px">9</span>68',
    # turned about an axis in the page: edge-on, or its back turned
    "turned-edge-on": '12<span style="display:inline-block;transform:rotateY(90deg)">9'
    "</span>68",
    "turned-a-quarter-about-x": '12<span style="display:inline-block;'
    'transform:rotateX(0.25turn)">9</span>68',
    "back-turned-and-hidden": '12<span style="display:inline-block;'
    'transform:rotateY(180deg);backface-visibility:hidden">9</span>68',
}


@pytest.mark.parametrize("inner", MOVED_AWAY.values(), ids=MOVED_AWAY.keys())
def test_text_moved_or_turned_out_of_sight_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_box_translated_over_its_neighbour_is_reported(put: object) -> None:
    """``translateX(-10000%)`` (of its own width) was read in place, silently."""
    inner = (
        '12<span style="display:inline-block;transform:translateX(-100%)">9</span>68'
    )
    report = _read(put, inner)
    assert any(f.kind is FindingKind.AMBIGUOUS for f in report.reading_findings)


def test_a_small_translation_changes_nothing(put: object) -> None:
    inner = '<span style="display:inline-block;transform:translateY(1px)">1268</span>'
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert report.reading_findings == ()


# ------------------------------------------------ gaps between digits

GAPS = {
    "a-margin": '12<span style="margin-left:1em">68</span>',
    "a-padding": '12<span style="padding-left:20px">68</span>',
    "a-margin-shorthand": '12<span style="margin:0 0 0 1em">68</span>',
    "a-padding-shorthand-after": '<span style="padding:0 6px 0 0">12</span>68',
    "an-empty-spacer-box": '12<span style="display:inline-block;width:40px"></span>68',
}


@pytest.mark.parametrize("inner", GAPS.values(), ids=GAPS.keys())
def test_digits_a_gap_sets_apart_are_no_one_figure(
    put: object, example: Report, inner: str
) -> None:
    """``12`` and ``68`` a margin apart (two groups on the screen) were read as 1268."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)


NO_GAPS = {
    "padding-around-the-figure": '<span style="padding:0 4px">1268</span>',
    "margin-around-the-figure": '<span style="margin:0 1em">1268</span>',
    "a-margin-of-a-pixel": '12<span style="margin-left:1px">68</span>',
    "even-letter-spacing": '<span style="letter-spacing:1em">1268</span>',
}


@pytest.mark.parametrize("inner", NO_GAPS.values(), ids=NO_GAPS.keys())
def test_space_around_a_figure_changes_nothing(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert report.reading_findings == ()


def test_a_gap_inside_a_label_changes_nothing(page: str, example: Report) -> None:
    cell = '<td>行政<span style="margin-left:1em">许可</span></td>'
    report = read_html(page.replace("<td>行政许可</td>", cell, 1))
    assert dict(report.cells()) == dict(example.cells())


UNSTRUCK = {
    # a deletion drawn without its line: plain text on the screen, though the
    # markup says it is deleted
    "del-without-its-line": '12<del style="text-decoration:none">9</del>68',
    "s-without-its-line": '12<s style="text-decoration-line:none">9</s>68',
}


@pytest.mark.parametrize("inner", UNSTRUCK.values(), ids=UNSTRUCK.keys())
def test_a_deletion_drawn_as_plain_text_is_not_read_silently(
    put: object, example: Report, inner: str
) -> None:
    """It was dropped as deleted, though the screen shows 12968."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert any("text-decoration:none" in f.message for f in report.reading_findings)


def test_a_deletion_unstruck_by_a_style_sheet_is_not_read_silently(page: str) -> None:
    cell = "<td>12<del>9</del>68</td>"
    report = read_html(
        _with_sheet(page.replace(PRINTED, cell), "del{text-decoration:none}")
    )
    assert report[CELL] is MISSING


def test_a_line_through_is_not_undone_by_a_child(put: object, example: Report) -> None:
    inner = '12<span style="text-decoration:line-through"><b style="text-decoration:none">9</b></span>68'
    report = _read(put, inner)
    assert dict(report.cells()) == dict(example.cells())


# ---------------------------------------- whole pages as editors save them


def _word_saved(page: str) -> str:
    """The page as Word's "save as web page" writes it: every cell a styled
    ``MsoNormal`` paragraph with padding, margins and ``<o:p>``."""

    def cell(found: re.Match[str]) -> str:
        return (
            "<td width=80 valign=top style='width:60.0pt;border:solid windowtext 1.0pt;"
            "border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm "
            "5.4pt;height:15.6pt'><p class=MsoNormal align=center style='margin:0cm;"
            "margin-bottom:.0001pt;text-align:center;line-height:15.0pt;"
            "mso-line-height-rule:exactly'><span lang=EN-US style='font-size:10.5pt;"
            "font-family:宋体;color:black;mso-font-kerning:0pt'>"
            f"{found.group(1)}<o:p></o:p></span></p></td>"
        )

    page = re.sub(r"<td>(.*?)</td>", cell, page)
    page = page.replace(
        "<table border=1>",
        "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>",
    )
    page = page.replace(
        "<p>",
        "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'>"
        "<span style='font-size:16.0pt;font-family:仿宋_GB2312'>",
    ).replace("</p>", "<span lang=EN-US><o:p></o:p></span></span></p>")
    sheet = (
        "<style><!-- p.MsoNormal {margin:0cm;margin-bottom:.0001pt;font-size:10.5pt;}"
        " @page WordSection1 {size:595.3pt 841.9pt;} div.WordSection1 "
        "{page:WordSection1;} --></style>"
    )
    page = page.replace("<head>", f"<head>{sheet}")
    return page.replace("<body>", "<body lang=ZH-CN><div class=WordSection1>").replace(
        "</body>", "</div></body>"
    )


def _spreadsheet_saved(page: str) -> str:
    """As WPS or Excel save a sheet: classed cells with padding and ``x:num``."""
    page = re.sub(
        r"<td>(.*?)</td>",
        r"<td class=xl65 width=72 style='width:54pt;padding:1px 2px' x:num>\1</td>",
        page,
    )
    sheet = "<style>.xl65{font-size:11.0pt;text-align:center;padding:0 4px}</style>"
    return page.replace("<head>", f"<head>{sheet}")


def _trs_saved(page: str) -> str:
    """As a TRS WCM editor saves a page: padded cells of centred paragraphs."""
    page = re.sub(
        r"<td>(.*?)</td>",
        r'<td style="border:1px solid #000;padding:5px 10px;"><p style="text-align:'
        r'center;margin:0;padding:0 8px"><span style="font-family:宋体;font-size:14px">'
        r"\1</span></p></td>",
        page,
    )
    return _cms_wrappers(page)


SAVED = {"word": _word_saved, "spreadsheet": _spreadsheet_saved, "trs-wcm": _trs_saved}


@pytest.mark.parametrize("save", SAVED.values(), ids=SAVED.keys())
def test_pages_as_editors_save_them_read_fully(
    page: str, example: Report, save: Callable[[str], str]
) -> None:
    report = read_html(save(page))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------- collapsed columns


def _with_a_first_column(page: str, columns: str) -> str:
    """Table 4 with a first column of 9s, and ``columns`` (its ``<colgroup>``)."""
    table = re.findall(r"<table.*?</table>", page, re.S)[2]
    changed = re.sub(
        r"(<table[^>]*>)",
        r"\1" + columns,
        table.replace("<tr>", "<tr><td>9</td>"),
        count=1,
    )
    return page.replace(table, changed)


COLLAPSED = {
    "a-collapsed-col": '<colgroup><col style="visibility:collapse"><col span="20"></colgroup>',
    "a-collapsed-colgroup": '<colgroup span="1" style="visibility:collapse"></colgroup>',
}


@pytest.mark.parametrize("columns", COLLAPSED.values(), ids=COLLAPSED.keys())
def test_a_column_collapsed_by_its_col_is_not_read(
    example: Report, columns: str
) -> None:
    """A browser draws no cell of it; its 9s put the headers out of place."""
    page = render_html(example, spans=True)
    report = read_html(_with_a_first_column(page, columns))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_col_not_displayed_hides_nothing(example: Report) -> None:
    """``display:none`` on a ``<col>`` takes it out of the columns, not its cells."""
    page = render_html(example, spans=True)
    columns = '<colgroup><col style="display:none"><col span="20"></colgroup>'
    report = read_html(_with_a_first_column(page, columns))
    assert report.reading_findings


GLYPH_MARKS = {
    # the font draws superscript or subscript glyphs: a mark, as <sup> is
    "font-variant-position-super": (
        '1268<span style="font-variant-position:super">1</span>',
        "上标“1”",
    ),
    "font-variant-shorthand-sub": (
        '1268<span style="font-variant:sub">1</span>',
        "下标“1”",
    ),
    "opentype-sups": (
        "1268<span style=\"font-feature-settings:'sups'\">1</span>",
        "上标“1”",
    ),
    "opentype-subs-on": (
        "1268<span style=\"font-feature-settings:'subs' on\">2</span>",
        "下标“2”",
    ),
}


@pytest.mark.parametrize(
    ("inner", "said"), GLYPH_MARKS.values(), ids=GLYPH_MARKS.keys()
)
def test_superscript_glyphs_of_the_font_are_a_mark(
    put: object, example: Report, inner: str, said: str
) -> None:
    """They were joined to the figure (12681)."""
    report = _read(put, inner)
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert said in finding.message


def test_a_feature_turned_off_draws_plain_digits(put: object) -> None:
    report = _read(put, "1268<span style=\"font-feature-settings:'sups' 0\">9</span>")
    assert report[CELL] == 12689


MARK_ALONE = {
    "superscript": "<sup>1268</sup>",
    "subscript": "<sub>1268</sub>",
    "raised-by-style": '<span style="vertical-align:super">1268</span>',
    "a-drop-down": "<select><option>1268</option></select>",
    "an-annotation": "<ruby><rt>1268</rt></ruby>",
}


@pytest.mark.parametrize("inner", MARK_ALONE.values(), ids=MARK_ALONE.keys())
def test_a_cell_of_nothing_but_a_mark_of_digits_is_no_blank(
    put: object, example: Report, inner: str
) -> None:
    """It was read as a blank cell (a figure claimed: nothing printed)."""
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert other_cells(report) == other_cells(example)
    assert report.reading_findings


def test_a_cell_of_a_mark_without_digits_is_still_a_blank(page: str) -> None:
    report = read_html(page.replace(PRINTED, "<td><sup>注</sup></td>"))
    assert report[CELL] is not MISSING
