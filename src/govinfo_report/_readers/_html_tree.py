"""How deep a parsed HTML tree nests (``max_html_depth`` is checked before any walk).

`deeper` answers the question a reader asks of every page (is it nested
beyond the limit?) with one path query in libxml2; `depth` walks the tree
for the number a refusal names.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

_LONGEST_PATH = 255
"""Deeper limits are checked by walking (libxml2 nests 256 unless told otherwise)."""


@lru_cache(maxsize=8)
def _at_depth(levels: int) -> etree.XPath:
    """The elements ``levels`` levels below the one the path is applied to."""
    return etree.XPath("/".join(["*"] * levels))


def deeper(root: etree._Element, most: int) -> bool:
    """True when some element of ``root`` is nested deeper than ``most``, counted
    as `depth` counts (``root`` itself is 1).

    >>> root = etree.fromstring("<html><body><p>1</p></body></html>", etree.HTMLParser())
    >>> deeper(root, 2), deeper(root, 3), depth(root)
    (True, False, 3)
    """
    if most > _LONGEST_PATH:
        return depth(root) > most
    return bool(_at_depth(most)(root))


def depth(root: etree._Element) -> int:
    """The deepest nesting of elements in ``root`` (``root`` alone is 1)."""
    deepest = level = 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            level += 1
            deepest = max(deepest, level)
        else:
            level -= 1
    return deepest
