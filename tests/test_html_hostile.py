"""read_html() on hostile pages: every figure is the one a person sees, or a finding says why not.

Each trap goes into the one cell printing 行政许可's 1268, on two pages: a
general page (`render_html`) and a page `write_html` made (read by its
markup). Text a browser does not paint (every colour syntax, faint
opacities, tiny fonts, transforms, clips) is not read; text it paints but
that is no part of a figure (subscripts, ruby annotations, form controls) is
dropped with a finding; a bidirectional override is read in the order on the
screen, with a finding. Then what a person does see must be read, the
``<style>`` sheet's rules (``!important``, the later rule), generated content,
and layout tables: a report inside a CMS page's ``<table>`` reads fully.
"""

from __future__ import annotations

import io
import re

import pytest

from govinfo_report import (
    MISSING,
    FindingKind,
    Report,
    example_report,
    read_html,
    write_html,
)
from test_read_html import render_html

CELL = "active.licensing.decisions"
PRINTED = "<td>1268</td>"
OWN_PRINTED = '"active.licensing.decisions" colspan="3">1268</td>'


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _own_page(report: Report) -> str:
    buffer = io.BytesIO()
    write_html(report, buffer)
    return buffer.getvalue().decode("utf-8")


@pytest.fixture(scope="module", params=["page", "own-page"])
def put(request: pytest.FixtureRequest, example: Report) -> object:
    """A function putting a cell's inner HTML in place of 1268, on a page."""
    if request.param == "page":
        page = render_html(example, spans=False)
        assert page.count(PRINTED) == 1
        return lambda inner: page.replace(PRINTED, f"<td>{inner}</td>")
    own = _own_page(example)
    assert own.count(OWN_PRINTED) == 1
    return lambda inner: own.replace(
        OWN_PRINTED, OWN_PRINTED.replace(">1268<", f">{inner}<")
    )


def _read(put: object, inner: str) -> Report:
    assert callable(put)
    page = put(inner)
    assert isinstance(page, str)
    return read_html(page)


