"""read_text() probed with text in the shapes users paste and crawlers keep.

Each test builds one variant of the example report (or of a real sample) as
text reaches users: flattened copies with figures written oddly, page chrome
between rows, excerpts with the caller's ``year=``, crawler dumps whose
headers run together, are cut, or hold two reports. Every figure read must be
the figure printed, or a finding must name the cell; a document whose figures
can be read must not be refused. The traps found wrong are pinned here with
their fix; the ones read right are kept as regression tests.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import (
    BLANK,
    MISSING,
    NOT_APPLICABLE,
    FindingKind,
    Report,
    Severity,
    example_report,
    read,
    read_text,
)
from helpers import SAMPLES
from test_read_dumps import flatten
from test_read_text import render


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _wrong(report: Report, expected: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Cells read as another figure than ``expected``, or missing with no finding."""
    named = {c for f in report.reading_findings for c in f.cells}
    return [
        (cell, value, report[cell])
        for cell, value in expected.items()
        if report[cell] != value and not (report[cell] is MISSING and cell in named)
    ]


def _dump(report: Report) -> str:
    return flatten(report).replace("标题: None", f"标题: {report.title}")


# ------------------------------------------------ crawler dumps: the header


def test_a_dumps_header_run_together_builds_the_columns(example: Report) -> None:
    """The header cells of a dump are one run of text, not one printed row:
    ``法人或其他组织商业企业…`` are a group and its columns (they were read as
    neighbours, each said to be printed twice, table 4's results under no group)."""
    report = read_text(_dump(example))
    header = [f for f in report.reading_findings if "表头" in f.message]
    assert header == []
    assert _wrong(report, dict(example.cells())) == []


@pytest.mark.parametrize("name", ["pingtan-guanweihui-2021", "pingtan-gonganju-2019"])
def test_every_finding_on_a_sample_dump_names_its_cells(name: str) -> None:
    text = (SAMPLES / f"{name}.dump.txt").read_text("utf-8")
    report = read_text(text)
    assert all(f.cells for f in report.reading_findings), [
        f.message for f in report.reading_findings if not f.cells
    ]


def test_a_dumps_columns_in_another_order_are_read_by_their_header(
    example: Report,
) -> None:
    """Table 3 printed with 总计 first, header and every row: read by the header
    (the whole table was refused)."""
    text = _dump(example)
    start, stop = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    table = _replace(
        text[start:stop],
        "申请人情况自然人法人或其他组织总计",
        "申请人情况总计自然人法人或其他组织",
    )
    for row in example.requests.spec.rows:
        figures = [str(example[f"requests.{row.id}.{c.id}"]) for c in row.columns]
        table = _replace(
            table,
            row.label + "".join(figures),
            row.label + figures[-1] + "".join(figures[:-1]),
        )
    report = read_text(text[:start] + table + text[stop:])
    assert _wrong(report, dict(example.cells())) == []
    requests = [c for c in example.cells() if c.startswith("requests.")]
    assert [c for c in requests if report[c] != example[c]] == []


# ------------------------------------------------ two reports, a table of contents


def _second(example: Report, text: str) -> str:
    """The same report for the year before, another agency, 1268 as 999."""
    return (
        text.replace("2025", "2024")
        .replace("青禾市生态环境局", "青禾市交通运输局")
        .replace("| 1268 |", "| 999 |")
        .replace("\t1268", "\t999")
    )


@pytest.mark.parametrize("style", ["rows", "cells", "tabs"])
def test_two_reports_in_one_text_read_the_first_and_say_so(
    example: Report, style: str
) -> None:
    """Two years' (or agencies') reports pasted into one file: the second
    went silently into the first one's 六 (its tables as paragraphs)."""
    text = render(example, style)
    report = read_text(text + _second(example, text))
    assert dict(report.cells()) == dict(example.cells())
    assert report.other_matters == example.other_matters
    assert report.metadata.date_of_issue == example.metadata.date_of_issue
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert finding.severity is Severity.ERROR
    assert "另一份报告" in finding.message
    assert "青禾市交通运输局2024年" in finding.message


