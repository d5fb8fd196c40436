"""The three tables as HTML ``<table>`` markup, from the Word writer's layout.

The layout (`_ooxml.active_layout` …) is derived from the format's
`TableSpec` and is the one description of where every label and figure
stands. Here its horizontal spans become ``colspan`` and its vertical merges
(a ``RESTART`` cell and the ``CONTINUE`` cells under it) become ``rowspan``;
the covered cells are left out, as HTML wants.

Header cells get the scope a screen reader needs: column headings ``col``
(``colgroup`` when they span several columns), row labels and the row
groups of table 3 (``三、本年度办理结果`` …) ``row`` (with their ``rowspan``),
and the heading of each block of table 2 (``第二十条第（一）项``), which
stands alone in its ``<tbody>``, ``rowgroup``.
"""

from __future__ import annotations

from html import escape

import attrs

from govinfo_report._format import REQUESTS_NOTE
from govinfo_report._ooxml import Align, GridCell, TableLayout, VMerge, WordRow


@attrs.frozen
class _Placed:
    """A layout cell at its grid column, with its row span worked out."""

    cell: GridCell
    column: int
    rowspan: int


def _placed_rows(rows: tuple[WordRow, ...]) -> list[list[_Placed]]:
    """Every row's cells at their grid columns, vertical merges as row spans."""
    starts: list[dict[int, GridCell]] = []
    for row in rows:
        column = 0
        at: dict[int, GridCell] = {}
        for cell in row.cells:
            at[column] = cell
            column += cell.span
        starts.append(at)
    placed: list[list[_Placed]] = []
    for r, at in enumerate(starts):
        out: list[_Placed] = []
        for column, cell in at.items():
            if cell.vmerge is VMerge.CONTINUE:
                continue
            rowspan = 1
            if cell.vmerge is VMerge.RESTART:
                below = r + 1
                while below < len(starts):
                    under = starts[below].get(column)
                    if under is None or under.vmerge is not VMerge.CONTINUE:
                        break
                    rowspan += 1
                    below += 1
            out.append(_Placed(cell, column, rowspan))
        placed.append(out)
    return placed


def _spans(item: _Placed) -> str:
    out = ""
    if item.cell.span > 1:
        out += f' colspan="{item.cell.span}"'
    if item.rowspan > 1:
        out += f' rowspan="{item.rowspan}"'
    return out


def _cell(item: _Placed, width: int) -> str:
    cell = item.cell
    text = escape(cell.text)
    spans = _spans(item)
    if cell.cell_id is not None:
        return (
            f'<td class="figure" data-cell="{escape(cell.cell_id)}"{spans}>{text}</td>'
        )
    if cell.text == REQUESTS_NOTE:
        # The corner of table 3 explains the columns' 勾稽; it heads nothing.
        return f'<td class="note"{spans}>{text}</td>'
    if cell.bold:
        if cell.span == width:
            scope = "rowgroup"
        else:
            scope = "colgroup" if cell.span > 1 else "col"
        return f'<th scope="{scope}"{spans}>{text}</th>'
    left = ' class="label"' if cell.align is Align.LEFT else ""
    return f'<th scope="row"{left}{spans}>{text}</th>'


def _is_block_heading(row: list[_Placed], width: int) -> bool:
    return len(row) == 1 and row[0].cell.bold and row[0].cell.span == width


def table_html(layout: TableLayout, caption: str, table_id: str) -> str:
    """One table: ``<caption>``, column widths, ``<thead>`` and ``<tbody>`` rows."""
    width = len(layout.widths_mm)
    total = sum(layout.widths_mm)
    size = "small" if layout.small else "normal"
    lines = [
        f'<table class="report-table {size}" id="{escape(table_id)}">',
        f"<caption>{escape(caption)}</caption>",
        "<colgroup>",
        *(f'<col style="width: {w / total * 100:.2f}%">' for w in layout.widths_mm),
        "</colgroup>",
    ]
    placed = _placed_rows(layout.rows)
    body_open = False
    head_open = False
    for row, cells in zip(layout.rows, placed, strict=True):
        if row.header:
            if not head_open:
                lines.append("<thead>")
                head_open = True
        else:
            if head_open:
                lines.append("</thead>")
                head_open = False
            # Each block of table 2 is a row group under its own heading.
            if not body_open or _is_block_heading(cells, width):
                if body_open:
                    lines.append("</tbody>")
                lines.append("<tbody>")
                body_open = True
        lines.append("<tr>" + "".join(_cell(c, width) for c in cells) + "</tr>")
    if head_open:
        lines.append("</thead>")
    if body_open:
        lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)
