"""The Word reader: our own files read back equal; others' Word reports read by label."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report import FindingKind, Mark
from govinfo_report._readers._docx import table_grid
from strategies import consistent_reports, published_reports


def _write(report: gr.Report, *, allow_findings: bool = False) -> bytes:
    buffer = io.BytesIO()
    gr.write_docx(report, buffer, allow_findings=allow_findings)
    return buffer.getvalue()


# ------------------------------------------------------------ our own files


def test_example_reads_back_equal(tmp_path: Path) -> None:
    report = gr.example_report()
    path = tmp_path / "report.docx"
    gr.write_docx(report, path)
    back = gr.read_docx(path)
    assert back == report
    assert back.reading_findings == ()
    assert back.metadata.date_of_issue == date(2026, 1, 20)
    assert gr.read_docx(io.BytesIO(path.read_bytes())) == report


@given(consistent_reports())
def test_round_trip_consistent(report: gr.Report) -> None:
    # Consistent figures, but random text and years: S1 and M1 may hold.
    back = gr.read_docx(io.BytesIO(_write(report, allow_findings=True)))
    assert back == report
    assert back.reading_findings == ()


@given(published_reports())
def test_round_trip_as_published(report: gr.Report) -> None:
    back = gr.read_docx(io.BytesIO(_write(report, allow_findings=True)))
    assert back == report
    assert back.cells() == report.cells()


def test_custom_title_is_kept() -> None:
    report = gr.from_cells(
        {}, agency="某局", year=2024, title="某局关于2024年政府信息公开工作的年度报告"
    )
    back = gr.read_docx(io.BytesIO(_write(report, allow_findings=True)))
    assert back.metadata.title == report.metadata.title
    assert back.metadata.agency == "某局"
    assert back.metadata.year == 2024


def test_not_a_docx_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(gr.ReadError, match="Word"):
        gr.read_docx(io.BytesIO(b"plain text, not a zip"))
    with pytest.raises(gr.ReadError):
        gr.read_docx(tmp_path / "missing.docx")


# ------------------------------------------------------- others' Word files


def _merge(table: Any, r0: int, c0: int, r1: int, c1: int, text: str) -> None:
    cell = table.cell(r0, c0).merge(table.cell(r1, c1))
    cell.text = text


def _hand_made(
    *,
    extra_column: bool = True,
    blanks: frozenset[str] = frozenset(),
    appeals_blanks: frozenset[int] = frozenset(),
) -> bytes:
    """A report laid out differently: plain paragraphs, half-width labels, blank columns.

    ``extra_column``: table 3 has an empty column at the right; ``blanks``:
    table 3 cell ids left empty (besides the one always empty);
    ``appeals_blanks``: positions of table 4's figure row left empty.
    """
    d = docx.Document()
    d.add_paragraph("某某县交通运输局")
    d.add_paragraph("2023年政府信息公开工作年度报告")
    d.add_paragraph("本报告依据《中华人民共和国政府信息公开条例》编制。")
    d.add_paragraph("一、总体情况")
    d.add_paragraph("2023年，我局认真落实条例。")
    d.add_paragraph("(一)主动公开")
    d.add_paragraph("全年主动公开信息300条。")
    d.add_paragraph("(二)依申请公开")
    d.add_paragraph("全年收到申请5件。")
    d.add_paragraph("二、主动公开政府信息情况")
    # table 2 with an extra blank column at the left
    t2 = d.add_table(rows=11, cols=5)
    rows2 = [
        ["", "第二十条第(一)项", "", "", ""],
        ["", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["", "规章", "0", "0", "0"],
        ["", "规范性文件", "2", "—", "1,015"],
        ["", "第二十条第(五)项", "", "", ""],
        ["", "信息内容", "本年处理决定数量", "", ""],
        ["", "行政许可", "1,268", "", ""],
        ["", "第二十条第(六)项", "", "", ""],
        ["", "行政处罚", "12", "", ""],
        ["", "行政强制", "/", "", ""],
        ["", "第二十条第(八)项", "", "", ""],
    ]
    for row, texts in zip(t2.rows, rows2, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    d.add_paragraph("行政事业性收费 0.50")  # a stray line, not a table row
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    spec = gr.format_spec().requests
    t3 = d.add_table(rows=3 + len(spec.rows), cols=11 if extra_column else 10)
    hdr = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    t3.cell(0, 0).text = hdr[0]
    labels = [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    for c, label in enumerate(labels):
        t3.cell(2, 3 + c).text = label
    figures = {}
    for r, row in enumerate(spec.rows):
        label = row.label.replace("（", "(").replace("）", ")").replace("，", ",")
        cells = t3.rows[3 + r].cells
        cells[2].text = label
        for c, column in enumerate(row.columns):
            value = (r * 7 + c) % 5
            cell_id = f"requests.{row.id}.{column.id}"
            if cell_id in blanks or (
                row.id == "granted" and column.id == "research_institution"
            ):
                cells[3 + c].text = ""  # a blank figure
                figures[f"requests.{row.id}.{column.id}"] = Mark.BLANK
            else:
                cells[3 + c].text = str(value)
                figures[f"requests.{row.id}.{column.id}"] = value
        if extra_column:
            cells[10].text = ""  # a blank column at the right
    _merge(t3, 0, 0, 2, 2, hdr[0])
    _merge(t3, 5, 0, 3 + len(spec.rows) - 2, 0, "三、本年度办理结果")
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    t4 = d.add_table(rows=4, cols=15)
    t4.cell(0, 0).text = "行政复议"
    t4.cell(0, 5).text = "行政诉讼"
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for c, label in enumerate(results):
        t4.cell(1, c).text = label
        t4.cell(2, 5 + c).text = label
        t4.cell(2, 10 + c).text = label
    t4.cell(1, 5).text = "未经复议直接起诉"
    t4.cell(1, 10).text = "复议后起诉"
    for c, cell in enumerate(t4.rows[3].cells):
        cell.text = "" if c in appeals_blanks else str(c % 3)
    _merge(t4, 0, 0, 0, 4, "行政复议")
    _merge(t4, 0, 5, 0, 14, "行政诉讼")
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph("公开的及时性有待提高。")
    d.add_paragraph("六、其他需要报告的事项")
    d.add_paragraph("本年度未收取信息处理费。")
    d.add_paragraph("某某县交通运输局")
    d.add_paragraph("2024年1月18日")
    out = io.BytesIO()
    d.save(out)
    _hand_made.figures = figures  # type: ignore[attr-defined]
    return out.getvalue()


@pytest.fixture(scope="module")
def hand_made() -> gr.Report:
    return gr.read_docx(io.BytesIO(_hand_made()))


def test_hand_made_metadata_and_narrative(hand_made: gr.Report) -> None:
    meta = hand_made.metadata
    assert meta.agency == "某某县交通运输局"
    assert meta.year == 2023
    assert meta.date_of_issue == date(2024, 1, 18)
    assert [s.title for s in hand_made.overview.subsections] == [
        "主动公开",
        "依申请公开",
    ]
    assert hand_made.overview.paragraphs == ("2023年，我局认真落实条例。",)
    assert hand_made.problems.paragraphs == ("公开的及时性有待提高。",)


def test_hand_made_tables_read_by_label(hand_made: gr.Report) -> None:
    assert hand_made["active.normative_documents.issued"] == 2
    assert hand_made["active.normative_documents.repealed"] is Mark.NOT_APPLICABLE
    assert hand_made["active.normative_documents.in_force"] == 1015
    assert hand_made["active.licensing.decisions"] == 1268
    assert hand_made["active.coercion.decisions"] is Mark.NOT_APPLICABLE
    expected = _hand_made.figures  # type: ignore[attr-defined]
    for cell_id, value in expected.items():
        assert hand_made[cell_id] == value, cell_id
    assert list(hand_made.appeals.values) == [c % 3 for c in range(15)]


def test_hand_made_gaps_are_reported_not_dropped(hand_made: gr.Report) -> None:
    # Table 2's (八) block has no figure row: its cell is missing and said so.
    assert hand_made["active.fees.amount"] is Mark.MISSING
    findings = [
        f for f in hand_made.reading_findings if "active.fees.amount" in f.cells
    ]
    assert findings
    assert findings[0].kind in (FindingKind.MISSING_ROW, FindingKind.MISSING_CELL)
    assert "行政事业性收费" in findings[0].message


def test_a_row_with_a_figure_too_few_is_reported_at_its_place() -> None:
    report = gr.example_report()
    document = docx.Document(io.BytesIO(_write(report)))
    tbl = document.tables[1]._tbl
    # blank out the figure cell of one row by removing it: the row is one short
    row = list(
        tbl.iterchildren(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr"
        )
    )[5]
    cells = [c for c in row if c.tag.endswith("}tc")]
    row.remove(cells[-1])
    out = io.BytesIO()
    document.save(out)
    back = gr.read_docx(io.BytesIO(out.getvalue()))
    label = report.requests.spec.rows[2].label
    problems = [
        f
        for f in back.reading_findings
        if label in f.message or "第 2 个表格第 6 行" in f.where
    ]
    assert problems, back.reading_findings
    # the neighbouring rows keep their figures: nothing is shifted
    for row_spec in (report.requests.spec.rows[1], report.requests.spec.rows[3]):
        for column in row_spec.columns:
            cell_id = f"requests.{row_spec.id}.{column.id}"
            assert back[cell_id] == report[cell_id]


def test_table_grid_expands_merges() -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "top"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "left"
    t.cell(1, 1).text = "a"
    t.cell(2, 2).text = "b"
    assert table_grid(t._tbl) == [["top", "", ""], ["left", "a", ""], ["", "", "b"]]


def test_amount_precision_is_kept() -> None:
    report = gr.example_report().with_cells({"active.fees.amount": Decimal("7.2500")})
    back = gr.read_docx(io.BytesIO(_write(report)))
    assert str(back["active.fees.amount"]) == "7.2500"


# ------------------------------------------- blank first figures (matcher)

_FIRST_BLANK = "requests.partially_granted.natural_person"


def test_a_blank_first_figure_is_a_blank_in_its_column() -> None:
    """A present but empty cell right after a row label (table 3) or first in
    table 4's label-less figure row is a blank figure, never dropped."""
    data = _hand_made(
        extra_column=False,
        blanks=frozenset({_FIRST_BLANK}),
        appeals_blanks=frozenset({0}),
    )
    report = gr.read_docx(io.BytesIO(data))
    expected = _hand_made.figures  # type: ignore[attr-defined]
    assert expected[_FIRST_BLANK] is Mark.BLANK
    for cell_id, value in expected.items():
        assert report[cell_id] == value, cell_id
    assert list(report.appeals.values) == [Mark.BLANK, *(c % 3 for c in range(1, 15))]
    troubles = [
        f
        for f in report.reading_findings
        if any(
            c.startswith(("appeals.", "requests.partially_granted.")) for c in f.cells
        )
    ]
    assert troubles == []


def test_a_blank_first_figure_next_to_an_empty_column_is_never_misplaced() -> None:
    """With an empty column at the right too, the row is read in place or
    reported; no figure moves to a neighbouring column."""
    data = _hand_made(blanks=frozenset({_FIRST_BLANK}))
    report = gr.read_docx(io.BytesIO(data))
    expected = _hand_made.figures  # type: ignore[attr-defined]
    row = [i for i in expected if i.startswith("requests.partially_granted.")]
    values = [report[i] for i in row]
    if values != [expected[i] for i in row]:
        assert all(v is Mark.MISSING for v in values), values
        assert any(_FIRST_BLANK in f.cells for f in report.reading_findings)
    for cell_id, value in expected.items():
        if cell_id not in row:
            assert report[cell_id] == value, cell_id
