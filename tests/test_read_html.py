"""read_html(): the example report as web pages (spans, fragments, charsets)."""

from __future__ import annotations

import html as html_lib

import pytest

from govinfo_report import (
    MISSING,
    FindingKind,
    NotAReportError,
    Report,
    example_report,
    read,
    read_html,
)
from test_read_text import narrative_lines, table_rows


def _table_html(report: Report, *, spans: bool, extra_column: bool) -> str:
    rows = []
    for kind, cells in table_rows(report):
        if kind == "heading":
            rows.append(None)
            continue
        tds = []
        for i, cell in enumerate(cells):
            attrs = ""
            if spans and len(cells) == 1:
                attrs = ' colspan="4"'
            if spans and cell == "申请人情况":
                attrs = ' colspan="7"'
            if spans and cell in ("自然人", "总计") and len(cells) == 3:
                attrs = ' rowspan="2"'
            tds.append(f"<td{attrs}>{html_lib.escape(cell)}</td>")
            if extra_column and i == 0:
                tds.append("<td></td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    out, table = [], []
    headings = [h for k, h in table_rows(report) if k == "heading"]
    for row in rows:
        if row is None:
            if table:
                out.append("<table border=1>" + "".join(table) + "</table>")
                table = []
            out.append(f"<h2>{html_lib.escape(headings.pop(0)[0])}</h2>")
        else:
            table.append(row)
    out.append("<table>" + "".join(table) + "</table>")
    return "\n".join(out)


def render_html(
    report: Report,
    *,
    spans: bool = True,
    extra_column: bool = False,
    fragment: bool = False,
    charset: str = "utf-8",
) -> str:
    paragraphs = lambda lines: "\n".join(f"<p>{html_lib.escape(t)}</p>" for t in lines)  # noqa: E731
    body = "\n".join(
        [
            f"<h1>{html_lib.escape(report.title)}</h1>",
            paragraphs(report.preface),
            paragraphs(narrative_lines(report, 0)),
            _table_html(report, spans=spans, extra_column=extra_column),
            paragraphs(narrative_lines(report, 4)),
            paragraphs(narrative_lines(report, 5)),
            f"<p style='text-align:right'>{report.metadata.agency}<br>{report.metadata.year + 1}年1月20日</p>",
        ]
    )
    if fragment:
        return f"<div class='article'>{body}</div>"
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{report.title}</title>'
        f"<script>var x = '一、总体情况';</script></head><body>{body}</body></html>"
    )


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.mark.parametrize(
    "options",
    [{}, {"spans": False}, {"extra_column": True}, {"fragment": True}],
    ids=["spans", "plain", "extra-empty-column", "fragment"],
)
def test_pages_read_back_exactly(example: Report, options: dict[str, bool]) -> None:
    report = read_html(render_html(example, **options))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.metadata == example.metadata
    assert report.overview == example.overview
    assert report.other_matters == example.other_matters


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030", "utf-8"])
def test_bytes_decoded_by_declared_charset(example: Report, encoding: str) -> None:
    page = render_html(example, charset=encoding).encode(encoding)
    report = read_html(page)
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata.agency == example.metadata.agency


def test_lying_charset_is_not_believed(example: Report) -> None:
    page = render_html(example, charset="utf-8").encode("gbk")
    report = read_html(page)
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata.agency == "青禾市生态环境局"


def test_read_picks_html_by_extension_and_content(example: Report, tmp_path) -> None:
    page = render_html(example).encode("gb18030")
    for name in ("report.htm", "report.txt"):
        path = tmp_path / name
        path.write_bytes(page.replace(b'charset="utf-8"', b'charset="gb18030"'))
        assert dict(read(path).cells()) == dict(example.cells())


def test_missing_cell_in_html_row(example: Report) -> None:
    page = render_html(example, spans=False).replace("<td>1268</td>", "", 1)
    report = read_html(page)
    assert report["active.licensing.decisions"] is MISSING
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.MISSING_CELL
    assert "表格" in finding.where


def test_html_not_a_report() -> None:
    with pytest.raises(NotAReportError):
        read_html(
            "<html><body><p>招聘公告</p><table><tr><td>1</td></tr></table></body></html>"
        )
