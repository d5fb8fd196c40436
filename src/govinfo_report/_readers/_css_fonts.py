"""Web fonts (``@font-face``) that draw a table's digits.

A font the page brings can draw any glyph for any character: anti-scraping
fonts draw "1" for the character 7, so the digits of the page's text are not
the digits on the screen. The reader cannot look inside the font; when a
font declared by the page's ``@font-face`` draws a table cell holding
digits, the page is reported. Icon fonts (``.iconfont``), which draw no
cell's digits, are not.

`web_fonts` reads the families of the ``@font-face`` rules; `font_cells`
finds the cells whose digits one of them draws: the nearest ``font-family``
(or ``font``) of the cell or its ancestors (the ``style`` attributes, after
the sheets' simple rules are applied), or of an element inside the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from govinfo_report._readers._css_values import declarations_of, unescaped

_FACE = re.compile(r"@font-face\s*\{([^{}]*)\}", re.I)
_FAMILY = re.compile(r"font-family\s*:\s*([^;{}]*)", re.I)
_GENERIC = frozenset(
    ("serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit")
)
MAX_CELLS = 100_000


def web_fonts(sheets: Iterable[str]) -> frozenset[str]:
    """The families (lower case, unquoted) the ``@font-face`` rules declare."""
    fonts: set[str] = set()
    for sheet in sheets:
        for body in _FACE.findall(sheet):
            for value in _FAMILY.findall(body):
                fonts.update(families(value))
    return frozenset(fonts - _GENERIC)


def families(value: str) -> list[str]:
    """The families of a ``font-family`` value, lower case and unquoted
    (escapes resolved, as in `declarations_of`: ``"\\5b8b\\4f53"`` is 宋体)."""
    return [
        unescaped(name).strip().strip("\"'").strip().lower()
        for name in value.replace("!important", "").split(",")
        if name.strip()
    ]


def uses(style: str, fonts: frozenset[str]) -> bool | None:
    """Whether the declarations ``style`` draw with one of ``fonts`` (its first
    family, the one a browser uses); None when they set no family."""
    declarations = declarations_of(style)
    value = declarations.get("font-family")
    if value is None and "font" in declarations:
        value = _shorthand_families(declarations["font"])
    if value is None:
        return None
    named = families(value)
    return bool(named) and named[0] in fonts


def _shorthand_families(font: str) -> str:
    """The families of a ``font`` shorthand: what follows its size (and line
    height), ``bold 12px/1.5 "webfont", serif``."""
    words = font.split()
    for index, word in enumerate(words):
        size = word.split("/")[0]
        if size and (size[0].isdigit() or size[0] == "." or size.endswith("small")):
            rest = words[index + 1 :]
            if rest and rest[0].startswith("/"):
                rest = rest[1:] if rest[0] != "/" else rest[2:]
            return " ".join(rest)
    return ""


def font_cells(root: etree._Element, fonts: frozenset[str]) -> int:
    """How many table cells holding digits are drawn with one of ``fonts``."""
    if not fonts:
        return 0
    known: dict[etree._Element, bool] = {}
    found = 0
    for number, cell in enumerate(root.iter("td", "th")):
        if number >= MAX_CELLS:
            break
        if not any(c.isdigit() for c in "".join(cell.itertext())):
            continue
        if _drawn(cell, fonts, known) or _inside(cell, fonts):
            found += 1
    return found


def _drawn(
    element: etree._Element, fonts: frozenset[str], known: dict[etree._Element, bool]
) -> bool:
    """Whether ``element`` inherits (or sets) one of ``fonts``: its nearest
    family, climbing once per element (``known``)."""
    chain = []
    node: etree._Element | None = element
    answer = False
    while node is not None:
        if node in known:
            answer = known[node]
            break
        chain.append(node)
        own = uses(node.get("style") or "", fonts) if node.get("style") else None
        if own is not None:
            answer = own
            break
        node = node.getparent()
    for visited in chain:
        known[visited] = answer
    return answer


def _inside(cell: etree._Element, fonts: frozenset[str]) -> bool:
    """Whether an element inside ``cell`` draws digits with one of ``fonts``."""
    for element in cell.iterdescendants():
        style = element.get("style") if isinstance(element.tag, str) else None
        if (
            style
            and uses(style, fonts)
            and any(c.isdigit() for c in "".join(element.itertext()))
        ):
            return True
    return False
