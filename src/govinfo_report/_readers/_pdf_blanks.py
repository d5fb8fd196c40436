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
across three columns, never a row short of two). Where no row of the table
on the page has every figure (every 0 left blank), the header above places
the columns: its pieces right of the rows' labels that overlap make one
column (``商业企`` over ``业``), and the columns, read top to bottom, must
be the format's, in order. A line of figures alone (the label of its row on
the line above, beside a wrapped label) is placed by the columns of the one
table whose rows stand above and below it. Anything else (a label not
known, a header that does not read the format's, a figure between two
columns or over two, a row with no figure at all) leaves the line as it
is: the matcher then reports the row missing.

A row with no figure at all (every cell left blank) is a line holding its
label alone. It is read as a row of blanks (as a table's row of empty cells
in Word or HTML) only where nothing else could be its figures: its label is
the whole label of one row of the format (no piece of a wrapped one, no
label another begins with), the columns of its table are known and stand
right of it, it lies among that table's rows (between them, or next to the
first or last), no line of figures alone stands right above or below it
(figures set beside a taller label), and no picture or shape lies right of
its label on its height (figures pasted as a picture, or drawn as outlines;
on a page of more shapes than are looked at, none is such a row).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any

from govinfo_report._format import (
    APPLICANTS_HEADING,
    LEGAL_PERSONS_HEADING,
    FormatVersion,
    format_spec,
)
from govinfo_report._labels import label_key

__all__ = ["Carried", "by_columns", "whole_label"]

Char = Sequence[Any]

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_GAP = 0.25  # of a figure's height: a wider gap between glyphs ends a piece
_SHORTEST = 2  # characters: a shorter printed label is not looked up
_HEADER_LINES = 12  # lines above a table's first row looked at for its header
_MOST_DRAWINGS = 1024
"""Pictures and shapes a page sends at most (`_pdf_engine`): more may be left out."""
_SAME_LEFT = 1.5  # pt: a row's label starts this near a label of the page before
_GROUPS = frozenset(label_key(h) for h in (APPLICANTS_HEADING, LEGAL_PERSONS_HEADING))


Width = tuple[str, int]
"""A table's id and the number of figures of a row."""

Bands = list[tuple[float, float]]
"""Each column's band (left, right) of a table."""


class Carried:
    """The columns of the tables of the page before, for a table continued on this one.

    A table running on to the next page may leave there only rows short of
    figures, under no header (Word repeats a header row only when told to):
    their columns are those of the page before, where that page is of the
    same size and each such row's label starts where one of its rows' did
    (the same table, laid out the same). ``columns`` holds, by width, the
    bands and the left edges of the rows' labels.
    """

    def __init__(self) -> None:
        self.size: tuple[float, float] | None = None
        self.columns: dict[Width, tuple[Bands, list[float]]] = {}

    def bands(
        self, size: tuple[float, float], width: Width, lefts: list[float]
    ) -> Bands | None:
        """The page before's bands of ``width``, if rows starting at ``lefts`` continue it."""
        if self.size != size or width not in self.columns:
            return None
        bands, before = self.columns[width]
        if all(any(abs(x - b) <= _SAME_LEFT for b in before) for x in lefts):
            return bands
        return None


@functools.cache
def _row_widths() -> tuple[tuple[str, Width, tuple[str, ...]], ...]:
    """Each row of the format: its label key, its width and its columns' label keys."""
    out: list[tuple[str, Width, tuple[str, ...]]] = []
    for version in FormatVersion:
        spec = format_spec(version)
        for table in (spec.active, spec.requests, spec.appeals):
            for row in table.rows:
                columns = tuple(label_key(c.label) for c in row.columns)
                width = (table.id.value, len(columns))
                for label in (row.label, *row.variants):
                    out.append((label_key(label), width, columns))
    return tuple(out)


def _width(label: str) -> Width | None:
    """The table and the figure count of the rows whose label holds ``label``, if one."""
    key = label_key(label)
    if len(key) < _SHORTEST:
        return None
    found = {width for full, width, _columns in _row_widths() if key in full}
    return next(iter(found)) if len(found) == 1 else None


def whole_label(label: str) -> Width | None:
    """The table and figure count of the one row whose whole label is ``label``.

    None when no row's label is ``label``, when another row's label begins
    with it (``label`` may be the first line of that one), or when rows of
    different widths have it.
    """
    key = label_key(label)
    if len(key) < _SHORTEST:
        return None
    rows = _row_widths()
    if any(full != key and full.startswith(key) for full, _w, _c in rows):
        return None
    found = {width for full, width, _columns in rows if full == key}
    return next(iter(found)) if len(found) == 1 else None


def _headers(width: Width) -> set[tuple[str, ...]]:
    """The columns' label keys of the format's rows of ``width`` (one per version)."""
    return {columns for _label, w, columns in _row_widths() if w == width}


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


def _top(piece: list[Char]) -> float:
    return float(piece[0][2])


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


