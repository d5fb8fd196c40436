"""The blocks of a Word body and the rows of its tables, as a reader sees them.

Content is wrapped without being hidden: ``w:customXml`` and content controls
(``w:sdt``) around paragraphs, tables, rows and cells are looked through at any
depth (`wrapped`), so each is read once, in place; of an
``mc:AlternateContent`` round them, the branch Word shows. A table's rows are the
texts of its cells (`shown_text`); deleted and hidden rows are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from govinfo_report._ooxml._content import MC_NS, understood
from govinfo_report._ooxml._looks import Looks
from govinfo_report._ooxml._text import (
    PICTURE,
    UNREAD,
    Note,
    NoteKind,
    shown_paragraphs,
    shown_text,
)
from govinfo_report._ooxml._xml import W_NS

_W = "{" + W_NS + "}"
_PARAGRAPH = _W + "p"
_TABLE = _W + "tbl"
_SDT = _W + "sdt"
_CUSTOM = _W + "customXml"
_CHUNK = _W + "altChunk"
_MC = "{" + MC_NS + "}"
_ALTERNATE = _MC + "AlternateContent"


def _chosen(alternate: Any) -> Any | None:
    """What Word shows of an ``mc:AlternateContent``: the first ``mc:Choice``
    it understands, else the ``mc:Fallback`` (None without one)."""
    for choice in alternate.iterchildren(_MC + "Choice"):
        if understood(choice):
            return choice
    return alternate.find(_MC + "Fallback")


def wrapped(parent: Any, *tags: str) -> Iterator[Any]:
    """The children of ``parent`` whose tag is one of ``tags``, looking through
    ``w:customXml`` and ``w:sdt`` wrappers (around rows, cells, blocks) at any
    depth, in order, and into the branch Word shows of an
    ``mc:AlternateContent`` (`_chosen`: a table or row in it is read once)."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in tags:
            yield child
        elif child.tag == _CUSTOM:
            stack.append(iter(child))
        elif child.tag == _SDT:
            content = child.find(_W + "sdtContent")
            if content is not None:
                stack.append(iter(content))
        elif child.tag == _ALTERNATE:
            chosen = _chosen(child)
            if chosen is not None:
                stack.append(iter(chosen))


_BLOCK_KINDS = {_PARAGRAPH: "paragraph", _TABLE: "table", _CHUNK: "chunk"}


def body_blocks(body: Any) -> Iterator[tuple[str, Any]]:
    """A body's (or text box's) blocks in order: ``("paragraph"|"table"|"chunk", element)``.

    Content controls (``w:sdt``) and custom XML (``w:customXml``) are looked
    into; ``w:altChunk`` (a document, web page or RTF embedded whole, which
    Word shows in its place) is a ``chunk``: not read, to be reported.
    """
    for child in wrapped(body, *_BLOCK_KINDS):
        yield _BLOCK_KINDS[child.tag], child


def _unseen_row(tr: Any) -> bool:
    """A tracked deletion of the row (``w:trPr/w:del``) or a hidden row."""
    return tr.find(f"{_W}trPr/{_W}del") is not None or _on(
        tr.find(f"{_W}trPr/{_W}hidden")
    )


def _covered(tc: Any) -> bool:
    """The cell is deleted (``w:cellDel``) or continues a vertical merge."""
    tc_pr = tc.find(_W + "tcPr")
    if tc_pr is None:
        return False
    merge = tc_pr.find(_W + "vMerge")
    return tc_pr.find(_W + "cellDel") is not None or (
        merge is not None and merge.get(_W + "val", "continue") != "restart"
    )


def _holds_table(tr: Any, rows: int) -> bool:
    """A cell of the row holds a table of more rows than the ``rows`` of the
    table round it: that one lays the page out (a frame), as the web page
    reader judges a table holding a longer one. A smaller table in a cell
    (a cell split in two) is read as the cell's text: ``12 68``, two pieces."""
    return any(
        next(islice(wrapped(table, _W + "tr"), rows, None), None) is not None
        for tc in wrapped(tr, _W + "tc")
        for table in wrapped(tc, _TABLE)
    )


