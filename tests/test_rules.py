"""The cross-checks R1–R6: one figure of the example changed, one exact finding.

Every test starts from `example_report()`, holds it as published
(``as_published=True``), changes one figure and checks the finding of the rule
in full: rule id, kind, severity, the cells in order, published / expected /
difference and the Chinese message naming table, row and column by label.
Expected figures are read from the example, not typed in.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import (
    BLANK,
    MISSING,
    NOT_APPLICABLE,
    RULES,
    Finding,
    FindingKind,
    FormatVersion,
    Report,
    Severity,
    format_spec,
    validate,
)
from govinfo_report._rules import compile_checks
from helpers import APPLICANTS, OUTCOMES, REQUEST_COLUMNS

COLUMNS = list(REQUEST_COLUMNS)
PARTS = list(APPLICANTS)
R1_STATEMENT = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"


@pytest.fixture(scope="module")
def example() -> Report:
    return gr.example_report()


def published(report: Report, changes: dict[str, object]) -> Report:
    """The report as published, with some cells replaced exactly as given."""
    held = attrs.evolve(report, as_published=True)
    return held.with_cells(changes, derive_totals=False)


def only(findings: list[Finding], rule: str) -> Finding:
    found = [f for f in findings if f.rule == rule]
    assert len(found) == 1, findings
    return found[0]


def figure(report: Report, cell_id: str) -> int:
    value = report[cell_id]
    assert type(value) is int
    return value


def test_example_validates_clean(example: Report) -> None:
    assert validate(example) == []
    assert example.table_findings == ()


def test_rules_are_data() -> None:
    assert [r.id for r in RULES] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    for rule in RULES:
        assert rule.formula
        assert rule.statement
        assert rule.message
    by_rule: dict[str, int] = {}
    for check in compile_checks(format_spec().requests):
        by_rule[check.rule.id] = by_rule.get(check.rule.id, 0) + 1
    # One equation per column (R1, R2) and per row (R3).
    assert by_rule == {"R1": 7, "R2": 7, "R3": 25}
    assert len(compile_checks(format_spec().appeals)) == 3
    assert compile_checks(format_spec().active) == ()
    old = {c.rule.id for c in compile_checks(format_spec(FormatVersion.V2019).requests)}
    assert old == {"R1", "R2", "R3"}


# ------------------------------------------------------------------- R1


def test_r1_received_changed(example: Report) -> None:
    cell = "requests.received.natural_person"
    report = published(example, {cell: figure(example, cell) + 1})
    findings = validate(report)
    assert {f.rule for f in findings} == {"R1", "R3"}
    r1 = only(findings, "R1")
    left = figure(report, cell) + figure(report, "requests.carried_over.natural_person")
    right = figure(report, "requests.total.natural_person") + figure(
        report, "requests.carried_forward.natural_person"
    )
    assert left == right + 1
    assert r1.kind is FindingKind.RULE_BROKEN
    assert r1.severity is Severity.ERROR
    assert r1.cells == (
        "requests.received.natural_person",
        "requests.carried_over.natural_person",
        "requests.total.natural_person",
        "requests.carried_forward.natural_person",
    )
    assert (r1.published, r1.expected, r1.difference) == (left, right, 1)
    assert r1.message == (
        f"表三 自然人列：第一项加第二项之和为 {left}，第三项加第四项之和为 {right}，"
        f"相差 1（{R1_STATEMENT}）"
    )
    r3 = only(findings, "R3")
    row_total = figure(report, "requests.received.total")
    assert r3.cells[0] == "requests.received.total"
    assert (r3.published, r3.expected, r3.difference) == (row_total, row_total + 1, -1)


# ------------------------------------------------------------------- R2


def test_r2_total_changed(example: Report) -> None:
    cell = "requests.total.natural_person"
    handled = sum(figure(example, f"requests.{row}.natural_person") for row in OUTCOMES)
    assert figure(example, cell) == handled
    report = published(example, {cell: handled + 1})
    findings = validate(report)
    assert {f.rule for f in findings} == {"R1", "R2", "R3"}
    r2 = only(findings, "R2")
    assert r2.kind is FindingKind.RULE_BROKEN
    assert r2.severity is Severity.ERROR
    assert r2.cells == (cell, *(f"requests.{row}.natural_person" for row in OUTCOMES))
    assert len(r2.cells) == 22
    assert (r2.published, r2.expected, r2.difference) == (handled + 1, handled, 1)
    assert r2.message == (
        f"表三 （七）总计 / 自然人：公布值 {handled + 1}，应为 {handled}"
        "（（一）至（六）各项之和）"
    )
    r3 = only(findings, "R3")
    assert r3.message.startswith("表三 （七）总计 / 总计：公布值 ")


def test_r2_hybrid_sums_the_single_other_row() -> None:
    report = gr.from_cells(
        {
            "requests.received.natural_person": 5,
            "requests.granted.natural_person": 2,
            "requests.other.natural_person": 3,
        },
        agency="示例局",
        year=2024,
        requests_layout=FormatVersion.V2019,
    )
    assert report.is_hybrid
    assert report["requests.total.natural_person"] == 5
    broken = published(report, {"requests.other.natural_person": 4})
    r2 = only(validate(broken), "R2")
    assert "requests.other.natural_person" in r2.cells
    assert len(r2.cells) == 1 + 2 + 8 + 3 + 5 + 1
    assert (r2.published, r2.expected) == (5, 6)


# ------------------------------------------------------------------- R3


def test_r3_total_column_changed(example: Report) -> None:
    cell = "requests.granted.total"
    parts = [f"requests.granted.{c}" for c in PARTS]
    expected = sum(figure(example, p) for p in parts)
    report = published(example, {cell: expected + 2})
    findings = validate(report)
    assert {f.rule for f in findings} == {"R2", "R3"}
    r3 = only(findings, "R3")
    assert r3.kind is FindingKind.RULE_BROKEN
    assert r3.severity is Severity.ERROR
    assert r3.cells == (cell, *parts)
    assert (r3.published, r3.expected, r3.difference) == (expected + 2, expected, 2)
    assert r3.message == (
        f"表三 （一）予以公开 / 总计：公布值 {expected + 2}，应为 {expected}"
        "（自然人与法人或其他组织各列之和）"
    )
    r2 = only(findings, "R2")
    assert r2.cells[0] == "requests.total.total"


# ------------------------------------------------------------------- R4


@pytest.mark.parametrize(
    ("mark", "shown"), [(BLANK, "空白"), (NOT_APPLICABLE, "“/”（不适用）")]
)
def test_r4_blank_or_not_applicable(example: Report, mark: gr.Mark, shown: str) -> None:
    cell = "requests.granted.natural_person"
    report = published(example, {cell: mark})
    findings = validate(report)
    r4 = only(findings, "R4")
    assert r4.kind is FindingKind.NOT_A_FIGURE
    assert r4.severity is Severity.ERROR
    assert r4.cells == (cell,)
    assert r4.published is mark
    assert r4.message == f"表三 （一）予以公开：自然人为{shown}，应填写不小于 0 的整数"
    # The sums that read the cell cannot be made: said so, not passed, no crash.
    unassessed = [f for f in findings if f.kind is FindingKind.NOT_ASSESSABLE]
    assert {f.rule for f in unassessed} == {"R2", "R3"}
    for finding in unassessed:
        assert cell in finding.cells
        assert finding.severity is Severity.WARNING
        assert finding.published is None
        assert finding.expected is None
    r2 = only(unassessed, "R2")
    assert r2.message == (
        "表三 （七）总计 / 自然人：无法核对（（一）至（六）各项之和），"
        f"因为（一）予以公开 / 自然人（{mark.label}）没有数字"
    )
    assert len(findings) == 3


def test_r4_several_marks_in_one_row(example: Report) -> None:
    report = published(
        example,
        {
            "appeals.review.upheld": BLANK,
            "appeals.review.pending": NOT_APPLICABLE,
        },
    )
    r4 = only(validate(report), "R4")
    assert r4.cells == ("appeals.review.upheld", "appeals.review.pending")
    assert r4.message == (
        "表四 行政复议：结果维持为空白、尚未审结为“/”（不适用），应填写不小于 0 的整数"
    )


def test_missing_cell_is_not_assessable_not_r4(example: Report) -> None:
    report = published(example, {"requests.total.total": MISSING})
    findings = validate(report)
    assert all(f.kind is FindingKind.NOT_ASSESSABLE for f in findings)
    assert {f.rule for f in findings} == {"R1", "R2", "R3"}
    assert all("缺失" in f.message for f in findings)


def test_blank_total_is_not_assessable(example: Report) -> None:
    report = published(example, {"appeals.review.total": BLANK})
    findings = validate(report)
    assert {(f.rule, f.kind) for f in findings} == {
        ("R4", FindingKind.NOT_A_FIGURE),
        ("R6", FindingKind.NOT_ASSESSABLE),
    }
    r6 = only(findings, "R6")
    assert r6.cells[0] == "appeals.review.total"
    assert r6.message.startswith("表四 行政复议 / 总计：无法核对")


# ------------------------------------------------------------------- R5


def _previous_of(report: Report) -> Report:
    """Last year's report, its carry-forward equal to this year's carry-over."""
    carried = {
        f"requests.carried_forward.{c}": report[f"requests.carried_over.{c}"]
        for c in COLUMNS
    }
    last = attrs.evolve(report, metadata=attrs.evolve(report.metadata, year=2024))
    return published(last, carried)


def test_r5_matches_last_year(example: Report) -> None:
    assert validate(example, previous=_previous_of(example)) == []


def test_r5_carried_over_differs(example: Report) -> None:
    previous = _previous_of(example)
    cell = "requests.carried_forward.commercial_enterprise"
    last = figure(previous, cell)
    previous = published(previous, {cell: last + 3})
    findings = validate(example, previous=previous)
    r5 = only(findings, "R5")
    assert len(findings) == 1
    assert r5.kind is FindingKind.RULE_BROKEN
    assert r5.severity is Severity.WARNING
    assert r5.cells == ("requests.carried_over.commercial_enterprise", cell)
    assert (r5.published, r5.expected, r5.difference) == (last, last + 3, -3)
    assert r5.message == (
        f"表三 二、上年结转政府信息公开申请数量 / 商业企业：公布值 {last}，应为 {last + 3}"
        "（上年报告“四、结转下年度继续办理”的数字）"
    )
    # Without last year's report there is nothing to compare.
    assert validate(example) == []


def test_r5_against_a_2019_layout_and_a_blank(example: Report) -> None:
    last = gr.from_cells(
        {
            f"requests.received.{c}": example[f"requests.carried_over.{c}"]
            for c in PARTS
        },
        agency=example.metadata.agency,
        year=2020,
        format_version=FormatVersion.V2019,
    )
    assert validate(example, previous=last) == []
    blank = published(last, {"requests.carried_forward.natural_person": BLANK})
    findings = validate(example, previous=blank)
    assert [(f.rule, f.kind) for f in findings] == [("R5", FindingKind.NOT_ASSESSABLE)]


# ------------------------------------------------------------------- R6


@pytest.mark.parametrize(
    ("group", "label"),
    [
        ("review", "行政复议"),
        ("litigation_direct", "未经复议直接起诉"),
        ("litigation_after_review", "复议后起诉"),
    ],
)
def test_r6_group_total(example: Report, group: str, label: str) -> None:
    cell = f"appeals.{group}.upheld"
    report = published(example, {cell: figure(example, cell) + 1})
    findings = validate(report)
    r6 = only(findings, "R6")
    assert len(findings) == 1
    total = figure(report, f"appeals.{group}.total")
    assert r6.kind is FindingKind.RULE_BROKEN
    assert r6.severity is Severity.ERROR
    assert r6.cells == tuple(
        f"appeals.{group}.{c}"
        for c in ("total", "upheld", "corrected", "other", "pending")
    )
    assert (r6.published, r6.expected, r6.difference) == (total, total + 1, -1)
    assert r6.message == (
        f"表四 {label} / 总计：公布值 {total}，应为 {total + 1}"
        "（结果维持、结果纠正、其他结果、尚未审结之和）"
    )


# ------------------------------------------------------------------- findings


def test_fingerprint_is_stable_and_names_the_place(example: Report) -> None:
    cell = "appeals.review.upheld"
    one = only(validate(published(example, {cell: 9})), "R6")
    two = only(validate(published(example, {cell: 10})), "R6")
    other = only(validate(published(example, {"appeals.review.corrected": 9})), "R6")
    # Same rule at the same place: same id, whatever the figures.
    assert one.message != two.message
    assert one.fingerprint == two.fingerprint
    # The cells are the same for every cell of the group; the fingerprint too.
    assert other.fingerprint == one.fingerprint
    r2 = only(validate(published(example, {"requests.total.natural_person": 0})), "R2")
    assert r2.fingerprint != one.fingerprint
    # The documented recipe, so it does not change between versions unnoticed.
    key = "|".join(("R6", "rule_broken", ",".join(one.cells), ""))
    assert one.fingerprint == hashlib.sha256(key.encode()).hexdigest()[:16]
    assert len(one.fingerprint) == 16


def test_finding_is_a_frozen_value(example: Report) -> None:
    finding = only(validate(published(example, {"appeals.review.upheld": 9})), "R6")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.rule = "R1"  # type: ignore[misc]
    assert finding == attrs.evolve(finding)
    assert hash(finding) == hash(attrs.evolve(finding))
    assert finding.is_error
    assert finding.where == ""


def test_reading_findings_come_first(example: Report) -> None:
    unread = Finding(
        rule="read",
        kind=FindingKind.UNREAD_LINE,
        severity=Severity.WARNING,
        message="第 3 行无法识别",
        where="line 3",
    )
    report = attrs.evolve(
        published(example, {"appeals.review.upheld": 9}), reading_findings=(unread,)
    )
    findings = validate(report)
    assert findings[0] == unread
    assert [f.rule for f in findings[1:]] == ["R6"]
    # Reading findings are not part of equality: the figures are.
    assert report == published(example, {"appeals.review.upheld": 9})


# ------------------------------------------- one derivation algorithm, any inputs


def _reference_derive(
    table: gr.TableSpec, values: list[gr.CellValue | None]
) -> list[gr.CellValue] | str:
    """The derivation as the format states it, written plainly: repeat until
    nothing changes, filling the one unknown cell of an error-severity equation
    (a mark among its other cells gives a blank); a negative result says so."""
    from govinfo_report import Mark

    values = list(values)
    checks = [c for c in compile_checks(table) if c.rule.severity is Severity.ERROR]
    changed = True
    while changed:
        changed = False
        for check in checks:
            unknown = [c for c in check.cells if values[c.index] is None]
            if len(unknown) != 1:
                continue
            target = unknown[0]
            others = [values[c.index] for c in check.cells if c is not target]
            if any(isinstance(v, Mark) for v in others):
                values[target.index] = Mark.BLANK
            else:
                lhs = sum(values[c.index] for c in check.lhs if c is not target)  # type: ignore[misc]
                rhs = sum(values[c.index] for c in check.rhs if c is not target)  # type: ignore[misc]
                value = rhs - lhs if target in check.lhs else lhs - rhs
                if value < 0:
                    return f"negative {target.id}"
                values[target.index] = value
            changed = True
    return [Mark.BLANK if v is None else v for v in values]


@pytest.mark.parametrize("seed", range(60))
def test_derive_agrees_with_the_plain_fixed_point(seed: int) -> None:
    # Any set of unknown cells (a total given, a part absent, a mark among the
    # parts): `derive` runs the one scheduled algorithm; the result (or the
    # refusal) is the plain fixed point's.
    import random

    from govinfo_report._rules import NegativeDerivedValue, derive

    rng = random.Random(seed)
    version = (FormatVersion.V2021, FormatVersion.V2019)[seed % 2]
    table = format_spec(version).tables[seed % 3]
    values: list[gr.CellValue | None] = []
    for cell in table.cells:
        roll = rng.random()
        if roll < (0.9 if cell.derived else 0.15):
            values.append(None)
        elif roll < 0.97:
            base = rng.randint(0, 40) * (10 if cell.derived else 1)
            values.append(Decimal(base) if cell.kind is gr.CellKind.AMOUNT else base)
        else:
            values.append(rng.choice([BLANK, NOT_APPLICABLE]))
    expected = _reference_derive(table, values)
    try:
        got: list[gr.CellValue] | str = derive(table, list(values))
    except NegativeDerivedValue as error:
        got = f"negative {error.finding.cells[0]}"
    assert got == expected
