"""Which elements of the tables' figure cells a style rule may style.

A rule whose selector is more than one element name, class or id
(``td .fix``, ``.rel::after``) is not applied (`_stylesheet`); whether it
matters is judged by its subject, the last compound of the selector
(``.fix`` of ``table td .fix``): an element the rule styles matches it, so
no element of a cell holding a digit matching it means no figure is
styled. The judgement errs on the side of matching: what the subject says
beyond element names, classes and ids (``:hover``, ``[title]``) is ignored,
and a subject that cannot be parsed (``*|div``) matches every element.
"""

from __future__ import annotations

import re

from lxml import etree

_MOST_ELEMENTS = 20_000
"""Elements of figure cells looked at (bounded; more: a subject may match)."""
_MOST_KINDS = 2_000
"""Distinct (tag, classes, id, style) kept; more: a subject may match."""
SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?(?:([.#])([a-z0-9_-]+))?$", re.I)
"""A selector of one element name, ``.class``, ``#id`` or ``tag.class``:
what `_stylesheet` applies (groups: tag, ``.`` or ``#``, name)."""
_COMBINATORS = re.compile(r"\s*[\s>+~]\s*")
_PSEUDO = re.compile(r"::?[a-z-]+(?:\([^()]*\))?", re.I)
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_COMPOUND = re.compile(r"^(\*|[a-z][a-z0-9-]*)?((?:[.#][a-z0-9_-]+)*)$", re.I)
_PART = re.compile(r"([.#])([a-z0-9_-]+)", re.I)

_Kind = tuple[str, frozenset[str], str, str]
"""An element as a subject sees it: tag, classes, id (lower case), style."""


class FigureElements:
    """The elements of the table cells holding a digit (the cells too), as
    the subjects of rules see them; worked out when first asked."""

    def __init__(self, root: etree._Element) -> None:
        self._root = root
        self._kinds: list[_Kind] | None = None

    def styles(self, selector: str) -> list[str] | None:
        """The ``style`` of each kind of element in a figure cell that
        ``selector``'s subject may match; None when any element may be
        (too many to look at, or a subject not understood)."""
        kinds = self._looked()
        subject = _subject(selector)
        if kinds is None or subject is None:
            return None
        tag, classes, ident = subject
        return [
            style
            for own_tag, own_classes, own_id, style in kinds
            if (not tag or tag == own_tag)
            and classes <= own_classes
            and (not ident or ident == own_id)
        ]

    def _looked(self) -> list[_Kind] | None:
        if self._kinds is not None:
            return self._kinds
        kinds: set[_Kind] = set()
        looked = 0
        for cell in self._root.iter("td", "th"):
            if not any(c.isdigit() for c in cell.xpath("string()")):
                continue
            for element in cell.iter():
                if not isinstance(element.tag, str):
                    continue
                looked += 1
                kinds.add(
                    (
                        element.tag.lower(),
                        frozenset((element.get("class") or "").lower().split()),
                        (element.get("id") or "").lower(),
                        element.get("style") or "",
                    )
                )
                if looked > _MOST_ELEMENTS or len(kinds) > _MOST_KINDS:
                    return None
        self._kinds = list(kinds)
        return self._kinds


Subject = tuple[str, frozenset[str], str] | None
"""What a selector's subject asks for: tag, classes, id (``""``: any);
None when it is not understood (any element may match)."""


def subject_of(selector: str) -> Subject:
    """The subject of ``selector`` (`Subject`)."""
    return _subject(selector)


def matches_subject(subject: Subject, element: etree._Element) -> bool:
    """True when ``element`` may be ``subject`` (its names, classes and id
    do not rule it out; a subject not understood: True)."""
    if subject is None:
        return True
    tag, classes, ident = subject
    own = frozenset((element.get("class") or "").lower().split())
    return (
        (not tag or tag == str(element.tag).lower())
        and classes <= own
        and (not ident or ident == (element.get("id") or "").lower())
    )


def _subject(selector: str) -> tuple[str, frozenset[str], str] | None:
    """The tag, classes and id the subject of ``selector`` asks for (``""``:
    any), or None when it is not understood."""
    plain = _ATTRIBUTE.sub("", _PSEUDO.sub("", selector)).strip()
    compounds = [c for c in _COMBINATORS.split(plain) if c]
    if not compounds:
        return ("", frozenset(), "")  # ``::after`` alone, ``[hidden]``: any element
    match = _COMPOUND.match(compounds[-1])
    if match is None:
        return None
    tag = (match.group(1) or "").lower()
    parts = _PART.findall(match.group(2) or "")
    ids = {name.lower() for sign, name in parts if sign == "#"}
    if len(ids) > 1:
        return None
    return (
        "" if tag == "*" else tag,
        frozenset(name.lower() for sign, name in parts if sign == "."),
        next(iter(ids), ""),
    )
