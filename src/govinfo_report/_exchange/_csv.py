"""The records as a CSV file: `to_csv` and the streaming, bounded `from_csv`.

One row per figure, the columns `CSV_COLUMNS` of `_records.CellRecord`. The
writer writes the text of `to_records` without building a record per figure;
the reader streams the file, counts what it reads against `Limits`, and lists
every problem it finds with its line and column.

Over 500 lines: most of it is the reader's defences (input counted against the
limit, lines and fields bounded before the csv module sees them, every cell
checked against the format), which belong with the reader.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any, Final, TypeAlias

from govinfo_report._atomic import Target, write_atomic
from govinfo_report._exchange._document import (
    AMOUNT_RE,
    MARK_TEXT,
    MAX_AMOUNT_CHARS,
    MAX_INT_DIGITS,
    Problems,
    amount_text,
    kind_name,
    table_layouts,
)
from govinfo_report._exchange._records import (
    CSV_COLUMNS,
    KIND_MARK,
    MARK_KIND,
    CellRecord,
    cell_columns,
    cell_units,
    each_report,
)
from govinfo_report._findings import shortened
from govinfo_report._format import AmountUnit, CellKind, FormatVersion, all_cell_specs
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits, open_regular
from govinfo_report._model import Metadata, Report, table_type
from govinfo_report._values import CellValue, Mark
from govinfo_report.exceptions import (
    ExchangeFormatError,
    InconsistentReportError,
    InvalidReportError,
    LimitExceededError,
    ReadError,
)

_MARK_COLUMNS: Final = {
    mark: (MARK_TEXT[mark] or "", kind) for mark, kind in MARK_KIND.items()
}


_FORMULA: Final = re.compile("'*[=+\\-@\t\r]")
"""Free text a spreadsheet would run as a formula (CSV injection), with any quotes before."""


def _guarded(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: a ``'`` before a formula.

    Only the free-text columns (agency, title) come from outside; a crawled page
    could name its agency ``=HYPERLINK(...)``. The quote is added to every text
    that starts with any number of quotes and a formula character, and
    `_unguarded` takes exactly one away, so every text reads back as written.
    """
    return "'" + text if _FORMULA.match(text) else text


def _unguarded(text: str) -> str:
    """The text `_guarded` was given."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text) else text


def _text(record: CellRecord) -> list[str]:
    value = record.value
    if type(value) is Mark:
        shown = MARK_TEXT[value] or ""
    elif isinstance(value, Decimal):
        shown = amount_text(value)
    else:
        shown = str(value)
    return [
        _guarded(record.agency),
        str(record.year),
        record.format_version.value,
        record.date_of_issue.isoformat() if record.date_of_issue else "",
        _guarded(record.title or ""),
        record.table.value,
        record.layout.value,
        record.cell_id,
        record.row_label,
        record.column_label,
        shown,
        record.kind,
        record.unit.value if record.unit is not None else "",
    ]


def _csv_rows(reports: Report | Iterable[Report]) -> Iterator[list[str]]:
    """The CSV rows of every figure; the same text as `_text` of `to_records`."""
    for report in each_report(reports):
        meta = report.metadata
        prefix = [
            _guarded(meta.agency),
            str(meta.year),
            meta.format_version.value,
            meta.date_of_issue.isoformat() if meta.date_of_issue else "",
            _guarded(meta.title or ""),
        ]
        for table in report.tables:
            units = _unit_texts(table.spec, table.amount_unit)
            for (place, figure_kind), value, unit in zip(
                cell_columns(table.spec), table.values, units, strict=True
            ):
                kind = type(value)
                if kind is int:
                    yield [*prefix, *place, str(value), figure_kind, unit]
                elif kind is Mark:
                    yield [*prefix, *place, *_MARK_COLUMNS[value], unit]  # type: ignore[index]
                else:
                    yield [*prefix, *place, amount_text(value), figure_kind, unit]  # type: ignore[arg-type]


def _unit_texts(spec: Any, published: AmountUnit | None) -> tuple[str, ...]:
    return tuple(u.value if u else "" for u in cell_units(spec, published))


def to_csv(reports: Report | Iterable[Report], target: Target) -> None:
    """Write the records of one report or many as CSV (UTF-8 with BOM, for Excel).

    One row per figure, columns `CSV_COLUMNS`. The narrative sections are not
    written: read back with `from_csv`, the reports have their metadata and
    every figure, and empty narratives. The file is replaced atomically.

    Raises:
        WriteError: the file could not be written; it is left as it was.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    # The rows are the text of `to_records`, written without building a
    # record object per figure (a test keeps the two the same).
    writer.writerows(_csv_rows(reports))
    write_atomic(target, buffer.getvalue().encode("utf-8-sig"))


