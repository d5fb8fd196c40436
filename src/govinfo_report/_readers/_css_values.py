"""CSS values as `_visibility` needs them: lengths, declarations, and the
properties that take a box off the screen whatever its children say.

A length is read in px (``em`` and ``rem`` as 16 px); math functions of
plain values are worked out (`_css_math`); a value this module cannot read
(``calc(100% - 1px)``, a variable) decides nothing. Declarations are read
as a browser reads them: comments left out, escapes resolved
(``dis\\play:n\\6f ne`` is ``display:none``). The geometry is that of
a person looking at the page: a clip or a ``clip-path`` leaving no area, a
scale of zero, a box of no size hiding its overflow, a move of hundreds of
pixels off the left or top of the page.
"""

from __future__ import annotations

import math
import re

from govinfo_report._readers._css_math import resolved

LENGTH = re.compile(r"^([+-]?\d*\.?\d+(?:e[+-]?\d+)?)([a-z%]*)$")
FUNCTIONS = re.compile(r"([a-z0-9-]+)\(([^()]*)\)")
_OFF_SCREEN = -500.0  # px: text moved this far left or up is off every screen
_FAR = 5_000.0  # px: ``right``/``bottom`` this far push it off the other side


def uncommented(css: str) -> str:
    """``css`` without its ``/* */`` comments (a linear scan, no regex); a
    comment is a space, as a browser reads it (``display:/**/none``)."""
    if "/*" not in css:
        return css
    parts = []
    at = 0
    while True:
        start = css.find("/*", at)
        if start < 0:
            parts.append(css[at:])
            return " ".join(parts)
        parts.append(css[at:start])
        end = css.find("*/", start + 2)
        if end < 0:
            return " ".join(parts)  # an open comment runs to the end
        at = end + 2


_ESCAPE = re.compile(r"\\(?:([0-9a-f]{1,6})[ \t\r\n\f]?|(.))", re.I | re.S)


def _escaped(found: re.Match[str]) -> str:
    code, other = found.groups()
    if code is None:
        return other
    value = int(code, 16)
    if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return "\ufffd"
    return chr(value)


def unescaped(text: str) -> str:
    """``text`` with its CSS escapes resolved, as a browser reads a property
    name or a keyword: ``dis\\play`` is ``display``, ``n\\6f ne`` is ``none``."""
    return _ESCAPE.sub(_escaped, text) if "\\" in text else text


def declarations_of(style: str) -> dict[str, str]:
    """The declarations of ``style`` as the cascade leaves them: a later one
    wins over an earlier one, an ``!important`` one over any that is not.
    Comments are left out and escapes resolved, as a browser does."""
    declarations: dict[str, str] = {}
    important: set[str] = set()
    for declaration in uncommented(style).lower().split(";"):
        name, colon, value = declaration.partition(":")
        if not colon:
            continue
        name = unescaped(name).strip()
        value = unescaped(value).lower()
        strong = "!important" in value
        if name in important and not strong:
            continue
        if strong:
            important.add(name)
        value = value.replace("!important", "").strip()
        # arithmetic of plain values (`calc(16px * 0)`) is its result
        declarations[name] = resolved(value) if "(" in value else value
    return declarations


REMOVING_PROPERTIES = frozenset(
    (
        "display",
        "content-visibility",
        "text-decoration",
        "text-decoration-line",
        "overflow",
        "overflow-x",
        "overflow-y",
        "left",
        "top",
        "right",
        "bottom",
        "inset",
        "text-indent",
        "margin-left",
        "margin-top",
        "clip",
        "clip-path",
        "position",
    )
)
"""The properties `removed` looks at (most styles set none of them)."""
SHRINKING_PROPERTIES = frozenset(
    ("transform", "scale", "translate", "rotate", "zoom", "backface-visibility")
)


INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
    ]
)
"""Elements a browser lays out inline unless their style says otherwise."""
_BOXED = frozenset(
    [
        "block",
        "inline-block",
        "flex",
        "inline-flex",
        "grid",
        "inline-grid",
        "flow-root",
        "list-item",
        "table",
        "table-cell",
        "table-caption",
        "inline-table",
    ]
)
"""``display`` values that make an element a box of its own."""


def is_boxed(declarations: dict[str, str]) -> bool:
    """True when the declarations make an inline element a box of its own
    (``display:inline-block``, absolute positioning, a float): then sizes,
    ``overflow``, ``text-indent`` and transforms apply to it."""
    return (
        not _BOXED.isdisjoint(declarations.get("display", "").split())
        or declarations.get("position") in ("absolute", "fixed")
        or declarations.get("float", "none") != "none"
    )


def removed(declarations: dict[str, str], *, inline: bool = False) -> bool:
    """True when the declarations take the element off the screen whatever
    its children say: not displayed, struck through, clipped to nothing, a
    box of no size that hides what overflows it, moved off screen.

    ``inline``: the element is inline by default (`INLINE_TAGS`). A browser
    ignores ``width``, ``height``, ``overflow``, ``text-indent`` and
    ``margin-top`` on an inline box (``12<span style="text-indent:-9999px">9
    </span>68`` shows 12968), unless the style makes it a box of its own
    (``display:inline-block``, absolute positioning, a float).
    """
    if declarations.keys().isdisjoint(REMOVING_PROPERTIES):
        return False
    boxed = not inline or is_boxed(declarations)
    if declarations.get("display") == "none":
        return True
    if declarations.get("content-visibility") == "hidden":
        return True
    decoration = declarations.get("text-decoration", "") + declarations.get(
        "text-decoration-line", ""
    )
    if "line-through" in decoration:
        return True  # struck through: a deletion, as <s>
    overflow = " ".join(
        declarations.get(name, "") for name in ("overflow", "overflow-x", "overflow-y")
    ).split()
    if boxed and ("hidden" in overflow or "clip" in overflow):
        for name in ("height", "max-height", "width", "max-width"):
            size = pixels(declarations.get(name))
            if size is not None and size <= 1.0:
                return True
    for name in (
        ("text-indent", "margin-left", "margin-top") if boxed else ("margin-left",)
    ):
        if off_screen(declarations.get(name)):
            return True
    if declarations.get("position", "static") != "static":
        # `left`… move positioned boxes only
        sides = _insets(declarations)
        if off_screen(sides[0]) or off_screen(sides[3]):
            return True
        if off_screen(sides[1], far=True) or off_screen(sides[2], far=True):
            return True
    if declarations.get("position") in ("absolute", "fixed") and _clipped(
        declarations.get("clip", "")
    ):
        return True  # `clip` applies to absolutely positioned boxes only
    return _clipped_path(declarations.get("clip-path", ""))


