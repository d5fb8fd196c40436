"""What a person reads in a PDF table cell: marks beside a figure, digits drawn over one another.

`_pdf_layout` puts each glyph (text, x0, top, x1, bottom) in its cell; a
cell's glyphs come here before they are joined into its text.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from typing import Any

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding

X0 = operator.itemgetter(1)
"""A glyph's left edge (glyphs are ordered by it along a line)."""

DIGITS = frozenset("0123456789")
"""The glyphs of a figure that marks stand beside and blots are made of."""
_SMALL = 0.75  # of the figure's height: a glyph this small beside it is a mark
_RAISED = 0.2  # of its height: a mark whose bottom is this far above the figure's
_OVERLAP = 0.5  # of the narrower glyph: two digits overlapping this much are one blot


def as_seen(
    chars: list[Sequence[Any]], where: str, findings: list[Finding]
) -> list[Sequence[Any]]:
    """A cell's glyphs as a person reads its figure: marks left out, blots reported.

    A small raised glyph after a digit (``268`` with a footnote mark ``¹``
    drawn in a smaller font above the line) is a mark, not a digit of the
    figure, as ``<sup>`` in a web page; two different digits drawn over one
    another (a figure typed over without a cover) cannot be read: they stand
    as ``〓`` (not a digit), so the cell is not read.
    """
    digits = [c for c in chars if c[0] in DIGITS]
    if not digits:
        return chars
    tallest = max(digits, key=lambda c: c[4] - c[2])
    height = tallest[4] - tallest[2]
    if height <= 0:
        return chars
    kept: list[Sequence[Any]] = []
    marks: list[str] = []
    for char in chars:
        if (
            char[4] - char[2] < height * _SMALL
            and char[4] < tallest[4] - height * _RAISED
        ):
            marks.append(char[0])
        else:
            kept.append(char)
    if marks:
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where,
                f"单元格中的上标“{shortened(''.join(marks), 20)}”视为脚注标记，"
                "不计入数字，未读入",
                severity=Severity.WARNING,
            )
        )
    return _apart(_blots(kept, where, findings), where, findings)


def plain_run(chars: list[Sequence[Any]], word_gap: float) -> str | None:
    """A cell's text when its glyphs need no second look, else None (`as_seen`).

    Glyphs of one top and one bottom hold no mark (all of one height, none
    smaller) and stand on one line; with no two different digits drawn over
    one another (no blot) they read left to right, a gap wider than
    ``word_gap`` (above 0) a space (digits that far apart are looked at by
    `as_seen`): what `as_seen` and the layout's lines
    (`_pdf_layout._text`) make of them, with no finding.
    """
    if not chars:
        return ""
    line = sorted(chars, key=X0)
    before = line[0]
    top, bottom = before[2], before[4]
    parts = [before[0]]
    for char in itertools.islice(line, 1, None):
        if char[2] != top or char[4] != bottom:
            return None
        text = char[0]
        if (
            text != before[0]
            and text in DIGITS
            and before[0] in DIGITS
            and drawn_over(before, char)
        ):
            return None  # a blot: `as_seen` reports it
        if char[1] - before[3] > word_gap:
            if text in DIGITS and before[0] in DIGITS:
                return None  # digits apart: `as_seen` looks at the gap
            parts.append(" ")
        parts.append(text)
        before = char
    return "".join(parts)


def _blots(
    chars: list[Sequence[Any]], where: str, findings: list[Finding]
) -> list[Sequence[Any]]:
    """``chars`` with two different digits drawn over one another made one ``〓``."""
    ordered = sorted(chars, key=X0)
    out: list[Sequence[Any]] = []
    blots: list[str] = []
    for char in ordered:
        before = out[-1] if out else None
        if (
            before is not None
            and char[0] in DIGITS
            and before[0] in DIGITS
            and char[0] != before[0]
            and drawn_over(before, char)
        ):
            blots.append(f"{before[0]}{char[0]}")
            out[-1] = ("〓", *before[1:5])
            continue
        out.append(char)
    if blots:
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                f"单元格中有两个不同的数字画在同一位置（{'、'.join(blots[:5])}），"
                "看不出印的是哪一个，该格未读入，请核对原文",
                severity=Severity.ERROR,
            )
        )
    return out


