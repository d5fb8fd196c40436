"""What a reader sees of WordprocessingML: the text of paragraphs and table cells.

Word files carry text no reader of the printed page sees: hidden runs
(``w:vanish``, directly or through a style), tracked deletions and the old
place of moved text (``w:del``, ``w:moveFrom``), field instructions (the
result is read), the fallback of ``mc:AlternateContent`` (the same content
again, for older readers), text boxes reached through their anchor paragraph
as well as on their own, and text in the colour of what lies under it
(`_looks`). Reading any of it could join its digits to a printed figure (or
read a figure twice), so every text the Word reader takes comes from here:
`shown_text` for a paragraph, `shown_paragraphs` and `text_boxes` for what a
container or paragraph holds (and, through them, `_blocks` for the body and
its tables). Kept: insertions (``w:ins``), moved text in its new place
(``w:moveTo``), and whatever wraps content without hiding it (``w:customXml``,
``w:sdt``, ``w:smartTag``, ``w:hyperlink``, ``w:fldSimple``), read once.

Some text is shown but is not part of a figure as printed; it is handed back
as a `Note` for the reader to report: superscripts (footnote marks),
struck-through text (withdrawn), text of 1 pt or less, ruby annotations; a
tab or a line break between two digits (two pieces, read apart: a space);
the placeholder a content control shows (read, with a note).
What is shown but cannot be read as text (an equation laid out in two
dimensions, a picture symbol, a right-to-left override, two lines set in
one, a picture in a cell of digits or alone in its cell) stands as `UNREAD`
in the text, so that no figure is made of what is around it.

Over 500 lines: one walk over a paragraph's runs decides at once what of each
run is shown, how (the `NoteKind` of each note) and in which order, and the
kinds of note are many; split, every part would walk the runs again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from govinfo_report._ooxml._colours import AUTO, INVISIBLE, Rgb, alike, faint
from govinfo_report._ooxml._content import (
    MATH_NS,
    MC_NS,
    linear,
    math_text,
    symbol_text,
    understood,
)
from govinfo_report._ooxml._looks import (
    SPECK_SIZE,
    TINY_SCALE,
    TINY_SIZE,
    Looks,
    RunLook,
)
from govinfo_report._ooxml._xml import W_NS

_W = "{" + W_NS + "}"
_MC = "{" + MC_NS + "}"
_M = "{" + MATH_NS + "}"
_ALTERNATE = _MC + "AlternateContent"
_CHOICE = _MC + "Choice"
_FALLBACK = _MC + "Fallback"
_TEXT_BOX = _W + "txbxContent"
_RUN = _W + "r"
_TEXT = _W + "t"
_FIELD_CHAR = _W + "fldChar"
_REFERENCE_NAMES = {
    _W + "footnoteReference": "脚注编号",
    _W + "endnoteReference": "尾注编号",
}
_NOTE_REFERENCES = frozenset(_REFERENCE_NAMES)
_PARAGRAPH = _W + "p"
_SDT = _W + "sdt"
_PICTURES = frozenset((_W + "drawing", _W + "object", _W + "pict"))
_CONTAINERS = frozenset((_W + "body", _TEXT_BOX))
"""Where a content control round a paragraph is looked for no further: a
text box's text is its own; a cell's is not (a control round the cell, its
row or its table shows its placeholder in the cell too)."""
_MATH_RUN = _M + "r"
_MATH_TEXT = _M + "t"
_MATHS = frozenset((_M + "oMath", _M + "oMathPara"))

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
        _W + "sdtPr",
        _W + "sdtEndPr",
        _W + "customXmlPr",
        _W + "smartTagPr",
        _W + "rPrChange",
        _W + "pPrChange",
        _FALLBACK,  # what an older reader shows instead of the mc:Choice
    )
)
"""Elements whose runs are not shown (or shown elsewhere, ``w:moveFrom``)."""

_GAPS = {
    _W + "tab": "制表符",
    _W + "ptab": "制表符",
    _W + "br": "换行符",
    _W + "cr": "换行符",
}
"""Run content Word shows as a gap: a tab or a line break (read as a space)."""

UNREAD = "〓"
"""Stands in the text for what is shown but cannot be read (the printer's
mark for a missing character): no figure is made of the text around it."""

PICTURE = "\ufffc"
"""Stands in a cell paragraph's text for a picture with no text beside it,
until the cell's text is known: `UNREAD` in a cell of digits or of nothing
else (the picture may show the figure), passed over beside other text."""


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


class NoteKind(enum.Enum):
    """Why shown text was left out of the text read, or stands as `UNREAD`."""

    SUPERSCRIPT = "superscript"
    SUBSCRIPT = "subscript"
    STRUCK = "struck"
    TINY = "tiny"
    ALWAYS_HIDDEN = "always_hidden"
    RUBY = "ruby"
    NOTE_MARK = "note_mark"
    """The custom mark of a footnote or endnote reference
    (``w:customMarkFollows``): shown, in the run's own format, after it."""
    GAP = "gap"
    """A tab or line break between two digits: read as a space."""
    MATH = "math"
    SYMBOL = "symbol"
    REVERSED = "reversed"
    PICTURE = "picture"
    """A picture or embedded object (an old equation…) in a table cell."""
    NUMBERED = "numbered"
    """A paragraph whose text starts with a digit after an automatic number."""
    CLIPPED_ROW = "clipped_row"
    """A table row of a fixed height too small to show its text: not read."""
    CONDITIONAL = "conditional"
    """A conditional format of the table's style that could hide text (not
    applied: which cells it covers is not worked out)."""
    DIRTY_FIELD = "dirty_field"
    """A field marked for update (``w:dirty``): Word recalculates it on
    opening, and may show another result than the one stored."""
    OVERLAPPED = "overlapped"
    """Digits condensed (``w:spacing``) so far that the next text is drawn
    over them: what is seen cannot be told."""
    COMBINED = "combined"
    """Two lines in one (双行合一, ``w:eastAsianLayout w:combine``): the
    run's digits are drawn in two rows, one over the other."""
    FAINT = "faint"
    """Digits in a colour too close to what lies under them to be read (white
    on a 5% pattern): whether a person sees them cannot be told."""
    DATA_BOUND = "data_bound"
    """In a content control bound to custom XML (``w:dataBinding``): Word
    shows the data's value on opening, which may differ from the text stored."""
    FIELD_CODE_TEXT = "field_code_text"
    """Text (``w:t``, not ``w:instrText``) in the code of a field that shows
    no result (no ``separate``, or never closed): Word writes no such file;
    whether it shows the text cannot be told."""
    CHUNK = "chunk"
    """An embedded part (``w:altChunk``: a web page, document or RTF) in a
    table cell: Word shows it there; it is not read."""
    PLACEHOLDER = "placeholder"
    """In a content control showing its placeholder (``w:showingPlcHdr``):
    the template's prompt (greyed), not a figure filled in."""


