"""The typed, immutable model of an annual report.

Every class here is a frozen attrs class. The three statistical tables hold their
figures as a tuple in the order of their `TableSpec` (from `_format`), so the
structure of the format lives in one place; typed access by enum pair or by cell
id goes through the spec.

Over 500 lines: one job, the immutable report and its three table classes, built
from the spec; the tables share one base class here.
"""

from __future__ import annotations

import difflib
import enum
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from types import MappingProxyType
from typing import Any, ClassVar, Self, TypeAlias

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import (
    REPORT_TITLE_SUFFIX,
    AmountUnit,
    CellKind,
    CellSpec,
    FormatSpec,
    FormatVersion,
    Outcome,
    TableSpec,
    all_cell_specs,
    format_spec,
)
from govinfo_report._rules import NegativeDerivedValue, check_table, derive, plan
from govinfo_report._values import CellValue, Mark
from govinfo_report._xmltext import describe_unsafe, unsafe_at
from govinfo_report.exceptions import (
    InconsistentReportError,
    InvalidCellError,
    InvalidReportError,
    UnknownCellError,
)

CellKey: TypeAlias = str | tuple[enum.Enum, enum.Enum]
"""A cell of a table: its cell id, ``row.column`` within the table, or an enum pair."""


_COUNT = CellKind.COUNT


@cache
def _count_cells(spec: TableSpec) -> tuple[bool, ...]:
    """Per cell of ``spec``, in order: it holds a count (`_Table._build`'s
    common test, made once per layout)."""
    return tuple(c.column.kind is _COUNT for c in spec.cells)


def check_cell_value(cell: CellSpec, value: object) -> CellValue:
    """Return ``value`` if ``cell`` can hold it, else raise `InvalidCellError`."""
    kind = type(value)
    if kind is int:
        if value < 0 and cell.kind is CellKind.COUNT:  # type: ignore[operator]
            raise InvalidCellError(cell.id, value, f"{cell.place} 不能为负数")
        if cell.kind is CellKind.AMOUNT:
            # An int amount is exact; keep it as a Decimal so its type is uniform.
            return _check_amount(cell, Decimal(value))  # type: ignore[arg-type]
        return value  # type: ignore[return-value]
    if kind is Mark:
        return value  # type: ignore[return-value]
    if isinstance(value, Decimal):
        if cell.kind is not CellKind.AMOUNT:
            if value != value.to_integral_value() or not value.is_finite():
                raise InvalidCellError(cell.id, value, f"{cell.place} 应为整数（int）")
            raise InvalidCellError(
                cell.id, value, f"{cell.place} 是计数，应为整数（int），不是 Decimal"
            )
        return _check_amount(cell, value)
    if isinstance(value, bool):
        reason = "不能是布尔值（bool）"
    elif isinstance(value, float):
        reason = (
            "金额须为精确的 Decimal，不能是浮点数（float）"
            if cell.kind is CellKind.AMOUNT
            else "应为整数（int），不能是浮点数（float）"
        )
    elif isinstance(value, int):  # an int subclass other than bool
        return check_cell_value(cell, int(value))
    elif (integer := _integer_like(value)) is not None:
        # numpy's int64 and other integer types (pandas hands them out): exact.
        return check_cell_value(cell, integer)
    elif _is_bool_like(value):
        reason = "不能是布尔值（bool）"
    else:
        reason = (
            f"类型 {type(value).__name__} 不可用：应为整数（int）、金额（Decimal）"
            "或 BLANK / NOT_APPLICABLE / MISSING"
        )
    raise InvalidCellError(cell.id, value, f"{cell.place} {reason}")


def _is_bool_like(value: object) -> bool:
    """True for a bool or a library's boolean scalar (``numpy.bool_``)."""
    return isinstance(value, bool) or "bool" in type(value).__name__.lower()


