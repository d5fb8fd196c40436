"""read_text() probed a seventh time: what "PDF to Markdown" converters write.

Each test builds one variant of the example report as a converter (MinerU,
marker, pandoc, an LLM) or an editor writes it: HTML tables inside the
Markdown, footnote references after figures, escaped pipes. Every figure
read must be the figure printed, or a finding must name the cell; a
document whose figures can be read must not be refused.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest

from govinfo_report import (
    MISSING,
    NOT_APPLICABLE,
    FindingKind,
    Report,
    Severity,
    example_report,
    read,
    read_text,
)
from test_read_text import render
from test_text_probes import _replace, _wrong


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


# ------------------------------------------------ HTML tables inside Markdown


def _html_rows(lines: list[str]) -> str:
    """Tab-separated rows as one HTML table, on one line (as MinerU writes it)."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>"
        for line in lines
    )
    return f"<html><body><table>{rows}</table></body></html>"


def _with_html_tables(report: Report, *, one_line: bool = True) -> str:
    """The report as Markdown whose every table is HTML: the tab rendering,
    each run of tab-separated rows one ``<table>`` (a blank line round it)."""
    out: list[str] = []
    run: list[str] = []
    for line in render(report, "tabs").splitlines():
        if "\t" in line:
            run.append(line)
            continue
        if run:
            table = _html_rows(run)
            out.append(table if one_line else table.replace("><", ">\n<"))
            run = []
        out.append(line)
    return "\n\n".join(out) + "\n"


@pytest.mark.parametrize("one_line", [True, False])
def test_html_tables_in_markdown_are_read_as_tables(
    example: Report, one_line: bool
) -> None:
    """MinerU and marker write each table as HTML inside the Markdown, often
    on one line: every row of it was an unread line ("<html><body><table><tr>
    <td>信息内容…" is not a label) and every figure of tables 2, 3 and 4 was
    missing."""
    report = read_text(_with_html_tables(example, one_line=one_line))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_html_table_with_merged_cells_is_read_by_its_rows(example: Report) -> None:
    """A merged group cell (``<td rowspan="8">（三）不予公开</td>``) is in the
    first row it spans only, as MinerU writes it; the rows under it are read
    by their own labels."""
    text = _with_html_tables(example)
    seen: set[str] = set()
    spans = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3}

    def merged(found: re.Match[str]) -> str:
        group, label = found.group(1), found.group(2)
        if group in seen:
            return f"<tr><td>{label}</td>"
        seen.add(group)
        return f'<tr><td rowspan="{spans[group]}">{group}</td><td>{label}</td>'

    text = re.sub(
        r"<tr><td>(三、本年度办理结果|（三）不予公开|（四）无法提供)</td><td>([^<]*)</td>",
        merged,
        text,
    )
    assert len(seen) == 3
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize(
    "cell",
    [
        "12<sub>6</sub>8",
        "<del>1</del>1268",
        '<span style="display:none">9</span>1268',
        '<span style="font-size:0">9</span>1268',
        '<img src="figure.png">',
        "<s>1</s>268",
        '<font color="white">9</font>1268',
    ],
)
def test_html_cell_whose_digits_may_not_show_as_written_is_not_read(
    example: Report, cell: str
) -> None:
    """Digits a viewer may show otherwise than as the cell's run of text (a
    subscript, struck-out or hidden text, a picture) make no figure: the
    cell is 〓 with a finding, never 12,68 run together."""
    text = _replace(_with_html_tables(example), "<td>1268</td>", f"<td>{cell}</td>")
    report = read_text(text)
    assert report["active.licensing.decisions"] is MISSING
    named = [
        f for f in report.reading_findings if "active.licensing.decisions" in f.cells
    ]
    assert [f.kind for f in named] == [FindingKind.UNREAD_LINE]
    expected = {
        k: v
        for k, v in dict(example.cells()).items()
        if k != "active.licensing.decisions"
    }
    assert _wrong(report, expected) == []


def test_html_table_hidden_by_its_style_is_not_read(example: Report) -> None:
    """``<table style="display:none">``: no cell of it is read as a figure."""
    text = _replace(
        _with_html_tables(example), "<table>", '<table style="display:none">'
    )
    report = read_text(text)
    named = {c for f in report.reading_findings for c in f.cells}
    for cell in ("active.rules.issued", "active.normative_documents.in_force"):
        assert report[cell] is MISSING
        assert cell in named


