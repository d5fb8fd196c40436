"""read_text(): reports flattened to plain text by scrapers and converters.

Each line is split into cells at ``|`` (``a |`` per line, ``a | b | c`` rows,
markdown pipe rows), at tabs, or at runs of two or more spaces (``pdftotext
-layout``); a label followed by figures separated by single spaces is split too.
Lines of only ``|``, ``-`` and ``:`` (fillers, markdown rules) are skipped, and so
are page markers (``- 4 -``). The rest is the matcher's and the splitter's business.
"""

from __future__ import annotations

import html
import re

from govinfo_report._findings import Finding
from govinfo_report._format import FormatVersion
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits
from govinfo_report._model import Report
from govinfo_report._readers._catalogue import is_format_label
from govinfo_report._readers._cells import (
    COUNT_WORDS,
    is_page_marker,
    is_plain,
    is_value_text,
    without_invisible,
)
from govinfo_report._readers._dump import dump_items, is_dump
from govinfo_report._readers._grid_rows import grid_rows, has_bars, has_grid, with_bars
from govinfo_report._readers._hints import hints as _hints
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._markdown_escapes import escaped_cells, has_escape
from govinfo_report._readers._plain_order import reordered_requests
from govinfo_report._readers._split import (
    Item,
    _new_item,
    _set_cells,
    _set_is_table,
    _set_text,
    _set_where,
    trusted_item,
)
from govinfo_report._readers._text_csv import csv_cells, csv_delimiter, csv_line
from govinfo_report._readers._text_tables import (
    has_html_table,
    html_tables,
    raised_notes,
    table_items,
)
from govinfo_report._readers._transposed import transposed_requests, with_rows
from govinfo_report._xmltext import unsafe_at
from govinfo_report.exceptions import LimitExceededError

_FILLER = re.compile(r"^[\s|:\-—–=+：－＝＋\u2500-\u257f]*$")
"""A line of only bars, rules and alignment marks: markdown's ``|---|:--|``,
``+----+----+`` and ``├──┼──┤`` (text-mode table renderers, WPS copies)."""
_DASH_CELL = re.compile(r"^[-－—–]{1,2}\s*\|$")
"""``— |``: a not-applicable dash in the one-cell-per-line form, not a rule."""
_LONE_DASH = re.compile(r"^[-－—–]{1,2}$")
"""``—`` alone on a line: a not-applicable cell of the one-cell-per-line form
(LibreOffice's text export puts every cell on a line of its own), not a rule."""
_SPACES = re.compile(r"\s{2,}|\t|\u3000+")
_TAIL_MARKS = frozenset(",./-—–，．－−")  # full-width: as _cells reads them
_LABEL_END_MARKS = frozenset(",./-，．－−")


def trailing_figures(part: str) -> tuple[str, str] | None:
    """A label and the figures after it in one space-separated part, or None.

    What ``^(.*?[^\\s\\d,./\\-])\\s+((?:[\\d,./\\-—–]+\\s*)+)$`` would match,
    found in one pass (that regular expression backtracks exponentially on a
    long digit run followed by a letter).

    >>> trailing_figures("行政许可 1,268 3")
    ('行政许可', '1,268 3')
    >>> trailing_figures("第 3 页") is None
    True
    """
    n = len(part)
    start = n  # where the longest tail of figure characters and spaces begins
    while start and (
        part[start - 1] in _TAIL_MARKS
        or part[start - 1].isdecimal()
        or part[start - 1].isspace()
    ):
        start -= 1
    for end in range(max(start - 1, 0), n - 1):
        char = part[end]
        if (
            char.isspace()
            or char.isdecimal()
            or char in _LABEL_END_MARKS
            or not part[end + 1].isspace()
        ):
            continue
        rest = part[end + 1 :].lstrip()
        return (part[: end + 1], rest) if rest else None
    return None


_HEAD_WORD = 16
"""Characters of a column head at most (heads are short: 法人或其他组织, 未经复议直接起诉)."""


def _head_words(words: list[str]) -> bool:
    """Every word may be a column head: short, no digit (a head the format lacks)."""
    return all(
        0 < len(word) <= _HEAD_WORD and not any(ch.isdigit() for ch in word)
        for word in words
    )


