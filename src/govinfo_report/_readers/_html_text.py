"""The text of an HTML element as a person sees it, and what was set aside.

`visible_text` walks an element (a cell, a paragraph) and keeps what
`_visibility.look` says is shown. Marks (superscripts, subscripts, ruby
annotations, form controls) are set aside in `Notes.marks`, never joined to a
figure's digits; a bidirectional override that shows its characters reversed
(``<bdo dir="rtl">8621</bdo>`` is 1268 on the screen) is read in the order on
the screen and noted in `Notes.turned`. Block boundaries inside the element
(two ``<p>`` in a cell, the cells of a table nested in a cell) are line
breaks: ``<p>12</p><p>68</p>`` is two lines on the screen, never 1268.
`notes_findings` turns the notes into findings.

Over 500 lines: what a cell shows (its text, its marks, pictures, faint or
covered digits, a flex box's items in the order on the screen) is worked
out in one walk, and each note is reported by the same module that sets it
aside.
"""

from __future__ import annotations

import copy

import attrs
from lxml import etree

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._css_flex import (
    Flex,
    Piece,
    flex_box,
    items_on_screen,
    placed_certainly,
)
from govinfo_report._readers._css_values import declarations_of, pixels
from govinfo_report._readers._html_cover import COVERS, cover_of
from govinfo_report._readers._seen import Seen
from govinfo_report._readers._visibility import (
    closed_details,
    embeds,
    look,
    rearranged,
    reorders_nothing,
)

_NOT_PLAIN = frozenset(("br", "details"))
"""Leaves whose text is not just their own (a break, a closed ``<details>``)."""

BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "table",
        "caption",
        "tr",
        "td",
        "th",
        "hr",
    )
)
"""Elements that start a line of their own inside the element read."""


@attrs.define
class Notes:
    """What `visible_text` set aside or turned, for the findings."""

    marks: list[tuple[str, str]] = attrs.field(factory=list)
    """(what the mark is, ``上标``…; its text), in document order."""
    turned: list[tuple[str, str]] = attrs.field(factory=list)
    """(the text as written, as shown) of each reversing override."""
    rearranged: bool = False
    """Some element's style may show its parts in another order (flex…)."""
    moved: list[etree._Element] = attrs.field(factory=list)
    """The elements (the first few) that made the cell `rearranged`."""
    unordered: str = ""
    """The text, in source order, of a cell standing as `UNREAD` because
    its parts may be shown in another order (`rearranged`)."""
    reordered: bool = False
    """A flex box shows its items in another order than the source's, for
    certain (`_css_flex`): read in the order on the screen."""
    pictures: list[str] = attrs.field(factory=list)
    """The pictures (``<img>``'s ``src``) that stand as `UNREAD` in a cell."""
    doubts: list[str] = attrs.field(factory=list)
    """The styles (`Seen.doubt`) that leave digits in doubt, standing as `UNREAD`."""
    faint: list[str] = attrs.field(factory=list)
    """Digits painted too faintly to be read (`Seen.faint`), standing as `UNREAD`."""
    covers: list[tuple[str, etree._Element]] = attrs.field(factory=list)
    """Opaque boxes out of the flow in the cell read (`cover_of`: how far
    they are placed, the box); `cell_text` moves them to `covered`."""
    covered: list[tuple[str, str]] = attrs.field(factory=list)
    """(`COVERS` or `MAY_COVER`, the box's style) of each cell standing as
    `UNREAD` because a box is or may be laid over its digits."""

    def __bool__(self) -> bool:
        return bool(
            self.marks
            or self.turned
            or self.rearranged
            or self.reordered
            or self.pictures
            or self.doubts
            or self.faint
            or self.covered
        )


UNREAD = "〓"
"""Stands in a cell's text for a picture that may show a figure: no figure
is made of what is around it (as in the Word reader)."""
_PICTURE = "\ufffc"  # where a picture stands, until the cell's text is known
_SPECK = 2.0  # px: a picture this narrow or low (a spacer) shows nothing


