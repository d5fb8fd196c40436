"""The cross-checks of the format (勾稽关系) as data, and the machinery to apply them.

Each rule is a `Rule` value: its id, severity, the equation it states in terms
of row and column ids, and the Chinese wording of its messages. `compile_checks`
turns the rules into concrete equations over the cells of one table layout; the
same equations both check published figures and derive totals for a builder.

Over 500 lines: R1–R6 as data and the one compiler that turns them into checks
and derivations (`schedule`, the one derivation algorithm), sharing the equations.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache, lru_cache

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import (
    RESULTS_GROUP,
    CellKind,
    CellSpec,
    RowRole,
    RowSpec,
    TableId,
    TableSpec,
)
from govinfo_report._values import CellValue, Mark, format_value


class Scope(enum.Enum):
    """Over what a rule's equation is repeated."""

    EACH_COLUMN = "each_column"
    """One equation per column, between rows."""
    EACH_ROW = "each_row"
    """One equation per row, between columns."""
    EACH_CELL = "each_cell"
    """A condition on every cell."""
    ACROSS_YEARS = "across_years"
    """One equation per column, between this year's report and last year's."""


@attrs.frozen
class Select:
    """Which rows (or columns) one side of an equation adds up.

    Attributes:
        ids: these rows or columns, by id, where they exist in the layout.
        group: every row given by the agency under this group label.
        parts: every column given by the agency (not a total column).
    """

    ids: tuple[str, ...] = ()
    group: str | None = None
    parts: bool = False


@attrs.frozen
class Rule:
    """One cross-check of the format, as data.

    Attributes:
        id: ``R1`` … ``R6`` as in the spec.
        table: the table it reads.
        severity: error or warning.
        scope: over what the equation repeats.
        lhs: the side holding the published figure checked.
        rhs: the side whose sum is expected.
        formula: the rule in terms of ids, for documentation.
        statement: the rule as the format or the spec words it, in Chinese.
        message: the finding's message; fields ``{place}``, ``{table}``,
            ``{column}``, ``{published}``, ``{expected}``, ``{difference}``.
    """

    id: str
    table: TableId
    severity: Severity
    scope: Scope
    lhs: Select
    rhs: Select
    formula: str
    statement: str
    message: str


_SUM_MESSAGE = "{place}：公布值 {published}，应为 {expected}（{statement}）"

RULES: tuple[Rule, ...] = (
    Rule(
        id="R1",
        table=TableId.REQUESTS,
        severity=Severity.ERROR,
        scope=Scope.EACH_COLUMN,
        lhs=Select(ids=("received", "carried_over")),
        rhs=Select(ids=("total", "carried_forward")),
        formula="received + carried_over = total + carried_forward",
        statement="本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
        message=(
            "{table} {column}列：第一项加第二项之和为 {published}，"
            "第三项加第四项之和为 {expected}，相差 {difference}（{statement}）"
        ),
    ),
    Rule(
        id="R2",
        table=TableId.REQUESTS,
        severity=Severity.ERROR,
        scope=Scope.EACH_COLUMN,
        lhs=Select(ids=("total",)),
        rhs=Select(group=RESULTS_GROUP),
        formula="total = sum of the outcome rows granted … other.other",
        statement="（一）至（六）各项之和",
        message=_SUM_MESSAGE,
    ),
    Rule(
        id="R3",
        table=TableId.REQUESTS,
        severity=Severity.ERROR,
        scope=Scope.EACH_ROW,
        lhs=Select(ids=("total",)),
        rhs=Select(parts=True),
        formula="total column = sum of the 6 applicant columns, every row",
        statement="自然人与法人或其他组织各列之和",
        message=_SUM_MESSAGE,
    ),
    Rule(
        id="R4",
        table=TableId.REQUESTS,
        severity=Severity.ERROR,
        scope=Scope.EACH_CELL,
        lhs=Select(),
        rhs=Select(),
        formula="every count cell is an integer ≥ 0",
        statement="应填写不小于 0 的整数",
        message="{place}：{published}，{statement}",
    ),
    Rule(
        id="R5",
        table=TableId.REQUESTS,
        severity=Severity.WARNING,
        scope=Scope.ACROSS_YEARS,
        lhs=Select(ids=("carried_over",)),
        rhs=Select(ids=("carried_forward",)),
        formula="carried_over = last year's carried_forward, every column",
        statement="上年报告“四、结转下年度继续办理”的数字",
        message=_SUM_MESSAGE,
    ),
    Rule(
        id="R6",
        table=TableId.APPEALS,
        severity=Severity.ERROR,
        scope=Scope.EACH_ROW,
        lhs=Select(ids=("total",)),
        rhs=Select(parts=True),
        formula="total = upheld + corrected + other + pending, each group",
        statement="结果维持、结果纠正、其他结果、尚未审结之和",
        message=_SUM_MESSAGE,
    ),
)
"""Every cross-check of the format, R1 to R6 (spec §3 and §4)."""

