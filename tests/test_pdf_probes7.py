"""Seventh round of hostile PDFs: tables printed without rulings, continued.

A row whose cells are all left blank, in a Word table whose borders were
turned off and exported to PDF by LibreOffice, prints its label alone: the
row was reported missing though a person sees it empty under columns the
other rows place. It is now a row of blanks where nothing else could be its
figures (`_pdf_blanks`).

With the label column narrow, every label of table 3 wraps, its figures
centred between its lines. A row short of figures lost them where the group
cell's first line stood on their line (``（三）不  2  1     0  0  0  3``: no
row's label, so not a line of figures alone), and where the row stood at the
head of a page, above any row with a label (``4.无正当理由`` over
``0     0  0  0  0  0``, ``大量反复申请`` under it). The group's piece is now
a line of its own (`_pdf_upright`), and a line of figures alone is placed
by the table whose row's label its neighbours are.

Table 3 running on to the next page with no header repeated there (Word
repeats one only when told to) and only rows short of figures there
(``（七）总计`` and ``四、结转下年度继续办理``, a cell of each blank) lost
those rows: no row of that page places the columns, no header does. They
are now placed by the columns of the page before, where that page is of the
same size and each row's label starts where one of its rows' did
(`_pdf_blanks.Carried`).

A ruled table 3 whose header row repeats on each page (``w:tblHeader``) and
whose rows may break across pages (no ``w:cantSplit``, Word's default): a
wrapped label's last line, ``申请``, went on to the next page under the
repeated header, alone in a row of empty figure cells, and the row on the
page before (its figures and the label's first lines) was reported missing
(``1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开`` is no
label). That rest is now joined to the row (`_pdf_seam.label_rest`).

A figure drawn as outlines (or pasted as a picture) in a blank column of a
table without rulings was read as a blank: the text has no figure there,
but a person sees one. The cell is now ``〓`` (not read, a finding), and a
row whose label stands alone beside such shapes is no row of blanks; so in
table 4 read by its header's columns (`_pdf_unruled`).

A figure set in a font of its own size: in a table without rulings, at 7 pt
in a row of 10.5 pt aligned to the top, it stood on a line of its own just
below its row, placed as a line of figures alone, and the matcher shifted
the row's figures into it (``2.重复申请  1 0 _ 0 0 0 1`` then ``0``: 其他
read 1, 总计 0, with no finding). It is now put into the row beside it
(`_pdf_blanks`). In a ruled table whose rows are of fixed height, a figure
at 24 pt runs out over the rows beside it: not read (a glyph taller than its
cell, as a watermark), the cell was read blank; a cell holding nothing but
such a figure is now ``〓`` (`_pdf_layout`).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

import govinfo_report as gr
from govinfo_report._values import Mark
from helpers import assert_blank_else_as_written
from test_pdf_probes5 import _soffice_pdf, _without_borders
from test_pdf_probes6 import _blanked, _row

pytest.importorskip("pypdfium2")


def test_rows_left_all_blank_in_tables_without_borders_are_read_blank(
    tmp_path: Path,
) -> None:
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    # 规章 (table 2), 1.属于国家秘密 and the last row, 四、结转下年度继续办理
    # (table 3): every figure cell left empty
    rows = [(0, 2, range(1, 4)), (1, 7, range(3, 10)), (1, 27, range(3, 10))]
    _blanked(source, [(t, r, c) for t, r, columns in rows for c in columns])
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    blanks = {
        key
        for key in got
        if key.startswith(
            (
                "active.rules.",
                "requests.withheld.state_secret.",
                "requests.carried_forward.",
            )
        )
    }
    assert len(blanks) == 3 + 7 + 7
    assert got["requests.withheld.prohibited_by_law.natural_person"] == 1
    assert_blank_else_as_written(got, dict(report.cells()), blanks)


_COLUMNS = [200.0 + 40 * k for k in range(7)]


def _table_lines(middle: list[object]) -> list[list[object]]:
    """Rows of table 3 round the line ``middle``: full rows above and below."""
    return [
        _row("2.其他法律行政法规禁止公开", [("1", x) for x in _COLUMNS], 100),
        middle,
        _row("4.保护第三方合法权益", [("2", x) for x in _COLUMNS], 140),
    ]


def test_a_label_alone_is_a_row_of_blanks_only_where_nothing_else_is_its_figures() -> (
    None
):
    from govinfo_report._readers._pdf_blanks import by_columns

    alone = _row("3.危及“三安全一稳定”", [], 120)
    found = by_columns(_table_lines(alone))  # type: ignore[arg-type]
    assert found[1][1] == [""] * 7
    # a picture or shape right of the label on its height (figures pasted
    # as a picture, or drawn as outlines): not blanks
    drawn = by_columns(_table_lines(alone), [[_COLUMNS[2], 121, _COLUMNS[2] + 10, 129]])  # type: ignore[arg-type]
    assert 1 not in drawn
    # a line of figures alone right below (figures beside a taller label)
    lines = _table_lines(alone)
    lines.insert(2, _row("", [("0", x) for x in _COLUMNS[:6]], 130))
    assert 1 not in by_columns(lines)  # type: ignore[arg-type]
    # the first line of a wrapped label, or a label the format does not know
    for label in ("5.要求行政机关确认或重新出具已", "3.危及安全"):
        assert by_columns(_table_lines(_row(label, [], 120))) == {}  # type: ignore[arg-type]
    # away from its table's rows (a heading, a line of the narrative)
    far = [*_table_lines(_row("（一）予以公开", [("1", x) for x in _COLUMNS], 120))]
    far += [_row("正文", [], 160), alone]
    assert 4 not in by_columns(far)  # type: ignore[arg-type]


def _narrow_labels(path: Path, width: int) -> None:
    """Table 3 of the Word file at ``path`` with its label column ``width`` twips.

    The figure columns share what it gives up.
    """
    document = docx.Document(str(path))
    table = document.tables[1]._tbl
    grid = list(table.tblGrid.iter(qn("w:gridCol")))
    widths = [int(g.get(qn("w:w"))) for g in grid]
    share = (widths[2] - width) // (len(widths) - 3)
    widths = widths[:2] + [width] + [w + share for w in widths[3:]]
    for column, twips in zip(grid, widths, strict=True):
        column.set(qn("w:w"), str(twips))
    for row in table.iter(qn("w:tr")):
        at = 0
        for cell in row.iter(qn("w:tc")):
            properties = cell.get_or_add_tcPr()
            span = properties.find(qn("w:gridSpan"))
            count = 1 if span is None else int(span.get(qn("w:val")))
            own = properties.find(qn("w:tcW"))
            if own is not None:
                own.set(qn("w:w"), str(sum(widths[at : at + count])))
                own.set(qn("w:type"), "dxa")
            at += count
    document.save(str(path))


def test_short_rows_of_wrapped_labels_without_borders_are_read_in_place(
    tmp_path: Path,
) -> None:
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    _narrow_labels(source, 1200)
    # 4.保护第三方合法权益 (beside ``（三）不``), 4.无正当理由大量反复申请
    # (at the head of page 4), and others between wrapped lines
    emptied = [(1, 7, 4), (1, 8, 9), (1, 10, 5), (1, 15, 3), (1, 19, 6), (1, 21, 4)]
    _blanked(source, emptied)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    blanks = {
        "requests.withheld.state_secret.commercial_enterprise",
        "requests.withheld.prohibited_by_law.total",
        "requests.withheld.third_party_rights.research_institution",
        "requests.unavailable.not_held.natural_person",
        "requests.not_processed.duplicate.social_organization",
        "requests.not_processed.excessive.commercial_enterprise",
    }
    assert got["requests.withheld.third_party_rights.total"] == 3
    assert got["requests.not_processed.excessive.total"] == 0
    assert_blank_else_as_written(got, dict(report.cells()), blanks)


def _without_repeated_header(path: Path) -> None:
    """The Word file at ``path`` with no table row repeated on each page."""
    document = docx.Document(str(path))
    for mark in list(document.element.body.iter(qn("w:tblHeader"))):
        mark.getparent().remove(mark)
    document.save(str(path))


def test_short_rows_of_table_3_continued_on_a_page_of_their_own_are_read(
    tmp_path: Path,
) -> None:
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    # table 3 lower on its page: its last two rows on the next, no header
    _without_borders(source, lower=7)
    _without_repeated_header(source)
    _blanked(source, [(1, 26, 5), (1, 27, 6)])
    data = _soffice_pdf(source)
    got = dict(gr.read_pdf(data).cells())
    blanks = {
        "requests.total.research_institution",
        "requests.carried_forward.social_organization",
    }
    assert got["requests.total.total"] == 58
    assert got["requests.carried_forward.total"] == 3
    assert_blank_else_as_written(got, dict(report.cells()), blanks)


def test_the_columns_of_the_page_before_place_only_rows_laid_out_as_its() -> None:
    from govinfo_report._readers._pdf_blanks import Carried, by_columns

    carried = Carried()
    page = [_row("2.其他法律行政法规禁止公开", [("1", x) for x in _COLUMNS], 100)]
    assert by_columns(page, (), carried, (595, 842)) == {}  # type: ignore[arg-type]
    short = [("1", x) for x in _COLUMNS[:3] + _COLUMNS[4:]]
    continued = [_row("（七）总计", short, 100)]
    found = by_columns(continued, (), carried, (595, 842))  # type: ignore[arg-type]
    assert found[0][1] == ["1", "1", "1", "", "1", "1", "1"]
    # the page before's columns are those of the page after it too
    assert by_columns(continued, (), carried, (595, 842)) == found  # type: ignore[arg-type]
    # another page size, or a label starting elsewhere (another layout,
    # the right half of a 2-up sheet): not the same table's columns
    assert by_columns(continued, (), carried, (842, 595)) == {}  # type: ignore[arg-type]
    carried = Carried()
    by_columns(page, (), carried, (595, 842))  # type: ignore[arg-type]
    # (six figures from the first column, moved by one: the last six)
    moved = [
        [(c, x0 + 40, top, x1 + 40, bottom) for c, x0, top, x1, bottom in line]
        for line in [_row("（七）总计", [("1", x) for x in _COLUMNS[:6]], 100)]
    ]
    assert by_columns(moved, (), carried, (595, 842)) == {}  # type: ignore[arg-type]


def _rows_may_break(path: Path, lower: int) -> None:
    """The Word file at ``path``: rows may break across pages, table 3 lower.

    ``lower`` empty paragraphs before table 3's heading.
    """
    document = docx.Document(str(path))
    for mark in list(document.element.body.iter(qn("w:cantSplit"))):
        mark.getparent().remove(mark)
    requests = document.tables[1]._tbl
    heading = requests.getprevious()
    while heading.tag != qn("w:p"):
        heading = heading.getprevious()
    for _ in range(lower):
        heading.addprevious(OxmlElement("w:p"))
    document.save(str(path))


def test_a_label_broken_across_pages_under_a_repeated_header_is_joined(
    tmp_path: Path,
) -> None:
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _rows_may_break(source, 8)
    data = _soffice_pdf(source)
    got = dict(gr.read_pdf(data).cells())
    assert got["requests.other.no_correction.natural_person"] == 1
    assert got["requests.other.no_correction.total"] == 1
    assert got == dict(report.cells())


def test_only_the_rest_of_a_label_is_joined_to_the_row_before() -> None:
    from govinfo_report._readers._pdf_seam import label_rest
    from govinfo_report._readers._split import Item, trusted_item

    def row(*cells: str) -> Item:
        return trusted_item(" ".join(cells), "", cells, is_table=True)

    figures = ("1", "0", "0", "0", "0", "0", "1")
    blank = ("",) * 7
    before = row(
        "",
        "（六）其",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开",
        *figures,
    )
    assert label_rest(before, row("", "他处理", "申请", *blank))
    # a row of its own, its figures left blank; text under a figure; a
    # label whole already
    whole = row(
        "",
        "",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        *blank,
    )
    assert not label_rest(before, whole)
    assert not label_rest(before, row("", "", "申请", "说明", *blank[1:]))
    done = row("", "", "3.其他", *figures)
    assert not label_rest(done, row("", "", "申请", *blank))


def _digits(page: object, label: str) -> tuple[float, list[float]]:
    """The top (from the page's top) of ``label``'s row, and its figures' lefts."""
    text = page.get_textpage()  # type: ignore[attr-defined]
    whole = text.get_text_range()
    start = whole.index(label)
    end = whole.index("\n", start)
    height = page.get_size()[1]  # type: ignore[attr-defined]
    box = text.get_charbox(start)
    lefts = [
        text.get_charbox(k)[0]
        for k in range(start + len(label), end)
        if whole[k].isdigit()
    ]
    return height - box[3], lefts


def _outlines(data: bytes, page: int, top: float, lefts: list[float]) -> bytes:
    """``data`` with a filled curved shape (a digit's outline) at each left, ``top`` down."""
    import io

    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(data)
    drawn = document[page]
    y = drawn.get_size()[1] - top - 8
    for x in lefts:
        path = raw.FPDFPageObj_CreateNewPath(x, y)
        raw.FPDFPath_BezierTo(path, x + 5, y, x + 5, y + 7, x + 2.5, y + 7)
        raw.FPDFPath_BezierTo(path, x, y + 7, x, y, x, y)
        raw.FPDFPath_Close(path)
        raw.FPDFPageObj_SetFillColor(path, 0, 0, 0, 255)
        raw.FPDFPath_SetDrawMode(path, raw.FPDF_FILLMODE_WINDING, 0)
        raw.FPDFPage_InsertObject(drawn.raw, path)
    raw.FPDFPage_GenerateContent(drawn.raw)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def test_figures_drawn_as_outlines_in_a_table_without_borders_are_not_blanks(
    tmp_path: Path,
) -> None:
    import pypdfium2 as pdfium

    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    # 1.属于国家秘密 printed as shapes only; one figure of the next row too
    _blanked(source, [*((1, 7, c) for c in range(3, 10)), (1, 8, 5)])
    data = _soffice_pdf(source).read_bytes()
    document = pdfium.PdfDocument(data)
    page = next(
        k
        for k in range(len(document))
        if "国家秘密" in document[k].get_textpage().get_text_range()
    )
    secret, _none = _digits(document[page], "1.属于国家秘密")
    law, lefts = _digits(document[page], "2.其他法律行政法规禁止公开")
    _top, columns = _digits(document[page], "3.危及“三安全一稳定”")
    document.close()
    assert len(lefts) == 6
    assert len(columns) == 7
    drawn = _outlines(data, page, secret, columns)
    drawn = _outlines(drawn, page, law, [columns[2]])
    read = gr.read_pdf(drawn)
    got = dict(read.cells())
    for key, value in got.items():
        if key.startswith("requests.withheld.state_secret."):
            assert value is Mark.MISSING, key
    assert (
        got["requests.withheld.prohibited_by_law.research_institution"] is Mark.MISSING
    )
    assert got["requests.withheld.prohibited_by_law.commercial_enterprise"] == 0
    assert got["requests.withheld.prohibited_by_law.total"] == 1
    assert any(
        "requests.withheld.prohibited_by_law.research_institution" in f.cells
        for f in read.reading_findings
    )
    # without the shapes: a row of blanks and a blank
    plain = dict(gr.read_pdf(data).cells())
    assert plain["requests.withheld.state_secret.total"] is Mark.BLANK
    assert (
        plain["requests.withheld.prohibited_by_law.research_institution"] is Mark.BLANK
    )


def _sized(path: Path, cells: list[tuple[int, int, int]], size: float) -> None:
    """The Word file at ``path`` with the cells' text set at ``size`` points."""
    document = docx.Document(str(path))
    for table, row, column in cells:
        for paragraph in document.tables[table].rows[row].cells[column].paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)
    document.save(str(path))


