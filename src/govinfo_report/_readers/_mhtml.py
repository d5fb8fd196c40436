"""Saved web archives (MHTML, ``.mht``/``.mhtml``): the page inside, for `read_html`.

Browsers ("网页，单个文件", Chrome's "Save as MHTML"), Word ("单个文件网页")
and crawlers' archives keep a page and its pictures in one MIME message
(RFC 2557, ``multipart/related``): the HTML is one part, quoted-printable or
base64, in the charset its part header names. Read as text, such a file shows
no label at all (``=E4=BF=A1=E6=81=AF``), so it was refused as "not a report".

`mhtml_page` finds the root part (the ``start`` parameter, else the first
``text/html`` part) and gives its bytes and charset; `read_html` decodes and
reads the page. The message
is parsed by the standard library's `email` package, after the size check of
`read`/`read_html`; the parts walked and the nesting are bounded.
"""

from __future__ import annotations

import email.parser
import email.policy
import re
from email.message import Message

from govinfo_report.exceptions import ReadError

_MHTML_HEAD = re.compile(rb"(?im)^content-type:[ \t]*multipart/related\b")
"""A MIME message of related parts (MHTML), seen in the message header."""

_MAX_PARTS = 10_000
"""The most parts walked in one archive (pictures, styles, frames)."""

_MAX_DEPTH = 8
"""The deepest nesting of multiparts followed (browsers write one level)."""


def is_mhtml(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) is a saved web archive's header.

    Only the message header is looked at (before its first blank line): a
    page that quotes such a line in its text is not an archive.
    """
    header = re.split(rb"\r?\n\r?\n", head[:8192].lstrip(), maxsplit=1)[0]
    if not header or header[:1] == b"<":
        return False
    return _MHTML_HEAD.search(header) is not None


def mhtml_page(data: bytes, source: str | None) -> tuple[bytes, str | None]:
    """The HTML page a saved web archive holds, and the charset its part names.

    Raises:
        ReadError: the archive holds no HTML page (``damaged``), or its
            parts are nested or many beyond any browser's.
    """
    try:
        message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
            data
        )
    except (ValueError, TypeError, LookupError, RecursionError) as error:
        raise ReadError(
            f"网页存档（MHTML）无法解析 (the web archive cannot be parsed): {error}",
            source=source,
        ) from None
    page = _root(message, source)
    if page is None:
        raise ReadError(
            "网页存档（MHTML）中没有网页（text/html）部分 "
            "(the web archive holds no HTML page)",
            source=source,
        )
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    return payload, page.get_content_charset()


def _root(message: Message, source: str | None) -> Message | None:
    """The archive's page: the part ``start`` names, else the first ``text/html`` one."""
    start = message.get_param("start") if message.is_multipart() else None
    wanted = start.strip("<>") if isinstance(start, str) else None
    first: Message | None = None
    walked = 0
    stack: list[tuple[Message, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        walked += 1
        if walked > _MAX_PARTS:
            raise ReadError(
                f"网页存档（MHTML）的部分多于 {_MAX_PARTS} 个 "
                "(more parts than any saved page has)",
                code="unsafe",
                source=source,
            )
        if part.is_multipart():
            if depth >= _MAX_DEPTH:
                raise ReadError(
                    f"网页存档（MHTML）嵌套超过 {_MAX_DEPTH} 层 "
                    "(parts nested deeper than any saved page)",
                    code="unsafe",
                    source=source,
                )
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend(
                    (c, depth + 1) for c in reversed(children) if isinstance(c, Message)
                )
            continue
        if part.get_content_type() != "text/html":
            continue
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        if wanted is not None and content_id == wanted:
            return part
        if first is None:
            first = part
    return first
