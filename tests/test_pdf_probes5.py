"""Fifth round of hostile PDFs: tables printed without rulings, 4-up sheets, squeezed text.

Table 3 of a Word file whose borders were turned off, exported to PDF by
LibreOffice, once lost the figures of three rows: its merged label cell
``三、本年度办理结果``, set one glyph a line and vertically centred, prints
its glyphs between the rows of figures, and a glyph a little above a row
(``理`` over ``2.重复申请``) split that row into a label with no figures and
figures with no label. A label glyph beside a row of figures is now read on
that row (`_pdf_baselines`). Where the table stands lower on its page, a
glyph of that label fell on the line of a row's label (``结 （三）不 4.保护
第三方合法权益``), or the page break cut the label (``三、本年度办理`` on one
page, ``结果`` on the next): three rows more were lost. The label set one
glyph a line is now read as one line of its own (`_pdf_upright`). With the
cells aligned to the top or the bottom, a line of a group cell stood before
a row's label (``（六）其 1.申请人无正当理由逾期不补正、``): it is now a line
of its own too.

Four pages printed on one sheet (a printer driver's "4 pages per sheet",
``FPDF_ImportNPagesToOne`` 2×2) were read as one page, the lines of the two
pages of a row joined (190 of 200 figures missing), or, on a landscape sheet,
cut down the middle only and read top left, bottom left, top right, bottom
right (a table running on to the next page joined to the wrong one). The
sheet is now read page by page in reading order (`_pdf_sheets`).

Figures squeezed to 40% of their width to fit narrow cells (a web page's
``transform: scaleX(.4)``, printed by Chromium as text in a form with a text
matrix that squeezes it) lost every ``0``: the text of a form is looked at by
rendering it, and at 2 pixels a point without smoothing the strokes of a
squeezed ``0`` (thinner than a pixel) drew nothing, so a ``0`` a person reads
was taken as covered and its cell read blank. A narrow glyph not seen is now
looked at again at a scale that makes it 24 pixels wide (`_pdf_engine`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from tests.helpers import n_up, run_chromium

import govinfo_report as gr
from govinfo_report._readers._pdf import pdf_content

pytest.importorskip("pypdfium2")


def _soffice_pdf(source: Path) -> Path:
    """``source`` converted to PDF by LibreOffice (skipped when it is missing)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = source.parent / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(source.parent),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    return source.with_suffix(".pdf")


def _without_borders(path: Path, lower: int = 0, align: str = "") -> None:
    """Every table of the Word file at ``path`` with its borders turned off.

    With ``lower``, that many empty paragraphs before table 3's heading; with
    ``align`` (``top``, ``bottom``), every cell's text so aligned.
    """
    document = docx.Document(str(path))
    for cell in document.element.body.iter(qn("w:tc")) if align else ():
        properties = cell.get_or_add_tcPr()
        for old in properties.findall(qn("w:vAlign")):
            properties.remove(old)
        aligned = OxmlElement("w:vAlign")
        aligned.set(qn("w:val"), align)
        properties.append(aligned)
    requests = max(document.tables, key=lambda table: len(table.rows))._tbl
    heading = requests.getprevious()
    while heading.tag != qn("w:p"):
        heading = heading.getprevious()
    for _ in range(lower):
        heading.addprevious(OxmlElement("w:p"))
    for table in document.tables:
        properties = table._tbl.tblPr
        for borders in properties.findall(qn("w:tblBorders")):
            properties.remove(borders)
        for borders in list(table._tbl.iter(qn("w:tcBorders"))):
            borders.getparent().remove(borders)
        none = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            none.append(edge)
        properties.append(none)
    document.save(str(path))


# the rows once lost, each column a different figure (a column read into its
# neighbour would show)
_NOT_PROCESSED = {
    f"requests.not_processed.{row}.{column}": base + step
    for row, base in (
        ("petition_or_complaint", 10),
        ("duplicate", 20),
        ("publication", 30),
    )
    for step, column in enumerate(
        (
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_organization",
            "legal_service_agency",
            "other_organization",
        )
    )
}


@pytest.mark.parametrize("align", ["top", "bottom"])
def test_table_3_without_borders_aligned_top_or_bottom_is_read(
    tmp_path: Path, align: str
) -> None:
    # a group cell's line beside a row's label: ``（六）其 1.申请人…  1 0 …``
    source = tmp_path / "report.docx"
    gr.write_docx(gr.example_report(), source)
    _without_borders(source, align=align)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    assert got["requests.other.no_correction.total"] == 1
    assert got == dict(gr.example_report().cells())


