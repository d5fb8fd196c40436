"""read_docx() on hostile Word files: what a person sees in Word, or a finding.

Each trap is built here: the example report written by `write_docx`, then the
runs of the one cell printing 1268 (行政许可, 本年处理决定) rewritten in raw
WordprocessingML (`helpers.replace_cell_runs`), or the package around it
edited (theme, styles). The figure read must be the one a person sees in Word;
where Word shows something that is not a figure as printed (struck-through
digits, a tab or a line break inside digits, text too small to see, an
equation that is not a plain run of text, a picture symbol), the cell gets a
finding and never silently another figure. Both paths are tried where they
differ: our own file (read by our styles) and the same file with its styles
stripped (read by label).
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from govinfo_report import (
    FindingKind,
    Report,
    example_report,
    read_docx,
    write_docx,
)
from govinfo_report._values import Mark
from helpers import W_NAMESPACES, add_style, docx_bytes, replace_cell_runs


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.fixture(scope="module")
def example_bytes(example: Report) -> bytes:
    buffer = io.BytesIO()
    write_docx(example, buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------- the input


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_the_file_s_bytes_are_read_like_read_pdf_s(
    example: Report, example_bytes: bytes, kind: Any
) -> None:
    """``read_docx(data)`` raised a raw AttributeError (``'bytes' object has no
    attribute 'seekable'``); `read_pdf` takes bytes."""
    assert read_docx(kind(example_bytes)) == example


@pytest.mark.parametrize("wrong", [5, None, object()])
def test_something_else_is_a_type_error_saying_what_is_taken(wrong: Any) -> None:
    with pytest.raises(TypeError, match="路径、文件的字节或二进制流"):
        read_docx(wrong)


# ------------------------------------------------------------- cell traps

CELL = "active.licensing.decisions"
PRINTED = "1268"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
M_NS = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def r(text: str, props: str = "") -> str:
    """A run of ``text`` with run properties ``props`` (raw XML)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def math(inner: str) -> str:
    return f"<m:oMath {M_NS}>{inner}</m:oMath>"


def m_r(text: str) -> str:
    return f"<m:r {M_NS}><m:t>{text}</m:t></m:r>"


STYLES = (
    '<w:style w:type="character" w:styleId="Struck"><w:name w:val="Struck"/>'
    "<w:rPr><w:strike/></w:rPr></w:style>",
    '<w:style w:type="character" w:styleId="Speck"><w:name w:val="Speck"/>'
    '<w:rPr><w:sz w:val="1"/></w:rPr></w:style>',
    '<w:style w:type="character" w:styleId="Hid"><w:name w:val="Hid"/>'
    "<w:rPr><w:vanish/></w:rPr></w:style>",
    '<w:style w:type="paragraph" w:styleId="HidPara"><w:name w:val="HidPara"/>'
    "<w:rPr><w:vanish/></w:rPr></w:style>",
)


def _trapped(runs: str, *, foreign: bool, edit: Any = None) -> bytes:
    def change(document: Any) -> None:
        for style in STYLES:
            add_style(document, style)
        replace_cell_runs(document, PRINTED, runs)
        if edit is not None:
            edit(document)

    return docx_bytes(example_report(), change, foreign=foreign)


def _read(data: bytes) -> Report:
    return read_docx(io.BytesIO(data))


