"""The shared matcher keeps a present but empty cell as a blank figure in its column.

Through `read_html` (tables, with and without spans, with an empty column
after the labels) and `match_grid` directly: a blank first figure straight
after a row label (table 3) and a blank first cell of table 4's label-less
figure row are read as `Mark.BLANK`; the row is not one figure short, its
last cell is not missing, and nothing else moves.
"""

from __future__ import annotations

import attrs
import pytest

from govinfo_report import Mark, Report, example_report, read_html
from govinfo_report._readers._assemble import match_grid
from helpers import REQUEST_COLUMNS
from test_read_html import render_html

FIRST_BLANKS = (
    "requests.granted.natural_person",
    "requests.not_processed.duplicate.natural_person",
    "appeals.review.upheld",
)


@pytest.fixture(scope="module")
def blanked() -> Report:
    report = attrs.evolve(example_report(), as_published=True)
    return report.with_cells(
        dict.fromkeys(FIRST_BLANKS, Mark.BLANK), derive_totals=False
    )


@pytest.mark.parametrize("options", [{}, {"spans": False}], ids=["spans", "plain"])
def test_blank_first_figures_read_back_from_html(
    blanked: Report, options: dict[str, bool]
) -> None:
    back = read_html(render_html(blanked, **options))
    for cell_id in FIRST_BLANKS:
        assert back[cell_id] is Mark.BLANK, cell_id
    assert dict(back.cells()) == dict(blanked.cells())
    assert back.reading_findings == ()


def test_an_empty_column_after_the_labels(blanked: Report) -> None:
    """An empty column after each row's first cell: table 3's blanks are read;
    in table 4, whose first cell is a figure, the two leading empty cells
    cannot be told apart, and the row is read right or reported, never shifted."""
    back = read_html(render_html(blanked, extra_column=True))
    for cell_id, value in blanked.cells().items():
        if not cell_id.startswith("appeals."):
            assert back[cell_id] == value, cell_id
    appeals = list(back.appeals.values)
    if appeals != list(blanked.appeals.values):
        assert set(appeals) == {Mark.MISSING}
        assert any("表四" in f.message for f in back.reading_findings)


def test_table_4_row_with_a_blank_first_cell_in_a_grid() -> None:
    spec = example_report().spec.appeals
    figures = [str(i % 4) for i in range(len(spec.cells))]
    figures[0] = ""
    grid = [
        ["四、政府信息公开行政复议、行政诉讼情况"],
        ["行政复议", "行政诉讼"],
        [
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
        ],
        figures,
    ]
    match = match_grid(grid, year=2025)
    read = [match.values[c.id] for c in spec.cells]
    assert read == [Mark.BLANK, *(int(f) for f in figures[1:])]
    assert match.findings == []


def test_table_3_row_with_a_blank_first_figure_in_a_grid() -> None:
    grid = [
        ["三、收到和处理政府信息公开申请情况"],
        ["一、本年新收政府信息公开申请数量", "", "1", "2", "3", "4", "5", "15"],
    ]
    match = match_grid(grid, year=2025)
    row = [match.values[f"requests.received.{c}"] for c in REQUEST_COLUMNS]
    assert row == [Mark.BLANK, 1, 2, 3, 4, 5, 15]


def test_only_chinese_and_ascii_digits_are_figures() -> None:
    from govinfo_report._readers._cells import parse_value

    # Other scripts' digits are not figures of a Chinese report (Sundanese six).
    assert parse_value("᮶0000") is None
    assert parse_value("１２") == 12  # full-width digits are
    assert parse_value("12") == 12


@pytest.mark.parametrize("unread", ["〓", "〓2", "1〓8", "〓 〓"])
def test_a_cell_that_could_not_be_read_keeps_the_rest_of_its_row(unread: str) -> None:
    """``〓`` stands where a reader could not read what is shown (two digits
    drawn over one another, a picture, an annotation over a cell): that cell
    is missing with a finding, and the row's other figures keep their places
    (as a label, the cell lost the whole row)."""
    m = match_grid([["规章", "0", unread, "2"], ["行政许可", "1,268"]])
    assert m.values["active.rules.issued"] == 0
    assert m.values["active.rules.repealed"] is Mark.MISSING
    assert m.values["active.rules.in_force"] == 2
    assert m.values["active.licensing.decisions"] == 1268
    (finding,) = m.findings
    assert finding.cells == ("active.rules.repealed",)
    assert "无法读出" in finding.message
