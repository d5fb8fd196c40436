"""Helpers the tests share: where the test data lives, and small tools.

Every file a test reads is in the repository, under ``tests/data``: the real
published reports in ``tests/data/samples`` (copied with their provenance
note) and the format spec in ``tests/data/spec``.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from govinfo_report import Report
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
