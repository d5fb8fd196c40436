"""The external style sheets a page names (``<link rel="stylesheet">``,
``@import``), when a figure of its tables may be styled by them: the
library reads no file nor address a page names, so they are reported.
"""

from __future__ import annotations

import re

from lxml import etree

_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?[\"']?([^\"')\s;]+)", re.I)
_MOST_LOOKED = 100_000
"""Table cells looked at for a class or an id (bounded; more: as if one has)."""


def linked_sheets(root: etree._Element, sheets: list[str]) -> list[str]:
    """The external style sheets of the page, when a figure in a table may be styled by them.

    Given by ``<link rel="stylesheet">`` or ``@import``; the library reads
    no file nor address a page names. They matter only where a table cell
    holding a digit has an element with a class or an id in it (or is one):
    an external rule hides by those (``.old{display:none}``); a page whose
    cells are plain text is read as seen whatever its sheets say of tags.
    """
    hrefs = [
        element.get("href", "").strip() or "（无地址）"
        for element in root.iter("link")
        if isinstance(element.tag, str)
        and "stylesheet" in (rel := (element.get("rel") or "").lower().split())
        and "alternate" not in rel  # offered to choose, not applied
    ]
    for sheet in sheets:
        hrefs += _IMPORT.findall(sheet)
    if not hrefs:
        return []
    looked = 0
    for cell in root.iter("td", "th"):
        looked += 1
        if looked > _MOST_LOOKED:
            return hrefs
        if not any(ch.isdigit() for ch in cell.xpath("string()")):
            continue
        for element in cell.iter():
            if isinstance(element.tag, str) and (
                element.get("class") or element.get("id")
            ):
                return hrefs
    return []
