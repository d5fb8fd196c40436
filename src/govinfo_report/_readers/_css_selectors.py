"""Which elements a selector of a rule the reader does not apply styles,
exactly, on the page as it stands (no pointer over it, no focus).

``td:nth-child(2)::after{content:"8"}`` and ``<td>126</td>`` show 1268: to
leave `UNREAD` in the cells such a rule adds text to (`_css_generated`), and
only in those, its elements must be known. Understood: element names,
``*``, classes, ids, attribute selectors (``[data-n]``, ``[title="a"]``,
``^=``, ``$=``, ``*=``, ``~=``, ``|=``, the ``i`` flag), the structural
pseudo-classes (``:first-child``, ``:nth-child(2n+1)``, ``:last-of-type``,
``:only-child``, ``:empty``, ``:root``…), ``:not()``, ``:is()`` and
``:where()`` of compounds, ``:link``/``:any-link``, and the combinators
(descendant, ``>``, ``+``, ``~``). The pseudo-classes of a person's action
(``:hover``, ``:focus``, ``:active``…) match nothing on the page at rest.
Anything else (``:has()``, ``:checked``, a namespace) is not understood:
`exact_selector` gives None and the rule stays reported on the sheet.

Class and id names and attribute values are compared without case (a page
in quirks mode compares them so): a rule may be taken to style an element a
browser leaves alone, never the other way round. A ``<tr>`` lxml keeps
directly in its ``<table>`` has, in a browser, a ``<tbody>`` between them:
both are taken for its parent.
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

_ENDING = re.compile(r"::?(?:before|after|first-letter|first-line)$", re.I)
_NAME = re.compile(r"-?[a-z_][a-z0-9_-]*", re.I)
_ATTRIBUTE = re.compile(
    r"""\[\s*(-?[a-z_][a-z0-9_:-]*)\s*(?:([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))\s*([is])?\s*)?\]""",
    re.I,
)
_NTH = re.compile(r"^([+-]?\d*)n\s*(?:([+-])\s*(\d+))?$|^([+-]?\d+)$")
_MOST_COMPOUNDS = 16  # compounds of a selector matched (more: not understood)
_MOST_ANCESTORS = 64  # ancestors looked at for one compound (deeper: no match)
_MOST_LENGTH = 400  # characters of a selector parsed (longer: not understood)

_ACTION = frozenset(
    (
        "hover",
        "active",
        "focus",
        "focus-visible",
        "focus-within",
        "visited",
        "target",
        "target-within",
    )
)
"""Pseudo-classes of what a person does: nothing matches them at rest."""
_STRUCTURAL = frozenset(
    (
        "first-child",
        "last-child",
        "only-child",
        "first-of-type",
        "last-of-type",
        "only-of-type",
        "empty",
        "root",
        "link",
        "any-link",
    )
)
_NTH_NAMES = frozenset(
    ("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type")
)
_LISTS = frozenset(("not", "is", "where", "matches", "-webkit-any"))


@attrs.frozen
class Compound:
    """One compound selector (``td.n:nth-child(2)[data-x]``)."""

    tag: str = ""  # "" or "*": any
    classes: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    attributes: tuple[tuple[str, str, str], ...] = ()
    """(name, operator or ``""`` for presence, value)."""
    pseudos: tuple[tuple[str, tuple[int, int]], ...] = ()
    """(a structural pseudo-class, (a, b) of an ``nth-`` one)."""
    lists: tuple[tuple[str, tuple[Compound, ...]], ...] = ()
    """(``not``, ``is`` or ``where``, its compounds)."""
    never: bool = False
    """It names a pseudo-class of a person's action (``:hover``)."""


Selector = tuple[tuple[Compound, str], ...]
"""The compounds of a selector from its subject back, each with the
combinator to the one before it (``" "``, ``">"``, ``"+"``, ``"~"``; ``""``
for the first)."""


def split_selectors(selectors: str, most: int) -> list[str]:
    """The selectors of a comma list, cut at its commas outside parentheses,
    brackets and quotes (``:is(td, th) b`` is one), at most ``most`` + 1."""
    found: list[str] = []
    depth, quote, start = 0, "", 0
    for index, char in enumerate(selectors):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and not depth:
            found.append(selectors[start:index])
            start = index + 1
            if len(found) > most:
                return found
    found.append(selectors[start:])
    return found