@pytest.mark.parametrize("join", ["", "\n"])
def test_two_reports_in_one_dump_read_the_first_and_say_so(
    example: Report, join: str
) -> None:
    text = _dump(example)
    second = text.replace("2025", "2024").replace("1268", "999").split("\n", 4)[4]
    report = read_text(text + join + second)
    alone = read_text(text)
    assert dict(report.cells()) == dict(alone.cells())
    assert report.other_matters == alone.other_matters
    extra = [f for f in report.reading_findings if f not in alone.reading_findings]
    assert [f.kind for f in extra] == [FindingKind.UNREAD_LINE]
    assert "另一份报告" in extra[0].message


CONTENTS = [
    "目录",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
LEADERS = [
    "目  录",
    "一、总体情况……………………1",
    "二、主动公开政府信息情况……2",
    "三、收到和处理政府信息公开申请情况……3",
    "四、政府信息公开行政复议、行政诉讼情况…………4",
    "五、存在的主要问题及改进情况……5",
    "六、其他需要报告的事项 ...... 5",
]


@pytest.mark.parametrize("contents", [CONTENTS, LEADERS])
@pytest.mark.parametrize("style", ["rows", "layout"])
def test_a_table_of_contents_before_the_report(
    example: Report, contents: list[str], style: str
) -> None:
    """The six headings listed after the title: all 200 figures were lost
    (the report went into the contents' 六)."""
    title, rest = render(example, style).split("\n", 1)
    report = read_text("\n".join([title, *contents, rest]))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    assert report.preface == example.preface
    assert report.overview == example.overview
    assert report.other_matters == example.other_matters


# ------------------------------------------------ dumps cut by a stray line break


@pytest.mark.parametrize(
    "after",
    [
        "一、本年新收政府信息公开申请数量467",  # inside a row's digits
        "一、本年新收政府信息公开申请数量",  # between a label and its digits
        "行政许可12",  # inside table 2's only figure
        "规章000行政规范",  # inside a row label
        "主动公开政府信息情况",  # after a section heading
        "四、政府信息公开行政复议、行政诉讼情况行政复议",  # in table 4's header
        "（单位：万元）行政事业性收费12.56",  # before a section heading
        "制发行政规范",  # inside a word of section 一
        "3111610113100",  # inside table 4's run
    ],
)
def test_a_dump_cut_by_a_stray_line_break_is_one_line(
    example: Report, after: str
) -> None:
    """The break left the rest of the dump a line of its own: the tables
    after it were lost, or both parts read as ordinary lines (all sections
    but one missing)."""
    text = _dump(example)
    cut = text.index(after) + len(after)
    alone = read_text(text)
    report = read_text(text[:cut] + "\n" + text[cut:])
    assert dict(report.cells()) == dict(alone.cells())
    assert [f.kind for f in report.reading_findings] == [
        f.kind for f in alone.reading_findings
    ]
    assert report.other_matters == alone.other_matters


# ------------------------------------------------ Excel's CSV


def _csv(text: str, quote: bool = False) -> str:
    """The ``a | b |`` rows of ``text`` as comma-separated rows."""
    out = []
    for line in text.split("\n"):
        if not line.endswith(" |"):
            out.append(line)
            continue
        cells = [c.strip() for c in line.removesuffix(" |").split(" | ")]
        out.append(",".join(f'"{c}"' if quote else c for c in cells))
    return "\n".join(out)


@pytest.mark.parametrize(
    ("change", "cell", "value"),
    [
        (None, None, None),
        (("行政许可,1268", '行政许可,"1,268"'), "active.licensing.decisions", 1268),
        (("规章,0,0,0", "规章,0,,0"), "active.rules.repealed", "blank"),
        (("规章,0,0,0", "规章,0,0,0,"), None, None),  # a trailing comma
        # a label with half-width commas, not quoted
        (
            (
                "（区分处理的，只计这一情形，不计其他情形）",
                "（区分处理的,只计这一情形,不计其他情形）",
            ),
            None,
            None,
        ),
        # half-width commas in prose stay prose
        (("申请57件，上年结转4件", "申请57件,上年结转4件"), None, None),
    ],
)
@pytest.mark.parametrize("quote", [False, True])
def test_a_report_saved_as_csv_is_read(
    example: Report,
    change: tuple[str, str] | None,
    cell: str | None,
    value: Any,
    quote: bool,
) -> None:
    """``行政许可,1268``: every table row was an unknown label, all 200
    figures missing."""
    text = _csv(render(example, "rows"), quote)
    expected = dict(example.cells())
    if change is not None:
        old, new = change
        if quote and "," in new and new.startswith(old.split(",")[0] + ","):
            new = ",".join(f'"{c}"' for c in next(csv.reader([new])))
            old = ",".join(f'"{c}"' for c in old.split(","))
        text = _replace(text, old, new)
    if cell is not None:
        expected[cell] = BLANK if value == "blank" else value
    report = read_text(text)
    assert dict(report.cells()) == expected
    assert report.reading_findings == ()
    paragraphs = [p for sub in report.overview.subsections for p in sub.paragraphs]
    if change is None:
        assert report.overview == example.overview
    elif "件" in change[1]:
        assert any(change[1] in p for p in paragraphs)  # as printed


def test_a_csv_figure_with_an_unquoted_thousands_comma_is_not_guessed(
    example: Report,
) -> None:
    text = _replace(_csv(render(example, "rows")), "行政许可,1268", "行政许可,1,268")
    report = read_text(text)
    assert report["active.licensing.decisions"] is MISSING
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.EXTRA_CELL


def test_a_space_separated_report_with_commas_is_no_csv(example: Report) -> None:
    """``行政许可 1,268`` in a text of three CSV-like lines stays one figure."""
    text = render(example, "layout").replace("行政许可    1268", "行政许可 1,268")
    text += "注,1\n附,2\n表,3\n"
    report = read_text(text)
    assert report["active.licensing.decisions"] == 1268


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_read_takes_a_csv_file_of_the_reports_tables(
    example: Report, tmp_path: Path, encoding: str
) -> None:
    """Excel's CSV (GBK in China) was given to from_csv and refused."""
    path = tmp_path / "年报.csv"
    path.write_bytes(_csv(render(example, "rows")).encode(encoding))
    report = read(path)
    assert dict(report.cells()) == dict(example.cells())


# ------------------------------------------------ excerpts: one table, no heading

_TABLES = {
    "active": ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"),
    "requests": (
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ),
    "appeals": (
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
    ),
}


@pytest.mark.parametrize("table", sorted(_TABLES))
@pytest.mark.parametrize("style", ["rows", "cells", "layout", "tabs", "markdown"])
def test_an_excerpt_of_one_table_without_its_heading(
    example: Report, table: str, style: str
) -> None:
    """Only the table, copied from its header on, with ``year=`` and
    ``agency=``: it was refused (not a report, or no section heading)."""
    text = render(example, style)
    start, stop = _TABLES[table]
    excerpt = text[text.index(start) + len(start) : text.index(stop)].strip()
    report = read_text(excerpt, year=2025, agency="青禾市生态环境局")
    ours = {c: v for c, v in example.cells().items() if c.startswith(f"{table}.")}
    assert {c: report[c] for c in ours} == ours
    assert _wrong(report, dict(example.cells())) == []
    others = {c for c in example.cells() if c not in ours}
    assert all(report[c] is MISSING for c in others)
    kinds = {f.kind for f in report.reading_findings}
    assert kinds == {FindingKind.MISSING_SECTION}


@pytest.mark.parametrize(
    "head", ["本年收费金额（单位：万元）", "本年收费金额（单位：元）"]
)
def test_an_excerpt_of_one_part_of_a_table_is_a_report(head: str) -> None:
    """An excerpt of table 2's fee row alone (or of any part whose heads are
    the format's own) was refused as not a report: only six heads, typed out
    by hand, told an excerpt; every head of tables 2 and 4 is taken from the
    format now."""
    text = f"信息内容\t{head}\n行政事业性收费\t12\n"
    report = read_text(text, year=2024, agency="某县财政局")
    expected = 12 if "万元" in head else Decimal("0.0012")  # in 万元
    assert report["active.fees.amount"] == expected


# ------------------------------------------------ page chrome between rows


@pytest.mark.parametrize(
    "footer",
    [
        "第3页/共8页",
        "第 3 页，共 8 页",
        "共8页 第3页",
        "3 / 8",
        "3/8",
        "第 3 页 共 8 页",
        "- 3 -",
    ],
)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs"])
def test_a_page_footer_between_rows_is_no_row(
    example: Report, footer: str, style: str
) -> None:
    """``3 / 8`` was read as three figures of the row above (its row
    missing); ``第3页/共8页`` and ``共8页 第3页`` were unknown labels."""
    text = render(example, style)
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if "1.属于国家秘密" in line)
    report = read_text("\n".join([*lines[:at], footer, *lines[at:]]))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("line", ["3 / 2", "0/8", "12 / 2"])
