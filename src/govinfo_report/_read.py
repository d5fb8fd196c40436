"""read(): choose the reader for a file by its content and name.

It sits above the per-format readers (`_readers`) and the exchange formats
(`_exchange`) and calls each of them directly, with ``limits``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Protocol, TypeVar

from govinfo_report._archives import GZIP_MAGIC, gunzipped, is_zip_archive, unzipped
from govinfo_report._exchange import CSV_COLUMNS, from_csv, from_json
from govinfo_report._format import FormatVersion
from govinfo_report._limits import DEFAULT_LIMITS, Limits, read_bounded
from govinfo_report._model import Report
from govinfo_report._ooxml import is_flat_package
from govinfo_report._readers import (
    check_report,
    crawled_document,
    decode_bytes,
    hints,
    is_csv,
    is_mhtml,
    read_docx,
    read_html,
    read_pdf,
    read_text,
    with_source,
)
from govinfo_report.exceptions import ReadError

_Document = TypeVar("_Document", str, bytes)
_Taken = TypeVar("_Taken", contravariant=True)


class _Reader(Protocol[_Taken]):
    """A per-format reader as `read` calls it (`read_text`, `read_html`, `read_pdf`)."""

    def __call__(
        self,
        document: _Taken,
        /,
        *,
        strict: bool,
        source: str | None,
        limits: Limits | None,
        year: int | None,
        agency: str | None,
        format_version: FormatVersion | str | None,
    ) -> Report: ...


def _csv_header(head: bytes) -> bool:
    return head.removeprefix(b"\xef\xbb\xbf").startswith(
        ",".join(CSV_COLUMNS[:3]).encode("ascii")
    )


# Zip packages that are not Word documents, told by the names their entries
# must have (a zip stores each entry's name uncompressed, in its local header
# and again in the central directory, so a byte search finds it without
# unpacking anything). Published reports come in these too: OFD is China's
# fixed-layout format (GB/T 33190), often beside or instead of PDF.
_OTHER_PACKAGES = (
    (b"OFD.xml", "OFD 版式文件（GB/T 33190，.ofd）", "OFD"),
    (b"xl/workbook.xml", "Excel 工作簿（.xlsx）", "an Excel workbook"),
    (b"ppt/presentation.xml", "PowerPoint 演示文稿（.pptx）", "a PowerPoint file"),
    (
        b"mimetypeapplication/vnd.oasis.opendocument",
        "OpenDocument 文件（.odt 等）",
        "an OpenDocument file",
    ),
)


def _other_package(data: bytes, source: str) -> None:
    """Refuse a zip package that is another format than Word, saying which."""
    if b"word/document.xml" in data:
        return
    for name, zh, en in _OTHER_PACKAGES:
        if name in data:
            raise ReadError(
                f"不是 Word 文档（.docx），而是{zh}：本库不读这种格式，"
                f"请另存为 PDF、Word（.docx）或网页后再读 ({en}: not read; "
                "save it as PDF, .docx or HTML)",
                code="unsupported",
                source=source,
            )


def _word_xml(head: bytes) -> bool:
    """True for Word's own XML documents (2003 XML, Flat OPC), not web pages."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        return False
    return b'progid="Word.Document"' in head or b"<w:wordDocument" in head


def _one_csv_report(
    data: bytes, source: str, limits: Limits, *, strict: bool
) -> Report:
    reports = from_csv(io.BytesIO(data), strict=strict, limits=limits)
    if len(reports) != 1:
        raise ReadError(
            f"CSV 文件含 {len(reports)} 份报告，read() 只读一份："
            "请用 from_csv() 读取 (use from_csv for several reports)",
            code="unsupported",
            source=source,
        )
    return reports[0]


