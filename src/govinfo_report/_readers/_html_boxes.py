"""A row of figures outside tables laid out by a flex box or a grid: a
CMS's "table" of ``<div>``s, each a cell, placed by ``display:grid`` or
``display:flex``.

``<div style="display:grid;grid-template-columns:repeat(4,1fr)">`` with
``<div>行政规范性文件</div><div style="grid-column:4">23</div><div
style="grid-column:2;grid-row:1">4</div>…`` shows ``行政规范性文件 4 1 23``
in Chromium; read in source order it gave 23, 4, 1 with nothing to say.
Where the order on the screen is certain (a flex box on one line, its
``order``, ``row-reverse``, ``direction:rtl``; a grid placing its items in
turn, by their ``order``) and differs from the source's, the row is read in
that order, with a warning; where it is not (items placed by
``grid-column``/``grid-row``/``grid-area``, a flex box that may wrap, a
``dense`` or column flow), its figures stand as `UNREAD`, with the error.

Only a box of several items holding digits, each item one run of text (no
block inside: a cell, not a column of the page's layout) is such a row: a
page laid out as a sidebar and a main column keeps its order within each.
"""

from __future__ import annotations

import attrs
from lxml import etree

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._limits import Limits
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._css_flex import (
    Flex,
    Piece,
    flex_box,
    items_on_screen,
    keeps_source_order,
    right_to_left,
)
from govinfo_report._readers._css_values import declarations_of
from govinfo_report._readers._html_grid import checked
from govinfo_report._readers._html_text import (
    BLOCK_TAGS,
    UNREAD,
    Notes,
    cell_text,
    display_of,
    notes_findings,
)
from govinfo_report._readers._seen import Seen
from govinfo_report._readers._split import Item
from govinfo_report._readers._visibility import look

_GRIDS = frozenset(("grid", "inline-grid"))
_FLEXES = frozenset(("flex", "inline-flex"))
_PLACING = ("grid-column", "grid-row", "grid-area", "grid-column-start")
_MOST_ITEMS = 200  # items of one box looked at (more: no row of figures)


@attrs.frozen
class BoxRow:
    """The items of a flex or grid box making a row of figures."""

    items: tuple[Piece, ...]
    """In the order the screen shows them (the source's when not `certain`)."""
    source: tuple[Piece, ...]
    """In the source's order."""
    certain: bool
    """The order on the screen is known."""
    stacked: bool
    """The items are laid one under another (a column flex box)."""


def box_row(element: etree._Element) -> BoxRow | None:
    """The row ``element`` lays out, when it is a flex box or a grid whose
    items (each one run of text) hold digits in two or more and are shown
    in another order than the source's, or in one not known; else None."""
    display = display_of(element)
    if display not in _GRIDS and display not in _FLEXES:
        return None
    pieces = _pieces(element)
    if pieces is None or sum(_has_digits(p) for p in pieces) < 2:
        return None
    source = tuple(pieces)
    order: list[Piece] | None
    if display in _FLEXES:
        flex = flex_box(element)
        shown = items_on_screen(element, flex) if isinstance(flex, Flex) else None
        if shown is None or not isinstance(flex, Flex):
            if keeps_source_order(element):
                return None  # (wrapped or not, line after line in the source's order)
            return BoxRow(source, source, certain=False, stacked=False)
        order = [piece for _, piece in shown]
        stacked = flex.column
    else:
        order = _grid_order(element, pieces)
        if order is None:
            return BoxRow(source, source, certain=False, stacked=False)
        stacked = False
    if _same(order, pieces):
        return None
    if not _has_digits(pieces[0]) and order[0] is not pieces[0]:
        # the row's label no longer first (`23 1 4 行政规范性文件`): its
        # figures would be read with the row before it
        return BoxRow(source, source, certain=False, stacked=stacked)
    return BoxRow(tuple(order), source, certain=True, stacked=stacked)


