"""The layout of the exchange document, derived from the format table.

The JSON document, its JSON Schema and the flat records all take their shape
from here, and this module takes it from `_format`: a row added to the format
appears in every exchange format with no change in this package.

A table is a tree of JSON objects keyed by the parts of its cell ids, so the
JSON path of a figure is ``$.`` followed by its cell id
(``$.requests.withheld.state_secret.natural_person``).
"""

from __future__ import annotations

import enum
import hashlib
import re
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Final, TypeAlias

import attrs

from govinfo_report._format import (
    CellKind,
    CellSpec,
    FormatVersion,
    SectionId,
    TableId,
    TableSpec,
    all_cell_specs,
    format_spec,
)
from govinfo_report._model import Metadata, Narrative, Subsection
from govinfo_report._values import Mark

SCHEMA_VERSION: Final = 2
"""The version of the exchange document; changes only when its shape changes.

Version 2 added ``amount_unit`` to 2019 table 2 (the unit ``采购总金额`` is
published in). A version 1 document is a version 2 document without that
key, so both are read (`READABLE_SCHEMA_VERSIONS`).

The shape of the tables comes from the format, so the version is tied to it:
`SCHEMA_FINGERPRINTS` records, for each version, the `format_fingerprint` it was
written for, and a test fails when the format changes and this does not.
"""

SCHEMA_FINGERPRINTS: Final[Mapping[int, str]] = MappingProxyType(
    {1: "885c442d46327cfd", 2: "7755cf1c47c3e166"}
)
"""Schema version → `format_fingerprint` of the format that version carries.

When a change to the format changes the fingerprint, raise `SCHEMA_VERSION`
and record the new fingerprint under it (old entries stay: they say what the
old documents hold).
"""


READABLE_SCHEMA_VERSIONS: Final = (1, 2)
"""The versions of the exchange document `from_json` reads."""

UNIT_KEY: Final = "amount_unit"
"""The key of a table's published amount unit (only where `TableSpec.published_unit`)."""


def format_fingerprint() -> str:
    """A short hash of the format's shape as the exchange document carries it.

    It covers every format version's tables: their row ids, column ids and the
    kinds of their cells, in printed order, and which amounts are held in
    the unit the report prints (a table of those carries ``amount_unit``);
    labels are not part of it (they do not appear in a document).
    """
    lines = [
        f"{spec.version.value} {table.id.value} {cell.row.id} {cell.column.id}"
        f" {cell.kind.value}{' published_unit' if cell.column.published_unit else ''}"
        for spec in (format_spec(v) for v in FormatVersion)
        for table in spec.tables
        for cell in table.cells
    ]
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return digest[:16]


MAX_COUNT: Final = 2**53 - 1
"""The largest count the exchange formats carry (the largest integer every JSON
reader, JavaScript's included, holds exactly)."""

MAX_INT_DIGITS: Final = 20
"""A JSON integer with more digits is refused before it is converted."""

MAX_AMOUNT_CHARS: Final = 40
"""An amount string longer than this is refused."""

MAX_PROBLEMS: Final = 200
"""At most this many problems are listed in one error; the rest are counted."""


class Problems:
    """The problems found in one document: the first `MAX_PROBLEMS` kept.

    A hostile document can hold millions of problems; the error lists the
    first ones and says that there were more, and a reader stops looking once
    the list is `full`. ``len`` counts every problem added, so a reader can
    tell whether a step added any.

    >>> problems = Problems(limit=2)
    >>> for n in range(5):
    ...     problems.append(f"第 {n} 行")
    >>> len(problems), problems.full
    (5, True)
    >>> for line in problems.listed():
    ...     print(line)
    第 0 行
    第 1 行
    ……问题过多：只列出前 2 处，其余未列出，也可能未检查（too many problems: only the first 2 are listed）
    """

    __slots__ = ("_count", "_items", "_limit")

    def __init__(self, *, limit: int = MAX_PROBLEMS) -> None:
        self._items: list[str] = []
        self._count = 0
        self._limit = limit

    def append(self, problem: str) -> None:
        """Add one problem (kept only while fewer than the limit are kept)."""
        self._count += 1
        if len(self._items) < self._limit:
            self._items.append(problem)

    def __len__(self) -> int:
        return self._count

    @property
    def full(self) -> bool:
        """Whether more problems than the limit were found: time to stop."""
        return self._count > self._limit

    def listed(self) -> list[str]:
        """The problems kept, and a last line when there were more."""
        if self.full:
            return [
                *self._items,
                f"……问题过多：只列出前 {self._limit} 处，其余未列出，也可能未检查"
                f"（too many problems: only the first {self._limit} are listed）",
            ]
        return list(self._items)


AMOUNT_PATTERN: Final = r"^(0|[1-9][0-9]*)(\.[0-9]+)?$"
"""An amount: a plain non-negative decimal, its published places kept."""

AMOUNT_RE: Final = re.compile(AMOUNT_PATTERN)

MARK_TEXT: Final[Mapping[Mark, str | None]] = MappingProxyType(
    {Mark.BLANK: "", Mark.NOT_APPLICABLE: "/", Mark.MISSING: None}
)
"""How a cell that holds no figure is written: ``""``, ``"/"`` or ``null``."""

TEXT_MARK: Final[Mapping[str | None, Mark]] = MappingProxyType(
    {text: mark for mark, text in MARK_TEXT.items()}
)

