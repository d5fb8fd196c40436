"""Reports inside gzip files and zip archives: the file inside, for `read` to dispatch.

Crawlers keep pages gzip-compressed (``report.html.gz``), and sites publish a
report's attachment as a ``.zip``. Each holds one file that `read` reads by
its own name and content. Both are unpacked within the limits of untrusted
input: never more than ``max_input_bytes`` of the file inside (a bomb is a
`LimitExceededError`), at most ``max_zip_entries`` entries, stored or deflate
only (as every zip tool writes; bzip2 and LZMA have no bound on what they
unpack), no encrypted entry, one level (an archive inside an archive is
refused, saying so).

A zip holding several reports is refused with their names (read each after
extracting). Office packages (Word, Excel, OpenDocument…) are zip files too;
they are not archives here (`is_zip_archive`).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from govinfo_report._limits import Limits
from govinfo_report._ooxml import check_zip_records
from govinfo_report.exceptions import ReadError

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"

REPORT_SUFFIXES = frozenset(
    (
        ".txt",
        ".md",
        ".html",
        ".htm",
        ".mht",
        ".mhtml",
        ".pdf",
        ".docx",
        ".docm",
        ".dotx",
        ".doc",
        ".json",
        ".jsonl",
        ".ndjson",
        ".csv",
        ".zip",
    )
)
"""The names a report file may have for `read` (its forms; an old ``.doc`` is
named, to say how to save it): what ``check`` looks for in folders and `read`
in a zip archive (each also gzip-compressed: ``x.html.gz``)."""

_PACKAGE_PARTS = frozenset(("[Content_Types].xml", "mimetype", "OFD.xml"))
"""Top-level entries of office packages (OOXML, OpenDocument, OFD), not archives."""


def gunzipped(data: bytes, limits: Limits, source: str) -> bytes:
    """The file a gzip file holds, never more than ``max_input_bytes`` of it.

    Raises:
        ReadError: the gzip data is damaged (``damaged``), cut off
            (``incomplete``), or holds another archive (``unsupported``).
        LimitExceededError: the file inside is larger than ``max_input_bytes``.
    """
    inflater = zlib.decompressobj(wbits=31)
    try:
        inner = inflater.decompress(data, limits.max_input_bytes + 1)
    except zlib.error as error:
        raise ReadError(
            f"gzip 压缩文件已损坏 (damaged gzip file): {error}", source=source
        ) from None
    if len(inner) > limits.max_input_bytes or inflater.unconsumed_tail:
        raise limits.exceeded(
            "max_input_bytes",
            "gzip 解压后的大小（字节，至少）",
            len(inner),
            source=source,
        )
    if not inflater.eof:
        raise ReadError(
            "gzip 压缩文件不完整 (the gzip file is cut off)",
            source=source,
            code="incomplete",
        )
    _one_level(inner, "gzip", limits, source)
    return inner


def is_zip_archive(data: bytes, limits: Limits, source: str) -> bool:
    """True for a zip file that is an archive of files, not an office package.

    A package (Word, Excel, PowerPoint, OpenDocument, OFD) names its parts at
    its top level; a zip that cannot be opened is left to the Word reader,
    which says what is wrong with it.

    Raises:
        LimitExceededError: the zip has far more entries than
            ``max_zip_entries`` (`check_zip_records`).
    """
    if not data.startswith(ZIP_MAGIC):
        return False
    check_zip_records(data, limits, source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return False
    except (NotImplementedError, RuntimeError, struct.error):
        return False
    return not any(
        name in _PACKAGE_PARTS or name.startswith(("word/", "xl/", "ppt/", "Doc_"))
        for name in names
    )


_ARCHIVED_SUFFIXES = REPORT_SUFFIXES | {".gz"}


def unzipped(data: bytes, limits: Limits, source: str) -> tuple[bytes, str]:
    """The one report file a zip archive holds, and its name.

    Raises:
        ReadError: the zip is damaged, holds no report file or several
            (``unsupported``, naming them), or its entry is encrypted or
            compressed by a method without a bound.
        LimitExceededError: more entries than ``max_zip_entries``, or the file
            inside larger than ``max_input_bytes``.
    """
    check_zip_records(data, limits, source)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        struct.error,
    ) as error:
        raise ReadError(
            f"zip 压缩包已损坏 (broken zip): {error}", source=source
        ) from None
    with archive:
        if len(infos) > limits.max_zip_entries:
            raise limits.exceeded(
                "max_zip_entries", "压缩包条目数", len(infos), source=source
            )
        reports = [
            info
            for info in infos
            if not info.is_dir()
            and not _name(info).startswith(("__MACOSX/", "."))
            and "/." not in _name(info)
            and _suffix(_name(info)) in _ARCHIVED_SUFFIXES
        ]
        if len(reports) != 1:
            names = "、".join(_name(i) for i in infos[:10] if not i.is_dir()) or "无"
            raise ReadError(
                f"zip 压缩包中有 {len(reports)} 个报告文件（{names}），read() 只读一份："
                "请解压后逐个读取 (a zip archive: extract it and read each report)",
                source=source,
                code="unsupported",
            )
        info = reports[0]
        if info.flag_bits & 0x1:
            raise ReadError(
                f"zip 压缩包中的“{_name(info)}”已加密，无法读取 (encrypted entry)",
                source=source,
                code="unsupported",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(
                f"zip 压缩包中的“{_name(info)}”的压缩方式（{info.compress_type}）"
                "不是存储或 deflate (compression method not stored or deflate)",
                source=source,
                code="unsupported",
            )
        try:
            with archive.open(info) as entry:
                # the declared size is not trusted: read one byte past the limit
                inner = entry.read(limits.max_input_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
            raise ReadError(
                f"zip 压缩包中的“{_name(info)}”已损坏 (damaged entry): {error}",
                source=source,
            ) from None
    if len(inner) > limits.max_input_bytes:
        raise limits.exceeded(
            "max_input_bytes",
            f"zip 压缩包中“{_name(info)}”的大小（字节，至少）",
            len(inner),
            source=source,
        )
    _one_level(inner, "zip", limits, source)
    return inner, _name(info)


def _one_level(inner: bytes, outer: str, limits: Limits, source: str) -> None:
    """Refuse an archive inside an archive (one level is unpacked, no more)."""
    if inner[:2] == GZIP_MAGIC or is_zip_archive(inner, limits, source):
        raise ReadError(
            f"{outer} 压缩文件中又是压缩文件，本库只解压一层 "
            "(an archive inside an archive: extract it first)",
            source=source,
            code="unsupported",
        )


def _name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its maker wrote it: GBK where no UTF-8 flag is set.

    Chinese zip tools (and Windows) write names in the system code page, which
    `zipfile` decodes as CP437.
    """
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        return name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""
