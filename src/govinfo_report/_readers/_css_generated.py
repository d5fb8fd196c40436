"""Text a page's ``<style>`` sheets add before or after elements (``::before``).

``.n::before{content:"1"}`` and ``<span class="n">268</span>`` show 1268: the
digit is on the screen, in no element. Where the rule is simple (an element
name, ``.class``, ``#id`` or ``tag.class`` and ``::before``/``::after``, or
the old ``:before``/``:after``) and its ``content`` is plain strings, the
text is put into the parsed tree where a browser shows it, as a ``<span>``
with the rule's style (so a generated digit painted white stays unseen),
and read with the rest; so is an empty box the rule paints opaquely out of
the flow (``content:"";position:absolute;inset:0;background:#fff``), a
cover over the element's text (`_html_cover`). Which rule's ``content`` wins is decided as a
browser decides (specificity, then order); when a rule the reader cannot
apply (``td .n::before``, one inside ``@media``) may style the same box,
or the content is not plain strings (``counter()``, ``attr()``,
``!important``), nothing is put in and the rule is reported as not applied;
such a rule whose elements `_css_selectors` can tell (``td b::after{content:"8"}``,
``td:nth-child(2)::after``, ``td[data-n]::before{content:attr(data-n)}``,
``td:not(.x)::after``) leaves `UNREAD` in each cell of figures holding an
element it styles (`mark_unknown`).
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

from govinfo_report._readers._css_matching import Matcher
from govinfo_report._readers._css_selectors import exact_selector
from govinfo_report._readers._css_subjects import (
    SIMPLE_SELECTOR,
    Subject,
    matches_subject,
    subject_of,
)
from govinfo_report._readers._html_cover import paints_box
from govinfo_report._readers._html_text import UNREAD

_PSEUDO = re.compile(r"^(.*?)(::?)(before|after)$", re.I)
_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'", re.S)
_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})\s?|\\(.)", re.I | re.S)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "select",
        "textarea",
        "iframe",
        "video",
        "audio",
    ]
)
"""Elements whose ``::before`` and ``::after`` a browser does not draw."""
MAX_INSERTED = 100_000
"""Generated texts put into the tree at the most (more: the rest reported)."""
MAX_COMPARED = 1_000_000
"""Boxes compared with rules not applied at the most (more: the rest reported)."""


@attrs.frozen
class PseudoRule:
    """One selector of a rule naming ``::before`` or ``::after``."""

    selector: str
    content: str | None
    """The last ``content`` value of the rule (None: the rule sets none)."""
    css: str
    """The declarations `_visibility` reads, ``;``-joined (`_stylesheet._kept`)."""
    order: int
    conditional: bool
    """Inside an at-rule that applies only sometimes (``@media print``)."""
    adds: bool
    """Its content may add digits next to a figure (`_stylesheet._adds_text`)."""
    covers: bool = False
    """Its declarations lay an opaque box out of the flow (`paints_box`): a
    cover over the element's text (``content:"";position:absolute;inset:0``)."""


def is_simple_pseudo(selector: str) -> bool:
    """True for a selector `insert_generated` applies: a simple one and
    ``::before`` or ``::after``."""
    match = _PSEUDO.match(selector.strip())
    return match is not None and SIMPLE_SELECTOR.match(match.group(1)) is not None


def content_of(body: str) -> str | None:
    """The last ``content`` declaration of the declarations ``body``."""
    content = None
    for declaration in body.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip().lower() == "content":
            content = value.strip()
    return content


