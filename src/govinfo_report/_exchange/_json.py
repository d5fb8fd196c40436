"""The JSON exchange format: `to_json` / `from_json` and `to_dict` / `from_dict`.

Writing goes through the one converter (`_converter.CONVERTER`). Reading is
strict: the whole document is walked against the layout of `_document` before
anything is built, and every problem is reported with its JSON path and what
was expected, in one `ExchangeFormatError`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final

from govinfo_report._exchange._converter import CONVERTER
from govinfo_report._exchange._document import (
    AMOUNT_RE,
    MAX_AMOUNT_CHARS,
    MAX_COUNT,
    MAX_INT_DIGITS,
    OBJECT_FIELDS,
    SCHEMA_VERSION,
    TOP_KEYS,
    FieldKind,
    Tree,
    table_layouts,
    table_sections,
    tree,
    unknown_key_hint,
)
from govinfo_report._format import CellKind, CellSpec, FormatVersion, TableId
from govinfo_report._model import Metadata, Narrative, Report, table_type
from govinfo_report._values import CellValue, Mark
from govinfo_report.exceptions import ExchangeFormatError, InvalidReportError

__all__ = ["from_dict", "from_json", "to_dict", "to_json"]

MAX_DOCUMENT_CHARS: Final = 16 * 1024 * 1024
"""A JSON document longer than this (16 Mi characters) is refused unread."""

_GUARD_DIGITS: Final = 10_000
"""Above this many digits Python's own int limit is no guard: integers are checked."""
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def to_dict(report: Report) -> dict[str, Any]:
    """The report as the plain JSON-compatible dict that `to_json` writes.

    >>> from govinfo_report import example_report
    >>> doc = to_dict(example_report())
    >>> doc["schema_version"], doc["format_version"], doc["requests"]["total"]["total"]
    (1, '2021', 58)
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
    ['  "schema_version": 1,', '  "format_version": "2021",']

    Raises:
        ExchangeFormatError: a count too large for JSON readers (beyond 2**53-1).
    """
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, *, strict: bool = False) -> Report:
    """Read a report from a JSON document written by `to_json` (or to its schema).

    The report is held as published: figures that break the cross-checks are
    kept, and `govinfo_report.validate` reports them. With ``strict=True`` such
    a report is refused.

    >>> from govinfo_report import example_report
    >>> from_json(to_json(example_report())) == example_report()
    True

    Raises:
        ExchangeFormatError: the text is not JSON, or not a report document;
            ``problems`` lists every problem with its JSON path.
        InconsistentReportError: ``strict=True`` and the figures break a
            cross-check of error severity.
    """
    return from_dict(_loads(text), strict=strict)


def from_dict(data: object, *, strict: bool = False) -> Report:
    """Build a report from the dict form (`to_dict`), as strictly as `from_json`.

    Raises:
        ExchangeFormatError: the dict is not a report document.
        InconsistentReportError: ``strict=True`` and the figures break a
            cross-check of error severity.
    """
    problems: list[str] = []
    parts = _Reader(problems).document(data)
    if problems or parts is None:
        raise ExchangeFormatError(
            problems or ["$: 不是报告文档（not a report document）"]
        )
    try:
        return Report(**parts, as_published=not strict)
    except InvalidReportError as error:
        if type(error) is not InvalidReportError:
            raise  # InconsistentReportError under strict=True
        raise ExchangeFormatError([f"$: {error}"]) from None


# ----------------------------------------------------------------- parsing JSON


