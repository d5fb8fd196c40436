"""The report year against the statistical period its preface states."""

from __future__ import annotations

import datetime
import io

import pytest

import govinfo_report as gr
from govinfo_report import FindingKind


def _lines() -> list[str]:
    from govinfo_report._readers._html import html_items

    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    items = html_items(buffer.getvalue().decode("utf-8"))
    return ["\t".join(i.cells) if i.is_table else i.text for i in items]


def test_a_title_year_the_statistical_period_contradicts_is_reported() -> None:
    """A report copied from last year's, its title not updated: the title's
    year is kept, and the disagreement is said (it passed silently)."""
    lines = _lines()
    text = "\n".join([lines[0].replace("2025年", "2024年"), *lines[1:]])
    report = gr.read_text(text)
    assert report.metadata.year == 2024
    (finding,) = [
        f for f in report.reading_findings if f.kind is FindingKind.METADATA_MISMATCH
    ]
    assert "统计期限却是 2025 年" in finding.message


def test_without_a_title_the_statistical_period_gives_the_year() -> None:
    """The period stated beats the year the overview mentions most (here the
    year compared with, printed three times)."""
    lines = _lines()
    overview = lines.index("一、总体情况")
    body = [
        *lines[1 : overview + 1],
        "与2024年相比，2024年的申请较少，2024年的复议也较少。",
        *lines[overview + 1 :],
    ]
    body = [line.replace("2025年，", "本年，") for line in body]
    report = gr.read_text("\n".join(body))
    assert report.metadata.year == 2025
    assert report.reading_findings == ()


def test_a_date_of_issue_within_the_report_year_is_reported() -> None:
    lines = _lines()
    assert lines[-1] == "2026年1月20日"
    report = gr.read_text("\n".join([*lines[:-1], "2025年1月20日"]))
    assert report.metadata.year == 2025
    messages = [
        f.message
        for f in report.reading_findings
        if f.kind is FindingKind.METADATA_MISMATCH
    ]
    assert len(messages) == 1
    assert "2025-01-20" in messages[0]


def _docx_with_date(printed: str) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    gr.write_docx(gr.example_report(), buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                old = "2026年1月20日".encode()
                assert old in data
                data = data.replace(old, printed.encode())
            target.writestr(info, data)
    return out.getvalue()


def test_our_word_file_with_no_such_day_has_no_date_of_issue() -> None:
    """``2026年2月30日`` under the signature of a file of our own layout
    raised Python's ValueError out of `read_docx`."""
    report = gr.read_docx(io.BytesIO(_docx_with_date("2026年2月30日")))
    assert report.metadata.date_of_issue is None
    assert dict(report.cells()) == dict(gr.example_report().cells())


def test_our_word_file_dated_in_chinese_numerals() -> None:
    report = gr.read_docx(io.BytesIO(_docx_with_date("二〇二六年一月二十日")))
    assert report.metadata.date_of_issue == gr.example_report().metadata.date_of_issue


def _unstated(*, opening: str = "本年，", dated: bool = False) -> str:
    """The example without its title, period and (unless ``dated``) date of
    issue; the overview mentions 2025 twice and 2024 once; its opening
    sentence starts with ``opening``."""
    lines = _lines()
    overview = lines.index("一、总体情况")
    body = [
        lines[overview],
        f"{opening}青禾市生态环境局深入贯彻《条例》。与2024年相比，2025年申请增加，2025年复议减少。",
        *lines[overview + 2 :],
    ]
    if not dated:
        body = body[:-1]
    return "\n".join(body)


def _year_findings(report: gr.Report) -> list[gr.Finding]:
    return [f for f in report.reading_findings if "报告年度" in f.message]


def test_a_year_guessed_from_mentions_is_reported() -> None:
    """No title, period or date states the year: the year mentioned most is
    read, and a warning says it was a guess (it passed silently)."""
    report = gr.read_text(_unstated())
    assert report.metadata.year == 2025
    (finding,) = _year_findings(report)
    assert finding.kind is FindingKind.MISSING_METADATA
    assert finding.severity is gr.Severity.WARNING
    assert "正文中提到最多的年份 2025 年" in finding.message
    assert "year=" in finding.message


def test_a_year_the_overview_opens_with_is_not_a_guess() -> None:
    report = gr.read_text(_unstated(opening="2025年，"))
    assert report.metadata.year == 2025
    assert _year_findings(report) == []


def test_a_year_the_date_of_issue_confirms_is_not_a_guess() -> None:
    report = gr.read_text(_unstated(dated=True))
    assert report.metadata.year == 2025
    assert report.reading_findings == ()


def test_a_year_from_the_date_of_issue_alone_is_reported() -> None:
    lines = _lines()
    overview = lines.index("一、总体情况")
    body = [
        lines[overview],
        "本年，青禾市生态环境局深入贯彻《条例》。",
        *lines[overview + 2 :],
    ]
    report = gr.read_text("\n".join(body))
    assert report.metadata.year == 2025
    (finding,) = [
        f for f in report.reading_findings if f.kind is FindingKind.MISSING_METADATA
    ]
    assert "落款日期的上一年 2025 年" in finding.message


def test_a_guessed_year_gives_way_to_the_callers() -> None:
    report = gr.read_text(_unstated(), year=2024)
    assert report.metadata.year == 2024
    (finding,) = _year_findings(report)
    assert finding.kind is FindingKind.METADATA_MISMATCH
    assert "正文中提到最多的年份是 2025 年" in finding.message
    assert "year=2024" in finding.message


def test_the_statistical_period_is_stated_against_the_callers_year() -> None:
    """The period a preface states is the document's year: a caller's other
    year is a disagreement, the document's year kept (before, the caller's
    year replaced it with a message calling the period a count of mentions)."""
    lines = _lines()
    report = gr.read_text("\n".join(lines[1:]), year=2024)
    assert report.metadata.year == 2025
    (finding,) = [
        f for f in report.reading_findings if f.kind is FindingKind.METADATA_MISMATCH
    ]
    assert "2025" in finding.message
    assert "2024" in finding.message


@pytest.mark.parametrize(
    "printed",
    ["2026年元月20日", "2026年1月20号", "（2026年1月20日）", "(2026年1月20日)"],
)
def test_dates_of_issue_as_agencies_print_them(printed: str) -> None:
    """元月, 号, a date in brackets: the date of issue, the signature above it
    the agency (before, the line was a paragraph of section 六, or dropped
    as a note and the signature left as a paragraph)."""
    lines = _lines()
    report = gr.read_text("\n".join([*lines[:-1], printed]))
    assert report.metadata.date_of_issue == datetime.date(2026, 1, 20)
    assert report.reading_findings == ()
    assert report == gr.read_text("\n".join(lines))


@pytest.mark.parametrize(
    ("printed", "why"),
    [
        ("2026年1月", "没有写到日"),
        ("二〇二六年一月", "没有写到日"),
        ("2026年2月30日", "不是真实的日期"),
    ],
)
def test_a_date_line_that_makes_no_date_is_the_ending_with_a_finding(
    printed: str, why: str
) -> None:
    """The date line is the ending, not a paragraph of section 六; no date of
    issue is stored, and a warning says why."""
    lines = _lines()
    report = gr.read_text("\n".join([*lines[:-1], printed]))
    assert report.metadata.date_of_issue is None
    assert report.metadata.agency == "青禾市生态环境局"
    assert report.other_matters == gr.read_text("\n".join(lines)).other_matters
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.MISSING_METADATA
    assert f"“{printed}”{why}" in finding.message
