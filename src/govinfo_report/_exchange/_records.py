"""Flat cell records: one record per figure, as a list or a DataFrame.

The long shape researchers load for analysis: every figure of every report is
one record carrying the report's metadata, the cell id, where the cell stands
by official label, its value and what kind of value it is. Records carry the
figures and the metadata only, never the narrative sections. The same records
as a CSV file are `_csv`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from govinfo_report._exchange._document import kind_name
from govinfo_report._format import AmountUnit, FormatVersion, TableId, TableSpec
from govinfo_report._model import Report
from govinfo_report._values import CellValue, Mark
from govinfo_report.exceptions import InvalidReportError, MissingDependencyError

if TYPE_CHECKING:
    import pandas

ValueKind: TypeAlias = Literal["count", "amount", "blank", "not_applicable", "missing"]
"""What a record's value is: a figure (count or amount) or a mark."""

MARK_KIND: Final[dict[Mark, ValueKind]] = {
    Mark.BLANK: "blank",
    Mark.NOT_APPLICABLE: "not_applicable",
    Mark.MISSING: "missing",
}
"""The ``kind`` of a record whose value is a mark."""
KIND_MARK: Final = {kind: mark for mark, kind in MARK_KIND.items()}
"""The mark a ``kind`` stands for (the reverse of `MARK_KIND`)."""


@attrs.frozen(kw_only=True)
class CellRecord:
    """One figure of one report, with the report's metadata (a row of `to_csv`).

    Attributes:
        agency: the publishing agency (发布机关).
        year: the report year (统计年度).
        format_version: the report's format.
        date_of_issue: the report's date of issue (成文日期), if known.
        title: the title as published, when not the standard one.
        table: the table of the cell (``active``, ``requests``, ``appeals``).
        layout: the layout of that table (``2019`` for a hybrid's table 3).
        cell_id: the cell id, e.g. ``requests.granted.natural_person``.
        row_label: the official row label, e.g. ``（一）予以公开``.
        column_label: the official column label, e.g. ``自然人``.
        value: the figure (``int`` or ``Decimal``) or the `Mark`.
        kind: ``count``, ``amount``, ``blank``, ``not_applicable`` or ``missing``.
        unit: the unit of an amount cell (``万元`` for 2021 表二's fees; for
            2019 ``采购总金额`` the unit the report prints, None when it does
            not say); None for a count.
    """

    agency: str
    year: int
    format_version: FormatVersion
    date_of_issue: date | None
    title: str | None
    table: TableId
    layout: FormatVersion
    cell_id: str
    row_label: str
    column_label: str
    value: CellValue
    kind: ValueKind
    unit: AmountUnit | None = None


CSV_COLUMNS: Final = tuple(field.name for field in attrs.fields(CellRecord))
"""The columns of the CSV file and the DataFrame, in order."""


_CellColumns: TypeAlias = tuple[tuple[tuple[str, str, str, str, str], str], ...]
_CELL_COLUMNS: dict[tuple[TableId, FormatVersion], _CellColumns] = {}


def cell_columns(spec: TableSpec) -> _CellColumns:
    """Per cell of a table: the columns ``table`` … ``column_label``, and its figure kind."""
    key = (spec.id, spec.layout)
    columns = _CELL_COLUMNS.get(key)
    if columns is None:
        columns = tuple(
            (
                (
                    spec.id.value,
                    spec.layout.value,
                    cell.id,
                    cell.row.label,
                    cell.column.label,
                ),
                kind_name(cell.kind),
            )
            for cell in spec.cells
        )
        _CELL_COLUMNS[key] = columns
    return columns


def cell_units(
    spec: TableSpec, published: AmountUnit | None
) -> tuple[AmountUnit | None, ...]:
    """Per cell of a table: the unit of its amounts (None for counts).

    ``published`` is the table's ``amount_unit``: the unit of the amount
    columns the format gives none.
    """
    return tuple(
        published if cell.column.published_unit else cell.column.unit
        for cell in spec.cells
    )


def each_report(reports: Report | Iterable[Report]) -> Iterator[Report]:
    """One report or each of many, refusing what is not a `Report`."""
    if isinstance(reports, Report):
        yield reports
        return
    for report in reports:
        if not isinstance(report, Report):
            raise InvalidReportError(f"应为 Report，不是 {type(report).__name__}")
        yield report


def to_records(reports: Report | Iterable[Report]) -> list[CellRecord]:
    """One record per figure of one report or of many, in printed order.

    >>> from govinfo_report import example_report
    >>> records = to_records(example_report())
    >>> first = records[0]
    >>> first.cell_id, first.row_label, first.column_label, first.value, first.kind
    ('active.rules.issued', '规章', '本年制发件数', 0, 'count')
    """
    records = []
    for report in each_report(reports):
        meta = report.metadata
        agency, year, version = meta.agency, meta.year, meta.format_version
        issued, title = meta.date_of_issue, meta.title
        for table in report.tables:
            spec = table.spec
            units = cell_units(spec, table.amount_unit)
            for (
                ((_, _, cell_id, row_label, column_label), figure_kind),
                value,
                unit,
            ) in zip(cell_columns(spec), table.values, units, strict=True):
                records.append(
                    CellRecord(
                        agency=agency,
                        year=year,
                        format_version=version,
                        date_of_issue=issued,
                        title=title,
                        table=spec.id,
                        layout=spec.layout,
                        cell_id=cell_id,
                        row_label=row_label,
                        column_label=column_label,
                        value=value,
                        kind=MARK_KIND[value] if type(value) is Mark else figure_kind,  # type: ignore[arg-type]
                        unit=unit,
                    )
                )
    return records


def to_dataframe(reports: Report | Iterable[Report]) -> pandas.DataFrame:
    """One long table of every figure of one report or many (needs pandas).

    Columns are `CSV_COLUMNS`; ``value`` holds ``int`` and ``Decimal`` figures
    exactly (object dtype) and ``None`` where the cell holds a mark (see
    ``kind``); enum columns hold their text (``"2021"``, ``"requests"``).

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError(
            "to_dataframe 需要 pandas（requires pandas）："
            "pip install 'govinfo-report[pandas]'",
            package="pandas",
        ) from None
    records = to_records(reports)
    columns: dict[str, list[Any]] = {name: [] for name in CSV_COLUMNS}
    for record in records:
        for name in CSV_COLUMNS:
            value = getattr(record, name)
            if isinstance(value, (FormatVersion, TableId, AmountUnit)):
                value = value.value
            elif type(value) is Mark:
                value = None
            columns[name].append(value)
    frame = pandas.DataFrame(
        {
            name: pandas.Series(
                values, dtype=object if name in ("value", "date_of_issue") else None
            )
            for name, values in columns.items()
        }
    )
    return frame