def _reach(bands: Bands) -> list[tuple[float, float]]:
    """How far each column reaches: half way to its neighbours (the outer ones on)."""
    return [
        (
            bands[k][0] - (bands[k][0] - bands[k - 1][1]) / 2 if k else -1e308,
            bands[k][1] + (bands[k + 1][0] - bands[k][1]) / 2
            if k + 1 < len(bands)
            else 1e308,
        )
        for k in range(len(bands))
    ]


def _drawn(
    cells: list[str],
    line: list[Char],
    bands: Bands,
    drawings: Sequence[Sequence[float]],
) -> list[str]:
    """``cells`` with ``〓`` for a blank one where a picture or shape stands.

    A shape in a blank column on the line's height, within that column
    (figures pasted as a picture, or drawn as outlines), shows a figure the
    text does not have: the cell is not blank, and not read (as in a ruled
    table, `_pdf_layout`).
    """
    top = min(c[2] for c in line)
    bottom = max(c[4] for c in line)
    reach = _reach(bands)
    out = list(cells)
    for x0, y0, x1, y1 in (d[:4] for d in drawings):
        if not top <= (y0 + y1) / 2 <= bottom:
            continue
        for k, (a, b) in enumerate(reach):
            if not out[k] and a <= x0 and x1 <= b:
                out[k] = "〓"
    return out


def _placed(
    figures: list[list[Char]], bands: list[tuple[float, float]]
) -> list[str] | None:
    """The row's cells by column (blanks ``""``), when every figure has one column."""
    reach = _reach(bands)
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


def _headed(
    lines: list[list[Char]], first: int, edge: float, width: Width
) -> list[tuple[float, float]] | None:
    """The columns' bands from the header lines above line ``first``, if they read a header of ``width``.

    The header pieces right of ``edge`` (the rows' labels end there) that
    overlap make one column (``商业企`` over ``业``); a group heading over
    several (``法人或其他组织``) is none. Each column's pieces, top to
    bottom, must read its label: the columns, in order, a row's of ``width``.
    """
    headers = _headers(width)
    glyphs = set("".join([*(c for h in headers for c in h), *_GROUPS]))
    pieces: list[list[Char]] = []
    for line in reversed(lines[max(0, first - _HEADER_LINES) : first]):
        right = [p for p in _pieces(line) if p[0][1] > edge]
        if not all(set(_text(p)) <= glyphs for p in right):
            break
        pieces += [p for p in right if label_key(_text(p)) not in _GROUPS]
    columns: list[list[list[Char]]] = []
    for piece in sorted(pieces, key=lambda p: p[0][1]):
        if columns and piece[0][1] < max(p[-1][3] for p in columns[-1]):
            columns[-1].append(piece)
        else:
            columns.append([piece])
    read = tuple(
        label_key("".join(_text(p) for p in sorted(column, key=_top)))
        for column in columns
    )
    if read not in headers:
        return None
    return [
        (min(p[0][1] for p in column), max(p[-1][3] for p in column))
        for column in columns
    ]


def _beside(lines: list[list[Char]], index: int) -> list[Width]:
    """The table of the row whose wrapped label stands round line ``index``, if one.

    The lines right above and below that hold no figure are read as that
    label's lines (``4.无正当理由`` over the figures, ``大量反复申请`` under
    them), together and each alone: all must hold a piece of the labels of
    one table's rows of one width.
    """
    near = [
        _text([c for p in _split(lines[at])[0] for c in p])
        for at in (index - 1, index + 1)
        if 0 <= at < len(lines) and not _split(lines[at])[1]
    ]
    if not near:
        return []
    widths = {_width(text) for text in ["".join(near), *near]}
    return [w for w in widths if w is not None] if None not in widths else []


