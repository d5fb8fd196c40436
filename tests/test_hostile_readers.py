"""Hostile input for read_text, read_html, read_pdf and read: refused fast, never a hang.

Every file is built here by the test itself: PDFs are written by hand (an
RC4-encrypted one, an image-only one, one of thousands of pages, decompression
bombs of every PDF filter, pages of hundreds of thousands of
operators) with the standard library only. Each call runs under a generous
hang guard (a thread joined with a timeout): it catches a hang, it is not a
speed test.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import stat
import struct
import tracemalloc
import types
import zlib
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from govinfo_report import (
    DEFAULT_LIMITS,
    GovinfoReportError,
    LimitExceededError,
    Limits,
    NotAReportError,
    Report,
    example_report,
    read,
    read_html,
    read_pdf,
    read_text,
)
from helpers import limit, outcome, pdf_bytes, refused
from test_read_html import render_html

# ------------------------------------------------------------------ text


def test_huge_text_is_refused_by_size() -> None:
    text = "政府信息公开\n" * (DEFAULT_LIMITS.max_input_bytes // 10)
    error = limit(lambda: read_text(text), "max_input_bytes")
    assert "输入大小" in str(error)


def test_text_counted_in_utf8_bytes() -> None:
    # fewer characters than the limit, more bytes (three per Chinese character)
    small = Limits(max_input_bytes=30_000)
    text = "信息公开" * 3_000
    limit(lambda: read_text(text, limits=small), "max_input_bytes")


def test_megabytes_of_one_line() -> None:
    text = "一、总体情况\n" + "信息公开" * 1_000_000 + "\n"
    error = limit(lambda: read_text(text, source="long.txt"), "max_line_chars")
    assert str(error).startswith("long.txt: ")
    assert "第 2 行" in str(error)


def test_too_many_lines() -> None:
    text = "一、总体情况 信息公开\n" + "0 |\n" * (DEFAULT_LIMITS.max_rows + 10)
    limit(lambda: read_text(text), "max_rows")


def test_digit_run_followed_by_a_letter_does_not_backtrack() -> None:
    # Once a regular expression that backtracked exponentially on such parts.
    line = "规章  " + " ".join(["1" * 40 + "x"] * 3)
    text = f"某局2023年政府信息公开工作年度报告\n一、总体情况\n{line}\n" * 50
    result = outcome(lambda: read_text(text))
    assert isinstance(result, (Report, GovinfoReportError)), result


def test_limits_can_be_raised() -> None:
    text = "一、总体情况 信息公开\n" + "0 |\n" * 30
    limit(lambda: read_text(text, limits=Limits(max_rows=10)), "max_rows")
    result = outcome(lambda: read_text(text, limits=Limits(max_rows=100)))
    assert not isinstance(result, LimitExceededError)


def test_time_limit(samples: Path) -> None:
    text = (samples / "bachu-police-2023.txt").read_text("utf-8")
    # every reader checks the deadline between stages: an expired one stops it
    error = limit(
        lambda: read_text(text * 3, limits=Limits(max_seconds=1e-9)), "max_seconds"
    )
    assert "max_seconds" in str(error)


# ------------------------------------------------------------------ HTML


def _example_page(charset: str = "utf-8", *, one_line: bool = False) -> str:
    page = render_html(example_report(), charset=charset)
    return page.replace("\n", "") if one_line else page


def test_html_nested_100k_levels() -> None:
    page = "<html><body>" + "<div>" * 100_000 + "政府信息公开" + "</div>" * 100_000
    error = limit(lambda: read_html(page), "max_html_depth")
    assert "嵌套深度" in str(error)
    # raised, the limit lets the parser go deeper and still refuses past it
    error = limit(
        lambda: read_html(page, limits=Limits(max_html_depth=1_000)), "max_html_depth"
    )
    assert error.value == 1_000


def test_html_nested_tables() -> None:
    page = "<table><tr><td>" * 5_000 + "信息公开" + "</td></tr></table>" * 5_000
    limit(lambda: read_html(page), "max_html_depth")


def test_html_megabytes_of_one_line() -> None:
    page = "<html><body><p>" + "政府信息公开" * 500_000 + "</p></body></html>"
    limit(lambda: read_html(page.encode("utf-8")), "max_line_chars")
    # a minified page (all on one line) is not hostile
    report = outcome(lambda: read_html(_example_page(one_line=True)))
    assert isinstance(report, Report)
    assert dict(report.cells()) == dict(example_report().cells())


def test_html_too_wide_and_too_long_tables() -> None:
    wide = (
        "<p>信息公开</p><table><tr>" + "<td colspan=100>1</td>" * 200 + "</tr></table>"
    )
    limit(lambda: read_html(wide), "max_columns")
    long = "<p>信息公开</p><table>" + "<tr><td>0</td></tr>" * 30_000 + "</table>"
    limit(lambda: read_html(long), "max_rows")


@pytest.mark.parametrize(
    "declared", ["gbk", "gb2312", "big5", "utf-16", "rot13", "idna"]
)
def test_html_charset_that_lies(declared: str) -> None:
    # the page declares one charset and is UTF-8
    page = _example_page(declared).encode("utf-8")
    report = outcome(lambda: read_html(page))
    assert isinstance(report, Report), report
    assert dict(report.cells()) == dict(example_report().cells())


def test_html_charset_that_lies_the_other_way() -> None:
    page = _example_page("utf-8").encode("gb18030")
    report = outcome(lambda: read_html(page))
    assert isinstance(report, Report), report
    assert report.metadata.agency == example_report().metadata.agency


def test_html_binary_garbage_with_a_charset() -> None:
    garbage = b'<meta charset="utf-8">' + bytes(range(256)) * 400
    refused(lambda: read_html(garbage), NotAReportError)


# ------------------------------------------------------------------- PDF


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    return pdf_bytes(objects, trailer)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(
    user: bytes = b"secret",
    owner: bytes = b"owner",
    content: bytes = b"BT /F1 24 Tf 72 700 Td (Hello encrypted) Tj ET",
    content_entries: bytes = b"",
) -> bytes:
    """A one-page PDF under the standard security handler (RC4, 40 bits, R2).

    ``content`` is the page's content stream as stored before encryption
    (compressed, if ``content_entries`` names a filter).
    """
    padded_user = (user + _PAD)[:32]
    owner_key = hashlib.md5((owner + _PAD)[:32]).digest()[:5]
    o_value = _rc4(owner_key, padded_user)
    permissions = struct.pack("<i", -44)
    file_id = b"0123456789abcdef"
    key = hashlib.md5(padded_user + o_value + permissions + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    content_number = 4
    object_key = hashlib.md5(
        key + content_number.to_bytes(3, "little") + b"\0\0"
    ).digest()[:10]
    encrypted_content = _rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(encrypted_content, content_entries),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>"
        % (o_value.hex().encode(), u_value.hex().encode()),
    ]
    ident = file_id.hex().encode()
    return _pdf(objects, b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (ident, ident))


def image_only_pdf() -> bytes:
    """A one-page PDF whose only content is an image (a scan, no text layer)."""
    pixels = zlib.compress(bytes([200, 30, 30, 30, 200, 30, 30, 30, 200, 0, 0, 0]))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 400 0 0 400 100 200 cm /Im1 Do Q"),
        _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace"
            b" /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode ",
        ),
    ]
    return _pdf(objects)


def many_pages_pdf(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * count
    return _pdf(objects)


def test_encrypted_pdf_is_refused_with_a_clear_message() -> None:
    data = encrypted_pdf()
    # the file is a real encrypted PDF: with its password it opens and reads
    with pdfplumber.open(io.BytesIO(data), password="secret") as pdf:
        assert pdf.pages[0].extract_text() == "Hello encrypted"
    error = refused(lambda: read_pdf(data, source="secret.pdf"))
    assert "加密" in str(error)
    assert str(error).startswith("secret.pdf: ")
    assert not isinstance(error, LimitExceededError)


def test_image_only_pdf_says_ocr(tmp_path: Path) -> None:
    data = image_only_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the image is really there
        assert len(pdf.pages[0].images) == 1
    error = refused(lambda: read_pdf(data))
    assert "没有文字层" in str(error)
    assert "OCR" in str(error)
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    error = refused(lambda: read(path))
    assert "OCR" in str(error)
    assert str(path) in str(error)


def test_thousands_of_pages() -> None:
    data = many_pages_pdf(5_000)
    error = limit(lambda: read_pdf(data), "max_pdf_pages")
    assert "PDF 页数" in str(error)
    # raised far enough, the pages are read: all empty, so no text layer
    error = refused(lambda: read_pdf(data, limits=Limits(max_pdf_pages=10_000)))
    assert "没有文字层" in str(error)
    assert "5000 页" in str(error)


def test_truncated_pdf(samples: Path) -> None:
    data = (samples / "hongze-district-2024.pdf").read_bytes()
    for fraction in (0.02, 0.3, 0.6, 0.97):
        cut = data[: int(len(data) * fraction)]
        result = outcome(lambda cut=cut: read_pdf(cut))
        # what is there may still be read; otherwise a library error
        assert isinstance(result, (Report, GovinfoReportError)), result


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\n"],
)
def test_broken_pdf_bytes(data: bytes) -> None:
    refused(lambda: read_pdf(data))


# ------------------------------------------------ PDF decompression bombs
#
# PDFium decodes in C, whole, without a limit of its own: read_pdf runs it in
# a worker process whose address space is bounded by max_unpacked_bytes
# (beyond what the worker held before it opened the file). A bomb ends that
# worker, never the caller: the error names max_unpacked_bytes.

MiB = 1024 * 1024
SMALL = Limits(max_unpacked_bytes=8 * MiB)
"""A low limit (an honest report needs 2 to 4 MiB), so that a bomb of 64 MiB passes it."""
BOMB = 64 * MiB


def deflated_spaces(size: int, block: int = MiB) -> bytes:
    """``size`` spaces, zlib level 9, compressed block by block (never all held)."""
    packer = zlib.compressobj(9)
    spaces = b" " * block
    parts = [packer.compress(spaces) for _ in range(size // block)]
    parts.append(packer.compress(b" " * (size % block)))
    parts.append(packer.flush())
    return b"".join(parts)


def one_page_pdf(content: bytes, entries: bytes) -> bytes:
    """One page whose content stream (object 4) holds ``content``, as stored."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(content, entries),
        ]
    )


