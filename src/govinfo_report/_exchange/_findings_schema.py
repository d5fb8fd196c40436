"""The JSON Schema (draft 2020-12) of the findings documents, generated.

Built from the enums and the keys `_findings` writes, so it cannot drift from
`findings_to_json` and `check_result_to_json`. Shipped as
``findings.schema.json`` next to this module; a test checks that the file
equals the generated schema. To refresh the file, run
``python -m govinfo_report._exchange._findings_schema``.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any, Final

from govinfo_report._atomic import write_atomic
from govinfo_report._exchange._document import MARK_TEXT, MAX_AMOUNT_CHARS, MAX_COUNT
from govinfo_report._exchange._findings_walk import (
    BATCH_CODES,
    DECIMAL,
    DERIVED_RESULT_KEYS,
    FINDINGS_SCHEMA_VERSION,
    RESULT_KEYS,
)
from govinfo_report._findings import CheckStatus, FindingKind, Severity
from govinfo_report._format import FormatVersion
from govinfo_report._values import Mark
from govinfo_report.exceptions import ERROR_CODES

__all__ = [
    "FINDINGS_SCHEMA_FILE",
    "findings_schema",
    "findings_schema_text",
    "shipped_findings_schema_text",
]

FINDINGS_SCHEMA_FILE: Final = "findings.schema.json"
"""The name of the shipped schema file, in this package."""


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
                "pattern": DECIMAL.pattern,
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
        "required": [k for k in RESULT_KEYS if k not in DERIVED_RESULT_KEYS],
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