class _End:
    """The end of a mark (``kind`` ``"mark"``) or of a bidi scope on the stack."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind


_END_MARK = _End("mark")
_END_TURN = _End("turn")
_BREAK = "\n"

_Entry = str | tuple[etree._Element, Seen | None] | _End
"""What the walk's stack holds: a text to emit, (a node, its parent's state),
or the end of a mark or of a bidi scope."""


def visible_text(
    element: etree._Element, seen: Seen, notes: Notes, *, cell: bool = False
) -> str:
    """The text of ``element`` a person sees (``seen`` is its own state).

    Hidden and deleted parts are left out (`look`); the text of a mark is not
    part of the text but noted in ``notes``. In a table ``cell``, a style that
    may show the parts in another order (flex…) is noted too: outside tables
    it only lays out a menu. A walk with a stack, not recursion: nesting is
    bounded by ``max_html_depth`` only.
    """
    if seen.doubt:
        return _in_doubt(element, seen, notes, cell)
    if (
        not len(element)
        and not seen.mark
        and not seen.turn
        and element.tag not in _NOT_PLAIN
    ):
        # a leaf (a cell's or a paragraph's plain text): its own text only
        return _painted(element.text or "", seen, notes, cell) if seen.shown else ""
    mark: list[str] = []
    mark_kind = ""
    in_mark = 0
    # the open bidi scopes: (direction, pieces), a piece (text, kept whole)
    scopes: list[tuple[str, list[tuple[str, bool]]]] = [("ltr", [])]
    stack: list[_Entry] = [(element, None)]
    flex_items: set[etree._Element] = set()  # laid out by a flex box in order
    while stack:
        entry = stack.pop()
        if entry is _END_MARK:
            in_mark -= 1
            if not in_mark:
                text = " ".join("".join(mark).split())
                mark.clear()
                if text:
                    notes.marks.append((mark_kind, text))
            continue
        if entry is _END_TURN:
            direction, pieces = scopes.pop()
            written = "".join(text for text, _ in pieces)
            if direction == "rtl":
                shown = "".join(
                    text if whole else text[::-1] for text, whole in reversed(pieces)
                )
                if shown.strip() and shown != written:
                    notes.turned.append((written, shown))
            else:
                shown = written
            scopes[-1][1].append((shown, True))
            continue
        if isinstance(entry, str):
            if in_mark:
                mark.append(entry)
            else:
                scopes[-1][1].append((entry, False))
            continue
        assert not isinstance(entry, _End)
        node, parent = entry
        if parent is not None and embeds(node):
            # shown as what it embeds (a picture, a plugin), never its fallback
            if cell and parent.shown:
                scopes[-1][1].append((_PICTURE, True))
                notes.pictures.append(node.get("data") or node.get("src") or "object")
            if node.tag == "embed":
                # a void element: what the parser put inside it follows it
                for child in reversed(node):
                    if parent.shown and child.tail:
                        stack.append(child.tail)
                    stack.append((child, parent))
                if parent.shown and node.text:
                    stack.append(node.text)
            continue
        state = seen if parent is None else look(node, parent)
        if state is None:
            continue
        shown_here = state.shown
        if shown_here and state.doubt and parent is not None and not parent.doubt:
            scopes[-1][1].append((_in_doubt(node, state, notes, cell), True))
            continue
        if cell and parent is not None and state.visible:
            cover = cover_of(node, element)
            if cover is not None:
                notes.covers.append((cover, node))
        # (a paragraph too: `行政许可 <span style="display:inline-flex;…">`)
        flex = flex_box(node) if shown_here else False
        items = items_on_screen(node, flex) if isinstance(flex, Flex) else None
        in_flex = node in flex_items
        if (
            cell
            and shown_here
            and len(notes.moved) < _MOVED
            and rearranged(node)
            and not reorders_nothing(node, element)
            and not (
                (items is not None or in_flex)
                and placed_certainly(node, item=in_flex, box=items is not None)
            )
        ):
            notes.rearranged = True
            notes.moved.append(node)
        if shown_here and node.tag == "input":
            _input(node, notes)
        if cell and shown_here and node.tag == "img" and not _speck(node):
            scopes[-1][1].append((_PICTURE, True))
            notes.pictures.append(node.get("src") or node.get("alt") or "img")
        before, after = _separators(node) if parent is not None else ("", "")
        if in_flex:
            # a flex item is laid on the box's line (`_flex_items` puts the
            # break of a stacked one): its block starts no line of its own
            before, after = (gap if gap != _BREAK else "" for gap in (before, after))
        if after:
            stack.append(after)  # after the block (popped after its ends)
        if before and in_mark:
            mark.append(before)
        elif before:
            scopes[-1][1].append((before, False))
        if state.mark and (parent is None or not parent.mark):
            if not in_mark:
                mark_kind = state.mark
            in_mark += 1
            stack.append(_END_MARK)
        if state.turn and not in_mark:
            scopes.append((state.turn, []))
            stack.append(_END_TURN)
        if shown_here and node.tag == "br":
            stack.append(_BREAK)
        if closed_details(node):
            stack.extend((c, state) for c in reversed(node) if c.tag == "summary")
            continue
        if items is not None and isinstance(flex, Flex):
            stack.extend(_flex_items(node, items, flex, state, notes, flex_items))
            continue
        for child in reversed(node):
            if shown_here and child.tail:
                stack.append(_painted(child.tail, state, notes, cell))
            stack.append((child, state))
        if shown_here and node.text:
            stack.append(_painted(node.text, state, notes, cell))
    return "".join(text for text, _ in scopes[0][1])


_LINES = frozenset(
    ("block", "list-item", "table", "table-row", "flex", "grid", "flow-root")
)
_RUNS = frozenset(("inline", "inline-block", "inline-flex", "inline-grid", "contents"))


def _flex_items(
    box: etree._Element,
    items: list[tuple[int, Piece]],
    flex: Flex,
    state: Seen,
    notes: Notes,
    flex_items: set[etree._Element],
) -> list[_Entry]:
    """What the walk's stack takes for the flex ``box``'s ``items``, in the
    order the screen shows them (last first, as the stack pops): each
    stacked item a line, a gap between spaced ones, nothing between others.
    An order other than the source's is noted in ``notes.reordered``."""
    shown = [
        place
        for place, piece in items
        if not isinstance(piece, str) or any(c.isdigit() for c in piece)
    ]
    if shown != sorted(shown):
        notes.reordered = True
    between = _BREAK if flex.column else " " if flex.spaced else ""
    entries: list[_Entry] = []
    for index, (_, piece) in enumerate(items):
        if index:
            entries.append(between)
        if isinstance(piece, str):
            entries.append(_painted(piece.strip(), state, notes, True))
        else:
            flex_items.add(piece)
            entries.append((piece, state))
    return entries[::-1]


