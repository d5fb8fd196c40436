"""The Word writer: content, table layout, typography, refusal, reproducibility, atomicity."""

from __future__ import annotations

import ast
import io
import os
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.oxml.ns import qn

import govinfo_report as gr
from govinfo_report import FormatVersion, Mark
from govinfo_report._cli import main
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
)
from govinfo_report._ooxml import _layout
from govinfo_report._word import _writer

# ------------------------------------------------------------------ helpers


def _docx(report: gr.Report, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    gr.write_docx(report, buffer, **kwargs)
    return buffer.getvalue()


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _grid(tbl: Any) -> list[list[tuple[str, str]]]:
    """Expand a w:tbl into rows of (text, kind): kind 'cell', 'span' (gridSpan
    continuation) or 'vmerge' (covered by a vertical merge)."""
    grid: list[list[tuple[str, str]]] = []
    for tr in tbl.iter(qn("w:tr")):
        row: list[tuple[str, str]] = []
        for tc in tr.iter(qn("w:tc")):
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            covered = vm is not None and vm.get(qn("w:val"), "continue") == "continue"
            row.append((text, "vmerge" if covered else "cell"))
            row.extend([("", "span")] * (span - 1))
        grid.append(row)
    return grid


def _texts(tbl: Any) -> list[str]:
    return [t for row in _grid(tbl) for t, kind in row if kind == "cell" and t]


def _paragraphs(document: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs]


@pytest.fixture(scope="module")
def example() -> gr.Report:
    return gr.example_report()


@pytest.fixture(scope="module")
def example_doc(example: gr.Report) -> Any:
    return _open(_docx(example))


# ------------------------------------------------------------------ content


def test_title_preface_sections_and_ending(
    example: gr.Report, example_doc: Any
) -> None:
    paragraphs = _paragraphs(example_doc)
    assert paragraphs[0] == ("报告标题", example.title)
    assert example.title == "青禾市生态环境局2025年政府信息公开工作年度报告"
    texts = [t for _, t in paragraphs]
    assert example.preface[0] in texts
    headings = [t for s, t in paragraphs if s == "报告一级标题"]
    assert headings == [s.heading for s in example.spec.sections]
    subs = [t for s, t in paragraphs if s == "报告二级标题"]
    assert subs == [
        f"（{n}）{sub.title}"
        for n, sub in zip("一二三四五", example.overview.subsections, strict=True)
    ]
    for paragraph in example.problems.paragraphs + example.other_matters.paragraphs:
        assert paragraph in texts
    assert paragraphs[-2] == ("报告落款", example.metadata.agency)
    assert paragraphs[-1] == ("报告落款", "2026年1月20日")


def test_tables_stand_under_their_sections(example_doc: Any) -> None:
    body = example_doc.element.body
    order = []
    for child in body:
        if child.tag == qn("w:tbl"):
            order.append("TABLE")
        elif child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text[:2] in ("二、", "三、", "四、", "五、"):
                order.append(text[:2])
    assert order == ["二、", "TABLE", "三、", "TABLE", "四、", "TABLE", "五、"]


def test_every_figure_is_printed_in_its_place(
    example: gr.Report, example_doc: Any
) -> None:
    t2, t3, t4 = example_doc.tables
    # Table 3: a data row per spec row, label then the 7 figures.
    grid3 = _grid(t3._tbl)
    data = grid3[3:]
    assert len(data) == len(example.requests.spec.rows)
    for row_spec, row in zip(example.requests.spec.rows, data, strict=True):
        labels = [t for t, k in row[:3] if k == "cell" and t]
        assert labels[-1] == row_spec.label
        figures = [t for t, _ in row[3:]]
        expected = [
            str(example.requests[f"{row_spec.id}.{c.id}"]) for c in row_spec.columns
        ]
        assert figures == expected
    # Table 4: the last row holds the 15 figures in spec order.
    grid4 = _grid(t4._tbl)
    assert [t for t, _ in grid4[-1]] == [str(v) for v in example.appeals.values]
    # Table 2: each data row is label + figures (a one-figure row spans 3 columns).
    grid2 = _grid(t2._tbl)
    by_label = {row[0][0]: [t for t, k in row[1:] if k == "cell"] for row in grid2}
    for row_spec in example.active.spec.rows:
        expected = [
            _layout.figure_text(example.active[f"{row_spec.id}.{c.id}"])
            for c in row_spec.columns
        ]
        assert by_label[row_spec.label] == expected


def test_table_2_blocks(example: gr.Report, example_doc: Any) -> None:
    grid = _grid(example_doc.tables[0]._tbl)
    assert all(len(row) == 4 for row in grid)
    headings = [
        row[0][0]
        for row in grid
        if [k for _, k in row] == ["cell", "span", "span", "span"]
    ]
    assert headings == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    headers = [row for row in grid if row[0][0] == CONTENT_HEADING]
    assert [t for t, _ in headers[0]] == [
        CONTENT_HEADING,
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    # one-figure blocks: header and data span the 3 figure columns
    assert [k for _, k in headers[1]] == ["cell", "cell", "span", "span"]
    assert headers[3][1][0] == "本年收费金额（单位：万元）"


def test_table_3_header(example_doc: Any) -> None:
    tbl = example_doc.tables[1]._tbl
    grid = _grid(tbl)
    assert all(len(row) == 10 for row in grid)
    assert grid[0][0] == (REQUESTS_NOTE, "cell")
    assert [k for _, k in grid[0][:3]] == ["cell", "span", "span"]
    assert [k for _, k in grid[1][:3]] == ["vmerge", "span", "span"]
    assert [k for _, k in grid[2][:3]] == ["vmerge", "span", "span"]
    assert grid[0][3] == (APPLICANTS_HEADING, "cell")
    assert [k for _, k in grid[0][4:]] == ["span"] * 6
    assert [t for t, k in grid[1][3:] if k == "cell"] == [
        "自然人",
        LEGAL_PERSONS_HEADING,
        "总计",
    ]
    assert [k for _, k in grid[1][4:9]] == ["cell", "span", "span", "span", "span"]
    assert [t for t, k in grid[2][3:]] == [
        "",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "",
    ]
    assert grid[2][3][1] == grid[2][9][1] == "vmerge"
    header_rows = [
        tr
        for tr in tbl.iter(qn("w:tr"))
        if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    ]
    assert len(header_rows) == 3
    assert all(
        tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        for tr in tbl.iter(qn("w:tr"))
    )


def test_table_3_group_cells_span_their_rows(
    example: gr.Report, example_doc: Any
) -> None:
    grid = _grid(example_doc.tables[1]._tbl)[3:]
    rows = example.requests.spec.rows
    for level in (0, 1):
        for row_spec, row in zip(rows, grid, strict=True):
            groups = row_spec.groups
            if len(groups) > level:
                text, kind = row[level]
                first = next(
                    r for r in rows if r.groups[: level + 1] == groups[: level + 1]
                )
                if first is row_spec:
                    assert (text, kind) == (groups[level], "cell")
                else:
                    assert kind == "vmerge"
    column0 = [row[0] for row in grid]
    assert column0[2] == ("三、本年度办理结果", "cell")
    assert sum(1 for _, k in column0 if k == "vmerge") == 21  # 22 rows in all


def test_hybrid_and_2019_layouts() -> None:
    hybrid = gr.from_cells(
        {"requests.other.natural_person": 2, "requests.received.natural_person": 2},
        agency="某局",
        year=2024,
        requests_layout=FormatVersion.V2019,
    )
    # Empty narratives stop publishing (S1); the layout is what is tested here.
    doc = _open(_docx(hybrid, allow_findings=True))
    texts = _texts(doc.tables[1]._tbl)
    assert "（六）其他处理" in texts
    assert "3.其他" not in texts
    old = gr.from_cells(
        {}, agency="某局", year=2020, format_version=FormatVersion.V2019
    )
    doc = _open(_docx(old, allow_findings=True))
    grid = _grid(doc.tables[0]._tbl)
    texts = _texts(doc.tables[0]._tbl)
    for label in (
        "第二十条第（九）项",
        "本年新制作数量",
        "本年增/减",
        "规范性文件",
        "采购总金额",
        "政府集中采购",
    ):
        assert label in texts
    assert "五、政府信息公开工作存在的主要问题及改进情况" in [
        p.text for p in doc.paragraphs
    ]
    # (八) has two figure columns: the last spans the rest of the table
    fees = next(row for row in grid if row[0][0] == "行政事业性收费")
    assert [k for _, k in fees] == ["cell", "cell", "cell", "span"]


def test_table_4_three_level_header(example_doc: Any) -> None:
    grid = _grid(example_doc.tables[2]._tbl)
    assert len(grid) == 4
    assert [t for t, k in grid[0] if k == "cell"] == ["行政复议", LITIGATION_HEADING]
    assert [t for t, k in grid[1] if k == "cell"] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert [k for _, k in grid[2][:5]] == ["vmerge"] * 5
    assert [t for t, _ in grid[2][5:10]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]


def test_a_row_added_to_the_format_needs_no_change_in_the_writer(
    example: gr.Report,
) -> None:
    spec = example.requests.spec
    extra = attrs.evolve(spec.rows[2], id="granted.extra", label="（一）甲、新增的一行")
    rows = (*spec.rows[:3], extra, *spec.rows[3:])
    new_spec = attrs.evolve(spec, rows=rows)
    values = [Mark.BLANK] * len(new_spec.cells)
    layout = _layout.requests_layout(new_spec, values)
    labels = [c.text for row in layout.rows for c in row.cells]
    assert "（一）甲、新增的一行" in labels
    assert len(layout.rows) == 3 + len(rows)


# --------------------------------------------------------- figures as published


def test_figures_as_published() -> None:
    base = gr.example_report()
    published = attrs.evolve(base, as_published=True).with_cells(
        {
            "active.fees.amount": Decimal("3.5000"),
            "active.rules.issued": gr.BLANK,
            "active.rules.repealed": gr.NOT_APPLICABLE,
            "active.rules.in_force": gr.MISSING,
        },
        derive_totals=False,
    )
    with pytest.raises(gr.InconsistentReportError):
        _docx(published)
    doc = _open(_docx(published, allow_findings=True))
    grid = _grid(doc.tables[0]._tbl)
    rules = next(row for row in grid if row[0][0] == "规章")
    assert [t for t, _ in rules] == ["规章", "", "/", ""]
    fees = next(row for row in grid if row[0][0] == "行政事业性收费")
    assert fees[1][0] == "3.5000"


def test_refuses_a_report_with_error_findings(tmp_path: Path) -> None:
    broken = attrs.evolve(gr.example_report(), as_published=True).with_cells(
        {"requests.total.total": 999}, derive_totals=False
    )
    target = tmp_path / "out.docx"
    with pytest.raises(gr.InconsistentReportError) as info:
        gr.write_docx(broken, target)
    assert any("requests.total.total" in f.cells for f in info.value.findings)
    assert not target.exists()
    gr.write_docx(broken, target, allow_findings=True)
    assert target.exists()


# ------------------------------------------------------------------ typography


def test_page_setup_and_page_numbers(example_doc: Any) -> None:
    section = example_doc.sections[0]
    sect = section._sectPr
    size = sect.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    margins = sect.find(qn("w:pgMar"))
    twips = {
        k: int(margins.get(qn(f"w:{k}"))) for k in ("top", "bottom", "left", "right")
    }
    assert twips == {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
    footer = section.footer.paragraphs[0]
    instr = "".join(t.text for t in footer._p.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    assert footer.text.startswith("— ")
    assert footer.text.endswith(" —")
    assert footer.style.font.size.pt == 14


@pytest.mark.parametrize(
    ("name", "east_asia", "size"),
    [
        ("报告标题", "方正小标宋简体", 22),
        ("报告正文", "仿宋_GB2312", 16),
        ("报告一级标题", "黑体", 16),
        ("报告二级标题", "楷体_GB2312", 16),
        ("报告页码", "宋体", 14),
    ],
)
def test_styles_set_chinese_fonts(
    example_doc: Any, name: str, east_asia: str, size: int
) -> None:
    style = example_doc.styles[name]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == east_asia
    assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib)
    assert style.font.size.pt == size
    assert str(style.font.color.rgb) == "000000"


def test_body_spacing_and_indent(example_doc: Any) -> None:
    body = example_doc.styles["报告正文"].paragraph_format
    assert body.first_line_indent.pt == 32  # two 16 pt characters
    assert round(body.line_spacing.pt, 1) == 28.9
    # 22 lines fill the 225 mm text block
    assert int(225 / 25.4 * 72 // body.line_spacing.pt) == 22
    defaults = example_doc.styles.element.find(qn("w:docDefaults"))
    assert "Theme" not in "".join(defaults.find(f".//{qn('w:rFonts')}").attrib)


def test_tables_fit_the_text_width(example_doc: Any) -> None:
    text_width = 11906 - 1587 - 1474
    for table in example_doc.tables:
        tbl = table._tbl
        widths = [int(g.get(qn("w:w"))) for g in tbl.iter(qn("w:gridCol"))]
        assert abs(sum(widths) - text_width) <= len(widths)
        assert (
            tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type"))
            == "fixed"
        )
        assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None


# ------------------------------------------------- reproducible and atomic output


def test_same_report_same_bytes(example: gr.Report, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    gr.write_docx(example, first)
    gr.write_docx(example, second)
    assert first.read_bytes() == second.read_bytes() == _docx(example)
    with zipfile.ZipFile(first) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        names = package.namelist()
        assert "docProps/thumbnail.jpeg" not in names
        assert names[0] == "[Content_Types].xml"
    props = docx.Document(str(first)).core_properties
    assert props.author == "青禾市生态环境局"
    assert props.created.date() == date(2026, 1, 20) == props.modified.date()
    assert props.title == example.title


def test_a_failure_mid_write_leaves_the_target_untouched(
    example: gr.Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old report")

    def broken_zip(data: bytes) -> bytes:
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as patch:
        patch.setattr(_writer, "reproducible_zip", broken_zip)
        with pytest.raises(RuntimeError):
            gr.write_docx(example, target)
    assert target.read_bytes() == b"old report"

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", broken_fsync)
        with pytest.raises(gr.WriteError):
            gr.write_docx(example, target)
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_template_supplies_styles(example: gr.Report, tmp_path: Path) -> None:
    template = docx.Document()
    style = template.styles.add_style("报告正文", 1)
    style.font.size = docx.shared.Pt(12)
    template.add_paragraph("template text to be dropped")
    path = tmp_path / "template.docx"
    template.save(str(path))
    doc = _open(_docx(example, template=path))
    assert doc.styles["报告正文"].font.size.pt == 12  # the template's own
    assert doc.styles["报告一级标题"].font.size.pt == 16  # added
    assert "template text to be dropped" not in [p.text for p in doc.paragraphs]
    assert doc.paragraphs[0].text == example.title
    with pytest.raises(gr.WriteError, match="模板"):
        _docx(example, template=io.BytesIO(b"not a docx"))


def test_chinese_numbers() -> None:
    assert [_writer.chinese_number(n) for n in (1, 9, 10, 11, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十一",
        "九十九",
    ]
    with pytest.raises(ValueError, match="1–99"):
        _writer.chinese_number(0)


def test_no_official_label_is_a_literal_in_the_writer() -> None:
    # Labels come from the format table: no string constant of the Word writer
    # modules (docstrings aside) holds an official label.
    labels = {
        c.label for t in gr.format_spec().tables for r in t.rows for c in r.columns
    }
    labels |= {r.label for t in gr.format_spec().tables for r in t.rows}
    labels |= {g for t in gr.format_spec().tables for r in t.rows for g in r.groups}
    labels |= {s.heading for s in gr.format_spec().sections}
    for module in (_layout, _writer):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        constants = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        }
        assert not constants & labels, module.__name__


# ---------------------------------------------------------------------- CLI


def test_cli_example_and_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.docx"
    assert main(["example", "-o", str(out)]) == 0
    assert _open(out.read_bytes()).paragraphs[0].text == gr.example_report().title
    again = tmp_path / "again.docx"
    assert main(["render", "example", "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    assert (
        main(["render", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.docx")])
        == 2
    )
    assert "missing.json" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_cli_render_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "report.json"
    source.write_text(gr.to_json(gr.example_report()), encoding="utf-8")
    out = tmp_path / "report.docx"
    assert main(["render", str(source), "-o", str(out)]) == 0
    assert out.read_bytes() == _docx(gr.example_report())
    broken = attrs.evolve(gr.example_report(), as_published=True).with_cells(
        {"requests.total.total": 999}, derive_totals=False
    )
    source.write_text(gr.to_json(broken), encoding="utf-8")
    refused = tmp_path / "refused.docx"
    assert main(["render", str(source), "-o", str(refused)]) == 1
    assert "--allow-findings" in capsys.readouterr().err
    assert not refused.exists()
    assert main(["render", str(source), "-o", str(refused), "--allow-findings"]) == 0
    source.write_text("{not json", encoding="utf-8")
    assert main(["render", str(source), "-o", str(refused)]) == 2
