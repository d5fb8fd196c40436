"""read() names the packaged format of a zip that is not a Word document."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from tests.helpers import refused

import govinfo_report as gr

PACKAGES = {
    "report.ofd": ({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<a/>"}, "OFD"),
    "report.xlsx": (
        {"[Content_Types].xml": "<a/>", "xl/workbook.xml": "<a/>"},
        "Excel",
    ),
    "report.pptx": (
        {"[Content_Types].xml": "<a/>", "ppt/presentation.xml": "<a/>"},
        "PowerPoint",
    ),
    "report.odt": (
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<a/>"},
        "OpenDocument",
    ),
}


@pytest.mark.parametrize("name", sorted(PACKAGES))
@pytest.mark.parametrize("suffix", ["own", ".docx", ".bin"])
def test_another_package_is_named(tmp_path: Path, name: str, suffix: str) -> None:
    entries, kind = PACKAGES[name]
    # the name the file has on disk: its own, or a misleading one
    path = tmp_path / (name if suffix == "own" else Path(name).stem + suffix)
    # mimetype first and stored, as OpenDocument requires; the rest deflated
    with zipfile.ZipFile(path, "w") as package:
        for entry, text in entries.items():
            method = zipfile.ZIP_STORED if entry == "mimetype" else zipfile.ZIP_DEFLATED
            package.writestr(entry, text, compress_type=method)
    before = path.read_bytes()
    error = refused(lambda: gr.read(path))
    assert error.code == "unsupported"
    assert kind in str(error)
    assert str(path) in str(error)
    assert "另存为" in str(error)
    assert path.read_bytes() == before


def test_a_word_document_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    gr.write_docx(gr.example_report(), path)
    assert gr.read(path) == gr.example_report()
