"""A header read one head a line whose group has no sub-heads, out of order.

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
