"""write_html's page in a real browser: headless Chromium prints it to PDF (A4).

What a reader of the page sees is checked in the PDF the browser prints:
every figure of the three tables is visible as printed, every section
heading is there, and no table is wider than the A4 page. Chromium comes
from the distribution (``.ci/run`` installs it); with ``CI=true`` a missing
browser fails these tests, elsewhere they are skipped.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from tests.helpers import run_chromium

import govinfo_report as gr
from govinfo_report import RowRole

pdfplumber = pytest.importorskip("pdfplumber")

A4_WIDTH_PT = 595.28
A4_HEIGHT_PT = 841.89
MARGIN_PT = 18 / 25.4 * 72  # the page's @page side margin (18 mm)


_RADICALS = str.maketrans(
    # CJK RADICAL CIVILIAN, C-SIMPLIFIED LONG / GATE / HORSE / SEE / LEAF /
    # WIND / FLY / FISH / CART / SPEECH / SHELL
    "\u2ea0\u2ed3\u2ed4\u2ee2\u2ec5\u2eda\u2edb\u2edc\u2ee5\u2ecb\u2ec8\u2ec9",
    "民长门马见页风飞鱼车讠贝",
)


def _distinct_report() -> gr.Report:
    """A consistent report whose figures are six-digit and (almost) all different,
    so that each can be found in the printed page."""
    spec = gr.format_spec()
    cells: dict[str, int | Decimal] = {}
    n = 100_003
    for table in (spec.active, spec.appeals):
        for cell in table.cells:
            if not cell.derived:
                cells[cell.id] = (
                    Decimal(f"{n}.50") if cell.kind is gr.CellKind.AMOUNT else n
                )
                n += 1_117
    for column in spec.requests.rows[0].columns:
        if column.id == "total":
            continue
        handled = 0
        for row in spec.requests.rows:
            if row.role is RowRole.PART and row.id not in ("received", "carried_over"):
                cells[f"requests.{row.id}.{column.id}"] = n
                handled += n
                n += 1_117
        cells[f"requests.carried_over.{column.id}"] = 0
        cells[f"requests.received.{column.id}"] = handled
    return gr.from_cells(cells, agency="示例县人民政府办公室", year=2025)


def _print(tmp_path: Path, report: gr.Report) -> Path:
    page = tmp_path / "report.html"
    # The report is built for its figures only (no narrative sections), which
    # the publish check rightly refuses; the page is still the one to print.
    gr.write_html(report, page, allow_findings=True)
    pdf = tmp_path / "report.pdf"
    run_chromium(
        tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()
    )
    return pdf


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[gr.Report, Path]:
    tmp_path = tmp_path_factory.mktemp("browser")
    report = _distinct_report()
    return report, _print(tmp_path, report)


def _pages(pdf: Path) -> list[tuple[float, float, list[dict[str, object]], str]]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(pdf) as document:
        return [
            (p.width, p.height, list(p.chars) + list(p.rects), p.extract_text() or "")
            for p in document.pages
        ]


def test_every_figure_is_visible(printed: tuple[gr.Report, Path]) -> None:
    report, pdf = printed
    words: Counter[str] = Counter()
    for _w, _h, _objects, text in _pages(pdf):
        words.update(text.split())
    figures = Counter(str(v) for v in report.cells().values())
    assert len(figures) > 50
    # A figure wider than its column breaks inside its cell (it never runs
    # over the border into the next one): not one word of the text, but read
    # back from the printed page as it stands.
    wrapped = figures - words
    assert len(wrapped) < 5
    got = gr.read_pdf(pdf)
    for cell, value in report.cells().items():
        if str(value) in wrapped:
            assert got[cell] == value, cell


def test_headings_and_title_are_printed(printed: tuple[gr.Report, Path]) -> None:
    report, pdf = printed

    def plain(text: str) -> str:
        # The PDF's text map gives some characters as their radical look-alikes:
        # Kangxi radicals (U+2F00 for 一), which NFKC folds back, and a few of
        # the CJK Radicals Supplement, which have no decomposition.
        text = unicodedata.normalize("NFKC", "".join(text.split()))
        return text.translate(_RADICALS)

    text = plain("".join(t for *_rest, t in _pages(pdf)))
    assert plain(report.title) in text
    for section in report.spec.sections:
        assert plain(section.heading) in text
    # short labels print on one line (long ones wrap inside their cell)
    for label in ("申请人情况", "法人或其他组织", "行政复议", "行政诉讼"):
        assert label in text


def test_printed_on_a4_within_the_page_width(printed: tuple[gr.Report, Path]) -> None:
    _report, pdf = printed
    pages = _pages(pdf)
    assert 1 < len(pages) < 10
    for width, height, objects, _text in pages:
        assert abs(width - A4_WIDTH_PT) < 1
        assert abs(height - A4_HEIGHT_PT) < 1
        right = max(float(o["x1"]) for o in objects)
        left = min(float(o["x0"]) for o in objects)
        # tables (their ruled cells) and text stay inside the side margins
        assert left >= MARGIN_PT - 1
        assert right <= width - MARGIN_PT + 1


def test_screenshot_in_the_docs_is_of_this_page(tmp_path: Path) -> None:
    # the docs' screenshot is made the same way (see docs/web.md); here it
    # is made again to prove the command works and gives a real picture
    page = tmp_path / "report.html"
    gr.write_html(gr.example_report(), page)
    shot = tmp_path / "shot.png"
    run_chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 20_000
    docs_image = (
        Path(__file__).resolve().parent.parent / "docs" / "images" / "web-page.png"
    )
    assert docs_image.read_bytes().startswith(b"\x89PNG")