_TURNS = {"deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}


def _cosine(angle: str) -> float | None:
    """The cosine of an angle (``90deg``, ``0.25turn``); None when not one."""
    found = LENGTH.match(angle)
    if found is None or found.group(2) not in _TURNS:
        return None
    degrees = float(found.group(1)) * _TURNS[found.group(2)]
    if not math.isfinite(degrees):
        return None
    cosine = math.cos(math.radians(degrees % 360))
    return 0.0 if abs(cosine) < 1e-9 else cosine


_VIEWPORT = re.compile(
    r"^([+-]?\d*\.?\d+(?:e[+-]?\d+)?)[sld]?(?:vw|vh|vmin|vmax|vi|vb)$"
)


def off_screen(value: str | None, *, far: bool = False) -> bool:
    """True for an offset moving text off every screen: 500px or more left
    or up (``far``: 5000px right or down, as ``right`` and ``bottom`` push),
    or a whole viewport (``-100vw``, ``-100vh``) or more."""
    if value is None:
        return False
    offset = pixels(value)
    if offset is not None:
        return offset >= _FAR if far else offset <= _OFF_SCREEN
    found = _VIEWPORT.match(value.replace(" ", ""))
    if found is None:
        return False
    amount = float(found.group(1))
    return amount >= 100 if far else amount <= -100


def _insets(declarations: dict[str, str]) -> list[str | None]:
    """``top``, ``right``, ``bottom``, ``left``, from ``inset`` (1–4 values)
    where the longhands are not given."""
    given = declarations.get("inset", "").split()[:4]
    if given:
        given += [given[0]] * (2 - len(given)) if len(given) < 2 else []
        given += [given[0]] if len(given) == 2 else []
        given += [given[1]] if len(given) == 3 else []
    names = ("top", "right", "bottom", "left")
    return [
        declarations.get(name, given[i] if given else None)
        for i, name in enumerate(names)
    ]


def _clipped(clip: str) -> bool:
    """True for ``clip: rect(…)`` leaving no area (``rect(0 0 0 0)``,
    ``rect(1px, 1px, 1px, 1px)``)."""
    found = FUNCTIONS.search(clip)
    if found is None or found.group(1) != "rect":
        return False
    sides = [pixels(p) for p in found.group(2).replace(",", " ").split()]
    if len(sides) != 4 or None in sides:
        return False  # `auto` sides: the box's own edge
    top, right, bottom, left = (s or 0.0 for s in sides)
    return bottom <= top or right <= left


def _clipped_path(path: str) -> bool:
    """True for a ``clip-path`` leaving no area: ``inset(50%)`` (or more),
    ``circle(0)``, ``ellipse(0 …)``."""
    for name, arguments in FUNCTIONS.findall(path):
        values = arguments.split(" round ")[0].replace(",", " ").split()
        if name == "inset" and values:
            sides = [values[0]] * 4  # CSS's 1-4 value rule
            if len(values) >= 4:
                sides = values[:4]
            elif len(values) == 2:
                sides = [values[0], values[1], values[0], values[1]]
            elif len(values) == 3:
                sides = [values[0], values[1], values[2], values[1]]
            shares = [_percent(s) for s in sides]
            top, right, bottom, left = (s or 0.0 for s in shares)
            if top + bottom >= 100 or left + right >= 100:
                return True
        elif name in ("circle", "ellipse") and values:
            radius = pixels(values[0])
            if radius is not None and radius <= 0:
                return True
        elif name == "polygon" and _flat(arguments):
            return True
    return False


def _flat(arguments: str) -> bool:
    """True for the points of a ``polygon()`` enclosing no area (all on one
    line or at one point), all given in one unit (px, %)."""
    points: list[tuple[float, float]] = []
    units: set[str] = set()
    for point in arguments.split(","):
        parts = point.split()
        if parts and parts[0] in ("nonzero", "evenodd"):
            parts = parts[1:]
        if len(parts) != 2:
            return False
        x, y = LENGTH.match(parts[0]), LENGTH.match(parts[1])
        if x is None or y is None:
            return False
        units.update(f.group(2) for f in (x, y) if float(f.group(1)) != 0)
        points.append((float(x.group(1)), float(y.group(1))))
    if not points or len(units) > 1:
        return False
    after = points[1:] + points[:1]
    twice_area = sum(
        a[0] * b[1] - b[0] * a[1] for a, b in zip(points, after, strict=True)
    )
    return twice_area == 0


def shrink(declarations: dict[str, str], *, inline: bool = False) -> float | None:
    """The factor ``transform`` (and ``scale``, ``translate``) shrink text by
    (1 when none); None when they take it off the screen: a scale of zero, a
    matrix flattening it to a line, a translation far off.

    ``inline``: the element is inline by default (`INLINE_TAGS`); a browser
    applies no transform to an inline box (``12<span style="transform:
    scale(0)">9</span>68`` shows 12968) unless its style makes it a box
    (`is_boxed`). ``zoom`` applies to any element.
    """
    if declarations.keys().isdisjoint(SHRINKING_PROPERTIES):
        return 1.0
    factor = 1.0
    if inline and not is_boxed(declarations):
        declarations = {
            k: v for k, v in declarations.items() if k in ("zoom", "display")
        }
    for name, arguments in FUNCTIONS.findall(declarations.get("transform", "")):
        values = [number(v) for v in arguments.replace(",", " ").split()]
        if name in ("scale", "scale3d", "scalex", "scaley"):
            count = 1 if name in ("scalex", "scaley") else 2
            scales = [abs(v) for v in values[:count] if v is not None]
            if scales:
                factor *= min(scales)
        elif name == "matrix" and len(values) == 6 and None not in values:
            a, b, c, d = (v or 0.0 for v in values[:4])
            factor *= abs(a * d - b * c) ** 0.5
        elif name in ("rotatex", "rotatey"):
            # turned about an axis in the page: seen edge-on it is flat
            # (its projection is cos θ of it); its back hidden past 90°
            projection = _cosine(arguments.strip())
            if projection is not None:
                if (
                    projection < 0
                    and declarations.get("backface-visibility") == "hidden"
                ):
                    return None
                factor *= abs(projection)
        elif name.startswith("translate"):
            for part in arguments.replace(",", " ").split()[:2]:
                if off_screen(part):
                    return None
    scale = declarations.get("scale")
    if scale is not None:
        values = [number(v) for v in scale.split()[:2]]
        if values and None not in values:
            factor *= min(abs(v or 0.0) for v in values)
    translate = declarations.get("translate")
    if translate is not None:
        for part in translate.split()[:2]:
            if off_screen(part):
                return None
    zoom = declarations.get("zoom", "")
    amount = number(zoom.removesuffix("%"))
    if amount is not None and amount > 0:  # zoom:0 is zoom:1 in browsers
        factor *= amount / 100 if zoom.endswith("%") else amount
    return None if factor <= 0.0 else factor


def shorthand_size(font: str, words: frozenset[str]) -> str | None:
    """The size in a ``font`` shorthand (``bold 0/0 a``, ``12px/1.5 宋体``)."""
    for word in font.split():
        size = word.split("/")[0]
        if size in words or (LENGTH.match(size) and not size.isdigit()):
            return size
        if size == "0":
            return size
    return None


def words(value: str) -> list[str]:
    """The words of a value, a function (``rgb(255 255 255)``) one word."""
    words: list[str] = []
    depth = 0
    current: list[str] = []
    for char in value.strip():
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char.isspace() and depth == 0:
            if current:
                words.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return words


def fraction(text: str) -> float:
    """An opacity (``0.5``, ``50%``) clamped to 0…1; 1 when not a number."""
    text = text.strip()
    value = number(text.removesuffix("%"))
    if value is None:
        return 1.0
    if text.endswith("%"):
        value /= 100
    return min(max(value, 0.0), 1.0)


def _percent(text: str) -> float | None:
    if text.endswith("%"):
        return number(text[:-1])
    return 0.0 if number(text.removesuffix("px")) == 0 else None


def number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if abs(value) < float("inf") else None


def pixels(value: str | None) -> float | None:
    """A length in px (em and rem taken as 16 px); None for anything else."""
    if value is None:
        return None
    found = LENGTH.match(value.replace(" ", ""))
    if found is None:
        return None
    number = float(found.group(1))
    unit = found.group(2)
    if unit in ("", "px"):
        return number
    if unit in ("em", "rem"):
        return number * 16
    if unit == "pt":
        return number * 4 / 3
    if unit == "pc":
        return number * 16
    if unit == "in":
        return number * 96
    if unit == "cm":
        return number * 96 / 2.54
    if unit == "mm":
        return number * 96 / 25.4
    if unit == "q":
        return number * 96 / 101.6
    if number == 0:
        return 0.0  # zero in any unit (%, vw, ch…)
    return None