def exact_selector(selector: str) -> Selector | None:
    """``selector`` (ending in ``::before``, ``::after``, ``::first-letter``
    or ``::first-line``) parsed, when every part of it is understood; else None."""
    plain = _ENDING.sub("", selector.strip()).strip()
    if not plain or len(plain) > _MOST_LENGTH:
        return None
    parsed = _complex(plain)
    if parsed is None or len(parsed) > _MOST_COMPOUNDS:
        return None
    return tuple(reversed(parsed))


def element_selector(selector: str) -> Selector | None:
    """``selector`` parsed (`exact_selector`) when it styles elements, not a
    pseudo-element (``::before``), and every part of it is understood."""
    if _ENDING.search(selector.strip()):
        return None
    return exact_selector(selector)


def specificity_of(selector: Selector) -> int:
    """The specificity of ``selector``, weighed as `_stylesheet` weighs a
    simple one (an id 100, a class, an attribute or a pseudo-class 10, an
    element name 1)."""
    return sum(_weight(compound) for compound, _ in selector)


def _weight(compound: Compound) -> int:
    weight = 100 * len(compound.ids)
    weight += 10 * (len(compound.classes) + len(compound.attributes))
    weight += 10 * (len(compound.pseudos) + compound.never)
    weight += compound.tag not in ("", "*")
    for kind, compounds in compound.lists:
        if kind != "where":  # (:where() weighs nothing; :is(), :not() their heaviest)
            weight += max(_weight(c) for c in compounds)
    return weight


def _complex(text: str) -> list[tuple[Compound, str]] | None:
    """The compounds of ``text`` in order, each with the combinator before it."""
    parts: list[tuple[Compound, str]] = []
    position, combinator = 0, ""
    while True:
        found = _compound(text, position)
        if found is None:
            return None
        compound, position = found
        parts.append((compound, combinator))
        start = position
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return parts
        if text[position] in ">+~":
            combinator = text[position]
            position += 1
            while position < len(text) and text[position].isspace():
                position += 1
        elif position > start:
            combinator = " "
        else:
            return None


def _compound(text: str, position: int) -> tuple[Compound, int] | None:
    """The compound starting at ``position`` of ``text``, and where it ends."""
    tag = ""
    classes: set[str] = set()
    ids: set[str] = set()
    attributes: list[tuple[str, str, str]] = []
    pseudos: list[tuple[str, tuple[int, int]]] = []
    lists: list[tuple[str, tuple[Compound, ...]]] = []
    never = False
    if position < len(text) and text[position] == "*":
        tag, position = "*", position + 1
    else:
        name = _NAME.match(text, position)
        if name is not None:
            tag, position = name.group().lower(), name.end()
    start = position
    while position < len(text):
        char = text[position]
        if char in ".#":
            name = _NAME.match(text, position + 1)
            if name is None:
                return None
            (classes if char == "." else ids).add(name.group().lower())
            position = name.end()
        elif char == "[":
            attribute = _ATTRIBUTE.match(text, position)
            if attribute is None:
                return None
            name_, operator, *values, _flag = attribute.groups()
            # (compared without case whatever the ``i`` or ``s`` flag says)
            value = next((v for v in values[:3] if v is not None), "")
            attributes.append((name_.lower(), operator or "", value))
            position = attribute.end()
        elif char == ":":
            if text.startswith("::", position):
                return None  # a pseudo-element before the end
            name = _NAME.match(text, position + 1)
            if name is None:
                return None
            pseudo, position = name.group().lower(), name.end()
            argument = None
            if position < len(text) and text[position] == "(":
                close = _closing(text, position)
                if close is None:
                    return None
                argument, position = text[position + 1 : close].strip(), close + 1
            if pseudo in _ACTION and argument is None:
                never = True
            elif pseudo in _STRUCTURAL and argument is None:
                pseudos.append((pseudo, (0, 0)))
            elif pseudo in _NTH_NAMES and argument is not None:
                step = _nth(argument)
                if step is None:
                    return None
                pseudos.append((pseudo, step))
            elif pseudo in _LISTS and argument is not None:
                compounds = _compound_list(argument)
                if compounds is None:
                    return None
                kind = pseudo if pseudo in ("not", "where") else "is"
                lists.append((kind, compounds))
            else:
                return None
        else:
            break
    if not tag and position == start:
        return None
    return (
        Compound(
            tag,
            frozenset(classes),
            frozenset(ids),
            tuple(attributes),
            tuple(pseudos),
            tuple(lists),
            never,
        ),
        position,
    )


