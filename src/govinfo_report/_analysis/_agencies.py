"""Checks across agencies: the sum of several reports, and a consolidated report against it.

`aggregate` adds the reports of several agencies of one year and format, cell
by cell; `check_consolidated` compares a government's report with the sum of
its departments' reports (rules ``A1``, ``A2``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from govinfo_report._analysis._checks import analysis_rule
from govinfo_report._findings import Finding
from govinfo_report._format import (
    EXACT,
    AmountUnit,
    CellKind,
    CellSpec,
    FormatVersion,
    TableSpec,
)
from govinfo_report._model import Metadata, Report, table_type
from govinfo_report._rules import zero
from govinfo_report._values import CellValue, Mark, format_value
from govinfo_report.exceptions import InvalidReportError

_AS_ZERO = (Mark.BLANK, Mark.NOT_APPLICABLE)


@attrs.define
class _Sum:
    """Running cell-wise sums of the reports seen so far (one list per table)."""

    version: FormatVersion
    specs: tuple[TableSpec, ...]
    values: list[list[CellValue]]
    count: int = 0
    as_published: bool = False
    units: dict[tuple[int, int], _UnitSum] = attrs.field(factory=dict)
    """(table, cell) position → the sum of an amount in the unit each report printed."""


@attrs.define
class _UnitSum:
    """The sum of one amount whose unit each report prints (2019 采购总金额).

    Amounts are added exactly in the first unit met (another unit is
    converted exactly, places kept); a non-zero amount of unknown unit cannot
    be added to another non-zero one (元 or 万元?): then the sum is unknown.
    """

    total: Decimal | None = None
    unit: AmountUnit | None = None
    known: int = 0  # non-zero amounts of known unit
    unknown: int = 0  # non-zero amounts of unknown unit

    def add(self, value: CellValue, unit: AmountUnit | None) -> None:
        if not isinstance(value, Decimal):
            return  # a mark: the cell-wise sum says what it makes
        if unit is not None:
            if self.unit is None:
                self.unit = unit
            elif unit is not self.unit:
                value = unit.convert(value, self.unit)
            if value:
                self.known += 1
        elif value:
            self.unknown += 1
        self.total = value if self.total is None else EXACT.add(self.total, value)

    def result(self) -> tuple[Decimal | None, AmountUnit | None]:
        """The sum and its unit; None for the sum when it cannot be known."""
        if self.unknown and (self.known or self.unknown > 1):
            return None, None
        return self.total, None if self.unknown else self.unit


def aggregate(
    reports: Iterable[Report],
    *,
    agency: str,
    year: int,
    blank_as_zero: bool = False,
) -> Report:
    """The sum of several agencies' reports of one year and format, cell by cell.

    Every figure is added exactly: counts as integers, amounts (万元) as
    `Decimal` without rounding, their decimal places kept. An amount in the
    unit its report prints (2019 ``采购总金额``, ``amount_unit``) is converted
    exactly to the first unit met before it is added; a non-zero amount whose
    unit a report does not give is added only when it is the only non-zero
    one, else the sum's cell is `BLANK` (元 and 万元 cannot be told apart). The reports are read
    one at a time and not kept, so ``reports`` may be any iterable, a
    generator reading files included, and memory does not grow with their
    number.

    The rule for cells without a figure: a blank, ``/`` or missing cell in any
    report makes the sum's cell `BLANK` (unknown), since the sum of a known and
    an unknown figure is unknown. With ``blank_as_zero=True`` a blank or ``/``
    counts as 0; a missing cell (not in the copy at hand) still makes the sum
    `BLANK`, since nothing says it was 0.

    The sum of reports that are consistent is consistent (the cross-checks are
    sums too). The result is held as published (``as_published=True``) when
    any report was, or when a cell without a figure was met, so that a sum
    whose totals no longer add up is kept for `validate` to report rather than
    refused. Its narrative sections are empty.

    Args:
        reports: the reports, all of report year ``year`` and of one format
            version and table-3 layout.
        agency: the agency the sum is published as (e.g. ``某市各部门合计``).
        year: the report year.
        blank_as_zero: count a blank or ``/`` cell as 0.

    Raises:
        InvalidReportError: no report given; a report of another year, format
            version or table-3 layout; an item that is not a `Report`.

    >>> from govinfo_report import example_report
    >>> total = aggregate([example_report()] * 3, agency="三局合计", year=2025)
    >>> total["requests.received.total"], total["active.fees.amount"]
    (171, Decimal('37.68'))
    """
    running = _add_all(reports, year=year, blank_as_zero=blank_as_zero)
    return _report(running, agency=agency, year=year)


def _add_all(reports: Iterable[Report], *, year: int, blank_as_zero: bool) -> _Sum:
    running: _Sum | None = None
    for index, report in enumerate(reports, start=1):
        if not isinstance(report, Report):
            raise InvalidReportError(
                f"第 {index} 项不是报告（Report），而是 {type(report).__name__}"
            )
        if report.metadata.year != year:
            raise InvalidReportError(
                f"第 {index} 份报告（{report.metadata.agency}）是 {report.metadata.year} 年的，"
                f"汇总的是 {year} 年的报告"
            )
        specs = tuple(t.spec for t in report.tables)
        if running is None:
            running = _Sum(
                version=report.format_version,
                specs=specs,
                values=[_first(t.spec, t.values, blank_as_zero) for t in report.tables],
            )
            for t, table in enumerate(report.tables):
                for cell in table.spec.cells:
                    if cell.column.published_unit:
                        running.units[t, cell.index] = _UnitSum()
        elif report.format_version is not running.version or specs != running.specs:
            raise InvalidReportError(
                f"第 {index} 份报告（{report.metadata.agency}）的格式为 "
                f"{_layout_name(report.format_version, specs)}，与第 1 份报告的 "
                f"{_layout_name(running.version, running.specs)}不同，不能逐格相加"
            )
        else:
            for acc, table in zip(running.values, report.tables, strict=True):
                if _add(acc, table.spec, table.values, blank_as_zero):
                    running.as_published = True
        for (t, i), unit_sum in running.units.items():
            table = report.tables[t]
            unit_sum.add(table.values[i], table.amount_unit)
        running.count += 1
        running.as_published = running.as_published or report.as_published
        if _has_mark(report):
            running.as_published = True
    if running is None:
        raise InvalidReportError("没有可汇总的报告（reports 为空）")
    return running


def _has_mark(report: Report) -> bool:
    return any(type(v) is Mark for t in report.tables for v in t.values)


def _layout_name(version: FormatVersion, specs: Sequence[TableSpec]) -> str:
    name = f"{version.value} 版格式"
    if specs[1].layout is not version:
        name += f"（表三为 {specs[1].layout.value} 版格式）"
    return name


def _first(
    spec: TableSpec, values: Sequence[CellValue], blank_as_zero: bool
) -> list[CellValue]:
    out: list[CellValue] = []
    for cell, value in zip(spec.cells, values, strict=True):
        if type(value) is Mark:
            if blank_as_zero and value in _AS_ZERO:
                value = zero(cell.kind)
            else:
                value = Mark.BLANK
        out.append(value)
    return out


def _add(
    acc: list[CellValue],
    spec: TableSpec,
    values: Sequence[CellValue],
    blank_as_zero: bool,
) -> bool:
    """Add ``values`` into ``acc``; True when a mark was met."""
    marked = False
    for i, value in enumerate(values):
        before = acc[i]
        if type(value) is int and type(before) is int:
            acc[i] = before + value
            continue
        if type(value) is Mark:
            marked = True
            if blank_as_zero and value in _AS_ZERO:
                continue
            acc[i] = Mark.BLANK
            continue
        if type(before) is Mark:
            continue
        acc[i] = _add_exact(spec.cells[i], before, value)  # type: ignore[arg-type]
    return marked


def _add_exact(cell: CellSpec, a: int | Decimal, b: int | Decimal) -> int | Decimal:
    if cell.kind is CellKind.AMOUNT or isinstance(a, Decimal) or isinstance(b, Decimal):
        return EXACT.add(Decimal(a), Decimal(b))
    return a + b


def _finish_units(running: _Sum) -> dict[int, AmountUnit | None]:
    """Put the sums of amounts of published unit in place; each table's unit."""
    units: dict[int, AmountUnit | None] = {}
    for (t, i), unit_sum in running.units.items():
        if type(running.values[t][i]) is Mark:
            continue  # unknown already
        value, units[t] = unit_sum.result()
        if value is None and unit_sum.total is None:
            continue  # no amount at all: the cell-wise sum stands
        if value is None:
            running.values[t][i] = Mark.BLANK
            running.as_published = True
        else:
            running.values[t][i] = value
    return units


