"""Digits run together: every cut of a run, and the cuts the whole table allows.

A crawler dump loses every separator: a row of figures is one run of digits
(``640020470`` for seven cells). `cuts` lists every way of cutting a run into a
row's cells (no leading zeros, a decimal point only inside an amount); a space
inside a run is either nothing (a non-breaking space inside a cell) or an empty
cell, so both readings are listed. `solve` then takes the candidate cuts of
all rows of a table together with the figures already read and keeps only the
combinations under which every cross-check of the table (R1–R3, R6: the rules
are data, `compile_checks`) holds: a row that fits R3 two ways is settled by
the column sums. A row whose cuts still differ is left for the caller to report
as ambiguous, never guessed.

Both are bounded: `cuts` gives up past ``limit`` cuts, `solve` past
``max_nodes`` steps of its search, and both check the `Deadline`.

Over 500 lines: one job, the cutting and the search, each with a fast path
(digit runs counted by suffix sums; checks narrowed by bounds before the
search) that the dump benchmark needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import cast

import attrs

from govinfo_report._format import CellKind
from govinfo_report._limits import Deadline
from govinfo_report._rules import Check
from govinfo_report._values import CellValue, Mark

RUN_MARK = "\ue000"
"""Prefix of a cell text that is a run of digits with every separator lost.

The dump reader marks its runs with it (a private-use character, removed from
the input first) so that the matcher keeps a run whole and leaves its cutting
to `cuts` and `solve`.
"""

MAX_CUTS = 1_000
"""The most candidate cuts of one row that are listed; past it the row is ambiguous."""

MAX_PIECE_CHARS = 24
"""The longest piece of a cut (a figure of 24 digits is not a count anyone prints)."""

MAX_SPACES = 6
"""The most spaces inside one run that are tried both ways (2**6 readings)."""

MAX_NODES = 20_000
"""The most steps of the search over combinations of rows' cuts."""

Cut = tuple[CellValue, ...]


def run_token(run: str) -> str:
    """The cell text of a run as the dump reader hands it to the matcher."""
    return RUN_MARK + run


def is_run(text: str) -> bool:
    """True for a cell text made by `run_token`."""
    return text[:1] == RUN_MARK


def run_text(text: str) -> str:
    """The run as printed (without the mark)."""
    return text.removeprefix(RUN_MARK).strip()


MARKS = frozenset("/／-－—–")
"""Characters of a not-applicable mark (``/``, ``—``) or a minus sign inside a run."""

_MINUS = frozenset("-－")


def _piece(text: str, kind: CellKind) -> CellValue | None:
    """The value of one piece of a cut, or None when no cell prints it so."""
    if not text:
        return None
    if text[0] in MARKS:
        if all(ch in MARKS for ch in text):
            return Mark.NOT_APPLICABLE
        rest = text[1:]
        if (
            kind is CellKind.SIGNED_COUNT
            and text[0] in _MINUS
            and rest.isdigit()
            and (len(rest) == 1 or rest[0] != "0")
            and rest != "0"
        ):
            return -int(rest)
        return None
    if not text.isascii() or not all(ch.isdigit() or ch == "." for ch in text):
        return None
    if "." in text:
        if kind is not CellKind.AMOUNT or text.count(".") > 1:
            return None
        whole, _, fraction = text.partition(".")
        if not whole or not fraction or (len(whole) > 1 and whole[0] == "0"):
            return None
        return Decimal(text)
    if len(text) > 1 and text[0] == "0":
        return None
    if kind is CellKind.AMOUNT:
        return Decimal(text)
    return int(text)


def _readings(groups: Sequence[str]) -> Iterator[list[str | None]]:
    """The run's groups with each space read as nothing or as an empty cell (None)."""
    gaps = len(groups) - 1
    for mask in range(1 << gaps):
        out: list[str | None] = []
        current = groups[0]
        for index in range(gaps):
            if mask >> index & 1:
                out.append(current)
                out.append(None)
                current = groups[index + 1]
            else:
                current += groups[index + 1]
        out.append(current)
        yield out