def _integer_like(value: object) -> int | None:
    """The int of an integer-like value (``operator.index``), never of a boolean."""
    if _is_bool_like(value) or not hasattr(type(value), "__index__"):
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return None


def _check_amount(cell: CellSpec, value: Decimal) -> Decimal:
    if not value.is_finite():
        raise InvalidCellError(cell.id, value, f"{cell.place} 金额必须是有限的数")
    if value < 0:
        raise InvalidCellError(cell.id, value, f"{cell.place} 金额不能为负数")
    return value


@cache
def _all_counts(spec: TableSpec) -> bool:
    return all(c.kind is CellKind.COUNT for c in spec.cells)


_INT_ONLY = frozenset((int,))


def _amount_unit(value: object) -> AmountUnit | None:
    """``amount_unit`` as given: an `AmountUnit`, its printed text (``"万元"``) or None."""
    if value is None or isinstance(value, AmountUnit):
        return value
    if isinstance(value, str):
        try:
            return AmountUnit(value)
        except ValueError:
            pass
    units = "、".join(u.value for u in AmountUnit)
    raise InvalidReportError(
        f"amount_unit 应为 AmountUnit（{units}）或 None，"
        f"不是 {shortened(repr(value), 40)}"
    )


def _fixed_units(spec: TableSpec) -> str:
    return "、".join(
        f"{c.column.label}" for c in spec.cells if c.kind is CellKind.AMOUNT
    )


def _not_an_id(key: object) -> str:
    return f"单元格编号应为字符串（str），如 requests.granted.total，不是 {type(key).__name__}"


_REPR_CELLS = 6
"""A table's repr names at most this many non-zero cells."""


def _value_repr(value: CellValue) -> str:
    return str(value) if type(value) is int else repr(value)


