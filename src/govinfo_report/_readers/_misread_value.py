"""A figure printed with a stray full stop (``1268.``), read without it.

Kept apart from `_misread` (which `_cells` imports) because it reads the
figure with `_cells.parse_value` and reports with `_cells.reading_finding`.
"""

from __future__ import annotations

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import CellSpec
from govinfo_report._readers._cells import parse_value, reading_finding
from govinfo_report._readers._misread import stray_stop
from govinfo_report._values import CellValue


def stopped_value(
    text: str, cell: CellSpec, where: str, findings: list[Finding]
) -> CellValue | None:
    """The figure of ``1268.`` (a warning added to ``findings``), or None.

    None when ``text`` is no figure with a stray stop, or the figure before
    the stop is none either (``1.5.`` in a count column).
    """
    figure = stray_stop(text.strip())
    if figure is None:
        return None
    value = parse_value(figure, cell.kind)
    if value is None:
        return None
    findings.append(
        reading_finding(
            FindingKind.AMBIGUOUS,
            where,
            f"{cell.place}：“{text.strip()}”末尾的句点不是数字的一部分，按 {figure} 读入",
            cells=[cell.id],
            severity=Severity.WARNING,
        )
    )
    return value
