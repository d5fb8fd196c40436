"""Hostile .docx input: every file refused fast with a library error, never a hang.

Every file is built here by the test itself: the zips with `zipfile` or byte by
byte (overlapping entries, lying headers, flags), the XML parts as text (a
million-row table is written as XML, not through python-docx). Each call runs
under a generous hang guard (a thread joined with a timeout): it catches a
hang or a runaway unpack, it is not a speed test.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import (
    DEFAULT_LIMITS,
    LimitExceededError,
    Limits,
    ReadError,
    example_report,
    read,
    read_docx,
    write_docx,
)
from govinfo_report._ooxml._package_guard import _Counted
from govinfo_report._ooxml._package_guard import _unpacking_budget as _Budget
from helpers import limit, refused

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GIB = 1024**3


def reading(data: bytes, **kwargs: Any) -> Callable[[], Any]:
    return lambda: read_docx(io.BytesIO(data), **kwargs)


@pytest.fixture(scope="module")
def example_docx() -> bytes:
    buffer = io.BytesIO()
    write_docx(example_report(), buffer)
    return buffer.getvalue()


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def repack(
    parts: dict[str, bytes],
    *,
    replace: dict[str, bytes] | None = None,
    extra: dict[str, bytes] | None = None,
    level: int = 6,
) -> bytes:
    """A zip of ``parts`` with some replaced and some added (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, blob in {**parts, **(replace or {}), **(extra or {})}.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            z.writestr(info, blob, zipfile.ZIP_DEFLATED, compresslevel=level)
    return out.getvalue()


def document_xml(body: str, *, declaration: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'{declaration}<w:document xmlns:w="{W_NS}"><w:body>{body}'
        "</w:body></w:document>"
    ).encode()


# ----------------------------------------------------------- not a .docx


@pytest.mark.parametrize(
    ("head", "words"),
    [
        (b"plain text, not a zip at all", ["不是 Word 文档（.docx）"]),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), [".doc", "加密", "另存为"]),
        (b"{\\rtf1\\ansi hello}", ["RTF", "另存为"]),
        (b"%PDF-1.7\n", ["PDF", "read_pdf"]),
        (b"<html><body>x</body></html>", ["HTML", "read_html"]),
        (b"", ["不是 Word 文档（.docx）"]),
    ],
    ids=["text", "ole-doc-or-encrypted", "rtf", "pdf", "html", "empty"],
)
def test_not_a_zip_says_what_it_is(head: bytes, words: list[str]) -> None:
    error = refused(reading(head))
    assert not isinstance(error, LimitExceededError)
    for word in words:
        assert word in str(error)
    # a form not read (save it as .docx) or a file that is not one at all
    other = head.startswith(b"\xd0\xcf") or head.startswith(b"{\\rtf")
    assert error.code == ("unsupported" if other else "damaged")


def test_broken_zips_are_read_errors(example_docx: bytes) -> None:
    for cut in (10, len(example_docx) // 2, len(example_docx) - 30):
        refused(reading(example_docx[:cut]))
    flipped = bytearray(example_docx)
    flipped[200:260] = bytes(60)  # inside the first entry's compressed data
    refused(reading(bytes(flipped)))
    # a central record needing a zip version zipfile does not implement
    # (found by the fuzz test: zipfile raised NotImplementedError)
    versioned = bytearray(example_docx)
    struct.pack_into("<H", versioned, versioned.find(b"PK\x01\x02") + 6, 64)
    refused(reading(bytes(versioned)))


# ------------------------------------------------------------------ sizes


def test_input_larger_than_max_input_bytes(example_docx: bytes, tmp_path: Path) -> None:
    small = Limits(max_input_bytes=len(example_docx) - 1)
    limit(reading(example_docx, limits=small), "max_input_bytes")
    path = tmp_path / "big.docx"
    path.write_bytes(example_docx)
    limit(lambda: read_docx(path, limits=small), "max_input_bytes")
    limit(lambda: read(path, limits=small), "max_input_bytes")
    # the same file within the limits reads
    assert read_docx(path) == example_report()


def test_thousands_of_entries(example_docx: bytes) -> None:
    many = {f"word/media/x{i}.bin": b"" for i in range(DEFAULT_LIMITS.max_zip_entries)}
    data = repack(entries(example_docx), extra=many)
    limit(reading(data), "max_zip_entries")
    lower = Limits(max_zip_entries=5)
    error = limit(reading(example_docx, limits=lower), "max_zip_entries")
    assert "17" in str(error)  # the example's own entries, counted exactly


def test_tens_of_thousands_of_entries_refused_before_zipfile_reads_them() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(40_000):
            z.writestr(f"{i}", b"")
    limit(reading(out.getvalue()), "max_zip_entries")


def _overlapping_bomb(copies: int, kernel_bytes: int) -> bytes:
    """One deflated kernel, ``copies`` central entries all pointing at it.

    The file is a few KB; the entries together claim ``copies * kernel_bytes``.
    """
    kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
    blob = kernel.compress(bytes(kernel_bytes)) + kernel.flush()
    crc = zlib.crc32(bytes(kernel_bytes))
    name = b"word/document.xml"
    local = struct.pack(
        "<4s5H3L2H",
        b"PK\x03\x04",
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(blob),
        kernel_bytes,
        len(name),
        0,
    )
    body = local + name + blob
    central = b""
    for i in range(copies):
        entry = f"word/part{i}.xml".encode()
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(blob),
            kernel_bytes,
            len(entry),
            0,
            0,
            0,
            0,
            0,
            0,
        )
        central += entry
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, copies, copies, len(central), len(body), 0
    )
    return body + central + end


