"""The date of issue under a report's signature, as agencies print it.

``2026年1月20日`` is the form of GB/T 9704; reports also print ``2026-01-20``,
``2026.1.20``, ``2026/1/20``, the date in Chinese numerals
(``二〇二六年一月二十日``, the older official style) and a label before it
(``日期：``, ``发布日期：``), ``元月`` for January, ``号`` for ``日``. Each is
the date of issue, and the line is the ending, not a paragraph of section 六.
A date that names no day (``2026年1月``) is a date line too, day 0: the
ending, but no date of issue.
"""

from __future__ import annotations

import re

_DIGITS = r"(\d{4})年(\d{1,2}|元)月(?:(\d{1,2})[日号])?"
_SEPARATED = r"(\d{4})(?P<sep>[-./])(\d{1,2})(?P=sep)(\d{1,2})"
_NUMERAL = "〇零○一二三四五六七八九十"
_CHINESE = (
    rf"([{_NUMERAL}]{{4}})年([{_NUMERAL}]{{1,3}}|元)月(?:([{_NUMERAL}]{{1,3}})[日号])?"
)
_LABEL = r"(?:(?:发布|成文|印发)?日期[:：])?"
_DATE = re.compile(rf"^{_LABEL}(?:{_DIGITS}|{_SEPARATED}|{_CHINESE})$")
_VALUES = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def _chinese_number(text: str, *, year: bool) -> int | None:
    """``二〇二六`` (digit by digit, a year), ``二十`` / ``十一`` / ``三十一``, ``元``."""
    if text == "元":  # 元月: the first month
        return 1
    if year:
        return int("".join(str(_VALUES[c]) for c in text)) if "十" not in text else None
    if text == "十":
        return 10
    tens, ten, ones = text.partition("十")
    if not ten:
        return _VALUES.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_VALUES[tens] if tens else 1) * 10 + (_VALUES[ones] if ones else 0)


def issue_date(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date line (``text`` normalized, no spaces), or
    None when the line is not a date. Day 0: the line names no day
    (``2026年1月``). The numbers may make no real date (``2026年2月30日``):
    the caller checks.

    >>> issue_date("2026年1月20日"), issue_date("发布日期：2026-01-20")
    ((2026, 1, 20), (2026, 1, 20))
    >>> issue_date("二〇二六年一月二十日"), issue_date("2026年元月20号")
    ((2026, 1, 20), (2026, 1, 20))
    >>> issue_date("2026年1月"), issue_date("二〇二六年一月"), issue_date("2026年")
    ((2026, 1, 0), (2026, 1, 0), None)
    """
    found = _DATE.match(text)
    if found is None:
        return None
    groups = found.groups()
    if groups[0] is not None:
        first = 1 if groups[1] == "元" else int(groups[1])
        return int(groups[0]), first, int(groups[2] or 0)
    if groups[3] is not None:
        return int(groups[3]), int(groups[5]), int(groups[6])
    year = _chinese_number(groups[7], year=True)
    month = _chinese_number(groups[8], year=False)
    day = _chinese_number(groups[9], year=False) if groups[9] else 0
    if year is None or month is None or day is None:
        return None
    return year, month, day
