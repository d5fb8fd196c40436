"""read_docx() reads what a reader of the document sees, in a table cell where it counts.

Each trap rewrites the runs of the one cell printing 1268 (行政许可, 本年处理
决定) so that reading text Word does not show (hidden runs, deletions, moved-away
text, field instructions, an alternate content's fallback, a text box twice)
would give another figure; the figure must read exactly. Superscripts after a
figure are dropped with a finding. Both paths are tried: our own file (read by
our styles) and the same file with its styles stripped (read by label).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from govinfo_report import FindingKind, Report, example_report, read_docx
from helpers import add_style, docx_bytes, replace_cell_runs

CELL = "active.licensing.decisions"
PRINTED = "1268"


def r(text: str, props: str = "") -> str:
    """A run of ``text`` with run properties ``props`` (raw XML)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def text_box(text: str) -> str:
    return f"<w:txbxContent><w:p>{r(text)}</w:p></w:txbxContent>"


HIDDEN_STYLES = (
    '<w:style w:type="character" w:styleId="Hid"><w:name w:val="Hid"/>'
    "<w:rPr><w:vanish/></w:rPr></w:style>",
    '<w:style w:type="character" w:styleId="HidToo"><w:name w:val="HidToo"/>'
    '<w:basedOn w:val="Hid"/></w:style>',
    '<w:style w:type="character" w:styleId="Up"><w:name w:val="Up"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
    '<w:style w:type="character" w:styleId="White"><w:name w:val="White"/>'
    '<w:rPr><w:color w:val="FFFFFF"/></w:rPr></w:style>',
    '<w:style w:type="character" w:styleId="WhiteToo"><w:name w:val="WhiteToo"/>'
    '<w:basedOn w:val="White"/></w:style>',
)

TRAPS = {
    "vanish": r("12") + r("9", "<w:vanish/>") + r("68"),
    "vanish-true": r("12") + r("9", '<w:vanish w:val="true"/>') + r("68"),
    "vanish-off-is-shown": r("1268", '<w:vanish w:val="0"/>'),
    "character-style-vanish": r("12") + r("9", '<w:rStyle w:val="Hid"/>') + r("68"),
    "style-based-on-a-hidden-one": r("12")
    + r("9", '<w:rStyle w:val="HidToo"/>')
    + r("68"),
    "hidden-style-undone-directly": r(
        "1268", '<w:rStyle w:val="Hid"/><w:vanish w:val="false"/>'
    ),
    "deletion": r("12")
    + '<w:del w:id="1" w:author="a"><w:r><w:delText>9</w:delText></w:r></w:del>'
    + r("68"),
    "deletion-holding-w-t": r("12")
    + f'<w:del w:id="1" w:author="a">{r("9")}</w:del>'
    + r("68"),
    "move-from": r("12")
    + f'<w:moveFrom w:id="2" w:author="a">{r("9")}</w:moveFrom>'
    + r("68"),
    "move-to-is-shown": r("12")
    + f'<w:moveTo w:id="3" w:author="a">{r("6")}</w:moveTo>'
    + r("8"),
    "insertion-is-shown": r("12")
    + f'<w:ins w:id="4" w:author="a">{r("6")}</w:ins>'
    + r("8"),
    "deleted-then-inserted": '<w:del w:id="5" w:author="a"><w:r><w:delText>9999</w:delText>'
    f'</w:r></w:del><w:ins w:id="6" w:author="a">{r("1268")}</w:ins>',
    "field-instruction": '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> = 9 </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    + r("1268")
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    "field-instruction-as-w-t": '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    + r(" 9 ")
    + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    + r("1268")
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    "simple-field": f'<w:fldSimple w:instr=" = 9 ">{r("1268")}</w:fldSimple>',
    "alternate-content-once": "<w:r><mc:AlternateContent>"
    f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{text_box(PRINTED)}</wps:txbx>'
    "</w:drawing></mc:Choice>"
    f"<mc:Fallback><w:pict><v:textbox>{text_box(PRINTED)}</v:textbox></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>",
    "alternate-content-fallback-only": "<w:r><mc:AlternateContent>"
    f"<mc:Fallback><w:pict><v:textbox>{text_box(PRINTED)}</v:textbox></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>",
    "text-box-once": f"<w:r><w:drawing><wps:txbx>{text_box(PRINTED)}</wps:txbx></w:drawing></w:r>",
    # white on the white page: an old figure painted out (25 under 27 → 2257)
    "white-text": r("12") + r("9", '<w:color w:val="FFFFFF"/>') + r("68"),
    "near-white-text": r("12") + r("9", '<w:color w:val="FCFEFD"/>') + r("68"),
    "text-in-its-shading": r("12")
    + r("9", '<w:color w:val="FFFF00"/><w:shd w:val="clear" w:fill="FFFF00"/>')
    + r("68"),
    "text-in-its-highlight": r("12")
    + r("9", '<w:color w:val="FFFF00"/><w:highlight w:val="yellow"/>')
    + r("68"),
    "white-on-a-dark-highlight-is-shown": r(
        "1268", '<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>'
    ),
    "white-on-dark-shading-is-shown": r(
        "1268", '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="1F3864"/>'
    ),
    "automatic-colour-is-shown": r("1268", '<w:color w:val="auto"/>'),
    "white-by-character-style": r("12") + r("9", '<w:rStyle w:val="White"/>') + r("68"),
    "white-by-a-style-based-on-it": r("12")
    + r("9", '<w:rStyle w:val="WhiteToo"/>')
    + r("68"),
    "white-style-undone-directly": r(
        "1268", '<w:rStyle w:val="White"/><w:color w:val="000000"/>'
    ),
    "black-text-is-shown": r("1268", '<w:color w:val="000000"/>'),
}