def test_zip_bomb_of_a_few_kb_claiming_gigabytes() -> None:
    bomb = _overlapping_bomb(copies=256, kernel_bytes=16 * 1024 * 1024)
    assert len(bomb) < 64 * 1024  # a few KB …
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:  # … that claims 4 GiB
        assert sum(i.file_size for i in z.infolist()) >= 4 * GIB
    error = limit(reading(bomb), "max_unpacked_bytes")
    assert "声明" in str(error)


def test_single_entry_bomb_is_refused_by_its_declared_size(example_docx: bytes) -> None:
    parts = entries(example_docx)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
        with z.open("word/media/zeros.bin", "w") as big:
            chunk = bytes(1024 * 1024)
            for _ in range(40):  # 40 MiB of zeros, ~40 KB deflated
                big.write(chunk)
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    limit(
        reading(data, limits=Limits(max_unpacked_bytes=32 * 1024 * 1024)),
        "max_unpacked_bytes",
    )
    assert read_docx(io.BytesIO(data)) == example_report()  # within the default


def _lying_entry(claimed: int, actual: int) -> bytes:
    """A zip whose document.xml claims ``claimed`` bytes and unpacks to ``actual``."""
    payload = bytes(actual)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    blob = compressor.compress(payload) + compressor.flush()
    name = b"word/document.xml"
    crc = zlib.crc32(payload[:claimed])
    header = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(blob), claimed,
        len(name), 0,
    )  # fmt: skip
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(blob), claimed,
        len(name), 0, 0, 0, 0, 0, 0,
    ) + name  # fmt: skip
    body = header + name + blob
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(body), 0)
    return body + central + end


def test_headers_that_lie_low_unpack_no_further_than_they_claim() -> None:
    # 64 MiB of zeros behind a header claiming 1 KB: zipfile stops at the
    # claim, the package is then found broken (or not a report), nothing more.
    data = _lying_entry(claimed=1000, actual=64 * 1024 * 1024)
    assert len(data) < 100 * 1024
    refused(reading(data))


def test_the_unpacking_counter_stops_at_the_cap() -> None:
    limits = Limits(max_unpacked_bytes=100_000)
    budget = _Budget(limits, "bomb.docx", limits.deadline())
    stream = _Counted(io.BytesIO(bytes(10**7)), budget, "word/document.xml", scan=True)
    error = refused(stream.drain, LimitExceededError)
    assert error.limit == "max_unpacked_bytes"
    assert budget.used <= 100_000 + 64 * 1024  # stopped within one chunk of the cap


def test_a_million_row_table_stops_at_max_rows(example_docx: bytes) -> None:
    row = "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    body = "<w:tbl>" + row * 1_000_000 + "</w:tbl>"
    data = repack(
        entries(example_docx),
        replace={"word/document.xml": document_xml(body)},
        level=1,
    )
    error = limit(reading(data), "max_rows")
    assert str(DEFAULT_LIMITS.max_rows) in str(error)
    limit(reading(example_docx, limits=Limits(max_rows=50)), "max_rows")


def test_a_million_paragraphs_stop_at_max_rows(example_docx: bytes) -> None:
    body = "<w:p><w:r><w:t>一</w:t></w:r></w:p>" * 1_000_000
    data = repack(
        entries(example_docx),
        replace={"word/document.xml": document_xml(body)},
        level=1,
    )
    limit(reading(data), "max_rows")


def test_deeply_nested_xml_is_a_read_error(example_docx: bytes) -> None:
    body = "<w:sdt>" * 100_000 + "</w:sdt>" * 100_000
    data = repack(
        entries(example_docx), replace={"word/document.xml": document_xml(body)}
    )
    refused(reading(data))


def test_time_limit(example_docx: bytes) -> None:
    limit(reading(example_docx, limits=Limits(max_seconds=1e-9)), "max_seconds")


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "word/../../x.xml", "/etc/passwd", "C:\\Windows\\x.xml",
     "c:/x.xml", "word\\document.xml"],
)  # fmt: skip
def test_unsafe_entry_names(example_docx: bytes, name: str) -> None:
    data = repack(entries(example_docx), extra={name: b"<x/>"})
    error = refused(reading(data))
    assert "路径" in str(error)


