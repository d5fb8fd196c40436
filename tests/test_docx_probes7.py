"""read_docx() probed, round 7: tables in tables, fields, tracked changes
at row and cell level, and the other forms Word and WPS write.

A frame table (one cell round the whole report or round one of its
tables, as CMS exports and some templates lay them out) holds the
statistics tables in its cells: each is a table of its own on the page.
A ``w:altChunk`` embeds a whole web page (or web archive) that Word shows
in its place: documents made by web systems hold the whole report so.
"""

from __future__ import annotations

import base64
import copy
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from govinfo_report import (
    FindingKind,
    NotAReportError,
    ReadError,
    Report,
    Severity,
    read,
    read_docx,
)
from govinfo_report._values import Mark
from helpers import (
    docx_bytes,
    example_fixture,
    html_page,
    mhtml_archive,
    other_cells,
    probe_runs,
    w_cell,
    w_element,
    w_run,
)

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


def test_a_table_in_a_frame_of_three_rows_is_read(example: Report) -> None:
    """A frame of a title row, the table's row and a note row (a CMS page's
    layout saved as Word) reads as the same text laid in the body: the
    frame's rows of text are paragraphs."""
    texts = ("（单位：件）", "注：无")

    def framed(document: Any) -> None:
        _framed(FRAMED["table-3"])(document)
        row = _tables(document)[1].find(qn("w:tr"))
        for text, put in zip(texts, (row.addprevious, row.addnext), strict=True):
            put(w_element(f"<w:tr><w:tc><w:p>{w_run(text)}</w:p></w:tc></w:tr>"))

    def laid(document: Any) -> None:
        table = _tables(document)[1]
        for text, put in zip(texts, (table.addprevious, table.addnext), strict=True):
            put(w_element(f"<w:p>{w_run(text)}</w:p>"))

    report = read_docx(io.BytesIO(docx_bytes(example, framed, foreign=True)))
    body = read_docx(io.BytesIO(docx_bytes(example, laid, foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    # (the same findings; the frame's cell ends with a paragraph of its own)
    said = [f.message.split("：", 1)[1] for f in report.reading_findings]
    assert said == [f.message.split("：", 1)[1] for f in body.reading_findings]


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


# ------------------------------------------------ w:altChunk: an embedded page

CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _chunked(blob: bytes, content_type: str, name: str) -> Callable[[Any], None]:
    """An edit leaving in the body only a ``w:altChunk`` of ``blob``, as web
    systems that save their HTML editor's content "as Word" write it."""

    def edit(document: Any) -> None:
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        part = Part(PackURI(name), content_type, blob, document.part.package)
        rid = document.part.relate_to(part, CHUNK)
        chunk = w_element(f"<w:altChunk xmlns:r='{R_NS}' r:id='{rid}'/>")
        body.insert(0, chunk)

    return edit


def _mht(page: bytes) -> bytes:
    header = (
        "Content-Type: text/html; charset=utf-8\nContent-Location: file:///C:/a.htm"
    )
    return mhtml_archive([(header, page, "quoted-printable")])


CHUNKS = {
    "html": lambda page: (page, "text/html", "/word/afchunk.htm"),
    "xhtml": lambda page: (page, "application/xhtml+xml", "/word/afchunk.xhtml"),
    "mht": lambda page: (_mht(page), "message/rfc822", "/word/afchunk.mht"),
}


@pytest.mark.parametrize("form", CHUNKS.values(), ids=CHUNKS.keys())
def test_a_report_in_an_embedded_web_page_is_read(
    example: Report, form: Callable[[bytes], tuple[bytes, str, str]]
) -> None:
    """Was: refused as no report (``w:altChunk`` not read): Word shows the
    page in its place. Read as a web page, with one warning that Word's
    conversion may show it otherwise than a browser."""
    edit = _chunked(*form(html_page(example).encode("utf-8")))
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata == example.metadata
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.WARNING
    assert "w:altChunk" in finding.message


def test_places_in_an_embedded_page_name_the_chunk(example: Report) -> None:
    """A problem inside the page names the chunk and its place in the page."""
    page = html_page(example).replace("<td>1268</td>", "<td>12 68</td>")
    edit = _chunked(page.encode("utf-8"), "text/html", "/word/afchunk.htm")
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report["active.licensing.decisions"] is Mark.MISSING
    (cell,) = [f for f in report.reading_findings if "12 68" in f.message]
    assert cell.where.startswith("嵌入网页（w:altChunk，正文第 1 块）第 ")


def test_an_embedded_rtf_stays_unread(example: Report) -> None:
    """Only web pages are read: an RTF chunk is reported, its text not guessed at."""

    def edit(document: Any) -> None:
        part = Part(
            PackURI("/word/afchunk.rtf"),
            "application/rtf",
            b"{\\rtf1 1268}",
            document.part.package,
        )
        rid = document.part.relate_to(part, CHUNK)
        chunk = w_element(f"<w:altChunk xmlns:r='{R_NS}' r:id='{rid}'/>")
        _tables(document)[0].addprevious(chunk)

    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = [f for f in report.reading_findings if "altChunk" in f.message]
    assert finding.kind is FindingKind.UNREAD_LINE


def test_an_embedded_chunk_in_a_cell_is_no_blank(example: Report) -> None:
    """Was: the cell read as blank with nothing said, though Word shows the
    chunk (here a page printing 1268) in it: now unread, with a finding."""

    def edit(document: Any) -> None:
        tc = w_cell(document)
        paragraph = tc.find(qn("w:p"))
        for run in paragraph.findall(qn("w:r")):
            paragraph.remove(run)
        page = b"<html><body>1268</body></html>"
        part = Part(PackURI("/word/c.htm"), "text/html", page, document.part.package)
        rid = document.part.relate_to(part, CHUNK)
        paragraph.addprevious(w_element(f"<w:altChunk xmlns:r='{R_NS}' r:id='{rid}'/>"))

    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report["active.licensing.decisions"] is Mark.MISSING
    assert other_cells(report) == other_cells(example)
    found = [f for f in report.reading_findings if "第 1 个表格第 7 行" in f.where]
    assert any("w:altChunk" in f.message for f in found)


# ------------------------------------ Flat OPC: Word's single-file XML document


def _flat(docx: bytes) -> bytes:
    """A ``.docx`` as Word saves it as "Word XML 文档 (*.xml)": one
    ``pkg:package`` of its parts, XML inline and the others in base64."""
    archive = zipfile.ZipFile(io.BytesIO(docx))
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    defaults = {
        d.get("Extension").lower(): d.get("ContentType")
        for d in types.iter(ns + "Default")
    }
    overrides = {
        o.get("PartName"): o.get("ContentType") for o in types.iter(ns + "Override")
    }
    parts = []
    for name in archive.namelist():
        if name == "[Content_Types].xml":
            continue
        kind = overrides.get("/" + name) or defaults[name.rsplit(".", 1)[-1].lower()]
        blob = archive.read(name)
        head = f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}"'
        if kind.endswith("xml"):
            body = blob.split(b"?>", 1)[1] if blob.startswith(b"<?xml") else blob
            parts.append(
                f"{head}><pkg:xmlData>{body.decode()}</pkg:xmlData></pkg:part>"
            )
        else:
            data = base64.encodebytes(blob).decode()
            parts.append(f"{head}><pkg:binaryData>{data}</pkg:binaryData></pkg:part>")
    return (
        '<?xml version="1.0" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">'
        + "".join(parts)
        + "</pkg:package>"
    ).encode()


@pytest.mark.parametrize("foreign", [False, True], ids=["own", "others"])
def test_a_flat_opc_document_is_read(
    example: Report, foreign: bool, tmp_path: Path
) -> None:
    """Was: refused as an unsupported "Word XML" document, though it is a
    ``.docx``'s parts in one file (Word and WPS open it as the document)."""
    flat = _flat(docx_bytes(example, foreign=foreign))
    path = tmp_path / "2025年报告.xml"
    path.write_bytes(flat)
    for report in (read_docx(flat), read(path)):
        assert dict(report.cells()) == dict(example.cells())
        assert report.metadata == example.metadata
        assert report.reading_findings == ()
    if not foreign:
        assert read_docx(flat) == example


BAD_PICTURE = (
    b'<pkg:part pkg:name="/word/media/image1.png" pkg:contentType="image/png">'
    b"<pkg:binaryData>%%iVBORw0KGgo=</pkg:binaryData></pkg:part>"
)


@pytest.mark.parametrize(
    "edit",
    [
        lambda flat: flat.replace(
            b"<pkg:package", b'<!DOCTYPE x [<!ENTITY a "1">]><pkg:package', 1
        ),
        lambda flat: flat.replace(b"</pkg:package>", BAD_PICTURE + b"</pkg:package>"),
        lambda flat: flat[: len(flat) // 2],
    ],
    ids=["doctype", "bad-base64", "cut-short"],
)
def test_a_broken_flat_opc_document_is_refused(
    example: Report, edit: Callable[[bytes], bytes]
) -> None:
    flat = edit(_flat(docx_bytes(example)))
    with pytest.raises(ReadError) as caught:
        read_docx(flat)
    assert "Word XML" in str(caught.value)


# ------------------------- mc:AlternateContent round a table, a row or a cell

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _alternative(
    pick: Callable[[Any], Any], requires: str, fallback: str
) -> Callable[[Any], None]:
    """An edit putting what ``pick`` gives in the ``mc:Choice`` (requiring
    ``requires``) of an ``mc:AlternateContent`` whose ``mc:Fallback`` holds a
    copy printing ``fallback`` instead of 1268."""

    def edit(document: Any) -> None:
        element = pick(document)
        alternate = w_element(
            f"<mc:AlternateContent xmlns:w14='{W14}'>"
            f"<mc:Choice Requires='{requires}'/><mc:Fallback/></mc:AlternateContent>"
        )
        element.addprevious(alternate)
        choice, other = list(alternate)
        copied = copy.deepcopy(element)
        for text in copied.iter(qn("w:t")):
            if text.text == "1268":
                text.text = fallback
        other.append(copied)
        choice.append(element)

    return edit


ALTERNATED = {
    "table": lambda d: _tables(d)[0],
    "row": lambda d: w_cell(d).getparent(),
    "cell": w_cell,
}


@pytest.mark.parametrize(
    ("requires", "shown"), [("w14", 1268), ("w99", 9999)], ids=["choice", "fallback"]
)
@pytest.mark.parametrize("pick", ALTERNATED.values(), ids=ALTERNATED.keys())
def test_a_table_row_or_cell_in_alternate_content_is_read_once(
    example: Report, pick: Callable[[Any], Any], requires: str, shown: int
) -> None:
    """Was: not read at all (the table, row or cell missing). Word shows the
    first choice it understands (``w14``), else the fallback: that one only."""
    edit = _alternative(pick, requires, "9999")
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report["active.licensing.decisions"] == shown
    assert other_cells(report) == other_cells(example)
    assert report.reading_findings == ()


# ------------------------------------- a note reference between two digits

REFERENCE = (
    '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    '<w:{kind}Reference w:id="1"/></w:r>'
)


@pytest.mark.parametrize(
    ("kind", "said"), [("footnote", "脚注编号"), ("endnote", "尾注编号")]
)
def test_a_note_number_between_digits_is_said(
    example: Report, kind: str, said: str
) -> None:
    """Was: ``12`` [note] ``68`` read as 1268 with nothing said, though Word
    prints 12¹68 (the note's number raised between the digits): read as a
    raised mark is, 1268 with the finding a superscript gets."""
    runs = w_run("12") + REFERENCE.format(kind=kind) + w_run("68")
    report = read_docx(io.BytesIO(docx_bytes(example, probe_runs(runs), foreign=True)))
    assert report["active.licensing.decisions"] == 1268
    assert other_cells(report) == other_cells(example)
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert f"上标“{said}”" in finding.message
    assert "第 1 个表格第 7 行（行政许可）第 2 格" in finding.where


def test_a_note_number_after_the_figure_says_nothing(example: Report) -> None:
    runs = w_run("1268") + REFERENCE.format(kind="footnote")
    report = read_docx(io.BytesIO(docx_bytes(example, probe_runs(runs), foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


DOCX_CHUNK = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


@pytest.mark.parametrize("foreign", [False, True], ids=["own", "others"])
def test_a_report_in_an_embedded_word_document_is_read(
    example: Report, foreign: bool
) -> None:
    """Was: the whole file refused as no readable .docx (python-docx parsed
    the embedded package as XML). Document merging tools join files so
    (a cover, then the report as a ``w:altChunk`` of its ``.docx``); Word
    shows the embedded document in its place: it is read so."""
    inner = docx_bytes(example, foreign=foreign)
    edit = _chunked(inner, DOCX_CHUNK, "/word/afchunk.docx")
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    assert report.metadata == example.metadata
    assert report.reading_findings == ()


def test_places_in_an_embedded_word_document_name_the_chunk(example: Report) -> None:
    inner = docx_bytes(example, probe_runs(w_run("12 68")), foreign=True)
    edit = _chunked(inner, DOCX_CHUNK, "/word/afchunk.docx")
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report["active.licensing.decisions"] is Mark.MISSING
    assert other_cells(report) == other_cells(example)
    (finding,) = report.reading_findings
    assert finding.where == "嵌入文档（w:altChunk，正文第 1 块）第 1 个表格第 7 行"


def test_a_document_embedded_in_an_embedded_document_is_not_read(
    example: Report,
) -> None:
    """One level only: a chunk in the embedded document is reported, unread."""
    inner = docx_bytes(example, foreign=True)
    middle = docx_bytes(example, _chunked(inner, DOCX_CHUNK, "/word/a.docx"))
    edit = _chunked(middle, DOCX_CHUNK, "/word/afchunk.docx")
    with pytest.raises(NotAReportError):
        read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
