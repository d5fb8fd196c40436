"""The web page writer: structure of the markup, escaping, refusal, and read back equal."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import attrs
import lxml.html
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report import FormatVersion
from govinfo_report._web import html_text
from strategies import consistent_reports, published_reports


def _page(report: gr.Report, **kwargs: bool) -> bytes:
    # Generated reports may have empty sections or a year of the other format
    # (check_publishable errors): the markup is what these tests look at, the
    # refusal has its own test.
    kwargs.setdefault("allow_findings", True)
    buffer = io.BytesIO()
    gr.write_html(report, buffer, **kwargs)
    return buffer.getvalue()


def _tables(page: bytes) -> list[lxml.html.HtmlElement]:
    root = lxml.html.document_fromstring(page.decode("utf-8"))
    return list(root.iter("table"))


def _grid_width(table: lxml.html.HtmlElement) -> list[int]:
    """The grid columns each row covers, counting cells spanned from rows above."""
    covered: Counter[int] = Counter()
    widths: list[int] = []
    for number, tr in enumerate(table.iter("tr")):
        width = covered.pop(number, 0)
        for cell in tr:
            span = int(cell.get("colspan", "1"))
            width += span
            for below in range(1, int(cell.get("rowspan", "1"))):
                covered[number + below] += span
        widths.append(width)
    return widths


# ------------------------------------------------------------------ read back


def test_example_reads_back_equal(tmp_path: Path) -> None:
    report = gr.example_report()
    path = tmp_path / "report.html"
    gr.write_html(report, path)
    back = gr.read_html(path.read_bytes())
    assert back == report
    assert back.reading_findings == ()
    assert gr.read(path) == report


@given(consistent_reports(version=FormatVersion.V2021))
def test_round_trip_2021(report: gr.Report) -> None:
    back = gr.read_html(_page(report))
    assert back == report
    assert back.reading_findings == ()


@given(consistent_reports(version=FormatVersion.V2019))
def test_round_trip_2019(report: gr.Report) -> None:
    back = gr.read_html(_page(report))
    assert back == report
    assert back.reading_findings == ()


@given(consistent_reports(FormatVersion.V2021, FormatVersion.V2019))
def test_round_trip_hybrid(report: gr.Report) -> None:
    assert gr.read_html(_page(report)) == report


@given(published_reports())
def test_as_published_figures_are_read_or_reported(report: gr.Report) -> None:
    # Blanks and "/" anywhere: each figure read is the one published, or it is
    # MISSING and a reading finding says so (the readers' first law). A blank
    # first figure of a table 2 row is read as a filler by the label matcher,
    # so "equal" does not hold for every such report.
    back = gr.read_html(_page(report, allow_findings=True))
    wrong = {
        k: (v, back[k])
        for k, v in report.cells().items()
        if back[k] != v and back[k] is not gr.MISSING
    }
    assert wrong == {}
    if back.cells() != report.cells():
        assert back.reading_findings


@given(consistent_reports())
def test_fragment_reads_back_equal(report: gr.Report) -> None:
    fragment = _page(report, fragment=True)
    assert not fragment.lstrip().lower().startswith((b"<!doctype", b"<html"))
    assert gr.read_html(fragment) == report


# ------------------------------------------------------------------ markup


@pytest.mark.parametrize("version", list(FormatVersion))
def test_every_row_covers_the_whole_grid(version: FormatVersion) -> None:
    # a missing or extra colspan/rowspan shifts the figures of every row below
    report = gr.from_cells({}, agency="某局", year=2024, format_version=version)
    for table in _tables(_page(report)):
        widths = _grid_width(table)
        cols = len(table.findall(".//col"))
        assert set(widths) == {cols}, widths


def test_merged_cells_of_the_format() -> None:
    page = _page(gr.example_report())
    active, requests, appeals = _tables(page)
    spec = gr.format_spec(FormatVersion.V2021)
    # table 3: the note over 3 label columns × 3 header rows, the applicants
    # over every figure column, the legal persons over their five
    note = requests.find(".//thead//td")
    assert (note.get("colspan"), note.get("rowspan")) == ("3", "3")
    heads = {th.text_content(): th for th in requests.iterfind(".//thead//th")}
    columns = spec.requests.rows[0].columns
    legal = [
        c for c in columns if isinstance(c.key, gr.Applicant) and c.key.is_legal_person
    ]
    assert heads["申请人情况"].get("colspan") == str(len(columns))
    assert heads["法人或其他组织"].get("colspan") == str(len(legal))
    assert heads["自然人"].get("rowspan") == "2"
    # every row group of table 3 spans the rows under it
    groups = Counter(g for row in spec.requests.rows for g in row.groups[:1])
    for group, count in groups.items():
        cell = next(th for th in requests.iter("th") if th.text_content() == group)
        assert int(cell.get("rowspan", "1")) == count, group
    # table 4: 行政复议 over its five results, 行政诉讼 over ten
    heads4 = {th.text_content(): th for th in appeals.iterfind(".//thead//th")}
    assert heads4["行政复议"].get("colspan") == "5"
    assert heads4["行政诉讼"].get("colspan") == "10"
    # table 2: one row group per Article 20 item, each under its heading
    assert len(active.findall("tbody")) == len({row.groups for row in spec.active.rows})


def test_accessible_markup() -> None:
    page = _page(gr.example_report())
    root = lxml.html.document_fromstring(page.decode("utf-8"))
    assert root.get("lang") == "zh-CN"
    assert root.find(".//script") is None
    assert root.find(".//title").text == gr.example_report().title
    scopes: Counter[str | None] = Counter()
    for table in root.iter("table"):
        assert table.find("caption") is not None
        assert table.find("caption").text_content().strip()
        scopes.update(th.get("scope") for th in table.iter("th"))
    assert set(scopes) == {"col", "colgroup", "row", "rowgroup"}
    # every figure is a data cell, every label a header cell
    figures = [td for td in root.iter("td") if td.get("data-cell")]
    assert len(figures) == len(gr.example_report().cells())


def test_labels_verbatim_and_figures_as_published() -> None:
    report = gr.example_report()
    page = _page(report).decode("utf-8")
    spec = report.spec
    for table in (spec.active, spec.requests, spec.appeals):
        for row in table.rows:
            assert f">{row.label}<" in page
            for column in row.columns:
                assert f">{column.label}<" in page
    for section in spec.sections:
        assert f">{section.heading}</h2>" in page
    root = lxml.html.document_fromstring(page)
    shown = {
        td.get("data-cell"): td.text_content()
        for td in root.iter("td")
        if td.get("data-cell")
    }
    assert shown["requests.total.total"] == str(report["requests.total.total"])


def test_blank_slash_and_amount_precision() -> None:
    from decimal import Decimal

    report = gr.from_cells(
        {"active.fees.amount": Decimal("12.50")},
        agency="某局",
        year=2024,
    ).with_cells(
        {"active.rules.issued": gr.BLANK, "active.rules.repealed": gr.NOT_APPLICABLE},
        derive_totals=False,
    )
    root = lxml.html.document_fromstring(html_text(report))
    shown = {
        td.get("data-cell"): td.text_content()
        for td in root.iter("td")
        if td.get("data-cell")
    }
    assert shown["active.rules.issued"] == ""
    assert shown["active.rules.repealed"] == "/"
    assert shown["active.fees.amount"] == "12.50"


def test_every_text_is_escaped() -> None:
    hostile = '<script>alert("x")</script>&amp;<b>'
    report = gr.from_cells(
        {},
        agency=f"某局{hostile}",
        year=2024,
        preface=[hostile],
        overview=gr.Narrative(
            paragraphs=(hostile,),
            subsections=(gr.Subsection(title=f"小节{hostile}", paragraphs=(hostile,)),),
        ),
    )
    page = _page(report).decode("utf-8")
    root = lxml.html.document_fromstring(page)
    assert root.find(".//script") is None
    assert root.find(".//b") is None
    assert page.count("&lt;script&gt;") >= 5
    back = gr.read_html(page)
    assert back == report


def test_error_findings_refused_unless_allowed(tmp_path: Path) -> None:
    broken = attrs.evolve(gr.example_report(), as_published=True).with_cells(
        {"requests.total.total": 999}, derive_totals=False
    )
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(gr.InconsistentReportError):
        gr.write_html(broken, path)
    assert path.read_text(encoding="utf-8") == "old"
    gr.write_html(broken, path, allow_findings=True)
    assert gr.read_html(path.read_bytes()).cells() == broken.cells()


def test_unwritable_target_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(gr.WriteError):
        gr.write_html(gr.example_report(), tmp_path / "missing" / "report.html")


def test_page_is_utf8_and_says_so() -> None:
    page = _page(gr.example_report())
    assert page.startswith(b"<!DOCTYPE html>")
    assert b'<meta charset="utf-8">' in page
    page.decode("utf-8")
    assert b"@page { size: A4" in page


# ------------------------------------------------------------------ CLI


def test_cli_convert_to_html(tmp_path: Path) -> None:
    from govinfo_report._cli import main

    source = tmp_path / "report.json"
    source.write_text(gr.to_json(gr.example_report()), encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["convert", str(source), "--to", "html", "-o", str(out)]) == 0
    assert gr.read_html(out.read_bytes()) == gr.example_report()
    folder = tmp_path / "pages"
    other = tmp_path / "other.json"
    other.write_text(gr.to_json(gr.example_report()), encoding="utf-8")
    assert (
        main(["convert", str(source), str(other), "--to", "html", "-o", str(folder)])
        == 0
    )
    assert sorted(p.name for p in folder.iterdir()) == ["other.html", "report.html"]


def test_cli_render_html_and_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import main

    out = tmp_path / "example.html"
    assert main(["render", "example", "-o", str(out)]) == 0
    assert gr.read_html(out.read_bytes()) == gr.example_report()
    broken = attrs.evolve(gr.example_report(), as_published=True).with_cells(
        {"requests.total.total": 999}, derive_totals=False
    )
    source = tmp_path / "broken.json"
    source.write_text(gr.to_json(broken), encoding="utf-8")
    target = tmp_path / "broken.html"
    assert main(["render", str(source), "-o", str(target)]) == 1
    assert not target.exists()
    assert main(["render", str(source), "-o", str(target), "--allow-findings"]) == 0
    assert gr.read_html(target.read_bytes()).cells() == broken.cells()
    assert main(["render", "example", "-o", str(out), "--template", str(source)]) == 2
    assert "--template" in capsys.readouterr().err


def test_own_page_with_a_figure_edited_away_is_reported_and_strict_refuses() -> None:
    page = html_text(gr.example_report())
    # the figure of 行政许可 rewritten by hand as words that read two ways
    # (一千八: 1800 or 1008; well-formed numerals are read, test_text_probes6)
    root = lxml.html.document_fromstring(page)
    cell = next(
        td
        for td in root.iter("td")
        if td.get("data-cell") == "active.licensing.decisions"
    )
    cell.text = "一千八"
    edited = lxml.html.tostring(root, encoding="unicode")
    back = gr.read_html(edited)
    assert back["active.licensing.decisions"] is gr.MISSING
    assert back.reading_findings
    with pytest.raises(gr.ReadError):
        gr.read_html(edited, strict=True)


def test_own_page_checked_against_the_callers_hints() -> None:
    page = html_text(gr.example_report())
    back = gr.read_html(page, year=2024)
    assert back.metadata.year == gr.example_report().metadata.year
    assert [f.kind for f in back.reading_findings] == [gr.FindingKind.METADATA_MISMATCH]
    assert gr.read_html(page, year=2025).reading_findings == ()


def test_tampered_own_page_keeps_what_the_walk_found() -> None:
    """A page write_html made, edited afterwards: a hidden figure in a cell is
    not read (a person does not see it; as in any page, no finding), and a
    footnote mark in a paragraph is left out with a finding (the own-page
    reader keeps the walk's findings)."""
    report = gr.example_report()
    page = _page(report).decode("utf-8")
    root = lxml.html.document_fromstring(page)
    cell = next(td for td in root.iter("td") if (td.text or "").strip().isdigit())
    hidden = lxml.html.fromstring('<span style="display:none">9</span>')
    cell.append(hidden)
    paragraph = next(p for p in root.iter("p") if (p.text or "").strip())
    mark = lxml.html.fromstring("<sup>1</sup>")
    paragraph.append(mark)
    tampered = lxml.html.tostring(root, encoding="unicode")
    back = gr.read_html(tampered)
    assert back.cells() == report.cells()
    messages = " ".join(f.message for f in back.reading_findings)
    assert "上标" in messages
    assert "“1”" in messages
    assert [f.kind for f in back.reading_findings] == [gr.FindingKind.UNREAD_LINE]


def test_untouched_own_page_has_no_reading_findings() -> None:
    assert gr.read_html(_page(gr.example_report())).reading_findings == ()


def test_own_page_applies_its_style_sheets() -> None:
    """A class rule added to a page write_html made hides as on any page."""
    report = gr.example_report()
    page = _page(report).decode("utf-8")
    root = lxml.html.document_fromstring(page)
    cell = next(td for td in root.iter("td") if (td.text or "").strip().isdigit())
    cell.append(lxml.html.fromstring('<span class="gone">9</span>'))
    tampered = lxml.html.tostring(root, encoding="unicode").replace(
        "</head>", "<style>.gone{display:none}</style></head>", 1
    )
    back = gr.read_html(tampered)
    assert back.cells() == report.cells()
    assert back.reading_findings == ()
