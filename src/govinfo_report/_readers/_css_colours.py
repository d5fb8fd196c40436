"""CSS colours as a browser reads them: ``#rgb[a]``, ``#rrggbb[aa]``, ``rgb()``,
``rgba()``, ``hsl()``, ``hsla()`` (commas or spaces, ``/ alpha``, percentages),
``hwb()``, ``lab()``, ``lch()``, ``oklab()``, ``oklch()``, ``color(srgb …)``,
the named and system colours of CSS Color 4 and ``transparent``; and the
colours of legacy attributes (``<font color="ffffff">``) by the HTML rules
(`legacy_rgb`).

`_visibility` compares a text's colour with the colour under it: white text
on a white page, or any colour on its own background, is not seen. Every
syntax a browser paints must be read here, or white text in a syntax not read
(``rgb(255 255 255)``, ``hsl(0,0%,100%)``, ``ghostwhite``) would be taken for
black and its digits joined to a printed figure.
"""

from __future__ import annotations

import colorsys
import math
import re

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, float]
"""Red, green, blue (0-255) and alpha (0 transparent … 1 opaque)."""

# CSS Color 4 §6.1, the named colours (without the system colours).
_NAME_TABLE = (
    "aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff "
    "beige f5f5dc bisque ffe4c4 black 000000 blanchedalmond ffebcd blue 0000ff "
    "blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 "
    "chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed "
    "cornsilk fff8dc crimson dc143c cyan 00ffff darkblue 00008b darkcyan 008b8b "
    "darkgoldenrod b8860b darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9 "
    "darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 "
    "darkorchid 9932cc darkred 8b0000 darksalmon e9967a darkseagreen 8fbc8f "
    "darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f "
    "darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff "
    "dimgray 696969 dimgrey 696969 dodgerblue 1e90ff firebrick b22222 "
    "floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc "
    "ghostwhite f8f8ff gold ffd700 goldenrod daa520 gray 808080 green 008000 "
    "greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4 "
    "indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa "
    "lavenderblush fff0f5 lawngreen 7cfc00 lemonchiffon fffacd lightblue add8e6 "
    "lightcoral f08080 lightcyan e0ffff lightgoldenrodyellow fafad2 "
    "lightgray d3d3d3 lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1 "
    "lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa "
    "lightslategray 778899 lightslategrey 778899 lightsteelblue b0c4de "
    "lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 magenta ff00ff "
    "maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3 "
    "mediumpurple 9370db mediumseagreen 3cb371 mediumslateblue 7b68ee "
    "mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 "
    "midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 "
    "navajowhite ffdead navy 000080 oldlace fdf5e6 olive 808000 olivedrab 6b8e23 "
    "orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa "
    "palegreen 98fb98 paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 "
    "peachpuff ffdab9 peru cd853f pink ffc0cb plum dda0dd powderblue b0e0e6 "
    "purple 800080 rebeccapurple 663399 red ff0000 rosybrown bc8f8f "
    "royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 sandybrown f4a460 "
    "seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb "
    "slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa "
    "springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 "
    "tomato ff6347 turquoise 40e0d0 violet ee82ee wheat f5deb3 white ffffff "
    "whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32"
)
_NAMES = _NAME_TABLE.split()
NAMED: dict[str, RGB] = {
    name: (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))
    for name, code in zip(_NAMES[::2], _NAMES[1::2], strict=True)
}
"""The named colours of CSS, by lower-case name."""

_FUNCTION = re.compile(r"^(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(([^()]*)\)$")

SYSTEM: dict[str, RGB] = {
    "canvas": (255, 255, 255),
    "canvastext": (0, 0, 0),
    "field": (255, 255, 255),
    "fieldtext": (0, 0, 0),
    "buttonface": (239, 239, 239),
    "buttontext": (0, 0, 0),
    "buttonborder": (118, 118, 118),
    "graytext": (128, 128, 128),
    "linktext": (0, 0, 238),
    "visitedtext": (85, 26, 139),
    "activetext": (255, 0, 0),
    "mark": (255, 255, 0),
    "marktext": (0, 0, 0),
}
"""The system colours of CSS Color 4 §6.2 as a browser paints them in its
light scheme (``color:Canvas`` is the white of the page)."""
_HEX = frozenset("0123456789abcdef")
TRANSPARENT: RGBA = (0, 0, 0, 0.0)