def _trapped(runs: str, *, foreign: bool) -> bytes:
    def edit(document: Any) -> None:
        for style in HIDDEN_STYLES:
            add_style(document, style)
        replace_cell_runs(document, PRINTED, runs)

    return docx_bytes(example_report(), edit, foreign=foreign)


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("runs", TRAPS.values(), ids=TRAPS.keys())
def test_text_word_does_not_show_is_not_part_of_a_figure(
    example: Report, runs: str, foreign: bool
) -> None:
    report = read_docx(io.BytesIO(_trapped(runs, foreign=foreign)))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


MARKS = {
    "direct": r(PRINTED) + r("1", '<w:vertAlign w:val="superscript"/>'),
    "by-style": r(PRINTED) + r("2", '<w:rStyle w:val="Up"/>'),
    "note": r(PRINTED) + r("注1", '<w:vertAlign w:val="superscript"/>'),
}


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("runs", MARKS.values(), ids=MARKS.keys())
def test_a_superscript_after_a_figure_is_dropped_with_a_finding(
    example: Report, runs: str, foreign: bool
) -> None:
    report = read_docx(io.BytesIO(_trapped(runs, foreign=foreign)))
    assert report[CELL] == 1268  # never 12681
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.UNREAD_LINE
    assert "上标" in finding.message
    assert "1268" in finding.message
    assert "表格" in finding.where


def test_baseline_undoes_a_superscript_style(example: Report) -> None:
    runs = r(PRINTED, '<w:rStyle w:val="Up"/><w:vertAlign w:val="baseline"/>')
    report = read_docx(io.BytesIO(_trapped(runs, foreign=True)))
    assert report[CELL] == 1268
    assert report.reading_findings == ()


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize(
    ("fill", "runs"),
    [
        ("000000", r("1268", '<w:color w:val="FFFFFF"/>')),  # white on a black cell
        ("1F3864", r("12") + r("9", '<w:color w:val="1F3864"/>') + r("68")),
    ],
    ids=["white-on-black-cell", "cell-colour-text-is-not-read"],
)
def test_text_against_its_cell_shading(
    example: Report, fill: str, runs: str, foreign: bool
) -> None:
    """A cell's shading is what lies under its text: white on black is seen,
    text in the cell's own colour is not."""

    def edit(document: Any) -> None:
        from docx.oxml import parse_xml

        replace_cell_runs(document, PRINTED, runs)
        for tc in document.element.body.iter("{*}tc"):
            text = "".join(t.text or "" for t in tc.iter("{*}t"))
            if text in ("1268", "12968"):
                tc_pr = tc.find("{*}tcPr")
                tc_pr.append(
                    parse_xml(
                        '<w:shd xmlns:w="http://schemas.openxmlformats.org/'
                        f'wordprocessingml/2006/main" w:val="clear" w:fill="{fill}"/>'
                    )
                )

    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=foreign)))
    assert report[CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())


