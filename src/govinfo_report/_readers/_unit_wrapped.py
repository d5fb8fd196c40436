"""A figure printed with words around its unit: ``1268（件）``, ``共1268件``, ``1268件。``.

Agencies copy a figure from a sentence (``共1268件。``) or print its unit in
brackets as a header would (``1268（件）``). A person reads 1268; the figure
with its unit alone (``1268件``) is what `_cells` reads, converting or
refusing the unit as it does for any cell. Only these words are taken off:
``共`` (in all) before the figure, brackets round the unit, a full stop at
the end. Anything else around a figure (``约1268件``, ``计1268件``) is no figure.

Kept apart from `_cells` (which imports it): plain text in, plain text out.
"""

from __future__ import annotations

import re

_UNITS = "件次|人次|万元|亿元|件|个|条|项|次|笔|家|宗|份|元|万"
_FIGURE = r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?"
_WRAPPED = re.compile(
    rf"(?P<total>共)?\s*(?P<figure>{_FIGURE})\s*"
    rf"(?:(?P<open>[（(])\s*(?P<bracketed>{_UNITS})\s*[)）]|(?P<unit>{_UNITS}))?"
    r"\s*(?P<stop>[。.．])?"
)


def unwrapped(text: str) -> tuple[str, str] | None:
    """The figure with its unit (``1268件``) and the words taken off, or None.

    The words are ``""`` when only the brackets round the unit went (the
    unit is read as printed after the figure, nothing to say); None when
    ``text`` is no wrapped figure (a figure alone, or one with its unit
    printed after it, is read as it is).

    >>> unwrapped("1268（件）"), unwrapped("共1268件"), unwrapped("1,268件。")
    (('1268件', ''), ('1268件', '共'), ('1,268件', '。'))
    >>> unwrapped("共 1268"), unwrapped("12.56(万元)")
    (('1268', '共'), ('12.56万元', ''))
    >>> [unwrapped(t) for t in ("1268", "1268件", "1268。", "约1268件", "1268（页）")]
    [None, None, None, None, None]
    """
    if len(text) > 40:
        return None
    found = _WRAPPED.fullmatch(text.strip())
    if found is None:
        return None
    unit = found["bracketed"] or found["unit"] or ""
    if found["open"] is None and found["total"] is None and not unit:
        return None  # ``1268。``: a stray stop alone (`_misread_value`)
    if found["open"] is None and found["total"] is None and found["stop"] is None:
        return None  # ``1268件``: the figure and its unit, read as they are
    words = "".join(w for w in (found["total"], found["stop"]) if w)
    return found["figure"] + unit, words
