"""Saved web archives (MHTML): the page inside is read, as browsers and Word save it.

A page saved as "网页，单个文件" (``.mht``/``.mhtml``) is a MIME message whose
HTML part is quoted-printable or base64 in the charset its part header names;
read as text it shows no label, and it was refused as "not a report".
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from tests.helpers import mhtml_archive

import govinfo_report as gr
from govinfo_report._readers import is_mhtml
from govinfo_report.exceptions import NotAReportError, ReadError


def _page() -> bytes:
    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    return buffer.getvalue()


def _figures(report: gr.Report) -> dict[str, object]:
    return {cell: report[cell] for cell in report}


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
@pytest.mark.parametrize("suffix", [".mhtml", ".mht", ".html", ".txt"])
def test_a_saved_page_reads_as_the_page(
    tmp_path: Path, encoding: str, suffix: str
) -> None:
    page = _page()
    data = mhtml_archive(
        [("Content-Type: text/html\nContent-Location: http://x/1.html", page, encoding)]
    )
    path = tmp_path / f"report{suffix}"
    path.write_bytes(data)
    expected = gr.read_html(page)
    got = gr.read(path)
    assert _figures(got) == _figures(expected) == _figures(gr.example_report())
    assert got.reading_findings == expected.reading_findings
    assert path.read_bytes() == data  # the input is never changed


def test_read_html_takes_an_archive_as_bytes_or_text() -> None:
    page = _page()
    data = mhtml_archive([("Content-Type: text/html", page, "quoted-printable")])
    expected = _figures(gr.example_report())
    assert _figures(gr.read_html(data)) == expected
    assert _figures(gr.read_html(data.decode("ascii"))) == expected


def test_the_part_charset_decodes_a_page_that_names_none() -> None:
    """Word saves GB2312 pages; the charset may be in the part header only."""
    page = _page().decode("utf-8").replace('<meta charset="utf-8">', "")
    assert "charset" not in page.lower()
    data = mhtml_archive(
        [
            (
                'Content-Type: text/html; charset="gb2312"',
                page.encode("gb18030"),
                "quoted-printable",
            )
        ]
    )
    assert _figures(gr.read_html(data)) == _figures(gr.example_report())


def test_the_start_part_is_the_page() -> None:
    """``start`` names the page; another HTML part before it (a frame) is not it."""
    frame = b"<html><body><p>\xe5\xaf\xbc\xe8\x88\xaa</p></body></html>"
    parts = [
        ("Content-Type: text/html\nContent-ID: <frame-1@mhtml.blink>", frame, "8bit"),
        (
            "Content-Type: image/png\nContent-ID: <img@mhtml.blink>",
            b"\x89PNG",
            "base64",
        ),
        (
            "Content-Type: text/html\nContent-ID: <page-0@mhtml.blink>",
            _page(),
            "quoted-printable",
        ),
    ]
    data = mhtml_archive(parts, start="page-0@mhtml.blink")
    assert _figures(gr.read_html(data)) == _figures(gr.example_report())
    # without ``start`` the first page is taken: a frame that is no report
    with pytest.raises(NotAReportError):
        gr.read_html(mhtml_archive(parts))


def test_lf_line_ends_and_nested_parts() -> None:
    """Some tools write LF only, or put the page in a nested multipart/alternative."""
    page = _page()
    inner = (
        b'Content-Type: multipart/alternative; boundary="inner"\n\n'
        b"--inner\nContent-Type: text/plain\n\nplain\n"
        b"--inner\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(page)
        + b"--inner--\n"
    )
    data = (
        b"MIME-Version: 1.0\n"
        b'Content-Type: multipart/related; boundary="outer"\n\n'
        b"--outer\n" + inner + b"--outer--\n"
    )
    assert is_mhtml(data)
    assert _figures(gr.read_html(data)) == _figures(gr.example_report())


def test_an_archive_without_a_page_is_refused_saying_so(tmp_path: Path) -> None:
    data = mhtml_archive([("Content-Type: image/png", b"\x89PNG", "base64")])
    path = tmp_path / "x.mht"
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        gr.read(path)
    assert caught.value.code == "damaged"
    assert "text/html" in str(caught.value)
    assert str(path) in str(caught.value)


def test_parts_nested_beyond_any_browser_are_refused() -> None:
    body = b"<html></html>"
    for level in range(12):
        body = (
            f'Content-Type: multipart/related; boundary="b{level}"\n\n'
            f"--b{level}\n".encode()
            + body
            + f"\n--b{level}--\n".encode()
        )
    data = b"MIME-Version: 1.0\n" + body
    with pytest.raises(ReadError) as caught:
        gr.read_html(data)
    assert caught.value.code == "unsafe"


def test_a_page_quoting_the_header_is_nomhtml_archive() -> None:
    page = _page().replace(
        b"<body>", b"<body><pre>Content-Type: multipart/related</pre>", 1
    )
    assert not is_mhtml(page)
    assert is_mhtml(b"MIME-Version: 1.0\nContent-Type: multipart/related;\n\n")
    assert not is_mhtml(b"<html>\nContent-Type: multipart/related\n")
    assert _figures(gr.read_html(page)) == _figures(gr.example_report())


def test_check_finds_saved_pages_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import main

    page = _page()
    for name in ("a.mht", "b.mhtml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        (tmp_path / "sub" / name).write_bytes(
            mhtml_archive([("Content-Type: text/html", page, "quoted-printable")])
        )
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "共 2 个文件：读取 2 个" in out