def test_a_line_like_a_page_number_that_is_none_is_not_dropped(
    example: Report, line: str
) -> None:
    """Not page N of M (N > M, or page 0): the figures are reported, not lost."""
    text = render(example, "rows")
    lines = text.split("\n")
    at = next(n for n, row in enumerate(lines) if "1.属于国家秘密" in row)
    report = read_text("\n".join([*lines[:at], line, *lines[at:]]))
    assert report.reading_findings != ()
    assert _wrong(report, dict(example.cells())) == []


# ------------------------------------------------ character references in text


@pytest.mark.parametrize(
    ("printed", "style"),
    [
        ("行政许可&nbsp;&nbsp;1268", "layout"),  # the columns' spaces
        ("行政许可&nbsp;1268", "layout"),
        ("行政许可    &#49;268", "layout"),
        ("行政许可    &#x31;268", "layout"),
        ("行政许可\t1268&nbsp;", "tabs"),
        ("行政许可 | &#49;268 |", "rows"),
    ],
)
def test_character_references_in_text_are_read_as_shown(
    example: Report, printed: str, style: str
) -> None:
    """Text copied from a page's source keeps ``&nbsp;`` and ``&#49;``: the row
    was an unknown label (its figure missing) outside Markdown cells."""
    text = render(example, style)
    row = next(line for line in text.split("\n") if line.startswith("行政许可"))
    report = read_text(_replace(text, row, printed))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_character_references_in_prose_are_read_as_shown(example: Report) -> None:
    text = _replace(
        render(example, "layout"), "全年在市政府", "全年&ldquo;在&rdquo;市政府"
    )
    report = read_text(text)
    assert report.overview.subsections[0].paragraphs[0].startswith("全年“在”市政府")


