"""Files whose name or prolog says one thing and whose content is another.

Government sites serve web pages under ``.doc`` (Word's "另存为网页" renamed, a
"下载 Word" link that sends HTML), older CMS templates write XHTML with an XML
declaration, and Word can save its own XML. What a person opens is the page:
it is read as the page, or refused saying what it is.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tests.helpers import mhtml_archive

import govinfo_report as gr
from govinfo_report.exceptions import ReadError

_XHTML_HEAD = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
    '<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    "<title>年报</title></head>"
)


def _body() -> str:
    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    page = buffer.getvalue().decode("utf-8")
    return page[page.index("<body") :]


def _figures(report: gr.Report) -> dict[str, object]:
    return {cell: report[cell] for cell in report}


@pytest.mark.parametrize(
    "declaration",
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n',
        '  <?xml version="1.0"?>\n',
    ],
)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_xhtml_with_an_xml_declaration_is_read(
    declaration: str, as_bytes: bool
) -> None:
    """lxml refused the page ("Unicode strings with encoding declaration")."""
    page = declaration + _XHTML_HEAD.format(charset="utf-8") + _body()
    report = gr.read_html(page.encode("utf-8") if as_bytes else page)
    assert report == gr.read_html(_body())
    assert _figures(report) == _figures(gr.example_report())


def test_a_gbk_xhtml_page_declaring_its_encoding_in_xml_only() -> None:
    page = (
        '<?xml version="1.0" encoding="gb2312"?>\n'
        + _XHTML_HEAD.replace(
            '<meta http-equiv="Content-Type" content="text/html; charset={charset}" />',
            "",
        )
        + _body()
    )
    assert _figures(gr.read_html(page.encode("gb18030"))) == _figures(
        gr.example_report()
    )


@pytest.mark.parametrize("suffix", [".doc", ".docx"])
@pytest.mark.parametrize("form", ["html", "xhtml", "mhtml"])
def test_a_web_page_named_doc_is_read_as_the_page(
    tmp_path: Path, suffix: str, form: str
) -> None:
    body = _body()
    if form == "html":
        data = ("<html>" + body).encode("utf-8")
    elif form == "xhtml":
        data = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + _XHTML_HEAD.format(charset="utf-8")
            + body
        ).encode("utf-8")
    else:
        data = mhtml_archive(
            [
                (
                    "Content-Type: text/html",
                    ("<html>" + body).encode(),
                    "quoted-printable",
                )
            ]
        )
    path = tmp_path / f"2025年政府信息公开工作年度报告{suffix}"
    path.write_bytes(data)
    assert _figures(gr.read(path)) == _figures(gr.example_report())
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    "prolog",
    [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
        # (a Flat OPC pkg:package is read: tests/test_docx_probes7.py)
    ],
)
@pytest.mark.parametrize("suffix", [".xml", ".doc"])
def test_word_xml_is_refused_saying_what_it_is(
    tmp_path: Path, prolog: str, suffix: str
) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_text(prolog + "<w:body>信息公开 2025年</w:body>", encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        gr.read(path)
    assert caught.value.code == "unsupported"
    assert "Word XML" in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_docx_named_doc_and_real_word_files_still_go_to_read_docx(
    tmp_path: Path,
) -> None:
    buffer = io.BytesIO()
    gr.write_docx(gr.example_report(), buffer)
    path = tmp_path / "report.doc"
    path.write_bytes(buffer.getvalue())
    assert _figures(gr.read(path)) == _figures(gr.example_report())
    rtf = tmp_path / "report.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi 2025\\par}")
    with pytest.raises(ReadError, match="RTF"):
        gr.read(rtf)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_its_bom(tmp_path: Path, samples: Path, codec: str) -> None:
    text = (samples / "bachu-police-2023.txt").read_text("utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(codec))
    assert _figures(gr.read(path)) == _figures(gr.read_text(text))
    page = ("<html>" + _body()).encode(codec)
    assert _figures(gr.read_html(page)) == _figures(gr.example_report())


def test_a_stray_nul_byte_does_not_make_text_utf16() -> None:
    from govinfo_report._readers import decode_bytes

    assert decode_bytes(b"abc\x00def 12", None) == "abc\x00def 12"
    assert decode_bytes("规章\x00 12".encode(), None) == "规章\x00 12"
    noise = bytes(range(256)) * 8  # NULs on both sides of their pairs: not UTF-16
    assert decode_bytes(noise, None) != noise.decode("utf-16-le", errors="replace")


def _gz(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, mtime=0)


@pytest.mark.parametrize("name", ["report.html.gz", "report.gz", "report.txt.gz"])
def test_a_gzip_compressed_page_is_read_by_what_it_holds(
    tmp_path: Path, name: str
) -> None:
    page = ("<html>" + _body()).encode("utf-8")
    path = tmp_path / name
    path.write_bytes(_gz(page))
    assert _figures(gr.read(path)) == _figures(gr.example_report())


def test_gzip_compressed_text_pdf_and_word(tmp_path: Path, samples: Path) -> None:
    text = samples / "bachu-police-2023.txt"
    (tmp_path / "a.txt.gz").write_bytes(_gz(text.read_bytes()))
    assert _figures(gr.read(tmp_path / "a.txt.gz")) == _figures(gr.read(text))
    pdf = samples / "hongze-district-2024.pdf"
    (tmp_path / "b.pdf.gz").write_bytes(_gz(pdf.read_bytes()))
    assert _figures(gr.read(tmp_path / "b.pdf.gz")) == _figures(gr.read(pdf))
    buffer = io.BytesIO()
    gr.write_docx(gr.example_report(), buffer)
    (tmp_path / "c.docx.gz").write_bytes(_gz(buffer.getvalue()))
    assert _figures(gr.read(tmp_path / "c.docx.gz")) == _figures(gr.example_report())


def test_a_gzip_bomb_is_stopped_at_the_input_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(_gz(b"<html>" + b" " * 5_000_000))
    limits = gr.Limits(max_input_bytes=1_000_000)
    with pytest.raises(gr.LimitExceededError) as caught:
        gr.read(path, limits=limits)
    assert caught.value.limit == "max_input_bytes"
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda data: data[:-20], "incomplete"),
        (lambda data: data[:10] + b"\xff" * 40 + data[50:], "damaged"),
        (_gz, "unsupported"),
    ],
    ids=["cut off", "garbled", "gzip in gzip"],
)
def test_a_bad_gzip_file_says_what_is_wrong(
    tmp_path: Path, damage: object, code: str
) -> None:
    path = tmp_path / "x.html.gz"
    path.write_bytes(damage(_gz(("<html>" + _body()).encode()) * 1))  # type: ignore[operator]
    with pytest.raises(ReadError) as caught:
        gr.read(path)
    assert caught.value.code == code
    assert str(path) in str(caught.value)


def test_check_reads_compressed_reports_and_skips_other_gzip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import main

    (tmp_path / "a.html.gz").write_bytes(_gz(("<html>" + _body()).encode()))
    (tmp_path / "access.log.gz").write_bytes(_gz(b"GET / 200\n"))
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "共 1 个文件：读取 1 个" in out


def _zip(entries: dict[str, bytes], *, utf8_names: bool = True) -> bytes:
    """A zip archive; without ``utf8_names``, names in GBK as Chinese tools write them."""
    import zipfile

    class GbkName(zipfile.ZipInfo):
        __slots__ = ()

        def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's name
            return self.filename.encode("gbk"), self.flag_bits & ~0x800

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name) if utf8_names else GbkName(name)
            # ODF stores its mimetype first and uncompressed
            info.compress_type = (
                zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, data)
    return buffer.getvalue()


@pytest.mark.parametrize("utf8_names", [True, False])
def test_a_zip_holding_one_report_is_read_by_it(
    tmp_path: Path, samples: Path, utf8_names: bool
) -> None:
    pdf = samples / "hongze-district-2024.pdf"
    buffer = io.BytesIO()
    gr.write_docx(gr.example_report(), buffer)
    cases = {
        "页面.zip": (
            {"年报/2025年年报.html": ("<html>" + _body()).encode()},
            gr.example_report(),
        ),
        "文档.zip": (
            {
                "__MACOSX/._x.docx": b"junk",
                "年报.docx": buffer.getvalue(),
                "说明/": b"",
            },
            gr.example_report(),
        ),
        "版式.zip": (
            {"洪泽区2024年报.pdf": pdf.read_bytes(), "封面.jpg": b"\xff\xd8"},
            gr.read(pdf),
        ),
    }
    for name, (entries, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(_zip(entries, utf8_names=utf8_names))
        assert _figures(gr.read(path)) == _figures(expected), name


def test_a_zip_of_several_reports_is_refused_naming_them(tmp_path: Path) -> None:
    page = ("<html>" + _body()).encode()
    path = tmp_path / "all.zip"
    path.write_bytes(_zip({"甲县.html": page, "乙县.html": page}, utf8_names=False))
    with pytest.raises(ReadError) as caught:
        gr.read(path)
    assert caught.value.code == "unsupported"
    assert "甲县.html" in str(caught.value)
    assert "2 个报告文件" in str(caught.value)


def test_zip_archives_are_unpacked_within_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"a.html": b"<html>" + b" " * 3_000_000}))
    with pytest.raises(gr.LimitExceededError) as caught:
        gr.read(path, limits=gr.Limits(max_input_bytes=1_000_000))
    assert caught.value.limit == "max_input_bytes"
    many = tmp_path / "many.zip"
    many.write_bytes(
        _zip({f"{i}.jpg": b"x" for i in range(30)} | {"a.html": b"<html>"})
    )
    with pytest.raises(gr.LimitExceededError) as caught:
        gr.read(many, limits=gr.Limits(max_zip_entries=10))
    assert caught.value.limit == "max_zip_entries"
    nested = tmp_path / "nested.zip"
    nested.write_bytes(_zip({"inner.zip": _zip({"a.html": b"<html>"})}))
    with pytest.raises(ReadError, match="只解压一层"):
        gr.read(nested)


def test_office_packages_are_not_archives(tmp_path: Path) -> None:
    """An .xlsx or .odt is still refused as what it is, not unpacked."""
    xlsx = tmp_path / "a.xlsx"
    xlsx.write_bytes(
        _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})
    )
    with pytest.raises(ReadError, match="Excel"):
        gr.read(xlsx)
    odt = tmp_path / "a.odt"
    odt.write_bytes(
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"<x/>",
            }
        )
    )
    with pytest.raises(ReadError, match="OpenDocument"):
        gr.read(odt)


@pytest.mark.parametrize(
    ("junk", "name"),
    [
        (b"\r\n<!-- generated -->\r\n", "report.pdf"),
        (b"\xef\xbb\xbf", "report.pdf"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n", "download"),
    ],
    ids=["comment", "bom", "http header"],
)
def test_bytes_before_the_pdf_header_are_skipped_as_viewers_do(
    tmp_path: Path, samples: Path, junk: bytes, name: str
) -> None:
    pdf = samples / "hongze-district-2024.pdf"
    path = tmp_path / name
    path.write_bytes(junk + pdf.read_bytes())
    assert _figures(gr.read(path)) == _figures(gr.read(pdf))


def test_check_reads_doc_and_zip_files_in_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``.doc`` that is a page and a ``.zip`` of one report are found and read;
    an old binary ``.doc`` is listed as unreadable, saying why."""
    from govinfo_report._cli import main

    page = ("<html>" + _body()).encode()
    (tmp_path / "a.doc").write_bytes(page)
    (tmp_path / "b.zip").write_bytes(_zip({"年报.html": page}))
    (tmp_path / "c.doc").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    )
    assert main(["check", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "共 3 个文件：读取 2 个" in out
    assert "c.doc：无法读取 (unreadable, unsupported)" in out


@pytest.mark.parametrize("ascii_only", [False, True])
def test_a_page_written_by_a_script_says_so(ascii_only: bool) -> None:
    """The report's text stands in a script (``var content = "…"``): a browser
    shows it, this library does not run scripts. That is no "not a report"."""
    import json

    content = json.dumps(_body(), ensure_ascii=ascii_only)
    page = (
        "<html><head><title>年报</title></head><body><div id='c'></div>"
        f"<script>var content = {content};"
        "document.getElementById('c').innerHTML = content;</script></body></html>"
    )
    with pytest.raises(ReadError) as caught:
        gr.read_html(page)
    assert caught.value.code == "unsupported"
    assert "脚本" in str(caught.value)
    assert "--dump-dom" in str(caught.value)


def test_a_page_with_scripts_and_no_report_is_still_not_a_report() -> None:
    from govinfo_report.exceptions import NotAReportError

    page = "<html><body><p>天气预报</p><script>var a = '晴';</script></body></html>"
    with pytest.raises(NotAReportError):
        gr.read_html(page)


@pytest.mark.parametrize("name", ["many.zip", "many.docx"])
def test_a_zip_of_far_too_many_entries_is_refused_before_its_directory_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A zip of a million empty entries kept `zipfile` busy for seconds
    building an object for each before they were counted (`read` asked
    whether a zip is an archive or a Word file before any limit): its
    directory records are counted first."""
    import zipfile

    path = tmp_path / name
    path.write_bytes(_zip({f"{i}.txt": b"" for i in range(50)}))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the central directory was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", no_parsing)
    with pytest.raises(gr.LimitExceededError) as caught:
        gr.read(path, limits=gr.Limits(max_zip_entries=10))
    assert caught.value.limit == "max_zip_entries"
    assert "50" in str(caught.value)


def test_a_zip_holding_a_crawlers_json_lines_is_read(tmp_path: Path) -> None:
    """The names a report may have are one list for `read` in archives and
    for ``check`` in folders (``.jsonl`` was found by one and not the other)."""
    import json

    from govinfo_report._archives import REPORT_SUFFIXES
    from govinfo_report._cli._check import collect_files

    line = json.dumps(
        {"url": "http://x", "title": "年报", "content": "<html>" + _body()},
        ensure_ascii=False,
    )
    path = tmp_path / "crawl.zip"
    path.write_bytes(_zip({"items.jsonl": line.encode()}))
    assert _figures(gr.read(path)) == _figures(gr.example_report())
    folder = tmp_path / "folder"
    folder.mkdir()
    for suffix in sorted(REPORT_SUFFIXES):
        (folder / f"a{suffix}").write_bytes(b"")
        (folder / f"b{suffix}.gz").write_bytes(b"")
    (folder / "c.xlsx").write_bytes(b"")
    found = {p.name for p in collect_files([str(folder)])}
    assert found == {f"a{s}" for s in REPORT_SUFFIXES} | {
        f"b{s}.gz" for s in REPORT_SUFFIXES
    }
