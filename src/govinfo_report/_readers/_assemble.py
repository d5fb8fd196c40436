"""The one label-anchored table matcher every reader shares: `match_grid`, `build_report`.

A reader turns what it reads into a *grid*: rows of cell strings, each row with
the place it came from (a line number, a page, a table row). `match_grid` finds
the format's rows in that grid by their labels and the figures that follow each
label, never by counting figures across the input: a figure missing from one
row or one too many is reported at that row and does not move any other figure.
`build_report` then turns the match into a `Report` held as published.

The grid can be anything that has the labels and figures in reading order:

- one row per printed table row (HTML, Word, PDF tables, ``a | b | c`` text);
- one cell per row (the ``0 |`` flattening): a label, then its figures;
- a label on one row and its figures on the next, a label wrapped over rows;
- section headings, Article 20 block headings, column headers and group cells
  (``三、本年度办理结果``) mixed in: they are recognised and skipped.

Table 4's figure row has no label: figures that follow table 4's headers (or
section 四's heading) without a row label are its 15 figures in printed order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from govinfo_report._build import from_cells
from govinfo_report._findings import Finding, FindingKind
from govinfo_report._format import (
    AmountUnit,
    FormatVersion,
    RowSpec,
    TableSpec,
    format_spec,
)
from govinfo_report._limits import Deadline
from govinfo_report._model import Narrative, Report
from govinfo_report._readers._catalogue import _catalogue
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._matcher import CellRow, GridMatch, GridRow, _Matcher
from govinfo_report._readers._placing import _resolve
from govinfo_report._readers._split import Item
from govinfo_report._values import Mark


def match_grid(
    rows: Iterable[GridRow | CellRow | Sequence[str]],
    *,
    year: int | None = None,
    truncated: bool = False,
    deadline: Deadline | None = None,
    format_version: FormatVersion | None = None,
) -> GridMatch:
    """Find every figure of tables 2–4 in a grid by its row label and column.

    This is the stable entry point every reader (text, HTML, PDF, Word) uses.

    Args:
        rows: the grid, in reading order: `GridRow` values (or plain sequences
            of cell strings, then places are ``第 N 行``). Pass the rows of all
            tables of a document together, in document order; headings and
            other short lines between them may be passed as one-cell rows.
        year: the report year, used to choose the format when the labels do not
            show it (2019 and 2020: the trial format).
        truncated: the input was cut off after the last row: the figures of the
            last row found are kept in order and its missing ones are not
            reported separately (`build_report` reports the cut).
        format_version: the format to read by when the labels do not show
            it (the caller's hint; before the year is considered).
        deadline: checked every 256 rows (`govinfo_report.Limits.deadline`);
            `LimitExceededError` when the time is up.

    Returns:
        A `GridMatch`: values by cell id exactly as published (blank stays
        `Mark.BLANK`, ``/`` `Mark.NOT_APPLICABLE`), and reading findings with
        their places. A row whose figures cannot be placed with certainty
        (one missing, one too many, digits run together that split more than
        one way) keeps its cells out of ``values`` and has a finding.

    >>> m = match_grid([["规章", "0", "1", "2"], ["行政许可", "1,268"]])
    >>> m.values["active.rules.repealed"], m.values["active.licensing.decisions"]
    (1, 1268)
    """
    cat = _catalogue()
    matcher = _Matcher(cat)
    # a row whose item number stands alone before its figures, held for
    # the next row: the rest of its label (`_label_rest`)
    held: tuple[tuple[str, ...], int, str] | None = None
    for number, row in enumerate(rows, 1):
        if deadline is not None and not number % 256:
            deadline.check(f"表格第 {number} 行")
        cells: tuple[str, ...] | None
        if type(row) is Item or type(row) is GridRow:  # (most rows: no getattr)
            cells = row.cells
            where = row.where or f"第 {number} 行"
        else:
            cells = getattr(row, "cells", None)
            if cells is not None:
                where = getattr(row, "where", "") or f"第 {number} 行"
            else:
                cells, where = tuple(row), f"第 {number} 行"  # type: ignore[arg-type]
        if held is not None:
            held_cells, held_at, held_where = held
            held = None
            rest = _label_rest(cells)
            if rest is not None:
                joined = list(held_cells)
                joined[held_at] += rest
                matcher.feed(tuple(joined), held_where)
                continue
            matcher.feed(held_cells, held_where)
        if len(cells) > 1:
            at = _number_alone(cells)
            if at is not None:
                held = (cells, at, where)
                continue
        matcher.feed(cells, where)
    if held is not None:
        matcher.feed(held[0], held[2])
    matcher.close_pending()
    return _resolve(
        matcher,
        year=year,
        truncated=truncated,
        deadline=deadline,
        format_version=format_version,
    )


@cache
def _row_ids(spec: TableSpec) -> tuple[tuple[RowSpec, list[str]], ...]:
    return tuple(
        (row, [f"{spec.id.value}.{row.id}.{c.id}" for c in row.columns])
        for row in spec.rows
    )


def build_report(
    match: GridMatch,
    *,
    agency: str,
    year: int,
    date_of_issue: date | None = None,
    title: str | None = None,
    preface: Iterable[str] = (),
    overview: Narrative | None = None,
    problems: Narrative | None = None,
    other_matters: Narrative | None = None,
    truncated: bool = False,
    findings: Iterable[Finding] = (),
) -> Report:
    """The report held as published: figures read, MISSING for the rest, findings.

    Rows the grid lacks are reported as ``MISSING_ROW`` (a whole table as
    ``MISSING_SECTION``); with ``truncated`` every row after the last one read
    is instead covered by one ``TRUNCATED`` finding naming the table and row
    where the input ended. ``findings`` (e.g. from the narrative) come first.
    Nothing is computed: a total the input lacks stays `Mark.MISSING`.
    """
    all_findings = list(findings)
    all_findings.extend(match.findings)
    version = match.format_version
    specs = _specs(match)
    after_cut = truncated and match.last is None
    cut_cells: list[str] = []
    for spec in specs:
        if after_cut:
            cut_cells.extend(i for i in spec.cell_ids if i not in match.values)
            continue
        if not any(c.id in match.values for c in spec.cells):
            all_findings.append(
                reading_finding(
                    FindingKind.MISSING_SECTION,
                    "",
                    f"没有找到{spec.id.name_zh}（{spec.heading}）的数字",
                    cells=spec.cell_ids,
                )
            )
            continue
        for row, ids in _row_ids(spec):
            if after_cut:
                cut_cells.extend(i for i in ids if i not in match.values)
                continue
            if not any(i in match.values for i in ids):
                all_findings.append(
                    reading_finding(
                        FindingKind.MISSING_ROW,
                        "",
                        f"{spec.id.name_zh} 没有找到“{row.label}”这一行，其数字记为缺失",
                        cells=ids,
                    )
                )
            if truncated and match.last is not None and match.last[1] in ids:
                after_cut = True
                cut_cells.extend(i for i in ids if match.values.get(i) is Mark.MISSING)
    if truncated:
        if match.last is not None:
            table = match.last[0]
            where = f"{table.name_zh} {match.last_label}"
            message = f"输入在{where}处中断，其后 {len(cut_cells)} 个单元格缺失"
        else:
            message = f"输入在表格之前中断，{len(cut_cells)} 个单元格缺失"
        all_findings.append(
            reading_finding(
                FindingKind.TRUNCATED,
                match.last_where,
                message,
                cells=cut_cells,
            )
        )
    report = from_cells(
        match.values,
        agency=agency,
        year=year,
        format_version=version,
        date_of_issue=date_of_issue,
        title=title,
        preface=preface,
        overview=overview,
        problems=problems,
        other_matters=other_matters,
        requests_layout=match.requests_layout,
        as_published=True,
        amount_unit=_published_unit(match, specs[0]),
    )
    # The report was built just now and is no one else's: its findings are
    # set in place (what `attrs.evolve` gives, without building it again).
    object.__setattr__(report, "reading_findings", tuple(all_findings))
    return report


def _specs(match: GridMatch) -> tuple[TableSpec, TableSpec, TableSpec]:
    """Tables 2, 3 and 4 in the format and table-3 layout the labels show."""
    version = match.format_version
    return (
        format_spec(version).active,
        format_spec(match.requests_layout).requests,
        format_spec(version).appeals,
    )


def tables_complete(match: GridMatch) -> bool:
    """Every cell from the last row found to the end of table 4 was read.

    A text that ends right after table 4 lacks sections 五 and 六, but it was
    not cut off in a table: `build_report` with ``truncated`` would report a
    cut with no cell after it.
    """
    if match.last is None:
        return False
    after = False
    for spec in _specs(match):
        for _row, ids in _row_ids(spec):
            if after:
                if any(i not in match.values for i in ids):
                    return False
            elif match.last[1] in ids:
                after = True
                if any(match.values.get(i, Mark.MISSING) is Mark.MISSING for i in ids):
                    return False
    return after


def _published_unit(match: GridMatch, spec: TableSpec) -> AmountUnit | None:
    """The unit printed for table 2's amounts of published unit, if one was read."""
    if not spec.published_unit:
        return None
    units = {
        match.units[c.id]
        for c in spec.cells
        if c.column.published_unit and c.id in match.units
    }
    return units.pop() if len(units) == 1 else None


_NUMBER_ALONE = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）])\s*$")
"""A cell that holds an item number alone (``1.``, ``（2）``)."""
_NUMBER_ENDS = frozenset(".．、)）")
_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])"
)
"""Words that start a heading or an item of their own (``四、``, ``（五）``)."""
_MOST_WRAPPED = 40
"""Characters of the rest of a wrapped label (longer: a paragraph)."""
_FIGURE_CELL = re.compile(r"^\s*[\d,，.．]+\s*$")


