"""What Word shows of an embedded chunk (``w:altChunk``): a web page read as one.

A ``w:altChunk`` stands in the body for a whole part Word converts and shows
in its place when it opens the file: documents made by web systems and
converters (an HTML editor's content saved "as Word") hold the whole report
so, the body holding nothing else. A web page (``text/html``,
``application/xhtml+xml``) or a saved web archive (MHTML) is read by the web
page reader (`html_items`), its places named as in the chunk; what Word's
conversion shows may differ from what a browser shows (Word's HTML import
knows less CSS), so a warning asks for the original to be checked. A Word
document embedded whole (as document merging tools join files) is read by
the Word reader (`_docx`, one level deep). Any other chunk (RTF, a missing
part) is not read: the caller reports it.
"""

from __future__ import annotations

from typing import Any

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._limits import Deadline, Limits
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._decode import page_text
from govinfo_report._readers._html import html_items
from govinfo_report._readers._split import Item
from govinfo_report.exceptions import ReadError

_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PAGES = frozenset(
    (
        "text/html",
        "application/xhtml+xml",
        "message/rfc822",  # a web archive (.mht), as Word embeds one
        "multipart/related",
    )
)
"""The content types of chunks read as web pages (and saved web archives)."""
_DOCUMENTS = frozenset(
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroenabled.main+xml",
    )
)
"""The content types of chunks read as Word documents (a ``.docx`` embedded
whole, as document merging tools join files)."""


def chunk_part(document: Any, element: Any) -> tuple[str, bytes] | None:
    """What a ``w:altChunk`` embeds: ``("page", bytes)`` for a web page or web
    archive, ``("document", bytes)`` for a Word document; None for anything
    else or when it names no part of the package."""
    try:
        part = document.part.related_parts[element.get(_R_ID) or ""]
    except (KeyError, AttributeError):
        return None
    content_type = (getattr(part, "content_type", "") or "").split(";")[0]
    kind = content_type.strip().lower()
    blob = getattr(part, "blob", None)
    if not isinstance(blob, bytes):
        return None
    if kind in _PAGES:
        return "page", blob
    return ("document", blob) if kind in _DOCUMENTS else None


def named_in_chunk(
    items: list[Item], found: list[Finding], place: str, findings: list[Finding]
) -> list[Item]:
    """``items``, and ``found`` (appended to ``findings``), their places named
    as in the chunk at ``place``."""
    findings.extend(
        attrs.evolve(f, where=place + f.where, message=place + f.message) for f in found
    )
    return [attrs.evolve(item, where=place + item.where) for item in items]


def chunk_items(
    page: bytes,
    number: int,
    limits: Limits,
    deadline: Deadline | None,
    findings: list[Finding],
) -> list[Item] | None:
    """The paragraphs and table rows of an embedded web page, their places
    named ``嵌入网页（正文第 N 块）…``; its findings, so named, and a warning that
    Word shows the page converted, appended to ``findings``. None when the
    page cannot be parsed (the caller reports the chunk as unread).

    Raises:
        LimitExceededError: the page is beyond a limit of ``limits``.
    """
    place = f"嵌入网页（w:altChunk，正文第 {number} 块）"
    found: list[Finding] = []
    try:
        items = html_items(page_text(page, None), limits, deadline, found)
    except ReadError:
        return None
    findings.append(
        reading_finding(
            FindingKind.AMBIGUOUS,
            place,
            "文档中嵌入的网页（w:altChunk）已按网页读入；Word 打开文件时把它转换后显示，"
            "所显示的可能与浏览器不同，请核对原文",
            severity=Severity.WARNING,
        )
    )
    return named_in_chunk(items, found, place, findings)
