"""Exchange formats: JSON, its generated JSON Schema, flat cell records (CSV, DataFrame)."""

from __future__ import annotations

from govinfo_report._exchange._csv import from_csv, to_csv
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