def _with_rows_lost() -> gr.Report:
    """The example report, its three once-lost rows each column a different figure."""
    example = gr.example_report()
    cells = dict(example.cells())
    changes: dict[str, object] = dict(_NOT_PROCESSED)
    for key, value in _NOT_PROCESSED.items():
        # more requests processed: as many more received (the balance holds)
        received = "requests.received." + key.rsplit(".", 1)[1]
        old = changes.get(received, cells[received])
        assert isinstance(old, int)
        changes[received] = old + value - int(cells[key])  # type: ignore[arg-type]
    return example.with_cells(changes)


def test_table_3_without_borders_is_read_row_by_row(tmp_path: Path) -> None:
    report = _with_rows_lost()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    want = dict(report.cells())
    assert got["requests.not_processed.duplicate.research_institution"] == 22
    assert got["requests.not_processed.publication.total"] == sum(range(30, 36))
    # every figure of all three tables, exactly as printed
    assert got == want


@pytest.mark.parametrize("lower", [10, 20], ids=["lower", "across-pages"])
def test_table_3_without_borders_lower_on_its_page_is_read(
    tmp_path: Path, lower: int
) -> None:
    source = tmp_path / "report.docx"
    gr.write_docx(gr.example_report(), source)
    _without_borders(source, lower)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    assert got["requests.partially_granted.total"] == 6
    assert got == dict(gr.example_report().cells())


# ------------------------------------------------ four pages on one sheet (4-up)


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    source = tmp_path_factory.mktemp("probes5") / "report.docx"
    gr.write_docx(gr.example_report(), source)
    return _soffice_pdf(source).read_bytes()


def test_four_pages_of_tables_without_borders_on_a_landscape_sheet_are_read(
    tmp_path: Path,
) -> None:
    # shrunk to a third, a page dense with the rows of table 3 has a line
    # within a point of nearly every height of the page beside it; its text
    # at a third of its size is laid out twice as large, as printed alone
    source = tmp_path / "report.docx"
    gr.write_docx(gr.example_report(), source)
    _without_borders(source)
    four_up = n_up(_soffice_pdf(source).read_bytes(), 842, 595, 2, 2)
    report = gr.read_pdf(four_up)
    assert dict(report.cells()) == dict(gr.example_report().cells())


def _in_order(data: bytes) -> list[str]:
    """The PDF's rows and lines in reading order, their letters and digits only.

    (A sheet's scale moves the gaps that read as spaces; PDFium drops a
    ``、`` or two of a page shrunk onto a quarter of a landscape sheet.)
    """
    return [
        "".join(c for c in "|".join(item.cells) if c.isalnum())
        for item in pdf_content(data)[0]
    ]


@pytest.mark.parametrize(
    "sheet", [(595, 842), (842, 595)], ids=["a4-portrait", "a4-landscape"]
)
def test_four_pages_on_one_sheet_are_read_in_reading_order(
    example_pdf: bytes, sheet: tuple[float, float]
) -> None:
    four_up = n_up(example_pdf, *sheet, 2, 2)
    report = gr.read_pdf(four_up)
    assert dict(report.cells()) == dict(gr.example_report().cells())
    # every row and line where it stands in the document: page 1, 2, 3, 4
    assert _in_order(four_up) == _in_order(example_pdf)


def _quarter(
    left: float, top: float, rows: int = 16, pitch: float = 20
) -> list[list[object]]:
    """A page's lines: ``rows`` lines of text, from ``left``, ``top`` down."""
    return [
        ["规", left, top + k * pitch, left + 200, top + k * pitch + 10]
        for k in range(rows)
    ]


def _page(
    chars: list[list[object]], size: tuple[float, float] = (595.0, 842.0)
) -> dict[str, object]:
    return {
        "size": list(size),
        "chars": chars,
        "turned": [],
        "hidden": [],
        "h": [],
        "v": [],
        "drawings": [],
        "unshown": [],
    }


def test_a_last_sheet_of_two_or_three_pages_is_read_in_order() -> None:
    from govinfo_report._readers._pdf_sheets import parts

    top_left, top_right = _quarter(30, 60), _quarter(327, 63, 14, 22)
    bottom_left = _quarter(30, 481)
    three = parts(_page([*bottom_left, *top_right, *top_left]))
    assert [place for _page, place in three] == ["左上", "右上", "左下"]
    assert [len(part["chars"]) for part, _place in three] == [16, 14, 16]
    two = parts(_page([*top_right, *top_left]))
    assert [place for _page, place in two] == ["左上", "右上"]