def table_pieces(tbl: Any) -> Iterator[tuple[str, Any]]:
    """A ``w:tbl`` as a reader takes it: ``("rows", tbl)``, a table to read
    with `table_rows`; or, for a table laying the page out, ``("cell", w:tc)``
    for every cell shown, in order, to be read as a body is (`body_blocks`).

    A table holding, in a cell, a table of more rows than its own
    (`_holds_table`) lays the page out: a frame laid round a whole report
    or round one of its tables (a CMS export, a template) holds the
    statistics tables in its cells, as the web page reader judges a layout
    table. Joined into the frame's cell text, their figures would be lost.
    """
    count = sum(1 for _ in wrapped(tbl, _W + "tr"))
    if not any(_holds_table(tr, count) for tr in wrapped(tbl, _W + "tr")):
        yield "rows", tbl
        return
    for tr in wrapped(tbl, _W + "tr"):
        if _unseen_row(tr) or _clipped(tr) is not None:
            continue
        for tc in wrapped(tr, _W + "tc"):
            if not _covered(tc):
                yield "cell", tc


def _int_attr(element: Any, path: str) -> int:
    found = element.find(path)
    if found is None:
        return 0
    try:
        return max(0, min(int(found.get(_W + "val", "0")), 200))
    except ValueError:
        return 0


_CLIPPED_TWIPS = 60
"""A row fixed (``w:hRule="exact"``) at 3 pt or less shows no line of text."""


def _clipped(tr: Any) -> str | None:
    """The height (``"1.5 磅"``) of a row fixed too low to show its text, else None."""
    height = tr.find(f"{_W}trPr/{_W}trHeight")
    if height is None or height.get(_W + "hRule") != "exact":
        return None
    try:
        twips = int(height.get(_W + "val") or "")
    except ValueError:
        return None
    return f"{twips / 20:g} 磅" if 0 <= twips <= _CLIPPED_TWIPS else None


def shown_paragraphs_text(cell: Any, looks: Looks) -> list[str]:
    """The texts of the paragraphs of a cell (their notes not kept)."""
    return [shown_text(p, looks, []) for p in shown_paragraphs(cell, looks)]


def _mark_unseen(paragraph: Any, looks: Looks, table_style: str | None) -> bool:
    """The paragraph's mark is hidden (``w:pPr/w:rPr/w:vanish``, directly or by
    its style) or a tracked deletion (``w:pPr/w:rPr/w:del``): no line ends there."""
    ppr = paragraph.find(_W + "pPr")
    rpr = ppr.find(_W + "rPr") if ppr is not None else None
    if rpr is not None and rpr.find(_W + "del") is not None:
        return True
    style = ppr.find(_W + "pStyle") if ppr is not None else None
    name = style.get(_W + "val") if style is not None else None
    return looks.run(rpr, None, name, table_style).hidden


def _pictures_read(text: str, notes: list[Note]) -> str:
    """A cell's text with its lone pictures (`PICTURE`) as `UNREAD` when the
    cell holds digits or nothing else (the picture may show the figure), or
    left out, with their notes, beside other text (an icon by a label)."""
    rest = text.replace(PICTURE, "")
    if rest.strip() and not any(c.isdigit() for c in rest):
        notes[:] = [n for n in notes if n.kind is not NoteKind.PICTURE]
        return " ".join(rest.split())
    return text.replace(PICTURE, UNREAD)


def _on(element: Any) -> bool:
    return element is not None and element.get(_W + "val") not in ("0", "false", "off")


