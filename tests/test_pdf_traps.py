"""read_pdf reads only what a person sees: constructed PDFs with the traps of real exports.

Each PDF is written by hand here: a ruled table of one label (a CJK font,
``STSong-Light`` with the ``UniGB-UCS2-H`` CMap, which needs no font file) and
its figures (Helvetica), with one trap drawn in it the way WPS and Word
exports draw them: fake bold (every glyph twice, 0.3 pt apart), white text on
white, invisible text (render mode 3), an old figure under a white box with
the corrected one on top, clipped text, text outside the crop box, column
lines that move by a few points from row to row, a glyph across a cell
boundary, rotated pages. Each gives the figure printed, or a finding; never a
wrong figure in silence.
"""

from __future__ import annotations

import zlib

import pytest

from govinfo_report import ReadError
from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._readers._pdf import pdf_content
from govinfo_report._readers._split import Item
from helpers import pdf_bytes

_FONTS = (
    b"/Font << /F1 5 0 R /F2 6 0 R >>",
    [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
        b" /FontDescriptor 8 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
        b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120"
        b" /CapHeight 880 /StemV 93 >>",
    ],
)


def pdf(content: bytes, page: bytes = b"") -> bytes:
    """One A4 page drawn by ``content`` (fonts: /F1 CJK, /F2 Helvetica)."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << " + _FONTS[0] + b" >> " + page + b">>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
        *_FONTS[1],
    ]
    return pdf_bytes(objects)


def cjk(text: str, x: float, y: float, size: float = 10) -> bytes:
    """Draw ``text`` in the CJK font at (x, y)."""
    return b"BT /F1 %g Tf %g %g Td <%s> Tj ET\n" % (
        size,
        x,
        y,
        text.encode("utf-16-be").hex().encode(),
    )


def latin(
    text: str, x: float, y: float, size: float = 10, before: bytes = b""
) -> bytes:
    """Draw ``text`` in Helvetica at (x, y), after the operators ``before``."""
    return b"BT %s /F2 %g Tf %g %g Td (%s) Tj ET\n" % (
        before,
        size,
        x,
        y,
        text.encode(),
    )


def grid(xs_by_row: list[list[float]], ys: list[float]) -> bytes:
    """Ruling lines: horizontal at ``ys`` (top to bottom), each row's verticals its own."""
    left = min(min(xs) for xs in xs_by_row)
    right = max(max(xs) for xs in xs_by_row)
    ops = [b"0.5 w 0 G"]
    for y in ys:
        ops.append(b"%g %g m %g %g l S" % (left, y, right, y))
    for row, xs in enumerate(xs_by_row):
        for x in xs:
            ops.append(b"%g %g m %g %g l S" % (x, ys[row], x, ys[row + 1]))
    return b"\n".join(ops) + b"\n"


TABLE = grid([[100, 200, 300]], [700, 680])
"""One row: the label cell 100–200, the figure cell 200–300, 680–700 high."""


def read(data: bytes) -> tuple[list[Item], list[Finding]]:
    return pdf_content(data)


def rows(items: list[Item]) -> list[tuple[str, ...]]:
    return [item.cells for item in items if item.is_table]


@pytest.mark.parametrize(
    "shown",
    [
        latin("1.5", 210, 686, size=1.5),  # small print, still read
        latin("1.5", 210, 686, before=b"40 Tz"),  # condensed to fit the cell
    ],
    ids=["one-and-a-half-point", "condensed-40"],
)
def test_small_or_condensed_print_is_read(shown: bytes) -> None:
    items, findings = read(pdf(TABLE + cjk("规章", 110, 686) + shown))
    assert rows(items) == [("规章", "1.5")]
    assert findings == []


def test_a_plain_table_reads_as_printed() -> None:
    items, findings = read(pdf(TABLE + cjk("规章", 110, 686) + latin("27", 210, 686)))
    assert rows(items) == [("规章", "27")]
    assert findings == []


def test_fake_bold_is_one_glyph_not_two() -> None:
    # WPS's "bold" for a font without a bold face: every glyph drawn twice
    glyphs = b"".join(
        latin(ch, 210 + i * 5.56 + dx, 686)
        for i, ch in enumerate("27")
        for dx in (0, 0.3)
    )
    label = cjk("规章", 110, 686) + cjk("规章", 110.3, 686)
    items, findings = read(pdf(TABLE + label + glyphs))
    assert rows(items) == [("规章", "27")]
    assert findings == []
    # run after run (the whole string again, offset) as Word does
    items, _ = read(
        pdf(TABLE + label + latin("27", 210, 686) + latin("27", 210.3, 686.2))
    )
    assert rows(items) == [("规章", "27")]


