"""The format's header labels, as the column axis reads them, and their order.

`header_tables` gives every header label of tables 2–4 with what it is (a
column, a group over columns, a corner); `guess_header` and `tolerant_header`
take a cell that is not exactly one; the format's order of columns and groups
(`format_rank`) and the pieces of wrapped labels (`piece_of`, `moved_pieces`) are what
`_headers` checks a header printed over lines against.
"""

from __future__ import annotations

from functools import cache, lru_cache

import attrs

from govinfo_report._findings import Finding, FindingKind, shortened
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

MAX_HEADER_CELLS = 48
"""More header cells than any table has (table 4: 2 + 5 + 2 + 10 + …): not a header."""
CORNER = "corner"
LEAF = "leaf"
GROUP = "group"
LITIGATION = "litigation"
_LEGAL_PERSONS = "legal_persons"


@attrs.frozen(cache_hash=True)  # (a key of `_header_run`'s store)
class _Item:
    """A header label of the format: a column (leaf), a group over columns, a corner."""

    kind: str  # "leaf", "group" or "corner"
    key: str  # column id / group id ("" for a corner)
    label: str
    parents: frozenset[str] = frozenset()  # groups it may stand under
    top: bool = True  # may stand at the top of the header
    size: int = 0  # a group: how many children it has
    qualifies: bool = False  # a group whose key prefixes its leaves (table 4)


CORNER_WORDS = ("项目", "类别", "指标")
"""What agencies and converters print over the label columns where the format
prints its corner (or nothing): ``| 项目 | | 自然人 | …``. A head of no
column of figures; taken for one, it cost every row of one label cell its
first figure and moved the rest one column to the left."""


@cache
def header_tables() -> dict[TableId, LabelTable[_Item]]:
    """Per table, every header label of the format (both versions) with its item."""
    active: dict[str, _Item] = {}
    for version in FormatVersion:
        for row in format_spec(version).active.rows:
            for column in row.columns:
                active.setdefault(column.label, _Item(LEAF, column.id, column.label))
    active[CONTENT_HEADING] = _Item(CORNER, "", CONTENT_HEADING)
    requests: dict[str, _Item] = {
        REQUESTS_NOTE: _Item(CORNER, "", REQUESTS_NOTE),
        APPLICANTS_HEADING: _Item(CORNER, "", APPLICANTS_HEADING),
        LEGAL_PERSONS_HEADING: _Item(
            GROUP, _LEGAL_PERSONS, LEGAL_PERSONS_HEADING, size=5
        ),
    }
    for applicant in Applicant:
        parents = (
            frozenset({_LEGAL_PERSONS}) if applicant.is_legal_person else frozenset()
        )
        requests[applicant.label] = _Item(
            LEAF, applicant.value, applicant.label, parents=parents
        )
    groups = frozenset(g.value for g in AppealGroup)
    appeals: dict[str, _Item] = {
        LITIGATION_HEADING: _Item(GROUP, LITIGATION, LITIGATION_HEADING, size=2)
    }
    for group in AppealGroup:
        appeals[group.label] = _Item(
            GROUP,
            group.value,
            group.label,
            parents=frozenset({LITIGATION}) if group.groups else frozenset(),
            size=len(AppealResult),
            qualifies=True,
        )
    for result in AppealResult:
        appeals[result.label] = _Item(
            LEAF, result.value, result.label, parents=groups, top=False
        )
    for word in CORNER_WORDS:
        for labels in (active, requests, appeals):
            labels.setdefault(word, _Item(CORNER, "", word))
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
    key = (table, text)
    if key in _tolerated:  # (findings name the place: only cells without are kept)
        return _tolerated[key], []
    item, findings = _tolerant_header(table, text, where)
    if not findings and len(text) <= _MOST_TOLERATED_CHARS:
        if len(_tolerated) >= _MOST_TOLERATED:
            _tolerated.clear()
        _tolerated[key] = item
    return item, findings


_MOST_TOLERATED = 512
_MOST_TOLERATED_CHARS = 200
_tolerated: dict[tuple[TableId, str], _Item | None] = {}
"""Header cells (a table, a text) `tolerant_header` read without a finding: the
same cells come in report after report (the note over table 3, printed with
other punctuation), and finding the labels one character off is the costly part."""


