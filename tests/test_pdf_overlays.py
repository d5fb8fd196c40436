"""read_pdf reads what a viewer draws over and off the page: annotations and layers.

Two things a person sees differently from a PDF's page text, each drawn by
hand here in the one-row table of `test_pdf_traps` (the label 规章, its
figure in the cell 200–300):

- annotations, drawn by a viewer on top of the page: a comment box
  (FreeText) with a corrected figure over the old one, a white box (Square),
  a stamp with a digit, a form field's value. Those with an appearance of
  their own are read as drawn; one whose look the viewer makes up, or a
  strike-out over a figure, leaves its cell unknown with a finding; hidden
  ones (``/F 2``, ``/F 32``), links and highlights change nothing;
- optional content (layers): text in a layer that is off is not drawn and
  not read, in the page's content or inside a form; in a layer that is on,
  it is read;
- pictures painted over text: a digit under an opaque picture is not read,
  one under a clear picture (or over a picture) is.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from govinfo_report import Mark, read_pdf
from govinfo_report._findings import FindingKind, Severity
from helpers import pdf_bytes
from test_pdf_traps import _FONTS, TABLE, cjk, latin, read, rows

PRINTED = TABLE + cjk("规章", 110, 686) + latin("25", 210, 686)
"""The page as printed: 规章 | 25."""


def _stream(content: bytes, dictionary: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    return (
        b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), dictionary)
        + packed
        + b"\nendstream"
    )


def _appearance(content: bytes, width: float, height: float) -> bytes:
    return _stream(
        content,
        b"/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources << %s >> "
        % (width, height, _FONTS[0]),
    )


def annotated(content: bytes, annots: list[tuple[bytes, bytes | None]]) -> bytes:
    """One page drawn by ``content`` with annotations: (dictionary, appearance or None).

    ``APREF`` in a dictionary stands for its appearance stream's reference.
    """
    appearances = [ap for _body, ap in annots if ap is not None]
    bodies = []
    ap_number = 9
    for body, ap in annots:
        if ap is not None:
            body = body.replace(b"APREF", b"%d 0 R" % ap_number)
            ap_number += 1
        bodies.append(body)
    first = 9 + len(appearances)  # annotations follow the fonts and the appearances
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(len(bodies)))
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << " + _FONTS[0] + b" >> /Annots [" + refs + b"] >>",
            _stream(content),
            *_FONTS[1],
            *appearances,
            *bodies,
        ]
    )


CORRECTION = (
    b"<< /Type /Annot /Subtype /FreeText /Rect [205 682 265 696] /F 4"
    b" /Contents (27) /DA (/F2 10 Tf 0 g) /AP << /N APREF >> >>",
    _appearance(b"1 1 1 rg 0 0 60 14 re f 0 g BT /F2 10 Tf 5 4 Td (27) Tj ET", 60, 14),
)
"""A comment box over the figure's cell: white, with 27 in it (a correction)."""


def test_a_correction_in_a_comment_box_is_read_the_figure_under_it_is_not() -> None:
    items, findings = read(annotated(PRINTED, [CORRECTION]))
    assert rows(items) == [("规章", "27")]
    (finding,) = findings
    assert "被不透明的色块盖住" in finding.message
    assert "“25”" in finding.message


def test_a_white_box_annotation_hides_the_figure_under_it() -> None:
    box = (
        b"<< /Type /Annot /Subtype /Square /Rect [205 682 265 696] /F 4"
        b" /IC [1 1 1] /C [1 1 1] /AP << /N APREF >> >>",
        _appearance(b"1 1 1 rg 0 0 60 14 re f", 60, 14),
    )
    items, findings = read(annotated(PRINTED, [box]))
    assert all("25" not in "".join(row) for row in rows(items))
    (finding,) = findings
    assert "“25”" in finding.message


def test_a_stamp_with_a_digit_beside_the_figure_is_not_joined_silently() -> None:
    # a person sees "1 25": a digit the page text does not hold
    stamp = (
        b"<< /Type /Annot /Subtype /Stamp /Rect [200 682 208 696] /F 4"
        b" /AP << /N APREF >> >>",
        _appearance(b"0 g BT /F2 10 Tf 1 4 Td (1) Tj ET", 8, 14),
    )
    items, _findings = read(annotated(PRINTED, [stamp]))
    ((_label, figure),) = rows(items)
    assert figure.startswith("1")
    assert figure.endswith("25")


