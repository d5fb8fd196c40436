"""read_text() probed a fifth time: text as hands, crawlers and pdftotext leave it.

Each test builds one variant of the example report: a CSV typed or fixed with
a Chinese input method (cells separated by ``；`` or ``，``); a crawler dump
with a bare page number run into a row's digits. Every figure
read must be the figure printed, or a finding must name the cell; a document
whose figures can be read must not be refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_report import MISSING, FindingKind, Report, example_report, read, read_text
from test_text_probes import _dump, _replace, _wrong
from test_text_probes4 import _csv


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.mark.parametrize("delimiter", ["；", "，"])
@pytest.mark.parametrize(
    "form",
    [{}, {"quote_all": True}, {"thousands": True}, {"formulas": True, "bom": True}],
)
def test_a_csv_with_full_width_separators_reads_back(
    example: Report, delimiter: str, form: dict[str, bool]
) -> None:
    """``规章；0；0；0`` (a CSV whose separators a Chinese input method typed)
    was no row: all 200 cells missing; quoted, the text was refused as no
    report at all."""
    report = read_text(_csv(example, delimiter=delimiter, **form))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.overview == example.overview


def test_a_full_width_comma_csv_with_the_long_label_unquoted(example: Report) -> None:
    """Typed by hand, ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）`` is not
    quoted: its commas are the label's, the figures after it are its row's."""
    text = _csv(example, delimiter="，").replace(
        '"（二）部分公开（区分处理的，只计这一情形，不计其他情形）"',
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    )
    assert '"（二）' not in text
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_full_width_semicolon_csv_file_is_read(
    example: Report, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(_csv(example, delimiter="；").encode("gb18030"))
    report = read(path)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_prose_with_full_width_semicolons_is_no_csv(example: Report) -> None:
    """Prose ending ``；57`` stays prose: only rows of the format's labels
    then figures are cut at ``；``."""
    from test_read_text import render

    text = render(example, "tabs").replace(
        "一、总体情况", "一、总体情况\n全年收到申请；57\n办结；58\n结转；0\n", 1
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())


# ------------------------------------------------ a bare page number in a dump's run


def _row(label: str) -> list[str]:
    from govinfo_report import format_spec

    spec = format_spec().requests
    (row,) = [r for r in spec.rows if label.endswith(r.label)]
    return [f"requests.{row.id}.{c.id}" for c in row.columns]


def _missing(report: Report, example: Report) -> set[str]:
    return {c for c in example.cells() if report[c] is MISSING}


@pytest.mark.parametrize("page", ["3", "12", " 3 "])
@pytest.mark.parametrize(
    ("label", "digits"),
    [
        ("一、本年新收政府信息公开申请数量", "467102157"),
        ("4.保护第三方合法权益", "2100003"),
        ("1.属于国家秘密", "0000000"),
        ("1.本机关不掌握相关政府信息", "91000111"),
        ("三、本年度办理结果（七）总计", "477102158"),
    ],
)
def test_a_bare_page_number_after_a_dumps_row_costs_that_row_only(
    example: Report, page: str, label: str, digits: str
) -> None:
    """``…2100003`` + ``3`` (the PDF's page number, where the page broke) +
    the next label: the row cut no way, so the column sums through it
    settled nothing and a neighbour (``（一）予以公开``, 7 cells) was lost too.
    The row stays reported; its neighbours are read."""
    text = _dump(example)
    alone = read_text(text)
    report = read_text(_replace(text, label + digits, label + digits + page))
    assert _wrong(report, dict(example.cells())) == []
    assert _missing(report, example) == _missing(alone, example) | set(_row(label))


@pytest.mark.parametrize(
    "label",
    ["1.属于国家秘密", "3.危及“三安全一稳定”", "（六）其他处理3.其他"],
)
def test_a_bare_page_number_before_a_row_of_zeros_is_no_figure(
    example: Report, label: str
) -> None:
    """``1.属于国家秘密`` + ``3`` + ``0000000`` cuts one way only (30, 0, 0, 0,
    0, 0, 0) and was read so, with no finding, though R3 fails and the
    digits without the page number fit it: a wrong figure. The row is now
    ambiguous, both readings listed; the rows beside it are read."""
    text = _dump(example)
    alone = read_text(text)
    run = label + "0000000"
    report = read_text(_replace(text, run, label + "30000000"))
    cells = _row(label)
    assert report[cells[0]] is MISSING
    assert _wrong(report, dict(example.cells())) == []
    assert _missing(report, example) == _missing(alone, example) | set(cells)
    (finding,) = [f for f in report.reading_findings if f.cells == tuple(cells)]
    assert finding.kind is FindingKind.AMBIGUOUS_CELLS
    assert "30/0/0/0/0/0/0" in finding.message
    assert "0/0/0/0/0/0/0" in finding.message


def test_a_row_whose_one_cut_breaks_r3_with_no_page_reading_is_read(
    example: Report,
) -> None:
    """The agency's own broken sum stays as printed: ``1000000`` (1, 0 … 0,
    total 0) has no reading without a page number that keeps R3."""
    text = _replace(_dump(example), "1.属于国家秘密0000000", "1.属于国家秘密1000000")
    report = read_text(text)
    cells = _row("1.属于国家秘密")
    assert [report[c] for c in cells] == [1, 0, 0, 0, 0, 0, 0]


# ------------------------------------------------ plain pdftotext: labels apart

_PLAIN = Path(__file__).parent / "data" / "example.pdftotext-plain.txt"
"""``pdftotext`` 22.12 (no ``-layout``) of the PDF LibreOffice makes of
``write_docx(example_report())``: the labels of 13 rows of table 3 stand
apart from their figures."""


def test_plain_pdftotext_of_our_pdf_reads_every_figure(example: Report) -> None:
    """``7.属于行政执法案卷`` then 63 figures (nine rows'), the other eight
    labels after the table's last figure: 13 rows (91 cells) were missing
    or refused. The order is proven by the labels before each run and the
    cross-checks: every figure is read, the rows read by place named."""
    report = read_text(_PLAIN.read_text("utf-8"))
    assert dict(report.cells()) == dict(example.cells())
    (placed,) = [f for f in report.reading_findings if f.cells]
    assert placed.kind is FindingKind.AMBIGUOUS
    assert len(placed.cells) == 13 * 7
    assert "requests.withheld.internal_affairs.total" in placed.cells
    assert "requests.received.total" not in placed.cells


def _table3_apart(
    example: Report, order: str, change: dict[int, int] | None = None
) -> str:
    """The example as text, table 3's labels one a line, then its figures one
    a line (``order``: ``rows``, row by row; ``columns``, column by column)."""
    from test_read_text import render

    lines = render(example, "tabs").split("\n")
    spec = example.requests.spec
    begin = lines.index(example.spec.sections[2].heading)
    end = lines.index(example.spec.sections[3].heading)
    header = [line for line in lines[begin + 1 : end] if not line[-1:].isdigit()]
    table = [[example[f"requests.{r.id}.{c.id}"] for c in r.columns] for r in spec.rows]
    if order == "rows":
        figures = [f for row in table for f in row]
    else:
        figures = [row[c] for c in range(7) for row in table]
    for at, value in (change or {}).items():
        figures[at] = value
    body = [r.label for r in spec.rows] + [str(f) for f in figures]
    return "\n".join([*lines[: begin + 1], *header, *body, *lines[end:]])


@pytest.mark.parametrize("order", ["rows", "columns"])
def test_all_labels_then_all_figures_read_in_the_one_order_that_holds(
    example: Report, order: str
) -> None:
    """Every label, then 175 figures (row by row, or column by column): only
    one order keeps R1–R3, and it is read; both were 25 rows missing."""
    report = read_text(_table3_apart(example, order))
    assert dict(report.cells()) == dict(example.cells())
    (placed,) = [f for f in report.reading_findings if f.cells]
    assert len(placed.cells) == 25 * 7


@pytest.mark.parametrize("order", ["rows", "columns"])
def test_labels_apart_with_a_sum_that_fails_are_not_read_by_place(
    example: Report, order: str
) -> None:
    """A figure the checks do not confirm (a broken sum): no order is proven,
    the rows stay reported, never read by their place."""
    report = read_text(_table3_apart(example, order, {0: 47}))
    assert _wrong(report, dict(example.cells())) == []
    assert report["requests.received.natural_person"] is MISSING


def test_row_blocks_out_of_the_formats_order_are_not_read_by_place(
    example: Report,
) -> None:
    """Two labels with their figures in another order than the format's
    (``2.其他法律行政法规禁止公开`` before ``1.属于国家秘密``): the labels
    before the runs do not follow the format, so no row is read by its place
    (each row is read by its own label, as before)."""
    text = _PLAIN.read_text("utf-8")
    lines = text.split("\n")
    one = lines.index("1.属于国家秘密")
    two = lines.index("2.其他法律行政法规禁止公开")
    three = lines.index("3.危及“三安全一稳定”")
    lines[one:three] = lines[two:three] + lines[one:two]
    report = read_text("\n".join(lines))
    assert _wrong(report, dict(example.cells())) == []
    assert not [f for f in report.reading_findings if "分开印出" in f.message]


def test_a_row_whose_label_is_not_printed_is_not_read_by_place(
    example: Report,
) -> None:
    """The figures count for nine rows after ``7.属于行政执法案卷``, but one of
    those rows' labels (``8.属于行政查询事项``) is nowhere in the table: the
    counts do not match the labels, and nothing is read by place."""
    text = _replace(_PLAIN.read_text("utf-8"), "8.属于行政查询事项\n", "")
    report = read_text(text)
    assert _wrong(report, dict(example.cells())) == []
    assert not [f for f in report.reading_findings if "分开印出" in f.message]
    assert report["requests.withheld.administrative_query.total"] is MISSING


# ------------------------------------------------ figures in cells too narrow

_NARROW = Path(__file__).parent / "data"
"""``example.narrow-columns.pdftotext-*.txt``: pdftotext 22.12 of the PDF
Chromium prints of ``write_html(example_report())`` with table 3's figure
columns a digit wide (``table-layout: fixed``, ``word-break: break-all``)."""


def test_a_figure_wrapped_under_its_row_in_a_narrow_column_is_not_dropped(
    example: Report,
) -> None:
    """``三（一）予以公  18 4 1 0 1 0 2`` over ``、开   4`` (24 wrapped in its
    cell, pdftotext -layout): the ``4`` was dropped with no word and the row
    read with a total of 2. The row is now reported as in doubt."""
    text = (_NARROW / "example.narrow-columns.pdftotext-layout.txt").read_text("utf-8")
    report = read_text(text)
    assert _wrong(report, dict(example.cells())) == []
    assert report["requests.granted.total"] is MISSING
    (finding,) = [
        f for f in report.reading_findings if "requests.granted.total" in f.cells
    ]
    assert finding.kind is FindingKind.AMBIGUOUS
    assert "（4）" in finding.message


def test_a_rows_figures_run_together_above_its_label_make_it_doubtful(
    example: Report,
) -> None:
    """``1.信访举报  2 0 0 0 0 0 2`` / ``投诉类申请`` / ``1000001`` (the next
    row's figures, above its label, run together in cells too narrow for a
    space) / ``（ 2.重复申请`` / ``五 3.要求提供`` / ``0000000``: the surplus
    run was dropped from the row above, and ``2.重复申请`` read the next row's
    ``0000000`` as 0 … 0. It is now reported as in doubt."""
    text = (_NARROW / "example.narrow-columns.pdftotext-plain.txt").read_text("utf-8")
    report = read_text(text)
    assert _wrong(report, dict(example.cells())) == []
    assert report["requests.not_processed.duplicate.total"] is MISSING
    assert any(
        "requests.not_processed.duplicate.total" in f.cells and "1000001" in f.message
        for f in report.reading_findings
    )


_TABLE4_PRINTED = (68006, 4168, 236, 156, 72566, 140, 221, 21170, 41897, 63428)
"""The first ten figures of table 4 in ``generated.narrow-table4.pdftotext-plain.txt``
(plain pdftotext of LibreOffice's PDF of a generated report's Word file,
whose table 4 columns are too narrow for five digits: ``6800`` / ``6``)."""


def test_a_table_4_row_printed_twice_is_not_read_from_the_second(
    example: Report,
) -> None:
    """Wrapped five-digit figures split table 4 into ``6800 4168 6 236 156
    7256 6`` (reported: 7 of 15 figures) and a later ``140 221 2117 4189
    6342 0 7 8 …`` (21170 and the rest, their last digits on the next
    lines): exactly 15 tokens, read as the row over the finding that called
    it missing (140 for 68006, …). A row reported missing that is printed
    again with other figures stays missing, both places named."""
    text = (_NARROW / "generated.narrow-table4.pdftotext-plain.txt").read_text("utf-8")
    report = read_text(text)
    cells = list(report.spec.appeals.cells)[: len(_TABLE4_PRINTED)]
    for cell, printed in zip(cells, _TABLE4_PRINTED, strict=True):
        assert report[cell.id] in (printed, MISSING), cell.id
    assert report["appeals.review.upheld"] is MISSING
    assert any(
        "本行重复出现" in f.message and "appeals.review.upheld" in f.cells
        for f in report.reading_findings
    )


def test_plain_pdftotext_of_a_2019_report_with_labels_broken_by_group_cells() -> None:
    """A generated 2019 report (``generated-2019.report.json``) through our
    Word writer, LibreOffice and plain pdftotext: six labels before 42
    figures, ``（二）部分公开（区分处理的，只计这一情`` / ``本`` / ``形，…）`` (the
    ``本`` of ``三、本年度办理结果`` printed downwards between the label's
    lines): 105 cells of table 3 were missing. Table 3 is read whole now."""
    from govinfo_report import from_json

    data = Path(__file__).parent / "data"
    expected = from_json((data / "generated-2019.report.json").read_text("utf-8"))
    report = read_text((data / "generated-2019.pdftotext-plain.txt").read_text("utf-8"))
    assert _wrong(report, dict(expected.cells())) == []
    requests = {c: v for c, v in expected.cells().items() if c.startswith("requests.")}
    assert {c: report[c] for c in requests} == requests
