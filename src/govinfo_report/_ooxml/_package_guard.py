"""Check a ``.docx`` package safely before python-docx parses any of it.

A Word file is a zip of XML parts. A crawler brings back whatever a site
serves, so before python-docx (and lxml through it) sees a byte,
`check_package` refuses, fast and with a library error:

- input that is not a zip (an old binary or encrypted Word file, RTF, HTML,
  anything else) – `ReadError` saying what it is and what to do;
- input larger than ``max_input_bytes``; more entries than
  ``max_zip_entries`` (counted from the central directory's records before
  `zipfile` builds an object per entry); a total declared unpacked size over
  ``max_unpacked_bytes`` – `LimitExceededError`;
- entries whose names are absolute or climb out of the package (``/x``,
  ``../../etc/passwd``, ``C:\\x``), duplicate names, encrypted entries –
  `ReadError`;
- more bytes actually unpacked than ``max_unpacked_bytes``: every entry is
  streamed through a byte counter, so a zip bomb whose headers lie is
  stopped at the cap, never unpacked in full – `LimitExceededError`;
- more elements (start tags, counted in the raw bytes as they are
  unpacked) in all XML parts together than ``max_elements`` –
  `LimitExceededError`;
- a ``DOCTYPE`` (and so any entity declaration: external entities, the
  "billion laughs") in any XML part python-docx would parse, found in the raw
  bytes (UTF-8, UTF-16 or UTF-32) – `ReadError`;
- a main document with more table rows and paragraphs than ``max_rows``,
  counted by a streaming, hardened lxml parse (no entities, no network, no
  huge trees) that keeps no element – `LimitExceededError` (a part too small
  to hold that many is not parsed here);
- entries compressed other than by deflate or stored (bzip2 and LZMA unpack
  without a bound per read) – `ReadError`;
- running past ``max_seconds`` – `LimitExceededError`.

The checks read the same bytes python-docx is then given, so what passed the
checks is exactly what is parsed.

Over 500 lines: one job, every check of the package in one pass over the bytes python-docx then parses.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from lxml import etree

from govinfo_report._limits import Budget, Deadline, Limits, start_tags
from govinfo_report.exceptions import ReadError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CENTRAL_RECORD = b"PK\x01\x02"
_CHUNK = 64 * 1024
_DOCTYPE = "<!DOCTYPE"
_ENTITY = "<!ENTITY"
_DRIVE = re.compile(r"^[A-Za-z]:")


def hardened_parser() -> etree.XMLParser:
    """An XML parser that resolves no entity, loads no DTD, reaches no network
    and refuses huge trees (the parts of an untrusted package)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )


def describe_non_zip(head: bytes) -> str:
    """Why bytes that are not a zip are not a ``.docx``, and what to do (Chinese)."""
    if head.startswith(_OLE_MAGIC):
        return (
            "不是 Word 文档（.docx）：这是旧版二进制 Word 文件（.doc）或加密（设置了打开密码）"
            "的 Word 文件 (an old binary .doc or an encrypted Word file)。"
            "请在 Word 或 WPS 中去掉密码后“另存为”.docx 再读取"
        )
    stripped = head.lstrip()
    if stripped.startswith(b"{\\rtf"):
        return (
            "不是 Word 文档（.docx）：这是 RTF 文件 (an RTF file)。"
            "请在 Word 或 WPS 中“另存为”.docx 再读取"
        )
    if stripped.startswith(b"%PDF"):
        return (
            "不是 Word 文档（.docx）：这是 PDF 文件，请用 read_pdf 读取 (use read_pdf)"
        )
    if stripped[:1] == b"<":
        return (
            "不是 Word 文档（.docx）：这是 HTML 或 XML 文本 (HTML or XML text)，"
            "网页请用 read_html 读取"
        )
    return "不是 Word 文档（.docx）(not a .docx: not a zip package)"


def check_zip_records(data: bytes, limits: Limits, source: str | None) -> None:
    """Refuse a zip file far beyond ``max_zip_entries``, before `zipfile`
    builds an object for each of its entries (seconds for a million).

    Every entry has one central directory record; a count of their signature
    can only be too high (the signature inside stored data), never too low as
    a stated count could be, so only a count well past the limit is refused.

    Raises:
        LimitExceededError: more than four times ``max_zip_entries`` records.
    """
    records = data.count(_CENTRAL_RECORD)
    if records > 4 * limits.max_zip_entries:
        raise limits.exceeded(
            "max_zip_entries", "压缩包条目数（按目录记录计）", records, source=source
        )


