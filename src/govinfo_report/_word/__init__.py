"""The Word (``.docx``) writer: `write_docx`.

It also exports how sub-sections are numbered and the date of issue is
printed (`chinese_number`, `format_date`), which the web page writer shares.
"""

from __future__ import annotations

from govinfo_report._word._writer import chinese_number, format_date, write_docx

__all__ = ["chinese_number", "format_date", "write_docx"]