def cuts(
    run: str,
    kinds: Sequence[CellKind],
    *,
    limit: int = MAX_CUTS,
    deadline: Deadline | None = None,
) -> list[Cut] | None:
    """Every way of cutting ``run`` into ``len(kinds)`` cells; None past ``limit``.

    A space inside the run is read both as nothing and as an empty cell
    (`Mark.BLANK`). A piece has no leading zero; a decimal point stands only
    inside an amount.

    >>> cuts("4500", [CellKind.COUNT] * 3)
    [(4, 50, 0), (45, 0, 0)]
    >>> cuts("0 00", [CellKind.COUNT] * 3)  # the space is nothing
    [(0, 0, 0)]
    >>> cuts("0 00000", [CellKind.COUNT] * 7)  # the space is an empty cell
    [(0, BLANK, 0, 0, 0, 0, 0)]
    >>> cuts("123", [CellKind.COUNT] * 5)
    []
    """
    if len(run) <= _CACHED_RUN_CHARS:
        found = _cuts_cached(run, tuple(kinds), limit)
        if found is None:
            return None
        if deadline is not None:
            deadline.check("拆分连写的数字")
        return list(found)
    return _cuts(run, kinds, limit, deadline)


_CACHED_RUN_CHARS = 48
"""Runs up to this long keep their cuts in a bounded cache (rows of 0s repeat)."""


@lru_cache(maxsize=2048)
def _cuts_cached(
    run: str, kinds: tuple[CellKind, ...], limit: int
) -> tuple[Cut, ...] | None:
    found = _cuts(run, kinds, limit, None)
    return None if found is None else tuple(found)


def _cuts(
    run: str, kinds: Sequence[CellKind], limit: int, deadline: Deadline | None
) -> list[Cut] | None:
    groups = run.split()
    n = len(kinds)
    if (
        len(groups) == 1
        and len(run) == n
        and run.isascii()
        and run.isdigit()
        and all(k is not CellKind.AMOUNT for k in kinds)
    ):
        return [tuple(int(ch) for ch in run)]  # one digit a cell: the only cut
    if not groups or len(groups) - 1 > MAX_SPACES:
        return None if groups else []
    found: list[Cut] = []
    seen: set[Cut] = set()
    for reading in _readings(groups):
        if deadline is not None:
            deadline.check("拆分连写的数字")
        blanks = sum(1 for part in reading if part is None)
        digits = sum(len(part) for part in reading if part is not None)
        if digits + blanks < n or digits > n * MAX_PIECE_CHARS:
            continue
        if _count(reading, kinds, limit + 1 - len(found)) > limit - len(found):
            return None
        for cut in _cut_reading(reading, kinds):
            if cut in seen:
                continue
            seen.add(cut)
            found.append(cut)
            if len(found) > limit:
                return None
    return found


def _count(reading: Sequence[str | None], kinds: Sequence[CellKind], cap: int) -> int:
    """How many cuts a reading has, counted without listing them (at most ``cap``)."""
    n = len(kinds)
    if (
        len(reading) == 1
        and reading[0] is not None
        and reading[0].isdigit()
        and all(k is CellKind.COUNT for k in kinds)
    ):
        return _count_digits(reading[0], n, cap)
    memo: dict[tuple[int, int, int], int] = {}

    def ways(index: int, offset: int, cell: int) -> int:
        if index == len(reading):
            return 1 if cell == n else 0
        if cell >= n:
            return 0
        key = (index, offset, cell)
        found = memo.get(key)
        if found is not None:
            return found
        part = reading[index]
        total = 0
        if part is None:
            total = ways(index + 1, 0, cell + 1)
        else:
            for end in range(offset + 1, min(len(part), offset + MAX_PIECE_CHARS) + 1):
                if _piece(part[offset:end], kinds[cell]) is None:
                    if (
                        part[offset] == "0"
                        and end > offset + 1
                        and part[offset + 1] != "."
                    ):
                        break
                    continue
                if end == len(part):
                    total += ways(index + 1, 0, cell + 1)
                else:
                    total += ways(index, end, cell + 1)
                if total >= cap:
                    break
        total = min(total, cap)
        memo[key] = total
        return total

    return ways(0, 0, 0)


