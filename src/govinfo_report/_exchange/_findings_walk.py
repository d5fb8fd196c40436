"""The strict walk of the findings documents: every problem, with its JSON path.

Like the report document's reader: unknown keys, missing keys and values of
the wrong type are each listed with their path (`ExchangeFormatError`); the
derived keys a writer adds (labels, fingerprint, counts) are checked for their
type and then ignored, since they are worked out again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

from govinfo_report._exchange._decode import Number as JsonNumber
from govinfo_report._exchange._document import (
    MARK_TEXT,
    MAX_AMOUNT_CHARS,
    MAX_COUNT,
    Problems,
)
from govinfo_report._findings import (
    CheckResult,
    CheckStatus,
    Finding,
    FindingKind,
    Severity,
)
from govinfo_report._format import FormatVersion
from govinfo_report._values import CellValue, Mark, Number
from govinfo_report.exceptions import ERROR_CODES, ExchangeFormatError

__all__ = [
    "BATCH_CODES",
    "DECIMAL",
    "DERIVED_RESULT_KEYS",
    "FINDINGS_SCHEMA_VERSION",
    "FINDING_KEYS",
    "RESULT_KEYS",
    "structure_finding",
    "structure_findings",
    "structure_result",
]

FINDINGS_SCHEMA_VERSION: Final = 1
"""The version of the findings documents (``schema_version``)."""

BATCH_CODES: Final = {
    "out_of_memory": "读取时内存不足 (out of memory)",
    "worker_died": "读取这个文件的进程意外退出 (the worker process died)",
    "internal_error": "读取时出现意外的错误 (an unexpected error)",
}
"""Codes a batch check gives an unreadable file besides the errors' own codes."""

DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_MAX_FINDINGS: Final = 100_000
"""A findings document with more findings than this is refused."""

FINDING_KEYS: Final = (
    "rule",
    "kind",
    "severity",
    "message",
    "cells",
    "table",
    "row",
    "column",
    "published",
    "expected",
    "difference",
    "where",
    "fingerprint",
)
DERIVED_FINDING_KEYS: Final = frozenset(("table", "row", "column", "fingerprint"))
OPTIONAL_FINDING_KEYS: Final = frozenset(("published", "expected", "difference"))
RESULT_KEYS: Final = (
    "schema_version",
    "file",
    "status",
    "agency",
    "year",
    "format_version",
    "code",
    "error",
    "errors",
    "warnings",
    "findings",
)
DERIVED_RESULT_KEYS: Final = frozenset(("errors", "warnings"))


