"""Cell texts: what one cell of a grid holds, and the reading finding.

`parse_value` reads a published figure (``1,268``, ``—`` for not applicable,
blank); `is_value_text` and `_cell_kind` tell a figure from a label, a page
marker or an empty cell. `reading_finding` is the one way a reader reports
what it could not read, with the place in the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import CellKind
from govinfo_report._values import CellValue, Mark

READER_RULE = "READ"
"""The ``rule`` of every reading finding."""

_KIND_SEVERITY = {
    FindingKind.UNREAD_LINE: Severity.WARNING,
    FindingKind.UNKNOWN_LABEL: Severity.WARNING,
    FindingKind.MISSING_ROW: Severity.ERROR,
    FindingKind.MISSING_CELL: Severity.ERROR,
    FindingKind.EXTRA_CELL: Severity.ERROR,
    FindingKind.AMBIGUOUS: Severity.ERROR,
    FindingKind.TRUNCATED: Severity.ERROR,
    FindingKind.MISSING_SECTION: Severity.ERROR,
    FindingKind.MISSING_METADATA: Severity.WARNING,
    FindingKind.REMOVED_CHARACTERS: Severity.WARNING,
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
