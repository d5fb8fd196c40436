"""read_text() probed a third time: page footers in dumps, tools' text, excerpts.

Each test builds one variant of the example report as text reaches users or
crawlers keep it: a crawler dump with the PDF's page footers still in its
tables, ``pdftotext`` output with and without ``-layout``, Markdown and
tab-separated tables from converters, OCR's misread characters, excerpts.
Every figure read must be the figure printed, or a finding must name the
cell; a document whose figures can be read must not be refused.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import pytest

from govinfo_report import (
    MISSING,
    NOT_APPLICABLE,
    Report,
    example_report,
    read_text,
)
from helpers import DATA, SAMPLES
from test_read_text import render
from test_text_probes import _dump, _replace, _wrong


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


# ------------------------------------------------ page footers inside a dump

_FOOTERS = [
    "- 3 -",
    "-3-",
    "— 3 —",
    "第 3 页",
    "第3页/共8页",
    "第 3 页 共 8 页",
    "共8页 第3页",
    " 3 / 8 ",
]
_PLACES = [
    "规章000",  # between two rows
    "行政许可",  # between a label and its figure
    "一、本年新收政府信息公开申请数量4671",  # inside a row's run of digits
    "（三）不予公开1.属于国家秘密0000000",  # after a row of zeros
    "1.本机关不掌握",  # inside a label
    "31116101",  # inside table 4's run
]


_GLUED = ("-3-",)
"""Cut only where no digit follows (``0-3-0`` may be three cells)."""
_BEFORE_DIGITS = ("行政许可", "一、本年新收政府信息公开申请数量4671", "31116101")


@pytest.mark.parametrize(
    ("footer", "place"),
    [
        (f, p)
        for f in _FOOTERS
        for p in _PLACES
        if not (f in _GLUED and p in _BEFORE_DIGITS)
    ],
)
def test_a_page_footer_inside_a_dumps_table_is_cut_out(
    example: Report, footer: str, place: str
) -> None:
    """``规章000第3页/共8页行政规范性文件…`` read the rules row as 0, 3, 8 and
    ``规章000 3 / 8`` as 3, 不适用, 8 (no finding); ``- 3 -`` cost its row and,
    through the columns' cross-checks, rows around it (up to 14 cells)."""
    text = _dump(example)
    alone = read_text(text)
    at = text.index(place) + len(place)
    report = read_text(text[:at] + footer + text[at:])
    assert _wrong(report, dict(example.cells())) == []
    assert dict(report.cells()) == dict(alone.cells())
    assert len(report.reading_findings) == len(alone.reading_findings)


_RULES = [f"active.rules.{c}" for c in ("issued", "repealed", "in_force")]


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("规章-3-", (NOT_APPLICABLE, 3, NOT_APPLICABLE)),
        ("规章1/3", (1, NOT_APPLICABLE, 3)),
        ("规章1 / 3", (1, NOT_APPLICABLE, 3)),
        ("规章 - 3 - ", (NOT_APPLICABLE, 3, NOT_APPLICABLE)),
        ("规章0-3-0", (MISSING,) * 3),  # five figures and marks: reported
    ],
)
def test_marks_like_a_page_footer_in_a_dumps_row_stay_its_figures(
    example: Report, printed: str, read: tuple[object, ...]
) -> None:
    """A row's own marks that look like a footer (``规章1/3``) are not cut."""
    report = read_text(_replace(_dump(example), "规章000", printed))
    assert tuple(report[c] for c in _RULES) == read
    expected = dict(example.cells()) | dict(zip(_RULES, read, strict=True))
    assert _wrong(report, expected) == []


def test_a_page_footer_run_into_a_rows_digits_is_reported(example: Report) -> None:
    """``00000003/8``: where the page number starts cannot be told (page 3 or
    03?); the row is reported, never read as other figures."""
    text = _replace(_dump(example), "国家秘密0000000", "国家秘密00000003/8")
    report = read_text(text)
    assert _wrong(report, dict(example.cells())) == []
    assert report["requests.withheld.state_secret.total"] is MISSING
    assert any("00000003/8" in f.message for f in report.reading_findings)


# ------------------------------------------------ a space inside one cell's figure

