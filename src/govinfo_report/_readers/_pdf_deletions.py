"""Tracked deletions in a PDF cell: glyphs struck through beside a corrected figure, left out.

A word processor prints a tracked deletion (Word's and LibreOffice's "show
changes", WPS's revisions) and a strikethrough as the glyphs with a
horizontal line drawn through their middle; the corrected figure usually
stands beside them, underlined. A person reads the figure that is not struck
(as `<del>` in a web page): ``18`` struck and ``19`` beside it is 19, never
1819. The struck glyphs are left out, with a finding. A cell whose every
figure glyph is struck is left to `_pdf_strikes.struck`: it stands as ``〓``
with an ambiguous finding (no figure, not a blank).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding

__all__ = ["strike_out"]

_MIDDLE = 0.25
"""Of a glyph's height: a line this far or more from its top and bottom
strikes it (an underline runs at its foot, an overline at its head)."""
_MOST_LINES = 64
"""Lines inside one cell at most that are looked at (a hatched cell has more:
it is a drawing, not a strikethrough)."""


def _struck(
    char: Sequence[Any], ys: list[float], lines: list[tuple[float, float, float]]
) -> bool:
    """Whether one of ``lines`` (sorted by height, ``ys`` their heights) runs
    through the middle of ``char``, across its centre."""
    top, bottom = char[2], char[4]
    margin = (bottom - top) * _MIDDLE
    start = bisect.bisect_left(ys, top + margin)
    end = bisect.bisect_right(ys, bottom - margin)
    centre = (char[1] + char[3]) / 2
    return any(x0 <= centre <= x1 for _y, x0, x1 in lines[start:end])


def strike_out(
    cells: Sequence[Any],
    lines: list[tuple[float, float, float]],
    where: Callable[[Any], str],
) -> list[Finding]:
    """Leave out of ``cells`` (each with ``x0 top x1 bottom chars``) the glyphs
    that a horizontal line of ``lines`` (``y x0 x1``, sorted by ``y``) strikes
    through; the findings, one a cell (``where`` names it)."""
    findings: list[Finding] = []
    if not lines:
        return findings
    ys = [line[0] for line in lines]
    for cell in cells:
        if not cell.chars:
            continue
        start = bisect.bisect_right(ys, cell.top + 1)
        end = bisect.bisect_left(ys, cell.bottom - 1)
        inside = [
            line for line in lines[start:end] if line[1] < cell.x1 and line[2] > cell.x0
        ]
        if not inside or len(inside) > _MOST_LINES:
            continue
        inner_ys = [line[0] for line in inside]
        kept: list[Sequence[Any]] = []
        struck: list[Sequence[Any]] = []
        for char in cell.chars:
            (struck if _struck(char, inner_ys, inside) else kept).append(char)
        if not struck:
            continue
        text = "".join(
            str(c[0]) for c in sorted(struck, key=lambda c: (round(c[2]), c[1]))
        )
        if any(str(c[0]).isdigit() for c in struck) and not any(
            str(c[0]).isdigit() for c in kept
        ):
            # every figure glyph struck, none beside it: whether the figure
            # still counts cannot be told (`_pdf_strikes.struck` leaves the
            # cell 〓, ambiguous); only a corrected figure beside is read
            continue
        cell.chars[:] = kept
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where(cell),
                f"单元格中有用删除线划去的文字“{shortened(text, 40)}”（修订或删除线），"
                "未读取；读取的是未划去的内容，请核对原文",
                severity=Severity.WARNING,
            )
        )
    return findings
