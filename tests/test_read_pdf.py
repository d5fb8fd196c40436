"""read_pdf(): the example report written by the Word writer, printed to PDF by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from govinfo_report import (
    LimitExceededError,
    Limits,
    MissingDependencyError,
    Narrative,
    ReadError,
    Report,
    example_report,
    read,
    read_pdf,
    write_docx,
)
from govinfo_report._readers._pdf import _Paragraphs
from govinfo_report._readers._split import Item


def _to_pdf(report: Report, folder: Path, name: str) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: .ci/run installs it"
    docx = folder / f"{name}.docx"
    write_docx(report, docx)
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
    pdf = folder / f"{name}.pdf"
    assert pdf.exists()
    return pdf


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _to_pdf(example_report(), tmp_path_factory.mktemp("pdf"), "example")


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


def test_without_pypdfium2_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.setitem(sys.modules, "pypdfium2.raw", None)
    with pytest.raises(
        MissingDependencyError, match=r"pip install 'govinfo-report\[pdf\]'"
    ) as caught:
        read_pdf(samples / "hongze-district-2024.pdf")
    assert caught.value.package == "pypdfium2"


def test_broken_pdf_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n this is not a pdf")
    with pytest.raises(ReadError):
        read(path)


def test_paragraph_across_a_page_break_is_joined(tmp_path: Path) -> None:
    example = example_report()
    long = "本机关坚持以公开为常态、不公开为例外，" * 120 + "全年工作平稳有序。"
    overview = Narrative(
        paragraphs=(long, *example.overview.paragraphs),
        subsections=example.overview.subsections,
    )
    pdf = _to_pdf(attrs.evolve(example, overview=overview), tmp_path, "long")
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        pages = [p.extract_text() or "" for p in document.pages]
    # the paragraph really runs over at least one page break
    assert sum(1 for text in pages if "不公开为例外" in text) >= 2
    report = read_pdf(pdf)
    assert report.overview.paragraphs[0] == long
    assert len(report.overview.paragraphs) == len(overview.paragraphs)
    assert dict(report.cells()) == dict(example.cells())


def test_paragraph_joining_rules() -> None:
    long_line = "这是一行排满版心的正文，没有在这里结束，而是接着写到下一行去"
    paragraphs = _Paragraphs()
    paragraphs.page([(1.0, None, "一、总体情况"), (2.0, None, long_line)], "第 1 页")
    paragraphs.page([(1.0, None, "- 2 -"), (2.0, None, "写完了。")], "第 2 页")
    row = Item("规章 1 2 3", "第 2 页表格第 1 行", ("规章", "1", "2", "3"), True)
    paragraphs.page([(1.0, None, long_line), (2.0, row, None)], "第 2 页")
    paragraphs.page([(1.0, None, "（一）另起一段")], "第 3 页")
    paragraphs.flush()
    texts = [(i.text, i.where) for i in paragraphs.items]
    assert texts == [
        ("一、总体情况", "第 1 页"),
        (long_line + "写完了。", "第 1 页"),
        (long_line, "第 2 页"),
        ("规章 1 2 3", "第 2 页表格第 1 行"),
        ("（一）另起一段", "第 3 页"),
    ]


@pytest.mark.parametrize(
    ("limit", "tiny", "roomy", "message"),
    [
        # the memory the PDF worker may use (decoded streams, fonts, pages)
        ("max_unpacked_bytes", 200_000, 16_000_000, "PDF 解析所用内存"),
        # the objects of each page (characters, path segments, images…)
        ("max_pdf_objects_per_page", 300, 2_000, "第 1 页的对象数"),
        # the ruling lines of a page, merged, vertical × horizontal, refused
        # before the tables are looked for
        ("max_pdf_table_grid", 100, 400, "第 2 页表格线的交点候选数（竖线 "),
    ],
)
def test_an_ordinary_pdf_counts_against_each_pdf_limit(
    example_pdf: Path, limit: str, tiny: int, roomy: int, message: str
) -> None:
    # far below the default limit, but over a tiny one
    with pytest.raises(LimitExceededError) as caught:
        read_pdf(example_pdf, limits=Limits(**{limit: tiny}))
    assert caught.value.limit == limit
    assert str(caught.value).startswith(f"{example_pdf}: ")
    assert message in str(caught.value)
    report = read_pdf(example_pdf, limits=Limits(**{limit: roomy}))
    assert dict(report.cells()) == dict(example_report().cells())
