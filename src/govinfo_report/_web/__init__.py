"""The web page writer: `write_html` (a standalone page or a CMS fragment)."""

from __future__ import annotations

from govinfo_report._web._writer import STYLE, html_text, write_html

__all__ = ["STYLE", "html_text", "write_html"]
