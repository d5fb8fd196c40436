"""The one label-anchored table matcher every reader shares.

A reader turns what it reads into a *grid*: rows of cell strings, each row with
the place it came from (a line number, a page, a table row). `match_grid` finds
the format's rows in that grid by their labels and the figures that follow each
label, never by counting figures across the input: a figure missing from one
row or one too many is reported at that row and does not move any other figure.
`build_report` then turns the match into a `Report` held as published.

The grid can be anything that has the labels and figures in reading order:

- one row per printed table row (HTML, Word, PDF tables, ``a | b | c`` text);
- one cell per row (the ``0 |`` flattening): a label, then its figures;
- a label on one row and its figures on the next, a label wrapped over rows;
- section headings, Article 20 block headings, column headers and group cells
  (``三、本年度办理结果``) mixed in: they are recognised and skipped.

Table 4's figure row has no label: figures that follow table 4's headers (or
section 四's heading) without a row label are its 15 figures in printed order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from itertools import combinations
from typing import NamedTuple, Protocol

import attrs

from govinfo_report._build import from_cells
from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    RESULTS_GROUP,
    AppealGroup,
    Article20Item,
    CellKind,
    CellSpec,
    FormatVersion,
    Outcome,
    RowSpec,
    SectionId,
    TableId,
    TableSpec,
    format_spec,
)
from govinfo_report._labels import LabelTable, label_key
from govinfo_report._limits import Deadline
from govinfo_report._model import Narrative, Report
from govinfo_report._readers import _runs
from govinfo_report._rules import Check, compile_checks
from govinfo_report._values import CellValue, Mark

__all__ = [
    "READER_RULE",
    "GridMatch",
    "GridRow",
    "build_report",
    "match_grid",
    "parse_value",
    "reading_finding",
]

READER_RULE = "READ"
"""The ``rule`` of every reading finding."""

_KIND_SEVERITY = {
    FindingKind.UNREAD_LINE: Severity.WARNING,
    FindingKind.UNKNOWN_LABEL: Severity.WARNING,
    FindingKind.MISSING_ROW: Severity.ERROR,
    FindingKind.MISSING_CELL: Severity.ERROR,
    FindingKind.EXTRA_CELL: Severity.ERROR,
    FindingKind.AMBIGUOUS: Severity.ERROR,
    FindingKind.AMBIGUOUS_CELLS: Severity.ERROR,
    FindingKind.TRUNCATED: Severity.ERROR,
    FindingKind.MISSING_SECTION: Severity.ERROR,
    FindingKind.MISSING_METADATA: Severity.WARNING,
}


def reading_finding(
    kind: FindingKind,
    where: str,
    message: str,
    *,
    cells: Iterable[str] = (),
    severity: Severity | None = None,
) -> Finding:
    """A reading finding: ``message`` is prefixed with the place in the input."""
    return Finding(
        rule=READER_RULE,
        kind=kind,
        severity=severity or _KIND_SEVERITY[kind],
        cells=tuple(cells),
        message=f"{where}：{message}" if where else message,
        where=where,
    )


def cells_tuple(cells: Iterable[str | None]) -> tuple[str, ...]:
    """Cell texts as a tuple, ``None`` (a merged cell's shadow) as ``""``."""
    if type(cells) is tuple and None not in cells:
        return cells
    return tuple("" if c is None else c for c in cells)


@attrs.frozen
class GridRow:
    """One row of a grid: its cell texts and where it stands in the input.

    Attributes:
        cells: the texts of the row's cells, in reading order; ``""`` for an
            empty cell (kept: an empty cell after a row label is a blank figure).
        where: the place in the input, in Chinese (``第 12 行``, ``第 3 页``,
            ``第 2 个表格第 5 行``); reading findings quote it.
    """

    cells: tuple[str, ...] = attrs.field(converter=cells_tuple)
    where: str = ""


# ----------------------------------------------------------------- the catalogue


@attrs.frozen
class _RowRef:
    table: TableId
    row_id: str


_SECTION_TABLES = {
    SectionId.ACTIVE: TableId.ACTIVE,
    SectionId.REQUESTS: TableId.REQUESTS,
    SectionId.APPEALS: TableId.APPEALS,
}


@attrs.frozen
class _Catalogue:
    rows: LabelTable[_RowRef]
    sections: LabelTable[SectionId]
    structure: LabelTable[frozenset[TableId]]
    header_blob: dict[TableId, str]
    votes: dict[str, FormatVersion]


@cache
def _catalogue() -> _Catalogue:
    refs: dict[tuple[TableId, str], _RowRef] = {}

    def ref(table: TableId, row_id: str) -> _RowRef:
        return refs.setdefault((table, row_id), _RowRef(table, row_id))

    row_entries: list[tuple[str, _RowRef]] = []
    structure: list[tuple[str, TableId]] = []
    section_entries: list[tuple[str, SectionId]] = []
    votes: dict[str, FormatVersion] = {}
    column_labels: dict[FormatVersion, set[str]] = {v: set() for v in FormatVersion}
    for version in FormatVersion:
        spec = format_spec(version)
        for section in spec.sections:
            section_entries.append((section.heading, section.id))
        for table in spec.tables:
            for row in table.rows:
                if table.id is not TableId.APPEALS:  # table 4's labels are headers
                    for label in (row.label, *row.variants):
                        row_entries.append((label, ref(table.id, row.id)))
                for column in row.columns:
                    column_labels[version].add(column.label)
                    structure.append((column.label, table.id))
                for group in row.groups:
                    if group != Outcome.OTHER.label:
                        structure.append((group, table.id))
    for version, labels in column_labels.items():
        other = column_labels[
            FormatVersion.V2019
            if version is FormatVersion.V2021
            else FormatVersion.V2021
        ]
        for label in labels - other:
            votes[label_key(label)] = version
    for only_2019 in ("other_services", "procurement"):
        votes[
            label_key(format_spec(FormatVersion.V2019).active.row(only_2019).label)
        ] = FormatVersion.V2019
    problems_2019 = format_spec(FormatVersion.V2019).section(SectionId.PROBLEMS)
    votes[label_key(problems_2019.heading)] = FormatVersion.V2019
    structure += [(item.label, TableId.ACTIVE) for item in Article20Item]
    structure += [(CONTENT_HEADING, TableId.ACTIVE)]
    structure += [
        (label, TableId.REQUESTS)
        for label in (REQUESTS_NOTE, APPLICANTS_HEADING, LEGAL_PERSONS_HEADING)
    ]
    structure += [(RESULTS_GROUP, TableId.REQUESTS)]
    structure += [(g.label, TableId.APPEALS) for g in AppealGroup]
    structure += [(LITIGATION_HEADING, TableId.APPEALS)]
    blob: dict[TableId, list[str]] = {t: [] for t in TableId}
    owners: dict[str, set[TableId]] = {}
    for label, owner in structure:
        blob[owner].append(label_key(label))
        owners.setdefault(label, set()).add(owner)
    frozen = {label: frozenset(tables) for label, tables in owners.items()}
    unique = {tables: tables for tables in frozen.values()}
    return _Catalogue(
        rows=LabelTable(row_entries),
        sections=LabelTable(section_entries, min_score=0.75),
        structure=LabelTable(
            [(label, unique[tables]) for label, tables in frozen.items()],
            min_prefix=99,
        ),
        header_blob={t: "|".join(parts) for t, parts in blob.items()},
        votes=votes,
    )


# ------------------------------------------------------------------ cell values

_PAGE_MARKER = re.compile(
    r"^(?:[-－—–]+\s*\d{1,4}\s*[-－—–]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$"
)
_NOT_APPLICABLE = frozenset({"/", "／", "\\", "-", "－", "—", "——", "–", "一一", "×"})
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$", re.ASCII)
_VALUE_TOKEN = re.compile(r"^(?:[+-]?\d[\d,，]*(?:\.\d+)?|[/／\\\-－—–]+)$")
_UNIT = re.compile(r"(?:件|个|条|项|次|万元|元)$")


def is_page_marker(text: str) -> bool:
    """True for page numbers printed between rows (``- 4 -``, ``— 2 —``, ``第4页``).

    >>> [is_page_marker(t) for t in ("- 4 -", "-4-", "— 12 —", "第 3 页", "4", "-")]
    [True, True, True, True, False, False]
    """
    return bool(_PAGE_MARKER.match(text.strip()))


def is_value_text(text: str) -> bool:
    """True when a cell text is a figure or a not-applicable mark."""
    if len(text) > _CACHED_CHARS:
        return _is_value_text(text)
    return _is_value_text_cached(text)


_CACHED_CHARS = 64
"""Texts longer than this are not kept in the caches (hostile input is long)."""


def _is_value_text(text: str) -> bool:
    stripped = text.strip().translate(_DIGITS)
    if not stripped:
        return False
    return bool(_VALUE_TOKEN.match(_UNIT.sub("", stripped)))


_EMPTY = "empty"
_FIGURE = "figure"
_FIGURES = "figures"  # several figures in one cell, separated by spaces
_MARKER = "marker"
_LABEL = "label"


def _cell_kind(cell: str | None) -> tuple[str, str]:
    """What a grid cell holds, and its stripped text (cached for short cells)."""
    if cell is None:
        return _EMPTY, ""
    found = _kind_cache.get(cell)
    if found is not None:
        return found
    text = cell.strip()
    if not text:
        kind = _EMPTY
    elif _runs.is_run(text):
        kind = _FIGURE  # a dump's run of digits: kept whole, cut by _place
    elif is_value_text(text):
        kind = _FIGURE
    elif is_page_marker(text):
        kind = _MARKER
    else:
        parts = text.split()
        kind = (
            _FIGURES
            if len(parts) > 1 and all(is_value_text(p) for p in parts)
            else _LABEL
        )
    result = (kind, text)
    if len(cell) <= 200:
        if len(_kind_cache) >= 20_000:
            _kind_cache.clear()
        _kind_cache[cell] = result
    return result


_kind_cache: dict[str, tuple[str, str]] = {}

_is_value_text_cached = lru_cache(maxsize=4096)(_is_value_text)

_DIGITS = {0xFF10 + i: str(i) for i in range(10)} | {
    ord("．"): ".",
    ord("，"): ",",
    ord("－"): "-",
}


_MAX_FIGURE_DIGITS = 30
"""A longer digit string is not a figure (and `int` would refuse 4,300 digits)."""


def parse_value(text: str, kind: CellKind = CellKind.COUNT) -> CellValue | None:
    """A published cell text as a cell value; None when it is not one.

    Blank is `Mark.BLANK`, ``/`` ``—`` ``-`` are `Mark.NOT_APPLICABLE`,
    thousands separators are removed, an amount keeps its published precision.

    >>> parse_value("1,268"), parse_value("—"), parse_value(" "), parse_value("12.50", CellKind.AMOUNT)
    (1268, NOT_APPLICABLE, BLANK, Decimal('12.50'))
    >>> parse_value("3.5") is None
    True
    """
    if len(text) > _CACHED_CHARS:
        return _parse(text, kind)
    if kind is CellKind.COUNT:
        return _parse_count(text)
    return _parse_other(text, kind)


@lru_cache(maxsize=8192)
def _parse_count(text: str) -> CellValue | None:
    return _parse(text, CellKind.COUNT)


@lru_cache(maxsize=1024)
def _parse_other(text: str, kind: CellKind) -> CellValue | None:
    return _parse(text, kind)


def _parse(text: str, kind: CellKind) -> CellValue | None:
    stripped = text.strip().translate(_DIGITS).replace(" ", "")
    if not stripped:
        return Mark.BLANK
    if stripped in _NOT_APPLICABLE or set(stripped) <= set("/\\-—–"):
        return Mark.NOT_APPLICABLE
    stripped = _UNIT.sub("", stripped)
    if _THOUSANDS.match(stripped):
        stripped = stripped.replace(",", "")
    if len(stripped) > _MAX_FIGURE_DIGITS or not _NUMBER.match(stripped):
        return None
    if kind is CellKind.AMOUNT:
        try:
            amount = Decimal(stripped)
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            return None
        return amount if amount >= 0 else None
    if "." in stripped:
        return None
    number = int(stripped)
    if number < 0 and kind is CellKind.COUNT:
        return None
    return number


# ----------------------------------------------------------------- the matching


class _Token(NamedTuple):
    text: str
    where: str
    empty: bool = False


@attrs.define
class _Anchor:
    ref: _RowRef | None  # None: table 4's figure row (no label)
    table: TableId
    text: str
    score: float
    where: str
    tokens: list[_Token] = attrs.field(factory=list)
    figures: int = 0  # how many tokens are not empty

    @property
    def has_values(self) -> bool:
        return self.figures > 0


@attrs.define
class GridMatch:
    """What `match_grid` found.

    Attributes:
        values: cell id → published value, for every figure read (ids of the
            chosen layouts); cells not read are absent.
        findings: the reading findings, in input order.
        format_version: the format the labels show (2019 or 2021).
        requests_layout: the layout of table 3 (2019 for a hybrid).
        tables: the tables of which at least one row was found.
        last: the cell ids of the last row found and where it stood, for
            reporting where a cut-off input ended; None when no row was found.
        last_where: the place of the last row in the input.
        last_label: the official label of the last row found.
    """

    values: dict[str, CellValue]
    findings: list[Finding]
    format_version: FormatVersion
    requests_layout: FormatVersion
    tables: frozenset[TableId]
    last: tuple[TableId, str] | None
    last_where: str
    last_label: str


class CellRow(Protocol):
    """Anything with `GridRow`'s two attributes (the section splitter's items too)."""

    @property
    def cells(self) -> tuple[str, ...]:
        """The texts of the row's cells."""

    @property
    def where(self) -> str:
        """The place of the row in the input."""


def match_grid(
    rows: Iterable[GridRow | CellRow | Sequence[str]],
    *,
    year: int | None = None,
    truncated: bool = False,
    deadline: Deadline | None = None,
) -> GridMatch:
    """Find every figure of tables 2–4 in a grid by its row label and column.

    This is the stable entry point every reader (text, HTML, PDF, Word) uses.

    Args:
        rows: the grid, in reading order: `GridRow` values (or plain sequences
            of cell strings, then places are ``第 N 行``). Pass the rows of all
            tables of a document together, in document order; headings and
            other short lines between them may be passed as one-cell rows.
        year: the report year, used to choose the format when the labels do not
            show it (2019 and 2020: the trial format).
        truncated: the input was cut off after the last row: the figures of the
            last row found are kept in order and its missing ones are not
            reported separately (`build_report` reports the cut).
        deadline: checked every 256 rows (`govinfo_report.Limits.deadline`);
            `LimitExceededError` when the time is up.

    Returns:
        A `GridMatch`: values by cell id exactly as published (blank stays
        `Mark.BLANK`, ``/`` `Mark.NOT_APPLICABLE`), and reading findings with
        their places. A row whose figures cannot be placed with certainty
        (one missing, one too many, digits run together that split more than
        one way) keeps its cells out of ``values`` and has a finding.

    >>> m = match_grid([["规章", "0", "1", "2"], ["行政许可", "1,268"]])
    >>> m.values["active.rules.repealed"], m.values["active.licensing.decisions"]
    (1, 1268)
    """
    cat = _catalogue()
    matcher = _Matcher(cat)
    for number, row in enumerate(rows, 1):
        if deadline is not None and not number % 256:
            deadline.check(f"表格第 {number} 行")
        cells = getattr(row, "cells", None)
        if cells is not None:
            matcher.feed(cells, getattr(row, "where", "") or f"第 {number} 行")
        else:
            matcher.feed(tuple(row), f"第 {number} 行")  # type: ignore[arg-type]
    matcher.close_pending()
    return _resolve(matcher, year=year, truncated=truncated, deadline=deadline)


class _Matcher:
    def __init__(self, cat: _Catalogue) -> None:
        self.cat = cat
        self.anchors: list[_Anchor] = []
        self.current: _Anchor | None = None
        self.context: TableId | None = None
        self.pending: list[tuple[str, str]] = []
        self.findings: list[Finding] = []
        self.votes: list[FormatVersion] = []

    # --------------------------------------------------------------- per row
    def feed(self, cells: tuple[str, ...], where: str) -> None:
        if len(cells) == 1:  # the common one-cell row: a label or a figure
            kind, text = _cell_kind(cells[0])
            if kind is _FIGURE:
                self._value(text, where)
            elif kind is _LABEL:
                self._label(text, where)
            elif kind is _FIGURES:
                for part in text.split():
                    self._value(part, where)
            return
        kinds = [_cell_kind(c) for c in cells]
        has_value = any(kind is _FIGURE for kind, _ in kinds)
        anchor_row = False  # the current anchor was started in this row
        held = 0  # empty cells since the last non-empty one
        unknown = False  # a label of this row was not recognised
        for kind, text in kinds:
            if kind is _EMPTY:
                held += 1
            elif kind is _LABEL:
                # Empty cells before a label (merged group cells to its left)
                # are nobody's figures.
                held = 0
                if self._label(text, where):
                    anchor_row = True
                elif self.pending and self.pending[-1][0] is text:
                    unknown = True
            elif kind is _FIGURE or kind is _FIGURES:
                if unknown and self.context is not TableId.APPEALS:
                    # Figures after an unknown label in the same row are that
                    # label's: they must not be added to the previous row.
                    self.close_pending()
                    self.current = None
                unknown = False
                if held:
                    self._empties(held, where, anchor_row or has_value)
                    held = 0
                for part in text.split() if kind is _FIGURES else (text,):
                    self._value(part, where)
        if held:
            self._empties(held, where, anchor_row or has_value)

    def _empties(self, count: int, where: str, figures_row: bool) -> None:
        """Blank cells of the current row (kept: a blank is a published value).

        Table 4's figure row has no label: a blank before its first figure
        starts that row just as a figure does, so it is not dropped.
        """
        if not figures_row:
            return
        if self.current is None and self.context is TableId.APPEALS:
            self.current = _Anchor(None, TableId.APPEALS, "", 1.0, where)
            self.anchors.append(self.current)
        if self.current is not None:
            self.current.tokens.extend([_Token("", where, True)] * count)

    def _value(self, text: str, where: str) -> None:
        if self.pending:
            self.close_pending()
        current = self.current
        if current is None and self.context is TableId.APPEALS:
            current = self.current = _Anchor(None, TableId.APPEALS, "", 1.0, where)
            self.anchors.append(current)
        if current is None:
            self.findings.append(
                reading_finding(
                    FindingKind.UNREAD_LINE,
                    where,
                    f"数字“{text}”前没有可识别的行标签，未读入",
                )
            )
            return
        current.tokens.append(_Token(text, where))
        current.figures += 1

    def _start(self, ref: _RowRef, text: str, score: float, where: str) -> None:
        current = self.current
        if current is not None and current.ref is ref and not current.has_values:
            return  # the same label again (a cell spanning columns)
        self.current = _Anchor(ref, ref.table, text, score, where)
        self.anchors.append(self.current)
        self.context = ref.table

    def _label(self, text: str, where: str) -> bool:
        cat = self.cat
        key = label_key(text)
        vote = cat.votes.get(key)
        if vote is not None:
            self.votes.append(vote)
        found = cat.rows.exact(text)
        if found is not None:
            self.close_pending()
            self._start(found.value, text, 1.0, where)
            return True
        section = cat.sections.exact(text)
        if section is not None:
            self.close_pending()
            self._section(section.value)
            return False
        structure = cat.structure.exact(text)
        if structure is not None:
            self.close_pending()
            self._structure(structure.value)
            return False
        current = self.current
        if current is not None and current.ref is not None and not current.has_values:
            joined = cat.rows.match(current.text + text)
            if (
                joined is not None
                and joined.value is current.ref
                and (joined.score >= current.score)
            ):
                current.text += text
                current.score = joined.score
                return False
        if self.pending:
            joined_text = "".join(p for p, _ in self.pending) + text
            joined = cat.rows.match(joined_text)
            if joined is not None:
                first_where = self.pending[0][1]
                self.pending.clear()
                self._start(joined.value, joined_text, joined.score, first_where)
                return True
        if self._header_fragment(key):
            return False
        found = cat.rows.match(text)
        if found is not None:
            self.close_pending()
            self._start(found.value, text, found.score, where)
            return True
        structure = cat.structure.match(text, prefix=False)
        if structure is not None:
            self.close_pending()
            self._structure(structure.value)
            return False
        if len(key) >= 2 and key[0] in "一二三四五六" and key[1] == "、":
            section = cat.sections.match(text, prefix=False)
            if section is not None:
                self.close_pending()
                self._section(section.value)
                return False
        self.pending.append((text, where))
        if len(self.pending) > 3:
            self._drop_pending(1)
        return False

    def _header_fragment(self, key: str) -> bool:
        if len(key) > 24:
            return False
        tables = (self.context,) if self.context is not None else tuple(TableId)
        return any(key in self.cat.header_blob[t] for t in tables)

    def _section(self, section: SectionId) -> None:
        self.current = None
        self.context = _SECTION_TABLES.get(section)

    def _structure(self, tables: frozenset[TableId]) -> None:
        current = self.current
        if current is None or current.has_values or current.table not in tables:
            self.current = None
        if self.context not in tables and len(tables) == 1:
            self.context = next(iter(tables))

    def _drop_pending(self, count: int) -> None:
        for text, where in self.pending[:count]:
            short = shortened(text, 40)
            self.findings.append(
                reading_finding(
                    FindingKind.UNKNOWN_LABEL
                    if len(text) <= 40
                    else FindingKind.UNREAD_LINE,
                    where,
                    f"“{short}”不是报告格式中的标签，未读入",
                )
            )
        del self.pending[:count]

    def close_pending(self) -> None:
        if self.pending:
            self._drop_pending(len(self.pending))


# ---------------------------------------------------------------- resolution


def _choose_version(matcher: _Matcher, year: int | None) -> FormatVersion:
    v2019 = matcher.votes.count(FormatVersion.V2019)
    v2021 = matcher.votes.count(FormatVersion.V2021)
    for anchor in matcher.anchors:
        if anchor.ref is not None and anchor.ref.row_id == "licensing":
            count = sum(1 for t in anchor.tokens if not t.empty)
            if any(_runs.is_run(t.text) for t in anchor.tokens):
                continue  # a run of digits says nothing about the columns
            if count == 3:
                v2019 += 1
            elif count == 1:
                v2021 += 1
    if v2019 != v2021:
        return FormatVersion.V2019 if v2019 > v2021 else FormatVersion.V2021
    if year is not None and year <= 2020:
        return FormatVersion.V2019
    return FormatVersion.V2021


def _choose_requests_layout(matcher: _Matcher, version: FormatVersion) -> FormatVersion:
    if version is FormatVersion.V2019:
        return version
    other_row = False
    sub_rows = False
    for anchor in matcher.anchors:
        if anchor.ref is None or anchor.ref.table is not TableId.REQUESTS:
            continue
        if anchor.ref.row_id == Outcome.OTHER.value and anchor.has_values:
            other_row = True
        elif anchor.ref.row_id.startswith("other."):
            sub_rows = True
    return FormatVersion.V2019 if other_row and not sub_rows else FormatVersion.V2021


def _anchor_cells(anchor: _Anchor, spec: TableSpec) -> tuple[CellSpec, ...] | None:
    if anchor.ref is None:
        return spec.cells
    try:
        row = spec.row(anchor.ref.row_id)
    except KeyError:
        return None
    start = spec.index[f"{spec.id.value}.{row.id}.{row.columns[0].id}"]
    return spec.cells[start : start + len(row.columns)]


def _row_checks(spec: TableSpec, cells: tuple[CellSpec, ...]) -> list[Check]:
    return list(_row_checks_cached(spec, cells[0].id, len(cells)))


@cache
def _row_checks_cached(spec: TableSpec, first: str, count: int) -> tuple[Check, ...]:
    start = spec.index[first]
    ids = {c.id for c in spec.cells[start : start + count]}
    return tuple(
        check for check in compile_checks(spec) if all(c.id in ids for c in check.cells)
    )


@cache
def _touching_checks(spec: TableSpec, first: str, count: int) -> tuple[Check, ...]:
    """The checks of the table that involve any cell of the row."""
    start = spec.index[first]
    ids = {c.id for c in spec.cells[start : start + count]}
    return tuple(
        check for check in compile_checks(spec) if any(c.id in ids for c in check.cells)
    )


def _confirmed(
    checks: Sequence[Check], cells: Sequence[CellSpec], candidate: Sequence[CellValue]
) -> bool:
    """True when some check of the row holds with the candidate's figures."""
    trial = {c.id: v for c, v in zip(cells, candidate, strict=True)}
    return any(_holds(check, trial) is True for check in checks)


def _holds(check: Check, values: Mapping[str, CellValue]) -> bool | None:
    """True/False when every cell of the check has a figure, else None."""
    figures = [values.get(c.id) for c in check.cells]
    if any(v is None or isinstance(v, Mark) for v in figures):
        return None
    lhs = sum(values[c.id] for c in check.lhs)  # type: ignore[misc]
    rhs = sum(values[c.id] for c in check.rhs)  # type: ignore[misc]
    return bool(lhs == rhs)


_MAX_SPLITS = 50_000

_MAX_RUN_CUTS = 100_000
"""The most candidate cuts of digit runs listed over all rows of one input."""


def _splits(run: str, n: int) -> Iterator[tuple[int, ...]] | None:
    """Every way of cutting one run of digits into ``n`` numbers (no leading zeros).

    None when there are too many ways to try (more than `_MAX_SPLITS`).
    """
    if len(run) < n or math.comb(len(run) - 1, n - 1) > _MAX_SPLITS:
        return None

    def cut(rest: str, parts: int) -> Iterator[tuple[int, ...]]:
        if parts == 1:
            if len(rest) == 1 or rest[0] != "0":
                yield (int(rest),)
            return
        for size in range(1, len(rest) - parts + 2):
            head = rest[:size]
            if len(head) > 1 and head[0] == "0":
                break
            for tail in cut(rest[size:], parts - 1):
                yield (int(head), *tail)

    return cut(run, n)


@attrs.define
class _Placed:
    values: list[CellValue] | None = None
    candidates: list[_runs.Cut] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    partial: bool = False


def _place(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    spec: TableSpec,
    *,
    last: bool,
    truncated: bool,
    budget: list[int] | None = None,
    deadline: Deadline | None = None,
) -> _Placed:
    """Put one row's tokens into its cells, or say why they cannot be placed.

    ``budget`` (one number, decreased) bounds the cuts of digit runs listed
    over all rows of the input.
    """
    n = len(cells)
    tokens = anchor.tokens
    filled = [t for t in tokens if not t.empty]
    place = _place_name(anchor, spec)
    where = anchor.where
    shown = " ".join(t.text for t in filled)
    checks = _row_checks(spec, cells)
    result = _Placed()

    def parse(chosen: Sequence[_Token]) -> list[CellValue] | None:
        values: list[CellValue] = []
        for cell, token in zip(cells, chosen, strict=False):
            value = parse_value(_runs.run_text(token.text), cell.kind)
            if value is None:
                result.findings.append(
                    reading_finding(
                        FindingKind.UNREAD_LINE,
                        token.where,
                        f"{cell.place}：“{token.text}”不是可用的数字，记为缺失",
                        cells=[cell.id],
                    )
                )
                value = Mark.MISSING
            values.append(value)
        return values

    if len(tokens) == 1 and _runs.is_run(tokens[0].text):
        return _place_run(anchor, cells, spec, budget, deadline)
    if len(filled) == n:
        result.values = parse(filled)
        return result
    if len(filled) < n:
        runs = [t.text.strip() for t in filled]
        if (
            len(runs) == 1
            and runs[0].isdigit()
            and len(tokens) == 1
            and _touching_checks(spec, cells[0].id, n)
        ):
            # Figures run together, every separator lost (spec §5): only the
            # cross-checks may split them. A row that still has separators but
            # too few figures has lost a cell, not a separator: splitting one of
            # its figures would be a guess that a check can confirm by chance
            # (``6 9 24 6 5 32`` for 7 cells, read as 6 9 2 4 6 5 32).
            splits = _splits(runs[0], n)
            if splits is not None:
                ok: list[_runs.Cut] = []
                for candidate in splits:
                    trial: dict[str, CellValue] = {
                        c.id: v for c, v in zip(cells, candidate, strict=True)
                    }
                    if all(_holds(ch, trial) is not False for ch in checks):
                        ok.append(candidate)
                        if len(ok) > 200:
                            break
                if len(ok) == 1 and _confirmed(checks, cells, ok[0]):
                    result.values = list(ok[0])
                    result.findings.append(
                        reading_finding(
                            FindingKind.AMBIGUOUS,
                            where,
                            f"{place}：数字连写为“{shown}”，按勾稽关系只有一种拆分"
                            f"（{' '.join(map(str, ok[0]))}），已按此读入",
                            cells=[c.id for c in cells],
                            severity=Severity.WARNING,
                        )
                    )
                    return result
                if ok:
                    result.candidates = ok  # the table's checks decide
                    return result
                if len(runs) == 1 and len(runs[0]) > 1 and not (last and truncated):
                    result.findings.append(
                        reading_finding(
                            FindingKind.AMBIGUOUS,
                            where,
                            f"{place}：数字连写为“{shown}”，无法按勾稽关系拆分为 {n} 个数字",
                            cells=[c.id for c in cells],
                        )
                    )
                    return result
        if len(tokens) >= n:
            # Empty cells are blanks where they stand between figures (or the
            # row has exactly its n cells); empties next to the cut-off ones
            # could be fillers or a deleted cell's place, so they decide nothing.
            size = len(tokens)
            windows = {(0, n), (size - n, size)}
            fitting = [
                (a, b)
                for a, b in windows
                if sum(1 for t in tokens[a:b] if not t.empty) == len(filled)
                and (
                    size == n
                    or (a == 0 and not tokens[b - 1].empty)
                    or (b == size and not tokens[a].empty)
                )
            ]
            if len(fitting) == 1:
                a, b = fitting[0]
                result.values = parse(tokens[a:b])
                return result
        if last and truncated:
            partial = parse(filled) or []
            result.values = partial + [Mark.MISSING] * (n - len(partial))
            result.partial = True
            return result
        result.findings.append(
            reading_finding(
                FindingKind.MISSING_CELL,
                where,
                f"{place}：应有 {n} 个数字，只读到 {len(filled)} 个（{shown or '无'}），"
                "无法确定缺少哪一个，本行记为缺失",
                cells=[c.id for c in cells],
            )
        )
        return result
    # More figures than columns: drop the surplus only where the row's own
    # cross-checks leave exactly one choice.
    surplus = len(filled) - n
    outcomes: set[tuple[str, ...]] = set()
    dropped: dict[tuple[str, ...], list[str]] = {}
    if checks and math.comb(len(filled), surplus) <= 2000:
        for drop in combinations(range(len(filled)), surplus):
            kept = [t for i, t in enumerate(filled) if i not in drop]
            texts = tuple(t.text for t in kept)
            values_list = [
                parse_value(t.text, c.kind) for c, t in zip(cells, kept, strict=True)
            ]
            kept_values: dict[str, CellValue] = {
                c.id: v
                for c, v in zip(cells, values_list, strict=True)
                if v is not None
            }
            if len(kept_values) == n and all(
                _holds(ch, kept_values) is True for ch in checks
            ):
                outcomes.add(texts)
                dropped[texts] = [filled[i].text for i in drop]
    elif not checks and len({t.text for t in filled}) == 1:
        # Without a cross-check only identical figures can be told apart.
        outcomes.add(tuple(t.text for t in filled[:n]))
        dropped[tuple(t.text for t in filled[:n])] = [filled[0].text] * surplus
    if len(outcomes) == 1:
        texts = next(iter(outcomes))
        result.values = parse([_Token(t, where) for t in texts])
        result.findings.append(
            reading_finding(
                FindingKind.EXTRA_CELL,
                where,
                f"{place}：应有 {n} 个数字，读到 {len(filled)} 个（{shown}）；"
                f"多出的“{' '.join(dropped[texts])}”按勾稽关系可确定，已略去",
                cells=[c.id for c in cells],
                severity=Severity.WARNING,
            )
        )
        return result
    result.findings.append(
        reading_finding(
            FindingKind.EXTRA_CELL,
            where,
            f"{place}：应有 {n} 个数字，读到 {len(filled)} 个（{shown}），"
            "无法确定多出的是哪一个，本行记为缺失",
            cells=[c.id for c in cells],
        )
    )
    return result


def _place_run(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    spec: TableSpec,
    budget: list[int] | None,
    deadline: Deadline | None,
) -> _Placed:
    """A dump's run of digits: cut it one way, or list its cuts for `_resolve`."""
    result = _Placed()
    run = _runs.run_text(anchor.tokens[0].text)
    n = len(cells)
    limit = _runs.MAX_CUTS if budget is None else min(_runs.MAX_CUTS, budget[0])
    found = _runs.cuts(run, [c.kind for c in cells], limit=limit, deadline=deadline)
    place = _place_name(anchor, spec)
    shown = shortened(run, 60)
    ids = [c.id for c in cells]
    if found is None:
        result.findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS_CELLS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，可拆分为 {n} 个数字的方式超过 "
                f"{limit} 种，无法确定，本行记为缺失",
                cells=ids,
            )
        )
        return result
    if budget is not None:
        budget[0] -= len(found)
    if not found:
        result.findings.append(
            reading_finding(
                FindingKind.MISSING_CELL,
                anchor.where,
                f"{place}：数字连写为“{shown}”，无法拆分为 {n} 个数字，本行记为缺失",
                cells=ids,
            )
        )
        return result
    if len(found) == 1 and Mark.BLANK not in found[0]:
        result.values = list(found[0])  # the digits cut only one way
        return result
    result.candidates = found
    return result


