"""Findings: what a check or a reader has to say about one place in a report."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable

import attrs

from govinfo_report._values import CellValue, Number

__all__ = ["CheckResult", "CheckStatus", "Finding", "FindingKind", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """The report breaks the format (a sum that does not hold, a missing figure)."""
    WARNING = "warning"
    """Something to look at: likely wrong, or a check that could not be made."""


class FindingKind(enum.Enum):
    """What sort of finding this is."""

    RULE_BROKEN = "rule_broken"
    """A cross-check of the format does not hold."""
    NOT_ASSESSABLE = "not_assessable"
    """A cross-check could not be made because a cell holds no figure."""
    NOT_A_FIGURE = "not_a_figure"
    """A cell holds no figure (blank, ``/``) where the format asks for one (R4)."""
    # Reading problems (readers).
    UNREAD_LINE = "unread_line"
    """A line or cell of the input that no part of the format matched."""
    UNKNOWN_LABEL = "unknown_label"
    """A row or column label that is not in the format."""
    MISSING_ROW = "missing_row"
    """A row of the format that the input does not have."""
    MISSING_CELL = "missing_cell"
    """A figure the input's row does not have."""
    EXTRA_CELL = "extra_cell"
    """A figure beyond the row's columns."""
    AMBIGUOUS = "ambiguous"
    """Digits split into figures by the cross-checks, or that no split fits."""
    AMBIGUOUS_CELLS = "ambiguous_cells"
    """Digits run together that still cut into figures more than one way under
    every cross-check of the table: the cells are left unread, the message
    lists the candidate cuts."""
    CONVERTED_UNIT = "converted_unit"
    """A figure printed in another unit than its column's, converted exactly."""
    LABEL_VARIANT = "label_variant"
    """A label read as the format's although it carries more (a note, a typo, a mark)."""
    TRUNCATED = "truncated"
    """The input ends before the report does."""
    MISSING_SECTION = "missing_section"
    """A section of the format that the input does not have."""
    MISSING_METADATA = "missing_metadata"
    """A fact about the report (agency, date of issue…) that the input does not give."""
    REMOVED_CHARACTERS = "removed_characters"
    """Characters XML 1.0 cannot hold (controls, U+FFFE, lone surrogates), removed."""
    METADATA_MISMATCH = "metadata_mismatch"
    """The document states its year, agency or format otherwise than the caller's
    ``year=``/``agency=``/``format_version=``: the document's own value is kept."""
    # Analysis across reports and against the narrative.
    CROSS_YEAR = "cross_year"
    """A difference between a report and last year's."""
    CROSS_AGENCY = "cross_agency"
    """A difference between a consolidated report and its parts."""
    NARRATIVE_MISMATCH = "narrative_mismatch"
    """The narrative states a figure that the tables contradict."""
    # Metadata.
    FORMAT_MISMATCH = "format_mismatch"
    """The report's format version is not the one of its report year (``M1``)."""

    @property
    def label(self) -> str:
        """What sort of problem this is, in Chinese with the English name.

        Headings of errors that list findings use it, so a truncated copy is
        never announced as figures that do not add up.

        >>> FindingKind.TRUNCATED.label
        '读取不完整（truncated）'
        """
        return f"{_KIND_LABELS[self]}（{self.value.replace('_', ' ')}）"


_KIND_LABELS = {
    FindingKind.RULE_BROKEN: "报告数字不符合勾稽关系",
    FindingKind.NOT_ASSESSABLE: "无法核对",
    FindingKind.NOT_A_FIGURE: "应填数字处没有数字",
    FindingKind.UNREAD_LINE: "有未能识别的内容",
    FindingKind.UNKNOWN_LABEL: "有格式中没有的行列标签",
    FindingKind.MISSING_ROW: "缺少表格行",
    FindingKind.MISSING_CELL: "缺少数字",
    FindingKind.EXTRA_CELL: "有多余的数字",
    FindingKind.AMBIGUOUS: "数字有歧义",
    FindingKind.AMBIGUOUS_CELLS: "连写的数字拆分有歧义",
    FindingKind.CONVERTED_UNIT: "数字已换算单位",
    FindingKind.LABEL_VARIANT: "标签与格式写法不同",
    FindingKind.REMOVED_CHARACTERS: "删去了不能保存的字符",
    FindingKind.TRUNCATED: "读取不完整",
    FindingKind.MISSING_SECTION: "缺少报告的组成部分",
    FindingKind.MISSING_METADATA: "缺少报告信息",
    FindingKind.METADATA_MISMATCH: "报告信息与调用方所给不同",
    FindingKind.CROSS_YEAR: "与上年报告不符",
    FindingKind.CROSS_AGENCY: "与所属部门报告之和不符",
    FindingKind.NARRATIVE_MISMATCH: "正文与统计表不符",
    FindingKind.FORMAT_MISMATCH: "格式版本与报告年度不符",
}