def rgba_of(colour: str) -> RGBA | None:
    """The RGBA of a CSS colour; None for anything else (``inherit``,
    ``currentcolor``, a variable, a typo): then nothing is decided by it.

    >>> rgba_of("#FFF"), rgba_of("rgb(255 255 255 / 0)"), rgba_of("hsl(0,0%,100%)")
    ((255, 255, 255, 1.0), (255, 255, 255, 0.0), (255, 255, 255, 1.0))
    """
    colour = colour.strip().lower()
    if colour in NAMED:
        return (*NAMED[colour], 1.0)
    if colour in SYSTEM:
        return (*SYSTEM[colour], 1.0)
    if colour == "transparent":
        return TRANSPARENT
    if colour.startswith("#"):
        return _hex(colour[1:])
    found = _FUNCTION.match(colour)
    if found is None or "(from " in colour:
        return _composed(colour)
    name, arguments = found.groups()
    body, slash, alpha_text = arguments.partition("/")
    parts = body.replace(",", " ").split()
    if slash:
        parts.append(alpha_text.strip())
    if name == "color":
        return _colour_function(parts, slash)
    if len(parts) not in (3, 4):
        return None
    parts = [p if p != "none" else "0" for p in parts]
    alpha = _fraction(parts[3], 1.0) if len(parts) == 4 else 1.0
    if alpha is None:
        return None
    if name in _LAB_LIKE:
        return _lab_like(name, parts[:3], alpha)
    if name == "hwb":
        return _hwb(parts[:3], alpha)
    if name.startswith("rgb"):
        channels = [_fraction(p, 255.0) for p in parts[:3]]
        if any(c is None for c in channels):
            return None
        red, green, blue = (_channel(c or 0.0) for c in channels)
        return (red, green, blue, alpha)
    hue = _number(parts[0].removesuffix("deg"))
    saturation = _fraction(parts[1], 100.0)
    lightness = _fraction(parts[2], 100.0)
    if hue is None or saturation is None or lightness is None:
        return None
    r, g, b = colorsys.hls_to_rgb((hue % 360) / 360, lightness, saturation)
    return (_channel(r), _channel(g), _channel(b), alpha)


_LAB_LIKE = frozenset(("lab", "lch", "oklab", "oklch"))
# (lightness at 100%, chroma or a/b at 100%) of each space
_LAB_SCALES = {
    "lab": (100.0, 125.0),
    "lch": (100.0, 150.0),
    "oklab": (1.0, 0.4),
    "oklch": (1.0, 0.4),
}


def _scaled(text: str, full: float) -> float | None:
    """A component given as a number or as a percentage of ``full``."""
    if text.endswith("%"):
        number = _number(text[:-1])
        return None if number is None else number / 100 * full
    return _number(text)


def _hue(text: str) -> float | None:
    for unit, scale in (
        ("deg", 1.0),
        ("grad", 0.9),
        ("rad", 180 / math.pi),
        ("turn", 360.0),
    ):
        if text.endswith(unit):
            number = _number(text[: -len(unit)])
            return None if number is None else number * scale
    return _number(text)


def _srgb(linear: tuple[float, float, float], alpha: float) -> RGBA:
    """Linear-light sRGB (clipped to the gamut) as 8-bit sRGB."""

    def gamma(value: float) -> int:
        value = min(max(value, 0.0), 1.0)
        encoded = (
            12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
        )
        return _channel(encoded)

    return (gamma(linear[0]), gamma(linear[1]), gamma(linear[2]), alpha)


def _lab_like(name: str, parts: list[str], alpha: float) -> RGBA | None:
    """``lab()``, ``lch()``, ``oklab()``, ``oklch()`` (CSS Color 4 §8–9)."""
    full_l, full_c = _LAB_SCALES[name]
    lightness = _scaled(parts[0], full_l)
    second = _scaled(parts[1], full_c)
    third = _hue(parts[2]) if name.endswith("ch") else _scaled(parts[2], full_c)
    if lightness is None or second is None or third is None:
        return None
    if name.endswith("ch"):  # polar: chroma and hue
        radians = math.radians(third)
        second, third = second * math.cos(radians), second * math.sin(radians)
    if name.startswith("ok"):
        lightness = min(max(lightness, 0.0), 1.0)
        cubes = (
            lightness + 0.3963377774 * second + 0.2158037573 * third,
            lightness - 0.1055613458 * second - 0.0638541728 * third,
            lightness - 0.0894841775 * second - 1.2914855480 * third,
        )
        ll, mm, ss = (c**3 for c in cubes)
        linear = (
            4.0767416621 * ll - 3.3077115913 * mm + 0.2309699292 * ss,
            -1.2684380046 * ll + 2.6097574011 * mm - 0.3413193965 * ss,
            -0.0041960863 * ll - 0.7034186147 * mm + 1.7076147010 * ss,
        )
        return _srgb(linear, alpha)
    lightness = min(max(lightness, 0.0), 100.0)
    fy = (lightness + 16) / 116
    fx, fz = fy + second / 500, fy - third / 200

    def inverse(f: float) -> float:
        return f**3 if f**3 > 216 / 24389 else (116 * f - 16) / (24389 / 27)

    # CIE XYZ under D50, adapted to D65 (Bradford), to linear sRGB
    x, y, z = inverse(fx) * 0.3457 / 0.3585, inverse(fy), inverse(fz) * 0.2958 / 0.3585
    x, y, z = (
        0.9554734527 * x - 0.0230985368 * y + 0.0632593086 * z,
        -0.0283697069 * x + 1.0099954580 * y + 0.0210413989 * z,
        0.0123140016 * x - 0.0205076964 * y + 1.3303659366 * z,
    )
    linear = (
        3.2409699419 * x - 1.5373831776 * y - 0.4986107603 * z,
        -0.9692436363 * x + 1.8759675015 * y + 0.0415550574 * z,
        0.0556300797 * x - 0.2039769589 * y + 1.0569715142 * z,
    )
    return _srgb(linear, alpha)


