"""Label glyphs put back on the line of their figures (a table printed without rulings).

`_pdf_layout` groups the glyphs outside ruled tables into lines greedily, top
to bottom, each line measured by its first glyph. A table whose borders were
turned off (Word, WPS, exported to PDF) centres each cell's text vertically,
so a label column set one glyph a line (``三、本年度办理结果`` down a merged
cell) prints its glyphs between and across the rows of figures: a glyph
``理`` a little above the row ``2.重复申请  1  0 …`` starts a line that takes
``重复申请`` but not ``2.`` and the figures (a few points lower: a digit's box
is shorter than a Chinese glyph's), and the row reads as two lines, a label
with no figures and figures with no label (seven figures lost).

Here a line holding a row of figures (at least `_FIGURES` of them, set apart
as a table's cells) claims the glyphs of other lines that stand to the left
of its figures with their middle within the height of its figures: a person
sees them on that row. A glyph within two such rows' heights is left where
it is (never a guess); figures are never moved, only glyphs left of them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from govinfo_report._readers._pdf_marks import X0
from govinfo_report._readers._pdf_upright import group_pieces, upright_labels

__all__ = ["on_figure_rows"]

Char = Sequence[Any]

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FIGURES = 3  # figures a line must hold to be a row of a table's figures
_GAP = 2.0  # pt: a wider gap between glyphs of a line ends a piece
_NEAREST = 16  # rows of figures looked at for a glyph (those starting just above it)


def _band(line: list[Char]) -> tuple[float, float, float] | None:
    """The top, bottom and left of ``line``'s figures, when it is a row of figures."""
    figures: list[list[Char]] = []
    run: list[Char] = []
    for char in [*line, None]:
        if run and (char is None or char[1] - run[-1][3] > _GAP):
            if _FIGURE.fullmatch("".join(str(c[0]) for c in run)):
                figures.append(run)
            run = []
        if char is not None:
            run.append(char)
    if len(figures) < _FIGURES:
        return None
    glyphs = [c for run in figures for c in run]
    top = min(c[2] for c in glyphs)
    bottom = max(c[4] for c in glyphs)
    return (top, bottom, min(c[1] for c in glyphs)) if bottom > top else None


def _labels(lines: list[list[Char]]) -> list[list[Char]]:
    """``lines`` with the group cells' labels lines of their own (`_pdf_upright`)."""
    return group_pieces(upright_labels(lines))


def on_figure_rows(lines: list[list[Char]]) -> list[list[Char]]:
    """``lines`` (top to bottom, each left to right) with label glyphs on their rows.

    See the module. The lines keep their order; a line left empty is dropped.
    The labels of group cells then become lines of their own (`_pdf_upright`).
    """
    bands = sorted(
        (band[0], band[1], band[2], index)
        for index, line in enumerate(lines)
        if (band := _band(line)) is not None
    )
    if not bands:
        return _labels(lines)
    tops = [band[0] for band in bands]
    tallest = max(bottom - top for top, bottom, _left, _index in bands)
    moved: dict[int, int] = {}  # a glyph's id: the line it goes to
    for index, line in enumerate(lines):
        for char in line:
            middle = (char[2] + char[4]) / 2
            at = bisect.bisect_right(tops, middle)
            holders: list[int] = []
            # (no band further up than the tallest reaches down to it; more
            # than `_NEAREST` looked at, or two holding it: it stays)
            for back in range(at - 1, max(at - 1 - _NEAREST, -1), -1):
                top, bottom, left, row = bands[back]
                if middle - top > tallest or len(holders) > 1:
                    break
                if middle <= bottom and char[3] <= left:
                    holders.append(row)
            if len(holders) == 1 and holders[0] != index:
                moved[id(char)] = holders[0]
    if not moved:
        return _labels(lines)
    regrouped: list[list[Char]] = [
        [c for c in line if id(c) not in moved] for line in lines
    ]
    for line in lines:
        for char in line:
            target = moved.get(id(char))
            if target is not None:
                regrouped[target].append(char)
    for line in regrouped:
        line.sort(key=X0)
    return _labels([line for line in regrouped if line])