def _cut_text(cut: Sequence[CellValue]) -> str:
    return "/".join("空" if v is Mark.BLANK else str(v) for v in cut)


def _solve_deferred(
    deferred: Sequence[tuple[_Anchor, tuple[CellSpec, ...], list[_runs.Cut]]],
    specs: Mapping[TableId, TableSpec],
    values: dict[str, CellValue],
    owner: dict[str, _Anchor],
    findings: list[Finding],
    deadline: Deadline | None,
) -> None:
    """Cut the rows whose digits run together, all rows of a table together.

    A cut is taken only when every combination of the rows' cuts under which
    the table's cross-checks hold agrees on it and a check confirms it, and it
    has no blank (a blank cell may print nothing: where it stands is a guess).
    """
    for table in TableId:
        group = [d for d in deferred if d[0].table is table]
        if not group:
            continue
        spec = specs[table]
        rows: list[tuple[_Anchor, tuple[CellSpec, ...], list[_runs.Cut]]] = []
        claimed = set(owner)
        for anchor, cells, candidates in group:
            if any(c.id in claimed for c in cells):
                findings.append(
                    reading_finding(
                        FindingKind.AMBIGUOUS_CELLS,
                        anchor.where,
                        f"{_place_name(anchor, spec)}：本行重复出现，且其数字连写、"
                        "可拆分不止一种，本行记为缺失",
                        cells=[c.id for c in cells],
                    )
                )
                for cell in cells:
                    values[cell.id] = Mark.MISSING
                continue
            claimed.update(c.id for c in cells)
            rows.append((anchor, cells, candidates))
        solved = _runs.solve(
            [
                _runs.RowCuts(tuple(c.id for c in cells), tuple(candidates))
                for _, cells, candidates in rows
            ],
            compile_checks(spec),
            values,
            deadline=deadline,
        )
        for (anchor, cells, candidates), outcome in zip(rows, solved, strict=True):
            _settle(anchor, cells, candidates, outcome, spec, values, owner, findings)