def _count_digits(text: str, n: int, cap: int) -> int:
    """`_count` for a run of digits into counts: suffix sums, O(len × n)."""
    size = len(text)
    # after[p] = ways to cut text[p:] into the cells left; after[size] = 1
    # when no cell is left.
    after = [0] * size + [1]
    for _ in range(n):
        sums = [0] * (size + 2)  # sums[p] = after[p] + … + after[size]
        for p in range(size, -1, -1):
            sums[p] = sums[p + 1] + after[p]
        new = [0] * (size + 1)
        for p in range(size):
            if text[p] == "0":
                new[p] = after[p + 1]
            else:
                top = min(size, p + MAX_PIECE_CHARS)
                new[p] = min(sums[p + 1] - sums[top + 1], cap)
        after = new
    return after[0]


def _cut_reading(
    reading: Sequence[str | None], kinds: Sequence[CellKind]
) -> Iterator[Cut]:
    """The cuts of one reading, walking only paths that lead to a whole cut."""
    n = len(kinds)
    size = len(reading)
    memo: dict[tuple[int, int, int], bool] = {}
    digits = [
        part is not None and part.isascii() and part.isdigit() for part in reading
    ]
    pieces: dict[tuple[int, int, int], list[tuple[int, CellValue]]] = {}

    def steps(index: int, offset: int, cell: int) -> list[tuple[int, CellValue]]:
        """(end, value) of every piece that can start here."""
        key = (index, offset, cell)
        found = pieces.get(key)
        if found is None:
            part = reading[index]
            assert part is not None
            top = min(len(part), offset + MAX_PIECE_CHARS)
            if kinds[cell] is CellKind.COUNT and digits[index]:
                # the common case, quickly: no leading zero
                if part[offset] == "0":
                    found = [(offset + 1, 0)]
                else:
                    found = [
                        (end, int(part[offset:end]))
                        for end in range(offset + 1, top + 1)
                    ]
            else:
                found = []
                for end in range(offset + 1, top + 1):
                    value = _piece(part[offset:end], kinds[cell])
                    if value is not None:
                        found.append((end, value))
            pieces[key] = found
        return found

    def viable(index: int, offset: int, cell: int) -> bool:
        if index == size:
            return cell == n
        if cell >= n:
            return False
        key = (index, offset, cell)
        known = memo.get(key)
        if known is not None:
            return known
        part = reading[index]
        if part is None:
            result = viable(index + 1, 0, cell + 1)
        else:
            result = any(
                viable(index + 1, 0, cell + 1)
                if end == len(part)
                else viable(index, end, cell + 1)
                for end, _ in steps(index, offset, cell)
            )
        memo[key] = result
        return result

    def walk(index: int, offset: int, cell: int) -> Iterator[list[CellValue]]:
        if index == size:
            yield []
            return
        part = reading[index]
        if part is None:
            for rest in walk(index + 1, 0, cell + 1):
                yield [Mark.BLANK, *rest]
            return
        for end, value in steps(index, offset, cell):
            if end == len(part):
                if viable(index + 1, 0, cell + 1):
                    for rest in walk(index + 1, 0, cell + 1):
                        yield [value, *rest]
            elif viable(index, end, cell + 1):
                for rest in walk(index, end, cell + 1):
                    yield [value, *rest]

    if not viable(0, 0, 0):
        return
    for values in walk(0, 0, 0):
        yield tuple(values)


@attrs.frozen
class RowCuts:
    """One row whose figures are a run: its cells and candidate cuts.

    Attributes:
        cells: the ids of the row's cells, in order.
        candidates: the cuts to choose from, each one value per cell.
        stand_in: when no candidate fits the row's own checks, the cuts that
            stand in for it while the other rows are searched (a page number
            glued to the run, `_glued_pages`); the row itself is never
            settled by them.
    """

    cells: tuple[str, ...]
    candidates: tuple[Cut, ...]
    stand_in: Callable[[], Sequence[Cut]] | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Solved:
    """What `solve` says about one row.

    Attributes:
        value: the one cut left, when every check-consistent combination of
            the table agrees on it; None otherwise.
        left: the cuts still possible (all of them when the checks rule out
            every combination, or the search was cut short).
        confirmed: a check involving the row holds with ``value`` (so the
            cut is not just the only one left because nothing could be checked).
        capped: the search stopped at its limit before it was complete.
        conflict: no combination satisfies every check (the published figures
            break a rule somewhere); then each row was judged on its own checks.
    """

    value: Cut | None
    left: tuple[Cut, ...]
    confirmed: bool = False
    capped: bool = False
    conflict: bool = False


