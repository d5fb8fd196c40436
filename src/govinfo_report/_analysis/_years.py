"""Checks across years: a report against last year's report of the same agency.

`compare_years` returns findings (R5 and ``Y1``…``Y7``, see `ANALYSIS_RULES`);
`year_over_year` returns the cell-by-cell differences as records, and
`year_over_year_frame` the same as a pandas DataFrame (the ``pandas`` extra).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo_report._analysis._checks import AnalysisRule, analysis_rule
from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import (
    EXACT,
    ActiveColumn,
    ActiveRow,
    AmountUnit,
    CellSpec,
    FormatVersion,
    SectionId,
    TableSpec,
)
from govinfo_report._model import Narrative, Report
from govinfo_report._validate import carry_over
from govinfo_report._values import CellValue, Mark, Number, format_value
from govinfo_report.exceptions import MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

# Columns that count a stock carried from year to year rather than the year's
# activity: a table whose only non-zero figures are stocks is expected to be
# equal to last year's when nothing happened, so Y2/Y3 do not flag it.
STOCK_COLUMNS = frozenset(
    {
        ActiveColumn.IN_FORCE.value,
        ActiveColumn.TOTAL_PUBLISHED.value,
        ActiveColumn.PREVIOUS_ITEMS.value,
    }
)

# Rows of table 2 whose stock rolls forward (Y1).
_ROLL_FORWARD_ROWS = (ActiveRow.RULES, ActiveRow.NORMATIVE_DOCUMENTS)

# A narrative section copied word for word is flagged from this length on:
# short texts such as ``无。`` are legitimately the same every year.
MIN_COPIED_TEXT = 20

_NARRATIVES = (SectionId.OVERVIEW, SectionId.PROBLEMS, SectionId.OTHER_MATTERS)


def compare_years(previous: Report, current: Report) -> list[Finding]:
    """Check a report against last year's report of the same agency.

    Returns, in this order: what makes the comparison doubtful (``Y5`` another
    agency, ``Y6`` years not adjacent, ``Y7`` another format version), R5 per
    column of table 3 (this year's ``二、上年结转政府信息公开申请数量`` against
    last year's ``四、结转下年度继续办理``, kind ``CROSS_YEAR``), ``Y1`` the
    roll-forward of table 2's documents, ``Y2``/``Y3`` figures equal to last
    year's (copied data), ``Y4`` narrative sections equal to last year's.
    Every finding is a warning.

    A 2019-format report (report years 2019 and 2020) is compared with a
    2021-format one where the cells mean the same: R5 (table 3's columns are the
    same), table 4 (identical), and the cells of table 2 with the same id (the
    ``处理决定数量`` of 行政许可、行政处罚、行政强制). ``Y1`` needs
    ``现行有效件数``, which the 2019 table 2 does not have (its
    ``对外公开总数量`` counts something else), so it is made only between two
    2021-format reports.

    R5 belongs to `validate` (``previous=``): both call the one check
    (``_validate.carry_over``), `validate` reporting a break as ``RULE_BROKEN``
    and this function as ``CROSS_YEAR``. A caller using both should pass
    ``previous`` to only one of them.

    >>> from govinfo_report import example_report
    >>> report = example_report()
    >>> last = report.with_cells({"requests.received.natural_person": 50})
    >>> last = attrs.evolve(last, metadata=attrs.evolve(last.metadata, year=2024))
    >>> [f.rule for f in compare_years(last, report)][:1]
    ['R5']
    """
    findings = _metadata_findings(previous, current)
    findings.extend(_carry_over(previous, current))
    findings.extend(_roll_forward(previous, current))
    findings.extend(_identical_figures(previous, current))
    findings.extend(_identical_text(previous, current))
    return findings


def _finding(rule: AnalysisRule, message: str, **fields: object) -> Finding:
    return Finding(
        rule=rule.id,
        kind=rule.kind,
        severity=rule.severity,
        message=message,
        **fields,  # type: ignore[arg-type]
    )


def _metadata_findings(previous: Report, current: Report) -> list[Finding]:
    findings = []
    last, this = previous.metadata, current.metadata
    if _squash(last.agency) != _squash(this.agency):
        rule = analysis_rule("Y5")
        findings.append(
            _finding(
                rule,
                f"发布机关：本年“{shortened(this.agency, 80)}”，上年“{shortened(last.agency, 80)}”（{rule.statement}）",
            )
        )
    if last.year + 1 != this.year:
        rule = analysis_rule("Y6")
        findings.append(
            _finding(
                rule,
                f"报告年度：本年报告为 {this.year} 年，上年报告为 {last.year} 年"
                f"（{rule.statement}，应为 {this.year - 1} 年）",
            )
        )
    if last.format_version is not this.format_version:
        rule = analysis_rule("Y7")
        findings.append(
            _finding(
                rule,
                f"格式版本：本年报告按 {this.format_version.notice}，"
                f"上年报告按 {last.format_version.notice}（{rule.statement}；"
                "表二只比较含义相同的处理决定数量，不作现行有效件数的递推核对）",
            )
        )
    return findings


def _carry_over(previous: Report, current: Report) -> list[Finding]:
    # R5 is validate's (`carry_over` owns it); here a break is a cross-year finding.
    return [
        attrs.evolve(f, kind=FindingKind.CROSS_YEAR)
        if f.kind is FindingKind.RULE_BROKEN
        else f
        for f in carry_over(current, previous)
    ]


def _roll_forward(previous: Report, current: Report) -> list[Finding]:
    if (
        previous.format_version is not FormatVersion.V2021
        or current.format_version is not FormatVersion.V2021
    ):
        return []
    rule = analysis_rule("Y1")
    spec = current.active.spec
    findings = []
    for row in _ROLL_FORWARD_ROWS:
        issued = _cell(spec, row, ActiveColumn.ISSUED)
        repealed = _cell(spec, row, ActiveColumn.REPEALED)
        in_force = _cell(spec, row, ActiveColumn.IN_FORCE)
        last = previous.active.values[in_force.index]
        added = current.active.values[issued.index]
        removed = current.active.values[repealed.index]
        now = current.active.values[in_force.index]
        cells = (in_force.id, issued.id, repealed.id)
        values = {
            f"上年{in_force.column.label}": last,
            issued.column.label: added,
            repealed.column.label: removed,
            f"本年{in_force.column.label}": now,
        }
        marks = {k: v for k, v in values.items() if isinstance(v, Mark)}
        if marks:
            named = "、".join(f"{k}（{v.label}）" for k, v in marks.items())
            findings.append(
                Finding(
                    rule=rule.id,
                    kind=FindingKind.NOT_ASSESSABLE,
                    severity=Severity.WARNING,
                    cells=cells,
                    message=(
                        f"{spec.id.name_zh} {row_label(spec, row)}：无法核对"
                        f"（{rule.statement}），因为{named}没有数字"
                    ),
                )
            )
            continue
        assert isinstance(last, int)
        assert isinstance(added, int)
        assert isinstance(removed, int)
        assert isinstance(now, int)
        expected = last + added - removed
        if expected == now:
            continue
        findings.append(
            _finding(
                rule,
                (
                    f"{in_force.place}：公布值 {now}，按上年{in_force.column.label} {last}"
                    f" + {issued.column.label} {added} − {repealed.column.label} {removed}"
                    f" 应为 {expected}，相差 {now - expected}（{rule.statement}）"
                ),
                cells=cells,
                published=now,
                expected=expected,
                difference=now - expected,
            )
        )
    return findings


def row_label(spec: TableSpec, row: ActiveRow) -> str:
    """The printed label of a row of table 2 in this layout."""
    return spec.row(row.value).label


def _cell(spec: TableSpec, row: ActiveRow, column: ActiveColumn) -> CellSpec:
    return spec.cells[spec.position((row, column))]


def _is_activity(cell: CellSpec, value: CellValue) -> bool:
    return (
        not isinstance(value, Mark)
        and value != 0
        and cell.column.id not in STOCK_COLUMNS
    )


def _identical_figures(previous: Report, current: Report) -> list[Finding]:
    same: list[TableSpec] = []
    comparable = 0
    for last, this in zip(previous.tables, current.tables, strict=True):
        if last.spec.cell_ids != this.spec.cell_ids:
            continue
        comparable += 1
        if last.values != this.values or _types(last.values) != _types(this.values):
            continue
        if any(_is_activity(c, v) for c, v in this):
            same.append(this.spec)
    if comparable == len(current.tables) and len(same) == comparable:
        rule = analysis_rule("Y3")
        return [
            _finding(
                rule,
                f"{'、'.join(s.id.name_zh for s in same)}的全部 "
                f"{sum(len(s.cells) for s in same)} 个数字与 {previous.metadata.year} 年"
                f"报告完全相同（{rule.statement}）",
                cells=[c.id for s in same for c in s.cells],
            )
        ]
    rule = analysis_rule("Y2")
    return [
        _finding(
            rule,
            f"{spec.id.name_zh}（{spec.heading}）的全部 {len(spec.cells)} 个数字与 "
            f"{previous.metadata.year} 年报告完全相同（{rule.statement}）",
            cells=spec.cell_ids,
        )
        for spec in same
    ]


def _types(values: Sequence[CellValue]) -> tuple[type, ...]:
    return tuple(type(v) for v in values)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _narrative(report: Report, section: SectionId) -> Narrative:
    narrative: Narrative = getattr(report, section.value)
    return narrative


def _identical_text(previous: Report, current: Report) -> list[Finding]:
    rule = analysis_rule("Y4")
    findings = []
    for section in _NARRATIVES:
        this = _squash(_narrative(current, section).text())
        if len(this) < MIN_COPIED_TEXT or this != _squash(
            _narrative(previous, section).text()
        ):
            continue
        heading = current.spec.section(section).heading
        findings.append(
            _finding(
                rule,
                f"“{heading}”全文与 {previous.metadata.year} 年报告相同"
                f"（{len(this)} 字，{rule.statement}）",
                where=heading,
            )
        )
    return findings


# ---------------------------------------------------------------- difference table


@attrs.frozen(kw_only=True)
class YearChange:
    """One cell of a report against the same cell of last year's report.

    Attributes:
        cell: the cell id.
        table: the table as messages name it (``表三``).
        row: the official row label, as this year's format prints it.
        column: the official column label.
        previous: last year's value.
        current: this year's value.
        change: ``current - previous`` when both are figures, else None. For
            an amount in the unit each report prints (2019 ``采购总金额``),
            in this year's unit (last year's converted exactly); None when
            only one of the two reports gives its unit.
    """

    cell: str
    table: str
    row: str
    column: str
    previous: CellValue
    current: CellValue
    change: Number | None

    @property
    def changed(self) -> bool:
        """True when the value differs from last year's (a mark counts as a value)."""
        if self.change is not None:
            return self.change != 0
        return self.previous != self.current

    def as_dict(self) -> dict[str, object]:
        """The record as a plain dict (values as they are, marks included)."""
        return attrs.asdict(self, recurse=False)


