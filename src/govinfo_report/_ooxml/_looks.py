"""How Word shows a run: hidden, struck, raised, too small, in what colour on what.

A run's look comes from five places, the nearest winning (ECMA-376 §17.7.2):
its own ``w:rPr``, its character style, its paragraph's style (the default
paragraph style when it names none), its table's style (the default table
style) and the document defaults (``w:docDefaults``); a style inherits from
the style it is ``w:basedOn``. The on/off properties that hide or strike text
(``w:vanish``, ``w:specVanish``, ``w:strike``, ``w:dstrike``) are toggles
(§17.7.3): set in two kinds of style they cancel out, set on the run itself
they are what the run says.

Colours are read as Word paints them: a ``w:themeColor`` (``background1`` is
the theme's ``lt1``, white in the default theme) wins over ``w:val`` and is
read from the document's theme (``word/theme/theme1.xml``, through the
settings' ``w:clrSchemeMapping``), with its tint or shade. What lies under a
run is, nearest first: its highlight, its shading (``w:shd``, a ``solid``
pattern in its pattern colour), its paragraph's, its cell's, its table's, the
page colour (``w:background``), white paper.
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
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
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

TINY_SIZE = 2
"""Half-points: text of 1 pt or less (``w:sz`` 1 or 2) is a speck, not a figure."""
TINY_SCALE = 10
"""Per cent: text squeezed to a tenth of its width or less (``w:w``) is a line."""

_TOGGLES = ("vanish", "specVanish", "strike", "dstrike")
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


def _toggle(rpr: Any, name: str) -> bool | None:
    """An on/off property of a ``w:rPr``: True/False when it says, None when silent."""
    if rpr is None:
        return None
    element = rpr.find(_W + name)
    if element is None:
        return None
    return element.get(_W + "val") not in ("0", "false", "off")


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


@attrs.frozen
class RunLook:
    """What Word does with a run.

    Attributes:
        hidden: not shown (``w:vanish``).
        always_hidden: ``w:specVanish`` (meant for a paragraph mark).
        struck: struck through once or twice (``w:strike``, ``w:dstrike``).
        raised: a superscript (``w:vertAlign``).
        size: the font size in half-points.
        scale: the character width in per cent (``w:w``).
        ink: its colour (`Ink`).
        under: what lies under it that the run itself paints (its highlight
            or shading), None when it paints nothing.
    """

    hidden: bool = False
    always_hidden: bool = False
    struck: bool = False
    raised: bool = False
    size: int = 20
    scale: int = 100
    ink: Ink = None
    under: Rgb | None = None


_UNSET: Any = object()


class Looks:
    """A document's styles, theme, defaults and page colour, resolved on demand.

    One per document (`document_looks`); `run` gives a `RunLook` for a run's
    own ``w:rPr`` and the styles around it. Style chains are resolved once per
    (style, property), bounded by the number of styles.
    """

    def __init__(
        self, styles: Any, colours: Palette | None = None, page: Rgb = WHITE
    ) -> None:
        self.colours = colours or Palette()
        self.page = page
        self._own: dict[str, tuple[str | None, Any, Any, Any, Any]] = {}
        self._default: dict[str, str] = {}
        self._defaults_rpr: Any = None
        self._cache: dict[tuple[str, str], Any] = {}
        self._levels: dict[
            tuple[str | None, str | None, str | None], dict[str, Any]
        ] = {}
        if styles is None:
            return
        defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self._defaults_rpr = defaults
        for style in styles.iterchildren(_W + "style"):
            style_id = style.get(_W + "styleId")
            if not style_id:
                continue
            kind = style.get(_W + "type") or "paragraph"
            if style.get(_W + "default") in ("1", "true", "on"):
                self._default.setdefault(kind, style_id)
            based = style.find(_W + "basedOn")
            self._own[style_id] = (
                based.get(_W + "val") if based is not None else None,
                style.find(_W + "rPr"),
                style.find(_W + "pPr"),
                style.find(_W + "tcPr"),
                style.find(_W + "tblPr"),
            )

    def default_style(self, kind: str) -> str | None:
        """The id of the default style of ``kind`` (``paragraph``, ``table``…)."""
        return self._default.get(kind)

    def _styled(self, style_id: str | None, where: int, name: str) -> Any:
        """The nearest ``name`` child of the style's part ``where`` (1 rPr, 2 pPr,
        3 tcPr, 4 tblPr) up its ``w:basedOn`` chain; `_UNSET` when none sets it."""
        if style_id is None:
            return _UNSET
        key = (style_id, f"{where}{name}")
        if key in self._cache:
            return self._cache[key]
        found = _UNSET
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current in self._own and current not in seen:
            seen.add(current)
            part = self._own[current][where]
            element = part.find(_W + name) if part is not None else None
            if element is not None:
                found = element
                break
            current = self._own[current][0]
        self._cache[key] = found
        return found

    def numbered(self, ppr: Any, style_id: str | None) -> bool:
        """The paragraph has an automatic number (``w:numPr``, its own or its
        style's) that Word prints before its text."""
        own = ppr.find(_W + "numPr") if ppr is not None else None
        if own is None:
            found = self._styled(style_id, 2, "numPr")
            own = None if found is _UNSET else found
        number = own.find(_W + "numId") if own is not None else None
        return number is not None and number.get(_W + "val") not in (None, "0")

    def hides(self, style_id: str | None) -> bool:
        """The style (through ``w:basedOn``) hides its runs (``w:vanish``)."""
        element = self._styled(style_id, 1, "vanish")
        return element is not _UNSET and _toggle(element.getparent(), "vanish") is True

    def paragraph_shading(self, ppr: Any, style_id: str | None) -> Rgb | None:
        """The shading a paragraph paints: its own, else its style's."""
        own = shading(ppr, self.colours)
        if own is not None:
            return own
        element = self._styled(style_id, 2, "shd")
        if element is _UNSET:
            return None
        return shading(element.getparent(), self.colours)

    def table_shading(self, tcpr: Any, style_id: str | None, table: Any) -> Rgb | None:
        """What a cell paints: its own shading, its table's, its table style's."""
        for found in (shading(tcpr, self.colours), shading(table, self.colours)):
            if found is not None:
                return found
        for where in (3, 4):
            element = self._styled(style_id, where, "shd")
            if element is not _UNSET:
                return shading(element.getparent(), self.colours)
        return None

    def _style_levels(
        self, char: str | None, para: str | None, table: str | None
    ) -> dict[str, Any]:
        """Each property as the styles give it (before the run's own ``w:rPr``)."""
        key = (char, para, table)
        known = self._levels.get(key)
        if known is not None:
            return known
        chains = (char, para, table)
        levels: dict[str, Any] = {}
        for name in _TOGGLES:
            said = [
                _toggle(element.getparent(), name)
                for element in (self._styled(s, 1, name) for s in chains)
                if element is not _UNSET
            ]
            if said:
                on = False
                for value in said:
                    on ^= bool(value)
                levels[name] = on
            else:
                levels[name] = bool(_toggle(self._defaults_rpr, name))
        for name in ("vertAlign", "color", "sz", "highlight", "shd", "w"):
            levels[name] = next(
                (
                    e
                    for e in (self._styled(s, 1, name) for s in chains)
                    if e is not _UNSET
                ),
                self._defaults_rpr.find(_W + name)
                if self._defaults_rpr is not None
                else None,
            )
        self._levels[key] = levels
        return levels

    def run(
        self, rpr: Any, char: str | None, para: str | None, table: str | None
    ) -> RunLook:
        """The look of a run with its own ``rpr`` inside the given styles."""
        levels = self._style_levels(
            char or self._default.get("character"),
            para or self._default.get("paragraph"),
            table,
        )

        def nearest(name: str) -> Any:
            own = rpr.find(_W + name) if rpr is not None else None
            return own if own is not None else levels[name]

        def toggle(name: str) -> bool:
            own = _toggle(rpr, name)
            return bool(levels[name]) if own is None else own

        align = nearest("vertAlign")
        size = nearest("sz")
        try:
            half_points = int(size.get(_W + "val")) if size is not None else 20
        except (TypeError, ValueError):
            half_points = 20
        width = nearest("w")
        try:
            scale = int(width.get(_W + "val")) if width is not None else 100
        except (TypeError, ValueError):
            scale = 100
        color = nearest("color")
        ink = self.colours.colour(color) if color is not None else None
        filled = self._text_fill(rpr)
        if filled is not _UNSET:
            ink = filled
        highlight = nearest("highlight")
        named = highlight.get(_W + "val") if highlight is not None else None
        under: Rgb | None
        if named is not None and named != "none":
            under = HIGHLIGHTS.get(named)
        else:
            shd = nearest("shd")
            under = shading(shd.getparent(), self.colours) if shd is not None else None
        return RunLook(
            hidden=toggle("vanish"),
            always_hidden=toggle("specVanish"),
            struck=toggle("strike") or toggle("dstrike"),
            raised=align is not None and align.get(_W + "val") == "superscript",
            size=half_points,
            scale=scale,
            ink=ink,
            under=under,
        )

    def _text_fill(self, rpr: Any) -> Any:
        """The ink of a Word 2010 text fill (``w14:textFill``) on the run, which
        Word paints instead of ``w:color``: `_UNSET` without one, `INVISIBLE`
        for ``w14:noFill`` with no outline drawn, None when it cannot be told."""
        fill = rpr.find(_W14 + "textFill") if rpr is not None else None
        if fill is None:
            return _UNSET
        outline = rpr.find(_W14 + "textOutline")
        if fill.find(_W14 + "noFill") is not None:
            drawn = outline is not None and outline.find(_W14 + "noFill") is None
            return None if drawn else INVISIBLE
        solid = fill.find(_W14 + "solidFill")
        colour = solid[0] if solid is not None and len(solid) else None
        if colour is None or len(colour):  # a gradient, or lumMod/alpha…
            return None
        value = colour.get(_W14 + "val")
        if colour.tag == _W14 + "srgbClr":
            return hex_rgb(value)
        if colour.tag == _W14 + "schemeClr" and value in _SCHEME:
            name = _SCHEME[value]
            name = self.colours.mapping.get(name, name)
            return self.colours.theme.get(_SLOTS.get(name, ""))
        return None


def document_looks(document: Any) -> Looks:
    """The `Looks` of a python-docx document: its styles, theme and page colour."""
    colours = palette(document)
    background = document.element.find(_W + "background")
    page = WHITE
    if background is not None:
        ink = colours.colour(background, "color")
        if isinstance(ink, tuple):
            page = ink
    try:
        styles = document.styles.element
    except (KeyError, ValueError, AttributeError):  # no styles part
        styles = None
    return Looks(styles, colours, page)
