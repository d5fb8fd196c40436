"""The JSON Schema (draft 2020-12) of the exchange document, generated.

Nothing here names a row, a column or a field: the schema is built from the
format table (`_format`, through `_document`) and from the model classes'
fields, so it cannot drift from what `to_json` writes. The same schema is
shipped as ``report.schema.json`` next to this module; a test checks that the
file equals the generated schema. To refresh the file after a change to the
format, run ``python -m govinfo_report._exchange._schema``.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any, Final

from govinfo_report._atomic import write_atomic
from govinfo_report._exchange._document import (
    AMOUNT_PATTERN,
    MARK_TEXT,
    MAX_AMOUNT_CHARS,
    MAX_COUNT,
    OBJECT_FIELDS,
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    TOP_KEYS,
    UNIT_KEY,
    FieldKind,
    Tree,
    table_layouts,
    table_sections,
    tree,
)
from govinfo_report._format import (
    AmountUnit,
    CellKind,
    CellSpec,
    FormatVersion,
    TableId,
    format_spec,
)
from govinfo_report._values import Mark

SCHEMA_FILE: Final = "report.schema.json"
"""The name of the shipped schema file, in this package."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_CELL_DEFS: Final = {
    CellKind.COUNT: "count",
    CellKind.SIGNED_COUNT: "signed_count",
    CellKind.AMOUNT: "amount",
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _value_defs() -> dict[str, Any]:
    marks = {
        "description": (
            '不是数字的单元格：""＝空白（Mark.BLANK），"/"＝不适用（Mark.NOT_APPLICABLE），'
            "null＝缺失（Mark.MISSING）"
        ),
        "enum": [MARK_TEXT[m] for m in Mark],
    }
    return {
        "mark": marks,
        "count": {
            "description": "计数：非负整数（count），或一个标记（mark）",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
                _ref("mark"),
            ],
        },
        "signed_count": {
            "description": "可为负的计数（2019 版“本年增/减”），或一个标记（mark）",
            "anyOf": [
                {"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT},
                _ref("mark"),
            ],
        },
        "amount": {
            "description": (
                '金额：十进制字符串，保留公布的小数位（"12.50"），或一个标记（mark）'
            ),
            "anyOf": [
                {
                    "type": "string",
                    "pattern": AMOUNT_PATTERN,
                    "maxLength": MAX_AMOUNT_CHARS,
                },
                _ref("mark"),
            ],
        },
    }


