"""Crawlers' JSON items: a page's title and content kept as JSON, for `read` to read.

Scrapers (Scrapy feeds, site-archive tools) keep each page as a JSON object
(``{"url": …, "title": …, "content": "<p>…</p>"}``), one a file, a list of
them, or one a line (JSON Lines). Such a file is no exchange document of this
library, and was refused with a list of unknown keys. `crawled_document`
finds the item that is a report (a text value mentioning 信息公开), and gives
its title and content as one document: HTML when the content is markup,
else text.

The JSON is parsed once (its size already checked by `read`); the values
looked at are bounded by `_MAX_VALUES`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import attrs

from govinfo_report.exceptions import ReadError

_MARK = "信息公开"
"""What every report's text holds (its title, its headings)."""

_TITLE_KEYS = ("title", "标题", "name", "headline", "subject")
_MAX_VALUES = 100_000
"""The most JSON values walked in one file."""

_TAG = re.compile(r"<(?:p|div|table|tr|td|br|span|h[1-6]|body|html)\b", re.IGNORECASE)


@attrs.frozen
class Crawled:
    """The report a crawler's JSON holds.

    Attributes:
        text: the document: an HTML page, or text.
        is_html: ``text`` is markup (read with `read_html`).
    """

    text: str
    is_html: bool


def is_exchange_document(value: object) -> bool:
    """True for what `to_json` writes (it starts with the schema version)."""
    return isinstance(value, dict) and "schema_version" in value


def crawled_document(data: bytes | str, source: str | None) -> Crawled | None:
    """The report a crawler's JSON item holds; None when the JSON is not such.

    None for an exchange document of this library and for JSON that holds no
    text mentioning 信息公开 (then `from_json` says what is wrong).

    Raises:
        ReadError: several items are reports (``unsupported``: read each).
    """
    items = _items(data)
    if items is None:
        return None
    reports: list[tuple[str, str]] = []
    budget = [_MAX_VALUES]
    for item in items:
        if is_exchange_document(item):
            return None
        found = _report_of(item, budget)
        if found is not None:
            reports.append(found)
    if not reports:
        return None
    if len(reports) > 1:
        titles = "、".join(t[:40] or "（无标题）" for t, _ in reports[:5])
        raise ReadError(
            f"JSON 中有 {len(reports)} 份报告（{titles}），read() 只读一份："
            "请逐项读取 (several crawled pages: read each item's content)",
            source=source,
            code="unsupported",
        )
    title, content = reports[0]
    if _TAG.search(content):
        heading = (
            f"<h1>{html.escape(title)}</h1>" if title and title not in content else ""
        )
        return Crawled(f"<html><body>{heading}{content}</body></html>", True)
    return Crawled(
        f"{title}\n{content}" if title and title not in content else content, False
    )


def _items(data: bytes | str) -> list[object] | None:
    """The JSON items: one value, a list's members, or one a line (JSON Lines)."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = text.lstrip("\ufeff")
    try:
        value = json.loads(text)
    except RecursionError:
        return None
    except ValueError:
        lines: list[object] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                lines.append(json.loads(line))
            except (ValueError, RecursionError):
                return None
        return lines or None
    if isinstance(value, list):
        return list(value)
    return [value]


def _report_of(item: object, budget: list[int]) -> tuple[str, str] | None:
    """(title, content) of an item whose longest text mentions 信息公开, else None."""
    if not isinstance(item, dict):
        return None
    title = next(
        (
            item[k].strip()
            for k in _TITLE_KEYS
            if isinstance(item.get(k), str) and item[k].strip()
        ),
        "",
    )
    best = ""
    for text in _texts(item, budget):
        if len(text) > len(best) and _MARK in text and text.strip() != title:
            best = text
    return (title, best) if best else None


def _texts(value: object, budget: list[int]) -> Iterator[str]:
    """Every string in a JSON value (keys aside), at most ``budget`` values."""
    stack = [value]
    while stack and budget[0] > 0:
        budget[0] -= 1
        current = stack.pop()
        if isinstance(current, str):
            yield current
        elif isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