def read(
    path: str | Path,
    *,
    strict: bool = False,
    limits: Limits | None = None,
    year: int | None = None,
    agency: str | None = None,
    format_version: FormatVersion | str | None = None,
) -> Report:
    """Read a published report from a file, choosing the reader by content and name.

    ``.txt``/``.md`` → `read_text`, ``.html``/``.htm`` and saved web archives
    (``.mht``/``.mhtml``, MHTML: the page they hold) → `read_html`, ``.pdf`` →
    `read_pdf`, ``.docx`` → ``read_docx``, ``.json`` → ``from_json`` and
    ``.csv`` → ``from_csv`` (a CSV holding exactly one report; use
    ``from_csv`` for several; a report's own tables saved as CSV, with no
    exchange header, → `read_text`). Content decides where the extension does not:
    a ``%PDF`` header, a zip (Word) header, HTML markup, a JSON object. A
    gzip file (``report.html.gz``, as crawlers keep pages) is read by the file
    it holds, decompressed to at most ``limits.max_input_bytes``.

    ``strict`` is passed on to the reader chosen (for JSON and CSV: the
    figures must keep the format's sum rules). The file is opened read-only
    and never changed; only a regular file is read (a FIFO, device, socket or
    directory is refused at once). Its size is checked against
    ``limits.max_input_bytes`` before it is read.

    ``year``, ``agency`` and ``format_version`` are what the caller knows of
    the report (a listing page, a scraper): the reader uses them where the
    document does not state them and checks them where it does (a
    disagreement is a ``METADATA_MISMATCH`` finding; the document's own value
    is kept). JSON and CSV documents always state them: they are checked.

    Raises:
        ReadError: the file cannot be read (with its name); `NotAReportError`
            when it is not an annual report; `LimitExceededError` when it is
            beyond a limit of ``limits`` (`DEFAULT_LIMITS` when None).
    """
    given = hints(year, agency, format_version)
    limits = limits or DEFAULT_LIMITS
    target = Path(path)
    source = str(target)

    def reading(reader: _Reader[_Document], document: _Document) -> Report:
        # every reader gets the caller's strictness, limits and hints
        return reader(
            document,
            strict=strict,
            source=source,
            limits=limits,
            year=year,
            agency=agency,
            format_version=format_version,
        )

    data = read_bounded(target, limits, source=source)
    name, packed = target.name, data
    # A crawler keeps pages gzip-compressed (``report.html.gz``), a site
    # publishes a report as a .zip: the file inside is read by its own name
    # and content.
    if data[:2] == GZIP_MAGIC:
        data, name = gunzipped(data, limits, source), target.stem
    elif is_zip_archive(data, limits, source):
        data, name = unzipped(data, limits, source)
    # what read_docx is given: the file, or the bytes unpacked from it
    word: Path | bytes = target if data is packed else data
    suffix = Path(name).suffix.lower()
    head = data[:1024].lstrip()
    # A viewer finds the PDF header anywhere in the first 1024 bytes (bytes a
    # download script or a mail gateway put before it are skipped).
    pdf_at = data.find(b"%PDF-", 0, 1024)
    if (
        head.startswith(b"%PDF")
        or (suffix == ".pdf" and (pdf_at >= 0 or not head.startswith(b"<")))
        or (pdf_at >= 0 and not head.startswith(b"<"))
    ):
        return reading(read_pdf, data)
    # An old binary or encrypted Word file (OLE compound document) goes to
    # read_docx too, which says what it is and how to save it as .docx.
    # A ".doc" that is a web page (Word's "另存为网页" renamed, a site's
    # "下载 Word" link serving HTML) is read as the page; read_docx says what
    # any other content is.
    web_page = head[:1] == b"<" or is_mhtml(data[:8192])
    flat = is_flat_package(data[:4096])  # Flat OPC: a .docx's parts in one file
    if _word_xml(data[:4096]) and not flat:
        raise ReadError(
            "这是 Word XML 文档（Word 2003 XML 或单文件 Word XML，.xml），本库不读这种格式："
            "请在 Word 或 WPS 中“另存为”.docx 或 PDF 后再读取 "
            "(a Word XML document: save it as .docx or PDF)",
            code="unsupported",
            source=source,
        )
    if (
        flat
        or head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))
        or (suffix in (".docx", ".doc") and not web_page)
    ):
        if head.startswith(b"PK\x03\x04"):
            _other_package(data, source)
        try:
            return read_docx(
                word,
                strict=strict,
                limits=limits,
                year=year,
                agency=agency,
                format_version=format_version,
            )
        except ReadError as error:  # given bytes, read_docx cannot name the file
            raise with_source(error, source) from None
    if suffix in (".json", ".jsonl", ".ndjson") or head[:1] in (b"{", b"["):
        # a crawler's item (title, content) rather than an exchange document
        crawled = crawled_document(data, source)
        if crawled is not None:
            reader = read_html if crawled.is_html else read_text
            return reading(reader, crawled.text)
    if suffix == ".json" or head.startswith(b"{"):
        return check_report(from_json(data, strict=strict, limits=limits), given)
    if suffix == ".csv" and not _csv_header(head):
        # a report's own tables saved as CSV (Excel), not the exchange format
        text = decode_bytes(data, None)
        if "信息公开" in text and is_csv(text):
            return reading(read_text, text)
    if suffix == ".csv" or _csv_header(head):
        return check_report(_one_csv_report(data, source, limits, strict=strict), given)
    lowered = head[:512].lower()
    if (
        suffix in (".html", ".htm", ".mht", ".mhtml")
        or is_mhtml(data[:8192])  # a saved web archive: its page is read
        or lowered.startswith((b"<!doctype", b"<html", b"<?xml"))
        or (b"<table" in data[:200_000].lower() and b"</" in lowered)
    ):
        return reading(read_html, data)
    return reading(read_text, decode_bytes(data, None))
