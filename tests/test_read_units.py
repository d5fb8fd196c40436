"""Units printed in cells and headers (issue 12, part 3).

A unit in a cell is parsed: a count word keeps the count, an amount in another
unit than its column's is converted exactly with a finding, anything that
cannot be converted is reported; a unit in a header sets the column's unit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import (
    MISSING,
    AmountUnit,
    CellKind,
    FindingKind,
    FormatVersion,
    Report,
    example_report,
    format_spec,
    from_cells,
    read_html,
    read_text,
)
from govinfo_report._readers._cells import parse_value, read_cell
from govinfo_report._values import Mark
from strategies import consistent_reports
from test_read_axes import STYLES, axes_rows, identity, page, read

FEE = "active.fees.amount"


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _rows_with(report: Report, change: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The tables as printed, the texts of some figure cells replaced."""
    rows = axes_rows(report, identity(report))
    spec = report.spec
    for kind, cells in rows:
        if kind != "row":
            continue
        for row in spec.active.rows:
            if cells[0] == row.label:
                for i, column in enumerate(row.columns):
                    cell_id = f"active.{row.id}.{column.id}"
                    if cell_id in change:
                        cells[1 + i] = change[cell_id]
    return rows


@pytest.mark.parametrize("style", STYLES)
def test_fee_in_yuan_is_converted_with_a_finding(example: Report, style: str) -> None:
    fee = example[FEE]
    assert isinstance(fee, Decimal)
    printed = f"{int(fee * 10000)}元"  # 125600元 for 12.56 万元
    got = read(style, page(example, _rows_with(example, {FEE: printed}), style))
    assert got[FEE] == fee  # not 125600 万元
    (finding,) = got.reading_findings
    assert finding.kind is FindingKind.CONVERTED_UNIT
    assert finding.cells == (FEE,)
    assert printed in finding.message
    assert f"{fee} 万元" in finding.message


@pytest.mark.parametrize("style", STYLES)
def test_fee_in_wan_yuan_and_counts_with_count_words(
    example: Report, style: str
) -> None:
    change = {
        FEE: f"{example[FEE]}万元",
        "active.licensing.decisions": f"{example['active.licensing.decisions']}件",
        "active.rules.issued": f"{example['active.rules.issued']}条",
        "active.penalty.decisions": f"{example['active.penalty.decisions']}笔",
    }
    got = read(style, page(example, _rows_with(example, change), style))
    assert dict(got.cells()) == dict(example.cells())
    assert got.reading_findings == ()


@pytest.mark.parametrize("style", STYLES)
def test_amount_unit_in_a_count_column_is_reported(example: Report, style: str) -> None:
    change = {"active.licensing.decisions": "5万元"}
    got = read(style, page(example, _rows_with(example, change), style))
    assert got["active.licensing.decisions"] is MISSING
    assert any(
        "active.licensing.decisions" in f.cells and "5万元" in f.message
        for f in got.reading_findings
    )


@pytest.mark.parametrize("style", STYLES)
def test_count_word_in_the_fee_column_is_reported(example: Report, style: str) -> None:
    got = read(style, page(example, _rows_with(example, {FEE: "3件"}), style))
    assert got[FEE] is MISSING
    assert any(FEE in f.cells and "3件" in f.message for f in got.reading_findings)


@pytest.mark.parametrize(
    "header", ["收费金额（元）", "本年收费金额（单位：元）", "收费金额(元)"]
)
@pytest.mark.parametrize("style", STYLES)
def test_unit_in_the_header_sets_the_column_unit(
    example: Report, style: str, header: str
) -> None:
    fee = example[FEE]
    assert isinstance(fee, Decimal)
    rows = _rows_with(example, {FEE: str(int(fee * 10000))})
    for _kind, cells in rows:
        for i, cell in enumerate(cells):
            if cell == "本年收费金额（单位：万元）":
                cells[i] = header
    got = read(style, page(example, rows, style))
    assert got[FEE] == fee
    (finding,) = got.reading_findings
    assert finding.kind is FindingKind.CONVERTED_UNIT
    assert FEE in finding.cells


