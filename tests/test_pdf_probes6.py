"""Sixth round of hostile PDFs: blank cells of tables printed without rulings.

A Word table whose borders were turned off, exported to PDF by LibreOffice,
prints a blank cell as nothing: the row ``1.属于国家秘密  0  0  0  0  0  0``
has six figures for seven columns, and the whole row was reported missing
(which figure is blank cannot be told from the text). A person sees the gap
under its column: the rows with every figure place the columns, and the
short row's figures are read by column, blanks in their places
(`_pdf_blanks`). A figure that cannot be placed so leaves the row missing.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import govinfo_report as gr
from govinfo_report._values import Mark
from helpers import assert_blank_else_as_written
from test_pdf_probes5 import _soffice_pdf, _with_rows_lost, _without_borders

pytest.importorskip("pypdfium2")


def _blanked(path: Path, cells: list[tuple[int, int, int]]) -> None:
    """The Word file at ``path`` with the cells (table, row, column) emptied."""
    document = docx.Document(str(path))
    for table, row, column in cells:
        for paragraph in document.tables[table].rows[row].cells[column].paragraphs:
            for run in paragraph.runs:
                run.text = ""
    document.save(str(path))


def test_blank_cells_of_tables_2_and_3_without_borders_are_read_in_place(
    tmp_path: Path,
) -> None:
    report = _with_rows_lost()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    # 本年废止件数 of 行政规范性文件; 科研机构 of 信访举报投诉类申请 (10 … 15);
    # 总计 of 重复申请 (the last column)
    _blanked(source, [(0, 3, 2), (1, 18, 5), (1, 19, 9)])
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    want = dict(report.cells())
    blanks = {
        "active.normative_documents.repealed",
        "requests.not_processed.petition_or_complaint.research_institution",
        "requests.not_processed.duplicate.total",
    }
    assert got["requests.not_processed.petition_or_complaint.social_organization"] == 13
    assert got["active.normative_documents.in_force"] == 23
    # every other figure as printed (行政许可's one figure across three
    # columns is no row short of two)
    assert_blank_else_as_written(got, want, blanks)


def _row(label: str, figures: list[tuple[str, float]], top: float) -> list[object]:
    """A line's glyphs: ``label`` from x 10, each figure from its x (5 pt a digit)."""
    chars: list[object] = [
        (c, 10.0 + 10 * k, top, 20.0 + 10 * k, top + 10) for k, c in enumerate(label)
    ]
    for text, x in figures:
        chars += [
            (c, x + 5 * k, top + 1, x + 5 * (k + 1), top + 10)
            for k, c in enumerate(text)
        ]
    return chars


def test_a_figure_between_two_columns_leaves_the_row_short() -> None:
    from govinfo_report._readers._pdf_blanks import by_columns

    columns = [200.0 + 40 * k for k in range(7)]
    full = _row("1.属于国家秘密", [("0", x) for x in columns], 100)
    # six figures, one of them half way between the fourth and fifth columns
    between = [("0", x) for x in columns[:3]] + [
        ("12", columns[3] + 17),
        ("0", columns[5]),
        ("0", columns[6]),
    ]
    placed = [("0", x) for x in columns[:4] + columns[5:]]
    lines = [
        full,
        _row("2.其他法律行政法规禁止公开", between, 120),
        _row("3.危及“三安全一稳定”", placed, 140),
    ]
    found = by_columns(lines)  # type: ignore[arg-type]
    assert sorted(found) == [2]
    assert found[2][1] == ["0", "0", "0", "0", "", "0", "0"]
    # a label the format does not know, or a row of one figure across columns
    # (行政许可), is no row short of figures
    assert by_columns([full, _row("其他事项", placed, 140)]) == {}  # type: ignore[arg-type]


def test_blank_cells_of_table_4_without_borders_are_read_by_its_header(
    tmp_path: Path,
) -> None:
    # table 4 has one row of figures: its columns come from the header above
    source = tmp_path / "report.docx"
    report = gr.example_report()
    gr.write_docx(report, source)
    _without_borders(source)
    _blanked(source, [(2, 3, 2), (2, 3, 14)])  # 其他结果 of 行政复议, the last 总计
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    blanks = {"appeals.review.other", "appeals.litigation_after_review.total"}
    assert got["appeals.review.pending"] == 1
    assert got["appeals.litigation_after_review.pending"] == 1
    assert_blank_else_as_written(got, dict(report.cells()), blanks)


# ------------------------------------------------- pages shrunk when printed


def _shrunk(data: bytes, scale: float) -> bytes:
    """``data`` with each page drawn at ``scale`` in the middle of an A4 page."""
    import io

    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    source = pdfium.PdfDocument(data)
    made = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        drawn = source.page_as_xobject(index, made).as_pageobject()
        drawn.transform(
            pdfium.PdfMatrix()
            .scale(scale, scale)
            .translate((595 - width * scale) / 2, (842 - height * scale) / 2)
        )
        page = made.new_page(595, 842)
        page.insert_obj(drawn)
        page.gen_content()
    out = io.BytesIO()
    made.save(out)
    made.close()
    source.close()
    return out.getvalue()


@pytest.mark.parametrize("scale", [0.4, 0.3])
def test_a_page_without_borders_shrunk_when_printed_reads_as_printed(
    tmp_path: Path, scale: float
) -> None:
    # at 40% a wrapped label's next line (获取信息) came within 3 pt of its
    # row's figures and the gaps between columns were a word's: a row read
    # as one label, its seven figures missing
    source = tmp_path / "report.docx"
    report = gr.example_report()
    gr.write_docx(report, source)
    _without_borders(source)
    small = _shrunk(_soffice_pdf(source).read_bytes(), scale)
    got = dict(gr.read_pdf(small).cells())
    assert got["requests.not_processed.confirmation.total"] == 1
    assert got == dict(report.cells())


def test_table_3_without_borders_its_zeros_left_blank_is_read_by_its_header(
    tmp_path: Path,
) -> None:
    # every 0 of table 3 left blank (as many agencies print it): no row has
    # a figure in every column, so the columns come from the header above
    # (``商业企`` over ``业``); the row whose label wraps has its figures on
    # a line of their own, placed by the same columns
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    document = docx.Document(str(source))
    zeros = [
        (1, r, c)
        for r, row in enumerate(document.tables[1].rows)
        for c, cell in enumerate(row.cells)
        if r >= 3 and c >= 3 and cell.text == "0"
    ]
    _blanked(source, zeros)
    _without_borders(source)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    want = {
        k: Mark.BLANK if v == 0 else v
        for k, v in dict(report.cells()).items()
        if k.startswith("requests.")
    }
    read = {"received", "carried_over", "granted", "partially_granted", "total"}
    for key, value in want.items():
        if key.split(".")[1] in read:
            assert got[key] == value, key
        # a row printed with no figure at all stays missing (its figures
        # could stand on another line): never a wrong figure
        assert got[key] in (value, Mark.MISSING), key
    assert got["requests.partially_granted.natural_person"] == 5
    assert got["requests.received.social_organization"] is Mark.BLANK
