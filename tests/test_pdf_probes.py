"""read_pdf probed with more ways real exports and editors draw a figure.

Each PDF is written by hand, in the one-row table of `test_pdf_traps` (the
label 规章 in the cell 100–200, its figure in the cell 200–300), with one
thing drawn the way WPS, Word, LibreOffice, Chromium, print drivers or PDF
editors draw it and the existing trap tests do not: glyphs drawn right to
left or out of order, each digit placed on its own, character and word
spacing, text rise, negative font sizes and mirrored matrices, outlined
glyphs, a figure wrapped in its cell or run out over the table's frame,
dashed, double, short and overshooting rulings, shaded cells, pages whose
media box is not at 0,0 or that use ``/UserUnit``, a form drawn twice, an
incremental update; and the Hongze report re-made by pypdfium2's editing
API (fitted to another paper size, moved, its text drawn last and in reverse
order, a figure edited and saved incrementally). Each gives the figure a person sees, or a finding;
never a wrong figure in silence.
"""

from __future__ import annotations

import ctypes
import io
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import read_pdf
from govinfo_report._findings import FindingKind, Severity
from helpers import n_up
from test_pdf_overlays import _stream, pictured, with_resources
from test_pdf_traps import _FONTS, TABLE, cjk, latin, pdf, read, rows

LABEL = cjk("规章", 110, 686)


def _page(content: bytes, media: bytes) -> bytes:
    """``content`` on a page whose ``/MediaBox`` (and what follows it) is ``media``."""
    return pdf(content).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox " + media, 1)


def _lines(ops: bytes) -> bytes:
    return b"0.5 w 0 G " + ops + b"\n"


def _figure(items: list[object]) -> str:
    """The figure cell of the one table row, its spaces left out (as a figure is read)."""
    (row,) = rows(items)  # type: ignore[arg-type]
    assert row[0].replace(" ", "") == "规章"
    return row[1].replace(" ", "")


def _updated(data: bytes, content: bytes) -> bytes:
    """``data`` with an incremental update giving the page (object 4) ``content``."""
    packed = zlib.compress(content)
    match = re.search(rb"startxref\n(\d+)", data)
    assert match is not None
    at = len(data)
    obj = (
        b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream\nendobj\n"
    )
    return (
        data
        + obj
        + b"xref\n0 1\n0000000000 65535 f \n4 1\n%010d 00000 n \n" % at
        + b"trailer\n<< /Size 9 /Root 1 0 R /Prev %s >>\n" % match.group(1)
        + b"startxref\n%d\n%%%%EOF\n" % (at + len(obj))
    )


def _form(content: bytes) -> bytes:
    """A form XObject drawing ``content`` (fonts as the page's)."""
    return _stream(
        content,
        b"/Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources << "
        + _FONTS[0]
        + b" >> ",
    )


_TYPE3 = [
    b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700]"
    b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /one 10 0 R /two 11 0 R >>"
    b" /Encoding << /Type /Encoding /Differences [49 /one /two] >>"
    b" /FirstChar 49 /LastChar 50 /Widths [600 600] >>",
    _stream(b"600 0 0 0 600 700 d1 250 0 100 700 re f"),
    _stream(b"600 0 0 0 600 700 d1 50 0 500 100 re f 50 600 500 100 re f"),
]
_IDENTITY = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
    b" /DescendantFonts [7 0 R] >>"
)
_BASE = pdf(TABLE + LABEL + latin("25", 210, 686))