def _settle(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    candidates: list[_runs.Cut],
    outcome: _runs.Solved,
    spec: TableSpec,
    values: dict[str, CellValue],
    owner: dict[str, _Anchor],
    findings: list[Finding],
) -> None:
    place = _place_name(anchor, spec)
    shown = shortened(
        " ".join(_runs.run_text(t.text) for t in anchor.tokens if not t.empty), 60
    )
    ids = [c.id for c in cells]
    n = len(cells)
    value = outcome.value
    if value is not None and outcome.confirmed and Mark.BLANK not in value:
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，按勾稽关系只有一种拆分"
                f"（{' '.join(map(str, value))}），已按此读入",
                cells=ids,
                severity=Severity.WARNING,
            )
        )
        _store(anchor, cells, list(value), values, owner, findings, spec)
        return
    left = list(outcome.left)
    if not left:
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，无法按勾稽关系拆分为 {n} 个数字，"
                "本行记为缺失",
                cells=ids,
            )
        )
    elif all(Mark.BLANK in cut for cut in left):
        digits = sum(ch.isdigit() for ch in shown)
        findings.append(
            reading_finding(
                FindingKind.MISSING_CELL,
                anchor.where,
                f"{place}：应有 {n} 个数字，连写的“{shown}”只有 {digits} 位，"
                "其中的空格可能是一个空白单元格，但空白单元格也可能不留痕迹，"
                f"无法确定 {n} 格中哪一格空白或缺失（如 {_cut_text(left[0])}），本行记为缺失",
                cells=ids,
            )
        )
    else:
        examples = "；".join(_cut_text(cut) for cut in left[:8])
        more = "等" if len(left) > 8 else ""
        why = (
            "组合过多，未能核对完"
            if outcome.capped
            else "公布的数字不满足勾稽关系，无从核对"
            if outcome.conflict
            else "勾稽关系无法确定是哪一种"
        )
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS_CELLS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，可拆分为 {len(left)} 种"
                f"（{examples}{more}），{why}，本行记为缺失",
                cells=ids,
            )
        )
    del candidates
    for cell in cells:
        values.setdefault(cell.id, Mark.MISSING)