@attrs.frozen(repr=False)
class _Table:
    """A statistical table: its figures in the order of its layout's cells."""

    spec: ClassVar[TableSpec]

    values: tuple[CellValue, ...]
    amount_unit: AmountUnit | None = attrs.field(
        default=None, kw_only=True, converter=_amount_unit
    )
    """The unit of an amount column in the unit the report prints (2019 表二
    ``采购总金额``: 元 or 万元); None when the report does not say, and always
    None in a table whose amounts the format fixes (2021 表二: 万元)."""

    def __attrs_post_init__(self) -> None:
        if self.amount_unit is not None and not self.spec.published_unit:
            raise InvalidReportError(
                f"{type(self).__name__}.amount_unit：{self.spec.id.name_zh}"
                f"（{self.spec.layout.value} 版格式）的金额单位由格式规定"
                f"（{_fixed_units(self.spec)}），不能另设为 {self.amount_unit.value}"
            )
        cells = self.spec.cells
        values = self.values
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            raise InvalidReportError(
                f"{type(self).__name__}.values 应为单元格值的元组（tuple），"
                f"不是 {type(values).__name__}"
            )
        if type(values) is not tuple:
            values = tuple(values)
        if len(values) != len(cells):
            raise InvalidReportError(
                f"{type(self).__name__} 需要 {len(cells)} 个单元格，给出 {len(values)} 个"
            )
        if not (
            _all_counts(self.spec)
            and _INT_ONLY.issuperset(map(type, values))
            and min(values) >= 0  # type: ignore[type-var,operator]
        ):
            values = tuple(
                check_cell_value(c, v) for c, v in zip(cells, values, strict=True)
            )
        if values is not self.values:
            object.__setattr__(self, "values", values)

    @classmethod
    def _trusted(
        cls, values: tuple[CellValue, ...], amount_unit: AmountUnit | None = None
    ) -> Self:
        """A table of values already checked cell by cell (builders only)."""
        table = cls.__new__(cls)
        object.__setattr__(table, "values", values)
        object.__setattr__(table, "amount_unit", amount_unit)
        return table

    def __getitem__(self, key: CellKey) -> CellValue:
        """The value of one cell, by cell id, ``row.column`` or enum pair.

        Raises:
            UnknownCellError: no such cell in this table.
        """
        return self.values[self._position(key)]

    def _position(self, key: CellKey) -> int:
        try:
            return self.spec.position(key)
        except (KeyError, TypeError):
            if not isinstance(key, str | tuple):
                raise UnknownCellError(repr(key), _not_an_id(key)) from None
            raise UnknownCellError(
                str(key), _unknown_hint(str(key), self.spec)
            ) from None

    def __contains__(self, key: object) -> bool:
        """True for a cell id, ``row.column`` or enum pair of this table; never raises."""
        try:
            self.spec.position(key)  # type: ignore[arg-type]
        except (KeyError, TypeError):
            return False
        return True

    def get(self, key: CellKey, default: CellValue | None = None) -> CellValue | None:
        """The value of one cell, or ``default`` when the table has no such cell."""
        try:
            return self[key]
        except UnknownCellError:
            return default

    def __repr__(self) -> str:
        # 175 bare numbers say nothing; name the layout and the non-zero cells.
        shown = [
            f"{c.id}={_value_repr(v)}"
            for c, v in zip(self.spec.cells, self.values, strict=True)
            if v != 0
        ]
        head = (
            f"{type(self).__name__}({self.spec.layout.value}, {len(self.values)} cells"
        )
        if self.amount_unit is not None:
            head += f", amount_unit={self.amount_unit.value}"
        if not shown:
            return head + ", all 0)"
        more = (
            f", … {len(shown) - _REPR_CELLS} more" if len(shown) > _REPR_CELLS else ""
        )
        return f"{head}, non-zero: {', '.join(shown[:_REPR_CELLS])}{more})"

    def __iter__(self) -> Iterator[tuple[CellSpec, CellValue]]:
        """Every cell with its value, in printed order."""
        return zip(self.spec.cells, self.values, strict=True)

    def cells(self) -> Mapping[str, CellValue]:
        """A read-only mapping from every cell id of the table to its value."""
        return MappingProxyType(dict(zip(self.spec.cell_ids, self.values, strict=True)))

    @classmethod
    def from_cells(
        cls,
        cells: Mapping[str, object],
        *,
        derive_totals: bool = True,
        amount_unit: AmountUnit | str | None = None,
    ) -> Self:
        """Build the table from cell ids (or ``row.column`` within the table).

        With ``derive_totals`` (the default) a cell that is not given is 0 when
        the agency fills it in and derived from the others when the format
        defines it as a total or balance; a derived cell that is also given must
        agree. Without it, a cell not given is `Mark.MISSING` and nothing is
        derived or checked: the table is held as published. ``amount_unit``:
        the unit the report prints for an amount column the format gives no
        unit (2019 表二 ``采购总金额``).

        Raises:
            UnknownCellError: a key that is not a cell of this table.
            InvalidCellError: a value the cell cannot hold.
            InconsistentReportError: given figures that break a cross-check
                (every break is listed).
            InvalidReportError: an ``amount_unit`` the table cannot hold.
        """
        table, findings = cls._build(cells, derive_totals=derive_totals)
        if table is None or findings:
            raise InconsistentReportError(findings)
        if amount_unit is not None:
            return attrs.evolve(table, amount_unit=amount_unit)
        return table

    @classmethod
    def _build(
        cls, cells: Mapping[str, object], *, derive_totals: bool
    ) -> tuple[Self | None, list[Finding]]:
        """The table and the findings that stop it being built consistently.

        The table is None when a derived figure came out negative.
        """
        spec = cls.spec
        index = spec.index
        specs = spec.cells
        table_plan = plan(spec)
        values: list[CellValue | None] = (
            list(table_plan.template) if derive_totals else [None] * len(specs)
        )
        given_derived: dict[int, CellValue] = {}
        counts = _count_cells(spec)
        derived = table_plan.derived
        for key, value in cells.items():
            position = index.get(key) if type(key) is str else None
            if position is None:
                position = cls._resolve(key)
            if not (type(value) is int and value >= 0 and counts[position]):
                value = check_cell_value(specs[position], value)
            if derive_totals and position in derived:
                given_derived[position] = value
            else:
                values[position] = value
        if not derive_totals:
            return (
                cls._trusted(tuple([Mark.MISSING if v is None else v for v in values])),
                [],
            )
        try:
            full = derive(spec, values)
        except NegativeDerivedValue as error:
            return None, [error.finding]
        if not given_derived:
            return cls._trusted(tuple(full)), []
        for position, published in given_derived.items():
            full[position] = published
        table = cls._trusted(tuple(full))
        findings = [
            f
            for f in check_table(spec, table.values)
            if f.kind is FindingKind.RULE_BROKEN
        ]
        return table, findings

    @classmethod
    def _resolve(cls, key: object) -> int:
        """The position of a key that is not a full cell id of this table."""
        spec = cls.spec
        if not isinstance(key, str):
            raise UnknownCellError(repr(key), "单元格编号应为字符串（str）")
        position = spec.index.get(f"{spec.id.value}.{key}")
        if position is None:
            raise UnknownCellError(key, _unknown_hint(key, spec))
        return position

    def with_cells(
        self, changes: Mapping[str, object], *, derive_totals: bool = True
    ) -> Self:
        """A copy with some cells changed.

        With ``derive_totals`` every total and balance is derived anew from the
        parts (unless given in ``changes``), so the copy is consistent whenever
        the parts are; without it the cells are replaced as they are.
        """
        current: dict[str, object] = dict(
            zip(self.spec.cell_ids, self.values, strict=True)
        )
        updates = {}
        for key, value in changes.items():
            try:
                updates[self.spec.cell_ids[self.spec.position(key)]] = value
            except KeyError:
                raise UnknownCellError(key, _unknown_hint(key, self.spec)) from None
        unit = self.amount_unit
        if not derive_totals:
            current.update(updates)
            return type(self).from_cells(current, derive_totals=False, amount_unit=unit)
        parts: dict[str, object] = {
            c.id: v
            for c, v in zip(self.spec.cells, self.values, strict=True)
            if not c.derived
        }
        parts.update(updates)
        return type(self).from_cells(parts, amount_unit=unit)

    def findings(self) -> list[Finding]:
        """Every finding of the in-table rules (R1–R4, R6) over this table."""
        return check_table(self.spec, self.values)