def _holds(check: Check, lookup: Mapping[str, CellValue]) -> bool | None:
    figures = []
    for cell in check.cells:
        value = lookup.get(cell.id)
        if value is None or isinstance(value, Mark):
            return None
        figures.append(value)
    lhs = sum(figures[: len(check.lhs)])
    rhs = sum(figures[len(check.lhs) :])
    return bool(lhs == rhs)


class _Lookup(Mapping[str, CellValue]):
    """The known figures, overlaid with the cells of the rows assigned so far."""

    def __init__(self, known: Mapping[str, CellValue]) -> None:
        self.known = known
        self.over: dict[str, CellValue] = {}

    def __getitem__(self, key: str) -> CellValue:
        if key in self.over:
            return self.over[key]
        return self.known[key]

    def get(self, key: str, default: object = None) -> CellValue | None:  # type: ignore[override]
        found = self.over.get(key)
        if found is not None:
            return found
        return self.known.get(key)

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - not used
        return iter({**self.known, **self.over})

    def __len__(self) -> int:  # pragma: no cover - not used
        return len({**self.known, **self.over})

    def put(self, cells: Sequence[str], values: Sequence[CellValue]) -> None:
        for cell, value in zip(cells, values, strict=True):
            self.over[cell] = value

    def drop(self, cells: Sequence[str]) -> None:
        for cell in cells:
            self.over.pop(cell, None)


_MAX_PASSES = 64
"""The most passes of `_narrow` over the checks."""


def _narrow(
    rows: Sequence[RowCuts],
    checks: Sequence[Check],
    owner: Mapping[str, int],
    known: Mapping[str, CellValue],
    local: Sequence[list[Cut]],
) -> list[list[Cut]]:
    """Each row's cuts that some choice of the other rows' cuts could fit.

    For every check, a cut is dropped when its share of the equation plus the
    least and the most the other rows' cuts can add cannot balance. A cut
    holding a mark (a blank) in a check's cells is never dropped by that check,
    and a row with such a cut bounds nothing.
    """
    search = [list(cuts) for cuts in local]
    places = [{cell: i for i, cell in enumerate(r.cells)} for r in rows]
    owner_of = owner.get
    known_of = known.get
    plans = []
    for check in checks:
        constant: int | Decimal = 0
        parts: dict[int, list[tuple[int, int]]] = {}
        usable = True
        sign = 1  # the checked side, then the other
        for side in (check.lhs, check.rhs):
            for cell in side:
                cell_id = cell.id
                row = owner_of(cell_id)
                if row is not None:
                    parts.setdefault(row, []).append((places[row][cell_id], sign))
                    continue
                value = known_of(cell_id)
                if value is None or isinstance(value, Mark):
                    usable = False
                    break
                constant += sign * value
            if not usable:
                break
            sign = -1
        if usable and parts:
            plans.append((constant, parts))
    # A plan is tested again only when one of its rows lost cuts since.
    version = [0] * len(rows)
    tested: list[dict[int, int]] = [{} for _ in plans]
    shares: list[dict[int, list[int | Decimal | None]]] = [{} for _ in plans]
    for _ in range(_MAX_PASSES):
        changed = False
        for number, (constant, parts) in enumerate(plans):
            done = tested[number]
            if done and all(done[row] == version[row] for row in parts):
                continue
            mine = shares[number]
            for row, positions in parts.items():
                if done.get(row) != version[row] or row not in mine:
                    if len(positions) == 1:  # `_share` of one cell, inline
                        ((at, sign),) = positions
                        mine[row] = [
                            None if isinstance(cut[at], Mark) else 0 + sign * cut[at]  # type: ignore[operator]
                            for cut in search[row]
                        ]
                    else:
                        mine[row] = [_share(cut, positions) for cut in search[row]]
                done[row] = version[row]
            low: dict[int, int | Decimal] = {}
            high: dict[int, int | Decimal] = {}
            wild = set()
            for row, values in mine.items():
                if None in values or not values:
                    wild.add(row)
                    continue
                figures = cast("list[int | Decimal]", values)  # no None in it
                low[row], high[row] = min(figures), max(figures)
            if len(wild) > 1:
                continue  # every row has another that may hold a mark: no bound
            sum_low = constant + sum(low.values())
            sum_high = constant + sum(high.values())
            for row, values in mine.items():
                if wild and row not in wild:
                    continue  # another row may hold a mark: no bound
                rest_low = sum_low - low.get(row, 0)
                rest_high = sum_high - high.get(row, 0)
                keep = [
                    share is None or rest_low + share <= 0 <= rest_high + share
                    for share in values
                ]
                if not all(keep):
                    search[row] = [
                        c for c, k in zip(search[row], keep, strict=True) if k
                    ]
                    mine[row] = [v for v, k in zip(values, keep, strict=True) if k]
                    version[row] += 1
                    changed = True
        if not changed:
            break
    return search