def test_a_form_field_shows_its_value() -> None:
    # a fillable template: the figure is the field's value, drawn by its appearance
    field = (
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f1) /V (31)"
        b" /Rect [205 682 265 696] /F 4 /AP << /N APREF >> >>",
        _appearance(b"/Tx BMC BT 0 g /F2 10 Tf 5 4 Td (31) Tj ET EMC", 60, 14),
    )
    page = TABLE + cjk("规章", 110, 686)
    items, findings = read(annotated(page, [field]))
    assert rows(items) == [("规章", "31")]
    assert findings == []


@pytest.mark.parametrize(
    "annot",
    [
        # a comment box with no appearance: a viewer draws /Contents its own way
        b"<< /Type /Annot /Subtype /FreeText /Rect [205 682 265 696] /F 4"
        b" /Contents (27) /DA (/F2 10 Tf 0 g) >>",
        # a box a viewer fills from /IC
        b"<< /Type /Annot /Subtype /Square /Rect [205 682 265 696] /F 4 /IC [1 1 1] >>",
        # a strike-out over the figure: struck as wrong, or not
        b"<< /Type /Annot /Subtype /StrikeOut /Rect [205 682 265 696] /F 4"
        b" /QuadPoints [205 696 265 696 205 682 265 682] >>",
    ],
    ids=["freetext-without-appearance", "square-without-appearance", "strike-out"],
)
def test_an_annotation_whose_look_is_not_known_leaves_its_cell_unread(
    annot: bytes,
) -> None:
    items, findings = read(annotated(PRINTED, [(annot, None)]))
    ((label, figure),) = rows(items)
    assert label == "规章"
    assert "〓" in figure  # not a figure: the cell is reported, never read as 25
    (finding,) = findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.ERROR
    assert "第 1 页表格第 1 行第 2 列" in finding.message
    assert "批注" in finding.message


def test_an_annotation_away_from_the_tables_is_a_warning() -> None:
    note = b"<< /Type /Annot /Subtype /FreeText /Rect [100 400 200 420] /F 4 /Contents (x) >>"
    items, findings = read(annotated(PRINTED, [(note, None)]))
    assert rows(items) == [("规章", "25")]
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert "不在表格中" in finding.message


@pytest.mark.parametrize(
    "annot",
    [
        CORRECTION[0].replace(b"/F 4", b"/F 2"),  # hidden
        CORRECTION[0].replace(b"/F 4", b"/F 32"),  # not to be viewed
    ],
    ids=["hidden", "no-view"],
)
def test_a_hidden_annotation_changes_nothing(annot: bytes) -> None:
    items, findings = read(annotated(PRINTED, [(annot, CORRECTION[1])]))
    assert rows(items) == [("规章", "25")]
    assert findings == []


@pytest.mark.parametrize(
    "annot",
    [
        b"<< /Type /Annot /Subtype /Link /Rect [205 682 265 696] /Border [0 0 0] >>",
        b"<< /Type /Annot /Subtype /Highlight /Rect [205 682 265 696] /F 4"
        b" /QuadPoints [205 696 265 696 205 682 265 682] /C [1 1 0] >>",
    ],
    ids=["link", "highlight"],
)
def test_links_and_highlights_change_nothing(annot: bytes) -> None:
    items, findings = read(annotated(PRINTED, [(annot, None)]))
    assert rows(items) == [("规章", "25")]
    assert findings == []


def layered(content: bytes, state: bytes, forms: tuple[bytes, ...] = ()) -> bytes:
    """One page with a layer ``/oc1`` (object 9) that is ``/ON`` or ``/OFF``.

    ``forms`` are form XObjects ``/Fm0``, ``/Fm1``… (object 10 on), each a
    content stream drawn in the page's space; ``OCREF`` in one stands for the
    layer's reference.
    """
    names = b" ".join(b"/Fm%d %d 0 R" % (i, 10 + i) for i in range(len(forms)))
    streams = [
        _stream(
            body,
            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]%s /Resources << %s >> "
            % (b" /OC 9 0 R" if b"OCREF" in body else b"", _FONTS[0]),
        ).replace(b"OCREF", b"")
        for body in forms
    ]
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [9 0 R]"
            b" /D << " + state + b" [9 0 R] /Order [9 0 R] >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << " + _FONTS[0] + b" /Properties << /oc1 9 0 R >>"
            b" /XObject << " + names + b" >> >> >>",
            _stream(content),
            *_FONTS[1],
            b"<< /Type /OCG /Name (old figures) >>",
            *streams,
        ]
    )


OLD_DIGIT = b"/OC /oc1 BDC " + latin("1", 203, 686) + b"EMC\n"
"""A 1 before the 25, in the layer /oc1."""