def assert_bomb_refused(data: bytes, limits: Limits) -> None:
    """``data`` is refused by ``max_unpacked_bytes``, and reads once it is raised."""
    error = limit(
        lambda: read_pdf(data, limits=limits, source="bomb.pdf"), "max_unpacked_bytes"
    )
    assert str(error).startswith("bomb.pdf: ")
    assert "PDF 解析所用内存" in str(error)
    # the file is a real PDF: with room enough it is read (spaces: no text)
    roomy = Limits(max_unpacked_bytes=limits.max_unpacked_bytes * 64)
    error = refused(lambda: read_pdf(data, limits=roomy))
    assert not isinstance(error, LimitExceededError), error
    assert "没有文字层" in str(error)


def test_an_honest_page_reads_within_the_small_limit() -> None:
    # the limit the bombs are refused at is not one any file would fail
    data = text_page_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    refused(lambda: read_pdf(data, limits=SMALL), NotAReportError)


@pytest.mark.parametrize(
    "entries",
    [
        b"/Filter /FlateDecode",
        b"/Filter [/FlateDecode]",
        b"/Filter /Fl",
        b"/Filter [/Fl] /DecodeParms [null]",
    ],
)
def test_flate_bomb_in_a_content_stream(entries: bytes) -> None:
    bomb = deflated_spaces(BOMB)
    assert len(bomb) < 128 * 1024
    assert_bomb_refused(one_page_pdf(bomb, entries), SMALL)


