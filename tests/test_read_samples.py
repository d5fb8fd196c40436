"""The four real published reports read back to exactly their published figures.

Expected values are written by hand from the files in ``tests/data/samples``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from govinfo_report import (
    MISSING,
    FindingKind,
    FormatVersion,
    Outcome,
    ReadError,
    Severity,
    read,
    read_pdf,
    read_text,
    validate,
)
from helpers import APPEAL_COLUMNS, APPEAL_GROUPS, REQUEST_COLUMNS


def _row(row_id: str, figures: tuple[object, ...]) -> dict[str, object]:
    assert len(figures) == 7
    return {
        f"requests.{row_id}.{a}": v
        for a, v in zip(REQUEST_COLUMNS, figures, strict=True)
    }


def _active(rules, normative, licensing, penalty, coercion, fees) -> dict[str, object]:
    return {
        "active.rules.issued": rules[0],
        "active.rules.repealed": rules[1],
        "active.rules.in_force": rules[2],
        "active.normative_documents.issued": normative[0],
        "active.normative_documents.repealed": normative[1],
        "active.normative_documents.in_force": normative[2],
        "active.licensing.decisions": licensing,
        "active.penalty.decisions": penalty,
        "active.coercion.decisions": coercion,
        "active.fees.amount": fees,
    }


def _appeals(figures: tuple[int, ...]) -> dict[str, object]:
    ids = [f"appeals.{g}.{c}" for g in APPEAL_GROUPS for c in APPEAL_COLUMNS]
    return dict(zip(ids, figures, strict=True))


def _read(samples: Path, name: str):
    return read(samples / name)


def test_bachu_figures_exactly(samples: Path) -> None:
    report = _read(samples, "bachu-police-2023.txt")
    expected = _active((0, 0, 0), (0, 0, 0), 49801, 229777, 8303, Decimal(0))
    zeros = (0,) * 7
    for outcome in Outcome:
        if outcome is not Outcome.OTHER:
            expected.update(_row(outcome.value, zeros))
    expected.update(_appeals((0,) * 15))
    assert dict(report.cells()) == expected


def test_bachu_metadata_narrative_and_clean(samples: Path) -> None:
    report = _read(samples, "bachu-police-2023.txt")
    assert report.metadata.agency == "巴楚县公安局"
    assert report.metadata.year == 2023
    assert report.metadata.date_of_issue == date(2024, 1, 16)
    assert report.metadata.format_version is FormatVersion.V2021
    assert not report.is_hybrid
    assert report.as_published
    assert report.reading_findings == ()
    assert validate(report) == []
    titles = [s.title for s in report.overview.subsections]
    assert titles == [
        "主动公开方面",
        "依申请公开情况",
        "政府信息管理情况",
        "平台建设情况",
        "监督保障情况",
    ]
    assert report.overview.paragraphs[0].startswith("2023年,巴楚县公安局严格按照")
    assert "28万余条" in report.overview.subsections[0].paragraphs[0]
    assert report.problems.paragraphs[0].startswith(
        "巴楚县公安局2023年度政府信息公开工作虽然"
    )
    assert len(report.problems.paragraphs) == 2
    # the signature, the date and "(此件公开发布)" are not part of section 六
    assert len(report.other_matters.paragraphs) == 1
    assert report.other_matters.paragraphs[0].endswith("本年度没有产生信息公开处理费。")


def test_zhanjiang_partial(samples: Path) -> None:
    report = _read(samples, "zhanjiang-gazetteer-office-2023.partial.txt")
    assert report.metadata.agency == "湛江市人民政府地方志办公室"
    assert report.metadata.year == 2023
    cells = report.cells()
    assert {k: v for k, v in cells.items() if k.startswith("active.")} == _active(
        (0, 0, 0), (0, 0, 0), 0, 0, 0, Decimal(0)
    )
    for row in ("received", "carried_over", "granted"):
        assert [cells[f"requests.{row}.{a}"] for a in REQUEST_COLUMNS] == [0] * 7
    read_ids = {
        f"requests.{r}.{a}"
        for r in ("received", "carried_over", "granted")
        for a in REQUEST_COLUMNS
    }
    rest = [
        k
        for k in cells
        if k.startswith(("requests.", "appeals.")) and k not in read_ids
    ]
    assert rest
    assert all(cells[k] is MISSING for k in rest)
    truncated = [f for f in report.reading_findings if f.kind is FindingKind.TRUNCATED]
    assert len(truncated) == 1
    assert "表三" in truncated[0].message
    assert "（二）部分公开" in truncated[0].message
    assert "requests.partially_granted.natural_person" in truncated[0].cells
    assert truncated[0].where == "第 26 行"
    assert [f.kind for f in report.reading_findings] == [FindingKind.TRUNCATED]


def test_changchun_partial_reads_the_table_not_the_narrative(samples: Path) -> None:
    report = _read(samples, "changchun-veterans-2023.partial.md")
    assert report.metadata.year == 2023
    cells = report.cells()
    assert [cells[f"requests.received.{a}"] for a in REQUEST_COLUMNS] == [
        3,
        0,
        0,
        0,
        0,
        0,
        3,
    ]
    assert [cells[f"requests.carried_over.{a}"] for a in REQUEST_COLUMNS] == [0] * 7
    assert cells["requests.granted.natural_person"] is MISSING
    assert cells["appeals.review.total"] is MISSING
    assert {k: v for k, v in cells.items() if k.startswith("active.")} == _active(
        (0, 0, 0), (0, 0, 0), 0, 0, 0, Decimal(0)
    )
    kinds = [f.kind for f in report.reading_findings]
    assert kinds.count(FindingKind.TRUNCATED) == 1
    truncated = next(
        f for f in report.reading_findings if f.kind is FindingKind.TRUNCATED
    )
    assert "表三" in truncated.message
    assert "二、上年结转政府信息公开申请数量" in truncated.message
    # the agency is named nowhere in this copy: said, not guessed
    assert report.metadata.agency == "（未识别的机关）"
    missing = [
        f for f in report.reading_findings if f.kind is FindingKind.MISSING_METADATA
    ]
    # nor is the year stated (no title, no period, no date): the year its
    # text mentions is read, and said to be a guess
    assert len(missing) == 2
    assert all(f.severity is Severity.WARNING for f in missing)
    year, agency = missing
    assert "没有写明报告年度" in year.message
    assert "2023 年" in year.message
    assert "发布机关" in agency.message
    assert "共受理政府信息公开申请2件" in report.overview.subsections[1].paragraphs[0]
    assert next(s.title for s in report.overview.subsections) == "主动公开信息情况"


def test_partial_copy_strict_raises(samples: Path) -> None:
    text = (samples / "zhanjiang-gazetteer-office-2023.partial.txt").read_text("utf-8")
    with pytest.raises(ReadError, match="中断"):
        read_text(text, strict=True)


def test_hongze_pdf_hybrid(samples: Path) -> None:
    report = read_pdf(samples / "hongze-district-2024.pdf")
    assert report.metadata.agency == "淮安市洪泽区人民政府"
    assert report.metadata.year == 2024
    assert report.title == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    assert report.is_hybrid
    expected = _active((0, 0, 0), (3, 0, 8), 9487, 2776, 84, Decimal(7545))
    natural = {
        "received": 95,
        "carried_over": 0,
        "granted": 50,
        "partially_granted": 9,
        "withheld.state_secret": 0,
        "withheld.prohibited_by_law": 0,
        "withheld.security_and_stability": 1,
        "withheld.third_party_rights": 0,
        "withheld.internal_affairs": 0,
        "withheld.process_information": 1,
        "withheld.enforcement_files": 1,
        "withheld.administrative_query": 0,
        "unavailable.not_held": 31,
        "unavailable.needs_creation": 1,
        "unavailable.unclear_after_correction": 0,
        "not_processed.petition_or_complaint": 1,
        "not_processed.duplicate": 0,
        "not_processed.publication": 0,
        "not_processed.excessive": 0,
        "not_processed.confirmation": 0,
        "other": 0,
        "total": 95,
        "carried_forward": 0,
    }
    for row, n in natural.items():
        expected.update(_row(row, (n, 0, 0, 0, 0, 0, n)))
    expected.update(_appeals((1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3)))
    assert dict(report.cells()) == expected
    assert report.reading_findings == ()
    assert validate(report) == []
    assert [s.title for s in report.overview.subsections][:2] == [
        "主动公开情况",
        "依申请公开情况",
    ]
    assert "信息处理费 0 元" in report.other_matters.text()
