"""read_html(): reports published as web pages, with real ``<table>`` markup.

Tables are expanded into grids (a cell spanning rows or columns keeps its text
in its first position, ``""`` in the others, so a figure is never repeated);
the text outside tables is taken block by block (``p``, ``div``, headings, list
items, ``br`` breaks) in document order; a table that lays the page out (a
CMS page's outer ``<table>`` holding the whole report) is taken as blocks.
Fragments (no ``<html>``), tables without borders and extra empty columns
need nothing special: the matcher anchors on labels. Bytes are decoded by the charset the page declares (BOM,
``<meta charset>``, ``http-equiv``), checked against what decodes cleanly,
then by trying UTF-8 and GB18030 (a superset of GBK and GB2312).
"""

from __future__ import annotations

import attrs
from lxml import etree

from govinfo_report._findings import Finding
from govinfo_report._format import FormatVersion
from govinfo_report._limits import DEFAULT_LIMITS, Budget, Deadline, Limits
from govinfo_report._model import Report
from govinfo_report._readers._hints import check_report
from govinfo_report._readers._hints import hints as _hints
from govinfo_report._readers._html_charset import decode_bytes
from govinfo_report._readers._html_own import read_own_page
from govinfo_report._readers._html_text import (
    UNREAD,
    Notes,
    cell_text,
    notes_findings,
    styled_cells,
    visible_text,
)
from govinfo_report._readers._html_tree import collapsed_columns, deeper, depth
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._seen import SHOWN, Seen
from govinfo_report._readers._split import Item
from govinfo_report._readers._stylesheet import apply_style_sheets
from govinfo_report._readers._visibility import (
    closed_details,
    look,
    rearranged,
)
from govinfo_report.exceptions import ReadError

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
        # the cells of a layout table (`_layout_tables`), read as blocks
        "td",
        "th",
        "caption",
    ]
)


_States = dict[etree._Element, Seen | None]
"""The state of each element between a table and its rows (`_row_state`'s memo)."""


def _row_state(
    tr: etree._Element, table: etree._Element, seen: Seen, states: _States
) -> tuple[bool, Seen | None]:
    """Whether ``table`` is the row's nearest table, and the row's state: the
    table's, through the elements between them (looked at once a table,
    ``states``)."""
    chain: list[etree._Element] = []
    parent = tr.getparent()
    state: Seen | None = seen
    while parent is not None and parent is not table:
        if parent in states:
            state = states[parent]
            break
        if parent.tag == "table":
            return False, None  # a row of a table inside this one
        chain.append(parent)
        parent = parent.getparent()
    else:
        if parent is None:
            return False, None  # not inside the table (as _nearest_table says)
        parent = table
    chain.reverse()
    chain.append(tr)
    previous = parent
    for element in chain:
        if state is not None and closed_details(previous) and element.tag != "summary":
            state = None
        elif state is not None:
            state = look(element, state)
        if element is not tr:
            states[element] = state
        previous = element
    return True, state


def _grid(
    table: etree._Element,
    seen: Seen,
    budget: Budget,
    findings: list[Finding],
    number: int,
) -> list[list[str]]:
    """The rows of a table as the cells printed, one entry per cell.

    A cell spanning columns is one entry, as published (as in Word), so the
    positions it covers are never taken for blank figures after a row label;
    a position covered by a cell spanning rows from above is ``""`` (a
    label's group cell to the left, which the matcher passes over). A row or
    cell that is not shown (``display:none``…) is not in the grid; a cell
    whose text is hidden is an empty cell, in its place.
    """
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], int] = {}  # (row, column) covered → its width
    row_index = 0
    width = budget.limits.max_columns
    states: _States = {}
    hidden = collapsed_columns(table, width)  # a browser draws none of them
    for tr in table.iter("tr"):
        budget.take(1)
        budget.tick()
        own, row_seen = _row_state(tr, table, seen, states)
        if not own or row_seen is None:
            continue
        row: list[str] = []
        col = 0
        moved = rearranged(tr)
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            cell_seen = look(cell, row_seen)
            if cell_seen is None:
                continue
            while spans and (row_index, col) in spans:
                if col not in hidden:
                    row.append("")
                col += spans.pop((row_index, col))
            colspan = _span(cell.get("colspan"))
            if hidden and hidden.issuperset(range(col, col + colspan)):
                for dr in range(1, _span(cell.get("rowspan"))):
                    spans[(row_index + dr, col)] = colspan
                col += colspan
                continue
            notes = Notes()
            text = _checked(budget.limits, cell_text(cell, cell_seen, notes))
            if notes:
                findings += notes_findings(
                    f"第 {number} 个表格第 {row_index + 1} 行", text, notes
                )
            rowspan = _span(cell.get("rowspan"))
            if col >= width:
                # (counted where cells start: a last cell spanning far past
                # the table, `colspan="100"`, only widens what is shown)
                raise budget.limits.exceeded(
                    "max_columns", f"第 {row_index + 1} 行表格的列数", f"{col + 1} 以上"
                )
            row.append(text)
            for dr in range(1, rowspan):
                spans[(row_index + dr, col)] = colspan
            col += colspan
        while spans and (row_index, col) in spans:
            if col not in hidden:
                row.append("")
            col += spans.pop((row_index, col))
        if moved:
            findings += notes_findings(
                f"第 {number} 个表格第 {row_index + 1} 行",
                " ".join(c for c in row if c),
                Notes(rearranged=True),
            )
        rows.append(row)
        row_index += 1
    return rows


