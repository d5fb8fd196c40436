"""Build a report from cell ids: the one constructor most callers need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache

import attrs

from govinfo_report._findings import Finding
from govinfo_report._format import AmountUnit, FormatVersion, TableId, all_cell_specs
from govinfo_report._model import Metadata, Narrative, Report, table_type
from govinfo_report.exceptions import (
    InconsistentReportError,
    InvalidReportError,
    UnknownCellError,
)

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
    amount_unit: AmountUnit | str | None = None,
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
        amount_unit: the unit the report prints for 2019 表二 ``采购总金额``
            (``AmountUnit.YUAN``/``"元"`` or ``AmountUnit.WAN_YUAN``/``"万元"``);
            the format fixes the unit of every other amount (2021: 万元).

    Raises:
        UnknownCellError: an id that the report's format does not have.
        InvalidCellError: a value that the cell cannot hold.
        InconsistentReportError: given figures that break a cross-check; it
            lists every break of every table, not only the first.
        InvalidReportError: metadata of the wrong type, or an ``amount_unit``
            for a format that fixes its units.

    >>> report = from_cells(
    ...     {"requests.received.natural_person": 3, "requests.granted.natural_person": 2},
    ...     agency="示例局", year=2024)
    >>> report["requests.total.total"], report["requests.carried_forward.natural_person"]
    (2, 1)
    """
    if not isinstance(format_version, FormatVersion):
        raise InvalidReportError(
            f"format_version 应为 FormatVersion.V2021 或 V2019，不是 {format_version!r}"
        )
    if requests_layout is None:
        requests_layout = format_version
    elif not isinstance(requests_layout, FormatVersion):
        raise InvalidReportError(
            f"requests_layout 应为 FormatVersion 或 None，不是 {requests_layout!r}"
        )
    if (
        format_version is FormatVersion.V2019
        and requests_layout is not FormatVersion.V2019
    ):
        raise InvalidReportError(
            "requests_layout：2019 版格式的报告，表三只能是 2019 版格式"
        )
    if not isinstance(cells, Mapping):
        raise InvalidReportError(
            f"cells 应为单元格编号到数字的映射（Mapping[str, ...]），"
            f"不是 {type(cells).__name__}"
        )
    metadata = Metadata(
        agency=agency,
        year=year,
        format_version=format_version,
        date_of_issue=date_of_issue,
        title=title,
    )
    table_of = _table_of()
    parts = _known_parts(cells, table_of)
    if parts is None:
        parts = {t.value: {} for t in TableId}
        for cell_id, value in cells.items():
            part = None
            if type(cell_id) is str:
                name = table_of.get(cell_id)  # (a format's id: no string cut)
                part = parts.get(
                    name if name is not None else cell_id.partition(".")[0]
                )
            if part is None:
                if not isinstance(cell_id, str):
                    raise UnknownCellError(repr(cell_id), "单元格编号应为字符串（str）")
                hint = "单元格编号以 active.、requests. 或 appeals. 开头"
                raise UnknownCellError(cell_id, hint)
            part[cell_id] = value
    layouts = {
        TableId.ACTIVE: format_version,
        TableId.REQUESTS: requests_layout,
        TableId.APPEALS: format_version,
    }
    findings: list[Finding] = []
    tables: dict[str, object] = {}
    for table_id in TableId:
        table, found = table_type(table_id.value, layouts[table_id])._build(
            parts[table_id.value], derive_totals=not as_published
        )
        findings.extend(found)
        if table_id is TableId.ACTIVE and amount_unit is not None and table is not None:
            table = attrs.evolve(table, amount_unit=amount_unit)
        tables[table_id.value] = table
    if findings:
        raise InconsistentReportError(findings)
    return Report(
        metadata=metadata,
        preface=preface,
        overview=overview if overview is not None else Narrative(),
        problems=problems if problems is not None else Narrative(),
        other_matters=other_matters if other_matters is not None else Narrative(),
        as_published=as_published,
        **tables,  # type: ignore[arg-type]
    )


def _known_parts(
    cells: Mapping[str, object], table_of: dict[str, str]
) -> dict[str, dict[str, object]] | None:
    """``cells`` by table, when every key is a cell id of the format (the
    common case: one step a cell, no test); None for any other key (the
    caller's loop then says what is wrong with it)."""
    if not set(map(type, cells)) <= {str}:
        return None
    parts: dict[str, dict[str, object]] = {t.value: {} for t in TableId}
    try:
        for cell_id, value in cells.items():
            parts[table_of[cell_id]][cell_id] = value
    except KeyError:
        return None
    return parts


@cache
def _table_of() -> dict[str, str]:
    """Every cell id of the format (all layouts) → its table's id."""
    return {cell_id: cell_id.partition(".")[0] for cell_id in all_cell_specs()}


def is_cell_id(cell_id: str) -> bool:
    """True when ``cell_id`` is a cell of some layout of some format."""
    return cell_id in all_cell_specs()
