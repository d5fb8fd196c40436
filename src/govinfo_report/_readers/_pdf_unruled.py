"""Table 4 drawn without rulings, read by the positions of its text.

A three-line table (三线表), or a table whose borders were turned off (Word,
WPS, a web page printed without borders), has no grid: `_pdf_layout` reads
its text as lines. Table 4 cannot be read so: its column headers wrap
(``结果维`` over ``持``) and its cells are vertically centred, so one header
row of cells prints as several lines, each holding pieces of different
cells, and its one row of figures has no row label to tie it to a column.

Here the figures place the columns: a line of exactly fifteen figures (the
fifteen columns of table 4) gives the centre of each column, and each column
runs half way to its neighbours. The header lines above are then checked
piece by piece: a piece (a run of glyphs) within one column is part of that
column's header, joined top to bottom it must read the official header of
that column (``结果维持`` … ``总计``, five times); a piece wider than a
column must be a group header (``行政复议``, ``行政诉讼``, ``未经复议直接起诉``,
``复议后起诉``) centred over its own columns. Only when every piece is placed
so, and every column reads its official header, are the lines given back as
the rows of table 4 (as a ruled table's are); anything else (a piece across
two columns, a header out of order, a column short of a figure) leaves the
lines as they are, read as today with findings: never a guess.

A row of fewer figures (blank cells printed as nothing) places no columns:
the header's pieces of one column overlap (``结果`` over ``维持``), and when
they make fifteen columns and read the header as above, each figure is read
in the column it lies within, the others blank. A blank column holding a
picture or shape on the figures' height, within that column (a figure
pasted as a picture, or drawn as outlines), is ``〓``: not read, not blank.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from govinfo_report._format import (
    LITIGATION_HEADING,
    AppealGroup,
    AppealResult,
)
from govinfo_report._readers._split import Item, trusted_item

__all__ = ["unruled_appeals"]

_FIGURE = re.compile(r"\d[\d,]*")
_GAP = 2.0  # pt: a wider gap between glyphs of a line ends a piece
_ABOVE = (
    8.0  # of a line's height: the farthest the header lines reach above the figures
)
_RESULTS = [r.label for r in AppealResult]
_GROUPS = [g.label for g in AppealGroup]
_COLUMNS = len(_GROUPS) * len(_RESULTS)
_HEADER_GLYPHS = frozenset("".join([*_RESULTS, *_GROUPS, LITIGATION_HEADING]))
# each group header: the columns (first, last) it stands over
_SPANS = {
    AppealGroup.REVIEW.label: (0, 4),
    LITIGATION_HEADING: (5, 14),
    AppealGroup.LITIGATION_DIRECT.label: (5, 9),
    AppealGroup.LITIGATION_AFTER_REVIEW.label: (10, 14),
}

Char = Sequence[Any]
Piece = tuple[str, float, float, float]  # text, left, top, right


def _pieces(line: list[Char]) -> list[Piece]:
    """A line's runs of glyphs (its characters left to right), split at gaps."""
    pieces: list[Piece] = []
    run: list[Char] = []
    for char in line:
        if run and char[1] - run[-1][3] > _GAP:
            pieces.append(
                ("".join(c[0] for c in run), run[0][1], run[0][2], run[-1][3])
            )
            run = []
        run.append(char)
    if run:
        pieces.append(("".join(c[0] for c in run), run[0][1], run[0][2], run[-1][3]))
    return pieces


def _column(left: float, right: float, edges: list[float]) -> int | None:
    """The one column ``left``–``right`` lies in (a point of slack), else None."""
    for index in range(_COLUMNS):
        if edges[index] - 1.0 <= left and right <= edges[index + 1] + 1.0:
            return index
    return None


def _header(lines: list[list[Char]], edges: list[float], centres: list[float]) -> bool:
    """Whether ``lines`` are table 4's header over the columns ``edges`` bound."""
    leaves: list[list[tuple[float, float, str]]] = [[] for _ in range(_COLUMNS)]
    groups: set[str] = set()
    for line in lines:
        for text, left, top, right in _pieces(line):
            column = _column(left, right, edges)
            if text in _SPANS:
                first, last = _SPANS[text]
                middle = (left + right) / 2
                # centred over its own columns, within them
                if (
                    not (
                        centres[first] <= middle <= centres[last]
                        and edges[first] - 1.0 <= left
                        and right <= edges[last + 1] + 1.0
                    )
                    or text in groups
                ):
                    return False
                groups.add(text)
            elif column is not None:
                leaves[column].append((top, left, text))
            else:
                return False  # a piece across columns: its column is unknown
    if groups != set(_SPANS):
        return False
    return all(
        "".join(t for _top, _left, t in sorted(pieces)) == _RESULTS[i % len(_RESULTS)]
        for i, pieces in enumerate(leaves)
    )