def test_text_in_a_layer_that_is_off_is_not_read() -> None:
    items, findings = read(layered(PRINTED + OLD_DIGIT, b"/OFF"))
    assert rows(items) == [("规章", "25")]
    (finding,) = findings
    assert "隐藏图层" in finding.message
    assert "“1”" in finding.message
    assert "第 1 页表格第 1 行第 2 列" in finding.message


def test_text_in_a_layer_that_is_on_is_read() -> None:
    items, findings = read(layered(PRINTED + OLD_DIGIT, b"/ON"))
    assert rows(items) == [("规章", "125")]
    assert findings == []


@pytest.mark.parametrize(
    ("state", "expected"), [(b"/OFF", "25"), (b"/ON", "125")], ids=["off", "on"]
)
def test_a_form_in_a_layer_is_drawn_as_its_layer_is(
    state: bytes, expected: str
) -> None:
    # the form's /OC sits in its dictionary: nothing on its text says so
    form = b"OCREF" + latin("1", 203, 686)
    items, _findings = read(layered(PRINTED + b"/Fm0 Do\n", state, (form,)))
    assert rows(items) == [("规章", expected)]


def test_text_in_a_plain_form_is_read() -> None:
    # a page's content wrapped in a form (some tools do): read as ever
    content = TABLE + cjk("规章", 110, 686) + b"/Fm0 Do\n"
    items, findings = read(layered(content, b"/OFF", (latin("25", 210, 686),)))
    assert rows(items) == [("规章", "25")]
    assert findings == []


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_layer_that_is_off_on_a_rotated_page(rotate: int) -> None:
    turn = {90: b"0 1 -1 0 595 0 cm", 270: b"0 -1 1 0 0 842 cm"}[rotate]
    content = b"q " + turn + b" 1 0 0 1 0 -300 cm\n" + PRINTED + OLD_DIGIT + b"Q\n"
    data = layered(content, b"/OFF").replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate %d" % rotate, 1
    )
    items, findings = read(data)
    assert rows(items) == [("规章", "25")]
    assert ["隐藏图层" in f.message for f in findings] == [True]


def pictured(content: bytes, alpha: int | None = None) -> bytes:
    """One page drawn by ``content``, with a white picture ``/Im0`` (1×1 pixel).

    ``alpha``: the picture's opacity through a soft mask (0 clear, 255 opaque).
    """
    mask = b"" if alpha is None else b" /SMask 10 0 R"
    picture = _stream(
        b"\xff",
        b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8%s " % mask,
    )
    objects = [picture]
    if alpha is not None:
        objects.append(
            _stream(
                bytes([alpha]),
                b"/Type /XObject /Subtype /Image /Width 1 /Height 1"
                b" /ColorSpace /DeviceGray /BitsPerComponent 8 ",
            )
        )
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << " + _FONTS[0] + b" /XObject << /Im0 9 0 R >> >> >>",
            _stream(content),
            *_FONTS[1],
            *objects,
        ]
    )


OVER_THE_ONE = b"q 8 0 0 14 201 682 cm /Im0 Do Q\n"
"""The picture over the 1 of 125 (the 1 at 203–209, the 25 from 210)."""
ONE_TWO_FIVE = TABLE + cjk("规章", 110, 686) + latin("125", 203, 686)


def test_a_figure_under_a_white_picture_is_not_read() -> None:
    # a correction pasted as a picture over the first digit: a person sees 25
    items, findings = read(pictured(ONE_TWO_FIVE + OVER_THE_ONE))
    assert rows(items) == [("规章", "25")]
    (finding,) = findings
    assert "被图片盖住" in finding.message
    assert "“1”" in finding.message


def test_text_under_a_clear_picture_or_over_one_is_read() -> None:
    # a picture with a soft mask that lets everything through
    items, findings = read(pictured(ONE_TWO_FIVE + OVER_THE_ONE, alpha=0))
    assert rows(items) == [("规章", "125")]
    assert findings == []
    # a picture painted first, under the text (a background or a seal under it)
    items, findings = read(pictured(OVER_THE_ONE + ONE_TWO_FIVE))
    assert rows(items) == [("规章", "125")]
    assert findings == []


SCAN = b"q 595 0 0 842 0 0 cm /Im0 Do Q\n"
"""A picture over the whole page: a scanned page's image."""
OCR_LAYER = (
    b"BT 3 Tr /F1 10 Tf 110 686 Td <89c47ae0> Tj ET\n"  # 规章, invisible
    b"BT 3 Tr /F2 10 Tf 210 686 Td (25) Tj ET\n"
)
"""The recognised text, drawn invisible over the image (ocrmypdf, Acrobat)."""


