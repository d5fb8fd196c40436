"""A box whose line is too low to show its text: ``line-height:0;
overflow:hidden`` on an ``inline-block`` clips a figure's digit away
(Chromium shows ``12 68`` for ``12<span style="display:inline-block;
line-height:0;overflow:hidden">9</span>68``)."""

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
