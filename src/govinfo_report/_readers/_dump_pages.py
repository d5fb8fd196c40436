"""Page numbers inside a crawler dump's tables, taken out before the rows are cut.

A dump of a page made from a PDF keeps the PDF's page footers where the page
broke: between two rows (``规章000- 3 -行政规范性文件…``), between a label
and its digits, inside a row's run of digits (a row split over two pages) or
inside a label. Left in, ``- 3 -`` is a figure of the row before it (or
``000第3页/共8页`` makes ``3`` and ``8`` that row's figures), so the footers
are cut out and the text on either side joined, as a person reads across a
page break.

Only footers that cannot be figures are cut: a number with its page words
(``第 3 页``, ``第3页/共8页``, ``共8页 第3页``), between dashes (``- 3 -``;
without spaces, ``-3-`` only where no digit or mark follows: ``0-3-0`` may
be three cells, and ``000-3-行政…`` cut leaves fewer digits, never more, for
the row's cross-checks), or ``3 / 8`` (page 3 of 8) set
off from the digits before it. ``0003/8`` (no space before the page number)
is left: where the page number starts cannot be told, and the row is
reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MARK = r"[-－—–]"
_FOOTER = re.compile(
    r"第\s*(?P<n1>\d{1,3})\s*页(?:\s*[/／,，、]?\s*共\s*(?P<m1>\d{1,3})\s*页)?"
    r"|共\s*(?P<m2>\d{1,3})\s*页\s*[/／,，、]?\s*第\s*(?P<n2>\d{1,3})\s*页"
    rf"|{_MARK}\s+(?P<n3>\d{{1,3}})\s+{_MARK}"
    rf"|(?<![-－—–/／]){_MARK}(?P<n4>\d{{1,3}}){_MARK}(?![-－—–/／\d])"
    r"|(?<=\s)(?P<n5>\d{1,3})\s*[/／]\s*(?P<m5>\d{1,3})(?![\d/／.．])"
)
_WORDS = ("n1", "n2")
"""Footers with their page words: never a row's figures, cut wherever they stand."""
_FIRST = frozenset("第共-－—–/／")
"""A footer holds one of these: a table without them has no footer to cut."""

Where = Callable[[int], str]
Labelled = Callable[[str], bool]


def _is_page(body: str, found: re.Match[str], labelled: Labelled) -> bool:
    """A footer's page number is 1 or more, and at most the page count it gives.

    Dashes and a slash are also a row's marks (``规章-3-`` is 不适用, 3,
    不适用; ``规章1/3`` is 1, 不适用, 3): those are footers only beside the
    figures of a row (digits before them, spaces between allowed, or after
    them for ``- 3 -``), or inside a label (the text before them ends with no
    row label: ``本机关不掌握- 3 -相关政府信息``).
    """
    group = next(g for g in ("n1", "n2", "n3", "n4", "n5") if found[g])
    page = int(found[group])
    count = next((int(found[g]) for g in ("m1", "m2", "m5") if found[g]), page)
    if not 1 <= page <= count:
        return False
    if group in _WORDS:
        return True
    text = body[: found.start()].rstrip()
    before = text[-1:]
    after = body[found.end() :].lstrip()[:1] if group == "n3" else ""
    if "0" <= before <= "9" or "0" <= after <= "9":
        return True
    return bool(before) and not labelled(text)


_SPACED_RUN = re.compile(r"\d\s+\d$")


def without_page_footers(
    body: str, offset: int, where: Where, labelled: Labelled
) -> tuple[str, Where]:
    """``body`` with its page footers cut out, and ``where`` for the cut text.

    ``where`` takes a place in the whole line (``offset`` is where ``body``
    starts in it); the one given back takes a place in the cut body's line
    and names the place of that character in the text as printed.
    ``labelled`` tells whether a text ends with a row label. The spaces
    around a footer go with it (``4671 - 3 - 02157`` is one run split by
    the page), unless the digits before it are spaced too (``0 0 0 - 3 - 0``:
    the dump keeps a space between cells, and one stays).

    >>> no = lambda text: False
    >>> without_page_footers("规章000- 3 -行政规范性文件4123", 0, str, no)[0]
    '规章000行政规范性文件4123'
    >>> without_page_footers("0-3-0第0页", 0, str, no)[0]
    '0-3-0第0页'
    >>> without_page_footers("规章1/3", 0, str, lambda text: True)[0]
    '规章1/3'
    """
    if not any(char in _FIRST for char in body):
        return body, where
    kept: list[str] = []
    moves: list[tuple[int, int]] = []  # (place in the cut text, characters cut before)
    position = 0
    cut = 0
    for found in _FOOTER.finditer(body):
        if found.start() < position or not _is_page(body, found, labelled):
            continue
        start, end = found.start(), found.end()
        while start > position and body[start - 1].isspace():
            start -= 1
        while end < len(body) and body[end].isspace():
            end += 1
        space = (
            " " if _SPACED_RUN.search(body, max(position, start - 12), start) else ""
        )
        kept.append(body[position:start] + space)
        cut += end - start - len(space)
        position = end
        moves.append((position - cut, cut))
    if not moves:
        return body, where
    kept.append(body[position:])

    def moved(at: int) -> str:
        inside = at - offset
        shift = 0
        for start, before in moves:  # a few footers a table: a short walk
            if start > inside:
                break
            shift = before
        return where(at + shift)

    return "".join(kept), moved
