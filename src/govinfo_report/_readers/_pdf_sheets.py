"""Two or four pages printed on one sheet (2-up, 4-up): read each page in turn.

A report printed "two pages per sheet" (a printer driver's n-up, ``pdfjam
--nup 2x1``, a booklet) is one landscape PDF page holding two portrait pages
side by side. Read as one page, a line of the left page and the line of the
right page at the same height become one line, and the rows of the two pages'
tables interleave. A person reads the left page and then the right one.

A sheet is cut in two when all of these hold (`halves`):

- it is landscape (wider than high);
- a vertical gutter near its middle (its centre within `_MIDDLE` of the
  sheet's centre, at least `_GUTTER` of the sheet's width wide) is crossed by
  nothing drawn: no upright character, ruling line, picture or shape;
- both sides hold characters;
- the two sides look like two pages: their content starts at the same
  distance from the left edge of its half (within `_FRAME` of the sheet's
  width), or is as wide (within `_FRAME` of a half's width);
- the two sides' lines stand at their own heights: at most `_SHARED` of
  the lines of the side with fewer stand (within 1 pt) where a line of the
  other side does.

One page that is merely wide (a landscape table page) has its lines and
rulings across the middle; a table whose columns are aligned by spaces (no
rulings) has its label and figure blocks on the same lines (and seldom
starting at the same place in each half, or as wide): neither is cut. Two
pages of plain prose whose lines happen to stand at the same heights are not
cut either (read as one page, as before: lines joined across the gutter).

Four pages per sheet (``pdfjam --nup 2x2``, a driver's "4 pages per sheet",
on a portrait or a landscape sheet) put the pages in two rows of two: read
as one page, or cut only down the middle, the pages are read out of order
(top left, bottom left, …) and a table running on from one page to the next
is joined to the wrong page. A sheet is cut in four (`parts`) when it has a
vertical gutter as above and a horizontal one (at least `_GUTTER` of its
height, its centre within `_MIDDLE` of the sheet's middle) that nothing
crosses, the top left quarter holds characters, and the two quarters of each
row that hold characters look like two pages by the same tests as a 2-up
sheet's halves (frame alike, lines at their own heights); the quarters are
read top left, top right, bottom left, bottom right (a last sheet may leave
its last quarters empty). Else a 2-up sheet is looked for as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["enlarged", "halves", "parts"]

_QUARTERS = ("左上", "右上", "左下", "右下")
_ENLARGE = 2.0  # a quarter sheet's page to about its printed size  # a 4-up sheet's pages, in reading order

_MIDDLE = (
    0.05  # of the sheet's width: how far the gutter's centre may be from the middle
)
_GUTTER = 0.03  # of the sheet's width: the narrowest gutter between two pages
_FRAME = 0.06  # of the sheet's (a half's) width: two pages' frames this alike
_SHARED = (
    0.8  # of a side's lines: more at the height of a line of the other side is one page
)


def _spans(page: dict[str, Any]) -> Iterable[tuple[float, float]]:
    """The horizontal extent of everything drawn on the page.

    Turned characters are left out: a watermark laid diagonally over the
    whole sheet (``仅供参考``) crosses the gutter but makes no one page of two.
    """
    for char in page["chars"]:
        yield char[1], char[3]
    for _y, x0, x1 in page["h"]:
        yield x0, x1
    for x, _top, _bottom in page["v"]:
        yield x, x
    for box in page.get("drawings") or ():
        yield box[0], box[2]
    for place in page.get("unshown") or ():
        yield place[1], place[3]


def _rises(page: dict[str, Any]) -> Iterable[tuple[float, float]]:
    """The vertical extent of everything drawn on the page (as `_spans`)."""
    for char in page["chars"]:
        yield char[2], char[4]
    for y, _x0, _x1 in page["h"]:
        yield y, y
    for _x, top, bottom in page["v"]:
        yield top, bottom
    for box in page.get("drawings") or ():
        yield box[1], box[3]
    for place in page.get("unshown") or ():
        yield place[2], place[4]


def _gutter(
    page: dict[str, Any],
    width: float,
    extents: Callable[[dict[str, Any]], Iterable[tuple[float, float]]] = _spans,
) -> float | None:
    """The middle of an empty band (vertical; horizontal with `_rises`) near the middle."""
    spans = sorted(extents(page))
    reach = spans[0][1] if spans else 0.0
    for start, end in spans[1:]:
        if start - reach >= _GUTTER * width:
            centre = (start + reach) / 2
            if abs(centre - width / 2) <= _MIDDLE * width:
                return centre
        reach = max(reach, end)
    return None


def _side(page: dict[str, Any], keep: Any) -> dict[str, Any]:
    """The part of ``page`` whose things ``keep`` takes (by their left and right)."""

    def chars(items: Sequence[Sequence[Any]]) -> list[Any]:
        return [c for c in items if keep(c[1], c[3])]

    return {
        **page,
        "chars": chars(page["chars"]),
        "turned": chars(page["turned"]),
        "hidden": chars(page["hidden"]),
        "h": [h for h in page["h"] if keep(h[1], h[2])],
        "v": [v for v in page["v"] if keep(v[0], v[0])],
        "drawings": [d for d in page.get("drawings") or () if keep(d[0], d[2])],
        "unshown": [u for u in page.get("unshown") or () if keep(u[1], u[3])],
    }


def halves(page: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The left and right pages of a 2-up sheet (see the module), or None for a page."""
    width, height = page.get("size") or (0.0, 0.0)
    if not page["chars"] or width <= height:
        return None
    gutter = _gutter(page, width)
    if gutter is None:
        return None
    left = _side(page, lambda x0, x1: (x0 + x1) / 2 < gutter)
    right = _side(page, lambda x0, x1: (x0 + x1) / 2 >= gutter)
    if not left["chars"] or not right["chars"]:
        return None
    lx0 = min(c[1] for c in left["chars"])
    lx1 = max(c[3] for c in left["chars"])
    rx0 = min(c[1] for c in right["chars"])
    rx1 = max(c[3] for c in right["chars"])
    same_start = abs(lx0 - (rx0 - width / 2)) <= _FRAME * width
    same_width = abs((lx1 - lx0) - (rx1 - rx0)) <= _FRAME * width / 2
    if not (same_start or same_width):
        return None
    # the lines of a table aligned by spaces stand at the same heights on
    # both sides (a row's label and its figures); two pages' lines seldom do
    left_lines = {round(c[4]) for c in left["chars"]}
    right_lines = {round(c[4]) for c in right["chars"]}
    shared = sum(
        1
        for line in right_lines
        if line in left_lines or line - 1 in left_lines or line + 1 in left_lines
    )
    if shared > _SHARED * min(len(left_lines), len(right_lines)):
        return None
    return left, right


