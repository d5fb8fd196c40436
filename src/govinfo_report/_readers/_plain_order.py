"""Table 3 as plain ``pdftotext`` (no ``-layout``) gives it: labels apart from figures.

Without ``-layout``, pdftotext writes each text block of a page in its own
order: a table's figures come one a line, row after row, but the labels of
some rows come together elsewhere (after the last figure, or two labels
before the figures of both), and a label followed by three rows' figures
cost all three rows (extra figures), the rows whose labels stood apart too
(no figures). The text may also give every label first, then the figures
column by column.

`reordered_requests` reads such a table 3 when the order can be proven and
writes it again as one row a line (``label<TAB>figures``), for the text
reader to read as any table:

- every run of figures follows the labels printed since the run before, and
  those are consecutive rows of the format; the run holds a whole number of
  rows' figures, given to those rows and the rows after them in the
  format's order;
- every row of the table is given figures once, nothing is left over;
- every cross-check of table 3 (R1, R2, R3) holds for the figures so read,
  and, where the whole table is one run after all its labels, for one of
  the two orders (row by row, column by column) only.

Anything else leaves the text as it is (its rows reported as before). The
rows read by their place are named in a warning.
"""

from __future__ import annotations

from functools import cache

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import FormatVersion, TableSpec, format_spec
from govinfo_report._labels import normalize_label
from govinfo_report._readers._cells import (
    is_page_marker,
    is_value_text,
    reading_finding,
)
from govinfo_report._rules import compile_checks

__all__ = ["Reordered", "checks_hold", "reordered_requests", "section_bounds"]

_MAX_TABLE_LINES = 2_000  # a table 3 longer than this is no pdftotext table


@attrs.frozen
class Reordered:
    """Table 3 written again, one row a line.

    Attributes:
        text: the whole text with table 3's rows rewritten.
        finding: the warning naming the rows read by their place.
    """

    text: str
    finding: Finding


@attrs.frozen
class _Run:
    """Figures one a line, and the labels printed since the run before."""

    rows: tuple[int, ...]  # format rows whose labels stand before the run
    figures: tuple[int, ...]
    first_line: int  # where its first label (or, without labels, the run) starts


def _labels_in(
    text: str, labels: list[str], groups: frozenset[str]
) -> list[tuple[int, int]] | None:
    """The rows whose labels ``text`` holds and where each starts, in the
    order printed; None when two of them overlap."""
    found: list[tuple[int, int, int]] = []
    for row, label in enumerate(labels):
        start = text.find(label)
        if start < 0:
            start = _find(text, label, groups)  # broken by a group's piece
            if start >= 0:
                found.append((start, start + len(label), row))
            continue
        while start >= 0:
            found.append((start, start + len(label), row))
            start = text.find(label, start + 1)
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, int]] = []
    for start, end, row in found:
        if kept and start < kept[-1][1]:
            if end <= kept[-1][1]:
                continue  # a label inside a longer one (``（七）总计`` in ``三、…（七）总计``)
            return None
        kept.append((start, end, row))
    return [(row, start) for start, _, row in kept]


_MAX_GAP = 12  # the longest piece of a group cell printed inside a label


def _find(text: str, label: str, groups: frozenset[str]) -> int:
    """Where ``text`` holds ``label``, whole or broken once by a piece of a
    group cell beside it (``2.申请人逾期未按收费通知要求缴`` ``他处理``
    ``纳费用…``: ``（六）其他处理`` printed downwards across the label's
    lines); -1 when it does not."""
    start = text.find(label)
    if start >= 0 or not groups:
        return start
    for cut in range(1, len(label)):
        head, tail = label[:cut], label[cut:]
        start = text.find(head)
        while start >= 0:
            after = start + len(head)
            end = text.find(tail, after + 1, after + _MAX_GAP + len(tail) + 1)
            if end > after and any(text[after:end] in group for group in groups):
                return start
            start = text.find(head, start + 1)
    return -1