SEEN = {
    # a theme colour wins over w:val: background1 is white in the theme
    "theme-background1-over-black-val": r("12")
    + r("9", '<w:color w:val="000000" w:themeColor="background1"/>')
    + r("68"),
    "theme-text1-over-white-val-is-shown": r(
        PRINTED, '<w:color w:val="FFFFFF" w:themeColor="text1"/>'
    ),
    "theme-background1-shaded-grey-is-shown": r(
        PRINTED,
        '<w:color w:val="FFFFFF" w:themeColor="background1" w:themeShade="80"/>',
    ),
    "theme-accent-on-its-theme-fill": r("12")
    + r(
        "9",
        '<w:color w:themeColor="accent1"/>'
        '<w:shd w:val="clear" w:color="auto" w:themeFill="accent1"/>',
    )
    + r("68"),
    "solid-shading-pattern-is-its-colour": r("12")
    + r("9", '<w:color w:val="1F3864"/><w:shd w:val="solid" w:color="1F3864"/>')
    + r("68"),
    "white-on-a-half-black-pattern-is-shown": r(
        PRINTED,
        '<w:color w:val="FFFFFF"/>'
        '<w:shd w:val="pct50" w:color="000000" w:fill="FFFFFF"/>',
    ),
    # Word takes the first mc:Choice it understands, else the fallback
    "choice-word-does-not-understand": '<mc:AlternateContent xmlns:x9="urn:x9">'
    f'<mc:Choice Requires="x9">{r("9999")}</mc:Choice>'
    f"<mc:Fallback>{r(PRINTED)}</mc:Fallback></mc:AlternateContent>",
    "second-choice-understood": '<mc:AlternateContent xmlns:x9="urn:x9">'
    f'<mc:Choice Requires="x9">{r("9999")}</mc:Choice>'
    f'<mc:Choice Requires="w14" {W14_NS}>{r(PRINTED)}</mc:Choice>'
    f"<mc:Fallback>{r('8888')}</mc:Fallback></mc:AlternateContent>",
    "white-with-a-shadow-is-shown": r(PRINTED, '<w:color w:val="FFFFFF"/><w:shadow/>'),
    "white-embossed-is-shown": r(PRINTED, '<w:color w:val="FFFFFF"/><w:emboss/>'),
    "equation-of-one-line": math(m_r(PRINTED)),
    "equation-paragraph-of-one-line": f"<m:oMathPara {M_NS}>"
    + math(m_r("12") + m_r("68"))
    + "</m:oMathPara>",
    "hidden-run-in-an-equation": math(
        m_r("12")
        + f"<m:r {M_NS}><w:rPr><w:vanish/></w:rPr><m:t>9</m:t></m:r>"
        + m_r("68")
    ),
    "symbol-font-digit": '<w:r><w:sym w:font="Symbol" w:char="F031"/></w:r>' + r("268"),
    "symbol-of-a-text-font": '<w:r><w:sym w:font="Arial" w:char="0031"/></w:r>'
    + r("268"),
    # Word 2010 text effects: the text fill is painted instead of w:color
    "text-fill-of-nothing": r("12")
    + r("9", f"<w14:textFill {W14_NS}><w14:noFill/></w14:textFill>")
    + r("68"),
    "white-text-fill": r("12")
    + r(
        "9",
        f"<w14:textFill {W14_NS}><w14:solidFill><w14:srgbClr w14:val='FFFFFF'/>"
        "</w14:solidFill></w14:textFill>",
    )
    + r("68"),
    "background-scheme-text-fill": r("12")
    + r(
        "9",
        f"<w14:textFill {W14_NS}><w14:solidFill><w14:schemeClr w14:val='bg1'/>"
        "</w14:solidFill></w14:textFill>",
    )
    + r("68"),
    "black-text-fill-over-white-colour-is-shown": r(
        PRINTED,
        f'<w:color w:val="FFFFFF"/><w14:textFill {W14_NS}><w14:solidFill>'
        "<w14:srgbClr w14:val='000000'/></w14:solidFill></w14:textFill>",
    ),
    "paragraph-and-character-style-vanish-cancel-out": "",  # see the test
}


def _in_hidden_paragraph(document: Any, printed: str = PRINTED) -> None:
    """The cell's paragraph gets the hidden paragraph style (toggle: cancelled)."""
    from docx.oxml import parse_xml

    for tc in document.element.body.iter("{*}tc"):
        if "".join(t.text or "" for t in tc.iter("{*}t")) == printed:
            paragraph = tc.find("{*}p")
            ppr = paragraph.find("{*}pPr")
            if ppr is None:
                ppr = parse_xml(f"<w:pPr {W_NAMESPACES}/>")
                paragraph.insert(0, ppr)
            for old in ppr.findall("{*}pStyle"):
                ppr.remove(old)
            ppr.insert(0, parse_xml(f'<w:pStyle {W_NAMESPACES} w:val="HidPara"/>'))


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("name", SEEN.keys())
def test_the_figure_read_is_the_one_word_shows(
    example: Report, name: str, foreign: bool
) -> None:
    runs, edit = SEEN[name], None
    if name == "paragraph-and-character-style-vanish-cancel-out":
        runs = r(PRINTED, '<w:rStyle w:val="Hid"/>')
        edit = _in_hidden_paragraph
    report = _read(_trapped(runs, foreign=foreign, edit=edit))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