_INT = re.compile(r"^-?[0-9]+$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
Source: TypeAlias = str | os.PathLike[str] | IO[bytes] | IO[str]

_CHUNK: Final = 64 * 1024
"""How much of a source is asked for at a time."""

_SHOWN: Final = 40
"""The most characters of a cell a message quotes (a hostile cell may hold 100,000)."""


_SHORT_COLUMNS_CHARS: Final = 4096
"""Room in one record for the ten columns that are not free text (the longest
official label or cell id is under 70 characters)."""


def _shown(text: str) -> str:
    """``text`` for a message, cut short past `_SHOWN` characters."""
    return shortened(text, _SHOWN)


def _cannot_read(error: OSError, name: str | None) -> ExchangeFormatError:
    return ExchangeFormatError([f"无法读取（cannot read）：{error}"], source=name)


class _CountedInput(io.BufferedIOBase):
    """The bytes of a source, counted as read: one byte past the limit is refused.

    A binary source is passed through. A text source is passed on as UTF-8
    (lone surrogates kept), so that it is counted by its UTF-8 size, as
    `Limits.check_text_size` counts a ``str``; what the first read returns
    decides which kind a stream is. The source is never asked for more than
    one unit past ``max_input_bytes`` in all, so an endless stream is not
    read further.
    """

    def __init__(
        self, source: IO[bytes] | IO[str], limits: Limits, name: str | None
    ) -> None:
        super().__init__()
        self._source = source
        self._limits = limits
        self._name = name
        self._ended = False
        self._count = 0
        self._head = b""  # the first three bytes: a byte order mark or not
        self.is_text = False
        """Whether the source gives ``str`` (known after the first read)."""
        self._pending = self._pull(1)

    @property
    def name(self) -> str | None:
        """The file's name, None for a stream (`io.TextIOWrapper` asks for it)."""
        return self._name

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1, /) -> bytes:
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        return self._pull(size if size > 0 else _CHUNK)

    def read(self, size: int | None = -1, /) -> bytes:
        return self.read1(-1 if size is None else size)

    def _pull(self, size: int) -> bytes:
        if self._ended:
            return b""
        limit = self._limits.max_input_bytes
        try:
            chunk = self._source.read(min(size, limit + 1 - self._count))
        except OSError as error:
            if self._name is None:
                raise  # a caller's stream: its own error, as it always was
            self._ended = True
            raise _cannot_read(error, self._name) from None
        if not chunk:
            self._ended = True
            return b""
        if isinstance(chunk, str):
            self.is_text = self._count == 0 or self.is_text
            data = chunk.encode("utf-8", "surrogatepass")
        else:
            data = bytes(chunk)
        if len(self._head) < 3:
            self._head += data[: 3 - len(self._head)]
        self._count += len(data)
        if self._count > limit:
            self._ended = True
            raise self._limits.exceeded(
                "max_input_bytes",
                "输入大小（字节）",
                f"至少 {self._count}",
                source=self._name,
            )
        return data

    def rest_past_limit(self) -> LimitExceededError | None:
        """Read the rest without keeping it: the error if the input is too large."""
        try:
            while self._pull(_CHUNK):
                pass
        except LimitExceededError as error:
            return error
        return None

    def offset(self, error: UnicodeDecodeError) -> int:
        """Where ``error`` is, in bytes after any byte order mark (as `bytes.decode` counts).

        The decoder was given everything read but what it had already
        decoded, and ``error.object`` is exactly what it still held.
        """
        start = self._count - len(self._pending) - len(error.object) + error.start
        return start - 3 if self._head == codecs.BOM_UTF8 else start


