"""Column headers: the second axis of every table, read so figures are placed by header.

A grid that prints its column headers (HTML, Word, PDF tables, ``a | b`` text)
says which column each figure stands in; the format's printed order is only
what the header usually says. `_HeaderTree` builds the tree the header cells
of one table form (one row or several, spans already blank), once
`_header_run._HeaderRun` has collected them: table 3's ``法人或其他组织`` over its five sub-heads, table
4's ``行政复议`` / ``行政诉讼`` over ``未经复议直接起诉`` / ``复议后起诉`` over the
five result columns. Rows are read as printed: a cell goes under the first
open group that can hold it (left to right in a row of several cells,
shallowest first for a grid read a cell at a time), else to the top; a row
whose cells contradict the groups above them places nothing.

The leaves, left to right, are the header: one key per printed column (the
column id; table 4: ``<group>.<result>``), None for a cell that matched no
header label of the format. `_header_order.order_cells` then gives a row's
cells in the order the header prints them; a column whose header is unknown
is not placed by guess (its figures are reported missing).

Where no header row is present (flattened text, dumps) nothing changes: the
figures are placed in the format's printed order.

Header labels and orders: `_header_labels`; placing a row by header: `_header_order`.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import TableId
from govinfo_report._readers._cells import header_unit, reading_finding
from govinfo_report._readers._header_bare import bare_group_moved
from govinfo_report._readers._header_labels import (
    GROUP,
    LEAF,
    MAX_HEADER_CELLS,
    _Item,
    default_leaves,
    format_orders,
    format_rank,
    in_order,
    moved_pieces,
    piece_of,
)


@attrs.frozen(cache_hash=True)
class Header:
    """The column header of one table as printed.

    Attributes:
        table: the table it heads.
        keys: one key per printed column, left to right (column id; table 4
            ``<group>.<result>``); None where the header cell is unknown.
        texts: the printed header text of each column (for messages).
        where: where the header stands in the input.
        units: the amount unit each column's header prints (``（单位：元）``),
            None where it prints none.
        refuses: the keys of columns whose place cannot be told (a header
            printed across lines in another order than the format's): a row
            with any of them is not placed.
    """

    table: TableId
    keys: tuple[str | None, ...]
    texts: tuple[str, ...]
    where: str
    units: tuple[str | None, ...] = ()
    refuses: frozenset[str] = frozenset()


@attrs.define
class _Node:
    item: _Item | None  # None: an unknown header cell
    text: str
    where: str = ""
    row: int = 0  # the grid row it stands in
    seq: int = 0  # how many cells came before it (left to right within a row)
    children: list[_Node] = attrs.field(factory=list)


def _holds(node: _Node, row: int, parents: frozenset[str] | None) -> bool:
    """``node`` is an open group (children to come) outside grid row ``row``
    that may hold a cell standing under ``parents`` (None: an unknown cell)."""
    found = node.item
    return (
        found is not None
        and found.kind == GROUP
        and len(node.children) < found.size
        and node.row != row
        and (parents is None or found.key in parents)
    )


@attrs.define
class _HeaderTree:
    """The tree the header cells of one table make, built cell by cell.

    `_header_run._HeaderRun` hands it the cells it kept (corners, repeated
    span heads and cells past `MAX_HEADER_CELLS` already left out), in order.
    """

    table: TableId
    where: str
    cells: int = 0  # the header's cells, kept or not (`header` says too many)
    # pieces of header labels in its rows (``现行有效`` of ``现行有效件数``):
    # (text, row, how many cells came before it)
    fragments: list[tuple[str, int, int]] = attrs.field(factory=list)
    top: list[_Node] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    side_by_side: bool = False  # two of its cells (corners aside) share a row
    pending: list[_Node] = attrs.field(factory=list)  # the cells of the last row

    def place(
        self, item: _Item | None, text: str, where: str, row: int, seq: int
    ) -> None:
        """One header cell of grid row ``row``, the ``seq``-th (None: a cell
        that matched nothing).

        The cells of one row are put in the tree together, when the row ends
        (`_place_row`): how they find their groups depends on how many it has.
        """
        if self.pending and self.pending[0].row != row:
            self._place_row()
        if item is None:
            self._unknown(text, where)
        self.pending.append(_Node(item, text, where, row, seq))

    def _place_row(self) -> None:
        """Put the cells of the row just read under their groups.

        A row of one cell is a grid read a cell at a time (the one-cell-per-line
        form): the cells come in printed order, row after row, so a cell goes
        under the first open group of the shallowest level. A row of several
        cells prints them left to right: each goes under the first open group
        left to right (a group's sub-groups before the group printed right of
        it), so under ``行政诉讼  行政复议`` the first five results of the row
        below are 未经复议直接起诉's, not 行政复议's.
        """
        row, self.pending = self.pending, []
        if len(row) > 1:
            self.side_by_side = True
        for node in row:
            item = node.item
            parent = self._parent_for(item, node.row, left_to_right=len(row) > 1)
            if parent is not None:
                parent.children.append(node)
                continue
            if item is not None and not item.top:
                # A result column with no group above it: its column is not known.
                node = _Node(None, node.text, node.where, node.row, node.seq)
                self.findings.append(
                    reading_finding(
                        FindingKind.UNKNOWN_LABEL,
                        node.where,
                        f"{self.table.name_zh}表头“{shortened(node.text, 40)}”"
                        "不在任何分组之下，无法确定是哪一列，该列数字未读入",
                    )
                )
            self.top.append(node)

    def _unknown(self, text: str, where: str) -> None:
        self.findings.append(
            reading_finding(
                FindingKind.UNKNOWN_LABEL,
                where,
                f"{self.table.name_zh}表头“{shortened(text, 40)}”不是报告格式中的列名，"
                "该列数字未读入（记为缺失）",
            )
        )

    def _parent_for(
        self, item: _Item | None, row: int, *, left_to_right: bool
    ) -> _Node | None:
        """The first open group that can hold ``item``: left to right (the
        tree's order) or shallowest level first.

        A cell in the same printed row as a group is its neighbour, never its
        child (children stand in the rows below).
        """
        parents = None if item is None else item.parents
        if left_to_right:
            stack = list(reversed(self.top))  # at most 48 cells: bounded
            while stack:
                node = stack.pop()
                if _holds(node, row, parents):
                    return node
                stack.extend(reversed(node.children))
            return None
        level = self.top
        while level:
            for node in level:
                if _holds(node, row, parents):
                    return node
            level = [child for node in level for child in node.children]
        return None

    def header(self) -> tuple[Header, list[Finding]]:
        """The header the cells make, and the findings about its cells."""
        self._place_row()
        keys: list[str | None] = []
        texts: list[str] = []
        findings = list(self.findings)
        if self.cells > MAX_HEADER_CELLS:
            findings.append(
                reading_finding(
                    FindingKind.UNREAD_LINE,
                    self.where,
                    f"{self.table.name_zh}的表头有 {self.cells} 格，多于任何表格，"
                    "不按表头读入（按印刷顺序）",
                )
            )
            return Header(self.table, (), (), self.where), findings
        moved = self._moved_pieces()
        if moved:
            findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    self.where,
                    f"{self.table.name_zh}表头的列名折行印刷，一行中的列名和片段"
                    f"（{shortened('、'.join(moved), 60)}）与报告格式的列序不同，"
                    "无法确定各列的位置，其数字未读入（记为缺失）",
                )
            )
            shown = tuple(node.text for node in self.top) or tuple(moved)
            pieces = (piece_of(self.table, f[0]) for f in self.fragments)
            refuses = self._named() | {c for c in pieces if c is not None}
            return Header(self.table, (), shown, self.where, refuses=refuses), findings
        if self.side_by_side and _across(self.top):
            return self._across_rows()
        bare = bare_group_moved(
            self.table, [(n.seq, n.item, bool(n.children), n.text) for n in self.top]
        )
        if bare is not None:
            return self._refused(findings, bare)

        starts: list[tuple[int, int, int]] = []  # (row, seq, first column)

        def walk(node: _Node, prefix: str) -> None:
            starts.append((node.row, node.seq, len(keys)))
            item = node.item
            if item is None:
                keys.append(None)
                texts.append(node.text)
                return
            if item.kind == LEAF:
                keys.append(f"{prefix}{item.key}")
                texts.append(node.text)
                return
            inner = f"{item.key}." if item.qualifies else prefix
            if len(node.children) == item.size:
                for child in node.children:
                    walk(child, inner)
                return
            # A group whose sub-heads were not all read (printed without them,
            # or split over lines past recognition): the format's order, when
            # what was read agrees with it; else its columns are unknown.
            default = default_leaves(self.table, item)
            read = [c.item.key for c in node.children if c.item is not None]
            if len(read) == len(node.children) and in_order(read, default, item):
                keys.extend(f"{inner}{leaf}" for leaf in default)
                texts.extend([node.text] * len(default))
                return
            findings.append(
                reading_finding(
                    FindingKind.UNKNOWN_LABEL,
                    node.where or self.where,
                    f"{self.table.name_zh}表头“{node.text}”下的各列无法确定，"
                    "其数字未读入（记为缺失）",
                )
            )
            keys.extend([None] * len(default))
            texts.extend([node.text] * len(default))

        for node in self.top:
            walk(node, "")
        if not _left_to_right(starts):
            return self._refused(
                findings,
                f"{self.table.name_zh}表头各行列名的先后互相矛盾（下一行的列名与上一行的"
                "分组左右次序不同），无法确定各列的位置，其数字未读入（记为缺失）",
            )
        units = tuple(header_unit(t) for t in texts)
        seen: set[str] = set()
        for i, key in enumerate(keys):
            if key is None:
                continue
            if key in seen:
                findings.append(
                    reading_finding(
                        FindingKind.AMBIGUOUS,
                        self.where,
                        f"{self.table.name_zh}表头“{texts[i]}”出现了两次，该列数字未读入",
                    )
                )
                keys[i] = None
            seen.add(key)
        return (
            Header(self.table, tuple(keys), tuple(texts), self.where, units),
            findings,
        )

    def _across_rows(self) -> tuple[Header, list[Finding]]:
        """A header of rows of several cells whose sibling cells are in different rows.

        A grid prints the heads under one group (or at the top) in one row
        (a cell spanning rows starts in the first). Siblings in several rows,
        of rows that hold more than one cell, come from lines of text (a PDF
        table without rulings, text copied from a PDF: a cell centred in a
        two-line header falls on the second line, a group's label on the
        first) or from a grid with blank cells above some heads: the order
        of cells of different rows says nothing of the columns' order. (One
        cell a row is a grid read row by row: the rows' order is the cells'.)
        What each row prints in order is all there is: when it agrees with
        the format's order, the figures are placed in the format's order (as
        under no header); when it does not, the columns were moved and where
        cannot be told: none is placed.
        """
        agree = _rows_in_order(self.table, self.top) and _flat_in_order(
            self.table, self.top
        )
        unknown = sorted({node.text for node in _nodes(self.top) if node.item is None})
        findings = [f for f in self.findings if f.kind is not FindingKind.UNKNOWN_LABEL]
        shown = shortened("、".join(unknown), 40)
        if agree:
            if unknown:
                findings.append(
                    reading_finding(
                        FindingKind.UNREAD_LINE,
                        self.where,
                        f"{self.table.name_zh}表头跨行印刷，其中“{shown}”不是列名，"
                        "未读入；各列按报告格式的顺序读入",
                        severity=Severity.WARNING,
                    )
                )
            return Header(self.table, (), (), self.where), findings
        leaves = self._one_row_leaves()
        if leaves is not None:
            keys, texts = leaves
            units = tuple(header_unit(t) for t in texts)
            return Header(self.table, keys, texts, self.where, units), findings
        return self._refused(
            findings,
            f"{self.table.name_zh}表头跨行印刷，各行列名的先后与报告格式不同，"
            "无法确定各列的位置，其数字未读入（记为缺失）",
        )

    def _moved_pieces(self) -> list[str]:
        """See `moved_pieces`: the cells and pieces of a line out of order."""
        cells = [(n.row, n.seq, n.item, n.text) for n in _nodes(self.top)]
        return moved_pieces(self.table, self.fragments, cells)

    def _one_row_leaves(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The header's columns when one row prints all of them (keys, texts), else None.

        ``法人或其他组织`` over a row ``商业企业 … 其他  自然人  总计`` (a web table
        whose 自然人 and 总计 are not merged down): the row says the columns'
        order, provided every group's columns stand side by side in it. Any
        unknown cell, incomplete group or repeated column: None.
        """
        leaves: list[tuple[int, int, str, str]] = []  # (row, seq, key, text)
        groups: list[list[int]] = []  # the seqs of each group's columns

        def walk(node: _Node, prefix: str) -> list[int] | None:
            item = node.item  # the tree is at most three levels deep
            if item is None:
                return None
            if item.kind == LEAF:
                leaves.append((node.row, node.seq, f"{prefix}{item.key}", node.text))
                return [node.seq]
            if item.kind != GROUP or len(node.children) != item.size:
                return None
            inner = f"{item.key}." if item.qualifies else prefix
            seqs: list[int] = []
            for child in node.children:
                found = walk(child, inner)
                if found is None:
                    return None
                seqs += found
            groups.append(seqs)
            return seqs

        if any(walk(node, "") is None for node in self.top):
            return None
        if not leaves or len({leaf[0] for leaf in leaves}) != 1:
            return None
        leaves.sort(key=lambda leaf: leaf[1])
        index = {leaf[1]: i for i, leaf in enumerate(leaves)}
        for seqs in groups:
            at = sorted(index[seq] for seq in seqs)
            if at != list(range(at[0], at[0] + len(at))):
                return None
        keys = tuple(leaf[2] for leaf in leaves)
        if len(set(keys)) != len(keys):
            return None
        return keys, tuple(leaf[3] for leaf in leaves)

    def _refused(
        self, findings: list[Finding], message: str
    ) -> tuple[Header, list[Finding]]:
        """A header that places nothing: every row under it is refused."""
        findings.append(reading_finding(FindingKind.AMBIGUOUS, self.where, message))
        texts = tuple(node.text for node in self.top)
        refused = Header(self.table, (), texts, self.where, refuses=self._named())
        return refused, findings

    def _named(self) -> frozenset[str]:
        """The keys of every column the header's cells name (a group: all of its)."""
        if self.table is not TableId.ACTIVE:
            # every row of tables 3 and 4 has every column of its header
            return frozenset(format_orders()[self.table])
        return frozenset(
            node.item.key
            for node in _nodes(self.top)
            if node.item is not None and node.item.kind == LEAF
        )


def _left_to_right(starts: list[tuple[int, int, int]]) -> bool:
    """The cells of each printed row head columns further right as the row goes on.

    ``starts``: per header cell, its row, its place among the cells read and
    the first column it heads in the tree built. A row printed
    ``结果维持 … 总计  未经复议直接起诉  复议后起诉`` under ``行政诉讼  行政复议``
    contradicts the row above it: which columns are whose cannot be told.
    """
    if len({row for row, _seq, _column in starts}) == len(starts):
        return True  # one cell a row (a grid read a cell at a time)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for row, seq, column in starts:
        by_row.setdefault(row, []).append((seq, column))
    for cells in by_row.values():
        columns = [column for _seq, column in sorted(cells)]
        if columns != sorted(columns):
            return False
    return True


def _across(level: list[_Node]) -> bool:
    """Some siblings of ``level`` or below stand in different rows."""
    if len({node.row for node in level}) > 1:
        return True
    return any(_across(node.children) for node in level if node.children)


def _nodes(level: list[_Node]) -> Iterator[_Node]:
    for node in level:
        yield node
        yield from _nodes(node.children)


def _flat_in_order(table: TableId, top: list[_Node]) -> bool:
    """Whole names of a header without groups (table 2) in the format's order, read on.

    Over lines, they are a row wrapped at the page's edge (True where there are groups).
    """
    ranks: list[tuple[int, int]] = []
    for node in top:
        if node.children or (node.item is not None and node.item.kind != LEAF):
            return True
        rank = format_rank(table, node.item, None)
        if rank is not None:
            ranks.append((node.seq, rank))
    in_reading = [rank for _seq, rank in sorted(ranks)]
    return in_reading == sorted(set(in_reading))


def _rows_in_order(table: TableId, top: list[_Node]) -> bool:
    """Each row's known cells, left to right, stand in the format's order.

    All the cells of one printed row are compared, not only siblings: a line
    ``未经复议直接起诉  复议后起诉  结果维持 … 总计`` puts 行政诉讼's sub-groups
    left of 行政复议's results (its groups were swapped) even when the two
    groups themselves stand alone on lines of their own.
    """
    by_row: dict[int, list[tuple[int, int]]] = {}

    def walk(level: list[_Node], group: str | None) -> None:
        for node in level:  # the tree is at most three levels deep
            rank = format_rank(table, node.item, group)
            if rank is not None:
                by_row.setdefault(node.row, []).append((node.seq, rank))
            item = node.item
            walk(node.children, item.key if item and item.qualifies else group)

    walk(top, None)
    for placed in by_row.values():
        ranks = [rank for _seq, rank in sorted(placed)]
        if ranks != sorted(set(ranks)):
            return False
    return True
