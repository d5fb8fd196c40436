"""Findings as data: `Finding` and `CheckResult` to plain JSON and back, and their schema.

A web service that validates posted reports answers with findings as JSON; a
batch check writes one `CheckResult` a line. Both go through the library's one
converter (`_converter.CONVERTER`), with hooks registered here: unstructuring
writes every field (figures as the report document writes them) plus what a
reader of the JSON needs and cannot work out without the format table (the
official table, row and column labels of the cell at fault, the fingerprint,
the counts of errors and warnings); structuring is a strict walk that lists
every problem with its JSON path, like the report document's, and ignores the
derived keys (they are worked out again).

A figure is written as in the report document: a count as a JSON integer, an
amount as a decimal string (``"12.50"``), blank as ``""``, not applicable as
``"/"``, missing as ``null``. A finding without a published or expected
figure, or without a difference, leaves that key out. The schema of both
documents is generated here and shipped as ``findings.schema.json``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Final

from govinfo_report._atomic import write_atomic
from govinfo_report._exchange._converter import CONVERTER
from govinfo_report._exchange._document import (
    MARK_TEXT,
    MAX_AMOUNT_CHARS,
    MAX_COUNT,
    Problems,
    amount_text,
)
from govinfo_report._exchange._json import _loads
from govinfo_report._exchange._reader import Number as JsonNumber
from govinfo_report._findings import (
    CheckResult,
    CheckStatus,
    Finding,
    FindingKind,
    Severity,
)
from govinfo_report._format import CellSpec, FormatVersion, all_cell_specs, format_spec
from govinfo_report._limits import DEFAULT_LIMITS, Limits
from govinfo_report._values import CellValue, Mark, Number
from govinfo_report.exceptions import ERROR_CODES, ExchangeFormatError

__all__ = [
    "FINDINGS_SCHEMA_FILE",
    "FINDINGS_SCHEMA_VERSION",
    "check_result_from_json",
    "check_result_to_dict",
    "check_result_to_json",
    "findings_from_json",
    "findings_schema",
    "findings_to_dict",
    "findings_to_json",
]

FINDINGS_SCHEMA_VERSION: Final = 1
"""The version of the findings documents (``schema_version``)."""

FINDINGS_SCHEMA_FILE: Final = "findings.schema.json"
"""The name of the shipped schema file, in this package."""

BATCH_CODES: Final = {
    "out_of_memory": "读取时内存不足 (out of memory)",
    "worker_died": "读取这个文件的进程意外退出 (the worker process died)",
    "internal_error": "读取时出现意外的错误 (an unexpected error)",
}
"""Codes a batch check gives an unreadable file besides the errors' own codes."""

_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_MAX_FINDINGS: Final = 100_000
"""A findings document with more findings than this is refused."""

