"""Word (``.docx``) output and input: `write_docx` and `read_docx`."""

from __future__ import annotations

from govinfo_report._readers._docx import read_docx
from govinfo_report._word._writer import write_docx

__all__ = ["read_docx", "write_docx"]