def _id_tuple(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(cells)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a check or reader found, at one place of a report.

    Attributes:
        rule: the rule id (``R1``…``R6``, or a reader's or an analysis' id).
        kind: what sort of finding it is.
        severity: error or warning.
        cells: the cell ids involved, the one at fault first where one is.
        message: one line in Chinese naming table, row and column by their
            official labels, e.g. ``表三 （七）总计 / 自然人：公布值 5，应为 4（…）``.
        published: the published value the rule compares, if any.
        expected: the value the rule expects, if any.
        difference: ``published - expected`` where both are figures.
        where: the place in the input (line, page, table row) for reading
            findings; empty otherwise.
    """

    rule: str
    kind: FindingKind
    severity: Severity
    cells: tuple[str, ...] = attrs.field(converter=_id_tuple, default=())
    message: str
    published: CellValue | None = None
    expected: CellValue | None = None
    difference: Number | None = None
    where: str = ""

    @property
    def fingerprint(self) -> str:
        """A stable id for tracking the finding across runs and versions.

        It depends on what is wrong and where (rule, kind, cells, place in the
        input), not on the figures, so a finding keeps its id while the figures
        at fault change.
        """
        key = "|".join((self.rule, self.kind.value, ",".join(self.cells), self.where))
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def is_error(self) -> bool:
        """True when the severity is error."""
        return self.severity is Severity.ERROR


class CheckStatus(enum.Enum):
    """The outcome of checking one file."""

    CLEAN = "clean"
    """Read, and nothing found."""
    WARNING = "warning"
    """Read; warnings only."""
    ERROR = "error"
    """Read; at least one finding of error severity."""
    UNREADABLE = "unreadable"
    """Not read at all: ``code`` says why (`ERROR_CODES`)."""


def _findings_tuple(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


@attrs.frozen(kw_only=True)
class CheckResult:
    """What checking one file found: one line of ``govinfo-report check --json``.

    Attributes:
        file: the file, as given.
        status: clean, warning, error or unreadable (`CheckStatus`).
        findings: every finding about the report, errors and warnings in the
            order of the checks.
        agency: the agency of the report read; None when unreadable.
        year: its report year; None when unreadable.
        format_version: its format version (``"2019"``/``"2021"``), which
            chooses the labels of the cells; None when unreadable.
        code: why the file could not be read, a stable code of
            `govinfo_report.exceptions.ERROR_CODES` (``not_a_report``,
            ``damaged``, ``limit_exceeded``, ``unsupported``…) or, for the
            batch itself, ``out_of_memory``, ``worker_died``,
            ``internal_error``; None when read.
        error: the message of that error; None when read.
    """

    file: str
    status: CheckStatus
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)
    agency: str | None = None
    year: int | None = None
    format_version: str | None = None
    code: str | None = None
    error: str | None = None

    @classmethod
    def of(
        cls,
        file: str,
        findings: Iterable[Finding],
        *,
        agency: str,
        year: int,
        format_version: str,
    ) -> CheckResult:
        """The result of a file that was read: its status follows from its findings."""
        found = tuple(findings)
        status = (
            CheckStatus.ERROR
            if any(f.is_error for f in found)
            else (CheckStatus.WARNING if found else CheckStatus.CLEAN)
        )
        return cls(
            file=file,
            status=status,
            findings=found,
            agency=agency,
            year=year,
            format_version=format_version,
        )

    @classmethod
    def unreadable(cls, file: str, *, code: str, error: str) -> CheckResult:
        """The result of a file that could not be read."""
        return cls(file=file, status=CheckStatus.UNREADABLE, code=code, error=error)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors


def shortened(text: str, most: int) -> str:
    """``text`` for a message, cut short with ``…`` past ``most`` characters.

    Inputs are hostile: a message quotes a cell or a line, never megabytes of it.
    """
    return text if len(text) <= most else text[:most] + "…"