RULES_BY_ID = {rule.id: rule for rule in RULES}


@attrs.frozen
class Check:
    """One concrete equation of a rule over the cells of one table layout.

    ``sum(lhs) == sum(rhs)``; ``lhs`` of an across-years check is read in this
    year's report and ``rhs`` in last year's.
    """

    rule: Rule
    lhs: tuple[CellSpec, ...]
    rhs: tuple[CellSpec, ...]
    column: str

    @property
    def cells(self) -> tuple[CellSpec, ...]:
        """Every cell the check reads, the checked side first."""
        return self.lhs + self.rhs

    def holds(self, values: Mapping[str, CellValue]) -> bool | None:
        """Whether the equation holds for ``values`` (cell id → value): None
        when a cell it reads has no figure there (missing, blank, a mark)."""
        figures = [values.get(c.id) for c in self.cells]
        if any(v is None or isinstance(v, Mark) for v in figures):
            return None
        lhs = sum(values[c.id] for c in self.lhs)  # type: ignore[misc]
        rhs = sum(values[c.id] for c in self.rhs)  # type: ignore[misc]
        return bool(lhs == rhs)

    @property
    def place(self) -> str:
        """Where the check stands, by official labels (``表三 （七）总计 / 自然人``)."""
        if len(self.lhs) == 1:
            return self.lhs[0].place
        return f"{self.lhs[0].table.name_zh} {self.column}列"


def _select_rows(select: Select, rows: Sequence[RowSpec]) -> list[RowSpec]:
    if select.group is not None:
        return [r for r in rows if select.group in r.groups and r.role is RowRole.PART]
    return [r for i in select.ids for r in rows if r.id == i]


@cache
def compile_checks(table: TableSpec, rule_id: str | None = None) -> tuple[Check, ...]:
    """The concrete equations of every sum rule (or of one) over one table layout."""
    checks: list[Check] = []
    for rule in RULES:
        if rule.table is not table.id or rule.scope in (
            Scope.EACH_CELL,
            Scope.ACROSS_YEARS,
        ):
            continue
        if rule_id is not None and rule.id != rule_id:
            continue
        checks.extend(_expand(rule, table))
    return tuple(checks)


def _expand(rule: Rule, table: TableSpec) -> Iterator[Check]:
    at = {(c.row.id, c.column.id): c for c in table.cells}
    if rule.scope in (Scope.EACH_COLUMN, Scope.ACROSS_YEARS):
        lhs_rows = _select_rows(rule.lhs, table.rows)
        rhs_rows = _select_rows(rule.rhs, table.rows)
        for column in table.rows[0].columns:
            yield Check(
                rule=rule,
                lhs=tuple(at[r.id, column.id] for r in lhs_rows),
                rhs=tuple(at[r.id, column.id] for r in rhs_rows),
                column=column.label,
            )
    elif rule.scope is Scope.EACH_ROW:
        for row in table.rows:
            lhs = [c for c in row.columns if c.id in rule.lhs.ids]
            rhs = [
                c
                for c in row.columns
                if (rule.rhs.parts and c.role is RowRole.PART) or c.id in rule.rhs.ids
            ]
            yield Check(
                rule=rule,
                lhs=tuple(at[row.id, c.id] for c in lhs),
                rhs=tuple(at[row.id, c.id] for c in rhs),
                column=row.label,
            )


def _sum(values: Sequence[CellValue]) -> int | Decimal:
    total: int | Decimal = 0
    for value in values:
        assert not isinstance(value, Mark)
        total += value
    return total


def apply_check(
    check: Check,
    lhs_values: Sequence[CellValue],
    rhs_values: Sequence[CellValue],
) -> Finding | None:
    """The finding of one check over the given values, or None when it holds."""
    marks = [
        (cell, value)
        for cell, value in zip(check.cells, (*lhs_values, *rhs_values), strict=True)
        if isinstance(value, Mark)
    ]
    rule = check.rule
    if marks:
        named = "、".join(
            f"{cell.row.label} / {cell.column.label}（{value.label}）"
            for cell, value in marks
        )
        return Finding(
            rule=rule.id,
            kind=FindingKind.NOT_ASSESSABLE,
            severity=Severity.WARNING,
            cells=[c.id for c in check.cells],
            message=(
                f"{check.place}：无法核对（{rule.statement}），因为{named}没有数字"
            ),
        )
    published = _sum(lhs_values)
    expected = _sum(rhs_values)
    if published == expected:
        return None
    return Finding(
        rule=rule.id,
        kind=FindingKind.RULE_BROKEN,
        severity=rule.severity,
        cells=[c.id for c in check.cells],
        published=published,
        expected=expected,
        difference=published - expected,
        message=rule.message.format(
            place=check.place,
            table=check.lhs[0].table.name_zh,
            column=check.column,
            published=published,
            expected=expected,
            difference=published - expected,
            statement=rule.statement,
        ),
    )


