"""What a reader sees of WordprocessingML: the text of paragraphs and table cells.

Word files carry text no reader of the printed page sees: hidden runs
(``w:vanish``, directly or through a character or paragraph style), tracked
deletions and the old place of moved text (``w:del``, ``w:moveFrom``), field
instructions, the fallback of ``mc:AlternateContent`` (the same content again,
for older readers) and text boxes reached through their anchor paragraph as
well as on their own. Reading any of it could join its digits to a printed
figure (or read a figure twice), so every text the Word reader takes comes
from here: `shown_text` for a paragraph, `shown_paragraphs` and `text_boxes`
for what a container or paragraph holds, `table_rows` for a table. Kept:
insertions (``w:ins``) and moved text in its new place (``w:moveTo``).
Superscript runs are shown, but are footnote marks, not part of a figure:
their text is handed back apart, for the reader to report. Text in the colour
of what lies under it (white on the white page, or on a cell, paragraph or
run shading, or highlight, of its own colour) is not seen either: a corrected
figure typed over an old one painted white.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from docx.oxml.ns import qn

from govinfo_report._ooxml._xml import W_NS

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_W = "{" + W_NS + "}"
_MC = "{" + MC_NS + "}"
_ALTERNATE = _MC + "AlternateContent"
_CHOICE = _MC + "Choice"
_FALLBACK = _MC + "Fallback"
_TEXT_BOX = _W + "txbxContent"
_RUN = _W + "r"
_TEXT = _W + "t"
_FIELD_CHAR = _W + "fldChar"
_PARAGRAPH = _W + "p"
_NOT_SHOWN = frozenset(
    (
        _W + "del",  # a tracked deletion (its text is w:delText anyway)
        _W + "moveFrom",  # the old place of moved text: shown at w:moveTo
        _W + "rPr",
        _W + "pPr",
        _W + "tblPr",
        _W + "trPr",
        _W + "tcPr",
        _W + "sectPr",
        _FALLBACK,  # what an older reader shows instead of the mc:Choice
    )
)
"""Elements whose runs are not shown (or shown elsewhere, ``w:moveFrom``)."""


@attrs.frozen
class RunLooks:
    """How a document's styles show runs: hidden (``w:vanish``) or superscript.

    Attributes:
        hidden: ids of the styles (character or paragraph) whose runs are
            hidden, through ``w:basedOn`` too.
        raised: ids of the styles whose runs are superscripts.
    """

    hidden: frozenset[str] = frozenset()
    raised: frozenset[str] = frozenset()
    inks: Mapping[str, str] = attrs.field(factory=dict)
    """Style id → the text colour (``w:color``) it gives its runs, through
    ``w:basedOn`` too; styles that set none are not in it."""


NO_STYLES = RunLooks()
"""No style hides or raises a run (a document without styles)."""


def _on_off(
    rpr: Any, name: str, on_values: tuple[str, ...] | None = None
) -> bool | None:
    """A toggle of a ``w:rPr``: True/False when it says, None when it is silent.

    ``on_values`` are the ``w:val`` values that mean on (for ``w:vertAlign``);
    for a toggle (``w:vanish``) any value but false/0/off is on.
    """
    if rpr is None:
        return None
    element = rpr.find(_W + name)
    if element is None:
        return None
    value = element.get(_W + "val")
    if on_values is not None:
        return value in on_values
    return value not in ("0", "false", "off")


def run_looks(styles: Any) -> RunLooks:
    """The styles of a ``w:styles`` element that hide or raise their runs."""
    if styles is None:
        return NO_STYLES
    own: dict[str, tuple[str | None, bool | None, bool | None, str | None]] = {}
    for style in styles.iterchildren(_W + "style"):
        style_id = style.get(_W + "styleId")
        if not style_id:
            continue
        based = style.find(_W + "basedOn")
        rpr = style.find(_W + "rPr")
        color = rpr.find(_W + "color") if rpr is not None else None
        own[style_id] = (
            based.get(_W + "val") if based is not None else None,
            _on_off(rpr, "vanish"),
            _on_off(rpr, "vertAlign", ("superscript",)),
            color.get(_W + "val") if color is not None else None,
        )

    def resolved(style_id: str, index: int) -> Any:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current in own and current not in seen:
            seen.add(current)
            value = own[current][index]
            if value is not None:
                return value
            current = own[current][0]
        return None

    inks = {i: ink for i in own if (ink := resolved(i, 3)) is not None}
    return RunLooks(
        hidden=frozenset(i for i in own if resolved(i, 1)),
        raised=frozenset(i for i in own if resolved(i, 2)),
        inks=inks,
    )


def _shown_children(element: Any) -> list[Any]:
    """The children of ``element`` whose content is shown, in order.

    Of an ``mc:AlternateContent`` only the first ``mc:Choice`` is read (its
    ``mc:Fallback`` is the same content for older readers).
    """
    if element.tag == _ALTERNATE:
        choice = element.find(_CHOICE)
        if choice is not None:
            return [choice]
        fallback = element.find(_FALLBACK)
        return [] if fallback is None else [fallback]
    return [c for c in element if c.tag not in _NOT_SHOWN and isinstance(c.tag, str)]


def shown_paragraphs(container: Any) -> Iterator[Any]:
    """The ``w:p`` under ``container`` a reader sees, in document order.

    A paragraph in a text box (``w:txbxContent``) comes after the paragraph
    that anchors it, once (the first ``mc:Choice``, not its fallback);
    paragraphs in deletions and moved-away text are left out.
    """
    stack = [container]
    while stack:
        element = stack.pop()
        if element.tag == _PARAGRAPH:
            yield element
        stack.extend(reversed(_shown_children(element)))


def text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes (``w:txbxContent``) a paragraph anchors, each once."""
    found: list[Any] = []
    stack = [paragraph]
    while stack:
        element = stack.pop()
        if element.tag == _TEXT_BOX:
            found.append(element)
            continue
        stack.extend(reversed(_shown_children(element)))
    return found


