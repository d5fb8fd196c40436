"""Header cells read as printed but meaning less: a bare group, a repeated span.

A header read one head a line whose group has no sub-heads, out of order.
Heads one a line in another order than the format's say the columns were
moved only when the lines are a grid read cell by cell. Text that a PDF
gives in reading order down the page (``pdftotext`` without ``-layout``)
puts a group's label, on the header's first line, before ``自然人`` centred
on its second line: with no sub-head read to place the group's columns,
that order is no evidence, and 65 figures were put in the wrong columns.
(With its sub-heads read, the order is the grid's.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from govinfo_report._findings import shortened
from govinfo_report._format import TableId
from govinfo_report._readers._header_labels import GROUP, _Item, format_rank

Top = Sequence[tuple[int, _Item | None, bool, str]]
"""The header's top cells: (place among the cells read, item, has sub-heads, text)."""


def bare_group_moved(table: TableId, top: Top) -> str | None:
    """Why the header places nothing (a group with no sub-head read, while
    the top cells are out of the format's order); else None."""
    ranks = [
        (seq, rank)
        for seq, item, _children, _text in top
        if (rank := format_rank(table, item, None)) is not None
    ]
    in_reading = [rank for _seq, rank in sorted(ranks)]
    if in_reading == sorted(in_reading):
        return None
    for _seq, item, children, text in top:
        if item is not None and item.kind == GROUP and not children:
            return (
                f"{table.name_zh}表头的列名各占一行，“{shortened(text, 20)}”下的列名"
                "没有读出，而它与其他列名的先后与报告格式不同（文字可能是按上下而不是"
                "左右排列的），无法确定各列的位置，其数字未读入（记为缺失）"
            )
    return None


class _Cell(Protocol):
    """A header cell read (`_headers._Node`)."""

    @property
    def item(self) -> _Item | None:
        """The format's header it is, None if unknown."""

    @property
    def text(self) -> str:
        """Its text as printed."""

    @property
    def row(self) -> int:
        """The grid row it stands in."""


def span_again(last: _Cell, item: _Item | None, text: str, row: int) -> bool:
    """``text`` repeats the group head just before it in the same row.

    Converters (pandas, some HTML to Markdown) repeat a merged cell's text in
    every column it spans: ``| 法人或其他组织 | 法人或其他组织 | …``. That is one
    group head, not five (each was said to be printed twice, 20 errors on a
    table read right). Only group heads: a leaf never spans columns.
    """
    return (
        item is not None
        and item.kind == GROUP
        and last.item is item
        and last.row == row
        and last.text == text
    )
