"""Pages whose scripts show the report (WeChat articles) or write it.

WeChat articles print ``<div id="js_content" style="visibility: hidden;">``
and a script shows it once the page is loaded: a reader sees the report; it
was read as hidden and refused as "not a report". A report that stands only
in a script's string cannot be seen without running it: refused saying so.
"""

from __future__ import annotations

import io

import pytest

import govinfo_report as gr
from govinfo_report._findings import Severity
from govinfo_report.exceptions import NotAReportError


def _inner() -> str:
    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    page = buffer.getvalue().decode("utf-8")
    body = page[page.index("<body") : page.index("</body>")]
    return body[body.index(">") + 1 :]


def _figures(report: gr.Report) -> dict[str, object]:
    return {cell: report[cell] for cell in report}


def _page(style: str, script: str, *, ident: str = "js_content") -> str:
    return (
        '<html><head><meta charset="utf-8"><title>年报</title></head>'
        f'<body><div class="rich_media_content" id="{ident}" style="{style}">'
        f"{_inner()}</div><script>{script}</script></body></html>"
    )


@pytest.mark.parametrize(
    ("style", "script"),
    [
        (
            "visibility: hidden;",
            'document.getElementById("js_content").style.visibility = "visible";',
        ),
        ("display:none", "$('#js_content').show();"),
        (
            "display: none",
            "var e = document.querySelector('#js_content'); e.style.display = 'block';",
        ),
        ("opacity: 0", "document.getElementById('js_content').style.opacity = 1;"),
    ],
    ids=["wechat visibility", "jquery show", "display block", "opacity"],
)
def test_an_article_a_script_shows_is_read_with_a_warning(
    style: str, script: str
) -> None:
    report = gr.read_html(_page(style, script))
    assert _figures(report) == _figures(gr.example_report())
    (warning,) = report.reading_findings
    assert warning.severity is Severity.WARNING
    assert "#js_content" in warning.message
    assert "脚本" in warning.message


@pytest.mark.parametrize(
    "script",
    [
        "",  # nothing shows it
        "track('js_content');",  # names it, shows nothing
        "document.getElementById('js_content').style.visibility = 'hidden';",
        "document.getElementById('other').style.visibility = 'visible';",
    ],
    ids=["no script", "only named", "hidden again", "another element"],
)
def test_an_element_no_script_shows_stays_hidden(script: str) -> None:
    with pytest.raises(NotAReportError):
        gr.read_html(_page("visibility: hidden;", script))


def test_a_hidden_old_figure_stays_hidden_when_a_script_hides_it() -> None:
    """A corrected figure with the old one hidden: a script that hides the old
    one again (``display = 'none'``) shows nothing."""
    page = (
        _page("", "")
        .replace("<td>", '<td><span id="old" style="display:none">9</span>', 1)
        .replace(
            "<script></script>",
            "<script>document.getElementById('old').style.display = 'none';</script>",
        )
    )
    report = gr.read_html(page)
    assert _figures(report) == _figures(gr.example_report())


def _article(report: gr.Report) -> str:
    buffer = io.BytesIO()
    gr.write_html(report, buffer, allow_findings=True)
    page = buffer.getvalue().decode("utf-8")
    return page[page.index("<article") : page.index("</article>") + len("</article>")]


@pytest.mark.parametrize(
    "hiding",
    [
        '<div style="display:none">{}</div>',
        "<div hidden>{}</div>",
        '<div style="visibility:hidden">{}</div>',
    ],
)
def test_a_hidden_copy_of_our_own_article_is_not_read(hiding: str) -> None:
    """An old version kept hidden beside the new one: what was read was the
    first article of the page, hidden or not (the old figures, no finding)."""
    old = gr.example_report().with_cells({"active.licensing.decisions": 999})
    new = gr.example_report()
    page = (
        "<html><body>" + hiding.format(_article(old)) + _article(new) + "</body></html>"
    )
    report = gr.read_html(page)
    assert report["active.licensing.decisions"] == new["active.licensing.decisions"]
    assert _figures(report) == _figures(new)
    alone = "<html><body>" + hiding.format(_article(old)) + "</body></html>"
    with pytest.raises(NotAReportError):
        gr.read_html(alone)