def split_cells(line: str) -> tuple[str, ...]:
    """The cells of one line of flattened text."""
    if "|" in line:
        if has_escape(line):  # ``1268\*``, ``\|``: a Markdown writer's escapes
            return escaped_cells(line, split_cells)
        parts = line.split("|")
        if not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        if _MARKUP_AT.search(line) is not None:
            return tuple(as_rendered(p.strip()) for p in parts)
        return tuple(p.strip() for p in parts)
    if "\t" in line:
        return tuple(p.strip() for p in line.strip().split("\t"))
    cells: list[str] = []
    for part in _SPACES.split(line.strip()):
        if not part:
            continue
        found = trailing_figures(part)
        if found is None and (" " in part or "、" in part):
            words = _HEAD_BREAK.split(part)
            if _head_words(words):
                known = sum(map(is_format_label, words))
                heads = known == len(words) or known >= 2
            else:  # (a sentence: looked up only until a word is no label)
                heads = all(map(is_format_label, words))
            if heads:
                # column heads with one space or a 、 between (``总计 自然人
                # 法人或其他组织``, copied from a PDF; ``总计、自然人、…``): each
                # a cell, so the header places the figures; one unknown among
                # them (``总计 个人 法人或其他组织``) is a head whose column is
                # not placed, never a reason to read the columns in order
                cells.extend(words)
                continue
        if found is None and " " in part and part[-1] in _UNIT_ENDS:
            found = _trailing_with_units(part)
        if found and not is_value_text(found[0]):
            cells.append(found[0])
            cells.extend(found[1].split())
        else:
            cells.append(part)
    return tuple(cells)


_HEAD_BREAK = re.compile("[ 、]")
_UNIT_ENDS = frozenset("件个条项次笔家宗份元万")
"""Last characters of a figure printed with its unit (``23件``, ``125600元``)."""
_UNIT_WORDS = frozenset([*COUNT_WORDS, "元", "万元", "亿元", "万"])
"""Units printed as a word of their own after a figure (``1268 件``)."""


def _trailing_with_units(part: str) -> tuple[str, str] | None:
    """A label and the figures after it, some printed with a unit (``行政许可 23件``).

    `trailing_figures` takes digits only; here the space-separated words at
    the end that are each a figure (with or without a unit) are the figures.
    """
    words = part.split(" ")
    if len(words) > 64:
        return None  # not a table row: no row has that many figures
    # a unit printed apart from its figure (``行政许可 1268 件``) is the figure's
    for i in range(len(words) - 1, 0, -1):
        if words[i] in _UNIT_WORDS and words[i - 1][-1:].isdecimal():
            words[i - 1 : i + 1] = [words[i - 1] + words[i]]
    end = len(words)
    while end > 1 and words[end - 1] and is_value_text(words[end - 1]):
        end -= 1
    if end == len(words) or not words[end - 1]:
        return None
    return " ".join(words[:end]), " ".join(words[end:])


_FILLER_START = frozenset("|:-—–=+：－＝＋") | frozenset(
    map(chr, range(0x2500, 0x2580))
)
_TAB_ENDS = frozenset("\t \r\n\f\v\u3000\u00a0")
_MARKER_START = frozenset("-－—–第共")
_PAGE_OF = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")
"""``3 / 8``: page 3 of 8, a footer between rows (not three figures)."""


def _page_of(line: str) -> bool:
    found = _PAGE_OF.match(line)
    return found is not None and 1 <= int(found.group(1)) <= int(found.group(2))


_CACHE_LINE_CHARS = 200
_CACHE_SIZE = 20_000
_line_cache: dict[str, tuple[str, tuple[str, ...]] | None] = {}
_UNREAD: tuple[str, tuple[str, ...]] = ("", ())
"""What `_line_cache` gives for a line not in it (no line reads as this object)."""


def _read_line(stripped: str) -> tuple[str, tuple[str, ...]] | None:
    """A stripped non-empty line as (text, cells); None for fillers and page markers.

    Short lines repeat a lot in flattened tables (``0 |``, ``|||``), so their
    results are kept in a bounded cache.
    """
    found = _line_cache.get(stripped, _line_cache)
    if found is not _line_cache:
        return found  # type: ignore[return-value]
    result: tuple[str, tuple[str, ...]] | None
    if (
        stripped[0] in _FILLER_START
        and _FILLER.match(stripped)
        and not _DASH_CELL.match(stripped)
        and not _LONE_DASH.match(stripped)
    ) or (
        is_page_marker(stripped)
        if stripped[0] in _MARKER_START
        else stripped[0].isdecimal() and "/" in stripped and _page_of(stripped)
    ):
        result = None
    else:
        line = stripped.lstrip("#").strip() if stripped[0] == "#" else stripped
        if line[:1] in _EMPHASIS_START and "|" not in line:
            line = as_rendered(line)  # ``**二、主动公开政府信息情况**``
        elif "&" in line and ";" in line and "|" not in line:
            # character references left by a copy of a page's source
            # (``行政许可&nbsp;&nbsp;1268``, ``&#49;268``): as a browser shows them
            line = html.unescape(line).strip()
        cells = split_cells(line)
        joined = " ".join(c for c in cells if c) if "|" in line else line
        result = (joined, cells)
    if len(stripped) <= _CACHE_LINE_CHARS:
        if len(_line_cache) >= _CACHE_SIZE:
            _line_cache.clear()
        _line_cache[stripped] = result
    return result


