"""Column headers: the second axis of every table, read so figures are placed by header.

A grid that prints its column headers (HTML, Word, PDF tables, ``a | b`` text)
says which column each figure stands in; the format's printed order is only
what the header usually says. `_HeaderRun` collects the header cells of one
table as they come (one row or several, spans already blank) and builds the
tree the cells form: table 3's ``法人或其他组织`` over its five sub-heads, table
4's ``行政复议`` / ``行政诉讼`` over ``未经复议直接起诉`` / ``复议后起诉`` over the
five result columns. Rows are read breadth first, as printed: a cell goes under
the first open group (shallowest first) that can hold it, else to the top.

The leaves, left to right, are the header: one key per printed column (the
column id; table 4: ``<group>.<result>``), None for a cell that matched no
header label of the format. `order_cells` then gives a row's cells in the
order the header prints them; a column whose header is unknown is not placed
by guess (its figures are reported missing).

Where no header row is present (flattened text, dumps) nothing changes: the
figures are placed in the format's printed order.

Over 500 lines: the header labels, the tree built from a grid's header cells
and the ordering of a row's cells by it are one job, the column axis.
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
    CellSpec,
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
from govinfo_report._values import CellValue, Mark

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
    # the grid rows its cells (corners aside) are in: a set, not a walk of the
    # tree per cell, since `add` is called once per header cell
    node_rows: set[int] = attrs.field(factory=set)

    def add(self, item: _Item | None, text: str, where: str, row: int) -> None:
        """One header cell of grid row ``row`` (None: a cell that matched nothing)."""
        self.rows.add(row)
        if item is not None and item.kind == _CORNER:
            return
        self.cells += 1
        if self.cells > _MAX_HEADER_CELLS:
            return  # no table has this many: not a header (see `header`)
        self.side_by_side = self.side_by_side or row in self.node_rows
        self.node_rows.add(row)
        if item is None:
            self._unknown(text, where)
        node = _Node(item, text, where, row)
        parent = self._parent_for(item, row)
        if parent is not None:
            parent.children.append(node)
            return
        if item is not None and not item.top:
            # A result column with no group above it: its column is not known.
            node = _Node(None, text, where, row)
            self.findings.append(
                reading_finding(
                    FindingKind.UNKNOWN_LABEL,
                    where,
                    f"{self.table.name_zh}表头“{shortened(text, 40)}”不在任何分组之下，"
                    "无法确定是哪一列，该列数字未读入",
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

    def _parent_for(self, item: _Item | None, row: int) -> _Node | None:
        """The first open group, shallowest first, that can hold ``item``.

        A cell in the same printed row as a group is its neighbour, never its
        child (children stand in the rows below).
        """
        level = self.top
        while level:
            for node in level:
                if (
                    node.open
                    and node.row != row
                    and (
                        item is None
                        or (node.item is not None and node.item.key in item.parents)
                    )
                ):
                    return node
            level = [child for node in level for child in node.children]
        return None

    def header(self) -> tuple[Header, list[Finding]]:
        """The header the cells make, and the findings about its cells."""
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

        def walk(node: _Node, prefix: str) -> None:
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
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                self.where,
                f"{self.table.name_zh}表头跨行印刷，各行列名的先后与报告格式不同，"
                "无法确定各列的位置，其数字未读入（记为缺失）",
            )
        )
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


def _across(level: list[_Node]) -> bool:
    """Some siblings of ``level`` or below stand in different rows."""
    if len({node.row for node in level}) > 1:
        return True
    return any(_across(node.children) for node in level if node.children)


def _nodes(level: list[_Node]) -> Iterator[_Node]:
    for node in level:
        yield node
        yield from _nodes(node.children)


def _rows_in_order(table: TableId, level: list[_Node]) -> bool:
    """Each row's known cells of ``level`` (and below) stand in the format's order."""
    by_row: dict[int, list[int]] = {}
    for node in level:
        rank = _format_rank(table, node.item)
        if rank is not None:
            by_row.setdefault(node.row, []).append(rank)
        if node.children and not _rows_in_order(table, node.children):
            return False
    return all(ranks == sorted(set(ranks)) for ranks in by_row.values())


def _format_rank(table: TableId, item: _Item | None) -> int | None:
    """Where the format prints ``item`` among its siblings (None: not known)."""
    if item is None or item.kind == _CORNER:
        return None
    order = _format_orders()[table]
    key = _default_leaves(table, item)[0] if item.kind == _GROUP else item.key
    if table is TableId.APPEALS and item.kind == _GROUP:
        key = item.key if item.key != _LITIGATION else key.split(".")[0]
    return order.get(key)


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


# ------------------------------------------------------------------ placing by header


_header_owners_cached = lru_cache(maxsize=1024)(_header_owners)


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
    """

    cells: tuple[CellSpec, ...]
    unknown: tuple[int, ...] = ()
    refused: bool = False
    units: dict[str, str] = attrs.field(factory=dict)
    header: Header | None = None

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
    positions = [cells.index(keys[k]) for k in known if k in keys]
    if positions == sorted(positions):
        return Ordered(cells)  # the format's order, columns the row lacks aside
    return Ordered(cells, refused=True, header=header)
