"""check_publishable(): everything that stops one report from being published.

`validate` answers "do the figures hold together?" (the format's cross-checks,
and what a reader could not read). Publishing asks more: every section is
there (``S1``/``S2``), the narrative agrees with the tables (``N1``–``N4``,
warnings), and the report is in the format of its year (``M1``). This module
puts those together in one call, and gives every writer one function to call
(`ensure_publishable`) so that all of them refuse the same reports with the
same message.
"""

from __future__ import annotations

from decimal import Decimal

from govinfo_report._analysis import ANALYSIS_RULES, check_narrative, check_sections
from govinfo_report._findings import Finding
from govinfo_report._format import FormatVersion
from govinfo_report._model import Report
from govinfo_report._validate import validate
from govinfo_report.exceptions import UnpublishableReportError

__all__ = [
    "check_metadata",
    "check_publishable",
    "check_units",
    "ensure_publishable",
    "publish_findings",
]


_M1 = next(rule for rule in ANALYSIS_RULES if rule.id == "M1")
_M2 = next(rule for rule in ANALYSIS_RULES if rule.id == "M2")


def check_metadata(report: Report) -> list[Finding]:
    """``M1``: the report follows the format of its report year.

    Report years 2019 and 2020 use the 2019 trial format (国办公开办函〔2019〕60号),
    report years from 2021 the 2021 format (国办公开办函〔2021〕30号); a report of
    another year, or in the other format, is an error. (A 2021-format report
    whose table 3 keeps the 2019 layout is a 2021-format report: the hybrid
    the spec describes.)

    >>> from govinfo_report import example_report
    >>> check_metadata(example_report())
    []
    """
    meta = report.metadata
    wanted = FormatVersion.for_year(meta.year)
    if wanted is meta.format_version:
        return []
    rule = _M1
    if wanted is None:
        what = f"报告年度 {meta.year} 早于 2019 年，本库的两版格式都不适用"
    else:
        what = (
            f"报告年度 {meta.year} 应使用 {wanted.value} 版格式（{wanted.notice}），"
            f"报告为 {meta.format_version.value} 版格式"
        )
    return [
        Finding(
            rule=rule.id,
            kind=rule.kind,
            severity=rule.severity,
            message=what,
            where="metadata.format_version",
        )
    ]


def check_units(report: Report) -> list[Finding]:
    """``M2`` (warning): an amount the format gives no unit says its unit.

    2019 表二's ``采购总金额`` may be in 元 or 万元: a report that prints a
    non-zero amount there and does not say which (``amount_unit`` is None)
    cannot be read right by anyone who adds it up.

    >>> from govinfo_report import example_report
    >>> check_units(example_report())
    []
    """
    findings = []
    for table in report.tables:
        if not table.spec.published_unit or table.amount_unit is not None:
            continue
        for cell, value in table:
            if cell.column.published_unit and isinstance(value, Decimal) and value:
                findings.append(
                    Finding(
                        rule=_M2.id,
                        kind=_M2.kind,
                        severity=_M2.severity,
                        cells=[cell.id],
                        published=value,
                        message=(
                            f"{cell.place}：{value} 未注明单位（元或万元），"
                            "请在表头注明（amount_unit）"
                        ),
                    )
                )
    return findings


def publish_findings(report: Report, *, text: bool = True) -> list[Finding]:
    """`check_publishable`, optionally without the checks of the text.

    ``text=False`` leaves out ``S1`` and ``N1``–``N4``: for a report read from
    CSV, which carries the figures and not the narrative.
    """
    findings = validate(report)
    findings.extend(check_metadata(report))
    findings.extend(check_units(report))
    if text:
        findings.extend(check_narrative(report))
    else:
        findings.extend(f for f in check_sections(report) if f.rule != "S1")
    return findings


def check_publishable(report: Report) -> list[Finding]:
    """Every finding that bears on publishing ``report``; no error means it can be published.

    In this order: what the reader could not read (truncation, missing
    cells…, if the report was read from a published copy), the in-table
    cross-checks R1–R4 and R6 (`validate`), the format version against the
    report year (``M1``), the unit of an amount the format leaves open
    (``M2``, a warning), every section present (``S1``, ``S2``) and the
    narrative against the tables (``N1``–``N4``, warnings). Findings of error
    severity stop publishing: `write_docx` refuses the report unless given
    ``allow_findings=True``. Warnings are worth a look but do not stop it.

    R5 (last year's closing figures carried over) needs last year's report
    and is not part of it: use `compare_years` or ``validate(report,
    previous=...)``.

    >>> from govinfo_report import example_report
    >>> check_publishable(example_report())
    []
    """
    return publish_findings(report)


def ensure_publishable(report: Report, *, allow_findings: bool = False) -> None:
    """Raise `UnpublishableReportError` unless ``report`` can be published.

    The one call every writer makes before writing: it does nothing when
    ``allow_findings`` is true (the report is published as it is) or when
    `check_publishable` finds no error.

    Raises:
        UnpublishableReportError: the errors, headed by their kinds.
    """
    if allow_findings:
        return
    errors = [f for f in check_publishable(report) if f.is_error]
    if errors:
        raise UnpublishableReportError(errors)
