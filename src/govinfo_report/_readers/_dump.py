"""Crawler dumps: a whole report on one line, every separator lost.

Whole archives of reports exist only as a crawler's plain-text dump of each
page (``samples/pingtan-*.dump.txt``): a few header lines (``标题:``,
``发布时间:`` … and a ``==== 正文 ====`` rule), then the report on one line,
with site chrome before and after. Section titles and row labels stand
mid-line, labels and figures run together (``行政规范性文件693665``), and the
next row's number sticks to the digits (``10000016.属于四类过程性信息``).

`is_dump` tells such a text from ordinary flattened text; `dump_items` cuts it
into the items the section splitter and the table matcher read: the six
section headings are found in order anywhere in the line; inside sections
二–四 every run of digits ends a row, whose label is the longest row label of
the format the text before the run ends with (the rest of that text is column
headers and group cells, cut into the format's labels where it can be). A run
is handed on whole, marked (`run_token`), for the matcher to cut with the
table's cross-checks.

Over 500 lines: the one line of a dump is cut here in one pass (preface,
headings, rows and header runs, the ending, a second report run on, lines
joined across a stray break); the pieces share the heading search and the
places they report.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import cache

from govinfo_report._format import (
    SECTION_HEADING_VARIANTS,
    FormatVersion,
    SectionId,
    format_spec,
)
from govinfo_report._labels import label_key
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits
from govinfo_report._readers._catalogue import _catalogue
from govinfo_report._readers._dump_ends import amount_unit_after, heads_after
from govinfo_report._readers._dump_page_numbers import (
    PAGE_DOUBT,
    HiddenPage,
    doubt_cell,
    hidden_pages,
    page_in_run,
)
from govinfo_report._readers._dump_pages import without_page_footers
from govinfo_report._readers._runs import MARKS, RUN_MARK, run_token
from govinfo_report._readers._split import Item, trusted_item
from govinfo_report._readers._unit_note import unit_note_apart

_CRAWLER_FIELD = re.compile(
    r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|来源)\s*[:：]"
)
_CRAWLER_RULE = re.compile(r"^=+\s*正文\s*=+$")
_NUMERALS = "一二三四五六"
_TABLE_SECTIONS = (SectionId.ACTIVE, SectionId.REQUESTS, SectionId.APPEALS)
_ORDER = list(SectionId)
_MIN_HEADINGS = 3
"""A line holding at least this many section headings, in order, is a dump."""
_MIN_DUMP_CHARS = 200
"""A shorter line is no whole report."""
_LABEL_NUMBER_END = frozenset(".．、")
_CHROME_HEAD_ENDS = ("-->", "相关链接：", "相关链接:")
_CHROME_TAIL = (
    "附件下载",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "【关闭窗口】",
    "打印",
    "关闭",
    "分享到",
)
_SIGNED = re.compile(
    r"(?:^|[\s。；，])([^\s。；，：]{2,30}?)\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*$"
)
_DATE_ONLY = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*$")
_SUBSECTION = "（{}）"
_SUB_NUMERALS = "一二三四五六七八九十"
_MAX_HEADER_CHARS = 400
"""Longer text before a run is not cut into header labels (it is prose)."""
_MAX_LABEL_CHARS = 80

_Where = Callable[[int], str]
_SEPARATORS = str.maketrans({"|": " ", "\t": " "})
"""Cell separators a dump kept: a boundary between runs, never part of a label."""


@cache
def _heading_keys() -> tuple[tuple[str, SectionId], ...]:
    """Every heading of the six sections (official and as published), longest first."""
    headings = [
        (s.heading, s.id) for v in FormatVersion for s in format_spec(v).sections
    ]
    keys = {
        (label_key(h), section)
        for h, section in headings + list(SECTION_HEADING_VARIANTS)
    }
    return tuple(sorted(keys, key=lambda k: -len(k[0])))


@cache
def _label_keys() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """Row label keys (longest first), and every known label key by first character."""
    cat = _catalogue()
    rows = sorted(
        {label_key(label) for label in cat.rows.labels}, key=len, reverse=True
    )
    known: dict[str, set[str]] = {}
    for label in (*cat.rows.labels, *cat.structure.labels, *cat.sections.labels):
        key = label_key(label)
        if key:
            known.setdefault(key[0], set()).add(key)
    by_first = {c: tuple(sorted(ks, key=len, reverse=True)) for c, ks in known.items()}
    return tuple(rows), by_first


_HEADING_START = re.compile("[一二三四五六][、,，]")
_MAX_HEADING_TRIES = 2_000
"""The most places a line is looked at for a heading (``一、`` … ``六、``)."""


def _headings(line: str) -> list[tuple[int, int, SectionId]]:
    """The section headings of a line, in order: (start, end, section).

    One pass over the places where a numeral and ``、`` stand, at most
    `_MAX_HEADING_TRIES` of them (a real report has a few dozen).
    """
    found: list[tuple[int, int, SectionId]] = []
    after = -1
    resume = 0
    keys = _heading_keys()
    for tries, place in enumerate(_HEADING_START.finditer(line)):
        if tries >= _MAX_HEADING_TRIES or after >= len(_NUMERALS) - 1:
            break
        start = place.start()
        if start < resume or _NUMERALS.index(line[start]) <= after:
            continue
        wkey = label_key(line[start : start + 60])
        match = next(
            (
                (key, section)
                for key, section in keys
                if wkey.startswith(key) and _ORDER.index(section) > after
            ),
            None,
        )
        if match is None:
            continue
        key, section = match
        end = start + len(key)
        # the raw heading may be longer than its key (spaces, quotes dropped)
        for stop in range(start + len(key), min(start + len(key) + 20, len(line)) + 1):
            if label_key(line[start:stop]) == key:
                end = stop
                break
        found.append((start, end, section))
        after = _ORDER.index(section)
        resume = end
    return found


def is_dump(text: str, lines: list[str] | None = None) -> bool:
    """True when some line of ``text`` holds at least three section headings in order.

    ``lines``: ``text.splitlines()``, when the caller has them already.

    >>> is_dump("一、总体情况" + "…" * 200 + "二、主动公开政府信息情况…三、收到和处理政府信息公开申请情况…")
    True
    >>> is_dump("一、总体情况\\n二、主动公开政府信息情况\\n三、收到和处理政府信息公开申请情况")
    False
    """
    for line in text.splitlines() if lines is None else lines:
        if (
            len(line) >= _MIN_DUMP_CHARS
            # (a cheap count first: a paragraph has fewer places a heading may start)
            and len(_HEADING_START.findall(line)) >= _MIN_HEADINGS
            and len(_headings(line)) >= _MIN_HEADINGS
        ):
            return True
    return False


def dump_items(
    text: str,
    ordinary: Callable[[str], list[Item]],
    limits: Limits | None = None,
    deadline: Deadline | None = None,
) -> list[Item]:
    """The items of a crawler dump, for the section splitter and the matcher.

    Lines other than the report's line are read as ordinary lines would be,
    except the crawler's own header (``标题:`` gives the title, the other
    fields and the ``正文`` rule are skipped); ``ordinary`` reads one such line.

    Raises:
        LimitExceededError: more items than ``max_rows``, or the deadline passed.
    """
    limits = limits or DEFAULT_LIMITS
    text = text.replace(RUN_MARK, "").replace(PAGE_DOUBT, "")
    items: list[Item] = []
    lines = text.splitlines()
    skip = 0  # lines already joined onto a dump line
    for number, line in enumerate(lines, 1):
        if skip:
            skip -= 1
            continue
        stripped = line.strip()
        if not stripped:
            continue
        field = _CRAWLER_FIELD.match(stripped)
        if field is not None:
            if field.group(1) == "标题":
                value = stripped[field.end() :].strip()
                if value:
                    items.append(Item(value, f"第 {number} 行"))
            continue
        if _CRAWLER_RULE.match(stripped) or "links.tsv" in stripped:
            continue
        if len(line) > limits.max_line_chars:
            raise limits.exceeded(
                "max_line_chars", f"第 {number} 行的长度（字符）", len(line)
            )
        line, starts = _joined(lines, number, limits)
        skip = len(starts) - 1
        headings = _headings(line) if len(line) >= _MIN_DUMP_CHARS else []
        if len(headings) >= _MIN_HEADINGS:
            items.extend(_line_items(line, starts, headings, deadline))
        else:
            where = f"第 {number} 行"
            for item in ordinary(line):
                items.append(trusted_item(item.text, where, item.cells))
        if len(items) > limits.max_rows:
            raise limits.exceeded("max_rows", "文本行数", len(items))
    return items


def _joined(
    lines: list[str], number: int, limits: Limits
) -> tuple[str, list[tuple[int, int]]]:
    """Line ``number`` with the lines a stray line break cut from it.

    A dump's line that stops before section 六 (its last heading is an
    earlier one) while the next line goes on with the later headings was cut
    by a line break (``…数量467`` / ``102157二、上年结转…``): the lines are
    one, joined with nothing between (a break may fall inside a figure; the
    run is cut by the cross-checks). Gives the line and, for each line
    joined, (where it starts in the line, its number).
    """
    line = lines[number - 1]
    starts = [(0, number)]
    headings = _headings(line) if len(line) <= limits.max_line_chars else []
    while (
        headings
        and headings[-1][2] is not SectionId.OTHER_MATTERS
        and number < len(lines)
    ):
        following = lines[number]
        stripped = following.strip()
        if (
            not stripped
            or _CRAWLER_FIELD.match(stripped)
            or len(line) + len(following) > limits.max_line_chars
        ):
            break
        joined = line + following
        more = _headings(joined)
        if len(more) <= len(headings) or len(more) < _MIN_HEADINGS:
            break
        number += 1
        starts.append((len(line), number))
        line, headings = joined, more
    return line, starts


def _line_items(
    line: str,
    starts: list[tuple[int, int]],
    headings: list[tuple[int, int, SectionId]],
    deadline: Deadline | None,
) -> Iterator[Item]:
    def where(offset: int) -> str:
        start, number = next(s for s in reversed(starts) if s[0] <= offset)
        return f"第 {number} 行第 {offset - start + 1} 字"

    pages = hidden_pages(line)
    head = line[: headings[0][0]]
    yield from _preface(head, where)
    for index, (start, end, section) in enumerate(headings):
        stop = headings[index + 1][0] if index + 1 < len(headings) else len(line)
        yield Item(line[start:end].strip(), where(start))
        body = line[end:stop]
        if section in _TABLE_SECTIONS:
            body, at = without_page_footers(body, end, where, _ends_with_label)
            yield from _table_items(body, end, at, deadline, pages)
        elif section is SectionId.OTHER_MATTERS:
            yield from _last_section(body, end, where)
        else:
            yield from _narrative_items(body, end, where)


def _preface(head: str, where: _Where) -> Iterator[Item]:
    # Site chrome before the report: breadcrumb, source, toolbar, up to a
    # comment's end or the "related links" label.
    cut = max(
        (head.rfind(m) + len(m) for m in _CHROME_HEAD_ENDS if m in head), default=0
    )
    if cut == 0 and head.lstrip().startswith("当前位置"):
        title = head.rfind("年度报告")
        cut = title + 4 if title >= 0 else 0
    text = head[cut:].strip()
    if text:
        yield Item(text, where(cut))


def _narrative_items(body: str, offset: int, where: _Where) -> Iterator[Item]:
    # Numbered sub-sections （一）…（二）… in order, each an item of its own.
    starts = [0]
    position = 0
    for numeral in _SUB_NUMERALS:
        found = body.find(_SUBSECTION.format(numeral), position)
        if found < 0:
            break
        if found > 0:
            starts.append(found)
        position = found + 3
    starts.append(len(body))
    for a, b in itertools.pairwise(starts):
        text = body[a:b].strip()
        if text:
            yield Item(text, where(offset + a))


def _last_section(body: str, offset: int, where: _Where) -> Iterator[Item]:
    """Section 六 and the ending; a second report run on after it (a heading
    of 一 to 四 again) is left as items of its own, from its heading on, for
    the section splitter to report."""
    again = next(
        (
            h
            for h in _headings(body)
            if _ORDER.index(h[2]) < _ORDER.index(SectionId.PROBLEMS)
        ),
        None,
    )
    if again is None:
        yield from _ending(body, offset, where)
        return
    start = again[0]
    # the first report ends at its date of issue: the last date before the
    # second's heading that ends a signature (not ``自2024年1月1日起`` of
    # the second's preface)
    dates = [
        d
        for d in _SIGNED_DATE.finditer(body, 0, start)
        if body[d.end() : d.end() + 1] not in _DATE_GOES_ON
    ]
    end = dates[-1].end() if dates else start
    yield from _ending(body[:end], offset, where)
    between = body[end:start].strip()
    if between:
        yield Item(between, where(offset + end))
    yield Item(body[start:], where(offset + start))


_SIGNED_DATE = re.compile(
    r"(?:^|[。；\s])[^\s。；，,：:]{2,30}?\s*\d{4}年\d{1,2}月\d{1,2}日"
)
_DATE_GOES_ON = frozenset("起止至前后以到，,、的")


def _ending(body: str, offset: int, where: _Where) -> Iterator[Item]:
    text = body.rstrip()
    trimmed = True
    while trimmed:
        trimmed = False
        for chrome in _CHROME_TAIL:
            if text.endswith(chrome) and len(text) > len(chrome):
                text = text[: -len(chrome)].rstrip()
                trimmed = True
    signed = _SIGNED.search(text)
    tail: list[str] = []
    if signed is not None:
        tail = [signed.group(1), signed.group(2)]
        text = text[: signed.start(1)].rstrip()
    else:
        dated = _DATE_ONLY.search(text)
        if dated is not None:
            tail = [dated.group(1)]
            text = text[: dated.start()].rstrip()
    yield from _narrative_items(text, offset, where)
    for part in tail:
        yield Item(part, where(offset + len(body)))


def _runs(body: str) -> Iterator[tuple[int, int, int]]:
    """The runs of figures in a table's text: (start, end, end of figures).

    A run is digits with spaces and decimal points inside, and marks (``/``,
    ``—``, a minus) next to its digits; when it is followed by ``.`` or ``、``
    and a non-digit, its last digit is the number of the next row's label
    (``10000016.属于…``), so its figures end before it.
    """
    size = len(body)
    i = 0
    while i < size:
        start = _RUN_START.search(body, i)
        if start is None:
            return
        i = start.start()
        j = i
        last = i  # one past the last digit or mark
        while j < size:
            char = body[j]
            if _is_digit(char) or (char in MARKS and (j > i or _next_digit(body, j))):
                j += 1
                last = j
            elif char == "." and j + 1 < size and _is_digit(body[j + 1]) and j > i:
                j += 1
            elif char.isspace():
                k = j
                while k < size and body[k].isspace():
                    k += 1
                if k < size and (
                    _is_digit(body[k]) or (body[k] in MARKS and _next_digit(body, k))
                ):
                    j = k
                else:
                    break
            else:
                break
        figures = last
        if (
            last < size
            and body[last] in _LABEL_NUMBER_END
            and _is_digit(body[last - 1])
            and (last + 1 >= size or not _is_digit(body[last + 1]))
            and not heads_after(body, last + 1)
        ):
            figures = last - 1
            while figures > i and body[figures - 1].isspace():
                figures -= 1
        yield i, last, figures
        i = last


_RUN_START = re.compile("[0-9]|[" + re.escape("".join(sorted(MARKS))) + "](?=[0-9])")
"""Where a run can start: a digit, or a mark before a digit."""


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _next_digit(text: str, index: int) -> bool:
    return index + 1 < len(text) and _is_digit(text[index + 1])


def _table_items(
    body: str,
    offset: int,
    where: _Where,
    deadline: Deadline | None,
    pages: tuple[HiddenPage, ...] = (),
) -> Iterator[Item]:
    rows, _ = _label_keys()
    text_start = 0
    skip = 0  # the end of a figure with thousands separators, read whole
    for count, (start, _end, figures) in enumerate(_runs(body), 1):
        if deadline is not None and not count % 256:
            deadline.check(f"{where(offset + start)}")
        if figures <= start or start < skip:
            continue  # only a label's number: it stays with the text that follows
        chunk = body[text_start:start].translate(_SEPARATORS)
        run = body[start:figures]
        label, rest = _split_label(chunk, rows)
        one_figure = label in _one_figure_labels() and _HEADER_2019 not in body
        grouped = _GROUPED.match(body, start) if one_figure else None
        if grouped is not None and grouped.end() > figures:
            # ``行政许可1,268``: a row of one figure has no cells to separate,
            # so the comma is the figure's thousands separator
            figures = skip = grouped.end()
            run = re.sub("[,，]", "", grouped.group())
        at = where(offset + text_start)
        # Header and group cells run together are cells of rows of their
        # own, one each (as a grid read a cell at a time): one row of them
        # would make 商业企业 … 其他 neighbours of 法人或其他组织, not its columns.
        for part in _header_parts(rest):
            yield trusted_item(part, at, (part,))
        unit = amount_unit_after(body, figures)
        if unit:
            # ``行政事业性收费125600元``: the figure with its unit, as a cell
            # (its unit converted or reported), never 125600 in the column's 万元
            cells = (label, run + unit) if label else (run + unit,)
            yield trusted_item(f"{label} {run}{unit}".strip(), at, cells)
            text_start = figures + len(unit)
            continue
        token = run_token(run)
        if pages and one_figure:
            # (the place is that of the text as cut: footers moved it a little)
            glued = page_in_run(run, offset + start, pages)
            if glued is not None:  # a page number may end it: both readings
                token = doubt_cell(run, glued[1], glued[0])
        cells = (label, token) if label else (token,)
        yield trusted_item(f"{label} {run}".strip(), at, cells)
        text_start = figures
    chunk = body[text_start:].translate(_SEPARATORS).strip()
    if chunk:
        label, rest = _split_label(chunk, rows)
        cells = (*_header_parts(rest), *((label,) if label else ()))
        if cells:
            yield Item(chunk, where(offset + text_start), cells)


@cache
def _one_figure_labels() -> frozenset[str]:
    """Label keys of the 2021 rows of one figure (表二 行政许可…): no check can
    tell a page number run into their digits (`_dump_page_numbers`)."""
    return frozenset(
        label_key(row.label)
        for row in format_spec().active.rows
        if len(row.columns) == 1
    )


_GROUPED = re.compile(r"[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?(?![0-9])")
"""A figure with thousands separators, as a dump keeps it (``1,268``)."""
_HEADER_2019 = "上一年项目数"
"""The 2019 header of 行政许可…, three figures a row: cut by the runs' cuts."""