DROPPED = {
    # a manual correction: the old figure struck through, the new one after it
    "strike": (r("25", "<w:strike/>") + r(PRINTED), "删除线", "25"),
    "double-strike": (r("25", "<w:dstrike/>") + r(PRINTED), "删除线", "25"),
    "strike-by-character-style": (
        r(PRINTED) + r("9", '<w:rStyle w:val="Struck"/>'),
        "删除线",
        "9",
    ),
    "half-point-text": (r("12") + r("9", '<w:sz w:val="1"/>') + r("68"), "1 磅", "9"),
    "one-point-text": (r("12") + r("9", '<w:sz w:val="2"/>') + r("68"), "1 磅", "9"),
    "speck-by-character-style": (
        r("12") + r("9", '<w:rStyle w:val="Speck"/>') + r("68"),
        "1 磅",
        "9",
    ),
    "spec-vanish": (r("12") + r("9", "<w:specVanish/>") + r("68"), "specVanish", "9"),
    # footnote marks set by hand: raised or lowered (w:position), or subscript
    "raised-by-hand": (
        r(PRINTED) + r("1", '<w:position w:val="6"/><w:sz w:val="12"/>'),
        "上标",
        "1",
    ),
    "raised-full-size": (r(PRINTED) + r("1", '<w:position w:val="12"/>'), "上标", "1"),
    "lowered-by-hand": (
        r(PRINTED) + r("1", '<w:position w:val="-4"/><w:sz w:val="12"/>'),
        "下标",
        "1",
    ),
    "subscript": (r(PRINTED) + r("1", '<w:vertAlign w:val="subscript"/>'), "下标", "1"),
    "ruby-annotation": (
        "<w:r><w:ruby><w:rubyPr/><w:rt>"
        + r("9")
        + "</w:rt><w:rubyBase>"
        + r(PRINTED)
        + "</w:rubyBase></w:ruby></w:r>",
        "注音",
        "9",
    ),
}


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("name", DROPPED.keys())
def test_shown_text_that_is_not_part_of_the_figure_is_dropped_with_a_finding(
    example: Report, name: str, foreign: bool
) -> None:
    runs, says, dropped = DROPPED[name]
    report = _read(_trapped(runs, foreign=foreign))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert says in finding.message
    assert f"“{dropped}”" in finding.message
    assert "第 1 个表格第 7 行（行政许可）第 2 格" in finding.where


def _fraction(top: str, bottom: str) -> str:
    return math(f"<m:f><m:num>{m_r(top)}</m:num><m:den>{m_r(bottom)}</m:den></m:f>")


UNREAD = {
    # Word shows two pieces: 12, a gap or a new line, 68; never the figure 1268
    "tab": ("<w:r><w:t>12</w:t><w:tab/><w:t>68</w:t></w:r>", "制表符"),
    "position-tab": (
        '<w:r><w:t>12</w:t><w:ptab w:relativeTo="margin" w:alignment="right"'
        ' w:leader="none"/><w:t>68</w:t></w:r>',
        "制表符",
    ),
    "line-break": ("<w:r><w:t>12</w:t><w:br/><w:t>68</w:t></w:r>", "换行符"),
    "carriage-return": ("<w:r><w:t>12</w:t><w:cr/><w:t>68</w:t></w:r>", "换行符"),
    "break-between-runs": (r("12") + "<w:r><w:br/></w:r>" + r("68"), "换行符"),
    # shown, but not as a line of text: 12 over 68, 12 to the power 68
    "fraction": (_fraction("12", "68"), "公式"),
    "superscript-in-an-equation": (
        math(f"<m:sSup><m:e>{m_r('12')}</m:e><m:sup>{m_r('68')}</m:sup></m:sSup>"),
        "公式",
    ),
    "picture-symbol": (
        r("12") + '<w:r><w:sym w:font="Wingdings" w:char="F031"/></w:r>' + r("68"),
        "图形符号",
    ),
    "symbol-font-picture": (
        r("12") + '<w:r><w:sym w:font="Symbol" w:char="F0B4"/></w:r>' + r("68"),
        "图形符号",
    ),
    "symbol-beyond-unicode": (
        r("12") + '<w:r><w:sym w:font="Symbol" w:char="FFFFFFFF"/></w:r>' + r("68"),
        "图形符号",
    ),
    # a picture (or an old equation object) drawn between the digits
    "picture": (
        r("12") + '<w:r><w:drawing><wp:inline><wp:extent cx="90000" cy="90000"/>'
        "</wp:inline></w:drawing></w:r>" + r("68"),
        "图片或嵌入对象",
    ),
    "embedded-object": (
        r("12") + '<w:r><w:object w:dxaOrig="200" w:dyaOrig="200">'
        '<v:shape id="e1" style="width:10pt;height:10pt"/></w:object></w:r>' + r("68"),
        "图片或嵌入对象",
    ),
    "picture-as-the-chosen-alternative": (
        r("12") + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline><wp:extent cx="9" cy="9"/></wp:inline></w:drawing></mc:Choice>'
        "<mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>" + r("68"),
        "图片或嵌入对象",
    ),
    # the 9 condensed by 20 pt: 68 is drawn back over 12 and the 9
    "condensed-over-its-neighbours": (
        r("12") + r("9", '<w:spacing w:val="-400"/>') + r("68"),
        "字符间距紧缩",
    ),
    # drawn right to left: 8621 shows as 1268
    "right-to-left-override": (
        f'<w:bdo w:val="rtl">{r("8621")}</w:bdo>',
        "从右向左",
    ),
}


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("name", UNREAD.keys())
def test_what_word_shows_as_no_one_figure_is_no_figure_and_a_finding(
    example: Report, name: str, foreign: bool
) -> None:
    runs, says = UNREAD[name]
    report = _read(_trapped(runs, foreign=foreign))
    assert report[CELL] is Mark.MISSING
    others = {k: v for k, v in dict(example.cells()).items() if k != CELL}
    assert {k: v for k, v in dict(report.cells()).items() if k != CELL} == others
    ours = [f for f in report.reading_findings if says in f.message]
    assert len(ours) == 1
    assert "第 1 个表格第 7 行（行政许可）第 2 格" in ours[0].where
    # and the matcher says the cell is missing: the 〓 in it is a figure not
    # read (in its place: the row's other figures keep theirs), or the pieces
    # are one figure too many
    assert any(
        (
            f.kind in (FindingKind.EXTRA_CELL, FindingKind.MISSING_CELL)
            or (f.kind is FindingKind.UNREAD_LINE and CELL in f.cells)
        )
        and "行政许可" in f.message
        for f in report.reading_findings
    )


