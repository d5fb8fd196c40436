"""Colours as Word paints them: RGB values, theme colours, shading patterns.

A ``w:themeColor`` (``background1`` is the theme's ``lt1``, white in the
default theme) wins over ``w:val`` and is read from the document's theme
(``word/theme/theme1.xml``) through the settings' ``w:clrSchemeMapping``, with
its tint or shade (`Palette`). A shading (``w:shd``) is its pattern colour
mixed with its fill (`shading`).
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from typing import Any

import attrs
from lxml import etree

from govinfo_report._ooxml._xml import W_NS

_W = "{" + W_NS + "}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"

Rgb = tuple[int, int, int]
WHITE: Rgb = (255, 255, 255)
"""The page: what lies under text that no shading covers."""
BLACK: Rgb = (0, 0, 0)
AUTO = "auto"
"""``w:color w:val="auto"``: black on light, white on dark, always seen."""

INVISIBLE = "invisible"
"""A text fill of nothing (``w14:noFill``): the text is not painted."""

Ink = Rgb | str | None
"""A text colour: an RGB, `AUTO`, `INVISIBLE`, or None (not set, or not one we
can tell)."""

HIGHLIGHTS: dict[str, Rgb] = {
    "white": WHITE,
    "black": BLACK,
    "yellow": (255, 255, 0),
    "green": (0, 255, 0),
    "cyan": (0, 255, 255),
    "magenta": (255, 0, 255),
    "blue": (0, 0, 255),
    "red": (255, 0, 0),
    "darkBlue": (0, 0, 128),
    "darkCyan": (0, 128, 128),
    "darkGreen": (0, 128, 0),
    "darkMagenta": (128, 0, 128),
    "darkRed": (128, 0, 0),
    "darkYellow": (128, 128, 0),
    "darkGray": (128, 128, 128),
    "lightGray": (192, 192, 192),
}
"""The named colours of ``w:highlight`` (§17.18.40)."""

_ALIKE = 8
"""Colours whose channels all differ by at most this much look the same."""


_SLOTS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    **{f"accent{n}": f"accent{n}" for n in range(1, 7)},
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}
_MAPPED = {"background1": "bg1", "text1": "t1", "background2": "bg2", "text2": "t2"}
_DEFAULT_MAPPING = {"bg1": "light1", "t1": "dark1", "bg2": "light2", "t2": "dark2"}
_SCHEME = {
    "bg1": "bg1",
    "tx1": "t1",
    "bg2": "bg2",
    "tx2": "t2",
    "dk1": "dark1",
    "lt1": "light1",
    "dk2": "dark2",
    "lt2": "light2",
    **{f"accent{n}": f"accent{n}" for n in range(1, 7)},
    "hlink": "hyperlink",
    "folHlink": "followedHyperlink",
}
"""A DrawingML scheme colour (``w14:schemeClr``) as the name `_SLOTS` and the
mapping know it."""
_DEFAULT_THEME: dict[str, Rgb] = {"dk1": BLACK, "lt1": WHITE}
"""Without a theme part Word uses its own theme; only its text and background are sure."""


def hex_rgb(value: str | None) -> Rgb | None:
    """``FFFFFF`` as (255, 255, 255); None for ``auto`` or nonsense."""
    if value is None or len(value) != 6:
        return None
    try:
        number = int(value, 16)
    except ValueError:
        return None
    return (number >> 16, (number >> 8) & 0xFF, number & 0xFF)


def alike(one: Rgb, other: Rgb) -> bool:
    """True when the two colours cannot be told apart on screen."""
    return all(abs(a - b) <= _ALIKE for a, b in zip(one, other, strict=True))


_FAINT_CHANNELS = 24
"""Colours whose channels differ by no more than this may still be too close to read."""
_FAINT_RATIO = 1.15
"""A contrast ratio (WCAG 2) below this between text and what lies under it
cannot be read: white on a 5% grey pattern (1.12), #f0f0f0 on white (1.14)."""


def faint(one: Rgb, other: Rgb) -> bool:
    """True when text of one colour on the other is not `alike` (it is
    painted) but too close to it to be read: two greys or two near-whites a
    few steps apart. Hues far apart (yellow on white) are not faint."""
    if alike(one, other):
        return False
    if any(abs(a - b) > _FAINT_CHANNELS for a, b in zip(one, other, strict=True)):
        return False
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05) < _FAINT_RATIO