def _share(cut: Cut, positions: Sequence[tuple[int, int]]) -> int | Decimal | None:
    total: int | Decimal = 0
    for position, sign in positions:
        value = cut[position]
        if isinstance(value, Mark):
            return None
        total += sign * value
    return total


def solve(
    rows: Sequence[RowCuts],
    checks: Sequence[Check],
    known: Mapping[str, CellValue],
    *,
    max_nodes: int = MAX_NODES,
    deadline: Deadline | None = None,
) -> list[Solved]:
    """Which cut of each row the table's checks leave, all rows taken together.

    Args:
        rows: the rows with candidate cuts; no two share a cell.
        checks: the table's equations (`compile_checks`).
        known: the figures read for certain (other rows of the table).
        max_nodes: the most steps of the search; past it the rows not yet
            settled are reported with every cut left (``capped``).
        deadline: checked every 1,024 steps.

    Returns:
        One `Solved` per row, in order. A row no candidate of which fits its
        own checks (or only ones with a blank, which bound nothing) is never
        settled; when it has a `RowCuts.stand_in`, the
        other rows are searched again with those cuts standing in for it (the
        column sums through it then bound them), and taken from that search
        unless it finds the checks cannot all hold.
    """
    alone = _solve(rows, checks, known, max_nodes=max_nodes, deadline=deadline)
    unfit = [
        i
        for i, (row, outcome) in enumerate(zip(rows, alone, strict=True))
        if row.stand_in is not None and all(Mark.BLANK in c for c in outcome.left)
    ]
    if not unfit or len(unfit) == len(rows):
        return alone
    standing = list(rows)
    for i in unfit:
        given = rows[i].stand_in
        cuts_in = () if given is None else tuple(given())
        if not cuts_in:
            return alone
        standing[i] = RowCuts(rows[i].cells, cuts_in)
    helped = _solve(standing, checks, known, max_nodes=max_nodes, deadline=deadline)
    if any(o.conflict or o.capped for o in helped):
        return alone
    return [alone[i] if i in unfit else helped[i] for i in range(len(rows))]