def _leaf_centres(lines: list[list[Char]]) -> list[float] | None:
    """The centres of the columns the header ``lines`` name, when there are fifteen.

    The pieces of a column's header (``结果`` over ``维持``) overlap across
    the lines; a group header (``行政复议``) is over several and is left out.
    """
    spans = sorted(
        (left, right)
        for line in lines
        for text, left, _top, right in _pieces(line)
        if text not in _SPANS
    )
    columns: list[list[float]] = []
    for left, right in spans:
        if columns and left < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    if len(columns) != _COLUMNS:
        return None
    return [(left + right) / 2 for left, right in columns]


def _edges(centres: list[float]) -> list[float]:
    """The bounds of the columns whose centres are ``centres``: half way between."""
    return [
        centres[0] - (centres[1] - centres[0]) / 2,
        *((a + b) / 2 for a, b in itertools.pairwise(centres)),
        centres[-1] + (centres[-1] - centres[-2]) / 2,
    ]


def _by_column(pieces: list[Piece], edges: list[float]) -> tuple[str, ...] | None:
    """The figures ``pieces`` in their columns, blanks ``""`` between, if each has one."""
    cells = [""] * _COLUMNS
    last = -1
    for text, left, _top, right in pieces:
        column = _column(left, right, edges)
        if column is None or column <= last:
            return None
        cells[column] = text
        last = column
    return tuple(cells)


def _drawn(
    figures: tuple[str, ...],
    line: list[Char],
    edges: list[float],
    drawings: Sequence[Sequence[float]],
) -> tuple[str, ...]:
    """``figures`` with ``〓`` for a blank column where a picture or shape stands."""
    top = min(c[2] for c in line)
    bottom = max(c[4] for c in line)
    cells = list(figures)
    for x0, y0, x1, y1 in (d[:4] for d in drawings):
        if top <= (y0 + y1) / 2 <= bottom:
            column = _column(x0, x1, edges)
            if column is not None and not cells[column]:
                cells[column] = "〓"
    return tuple(cells)


def unruled_appeals(
    lines: list[list[Char]], where: str, drawings: Sequence[Sequence[float]] = ()
) -> tuple[list[tuple[float, Item]], set[int]]:
    """Table 4's rows read from unruled ``lines`` (see the module), and the glyphs they used.

    ``lines`` are a page's lines outside ruled tables, top to bottom, each
    left to right. Gives ``(top, row)`` for each row of the table, and the
    ids of the glyphs read into them (none when no such table is found).
    A row of fewer than fifteen figures (blank cells) is read by the columns
    of the header above it: each figure within one column, blanks between;
    a blank column holding one of ``drawings`` (x0, top, x1, bottom) is ``〓``.
    """
    for at, line in enumerate(lines):
        pieces = _pieces(line)
        if not 0 < len(pieces) <= _COLUMNS or not all(
            _FIGURE.fullmatch(text) for text, *_ in pieces
        ):
            continue
        height = max(c[4] - c[2] for c in line)
        header: list[list[Char]] = []
        for above in reversed(lines[:at]):
            if line[0][2] - above[0][2] > _ABOVE * height * 2:
                break
            if not set("".join(c[0] for c in above)) <= _HEADER_GLYPHS | {" "}:
                break
            header.insert(0, above)
        if not header:
            continue
        if len(pieces) == _COLUMNS:
            found: list[float] | None = [
                (left + right) / 2 for _t, left, _top, right in pieces
            ]
        else:
            found = _leaf_centres(header)
        if found is None or any(b <= a for a, b in itertools.pairwise(found)):
            continue
        centres = found
        edges = _edges(centres)
        if not _header(header, edges, centres):
            continue
        figures = _by_column(pieces, edges)
        if figures is None:
            continue
        figures = _drawn(figures, line, edges, drawings)
        top = header[0][0][2]
        blank = ("",) * len(_RESULTS)
        named = f"{where}表格（无表格线，按文字位置读）"
        rows = [
            (AppealGroup.REVIEW.label, LITIGATION_HEADING),
            (*_RESULTS, *_GROUPS[1:]),
            (*blank, *_RESULTS, *_RESULTS),
            figures,
        ]
        placed = [
            (
                top + index * 1e-3 if index < 3 else line[0][2],
                trusted_item(" ".join(c for c in row if c), named, row, is_table=True),
            )
            for index, row in enumerate(rows)
        ]
        used = {id(c) for chars in [*header, line] for c in chars}
        return placed, used
    return [], set()
