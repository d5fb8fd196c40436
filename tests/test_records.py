"""Flat cell records: to_records, CSV round trips, the DataFrame."""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import FormatVersion
from strategies import consistent_reports, published_reports


def _csv_bytes(reports: gr.Report | list[gr.Report]) -> bytes:
    buffer = io.BytesIO()
    gr.to_csv(reports, buffer)
    return buffer.getvalue()


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _same_figures(a: gr.Report, b: gr.Report) -> None:
    assert a.metadata == b.metadata
    assert a.tables == b.tables
    assert type(a.requests) is type(b.requests)
    assert [str(v) for v in a.cells().values()] == [str(v) for v in b.cells().values()]


def _distinct(reports: list[gr.Report]) -> list[gr.Report]:
    """Give each report its own agency, as a CSV of many reports needs."""
    return [
        attrs.evolve(r, metadata=attrs.evolve(r.metadata, agency=f"{i}号示例局"))
        for i, r in enumerate(reports)
    ]


# ------------------------------------------------------------------ records


def test_one_record_per_figure() -> None:
    report = gr.example_report()
    records = gr.to_records(report)
    assert [r.cell_id for r in records] == list(report.cells())
    spec = report.spec
    for record in records:
        cell = spec.cell(record.cell_id)
        assert record.row_label == cell.row.label
        assert record.column_label == cell.column.label
        assert record.table is cell.table
        assert record.layout is FormatVersion.V2021
        assert (record.agency, record.year) == ("青禾市生态环境局", 2025)
        assert record.value == report[record.cell_id]
    fees = next(r for r in records if r.cell_id == "active.fees.amount")
    assert (fees.kind, fees.value) == ("amount", Decimal("12.56"))
    total = next(r for r in records if r.cell_id == "requests.total.total")
    assert (total.kind, total.value, total.row_label) == ("count", 58, "（七）总计")


def test_marks_have_their_kind() -> None:
    report = gr.example_report().with_cells(
        {
            "active.rules.issued": gr.BLANK,
            "active.rules.repealed": gr.NOT_APPLICABLE,
            "active.rules.in_force": gr.MISSING,
        },
        derive_totals=False,
    )
    kinds = {r.cell_id: (r.kind, r.value) for r in gr.to_records(report)[:3]}
    assert kinds == {
        "active.rules.issued": ("blank", gr.BLANK),
        "active.rules.repealed": ("not_applicable", gr.NOT_APPLICABLE),
        "active.rules.in_force": ("missing", gr.MISSING),
    }


def test_many_reports_carry_agency_and_year() -> None:
    a = gr.example_report()
    b = gr.from_cells(
        {}, agency="另一局", year=2020, format_version=FormatVersion.V2019
    )
    records = gr.to_records([a, b])
    assert len(records) == len(a.cells()) + len(b.cells())
    assert {(r.agency, r.year, r.format_version) for r in records} == {
        ("青禾市生态环境局", 2025, FormatVersion.V2021),
        ("另一局", 2020, FormatVersion.V2019),
    }


def test_records_refuse_what_is_not_a_report() -> None:
    with pytest.raises(gr.InvalidReportError):
        gr.to_records([gr.example_report(), "报告"])  # type: ignore[list-item]


# ------------------------------------------------------------------ CSV


def test_csv_columns_and_bom() -> None:
    data = _csv_bytes(gr.example_report())
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads Chinese
    rows = _rows(data)
    assert tuple(rows[0]) == gr.CSV_COLUMNS
    assert rows[0] == [
        "agency",
        "year",
        "format_version",
        "date_of_issue",
        "title",
        "table",
        "layout",
        "cell_id",
        "row_label",
        "column_label",
        "value",
        "kind",
        "unit",
    ]
    fees = next(r for r in rows if r[7] == "active.fees.amount")
    assert fees == [
        "青禾市生态环境局",
        "2025",
        "2021",
        "2026-01-20",
        "",
        "active",
        "2021",
        "active.fees.amount",
        "行政事业性收费",
        "本年收费金额（单位：万元）",
        "12.56",
        "amount",
        "万元",
    ]
    issued = next(r for r in rows if r[7] == "active.rules.issued")
    assert issued[-1] == ""  # a count has no unit


def _procurement(unit: str | None) -> gr.Report:
    return gr.from_cells(
        {"active.procurement.amount": Decimal("312.5")},
        agency="某局",
        year=2019,
        format_version=gr.FormatVersion.V2019,
        amount_unit=unit,
    )


