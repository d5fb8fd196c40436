"""A line that only gives the units of a table: ``（单位：件）``, ``单位：元``.

Reports print the unit of a table on a line of its own above it. Read as a
label it was an unknown label; ``（单位：元）`` above table 2's fee block, whose
header prints no unit, left ``125600`` read in the format's 万元 (ten thousand
times the fee) with only that warning. A unit note is now no label: an
amount unit in it (元, 万元, 亿元) is the unit the amounts of the rows after
it are printed in, until the next section, where their header prints none
(a header's own unit is nearer its figures); count units say nothing new.
"""

from __future__ import annotations

import re

_NOTE = re.compile(
    r"^[（(【\[]?\s*(?:金额|计量|数量)?单位\s*[:：]\s*([^（）()【】\[\]]{1,16}?)\s*[）)】\]]?$"
)
_SEP = re.compile(r"[、，,/／；;\s]+|和|及")
_AMOUNTS = frozenset(["元", "万元", "亿元"])
_COUNTS = frozenset(
    ["件", "个", "条", "项", "次", "件次", "人次", "笔", "家", "宗", "份"]
)


def unit_note(text: str) -> tuple[bool, str | None]:
    """(True, the amount unit or None) for a unit note; (False, None) for other text.

    >>> unit_note("（单位：件）"), unit_note("单位：元"), unit_note("（单位：件、万元）")
    ((True, None), (True, '元'), (True, '万元'))
    >>> unit_note("单位：元、万元"), unit_note("单位：人民币")
    ((False, None), (False, None))
    """
    found = _NOTE.match(text.strip())
    if found is None:
        return False, None
    words = [w for w in _SEP.split(found.group(1)) if w]
    if not words or any(w not in _AMOUNTS and w not in _COUNTS for w in words):
        return False, None
    amounts = {w for w in words if w in _AMOUNTS}
    if len(amounts) > 1:
        return False, None  # two amount units: which is whose cannot be told
    return True, next(iter(amounts), None)


_NOTE_AT = re.compile(r"[（(](?:金额|计量|数量)?单位[:：][^（）()]{1,16}[）)]")


def unit_note_apart(text: str) -> tuple[str, ...]:
    """``text`` with a unit note it starts with cut off (a dump runs them on).

    A note after a head (``本年收费金额（单位：元）``) is that head's unit: kept.

    >>> unit_note_apart("（单位：元）本年收费金额"), unit_note_apart("本年收费金额（单位：元）")
    (('（单位：元）', '本年收费金额'), ('本年收费金额（单位：元）',))
    """
    found = _NOTE_AT.match(text)
    if found is None or found.end() == len(text) or not unit_note(found.group())[0]:
        return (text,)
    return found.group(), text[found.end() :]
