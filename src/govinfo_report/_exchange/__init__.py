"""Exchange formats: JSON, its generated JSON Schema, flat cell records (CSV, DataFrame)."""

from __future__ import annotations

from govinfo_report._exchange._csv import from_csv, to_csv
from govinfo_report._exchange._findings import (
    check_result_from_json,
    check_result_to_dict,
    check_result_to_json,
    findings_from_json,
    findings_to_dict,
    findings_to_json,
)
from govinfo_report._exchange._findings_schema import findings_schema
from govinfo_report._exchange._json import from_dict, from_json, to_dict, to_json
from govinfo_report._exchange._records import (
    CSV_COLUMNS,
    CellRecord,
    to_dataframe,
    to_records,
)
from govinfo_report._exchange._schema import json_schema

__all__ = [
    "CSV_COLUMNS",
    "CellRecord",
    "check_result_from_json",
    "check_result_to_dict",
    "check_result_to_json",
    "findings_from_json",
    "findings_schema",
    "findings_to_dict",
    "findings_to_json",
    "from_csv",
    "from_dict",
    "from_json",
    "json_schema",
    "to_csv",
    "to_dataframe",
    "to_dict",
    "to_json",
    "to_records",
]
