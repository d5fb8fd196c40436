"""Placing each anchor's figures in its cells, and resolving the whole match.

Chooses the format and the table-3 layout from the labels' votes, puts every
row's tokens in its cells (`_place`), splits digits run together only when the
table's cross-checks allow exactly one way (`_splits`, `Check.holds`), and stores
the figures with a finding for every row that repeats (`_store`). The result
is a `GridMatch`.

Over 500 lines: placing one row, splitting its digit runs (the digit-run rows
of a dump too: `_place_run`, then `_solve_deferred` with every check of the
table) and resolving the whole match (header order, deferred splits, repeats)
share the same per-row state and the table's cross-checks; apart they would
pass it all around.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from itertools import combinations

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import (
    AmountUnit,
    CellKind,
    CellSpec,
    FormatVersion,
    Outcome,
    TableId,
    TableSpec,
    format_spec,
)
from govinfo_report._limits import Deadline
from govinfo_report._readers import _runs
from govinfo_report._readers._cells import (
    CACHED_CHARS,
    cell_value,
    not_a_figure,
    parse_value,
    reading_finding,
    short_count_value,
)
from govinfo_report._readers._glued_pages import glued_page_doubt, stand_in
from govinfo_report._readers._halves import joined_halves
from govinfo_report._readers._header_extra import without_added_columns
from govinfo_report._readers._header_order import order_cells
from govinfo_report._readers._matcher import GridMatch, _Anchor, _Matcher, _Token
from govinfo_report._readers._misread_value import stopped_value
from govinfo_report._readers._spaced import one_token_a_cell
from govinfo_report._rules import Check, compile_checks
from govinfo_report._values import CellValue, Mark

_COUNT = CellKind.COUNT  # (a module's name: no lookup through the enum a cell)


def _choose_version(
    matcher: _Matcher, year: int | None, hint: FormatVersion | None = None
) -> tuple[FormatVersion, bool]:
    """The format the labels show (and True), else the caller's, else by year."""
    v2019 = matcher.votes.count(FormatVersion.V2019)
    v2021 = matcher.votes.count(FormatVersion.V2021)
    for anchor in matcher.anchors:
        if anchor.ref is not None and anchor.ref.row_id == "licensing":
            count = sum(1 for t in anchor.tokens if not t.empty)
            if any(_runs.is_run(t.text) for t in anchor.tokens):
                continue  # a run of digits says nothing about the columns
            if count == 3:
                v2019 += 1
            elif count == 1:
                v2021 += 1
    if v2019 != v2021:
        return (FormatVersion.V2019 if v2019 > v2021 else FormatVersion.V2021), True
    if hint is not None:
        return hint, False
    if year is not None and year <= 2020:
        return FormatVersion.V2019, False
    return FormatVersion.V2021, False


_OTHER = Outcome.OTHER.value  # (an enum's value is a property call)


def _choose_requests_layout(matcher: _Matcher, version: FormatVersion) -> FormatVersion:
    if version is FormatVersion.V2019:
        return version
    other_row = False
    sub_rows = False
    for anchor in matcher.anchors:
        if anchor.ref is None or anchor.ref.table is not TableId.REQUESTS:
            continue
        if anchor.ref.row_id == _OTHER and anchor.has_values:
            other_row = True
        elif anchor.ref.row_id.startswith("other."):
            sub_rows = True
    return FormatVersion.V2019 if other_row and not sub_rows else FormatVersion.V2021


def _anchor_cells(anchor: _Anchor, spec: TableSpec) -> tuple[CellSpec, ...] | None:
    if anchor.ref is None:
        return spec.cells
    return _row_cells(spec, anchor.ref.row_id)


@cache
def _row_cells(spec: TableSpec, row_id: str) -> tuple[CellSpec, ...] | None:
    """The cells of one row of the table; None when it has no such row."""
    try:
        row = spec.row(row_id)
    except KeyError:
        return None
    start = spec.index[f"{spec.id.value}.{row.id}.{row.columns[0].id}"]
    return spec.cells[start : start + len(row.columns)]


def _row_checks(spec: TableSpec, cells: tuple[CellSpec, ...]) -> list[Check]:
    return list(_row_checks_cached(spec, _first(cells).id, len(cells)))


