"""A page that only links or embeds the report: which file to read instead.

Many sites publish the report as an attachment: a link (``附件：2025年政府信息
公开工作年度报告.pdf``), a PDF viewer in a frame (``viewer.html?file=…pdf``),
an ``<embed>`` or ``<object>``. The page itself holds no report, and is
refused as "not a report"; `attachments` lists the files it points to, so
that the refusal says which one to read.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|data)\s*=\s*(?:"([^"]{1,2000})"|'([^']{1,2000})'|([^\s>"']{1,2000}))""",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(
    r"\.(?:pdf|docx?|wps|ofd|zip|rar|xlsx?)(?=$|[?#&])", re.IGNORECASE
)
_FILE_PARAMETER = re.compile(r"[?&](?:file|filename|url)=([^&#]+)", re.IGNORECASE)

_MAX_LISTED = 3


def attachments(page: str) -> list[str]:
    """The files the page links or embeds (PDF, Word, OFD, archives), in page order.

    A viewer's address (``pdfjs/web/viewer.html?file=/a/b.pdf``) gives the
    file it shows, a download script's (``downfile.jsp?filename=a.pdf``) is
    given whole; at most `_MAX_LISTED`, each once, character references and percent-escapes decoded.
    """
    found: list[str] = []
    for match in _ATTRIBUTE.finditer(page):
        raw = next(g for g in match.groups() if g is not None)
        value = unquote(html.unescape(raw)).strip()
        if _DOCUMENT.search(value) is None:
            continue
        shown = _FILE_PARAMETER.search(value)
        viewer = "viewer" in value.split("?", 1)[0].lower()
        if viewer and shown is not None and _DOCUMENT.search(shown.group(1)):
            value = shown.group(1)  # the file the viewer shows
        if value not in found:
            found.append(value)
        if len(found) >= _MAX_LISTED:
            break
    return found


def attachment_note(page: str) -> str:
    """The sentence a refusal adds about the page's attachments, or ``""``."""
    files = attachments(page)
    if not files:
        return ""
    listed = "、".join(files)
    return (
        f"；网页链接或嵌入了文件（{listed}），报告可能在其中，请下载后读取该文件"
        " (the page links or embeds files: the report may be one of them)"
    )
