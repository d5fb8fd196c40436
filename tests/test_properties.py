"""Properties over generated reports of every layout: 2021, 2019 and the hybrid."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import FindingKind, FormatVersion, Mark, Report, validate
from strategies import LAYOUTS, consistent_reports, published_reports

layouts = pytest.mark.parametrize(
    ("version", "layout"), LAYOUTS, ids=["2021", "2019", "hybrid"]
)


def _held(report: Report, changes: dict[str, object]) -> Report:
    return attrs.evolve(report, as_published=True).with_cells(
        changes, derive_totals=False
    )


@layouts
@given(data=st.data())
def test_consistent_reports_validate_clean(
    version: FormatVersion, layout: FormatVersion, data: st.DataObject
) -> None:
    report = data.draw(consistent_reports(version, layout))
    assert report.format_version is version
    assert report.requests.spec.layout is layout
    assert report.is_hybrid is (version is not layout)
    assert validate(report) == []


@layouts
@given(data=st.data())
def test_any_change_to_a_derived_total_is_caught(
    version: FormatVersion, layout: FormatVersion, data: st.DataObject
) -> None:
    report = data.draw(consistent_reports(version, layout))
    specs = {c.id: c for c in report.cell_specs()}
    derived = [i for i, c in specs.items() if c.derived]
    cell = specs[data.draw(st.sampled_from(derived), label="cell")]
    old = report[cell.id]
    assert type(old) is int
    new = data.draw(
        st.integers(min_value=0, max_value=old + 1000).filter(lambda n: n != old),
        label="new",
    )
    findings = validate(_held(report, {cell.id: new}))
    assert findings
    assert all(f.kind is FindingKind.RULE_BROKEN for f in findings)
    assert any(cell.id in f.cells for f in findings)
    for finding in findings:
        assert finding.difference == finding.published - finding.expected  # type: ignore[operator]
        assert finding.difference != 0
        assert cell.place.split(" / ")[0].split(" ")[0] in finding.message


@layouts
@given(data=st.data())
def test_any_change_to_a_part_of_a_sum_is_caught(
    version: FormatVersion, layout: FormatVersion, data: st.DataObject
) -> None:
    report = data.draw(consistent_reports(version, layout))
    specs = {c.id: c for c in report.cell_specs()}
    parts = [
        i
        for i, c in specs.items()
        if not c.derived and c.table is not gr.TableId.ACTIVE
    ]
    cell = specs[data.draw(st.sampled_from(parts), label="cell")]
    old = report[cell.id]
    assert type(old) is int
    new = data.draw(
        st.integers(min_value=0, max_value=old + 1000).filter(lambda n: n != old),
        label="new",
    )
    findings = validate(_held(report, {cell.id: new}))
    assert any(
        f.kind is FindingKind.RULE_BROKEN and cell.id in f.cells for f in findings
    )
    # Deriving instead of holding keeps it consistent, or refuses a change that
    # would make the carry-forward negative.
    try:
        derived = report.with_cells({cell.id: new})
    except gr.InconsistentReportError as error:
        (finding,) = error.findings
        assert finding.rule == "R1"
        assert finding.cells[0].startswith("requests.carried_forward.")
        assert finding.expected < 0  # type: ignore[operator]
    else:
        assert validate(derived) == []


@given(consistent_reports())
def test_leaf_figures_rebuild_the_same_report(report: Report) -> None:
    leaves = {c.id: report[c.id] for c in report.cell_specs() if not c.derived}
    rebuilt = gr.from_cells(
        leaves,
        agency=report.metadata.agency,
        year=report.metadata.year,
        format_version=report.format_version,
        date_of_issue=report.metadata.date_of_issue,
        requests_layout=report.requests.spec.layout,
        preface=report.preface,
        overview=report.overview,
        problems=report.problems,
        other_matters=report.other_matters,
        amount_unit=report.active.amount_unit,
    )
    assert rebuilt == report
    # Every total given as well agrees with the derived one.
    assert (
        gr.from_cells(
            dict(report.cells()),
            agency=report.metadata.agency,
            year=report.metadata.year,
            format_version=report.format_version,
            requests_layout=report.requests.spec.layout,
        ).cells()
        == report.cells()
    )


@given(published_reports())
def test_published_reports_validate_without_crashing(report: Report) -> None:
    findings = validate(report)
    cells = report.cells()
    for finding in findings:
        assert finding.cells
        assert all(c in cells for c in finding.cells)
        assert finding.message.startswith(("表二", "表三", "表四"))
        if finding.kind is FindingKind.RULE_BROKEN:
            assert finding.difference == finding.published - finding.expected  # type: ignore[operator]
        if finding.kind is FindingKind.NOT_ASSESSABLE:
            assert any(isinstance(cells[c], Mark) for c in finding.cells)
        if finding.kind is FindingKind.NOT_A_FIGURE:
            assert all(cells[c] in (gr.BLANK, gr.NOT_APPLICABLE) for c in finding.cells)
    # Every blank or "/" is reported by R4.
    marked = {k for k, v in cells.items() if v in (gr.BLANK, gr.NOT_APPLICABLE)}
    reported = {
        c for f in findings if f.kind is FindingKind.NOT_A_FIGURE for c in f.cells
    }
    assert reported == marked
    # Findings are values: the same report gives the same findings, same ids.
    again = validate(report)
    assert again == findings
    assert [f.fingerprint for f in again] == [f.fingerprint for f in findings]


@given(published_reports())
def test_cells_round_trip_through_from_cells(report: Report) -> None:
    rebuilt = gr.from_cells(
        report.cells(),
        agency=report.metadata.agency,
        year=report.metadata.year,
        format_version=report.format_version,
        date_of_issue=report.metadata.date_of_issue,
        requests_layout=report.requests.spec.layout,
        preface=report.preface,
        overview=report.overview,
        problems=report.problems,
        other_matters=report.other_matters,
        as_published=True,
        amount_unit=report.active.amount_unit,
    )
    assert rebuilt == report
    assert validate(rebuilt) == validate(report)
