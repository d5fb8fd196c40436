"""aggregate and check_consolidated: checks across agencies."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import CellKind, FindingKind, FormatVersion, Severity
from govinfo_report._cli import main
from strategies import consistent_reports

YEAR = 2023


def _in_year(report: gr.Report, year: int = YEAR) -> gr.Report:
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, year=year))


def _broken(report: gr.Report) -> list[gr.Finding]:
    return [f for f in gr.validate(report) if f.kind is FindingKind.RULE_BROKEN]


@st.composite
def same_format_reports(draw: st.DrawFn) -> list[gr.Report]:
    """Two to five consistent reports of one year, format and table-3 layout."""
    version = draw(st.sampled_from(list(FormatVersion)))
    layout = (
        FormatVersion.V2019
        if version is FormatVersion.V2019
        else draw(st.sampled_from(list(FormatVersion)))
    )
    reports = draw(
        st.lists(consistent_reports(version, layout), min_size=2, max_size=5)
    )
    # one unit for 2019 采购总金额 in all: amounts of other units are converted
    # (test_aggregate_converts_published_units), of unknown ones not added
    return [_in_year(_in_unit(r, gr.AmountUnit.WAN_YUAN)) for r in reports]


def _in_unit(report: gr.Report, unit: gr.AmountUnit | None) -> gr.Report:
    if not report.active.spec.published_unit:
        return report
    return attrs.evolve(report, active=attrs.evolve(report.active, amount_unit=unit))


@given(same_format_reports())
def test_aggregate_is_consistent_cellwise_sum(reports: list[gr.Report]) -> None:
    total = gr.aggregate(iter(reports), agency="合计", year=YEAR)
    assert not total.as_published  # built with the cross-checks enforced
    assert _broken(total) == []
    assert total.format_version is reports[0].format_version
    assert type(total.requests) is type(reports[0].requests)
    for cell_id, value in total.cells().items():
        parts = [r[cell_id] for r in reports]
        assert value == sum(parts[1:], parts[0])  # type: ignore[arg-type]
        assert type(value) is type(parts[0])
    assert total.active.amount_unit is reports[0].active.amount_unit


def _procurement(amount: str, unit: str | None) -> gr.Report:
    return gr.from_cells(
        {"active.procurement.amount": Decimal(amount)},
        agency="某局",
        year=2019,
        format_version=FormatVersion.V2019,
        amount_unit=unit,
    )


@pytest.mark.parametrize(
    ("parts", "expected", "unit"),
    [
        # converted exactly to the first unit met
        ([("312.5", "万元"), ("3125000", "元")], Decimal("625"), "万元"),
        ([("3125000", "元"), ("312.5", "万元")], Decimal("6250000"), "元"),
        ([("1.5", "亿元"), ("5000", "万元")], Decimal("2"), "亿元"),
        # an amount of unknown unit stands alone, or with zeros only
        ([("7", None), ("0", "元")], Decimal("7"), None),
        ([("0", None), ("0", None)], Decimal("0"), None),
    ],
)
def test_aggregate_converts_published_units(
    parts: list[tuple[str, str | None]], expected: Decimal, unit: str | None
) -> None:
    total = gr.aggregate(
        [_procurement(a, u) for a, u in parts], agency="合计", year=2019
    )
    assert total["active.procurement.amount"] == expected
    assert total.active.amount_unit == (None if unit is None else gr.AmountUnit(unit))
    assert not total.as_published


@pytest.mark.parametrize(
    "parts",
    [
        [("1", None), ("2", None)],
        [("1", None), ("2", "元")],
        [("1", "万元"), ("2", None)],
    ],
)
def test_aggregate_does_not_add_amounts_of_unknown_unit(
    parts: list[tuple[str, str | None]],
) -> None:
    """元 or 万元? Two non-zero amounts, one of unknown unit: the sum is unknown."""
    total = gr.aggregate(
        [_procurement(a, u) for a, u in parts], agency="合计", year=2019
    )
    assert total["active.procurement.amount"] is gr.BLANK
    assert total.as_published


def test_check_consolidated_compares_published_units_exactly() -> None:
    children = [_procurement("312.5", "万元"), _procurement("3125000", "元")]
    assert gr.check_consolidated(_procurement("625", "万元"), children) == []
    assert gr.check_consolidated(_procurement("6250000", "元"), children) == []
    (found,) = gr.check_consolidated(_procurement("626", "万元"), children)
    assert found.rule == "A1"
    assert found.difference == 1
    assert "626 万元" in found.message
    assert "625" in found.message
    (unknown,) = gr.check_consolidated(_procurement("625", None), children)
    assert unknown.rule == "A2"
    assert "未注明" in unknown.message


def _split_units(value: int, parts: int, rng: random.Random) -> list[int]:
    cuts = sorted(rng.randint(0, value) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, value], strict=True)]


def _split_figure(
    value: int | Decimal, kind: CellKind, parts: int, rng: random.Random
) -> list[int | Decimal]:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        units = int(value.scaleb(-exponent))
        return [Decimal(u).scaleb(exponent) for u in _split_units(units, parts, rng)]
    if kind is CellKind.SIGNED_COUNT:
        shares = [rng.randint(-50, 50) for _ in range(parts - 1)]
        return [*shares, value - sum(shares)]
    return list(_split_units(value, parts, rng))


def _split_requests(
    report: gr.Report, parts: int, rng: random.Random
) -> Iterator[dict[str, int]]:
    """Split table 3 request by request, so that each part balances (R1) too.

    Each column is a list of requests, each coming from ``received`` or
    ``carried_over`` and going to an outcome row or ``carried_forward``; every
    request is given to one part at random.
    """
    spec = report.requests.spec
    shares: list[dict[str, int]] = [{} for _ in range(parts)]
    for column in spec.rows[0].columns:
        if column.id == "total":
            continue

        def units(rows: list[str], column_id: str = column.id) -> list[str]:
            out = []
            for row in rows:
                count = report[f"requests.{row}.{column_id}"]
                assert isinstance(count, int)
                out.extend([row] * count)
            return out

        sources = units(["received", "carried_over"])
        sinks = units(
            [
                r.id
                for r in spec.rows
                if r.role is gr.RowRole.PART
                and r.id not in ("received", "carried_over")
            ]
            + ["carried_forward"]
        )
        assert len(sources) == len(sinks)
        for source, sink in zip(sources, sinks, strict=True):
            share = shares[rng.randrange(parts)]
            for row in (source, sink):
                if row == "carried_forward":
                    continue  # derived by R1
                key = f"requests.{row}.{column.id}"
                share[key] = share.get(key, 0) + 1
    yield from shares


@given(
    consistent_reports(),
    st.integers(min_value=2, max_value=4),
    st.integers(min_value=0, max_value=2**32),
)
def test_split_and_aggregate_gives_the_report_back(
    report: gr.Report, parts: int, seed: int
) -> None:
    rng = random.Random(seed)
    # parts of 采购总金额 of unknown unit are not added: give them one
    unit = gr.AmountUnit.WAN_YUAN if report.active.spec.published_unit else None
    report = _in_unit(report, unit)
    shares: list[dict[str, object]] = [{} for _ in range(parts)]
    for table in (report.active, report.appeals):
        for cell, value in table:
            if cell.derived:
                continue
            assert not isinstance(value, gr.Mark)
            for share, piece in zip(
                shares, _split_figure(value, cell.kind, parts, rng), strict=True
            ):
                share[cell.id] = piece
    for share, requests in zip(
        shares, _split_requests(report, parts, rng), strict=True
    ):
        share.update(requests)
    pieces = [
        gr.from_cells(
            share,
            agency=f"部门{i}",
            year=report.metadata.year,
            format_version=report.format_version,
            requests_layout=report.requests.spec.layout,
            amount_unit=unit,
        )
        for i, share in enumerate(shares)
    ]
    total = gr.aggregate(pieces, agency="合计", year=report.metadata.year)
    assert total.cells() == report.cells()
    for cell_id, value in report.cells().items():
        assert str(total[cell_id]) == str(value)  # amounts keep their places
    assert gr.check_consolidated(report, pieces) == []


def test_decimal_amounts_are_exact() -> None:
    pieces = [
        gr.from_cells(
            {"active.fees.amount": Decimal("0.1000000000000000000000000001")},
            agency=f"部门{i}",
            year=YEAR,
        )
        for i in range(3)
    ] + [
        gr.from_cells(
            {"active.fees.amount": Decimal("12345678901234567890.5")},
            agency="x",
            year=YEAR,
        )
    ]
    total = gr.aggregate(pieces, agency="合计", year=YEAR)
    assert total["active.fees.amount"] == Decimal(
        "12345678901234567890.8000000000000000000000000003"
    )


def _published(report: gr.Report, changes: dict[str, object]) -> gr.Report:
    return attrs.evolve(report, as_published=True).with_cells(
        changes, derive_totals=False
    )


def test_blank_makes_the_sum_blank_unless_blank_as_zero() -> None:
    a = gr.from_cells({"appeals.review.upheld": 2}, agency="甲", year=YEAR)
    b = _published(
        gr.from_cells({"appeals.review.upheld": 0}, agency="乙", year=YEAR),
        {"appeals.review.upheld": gr.BLANK, "appeals.review.total": gr.NOT_APPLICABLE},
    )
    total = gr.aggregate([a, b], agency="合计", year=YEAR)
    assert total["appeals.review.upheld"] is gr.BLANK
    assert total["appeals.review.total"] is gr.BLANK
    assert total["appeals.review.corrected"] == 0
    assert total.as_published
    zeroed = gr.aggregate([a, b], agency="合计", year=YEAR, blank_as_zero=True)
    assert zeroed["appeals.review.upheld"] == 2
    assert zeroed["appeals.review.total"] == 2


def test_missing_stays_blank_even_with_blank_as_zero() -> None:
    a = gr.from_cells({"active.fees.amount": Decimal("1.5")}, agency="甲", year=YEAR)
    b = _published(a, {"active.fees.amount": gr.MISSING})
    total = gr.aggregate([b, a], agency="合计", year=YEAR, blank_as_zero=True)
    assert total["active.fees.amount"] is gr.BLANK


def test_aggregate_refuses_mixed_input() -> None:
    a = gr.from_cells({}, agency="甲", year=YEAR)
    with pytest.raises(gr.InvalidReportError, match="没有可汇总"):
        gr.aggregate([], agency="合计", year=YEAR)
    with pytest.raises(gr.InvalidReportError, match="2022 年"):
        gr.aggregate([a, _in_year(a, 2022)], agency="合计", year=YEAR)
    hybrid = gr.from_cells(
        {}, agency="乙", year=YEAR, requests_layout=FormatVersion.V2019
    )
    with pytest.raises(gr.InvalidReportError, match="第 2 份报告（乙）"):
        gr.aggregate([a, hybrid], agency="合计", year=YEAR)
    old = gr.from_cells({}, agency="丙", year=YEAR, format_version=FormatVersion.V2019)
    with pytest.raises(gr.InvalidReportError, match="2019 版格式"):
        gr.aggregate([a, old], agency="合计", year=YEAR)
    with pytest.raises(gr.InvalidReportError, match="不是报告"):
        gr.aggregate([a, "a report"], agency="合计", year=YEAR)  # type: ignore[list-item]


def test_aggregate_streams() -> None:
    """Reports are consumed one at a time: a generator is read once, lazily."""
    seen = []

    def reports() -> Iterator[gr.Report]:
        for i in range(50):
            seen.append(i)
            yield gr.example_report()

    total = gr.aggregate(reports(), agency="合计", year=2025)
    assert len(seen) == 50
    assert total["requests.received.total"] == 50 * 57


def test_check_consolidated_reports_each_cell() -> None:
    part = gr.example_report()
    other = part.with_cells({"appeals.review.upheld": 0})
    parent = gr.aggregate([part, other], agency="某市人民政府", year=2025).with_cells(
        {"requests.granted.natural_person": 40}
    )
    findings = gr.check_consolidated(parent, [part, other])
    assert {f.rule for f in findings} == {"A1"}
    assert all(f.kind is FindingKind.CROSS_AGENCY for f in findings)
    assert all(f.severity is Severity.WARNING for f in findings)
    first = findings[0]
    assert first.cells == ("requests.granted.natural_person",)
    assert (first.published, first.expected, first.difference) == (40, 36, 4)
    assert gr.Outcome.GRANTED.label in first.message
    assert gr.Applicant.NATURAL_PERSON.label in first.message
    changed = {f.cells[0] for f in findings}
    assert "requests.total.total" in changed
    assert "requests.carried_forward.natural_person" in changed


def test_check_consolidated_clean_and_not_assessable() -> None:
    part = gr.example_report()
    parent = gr.aggregate([part, part], agency="某市人民政府", year=2025)
    assert gr.check_consolidated(parent, [part, part]) == []
    blank = _published(part, {"appeals.review.upheld": gr.BLANK})
    findings = gr.check_consolidated(parent, [part, blank])
    assert [f.rule for f in findings] == ["A2"]
    assert findings[0].kind is FindingKind.NOT_ASSESSABLE
    assert "appeals.review.upheld" in findings[0].cells


def test_cli_aggregate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = gr.example_report()
    files = []
    for i in range(3):
        path = tmp_path / f"r{i}.json"
        path.write_text(gr.to_json(report), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "sum.json"
    assert (
        main(
            ["aggregate", *files, "--agency", "合计", "--year", "2025", "-o", str(out)]
        )
        == 0
    )
    total = gr.from_json(out.read_text(encoding="utf-8"))
    assert total["requests.received.total"] == 3 * 57
    assert total["active.fees.amount"] == Decimal("37.68")
    assert total.metadata.agency == "合计"
    assert (
        main(
            ["aggregate", *files, "--agency", "合计", "--year", "2024", "-o", str(out)]
        )
        == 2
    )
