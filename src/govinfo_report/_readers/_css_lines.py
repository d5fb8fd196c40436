"""Text on the screen that shows no digit a person can read: a box whose
line, height or width is too small for a digit and that hides what
overflows it (``line-height:0;overflow:hidden`` on an ``inline-block``:
Chromium shows ``12 68`` for ``12<span style="display:inline-block;
line-height:0;overflow:hidden">9</span>68``; ``width:3px`` a sliver), and
digits masked as discs (``-webkit-text-security:disc``). The reader cannot
tell what a child may undo (a line of its own): the text is in doubt
(`Seen.doubt`), never dropped."""

from __future__ import annotations

from govinfo_report._readers._css_values import LENGTH, is_boxed, pixels

_LINE = 0.6
"""Of the font size: a line lower than this clips a digit to a sliver
(Chromium: a 9 on a line of half its size is a hook, on 0.7 whole enough)."""


def clipped_lines(
    declarations: dict[str, str], size: float, *, inline: bool = False
) -> str:
    """The declarations, as ``name:value;…``, of a box that hides what
    overflows it and whose line is too low to show a digit of its font
    (``size`` px): ``line-height:0;overflow:hidden`` on an ``inline-block``
    or a block, with no height of its own; ``""`` for any other. A child may
    set a line of its own (a ``line-height``, a height) and show its text
    all the same, which the declarations cannot tell: the text is in doubt,
    never dropped."""
    line = declarations.get("line-height")
    if line is None or (inline and not is_boxed(declarations)):
        return ""
    overflow = " ".join(
        declarations.get(name, "") for name in ("overflow", "overflow-y")
    ).split()
    if "hidden" not in overflow and "clip" not in overflow:
        return ""
    lowest = size * _LINE
    height = pixels(declarations.get("height"))
    if height is not None and height >= lowest:
        return ""
    value = line.strip().lower()
    found = LENGTH.match(value.replace(" ", ""))
    if found is None:
        return ""
    if found.group(2) == "":
        low = float(found.group(1)) * size  # a multiple of the font size
    elif found.group(2) == "%":
        low = float(found.group(1)) * size / 100
    else:
        given = pixels(value)
        low = lowest if given is None else given
    if low >= lowest:
        return ""
    return f"line-height:{line};overflow:{' '.join(overflow)}"


_WIDTH = 0.5
"""Of the font size: a box narrower than this clips a digit (about 0.55 of
its font wide) to a sliver."""
_SPECK = 1.0  # px: a box this small or smaller is no box (`removed` drops it)


def clipped_box(declarations: dict[str, str], size: float) -> str:
    """The declarations, as ``name:value;…``, of a box hiding what overflows
    it whose height is lower than a line of its font (``size`` px) can show
    a digit in, or whose width is narrower than a digit; ``""`` for any
    other (and for a box of 1px or less, which `removed` takes away). Only
    a box the declarations make one (``display:inline-block``, ``block``…):
    a table cell given a small width or height grows round its text."""
    if not is_boxed(declarations):
        return ""
    for names, axis, share in (
        (("height", "max-height"), "overflow-y", _LINE),
        (("width", "max-width"), "overflow-x", _WIDTH),
    ):
        overflow = (declarations.get(axis) or declarations.get("overflow", "")).split()
        if "hidden" not in overflow and "clip" not in overflow:
            continue
        for name in names:
            given = pixels(declarations.get(name))
            if given is not None and _SPECK < given < size * share:
                return f"{name}:{declarations[name]};overflow:{' '.join(overflow)}"
    return ""


_MASKS = frozenset(("disc", "circle", "square"))


def masked(declarations: dict[str, str]) -> str:
    """``-webkit-text-security:disc`` (or ``circle``, ``square``): each
    character drawn as a disc, no digit shown; ``""`` when not masked."""
    value = declarations.get("-webkit-text-security", "").strip().lower()
    return f"-webkit-text-security:{value}" if value in _MASKS else ""


def unreadable(declarations: dict[str, str], size: float, *, inline: bool) -> str:
    """What of the declarations shows no digit a person can read of text in
    a font of ``size`` px (`clipped_lines`, `clipped_box`, `masked`), as
    ``name:value;…``; ``""`` when nothing."""
    return (
        clipped_lines(declarations, size, inline=inline)
        or clipped_box(declarations, size)
        or masked(declarations)
    )