def _runs(
    lines: list[str], start: int, stop: int, labels: list[str], groups: frozenset[str]
) -> list[_Run] | None:
    """The runs of figures between ``start`` and ``stop``, each with the rows
    whose labels stand before it; None when a figure is no plain count."""
    runs: list[_Run] = []
    text: list[tuple[int, str]] = []  # (line number, the line as labels are)
    for number in range(start, stop + 1):
        line = lines[number].strip() if number < stop else ""
        if number < stop and (not line or is_page_marker(line)):
            continue
        if number < stop and is_value_text(line):
            if not line.isascii() or not line.isdigit():
                return None  # a mark, a unit: read as printed, not here
            if text or not runs:
                joined = "".join(t for _, t in text)
                found = _labels_in(joined, labels, groups)
                if found is None:
                    return None
                first = number
                if found:
                    offset = found[0][1]
                    for line_number, part in text:  # the line the first label starts on
                        if offset < len(part):
                            first = line_number
                            break
                        offset -= len(part)
                runs.append(_Run(tuple(r for r, _ in found), (), first))
                text = []
            last = runs[-1]
            runs[-1] = attrs.evolve(last, figures=(*last.figures, int(line)))
            continue
        if number < stop:
            text.append((number, normalize_label(line)))
    return runs


def _by_rows(
    runs: list[_Run], rows: int, width: int
) -> tuple[list[list[int]], set[int]] | None:
    """Each row's figures, runs given to rows in order; and the rows whose
    labels stood apart from their figures. None when the runs do not fit."""
    table: list[list[int] | None] = [None] * rows
    apart: set[int] = set()
    at = 0  # the first row not yet given figures
    for run in runs:
        size, left = divmod(len(run.figures), width)
        if left or not size:
            return None
        first = run.rows[0] if run.rows else at
        if first < at or list(run.rows) != list(range(first, first + len(run.rows))):
            return None  # labels out of the format's order: no proof
        if first + size > rows or len(run.rows) > size:
            return None
        for k in range(size):
            table[first + k] = list(run.figures[k * width : (k + 1) * width])
            if k > 0 or not run.rows:  # not right before its own figures
                apart.add(first + k)
        at = first + size
    if any(row is None for row in table):
        return None
    return [row for row in table if row is not None], apart


def _by_columns(figures: tuple[int, ...], rows: int, width: int) -> list[list[int]]:
    return [[figures[c * rows + r] for c in range(width)] for r in range(rows)]


def checks_hold(spec: TableSpec, table: list[list[int]]) -> bool:
    """Every cross-check of ``spec`` holds for ``table`` (each row's figures)."""
    figures = [figure for row in table for figure in row]
    values = {cell.id: f for cell, f in zip(spec.cells, figures, strict=True)}
    return all(
        sum(values[c.id] for c in check.lhs) == sum(values[c.id] for c in check.rhs)
        for check in compile_checks(spec)
    )


def _table(
    lines: list[str], start: int, stop: int, spec: TableSpec
) -> tuple[list[list[int]], set[int], int] | None:
    labels = [normalize_label(row.label) for row in spec.rows]
    groups = frozenset(normalize_label(g) for row in spec.rows for g in row.groups)
    runs = _runs(lines, start, stop, labels, groups)
    if not runs or not runs[0].rows:
        return None
    width = len(spec.rows[0].columns)
    if all(len(run.rows) == 1 and len(run.figures) == width for run in runs):
        return None  # each label before its own figures: read as it is
    rows = len(spec.rows)
    found = _by_rows(runs, rows, width)
    if len(runs) == 1 and len(runs[0].rows) == rows:
        # every label, then every figure: row by row, or column by column
        readings = [
            table
            for table in (
                found[0] if found else None,
                _by_columns(runs[0].figures, rows, width),
            )
            if table is not None and checks_hold(spec, table)
        ]
        if len(readings) != 1 and not (
            len(readings) == 2 and readings[0] == readings[1]
        ):
            return None
        return readings[0], set(range(rows)), runs[0].first_line
    if found is None or not checks_hold(spec, found[0]):
        return None
    # a row read by its place has its label printed in the table (apart)
    text = "".join(
        normalize_label(line)
        for line in lines[start:stop]
        if not is_value_text(line.strip())
    )
    if not all(_find(text, labels[row], groups) >= 0 for row in found[1]):
        return None
    return found[0], found[1], runs[0].first_line


