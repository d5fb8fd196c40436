"""read_text(): reports flattened to plain text by scrapers and converters.

Each line is split into cells at ``|`` (``a |`` per line, ``a | b | c`` rows,
markdown pipe rows), at tabs, or at runs of two or more spaces (``pdftotext
-layout``); a label followed by figures separated by single spaces is split too.
Lines of only ``|``, ``-`` and ``:`` (fillers, markdown rules) are skipped, and
so are page markers such as ``- 4 -``. Everything else is the table matcher's
and the section splitter's business.
"""

from __future__ import annotations

import re

from govinfo_report._model import Report
from govinfo_report._readers._narrative import Item
from govinfo_report._readers._read import read_items
from govinfo_report._readers._table import is_page_marker, is_value_text

__all__ = ["read_text", "text_items"]

_FILLER = re.compile(r"^[\s|:\-—–]*$")
_SPACES = re.compile(r"\s{2,}|\t|\u3000+")
_TRAILING_FIGURES = re.compile(r"^(.*?[^\s\d,./\-])\s+((?:[\d,./\-—–]+\s*)+)$")


def split_cells(line: str) -> tuple[str, ...]:
    """The cells of one line of flattened text."""
    if "|" in line:
        parts = line.split("|")
        if not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return tuple(p.strip() for p in parts)
    if "\t" in line:
        return tuple(p.strip() for p in line.strip().split("\t"))
    cells: list[str] = []
    for part in _SPACES.split(line.strip()):
        if not part:
            continue
        match = _TRAILING_FIGURES.match(part)
        if match and not is_value_text(match.group(1)):
            cells.append(match.group(1))
            cells.extend(match.group(2).split())
        else:
            cells.append(part)
    return tuple(cells)


_FILLER_START = frozenset("|:-—–")
_MARKER_START = frozenset("-－—–第")
_CACHE_LINE_CHARS = 200
_CACHE_SIZE = 20_000
_line_cache: dict[str, tuple[str, tuple[str, ...]] | None] = {}


def _read_line(stripped: str) -> tuple[str, tuple[str, ...]] | None:
    """A stripped non-empty line as (text, cells); None for fillers and page markers.

    Short lines repeat a lot in flattened tables (``0 |``, ``|||``), so their
    results are kept in a bounded cache.
    """
    found = _line_cache.get(stripped, _line_cache)
    if found is not _line_cache:
        return found  # type: ignore[return-value]
    result: tuple[str, tuple[str, ...]] | None
    if (stripped[0] in _FILLER_START and _FILLER.match(stripped)) or (
        stripped[0] in _MARKER_START and is_page_marker(stripped)
    ):
        result = None
    else:
        line = stripped.lstrip("#").strip() if stripped[0] == "#" else stripped
        cells = split_cells(line)
        joined = " ".join(c for c in cells if c) if "|" in line else line
        result = (joined, cells)
    if len(stripped) <= _CACHE_LINE_CHARS:
        if len(_line_cache) >= _CACHE_SIZE:
            _line_cache.clear()
        _line_cache[stripped] = result
    return result


def text_items(text: str) -> list[Item]:
    """The lines of a text as items for the section splitter.

    A line of a lone ``|`` is an empty cell of the one-cell-per-line form when
    the next line is a figure of the same row (a blank figure between figures,
    or between the label and its first figure); anywhere else, like ``||`` and
    ``|||`` lines, it is a filler (a row's end, cells lost with header spans).
    """
    items: list[Item] = []
    append = items.append
    blanks = 0  # lone "|" lines waiting for the next line
    for number, line in enumerate(text.splitlines(), 1):
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
        read = _read_line(stripped)
        if read is None:
            if not is_page_marker(stripped):
                blanks = 0
            continue
        cells = read[1]
        if blanks:
            if len(cells) == 1 and is_value_text(cells[0]):
                cells = ("",) * blanks + cells
            blanks = 0
        append(Item(read[0], f"第 {number} 行", cells))
    return items


def read_text(text: str, *, strict: bool = False, source: str | None = None) -> Report:
    """Read a report from flattened text (scraped pages, converted files).

    Args:
        text: the whole text.
        strict: raise `ReadError` on any reading problem instead of returning
            the report with ``reading_findings``.
        source: a name for messages (a file name).

    Raises:
        NotAReportError: the text is not an annual report.
        ReadError: with ``strict``, the problems found; or no report year found.
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes str, not {type(text).__name__}")
    return read_items(text_items(text), strict=strict, source=source, sample=text)
