"""Column headers printed over several lines of text (a PDF table without rulings).

Read as lines, a two-level header loses its grid: a cell centred in the
header's height (``自然人``, ``总计``) falls on the second line, the group over
five columns (``法人或其他组织``) on the first, and a wrapped note around
them. The order of cells of different lines says nothing of the columns'
order; only what one line prints, left to right, does. When that agrees with
the format's order the figures are placed in the format's order; when it
does not, nothing is placed by guess (a finding says why).
"""

from __future__ import annotations

import govinfo_report as gr
from govinfo_report import MISSING, FindingKind
from govinfo_report._readers._assemble import match_grid
from govinfo_report._readers._matcher import GridRow

TITLE = "青禾市生态环境局2025年政府信息公开工作年度报告"
RECEIVED = "一、本年新收政府信息公开申请数量  46  7  1  0  2  1  57"
CARRIED = "二、上年结转政府信息公开申请数量  3  1  0  0  0  0  4"
IN_ORDER = [46, 7, 1, 0, 2, 1, 57]


def _received(header: str, *rows: str) -> tuple[list[object], gr.Report]:
    text = "\n".join(
        [TITLE, "三、收到和处理政府信息公开申请情况", header, *(rows or (RECEIVED,))]
    )
    report = gr.read_text(text, year=2025)
    cells = dict(report.cells())
    return [v for k, v in cells.items() if k.startswith("requests.received.")], report


def _kinds(report: gr.Report) -> set[FindingKind]:
    return {f.kind for f in report.reading_findings}


def test_a_header_broken_over_lines_as_a_browser_prints_it() -> None:
    # what a borderless table printed by Chromium reads as, line by line
    header = "\n".join(
        [
            "申请人情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之  法人或其他组织",
            "和）  自然人  总计",
            "社会公益 法律服务",
            "商业企业 科研机构  其他",
            "组织  机构",
        ]
    )
    values, report = _received(header, RECEIVED, CARRIED)
    # (it was [1, 46, 7, 1, 0, 2, 57]: the group first, 自然人 after its five)
    assert values == IN_ORDER
    assert FindingKind.AMBIGUOUS not in _kinds(report)


def test_a_header_as_pdftotext_lays_it_out() -> None:
    header = "\n".join(
        [
            "                       申请人情况",
            "                 法人或其他组织",
            "（本列数据的勾稽关系为：第一项加第二项之和，  自然人  商业企业  科研机构  "
            "社会公益组织  法律服务机构  其他  总计",
            "等于第三项加第四项之和）",
        ]
    )
    assert _received(header)[0] == IN_ORDER


def test_lines_that_move_columns_place_nothing() -> None:
    # the second line prints 总计 before 自然人: the columns were moved, and
    # where the group's five (on a line of their own) stand cannot be told
    # from lines (one line printing all seven would tell: test_text_hostile)
    header = "申请人情况\n法人或其他组织\n总计  自然人\n商业企业  科研机构  社会公益组织  法律服务机构  其他"
    values, report = _received(header, RECEIVED, CARRIED)
    assert values == [MISSING] * 7
    messages = [f.message for f in report.reading_findings]
    assert any("表头跨行印刷" in m and "无法确定各列的位置" in m for m in messages)
    refused = [
        f
        for f in report.reading_findings
        if f.kind is FindingKind.AMBIGUOUS and f.cells
    ]
    assert {c for f in refused for c in f.cells} >= {
        f"requests.received.{a.value}" for a in gr.Applicant
    }


def test_a_moved_header_on_one_line_still_moves_the_figures() -> None:
    header = (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）  申请人情况\n"
        "总计  法人或其他组织  自然人\n"
        "商业企业  科研机构  社会公益组织  法律服务机构  其他"
    )
    moved = "一、本年新收政府信息公开申请数量  57  7  1  0  2  1  46"
    assert _received(header, moved)[0] == IN_ORDER