def test_two_pieces_in_our_own_table_are_not_joined(example: Report) -> None:
    """Our own tables were read by position with `parse_value`, which joins
    ``12 68`` into 1268 (the label matcher reads two figures)."""
    report = _read(_trapped(r("12 68"), foreign=False))
    assert report[CELL] is Mark.MISSING
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)


# ------------------------------------------------------ wrappers, read once


def _wrap(element: Any, kind: str) -> None:
    """Put ``element`` inside a ``w:customXml`` or a ``w:sdt`` content control."""
    from docx.oxml import parse_xml

    if kind == "customXml":
        wrapper = parse_xml(f'<w:customXml {W_NAMESPACES} w:element="figure"/>')
        inner = wrapper
    else:
        wrapper = parse_xml(
            f"<w:sdt {W_NAMESPACES}><w:sdtPr><w:alias w:val='x'/></w:sdtPr>"
            "<w:sdtContent/></w:sdt>"
        )
        inner = wrapper.find("{*}sdtContent")
    element.addprevious(wrapper)
    inner.append(element)


def _row(document: Any, label: str) -> Any:
    for tr in document.element.body.iter("{*}tr"):
        if "".join(t.text or "" for t in tr.iter("{*}t")).startswith(label):
            return tr
    raise AssertionError(label)


def _cell(document: Any, printed: str) -> Any:
    for tc in document.element.body.iter("{*}tc"):
        if "".join(t.text or "" for t in tc.iter("{*}t")) == printed:
            return tc
    raise AssertionError(printed)


def _every_block(kind: str) -> Any:
    def edit(document: Any) -> None:
        body = document.element.body
        for child in list(body):
            if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
                _wrap(child, kind)

    return edit


WRAPPED = {
    "custom-xml-row": lambda d: _wrap(_row(d, "行政许可"), "customXml"),
    "content-control-row": lambda d: _wrap(_row(d, "行政许可"), "sdt"),
    "custom-xml-cell": lambda d: _wrap(_cell(d, PRINTED), "customXml"),
    "custom-xml-in-a-content-control-row": lambda d: (
        _wrap(_row(d, "行政许可"), "customXml"),
        _wrap(_row(d, "行政许可").getparent(), "sdt"),
    ),
    "custom-xml-table": lambda d: _wrap(d.element.body.find("{*}tbl"), "customXml"),
    "custom-xml-every-block": _every_block("customXml"),
    "custom-xml-in-content-controls": lambda d: (
        _every_block("customXml")(d),
        _every_block("sdt")(d),
    ),
}


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("name", WRAPPED.keys())
def test_content_in_custom_xml_and_content_controls_is_read_once(
    example: Report, name: str, foreign: bool
) -> None:
    """A row (or cell, table, every paragraph) inside ``w:customXml`` was not
    read at all: its figures were missing, the whole document not a report."""
    report = _read(docx_bytes(example, WRAPPED[name], foreign=foreign))
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata == example.metadata
    assert report.reading_findings == ()


