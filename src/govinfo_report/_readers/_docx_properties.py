"""A Word file's core properties checked against what the document shows.

Word keeps a title, a subject and a creation date in the file
(``docProps/core.xml``), often left over from last year's file or from a
template. They never decide the report's year or agency: the visible title
and text do, and a property that names another year or agency is a finding
(`checked_properties`).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import REPORT_TITLE_SUFFIX
from govinfo_report._model import Report
from govinfo_report._readers._cells import reading_finding

PROPERTY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
"""A year as titles print it (``2025年``)."""


def checked_properties(report: Report, core: Any) -> Report:
    """``report`` with a finding for every document property that disagrees
    with what the document shows.

    Word keeps a title, a subject and a creation date in the file's core
    properties, often left over from last year's file or a template. The
    visible title (and the text) wins; a property naming another year or
    agency is a finding naming both, and so is a creation date before the
    report year (a file made before its year cannot report on it), unless it
    is the date of issue the document prints (`write_docx` stamps that).
    """
    meta = report.metadata
    findings: list[Finding] = []

    def mismatch(what: str, printed: str, shown: str) -> None:
        findings.append(
            reading_finding(
                FindingKind.METADATA_MISMATCH,
                "文档属性",
                f"文档属性的{what}为“{shortened(printed, 60)}”，与文档可见的{shown}不符，"
                f"以文档可见的内容为准",
                severity=Severity.WARNING,
            )
        )

    for what, value in (
        ("标题（title）", core.title),
        ("主题（subject）", core.subject),
    ):
        text = (value or "").strip()
        if not text:
            continue
        year = PROPERTY_YEAR.search(text)
        if year is not None and int(year.group(1)) != meta.year:
            mismatch(what, text, f"年度“{meta.year}年”")
            continue
        if year is not None and text.endswith(REPORT_TITLE_SUFFIX):
            agency = text[: year.start()].strip()
            if agency and agency != meta.agency:
                mismatch(what, text, f"发布机关“{meta.agency}”")
    created = core.created
    if (
        created is not None
        and created.year < meta.year
        and created.date() != meta.date_of_issue  # stamped with the issue date
    ):
        mismatch(
            "创建时间（created）",
            created.date().isoformat(),
            f"报告年度“{meta.year}年”（文件创建于报告年度之前）",
        )
    if not findings:
        return report
    everything = report.reading_findings + tuple(findings)
    return attrs.evolve(report, reading_findings=everything)  # type: ignore[arg-type]
