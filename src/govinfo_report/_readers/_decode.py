"""How a page's bytes become text: byte-order marks, charsets, UTF-16, saved web archives.

`decode_bytes` decodes what `read`, `read_html` and `read_text` are given as
bytes; `page_text` first takes the page out of a saved web archive (MHTML).
"""

from __future__ import annotations

import codecs
import re

from govinfo_report._readers._mhtml import is_mhtml, mhtml_page

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB = {"gbk", "gb2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn"}


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Decode a page: BOM, then UTF-8 when it decodes, the declared charset, GB18030.

    Bytes that decode as UTF-8 are UTF-8 whatever the page declares (GBK text
    practically never does, and pages that declare GBK but were re-saved as
    UTF-8 are common), and so are bytes that are UTF-8 but for a few
    (`_FEW_BAD`) when that reads more Chinese; a declaration naming no text
    encoding is ignored, and
    one turning the bytes into fewer Chinese characters than GB18030 does
    (``iso-8859-1`` on a GBK page) is taken for a lie. UTF-16 without a BOM
    is told by the NUL bytes of its markup.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        # No text in UTF-8 or GB18030 holds a NUL byte: UTF-16 without its
        # BOM (some crawlers and tools write it so), in the order that reads.
        wide = _utf16_without_bom(data)
        if wide is not None:
            return wide
    try:
        return data.decode("utf-8")
    except ValueError:
        pass
    # UTF-8 but for a few bad bytes (a stray byte, a page cut mid-character)
    nearly = data.decode("utf-8", errors="replace")
    if nearly.count("\ufffd") > max(_FEW_BAD, len(nearly) // 1000):
        nearly = ""
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    found = _CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", errors="ignore"))
    candidates.append("gb18030")
    for name in candidates:
        codec = "gb18030" if name.lower() in _GB else name
        try:
            info = codecs.lookup(codec)
            if not info._is_text_encoding or info.name == "utf-8":
                continue
            text = data.decode(codec)
        except (LookupError, ValueError):  # UnicodeError is a ValueError
            continue
        if info.name != "gb18030":
            text = _more_chinese(data, text)
        # a charset decoding the bytes cleanly, unless nearly UTF-8 reads
        # more Chinese from them
        return nearly if _ideographs(nearly) > _ideographs(text) else text
    return nearly or data.decode("gb18030", errors="replace")


_FEW_BAD = 8
"""Bytes that are not UTF-8 in a page that otherwise is (at most this many,
or one in a thousand characters): replaced, the rest read as UTF-8."""


def _more_chinese(data: bytes, text: str) -> str:
    """``text`` (the bytes decoded by the declared charset), unless GB18030
    decodes the same bytes cleanly into more Chinese characters: a report in
    Chinese declared ``iso-8859-1`` or ``windows-1252`` (any byte decodes in
    them, into Latin letters) is GBK that lies about its charset."""
    try:
        chinese = data.decode("gb18030")
    except ValueError:
        return text
    return chinese if _ideographs(chinese) > _ideographs(text) else text


def _ideographs(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 (LE or BE) when it is plainly such text, else None.

    UTF-16 text of a report has a NUL byte for each of its ASCII characters
    (digits, line breaks), all on the same side of their pair: at odd offsets
    for LE, even for BE. A stray NUL in other text is neither many nor ordered.
    """
    sample = data[:4096]
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd + even < len(sample) // 20:
        return None
    if odd >= 9 * even:
        codec = "utf-16-le"
    elif even >= 9 * odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    # nearly every character CJK, ASCII or full-width: not binary data
    head = text[:2048]
    usual = sum(
        1
        for ch in head
        if ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
    )
    return text if usual >= 0.9 * len(head) else None


XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml\b[^>]{0,400}\?>")
"""An XHTML page's XML declaration: a comment to a browser, refused by lxml in a str."""


def page_text(data: bytes, source: str | None) -> str:
    """The page's text: decoded, or first taken out of a saved web archive (MHTML)."""
    if is_mhtml(data[:8192]):
        page, charset = mhtml_page(data, source)
        return decode_bytes(page, charset)
    return decode_bytes(data, None)