def _hwb(parts: list[str], alpha: float) -> RGBA | None:
    """``hwb(hue whiteness blackness)``: the hue's pure colour mixed with white and black."""
    hue = _hue(parts[0])
    white = _fraction(parts[1], 100.0)
    black = _fraction(parts[2], 100.0)
    if hue is None or white is None or black is None:
        return None
    if white + black >= 1:
        grey = _channel(white / (white + black))
        return (grey, grey, grey, alpha)
    pure = colorsys.hls_to_rgb((hue % 360) / 360, 0.5, 1.0)
    red, green, blue = (_channel(c * (1 - white - black) + white) for c in pure)
    return (red, green, blue, alpha)


def _colour_function(parts: list[str], slash: str) -> RGBA | None:
    """``color(srgb r g b)`` and ``color(srgb-linear …)``; other spaces: None."""
    space, *values = parts
    if space not in ("srgb", "srgb-linear") or len(values) not in (3, 4):
        return None
    if len(values) == 4 and not slash:
        return None
    alpha = _fraction(values[3], 1.0) if len(values) == 4 else 1.0
    channels = [_fraction(v, 1.0) for v in values[:3]]
    if alpha is None or any(c is None for c in channels):
        return None
    red, green, blue = (c or 0.0 for c in channels)
    if space == "srgb-linear":
        return _srgb((red, green, blue), alpha)
    return (_channel(red), _channel(green), _channel(blue), alpha)


_MIXED_SPACES = frozenset(("srgb", "srgb-linear"))
_RELATIVE = re.compile(r"^(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(from\s+(.*)\)$")
_CHANNELS = {
    "rgb": "r g b",
    "rgba": "r g b",
    "hsl": "h s l",
    "hsla": "h s l",
    "hwb": "h w b",
    "lab": "l a b",
    "lch": "l c h",
    "oklab": "l a b",
    "oklch": "l c h",
}
_MOST_NESTED = 8  # colours of colours (`color-mix(in srgb, color-mix(…), …)`)


def _composed(colour: str, depth: int = 0) -> RGBA | None:
    """A colour made of colours: ``color-mix()`` in sRGB (or in any space
    when it takes one colour whole, or mixes a colour with itself),
    ``light-dark()`` of two alike colours, a relative colour keeping its
    origin's channels (``rgb(from white r g b)``); None for the others
    (then `_css_math.doubtful` has the reader say so)."""
    if depth > _MOST_NESTED or not colour.endswith(")"):
        return None
    if colour.startswith("light-dark("):
        parts = _arguments(colour[len("light-dark(") : -1])
        if len(parts) != 2:
            return None
        light, dark = (_any(part, depth) for part in parts)
        return light if light is not None and light == dark else None
    if colour.startswith("color-mix("):
        return _mix(_arguments(colour[len("color-mix(") : -1]), depth)
    found = _RELATIVE.match(colour)
    if found is not None:
        name, rest = found.groups()
        words = rest.split()
        for size in range(1, len(words)):
            origin = " ".join(words[:size])
            channels = " ".join(words[size:])
            if channels.replace(" / alpha", "") == _CHANNELS[name]:
                return _any(origin, depth)
    return None


_GRADIENT = re.compile(r"^(?:repeating-)?(?:linear|radial|conic)-gradient\((.*)\)$")


def gradient_stops(image: str) -> list[str]:
    """The colours of a CSS gradient's stops, as written (``linear-gradient(
    to right, #000, #000 50%)`` has ``#000`` twice); ``[]`` for any other
    image, or a gradient of a stop that is no colour read here."""
    found = _GRADIENT.match(image.strip().lower())
    if found is None:
        return []
    stops = []
    for index, part in enumerate(_arguments(found.group(1))):
        words = part.split()
        if not words or words[0][0].isdigit():
            continue  # a stop's position alone (a hint)
        colour = words[0] if "(" not in words[0] else part.rsplit(")", 1)[0] + ")"
        if rgba_of(colour) is None:
            if index == 0:
                continue  # a direction, an angle, a shape, a colour space
            return []
        stops.append(colour)
    return stops


