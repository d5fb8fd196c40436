"""A report inside an ``<iframe srcdoc="…">``: the page the browser shows there.

Some CMS templates and page builders put an article into an inline frame
whose document is the ``srcdoc`` attribute (HTML escaped into it). A browser
shows that document, not the frame's children; the page around it holds no
report. `framed_page` finds such a frame, shown (not ``hidden``, not
``display:none``/``visibility:hidden``, not 0 wide or high), whose document
mentions 信息公开; `read_html` reads it, one level only (a frame in the
framed page is not opened again: `in_frame`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from lxml import etree, html

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._readers._cells import reading_finding

_FRAME = re.compile(r"<iframe\b[^>]*\bsrcdoc\s*=", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    r"|(?<![-\w])(?:width|height)\s*:\s*0(?:px|pt|em|%)?\s*(?:;|$|!)",
    re.IGNORECASE,
)
_inside: ContextVar[bool] = ContextVar("govinfo_report_srcdoc", default=False)


def _shown(element: etree._Element) -> bool:
    node: etree._Element | None = element
    while node is not None:
        if node.get("hidden") is not None:
            return False
        if _HIDDEN_STYLE.search(node.get("style") or ""):
            return False
        if node is element and "0" in (node.get("width"), node.get("height")):
            return False
        node = node.getparent()
    return True


def framed_page(page: str) -> str | None:
    """The document of the page's first shown ``<iframe srcdoc>`` that
    mentions 信息公开 (None: no such frame, or read from inside one)."""
    if _inside.get() or _FRAME.search(page) is None:
        return None
    try:
        root = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    for frame in root.iter("iframe"):
        document = frame.get("srcdoc")
        if document and "信息公开" in document and _shown(frame):
            return document
    return None


@contextmanager
def in_frame() -> Iterator[None]:
    """Read a framed page: frames inside it are not opened (one level)."""
    token = _inside.set(True)
    try:
        yield
    finally:
        _inside.reset(token)


def framed_finding() -> Finding:
    """The warning that the report was read from the page's inline frame."""
    return reading_finding(
        FindingKind.UNREAD_LINE,
        "iframe",
        "报告在网页的 <iframe srcdoc> 中，按浏览器在框中显示的网页读取，框外的文字未读入 "
        "(read from the page's <iframe srcdoc>)",
        severity=Severity.WARNING,
    )
