"""A report in an ``<iframe srcdoc>``: the browser shows the frame's document."""

from __future__ import annotations

import html
import io

import pytest

import govinfo_report as gr
from govinfo_report.exceptions import NotAReportError, ReadError


def _page() -> str:
    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    return buffer.getvalue().decode("utf-8")


def _framed(document: str, attributes: str = 'width="100%" height="2000"') -> str:
    return (
        '<html><body><div class="nav">首页 &gt; 通知公告</div>'
        f'<iframe {attributes} srcdoc="{html.escape(document, quote=True)}">'
        "</iframe></body></html>"
    )


def test_a_report_in_an_inline_frame_is_read_with_a_warning() -> None:
    """It was refused as not a report: the page around the frame holds none."""
    report = gr.read_html(_framed(_page()))
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert report.metadata == gr.example_report().metadata
    (first, *_) = report.reading_findings
    assert "iframe srcdoc" in first.message
    with pytest.raises(ReadError, match="处问题"):
        gr.read_html(_framed(_page()), strict=True)


@pytest.mark.parametrize(
    "attributes",
    ['style="display:none"', "hidden", 'width="0" height="0"', 'style="width:0"'],
)
def test_a_hidden_frame_is_not_read(attributes: str) -> None:
    with pytest.raises(NotAReportError):
        gr.read_html(_framed(_page(), attributes))


def test_frames_are_opened_one_level_only() -> None:
    with pytest.raises(NotAReportError):
        gr.read_html(_framed(_framed(_page())))


def test_a_deep_nest_of_frames_is_no_recursion_error() -> None:
    page = _page()
    for _ in range(60):
        page = _framed(page)
    with pytest.raises(NotAReportError):
        gr.read_html(page)
