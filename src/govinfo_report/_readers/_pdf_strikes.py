"""Figures a drawn line crosses: struck through, or written over a column line.

Two findings about a ruled table's cells from what is drawn across them, once
the glyphs are placed in the cells (`_pdf_layout`): a figure struck through by
a line (`struck`), and one figure whose digits run over a column line into the
next cell (`split_figures`). Either leaves its cells standing as ``〓``.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._pdf_grid import CROSS, IN_LINE, Cell, Table, place_of

__all__ = ["split_figures", "struck"]

_TOUCHING = 0.2  # of a digit's height: digits closer than this are one figure
_NUMERIC = frozenset("0123456789０１２３４５６７８９,，.．")


def split_figures(table: Table, cut: set[int], where: str) -> list[Finding]:
    """Side-by-side cells between which one figure runs stand as ``〓``, with a finding.

    Each glyph of ``1268`` written over a column line may lie mostly in one
    cell (126 left of the line, 8 right of it): no glyph is cut, but the
    figure is, and the right cell would read 8. Digits on one line closer
    than `_TOUCHING` of their height on either side of a boundary are one
    figure in two cells: neither cell is read. (Cells' padding keeps the
    figures of two cells several points apart.) Glyphs already reported cut
    (``cut``) have their finding.
    """
    findings: list[Finding] = []
    done: set[int] = set()
    for here in table.covering:
        for left, right in itertools.pairwise(here):
            if abs(left.x1 - right.x0) > CROSS or id(left) in done or id(right) in done:
                continue
            # (the digits near the boundary: a few on each line)
            ends = [
                c
                for c in left.chars
                if c[0] in _NUMERIC
                and c[3] >= left.x1 - (c[4] - c[2])
                and id(c) not in cut
            ]
            starts = [
                c
                for c in right.chars
                if c[0] in _NUMERIC
                and c[1] <= right.x0 + (c[4] - c[2])
                and id(c) not in cut
            ]
            if not ends or not starts:
                continue
            joined = None
            for a in ends:
                for b in starts:
                    high = min(a[4] - a[2], b[4] - b[2])
                    if (
                        min(a[4], b[4]) - max(a[2], b[2]) >= IN_LINE * high
                        and -high < b[1] - a[3] < _TOUCHING * high
                        and a[1] < b[1]
                    ):
                        joined = (a, b)
                        break
                if joined:
                    break
            if joined is None:
                continue
            done.update((id(left), id(right)))
            for cell in (left, right):
                cell.chars.append(("〓", cell.x1, cell.top, cell.x1, cell.bottom))
            findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    place_of(where, table, left),
                    f"数字“{joined[0][0]}{joined[1][0]}”连在一起跨过单元格的竖线（一部分在"
                    f"第 {left.column + 1} 列，一部分在第 {right.column + 1} 列），"
                    "不能确定它属于哪一格，两格均未读入，请核对原文",
                    severity=Severity.ERROR,
                )
            )
    return findings


_STRUCK_CORE = (
    0.3  # of a glyph's height (and a fifth of its width): its core, off its edges
)
_STRUCK_SPAN = (
    0.5  # of a digit's width: a level line over this much of its core strikes it
)


def _crosses(
    ax: float, ay: float, bx: float, by: float, box: tuple[float, float, float, float]
) -> bool:
    """Whether the segment (ax, ay)–(bx, by) passes through ``box`` (Liang–Barsky)."""
    x0, top, x1, bottom = box
    low, high = 0.0, 1.0
    dx, dy = bx - ax, by - ay
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - top), (dy, bottom - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def struck(
    h_lines: list[tuple[float, float, float]],
    slants: Iterable[Sequence[float]],
    tables: list[Table],
    where: str,
) -> list[Finding]:
    """Cells whose digits a drawn line strikes through stand as ``〓``, with a finding.

    A level line through the middle of a figure's digits (shorter than its
    cell: no ruling), or a slanted one through them (crossed out by hand, a
    pen's ink flattened into the page), shows a figure struck out: whether
    it still counts cannot be told, so the cell is not read. An underline
    (below the digits' middle) and a diagonal line in a header cell (past
    no digit) strike nothing.
    """
    lines: list[tuple[float, float, float, float]] = [
        (x0, y, x1, y) for y, x0, x1 in h_lines
    ]
    lines += [
        (s[0], s[1], s[2], s[3])
        for s in slants
        # (numbers from the worker: a broken one crosses nothing)
        if len(s) == 4
        and all(type(v) in (int, float) for v in s)
        and math.isfinite(sum(s))
    ]
    struck: dict[int, tuple[Table, Cell]] = {}
    for ax, ay, bx, by in lines:
        x0, x1 = min(ax, bx), max(ax, bx)
        top, bottom = min(ay, by), max(ay, by)
        for table in tables:
            if (
                x1 < table.x0
                or x0 > table.x1
                or bottom < table.top
                or top > table.bottom
            ):
                continue
            start = max(bisect.bisect_right(table.tops, top) - 1, 0)
            end = min(bisect.bisect_left(table.tops, bottom) + 1, len(table.covering))
            for row in range(start, end):
                for cell in table.covering[row]:
                    if id(cell) in struck or x1 <= cell.x0 or x0 >= cell.x1:
                        continue
                    if ay == by and (
                        not cell.top < ay < cell.bottom
                        or (x0 <= cell.x0 + CROSS and x1 >= cell.x1 - CROSS)
                    ):
                        continue  # beside the cell, or a ruling across it
                    for char in cell.chars:
                        if char[0] not in _STRUCK_DIGITS:
                            continue
                        cx0, ctop, cx1, cbottom = char[1:5]
                        high = (cbottom - ctop) * _STRUCK_CORE
                        wide = (cx1 - cx0) * 0.2
                        core = (cx0 + wide, ctop + high, cx1 - wide, cbottom - high)
                        if ay == by:
                            hit = core[1] <= ay <= core[3] and min(x1, core[2]) - max(
                                x0, core[0]
                            ) >= _STRUCK_SPAN * (core[2] - core[0])
                        else:
                            hit = _crosses(ax, ay, bx, by, core)
                        if hit:
                            struck[id(cell)] = (table, cell)
                            break
    findings = []
    for table, cell in struck.values():
        digits = "".join(c[0] for c in cell.chars if c[0] in _STRUCK_DIGITS)
        cell.chars.append(("〓", cell.x1, cell.top, cell.x1, cell.bottom))
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                place_of(where, table, cell),
                f"单元格中的数字“{shortened(digits, 40)}”上画有线（被划掉），"
                "不能确定它是否作废，该格未读入，请核对原文 (struck through)",
                severity=Severity.ERROR,
            )
        )
    return findings


_STRUCK_DIGITS = frozenset("0123456789０１２３４５６７８９")