Tree: TypeAlias = Mapping[str, "Tree | CellSpec"]
"""A table as nested keys: each branch maps a part of the cell id onward."""


def _build_tree(table: TableSpec) -> Tree:
    root: dict[str, object] = {}
    for cell in table.cells:
        *parents, leaf = cell.id.split(".")[1:]
        node = root
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # pragma: no cover - a broken format
                raise AssertionError(f"{cell.id}: {part} 既是单元格又是分组")
            node = child
        if leaf in node:  # pragma: no cover - a broken format
            raise AssertionError(f"{cell.id}: 重复")
        node[leaf] = cell
    return _freeze(root)


def _freeze(node: dict[str, object]) -> Tree:
    return MappingProxyType(
        {
            key: _freeze(value) if isinstance(value, dict) else value  # type: ignore[misc]
            for key, value in node.items()
        }
    )


_TREES: Final = {
    (table.id, version): _build_tree(table)
    for version in FormatVersion
    for table in format_spec(version).tables
}


def tree(table: TableId, layout: FormatVersion) -> Tree:
    """The key tree of one table in one layout."""
    return _TREES[table, layout]


def table_layouts(
    version: FormatVersion,
) -> tuple[tuple[TableId, tuple[FormatVersion, ...]], ...]:
    """Every table of a format with the layouts a report of that format may use.

    A 2021 report may print table 3 in the 2019 layout (a hybrid, spec §5).
    """
    if version is FormatVersion.V2019:
        return tuple((t, (FormatVersion.V2019,)) for t in TableId)
    return tuple(
        (
            t,
            (FormatVersion.V2021, FormatVersion.V2019)
            if t is TableId.REQUESTS
            else (FormatVersion.V2021,),
        )
        for t in TableId
    )


def table_sections() -> Mapping[SectionId, TableId | None]:
    """Each section in order, with the table it holds (None for a narrative)."""
    return _SECTIONS


_SECTIONS: Final = MappingProxyType(
    {s.id: s.table for s in format_spec(FormatVersion.V2021).sections}
)


_PREFIXES: Final = {
    prefix: cell
    for cell in all_cell_specs().values()
    for prefix in (
        ".".join(cell.id.split(".")[: n + 1]) for n in range(cell.id.count(".") + 1)
    )
}


def unknown_key_hint(table: TableId, layout: FormatVersion, dotted: str) -> str:
    """Why a key is not in a table: another layout's row, or no such key at all."""
    cell = _PREFIXES.get(dotted)
    here = f"{table.name_zh}（{layout.value} 版格式）"
    if cell is None:
        return f"{here}没有这个键"
    if cell.table is not table:
        return f"它属于{cell.table.name_zh}，不属于{table.name_zh}"
    other = next(
        (
            v
            for v in FormatVersion
            if v is not layout and dotted in _PREFIXES_BY_LAYOUT[table, v]
        ),
        None,
    )
    if other is None:  # pragma: no cover - the key is in this layout
        return f"{here}的键"
    return f"它属于 {other.value} 版格式的{table.name_zh}，{here}没有它"


_PREFIXES_BY_LAYOUT: Final = {
    (table.id, version): frozenset(
        ".".join(cell.id.split(".")[: n + 1])
        for cell in table.cells
        for n in range(cell.id.count(".") + 1)
    )
    for version in FormatVersion
    for table in format_spec(version).tables
}


def amount_text(value: Decimal) -> str:
    """An amount as written: plain digits, its published places kept (``12.50``)."""
    if value.is_zero() and value.is_signed():
        value = value.copy_abs()
    return format(value, "f")


def kind_name(kind: CellKind) -> str:
    """The value kind a figure of this cell kind has in records: count or amount."""
    return "amount" if kind is CellKind.AMOUNT else "count"


class FieldKind(enum.Enum):
    """What one field of a metadata or narrative object holds in the document."""

    TEXT = "text"
    INTEGER = "integer"
    TEXT_OR_NULL = "text_or_null"
    DATE_OR_NULL = "date_or_null"
    TEXTS = "texts"
    SUBSECTIONS = "subsections"


_KINDS: Final[Mapping[object, FieldKind]] = MappingProxyType(
    {
        str: FieldKind.TEXT,
        int: FieldKind.INTEGER,
        str | None: FieldKind.TEXT_OR_NULL,
        date | None: FieldKind.DATE_OR_NULL,
        tuple[str, ...]: FieldKind.TEXTS,
        tuple[Subsection, ...]: FieldKind.SUBSECTIONS,
    }
)


def _fields(cls: type, omit: tuple[str, ...] = ()) -> tuple[tuple[str, FieldKind], ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.name, _KINDS[hints[field.name]])
        for field in attrs.fields(cls)
        if field.name not in omit
    )


OBJECT_FIELDS: Final[Mapping[str, tuple[tuple[str, FieldKind], ...]]] = (
    MappingProxyType(
        {
            # format_version stands at the top of the document, next to
            # schema_version, so a reader knows the layout before the tables.
            "metadata": _fields(Metadata, omit=("format_version",)),
            "narrative": _fields(Narrative),
            "subsection": _fields(Subsection),
        }
    )
)
"""The fields of the document's objects, in order, taken from the model classes."""

TOP_KEYS: Final = (
    "schema_version",
    "format_version",
    "requests_layout",
    "metadata",
    "preface",
    *(section.value for section in _SECTIONS),
)
"""The keys of the document, in the order they are written."""