def _part(page: dict[str, Any], keep: Any) -> dict[str, Any]:
    """The part of ``page`` whose things ``keep`` takes (by the middle of their box)."""

    def boxed(items: Sequence[Sequence[Any]]) -> list[Any]:
        return [c for c in items if keep((c[1] + c[3]) / 2, (c[2] + c[4]) / 2)]

    return {
        **page,
        "chars": boxed(page["chars"]),
        "turned": boxed(page["turned"]),
        "hidden": boxed(page["hidden"]),
        "h": [h for h in page["h"] if keep((h[1] + h[2]) / 2, h[0])],
        "v": [v for v in page["v"] if keep(v[0], (v[1] + v[2]) / 2)],
        "drawings": [
            d
            for d in page.get("drawings") or ()
            if keep((d[0] + d[2]) / 2, (d[1] + d[3]) / 2)
        ],
        "unshown": [
            u
            for u in page.get("unshown") or ()
            if keep((u[1] + u[3]) / 2, (u[2] + u[4]) / 2)
        ],
    }


def _quarters(page: dict[str, Any]) -> list[tuple[dict[str, Any], str]] | None:
    """The pages of a 4-up sheet (see the module) in reading order, or None."""
    width, height = page.get("size") or (0.0, 0.0)
    if not page["chars"] or width <= 0 or height <= 0:
        return None
    across = _gutter(page, width)
    if across is None:
        return None
    down = _gutter(page, height, _rises)
    if down is None and max(bottom for _top, bottom in _rises(page)) < height / 2:
        down = height / 2  # a last sheet of two pages: its lower row empty
    if down is None:
        return None
    quarters = [
        _part(
            page,
            lambda x, y, right=right, lower=lower: (
                (x >= across) == right and (y >= down) == lower
            ),
        )
        for lower in (False, True)
        for right in (False, True)
    ]
    filled = [bool(q["chars"]) for q in quarters]
    # the pages fill a sheet in reading order: the empty quarters come last
    if sum(filled) < 2 or filled != sorted(filled, reverse=True):
        return None
    pairs = [
        (left, right)
        for left, right in ((quarters[0], quarters[1]), (quarters[2], quarters[3]))
        if left["chars"] and right["chars"]
    ]
    # each row's two pages framed alike; the lines of one row at least at
    # heights of their own (shrunk to a quarter, a page dense with table rows
    # has a line within a point of nearly any height: its row may not tell)
    if not all(_framed_alike(left, right, across) for left, right in pairs):
        return None
    if pairs and not any(_own_heights(left, right) for left, right in pairs):
        return None
    return [
        (_enlarged(quarter, place, across, down), place)
        for quarter, place in zip(quarters, _QUARTERS, strict=True)
        if quarter["chars"]
    ]


