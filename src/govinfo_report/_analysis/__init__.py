"""Analysis across reports and against the narrative: years, agencies, text, sections."""

from __future__ import annotations

from govinfo_report._analysis._agencies import aggregate, check_consolidated
from govinfo_report._analysis._checks import ANALYSIS_RULES, AnalysisRule
from govinfo_report._analysis._sections import (
    check_narrative,
    check_sections,
    information_processing_fee,
)
from govinfo_report._analysis._stated import StatedFigure, narrative_figures
from govinfo_report._analysis._years import (
    YearChange,
    compare_years,
    year_over_year,
    year_over_year_frame,
)

__all__ = [
    "ANALYSIS_RULES",
    "AnalysisRule",
    "StatedFigure",
    "YearChange",
    "aggregate",
    "check_consolidated",
    "check_narrative",
    "check_sections",
    "compare_years",
    "information_processing_fee",
    "narrative_figures",
    "year_over_year",
    "year_over_year_frame",
]