def check_package(
    data: bytes, *, source: str | None, limits: Limits, deadline: Deadline
) -> None:
    """Refuse ``data`` unless it is a zip package python-docx may safely parse.

    Raises:
        LimitExceededError: beyond ``max_input_bytes``, ``max_zip_entries``,
            ``max_unpacked_bytes``, ``max_rows`` or ``max_seconds``.
        ReadError: not a zip (old ``.doc``, encrypted, RTF…), a broken zip,
            unsafe or duplicate entry names, encrypted entries, a ``DOCTYPE``
            in an XML part, a main document that is not well-formed XML.
    """
    limits.check_size(len(data), source=source)
    if not data.startswith(_ZIP_MAGIC):
        head = data[:1024]
        # an old .doc, an encrypted Word file or RTF is a form the library
        # does not read (saved as .docx it is read), not a damaged file
        other = head.startswith(_OLE_MAGIC) or head.lstrip().startswith(b"{\\rtf")
        raise ReadError(
            describe_non_zip(head),
            source=source,
            code="unsupported" if other else None,
        )
    check_zip_records(data, limits, source)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,  # "zip file version 6.4" and the like
        RuntimeError,
        struct.error,
    ) as error:
        raise ReadError(
            f"不是可读的 Word 文档（.docx）：压缩包已损坏 (broken zip): {error}",
            source=source,
        ) from None
    with archive:
        _check_entries(archive, source=source, limits=limits, deadline=deadline)


def _check_entries(
    archive: zipfile.ZipFile, *, source: str | None, limits: Limits, deadline: Deadline
) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_zip_entries:
        raise limits.exceeded(
            "max_zip_entries", "压缩包条目数", len(infos), source=source
        )
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            raise ReadError(
                f"不是可读的 Word 文档（.docx）：压缩包条目名“{name[:80]}”是绝对路径"
                "或指向包外 (unsafe entry name: absolute or path traversal)",
                source=source,
                code="unsafe",
            )
        key = name.lower()
        if key in seen:
            raise ReadError(
                f"不是可读的 Word 文档（.docx）：压缩包条目“{name[:80]}”重复出现"
                " (duplicate entry name)",
                source=source,
            )
        seen.add(key)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word writes deflate only; bzip2 and LZMA unpack without a bound.
            raise ReadError(
                f"不是可读的 Word 文档（.docx）：压缩包条目“{name[:80]}”的压缩方式"
                f"（{info.compress_type}）不是 Word 使用的方式"
                " (compression method not stored or deflate)",
                source=source,
            )
        if info.flag_bits & 0x1:
            raise ReadError(
                f"Word 文档已加密，无法读取：压缩包条目“{name[:80]}”设置了密码"
                " (encrypted entry)。请去掉密码后另存为 .docx 再读取",
                source=source,
                code="unsupported",
            )
        declared += info.file_size
    if declared > limits.max_unpacked_bytes:
        raise limits.exceeded(
            "max_unpacked_bytes", "声明的解压后大小（字节）", declared, source=source
        )
    budget = _unpacking_budget(limits, source, deadline)
    rels = _read_small(archive, "_rels/.rels", budget)
    content_types = _read_small(archive, "[Content_Types].xml", budget)
    main = _main_part(rels, source) if rels is not None else "word/document.xml"
    xml_parts = _xml_parts(content_types, [i.filename for i in infos], source)
    # lxml builds every element python-docx parses, however small its markup
    # (``<w:proofErr/>`` is 14 bytes, its element some 150): count them first.
    elements = Budget(
        limits,
        "max_elements",
        "Word 文档 XML 部件的元素数（读到部件“{where:.80}”时）",
        source=source,
    )
    for info in infos:
        deadline.check(f"压缩包条目“{info.filename[:80]}”")
        if info.filename in ("_rels/.rels", "[Content_Types].xml"):
            continue  # read above
        is_xml = info.filename in xml_parts or info.filename == main
        with _open(archive, info, source) as raw:
            stream = _Counted(
                raw, budget, info.filename, scan=is_xml, elements=elements
            )
            # A row is at least ``<tr/>`` (5 bytes), a paragraph ``<p/>`` (4),
            # and zipfile never unpacks more than the declared size: a smaller
            # part cannot hold more than max_rows of them.
            if info.filename == main and info.file_size > 4 * limits.max_rows:
                _count_rows(stream, info.filename, limits, deadline, source)
            stream.drain()


