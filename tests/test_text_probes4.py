"""read_text() probed a fourth time: tables as spreadsheets save them.

Each test builds one variant of the example report as text reaches users:
Excel's CSV with ``;`` between cells (locales with decimal commas), every cell
quoted, figures kept as text formulas (``="1268"``). Every figure read must be
the figure printed, or a finding must name the cell; a document whose figures
can be read must not be refused.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from govinfo_report import Report, example_report, read, read_text
from test_read_text import render


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _csv(
    report: Report,
    *,
    delimiter: str = ",",
    quote_all: bool = False,
    formulas: bool = False,
    thousands: bool = False,
    bom: bool = False,
) -> str:
    """The report as Excel saves it as CSV: one row a line, cells separated."""
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    for line in render(report, "tabs").splitlines():
        cells = line.split("\t")
        if thousands:
            cells = [f"{int(c):,}" if c.isdecimal() else c for c in cells]
        if formulas:
            cells = [f'="{c}"' if c.replace(".", "").isdecimal() else c for c in cells]
        writer.writerow(cells)
    return ("\ufeff" if bom else "") + out.getvalue()


_FORMS = {
    "semicolons": {"delimiter": ";"},
    "semicolons, thousands": {"delimiter": ";", "thousands": True},
    "text formulas": {"formulas": True},
    "text formulas, semicolons, BOM": {"formulas": True, "delimiter": ";", "bom": True},
    "every cell quoted": {"quote_all": True},
    "every cell quoted, semicolons": {"quote_all": True, "delimiter": ";"},
}


@pytest.mark.parametrize("form", _FORMS)
def test_a_csv_export_in_the_forms_excel_writes_reads_back(
    example: Report, form: str
) -> None:
    """``规章;0;0;0`` (Excel where the decimal mark is ``,``) and ``行政许可,="1268"``
    (figures kept as text) were no rows: all 200 cells missing; a CSV with
    every cell quoted lost its headings (``"一、总体情况"``): five sections
    said to be missing."""
    report = read_text(_csv(example, **_FORMS[form]))  # type: ignore[arg-type]
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.overview == example.overview


def test_a_semicolon_csv_file_is_read_as_the_reports_tables(
    example: Report, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(_csv(example, delimiter=";", bom=True).encode("utf-8"))
    report = read(path)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_text_formula_outside_a_csv_is_no_figure(example: Report) -> None:
    """``="1268"`` is unwrapped only in a CSV's cells, where Excel writes it."""
    text = render(example, "rows").replace("行政许可 | 1268 |", '行政许可 | ="1268" |')
    report = read_text(text)
    cell = "active.licensing.decisions"
    assert report[cell] != 1268
    assert any(cell in f.cells for f in report.reading_findings)
