"""write_html(): a report as the web page an agency publishes.

Most annual reports are published as web pages. The page is built as one
string in memory, checked, and only then written (atomically) to the target:
the title, the preface, the six sections with their official headings and
narrative, the three tables with every merged cell of the format, and the
agency and date of issue at the end. No script; the style sheet prints the
page on A4 with the tables within the page width.
"""

from __future__ import annotations

from html import escape

from govinfo_report._atomic import Target, write_atomic
from govinfo_report._format import SectionId, TableId
from govinfo_report._model import Narrative, Report
from govinfo_report._ooxml import active_layout, appeals_layout, requests_layout
from govinfo_report._publish import ensure_publishable
from govinfo_report._web._tables import table_html
from govinfo_report._word import chinese_number, format_date

STYLE = """\
@page { size: A4; margin: 20mm 18mm; }
.govinfo-report {
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong",
    "SimSun", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", serif;
  color: #000; background: #fff; line-height: 1.75;
  max-width: 52rem; margin: 0 auto; padding: 1rem;
}
.govinfo-report h1, .govinfo-report h2, .govinfo-report h3 {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", "SimHei", sans-serif;
  line-height: 1.4;
}
.govinfo-report h1 { text-align: center; font-size: 1.6rem; }
.govinfo-report h2 { font-size: 1.2rem; margin-top: 1.6em; }
.govinfo-report h3 { font-size: 1.05rem; }
.govinfo-report p { text-indent: 2em; margin: 0.4em 0; }
.govinfo-report p.signature { text-align: right; text-indent: 0; }
.govinfo-report table {
  width: 100%; max-width: 100%; table-layout: fixed; border-collapse: collapse;
  margin: 0.8em 0; font-size: 0.9rem; line-height: 1.4;
}
.govinfo-report table.small { font-size: 0.75rem; }
.govinfo-report caption { font-weight: bold; padding: 0.3em 0; }
.govinfo-report th, .govinfo-report td {
  border: 1px solid #000; padding: 0.25em 0.3em; text-align: center;
  vertical-align: middle; overflow-wrap: anywhere;
}
.govinfo-report th { font-weight: normal; }
.govinfo-report thead th, .govinfo-report th[scope="col"],
.govinfo-report th[scope="colgroup"], .govinfo-report th[scope="rowgroup"] {
  font-weight: bold;
}
.govinfo-report th.label { text-align: left; }
.govinfo-report td.note { font-size: 0.9em; }
.govinfo-report td.figure { font-variant-numeric: tabular-nums; }
@media print {
  .govinfo-report { max-width: none; padding: 0; font-size: 11pt; }
  .govinfo-report table { font-size: 8.5pt; }
  .govinfo-report table.small { font-size: 7.5pt; }
  .govinfo-report thead { display: table-header-group; }
  .govinfo-report tr { break-inside: avoid; }
  .govinfo-report h2, .govinfo-report h3, .govinfo-report caption { break-after: avoid; }
}
"""
"""The page's style sheet. Every rule is scoped to ``.govinfo-report``, so it
can be added to a site's own style sheet for a fragment (``fragment=True``)."""

_NARRATIVES = {
    SectionId.OVERVIEW: "overview",
    SectionId.PROBLEMS: "problems",
    SectionId.OTHER_MATTERS: "other_matters",
}


def write_html(
    report: Report,
    target: Target,
    *,
    fragment: bool = False,
    allow_findings: bool = False,
) -> None:
    """Write ``report`` as a web page (UTF-8 HTML) ready to publish.

    The page holds the title, the preface, the six sections with their
    official headings and narrative (sub-sections numbered ``（一）``…), the
    three tables laid out as the format prints them (every merged cell as
    ``rowspan``/``colspan``, labels verbatim, each table with a ``<caption>``
    and header cells with ``scope``), every figure as published (blank stays
    blank, ``/`` stays ``/``, amounts keep their precision), and the agency
    and date of issue at the end. There is no script. The style sheet prints
    on A4 with the tables within the page width and uses CJK fonts. Every
    text is escaped. `read_html` reads the page back as the same report.

    Args:
        report: the report to write.
        target: a file path or a binary stream. A path is replaced atomically:
            on any failure it keeps its old content.
        fragment: write only the ``<article class="govinfo-report">`` element
            that a content management system takes, without ``<html>``,
            ``<head>`` and the style sheet (its rules are all scoped to
            ``.govinfo-report``; copy them from a full page).
        allow_findings: write even when `check_publishable` finds errors
            (the report is published as it is).

    Raises:
        UnpublishableReportError: `check_publishable` finds errors (as for
            `write_docx`) and ``allow_findings`` is false; nothing is written.
            It is an `InconsistentReportError`.
        WriteError: the target cannot be written.

    >>> import io
    >>> from govinfo_report import example_report
    >>> buffer = io.BytesIO()
    >>> write_html(example_report(), buffer)
    >>> buffer.getvalue()[:15]
    b'<!DOCTYPE html>'
    """
    ensure_publishable(report, allow_findings=allow_findings)
    write_atomic(target, html_text(report, fragment=fragment).encode("utf-8"))


def html_text(report: Report, *, fragment: bool = False) -> str:
    """The page (or fragment) of ``report`` as text, without checking its findings."""
    article = _article(report)
    if fragment:
        return article + "\n"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(report.title)}</title>",
            f"<style>\n{STYLE}</style>",
            "</head>",
            "<body>",
            article,
            "</body>",
            "</html>",
            "",
        ]
    )


def _paragraphs(texts: tuple[str, ...] | list[str], out: list[str]) -> None:
    out.extend(f"<p>{escape(text)}</p>" for text in texts)


def _narrative(narrative: Narrative, out: list[str]) -> None:
    _paragraphs(narrative.paragraphs, out)
    for number, sub in enumerate(narrative.subsections, start=1):
        out.append(f"<h3>（{chinese_number(number)}）{escape(sub.title)}</h3>")
        _paragraphs(sub.paragraphs, out)


def _caption(heading: str) -> str:
    """The table's name: its section heading without the ordinal (``二、``)."""
    _ordinal, sep, name = heading.partition("、")
    return name if sep else heading


def _article(report: Report) -> str:
    layouts = {
        TableId.ACTIVE: active_layout(
            report.active.spec, report.active.values, report.active.amount_unit
        ),
        TableId.REQUESTS: requests_layout(report.requests.spec, report.requests.values),
        TableId.APPEALS: appeals_layout(report.appeals.spec, report.appeals.values),
    }
    out = [
        f'<article class="govinfo-report" lang="zh-CN" data-year="{report.metadata.year}">',
        "<header>",
        f"<h1>{escape(report.title)}</h1>",
        "</header>",
    ]
    _paragraphs(report.preface, out)
    for number, section in enumerate(report.spec.sections, start=1):
        anchor = f"section-{number}"
        out.append(f'<section id="{anchor}" aria-labelledby="{anchor}-heading">')
        out.append(f'<h2 id="{anchor}-heading">{escape(section.heading)}</h2>')
        if section.table is not None:
            out.append(
                table_html(
                    layouts[section.table],
                    _caption(section.heading),
                    f"table-{section.table.value}",
                )
            )
        else:
            _narrative(getattr(report, _NARRATIVES[section.id]), out)
        out.append("</section>")
    out.append("<footer>")
    out.append(f'<p class="signature">{escape(report.metadata.agency)}</p>')
    if report.metadata.date_of_issue is not None:
        day = format_date(report.metadata.date_of_issue)
        out.append(f'<p class="signature">{day}</p>')
    out.append("</footer>")
    out.append("</article>")
    return "\n".join(out)
