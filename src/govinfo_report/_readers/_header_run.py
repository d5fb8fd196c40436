"""The header cells of one table as the matcher meets them, and the header they make.

`_HeaderRun` keeps what the matcher asks of a header in progress (the grid
rows it has cells in, how many cells, how many in its last row) and the cells
themselves; `header` builds their tree (`_headers._HeaderTree`) when the run
ends.

The format's headers are printed the same way in report after report (the
same labels, in the same rows, in every report of one form): a header whose
building gave no finding is kept, under its cells' items, texts and rows
relative to its first, and the next header printed alike is not built again.
Only the header's columns are kept: its place (``where``) is the new run's,
and a header with findings (whose messages name places) is always built.
The store is bounded (`_MOST_KEPT` headers of at most `_MOST_KEPT_CHARS`
characters each).
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from govinfo_report._findings import Finding
from govinfo_report._format import TableId
from govinfo_report._readers._header_bare import span_again
from govinfo_report._readers._header_labels import CORNER, MAX_HEADER_CELLS, _Item
from govinfo_report._readers._headers import Header, _HeaderTree


class _Cell(NamedTuple):
    item: _Item | None  # None: a cell that matched no header label
    text: str
    where: str
    row: int  # the grid row it stands in
    seq: int  # its place among the cells kept (1 for the first)


_Columns = tuple[
    tuple[str | None, ...], tuple[str, ...], tuple[str | None, ...], frozenset[str]
]
"""What a built header says of its columns: keys, texts, units, refuses."""

_MOST_KEPT = 256
_MOST_KEPT_CHARS = 2000
_MOST_FRAGMENTS = 64
_kept: dict[tuple[object, ...], _Columns] = {}


@attrs.define
class _HeaderRun:
    """The header cells of one table seen so far (see the module's docstring)."""

    table: TableId
    where: str
    rows: set[int] = attrs.field(factory=set)  # the grid rows it has cells in
    cells: int = 0  # its cells, corners and repeated span heads aside
    row_cells: int = 0  # how many of them stand in its last row
    # pieces of header labels in its rows (``现行有效`` of ``现行有效件数``):
    # (text, row, how many cells came before it)
    fragments: list[tuple[str, int, int]] = attrs.field(factory=list)
    kept: list[_Cell] = attrs.field(factory=list)  # at most MAX_HEADER_CELLS

    def add(self, item: _Item | None, text: str, where: str, row: int) -> None:
        """One header cell of grid row ``row`` (None: a cell that matched nothing)."""
        self.rows.add(row)
        if item is not None and item.kind == CORNER:
            return
        kept = self.kept
        last = kept[-1] if kept else None
        if last is not None and span_again(last, item, text, row):
            return  # a merged group cell a converter repeats over its span
        self.cells += 1
        if self.cells > MAX_HEADER_CELLS:
            return  # no table has this many: not a header (`_HeaderTree.header`)
        if last is not None and last.row != row:
            self.row_cells = 0
        self.row_cells += 1
        kept.append(_Cell(item, text, where, row, self.cells))

    def header(self) -> tuple[Header, list[Finding]]:
        """The header the cells make, and the findings about its cells."""
        key = self._key()
        if key is not None:
            known = _kept.get(key)
            if known is not None:
                keys, texts, units, refuses = known
                return Header(self.table, keys, texts, self.where, units, refuses), []
        tree = _HeaderTree(self.table, self.where, self.cells, self.fragments)
        for cell in self.kept:
            tree.place(*cell)
        header, findings = tree.header()
        if key is not None and not findings:
            if len(_kept) >= _MOST_KEPT:
                _kept.clear()
            _kept[key] = (header.keys, header.texts, header.units, header.refuses)
        return header, findings

    def _key(self) -> tuple[object, ...] | None:
        """What the header is built from, rows counted from its first cell's;
        None for a header not to keep (too many cells, pieces or characters)."""
        kept, fragments = self.kept, self.fragments
        if self.cells > MAX_HEADER_CELLS or len(fragments) > _MOST_FRAGMENTS:
            return None
        base = kept[0].row if kept else 0
        chars = 0
        cells = []
        for cell in kept:
            chars += len(cell.text)
            cells.append((cell.item, cell.text, cell.row - base))
        pieces = []
        for text, row, seq in fragments:
            chars += len(text)
            pieces.append((text, row - base, seq))
        if chars > _MOST_KEPT_CHARS:
            return None
        return (self.table, tuple(cells), tuple(pieces))
