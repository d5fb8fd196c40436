"""A page number glued to a dump row's run of digits, as a stand-in for the search.

A dump of a page made from a PDF may keep a bare page number where the page
broke, run into the digits of the row before or after it
(``…2100003`` + ``3`` + the next row's label). That row's run then cuts no
way its cross-checks allow, and its cells are unknown, so the column sums
(R1, R2) through it settle nothing: the rows beside it were lost too.

`page_glued_cuts` gives the cuts of the run with one page number taken off
its start or end. They stand in for the row only while the other rows of
the table are searched (`_runs.solve`): the row itself stays unread and
reported, for where the page number ends cannot be proven, while a
neighbour's cut is taken only when every stand-in agrees on it.

A run that cuts only one way was read so, its cross-checks untested: a
page number before a row of zeros (``3`` + ``0000000``) read 30, 0, 0 … 0.
`glued_page_doubt` makes that a finding when the one cut breaks the row's
own checks (R3, R6) and a cut without a page number keeps them: both are
listed and the row is left unread. A cut breaking its checks with no such
reading is kept, as printed (the sums the agency published do not hold).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govinfo_report._findings import Finding, FindingKind
from govinfo_report._format import CellKind, CellSpec, TableSpec
from govinfo_report._limits import Deadline
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._runs import Cut, cuts
from govinfo_report._rules import compile_checks
from govinfo_report._values import Mark

__all__ = ["glued_page_doubt", "page_glued_cuts", "stand_in"]

_PAGE_DIGITS = 3  # a report's page numbers: 1 to 999
_MAX_STAND_INS = 200  # the most stand-in cuts of one row (beyond: no stand-in)


def _without_page(run: str) -> list[str]:
    """``run`` with 1 to `_PAGE_DIGITS` digits of a page number (no leading
    zero) taken off its end or its start; with a space in it, a first or last
    group that may be a page number.

    >>> _without_page("21000033")
    ['2100003', '210000', '1000033', '000033', '00033']
    >>> _without_page("2100003 3")
    ['2100003']
    """
    groups = run.split()
    if len(groups) > 1:
        # a space in the run: the page number is the group it sets off (the
        # space may be a blank cell, and a digit run into a group is a figure)
        ends = [(groups[-1], groups[:-1]), (groups[0], groups[1:])]
        return [
            " ".join(rest)
            for page, rest in ends
            if len(page) <= _PAGE_DIGITS and page.isdigit() and page[0] != "0"
        ]
    found: list[str] = []
    for size in range(1, _PAGE_DIGITS + 1):
        page = run[-size:]
        if len(run) > size and page.isdigit() and page[0] != "0":
            found.append(run[:-size].rstrip())
    for size in range(1, _PAGE_DIGITS + 1):
        page = run[:size]
        if len(run) > size and page.isdigit() and page[0] != "0":
            found.append(run[size:].lstrip())
    return [rest for rest in dict.fromkeys(found) if rest]


def page_glued_cuts(
    run: str, kinds: Sequence[CellKind], deadline: Deadline | None = None
) -> list[Cut]:
    """Every cut of ``run`` into ``len(kinds)`` cells once a page number is
    taken off its start or end; none when they are past `_MAX_STAND_INS`.

    >>> page_glued_cuts("00000003", [CellKind.COUNT] * 7)
    [(0, 0, 0, 0, 0, 0, 0)]
    """
    found: dict[Cut, None] = {}
    for rest in _without_page(run):
        listed = cuts(rest, kinds, limit=_MAX_STAND_INS, deadline=deadline)
        if listed is None:
            return []
        found.update(dict.fromkeys(listed))
        if len(found) > _MAX_STAND_INS:
            return []
    return list(found)


def stand_in(
    run: str, kinds: Sequence[CellKind], deadline: Deadline | None = None
) -> Callable[[], Sequence[Cut]]:
    """`page_glued_cuts` of ``run``, computed only when the search asks."""
    return lambda: page_glued_cuts(run, tuple(kinds), deadline)


def _shown(cut: Cut) -> str:
    return "/".join("空" if v is Mark.BLANK else str(v) for v in cut)


def glued_page_doubt(
    run: str,
    cut: Cut,
    cells: Sequence[CellSpec],
    spec: TableSpec,
    where: str,
    place: str,
    deadline: Deadline | None = None,
) -> Finding | None:
    """A finding when ``cut``, the one cut of ``run``, breaks a check over
    the row's cells alone while a cut of the run without a page number at
    its start or end holds them all; None when ``cut`` may be read."""
    ids = {c.id for c in cells}
    own = [ch for ch in compile_checks(spec) if all(c.id in ids for c in ch.cells)]
    trial = {c.id: v for c, v in zip(cells, cut, strict=True)}
    if all(ch.holds(trial) is not False for ch in own):
        return None
    kept = []
    for other in page_glued_cuts(run, [c.kind for c in cells], deadline):
        trial = {c.id: v for c, v in zip(cells, other, strict=True)}
        held = [ch.holds(trial) for ch in own]
        if False not in held and True in held:
            kept.append(other)
    if not kept:
        return None
    others = "；".join(map(_shown, kept[:8])) + ("等" if len(kept) > 8 else "")
    return reading_finding(
        FindingKind.AMBIGUOUS_CELLS,
        where,
        f"{place}：数字连写为“{run}”，只能拆分为 {_shown(cut)}，但不满足勾稽关系；"
        f"首尾可能混入了页码，去掉后为 {others}，无法确定，本行记为缺失",
        cells=[c.id for c in cells],
    )
