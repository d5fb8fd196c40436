"""A real word processor opens the written report: LibreOffice converts it to PDF.

The PDF's text (``pdftotext``) must hold every heading, and its tables (read
back from the drawn cell borders with pdfplumber) every official label and
every figure in its place. In CI (``CI=true``) a missing LibreOffice or
poppler fails the test instead of skipping it.

``GOVINFO_UPDATE_IMAGES=1`` also renders page 1 and table 3 into
``docs/images/`` (``pdftoppm -png -r 60``), the pictures of ``docs/word.md``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber  # the project's `pdf` extra, installed in CI
import pytest

import govinfo_report as gr
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    REQUESTS_NOTE,
)
from govinfo_report._ooxml._layout import figure_text

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
TIMEOUT = 240


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = (
            f"{name} not found: install libreoffice-writer-nogui and poppler-utils"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def report() -> gr.Report:
    return gr.example_report()


@pytest.fixture(scope="module")
def pdf(report: gr.Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = _tool("soffice")
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "report.docx"
    gr.write_docx(report, source)
    profile = folder / "profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    target = folder / "report.pdf"
    assert target.exists(), f"LibreOffice made no PDF: {result.stdout}\n{result.stderr}"
    return target


def words(text: str) -> str:
    """Only the letters and digits of ``text``: what every renderer keeps.

    Line breaks, white space and punctuation differ between LibreOffice
    versions (7.4 drops a line-end ``；`` from the PDF's text layer); letters
    and digits do not, so a paragraph that is really missing still is.
    """
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


@pytest.fixture(scope="module")
def raw_text(pdf: Path) -> str:
    """The PDF's text layer as pdftotext gives it."""
    pdftotext = _tool("pdftotext")
    return subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def text(raw_text: str) -> str:
    return words(raw_text)


@pytest.fixture(scope="module")
def tables(pdf: Path) -> list[list[str]]:
    """Every table row of the PDF, cells as drawn, line breaks inside cells removed."""
    rows: list[list[str]] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.extract_tables():
                rows.extend([re.sub(r"\s+", "", c or "") for c in row] for row in table)
    return rows


def test_every_heading_and_paragraph_is_in_the_pdf(
    report: gr.Report, text: str, raw_text: str
) -> None:
    assert words(report.title) in text
    for section in report.spec.sections:
        assert words(section.heading) in text
    for narrative in (report.overview, report.problems, report.other_matters):
        for paragraph in narrative.paragraphs:
            assert words(paragraph) in text, paragraph
        for number, sub in zip(
            "一二三四五六七八九", narrative.subsections, strict=False
        ):
            assert words(f"（{number}）{sub.title}") in text
            for paragraph in sub.paragraphs:
                assert words(paragraph) in text, paragraph
    assert words(report.metadata.agency + "2026年1月20日") in text
    # the page number field, updated by the word processor
    assert re.search(r"—\s*1\s*—", raw_text)


def test_a_missing_paragraph_is_noticed(report: gr.Report, text: str) -> None:
    """The comparison still fails when a paragraph is not in the PDF."""
    paragraph = report.overview.paragraphs[0]
    assert words(paragraph) in text
    changed = paragraph[:-3] + "某" + paragraph[-3:]
    assert words(changed) not in text
    assert words("本机关本年度未发布任何信息。") not in text


def test_every_table_label_is_a_cell_of_the_pdf(
    report: gr.Report, tables: list[list[str]]
) -> None:
    cells = {c for row in tables for c in row if c}
    labels = {REQUESTS_NOTE, APPLICANTS_HEADING, LEGAL_PERSONS_HEADING, CONTENT_HEADING}
    for table in report.spec.tables:
        for row in table.rows:
            labels.add(row.label)
            labels.update(row.groups)
            labels.update(c.label for c in row.columns)
    missing = sorted(labels - cells)
    assert not missing, f"labels not drawn as cells: {missing}"


def test_every_figure_stands_in_its_row(
    report: gr.Report, tables: list[list[str]]
) -> None:
    for table in (report.active, report.requests):
        for row in table.spec.rows:
            expected = [figure_text(table[f"{row.id}.{c.id}"]) for c in row.columns]
            drawn = next(r for r in tables if row.label in r)
            filled = [c for c in drawn[drawn.index(row.label) + 1 :] if c]
            assert filled == expected, row.label
    appeals = [figure_text(v) for v in report.appeals.values]
    assert appeals in [row for row in tables if len(row) == len(appeals)]


def test_pictures_for_the_docs(pdf: Path) -> None:
    """Render page 1 and table 3; write them to docs/images when asked to."""
    pdftoppm = _tool("pdftoppm")
    with pdfplumber.open(pdf) as document:
        page_number, box = next(
            (n, t.bbox)
            for n, page in enumerate(document.pages, start=1)
            for t in page.find_tables()
            if REQUESTS_NOTE[:6] in re.sub(r"\s+", "", t.extract()[0][0] or "")
        )
    scale = 60 / 72
    margin = 4
    x0, top, x1, bottom = (round(v * scale) for v in box)
    out = pdf.parent / "picture"
    commands = [
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), f"{out}-page1"],
        [
            pdftoppm, "-png", "-r", "60", "-f", str(page_number), "-l", str(page_number),
            "-x", str(x0 - margin), "-y", str(top - margin),
            "-W", str(x1 - x0 + 2 * margin), "-H", str(bottom - top + 2 * margin),
            "-singlefile", str(pdf), f"{out}-table3",
        ],
    ]  # fmt: skip
    for command in commands:
        subprocess.run(command, check=True, timeout=TIMEOUT, capture_output=True)
    pictures = {"page1": Path(f"{out}-page1.png"), "table3": Path(f"{out}-table3.png")}
    for picture in pictures.values():
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("GOVINFO_UPDATE_IMAGES") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(pictures["page1"], IMAGES / "word-page1.png")
        shutil.copy(pictures["table3"], IMAGES / "word-table3.png")