Rgb = tuple[int, int, int]
WHITE: Rgb = (255, 255, 255)
"""The page: what lies under text that no shading covers."""

_HIGHLIGHTS: dict[str, Rgb] = {
    "white": WHITE,
    "black": (0, 0, 0),
    "yellow": (255, 255, 0),
    "green": (0, 255, 0),
    "cyan": (0, 255, 255),
    "magenta": (255, 0, 255),
    "blue": (0, 0, 255),
    "red": (255, 0, 0),
    "darkBlue": (0, 0, 128),
    "darkCyan": (0, 128, 128),
    "darkGreen": (0, 128, 0),
    "darkMagenta": (128, 0, 128),
    "darkRed": (128, 0, 0),
    "darkYellow": (128, 128, 0),
    "darkGray": (128, 128, 128),
    "lightGray": (192, 192, 192),
}
_ALIKE = 8
"""Colours whose channels all differ by at most this much look the same."""


def _hex_rgb(value: str | None) -> Rgb | None:
    """``FFFFFF`` as (255, 255, 255); None for ``auto``, a theme name, or nonsense."""
    if value is None or len(value) != 6:
        return None
    try:
        number = int(value, 16)
    except ValueError:
        return None
    return (number >> 16, (number >> 8) & 0xFF, number & 0xFF)


def shading(properties: Any) -> Rgb | None:
    """The fill of a ``w:shd`` under a ``w:rPr``/``w:pPr``/``w:tcPr``, if it sets one."""
    if properties is None:
        return None
    shd = properties.find(_W + "shd")
    if shd is None:
        return None
    return _hex_rgb(shd.get(_W + "fill"))


def _alike(one: Rgb, other: Rgb) -> bool:
    return all(abs(a - b) <= _ALIKE for a, b in zip(one, other, strict=True))


def _unseen(rpr: Any, paper: Rgb, styled: str | None) -> bool:
    """The run's colour is that of what lies under it (its highlight, shading or ``paper``).

    ``styled``: the colour its character or paragraph style gives it, used
    when the run sets none itself.
    """
    color = rpr.find(_W + "color") if rpr is not None else None
    ink = _hex_rgb(color.get(_W + "val") if color is not None else styled)
    if ink is None:
        return False  # automatic (black on white, white on dark) or unknown
    if rpr is None:
        return _alike(ink, paper)
    under = paper
    highlight = rpr.find(_W + "highlight")
    named = highlight.get(_W + "val") if highlight is not None else None
    if named is not None and named != "none":
        if named not in _HIGHLIGHTS:
            return False
        under = _HIGHLIGHTS[named]
    else:
        under = shading(rpr) or paper
    return _alike(ink, under)


