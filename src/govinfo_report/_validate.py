"""validate(): every finding about one report, with last year's where given."""

from __future__ import annotations

from govinfo_report._findings import Finding
from govinfo_report._model import Report
from govinfo_report._rules import check_across_years

__all__ = ["validate"]


def validate(report: Report, *, previous: Report | None = None) -> list[Finding]:
    """Check a report against every cross-check of its format.

    Returns, in this order: what the reader could not read (if the report was
    read from a published copy), the in-table rules R1–R4 and R6, and — when
    ``previous`` (last year's report of the same agency) is given — R5. An empty
    list means the report is consistent.

    A check that cannot be made because a cell holds no figure is reported as a
    finding of kind ``NOT_ASSESSABLE``, never silently passed.

    >>> from govinfo_report import example_report
    >>> validate(example_report())
    []
    """
    findings = list(report.reading_findings)
    findings.extend(report.table_findings)
    if previous is not None:
        findings.extend(
            check_across_years(
                report.requests.spec,
                report.requests.values,
                previous.requests.spec,
                previous.requests.values,
            )
        )
    return findings