READ_AS_PRINTED = {
    # glyph by glyph from the right (a right-aligned cell, some print drivers)
    "right-to-left": pdf(
        TABLE
        + LABEL
        + latin("8", 226.68, 686)
        + latin("6", 221.12, 686)
        + latin("2", 215.56, 686)
        + latin("1", 210, 686)
    ),
    # the cell's glyphs in another order than read (content order shuffled)
    "shuffled": pdf(
        latin("8", 226.68, 686)
        + TABLE
        + latin("1", 210, 686)
        + LABEL
        + latin("26", 215.56, 686)
    ),
    # each digit its own text matrix (Chromium, pdf editors)
    "tm-each-digit": pdf(
        TABLE
        + LABEL
        + b"BT /F2 10 Tf 1 0 0 1 210 686 Tm (1) Tj 1 0 0 1 215.56 686 Tm (2) Tj"
        b" 1 0 0 1 221.12 686 Tm (6) Tj 1 0 0 1 226.68 686 Tm (8) Tj ET\n"
    ),
    # kerned pieces 1.5 pt apart
    "pieces-kerned": pdf(
        TABLE + LABEL + latin("1", 210, 686) + latin("268", 217.06, 686)
    ),
    # character spacing: 3 pt (tight), 8 pt (spread to fill the cell)
    "tc-3": pdf(TABLE + LABEL + latin("1268", 210, 686, before=b"3 Tc")),
    "tc-8": pdf(TABLE + LABEL + latin("1268", 210, 686, before=b"8 Tc")),
    # a figure wrapped onto a second line of a tall cell
    "wrapped": pdf(
        _lines(
            b"100 700 m 300 700 l S 100 660 m 300 660 l S 100 660 m 100 700 l S"
            b" 200 660 m 200 700 l S 300 660 m 300 700 l S"
        )
        + cjk("规章", 110, 676)
        + latin("12", 210, 686)
        + latin("68", 210, 672)
    ),
    # the whole figure raised (Ts): the line is still one line
    "ts-whole-figure": pdf(TABLE + LABEL + latin("1268", 210, 686, before=b"4 Ts")),
    # mirrored top to bottom by its matrix (some editors' flipped text boxes)
    "mirrored-vertically": pdf(
        TABLE + LABEL + b"BT /F2 10 Tf 1 0 0 -1 210 694 Tm (1268) Tj ET\n"
    ),
    # stroked glyphs (render mode 1), outline in black
    "render-mode-1": pdf(TABLE + LABEL + latin("1268", 210, 686, before=b"1 Tr 0 G")),
    # rulings: dashed, dotted, doubled, stopping short, overshooting
    "dashed-rulings": pdf(
        TABLE.replace(b"0 G", b"0 G [2 2] 0 d") + LABEL + latin("1268", 210, 686)
    ),
    "dotted-rulings": pdf(
        TABLE.replace(b"0 G", b"0 G 1 J [0 3] 0 d") + LABEL + latin("1268", 210, 686)
    ),
    "double-ruling": pdf(
        TABLE + b"201.8 680 m 201.8 700 l S\n" + LABEL + latin("1268", 210, 686)
    ),
    "ruling-stops-short": pdf(
        _lines(
            b"100 700 m 300 700 l S 100 680 m 300 680 l S 100 680 m 100 700 l S"
            b" 200 682.5 m 200 697.5 l S 300 680 m 300 700 l S"
        )
        + LABEL
        + latin("1268", 210, 686)
    ),
    "rulings-overshoot": pdf(
        _lines(
            b"95 700 m 305 700 l S 95 680 m 305 680 l S 100 675 m 100 705 l S"
            b" 200 675 m 200 705 l S 300 675 m 300 705 l S"
        )
        + LABEL
        + latin("1268", 210, 686)
    ),
    # a shaded cell (its background painted first)
    "shaded-cell": pdf(
        b"0.8 0.8 0.8 rg 200 680 100 20 re f 0 g\n"
        + TABLE
        + LABEL
        + latin("1268", 210, 686)
    ),
    # page boxes: a media box away from 0,0 (either way), /UserUnit, a
    # rotated page with a crop box
    "media-box-offset": _page(
        b"1 0 0 1 100 200 cm\n" + TABLE + LABEL + latin("1268", 210, 686),
        b"[100 200 695 1042]",
    ),
    "media-box-negative": _page(
        b"1 0 0 1 -300 -400 cm\n" + TABLE + LABEL + latin("1268", 210, 686),
        b"[-300 -400 295 442]",
    ),
    "user-unit": _page(
        TABLE + LABEL + latin("1268", 210, 686), b"[0 0 595 842] /UserUnit 10"
    ),
    "rotated-with-crop-box": _page(
        b"q 0 1 -1 0 595 0 cm 1 0 0 1 0 -300 cm\n"
        + TABLE
        + LABEL
        + latin("1268", 210, 686)
        + b"Q\n",
        b"[0 0 595 842] /CropBox [50 50 545 792] /Rotate 90",
    ),
    # a form drawn twice at the same place (a stamp-like repeat): one figure
    "form-twice-same-place": with_resources(
        TABLE
        + LABEL
        + b"q 1 0 0 1 200 686 cm /Fm0 Do Q q 1 0 0 1 200 686 cm /Fm0 Do Q\n",
        b"/XObject << /Fm0 9 0 R >>",
        [_form(latin("1268", 10, 0))],
    ),
    # the last revision of an incrementally updated file
    "incremental-update": _updated(_BASE, TABLE + LABEL + latin("1268", 210, 686)),
    # CIDs of a CJK font's Identity encoding, no ToUnicode: its character
    # collection says which (Adobe-GB1 CIDs 18–25 are 1–8)
    "identity-without-tounicode": with_resources(
        TABLE + LABEL + b"BT /F9 10 Tf 210 686 Td <0012001300170019> Tj ET\n",
        b"/Font << /F1 5 0 R /F2 6 0 R /F9 9 0 R >>",
        [_IDENTITY],
    ),
    # (a Type3 font without ToUnicode: PDFium gives its codes, not its glyph
    # names, so the digits are not known: test_pdf_probes3)
}


