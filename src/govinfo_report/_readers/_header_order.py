"""Placing a row by its table's header: a row's cells in the order the header prints them.

`_headers` reads the header (`Header`: one key per printed column);
`order_cells` gives a row's cells in that order, or refuses the row when the
header and the row disagree.
"""

from __future__ import annotations

import attrs

from govinfo_report._findings import Finding, FindingKind
from govinfo_report._format import CellSpec
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._headers import Header
from govinfo_report._values import CellValue, Mark


def cell_key(cell: CellSpec, whole_table: bool) -> str:
    """The header key of a cell: its column id, or ``row.column`` for table 4's row."""
    return f"{cell.row.id}.{cell.column.id}" if whole_table else cell.column.id


@attrs.frozen
class Ordered:
    """A row's cells in the header's order.

    Attributes:
        cells: the cells, one per printed column (a column whose header is
            unknown holds a cell no known header names; it is not kept).
        unknown: the positions whose header is unknown.
        refused: the header and the row disagree: nothing of the row is placed.
        skip: see below.
    """

    cells: tuple[CellSpec, ...]
    unknown: tuple[int, ...] = ()
    refused: bool = False
    units: dict[str, str] = attrs.field(factory=dict)
    header: Header | None = None
    skip: tuple[int, ...] = ()
    """Printed columns the format does not have (``上年``, ``同比增减``): their
    figures are no cell's (`_header_extra`)."""

    def refusal(self, place: str, where: str) -> Finding:
        """The finding for a row the header refuses (nothing of it is placed)."""
        assert self.header is not None
        return reading_finding(
            FindingKind.AMBIGUOUS,
            where,
            f"{place}：表头（{self.header.where}：{'、'.join(self.header.texts)}）"
            "与本行的列对不上，无法按表头确定各列，本行记为缺失",
            cells=[c.id for c in self.cells],
        )

    def unplaced(self, place: str, where: str, values: list[CellValue]) -> Finding:
        """Figures under unknown headers become MISSING in ``values``; the finding."""
        assert self.header is not None
        shown = []
        for i in self.unknown:
            value = values[i]
            printed = value.text if isinstance(value, Mark) else value
            shown.append(f"第 {i + 1} 列“{self.header.texts[i]}”：{printed}")
            values[i] = Mark.MISSING
        return reading_finding(
            FindingKind.MISSING_CELL,
            where,
            f"{place}：表头无法识别的列的数字未读入（{'；'.join(shown)}），这些列记为缺失",
            cells=[self.cells[i].id for i in self.unknown],
        )


def order_cells(
    header: Header | None, cells: tuple[CellSpec, ...], whole_table: bool
) -> Ordered:
    """The cells of one row in the order the header prints their columns.

    A header that names none of the row's columns does not concern it (the
    cells stay in the format's order); one whose columns are the row's, in
    any order, gives that order; a header that names some of them in another
    order than the format's but does not fit the row refuses the row.
    """
    if header is None:
        return Ordered(cells)
    memo = (header, id(cells[0]), len(cells))  # spec cells live as long as the module
    found = _ordered_memo.get(memo)
    if found is None:
        found = _order(header, cells, whole_table)
        if len(_ordered_memo) >= 4096:
            _ordered_memo.clear()
        _ordered_memo[memo] = found
    return found


_ordered_memo: dict[tuple[Header, int, int], Ordered] = {}


def _order(header: Header, cells: tuple[CellSpec, ...], whole_table: bool) -> Ordered:
    if header.refuses and any(c.column.id in header.refuses for c in cells):
        return Ordered(cells, refused=True, header=header)
    keys = {cell_key(c, whole_table): c for c in cells}
    units = {
        keys[k].id: u
        for k, u in zip(header.keys, header.units, strict=False)
        if u is not None and k is not None and k in keys
    }
    known = [k for k in header.keys if k is not None]
    if not any(k in keys for k in known):
        return Ordered(cells)
    if units:
        return attrs.evolve(_ordered(header, cells, keys, known), units=units)
    return _ordered(header, cells, keys, known)


def _ordered(
    header: Header,
    cells: tuple[CellSpec, ...],
    keys: dict[str, CellSpec],
    known: list[str],
) -> Ordered:
    if len(header.keys) == len(cells) and all(k in keys for k in known):
        if len(known) == len(cells) and all(
            keys[k] is c for k, c in zip(known, cells, strict=True)
        ):
            return Ordered(cells)
        rest = iter([c for k, c in keys.items() if k not in set(known)])
        ordered = tuple(keys[k] if k is not None else next(rest) for k in header.keys)
        unknown = tuple(i for i, k in enumerate(header.keys) if k is None)
        return Ordered(ordered, unknown, header=header)
    if len(header.keys) > len(cells) == len(known) and all(k in keys for k in known):
        # every cell of the row under a head of its own, and columns more
        # that the format lacks (a comparison column added, ``上年``)
        skip = tuple(i for i, k in enumerate(header.keys) if k is None)
        return Ordered(tuple(keys[k] for k in known), header=header, skip=skip)
    positions = [cells.index(keys[k]) for k in known if k in keys]
    if positions == sorted(positions):
        return Ordered(cells)  # the format's order, columns the row lacks aside
    return Ordered(cells, refused=True, header=header)
