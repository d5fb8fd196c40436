"""Font sizes as a browser works them out: keywords, relative words, lengths,
``em`` and ``%`` of the parent's size, and ``min()``/``max()``/``clamp()``
of sizes of different units (each worked out against the parent's size).

A size this module cannot tell (``vw``, a variable) leaves the parent's.
"""

from __future__ import annotations

import re

from govinfo_report._readers._css_math import doubtful
from govinfo_report._readers._css_values import LENGTH, pixels

SIZE_WORDS = {
    "xx-small": 9.0,
    "x-small": 10.0,
    "small": 13.0,
    "medium": 16.0,
    "large": 18.0,
    "x-large": 24.0,
    "xx-large": 32.0,
    "xxx-large": 48.0,
}
SIZE_NAMES = frozenset(SIZE_WORDS)
_RELATIVE_WORDS = {"smaller": 1 / 1.2, "larger": 1.2}
_MATH_SIZE = re.compile(r"^(calc|min|max|clamp)\((.*)\)$")


def undecided(value: str) -> bool:
    """True when `font_size` cannot work ``value`` out (`_css_math.doubtful`
    and not a ``min()``… of plain sizes, which it reads)."""
    if not doubtful(value):
        return False
    found = _MATH_SIZE.match(value.replace(" ", ""))
    return found is None or _arithmetic(found.group(1), found.group(2))


def _arithmetic(name: str, inner: str) -> bool:
    """True when a math function's arguments hold arithmetic or nesting."""
    parts = inner.split(",") if name != "calc" else [inner]
    return any(
        not part or "(" in part or any(op in part[1:] for op in "+-*/")
        for part in parts
    )


def font_size(value: str, size: float, root: float = 16.0, depth: int = 0) -> float:
    """The font size in px ``value`` gives text whose parent's is ``size``
    (``root``: the ``<html>`` element's, which ``rem`` is a multiple of)."""
    value = value.replace(" ", "")
    found = _MATH_SIZE.match(value)
    if found is not None and depth < 4:
        # `min(0px, 1em)`, `clamp(0px, 0vw, 0px)` of sizes of several units
        # (one unit is worked out before, by `_css_math`)
        name, inner = found.groups()
        if _arithmetic(name, inner):
            return size  # arithmetic or nesting: not decided here
        parts = inner.split(",") if name != "calc" else [inner]
        sizes = [font_size(part, size, root, depth + 1) for part in parts]
        if name == "clamp" and len(sizes) == 3:
            return max(sizes[0], min(sizes[1], sizes[2]))
        if name in ("min", "max") and sizes:
            return min(sizes) if name == "min" else max(sizes)
        if name == "calc" and len(sizes) == 1:
            return sizes[0]
        return size
    if value in SIZE_WORDS:
        return SIZE_WORDS[value]
    if value in _RELATIVE_WORDS:
        return size * _RELATIVE_WORDS[value]
    found = LENGTH.match(value)
    if found is None:
        return size  # a variable, inherit: not decided here
    number = float(found.group(1))
    unit = found.group(2)
    if unit in ("em", "%"):
        return size * (number / 100 if unit == "%" else number)
    if unit == "rem":
        return root * number
    absolute = pixels(value)
    if absolute is None:
        return 0.0 if number == 0 else size  # vw, ch…: a size not known here
    return absolute