@attrs.frozen
class Note:
    """Text shown but not read as printed: its kind and the text (or what it is)."""

    kind: NoteKind
    text: str


def _shown_children(element: Any) -> list[Any]:
    """The children of ``element`` whose content is shown, in order.

    Of an ``mc:AlternateContent`` only the first ``mc:Choice`` Word
    understands is read, else its ``mc:Fallback`` (the same content for
    older readers).
    """
    if element.tag == _ALTERNATE:
        for choice in element.iterchildren(_CHOICE):
            if understood(choice):
                return [choice]
        fallback = element.find(_FALLBACK)
        return [] if fallback is None else [fallback]
    return [c for c in element if c.tag not in _NOT_SHOWN and isinstance(c.tag, str)]


def shown_paragraphs(container: Any, looks: Looks | None = None) -> Iterator[Any]:
    """The ``w:p`` under ``container`` a reader sees, in document order.

    A paragraph in a text box (``w:txbxContent``) comes after the paragraph
    that anchors it, once (the first ``mc:Choice``, not its fallback), unless
    its anchor run is hidden (with ``looks``); paragraphs in deletions and
    moved-away text are left out.
    """
    stack: list[tuple[Any, str | None]] = [(container, None)]
    while stack:
        element, style = stack.pop()
        if element.tag == _PARAGRAPH:
            yield element
            style = _paragraph_style(element)
        elif (
            looks is not None
            and element.tag == _RUN
            and _hidden_run(element, looks, style)
        ):
            continue
        stack.extend((c, style) for c in reversed(_shown_children(element)))