def insert_generated(root: etree._Element, rules: list[PseudoRule]) -> list[str]:
    """Put the text of the adding simple ``rules`` into ``root``; the
    selectors of adding rules not applied (at most one each)."""
    simple: list[tuple[int, int, str, str, str, str, PseudoRule]] = []
    others: list[
        tuple[str, Subject, PseudoRule]
    ] = []  # (pseudo, subject, rule) not applied
    for rule in rules:
        match = _PSEUDO.match(rule.selector.strip())
        compound = SIMPLE_SELECTOR.match(match.group(1)) if match else None
        if match is None or compound is None or rule.conditional:
            pseudo = match.group(3).lower() if match else ""
            others.append((pseudo, subject_of(rule.selector), rule))
            continue
        tag, sign, name = compound.groups()
        specificity = (100 if sign == "#" else 10 if sign else 0) + (1 if tag else 0)
        kind = "#" if sign == "#" else "." if sign else ""
        simple.append(
            (
                specificity,
                rule.order,
                match.group(3).lower(),
                kind,
                (name or tag or "").lower(),
                (tag or "").lower() if sign else "",
                rule,
            )
        )
    unapplied = {r.selector.strip()[:40] for _, _, r in others if r.adds}
    mark_unknown(
        root, [(p, r.selector) for p, _, r in others if r.adds and not r.conditional]
    )
    if not any(entry[-1].adds or entry[-1].covers for entry in simple):
        return sorted(unapplied)
    boxes = _boxes(root, simple)
    inserted = compared = 0
    for (element, pseudo), applying in boxes.items():
        applying.sort(key=lambda entry: (entry[0], entry[1]))
        adding = [rule for *_, rule in applying if rule.adds or rule.covers]
        if not adding:
            continue
        compared += len(others)
        if compared > MAX_COMPARED or any(
            (not pseudo_of or pseudo_of == pseudo) and matches_subject(subject, element)
            for pseudo_of, subject, _ in others
        ):
            # a rule not applied may style this box too: what it shows is not known
            unapplied.update(r.selector.strip()[:40] for r in adding)
            if any(r.adds for r in adding) and inserted < MAX_INSERTED:
                inserted += _unknown_in_figures(element, pseudo)
            continue
        contents = [rule.content for *_, rule in applying if rule.content is not None]
        text = _text(contents[-1]) if contents else ""
        if text is None or inserted >= MAX_INSERTED:
            unapplied.update(r.selector.strip()[:40] for r in adding)
            if text is None and inserted < MAX_INSERTED and any(r.adds for r in adding):
                # (``counter()``, ``attr()``: text is shown, what is not known;
                # an image (``url()``) of a box that only covers is the cover's)
                inserted += _unknown_in_figures(element, pseudo)
            continue
        css = ";".join(r.css for *_, r in applying if r.css)
        if text or (bool(contents) and _boxed(contents[-1]) and paints_box(css)):
            # (an empty box drawn only for its paint: a cover over the text)
            _insert(element, pseudo, text, css)
            inserted += 1
    return sorted(unapplied)


def _unknown_in_figures(element: etree._Element, pseudo: str) -> int:
    """Put `UNREAD` where a rule shows text not known (``counter()``) before
    or after ``element``, when it stands in a cell of figures (as
    `mark_unknown`); how many were put (0 or 1)."""
    if pseudo not in ("before", "after"):
        return 0
    tag = str(element.tag).lower()
    cell = (
        element
        if tag in ("td", "th")
        else next(element.iterancestors("td", "th"), None)
    )
    if cell is None or any(c.isalpha() for c in str(cell.xpath("string()"))):
        return 0
    _insert(element, pseudo, UNREAD, "")
    return 1