HIDDEN = {
    # colours: white on the white page, in every syntax a browser paints
    "hex-8-opaque": '12<span style="color:#FFFFFFFF">9</span>68',
    "hex-4-opaque": '12<span style="color:#ffff">9</span>68',
    "rgb-spaces": '12<span style="color:rgb(255 255 255)">9</span>68',
    "rgb-percent": '12<span style="color:rgb(100%, 100%, 100%)">9</span>68',
    "rgba-opaque-white": '12<span style="color:rgba(255,255,255,1)">9</span>68',
    "rgb-slash-alpha-0": '12<span style="color:rgb(0 0 0 / 0)">9</span>68',
    "rgba-faint": '12<span style="color:rgba(0,0,0,0.02)">9</span>68',
    "hsl": '12<span style="color:hsl(0,0%,100%)">9</span>68',
    "hsl-spaces": '12<span style="color:hsl(0 0% 100%)">9</span>68',
    "named-ghostwhite": '12<span style="color:ghostwhite">9</span>68',
    "yellow-on-yellow": '12<mark style="background:yellow;color:#ff0">9</mark>68',
    "background-rgb-spaces": '12<span style="background:rgb(0 0 0) none;color:#000">9</span>68',
    "background-currentcolor": '12<span style="background-color:currentColor">9</span>68',
    "text-fill-transparent": '12<span style="-webkit-text-fill-color:transparent">9</span>68',
    # opacity and filters
    "opacity-faint": '12<span style="opacity:0.001">9</span>68',
    "opacity-product": '12<span style="opacity:.1"><b style="opacity:.1">9</b></span>68',
    "filter-opacity": '12<span style="filter:opacity(0)">9</span>68',
    "filter-opacity-percent": '12<span style="filter: opacity(0%)">9</span>68',
    # tiny fonts
    "font-1px": '12<span style="font-size:1px">9</span>68',
    "font-half-px": '12<span style="font-size:0.5px">9</span>68',
    "font-half-pt": '12<span style="font-size:.5pt">9</span>68',
    "font-tiny-em": '12<span style="font-size:0.01em">9</span>68',
    "font-tiny-percent": '12<span style="font-size:1%">9</span>68',
    "font-shorthand": '12<span style="font:0/0 a">9</span>68',
    # transforms and clips
    "scale-0": '12<span style="display:inline-block;transform:scale(0)">9</span>68',
    "scale-0-0": '12<span style="display:inline-block;transform: scale(0, 0)">9</span>68',
    "scalex-0": '12<span style="display:inline-block;transform:scaleX(0)">9</span>68',
    "scale-tiny": '12<span style="display:inline-block;transform:scale(.01)">9</span>68',
    "matrix-flat": '12<span style="display:inline-block;transform:matrix(1,0,0,0,0,0)">9</span>68',
    "scale-property": '12<span style="display:inline-block;scale:0">9</span>68',
    "translate-off": '12<span style="display:inline-block;transform:translateX(-9999px)">9</span>68',
    "clip-path-inset": '12<span style="clip-path:inset(50%)">9</span>68',
    "clip-path-circle": '12<span style="clip-path:circle(0)">9</span>68',
    "clip-rect-px": '12<span style="position:absolute;clip:rect(0px 0px 0px 0px)">9</span>68',
    "overflow-clip": '12<div style="height:0;overflow:clip">9</div>68',
    "right-far": '12<span style="position:absolute;right:99999px">9</span>68',
    "content-visibility": '12<span style="content-visibility:hidden">9</span>68',
    "zoom-tiny": '12<span style="zoom:0.01">9</span>68',
    # elements not shown
    "closed-dialog": "12<dialog>9</dialog>68",
    "canvas-fallback": "12<canvas>9</canvas>68",
    "video-fallback": "12<video>9</video>68",
    "svg-no-size": '12<svg width="0" height="0"><text>9</text></svg>68',
    "svg-styled-no-size": '12<svg style="width:0"><text>9</text></svg>68',
    # the cascade inside one style attribute
    "important-before-later": '12<span style="display:none !important;display:inline">9</span>68',
}


