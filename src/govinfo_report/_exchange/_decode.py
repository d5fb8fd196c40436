"""The strict walk that turns a JSON document into a report.

The whole document is checked against the layout of `_document` before
anything is built, and every problem is reported with its JSON path and what
was expected, in one `ExchangeFormatError`. cattrs' own structuring would
coerce (``"3"`` → 3, ``2.9`` → 2) and report one problem at a time, so the
converter's structure hook for `Report` is this walk (`read_report`).

Over 500 lines: the strict JSON walk and its generated fast path read the same
key tree and must agree, so they stay together (a test checks one against the other).
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final

from govinfo_report._exchange._document import (
    AMOUNT_RE,
    MAX_AMOUNT_CHARS,
    MAX_COUNT,
    MAX_INT_DIGITS,
    OBJECT_FIELDS,
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    TOP_KEYS,
    UNIT_KEY,
    FieldKind,
    Problems,
    Tree,
    table_layouts,
    table_sections,
    tree,
    unknown_key_hint,
)
from govinfo_report._exchange._generated import compile_generated
from govinfo_report._findings import shortened
from govinfo_report._format import (
    AmountUnit,
    CellKind,
    CellSpec,
    FormatVersion,
    TableId,
)
from govinfo_report._model import Metadata, Narrative, Report, Subsection, table_type
from govinfo_report._values import CellValue, Mark
from govinfo_report._xmltext import describe_unsafe, unsafe_at
from govinfo_report.exceptions import ExchangeFormatError, InvalidReportError

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def read_report(data: object, _type: object = Report) -> Report:
    """The report a document describes, held as published.

    Raises:
        ExchangeFormatError: ``problems`` lists every problem with its JSON path.
    """
    problems = Problems()
    parts = _Reader(problems).document(data)
    if problems or parts is None:
        raise ExchangeFormatError(
            problems.listed() or ["$: 不是报告文档（not a report document）"]
        )
    try:
        return Report(**parts, as_published=True)
    except InvalidReportError as error:  # pragma: no cover - the walk checks first
        raise ExchangeFormatError([f"$: {error}"]) from None


class Number:
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
        shown = shortened(text, 30)
        return f"带小数或指数的数 {shown}（number with fraction or exponent）"


class Duplicates(dict[str, Any]):
    """A JSON object in which some key appears more than once."""

    duplicates: tuple[str, ...] = ()


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
    if isinstance(value, Number):
        return value.describe()
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, float):
        return f"浮点数 {value!r}（float）"
    if isinstance(value, str):
        shown = shortened(value, 30)
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
        isinstance(value, (int, float, Number))
        and value is not True
        and value is not False
        and cell.kind is CellKind.AMOUNT
    ):
        got += "；金额须写成字符串以保留公布的小数位（an amount is a string）"
    return f"$.{cell.id}: {expected}，实为{got}（{cell.place}）"


class _Reader:
    """One walk over a document, collecting every problem."""

    def __init__(self, problems: Problems) -> None:
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
        if isinstance(value, Duplicates):
            for key in value.duplicates:
                self.problem(_join(path, key), "键重复出现（duplicate key）")
        if len(value) != len(keys) or any(k not in value for k in keys):
            for key in value:
                if self.problems.full:
                    break
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
            type(schema_version) is not int
            or schema_version not in READABLE_SCHEMA_VERSIONS
        ):
            readable = " 或 ".join(map(str, READABLE_SCHEMA_VERSIONS))
            self.problem(
                "$.schema_version",
                f"应为 {readable}（本库读的文档版本，写的是 {SCHEMA_VERSION}），"
                f"实为{_describe(schema_version)}",
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
            elif unsafe_at(value) is not None:
                self.problem(path, describe_unsafe(value))
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
            subsections = []
            for i, item in enumerate(value):
                if self.problems.full:
                    break
                subsections.append(
                    self.fields(item, f"{path}[{i}]", OBJECT_FIELDS["subsection"])
                )
            return tuple(subsections)
        return value  # TEXT_OR_NULL holding null

    def texts(self, value: object, path: str) -> tuple[str, ...]:
        if type(value) is not list:
            self.problem(
                path, f"应为字符串数组（array of strings），实为{_describe(value)}"
            )
            return ()
        if set(map(type, value)) <= _STR_ONLY and unsafe_at("".join(value)) is None:
            return tuple(value)
        for i, item in enumerate(value):
            if type(item) is not str:
                self.problem(
                    f"{path}[{i}]", f"应为字符串（string），实为{_describe(item)}"
                )
            elif unsafe_at(item) is not None:
                self.problem(f"{path}[{i}]", describe_unsafe(item))
            else:
                continue
            if self.problems.full:
                break
        return tuple(value)

    def metadata(self, value: object, version: FormatVersion | None) -> Any:
        fields = self.fields(value, "$.metadata", OBJECT_FIELDS["metadata"])
        if fields is None or version is None:
            return None
        try:
            return Metadata(**fields, format_version=version)
        except InvalidReportError as error:
            # The model stops at its first complaint; try each field alone
            # against plain values so that every bad field is named.
            plain = {
                "agency": "机关",
                "year": 2025,
                "date_of_issue": None,
                "title": None,
            }
            found = False
            for name in fields:
                try:
                    Metadata(**{**plain, name: fields[name]}, format_version=version)
                except InvalidReportError as alone:
                    self.problem(_join("$.metadata", name), str(alone))
                    found = True
            if not found:
                self.problem("$.metadata", str(error))
            return None

    def narrative(self, value: object, path: str) -> Any:
        if type(value) is dict and len(value) == 2:
            # Fast path: the usual well-formed narrative, checked in C.
            paragraphs = value.get("paragraphs")
            subsections = value.get("subsections")
            if (
                type(paragraphs) is list
                and set(map(type, paragraphs)) <= _STR_ONLY
                and type(subsections) is list
                and all(
                    type(sub) is dict
                    and len(sub) == 2
                    and type(sub.get("title")) is str
                    and type(sub.get("paragraphs")) is list
                    and set(map(type, sub["paragraphs"])) <= _STR_ONLY
                    for sub in subsections
                )
            ):
                try:
                    return Narrative(
                        paragraphs=paragraphs,
                        subsections=[
                            Subsection(title=sub["title"], paragraphs=sub["paragraphs"])
                            for sub in subsections
                        ],
                    )
                except InvalidReportError:
                    pass  # a character XML cannot hold: the walk names where
        fields = self.fields(value, path, OBJECT_FIELDS["narrative"])
        if fields is None:
            return None
        fields["subsections"] = [Subsection(**sub) for sub in fields["subsections"]]
        return Narrative(**fields)

    # --- tables

    def table(self, value: object, table: TableId, layout: FormatVersion) -> Any:
        cls = table_type(table.value, layout)
        unit: AmountUnit | None = None
        before = len(self.problems)
        if cls.spec.published_unit and type(value) is dict and UNIT_KEY in value:
            # the unit beside the figures (schema version 2; absent in 1)
            value = dict(value)
            unit = self.unit(value.pop(UNIT_KEY), f"$.{table.value}.{UNIT_KEY}")
        fast = _FAST[table, layout](value)
        if fast is not None and len(self.problems) == before:
            return cls(fast, amount_unit=unit)
        values: list[CellValue | None] = [None] * len(cls.spec.cells)
        self.branch(value, _PLANS[table, layout], f"$.{table.value}", values)
        if len(self.problems) != before:
            return None
        return cls(tuple(values), amount_unit=unit)  # type: ignore[arg-type]

    def unit(self, value: object, path: str) -> AmountUnit | None:
        if value is None:
            return None
        if type(value) is str:
            for unit in AmountUnit:
                if unit.value == value:
                    return unit
        units = "、".join(f'"{u.value}"' for u in AmountUnit)
        self.problem(path, f"应为 {units} 或 null（金额单位），实为{_describe(value)}")
        return None

    def branch(
        self, value: object, plan: _Plan, path: str, values: list[CellValue | None]
    ) -> None:
        checked = False
        if plan.row is not None and type(value) is dict:
            # Fast path: a row of counts, every key present, every value an int
            # from 0 to MAX_COUNT; the checks below run in C. A negative goes the
            # slow way, which knows which cells may be signed: in a 2019 row the
            # signed 本年增/减 sits between two counts that may not.
            try:
                items = plan.row(value)
            except KeyError:
                pass
            else:
                if (
                    len(value) == len(plan.keys)
                    and set(map(type, items)) == _INT_ONLY
                    and min(items) >= 0
                    and max(items) <= MAX_COUNT
                ):
                    values[plan.start : plan.start + len(items)] = items
                    return
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
_INT_ONLY: Final = {int}
_STR_ONLY: Final = {str}


class _Plan:
    """One object of a table, compiled for a fast walk."""

    __slots__ = ("cells", "entries", "hint", "keys", "row", "start")

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
        # A row whose cells are all counts, in consecutive places, gets a fast path.
        codes = {code for _, _, code, _ in self.entries}
        indices = [index for _, index, _, _ in self.entries]
        self.start = indices[0]
        self.row: Callable[[dict[str, Any]], tuple[int, ...]] | None = None
        if (
            len(self.keys) > 1
            and codes <= {_COUNT, _SIGNED}
            and indices == list(range(self.start, self.start + len(indices)))
        ):
            self.row = operator.itemgetter(*self.keys)


_PLANS: Final = {
    (table, layout): _Plan(tree(table, layout), table, layout, table.value)
    for version in FormatVersion
    for table, layouts in table_layouts(version)
    for layout in layouts
}


def _fast_reader(
    table: TableId, layout: FormatVersion
) -> Callable[[object], tuple[CellValue, ...] | None]:
    """A reader for the usual well-formed table: figures only, every key in place.

    The key tree becomes straight-line code, generated once from the format
    table (as cattrs generates its hooks): each object is checked for type and
    size, each key looked up, and the figures checked together in C. Anything
    else — a mark, a wrong type, a missing or extra key — returns None, and the
    full walk runs and names every problem.
    """
    cells = table_type(table.value, layout).spec.cells
    lines = ["def read(d):", "    if type(d) is not dict or len(d) != %d: return None"]
    lines[1] %= len(tree(table, layout))
    leaves: dict[int, str] = {}
    counter = iter(range(10**6))

    def visit(node: Tree, name: str) -> None:
        for key, sub in node.items():
            if isinstance(sub, CellSpec):
                leaves[sub.index] = f"{name}[{key!r}]"
            else:
                child = f"n{next(counter)}"
                lines.append(f"    {child} = {name}.get({key!r})")
                lines.append(
                    f"    if type({child}) is not dict or len({child}) != {len(sub)}:"
                    " return None"
                )
                visit(sub, child)

    visit(tree(table, layout), "d")
    lines.append("    try:")
    lines.append(f"        return [{', '.join(leaves[i] for i in range(len(cells)))}]")
    lines.append("    except KeyError:")
    lines.append("        return None")
    generated = compile_generated(
        "\n".join(lines) + "\n", f"read {table.value} {layout.value}"
    )
    gather: Callable[[object], list[Any] | None] = generated["read"]
    amounts = tuple(c.index for c in cells if c.kind is CellKind.AMOUNT)
    others = tuple(c.index for c in cells if c.kind is not CellKind.AMOUNT)
    counts = operator.itemgetter(*others)

    def read(value: object) -> tuple[CellValue, ...] | None:
        found = gather(value)
        if found is None:
            return None
        figures = counts(found)
        if not (
            set(map(type, figures)) == _INT_ONLY
            and min(figures) >= 0
            and max(figures) <= MAX_COUNT
        ):
            return None  # a mark, a wrong type, or a negative (legal in 2019 only)
        for index in amounts:
            text = found[index]
            if type(text) is not str or len(text) > MAX_AMOUNT_CHARS:
                return None
            if not AMOUNT_RE.match(text):
                return None
            found[index] = Decimal(text)
        return tuple(found)

    return read


_FAST: Final = {
    (table, layout): _fast_reader(table, layout)
    for version in FormatVersion
    for table, layouts in table_layouts(version)
    for layout in layouts
}