class _Lines:
    """The lines of a counted input for `csv.reader`, one record at most `most` long.

    Lines end at ``\\n``, ``\\r`` or ``\\r\\n`` and keep their ending, as the
    csv module wants (``newline=""``); a leading byte order mark is dropped.

    One record (a row, with the lines of any quoted line break in it) is
    refused past `most` characters. Only ``agency`` and ``title`` are free
    text; every other column is a short word of the format, or the row is
    refused anyway. So `most` is those two at the csv module's own field
    limit, quoted with every quote doubled, plus room for the rest: no row
    `to_csv` writes and `from_csv` could take is refused. It also bounds the
    list of fields the csv module builds from one record: a line of
    millions of short fields costs some 60 bytes a field.
    """

    def __init__(self, stream: _CountedInput, name: str | None) -> None:
        self._stream = stream
        self._name = name
        self._text = io.TextIOWrapper(
            stream,
            encoding="utf-8",
            errors="surrogatepass" if stream.is_text else "strict",
            newline="",
        )
        self._number = 0
        self.record_chars = 0
        """Characters of the record being read; the reader of rows resets it."""
        self.most = 2 * (2 * csv.field_size_limit() + 3) + _SHORT_COLUMNS_CHARS

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            line = self._text.readline(self.most - self.record_chars + 1)
        except UnicodeDecodeError as error:
            raise ExchangeFormatError(
                [f"第 {self._stream.offset(error)} 字节：不是 UTF-8 编码（not UTF-8）"],
                source=self._name,
            ) from None
        if not line:
            raise StopIteration
        self._number += 1
        if self._number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        self.record_chars += len(line)
        if self.record_chars > self.most:
            raise ExchangeFormatError(
                [
                    f"第 {self._number} 行：不是有效的 CSV（一条记录超过 {self.most} 个字符，"
                    "record too long）"
                ],
                source=self._name,
            )
        return line


def _rows(reader: Any, lines: _Lines, name: str | None) -> Iterator[list[str]]:
    """The rows of a CSV reader, its own errors turned into the library's."""
    while True:
        lines.record_chars = 0
        try:
            row: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ExchangeFormatError(
                [f"第 {reader.line_num} 行：不是有效的 CSV（{error}）"], source=name
            ) from None
        yield row


class _Group:
    """The rows of one report while they are read: at most one per known cell."""

    def __init__(self, row: list[str], line: int, ended: int | None) -> None:
        self.meta = tuple(row[:5])
        self.key = (row[0], row[1])
        self.line = line
        self.end = line
        self.ended = ended
        """For a later run of a report already finished: the line it ended at."""
        self.cells: dict[str, tuple[int, str, str, str, str, str, str, str]] = {}

    @property
    def where(self) -> str:
        agency, year = self.key
        return f"第 {self.line} 行起的报告（{_shown(agency)} {_shown(year)}）"


@contextlib.contextmanager
def _opened(
    source: Source, limits: Limits, name: str | None
) -> Iterator[_CountedInput]:
    """The counted bytes of ``source``; a file is measured before it is read."""
    if name is None:
        yield _CountedInput(source, limits, None)  # type: ignore[arg-type]
        return
    try:
        file = open_regular(name, cannot_read="无法读取（cannot read）：")
    except ReadError as error:
        raise ExchangeFormatError([str(error)], source=name) from None
    with file:
        try:
            size = os.fstat(file.fileno()).st_size
        except OSError as error:
            raise _cannot_read(error, name) from None
        limits.check_size(size, source=name)
        yield _CountedInput(file, limits, name)


def from_csv(
    source: Source, *, strict: bool = False, limits: Limits | None = None
) -> list[Report]:
    """Read reports back from a CSV file written by `to_csv`.

    Each report gets its metadata and every figure exactly as written; its
    narrative sections are empty (CSV does not carry them). Like `from_json`,
    a report whose figures break a cross-check is held as published unless
    ``strict=True``.

    The rows of one report (one ``agency`` and ``year``) must be contiguous,
    as `to_csv` writes them: a report is built as soon as its rows end, so
    memory holds the rows of one report at a time, never the whole file. Rows
    of a report that come back after other rows are a problem, as is a cell
    id that no format has.

    Args:
        source: a file path, or a binary or text stream.
        strict: refuse reports whose figures break a cross-check.
        limits: ``max_input_bytes`` bounds the size read (20 MiB by default,
            about 600 reports; raise it for a national file): a larger file
            is refused before it is read, a stream as soon as one byte more
            has been read (a text stream counts its UTF-8 size).

    Raises:
        ExchangeFormatError: the file is not such a CSV; ``problems`` lists
            every problem with its line and column (the first 200, and how
            many more).
        LimitExceededError: the input is larger than ``limits`` allow (said
            rather than any other problem, as before the input is read).
        InconsistentReportError: ``strict=True`` and the figures of a report
            break a cross-check of error severity.
    """
    limits = limits or DEFAULT_LIMITS
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    with _opened(source, limits, name) as stream:
        try:
            return _read_reports(stream, name, strict, limits.deadline(name))
        except (ExchangeFormatError, InconsistentReportError):
            # An input past the size limit is refused for that, whatever else
            # is wrong with it; the rest of it is counted, not kept.
            past_limit = stream.rest_past_limit()
            if past_limit is None:
                raise
    raise past_limit from None