def display_of(node: etree._Element) -> str:
    """The outer ``display`` an element's ``style`` gives it (``""``: none)."""
    style = node.get("style") or ""
    display = declarations_of(style).get("display", "") if "display" in style else ""
    return display.split()[0] if display else ""


def styled_cells(row: etree._Element) -> list[etree._Element] | None:
    """The children of an element laid out as a table row by its style
    (``display:table-row`` with ``display:table-cell`` children: a table of
    ``<div>``s), or None for any other element."""
    if display_of(row) != "table-row":
        return None
    cells = [c for c in row if isinstance(c.tag, str) and display_of(c) == "table-cell"]
    return cells or None


def _separators(node: etree._Element) -> tuple[str, str]:
    """What stands before and after an element's text: a line break for a
    block (a ``<p>``, or any element styled ``display:block``,
    ``table-row``…), a space for a table cell (``display:table-cell``: a
    ``<div>`` table's cells) and for a gap an inline box leaves (a margin or
    padding of a few pixels, an empty ``inline-block`` given a width:
    ``12<span style="margin-left:1em">68</span>`` shows two groups), nothing
    for an inline box (a ``<div>`` styled ``display:inline`` runs on)."""
    outer = display_of(node)
    if outer == "table-cell":
        return " ", " "
    if outer in _LINES or (node.tag in BLOCK_TAGS and outer not in _RUNS):
        return _BREAK, _BREAK
    style = node.get("style") or ""
    if not any(name in style for name in ("margin", "padding", "width")):
        return "", ""
    declarations = declarations_of(style)
    gaps = [_side(declarations, side) >= _GAP for side in (3, 1)]  # left, right
    if outer == "inline-block" and not len(node) and not (node.text or "").strip():
        width = pixels(declarations.get("width"))
        gaps[0] = gaps[0] or (width is not None and width >= _GAP)
    return (" " if gaps[0] else ""), (" " if gaps[1] else "")