@pytest.mark.parametrize("inner", HIDDEN.values(), ids=HIDDEN.keys())
def test_text_a_browser_does_not_paint_is_not_read(
    put: object, example: Report, inner: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_white_on_black_page_of_old_markup_reads(example: Report) -> None:
    """``<body text="#ffffff" bgcolor="#000000">``: white text on black, shown."""
    page = render_html(example, spans=False)
    body = '<body text="#ffffff" bgcolor="#000000">'
    report = read_html(page.replace("<body>", body))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


SHOWN = {
    # a person sees these digits: they are part of the figure
    "clip-without-position": '12<span style="clip:rect(0 0 0 0)">9</span>68',
    "left-without-position": '12<span style="left:-9999px">9</span>68',
    "transparent-with-shadow": '12<span style="color:transparent;'
    'text-shadow:0 0 0 #000">9</span>68',
    "white-on-navy": '12<span style="background:navy;color:white">9</span>68',
}


@pytest.mark.parametrize("inner", SHOWN.values(), ids=SHOWN.keys())
def test_text_a_person_sees_is_read(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 12968


MARKS = {
    "sub-after": ("1268<sub>1</sub>", "下标“1”"),
    "sub-inside": ("12<sub>9</sub>68", "下标“9”"),
    "vertical-align-sub": ('1268<span style="vertical-align:sub">2</span>', "下标“2”"),
    "ruby": ("<ruby>1268<rt>9</rt></ruby>", "注音“9”"),
    "ruby-rp": ("<ruby>1268<rp>(</rp><rt>9</rt><rp>)</rp></ruby>", "注音“9”"),
    "select": ("12<select><option>9</option></select>68", "表单控件“9”"),
    "textarea": ("1268<textarea>5</textarea>", "表单控件“5”"),
    "shadow-root": (
        '12<span><template shadowrootmode="open">9</template></span>68',
        "影子树“9”",
    ),
    "input-value": ('12<input value="9">68', "表单控件“9”"),
    "input-placeholder": ('1268<input placeholder="3">', "表单控件“3”"),
    # raised or lowered by hand: a footnote mark off the figure's line
    "relative-raised": (
        '1268<span style="position:relative;top:-0.5em;font-size:60%">1</span>',
        "上标“1”",
    ),
    "vertical-align-length": (
        '1268<span style="vertical-align:6px">1</span>',
        "上标“1”",
    ),
    "relative-lowered": (
        '1268<span style="position:relative;bottom:-5px">1</span>',
        "下标“1”",
    ),
}


@pytest.mark.parametrize(("inner", "said"), MARKS.values(), ids=MARKS.keys())
def test_a_mark_is_dropped_with_a_finding(
    put: object, example: Report, inner: str, said: str
) -> None:
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert said in finding.message
    assert "“1268”中" in finding.message


BIDI = {
    "bdo-rtl": '<bdo dir="rtl">8621</bdo>',
    "override-style": '<span style="unicode-bidi:bidi-override;direction:rtl">8621</span>',
    "override-dir-attribute": '<span dir="rtl" style="unicode-bidi:bidi-override">8621</span>',
    "override-inherited-direction": '<div dir="rtl"><span style="unicode-bidi:'
    'bidi-override">8621</span></div>',
    "override-with-children": '<bdo dir="rtl">8<b>6</b>21</bdo>',
    "part-of-the-figure": '12<bdo dir="rtl">86</bdo>',
    "ltr-inside-rtl": '<bdo dir="rtl"><bdo dir="ltr">68</bdo>21</bdo>',
}


@pytest.mark.parametrize("inner", BIDI.values(), ids=BIDI.keys())
def test_a_bidi_override_is_read_as_shown_with_a_finding(
    put: object, example: Report, inner: str
) -> None:
    """``<bdo dir="rtl">8621</bdo>`` is 1268 on the screen: read so, and said."""
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "从右到左" in finding.message
    assert "显示为“" in finding.message


def test_a_reversed_title_year_is_read_as_shown(example: Report) -> None:
    page = render_html(example, spans=False)
    title = example.title
    turned = title.replace("2025", '<bdo dir="rtl">5202</bdo>')
    report = read_html(page.replace(f"<h1>{title}</h1>", f"<h1>{turned}</h1>"))
    assert report.metadata.year == 2025
    assert any("从右到左" in f.message for f in report.reading_findings)


SPLIT_ON_THE_SCREEN = {
    # digits a person sees in two places: never one figure, silently
    "two-paragraphs": "<p>12</p><p>68</p>",
    "two-divs": "<div>12</div><div>68</div>",
    "nested-table-one-row": "<table><tr><td>12</td><td>68</td></tr></table>",
    "nested-table-two-rows": "<table><tr><td>12</td></tr><tr><td>68</td></tr></table>",
}


@pytest.mark.parametrize(
    "inner", SPLIT_ON_THE_SCREEN.values(), ids=SPLIT_ON_THE_SCREEN.keys()
)
def test_digits_in_two_boxes_are_not_one_figure(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] is MISSING
    assert any(
        CELL in f.cells or "行政许可" in f.message for f in report.reading_findings
    )


REARRANGED = {
    "flex-cell": '<span style="display:flex;flex-direction:row-reverse">'
    "<span>68</span><span>12</span></span>",
    "order": '<span style="display:inline-flex"><b style="order:2">12</b><b>68</b></span>',
    "float": '<span style="float:right">12</span>68',
    # drawn over a neighbour: 68 pulled back over the 9, the 9 over the 2
    "letter-spacing": '12<span style="letter-spacing:-20px">9</span>68',
    "letter-spacing-em": '12<span style="letter-spacing:-1em">9</span>68',
    "margin-left": '12<span style="margin-left:-30px">9</span>68',
    "margin-right": '12<span style="margin-right:-0.5em">9</span>68',
    "relative-shift": '12<span style="position:relative;left:-12px">9</span>68',
    "no-width-box": '12<span style="display:inline-block;width:0">9</span>68',
}

SPACED = {
    # spacing and shifts that draw nothing over anything: read, no finding
    "letter-spacing-wide": '<span style="letter-spacing:2px">1268</span>',
    "letter-spacing-tight": '<span style="letter-spacing:-0.5px">1268</span>',
    "relative-down": '<span style="position:relative;top:1px">1268</span>',
    "margin-small": '<span style="margin-left:-1px">1268</span>',
    "nudged-down": '<span style="vertical-align:-1px">1268</span>',
    "middle": '<span style="vertical-align:middle">1268</span>',
}


@pytest.mark.parametrize("inner", SPACED.values(), ids=SPACED.keys())
def test_spacing_that_overlaps_nothing_is_read(put: object, inner: str) -> None:
    report = _read(put, inner)
    assert report[CELL] == 1268
    assert not [f for f in report.reading_findings if "屏幕上的顺序" in f.message]


def test_a_style_sheet_rule_drawing_text_over_its_neighbour_is_reported(
    example: Report,
) -> None:
    page = render_html(example, spans=False).replace(
        "<body>", "<body><style>.k{letter-spacing:-2em}</style>", 1
    )
    report = read_html(
        page.replace("<td>1268</td>", '<td>12<span class="k">9</span>68</td>')
    )
    # the 9 drawn over its neighbours: the cell is not read (〓), with the
    # error, and the table's word that it is missing
    assert [f.kind for f in report.reading_findings] == [
        FindingKind.AMBIGUOUS,
        FindingKind.UNREAD_LINE,
    ]
    assert report[CELL] is MISSING


@pytest.mark.parametrize("inner", REARRANGED.values(), ids=REARRANGED.keys())
def test_a_cell_shown_in_another_order_is_reported(put: object, inner: str) -> None:
    """Flex, ``order`` or ``float`` may show a cell's parts in another order
    than the source's: the figure read is said to need a check."""
    report = _read(put, inner)
    findings = [f for f in report.reading_findings if "屏幕上的顺序" in f.message]
    assert len(findings) == 1
    assert findings[0].kind is FindingKind.AMBIGUOUS
    assert "第 1 个表格" in findings[0].where


def test_a_row_shown_in_another_order_is_reported(example: Report) -> None:
    page = render_html(example, spans=False)
    label = example.spec.active.row("licensing").label
    start = page.index(f"<tr><td>{label}</td>")
    flex = '<tr style="display:flex;flex-direction:row-reverse">'
    report = read_html(page[:start] + flex + page[start + len("<tr>") :])
    (finding,) = report.reading_findings
    assert "屏幕上的顺序" in finding.message
    assert label in finding.message


# ----------------------------------------------------------- style sheets


def _with_sheet(page: str, css: str) -> str:
    return page.replace("</head>", f"<style>{css}</style></head>", 1)


SHEET_HIDES = {
    "white-rgb-spaces": (".w{color:rgb(255 255 255)}", '12<span class="w">9</span>68'),
    "scale-by-id": (
        "#z{display:inline-block;transform:scale(0)}",
        '12<span id="z">9</span>68',
    ),
    "tiny-by-tag": ("em{font-size:1px}", "12<em>9</em>68"),
    "clip-path-by-class": (".v{clip-path:inset(50%)}", '12<i class="v">9</i>68'),
    "important-beats-inline": (
        ".h{display:none !important}",
        '12<span class="h" style="display:inline">9</span>68',
    ),
    "filter-by-class": (".f{filter:opacity(0)}", '12<span class="f">9</span>68'),
}


@pytest.mark.parametrize(("css", "inner"), SHEET_HIDES.values(), ids=SHEET_HIDES.keys())
def test_style_sheet_rules_hide_every_way(
    example: Report, css: str, inner: str
) -> None:
    page = render_html(example, spans=False)
    cell = f'<td class="x">{inner}</td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert report[CELL] == 1268
    assert report.reading_findings == ()


_STYLED = {k: v for k, v in HIDDEN.items() if 'style="' in v}


@pytest.mark.parametrize("inner", _STYLED.values(), ids=_STYLED.keys())
def test_every_hiding_style_hides_from_a_style_sheet(
    example: Report, inner: str
) -> None:
    """Each inline trap of `HIDDEN`, moved to a class rule of a ``<style>``."""
    styles = re.findall(r'style="([^"]*)"', inner)
    css = ""
    for number, style in enumerate(styles):
        inner = inner.replace(f'style="{style}"', f'class="c{number}"', 1)
        css += f".c{number}{{{style}}}"
    page = render_html(example, spans=False).replace(PRINTED, f"<td>{inner}</td>")
    report = read_html(_with_sheet(page, css))
    assert report[CELL] == 1268
    assert report.reading_findings == ()


VARIABLES = {
    "root": (":root{--ink:#fff} .w{color:var(--ink)}", '12<span class="w">9</span>68'),
    "inline": (
        "",
        '<span style="--ink:#fff">12<b style="color:var(--ink)">9</b>68</span>',
    ),
    "fallback": ("", '12<span style="color:var(--none, #fff)">9</span>68'),
    "variable-of-variable": (
        ":root{--off:none;--shown:var(--off)} .w{display:var(--shown)}",
        '12<span class="w">9</span>68',
    ),
}


@pytest.mark.parametrize(("css", "inner"), VARIABLES.values(), ids=VARIABLES.keys())
def test_css_variables_of_one_value_are_applied(
    example: Report, css: str, inner: str
) -> None:
    page = render_html(example, spans=False).replace(PRINTED, f"<td>{inner}</td>")
    report = read_html(_with_sheet(page, css))
    assert report[CELL] == 1268
    assert report.reading_findings == ()


def test_a_css_variable_of_several_values_that_may_hide_is_reported(
    example: Report,
) -> None:
    css = ":root{--ink:#fff} .dark{--ink:#000} .w{color:var(--ink)}"
    cell = '<td>12<span class="w">9</span>68</td>'
    report = read_html(
        _with_sheet(render_html(example, spans=False), css).replace(PRINTED, cell)
    )
    (finding,) = report.reading_findings
    assert finding.where == "样式表"
    assert "--ink" in finding.message


@pytest.mark.parametrize(
    ("css", "marked"),
    [
        (".s{vertical-align:sub}", "下标"),
        (".r{unicode-bidi:bidi-override;direction:rtl}", "从右到左"),
    ],
    ids=["subscript", "bidi-override"],
)
def test_style_sheet_marks_and_overrides_are_reported(
    example: Report, css: str, marked: str
) -> None:
    page = render_html(example, spans=False)
    inner = (
        '1268<span class="s">1</span>'
        if "sub" in css
        else '<span class="r">8621</span>'
    )
    report = read_html(_with_sheet(page.replace(PRINTED, f"<td>{inner}</td>"), css))
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert marked in finding.message


@pytest.mark.parametrize(
    "css",
    [
        # (a simple rule's plain text is put in and read: test_html_probes5;
        # ``td .a::before{content:"9"}`` leaves the cell 〓: test_html_probes6)
        ".a:after{content:counter(n)}",
        ".a::after{content:attr(title)}",
    ],
    ids=["counter", "attribute"],
)
def test_generated_text_next_to_a_figure_is_reported(example: Report, css: str) -> None:
    """A browser shows ``content`` the page's elements do not hold: the
    figure on the screen is not known, so the cell is not read (〓), and the
    sheet's finding names the rule."""
    page = render_html(example, spans=False)
    cell = '<td><span class="a" title="9">1268</span></td>'
    report = read_html(_with_sheet(page.replace(PRINTED, cell), css))
    assert report[CELL] is MISSING
    (finding,) = [f for f in report.reading_findings if f.where == "样式表"]
    assert "添加文字" in finding.message
    assert len(report.reading_findings) == 2


def test_hiding_generated_content_is_not_reported(example: Report) -> None:
    """A clearfix (``.cf:after{content:".";visibility:hidden}``) hides no text
    of the page: nothing to check."""
    css = '.cf:after{content:".";display:block;height:0;visibility:hidden}'
    report = read_html(_with_sheet(render_html(example, spans=False), css))
    assert report.reading_findings == ()


_FACE = '@font-face{font-family:"anti";src:url(anti.woff2)}'
WEB_FONTS = {
    "class-on-the-cell": (".n{font-family:anti}", '<td class="n">1268</td>'),
    "inherited-from-body": ('body{font-family:"anti",serif}', PRINTED),
    "inline-inside-the-cell": (
        "",
        '<td><span style="font-family:anti">1268</span></td>',
    ),
    "font-shorthand": ("", '<td style="font:12px/1.5 anti, serif">1268</td>'),
    "descendant-rule": ("table td{font-family:anti}", PRINTED),
}


@pytest.mark.parametrize(("css", "cell"), WEB_FONTS.values(), ids=WEB_FONTS.keys())
def test_digits_drawn_by_a_web_font_are_reported(
    example: Report, css: str, cell: str
) -> None:
    """An ``@font-face`` font may draw 7 for the character 1 (anti-scraping
    fonts): the figures read may not be those on the screen."""
    page = render_html(example, spans=False).replace(PRINTED, cell)
    report = read_html(_with_sheet(page, _FACE + css))
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert finding.where == "样式表"
    assert "字体" in finding.message


# ----------------------------------------------------------- layout tables


def _wrapped(example: Report, before: str, after: str) -> str:
    page = render_html(example, spans=False)
    start = page.index("<body>") + len("<body>")
    end = page.index("</body>")
    return page[:start] + before + page[start:end] + after + page[end:]


LAYOUTS = {
    "one-cell": ("<table><tr><td>", "</td></tr></table>"),
    "three-columns": (
        '<table width="1000"><tr><td>导航</td><td>',
        "</td><td>相关链接</td></tr></table>",
    ),
    "header-and-footer-rows": (
        "<table><tr><td colspan=3>首页 &gt; 政务公开</td></tr><tr><td>导航</td><td>",
        "</td><td>相关链接</td></tr><tr><td colspan=3>版权所有</td></tr></table>",
    ),
    "two-deep": (
        "<table><tr><td><table><tr><td><div>",
        "</div></td></tr></table></td></tr></table>",
    ),
}


@pytest.mark.parametrize(("before", "after"), LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_report_inside_a_layout_table_reads_fully(
    example: Report, before: str, after: str
) -> None:
    report = read_html(_wrapped(example, before, after))
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata.year == example.metadata.year
    assert report.metadata.agency == example.metadata.agency
    assert report.overview == example.overview
    assert report.reading_findings == ()


def test_a_hidden_table_in_a_layout_table_is_not_read(example: Report) -> None:
    hidden = (
        '<table style="display:none"><tr><td>行政许可</td><td>9999</td></tr>'
        "<tr><td>行政处罚</td><td>9999</td></tr></table>"
    )
    report = read_html(
        _wrapped(example, "<table><tr><td>" + hidden, "</td></tr></table>")
    )
    assert dict(report.cells()) == dict(example.cells())


@pytest.mark.parametrize(
    "head",
    [
        "<style>td{color:red\x01}</style>",
        "<style>td{color:red\x00;}</style>",
        "<style>:root{--ink:\x02#fff}</style>",
    ],
    ids=["control character", "NUL", "in a variable"],
)
def test_characters_no_attribute_holds_in_a_style_sheet(head: str) -> None:
    """A style sheet with a control character raised lxml's ValueError from
    inside the reader; such characters style nothing."""
    page = _page_with_head(head)
    report = read_html(page)
    assert {c: report[c] for c in report} == {
        c: example_report()[c] for c in example_report()
    }


def _page_with_head(head: str) -> str:
    buffer = io.BytesIO()
    write_html(example_report(), buffer)
    page = buffer.getvalue().decode("utf-8")
    page = page.replace("<td>", '<td style="color:var(--ink)">', 1)
    return page.replace("</head>", head + "</head>", 1)
