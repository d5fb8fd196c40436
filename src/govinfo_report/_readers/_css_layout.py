"""Where a browser draws a table cell's text: elsewhere than in its row's
order (a flex or grid row, ``order``, a float, absolute positioning), over
its neighbour (negative spacing, a sideways shift), or turned round or
mirrored (a rotation, a negative scale).
"""

from __future__ import annotations

import math
import re

from govinfo_report._readers._css_values import (
    FUNCTIONS,
    LENGTH,
    is_boxed,
    number,
    pixels,
)


def rearranges(declarations: dict[str, str], *, inline: bool = False) -> bool:
    """True when the declarations may put a table cell elsewhere on the
    screen than in its row's order: a row laid out as a flex box or a grid, a
    cell with ``order``, ``float``, a grid place, or taken out of the flow;
    or draw a cell's text over its neighbour (`_overlaps`); or turn it round
    or mirror it (`_turned`: ``8621`` mirrored shows ``1268``'s digits
    backwards). ``inline``: as for `shrink`, no transform applies to an
    inline box."""
    if (not inline or is_boxed(declarations)) and (
        _turned(declarations) or _shifted(declarations)
    ):
        return True
    display = declarations.get("display", "")
    if "flex" in display or "grid" in display:
        return True
    if any(
        name in declarations
        for name in ("order", "grid-column", "grid-row", "grid-area", "flex-direction")
    ):
        return True
    if declarations.get("float", "none") != "none":
        return True
    position = declarations.get("position")
    if position in ("absolute", "fixed"):
        return True
    return _overlaps(declarations, position == "relative")


_PLACING = frozenset(
    ("float", "order", "flex-direction", "grid-column", "grid-row", "grid-area")
)
"""What places a box among its siblings or its own items (with `display`)."""


def orders_items_only(declarations: dict[str, str], *, inline: bool = False) -> bool:
    """True when the declarations `rearranges` only by placing the element
    among its siblings or its own items (a flex box, a grid, ``order``, a
    float): with one piece of text in all, nothing is put out of order."""
    rest = {
        name: value
        for name, value in declarations.items()
        if name not in _PLACING
        and not (name == "display" and ("flex" in value or "grid" in value))
    }
    return len(rest) < len(declarations) and not rearranges(rest, inline=inline)


_PULL = -4.0  # px: pulled back this far, text is drawn over its neighbour
_TURN = 45.0  # degrees: text turned this far is no longer read along its line
_ANGLE_UNITS = {"deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}


def _degrees(value: str) -> float | None:
    """An angle in degrees (``180deg``, ``0.5turn``, ``3.14rad``), else None."""
    found = LENGTH.match(value.strip())
    if found is None:
        return None
    amount, unit = float(found.group(1)), found.group(2)
    if unit in _ANGLE_UNITS:
        return amount * _ANGLE_UNITS[unit]
    return 0.0 if amount == 0 else None  # `rotate(0)`; a bare number is no angle


def _far_round(angle: float | None) -> bool:
    if angle is None:
        return False
    angle %= 360.0
    return _TURN <= angle <= 360.0 - _TURN


def _turned(declarations: dict[str, str]) -> bool:
    """True when ``transform``, ``rotate`` or ``scale`` turn text round by
    45° or more or mirror it (a negative scale, a matrix that flips)."""
    for name, arguments in FUNCTIONS.findall(declarations.get("transform", "")):
        parts = arguments.replace(",", " ").split()
        if name in ("rotate", "rotatez", "rotatex", "rotatey") and parts:
            if _far_round(_degrees(parts[0])):
                return True
        elif name == "rotate3d" and len(parts) == 4:
            if _far_round(_degrees(parts[3])):
                return True
        elif name in ("scale", "scalex", "scaley", "scale3d"):
            if any((number(p) or 0.0) < 0 for p in parts[:3]):
                return True
        elif name == "matrix" and len(parts) == 6:
            a, b, c, d = (number(p) for p in parts[:4])
            if None in (a, b, c, d):
                continue
            a, b, c, d = (v or 0.0 for v in (a, b, c, d))
            if a * d - b * c < 0 or _far_round(math.degrees(math.atan2(b, a))):
                return True
    rotate = declarations.get("rotate", "").split()
    if rotate and _far_round(_degrees(rotate[-1])):
        return True
    scale = declarations.get("scale", "").split()
    return any((number(p) or 0.0) < 0 for p in scale[:3])


_SHIFT_SHARE = 25.0  # %: a box moved by a quarter of its size overlaps its neighbour


def _shifted(declarations: dict[str, str]) -> bool:
    """True when ``transform: translate…()`` or ``translate`` move a box over
    its neighbours: by a few pixels (`_PULL`) or a quarter of its own size."""
    parts = declarations.get("translate", "").split()[:2]
    for name, arguments in FUNCTIONS.findall(declarations.get("transform", "")):
        if name.startswith("translate"):
            parts += arguments.replace(",", " ").split()[:2]
    for part in parts:
        shift = pixels(part)
        if shift is not None and abs(shift) >= -_PULL:
            return True
        if part.endswith("%") and abs(number(part[:-1]) or 0.0) >= _SHIFT_SHARE:
            return True
    return False


def _overlaps(declarations: dict[str, str], relative: bool) -> bool:
    """True when the declarations may draw text over its neighbours: a
    negative letter spacing or side margin of a few pixels, a relative shift
    sideways, a box of no width whose text overflows it."""
    for name in ("letter-spacing", "margin-left", "margin-right"):
        pull = pixels(declarations.get(name))
        if pull is not None and pull <= _PULL:
            return True
    if relative:
        for name in ("left", "right"):
            shift = pixels(declarations.get(name))
            if shift is not None and abs(shift) >= -_PULL:
                return True
    width = pixels(declarations.get("width"))
    return (
        width is not None
        and width <= 1.0
        and "inline-block" in declarations.get("display", "")
    )


LIFT = 4.0  # px: text raised or lowered this far is off its line (a mark)


def lift_of(declarations: dict[str, str], align: str) -> float:
    """How far text is raised (positive) or lowered off its line, in px, by a
    ``vertical-align`` length or a relative ``top``/``bottom`` (0: not far)."""
    lift = pixels(align) if align else None
    if lift is None and declarations.get("position") == "relative":
        top, bottom = (
            pixels(declarations.get("top")),
            pixels(declarations.get("bottom")),
        )
        lift = -top if top is not None else bottom
    return lift if lift is not None and abs(lift) >= LIFT else 0.0


_FEATURE = re.compile(r"""["'](sups|subs|sinf)["']\s*(on|off|\d+)?""")


def glyph_position(declarations: dict[str, str]) -> str:
    """``super`` or ``sub`` when the font draws the text as superscript or
    subscript glyphs (``font-variant-position``, the ``font-variant``
    shorthand, the OpenType ``sups``/``subs``/``sinf`` features), else ``""``:
    a footnote mark as ``<sup>`` is, no part of a figure."""
    for name in ("font-variant-position", "font-variant"):
        for word in declarations.get(name, "").split():
            if word in ("super", "sub"):
                return word
    for tag, value in _FEATURE.findall(declarations.get("font-feature-settings", "")):
        if value not in ("off", "0"):
            return "super" if tag == "sups" else "sub"
    return ""
