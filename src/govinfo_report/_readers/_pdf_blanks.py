"""Blank cells of a table printed without rulings, placed by their columns.

A table whose borders were turned off (Word, WPS, exported to PDF) prints a
blank cell as nothing: its row reads as a label and fewer figures than the
table has columns (``1.属于国家秘密  0  0  0  0  0  0`` for seven), and which
one is missing cannot be told from the text. A person sees the gap: the
figures stand under their columns.

Here the rows that hold a figure in every column place the columns: the
``k``-th figures of all such rows of one table on the page make the ``k``-th
column's band (from the leftmost left to the rightmost right), the bands in
order and apart, each column reaching half way to its neighbours. A row
short of figures is then read by column: each of its figures must overlap
one band and lie within that column's reach, the columns in order, one
figure a column; the columns left are blanks (``""``, as a ruled table's
empty cell). The row's label says how many figures it has (a row of the
format whose label holds the printed one: ``行政许可  1268`` is one figure
across three columns, never a row short of two). Anything else (a label not
known, no full row, a figure between two columns or over two)
leaves the line as it is: the matcher then reports the row missing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any

from govinfo_report._format import FormatVersion, format_spec
from govinfo_report._labels import label_key

__all__ = ["by_columns"]

Char = Sequence[Any]

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_GAP = 0.25  # of a figure's height: a wider gap between glyphs ends a piece
_FULL_ROWS = 1  # rows with every figure a table must have on the page
_SHORTEST = 2  # characters: a shorter printed label is not looked up


@functools.cache
def _row_widths() -> tuple[tuple[str, str, int], ...]:
    """Each row of the format: its label key, its table and its figure count."""
    out: list[tuple[str, str, int]] = []
    for version in FormatVersion:
        spec = format_spec(version)
        for table in (spec.active, spec.requests, spec.appeals):
            for row in table.rows:
                for label in (row.label, *row.variants):
                    out.append((label_key(label), table.id.value, len(row.columns)))
    return tuple(out)


def _width(label: str) -> tuple[str, int] | None:
    """The table and the figure count of the rows whose label holds ``label``, if one."""
    key = label_key(label)
    if len(key) < _SHORTEST:
        return None
    found = {(table, n) for full, table, n in _row_widths() if key in full}
    return next(iter(found)) if len(found) == 1 else None


def _pieces(line: list[Char]) -> list[list[Char]]:
    """A line's runs of glyphs, split where the gap is wider than `_GAP` of a glyph."""
    pieces: list[list[Char]] = []
    for char in line:
        if pieces:
            before = pieces[-1][-1]
            height = max(char[4] - char[2], before[4] - before[2])
            if char[1] - before[3] <= _GAP * height:
                pieces[-1].append(char)
                continue
        pieces.append([char])
    return pieces


def _text(piece: list[Char]) -> str:
    return "".join(str(c[0]) for c in piece)


def _split(line: list[Char]) -> tuple[list[list[Char]], list[list[Char]]]:
    """A line's label pieces and its figures (the pieces after the last non-figure)."""
    pieces = _pieces(line)
    at = len(pieces)
    while at > 0 and _FIGURE.fullmatch(_text(pieces[at - 1])):
        at -= 1
    return pieces[:at], pieces[at:]


def _bands(rows: list[list[list[Char]]]) -> list[tuple[float, float]] | None:
    """Each column's band (left, right) from rows of every figure, if in order and apart."""
    bands = [
        (min(row[k][0][1] for row in rows), max(row[k][-1][3] for row in rows))
        for k in range(len(rows[0]))
    ]
    if any(b[0] <= a[1] for a, b in itertools.pairwise(bands)):
        return None
    return bands


def _placed(
    figures: list[list[Char]], bands: list[tuple[float, float]]
) -> list[str] | None:
    """The row's cells by column (blanks ``""``), when every figure has one column."""
    reach = [
        (
            bands[k][0] - (bands[k][0] - bands[k - 1][1]) / 2 if k else -1e308,
            bands[k][1] + (bands[k + 1][0] - bands[k][1]) / 2
            if k + 1 < len(bands)
            else 1e308,
        )
        for k in range(len(bands))
    ]
    cells = [""] * len(bands)
    last = -1
    for figure in figures:
        left, right = figure[0][1], figure[-1][3]
        columns = [
            k
            for k, (a, b) in enumerate(bands)
            if left < b and right > a and reach[k][0] <= left and right <= reach[k][1]
        ]
        if len(columns) != 1 or columns[0] <= last:
            return None
        last = columns[0]
        cells[last] = _text(figure)
    return cells


def by_columns(lines: list[list[Char]]) -> dict[int, tuple[list[Char], list[str]]]:
    """The rows of ``lines`` short of figures, read by column (see the module).

    Gives, by the index of such a line, its label's glyphs and its figure cells
    (blanks ``""``). ``lines`` are a page's lines outside ruled tables, each
    left to right.
    """
    rows: dict[int, tuple[tuple[str, int], list[list[Char]], list[list[Char]]]] = {}
    for index, line in enumerate(lines):
        labels, figures = _split(line)
        if not labels or not figures:
            continue
        width = _width("".join(_text(p) for p in labels[-1:]))
        if width is not None and len(figures) <= width[1]:
            rows[index] = (width, labels, figures)
    out: dict[int, tuple[list[Char], list[str]]] = {}
    for index, (width, labels, figures) in rows.items():
        if len(figures) == width[1]:
            continue
        full = [f for w, _l, f in rows.values() if w == width and len(f) == w[1]]
        if len(full) < _FULL_ROWS:
            continue
        bands = _bands(full)
        if bands is None or labels[-1][-1][3] >= bands[0][0]:
            continue
        cells = _placed(figures, bands)
        if cells is not None:
            out[index] = ([c for p in labels for c in p], cells)
    return out