def _read_reports(
    stream: _CountedInput, name: str | None, strict: bool, deadline: Deadline
) -> list[Report]:
    lines = _Lines(stream, name)
    reader = csv.reader(lines)
    problems = Problems()
    rows = _rows(reader, lines, name)
    header = next(rows, None)
    # files written before the unit column (schema version 1) are read too
    if header is None or tuple(header) not in (CSV_COLUMNS, CSV_COLUMNS[:-1]):
        shown = shortened(",".join(header or []), 200)
        raise ExchangeFormatError(
            [f"第 1 行：表头应为 {','.join(CSV_COLUMNS)}，实为 {shown}"],
            source=name,
        )
    width = len(header)
    known = all_cell_specs()
    reports: list[Report] = []
    finished: dict[tuple[str, str], int] = {}  # report → the line its rows ended
    group: _Group | None = None
    for row in rows:
        if problems.full:
            break
        line = reader.line_num
        if not line % 4096:
            deadline.check(f"第 {line} 行")
        if len(row) != width:
            problems.append(f"第 {line} 行：应有 {width} 列，实有 {len(row)} 列")
            continue
        if width < len(CSV_COLUMNS):
            row.append("")  # no unit column: the units the format fixes
        agency, year = row[:2]
        if group is None or group.key != (agency, year):
            if group is not None:
                _finish(group, finished, reports, problems, strict)
            group = _Group(row, line, finished.get((agency, year)))
            if group.ended is not None:
                problems.append(
                    f"第 {line} 行：{_shown(agency)} {_shown(year)} 年报告的行不连续"
                    f"（rows of one report must be contiguous），已在第 {group.ended} 行结束"
                )
        group.end = line
        if group.ended is not None:
            continue  # the rest of a run told of at its first row
        if group.meta != tuple(row[:5]):
            problems.append(
                f"第 {line} 行：{_shown(agency)} {_shown(year)} 年报告的元数据"
                f"（{'、'.join(CSV_COLUMNS[2:5])}）与第 {group.line} 行不同"
            )
            continue
        table, layout, cell_id = row[5:8]
        if cell_id not in known:
            # Refused here, so that a report holds at most one row per cell.
            problems.append(
                f"第 {line} 行：{group.where}没有单元格 {_shown(cell_id)}（unknown cell）"
            )
            continue
        if cell_id in group.cells:
            problems.append(
                f"第 {line} 行：单元格 {cell_id} 重复（duplicate），"
                f"已见于第 {group.cells[cell_id][0]} 行"
            )
            continue
        group.cells[cell_id] = (line, table, layout, *row[8:])  # type: ignore[assignment]
    if group is not None:
        _finish(group, finished, reports, problems, strict)
    if problems:
        raise ExchangeFormatError(problems.listed(), source=name)
    return reports


def _finish(
    group: _Group,
    finished: dict[tuple[str, str], int],
    reports: list[Report],
    problems: Problems,
    strict: bool,
) -> None:
    """Build the report of ``group`` (its rows have ended) and let the rows go."""
    if group.ended is not None:
        return  # a later run: refused at its first row
    finished[group.key] = group.end
    if problems.full:
        return
    report = _report(group, problems, strict)
    if problems:
        reports.clear()  # the file is refused: no report of it is returned
    elif report is not None:
        reports.append(report)


