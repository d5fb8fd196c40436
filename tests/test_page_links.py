"""A page's links to other reports around the report (sidebars, 上一篇/下一篇).

CMS pages list other years' and other agencies' reports beside the one shown;
crawlers copy them with it. The first title on the page was taken as the
report's: a wrong year (every figure filed under another year) with no
finding. The body settles which title is the report's.
"""

from __future__ import annotations

import io

import pytest

import govinfo_report as gr
from govinfo_report import FindingKind, Report

_OWN = "青禾市生态环境局2025年政府信息公开工作年度报告"
_OTHER_YEARS = [
    "青禾市生态环境局2024年政府信息公开工作年度报告",
    "青禾市生态环境局2023年政府信息公开工作年度报告",
]
_OTHER_AGENCIES = [
    "青禾市人民政府2025年政府信息公开工作年度报告",
    "青禾市财政局2025年政府信息公开工作年度报告",
]
_NAV = "首页 > 政府信息公开 > 年度报告"


def _lines() -> list[str]:
    """The example report as lines of text, its title first."""
    from govinfo_report._readers._html import html_items

    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    items = html_items(buffer.getvalue().decode("utf-8"))
    lines = ["\t".join(i.cells) if i.is_table else i.text for i in items]
    assert lines[0] == _OWN
    return lines


def _figures(report: Report) -> dict[str, object]:
    return {cell: report[cell] for cell in report}


def _ambiguous(report: Report) -> list[str]:
    return [
        f.message for f in report.reading_findings if f.kind is FindingKind.AMBIGUOUS
    ]


@pytest.mark.parametrize("own", [True, False], ids=["own title", "no own title"])
@pytest.mark.parametrize("links", ["years", "agencies"])
def test_links_to_other_reports_before_the_report(own: bool, links: str) -> None:
    lines = _lines()
    titles = _OTHER_YEARS if links == "years" else _OTHER_AGENCIES
    text = "\n".join([_NAV, *titles, *([_OWN] if own else []), *lines[1:]])
    report = gr.read_text(text)
    assert report.metadata.year == 2025
    assert report.metadata.agency == "青禾市生态环境局"
    assert report.metadata.title is None  # the standard title: not the breadcrumb
    assert _figures(report) == _figures(gr.example_report())
    (message,) = _ambiguous(report)
    assert titles[0] in message
    if own:
        assert f"取与正文一致的“{_OWN}”" in message
    else:
        assert "未取其中任何一个作标题" in message


def test_a_breadcrumb_ending_in_annual_report_is_not_the_title() -> None:
    lines = _lines()
    report = gr.read_text("\n".join([_NAV, *lines]))
    assert report.metadata.title is None
    assert report.metadata.year == 2025
    assert _ambiguous(report) == []


def test_one_title_repeated_is_no_list() -> None:
    """The page's heading and the article's title: the same report."""
    lines = _lines()
    report = gr.read_text("\n".join([_OWN, *lines]))
    assert report.metadata.year == 2025
    assert _ambiguous(report) == []


def test_links_after_the_report_are_not_its_ending() -> None:
    """上一篇/下一篇 after the date: the signature before it names the agency."""
    lines = _lines()
    tail = ["上一篇：青禾市生态环境局2024年政府信息公开工作年度报告", *_OTHER_YEARS]
    report = gr.read_text("\n".join([*lines[1:], *tail]))
    assert report.metadata.agency == "青禾市生态环境局"
    assert report.metadata.date_of_issue is not None
    assert all("2024" not in p for p in report.other_matters.text().splitlines())


def test_when_the_body_gives_no_year_the_callers_year_is_used() -> None:
    lines = _lines()
    body = [
        line.replace("2025年", "本年").replace("2026年1月20日", "")
        for line in lines[1:]
    ]
    text = "\n".join([*_OTHER_YEARS, *body])
    with pytest.raises(gr.ReadError, match="year="):
        gr.read_text(text)
    report = gr.read_text(text, year=2025)
    assert report.metadata.year == 2025
    (message,) = _ambiguous(report)
    assert "正文没有说明年度" in message


def test_a_web_page_with_a_sidebar_of_other_years() -> None:
    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    page = buffer.getvalue().decode("utf-8")
    body = page[page.index("<body") : page.index("</body>")]
    body = body.replace(f"<h1>{_OWN}</h1>", "")
    side = "".join(f"<li><a href='#'>{t}</a></li>" for t in _OTHER_YEARS)
    report = gr.read_html(f"<html><ul>{side}</ul>{body}</html>")
    assert report.metadata.year == 2025
    assert _figures(report) == _figures(gr.example_report())
    assert len(_ambiguous(report)) == 1


# ------------------------------------------------ titles as agencies print them


@pytest.mark.parametrize(
    "title",
    [
        ["青禾市生态环境局2025年度政府信息公开工作报告"],
        ["2025年青禾市生态环境局政府信息公开工作年度报告"],
        ["2025年度青禾市生态环境局政府信息公开工作年度报告"],
        ["青禾市生态环境局2025年度政府信息公开年度报告"],
        ["青禾市生态环境局政府信息公开工作2025年度报告"],
        ["青禾市生态环境局政府信息公开工作年度报告（2025年）"],
        ["青禾市生态环境局2025年政务公开工作年度报告"],
        ["青禾市生态环境局二〇二五年政府信息公开工作年度报告"],
        ["青禾市生态环境局2025年政府信息公开", "工作年度报告"],
        ["青禾市生态环境局", "2025年度政府信息公开工作报告"],
    ],
    ids=lambda t: "|".join(t),
)
def test_a_title_as_agencies_print_it_gives_the_year_and_agency(
    title: list[str],
) -> None:
    """The body says no year and no agency (an excerpt, a page whose ending
    was cut): the title alone must give them. It was refused ("no year")
    or read without the agency, though the title states both."""
    lines = _lines()
    body = [
        line.replace("2025年", "本年").replace("2026年1月20日", "")
        for line in lines[1:]
    ]
    body = [line for line in body if line != "青禾市生态环境局"]
    report = gr.read_text("\n".join([*title, *body]))
    assert report.metadata.year == 2025
    assert report.metadata.agency == "青禾市生态环境局"
    assert all(line not in report.preface for line in title)


@pytest.mark.parametrize(
    "printed",
    [
        "2026-01-20",
        "2026.1.20",
        "2026/1/20",
        "二〇二六年一月二十日",
        "日期：2026年1月20日",
        "发布日期：2026-01-20",
    ],
)
def test_a_date_of_issue_as_agencies_print_it(printed: str) -> None:
    """Only ``2026年1月20日`` was a date: the others, and the signature above
    them, were read as paragraphs of section 六, with no date of issue."""
    lines = _lines()
    assert lines[-1] == "2026年1月20日"
    report = gr.read_text("\n".join([*lines[:-1], printed]))
    assert report.metadata.date_of_issue == gr.example_report().metadata.date_of_issue
    assert report.other_matters == gr.example_report().other_matters


def test_a_date_that_is_no_day_is_not_a_date_of_issue() -> None:
    lines = _lines()
    report = gr.read_text("\n".join([*lines[:-1], "二〇二六年二月三十日"]))
    assert report.metadata.date_of_issue is None