def table_rows(
    tbl: Any,
    *,
    looks: Looks | None = None,
    expand_spans: bool = True,
    notes: list[tuple[int, int, str, list[Note]]] | None = None,
) -> Iterator[list[str]]:
    """The rows of a ``w:tbl`` as the cell texts a reader sees (see `shown_text`).

    Rows and cells wrapped in ``w:customXml`` or ``w:sdt`` are read once, in
    place. With ``expand_spans`` a cell spanning columns fills its grid
    positions (text first, then ``""``); without it, it is one entry, as
    published. Positions covered by a vertical merge are ``""`` either way. A
    deleted row (``w:trPr/w:del``) or a hidden one (``w:trPr/w:hidden``) is
    left out, as is a deleted cell (``w:tcPr/w:cellDel``), and so is a row fixed at 3 pt or less (a note with place 0 and
    the number of the row read after it says so, when it holds text). A
    cell's notes are appended to ``notes`` as (row number from 1, its place in
    the row from 1, cell text, the notes); the table's own (a conditional
    format of its style that could hide text, not applied) as (0, 0, the
    style id, the notes).
    """
    looks = looks or Looks(None)
    table_pr = tbl.find(_W + "tblPr")
    found = table_pr.find(_W + "tblStyle") if table_pr is not None else None
    style = found.get(_W + "val") if found is not None else None
    style = style or looks.default_style("table")
    hiding = looks.conditions_hiding(style)
    if hiding and notes is not None:
        notes.append(
            (0, 0, style or "", [Note(NoteKind.CONDITIONAL, k) for k in hiding])
        )
    tr_pr = f"{_W}trPr/"
    number = 0
    for tr in wrapped(tbl, _W + "tr"):
        if _unseen_row(tr):
            continue
        height = _clipped(tr)
        if height is not None:  # (not counted: it is not in the rows given)
            if notes is not None:
                texts = (
                    " ".join(shown_paragraphs_text(tc, looks))
                    for tc in wrapped(tr, _W + "tc")
                )
                shown = " ".join(t for t in texts if t)
                if shown.strip():
                    clipped = [Note(NoteKind.CLIPPED_ROW, height)]
                    notes.append((number + 1, 0, shown, clipped))
            continue
        number += 1
        row = [""] * _int_attr(tr, tr_pr + _W + "gridBefore")
        for tc in wrapped(tr, _W + "tc"):
            tc_pr = tc.find(_W + "tcPr")
            if tc_pr is not None and tc_pr.find(_W + "cellDel") is not None:
                continue  # a tracked deletion of the cell: not in the table shown
            span = max(1, _int_attr(tc, f"{_W}tcPr/{_W}gridSpan"))
            merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
            covered = (
                merge is not None and merge.get(_W + "val", "continue") != "restart"
            )
            text = ""
            if not covered:
                cell_notes: list[Note] = []
                under = looks.table_shading(tc_pr, style, table_pr)
                pieces: list[str] = []
                for p in shown_paragraphs(tc, looks):
                    pieces.append(
                        shown_text(p, looks, cell_notes, under, style, in_cell=True)
                    )
                    # a hidden or deleted paragraph mark: Word shows the next
                    # paragraph on the same line (`12` ¶ `68` is 1268)
                    pieces.append("" if _mark_unseen(p, looks, style) else " ")
                text = "".join(pieces).strip()
                if next(tc.iter(_CHUNK), None) is not None:
                    # Word shows the embedded page or document in the cell
                    text = f"{text} {UNREAD}".strip()
                    cell_notes.append(Note(NoteKind.CHUNK, "w:altChunk"))
                if PICTURE in text:
                    text = _pictures_read(text, cell_notes)
                if not text and _shown_digits(cell_notes):
                    # only a mark of digits (a superscript 1268): something is
                    # printed there, no blank
                    text = UNREAD
                if cell_notes and notes is not None:
                    notes.append((number, len(row) + 1, text, cell_notes))
            row.append(text)
            if expand_spans:
                row.extend([""] * (span - 1))
        row.extend([""] * _int_attr(tr, tr_pr + _W + "gridAfter"))
        yield row


_SHOWN_MARKS = frozenset((NoteKind.SUPERSCRIPT, NoteKind.SUBSCRIPT, NoteKind.RUBY))
"""Notes of text shown on the page (not struck, hidden or too small to read)."""


def _shown_digits(notes: list[Note]) -> bool:
    """True when some of ``notes`` are shown marks holding digits."""
    return any(
        note.kind in _SHOWN_MARKS and any(c.isdigit() for c in note.text)
        for note in notes
    )
