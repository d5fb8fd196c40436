"""The fuzzing budget: how many inputs each fuzz test draws, and for which reader.

Every fuzz test is decorated with `runs`, naming the reader it exercises and
two counts:

- ``fast``: the default (CI) count, multiplied by ``FUZZ_SCALE=N`` for a
  longer run;
- ``long``: the release count, used under ``HYPOTHESIS_PROFILE=long``. The
  long counts are set so that **every reader gets at least 100,000 inputs in
  all**: cheap inputs (arbitrary text and bytes) carry most of the count, the
  slow whole-document mutations (a Word file zipped again, a real PDF cut and
  parsed) a few thousand each.

`BUDGET` records each test's reader and counts; ``benchmarks/fuzz_long.py``
runs the long profile in parallel and adds up, per reader, the inputs
hypothesis actually ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeVar

from hypothesis import HealthCheck, settings

from govinfo_report import Mark, Report, format_spec
from govinfo_report._format import FormatVersion

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
"""Multiplies the fast counts (``FUZZ_SCALE=50`` for a longer run short of ``long``)."""

READERS = (
    "read_text",
    "read_html",
    "read_pdf",
    "read_docx",
    "read",
    "from_json",
    "from_dict",
    "from_csv",
)
"""The readers the long profile must give at least 100,000 inputs each."""


class Budget(NamedTuple):
    """What one fuzz test exercises and how many inputs it draws."""

    target: str
    """A name from `READERS`, or a helper checked against another implementation."""
    fast: int
    long: int


BUDGET: dict[str, Budget] = {}
"""Test function name -> its budget, filled in as the fuzz modules are imported."""

F = TypeVar("F", bound=Callable[..., object])


def runs(target: str, *, fast: int, long: int) -> Callable[[F], F]:
    """Hypothesis settings for a fuzz test of ``target``, recorded in `BUDGET`."""

    def decorate(test: F) -> F:
        name = test.__name__
        if name in BUDGET:
            raise ValueError(f"two fuzz tests named {name}")
        BUDGET[name] = Budget(target, fast, long)
        return settings(
            max_examples=long if LONG else max(1, int(fast * SCALE)),
            deadline=None,
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
                HealthCheck.filter_too_much,
                HealthCheck.large_base_example,
            ],
        )(test)

    return decorate


TABLE_LABELS: frozenset[str] = frozenset(
    label
    for version in FormatVersion
    for table in format_spec(version).tables
    for row in table.rows
    for label in (row.label, *row.variants, *(c.label for c in row.columns))
)
"""Every row label (with its variants) and column label of both formats: stray labels."""


def shown(value: object) -> str:
    """A figure as it is written in an input (an amount with its decimals)."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def assert_no_invented_figures(report: Report, haystack: Callable[[], str]) -> None:
    """Every figure of ``report`` is written in the input.

    ``haystack()`` gives the input's text with separators taken out; it is
    made only when the report has a figure.
    """
    text = None
    for cell_id, value in report.cells().items():
        if isinstance(value, Mark):
            continue
        if text is None:
            text = haystack()
        assert shown(value) in text, f"{cell_id} = {value} is not in the input"
