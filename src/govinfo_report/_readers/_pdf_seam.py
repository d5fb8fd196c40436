"""A table row a page break cut in two, made one row again.

Word and WPS let a table row break across pages (unless "allow row to break
across pages" is off): the cells' first lines stand in the last row of one
page, the rest in the first row of the next, under the repeated header (rows printed before
on the page, nothing else). A
figure broken there (``12345`` on one page, ``67`` on the next) would be read
as ``12345`` with ``67`` a stray figure of no row: a wrong figure. The two
parts are one row: each cell is joined with a space, so that a figure cut in
two reads as two figures (the matcher reports the row, ``EXTRA_CELL``), never
as its first half. A row whose cells do not line up with the part before it
has its figures marked unreadable.

A label wrapped over lines may break the other way: its first lines, and
the figures, in the last row of one page, its last line alone in the first
row of the next (``申请`` under the repeated header, each figure cell empty).
That rest is joined to the row too (`label_rest`), where it makes the
label the whole label of a row of the format and the part before is none.
"""

from __future__ import annotations

from govinfo_report._readers._pdf_blanks import whole_label
from govinfo_report._readers._split import Item, trusted_item

__all__ = ["continuation", "fits", "has_digit", "joined", "label_rest"]

_UNREADABLE = "〓"
_FIGURE_CHARS = frozenset("0123456789,.，． ")


def _figure(cell: str) -> bool:
    """Whether a cell prints a figure (or a piece of one): digits and separators
    only (``3.其他`` is a label)."""
    text = cell.strip()
    return bool(text) and all(ch in _FIGURE_CHARS for ch in text)


def has_digit(item: Item) -> bool:
    """Whether any cell of the row holds a digit (a header row holds none)."""
    return any(ch.isdigit() for cell in item.cells for ch in cell)


def continuation(row: Item) -> bool:
    """Whether ``row`` is the rest of a row cut by a page break: figures, and
    no text before its first figure cell (its label stayed on the page before)."""
    if not row.is_table or not has_digit(row):
        return False
    for cell in row.cells:
        if _figure(cell):
            return True
        if cell.strip():
            return False
    return False


def label_rest(before: Item, rest: Item) -> bool:
    """Whether ``rest`` is the end of ``before``'s label, cut off by a page break.

    ``rest`` holds no digit and prints only where ``before`` prints text (its
    label and group cells), ``before`` holds figures, and the last such cell
    joined reads the whole label of a row of the format, which ``before``'s
    part alone does not (a row of its own, its figures left blank, is none).
    """
    if (
        not rest.is_table
        or len(before.cells) != len(rest.cells)
        or has_digit(rest)
        or not has_digit(before)
    ):
        return False
    shared = [
        (a, b) for a, b in zip(before.cells, rest.cells, strict=True) if b.strip()
    ]
    if not shared or any(not a.strip() or _figure(a) for a, _b in shared):
        return False
    head, tail = shared[-1]
    return whole_label(head) is None and whole_label(f"{head}{tail}") is not None


def fits(before: Item, rest: Item) -> bool:
    """Whether ``rest`` may continue ``before``: where ``rest`` prints
    something, ``before`` prints nothing or a figure (never a header's text:
    table 4's figure row under its header is no continuation of the header)."""
    if len(before.cells) != len(rest.cells):
        return True  # (told apart by `joined`: its figures are not read)
    return all(
        not b.strip() or not a.strip() or _figure(a)
        for a, b in zip(before.cells, rest.cells, strict=True)
    )


def joined(before: Item, rest: Item) -> Item:
    """The row ``before`` (the last of a page) with its ``rest`` (the first of the next)."""
    if len(before.cells) == len(rest.cells):
        cells = tuple(
            f"{a} {b}" if a.strip() and b.strip() else a + b
            for a, b in zip(before.cells, rest.cells, strict=True)
        )
    else:
        # the parts do not line up: no figure of the row can be told
        cells = tuple(f"{c} {_UNREADABLE}" if _figure(c) else c for c in before.cells)
    text = " ".join(c for c in cells if c)
    return trusted_item(text, before.where, cells, is_table=True)