# ------------------------------------------------ units in odd places


@pytest.mark.parametrize(
    ("label", "printed", "read"),
    [
        ("行政事业性收费（元）", "125600", Decimal("12.56")),
        ("行政事业性收费(单位:元)", "125600", Decimal("12.56")),
        ("行政事业性收费（万元）", "12.56", Decimal("12.56")),
    ],
)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs"])
def test_a_unit_in_the_fee_rows_label_is_the_unit_of_its_figure(
    example: Report, label: str, printed: str, read: Decimal, style: str
) -> None:
    """``行政事业性收费（元） | 125600`` was read as 125600 万元 (ten thousand
    times the fee), with only a finding that the label had extra characters."""
    text = render(example, style)
    row = next(line for line in text.split("\n") if line.startswith("行政事业性收费"))
    report = read_text(
        _replace(
            text, row, row.replace("行政事业性收费", label).replace("12.56", printed)
        )
    )
    assert report["active.fees.amount"] == read
    kinds = [f.kind for f in report.reading_findings]
    assert kinds == ([FindingKind.CONVERTED_UNIT] if printed != "12.56" else [])


# ------------------------------------------------ one space between every cell


def _single_spaces(text: str) -> str:
    """The layout form with every run of column spaces one space (a PDF copy)."""
    return "\n".join(" ".join(line.split("    ")) for line in text.split("\n"))


def _total_first(example: Report, text: str, sep: str) -> str:
    """Table 3 printed with 总计 before 自然人: its header and every row."""
    out = []
    for printed in text.split("\n"):
        end = " |" if sep == " | " and printed.endswith(" |") else ""
        line = printed.removesuffix(end)
        cells = line.split(sep)
        if line.startswith("自然人"):
            cells = [cells[2], cells[0], cells[1]]
        for row in example.requests.spec.rows:
            if row.label in cells:
                at = cells.index(row.label) + 1
                figures = cells[at : at + 7]
                cells[at : at + 7] = [figures[6], *figures[:6]]
        out.append(sep.join(cells) + end)
    return "\n".join(out)


