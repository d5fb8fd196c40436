"""The report year where no title states it: the statistical period, else a guess.

A preface states its statistical period (``自2025年1月1日起至2025年12月31日止``):
that is the report's year. Without it, the year the text mentions most is a
guess, unless the overview opens with it (``2025年，某局…``) or the date of
issue falls in the year after it; the date of issue alone gives the year
before it, a guess too. `_split._read_year` uses both.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from govinfo_report._labels import normalize_digits

_PERIOD = re.compile(
    r"(20\d{2})年0?1月0?1日(?:起)?(?:至|到|—|－|-|~|～)(20\d{2})年12月31日"
)
"""The statistical period a preface states (``自2025年1月1日起至2025年12月31日止``)."""

_YEARS = re.compile(r"(20\d{2})年")


def period_year(texts: list[str]) -> int | None:
    """The year of the statistical period stated in ``texts``, when one year.

    >>> period_year(["本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"])
    2025
    """
    for text in texts:
        if "12月31日" in text:
            found = _PERIOD.search(normalize_digits(text))
            if found is not None and found.group(1) == found.group(2):
                return int(found.group(1))
    return None


def guessed_year(
    texts: list[str], opening: list[str], issued: date | None
) -> tuple[int | None, str]:
    """The year ``texts`` (preface and overview) mention most, and how it was
    guessed (empty when ``opening``, the overview's first paragraph, opens
    with it or the date of issue ``issued`` is in the year after it).

    >>> guessed_year(["与2024年相比，2025年增加，2025年减少。"], [], None)
    (2025, '正文中提到最多的年份')
    >>> guessed_year(["2025年，某局……"], ["2025年，某局……"], None)
    (2025, '')
    >>> guessed_year([], [], date(2026, 1, 20))
    (2025, '落款日期的上一年')
    """
    counts: Counter[int] = Counter()
    for text in texts:
        if "年" in text:  # the years as normalize_label would show them
            counts.update(int(y) for y in _YEARS.findall(normalize_digits(text)))
    if counts:
        year = counts.most_common(1)[0][0]
        first = normalize_digits(opening[0][:8]) if opening else ""
        if first.startswith(f"{year}年") or (
            issued is not None and issued.year == year + 1
        ):
            return year, ""
        # Neither the overview's opening nor the date of issue says so: a
        # count of mentions is a guess, told.
        return year, "正文中提到最多的年份"
    if issued is not None:
        return issued.year - 1, "落款日期的上一年"
    return None, ""
