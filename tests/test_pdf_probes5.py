"""Fifth round of hostile PDFs: tables printed without rulings, 4-up sheets, squeezed text.

Table 3 of a Word file whose borders were turned off, exported to PDF by
LibreOffice, once lost the figures of three rows: its merged label cell
``三、本年度办理结果``, set one glyph a line and vertically centred, prints
its glyphs between the rows of figures, and a glyph a little above a row
(``理`` over ``2.重复申请``) split that row into a label with no figures and
figures with no label. A label glyph beside a row of figures is now read on
that row (`_pdf_baselines`).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import govinfo_report as gr

pytest.importorskip("pypdfium2")


def _soffice_pdf(source: Path) -> Path:
    """``source`` converted to PDF by LibreOffice (skipped when it is missing)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = source.parent / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(source.parent),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    return source.with_suffix(".pdf")


def _without_borders(path: Path) -> None:
    """Every table of the Word file at ``path`` with its borders turned off."""
    document = docx.Document(str(path))
    for table in document.tables:
        properties = table._tbl.tblPr
        for borders in properties.findall(qn("w:tblBorders")):
            properties.remove(borders)
        for borders in list(table._tbl.iter(qn("w:tcBorders"))):
            borders.getparent().remove(borders)
        none = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            none.append(edge)
        properties.append(none)
    document.save(str(path))


# the rows once lost, each column a different figure (a column read into its
# neighbour would show)
_NOT_PROCESSED = {
    f"requests.not_processed.{row}.{column}": base + step
    for row, base in (
        ("petition_or_complaint", 10),
        ("duplicate", 20),
        ("publication", 30),
    )
    for step, column in enumerate(
        (
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_organization",
            "legal_service_agency",
            "other_organization",
        )
    )
}


def _with_rows_lost() -> gr.Report:
    """The example report, its three once-lost rows each column a different figure."""
    example = gr.example_report()
    cells = dict(example.cells())
    changes: dict[str, object] = dict(_NOT_PROCESSED)
    for key, value in _NOT_PROCESSED.items():
        # more requests processed: as many more received (the balance holds)
        received = "requests.received." + key.rsplit(".", 1)[1]
        old = changes.get(received, cells[received])
        assert isinstance(old, int)
        changes[received] = old + value - int(cells[key])  # type: ignore[arg-type]
    return example.with_cells(changes)


def test_table_3_without_borders_is_read_row_by_row(tmp_path: Path) -> None:
    report = _with_rows_lost()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    want = dict(report.cells())
    assert got["requests.not_processed.duplicate.research_institution"] == 22
    assert got["requests.not_processed.publication.total"] == sum(range(30, 36))
    # every figure of all three tables, exactly as printed
    assert got == want