_SIZED = [(1, 8, 3), (1, 10, 9), (1, 19, 5), (0, 3, 2), (2, 3, 4)]


def test_a_figure_smaller_than_its_row_without_borders_is_read_on_its_row(
    tmp_path: Path,
) -> None:
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source, align="top")
    _sized(source, _SIZED, 7)
    got = dict(gr.read_pdf(_soffice_pdf(source)).cells())
    assert got["requests.not_processed.duplicate.research_institution"] == 0
    assert got["requests.not_processed.duplicate.other_organization"] == 0
    assert got["requests.not_processed.duplicate.total"] == 1
    assert got == dict(report.cells())


def test_a_figure_too_tall_for_its_ruled_row_is_not_read_blank(
    tmp_path: Path,
) -> None:
    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _sized(source, _SIZED, 24)
    read = gr.read_pdf(_soffice_pdf(source))
    got = dict(read.cells())
    overflowing = {
        "requests.withheld.prohibited_by_law.natural_person",
        "requests.withheld.third_party_rights.total",
        "requests.not_processed.duplicate.research_institution",
        "appeals.review.total",
    }
    for key in overflowing:
        assert got[key] is Mark.MISSING, key
        assert any(key in f.cells for f in read.reading_findings), key
    # the figures it runs over are read as printed
    assert {k: v for k, v in got.items() if k not in overflowing} == {
        k: v for k, v in dict(report.cells()).items() if k not in overflowing
    }


