"""read_text() probed a sixth time: figures written in words, page numbers in dumps.

Each test builds one variant of the example report: a table whose figures an
agency typed in Chinese numerals (``一千二百六十八``, ``壹仟贰佰陆拾捌``). Every
figure read must be the figure printed, or a finding must name the cell; a
document whose figures can be read must not be refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_report import (
    MISSING,
    FindingKind,
    Report,
    Severity,
    example_report,
    read_text,
)
from test_read_text import render
from test_text_probes import _dump, _replace, _wrong

_SEPARATORS = {"rows": " | ", "layout": "    ", "tabs": "\t", "markdown": " | "}


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


# ------------------------------------------------ Chinese numerals: the parser


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("一千二百六十八", "1268"),
        ("一千零六十八", "1068"),
        ("一千零八", "1008"),
        ("一千二百零八", "1208"),
        ("一千二百六十", "1260"),
        ("两百", "200"),
        ("两千零五", "2005"),
        ("十二", "12"),
        ("一十二", "12"),
        ("十", "10"),
        ("二十五", "25"),
        ("一百一十", "110"),
        ("〇", "0"),
        ("零", "0"),
        ("七", "7"),
        ("壹仟贰佰陆拾捌", "1268"),
        ("壹萬零伍", "10005"),
        ("贰拾", "20"),
        ("二十二万九千七百七十七", "229777"),
        ("二十万零三千", "203000"),
        ("二十万三千", "203000"),
        ("三千四百七十万一千", "34701000"),
        ("一万零二百", "10200"),
        ("一亿零一", "100000001"),
        ("一二六八", "1268"),
        ("一〇〇〇", "1000"),
        ("十二点五六", "12.56"),
        ("零点五", "0.5"),
        ("壹拾贰点伍陆", "12.56"),
        ("一千二百件", "1200件"),
        ("十二点五六万元", "12.56万元"),
        ("十二万", "12万"),
    ],
)
def test_a_well_formed_chinese_numeral_is_its_figure(text: str, figure: str) -> None:
    from govinfo_report._readers._chinese_numerals import arabic

    assert arabic(text) == figure


@pytest.mark.parametrize(
    "text",
    [
        "一千八",  # spoken for 1800: read 1008 by others
        "一千六十八",  # no 零 for the gap
        "一千零二百",  # a 零 for no gap
        "一千零零八",
        "三万二",
        "一百十",  # 十 for 一十 only at the start
        "三四",  # three or four
        "七八",
        "〇五",
        "两",
        "两十",
        "十两",
        "一千二千",
        "十万零",
        "万",
        "一一",  # a not-applicable mark, not 11
        "十七八",
        "一千余",
        "规章",
    ],
)
def test_a_malformed_chinese_numeral_is_no_figure(text: str) -> None:
    from govinfo_report._readers._chinese_numerals import arabic

    assert arabic(text) is None


# ------------------------------------------------ Chinese numerals in a text's table


def _put(example: Report, style: str, label: str, old: str, new: str) -> str:
    sep = _SEPARATORS[style]
    return _replace(render(example, style), f"{label}{sep}{old}", f"{label}{sep}{new}")


def _warned(report: Report, cell: str, printed: str) -> None:
    """The one finding is a warning on ``cell`` saying it was written in words."""
    (finding,) = report.reading_findings
    assert finding.cells == (cell,)
    assert finding.severity is Severity.WARNING
    assert f"“{printed}”用中文数字书写" in finding.message


@pytest.mark.parametrize("style", list(_SEPARATORS))
@pytest.mark.parametrize(
    "printed", ["一千二百六十八", "壹仟贰佰陆拾捌", "一二六八", "一千二百六十八件"]
)
def test_a_count_in_chinese_numerals_is_read_with_a_warning(
    example: Report, style: str, printed: str
) -> None:
    """``行政许可 | 一千二百六十八``: the cell was an unknown label and the row
    missing; a person reads 1268."""
    report = read_text(_put(example, style, "行政许可", "1268", printed))
    assert report["active.licensing.decisions"] == 1268
    assert dict(report.cells()) == dict(example.cells())
    _warned(report, "active.licensing.decisions", printed)


@pytest.mark.parametrize("style", list(_SEPARATORS))
@pytest.mark.parametrize(
    "printed", ["十二点五六", "壹拾贰点伍陆", "十二点五六万元", "十二点五六万"]
)
def test_an_amount_in_chinese_numerals_is_read_exactly(
    example: Report, style: str, printed: str
) -> None:
    report = read_text(_put(example, style, "行政事业性收费", "12.56", printed))
    assert report["active.fees.amount"] == Decimal("12.56")
    assert dict(report.cells()) == dict(example.cells())
    _warned(report, "active.fees.amount", printed)


def test_an_amount_in_chinese_numerals_and_yuan_is_converted(example: Report) -> None:
    report = read_text(
        _put(example, "tabs", "行政事业性收费", "12.56", "十二万五千六百元")
    )
    assert report["active.fees.amount"] == Decimal("12.56")
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.CONVERTED_UNIT
    assert "“十二万五千六百元”用中文数字书写" in finding.message


@pytest.mark.parametrize("style", list(_SEPARATORS))
def test_zeros_and_small_figures_in_words_among_a_rows_figures(
    example: Report, style: str
) -> None:
    """``二、上年结转… | 三 | 一 | 〇 | 零 | 0 | 0 | 四``: each cell was reported as
    no figure (7 cells missing in ``rows``); a person reads 3 1 0 0 0 0 4."""
    report = read_text(
        _put(
            example,
            style,
            "二、上年结转政府信息公开申请数量",
            _SEPARATORS[style].join("3100004"),
            _SEPARATORS[style].join(["三", "一", "〇", "零", "0", "0", "四"]),
        )
    )
    assert dict(report.cells()) == dict(example.cells())
    assert len(report.reading_findings) == 5
    assert all(f.severity is Severity.WARNING for f in report.reading_findings)
    assert all("用中文数字书写" in f.message for f in report.reading_findings)


@pytest.mark.parametrize("style", list(_SEPARATORS))
@pytest.mark.parametrize("printed", ["一千八", "一千六十八", "三四", "两十"])
def test_a_malformed_chinese_numeral_is_that_cell_missing(
    example: Report, style: str, printed: str
) -> None:
    """``规章 | 一千八 | 0 | 0``: the cell is missing with a finding naming it;
    the row's other figures keep theirs (the row was lost)."""
    report = read_text(
        _put(
            example,
            style,
            "规章",
            _SEPARATORS[style].join("000"),
            _SEPARATORS[style].join([printed, "0", "0"]),
        )
    )
    cell = "active.rules.issued"
    assert _wrong(report, dict(example.cells())) == []
    assert [c for c in dict(example.cells()) if report[c] is MISSING] == [cell]
    (finding,) = report.reading_findings
    assert finding.cells == (cell,)
    assert "中文数字" in finding.message


