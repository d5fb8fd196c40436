"""Table 3 given column by column: a line (or a run of lines) per applicant column.

Some PDF viewers and "copy table" tools give a table column by column: a
line ``自然人 46 3 18 5 …`` holding the whole column (25 figures of the
2021 format), or the column's head alone on a line and its figures one a
line below it. Read as rows, every row of table 3 would be missing.

`transposed_requests` reads such a table 3 when the order is proven and
gives its rows (``label``, figures), for the text reader to read as any
table's:

- every column of table 3 (``自然人`` … ``总计``) heads exactly one run of
  figures, and each run holds one figure for every row of the format;
- the table's row labels are printed before its first column (the
  transposed table's header), every one, in the format's order;
- every cross-check of table 3 (R1, R2, R3) holds for the figures so read.

Anything else leaves the text as it is (its rows reported missing, as
before). The warning names every cell: each was placed by its position in
its column.
"""

from __future__ import annotations

import re
from functools import cache

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import FormatVersion, TableSpec, format_spec
from govinfo_report._labels import normalize_label
from govinfo_report._readers._cells import is_page_marker, reading_finding
from govinfo_report._readers._plain_order import checks_hold, section_bounds
from govinfo_report._readers._split import Item, trusted_item

__all__ = ["ROWS_HERE", "Transposed", "transposed_requests", "with_rows"]

ROWS_HERE = "\ue00e"
"""The line standing for table 3's rows in `Transposed.text` (no text holds it)."""


@attrs.frozen
class Transposed:
    """Table 3 read column by column.

    Attributes:
        text: the whole text, table 3's lines blank but the first, `ROWS_HERE`.
        rows: each row of table 3 as cells (its label, its figures).
        finding: the warning naming the cells read by their place.
    """

    text: str
    rows: tuple[tuple[str, ...], ...]
    finding: Finding


_CUT = re.compile(r"[\t|｜│]+|\s+")
_FIGURE = re.compile(r"^\d{1,9}$")


def _columns(
    lines: list[str], start: int, stop: int, spec: TableSpec
) -> tuple[dict[str, list[int]], int, int] | None:
    """Each column's figures (by column id), and the first and last lines
    they are printed on; None when the lines are not one run a column."""
    heads = {normalize_label(c.label): c.id for c in spec.rows[0].columns}
    found: dict[str, list[int]] = {}
    current: list[int] | None = None
    first = last = -1
    for number in range(start, stop):
        line = lines[number].strip()
        if not line or is_page_marker(line):
            continue
        words = [w for w in _CUT.split(line) if w]
        if not words:
            continue  # a line of bars: the one-cell-per-line form's row end
        column = heads.get(normalize_label(words[0]))
        if column is not None:
            if column in found:
                return None  # a column printed twice: no proof of either
            if not all(_FIGURE.match(w) for w in words[1:]):
                return None
            current = found[column] = [int(w) for w in words[1:]]
            first = number if first < 0 else first
            last = number
        elif current is not None and all(_FIGURE.match(w) for w in words):
            current.extend(int(w) for w in words)
            last = number
        elif current is not None:
            current = None  # words after a column's figures: the run ends
    if set(found) != set(heads.values()):
        return None
    rows = len(spec.rows)
    if any(len(figures) != rows for figures in found.values()):
        return None
    return found, first, last


def _labels_printed_in_order(lines: list[str], spec: TableSpec) -> bool:
    """Every row label of the table is printed in ``lines``, in the
    format's order: the order the columns' figures are read in is the
    document's (R1–R3 cannot tell two result rows apart)."""
    text = "".join(normalize_label(line) for line in lines)
    at = 0
    for row in spec.rows:
        label = normalize_label(row.label)
        found = text.find(label, at)
        if found < 0:
            return False
        at = found + len(label)
    return True


def _names_a_row(line: str, spec: TableSpec) -> bool:
    """True when ``line`` holds a row label of the table, or heads a column."""
    text = normalize_label(line)
    heads = [normalize_label(c.label) for c in spec.rows[0].columns]
    return any(normalize_label(r.label) in text for r in spec.rows) or any(
        text.startswith(head) for head in heads
    )


def _first_column_line(text: str) -> bool:
    """Some line starts with table 3's first column head and a figure (on it
    or on the next line), in either version of the format. The head is
    searched for (a literal, found fast) and what stands before it on its
    line checked after: no try at every place a line may start."""
    for found in _first_head().finditer(text):
        start = text.rfind("\n", 0, found.start()) + 1
        if _LINE_START.fullmatch(text, start, found.start()):
            return True
    return False


@cache
def _first_head() -> re.Pattern[str]:
    """Table 3's first column head (either version) and a figure after it."""
    heads = {format_spec(v).requests.rows[0].columns[0].label for v in FormatVersion}
    either = "|".join(map(re.escape, sorted(heads)))
    return re.compile(rf"(?:{either})[\s|｜│]*\d")


_LINE_START = re.compile(r"[ \t|｜│]*")


def transposed_requests(text: str) -> Transposed | None:
    """``text`` with table 3 written one row a line, when it is given a
    column at a time and the order is proven; None otherwise."""
    if not _first_column_line(text):
        return None  # (no line starts with 自然人 and a figure: most texts stop here)
    lines = text.splitlines()
    for version in (FormatVersion.V2021, FormatVersion.V2019):
        spec = format_spec(version)
        bounds = section_bounds(
            lines, spec.sections[2].heading, spec.sections[3].heading
        )
        if bounds is None:
            continue
        begin, end = bounds
        table_3 = spec.requests
        found = _columns(lines, begin + 1, end, table_3)
        if found is None:
            continue
        columns, first, last = found
        ids = [c.id for c in table_3.rows[0].columns]
        table = [[columns[c][r] for c in ids] for r in range(len(table_3.rows))]
        if not checks_hold(table_3, table) or not _labels_printed_in_order(
            lines[begin + 1 : first], table_3
        ):
            continue
        rows = tuple(
            (row.label, *map(str, figures))
            for row, figures in zip(table_3.rows, table, strict=True)
        )
        # the table's own lines: its header of row labels (from the first
        # line naming a row) and its columns, blank but for the place of the
        # rows (every line keeps its number: messages name lines)
        top = next(
            n for n in range(begin + 1, first + 1) if _names_a_row(lines[n], table_3)
        )
        rewritten = [*lines[:top], ROWS_HERE, *[""] * (last - top), *lines[last + 1 :]]
        finding = reading_finding(
            FindingKind.AMBIGUOUS,
            f"第 {first + 1} 行",
            f"表三按列印出（每列一行或一段：{len(ids)} 列，各 {len(rows)} 个数字），"
            "按格式中行的次序读入，勾稽关系全部成立",
            cells=[f"requests.{row.id}.{c}" for row in table_3.rows for c in ids],
            severity=Severity.WARNING,
        )
        return Transposed("\n".join(rewritten), rows, finding)
    return None


def with_rows(items: list[Item], rows: tuple[tuple[str, ...], ...]) -> list[Item]:
    """``items`` with the item of `ROWS_HERE` replaced by ``rows``, on its line."""
    for index, item in enumerate(items):
        if item.text == ROWS_HERE:
            where = item.where
            return [
                *items[:index],
                *(trusted_item(" ".join(row), where, row) for row in rows),
                *items[index + 1 :],
            ]
    return items  # pragma: no cover - the text reader keeps every line
