"""A page printed very small, laid out at about the size of its text as printed.

`_pdf_layout` tells lines, words and columns by sizes in points (glyphs
within 3 pt share a line, a gap of 12 pt is a column's) chosen for text of
ordinary size. A page shrunk when printed ("fit to page", a page placed
small on its sheet) has its glyphs, gaps and line pitch shrunk alike: down
to about half size it still reads as printed, but at 40% a wrapped label's
next line came within 3 pt of its row's figures and joined them, and the
gaps between the columns of a table without rulings were no wider than a
word's (a row of table 3 read as one label). A page whose glyphs are mostly
smaller than `SMALL` is drawn as large as makes them `PRINTED` (from its
corner, the rulings and everything else alike), so that it is laid out as
the page as printed; a page of text of ordinary size is left as it is.
"""

from __future__ import annotations

import statistics
from typing import Any

from govinfo_report._readers._pdf_sheets import enlarged

__all__ = ["PRINTED", "SMALL", "at_print_size"]

SMALL = 5.0
"""pt: a page whose median glyph is lower than this was shrunk when printed."""
PRINTED = 8.0
"""pt: the height such a page's median glyph is laid out at (small print, 8 pt)."""


def at_print_size(page: dict[str, Any]) -> dict[str, Any]:
    """``page``, enlarged when its text is shrunk (see the module)."""
    heights = [c[4] - c[2] for c in page["chars"]]
    if not heights:
        return page
    median = statistics.median(heights)
    if not 0 < median < SMALL:
        return page
    return enlarged(page, 0.0, 0.0, PRINTED / median)
