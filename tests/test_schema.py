"""The generated JSON Schema: shipped as a file, valid, and agreeing with the loader."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report import FormatVersion
from govinfo_report._exchange._schema import schema_text, shipped_schema_text
from strategies import consistent_reports, published_reports
from test_json import TYPE_CASES, Mutation

VALIDATOR = jsonschema.Draft202012Validator(gr.json_schema())


def _schema_errors(doc: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(doc)]


def test_shipped_file_is_the_generated_schema() -> None:
    """If this fails, run ``python -m govinfo_report._exchange._schema``."""
    assert shipped_schema_text() == schema_text()
    assert json.loads(shipped_schema_text()) == gr.json_schema()


def test_schema_is_valid_draft_2020_12() -> None:
    schema = gr.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_json_schema_returns_a_copy() -> None:
    schema = gr.json_schema()
    schema["$defs"].clear()
    assert gr.json_schema()["$defs"]


def _cell_paths(node: dict[str, Any], prefix: str, defs: dict[str, Any]) -> list[str]:
    paths = []
    for key, sub in node["properties"].items():
        if "properties" in sub:
            paths.extend(_cell_paths(sub, f"{prefix}.{key}", defs))
        else:
            paths.append(f"{prefix}.{key}")
    return paths


@pytest.mark.parametrize("layout", list(FormatVersion))
def test_every_cell_of_the_format_is_in_the_schema(layout: FormatVersion) -> None:
    defs = gr.json_schema()["$defs"]
    for table in gr.format_spec(layout).tables:
        table_def = defs[f"{table.id.value}_{layout.value}"]
        paths = _cell_paths(table_def, table.id.value, defs)
        if table.published_unit:
            # the unit of 2019 采购总金额 beside the figures, optional
            unit = table_def["properties"]["amount_unit"]
            assert unit["enum"] == [*(u.value for u in gr.AmountUnit), None]
            assert "amount_unit" not in table_def["required"]
            paths.remove(f"{table.id.value}.amount_unit")
        assert paths == list(table.cell_ids)
        # Each cell's schema names its place by official labels.
        for cell in table.cells:
            node = table_def
            for part in cell.id.split(".")[1:]:
                node = node["properties"][part]
            assert node["description"] == cell.place
            kind = "amount" if cell.kind is gr.CellKind.AMOUNT else "count"
            assert node["$ref"].endswith(kind)


def test_example_document_is_valid() -> None:
    assert _schema_errors(gr.to_dict(gr.example_report())) == []


def test_published_unit_in_the_schema() -> None:
    """2019 采购总金额's unit: a printed unit or null; absent in a version 1 document."""
    report = gr.from_cells(
        {"active.procurement.amount": Decimal("312.5")},
        agency="某局",
        year=2019,
        format_version=FormatVersion.V2019,
        amount_unit="万元",
    )
    doc = gr.to_dict(report)
    assert doc["active"]["amount_unit"] == "万元"
    assert _schema_errors(doc) == []
    doc["active"]["amount_unit"] = "美元"
    assert _schema_errors(doc)
    del doc["active"]["amount_unit"]
    doc["schema_version"] = 1
    assert _schema_errors(doc) == []
    assert gr.from_dict(doc).active.amount_unit is None


@given(consistent_reports())
def test_every_written_document_is_valid(report: gr.Report) -> None:
    assert _schema_errors(json.loads(gr.to_json(report))) == []


@given(published_reports())
def test_every_written_published_document_is_valid(report: gr.Report) -> None:
    assert _schema_errors(json.loads(gr.to_json(report))) == []


def test_hybrid_and_2019_documents_are_valid() -> None:
    hybrid = gr.from_cells(
        {}, agency="示例局", year=2024, requests_layout=FormatVersion.V2019
    )
    old = gr.from_cells(
        {}, agency="示例局", year=2020, format_version=FormatVersion.V2019
    )
    assert _schema_errors(gr.to_dict(hybrid)) == []
    assert _schema_errors(gr.to_dict(old)) == []


# Every case the loader refuses for a reason of type or shape (all of
# TYPE_CASES). Value rules a schema does not state (a year before 2008, an
# impossible date such as 2026-02-30) are not in TYPE_CASES, and 3.0 for 3 is
# the same JSON value to a schema: `test_schema_cannot_tell_3_from_3_0`.
@pytest.mark.parametrize(
    "mutate", [pytest.param(m, id=name) for name, m, _, _ in TYPE_CASES]
)
def test_schema_rejects_what_the_loader_rejects(mutate: Mutation) -> None:
    doc = gr.to_dict(gr.example_report())
    mutate(doc)
    with pytest.raises(gr.ExchangeFormatError):
        gr.from_dict(doc)
    assert _schema_errors(doc), "the schema accepted a document the loader refuses"


def test_schema_rejects_a_2019_layout_for_a_2019_report() -> None:
    doc = gr.to_dict(
        gr.from_cells(
            {}, agency="示例局", year=2020, format_version=FormatVersion.V2019
        )
    )
    doc["requests_layout"] = "2021"
    assert _schema_errors(doc)


def test_schema_rejects_a_hybrid_marked_as_plain_2021() -> None:
    doc = gr.to_dict(
        gr.from_cells(
            {}, agency="示例局", year=2024, requests_layout=FormatVersion.V2019
        )
    )
    doc["requests_layout"] = "2021"
    assert _schema_errors(doc)
    with pytest.raises(gr.ExchangeFormatError):
        gr.from_dict(doc)


def test_schema_cannot_tell_3_from_3_0() -> None:
    """A JSON Schema sees numbers, not their spelling: 3.0 is an integer to it.

    The loader refuses ``3.0`` where a count belongs; the schema cannot.
    Documented in docs/exchange.md.
    """
    doc = gr.to_dict(gr.example_report())
    doc["appeals"]["review"]["upheld"] = 3.0
    assert _schema_errors(doc) == []
    with pytest.raises(gr.ExchangeFormatError):
        gr.from_dict(doc)
