"""read_pdf(): the example report written by the Word writer, printed to PDF by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_report import ReadError, example_report, read, read_pdf, write_docx


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: .ci/run installs it"
    folder = tmp_path_factory.mktemp("pdf")
    docx = folder / "example.docx"
    write_docx(example_report(), docx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / "example.pdf"
    assert pdf.exists()
    return pdf


def test_libreoffice_pdf_reads_back_to_the_same_figures(example_pdf: Path) -> None:
    example = example_report()
    report = read_pdf(example_pdf)
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata.agency == example.metadata.agency
    assert report.metadata.year == example.metadata.year
    assert report.metadata.date_of_issue == example.metadata.date_of_issue
    assert [s.title for s in report.overview.subsections] == [
        s.title for s in example.overview.subsections
    ]
    assert report.reading_findings == ()


def test_read_dispatches_pdf_by_content(example_pdf: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "download.bin"
    renamed.write_bytes(example_pdf.read_bytes())
    assert dict(read(renamed).cells()) == dict(example_report().cells())


def test_without_pdfplumber_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ReadError, match=r"pip install 'govinfo-report\[pdf\]'"):
        read_pdf(samples / "hongze-district-2024.pdf")


def test_broken_pdf_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n this is not a pdf")
    with pytest.raises(ReadError):
        read(path)