def _closed(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = properties
    schema["required"] = list(properties)
    schema["additionalProperties"] = False
    return schema


def _branch(node: Tree) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key, sub in node.items():
        if isinstance(sub, CellSpec):
            properties[key] = {**_ref(_CELL_DEFS[sub.kind]), "description": sub.place}
        else:
            properties[key] = _branch(sub)
    return _closed(properties)


_FIELD_SCHEMAS: Final[dict[FieldKind, dict[str, Any]]] = {
    FieldKind.TEXT: {"type": "string"},
    FieldKind.INTEGER: {"type": "integer"},
    FieldKind.TEXT_OR_NULL: {"type": ["string", "null"]},
    FieldKind.DATE_OR_NULL: {
        "anyOf": [
            {
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            },
            {"type": "null"},
        ]
    },
    FieldKind.TEXTS: {"type": "array", "items": {"type": "string"}},
    FieldKind.SUBSECTIONS: {"type": "array", "items": _ref("subsection")},
}


def _fields(name: str, description: str) -> dict[str, Any]:
    return _closed(
        {
            field: copy.deepcopy(_FIELD_SCHEMAS[kind])
            for field, kind in OBJECT_FIELDS[name]
        },
        description,
    )


def _generate() -> dict[str, Any]:
    defs: dict[str, Any] = _value_defs()
    defs["metadata"] = _fields(
        "metadata",
        "发布机关（agency）、统计年度（year）、成文日期（date_of_issue）、标题（title）",
    )
    defs["narrative"] = _fields(
        "narrative", "叙述部分：段落（paragraphs）与小标题部分（subsections）"
    )
    defs["subsection"] = _fields(
        "subsection", "小标题部分：标题不含编号（title）与段落"
    )
    for version in FormatVersion:
        for table in format_spec(version).tables:
            branch = _branch(tree(table.id, version))
            if table.published_unit:
                # optional: version 1 documents do not carry it
                branch["properties"][UNIT_KEY] = {
                    "description": (
                        "本表金额（"
                        + "、".join(
                            c.column.label
                            for c in table.cells
                            if c.column.published_unit
                        )
                        + "）按报告所印单位保存：所印单位，报告未注明时为 null"
                    ),
                    "enum": [*(u.value for u in AmountUnit), None],
                }
            defs[f"{table.id.value}_{version.value}"] = {
                "description": f"{table.id.name_zh}（{version.value} 版格式）{table.heading}",
                **branch,
            }
    versions = [v.value for v in FormatVersion]
    properties: dict[str, Any] = {
        "schema_version": {
            "description": (
                f"文档版本：本库写 {SCHEMA_VERSION}；"
                "1 与 2 相同，只是没有 2019 版表二的 amount_unit"
            ),
            "enum": list(READABLE_SCHEMA_VERSIONS),
        },
        "format_version": {
            "description": "报告格式版本（FormatVersion）",
            "enum": versions,
        },
        "requests_layout": {
            "description": "表三的版式；2021 版报告可按 2019 版版式印表三（hybrid）",
            "enum": versions,
        },
        "metadata": _ref("metadata"),
        "preface": {
            **_FIELD_SCHEMAS[FieldKind.TEXTS],
            "description": "第一部分之前的段落",
        },
    }
    for section, table_id in table_sections().items():
        if table_id is None:
            properties[section.value] = _ref("narrative")
        else:
            properties[section.value] = {"type": "object"}
    assert tuple(properties) == TOP_KEYS
    conditions: list[dict[str, Any]] = []
    for version in FormatVersion:
        then: dict[str, Any] = {}
        for table_id, layouts in table_layouts(version):
            if table_id is TableId.REQUESTS:  # its layout is given by requests_layout
                then[f"{table_id.value}_layout"] = {"enum": [v.value for v in layouts]}
            else:
                then[table_id.value] = _ref(f"{table_id.value}_{layouts[0].value}")
        conditions.append(_when("format_version", version, then))
    for layout in FormatVersion:
        requests = TableId.REQUESTS.value
        conditions.append(
            _when(
                f"{requests}_layout",
                layout,
                {requests: _ref(f"{requests}_{layout.value}")},
            )
        )
    return {
        "$schema": _DIALECT,
        "$id": f"urn:govinfo-report:report-schema:{SCHEMA_VERSION}",
        "title": "政府信息公开工作年度报告（govinfo_report exchange document）",
        "description": (
            "由 govinfo_report 从格式表生成（generated from the format table）；"
            "单元格的 JSON 路径为 $.<cell id>"
        ),
        "type": "object",
        "properties": properties,
        "required": list(TOP_KEYS),
        "additionalProperties": False,
        "allOf": conditions,
        "$defs": defs,
    }


def _when(key: str, version: FormatVersion, then: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {"properties": {key: {"const": version.value}}, "required": [key]},
        "then": {"properties": then},
    }


_SCHEMA: Final = _generate()


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents `to_json` writes.

    It is generated from the format table, and shipped in the package as
    ``report.schema.json``. Each call returns a fresh copy.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["requests_2021"]["properties"]["granted"]["properties"]["total"]
    {'$ref': '#/$defs/count', 'description': '表三 （一）予以公开 / 总计'}
    """
    return copy.deepcopy(_SCHEMA)


def schema_text() -> str:
    """The schema as the shipped file holds it (UTF-8 JSON, indented, final newline)."""
    return json.dumps(_SCHEMA, ensure_ascii=False, indent=2) + "\n"


def shipped_schema_text() -> str:
    """The text of the schema file shipped in the package."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    target = Path(__file__).with_name(SCHEMA_FILE)
    write_atomic(target, schema_text().encode("utf-8"))
    print(f"wrote {target}")