@pytest.mark.parametrize(
    ("hidden", "reason"),
    [
        (latin("9", 240, 686, before=b"1 1 1 rg"), "与底色同色"),  # white on white
        (latin("9", 240, 686, before=b"3 Tr"), "不可见"),  # render mode 3
        (latin("9", 240, 686, before=b"7 Tr"), "不可见"),  # clip only
        (latin("9", 240, 686, size=0.5), "字号过小"),  # a speck between digits
        (latin("9", 240, 686, size=1), "字号过小"),
        (latin("9", 240, 686, before=b"2 Tz"), "横向压缩"),  # scaled to 2 %
    ],
    ids=[
        "white-on-white",
        "render-mode-3",
        "render-mode-7",
        "half-point",
        "one-point",
        "hairline",
    ],
)
def test_invisible_text_is_skipped_with_a_finding(hidden: bytes, reason: str) -> None:
    items, findings = read(
        pdf(TABLE + cjk("规章", 110, 686) + latin("27", 210, 686) + hidden)
    )
    assert rows(items) == [("规章", "27")]
    assert len(findings) == 1
    assert findings[0].kind is FindingKind.UNREAD_LINE
    assert findings[0].severity is Severity.WARNING
    assert "第 1 页表格第 1 行第 2 列" in findings[0].message
    assert reason in findings[0].message
    assert "“9”" in findings[0].message


def test_text_on_a_coloured_box_in_the_same_colour_is_invisible() -> None:
    box = b"0 0 1 rg 200 680 100 20 re f 0 g\n"  # a blue cell, then blue text in it
    hidden = latin("9", 240, 686, before=b"0 0 1 rg")
    items, findings = read(
        pdf(
            box
            + TABLE
            + cjk("规章", 110, 686)
            + latin("27", 210, 686, before=b"1 1 1 rg")
            + hidden
        )
    )
    assert rows(items) == [("规章", "27")]  # white on blue shows; blue on blue does not
    assert ["与底色同色" in f.message for f in findings] == [True]


def test_a_figure_under_a_white_box_is_not_read_the_one_on_top_is() -> None:
    # the corrected figure typed over the old one: 25 under a white box, 27 on top
    old = latin("25", 210, 686)
    cover = b"1 1 1 rg 205 682 60 14 re f 0 g\n"
    new = latin("27", 210, 686)
    items, findings = read(pdf(TABLE + cjk("规章", 110, 686) + old + cover + new))
    assert rows(items) == [("规章", "27")]
    assert len(findings) == 1
    assert "被不透明的色块盖住" in findings[0].message
    # the 2 is drawn again on top: only the 5 is hidden
    assert "“5”" in findings[0].message
    items, findings = read(
        pdf(TABLE + cjk("规章", 110, 686) + old + cover + latin("37", 210, 686))
    )
    assert rows(items) == [("规章", "37")]
    assert "“25”" in findings[0].message
    # a box under the text (a shaded cell) hides nothing
    items, findings = read(
        pdf(b"0.9 g 200 680 100 20 re f 0 g\n" + TABLE + cjk("规章", 110, 686) + new)
    )
    assert rows(items) == [("规章", "27")]
    assert findings == []


def test_clipped_text_is_not_read() -> None:
    clipped = (
        b"q 200 680 30 20 re W n "
        + latin("27", 210, 686)
        + latin("8", 250, 686)
        + b"Q\n"
    )
    items, findings = read(pdf(TABLE + cjk("规章", 110, 686) + clipped))
    assert rows(items) == [("规章", "27")]
    assert ["被裁剪掉" in f.message and "“8”" in f.message for f in findings] == [True]


def test_text_outside_the_crop_box_is_not_read() -> None:
    data = pdf(
        TABLE
        + cjk("规章", 110, 686)
        + latin("27", 210, 686)
        + cjk("页外的字", 100, 20),
        page=b"/CropBox [0 100 595 842] ",
    )
    items, _findings = read(data)
    assert rows(items) == [("规章", "27")]
    assert all("页外" not in item.text for item in items)