def _ends_with_label(text: str) -> bool:
    """True when ``text`` ends with a row label of the format."""
    return bool(_split_label(text, _label_keys()[0])[0])


def _split_label(chunk: str, rows: tuple[str, ...]) -> tuple[str, str]:
    """The row label the text ends with (its key) and the text before it."""
    tail = chunk[-_MAX_LABEL_CHARS * 2 :]
    key = label_key(tail)
    if not key.endswith(rows):
        return "", chunk
    for row in rows:
        if key.endswith(row):
            # the raw text of the label: the shortest end of the chunk whose
            # key is the label's (normalising may drop or change characters).
            # A key is never longer than its text: shorter ends are not tried.
            longest = min(len(chunk) - 1, len(chunk) - len(row))
            for cut in range(longest, max(len(chunk) - len(tail), 0) - 1, -1):
                if label_key(chunk[cut:]) == row:
                    return row, chunk[:cut]
            return row, ""
    return "", chunk


def _header_parts(text: str) -> tuple[str, ...]:
    """Column headers and group cells run together, cut into the format's labels.

    Text that is no label of the format stays as one part (the matcher says so).
    """
    key = label_key(text)
    if not key:
        return ()
    if len(key) > _MAX_HEADER_CHARS:
        return (text.strip(),)
    _, known = _label_keys()
    parts: list[str] = []
    unknown = ""
    position = 0
    while position < len(key):
        found = next(
            (k for k in known.get(key[position], ()) if key.startswith(k, position)),
            None,
        )
        if found is None:
            unknown += key[position]
            position += 1
            continue
        if unknown:
            parts.extend(unit_note_apart(unknown))
            unknown = ""
        parts.append(found)
        position += len(found)
    if unknown:
        parts.extend(unit_note_apart(unknown))
    return tuple(parts)