def text_boxes(paragraph: Any, looks: Looks | None = None) -> list[Any]:
    """The text boxes (``w:txbxContent``) a paragraph anchors, each once;
    with ``looks``, not those anchored in a hidden run."""
    found: list[Any] = []
    style = _paragraph_style(paragraph)
    stack = [paragraph]
    while stack:
        element = stack.pop()
        if element.tag == _TEXT_BOX:
            found.append(element)
            continue
        if (
            looks is not None
            and element.tag == _RUN
            and _hidden_run(element, looks, style)
        ):
            continue
        stack.extend(reversed(_shown_children(element)))
    return found


def _paragraph_style(paragraph: Any) -> str | None:
    found = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return found.get(_W + "val") if found is not None else None


def _hidden_run(run: Any, looks: Looks, paragraph_style: str | None) -> bool:
    """The run is hidden (``w:vanish``), so is whatever it anchors."""
    rpr = run.find(_W + "rPr")
    char = rpr.find(_W + "rStyle") if rpr is not None else None
    style = char.get(_W + "val") if char is not None else None
    return looks.run(rpr, style, paragraph_style, None).hidden


def _squeezed(rpr: Any, look: RunLook) -> bool:
    """The run is fitted (``w:fitText``) into a width under a quarter of what
    its text takes (a digit is about half the font size wide): a line."""
    fit = rpr.find(_W + "fitText") if rpr is not None else None
    if fit is None:
        return False
    try:
        width = int(fit.get(_W + "val") or "")
    except ValueError:
        return False
    run = rpr.getparent()
    chars = sum(len(t.text or "") for t in run.iter(_TEXT)) if run is not None else 0
    return chars > 0 and width * 4 < chars * look.size * 5 * look.scale / 100


def _faint(look: RunLook, under: Rgb) -> bool:
    """The run is painted in a colour too close to what lies under it to be
    read (`faint`): white on a 5% shading pattern."""
    if look.shadowed or not isinstance(look.ink, tuple):
        return False
    return faint(look.ink, look.under if look.under is not None else under)


def _unseen(look: RunLook, under: Rgb) -> bool:
    """The run is not painted, or in the colour of what lies under it."""
    if look.ink == INVISIBLE:
        return True
    if look.shadowed:
        return False  # its grey shadow or relief shows on any colour
    if look.ink is None or look.ink == AUTO or isinstance(look.ink, str):
        return False  # automatic (black on white, white on dark) or unknown
    if look.under is not None:
        under = look.under
    return alike(look.ink, under)


_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")