_SPACED = [
    ("（一）予以公开", "24", "2 4", "requests.granted.total"),
    ("行政规范性文件", "23", "2 3", "active.normative_documents.in_force"),
    (
        "一、本年新收政府信息公开申请数量",
        "46",
        "4 6",
        "requests.received.natural_person",
    ),
    (
        "1.本机关不掌握相关政府信息",
        "11",
        "1\u20091",
        "requests.unavailable.not_held.total",
    ),
]
_SEPARATOR = {"rows": " | ", "markdown": " | ", "tabs": "\t", "layout": "    "}


@pytest.mark.parametrize(("label", "old", "new", "cell"), _SPACED)
@pytest.mark.parametrize("style", sorted(_SEPARATOR))
def test_a_space_inside_one_cells_figure_costs_that_cell_not_the_row(
    example: Report, label: str, old: str, new: str, cell: str, style: str
) -> None:
    """``| 18 | 4 | 1 | 0 | 1 | 0 | 2 4 |``: the cells are delimited, only the
    last is in doubt (24, or two figures?); the whole row was refused as one
    figure too many. That cell is now missing with a finding naming it."""
    text = render(example, style)
    sep = _SEPARATOR[style]
    row = next(line for line in text.split("\n") if f"{label}{sep}" in line)
    cells = row.split(sep)
    at = next(i for i, c in enumerate(cells) if c.removesuffix(" |") == old)
    cells[at] = cells[at].replace(old, new)
    report = read_text(_replace(text, row, sep.join(cells)))
    assert report[cell] is MISSING
    assert _wrong(report, dict(example.cells())) == []
    missing = [c for c in example.cells() if report[c] is MISSING]
    assert missing == [cell]
    (finding,) = report.reading_findings
    assert finding.cells == (cell,)
    assert f"“{new}”" in finding.message


def test_figures_of_a_row_in_one_cell_still_fill_the_row(example: Report) -> None:
    """``规章 | 0 0 0 |``: the cell's parts are the row's figures."""
    text = _replace(render(example, "rows"), "规章 | 0 | 0 | 0 |", "规章 | 0 0 0 |")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------ a row split over a page break

_BREAKS = ["- 3 -", "\f", "第 3 页 共 8 页"]


@pytest.mark.parametrize(
    ("label", "cut"),
    [("1.本机关不掌握相关政府信息", 3), ("（一）予以公开", 5), ("行政规范性文件", 1)],
)
@pytest.mark.parametrize("between", _BREAKS)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs"])
def test_a_row_split_over_a_page_break_with_its_label_repeated(
    example: Report, label: str, cut: int, between: str, style: str
) -> None:
    """``label | 9 | 1 | 0`` … page … ``label | 0 | 0 | 1 | 11``: each half was a
    row with cells missing, both reported and the row lost. The halves are one
    row now, with a warning naming its cells."""
    sep = _SEPARATOR[style]
    text = render(example, style)
    row = next(line for line in text.split("\n") if f"{label}{sep}" in line)
    end = " |" if style == "rows" else ""
    cells = row.removesuffix(end).split(sep)
    at = cells.index(label) + 1
    first = sep.join(cells[: at + cut]) + end
    second = sep.join(cells[:at] + cells[at + cut :]) + end
    report = read_text(_replace(text, row, f"{first}\n{between}\n{second}"))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.severity.value == "warning"
    assert "一行分两处印出" in finding.message


def test_a_dumps_row_split_over_a_page_with_its_label_repeated(example: Report) -> None:
    """``…数量4671- 3 -一、本年新收政府信息公开申请数量02157…``: one run."""
    label = "一、本年新收政府信息公开申请数量"
    text = _replace(_dump(example), f"{label}4671", f"{label}4671- 3 -{label}")
    alone = read_text(_dump(example))
    report = read_text(text)
    assert dict(report.cells()) == dict(alone.cells())
    assert _wrong(report, dict(example.cells())) == []


@pytest.mark.parametrize("style", ["rows", "layout"])
def test_a_row_printed_twice_in_full_is_not_joined(example: Report, style: str) -> None:
    """Two full rows of one label are a row printed twice, not two halves."""
    text = render(example, style)
    row = next(line for line in text.split("\n") if "（一）予以公开" in line)
    report = read_text(_replace(text, row, f"{row}\n{row}"))
    assert _wrong(report, dict(example.cells())) == []
    assert not any("一行分两处印出" in f.message for f in report.reading_findings)


