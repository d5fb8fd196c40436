"""The JSON exchange format: `to_json` / `from_json` and `to_dict` / `from_dict`.

Both directions go through the one converter (`_converter.CONVERTER`); its
structure hook for `Report` is the strict walk of `_decode`. This module adds
the JSON text: parsing that keeps what a walk must see (duplicate keys,
numbers that are no counts) and refuses absurd input before it is converted.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Final

import attrs

from govinfo_report._exchange._converter import CONVERTER
from govinfo_report._exchange._decode import Duplicates, Number
from govinfo_report._exchange._document import MAX_INT_DIGITS
from govinfo_report._limits import DEFAULT_LIMITS, Limits
from govinfo_report._model import Report
from govinfo_report.exceptions import ExchangeFormatError

_GUARD_DIGITS: Final = 10_000
"""Above this many digits Python's own int limit is no guard: integers are checked."""


def to_dict(report: Report) -> dict[str, Any]:
    """The report as the plain JSON-compatible dict that `to_json` writes.

    >>> from govinfo_report import example_report
    >>> doc = to_dict(example_report())
    >>> doc["schema_version"], doc["format_version"], doc["requests"]["total"]["total"]
    (2, '2021', 58)
    >>> doc["active"]["fees"]["amount"]
    '12.56'

    Raises:
        ExchangeFormatError: a count too large for JSON readers (beyond 2**53-1).
    """
    result: dict[str, Any] = CONVERTER.unstructure(report, Report)
    return result


def to_json(report: Report, *, indent: int | None = 2) -> str:
    """The report as a JSON document (UTF-8 text, Chinese kept readable).

    The same report always gives the same text: keys stand in the order of the
    format. ``indent=None`` writes one compact line.

    >>> from govinfo_report import example_report
    >>> text = to_json(example_report())
    >>> text.splitlines()[1:3]
    ['  "schema_version": 2,', '  "format_version": "2021",']

    Raises:
        ExchangeFormatError: a count too large for JSON readers (beyond 2**53-1).
    """
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_json(
    text: str | bytes, *, strict: bool = False, limits: Limits | None = None
) -> Report:
    """Read a report from a JSON document written by `to_json` (or to its schema).

    The report is held as published: figures that break the cross-checks are
    kept, and `govinfo_report.validate` reports them. With ``strict=True`` such
    a report is refused. A document larger than ``limits.max_input_bytes``
    (UTF-8 size; 20 MiB by default) is refused before it is decoded or parsed.

    >>> from govinfo_report import example_report
    >>> from_json(to_json(example_report())) == example_report()
    True

    Raises:
        ExchangeFormatError: the text is not JSON, or not a report document;
            ``problems`` lists every problem with its JSON path.
        LimitExceededError: the document is larger than ``limits`` allow.
        InconsistentReportError: ``strict=True`` and the figures break a
            cross-check of error severity.
    """
    return from_dict(_loads(text, limits or DEFAULT_LIMITS), strict=strict)


def from_dict(data: object, *, strict: bool = False) -> Report:
    """Build a report from the dict form (`to_dict`), as strictly as `from_json`.

    Raises:
        ExchangeFormatError: the dict is not a report document.
        InconsistentReportError: ``strict=True`` and the figures break a
            cross-check of error severity.
    """
    report: Report = CONVERTER.structure(data, Report)
    if strict:
        # Held as published so far; as a checked report it raises
        # InconsistentReportError listing every break of error severity.
        report = attrs.evolve(report, as_published=False)
    return report


# ----------------------------------------------------------------- parsing JSON


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    twice = []
    for key, _ in pairs:
        if key in seen and key not in twice:
            twice.append(key)
        seen.add(key)
    dup = Duplicates(obj)
    dup.duplicates = tuple(twice)
    return dup


def _int(text: str) -> int | Number:
    if len(text) > MAX_INT_DIGITS:
        return Number(text)
    return int(text)


def _loads(text: str | bytes, limits: Limits) -> object:
    if isinstance(text, (bytes, bytearray)):
        limits.check_size(len(text))
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeFormatError(
                [f"第 {error.start} 字节：不是 UTF-8 编码（not UTF-8）"]
            ) from None
    elif isinstance(text, str):
        limits.check_text_size(text)
    else:
        raise ExchangeFormatError(
            [f"$: 应为 JSON 文本（str 或 bytes），不是 {type(text).__name__}"]
        )
    # The json module converts integers itself (fast) as long as Python's own
    # limit on integer digits guards it; an integer beyond that limit, or any
    # integer when the limit is off, goes through `_int`, which keeps one too
    # long as text so that the walk names its path.
    guarded = 0 < sys.get_int_max_str_digits() <= _GUARD_DIGITS
    try:
        return _parse(text, checked_ints=not guarded)
    except ValueError as error:
        if isinstance(error, ExchangeFormatError) or not guarded:
            raise
        return _parse(text, checked_ints=True)


def _parse(text: str, *, checked_ints: bool) -> object:
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_int if checked_ints else None,
            parse_float=Number,
            parse_constant=Number,
        )
    except json.JSONDecodeError as error:
        raise ExchangeFormatError(
            [f"第 {error.lineno} 行第 {error.colno} 列：不是有效的 JSON（{error.msg}）"]
        ) from None
    except RecursionError:
        raise ExchangeFormatError(
            ["嵌套过深（nesting too deep）：超出 JSON 解析的递归上限，不是报告文档"]
        ) from None
