"""The one rule for text in a report: only characters XML 1.0 can hold.

Every writer (JSON, CSV, Word, …) must work for every report that exists, and
a Word document is XML: XML 1.0 cannot hold the C0 control characters other
than tab, newline and carriage return, nor U+FFFE and U+FFFF, and no UTF-8
file can hold a lone surrogate (U+D800–U+DFFF). So the model refuses such
characters in every text field (`unsafe_at` names the first), and readers,
which take text as it comes, remove them with a finding (`without_unsafe`).

>>> unsafe_at("巴楚县\\x07公安局")
3
>>> unsafe_at("第一行\\n第二行\\t") is None
True
>>> describe_unsafe("ab\\ufffe")
'第 3 个字符是 XML 不能容纳的 U+FFFE（not allowed in XML 1.0）'
>>> without_unsafe("a\\x00b\\ud800c")
('abc', 2)
"""

from __future__ import annotations

import re

UNSAFE_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
"""The characters XML 1.0 cannot hold, and lone surrogates, as the inside of
a regular expression's character class (for scans that look for more)."""
_UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")
"""One character XML 1.0 cannot hold, or a lone surrogate."""


def unsafe_at(text: str) -> int | None:
    """The index of the first character of ``text`` XML cannot hold, or None."""
    found = _UNSAFE.search(text)
    return None if found is None else found.start()


def describe_unsafe(text: str) -> str:
    """What is wrong with ``text`` (which `unsafe_at` says holds a bad character)."""
    index = unsafe_at(text)
    if index is None:
        return ""
    return (
        f"第 {index + 1} 个字符是 XML 不能容纳的 U+{ord(text[index]):04X}"
        "（not allowed in XML 1.0）"
    )


def without_unsafe(text: str) -> tuple[str, int]:
    """``text`` without the characters XML cannot hold, and how many were removed."""
    return _UNSAFE.subn("", text)