def _pieces(piece: bytes, step: float) -> bytes:
    """The table's rulings as many tiny pieces ``step`` apart (print drivers draw them so).

    ``piece`` draws one horizontal piece at ``%(x)g %(y)g`` (swapped for the
    vertical ones: ``%(w)g %(h)g`` are its sides).
    """
    ops = [b"0 g 0 G 0.5 w"]
    for y in (700, 680):
        x = 100.0
        while x < 300:
            ops.append(piece % {b"x": x, b"y": y - 0.25, b"w": 2, b"h": 0.5})
            x += step
    for x in (100, 200, 300):
        y = 680.0
        while y < 700:
            ops.append(piece % {b"x": x - 0.25, b"y": y, b"w": 0.5, b"h": 2})
            y += step
    return b"\n".join(ops) + b"\n"


TINY_PIECES = {
    # filled boxes of 2 × 0.5 pt, touching
    "tiny-filled-pieces": _pieces(b"%(x)g %(y)g %(w)g %(h)g re f", 2),
    # and with gaps of 1 pt between them
    "tiny-filled-pieces-gaps": _pieces(b"%(x)g %(y)g %(w)g %(h)g re f", 3),
}


@pytest.mark.parametrize("rulings", TINY_PIECES.values(), ids=TINY_PIECES.keys())
def test_rulings_drawn_as_tiny_pieces_make_the_table(rulings: bytes) -> None:
    items, findings = read(pdf(rulings + LABEL + latin("1268", 210, 686)))
    assert _figure(items) == "1268"
    assert findings == []


@pytest.mark.parametrize("data", READ_AS_PRINTED.values(), ids=READ_AS_PRINTED.keys())
def test_the_figure_is_read_as_printed(data: bytes) -> None:
    items, findings = read(data)
    assert _figure(items) == "1268"
    assert findings == []


def test_a_digit_raised_by_text_rise_stays_in_its_line() -> None:
    # 26 then 8 raised 4 pt at full size (Ts): a person reads 268, not 8 26
    items, findings = read(
        pdf(
            TABLE
            + LABEL
            + latin("26", 210, 686)
            + latin("8", 221.12, 686, before=b"4 Ts")
        )
    )
    assert _figure(items) == "268"
    assert findings == []
    # lowered as much, the same
    items, findings = read(
        pdf(
            TABLE
            + LABEL
            + latin("8", 221.12, 686, before=b"-4 Ts")
            + latin("26", 210, 686)
        )
    )
    assert _figure(items) == "268"
    assert findings == []


def test_a_negative_font_size_turns_the_figure() -> None:
    # -10 Tf draws 27 upside down from right to left: not read as 72
    items, findings = read(
        pdf(TABLE + LABEL + b"BT /F2 -10 Tf 1 0 0 1 220 696 Tm (27) Tj ET\n")
    )
    # its cell is not blank: a figure stands there, not read (``〓``)
    assert rows(items) == [("规章", "〓")]
    (finding,) = findings
    assert "旋转排版的字符未读取" in finding.message
    assert "“27”" in finding.message


def test_a_mirrored_figure_is_not_read_as_another() -> None:
    # mirrored left to right: the glyphs run from right to left, reversed
    items, findings = read(
        pdf(TABLE + LABEL + b"BT /F2 10 Tf -1 0 0 1 230 686 Tm (27) Tj ET\n")
    )
    assert rows(items) == [("规章", "〓")]
    assert ["旋转排版的字符未读取" in f.message for f in findings] == [True]