def _layout_tables(root: etree._Element, budget: Budget) -> set[etree._Element]:
    """The tables that lay a page out rather than hold figures: those with a
    table inside a cell that has more rows than they have (a CMS page whose
    one cell holds the title, the text and the statistics tables). Their
    cells are read as blocks, the tables inside them as tables. A table of
    figures with a small table in a cell (a header in two rows, two figures
    side by side) stays a table: the small one is read as the cell's text.

    Rows are counted once per table (the nearest table of each row), then
    each table's ancestors are climbed once: bounded by tables × depth.
    """
    rows: dict[etree._Element, int] = {}
    for tr in root.iter("tr"):
        budget.tick()
        parent = tr.getparent()
        while parent is not None and parent.tag != "table":
            parent = parent.getparent()
        if parent is not None:
            rows[parent] = rows.get(parent, 0) + 1
    layout: set[etree._Element] = set()
    for table, count in rows.items():
        budget.tick()
        parent = table.getparent()
        while parent is not None:
            if parent.tag == "table" and rows.get(parent, 0) < count:
                layout.add(parent)
            parent = parent.getparent()
    return layout


def _checked(limits: Limits, text: str) -> str:
    """``text``, when it is within ``max_line_chars``."""
    if len(text) > limits.max_line_chars:
        raise limits.exceeded(
            "max_line_chars", "一个段落或单元格的长度（字符）", len(text)
        )
    return text


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def html_items(
    html: str,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    findings: list[Finding] | None = None,
) -> list[Item]:
    """The text blocks and table rows of a page a person sees, in document order.

    Hidden and deleted text is left out (`_visibility.look`); marks
    (superscripts, subscripts, ruby annotations, form controls) are dropped
    and reversed text read as shown (`_html_text`), each with a finding
    appended to ``findings`` (when given). A table laying the page out
    (`_layout_tables`) is read as blocks, the tables in its cells as tables.

    Raises:
        ReadError: the page cannot be parsed.
        LimitExceededError: nesting deeper than ``max_html_depth``, more table
            rows than ``max_rows``, a row wider than ``max_columns``, a block
            longer than ``max_line_chars``, or the deadline passed.
    """
    limits = limits or DEFAULT_LIMITS
    found: list[Finding] = [] if findings is None else findings
    budget = Budget(limits, "max_rows", "表格行数", deadline=deadline, every=256)
    try:
        if not html.strip():
            return []
        # Counted before parsing: lxml builds every element, however small.
        limits.check_elements(html)
        # libxml2 stops at a depth of 256 unless told otherwise. The plain
        # parser: the tree lxml.html builds, without its Python class lookup
        # for every element the walk touches.
        parser = etree.HTMLParser(huge_tree=limits.max_html_depth > 255)
        root = etree.fromstring(html, parser)
        if root is None:
            raise etree.ParserError("Document is empty")  # as lxml.html says
    except (etree.ParserError, ValueError) as error:
        raise ReadError(f"无法解析 HTML：{error}") from None
    if deeper(root, limits.max_html_depth):
        raise limits.exceeded("max_html_depth", "HTML 元素的嵌套深度", depth(root))
    found += apply_style_sheets(root)
    layout = _layout_tables(root, budget)
    items: list[Item] = []
    tables = 0

    def paragraph(text: str, state: Seen) -> None:
        text = _checked(budget.limits, text)
        where = f"第 {len(items) + 1} 段"
        if state.mark:
            found.extend(notes_findings(where, "", Notes(marks=[(state.mark, text)])))
        elif (state.doubt or state.faint) and any(c.isdigit() for c in text):
            notes = Notes(doubts=[state.doubt] if state.doubt else [], faint=[text])
            found.extend(notes_findings(where, text, notes))
            items.append(Item(UNREAD, where, (UNREAD,)))
        else:
            items.append(Item(text, where, (text,)))

    # An explicit stack rather than recursion: (element, is its tail, the
    # state of its parent).
    stack: list[tuple[etree._Element, bool, Seen]] = [(root, False, SHOWN)]
    while stack:
        element, tail, parent = stack.pop()
        budget.tick()
        if tail:
            if parent.shown and element.tail and element.tail.strip():
                paragraph(" ".join(element.tail.split()), parent)
            continue
        seen = look(element, parent)
        if seen is None:
            continue
        tag = element.tag
        if tag == "table" and element not in layout:
            tables += 1
            for number, row in enumerate(
                _grid(element, seen, budget, found, tables), 1
            ):
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
        cells = styled_cells(element)
        if cells is not None:
            # a row of a table laid out by styles: its cells, as a table's
            _styled_row(cells, seen, budget.limits, items, found)
            continue
        has_block_child = any(
            isinstance(child.tag, str)
            and (child.tag in _BLOCKS or child.tag == "table")
            for child in element
        )
        if not has_block_child and (tag in _BLOCKS or seen.turn == "rtl"):
            # a block, or an override reversing its text (read whole, in the
            # order on the screen)
            notes = Notes()
            where = f"第 {len(items) + 1} 段"
            text = _checked(budget.limits, visible_text(element, seen, notes))
            for line in text.split("\n"):
                line = " ".join(line.split())
                if line:
                    items.append(Item(line, f"第 {len(items) + 1} 段", (line,)))
            if notes:
                found += notes_findings(where, " ".join(text.split()), notes)
            continue
        if closed_details(element):
            stack.extend(
                (c, False, seen) for c in reversed(element) if c.tag == "summary"
            )
            continue
        if seen.shown and element.text and element.text.strip() and tag != "html":
            paragraph(element.text.strip(), seen)
        for child in reversed(element):
            stack.append((child, True, seen))
            stack.append((child, False, seen))
    return items