def _first(cells: Sequence[CellSpec]) -> CellSpec:
    """The row's first cell in the format (cells may come in the header's order)."""
    return min(cells, key=lambda c: c.index)


@cache
def _row_checks_cached(spec: TableSpec, first: str, count: int) -> tuple[Check, ...]:
    start = spec.index[first]
    ids = {c.id for c in spec.cells[start : start + count]}
    return tuple(
        check for check in compile_checks(spec) if all(c.id in ids for c in check.cells)
    )


@cache
def _touching_checks(spec: TableSpec, first: str, count: int) -> tuple[Check, ...]:
    """The checks of the table that involve any cell of the row."""
    start = spec.index[first]
    ids = {c.id for c in spec.cells[start : start + count]}
    return tuple(
        check for check in compile_checks(spec) if any(c.id in ids for c in check.cells)
    )


def _confirmed(
    checks: Sequence[Check], cells: Sequence[CellSpec], candidate: Sequence[CellValue]
) -> bool:
    """True when some check of the row holds with the candidate's figures."""
    trial = {c.id: v for c, v in zip(cells, candidate, strict=True)}
    return any(check.holds(trial) is True for check in checks)


_MAX_SPLITS = 50_000

_MAX_RUN_CUTS = 100_000
"""The most candidate cuts of digit runs listed over all rows of one input."""


def _splits(run: str, n: int) -> Iterator[tuple[int, ...]] | None:
    """Every way of cutting one run of digits into ``n`` numbers (no leading zeros).

    None when there are too many ways to try (more than `_MAX_SPLITS`).
    """
    if len(run) < n or math.comb(len(run) - 1, n - 1) > _MAX_SPLITS:
        return None

    def cut(rest: str, parts: int) -> Iterator[tuple[int, ...]]:
        if parts == 1:
            if len(rest) == 1 or rest[0] != "0":
                yield (int(rest),)
            return
        for size in range(1, len(rest) - parts + 2):
            head = rest[:size]
            if len(head) > 1 and head[0] == "0":
                break
            for tail in cut(rest[size:], parts - 1):
                yield (int(head), *tail)

    return cut(run, n)


@attrs.define
class _Placed:
    values: list[CellValue] | None = None
    candidates: list[_runs.Cut] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    partial: bool = False
    units: dict[str, AmountUnit] = attrs.field(factory=dict)
    """cell id → the unit printed for an amount of published unit (2019 采购总金额)."""
    unsplit: bool = False
    """A run cut no way (or one way, in doubt): the table's search still takes
    its stand-in cuts (`_glued_pages`)."""


def _with_label_unit(
    anchor: _Anchor, cells: Sequence[CellSpec], units: dict[str, str]
) -> dict[str, str]:
    """The header's units, with the unit the row label prints for its amounts."""
    if anchor.unit is None:
        return units
    own = {c.id: anchor.unit for c in cells if c.kind is CellKind.AMOUNT}
    return {**units, **own}