def _unsafe_name(name: str) -> bool:
    if "\x00" in name or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    return any(part == ".." for part in name.split("/"))


def _unpacking_budget(limits: Limits, source: str | None, deadline: Deadline) -> Budget:
    """The bytes the whole package may still unpack to."""
    return Budget(
        limits,
        "max_unpacked_bytes",
        "解压后大小（字节，读到条目“{where:.80}”时）",
        deadline=deadline,
        source=source,
        every=64,
        tick_where="压缩包条目“{where:.80}”",
    )


class _DoctypeScan:
    """Finds ``<!DOCTYPE``/``<!ENTITY`` in raw XML bytes of any Unicode encoding."""

    def __init__(self) -> None:
        self._decoder: codecs.IncrementalDecoder | None = None
        self._tail = ""
        self._head = b""
        self.start_tags = 0
        """The start tags in the chunk last fed (an upper bound, `start_tags`)."""

    def feed(self, chunk: bytes, *, final: bool = False) -> bool:
        """True when the bytes so far hold a DOCTYPE or an entity declaration."""
        if self._decoder is None:
            self._head += chunk
            if len(self._head) < 4 and not final:
                return False
            self._decoder = codecs.getincrementaldecoder(_xml_encoding(self._head))(
                errors="replace"
            )
            chunk, self._head = self._head, b""
        decoded = self._decoder.decode(chunk, final)
        # A "</" cut by the chunk boundary counts once too many: an upper bound.
        self.start_tags = start_tags(decoded)
        text = self._tail + decoded
        found = _DOCTYPE in text or _ENTITY in text
        self._tail = text[-(len(_DOCTYPE) - 1) :]
        return found


def _xml_encoding(head: bytes) -> str:
    """The byte encoding family of an XML entity, from its first bytes (XML 1.0 F.1)."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return name
    for pattern, name in (
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00<\x00?", "utf-16-be"),
        (b"<\x00?\x00", "utf-16-le"),
    ):
        if head.startswith(pattern):
            return name
    return "latin-1"  # ASCII-compatible: the markup is ASCII bytes


class _Counted(io.RawIOBase):
    """A read-only stream over one entry: counts its bytes, scans XML for DOCTYPE."""

    def __init__(
        self,
        raw: IO[bytes],
        budget: Budget,
        name: str,
        *,
        scan: bool,
        elements: Budget | None = None,
    ):
        super().__init__()
        self._raw = raw
        self._budget = budget
        self._name = name
        self._scan = _DoctypeScan() if scan else None
        self._elements = elements

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def read(self, size: int | None = -1) -> bytes:
        want = _CHUNK if size is None or size < 0 else min(size, _CHUNK)
        chunk = _guarded_read(self._raw, want, self._name, self._budget.source)
        self._budget.take(len(chunk), self._name)
        self._budget.tick(self._name)
        if self._scan is not None and self._scan.feed(chunk, final=not chunk):
            raise ReadError(
                f"Word 文档的 XML 部件“{self._name[:80]}”含有 DOCTYPE 或实体声明"
                "（可能是外部实体或“十亿笑”实体膨胀攻击），拒绝读取"
                " (DOCTYPE or entity declaration in an XML part)",
                source=self._budget.source,
                code="unsafe",
            )
        if self._scan is not None and self._elements is not None:
            self._elements.take(self._scan.start_tags, self._name)
        return chunk

    def drain(self) -> None:
        while self.read(_CHUNK):
            pass


# What zipfile and zlib raise on a broken or unsupported entry (a newer zip
# version raises NotImplementedError, a bad password RuntimeError).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


def _guarded_read(raw: IO[bytes], size: int, name: str, source: str | None) -> bytes:
    try:
        return raw.read(size)
    except _ZIP_ERRORS as error:
        raise ReadError(
            f"不是可读的 Word 文档（.docx）：压缩包条目“{name[:80]}”已损坏"
            f" (broken zip entry): {error}",
            source=source,
        ) from None


def _open(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str | None
) -> IO[bytes]:
    try:
        return archive.open(info)
    except _ZIP_ERRORS as error:
        raise ReadError(
            f"不是可读的 Word 文档（.docx）：压缩包条目“{info.filename[:80]}”无法打开"
            f" (cannot open zip entry): {error}",
            source=source,
        ) from None


_SMALL_PART = 1024 * 1024


def _read_small(archive: zipfile.ZipFile, name: str, budget: Budget) -> bytes | None:
    """A small package part (relationships, content types), checked; None if absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    parts: list[bytes] = []
    size = 0
    with _open(archive, info, budget.source) as raw:
        stream = _Counted(raw, budget, name, scan=True)
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > _SMALL_PART:
                raise ReadError(
                    f"不是可读的 Word 文档（.docx）：部件“{name}”大于 1 MiB"
                    " (package part too large)",
                    source=budget.source,
                )
            parts.append(chunk)
    return b"".join(parts)