def test_read_cell_and_parse_value_traps() -> None:
    wan = AmountUnit.WAN_YUAN
    assert read_cell("125600元", CellKind.AMOUNT, "万元", "")[0] == Decimal("12.56")
    assert read_cell("1.5亿元", CellKind.AMOUNT, "万元", "")[0] == Decimal("15000")
    assert read_cell("3万", CellKind.AMOUNT, "万元", "") == (Decimal("3"), None, wan)
    assert read_cell("23件", CellKind.COUNT, None, "") == (23, None, None)
    assert read_cell("23万元", CellKind.COUNT, None, "")[0] is None
    # a column of published unit keeps the unit printed (cell, else header)
    assert read_cell("3125000元", CellKind.AMOUNT, None, "") == (
        Decimal("3125000"),
        None,
        AmountUnit.YUAN,
    )
    assert read_cell("312.5", CellKind.AMOUNT, None, "", "万元") == (
        Decimal("312.5"),
        None,
        wan,
    )
    assert read_cell("312.5", CellKind.AMOUNT, None, "") == (
        Decimal("312.5"),
        None,
        None,
    )
    # …and a cell in another unit than its header is converted to the header's
    value, note, unit = read_cell("3125000元", CellKind.AMOUNT, None, "表二", "万元")
    assert (value, unit) == (Decimal("312.5"), wan)
    assert note is not None
    assert "已换算为 312.5 万元" in note
    # parse_value alone never reads an amount unit it cannot check.
    assert parse_value("125600元", CellKind.AMOUNT) is None
    assert parse_value("12万", CellKind.COUNT) is None
    assert parse_value("23件") == 23
    assert parse_value("—件") is None or parse_value("—件") is Mark.NOT_APPLICABLE


def _report_2019() -> Report:
    spec = format_spec(FormatVersion.V2019)
    cells: dict[str, int | Decimal] = {}
    for table in spec.tables:
        for cell in table.cells:
            if not cell.derived:
                cells[cell.id] = 0
    cells["active.procurement.projects"] = 7
    cells["active.procurement.amount"] = Decimal("350.5")
    return from_cells(
        cells, agency="青禾市生态环境局", year=2019, format_version=FormatVersion.V2019
    )


@pytest.mark.parametrize("style", STYLES)
def test_2019_procurement_amount_keeps_its_published_figure(style: str) -> None:
    report = _report_2019()
    rows = axes_rows(report, identity(report))
    for _kind, cells in rows:
        if cells and cells[0] == report.spec.active.row("procurement").label:
            cells[2] = "350.5万元"
    got = read(style, page(report, rows, style))
    # 采购总金额 has no unit of its own: the figure is kept as printed, not
    # converted, and the table holds the printed unit.
    assert got["active.procurement.amount"] == Decimal("350.5")
    assert got.active.amount_unit is AmountUnit.WAN_YUAN
    assert got.reading_findings == ()


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("header", "cell", "value", "unit", "converted"),
    [
        ("采购总金额（单位：元）", "3505000", "3505000", AmountUnit.YUAN, False),
        ("采购总金额（万元）", "350.5", "350.5", AmountUnit.WAN_YUAN, False),
        ("采购总金额（单位：万元）", "3505000元", "350.5", AmountUnit.WAN_YUAN, True),
        ("采购总金额", "350.5", "350.5", None, False),
    ],
)
def test_2019_procurement_unit_from_the_header(
    style: str,
    header: str,
    cell: str,
    value: str,
    unit: AmountUnit | None,
    converted: bool,
) -> None:
    """The header's unit is the table's; a cell in another unit is converted to it."""
    report = _report_2019()
    rows = axes_rows(report, identity(report))
    label = report.spec.active.row("procurement").label
    for _kind, cells in rows:
        if "采购总金额" in cells:
            cells[cells.index("采购总金额")] = header
        if cells and cells[0] == label:
            cells[2] = cell
    got = read(style, page(report, rows, style))
    assert got["active.procurement.amount"] == Decimal(value)
    assert got.active.amount_unit is unit
    kinds = [f.kind for f in got.reading_findings]
    assert kinds == ([FindingKind.CONVERTED_UNIT] if converted else [])