def _unknown_hint(key: str, spec: TableSpec) -> str:
    other = all_cell_specs().get(key)
    if other is not None and other.table is spec.id:
        return f"它属于 {_layout_name(other, spec)}，不属于本表（{spec.layout.value} 版格式）"
    if other is not None:
        return f"它属于{other.table.name_zh}，不属于{spec.id.name_zh}"
    hint = f"{spec.id.name_zh}（{spec.layout.value} 版格式）没有这个单元格"
    return hint + _did_you_mean(key, spec.cell_ids)


def _did_you_mean(key: str, candidates: Iterable[str]) -> str:
    """``，是否应为 …？`` naming the closest cell id, or nothing."""
    close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.75)
    return f"，是否应为 {close[0]}？" if close else ""


def _layout_name(cell: CellSpec, spec: TableSpec) -> str:
    other = (
        FormatVersion.V2019
        if spec.layout is FormatVersion.V2021
        else FormatVersion.V2021
    )
    return f"{other.value} 版格式的{cell.table.name_zh}"


@attrs.frozen(repr=False)
class ActiveDisclosure(_Table):
    """Table 2 in the 2021 format: proactive disclosure under Article 20 (主动公开)."""

    spec = format_spec(FormatVersion.V2021).active


@attrs.frozen(repr=False)
class ActiveDisclosure2019(_Table):
    """Table 2 in the 2019 trial format: five Article 20 items, other columns."""

    spec = format_spec(FormatVersion.V2019).active


