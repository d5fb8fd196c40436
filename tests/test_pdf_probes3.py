"""read_pdf probed a third time: fonts without a character map, 2-up sheets, struck figures.

The hand-written PDFs use the one-row table of `test_pdf_traps` (the label
规章 in the cell 100–200, its figure in the cell 200–300); the whole reports
are the library's example report, written by the Word writer and printed by
LibreOffice (as `test_read_pdf` does), then changed the way real exports and
printers change them. Each gives the figure printed, or a finding; never a
wrong figure in silence.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from math import cos, pi, sin
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import govinfo_report as gr
from govinfo_report._findings import FindingKind, Severity
from helpers import n_up
from test_pdf_overlays import _stream, with_resources
from test_pdf_traps import _FONTS, TABLE, cjk, grid, latin, pdf, read, rows

pytest.importorskip("pypdfium2")

LABEL = cjk("规章", 110, 686)

# ------------------------------------------- glyphs PDFium cannot map to text

_IDENTITY_TRUETYPE = [
    # a CID font of the Identity ordering, no ToUnicode: its codes are the
    # glyph numbers of an (here absent) embedded font, no Unicode
    b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H"
    b" /DescendantFonts [10 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
    b" /FontDescriptor 11 0 R /DW 500 /CIDToGIDMap /Identity >>",
    b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4"
    b" /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141"
    b" /CapHeight 700 /StemV 80 >>",
]


def _unmapped(codes: bytes) -> bytes:
    return with_resources(
        TABLE + LABEL + b"BT /F9 10 Tf 210 686 Td <" + codes + b"> Tj ET\n",
        b"/Font << /F1 5 0 R /F2 6 0 R /F9 9 0 R >>",
        _IDENTITY_TRUETYPE,
    )


@pytest.mark.parametrize(
    ("codes", "shown"),
    [
        # glyph numbers 0x31… that PDFium gives as the text "1268"
        (b"0031003200360038", "1268"),
        # glyph numbers 0x14… given as control characters
        (b"0014001500160017", "\\x14\\x15\\x16\\x17"),
    ],
    ids=["codes-like-digits", "codes-like-controls"],
)
def test_glyphs_without_a_character_map_are_not_read(codes: bytes, shown: str) -> None:
    items, findings = read(_unmapped(codes))
    (row,) = rows(items)
    assert set(row[1]) == {"〓"}  # not the figure 1268
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.ERROR
    assert "ToUnicode" in finding.message
    assert f"“{shown}”" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


def _type3(names: bytes, to_unicode: bool = False) -> bytes:
    """``12`` (codes 49, 50) in a Type3 font whose glyphs are ``names`` (then ``68``).

    The glyph named ``one`` (or the first other name) draws a bar, ``two``
    (or the second) a box open on one side.
    """
    procs = b" ".join(
        b"%s %d 0 R" % (name, 10 if name in (b"/one", b"/g7") else 11)
        for name in names.split()
    )
    font = (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << " + procs + b" >>"
        b" /Encoding << /Type /Encoding /Differences [49 " + names + b"] >>"
        b" /FirstChar 49 /LastChar 50 /Widths [600 600]"
        + (b" /ToUnicode 12 0 R" if to_unicode else b"")
        + b" >>"
    )
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap"
        b" /CMapName /T3 def 1 begincodespacerange <00> <FF> endcodespacerange"
        b" 2 beginbfchar <31> <0031> <32> <0032> endbfchar"
        b" endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    return with_resources(
        TABLE + LABEL + b"BT /T3 10 Tf 210 686 Td (12) Tj ET\n" + latin("68", 222, 686),
        b"/Font << /F1 5 0 R /F2 6 0 R /T3 9 0 R >>",
        [
            font,
            _stream(b"600 0 0 0 600 700 d1 250 0 100 700 re f"),
            _stream(b"600 0 0 0 600 700 d1 50 0 500 100 re f 50 600 500 100 re f"),
            _stream(cmap),
        ],
    )


@pytest.mark.parametrize(
    "names",
    [
        b"/one /two",  # the names say 1 and 2
        b"/two /one",  # they say 2 and 1: PDFium still gives the codes, "12"
        b"/g7 /g9",  # a print driver's names
    ],
    ids=["names-as-codes", "names-swapped", "names-say-nothing"],
)
def test_a_type3_font_without_tounicode_gives_no_digits(names: bytes) -> None:
    # PDFium reads no glyph names of a Type3 font: the text it gives is the
    # codes, whatever the glyphs draw (the old reader read 1268 for all three)
    items, findings = read(_type3(names))
    (row,) = rows(items)
    assert row[1].replace(" ", "") == "〓〓68"
    (finding,) = findings
    assert "ToUnicode" in finding.message
    assert "“12”" in finding.message


def test_a_type3_font_with_tounicode_is_read() -> None:
    items, findings = read(_type3(b"/one /two", to_unicode=True))
    (row,) = rows(items)
    assert row[1].replace(" ", "") == "1268"
    assert findings == []


# ------------------------------------------------- two pages on one sheet (2-up)

HONGZE = Path(__file__).parent / "data" / "samples" / "hongze-district-2024.pdf"


def _n_up(data: bytes, width: float, height: float) -> bytes:
    """``data`` printed two pages per sheet, side by side (PDFium's n-up)."""
    return n_up(data, width, height, 2, 1)


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from test_read_pdf import _to_pdf

    return _to_pdf(
        gr.example_report(), tmp_path_factory.mktemp("pdf3"), "ex"
    ).read_bytes()


@pytest.mark.parametrize(
    "sheet",
    [(842, 595), (792, 612), (1190, 842)],
    ids=["a4-landscape", "letter-landscape", "a3-landscape"],
)
def test_two_pages_side_by_side_are_read_left_then_right(
    example_pdf: bytes, sheet: tuple[float, float]
) -> None:
    # read as one page, the lines of the two pages joined and their tables'
    # rows interleaved: 183 of 200 figures were missing
    report = gr.read_pdf(_n_up(example_pdf, *sheet))
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert report.reading_findings == ()


def _n_up_turned(data: bytes) -> bytes:
    """``data`` two pages per sheet on portrait sheets turned by ``/Rotate 90``.

    As printer drivers make a landscape sheet: each page a form drawn turned
    and scaled onto the portrait sheet, shown landscape.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    source = pdfium.PdfDocument(data)
    made = pdfium.PdfDocument.new()
    for sheet in range(0, len(source), 2):
        page = made.new_page(595, 842)
        for side in range(min(2, len(source) - sheet)):
            xobject = pdfium_c.FPDF_NewXObjectFromPage(
                made.raw, source.raw, sheet + side
            )
            form = pdfium.PdfObject(
                pdfium_c.FPDF_NewFormObjectFromXObject(xobject), pdf=made
            )
            place = pdfium.PdfMatrix().scale(0.7, 0.7).translate(side * 421 + 8, 0)
            form.transform(place.multiply(pdfium.PdfMatrix(0, 1, -1, 0, 595, 0)))
            page.insert_obj(form)
            pdfium_c.FPDF_CloseXObject(xobject)
        page.set_rotation(90)
        page.gen_content()
    out = io.BytesIO()
    made.save(out)
    made.close()
    source.close()
    return out.getvalue()


def test_two_pages_on_a_turned_sheet_are_read(example_pdf: bytes) -> None:
    # the whole document was refused as rotated text (the forms' turn unseen)
    report = gr.read_pdf(_n_up_turned(example_pdf))
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert report.reading_findings == ()


def test_the_hongze_report_two_up_reads_the_same() -> None:
    data = HONGZE.read_bytes()
    want = gr.read_pdf(data)
    report = gr.read_pdf(_n_up(data, 842, 595))
    assert dict(report.cells()) == dict(want.cells())
    assert report.reading_findings == want.reading_findings


def _sheet(right_tops: list[float], right_x: float) -> dict[str, object]:
    """A landscape page: five lines at the left, lines at ``right_tops`` from ``right_x``."""
    chars = [["规", 56.0, top, 300.0, top + 10] for top in (100, 120, 140, 160, 180)]
    chars += [["1", right_x, top, right_x + 200, top + 10] for top in right_tops]
    return {
        "size": [842.0, 595.0],
        "chars": chars,
        "turned": [],
        "hidden": [],
        "h": [],
        "v": [],
        "drawings": [],
        "unshown": [],
    }


def test_a_table_aligned_by_spaces_is_not_cut_as_two_pages() -> None:
    from govinfo_report._readers._pdf_sheets import halves

    # labels at the left, figures at the right on the same lines: one page
    assert halves(_sheet([100, 120, 140, 160, 180], 477)) is None
    # the right side's lines at heights of their own: two pages
    assert halves(_sheet([105, 127, 149, 171], 477)) is not None
    # a gutter off the middle, or sides unlike two pages: one page
    assert halves(_sheet([105, 127, 149, 171], 600)) is None


# ---------------------------------------------- a figure struck through by a line

_STRUCK = {
    # a line through the digits' middle (a PDF editor's line tool)
    "level-line": b"0.7 w 0 G 208 689.5 m 235 689.5 l S\n",
    "red-line": b"0.7 w 1 0 0 RG 208 689.5 m 235 689.5 l S\n",
    # a thin filled bar (as Word draws a strike-through)
    "thin-bar": b"0 g 208 689 27 0.8 re f\n",
    # crossed out by hand: a slanted stroke, a pen's strokes (flattened ink)
    "slanted": b"0.7 w 0 G 208 684 m 235 696 l S\n",
    "pen-strokes": b"1 w 0 0 1 RG 206 690 m 215 694 l 220 686 l 236 691 l S\n",
}


@pytest.mark.parametrize("line", _STRUCK.values(), ids=_STRUCK.keys())
def test_a_figure_struck_through_by_a_drawn_line_is_not_read(line: bytes) -> None:
    # a person sees 1268 struck out: void or not cannot be told
    items, findings = read(pdf(TABLE + LABEL + latin("1268", 210, 686) + line))
    (row,) = rows(items)
    assert "〓" in row[1]
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "被划掉" in finding.message
    assert "“1268”" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


_NOT_STRUCK = {
    # an underline below the digits' middle
    "underline": b"0.5 w 0 G 210 684.5 m 232 684.5 l S\n",
    # a line beside the figure in its cell, and a diagonal in the label cell
    "line-beside": b"0.5 w 0 G 240 689.5 m 290 689.5 l S\n",
    "diagonal-in-label-cell": b"0.5 w 0 G 100 700 m 200 680 l S\n",
    # a seal's ring through the 6 (a curve), and one drawn as a polygon
    "seal-ring": b"1.5 w 1 0 0 RG 284 689 m 284 706 271 719 254 719 c"
    b" 237 719 224 706 224 689 c 224 672 237 659 254 659 c"
    b" 271 659 284 672 284 689 c S\n",
    "seal-polygon": b"1.5 w 1 0 0 RG "
    + b" ".join(
        b"%.2f %.2f %s"
        % (254 + 30 * cos(k * pi / 12), 689 + 30 * sin(k * pi / 12), b"ml"[k > 0 :][:1])
        for k in range(25)
    )
    + b" S\n",
}


@pytest.mark.parametrize("line", _NOT_STRUCK.values(), ids=_NOT_STRUCK.keys())
def test_a_line_past_the_digits_strikes_nothing(line: bytes) -> None:
    items, findings = read(pdf(TABLE + LABEL + latin("1268", 210, 686) + line))
    (row,) = rows(items)
    assert row[1] == "1268"
    assert findings == []


# ---------------------------------------------- one figure over a column line

_OVER_THE_LINE = {
    # one string from the label cell on: 126 left of the line at 200, 8 right
    # of it, no glyph cut (the old reader read 8 for 规章)
    "one-string": latin("5      1268", 160, 686),
    # the same figure as two pieces, kerned together
    "two-pieces": latin("126", 182.2, 686) + latin("8", 198.88, 686),
}


@pytest.mark.parametrize("drawn", _OVER_THE_LINE.values(), ids=_OVER_THE_LINE.keys())
def test_a_figure_running_over_a_column_line_is_not_read(drawn: bytes) -> None:
    items, findings = read(pdf(TABLE + LABEL + drawn))
    (row,) = rows(items)
    assert "〓" in row[1]  # not 8
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "跨过单元格的竖线" in finding.message
    assert "“68”" in finding.message


def test_figures_of_two_cells_close_to_their_line_are_read() -> None:
    # 27 right-aligned against the line, 5 a cell's padding after it
    lines = TABLE + b"0.5 w 0 G 250 680 m 250 700 l S\n"
    items, findings = read(
        pdf(lines + LABEL + latin("27", 236.88, 686) + latin("5", 252.5, 686))
    )
    assert rows(items) == [("规章", "27", "5")]
    assert findings == []


# ------------------------------------------- a watermark laid over the table

_WATERMARK = "仅供参考".encode("utf-16-be").hex().encode()
_OVER_THE_TABLE = {
    # light grey, 30 pt, level, drawn after the table (or before it, or clear)
    "after": b"q 0.85 g BT /F1 30 Tf 120 678 Td <%s> Tj ET Q\n" % _WATERMARK,
    "big-digits": b"q 0.85 g BT /F2 30 Tf 250 678 Td (2024) Tj ET Q\n",
}


@pytest.mark.parametrize("mark", _OVER_THE_TABLE.values(), ids=_OVER_THE_TABLE.keys())
def test_a_level_watermark_over_the_table_joins_no_cell(mark: bytes) -> None:
    # its glyphs, taller than the row, were read into the cells: 规仅章 供参 |
    # 考1268, or 202 for the figure (1268 taken for a footnote mark)
    items, findings = read(pdf(TABLE + LABEL + latin("1268", 210, 686) + mark))
    assert rows(items) == [("规章", "1268")]
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert "比单元格还高的字" in finding.message


def test_a_watermark_drawn_under_the_table_joins_no_cell() -> None:
    mark = b"q 0.85 g BT /F1 30 Tf 120 678 Td <%s> Tj ET Q\n" % _WATERMARK
    items, findings = read(pdf(mark + TABLE + LABEL + latin("1268", 210, 686)))
    assert rows(items) == [("规章", "1268")]
    assert ["比单元格还高的字" in f.message for f in findings] == [True]


# ------------------------- a table continued without its first (or last) ruling

_TWO_ROWS = grid([[100, 200, 300, 400]] * 2, [700, 680, 660])
_TWO_ROWS_TEXT = (
    LABEL + latin("3", 310, 686) + cjk("文件", 110, 666) + latin("5", 210, 666)
) + latin("8", 310, 666)


@pytest.mark.parametrize(
    "missing",
    [b"100 700 m 400 700 l S\n", b"100 660 m 400 660 l S\n"],
    ids=["top-line", "bottom-line"],
)
def test_a_row_whose_ruling_is_missing_is_read_in_its_columns(missing: bytes) -> None:
    # the column lines run on past the last ruling (a table continued from
    # the page before): that row was a text line "规章  3", its 3 taken for
    # the first figure column (its blank cell lost)
    items, findings = read(pdf(_TWO_ROWS.replace(missing, b"") + _TWO_ROWS_TEXT))
    assert rows(items) == [("规章", "", "3"), ("文件", "5", "8")]
    assert findings == []


def test_outer_lines_running_on_make_no_row_of_the_text_above() -> None:
    # only the table's two sides run on above it (no column line): the
    # text there is a line of the page, no row
    sides = b"0.5 w 0 G 100 680 m 100 694 l S 300 680 m 300 694 l S\n"
    text = cjk("前言", 110, 684) + cjk("规章", 110, 666) + latin("3", 210, 666)
    items, _findings = read(pdf(sides + grid([[100, 200, 300]], [680, 660]) + text))
    assert rows(items) == [("规章", "3")]
    assert any(item.text == "前言" for item in items if not item.is_table)


# ------------------------------- the example report in Word, changed, then printed

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _edited(docx: bytes, edit: Callable[[Any], object]) -> bytes:
    """``docx`` with its document part changed by ``edit`` (given the root element)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(source.read("word/document.xml"))
    edit(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            made.writestr(info, data)
    return out.getvalue()


def _cell(root: Any, table: int, row: int, column: int) -> Any:
    """A ``w:tc`` of the document: the ``column``-th cell of a row of a table."""
    tr = root.findall(f".//{_W}tbl")[table].findall(f"{_W}tr")[row]
    return tr.findall(f"{_W}tc")[column]


def _run_property(tag: str, value: str | None = None) -> Callable[[Any], None]:
    """An edit: the runs of 行政许可's figure (table 2) get ``<w:tag w:val=value/>``."""

    def edit(root: Any) -> None:
        for run in _cell(root, 0, 6, 1).iter(f"{_W}r"):
            properties = run.find(f"{_W}rPr")
            if properties is None:
                properties = etree.SubElement(run, f"{_W}rPr")
                run.insert(0, properties)
            made = etree.SubElement(properties, f"{_W}{tag}")
            if value is not None:
                made.set(f"{_W}val", value)

    return edit


def _merged(
    table: int, column: int, first: int, last: int, keep: bool = True
) -> Callable[[Any], None]:
    """An edit: a label cell merged down over rows ``first``–``last`` (``w:vMerge``).

    ``keep``: the merged cell holds the rows' labels, one paragraph each
    (else only the first row's label).
    """

    def edit(root: Any) -> None:
        top = _cell(root, table, first, column)
        for row in range(first, last + 1):
            tc = _cell(root, table, row, column)
            properties = tc.find(f"{_W}tcPr")
            merge = etree.Element(f"{_W}vMerge")
            if row == first:
                merge.set(f"{_W}val", "restart")
            align = properties.find(f"{_W}vAlign")
            if align is not None:
                align.addprevious(merge)
            else:
                properties.append(merge)
            if row > first:
                for paragraph in tc.findall(f"{_W}p"):
                    if keep:
                        top.append(paragraph)
                    else:
                        tc.remove(paragraph)
                etree.SubElement(tc, f"{_W}p")

    return edit


_EDITS: dict[str, Callable[[Any], object]] = {
    # table 3's （一）予以公开 and （二）部分公开… in one merged cell
    "merged-two-labels": _merged(1, 1, 5, 6),
    # 1.属于国家秘密 to 3.危及“三安全一稳定” in one merged cell
    "merged-three-labels": _merged(1, 2, 7, 9),
    # 一、本年新收… merged over its row and 二's (whose label is gone)
    "merged-one-label": _merged(1, 0, 3, 4, keep=False),
    # table 2's 规章 and 行政规范性文件 (no item numbers) in one merged cell
    "merged-unnumbered": _merged(0, 0, 2, 3),
    "strike": _run_property("strike"),
    "double-strike": _run_property("dstrike"),
    "underline": _run_property("u", "single"),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each of `_EDITS` made to the example report's Word file, printed by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: .ci/run installs it"
    folder = tmp_path_factory.mktemp("printed3")
    original = folder / "example.docx"
    gr.write_docx(gr.example_report(), original)
    docx = original.read_bytes()
    names = []
    for name, edit in _EDITS.items():
        (folder / f"{name}.docx").write_bytes(_edited(docx, edit))
        names.append(str(folder / f"{name}.docx"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *names,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: (folder / f"{name}.pdf").read_bytes() for name in _EDITS}


@pytest.mark.parametrize("name", ["strike", "double-strike"])
def test_a_figure_formatted_struck_through_is_not_read(
    printed: dict[str, bytes], name: str
) -> None:
    # Word's strike-through, drawn by LibreOffice as a line through the digits
    report = gr.read_pdf(printed[name])
    want = dict(gr.example_report().cells())
    assert report["active.licensing.decisions"] is gr.MISSING
    assert {c: v for c, v in report.cells().items() if v != want[c]} == {
        "active.licensing.decisions": gr.MISSING
    }
    assert any("被划掉" in f.message for f in report.reading_findings)


def test_an_underlined_figure_is_read(printed: dict[str, bytes]) -> None:
    report = gr.read_pdf(printed["underline"])
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("name", ["merged-two-labels", "merged-three-labels"])
def test_numbered_labels_in_one_merged_cell_each_read_their_row(
    printed: dict[str, bytes], name: str
) -> None:
    # the first row got both labels and both rows' figures (a finding), the
    # rows below were lost
    report = gr.read_pdf(printed[name])
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("name", ["merged-one-label", "merged-unnumbered"])
def test_a_merged_label_over_rows_of_figures_is_no_guess(
    printed: dict[str, bytes], name: str
) -> None:
    # one label beside two rows of figures, or two labels without item
    # numbers (one label wrapped, or two?): those rows are not read
    report = gr.read_pdf(printed[name])
    want = dict(gr.example_report().cells())
    named = {cell for f in report.reading_findings for cell in f.cells}
    missing = [c for c, v in report.cells().items() if v is gr.MISSING]
    assert missing
    assert set(missing) <= named
    assert all(v == want[c] for c, v in report.cells().items() if v is not gr.MISSING)


# ------------------------------------------------ text in a form, turned

_FORMED = _stream(
    TABLE + LABEL + latin("27", 210, 686),
    b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << "
    + _FONTS[0]
    + b" >> ",
)


def _form_page(turn: bytes, rotate: int) -> bytes:
    """The one-row table in a form, drawn by ``turn`` on a page of ``/Rotate rotate``."""
    content = b"q " + turn + b" 1 0 0 1 0 -300 cm /Fm0 Do Q\n"
    data = with_resources(content, b"/XObject << /Fm0 9 0 R >>", [_FORMED])
    return data.replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate %d" % rotate
    )


@pytest.mark.parametrize(
    ("turn", "rotate"),
    [
        (b"0 1 -1 0 595 0 cm", 90),
        (b"0 -1 1 0 0 842 cm", 270),
        (b"0.5 0 0 0.5 0 0 cm", 0),
    ],
    ids=["rotate-90", "rotate-270", "scaled"],
)
def test_a_form_drawn_turned_on_a_rotated_page_is_read(
    turn: bytes, rotate: int
) -> None:
    # a page drawn into a form (n-up, "fit to page", editors) on a rotated
    # page: upright as displayed, but the text's own matrix (within the
    # form) was taken for its turn: refused as rotated text
    items, findings = read(_form_page(turn, rotate))
    assert rows(items) == [("规章", "27")]
    assert findings == []


def test_a_form_turned_on_an_upright_page_is_refused_not_misread() -> None:
    # the old reader read the turned text as upright: "7 2", "章 规"
    with pytest.raises(gr.ReadError, match="旋转排版"):
        read(_form_page(b"0 1 -1 0 595 0 cm", 0))


def _watermarked(data: bytes) -> bytes:
    """``data`` with ``DRAFT COPY`` drawn turned 30° across the middle of each page.

    (A watermark drawn opaque over the figures hides the digits under its
    strokes: those are not read, each with a warning.)
    """
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(data)
    for page in doc:
        width, height = page.get_size()
        made = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", 60.0)
        text = "DRAFT COPY"
        pdfium_c.FPDFText_SetText(
            made, (pdfium_c.FPDF_WCHAR * 11)(*[ord(c) for c in text], 0)
        )
        # light grey and see-through, as watermarks are drawn
        pdfium_c.FPDFPageObj_SetFillColor(made, 160, 160, 160, 90)
        mark = pdfium.PdfObject(made, pdf=doc)
        turn = math.radians(30)
        mark.transform(
            pdfium.PdfMatrix(
                math.cos(turn), math.sin(turn), -math.sin(turn), math.cos(turn)
            ).translate(width / 2 - 170, height / 2 - 90)
        )
        page.insert_obj(mark)
        page.gen_content()
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def test_two_pages_under_a_watermark_across_the_sheet_are_read(
    example_pdf: bytes,
) -> None:
    report = gr.read_pdf(_watermarked(_n_up(example_pdf, 842, 595)))
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert all("旋转排版的字符未读取" in f.message for f in report.reading_findings)
