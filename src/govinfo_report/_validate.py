"""validate(): every finding about one report, with last year's where given."""

from __future__ import annotations

from govinfo_report._findings import Finding
from govinfo_report._model import Report
from govinfo_report._rules import check_across_years


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
        findings.extend(carry_over(report, previous))
    return findings


def carry_over(report: Report, previous: Report) -> list[Finding]:
    """R5, per column of table 3: this year's carry-over against last year's carry-forward.

    This function owns R5. `validate` reports its findings as they are (kind
    ``RULE_BROKEN`` or ``NOT_ASSESSABLE``); ``compare_years`` calls it and
    reports a break as kind ``CROSS_YEAR`` among its other cross-year checks.
    Either layout of last year's table 3 (2019, 2021, hybrid) compares by
    column.
    """
    return check_across_years(
        report.requests.spec,
        report.requests.values,
        previous.requests.spec,
        previous.requests.values,
    )