class _Number:
    """A JSON number that is no count: a fraction, an exponent, NaN, or too long."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def describe(self) -> str:
        text = self.text
        if text.lstrip("-").isdigit():
            return f"超过 {MAX_INT_DIGITS} 位的整数（{len(text.lstrip('-'))} 位，integer too long）"
        if text in ("NaN", "Infinity", "-Infinity"):
            return f"{text}（不是 JSON 数值，not a JSON number）"
        shown = text if len(text) <= 30 else text[:30] + "…"
        return f"带小数或指数的数 {shown}（number with fraction or exponent）"


class _Duplicates(dict[str, Any]):
    """A JSON object in which some key appears more than once."""

    duplicates: tuple[str, ...] = ()


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
    dup = _Duplicates(obj)
    dup.duplicates = tuple(twice)
    return dup


def _int(text: str) -> int | _Number:
    if len(text) > MAX_INT_DIGITS:
        return _Number(text)
    return int(text)


def _loads(text: str | bytes) -> object:
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeFormatError(
                [f"第 {error.start} 字节：不是 UTF-8 编码（not UTF-8）"]
            ) from None
    if not isinstance(text, str):
        raise ExchangeFormatError(
            [f"$: 应为 JSON 文本（str 或 bytes），不是 {type(text).__name__}"]
        )
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ExchangeFormatError(
            [
                f"文档过长（document too long）：{len(text)} 个字符，"
                f"上限 {MAX_DOCUMENT_CHARS}（max_document_chars）"
            ]
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
            parse_float=_Number,
            parse_constant=_Number,
        )
    except json.JSONDecodeError as error:
        raise ExchangeFormatError(
            [f"第 {error.lineno} 行第 {error.colno} 列：不是有效的 JSON（{error.msg}）"]
        ) from None
    except RecursionError:
        raise ExchangeFormatError(
            ["嵌套过深（nesting too deep）：超出 JSON 解析的递归上限，不是报告文档"]
        ) from None


# ------------------------------------------------------------ reading the tree


def _join(path: str, key: str) -> str:
    if _KEY.match(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _describe(value: object) -> str:
    """What a JSON value is, for a message."""
    if value is None:
        return "null"
    if value is True or value is False:
        return f"布尔值 {'true' if value else 'false'}（bool）"
    if isinstance(value, _Number):
        return value.describe()
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, float):
        return f"浮点数 {value!r}（float）"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return f"字符串 {json.dumps(shown, ensure_ascii=False)}（string）"
    if isinstance(value, list):
        return "数组（array）"
    if isinstance(value, dict):
        return "对象（object）"
    return f"Python 类型 {type(value).__name__}（不是 JSON 值）"


_MARKS = '""（空白 blank）、"/"（不适用 not applicable）或 null（缺失 missing）'
_EXPECTED = {
    CellKind.COUNT: f"应为非负整数（count: JSON integer 0…{MAX_COUNT}）或 {_MARKS}",
    CellKind.SIGNED_COUNT: (
        f"应为整数（signed count: JSON integer, |n| ≤ {MAX_COUNT}）或 {_MARKS}"
    ),
    CellKind.AMOUNT: (
        '应为十进制金额字符串（amount: decimal string such as "12.50"，'
        f"不带符号、千分位与空格，至多 {MAX_AMOUNT_CHARS} 个字符）或 {_MARKS}"
    ),
}


def _cell_problem(cell: CellSpec, value: object) -> str:
    expected = _EXPECTED[cell.kind]
    got = _describe(value)
    if type(value) is int and value < 0 and cell.kind is CellKind.COUNT:
        got = f"负数 {value}（计数不能为负，negative count）"
    elif type(value) is int and cell.kind is not CellKind.AMOUNT:
        got = f"整数 {value}（超出范围，out of range）"
    elif (
        isinstance(value, (int, float, _Number))
        and value is not True
        and value is not False
        and cell.kind is CellKind.AMOUNT
    ):
        got += "；金额须写成字符串以保留公布的小数位（an amount is a string）"
    return f"$.{cell.id}: {expected}，实为{got}（{cell.place}）"


class _Reader:
    """One walk over a document, collecting every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def keys(
        self,
        value: object,
        path: str,
        keys: Sequence[str],
        hint: Callable[[str], str] | None = None,
    ) -> dict[str, Any] | None:
        """Check an object has exactly ``keys``; None when it is no object."""
        if not isinstance(value, dict):
            self.problem(path, f"应为对象（object），实为{_describe(value)}")
            return None
        if isinstance(value, _Duplicates):
            for key in value.duplicates:
                self.problem(_join(path, key), "键重复出现（duplicate key）")
        if len(value) != len(keys) or any(k not in value for k in keys):
            for key in value:
                if key not in keys:
                    why = f"：{hint(key)}" if hint is not None else ""
                    self.problem(
                        _join(path, key),
                        f"未知的键（unknown key）{why}；此处的键为 {', '.join(keys)}",
                    )
            for key in keys:
                if key not in value:
                    self.problem(_join(path, key), "缺少此键（missing key）")
        return value

    def document(self, data: object) -> dict[str, Any] | None:
        doc = self.keys(data, "$", TOP_KEYS)
        if doc is None:
            return None
        version_ok = True
        schema_version = doc.get("schema_version")
        if "schema_version" in doc and (
            type(schema_version) is not int or schema_version != SCHEMA_VERSION
        ):
            self.problem(
                "$.schema_version",
                f"应为 {SCHEMA_VERSION}（本库读写的文档版本），实为{_describe(schema_version)}",
            )
            version_ok = False
        version = self.enum(doc, "format_version", "$.format_version")
        layout = self.enum(doc, "requests_layout", "$.requests_layout")
        layouts: dict[TableId, FormatVersion] = {}
        if version is not None:
            for table, allowed in table_layouts(version):
                chosen = layout if table is TableId.REQUESTS else allowed[0]
                if chosen is None:
                    continue
                if chosen not in allowed:
                    self.problem(
                        "$.requests_layout",
                        f"{version.value} 版格式的报告，表三只能是 "
                        f"{' 或 '.join(repr(a.value) for a in allowed)} 版格式，"
                        f"实为 {chosen.value!r}",
                    )
                    continue
                layouts[table] = chosen
        parts: dict[str, Any] = {}
        if "metadata" in doc:
            parts["metadata"] = self.metadata(doc["metadata"], version)
        if "preface" in doc:
            parts["preface"] = self.texts(doc["preface"], "$.preface")
        for section, table_id in table_sections().items():
            name = section.value
            if name not in doc:
                continue
            if table_id is None:
                parts[name] = self.narrative(doc[name], f"$.{name}")
            elif table_id in layouts:
                parts[name] = self.table(doc[name], table_id, layouts[table_id])
        if self.problems or not version_ok:
            return None
        return parts

    def enum(self, doc: Mapping[str, Any], key: str, path: str) -> FormatVersion | None:
        if key not in doc:
            return None
        value = doc[key]
        for version in FormatVersion:
            if value == version.value and type(value) is str:
                return version
        allowed = " 或 ".join(f'"{v.value}"' for v in FormatVersion)
        self.problem(path, f"应为 {allowed}，实为{_describe(value)}")
        return None

    # --- metadata and narratives

    def fields(
        self, value: object, path: str, fields: tuple[tuple[str, FieldKind], ...]
    ) -> dict[str, Any] | None:
        before = len(self.problems)
        obj = self.keys(value, path, tuple(name for name, _ in fields))
        if obj is None:
            return None
        out: dict[str, Any] = {}
        for name, kind in fields:
            if name in obj:
                out[name] = self.field(obj[name], _join(path, name), kind)
        return out if len(self.problems) == before and len(out) == len(fields) else None

    def field(self, value: object, path: str, kind: FieldKind) -> Any:
        if kind is FieldKind.TEXT or (
            kind is FieldKind.TEXT_OR_NULL and value is not None
        ):
            if type(value) is not str:
                self.problem(path, f"应为字符串（string），实为{_describe(value)}")
            return value
        if kind is FieldKind.INTEGER:
            if type(value) is not int:
                self.problem(path, f"应为整数（integer），实为{_describe(value)}")
            return value
        if kind is FieldKind.DATE_OR_NULL:
            if value is None:
                return None
            if type(value) is str and _DATE.match(value):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
            self.problem(
                path,
                f'应为 ISO 8601 日期 "YYYY-MM-DD"（date）或 null，实为{_describe(value)}',
            )
            return None
        if kind is FieldKind.TEXTS:
            return self.texts(value, path)
        if kind is FieldKind.SUBSECTIONS:
            if type(value) is not list:
                self.problem(path, f"应为数组（array），实为{_describe(value)}")
                return ()
            return tuple(
                self.fields(item, f"{path}[{i}]", OBJECT_FIELDS["subsection"])
                for i, item in enumerate(value)
            )
        return value  # TEXT_OR_NULL holding null

    def texts(self, value: object, path: str) -> tuple[str, ...]:
        if type(value) is not list:
            self.problem(
                path, f"应为字符串数组（array of strings），实为{_describe(value)}"
            )
            return ()
        for i, item in enumerate(value):
            if type(item) is not str:
                self.problem(
                    f"{path}[{i}]", f"应为字符串（string），实为{_describe(item)}"
                )
        return tuple(value)

    def metadata(self, value: object, version: FormatVersion | None) -> Any:
        fields = self.fields(value, "$.metadata", OBJECT_FIELDS["metadata"])
        if fields is None or version is None:
            return None
        try:
            return Metadata(**fields, format_version=version)
        except InvalidReportError as error:
            self.problem("$.metadata", str(error))
            return None

    def narrative(self, value: object, path: str) -> Any:
        fields = self.fields(value, path, OBJECT_FIELDS["narrative"])
        if fields is None:
            return None
        return CONVERTER.structure(fields, Narrative)

    # --- tables

    def table(self, value: object, table: TableId, layout: FormatVersion) -> Any:
        cls = table_type(table.value, layout)
        values: list[CellValue | None] = [None] * len(cls.spec.cells)
        before = len(self.problems)
        self.branch(value, _PLANS[table, layout], f"$.{table.value}", values)
        if len(self.problems) != before:
            return None
        return cls(tuple(values))  # type: ignore[arg-type]

    def branch(
        self, value: object, plan: _Plan, path: str, values: list[CellValue | None]
    ) -> None:
        checked = False
        if type(value) is not dict or len(value) != len(plan.entries):
            if self.keys(value, path, plan.keys, plan.hint) is None:
                return
            checked = True
        obj: dict[str, Any] = value  # type: ignore[assignment]
        for key, index, code, sub in plan.entries:
            item = obj.get(key, _ABSENT)
            if item is _ABSENT:
                if not checked:  # as many keys as expected, but not the same ones
                    self.keys(value, path, plan.keys, plan.hint)
                    checked = True
                continue
            if sub is not None:
                self.branch(item, sub, f"{path}.{key}", values)
                continue
            t = type(item)
            if t is int:
                if (0 if code == _COUNT else -MAX_COUNT) <= item <= MAX_COUNT and (
                    code != _AMOUNT
                ):
                    values[index] = item
                    continue
            elif item is None:
                values[index] = Mark.MISSING
                continue
            elif t is str:
                if item == "":
                    values[index] = Mark.BLANK
                    continue
                if item == "/":
                    values[index] = Mark.NOT_APPLICABLE
                    continue
                if (
                    code == _AMOUNT
                    and len(item) <= MAX_AMOUNT_CHARS
                    and AMOUNT_RE.match(item)
                ):
                    values[index] = Decimal(item)
                    continue
            self.problems.append(_cell_problem(plan.cells[key], item))