def test_an_embedded_alt_chunk_is_a_finding(example: Report) -> None:
    """Word shows an ``w:altChunk`` (a whole web page or document) in its place;
    the reader cannot, and says so instead of passing over it."""

    def edit(document: Any) -> None:
        from docx.oxml import parse_xml

        table = document.element.body.find("{*}tbl")
        table.addprevious(
            parse_xml(
                f"<w:altChunk {W_NAMESPACES} xmlns:r='http://schemas.openxmlformats"
                ".org/officeDocument/2006/relationships' r:id='rIdChunk'/>"
            )
        )

    report = _read(docx_bytes(example, edit, foreign=True))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert "altChunk" in finding.message
    assert finding.kind is FindingKind.UNREAD_LINE


# ------------------------------------------- styles, theme, page: the colours

PLAIN = '<w:rStyle w:val="Plain"/>'
"""Marks the trap's run; the style sets nothing."""

MORE_STYLES = (
    '<w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/></w:style>',
    '<w:style w:type="table" w:styleId="WhiteTable"><w:name w:val="WhiteTable"/>'
    '<w:rPr><w:color w:val="FFFFFF"/></w:rPr></w:style>',
    '<w:style w:type="table" w:styleId="DarkTable"><w:name w:val="DarkTable"/>'
    '<w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'
    "</w:tcPr></w:style>",
    '<w:style w:type="paragraph" w:styleId="DarkPara"><w:name w:val="DarkPara"/>'
    '<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:pPr></w:style>',
)


def _w(tag: str, attributes: str = "") -> Any:
    from docx.oxml import parse_xml

    return parse_xml(f"<w:{tag} {W_NAMESPACES} {attributes}/>")


def _black_but_the_trap(document: Any) -> None:
    """Every run black (directly) but the trap's, which takes its styles' colour."""
    for run in document.element.body.iter("{*}r"):
        rpr = run.find("{*}rPr")
        if rpr is None:
            rpr = _w("rPr")
            run.insert(0, rpr)
        style = rpr.find("{*}rStyle")
        if style is not None and style.get(f"{{{W_NS}}}val") == "Plain":
            continue
        if rpr.find("{*}color") is None:
            rpr.append(_w("color", 'w:val="000000"'))


def _white_default_paragraph(document: Any) -> None:
    for style in document.styles.element.iterchildren("{*}style"):
        if style.get(f"{{{W_NS}}}styleId") == "Normal":
            rpr = style.find("{*}rPr")
            if rpr is None:
                rpr = _w("rPr")
                style.append(rpr)
            rpr.append(_w("color", 'w:val="FFFFFF"'))
    _black_but_the_trap(document)


def _white_defaults(document: Any) -> None:
    defaults = document.styles.element.find("{*}docDefaults/{*}rPrDefault/{*}rPr")
    defaults.append(_w("color", 'w:val="FFFFFF"'))
    _black_but_the_trap(document)


def _table_style(name: str) -> Any:
    def edit(document: Any) -> None:
        table_pr = document.element.body.find("{*}tbl/{*}tblPr")
        table_pr.insert(0, _w("tblStyle", f'w:val="{name}"'))
        if name == "WhiteTable":
            _black_but_the_trap(document)

    return edit


def _table_shading(document: Any) -> None:
    table_pr = document.element.body.find("{*}tbl/{*}tblPr")
    table_pr.append(_w("shd", 'w:val="clear" w:color="auto" w:fill="1F3864"'))


def _page(colour: str) -> Any:
    def edit(document: Any) -> None:
        document.element.insert(0, _w("background", f'w:color="{colour}"'))

    return edit


def _paragraph_style(document: Any) -> None:
    paragraph = _cell(document, "12968").find("{*}p")
    ppr = paragraph.find("{*}pPr")
    if ppr is None:
        ppr = _w("pPr")
        paragraph.insert(0, ppr)
    ppr.insert(0, _w("pStyle", 'w:val="DarkPara"'))


def _theme(document: Any) -> None:
    """A theme whose text colour (dk1) is white."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            part._blob, count = re.subn(
                rb"<a:dk1>.*?</a:dk1>",
                b'<a:dk1><a:srgbClr val="FFFFFF"/></a:dk1>',
                part.blob,
                flags=re.DOTALL,
            )
            assert count == 1


def _scheme_mapping(document: Any) -> None:
    """Settings mapping the text colour (t1) onto the theme's light1 (white)."""
    settings = document.settings.element
    for old in settings.findall("{*}clrSchemeMapping"):
        settings.remove(old)
    settings.append(_w("clrSchemeMapping", 'w:bg1="dark1" w:t1="light1"'))


