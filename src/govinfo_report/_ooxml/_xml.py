"""Every raw-XML tweak of the Word writer, as small typed helpers.

python-docx has no public API for East Asian fonts, repeating header rows,
rows that never split, merged cells set directly, PAGE fields, document
languages or reproducible packages. Each of those is one function here; the
writer (`_writer`) and the style definitions (`_styles`) call them and stay
on python-docx's public API otherwise.

Tables are built as one WordprocessingML string and parsed once
(`table_element`): it is the fast way (python-docx's ``table.cell(r, c)`` is
O(n²)) and it lets gridSpan and vMerge be written exactly.
"""

from __future__ import annotations

import enum
import io
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import attrs
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every entry of a written package (the zip format's first date)."""


def mm_to_twips(mm: float) -> int:
    """Millimetres to twentieths of a point, the unit of widths in WordprocessingML."""
    return round(mm / 25.4 * 1440)


# ----------------------------------------------------------------------- fonts


def strip_theme_fonts(rpr: Any) -> None:
    """Remove ``w:*Theme`` attributes from the ``w:rFonts`` of a run-properties element.

    Theme attributes override explicit font names, so a style that inherits
    them would show Chinese text in the theme's font whatever name it sets.
    """
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return
    for name in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{name}"), None)


def set_east_asian_font(rpr: Any, east_asia: str, latin: str) -> None:
    """Set the fonts of a ``w:rPr``: ``east_asia`` for Chinese, ``latin`` for the rest.

    python-docx's ``font.name`` writes only ``w:ascii``/``w:hAnsi``; Chinese
    text follows ``w:eastAsia``, which is set here (theme fonts removed).
    """
    fonts = rpr.get_or_add_rFonts()
    strip_theme_fonts(rpr)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def set_style_id(style_element: Any, style_id: str) -> None:
    """Give a style an ASCII ``w:styleId`` (python-docx derives it from the name)."""
    style_element.set(qn("w:styleId"), style_id)


def set_document_language(styles_element: Any, east_asia: str = "zh-CN") -> None:
    """Make the document's default language Chinese (line breaking, punctuation).

    Also removes theme fonts from the document defaults, so text without a
    style of ours is not set in the theme's Latin font.
    """
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    strip_theme_fonts(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), east_asia)


def set_line_grid(sect_pr: Any, pitch_twips: int) -> None:
    """Set the section's line pitch (``w:docGrid``) to ``pitch_twips``.

    The grid is not switched on (no ``w:type``): body lines already have an
    exact spacing, and a line grid would stretch every table line to it.
    """
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f"<w:docGrid {nsdecls('w')}/>")
        sect_pr.append(grid)
    grid.attrib.pop(qn("w:type"), None)
    grid.set(qn("w:linePitch"), str(pitch_twips))


def set_outline_level(ppr: Any, level: int) -> None:
    """Give a paragraph style an outline level (navigation pane, PDF bookmarks).

    ``w:outlineLvl`` is inserted in schema order (before ``w:rPr`` and the
    other elements that follow it in ``CT_PPrBase``).
    """
    existing = ppr.find(qn("w:outlineLvl"))
    if existing is not None:
        ppr.remove(existing)
    element = parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>')
    ppr.insert_element_before(
        element, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
    )


# ----------------------------------------------------------------- page number


def add_page_number_field(paragraph_element: Any, before: str, after: str) -> None:
    """Append ``before`` + a PAGE field + ``after`` as runs of a paragraph.

    The field result shows ``1`` until the word processor updates it, which
    Word and LibreOffice do when they lay the page out.
    """
    w = nsdecls("w")
    runs = (
        f'<w:r {w}><w:t xml:space="preserve">{escape(before)}</w:t></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>1</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:r {w}><w:t xml:space="preserve">{escape(after)}</w:t></w:r>',
    )
    for run in runs:
        paragraph_element.append(parse_xml(run))


# ---------------------------------------------------------------------- tables


class VMerge(enum.Enum):
    """A cell's part in a vertical merge (``w:vMerge``)."""

    NONE = "none"
    RESTART = "restart"
    """The top cell of a vertical merge; it holds the text."""
    CONTINUE = "continue"
    """A cell covered by the merge started above; it holds no text."""


class Align(enum.Enum):
    """Horizontal alignment of a cell's text."""

    LEFT = "left"
    CENTER = "center"


