"""read_docx() probed, round 6: content controls round a table's cell, row
or whole table.

Word's repeating-section and rich-text controls wrap a ``w:tc`` (a
``w:sdt`` in the ``w:tr``), a ``w:tr`` (in the ``w:tbl``) or the table
itself. Showing its placeholder (``w:showingPlcHdr``), such a control shows
the template's prompt in each cell it holds, as one round the runs does;
bound to custom XML data (``w:dataBinding``), Word shows the data's value.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from docx.oxml.ns import qn

from govinfo_report import FindingKind, Report, Severity, read_docx
from helpers import PROBE_CELL, docx_bytes, example_fixture, w_element

example = example_fixture()

CELL = PROBE_CELL
PLACE = "第 1 个表格第 7 行（行政许可）第 2 格"
PLACEHOLDER = "<w:showingPlcHdr/>"
BOUND = "<w:dataBinding w:xpath='/root[1]/figure[1]' w:storeItemID='{1}'/>"


def _cell(document: Any) -> Any:
    (tc,) = [
        tc
        for tc in document.element.body.iter(qn("w:tc"))
        if "".join(t.text or "" for t in tc.iter(qn("w:t"))) == "1268"
    ]
    return tc


def _wrapped(which: Callable[[Any], Any], properties: str) -> Callable[[Any], None]:
    """An edit putting the element ``which`` picks in a content control."""

    def edit(document: Any) -> None:
        element = which(_cell(document))
        sdt = w_element(
            f"<w:sdt><w:sdtPr>{properties}</w:sdtPr><w:sdtContent/></w:sdt>"
        )
        element.getparent().replace(element, sdt)
        sdt.find(qn("w:sdtContent")).append(element)

    return edit


ROUND = {
    "cell": lambda tc: tc,
    "row": lambda tc: tc.getparent(),
    "table": lambda tc: next(a for a in tc.iterancestors() if a.tag == qn("w:tbl")),
}


@pytest.mark.parametrize(
    ("properties", "said"),
    [(PLACEHOLDER, "w:showingPlcHdr"), (BOUND, "w:dataBinding")],
    ids=["placeholder", "data-bound"],
)
@pytest.mark.parametrize("which", ROUND.values(), ids=ROUND.keys())
def test_a_content_control_round_a_cell_row_or_table_is_reported(
    example: Report, which: Callable[[Any], Any], properties: str, said: str
) -> None:
    """Read as 1268 with no word: the figure shown may be the template's
    prompt (or the bound data's value), as for a control round the runs."""
    edit = _wrapped(which, properties)
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = [f for f in report.reading_findings if PLACE in f.where]
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.WARNING
    assert said in finding.message
    assert all(said in f.message for f in report.reading_findings)


def test_a_filled_in_control_round_a_row_says_nothing(example: Report) -> None:
    edit = _wrapped(ROUND["row"], '<w:showingPlcHdr w:val="0"/>')
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