def _solve(
    rows: Sequence[RowCuts],
    checks: Sequence[Check],
    known: Mapping[str, CellValue],
    *,
    max_nodes: int = MAX_NODES,
    deadline: Deadline | None = None,
) -> list[Solved]:
    """`solve` without stand-ins: one search of ``rows`` as they are."""
    owner: dict[str, int] = {}
    for index, row in enumerate(rows):
        for cell in row.cells:
            owner[cell] = index
    lookup = _Lookup(known)
    # the rows each check reads a cell of (the cells of each check taken once)
    rows_of_check = [
        {owner[c.id] for c in (*check.lhs, *check.rhs) if c.id in owner}
        for check in checks
    ]
    touching: list[list[Check]] = [[] for _ in rows]
    for check, rows_of in zip(checks, rows_of_check, strict=True):
        for index in rows_of:
            touching[index].append(check)

    # Each row on its own: the checks over its cells and figures already known.
    own = [
        ch
        for ch, rows_of in zip(checks, rows_of_check, strict=True)
        if len(rows_of) == 1
    ]
    local = _narrow(rows, own, owner, known, [list(r.candidates) for r in rows])
    # Then all rows together: first narrow each row's cuts by the bounds the
    # other rows' cuts put on every check (cheap, and it settles most tables),
    # then a depth-first search, fewest cuts first, each check tested as soon
    # as its last row is assigned.
    # (one row alone: every check it can be tested by was applied already)
    search = local if len(rows) == 1 else _narrow(rows, checks, owner, known, local)
    seen: list[set[Cut]] = [set() for _ in rows]
    narrowed_out = any(local[i] and not search[i] for i in range(len(rows)))
    fixed = {
        i: search[i][0]
        for i in range(len(rows))
        if len(search[i]) == 1 and not narrowed_out
    }
    for i, cut in fixed.items():
        lookup.put(rows[i].cells, cut)  # stays put through the search
        seen[i].add(cut)
    order = sorted(
        (i for i in range(len(rows)) if len(search[i]) > 1 and not narrowed_out),
        key=lambda i: len(search[i]),
    )
    depth_of = {row: depth for depth, row in enumerate(order)}
    at_depth: list[list[Check]] = [[] for _ in order]
    for check, rows_of in zip(checks, rows_of_check, strict=True):
        if not rows_of or not rows_of <= depth_of.keys() | fixed.keys():
            continue
        searched = [depth_of[r] for r in rows_of if r in depth_of]
        if searched:
            at_depth[max(searched)].append(check)
    first: dict[int, Cut] | None = None
    nodes = 0
    capped = False
    early = False  # stopped once every row was seen cut two ways
    choice = [0] * len(order)
    depth = 0
    settled_all = not order
    while order and depth >= 0:
        if depth == len(order):
            # a combination under which every check holds
            if first is None:
                first = {order[d]: search[order[d]][choice[d]] for d in range(depth)}
                first.update(fixed)
            for d in range(depth):
                seen[order[d]].add(search[order[d]][choice[d]])
            if all(len(seen[r]) > 1 for r in order):
                early = True
                break  # every row is ambiguous already: nothing more to learn
            depth -= 1
            if depth >= 0:
                lookup.drop(rows[order[depth]].cells)
                choice[depth] += 1
            continue
        current = order[depth]
        if choice[depth] >= len(search[current]):
            choice[depth] = 0
            depth -= 1
            if depth >= 0:
                lookup.drop(rows[order[depth]].cells)
                choice[depth] += 1
            continue
        nodes += 1
        if nodes > max_nodes:
            capped = True
            break
        if deadline is not None and not nodes % 1024:
            deadline.check("核对连写数字的拆分")
        lookup.put(rows[current].cells, search[current][choice[depth]])
        if all(_holds(ch, lookup) is not False for ch in at_depth[depth]):
            depth += 1
            if depth < len(order):
                choice[depth] = 0
            continue
        lookup.drop(rows[current].cells)
        choice[depth] += 1
    else:
        settled_all = True
    if not order and not narrowed_out:
        first = dict(fixed)
    complete = settled_all or (not capped and first is not None)
    conflict = narrowed_out or (complete and first is None and bool(order))
    results: list[Solved] = []
    for index, row in enumerate(rows):
        if not local[index]:
            results.append(Solved(None, (), conflict=conflict))
            continue
        if conflict:
            left = tuple(local[index])
        elif capped or early:
            left = tuple(search[index])
        else:
            left = tuple(c for c in search[index] if c in seen[index])
        if capped or len(left) != 1:
            results.append(Solved(None, left, capped=capped, conflict=conflict))
            continue
        value = left[0]
        assignment = dict(first or {})
        lookup.over.clear()
        for other, cut in assignment.items():
            lookup.put(rows[other].cells, cut)
        lookup.put(row.cells, value)
        confirmed = any(_holds(ch, lookup) is True for ch in touching[index])
        lookup.over.clear()
        results.append(Solved(value, left, confirmed=confirmed, conflict=conflict))
    return results
