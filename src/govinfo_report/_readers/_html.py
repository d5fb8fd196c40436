"""read_html(): reports published as web pages, with real ``<table>`` markup.

Tables are expanded into grids (a cell spanning rows or columns keeps its text
in its first position, ``""`` in the others, so a figure is never repeated);
the text outside tables is taken block by block (``p``, ``div``, headings, list
items, ``br`` breaks) in document order. Fragments (no ``<html>``), tables
without borders and extra empty columns need nothing special: the matcher
anchors on labels. Bytes are decoded by the charset the page declares (BOM,
``<meta charset>``, ``http-equiv``), checked against what decodes cleanly,
then by trying UTF-8 and GB18030 (a superset of GBK and GB2312).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from govinfo_report._model import Report
from govinfo_report._readers._narrative import Item
from govinfo_report._readers._read import read_items
from govinfo_report.exceptions import ReadError

__all__ = ["decode_bytes", "html_items", "read_html"]

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB = {"gbk", "gb2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn"}
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "title",
    ]
)
_SKIP = frozenset(("script", "style", "noscript", "head", "template"))


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Decode a page: BOM, declared charset (when it decodes), UTF-8, GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    found = _CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", errors="ignore"))
    candidates += ["utf-8", "gb18030"]
    for name in candidates:
        codec = "gb18030" if name.lower() in _GB else name
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


def _text(element: etree._Element) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node.tag in _SKIP:
            continue
        if node.tag == "br":
            parts.append("\n")
        if (node is not element and node.text and node.tag not in _SKIP) or (
            node is element and node.text
        ):
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _cell_text(cell: etree._Element) -> str:
    return " ".join(_text(cell).split())


def _grid(table: etree._Element) -> list[list[str]]:
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], str] = {}
    row_index = 0
    for tr in table.iter("tr"):
        if _nearest_table(tr) is not table:
            continue
        row: list[str] = []
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (row_index, col) in spans:
                row.append(spans.pop((row_index, col)))
                col += 1
            text = _cell_text(cell)
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            for dc in range(colspan):
                row.append(text if dc == 0 else "")
                for dr in range(1, rowspan):
                    spans[(row_index + dr, col + dc)] = ""
            col += colspan
        while (row_index, col) in spans:
            row.append(spans.pop((row_index, col)))
            col += 1
        rows.append(row)
        row_index += 1
    return rows


def _nearest_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def html_items(html: str) -> list[Item]:
    """The text blocks and table rows of a page, in document order."""
    try:
        root = lxml.html.document_fromstring(html) if html.strip() else None
    except (etree.ParserError, ValueError) as error:
        raise ReadError(f"无法解析 HTML：{error}") from None
    if root is None:
        return []
    items: list[Item] = []
    tables = 0

    def walk(element: etree._Element) -> None:
        nonlocal tables
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table":
            tables += 1
            for number, row in enumerate(_grid(element), 1):
                if any(c.strip() for c in row):
                    items.append(
                        Item(
                            " ".join(c for c in row if c),
                            f"第 {tables} 个表格第 {number} 行",
                            row,
                            is_table=True,
                        )
                    )
            return
        has_block_child = any(
            isinstance(child.tag, str)
            and (child.tag in _BLOCKS or child.tag == "table")
            for child in element
        )
        if tag in _BLOCKS and not has_block_child:
            for line in _text(element).split("\n"):
                line = " ".join(line.split())
                if line:
                    items.append(Item(line, f"第 {len(items) + 1} 段", (line,)))
            return
        if element.text and element.text.strip() and tag not in ("html",):
            items.append(
                Item(
                    element.text.strip(),
                    f"第 {len(items) + 1} 段",
                    (element.text.strip(),),
                )
            )
        for child in element:
            walk(child)
            if child.tail and child.tail.strip():
                tail = " ".join(child.tail.split())
                items.append(Item(tail, f"第 {len(items) + 1} 段", (tail,)))

    walk(root)
    return items


def read_html(
    html: str | bytes, *, strict: bool = False, source: str | None = None
) -> Report:
    """Read a report from a web page or an HTML fragment.

    Args:
        html: the page; bytes are decoded by the declared or detected charset
            (UTF-8, GBK, GB2312, GB18030).
        strict: raise `ReadError` on any reading problem.
        source: a name for messages.

    Raises:
        NotAReportError: the page is not an annual report.
        ReadError: the page cannot be parsed; with ``strict``, the problems.
    """
    text = decode_bytes(html, None) if isinstance(html, bytes) else html
    items = html_items(text)
    return read_items(items, strict=strict, source=source)