def _styled_row(
    cells: list[etree._Element],
    seen: Seen,
    limits: Limits,
    items: list[Item],
    findings: list[Finding],
) -> None:
    """Append the row a ``display:table-row`` element shows (`styled_cells`)."""
    where = f"第 {len(items) + 1} 段"
    notes = Notes()
    row = []
    for cell in cells:
        cell_seen = look(cell, seen)
        if cell_seen is not None:
            row.append(_checked(limits, cell_text(cell, cell_seen, notes)))
    text = " ".join(c for c in row if c)
    if notes:
        findings += notes_findings(where, text, notes)
    if text:
        items.append(Item(text, where, row, is_table=True))


def _own_text(element: etree._Element, findings: list[Finding]) -> str:
    """The visible text of a block of a page `write_html` made.

    The writer never prints superscripts; one there was added later and is
    reported like any other footnote mark.
    """
    notes = Notes()
    text = visible_text(element, SHOWN, notes)
    if notes:
        where = f"<{element.tag!s}> 元素"
        findings += notes_findings(where, " ".join(text.split()), notes)
    return text


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
        # A page write_html made is read by its markup (see _html_own), with
        # the general reader's visible text and table expansion.
        own_findings: list[Finding] = []
        own = read_own_page(
            text,
            limits,
            deadline,
            grid_of=lambda table, budget: _grid(table, SHOWN, budget, own_findings, 1),
            text_of=lambda element: _own_text(element, own_findings),
            depth_of=depth,
            prepare=lambda root: own_findings.extend(apply_style_sheets(root)),
        )
        if own is not None:
            if own_findings:
                # A tampered page (a hidden cell, a footnote mark) keeps what
                # the walk found: the figures stand, the findings say why.
                own = attrs.evolve(
                    own,
                    reading_findings=(*own.reading_findings, *own_findings),  # type: ignore[arg-type]
                )
            own = check_report(own, given)
            if strict and own.reading_findings:
                raise ReadError(
                    f"读取时发现 {len(own.reading_findings)} 处问题",
                    problems=[f.message for f in own.reading_findings],
                )
            return own
        findings: list[Finding] = []
        items = html_items(text, limits, deadline, findings)
    except ReadError as error:
        raise with_source(error, source) from None
    return read_items(
        items,
        strict=strict,
        source=source,
        limits=limits,
        deadline=deadline,
        hints=given,
        reader_findings=findings,
    )
