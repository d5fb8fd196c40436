"""The colour a ``filter`` or a ``mix-blend-mode`` paints text in.

``filter:invert(1)`` turns black text on the white page white, and
``mix-blend-mode:difference`` draws black text on white as the page's own
white: the text is in the markup but not on the screen. `_visibility` keeps
the effects of an element and its ancestors (`Effect`, outermost first) and
asks `painted` for the colour a person sees.

Filters follow the Filter Effects spec (``invert``, ``brightness``,
``contrast``, ``grayscale``, ``sepia``, ``saturate``, ``hue-rotate``; an
``opacity()`` is a fade, read by `_visibility`); blend modes the Compositing
spec, separable and not. A blur of several pixels, an SVG filter
(``url(#f)``) or an unknown mode cannot be worked out: `effects_of` names it,
and the reader says the figure could not be read.
"""

from __future__ import annotations

import math

from govinfo_report._readers._css_colours import RGB, RGBA, rgba_of
from govinfo_report._readers._css_math import doubtful
from govinfo_report._readers._css_sizes import undecided
from govinfo_report._readers._css_values import FUNCTIONS, pixels, words

Effect = tuple[str, float, RGB]
"""A filter function and its amount, or ``blend`` and a blend mode's index in
`_BLENDS` with the colour under the element (its backdrop)."""

_BLUR = 2.0  # px: a blur wider than this smears a digit out of shape
_SHOWING = frozenset(("drop-shadow", "opacity", "none"))  # no change of colour
_FILTERS = frozenset(
    ("invert", "brightness", "contrast", "grayscale", "sepia", "saturate", "hue-rotate")
)


_DECIDING = (
    "color",
    "-webkit-text-fill-color",
    "background",
    "background-color",
    "font-size",
    "font",
    "opacity",
    "transform",
    "scale",
    "zoom",
    "clip-path",
    "clip",
    "text-indent",
    "left",
    "top",
)
"""Properties that may hide text: one of them whose value is a function this
reader does not work out (`_css_math.doubtful`) leaves the text in doubt."""


def doubt_of(declarations: dict[str, str]) -> str:
    """The first declaration deciding what is shown (`_DECIDING`) whose value
    this reader cannot work out, as ``name:value``; ``""`` when none."""
    for name in _DECIDING:
        value = declarations.get(name)
        if value is None:
            continue
        if name in _COLOURS:
            # a colour made of colours that `rgba_of` worked out is no doubt
            value = " ".join(w for w in words(value) if rgba_of(w) is None)
        if undecided(value) if name in ("font-size", "font") else doubtful(value):
            return f"{name}:{value}"
    return ""


_COLOURS = frozenset(
    ("color", "-webkit-text-fill-color", "background", "background-color")
)


def effects_of(
    declarations: dict[str, str], paper: RGB, isolated: bool
) -> tuple[list[Effect], str]:
    """The effects an element's ``mix-blend-mode`` and ``filter`` add
    (outermost first) and what of them cannot be worked out (``""``: all can).

    ``paper`` is the colour under the element; ``isolated``: it lies inside
    another effect with no background of its own in between, so a blend mode
    mixes it with nothing (a filter groups what it applies to).
    """
    effects: list[Effect] = []
    doubt = ""
    mode = declarations.get("mix-blend-mode", "normal").strip()
    if mode not in ("normal", "", "initial", "unset", "inherit"):
        if mode in _BLENDS:
            if not isolated:
                effects.append(("blend", float(_BLENDS.index(mode)), paper))
        else:
            doubt = f"mix-blend-mode:{mode}"
    value = declarations.get("filter", "")
    functions = FUNCTIONS.findall(value)
    if "url(" in value or (value.strip() not in ("", "none") and not functions):
        doubt = doubt or f"filter:{value}"
    filters: list[Effect] = []
    for name, arguments in functions:
        argument = arguments.strip()
        if name in _FILTERS:
            amount = _angle(argument) if name == "hue-rotate" else _amount(argument)
            if amount is None:
                doubt = doubt or f"filter:{value}"
            else:
                filters.append((name, amount, paper))
        elif name == "blur":
            radius = pixels(argument or "0")
            if radius is None or radius > _BLUR:
                doubt = doubt or f"filter:{value}"
        elif name not in _SHOWING:
            doubt = doubt or f"filter:{value}"
    effects.extend(reversed(filters))  # the first function is applied first
    return effects, doubt


