"""Label cells that hold more than their label, notes and one-character typos (issue 12, part 4)."""

from __future__ import annotations

import pytest

from govinfo_report import BLANK, MISSING, FindingKind, Report, example_report
from govinfo_report._format import CONTENT_HEADING, ActiveColumn
from govinfo_report._labels import near_labels, split_extra, within_one
from test_read_axes import STYLES, axes_rows, identity, page, read

Rows = list[tuple[str, list[str]]]


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _replace_cell(rows: Rows, old: str, new: str) -> Rows:
    for _kind, cells in rows:
        for i, cell in enumerate(cells):
            if cell == old:
                cells[i] = new
                return rows
    raise AssertionError(old)


def _row(rows: Rows, label: str) -> list[str]:
    for _kind, cells in rows:
        if cells and cells[0] == label:
            return cells
    raise AssertionError(label)


def _variants(report: Report) -> list[str]:
    return [
        f.message
        for f in report.reading_findings
        if f.kind is FindingKind.LABEL_VARIANT
    ]


@pytest.mark.parametrize("style", STYLES)
def test_stray_figure_in_a_label_cell_is_a_finding_not_a_figure(
    example: Report, style: str
) -> None:
    rows = axes_rows(example, identity(example))
    cells = _row(rows, "规章")
    cells[0] = "规章 5"  # a stray figure in the label cell
    cells[1] = ""  # the first figure cell is blank
    got = read(style, page(example, rows, style))
    # Taken as a figure, the 5 would fill 本年制发件数 and move nothing else;
    # it is not a figure of any column: the blank stays blank.
    assert got["active.rules.issued"] is BLANK
    assert got["active.rules.repealed"] == example["active.rules.repealed"]
    assert got["active.rules.in_force"] == example["active.rules.in_force"]
    (message,) = _variants(got)
    assert "规章 5" in message
    assert "“5”" in message


@pytest.mark.parametrize("mark", ["※", "*", "①", "注1", " 1"])
@pytest.mark.parametrize("style", STYLES)
def test_footnote_mark_after_a_row_label(
    example: Report, style: str, mark: str
) -> None:
    rows = _replace_cell(
        axes_rows(example, identity(example)), "行政许可", f"行政许可{mark}"
    )
    got = read(style, page(example, rows, style))
    assert dict(got.cells()) == dict(example.cells())
    (message,) = _variants(got)
    assert mark.strip() in message


@pytest.mark.parametrize("style", STYLES)
def test_note_in_parentheses_after_a_header_with_columns_reordered(
    example: Report, style: str
) -> None:
    order = identity(example)
    order["active:第二十条第（一）项"] = [2, 0, 1]  # 现行有效件数 first
    rows = axes_rows(example, order)
    rows = _replace_cell(rows, ActiveColumn.IN_FORCE.label, "现行有效件数（历史累计）")
    got = read(style, page(example, rows, style))
    # Not recognised, the header would leave the columns in printed order and
    # 现行有效件数 would get 本年废止件数's figure.
    assert dict(got.cells()) == dict(example.cells())
    (message,) = _variants(got)
    assert "（历史累计）" in message


@pytest.mark.parametrize("style", STYLES)
def test_one_character_typo_in_a_header(example: Report, style: str) -> None:
    order = identity(example)
    order["active:第二十条第（一）项"] = [1, 2, 0]  # 本年废止件数 first
    rows = _replace_cell(axes_rows(example, order), "本年废止件数", "本年废纸件数")
    got = read(style, page(example, rows, style))
    assert dict(got.cells()) == dict(example.cells())
    (message,) = _variants(got)
    assert "本年废纸件数" in message
    assert "本年废止件数" in message


@pytest.mark.parametrize("style", STYLES)
def test_typo_one_off_two_headers_is_ambiguous(example: Report, style: str) -> None:
    order = identity(example)
    order["active:第二十条第（一）项"] = [1, 2, 0]
    # 本年废发件数 is one character off 本年废止件数 and 本年制发件数.
    rows = _replace_cell(axes_rows(example, order), "本年废止件数", "本年废发件数")
    got = read(style, page(example, rows, style))
    for row in ("rules", "normative_documents"):
        assert got[f"active.{row}.repealed"] is MISSING
        assert got[f"active.{row}.in_force"] == example[f"active.{row}.in_force"]
        assert got[f"active.{row}.issued"] == example[f"active.{row}.issued"]
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "本年废发件数" in f.message
        for f in got.reading_findings
    )


@pytest.mark.parametrize("style", STYLES)
def test_one_character_typo_in_a_row_label(example: Report, style: str) -> None:
    rows = _replace_cell(axes_rows(example, identity(example)), "行政处罚", "行政处法")
    got = read(style, page(example, rows, style))
    assert dict(got.cells()) == dict(example.cells())
    (message,) = _variants(got)
    assert "行政处法" in message


@pytest.mark.parametrize("style", STYLES)
def test_row_label_one_off_two_rows_is_not_placed(example: Report, style: str) -> None:
    # 行政处制 is one character off both 行政处罚 and 行政强制.
    rows = _replace_cell(axes_rows(example, identity(example)), "行政处罚", "行政处制")
    got = read(style, page(example, rows, style))
    assert got["active.penalty.decisions"] is MISSING
    assert got["active.coercion.decisions"] == example["active.coercion.decisions"]
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "行政处制" in f.message
        for f in got.reading_findings
    )


def test_helpers() -> None:
    assert split_extra("行政许可 1") == ("行政许可", " 1")
    assert split_extra("行政规范性文件693665") is None  # a dump's run, not a mark
    assert within_one("本年废纸件数", "本年废止件数")
    assert not within_one("本年制发件数", "本年废止件数")
    assert near_labels("行政处制", ["行政处罚", "行政强制", "行政许可"]) == [
        "行政处罚",
        "行政强制",
    ]
    assert CONTENT_HEADING == "信息内容"
