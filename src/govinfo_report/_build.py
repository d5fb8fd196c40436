"""Build a report from cell ids: the one constructor most callers need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from govinfo_report._format import FormatVersion, TableId, all_cell_specs
from govinfo_report._model import Metadata, Narrative, Report, table_type
from govinfo_report.exceptions import UnknownCellError

__all__ = ["from_cells"]


def from_cells(
    cells: Mapping[str, object],
    *,
    agency: str,
    year: int,
    format_version: FormatVersion = FormatVersion.V2021,
    date_of_issue: date | None = None,
    title: str | None = None,
    preface: Iterable[str] = (),
    overview: Narrative | None = None,
    problems: Narrative | None = None,
    other_matters: Narrative | None = None,
    requests_layout: FormatVersion | None = None,
    as_published: bool = False,
) -> Report:
    """Build a report from a mapping of cell ids to figures.

    By default the figures are leaf figures: a cell the agency fills in that is
    not given is 0, and every total (R2, R3, R6 and ``（七）总计``) and the
    carry-forward (``四、结转下年度继续办理``, by R1) are derived. A total that
    is given is checked against the derived one. With ``as_published=True``
    nothing is derived or checked: cells not given are `MISSING` and the
    report keeps every published break for `validate` to report.

    Args:
        cells: cell id → ``int`` (counts), ``Decimal`` (amounts) or a `Mark`.
        agency: the publishing agency.
        year: the report year.
        format_version: the official format (2021 by default).
        date_of_issue: the date printed at the end of the report.
        title: the title as published, when not the standard one.
        preface: paragraphs before section 一.
        overview: section 一.
        problems: section 五.
        other_matters: section 六.
        requests_layout: ``FormatVersion.V2019`` for a 2021 report whose table 3
            has the 2019 layout (one ``（六）其他处理`` row).
        as_published: hold the figures exactly as given.

    Raises:
        UnknownCellError: an id that the report's format does not have.
        InvalidCellError: a value that the cell cannot hold.
        InconsistentReportError: given figures that break a cross-check.
        InvalidReportError: metadata of the wrong type.

    >>> report = from_cells(
    ...     {"requests.received.natural_person": 3, "requests.granted.natural_person": 2},
    ...     agency="示例局", year=2024)
    >>> report["requests.total.total"], report["requests.carried_forward.natural_person"]
    (2, 1)
    """
    if requests_layout is None:
        requests_layout = format_version
    if (
        format_version is FormatVersion.V2019
        and requests_layout is not FormatVersion.V2019
    ):
        raise UnknownCellError("requests", "2019 版格式的报告，表三只能是 2019 版格式")
    layouts = {
        TableId.ACTIVE: format_version,
        TableId.REQUESTS: requests_layout,
        TableId.APPEALS: format_version,
    }
    parts: dict[TableId, dict[str, object]] = {t: {} for t in TableId}
    for cell_id, value in cells.items():
        if not isinstance(cell_id, str):
            raise UnknownCellError(repr(cell_id), "单元格编号应为字符串（str）")
        table_name = cell_id.split(".", 1)[0]
        try:
            table = TableId(table_name)
        except ValueError:
            hint = "单元格编号以 active.、requests. 或 appeals. 开头"
            raise UnknownCellError(cell_id, hint) from None
        parts[table][cell_id] = value
    tables = {
        t.value: table_type(t.value, layouts[t]).from_cells(
            parts[t], derive_totals=not as_published
        )
        for t in TableId
    }
    return Report(
        metadata=Metadata(
            agency=agency,
            year=year,
            format_version=format_version,
            date_of_issue=date_of_issue,
            title=title,
        ),
        preface=preface,
        overview=overview if overview is not None else Narrative(),
        problems=problems if problems is not None else Narrative(),
        other_matters=other_matters if other_matters is not None else Narrative(),
        as_published=as_published,
        **tables,  # type: ignore[arg-type]
    )


def is_cell_id(cell_id: str) -> bool:
    """True when ``cell_id`` is a cell of some layout of some format."""
    return cell_id in all_cell_specs()