@pytest.mark.parametrize("unit", ["元", "万元", None])
def test_csv_carries_the_published_unit(unit: str | None) -> None:
    report = _procurement(unit)
    rows = _rows(_csv_bytes(report))
    amount = next(r for r in rows if r[7] == "active.procurement.amount")
    assert amount[-1] == (unit or "")
    (back,) = gr.from_csv(io.BytesIO(_csv_bytes(report)))
    assert back.active.amount_unit == report.active.amount_unit
    (record,) = [r for r in gr.to_records(report) if r.cell_id == amount[7]]
    assert record.unit == report.active.amount_unit


def test_csv_without_the_unit_column_is_read() -> None:
    """A file written before the unit column: amounts of published unit have none."""
    rows = _rows(_csv_bytes(_procurement("元")))
    text = "\r\n".join(",".join(row[:-1]) for row in rows) + "\r\n"
    (back,) = gr.from_csv(io.BytesIO(text.encode("utf-8")))
    assert back.active.amount_unit is None
    assert back["active.procurement.amount"] == Decimal("312.5")


@pytest.mark.parametrize(
    ("cell_id", "unit", "says"),
    [
        ("active.procurement.amount", "美元", "应为 元、万元、亿元 或空"),
        ("active.procurement.projects", "元", "应为空"),
    ],
)
def test_csv_unit_column_is_checked(cell_id: str, unit: str, says: str) -> None:
    rows = _rows(_csv_bytes(_procurement("元")))
    for row in rows:
        if row[7] == cell_id:
            row[-1] = unit
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_csv(io.BytesIO(text.encode("utf-8")))
    assert "unit 列" in str(info.value)
    assert says in str(info.value)


@given(published_reports())
def test_csv_round_trip_one(report: gr.Report) -> None:
    (back,) = gr.from_csv(io.BytesIO(_csv_bytes(report)))
    _same_figures(back, report)
    # CSV carries figures and metadata, never narratives.
    assert back.preface == ()
    assert back.overview == gr.Narrative()


@given(st.lists(consistent_reports() | published_reports(), min_size=1, max_size=3))
def test_csv_round_trip_many(reports: list[gr.Report]) -> None:
    reports = _distinct(reports)
    back = gr.from_csv(io.BytesIO(_csv_bytes(reports)))
    assert len(back) == len(reports)
    for ours, theirs in zip(reports, back, strict=True):
        _same_figures(theirs, ours)


def test_csv_hybrid_and_precision() -> None:
    report = gr.from_cells(
        {
            "requests.received.natural_person": 5,
            "requests.other.natural_person": 2,
            "active.fees.amount": Decimal("3.50"),
        },
        agency="洪泽区示例局",
        year=2024,
        requests_layout=FormatVersion.V2019,
    )
    (back,) = gr.from_csv(io.BytesIO(_csv_bytes(report)))
    assert back.is_hybrid
    assert str(back["active.fees.amount"]) == "3.50"
    _same_figures(back, report)


def test_csv_to_a_path_and_text_stream(tmp_path: Path) -> None:
    target = tmp_path / "reports.csv"
    gr.to_csv([gr.example_report()], target)
    (from_path,) = gr.from_csv(target)
    (from_text,) = gr.from_csv(io.StringIO(target.read_text(encoding="utf-8-sig")))
    _same_figures(from_path, gr.example_report())
    _same_figures(from_text, gr.example_report())
    assert [p.name for p in tmp_path.iterdir()] == ["reports.csv"]  # no temp left


def test_csv_strict_refuses_broken_figures() -> None:
    report = attrs.evolve(gr.example_report(), as_published=True).with_cells(
        {"requests.total.total": 1}, derive_totals=False
    )
    data = _csv_bytes(report)
    (held,) = gr.from_csv(io.BytesIO(data))
    assert held.as_published
    with pytest.raises(gr.InconsistentReportError):
        gr.from_csv(io.BytesIO(data), strict=True)


def _edited(
    change: dict[str, str], cell_id: str = "requests.granted.natural_person"
) -> bytes:
    rows = _rows(_csv_bytes(gr.example_report()))
    header = rows[0]
    for row in rows[1:]:
        if row[7] == cell_id:
            for column, value in change.items():
                row[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _line_of(cell_id: str) -> int:
    rows = _rows(_csv_bytes(gr.example_report()))
    return next(i for i, row in enumerate(rows, start=1) if row[7] == cell_id)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"value": "18.5"}, "值 '18.5' 与类别 'count' 不符"),
        ({"value": "-1"}, "值 '-1' 与类别 'count' 不符"),
        ({"value": "1,800"}, "值 '1,800'"),
        ({"kind": "amount"}, "与类别 'amount' 不符"),
        ({"kind": "blank"}, "与类别 'blank' 不符"),
        (
            {"row_label": "予以公开"},
            "row_label/column_label 应为 （一）予以公开 / 自然人",
        ),
        (
            {"cell_id": "requests.granted.legal_persons"},
            "没有单元格 requests.granted.legal_persons",
        ),
    ],
)
def test_csv_problems_name_their_line(change: dict[str, str], said: str) -> None:
    line = _line_of("requests.granted.natural_person")
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_csv(io.BytesIO(_edited(change)))
    assert any(
        p.startswith(f"第 {line} 行") and said in p for p in info.value.problems
    ), info.value.problems


