"""The model: typed access, read-only cells, immutability, derived copies, checks on construction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import (
    BLANK,
    MISSING,
    ActiveColumn,
    ActiveRow,
    AppealGroup,
    AppealResult,
    Applicant,
    FindingKind,
    FormatVersion,
    InconsistentReportError,
    InvalidCellError,
    InvalidReportError,
    Metadata,
    Outcome,
    Report,
    Requests,
    Requests2019,
    UnknownCellError,
    format_spec,
    validate,
)


@pytest.fixture(scope="module")
def example() -> Report:
    return gr.example_report()


# ---------------------------------------------------------------- the example


def test_example_is_complete_and_realistic(example: Report) -> None:
    assert example.format_version is FormatVersion.V2021
    assert not example.as_published
    assert validate(example) == []
    for table in example.tables:
        figures = [v for v in table.values if not isinstance(v, gr.Mark)]
        assert len(figures) == len(table.values), "every cell holds a figure"
        assert any(figures), f"{table.spec.id} is all zeros"
    assert example.metadata.date_of_issue is not None
    assert example.metadata.date_of_issue.year == example.metadata.year + 1
    for narrative in (example.overview, example.problems, example.other_matters):
        assert not narrative.is_empty
    assert [s.title for s in example.overview.subsections] == [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "政府信息公开平台建设",
        "监督保障",
    ]
    # The narrative's figures are the tables' figures.
    text = example.overview.text()
    assert f"新收政府信息公开申请{example['requests.received.total']}件" in text
    assert f"结转下年度继续办理{example['requests.carried_forward.total']}件" in text
    assert f"行政许可决定{example['active.licensing.decisions']}件" in text
    assert example == gr.example_report()


# ---------------------------------------------------------------- access


def test_typed_access(example: Report) -> None:
    assert (
        example.requests[Outcome.GRANTED, Applicant.TOTAL]
        == example["requests.granted.total"]
        == example.requests["requests.granted.total"]
        == example.requests["granted.total"]
    )
    granted = [example.requests[Outcome.GRANTED, a] for a in Applicant]
    assert granted[-1] == sum(granted[:-1])  # type: ignore[arg-type]
    assert (
        example.appeals[AppealGroup.REVIEW, AppealResult.TOTAL]
        == example["appeals.review.total"]
    )
    assert (
        example.active[ActiveRow.LICENSING, ActiveColumn.DECISIONS]
        == example["active.licensing.decisions"]
    )
    assert example.active[ActiveRow.FEES, ActiveColumn.AMOUNT] == Decimal("12.56")


@pytest.mark.parametrize(
    "key",
    [
        (Applicant.TOTAL, Outcome.GRANTED),
        (Outcome.OTHER, Applicant.TOTAL),
        "requests.other.total",
        "granted.nobody",
        "appeals.review.total",
    ],
)
def test_typed_access_to_a_cell_the_table_lacks(example: Report, key: object) -> None:
    with pytest.raises(UnknownCellError):
        example.requests[key]  # type: ignore[index]


def test_report_access_to_an_unknown_id(example: Report) -> None:
    with pytest.raises(UnknownCellError, match="另一版格式") as caught:
        example["requests.other.natural_person"]
    assert caught.value.cell_id == "requests.other.natural_person"
    with pytest.raises(UnknownCellError, match=r"是否应为 appeals\.review\.total"):
        example["appeals.reveiw.total"]


def test_cells_is_a_read_only_mapping_in_printed_order(example: Report) -> None:
    cells = example.cells()
    spec = format_spec()
    assert list(cells) == [c.id for t in spec.tables for c in t.cells]
    assert len(cells) == 10 + 175 + 15
    assert all(cells[k] == example[k] for k in cells)
    with pytest.raises(TypeError):
        cells["requests.granted.natural_person"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        del cells["requests.granted.natural_person"]  # type: ignore[attr-defined]
    assert example.cells() == cells
    table_cells = example.requests.cells()
    with pytest.raises(TypeError):
        table_cells["requests.granted.total"] = 0  # type: ignore[index]
    assert [c.id for c in example.cell_specs()] == list(cells)
    assert [(c.id, v) for c, v in example.requests] == list(table_cells.items())


def test_frozen_and_hashable(example: Report) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        example.requests = example.requests  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        example.requests.values = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        example.metadata.year = 2020  # type: ignore[misc]
    assert isinstance(example.requests.values, tuple)
    assert hash(example) == hash(gr.example_report())
    assert len({example, gr.example_report()}) == 1


# ---------------------------------------------------------------- changing figures


def test_with_cells_derives_totals(example: Report) -> None:
    cell = "requests.granted.natural_person"
    changed = example.with_cells({cell: example[cell] + 2})  # type: ignore[operator]
    assert changed[cell] == example[cell] + 2  # type: ignore[operator]
    for total in (
        "requests.granted.total",
        "requests.total.natural_person",
        "requests.total.total",
    ):
        assert changed[total] == example[total] + 2  # type: ignore[operator]
    for balance in (
        "requests.carried_forward.natural_person",
        "requests.carried_forward.total",
    ):
        assert changed[balance] == example[balance] - 2  # type: ignore[operator]
    assert validate(changed) == []
    assert changed.metadata == example.metadata
    assert changed.overview == example.overview
    # The original is untouched.
    assert example == gr.example_report()


def test_with_cells_checks_a_given_total(example: Report) -> None:
    with pytest.raises(InconsistentReportError):
        example.with_cells({"appeals.review.total": 99})
    with pytest.raises(InconsistentReportError):
        example.with_cells({"appeals.review.total": 99}, derive_totals=False)
    with pytest.raises(UnknownCellError):
        example.with_cells({"requests.other.natural_person": 1})
    with pytest.raises(InvalidCellError):
        example.with_cells({"requests.granted.natural_person": -1})


def test_evolve_rechecks(example: Report) -> None:
    values = list(example.requests.values)
    values[example.requests.spec.position("total.natural_person")] = 0
    broken = Requests(tuple(values))  # a table alone is a container
    with pytest.raises(InconsistentReportError) as caught:
        attrs.evolve(example, requests=broken)
    assert {f.rule for f in caught.value.findings} == {"R1", "R2", "R3"}
    held = attrs.evolve(example, requests=broken, as_published=True)
    assert held.requests is broken
    assert {f.rule for f in validate(held)} == {"R1", "R2", "R3"}
    # evolve re-checks every cell too.
    with pytest.raises(InvalidCellError, match=r"requests\.received\.natural_person"):
        attrs.evolve(example.requests, values=(-1, *example.requests.values[1:]))
    with pytest.raises(InvalidReportError, match="需要 175 个单元格"):
        attrs.evolve(example.requests, values=(0,) * 174)


def test_construction_lists_every_finding_of_every_table(example: Report) -> None:
    values = list(example.requests.values)
    values[example.requests.spec.position("granted.total")] = 1000
    appeals = list(example.appeals.values)
    appeals[example.appeals.spec.position("litigation_direct.total")] = 50
    with pytest.raises(InconsistentReportError) as caught:
        Report(
            metadata=example.metadata,
            active=example.active,
            requests=Requests(tuple(values)),
            appeals=gr.Appeals(tuple(appeals)),
        )
    found = {(f.rule, f.cells[0]) for f in caught.value.findings}
    assert found == {
        ("R2", "requests.total.total"),
        ("R3", "requests.granted.total"),
        ("R6", "appeals.litigation_direct.total"),
    }
    assert "（3 处）" in str(caught.value)


def test_as_published_holds_breaks(example: Report) -> None:
    held = attrs.evolve(example, as_published=True)
    assert held == example  # as_published is not part of equality
    broken = held.with_cells({"appeals.review.total": 99}, derive_totals=False)
    assert broken.as_published
    assert broken["appeals.review.total"] == 99
    assert [f.rule for f in validate(broken)] == ["R6"]
    # Deriving again makes it consistent.
    fixed = broken.with_cells(
        {"appeals.review.upheld": example["appeals.review.upheld"]}
    )
    assert validate(fixed) == []


def test_blank_is_never_zero() -> None:
    report = gr.from_cells(
        {"requests.granted.natural_person": BLANK}, agency="示例局", year=2024
    )
    assert report["requests.granted.natural_person"] is BLANK
    assert report["requests.granted.natural_person"] != 0
    assert report["requests.total.natural_person"] is BLANK
    assert report["requests.carried_forward.natural_person"] is BLANK
    assert MISSING != BLANK


# ---------------------------------------------------------------- table types per format


def test_table_types_must_fit_the_format(example: Report) -> None:
    old = gr.from_cells(
        {}, agency="示例局", year=2020, format_version=FormatVersion.V2019
    )
    with pytest.raises(InvalidReportError, match="ActiveDisclosure2019"):
        attrs.evolve(old, active=example.active)
    with pytest.raises(InvalidReportError, match="Requests2019"):
        attrs.evolve(old, requests=example.requests)
    with pytest.raises(InvalidReportError, match="Appeals"):
        attrs.evolve(example, appeals=example.requests)  # type: ignore[arg-type]
    hybrid = attrs.evolve(example, requests=Requests2019.from_cells({}))
    assert hybrid.is_hybrid
    assert hybrid.spec.requests is format_spec().requests  # the format's own
    assert hybrid.requests.spec is format_spec(FormatVersion.V2019).requests


def test_metadata() -> None:
    meta = Metadata(agency="示例局", year=2024, date_of_issue=date(2025, 1, 20))
    assert meta.format_version is FormatVersion.V2021
    assert meta.standard_title == "示例局2024年政府信息公开工作年度报告"
    with pytest.raises(InvalidReportError, match="metadata"):
        Report(
            metadata="示例局",  # type: ignore[arg-type]
            active=gr.ActiveDisclosure.from_cells({}),
            requests=Requests.from_cells({}),
            appeals=gr.Appeals.from_cells({}),
        )


def test_table_from_cells_accepts_row_column_keys() -> None:
    table = gr.Appeals.from_cells({"review.upheld": 2, "appeals.review.other": 1})
    assert table["review.total"] == 3
    with pytest.raises(UnknownCellError, match="它属于表三"):
        gr.Appeals.from_cells({"requests.granted.total": 1})
    held = gr.Appeals.from_cells({"review.total": 4}, derive_totals=False)
    assert held["review.total"] == 4
    assert held["review.upheld"] is MISSING
    findings = held.findings()
    assert {f.kind for f in findings} == {FindingKind.NOT_ASSESSABLE}


# ------------------------------------------------------------------ model edges


def test_report_is_a_mapping_of_cell_ids() -> None:
    report = gr.example_report()
    assert "requests.granted.total" in report
    assert "requests.granted.totl" not in report
    assert "active.other_services.total" not in report  # a 2019 id
    for key in (0, None, ("requests", "granted"), b"requests.granted.total"):
        assert key not in report  # never raises
    assert report.get("requests.granted.total") == report["requests.granted.total"]
    assert report.get("nope") is None
    assert report.get("nope", BLANK) is BLANK
    assert list(report) == list(report.cells())
    assert len(report) == len(report.cells()) == len(report.cell_specs())
    for key in (0, 1.5, None):
        with pytest.raises(UnknownCellError, match="应为字符串"):
            report[key]  # type: ignore[index]


def test_table_membership_and_get() -> None:
    table = gr.example_report().requests
    assert "granted.total" in table
    assert "requests.granted.total" in table
    assert (Outcome.GRANTED, Applicant.TOTAL) in table
    assert "appeals.review.total" not in table
    assert 3 not in table
    assert table.get("granted.total") == table["granted.total"]
    assert table.get("nope", MISSING) is MISSING
    with pytest.raises(UnknownCellError, match="应为字符串"):
        table[3]  # type: ignore[index]


def test_reprs_are_short_and_name_the_figures() -> None:
    report = gr.example_report()
    text = repr(report)
    assert report.metadata.agency in text
    assert str(report.metadata.year) in text
    table = repr(report.requests)
    assert len(table) < 400
    assert "requests.received.natural_person=46" in table
    assert repr(gr.Appeals.from_cells({})) == "Appeals(2021, 15 cells, all 0)"


@pytest.mark.parametrize(
    "title",
    ["（一）主动公开", "(一)主动公开", "（ 十二 ） 主动公开", "（一）（一）主动公开"],
)
def test_subsection_numbering_is_dropped(title: str) -> None:
    sub = gr.Subsection(title=title)
    assert sub.title == "主动公开"
    assert attrs.evolve(sub, paragraphs=("x",)).title == "主动公开"


def test_subsection_keeps_other_titles() -> None:
    for title in ("一是加强主动公开", "主动公开（一）", "（1）主动公开", ""):
        assert gr.Subsection(title=title).title == title


def test_written_subsection_is_numbered_once() -> None:
    import io

    import docx

    report = gr.example_report()
    overview = gr.Narrative(subsections=(gr.Subsection(title="（一）主动公开情况"),))
    buffer = io.BytesIO()
    gr.write_docx(attrs.evolve(report, overview=overview), buffer)
    texts = [p.text for p in docx.Document(io.BytesIO(buffer.getvalue())).paragraphs]
    assert "（一）主动公开情况" in texts
    assert not any("（一）（一）" in t for t in texts)


def test_integer_like_figures_are_accepted_never_bools() -> None:
    np = pytest.importorskip("numpy")
    report = gr.example_report()
    changed = report.with_cells({"requests.granted.natural_person": np.int64(7)})
    assert type(changed["requests.granted.natural_person"]) is int
    assert changed["requests.granted.natural_person"] == 7
    amount = report.with_cells({"active.fees.amount": np.uint16(3)})
    assert amount["active.fees.amount"] == Decimal(3)
    for bad in (True, np.bool_(False)):
        with pytest.raises(InvalidCellError, match="布尔"):
            report.with_cells({"requests.granted.natural_person": bad})
    with pytest.raises(InvalidCellError, match="不能为负数"):
        report.with_cells({"requests.granted.natural_person": np.int64(-1)})
    with pytest.raises(InvalidCellError):
        report.with_cells({"requests.granted.natural_person": np.float64(2.0)})


def test_amount_unit_only_where_the_report_prints_it() -> None:
    """2019 表二's 采购总金额 keeps the unit printed; the format fixes every other."""
    table = gr.ActiveDisclosure2019.from_cells({}, amount_unit="元")
    assert table.amount_unit is gr.AmountUnit.YUAN
    assert "amount_unit=元" in repr(table)
    # kept by every copy, and part of equality
    assert (
        table.with_cells({"procurement.projects": 2}).amount_unit is gr.AmountUnit.YUAN
    )
    assert table.with_cells({}, derive_totals=False).amount_unit is gr.AmountUnit.YUAN
    assert table != attrs.evolve(table, amount_unit=None)
    with pytest.raises(gr.InvalidReportError, match="由格式规定"):
        gr.ActiveDisclosure.from_cells({}, amount_unit=gr.AmountUnit.WAN_YUAN)
    with pytest.raises(gr.InvalidReportError, match="由格式规定"):
        attrs.evolve(gr.example_report().requests, amount_unit="元")
    with pytest.raises(gr.InvalidReportError, match="应为 AmountUnit"):
        gr.ActiveDisclosure2019.from_cells({}, amount_unit="美元")
    with pytest.raises(gr.InvalidReportError, match="应为 AmountUnit"):
        gr.ActiveDisclosure2019.from_cells({}, amount_unit=4)  # type: ignore[arg-type]