NINE = r("12") + r("9", PLAIN) + r("68")
WHITE_FIGURE = r(PRINTED, '<w:color w:val="FFFFFF"/>')
THEME_TEXT = (
    r("12") + r("9", '<w:color w:val="000000" w:themeColor="text1"/>') + r("68")
)


def _hidden_by_default(document: Any) -> None:
    """The document defaults hide text; every run but the trap's shows itself."""
    defaults = document.styles.element.find("{*}docDefaults/{*}rPrDefault/{*}rPr")
    defaults.append(_w("vanish"))
    for run in document.element.body.iter("{*}r"):
        rpr = run.find("{*}rPr")
        if rpr is None:
            rpr = _w("rPr")
            run.insert(0, rpr)
        style = rpr.find("{*}rStyle")
        if style is None or style.get(f"{{{W_NS}}}val") not in ("Plain", "Hid"):
            rpr.append(_w("vanish", 'w:val="0"'))


UNDER_OUR_STYLE = {
    # our table paragraphs' style sets black: only a foreign file takes these
    "white-default-paragraph-style": (NINE, _white_default_paragraph),
    "white-document-defaults": (NINE, _white_defaults),
    "white-table-style": (NINE, _table_style("WhiteTable")),
    # (our own file on a black page is black on black: nothing to read)
    "white-on-a-dark-page-is-shown": (WHITE_FIGURE, _page("000000")),
}

COLOURED = {
    "text-in-its-table-style-shading": (
        r("12") + r("9", '<w:color w:val="1F3864"/>') + r("68"),
        _table_style("DarkTable"),
    ),
    "white-on-its-table-style-shading-is-shown": (
        WHITE_FIGURE,
        _table_style("DarkTable"),
    ),
    "text-in-its-table-shading": (
        r("12") + r("9", '<w:color w:val="1F3864"/>') + r("68"),
        _table_shading,
    ),
    "text-in-the-page-colour": (
        r("12") + r("9", '<w:color w:val="1F3864"/>') + r("68"),
        _page("1F3864"),
    ),
    "text-in-its-paragraph-style-shading": (
        r("12") + r("9", '<w:color w:val="1F3864"/>') + r("68"),
        _paragraph_style,
    ),
    "theme-text-colour-white-in-this-theme": (THEME_TEXT, _theme),
    "theme-text-colour-mapped-to-white": (THEME_TEXT, _scheme_mapping),
}


@pytest.mark.parametrize(
    ("name", "foreign"),
    [(name, False) for name in COLOURED]
    + [(name, True) for name in (*COLOURED, *UNDER_OUR_STYLE)],
)
def test_colours_from_styles_theme_and_page_are_those_word_paints(
    example: Report, name: str, foreign: bool
) -> None:
    runs, edit = {**COLOURED, **UNDER_OUR_STYLE}[name]

    def change(document: Any) -> None:
        for style in MORE_STYLES:
            add_style(document, style)
        replace_cell_runs(document, PRINTED, runs)
        edit(document)

    report = _read(docx_bytes(example, change, foreign=foreign))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_our_own_file_with_its_title_and_signature_unseen_is_read_as_anyone_s(
    example: Report,
) -> None:
    """Our own reader took the agency from the hidden signature: an empty agency
    raised a raw `InvalidReportError`. The general reader looks further and
    reports what it cannot find."""

    def edit(document: Any) -> None:
        for paragraph in document.element.body.iter("{*}p"):
            style = paragraph.find("{*}pPr/{*}pStyle")
            if style is None or style.get(f"{{{W_NS}}}val") not in (
                "GovTitle",
                "GovSignature",
            ):
                continue
            for run in paragraph.iter("{*}r"):
                rpr = run.find("{*}rPr")
                if rpr is None:
                    rpr = _w("rPr")
                    run.insert(0, rpr)
                rpr.append(_w("vanish"))

    report = _read(docx_bytes(example, edit))
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata.agency != example.metadata.agency
    assert any(f.kind is FindingKind.MISSING_METADATA for f in report.reading_findings)


