"""Benchmark: build + validate the example report against a plain-dict baseline.

Ours: `from_cells` of the example's leaf figures (every total and the
carry-forward derived, every cell type-checked, the report constructed and its
cross-checks run) followed by `validate`.

Baseline, in the same run: the straightforward code a careful programmer would
write without the library: a plain ``dict`` of every cell id to its int (the
fee a ``Decimal``), all totals already filled in, checked for the same rules
R1, R2, R3, R4 (every figure an int ≥ 0, never a bool) and R6 by loops over
row and column ids. It builds nothing and derives nothing, so it is a floor.
Target: ours at most 2× the baseline.

Run: ``python3 benchmarks/bench_model.py`` (or every benchmark:
``python3 benchmarks/run.py``).
"""

from __future__ import annotations

import sys
import timeit
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import govinfo_report as gr
from govinfo_report import _examples

TARGET = 2.0

# The ids are data, read from the format table once (not timed); the baseline
# code below uses them the way a careful programmer would, without the library.
_SPEC = gr.format_spec()
COLUMNS = [c.id for c in _SPEC.requests.rows[0].columns]
APPLICANTS = COLUMNS[:-1]
ROWS = [r.id for r in _SPEC.requests.rows]
OUTCOMES = [
    r.id
    for r in _SPEC.requests.rows
    if r.id not in ("received", "carried_over", "total", "carried_forward")
]
GROUPS = [r.id for r in _SPEC.appeals.rows]
RESULTS = [c.id for c in _SPEC.appeals.rows[0].columns if c.id != "total"]


def baseline(cells: dict[str, int | Decimal]) -> list[tuple[object, ...]]:
    """R1–R4 and R6 over a plain dict of every cell: the problems found."""
    problems: list[tuple[object, ...]] = []
    for key, value in cells.items():  # R4
        if key == "active.fees.amount":
            if not isinstance(value, Decimal) or value < 0:
                problems.append(("R4", key, value))
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(("R4", key, value))
    for col in COLUMNS:
        left = cells[f"requests.received.{col}"] + cells[f"requests.carried_over.{col}"]
        right = (
            cells[f"requests.total.{col}"] + cells[f"requests.carried_forward.{col}"]
        )
        if left != right:  # R1
            problems.append(("R1", col, left, right))
        handled = sum(cells[f"requests.{row}.{col}"] for row in OUTCOMES)
        if handled != cells[f"requests.total.{col}"]:  # R2
            problems.append(("R2", col, cells[f"requests.total.{col}"], handled))
    for row in ROWS:  # R3
        parts = sum(cells[f"requests.{row}.{col}"] for col in APPLICANTS)
        if parts != cells[f"requests.{row}.total"]:
            problems.append(("R3", row, cells[f"requests.{row}.total"], parts))
    for group in GROUPS:  # R6
        parts = sum(cells[f"appeals.{group}.{r}"] for r in RESULTS)
        if parts != cells[f"appeals.{group}.total"]:
            problems.append(("R6", group, cells[f"appeals.{group}.total"], parts))
    return problems


def ours() -> list[gr.Finding]:
    """Build the example from its leaf figures, then validate it."""
    report = gr.from_cells(_examples._FIGURES, **_examples._arguments())
    return gr.validate(report)


def best(stmt: object, number: int) -> float:
    """The best of seven runs, in microseconds per call."""
    runs = timeit.repeat(stmt, number=number, repeat=7)  # type: ignore[arg-type]
    return min(runs) / number * 1e6


def main() -> int:
    report = gr.example_report()
    plain: dict[str, int | Decimal] = dict(report.cells())  # type: ignore[arg-type]
    # Both sides must agree before they are timed: clean, and each catches a break.
    assert ours() == []
    assert baseline(plain) == []
    broken = dict(plain, **{"requests.total.natural_person": 0})
    assert {p[0] for p in baseline(broken)} == {"R1", "R2", "R3"}
    number = 500
    lib = best(ours, number)
    base = best(lambda: baseline(plain), number)
    ratio = lib / base
    verdict = "within" if ratio <= TARGET else "OVER"
    print(
        f"build+validate example ({len(_examples._FIGURES)} leaf figures → "
        f"{len(plain)} cells): ours {lib:8.1f} µs  baseline (check a plain dict) "
        f"{base:8.1f} µs  ratio {ratio:.2f}× ({verdict} the {TARGET:.0f}× target)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