def test_the_ocr_text_layer_of_a_scanned_page_is_read_with_a_warning() -> None:
    # the page's tables are in the picture: the text is read as lines
    items, findings = read(pictured(SCAN + OCR_LAYER))
    assert [item.cells for item in items] == [("规章", "25")]
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert "OCR 文字层" in finding.message
    assert "（4 个字）" in finding.message


def test_invisible_text_on_a_small_picture_is_still_hidden() -> None:
    # a digit drawn invisible on a logo beside a figure is no OCR layer
    logo = b"q 8 0 0 14 201 682 cm /Im0 Do Q\n"
    hidden = b"BT 3 Tr /F2 10 Tf 203 686 Td (1) Tj ET\n"
    items, findings = read(pictured(PRINTED + logo + hidden))
    assert rows(items) == [("规章", "25")]
    (finding,) = findings
    assert "不可见的文字" in finding.message


def scanned(data: bytes) -> bytes:
    """``data`` as ocrmypdf makes a scan of it: a page image, the text invisible over it.

    Every text object is drawn in render mode 3, the ruling lines (paths) are
    gone (a scan has them in its pixels), and a picture covers the page.
    """
    import io

    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(data)
    for page in doc:
        width, height = page.get_size()
        for obj in list(page.get_objects(max_depth=1)):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                pdfium_c.FPDFTextObj_SetTextRenderMode(obj.raw, 3)
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                page.remove_obj(obj)
        image = pdfium.PdfImage.new(doc)
        image.set_bitmap(pdfium.PdfBitmap.new_native(1, 1, pdfium_c.FPDFBitmap_Gray))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)  # (the page owns it from now on)
        page.gen_content()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_ocr_scan_of_the_hongze_report_reads_no_figure_wrong() -> None:
    data = (
        Path(__file__).parent / "data" / "samples" / "hongze-district-2024.pdf"
    ).read_bytes()
    printed = read_pdf(data)
    scan = read_pdf(scanned(data))
    differ = [cell for cell in printed if scan[cell] != printed[cell]]
    # the tables read from the text's places alone (no rulings): most figures
    assert len(differ) < len(list(printed)) // 4
    # and every figure not read as printed is reported, never another figure
    assert all(isinstance(scan[cell], Mark) for cell in differ)
    ocr = [f for f in scan.reading_findings if "OCR 文字层" in f.message]
    assert len(ocr) == 5  # one for each page


def with_resources(content: bytes, resources: bytes, objects: list[bytes]) -> bytes:
    """One page drawn by ``content``; ``resources`` added, ``objects`` numbered from 9."""
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << " + _FONTS[0] + b" " + resources + b" >> >>",
            _stream(content),
            *_FONTS[1],
            *objects,
        ]
    )


@pytest.mark.parametrize(
    "cover",
    [
        # a white box with rounded corners (curves), as WPS draws a shape
        b"1 1 1 rg 201 682 m 209 682 l 209 696 l 201 696 l"
        b" 200 689 200 689 201 682 c f 0 g\n",
        # a white polygon of five corners
        b"1 1 1 rg 200 680 m 212 680 l 212 698 l 200 698 l 199 689 l h f 0 g\n",
        # a white shading clipped to the digit's place
        b"q 200 680 9 18 re W n /Sh0 sh Q\n",
    ],
    ids=["rounded-box", "polygon", "shading"],
)
def test_a_digit_under_a_white_shape_is_not_read(cover: bytes) -> None:
    shading = (
        b"<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0]"
        b" /Extend [true true]"
        b" /Function << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 1 1] /N 1 >> >>"
    )
    data = with_resources(ONE_TWO_FIVE + cover, b"/Shading << /Sh0 9 0 R >>", [shading])
    items, findings = read(data)
    assert rows(items) == [("规章", "25")]
    (finding,) = findings
    assert "“1”" in finding.message


def test_text_masked_away_is_not_read_text_half_transparent_is() -> None:
    black = _stream(
        b"0 g 0 0 595 842 re f",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
        b" /Group << /S /Transparency /CS /DeviceGray >> ",
    )
    states = (
        b"/ExtGState << /Masked << /SMask << /Type /Mask /S /Luminosity /G 9 0 R >> >>"
        b" /Half << /ca 0.5 >> /Darker << /BM /Multiply >> >>"
    )
    for state, expected in ((b"Masked", "25"), (b"Half", "125"), (b"Darker", "125")):
        one = b"q /%s gs " % state + latin("1", 203, 686) + b"Q\n"
        page = TABLE + cjk("规章", 110, 686) + one + latin("25", 210, 686)
        items, findings = read(with_resources(page, states, [black]))
        assert rows(items) == [("规章", expected)], state
        assert len(findings) == (expected == "25"), state