def _tolerant_header(
    table: TableId, text: str, where: str
) -> tuple[_Item | None, list[Finding]]:
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


_header_owners_cached = lru_cache(maxsize=1024)(_header_owners)


def format_rank(table: TableId, item: _Item | None, group: str | None) -> int | None:
    """Where the format prints ``item``'s first column in its table (None: not known).

    ``group``: the table-4 group (``review``…) a result column stands under.
    """
    if item is None or item.kind == CORNER:
        return None
    if table is TableId.APPEALS:
        columns = _appeal_columns()
        if item.kind == GROUP:
            first = default_leaves(table, item)[0]
            return columns[first if item.key == LITIGATION else f"{item.key}.{first}"]
        return None if group is None else columns.get(f"{group}.{item.key}")
    key = default_leaves(table, item)[0] if item.kind == GROUP else item.key
    return format_orders()[table].get(key)


@cache
def _appeal_columns() -> dict[str, int]:
    """Table 4's 15 columns ``<group>.<result>``, each at its place in the format."""
    return {
        f"{group.value}.{result.value}": i * len(AppealResult) + j
        for i, group in enumerate(AppealGroup)
        for j, result in enumerate(AppealResult)
    }


@cache
def format_orders() -> dict[TableId, dict[str, int]]:
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


def in_order(read: list[str], default: tuple[str, ...], item: _Item) -> bool:
    """True when the sub-heads read stand in the format's order under ``item``."""
    if item.key == LITIGATION:
        # Read sub-groups of 行政诉讼 are groups, not leaves: compare group ids.
        default = tuple(dict.fromkeys(d.split(".")[0] for d in default))
    positions = [default.index(k) for k in read if k in default]
    return len(positions) == len(read) and positions == sorted(set(positions))


def default_leaves(table: TableId, item: _Item) -> tuple[str, ...]:
    """The leaves the format prints under the group ``item``, in order."""
    return _default_leaves(table, item.key)


@cache
def _default_leaves(table: TableId, key: str) -> tuple[str, ...]:
    if table is TableId.APPEALS and key == LITIGATION:
        return tuple(
            f"{g.value}.{r.value}"
            for g in AppealGroup
            if g.groups
            for r in AppealResult
        )
    if table is TableId.APPEALS:
        return tuple(r.value for r in AppealResult)
    return tuple(a.value for a in Applicant if a.is_legal_person)


def piece_of(table: TableId, text: str) -> str | None:
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
        if item.kind == LEAF and label_key(item.label).startswith(key)
    }
    return hits.pop() if len(hits) == 1 else None


def moved_pieces(
    table: TableId,
    fragments: list[tuple[str, int, int]],
    cells: list[tuple[int, int, _Item | None, str]],
) -> list[str]:
    """The header cells and pieces of wrapped labels of a line that stand in
    another order than the format's, when the line holds a piece that names
    a column (``现行有效`` of ``现行有效件数``); else empty.

    ``fragments``: (text, row, header cells before it); ``cells``: the
    header's cells (row, seq, item, text). Without the pieces a header of
    wrapped labels is no header (its figures are read in the format's
    order), or a header of fewer columns than it has: a line
    ``信息内容  现行有效件数  本年制发  本年废止`` says the columns were moved
    all the same.
    """
    # per row: (cells before it, piece after cell, order seen, rank, text)
    placed: dict[int, list[tuple[int, int, int, int, str]]] = {}
    for i, (text, row, seq) in enumerate(fragments[:64]):
        column = piece_of(table, text)
        rank = None if column is None else format_orders()[table].get(column)
        if rank is not None:
            placed.setdefault(row, []).append((seq, 1, i, rank, text))
    if not placed:
        return []
    for row, seq, item, text in cells:
        rank = format_rank(table, item, None)
        if rank is not None and row in placed:
            placed[row].append((seq, 0, 0, rank, text))
    for line in placed.values():
        line.sort()
        ranks = [cell[3] for cell in line]
        if ranks != sorted(set(ranks)):
            return [cell[4] for cell in line]
    return []