def mark_unknown(root: etree._Element, rules: list[tuple[str, str]]) -> None:
    """Put `UNREAD` where each adding rule not applied (``td b::after
    {content:"8"}``: ``(pseudo, selector)``), or one hiding a first letter or
    line (``td::first-letter{color:#fff}``), shows its text in a cell of
    figures (no letter in it, or blank): a digit is on the screen there, in
    no element, so no figure is made of the cell. Only a selector whose
    every part `exact_selector` understands is matched (names, classes,
    ids, attributes, ``:nth-child()`` and the other structural
    pseudo-classes, ``:not()``, the combinators); the others (``:has()``)
    stay reported on the sheet alone.
    Cells of labels are left alone: digits added to a label change no figure."""
    # (one matcher a rule, made before any `UNREAD` is put in: what it works
    # out of a row's children counts no generated box, as a browser does not)
    exact = [
        (pseudo, Matcher(steps))
        for pseudo, selector in rules
        if pseudo and (steps := exact_selector(selector)) is not None
    ]
    if not exact:
        return
    compared = inserted = 0
    for cell in root.iter("td", "th"):
        if any(c.isalpha() for c in str(cell.xpath("string()"))):
            continue
        for element in list(cell.iter()):
            if not isinstance(element.tag, str) or element.tag.lower() in _VOID:
                continue
            compared += len(exact)
            if compared > MAX_COMPARED or inserted >= MAX_INSERTED:
                return  # (the rules are reported on the sheet all the same)
            pseudos = {
                p
                for p, matcher in exact
                if matcher(element)
                and (p in ("before", "after") or _holds_lines(element))
            }
            for pseudo in sorted(pseudos):
                # (a hidden first letter or line: the cell's start in doubt)
                _insert(element, "after" if pseudo == "after" else "before", UNREAD, "")
                inserted += 1


_LINE_HOLDERS = frozenset(("td", "th", "div", "p", "li", "dd", "dt", "blockquote"))


def _holds_lines(element: etree._Element) -> bool:
    """True for an element ``::first-letter`` and ``::first-line`` apply to:
    a block (a cell, a ``<div>``…, or one styled ``display:block``…), not an
    inline box (``td span::first-letter`` styles nothing)."""
    style = (element.get("style") or "").lower()
    if "display" in style:
        return any(
            word in style for word in ("block", "table-cell", "list-item", "flow-root")
        )
    return str(element.tag).lower() in _LINE_HOLDERS


_Entry = tuple[int, int, str, str, str, str, PseudoRule]


def _boxes(
    root: etree._Element, simple: list[_Entry]
) -> dict[tuple[etree._Element, str], list[_Entry]]:
    """The simple rules styling each (element, pseudo-element) of ``root``."""
    wanted = {(kind, name) for _, _, _, kind, name, _, _ in simple}
    index: dict[tuple[str, str], list[etree._Element]] = {}
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag.lower() in _VOID:
            continue
        keys = [("", tag.lower())]
        keys += [(".", c) for c in (element.get("class") or "").lower().split()]
        if element.get("id"):
            keys.append(("#", (element.get("id") or "").lower()))
        for key in keys:
            if key in wanted:
                index.setdefault(key, []).append(element)
    boxes: dict[tuple[etree._Element, str], list[_Entry]] = {}
    for entry in simple:
        _, _, pseudo, kind, name, tag, _ = entry
        for element in index.get((kind, name), ()):
            if tag and str(element.tag).lower() != tag:
                continue
            boxes.setdefault((element, pseudo), []).append(entry)
    return boxes


def _boxed(content: str) -> bool:
    """True when ``content`` makes a box (``""`` does; ``none``, ``normal`` do not)."""
    return content.strip().lower() not in ("none", "normal", "")


def _text(content: str) -> str | None:
    """The text a ``content`` value shows; ``""`` for none (``none``,
    ``normal``, ``""``); None when it is not plain strings."""
    value = content.split("/")[0].strip() if "/" in content else content.strip()
    if value.lower() in ("none", "normal", ""):
        return ""
    if "!" in value:
        return None  # !important: a cascade this reader does not weigh
    pieces = []
    position = 0
    for match in _STRING.finditer(value):
        if value[position : match.start()].strip():
            return None  # counter(), attr(), open-quote, url() …
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        pieces.append(_ESCAPE.sub(_unescape, raw))
        position = match.end()
    if value[position:].strip() or not pieces:
        return None
    return "".join(pieces)


def _unescape(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return "" if match.group(2) == "\n" else match.group(2)


def _insert(element: etree._Element, pseudo: str, text: str, css: str) -> None:
    box = etree.Element("span")
    if css:
        box.set("style", css)
    box.text = text
    if pseudo == "before":
        box.tail = element.text
        element.text = None
        element.insert(0, box)
    else:
        element.append(box)