_MARKUP_AT = re.compile(r"[*_`<&]")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_|`+)(?=\S)(.*?\S)\1$", re.DOTALL)
_EMPHASIS_START = frozenset("*_`")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def as_rendered(cell: str) -> str:
    """A Markdown table cell (or a line) as a Markdown viewer shows it.

    Emphasis and code marks around the whole cell go (``**1268**`` is the
    bold 1268 a person sees), ``<br>`` is a line break (a space: a label
    wraps, two figures stay two) and character references are the
    characters they stand for (``&nbsp;``).

    >>> as_rendered("**1268**"), as_rendered("`12.56`"), as_rendered("行政<br>许可")
    ('1268', '12.56', '行政 许可')
    >>> as_rendered("行政许可*")
    '行政许可*'
    """
    if "<" in cell:  # ``1268<sup>1</sup>``: its footnote mark ``¹``
        cell = raised_notes(_BREAK.sub(" ", cell))
    if "&" in cell and ";" in cell:
        cell = html.unescape(cell).strip()
    for _ in range(3):  # ``***x***``, ``**`x`**``: a few marks at most
        found = _EMPHASIS.match(cell)
        if found is None:
            break
        cell = found.group(2).strip()
    return cell


def _where(number: int) -> str:
    """``第 N 行``; the first `_WHERE_KEPT` are made once and kept."""
    if number < len(_WHERES):
        return _WHERES[number]
    if number > _WHERE_KEPT:
        return f"第 {number} 行"
    _WHERES.extend(f"第 {n} 行" for n in range(len(_WHERES), number + 1))
    return _WHERES[number]


_WHERE_KEPT = 8192
_WHERES: list[str] = []


def text_items(
    text: str,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    lines: list[str] | None = None,
) -> list[Item]:
    """The lines of a text as items for the section splitter (``lines``:
    ``text.splitlines()``, when the caller has them already).

    A line of a lone ``|`` is an empty cell of the one-cell-per-line form when
    the next line is a figure of the same row (a blank figure between figures,
    or between the label and its first figure); anywhere else, like ``||`` and
    ``|||`` lines, it is a filler (a row's end, cells lost with header spans).

    Raises:
        LimitExceededError: a line longer than ``max_line_chars``, more lines
            than ``max_rows``, or the deadline passed.
    """
    limits = limits or DEFAULT_LIMITS
    max_chars = limits.max_line_chars
    lines = text.splitlines() if lines is None else lines
    if lines and max(map(len, lines)) > max_chars:
        number = next(n for n, line in enumerate(lines, 1) if len(line) > max_chars)
        # the lines before it are read first: a limit they meet comes first
        _items(lines[: number - 1], "\t" in text, limits, deadline)
        raise limits.exceeded(
            "max_line_chars", f"第 {number} 行的长度（字符）", len(lines[number - 1])
        )
    if has_bars(text):
        lines = [with_bars(line) for line in lines]
    if has_grid(text):
        lines = grid_rows(lines)
    delimiter = csv_delimiter(text)
    tables = html_tables(lines) if has_html_table(text) else []
    if tables:
        tabs = "\t" in text

        def read_lines(part: list[str], first: int) -> list[Item]:
            return _items(part, tabs, limits, deadline, first=first)

        items = table_items(lines, tables, read_lines, _where)
    else:
        items = _items(lines, "\t" in text, limits, deadline, delimiter)
    if len(items) > limits.max_rows:
        raise limits.exceeded("max_rows", "文本行数", len(items))
    return items


