"""The named paragraph styles of a report, after GB/T 9704-2012 (党政机关公文格式).

The writer sets every paragraph in one of these styles and never formats runs
by hand, so a user's template can restyle a report by defining styles of the
same names. Chinese fonts are set through ``w:eastAsia`` (see `_xml`), theme
fonts are stripped and text is black.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt, RGBColor

from govinfo_report._ooxml import _xml

LATIN_FONT = "Times New Roman"
"""Digits and Latin letters in body text (GB/T 9704 leaves them to the setter)."""

BODY_LINE_PITCH = 578
"""Exact body line spacing in twips (28.9 pt): 22 lines fill the 225 mm text block."""


class Style(enum.Enum):
    """The paragraph styles of a report; the value is the style's name in Word."""

    TITLE = "报告标题"
    BODY = "报告正文"
    HEADING_1 = "报告一级标题"
    HEADING_2 = "报告二级标题"
    SIGNATURE = "报告落款"
    TABLE = "报告表格"
    TABLE_SMALL = "报告表格小字"
    FOOTER = "报告页码"

    @property
    def style_id(self) -> str:
        """The ASCII ``w:styleId`` the style is stored under."""
        return _DEFINITIONS[self].style_id


@attrs.frozen
class _StyleDef:
    style_id: str
    east_asia: str
    size_pt: float
    align: WD_ALIGN_PARAGRAPH
    first_line_chars: float = 0.0
    line_twips: int | None = BODY_LINE_PITCH
    keep_with_next: bool = False
    right_indent_chars: float = 0.0
    outline_level: int | None = None
    padding_pt: float = 0.0


_DEFINITIONS = {
    Style.TITLE: _StyleDef(
        "GovTitle",
        "方正小标宋简体",
        22,
        WD_ALIGN_PARAGRAPH.CENTER,
        line_twips=700,
        keep_with_next=True,
    ),
    Style.BODY: _StyleDef("GovBody", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    Style.HEADING_1: _StyleDef(
        "GovHeading1",
        "黑体",
        16,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        2,
        keep_with_next=True,
        outline_level=0,
    ),
    Style.HEADING_2: _StyleDef(
        "GovHeading2",
        "楷体_GB2312",
        16,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        2,
        keep_with_next=True,
        outline_level=1,
    ),
    Style.SIGNATURE: _StyleDef(
        "GovSignature",
        "仿宋_GB2312",
        16,
        WD_ALIGN_PARAGRAPH.RIGHT,
        right_indent_chars=2,
    ),
    Style.TABLE: _StyleDef(
        "GovTable",
        "仿宋_GB2312",
        10.5,
        WD_ALIGN_PARAGRAPH.CENTER,
        line_twips=320,
        padding_pt=2,
    ),
    Style.TABLE_SMALL: _StyleDef(
        "GovTableSmall",
        "仿宋_GB2312",
        9,
        WD_ALIGN_PARAGRAPH.CENTER,
        line_twips=260,
        padding_pt=1.5,
    ),
    Style.FOOTER: _StyleDef(
        "GovPageNumber", "宋体", 14, WD_ALIGN_PARAGRAPH.CENTER, line_twips=None
    ),
}


def ensure_styles(document: Any, *, keep_existing: bool) -> dict[Style, str]:
    """Make sure the document has every report style; return their style ids.

    With ``keep_existing`` (a user's template) a style the document already
    defines under the same name is used as it is; otherwise every style is
    (re)defined here.
    """
    styles = document.styles
    _xml.set_document_language(styles.element)
    ids: dict[Style, str] = {}
    for style, definition in _DEFINITIONS.items():
        existing = next(
            (
                s
                for s in styles
                if s.name == style.value and s.type == WD_STYLE_TYPE.PARAGRAPH
            ),
            None,
        )
        if existing is not None and keep_existing:
            ids[style] = existing.style_id
            continue
        target = existing or styles.add_style(style.value, WD_STYLE_TYPE.PARAGRAPH)
        _define(target, definition)
        ids[style] = definition.style_id
    return ids


def _define(style: Any, definition: _StyleDef) -> None:
    _xml.set_style_id(style.element, definition.style_id)
    style.base_style = None
    style.quick_style = True
    font = style.font
    font.size = Pt(definition.size_pt)
    font.bold = False
    font.color.rgb = RGBColor(0, 0, 0)
    _xml.set_east_asian_font(
        style.element.get_or_add_rPr(), definition.east_asia, LATIN_FONT
    )
    fmt = style.paragraph_format
    fmt.alignment = definition.align
    fmt.space_before = Pt(definition.padding_pt)
    fmt.space_after = Pt(definition.padding_pt)
    fmt.first_line_indent = Pt(definition.size_pt * definition.first_line_chars)
    fmt.right_indent = Pt(definition.size_pt * definition.right_indent_chars)
    fmt.keep_with_next = definition.keep_with_next
    fmt.widow_control = True
    if definition.line_twips is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(definition.line_twips / 20)
    if definition.outline_level is not None:
        _xml.set_outline_level(style.element.get_or_add_pPr(), definition.outline_level)
