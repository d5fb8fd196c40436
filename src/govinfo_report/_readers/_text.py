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


def text_items(text: str) -> list[Item]:
    """The lines of a text as items for the section splitter."""
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or _FILLER.match(stripped) or is_page_marker(stripped):
            continue
        if stripped.startswith("#"):
            stripped = stripped.lstrip("#").strip()
        cells = split_cells(stripped)
        joined = " ".join(c for c in cells if c) if "|" in stripped else stripped
        items.append(Item(joined, f"第 {number} 行", cells))
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
