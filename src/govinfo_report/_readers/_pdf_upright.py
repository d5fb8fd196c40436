"""A label set one glyph a line down a merged cell, read as one label (no rulings).

Word and WPS set the group cell ``三、本年度办理结果`` of table 3 narrow, one
glyph a line, down the rows it spans. With the borders on, its glyphs are
one cell's; with them off (`_pdf_unruled`, `_pdf_baselines`), each glyph
stands on the line it happens to share with a row: ``结 （三）不 4.保护第三方
合法权益  2  1 …`` is no label the format knows, and the row's figures are
lost (``、 （二）部分公开…``, the next row, too).

Here such a column is found and taken out of the lines: glyphs each alone
on its line (apart from the text to its right), of one left and right edge,
one under the other (each within `_PITCH` of a glyph's height of the one
above, nothing else in the column between them), which read top to bottom
`RESULTS_GROUP`, or at least `_FEWEST` glyphs of its start or its end (a
page break cut the cell: ``三、本年度办理`` at the foot of one page, ``结果``
at the head of the next). Its glyphs are given back as one line of their
own, before the lines they stood on. Any other glyph stays where it is: the
label has no digit, so no figure is ever moved.

The groups under it (``（六）其他处理``) wrap in their narrow cells, two or
three glyphs a line, and a line of a group cell shares the line of a row's
label: ``（六）其 1.申请人无正当理由逾期不补正、  1 …``, ``他处理 行政机关…``
(cells top or bottom aligned). A line's first piece (glyphs up to a gap)
that is part of a group label (`OutcomeGroup`), with more label text after
it, is a line of its own, before the rest (`group_pieces`): the row's label
then reads as it does beside a ruled group cell.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from govinfo_report._format import RESULTS_GROUP, OutcomeGroup

__all__ = ["group_pieces", "upright_labels"]

Char = Sequence[Any]

_LABELS = (RESULTS_GROUP,)
_ALONE = 0.5  # of a glyph's width: the least gap to its neighbours on its line
_SAME = 1.0  # pt: the glyphs of one column share their left and right edges this near
_PITCH = 2.5  # of a glyph's height: the farthest from one glyph's top to the next's
_FEWEST = 2  # glyphs of a label's start or end (a page break cut its cell)
_GROUPS = tuple(group.label for group in OutcomeGroup)
_GAP = 2.0  # pt: a wider gap between glyphs of a line ends a piece
_DIGITS = frozenset("0123456789")
_MOST_TRIES = 64  # glyphs tried as a label's first on a page


def _alone(lines: list[list[Char]]) -> list[tuple[int, Char]]:
    """Glyphs standing alone on their line (index of the line, glyph), top to bottom."""
    found: list[tuple[int, Char]] = []
    for index, line in enumerate(lines):
        for at, char in enumerate(line):
            wide = char[3] - char[1]
            if wide <= 0:
                continue
            if at > 0 and char[1] - line[at - 1][3] < _ALONE * wide:
                continue
            if at + 1 < len(line) and line[at + 1][1] - char[3] < _ALONE * wide:
                continue
            found.append((index, char))
    found.sort(key=lambda f: f[1][2])
    return found


def _column(
    alone: list[tuple[int, Char]], first: int, label: str, others: _Others
) -> list[tuple[int, Char]] | None:
    """The glyphs from ``alone[first]`` down that read ``label``, or its start or end."""
    start = alone[first][1]
    column = [alone[first]]
    for at in range(first + 1, len(alone)):
        index, char = alone[at]
        last = column[-1][1]
        if char[2] - last[2] > _PITCH * (last[4] - last[2]) or len(column) == len(
            label
        ):
            break  # (top to bottom: the glyphs after it are lower still)
        if abs(char[1] - start[1]) <= _SAME and abs(char[3] - start[3]) <= _SAME:
            column.append((index, char))
    text = "".join(str(c[0]) for _i, c in column)
    # a cell a page break cut: its start at the foot of one page, its end
    # at the head of the next
    for length in range(len(text), _FEWEST - 1, -1):
        if label.startswith(text[:length]) or (
            length == len(text) and label.endswith(text)
        ):
            column = column[:length]
            break
    else:
        return None
    return column if others.clear(column) else None


class _Others:
    """The glyphs of the lines by their left edges: is a column clear of them?"""

    def __init__(self, lines: list[list[Char]]) -> None:
        self.chars = sorted((c for line in lines for c in line), key=lambda c: c[1])
        self.lefts = [c[1] for c in self.chars]
        self.widest = max((c[3] - c[1] for c in self.chars), default=0.0)

    def clear(self, column: list[tuple[int, Char]]) -> bool:
        """Whether nothing but ``column`` lies in it, from its first glyph to its last."""
        ids = {id(c) for _i, c in column}
        first = column[0][1]
        top, bottom = first[2], column[-1][1][4]
        low = bisect.bisect_left(self.lefts, first[1] - self.widest)
        high = bisect.bisect_left(self.lefts, first[3])
        return not any(
            id(char) not in ids
            and char[3] > first[1]
            and char[2] < bottom
            and char[4] > top
            for char in self.chars[low:high]
        )


def upright_labels(lines: list[list[Char]]) -> list[list[Char]]:
    """``lines`` (top to bottom) with each upright label one line of its own (see the module).

    At most `_MOST_TRIES` glyphs are tried as a label's first (a page of
    thousands of lone glyphs is left as it is, read as before).
    """
    alone = _alone(lines)
    if len(alone) < _FEWEST:
        return lines
    others = _Others(lines)
    taken: set[int] = set()
    columns: dict[int, list[list[Char]]] = {}  # a line's index: the labels before it
    tries = 0
    for first, (_index, char) in enumerate(alone):
        for label in _LABELS:
            if id(char) in taken or char[0] not in label:
                continue
            tries += 1
            if tries > _MOST_TRIES:
                break
            column = _column(alone, first, label, others)
            if column is None or any(id(c) in taken for _i, c in column):
                continue
            taken.update(id(c) for _i, c in column)
            # (its glyphs share one left edge: the line keeps them top to bottom)
            before = min(i for i, _c in column)
            columns.setdefault(before, []).append([c for _i, c in column])
    if not columns:
        return lines
    regrouped: list[list[Char]] = []
    for index, line in enumerate(lines):
        regrouped += columns.get(index, [])
        kept = [c for c in line if id(c) not in taken]
        if kept:
            regrouped.append(kept)
    return regrouped


def _of_a_group(text: str) -> bool:
    """Whether ``text`` is part of a group label (two glyphs or more, no digit)."""
    return (
        len(text) >= _FEWEST
        and not _DIGITS & set(text)
        and any(text in label for label in _GROUPS)
    )


def group_pieces(lines: list[list[Char]]) -> list[list[Char]]:
    """``lines`` with a group cell's piece a line of its own (see the module)."""
    regrouped: list[list[Char]] = []
    for line in lines:
        cut = next(
            (at for at in range(1, len(line)) if line[at][1] - line[at - 1][3] > _GAP),
            None,
        )
        if (
            cut is not None
            and _of_a_group(piece := "".join(str(c[0]) for c in line[:cut]))
            # label text after it (a figure after it is its own row's), or
            # figures after the group's numbered start (``（三）不  2  1 …``:
            # no row's label, the figures those of the row beside it)
            and (
                str(line[cut][0]) not in _DIGITS
                or _numbered(line[cut:])
                or _numbered_start(piece)
            )
        ):
            regrouped += [line[:cut], line[cut:]]
        else:
            regrouped.append(line)
    return regrouped


def _numbered_start(text: str) -> bool:
    """Whether ``text`` is a group label's start, its numbering and a glyph more.

    Not the whole label: ``（六）其他处理`` is a row of figures in the 2019
    format.
    """
    return any(
        group.label.startswith(text)
        and len(group.numbering) < len(text) < len(group.label)
        for group in OutcomeGroup
    )


def _numbered(glyphs: list[Char]) -> bool:
    """Whether ``glyphs`` start with a row's numbering (``1.``, ``12.``), not a figure."""
    text = "".join(str(c[0]) for c in glyphs[:4])
    digits = len(text) - len(text.lstrip("0123456789"))
    return 0 < digits < len(text) and text[digits] == "."
