"""compare_years, year_over_year and the diff command: checks across years."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report import FindingKind, FormatVersion, Severity
from govinfo_report._cli import main
from strategies import consistent_reports


def _in_year(report: gr.Report, year: int, agency: str | None = None) -> gr.Report:
    meta = attrs.evolve(
        report.metadata, year=year, agency=agency or report.metadata.agency
    )
    return attrs.evolve(report, metadata=meta)


def _rules(findings: list[gr.Finding]) -> list[str]:
    return [f.rule for f in findings]


@pytest.fixture
def pair() -> tuple[gr.Report, gr.Report]:
    """Last year's report and this year's, consistent across years."""
    this = gr.example_report()
    forward = {
        f"requests.carried_forward.{a.value}": this[f"requests.carried_over.{a.value}"]
        for a in gr.Applicant
    }
    # Last year: carried_forward equals this year's carried_over (R5 holds);
    # its in_force + this year's issued - repealed = this year's in_force (Y1).
    last = gr.from_cells(
        {
            "requests.received.natural_person": 10
            + int(forward["requests.carried_forward.natural_person"]),  # type: ignore[call-overload]
            "requests.granted.natural_person": 10,
            "requests.received.commercial_enterprise": 2
            + int(forward["requests.carried_forward.commercial_enterprise"]),  # type: ignore[call-overload]
            "requests.granted.commercial_enterprise": 2,
            "active.normative_documents.in_force": 20,
            "active.licensing.decisions": 900,
            "appeals.review.upheld": 1,
        },
        agency=this.metadata.agency,
        year=this.metadata.year - 1,
    )
    return last, this


def test_consistent_pair_gives_no_finding(pair: tuple[gr.Report, gr.Report]) -> None:
    last, this = pair
    assert gr.compare_years(last, this) == []


def test_r5_carry_over_mismatch_is_cross_year(
    pair: tuple[gr.Report, gr.Report],
) -> None:
    last, this = pair
    changed = this.with_cells({"requests.carried_over.natural_person": 5})
    findings = [f for f in gr.compare_years(last, changed) if f.rule == "R5"]
    assert [f.cells[0] for f in findings] == [
        "requests.carried_over.natural_person",
        "requests.carried_over.total",
    ]
    assert all(f.kind is FindingKind.CROSS_YEAR for f in findings)
    assert all(f.severity is Severity.WARNING for f in findings)
    assert findings[0].published == 5
    assert findings[0].expected == 3


def test_y1_roll_forward(pair: tuple[gr.Report, gr.Report]) -> None:
    last, this = pair
    changed = this.with_cells({"active.normative_documents.in_force": 30})
    (finding,) = [f for f in gr.compare_years(last, changed) if f.rule == "Y1"]
    assert finding.kind is FindingKind.CROSS_YEAR
    assert finding.severity is Severity.WARNING
    assert (finding.published, finding.expected, finding.difference) == (30, 23, 7)
    assert finding.cells[0] == "active.normative_documents.in_force"
    spec = gr.format_spec()
    assert spec.active.row("normative_documents").label in finding.message
    assert gr.ActiveColumn.IN_FORCE.label in finding.message


def test_y1_blank_is_not_assessable(pair: tuple[gr.Report, gr.Report]) -> None:
    last, this = pair
    blank = last.with_cells({"active.rules.in_force": gr.BLANK}, derive_totals=False)
    blank = attrs.evolve(blank, as_published=True)
    (finding,) = [f for f in gr.compare_years(blank, this) if f.rule == "Y1"]
    assert finding.kind is FindingKind.NOT_ASSESSABLE


def test_y1_not_made_from_2019_format(pair: tuple[gr.Report, gr.Report]) -> None:
    _, this = pair
    last = gr.from_cells(
        {"active.normative_documents.total_published": 99},
        agency=this.metadata.agency,
        year=this.metadata.year - 1,
        format_version=FormatVersion.V2019,
    )
    findings = gr.compare_years(last, this)
    assert "Y1" not in _rules(findings)
    assert "Y7" in _rules(findings)


def test_identical_report_is_y3_not_y2() -> None:
    report = gr.example_report()
    findings = gr.compare_years(_in_year(report, 2024), report)
    assert "Y3" in _rules(findings)
    assert "Y2" not in _rules(findings)
    (y3,) = [f for f in findings if f.rule == "Y3"]
    assert len(y3.cells) == len(report.cells())


def test_identical_table_is_y2() -> None:
    report = gr.example_report()
    last = _in_year(report.with_cells({"requests.granted.natural_person": 10}), 2024)
    findings = [f for f in gr.compare_years(last, report) if f.rule in ("Y2", "Y3")]
    assert [f.rule for f in findings] == ["Y2", "Y2"]
    assert {f.cells[0].split(".")[0] for f in findings} == {"active", "appeals"}


def test_all_zero_tables_equal_are_not_flagged() -> None:
    zero = gr.from_cells({}, agency="某镇人民政府", year=2023)
    this = gr.from_cells({}, agency="某镇人民政府", year=2024)
    assert gr.compare_years(zero, this) == []


def test_stock_only_tables_equal_are_not_flagged() -> None:
    cells = {"active.normative_documents.in_force": 5}
    last = gr.from_cells(cells, agency="某镇人民政府", year=2023)
    this = gr.from_cells(cells, agency="某镇人民政府", year=2024)
    assert gr.compare_years(last, this) == []


def test_y4_copied_narrative_but_not_short_text() -> None:
    report = gr.example_report()
    other = gr.Narrative(paragraphs=("无。",))
    this = attrs.evolve(report, other_matters=other)
    last = _in_year(
        attrs.evolve(
            report.with_cells({"requests.granted.natural_person": 10}),
            other_matters=other,
            overview=gr.Narrative(paragraphs=("另一段文字。",)),
        ),
        2024,
    )
    findings = [f for f in gr.compare_years(last, this) if f.rule == "Y4"]
    assert [f.where for f in findings] == [
        gr.format_spec().section(gr.SectionId.PROBLEMS).heading
    ]


def test_agency_year_and_version_mismatch() -> None:
    this = gr.example_report()
    last = gr.from_cells(
        {}, agency="另一个局", year=2020, format_version=FormatVersion.V2019
    )
    findings = gr.compare_years(last, this)
    assert _rules(findings)[:3] == ["Y5", "Y6", "Y7"]
    assert "另一个局" in findings[0].message
    assert FormatVersion.V2019.notice in findings[2].message


def test_2019_to_2021_compares_corresponding_cells() -> None:
    this = gr.example_report()
    last = gr.from_cells(
        {
            "active.licensing.decisions": 1000,
            "active.licensing.previous_items": 7,
            "requests.received.natural_person": 9,
            "requests.granted.natural_person": 6,
        },
        agency=this.metadata.agency,
        year=this.metadata.year - 1,
        format_version=FormatVersion.V2019,
    )
    records = {r.cell: r for r in gr.year_over_year(last, this)}
    assert records["active.licensing.decisions"].change == 268
    assert "active.licensing.previous_items" not in records
    assert "active.normative_documents.issued" not in records
    assert "requests.other.no_correction.natural_person" not in records
    assert records["appeals.review.total"].previous == 0
    r5 = [f for f in gr.compare_years(last, this) if f.rule == "R5"]
    # last year carried forward 3 (9 received, 6 handled); this year says 3+1
    assert [f.cells[0] for f in r5] == [
        "requests.carried_over.commercial_enterprise",
        "requests.carried_over.total",
    ]


def test_year_over_year_records() -> None:
    this = gr.example_report()
    last = this.with_cells({"active.fees.amount": Decimal("10.5")})
    (record,) = [
        r for r in gr.year_over_year(last, this, changed_only=True) if r.table == "表二"
    ]
    assert record.cell == "active.fees.amount"
    assert record.change == Decimal("2.06")
    assert record.row == gr.ActiveRow.FEES.label
    assert record.column == gr.ActiveColumn.AMOUNT.label
    assert len(gr.year_over_year(last, this)) == len(this.cells())


def test_year_over_year_marks_have_no_change() -> None:
    this = gr.example_report()
    last = attrs.evolve(this, as_published=True).with_cells(
        {"appeals.review.upheld": gr.BLANK}, derive_totals=False
    )
    (record,) = gr.year_over_year(last, this, changed_only=True)
    assert record.previous is gr.BLANK
    assert record.change is None
    assert record.changed


def test_year_over_year_frame() -> None:
    pytest.importorskip("pandas")
    this = gr.example_report()
    last = this.with_cells({"requests.received.natural_person": 50})
    frame = gr.year_over_year_frame(last, this, changed_only=True)
    assert list(frame["cell"])[:2] == [
        "requests.received.natural_person",
        "requests.received.total",
    ]
    assert list(frame["change"])[:2] == [-4, -4]
    assert frame["previous_text"].iloc[0] == "50"


@given(consistent_reports())
def test_report_against_itself_next_year(report: gr.Report) -> None:
    """A report compared with itself: no R5 break unless carry-over differs."""
    last = _in_year(report, report.metadata.year)
    findings = gr.compare_years(last, report)
    same = all(
        report[f"requests.carried_over.{a.value}"]
        == report[f"requests.carried_forward.{a.value}"]
        for a in gr.Applicant
    )
    assert ("R5" in _rules(findings)) is not same
    assert all(f.severity is Severity.WARNING for f in findings)
    assert all(r.change == 0 for r in gr.year_over_year(last, report))


def test_cli_diff(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    this = gr.example_report()
    last = _in_year(this.with_cells({"requests.received.natural_person": 50}), 2024)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(gr.to_json(last), encoding="utf-8")
    new.write_text(gr.to_json(this), encoding="utf-8")
    assert main(["diff", str(old), str(new), "--check"]) == 0
    out = capsys.readouterr().out
    assert gr.Outcome.RECEIVED.label in out
    assert "-4" in out
    # last year carried 6 forward, this year carries over 3 and 1
    assert "[R5]" in out
    assert "共 4 个单元格有变化" in out


def test_year_over_year_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    report = gr.example_report()
    with pytest.raises(gr.MissingDependencyError, match="pandas") as caught:
        gr.year_over_year_frame(report, report)
    assert caught.value.package == "pandas"


def test_r5_is_validates_and_compare_years_reports_the_same_check(
    pair: tuple[gr.Report, gr.Report],
) -> None:
    # One owner: the R5 findings of compare_years are validate(previous=)'s,
    # finding for finding, only the kind of a break says CROSS_YEAR.
    last, this = pair
    changed = this.with_cells({"requests.carried_over.natural_person": 5})
    blank = last.with_cells({"requests.carried_forward.legal_service_agency": gr.BLANK})
    for previous in (last, blank):
        owned = [f for f in gr.validate(changed, previous=previous) if f.rule == "R5"]
        reported = [f for f in gr.compare_years(previous, changed) if f.rule == "R5"]
        assert owned, "the change breaks R5"
        assert reported == [
            attrs.evolve(f, kind=FindingKind.CROSS_YEAR)
            if f.kind is FindingKind.RULE_BROKEN
            else f
            for f in owned
        ]
    assert {f.kind for f in owned} == {
        FindingKind.RULE_BROKEN,
        FindingKind.NOT_ASSESSABLE,
    }


def _procurement(year: int, amount: str, unit: str | None) -> gr.Report:
    return gr.from_cells(
        {"active.procurement.amount": Decimal(amount)},
        agency="某局",
        year=year,
        format_version=FormatVersion.V2019,
        amount_unit=unit,
    )


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        (("3125000", "元"), ("313", "万元"), Decimal("0.5")),  # in this year's unit
        (("312.5", "万元"), ("3130000", "元"), Decimal("5000")),
        (("3", None), ("4", None), Decimal("1")),
        (("3", None), ("4", "万元"), None),  # 元 or 万元 last year? unknown
    ],
)
def test_year_over_year_of_an_amount_in_its_published_unit(
    before: tuple[str, str | None],
    after: tuple[str, str | None],
    change: Decimal | None,
) -> None:
    (record,) = gr.year_over_year(
        _procurement(2019, *before), _procurement(2020, *after), changed_only=True
    )
    assert record.cell == "active.procurement.amount"
    assert record.previous == Decimal(before[0])
    assert record.change == change
