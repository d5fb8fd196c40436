"""The text of a web page's bytes: the BOM, UTF-8 when the bytes are UTF-8,
the charset the page declares, else GB18030 (a superset of GBK and GB2312).
"""

from __future__ import annotations

import codecs
import re

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB = {"gbk", "gb2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn"}


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Decode a page: BOM, then UTF-8 when it decodes, the declared charset, GB18030.

    Bytes that decode as UTF-8 are UTF-8 whatever the page declares (GBK text
    practically never does, and pages that declare GBK but were re-saved as
    UTF-8 are common); a declaration naming no text encoding is ignored.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    candidates: list[str] = ["utf-8"]
    if declared:
        candidates.append(declared)
    found = _CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", errors="ignore"))
    candidates.append("gb18030")
    for name in candidates:
        codec = "gb18030" if name.lower() in _GB else name
        try:
            if not codecs.lookup(codec)._is_text_encoding:
                continue
            return data.decode(codec)
        except (LookupError, ValueError):  # UnicodeError is a ValueError
            continue
    return data.decode("gb18030", errors="replace")
