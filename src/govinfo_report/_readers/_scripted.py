"""What a page's scripts show or write: the report as a browser that runs them shows it.

This library runs no script. Two things scripts commonly do decide whether
the report is seen at all:

- **Shown by a script.** WeChat articles (政务公众号, where many agencies
  publish their reports) and some CMS templates print the article hidden
  (``<div id="js_content" style="visibility: hidden;">``) and a script of the
  page makes it visible once loaded. A browser shows it; read as hidden, the
  whole report was "not a report". `shown_by_scripts` reads such an element
  as shown, with a warning naming it, when a script of the page names its id
  and the property that hides it (``visibility``, ``display``, ``opacity``).
- **Written by a script.** The report's text stands only in a script
  (``var content = "…"; …innerHTML = content``): nothing of it can be seen
  without running the script. `scripted_report` tells such a page, so that it
  is refused saying so (not "not a report"); the script's strings are not
  read, since what it shows of them cannot be told.
"""

from __future__ import annotations

import re

from lxml import etree

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._css_values import declarations_of

_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_MARKS = (
    "信息公开",
    "\\u4fe1\\u606f\\u516c\\u5f00",
    "&#20449;&#24687;&#20844;&#24320;",
)
"""信息公开 as it stands in a script: as is, as JSON escapes, as character references."""

_HIDING = {
    "visibility": ("hidden", "collapse"),
    "display": ("none",),
    "opacity": ("0", "0.0", "0%"),
}
"""Inline declarations a script may undo, and the values that hide."""

_SHOWING = {
    "visibility": ("visible",),
    "display": (
        "block",
        "inline",
        "flex",
        ".show(",
        ".fadeIn(",
        "display = ''",
        'display = ""',
    ),
    "opacity": (
        "opacity = 1",
        "opacity=1",
        "opacity = '1'",
        'opacity = "1"',
        ".fadeIn(",
    ),
}
"""What a script that shows the element again writes (a script naming the
property only to hide it, ``display = 'none'``, shows nothing)."""

_MAX_SCRIPT_CHARS = 2_000_000
"""The most script text searched for ids (a page's own scripts are far less)."""


def scripted_report(page: str) -> bool:
    """True when a script of the page holds a report's text (信息公开), as pages
    whose content is written by JavaScript (``var content = "…"``) do."""
    for found in _SCRIPT.finditer(page):
        script = found.group(1)
        if any(mark in script or mark in script.lower() for mark in _MARKS):
            return True
    return False


def shown_by_scripts(root: etree._Element) -> list[Finding]:
    """Show the elements that a script of the page shows; a warning for each.

    The parsed tree is changed (the hiding declaration leaves the element's
    ``style``), never the input. An element counts when it has an ``id``, its
    inline style hides it, and the page's scripts name the id (quoted, or as
    ``#id``) and show it again by that property (`_SHOWING`).
    """
    scripts = [
        element.text or ""
        for element in root.iter("script")
        if isinstance(element.tag, str)
    ]
    code = "\n".join(scripts)[:_MAX_SCRIPT_CHARS]
    if not code.strip():
        return []
    findings: list[Finding] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ident = element.get("id")
        style = element.get("style")
        if not ident or not style:
            continue
        declarations = declarations_of(style)
        undone = [
            name
            for name, values in _HIDING.items()
            if declarations.get(name, "").strip().lower() in values
            and _named(code, ident, name)
        ]
        if not undone:
            continue
        for name in undone:
            del declarations[name]
        element.set("style", ";".join(f"{k}:{v}" for k, v in declarations.items()))
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                f"#{shortened(ident, 40)}",
                f"元素 #{shortened(ident, 40)} 以 {'、'.join(undone)} 隐藏，网页的脚本使其显示"
                "（如微信公众号文章），按显示读取；本库不运行脚本，请核对原网页 "
                "(shown by the page's script: read as shown)",
                severity=Severity.WARNING,
            )
        )
    return findings


def _named(code: str, ident: str, prop: str) -> bool:
    """True when a script names the element (``"id"``, ``'id'``, ``#id``) and
    shows it again by ``prop`` (`_SHOWING`)."""
    if not any(form in code for form in (f'"{ident}"', f"'{ident}'", f"#{ident}")):
        return False
    showing = _SHOWING[prop]
    return (prop in code or any(s.startswith(".") for s in showing)) and any(
        form in code for form in showing
    )
