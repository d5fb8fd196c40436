"""CSS custom properties (``--ink: #fff`` and ``color: var(--ink)``), resolved
where the page leaves no doubt.

A style whose colour, size or display comes from a variable would otherwise
decide nothing (`_visibility` reads no ``var()``), and white text coloured by
a variable would be read. Custom properties inherit and may be set anew on
any element; without a CSS engine this module takes the page as a whole: a
variable given one value everywhere (in the ``<style>`` sheets and the
``style`` attributes) is replaced by it; a ``var()`` of a variable given no
value takes its fallback (or stays, deciding nothing, as in a browser where
it is invalid); a variable given several values is left in place, and when
one of them would hide text where it is used, the page is reported.

The work is bounded: at most `MAX_VALUES` values per variable are kept,
replacement is repeated `MAX_DEPTH` times at most (variables of variables)
and stops at `MAX_LENGTH` characters of style.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from govinfo_report._xmltext import without_unsafe

MAX_VALUES = 8
MAX_DEPTH = 4
MAX_LENGTH = 4_096
MAX_ELEMENTS = 200_000

# A name starts after no name character: a run of dashes is tried once, not
# from each of its positions (no quadratic backtracking).
_DEFINITION = re.compile(r"(?<![a-z0-9_-])(--[a-z0-9_-]+)\s*:\s*([^;{}]*)", re.I)
_USE = re.compile(
    r"var\(\s*(--[a-z0-9_-]+)\s*(?:,([^()]*(?:\([^()]*\)[^()]*)*))?\)", re.I
)


def resolve_variables(
    root: etree._Element, sheets: Iterable[str], hides: Callable[[str], bool]
) -> list[str]:
    """Replace the ``var()`` of ``root``'s ``style`` attributes that have one
    value on the page. Returns the variables of several values that would
    hide text where they are used (``hides`` judges a style), to report."""
    styled = [
        element
        for element in root.iter()
        if isinstance(element.tag, str) and "--" in (element.get("style") or "")
    ][:MAX_ELEMENTS]
    values: dict[str, list[str]] = {}
    for text in [*sheets, *(e.get("style") or "" for e in styled)]:
        for name, value in _DEFINITION.findall(text):
            kept = values.setdefault(name.lower(), [])
            value = value.replace("!important", "").strip()
            if value not in kept and len(kept) < MAX_VALUES:
                kept.append(value)
    if not styled:
        return []
    doubtful: list[str] = []
    for element in styled:
        style = element.get("style") or ""
        if "var(" not in style:
            continue
        resolved = _replaced(style, values, None)
        if resolved != style:
            element.set("style", without_unsafe(resolved)[0])
        for name in _several(resolved, values):
            if name in doubtful:
                continue
            choices = [_replaced(resolved, values, (name, v)) for v in values[name]]
            if len({hides(choice) for choice in choices}) > 1:
                doubtful.append(name)
    return doubtful


def _replaced(
    style: str, values: dict[str, list[str]], choice: tuple[str, str] | None
) -> str:
    """``style`` with each ``var()`` of one value (or the ``choice``) replaced."""

    def one(found: re.Match[str]) -> str:
        name = found.group(1).lower()
        if choice is not None and name == choice[0]:
            return choice[1]
        given = values.get(name)
        if given is None:
            fallback = found.group(2)
            return fallback.strip() if fallback is not None else found.group(0)
        return given[0] if len(given) == 1 else found.group(0)

    for _ in range(MAX_DEPTH):
        replaced = _USE.sub(one, style)
        if replaced == style or len(replaced) > MAX_LENGTH:
            break
        style = replaced
    return style


def _several(style: str, values: dict[str, list[str]]) -> list[str]:
    """The variables of several values ``style`` still uses."""
    return [
        name
        for name in (n.lower() for n, _ in _USE.findall(style))
        if len(values.get(name, ())) > 1
    ]
