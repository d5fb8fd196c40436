"""Content Word shows that is not plain text: symbols, equations, alternatives.

A symbol (``w:sym``) is a character only in a text font or as a Symbol-font
digit (`symbol_text`); an equation (``m:oMath``) is text only when it is one
line (`linear`); of an ``mc:AlternateContent`` Word shows the first
``mc:Choice`` whose namespaces it understands (`understood`).
"""

from __future__ import annotations

from typing import Any

from govinfo_report._ooxml._xml import W_NS

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

_W = "{" + W_NS + "}"
_M = "{" + MATH_NS + "}"
_MATH_TEXT = _M + "t"

_MATH_PLAIN = frozenset(
    _M + name
    for name in (
        "oMath",
        "oMathPara",
        "oMathParaPr",
        "r",
        "rPr",
        "t",
        "ctrlPr",
        "jc",
        "nor",
        "lit",
        "scr",
        "sty",
        "brk",
        "aln",
    )
)
"""Math elements of an equation that is one line of text (no fraction, script…)."""


_PICTURE_FONTS = ("wingdings", "webdings", "dingbat", "marlett", "mt extra")
_SYMBOL_DIGITS = frozenset("0123456789 .,()+/:;=")
"""Characters the Symbol font draws as themselves (at F020–F07E, as ASCII)."""


_UNDERSTOOD = frozenset(
    (
        W_NS,
        MATH_NS,
        MC_NS,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/word/2015/wordml/symex",
        "http://schemas.microsoft.com/office/word/2016/wordml/cid",
        "http://schemas.microsoft.com/office/word/2018/wordml",
        "http://schemas.microsoft.com/office/word/2018/wordml/cex",
        "http://schemas.microsoft.com/office/drawing/2010/main",
        "http://schemas.microsoft.com/office/drawing/2014/chartex",
        "http://schemas.microsoft.com/office/drawing/2016/ink",
        "http://schemas.microsoft.com/office/drawing/2017/model3d",
    )
)
"""Namespaces current Word understands, so takes an ``mc:Choice`` requiring them."""


def understood(choice: Any) -> bool:
    """Word understands every namespace the ``mc:Choice`` requires (by prefix)."""
    prefixes = (choice.get("Requires") or "").split()
    namespaces = choice.nsmap
    return bool(prefixes) and all(namespaces.get(p) in _UNDERSTOOD for p in prefixes)


def symbol_text(sym: Any) -> str | None:
    """The character a ``w:sym`` shows, when it is a character; None for a picture."""
    font = (sym.get(_W + "font") or "").strip().lower()
    try:
        code = int(sym.get(_W + "char") or "", 16)
    except ValueError:
        return None
    private = 0xF000 <= code <= 0xF0FF
    if any(name in font for name in _PICTURE_FONTS):
        return None
    if font == "symbol":
        low = code - 0xF000 if private else code
        return chr(low) if 0x20 <= low < 0x7F and chr(low) in _SYMBOL_DIGITS else None
    if private or not _character(code):
        return None
    return chr(code)


def _character(code: int) -> bool:
    """A code point a text font draws as a character: not a control, a
    surrogate, the private use area (a font's own pictures) or a noncharacter
    (full-width forms such as ``FF11``, １, are characters)."""
    return (
        0x20 <= code <= 0x10FFFF
        and not 0xD800 <= code <= 0xF8FF
        and code not in (0xFFFE, 0xFFFF)
    )


def math_text(math: Any) -> str:
    """The text of an equation's runs (``m:t``), in order, for a message."""
    return "".join(t.text or "" for t in math.iter(_MATH_TEXT))


def linear(math: Any) -> bool:
    """The equation is one line of text: no fraction, script, radical…"""
    return all(
        not isinstance(e.tag, str) or not e.tag.startswith(_M) or e.tag in _MATH_PLAIN
        for e in math.iter()
    )