def _luminance(rgb: Rgb) -> float:
    """The relative luminance of an sRGB colour (WCAG 2)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _fraction(value: str | None) -> float | None:
    number = hex_rgb("0000" + value) if value is not None and len(value) == 2 else None
    return None if number is None else number[2] / 255


def _adjusted(rgb: Rgb, tint: float | None, shade: float | None) -> Rgb:
    """A theme colour lightened (``themeTint``) or darkened (``themeShade``).

    Word moves the colour's luminance: shade multiplies it, tint draws it
    towards white by the rest.
    """
    if tint is None and shade is None:
        return rgb
    hue, light, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    if shade is not None:
        light *= shade
    if tint is not None:
        light = light * tint + (1 - tint)
    red, green, blue = colorsys.hls_to_rgb(hue, light, saturation)
    return (round(red * 255), round(green * 255), round(blue * 255))


@attrs.frozen
class Palette:
    """The document's theme colours and how ``background1``… map onto them.

    Attributes:
        theme: theme slot (``dk1``, ``lt1``, ``accent1``…) → colour.
        mapping: ``bg1``/``t1``/``bg2``/``t2`` → the slot name they take
            (``light1``…), from the settings' ``w:clrSchemeMapping``.
    """

    theme: Mapping[str, Rgb] = attrs.field(factory=lambda: dict(_DEFAULT_THEME))
    mapping: Mapping[str, str] = attrs.field(factory=lambda: dict(_DEFAULT_MAPPING))

    def colour(self, element: Any, attribute: str = "val", fill: bool = False) -> Ink:
        """The colour an element's ``attribute`` and theme attributes give.

        ``w:val`` of a ``w:color`` with ``w:themeColor``/``w:themeTint``/
        ``w:themeShade``; ``w:color`` of a ``w:shd`` pattern (the same theme
        attributes); with ``fill``, the ``w:fill`` of a ``w:shd`` with
        ``w:themeFill``/``w:themeFillTint``/``w:themeFillShade``.
        """
        prefix = f"{_W}themeFill" if fill else f"{_W}theme"
        theme = element.get(prefix if fill else prefix + "Color")
        if theme is not None:
            name = self.mapping.get(_MAPPED[theme], "") if theme in _MAPPED else theme
            rgb = self.theme.get(_SLOTS.get(name, ""))
            if rgb is not None:
                return _adjusted(
                    rgb,
                    _fraction(element.get(prefix + "Tint")),
                    _fraction(element.get(prefix + "Shade")),
                )
        value = element.get(_W + ("fill" if fill else attribute))
        if value == AUTO:
            return AUTO
        return hex_rgb(value)

    def scheme(self, value: str | None) -> Rgb | None:
        """A DrawingML scheme colour (``bg1``, ``tx1``, ``accent1``…), if known."""
        name = _SCHEME.get(value or "")
        if name is None:
            return None
        name = self.mapping.get(name, name)
        return self.theme.get(_SLOTS.get(name, ""))


def palette(document: Any) -> Palette:
    """The `Palette` of a python-docx document (its theme part and settings)."""
    theme = dict(_DEFAULT_THEME)
    for rel in document.part.rels.values():
        if rel.reltype == _THEME and not rel.is_external:
            theme.update(_theme_colours(rel.target_part.blob))
            break
    mapping = dict(_DEFAULT_MAPPING)
    try:
        settings = document.settings.element
    except (KeyError, ValueError, AttributeError):  # no settings part to read
        settings = None
    found = settings.find(_W + "clrSchemeMapping") if settings is not None else None
    if found is not None:
        for key in _DEFAULT_MAPPING:
            value = found.get(_W + key)
            if value in _SLOTS:
                mapping[key] = value
    return Palette(theme, mapping)


def _theme_colours(blob: bytes) -> dict[str, Rgb]:
    """The colour scheme of a theme part (the package guard vetted its XML)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        return {}
    scheme = root.find(f"{_A}themeElements/{_A}clrScheme")
    found: dict[str, Rgb] = {}
    for slot in scheme if scheme is not None else ():
        if not isinstance(slot.tag, str):
            continue
        name = etree.QName(slot).localname
        srgb = slot.find(_A + "srgbClr")
        system = slot.find(_A + "sysClr")
        rgb = None
        if srgb is not None:
            rgb = hex_rgb(srgb.get("val"))
        elif system is not None:
            rgb = hex_rgb(system.get("lastClr")) or {
                "windowText": BLACK,
                "window": WHITE,
            }.get(system.get("val", ""))
        if rgb is not None:
            found[name] = rgb
    return found


def shading(properties: Any, colours: Palette) -> Rgb | None:
    """What a ``w:shd`` under ``properties`` paints, if it paints anything.

    The pattern (``w:val``) is drawn in ``w:color`` over the fill: ``clear``
    is the fill alone, ``solid`` the pattern colour alone, ``pct25`` a quarter
    of it; the other patterns (stripes, crosses) are taken as half. ``nil``
    and an ``auto`` fill paint nothing (under a pattern: white).
    """
    shd = properties.find(_W + "shd") if properties is not None else None
    if shd is None:
        return None
    pattern = shd.get(_W + "val") or "clear"
    if pattern == "nil":
        return None
    fill = colours.colour(shd, fill=True)
    if pattern == "clear":
        return fill if isinstance(fill, tuple) else None
    share = _PATTERN_SHARES.get(pattern, 0.5)
    ink = colours.colour(shd, "color")
    front = ink if isinstance(ink, tuple) else BLACK  # auto patterns are black
    back = fill if isinstance(fill, tuple) else WHITE
    return (
        round(front[0] * share + back[0] * (1 - share)),
        round(front[1] * share + back[1] * (1 - share)),
        round(front[2] * share + back[2] * (1 - share)),
    )


_PATTERN_SHARES = {
    "solid": 1.0,
    **{f"pct{n}": n / 100 for n in (5, 10, 12, 15, 20, 25, 30, 35, 37, 40, 45)},
    **{f"pct{n}": n / 100 for n in (50, 55, 60, 62, 65, 70, 75, 80, 85, 87, 90, 95)},
}
"""How much of a ``w:shd`` pattern is its colour (§17.18.78)."""
