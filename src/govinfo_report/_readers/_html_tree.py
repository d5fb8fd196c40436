"""How deep a parsed HTML tree nests (``max_html_depth`` is checked before any
walk), and which columns of a table its ``<col>`` elements collapse.

`deeper` answers the question a reader asks of every page (is it nested
beyond the limit?) with one path query in libxml2; `depth` walks the tree
for the number a refusal names; `collapsed_columns` reads a table's
``<colgroup>``/``<col>``.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from govinfo_report._readers._css_values import declarations_of

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


def collapsed_columns(table: etree._Element, most: int) -> frozenset[int]:
    """The columns (from 0) a table's ``<col>`` or ``<colgroup>`` hide with
    ``visibility:collapse``: a browser draws none of their cells. Columns
    past ``most`` (``max_columns``) are not counted."""
    collapsed: set[int] = set()
    at = 0
    for group in table:
        if group.tag not in ("colgroup", "col") or at >= most:
            continue
        cols = [c for c in group if c.tag == "col"] if group.tag == "colgroup" else []
        hidden = _collapses(group)
        for col in cols or [group]:
            span = min(_count(col.get("span")), most - at)
            if hidden or _collapses(col):
                collapsed.update(range(at, at + span))
            at += span
    return frozenset(collapsed)


def _collapses(element: etree._Element) -> bool:
    style = element.get("style") or ""
    return (
        "collapse" in style and declarations_of(style).get("visibility") == "collapse"
    )


def _count(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