def _side(declarations: dict[str, str], side: int) -> float:
    """The margin and padding, in px, on one side (0 top … 3 left) of a box,
    from the longhands or the shorthands of 1 to 4 values."""
    names = ("top", "right", "bottom", "left")
    total = 0.0
    for kind in _GAPS:
        value = declarations.get(f"{kind}-{names[side]}")
        if value is None:
            values = declarations.get(kind, "").split()[:4]
            if values:
                # CSS's 1-4 value rule: left falls back on right, right on top
                order = {
                    1: [0, 0, 0, 0],
                    2: [0, 1, 0, 1],
                    3: [0, 1, 2, 1],
                    4: [0, 1, 2, 3],
                }
                value = values[order[len(values)][side]]
        total += max(pixels(value) or 0.0, 0.0)
    return total


_GAPS = ("margin", "padding")
_GAP = 4.0  # px: a margin or padding this wide between digits is a gap


def _painted(text: str, seen: Seen, notes: Notes, cell: bool) -> str:
    """``text`` as shown in ``seen``: a stand-in (as for `_in_doubt`) when it
    holds digits painted too faintly to be read (`Seen.faint`)."""
    if not any(c.isdigit() for c in text) or not seen.faint:
        return text
    notes.faint.append(text.strip())
    return _PICTURE if cell else UNREAD


def _in_doubt(element: etree._Element, seen: Seen, notes: Notes, cell: bool) -> str:
    """The text of an element whose style leaves it in doubt (`Seen.doubt`):
    as it is when it holds no digit; else a stand-in for what cannot be read
    (`_PICTURE` in a cell, `UNREAD` elsewhere), with the style noted."""
    text = visible_text(element, seen._replace(doubt=""), notes, cell=cell)
    if not any(c.isdigit() for c in text):
        return text
    notes.doubts.append(seen.doubt)
    return _PICTURE if cell else UNREAD


_VALUE_NOT_SHOWN = frozenset(
    ("hidden", "checkbox", "radio", "file", "image", "range", "color")
)
"""``<input>`` types that do not show their value as text."""


def _input(node: etree._Element, notes: Notes) -> None:
    """An ``<input>`` shows its value (or its placeholder) in a box: a form
    control, noted, never a figure's digits."""
    if (node.get("type") or "").strip().lower() in _VALUE_NOT_SHOWN:
        return
    shown = " ".join((node.get("value") or node.get("placeholder") or "").split())
    if shown:
        notes.marks.append(("表单控件", shown))


def _speck(image: etree._Element) -> bool:
    """True for a picture given a width or height of 2px or less (a spacer)."""
    declarations = declarations_of(image.get("style") or "")
    for name in ("width", "height"):
        for value in (image.get(name), declarations.get(name)):
            size = pixels(value.strip()) if value else None
            if size is not None and size <= _SPECK:
                return True
    return False