def shown_text(
    paragraph: Any, looks: RunLooks, marks: list[str], paper: Rgb = WHITE
) -> str:
    """The text of a ``w:p`` a reader sees.

    Left out: hidden runs (``w:vanish``, directly or through a character or
    paragraph style), tracked deletions and moved-away text (kept:
    insertions ``w:ins`` and ``w:moveTo``), field instructions (the result is
    read), the fallback of ``mc:AlternateContent``, text boxes (read as
    paragraphs of their own, `text_boxes`) and text in the colour of what lies
    under it (``paper``: the page's white, or the cell's shading; then the
    paragraph's and the run's shading or highlight). The text of a superscript
    run is appended to ``marks`` instead: it is a footnote mark, not part of a
    figure.
    """
    paper = shading(paragraph.find(_W + "pPr")) or paper
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    paragraph_style = style.get(_W + "val") if style is not None else None
    hidden_by_paragraph = paragraph_style in looks.hidden
    raised_by_paragraph = paragraph_style in looks.raised
    parts: list[str] = []
    fields: list[bool] = []  # per open field: True once its result begins
    mark: list[str] = []
    stack = [paragraph]
    while stack:
        element = stack.pop()
        if element.tag != _RUN:
            if element.tag != _TEXT_BOX:
                stack.extend(reversed(_shown_children(element)))
            continue
        rpr = element.find(_W + "rPr")
        char = rpr.find(_W + "rStyle") if rpr is not None else None
        char_style = char.get(_W + "val") if char is not None else None
        hidden = _on_off(rpr, "vanish")
        if hidden is None:
            hidden = char_style in looks.hidden or hidden_by_paragraph
        styled = looks.inks.get(char_style or "") or looks.inks.get(
            paragraph_style or ""
        )
        hidden = hidden or _unseen(rpr, paper, styled)
        raised = _on_off(rpr, "vertAlign", ("superscript",))
        if raised is None:
            raised = char_style in looks.raised or raised_by_paragraph
        for child in element:
            if child.tag == _FIELD_CHAR:
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif child.tag == _TEXT and child.text and not hidden and all(fields):
                if raised:
                    mark.append(child.text)
                    continue
                if mark:
                    marks.append("".join(mark))
                    mark.clear()
                parts.append(child.text)
    if mark:
        marks.append("".join(mark))
    return "".join(parts)


def paragraph_style_and_text(
    paragraph: Any, looks: RunLooks = NO_STYLES, marks: list[str] | None = None
) -> tuple[str | None, str]:
    """A ``w:p``'s style id (None without one) and the text a reader sees of it.

    See `shown_text`; superscripts dropped are appended to ``marks`` when given.
    """
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    style_id = style.get(qn("w:val")) if style is not None else None
    return style_id, shown_text(paragraph, looks, [] if marks is None else marks)


def _int_attr(element: Any, path: str) -> int:
    found = element.find(path)
    if found is None:
        return 0
    try:
        return max(0, min(int(found.get(qn("w:val"), "0")), 200))
    except ValueError:
        return 0


def table_rows(
    tbl: Any,
    *,
    expand_spans: bool = True,
    looks: RunLooks = NO_STYLES,
    marks: list[tuple[int, str, list[str]]] | None = None,
) -> Iterator[list[str]]:
    """The rows of a ``w:tbl`` as the cell texts a reader sees (see `shown_text`).

    With ``expand_spans`` a cell spanning columns fills its grid positions
    (text first, then ``""``); without it, it is one entry, as published.
    Positions covered by a vertical merge are ``""`` either way. A deleted row
    (``w:trPr/w:del``) or a hidden one (``w:trPr/w:hidden``) is left out.
    Superscripts dropped from a cell are appended to ``marks`` as (row number
    from 1, cell text, the marks).
    """
    tr_pr = f"{qn('w:trPr')}/"
    number = 0
    for tr in tbl.iterchildren(qn("w:tr")):
        if (
            tr.find(tr_pr + qn("w:del")) is not None
            or _on_off(tr.find(qn("w:trPr")), "hidden") is True
        ):
            continue
        number += 1
        row = [""] * _int_attr(tr, tr_pr + qn("w:gridBefore"))
        for tc in _row_cells(tr):
            span = max(1, _int_attr(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}"))
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            covered = (
                merge is not None and merge.get(qn("w:val"), "continue") != "restart"
            )
            text = ""
            if not covered:
                cell_marks: list[str] = []
                paper = shading(tc.find(qn("w:tcPr"))) or WHITE
                text = " ".join(
                    shown_text(p, looks, cell_marks, paper)
                    for p in shown_paragraphs(tc)
                ).strip()
                if cell_marks and marks is not None:
                    marks.append((number, text, cell_marks))
            row.append(text)
            if expand_spans:
                row.extend([""] * (span - 1))
        row.extend([""] * _int_attr(tr, tr_pr + qn("w:gridAfter")))
        yield row


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from (c for c in content if c.tag == qn("w:tc"))