def _change_in_unit(
    value: CellValue,
    unit: AmountUnit | None,
    before: CellValue,
    before_unit: AmountUnit | None,
) -> Decimal | None:
    """``value - before`` in ``unit``; None when only one of the two units is known."""
    if unit is None or before_unit is None:
        return None
    earlier = before_unit.convert(Decimal(before), unit)  # type: ignore[arg-type]
    return EXACT.subtract(Decimal(value), earlier)  # type: ignore[arg-type]


def year_over_year(
    previous: Report, current: Report, *, changed_only: bool = False
) -> list[YearChange]:
    """The year-over-year difference of every cell both reports have.

    Cells are compared by cell id, in this year's printed order. Between the
    2019 and the 2021 formats only the cells whose id exists in both are
    listed (tables 3 and 4, and table 2's ``处理决定数量``); a hybrid table 3
    (``（六）其他处理`` as one row) likewise shares every id but the
    ``（六）`` rows. The agencies and years are not checked here: see
    `compare_years`.

    Args:
        previous: last year's report.
        current: this year's report.
        changed_only: list only the cells whose value changed.

    >>> from govinfo_report import example_report
    >>> report = example_report()
    >>> last = report.with_cells({"requests.received.natural_person": 50})
    >>> [(c.cell, c.previous, c.current, c.change)
    ...  for c in year_over_year(last, report, changed_only=True)][:2]
    [('requests.received.natural_person', 50, 46, -4), ('requests.received.total', 61, 57, -4)]
    """
    last = previous.cells()
    changes = []
    for table, before_table in zip(current.tables, previous.tables, strict=True):
        labels = _labels(table.spec)
        if before_table.spec.cell_ids == table.spec.cell_ids:
            befores: Sequence[CellValue | None] = before_table.values
        else:
            befores = [last.get(cell_id) for cell_id in table.spec.cell_ids]
        for (cell_id, name, row, column), value, before, cell in zip(
            labels, table.values, befores, table.spec.cells, strict=True
        ):
            if before is None:
                continue
            published = cell.column.published_unit
            change: Number | None = None
            if type(value) is not Mark and type(before) is not Mark:
                change = value - before  # type: ignore[operator]
                if published and table.amount_unit is not before_table.amount_unit:
                    change = _change_in_unit(
                        value, table.amount_unit, before, before_table.amount_unit
                    )
                if changed_only and change == 0:
                    continue
            elif changed_only and value == before:
                continue
            changes.append(
                YearChange(
                    cell=cell_id,
                    table=name,
                    row=row,
                    column=column,
                    previous=before,
                    current=value,
                    change=change,
                )
            )
    return changes