@attrs.frozen(repr=False)
class Requests(_Table):
    """Table 3 in the 2021 layout: requests received and handled (依申请公开)."""

    spec = format_spec(FormatVersion.V2021).requests


@attrs.frozen(repr=False)
class Requests2019(_Table):
    """Table 3 in the 2019 layout, with ``（六）其他处理`` as one figure row.

    2019 and 2020 reports use it; some 2021-format reports print it too (spec §5).
    """

    spec = format_spec(FormatVersion.V2019).requests


@attrs.frozen(repr=False)
class Appeals(_Table):
    """Table 4: administrative review and litigation (行政复议、行政诉讼)."""

    spec = format_spec(FormatVersion.V2021).appeals


AnyActive: TypeAlias = ActiveDisclosure | ActiveDisclosure2019
AnyRequests: TypeAlias = Requests | Requests2019

_TABLE_TYPES: dict[tuple[str, FormatVersion], type[_Table]] = {
    ("active", FormatVersion.V2021): ActiveDisclosure,
    ("active", FormatVersion.V2019): ActiveDisclosure2019,
    ("requests", FormatVersion.V2021): Requests,
    ("requests", FormatVersion.V2019): Requests2019,
    ("appeals", FormatVersion.V2021): Appeals,
    ("appeals", FormatVersion.V2019): Appeals,
}


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidReportError(
            f"段落应为字符串的序列（tuple[str, ...]），不是单个字符串：{value[:20]!r}"
        )
    if not isinstance(value, Iterable):
        raise InvalidReportError(
            f"段落应为字符串的序列（tuple[str, ...]），不是 {type(value).__name__}"
        )
    return tuple(value)


def _subsection_tuple(value: Iterable[Subsection]) -> tuple[Subsection, ...]:
    if isinstance(value, Subsection | str) or not isinstance(value, Iterable):
        raise InvalidReportError(
            f"subsections 应为 Subsection 的序列（tuple[Subsection, ...]），"
            f"不是 {type(value).__name__}"
        )
    return tuple(value)


def _check_subsections(
    _instance: object, _attribute: object, value: tuple[object, ...]
) -> None:
    for i, item in enumerate(value):
        if not isinstance(item, Subsection):
            raise InvalidReportError(
                f"subsections[{i}] 应为 Subsection，不是 {type(item).__name__}"
            )


def _check_xml_text(name: str, value: str) -> None:
    """Refuse text a writer could not write (see ``_xmltext``), naming the field."""
    if unsafe_at(value) is not None:
        raise InvalidReportError(f"{name} 含不可用字符：{describe_unsafe(value)}")


def _check_str(name: str, *, optional: bool = False) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if optional and value is None:
            return
        if not isinstance(value, str):
            wanted = "字符串（str）或 None" if optional else "字符串（str）"
            raise InvalidReportError(
                f"{name} 应为{wanted}，不是 {shortened(repr(value), 80)}"
            )
        _check_xml_text(name, value)

    return check


def _check_metadata(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Metadata):
        raise InvalidReportError(f"metadata 应为 Metadata，不是 {type(value).__name__}")


def _all_str(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: tuple[object, ...]) -> None:
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise InvalidReportError(
                    f"{name}[{i}] 应为字符串（str），不是 {type(item).__name__}"
                )
            _check_xml_text(f"{name}[{i}]", item)

    return check


_NUMBERING = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*")
"""The sub-section numbering as printed, ``（一）`` (full- or half-width brackets)."""


def _unnumbered(title: object) -> object:
    """``title`` without the numbering it was given (``（一）主动公开`` → ``主动公开``).

    Every leading numbering goes, so the converter is idempotent (``attrs.evolve``
    runs it again) and ``（一）（一）…`` cannot come back out of the writer.
    """
    if not isinstance(title, str):
        return title  # the validator names the wrong type
    while (match := _NUMBERING.match(title)) is not None and match.end():
        title = title[match.end() :]
    return title


