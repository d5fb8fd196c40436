"""A report's tables saved as CSV (Excel's "save as"), read as rows of text.

`is_csv` tells such a text from prose with commas; `csv_cells` cuts one of
its rows into cells with quotes as CSV has them (``"1,268"`` is one figure).
`_text` reads the rest as any flattened text.
"""

from __future__ import annotations

import csv
import re

from govinfo_report._readers._catalogue import is_format_label
from govinfo_report._readers._cells import is_value_text

__all__ = ["csv_cells", "is_csv"]

_CSV_END = re.compile(r',[ ]*(?:"[\d,.]*"|[\d.]+)[ ]*\r?$', re.MULTILINE)
"""The end of a comma-separated row: a comma and a figure (``行政许可,1268``)."""
_CSV_ROWS = 3  # a text with this many comma-separated rows is read as CSV
_CSV_TRIES = 100  # the most line ends like a row's that `is_csv` looks at


def is_csv(text: str) -> bool:
    """True when ``text`` holds `_CSV_ROWS` comma-separated rows (Excel's CSV)."""
    rows = 0
    for tries, end in enumerate(_CSV_END.finditer(text)):
        if tries >= _CSV_TRIES:
            break
        start = text.rfind("\n", 0, end.start()) + 1
        if csv_cells(text[start : end.end()].strip()) is not None:
            rows += 1
            if rows >= _CSV_ROWS:
                return True
    return False


_THOUSANDS_ONLY = re.compile(r"^\s*\d{1,3}(?:,\d{3})+\s*$")


def csv_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a comma-separated row of a CSV text; None for other lines.

    Only rows of labels then figures are cut (``三、本年度办理结果,（一）予以公开,18,4…``,
    table 4's figures), and header rows of the format's labels, with quotes
    as CSV has them (``"1,268"`` is one figure); prose, a label with a figure
    after a space (``行政许可 1,268``) and a figure alone (``1,268``) are no rows.

    >>> csv_cells('"行政许可","1,268"'), csv_cells("规章,0,,0")
    (('行政许可', '1,268'), ('规章', '0', '', '0'))
    >>> csv_cells("行政许可 1,268"), csv_cells("1,268"), csv_cells("全年收到申请57件,办结58件")
    (None, None, None)
    """
    if "|" in line or "\t" in line or _THOUSANDS_ONLY.match(line):
        return None
    try:
        (cells,) = csv.reader([line])
    except (csv.Error, ValueError):
        return None
    cells = [c.strip() for c in cells]
    figures = len(cells)
    while figures and (not cells[figures - 1] or is_value_text(cells[figures - 1])):
        figures -= 1
    labels = cells[:figures]
    if any(not c or is_value_text(c) or c[-1].isdecimal() or "  " in c for c in labels):
        return None  # a figure among labels, a label ending in a digit: not a row
    if not all(map(is_format_label, labels)):
        # a label printed with half-width commas and not quoted
        # (``（二）部分公开（区分处理的,只计这一情形,不计其他情形）``)
        joined = next(
            (
                i
                for i in range(len(labels) - 1)
                if all(map(is_format_label, labels[:i]))
                and is_format_label(",".join(labels[i:]))
            ),
            None,
        )
        if joined is not None:
            cells[joined:figures] = [",".join(labels[joined:])]
        elif figures == len(cells):
            return None  # no figures: a header row, or prose
    if not labels and len(cells) < _CSV_ROWS:
        return None
    return tuple(cells)
