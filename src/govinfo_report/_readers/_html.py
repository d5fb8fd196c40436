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
from govinfo_report._readers._attachments import attachment_note
from govinfo_report._readers._decode import XML_DECLARATION, page_text
from govinfo_report._readers._hints import check_report
from govinfo_report._readers._hints import hints as _hints
from govinfo_report._readers._html_boxes import box_row, row_items
from govinfo_report._readers._html_cover import covers_finding
from govinfo_report._readers._html_grid import checked, table_grid
from govinfo_report._readers._html_own import read_own_page
from govinfo_report._readers._html_text import (
    UNREAD,
    Notes,
    cell_text,
    notes_findings,
    styled_cells,
    visible_text,
)
from govinfo_report._readers._html_tree import deeper, depth
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._mhtml import is_mhtml
from govinfo_report._readers._scripted import scripted_report, shown_by_scripts
from govinfo_report._readers._seen import SHOWN, Seen
from govinfo_report._readers._split import Item, trusted_item
from govinfo_report._readers._srcdoc import framed_finding, framed_page, in_frame
from govinfo_report._readers._stylesheet import apply_style_sheets
from govinfo_report._readers._text import split_cells, text_items
from govinfo_report._readers._visibility import (
    closed_details,
    look,
)
from govinfo_report.exceptions import NotAReportError, ReadError

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
    found += shown_by_scripts(root)
    found += covers_finding(root)
    layout = _layout_tables(root, budget)
    items: list[Item] = []
    tables = 0

    def paragraph(text: str, state: Seen) -> None:
        text = checked(budget.limits, text)
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
                table_grid(element, seen, budget, found, tables), 1
            ):
                # (a row of empty cells too: table 4's figures all blank)
                if len(row) > 1 or any(c.strip() for c in row):
                    items.append(
                        Item(
                            " ".join(c for c in row if c),
                            f"第 {tables} 个表格第 {number} 行",
                            row,
                            is_table=True,
                        )
                    )
            continue
        boxed = box_row(element) if seen.shown else None
        if boxed is not None:
            # a row of <div> cells a flex box or a grid shows in another order
            shown, said = row_items(boxed, seen, budget.limits, len(items) + 1)
            items += shown
            found += said
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
            text = checked(budget.limits, visible_text(element, seen, notes))
            if tag == "pre":
                # preformatted text keeps its tabs and runs of spaces on the
                # screen (a page's rendered text, a table pasted as text):
                # its lines are cut into cells as `read_text` cuts them
                pre_items = text_items(text, budget.limits, deadline)
                budget.take(len(pre_items))
                for pre_item in pre_items:
                    where = f"第 {len(items) + 1} 段"
                    items.append(trusted_item(pre_item.text, where, pre_item.cells))
            else:
                for line in text.split("\n"):
                    line = " ".join(line.split())
                    if line:
                        # a label and its figures in a paragraph (a table
                        # typed as text): the cells `read_text` sees
                        items.append(
                            Item(line, f"第 {len(items) + 1} 段", split_cells(line))
                        )
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
            row.append(checked(limits, cell_text(cell, cell_seen, notes)))
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
            (UTF-8, GBK, GB2312, GB18030). A saved web archive (MHTML,
            ``.mht``) is read by the page it holds.
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
            text = page_text(html, source)
        elif isinstance(html, str):
            limits.check_text_size(html, source=source)
            text = html
            if is_mhtml(html[:8192].encode("utf-8", "replace")):
                text = page_text(html.encode("utf-8", "replace"), source)
        else:
            raise TypeError(
                f"read_html() takes str or bytes, not {type(html).__name__}"
            )
        # An XHTML page's XML declaration (``<?xml … encoding="UTF-8"?>``) is a
        # comment to a browser; lxml refuses a str that carries one.
        text = XML_DECLARATION.sub("", text, count=1)
        deadline = limits.deadline(source)
        # A page write_html made is read by its markup (see _html_own), with
        # the general reader's visible text and table expansion.
        own_findings: list[Finding] = []
        own = read_own_page(
            text,
            limits,
            deadline,
            grid_of=lambda table, budget: table_grid(
                table, SHOWN, budget, own_findings, 1
            ),
            text_of=lambda element: _own_text(element, own_findings),
            depth_of=depth,
            prepare=lambda root: own_findings.extend(
                [*apply_style_sheets(root), *shown_by_scripts(root)]
            ),
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
    try:
        return read_items(
            items,
            strict=strict,
            source=source,
            limits=limits,
            deadline=deadline,
            hints=given,
            reader_findings=findings,
        )
    except NotAReportError as error:
        framed = framed_page(text)
        if framed is not None:
            # the browser shows the frame's own document: that is the report
            with in_frame():
                report = read_html(
                    framed,
                    source=source,
                    limits=limits,
                    year=year,
                    agency=agency,
                    format_version=format_version,
                )
            found = (framed_finding(), *report.reading_findings)
            if strict:
                raise ReadError(
                    f"读取时发现 {len(found)} 处问题",
                    problems=[f.message for f in found],
                    source=source,
                ) from None
            return attrs.evolve(report, reading_findings=found)  # type: ignore[arg-type]
        if not scripted_report(text):
            note = attachment_note(text)
            if not note:
                raise
            message = str(error).removeprefix(f"{error.source}: ")
            raise NotAReportError(message + note, source=source) from None
        # A browser shows what the script writes; without running it nothing
        # of the report is seen here, which is not "no report".
        raise ReadError(
            "网页的正文由脚本生成（报告文字在 <script> 中，本库不运行脚本），无法读取："
            "请用浏览器打开后另存为网页，或用 chromium --headless --dump-dom 保存渲染后的网页再读取 "
            "(the report is written by a script: save the rendered page and read that)",
            source=source,
            code="unsupported",
        ) from None