def _items(
    lines: list[str],
    tabs: bool,
    limits: Limits,
    deadline: Deadline | None,
    delimiter: str | None = None,
    first: int = 0,
) -> list[Item]:
    """The items of ``lines`` (none longer than ``max_line_chars``); ``tabs``:
    some line holds a tab; ``delimiter``: the text is CSV its cells separated
    by it (`csv_cells`); ``first``: the text's line (from 0) ``lines`` start
    at, for the messages. Before
    line 1024, 2048… the deadline and ``max_rows`` are checked."""
    max_rows = limits.max_rows
    items: list[Item] = []
    append = items.append
    blanks = 0  # lone "|" lines waiting for the next line
    cached = _line_cache.get
    where = _where
    # the places of the lines, made before the loop (indexed: no call a line)
    kept = min(first + len(lines), _WHERE_KEPT)
    where(kept)
    wheres = _WHERES
    new_item, set_text, set_where = _new_item, _set_text, _set_where
    set_cells, set_is_table = _set_cells, _set_is_table
    start = 0
    for stop in [*range(1023, len(lines), 1024), len(lines)]:
        if start:
            if deadline is not None:
                deadline.check(f"第 {start + first + 1} 行")
            if len(items) > max_rows:
                raise limits.exceeded("max_rows", "文本行数", f"{len(items)} 以上")
        number = start + first
        for line in lines[start:stop]:
            number += 1
            stripped = line.strip()
            if not stripped:
                continue
            if stripped[0] == "\ufeff":
                stripped = stripped.lstrip("\ufeff").strip()
                if not stripped:
                    continue
            if stripped == "|":
                blanks += 1
                continue
            if delimiter is not None:
                if delimiter in stripped:
                    row = csv_cells(stripped, delimiter)
                    if row is not None:
                        append(trusted_item(stripped, where(number), row))
                        continue
                stripped = csv_line(stripped, delimiter)
                if not stripped:
                    continue
            read = cached(stripped, _UNREAD)
            if read is _UNREAD:
                read = _read_line(stripped)
            if read is None:
                if blanks and not is_page_marker(stripped):
                    blanks = 0
                continue
            text, cells = read
            if (
                tabs
                and line[-1:] in _TAB_ENDS
                and "\t" in line.lstrip()
                and "|" not in stripped
            ):
                # Trailing tabs of a tab-separated row are its empty last
                # cells, also when they are all its cells (``行政许可\t``).
                end = line.rstrip(" \r\n\f\v\u3000\u00a0")
                cells = cells + ("",) * (len(end) - len(end.rstrip("\t")))
            if blanks:
                if len(cells) == 1 and is_value_text(cells[0]):
                    cells = ("",) * blanks + cells
                blanks = 0
            # `trusted_item`, spelt out (one item a line: the call costs)
            item = new_item(Item)
            set_text(item, text)
            set_where(item, wheres[number] if number <= kept else where(number))
            set_cells(item, cells)
            set_is_table(item, False)
            append(item)
        start = stop
    return items


def read_text(
    text: str,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
    year: int | None = None,
    agency: str | None = None,
    format_version: FormatVersion | str | None = None,
) -> Report:
    """Read a report from flattened text (scraped pages, converted files).

    Args:
        text: the whole text.
        strict: raise `ReadError` on any reading problem instead of returning
            the report with ``reading_findings``.
        source: a name for messages (a file name).
        limits: the limits to read within (`DEFAULT_LIMITS` when None):
            ``max_input_bytes`` (UTF-8 size), ``max_line_chars``, ``max_rows``
            (lines), ``max_seconds``.
        year, agency, format_version: what the caller knows of the report
            (a listing page, a scraper): used where the document does not
            state it, checked where it does (a disagreement is a
            ``METADATA_MISMATCH`` finding; the document's value is kept).

    Raises:
        NotAReportError: the text is not an annual report.
        ReadError: with ``strict``, the problems found; or no report year found.
        LimitExceededError: the text is beyond a limit (the message names it
            and how to raise it).
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes str, not {type(text).__name__}")
    given = _hints(year, agency, format_version)
    limits = limits or DEFAULT_LIMITS
    try:
        limits.check_text_size(text, source=source)
        deadline = limits.deadline(source)
        # What prints nothing goes first: a dump's run of digits, a row's
        # figures and labels are then read as a person sees them.
        text = text if (plain := is_plain(text)) else without_invisible(text)
        found: list[Finding] = []
        clean = False  # (a dump's items are built, not cut: they are scanned)
        lines: list[str] | None = text.splitlines()  # (one split for the looks below)
        if is_dump(text, lines):
            items = dump_items(
                text, lambda line: text_items(line, limits, deadline), limits, deadline
            )
        else:
            reordered = reordered_requests(text, lines)
            if reordered is not None:  # plain pdftotext: labels apart from figures
                text, lines = reordered.text, None
                found.append(reordered.finding)
            transposed = None if reordered else transposed_requests(text)
            if transposed is not None:  # a copy column by column
                text, lines = transposed.text, None
                found.append(transposed.finding)
            items = text_items(text, limits, deadline, lines)
            # the items are cut from the text: a character it lacks, they lack
            # (but for character references, which may stand for any)
            clean = "&" not in text and (plain or unsafe_at(text) is None)
            if transposed is not None:
                items = with_rows(items, transposed.rows)
    except LimitExceededError as error:
        raise with_source(error, source) from None
    return read_items(
        items,
        strict=strict,
        source=source,
        sample=text,
        limits=limits,
        deadline=deadline,
        hints=given,
        reader_findings=found,
        clean=clean,
    )
