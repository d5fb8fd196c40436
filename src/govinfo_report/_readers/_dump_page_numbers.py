"""Page numbers a crawler dump shows, and the ones it hides in a row's figure.

A dump of a page made from a PDF keeps the PDF's page numbers where the
pages broke. Where one falls after a table 2 row of one figure it runs into
that figure (``行政许可1268`` + ``3`` is ``行政许可12683``), and no
cross-check can tell: table 2 has none. The dump itself may show it,
though: the other page numbers stand where a person sees them, a footer
(``- 2 -``, ``第4页``) or a bare number between a sentence's end and the
next (``……1件。2（四）政府信息公开平台……``). When those go 1, 2, 4, page 3
broke between the places of 2 and 4; a one-figure row there whose digits end
(or begin) with ``3`` may hold it, and is reported with both readings
(`hidden_page`), never read one way.

Evidence is taken only when it cannot be a figure of the report: footers
with their dashes or page words, and bare numbers that rise with their
places (two at least, or one with a footer). A page number the dump shows
is not looked for again; the first page (often unnumbered) is never looked
for; the page after the last one shown only when the text after it is
longer than a page the dump shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import attrs

_FOOTER = re.compile(
    r"第\s*(?P<a>\d{1,3})\s*页(?:\s*[/／,，、]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[/／,，、]?\s*第\s*(?P<b>\d{1,3})\s*页"
    r"|[-－—–]\s+(?P<c>\d{1,3})\s+[-－—–]"
)
"""Footers that are never a row's figures (the forms `_dump_pages` cuts anywhere)."""
_BARE = re.compile(
    r"(?<=[。；！？])\s*(?P<n>[1-9]\d{0,2})\s*"
    r"(?=[（(一二三四五六七八九十\u4e00-\u9fff])"
    r"(?![件个条项次年月日号万元岁名人家所期批余多亿份位起篇场期])"
)
"""A bare number between a sentence's end and the next words (``。2（四）``):
not a count (``。3家``), a date (``。3月``) or a list number (``。2.``)."""
_MAX_PAGE = 999


@attrs.frozen
class HiddenPage:
    """A page number the dump does not show, and where its page broke."""

    number: int
    after: int
    """The page break lies after this place of the line (the page before's number)."""
    before: int
    """…and before this one (the next page's number, or the end of the line)."""
    shown: tuple[int, ...]
    """The page numbers the dump shows, for the finding."""


def hidden_pages(line: str) -> tuple[HiddenPage, ...]:
    """The pages whose numbers ``line`` hides, between those it shows.

    >>> [p.number for p in hidden_pages("文字。1（一）" + "甲" * 50 + "。2（二）" + "乙" * 80 + "。4（四）")]
    [3]
    >>> hidden_pages("全年收到申请。57（一）")
    ()
    """
    footers = [
        (m.start(), int(m["a"] or m["b"] or m["c"])) for m in _FOOTER.finditer(line)
    ]
    bare = [(m.start("n"), int(m["n"])) for m in _BARE.finditer(line)]
    seen = sorted({*footers, *bare})
    numbers = [n for _, n in seen]
    if (
        not seen
        or (len(seen) < 2 and not footers)
        or any(b <= a for a, b in pairwise(numbers))
        or numbers[-1] >= _MAX_PAGE
    ):
        return ()  # no page numbers, or numbers that do not rise with their places
    places = {n: at for at, n in seen}
    shown = tuple(numbers)
    found: list[HiddenPage] = []
    for number in range(numbers[0] + 1, numbers[-1]):
        if number not in places:
            after = max(at for at, n in seen if n < number)
            before = min(at for at, n in seen if n > number)
            found.append(HiddenPage(number, after, before, shown))
    gaps = [b - a for a, b in pairwise(places.values())]
    last = seen[-1][0]
    if gaps and len(line) - last > max(gaps):
        found.append(HiddenPage(numbers[-1] + 1, last, len(line), shown))
    return tuple(found)


def page_in_run(
    run: str, place: int, pages: Sequence[HiddenPage]
) -> tuple[HiddenPage, str] | None:
    """The hidden page whose number may end ``run`` (at ``place``), and the
    figure without it; None when it may hold none.

    A page breaks between rows, never inside one: its number follows a
    row's figure, it never stands between the row's label and its figure.

    >>> page = HiddenPage(3, 10, 100, (1, 2, 4))
    >>> page_in_run("12683", 50, [page])
    (HiddenPage(number=3, after=10, before=100, shown=(1, 2, 4)), '1268')
    >>> page_in_run("12.563", 50, [page])[1], page_in_run("12683", 150, [page])
    ('12.56', None)
    >>> [page_in_run(run, 50, [page]) for run in ("3", "1268", "31268", "12.3", "0.3")]
    [None, None, None, None, None]
    """
    if not run.isascii() or not _FIGURE.fullmatch(run):
        return None
    for page in pages:
        digits = str(page.number)
        if not page.after < place < page.before or not run.endswith(digits):
            continue
        rest = run[: -len(digits)]
        if _FIGURE.fullmatch(rest):
            return page, rest
    return None


_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
"""A figure as a dump prints it (no leading zero; an amount's decimals)."""


PAGE_DOUBT = "\ue001"
"""Starts the cell text of a one-figure row that may hold a page number
(`doubt_cell`); a private-use character, removed from the input first."""


def doubt_cell(run: str, rest: str, page: HiddenPage) -> str:
    """The cell text that carries both readings of ``run`` to `doubt_message`."""
    shown = ",".join(map(str, page.shown))
    return PAGE_DOUBT.join(("", run, rest, str(page.number), shown))


def doubt_message(text: str) -> str:
    """What to say of a cell made by `doubt_cell` (both readings, the evidence).

    >>> doubt_message(doubt_cell("12683", "1268", HiddenPage(3, 0, 9, (1, 2, 4))))[:44]
    '数字“12683”末尾的“3”可能是页码：本转储在别处印有页码 1、2、4，第 3 页的'
    """
    _, run, rest, number, shown = text.split(PAGE_DOUBT)
    pages = "、".join(shown.split(","))
    return (
        f"数字“{run}”末尾的“{number}”可能是页码：本转储在别处印有页码 {pages}，"
        f"第 {number} 页的页码没有单独出现，分页处在这一行附近；"
        f"可读作 {run} 或 {rest}，无法确定，记为缺失"
    )