def test_halves_that_are_not_a_row_are_not_joined(example: Report) -> None:
    """Three figures and five (eight for seven cells): not halves; reported."""
    text = render(example, "rows")
    row = next(line for line in text.split("\n") if "（一）予以公开" in line)
    first = row.replace(" | 0 | 1 | 0 | 24 |", " |")
    second = "三、本年度办理结果 | （一）予以公开 | 0 | 1 | 0 | 24 | 5 |"
    report = read_text(_replace(text, row, f"{first}\n- 3 -\n{second}"))
    assert _wrong(report, dict(example.cells())) == []
    assert report["requests.granted.total"] is MISSING


# ------------------------------------------------ OCR's letters for digits, a stray stop

_GRANTED = "（一）予以公开"


def _with_cell(example: Report, style: str, old: str, new: str) -> str:
    """The example in ``style`` with the first figure ``old`` of the granted row as ``new``."""
    sep = _SEPARATOR[style]
    text = render(example, style)
    row = next(line for line in text.split("\n") if f"{_GRANTED}{sep}" in line)
    end = " |" if style == "rows" else ""
    cells = row.removesuffix(end).split(sep)
    at = next(
        i for i in range(cells.index(_GRANTED) + 1, len(cells)) if cells[i] == old
    )
    cells[at] = new
    return _replace(text, row, sep.join(cells) + end)


@pytest.mark.parametrize(
    ("old", "new", "cell"),
    [
        ("24", "2O", "requests.granted.total"),
        ("24", "Z4", "requests.granted.total"),
        ("18", "l8", "requests.granted.natural_person"),
        ("18", "I8", "requests.granted.natural_person"),
        ("1", "l", "requests.granted.research_institution"),
        ("0", "O", "requests.granted.social_organization"),
        ("0", "o", "requests.granted.social_organization"),
        ("18", "1B", "requests.granted.natural_person"),
    ],
)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs", "markdown"])
def test_a_figure_ocr_misread_is_that_cell_reported_not_the_row(
    example: Report, old: str, new: str, cell: str, style: str
) -> None:
    """``18 | 4 | l | 0 …``: the misread cell was an unknown label and the
    figures after it nobody's (7 cells lost, a message about a label). The
    cell is now missing, never read as a digit guessed, and named."""
    report = read_text(_with_cell(example, style, old, new))
    assert _wrong(report, dict(example.cells())) == []
    assert [c for c in example.cells() if report[c] is MISSING] == [cell]
    (finding,) = report.reading_findings
    assert finding.cells == (cell,)
    assert "识别错" in finding.message


@pytest.mark.parametrize(
    ("old", "new", "cell", "value"),
    [
        ("24", "24.", "requests.granted.total", 24),
        ("18", "18。", "requests.granted.natural_person", 18),
        ("0", "0.", "requests.granted.social_organization", 0),
    ],
)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs", "markdown"])
def test_a_figure_with_a_stray_stop_is_read_with_a_warning(
    example: Report, old: str, new: str, cell: str, value: int, style: str
) -> None:
    """``24.``: an unknown label, the row lost; it is 24 with a warning now."""
    report = read_text(_with_cell(example, style, old, new))
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.severity.value == "warning"
    assert finding.cells == (cell,)
    assert report[cell] == value


@pytest.mark.parametrize("style", ["rows", "layout", "tabs"])
def test_1268_with_a_stop_in_table_2(example: Report, style: str) -> None:
    text = render(example, style)
    row = next(line for line in text.split("\n") if line.startswith("行政许可"))
    report = read_text(_replace(text, row, row.replace("1268", "1268.")))
    assert dict(report.cells()) == dict(example.cells())
    assert [f.severity.value for f in report.reading_findings] == ["warning"]


def test_an_item_number_alone_is_no_figure(example: Report) -> None:
    """``1.`` … ``8.`` in a cell of their own are a label's number."""
    text = _replace(
        render(example, "rows"),
        "（三）不予公开 | 1.属于国家秘密 |",
        "（三）不予公开 | 1. | 属于国家秘密 |",
    )
    report = read_text(text)
    assert _wrong(report, dict(example.cells())) == []


# ------------------------------------------------ pdftotext on a real report

_HONGZE = "hongze-district-2024"