def _parse_small(data: bytes, name: str, source: str | None) -> etree._Element:
    try:
        return etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as error:
        raise ReadError(
            f"不是可读的 Word 文档（.docx）：部件“{name}”不是合格的 XML"
            f" (malformed XML): {error}",
            source=source,
        ) from None


def _main_part(rels: bytes, source: str | None) -> str:
    """The name of the main document part, from the package relationships."""
    root = _parse_small(rels, "_rels/.rels", source)
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            return posixpath.normpath(target.lstrip("/"))
    return "word/document.xml"


def _xml_parts(
    content_types: bytes | None, names: list[str], source: str | None
) -> frozenset[str]:
    """The parts python-docx may parse as XML: by name and by declared content type."""
    xml = {n for n in names if n.lower().endswith((".xml", ".rels"))}
    if content_types is None:
        return frozenset(xml)
    root = _parse_small(content_types, "[Content_Types].xml", source)

    def is_xml(content_type: str) -> bool:
        kind = content_type.lower()
        # an embedded web page (w:altChunk) is no part python-docx parses: it
        # is read as HTML, as any web page is, its DOCTYPE that of XHTML
        return (
            kind.endswith("xml")
            and not kind.startswith("image/")
            and kind != "application/xhtml+xml"
        )

    extensions = {
        (d.get("Extension") or "").lower()
        for d in root.iter(f"{{{_CT_NS}}}Default")
        if is_xml(d.get("ContentType") or "")
    }
    overrides = {
        (o.get("PartName") or "").lstrip("/")
        for o in root.iter(f"{{{_CT_NS}}}Override")
        if is_xml(o.get("ContentType") or "")
    }
    for name in names:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in extensions or name in overrides:
            xml.add(name)
    return frozenset(xml)


_TR = f"{{{W_NS}}}tr"
_TC = f"{{{W_NS}}}tc"
_P = f"{{{W_NS}}}p"


def _count_rows(
    stream: _Counted,
    name: str,
    limits: Limits,
    deadline: Deadline,
    source: str | None,
) -> None:
    """Count table rows and paragraphs outside tables; stop past ``max_rows``."""
    rows = 0
    in_cells = 0
    events: Iterator[tuple[str, etree._Element]] = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(_TR, _TC, _P),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
    )
    try:
        for number, (event, element) in enumerate(events, 1):
            if not number % 4096:
                deadline.check(f"部件“{name}”")
            tag = element.tag
            if tag == _TC:
                in_cells += 1 if event == "start" else -1
                continue
            if event == "start":
                continue
            if tag == _TR or in_cells == 0:
                rows += 1
                if rows > limits.max_rows:
                    raise limits.exceeded(
                        "max_rows",
                        "Word 文档的表格行数与段落数",
                        f"{rows} 以上",
                        source=source,
                    )
                element.clear()
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
    except etree.XMLSyntaxError as error:
        raise ReadError(
            f"不是可读的 Word 文档（.docx）：正文部件“{name}”不是合格的 XML"
            f" (malformed XML): {error}",
            source=source,
        ) from None