def test_duplicate_entry_names(example_docx: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in entries(example_docx).items():
            z.writestr(name, blob)
        with pytest.warns(UserWarning, match="Duplicate"):
            z.writestr("word/document.xml", document_xml(""))
    error = refused(reading(out.getvalue()))
    assert "重复" in str(error)


def _set_flag(data: bytes, name: bytes, flag: int) -> bytes:
    """Set a general-purpose flag bit of ``name`` in both its headers."""
    patched = bytearray(data)
    for signature, offset, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (at := patched.find(signature, start)) >= 0:
            start = at + 4
            if bytes(patched[at + name_at : at + name_at + len(name)]) == name:
                (bits,) = struct.unpack_from("<H", patched, at + offset)
                struct.pack_into("<H", patched, at + offset, bits | flag)
    return bytes(patched)


def test_encrypted_entry(example_docx: bytes) -> None:
    data = _set_flag(example_docx, b"word/document.xml", 0x1)
    error = refused(reading(data))
    assert "加密" in str(error)


def test_bzip2_entries_are_refused(example_docx: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as z:
        for name, blob in entries(example_docx).items():
            z.writestr(name, blob)
    error = refused(reading(out.getvalue()))
    assert "压缩方式" in str(error)


# -------------------------------------------------------------------- XML

_XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize(
    ("part", "declaration", "text"),
    [
        ("word/document.xml", _XXE, "&xxe;"),
        ("word/document.xml", _LAUGHS, "&lol9;"),
        ("word/styles.xml", _XXE, "&xxe;"),
        ("[Content_Types].xml", _XXE, ""),
        ("_rels/.rels", _XXE, ""),
        ("word/_rels/document.xml.rels", _XXE, ""),
    ],
    ids=["xxe", "billion-laughs", "styles", "content-types", "rels", "document-rels"],
)
def test_doctype_and_entities_are_refused(
    example_docx: bytes, part: str, declaration: str, text: str
) -> None:
    parts = entries(example_docx)
    original = parts[part].decode("utf-8")
    if part == "word/document.xml":
        blob = document_xml(
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>", declaration=declaration
        )
    else:
        head, _, rest = original.partition("?>")
        blob = (head + "?>" + declaration + rest).encode("utf-8")
    error = refused(reading(repack(parts, replace={part: blob})))
    assert "DOCTYPE" in str(error)
    assert part in str(error)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_doctype_in_utf16_and_utf32_is_refused(
    example_docx: bytes, encoding: str
) -> None:
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>{_XXE}'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    data = repack(
        entries(example_docx), replace={"word/document.xml": text.encode(encoding)}
    )
    error = refused(reading(data))
    assert "DOCTYPE" in str(error)


def test_doctype_in_a_part_declared_xml_by_content_type(example_docx: bytes) -> None:
    parts = entries(example_docx)
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/custom.bin" ContentType="application/xml"/></Types>',
        )
    )
    data = repack(
        parts,
        replace={"[Content_Types].xml": types.encode()},
        extra={"word/custom.bin": f"<?xml version='1.0'?>{_XXE}<a>&xxe;</a>".encode()},
    )
    error = refused(reading(data))
    assert "word/custom.bin" in str(error)


def test_an_svg_picture_with_a_doctype_is_not_refused(example_docx: bytes) -> None:
    parts = entries(example_docx)
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>", '<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
        )
    )
    svg = (
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    data = repack(
        parts,
        replace={"[Content_Types].xml": types.encode()},
        extra={"word/media/picture.svg": svg.encode()},
    )
    assert read_docx(io.BytesIO(data)) == example_report()


def test_malformed_main_document(example_docx: bytes) -> None:
    for blob in (b"<w:document", b"\xff\xfe\x00garbage", b"", document_xml("<w:p>")):
        data = repack(entries(example_docx), replace={"word/document.xml": blob})
        refused(reading(data))


def test_missing_main_document(example_docx: bytes) -> None:
    parts = entries(example_docx)
    del parts["word/document.xml"]
    refused(reading(repack(parts)))


# ------------------------------------------------------------------ read()


def test_read_refuses_the_same_files(example_docx: bytes, tmp_path: Path) -> None:
    cases = {
        "bomb.docx": (_overlapping_bomb(64, 16 * 1024 * 1024), LimitExceededError),
        "traversal.docx": (
            repack(entries(example_docx), extra={"../../evil.xml": b"<x/>"}),
            ReadError,
        ),
        "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), ReadError),
        "xxe.docx": (
            repack(
                entries(example_docx),
                replace={"word/document.xml": document_xml("", declaration=_XXE)},
            ),
            ReadError,
        ),
    }
    for name, (data, kind) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        before = path.read_bytes()
        refused(lambda path=path: read(path), kind)
        assert path.read_bytes() == before  # inputs are never modified


def test_a_good_file_still_reads_through_read(
    example_docx: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "good.docx"
    path.write_bytes(example_docx)
    assert read(path) == example_report()


def test_read_sends_an_old_doc_file_to_the_word_reader(tmp_path: Path) -> None:
    import govinfo_report as gr

    path = tmp_path / "报告.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(gr.ReadError) as caught:
        gr.read(path)
    assert ".docx" in str(caught.value)
