"""A figure its cell's width broke over two lines, read as one figure.

A word processor breaks a figure too wide for its column inside the number
(``1234567`` becomes ``12345`` over ``67``; ``1,234,567`` is broken after a
separator, ``1,234,`` over ``567``): no space is typed there, and the person
reading the printed page reads one figure. A line break the writer typed
(``12`` over ``68`` in a cell with room to spare) is two figures, reported
(``EXTRA_CELL``) by the matcher. The two are told apart by the cell's width:
the break was forced when the line's first glyph after it would not have fit
on the line before, within the widest cell padding of the common word
processors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["cell_text"]

_FIGURE = frozenset("0123456789,.")
"""The glyphs of a printed figure (thousands separators and the decimal point too)."""
_DIGITS = frozenset("0123456789")
_BREAKS = frozenset("0123456789,")
"""What a line broken inside a figure ends with: a digit, or a thousands
separator (after which word processors break a long figure)."""
_PADDING = 6.0
"""pt, each side: a cell's padding at most (Word's default is 0.19 cm, 5.4 pt;
LibreOffice's and WPS's are smaller); a line fuller than the cell's width less
twice this left no room for the next glyph."""


def _forced(
    before: Sequence[Sequence[Any]], after: Sequence[Sequence[Any]], width: float
) -> bool:
    """Line ``before`` (glyphs left to right) was broken inside a figure by the
    cell's ``width``: it is all figure glyphs ending in a digit or a thousands
    separator, ``after`` starts with a digit, and what would have come next
    did not fit: ``after``'s first glyph, or after a separator (where a word
    processor may break) its digits up to the next separator."""
    if not before or not after:
        return False
    if before[-1][0] not in _BREAKS or after[0][0] not in _DIGITS:
        return False
    if any(glyph[0] not in _FIGURE for glyph in before):
        return False
    used = before[-1][3] - before[0][1]
    end = after[0]
    if before[-1][0] == ",":
        for glyph in after:
            end = glyph
            if glyph[0] == ",":
                break
    return bool(used + (end[3] - after[0][1]) > width - 2 * _PADDING)


def cell_text(
    lines: Sequence[tuple[Sequence[Sequence[Any]], str]], width: float
) -> str:
    """The text of a ruled cell ``width`` pt wide from its lines, top to bottom.

    Each line is (its glyphs left to right, its text); lines are joined by a
    space, except where the cell's width broke a figure (`_forced`): there
    they are joined as printed, one figure.
    """
    parts: list[str] = []
    previous: Sequence[Sequence[Any]] = ()
    for glyphs, text in lines:
        if parts:
            parts.append("" if _forced(previous, glyphs, width) else " ")
        parts.append(text)
        previous = glyphs
    return "".join(parts)