def _any(colour: str, depth: int) -> RGBA | None:
    colour = colour.strip()
    return (
        rgba_of(colour)
        if depth == 0
        else rgba_of(colour) or _composed(colour, depth + 1)
    )


def _arguments(text: str) -> list[str]:
    """The comma-separated arguments of a function, commas inside
    parentheses kept."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _mix(parts: list[str], depth: int) -> RGBA | None:
    """``color-mix(in space, colour [p%], colour [p%])`` (CSS Color 5 §2)."""
    if len(parts) != 3 or not parts[0].startswith("in "):
        return None
    space = parts[0].split()[1] if len(parts[0].split()) > 1 else ""
    colours: list[RGBA] = []
    shares: list[float | None] = []
    for part in parts[1:]:
        words = part.rsplit(None, 1)
        share = None
        if len(words) == 2 and words[1].endswith("%"):
            share = _number(words[1][:-1])
            if share is None or not 0 <= share <= 100:
                return None
            part = words[0]
        rgba = rgba_of(part) or _composed(part.strip(), depth + 1)
        if rgba is None:
            return None
        colours.append(rgba)
        shares.append(share)
    first, second = shares
    if first is None and second is None:
        first, second = 50.0, 50.0
    elif first is None:
        first = 100 - (second or 0.0)
    elif second is None:
        second = 100 - first
    total = first + (second or 0.0)
    if total <= 0:
        return None
    weight = first / total
    one, other = colours
    if weight not in (0.0, 1.0) and one != other and space not in _MIXED_SPACES:
        return None  # a mix in another space is not worked out here
    alpha = one[3] * weight + other[3] * (1 - weight)
    scale = min(total, 100.0) / 100
    if alpha <= 0:
        return (0, 0, 0, 0.0)
    if space == "srgb-linear":
        linear = tuple(
            (
                _linear(one[i]) * one[3] * weight
                + _linear(other[i]) * other[3] * (1 - weight)
            )
            / alpha
            for i in range(3)
        )
        return _srgb((linear[0], linear[1], linear[2]), alpha * scale)
    red, green, blue = (
        round((one[i] * one[3] * weight + other[i] * other[3] * (1 - weight)) / alpha)
        for i in range(3)
    )
    return (red, green, blue, alpha * scale)


def _linear(channel: float) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _hex(digits: str) -> RGBA | None:
    if len(digits) not in (3, 4, 6, 8) or not set(digits) <= _HEX:
        return None
    if len(digits) < 6:
        digits = "".join(c * 2 for c in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
    return (red, green, blue, alpha)


def _fraction(text: str, scale: float) -> float | None:
    """A component as a fraction of 1 (``50%`` or a number out of ``scale``),
    clamped to 0…1 as CSS clamps it."""
    if text.endswith("%"):
        number = _number(text[:-1])
        value = None if number is None else number / 100
    else:
        number = _number(text)
        value = None if number is None else number / scale
    return None if value is None else min(max(value, 0.0), 1.0)


def _channel(fraction: float) -> int:
    return round(fraction * 255)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def legacy_rgb(value: str) -> RGBA | None:
    """The colour of a legacy attribute (``<font color>``, ``bgcolor``,
    ``<body text>``) by the HTML rules for parsing a legacy colour value:
    a name or ``#rgb`` as in CSS, else hex digits with or without ``#`` (any
    other character read as ``0``) cut into three components, so
    ``ffffff`` is white and ``fff`` is nearly black. None for ``transparent``
    and an empty value, which set nothing.
    """
    text = value.strip().lower()
    if not text or text == "transparent":
        return None
    if text in NAMED:
        return (*NAMED[text], 1.0)
    if len(text) == 4 and text[0] == "#" and set(text[1:]) <= _HEX:
        return _hex(text[1:])
    text = "".join("00" if ord(c) > 0xFFFF else c for c in text)[:128]
    text = text.removeprefix("#")
    text = "".join(c if c in _HEX else "0" for c in text)
    text += "0" * (-len(text) % 3 or (3 if not text else 0))
    size = len(text) // 3
    parts = [text[i * size : (i + 1) * size] for i in range(3)]
    if size > 8:
        parts = [p[size - 8 :] for p in parts]
        size = 8
    while size > 2 and all(p[0] == "0" for p in parts):
        parts = [p[1:] for p in parts]
        size -= 1
    red, green, blue = (int(p[:2], 16) for p in parts)
    return (red, green, blue, 1.0)