Getter = Callable[[Sequence[CellValue]], tuple[CellValue, ...]]
"""Picks the values of some cells out of a table's values, as a tuple."""

_FIGURE_TYPES = frozenset((int, Decimal))
_FIGURE_OR_NONE = _FIGURE_TYPES | {type(None)}


def _getter(indices: Sequence[int]) -> Getter:
    if not indices:
        return lambda values: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda values: (values[only],)
    getter: Getter = operator.itemgetter(*indices)
    return getter


@attrs.frozen
class Step:
    """One derivation of a plan: ``values[target] = sum(plus) - sum(minus)``."""

    target: int
    plus: Getter
    minus: Getter
    check: Check


@attrs.frozen
class Plan:
    """The precompiled checks and derivations of one table layout.

    Attributes:
        checks: every sum check with getters for its two sides.
        steps: the derivations, in order, that fill every derived cell from
            the cells the agency gives (the usual case: no total given).
        derived: the positions of the derived cells.
        template: the starting values of a builder: 0 for a cell the agency
            gives, None for a derived one.
    """

    checks: tuple[tuple[Check, Getter, Getter], ...]
    steps: tuple[Step, ...]
    derived: frozenset[int]
    template: tuple[CellValue | None, ...]


@cache
def plan(table: TableSpec) -> Plan:
    """The precompiled `Plan` of one table layout (computed once per layout)."""
    checks = tuple(
        (
            check,
            _getter([c.index for c in check.lhs]),
            _getter([c.index for c in check.rhs]),
        )
        for check in compile_checks(table)
    )
    derived = frozenset(c.index for c in table.cells if c.derived)
    given = frozenset(c.index for c in table.cells if not c.derived)
    steps = schedule(table, given)
    assert given | {s.target for s in steps} == set(range(len(table.cells))), (
        "every derived cell is derivable"
    )
    template = tuple(None if c.derived else zero(c.kind) for c in table.cells)
    return Plan(checks=checks, steps=steps, derived=derived, template=template)


@lru_cache(maxsize=256)
def schedule(table: TableSpec, known: frozenset[int]) -> tuple[Step, ...]:
    """The derivations that fill the cells not in ``known``, in order.

    This is the one total-derivation algorithm: a fixed point over the
    error-severity equations, each step taking the one cell of an equation that
    is still unknown. `plan` runs it for the usual case (exactly the derived
    cells unknown); `derive` runs it for any other set of unknown cells (a
    total given, a part absent). Cells no equation reaches get no step.
    Kept for a few hundred sets of known cells: the same layouts recur.
    """
    have = set(known)
    steps: list[Step] = []
    pending = [c for c in compile_checks(table) if c.rule.severity is Severity.ERROR]
    progress = True
    while progress and pending:
        progress = False
        still = []
        for check in pending:
            unknown = [c for c in check.cells if c.index not in have]
            if len(unknown) != 1:
                if unknown:
                    still.append(check)
                continue
            target = unknown[0]
            lhs = [c.index for c in check.lhs if c is not target]
            rhs = [c.index for c in check.rhs if c is not target]
            plus, minus = (rhs, lhs) if target in check.lhs else (lhs, rhs)
            steps.append(Step(target.index, _getter(plus), _getter(minus), check))
            have.add(target.index)
            progress = True
        pending = still
    return tuple(steps)


def all_figures(values: Sequence[CellValue]) -> bool:
    """True when every value is a figure (no blank, ``/`` or missing cell)."""
    return _FIGURE_TYPES.issuperset(map(type, values))


def check_table(table: TableSpec, values: Sequence[CellValue]) -> list[Finding]:
    """Every finding of the sum rules (R1–R3, R6) and of R4 over one table."""
    if all_figures(values):
        # Fast path: no marks, so no R4 finding and no check left unassessed.
        found = []
        for check, lhs, rhs in plan(table).checks:
            lhs_values, rhs_values = lhs(values), rhs(values)
            if sum(lhs_values) != sum(rhs_values):  # type: ignore[arg-type]
                finding = apply_check(check, lhs_values, rhs_values)
                assert finding is not None
                found.append(finding)
        return found
    findings = not_figures(table, values)
    for check in compile_checks(table):
        finding = apply_check(
            check,
            [values[c.index] for c in check.lhs],
            [values[c.index] for c in check.rhs],
        )
        if finding is not None:
            findings.append(finding)
    return findings