@attrs.frozen(kw_only=True)
class Subsection:
    """A numbered sub-section of a narrative section, e.g. ``（一）主动公开情况``.

    Attributes:
        title: the title without its numbering (``主动公开情况``); the writer
            numbers sub-sections in order. A title given with its numbering
            (``（一）主动公开情况``, ``(二)依申请公开``) is kept without it.
        paragraphs: the paragraphs under it.

    >>> Subsection(title="（一）主动公开情况").title
    '主动公开情况'
    """

    title: str = attrs.field(
        converter=_unnumbered, validator=_check_str("Subsection.title")
    )
    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=_all_str("paragraphs")
    )


@attrs.frozen(kw_only=True)
class Narrative:
    """A narrative section (一, 五 or 六): leading paragraphs, then sub-sections.

    Attributes:
        paragraphs: paragraphs before the first sub-section.
        subsections: the numbered sub-sections in order.
    """

    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=_all_str("paragraphs")
    )
    subsections: tuple[Subsection, ...] = attrs.field(
        default=(),
        converter=_subsection_tuple,
        validator=_check_subsections,
    )

    @property
    def is_empty(self) -> bool:
        """True when the section has no text at all."""
        return not any(self.paragraphs) and not any(
            s.title or any(s.paragraphs) for s in self.subsections
        )

    def text(self) -> str:
        """All the section's text, one paragraph a line, sub-section titles included."""
        lines = list(self.paragraphs)
        for sub in self.subsections:
            lines.append(sub.title)
            lines.extend(sub.paragraphs)
        return "\n".join(lines)


def _check_year(_instance: object, _attribute: object, value: Any) -> None:
    if type(value) is not int:
        raise InvalidReportError(
            f"year 应为整数（int），不是 {shortened(repr(value), 80)}"
        )
    if not 2008 <= value <= 2200:  # the Regulation took effect in 2008
        raise InvalidReportError(
            f"year {shortened(str(value), 20)} 不是可能的报告年度（2008 年以后）"
        )


