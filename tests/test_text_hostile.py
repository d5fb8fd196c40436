"""Hostile plain text (and the shared cell and header reading every reader uses).

Each test prints the bundled example report, or a few lines of it, the way a
real copy breaks it: invisible format characters inside figures, tables drawn
with full-width or box-drawing bars, a report that stops after table 4,
headers printed over lines in another order than the format's, signs and
separators in figures. Every figure must read as a person sees it, or a
finding must say where it could not be read; never a wrong figure silently.
"""

from __future__ import annotations

import html as html_lib

import pytest

import govinfo_report as gr
from govinfo_report import MISSING, FindingKind, Report, example_report, read_text
from test_read_text import render

TITLE = "青禾市生态环境局2025年政府信息公开工作年度报告"
APPEALS_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REVIEW = [3, 1, 1, 1, 6]
DIRECT = [1, 0, 1, 1, 3]
AFTER = [1, 0, 0, 1, 2]


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _appeals(report: Report) -> list[object]:
    return [v for k, v in report.cells().items() if k.startswith("appeals.")]


def _appeals_text(*lines: str) -> Report:
    return read_text("\n".join([TITLE, APPEALS_HEADING, *lines]), year=2025)


def _spaced(values: list[int]) -> str:
    return "  ".join(str(v) for v in values)


def _kinds(report: Report) -> set[FindingKind]:
    return {f.kind for f in report.reading_findings}


# ------------------------------------------------- headers printed over lines


def test_swapped_groups_on_lines_of_their_own_are_refused_not_read_in_format_order() -> (
    None
):
    # 行政诉讼 and 行政复议 each on a line: the line below puts 行政诉讼's
    # sub-groups left of 行政复议's five results (the groups were swapped)
    report = _appeals_text(
        "行政诉讼",
        "行政复议",
        "未经复议直接起诉  复议后起诉  " + "  ".join(RESULTS),
        "  ".join(RESULTS * 2),
        _spaced(DIRECT + AFTER + REVIEW),
    )
    # (it was read in the format's order: 行政复议 got 未经复议直接起诉's figures)
    assert set(_appeals(report)) == {MISSING}
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "表头" in f.message
        for f in report.reading_findings
    )
    # the same lines in the format's order still read
    report = _appeals_text(
        "行政复议",
        "行政诉讼",
        "  ".join(RESULTS) + "  未经复议直接起诉  复议后起诉",
        "  ".join(RESULTS * 2),
        _spaced(REVIEW + DIRECT + AFTER),
    )
    assert _appeals(report) == REVIEW + DIRECT + AFTER


def test_a_header_whose_rows_contradict_each_other_places_nothing() -> None:
    # line 1 puts 行政诉讼 left, line 2 puts 行政复议's results left: one of
    # the two is wrong, and the figures cannot tell which
    for figures in (REVIEW + DIRECT + AFTER, DIRECT + AFTER + REVIEW):
        report = _appeals_text(
            "行政诉讼  行政复议",
            "  ".join(RESULTS) + "  未经复议直接起诉  复议后起诉",
            "  ".join(RESULTS * 2),
            _spaced(figures),
        )
        assert set(_appeals(report)) == {MISSING}
        assert any("互相矛盾" in f.message for f in report.reading_findings)


def test_results_of_a_swapped_header_find_the_groups_above_them() -> None:
    # all fifteen results on the third line: the first five are
    # 未经复议直接起诉's (printed first), not 行政复议's; 行政复议's own
    # results printed in another order show which is which
    report = _appeals_text(
        "行政诉讼  行政复议",
        "未经复议直接起诉  复议后起诉",
        "  ".join(RESULTS * 2 + RESULTS[::-1]),
        _spaced(DIRECT + AFTER + REVIEW[::-1]),
    )
    assert _appeals(report) == REVIEW + DIRECT + AFTER
    assert not _kinds(report) & {FindingKind.AMBIGUOUS, FindingKind.UNKNOWN_LABEL}


def _html(rows: list[list[str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{html_lib.escape(c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return (
        f"<html><body><p>{TITLE}</p><h2>{APPEALS_HEADING}</h2>"
        f"<table>{body}</table></body></html>"
    )


def test_html_swapped_groups_with_unmerged_result_heads() -> None:
    # a web table whose 行政复议 results are not merged down: blank cells above
    # them, all fifteen results in the third row, 行政复议's in reverse
    rows = [
        ["行政诉讼", *[""] * 9, "行政复议", *[""] * 4],
        ["未经复议直接起诉", *[""] * 4, "复议后起诉", *[""] * 9],
        RESULTS + RESULTS + RESULTS[::-1],
        [str(v) for v in DIRECT + AFTER + REVIEW[::-1]],
    ]
    report = gr.read_html(_html(rows), year=2025)
    # (it was 行政复议 = 6 1 1 1 3 and 复议后起诉 = 2 1 0 0 1, silently)
    assert _appeals(report) == REVIEW + DIRECT + AFTER
    rows = [  # the format's order
        ["行政复议", *[""] * 4, "行政诉讼", *[""] * 9],
        [*[""] * 5, "未经复议直接起诉", *[""] * 4, "复议后起诉", *[""] * 4],
        RESULTS[::-1] + RESULTS + RESULTS,
        [str(v) for v in REVIEW[::-1] + DIRECT + AFTER],
    ]
    assert _appeals(gr.read_html(_html(rows), year=2025)) == REVIEW + DIRECT + AFTER


def test_html_swapped_groups_on_rows_of_their_own_are_refused() -> None:
    rows = [
        ["行政诉讼"],
        ["行政复议"],
        ["未经复议直接起诉", "复议后起诉", *RESULTS],
        RESULTS * 2,
        [str(v) for v in DIRECT + AFTER + REVIEW],
    ]
    report = gr.read_html(_html(rows), year=2025)
    assert set(_appeals(report)) == {MISSING}


def test_table_3_sub_heads_printed_left_of_natural_person_are_refused() -> None:
    # the group 法人或其他组织 on its own line, the line below prints its five
    # sub-heads before 自然人: the columns were moved
    text = "\n".join(
        [
            TITLE,
            "三、收到和处理政府信息公开申请情况",
            "法人或其他组织",
            "商业企业  科研机构  社会公益组织  法律服务机构  其他  自然人  总计",
            "一、本年新收政府信息公开申请数量  7  1  0  2  1  46  57",
        ]
    )
    report = read_text(text, year=2025)
    received = [
        v for k, v in report.cells().items() if k.startswith("requests.received.")
    ]
    # (it was read in the format's order: 自然人 got 7, 其他 46)
    assert received == [MISSING] * 7
    assert any(
        f.kind is FindingKind.AMBIGUOUS
        and "requests.received.natural_person" in f.cells
        for f in report.reading_findings
    )
