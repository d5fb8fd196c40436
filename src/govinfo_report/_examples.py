"""example_report(): a complete, consistent report of a fictional agency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from govinfo_report._build import from_cells
from govinfo_report._model import Narrative, Report, Subsection

__all__ = ["example_report"]

_AGENCY = "青禾市生态环境局"
"""Fictional: there is no city of 青禾. Written for this project."""

# Leaf figures only: every total and the carry-forward are derived.
_FIGURES: dict[str, int | Decimal] = {
    "active.normative_documents.issued": 4,
    "active.normative_documents.repealed": 1,
    "active.normative_documents.in_force": 23,
    "active.licensing.decisions": 1268,
    "active.penalty.decisions": 342,
    "active.coercion.decisions": 27,
    "active.fees.amount": Decimal("12.56"),
    "requests.received.natural_person": 46,
    "requests.received.commercial_enterprise": 7,
    "requests.received.research_institution": 1,
    "requests.received.legal_service_agency": 2,
    "requests.received.other_organization": 1,
    "requests.carried_over.natural_person": 3,
    "requests.carried_over.commercial_enterprise": 1,
    "requests.granted.natural_person": 18,
    "requests.granted.commercial_enterprise": 4,
    "requests.granted.research_institution": 1,
    "requests.granted.legal_service_agency": 1,
    "requests.partially_granted.natural_person": 5,
    "requests.partially_granted.commercial_enterprise": 1,
    "requests.withheld.prohibited_by_law.natural_person": 1,
    "requests.withheld.third_party_rights.natural_person": 2,
    "requests.withheld.third_party_rights.commercial_enterprise": 1,
    "requests.withheld.internal_affairs.natural_person": 1,
    "requests.withheld.process_information.natural_person": 2,
    "requests.withheld.enforcement_files.natural_person": 1,
    "requests.withheld.enforcement_files.legal_service_agency": 1,
    "requests.unavailable.not_held.natural_person": 9,
    "requests.unavailable.not_held.commercial_enterprise": 1,
    "requests.unavailable.not_held.other_organization": 1,
    "requests.unavailable.needs_creation.natural_person": 2,
    "requests.unavailable.unclear_after_correction.natural_person": 1,
    "requests.not_processed.petition_or_complaint.natural_person": 2,
    "requests.not_processed.duplicate.natural_person": 1,
    "requests.not_processed.confirmation.natural_person": 1,
    "requests.other.no_correction.natural_person": 1,
    "appeals.review.upheld": 3,
    "appeals.review.corrected": 1,
    "appeals.review.other": 1,
    "appeals.review.pending": 1,
    "appeals.litigation_direct.upheld": 1,
    "appeals.litigation_direct.other": 1,
    "appeals.litigation_direct.pending": 1,
    "appeals.litigation_after_review.upheld": 1,
    "appeals.litigation_after_review.pending": 1,
}

_PREFACE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）要求编制。报告中所列数据统计期限自2025年1月1日起至2025年12月31日止。"
    "如对本报告有疑问，请与青禾市生态环境局办公室联系。",
)

_OVERVIEW = Narrative(
    paragraphs=(
        "2025年，青禾市生态环境局深入贯彻《条例》，围绕生态环境保护中心工作，"
        "持续推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新进展。",
    ),
    subsections=(
        Subsection(
            title="主动公开",
            paragraphs=(
                "全年在市政府门户网站生态环境专栏主动公开政府信息1860条。"
                "制发行政规范性文件4件，废止1件，现行有效23件；"
                "公开行政许可决定1268件、行政处罚决定342件、行政强制决定27件，"
                "行政事业性收费12.56万元。",
            ),
        ),
        Subsection(
            title="依申请公开",
            paragraphs=(
                "全年新收政府信息公开申请57件，上年结转4件，办结58件，"
                "结转下年度继续办理3件，均在法定期限内答复。",
            ),
        ),
        Subsection(
            title="政府信息管理",
            paragraphs=(
                "严格落实公开前保密审查，动态调整主动公开基本目录，"
                "全年清理已失效规范性文件1件。",
            ),
        ),
        Subsection(
            title="政府信息公开平台建设",
            paragraphs=(
                "优化门户网站生态环境专栏，新增环境质量月报、建设项目环评审批栏目，"
                "政务新媒体发布信息420条。",
            ),
        ),
        Subsection(
            title="监督保障",
            paragraphs=(
                "将政务公开纳入年度绩效考核，开展政务公开业务培训2次，"
                "全年未发生因政府信息公开工作引发的责任追究情况。",
            ),
        ),
    ),
)

_PROBLEMS = Narrative(
    paragraphs=(
        "一是部分科室对政策解读的重视程度还不够，解读形式较为单一；"
        "二是依申请公开答复文书的规范化水平有待提高。",
        "改进措施：一是丰富图解、视频等解读形式，提升解读质量；"
        "二是制定答复文书范本，开展案例培训，提高答复规范化水平。",
    ),
)

_OTHER_MATTERS = Narrative(
    paragraphs=(
        "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，"
        "本年度未收取信息处理费。",
    ),
)


def example_report() -> Report:
    """A complete, fully consistent 2021-format report of a fictional agency.

    The agency (青禾市生态环境局, of a city that does not exist) and all its
    figures were written for this project. Every table has realistic non-zero
    figures, every total is derived, and the report validates clean. It is the
    report the command ``govinfo-report example`` writes.

    >>> report = example_report()
    >>> report.metadata.agency, report.metadata.year
    ('青禾市生态环境局', 2025)
    >>> report["requests.total.total"]
    58
    """
    return from_cells(_FIGURES, **_arguments())


def _arguments() -> dict[str, Any]:
    """The keyword arguments of `from_cells` for the example, besides its figures.

    Private: the benchmark builds the example from ``_FIGURES`` with these.
    """
    return {
        "agency": _AGENCY,
        "year": 2025,
        "date_of_issue": date(2026, 1, 20),
        "preface": _PREFACE,
        "overview": _OVERVIEW,
        "problems": _PROBLEMS,
        "other_matters": _OTHER_MATTERS,
    }
