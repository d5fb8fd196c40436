"""A report's tables saved as CSV (Excel's "save as"), read as rows of text.

`csv_delimiter` tells such a text from prose with commas and says what
separates its cells (``,``; ``;`` where Excel's locale writes decimal commas);
`csv_cells` cuts one of its rows into cells with quotes as CSV has them
(``"1,268"`` is one figure, Excel's text formula ``="1268"`` is ``1268``);
`csv_line` unquotes a line that is one quoted cell (a heading, prose, when
every cell was quoted). `_text` reads the rest as any flattened text.
"""

from __future__ import annotations

import csv
import re

from govinfo_report._readers._catalogue import is_format_label
from govinfo_report._readers._cells import is_value_text
from govinfo_report._readers._chinese_numerals import arabic, looks_numeral

__all__ = ["csv_cells", "csv_delimiter", "csv_line", "is_csv"]

_DELIMITERS = (",", ";", "；", "，")
"""What separates a CSV's cells: Excel writes ``;`` where the decimal mark is
``,``; a CSV typed or fixed by hand with a Chinese input method has ``；`` or
``，`` (full-width)."""
_CSV_ENDS = {
    d: re.compile(rf'{d}[ ]*"?=?"*[\d,.]*"*[ ]*\r*$', re.MULTILINE) for d in _DELIMITERS
}
"""The end of a separated row: a separator and a figure (``行政许可,1268``,
``行政许可;"1,268"``, ``行政许可,="1268"``), before the line's end: ``\r\n``,
or ``\r\r\n`` (Python's csv module writing to a file opened in text mode
on Windows)."""
_CSV_ROWS = 3  # a text with this many separated rows is read as CSV
_CSV_TRIES = 100  # the most line ends like a row's that `csv_delimiter` looks at


def csv_delimiter(text: str) -> str | None:
    """What separates the cells of ``text`` when it holds `_CSV_ROWS`
    separated rows (Excel's CSV); None for any other text."""
    for delimiter in _DELIMITERS:
        if delimiter not in text:
            continue
        rows = 0
        for tries, end in enumerate(_CSV_ENDS[delimiter].finditer(text)):
            if tries >= _CSV_TRIES:
                break
            start = text.rfind("\n", 0, end.start()) + 1
            if csv_cells(text[start : end.end()].strip(), delimiter) is not None:
                rows += 1
                if rows >= _CSV_ROWS:
                    return delimiter
    return None


def is_csv(text: str) -> bool:
    """True when ``text`` holds `_CSV_ROWS` separated rows (Excel's CSV)."""
    return csv_delimiter(text) is not None


_FORMULA = re.compile(r'^="(.*)"$', re.DOTALL)
"""Excel's text formula, written so a figure keeps its form (``="1268"``)."""


def _unformula(cell: str) -> str:
    formula = _FORMULA.match(cell)
    return cell if formula is None else formula.group(1).strip()


def csv_line(line: str, delimiter: str) -> str:
    """``line`` unquoted when it is one quoted cell of a CSV (``"一、总体情况"``,
    a heading when every cell was quoted), else ``line`` as it is.

    >>> csv_line('"一、总体情况"', ","), csv_line('"全年收到申请57件,办结58件"', ",")
    ('一、总体情况', '全年收到申请57件,办结58件')
    >>> csv_line('他说"好"', ",")
    '他说"好"'
    """
    if len(line) < 2 or line[0] != '"' or line[-1] != '"':
        return line
    try:
        (cells,) = csv.reader([line], delimiter=delimiter)
    except (csv.Error, ValueError):
        return line
    return cells[0].strip() if len(cells) == 1 else line


_THOUSANDS_ONLY = re.compile(r"^\s*\d{1,3}(?:,\d{3})+\s*$")


def csv_cells(line: str, delimiter: str = ",") -> tuple[str, ...] | None:
    """The cells of a row of a CSV text its cells separated by ``delimiter``;
    None for other lines.

    Only rows of labels then figures are cut (``三、本年度办理结果,（一）予以公开,18,4…``,
    table 4's figures), and header rows of the format's labels, with quotes
    as CSV has them (``"1,268"`` is one figure); prose, a label with a figure
    after a space (``行政许可 1,268``) and a figure alone (``1,268``) are no rows.

    >>> csv_cells('"行政许可","1,268"'), csv_cells("规章,0,,0")
    (('行政许可', '1,268'), ('规章', '0', '', '0'))
    >>> csv_cells("行政许可 1,268"), csv_cells("1,268"), csv_cells("全年收到申请57件,办结58件")
    (None, None, None)
    >>> csv_cells('行政许可;1,268', ";"), csv_cells('行政许可,="1268"')
    (('行政许可', '1,268'), ('行政许可', '1268'))
    """
    if (
        "|" in line
        or "\t" in line
        or (delimiter == "," and _THOUSANDS_ONLY.match(line))
    ):
        return None
    try:
        (cells,) = csv.reader([line], delimiter=delimiter)
    except (csv.Error, ValueError):
        return None
    cells = [_unformula(c.strip()) for c in cells]
    figures = len(cells)
    while figures and (not cells[figures - 1] or _is_figure(cells[figures - 1])):
        figures -= 1
    labels = cells[:figures]
    if any(not c or _is_figure(c) or c[-1].isdecimal() or "  " in c for c in labels):
        return None  # a figure among labels, a label ending in a digit: not a row
    if not all(map(is_format_label, labels)):
        # a label printed with half-width commas and not quoted
        # (``（二）部分公开（区分处理的,只计这一情形,不计其他情形）``)
        joined = next(
            (
                i
                for i in range(len(labels) - 1)
                if all(map(is_format_label, labels[:i]))
                and is_format_label(delimiter.join(labels[i:]))
            ),
            None,
        )
        if joined is not None:
            cells[joined:figures] = [delimiter.join(labels[joined:])]
        elif figures == len(cells):
            return None  # no figures: a header row, or prose
    if not labels and len(cells) < _CSV_ROWS:
        return None
    return tuple(cells)


def _is_figure(cell: str) -> bool:
    """A CSV cell holding a figure: digits, a mark, or Chinese numerals
    (``一千二百六十八``, ``三``: in a CSV's own cell after the labels, even one
    numeral is a figure, `_chinese_numerals`)."""
    return is_value_text(cell) or looks_numeral(cell) or arabic(cell) is not None