def test_a_figure_drawn_as_outlines_in_table_4_without_borders_is_not_a_blank(
    tmp_path: Path,
) -> None:
    import pypdfium2 as pdfium

    report = gr.example_report()
    source = tmp_path / "report.docx"
    gr.write_docx(report, source)
    _without_borders(source)
    _blanked(source, [(2, 3, 2)])  # 其他结果 of 行政复议
    data = _soffice_pdf(source).read_bytes()
    document = pdfium.PdfDocument(data)
    page = next(
        k
        for k in range(len(document))
        if "尚未" in document[k].get_textpage().get_text_range()
    )
    text = document[page].get_textpage()
    whole = text.get_text_range()
    height = document[page].get_size()[1]
    # table 4's one line of figures: 3 1 _ 1 6 …
    boxes = [text.get_charbox(k) for k in range(len(whole)) if whole[k].isdigit()]
    tops = [height - b[3] for b in boxes]
    row = max(set(tops), key=tops.count)
    lefts = sorted(b[0] for b, top in zip(boxes, tops, strict=True) if top == row)
    document.close()
    assert len(lefts) == 14
    blank = (lefts[1] + lefts[2]) / 2  # half way between 结果纠正 and 尚未审结
    drawn = _outlines(data, page, row - 1, [blank])
    read = gr.read_pdf(drawn)
    got = dict(read.cells())
    assert got["appeals.review.other"] is Mark.MISSING
    assert any("appeals.review.other" in f.cells for f in read.reading_findings)
    assert got["appeals.review.pending"] == 1
    assert dict(gr.read_pdf(data).cells())["appeals.review.other"] is Mark.BLANK
