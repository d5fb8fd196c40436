"""A report's title as agencies really print it: its year and its agency.

The format's title is ``<机关><年份>年政府信息公开工作年度报告``; reports print it
in many other ways, and each still states the year and the agency:

- ``…2025年度政府信息公开工作报告`` (``工作报告``, no ``年度报告``);
- ``2025年青禾市生态环境局政府信息公开工作年度报告`` (the year first);
- ``…政府信息公开工作2025年度报告``, ``…年度报告（2025年）`` (the year after);
- ``…2025年政务公开工作年度报告``; ``二〇二五年`` in Chinese numerals;
- broken over two lines (``…2025年政府信息公开`` / ``工作年度报告``).

`title_parts` reads one normalized line (`normalize_label`); `read_head`
finds the title among the lines before section 一 (joining two where a title
is broken), and `choose_title` settles which of several titles of different
years or agencies (a page's links to other reports) is this report's.
"""

from __future__ import annotations

import re

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import REPORT_TITLE_SUFFIX
from govinfo_report._readers._cells import reading_finding

_NUMERALS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年(?:度)?")
_SUBJECT = re.compile(r"(?:政府信息公开|政务公开|信息公开)")
_END = re.compile(
    r"报告(?:[（(](?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})年度?[）)])?$"
)
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|位置)?[:：]?首页[>＞»›]")
_MOST_CHARS = 100  # a title is a short line; a sentence mentioning a report is not


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
    if year is None or _BREADCRUMB.match(text):
        return TitleParts(None, "")  # no year, or a breadcrumb (首页 > … > 年度报告)
    number = int(year.group(1).translate(_NUMERALS))
    after = _SUBJECT.search(text, year.end())
    if year.start() == 0:  # the year first: the agency up to the subject
        agency = text[year.end() : after.start()] if after is not None else ""
    elif after is not None:  # the format's order (an agency may name 公开 too)
        agency = text[: year.start()]
    else:  # the year after the subject: the agency before it
        agency = text[: subject.start()]
    agency = agency.removesuffix("关于")
    return TitleParts(number, agency)


_TITLE_LINES = 12
"""How many lines before section 一 may hold the title (a page's breadcrumb,
links and notes first)."""

# The official report name after the year (`REPORT_TITLE_SUFFIX` without 年).
_REPORT_NAME = re.escape(REPORT_TITLE_SUFFIX.removeprefix("年"))
_AGENCY_BEFORE = re.compile(
    r"([^，。；：、《》“”（）()\s]{2,40}?)(?:关于)?(\d{4})年(?:度)?" + _REPORT_NAME
)
_LEAD = re.compile(
    r"^.*?(?:特编制|现编制|编制|现公布|公布|发布|形成|制作|特此|现将|印发)"
)

Listed = list[tuple[str, int, str]]
"""Report titles of several years or agencies: (title, year, agency) each."""


@attrs.frozen
class Head:
    """What the lines before section 一 give.

    Attributes:
        title: the title as printed (None: none found, or several disagree).
        year: the year the title (or a preface sentence) states.
        agency: the agency the title (or a preface sentence) names.
        preface: the other lines, in order.
        listed: when titles of several years or agencies stand there (a
            page's links to other reports), the line of the first and the
            titles; which is this report's the body settles (`choose_title`).
    """

    title: str | None
    year: int | None
    agency: str | None
    preface: list[str]
    listed: tuple[int, Listed] | None


def read_head(texts: list[str]) -> Head:
    """The title, year and agency of the lines before section 一 (normalized),
    and the preface they leave."""
    texts = list(texts)
    # (first line, title, year, agency, the lines it takes)
    titles: list[tuple[int, str, int | None, str, tuple[int, ...]]] = []
    for index, text in enumerate(texts[:_TITLE_LINES]):
        if any(index in t[4] for t in titles):
            continue  # the second line of a title broken in two
        lines: tuple[int, ...] = (index,)
        parts = title_parts(text)
        if parts is None and "公开" in text and len(text) <= 60:
            after = texts[index + 1] if index + 1 < len(texts) else ""
            joined = title_parts(text + after) if after else None
            if joined is not None and joined.year is not None:
                parts, text, lines = joined, text + after, (index, index + 1)
        if parts is None:
            continue
        title, agency = text, parts.agency
        if (
            parts.year is not None
            and not agency
            and index > 0
            and len(texts[index - 1]) <= 30
            and title_parts(texts[index - 1]) is None
        ):
            agency = texts[index - 1]  # the agency on the line above
            title, lines = agency + text, (index - 1, *lines)
        titles.append((index, title, parts.year, agency, lines))
    dated = [t for t in titles if t[2] is not None]
    listed: tuple[int, Listed] | None = None
    if len({(t[2], t[3]) for t in dated}) > 1:
        # Titles of several years or agencies: a page's list of reports (a
        # sidebar, 上一篇/下一篇) before, or instead of, its own title. The
        # first is not this report's by being first: the body settles it.
        for *_, lines in dated:
            for line in lines:
                texts[line] = ""
        listed = (dated[0][0], [(t[1], t[2] or 0, t[3]) for t in dated])
        titles = dated = []
    found_title: str | None = None
    found_year: int | None = None
    found_agency: str | None = None
    for _, title, year, agency, lines in (dated or titles)[:1]:
        for line in lines:
            texts[line] = ""
        found_title = title
        if year is not None:
            found_year = year
            found_agency = agency or None
    preface = [t for t in texts if t]
    if found_agency is None or found_year is None:
        for text in preface:
            sentence = _AGENCY_BEFORE.search(text)
            if sentence:
                agency = _LEAD.sub("", sentence.group(1))
                if found_agency is None and len(agency) >= 2:
                    found_agency = agency
                if found_year is None:
                    found_year = int(sentence.group(2))
                break
    return Head(found_title, found_year, found_agency, preface, listed)


def choose_title(
    titles: Listed, year: int | None, agency: str | None, where: str
) -> tuple[tuple[str, str] | None, Finding]:
    """This report's title and agency among ``titles`` (of several years or
    agencies, before section 一): the one of the ``year`` the body gives (the
    years its overview mentions most, else its date of issue) and of the
    ``agency`` that signs it, when exactly one is; and the warning that says so.
    """
    fitting = {
        (title, named)
        for title, stated, named in titles
        if stated == year and (agency is None or named == agency)
    }
    listed = "、".join(f"“{shortened(t, 40)}”" for t, _, _ in titles[:3])
    chosen = next(iter(fitting)) if len(fitting) == 1 else None
    if chosen is not None:
        chose = f"取与正文一致的“{shortened(chosen[0], 40)}”"
    else:
        chose = (
            f"正文所说的年度（{year} 年）" if year is not None else "正文没有说明年度"
        ) + "，未取其中任何一个作标题"
    finding = reading_finding(
        FindingKind.AMBIGUOUS,
        where,
        f"第一节之前有 {len(titles)} 个年度或机关不同的报告标题（{listed}），"
        f"可能是网页的导航或相关链接：{chose}，请核对年度与机关 "
        "(several report titles before the report: page links?)",
        severity=Severity.WARNING,
    )
    return chosen, finding