@pytest.mark.parametrize("level", ["run", "paragraph"])
def test_a_figure_in_a_data_bound_content_control_is_a_finding(
    example: Report, level: str
) -> None:
    """Word replaces the text of a data-bound control with the bound value when
    it opens the file: the stored figure may not be the one shown."""
    control = (
        "<w:sdt><w:sdtPr><w:dataBinding w:xpath='/root[1]/figure[1]'"
        " w:storeItemID='{00000000-0000-0000-0000-000000000001}'/></w:sdtPr>"
        "<w:sdtContent>{}</w:sdtContent></w:sdt>"
    )

    def edit(document: Any) -> None:
        if level == "run":
            replace_cell_runs(document, PRINTED, control.replace("{}", r(PRINTED)))
            return
        from docx.oxml import parse_xml

        paragraph = _cell(document, PRINTED).find("{*}p")
        wrapper = parse_xml(
            control.replace("<w:sdt>", f"<w:sdt {W_NAMESPACES}>").replace("{}", "")
        )
        paragraph.addprevious(wrapper)
        wrapper.find("{*}sdtContent").append(paragraph)

    report = _read(docx_bytes(example, edit, foreign=True))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert "w:dataBinding" in finding.message
    assert "第 1 个表格第 7 行（行政许可）第 2 格" in finding.where


@pytest.mark.parametrize(
    "props",
    ['<w:position w:val="2"/>', '<w:position w:val="-2"/>', '<w:sz w:val="12"/>'],
    ids=["raised-1pt", "lowered-1pt", "small"],
)
def test_a_figure_raised_a_little_or_small_is_read(example: Report, props: str) -> None:
    report = _read(_trapped(r(PRINTED, props), foreign=True))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("twips", ["-20", "-40", "60"])
def test_text_condensed_or_expanded_as_labels_are_is_read(
    example: Report, twips: str
) -> None:
    # 紧缩 1–2 磅 (labels fitted to their cells) or 加宽: nothing drawn over
    runs = r(PRINTED, f'<w:spacing w:val="{twips}"/>')
    report = _read(_trapped(runs, foreign=True))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_squeezed_run_is_dropped_with_a_finding(example: Report) -> None:
    runs = r("12") + r("9", '<w:w w:val="1"/>') + r("68")
    report = _read(_trapped(runs, foreign=True))
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert "10%" in finding.message
    assert "“9”" in finding.message


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
def test_a_row_fixed_too_low_to_show_is_not_read(
    example: Report, foreign: bool
) -> None:
    """An old row (other figures) kept above the printed one at 1 pt exact
    height: Word shows a line; read, the figures would be two rows' worth."""

    def edit(document: Any) -> None:
        import copy

        row = _row(document, "行政许可")
        twin = copy.deepcopy(row)
        for t in twin.iter("{*}t"):
            if t.text and t.text.isdigit():
                t.text = "9999"
        tr_pr = twin.find("{*}trPr")
        if tr_pr is None:
            tr_pr = _w("trPr")
            twin.insert(0, tr_pr)
        tr_pr.append(_w("trHeight", 'w:val="20" w:hRule="exact"'))
        row.addprevious(twin)

    report = _read(docx_bytes(example, edit, foreign=foreign))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert "行高固定为 1 磅" in finding.message
    assert "9999" in finding.message
    assert "第 1 个表格第 7 行之前的一行" in finding.where


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
def test_a_figure_after_an_automatic_number_is_no_figure(
    example: Report, foreign: bool
) -> None:
    """Word prints the paragraph's number before ``268``: what is seen may be
    ``1268``; the figure cannot be told."""

    def edit(document: Any) -> None:
        replace_cell_runs(document, PRINTED, r("268"))
        paragraph = _cell(document, "268").find("{*}p")
        ppr = paragraph.find("{*}pPr")
        if ppr is None:
            ppr = _w("pPr")
            paragraph.insert(0, ppr)
        numbering = _w("numPr")
        numbering.append(_w("ilvl", 'w:val="0"'))
        numbering.append(_w("numId", 'w:val="1"'))
        ppr.append(numbering)

    report = _read(docx_bytes(example, edit, foreign=foreign))
    assert report[CELL] is Mark.MISSING
    assert any("w:numPr" in f.message for f in report.reading_findings)


