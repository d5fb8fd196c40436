"""A report's title as agencies really print it: its year and its agency.

The format's title is ``<机关><年份>年政府信息公开工作年度报告``; reports print it
in many other ways, and each still states the year and the agency:

- ``…2025年度政府信息公开工作报告`` (``工作报告``, no ``年度报告``);
- ``2025年青禾市生态环境局政府信息公开工作年度报告`` (the year first);
- ``…政府信息公开工作2025年度报告``, ``…年度报告（2025年）`` (the year after);
- ``…2025年政务公开工作年度报告``; ``二〇二五年`` in Chinese numerals;
- broken over two lines (``…2025年政府信息公开`` / ``工作年度报告``).

`title_parts` reads one normalized line (`normalize_label`); the splitter
joins two lines first where a title is broken.
"""

from __future__ import annotations

import re

import attrs

_NUMERALS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_YEAR = re.compile(
    r"[（(]?((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年(?:度)?[）)]?"
)
_SUBJECT = re.compile(r"(?:政府信息公开|政务公开|信息公开)")
_END = re.compile(
    r"报告(?:[（(](?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})年度?[）)])?$"
)
_BREADCRUMB_MARKS = (">", "＞", "»", "›")
_MOST_CHARS = 80  # a title is a short line; a sentence mentioning a report is not


@attrs.frozen
class TitleParts:
    """What a title line states.

    Attributes:
        year: the report year (None: the line names no year).
        agency: the agency before the year or the subject ("" when none).
    """

    year: int | None
    agency: str


def title_parts(text: str) -> TitleParts | None:
    """The year and agency of a title line, or None when ``text`` is no title.

    ``text`` is normalized (`normalize_label`: full-width brackets, no spaces).

    >>> title_parts("2025年青禾市生态环境局政府信息公开工作年度报告")
    TitleParts(year=2025, agency='青禾市生态环境局')
    >>> title_parts("青禾市生态环境局政府信息公开工作年度报告（二〇二五年）")
    TitleParts(year=2025, agency='青禾市生态环境局')
    >>> title_parts("首页>政府信息公开>年度报告")
    TitleParts(year=None, agency='')
    >>> title_parts("现将本机关2025年政府信息公开工作情况报告如下。") is None
    True
    """
    if len(text) > _MOST_CHARS or not _END.search(text):
        return None
    subject = _SUBJECT.search(text)
    if subject is None:
        return None if not text.endswith("年度报告") else TitleParts(None, "")
    year = _YEAR.search(text)
    if year is None:
        return TitleParts(None, "")
    if any(mark in text for mark in _BREADCRUMB_MARKS):
        return TitleParts(None, "")  # a breadcrumb (首页 > … > 年度报告)
    number = int(year.group(1).translate(_NUMERALS))
    if year.start() == 0:  # the year first: the agency up to the subject
        agency = text[year.end() : subject.start()]
    elif year.start() < subject.start():
        agency = text[: year.start()]
    else:  # the year after the subject: the agency before it
        agency = text[: subject.start()]
    agency = agency.removesuffix("关于").removesuffix("的")
    return TitleParts(number, agency)
