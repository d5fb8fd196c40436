"""read_docx() probed, round 7: tables in tables, fields, tracked changes
at row and cell level, and the other forms Word and WPS write.

A frame table (one cell round the whole report or round one of its
tables, as CMS exports and some templates lay them out) holds the
statistics tables in its cells: each is a table of its own on the page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from docx.oxml.ns import qn

from govinfo_report import Report, read_docx
from govinfo_report._values import Mark
from helpers import docx_bytes, example_fixture, w_cell, w_element

example = example_fixture()

FRAME = (
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
    '<w:tcW w:w="9000" w:type="dxa"/></w:tcPr></w:tc></w:tr></w:tbl>'
)


def _tables(document: Any) -> list[Any]:
    return [t for t in document.element.body if t.tag == qn("w:tbl")]


def _framed(pick: Callable[[Any], list[Any]]) -> Callable[[Any], None]:
    """An edit moving the blocks ``pick`` gives into the one cell of a frame
    table standing where the first of them stood."""

    def edit(document: Any) -> None:
        blocks = pick(document)
        frame = w_element(FRAME)
        blocks[0].addprevious(frame)
        cell = frame.find(qn("w:tr")).find(qn("w:tc"))
        for block in blocks:
            cell.append(block)
        cell.append(w_element("<w:p/>"))  # a cell ends with a paragraph

    return edit


FRAMED = {
    "table-2": lambda d: _tables(d)[:1],
    "table-3": lambda d: _tables(d)[1:2],
    "table-4": lambda d: _tables(d)[2:3],
    "whole-report": lambda d: [c for c in d.element.body if c.tag != qn("w:sectPr")],
}


@pytest.mark.parametrize("pick", FRAMED.values(), ids=FRAMED.keys())
def test_a_table_in_a_frame_table_is_read(
    example: Report, pick: Callable[[Any], list[Any]]
) -> None:
    """Was: the framed table's text joined into the frame's one cell, its
    figures all missing (the whole report refused as no report)."""
    data = docx_bytes(example, _framed(pick), foreign=True)
    report = read_docx(io.BytesIO(data))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_cell_split_by_a_table_of_one_row_stays_one_cell(example: Report) -> None:
    """A one-row table in a figure cell splits the cell: ``12`` | ``68`` is two
    pieces in one cell, no figure (not a table of its own)."""

    def edit(document: Any) -> None:
        tc = w_cell(document)
        paragraph = tc.find(qn("w:p"))
        cells = "".join(
            f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in ("12", "68")
        )
        paragraph.addprevious(
            w_element(f"<w:tbl><w:tblPr/><w:tr>{cells}</w:tr></w:tbl>")
        )
        tc.remove(paragraph)
        tc.append(w_element("<w:p/>"))

    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    (finding,) = report.reading_findings
    assert "第 1 个表格第 7 行" in finding.where
    assert "12 68" in finding.message
    assert report["active.licensing.decisions"] is Mark.MISSING