def _place(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    spec: TableSpec,
    *,
    last: bool,
    truncated: bool,
    budget: list[int] | None = None,
    deadline: Deadline | None = None,
    units: Mapping[str, str] | None = None,
) -> _Placed:
    """Put one row's tokens into its cells, or say why they cannot be placed.

    ``budget`` (one number, decreased) bounds the cuts of digit runs listed
    over all rows of the input. ``units``: cell id → the amount unit its
    column's header prints (else the unit of the format's column label).
    """
    n = len(cells)
    tokens = anchor.tokens
    filled = [t for t in tokens if not t.empty]
    result = _Placed()

    def parse(chosen: Sequence[_Token]) -> list[CellValue] | None:
        values: list[CellValue] = []
        unit_of = units.get if units else None
        for cell, token in zip(cells, chosen, strict=False):
            text = token.text
            head = None if unit_of is None else unit_of(cell.id)
            if head is None and text.isascii() and text.isdigit():
                # `cell_value`'s common case (ASCII digits, no unit, no mark)
                # without its checks: the figure as `parse_value` reads it
                kind = cell.column.kind  # (`kind`, no call)
                value = (
                    short_count_value(text)
                    if kind is _COUNT and len(text) <= CACHED_CHARS
                    else parse_value(text, kind)
                )
                if value is not None:
                    values.append(value)
                    continue
            value, note, unit = cell_value(
                _runs.run_text(text), cell, token.where, head
            )
            if unit is not None:
                result.units[cell.id] = unit
            if note is not None:
                result.findings.append(note)
                if value is None:
                    values.append(Mark.MISSING)
                    continue
            # (a dump's run keeps its mark here: its stop may be the next
            # label's number, ``12686.属于…``, not a stray one)
            printed = _runs.run_text(token.text)  # what the messages show
            if value is None:
                value = stopped_value(token.text, cell, token.where, result.findings)
            if value is None:
                result.findings.append(
                    reading_finding(
                        FindingKind.UNREAD_LINE,
                        token.where,
                        f"{cell.place}：“{shortened(printed, 40)}”"
                        + not_a_figure(printed, cell.kind),
                        cells=[cell.id],
                    )
                )
                value = Mark.MISSING
            values.append(value)
        return values

    if len(tokens) == 1 and _runs.is_run(tokens[0].text):
        if n == 1 and units and cells[0].id in units:
            # a dump's one figure under a unit (``收费金额（单位：元）``): read
            # with it (converted), not as a bare run in the column's unit
            result.values = parse(tokens)
            return result
        return _place_run(anchor, cells, spec, budget, deadline)
    if len(filled) == n:  # the common case: one figure a cell
        result.values = parse(filled)
        return result
    # for the rows that need a closer look (and their messages) only
    place = _place_name(anchor, spec)
    where = anchor.where
    shown = shortened(" ".join(_runs.run_text(t.text) for t in filled), 120)
    checks = _row_checks(spec, cells)
    if len(filled) < n:
        runs = [t.text.strip() for t in filled]
        if (
            len(runs) == 1
            and runs[0].isdigit()
            and len(tokens) == 1
            and _touching_checks(spec, _first(cells).id, n)
        ):
            # Figures run together, every separator lost (spec §5): only the
            # cross-checks may split them. A row that still has separators but
            # too few figures has lost a cell, not a separator: splitting one of
            # its figures would be a guess that a check can confirm by chance
            # (``6 9 24 6 5 32`` for 7 cells, read as 6 9 2 4 6 5 32).
            splits = _splits(runs[0], n)
            if splits is not None:
                ok: list[_runs.Cut] = []
                for candidate in splits:
                    trial: dict[str, CellValue] = {
                        c.id: v for c, v in zip(cells, candidate, strict=True)
                    }
                    if all(ch.holds(trial) is not False for ch in checks):
                        ok.append(candidate)
                        if len(ok) > 200:
                            break
                if len(ok) == 1 and _confirmed(checks, cells, ok[0]):
                    result.values = list(ok[0])
                    result.findings.append(
                        reading_finding(
                            FindingKind.AMBIGUOUS,
                            where,
                            f"{place}：数字连写为“{shown}”，按勾稽关系只有一种拆分"
                            f"（{' '.join(map(str, ok[0]))}），已按此读入",
                            cells=[c.id for c in cells],
                            severity=Severity.WARNING,
                        )
                    )
                    return result
                if ok:
                    result.candidates = ok  # the table's checks decide
                    return result
                if len(runs) == 1 and len(runs[0]) > 1 and not (last and truncated):
                    result.findings.append(
                        reading_finding(
                            FindingKind.AMBIGUOUS,
                            where,
                            f"{place}：数字连写为“{shown}”，无法按勾稽关系拆分为 {n} 个数字",
                            cells=[c.id for c in cells],
                        )
                    )
                    return result
        if len(tokens) >= n:
            # Empty cells are blanks where they stand between figures (or the
            # row has exactly its n cells); empties next to the cut-off ones
            # could be fillers or a deleted cell's place, so they decide nothing.
            size = len(tokens)
            windows = {(0, n), (size - n, size)}
            fitting = [
                (a, b)
                for a, b in windows
                if sum(1 for t in tokens[a:b] if not t.empty) == len(filled)
                and (
                    size == n
                    or (a == 0 and not tokens[b - 1].empty)
                    or (b == size and not tokens[a].empty)
                )
            ]
            if len(fitting) == 1:
                a, b = fitting[0]
                result.values = parse(tokens[a:b])
                return result
        if last and truncated:
            partial = parse(filled) or []
            result.values = partial + [Mark.MISSING] * (n - len(partial))
            result.partial = True
            return result
        result.findings.append(
            reading_finding(
                FindingKind.MISSING_CELL,
                where,
                f"{place}：应有 {n} 个数字，只读到 {len(filled)} 个（{shown or '无'}），"
                "无法确定缺少哪一个，本行记为缺失",
                cells=[c.id for c in cells],
            )
        )
        return result
    # More figures than columns: drop the surplus only where the row's own
    # cross-checks leave exactly one choice.
    surplus = len(filled) - n
    outcomes: set[tuple[str, ...]] = set()
    dropped: dict[tuple[str, ...], list[str]] = {}
    if checks and math.comb(len(filled), surplus) <= 2000:
        for drop in combinations(range(len(filled)), surplus):
            kept = [t for i, t in enumerate(filled) if i not in drop]
            texts = tuple(t.text for t in kept)
            values_list = [
                parse_value(t.text, c.kind) for c, t in zip(cells, kept, strict=True)
            ]
            kept_values: dict[str, CellValue] = {
                c.id: v
                for c, v in zip(cells, values_list, strict=True)
                if v is not None
            }
            if len(kept_values) == n and all(
                ch.holds(kept_values) is True for ch in checks
            ):
                outcomes.add(texts)
                dropped[texts] = [filled[i].text for i in drop]
    elif not checks and len({t.text for t in filled}) == 1:
        # Without a cross-check only identical figures can be told apart.
        outcomes.add(tuple(t.text for t in filled[:n]))
        dropped[tuple(t.text for t in filled[:n])] = [filled[0].text] * surplus
    if len(outcomes) == 1:
        texts = next(iter(outcomes))
        result.values = parse([_Token(t, where) for t in texts])
        result.findings.append(
            reading_finding(
                FindingKind.EXTRA_CELL,
                where,
                f"{place}：应有 {n} 个数字，读到 {len(filled)} 个（{shown}）；"
                f"多出的“{' '.join(dropped[texts])}”按勾稽关系可确定，已略去",
                cells=[c.id for c in cells],
                severity=Severity.WARNING,
            )
        )
        return result
    if anchor.spaced is not None:
        found = one_token_a_cell(tokens, anchor.spaced, n)
        if found is not None:  # one cell in doubt, not the row: `_spaced`
            chosen, at = found
            values = parse([_Token(t.text.split()[0], t.where) for t in chosen]) or []
            result.values = values
            for k in at:
                values[k] = Mark.MISSING
                result.findings.append(
                    reading_finding(
                        FindingKind.EXTRA_CELL,
                        chosen[k].where,
                        f"{cells[k].place}：一格中的“{shortened(chosen[k].text, 40)}”"
                        "中间有空格，是一个数字还是两个无法确定，该格记为缺失",
                        cells=[cells[k].id],
                    )
                )
            return result
    result.findings.append(
        reading_finding(
            FindingKind.EXTRA_CELL,
            where,
            f"{place}：应有 {n} 个数字，读到 {len(filled)} 个（{shown}），"
            "无法确定多出的是哪一个，本行记为缺失",
            cells=[c.id for c in cells],
        )
    )
    return result


