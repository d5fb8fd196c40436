"""What a person sees of an HTML element: shown, hidden, deleted or a superscript.

A page carries text no reader of it sees: comments, scripts and styles,
``<template>``, elements with the ``hidden`` attribute, inline styles that hide
(``display:none``, ``visibility:hidden``, ``opacity:0``, ``font-size:0``,
``color:transparent``, text in the colour of its background (white on
white, ``<font color>`` and ``bgcolor`` included), a box of no size with ``overflow:hidden``, text moved
off screen), deletions (``<del>``, ``<s>``, ``<strike>``,
``text-decoration:line-through``) and closed ``<details>``. Reading any of it
could join its digits to a printed figure, so `look` says, element by
element, what becomes of its text. Insertions (``<ins>``) are shown.

Superscripts (``<sup>``, ``vertical-align:super``) are shown but are
footnote marks, not part of a figure (``268<sup>1</sup>`` is 268 and a mark):
`look` flags them, and the reader drops them with a finding.

``aria-hidden`` hides from screen readers only: the text is on the screen, so
it is read. Rules of ``<style>`` sheets are applied first (`_stylesheet`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

_PRUNED_TAGS = frozenset(
    (
        "script",
        "style",
        "noscript",
        "head",
        "template",
        "del",
        "s",
        "strike",
        "rp",
        "iframe",
    )
)
"""Elements whose content is never shown as text of the page (or is deleted)."""

_SPECIAL_TAGS = _PRUNED_TAGS | {"sup", "details", "summary"}

_ZERO = re.compile(r"^[+-]?0*(?:\.0*)?[a-z%]*$")
_LENGTH = re.compile(r"^([+-]?\d*\.?\d+)([a-z%]*)$")
_ABSOLUTE_UNITS = frozenset(("px", "pt", "pc", "cm", "mm", "in", "q", "rem", ""))
_SIZE_WORDS = frozenset(
    ("xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large")
)
_OFF_SCREEN = -500.0  # px: text moved this far left or up is off every screen


_BLACK = (0, 0, 0)
_WHITE = (255, 255, 255)


class Seen(NamedTuple):
    """The inherited state that decides whether text is shown.

    Attributes:
        visible: ``visibility`` is not hidden (a child can set it back).
        coloured: the text colour is not transparent (a child can set it back).
        sized: the font size is not zero (a child with its own absolute size
            shows again; ``em`` and ``%`` of zero stay zero).
        mark: inside a superscript (a footnote mark, not a figure's digits).
        ink: the text colour (RGB; black unless set).
        paper: the background colour under the text (RGB; the white page
            unless an element sets one): ink alike paper (white on white) is
            not shown.
    """

    visible: bool = True
    coloured: bool = True
    sized: bool = True
    mark: bool = False
    ink: tuple[int, int, int] = _BLACK
    paper: tuple[int, int, int] = _WHITE

    @property
    def shown(self) -> bool:
        """True when text in this state is on the screen."""
        return (
            self.visible
            and self.coloured
            and self.sized
            and not _alike(self.ink, self.paper)
        )


SHOWN = Seen()
"""The state of a page's root: everything shown."""


def look(element: etree._Element, inherited: Seen) -> Seen | None:
    """The state of ``element``'s own text and children; None when none of it shows.

    A comment, a processing instruction, a pruned element (`_PRUNED_TAGS`,
    ``hidden``, ``display:none``, ``opacity:0``, a deletion) gives None. Its
    tail is the parent's text and is not decided here.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return None  # a comment, a processing instruction, an entity
    attrib = element.attrib
    if tag in _SPECIAL_TAGS:
        if tag in _PRUNED_TAGS:
            return None
        if tag == "sup":
            inherited = inherited._replace(mark=True)
    if not attrib:
        return inherited
    if "hidden" in attrib:
        return None
    # the markup of old editors: <font color="#FFFFFF">, <td bgcolor="white">
    font_colour = attrib.get("color") if tag == "font" else None
    if font_colour is not None:
        inherited = _inked(font_colour, inherited)
    bgcolor = attrib.get("bgcolor")
    if bgcolor is not None:
        rgb = rgb_of(bgcolor)
        if rgb is not None:
            inherited = inherited._replace(paper=rgb)
    style = attrib.get("style")
    if style:
        return _styled(style, inherited)
    return inherited


def hides(style: str) -> bool:
    """True when the declarations ``style`` (as in a ``style`` attribute) hide
    text or make it a footnote mark, on an element that is otherwise shown."""
    seen = _styled(style, SHOWN)
    return seen is None or not seen.shown or seen.mark


def closed_details(element: etree._Element) -> bool:
    """True for a closed ``<details>``: only its ``<summary>`` is shown, not
    its own text, its other children nor the text between them."""
    return element.tag == "details" and "open" not in element.attrib


def _styled(style: str, seen: Seen) -> Seen | None:
    declarations: dict[str, str] = {}
    for declaration in style.lower().split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            declarations[name.strip()] = value.replace("!important", "").strip()
    display = declarations.get("display")
    if display == "none":
        return None
    opacity = declarations.get("opacity")
    if opacity is not None and _number(opacity.rstrip("%")) == 0.0:
        return None
    decoration = declarations.get("text-decoration", "") + declarations.get(
        "text-decoration-line", ""
    )
    if "line-through" in decoration:
        return None  # struck through: a deletion, as <s>
    if (
        declarations.get("overflow") == "hidden"
        or declarations.get("overflow-y") == "hidden"
    ):
        for name in ("height", "max-height", "width", "max-width"):
            size = _pixels(declarations.get(name))
            if size is not None and size <= 1.0:
                return None
    for name in ("left", "top", "text-indent", "margin-left", "margin-top"):
        offset = _pixels(declarations.get(name))
        if offset is not None and offset <= _OFF_SCREEN:
            return None
    if declarations.get("clip", "").replace(" ", "") in (
        "rect(0,0,0,0)",
        "rect(0000)",
        "rect(0px,0px,0px,0px)",
        "rect(1px,1px,1px,1px)",
    ):
        return None
    visibility = declarations.get("visibility")
    if visibility in ("hidden", "collapse"):
        seen = seen._replace(visible=False)
    elif visibility == "visible":
        seen = seen._replace(visible=True)
    colour = declarations.get("color")
    if colour is not None:
        seen = _inked(colour, seen)
    background = declarations.get("background-color")
    if background is None:
        # the shorthand: its colour is one of its words (`#fff url(…)`)
        background = declarations.get("background")
    if background is not None:
        for word in background.split():
            rgb = rgb_of(word)
            if rgb is not None:
                seen = seen._replace(paper=rgb)
                break
    font_size = declarations.get("font-size")
    if font_size is not None:
        seen = _font_size(font_size, seen)
    if "super" in declarations.get("vertical-align", ""):
        seen = seen._replace(mark=True)
    return seen


def _font_size(value: str, seen: Seen) -> Seen:
    value = value.replace(" ", "")
    if _ZERO.match(value) and any(c.isdigit() for c in value):
        return seen._replace(sized=False)
    if value in _SIZE_WORDS:
        return seen._replace(sized=True)
    found = _LENGTH.match(value)
    if found and found.group(2) in _ABSOLUTE_UNITS:
        return seen._replace(sized=True)
    return seen  # em, %, larger…: a multiple of the inherited size


_NAMED = {
    "white": (255, 255, 255),
    "black": (0, 0, 0),
    "red": (255, 0, 0),
    "blue": (0, 0, 255),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "silver": (192, 192, 192),
    "snow": (255, 250, 250),
    "ivory": (255, 255, 240),
    "whitesmoke": (245, 245, 245),
}
_ALIKE = 8  # per RGB channel: colours this close look the same on a screen


def rgb_of(colour: str) -> tuple[int, int, int] | None:
    """The RGB of a CSS colour (``#fff``, ``#ffffff``, ``rgb(…)``, a few
    names); None for anything else (then nothing is decided by it)."""
    colour = colour.strip().lower().replace(" ", "")
    if colour in _NAMED:
        return _NAMED[colour]
    if colour.startswith("#") and len(colour) in (4, 7) and _hex(colour[1:]):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    if colour.startswith("rgb(") and colour.endswith(")"):
        parts = colour[4:-1].split(",")
        if len(parts) == 3 and all(p.isdigit() and int(p) <= 255 for p in parts):
            return (int(parts[0]), int(parts[1]), int(parts[2]))
    return None


def _hex(digits: str) -> bool:
    return all(c in "0123456789abcdef" for c in digits)


def _alike(one: tuple[int, int, int], other: tuple[int, int, int]) -> bool:
    if one is _BLACK and other is _WHITE:
        return False  # the page's own colours (asked for every text)
    return (
        abs(one[0] - other[0]) <= _ALIKE
        and abs(one[1] - other[1]) <= _ALIKE
        and abs(one[2] - other[2]) <= _ALIKE
    )


def _inked(colour: str, seen: Seen) -> Seen:
    rgb = rgb_of(colour)
    seen = seen._replace(coloured=not _transparent(colour))
    return seen if rgb is None else seen._replace(ink=rgb)


def _transparent(colour: str) -> bool:
    colour = colour.replace(" ", "")
    if colour == "transparent":
        return True
    if colour.startswith(("rgba(", "hsla(")) and colour.endswith(")"):
        alpha = colour[5:-1].split(",")
        return len(alpha) == 4 and _number(alpha[3].rstrip("%")) == 0.0
    if colour.startswith("#") and len(colour) in (5, 9):
        return colour[-1 if len(colour) == 5 else -2 :].strip("0") == ""
    return False


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _pixels(value: str | None) -> float | None:
    """A length in px (em and rem taken as 16 px); None for anything else."""
    if value is None:
        return None
    found = _LENGTH.match(value.replace(" ", ""))
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
    if unit in ("%", "vw", "vh") and number == 0:
        return 0.0
    return None