def test_outlined_glyphs_with_a_white_inside_are_read() -> None:
    # render mode 2, white fill, black outline (WPS's "hollow" text effect)
    items, findings = read(
        pdf(TABLE + LABEL + latin("27", 210, 686, before=b"2 Tr 1 g 0 G"))
    )
    assert _figure(items) == "27"
    assert findings == []


@pytest.mark.parametrize(
    "hidden",
    [
        latin("9", 221.12, 686, before=b"1 Tr 1 G"),  # outlined in white only
        latin("9", 221.12, 686, before=b"0 Tr 1 g 0 G"),  # white fill, no outline
        latin("9", 221.12, 686, before=b"2 Tr 1 g 1 G"),  # white fill and outline
    ],
    ids=["stroke-white", "fill-white", "both-white"],
)
def test_white_glyphs_however_painted_are_hidden(hidden: bytes) -> None:
    items, findings = read(pdf(TABLE + LABEL + latin("27", 210, 686) + hidden))
    assert _figure(items) == "27"
    assert ["与底色同色" in f.message and "“9”" in f.message for f in findings] == [
        True
    ]


def test_a_box_painted_over_the_cell_hides_its_figure_with_a_finding() -> None:
    # a grey box painted after the figure (not under it): the figure is gone
    items, findings = read(
        pdf(
            TABLE
            + LABEL
            + latin("27", 210, 686)
            + b"0.8 g 200.5 680.5 99 19 re f 0 g\n"
        )
    )
    assert all(item.cells[1:] != ("27",) for item in items)
    assert ["被不透明的色块盖住" in f.message for f in findings] == [True]


@pytest.mark.parametrize("start", [296.0, 297.5])
def test_a_figure_run_out_over_the_table_s_frame_is_a_finding(start: float) -> None:
    # 1268 from 296 in a cell ending at 300: the 1 half in, 268 outside
    items, findings = read(pdf(TABLE + LABEL + latin("1268", start, 686)))
    assert findings
    assert all(f.kind is FindingKind.AMBIGUOUS for f in findings)
    assert all(f.severity is Severity.ERROR for f in findings)
    assert "跨在表格的边框上" in findings[0].message
    assert "第 1 页表格第 1 行第 2 列" in findings[0].message
    assert len(rows(items)) <= 1


def _spoken(actual: bytes, content: bytes) -> bytes:
    """``content`` in a span whose ActualText is ``actual`` (a PDF string)."""
    return b"/Span << /ActualText " + actual + b" >> BDC " + content + b"EMC\n"


@pytest.mark.parametrize(
    "actual", [b"(99)", b"<FEFF00390039>"], ids=["bytes", "utf-16"]
)
def test_actual_text_unlike_its_glyphs_is_not_read(actual: bytes) -> None:
    # glyphs 27 with the ActualText 99 (an edited file): a person sees 27
    items, findings = read(pdf(TABLE + LABEL + _spoken(actual, latin("27", 210, 686))))
    assert _figure(items) == "27"
    (finding,) = findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert "ActualText" in finding.message
    assert "“99”" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


@pytest.mark.parametrize(
    "content",
    [
        # one span over two text objects, as Word writes a run
        _spoken(b"(1268)", latin("12", 210, 686) + latin("68", 221.12, 686)),
        # and in a form
        b"/Fm0 Do\n",
    ],
    ids=["two-objects", "in-a-form"],
)
def test_actual_text_that_says_its_glyphs_changes_nothing(content: bytes) -> None:
    form = _form(_spoken(b"(1268)", latin("1268", 10, 0)))
    data = with_resources(
        TABLE
        + LABEL
        + (b"q 1 0 0 1 200 686 cm /Fm0 Do Q\n" if content == b"/Fm0 Do\n" else content),
        b"/XObject << /Fm0 9 0 R >>",
        [form],
    )
    items, findings = read(data)
    assert _figure(items) == "1268"
    assert findings == []


def _shaded_text(content: bytes, colours: bytes) -> bytes:
    """``content`` with a shading pattern ``/P0`` going between ``colours`` (C0, C1)."""
    pattern = (
        b"<< /PatternType 2 /Shading << /ShadingType 2 /ColorSpace /DeviceRGB"
        b" /Coords [0 0 595 0] /Function << /FunctionType 2 /Domain [0 1] %s /N 1 >>"
        b" >> >>" % colours
    )
    return with_resources(content, b"/Pattern << /P0 9 0 R >>", [pattern])