def _place_run(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    spec: TableSpec,
    budget: list[int] | None,
    deadline: Deadline | None,
) -> _Placed:
    """A dump's run of digits: cut it one way, or list its cuts for `_resolve`."""
    result = _Placed()
    run = _runs.run_text(anchor.tokens[0].text)
    n = len(cells)
    limit = _runs.MAX_CUTS if budget is None else min(_runs.MAX_CUTS, budget[0])
    found = _runs.cuts(run, [c.kind for c in cells], limit=limit, deadline=deadline)
    place = _place_name(anchor, spec)
    shown = shortened(run, 60)
    ids = [c.id for c in cells]
    if found is None:
        result.findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS_CELLS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，可拆分为 {n} 个数字的方式超过 "
                f"{limit} 种，无法确定，本行记为缺失",
                cells=ids,
            )
        )
        return result
    if budget is not None:
        budget[0] -= len(found)
    if not found:
        result.findings.append(
            reading_finding(
                FindingKind.MISSING_CELL,
                anchor.where,
                f"{place}：数字连写为“{shown}”，无法拆分为 {n} 个数字，本行记为缺失",
                cells=ids,
            )
        )
        result.unsplit = True  # still searched, for its stand-in: `_glued_pages`
        return result
    if len(found) == 1 and Mark.BLANK not in found[0]:
        doubt = glued_page_doubt(run, found[0], cells, spec, anchor.where, place)
        if doubt is not None:  # a page number may be run into the digits
            result.findings.append(doubt)
            result.unsplit = True  # still searched, for its stand-in
            return result
        result.values = list(found[0])  # the digits cut only one way
        return result
    result.candidates = found
    return result