def _pieces(element: etree._Element) -> list[Piece] | None:
    """The items of the box ``element`` (its element children and its runs
    of text), when each is one run of text; else None."""
    pieces: list[Piece] = []
    if element.text and element.text.strip():
        pieces.append(element.text)
    for child in element:
        if len(pieces) > _MOST_ITEMS:
            return None
        if isinstance(child.tag, str):
            if any(
                isinstance(d.tag, str) and (d.tag in BLOCK_TAGS or d.tag == "table")
                for d in child.iterdescendants()
            ):
                return None  # a column of the page, not a cell
            pieces.append(child)
        if child.tail and child.tail.strip():
            pieces.append(child.tail)
    return pieces


def _grid_order(element: etree._Element, pieces: list[Piece]) -> list[Piece] | None:
    """The items of the grid ``element`` in the order the screen shows them
    (row by row; right to left in a ``direction:rtl`` grid), when it is
    known: each placed in turn, by its ``order``; None when an item is
    placed by its own ``grid-column``… or the grid fills its holes or runs
    down its columns."""
    declarations = declarations_of(element.get("style") or "")
    flow = declarations.get("grid-auto-flow", "row")
    if "dense" in flow or "column" in flow:
        return None
    if "grid-template-areas" in declarations or "grid-template" in declarations:
        return None
    ranked = []
    for place, piece in enumerate(pieces):
        order = "0"
        if not isinstance(piece, str):
            style = declarations_of(piece.get("style") or "")
            if any(name in style for name in _PLACING):
                return None
            order = style.get("order", "0")
        try:
            ranked.append((int(order), place, piece))
        except ValueError:
            return None
    order_shown = [piece for *_, piece in sorted(ranked, key=lambda r: r[:2])]
    # (each line from the right in a grid read right to left: the whole
    # row's order is known only when it is one line)
    rtl = right_to_left(element)
    if rtl is None:
        return None  # (dir="auto")
    if rtl:
        columns = declarations.get("grid-template-columns", "").split()
        if len(columns) != len(pieces):
            return None
        order_shown.reverse()
    return order_shown


def row_items(
    row: BoxRow, seen: Seen, limits: Limits, first: int
) -> tuple[list[Item], list[Finding]]:
    """The items (numbered from ``first``) and the finding for ``row``: its
    cells in the order on the screen, or, when that is not known, with
    `UNREAD` for each holding digits; stacked items each a line."""
    where = f"第 {first} 段"
    notes = Notes()
    cells: list[str] = []
    for piece in row.items:
        if isinstance(piece, str):
            text = " ".join(piece.split())
        else:
            state = look(piece, seen)
            if state is None:
                continue
            text = checked(limits, cell_text(piece, state, notes))
        cells.append(text)
    written = " ".join(c for c in cells if c)
    if not row.certain:
        cells = [UNREAD if any(c.isdigit() for c in cell) else cell for cell in cells]
    items = (
        [
            Item(c, f"第 {first + n} 段", (c,))
            for n, c in enumerate(x for x in cells if x)
        ]
        if row.stacked
        else [Item(" ".join(c for c in cells if c), where, tuple(cells), is_table=True)]
    )
    findings = notes_findings(where, written, notes) if notes else []
    if row.certain:
        message = (
            "flex 或 grid 布局（order、row-reverse、direction:rtl）让屏幕上各格的顺序与源码不同，"
            f"按屏幕上的顺序读作“{shortened(written, 40)}”，请核对原网页"
        )
        severity = Severity.WARNING
    else:
        message = (
            "flex 或 grid 布局（grid-column、grid-row、grid-area，可能换行的 flex，行标签不再在前）排列的各格在屏幕上的顺序无法确定或与标签对不上，"
            f"源码中为“{shortened(written, 40)}”，各格数字以“{UNREAD}”代替，不读入，请核对原网页"
        )
        severity = Severity.ERROR
    findings.append(
        reading_finding(FindingKind.AMBIGUOUS, where, message, severity=severity)
    )
    return items, findings


def _same(order: list[Piece], pieces: list[Piece]) -> bool:
    return len(order) == len(pieces) and all(
        a is b for a, b in zip(order, pieces, strict=True)
    )


def _has_digits(piece: Piece) -> bool:
    text = piece if isinstance(piece, str) else str(piece.xpath("string()"))
    return any(c.isdigit() for c in text)
