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
    alone: list[tuple[int, Char]], first: int, label: str, chars: list[Char]
) -> list[tuple[int, Char]] | None:
    """The glyphs from ``alone[first]`` down that read ``label``, or its start or end."""
    start = alone[first][1]
    column = [alone[first]]
    for index, char in alone[first + 1 :]:
        if abs(char[1] - start[1]) > _SAME or abs(char[3] - start[3]) > _SAME:
            continue  # (a glyph of another column)
        last = column[-1][1]
        if char[2] - last[2] > _PITCH * (last[4] - last[2]):
            break
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
    # nothing else in the column, between its first glyph and its last
    ids = {id(c) for _i, c in column}
    top, bottom = start[2], column[-1][1][4]
    for char in chars:
        if (
            id(char) not in ids
            and char[1] < start[3]
            and char[3] > start[1]
            and char[2] < bottom
            and char[4] > top
        ):
            return None
    return column


def upright_labels(lines: list[list[Char]]) -> list[list[Char]]:
    """``lines`` (top to bottom) with each upright label one line of its own (see the module)."""
    alone = _alone(lines)
    if len(alone) < _FEWEST:
        return lines
    chars = [c for line in lines for c in line]
    for first, (_index, char) in enumerate(alone):
        for label in _LABELS:
            if char[0] not in label:
                continue
            column = _column(alone, first, label, chars)
            if column is None:
                continue
            taken = {id(c) for _i, c in column}
            before = min(i for i, _c in column)
            kept = [[c for c in line if id(c) not in taken] for line in lines]
            # (its glyphs share one left edge: the line keeps them top to bottom)
            upright = [c for _i, c in column]
            regrouped = [*kept[:before], upright, *kept[before:]]
            return upright_labels([line for line in regrouped if line])
    return lines


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
            # label text after it (a figure after it is its own row's)
            and (str(line[cut][0]) not in _DIGITS or _numbered(line[cut:]))
            and _of_a_group("".join(str(c[0]) for c in line[:cut]))
        ):
            regrouped += [line[:cut], line[cut:]]
        else:
            regrouped.append(line)
    return regrouped


def _numbered(glyphs: list[Char]) -> bool:
    """Whether ``glyphs`` start with a row's numbering (``1.``, ``12.``), not a figure."""
    text = "".join(str(c[0]) for c in glyphs[:4])
    digits = len(text) - len(text.lstrip("0123456789"))
    return 0 < digits < len(text) and text[digits] == "."