def _hongze_cells() -> dict[str, object]:
    """The PDF's figures as `read_pdf` reads them (no finding), for the texts."""
    data = json.loads((DATA / f"{_HONGZE}.cells.json").read_text("utf-8"))
    return {c: Decimal(v) if isinstance(v, str) else v for c, v in data.items()}


def test_pdftotext_layout_of_a_real_report_reads_every_figure() -> None:
    """``pdftotext -layout`` of the Hongze PDF (form feeds, ``-3-`` footers,
    labels and heads wrapped, table 4's heads cut into ``结果`` / ``维持``):
    table 4's figures were lost (15 cells): a head word of table 3 (``其他``,
    from ``其他结果``) took the reading back to table 3, and table 4's figure
    row was nobody's."""
    text = (DATA / f"{_HONGZE}.layout.txt").read_text("utf-8")
    report = read_text(text)
    assert dict(report.cells()) == _hongze_cells()
    assert all(f.severity.value == "warning" for f in report.reading_findings)


def test_pdftotext_without_layout_of_a_real_report_gives_no_wrong_figure() -> None:
    """Plain ``pdftotext``: cells one a line, partly column by column. The
    header came as ``法人或其他组织`` / ``自然人`` (the group's label is on the
    header's first line, 自然人 centred below it), with no sub-head read: the
    row 50 0 0 0 0 0 50 was read as 商业企业 50, 自然人 0 (no finding)."""
    text = (DATA / f"{_HONGZE}.raw.txt").read_text("utf-8")
    report = read_text(text)
    expected = _hongze_cells()
    named = {c for f in report.reading_findings for c in f.cells}
    wrong = [
        c
        for c, v in report.cells().items()
        if v != expected.get(c) and not (v is MISSING and c in named)
    ]
    assert wrong == []


def test_heads_one_a_line_with_a_bare_group_first_place_nothing(
    example: Report,
) -> None:
    """The same header built: ``法人或其他组织`` before ``自然人``, no sub-head:
    nothing is placed (it was 65 figures in the wrong columns)."""
    text = render(example, "cells")
    heads = "自然人 |\n法人或其他组织 |\n总计 |\n|||\n"
    subs = "商业企业 |\n科研机构 |\n社会公益组织 |\n法律服务机构 |\n其他 |\n|||||\n"
    report = read_text(
        _replace(text, heads + subs, "法人或其他组织 |\n自然人 |\n总计 |\n|||\n")
    )
    assert _wrong(report, dict(example.cells())) == []
    assert report["requests.received.total"] is MISSING


# ------------------------------------------------ a comparison column added


def _with_column(
    text: str, style: str, after: str, head: str, rows: set[str], figure: str = "9"
) -> str:
    """``text`` with a column ``head`` after the header cell ``after``, and
    ``figure`` in it on every row whose label is in ``rows``."""
    sep = _SEPARATOR[style]
    end = {"rows": " |", "markdown": " | | |"}.get(style, "")
    out = []
    for line in text.split("\n"):
        core = line.removesuffix(end) if end and line.endswith(end) else line
        cells = core.split(sep)
        if cells[-1] == after:
            line = sep.join([*cells, head]) + (end if line != core else "")
        elif any(c.strip("| ") in rows for c in cells[:2]):
            line = sep.join([*cells, figure]) + (end if line != core else "")
        out.append(line)
    return "\n".join(out)


_ADDED = [
    ("本年处理决定数量", "上年", {"行政许可", "行政处罚", "行政强制"}),
    ("现行有效件数", "同比增减", {"规章", "行政规范性文件"}),
]


@pytest.mark.parametrize(("after", "head", "rows"), _ADDED)
@pytest.mark.parametrize("style", sorted(_SEPARATOR))
def test_a_comparison_column_added_to_table_2_is_set_aside(
    example: Report, after: str, head: str, rows: set[str], style: str
) -> None:
    """``行政许可 | 1268 | 1100`` under ``本年处理决定数量 | 上年``: the row was
    refused (one figure too many). The format's column is placed by its
    header; the added one is reported and its figure is no cell's."""
    text = _with_column(render(example, style), style, after, head, rows)
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    messages = [f.message for f in report.reading_findings]
    assert any(f"“{head}”不是报告格式中的列名" in m for m in messages)
    assert sum("报告格式中没有的列" in m for m in messages) == len(rows)
    assert all(f.severity.value == "warning" for f in report.reading_findings)


