"""The headings of a report this library wrote, as its Word and web readers
find them: the section a heading opens and the number of a sub-section."""

from __future__ import annotations

import re

from govinfo_report._format import FormatVersion, SectionId, format_spec

SUBSECTION = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
"""The number opening a sub-section's title (``（一）``)."""


def section_of(text: str) -> tuple[SectionId, FormatVersion | None] | None:
    """The section a heading opens, and the format when only one prints it so."""
    found = [
        (section.id, version)
        for version in FormatVersion
        for section in format_spec(version).sections
        if section.heading == text
    ]
    if not found:
        return None
    return found[0][0], found[0][1] if len(found) == 1 else None
