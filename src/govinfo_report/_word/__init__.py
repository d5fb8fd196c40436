"""The Word (``.docx``) writer: `write_docx`."""

from __future__ import annotations

from govinfo_report._word._writer import write_docx

__all__ = ["write_docx"]
