"""Split a report's lines into its sections; take title, agency, year and date.

Readers hand over `Item`s in reading order: a line of text (with the cells a
table line splits into) or a row of a real table. `split_sections` finds the
six section headings (in order, tolerating the same garbling as labels), keeps
the narrative sections as `Narrative` values (numbered sub-sections
``（一）…`` split out), gives the lines of sections 二–四 to the table matcher
as grid rows, and reads the metadata from the title, the preface and the
ending (signature and date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import (
    SECTION_HEADING_VARIANTS,
    FormatVersion,
    SectionId,
    format_spec,
)
from govinfo_report._labels import (
    LabelTable,
    label_key,
    normalize_label,
)
from govinfo_report._limits import Deadline
from govinfo_report._model import Narrative
from govinfo_report._readers._catalogue import is_format_label
from govinfo_report._readers._cells import cells_tuple, reading_finding
from govinfo_report._readers._dates import issue_date
from govinfo_report._readers._matcher import GridRow
from govinfo_report._readers._narratives import narrative
from govinfo_report._readers._report_year import guessed_year, period_year
from govinfo_report._readers._titles import choose_title, read_head


@attrs.frozen
class Item:
    """One line of text or one table row, in reading order.

    Attributes:
        text: the text of the line (for a table row, its cells joined).
        where: the place in the input (``第 12 行``, ``第 3 页``).
        cells: the cells the line splits into when read as a table row.
        is_table: True for a row of a real table (HTML, PDF, Word).
    """

    text: str
    where: str
    cells: tuple[str, ...] = attrs.field(converter=cells_tuple, default=())
    is_table: bool = False


_new_item = object.__new__
_set_text = Item.text.__set__  # type: ignore[attr-defined]
_set_where = Item.where.__set__  # type: ignore[attr-defined]
_set_cells = Item.cells.__set__  # type: ignore[attr-defined]
_set_is_table = Item.is_table.__set__  # type: ignore[attr-defined]


def trusted_item(
    text: str, where: str, cells: tuple[str, ...], is_table: bool = False
) -> Item:
    """`Item` (text, where, cells, is_table) without its converter and checks.

    For readers that already hold ``cells`` as a tuple of ``str`` (no
    ``None``): the same value ``Item(...)`` gives, three times faster (a
    flattened text makes one item a line).
    """
    item: Item = _new_item(Item)
    _set_text(item, text)
    _set_where(item, where)
    _set_cells(item, cells)
    _set_is_table(item, is_table)
    return item


@attrs.define
class Split:
    """The sections of a report as read.

    Attributes:
        title: the title as printed, when found.
        agency: the publishing agency, when found.
        year: the report year, when found.
        date_of_issue: the date at the end, when found.
        preface: paragraphs before section 一 (title excluded).
        narratives: section id → the narrative (sections 一, 五, 六).
        grid: the rows of sections 二–四 for the table matcher.
        sections: the sections whose heading was found.
        truncated: the input ends before section 五.
        findings: problems with the sections (a missing heading…).
        version_hint: the format the section headings show, if any.
        year_guess: how ``year`` was guessed where no title, preface or
            statistical period states it (``正文中提到最多的年份``, ``落款日期的上一年``);
            empty when it is stated.
        titles: report titles before section 一 that disagree on the year
            or the agency (a page's links to other reports), with where the
            first stands: which is this report's is settled by the body
            (`_read_year`).
    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    date_of_issue: date | None = None
    preface: list[str] = attrs.field(factory=list)
    narratives: dict[SectionId, Narrative] = attrs.field(factory=dict)
    grid: list[GridRow | Item] = attrs.field(factory=list)
    sections: list[SectionId] = attrs.field(factory=list)
    truncated: bool = False
    findings: list[Finding] = attrs.field(factory=list)
    version_hint: FormatVersion | None = None
    year_guess: str = ""
    titles: tuple[str, list[tuple[str, int, str]]] = ("", [])


_HEADINGS = LabelTable(
    [(s.heading, s.id) for v in FormatVersion for s in format_spec(v).sections]
    + list(SECTION_HEADING_VARIANTS),
    min_score=0.7,
    min_prefix=99,
)
_HEADING_KEYS = [
    (label_key(s.heading), s.id) for v in FormatVersion for s in format_spec(v).sections
]
_ORDER = list(SectionId)
# A heading's key starts with its numeral; spaces and marks before it vanish.
_HEADING_START = frozenset("一二三四五六\u200b\ufeff")
_NARRATIVE = (SectionId.OVERVIEW, SectionId.PROBLEMS, SectionId.OTHER_MATTERS)
# The official report name after the year (`REPORT_TITLE_SUFFIX` without 年).
_ORGAN = re.compile(r"(?:局|委员会|委|办公室|政府|厅|院|中心|署|所|会|队|站|馆|处|部)$")


def _heading(text: str, after: int) -> tuple[SectionId, str] | None:
    key = label_key(text)
    if len(key) < 4 or key[1] != "、" or key[0] not in "一二三四五六":
        return None
    for hkey, section in _HEADING_KEYS:
        if key.startswith(hkey) and _ORDER.index(section) > after:
            return section, normalize_label(text)[len(hkey) :]
    if len(key) > 40:
        return None
    found = _HEADINGS.match(text, prefix=False)
    if found is None or _ORDER.index(found.value) <= after:
        return None
    if "一二三四五六"[_ORDER.index(found.value)] != key[0]:
        return None
    return found.value, ""


def split_sections(items: Iterable[Item], deadline: Deadline | None = None) -> Split:
    """Split items into preface, six sections and ending; read the metadata.

    ``deadline`` is checked every 256 items.
    """
    split = Split()
    current = -1
    bodies: dict[SectionId, list[Item]] = {s: [] for s in _NARRATIVE}
    head: list[Item] = []
    body: list[Item] | None = head  # where the lines go: None = the grid
    grid = split.grid
    problems_2019 = label_key(
        format_spec(FormatVersion.V2019).section(SectionId.PROBLEMS).heading
    )
    for number, item in enumerate(items, 1):
        if deadline is not None and not number % 256:
            deadline.check(f"分节时第 {number} 行")
        text = item.text.strip()
        if not text and not item.cells:
            continue
        if text and text[0] in _HEADING_START:  # (most lines start otherwise)
            found = (
                _heading(text, current)
                if not (item.is_table and sum(1 for c in item.cells if c) > 1)
                else None
            )
            if current == _LAST and found is None and not item.is_table:
                again = _heading(text, -1)
                if again is not None and _ORDER.index(again[0]) < _PROBLEMS:
                    if _contents_only(bodies, grid):
                        # the headings so far were a table of contents (目录)
                        head[:] = [
                            i
                            for i in (*head, *bodies[SectionId.OTHER_MATTERS])
                            if normalize_label(i.text) != "目录"
                            and not _LEADERS.match(i.text)
                        ]
                        grid.clear()
                        split.sections.clear()
                        for kept in bodies.values():
                            kept.clear()
                        found = _heading(text, -1)
                    else:
                        # 一 to 四 again after 六: a second report follows (two
                        # years or agencies in one file), not this one's 六.
                        _second_report(
                            split, bodies[SectionId.OTHER_MATTERS], item, again[0]
                        )
                        break
            if found is not None:
                section, rest = found
                current = _ORDER.index(section)
                split.sections.append(section)
                if label_key(text) == problems_2019:
                    split.version_hint = FormatVersion.V2019
                body = bodies.get(section)
                if body is not None:
                    if rest:
                        body.append(Item(rest, item.where))
                else:
                    grid.append(GridRow((text,), item.where))
                continue
        if body is not None:
            body.append(item)
        elif item.cells:
            grid.append(item)
        else:
            grid.append(GridRow((text,), item.where))
    if not split.sections:
        # An excerpt of a table with no section heading (callers give
        # ``year=``): from its first label of the format on, the grid.
        first = next(
            (
                n
                for n, item in enumerate(head)
                if is_format_label(item.cells[0] if item.cells else item.text)
            ),
            None,
        )
        if first is not None:
            grid.extend(head[first:])
            del head[first:]
    split.truncated = bool(split.sections) and _ORDER.index(split.sections[-1]) < 4
    shown = [i for i in head if i.text.strip()]
    read = read_head([normalize_label(i.text) for i in shown])
    split.title, split.year, split.agency = read.title, read.year, read.agency
    split.preface = read.preface
    if read.listed:
        split.titles = (shown[read.listed[0]].where, read.listed[1])
    ending = (
        bodies[SectionId.OTHER_MATTERS]
        if SectionId.OTHER_MATTERS in split.sections
        else []
    )
    _read_ending(split, ending)
    if split.truncated:
        _ending_after_tables(split)
    for section in _NARRATIVE:
        split.narratives[section] = narrative(bodies[section])
    _read_year(split, bodies)
    split.findings += missing_sections(split, after_last=not split.truncated)
    return split


_LEADERS = re.compile(r"^[\s.．。…·•\-－—–_\d]*$")
"""A table of contents' leader dots and page number (``……3``)."""


def _contents_only(
    bodies: dict[SectionId, list[Item]], grid: list[GridRow | Item]
) -> bool:
    """Nothing but the six headings so far (with leader dots and page
    numbers), save what follows 六: a table of contents, then the preface."""
    return all(
        _LEADERS.match(item.text)
        for section, body in bodies.items()
        if section is not SectionId.OTHER_MATTERS
        for item in body
    ) and all(_heading(" ".join(row.cells), -1) for row in grid)


_LAST = len(_ORDER) - 1
_PROBLEMS = _ORDER.index(SectionId.PROBLEMS)


def _second_report(
    split: Split, ending: list[Item], heading: Item, section: SectionId
) -> None:
    """Close the report at a second report's section heading after 六.

    The second report starts after the first one's date of issue when it
    has one, else at its title (``…年度报告``), else at the heading: its
    title and preface are not the first one's ending.
    """
    cut = len(ending)
    dates = [
        i for i, item in enumerate(ending) if issue_date(normalize_label(item.text))
    ]
    if dates:
        cut = dates[-1] + 1
    else:
        titles = [
            i
            for i, item in enumerate(ending)
            if normalize_label(item.text).endswith("年度报告")
        ]
        if titles:
            cut = titles[-1]
    title = next(
        (
            normalize_label(item.text)
            for item in ending[cut:]
            if normalize_label(item.text).endswith("年度报告")
        ),
        None,
    )
    del ending[cut:]
    named = f"（“{shortened(title, 40)}”）" if title else ""
    split.findings.append(
        reading_finding(
            FindingKind.UNREAD_LINE,
            heading.where,
            f"第六节之后又有“{format_spec().section(section).heading}”："
            f"文字中还有另一份报告{named}，其后的文字未读入，请分开读取",
            severity=Severity.ERROR,
        )
    )


def missing_sections(split: Split, *, after_last: bool) -> list[Finding]:
    """A ``MISSING_SECTION`` finding for each section whose heading was not found.

    ``after_last``: also those after the last heading found (False for a
    text cut off there: the cut is reported instead).
    """
    last = _ORDER.index(split.sections[-1]) if split.sections else len(_ORDER)
    findings = []
    for section in SectionId:
        if section in split.sections:
            continue
        if not after_last and _ORDER.index(section) > last:
            continue
        heading = format_spec().section(section).heading
        findings.append(
            reading_finding(
                FindingKind.MISSING_SECTION,
                "",
                f"没有找到“{heading}”一节",
                severity=Severity.ERROR if section in _NARRATIVE else Severity.WARNING,
            )
        )
    return findings


_PAGE_LINKS = (
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "相关链接",
    "相关阅读",
    "相关文章",
)


def _read_ending(split: Split, body: list[Item]) -> None:
    # From the end: notes in brackets, the date, the signature.
    dated = split.date_of_issue is not None  # the date line was read
    while body:
        text = normalize_label(body[-1].text)
        if not text:
            body.pop()
            continue
        bracketed = text.startswith("（") and text.endswith("）")
        if bracketed and len(text) <= 20 and not issue_date(text[1:-1]):
            body.pop()
            continue
        if (
            not dated
            and len(text) <= 80
            and (text.endswith("年度报告") or text.startswith(_PAGE_LINKS))
        ):
            # a page's links after the report (上一篇/下一篇, other years'
            # reports): site chrome, not section 六, and not its signature
            body.pop()
            continue
        match = issue_date(text[1:-1] if bracketed else text)
        if match and not dated:
            dated = True
            try:
                split.date_of_issue = date(*match)
            except ValueError:  # ``2026年1月`` (day 0), ``2026年2月30日``
                split.findings.append(_no_date(body[-1], match[2] == 0))
            body.pop()
            if body:
                signature = normalize_label(body[-1].text)
                if (
                    len(signature) <= 30
                    and "。" not in signature
                    and _ORGAN.search(signature)
                ):
                    body.pop()
                    if split.agency is None:
                        split.agency = signature
            continue
        break


def _no_date(line: Item, dayless: bool) -> Finding:
    """The finding for a date line that makes no date of issue (``dayless``:
    it names no day; else no such day)."""
    printed = shortened(line.text.strip(), 40)
    why = "没有写到日" if dayless else "不是真实的日期"
    english = "names no day" if dayless else "is no such day"
    return reading_finding(
        FindingKind.MISSING_METADATA,
        line.where,
        f"落款日期“{printed}”{why}，未记为发布日期 (the date of issue {english})",
        severity=Severity.WARNING,
    )


def _ending_after_tables(split: Split) -> None:
    """The signature and date of a text that ends after a table (no 五, 六).

    They follow the last table row, so they are in the grid; a date last
    (``2026年1月20日``) and the agency before it are the ending, not labels.
    """
    grid = split.grid
    tail: list[Item] = []
    for row in reversed(grid[-3:]):
        cells = [c for c in row.cells if c.strip()]
        if len(cells) != 1:
            break
        tail.insert(0, Item(cells[0], row.where))
    if not tail or not issue_date(normalize_label(tail[-1].text)):
        return
    body = list(tail)
    _read_ending(split, body)
    del grid[len(grid) - (len(tail) - len(body)) :]


def _read_year(split: Split, bodies: dict[SectionId, list[Item]]) -> None:
    texts = [*split.preface, *(i.text for i in bodies[SectionId.OVERVIEW][:40])]
    period = period_year(texts)
    if split.year is None and period is not None:
        split.year = period  # the period a preface states is the report's year
    elif split.year is None:
        overview = [i.text for i in bodies[SectionId.OVERVIEW]]
        split.year, split.year_guess = guessed_year(
            [*split.preface, *overview], overview[:1], split.date_of_issue
        )
    elif period is not None and period != split.year:
        # a report copied from last year's and half updated: the title is kept
        split.findings.append(
            reading_finding(
                FindingKind.METADATA_MISMATCH,
                "前言",
                f"标题写明的年度为 {split.year} 年，统计期限却是 {period} 年"
                f"（{period}年1月1日至12月31日），按标题读取，请核对 "
                "(the title's year differs from the statistical period's)",
                severity=Severity.WARNING,
            )
        )
    issued = split.date_of_issue
    if issued is not None and split.year is not None and issued.year <= split.year:
        # the year's figures are complete only after 31 December
        split.findings.append(
            reading_finding(
                FindingKind.METADATA_MISMATCH,
                "落款",
                f"落款日期 {issued.isoformat()} 不在 {split.year} 年度结束之后，"
                "年度或落款日期可能有误，请核对 "
                "(the date of issue is not after the report year)",
                severity=Severity.WARNING,
            )
        )
    where, titles = split.titles
    if titles:
        chosen, finding = choose_title(titles, split.year, split.agency, where)
        split.findings.append(finding)
        if chosen is not None:
            split.title, agency = chosen
            split.year_guess = ""
            if split.agency is None and agency:
                split.agency = agency