@pytest.mark.parametrize("style", ["rows", "layout", "tabs"])
def test_a_comparison_column_added_to_table_3_is_set_aside(
    example: Report, style: str
) -> None:
    rows = {row.label for row in example.requests.spec.rows}
    text = _with_column(render(example, style), style, "总计", "上年总计", rows)
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())


def test_an_added_column_with_a_row_short_of_it_is_reported(example: Report) -> None:
    """A row with fewer figures than the header's columns: not guessed."""
    text = _with_column(
        render(example, "rows"), "rows", "本年处理决定数量", "上年", {"行政处罚"}
    )
    report = read_text(text)
    assert _wrong(report, dict(example.cells())) == []
    assert report["active.penalty.decisions"] == 342
    assert report["active.coercion.decisions"] == 27  # one figure, one column known


# ------------------------------------------------ a line of units over a table


@pytest.mark.parametrize(
    "note", ["（单位：元）", "单位：元", "金额单位：元", "（单位：件、元）"]
)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs"])
def test_a_unit_note_over_the_fee_block_is_the_unit_of_its_amount(
    example: Report, note: str, style: str
) -> None:
    """``（单位：元）`` over a fee block whose header prints no unit: ``125600``
    was read as 125600 万元 (ten thousand times the fee), with only a warning
    that the note was no label. It is the unit of the amount now."""
    text = render(example, style).replace("本年收费金额（单位：万元）", "本年收费金额")
    row = next(line for line in text.split("\n") if line.startswith("行政事业性收费"))
    text = _replace(text, row, row.replace("12.56", "125600"))
    text = _replace(text, "第二十条第（八）项", f"{note}\n第二十条第（八）项")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind.value == "converted_unit"


@pytest.mark.parametrize("note", ["（单位：件）", "单位：件", "(单位:个)"])
def test_a_count_unit_note_is_no_unknown_label(example: Report, note: str) -> None:
    text = render(example, "rows")
    for heading in (
        "二、主动公开政府信息情况\n",
        "三、收到和处理政府信息公开申请情况\n",
    ):
        text = _replace(text, heading, f"{heading}{note}\n")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_a_header_unit_is_nearer_than_a_unit_note(example: Report) -> None:
    """``本年收费金额（单位：万元）`` under a ``单位：元`` note: the header's unit."""
    text = _replace(
        render(example, "rows"), "第二十条第（八）项", "单位：元\n第二十条第（八）项"
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())


@pytest.mark.parametrize(
    ("old", "new", "cells"),
    [
        (
            "本年处理决定数量行政许可1268",
            "本年处理决定数量上年行政许可12681100",
            ["active.licensing.decisions"],
        ),
        (
            "现行有效件数规章000行政规范性文件4123",
            "现行有效件数同比增减规章0000行政规范性文件41231",
            ["active.rules.issued", "active.normative_documents.issued"],
        ),
        ("总计商业企业", "总计上年总计商业企业", ["requests.received.total"]),
    ],
)
def test_a_comparison_column_in_a_dump_is_never_cut_by_guess(
    example: Report, old: str, new: str, cells: list[str]
) -> None:
    """``本年处理决定数量上年行政许可12681100``: read as 12681100 decisions
    (with a warning about ``上年`` only); ``总计上年总计`` put 28 figures of
    table 3 in wrong cells. The runs hold the added column's digits too."""
    report = read_text(_replace(_dump(example), old, new))
    assert _wrong(report, dict(example.cells())) == []
    for cell in cells:
        assert report[cell] is MISSING
        assert any(
            cell in f.cells and "报告格式中没有的列" in f.message
            for f in report.reading_findings
        )


def test_a_comparison_column_one_cell_a_line(example: Report) -> None:
    """``本年处理决定数量 |`` ``上年 |`` ``行政许可 |`` ``1268 |`` ``1100 |``."""
    text = render(example, "cells")
    for label, figure, extra in [
        ("行政许可", "1268", "1100"),
        ("行政处罚", "342", "300"),
    ]:
        text = _replace(
            text, f"{label} |\n{figure} |\n", f"{label} |\n{figure} |\n{extra} |\n"
        )
    text = text.replace("本年处理决定数量 |\n", "本年处理决定数量 |\n上年 |\n")
    report = read_text(text.replace("行政强制 |\n27 |\n", "行政强制 |\n27 |\n30 |\n"))
    assert dict(report.cells()) == dict(example.cells())