def test_html_cell_a_stylesheet_may_hide_is_not_read(example: Report) -> None:
    """A ``<style>`` in the text may hide a cell by its class: this reader
    applies no stylesheet, so a cell it may select is not read."""
    text = _replace(
        _with_html_tables(example), "<td>1268</td>", '<td class="x">1268</td>'
    )
    assert read_text(text)["active.licensing.decisions"] == 1268
    report = read_text("<style>.x{display:none}</style>\n" + text)
    assert report["active.licensing.decisions"] is MISSING
    assert any(
        f.cells == ("active.licensing.decisions",) for f in report.reading_findings
    )


def test_html_cell_footnote_superscript_is_a_mark_not_a_digit(example: Report) -> None:
    """``1268<sup>1</sup>``: the raised 1 is a footnote mark (read as ``1268¹``
    is), not the last digit of 12681."""
    text = _replace(
        _with_html_tables(example), "<td>1268</td>", "<td>1268<sup>1</sup></td>"
    )
    report = read_text(text)
    assert report["active.licensing.decisions"] == 1268
    (note,) = report.reading_findings
    assert note.cells == ("active.licensing.decisions",)
    assert note.severity is Severity.WARNING
    assert "脚注" in note.message


def test_html_cell_markup_that_shows_its_text_is_read(example: Report) -> None:
    """Bold, a line break, a comment and a layout style show the figure as written."""
    text = _with_html_tables(example)
    text = _replace(text, "<td>1268</td>", "<td><strong>1,268</strong><!-- 9 --></td>")
    text = _replace(
        text, "<td>342</td>", '<td style="text-align:center"><b>342</b><br></td>'
    )
    text = _replace(
        text,
        "<td>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>",
        "<td>（二）部分公开<br>（区分处理的，只计这一情形，不计其他情形）</td>",
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_html_table_cut_short_keeps_its_rows_and_the_text_after(
    example: Report,
) -> None:
    """A copy ending inside a multi-line table: the rows it has are read, and
    ``<table`` in a sentence never swallows the text after it."""
    text = _with_html_tables(example, one_line=False)
    cut = text[: text.index("<td>（四）无法提供</td>")]
    report = read_text(cut)
    assert report["requests.withheld.administrative_query.total"] == 0
    assert report["requests.granted.total"] == 24
    assert any(f.kind is FindingKind.TRUNCATED for f in report.reading_findings)
    prose = _replace(
        render(example, "tabs"),
        "一、总体情况\n",
        "一、总体情况\n网页源码中的<table>标签\n",
    )
    report = read_text(prose)
    assert dict(report.cells()) == dict(example.cells())


# ------------------------------------------------ footnote references


@pytest.mark.parametrize("style", ["markdown", "tabs", "rows", "layout"])
@pytest.mark.parametrize("note", ["[^1]", "[^注1]"])
def test_markdown_footnote_reference_after_a_figure_is_a_mark(
    example: Report, style: str, note: str
) -> None:
    """``1268[^1]``: pandoc's and the converters' footnote reference after a
    figure was no figure ("1268[^1]" is not a label): the figure was missing."""
    text = render(example, style)
    text = re.sub(
        r"(行政许可\W+)1268", lambda m: f"{m.group(1)}1268{note}", text, count=1
    )
    assert note in text
    report = read_text(text)
    assert report["active.licensing.decisions"] == 1268
    (found,) = report.reading_findings
    assert found.cells == ("active.licensing.decisions",)
    assert found.severity is Severity.WARNING
    assert note in found.message
    assert dict(report.cells()) == dict(example.cells())


def test_footnote_reference_alone_is_no_figure() -> None:
    from govinfo_report._readers._cells import split_footnote_mark

    assert split_footnote_mark("[^1]") == ("[^1]", "")
    assert split_footnote_mark("1268[^a b]") == ("1268[^a b]", "")
    assert split_footnote_mark("12.56[^2]") == ("12.56", "[^2]")


# ------------------------------------------------ Markdown escapes


def test_markdown_escaped_footnote_mark_is_the_mark(example: Report) -> None:
    r"""pandoc writes the footnote mark of ``1268*`` as ``1268\*`` (a viewer
    shows ``1268*``): it was an unknown label and the figure missing."""
    text = _replace(render(example, "markdown"), "| 1268 |", "| 1268\\* |")
    report = read_text(text)
    assert report["active.licensing.decisions"] == 1268
    (found,) = report.reading_findings
    assert found.cells == ("active.licensing.decisions",)
    assert found.severity is Severity.WARNING
    assert dict(report.cells()) == dict(example.cells())


def test_markdown_escaped_bar_is_inside_its_cell(example: Report) -> None:
    r"""``\|`` is a bar inside a cell, not a cell's end: the row
    ``| 3.危及三安全\|一稳定 | 0 | …`` was cut into a label and a piece, and its
    seven figures were missing."""
    text = _replace(render(example, "markdown"), "“三安全一稳定”", "“三安全\\|一稳定”")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert not any(f.cells for f in report.reading_findings)


def test_markdown_backslash_cell_before_a_bar_is_not_applicable(
    example: Report,
) -> None:
    r"""``| 规章 | \| \| \|``: a backslash after a space is a cell of ``\``
    (not applicable) followed by the bar, not an escaped bar (read so before
    escapes were read; kept so)."""
    text = _replace(
        render(example, "markdown"), "| 规章 | 0 | 0 | 0 |", "| 规章 | \\| \\| \\|"
    )
    report = read_text(text)
    for column in ("issued", "repealed", "in_force"):
        assert report[f"active.rules.{column}"] is NOT_APPLICABLE
    expected = {k: v for k, v in dict(example.cells()).items() if "rules" not in k}
    assert _wrong(report, expected) == []


# ------------------------------------------------ grid tables (pandoc)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrapped(text: str, width: int) -> list[str]:
    pieces, piece = [], ""
    for char in text:
        if _width(piece + char) > width:
            pieces.append(piece)
            piece = char
        else:
            piece += char
    return [*pieces, piece]


def _grid(rows: list[list[str]], widths: list[int], header: bool = True) -> list[str]:
    """``rows`` as pandoc writes a grid table: a rule under every row
    (``+===+`` under the header), each cell wrapped to its column's width."""
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [rule]
    for number, row in enumerate(rows):
        cells = [_wrapped(c, w) for c, w in zip(row, widths, strict=False)]
        cells += [[""]] * (len(widths) - len(cells))
        for k in range(max(map(len, cells))):
            lines.append(
                "|"
                + "|".join(
                    f" {(c[k] if k < len(c) else '')}"
                    + " " * (w - _width(c[k] if k < len(c) else "") + 1)
                    for c, w in zip(cells, widths, strict=True)
                )
                + "|"
            )
        lines.append(rule.replace("-", "=") if header and number == 0 else rule)
    return lines


def _with_grids(report: Report) -> str:
    out: list[str] = []
    run: list[list[str]] = []
    for line in render(report, "tabs").splitlines():
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        if run:
            columns = max(map(len, run))
            out += _grid(run, [14 if i < 2 else 6 for i in range(columns)])
            run = []
        out.append(line)
    return "\n".join(out) + "\n"


def test_grid_table_rows_wrapped_over_lines_are_read(example: Report) -> None:
    """pandoc writes a table of long cells as a grid table, each cell wrapped
    in its column (``| 一、本年新收政 | 46 |`` / ``| 府信息公开申请 |  |`` /
    ``| 数量 |  |``): the label's pieces were unknown labels and the rows of
    wrapped labels missing; the lines between two rules are now one row."""
    text = _with_grids(example)
    assert "| 府信息公开申请 |" in text
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_grid_table_drawn_with_box_characters_is_read(example: Report) -> None:
    def boxed(line: str) -> str:
        if line.startswith("+"):
            return "├" + re.sub("[-=]", "─", line[1:-1]).replace("+", "┼") + "┤"
        return line.replace("|", "│") if line.startswith("|") else line

    text = "\n".join(map(boxed, _with_grids(example).splitlines())) + "\n"
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_grid_cell_with_figures_on_two_lines_is_not_joined(example: Report) -> None:
    """``12`` over ``68`` in one cell of a grid may be one figure or two: the
    row is reported, never read as 1268 or 12."""
    text = _with_grids(example)
    text = _replace(
        text,
        "| 行政许可       | 1268           |",
        "| 行政许可       | 12             |\n|                | 68             |",
    )
    report = read_text(text)
    assert report["active.licensing.decisions"] is MISSING
    assert any(
        f.cells == ("active.licensing.decisions",) for f in report.reading_findings
    )
    expected = dict(example.cells())
    del expected["active.licensing.decisions"]
    assert _wrong(report, expected) == []


def test_table_ruled_round_its_header_only_keeps_a_row_a_line(example: Report) -> None:
    """``psql`` draws rules round the header only: the body's lines are rows
    of their own (figures on every line), never joined into one."""
    out: list[str] = []
    run: list[str] = []
    for line in render(example, "tabs").splitlines():
        if "\t" in line:
            run.append("| " + " | ".join(line.split("\t")) + " |")
            continue
        if run:
            rule = "+" + "-" * 20 + "+"
            out += [rule, run[0], rule, *run[1:], rule]
            run = []
        out.append(line)
    report = read_text("\n".join(out) + "\n")
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------ table 3 column by column


_HEADS = (
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
)


def _table_3_by_columns(report: Report, *, one_line: bool) -> tuple[str, list[str]]:
    """The tab rendering with table 3 given column by column: its row labels
    first (a line of them, or one a line), then each column's head and its
    25 figures (on the head's line, or one a line below it)."""
    lines = render(report, "tabs").splitlines()
    begin = next(i for i, x in enumerate(lines) if x.startswith("三、收到和处理"))
    end = next(i for i, x in enumerate(lines) if x.startswith("四、政府信息公开行政"))
    body = [line.split("\t") for line in lines[begin + 4 : end]]
    labels = [row[-8] for row in body]
    columns = [[row[-7 + j] for row in body] for j in range(7)]
    if one_line:
        table = ["\t".join(["申请人情况", *labels])]
        table += [
            "\t".join([head, *c]) for head, c in zip(_HEADS, columns, strict=True)
        ]
    else:
        table = [lines[begin + 1].split("\t")[0], *labels]
        for head, column in zip(_HEADS, columns, strict=True):
            table += [head, *column]
    return "\n".join([*lines[: begin + 1], *table, *lines[end:]]) + "\n", table


@pytest.mark.parametrize("one_line", [True, False])
def test_table_3_given_column_by_column_is_read_by_its_heads(
    example: Report, one_line: bool
) -> None:
    """A "copy table" tool gives table 3 a column at a time (``自然人 46 3 18 …``,
    or ``自然人`` and its 25 figures one a line): all 175 figures of table 3
    were missing. With every row label printed in the format's order, every
    column once with a figure for every row, and R1–R3 holding, each column
    is read under its head, with a warning naming every cell."""
    text, _ = _table_3_by_columns(example, one_line=one_line)
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    (found,) = report.reading_findings
    assert found.kind is FindingKind.AMBIGUOUS
    assert found.severity is Severity.WARNING
    assert len(found.cells) == 175
    assert "按列" in found.message


def test_table_3_given_column_by_column_in_a_pipe_table_is_read(
    example: Report,
) -> None:
    """The same as a Markdown pipe table (``| 自然人 | 46 | 3 | …``, a rule
    row under its header of row labels)."""
    text, table = _table_3_by_columns(example, one_line=True)
    piped = ["| " + line.replace("\t", " | ") + " |" for line in table]
    piped.insert(1, "|" + "---|" * 26)
    text = _replace(text, "\n".join(table), "\n".join(piped))
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert [f.kind for f in report.reading_findings] == [FindingKind.AMBIGUOUS]


def _missing_requests_named(report: Report, example: Report) -> None:
    """No figure of table 3 read; every cell named; nothing else wrong."""
    named = {c for f in report.reading_findings for c in f.cells}
    for cell, value in dict(report.cells()).items():
        if cell.startswith("requests."):
            assert value is MISSING
            assert cell in named
    assert _wrong(report, dict(example.cells())) == []


def test_table_3_by_columns_with_rows_out_of_order_is_not_read(
    example: Report,
) -> None:
    """R1–R3 cannot tell two result rows apart: labels printed in another
    order than the format's (``5.`` before ``4.``) leave no proof of which
    figure is whose, so the table is not read (every cell named)."""
    text, _ = _table_3_by_columns(example, one_line=True)
    text = _replace(
        text,
        "4.保护第三方合法权益\t5.属于三类内部事务信息",
        "5.属于三类内部事务信息\t4.保护第三方合法权益",
    )
    _missing_requests_named(read_text(text), example)


def test_table_3_by_columns_without_its_labels_is_not_read(example: Report) -> None:
    text, table = _table_3_by_columns(example, one_line=True)
    text = text.replace(table[0] + "\n", "")
    _missing_requests_named(read_text(text), example)


def test_table_3_by_columns_whose_checks_fail_is_not_read(example: Report) -> None:
    text, _ = _table_3_by_columns(example, one_line=True)
    text = _replace(text, "自然人\t46\t3\t18", "自然人\t46\t3\t19")
    _missing_requests_named(read_text(text), example)


def test_two_html_tables_on_one_line_are_both_read(example: Report) -> None:
    """A converter writing two tables on one line (``</table> 续表 <table>``):
    the second's rows were the first's trailing text."""
    lines = _with_html_tables(example).split("\n")
    at = [i for i, line in enumerate(lines) if "<table>" in line]
    both = f"{lines[at[0]]} 续表 {lines[at[1]]}"
    text = "\n".join(
        [*lines[: at[0]], both, *lines[at[0] + 1 : at[1]], *lines[at[1] + 1 :]]
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert not any(f.cells for f in report.reading_findings)


def test_many_unclosed_table_tags_are_read_in_one_pass(example: Report) -> None:
    """``<table`` on 50,000 lines and no ``</table>``: a start must not look
    for its end to the text's end each time (quadratic: minutes); every end
    is found once (a guard of the HTML-table reading, not of older code)."""
    text = render(example, "tabs") + "<table>\n" * 50_000
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())


def test_table_ruled_round_a_header_of_several_lines_keeps_its_levels(
    example: Report,
) -> None:
    """A renderer padding every line to the grid's columns, rules round the
    header only: the header's levels (``申请人情况`` over ``自然人`` over
    ``商业企业``; table 4's three) are rows of their own, never joined into
    ``申请人情况自然人…`` (a guard of the grid reading, not of older code)."""
    out: list[str] = []
    run: list[list[str]] = []
    for line in render(example, "tabs").splitlines():
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        if run:
            width = max(map(len, run))
            rows = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in run]
            heads = next(
                k for k, r in enumerate(run) if any(c.isdigit() for c in "".join(r[1:]))
            )
            rule = "+" + "-" * 20 + "+"
            out += [rule, *rows[:heads], rule, *rows[heads:], rule]
            run = []
        out.append(line)
    report = read_text("\n".join(out) + "\n")
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------------ CSV line ends