def shadow_of(value: str, ink: RGBA) -> RGBA | None:
    """The colour of a ``text-shadow`` that draws the glyphs where they are
    (no offset), or None (``none``, or a shadow beside them); ``ink`` is the
    text's colour (a shadow's colour by default, and ``currentcolor``)."""
    if value.strip() == "none":
        return None
    colour: RGBA | None = None
    lengths = []
    for word in words(value.split(",")[0]):
        rgba = ink if word.strip() == "currentcolor" else rgba_of(word)
        if rgba is not None:
            colour = rgba
        else:
            lengths.append(pixels(word))
    if any(offset is None or abs(offset) > 2 for offset in lengths[:2]):
        return None
    return colour if colour is not None else ink


_STROKES = {"thin": 1.0, "medium": 3.0, "thick": 5.0}


def stroke_of(declarations: dict[str, str], ink: RGBA) -> RGBA | None:
    """The colour of a ``-webkit-text-stroke`` outlining the glyphs (a text
    shown by its outline though its fill is transparent), or None."""
    width = declarations.get("-webkit-text-stroke-width")
    colour = declarations.get("-webkit-text-stroke-color")
    for word in words(declarations.get("-webkit-text-stroke", "")):
        if pixels(word) is not None or word in _STROKES:
            width = word
        else:
            colour = word
    size = _STROKES.get(width or "", pixels(width) if width else None)
    if size is None or size <= 0:
        return None
    if colour is None or colour.strip() == "currentcolor":
        return ink
    return rgba_of(colour)


def painted(colour: RGB, effects: tuple[Effect, ...]) -> RGB:
    """``colour`` as the screen shows it through ``effects`` (outermost first)."""
    red, green, blue = (c / 255 for c in colour)
    for name, amount, backdrop in reversed(effects):
        if name == "blend":
            back = (backdrop[0] / 255, backdrop[1] / 255, backdrop[2] / 255)
            red, green, blue = _blend(_BLENDS[int(amount)], back, (red, green, blue))
        else:
            red, green, blue = _filtered(name, amount, (red, green, blue))
        red, green, blue = (min(max(c, 0.0), 1.0) for c in (red, green, blue))
    return (round(red * 255), round(green * 255), round(blue * 255))


def _amount(text: str) -> float | None:
    """A filter's amount (``0.5``, ``50%``; 1 when not given); None when not a number."""
    if not text:
        return 1.0
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _angle(text: str) -> float | None:
    """A hue rotation in degrees (``90deg``, ``0.25turn``); None when not an angle."""
    if not text:
        return 0.0
    for unit, scale in _ANGLES:
        if text.endswith(unit):
            try:
                value = float(text[: -len(unit)]) * scale
            except ValueError:
                return None
            return value if math.isfinite(value) else None
    return 0.0 if text == "0" else None


_ANGLES = (("deg", 1.0), ("grad", 0.9), ("rad", 180 / math.pi), ("turn", 360.0))


_Colour = tuple[float, float, float]


def _filtered(name: str, amount: float, colour: _Colour) -> _Colour:
    """One filter function applied to a colour of channels 0…1."""
    red, green, blue = colour
    if name == "invert":
        share = min(amount, 1.0)
        return tuple(c * (1 - share) + (1 - c) * share for c in colour)  # type: ignore[return-value]
    if name == "brightness":
        return (red * amount, green * amount, blue * amount)
    if name == "contrast":
        return tuple((c - 0.5) * amount + 0.5 for c in colour)  # type: ignore[return-value]
    if name == "hue-rotate":
        cos, sin = math.cos(math.radians(amount)), math.sin(math.radians(amount))
        matrix = (
            (
                0.213 + cos * 0.787 - sin * 0.213,
                0.715 - cos * 0.715 - sin * 0.715,
                0.072 - cos * 0.072 + sin * 0.928,
            ),
            (
                0.213 - cos * 0.213 + sin * 0.143,
                0.715 + cos * 0.285 + sin * 0.140,
                0.072 - cos * 0.072 - sin * 0.283,
            ),
            (
                0.213 - cos * 0.213 - sin * 0.787,
                0.715 - cos * 0.715 + sin * 0.715,
                0.072 + cos * 0.928 + sin * 0.072,
            ),
        )
    elif name == "saturate":
        s = amount
        matrix = (
            (0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s),
            (0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s),
            (0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s),
        )
    elif name == "grayscale":
        s = 1 - min(amount, 1.0)
        matrix = (
            (0.2126 + 0.7874 * s, 0.7152 - 0.7152 * s, 0.0722 - 0.0722 * s),
            (0.2126 - 0.2126 * s, 0.7152 + 0.2848 * s, 0.0722 - 0.0722 * s),
            (0.2126 - 0.2126 * s, 0.7152 - 0.7152 * s, 0.0722 + 0.9278 * s),
        )
    else:  # sepia
        s = 1 - min(amount, 1.0)
        matrix = (
            (0.393 + 0.607 * s, 0.769 - 0.769 * s, 0.189 - 0.189 * s),
            (0.349 - 0.349 * s, 0.686 + 0.314 * s, 0.168 - 0.168 * s),
            (0.272 - 0.272 * s, 0.534 - 0.534 * s, 0.131 + 0.869 * s),
        )
    return tuple(row[0] * red + row[1] * green + row[2] * blue for row in matrix)  # type: ignore[return-value]


