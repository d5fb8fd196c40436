"""Opaque boxes laid over text: ``<div style="position:absolute;background:#fff">``.

A box taken out of the flow and painted (a background colour, a picture)
hides whatever it is laid over: a cover-up over a figure shows a blank or
another figure, while the figure stays in the markup. Where the box is laid
is worked out only when it can be trusted: a box filling its containing
block (``inset:0``, ``top:0;left:0;width:100%;height:100%``) whose
containing block is inside the same table cell covers that cell's text.
Any other painted box in a cell may cover it; one outside the tables may
cover any of it (a loading mask, a box placed by pixel offsets).
"""

from __future__ import annotations

from lxml import etree

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._css_colours import gradient_stops, rgba_of
from govinfo_report._readers._css_values import (
    declarations_of,
    fraction,
    pixels,
    words,
)

COVERS = "covers"
"""The box fills its containing block, inside the cell: what is under it is hidden."""
MAY_COVER = "may-cover"
"""The box is painted and laid somewhere this reader cannot place."""

_OPAQUE = 0.9  # a box this opaque leaves what is under it too faint to read
_SPECK = 4.0  # px: a box this narrow or low hides no digit
_POSITIONED = frozenset(("absolute", "fixed"))
_CONTAINING = frozenset(("relative", "absolute", "fixed", "sticky"))


def cover_of(node: etree._Element, cell: etree._Element | None) -> str | None:
    """`COVERS`, `MAY_COVER` or None for an element (shown) of a page.

    ``cell`` is the table cell ``node`` is in (None: outside the tables).
    None when ``node`` is not out of the flow, not painted opaquely, or too
    small or empty to hide anything.
    """
    style = node.get("style") or ""
    if "position" not in style or "background" not in style:
        return None
    declarations = declarations_of(style)
    if declarations.get("position") not in _POSITIONED or not _opaque(declarations):
        return None
    full = _fills(declarations)
    sized = full or _sized(declarations)
    if sized is None:
        return None  # a speck
    if not sized and not _has_content(node):
        return None  # an empty box of no size: nothing painted
    fixed = declarations.get("position") == "fixed"  # laid on the window
    if full and not fixed and cell is not None and _contained_in(node, cell):
        return COVERS
    return MAY_COVER


def paints_box(css: str) -> bool:
    """True when the declarations ``css`` take a box out of the flow
    (``position:absolute`` or ``fixed``) and paint it opaquely: a box that
    may cover text, wherever it is laid."""
    declarations = declarations_of(css)
    return declarations.get("position") in _POSITIONED and _opaque(declarations)


def _opaque(declarations: dict[str, str]) -> bool:
    opacity = declarations.get("opacity")
    fade = 1.0 if opacity is None else fraction(opacity)
    paints = words(declarations.get("background", ""))
    paints += words(declarations.get("background-color", ""))
    paints += words(declarations.get("background-image", ""))
    for paint in paints:
        if paint.startswith("url("):
            return fade >= _OPAQUE  # a picture: what it shows is not known
        stops = gradient_stops(paint) or [paint]
        colours = [rgba_of(stop.strip()) for stop in stops]
        if all(c is not None and c[3] * fade >= _OPAQUE for c in colours):
            return True
    return False


def _zero(value: str | None) -> bool:
    if value is None:
        return False
    value = value.strip()
    return value in ("0", "0%") or pixels(value) == 0.0


def _whole(value: str | None) -> bool:
    return value is not None and value.strip() == "100%"


def _fills(declarations: dict[str, str]) -> bool:
    """True when the box fills its containing block (``inset:0``, or offsets
    and sizes that give it the block's edges)."""
    inset = declarations.get("inset")
    if inset is not None and all(_zero(part) for part in inset.split()):
        return True
    get = declarations.get
    across = _zero(get("left")) and (_zero(get("right")) or _whole(get("width")))
    down = _zero(get("top")) and (_zero(get("bottom")) or _whole(get("height")))
    return across and down


def _sized(declarations: dict[str, str]) -> bool | None:
    """True when the box is given a size of its own; False when not (it is
    the size of its content); None when it is a speck."""
    sizes = [pixels(declarations.get(name)) for name in ("width", "height")]
    if any(size is not None and size < _SPECK for size in sizes):
        return None
    return all(size is not None for size in sizes)


def _has_content(node: etree._Element) -> bool:
    return (
        bool("".join(node.itertext()).strip())
        or next(node.iter("img"), None) is not None
    )


def _contained_in(node: etree._Element, cell: etree._Element) -> bool:
    """True when the box's containing block (its nearest positioned ancestor)
    is the cell or inside it."""
    for ancestor in node.iterancestors():
        style = ancestor.get("style") or ""
        if "position" in style and (
            declarations_of(style).get("position") in _CONTAINING
        ):
            return True
        if ancestor is cell:
            return False
    return False


def covers_finding(root: etree._Element) -> list[Finding]:
    """A warning for opaque boxes out of the flow outside the tables' cells
    (`page_covers`): laid by pixel offsets or over the whole window, they may
    cover any figure, and where they lie is not worked out."""
    boxes = page_covers(root)
    if not boxes:
        return []
    shown = "、".join(f"“{shortened(b.get('style') or '', 60)}”" for b in boxes[:3])
    return [
        reading_finding(
            FindingKind.AMBIGUOUS,
            "",
            f"网页中有 {len(boxes)} 个不透明的绝对定位方框（{shown}），"
            "可能盖住表格中的数字，无法确定盖住了哪里，请核对原网页",
            severity=Severity.WARNING,
        )
    ]


def page_covers(root: etree._Element) -> list[etree._Element]:
    """The opaque boxes out of the flow outside the tables' cells (a loading
    mask, a box placed by pixel offsets), not inside an element hidden by
    its own style: each may cover any text of the page."""
    found = []
    for node in root.xpath(
        "//*[contains(@style, 'position') and contains(@style, 'background')]"
        "[not(ancestor::td or ancestor::th)]"
    ):
        if cover_of(node, None) is None:
            continue
        if _has_content(node) and not _fills(declarations_of(node.get("style") or "")):
            continue  # a menu, a note box: laid where its content is, not a cover
        if any(
            "display" in (a.get("style") or "")
            and declarations_of(a.get("style") or "").get("display") == "none"
            for a in (node, *node.iterancestors())
        ):
            continue
        found.append(node)
    return found
