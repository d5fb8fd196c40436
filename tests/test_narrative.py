"""Narrative against tables (N1–N4), section checks (S1, S2) and the information-processing fee."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import FindingKind, SectionId, Severity

# ------------------------------------------------------------ samples, by hand


def _sections(path: Path) -> dict[SectionId, gr.Narrative]:
    """The narrative sections of a sample, split at the official headings.

    Only the headings are matched (after NFKC, so half-width punctuation
    matches); every other line under a narrative heading is one paragraph.
    Table lines (sections 二–四) are skipped: their figures are typed in by hand.
    """
    spec = gr.format_spec()
    headings = {unicodedata.normalize("NFKC", s.heading): s.id for s in spec.sections}
    paragraphs: dict[SectionId, list[str]] = {}
    current: SectionId | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        key = unicodedata.normalize("NFKC", line.strip())
        if key in headings:
            current = headings[key]
            continue
        narrative = (SectionId.OVERVIEW, SectionId.PROBLEMS, SectionId.OTHER_MATTERS)
        if current in narrative and line.strip():
            paragraphs.setdefault(current, []).append(line.strip())
    return {k: gr.Narrative(paragraphs=tuple(v)) for k, v in paragraphs.items()}


def _changchun(samples: Path) -> gr.Report:
    """长春市退役军人事务局 2023, figures typed from the file (the copy ends in table 3)."""
    cells: dict[str, object] = {}
    for cell in gr.format_spec().active.cells:
        cells[cell.id] = Decimal(0) if cell.kind is gr.CellKind.AMOUNT else 0
    for applicant in gr.Applicant:
        cells[f"requests.received.{applicant.value}"] = 0
        cells[f"requests.carried_over.{applicant.value}"] = 0
    cells["requests.received.natural_person"] = 3
    cells["requests.received.total"] = 3
    narrative = _sections(samples / "changchun-veterans-2023.partial.md")
    return gr.from_cells(
        cells,
        agency="长春市退役军人事务局",
        year=2023,
        overview=narrative[SectionId.OVERVIEW],
        as_published=True,
    )


def _bachu(samples: Path) -> gr.Report:
    """巴楚县公安局 2023: table 2 typed from the file; tables 3 and 4 are all 0."""
    narrative = _sections(samples / "bachu-police-2023.txt")
    return gr.from_cells(
        {
            "active.licensing.decisions": 49801,
            "active.penalty.decisions": 229777,
            "active.coercion.decisions": 8303,
        },
        agency="巴楚县公安局",
        year=2023,
        overview=narrative[SectionId.OVERVIEW],
        problems=narrative[SectionId.PROBLEMS],
        other_matters=narrative[SectionId.OTHER_MATTERS],
    )


def test_changchun_two_requests_in_text_three_in_table(samples: Path) -> None:
    report = _changchun(samples)
    findings = [f for f in gr.check_narrative(report) if f.rule == "N1"]
    assert len(findings) == 1
    (finding,) = findings
    assert finding.kind is FindingKind.NARRATIVE_MISMATCH
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("requests.received.total",)
    assert (finding.published, finding.expected, finding.difference) == (2, 3, -1)
    assert "共受理政府信息公开申请2件" in finding.message
    assert gr.Outcome.RECEIVED.label in finding.message
    assert finding.where.startswith(
        gr.format_spec().section(SectionId.OVERVIEW).heading
    )


def test_changchun_truncated_copy_lacks_sections(samples: Path) -> None:
    findings = gr.check_sections(_changchun(samples))
    assert [(f.rule, f.kind) for f in findings] == [
        ("S2", FindingKind.MISSING_SECTION),
        ("S1", FindingKind.MISSING_SECTION),
        ("S1", FindingKind.MISSING_SECTION),
    ]
    spec = gr.format_spec()
    assert [f.where for f in findings] == [
        spec.section(SectionId.APPEALS).heading,
        spec.section(SectionId.PROBLEMS).heading,
        spec.section(SectionId.OTHER_MATTERS).heading,
    ]


def test_bachu_approximate_decisions_not_flagged(samples: Path) -> None:
    report = _bachu(samples)
    figures = gr.narrative_figures(report)
    decisions = [f for f in figures if f.rule == "N3"]
    assert len(decisions) == 1
    assert decisions[0].amount.low == 280_000
    assert decisions[0].amount.high == 290_000
    assert gr.check_narrative(report) == []
    # ... but it is a check that can fail: 49801 fewer decisions and it is found.
    fewer = report.with_cells({"active.licensing.decisions": 0})
    (finding,) = gr.check_narrative(fewer)
    assert finding.rule == "N3"
    assert "28万余条" in finding.message


def test_bachu_fee_none_charged(samples: Path) -> None:
    assert gr.information_processing_fee(_bachu(samples)) == Decimal(0)


def test_through_the_text_reader(samples: Path) -> None:
    changchun = gr.read_text(
        (samples / "changchun-veterans-2023.partial.md").read_text(encoding="utf-8")
    )
    assert [f.published for f in gr.check_narrative(changchun) if f.rule == "N1"] == [2]
    bachu = gr.read_text(
        (samples / "bachu-police-2023.txt").read_text(encoding="utf-8")
    )
    assert [f for f in gr.check_narrative(bachu) if f.rule.startswith("N")] == []


# ------------------------------------------------------------ statements, by hand


def _report(
    text: str, section: SectionId = SectionId.OVERVIEW, **cells: object
) -> gr.Report:
    """A consistent report whose one narrative paragraph is ``text``."""
    figures = {key.replace("__", "."): value for key, value in cells.items()}
    return gr.from_cells(
        figures,
        agency="某局",
        year=2023,
        **{section.value: gr.Narrative(paragraphs=(text,))},  # type: ignore[arg-type]
    )


def _rules(report: gr.Report) -> list[str]:
    return [f.rule for f in gr.check_narrative(report) if f.rule.startswith("N")]


RECEIVED_5 = {
    "requests__received__natural_person": 5,
    "requests__granted__natural_person": 4,
}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("本年度共受理政府信息公开申请5件。", False),
        ("本年度共受理政府信息公开申请2件。", True),
        ("全年新收政府信息公开申请 ５ 件，均按时答复。", False),
        ("全年收到政府信息公开申请共计7件。", True),
        ("全年未收到政府信息公开申请。", True),
        ("受理政府信息公开申请五件。", False),
        ("受理政府信息公开申请两件。", True),
        ("上年结转0件，结转下年度继续办理1件。", False),
        ("全年新收政府信息公开申请5件，上年结转2件。", True),
        ("新收政府信息公开申请5件，结转下年度继续办理3件。", True),
        ("上年结转2件。", False),  # no word of applications in the sentence
        ("全年办结政府信息公开申请4件，其中予以公开4件。", False),
        ("全年共受理申请5件，办结6件。", True),
        ("共受理政府信息公开申请5件，其中予以公开3件。", True),
        ("对申请部分予以公开1件。", False),  # 部分予以公开 is not 予以公开
        # parts of the total, other years, other things: never read
        ("其中网上受理政府信息公开申请2件，信函受理3件。", False),
        ("2022年受理政府信息公开申请9件。", False),
        ("共受理政府信息公开申请5件，较上年增加2件。", False),
        ("同比增长受理政府信息公开申请2件。", False),
        ("全年未收到行政许可申请。", False),
        ("政务新媒体发布信息420条。", False),
        ("受理涉及征收的政府信息公开申请1件。", False),
    ],
)
def test_requests_statements(text: str, flagged: bool) -> None:
    report = _report(text, **RECEIVED_5)
    assert (_rules(report) == ["N1"]) is flagged, gr.check_narrative(report)


APPEALS = {
    "appeals__review__upheld": 72,
    "appeals__review__corrected": 9,
    "appeals__review__other": 270,
    "appeals__litigation_direct__upheld": 1,
    "appeals__litigation_after_review__pending": 2,
}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("发生政府信息公开行政复议 351 件，其中结果维持 72 件。", False),
        ("发生政府信息公开行政复议 351 件，其中结果维持 70 件。", True),
        ("政府信息公开行政复议350件。", True),
        ("政府信息公开行政复议351件，被纠错9件，行政诉讼3件。", False),
        ("政府信息公开引发行政诉讼2件，其中尚未审结2件。", False),
        ("政府信息公开引发行政诉讼1件。", False),  # one of the two groups
        ("政府信息公开引发行政诉讼5件。", True),
        ("未发生因政府信息公开引起的行政复议、行政诉讼案件。", True),
        ("政府信息公开行政复议和行政诉讼共354件。", False),  # a sum of both: not read
        # no word of disclosure: a 司法局 reports the reviews it decides for others
        ("全年办理行政复议案件12件。", False),
        ("未发生行政复议被纠错情况。", False),
    ],
)
def test_appeals_statements(text: str, flagged: bool) -> None:
    report = _report(text, **APPEALS)
    assert (_rules(report) == ["N2"] * len(_rules(report)) != []) is flagged


def test_no_appeals_statement_holds_when_table_is_zero() -> None:
    report = _report("全年未发生因政府信息公开引起的行政复议、行政诉讼。")
    figures = gr.narrative_figures(report)
    assert [f.quantity for f in figures] == [
        "appeals.review.total",
        "appeals.litigation.total",
    ]
    assert _rules(report) == []


DECISIONS = {
    "active__licensing__decisions": 1268,
    "active__penalty__decisions": 342,
    "active__coercion__decisions": 27,
}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("公开行政许可决定1268件、行政处罚决定342件、行政强制决定27件。", False),
        ("公开行政许可决定1200件。", True),
        ("作出行政处罚、行政强制决定369件。", False),
        ("作出行政许可、行政处罚等决定1610件。", False),  # 等: up to all three
        ("作出行政许可、行政处罚等决定1700件。", True),
        ("处理行政许可、行政处罚、行政强制等决定数量1600余条。", False),
        ("处理行政许可、行政处罚、行政强制等决定数量近2000条。", False),
        ("处理行政许可、行政处罚、行政强制等决定数量约800条。", True),
        ("处理各类决定超过1000件。", False),  # no row named
        ("公开行政许可、行政审批、行政收费事项6项。", False),
    ],
)
def test_decision_statements(text: str, flagged: bool) -> None:
    report = _report(text, **DECISIONS)
    assert (_rules(report) != []) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("制发行政规范性文件4件，废止1件，现行有效23件。", False),
        ("制发行政规范性文件4件，废止2件。", True),
        ("现行有效规范性文件20件。", True),
        ("制定规章制度5项。", False),
        ("全年清理已失效规范性文件1件。", False),
    ],
)
def test_document_statements(text: str, flagged: bool) -> None:
    report = _report(
        text,
        active__normative_documents__issued=4,
        active__normative_documents__repealed=1,
        active__normative_documents__in_force=23,
    )
    assert (_rules(report) == ["N4"]) is flagged


def test_blank_cell_is_not_compared() -> None:
    report = attrs.evolve(
        _report("本年度共受理政府信息公开申请2件。", **RECEIVED_5), as_published=True
    )
    blank = report.with_cells(
        {"requests.received.total": gr.BLANK}, derive_totals=False
    )
    assert _rules(blank) == []


def test_other_sections_read_too() -> None:
    report = _report(
        "本年度共受理政府信息公开申请2件。", SectionId.OTHER_MATTERS, **RECEIVED_5
    )
    (finding,) = [f for f in gr.check_narrative(report) if f.rule == "N1"]
    assert gr.format_spec().section(SectionId.OTHER_MATTERS).heading in finding.message


def test_example_report_text_agrees_with_tables() -> None:
    report = gr.example_report()
    assert gr.check_narrative(report) == []
    assert len(gr.narrative_figures(report)) >= 10
    changed = report.with_cells({"requests.received.commercial_enterprise": 8})
    assert [f.cells for f in gr.check_narrative(changed)] == [
        ("requests.received.total",),
        ("requests.carried_forward.total",),
    ]


# -------------------------------------------------------------------- sections


def test_sections_present() -> None:
    report = gr.example_report()
    assert gr.check_sections(report) == []
    empty = attrs.evolve(
        report,
        problems=gr.Narrative(),
        other_matters=gr.Narrative(paragraphs=("无。",)),
    )
    (finding,) = gr.check_sections(empty)
    assert (finding.rule, finding.kind, finding.severity) == (
        "S1",
        FindingKind.MISSING_SECTION,
        Severity.ERROR,
    )
    assert finding.where == gr.format_spec().section(SectionId.PROBLEMS).heading


def test_section_check_uses_2019_heading() -> None:
    report = gr.from_cells(
        {}, agency="某局", year=2020, format_version=gr.FormatVersion.V2019
    )
    headings = [f.where for f in gr.check_sections(report)]
    assert (
        gr.format_spec(gr.FormatVersion.V2019).section(SectionId.PROBLEMS).heading
        in headings
    )
    assert len(headings) == 3


# ------------------------------------------------------------------------- fee


@pytest.mark.parametrize(
    ("text", "fee"),
    [
        ("本年度全年收取政府信息公开信息处理费 3940 元。", Decimal(3940)),
        (
            "按照国办函〔2020〕109号规定，收取信息处理费共计120.50元。",
            Decimal("120.50"),
        ),
        ("收取信息处理费0.2万元。", Decimal(2000)),
        ("本年度没有收取信息处理费。", Decimal(0)),
        ("本年度未收取政府信息公开信息处理费。", Decimal(0)),
        ("本年度没有产生信息公开处理费。", Decimal(0)),
        ("无。", None),
        ("本年度行政事业性收费12.56万元。", None),  # not the processing fee
    ],
)
def test_information_processing_fee(text: str, fee: Decimal | None) -> None:
    report = _report(
        text, SectionId.OTHER_MATTERS, active__fees__amount=Decimal("12.56")
    )
    assert gr.information_processing_fee(report) == fee


def test_fee_only_read_in_section_six() -> None:
    report = _report("全年收取信息处理费 3940 元。", SectionId.OVERVIEW)
    assert gr.information_processing_fee(report) is None


def test_fee_never_compared_with_table_two() -> None:
    report = _report(
        "收取信息处理费 3940 元。",
        SectionId.OTHER_MATTERS,
        active__fees__amount=Decimal("0.01"),
    )
    assert gr.information_processing_fee(report) == Decimal(3940)
    assert _rules(report) == []