def _report(group: _Group, problems: Problems, strict: bool) -> Report | None:
    agency, year_text, version_text, issued, title = group.meta
    where = group.where
    before = len(problems)
    try:
        version = FormatVersion(version_text)
    except ValueError:
        problems.append(
            f"第 {group.line} 行 format_version 列：应为 {' 或 '.join(v.value for v in FormatVersion)}，"
            f"实为 {_shown(version_text)!r}"
        )
        return None
    year = int(year_text) if _INT.match(year_text) and len(year_text) < 6 else None
    if year is None:
        problems.append(
            f"第 {group.line} 行 year 列：应为整数，实为 {_shown(year_text)!r}"
        )
    day = None
    if issued:
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(issued) if _DATE.match(issued) else None
        if day is None:
            problems.append(
                f"第 {group.line} 行 date_of_issue 列：应为 YYYY-MM-DD 或空，实为 {_shown(issued)!r}"
            )
    tables: dict[str, Any] = {}
    seen: set[str] = set()
    for table_id, allowed in table_layouts(version):
        layouts = {
            cells[2]
            for cell_id, cells in group.cells.items()
            if cells[1] == table_id.value
        }
        # A layout names the table's model class; table 4 is the same in both.
        classes = {table_type(table_id.value, v) for v in allowed}
        names = [
            v.value for v in FormatVersion if table_type(table_id.value, v) in classes
        ]
        if len(layouts) != 1 or next(iter(layouts)) not in names:
            problems.append(
                f"{where}：{table_id.name_zh}（table={table_id.value}）的 layout 列应为同一个值，"
                f"{' 或 '.join(names)}，实为 {[_shown(v) for v in sorted(layouts)] or '（没有记录）'}"
            )
            continue
        spec = table_type(table_id.value, FormatVersion(layouts.pop())).spec
        values: list[CellValue] = []
        published: AmountUnit | None = None
        for cell in spec.cells:
            seen.add(cell.id)
            entry = group.cells.get(cell.id)
            if entry is None:
                problems.append(
                    f"{where}：缺少单元格 {cell.id}（missing cell，{cell.place}）"
                )
                continue
            line, _, _, row_label, column_label, text, kind, unit_text = entry
            unit, unit_problem = _unit(cell.column, unit_text)
            if unit_problem:
                problems.append(
                    f"第 {line} 行 unit 列：{cell.id}（{cell.place}）{unit_problem}，"
                    f"实为 {_shown(unit_text)!r}"
                )
                continue
            if cell.column.published_unit:
                published = unit
            if (row_label, column_label) != (cell.row.label, cell.column.label):
                problems.append(
                    f"第 {line} 行：{cell.id} 的 row_label/column_label 应为 "
                    f"{cell.row.label} / {cell.column.label}，实为 {_shown(row_label)} / {_shown(column_label)}"
                )
            value = _value(cell.kind, text, kind)
            if value is None:
                problems.append(
                    f"第 {line} 行 value/kind 列：{cell.id}（{cell.place}）的值 {_shown(text)!r} "
                    f"与类别 {_shown(kind)!r} 不符；{_expected(cell.kind)}"
                )
                continue
            values.append(value)
        if len(values) == len(spec.cells):
            tables[table_id.value] = table_type(table_id.value, spec.layout)(
                tuple(values), amount_unit=published
            )
    for cell_id, entry in group.cells.items():
        if cell_id not in seen:
            problems.append(
                f"第 {entry[0]} 行：{where}没有单元格 {cell_id}（unknown cell）"
            )
    if len(problems) != before or year is None:
        return None
    try:
        metadata = Metadata(
            agency=_unguarded(agency),
            year=year,
            format_version=version,
            date_of_issue=day,
            title=_unguarded(title) or None,
        )
        return Report(metadata=metadata, as_published=not strict, **tables)
    except InvalidReportError as error:
        if strict and type(error) is not InvalidReportError:
            raise
        problems.append(f"{where}：{error}")
        return None


def _unit(column: Any, text: str) -> tuple[AmountUnit | None, str]:
    """The unit of one record's ``unit`` column, or what is wrong with it."""
    if not text:
        return None, ""
    if column.kind is not CellKind.AMOUNT:
        return None, "应为空（计数没有金额单位）"
    units = "、".join(u.value for u in AmountUnit)
    for unit in AmountUnit:
        if unit.value == text:
            if column.published_unit or unit is column.unit:
                return unit, ""
            break
    if not column.published_unit:
        return None, f"应为 {column.unit.value} 或空（本列单位由格式规定）"
    return None, f"应为 {units} 或空（报告未注明单位）"


def _expected(kind: CellKind) -> str:
    figure = {
        CellKind.COUNT: "count 为非负整数",
        CellKind.SIGNED_COUNT: "count 为整数（可为负）",
        CellKind.AMOUNT: "amount 为十进制数（如 12.50）",
    }[kind]
    return f"应为 {figure}，或 blank 值为空、not_applicable 值为 /、missing 值为空"


def _value(cell_kind: CellKind, text: str, kind: str) -> CellValue | None:
    mark = KIND_MARK.get(kind)  # type: ignore[call-overload]
    if mark is not None:
        return mark if text == (MARK_TEXT[mark] or "") else None
    if kind != kind_name(cell_kind):
        return None
    if cell_kind is CellKind.AMOUNT:
        if len(text) <= MAX_AMOUNT_CHARS and AMOUNT_RE.match(text):
            return Decimal(text)
        return None
    if len(text) > MAX_INT_DIGITS or not _INT.match(text):
        return None
    number = int(text)
    if number < 0 and cell_kind is CellKind.COUNT:
        return None
    return number
