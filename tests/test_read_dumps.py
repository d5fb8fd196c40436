"""Crawler dumps: a whole report on one line, every separator lost (spec §5).

End to end on the two Pingtan dumps against their truth files, the cells the
samples README calls ambiguous reported with their candidate cuts, a property
test on consistent reports flattened into dumps, and the bounds of the search.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import (
    MISSING,
    FindingKind,
    FormatVersion,
    Limits,
    Report,
    Severity,
    format_spec,
    read,
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
from helpers import SAMPLES
from strategies import consistent_reports

DUMP_2021 = "pingtan-guanweihui-2021"
DUMP_2019 = "pingtan-gonganju-2019"


def _truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (SAMPLES / f"{name}.truth.json").read_text("utf-8")
    )
    return data


def _truth_cells(name: str) -> dict[str, Any]:
    """The truth file's cells under the library's cell ids.

    The 2019 table 2 cells are named in the truth file by their printed labels
    (``active2019.<item>.<row>.<column>``); they are found in the 2019 spec.
    """
    spec = format_spec(FormatVersion.V2019).active
    out: dict[str, Any] = {}
    for key, value in _truth(name)["cells"].items():
        if key.startswith("active2019."):
            _, _item, row, column = key.split(".", 3)
            (cell,) = [
                c for c in spec.cells if c.row.label == row and c.column.label == column
            ]
            key = cell.id
        out[key] = value
    return out


def _read(name: str) -> Report:
    return read_text((SAMPLES / f"{name}.dump.txt").read_text("utf-8"), source=name)


def _findings_for(report: Report, cell: str) -> list[Any]:
    return [f for f in report.reading_findings if cell in f.cells]


# Cells the samples README says a reader cannot read from the dump alone.
AMBIGUOUS_2021 = {
    "active.normative_documents.issued",
    "active.normative_documents.repealed",
    "active.normative_documents.in_force",
}
AMBIGUOUS_2019 = {
    f"active.{row}.{column}"
    for row in ("licensing", "penalty", "coercion")
    for column in ("previous_items", "change", "decisions")
} | {"active.fees.previous_items", "active.fees.change"}
RECEIVED_2019 = {
    f"requests.received.{a.value}" for a in Applicant
}  # "0 00000": one of seven cells missing


@pytest.mark.parametrize(
    ("name", "unknown"),
    [(DUMP_2021, AMBIGUOUS_2021), (DUMP_2019, AMBIGUOUS_2019 | RECEIVED_2019)],
)
def test_dump_reads_to_its_truth_file(name: str, unknown: set[str]) -> None:
    report = _read(name)
    truth = _truth(name)
    assert report.metadata.year == truth["year"]
    assert report.format_version.value == truth["format"]
    cells = _truth_cells(name)
    assert set(cells) | set(truth["blank_cells"]) == set(report.cells())
    for cell, expected in cells.items():
        got = report[cell]
        if cell in unknown:
            assert got is MISSING, cell
            assert _findings_for(report, cell), cell
        else:
            assert not isinstance(got, Mark), cell
            expected_value = (
                Decimal(expected) if isinstance(expected, str) else expected
            )
            assert got == expected_value, cell
    for cell in truth["blank_cells"]:
        assert report[cell] is MISSING  # the dump cannot say which cell is blank
    # every cell not read has a finding; every error finding is about those cells
    missing = {c for c, v in report.cells().items() if v is MISSING}
    assert missing == unknown | set(truth["blank_cells"])
    errors = [f for f in report.reading_findings if f.severity is Severity.ERROR]
    assert {c for f in errors for c in f.cells} == missing


def test_dump_2021_metadata_and_chrome() -> None:
    report = _read(DUMP_2021)
    assert report.metadata.agency == "平潭综合实验区"  # as the title names it
    assert report.metadata.title is None or "年度报告" in report.metadata.title
    preface = "".join(report.preface)
    assert preface.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "当前位置" not in preface
    assert "-->" not in preface
    assert "附件下载" not in "".join(report.other_matters.paragraphs)
    assert [s.title for s in report.overview.subsections][:2] == [
        "主动公开方面",
        "依申请公开方面",
    ]


def test_dump_2019_signature_and_date() -> None:
    report = _read(DUMP_2019)
    assert report.metadata.agency == "平潭综合实验区公安局"
    assert str(report.metadata.date_of_issue) == "2020-01-17"
    assert report.other_matters.paragraphs == ("无",)


def _one(report: Report, kind: FindingKind, cell: str) -> Any:
    (finding,) = [
        f for f in report.reading_findings if f.kind is kind and cell in f.cells
    ]
    return finding


def test_ambiguous_run_lists_its_cuts_2021() -> None:
    report = _read(DUMP_2021)
    finding = _one(
        report, FindingKind.AMBIGUOUS_CELLS, "active.normative_documents.issued"
    )
    assert finding.severity is Severity.ERROR
    assert "693665" in finding.message
    assert "可拆分为 10 种" in finding.message
    assert "69/3/665" in finding.message
    assert "6/9/3665" in finding.message


@pytest.mark.parametrize(
    ("row", "run", "cuts"),
    [
        ("licensing", "4500", ["45/0/0", "4/50/0"]),
        ("penalty", "63600", ["636/0/0", "63/60/0", "6/360/0", "6/3/600"]),
        ("coercion", "4300", ["43/0/0", "4/30/0"]),
        ("fees", "124", ["12/4", "1/24"]),
    ],
)
def test_ambiguous_runs_list_their_cuts_2019(
    row: str, run: str, cuts: list[str]
) -> None:
    report = _read(DUMP_2019)
    finding = _one(report, FindingKind.AMBIGUOUS_CELLS, f"active.{row}.previous_items")
    assert f"“{run}”" in finding.message
    assert f"可拆分为 {len(cuts)} 种" in finding.message
    for cut in cuts:
        assert cut in finding.message


def test_run_with_fewer_digits_than_cells_is_reported_not_guessed() -> None:
    report = _read(DUMP_2019)
    finding = _one(report, FindingKind.MISSING_CELL, "requests.received.natural_person")
    assert finding.severity is Severity.ERROR
    assert "0 00000" in finding.message
    assert "7" in finding.message
    assert set(finding.cells) == RECEIVED_2019
    assert all(report[c] is MISSING for c in RECEIVED_2019)


def test_rows_that_fit_r3_two_ways_are_settled_by_the_columns() -> None:
    report = _read(DUMP_2021)
    granted = [report[f"requests.granted.{a.value}"] for a in Applicant]
    cannot_find = [
        report[f"requests.unavailable.not_held.{a.value}"] for a in Applicant
    ]
    assert granted == [27, 0, 0, 2, 0, 1, 30]
    assert cannot_find == [22, 0, 0, 0, 0, 3, 25]
    settled = _one(report, FindingKind.AMBIGUOUS, "requests.granted.total")
    assert settled.severity is Severity.WARNING
    assert "270020130" in settled.message


def test_table_four_cut_one_way_by_r6() -> None:
    report = _read(DUMP_2021)
    values = [
        report[f"appeals.{g.value}.{r.value}"]
        for g in AppealGroup
        for r in AppealResult
    ]
    assert values == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]


def test_read_dispatches_a_dump_file() -> None:
    report = read(SAMPLES / f"{DUMP_2021}.dump.txt")
    assert report["requests.total.total"] == 69
    assert report.format_version is FormatVersion.V2021


# ------------------------------------------------------------ flattened reports


def _show(value: object) -> str:
    if isinstance(value, Mark):
        return value.text
    return str(value)


def flatten(report: Report, chrome: bool = True) -> str:
    """The report as a crawler dump: one line, every separator removed."""
    spec = report.spec
    parts: list[str] = [report.metadata.title or ""]
    parts += list(report.preface)

    def narrative(section: int, value: Any) -> None:
        parts.append(spec.sections[section].heading)
        parts.extend(value.paragraphs)
        numerals = "一二三四五六七八九十"
        for i, sub in enumerate(value.subsections):
            parts.append(f"（{numerals[i]}）{sub.title}")
            parts.extend(sub.paragraphs)

    narrative(0, report.overview)
    parts.append(spec.sections[1].heading)
    block = None
    for row in spec.active.rows:
        if row.groups[0] != block:
            block = row.groups[0]
            parts.append(block)
            parts.append(CONTENT_HEADING + "".join(c.label for c in row.columns))
        parts.append(row.label)
        parts += [_show(report[f"active.{row.id}.{c.id}"]) for c in row.columns]
    parts.append(spec.sections[2].heading)
    parts += [REQUESTS_NOTE, APPLICANTS_HEADING, Applicant.NATURAL_PERSON.label]
    parts += [LEGAL_PERSONS_HEADING, Applicant.TOTAL.label]
    parts += [a.label for a in Applicant if a.is_legal_person]
    for row in report.requests.spec.rows:
        parts += [*row.groups[-1:], row.label]
        parts += [_show(report[f"requests.{row.id}.{c.id}"]) for c in row.columns]
    parts.append(spec.sections[3].heading)
    parts += [AppealGroup.REVIEW.label, LITIGATION_HEADING]
    parts += [r.label for r in AppealResult]
    parts += [
        AppealGroup.LITIGATION_DIRECT.label,
        AppealGroup.LITIGATION_AFTER_REVIEW.label,
    ]
    parts += [r.label for r in AppealResult] * 2
    parts += [_show(v) for v in report.appeals.values]
    narrative(4, report.problems)
    narrative(5, report.other_matters)
    parts += [report.metadata.agency, f"{report.metadata.year + 1}年1月20日"]
    line = "".join(parts)
    if chrome:
        line = (
            "当前位置： 首页政务公开年报 来源：某县人民政府 时间：2026-02-08 16:34 "
            "微信 微博 全真版 文字版 相关链接： --> " + line + " 附件下载"
        )
    header = f"标题: {report.metadata.title}\n发布时间: 2026-02-08 16:34\n文号: \n"
    return header + "==================== 正文 ====================\n" + line


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(consistent_reports(), st.booleans())
def test_flattened_report_reads_back_or_says_so(original: Report, chrome: bool) -> None:
    text = flatten(original, chrome)
    report = read_text(text)
    assert report.format_version is original.format_version
    assert report.requests.spec.layout is original.requests.spec.layout
    reported = {c for f in report.reading_findings for c in f.cells}
    for cell, value in original.cells().items():
        got = report[cell]
        if got is MISSING:
            assert cell in reported, cell
        else:
            assert got == value, (cell, got, value)


def test_flattened_example_reads_back() -> None:
    from govinfo_report import example_report

    original = example_report()
    report = read_text(flatten(original))
    reported = {c for f in report.reading_findings for c in f.cells}
    read_back = 0
    for cell, value in original.cells().items():
        got = report[cell]
        assert got == value or (got is MISSING and cell in reported), cell
        read_back += got == value
    assert read_back > len(original.cells()) // 2  # most figures come out


# ------------------------------------------------------------------ bounds


def _hostile(rows: int) -> str:
    labels = [r.label for r in format_spec().requests.rows]
    body = "".join(
        f"{labels[i % len(labels)]}{(str(i) * 21)[:20]}7" for i in range(rows)
    )
    return (
        "标题: 某局2025年政府信息公开工作年度报告\n"
        "一、总体情况本年度依申请公开工作。二、主动公开政府信息情况"
        "三、收到和处理政府信息公开申请情况"
        + body
        + "四、政府信息公开行政复议、行政诉讼情况"
        "五、存在的主要问题及改进情况无。六、其他需要报告的事项无。"
    )


@pytest.mark.parametrize("rows", [200, 800])
def test_long_runs_finish_within_the_limit_with_findings(rows: int) -> None:
    text = _hostile(rows)
    assert rows < 800 or len(text.encode()) > 30_000
    report = read_text(text, limits=Limits(max_seconds=2))
    ambiguous = [
        f for f in report.reading_findings if f.kind is FindingKind.AMBIGUOUS_CELLS
    ]
    assert ambiguous
    assert report["requests.received.natural_person"] is MISSING