def _licensing_row(document: Any) -> Any:
    for tr in document.element.body.iter("{*}tr"):
        if "".join(t.text or "" for t in tr.iter("{*}t")).startswith("行政许可"):
            return tr
    raise AssertionError("no 行政许可 row")


def _duplicate_row(mark: str) -> Callable[[Any], None]:
    """A copy of the 行政许可 row with other figures, marked deleted or hidden."""

    def edit(document: Any) -> None:
        import copy

        from docx.oxml import parse_xml

        row = _licensing_row(document)
        twin = copy.deepcopy(row)
        for t in twin.iter("{*}t"):
            if t.text and t.text.isdigit():
                t.text = "9999"
        tr_pr = twin.find("{*}trPr")
        tr_pr.append(parse_xml(mark))
        row.addprevious(twin)

    return edit


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize(
    "mark",
    [
        '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' w:id="9" w:author="a"/>',
        '<w:hidden xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    ],
    ids=["deleted-row", "hidden-row"],
)
def test_a_deleted_or_hidden_row_is_not_read(
    example: Report, mark: str, foreign: bool
) -> None:
    data = docx_bytes(example, _duplicate_row(mark), foreign=foreign)
    report = read_docx(io.BytesIO(data))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def test_hidden_paragraphs_between_tables_are_not_read(example: Report) -> None:
    """A hidden paragraph repeating a row label with figures, and one hidden by
    its paragraph style, are not read (read, the row would be ambiguous)."""

    def edit(document: Any) -> None:
        from docx.oxml import parse_xml

        from helpers import W_NAMESPACES

        add_style(
            document,
            '<w:style w:type="paragraph" w:styleId="HidPara"><w:name w:val="HidPara"/>'
            "<w:rPr><w:vanish/></w:rPr></w:style>",
        )
        table = document.element.body.find("{*}tbl")
        table.addprevious(
            parse_xml(
                f"<w:p {W_NAMESPACES}>{r('行政许可 9999 9999', '<w:vanish/>')}</w:p>"
            )
        )
        table.addprevious(
            parse_xml(
                f'<w:p {W_NAMESPACES}><w:pPr><w:pStyle w:val="HidPara"/></w:pPr>'
                f"{r('行政许可 8888 8888')}</w:p>"
            )
        )

    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


# ------------------------------------------- document properties vs the title


def _with_properties(**properties: Any) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        for name, value in properties.items():
            setattr(document.core_properties, name, value)

    return edit


def _mismatches(report: Report) -> list[Any]:
    return [
        f for f in report.reading_findings if f.kind is FindingKind.METADATA_MISMATCH
    ]


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
@pytest.mark.parametrize("field", ["subject", "title"])
def test_a_property_naming_another_year_loses_to_the_visible_title(
    example: Report, field: str, foreign: bool
) -> None:
    """Our own reader took the year from the subject before the title: a file
    re-used from last year read as last year's report."""
    edit = _with_properties(**{field: "2024年政府信息公开工作年度报告"})
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=foreign)))
    assert report.metadata == example.metadata  # 2025, as the title shows
    assert dict(report.cells()) == dict(example.cells())
    (finding,) = _mismatches(report)
    assert "2024" in finding.message
    assert "2025" in finding.message
    assert len(report.reading_findings) == 1


@pytest.mark.parametrize("foreign", [False, True], ids=["ours", "foreign"])
def test_a_property_naming_another_agency_loses_to_the_visible_title(
    example: Report, foreign: bool
) -> None:
    edit = _with_properties(title="某某县交通运输局2025年政府信息公开工作年度报告")
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=foreign)))
    assert report.metadata == example.metadata
    (finding,) = _mismatches(report)
    assert "某某县交通运输局" in finding.message
    assert example.metadata.agency in finding.message


def test_a_file_created_before_its_report_year_is_a_finding(example: Report) -> None:
    from datetime import datetime

    edit = _with_properties(created=datetime(2023, 5, 4))
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report.metadata == example.metadata
    (finding,) = _mismatches(report)
    assert "2023-05-04" in finding.message
    assert "2025" in finding.message


def test_properties_that_agree_give_no_finding(example: Report) -> None:
    from datetime import datetime

    edit = _with_properties(
        title=example.title,
        subject="2025年政府信息公开工作年度报告",
        created=datetime(2026, 1, 3),
    )
    report = read_docx(io.BytesIO(docx_bytes(example, edit, foreign=True)))
    assert report.reading_findings == ()