@st.composite
def unit_texts(draw: st.DrawFn, report: Report) -> dict[str, tuple[str, bool]]:
    """For some figure cells of table 2: a text with a unit, and whether it converts."""
    out: dict[str, tuple[str, bool]] = {}
    for cell in report.spec.active.cells:
        value = report[cell.id]
        if isinstance(value, Mark) or not draw(st.booleans()):
            continue
        if cell.kind is CellKind.AMOUNT and cell.column.label.endswith(
            "（单位：万元）"
        ):
            if draw(st.booleans()):
                out[cell.id] = (f"{value}万元", False)
            else:
                yuan = Decimal(value).scaleb(4)
                out[cell.id] = (f"{yuan:f}元", True)
        elif cell.kind is CellKind.COUNT:
            out[cell.id] = (f"{value}{draw(st.sampled_from('件个条项笔'))}", False)
    return out


@pytest.mark.parametrize("style", STYLES)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), report=consistent_reports(version=FormatVersion.V2021))
def test_units_in_cells_read_back_equal_with_a_finding_on_every_converted_cell(
    style: str, data: st.DataObject, report: Report
) -> None:
    texts = data.draw(unit_texts(report))
    rows = _rows_with(report, {k: t for k, (t, _) in texts.items()})
    got = read(style, page(report, rows, style))
    assert dict(got.cells()) == dict(report.cells())
    flagged = {c for f in got.reading_findings for c in f.cells}
    converted = {k for k, (_, conv) in texts.items() if conv}
    assert flagged == converted
    assert all(f.kind is FindingKind.CONVERTED_UNIT for f in got.reading_findings)


def test_read_text_and_html_share_the_unit_logic(example: Report) -> None:
    rows = _rows_with(example, {FEE: "125600元"})
    assert (
        read_text(page(example, rows, "bars"))[FEE]
        == read_html(page(example, rows, "html"))[FEE]
    )


def test_space_separated_rows_with_units_are_read() -> None:
    """Text copied from a PDF: one space between a label and figures printed
    with their unit (``行政许可 23件``); they were refused as unknown labels."""
    text = (
        "某局2024年政府信息公开工作年度报告\n一、总体情况\n本机关政府信息公开工作。\n"
        "二、主动公开政府信息情况\n第二十条第（五）项\n"
        "行政许可 23件\n第二十条第（六）项\n行政处罚 7\n"
        "第二十条第（八）项\n行政事业性收费 125600元\n"
    )
    got = read_text(text, agency="某局")
    assert got["active.licensing.decisions"] == 23
    assert got["active.penalty.decisions"] == 7
    assert got["active.fees.amount"] == Decimal("12.56")
    kinds = {f.kind for f in got.reading_findings if FEE in f.cells}
    assert FindingKind.CONVERTED_UNIT in kinds
    assert not any(
        f.kind is FindingKind.UNKNOWN_LABEL and "行政许可" in f.message
        for f in got.reading_findings
    )


@pytest.mark.parametrize(
    ("text", "model", "header", "expected"),
    [
        # 29 digits: the default decimal context (28) would round them away
        ("1" * 29 + "元", "万元", None, "1" * 25 + "." + "1" * 4),
        ("1" * 29 + "万元", None, "元", "1" * 29 + "0000"),
        ("1" * 29 + "亿元", None, "万元", "1" * 29 + "0000"),
    ],
)
def test_a_long_amount_is_converted_exactly(
    text: str, model: str | None, header: str | None, expected: str
) -> None:
    value, note, _unit = read_cell(text, CellKind.AMOUNT, model, "表二", header)
    assert value == Decimal(expected)
    assert str(value) == expected
    assert note is not None
    assert expected in note
