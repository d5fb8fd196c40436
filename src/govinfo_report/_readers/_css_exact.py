"""Rules of selectors `_css_selectors` can tell (``td .old``,
``tr:nth-child(7) b``) applied where they may change what a figure is.

A saved page carries the whole site's sheet (menus, footers, sidebars) and
its elements: matching every such rule with every element costs seconds. So
a rule is matched only if the page has the names, classes and ids it asks
for (`names_of`), and only with the elements that may bear on a figure: the
tables' cells and what is inside them, the elements holding a digit in
their own text, and the ancestors of both (a rule hiding a whole
``<table>`` or ``<tr>``). Elsewhere (a menu's links) what the rule does
changes no figure. The comparisons are bounded (`MAX_CHECKS`); beyond, no
such rule is applied (half a cascade may hide what a later rule shows) and
the hiding ones are reported on the sheet, as rules not applied.
"""

from __future__ import annotations

import re

from lxml import etree

from govinfo_report._readers._css_matching import Matcher
from govinfo_report._readers._css_selectors import Selector, names_above, names_of
from govinfo_report._readers._visibility import hides

MAX_CHECKS = 250_000
"""Compounds compared with elements for all the rules at the most."""
_MOST_UNAPPLIED = 10

Exact = tuple[int, int, Selector, str, str]
"""A rule of a selector `_css_selectors` matches: specificity, order, the
selector, its declarations, the selector as written (shortened)."""

Styles = dict[etree._Element, list[tuple[int, int, str]]]
"""The rules' declarations for each element: (specificity, order, css)."""


_NAMES = re.compile(r"([.#])(-?[a-z_][a-z0-9_-]*)", re.I)


class PageNames:
    """The classes and ids of a page's elements, to pass over a rule that
    names one no element has (a site's sheet holds the rules of every page
    of the site) without parsing it."""

    def __init__(self, root: etree._Element) -> None:
        self._root = root
        self._names: set[str] | None = None

    def absent(self, selector: str) -> bool:
        """True when ``selector`` (no parenthesis in it: no ``:not(.x)``)
        asks for a class or id no element of the page has."""
        if "(" in selector or ("." not in selector and "#" not in selector):
            return False
        if self._names is None:
            self._names = set()
            for element in self._root.iter():
                if isinstance(element.tag, str):
                    classes = (element.get("class") or "").lower().split()
                    self._names.update("." + c for c in classes)
                    if element.get("id"):
                        self._names.add("#" + (element.get("id") or "").lower())
        return any(
            sign + name.lower() not in self._names
            for sign, name in _NAMES.findall(_ATTRIBUTES.sub("", selector))
        )


_ATTRIBUTES = re.compile(r"\[[^\]]*\]")  # (a value may hold a point: [href$=".pdf"])


def apply_exact(
    root: etree._Element,
    rules: list[Exact],
    index: dict[str, dict[str, list[etree._Element]]],
    styles: Styles,
) -> list[str]:
    """Add to ``styles`` what ``rules`` give the elements they style among
    those bearing on figures (``index``: the page's elements by ``tag``,
    ``class`` and ``id``); the selectors of the hiding rules when matching
    would take more than `MAX_CHECKS` comparisons (then none is applied)."""
    if not rules:
        return []
    tags, classes, ids = (frozenset(index[kind]) for kind in ("tag", "class", "id"))
    relevant = _bearing_on_figures(root)
    above = _names_above(root, relevant)
    near = {
        kind: {k: [e for e in v if e in relevant] for k, v in by.items()}
        for kind, by in index.items()
    }
    added: list[tuple[etree._Element, tuple[int, int, str]]] = []
    checks = 0
    matched: dict[Selector, list[etree._Element]] = {}  # (a selector of several rules)
    for weight, order, selector, css, _ in rules:
        if selector in matched:
            added.extend((e, (weight, order, css)) for e in matched[selector])
            continue
        matched[selector] = []
        wanted_tags, wanted_classes, wanted_ids = names_of(selector)
        if not (
            wanted_tags <= tags and wanted_classes <= classes and wanted_ids <= ids
        ):
            continue  # (a menu's rule on a page without its menu)
        subject = selector[0][0]
        if subject.ids:
            candidates = near["id"].get(next(iter(subject.ids)), [])
        elif subject.classes:
            candidates = near["class"].get(min(subject.classes), [])
        elif subject.tag not in ("", "*"):
            candidates = near["tag"].get(subject.tag, [])
        else:
            candidates = list(relevant)
        matcher = Matcher(selector)
        checks += len(candidates)
        required = names_above(selector)
        for element in candidates:
            if required <= above[element] and matcher(element):
                matched[selector].append(element)
                added.append((element, (weight, order, css)))
            if checks + matcher.checks > MAX_CHECKS:
                # as before they were matched: the hiding ones reported
                hiding = [written for *_, css, written in rules if hides(css)]
                return hiding[:_MOST_UNAPPLIED]
        checks += matcher.checks
    for element, entry in added:
        styles.setdefault(element, []).append(entry)
    return []


def _bearing_on_figures(root: etree._Element) -> set[etree._Element]:
    """The table cells and their elements, the elements holding a digit in
    their own text or just after them, and the ancestors of all of them."""
    found: set[etree._Element] = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or element in found:
            continue
        own = (element.text or "") + (element.tail or "")
        if element.tag in ("td", "th"):
            found.update(e for e in element.iter() if isinstance(e.tag, str))
        elif not any(c.isdigit() for c in own):
            continue
        found.add(element)
        for ancestor in element.iterancestors():
            if ancestor in found:
                break
            found.add(ancestor)
    return found


def _names_above(
    root: etree._Element, relevant: set[etree._Element]
) -> dict[etree._Element, frozenset[str]]:
    """The element names, classes and ids of the ancestors of each
    ``relevant`` element (``td``, ``.x``, ``#x``): a selector asking for one they lack styles nothing
    there (`names_above`), without walking up."""
    above: dict[etree._Element, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()
    for element in root.iter():
        if not isinstance(element.tag, str) or element not in relevant:
            continue
        parent = element.getparent()
        if parent is None:
            above[element] = empty
            continue
        own = {"." + c for c in (parent.get("class") or "").lower().split()}
        own.add(str(parent.tag).lower())
        if parent.get("id"):
            own.add("#" + (parent.get("id") or "").lower())
        inherited = above.get(parent, empty)
        above[element] = inherited | own if own else inherited
    return above
