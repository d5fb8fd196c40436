"""Row labels as agencies type them: without their list number, with a colon
and the figures in the same cell, and rows the format does not have."""

from __future__ import annotations

import io

import pytest

import govinfo_report as gr
from govinfo_report import FindingKind
from helpers import SAMPLES


def _text() -> str:
    """The example as tab-separated text (what a copy of a web page gives)."""
    from govinfo_report._readers._html import html_items

    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    items = html_items(buffer.getvalue().decode("utf-8"))
    return "\n".join("\t".join(i.cells) if i.is_table else i.text for i in items)


def _changed(old: str, new: str) -> str:
    text = _text()
    assert old in text
    return text.replace(old, new, 1)


def _wrong(report: gr.Report) -> dict[str, object]:
    expected, got = gr.example_report().cells(), report.cells()
    return {k: got.get(k) for k in expected if got.get(k) != expected[k]}


def test_a_row_the_format_lacks_keeps_its_figures_and_its_neighbours() -> None:
    """A ``合计`` row among table 3's rows: its figures are its own, reported
    as not read; before, its short label was taken for a piece of a wrapped
    label and both neighbouring rows (14 cells) were refused as doubtful."""
    report = gr.read_text(
        _changed("三、本年度办理结果", "合计\t1\t2\t3\t4\t5\t6\t7\n三、本年度办理结果")
    )
    assert _wrong(report) == {}
    unknown = [
        f for f in report.reading_findings if f.kind is FindingKind.UNKNOWN_LABEL
    ]
    assert len(unknown) == 1
    assert "合计" in unknown[0].message
    # its seven figures are one finding, not seven
    (unread,) = [
        f for f in report.reading_findings if f.kind is FindingKind.UNREAD_LINE
    ]
    assert "“1 2 3 4 5 6 7”" in unread.message
    assert not [f for f in report.reading_findings if f.kind is FindingKind.AMBIGUOUS]


@pytest.mark.parametrize("printed", ["予以公开", "〔一〕予以公开", "一、予以公开"])
def test_a_numbered_label_printed_without_its_number(printed: str) -> None:
    """``（一）予以公开`` printed ``予以公开`` (or in other brackets): the one row
    it names, with a finding naming the variant; before, the row was missing."""
    report = gr.read_text(_changed("（一）予以公开", printed))
    assert _wrong(report) == {}
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.LABEL_VARIANT
    assert f"“{printed}”" in finding.message
    assert "“（一）予以公开”" in finding.message


def test_a_sub_item_printed_without_its_number() -> None:
    report = gr.read_text(_changed("1.属于国家秘密", "属于国家秘密"))
    assert _wrong(report) == {}
    assert [f.kind for f in report.reading_findings] == [FindingKind.LABEL_VARIANT]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("行政许可\t1268", "行政许可：1268"),
        ("行政许可\t1268", "行政许可:1268件"),
        ("行政规范性文件\t4\t1\t23", "行政规范性文件：4 1 23"),
    ],
)
def test_a_label_and_its_figures_in_one_cell_after_a_colon(old: str, new: str) -> None:
    """Before, the cell was an unknown label and the row missing."""
    report = gr.read_text(_changed(old, new))
    assert _wrong(report) == {}
    assert report.reading_findings == ()


def test_a_colon_row_short_of_figures_is_not_placed_by_guess() -> None:
    report = gr.read_text(_changed("行政规范性文件\t4\t1\t23", "行政规范性文件：4 23"))
    assert set(_wrong(report)) == {
        "active.normative_documents.issued",
        "active.normative_documents.repealed",
        "active.normative_documents.in_force",
    }
    assert [f.kind for f in report.reading_findings] == [FindingKind.MISSING_CELL]


def test_a_row_the_format_lacks_in_the_one_cell_a_line_form() -> None:
    """The same ``合计`` row in a crawler's one-cell-a-line copy (Bachu): its
    figures were taken for more of the row above (an extra-cell error, 7
    cells missing); now they are its own, reported as not read."""
    text = (SAMPLES / "bachu-police-2023.txt").read_text("utf-8")
    figures = "".join(f"{n} |\n" for n in range(1, 8))
    extra = text.replace(
        "||\n三、本年度办理结果 |", f"||\n合计 |\n{figures}||\n三、本年度办理结果 |", 1
    )
    assert extra != text
    report = gr.read_text(extra)
    assert dict(report.cells()) == dict(gr.read_text(text).cells())
    assert [f.kind for f in report.reading_findings] == [
        FindingKind.UNKNOWN_LABEL,
        FindingKind.UNREAD_LINE,
    ]


def test_a_dumps_messages_show_its_figures_as_printed() -> None:
    """A dump row of several runs (``行政许可2,2,93``): the message quoted them
    with the reader's private run mark (U+E000) before each."""
    text = (SAMPLES / "pingtan-guanweihui-2021.dump.txt").read_text("utf-8")
    assert "行政许可2293" in text
    report = gr.read_text(text.replace("行政许可2293", "行政许可2,2,93", 1))
    (finding,) = [f for f in report.reading_findings if "行政许可" in f.message]
    assert "（2 2 93）" in finding.message
    assert not any("\ue000" in f.message for f in report.reading_findings)


# ------------------------------------------------- a corner over the label columns


def _markdown_with_corner(corner: str) -> str:
    """The example as a Markdown table, table 3 under a one-line header whose
    first cell heads the label columns (``| 项目 | | 自然人 | …``: what
    converters and LLM tools write), its rows with one or two label cells."""
    from test_read_text import render

    lines = render(gr.example_report(), "markdown").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("| （本列"))
    heads = [c.label for c in gr.example_report().requests.spec.rows[0].columns]
    header = [f"| {corner} | | " + " | ".join(heads) + " |", "|---" * 9 + "|"]
    return "\n".join(lines[:at] + header + lines[at + 3 :]) + "\n"


@pytest.mark.parametrize("corner", ["项目", "项 目", "类别", "指标"])
def test_a_corner_over_the_label_columns_is_no_column_of_figures(corner: str) -> None:
    # Before: the corner was taken for a column of figures the format lacks,
    # and in every row of one label cell the first figure was set aside as
    # its figure and the rest read one column to the left (81 cells wrong,
    # the only findings naming no cell).
    example = gr.example_report()
    report = gr.read_text(_markdown_with_corner(corner))
    cells = [c.id for c in example.requests.spec.cells]
    assert [report[c] for c in cells] == [example[c] for c in cells]
    assert not [f for f in report.reading_findings if corner in f.message]
