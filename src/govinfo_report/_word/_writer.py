"""write_docx(): a report as the ``.docx`` an agency publishes.

The document is built completely in memory, re-packed so that the same report
always gives the same bytes, and only then written (atomically) to the target.
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from typing import Any, BinaryIO

import docx
from docx.shared import Mm

from govinfo_report._atomic import Target, write_atomic
from govinfo_report._format import REPORT_TITLE_SUFFIX, SectionId, TableId
from govinfo_report._limits import DEFAULT_LIMITS, read_bounded
from govinfo_report._model import Narrative, Report
from govinfo_report._ooxml import (
    BODY_LINE_PITCH,
    Style,
    TableLayout,
    active_layout,
    add_page_number_field,
    appeals_layout,
    append_to_body,
    clear_body,
    drop_thumbnail,
    ensure_styles,
    mm_to_twips,
    reproducible_zip,
    requests_layout,
    set_line_grid,
    table_element,
)
from govinfo_report._publish import ensure_publishable
from govinfo_report.exceptions import ReadError, WriteError

Template = str | os.PathLike[str] | BinaryIO
"""A user's ``.docx`` whose styles (and page setup) a report is written with."""

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """A positive number in Chinese numerals, as headings number sub-sections.

    >>> [chinese_number(n) for n in (1, 10, 12, 20, 35)]
    ['一', '十', '十二', '二十', '三十五']
    """
    if not 0 < n < 100:
        raise ValueError(f"小节编号 {n} 超出 1–99 (sub-section number out of range)")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def format_date(day: date) -> str:
    """The date of issue as printed at the end of a report.

    >>> format_date(date(2026, 1, 20))
    '2026年1月20日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def write_docx(
    report: Report,
    target: Target,
    *,
    template: Template | None = None,
    allow_findings: bool = False,
) -> None:
    """Write ``report`` as a Word document (``.docx``) ready to publish.

    The document holds the title, the preface, the six sections with their
    official headings, the narrative sub-sections numbered ``（一）``…, the
    three tables laid out as the format prints them (merged header cells,
    the 勾稽 note of table 3, the three-level header of table 4), every figure
    as published (blank stays blank, ``/`` stays ``/``, amounts keep their
    precision), and the agency and date of issue at the end.

    The typography follows GB/T 9704-2012: A4, margins 37/35/28/26 mm, title
    2号 小标宋 centred, body 3号 仿宋_GB2312 with a two-character first-line
    indent and 22 lines a page, headings 黑体 and 楷体_GB2312, page numbers
    ``— 1 —`` in 4号 宋体. The same report always gives the same bytes.

    Args:
        report: the report to write.
        target: a file path or a binary stream. A path is replaced atomically:
            on any failure it keeps its old content.
        template: a ``.docx`` whose styles and page setup to use instead; its
            paragraph styles named like ours (``报告正文``, ``报告一级标题``…)
            take precedence, the others are added. Its body text is dropped.
        allow_findings: write even when `check_publishable` finds errors
            (the report is published as it is).

    Raises:
        UnpublishableReportError: `check_publishable` finds errors (a broken
            cross-check, a truncated read, an empty section, a format that is
            not the year's) and ``allow_findings`` is false; nothing is
            written. It is an `InconsistentReportError`.
        WriteError: the template cannot be opened or the target cannot be written.

    >>> import io
    >>> from govinfo_report import example_report
    >>> buffer = io.BytesIO()
    >>> write_docx(example_report(), buffer)
    >>> buffer.getvalue()[:2]
    b'PK'
    """
    ensure_publishable(report, allow_findings=allow_findings)
    write_atomic(target, docx_bytes(report, template=template))


def docx_bytes(report: Report, *, template: Template | None = None) -> bytes:
    """The ``.docx`` of ``report`` as bytes, without checking its findings."""
    document = _open(template)
    styles = ensure_styles(document, keep_existing=template is not None)
    if template is None:
        _page_setup(document, styles)
    _core_properties(document, report)
    _body(document, report, styles)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _open(template: Template | None) -> Any:
    if template is None:
        document = docx.Document()
        drop_thumbnail(document.part.package)
        return document
    source: Any = template
    if isinstance(template, (str, os.PathLike)):
        # Only a regular file, read within the input limits: a FIFO or a
        # device named as the template must not block or run on forever.
        try:
            source = io.BytesIO(read_bounded(template, DEFAULT_LIMITS))
        except ReadError as error:
            raise WriteError(
                f"{os.fspath(template)}: 模板无法打开 (template cannot be opened): {error}"
            ) from None
    try:
        document = docx.Document(source)
    except Exception as error:  # python-docx raises several kinds on a bad file
        name = template if isinstance(template, (str, os.PathLike)) else "<stream>"
        raise WriteError(
            f"{name}: 模板无法打开 (template cannot be opened): {error}"
        ) from error
    clear_body(document.element.body)
    return document


def _page_setup(document: Any, styles: dict[Style, str]) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28)
    set_line_grid(section._sectPr, BODY_LINE_PITCH)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles[Style.FOOTER.value]
    add_page_number_field(footer._p, "— ", " —")


def _core_properties(document: Any, report: Report) -> None:
    meta = report.metadata
    day = meta.date_of_issue or date(meta.year + 1, 1, 1)
    stamp = datetime(day.year, day.month, day.day)
    props = document.core_properties
    props.author = meta.agency
    props.last_modified_by = meta.agency
    props.title = report.title
    props.subject = f"{meta.year}{REPORT_TITLE_SUFFIX}"
    props.keywords = "政府信息公开"
    props.comments = ""
    props.category = ""
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def _body(document: Any, report: Report, styles: dict[Style, str]) -> None:
    def paragraph(text: str, style: Style) -> Any:
        return document.add_paragraph(text, style=document.styles[style.value])

    paragraph(report.title, Style.TITLE)
    paragraph("", Style.BODY)
    for text in report.preface:
        paragraph(text, Style.BODY)
    narratives = {
        SectionId.OVERVIEW: report.overview,
        SectionId.PROBLEMS: report.problems,
        SectionId.OTHER_MATTERS: report.other_matters,
    }
    layouts = {
        TableId.ACTIVE: active_layout(
            report.active.spec, report.active.values, report.active.amount_unit
        ),
        TableId.REQUESTS: requests_layout(report.requests.spec, report.requests.values),
        TableId.APPEALS: appeals_layout(report.appeals.spec, report.appeals.values),
    }
    for section in report.spec.sections:
        paragraph(section.heading, Style.HEADING_1)
        if section.table is not None:
            _table(document, layouts[section.table], styles)
        else:
            _narrative(narratives[section.id], paragraph)
    paragraph("", Style.BODY)
    paragraph(report.metadata.agency, Style.SIGNATURE)
    if report.metadata.date_of_issue is not None:
        paragraph(format_date(report.metadata.date_of_issue), Style.SIGNATURE)


def _narrative(narrative: Narrative, paragraph: Any) -> None:
    for text in narrative.paragraphs:
        paragraph(text, Style.BODY)
    for number, sub in enumerate(narrative.subsections, start=1):
        paragraph(f"（{chinese_number(number)}）{sub.title}", Style.HEADING_2)
        for text in sub.paragraphs:
            paragraph(text, Style.BODY)


def _table(document: Any, layout: TableLayout, styles: dict[Style, str]) -> None:
    style = styles[Style.TABLE_SMALL if layout.small else Style.TABLE]
    element = table_element(
        [mm_to_twips(w) for w in layout.widths_mm],
        layout.rows,
        paragraph_style=style,
    )
    append_to_body(document.element.body, element)