def test_a_figure_painted_with_a_gradient_is_read() -> None:
    # WPS's gradient text: PDFium gives white for a pattern fill
    page = TABLE + LABEL + latin("27", 210, 686, before=b"/Pattern cs /P0 scn")
    items, findings = read(_shaded_text(page, b"/C0 [0 0 0] /C1 [0 0 1]"))
    assert _figure(items) == "27"
    assert findings == []


def test_a_digit_painted_with_a_white_gradient_is_hidden() -> None:
    hidden = latin("9", 221.12, 686, before=b"/Pattern cs /P0 scn")
    page = TABLE + LABEL + latin("27", 210, 686) + hidden
    items, findings = read(_shaded_text(page, b"/C0 [1 1 1] /C1 [1 1 1]"))
    assert _figure(items) == "27"
    assert ["与底色同色" in f.message and "“9”" in f.message for f in findings] == [
        True
    ]


def test_a_white_glyph_typed_over_a_digit_hides_it() -> None:
    # a white filled square (a Type3 glyph, as ■ in a symbol font) over the 1
    # of 125: a person sees 25
    square = [
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /box 10 0 R >>"
        b" /Encoding << /Type /Encoding /Differences [65 /box] >>"
        b" /FirstChar 65 /LastChar 65 /Widths [1000] >>",
        _stream(b"1000 0 -50 -100 700 900 d1 -50 -100 750 1000 re f"),
    ]
    cover = b"BT 1 1 1 rg /T3 8 Tf 202.5 686 Td (A) Tj ET 0 g\n"
    data = with_resources(
        TABLE + LABEL + latin("125", 203, 686) + cover,
        b"/Font << /F1 5 0 R /F2 6 0 R /T3 9 0 R >>",
        square,
    )
    items, findings = read(data)
    assert _figure(items) == "25"
    (finding,) = findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert "“A1”" in finding.message  # the white glyph and the digit under it
    assert "第 1 页表格第 1 行第 2 列" in finding.message


FAR_APART = {
    # a form (a figure) drawn twice on one page, side by side in the cell
    "form-drawn-twice": with_resources(
        TABLE
        + LABEL
        + b"q 1 0 0 1 200 686 cm /Fm0 Do Q q 1 0 0 1 230 686 cm /Fm0 Do Q\n",
        b"/XObject << /Fm0 9 0 R >>",
        [_form(latin("27", 10, 0))],
    ),
    # a kerned gap of two ems in a TJ array
    "tj-gap": pdf(TABLE + LABEL + b"BT /F2 10 Tf 210 686 Td [(1) -2000 (268)] TJ ET\n"),
    # a word space spread by Tw
    "tw-spread": pdf(TABLE + LABEL + latin("1 268", 210, 686, before=b"10 Tw")),
    # two digits far apart (a figure and a stray digit)
    "two-digits": pdf(TABLE + LABEL + latin("2", 210, 686) + latin("7", 260, 686)),
}


@pytest.mark.parametrize("data", FAR_APART.values(), ids=FAR_APART.keys())
def test_digits_far_apart_in_a_cell_are_not_one_figure(data: bytes) -> None:
    items, findings = read(data)
    (row,) = rows(items)
    assert "〓" in row[1]  # not read as 2727, 1268 or 27
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "很宽的空隙" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


@pytest.mark.parametrize(
    "shown",
    [
        latin("1 268", 210, 686, size=12),  # a thousands space, 12 pt
        latin("1268", 210, 686, before=b"20 Tc"),  # spread over the cell
    ],
    ids=["thousands-space", "distributed"],
)
def test_a_thousands_space_or_even_spreading_is_one_figure(shown: bytes) -> None:
    items, findings = read(pdf(TABLE + LABEL + shown))
    assert _figure(items) == "1268"
    assert findings == []


# ------------------------------------------------- the Hongze report, re-made

HONGZE = Path(__file__).parent / "data" / "samples" / "hongze-district-2024.pdf"


def _saved(doc: Any, flags: int = 0) -> bytes:
    out = io.BytesIO()
    doc.save(out, flags=flags)
    return out.getvalue()