class _Walk:
    """The strict walk of a findings document: every problem, with its JSON path."""

    def __init__(self) -> None:
        self.problems = Problems()

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def mapping(
        self,
        value: object,
        path: str,
        keys: Iterable[str],
        *,
        optional: frozenset[str] = frozenset(),
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"应为对象（object），实为 {_kind(value)}")
            return None
        known = tuple(keys)
        for key in getattr(value, "duplicates", ()):
            self.problem(f"{path}.{key}", "键重复（duplicate key）")
        for key in value:
            if key not in known:
                name = key if len(key) <= 60 else _shown(key)
                self.problem(f"{path}.{name}", "不认识的键（unknown key）")
        for key in known:
            if key not in value and key not in optional:
                self.problem(f"{path}.{key}", "缺少此键（missing key）")
        return value

    def text(self, value: object, path: str, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            wanted = "字符串或 null" if nullable else "字符串（string）"
            self.problem(path, f"应为{wanted}，实为 {_kind(value)}")
            return None
        return value

    def enum(self, value: object, path: str, cls: Any) -> Any:
        names = [m.value for m in cls]
        if isinstance(value, str) and value in names:
            return cls(value)
        self.problem(
            path, f"应为 {' / '.join(map(repr, names))} 之一，实为 {_shown(value)}"
        )
        return None

    def figure(self, value: object, path: str) -> CellValue | Number | None:
        if value is None:
            return Mark.MISSING
        if type(value) is int:
            if -MAX_COUNT <= value <= MAX_COUNT:
                return value
        elif isinstance(value, str):
            for mark, text in MARK_TEXT.items():
                if value == text:
                    return mark
            if len(value) <= MAX_AMOUNT_CHARS and DECIMAL.match(value):
                return Decimal(value)
        self.problem(
            path,
            '应为整数、十进制数字符串（如 "12.50"）、""（空白）、"/"（不适用）或 null（缺失），'
            f"实为 {_shown(value)}",
        )
        return None

    def finding(self, value: object, path: str) -> Finding | None:
        doc = self.mapping(
            value,
            path,
            FINDING_KEYS,
            optional=OPTIONAL_FINDING_KEYS | DERIVED_FINDING_KEYS,
        )
        if doc is None:
            return None
        before = len(self.problems)
        rule = self.text(doc.get("rule"), f"{path}.rule")
        kind = self.enum(doc.get("kind"), f"{path}.kind", FindingKind)
        severity = self.enum(doc.get("severity"), f"{path}.severity", Severity)
        message = self.text(doc.get("message"), f"{path}.message")
        where = self.text(doc.get("where"), f"{path}.where")
        cells = doc.get("cells")
        if not isinstance(cells, list) or not all(isinstance(c, str) for c in cells):
            self.problem(
                f"{path}.cells",
                f"应为字符串的数组（array of strings），实为 {_kind(cells)}",
            )
        figures: dict[str, Any] = {}
        for key in ("published", "expected", "difference"):
            if key in doc:
                figure = self.figure(doc[key], f"{path}.{key}")
                if key == "difference" and isinstance(figure, Mark):
                    self.problem(f"{path}.{key}", "差额应为数字（a number），不是标记")
                figures[key] = figure
        for key in ("table", "row", "column"):
            if key in doc:
                self.text(doc[key], f"{path}.{key}", nullable=True)
        if "fingerprint" in doc:
            self.text(doc["fingerprint"], f"{path}.fingerprint")
        if len(self.problems) != before:
            return None
        return Finding(
            rule=rule,  # type: ignore[arg-type]
            kind=kind,
            severity=severity,
            cells=cells,  # type: ignore[arg-type]
            message=message,  # type: ignore[arg-type]
            where=where,  # type: ignore[arg-type]
            **figures,
        )

    def findings(self, value: object, path: str) -> list[Finding]:
        if not isinstance(value, list):
            self.problem(path, f"应为数组（array），实为 {_kind(value)}")
            return []
        if len(value) > _MAX_FINDINGS:
            self.problem(path, f"问题多于 {_MAX_FINDINGS} 条（too many findings）")
            return []
        out = []
        for index, item in enumerate(value):
            if self.problems.full:
                break
            finding = self.finding(item, f"{path}[{index}]")
            if finding is not None:
                out.append(finding)
        return out

    def version(self, doc: dict[str, Any]) -> None:
        version = doc.get("schema_version")
        if "schema_version" in doc and not (
            type(version) is int and version == FINDINGS_SCHEMA_VERSION
        ):
            self.problem(
                "$.schema_version",
                f"应为 {FINDINGS_SCHEMA_VERSION}，实为 {_shown(version)}",
            )

    def result(self, value: object) -> CheckResult | None:
        doc = self.mapping(value, "$", RESULT_KEYS, optional=DERIVED_RESULT_KEYS)
        if doc is None:
            return None
        self.version(doc)
        file = self.text(doc.get("file"), "$.file")
        status = self.enum(doc.get("status"), "$.status", CheckStatus)
        agency = self.text(doc.get("agency"), "$.agency", nullable=True)
        year = doc.get("year")
        if year is not None and type(year) is not int:
            self.problem("$.year", f"应为整数或 null，实为 {_shown(year)}")
        version = doc.get("format_version")
        if version is not None and version not in {v.value for v in FormatVersion}:
            self.problem(
                "$.format_version",
                f'应为 "2019"、"2021" 或 null，实为 {_shown(version)}',
            )
        code = self.text(doc.get("code"), "$.code", nullable=True)
        if code is not None and code not in ERROR_CODES and code not in BATCH_CODES:
            self.problem(
                "$.code", f"不是已知的错误代码（unknown code）：{_shown(code)}"
            )
        error = self.text(doc.get("error"), "$.error", nullable=True)
        findings = self.findings(doc.get("findings"), "$.findings")
        if self.problems:
            return None
        return CheckResult(
            file=file,  # type: ignore[arg-type]
            status=status,
            findings=findings,
            agency=agency,
            year=year,
            format_version=version,
            code=code,
            error=error,
        )

    def raise_problems(self) -> None:
        if self.problems:
            raise ExchangeFormatError(self.problems.listed())


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, JsonNumber):
        return f"带小数或指数的数 {_shown(value)}"
    return type(value).__name__


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:60] + "…"


def structure_findings(value: object, _type: object = None) -> list[Finding]:
    walk = _Walk()
    doc = walk.mapping(
        value,
        "$",
        ("schema_version", "findings"),
        optional=frozenset(("schema_version",)),
    )
    findings: list[Finding] = []
    if doc is not None:
        walk.version(doc)
        findings = walk.findings(doc.get("findings"), "$.findings")
    walk.raise_problems()
    return findings


def structure_finding(value: object, _type: object = None) -> Finding:
    walk = _Walk()
    finding = walk.finding(value, "$")
    walk.raise_problems()
    assert finding is not None  # a walk without problems gives the finding
    return finding


def structure_result(value: object, _type: object = None) -> CheckResult:
    walk = _Walk()
    result = walk.result(value)
    walk.raise_problems()
    assert result is not None
    return result
