"""Whether a table row laid out by its own style (a ``<tr>`` made a flex box
or a grid, floated, moved or turned) shows its cells where the row's order
puts them under the table's headers.

A browser lays such a row out apart from the table's columns (Chromium puts
it in the first column): ``<tr style="display:flex;flex-direction:
row-reverse">`` shows ``23 1 4 行政规范性文件`` under headers that read 本年
制发件数, 本年废止件数, 现行有效件数. Where the row's order is certain and
agrees with the table's (a flex row in the source order in a table read left
to right, a reversed one in a table read right to left: both mirrored alike),
or where the row holds one figure beside its label, the figures are read by
the label, with a warning. Elsewhere which figure stands under which header
cannot be told: the row's cells but its labels stand as `UNREAD`, with the
error, never a figure in another column than the screen's.
"""

from __future__ import annotations

from lxml import etree

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._css_flex import (
    Flex,
    flex_box,
    items_on_screen,
    keeps_source_order,
    placed_certainly,
    right_to_left,
)
from govinfo_report._readers._html_text import UNREAD
from govinfo_report._readers._visibility import orders_row_only

_ONE_FIGURE = 2
"""Cells of a row holding a label and one figure: its figure is certain."""


def kept_in_order(
    tr: etree._Element, table: etree._Element, cells: list[etree._Element]
) -> bool:
    """True when the shown ``cells`` of the `rearranged` row ``tr`` stand
    under the table's headers in the row's order: the style only lays the
    row's items out (no shift, turn or overlap), and the row holds one
    figure beside its label, or is a flex box (one line) whose order on the
    screen is the source's in a table read left to right, or its reverse in
    one read right to left."""
    if not orders_row_only(tr):
        return False
    if len(cells) <= _ONE_FIGURE:
        return True
    flex = flex_box(tr)
    if flex is None and keeps_source_order(tr):
        # (wrapped or not, the cells line after line in the source's order)
        return placed_certainly(tr, item=False, box=True) and not right_to_left(table)
    if not isinstance(flex, Flex) or not placed_certainly(tr, item=False, box=True):
        return False
    items = items_on_screen(tr, flex)
    if items is None:
        return False
    shown = [piece for _, piece in items if any(piece is c for c in cells)]
    if shown == cells:
        return flex.column or not right_to_left(table)
    return not flex.column and shown == cells[::-1] and bool(right_to_left(table))


def _label(text: str) -> bool:
    """True for a cell's text that is a label (words, no digit): kept in a
    row whose figures cannot be placed, so the row is still found."""
    return not any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def row_findings(
    where: str,
    tr: etree._Element,
    row: list[str],
    placed: list[int],
    kept: bool,
) -> list[Finding]:
    """The finding for the `rearranged` row ``tr``, read as ``row`` (its
    shown cells at the indices ``placed``); when not ``kept``, those cells
    but its labels are made `UNREAD` in ``row``."""
    text = " ".join(c for c in row if c)
    style = shortened(" ".join((tr.get("style") or "").split()), 60)
    if not kept:
        unread = [i for i in placed if not _label(row[i])]
        for index in unread:
            row[index] = UNREAD
        if unread:
            return [
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    where,
                    f"整行由样式（{style}）排在表格的列之外，屏幕上的顺序与表头对不上或无法确定，"
                    f"源码中为“{shortened(text, 40)}”，各格数字以“{UNREAD}”代替，不读入，请核对原网页"
                    " (a row laid out by its style: its figures cannot be placed)",
                )
            ]
    return [
        reading_finding(
            FindingKind.AMBIGUOUS,
            where,
            f"整行由样式（{style}）排在表格的列之外，屏幕上的顺序与表头一致（或只有一个数字），"
            f"按行标签读作“{shortened(text, 40)}”，请核对原网页",
            severity=Severity.WARNING,
        )
    ]
