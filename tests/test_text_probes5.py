"""read_text() probed a fifth time: text as hands, crawlers and pdftotext leave it.

Each test builds one variant of the example report: a CSV typed or fixed with
a Chinese input method (cells separated by ``；`` or ``，``), ... Every figure
read must be the figure printed, or a finding must name the cell; a document
whose figures can be read must not be refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_report import Report, example_report, read, read_text
from test_text_probes4 import _csv


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.mark.parametrize("delimiter", ["；", "，"])
@pytest.mark.parametrize(
    "form",
    [{}, {"quote_all": True}, {"thousands": True}, {"formulas": True, "bom": True}],
)
def test_a_csv_with_full_width_separators_reads_back(
    example: Report, delimiter: str, form: dict[str, bool]
) -> None:
    """``规章；0；0；0`` (a CSV whose separators a Chinese input method typed)
    was no row: all 200 cells missing; quoted, the text was refused as no
    report at all."""
    report = read_text(_csv(example, delimiter=delimiter, **form))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.overview == example.overview


def test_a_full_width_comma_csv_with_the_long_label_unquoted(example: Report) -> None:
    """Typed by hand, ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）`` is not
    quoted: its commas are the label's, the figures after it are its row's."""
    text = _csv(example, delimiter="，").replace(
        '"（二）部分公开（区分处理的，只计这一情形，不计其他情形）"',
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    )
    assert '"（二）' not in text
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_full_width_semicolon_csv_file_is_read(
    example: Report, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(_csv(example, delimiter="；").encode("gb18030"))
    report = read(path)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_prose_with_full_width_semicolons_is_no_csv(example: Report) -> None:
    """Prose ending ``；57`` stays prose: only rows of the format's labels
    then figures are cut at ``；``."""
    from test_read_text import render

    text = render(example, "tabs").replace(
        "一、总体情况", "一、总体情况\n全年收到申请；57\n办结；58\n结转；0\n", 1
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
