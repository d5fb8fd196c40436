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
import io
from datetime import date

import pytest

import govinfo_report as gr
from govinfo_report import MISSING, FindingKind, Report, example_report, read_text
from govinfo_report._readers import match_grid
from helpers import docx_bytes, replace_cell_runs
from test_read_html import render_html
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


def _in_tables(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced in its table lines (not in sentences)."""
    lines = text.splitlines(keepends=True)
    return "".join(line if "。" in line else line.replace(old, new) for line in lines)


def _kinds(report: Report) -> set[FindingKind]:
    return {f.kind for f in report.reading_findings}


# ------------------------------------------------- what prints nothing

INVISIBLE = {
    "zero-width-space": "\u200b",
    "zero-width-non-joiner": "\u200c",
    "zero-width-joiner": "\u200d",
    "word-joiner": "\u2060",
    "byte-order-mark": "\ufeff",
    "soft-hyphen": "\u00ad",
    "mongolian-vowel-separator": "\u180e",
}
LICENSING = "active.licensing.decisions"  # 1268 in the example


@pytest.mark.parametrize("style", ["rows", "cells", "markdown", "layout", "tabs"])
@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_character_that_prints_nothing_inside_a_figure_and_a_label(
    example: Report, style: str, char: str
) -> None:
    text = _in_tables(render(example, style), "1268", f"1{char}26{char}8")
    text = _in_tables(text, "行政处罚", f"行政{char}处罚")
    text = text.replace(example.metadata.agency, f"青禾市{char}生态环境局")
    report = read_text(text)
    # (it was MISSING, with “1\u200b268”不是报告格式中的标签)
    assert report[LICENSING] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.metadata.agency == example.metadata.agency


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_html_and_word_read_it_as_a_person_sees_it_too(
    example: Report, char: str
) -> None:
    page = render_html(example, spans=False)
    assert page.count("<td>1268</td>") == 1
    page = page.replace("<td>1268</td>", f"<td>12&#{ord(char)};68</td>")
    page = page.replace("<td>0</td>", f"<td>0{char}</td>", 1)
    report = gr.read_html(page)
    assert report[LICENSING] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()

    def edit(document: object) -> None:
        replace_cell_runs(
            document, "1268", f'<w:r><w:t xml:space="preserve">1{char}268</w:t></w:r>'
        )

    for foreign in (False, True):
        word = gr.read_docx(io.BytesIO(docx_bytes(example, edit, foreign=foreign)))
        assert word[LICENSING] == 1268
        assert word.reading_findings == ()


def test_a_grid_given_to_the_matcher_reads_it_too() -> None:
    match = match_grid([["行政\u200c许可", "1\u200b2\u00ad68"], ["行政处罚", "\u2060"]])
    assert match.values[LICENSING] == 1268
    assert match.values["active.penalty.decisions"] is gr.Mark.BLANK
    assert match.findings == []


def test_a_dump_run_with_a_character_that_prints_nothing() -> None:
    # the crawler dump of docs/readers.md, a zero width space in two runs
    dump = (
        "标题: 青禾市生态环境局2025年政府信息公开工作年度报告\n"
        "==================== 正文 ====================\n"
        "当前位置： 首页 政务公开 相关链接： --> 根据《中华人民共和国政府信息公开条例》"
        "编制本报告。一、总体情况本年度主动公开政府信息120条。二、主动公开政府信息情况"
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "第二十条第（五）项信息内容本年处理决定数量行政许可22{zw}93"
        "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计"
        "商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量"
        "6400204{zw}70四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持"
        "结果纠正其他结果尚未审结总计10203120001200000五、存在的主要问题及改进情况无。"
        "六、其他需要报告的事项无。 附件下载"
    )
    plain = read_text(dump.format(zw=""))
    report = read_text(dump.format(zw="\u200b"))
    assert report[LICENSING] == plain[LICENSING] == 2293
    assert report["requests.received.total"] == plain["requests.received.total"] == 70
    assert [f.message for f in report.reading_findings] == [
        f.message for f in plain.reading_findings
    ]


# ------------------------------------------------- tables drawn with other bars

BARS = {"full-width": "｜", "light": "│", "heavy": "┃", "double": "║", "dashed": "┆"}


def _drawn(example: Report, bar: str, rule: str) -> str:
    """The markdown rendering drawn with ``bar``, a rule line over every row."""
    out = []
    for line in render(example, "markdown").splitlines():
        if line.startswith("|"):
            cells = line.count("|") - 1
            out.append(rule[0] + rule[2].join([rule[1] * 4] * cells) + rule[3])
            out.append(line.replace("|", bar))
        else:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("bar", BARS.values(), ids=BARS.keys())
@pytest.mark.parametrize(
    "rule", ["├─┼┤", "╞═╪╡", "┌━┬┐", "+-++", "+=++", "｜－｜｜", "｜：｜｜"]
)
def test_a_table_drawn_with_box_or_full_width_bars(
    example: Report, bar: str, rule: str
) -> None:
    report = read_text(_drawn(example, bar, rule))
    # (every figure was missing, each line an unknown label; the rule lines
    # ``+----+`` were unknown labels too)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("bar", BARS.values(), ids=BARS.keys())
@pytest.mark.parametrize("style", ["rows", "cells"])
def test_rows_and_cells_drawn_with_other_bars(
    example: Report, bar: str, style: str
) -> None:
    report = read_text(render(example, style).replace("|", bar))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_sentence_with_one_full_width_bar_keeps_it() -> None:
    text = "\n".join(
        [
            TITLE,
            "一、总体情况",
            "详见门户网站｜政务公开栏目。",
            "二、主动公开政府信息情况",
        ]
    )
    report = read_text(text, year=2025)
    assert report.overview.paragraphs == ("详见门户网站｜政务公开栏目。",)
    text = "\n".join([TITLE, "二、主动公开政府信息情况", "│ 行政许可 │ 1268 │"])
    assert read_text(text, year=2025)[LICENSING] == 1268


@pytest.mark.parametrize("dash", ["—", "-", "——", "–"])
def test_a_not_applicable_dash_in_the_one_cell_per_line_form(dash: str) -> None:
    # ``— |`` is a cell (the format's mark for not applicable), not a rule line
    lines = render(example_report(), "cells").splitlines()
    at = lines.index("规章 |")
    lines[at + 2] = f"{dash} |"
    report = read_text("\n".join(lines))
    # (the line was skipped: the row had two figures for three cells, missing)
    assert report["active.rules.repealed"] is gr.Mark.NOT_APPLICABLE
    assert report["active.rules.in_force"] == 0
    assert report.reading_findings == ()


# ------------------------------------------------- a report that ends after table 4


@pytest.mark.parametrize("style", ["markdown", "rows", "cells", "layout", "tabs"])
def test_a_report_ending_after_table_4_is_not_truncated(
    example: Report, style: str
) -> None:
    text = render(example, style).split(example.spec.sections[4].heading)[0]
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    # (it was TRUNCATED: 输入在表四 数字行处中断，其后 0 个单元格缺失)
    assert FindingKind.TRUNCATED not in _kinds(report)
    missing = [
        f for f in report.reading_findings if f.kind is FindingKind.MISSING_SECTION
    ]
    assert [f.message for f in missing] == [
        f"没有找到“{example.spec.sections[4].heading}”一节",
        f"没有找到“{example.spec.sections[5].heading}”一节",
    ]
    assert all(f.severity is gr.Severity.ERROR for f in missing)
    if style != "markdown":
        return
    # cut inside table 4's figure row, it is truncated still
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    cut = text[: text.rindex(last)] + last[: len(last) // 2] + "\n"
    report = read_text(cut)
    (finding,) = [f for f in report.reading_findings if f.kind is FindingKind.TRUNCATED]
    assert finding.cells
    assert "表四" in finding.message


@pytest.mark.parametrize("style", ["markdown", "rows", "cells", "layout", "tabs"])
def test_the_signature_and_date_after_table_4_are_the_ending(
    example: Report, style: str
) -> None:
    text = render(example, style).split(example.spec.sections[4].heading)[0]
    report = read_text(text + f"{example.metadata.agency}\n2026年1月20日\n")
    # (both lines were unknown labels of table 4, and the date was not read)
    assert report.metadata.date_of_issue == date(2026, 1, 20)
    assert report.metadata.agency == example.metadata.agency
    assert not _kinds(report) & {FindingKind.UNKNOWN_LABEL, FindingKind.TRUNCATED}


# ------------------------------------------------- signs, separators and units


@pytest.mark.parametrize("minus", ["-", "−", "－", "﹣", "‐", "‑", "‒"])
def test_a_negative_count_is_a_finding_that_says_so(minus: str) -> None:
    text = "\n".join([TITLE, "二、主动公开政府信息情况", f"行政许可 | {minus}5 |"])
    report = read_text(text, year=2025)
    assert report[LICENSING] is MISSING
    (finding,) = [
        f
        for f in report.reading_findings
        if LICENSING in f.cells and f.kind is not FindingKind.TRUNCATED
    ]
    # (it was “−5”不是报告格式中的标签 for the minus sign, or 不是可用的数字)
    assert "负数" in finding.message
    assert finding.kind is FindingKind.UNREAD_LINE


def test_a_count_with_a_decimal_point_is_a_finding_that_says_so() -> None:
    text = "\n".join([TITLE, "二、主动公开政府信息情况", "行政许可 | 1.268 |"])
    report = read_text(text, year=2025)
    assert report[LICENSING] is MISSING
    assert any("带小数" in f.message for f in report.reading_findings)


@pytest.mark.parametrize("style", ["rows", "cells", "markdown", "layout", "tabs"])
@pytest.mark.parametrize("unit", [" 件", "\u3000件", " 条"])
def test_a_unit_printed_apart_from_its_count(
    example: Report, style: str, unit: str
) -> None:
    text = _in_tables(render(example, style), "1268", f"1268{unit}")
    report = read_text(text)
    # (it was MISSING: “1268 件”不是报告格式中的标签)
    assert report[LICENSING] == 1268
    assert report.reading_findings == ()


def test_a_row_of_single_spaces_with_a_unit_apart() -> None:
    text = "\n".join([TITLE, "二、主动公开政府信息情况", "行政许可 1268 件"])
    report = read_text(text, year=2025)
    assert report[LICENSING] == 1268
    assert not _kinds(report) & {FindingKind.UNKNOWN_LABEL, FindingKind.MISSING_CELL}


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


def test_table_3_sub_heads_printed_left_of_natural_person_in_one_row() -> None:
    # the group 法人或其他组织 on its own line, the line below prints all seven
    # columns, its five sub-heads before 自然人: that line says their order
    received = "一、本年新收政府信息公开申请数量  7  1  0  2  1  46  57"
    heads = "商业企业  科研机构  社会公益组织  法律服务机构  其他  自然人  总计"
    text = "\n".join(
        [TITLE, "三、收到和处理政府信息公开申请情况", "法人或其他组织", heads, received]
    )
    report = read_text(text, year=2025)
    # (it was read in the format's order: 自然人 got 7, 其他 46)
    assert _received(report) == [46, 7, 1, 0, 2, 1, 57]
    assert not _kinds(report) & {FindingKind.AMBIGUOUS, FindingKind.UNKNOWN_LABEL}
    # a web table whose 自然人 and 总计 are not merged down: the same
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = [
        [note, "法人或其他组织", *[""] * 6],
        ["", *heads.split("  ")],
        received.split("  "),
    ]
    page = _html(rows).replace(APPEALS_HEADING, "三、收到和处理政府信息公开申请情况")
    assert _received(gr.read_html(page, year=2025)) == [46, 7, 1, 0, 2, 1, 57]
    # a group's sub-heads split by another column: nothing is placed by guess
    heads = "商业企业  科研机构  自然人  社会公益组织  法律服务机构  其他  总计"
    text = "\n".join(
        [TITLE, "三、收到和处理政府信息公开申请情况", "法人或其他组织", heads, received]
    )
    assert _received(read_text(text, year=2025)) == [MISSING] * 7


def _received(report: Report) -> list[object]:
    return [v for k, v in report.cells().items() if k.startswith("requests.received.")]


def _rules(*header: str) -> Report:
    text = "\n".join(
        [
            TITLE,
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            *header,
            "规章  3  1  2",
            "行政规范性文件  6  4  5",
        ]
    )
    return read_text(text, year=2025)


def test_table_2_heads_wrapped_in_another_order_are_refused() -> None:
    # narrow columns wrap 现行有效件数 into 现行有效 / 件数: no cell is a whole
    # header, but the first line prints 现行有效 before 本年制发
    report = _rules("信息内容  现行有效  本年制发  本年废止", "件数  件数  件数")
    rules = [v for k, v in report.cells().items() if k.startswith("active.rules.")]
    # (it was read in the format's order: 本年制发件数 3, 现行有效件数 2)
    assert rules == [MISSING] * 3
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "折行" in f.message
        for f in report.reading_findings
    )
    # the same pieces in the format's order are read in it
    report = _rules("信息内容  本年制发  本年废止  现行有效", "件数  件数  件数")
    rules = [v for k, v in report.cells().items() if k.startswith("active.rules.")]
    assert rules == [3, 1, 2]
    # whole labels and pieces on one line, in another order: the same
    for line in (
        "信息内容  现行有效件数  本年制发  本年废止",
        "信息内容  现行有效  本年制发件数  本年废止件数",
    ):
        report = _rules(line, "件数  件数")
        rules = [v for k, v in report.cells().items() if k.startswith("active.rules.")]
        # (it was read in the format's order, with no finding)
        assert rules == [MISSING] * 3
    report = _rules("信息内容  本年制发  本年废止  现行有效件数", "件数  件数")
    rules = [v for k, v in report.cells().items() if k.startswith("active.rules.")]
    assert rules == [3, 1, 2]


@pytest.mark.parametrize(
    ("printed", "read"), [("1，268", 1268), ("1．268", MISSING), ("−5", MISSING)]
)
def test_full_width_marks_in_a_row_of_single_spaces(printed: str, read: object) -> None:
    text = "\n".join(
        [
            TITLE,
            "二、主动公开政府信息情况",
            f"行政许可 {printed}",
            "三、收到和处理政府信息公开申请情况",
        ]
    )
    report = read_text(text, year=2025)
    assert report[LICENSING] == read
    # (the whole line was an unknown label: the full-width mark ended no figure)
    assert FindingKind.UNKNOWN_LABEL not in _kinds(report)
    if read is MISSING:
        assert any(
            LICENSING in f.cells and f.kind is FindingKind.UNREAD_LINE
            for f in report.reading_findings
        )


def test_a_page_whose_every_marker_word_holds_a_zero_width_space(
    example: Report,
) -> None:
    page = render_html(example, spans=False)
    for word in ("信息公开", "依申请公开", "主动公开"):
        page = page.replace(word, word[:2] + "&#8203;" + word[2:])
    # (it was NotAReportError: 全文没有“信息公开”等字样)
    report = gr.read_html(page)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------- GitHub-flavoured Markdown as shown

MARKUP = {
    "bold": "**{}**",
    "bold-underscores": "__{}__",
    "italic": "*{}*",
    "code": "`{}`",
    "bold-italic": "***{}***",
}


@pytest.mark.parametrize("mark", MARKUP.values(), ids=MARKUP.keys())
def test_markdown_emphasis_around_a_cell_is_not_part_of_it(
    example: Report, mark: str
) -> None:
    text = render(example, "markdown")
    text = _in_tables(text, "| 1268 |", f"| {mark.format('1268')} |")
    text = _in_tables(text, "| （七）总计 |", f"| {mark.format('（七）总计')} |")
    heading = example.spec.sections[1].heading
    text = text.replace(f"\n{heading}\n", f"\n{mark.format(heading)}\n")
    report = read_text(text)
    # (“**1268**”不是报告格式中的标签; the bold heading lost all of table 2)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_markdown_breaks_and_entities_in_cells(example: Report) -> None:
    text = render(example, "markdown")
    text = _in_tables(text, "| 行政许可 |", "| 行政<br>许可 |")
    text = _in_tables(text, "| 1268 |", "| 1268&nbsp; |")
    text = _in_tables(text, "| 行政处罚 |", "| 行政&#22788;罚 |")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    # a break between two figures leaves two figures: one too many, a finding
    text = _in_tables(render(example, "markdown"), "| 1268 |", "| 12<br/>68 |")
    report = read_text(text)
    assert report[LICENSING] is MISSING
    assert any(f.kind is FindingKind.EXTRA_CELL for f in report.reading_findings)


# ------------------------------------------------- footnote marks after a figure

MARKED = {
    "superscript-one": ("1268¹", "¹"),
    "asterisk": ("1268*", "*"),
    "circled": ("1268①", "①"),
    "spaced": ("1268 ¹", "¹"),
    "parenthesised": ("1268⁽¹⁾", "⁽¹⁾"),
    "after-a-count-word": ("1268件¹", "¹"),
}


@pytest.mark.parametrize("style", ["rows", "cells", "layout", "markdown", "tabs"])
@pytest.mark.parametrize(("printed", "mark"), MARKED.values(), ids=MARKED.keys())
def test_a_footnote_mark_after_a_figure_is_reported_not_read(
    example: Report, style: str, printed: str, mark: str
) -> None:
    text = render(example, style)
    at = text.index("1268", text.index("二、主动公开政府信息情况", 200))
    report = read_text(text[:at] + printed + text[at + 4 :])
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert f"“{mark}”视为脚注标记" in finding.message


@pytest.mark.parametrize("printed", ["12*68", "*", "①"])
def test_a_mark_that_is_not_after_a_figure_is_no_figure(
    example: Report, printed: str
) -> None:
    text = render(example, "rows")
    report = read_text(text.replace("| 1268 |", f"| {printed} |", 1))
    assert report["active.licensing.decisions"] is MISSING
    assert report.reading_findings