@functools.cache
def _labels(spec: TableSpec) -> tuple[tuple[str, str, str, str], ...]:
    """Cell id, table name, row label and column label of every cell of a layout."""
    return tuple(
        (c.id, c.table.name_zh, c.row.label, c.column.label) for c in spec.cells
    )


FRAME_COLUMNS = (
    "cell",
    "table",
    "row",
    "column",
    "previous",
    "current",
    "change",
    "previous_text",
    "current_text",
)
"""The columns of `year_over_year_frame`, in order."""


def year_over_year_frame(
    previous: Report, current: Report, *, changed_only: bool = False
) -> pd.DataFrame:
    """`year_over_year` as a pandas DataFrame (needs the ``pandas`` extra).

    Columns: `FRAME_COLUMNS`. Figures stay exact (``int``, ``Decimal``) in
    object columns; a cell without a figure (blank, ``/``, missing) is
    ``None`` there, and ``previous_text`` / ``current_text`` print every
    value as the records do (``空白``, ``“/”（不适用）``).

    Raises:
        MissingDependencyError: pandas is not installed
            (``pip install 'govinfo-report[pandas]'``).
    """
    try:
        import pandas as pd
    except ModuleNotFoundError as error:
        raise MissingDependencyError(
            "year_over_year_frame 需要 pandas：pip install 'govinfo-report[pandas]'",
            package="pandas",
        ) from error
    rows = []
    for record in year_over_year(previous, current, changed_only=changed_only):
        rows.append(
            {
                "cell": record.cell,
                "table": record.table,
                "row": record.row,
                "column": record.column,
                "previous": _figure(record.previous),
                "current": _figure(record.current),
                "change": record.change,
                "previous_text": format_value(record.previous),
                "current_text": format_value(record.current),
            }
        )
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS)).astype(
        {"previous": object, "current": object, "change": object}
    )


def _figure(value: CellValue) -> int | Decimal | None:
    return None if isinstance(value, Mark) else value