# ------------------------------------------------ a dump in traditional characters

_TRADITIONAL = str.maketrans(
    "总体动开况处请复议讼诉问题进报项数规范许罚强费结维纠计审关号门务实业构组织转办应确执过类内权国秘险稳经会级录发废现决为这对于与个时从无没后认达环态质设统页说书图读单导传训绩责监护员订简网专栏询续继缴纳获补制属条",
    "總體動開況處請復議訟訴問題進報項數規範許罰強費結維糾計審關號門務實業構組織轉辦應確執過類內權國祕險穩經會級錄發廢現決為這對於與個時從無沒後認達環態質設統頁說書圖讀單導傳訓績責監護員訂簡網專欄詢續繼繳納獲補製屬條",
)


def test_a_dump_in_traditional_characters_is_read(example: Report) -> None:
    """``四、政府信息公開行政復議、行政訴訟情況``: ``訟`` was no character the
    labels know, so section 四's heading was not found in the dump and table
    4 was lost (15 cells); ``沒``, ``認`` made label variants."""
    text = _dump(example)
    head, body = text.split("正文 ====================\n")
    report = read_text(
        head + "正文 ====================\n" + body.translate(_TRADITIONAL)
    )
    alone = read_text(text)
    assert dict(report.cells()) == dict(alone.cells())
    assert report.metadata.agency == example.metadata.agency
    assert [f.kind for f in report.reading_findings] == [
        f.kind for f in alone.reading_findings
    ]


@pytest.mark.parametrize("style", ["rows", "layout", "cells"])
def test_a_text_in_traditional_characters_is_read(example: Report, style: str) -> None:
    report = read_text(render(example, style).translate(_TRADITIONAL))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# (``零``, ``〇``, ``壹`` are figures written in Chinese numerals, read since
# test_text_probes6)
@pytest.mark.parametrize("new", ["无", "空", "？", "X", "N/A", "*"])
@pytest.mark.parametrize("style", ["rows", "layout", "tabs", "markdown"])
def test_a_word_for_a_figure_among_a_rows_figures_is_that_cell_reported(
    example: Report, new: str, style: str
) -> None:
    """``18 | 4 | 空 | 0 …``: ``空`` was an unknown label (``无`` a piece of a
    header) and the row's figures after it nobody's: 7 cells lost. The cell
    is missing now, with a finding naming it; the others are read."""
    report = read_text(_with_cell(example, style, "1", new))
    cell = "requests.granted.research_institution"
    assert _wrong(report, dict(example.cells())) == []
    assert [c for c in example.cells() if report[c] is MISSING] == [cell]
    (finding,) = report.reading_findings
    assert finding.cells == (cell,)


# ------------------------------------------------ excerpts (regression)

_SECTIONS = {
    "requests": (
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ),
    "active": ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"),
}