def _cut_text(cut: Sequence[CellValue]) -> str:
    return "/".join("空" if v is Mark.BLANK else str(v) for v in cut)


def _solve_deferred(
    deferred: Sequence[tuple[_Anchor, tuple[CellSpec, ...], list[_runs.Cut]]],
    specs: Mapping[TableId, TableSpec],
    values: dict[str, CellValue],
    owner: dict[str, _Anchor],
    findings: list[Finding],
    deadline: Deadline | None,
) -> None:
    """Cut the rows whose digits run together, all rows of a table together.

    A cut is taken only when every combination of the rows' cuts under which
    the table's cross-checks hold agrees on it and a check confirms it, and it
    has no blank (a blank cell may print nothing: where it stands is a guess).
    """
    for table in TableId:
        group = [d for d in deferred if d[0].table is table]
        if not group:
            continue
        spec = specs[table]
        rows: list[tuple[_Anchor, tuple[CellSpec, ...], list[_runs.Cut]]] = []
        claimed = set(owner)
        for anchor, cells, candidates in group:
            if not candidates and any(c.id in claimed for c in cells):
                continue  # cut no way, reported already: no stand-in
            if any(c.id in claimed for c in cells):
                findings.append(
                    reading_finding(
                        FindingKind.AMBIGUOUS_CELLS,
                        anchor.where,
                        f"{_place_name(anchor, spec)}：本行重复出现，且其数字连写、"
                        "可拆分不止一种，本行记为缺失",
                        cells=[c.id for c in cells],
                    )
                )
                for cell in cells:
                    values[cell.id] = Mark.MISSING
                continue
            claimed.update(c.id for c in cells)
            rows.append((anchor, cells, candidates))
        solved = _runs.solve(
            [
                _runs.RowCuts(
                    tuple(c.id for c in cells),
                    tuple(candidates),
                    stand_in(
                        _runs.run_text(anchor.tokens[0].text),
                        [c.kind for c in cells],
                        deadline,
                    )
                    if _runs.is_run(anchor.tokens[0].text)
                    else None,
                )
                for anchor, cells, candidates in rows
            ],
            compile_checks(spec),
            values,
            deadline=deadline,
        )
        for (anchor, cells, candidates), outcome in zip(rows, solved, strict=True):
            if not candidates:  # cut no way, reported already: `_place_run`
                for cell in cells:
                    values.setdefault(cell.id, Mark.MISSING)
                continue
            _settle(anchor, cells, candidates, outcome, spec, values, owner, findings)