def _number_alone(cells: tuple[str, ...]) -> int | None:
    """The index of the one cell that is an item number alone, with a figure after it.

    A row printed without rulings (a PDF's borderless table, text copied
    from one) whose label wraps has the item number and the row's figures on
    its first line (``（四）无法提供  1.  31  0 …``) and the label's words
    alone on the next (``本机关不掌握相关政府信息``). Read as they come, the
    words are a label with no figures, and the next row's figures are taken
    for its: such a row waits for the next (`_label_rest`), and the words
    join the number in its cell, as a ruled cell holds both lines.
    """
    found = None
    for index, cell in enumerate(cells):
        # (cheap tests first: this runs for every row of every table)
        if (
            1 < len(cell) <= 6
            and cell[-1] in _NUMBER_ENDS
            and _NUMBER_ALONE.match(cell)
        ):
            if found is not None:
                return None
            found = index
    if found is None or not any(_FIGURE_CELL.match(c) for c in cells[found + 1 :]):
        return None
    return found


def _label_rest(cells: tuple[str, ...]) -> str | None:
    """The rest of a wrapped label when ``cells`` is one (see `_number_alone`), else None.

    One short cell without a digit that starts no heading or item of its own.
    """
    words = [c for c in cells if c.strip()]
    if len(words) != 1:
        return None
    rest = words[0].strip()
    if (
        len(rest) > _MOST_WRAPPED
        or any(ch.isdigit() for ch in rest)
        or _NUMBERED.match(rest)
    ):
        return None
    return rest
