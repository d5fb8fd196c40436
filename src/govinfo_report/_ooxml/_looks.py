"""How Word shows a run: hidden, struck, raised, too small, in what colour on what.

A run's look comes from five places, the nearest winning (ECMA-376 §17.7.2):
its own ``w:rPr``, its character style, its paragraph's style (the default
paragraph style when it names none), its table's style (the default table
style) and the document defaults (``w:docDefaults``); a style inherits from
the style it is ``w:basedOn``. The on/off properties that hide or strike text
(``w:vanish``, ``w:specVanish``, ``w:strike``, ``w:dstrike``) are toggles
(§17.7.3): on in the document defaults they are on; set in two kinds of style
they cancel out; set on the run itself they are what the run says.

Colours are read as Word paints them (`_colours`; a Word 2010 text fill,
``w14:textFill``, instead of ``w:color``). What lies under a run is, nearest
first: its highlight, its shading (``w:shd``), its paragraph's, its cell's,
its table's, the page colour (``w:background``), white paper.
"""

from __future__ import annotations

from typing import Any

import attrs

from govinfo_report._ooxml._colours import (
    HIGHLIGHTS,
    INVISIBLE,
    WHITE,
    Ink,
    Palette,
    Rgb,
    alike,
    hex_rgb,
    palette,
    shading,
)
from govinfo_report._ooxml._xml import W_NS

_W = "{" + W_NS + "}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"

TINY_SIZE = 2
"""Half-points: text of 1 pt or less (``w:sz`` 1 or 2) is a speck, not a figure."""
TINY_SCALE = 10
"""Per cent: text squeezed to a tenth of its width or less (``w:w``) is a line."""
SPECK_SIZE = 6
"""Half-points: a digit under 3 pt (above `TINY_SIZE`) is shown, but as a speck
that cannot be read as any digit."""

_CONDITIONS = frozenset(
    (
        "wholeTable",
        "firstRow",
        "lastRow",
        "firstCol",
        "lastCol",
        "band1Vert",
        "band2Vert",
        "band1Horz",
        "band2Horz",
        "neCell",
        "nwCell",
        "seCell",
        "swCell",
    )
)
"""The kinds of conditional format of a table style (§17.18.89)."""

_TOGGLES = (  # the first four hide or strike the text
    "vanish",
    "specVanish",
    "strike",
    "dstrike",
    "shadow",
    "emboss",
    "imprint",
)


def _toggle(rpr: Any, name: str) -> bool | None:
    """An on/off property of a ``w:rPr``: True/False when it says, None when silent."""
    if rpr is None:
        return None
    element = rpr.find(_W + name)
    if element is None:
        return None
    return element.get(_W + "val") not in ("0", "false", "off")


@attrs.frozen
class RunLook:
    """What Word does with a run.

    Attributes:
        hidden: not shown (``w:vanish``).
        always_hidden: ``w:specVanish`` (meant for a paragraph mark).
        struck: struck through once or twice (``w:strike``, ``w:dstrike``).
        raised: a superscript (``w:vertAlign``).
        lowered: a subscript (``w:vertAlign``).
        position: raised (positive) or lowered by this many half-points
            (``w:position``).
        size: the font size in half-points.
        scale: the character width in per cent (``w:w``).
        spacing: the space added after each character, in twentieths of a
            point (``w:spacing``; negative: condensed).
        ink: its colour (`Ink`).
        under: what lies under it that the run itself paints (its highlight
            or shading), None when it paints nothing.
        shadowed: drawn with a grey shadow or relief (``w:shadow``,
            ``w:emboss``, ``w:imprint``), seen whatever its colour.
        combined: set in two lines within one line (双行合一,
            ``w:eastAsianLayout w:combine``): its first half drawn over its
            second, each at half size.
    """

    hidden: bool = False
    always_hidden: bool = False
    struck: bool = False
    raised: bool = False
    lowered: bool = False
    position: int = 0
    size: int = 20
    scale: int = 100
    spacing: int = 0
    ink: Ink = None
    under: Rgb | None = None
    shadowed: bool = False
    combined: bool = False