def _settle(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    candidates: list[_runs.Cut],
    outcome: _runs.Solved,
    spec: TableSpec,
    values: dict[str, CellValue],
    owner: dict[str, _Anchor],
    findings: list[Finding],
) -> None:
    place = _place_name(anchor, spec)
    shown = shortened(
        " ".join(_runs.run_text(t.text) for t in anchor.tokens if not t.empty), 60
    )
    ids = [c.id for c in cells]
    n = len(cells)
    value = outcome.value
    if value is not None and outcome.confirmed and Mark.BLANK not in value:
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，按勾稽关系只有一种拆分"
                f"（{' '.join(map(str, value))}），已按此读入",
                cells=ids,
                severity=Severity.WARNING,
            )
        )
        _store(
            anchor, cells, list(value), values, owner, findings, spec
        )  # digits only: no unit
        return
    left = list(outcome.left)
    if not left:
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，无法按勾稽关系拆分为 {n} 个数字，"
                "本行记为缺失",
                cells=ids,
            )
        )
    elif all(Mark.BLANK in cut for cut in left):
        digits = sum(ch.isdigit() for ch in shown)
        findings.append(
            reading_finding(
                FindingKind.MISSING_CELL,
                anchor.where,
                f"{place}：应有 {n} 个数字，连写的“{shown}”只有 {digits} 位，"
                "其中的空格可能是一个空白单元格，但空白单元格也可能不留痕迹，"
                f"无法确定 {n} 格中哪一格空白或缺失（如 {_cut_text(left[0])}），本行记为缺失",
                cells=ids,
            )
        )
    else:
        examples = "；".join(_cut_text(cut) for cut in left[:8])
        more = "等" if len(left) > 8 else ""
        why = (
            "组合过多，未能核对完"
            if outcome.capped
            else "公布的数字不满足勾稽关系，无从核对"
            if outcome.conflict
            else "勾稽关系无法确定是哪一种"
        )
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS_CELLS,
                anchor.where,
                f"{place}：数字连写为“{shown}”，可拆分为 {len(left)} 种"
                f"（{examples}{more}），{why}，本行记为缺失",
                cells=ids,
            )
        )
    del candidates
    for cell in cells:
        values.setdefault(cell.id, Mark.MISSING)


def _place_name(anchor: _Anchor, spec: TableSpec) -> str:
    if anchor.ref is None:
        return f"{spec.id.name_zh} 数字行"
    try:
        return f"{spec.id.name_zh} {spec.row(anchor.ref.row_id).label}"
    except KeyError:
        return f"{spec.id.name_zh} {anchor.text}"


