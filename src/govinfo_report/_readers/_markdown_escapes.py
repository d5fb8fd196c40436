r"""Backslash escapes in the rows of a Markdown table, as a viewer shows them.

Markdown writers (pandoc, the "PDF to Markdown" converters) escape what
Markdown would read as markup: a footnote mark ``1268*`` is written
``1268\*``, a bar inside a cell ``\|``. A viewer shows ``1268*`` and one cell
holding ``|``; so does the text reader (CommonMark: a backslash before ASCII
punctuation is an escape, any other backslash is itself).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

_PUNCTUATION = string.punctuation
_HELD = {ord(chr(0xE010 + i)): p for i, p in enumerate(_PUNCTUATION)}
"""Private characters (no text holds them) standing for the escaped
punctuation while the row is cut into cells and its markup read."""
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BAR_CELL = re.compile(r"(?:(?<=[\s|])|^)\\(?=\|)")
r"""``| \|``: a backslash after a space or a bar, before a bar, is a cell of
``\`` (not applicable), not an escaped bar (``三安全\|一稳定``)."""
_LONE = "\ue00f"


def has_escape(line: str) -> bool:
    r"""True when ``line`` holds a backslash escape (``\*``, ``\|``)."""
    return "\\" in line and _ESCAPE.search(line) is not None


def escaped_cells(
    line: str, split: Callable[[str], tuple[str, ...]]
) -> tuple[str, ...]:
    r"""The cells ``split`` cuts ``line`` into, its escapes as a viewer shows them.

    >>> cut = lambda s: tuple(c.strip() for c in s.strip("|").split("|"))
    >>> escaped_cells(r"| 行政许可 | 1268\* |", cut)
    ('行政许可', '1268*')
    >>> escaped_cells(r"| 危及三安全\|一稳定 | \| 0 |", cut)
    ('危及三安全|一稳定', '\\', '0')
    """
    kept = _BAR_CELL.sub(_LONE, line)
    held = _ESCAPE.sub(lambda found: chr(0xE010 + _PUNCTUATION.index(found[1])), kept)
    return tuple(cell.translate(_HELD).replace(_LONE, "\\") for cell in split(held))
