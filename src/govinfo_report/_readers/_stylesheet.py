"""The rules of a page's ``<style>`` sheets that decide what is shown.

A page may hide a figure by a class (``.old{display:none}`` and
``12<span class="old">9</span>68``) as well as by an inline style. Rules
with a simple selector (``tag``, ``.class``, ``#id``, ``tag.class``, a
comma list of them) are applied: their declarations that `_visibility`
reads are put before the element's own ``style`` (inline wins), in order of
specificity, then of the sheet. So are rules of selectors whose elements
`_css_selectors` can tell (``td .old``, ``tr:nth-child(7) b``,
``b[title=old]``, ``div > .x + span``): a page hides by them as often as
by a class. A rule with a selector it cannot tell (``:has()``, ``:checked``)
that would hide text is reported, so that no figure is trusted silently. The
text simple ``::before``/``::after`` rules add is put in (`_css_generated`);
a rule not applied that may lay an opaque box over a figure is reported
(`_painting_boxes`).

The work is bounded: at most `MAX_RULES` rules, `MAX_SELECTORS` selectors
and `MAX_NESTING` nested blocks are read and at most `MAX_MATCHES` element
matches applied; beyond, the rest is reported (nesting deeper ends the sheet).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from govinfo_report._findings import Finding, FindingKind, shortened
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._css_exact import Exact, PageNames, apply_exact
from govinfo_report._readers._css_fonts import font_cells, uses, web_fonts
from govinfo_report._readers._css_generated import (
    PseudoRule,
    content_of,
    insert_generated,
    is_simple_pseudo,
    mark_unknown,
)
from govinfo_report._readers._css_linked import linked_sheets
from govinfo_report._readers._css_selectors import (
    element_selector,
    specificity_of,
    split_selectors,
)
from govinfo_report._readers._css_subjects import SIMPLE_SELECTOR, FigureElements
from govinfo_report._readers._css_values import (
    REMOVING_PROPERTIES,
    SHRINKING_PROPERTIES,
    uncommented,
    unescaped,
)
from govinfo_report._readers._css_variables import resolve_variables
from govinfo_report._readers._html_cover import paints_box
from govinfo_report._readers._visibility import hides
from govinfo_report._xmltext import without_unsafe

MAX_RULES = 2_000
MAX_SELECTORS = 10_000
MAX_MATCHES = 200_000
MAX_NESTING = 32  # blocks within blocks (@media within @supports …)

# what `_visibility._styled` looks at; other properties change nothing shown
# (`removed` and `shrink` name their own, so a property they learn is applied
# from a sheet too)
_READ_PROPERTIES = (
    REMOVING_PROPERTIES
    | SHRINKING_PROPERTIES
    | frozenset(
        (
            "opacity",
            "filter",
            "mix-blend-mode",
            "height",
            "max-height",
            "width",
            "max-width",
            "visibility",
            "color",
            "-webkit-text-fill-color",
            "text-shadow",
            "background",
            "background-color",
            "background-image",
            "background-clip",
            "-webkit-background-clip",
            "-webkit-text-stroke",
            "-webkit-text-stroke-width",
            "-webkit-text-stroke-color",
            "font",
            "font-family",
            "font-size",
            "line-height",  # a box of no line hides its text (`_css_lines`)
            "-webkit-text-security",
            "vertical-align",
            "font-variant",
            "font-variant-position",
            "font-feature-settings",
            "direction",
            "unicode-bidi",
            # what may move a cell elsewhere in its row, or draw text over its
            # neighbour (`_css_layout.rearranges`)
            "letter-spacing",
            "margin-right",
            "order",
            "float",
            "flex-direction",
            # what decides whether a flex box's order is certain, and the
            # gaps between its items (`_css_flex.flex_box`): a sheet's
            # ``flex-flow:row-reverse`` left out reads 1268 as 6812
            "flex-flow",
            "flex-wrap",
            "writing-mode",
            "justify-content",
            "gap",
            "column-gap",
            "row-gap",
            "grid-column",
            "grid-row",
            "grid-area",
        )
    )
)
_BRACES = re.compile(r"([{};])")
_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})\s?", re.I)
_MOST_UNAPPLIED = 10


def apply_style_sheets(root: etree._Element) -> list[Finding]:
    """Apply the simple rules of ``root``'s ``<style>`` sheets to its elements,
    and the CSS variables of one value (`_css_variables`).

    The parsed tree is changed (its ``style`` attributes), never the input.
    Returns a finding naming the hiding rules that were not applied (at most
    ten of them and an ellipsis), and one naming the variables of several
    values that may hide text, or none.
    """
    sheets = [
        element.text or ""
        for element in root.iter("style")
        if isinstance(element.tag, str)
    ]
    plain = [uncommented(sheet) for sheet in sheets]
    fonts = web_fonts(plain)
    unapplied = _applied(root, sheets, fonts)
    doubtful = resolve_variables(root, plain, hides)
    drawn = font_cells(root, fonts)
    findings = []
    if unapplied:
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                "样式表",
                "规则 "
                + "、".join(f"“{shortened(u, 40)}”" for u in unapplied)
                + " 可能隐藏文字、盖住文字、添加文字或以网页字体改变数字的字形，未能应用（选择器不止一个"
                "元素名、类名或 id，或以 ::before、::after 添加内容）：所读数字可能与读者看到的不同，"
                "请核对原网页",
            )
        )
    if doubtful:
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                "样式表",
                "CSS 变量 "
                + "、".join(f"“{shortened(d, 40)}”" for d in doubtful[:_MOST_UNAPPLIED])
                + " 在页面中有多个值，其中有的会隐藏文字，无法判断用的是哪一个："
                "所读数字可能含有读者看不到的文字，请核对原网页",
            )
        )
    linked = linked_sheets(root, plain)
    if linked:
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                "样式表",
                "页面引用的外部样式表 "
                + "、".join(f"“{shortened(href, 60)}”" for href in linked[:3])
                + ("等" if len(linked) > 3 else "")
                + " 未读取，而表格中的数字有类名或 id（class、id），外部样式表的规则可以按它们隐藏文字："
                "所读数字可能与读者看到的不同，请核对原网页 (external style sheets not read)",
            )
        )
    if drawn:
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                "样式表",
                f"{drawn} 个含数字的单元格用网页自带的字体（@font-face："
                + "、".join(f"“{shortened(f, 20)}”" for f in sorted(fonts)[:5])
                + "）显示：字体可以把一个数字画成另一个数字，所读数字可能与屏幕上的不同，请核对原网页",
            )
        )
    return findings


def _applied(
    root: etree._Element, sheets: list[str], fonts: frozenset[str]
) -> list[str]:
    """Apply the rules; the selectors of hiding rules not applied."""
    if not any(sheet.strip() for sheet in sheets):
        return []
    rules: list[
        tuple[int, int, str, str, str]
    ] = []  # specificity, order, kind, name, css
    unapplied: list[str] = []
    boxes: list[tuple[str, str]] = []  # (selector, css) of rules that may paint a box
    names = PageNames(root)
    exact_rules: list[Exact] = []  # rules of other selectors `_css_selectors` matches
    pseudo: list[PseudoRule] = []  # the selectors naming ::before or ::after
    firsts: list[tuple[str, str]] = []  # (pseudo, selector) hiding a first letter
    order = selectors_read = 0
    for sheet in sheets:
        for selectors, body, conditional in _rules(sheet):
            order += 1
            if order > MAX_RULES or selectors_read > MAX_SELECTORS:
                unapplied.append(f"第 {MAX_RULES} 条以后的样式规则")
                break
            adds = _adds_text(selectors, body)
            if ":before" in selectors.lower() or ":after" in selectors.lower():
                content = content_of(body)
                kept = _kept(body)
                pseudo.extend(
                    PseudoRule(
                        one, content, kept, order, conditional, adds, paints_box(kept)
                    )
                    for one in split_selectors(selectors, MAX_SELECTORS)
                    if ":before" in one.lower() or ":after" in one.lower()
                )
            if adds:
                # `::before{content:"9"}`: text on the screen that is in no
                # element, next to a figure's digits (`insert_generated`)
                continue
            kept = _kept(body)
            if not kept:
                continue
            if conditional:
                # inside @media or another at-rule: it applies only sometimes
                # (print, a screen width)
                if hides(kept):
                    unapplied.append(selectors.strip()[:40])
                continue
            for selector in split_selectors(selectors, MAX_SELECTORS):
                selector = selector.strip()
                if not selector:
                    continue
                selectors_read += 1
                if selectors_read > MAX_SELECTORS:
                    break
                simple = SIMPLE_SELECTOR.match(selector)
                if simple is None and names.absent(selector):
                    continue  # (it styles no element of this page)
                exact = element_selector(selector) if simple is None else None
                if exact is not None:
                    # (``td .old``, ``tr:nth-child(7) b``: its elements are
                    # known, so it is applied as a simple one is)
                    exact_rules.append(
                        (specificity_of(exact), order, exact, kept, selector[:40])
                    )
                    continue
                if simple is None:
                    if (
                        (hides(kept) or bool(fonts and uses(kept, fonts)))
                        and not _generated(selector)
                        and len(unapplied) <= _MOST_UNAPPLIED
                    ):
                        unapplied.append(selector[:40])
                        letter = _FIRST.search(selector)
                        if letter is not None and hides(kept):
                            firsts.append((letter.group(1).lower(), selector))
                    elif (
                        "position" in kept or "background" in kept
                    ) and not is_simple_pseudo(selector):
                        # (a simple ::after's box is put in: `insert_generated`)
                        boxes.append((selector, kept))
                    continue
                tag, sign, name = simple.groups()
                specificity = (100 if sign == "#" else 10 if sign else 0) + (
                    1 if tag else 0
                )
                kind = "id" if sign == "#" else "class" if sign else "tag"
                key = (name or tag or "").lower()
                matched_tag = (tag or "").lower() if sign else ""
                rules.append((specificity, order, kind, key, matched_tag + "\0" + kept))
        if selectors_read > MAX_SELECTORS:
            unapplied.append(f"第 {MAX_SELECTORS} 个以后的选择器")
        if order > MAX_RULES or selectors_read > MAX_SELECTORS:
            break
    if rules or exact_rules:
        unapplied += _apply(root, rules, exact_rules)
    mark_unknown(root, firsts)
    unapplied += insert_generated(root, pseudo)[: _MOST_UNAPPLIED + 1]
    unapplied += _painting_boxes(root, boxes)[: _MOST_UNAPPLIED + 1 - len(unapplied)]
    if len(unapplied) > _MOST_UNAPPLIED:
        unapplied = [*unapplied[:_MOST_UNAPPLIED], "…"]
    return unapplied


def _painting_boxes(root: etree._Element, boxes: list[tuple[str, str]]) -> list[str]:
    """The selectors of ``boxes`` (rules not applied) that may lay an opaque
    box over a figure (`paints_box`): a ``::before``/``::after`` painting one
    on an element of a figure cell, or a rule that, with the style a figure
    cell's element has (the simple rules applied), takes it out of the flow
    and paints it (``.fix{position:absolute}`` and ``td .fix{background:#fff}``).
    Nothing else tells what such a rule covers: a menu's ``.nav ul`` matches
    no element of the tables and says nothing."""
    if not boxes:
        return []
    figures = FigureElements(root)
    found = []
    for selector, css in boxes:
        styles = figures.styles(selector)
        if _generated(selector):
            # the generated box has the rule's style only, not its element's
            painted = paints_box(css) and (styles is None or bool(styles))
        elif styles is None:
            painted = paints_box(css)
        else:
            painted = any(
                paints_box(f"{style};{css}") or paints_box(f"{css};{style}")
                for style in styles
            )
        if painted:
            found.append(selector[:40])
            if len(found) > _MOST_UNAPPLIED:
                break
    return found


def _rules(sheet: str) -> Iterator[tuple[str, str, bool]]:
    """The style rules of ``sheet``: selectors, declarations, and whether the
    rule is inside an at-rule (``@media`` …). One pass over the braces."""
    # frames of the open blocks: (prelude, is an at-rule, body parts)
    frames: list[tuple[str, bool, list[str]]] = []
    buffer: list[str] = []
    for token in _BRACES.split(uncommented(sheet)):
        if token == "{":
            if len(frames) >= MAX_NESTING:
                return  # not a sheet a browser would use either
            prelude = "".join(buffer).strip()
            frames.append((prelude, prelude.startswith("@"), []))
            buffer = []
        elif token == "}":
            if not frames:
                buffer = []
                continue  # a stray brace
            prelude, at_rule, body = frames.pop()
            if not at_rule:
                conditional = any(f[1] and not _on_screen(f[0]) for f in frames)
                yield prelude, "".join([*body, *buffer]), conditional
            buffer = []
        elif token == ";" and frames and not frames[-1][1]:
            frames[-1][2].extend([*buffer, ";"])
            buffer = []
        elif token == ";":
            buffer = []  # @import …; or a stray semicolon
        else:
            buffer.append(token)


_SCREENS = frozenset(("all", "screen", "only screen"))


def _on_screen(prelude: str) -> bool:
    """True for an ``@media`` rule that applies on every screen (``@media
    screen``, ``@media all``, ``@media screen, print``): its rules are as
    unconditional as the sheet's own."""
    kind, _, queries = prelude.partition(" ")
    if kind.lower() != "@media":
        return False
    return any(" ".join(q.split()).lower() in _SCREENS for q in queries.split(","))


def _adds_text(selectors: str, body: str) -> bool:
    """True for a rule putting generated text (``content``) that could be
    read with a figure before or after an element, on the screen: digits,
    a point or a comma, a counter or an attribute's value. A browser shows
    it; the reader cannot place it. Icons (``"\\e600"``) and the hidden
    ``"."`` of a clearfix are not reported."""
    lowered = selectors.lower()
    if (
        ":before" not in lowered
        and ":after" not in lowered
        and "::marker" not in lowered
    ):
        return False
    content = ""
    for declaration in body.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip().lower() == "content":
            content = value.replace("!important", "").strip().lower()
    if not content or content in ("none", "normal") or hides(_kept(body)):
        return False
    if "counter" in content or "attr(" in content:
        return True
    text = _ESCAPE.sub(lambda m: _character(m.group(1)), content)
    return any(c.isdigit() or c in ".,，．" for c in text)


_GENERATED = (
    *(":before", ":after", "::marker", "::placeholder", "::backdrop"),
    # painted only over text a person selects, marks or searches for
    *("::selection", "::-moz-selection", "::target-text", "::highlight("),
    *("::spelling-error", "::grammar-error"),
)


_FIRST = re.compile(r"::?(first-letter|first-line)$", re.I)


def _generated(selector: str) -> bool:
    """True for a selector of generated content (``.cf:after``): hiding it
    hides no text of the page (a clearfix's ``"."``)."""
    lowered = selector.lower()
    return any(pseudo in lowered for pseudo in _GENERATED)


def _character(code: str) -> str:
    value = int(code, 16)
    return chr(value) if 0 < value <= 0x10FFFF else ""


def _kept(body: str) -> str:
    """The declarations of ``body`` that `_visibility` reads, ``;``-joined."""
    kept = []
    for declaration in body.split(";"):
        name, colon, value = declaration.partition(":")
        name = unescaped(name).strip().lower()
        if colon and name in _READ_PROPERTIES:
            kept.append(f"{name}:{value.strip()}")
    return ";".join(kept)


def _apply(
    root: etree._Element,
    rules: list[tuple[int, int, str, str, str]],
    exact_rules: list[Exact],
) -> list[str]:
    by_class: dict[str, list[etree._Element]] = {}
    by_id: dict[str, list[etree._Element]] = {}
    by_tag: dict[str, list[etree._Element]] = {}
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        by_tag.setdefault(tag.lower(), []).append(element)
        for name in (element.get("class") or "").lower().split():
            by_class.setdefault(name, []).append(element)
        ident = element.get("id")
        if ident:
            by_id.setdefault(ident.lower(), []).append(element)
    index = {"class": by_class, "id": by_id, "tag": by_tag}
    styles: dict[etree._Element, list[tuple[int, int, str]]] = {}
    matches = 0
    for specificity, order, kind, name, both in rules:
        tag, _, css = both.partition("\0")
        for element in index[kind].get(name, ()):
            if tag and str(element.tag).lower() != tag:
                continue
            matches += 1
            if matches > MAX_MATCHES:
                return [f"第 {MAX_MATCHES} 处以后的样式匹配"]
            styles.setdefault(element, []).append((specificity, order, css))
    unapplied = apply_exact(root, exact_rules, index, styles)
    for element, applied in styles.items():
        applied.sort()
        inline = element.get("style") or ""
        # a sheet may hold characters no attribute can (a NUL, a control
        # character): they style nothing
        joined = ";".join([*(css for _, _, css in applied), inline])
        element.set("style", without_unsafe(joined)[0])
    return unapplied