def _resolve(
    matcher: _Matcher,
    *,
    year: int | None,
    truncated: bool,
    deadline: Deadline | None = None,
    format_version: FormatVersion | None = None,
) -> GridMatch:
    version, stated = _choose_version(matcher, year, format_version)
    requests_layout = _choose_requests_layout(matcher, version)
    specs = {
        TableId.ACTIVE: format_spec(version).active,
        TableId.REQUESTS: format_spec(requests_layout).requests,
        TableId.APPEALS: format_spec(version).appeals,
    }
    findings = list(matcher.findings)
    values: dict[str, CellValue] = {}
    amount_units: dict[str, AmountUnit] = {}
    owner: dict[str, _Anchor] = {}
    deferred: list[tuple[_Anchor, tuple[CellSpec, ...], list[_runs.Cut]]] = []
    budget = [_MAX_RUN_CUTS]
    anchors = matcher.anchors
    if matcher.repeated:
        anchors, joined = joined_halves(
            anchors,
            lambda a: _anchor_cells(a, specs[a.table]),
            lambda a: _place_name(a, specs[a.table]),
        )
        findings.extend(joined)
    last_anchor = anchors[-1] if anchors else None
    with_values = {a.ref for a in anchors if a.has_values}
    for anchor in anchors:
        spec = specs[anchor.table]
        cells = _anchor_cells(anchor, spec)
        if cells is None:
            if (
                anchor.ref is not None
                and anchor.ref.row_id == Outcome.OTHER.value
                and not anchor.has_values
            ):
                continue  # the 2021 group cell （六）其他处理
            shown = shortened(
                " ".join(_runs.run_text(t.text) for t in anchor.tokens if not t.empty),
                120,
            )
            findings.append(
                reading_finding(
                    FindingKind.UNKNOWN_LABEL,
                    anchor.where,
                    f"“{shortened(anchor.text, 40)}”不是{spec.layout.value} 版格式{spec.id.name_zh}的行"
                    + (f"，其数字（{shortened(shown, 120)}）未读入" if shown else ""),
                )
            )
            continue
        if not anchor.has_values and anchor.ref in with_values:
            continue  # the label again without figures (a spanning cell)
        ordered = order_cells(anchor.header, cells, anchor.ref is None)
        if ordered.refused:
            findings.append(ordered.refusal(_place_name(anchor, spec), anchor.where))
            for cell in cells:
                values.setdefault(cell.id, Mark.MISSING)
            continue
        cells = ordered.cells
        if anchor.doubtful and anchor.has_values:
            findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    anchor.where,
                    f"{_place_name(anchor, spec)}：标签上一行有不属于任何一行的数字"
                    f"（{shortened(anchor.doubtful, 80)}），本行的数字可能分印在标签上下"
                    "两行（单元格中折行的数字），无法确定，本行记为缺失",
                    cells=[c.id for c in cells],
                )
            )
            for cell in cells:
                values.setdefault(cell.id, Mark.MISSING)
            continue
        if ordered.skip:
            kept = without_added_columns(
                anchor, ordered, _place_name(anchor, spec), findings
            )
            if kept is None:
                for cell in cells:
                    values.setdefault(cell.id, Mark.MISSING)
                continue
            anchor = kept
        placed = _place(
            anchor,
            cells,
            spec,
            last=anchor is last_anchor,
            truncated=truncated,
            budget=budget,
            deadline=deadline,
            units=ordered.units
            if anchor.unit is None
            else _with_label_unit(anchor, cells, ordered.units),
        )
        findings.extend(placed.findings)
        if placed.candidates and ordered.unknown:
            placed.candidates = []  # a column is unknown: no split can be checked
        if placed.candidates or (placed.unsplit and not ordered.unknown):
            deferred.append((anchor, cells, placed.candidates))
            continue
        if placed.values is None:
            for cell in cells:
                values.setdefault(cell.id, Mark.MISSING)
                # reported missing here: figures for it further on are a
                # second printing of the row, not its figures (`_store`)
                owner.setdefault(cell.id, anchor)
            continue
        if ordered.unknown:
            findings.append(
                ordered.unplaced(_place_name(anchor, spec), anchor.where, placed.values)
            )
        if _store(anchor, cells, placed.values, values, owner, findings, spec):
            amount_units.update(placed.units)
    _solve_deferred(deferred, specs, values, owner, findings, deadline)
    last: tuple[TableId, str] | None = None
    last_where = ""
    last_label = ""
    if last_anchor is not None:
        spec = specs[last_anchor.table]
        cells = _anchor_cells(last_anchor, spec)
        if cells is not None:
            last = (last_anchor.table, cells[-1].id)
            last_label = cells[0].row.label if last_anchor.ref is not None else "数字行"
        last_where = last_anchor.where
    return GridMatch(
        values=values,
        findings=findings,
        format_version=version,
        requests_layout=requests_layout,
        tables=frozenset(a.table for a in anchors),
        last=last,
        last_where=last_where,
        last_label=last_label,
        version_stated=stated,
        units=amount_units,
    )


def _store(
    anchor: _Anchor,
    cells: tuple[CellSpec, ...],
    new: Sequence[CellValue],
    values: dict[str, CellValue],
    owner: dict[str, _Anchor],
    findings: list[Finding],
    spec: TableSpec,
) -> bool:
    """Keep one row's figures, unless the row was read before (then: a finding).

    True when the figures were kept.
    """
    first = owner.get(cells[0].id)
    if first is not None:
        old = [values.get(c.id) for c in cells]
        same = old == list(new)
        findings.append(
            reading_finding(
                FindingKind.EXTRA_CELL if same else FindingKind.AMBIGUOUS,
                anchor.where,
                f"{_place_name(anchor, spec)}：本行重复出现（首次在{first.where}）"
                + ("，数字相同，已忽略" if same else "，两处数字不同，本行记为缺失"),
                cells=[c.id for c in cells],
                severity=Severity.WARNING if same else Severity.ERROR,
            )
        )
        if not same:
            for cell in cells:
                values[cell.id] = Mark.MISSING
        return False
    # (a loop: `dict.update` over pairs builds and checks a tuple for each)
    for cell, value in zip(cells, new, strict=True):
        values[cell.id] = value
        owner[cell.id] = anchor
    return True


# -------------------------------------------------------------- the report