def test_a_report_copied_with_one_space_between_cells(example: Report) -> None:
    """``（六）其他处理 3.其他 0 0 …``: the group cell and the label were one
    unknown label and the row's figures were lost."""
    report = read_text(_single_spaces(render(example, "layout")))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("heads", ["spaces", "single", "、"])
def test_table_3_with_its_total_first_over_single_spaced_heads(
    example: Report, heads: str
) -> None:
    """``总计 自然人 法人或其他组织`` with one space (or a 、) between: the
    header was an unknown label and 65 figures were put in the format's order,
    each in the wrong column, with no finding about them."""
    text = _total_first(example, render(example, "layout"), "    ")
    if heads == "single":
        text = _single_spaces(text)
    elif heads == "、":
        text = text.replace(
            "总计    自然人    法人或其他组织", "总计、自然人、法人或其他组织"
        )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def _one_cell_a_line(text: str) -> str:
    """The ``a | b |`` rows of ``text`` one cell a line (each followed by `` |``)."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.endswith(" |"):
            out += [f"{c.strip()} |" for c in line.removesuffix(" |").split(" | ")]
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("form", ["rows", "layout", "tabs", "cells"])
def test_an_unknown_head_first_in_a_header_row_is_a_column_not_skipped(
    example: Report, form: str
) -> None:
    """``合计`` for ``总计``, printed first: it was skipped as an unknown label,
    the header had 自然人 first, and 65 figures went into the wrong columns
    (only a warning about the label). Its column is now unknown: missing."""
    sep = {"rows": " | ", "cells": " | ", "layout": "    ", "tabs": "\t"}[form]
    text = _total_first(
        example, render(example, "rows" if form == "cells" else form), sep
    )
    if form == "cells":
        text = _one_cell_a_line(text)
    at = text.index("总计", text.index("申请人情况"))
    report = read_text(text[:at] + "合计" + text[at + 2 :])
    assert _wrong(report, dict(example.cells())) == []
    totals = [
        c for c in example.cells() if c.startswith("requests.") and c.endswith(".total")
    ]
    assert all(report[c] is MISSING for c in totals)
    others = [c for c in example.cells() if c not in totals]
    assert all(report[c] == example[c] for c in others)


# ------------------------------------------------ traps read right, kept


def _moved_total(text: str) -> str:
    """Table 3's 总计 row printed before its parts."""
    lines = text.split("\n")
    total = next(n for n, line in enumerate(lines) if "（七）总计" in line)
    first = next(n for n, line in enumerate(lines) if "（一）予以公开" in line)
    row = lines.pop(total)
    lines.insert(first, row)
    return "\n".join(lines)


_HEADER_AGAIN = (
    "第 2 页 共 8 页\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |\n"
    "自然人 | 法人或其他组织 | 总计 |\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
)

RIGHT: list[tuple[str, str, Any]] = [
    ("CR line ends", "rows", lambda t: t.replace("\n", "\r")),
    ("U+2028 line ends", "rows", lambda t: t.replace("\n", "\u2028")),
    ("mixed line ends", "rows", lambda t: t.replace("\n", "\r\n", 30)),
    ("a BOM", "layout", lambda t: "\ufeff" + t),
    (
        "traditional labels",
        "rows",
        lambda t: t.replace("行政许可", "行政許可").replace(
            "（一）予以公开", "（一）予以公開"
        ),
    ),
    (
        "traditional headings",
        "rows",
        lambda t: t.replace(
            "三、收到和处理政府信息公开申请情况", "三、收到和處理政府信息公開申請情況"
        ),
    ),
    ("1，268 full-width comma", "rows", lambda t: t.replace("| 1268 |", "| 1，268 |")),
    ("total row first", "rows", _moved_total),
    ("total row first, spaces", "layout", _moved_total),
    (
        "two rows on one line",
        "layout",
        lambda t: t.replace(
            "规章    0    0    0\n行政规范性文件",
            "规章    0    0    0    行政规范性文件",
        ),
    ),
    (
        "header again after a page break",
        "rows",
        lambda t: t.replace(
            "（四）无法提供 | 1.", _HEADER_AGAIN + "（四）无法提供 | 1.", 1
        ),
    ),
    (
        "ideographic space between cells",
        "layout",
        lambda t: t.replace("行政许可    1268", "行政许可\u30001268"),
    ),
    (
        "label wrapped below its row",
        "layout",
        lambda t: t.replace(
            "（区分处理的，只计这一情形，不计其他情形）    5",
            "（区分处理的，只计这    5",
        ).replace("    0    6\n", "    0    6\n一情形，不计其他情形）\n", 1),
    ),
]


