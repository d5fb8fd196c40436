"""Fourth round of hostile PDFs: tables printed without rulings.

Table 4 printed from a web page with its borders off, or as a three-line table
(rules only over, under and below the header), once lost all fifteen figures:
its wrapped headers (``结果维`` over ``持``) print as lines mixing pieces of
several cells. Its columns are now placed by the figures' positions and each
column's header is checked piece by piece (`_pdf_unruled`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import run_chromium

import govinfo_report as gr

pytest.importorskip("pypdfium2")

STYLES = {
    "no-rulings": "table,td,th{border:none!important}",
    "three-line": "table,td,th{border:none!important}"
    " table{border-top:1.5px solid #000;border-bottom:1.5px solid #000}",
}


@pytest.mark.parametrize("name", sorted(STYLES))
def test_table_4_without_rulings_is_read_by_position(tmp_path: Path, name: str) -> None:
    page = tmp_path / "report.html"
    gr.write_html(gr.example_report(), page)
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</head>", f"<style>{STYLES[name]}</style></head>"),
        encoding="utf-8",
    )
    pdf = tmp_path / "report.pdf"
    run_chromium(
        tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()
    )
    want = dict(gr.example_report().cells())
    got = dict(gr.read_pdf(pdf).cells())
    # every figure of all three tables, exactly as printed
    assert got == want
