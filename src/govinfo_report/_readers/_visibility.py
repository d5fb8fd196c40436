"""What a person sees of an HTML element: shown, hidden, deleted, a mark, reversed.

A page carries text no reader of it sees: comments, scripts and styles,
``<template>``, ``<noscript>`` (browsers run scripts), the fallback content of
``<canvas>``, ``<video>``, ``<audio>``, ``<meter>`` and ``<progress>``, what an
``<svg>`` or ``<math>`` never draws (``<title>``, ``<desc>``, ``<defs>``, an
``<annotation>``), a closed ``<dialog>``, elements with
the ``hidden`` attribute (hidden by the browser's own sheet only, so an
author's ``display`` other than ``none`` shows them: jQuery's ``show()``
leaves ``hidden style="display: inline"`` in a saved page; ``hidden="until-found"``
hides by ``content-visibility``, which an inline box ignores in Chromium
and not in a browser without until-found: its digits are in doubt), styles that hide (``display:none``,
``content-visibility:hidden``, ``visibility:hidden``, an opacity or a colour
alpha too faint to see, text in the colour of what lies under it, a font of
1px or less, ``transform: scale(0)``, a clip to nothing, a box of no size
with ``overflow:hidden`` (of no line: in doubt, `_css_lines`), text moved off
screen), text inside an ``<svg>`` of no size, deletions (``<del>``, ``<s>``,
``<strike>``, ``text-decoration:line-through``) and closed ``<details>``. Reading any of it
could join its digits to a printed figure, so `look` says, element by
element, what becomes of its text. Insertions (``<ins>``) are shown.

Marks are shown but are not part of a figure: superscripts and subscripts
(``<sup>``, ``<sub>``, ``vertical-align``), ruby annotations (``<rt>``) and
form controls (``268<sup>1</sup>`` is 268 and a mark). `look` names them
(`Seen.mark`), and the reader drops them with a finding.

A bidirectional override (``<bdo dir="rtl">``, ``unicode-bidi:bidi-override``
with ``direction:rtl``) shows its characters in reverse order: `Seen.turn`
opens such a scope, and the reader reads the order on the screen, with a
finding.

``aria-hidden`` hides from screen readers only: the text is on the screen, so
it is read. Rules of ``<style>`` sheets are applied first (`_stylesheet`).
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from govinfo_report._readers._css_colours import (
    RGBA,
    gradient_stops,
    legacy_rgb,
    rgba_of,
)
from govinfo_report._readers._css_effects import (
    doubt_of,
    effects_of,
    shadow_of,
    stroke_of,
)
from govinfo_report._readers._css_layout import (
    glyph_position,
    lift_of,
    orders_items_only,
    rearranges,
)
from govinfo_report._readers._css_lines import unreadable
from govinfo_report._readers._css_sizes import SIZE_NAMES, font_size
from govinfo_report._readers._css_values import (
    FUNCTIONS,
    INLINE_TAGS,
    declarations_of,
    fraction,
    pixels,
    removed,
    shorthand_size,
    shrink,
    words,
)
from govinfo_report._readers._seen import BLACK, SHOWN, Seen

_PRUNED_TAGS = frozenset(
    (
        "script",
        "style",
        "noscript",
        "noembed",
        "noframes",
        "head",
        "template",
        "del",
        "s",
        "strike",
        "rp",
        "iframe",
        "canvas",
        "video",
        "audio",
        "datalist",
        "param",
        "meter",  # drawn as a gauge: its content is for browsers without one
        "progress",
    )
)
"""Elements whose content is never shown as text of the page (or is deleted)."""

_NOT_RENDERED = {
    "svg": frozenset(  # a tooltip, a description, what is drawn where used
        (
            *("title", "desc", "metadata", "defs", "symbol", "clippath", "mask"),
            *("pattern", "marker", "lineargradient", "radialgradient", "filter"),
        )
    ),
    "math": frozenset(("annotation", "annotation-xml")),
}
"""Elements of an ``<svg>`` or ``<math>`` that are never drawn (a
description, definitions used elsewhere, an equation's annotation); only
there: elsewhere in a page an unknown element shows its text."""
_NOT_RENDERED_TAGS = frozenset().union(*_NOT_RENDERED.values())
_NOT_RENDERED_DEPTH = 64  # ancestors looked at for the <svg> or <math>

_SHADOW_ROOT = frozenset(("shadowrootmode", "shadowroot"))

MARK_TAGS = {
    "sup": "上标",
    "sub": "下标",
    "rt": "注音",
    "rtc": "注音",
    "select": "表单控件",
    "textarea": "表单控件",
    "button": "按钮",
}
"""Elements whose text is shown but is no part of a figure, and what they are."""

_SPECIAL_TAGS = (
    _PRUNED_TAGS
    | MARK_TAGS.keys()
    | _NOT_RENDERED_TAGS
    | {"details", "dialog", "svg", "bdo", "object"}
)


def look(element: etree._Element, inherited: Seen) -> Seen | None:
    """The state of ``element``'s own text and children; None when none of it shows.

    A comment, a processing instruction, a pruned element (`_PRUNED_TAGS`,
    ``hidden``, ``display:none``, ``opacity:0``, a deletion) gives None. Its
    tail is the parent's text and is not decided here.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return None  # a comment, a processing instruction, an entity
    if inherited.turn:
        inherited = inherited._replace(turn="")
    attrib = element.attrib
    if tag in _SPECIAL_TAGS:
        if tag == "template" and any(name in attrib for name in _SHADOW_ROOT):
            # a declarative shadow root: shown in place of the host's own
            # children (unless slotted), which this reader cannot tell apart
            return inherited if inherited.mark else inherited._replace(mark="影子树")
        if tag in _STRUCK_TAGS and _unstruck(element):
            # a deletion drawn as plain text: shown, but marked deleted
            doubt = inherited.doubt or f"<{tag} style=text-decoration:none>"
            inherited = inherited._replace(doubt=doubt)
        elif tag in _PRUNED_TAGS:
            return None
        if tag in _NOT_RENDERED_TAGS and _not_rendered(element):
            return None
        if tag in MARK_TAGS and not inherited.mark:
            inherited = inherited._replace(mark=MARK_TAGS[tag])
        elif tag == "dialog" and "open" not in attrib:
            return None  # a closed dialog is not displayed
        elif tag == "object" and embeds(element):
            # its content is the fallback, shown only if what it embeds fails
            # to load; the reader takes the object for a picture
            return None
        elif tag == "svg" and _no_size(element):
            return None
        elif tag == "bdo":
            direction = (attrib.get("dir") or "").strip().lower()
            inherited = inherited._replace(
                turn="rtl" if direction == "rtl" else "ltr", rtl=direction == "rtl"
            )
    if not attrib:
        return inherited
    if "hidden" in attrib:
        shown = _shown_hidden(tag, attrib)
        if shown is None:
            return None
        if shown:
            # browsers differ: Chromium shows it, one without until-found hides it
            inherited = inherited._replace(doubt=inherited.doubt or shown)
    if "dir" in attrib and not inherited.turn:
        # an isolate: its order kept (digits and Chinese read left to right)
        direction = (attrib.get("dir") or "").strip().lower()
        inherited = inherited._replace(turn="ltr", rtl=direction == "rtl")
    # the markup of old editors, by the HTML legacy colour rules: <font color=ffffff>
    font_colour = (
        attrib.get("color")
        if tag == "font"
        else attrib.get("text")  # <body text="#fff" bgcolor="#000">
        if tag == "body"
        else None
    )
    ink = legacy_rgb(font_colour) if font_colour is not None else None
    if ink is not None:
        inherited = inherited._replace(ink=ink[:3], ink_alpha=ink[3])
    bgcolor = attrib.get("bgcolor")
    paper = legacy_rgb(bgcolor) if bgcolor is not None else None
    if paper is not None:
        inherited = inherited._replace(paper=paper[:3])
    style = attrib.get("style")
    if style:
        seen = _styled(style, inherited, tag in INLINE_TAGS)
        if tag == "html" and seen is not None:
            seen = seen._replace(root=seen.size)  # what `rem` counts in
        return seen
    return inherited


def _shown_hidden(tag: str, attrib: etree._Attrib) -> str | None:
    """What becomes of an element with the ``hidden`` attribute: None when
    it is hidden; ``""`` when shown; a `Seen.doubt` when browsers differ.

    Its ``display:none`` comes from the browser's own sheet, which the
    element's own style (the page's sheets applied) overrides with any other
    ``display``: shown. ``hidden="until-found"`` hides by
    ``content-visibility``, which does not apply to an inline box: Chromium
    shows an inline one, a browser without until-found hides it."""
    style = attrib.get("style") or ""
    display = (
        declarations_of(style).get("display", "").strip().lower()
        if "display" in style.lower()
        else ""
    )
    if (attrib.get("hidden") or "").strip().lower() == "until-found":
        inline = display == "inline" or (not display and tag in INLINE_TAGS)
        return '行内的 hidden="until-found"' if inline else None
    return None if not display or display == "none" else ""


def hides(style: str) -> bool:
    """True when the declarations ``style`` (as in a ``style`` attribute) hide
    text, make it a mark or reverse it, on an element that is otherwise shown."""
    seen = _styled(style, SHOWN)
    return seen is None or not seen.shown or bool(seen.mark) or seen.turn == "rtl"


def rearranged(element: etree._Element) -> bool:
    """True when ``element``'s style (a row's, a cell's) may show a cell
    elsewhere than in the row's order (flex, grid, ``order``, ``float``)."""
    style = element.get("style")
    return bool(style) and rearranges(
        declarations_of(style or ""), inline=element.tag in INLINE_TAGS
    )


def orders_row_only(element: etree._Element) -> bool:
    """True when ``element`` (a row) is `rearranged` only as a flex box, a
    grid or a float laying out its items (`orders_items_only`): no shift,
    turn or overlap that draws its text elsewhere."""
    style = element.get("style")
    return bool(style) and orders_items_only(
        declarations_of(style or ""), inline=element.tag in INLINE_TAGS
    )


def reorders_nothing(element: etree._Element, cell: etree._Element) -> bool:
    """True when ``element`` (inside ``cell``, not the cell) is `rearranged`
    only as a flex box, a grid or a float (`orders_items_only`) holding the
    cell's one piece of text: a figure centred by ``display:flex`` or
    floated right is shown as written, with nothing to put out of order."""
    style = element.get("style")
    if element is cell or not style:
        return False
    if not orders_items_only(declarations_of(style), inline=element.tag in INLINE_TAGS):
        return False
    text = str(element.xpath("string()")).strip()
    if not text or text != str(cell.xpath("string()")).strip():
        return False  # other text in the cell: the float or the box may move round it
    texts = [t for t in (element.text, *(c.tail for c in element)) if t and t.strip()]
    items = [
        c
        for c in element
        if isinstance(c.tag, str) and str(c.xpath("string()")).strip()
    ]
    return len(texts) + len(items) <= 1


_STRUCK_TAGS = frozenset(("del", "s", "strike"))


def _unstruck(element: etree._Element) -> bool:
    """True for a ``<del>``, ``<s>`` or ``<strike>`` whose style takes its
    line through away (``text-decoration:none``)."""
    style = element.get("style") or ""
    if "decoration" not in style:
        return False
    declarations = declarations_of(style)
    line = declarations.get("text-decoration-line", declarations.get("text-decoration"))
    return line is not None and "none" in line.split()


def embeds(element: etree._Element) -> bool:
    """True for an ``<object>`` or ``<embed>`` showing a resource (a picture,
    a plugin, a page) rather than its own content."""
    return element.tag in ("object", "embed") and bool(
        (element.get("data") or element.get("src") or "").strip()
    )


def closed_details(element: etree._Element) -> bool:
    """True for a closed ``<details>``: only its ``<summary>`` is shown, not
    its own text, its other children nor the text between them."""
    return element.tag == "details" and "open" not in element.attrib


def _not_rendered(element: etree._Element) -> bool:
    """True for an element `_NOT_RENDERED` inside the ``<svg>`` or ``<math>``
    it is never drawn in (a ``<desc>`` of an ``<svg>``)."""
    parent = element.getparent()
    for _ in range(_NOT_RENDERED_DEPTH):
        if parent is None:
            return False
        if element.tag in _NOT_RENDERED.get(str(parent.tag), ()):
            return True
        parent = parent.getparent()
    return False


def _no_size(svg: etree._Element) -> bool:
    """True for an ``<svg>`` given no width or no height, by its attributes
    or its style (an inline ``<svg>`` hides what overflows it)."""
    declarations = declarations_of(svg.get("style") or "")
    for name in ("width", "height"):
        for value in (svg.get(name), declarations.get(name)):
            size = pixels(value)
            if size is not None and size <= 0:
                return True
    return False


_CACHED_STYLE = 512  # chars: longer styles are not kept (the cache's memory)


def _styled(style: str, seen: Seen, inline: bool = False) -> Seen | None:
    """``seen`` under the declarations ``style``; None when they remove the
    element (``inline``: an element inline unless its style says otherwise,
    as ``<span>``). Cached: pages repeat the same few styles on every cell
    and span (at most 4096 short styles, immutable values)."""
    if len(style) <= _CACHED_STYLE:
        return _styled_cached(style, seen, inline)
    return _styled_now(style, seen, inline)


@lru_cache(maxsize=4096)
def _styled_cached(style: str, seen: Seen, inline: bool) -> Seen | None:
    return _styled_now(style, seen, inline)


def _styled_now(style: str, seen: Seen, inline: bool) -> Seen | None:
    declarations = declarations_of(style)
    if removed(declarations, inline=inline):
        return None
    visibility = declarations.get("visibility")
    if visibility in ("hidden", "collapse"):
        seen = seen._replace(visible=False)
    elif visibility == "visible":
        seen = seen._replace(visible=True)
    fade = 1.0
    opacity = declarations.get("opacity")
    if opacity is not None:
        fade = fraction(opacity)
    for name, arguments in FUNCTIONS.findall(declarations.get("filter", "")):
        if name == "opacity":
            fade *= fraction(arguments.strip() or "1")
    if fade <= 0.0:
        return None
    if fade < 1.0:
        seen = seen._replace(fade=seen.fade * fade)
    if "filter" in declarations or "mix-blend-mode" in declarations:
        isolated = seen.paper_depth < len(seen.effects)
        effects, doubt = effects_of(declarations, seen.paper, isolated)
        if effects:
            seen = seen._replace(effects=(*seen.effects, *effects))
        if doubt and not seen.doubt:
            seen = seen._replace(doubt=doubt)
    if not seen.doubt:
        doubt = doubt_of(declarations)
        if doubt:
            seen = seen._replace(doubt=doubt)
    factor = shrink(declarations, inline=inline)
    if factor is None:
        return None
    if factor < 1.0:
        seen = seen._replace(scale=seen.scale * factor)
    colour = declarations.get("color")
    if colour is not None:
        seen = _inked(colour, seen)
    fill = declarations.get("-webkit-text-fill-color")
    if fill is not None:
        painted = _rgba(fill, seen)
        if painted is not None:
            seen = seen._replace(fill=painted)
    shadow = declarations.get("text-shadow")
    if shadow is not None:
        seen = seen._replace(shadow=shadow_of(shadow, (*seen.ink, seen.ink_alpha)))
    stroke = stroke_of(declarations, (*seen.ink, seen.ink_alpha))
    if stroke is not None and seen.shadow is None:
        seen = seen._replace(shadow=stroke)  # the glyphs' outline shows them
    background = declarations.get("background-color")
    if background is None:
        background = declarations.get("background")
    images = words(declarations.get("background-image", background or ""))
    clip = declarations.get("background-clip", "") + declarations.get(
        "-webkit-background-clip", ""
    )
    if "text" in clip:
        # the background painted through the glyphs: the text's colour
        seen = _clipped_to_text([*words(background or ""), *images], seen)
        background, images = None, []
    if background is not None:
        # the shorthand: its colour is one of its words (`#fff url(…)`)
        for word in words(background):
            papered = _papered(word, seen)
            if papered is not seen:
                seen = papered
                break
    for image in images:
        # painted over the colour: text must be seen on each of its colours
        stops = gradient_stops(image)
        if len(set(stops)) == 1:
            seen = _papered(stops[0], seen)
        elif (
            stops
            and not seen.doubt
            and any(not (p := _papered(c, seen)).shown or p.faint for c in stops)
        ):
            seen = seen._replace(doubt=f"background:{image}")
    size = declarations.get("font-size")
    if size is None and "font" in declarations:
        size = shorthand_size(declarations["font"], SIZE_NAMES)
    if size is not None:
        seen = seen._replace(size=font_size(size, seen.size, seen.root))
    if not seen.doubt:
        clip = unreadable(declarations, seen.size, inline=inline)  # (too small…)
        if clip:
            seen = seen._replace(doubt=clip)
    align = declarations.get("vertical-align", "") or glyph_position(declarations)
    if not seen.mark and align in ("super", "sub"):
        seen = seen._replace(mark="上标" if align == "super" else "下标")
    elif not seen.mark:
        lift = lift_of(declarations, align)
        if lift:
            seen = seen._replace(mark="上标" if lift > 0 else "下标")
    direction = declarations.get("direction")
    if direction in ("rtl", "ltr"):
        seen = seen._replace(rtl=direction == "rtl")
    bidi = declarations.get("unicode-bidi", "")
    if bidi:
        if "override" in bidi:
            seen = seen._replace(turn="rtl" if seen.rtl else "ltr")
        elif bidi != "normal" and not seen.turn:
            seen = seen._replace(turn="ltr")
    return seen


def _clipped_to_text(paints: list[str], seen: Seen) -> Seen:
    """``seen`` with its glyphs painted by a background clipped to the text
    (``background-clip:text``): in its one colour, or in doubt for several."""
    colours = {c for p in paints if (c := _rgba(p, seen)) is not None}
    colours |= {c for p in paints for s in gradient_stops(p) if (c := rgba_of(s))}
    if len(colours) != 1:
        return seen._replace(doubt="background-clip:text") if colours else seen
    under = colours.pop()  # the text's own colour is painted over it
    ink = (*seen.ink, seen.ink_alpha) if seen.fill is None else seen.fill
    mixed = [round(ink[i] * ink[3] + under[i] * (1 - ink[3])) for i in range(3)]
    alpha = ink[3] + under[3] * (1 - ink[3])
    return seen._replace(fill=(mixed[0], mixed[1], mixed[2], alpha))


def _rgba(colour: str, seen: Seen) -> RGBA | None:
    current = colour.strip() == "currentcolor"
    return (*seen.ink, seen.ink_alpha) if current else rgba_of(colour.strip())


def _inked(colour: str, seen: Seen) -> Seen:
    rgba = _rgba(colour, seen)
    if rgba is None:
        if colour.strip() == "initial":
            return seen._replace(ink=BLACK, ink_alpha=1.0)
        return seen
    return seen._replace(ink=rgba[:3], ink_alpha=rgba[3])


def _papered(colour: str, seen: Seen) -> Seen:
    """``seen`` on a background of ``colour`` (blended on the one under it)."""
    rgba = _rgba(colour, seen)
    if rgba is None or rgba[3] <= 0.0:
        return seen
    alpha = rgba[3]
    paper = tuple(
        round(rgba[i] * alpha + seen.paper[i] * (1 - alpha)) for i in range(3)
    )
    return seen._replace(
        paper=(paper[0], paper[1], paper[2]), paper_depth=len(seen.effects)
    )