_FINDING_KEYS: Final = (
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
_DERIVED_FINDING_KEYS: Final = frozenset(("table", "row", "column", "fingerprint"))
_OPTIONAL_FINDING_KEYS: Final = frozenset(("published", "expected", "difference"))
_RESULT_KEYS: Final = (
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
_DERIVED_RESULT_KEYS: Final = frozenset(("errors", "warnings"))


# ----------------------------------------------------------------- writing


def _labels(version: str | None) -> Mapping[str, CellSpec]:
    """The cell specs whose labels name a finding's cells in a report of ``version``."""
    specs = dict(all_cell_specs())
    if version is not None:
        # The report's own format first: a few ids have other labels in the other.
        specs.update(
            (c.id, c)
            for t in format_spec(FormatVersion(version)).tables
            for c in t.cells
        )
    return specs


def _encode(value: CellValue | Number) -> int | str | None:
    if type(value) is int:
        return value
    if isinstance(value, Mark):
        return MARK_TEXT[value]
    return amount_text(value)  # type: ignore[arg-type]


def _finding_dict(finding: Finding, specs: Mapping[str, CellSpec]) -> dict[str, Any]:
    cell = specs.get(finding.cells[0]) if finding.cells else None
    doc: dict[str, Any] = {
        "rule": finding.rule,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "cells": list(finding.cells),
        "table": cell.table.name_zh if cell else None,
        "row": cell.row.label if cell else None,
        "column": cell.column.label if cell else None,
    }
    for key in ("published", "expected", "difference"):
        value = getattr(finding, key)
        if value is not None:
            doc[key] = _encode(value)
    doc["where"] = finding.where
    doc["fingerprint"] = finding.fingerprint
    return doc


def _result_dict(result: CheckResult) -> dict[str, Any]:
    specs = _labels(result.format_version)
    return {
        "schema_version": FINDINGS_SCHEMA_VERSION,
        "file": result.file,
        "status": result.status.value,
        "agency": result.agency,
        "year": result.year,
        "format_version": result.format_version,
        "code": result.code,
        "error": result.error,
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [_finding_dict(f, specs) for f in result.findings],
    }


def findings_to_dict(
    findings: Iterable[Finding], *, format_version: FormatVersion | None = None
) -> dict[str, Any]:
    """The findings as a plain JSON-compatible dict: ``{"schema_version": 1, "findings": [...]}``.

    Each finding carries its fields (figures written as the report document
    writes them; ``published``, ``expected`` and ``difference`` left out when
    the finding has none), the official labels of the cell at fault
    (``table``, ``row``, ``column``; null when the finding names no cell) and
    its ``fingerprint``. ``format_version`` (the report's) chooses the labels
    where the two formats label one cell differently.

    >>> import attrs
    >>> from govinfo_report import example_report, validate
    >>> report = attrs.evolve(example_report(), as_published=True)
    >>> broken = report.with_cells({"appeals.review.total": 99}, derive_totals=False)
    >>> doc = findings_to_dict(validate(broken))
    >>> finding = doc["findings"][0]
    >>> finding["rule"], finding["table"], finding["row"], finding["column"]
    ('R6', '表四', '行政复议', '总计')
    >>> finding["published"], finding["expected"], finding["difference"]
    (99, 6, 93)
    """
    if format_version is None:
        items = [CONVERTER.unstructure(f, Finding) for f in findings]
    else:
        specs = _labels(format_version.value)
        items = [_finding_dict(f, specs) for f in findings]
    return {"schema_version": FINDINGS_SCHEMA_VERSION, "findings": items}


def findings_to_json(
    findings: Iterable[Finding],
    *,
    format_version: FormatVersion | None = None,
    indent: int | None = 2,
) -> str:
    """The findings as a JSON document (`findings_to_dict`), Chinese kept readable.

    >>> from govinfo_report import example_report, validate
    >>> findings_to_json(validate(example_report()), indent=None)
    '{"schema_version": 1, "findings": []}'
    """
    return json.dumps(
        findings_to_dict(findings, format_version=format_version),
        ensure_ascii=False,
        indent=indent,
    )


def check_result_to_dict(result: CheckResult) -> dict[str, Any]:
    """One file's result as a plain JSON-compatible dict (a line of ``check --json``).

    Besides the fields of `CheckResult` it carries ``schema_version`` and the
    counts ``errors`` and ``warnings``.
    """
    doc: dict[str, Any] = CONVERTER.unstructure(result, CheckResult)
    return doc


def check_result_to_json(result: CheckResult, *, indent: int | None = None) -> str:
    """One file's result as JSON: one line by default, as ``check --json`` prints it."""
    return json.dumps(check_result_to_dict(result), ensure_ascii=False, indent=indent)


# ----------------------------------------------------------------- reading


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
            if len(value) <= MAX_AMOUNT_CHARS and _DECIMAL.match(value):
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
            _FINDING_KEYS,
            optional=_OPTIONAL_FINDING_KEYS | _DERIVED_FINDING_KEYS,
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
        doc = self.mapping(value, "$", _RESULT_KEYS, optional=_DERIVED_RESULT_KEYS)
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


def _structure_findings(value: object, _type: object = None) -> list[Finding]:
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


def _structure_finding(value: object, _type: object = None) -> Finding:
    walk = _Walk()
    finding = walk.finding(value, "$")
    walk.raise_problems()
    assert finding is not None  # a walk without problems gives the finding
    return finding


def _structure_result(value: object, _type: object = None) -> CheckResult:
    walk = _Walk()
    result = walk.result(value)
    walk.raise_problems()
    assert result is not None
    return result


def findings_from_json(
    text: str | bytes | dict[str, Any], *, limits: Limits | None = None
) -> list[Finding]:
    """The findings of a document `findings_to_json` wrote (or a dict `findings_to_dict` gave).

    Strict, as `from_json` is: every problem is listed with its JSON path, and
    the derived keys (labels, fingerprint) are checked for their type and then
    worked out again.

    >>> import attrs
    >>> from govinfo_report import example_report, validate
    >>> report = attrs.evolve(example_report(), as_published=True)
    >>> broken = report.with_cells({"appeals.review.total": 99}, derive_totals=False)
    >>> findings = validate(broken)
    >>> findings_from_json(findings_to_json(findings)) == findings
    True

    Raises:
        ExchangeFormatError: not a findings document; ``problems`` say where.
        LimitExceededError: the text is larger than ``limits.max_input_bytes``.
    """
    data = text if isinstance(text, dict) else _loads(text, limits or DEFAULT_LIMITS)
    return _structure_findings(data)


def check_result_from_json(
    text: str | bytes | dict[str, Any], *, limits: Limits | None = None
) -> CheckResult:
    """One file's result from a line of ``check --json`` (or `check_result_to_json`).

    Raises:
        ExchangeFormatError: not a check result; ``problems`` say where.
        LimitExceededError: the text is larger than ``limits.max_input_bytes``.
    """
    data = text if isinstance(text, dict) else _loads(text, limits or DEFAULT_LIMITS)
    result: CheckResult = CONVERTER.structure(data, CheckResult)
    return result


def _register() -> None:
    every = _labels(None)
    CONVERTER.register_unstructure_hook(Finding, lambda f: _finding_dict(f, every))
    CONVERTER.register_unstructure_hook(CheckResult, _result_dict)
    CONVERTER.register_structure_hook(Finding, _structure_finding)
    CONVERTER.register_structure_hook(CheckResult, _structure_result)


_register()


# ----------------------------------------------------------------- the schema


def _generate_schema() -> dict[str, Any]:
    figure = {
        "description": (
            '数字：计数为整数，金额为十进制数字符串（如 "12.50"）；'
            '""＝空白，"/"＝不适用，null＝缺失 (a figure as the report document writes it)'
        ),
        "anyOf": [
            {"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT},
            {
                "type": "string",
                "pattern": _DECIMAL.pattern,
                "maxLength": MAX_AMOUNT_CHARS,
            },
            {"enum": [MARK_TEXT[m] for m in Mark]},
        ],
    }
    label = {"type": ["string", "null"]}
    finding = {
        "type": "object",
        "description": "一条问题（Finding）",
        "additionalProperties": False,
        "required": ["rule", "kind", "severity", "message", "cells", "where"],
        "properties": {
            "rule": {
                "type": "string",
                "description": "规则编号：R1–R6、S1、N1、M1、READ…",
            },
            "kind": {"enum": [k.value for k in FindingKind]},
            "severity": {"enum": [s.value for s in Severity]},
            "message": {
                "type": "string",
                "description": "中文说明，以官方标签指明表、行、列",
            },
            "cells": {"type": "array", "items": {"type": "string"}},
            "table": {
                **label,
                "description": "第一个单元格所在的表（如 表三）；写出时给出，读入时忽略",
            },
            "row": {**label, "description": "其行的官方标签；写出时给出，读入时忽略"},
            "column": {
                **label,
                "description": "其列的官方标签；写出时给出，读入时忽略",
            },
            "published": {**figure, "description": "公布值；没有时省略此键"},
            "expected": {**figure, "description": "应为值；没有时省略此键"},
            "difference": {
                "description": "公布值减应为值；没有时省略此键",
                "anyOf": figure["anyOf"][:2],
            },
            "where": {
                "type": "string",
                "description": "在输入中的位置（行、页、表格行）",
            },
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
        },
    }
    version = {"const": FINDINGS_SCHEMA_VERSION}
    findings_document = {
        "type": "object",
        "description": "findings_to_json 写出的文档",
        "additionalProperties": False,
        "required": ["findings"],
        "properties": {
            "schema_version": version,
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        },
    }
    codes = sorted({*ERROR_CODES, *BATCH_CODES})
    check_result = {
        "type": "object",
        "description": "一个文件的检查结果（check --json 的一行）",
        "additionalProperties": False,
        "required": [k for k in _RESULT_KEYS if k not in _DERIVED_RESULT_KEYS],
        "properties": {
            "schema_version": version,
            "file": {"type": "string"},
            "status": {"enum": [s.value for s in CheckStatus]},
            "agency": {"type": ["string", "null"]},
            "year": {"type": ["integer", "null"]},
            "format_version": {"enum": [*(v.value for v in FormatVersion), None]},
            "code": {
                "description": "无法读取的原因（稳定的代码）；读取成功时为 null",
                "enum": [*codes, None],
            },
            "error": {"type": ["string", "null"]},
            "errors": {"type": "integer", "minimum": 0},
            "warnings": {"type": "integer", "minimum": 0},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govinfo-report.invalid/findings.schema.json",
        "title": "govinfo_report findings",
        "description": (
            "问题的交换格式：findings_to_json 的文档，或 check --json 的一行（一个文件的结果）"
        ),
        "oneOf": [
            {"$ref": "#/$defs/findings_document"},
            {"$ref": "#/$defs/check_result"},
        ],
        "$defs": {
            "finding": finding,
            "findings_document": findings_document,
            "check_result": check_result,
        },
    }


_SCHEMA: Final = _generate_schema()


def findings_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the findings documents; a fresh copy each call.

    It covers both documents: `findings_to_json`'s and a line of ``check
    --json`` (`check_result_to_json`), and is shipped in the package as
    ``findings.schema.json``.

    >>> sorted(findings_schema()["$defs"])
    ['check_result', 'finding', 'findings_document']
    """
    return copy.deepcopy(_SCHEMA)


def findings_schema_text() -> str:
    """The schema as the shipped file holds it (UTF-8 JSON, indented, final newline)."""
    return json.dumps(_SCHEMA, ensure_ascii=False, indent=2) + "\n"


def shipped_findings_schema_text() -> str:
    """The text of the schema file shipped in the package."""
    return (
        resources.files(__package__).joinpath(FINDINGS_SCHEMA_FILE).read_text("utf-8")
    )


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    target = Path(__file__).with_name(FINDINGS_SCHEMA_FILE)
    write_atomic(target, findings_schema_text().encode("utf-8"))
    print(f"wrote {target}")