class _Out:
    """The text of one paragraph as it is read, and its notes."""

    def __init__(self, notes: list[Note]) -> None:
        self.parts: list[str] = []
        self.notes = notes
        self._last = ""  # the last character of text read (gaps aside)
        self._gap: str | None = None  # a gap after a digit, not yet followed
        self._open: NoteKind | None = None  # the kind of the note just made
        self._mark: str | None = None  # a note reference after a digit
        self.pictures: list[tuple[int, str, bool]] = []  # (index, element, a line)

    def text(self, piece: str) -> None:
        if self._gap is not None and piece[:1] in _DIGIT_CHARS:
            self.notes.append(Note(NoteKind.GAP, self._gap))
        if self._mark is not None and piece[:1] in _DIGIT_CHARS:
            # Word prints the note's number raised there: 12¹68
            self.notes.append(Note(NoteKind.SUPERSCRIPT, self._mark))
        self._gap = self._mark = None
        self._open = None
        self.parts.append(piece)
        self._last = piece[-1:]

    def gap(self, name: str) -> None:
        if self._gap is None and self._last in _DIGIT_CHARS:
            self._gap = name
        self._open = self._mark = None
        self.parts.append(" ")

    def reference(self, what: str) -> None:
        """A footnote or endnote reference: its number, printed raised, is
        noted when it stands between two digits (after a figure it is a
        plain note mark)."""
        if self._last in _DIGIT_CHARS:
            self._mark = what

    def note(self, kind: NoteKind, piece: str) -> None:
        if self._open is kind and self.notes:
            self.notes[-1] = Note(kind, self.notes[-1].text + piece)
        else:
            self.notes.append(Note(kind, piece))
        self._open = kind

    def picture(self, what: str, line: bool = False) -> None:
        """A picture drawn here: `UNREAD` if the paragraph holds a digit, or
        `PICTURE` if it holds nothing else (`done`); ``line``: a line shape
        (a 斜线表头), which shows no figure alone."""
        self.pictures.append((len(self.parts), what, line))
        self.parts.append("")

    def done(self) -> str:
        """The text read; a picture among digits stands as `UNREAD`, with a
        note; pictures with no text beside them stand as `PICTURE` (the cell
        decides, `table_rows`)."""
        if not self.pictures:
            return "".join(self.parts)
        if any(c in _DIGIT_CHARS for p in self.parts for c in p):
            mark = UNREAD
        elif "".join(self.parts).strip() or all(line for *_, line in self.pictures):
            return "".join(self.parts)
        else:
            mark = PICTURE
        for index, *_ in self.pictures:
            self.parts[index] = mark
        what = "、".join(dict.fromkeys(w for _, w, _ in self.pictures))
        self.notes.append(Note(NoteKind.PICTURE, what))
        return "".join(self.parts)

    def unread(self, kind: NoteKind, what: str) -> None:
        self.text(UNREAD)
        self.notes.append(Note(kind, what))