_COUNT, _SIGNED, _AMOUNT = 0, 1, 2
_CODES: Final = {
    CellKind.COUNT: _COUNT,
    CellKind.SIGNED_COUNT: _SIGNED,
    CellKind.AMOUNT: _AMOUNT,
}
_ABSENT: Final = object()


class _Plan:
    """One object of a table, compiled for a fast walk."""

    __slots__ = ("cells", "entries", "hint", "keys")

    def __init__(self, node: Tree, table: TableId, layout: FormatVersion, dotted: str):
        self.keys = tuple(node)
        self.cells = {k: v for k, v in node.items() if isinstance(v, CellSpec)}
        self.entries: tuple[tuple[str, int, int, _Plan | None], ...] = tuple(
            (key, sub.index, _CODES[sub.kind], None)
            if isinstance(sub, CellSpec)
            else (key, -1, -1, _Plan(sub, table, layout, f"{dotted}.{key}"))
            for key, sub in node.items()
        )

        def hint(key: str) -> str:
            return unknown_key_hint(table, layout, f"{dotted}.{key}")

        self.hint = hint


_PLANS: Final = {
    (table, layout): _Plan(tree(table, layout), table, layout, table.value)
    for version in FormatVersion
    for table, layouts in table_layouts(version)
    for layout in layouts
}
