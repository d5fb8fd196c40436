"""The one cattrs converter of the exchange formats, built once at import.

It is a private instance of ``cattrs.preconf.json`` (ISO 8601 dates, extra keys
forbidden), never cattrs' global converter, with the hooks that give the
document its shape: tables as key trees generated from the format table,
amounts as exact decimal strings, marks as ``""``, ``"/"`` and ``null``.

Unstructuring (report → plain dict) is its hooks. Structuring a `Report` is
the strict walk of `_decode` (`read_report`), registered as the structure hook:
cattrs' generated structuring would coerce (``"3"`` → 3, ``2.9`` → 2) and stop
at the first problem of each class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter, make_converter

from govinfo_report._exchange._decode import read_report
from govinfo_report._exchange._document import (
    MARK_TEXT,
    MAX_COUNT,
    SCHEMA_VERSION,
    UNIT_KEY,
    Tree,
    amount_text,
    table_layouts,
    table_sections,
    tree,
)
from govinfo_report._exchange._generated import compile_generated
from govinfo_report._format import CellKind, CellSpec, FormatVersion, TableId
from govinfo_report._model import Metadata, Narrative, Report, Subsection, table_type
from govinfo_report._values import CellValue, Mark
from govinfo_report.exceptions import ExchangeFormatError


def encode_value(cell: CellSpec, value: CellValue) -> int | str | None:
    """One cell as the JSON document holds it.

    Raises:
        ExchangeFormatError: a count beyond what JSON readers hold exactly.
    """
    kind = type(value)
    if kind is int:
        if -MAX_COUNT <= value <= MAX_COUNT:  # type: ignore[operator]
            return value  # type: ignore[return-value]
        raise ExchangeFormatError(
            [
                f"$.{cell.id}: 数字 {value} 超出交换格式可精确表示的范围"
                f"（|count| ≤ {MAX_COUNT}, 2**53-1）"
            ]
        )
    if kind is Mark:
        return MARK_TEXT[value]  # type: ignore[index]
    return amount_text(value)  # type: ignore[arg-type]


def _literal(node: Tree) -> str:
    """Python source of a dict literal for one object of a table, reading ``v``."""
    parts = []
    for key, sub in node.items():
        value = f"v[{sub.index}]" if isinstance(sub, CellSpec) else _literal(sub)
        parts.append(f"{key!r}: {value}")
    return "{" + ", ".join(parts) + "}"


def _table_unstructurer(table: TableId, layout: FormatVersion) -> Callable[[Any], Any]:
    spec = table_type(table.value, layout).spec
    cells = spec.cells
    amounts = tuple(c.index for c in cells if c.kind is CellKind.AMOUNT)
    # The key tree as one dict literal: generated once from the format table,
    # like cattrs' own generated hooks, so writing a table is a single expression.
    source = f"def build(v):\n    return {_literal(tree(table, layout))}\n"
    generated = compile_generated(source, f"write {table.value} {layout.value}")
    build: Callable[[Sequence[Any]], dict[str, Any]] = generated["build"]

    def unstructure(obj: Any) -> dict[str, Any]:
        values = obj.values
        if Mark not in set(map(type, values)) and (
            min(values) >= -MAX_COUNT and max(values) <= MAX_COUNT
        ):
            # Figures only, counts in range: only the amounts need encoding.
            encoded: list[Any] = list(values)
            for index in amounts:
                encoded[index] = amount_text(values[index])
            return build(encoded)
        return build([encode_value(c, v) for c, v in zip(cells, values, strict=True)])

    if not spec.published_unit:
        return unstructure

    def with_unit(obj: Any) -> dict[str, Any]:
        # the unit the amounts are published in, after the figures; null
        # when the report does not say
        doc = unstructure(obj)
        unit = obj.amount_unit
        doc[UNIT_KEY] = None if unit is None else unit.value
        return doc

    return with_unit


def _build() -> JsonConverter:
    converter = make_converter(forbid_extra_keys=True)
    converter.register_unstructure_hook(Decimal, amount_text)
    converter.register_unstructure_hook(Mark, MARK_TEXT.__getitem__)
    for version in FormatVersion:
        for table, layouts in table_layouts(version):
            for layout in layouts:
                converter.register_unstructure_hook(
                    table_type(table.value, layout),
                    _table_unstructurer(table, layout),
                )
    converter.register_unstructure_hook(
        Metadata,
        make_dict_unstructure_fn(
            Metadata, converter, format_version=override(omit=True)
        ),
    )
    for cls in (Subsection, Narrative):
        converter.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, converter)
        )
    converter.register_unstructure_hook(Report, _report_unstructurer(converter))
    converter.register_structure_hook(Report, read_report)
    return converter


def _report_unstructurer(converter: cattrs.Converter) -> Callable[[Report], Any]:
    sections = tuple(
        (section.value, table is not None)
        for section, table in table_sections().items()
    )
    unstructure = converter.unstructure
    metadata_fn = converter.get_unstructure_hook(Metadata)

    def report_to_dict(report: Report) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "format_version": report.metadata.format_version.value,
            "requests_layout": report.requests.spec.layout.value,
            "metadata": metadata_fn(report.metadata),
            "preface": list(report.preface),
        }
        for name, _is_table in sections:
            doc[name] = unstructure(getattr(report, name))
        return doc

    return report_to_dict


CONVERTER: Final = _build()
"""The converter; module-level, built once, private to the exchange package."""