def shown_text(
    paragraph: Any,
    looks: Looks,
    notes: list[Note],
    under: Rgb | None = None,
    table_style: str | None = None,
    in_cell: bool = False,
) -> str:
    """The text of a ``w:p`` a reader sees.

    Left out: hidden runs (``w:vanish``), tracked deletions and moved-away
    text (kept: insertions ``w:ins`` and ``w:moveTo``), field instructions
    (the result is read), the fallback of ``mc:AlternateContent``, text boxes
    (read as paragraphs of their own, `text_boxes`) and text in the colour of
    what lies under it (``under``: the cell's or table's shading, else the
    page; then the paragraph's and the run's shading or highlight). Shown
    text that is not part of a figure as printed is appended to ``notes``
    instead (`NoteKind`); a tab or break is a space; what cannot be read is
    `UNREAD`. ``table_style``: the style of the table the paragraph is in;
    ``in_cell``: it is in a table cell, where a paragraph starting with a
    digit after an automatic number (``w:numPr``) cannot be read (`UNREAD`
    stands for the number), nor one holding a picture or embedded object
    (`UNREAD` where it stands).
    """
    ppr = paragraph.find(_W + "pPr")
    style = ppr.find(_W + "pStyle") if ppr is not None else None
    paragraph_style = style.get(_W + "val") if style is not None else None
    paper = (
        looks.paragraph_shading(
            ppr, paragraph_style or looks.default_style("paragraph")
        )
        or under
        or looks.page
    )
    out = _Out(notes)
    base = looks.run(None, None, paragraph_style, table_style).size

    def shifted(look: RunLook) -> bool:
        # a smaller run raised or lowered by a quarter of its size or more,
        # or any run by half its size: a mark set by hand (``w:position``),
        # as a superscript is, not a digit on the figure's line
        shift = abs(look.position)
        return shift * 2 >= look.size or (
            shift * 4 >= look.size and look.size * 4 <= base * 3
        )

    fields: list[bool] = []  # per open field: True once its result begins
    dirty = [False]  # a field Word recalculates on opening was met
    codes: list[list[str]] = []  # per open field: text (w:t) in its code
    coded: list[str] = []  # that text, of fields that showed no result

    def run(element: Any, in_ruby: bool = False) -> None:
        rpr = element.find(_W + "rPr")
        char = rpr.find(_W + "rStyle") if rpr is not None else None
        look = looks.run(
            rpr,
            char.get(_W + "val") if char is not None else None,
            paragraph_style,
            table_style,
        )
        unseen = look.hidden or _unseen(look, paper)
        pale = not unseen and (
            _faint(look, paper) or look.size < SPECK_SIZE or _squeezed(rpr, look)
        )
        marked = False  # after a note reference whose own mark follows it
        for child in element:
            tag = child.tag
            if tag in _NOTE_REFERENCES:
                marked = marked or _on(child, "customMarkFollows")
                if not (unseen or marked) and all(fields):
                    out.reference(_REFERENCE_NAMES[tag])
                continue
            if tag == _FIELD_CHAR:
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    fields.append(False)
                    codes.append([])
                    if _on(child, "dirty"):
                        dirty[0] = True
                elif kind == "separate" and fields:
                    fields[-1] = True
                    codes[-1].clear()  # code, then the result Word shows
                elif kind == "end" and fields:
                    fields.pop()
                    coded.extend(codes.pop())
                continue
            if not unseen and fields and not fields[-1] and tag == _TEXT:
                codes[-1].append(child.text or "")
            if unseen or not all(fields):
                continue
            if tag in (_TEXT, _MATH_TEXT):
                piece = child.text or ""
            elif tag in _GAPS:
                if not (look.struck or look.always_hidden):
                    out.gap(_GAPS[tag])
                continue
            elif tag == _W + "noBreakHyphen":
                piece = "\u2011"
            elif tag == _W + "sym":
                shown = symbol_text(child)
                if shown is None:
                    what = f"{child.get(_W + 'font')} {child.get(_W + 'char')}"
                    out.unread(NoteKind.SYMBOL, what)
                    continue
                piece = shown
            elif tag in _PICTURES or tag == _ALTERNATE:
                if in_cell and _picture(child):
                    out.picture(tag.rpartition("}")[2], _line(child))
                continue
            elif tag == _W + "ruby" and not in_ruby:
                base = child.find(_W + "rubyBase")
                for sub in base.iterchildren(_RUN) if base is not None else ():
                    run(sub, in_ruby=True)
                annotation = child.find(_W + "rt")
                if annotation is not None:
                    text = "".join(t.text or "" for t in annotation.iter(_TEXT))
                    if text:
                        out.note(NoteKind.RUBY, text)
                continue
            else:
                continue
            if not piece:
                continue
            if marked:
                # the custom mark of a footnote (注1, *): no part of a figure
                out.note(NoteKind.NOTE_MARK, piece)
            elif look.always_hidden:
                out.note(NoteKind.ALWAYS_HIDDEN, piece)
            elif look.struck:
                out.note(NoteKind.STRUCK, piece)
            elif look.size <= TINY_SIZE or look.scale <= TINY_SCALE:
                out.note(NoteKind.TINY, piece)
            elif look.raised or (shifted(look) and look.position > 0):
                out.note(NoteKind.SUPERSCRIPT, piece)
            elif look.lowered or (shifted(look) and look.position < 0):
                out.note(NoteKind.SUBSCRIPT, piece)
            elif pale and _has_digit(piece):
                # seen, perhaps, as a shade on its background or a speck: not read
                out.unread(NoteKind.FAINT, piece)
            elif look.combined and _has_digit(piece):
                # 双行合一: "1268" drawn as 12 over 68 in one character's place
                out.unread(NoteKind.COMBINED, piece)
            elif look.spacing * 2 < -5 * look.size and _has_digit(piece):
                # condensed by more than half a digit's width (a digit is
                # about half as wide as the font size): drawn over its neighbour
                out.unread(NoteKind.OVERLAPPED, piece)
            else:
                out.text(piece)

    bound: list[Any] = []  # data-bound content controls met
    prompts: list[Any] = []  # content controls showing their placeholder
    stack = list(reversed(_shown_children(paragraph)))
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in (_RUN, _MATH_RUN):
            run(element)
        elif tag in _MATHS:
            if linear(element):
                stack.extend(reversed(_shown_children(element)))
            elif all(fields):
                out.unread(NoteKind.MATH, math_text(element))
        elif tag == _W + "bdo" and element.get(_W + "val") == "rtl":
            if all(fields):  # drawn right to left: "1268" shows as "8621"
                text = "".join(t.text or "" for t in element.iter(_TEXT))
                out.unread(NoteKind.REVERSED, text)
        elif tag != _TEXT_BOX:
            if tag == _W + "fldSimple" and _on(element, "dirty"):
                dirty[0] = True
            if tag == _SDT and _bound(element):
                bound.append(element)
            if tag == _SDT and _placeholder(element):
                prompts.append(element)
            stack.extend(reversed(_shown_children(element)))
    for code in codes:
        coded.extend(code)  # a field still open: no result shown either
    if _has_digit("".join(coded)):
        # digits as text in the code of a field with no result (a damaged or
        # forged file): Word may show them or not; no figure is made of them
        out.unread(NoteKind.FIELD_CODE_TEXT, "".join(coded))
    text = out.done()
    numbered = looks.numbered(ppr, paragraph_style or looks.default_style("paragraph"))
    if numbered and in_cell and text.lstrip()[:1] in _DIGIT_CHARS:
        # Word prints the number first: "1" before "268" may show as 1268
        notes.append(Note(NoteKind.NUMBERED, text))
        text = UNREAD + text
    if dirty[0]:
        notes.append(Note(NoteKind.DIRTY_FIELD, text))
    if bound or _above(paragraph, _bound):
        notes.append(Note(NoteKind.DATA_BOUND, text))
    if (prompts or _above(paragraph, _placeholder)) and text.strip():
        notes.append(Note(NoteKind.PLACEHOLDER, text))
    return text


