"""What the caller knows about a document: ``year=``, ``agency=``, ``format_version=``.

A scraper or a listing page often knows the year and the agency of a report
whose text never states them (an excerpt, a page without its title). Every
reader takes them as hints: a hint is used where the document does not say,
and checked where it does; a disagreement is a `FindingKind.METADATA_MISMATCH`
finding naming both values, and the document's own value is kept.
"""

from __future__ import annotations

import attrs

from govinfo_report._findings import Finding, FindingKind
from govinfo_report._format import FormatVersion
from govinfo_report._labels import normalize_label
from govinfo_report._model import Report
from govinfo_report._readers._cells import reading_finding
from govinfo_report.exceptions import InvalidReportError

_YEARS = range(2008, 2101)
"""Report years a hint may give (the regulations took effect in 2008)."""


@attrs.frozen
class Hints:
    """The caller's hints, checked (see `hints`)."""

    year: int | None = None
    agency: str | None = None
    format_version: FormatVersion | None = None


def hints(
    year: object = None, agency: object = None, format_version: object = None
) -> Hints:
    """The hints as given to a reader, checked.

    Raises:
        InvalidReportError: a hint of the wrong type or out of range.

    >>> hints(year=2021, format_version="2019")
    Hints(year=2021, agency=None, format_version=<FormatVersion.V2019: '2019'>)
    >>> hints(year="2021")
    Traceback (most recent call last):
    ...
    govinfo_report.exceptions.InvalidReportError: year= 应为整数年份（如 2021），不是 '2021' (str)
    """
    if year is not None:
        if type(year) is not int:
            raise InvalidReportError(
                f"year= 应为整数年份（如 2021），不是 {year!r} ({type(year).__name__})"
            )
        if year not in _YEARS:
            raise InvalidReportError(
                f"year= 应在 {_YEARS.start}–{_YEARS.stop - 1} 之间，不是 {year}"
            )
    if agency is not None:
        if not isinstance(agency, str) or not agency.strip():
            raise InvalidReportError(f"agency= 应为非空的机关名称，不是 {agency!r}")
        agency = agency.strip()
    version: FormatVersion | None = None
    if format_version is not None:
        try:
            version = FormatVersion(
                format_version.value
                if isinstance(format_version, FormatVersion)
                else format_version
            )
        except ValueError:
            choices = "、".join(v.value for v in FormatVersion)
            raise InvalidReportError(
                f"format_version= 应为 {choices} 之一，不是 {format_version!r}"
            ) from None
    return Hints(year=year, agency=agency, format_version=version)


def mismatch(what: str, stated: object, given: str, hint: object) -> Finding:
    """The finding for a document that states ``what`` otherwise than the caller."""
    return reading_finding(
        FindingKind.METADATA_MISMATCH,
        "",
        f"文件写明的{what}为“{stated}”，与调用方给出的 {given}={hint!r} 不同，"
        "按文件所写读取",
    )


def same_agency(stated: str, hint: str) -> bool:
    """True when two agency names are the same once printed alike."""
    return normalize_label(stated) == normalize_label(hint)


def check_report(report: Report, given: Hints) -> Report:
    """A report read from a form that always states its metadata, checked against hints.

    For JSON and CSV documents and the library's own Word files: every value
    is the document's; each disagreement with a hint is added as a finding.
    """
    found: list[Finding] = []
    meta = report.metadata
    if given.year is not None and meta.year != given.year:
        found.append(mismatch("报告年度", meta.year, "year", given.year))
    if given.agency is not None and not same_agency(meta.agency, given.agency):
        found.append(mismatch("发布机关", meta.agency, "agency", given.agency))
    version = given.format_version
    if version is not None and meta.format_version is not version:
        found.append(
            mismatch(
                "格式版本", meta.format_version.value, "format_version", version.value
            )
        )
    if not found:
        return report
    findings: tuple[Finding, ...] = (*report.reading_findings, *found)
    return attrs.evolve(report, reading_findings=findings)  # type: ignore[arg-type]