def _report(running: _Sum, *, agency: str, year: int) -> Report:
    units = _finish_units(running)
    tables = {
        spec.id.value: table_type(spec.id.value, spec.layout)(
            tuple(values), amount_unit=units.get(t)
        )
        for t, (spec, values) in enumerate(
            zip(running.specs, running.values, strict=True)
        )
    }
    return Report(
        metadata=Metadata(agency=agency, year=year, format_version=running.version),
        as_published=running.as_published,
        **tables,  # type: ignore[arg-type]
    )


def _same_amount(
    a: CellValue, a_unit: AmountUnit | None, b: CellValue, b_unit: AmountUnit | None
) -> bool | None:
    """Two amounts of published unit are equal; None when their units leave it open."""
    if a_unit is None and b_unit is None:
        return a == b
    if a_unit is None or b_unit is None:
        return True if a == b == 0 else None
    return a_unit.convert(Decimal(a), b_unit) == Decimal(b)  # type: ignore[arg-type]


def _units_unknown(
    rule: Any, cell: CellSpec, mine: AmountUnit | None, theirs: AmountUnit | None
) -> Finding:
    def shown(unit: AmountUnit | None) -> str:
        return unit.value if unit is not None else "未注明"

    return Finding(
        rule=rule.id,
        kind=rule.kind,
        severity=rule.severity,
        cells=[cell.id],
        message=(
            f"{cell.place}：本级报告的金额单位（{shown(mine)}）与各报告之和的单位"
            f"（{shown(theirs)}）不能确定是否相同，无法核对"
        ),
    )


