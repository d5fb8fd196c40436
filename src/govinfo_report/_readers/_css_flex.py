"""The order in which a browser lays out a flex box's items, where it is
certain: ``flex-direction:row-reverse``, ``direction:rtl`` (the element's or
inherited, ``dir="rtl"``), ``order`` on the items of one line (no wrap).

``<div style="display:flex;flex-direction:row-reverse"><span>68</span>
<span>12</span></div>`` shows 1268 (checked in Chromium's print to PDF):
read in source order it is 6812, a figure the screen does not show.
"""

from __future__ import annotations

import attrs
from lxml import etree

from govinfo_report._readers._css_layout import rearranges
from govinfo_report._readers._css_values import declarations_of, pixels

_FLEX = frozenset(("flex", "inline-flex"))
_SPREAD = ("space-between", "space-around", "space-evenly")
_GAP = 4.0  # px: a gap this wide between the items shows two groups


@attrs.frozen
class Flex:
    """How a flex box lays out its items, when it is certain."""

    column: bool
    """The items are stacked (``column``): each a line of its own."""
    reverse: bool
    """The items are laid out from the end (right, or bottom, to the start)."""
    spaced: bool
    """A gap (``gap``, ``justify-content:space-between``…) between the items."""


def flex_box(element: etree._Element) -> Flex | bool | None:
    """How ``element`` lays out its items: `Flex`; ``False`` when it is no
    flex box; ``None`` when the order on the screen cannot be known for
    certain (the items may wrap onto several lines, a vertical writing mode,
    ``dir="auto"``)."""
    style = element.get("style") or ""
    if "flex" not in style:
        return False
    declarations = declarations_of(style)
    words = declarations.get("display", "").split()
    if not words or words[-1] not in _FLEX:
        return False
    flow = declarations.get("flex-flow", "").split()
    direction = declarations.get("flex-direction") or next(
        (w for w in flow if w.startswith(("row", "column"))), "row"
    )
    wrap = declarations.get("flex-wrap") or next(
        (w for w in flow if "wrap" in w), "nowrap"
    )
    if wrap != "nowrap" or direction not in (
        "row",
        "row-reverse",
        "column",
        "column-reverse",
    ):
        return None  # on several lines, the order depends on the widths
    if not declarations.get("writing-mode", "horizontal-tb").startswith("horizontal"):
        return None
    rtl = right_to_left(element)
    if rtl is None:
        return None
    column = direction.startswith("column")
    reverse = direction.endswith("-reverse") != (rtl and not column)
    gap = (
        declarations.get("column-gap" if not column else "row-gap")
        or (declarations.get("gap", "").split() or [""])[-1 if not column else 0]
    )
    spaced = (pixels(gap) or 0.0) >= _GAP or any(
        word in declarations.get("justify-content", "") for word in _SPREAD
    )
    return Flex(column=column, reverse=reverse, spaced=spaced)


def right_to_left(element: etree._Element) -> bool | None:
    """True when ``element``'s direction is right to left (its own or an
    ancestor's ``direction`` or ``dir``), None when it is ``dir="auto"``."""
    node: etree._Element | None = element
    while node is not None:
        if isinstance(node.tag, str):
            style = node.get("style") or ""
            if "direction" in style:
                direction = declarations_of(style).get("direction")
                if direction in ("rtl", "ltr"):
                    return direction == "rtl"
            written = (node.get("dir") or "").strip().lower()
            if written in ("rtl", "ltr"):
                return written == "rtl"
            if written == "auto":
                return None
        node = node.getparent()
    return False


Piece = etree._Element | str
"""A flex box's item: a child element, or a run of text (an anonymous item)."""


def items_on_screen(
    element: etree._Element, flex: Flex
) -> list[tuple[int, Piece]] | None:
    """The items of the flex box ``element`` in the order the screen shows
    them, each with its place in the source; None when an item's ``order``
    is no whole number."""
    ranked: list[tuple[int, int, Piece]] = []
    if element.text and element.text.strip():
        ranked.append((0, 0, element.text))
    for child in element:
        if isinstance(child.tag, str):
            style = child.get("style") or ""
            order = (
                declarations_of(style).get("order", "0") if "order" in style else "0"
            )
            try:
                ranked.append((int(order), len(ranked), child))
            except ValueError:
                return None
        if child.tail and child.tail.strip():
            ranked.append((0, len(ranked), child.tail))
    items = [(place, piece) for _, place, piece in sorted(ranked, key=lambda r: r[0])]
    return items[::-1] if flex.reverse else items


_PLACED = ("display", "flex-direction", "flex-flow", "flex-wrap")


def placed_certainly(element: etree._Element, *, item: bool, box: bool) -> bool:
    """True when ``element``'s style rearranges nothing but what
    `items_on_screen` puts in order: as a flex ``box``, its items; as an
    ``item`` of one, itself by its ``order``. No float, shift or turn."""
    declarations = declarations_of(element.get("style") or "")
    dropped = (_PLACED if box else ()) + (("order",) if item else ())
    rest = {k: v for k, v in declarations.items() if k not in dropped}
    return not rearranges(rest, inline=False)


def keeps_source_order(element: etree._Element) -> bool:
    """True when the flex box ``element`` shows its items in the source's
    order whether or not they wrap: no ``row-reverse`` or
    ``column-reverse``, no item's ``order``, left to right, horizontal."""
    declarations = declarations_of(element.get("style") or "")
    flow = declarations.get("flex-direction", "") + declarations.get("flex-flow", "")
    if "reverse" in flow or right_to_left(element) is not False:
        return False
    if not declarations.get("writing-mode", "horizontal-tb").startswith("horizontal"):
        return False
    return not any(
        isinstance(child.tag, str)
        and "order" in (style := child.get("style") or "")
        and declarations_of(style).get("order", "0").strip() not in ("0", "")
        for child in element
    )