def by_columns(
    lines: list[list[Char]],
    drawings: Sequence[Sequence[float]] = (),
    carried: Carried | None = None,
    size: tuple[float, float] = (0.0, 0.0),
) -> dict[int, tuple[list[Char], list[str]]]:
    """The rows of ``lines`` short of figures, read by column (see the module).

    Gives, by the index of such a line, its label's glyphs and its figure cells
    (blanks ``""``). ``lines`` are a page's lines outside ruled tables, top to
    bottom, each left to right. A line of figures alone (its label on the
    line above, vertically centred beside a wrapped one) is placed by the
    columns of the one table whose rows stand above and below it, or else of
    the one table whose row's label its neighbours are (`_beside`: a row at
    the head of a page, above any row with a label); its label is then none. A line of a row's label alone is a row of blanks where
    nothing else could be its figures (see the module); ``drawings`` are the
    page's pictures and shapes (x0, top, x1, bottom). With ``carried`` (the
    columns of the page before, of ``size``), a table whose columns this page
    does not place takes those of the page before (see `Carried`), and the
    columns found here are kept for the next page. A line whose figures were
    put into the row beside them (`_into_row`) is given with no cells.
    """
    rows: dict[int, tuple[Width, list[list[Char]], list[list[Char]]]] = {}
    bare: dict[int, list[list[Char]]] = {}
    alone: dict[int, tuple[Width, list[list[Char]]]] = {}
    for index, line in enumerate(lines):
        labels, figures = _split(line)
        if not figures:
            width = whole_label(_text(labels[-1])) if labels else None
            if width is not None:
                alone[index] = (width, labels)
            continue
        if not labels:
            bare[index] = figures
            continue
        width = _width(_text(labels[-1]))
        if width is not None and len(figures) <= width[1]:
            rows[index] = (width, labels, figures)
    found: dict[Width, list[tuple[float, float]] | None] = {}

    def bands_of(width: Width) -> list[tuple[float, float]] | None:
        if width not in found:
            full = [f for w, _l, f in rows.values() if w == width and len(f) == w[1]]
            if full:
                found[width] = _bands(full)
            else:
                # no row of every figure: the columns by the header above
                mine = [at for at, row in rows.items() if row[0] == width]
                if not mine:
                    found[width] = None
                    return None
                edge = max(rows[at][1][-1][-1][3] for at in mine)
                found[width] = _headed(lines, min(mine), edge, width)
                if found[width] is None and carried is not None:
                    # a table continued from the page before, no header here
                    lefts = [rows[at][1][0][0][1] for at in mine]
                    found[width] = carried.bands(size, width, lefts)
        return found[width]

    out: dict[int, tuple[list[Char], list[str]]] = {}
    for index, (width, labels, figures) in rows.items():
        if len(figures) == width[1]:
            continue
        bands = bands_of(width)
        if bands is None or labels[-1][-1][3] >= bands[0][0]:
            continue
        cells = _placed(figures, bands)
        if cells is not None:
            cells = _drawn(cells, lines[index], bands, drawings)
            out[index] = ([c for p in labels for c in p], cells)
    spans: dict[Width, tuple[int, int]] = {}
    for index, (width, _labels, _figures) in rows.items():
        first, last = spans.get(width, (index, index))
        spans[width] = (min(first, index), max(last, index))
    for index, figures in bare.items():
        around = [w for w, (a, b) in spans.items() if a < index < b]
        if len(around) != 1:
            around = _beside(lines, index)
        if len(around) != 1 or len(figures) >= around[0][1]:
            continue
        bands = bands_of(around[0])
        cells = _placed(figures, bands) if bands is not None else None
        if cells is not None and bands is not None:
            out[index] = ([], _drawn(cells, lines[index], bands, drawings))
    for index in [at for at in bare if at in out]:
        _into_row(lines, out, index)
    for index, (width, labels) in (
        alone.items() if len(drawings) < _MOST_DRAWINGS else ()
    ):
        if width not in spans or index - 1 in bare or index + 1 in bare:
            continue
        first, last = spans[width]
        bands = bands_of(width) if first - 1 <= index <= last + 1 else None
        if bands is None or labels[-1][-1][3] >= bands[0][0]:
            continue
        top = min(c[2] for c in lines[index])
        bottom = max(c[4] for c in lines[index])
        if any(
            d[2] > labels[-1][-1][3] and d[1] < bottom and d[3] > top for d in drawings
        ):
            continue  # figures drawn, not printed as text: not blanks
        out[index] = ([c for p in labels for c in p], [""] * len(bands))
    if carried is not None:
        _carry(carried, size, rows, {w: bands_of(w) for w, _l, _f in rows.values()})
    return out


def _middle(line: list[Char]) -> float:
    """The middle of a line's glyphs, top to bottom (their mean)."""
    return float(sum(c[2] + c[4] for c in line)) / (2 * len(line))


def _into_row(
    lines: list[list[Char]], out: dict[int, tuple[list[Char], list[str]]], at: int
) -> None:
    """The figures of line ``at`` put into the row beside them, when they are its.

    A figure set smaller or larger than its row (a cell's own font size)
    stands a little above or below the row's line: a line of its own, its
    figure in a column the row leaves blank. A person sees it on the row:
    where the middle of those figures lies within the height of exactly one
    neighbouring short row, and each falls in a column that row leaves
    blank, it is that row's (the line then holds no cells); else it stays
    a line of its own (a wrapped label's figures).
    """
    middle = _middle(lines[at])
    beside = [
        row
        for row in (at - 1, at + 1)
        if row in out
        and out[row][0]
        and min(c[2] for c in lines[row]) < middle < max(c[4] for c in lines[row])
    ]
    if len(beside) != 1:
        return
    label, cells = out[beside[0]]
    mine = out[at][1]
    if len(mine) != len(cells) or any(
        m and c for m, c in zip(mine, cells, strict=True)
    ):
        return
    out[beside[0]] = (label, [c or m for c, m in zip(cells, mine, strict=True)])
    out[at] = ([], [])


def _carry(
    carried: Carried,
    size: tuple[float, float],
    rows: dict[int, tuple[Width, list[list[Char]], list[list[Char]]]],
    found: dict[Width, Bands | None],
) -> None:
    """Keep this page's columns, and the left edges of its rows' labels, for the next."""
    carried.size = size
    carried.columns = {
        width: (
            bands,
            [labels[0][0][1] for w, labels, _f in rows.values() if w == width],
        )
        for width, bands in found.items()
        if bands is not None
    }
