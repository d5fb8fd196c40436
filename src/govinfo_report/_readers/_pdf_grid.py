"""A ruled table of a PDF page as cells, and the cell a glyph lies in.

`_pdf_layout` builds the tables from a page's ruling lines and places each
glyph in the cell holding most of it (`find_cell`); the findings about what is
drawn across cells (`_pdf_strikes`) look the cells up the same way.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["CROSS", "IN_LINE", "TINY", "Cell", "Table", "find_cell", "place_of"]

CROSS = 2.0  # pt: how far a line may stop short of another and still meet it
IN_LINE = 0.5  # of the lower glyph's height: glyphs overlapping this much share a line
TINY = 1e-6  # pt²: the least area a glyph is counted with (`find_cell`)


@attrs.define
class Cell:
    """A cell: its box on the page, its first row and column, the glyphs in it."""

    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    column: int = 0
    chars: list[Sequence[Any]] = attrs.field(factory=list)


@attrs.define
class Table:
    """A ruled table: its box, rows (their top lines) and cells."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[Cell]]  # cells starting in each row, left to right
    tops: list[float]
    cells: list[Cell]
    covering: list[list[Cell]]  # the cells over each row, continued ones too
    # for each row: the right edges of its covering cells when those run
    # left to right (both edges ascending), else None (`find_cell`)
    rights: list[list[float] | None] = attrs.field(factory=list)


def place_of(where: str, table: Table, cell: Cell) -> str:
    """Where ``cell`` of ``table`` is, after ``where`` (the page)."""
    return f"{where}表格第 {cell.row + 1} 行第 {cell.column + 1} 列"


def find_cell(table: Table, char: Sequence[Any]) -> tuple[Cell | None, float, float]:
    """The cell holding most of ``char``, its share of the glyph and the runner-up's."""
    _text, x0, top, x1, bottom = char[:5]
    area = max((x1 - x0) * (bottom - top), TINY)
    best: Cell | None = None
    first = second = 0.0
    tops = table.tops
    # the rows the glyph's height reaches into, and the cells over them
    start = max(bisect.bisect_right(tops, top) - 1, 0)
    end = min(bisect.bisect_left(tops, bottom), len(table.covering))
    for row in range(start, end):
        here = table.covering[row]
        ends = table.rights[row]
        # cells running left to right: those ending at or before the glyph's
        # left edge are beside it, skipped at once (the same as looking)
        at = 0 if ends is None else bisect.bisect_right(ends, x0)
        for index in range(at, len(here)):
            cell = here[index]
            if cell.x0 >= x1:
                if ends is not None:
                    break  # and every cell after it: beside the glyph
                continue
            if cell.x1 <= x0 or (row > start and cell.row < row):
                continue  # beside the glyph, or a cell met in the row above
            low = bottom if bottom < cell.bottom else cell.bottom
            high = top if top > cell.top else cell.top
            h = low - high
            if h <= 0:
                continue
            right = x1 if x1 < cell.x1 else cell.x1
            left = x0 if x0 > cell.x0 else cell.x0
            share = (right - left) * h / area
            if share > first:
                best, first, second = cell, share, first
            elif share > second:
                second = share
    return best, first, second
