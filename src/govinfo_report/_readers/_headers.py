"""Column headers: the second axis of every table, read so figures are placed by header.

A grid that prints its column headers (HTML, Word, PDF tables, ``a | b`` text)
says which column each figure stands in; the format's printed order is only
what the header usually says. `_HeaderRun` collects the header cells of one
table as they come (one row or several, spans already blank) and builds the
tree the cells form: table 3's ``法人或其他组织`` over its five sub-heads, table
4's ``行政复议`` / ``行政诉讼`` over ``未经复议直接起诉`` / ``复议后起诉`` over the
five result columns. Rows are read as printed: a cell goes under the first
open group that can hold it (left to right in a row of several cells,
shallowest first for a grid read a cell at a time), else to the top; a row
whose cells contradict the groups above them places nothing.

The leaves, left to right, are the header: one key per printed column (the
column id; table 4: ``<group>.<result>``), None for a cell that matched no
header label of the format. `_header_order.order_cells` then gives a row's cells in the
order the header prints them; a column whose header is unknown is not placed
by guess (its figures are reported missing).

Where no header row is present (flattened text, dumps) nothing changes: the
figures are placed in the format's printed order.

Over 500 lines: the header labels and the tree built from a grid's header
cells are one job, the column axis (placing a row by it is `_header_order`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    AppealGroup,
    AppealResult,
    Applicant,
    FormatVersion,
    TableId,
    format_spec,
)
from govinfo_report._labels import LabelTable, label_key, near_labels, punctuation_only
from govinfo_report._readers._cells import (
    header_unit,
    reading_finding,
    strip_header_unit,
)

# ------------------------------------------------------------------ header items


@attrs.frozen
class _Item:
    """A header label of the format: a column (leaf), a group over columns, a corner."""

    kind: str  # "leaf", "group" or "corner"
    key: str  # column id / group id ("" for a corner)
    label: str
    parents: frozenset[str] = frozenset()  # groups it may stand under
    top: bool = True  # may stand at the top of the header
    size: int = 0  # a group: how many children it has
    qualifies: bool = False  # a group whose key prefixes its leaves (table 4)


_MAX_HEADER_CELLS = 48
"""More header cells than any table has (table 4: 2 + 5 + 2 + 10 + …): not a header."""
_CORNER = "corner"
_LEAF = "leaf"
_GROUP = "group"
_LITIGATION = "litigation"
_LEGAL_PERSONS = "legal_persons"


@cache
def header_tables() -> dict[TableId, LabelTable[_Item]]:
    """Per table, every header label of the format (both versions) with its item."""
    active: dict[str, _Item] = {}
    for version in FormatVersion:
        for row in format_spec(version).active.rows:
            for column in row.columns:
                active.setdefault(column.label, _Item(_LEAF, column.id, column.label))
    active[CONTENT_HEADING] = _Item(_CORNER, "", CONTENT_HEADING)
    requests: dict[str, _Item] = {
        REQUESTS_NOTE: _Item(_CORNER, "", REQUESTS_NOTE),
        APPLICANTS_HEADING: _Item(_CORNER, "", APPLICANTS_HEADING),
        LEGAL_PERSONS_HEADING: _Item(
            _GROUP, _LEGAL_PERSONS, LEGAL_PERSONS_HEADING, size=5
        ),
    }
    for applicant in Applicant:
        parents = (
            frozenset({_LEGAL_PERSONS}) if applicant.is_legal_person else frozenset()
        )
        requests[applicant.label] = _Item(
            _LEAF, applicant.value, applicant.label, parents=parents
        )
    groups = frozenset(g.value for g in AppealGroup)
    appeals: dict[str, _Item] = {
        LITIGATION_HEADING: _Item(_GROUP, _LITIGATION, LITIGATION_HEADING, size=2)
    }
    for group in AppealGroup:
        appeals[group.label] = _Item(
            _GROUP,
            group.value,
            group.label,
            parents=frozenset({_LITIGATION}) if group.groups else frozenset(),
            size=len(AppealResult),
            qualifies=True,
        )
    for result in AppealResult:
        appeals[result.label] = _Item(
            _LEAF, result.value, result.label, parents=groups, top=False
        )
    return {
        TableId.ACTIVE: LabelTable(active.items(), min_prefix=99),
        TableId.REQUESTS: LabelTable(requests.items(), min_prefix=99),
        TableId.APPEALS: LabelTable(appeals.items(), min_prefix=99),
    }


def guess_header(table: TableId, text: str) -> _Item | None:
    """The header of ``table`` a cell of a header row stands for, or None.

    Tolerant as `LabelTable` is, the unit note aside (``收费金额（万元）``
    is ``本年收费金额（单位：万元）``): a text that ends exactly one header
    label (four characters at least) is that label.
    """
    labels = header_tables()[table]
    found = labels.match(text, prefix=False)
    if found is not None:
        return found.value
    bare = label_key(strip_header_unit(text))
    if len(bare) < 4:
        return None
    hits = {
        item
        for item in _items(table)
        if label_key(strip_header_unit(item.label)).endswith(bare)
    }
    return hits.pop() if len(hits) == 1 else None


@cache
def _items(table: TableId) -> tuple[_Item, ...]:
    labels = header_tables()[table]
    return tuple(labels.exact(label).value for label in labels.labels)  # type: ignore[union-attr]


def tolerant_header(
    table: TableId, text: str, where: str
) -> tuple[_Item | None, list[Finding]]:
    """A header cell that is not exactly a header label: tolerated, or None; findings.

    One character off more than one header label is ambiguous (None, a
    finding); one character off exactly one is that header, with a finding
    naming the variant (a unit note that differs is the units' business).
    """
    labels = header_tables()[table]
    near = {
        id(found.value): found.label
        for label in near_labels(text, labels.labels)
        if (found := labels.exact(label)) is not None
    }
    shown = shortened(text, 40)
    if len(near) > 1 and header_unit(text) is None:
        return None, [
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                f"表头“{shown}”与多个列名（{'、'.join(near.values())}）"
                "只差一个字，无法确定是哪一列，该列数字未读入",
            )
        ]
    guess = guess_header(table, text)
    if (
        guess is None
        or not near
        or header_unit(text) is not None
        or punctuation_only(text, guess.label)
    ):
        return guess, []
    return guess, [
        reading_finding(
            FindingKind.LABEL_VARIANT,
            where,
            f"表头“{shown}”与列名“{guess.label}”差一个字，按“{guess.label}”读入",
        )
    ]


def header_owners(text: str) -> tuple[tuple[TableId, _Item], ...]:
    """The tables whose header ``text`` is exactly (after normalisation)."""
    if len(text) > 64:
        return _header_owners(text)
    return _header_owners_cached(text)


def _header_owners(text: str) -> tuple[tuple[TableId, _Item], ...]:
    found = []
    for table, labels in header_tables().items():
        match = labels.exact(text)
        if match is not None:
            found.append((table, match.value))
    return tuple(found)


# ------------------------------------------------------------------ the header


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

    @property
    def open(self) -> bool:
        return (
            self.item is not None
            and self.item.kind == _GROUP
            and len(self.children) < self.item.size
        )


@attrs.define
class _HeaderRun:
    """The header cells of one table seen so far, built into a tree as they come."""

    table: TableId
    where: str
    top: list[_Node] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    rows: set[int] = attrs.field(factory=set)  # the grid rows it has cells in
    cells: int = 0
    side_by_side: bool = False  # two of its cells (corners aside) share a row
    pending: list[_Node] = attrs.field(factory=list)  # the cells of the last row
    # pieces of header labels in its rows (``现行有效`` of ``现行有效件数``): (text, row)
    fragments: list[tuple[str, int]] = attrs.field(factory=list)

    def add(self, item: _Item | None, text: str, where: str, row: int) -> None:
        """One header cell of grid row ``row`` (None: a cell that matched nothing).

        The cells of one row are put in the tree together, when the row ends
        (`_place_row`): how they find their groups depends on how many it has.
        """
        self.rows.add(row)
        if item is not None and item.kind == _CORNER:
            return
        self.cells += 1
        if self.cells > _MAX_HEADER_CELLS:
            return  # no table has this many: not a header (see `header`)
        if self.pending and self.pending[0].row != row:
            self._place_row()
        if item is None:
            self._unknown(text, where)
        self.pending.append(_Node(item, text, where, row, self.cells))

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

        def holds(node: _Node) -> bool:
            return (
                node.open
                and node.row != row
                and (
                    item is None
                    or (node.item is not None and node.item.key in item.parents)
                )
            )

        if left_to_right:
            stack = list(reversed(self.top))  # at most 48 cells: bounded
            while stack:
                node = stack.pop()
                if holds(node):
                    return node
                stack.extend(reversed(node.children))
            return None
        level = self.top
        while level:
            for node in level:
                if holds(node):
                    return node
            level = [child for node in level for child in node.children]
        return None

    def header(self) -> tuple[Header, list[Finding]]:
        """The header the cells make, and the findings about its cells."""
        self._place_row()
        keys: list[str | None] = []
        texts: list[str] = []
        findings = list(self.findings)
        if self.cells > _MAX_HEADER_CELLS:
            findings.append(
                reading_finding(
                    FindingKind.UNREAD_LINE,
                    self.where,
                    f"{self.table.name_zh}的表头有 {self.cells} 格，多于任何表格，"
                    "不按表头读入（按印刷顺序）",
                )
            )
            return Header(self.table, (), (), self.where), findings
        if self.side_by_side and _across(self.top):
            return self._across_rows()
        moved = _moved_pieces(self.table, self.fragments)
        if moved:
            findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    self.where,
                    f"{self.table.name_zh}表头的列名折行印刷，一行中的片段"
                    f"（{shortened('、'.join(moved), 60)}）与报告格式的列序不同，"
                    "无法确定各列的位置，其数字未读入（记为缺失）",
                )
            )
            shown = tuple(node.text for node in self.top) or tuple(moved)
            refuses = self._named() | _piece_columns(self.table, self.fragments)
            return Header(self.table, (), shown, self.where, refuses=refuses), findings

        starts: list[tuple[int, int, int]] = []  # (row, seq, first column)

        def walk(node: _Node, prefix: str) -> None:
            starts.append((node.row, node.seq, len(keys)))
            item = node.item
            if item is None:
                keys.append(None)
                texts.append(node.text)
                return
            if item.kind == _LEAF:
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
            default = _default_leaves(self.table, item)
            read = [c.item.key for c in node.children if c.item is not None]
            if len(read) == len(node.children) and _in_order(read, default, item):
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
        agree = _rows_in_order(self.table, self.top)
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
            if item.kind == _LEAF:
                leaves.append((node.row, node.seq, f"{prefix}{item.key}", node.text))
                return [node.seq]
            if item.kind != _GROUP or len(node.children) != item.size:
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
            return frozenset(_format_orders()[self.table])
        return frozenset(
            node.item.key
            for node in _nodes(self.top)
            if node.item is not None and node.item.kind == _LEAF
        )


def _piece_of(table: TableId, text: str) -> str | None:
    """The one column of table 2 or 3 whose header label starts with ``text``.

    A header label wrapped in a narrow column prints its start on one line
    (``现行有效`` of ``现行有效件数``); a piece that starts no label or more
    than one (``件数``) names no column.
    """
    if table is TableId.APPEALS:
        return None  # its five results repeat under each group
    key = label_key(text)
    if len(key) < 2:
        return None
    hits = {
        item.key
        for item in _items(table)
        if item.kind == _LEAF and label_key(item.label).startswith(key)
    }
    return hits.pop() if len(hits) == 1 else None


def _moved_pieces(table: TableId, fragments: list[tuple[str, int]]) -> list[str]:
    """The pieces of a line that name columns in another order than the format's
    (empty when every line's pieces stand in the format's order)."""
    order = _format_orders()[table]
    by_row: dict[int, list[tuple[int, str]]] = {}
    for text, row in fragments[:_MAX_HEADER_CELLS]:
        column = _piece_of(table, text)
        if column is not None and column in order:
            by_row.setdefault(row, []).append((order[column], text))
    for pieces in by_row.values():
        ranks = [rank for rank, _text in pieces]
        if ranks != sorted(set(ranks)):
            return [text for _rank, text in pieces]
    return []


def _piece_columns(table: TableId, fragments: list[tuple[str, int]]) -> frozenset[str]:
    """The columns the pieces name (their rows are refused with the header)."""
    found = (_piece_of(table, text) for text, _row in fragments[:_MAX_HEADER_CELLS])
    return frozenset(c for c in found if c is not None)


def _left_to_right(starts: list[tuple[int, int, int]]) -> bool:
    """The cells of each printed row head columns further right as the row goes on.

    ``starts``: per header cell, its row, its place among the cells read and
    the first column it heads in the tree built. A row printed
    ``结果维持 … 总计  未经复议直接起诉  复议后起诉`` under ``行政诉讼  行政复议``
    contradicts the row above it: which columns are whose cannot be told.
    """
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
            rank = _format_rank(table, node.item, group)
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


def _format_rank(table: TableId, item: _Item | None, group: str | None) -> int | None:
    """Where the format prints ``item``'s first column in its table (None: not known).

    ``group``: the table-4 group (``review``…) a result column stands under.
    """
    if item is None or item.kind == _CORNER:
        return None
    if table is TableId.APPEALS:
        columns = _appeal_columns()
        if item.kind == _GROUP:
            first = _default_leaves(table, item)[0]
            return columns[first if item.key == _LITIGATION else f"{item.key}.{first}"]
        return None if group is None else columns.get(f"{group}.{item.key}")
    key = _default_leaves(table, item)[0] if item.kind == _GROUP else item.key
    return _format_orders()[table].get(key)


@cache
def _appeal_columns() -> dict[str, int]:
    """Table 4's 15 columns ``<group>.<result>``, each at its place in the format."""
    return {
        f"{group.value}.{result.value}": i * len(AppealResult) + j
        for i, group in enumerate(AppealGroup)
        for j, result in enumerate(AppealResult)
    }


@cache
def _format_orders() -> dict[TableId, dict[str, int]]:
    """Per table, each column (group, result) id's place in the format's order."""
    active: dict[str, int] = {}
    for version in FormatVersion:
        for row in format_spec(version).active.rows:
            for column in row.columns:
                active.setdefault(column.id, len(active))
    appeals = {group.value: i for i, group in enumerate(AppealGroup)}
    appeals.update({result.value: i for i, result in enumerate(AppealResult)})
    return {
        TableId.ACTIVE: active,
        TableId.REQUESTS: {a.value: i for i, a in enumerate(Applicant)},
        TableId.APPEALS: appeals,
    }


def _in_order(read: list[str], default: tuple[str, ...], item: _Item) -> bool:
    """True when the sub-heads read stand in the format's order under ``item``."""
    if item.key == _LITIGATION:
        # Read sub-groups of 行政诉讼 are groups, not leaves: compare group ids.
        default = tuple(dict.fromkeys(d.split(".")[0] for d in default))
    positions = [default.index(k) for k in read if k in default]
    return len(positions) == len(read) and positions == sorted(set(positions))


def _default_leaves(table: TableId, item: _Item) -> tuple[str, ...]:
    if table is TableId.APPEALS and item.key == _LITIGATION:
        return tuple(
            f"{g.value}.{r.value}"
            for g in AppealGroup
            if g.groups
            for r in AppealResult
        )
    if table is TableId.APPEALS:
        return tuple(r.value for r in AppealResult)
    return tuple(a.value for a in Applicant if a.is_legal_person)


_header_owners_cached = lru_cache(maxsize=1024)(_header_owners)