def test_a_grid_with_blanks_over_some_heads() -> None:
    # a Word or web table whose 自然人 and 总计 are not merged with the cell
    # above them: they stand in the second header row, the group in the first
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    legal = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    rows = [
        GridRow(("三、收到和处理政府信息公开申请情况",), "第 1 行"),
        GridRow((note, "", "法人或其他组织", "", "", "", "", ""), "第 2 行"),
        GridRow(("", "自然人", *legal, "总计"), "第 3 行"),
        GridRow(tuple(RECEIVED.split("  ")), "第 4 行"),
    ]
    match = match_grid(rows, year=2025)
    values = [v for k, v in match.values.items() if k.startswith("requests.received.")]
    assert values == IN_ORDER


def test_a_table_4_header_wrapped_past_recognition_places_nothing() -> None:
    # narrow columns wrap 结果维持 into 结果维 / 持: the header cannot be read,
    # and the figures (printed in the right order) are not placed by guess
    text = "\n".join(
        [
            TITLE,
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议  行政诉讼",
            "未经复议直接起诉  复议后起诉",
            "结果维 结果纠 其他结 尚未审",
            "总计  结果维 结果纠 其他结 尚未审  结果维 结果纠 其他结 尚未审",
            "持  正  果  结  总计  总计",
            "持  正  果  结  持  正  果  结",
            "3  1  1  1  6  1  0  1  1  3  1  0  0  1  2",
        ]
    )
    report = gr.read_text(text, year=2025)
    appeals = {k: v for k, v in report.cells().items() if k.startswith("appeals.")}
    # (``appeals.review.total`` was 3, the first figure, with no finding on it)
    assert set(appeals.values()) == {MISSING}
    named = {c for f in report.reading_findings for c in f.cells}
    assert named >= set(appeals)


def test_a_group_cells_piece_before_a_row_label() -> None:
    text = "\n".join(
        [
            TITLE,
            "三、收到和处理政府信息公开申请情况",
            "（三）不予 4.保护第三方合法权益  2  1  0  0  0  0  3",
        ]
    )
    report = gr.read_text(text, year=2025)
    cells = dict(report.cells())
    prefix = "requests.withheld.third_party_rights."
    assert [cells[prefix + a.value] for a in gr.Applicant] == [2, 1, 0, 0, 0, 0, 3]


def test_a_tables_name_over_it_is_no_unknown_label() -> None:
    text = "\n".join(
        [
            TITLE,
            "二、主动公开政府信息情况",
            "主动公开政府信息情况",
            "第二十条第（五）项",
            "信息内容  本年处理决定数量",
            "行政许可  1268",
        ]
    )
    report = gr.read_text(text, year=2025)
    assert dict(report.cells())["active.licensing.decisions"] == 1268
    assert not [
        f for f in report.reading_findings if "主动公开政府信息情况" in f.message
    ]


def _active(*header: str) -> gr.Report:
    text = "\n".join(
        [
            TITLE,
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            *header,
            "规章  3  1  2",
            "行政规范性文件  5  1  9",
        ]
    )
    return gr.read_text(text, year=2025)


def test_a_flat_header_wrapped_out_of_order_places_nothing() -> None:
    # table 2's column names wrapped at the page's edge, read on: 现行有效件数
    # first; each line alone agrees with the format, the two together do not
    report = _active("信息内容  现行有效件数", "本年制发件数  本年废止件数")
    cells = dict(report.cells())
    assert cells["active.rules.issued"] is MISSING
    assert cells["active.rules.in_force"] is MISSING
    assert FindingKind.AMBIGUOUS in _kinds(report)


def test_a_flat_header_wrapped_in_order_is_placed() -> None:
    report = _active("信息内容  本年制发件数", "本年废止件数  现行有效件数")
    cells = dict(report.cells())
    assert (cells["active.rules.issued"], cells["active.rules.in_force"]) == (3, 2)
    assert FindingKind.AMBIGUOUS not in _kinds(report)