def drawn_over(before: Sequence[Any], char: Sequence[Any]) -> bool:
    """Two glyphs overlapping by more than half the narrower's width and half the lower's height."""
    wide: float = min(before[3], char[3]) - max(before[1], char[1])
    narrower: float = min(before[3] - before[1], char[3] - char[1])
    if not wide > _OVERLAP * narrower:
        return False
    high: float = min(before[4], char[4]) - max(before[2], char[2])
    lower: float = min(before[4] - before[2], char[4] - char[2])
    return high > _OVERLAP * lower


def _apart(
    chars: list[Sequence[Any]], where: str, findings: list[Finding]
) -> list[Sequence[Any]]:
    """``chars`` with a wide gap between the digits of a line made ``〓``.

    A cell of figures only (digits, separators) whose digits on one line
    stand far apart at one place and close elsewhere (``27      27``: a
    figure drawn twice, two figures in one cell, a word space of ``1 268``
    spread by ``Tw``) is two figures or one: a person cannot tell. Digits
    spread evenly (a cell's distributed alignment, ``1  2  6  8``) and a
    thousands space narrower than half a digit's height are one figure.
    """
    if any(char[0] not in _FIGURE for char in chars):
        return chars
    digits = sorted(
        (char for char in chars if char[0] in DIGITS), key=lambda c: c[2] + c[4]
    )
    lines: list[list[Sequence[Any]]] = []
    for char in digits:
        middle = (char[2] + char[4]) / 2
        if lines and abs(middle - (lines[-1][0][2] + lines[-1][0][4]) / 2) < (
            (char[4] - char[2]) * 0.5
        ):
            lines[-1].append(char)
        else:
            lines.append([char])
    gaps: list[Sequence[Any]] = []
    stepped = False
    for upper, lower in itertools.pairwise(lines):
        top = min(char[2] for char in lower)
        bottom = max(char[4] for char in upper)
        height = min(upper[0][4] - upper[0][2], lower[0][4] - lower[0][2])
        if bottom - top > _STEPPED * height:
            # lines overlapping by more than 30 % of a digit's height (and
            # less than half: else they are one, `_pdf_layout._text`), as a
            # whole digit raised by ``Ts``: neither one line nor two, the
            # order they are read in cannot be told
            stepped = True
            gaps.append(("〓", *upper[0][1:5]))
    for line in lines:
        line.sort(key=X0)
        if len(line) < 2:
            continue
        height = max(char[4] - char[2] for char in line)
        apart = [
            (after[1] - before[3], before, after)
            for before, after in itertools.pairwise(line)
        ]
        widest = max(apart, key=lambda gap: gap[0])
        rest = [gap[0] for gap in apart if gap is not widest]
        if widest[0] > _APART * height and (not rest or max(rest) * 2 < widest[0]):
            before, after = widest[1], widest[2]
            gaps.append(
                (
                    "〓",
                    before[3],
                    min(before[2], after[2]),
                    after[1],
                    max(before[4], after[4]),
                )
            )
    if not gaps:
        return chars
    findings.append(
        reading_finding(
            FindingKind.AMBIGUOUS,
            where,
            "单元格中的数字上下错开，看不出是一行还是两行、先读哪个，该格未读入，请核对原文"
            if stepped
            else "单元格中的数字之间有很宽的空隙，看不出是一个数还是两个数，该格未读入，请核对原文",
            severity=Severity.ERROR,
        )
    )
    return [*chars, *gaps]


_FIGURE = DIGITS | frozenset(",.，．")
_APART = 0.5
"""Of the digits' height: a gap this wide between digits is no thousands space."""
_STEPPED = 0.3
"""Of the digits' height: two lines overlapping more than this are stepped digits."""
