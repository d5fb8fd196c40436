"""A page that only links or embeds its report: the refusal says which file to read."""

from __future__ import annotations

import pytest

import govinfo_report as gr
from govinfo_report.exceptions import NotAReportError


@pytest.mark.parametrize(
    ("page", "named"),
    [
        (
            '<h1>2025年政府信息公开工作年度报告</h1><p>附件：<a href="/module/download/'
            'downfile.jsp?classid=0&amp;filename=2501.pdf">2025年报.pdf</a></p>',
            ["/module/download/downfile.jsp?classid=0&filename=2501.pdf"],
        ),
        (
            '<iframe src="/pdfjs/web/viewer.html?file=%2Fuploads%2F2026%2F%E5%B9%B4%E6%8A%A5.pdf">'
            "</iframe>",
            ["/uploads/2026/年报.pdf"],
        ),
        (
            '<embed src=/a/b.PDF type=application/pdf><object data="x.ofd"></object>'
            "<a href='c.docx#page=2'>下载</a><a href='d.doc'>d</a>",
            ["/a/b.PDF", "x.ofd", "c.docx#page=2"],
        ),
    ],
    ids=["download link", "pdf viewer", "embeds"],
)
def test_the_refusal_names_the_attachments(page: str, named: list[str]) -> None:
    with pytest.raises(NotAReportError) as caught:
        gr.read_html(f"<html><body>{page}</body></html>", source="page.html")
    message = str(caught.value)
    assert message.startswith("page.html: 不是政府信息公开工作年度报告")
    for name in named:
        assert name in message
    assert caught.value.code == "not_a_report"


def test_a_page_without_attachments_is_refused_as_before() -> None:
    with pytest.raises(NotAReportError) as caught:
        gr.read_html('<html><body><a href="/index.html">首页</a></body></html>')
    assert "附" not in str(caught.value)
    assert "文件（" not in str(caught.value)