@pytest.mark.parametrize("part", ["shuffled", "first half", "second half"])
@pytest.mark.parametrize("style", ["rows", "layout", "tabs", "markdown"])
def test_an_excerpt_of_table_3_out_of_order_or_half(
    example: Report, part: str, style: str
) -> None:
    """A journalist's quote of table 3 (with ``year=``, ``agency=``): its rows
    out of order, or half of it. Every figure read is the printed one."""
    text = render(example, style)
    start, stop = _SECTIONS["requests"]
    lines = text[text.index(start) + len(start) : text.index(stop)].strip().split("\n")
    head, body = lines[:3], lines[3:]
    if part == "shuffled":
        body = body[1::2] + body[::2]
    elif part == "first half":
        body = body[: len(body) // 2]
    else:
        head, body = [], body[len(body) // 2 :]
    report = read_text("\n".join(head + body), year=2025, agency="青禾市生态环境局")
    ours = {c: v for c, v in example.cells().items() if c.startswith("requests.")}
    assert _wrong(report, ours) == []
    read = [c for c in ours if report[c] is not MISSING]
    assert len(read) >= (len(ours) if part == "shuffled" else 60)


# ------------------------------------------------ converters' Markdown: spans repeated

_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_a_merged_head_repeated_over_its_span_is_one_head(example: Report) -> None:
    """``| 法人或其他组织 | 法人或其他组织 | …`` (pandas, some HTML to Markdown
    converters repeat a merged cell): 20 errors that the head was printed
    twice and its columns not read, on a table that was read right."""
    text = render(example, "markdown")
    rows = [
        f"| {_NOTE} | {_NOTE} |" + " 申请人情况 |" * 7,
        "| --- |" + " --- |" * 8,
        f"| {_NOTE} | {_NOTE} | 自然人 |" + " 法人或其他组织 |" * 5 + " 总计 |",
        f"| {_NOTE} | {_NOTE} | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    ]
    text = _replace(text, f"| {_NOTE} | 申请人情况 | | |", "\n".join(rows[:2]))
    text = _replace(text, "| 自然人 | 法人或其他组织 | 总计 | | |", rows[2])
    text = _replace(
        text,
        "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | | |",
        rows[3],
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("footer", ["- 2 -", "第2页", " 2 / 5 ", "第 2 页 共 5 页"])
@pytest.mark.parametrize("name", ["pingtan-guanweihui-2021", "pingtan-gonganju-2019"])
def test_page_footers_in_the_real_dumps_change_nothing(name: str, footer: str) -> None:
    """The Pingtan dumps with a footer after rows of each table: as without."""
    text = (SAMPLES / f"{name}.dump.txt").read_text("utf-8")
    alone = read_text(text)
    for label in ("规章", "（二）部分公开", "6.属于四类过程性信息", "3.其他"):
        at = text.find(label)
        if at > 0:
            text = text[:at] + footer + text[at:]
    report = read_text(text)
    assert dict(report.cells()) == dict(alone.cells())


# ------------------------------------------------ what follows a dump's run


@pytest.mark.parametrize(
    ("old", "new", "kinds"),
    [
        ("行政事业性收费12.56", "行政事业性收费125600元", ["converted_unit"]),
        ("行政事业性收费12.56", "行政事业性收费12.56万元", []),
        # the stop stays a piece of text of its own (a warning)
        ("行政许可1268", "行政许可1268.", ["unknown_label"]),
        ("行政许可1268", "行政许可1268、", ["unknown_label"]),
    ],
)
def test_what_follows_a_dumps_run(
    example: Report, old: str, new: str, kinds: list[str]
) -> None:
    """``行政事业性收费125600元``: read as 125600 万元 (the unit was text before
    the next label); ``行政许可1268.第二十条第（六）项``: its 8 taken for the
    number of a next row label, the figure read as 126. Both with no finding."""
    text = _dump(example)
    alone = read_text(text)
    at = text.rindex(old)  # the table's, not the narrative's
    report = read_text(text[:at] + new + text[at + len(old) :])
    assert dict(report.cells()) == dict(alone.cells())
    extra = Counter(f.kind.value for f in report.reading_findings)
    extra.subtract(f.kind.value for f in alone.reading_findings)
    assert +extra == Counter(kinds)


@pytest.mark.parametrize(
    "head", ["本年收费金额（单位：元）", "（单位：元）本年收费金额", "本年收费金额(元)"]
)
def test_a_fee_in_yuan_under_its_header_in_a_dump(example: Report, head: str) -> None:
    """``本年收费金额（单位：元）行政事业性收费125600``: a run ignored the
    header's unit and was read as 125600 万元 (no finding)."""
    text = _dump(example)
    alone = read_text(text)
    for old, new in [
        ("本年收费金额（单位：万元）", head),
        ("行政事业性收费12.56", "行政事业性收费125600"),
    ]:
        at = text.rindex(old)
        text = text[:at] + new + text[at + len(old) :]
    report = read_text(text)
    assert dict(report.cells()) == dict(alone.cells())
    assert any(f.kind.value == "converted_unit" for f in report.reading_findings)


@pytest.mark.parametrize("head", ["本年收费金额（元）", "收费金额(元)"])
def test_a_fee_head_with_another_unit_alone_on_its_line(
    example: Report, head: str
) -> None:
    """One cell a line, ``本年收费金额（元）`` was an unknown label and
    ``125600`` was read as 125600 万元 (no finding about the cell)."""
    text = render(example, "cells").replace("本年收费金额（单位：万元）", head)
    report = read_text(_replace(text, "12.56 |", "125600 |"))
    assert dict(report.cells()) == dict(example.cells())
    assert [f.kind.value for f in report.reading_findings] == ["converted_unit"]