_SEPARABLE = (
    "multiply",
    "screen",
    "overlay",
    "darken",
    "lighten",
    "color-dodge",
    "color-burn",
    "hard-light",
    "soft-light",
    "difference",
    "exclusion",
    "plus-lighter",
    "plus-darker",
)
_BLENDS = (*_SEPARABLE, "hue", "saturation", "color", "luminosity")


def _blend(mode: str, back: _Colour, source: _Colour) -> _Colour:
    """``source`` drawn on ``back`` in a blend mode (Compositing §10)."""
    if mode in _SEPARABLE:
        return tuple(_separable(mode, b, s) for b, s in zip(back, source, strict=True))  # type: ignore[return-value]
    if mode == "hue":
        return _with_lum(_with_sat(source, _sat(back)), _lum(back))
    if mode == "saturation":
        return _with_lum(_with_sat(back, _sat(source)), _lum(back))
    if mode == "color":
        return _with_lum(source, _lum(back))
    return _with_lum(back, _lum(source))  # luminosity


def _separable(mode: str, b: float, s: float) -> float:
    """One channel of a separable blend mode."""
    if mode == "multiply":
        return b * s
    if mode == "screen":
        return b + s - b * s
    if mode == "overlay":
        return _separable("hard-light", s, b)
    if mode == "darken":
        return min(b, s)
    if mode == "lighten":
        return max(b, s)
    if mode == "color-dodge":
        return 0.0 if b == 0 else 1.0 if s >= 1 else min(1.0, b / (1 - s))
    if mode == "color-burn":
        return 1.0 if b >= 1 else 0.0 if s <= 0 else 1 - min(1.0, (1 - b) / s)
    if mode == "hard-light":
        return b * 2 * s if s <= 0.5 else _separable("screen", b, 2 * s - 1)
    if mode == "soft-light":
        if s <= 0.5:
            return b - (1 - 2 * s) * b * (1 - b)
        d = ((16 * b - 12) * b + 4) * b if b <= 0.25 else math.sqrt(b)
        return b + (2 * s - 1) * (d - b)
    if mode == "difference":
        return abs(b - s)
    if mode == "exclusion":
        return b + s - 2 * b * s
    if mode == "plus-lighter":
        return min(1.0, b + s)
    return max(0.0, b + s - 1)  # plus-darker


def _lum(c: _Colour) -> float:
    return 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2]


def _with_lum(c: _Colour, lum: float) -> _Colour:
    d = lum - _lum(c)
    r, g, b = (x + d for x in c)
    light = _lum((r, g, b))
    low, high = min(r, g, b), max(r, g, b)
    if low < 0:
        r, g, b = (light + (x - light) * light / (light - low) for x in (r, g, b))
    if high > 1:
        r, g, b = (
            light + (x - light) * (1 - light) / (high - light) for x in (r, g, b)
        )
    return (r, g, b)


def _sat(c: _Colour) -> float:
    return max(c) - min(c)


def _with_sat(c: _Colour, sat: float) -> _Colour:
    order = sorted(range(3), key=lambda i: c[i])
    low, mid, high = order
    out = [0.0, 0.0, 0.0]
    if c[high] > c[low]:
        out[mid] = (c[mid] - c[low]) * sat / (c[high] - c[low])
        out[high] = sat
    return (out[0], out[1], out[2])