def cell_text(cell: etree._Element, seen: Seen, notes: Notes) -> str:
    """The text of a table cell as one line (its line breaks are spaces).

    A picture (``<img>``) in a cell holding digits or nothing else may show a
    figure (a digit drawn as an image, or the whole figure): it stands as
    `UNREAD`, so the cell is not read (noted in ``notes.pictures``); in a
    cell of other text (an icon by a label) it is passed over.

    A cell showing nothing but one text box (``<input value>``,
    ``<textarea>``) shows the box's text: that is the cell's text (a form
    control beside other text is a mark, never part of a figure); one
    showing nothing but another mark of digits (a superscript, an
    annotation) is `UNREAD`: something is printed there, no blank.
    """
    before = len(notes.covers)
    text = " ".join(visible_text(cell, seen, notes, cell=True).split())
    if len(notes.covers) > before:
        boxes = notes.covers[before:]
        del notes.covers[before:]
        if any(c.isdigit() for c in _outside(cell, seen, [b for _, b in boxes])):
            # digits under an opaque box: not what the screen shows
            notes.covered.extend((k, b.get("style") or "") for k, b in boxes)
            # the box's own positioning is what marked the cell rearranged:
            # the order of text nobody sees says nothing more
            notes.rearranged = False
            return UNREAD
    if notes.rearranged and _scrambled(cell, seen, notes.moved):
        # digits in an order the screen may not show (a flex box that
        # wraps, a float beside other digits): no figure is made of them
        notes.unordered = text
        return UNREAD
    if (
        not text
        and len(notes.marks) == 1
        and notes.marks[0][0] == "表单控件"
        and next(cell.iter("select"), None) is None
    ):
        text = notes.marks.pop()[1]
    elif not text and any(c.isdigit() for _, mark in notes.marks for c in mark):
        # a cell showing only a mark of digits (``<sup>1268</sup>``) shows
        # something: not read, but no blank either
        return UNREAD
    if _PICTURE not in text:
        return text
    rest = text.replace(_PICTURE, "")
    if rest.strip() and not any(c.isdigit() for c in rest):
        notes.pictures.clear()
        notes.doubts.clear()
        notes.faint.clear()
        return " ".join(rest.split())
    return text.replace(_PICTURE, UNREAD)


def _scrambled(cell: etree._Element, seen: Seen, moved: list[etree._Element]) -> bool:
    """True when an element that may be shown elsewhere (`rearranged`)
    lays out digits of the ``cell`` in an order the screen may not keep: a
    flex box or a grid of several items with digits, or a box moved by
    itself (a float, a shift) holding digits with other digits beside it.
    One box moved whole, holding all the digits, keeps their order."""
    digits = sum(c.isdigit() for c in _outside(cell, seen, []))
    for element in moved:
        display = declarations_of(element.get("style") or "").get("display", "")
        inside = str(element.xpath("string()"))
        if not any(c.isdigit() for c in inside):
            continue
        if "flex" in display or "grid" in display:
            return True
        if (
            element is not cell
            and 0 < sum(c.isdigit() for c in _outside(cell, seen, [element])) < digits
        ):
            return True
    return False


_MOVED = 8  # elements that may be shown elsewhere, noted in one cell


def _outside(cell: etree._Element, seen: Seen, boxes: list[etree._Element]) -> str:
    """The text of ``cell`` without ``boxes`` (each box's tail kept): what
    lies under them, if they cover it."""
    paths = [_path(cell, box) for box in boxes]
    copied = copy.deepcopy(cell)
    for path in paths:
        node = copied
        for index in path:
            node = node[index]
        node.tag = "span"  # (no longer a box: only its tail stays)
        node.attrib.clear()
        node.text = None
        for child in list(node):
            node.remove(child)
    return visible_text(copied, seen, Notes(), cell=True)


def _path(cell: etree._Element, node: etree._Element) -> list[int]:
    """The child indices leading from ``cell`` down to ``node``."""
    path: list[int] = []
    while node is not cell:
        parent = node.getparent()
        assert parent is not None  # (``node`` is inside ``cell``)
        path.append(parent.index(node))
        node = parent
    return path[::-1]


