"""Helpers the tests share: where the test data lives, and small tools.

Every file a test reads is in the repository, under ``tests/data``: the real
published reports in ``tests/data/samples`` (copied with their provenance
note) and the format spec in ``tests/data/spec``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from govinfo_report import Report, write_docx
from govinfo_report._format import (
    APPLICANTS_HEADING,
    LEGAL_PERSONS_HEADING,
    REQUESTS_NOTE,
    Applicant,
)
from govinfo_report._values import Mark

DATA = Path(__file__).resolve().parent / "data"
"""The test data folder, ``tests/data``."""

SAMPLES = DATA / "samples"
"""Real published reports, exactly as found (see its README.md)."""

SPEC_FILE = DATA / "spec" / "format-2021.md"
"""The format spec, the contract ``_format.py`` is tested against."""


def official_requests_table_html(report: Report) -> str:
    """Table 3 of ``report`` as the official template prints it in HTML.

    The shape of real pages: the note spans 3 columns and 3 rows over the
    applicant headings; ``三、本年度办理结果`` spans the rows of its group in
    the same ``<tr>`` as ``（一）予以公开``; each sub-group cell (``（三）不予公开``…)
    spans its rows in the ``<tr>`` of its first sub-row; a label without a
    group spans the 3 label columns, one in a group the 2 left to it.
    """
    spec = report.requests.spec
    rows = [
        f'<tr><td colspan="3" rowspan="3">{escape(REQUESTS_NOTE)}</td>'
        f'<td colspan="7">{escape(APPLICANTS_HEADING)}</td></tr>',
        f'<tr><td rowspan="2">{escape(Applicant.NATURAL_PERSON.label)}</td>'
        f'<td colspan="5">{escape(LEGAL_PERSONS_HEADING)}</td>'
        f'<td rowspan="2">{escape(Applicant.TOTAL.label)}</td></tr>',
        "<tr>"
        + "".join(f"<td>{escape(a.label)}</td>" for a in Applicant if a.is_legal_person)
        + "</tr>",
    ]
    opened: set[tuple[str, ...]] = set()
    for row in spec.rows:
        tds = []
        for depth in range(len(row.groups)):
            group = row.groups[: depth + 1]
            if group not in opened:
                opened.add(group)
                span = sum(1 for r in spec.rows if r.groups[: depth + 1] == group)
                tds.append(f'<td rowspan="{span}">{escape(group[-1])}</td>')
        width = 3 - len(row.groups)
        colspan = f' colspan="{width}"' if width > 1 else ""
        tds.append(f"<td{colspan}>{escape(row.label)}</td>")
        tds.extend(
            f"<td>{escape(shown_value(report[f'requests.{row.id}.{c.id}']))}</td>"
            for c in row.columns
        )
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1">' + "".join(rows) + "</table>"


def shown_value(value: object) -> str:
    """A cell's value as printed: a mark's text, else the figure."""
    return value.text if isinstance(value, Mark) else str(value)


def replace_table(page: str, index: int, table: str) -> str:
    """``page`` with its ``index``-th ``<table>…</table>`` (from 0) replaced by ``table``."""
    spans = [m.span() for m in re.finditer(r"<table.*?</table>", page, re.S)]
    start, end = spans[index]
    return page[:start] + table + page[end:]


W_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
"""The namespaces raw WordprocessingML snippets in tests use."""


def docx_bytes(
    report: Report,
    edit: Callable[[Any], None] | None = None,
    *,
    foreign: bool = False,
) -> bytes:
    """``report`` written by `write_docx`, then edited with python-docx and lxml.

    ``edit`` gets the python-docx ``Document`` and may change its XML; with
    ``foreign`` every paragraph style is removed first, so the file is read as
    someone else's (by the label-anchored matcher, not by our styles).
    """
    buffer = io.BytesIO()
    write_docx(report, buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    if foreign:
        for style in document.element.body.iter(qn("w:pStyle")):
            style.getparent().remove(style)
    if edit is not None:
        edit(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_cell_runs(document: Any, printed: str, runs: str) -> None:
    """Replace the runs of the one table cell whose text is ``printed`` by ``runs``
    (raw ``w:r``… XML, namespaces of `W_NAMESPACES` available)."""
    cells = [
        tc
        for tc in document.element.body.iter(qn("w:tc"))
        if "".join(t.text or "" for t in tc.iter(qn("w:t"))) == printed
    ]
    assert len(cells) == 1, f"{len(cells)} cells print {printed!r}"
    (paragraph,) = cells[0].iter(qn("w:p"))
    for run in paragraph.findall(qn("w:r")):
        paragraph.remove(run)
    wrapper = etree.fromstring(f"<w:p {W_NAMESPACES}>{runs}</w:p>")
    for child in list(wrapper):
        paragraph.append(child)


def add_style(document: Any, xml: str) -> None:
    """Add a ``w:style`` (raw XML, namespaces of `W_NAMESPACES`) to the styles part."""
    document.styles.element.append(
        etree.fromstring(xml.replace("<w:style ", f"<w:style {W_NAMESPACES} ", 1))
    )
