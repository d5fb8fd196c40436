"""Whether a selector `_css_selectors` parsed styles an element of the
page as it stands (no pointer over it, no focus): `Matcher`.

Class and id names and attribute values are compared without case (a page
in quirks mode compares them so): a rule may be taken to style an element a
browser leaves alone, never the other way round. A ``<tr>`` lxml keeps
directly in its ``<table>`` has, in a browser, a ``<tbody>`` between them:
both are taken for its parent.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from lxml import etree

from govinfo_report._readers._css_selectors import Compound, Selector

_MOST_ANCESTORS = 64  # ancestors looked at for one compound (deeper: no match)

_Place = tuple[etree._Element, bool]
"""An element, or (``True``) the ``<tbody>`` a browser puts in that table
round the rows lxml keeps directly in it."""


class Matcher:
    """Tells the elements ``selector`` (`exact_selector`) styles, one after
    another: what is worked out of an element for one (its ancestors,
    siblings) is kept for the next, and counted (`checks`)."""

    def __init__(self, selector: Selector) -> None:
        self._selector = selector
        # (step, element, is its tbody): worked out (the key keeps lxml's
        # proxy, so its identity)
        self._known: dict[tuple[int, etree._Element, bool], bool] = {}
        self._places: _Places = {}
        self.checks = 0
        """Compounds compared with an element so far."""

    def __call__(self, element: etree._Element) -> bool:
        """True when the selector styles ``element``."""
        return self._matches(0, (element, False))

    def _matches(self, step: int, place: _Place) -> bool:
        key = (step, *place)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._match(step, place)
        return known

    def _match(self, step: int, place: _Place) -> bool:
        self.checks += 1
        compound, combinator = self._selector[step]
        node, tbody = place
        if not _matches_compound(compound, _TBODY if tbody else node, self._places):
            return False
        if step + 1 == len(self._selector):
            return True
        if combinator == " ":
            return self._above(step + 1, place)
        if combinator == ">":
            candidates = list(
                itertools.islice(_upward(place), 2 if _in_table(place) else 1)
            )
        else:
            candidates = (
                [] if tbody else [(s, False) for s in _before(node, combinator == "+")]
            )
            self.checks += len(candidates)  # (a long list's siblings: counted)
        return any(self._matches(step + 1, other) for other in candidates)

    def _above(self, step: int, place: _Place) -> bool:
        """True when an ancestor of ``place`` matches the selector from
        ``step`` on; kept for every ancestor walked past (they share it)."""
        walked = [place]
        found = False
        for ancestor in itertools.islice(_upward(place), _MOST_ANCESTORS):
            known = self._known.get((-1 - step, *walked[-1]))
            if known is not None:
                found = known
                break
            if self._matches(step, ancestor):
                found = True
                break
            walked.append(ancestor)
        for below in walked:
            self._known[(-1 - step, *below)] = found
        return found


_TBODY = etree.Element("tbody")
"""What a browser's added ``<tbody>`` is to a compound (no class, no id)."""


def _upward(place: _Place) -> Iterator[_Place]:
    """The ancestors of ``place``, nearest first, the ``<tbody>`` a browser
    adds round a row lxml keeps in its table among them (both the tbody and
    the table stand for the row's parent: an XHTML page has none)."""
    node, tbody = place
    child: etree._Element | None = None if tbody else node
    parent: etree._Element | None = node if tbody else node.getparent()
    while parent is not None and isinstance(parent.tag, str):
        if child is not None and child.tag == "tr" and parent.tag == "table":
            yield parent, True
        yield parent, False
        child, parent = parent, parent.getparent()


def _in_table(place: _Place) -> bool:
    """True for a row lxml keeps directly in its table (two parents: `_upward`)."""
    node, tbody = place
    parent = node.getparent()
    return (
        not tbody and node.tag == "tr" and parent is not None and parent.tag == "table"
    )


def _before(node: etree._Element, only: bool) -> list[etree._Element]:
    """The element siblings before ``node`` (``only`` the one just before)."""
    found = [s for s in node.itersiblings(preceding=True) if isinstance(s.tag, str)]
    return found[:1] if only else found


_Places = dict[tuple[etree._Element, str], dict[etree._Element, int]]
"""The place (from 0) of each element child of a parent among them all
(``""``) or among those of its tag: worked out once a parent."""


def _matches_compound(
    compound: Compound, node: etree._Element, places: _Places
) -> bool:
    if compound.never or not isinstance(node.tag, str):
        return False
    if compound.tag not in ("", "*") and compound.tag != node.tag.lower():
        return False
    if compound.classes and not compound.classes <= frozenset(
        (node.get("class") or "").lower().split()
    ):
        return False
    if compound.ids and compound.ids != {(node.get("id") or "").lower()}:
        return False
    if not all(_has(node, *attribute) for attribute in compound.attributes):
        return False
    if not all(
        _structural(node, name, step, places) for name, step in compound.pseudos
    ):
        return False
    for kind, compounds in compound.lists:
        matched = any(_matches_compound(c, node, places) for c in compounds)
        if matched == (kind == "not"):
            return False
    return True


def _has(node: etree._Element, name: str, operator: str, value: str) -> bool:
    own = node.get(name) if name in node.attrib else None
    if own is None:
        # (attribute names are compared without case)
        own = next((v for k, v in node.attrib.items() if str(k).lower() == name), None)
    if own is None:
        return False
    if not operator:
        return True
    own, value = own.lower(), value.lower()
    if operator == "=":
        return own == value
    if operator == "~=":
        return value in own.split()
    if operator == "|=":
        return own == value or own.startswith(value + "-")
    if not value:
        return False  # ``^=""`` and the like match nothing
    if operator == "^=":
        return own.startswith(value)
    if operator == "$=":
        return own.endswith(value)
    return value in own  # *=


def _structural(
    node: etree._Element, name: str, step: tuple[int, int], places: _Places
) -> bool:
    if name == "root":
        return node.getparent() is None
    if name in ("link", "any-link"):
        return node.tag in ("a", "area") and "href" in node.attrib
    if name == "empty":
        return not (node.text or "") and not any(
            isinstance(c.tag, str) or (c.tail or "") for c in node
        )
    parent = node.getparent()
    if parent is None:
        index, count = 0, 1
    else:
        key = (parent, str(node.tag) if name.endswith("of-type") else "")
        place = places.get(key)
        if place is None:
            children = [c for c in parent if isinstance(c.tag, str)]
            if key[1]:
                children = [c for c in children if c.tag == node.tag]
            place = places[key] = {c: i for i, c in enumerate(children)}
        index, count = place[node], len(place)
    if name.startswith(("first", "only")) and index:
        return False
    if name.startswith(("last", "only")) and index != count - 1:
        return False
    if not name.startswith("nth"):
        return True
    at = count - index if "-last-" in name else index + 1
    a, b = step
    if a == 0:
        return at == b
    return (at - b) % a == 0 and (at - b) // a >= 0
