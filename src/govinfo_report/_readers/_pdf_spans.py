"""A label cell merged over rows that each hold figures: one label per row, if it shows so.

Word and WPS authors merge label cells vertically; when the merged cell holds
two numbered labels, one beside each row of figures (``（一）予以公开`` over
the first, ``（二）部分公开…`` over the second), a person reads each row with
the label beside it. Read as one cell, the first row got both labels and
both rows' figures, and the second row was lost.

`split_label` gives each row of such a cell the lines beside it, when all of
these hold: each of the cell's glyphs lies within one row (none across a row
boundary); every row of the cell has lines of it; every row holds figures
right of it and nothing else there; each row's lines start with an item
number (``一、``, ``（二）``, ``3.``): two labels, not one label wrapped over
two lines. Otherwise the cell stays whole (its rows' figures then do not
fit one label, which the reader reports).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["split_label"]

_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
_FIGURES = re.compile(r"[\d\s,，.．〓/—\-－]*")
_SLACK = 1.0  # pt: how far a glyph may reach past its row's lines


def split_label(
    tops: Sequence[float],
    grid: list[dict[int, str]],
    first: int,
    last: int,
    column: int,
    chars: Sequence[Sequence[Any]],
    text_of: Callable[[list[Sequence[Any]]], str | None],
) -> None:
    """Give rows ``first``–``last`` of ``grid`` the lines of their part of a merged cell.

    ``tops`` are the table's row lines, ``grid`` each row's cell texts by
    column (changed in place), ``column`` the merged cell's, ``chars`` its glyphs (text, x0,
    top, x1, bottom) and ``text_of`` the text of some of them (None when they
    cannot be read plainly). See the module for when it is done.
    """
    if last <= first or len(tops) < last + 2:
        return
    bands: dict[int, list[Sequence[Any]]] = {}
    for char in chars:
        middle = (char[2] + char[4]) / 2
        row = bisect.bisect_right(tops, middle) - 1
        if not first <= row <= last:
            return
        if char[2] < tops[row] - _SLACK or char[4] > tops[row + 1] + _SLACK:
            return  # across a row boundary: centred over both rows
        bands.setdefault(row, []).append(char)
    if len(bands) != last - first + 1:
        return
    for row in range(first, last + 1):
        if column not in grid[row]:
            return
        right = [t for c, t in grid[row].items() if c > column and t.strip()]
        if not right or not all(_FIGURES.fullmatch(text) for text in right):
            return
    pieces: dict[int, str] = {}
    for row, band in bands.items():
        text = text_of(band)
        if text is None or not _NUMBERED.match(text):
            return
        pieces[row] = text
    for row, text in pieces.items():
        grid[row][column] = text