_UNSET: Any = object()
_VALUED = (
    "vertAlign",
    "color",
    "sz",
    "highlight",
    "shd",
    "w",
    "spacing",
    "position",
    "eastAsianLayout",
)
"""Run properties with a value, taken from the nearest level that sets them."""


def _combined(layout: Any) -> bool:
    """A ``w:eastAsianLayout`` sets its text in two lines within one (``w:combine``)."""
    return layout is not None and layout.get(_W + "combine") in ("1", "true", "on")


def _number(element: Any) -> int:
    """The whole number ``w:val`` of ``element`` (0 when absent or unreadable)."""
    try:
        return int(element.get(_W + "val")) if element is not None else 0
    except (TypeError, ValueError):
        return 0


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
        self._conditions: dict[str, list[Any]] = {}
        self._hiding: dict[str, list[str]] = {}
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
            conditions = style.findall(_W + "tblStylePr")
            if conditions:
                self._conditions[style_id] = conditions
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
        prop = f"{where}{name}"
        key = (style_id, prop)
        if key in self._cache:
            return self._cache[key]
        # Every style walked takes the answer, so a long chain is walked once.
        found = _UNSET
        path: list[str] = []
        walked_ids: set[str] = set()
        current: str | None = style_id
        while (
            current is not None and current in self._own and current not in walked_ids
        ):
            if (current, prop) in self._cache:
                found = self._cache[(current, prop)]
                break
            path.append(current)
            walked_ids.add(current)
            part = self._own[current][where]
            element = part.find(_W + name) if part is not None else None
            if element is not None:
                found = element
                break
            current = self._own[current][0]
        for walked in path:
            self._cache[(walked, prop)] = found
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

    def conditions_hiding(self, style_id: str | None) -> list[str]:
        """The conditional formats of a table style (``w:tblStylePr``: first
        row, banded rows…, through ``w:basedOn``) that could hide text: hidden,
        struck, too small, or in the colour of their shading (white without).

        They are not applied (which rows and columns they cover depends on
        the table's ``w:tblLook``); the reader reports the table instead.
        """
        if style_id is None:
            return []
        # Walk up to a style already known, then fill the path from its top.
        path: list[str] = []
        walked: set[str] = set()
        current: str | None = style_id
        while (
            current is not None
            and current in self._own
            and current not in walked
            and current not in self._hiding
        ):
            path.append(current)
            walked.add(current)
            current = self._own[current][0]
        above = self._hiding.get(current, []) if current is not None else []
        for name in reversed(path):
            own = [
                kind
                for condition in self._conditions.get(name, ())
                if (kind := condition.get(_W + "type") or "") in _CONDITIONS
                and kind not in above
                and self._hides(condition)
            ]
            above = [*dict.fromkeys(own), *above]
            self._hiding[name] = above
        return self._hiding.get(style_id, above)

    def _hides(self, condition: Any) -> bool:
        rpr = condition.find(_W + "rPr")
        if rpr is None:
            return False
        if any(_toggle(rpr, name) for name in _TOGGLES[:4]):  # hidden, struck
            return True
        look = self.run(rpr, None, None, None)
        if look.size <= TINY_SIZE or look.scale <= TINY_SCALE:
            return True
        color = rpr.find(_W + "color")
        ink = self.colours.colour(color) if color is not None else None
        if not isinstance(ink, tuple):
            return False
        under = shading(condition.find(_W + "tcPr"), self.colours) or self.page
        return alike(ink, under)

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
            # §17.7.3: on in the document defaults is on; else the levels
            # (table, paragraph, character style) are combined by XOR
            on = bool(_toggle(self._defaults_rpr, name))
            if not on:
                for value in said:
                    on ^= bool(value)
            levels[name] = on
        for name in _VALUED:
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
        spacing = _number(nearest("spacing"))
        position = _number(nearest("position"))
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
            lowered=align is not None and align.get(_W + "val") == "subscript",
            position=position,
            size=half_points,
            scale=scale,
            spacing=spacing,
            ink=ink,
            under=under,
            shadowed=toggle("shadow") or toggle("emboss") or toggle("imprint"),
            combined=_combined(nearest("eastAsianLayout")),
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
        if colour.tag == _W14 + "schemeClr":
            return self.colours.scheme(value)
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
