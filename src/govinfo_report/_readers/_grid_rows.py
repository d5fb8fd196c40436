"""Tables drawn in text: bars other than ``|``, and grid tables whose cells wrap.

`with_bars` reads a row drawn with full-width or box-drawing bars as one
drawn with ``|``; `grid_rows` joins the lines of a grid table's rows.

pandoc writes a table with long cells as a grid table: every row between two
rule lines (``+------+----+``, ``+======+====+`` under the header), and a
cell's text wrapped over as many lines as it needs, its figures on the first
(``| 一、本年新收政 | 46 |`` / ``| 府信息公开申请 |    |`` / ``| 数量 |    |``).
Text-mode renderers draw the same grid with box-drawing characters. The
lines between two rules are one row: each cell's pieces joined, the row on
its first line (the others left empty, so every line keeps its number).

Lines are only joined when no column holds a figure, or a whole label of
the format, on two of them: a table drawn with rules round its header only
(``psql``) has one row a line, its header's levels too, and stays so.
"""

from __future__ import annotations

import re
from itertools import pairwise

from govinfo_report._readers._catalogue import is_format_label
from govinfo_report._readers._cells import is_value_text

_BARS = "｜│┃║┆┇┊┋╎╏"
"""Vertical bars other than ``|`` that text tables are drawn with: full-width
(WPS copies), box-drawing (text-mode renderers). A line drawn with them is
read as with ``|``."""
_BAR_AT = re.compile(f"[{_BARS}]")
_TO_BAR = str.maketrans(dict.fromkeys(_BARS, "|"))
_RULE = re.compile(r"^[+\u251c\u250c\u2514\u255e\u2552\u2558][-=:+\u2500-\u257f]{2,}$")
"""``+---+---+``, ``+===+``, ``├──┼──┤``: a grid's rule line (after `with_bars`)."""


def has_bars(text: str) -> bool:
    """True when ``text`` holds a bar of `_BARS`."""
    return _BAR_AT.search(text) is not None


def with_bars(line: str) -> str:
    """``line`` with the bars of `_BARS` as ``|`` when it is a table row drawn
    with them: it starts or ends with one, or holds two (a sentence such as
    ``首页｜政务公开`` keeps its one bar).

    >>> with_bars("│ 规章 │ 0 │ 0 │ 0 │"), with_bars("行政许可 ｜"), with_bars("首页｜政务公开")
    ('| 规章 | 0 | 0 | 0 |', '行政许可 |', '首页｜政务公开')
    """
    stripped = line.strip()
    if not stripped:
        return line
    if (
        stripped[0] in _BARS
        or stripped[-1] in _BARS
        or len(_BAR_AT.findall(stripped)) > 1
    ):
        return line.translate(_TO_BAR)
    return line


def has_grid(text: str) -> bool:
    """True when ``text`` may hold a grid table (a rule line starting ``+-``, ``+=``, ``├``)."""
    return "+-" in text or "+=" in text or "\u251c" in text


def grid_rows(lines: list[str]) -> list[str]:
    """``lines`` with each wrapped row of a grid table joined onto its first line.

    >>> grid_rows(["+----+----+", "| 行政 | 12 |", "| 许可 |    |", "+----+----+"])
    ['+----+----+', '| 行政许可 | 12 |', '', '+----+----+']
    """
    out = list(lines)
    ruled = [i for i, line in enumerate(lines) if _RULE.match(line.strip())]
    for top, bottom in pairwise(ruled):
        if bottom - top > 2:
            joined = _joined(lines[top + 1 : bottom])
            if joined is not None:
                out[top + 1 : bottom] = [joined] + [""] * (bottom - top - 2)
    return out


def _joined(block: list[str]) -> str | None:
    """One row of the lines of ``block``; None when they are not one row."""
    rows: list[list[str]] = []
    for line in block:
        stripped = line.strip()
        if len(stripped) < 2 or stripped[0] != "|" or stripped[-1] != "|":
            return None
        rows.append(stripped[1:-1].split("|"))
    if len({len(row) for row in rows}) != 1:
        return None  # a bar inside some cell, or merged cells: not a plain grid
    cells: list[str] = []
    for column in zip(*rows, strict=True):
        pieces = [piece.strip() for piece in column if piece.strip()]
        if sum(is_value_text(piece) for piece in pieces) > 1:
            return None  # figures on two lines: rows of their own (a psql body)
        if len(pieces) > 1 and sum(is_format_label(p) for p in pieces) > 1:
            return None  # labels whole on two lines (``申请人情况`` over ``自然人``): header rows
        cells.append(_join(pieces))
    return "| " + " | ".join(cells) + " |"


def _join(pieces: list[str]) -> str:
    """A wrapped cell's pieces as one text: Chinese joined as written, words
    of Latin letters or digits with a space (``12`` over ``68`` stays two)."""
    text = ""
    for piece in pieces:
        if text and text[-1].isascii() and piece[0].isascii():
            text += " "
        text += piece
    return text