def _check_agency(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidReportError(
            f"agency 应为非空字符串（发布机关名称），不是 {shortened(repr(value), 80)}"
        )
    _check_xml_text("agency", value)


def _check_date(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and (type(value) is not date):
        raise InvalidReportError(
            f"date_of_issue 应为 datetime.date 或 None，不是 {shortened(repr(value), 80)}"
        )


def _check_version(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, FormatVersion):
        raise InvalidReportError(
            f"format_version 应为 FormatVersion.V2021 或 V2019，不是 {shortened(repr(value), 80)}"
        )


@attrs.frozen(kw_only=True)
class Metadata:
    """Who published the report, for which year, in which format.

    Attributes:
        agency: the publishing agency (发布机关), e.g. ``巴楚县公安局``.
        year: the report year (统计年度).
        format_version: the official format the report follows.
        date_of_issue: the date printed at the end (成文日期), if known.
        title: the title as published, when it is not the standard one.
    """

    agency: str = attrs.field(validator=_check_agency)
    year: int = attrs.field(validator=_check_year)
    format_version: FormatVersion = attrs.field(
        default=FormatVersion.V2021, validator=_check_version
    )
    date_of_issue: date | None = attrs.field(default=None, validator=_check_date)
    title: str | None = attrs.field(
        default=None, validator=_check_str("Metadata.title", optional=True)
    )

    @property
    def standard_title(self) -> str:
        """``<机关名称><YYYY>年政府信息公开工作年度报告``."""
        return f"{self.agency}{self.year}{REPORT_TITLE_SUFFIX}"


def _check_narrative(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, Narrative):
        raise InvalidReportError(
            f"{attribute.name} 应为 Narrative，不是 {type(value).__name__}"
        )


@attrs.frozen(kw_only=True, repr=False)
class Report:
    """One annual report (政府信息公开工作年度报告), all six sections.

    Build one with `govinfo_report.from_cells` (totals derived) or from the
    tables' ``from_cells``. Construction checks the format's sum rules (R1–R3,
    R6) and raises `InconsistentReportError` listing every break, unless
    ``as_published=True``: then the report is held exactly as published, breaks
    included, for `govinfo_report.validate` to report.

    Attributes:
        metadata: agency, year, format version, date of issue.
        preface: the paragraphs before section 一 (legal basis, period…).
        overview: section 一、总体情况.
        active: table 2 (section 二).
        requests: table 3 (section 三); a 2021 report may hold the 2019 layout.
        appeals: table 4 (section 四).
        problems: section 五、存在的主要问题及改进情况.
        other_matters: section 六、其他需要报告的事项.
        as_published: held as published, without enforcing the cross-checks.
        reading_findings: what a reader could not read (not part of equality).
    """

    metadata: Metadata = attrs.field(validator=_check_metadata)
    preface: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=_all_str("preface")
    )
    overview: Narrative = attrs.field(factory=Narrative, validator=_check_narrative)
    active: AnyActive
    requests: AnyRequests
    appeals: Appeals
    problems: Narrative = attrs.field(factory=Narrative, validator=_check_narrative)
    other_matters: Narrative = attrs.field(
        factory=Narrative, validator=_check_narrative
    )
    as_published: bool = attrs.field(default=False, eq=False)
    reading_findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=tuple, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        version = self.metadata.format_version
        expected_active = _TABLE_TYPES["active", version]
        if type(self.active) is not expected_active:
            raise InvalidReportError(
                f"{version.value} 版格式的报告，表二应为 {expected_active.__name__}，"
                f"不是 {type(self.active).__name__}"
            )
        allowed = (
            (Requests, Requests2019)
            if version is FormatVersion.V2021
            else (Requests2019,)
        )
        if type(self.requests) not in allowed:
            raise InvalidReportError(
                f"{version.value} 版格式的报告，表三应为 "
                f"{' 或 '.join(t.__name__ for t in allowed)}，不是 {type(self.requests).__name__}"
            )
        if type(self.appeals) is not Appeals:
            raise InvalidReportError(
                f"表四应为 Appeals，不是 {type(self.appeals).__name__}"
            )
        if not self.as_published:
            broken = [
                f
                for f in self.table_findings
                if f.kind is FindingKind.RULE_BROKEN and f.severity is Severity.ERROR
            ]
            if broken:
                raise InconsistentReportError(broken)

    @cached_property
    def table_findings(self) -> tuple[Finding, ...]:
        """Findings of the in-table rules (R1–R4, R6), computed once per report."""
        return tuple(
            f for table in self.tables for f in check_table(table.spec, table.values)
        )

    @property
    def format_version(self) -> FormatVersion:
        """The format the report follows."""
        return self.metadata.format_version

    @property
    def spec(self) -> FormatSpec:
        """The structure of the report's format."""
        return format_spec(self.metadata.format_version)

    @property
    def is_hybrid(self) -> bool:
        """True for a 2021-format report whose table 3 has the 2019 layout."""
        return (
            self.metadata.format_version is FormatVersion.V2021
            and type(self.requests) is Requests2019
        )

    @property
    def title(self) -> str:
        """The title as published, or the standard title."""
        return self.metadata.title or self.metadata.standard_title

    @property
    def tables(self) -> tuple[AnyActive, AnyRequests, Appeals]:
        """Tables 2, 3 and 4."""
        return (self.active, self.requests, self.appeals)

    def cells(self) -> Mapping[str, CellValue]:
        """A read-only mapping from every cell id of the report to its published value.

        The ids are those of the report's format (for a hybrid report, table 3's
        ids are those of the 2019 layout), in printed order.
        """
        merged: dict[str, CellValue] = {}
        for table in self.tables:
            merged.update(zip(table.spec.cell_ids, table.values, strict=True))
        return MappingProxyType(merged)

    def cell_specs(self) -> tuple[CellSpec, ...]:
        """The spec of every cell of the report, in printed order."""
        return tuple(c for table in self.tables for c in table.spec.cells)

    def __getitem__(self, cell_id: str) -> CellValue:
        """The published value of one cell, by cell id.

        Raises:
            UnknownCellError: the report's format has no such cell (or the key
                is not a string).
        """
        if type(cell_id) is not str:
            raise UnknownCellError(repr(cell_id), _not_an_id(cell_id))
        for table in self.tables:
            index = table.spec.index.get(cell_id)
            if index is not None:
                return table.values[index]
        raise UnknownCellError(cell_id, _report_hint(cell_id, self))

    def __contains__(self, cell_id: object) -> bool:
        """True when ``cell_id`` is a cell of the report's format; never raises."""
        return type(cell_id) is str and any(
            cell_id in table.spec.index for table in self.tables
        )

    def get(self, cell_id: str, default: CellValue | None = None) -> CellValue | None:
        """The published value of one cell, or ``default`` when there is no such cell."""
        try:
            return self[cell_id]
        except UnknownCellError:
            return default

    def __iter__(self) -> Iterator[str]:
        """Every cell id of the report, in printed order (as ``cells()`` has them)."""
        for table in self.tables:
            yield from table.spec.cell_ids

    def __len__(self) -> int:
        """The number of cells of the report's format."""
        return sum(len(table.values) for table in self.tables)

    def __repr__(self) -> str:
        meta = self.metadata
        extra = ", hybrid" if self.is_hybrid else ""
        extra += ", as_published=True" if self.as_published else ""
        return (
            f"Report(agency={meta.agency!r}, year={meta.year}, "
            f"format_version={meta.format_version.value}{extra}, {len(self)} cells)"
        )

    def with_cells(
        self, changes: Mapping[str, object], *, derive_totals: bool = True
    ) -> Report:
        """A copy with some cells changed, by cell id.

        With ``derive_totals`` (the default) every total and the carry-forward
        are derived anew, so the copy is consistent; pass ``derive_totals=False``
        to replace exactly the cells given (the copy then keeps ``as_published``
        and is checked only if the original was).

        Raises:
            UnknownCellError: an id the report's format does not have.
            InvalidCellError: a value the cell cannot hold.
            InconsistentReportError: the copy breaks a cross-check.
        """
        by_table: dict[str, dict[str, object]] = {}
        for cell_id, value in changes.items():
            table = next((t for t in self.tables if cell_id in t.spec.index), None)
            if table is None:
                raise UnknownCellError(cell_id, _report_hint(cell_id, self))
            by_table.setdefault(table.spec.id.value, {})[cell_id] = value
        tables = {
            name: getattr(self, name).with_cells(part, derive_totals=derive_totals)
            for name, part in by_table.items()
        }
        return attrs.evolve(self, **tables)


def _report_hint(cell_id: str, report: Report) -> str:
    version = report.format_version.value
    layout = ""
    if report.is_hybrid:
        layout = f"，其表三为 2019 版格式（{Outcome.OTHER.label} 只有一行）"
    other = all_cell_specs().get(cell_id)
    if other is not None:
        return f"它属于另一版格式的{other.table.name_zh}，本报告为 {version} 版格式{layout}"
    ids = [i for table in report.tables for i in table.spec.cell_ids]
    return f"{version} 版格式的报告{layout}没有这个单元格" + _did_you_mean(cell_id, ids)


def table_type(table: str, layout: FormatVersion) -> type[_Table]:
    """The model class of one table (``active``/``requests``/``appeals``) in a layout."""
    return _TABLE_TYPES[table, layout]