def test_flate_bomb_just_over_the_default_limit() -> None:
    size = DEFAULT_LIMITS.max_unpacked_bytes + MiB
    data = one_page_pdf(deflated_spaces(size), b"/Filter /FlateDecode")
    assert len(data) < 300 * 1024  # a small file on disk
    tracemalloc.start()
    try:
        error = limit(lambda: read_pdf(data, source="bomb.pdf"), "max_unpacked_bytes")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "PDF 解析所用内存" in str(error)
    # the caller's process never held the 201 MiB: the worker did, and ended
    assert peak < 32 * MiB, f"{peak / MiB:.0f} MiB allocated while reading"


def test_flate_bomb_compressed_twice() -> None:
    twice = zlib.compress(deflated_spaces(BOMB), 9)
    assert len(twice) < 8 * 1024
    assert_bomb_refused(
        one_page_pdf(twice, b"/Filter [/FlateDecode /FlateDecode]"), SMALL
    )


def test_flate_bomb_under_ascii85() -> None:
    text = base64.a85encode(deflated_spaces(BOMB)) + b"~>"
    assert_bomb_refused(
        one_page_pdf(text, b"/Filter [/ASCII85Decode /FlateDecode]"), SMALL
    )


def lzw_spaces(size: int) -> bytes:
    """LZWDecode data (early change, as PDF's default) for at least ``size`` spaces.

    After a space, each code is the next free one (the string before it plus
    its first byte), so code ``k`` stands for ``k - 256`` spaces; once codes
    reach 12 bits the largest, 4095 (3,839 spaces), is repeated.
    """
    codes = [(256, 9), (32, 9)]  # clear table, a space
    table_length, width, total = 258, 9, 1
    while total < size:
        code = min(table_length, 4095)
        codes.append((code, width))
        total += code - 256
        table_length += 1
        width = {511: 10, 1023: 11, 2047: 12}.get(table_length, width)
    codes.append((257, width))  # end of data
    bits = "".join(format(code, f"0{width}b") for code, width in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def test_lzw_and_runlength_bombs() -> None:
    lzw = lzw_spaces(BOMB)
    assert len(lzw) < 64 * 1024
    assert_bomb_refused(one_page_pdf(lzw, b"/Filter /LZWDecode"), SMALL)
    # RunLength: 128 spaces a run of two bytes; PDFium reads it within the
    # bound (refused or read, the caller's process never holds it)
    runs = bytes([129, 32]) * (BOMB // 128)
    error = refused(
        lambda: read_pdf(one_page_pdf(runs, b"/Filter /RunLengthDecode"), limits=SMALL)
    )
    assert isinstance(error, LimitExceededError) or "没有文字层" in str(error)


def compressed_objects_pdf(padding: int, bomb_in: str) -> bytes:
    """A PDF 1.5 whose catalog, page tree and page sit in an object stream.

    The object stream (object 4) and the cross-reference stream (object 5)
    are Flate-compressed; ``padding`` spaces (or zero bytes) after the real
    data of the one named by ``bomb_in`` make it a bomb. Both are unpacked
    while the file is opened, before any page.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    header, body = b"", b""
    for number, obj in enumerate(objects, 1):
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    inside = header + body + (b" " * padding if bomb_in == "objstm" else b"")
    packed = zlib.compress(inside, 9)
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    objstm_at = out.tell()
    out.write(
        b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
        % (len(header), len(packed))
        + packed
        + b"\nendstream\nendobj\n"
    )
    xref_at = out.tell()
    rows = [(0, 0, 65535)] + [(2, 4, index) for index in range(3)]
    rows += [(1, objstm_at, 0), (1, xref_at, 0)]
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    table += b"\0" * padding if bomb_in == "xref" else b""
    packed = zlib.compress(table, 9)
    out.write(
        b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d"
        b" /Filter /FlateDecode >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return out.getvalue()


@pytest.mark.parametrize("bomb_in", ["objstm", "xref"])
def test_flate_bomb_in_an_object_or_xref_stream(bomb_in: str) -> None:
    with pdfplumber.open(io.BytesIO(compressed_objects_pdf(0, bomb_in))) as pdf:
        assert len(pdf.pages) == 1  # a sound file without the padding
        assert pdf.doc.xrefs[0].get_pos(1) == (4, 0, 0)  # the catalog is compressed
    data = compressed_objects_pdf(BOMB, bomb_in)
    assert len(data) < 128 * 1024
    assert_bomb_refused(data, SMALL)


def test_flate_bomb_in_an_encrypted_pdf_without_a_user_password() -> None:
    bomb = deflated_spaces(BOMB)
    data = encrypted_pdf(
        user=b"", content=bomb, content_entries=b"/Filter /FlateDecode "
    )
    # stored encrypted, the stream is no zlib data: only after decryption is it a bomb
    stored = data[data.index(b"stream\n", data.index(b"4 0 obj")) + 7 :][: len(bomb)]
    with pytest.raises(zlib.error):
        zlib.decompress(stored)
    assert_bomb_refused(data, SMALL)


@pytest.mark.parametrize(
    "entries",
    [
        # 10**11 columns would be a row of about a terabyte
        b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000000 >>",
        # a one-bit code makes a whole row: 1.6 million rows of 200 KB
        b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 8 >>",
    ],
)
def test_predictor_and_ccitt_bombs_end_in_a_library_error(entries: bytes) -> None:
    content = (
        zlib.compress(b"\0" * 100) if b"Predictor" in entries else b"\xff" * 200_000
    )
    refused(lambda: read_pdf(one_page_pdf(content, entries), limits=SMALL))


def test_an_encrypted_pdf_without_a_user_password_is_read() -> None:
    content = zlib.compress(b"BT /F1 24 Tf 72 700 Td (Hello encrypted) Tj ET")
    data = encrypted_pdf(
        user=b"", content=content, content_entries=b"/Filter /FlateDecode "
    )
    # read_pdf opens it (no password needed) and reads on: it is no report
    refused(lambda: read_pdf(data), NotAReportError)


def test_two_bombs_count_together() -> None:
    # each fits the limit alone, both do not: the bound is for the file
    bomb = deflated_spaces(3 * MiB)
    data = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R] >>",
            _stream(bomb, b"/Filter /FlateDecode"),
            _stream(bomb, b"/Filter /FlateDecode"),
        ]
    )
    one = one_page_pdf(bomb, b"/Filter /FlateDecode")
    assert "没有文字层" in str(refused(lambda: read_pdf(one, limits=SMALL)))
    limit(lambda: read_pdf(data, limits=SMALL), "max_unpacked_bytes")


def test_the_worker_lives_on_after_a_bomb(samples: Path) -> None:
    data = one_page_pdf(deflated_spaces(BOMB), b"/Filter /FlateDecode")
    limit(lambda: read_pdf(data, limits=SMALL), "max_unpacked_bytes")
    report = read_pdf(samples / "hongze-district-2024.pdf")
    assert report.metadata.year == 2024


@pytest.mark.parametrize(
    "entries",
    [
        b"/Filter /FlateDecode",
        b"/Filter /LZWDecode",
        b"/Filter /RunLengthDecode",
        b"/Filter /ASCII85Decode",
        b"/Filter [/FlateDecode /FlateDecode]",
        b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 99999999999 >>",
        b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 1728 >>",
        b"/Filter /Crypt",
        b"/Filter /NoSuchFilter",
        b"/Filter 7 0 R",
    ],
)
@pytest.mark.parametrize("content", [b"", b"x\x9c\xff\xff garbage", b"\x80" * 300])
def test_corrupt_streams_are_library_errors(entries: bytes, content: bytes) -> None:
    result = outcome(lambda: read_pdf(one_page_pdf(content, entries)))
    assert isinstance(result, GovinfoReportError), repr(result)


def test_a_long_cut_off_stream_is_read_as_far_as_it_goes() -> None:
    # a 2 MB Flate stream cut short (pdfminer's fallback for it was quadratic:
    # many minutes); PDFium decodes what is there, linearly
    text = b" ".join(b"%d" % (i * 7919 % 1_000_003) for i in range(1_000_000))
    cut = zlib.compress(text)[: 2 * MiB]
    assert len(cut) == 2 * MiB
    result = outcome(lambda: read_pdf(one_page_pdf(cut, b"/Filter /FlateDecode")))
    assert isinstance(result, GovinfoReportError), repr(result)


# --------------------------------------- PDF pages that make too many objects

PAGE_LIMIT = DEFAULT_LIMITS.max_pdf_objects_per_page


def text_page_pdf(
    content: bytes,
    entries: bytes = b"",
    forms: bytes = b"",
    size: tuple[int, int] = (612, 792),
) -> bytes:
    """One page (``size`` in points) with a font /F1 (object 5) drawn by ``content``.

    ``forms``, if given, is the content of a form XObject /Fm1 (object 6)
    that draws with /F1.
    """
    resources = b"/Font << /F1 5 0 R >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"",
        _stream(content, entries),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if forms:
        resources += b" /XObject << /Fm1 6 0 R >>"
        objects.append(
            _stream(
                forms,
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                b" /Resources << /Font << /F1 5 0 R >> >> ",
            )
        )
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R"
        b" /Resources << %s >> >>" % (*size, resources)
    )
    return _pdf(objects)


def tiny_text(count: int) -> bytes:
    """``count`` text-drawing operators, each drawing one character."""
    return b"BT /F1 1 Tf " + b"(a) Tj " * count + b"ET"


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "flate"])
def test_a_page_of_hundreds_of_thousands_of_text_operators(compressed: bool) -> None:
    # 2 MiB of operators: PDFium makes an object of each character as it
    # loads the page (about 700 bytes each, in C): the worker's memory bound
    # or, once the page is loaded, the object limit refuses it
    content = tiny_text(300_000)
    assert len(content) > 2 * MiB
    data = (
        text_page_pdf(zlib.compress(content), b"/Filter /FlateDecode")
        if compressed
        else text_page_pdf(content)
    )
    tracemalloc.start()
    try:
        error = refused(lambda: read_pdf(data, source="dense.pdf"), LimitExceededError)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.limit in ("max_pdf_objects_per_page", "max_unpacked_bytes")
    assert str(error).startswith("dense.pdf: ")
    # the caller's process holds none of it
    assert peak < 32 * MiB, f"{peak / MiB:.0f} MiB allocated while reading"
    # with memory enough, the object limit says which page
    roomy = Limits(max_unpacked_bytes=2 * 1024 * MiB)
    error = limit(lambda: read_pdf(data, limits=roomy), "max_pdf_objects_per_page")
    assert "第 1 页的对象数" in str(error)
    assert error.value == PAGE_LIMIT


def test_the_page_limit_counts_and_can_be_raised() -> None:
    data = text_page_pdf(tiny_text(20_000))
    # within the default limit the page is read: 20,000 "a"s are no report
    refused(lambda: read_pdf(data), NotAReportError)
    error = limit(
        lambda: read_pdf(data, limits=Limits(max_pdf_objects_per_page=10_000)),
        "max_pdf_objects_per_page",
    )
    assert error.value == 10_000
    assert "Limits(max_pdf_objects_per_page=" in str(error)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"BT /F1 1 Tf (" + b"a" * MiB + b") Tj ET", id="one-long-string"),
        pytest.param(b"1 1 1 1 re f " * 80_000, id="rectangles"),
        pytest.param(b"0 0 m " + b"1 1 l " * 200_000 + b"S", id="one-long-path"),
        pytest.param(b"0 0 m " + b"1 1 l " * 200_000, id="a-path-never-painted"),
        pytest.param(b"q " * 500_000, id="saved-graphics-states"),
        pytest.param(b"1 " * 500_000, id="operands-never-used"),
    ],
)
def test_what_the_engine_holds_is_bounded(content: bytes) -> None:
    # a character per byte of one string (PDFium keeps 32,767 of them), many
    # rectangles or path segments; and what an interpreter keeps until the
    # page ends without making an object of it (PDFium's own working memory,
    # under the worker's bound): refused, or read to "no report", never a hang
    result = outcome(lambda: read_pdf(text_page_pdf(content)))
    assert isinstance(result, GovinfoReportError), repr(result)
    if isinstance(result, LimitExceededError):
        assert result.limit in ("max_pdf_objects_per_page", "max_unpacked_bytes")


def test_a_form_drawn_many_times() -> None:
    # the form's characters count on the page each time it is drawn
    data = text_page_pdf(b"/Fm1 Do " * 100, forms=tiny_text(100))
    limit(
        lambda: read_pdf(data, limits=Limits(max_pdf_objects_per_page=5_000)),
        "max_pdf_objects_per_page",
    )
    refused(lambda: read_pdf(data), NotAReportError)  # 10,100 objects: within


def test_max_seconds_interrupts_a_page(samples: Path) -> None:
    # with the object and memory limits out of the way, the page takes 8-20 s
    # (150,000 operators took under 2 s on a fast idle machine: too close)
    data = text_page_pdf(tiny_text(300_000))
    slow = Limits(
        max_pdf_objects_per_page=10**9, max_unpacked_bytes=2 * 1024 * MiB, max_seconds=2
    )
    error = limit(lambda: read_pdf(data, limits=slow), "max_seconds")
    assert "第 1 页" in str(error)
    # the worker reading the page was stopped; the next file is read at once
    fast = Limits(max_seconds=30)
    report = read_pdf(samples / "hongze-district-2024.pdf", limits=fast)
    assert report.metadata.year == 2024


@pytest.mark.parametrize("value", [0, -1, True, None, "50000"])
def test_the_page_limit_is_validated(value: object) -> None:
    with pytest.raises(ValueError, match="max_pdf_objects_per_page"):
        Limits(max_pdf_objects_per_page=value)  # type: ignore[arg-type]


# ------------------------------------- PDF pages of too many ruling lines

GRID_LIMIT = DEFAULT_LIMITS.max_pdf_table_grid
GRID_STEP = 4  # points between two lines: more than the layout's tolerances (2)


def ruled_grid_pdf(cells: int, pieces: int = 1) -> bytes:
    """One page: a character and a grid of ``cells`` × ``cells`` ruled cells.

    Each of the ``cells + 1`` lines of either direction is drawn as
    ``pieces`` touching segments (the layout joins them into one line).
    """
    end = cells * GRID_STEP
    ops = [b"BT /F1 8 Tf 1 1 Td (x) Tj ET 0.1 w"]
    for line in range(cells + 1):
        at = line * GRID_STEP
        for piece in range(pieces):
            start, stop = end * piece / pieces, end * (piece + 1) / pieces
            ops.append(b"%d %.2f m %d %.2f l S" % (at, start, at, stop))
            ops.append(b"%.2f %d m %.2f %d l S" % (start, at, stop, at))
    return text_page_pdf(b"\n".join(ops), size=(end + 10, end + 10))


def test_a_dense_grid_of_lines_is_refused_before_the_table_finder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the table finder looks at every pair of a vertical and a horizontal
    # line: the lines are counted, merged, before it runs
    from govinfo_report._readers import _pdf_layout

    searched: list[int] = []
    finder = _pdf_layout._tables

    def spy(h_lines: Any, v_lines: Any) -> Any:
        searched.append(len(h_lines))
        return finder(h_lines, v_lines)

    monkeypatch.setattr(_pdf_layout, "_tables", spy)
    data = ruled_grid_pdf(200)
    error = limit(lambda: read_pdf(data, source="grid.pdf"), "max_pdf_table_grid")
    assert str(error).startswith("grid.pdf: ")
    assert "第 1 页" in str(error)
    assert "竖线 201 条 × 横线 201 条" in str(error)
    assert error.value == GRID_LIMIT
    assert searched == []  # refused before any crossing was looked for


def test_the_table_grid_limit_counts_merged_lines_and_can_be_raised() -> None:
    # 41 × 41 lines: within the default limit the page is read (one "x" is
    # no report); the count is of the lines as the layout merges them, so
    # lines drawn in 10 pieces each count as one
    for pieces in (1, 10):
        data = ruled_grid_pdf(40, pieces)
        refused(lambda data=data: read_pdf(data), NotAReportError)
        error = limit(
            lambda data=data: read_pdf(data, limits=Limits(max_pdf_table_grid=1_680)),
            "max_pdf_table_grid",
        )
        assert "竖线 41 条 × 横线 41 条）为 1681" in str(error)
        assert "Limits(max_pdf_table_grid=" in str(error)
        refused(
            lambda data=data: read_pdf(data, limits=Limits(max_pdf_table_grid=1_681)),
            NotAReportError,
        )
    # and the grid the default refuses is read with the limit raised
    data = ruled_grid_pdf(80)
    limit(lambda: read_pdf(data), "max_pdf_table_grid")
    roomy = Limits(max_pdf_table_grid=81 * 81)
    refused(lambda: read_pdf(data, limits=roomy), NotAReportError)


def test_max_seconds_is_checked_right_after_the_table_finder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the time the layout of a page took counts at once, before its tables
    # are read. Here the clock jumps while the tables are looked for.
    import time

    from govinfo_report import _limits
    from govinfo_report._readers import _pdf_layout

    jumped = 0.0

    def clock() -> float:
        return time.monotonic() + jumped

    finder = _pdf_layout._tables

    def slow_tables(h_lines: Any, v_lines: Any) -> Any:
        nonlocal jumped
        jumped = 3_600.0
        return finder(h_lines, v_lines)

    monkeypatch.setattr(_limits, "time", types.SimpleNamespace(monotonic=clock))
    monkeypatch.setattr(_pdf_layout, "_tables", slow_tables)
    error = limit(lambda: read_pdf(ruled_grid_pdf(5)), "max_seconds")
    assert "第 1 页" in str(error)


@pytest.mark.parametrize("value", [0, -1, True, None, "6000"])
def test_the_table_grid_limit_is_validated(value: object) -> None:
    with pytest.raises(ValueError, match="max_pdf_table_grid"):
        Limits(max_pdf_table_grid=value)  # type: ignore[arg-type]


# -------------------------------------------------------------- read(path)


def test_read_refuses_a_huge_file_before_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: nothing is written to disk
        file.truncate(10 * 1024**3)
    error = limit(lambda: read(path), "max_input_bytes")
    assert str(path) in str(error)


def test_read_never_modifies_its_input(tmp_path: Path, samples: Path) -> None:
    for name in ("bachu-police-2023.txt", "hongze-district-2024.pdf"):
        path = tmp_path / name
        path.write_bytes((samples / name).read_bytes())
        path.chmod(stat.S_IREAD)  # read-only: a write would fail
        before = (path.read_bytes(), os.stat(path).st_mtime_ns)
        assert isinstance(outcome(lambda path=path: read(path)), Report)
        assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
        path.chmod(stat.S_IREAD | stat.S_IWRITE)
