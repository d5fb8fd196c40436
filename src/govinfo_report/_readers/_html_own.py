"""Our own web pages (`write_html`) read back by their markup, not by wording.

A page `write_html` made holds the report in ``<article class="govinfo-report"
data-year="YYYY">``: the title in its ``<header>``'s ``<h1>``, the preface as
the article's own ``<p>``, each section as a ``<section>`` opened by its
``<h2>`` heading, sub-sections as ``<h3>`` (``（一）标题``), and the agency and
date of issue as the ``<footer>``'s paragraphs. Taking each text by its
element (as `read_docx` takes ours by paragraph style) reads narrative that
the wording-based splitter would take apart, e.g. a sub-section title that
ends in ``。``, back exactly. The tables are read like any page's: expanded
into grids and matched by their labels, so every figure is the one the page
shows. Anything else (no such article, no year, a heading that is not one of
the format's) is left to the general reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import lxml.html
from lxml import etree

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import REPORT_TITLE_SUFFIX, SectionId, format_spec
from govinfo_report._labels import normalize_label
from govinfo_report._limits import Budget, Deadline, Limits
from govinfo_report._model import Narrative, Report, Subsection
from govinfo_report._readers._assemble import build_report, match_grid
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._dates import issue_date
from govinfo_report._readers._matcher import GridRow
from govinfo_report._readers._own_sections import SUBSECTION, section_of
from govinfo_report._readers._seen import SHOWN
from govinfo_report._readers._visibility import look

MARKER = 'class="govinfo-report"'
"""What a page must contain before it is parsed for our own article."""

_YEAR = re.compile(r"^\d{4}$")


def _own_article(root: etree._Element) -> etree._Element | None:
    """The page's one report article, when it and everything around it shows.

    Another article of the class, or one inside a hidden element (an old
    version kept hidden beside the new one), leaves the page to the general
    reader, which reads only what shows.
    """
    found = [
        element
        for element in root.iter("article")
        if "govinfo-report" in (element.get("class") or "").split()
    ]
    if len(found) != 1:
        return None
    article = found[0]
    seen = SHOWN
    for element in [*reversed(list(article.iterancestors())), article]:
        state = look(element, seen)
        if state is None:
            return None
        seen = state
    return article if seen.visible else None


Grid = Callable[[etree._Element, Budget], list[list[str]]]
"""The general reader's table expansion (`_html_grid.table_grid`)."""
Text = Callable[[etree._Element], str]
"""The general reader's visible text of an element (`_html._text`)."""
Depth = Callable[[etree._Element], int]
Prepare = Callable[[etree._Element], None]


def read_own_page(
    html: str,
    limits: Limits,
    deadline: Deadline | None,
    *,
    grid_of: Grid,
    text_of: Text,
    depth_of: Depth,
    prepare: Prepare,
) -> Report | None:
    """The report of a page `write_html` made, or None when it is not one.

    The general reader's own helpers are passed in (``grid_of``, ``text_of``,
    ``depth_of``, and ``prepare``, which applies the style sheets), so that a page is expanded and its text taken exactly as
    the general reader does, without this module importing it (no cycle).

    Raises:
        LimitExceededError: the page is beyond ``max_html_depth``,
            ``max_rows``, ``max_columns`` or ``max_line_chars``, or the
            deadline passed.
    """
    if MARKER not in html:
        return None
    parser = lxml.html.HTMLParser(huge_tree=limits.max_html_depth > 255)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    depth = depth_of(root)
    if depth > limits.max_html_depth:
        raise limits.exceeded("max_html_depth", "HTML 元素的嵌套深度", depth)
    prepare(root)
    article = _own_article(root)
    if article is None or not _YEAR.match(article.get("data-year") or ""):
        return None
    year = int(article.get("data-year") or "0")
    h1 = article.find("header/h1")
    if h1 is None:
        return None
    budget = Budget(limits, "max_rows", "表格行数", deadline=deadline, every=256)

    def _block_text(element: etree._Element, limits: Limits) -> str:
        # the writer puts each text in one element; whitespace is page layout
        text = " ".join(text_of(element).split())
        if len(text) > limits.max_line_chars:
            raise limits.exceeded(
                "max_line_chars", "一个段落或单元格的长度（字符）", len(text)
            )
        return text

    title = _block_text(h1, limits)
    preface = [_block_text(p, limits) for p in article.iterfind("p")]
    narratives: dict[SectionId, Narrative] = {}
    grid: list[GridRow] = []
    tables = 0
    for number, section in enumerate(article.iterfind("section"), start=1):
        budget.tick()
        h2 = section.find("h2")
        heading = _block_text(h2, limits) if h2 is not None else ""
        found = section_of(heading)
        if found is None:
            return None
        grid.append(GridRow((heading,), f"第 {number} 节标题"))
        paragraphs: list[str] = []
        subsections: list[tuple[str, list[str]]] = []
        for element in section:
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag == "table":
                tables += 1
                for row_number, row in enumerate(grid_of(element, budget), start=1):
                    grid.append(
                        GridRow(tuple(row), f"第 {tables} 个表格第 {row_number} 行")
                    )
            elif tag == "h3":
                text = _block_text(element, limits)
                match = SUBSECTION.match(text)
                subsections.append((text[match.end() :] if match else text, []))
            elif tag == "p":
                text = _block_text(element, limits)
                (subsections[-1][1] if subsections else paragraphs).append(text)
        narratives[found[0]] = Narrative(
            paragraphs=paragraphs,
            subsections=[Subsection(title=t, paragraphs=p) for t, p in subsections],
        )
    signature = [_block_text(p, limits) for p in article.iterfind("footer/p")]
    agency = (
        signature[0]
        if signature
        else title.removesuffix(f"{year}{REPORT_TITLE_SUFFIX}")
    )
    day = None
    if len(signature) > 1:
        numbers = issue_date(normalize_label(signature[-1]))
        if numbers is not None:
            try:
                day = date(*numbers)
            except ValueError:
                day = None
    findings: list[Finding] = []
    if not agency:
        return None
    missing = [s for s in SectionId if s not in narratives]
    for section_id in missing:
        findings.append(
            reading_finding(
                FindingKind.MISSING_SECTION,
                "",
                f"没有找到“{format_spec().section(section_id).heading}”一节",
                severity=Severity.WARNING,
            )
        )
    standard = f"{agency}{year}{REPORT_TITLE_SUFFIX}"
    return build_report(
        match_grid(grid, year=year, deadline=deadline),
        agency=agency,
        year=year,
        date_of_issue=day,
        title=None if title == standard else title,
        preface=preface,
        overview=narratives.get(SectionId.OVERVIEW),
        problems=narratives.get(SectionId.PROBLEMS),
        other_matters=narratives.get(SectionId.OTHER_MATTERS),
        findings=findings,
    )