def _refitted(width: float, height: float) -> bytes:
    """Each page drawn into a page of another size (a print driver's "fit to page")."""
    return n_up(HONGZE.read_bytes(), width, height, 1, 1)


def _moved() -> bytes:
    """Every page's media box and content moved to (1000, -500)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(HONGZE.read_bytes())
    for page in doc:
        width, height = page.get_size()
        for obj in page.get_objects(max_depth=1):
            obj.transform(pdfium.PdfMatrix().translate(1000, -500))
        pdfium_c.FPDFPage_SetMediaBox(page.raw, 1000, -500, 1000 + width, height - 500)
        pdfium_c.FPDFPage_SetCropBox(page.raw, 1000, -500, 1000 + width, height - 500)
        page.gen_content()
    return _saved(doc)


def _text_last_and_reversed() -> bytes:
    """Every page's text objects drawn after all else, in reverse order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(HONGZE.read_bytes())
    for page in doc:
        texts = [
            obj
            for obj in page.get_objects(max_depth=1)
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
        ]
        for obj in texts:
            page.remove_obj(obj)
        for obj in reversed(texts):
            page.insert_obj(obj)
        page.gen_content()
    return _saved(doc)


@pytest.fixture(scope="module")
def hongze() -> Any:
    pytest.importorskip("pypdfium2")
    return read_pdf(HONGZE.read_bytes())


@pytest.mark.parametrize(
    "make",
    [
        lambda: _refitted(612, 792),  # A4 fitted to Letter
        lambda: _refitted(595 * 4, 842 * 4),  # printed as a poster
        _moved,
        _text_last_and_reversed,
    ],
    ids=["fit-to-letter", "poster", "media-box-moved", "text-reversed"],
)
def test_the_hongze_report_re_made_reads_the_same(hongze: Any, make: Any) -> None:
    report = read_pdf(make())
    assert [cell for cell in hongze if report[cell] != hongze[cell]] == []
    assert report.reading_findings == ()


def test_a_figure_edited_in_an_incremental_update_reads_the_last_revision(
    hongze: Any,
) -> None:
    # a PDF editor changes the 7 of 9487 and saves the change appended to
    # the file: a viewer shows the last revision, 9488
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    original = HONGZE.read_bytes()
    doc = pdfium.PdfDocument(original)
    for page in doc:
        text = page.get_textpage()
        at = text.get_text_range().find("9487")
        if at < 0:
            continue
        obj = pdfium_c.FPDFText_GetTextObject(text.raw, at + 3)
        assert pdfium_c.FPDFText_SetText(obj, (ctypes.c_ushort * 2)(ord("8"), 0))
        assert pdfium_c.FPDFPage_GenerateContent(page.raw)
        break
    data = _saved(doc, flags=pdfium_c.FPDF_INCREMENTAL)
    assert data.startswith(original)  # the first revision kept as it was
    report = read_pdf(data)
    differ = [cell for cell in hongze if report[cell] != hongze[cell]]
    assert differ == ["active.licensing.decisions"]
    assert (hongze[differ[0]], report[differ[0]]) == (9487, 9488)
    assert report.reading_findings == ()


def test_digits_whose_glyphs_draw_nothing_are_not_read() -> None:
    # a font that names glyphs it does not have, with no ToUnicode: PDFium
    # gives the codes (23) as text, a viewer draws nothing there
    unnamed = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
        b" /Encoding << /Type /Encoding /Differences [50 /g37 /g38] >> >>"
    )
    data = with_resources(
        TABLE + LABEL + latin("1", 203, 686) + b"BT /F9 10 Tf 210 686 Td (23) Tj ET\n",
        b"/Font << /F1 5 0 R /F2 6 0 R /F9 9 0 R >>",
        [unnamed],
    )
    items, findings = read(data)
    assert _figure(items) == "1"
    (finding,) = findings
    assert "显示为空白的数字“23”" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


@pytest.mark.parametrize(
    "clip",
    [
        b"200 700 m 300 700 l 300 680 l h W n",  # a triangle over the cell
        b"200 680 100 20 re 205 682 30 14 re W* n",  # a frame with a hole (even-odd)
    ],
    ids=["triangle", "frame-with-a-hole"],
)
def test_text_outside_a_clip_of_another_shape_is_not_read(clip: bytes) -> None:
    # the 27 lies in the clip's bounding box but outside its shape: not drawn
    clipped = b"q " + clip + b" " + latin("27", 210, 686) + b"Q\n"
    items, findings = read(pdf(TABLE + LABEL + clipped + latin("5", 260, 686)))
    assert _figure(items) == "5"
    (finding,) = findings
    assert "被裁剪掉" in finding.message
    assert "“27”" in finding.message


