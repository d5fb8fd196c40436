"""Kangxi radicals in a PDF's text layer read as the ideographs a person sees.

A CJK font maps the ideograph ``人`` (U+4EBA) and the Kangxi radical ``⼈``
(U+2F08) to one glyph; a PDF writer that looks the glyph up backwards
(Chromium printing text in a form, some macOS and WPS exports) may write the
radical into the font's ToUnicode. The page shows ``自然人``; the text layer
says ``⾃然⼈``, a column name the format does not know (its figures lost),
``⼀、总体情况`` no heading. Each such radical is read as the ideograph its
compatibility mapping (NFKC) names: the glyph drawn is that ideograph's. A
radical without such a mapping (most of the CJK Radicals Supplement) stays
as it is (a label not known is a finding, never a guess).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["as_ideographs"]

_FIRST, _LAST = "\u2e80", "\u2fdf"  # CJK Radicals Supplement, Kangxi Radicals


def _ideograph(char: str) -> str:
    """The ideograph of the radical ``char`` (its NFKC form), else ``char``."""
    mapped = unicodedata.normalize("NFKC", char)
    return mapped if len(mapped) == 1 and "\u4e00" <= mapped <= "\u9fff" else char


def as_ideographs(chars: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """``chars`` (text, box…) with each radical read as its ideograph (see the module)."""
    if not any(_FIRST <= str(c[0]) <= _LAST for c in chars):
        return chars
    return [
        [_ideograph(c[0]), *c[1:]] if _FIRST <= str(c[0]) <= _LAST else c for c in chars
    ]
