"""A web page's table as the grid the matcher reads: one entry a printed cell.

Cells spanning columns are one entry and positions covered from above are
``""`` (`table_grid`); rows and cells a browser does not show are left out,
hidden cell text leaves an empty cell in its place.
"""

from __future__ import annotations

from lxml import etree

from govinfo_report._findings import Finding
from govinfo_report._limits import Budget, Limits
from govinfo_report._readers._html_rows import kept_in_order, row_findings
from govinfo_report._readers._html_text import Notes, cell_text, notes_findings
from govinfo_report._readers._html_tree import collapsed_columns
from govinfo_report._readers._seen import Seen
from govinfo_report._readers._visibility import closed_details, look, rearranged

_States = dict[etree._Element, Seen | None]
"""The state of each element between a table and its rows (`_row_state`'s memo)."""


def _row_state(
    tr: etree._Element, table: etree._Element, seen: Seen, states: _States
) -> tuple[bool, Seen | None]:
    """Whether ``table`` is the row's nearest table, and the row's state: the
    table's, through the elements between them (looked at once a table,
    ``states``)."""
    chain: list[etree._Element] = []
    parent = tr.getparent()
    state: Seen | None = seen
    while parent is not None and parent is not table:
        if parent in states:
            state = states[parent]
            break
        if parent.tag == "table":
            return False, None  # a row of a table inside this one
        chain.append(parent)
        parent = parent.getparent()
    else:
        if parent is None:
            return False, None  # not inside the table (as _nearest_table says)
        parent = table
    chain.reverse()
    chain.append(tr)
    previous = parent
    for element in chain:
        if state is not None and closed_details(previous) and element.tag != "summary":
            state = None
        elif state is not None:
            state = look(element, state)
        if element is not tr:
            states[element] = state
        previous = element
    return True, state


def table_grid(
    table: etree._Element,
    seen: Seen,
    budget: Budget,
    findings: list[Finding],
    number: int,
) -> list[list[str]]:
    """The rows of a table as the cells printed, one entry per cell.

    A cell spanning columns is one entry, as published (as in Word), so the
    positions it covers are never taken for blank figures after a row label;
    a position covered by a cell spanning rows from above is ``""`` (a
    label's group cell to the left, which the matcher passes over). A row or
    cell that is not shown (``display:none``…) is not in the grid; a cell
    whose text is hidden is an empty cell, in its place.
    """
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], int] = {}  # (row, column) covered → its width
    row_index = 0
    width = budget.limits.max_columns
    states: _States = {}
    hidden = collapsed_columns(table, width)  # a browser draws none of them
    for tr in table.iter("tr"):
        budget.take(1)
        budget.tick()
        own, row_seen = _row_state(tr, table, seen, states)
        if not own or row_seen is None:
            continue
        row: list[str] = []
        col = 0
        moved = rearranged(tr)
        shown: list[etree._Element] = []  # the row's cells a browser shows
        placed: list[int] = []  # where each stands in ``row``
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            cell_seen = look(cell, row_seen)
            if cell_seen is None:
                continue
            while spans and (row_index, col) in spans:
                if col not in hidden:
                    row.append("")
                col += spans.pop((row_index, col))
            colspan = _span(cell.get("colspan"))
            if hidden and hidden.issuperset(range(col, col + colspan)):
                for dr in range(1, _span(cell.get("rowspan"))):
                    spans[(row_index + dr, col)] = colspan
                col += colspan
                continue
            notes = Notes()
            text = checked(budget.limits, cell_text(cell, cell_seen, notes))
            if notes:
                findings += notes_findings(
                    f"第 {number} 个表格第 {row_index + 1} 行", text, notes
                )
            rowspan = _span(cell.get("rowspan"))
            if col >= width:
                # (counted where cells start: a last cell spanning far past
                # the table, `colspan="100"`, only widens what is shown)
                raise budget.limits.exceeded(
                    "max_columns", f"第 {row_index + 1} 行表格的列数", f"{col + 1} 以上"
                )
            shown.append(cell)
            placed.append(len(row))
            row.append(text)
            for dr in range(1, rowspan):
                spans[(row_index + dr, col)] = colspan
            col += colspan
        while spans and (row_index, col) in spans:
            if col not in hidden:
                row.append("")
            col += spans.pop((row_index, col))
        if moved:
            # a flex or grid row, a floated or moved one (`_html_rows`)
            findings += row_findings(
                f"第 {number} 个表格第 {row_index + 1} 行",
                tr,
                row,
                placed,
                kept_in_order(tr, table, shown),
            )
        rows.append(row)
        row_index += 1
    return rows


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def checked(limits: Limits, text: str) -> str:
    """``text``, when it is within ``max_line_chars``."""
    if len(text) > limits.max_line_chars:
        raise limits.exceeded(
            "max_line_chars", "一个段落或单元格的长度（字符）", len(text)
        )
    return text
