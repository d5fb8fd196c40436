"""Benchmark of the analysis: aggregate 10,000 reports, compare 10,000 pairs.

Run alone: ``python3 benchmarks/bench_analysis.py [COUNT]``. Prints reports per
second for `aggregate`, `compare_years`, `year_over_year` and `check_narrative`,
each against a baseline measured in the same run, and the peak memory
(tracemalloc) of aggregating a streamed input of 1,000 and of 10,000 reports:
the two must be about the same, since `aggregate` keeps no report.

Baselines: for `aggregate`, the obvious way (sum ``report.cells()`` into a
dict, then build the report with ``from_cells``); for the comparisons,
`validate` with ``previous=`` (the in-table rules and R5), which any caller
runs anyway.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from decimal import Decimal

import attrs

import govinfo_report as gr
from govinfo_report._model import table_type

YEAR = 2025


def _variant(base: gr.Report, i: int) -> gr.Report:
    """A new report object with figures that differ from ``base`` (every table rebuilt)."""
    tables = {}
    for table in base.tables:
        values = []
        for cell, value in table:
            varies = cell.table is not gr.TableId.REQUESTS or cell.row.id == "received"
            if isinstance(value, int) and not cell.derived and varies:
                value = value + (i % 7)
            values.append(value)
        # Re-derive the totals: rebuild from the leaf figures.
        tables[table.spec.id.value] = table_type(
            table.spec.id.value, table.spec.layout
        ).from_cells(
            {
                c.id: v
                for c, v in zip(table.spec.cells, values, strict=True)
                if not c.derived
            }
        )
    metadata = attrs.evolve(base.metadata, agency=f"部门{i}")
    return attrs.evolve(base, metadata=metadata, **tables)


def _stream(count: int) -> Iterator[gr.Report]:
    """Reports made one at a time, as a reader streaming files would."""
    base = gr.example_report()
    for i in range(count):
        yield _variant(base, i)


def _naive_aggregate(reports: list[gr.Report]) -> gr.Report:
    sums: dict[str, int | Decimal] = {}
    for report in reports:
        for cell_id, value in report.cells().items():
            assert not isinstance(value, gr.Mark)
            sums[cell_id] = sums.get(cell_id, 0) + value
    leaves = {c.id: sums[c.id] for c in reports[0].cell_specs() if not c.derived}
    return gr.from_cells(leaves, agency="合计", year=YEAR)


def _rate(label: str, count: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    rate = count / elapsed
    print(f"  {label:<44} {elapsed:8.3f} s  {rate:>10,.0f} reports/s")
    return rate


def _peak(count: int) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    gr.aggregate(_stream(count), agency="合计", year=YEAR)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _speed(count: int) -> None:
    print(
        f"bench_analysis: {count:,} reports (2021 format, {len(gr.example_report().cells())} cells each)"
    )
    start = time.perf_counter()
    reports = list(_stream(count))
    print(f"  built the input in {time.perf_counter() - start:.2f} s")

    print("aggregate:")
    fast = _rate(
        "aggregate()", count, lambda: gr.aggregate(reports, agency="合计", year=YEAR)
    )
    slow = _rate(
        "baseline: sum cells() dicts + from_cells",
        count,
        lambda: _naive_aggregate(reports),
    )
    assert gr.aggregate(reports, agency="合计", year=YEAR) == _naive_aggregate(reports)
    print(f"  ratio aggregate / baseline: {fast / slow:.2f}x")

    pairs = list(zip(reports, reports[1:] + reports[:1], strict=True))
    print(f"compare {len(pairs):,} pairs:")
    base = _rate(
        "baseline: validate(current, previous=)",
        len(pairs),
        lambda: [gr.validate(c, previous=p) for p, c in pairs],
    )
    years = _rate(
        "compare_years()",
        len(pairs),
        lambda: [gr.compare_years(p, c) for p, c in pairs],
    )
    diff = _rate(
        "year_over_year()",
        len(pairs),
        lambda: [gr.year_over_year(p, c) for p, c in pairs],
    )
    text = _rate(
        "check_narrative()", count, lambda: [gr.check_narrative(r) for r in reports]
    )
    print(f"  ratio compare_years / baseline: {years / base:.2f}x")
    print(f"  ratio year_over_year / baseline: {diff / base:.2f}x")
    print(f"  ratio check_narrative / baseline: {text / base:.2f}x")


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    _speed(count)
    print("memory of aggregate() over a streamed input (tracemalloc peak):")
    small_count = max(count // 10, 1)
    small, large = _peak(small_count), _peak(count)
    print(f"  {small_count:>7,} reports: {small / 1024:8.1f} KiB")
    print(f"  {count:>7,} reports: {large / 1024:8.1f} KiB")
    print(
        f"  ratio peak({count:,}) / peak({small_count:,}): {large / small:.2f} (flat memory: about 1)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
