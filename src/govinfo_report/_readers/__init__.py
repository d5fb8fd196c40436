"""Readers for reports as they are really published: text, HTML, PDF.

Every reader turns its input into lines of text and grids of cells, then hands
the grids to the one label-anchored table matcher (`match_grid`) and the
lines to the narrative splitter (`_split.split_sections`).
"""

from __future__ import annotations

from govinfo_report._readers._assemble import build_report, match_grid
from govinfo_report._readers._matcher import GridMatch, GridRow

__all__ = ["GridMatch", "GridRow", "build_report", "match_grid"]
