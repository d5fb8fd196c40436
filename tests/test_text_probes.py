"""read_text() probed with text in the shapes users paste and crawlers keep.

Each test builds one variant of the example report (or of a real sample) as
text reaches users: flattened copies with figures written oddly, page chrome
between rows, excerpts with the caller's ``year=``, crawler dumps whose
headers run together, are cut, or hold two reports. Every figure read must be
the figure printed, or a finding must name the cell; a document whose figures
can be read must not be refused. The traps found wrong are pinned here with
their fix; the ones read right are kept as regression tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from govinfo_report import (
    MISSING,
    Report,
    example_report,
    read_text,
)
from helpers import SAMPLES
from test_read_dumps import flatten


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _wrong(report: Report, expected: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Cells read as another figure than ``expected``, or missing with no finding."""
    named = {c for f in report.reading_findings for c in f.cells}
    return [
        (cell, value, report[cell])
        for cell, value in expected.items()
        if report[cell] != value and not (report[cell] is MISSING and cell in named)
    ]


def _dump(report: Report) -> str:
    return flatten(report).replace("标题: None", f"标题: {report.title}")


# ------------------------------------------------ crawler dumps: the header


def test_a_dumps_header_run_together_builds_the_columns(example: Report) -> None:
    """The header cells of a dump are one run of text, not one printed row:
    ``法人或其他组织商业企业…`` are a group and its columns (they were read as
    neighbours, each said to be printed twice, table 4's results under no group)."""
    report = read_text(_dump(example))
    header = [f for f in report.reading_findings if "表头" in f.message]
    assert header == []
    assert _wrong(report, dict(example.cells())) == []


@pytest.mark.parametrize("name", ["pingtan-guanweihui-2021", "pingtan-gonganju-2019"])
def test_every_finding_on_a_sample_dump_names_its_cells(name: str) -> None:
    text = (SAMPLES / f"{name}.dump.txt").read_text("utf-8")
    report = read_text(text)
    assert all(f.cells for f in report.reading_findings), [
        f.message for f in report.reading_findings if not f.cells
    ]


def test_a_dumps_columns_in_another_order_are_read_by_their_header(
    example: Report,
) -> None:
    """Table 3 printed with 总计 first, header and every row: read by the header
    (the whole table was refused)."""
    text = _dump(example)
    start, stop = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    table = _replace(
        text[start:stop],
        "申请人情况自然人法人或其他组织总计",
        "申请人情况总计自然人法人或其他组织",
    )
    for row in example.requests.spec.rows:
        figures = [str(example[f"requests.{row.id}.{c.id}"]) for c in row.columns]
        table = _replace(
            table,
            row.label + "".join(figures),
            row.label + figures[-1] + "".join(figures[:-1]),
        )
    report = read_text(text[:start] + table + text[stop:])
    assert _wrong(report, dict(example.cells())) == []
    requests = [c for c in example.cells() if c.startswith("requests.")]
    assert [c for c in requests if report[c] != example[c]] == []