def _enlarged(
    quarter: dict[str, Any], place: str, across: float, down: float
) -> dict[str, Any]:
    """``quarter`` drawn twice as large, from its corner: the page at its size.

    A page shrunk onto a quarter sheet has its glyphs, gaps and line pitch at
    half their size or less, below the sizes in points the layout tells lines,
    words and columns by (`_pdf_layout`): a wrapped label's line within 3 pt
    of a row's. Twice as large, the page is about as printed on its own.
    """
    x0 = across if place.startswith("右") else 0.0
    y0 = down if place.endswith("下") else 0.0
    return enlarged(quarter, x0, y0, _ENLARGE)


def enlarged(
    page: dict[str, Any], x0: float, y0: float, factor: float
) -> dict[str, Any]:
    """``page`` drawn ``factor`` times as large, from the point ``x0``, ``y0``."""

    def x(value: float) -> float:
        return (value - x0) * factor

    def y(value: float) -> float:
        return (value - y0) * factor

    def glyphs(items: Sequence[Sequence[Any]]) -> list[Any]:
        return [(c[0], x(c[1]), y(c[2]), x(c[3]), y(c[4]), *c[5:]) for c in items]

    return {
        **page,
        "chars": glyphs(page["chars"]),
        "turned": glyphs(page["turned"]),
        "hidden": glyphs(page["hidden"]),
        "h": [(y(h[0]), x(h[1]), x(h[2]), *h[3:]) for h in page["h"]],
        "v": [(x(v[0]), y(v[1]), y(v[2]), *v[3:]) for v in page["v"]],
        "drawings": [
            [x(d[0]), y(d[1]), x(d[2]), y(d[3]), *d[4:]]
            for d in page.get("drawings") or ()
        ],
        "unshown": [
            [u[0], x(u[1]), y(u[2]), x(u[3]), y(u[4]), *u[5:]]
            for u in page.get("unshown") or ()
        ],
        "slants": [
            (x(s[0]), y(s[1]), x(s[2]), y(s[3]))
            for s in page.get("slants") or ()
            if len(s) == 4
        ],
    }


def _framed_alike(left: dict[str, Any], right: dict[str, Any], gutter: float) -> bool:
    """Whether ``left`` and ``right`` (of a sheet cut at ``gutter``) are framed as two pages."""
    width = 2 * gutter
    lx0 = min(c[1] for c in left["chars"])
    lx1 = max(c[3] for c in left["chars"])
    rx0 = min(c[1] for c in right["chars"])
    rx1 = max(c[3] for c in right["chars"])
    same_start = abs(lx0 - (rx0 - gutter)) <= _FRAME * width
    same_width = abs((lx1 - lx0) - (rx1 - rx0)) <= _FRAME * width / 2
    return bool(same_start or same_width)


def _own_heights(left: dict[str, Any], right: dict[str, Any]) -> bool:
    """Whether the lines of ``left`` and ``right`` stand at heights of their own."""
    left_lines = {round(c[4]) for c in left["chars"]}
    right_lines = {round(c[4]) for c in right["chars"]}
    shared = sum(
        1
        for line in right_lines
        if line in left_lines or line - 1 in left_lines or line + 1 in left_lines
    )
    return shared <= _SHARED * min(len(left_lines), len(right_lines))


def parts(page: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The pages printed on ``page`` in reading order, each with its place (see the module).

    ``[(page, "")]`` for a page that is no 2-up or 4-up sheet; else each page
    of the sheet with ``"左上"`` … ``"右下"`` (4-up) or ``"左半"``, ``"右半"``.
    """
    quarters = _quarters(page)
    if quarters is not None:
        return quarters
    sheet = halves(page)
    if sheet is None:
        return [(page, "")]
    return [(sheet[0], "左半"), (sheet[1], "右半")]
