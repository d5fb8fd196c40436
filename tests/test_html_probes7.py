"""read_html() probed, round 7: what a page's style sheet says of flex
boxes and table rows, checked against Chromium's print to PDF.

Each probe replaces the one cell printing 行政许可's 1268 (or a row of
table 2) on a general page and, where it fits, on a page `write_html` made.
"""

from __future__ import annotations

import pytest

from govinfo_report import MISSING, FindingKind, Report, Severity, read_html
from helpers import PROBE_CELL, html_probe_fixtures, other_cells
from test_html_hostile import _with_sheet

CELL = PROBE_CELL

example, page, put = html_probe_fixtures()


def _put_with_sheet(put: object, inner: str, css: str) -> Report:
    assert callable(put)
    built = put(inner)
    assert isinstance(built, str)
    return read_html(_with_sheet(built, css))


# ------------------------------- a flex box's layout given by a style sheet

_ITEMS = '<div class="f"><span>68</span><span>12</span></div>'
SHEET_REVERSED = {
    "flex-flow": ".f{display:flex;flex-flow:row-reverse}",
    "flex-flow-nowrap": ".f{display:inline-flex;flex-flow:row-reverse nowrap}",
    "flex-flow-split": ".f{display:flex}.f{flex-flow:row-reverse}",
}


@pytest.mark.parametrize("css", SHEET_REVERSED.values(), ids=SHEET_REVERSED.keys())
def test_a_flex_flow_from_a_sheet_is_read_as_the_screen_shows_it(
    put: object, example: Report, css: str
) -> None:
    """Chromium shows 1268 (as for the same style inline): the sheet's
    ``flex-flow`` was dropped (only the properties the reader looks at are
    taken from a sheet) and the cell read 6812 with nothing to say."""
    report = _put_with_sheet(put, _ITEMS, css)
    assert report[CELL] == 1268
    (finding,) = report.reading_findings
    assert finding.kind is FindingKind.AMBIGUOUS
    assert finding.severity is Severity.WARNING
    assert "按屏幕上的顺序读作“1268”" in finding.message
    assert other_cells(report) == other_cells(example)


SHEET_UNCERTAIN = {
    "wraps": ".f{display:flex;flex-direction:row-reverse;flex-wrap:wrap}",
    "flow-wraps": ".f{display:flex;flex-flow:row-reverse wrap}",
    "vertical": ".f{display:flex;flex-direction:row-reverse;writing-mode:vertical-rl}",
}


@pytest.mark.parametrize("css", SHEET_UNCERTAIN.values(), ids=SHEET_UNCERTAIN.keys())
def test_a_flex_box_a_sheet_may_wrap_is_not_read(
    put: object, example: Report, css: str
) -> None:
    """Items that may wrap (or run down a vertical line) have no certain
    order: the sheet's ``flex-wrap``/``writing-mode`` was dropped and the
    cell read 1268 as if on one line, with a warning only."""
    report = _put_with_sheet(put, _ITEMS, css)
    assert report[CELL] is MISSING
    (order,) = [f for f in report.reading_findings if "顺序" in f.message]
    assert order.kind is FindingKind.AMBIGUOUS
    assert order.severity is Severity.ERROR
    assert "源码中为“6812”，以“〓”代替" in order.message
    assert other_cells(report) == other_cells(example)