_R4 = RULES_BY_ID["R4"]


def not_figures(table: TableSpec, values: Sequence[CellValue]) -> list[Finding]:
    """R4: one finding per row whose cells hold a blank or ``/`` instead of a figure.

    Missing cells (not in the copy at hand) are left to the reader's findings.
    """
    findings = []
    for row in table.rows:
        cells = [
            table.cells[table.index[f"{table.id.value}.{row.id}.{c.id}"]]
            for c in row.columns
        ]
        bad = [
            (cell, values[cell.index])
            for cell in cells
            if values[cell.index] in (Mark.BLANK, Mark.NOT_APPLICABLE)
        ]
        if not bad:
            continue
        named = "、".join(f"{c.column.label}为{format_value(v)}" for c, v in bad)
        findings.append(
            Finding(
                rule=_R4.id,
                kind=FindingKind.NOT_A_FIGURE,
                severity=_R4.severity,
                cells=[c.id for c, _ in bad],
                published=bad[0][1],
                message=f"{table.id.name_zh} {row.label}：{named}，{_R4.statement}",
            )
        )
    return findings


def check_across_years(
    current: TableSpec,
    current_values: Sequence[CellValue],
    previous: TableSpec,
    previous_values: Sequence[CellValue],
) -> list[Finding]:
    """R5 over table 3 of this year's and last year's report."""
    findings = []
    for rule in RULES:
        if rule.scope is not Scope.ACROSS_YEARS:
            continue
        for this, last in zip(
            _expand(rule, current), _expand(rule, previous), strict=True
        ):
            check = Check(rule=rule, lhs=this.lhs, rhs=last.rhs, column=this.column)
            finding = apply_check(
                check,
                [current_values[c.index] for c in this.lhs],
                [previous_values[c.index] for c in last.rhs],
            )
            if finding is not None:
                findings.append(finding)
    return findings


class NegativeDerivedValue(Exception):
    """A derived figure came out negative: the given figures cannot all be right."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding
        super().__init__(finding.message)


def derive(table: TableSpec, values: list[CellValue | None]) -> list[CellValue]:
    """Fill every ``None`` in ``values`` from the table's equations.

    Cells that are neither given nor derivable stay absent as `Mark.BLANK`; a
    total derived from a part without a figure is `Mark.BLANK` too.

    Raises:
        NegativeDerivedValue: a derived count came out below zero.
    """
    table_plan = plan(table)
    # A step reads only cells already known (given or derived before it).
    read: Sequence[CellValue] = values  # type: ignore[assignment]
    if (
        values.count(None) == len(table_plan.derived)
        and all(values[i] is None for i in table_plan.derived)
        and _FIGURE_OR_NONE.issuperset(map(type, values))
    ):
        # The usual case: exactly the derived cells are unknown, every other
        # is a figure, so the layout's plan applies and no mark can occur
        # (the steps run without looking for one: this is the hot path).
        for step in table_plan.steps:
            figure: int | Decimal = sum(step.plus(read)) - sum(step.minus(read))  # type: ignore[arg-type]
            if figure < 0:
                raise NegativeDerivedValue(
                    _negative(step.check, table.cells[step.target], figure)
                )
            values[step.target] = figure
        return values  # type: ignore[return-value]
    known = frozenset(i for i, v in enumerate(values) if v is not None)
    for step in schedule(table, known):
        plus, minus = step.plus(read), step.minus(read)
        if any(isinstance(v, Mark) for v in (*plus, *minus)):
            values[step.target] = Mark.BLANK  # a mark among the parts: no figure
            continue
        figure = sum(plus) - sum(minus)  # type: ignore[arg-type]
        if figure < 0:
            raise NegativeDerivedValue(
                _negative(step.check, table.cells[step.target], figure)
            )
        values[step.target] = figure
    return [Mark.BLANK if v is None else v for v in values]


def _negative(check: Check, target: CellSpec, value: int | Decimal) -> Finding:
    return Finding(
        rule=check.rule.id,
        kind=FindingKind.RULE_BROKEN,
        severity=Severity.ERROR,
        cells=[target.id, *(c.id for c in check.cells if c is not target)],
        expected=value,
        message=(
            f"{target.place}：按勾稽关系（{check.rule.statement}）应为 {value}，"
            "但不能为负数：给出的数字之间有误"
        ),
    )


def zero(kind: CellKind) -> int | Decimal:
    """The zero figure of a cell kind."""
    return Decimal(0) if kind is CellKind.AMOUNT else 0