def _heading_line(lines: list[str], heading: str, start: int) -> int | None:
    first = heading[0]  # a numeral `normalize_label` keeps: most lines skip it
    for number in range(start, len(lines)):
        line = lines[number].lstrip()
        if line[:1] == first and normalize_label(line).startswith(heading):
            return number
    return None


@cache
def _fewest_figures() -> int:
    """The fewest figures a table 3 has (in any version of the format)."""
    return min(
        len(spec.requests.rows) * len(spec.requests.rows[0].columns)
        for spec in map(format_spec, FormatVersion)
    )


def section_bounds(
    lines: list[str], heading: str, next_heading: str
) -> tuple[int, int] | None:
    """The lines of section 三 (its heading's, the next section's), when
    both are found and the section is no longer than a table 3 can be."""
    begin = _heading_line(lines, normalize_label(heading), 0)
    if begin is None:
        return None
    end = _heading_line(lines, normalize_label(next_heading), begin)
    if end is None or end - begin > _MAX_TABLE_LINES:
        return None
    return begin, end


def reordered_requests(text: str, lines: list[str] | None = None) -> Reordered | None:
    """``text`` with table 3 written one row a line, when its labels stand
    apart from its figures and the order is proven; None otherwise.
    ``lines``: ``text.splitlines()``, when the caller has them already."""
    if lines is None:
        lines = text.splitlines()
    if sum(map(str.isdigit, map(str.strip, lines))) < _fewest_figures():
        return None  # (most texts: no line of a figure alone for each cell)
    bounds: dict[tuple[str, str], tuple[int, int] | None] = {}
    for version in (FormatVersion.V2021, FormatVersion.V2019):
        spec = format_spec(version)
        headings = (spec.sections[2].heading, spec.sections[3].heading)
        if headings not in bounds:  # (the two formats' headings are alike)
            bounds[headings] = section_bounds(lines, *headings)
        found_bounds = bounds[headings]
        if found_bounds is None:
            continue
        begin, end = found_bounds
        table_3 = spec.requests
        width = len(table_3.rows[0].columns)
        figure_lines = sum(1 for line in lines[begin:end] if line.strip().isdigit())
        if figure_lines < len(table_3.rows) * width:
            # (every figure of the table stands alone on its line in this
            # form: most texts are not in it, and are not looked at further)
            continue
        found = _table(lines, begin + 1, end, table_3)
        if found is None:
            continue
        table, apart, first = found
        rows = [
            "\t".join([row.label, *map(str, figures)])
            for row, figures in zip(spec.requests.rows, table, strict=True)
        ]
        # blank lines keep every line after the table where it was (messages
        # name lines); the table's own lines hold more figures than rows
        rewritten = [
            *lines[:first],
            *rows,
            *[""] * (end - first - len(rows)),
            *lines[end:],
        ]
        named = [
            f"requests.{spec.requests.rows[r].id}.{c.id}"
            for r in sorted(apart)
            for c in spec.requests.rows[r].columns
        ]
        finding = reading_finding(
            FindingKind.AMBIGUOUS,
            f"第 {first + 1} 行",
            f"表三：{len(apart)} 行的标签与数字分开印出（不带 -layout 的 pdftotext），"
            "按格式中行的次序读入，勾稽关系全部成立",
            cells=named,
            severity=Severity.WARNING,
        )
        return Reordered("\n".join(rewritten), finding)
    return None
