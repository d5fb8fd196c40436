"""The selectors of a page's style rules, parsed where every part of them
can be told on the page as it stands (no pointer over it, no focus); which
elements they style is `_css_matching`'s.

``td:nth-child(2)::after{content:"8"}`` and ``<td>126</td>`` show 1268; ``td
.old{display:none}`` hides a figure's digit: to apply such rules, and to
leave `UNREAD` only in the cells a rule adds unknown text to, their elements
must be known. Understood: element names, ``*``, classes, ids, attribute
selectors (``[data-n]``, ``[title="a"]``, ``^=``, ``$=``, ``*=``, ``~=``,
``|=``, the ``i`` flag), the structural pseudo-classes (``:first-child``,
``:nth-child(2n+1)``, ``:last-of-type``, ``:only-child``, ``:empty``,
``:root``…), ``:not()``, ``:is()`` and ``:where()`` of compounds,
``:link``/``:any-link``, and the combinators (descendant, ``>``, ``+``,
``~``). The pseudo-classes of a person's action (``:hover``, ``:focus``,
``:active``…) match nothing on the page at rest. Anything else (``:has()``,
``:checked``, a namespace) is not understood: `exact_selector` gives None
and the rule stays reported on the sheet.
"""

from __future__ import annotations

import re

import attrs

_ENDING = re.compile(r"::?(?:before|after|first-letter|first-line)$", re.I)
_NAME = re.compile(r"-?[a-z_][a-z0-9_-]*", re.I)
_ATTRIBUTE = re.compile(
    r"""\[\s*(-?[a-z_][a-z0-9_:-]*)\s*(?:([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))\s*([is])?\s*)?\]""",
    re.I,
)
_NTH = re.compile(r"^([+-]?\d*)n\s*(?:([+-])\s*(\d+))?$|^([+-]?\d+)$")
_MOST_COMPOUNDS = 16  # compounds of a selector matched (more: not understood)
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


def names_of(
    selector: Selector,
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The element names, classes and ids some element of the page must
    have for ``selector`` to style anything (those of its compounds, not
    of their ``:not()`` or ``:is()``)."""
    tags = {c.tag for c, _ in selector if c.tag not in ("", "*")}
    classes = {name for c, _ in selector for name in c.classes}
    ids = {name for c, _ in selector for name in c.ids}
    return frozenset(tags), frozenset(classes), frozenset(ids)


def names_above(selector: Selector) -> frozenset[str]:
    """The element names, classes (``.x``) and ids (``#x``) some ancestor
    of an element must have for ``selector`` to style it: those of the compounds joined to
    its subject by descendant and child combinators only."""
    names: set[str] = set()
    for index, (compound, combinator) in enumerate(selector):
        if index:
            names.update("." + c for c in compound.classes)
            names.update("#" + i for i in compound.ids)
            if compound.tag not in ("", "*", "tbody"):  # (a browser adds a tbody)
                names.add(compound.tag)
        if combinator not in (" ", ">"):
            break  # (a sibling's names are not its ancestors')
    return frozenset(names)


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
