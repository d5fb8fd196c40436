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

import codecs
import re

import lxml.html
from lxml import etree

from govinfo_report._format import FormatVersion
from govinfo_report._limits import DEFAULT_LIMITS, Budget, Deadline, Limits
from govinfo_report._model import Report
from govinfo_report._readers._hints import check_report
from govinfo_report._readers._hints import hints as _hints
from govinfo_report._readers._html_own import read_own_page
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._split import Item
from govinfo_report.exceptions import ReadError

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
    """Decode a page: BOM, then UTF-8 when it decodes, the declared charset, GB18030.

    Bytes that decode as UTF-8 are UTF-8 whatever the page declares (GBK text
    practically never does, and pages that declare GBK but were re-saved as
    UTF-8 are common); a declaration naming no text encoding is ignored.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    candidates: list[str] = ["utf-8"]
    if declared:
        candidates.append(declared)
    found = _CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", errors="ignore"))
    candidates.append("gb18030")
    for name in candidates:
        codec = "gb18030" if name.lower() in _GB else name
        try:
            if not codecs.lookup(codec)._is_text_encoding:
                continue
            return data.decode(codec)
        except (LookupError, ValueError):  # UnicodeError is a ValueError
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


def _grid(table: etree._Element, budget: Budget) -> list[list[str]]:
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], str] = {}
    row_index = 0
    width = budget.limits.max_columns
    for tr in table.iter("tr"):
        budget.take(1)
        budget.tick()
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
            text = _checked(budget.limits, _cell_text(cell))
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            for dc in range(colspan):
                row.append(text if dc == 0 else "")
                for dr in range(1, rowspan):
                    spans[(row_index + dr, col + dc)] = ""
            col += colspan
            if col > width:
                raise budget.limits.exceeded(
                    "max_columns", f"第 {row_index + 1} 行表格的列数", f"{col} 以上"
                )
        while (row_index, col) in spans:
            row.append(spans.pop((row_index, col)))
            col += 1
        rows.append(row)
        row_index += 1
    return rows


def _checked(limits: Limits, text: str) -> str:
    """``text``, when it is within ``max_line_chars``."""
    if len(text) > limits.max_line_chars:
        raise limits.exceeded(
            "max_line_chars", "一个段落或单元格的长度（字符）", len(text)
        )
    return text


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


def _depth(root: etree._Element) -> int:
    deepest = depth = 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def html_items(
    html: str, limits: Limits | None = None, deadline: Deadline | None = None
) -> list[Item]:
    """The text blocks and table rows of a page, in document order.

    Raises:
        ReadError: the page cannot be parsed.
        LimitExceededError: nesting deeper than ``max_html_depth``, more table
            rows than ``max_rows``, a row wider than ``max_columns``, a block
            longer than ``max_line_chars``, or the deadline passed.
    """
    limits = limits or DEFAULT_LIMITS
    budget = Budget(limits, "max_rows", "表格行数", deadline=deadline, every=256)
    try:
        if not html.strip():
            return []
        # Counted before parsing: lxml builds every element, however small.
        limits.check_elements(html)
        # libxml2 stops at a depth of 256 unless told otherwise
        parser = lxml.html.HTMLParser(huge_tree=limits.max_html_depth > 255)
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ReadError(f"无法解析 HTML：{error}") from None
    if root is None:  # pragma: no cover - lxml raises instead
        return []
    depth = _depth(root)
    if depth > limits.max_html_depth:
        raise limits.exceeded("max_html_depth", "HTML 元素的嵌套深度", depth)
    items: list[Item] = []
    tables = 0
    # An explicit stack rather than recursion: (element, is its tail).
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, tail = stack.pop()
        budget.tick()
        if tail:
            if element.tail and element.tail.strip():
                text = _checked(budget.limits, " ".join(element.tail.split()))
                items.append(Item(text, f"第 {len(items) + 1} 段", (text,)))
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            continue
        if tag == "table":
            tables += 1
            for number, row in enumerate(_grid(element, budget), 1):
                if any(c.strip() for c in row):
                    items.append(
                        Item(
                            " ".join(c for c in row if c),
                            f"第 {tables} 个表格第 {number} 行",
                            row,
                            is_table=True,
                        )
                    )
            continue
        has_block_child = any(
            isinstance(child.tag, str)
            and (child.tag in _BLOCKS or child.tag == "table")
            for child in element
        )
        if tag in _BLOCKS and not has_block_child:
            for line in _checked(budget.limits, _text(element)).split("\n"):
                line = " ".join(line.split())
                if line:
                    items.append(Item(line, f"第 {len(items) + 1} 段", (line,)))
            continue
        if element.text and element.text.strip() and tag not in ("html",):
            text = _checked(budget.limits, element.text.strip())
            items.append(Item(text, f"第 {len(items) + 1} 段", (text,)))
        for child in reversed(element):
            stack.append((child, True))
            stack.append((child, False))
    return items


def read_html(
    html: str | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
    year: int | None = None,
    agency: str | None = None,
    format_version: FormatVersion | str | None = None,
) -> Report:
    """Read a report from a web page or an HTML fragment.

    Args:
        html: the page; bytes are decoded by the declared or detected charset
            (UTF-8, GBK, GB2312, GB18030).
        strict: raise `ReadError` on any reading problem.
        source: a name for messages.
        limits: the limits to read within (`DEFAULT_LIMITS` when None):
            ``max_input_bytes``, ``max_html_depth``, ``max_rows``,
            ``max_columns``, ``max_line_chars``, ``max_seconds``.
        year, agency, format_version: what the caller knows of the report
            (a listing page, a scraper): used where the document does not
            state it, checked where it does (a disagreement is a
            ``METADATA_MISMATCH`` finding; the document's value is kept).

    Raises:
        NotAReportError: the page is not an annual report.
        ReadError: the page cannot be parsed; with ``strict``, the problems.
        LimitExceededError: the page is beyond a limit (the message names it
            and how to raise it).
    """
    given = _hints(year, agency, format_version)
    limits = limits or DEFAULT_LIMITS
    try:
        if isinstance(html, bytes):
            limits.check_size(len(html), source=source)
            text = decode_bytes(html, None)
        elif isinstance(html, str):
            limits.check_text_size(html, source=source)
            text = html
        else:
            raise TypeError(
                f"read_html() takes str or bytes, not {type(html).__name__}"
            )
        deadline = limits.deadline(source)
        # A page write_html made is read by its markup (see _html_own).
        own = read_own_page(
            text, limits, deadline, grid_of=_grid, text_of=_text, depth_of=_depth
        )
        if own is not None:
            own = check_report(own, given)
            if strict and own.reading_findings:
                raise ReadError(
                    f"读取时发现 {len(own.reading_findings)} 处问题",
                    problems=[f.message for f in own.reading_findings],
                )
            return own
        items = html_items(text, limits, deadline)
    except ReadError as error:
        raise with_source(error, source) from None
    return read_items(
        items,
        strict=strict,
        source=source,
        limits=limits,
        deadline=deadline,
        hints=given,
    )
