"""PDFs a browser prints from a web page: tables with and without ruling lines.

A report published as a web page is often printed to PDF (by the agency or by
whoever archives it): the tables keep their rulings only where the page's
style draws borders. Printed by a real browser (Debian's Chromium, as
``.ci/run`` installs it) from the library's own web page, restyled three ways:
as written (ruled), with every border removed, and with only a line over each
row (a "three-line" table). Every figure read must be the figure printed, or a
finding must name the cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import run_chromium

import govinfo_report as gr

pytest.importorskip("pypdfium2")

STYLES = {
    "ruled": "",
    "no-rulings": "table,td,th{border:none!important}",
    "row-lines": "table,td,th{border:none!important} tr{border-top:1px solid #000}",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("printed")
    page = folder / "report.html"
    gr.write_html(gr.example_report(), page)
    html = page.read_text(encoding="utf-8")
    out = {}
    for name, style in STYLES.items():
        restyled = folder / f"{name}.html"
        restyled.write_text(
            html.replace("</head>", f"<style>{style}</style></head>"), encoding="utf-8"
        )
        pdf = folder / f"{name}.pdf"
        run_chromium(
            folder,
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            restyled.as_uri(),
        )
        out[name] = pdf
    return out


def test_the_ruled_page_reads_back_whole(printed: dict[str, Path]) -> None:
    report = gr.read_pdf(printed["ruled"])
    assert dict(report.cells()) == dict(gr.example_report().cells())
    # headings, table names over the tables and every label are read: nothing
    # to report (the ``一`` of ``一、总体情况`` once fell out of its line)
    assert report.reading_findings == ()
    assert [s.title for s in report.overview.subsections] == [
        s.title for s in gr.example_report().overview.subsections
    ]


@pytest.mark.parametrize("name", ["no-rulings", "row-lines"])
def test_tables_without_rulings_give_no_wrong_figure(
    printed: dict[str, Path], name: str
) -> None:
    want = dict(gr.example_report().cells())
    report = gr.read_pdf(printed[name])
    named = {cell for f in report.reading_findings for cell in f.cells}
    for cell, value in report.cells().items():
        if value is gr.MISSING:
            assert cell in named, cell  # a finding says it could not be read
        else:
            assert value == want[cell], cell
    # read as lines, table 2 and table 3 are read whole (their headers and
    # rows stand on lines of their own; the group cells' pieces are set aside)
    for cell, value in report.cells().items():
        if cell.startswith(("active.", "requests.")):
            assert value == want[cell], cell