def test_column_lines_that_move_row_to_row_keep_each_figure_whole() -> None:
    # row 1's column line at 200, row 2's at 196; row 2's figure starts just
    # right of its own line, left of row 1's: 1268, not 1 | 268
    lines = grid([[100, 200, 300], [100, 196, 300]], [700, 680, 660])
    text = (
        cjk("规章", 110, 686)
        + latin("342", 203, 686)
        + cjk("文件", 110, 666)
        + latin("1268", 197.5, 666)
    )
    items, findings = read(pdf(lines + text))
    assert rows(items) == [("规章", "342"), ("文件", "1268")]
    assert findings == []


def test_a_glyph_across_a_cell_boundary_is_a_finding() -> None:
    # "8" drawn across the line at 200: the figure cannot be told
    items, findings = read(
        pdf(
            TABLE
            + cjk("规章", 110, 686)
            + latin("1", 190, 686)
            + latin("8", 197.5, 686)
        )
    )
    assert len(findings) == 1
    assert findings[0].kind is FindingKind.AMBIGUOUS
    assert findings[0].severity is Severity.ERROR
    assert "跨在单元格边界上" in findings[0].message
    assert "“8”" in findings[0].message
    assert len(rows(items)) == 1


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_rotated_page_is_read_as_displayed(rotate: int) -> None:
    # the page is turned by /Rotate and its content the other way, as a
    # landscape table printed on a portrait page: upright on the screen
    turn = {
        90: b"0 1 -1 0 595 0 cm",
        180: b"-1 0 0 -1 595 842 cm",
        270: b"0 -1 1 0 0 842 cm",
    }[rotate]
    # (the table moved down 300 pt: within the landscape page's 595 pt height)
    content = (
        b"q "
        + turn
        + b" 1 0 0 1 0 -300 cm\n"
        + TABLE
        + cjk("规章", 110, 686)
        + latin("27", 210, 686)
        + b"Q\n"
    )
    items, findings = read(pdf(content, page=b"/Rotate %d " % rotate))
    assert rows(items) == [("规章", "27")]
    assert findings == []


def test_text_turned_on_an_upright_page_is_refused_not_half_read() -> None:
    content = (
        b"q 0 1 -1 0 595 0 cm 1 0 0 1 0 -300 cm\n"
        + TABLE
        + cjk("规章", 110, 686)
        + latin("27", 210, 686)
        + b"Q\n"
    )
    with pytest.raises(ReadError, match="旋转排版"):
        read(pdf(content))


def test_a_few_turned_characters_are_a_finding() -> None:
    # a turned stamp or margin note beside an upright table
    stamp = b"q 0 1 -1 0 560 400 cm " + cjk("印", 0, 0) + b"Q\n"
    items, findings = read(
        pdf(TABLE + cjk("规章", 110, 686) + latin("27", 210, 686) + stamp)
    )
    assert rows(items) == [("规章", "27")]
    assert ["旋转排版的字符未读取" in f.message for f in findings] == [True]


def test_a_raised_small_mark_after_a_figure_is_a_footnote_mark() -> None:
    # 268 with a footnote mark ¹ drawn smaller above the line: as <sup>
    mark = latin("1", 226.68, 692, size=5)
    items, findings = read(
        pdf(TABLE + cjk("规章", 110, 686) + latin("268", 210, 686) + mark)
    )
    assert rows(items) == [("规章", "268")]
    (finding,) = findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert "第 1 页表格第 1 行第 2 列" in finding.message
    assert "上标“1”" in finding.message


def test_small_print_on_the_figure_s_line_is_read() -> None:
    # a unit in a smaller font on the same baseline is not raised: read
    unit = cjk("件", 227, 686, size=6)
    items, findings = read(
        pdf(TABLE + cjk("规章", 110, 686) + latin("268", 210, 686) + unit)
    )
    ((label, figure),) = rows(items)
    assert (label, figure.replace(" ", "")) == ("规章", "268件")
    assert findings == []


def test_two_digits_drawn_over_one_another_are_not_read() -> None:
    # a 7 typed over the 1 of 12 without covering it: a blot, not 172
    items, findings = read(
        pdf(
            TABLE + cjk("规章", 110, 686) + latin("12", 210, 686) + latin("7", 210, 686)
        )
    )
    (row,) = rows(items)
    assert row[1] == "〓2"
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "（17）" in finding.message
