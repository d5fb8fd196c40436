"""read_text() on the example report flattened the ways scrapers flatten it, then broken.

The small renderers below print `example_report()` as text in each form seen
in the wild; each test breaks the text the way real copies are broken and
checks that every figure is recovered or the exact place is reported.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from decimal import Decimal

import pytest

from govinfo_report import (
    MISSING,
    NOT_APPLICABLE,
    FindingKind,
    NotAReportError,
    ReadError,
    Report,
    Severity,
    example_report,
    format_spec,
    read_text,
)
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    AppealGroup,
    AppealResult,
    Applicant,
)
from govinfo_report._values import Mark
from helpers import APPEAL_COLUMNS, APPEAL_GROUPS

Row = list[str]


def show(value: object) -> str:
    if isinstance(value, Mark):
        return value.text
    return str(value)


def table_rows(report: Report) -> list[tuple[str, Row]]:
    """(section heading or "", cells) for the three tables, as printed."""
    spec = report.spec
    out: list[tuple[str, Row]] = [("heading", [spec.sections[1].heading])]
    block = None
    for cell_row in spec.active.rows:
        if cell_row.groups[0] != block:
            block = cell_row.groups[0]
            out.append(("row", [block]))
            out.append(("row", [CONTENT_HEADING, *(c.label for c in cell_row.columns)]))
        values = [
            show(report[f"active.{cell_row.id}.{c.id}"]) for c in cell_row.columns
        ]
        out.append(("row", [cell_row.label, *values]))
    out.append(("heading", [spec.sections[2].heading]))
    out.append(("row", [REQUESTS_NOTE, APPLICANTS_HEADING]))
    out.append(
        (
            "row",
            [
                Applicant.NATURAL_PERSON.label,
                LEGAL_PERSONS_HEADING,
                Applicant.TOTAL.label,
            ],
        )
    )
    out.append(("row", [a.label for a in Applicant if a.is_legal_person]))
    for req in report.requests.spec.rows:
        values = [show(report[f"requests.{req.id}.{c.id}"]) for c in req.columns]
        out.append(("row", [*req.groups[-1:], req.label, *values]))
    out.append(("heading", [spec.sections[3].heading]))
    out.append(("row", [AppealGroup.REVIEW.label, LITIGATION_HEADING]))
    out.append(
        (
            "row",
            [
                *(r.label for r in AppealResult),
                AppealGroup.LITIGATION_DIRECT.label,
                AppealGroup.LITIGATION_AFTER_REVIEW.label,
            ],
        )
    )
    out.append(("row", [r.label for r in AppealResult] * 2))
    out.append(("row", [show(v) for v in report.appeals.values]))
    return out


def narrative_lines(report: Report, section: int) -> list[str]:
    spec = report.spec
    narrative = {0: report.overview, 4: report.problems, 5: report.other_matters}[
        section
    ]
    lines = [spec.sections[section].heading, *narrative.paragraphs]
    numerals = "一二三四五六七八九十"
    for i, sub in enumerate(narrative.subsections):
        lines.append(f"（{numerals[i]}）{sub.title}")
        lines.extend(sub.paragraphs)
    return lines


def render(report: Report, style: str) -> str:
    """The report as text, its tables flattened in ``style``."""
    lines = [report.title, *report.preface, *narrative_lines(report, 0)]
    for kind, cells in table_rows(report):
        if kind == "heading":
            lines.append(cells[0])
        elif style == "cells":  # one cell per line, each followed by " |"
            lines.extend(f"{c} |" for c in cells)
            lines.append("|" * len(cells))
        elif style == "rows":
            lines.append(" | ".join(cells) + " |")
        elif style == "markdown":
            lines.append("| " + " | ".join(cells) + " | | |")
        elif style == "layout":
            lines.append("    ".join(c if c else "  " for c in cells))
        elif style == "tabs":
            lines.append("\t".join(cells))
    lines += narrative_lines(report, 4) + narrative_lines(report, 5)
    lines += [report.metadata.agency, f"{report.metadata.year + 1}年1月20日"]
    return "\n".join(lines) + "\n"


STYLES = ("cells", "rows", "markdown", "layout", "tabs")


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.mark.parametrize("style", STYLES)
def test_every_flattening_reads_back_exactly(example: Report, style: str) -> None:
    report = read_text(render(example, style))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.metadata == example.metadata
    assert report.preface == example.preface
    assert report.overview == example.overview
    assert report.problems == example.problems
    assert report.other_matters == example.other_matters


def _lines_with(text: str, needle: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) if needle in line]


def _edit(text: str, index: int, change: Callable[[str], str | None]) -> str:
    lines = text.splitlines()
    new = change(lines[index])
    if new is None:
        del lines[index]
    else:
        lines[index] = new
    return "\n".join(lines) + "\n"


def test_deleted_number_reported_at_its_row_and_nothing_shifts(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "（一）予以公开")[0]
    broken = _edit(text, index, lambda line: line.replace(" | 18 | ", " | ", 1))
    report = read_text(broken)
    granted = [c.id for c in example.requests.spec.cells if c.row.id == "granted"]
    for cell_id, value in example.cells().items():
        expected = MISSING if cell_id in granted else value
        assert report[cell_id] == expected, cell_id
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.MISSING_CELL
    assert finding.severity is Severity.ERROR
    assert finding.where == f"第 {index + 1} 行"
    assert "（一）予以公开" in finding.message
    assert "只读到 6 个" in finding.message


def test_deleted_number_in_cell_per_line_form(example: Report) -> None:
    text = render(example, "cells")
    start = _lines_with(text, "1.本机关不掌握相关政府信息")[0]
    broken = _edit(text, start + 1, lambda line: None)  # its first figure line
    report = read_text(broken)
    row = [
        c.id for c in example.requests.spec.cells if c.row.id == "unavailable.not_held"
    ]
    assert all(report[c] is MISSING for c in row)
    others = {k: v for k, v in example.cells().items() if k not in row}
    assert {k: report[k] for k in others} == others
    assert [f.kind for f in report.reading_findings] == [FindingKind.MISSING_CELL]


def test_duplicated_figure_line_resolved_by_the_row_total(example: Report) -> None:
    text = render(example, "cells")
    start = _lines_with(text, "（一）予以公开")[0]
    broken = _edit(text, start + 1, lambda line: line + "\n" + line)
    report = read_text(broken)
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.EXTRA_CELL
    assert finding.severity is Severity.WARNING
    assert "（一）予以公开" in finding.message


def test_extra_figure_that_cannot_be_placed(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "规章 |")[0]
    broken = _edit(text, index, lambda line: line.replace("规章 | 0", "规章 | 0 | 7"))
    report = read_text(broken)
    assert report["active.rules.issued"] is MISSING
    assert report["active.licensing.decisions"] == 1268
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.EXTRA_CELL
    assert finding.severity is Severity.ERROR
    assert finding.where == f"第 {index + 1} 行"


def test_duplicated_row_line_is_reported_once(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "行政处罚 |")[0]
    broken = _edit(text, index, lambda line: line + "\n" + line)
    report = read_text(broken)
    assert dict(report.cells()) == dict(example.cells())
    assert [f.kind for f in report.reading_findings] == [FindingKind.EXTRA_CELL]


def test_wrapped_labels_split_headers_and_page_markers(example: Report) -> None:
    text = render(example, "layout")
    long = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    index = _lines_with(text, long)[0]
    text = _edit(
        text,
        index,
        lambda line: line.replace(
            long, "（二）部分公开（区分处理的，只计这一情 形，不\n  计其他情形）\n", 1
        ),
    )
    label = "5.要求行政机关确认或重新出具已获取信息"
    index = _lines_with(text, label)[0]
    text = _edit(
        text,
        index,
        lambda line: line.replace(
            label, "5.要求行政机关确认或重 新出具\n   已获取信息\n", 1
        ),
    )
    index = _lines_with(text, "商业企业")[0]
    text = _edit(
        text,
        index,
        lambda line: (
            "商业    科研    社会    法律\n企业    机构    公益组织    服务机构    其他"
        ),
    )
    index = _lines_with(text, "7.属于行政执法案卷")[0]
    text = _edit(text, index, lambda line: line + "\n\n      - 4 -\n\f-5-")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_half_width_traditional_and_variants(example: Report) -> None:
    text = render(example, "rows")
    text = text.replace("（", "(").replace("）", ")").replace("，", ",")
    text = text.replace("行政规范性文件 |", "規範性文件 |").replace(
        "另行制作", "另外制作"
    )
    text = text.replace("本年度办理结果", "本年度辦理結果").replace("申请", "申 请")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_cut_off_mid_table_keeps_every_figure_there(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "6.属于四类过程性信息")[0]
    lines = text.splitlines()[: index + 1]
    lines[-1] = lines[-1].split(" | 0 |")[0]  # "… | 2" : 1 figure of 7 remains
    report = read_text("\n".join(lines))
    row = [
        c
        for c in example.requests.spec.cells
        if c.row.id == "withheld.process_information"
    ]
    assert report[row[0].id] == 2
    assert all(report[c.id] is MISSING for c in row[1:])
    before = {
        c.id: example[c.id]
        for t in example.tables
        for c in t.spec.cells
        if c.table.value == "active"
        or (c.table.value == "requests" and c.index < row[0].index)
    }
    assert {k: report[k] for k in before} == before
    assert report["requests.total.total"] is MISSING
    assert report["appeals.review.upheld"] is MISSING
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.TRUNCATED
    assert "表三" in finding.message
    assert "6.属于四类过程性信息" in finding.message
    assert finding.where == f"第 {index + 1} 行"


def test_cut_off_in_table_two(example: Report) -> None:
    text = render(example, "cells")
    index = _lines_with(text, "行政许可 |")[0]
    report = read_text("\n".join(text.splitlines()[: index + 1]))
    assert report["active.normative_documents.in_force"] == 23
    assert report["active.licensing.decisions"] is MISSING
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.TRUNCATED
    assert "表二 行政许可" in finding.message


def test_blank_and_not_applicable_cells_kept_as_published(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "行政强制 |")[0]
    text = _edit(text, index, lambda line: "行政强制 | — |")
    index = _lines_with(text, "3.其他 |")[0]
    text = _edit(text, index, lambda line: "3.其他 |  | 0 | 0 | 0 | 0 | 0 | / |")
    index = _lines_with(text, "行政许可 |")[0]
    text = _edit(text, index, lambda line: "行政许可 | 1,268 |")
    report = read_text(text)
    assert report["active.coercion.decisions"] is NOT_APPLICABLE
    assert report["active.licensing.decisions"] == 1268
    assert report["requests.other.other.natural_person"] is Mark.BLANK
    assert report["requests.other.other.total"] is NOT_APPLICABLE
    assert report.reading_findings == ()


def test_wrong_total_kept_as_published(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "（七）总计")[0]
    text = _edit(text, index, lambda line: line.replace("| 58 |", "| 60 |"))
    report = read_text(text)
    assert report["requests.total.total"] == 60
    assert report.reading_findings == ()


def test_fee_amount_precision_kept(example: Report) -> None:
    report = read_text(render(example, "rows").replace("| 12.56 |", "| 12.5600 |"))
    assert report["active.fees.amount"] == Decimal("12.5600")
    assert str(report["active.fees.amount"]) == "12.5600"


def _appeals_run(figures: str) -> str:
    text = render(example_report(), "rows")
    index = (
        _lines_with(text, "复议后起诉 |")[0] + 2
    )  # the figure row follows the headers
    return _edit(text, index, lambda line: figures)


def _r6_splits(run: str) -> list[list[int]]:
    """Every way to read ``run`` as the 15 figures of table 4 (no leading zeros)
    under which each of its three groups satisfies R6 (four results sum to the total)."""
    splits = []
    for cuts in itertools.combinations(range(1, len(run)), 14):
        bounds = (0, *cuts, len(run))
        parts = [run[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        values = [int(p) for p in parts]
        groups = [values[g * 5 : g * 5 + 5] for g in range(3)]
        if all(sum(group[:4]) == group[4] for group in groups):
            splits.append(values)
    return splits


def test_digits_run_together_split_only_one_way() -> None:
    # 2 1 3 1 7 | 0 0 0 0 0 | 1 3 2 4 0 … ; the run from spec §5
    run = "21317000001324019"
    (only,) = _r6_splits(run)  # the test's own oracle: exactly one split holds R6
    report = read_text(_appeals_run(run))
    findings = [f for f in report.reading_findings if f.kind is FindingKind.AMBIGUOUS]
    values = [report[f"appeals.{g}.{c}"] for g in APPEAL_GROUPS for c in APPEAL_COLUMNS]
    # Split, not refused: one warning saying so, and the figures of that split.
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert values == only
    assert finding.cells == tuple(
        f"appeals.{g}.{c}" for g in APPEAL_GROUPS for c in APPEAL_COLUMNS
    )
    assert " ".join(map(str, only)) in finding.message


def test_digits_run_together_ambiguous_is_reported_not_guessed() -> None:
    # 1 0 10 0 11 | … or 10 1 0 0 11 | …: R6 holds both ways
    report = read_text(_appeals_run("10100110000011002"))
    (finding,) = [
        f for f in report.reading_findings if f.kind is FindingKind.AMBIGUOUS_CELLS
    ]
    assert finding.severity is Severity.ERROR
    assert "无法确定" in finding.message
    assert "1/0/10/0/11" in finding.message
    assert "10/1/0/0/11" in finding.message
    assert report["appeals.review.upheld"] is MISSING
    assert report["appeals.litigation_after_review.total"] is MISSING


def test_digits_run_that_no_split_fits_is_reported() -> None:
    report = read_text(_appeals_run("1010110011011002"))
    (finding,) = [f for f in report.reading_findings if f.kind is FindingKind.AMBIGUOUS]
    assert finding.severity is Severity.ERROR
    assert "无法按勾稽关系拆分" in finding.message


def test_digits_run_unique_in_table_three(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "二、上年结转政府信息公开申请数量")[0]
    # 3 1 0 0 0 0 4 run together: only one split keeps R3 (total = sum)
    text = _edit(
        text, index, lambda line: "二、上年结转政府信息公开申请数量 | 3100004 |"
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.WARNING


def test_not_a_report_fast() -> None:
    text = "今天天气很好。\n" * 20000
    start = time.perf_counter()
    with pytest.raises(NotAReportError, match="不是政府信息公开工作年度报告"):
        read_text(text)
    assert time.perf_counter() - start < 1.0
    with pytest.raises(NotAReportError):
        read_text("关于做好政府信息公开工作的通知\n请各单位认真落实。")


def test_strict_raises_with_places(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "（一）予以公开")[0]
    broken = _edit(text, index, lambda line: line.replace(" | 18 | ", " | ", 1))
    with pytest.raises(ReadError) as caught:
        read_text(broken, strict=True)
    assert any(f"第 {index + 1} 行" in p for p in caught.value.problems)


def test_stray_text_in_a_table_is_reported(example: Report) -> None:
    text = render(example, "rows")
    index = _lines_with(text, "行政处罚 |")[0]
    text = _edit(text, index, lambda line: line + "\n注：本表数据来源于执法系统")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNKNOWN_LABEL
    assert finding.where == f"第 {index + 2} 行"


def test_2019_format_detected_from_labels() -> None:
    lines = [
        "某某局2020年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度工作情况。",
        "二、主动公开政府信息情况",
    ]
    spec = format_spec(__import__("govinfo_report").FormatVersion.V2019)
    for row in spec.active.rows:
        lines.append(" | ".join([row.label, *("1" for _ in row.columns)]) + " |")
    lines += [
        "五、政府信息公开工作存在的主要问题及改进情况",
        "无。",
        "六、其他需要报告的事项",
        "无。",
    ]
    report = read_text("\n".join(lines))
    assert report.format_version.value == "2019"
    assert report["active.procurement.projects"] == 1
    assert report["active.licensing.change"] == 1


def test_section_heading_pattern_is_not_fooled_by_table_rows() -> None:
    assert re.match(r"^四、", "四、结转下年度继续办理")
    report = read_text(render(example_report(), "rows"))
    assert (
        report["requests.carried_forward.natural_person"]
        == example_report()["requests.carried_forward.natural_person"]
    )
    assert report.reading_findings == ()


# ------------------------------------------------------- the grid matcher itself


def test_empty_group_cells_before_a_label_belong_to_no_row() -> None:
    # A real table's merged group cells leave empty cells left of the label;
    # they must not be taken as blank figures of the row above.
    from govinfo_report._readers._assemble import match_grid

    previous = "2.没有现成信息需要另行制作"
    row = "3.补正后申请内容仍不明确"
    grid = [
        ["", "（五）不予处理", previous, "1", "2", "0", "0", "0", "0", "3"],
        ["", "", row, "", "4", "0", "0", "0", "0", "4"],
    ]
    found = match_grid(grid)
    assert found.findings == []
    prefix = "requests.unavailable."
    assert found.values[prefix + "needs_creation.total"] == 3
    assert (
        found.values[prefix + "unclear_after_correction.natural_person"] is Mark.BLANK
    )
    assert found.values[prefix + "unclear_after_correction.total"] == 4


def test_figures_after_an_unknown_label_do_not_join_the_row_above() -> None:
    from govinfo_report._readers._assemble import match_grid

    grid = [["规章", "1", "2", "3"], ["某种未知的文件", "7", "8", "9"]]
    found = match_grid(grid)
    assert [
        found.values[f"active.rules.{c}"] for c in ("issued", "repealed", "in_force")
    ] == [1, 2, 3]
    assert not any(v in (7, 8, 9) for v in found.values.values())
    kinds = {f.kind for f in found.findings}
    assert FindingKind.UNKNOWN_LABEL in kinds


def test_reading_twice_gives_the_same_report(example: Report) -> None:
    # The per-line caches must carry nothing from one text to the next.
    for style in STYLES:
        text = render(example, style)
        first = read_text(text)
        assert read_text(text) == first
        changed = read_text(
            text.replace("规章", "规章 ", 1).replace("行政许可", "行政许可  ", 1)
        )
        assert changed.cells() == first.cells()


# ------------------------------------------- lone "|" lines in the one-cell form


def _row_ids(example: Report, row_id: str) -> list[str]:
    return [c.id for c in example.requests.spec.cells if c.row.id == row_id]


def test_lone_bar_between_figures_is_a_blank_cell(example: Report) -> None:
    text = render(example, "cells")
    start = _lines_with(text, "1.本机关不掌握相关政府信息")[0]
    row = _row_ids(example, "unavailable.not_held")
    for offset in (1, 2, 6):  # the first, the second, the sixth figure
        broken = _edit(text, start + offset, lambda line: "|")
        report = read_text(broken)
        assert report.reading_findings == ()
        assert report[row[offset - 1]] is Mark.BLANK
        others = {k: v for k, v in example.cells().items() if k != row[offset - 1]}
        assert {k: report[k] for k in others} == others


def test_lone_bar_at_a_row_end_is_a_filler(example: Report) -> None:
    text = render(example, "cells")
    lines = text.split("\n")
    for before, after in (("|\n", ""), ("", "\n|")):
        # right after a row's last figure, or after the filler line
        spread = "\n".join(
            (before + line + after) if set(line) == {"|"} and len(line) > 1 else line
            for line in lines
        )
        assert spread.count("\n|\n") > 10
        report = read_text(spread)
        assert report.reading_findings == ()
        assert report.cells() == example.cells()


def test_lone_bar_does_not_fill_a_deleted_figure(example: Report) -> None:
    # A figure lost from a row followed by a lone "|" and the next label: the
    # bar ends the row, it does not say where the figure was.
    text = render(example, "cells")
    start = _lines_with(text, "1.本机关不掌握相关政府信息")[0]
    broken = _edit(text, start + 3, lambda line: None)
    lines = broken.split("\n")
    end = start + 7  # the filler line after the six figures left
    assert set(lines[end]) == {"|"}
    lines[end] = "|"
    report = read_text("\n".join(lines))
    row = _row_ids(example, "unavailable.not_held")
    assert all(report[c] is MISSING for c in row)
    assert [f.kind for f in report.reading_findings] == [FindingKind.MISSING_CELL]


def test_section_numeral_alone_on_a_line(example: Report) -> None:
    # found by fuzzing: a heading broken after its numeral ("三" / "、收到…")
    text = render(example, "rows")
    heading = example.spec.sections[2].heading
    report = read_text(text.replace(heading, heading[0] + "\n" + heading[1:], 1))
    assert report.cells() == example.cells()


def test_trailing_tab_is_a_blank_last_cell(example: Report) -> None:
    text = render(example, "tabs")
    line = next(x for x in text.split("\n") if x.startswith("规章\t"))
    cells = line.split("\t")
    report = read_text(text.replace(line, "\t".join([*cells[:-1], ""]) + "  ", 1))
    assert report["active.rules.in_force"] is Mark.BLANK
    assert report.reading_findings == ()
    assert report["active.rules.repealed"] == example["active.rules.repealed"]


def test_a_row_whose_only_cell_is_blank_keeps_its_tab(example: Report) -> None:
    # Found by the long fuzzing run: ``行政许可\t`` (one cell, blank) lost its
    # tab with the surrounding white space and the row was read as missing.
    text = render(example, "tabs")
    line = next(x for x in text.split("\n") if x.startswith("行政许可\t"))
    report = read_text(text.replace(line, "行政许可\t", 1))
    assert report["active.licensing.decisions"] is Mark.BLANK
    assert report.reading_findings == ()
    # A heading line with trailing tabs (merged cells copied from a table) is
    # still a heading.
    heading = "第二十条第（五）项"
    assert read_text(text.replace(heading, heading + "\t\t", 1)).cells() == dict(
        report.cells()
    ) | {"active.licensing.decisions": example["active.licensing.decisions"]}


@pytest.mark.parametrize("separator", [" | ", "\n"])
def test_a_row_short_of_one_figure_is_not_split_by_a_chance_check(
    example: Report, separator: str
) -> None:
    # Found by fuzzing: 6 figures for 7 cells (the blank total lost) were read
    # as 6 9 2 4 6 5 32, cutting 24 in two, because 6 + 9+2+4+6+5 happens to
    # be 32. Separators are there: a cell was lost, not a separator.
    text = render(example, "rows")
    line = next(x for x in text.split("\n") if "4.保护第三方合法权益" in x)
    figures = separator.join(["6", "9", "24", "6", "5", "32"])
    row = "（三）不予公开 | 4.保护第三方合法权益" + (
        " | " if separator == " | " else "\n"
    )
    report = read_text(text.replace(line, row + figures, 1))
    cells = [
        c
        for c in report.cells()
        if c.startswith("requests.withheld.third_party_rights.")
    ]
    assert [report[c] for c in cells] == [Mark.MISSING] * 7
    assert any(
        f.kind is FindingKind.MISSING_CELL and set(cells) <= set(f.cells)
        for f in report.reading_findings
    ), report.reading_findings


@pytest.mark.parametrize("style", STYLES)
def test_a_label_wrapped_below_its_figures_keeps_them(
    example: Report, style: str
) -> None:
    # a borderless table copied from a PDF: the item number and the figures
    # on the first line, the label's words alone on the next; the next row's
    # figures must not be taken for the wrapped label's
    lines = render(example, style).splitlines()
    for label in ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作"):
        (at,) = (i for i, line in enumerate(lines) if label in line)
        number, words = label.split(".", 1)
        lines[at : at + 1] = [lines[at].replace(label, number + ".", 1), words]
    got = read_text("\n".join(lines) + "\n")
    assert {cell: got[cell] for cell in example} == {
        cell: example[cell] for cell in example
    }
    assert got.reading_findings == ()