@attrs.frozen
class GridCell:
    """One ``w:tc`` of a table row.

    Attributes:
        text: the cell's text (ignored for a ``CONTINUE`` cell).
        span: how many grid columns it covers (``w:gridSpan``).
        vmerge: its part in a vertical merge.
        align: horizontal alignment.
        bold: bold text (header cells).
        cell_id: the figure cell it shows, for a figure cell (not written to
            the file; the reader uses it to read our own layout back).
    """

    text: str
    span: int = 1
    vmerge: VMerge = VMerge.NONE
    align: Align = Align.CENTER
    bold: bool = False
    cell_id: str | None = None


@attrs.frozen
class WordRow:
    """One ``w:tr``: its cells and whether it repeats as a header row.

    Attributes:
        cells: the row's cells, left to right; their spans add up to the grid width.
        header: repeat the row at the top of every page (``w:tblHeader``); only
            a leading run of header rows repeats.
        keep_next: keep the row on the same page as the next one.
    """

    cells: tuple[GridCell, ...]
    header: bool = False
    keep_next: bool = False


def table_element(
    widths: Sequence[int],
    rows: Sequence[WordRow],
    *,
    paragraph_style: str,
    cell_margin: int = 45,
) -> Any:
    """Build a complete ``w:tbl`` element.

    Fixed layout with explicit column widths (twips) that add up to the table
    width, single borders on every cell, rows that never split across pages
    (``w:cantSplit``), header rows that repeat (``w:tblHeader``), merges
    written directly (``w:gridSpan``, ``w:vMerge``), every cell centred
    vertically, its paragraph in ``paragraph_style`` (a style id).

    Raises:
        ValueError: a row whose spans do not add up to the number of columns.
    """
    total = sum(widths)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(
        f"<w:{side} {border}/>"
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>',
        f"<w:tblBorders>{borders}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    style = quoteattr(paragraph_style)
    for number, row in enumerate(rows):
        if sum(c.span for c in row.cells) != len(widths):
            raise ValueError(
                f"表格第 {number + 1} 行的单元格跨度之和 {sum(c.span for c in row.cells)}"
                f" 不等于列数 {len(widths)} (row spans do not match the grid)"
            )
        parts.append("<w:tr><w:trPr><w:cantSplit/>")
        if row.header:
            parts.append("<w:tblHeader/>")
        parts.append("</w:trPr>")
        column = 0
        for cell in row.cells:
            width = sum(widths[column : column + cell.span])
            column += cell.span
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
            if cell.span > 1:
                parts.append(f'<w:gridSpan w:val="{cell.span}"/>')
            if cell.vmerge is VMerge.RESTART:
                parts.append('<w:vMerge w:val="restart"/>')
            elif cell.vmerge is VMerge.CONTINUE:
                parts.append("<w:vMerge/>")
            parts.append('<w:vAlign w:val="center"/></w:tcPr>')
            parts.append(f"<w:p><w:pPr><w:pStyle w:val={style}/>")
            if row.keep_next:
                parts.append("<w:keepNext/>")
            parts.append(f'<w:jc w:val="{cell.align.value}"/></w:pPr>')
            if cell.text and cell.vmerge is not VMerge.CONTINUE:
                bold = "<w:rPr><w:b/></w:rPr>" if cell.bold else ""
                parts.append(f"<w:r>{bold}<w:t>{escape(cell.text)}</w:t></w:r>")
            parts.append("</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


def append_to_body(body: Any, element: Any) -> None:
    """Append a block element (a table) to the body, before its final ``w:sectPr``."""
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is None:
        body.append(element)
    else:
        sect_pr.addprevious(element)


def clear_body(body: Any) -> None:
    """Remove every paragraph and table of a body, keeping its page setup (``w:sectPr``)."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# --------------------------------------------------------------------- package


def drop_thumbnail(package: Any) -> None:
    """Remove the default template's thumbnail picture from a package.

    python-docx's default template carries a preview image of its own blank
    page; a published report should not.
    """
    rels = package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]


def reproducible_zip(data: bytes) -> bytes:
    """Re-pack a ``.docx`` so the same content always gives the same bytes.

    Every entry gets the timestamp 1980-01-01 00:00, the same permissions and
    deflate compression, in the order python-docx wrote them (which follows
    the package's relationships and is stable).
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