@pytest.mark.parametrize("simple", [False, True], ids=["complex", "simple"])
def test_a_figure_from_a_field_word_recalculates_is_a_finding(
    example: Report, simple: bool
) -> None:
    """``w:dirty``: Word updates the field when it opens the file, so the
    result stored (1268) may not be what is shown."""
    if simple:
        runs = f'<w:fldSimple w:instr=" =SUM(ABOVE) " w:dirty="true">{r(PRINTED)}</w:fldSimple>'
    else:
        runs = (
            '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + r(PRINTED)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    report = _read(_trapped(runs, foreign=True))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert "w:dirty" in finding.message
    assert "第 1 个表格第 7 行（行政许可）第 2 格" in finding.where


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
def test_a_cell_deleted_with_tracked_changes_is_not_read(
    example: Report, foreign: bool
) -> None:
    """A deleted cell (``w:cellDel``) before the figure: read, the row had
    two figures and was reported missing."""

    def edit(document: Any) -> None:
        import copy

        cell = _cell(document, PRINTED)
        twin = copy.deepcopy(cell)
        for t in twin.iter("{*}t"):
            t.text = "9999"
        twin.find("{*}tcPr").append(_w("cellDel", 'w:id="7" w:author="a"'))
        cell.addprevious(twin)

    report = _read(docx_bytes(example, edit, foreign=foreign))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def _box(text: str) -> str:
    return (
        f"<w:drawing><wps:txbx><w:txbxContent><w:p>{r(text)}</w:p>"
        "</w:txbxContent></wps:txbx></w:drawing>"
    )


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
def test_a_text_box_anchored_in_a_hidden_run_is_not_read(
    example: Report, foreign: bool
) -> None:
    """In a cell (read, the row had two figures) and between the tables (read,
    a second 行政许可 row)."""

    def edit(document: Any) -> None:
        from docx.oxml import parse_xml

        replace_cell_runs(
            document,
            PRINTED,
            r(PRINTED) + f"<w:r><w:rPr><w:vanish/></w:rPr>{_box('9999')}</w:r>",
        )
        table = document.element.body.find("{*}tbl")
        table.addprevious(
            parse_xml(
                f"<w:p {W_NAMESPACES}><w:r><w:rPr><w:rStyle w:val='Hid'/></w:rPr>"
                f"{_box('行政许可 8888')}</w:r></w:p>"
            )
        )
        for style in STYLES:
            add_style(document, style)

    report = _read(docx_bytes(example, edit, foreign=foreign))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_toggle_on_in_the_document_defaults_stays_on(example: Report) -> None:
    """§17.7.3: hidden by the document defaults, a run is hidden whatever its
    styles say (two styles hiding it cancel out only when the defaults do not)."""

    def edit(document: Any) -> None:
        for style in STYLES:
            add_style(document, style)
        replace_cell_runs(
            document, PRINTED, r("12") + r("9", '<w:rStyle w:val="Hid"/>') + r("68")
        )
        _in_hidden_paragraph(document, "12968")
        _hidden_by_default(document)

    report = _read(docx_bytes(example, edit, foreign=True))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())


@pytest.mark.parametrize(
    "condition",
    [
        "<w:rPr><w:vanish/></w:rPr>",
        '<w:rPr><w:color w:val="1F3864"/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr>',
    ],
    ids=["hidden", "in-its-shading"],
)
def test_a_table_style_s_conditional_format_that_hides_is_a_finding(
    example: Report, condition: str
) -> None:
    """Banded rows of a table style hidden or painted out: which rows they
    cover is not worked out, so the table is reported, never silently read."""

    def edit(document: Any) -> None:
        add_style(
            document,
            '<w:style w:type="table" w:styleId="Banded"><w:name w:val="Banded"/>'
            f'<w:tblStylePr w:type="band1Horz">{condition}</w:tblStylePr></w:style>',
        )
        table_pr = document.element.body.find("{*}tbl/{*}tblPr")
        table_pr.insert(0, _w("tblStyle", 'w:val="Banded"'))

    report = _read(docx_bytes(example, edit, foreign=True))
    (finding,) = report.reading_findings
    assert "band1Horz" in finding.message
    assert "“Banded”" in finding.message
    assert finding.where == "第 1 个表格"


def test_a_long_chain_of_styles_is_walked_once(example: Report) -> None:
    """12,000 table styles, each based on the one before, each used: the chain
    was walked again for every style (quadratic: 40 s)."""
    import time

    count = 12_000
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def edit(document: Any) -> None:
        from lxml import etree

        styles = "".join(
            f'<w:style w:type="table" w:styleId="S{i}"><w:name w:val="S{i}"/>'
            + (f'<w:basedOn w:val="S{i - 1}"/>' if i else "")
            + '<w:tblStylePr w:type="band1Horz"><w:rPr><w:b/></w:rPr>'
            "</w:tblStylePr></w:style>"
            for i in range(count)
        )
        for style in etree.fromstring(f"<w:styles {w}>{styles}</w:styles>"):
            document.styles.element.append(style)
        for number, table in enumerate(document.element.body.iter("{*}tbl")):
            table.find("{*}tblPr").insert(
                0, _w("tblStyle", f'w:val="S{count - 1 - number}"')
            )

    data = docx_bytes(example, edit, foreign=True)
    start = time.perf_counter()
    report = _read(data)
    assert time.perf_counter() - start < 15  # generous: it takes about 2 s
    assert dict(report.cells()) == dict(example.cells())
