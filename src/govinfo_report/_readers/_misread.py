"""Cells that are figures printed or recognised wrong: ``2O``, ``l8``, ``1268.``.

OCR (Tesseract, PaddleOCR) reads ``0`` as ``O`` or ``o``, ``1`` as ``l`` or
``I``, ``5`` as ``S``, ``8`` as ``B``; a copy keeps a stray full stop after
a figure (``1268.``). Taken for labels, such cells were unknown labels, and
the figures after them in the row were nobody's: the whole row was lost,
with a message about a label. They are figures in their place: a misread
one is never turned into digits (``O`` may be ``0`` or ``D``: a guess) but
reported as a figure not read, naming the letters; a figure with a stray
stop is read without it, with a warning, unless it is ``1.`` to ``8.`` (the
number of a row label, ``1.属于国家秘密`` split over two cells).
"""

from __future__ import annotations

import re

_LETTERS = "OoDQlIiZSsBbGgq"
"""Letters OCR gives for digits (O o D Q: 0; l I i: 1; Z: 2; S s: 5; B: 8; b G: 6; g q: 9)."""
_LOOKS = re.compile(f"^[0-9０-９{_LETTERS},，]{{1,12}}$")
_ALONE = frozenset("OolI")
"""A letter alone in a figure's cell (``O`` for 0, ``l`` for 1)."""
_STOP = re.compile(r"^([0-9０-９][0-9０-９,，]*(?:\.[0-9０-９]+)?)\s*[.．。]$")
_ITEM_NUMBERS = frozenset("12345678")


def misread_figure(text: str) -> bool:
    """True for a figure with letters OCR gives for digits (``2O``, ``l8``, ``O``).

    >>> [misread_figure(t) for t in ("2O", "l8", "O", "1,2S8", "规章", "OK", "S", "2,4")]
    [True, True, True, True, False, False, False, False]
    """
    if not _LOOKS.match(text):
        return False
    if text in _ALONE:
        return True
    return any(c.isdigit() for c in text) and any(c in _LETTERS for c in text)


def misread_letters(text: str) -> str:
    """The letters in ``text`` that OCR gives for digits, joined by ``、``.

    >>> misread_letters("l2O8")
    'l、O'
    """
    return "、".join(dict.fromkeys(char for char in text if char in _LETTERS))


def stray_stop(text: str) -> str | None:
    """The figure before a stray full stop (``1268.`` → ``1268``), or None.

    None for ``1.`` to ``8.``: the number of a row label, not a figure.

    >>> stray_stop("1268."), stray_stop("12.56。"), stray_stop("3."), stray_stop("1268")
    ('1268', '12.56', None, None)
    """
    found = _STOP.match(text)
    if found is None or found.group(1) in _ITEM_NUMBERS:
        return None
    return found.group(1)


def is_figure_cell(text: str) -> bool:
    """A cell that stands where a figure is, though it is no readable figure."""
    return misread_figure(text) or stray_stop(text) is not None