def _closing(text: str, position: int) -> int | None:
    """Where the parenthesis opened at ``position`` closes."""
    depth = 0
    for index in range(position, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if not depth:
                return index
    return None


def _compound_list(argument: str) -> tuple[Compound, ...] | None:
    """The compounds of a ``:not()`` or ``:is()`` argument (a comma list)."""
    compounds = []
    for part in argument.split(","):
        part = part.strip()
        found = _compound(part, 0) if part else None
        if found is None or found[1] != len(part):
            return None
        compounds.append(found[0])
    return tuple(compounds)


def _nth(argument: str) -> tuple[int, int] | None:
    """(a, b) of an ``an+b`` argument (``odd``, ``even``, ``-n+3``, ``2``)."""
    value = argument.strip().lower()
    if value == "odd":
        return 2, 1
    if value == "even":
        return 2, 0
    found = _NTH.match(value)
    if found is None:
        return None
    if found.group(4) is not None:
        return 0, int(found.group(4))
    a = found.group(1)
    step = 1 if a in ("", "+") else -1 if a == "-" else int(a)
    b = int(found.group(3) or 0) * (-1 if found.group(2) == "-" else 1)
    return step, b


_Place = tuple[etree._Element, bool]
"""An element, or (``True``) the ``<tbody>`` a browser puts in that table
round the rows lxml keeps directly in it."""


def matches_exactly(selector: Selector, element: etree._Element) -> bool:
    """True when ``selector`` (`exact_selector`) styles ``element``."""
    known: dict[tuple[int, etree._Element, bool], bool] = {}

    def matches(step: int, place: _Place) -> bool:
        key = (step, *place)
        if key not in known:
            known[key] = _matches(step, place)
        return known[key]

    def _matches(step: int, place: _Place) -> bool:
        compound, combinator = selector[step]
        node, tbody = place
        if not _matches_compound(compound, _TBODY if tbody else node):
            return False
        if step + 1 == len(selector):
            return True
        if combinator in (" ", ">"):
            candidates = _parents(place, combinator == ">")
        else:
            candidates = (
                [] if tbody else [(s, False) for s in _before(node, combinator == "+")]
            )
        return any(matches(step + 1, other) for other in candidates)

    return matches(0, (element, False))


_TBODY = etree.Element("tbody")
"""What a browser's added ``<tbody>`` is to a compound (no class, no id)."""


def _parents(place: _Place, only: bool) -> list[_Place]:
    """The ancestors of ``place`` a descendant combinator looks at (``only``:
    its parent), the ``<tbody>`` a browser adds among them."""
    node, tbody = place
    found: list[_Place] = []
    parent = node if tbody else node.getparent()
    child = None if tbody else node
    for _ in range(_MOST_ANCESTORS):
        if parent is None or not isinstance(parent.tag, str):
            break
        if child is not None and child.tag == "tr" and parent.tag == "table":
            # (the row's parent in a browser; lxml's too, for an XHTML page)
            found.append((parent, True))
        found.append((parent, False))
        if only:
            break
        child, parent = parent, parent.getparent()
    return found


def _before(node: etree._Element, only: bool) -> list[etree._Element]:
    """The element siblings before ``node`` (``only`` the one just before)."""
    found = [s for s in node.itersiblings(preceding=True) if isinstance(s.tag, str)]
    return found[:1] if only else found


def _matches_compound(compound: Compound, node: etree._Element) -> bool:
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
    if not all(_structural(node, name, step) for name, step in compound.pseudos):
        return False
    for kind, compounds in compound.lists:
        matched = any(_matches_compound(c, node) for c in compounds)
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


def _structural(node: etree._Element, name: str, step: tuple[int, int]) -> bool:
    if name == "root":
        return node.getparent() is None
    if name in ("link", "any-link"):
        return node.tag in ("a", "area") and "href" in node.attrib
    if name == "empty":
        return not (node.text or "") and not any(
            isinstance(c.tag, str) or (c.tail or "") for c in node
        )
    parent = node.getparent()
    siblings = (
        [s for s in parent if isinstance(s.tag, str)] if parent is not None else [node]
    )
    if name.endswith("of-type"):
        siblings = [s for s in siblings if s.tag == node.tag]
    index = next(i for i, s in enumerate(siblings) if s is node)
    if name.startswith(("first", "only")) and index:
        return False
    if name.startswith(("last", "only")) and index != len(siblings) - 1:
        return False
    if not name.startswith("nth"):
        return True
    place = len(siblings) - index if "-last-" in name else index + 1
    a, b = step
    if a == 0:
        return place == b
    return (place - b) % a == 0 and (place - b) // a >= 0