def _picture(element: Any) -> bool:
    """A picture or object Word draws in the text (not a text box: read on its
    own after its paragraph), directly or as the chosen alternative."""
    if element.tag == _ALTERNATE:
        return any(
            child.tag in _PICTURES and _picture(child)
            for chosen in _shown_children(element)
            for child in chosen
        )
    return next(element.iter(_TEXT_BOX), None) is None


_LINE_SHAPES = frozenset(("line", "straightConnector1"))
_PICTURE_PARTS = frozenset(("blip", "imagedata", "OLEObject"))


def _line(element: Any) -> bool:
    """A drawing of lines only (``v:line``, a ``line`` preset shape), no picture."""
    line = False
    for child in element.iter():
        if not isinstance(child.tag, str):
            continue
        name = child.tag.rpartition("}")[2]
        if name in _PICTURE_PARTS:
            return False
        if name == "line" or (name == "prstGeom" and child.get("prst") in _LINE_SHAPES):
            line = True
    return line


def _on(element: Any, name: str) -> bool:
    """An on/off attribute (``w:dirty``…) is on."""
    return element.get(_W + name) in ("1", "true", "on")


def _bound(sdt: Any) -> bool:
    """A content control whose text Word takes from custom XML data on opening."""
    return sdt.find(f"{_W}sdtPr/{_W}dataBinding") is not None


_BOUND_LIMIT = 64
"""The most ancestors of a paragraph looked at for a data-bound control."""


def _placeholder(sdt: Any) -> bool:
    """A content control showing its placeholder text (``w:showingPlcHdr``)."""
    found = sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr")
    return found is not None and found.get(_W + "val") not in ("0", "false", "off")


def _above(paragraph: Any, which: Callable[[Any], bool]) -> bool:
    """The paragraph is inside a content control that is ``which`` (data-bound,
    showing its placeholder), within a text box or the body: round its runs'
    paragraph, its cell (``w:sdt`` in a ``w:tr``), its row (in a ``w:tbl``) or
    its table."""
    parent = paragraph.getparent()
    for _ in range(_BOUND_LIMIT):
        if parent is None or parent.tag in _CONTAINERS:
            return False
        if parent.tag == _SDT and which(parent):
            return True
        parent = parent.getparent()
    return False


def paragraph_style_and_text(
    paragraph: Any, looks: Looks, notes: list[Note] | None = None
) -> tuple[str | None, str]:
    """A ``w:p``'s style id (None without one) and the text a reader sees of it.

    See `shown_text`; what is noted is appended to ``notes`` when given.
    """
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    style_id = style.get(_W + "val") if style is not None else None
    return style_id, shown_text(paragraph, looks, [] if notes is None else notes)
