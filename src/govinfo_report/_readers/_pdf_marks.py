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
    return _blots(kept, where, findings)


def plain_run(chars: list[Sequence[Any]], word_gap: float) -> str | None:
    """A cell's text when its glyphs need no second look, else None (`as_seen`).

    Glyphs of one top and one bottom hold no mark (all of one height, none
    smaller) and stand on one line; with no two different digits drawn over
    one another (no blot) they read left to right, a gap wider than
    ``word_gap`` (above 0) a space: what `as_seen` and the layout's lines
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
