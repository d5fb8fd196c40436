"""How the three tables are laid out on the page, derived from their `TableSpec`.

Every label, row, group and column comes from the format table (`_format`):
adding a row to the format adds a row here with no change to this module.
The result is a list of `WordRow` for `_xml.table_element`, plus the column
widths in millimetres.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    REQUESTS_NOTE,
    AmountUnit,
    Applicant,
    ColumnSpec,
    RowSpec,
    TableSpec,
)
from govinfo_report._ooxml._xml import Align, GridCell, VMerge, WordRow
from govinfo_report._values import CellValue, Mark

TEXT_WIDTH_MM = 156.0
"""A4 (210 mm) less the GB/T 9704 left (28 mm) and right (26 mm) margins."""


@attrs.frozen
class TableLayout:
    """A table ready to be built: column widths (mm) and rows of cells.

    Attributes:
        widths_mm: the width of every grid column; they add up to the text width.
        rows: the rows, header rows first.
        small: set the table in the smaller table type (9 pt).
    """

    widths_mm: tuple[float, ...]
    rows: tuple[WordRow, ...]
    small: bool


def figure_text(value: CellValue) -> str:
    """A figure as the table prints it: blank stays blank, ``/`` stays ``/``.

    Amounts keep their published precision (``Decimal("12.50")`` prints
    ``12.50``) and are never written in exponent form.

    >>> figure_text(Decimal("0E-4")), figure_text(Mark.NOT_APPLICABLE), figure_text(7)
    ('0.0000', '/', '7')
    """
    if isinstance(value, Mark):
        return value.text
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _even(total: float, parts: int) -> list[float]:
    return [total / parts] * parts


def _spread(count: int, width: int) -> list[int]:
    """Spans for ``count`` cells over ``width`` grid columns: the last one takes the rest."""
    if count >= width:
        return [1] * count
    return [1] * (count - 1) + [width - count + 1]


def _header(text: str, span: int = 1, vmerge: VMerge = VMerge.NONE) -> GridCell:
    return GridCell(text, span=span, vmerge=vmerge, bold=True)


# --------------------------------------------------------------------- table 2


def active_layout(
    spec: TableSpec,
    values: Sequence[CellValue],
    amount_unit: AmountUnit | None = None,
) -> TableLayout:
    """Table 2: per Article 20 item a heading row across the table, a header row
    (``信息内容`` and the column labels) and the data rows. A block with fewer
    figure columns than the widest spreads its last column over the rest.
    ``amount_unit`` (2019 ``采购总金额``) is printed in its column's header.
    """
    figures = max(len(row.columns) for row in spec.rows)
    width = 1 + figures
    blocks: list[list[RowSpec]] = []
    for row in spec.rows:
        if blocks and blocks[-1][0].groups == row.groups:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    position = {c.id: c.index for c in spec.cells}
    rows: list[WordRow] = []
    for block in blocks:
        heading = block[0].groups[0] if block[0].groups else ""
        rows.append(WordRow((_header(heading, width),), keep_next=True))
        spans = _spread(len(block[0].columns), figures)
        labels = [c.heading(amount_unit) for c in block[0].columns]
        rows.append(
            WordRow(
                (
                    _header(CONTENT_HEADING),
                    *(_header(t, s) for t, s in zip(labels, spans, strict=True)),
                ),
                keep_next=True,
            )
        )
        for row in block:
            spans = _spread(len(row.columns), figures)
            ids = [f"{spec.id.value}.{row.id}.{c.id}" for c in row.columns]
            cells = [
                GridCell(figure_text(values[position[i]]), span=s, cell_id=i)
                for i, s in zip(ids, spans, strict=True)
            ]
            rows.append(WordRow((GridCell(row.label), *cells), keep_next=True))
    # The last row may break from what follows; the rest keep the table together.
    rows[-1] = attrs.evolve(rows[-1], keep_next=False)
    widths = [40.0, *_even(TEXT_WIDTH_MM - 40.0, figures)]
    return TableLayout(tuple(widths), tuple(rows), small=False)


# --------------------------------------------------------------------- table 3


def _column_groups(columns: Sequence[ColumnSpec]) -> list[tuple[str | None, int]]:
    """Consecutive columns under ``法人或其他组织`` as one group, the others alone."""
    groups: list[tuple[str | None, int]] = []
    for column in columns:
        grouped = isinstance(column.key, Applicant) and column.key.is_legal_person
        if grouped and groups and groups[-1][0] == LEGAL_PERSONS_HEADING:
            groups[-1] = (LEGAL_PERSONS_HEADING, groups[-1][1] + 1)
        else:
            groups.append((LEGAL_PERSONS_HEADING if grouped else None, 1))
    return groups


def requests_layout(spec: TableSpec, values: Sequence[CellValue]) -> TableLayout:
    """Table 3: the note cell over 3 label columns × 3 header rows, ``申请人情况``
    over the figure columns, ``自然人``/``总计`` over two header rows and
    ``法人或其他组织`` over its five; then each row with its group cells
    (``三、本年度办理结果``, ``（三）不予公开``…) merged vertically.
    """
    columns = spec.rows[0].columns
    depth = 1 + max(len(row.groups) for row in spec.rows)
    note = (REQUESTS_NOTE, depth)
    top = [
        _header(note[0], note[1], VMerge.RESTART),
        _header(APPLICANTS_HEADING, len(columns)),
    ]
    middle = [GridCell("", depth, VMerge.CONTINUE)]
    bottom = [GridCell("", depth, VMerge.CONTINUE)]
    index = 0
    for group, count in _column_groups(columns):
        if group is None:
            middle.append(_header(columns[index].label, vmerge=VMerge.RESTART))
            bottom.append(GridCell("", vmerge=VMerge.CONTINUE))
        else:
            middle.append(_header(group, count))
            bottom.extend(_header(c.label) for c in columns[index : index + count])
        index += count
    rows = [
        WordRow(tuple(top), header=True),
        WordRow(tuple(middle), header=True),
        WordRow(tuple(bottom), header=True),
    ]
    previous: tuple[str, ...] = ()
    position = 0
    for row in spec.rows:
        cells: list[GridCell] = []
        for level, group in enumerate(row.groups):
            same = previous[: level + 1] == row.groups[: level + 1]
            if same:
                cells.append(GridCell("", vmerge=VMerge.CONTINUE))
            else:
                cells.append(GridCell(group, vmerge=VMerge.RESTART))
        cells.append(
            GridCell(row.label, span=depth - len(row.groups), align=Align.LEFT)
        )
        for _column in row.columns:
            cell_id = spec.cells[position].id
            cells.append(GridCell(figure_text(values[position]), cell_id=cell_id))
            position += 1
        rows.append(WordRow(tuple(cells)))
        previous = row.groups
    label_widths = [6.0, 15.0, 51.0][-depth:] if depth <= 3 else _even(72.0, depth)
    figure_width = (TEXT_WIDTH_MM - sum(label_widths)) / len(columns)
    widths = [*label_widths, *([figure_width] * len(columns))]
    return TableLayout(tuple(widths), tuple(rows), small=True)


# --------------------------------------------------------------------- table 4


def appeals_layout(spec: TableSpec, values: Sequence[CellValue]) -> TableLayout:
    """Table 4: a three-level header (``行政复议`` | ``行政诉讼`` › ``未经复议直接起诉``
    / ``复议后起诉``) over the result columns, then one row of every figure.
    """
    depth = max(len(row.groups) for row in spec.rows) + 2
    header: list[list[GridCell]] = [[] for _ in range(depth)]
    for level in range(depth):
        previous: tuple[str, ...] | None = None
        for row in spec.rows:
            span = len(row.columns)
            level_cells = header[level]
            if level < len(row.groups):
                prefix = row.groups[: level + 1]
                if prefix == previous and level_cells:
                    last = level_cells[-1]
                    level_cells[-1] = attrs.evolve(last, span=last.span + span)
                else:
                    level_cells.append(_header(row.groups[level], span))
                previous = prefix
                continue
            previous = None
            if level == len(row.groups):
                level_cells.append(_header(row.label, span))
            elif level == len(row.groups) + 1:
                merge = VMerge.RESTART if level < depth - 1 else VMerge.NONE
                level_cells.extend(_header(c.label, vmerge=merge) for c in row.columns)
            else:
                merge = VMerge.CONTINUE
                level_cells.extend(GridCell("", vmerge=merge) for _ in row.columns)
    rows = [WordRow(tuple(cells), header=True) for cells in header]
    rows.append(
        WordRow(
            tuple(
                GridCell(figure_text(v), cell_id=c.id)
                for c, v in zip(spec.cells, values, strict=True)
            )
        )
    )
    width = sum(len(row.columns) for row in spec.rows)
    return TableLayout(tuple(_even(TEXT_WIDTH_MM, width)), tuple(rows), small=True)