def _place_name(anchor: _Anchor, spec: TableSpec) -> str:
    if anchor.ref is None:
        return f"{spec.id.name_zh} 数字行"
    try:
        return f"{spec.id.name_zh} {spec.row(anchor.ref.row_id).label}"
    except KeyError:
        return f"{spec.id.name_zh} {anchor.text}"


def _resolve(
    matcher: _Matcher,
    *,
    year: int | None,
    truncated: bool,
    deadline: Deadline | None = None,
) -> GridMatch:
    version = _choose_version(matcher, year)
    requests_layout = _choose_requests_layout(matcher, version)
    specs = {
        TableId.ACTIVE: format_spec(version).active,
        TableId.REQUESTS: format_spec(requests_layout).requests,
        TableId.APPEALS: format_spec(version).appeals,
    }
    findings = list(matcher.findings)
    values: dict[str, CellValue] = {}
    owner: dict[str, _Anchor] = {}
    deferred: list[tuple[_Anchor, tuple[CellSpec, ...], list[_runs.Cut]]] = []
    budget = [_MAX_RUN_CUTS]
    anchors = matcher.anchors
    last_anchor = anchors[-1] if anchors else None
    with_values = {a.ref for a in anchors if a.has_values}
    for anchor in anchors:
        spec = specs[anchor.table]
        cells = _anchor_cells(anchor, spec)
        if cells is None:
            if (
                anchor.ref is not None
                and anchor.ref.row_id == Outcome.OTHER.value
                and not anchor.has_values
            ):
                continue  # the 2021 group cell （六）其他处理
            shown = " ".join(t.text for t in anchor.tokens if not t.empty)
            findings.append(
                reading_finding(
                    FindingKind.UNKNOWN_LABEL,
                    anchor.where,
                    f"“{anchor.text}”不是{spec.layout.value} 版格式{spec.id.name_zh}的行"
                    + (f"，其数字（{shown}）未读入" if shown else ""),
                )
            )
            continue
        if not anchor.has_values and anchor.ref in with_values:
            continue  # the label again without figures (a spanning cell)
        placed = _place(
            anchor,
            cells,
            spec,
            last=anchor is last_anchor,
            truncated=truncated,
            budget=budget,
            deadline=deadline,
        )
        findings.extend(placed.findings)
        if placed.candidates:
            deferred.append((anchor, cells, placed.candidates))
            continue
        if placed.values is None:
            for cell in cells:
                values.setdefault(cell.id, Mark.MISSING)
            continue
        _store(anchor, cells, placed.values, values, owner, findings, spec)
    _solve_deferred(deferred, specs, values, owner, findings, deadline)
    last: tuple[TableId, str] | None = None
    last_where = ""
    last_label = ""
    if last_anchor is not None:
        spec = specs[last_anchor.table]
        cells = _anchor_cells(last_anchor, spec)
        if cells is not None:
            last = (last_anchor.table, cells[-1].id)
            last_label = cells[0].row.label if last_anchor.ref is not None else "数字行"
        last_where = last_anchor.where
    return GridMatch(
        values=values,
        findings=findings,
        format_version=version,
        requests_layout=requests_layout,
        tables=frozenset(a.table for a in anchors),
        last=last,
        last_where=last_where,
        last_label=last_label,
    )