def _tables_csv(report: Report) -> str:
    """The report as Excel's CSV of its text and tables (one cell a field)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in render(report, "tabs").splitlines():
        writer.writerow(line.split("\t"))
    return out.getvalue()


def test_csv_with_doubled_carriage_returns_is_read(
    example: Report, tmp_path: Path
) -> None:
    r"""Python's csv module writing to a file opened in text mode on Windows
    ends every row ``\r\r\n``: no row was taken for a CSV row (its line end
    was no ``\r\n``), the ``.csv`` file was refused as a bad exchange
    document ("不是 UTF-8 编码", given GB18030 as Chinese Excel writes) and
    ``read_text`` read no row (``规章,0,0,0`` an unknown label): all 200
    figures missing."""
    text = _tables_csv(example).replace("\r\n", "\r\r\n")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()
    path = tmp_path / "report.csv"
    path.write_bytes(text.encode("gb18030"))
    report = read(path)
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


@pytest.mark.parametrize("cell", ["<p>1</p><p>268</p>", "<div>12</div>68"])
def test_html_cell_of_two_paragraphs_is_two_lines(example: Report, cell: str) -> None:
    """``<p>1</p><p>268</p>`` shows 1 over 268: one figure or two, no 1268
    (a guard of the HTML-table reading: its first version joined them)."""
    text = _replace(_with_html_tables(example), "<td>1268</td>", f"<td>{cell}</td>")
    report = read_text(text)
    assert report["active.licensing.decisions"] is MISSING
    named = [
        f for f in report.reading_findings if "active.licensing.decisions" in f.cells
    ]
    assert [f.kind for f in named] == [FindingKind.EXTRA_CELL]


def test_markdown_superscript_footnote_mark_after_a_figure_or_label(
    example: Report,
) -> None:
    """``1268<sup>1</sup>`` and ``行政许可<sup>1</sup>`` in a pipe table: a
    viewer raises the 1, a footnote mark. The figure was missing ("1268<sup>1
    </sup>" no figure, the label an unknown label); now 1268 with a warning."""
    text = _replace(render(example, "markdown"), "| 1268 |", "| 1268<sup>1</sup> |")
    report = read_text(text)
    assert report["active.licensing.decisions"] == 1268
    (found,) = report.reading_findings
    assert found.severity is Severity.WARNING
    assert "¹" in found.message
    text = _replace(
        render(example, "markdown"), "| 行政许可 |", "| 行政许可<sup>1</sup> |"
    )
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    assert [f.kind for f in report.reading_findings] == [FindingKind.LABEL_VARIANT]


def test_markdown_footnote_reference_after_a_label_is_a_label_variant(
    example: Report,
) -> None:
    """``| 行政许可[^1] | 1268 |``: the label was unknown and the row's figure
    missing; it is the label with a note (``LABEL_VARIANT``)."""
    text = _replace(render(example, "markdown"), "| 行政许可 |", "| 行政许可[^1] |")
    report = read_text(text)
    assert dict(report.cells()) == dict(example.cells())
    (found,) = report.reading_findings
    assert found.kind is FindingKind.LABEL_VARIANT
    assert "[^1]" in found.message