def check_consolidated(
    parent: Report, children: Iterable[Report], *, blank_as_zero: bool = False
) -> list[Finding]:
    """Check a consolidated report against the sum of the reports it includes.

    Where a government's report is meant to include its departments' (and its
    own office's) figures, every cell of ``parent`` should equal the sum of
    that cell over ``children`` (summed by `aggregate`, same blank rule).
    Each cell that differs is an ``A1`` finding (kind ``CROSS_AGENCY``, a
    warning) naming the cell by its official labels, with the parent's figure
    as ``published``, the sum as ``expected`` and the difference. Cells where
    either side has no figure are listed, one ``A2`` finding per table (kind
    ``NOT_ASSESSABLE``). Cells are matched by id, so where the parent's
    table-3 layout differs from the children's only the shared cells are
    compared.

    Raises:
        InvalidReportError: as `aggregate` (no children, a child of another
            year than the parent's, children of different formats).

    >>> from govinfo_report import example_report
    >>> part = example_report()
    >>> whole = part.with_cells({"appeals.review.upheld": 7})
    >>> [(f.rule, f.published, f.expected) for f in check_consolidated(whole, [part])][:1]
    [('A1', 7, 3)]
    """
    year = parent.metadata.year
    running = _add_all(children, year=year, blank_as_zero=blank_as_zero)
    units = _finish_units(running)
    summed = {
        cell.id: (cell, value)
        for spec, values in zip(running.specs, running.values, strict=True)
        for cell, value in zip(spec.cells, values, strict=True)
    }
    mismatch = analysis_rule("A1")
    unknown = analysis_rule("A2")
    findings = []
    for t, table in enumerate(parent.tables):
        unassessable: list[tuple[CellSpec, CellValue, CellValue]] = []
        for cell, value in table:
            if cell.id not in summed:
                continue
            total = summed[cell.id][1]
            if isinstance(value, Mark) or isinstance(total, Mark):
                unassessable.append((cell, value, total))
                continue
            unit = ""
            if cell.column.published_unit:
                same = _same_amount(value, table.amount_unit, total, units.get(t))
                if same is None:
                    findings.append(
                        _units_unknown(unknown, cell, table.amount_unit, units.get(t))
                    )
                    continue
                if same:
                    continue
                theirs = units.get(t)
                if table.amount_unit is not None and theirs is not None:
                    # the sum in the parent's unit, exactly
                    total = theirs.convert(Decimal(total), table.amount_unit)
                    unit = " " + table.amount_unit.value
            if value == total:
                continue
            findings.append(
                Finding(
                    rule=mismatch.id,
                    kind=mismatch.kind,
                    severity=mismatch.severity,
                    cells=[cell.id],
                    published=value,
                    expected=total,
                    difference=value - total,
                    message=(
                        f"{cell.place}：{parent.metadata.agency}报告为 {value}{unit}，"
                        f"所属 {running.count} 份报告之和为 {total}{unit}，"
                        f"相差 {value - total}{unit}"
                        f"（{mismatch.statement}）"
                    ),
                )
            )
        if unassessable:
            cell, value, total = unassessable[0]
            findings.append(
                Finding(
                    rule=unknown.id,
                    kind=unknown.kind,
                    severity=unknown.severity,
                    cells=[c.id for c, _, _ in unassessable],
                    message=(
                        f"{table.spec.id.name_zh}：{len(unassessable)} 个单元格无法核对"
                        f"（{unknown.statement}），如 {cell.place}：本级报告为"
                        f"{format_value(value)}，各报告之和为{format_value(total)}"
                    ),
                )
            )
    return findings