def test_a_page_like_a_sheet_of_four_but_not_one_is_one_page() -> None:
    from govinfo_report._readers._pdf_sheets import parts

    # lines of the left and right at the same heights (a table aligned by
    # spaces, a two-column page): one page
    same = _page(
        [*_quarter(30, 60), *_quarter(327, 60), *_quarter(30, 481), *_quarter(327, 481)]
    )
    assert [place for _page, place in parts(same)] == [""]
    # the top right empty, the bottom left not: no sheet filled in order
    gap = _page([*_quarter(30, 60), *_quarter(30, 481), *_quarter(327, 483, 14, 22)])
    assert [place for _page, place in parts(gap)] == [""]


# --------------------------------------------- figures squeezed to fit a cell


def test_figures_squeezed_to_forty_percent_are_read(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    gr.write_html(gr.example_report(), page)
    html = re.sub(
        r'(<td class="figure"[^>]*>)([^<]*)',
        r'\1<span class="squeezed">\2</span>',
        page.read_text(encoding="utf-8"),
    )
    squeeze = (
        ".squeezed{display:inline-block;transform:scaleX(.4);transform-origin:left}"
    )
    page.write_text(
        html.replace("</head>", f"<style>{squeeze}</style></head>"), encoding="utf-8"
    )
    pdf = tmp_path / "report.pdf"
    run_chromium(
        tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()
    )
    report = gr.read_pdf(pdf)
    got = dict(report.cells())
    # (57 of the 0s were read blank, each with a warning that it was covered)
    assert got["requests.received.social_organization"] == 0
    assert got == dict(gr.example_report().cells())
    assert report.reading_findings == ()


# ------------------------------------ Kangxi radicals for the ideographs drawn


def test_kangxi_radicals_in_the_text_layer_read_as_the_ideographs_drawn() -> None:
    from test_pdf_traps import TABLE, cjk, latin, pdf, read, rows

    # ``⾏政许可`` written with the Kangxi radical ⾏ (U+2F8F): the font draws
    # 行, the text layer says ⾏, a label the format does not know
    items, findings = read(
        pdf(TABLE + cjk("⾏政许可", 110, 686) + latin("27", 210, 686))
    )
    assert rows(items) == [("行政许可", "27")]
    assert findings == []


def test_a_table_squeezed_whole_by_a_web_page_is_read(tmp_path: Path) -> None:
    # the whole table scaled to 40% (Chromium prints it as a form; its font
    # maps 人 to the radical ⼈): 122 figures were lost, the columns 自然人 and
    # the headings ⼀、总体情况 not known
    page = tmp_path / "report.html"
    gr.write_html(gr.example_report(), page)
    squeeze = "table{transform:scaleX(.4);transform-origin:left}"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</head>", f"<style>{squeeze}</style></head>"
        ),
        encoding="utf-8",
    )
    pdf = tmp_path / "report.pdf"
    run_chromium(
        tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()
    )
    report = gr.read_pdf(pdf)
    assert dict(report.cells()) == dict(gr.example_report().cells())
    assert report.reading_findings == ()


def test_a_page_of_thousands_of_lone_glyphs_and_figure_rows_is_laid_out() -> None:
    from govinfo_report._readers._pdf_baselines import on_figure_rows
    from helpers import outcome

    # lone glyphs of the label down a column, beside rows of figures, all
    # overlapping: a hostile page; looked at in bounded time, figures kept
    lines: list[list[object]] = []
    for k in range(3000):
        top = k * 40.0
        lines.append([("结", 10.0, top, 19.0, top + 9.0)])
        lines.append(
            [
                (str(k % 10), 100.0 + 30 * n, top + 1, 105.0 + 30 * n, top + 9.0)
                for n in range(3)
            ]
        )
        lines.append([("果", 10.0, top + 10, 19.0, top + 19.0)])
    result = outcome(lambda: on_figure_rows(lines))  # type: ignore[arg-type]
    assert isinstance(result, list)
    figures = sorted(c for line in result for c in line if str(c[0]).isdigit())
    assert len(figures) == 3000 * 3
    # no glyph lost or doubled; the first pair read as one line
    assert sum(len(line) for line in result) == 3000 * 5
    assert "".join(str(c[0]) for c in result[0]) == "结果"