def _store(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    new: Sequence[CellValue],
    values: dict[str, CellValue],
    owner: dict[str, _Anchor],
    findings: list[Finding],
    spec: TableSpec,
) -> None:
    first = owner.get(cells[0].id)
    if first is not None:
        old = [values.get(c.id) for c in cells]
        same = old == list(new)
        findings.append(
            reading_finding(
                FindingKind.EXTRA_CELL if same else FindingKind.AMBIGUOUS,
                anchor.where,
                f"{_place_name(anchor, spec)}：本行重复出现（首次在{first.where}）"
                + ("，数字相同，已忽略" if same else "，两处数字不同，本行记为缺失"),
                cells=[c.id for c in cells],
                severity=Severity.WARNING if same else Severity.ERROR,
            )
        )
        if not same:
            for cell in cells:
                values[cell.id] = Mark.MISSING
        return
    for cell, value in zip(cells, new, strict=True):
        values[cell.id] = value
        owner[cell.id] = anchor


# -------------------------------------------------------------- the report


@cache
def _row_ids(spec: TableSpec) -> tuple[tuple[RowSpec, list[str]], ...]:
    return tuple(
        (row, [f"{spec.id.value}.{row.id}.{c.id}" for c in row.columns])
        for row in spec.rows
    )


def build_report(
    match: GridMatch,
    *,
    agency: str,
    year: int,
    date_of_issue: date | None = None,
    title: str | None = None,
    preface: Iterable[str] = (),
    overview: Narrative | None = None,
    problems: Narrative | None = None,
    other_matters: Narrative | None = None,
    truncated: bool = False,
    findings: Iterable[Finding] = (),
) -> Report:
    """The report held as published: figures read, MISSING for the rest, findings.

    Rows the grid lacks are reported as ``MISSING_ROW`` (a whole table as
    ``MISSING_SECTION``); with ``truncated`` every row after the last one read
    is instead covered by one ``TRUNCATED`` finding naming the table and row
    where the input ended. ``findings`` (e.g. from the narrative) come first.
    Nothing is computed: a total the input lacks stays `Mark.MISSING`.
    """
    all_findings = list(findings)
    all_findings.extend(match.findings)
    version = match.format_version
    specs = (
        format_spec(version).active,
        format_spec(match.requests_layout).requests,
        format_spec(version).appeals,
    )
    after_cut = truncated and match.last is None
    cut_cells: list[str] = []
    for spec in specs:
        if after_cut:
            cut_cells.extend(i for i in spec.cell_ids if i not in match.values)
            continue
        if not any(c.id in match.values for c in spec.cells):
            all_findings.append(
                reading_finding(
                    FindingKind.MISSING_SECTION,
                    "",
                    f"没有找到{spec.id.name_zh}（{spec.heading}）的数字",
                    cells=spec.cell_ids,
                )
            )
            continue
        for row, ids in _row_ids(spec):
            if after_cut:
                cut_cells.extend(i for i in ids if i not in match.values)
                continue
            if not any(i in match.values for i in ids):
                all_findings.append(
                    reading_finding(
                        FindingKind.MISSING_ROW,
                        "",
                        f"{spec.id.name_zh} 没有找到“{row.label}”这一行，其数字记为缺失",
                        cells=ids,
                    )
                )
            if truncated and match.last is not None and match.last[1] in ids:
                after_cut = True
                cut_cells.extend(i for i in ids if match.values.get(i) is Mark.MISSING)
    if truncated:
        if match.last is not None:
            table = match.last[0]
            where = f"{table.name_zh} {match.last_label}"
            message = f"输入在{where}处中断，其后 {len(cut_cells)} 个单元格缺失"
        else:
            message = f"输入在表格之前中断，{len(cut_cells)} 个单元格缺失"
        all_findings.append(
            reading_finding(
                FindingKind.TRUNCATED,
                match.last_where,
                message,
                cells=cut_cells,
            )
        )
    report = from_cells(
        match.values,
        agency=agency,
        year=year,
        format_version=version,
        date_of_issue=date_of_issue,
        title=title,
        preface=preface,
        overview=overview,
        problems=problems,
        other_matters=other_matters,
        requests_layout=match.requests_layout,
        as_published=True,
    )
    return attrs.evolve(report, reading_findings=all_findings)  # type: ignore[arg-type]