def test_a_count_in_words_with_a_footnote_mark(example: Report) -> None:
    report = read_text(_put(example, "rows", "行政许可", "1268", "一千二百六十八*"))
    assert report["active.licensing.decisions"] == 1268
    (finding,) = report.reading_findings
    assert "脚注" in finding.message
    assert "中文数字" in finding.message


def test_ten_thousands_in_words_in_a_count_column_is_no_count(example: Report) -> None:
    """``十二万`` in a count column: ``万`` is a unit (as in ``12万``), which a
    count column cannot hold; the cell is missing, the finding quotes it."""
    report = read_text(_put(example, "tabs", "行政许可", "1268", "十二万"))
    assert report["active.licensing.decisions"] is MISSING
    (finding,) = report.reading_findings
    assert "“十二万”" in finding.message


def test_a_numeral_alone_on_a_line_stays_no_figure(example: Report) -> None:
    """``三`` alone (a vertical label's first character, as pdftotext leaves it)
    is no figure: only in a row after its label and among its figures is it one."""
    text = _replace(
        render(example, "cells"), "（一）予以公开 |", "三 |\n（一）予以公开 |"
    )
    assert _wrong(read_text(text), dict(example.cells())) == []


# ------------------------------------------------ a page number run into a table 2 figure


def _paged(text: str, *, hidden: str = "3", footers: bool = False) -> str:
    """The dump with the PDF's page numbers where its pages broke: 1 and 2 in
    section 一, 4 in section 五, and page ``hidden``'s (if any) run into the
    figures of table 2 (``行政许可1268`` + ``3``)."""

    def page(n: int) -> str:
        return f"第{n}页" if footers else str(n)

    text = _replace(text, "取得新进展。（一）", f"取得新进展。{page(1)}（一）")
    text = _replace(text, "规范性文件1件。（四）", f"规范性文件1件。{page(2)}（四）")
    text = _replace(text, "较为单一；二是", f"较为单一；{page(4)}二是")
    return text


@pytest.mark.parametrize("footers", [False, True])
@pytest.mark.parametrize(
    ("printed", "cell", "without"),
    [
        ("行政许可1268", "active.licensing.decisions", "1268"),
        ("行政处罚342", "active.penalty.decisions", "342"),
        ("行政强制27", "active.coercion.decisions", "27"),
        ("行政事业性收费12.56", "active.fees.amount", "12.56"),
    ],
)
def test_a_hidden_page_number_run_into_a_one_figure_row_is_ambiguous(
    example: Report, printed: str, cell: str, without: str, footers: bool
) -> None:
    """``行政许可12683`` in a dump whose pages are numbered 1, 2, 4 elsewhere:
    page 3 broke between them, and its number may end the row's digits (it
    was read 12683, silently). The cell is missing with an ``AMBIGUOUS``
    finding listing both readings; the other figures are read as without it."""
    text = _paged(_dump(example), footers=footers)
    alone = read_text(text)
    head, _, tail = text.rpartition(printed)  # the table's, not the narrative's
    report = read_text(f"{head}{printed}3{tail}")
    assert report[cell] is MISSING
    (finding,) = [f for f in report.reading_findings if cell in f.cells]
    assert finding.kind is FindingKind.AMBIGUOUS
    assert f"{without}3 或 {without}" in finding.message
    assert "页码" in finding.message
    expected = {c: v for c, v in alone.cells().items() if c != cell}
    assert _wrong(report, expected) == []
    assert {c for c in expected if report[c] != alone[c]} == set()


