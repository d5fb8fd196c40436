"""A narrative section (一, 五 or 六) as read: paragraphs and numbered sub-sections."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from govinfo_report._labels import LABEL_SPACES, normalize_label
from govinfo_report._model import Narrative, Subsection

_SUB = re.compile(r"^（([一二三四五六七八九十]{1,2})）")
_SUB_START = frozenset("(（﹙") | LABEL_SPACES  # what normalizes to its "（"


class _Line(Protocol):
    """A line of a section as a reader gives it (`Item`)."""

    @property
    def text(self) -> str: ...


def narrative(items: Sequence[_Line]) -> Narrative:
    """The section's lines as paragraphs, split at ``（一）``-numbered sub-sections
    (a sub-section's title is its first sentence when that is short)."""
    paragraphs: list[str] = []
    subsections: list[Subsection] = []
    title: str | None = None
    body: list[str] = []
    for item in items:
        text = item.text.strip()
        if not text:
            continue
        # a numbering starts with a bracket once spaces are gone
        match = _SUB.match(normalize_label(text[:8])) if text[0] in _SUB_START else None
        if match:
            if title is not None:
                subsections.append(Subsection(title=title, paragraphs=body))
            rest = text.lstrip()
            # drop the numbering as printed (half- or full-width brackets)
            close = min(
                (i for i in (rest.find("）"), rest.find(")")) if i >= 0), default=-1
            )
            rest = rest[close + 1 :].strip()
            stop = rest.find("。")
            if 0 < stop <= 40 and stop < len(rest) - 1:
                title, body = rest[:stop], [rest[stop + 1 :].strip()]
            else:
                title, body = rest.rstrip("。"), []
            continue
        if title is None:
            paragraphs.append(text)
        else:
            body.append(text)
    if title is not None:
        subsections.append(Subsection(title=title, paragraphs=body))
    return Narrative(paragraphs=paragraphs, subsections=subsections)
