"""Readers for reports as they are really published: text, HTML, PDF, Word.

Every reader turns its input into lines of text and grids of cells, then hands
the grids to the one label-anchored table matcher (`match_grid`) and the
lines to the section splitter (`_split.split_sections`).

This face exports the four readers and the shared pieces other packages use.
"""

from __future__ import annotations

from govinfo_report._readers._assemble import build_report, match_grid
from govinfo_report._readers._cells import is_value_text, parse_value, reading_finding
from govinfo_report._readers._docx import read_docx
from govinfo_report._readers._hints import Hints, check_report, hints
from govinfo_report._readers._html import read_html
from govinfo_report._readers._html_charset import decode_bytes
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._matcher import GridMatch, GridRow
from govinfo_report._readers._pdf import read_pdf
from govinfo_report._readers._split import Item
from govinfo_report._readers._text import read_text
from govinfo_report._readers._text_csv import is_csv

__all__ = [
    "GridMatch",
    "GridRow",
    "Hints",
    "Item",
    "build_report",
    "check_report",
    "decode_bytes",
    "hints",
    "is_csv",
    "is_value_text",
    "match_grid",
    "parse_value",
    "read_docx",
    "read_html",
    "read_items",
    "read_pdf",
    "read_text",
    "reading_finding",
    "with_source",
]
