"""govinfo_report: China's government information disclosure annual reports.

政府信息公开工作年度报告的类型化数据模型、勾稽关系校验、交换格式与 Word 输出。

The public API is what this module exports (``__all__``); every other module is
private.
"""

from __future__ import annotations

from govinfo_report._analysis._agencies import aggregate, check_consolidated
from govinfo_report._analysis._narrative import StatedFigure, narrative_figures
from govinfo_report._analysis._rules import ANALYSIS_RULES, AnalysisRule
from govinfo_report._analysis._sections import (
    check_narrative,
    check_sections,
    information_processing_fee,
)
from govinfo_report._analysis._years import (
    YearChange,
    compare_years,
    year_over_year,
    year_over_year_frame,
)
from govinfo_report._build import from_cells
from govinfo_report._docx import read_docx, write_docx
from govinfo_report._examples import example_report
from govinfo_report._exchange import (
    CSV_COLUMNS,
    CellRecord,
    from_csv,
    from_dict,
    from_json,
    json_schema,
    to_csv,
    to_dataframe,
    to_dict,
    to_json,
    to_records,
)
from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import (
    ActiveColumn,
    ActiveRow,
    AppealGroup,
    AppealResult,
    Applicant,
    Article20Item,
    CellKind,
    CellSpec,
    ColumnSpec,
    FormatSpec,
    FormatVersion,
    Outcome,
    RowRole,
    RowSpec,
    SectionId,
    SectionSpec,
    TableId,
    TableSpec,
    format_spec,
)
from govinfo_report._limits import DEFAULT_LIMITS, Limits
from govinfo_report._model import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    Appeals,
    Metadata,
    Narrative,
    Report,
    Requests,
    Requests2019,
    Subsection,
)
from govinfo_report._publish import check_publishable
from govinfo_report._readers._html import read_html
from govinfo_report._readers._pdf import read_pdf
from govinfo_report._readers._read import read
from govinfo_report._readers._text import read_text
from govinfo_report._rules import RULES, Rule, Scope, Select
from govinfo_report._validate import validate
from govinfo_report._values import BLANK, MISSING, NOT_APPLICABLE, CellValue, Mark
from govinfo_report.exceptions import (
    ExchangeFormatError,
    GovinfoReportError,
    InconsistentReportError,
    InvalidCellError,
    InvalidReportError,
    LimitExceededError,
    MissingDependencyError,
    NotAReportError,
    ReadError,
    UnknownCellError,
    UnpublishableReportError,
    WriteError,
)

__version__ = "0.1.0"

__all__ = [
    "ANALYSIS_RULES",
    "BLANK",
    "CSV_COLUMNS",
    "DEFAULT_LIMITS",
    "MISSING",
    "NOT_APPLICABLE",
    "RULES",
    "ActiveColumn",
    "ActiveDisclosure",
    "ActiveDisclosure2019",
    "ActiveRow",
    "AnalysisRule",
    "AppealGroup",
    "AppealResult",
    "Appeals",
    "Applicant",
    "Article20Item",
    "CellKind",
    "CellRecord",
    "CellSpec",
    "CellValue",
    "ColumnSpec",
    "ExchangeFormatError",
    "Finding",
    "FindingKind",
    "FormatSpec",
    "FormatVersion",
    "GovinfoReportError",
    "InconsistentReportError",
    "InvalidCellError",
    "InvalidReportError",
    "LimitExceededError",
    "Limits",
    "Mark",
    "Metadata",
    "MissingDependencyError",
    "Narrative",
    "NotAReportError",
    "Outcome",
    "ReadError",
    "Report",
    "Requests",
    "Requests2019",
    "RowRole",
    "RowSpec",
    "Rule",
    "Scope",
    "SectionId",
    "SectionSpec",
    "Select",
    "Severity",
    "StatedFigure",
    "Subsection",
    "TableId",
    "TableSpec",
    "UnknownCellError",
    "UnpublishableReportError",
    "WriteError",
    "YearChange",
    "__version__",
    "aggregate",
    "check_consolidated",
    "check_narrative",
    "check_publishable",
    "check_sections",
    "compare_years",
    "example_report",
    "format_spec",
    "from_cells",
    "from_csv",
    "from_dict",
    "from_json",
    "information_processing_fee",
    "json_schema",
    "narrative_figures",
    "read",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
    "to_csv",
    "to_dataframe",
    "to_dict",
    "to_json",
    "to_records",
    "validate",
    "write_docx",
    "year_over_year",
    "year_over_year_frame",
]