def test_a_one_figure_row_where_no_page_number_is_hidden_is_read(
    example: Report,
) -> None:
    """Pages 1 to 4 all shown: no page number is hidden, ``行政许可12683`` is
    what the dump prints (no cross-check can say more)."""
    text = _paged(_dump(example))
    text = _replace(text, "420条。（五）", "420条。3（五）")
    report = read_text(_replace(text, "行政许可1268", "行政许可12683"))
    assert report["active.licensing.decisions"] == 12683


# ------------------------------------------------ thousands separators in a dump


@pytest.mark.parametrize(
    ("printed", "cell", "value"),
    [
        ("行政许可1,268", "active.licensing.decisions", 1268),
        ("行政许可1，268", "active.licensing.decisions", 1268),
        ("行政处罚1,342,000", "active.penalty.decisions", 1342000),
        ("行政事业性收费1,012.56", "active.fees.amount", Decimal("1012.56")),
    ],
)
def test_a_dumps_one_figure_row_with_thousands_separators_is_read(
    example: Report, printed: str, cell: str, value: object
) -> None:
    """``行政许可1,268``: the comma cut the run in two (``1`` and ``268``, two
    figures for one cell, the row missing); a row of one figure has no cells
    to separate, so it is 1268."""
    text = _dump(example)
    label = printed.rstrip("0123456789,，.")
    original = f"{label}{example[cell]}"
    head, _, tail = text.rpartition(original)  # the table's, not the narrative's
    report = read_text(f"{head}{printed}{tail}")
    assert report[cell] == value
    alone = read_text(text)
    assert {c for c, v in alone.cells().items() if report[c] != v} == (
        set() if alone[cell] == value else {cell}
    )
    assert [f for f in report.reading_findings if cell in f.cells] == []


def test_a_comma_between_a_dumps_one_figure_and_more_digits_is_still_reported(
    example: Report,
) -> None:
    """``行政许可1,2683``: no thousands group (four digits after the comma):
    two figures for one cell, reported as before."""
    text = _dump(example)
    head, _, tail = text.rpartition("行政许可1268")
    report = read_text(f"{head}行政许可1,2683{tail}")
    assert report["active.licensing.decisions"] is MISSING
    assert any("active.licensing.decisions" in f.cells for f in report.reading_findings)


@pytest.mark.parametrize("kind", ["page", "own"])
def test_a_web_pages_cell_in_chinese_numerals_is_read(
    example: Report, kind: str
) -> None:
    """Every reader shares the cell values: a web page's ``<td>一千二百六十八</td>``."""
    from govinfo_report import read_html
    from helpers import html_putter

    report = read_html(html_putter(kind, example)("一千二百六十八"))
    assert report["active.licensing.decisions"] == 1268
    _warned(report, "active.licensing.decisions", "一千二百六十八")


@pytest.mark.parametrize(
    ("old", "new", "cells"),
    [
        ("行政许可,1268", "行政许可,一千二百六十八", 1),
        (
            "二、上年结转政府信息公开申请数量,3,1,0,0,0,0,4",
            "二、上年结转政府信息公开申请数量,三,一,〇,零,0,0,四",
            5,
        ),
    ],
)
def test_a_csvs_cells_in_chinese_numerals_are_read(
    example: Report, old: str, new: str, cells: int
) -> None:
    """``行政许可,一千二百六十八`` was no CSV row (the numeral taken for a label):
    an unknown label and the row missing."""
    from test_text_probes4 import _csv

    report = read_text(_replace(_csv(example, delimiter=","), old, new))
    assert dict(report.cells()) == dict(example.cells())
    assert len(report.reading_findings) == cells
    assert all("用中文数字书写" in f.message for f in report.reading_findings)


_NUMERALS = "零一二三四五六七八九"


def _written(number: int) -> str:
    """``number`` as Chinese writes it (``一千零六十八``, ``十二``, ``一亿零一千``)."""
    if number == 0:
        return "零"
    groups = [(number // 10**8) % 10**4, (number // 10**4) % 10**4, number % 10**4]
    text, gap = "", False
    for group, unit in zip(groups, ("亿", "万", ""), strict=True):
        if not group:
            gap = bool(text)
            continue
        if text and (gap or group < 1000):
            text += "零"
        text += _section(group, first=not text) + unit
        gap = False
    return text


def _section(group: int, *, first: bool) -> str:
    text, gap = "", False
    for place, name in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
        digit = group // 10**place % 10
        if not digit:
            gap = bool(text)
            continue
        if gap:
            text += "零"
        gap = False
        text += (
            "" if first and not text and place == 1 and digit == 1 else _NUMERALS[digit]
        ) + name
    return text


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_every_number_written_in_chinese_reads_back(number: int) -> None:
    from govinfo_report._readers._chinese_numerals import _integer

    assert _integer(_written(number)) == number