def test_text_inside_a_triangular_clip_is_read() -> None:
    clipped = b"q 200 680 m 300 680 l 200 700 l h W n " + latin("27", 203, 681) + b"Q\n"
    items, findings = read(pdf(TABLE + LABEL + clipped))
    assert _figure(items) == "27"
    assert findings == []


@pytest.mark.parametrize(
    "second",
    [
        # a second content stream covers the first one's figure and writes anew
        b"1 1 1 rg 205 682 60 14 re f 0 g\n" + latin("27", 210, 686),
        # a text object begun in one stream and ended in the next
        None,
    ],
    ids=["covering-stream", "split-text-object"],
)
def test_a_page_of_two_content_streams(second: bytes | None) -> None:
    from helpers import pdf_bytes

    first = (
        TABLE
        + LABEL
        + (latin("25", 210, 686) if second else b"BT /F2 10 Tf 210 686 Td (12) Tj ")
    )
    streams = [_stream(first), *_FONTS[1], _stream(second or b"(68) Tj ET\n")]
    data = pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Contents [4 0 R 9 0 R] /Resources << " + _FONTS[0] + b" >> >>",
            *streams,
        ]
    )
    items, findings = read(data)
    if second:
        assert _figure(items) == "27"
        assert [
            "被不透明的色块盖住" in f.message and "“5”" in f.message for f in findings
        ] == [True]
    else:
        assert _figure(items) == "1268"
        assert findings == []


@pytest.mark.parametrize(
    "drawn",
    [
        b"q 30 0 0 12 210 684 cm /Im0 Do Q\n",  # a figure pasted as a picture
        # a digit drawn as its outline (text turned into curves)
        b"0 g 212 686 m 218 686 l 218 687 l 213.5 687 l 217 690 220 692 215 694 c"
        b" 213 694 212 693 212 692 c 213 692 l 213 693 217 693 216 690 c h f\n",
    ],
    ids=["picture", "outlines"],
)
def test_a_picture_or_shape_alone_in_a_cell_is_no_blank(drawn: bytes) -> None:
    items, findings = read(pictured(TABLE + LABEL + drawn))
    (row,) = rows(items)
    assert row[1] == "〓"  # not an empty cell
    (finding,) = findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert "只有图片或图形" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


@pytest.mark.parametrize(
    "drawn",
    [
        b"q 8 0 0 8 285 686 cm /Im0 Do Q\n",  # an icon beside the figure
        b"q 150 0 0 18 120 681 cm /Im0 Do Q\n",  # a seal over both cells
    ],
    ids=["beside-text", "over-two-cells"],
)
def test_a_picture_beside_text_or_over_cells_changes_nothing(drawn: bytes) -> None:
    items, findings = read(pictured(drawn + TABLE + LABEL + latin("27", 210, 686)))
    assert _figure(items) == "27"
    assert findings == []


@pytest.mark.parametrize("rise", [6, 7])
def test_a_digit_raised_by_more_than_half_its_height_is_a_finding(rise: int) -> None:
    # neither in the line of 26 nor a line of its own: 826 or 268 cannot be told
    raised = latin("8", 221.12, 686, before=b"%d Ts" % rise)
    items, findings = read(pdf(TABLE + LABEL + latin("26", 210, 686) + raised))
    (row,) = rows(items)
    assert "〓" in row[1]
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "上下错开" in finding.message


@pytest.mark.parametrize("leading", [14, 10, 9])
def test_a_figure_wrapped_in_its_cell_reads_whole(leading: float) -> None:
    tall = _lines(
        b"100 700 m 300 700 l S 100 660 m 300 660 l S 100 660 m 100 700 l S"
        b" 200 660 m 200 700 l S 300 660 m 300 700 l S"
    )
    wrapped = latin("12", 210, 686) + latin("68", 210, 686 - leading)
    items, findings = read(pdf(tall + cjk("规章", 110, 676) + wrapped))
    assert _figure(items) == "1268"
    assert findings == []