_WHY = {
    "上标": "视为脚注标记，不计入数字",
    "影子树": "（<template shadowrootmode>）代替宿主元素的内容显示，"
    "所读数字可能与屏幕上的不同",
}


def notes_findings(where: str, text: str, notes: Notes) -> list[Finding]:
    """The findings for what was set aside or turned in ``text`` (a cell or a
    block at ``where``): one for the marks, one for the reversed text."""
    findings: list[Finding] = []
    if notes.marks:
        of = f"“{shortened(text, 40)}”中" if text else ""
        kinds: dict[str, list[str]] = {}
        for kind, mark in notes.marks[:5]:
            kinds.setdefault(kind, []).append(f"“{shortened(mark, 20)}”")
        parts = [
            f"{kind}{'、'.join(marks)}{_WHY.get(kind, '不是数字的一部分')}"
            for kind, marks in kinds.items()
        ]
        message = (
            f"{of}的{'；'.join(parts)}，已略去"
            if text
            else f"{'；'.join(parts)}，未读入"
        )
        findings.append(reading_finding(FindingKind.UNREAD_LINE, where, message))
    if notes.turned:
        turned = "、".join(
            f"“{shortened(w, 20)}”显示为“{shortened(s, 20)}”"
            for w, s in notes.turned[:5]
        )
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                f'文字被从右到左覆盖显示（<bdo dir="rtl"> 或 unicode-bidi:bidi-override），'
                f"{turned}，按屏幕上的顺序读入，请核对原网页",
            )
        )
    if notes.pictures:
        shown = "、".join(f"“{shortened(p, 30)}”" for p in notes.pictures[:5])
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where,
                f"“{shortened(text, 40)}”中的图片（<img>、<object>、<embed>：{shown}）可能显示数字，无法读出，"
                f"以“{UNREAD}”代替，不计入数字，请核对原网页",
            )
        )
    if notes.doubts:
        styles = "、".join(f"“{shortened(d, 40)}”" for d in notes.doubts[:5])
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where,
                f"“{shortened(text, 40)}”中样式 {styles} 的结果无法算出，"
                f"不能判断其中的数字是否显示、显示成什么颜色，以“{UNREAD}”代替，不计入数字，"
                "请核对原网页",
            )
        )
    if notes.faint:
        shown = "、".join(f"“{shortened(t, 20)}”" for t in notes.faint[:5])
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where,
                f"“{shortened(text, 40)}”中的数字 {shown} 看不清（颜色与底色几乎相同，或字高不到 4px），"
                f"以“{UNREAD}”代替，不计入数字，请核对原网页",
            )
        )
    if notes.covered:
        boxes = "、".join(f"“{shortened(style, 60)}”" for _, style in notes.covered[:3])
        how = (
            "盖住了格中的数字，屏幕上看不见所印的数字"
            if all(kind == COVERS for kind, _ in notes.covered)
            else "可能盖住格中的数字（无法确定方框的位置），不能确定屏幕上显示的数字"
        )
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                f"不透明的绝对定位方框（{boxes}）{how}，以“{UNREAD}”代替，不读入，"
                "请核对原网页",
            )
        )
    if notes.rearranged:
        read = (
            f"源码中为“{shortened(notes.unordered, 40)}”，以“{UNREAD}”代替，不读入"
            if notes.unordered
            else f"按源码顺序读作“{shortened(text, 40)}”"
        )
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                "样式（flex、grid、order、float、绝对定位，负的字距、边距和相对位移，或旋转、镜像）可能让屏幕上的顺序与源码不同或文字互相重叠，"
                f"{read}，请核对原网页",
            )
        )
    if notes.reordered:
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                "flex 布局（flex-direction:row-reverse、order、direction:rtl）让屏幕上的顺序与源码不同，"
                f"按屏幕上的顺序读作“{shortened(text, 40)}”，请核对原网页",
                severity=Severity.WARNING,
            )
        )
    return findings