@pytest.mark.parametrize(("name", "style", "change"), RIGHT, ids=[r[0] for r in RIGHT])
def test_traps_read_right(example: Report, name: str, style: str, change: Any) -> None:
    text = render(example, style)
    changed = change(text)
    assert changed != text, name
    report = read_text(changed)
    assert dict(report.cells()) == dict(example.cells())
    assert all(f.severity is not Severity.ERROR for f in report.reading_findings)


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("1 268", FindingKind.EXTRA_CELL),  # one figure or two: not told
        ("1\u2009268", FindingKind.EXTRA_CELL),
        ("1\u202f268", FindingKind.EXTRA_CELL),
        ("1\u3000268", FindingKind.EXTRA_CELL),
        ("1.268", FindingKind.UNREAD_LINE),  # a count with a decimal point
        # a Chinese numeral is read when well formed (test_text_probes6), not here
        ("一千二百六八", FindingKind.UNREAD_LINE),
        ("无", FindingKind.UNKNOWN_LABEL),
        ("空", FindingKind.UNKNOWN_LABEL),
    ],
)
@pytest.mark.parametrize("style", ["rows", "layout"])
def test_figures_a_reader_cannot_be_sure_of_are_reported(
    example: Report, printed: str, kind: FindingKind, style: str
) -> None:
    text = render(example, style)
    row = next(line for line in text.split("\n") if line.startswith("行政许可"))
    report = read_text(_replace(text, row, row.replace("1268", printed)))
    assert report["active.licensing.decisions"] is MISSING
    assert kind in {f.kind for f in report.reading_findings}
    assert _wrong(report, dict(example.cells())) == []


@pytest.mark.parametrize(
    ("printed", "read"),
    [("×", NOT_APPLICABLE), ("一一", NOT_APPLICABLE), ("27件次", 27), ("27 件次", 27)],
)
@pytest.mark.parametrize("style", ["rows", "layout", "tabs", "cells"])
def test_marks_the_value_parser_knows_are_figures_in_a_grid(
    example: Report, printed: str, read: Any, style: str
) -> None:
    """``×`` and ``一一`` (not applicable to `parse_value`) and ``27件次`` were
    unknown labels in a table: the row was reported missing."""
    text = render(example, style)
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("行政强制"))
    if style == "cells":
        at += 1  # the figure's own line
    lines[at] = lines[at].replace("27", printed)
    report = read_text("\n".join(lines))
    expected = dict(example.cells()) | {"active.coercion.decisions": read}
    assert dict(report.cells()) == expected
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    ("unknown", "only_its_column"), [("个人", True), ("申请人", False)]
)
def test_single_spaced_heads_with_an_unknown_one_place_the_others_by_header(
    example: Report, unknown: str, only_its_column: bool
) -> None:
    """``总计 个人 法人或其他组织`` with the total first and one head the format
    does not name: the line was an unknown label, and 65 figures were read in
    the format's order (each in the wrong column) with one warning. Cut into
    heads, the known ones place their figures and the unknown one's column is
    reported missing (``申请人``, a piece of the group head 申请人情况, leaves
    the header unmatched: every row is reported, none read wrong)."""
    text = _single_spaces(_total_first(example, render(example, "layout"), "    "))
    text = text.replace("总计 自然人 法人或其他组织", f"总计 {unknown} 法人或其他组织")
    report = read_text(text)
    wrong = [
        cell
        for cell in example
        if report[cell] != example[cell] and report[cell] is not MISSING
    ]
    assert wrong == []
    missing = {cell for cell in example if report[cell] is MISSING}
    assert missing
    assert report.reading_findings
    if only_its_column:
        assert all(cell.endswith(".natural_person") for cell in missing)
        assert any(
            f"“{unknown}”不是报告格式中的列名" in f.message
            for f in report.reading_findings
        )