def test_csv_missing_cell_and_bad_header() -> None:
    rows = _rows(_csv_bytes(gr.example_report()))
    kept = [r for r in rows if r[7] != "appeals.review.total"]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(kept)
    with pytest.raises(
        gr.ExchangeFormatError, match=r"缺少单元格 appeals\.review\.total"
    ):
        gr.from_csv(io.StringIO(buffer.getvalue()))
    with pytest.raises(gr.ExchangeFormatError, match="表头"):
        gr.from_csv(io.StringIO("a,b\n1,2\n"))


def test_csv_metadata_must_agree_within_a_report() -> None:
    data = _edited({"date_of_issue": "2026-01-21"})
    with pytest.raises(gr.ExchangeFormatError, match="元数据"):
        gr.from_csv(io.BytesIO(data))


def test_csv_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(gr.ExchangeFormatError, match="无法读取"):
        gr.from_csv(tmp_path / "absent.csv")


# ------------------------------------------------------------------ DataFrame


def test_dataframe_long_table() -> None:
    a = gr.example_report()
    b = gr.from_cells(
        {}, agency="另一局", year=2020, format_version=FormatVersion.V2019
    )
    frame = gr.to_dataframe([a, b])
    assert tuple(frame.columns) == gr.CSV_COLUMNS
    assert len(frame) == len(a.cells()) + len(b.cells())
    assert frame["value"].dtype == object
    fees = frame[
        (frame["agency"] == "青禾市生态环境局")
        & (frame["cell_id"] == "active.fees.amount")
    ]
    assert fees["value"].iloc[0] == Decimal("12.56")
    assert str(fees["value"].iloc[0]) == "12.56"
    total = frame[
        (frame["year"] == 2025) & (frame["cell_id"] == "requests.total.total")
    ]
    assert total["value"].iloc[0] == 58
    assert type(total["value"].iloc[0]) is int  # not turned into a float
    assert set(frame["format_version"]) == {"2021", "2019"}


def test_dataframe_marks_are_none_with_their_kind() -> None:
    report = gr.example_report().with_cells(
        {"active.rules.issued": gr.NOT_APPLICABLE}, derive_totals=False
    )
    frame = gr.to_dataframe(report)
    row = frame[frame["cell_id"] == "active.rules.issued"].iloc[0]
    assert row["value"] is None
    assert row["kind"] == "not_applicable"


def test_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(gr.MissingDependencyError) as info:
        gr.to_dataframe(gr.example_report())
    assert "pip install 'govinfo-report[pandas]'" in str(info.value)
    assert isinstance(info.value, gr.GovinfoReportError)
    assert info.value.package == "pandas"


def test_csv_errors_are_the_librarys() -> None:
    header = ",".join(gr.CSV_COLUMNS)
    huge = '"' + "y" * 200_000 + '"'  # beyond the csv module's field size limit
    with pytest.raises(gr.ExchangeFormatError, match="第 2 行：不是有效的 CSV"):
        gr.from_csv(io.StringIO(header + "\n" + huge + "\n"))


# ---------------------------------------------------------- CSV injection


@pytest.mark.parametrize(
    "agency",
    [
        '=HYPERLINK("http://example.com","点我")',
        "+86 某局",
        "-某局",
        "@SUM(A1)",
        "\t=1",
        "'=1",
    ],
)
def test_csv_free_text_never_starts_a_formula(agency: str, tmp_path: Path) -> None:
    report = attrs.evolve(
        gr.example_report(),
        metadata=attrs.evolve(
            gr.example_report().metadata, agency=agency, title="=1+1 年度报告"
        ),
    )
    path = tmp_path / "r.csv"
    gr.to_csv(report, path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    for row in rows[1:]:
        for column in ("agency", "title"):
            text = row[gr.CSV_COLUMNS.index(column)]
            assert text.startswith("'"), (column, text)
    [back] = gr.from_csv(path)
    assert back.metadata == report.metadata
    assert dict(back.cells()) == dict(report.cells())


@given(st.text())
def test_csv_formula_guard_is_undone_exactly(text: str) -> None:
    from govinfo_report._exchange._csv import _guarded, _unguarded

    guarded = _guarded(text)
    assert _unguarded(guarded) == text
    assert not guarded[:1] or guarded[0] not in "=+-@\t\r"
