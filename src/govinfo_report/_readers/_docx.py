"""read_docx(): a report from a Word document, ours or anyone's.

Word tables are turned into rows of cell texts and handed to the one
label-anchored table matcher the other readers share.

Over 500 lines: reading our own documents by style and anyone's through the
matcher share the opening, the bounded input and the block walk. A cell merged across
rows (``w:vMerge``) keeps its text in its top row and is ``""`` below, so a
figure is never repeated; a cell merged across columns (``w:gridSpan``) is
one cell, as published, so the positions it covers are not mistaken for
blank figures after a row label (`table_grid` gives the full grid)
(`govinfo_report._readers._assemble.match_grid`): tables are found by their
labels wherever they stand, label variants of spec §5 are accepted, and what
cannot be matched becomes a reading finding with its place.

A document this library wrote is recognised by its paragraph styles
(``报告标题``, ``报告一级标题``…) and its text is taken exactly by style, so
it reads back to an equal report. Any other document goes through the shared
section splitter, which finds the headings, the numbered sub-sections, the
agency, year and date of issue by their wording.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

import attrs
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from govinfo_report._build import from_cells
from govinfo_report._findings import Finding
from govinfo_report._format import (
    REPORT_TITLE_SUFFIX,
    AmountUnit,
    FormatVersion,
    SectionId,
    all_cell_specs,
    format_spec,
)
from govinfo_report._labels import normalize_label
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits, read_bounded
from govinfo_report._model import Narrative, Report, Subsection
from govinfo_report._ooxml import (
    Note,
    Style,
    TableLayout,
    active_layout,
    appeals_layout,
    body_blocks,
    check_package,
    document_looks,
    flat_to_zip,
    is_flat_package,
    open_word,
    paragraph_style_and_text,
    requests_layout,
    table_pieces,
    table_rows,
    text_boxes,
)
from govinfo_report._readers._assemble import build_report, match_grid
from govinfo_report._readers._cells import parse_value
from govinfo_report._readers._dates import issue_date
from govinfo_report._readers._docx_chunks import (
    chunk_items,
    chunk_part,
    named_in_chunk,
)
from govinfo_report._readers._docx_notes import chunk_finding, notes_findings
from govinfo_report._readers._docx_properties import PROPERTY_YEAR, checked_properties
from govinfo_report._readers._hints import check_report
from govinfo_report._readers._hints import hints as _hints
from govinfo_report._readers._items import read_items
from govinfo_report._readers._matcher import GridRow
from govinfo_report._readers._own_sections import SUBSECTION, section_of
from govinfo_report._readers._split import Item
from govinfo_report._values import CellValue, Mark
from govinfo_report.exceptions import LimitExceededError, ReadError

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO
"""A ``.docx`` to read: a file path, its bytes or a binary stream."""


@attrs.frozen
class _Block:
    """A paragraph (style name, text) or a table (its grid) of the body, in order.

    ``notes``: shown text not read as printed (superscripts, struck-through
    text…, `Note`), as (row from 1 and place in it from 1, or 0 and 0 for a
    paragraph; the text; the notes).
    ``chunk``: an embedded ``w:altChunk``; ``part``: what it embeds
    (`chunk_part`: a web page or a Word document), read in its place, None
    for any other (not read).
    """

    style: str
    text: str
    grid: tuple[tuple[str, ...], ...] | None = None
    notes: tuple[tuple[int, int, str, tuple[Note, ...]], ...] = ()
    chunk: bool = False
    part: tuple[str, bytes] | None = None


def table_grid(tbl: Any) -> list[list[str]]:
    """Expand a ``w:tbl`` into rows of cell texts, one entry per grid column.

    A cell spanning columns (``w:gridSpan``) or rows (``w:vMerge``) keeps its
    text in its top-left position; the positions it covers are ``""``.
    Cells skipped at the start or end of a row (``w:gridBefore``/``gridAfter``)
    are ``""`` too. Paragraphs inside a cell are joined by a space.
    """
    return [list(row) for row in table_rows(tbl)]


def _blocks(document: Any) -> Iterator[_Block]:
    """The body's blocks as a reader sees them (see `_ooxml._text`)."""
    styles = {s.style_id: s.name for s in document.styles}
    looks = document_looks(document)
    pending = [body_blocks(document.element.body)]
    while pending:
        kind_element = next(pending[-1], None)
        if kind_element is None:
            pending.pop()
            continue
        kind, element = kind_element
        if kind == "chunk":
            yield _Block("", "", chunk=True, part=chunk_part(document, element))
            continue
        if kind == "table":  # its rows, or the cells of a table laying it out
            pending.append(table_pieces(element))
            continue
        if kind == "cell":  # a cell of a frame table: read as a body is
            pending.append(body_blocks(element))
            continue
        if kind == "rows":
            notes: list[tuple[int, int, str, list[Note]]] = []
            rows = table_rows(element, expand_spans=False, looks=looks, notes=notes)
            grid = tuple(tuple(r) for r in rows)
            kept = tuple((n, c, t, tuple(m)) for n, c, t, m in notes)
            yield _Block("", "", grid, kept)
            continue
        noted: list[Note] = []
        style_id, text = paragraph_style_and_text(element, looks, noted)
        yield _Block(
            styles.get(style_id or "", ""),
            text,
            notes=((0, 0, text, tuple(noted)),) if noted else (),
        )
        boxes = text_boxes(element, looks)
        for box in reversed(boxes):
            pending.append(body_blocks(box))


def docx_items(
    document: Any,
    findings: list[Finding] | None = None,
    blocks: list[_Block] | None = None,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    nested: bool = False,
) -> list[Item]:
    """A document's paragraphs and table rows as reader items, in body order.

    A table row's cells are its ``w:tc`` texts (a cell spanning columns once;
    a position covered by a vertical merge ``""``). A finding for every note
    (`notes_findings`: superscripts, struck-through text…) and every embedded
    ``w:altChunk`` is appended to ``findings`` (when given). An embedded web
    page or Word document is read in its place (`chunk_items`,
    `_document_items`, within ``limits``); ``nested``: these are the items of
    an embedded document, whose own embedded documents are not read.
    """
    items: list[Item] = []
    found: list[Finding] = [] if findings is None else findings
    paragraphs = tables = 0
    for block in _blocks(document) if blocks is None else blocks:
        if block.chunk:
            number = paragraphs + tables + 1
            chunk = None
            limited = limits or DEFAULT_LIMITS
            if block.part is not None and block.part[0] == "page":
                chunk = chunk_items(block.part[1], number, limited, deadline, found)
            elif block.part is not None and not nested:
                chunk = _document_items(block.part[1], number, limited, deadline, found)
            if chunk is None:
                found.append(chunk_finding(number))
            else:
                items.extend(chunk)
            continue
        if block.grid is None:
            paragraphs += 1
            found.extend(notes_findings(block.notes, f"第 {paragraphs} 段", None))
            if block.text.strip():
                items.append(Item(block.text, f"第 {paragraphs} 段", (block.text,)))
            continue
        tables += 1
        found.extend(notes_findings(block.notes, f"第 {tables} 个表格", block.grid))
        for number, row in enumerate(block.grid, start=1):
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
    return items


def _document_items(
    data: bytes,
    number: int,
    limits: Limits,
    deadline: Deadline | None,
    findings: list[Finding],
) -> list[Item] | None:
    """The items of a Word document a ``w:altChunk`` embeds whole, their
    places named ``嵌入文档（正文第 N 块）…``; None when it is no readable Word
    document (the caller reports the chunk as unread).

    Raises:
        LimitExceededError: the document is beyond a limit of ``limits``.
    """
    try:
        check_package(
            data, source=None, limits=limits, deadline=deadline or limits.deadline(None)
        )
        document = _open(data, None)
    except LimitExceededError:
        raise
    except ReadError:
        return None
    found: list[Finding] = []
    items = docx_items(document, found, None, limits, deadline, nested=True)
    place = f"嵌入文档（w:altChunk，正文第 {number} 块）"
    return named_in_chunk(items, found, place, findings)


def read_docx(
    source: Source,
    *,
    strict: bool = False,
    limits: Limits | None = None,
    year: int | None = None,
    agency: str | None = None,
    format_version: FormatVersion | str | None = None,
) -> Report:
    """Read a report from a Word document (``.docx``).

    Reads back every file `write_docx` makes to an equal report, and reads
    reports made by others that follow the format: tables found by their
    labels wherever they stand, merged cells expanded, label variants
    accepted, cells kept as published (blank, ``/``, ``—``, thousands
    separators), the narrative split by its headings, agency, year and date
    taken from the title and the ending. What cannot be matched is listed in
    ``report.reading_findings`` with its place (table, row).

    Args:
        source: a file path, the file's bytes (``bytes``, ``bytearray``,
            ``memoryview``, as `read_pdf` takes) or a binary stream (read
            from its start).
        strict: raise `ReadError` on any reading problem instead of listing it.
        limits: the limits to read within (`DEFAULT_LIMITS` when None):
            ``max_input_bytes``, ``max_zip_entries``, ``max_unpacked_bytes``
            (declared and actually unpacked), ``max_rows`` (table rows and
            paragraphs), ``max_seconds``. The package is checked before
            python-docx parses any of it (see ``docs/word.md``).
        year, agency, format_version: what the caller knows of the report
            (a listing page, a scraper): used where the document does not
            state it, checked where it does (a disagreement is a
            ``METADATA_MISMATCH`` finding; the document's value is kept).

    Raises:
        TypeError: ``source`` is none of the above (a ``str`` is a path).
        ReadError: the file is not a Word document (an old ``.doc``, an
            encrypted file, not a zip…), is broken or unsafe (entry names
            leaving the package, a ``DOCTYPE`` in an XML part); with
            ``strict``, the reading problems. `NotAReportError` when it is not
            an annual report.
        LimitExceededError: the file is beyond a limit of ``limits`` (the
            message names it and how to raise it).

    >>> import io
    >>> from govinfo_report import example_report, write_docx
    >>> buffer = io.BytesIO()
    >>> write_docx(example_report(), buffer)
    >>> read_docx(buffer) == example_report()
    True
    """
    given = _hints(year, agency, format_version)
    limits = limits or DEFAULT_LIMITS
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    deadline = limits.deadline(name)
    data = _input_bytes(source, name, limits)
    if is_flat_package(data[:4096]):  # Word's single-file XML document
        data = flat_to_zip(data, limits, name)
    check_package(data, source=name, limits=limits, deadline=deadline)
    document = _open(data, name)
    deadline.check("打开文档之后")
    blocks = list(_blocks(document))
    own = None
    if (
        any(b.style == Style.TITLE.value and b.text.strip() for b in blocks)
        and any(b.style == Style.HEADING_1.value for b in blocks)
        and not any(b.notes or b.chunk for b in blocks)
    ):
        own = _read_own(document, blocks)
    if own is not None:
        report = check_report(own, given)
    else:
        findings: list[Finding] = []
        items = docx_items(document, findings, blocks, limits, deadline)
        report = read_items(
            items,
            strict=False,
            source=name,
            limits=limits,
            deadline=deadline,
            hints=given,
            reader_findings=findings,
        )
    report = checked_properties(report, document.core_properties)
    if strict and report.reading_findings:
        raise ReadError(
            f"读取时发现 {len(report.reading_findings)} 处问题",
            source=name,
            code="incomplete",
            problems=[f.message for f in report.reading_findings],
        )
    return report


def _input_bytes(source: Source, name: str | None, limits: Limits) -> bytes:
    """The whole input, read once (read-only) and never beyond ``max_input_bytes``."""
    if isinstance(source, (str, os.PathLike)):
        return read_bounded(
            source,
            limits,
            source=name,
            cannot_read="无法读取文件 (cannot read file): ",
        )
    if isinstance(source, (bytes, bytearray, memoryview)):
        limits.check_size(len(source), source=name)
        return bytes(source)
    if not callable(getattr(source, "read", None)):
        raise TypeError(
            "read_docx() 需要文件路径、文件的字节或二进制流 (takes a path, bytes or"
            f" a binary file), not {type(source).__name__}"
        )
    try:
        seekable = getattr(source, "seekable", None)
        if callable(seekable) and seekable():
            source.seek(0)
        data = source.read(limits.max_input_bytes + 1)
    except OSError as error:
        raise ReadError(
            f"无法读取文件 (cannot read file): {error.strerror or error}",
            source=name,
            code="io_error",
        ) from None
    if not isinstance(data, bytes):
        raise ReadError(
            "不是 Word 文档（.docx）：输入不是二进制流 (not a binary stream)",
            source=name,
        )
    limits.check_size(len(data), source=name)
    return data


def _open(data: bytes, name: str | None) -> Any:
    try:
        return open_word(data)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        NotImplementedError,
        RuntimeError,
        EOFError,
        zlib.error,
        etree.LxmlError,
    ) as error:
        raise ReadError(
            f"不是可读的 Word 文档（.docx）(not a readable .docx): {error}", source=name
        ) from None


# ------------------------------------------------------------ our own documents


def _read_own(document: Any, blocks: list[_Block]) -> Report | None:
    """A document written by `write_docx`: text by style; figures by the writer's
    layout when the tables are exactly ours, else by the shared matcher.

    None when the agency or year cannot be seen where the writer puts them
    (hidden, painted out): the general reader then looks for them and reports.
    """
    title = next(b.text for b in blocks if b.style == Style.TITLE.value)
    preface: list[str] = []
    signature: list[str] = []
    narratives: dict[SectionId, tuple[list[str], list[tuple[str, list[str]]]]] = {}
    grid: list[GridRow] = []
    current: SectionId | None = None
    version = FormatVersion.V2021
    tables = paragraphs = 0
    for block in blocks:
        if block.grid is not None:
            tables += 1
            grid.extend(
                GridRow(row, f"第 {tables} 个表格第 {n} 行")
                for n, row in enumerate(block.grid, start=1)
            )
            continue
        paragraphs += 1
        if block.style == Style.HEADING_1.value:
            heading = section_of(block.text)
            current = heading[0] if heading else None
            if heading and heading[1] is not None:
                version = heading[1]
            if current is not None and current not in narratives:
                narratives[current] = ([], [])
            grid.append(GridRow((block.text,), f"第 {paragraphs} 段"))
        elif block.style == Style.SIGNATURE.value:
            signature.append(block.text)
        elif block.style == Style.HEADING_2.value and current is not None:
            match = SUBSECTION.match(block.text)
            sub_title = block.text[match.end() :] if match else block.text
            narratives[current][1].append((sub_title, []))
        elif block.style == Style.BODY.value and block.text:
            if current is None:
                preface.append(block.text)
            else:
                leading, subs = narratives[current]
                (subs[-1][1] if subs else leading).append(block.text)
    core = document.core_properties
    metadata = _own_metadata(title, signature, core)
    if metadata is None:
        return None
    agency, year, day = metadata
    standard = f"{agency}{year}{REPORT_TITLE_SUFFIX}"
    kwargs: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "date_of_issue": day,
        "title": None if title == standard else title,
        "preface": preface,
        "overview": _narrative(narratives, SectionId.OVERVIEW),
        "problems": _narrative(narratives, SectionId.PROBLEMS),
        "other_matters": _narrative(narratives, SectionId.OTHER_MATTERS),
    }
    exact = _read_own_tables([b.grid for b in blocks if b.grid is not None], version)
    if exact is not None:
        values, requests, unit = exact
        return from_cells(
            values,
            format_version=version,
            requests_layout=requests,
            as_published=True,
            amount_unit=unit,
            **kwargs,
        )
    found = match_grid(grid, year=year)
    return build_report(found, **kwargs)


def _narrative(
    narratives: dict[SectionId, tuple[list[str], list[tuple[str, list[str]]]]],
    section: SectionId,
) -> Narrative:
    leading, subs = narratives.get(section, ([], []))
    return Narrative(
        paragraphs=leading,
        subsections=[Subsection(title=t, paragraphs=p) for t, p in subs],
    )


def _read_own_tables(
    grids: list[tuple[tuple[str, ...], ...] | None], version: FormatVersion
) -> tuple[dict[str, CellValue], FormatVersion, AmountUnit | None] | None:
    """The figures of our own three tables, read by the layout the writer used.

    Every label cell must hold exactly the label the layout puts there and
    every row the layout's number of cells; then each figure cell is read in
    its place (a blank first figure cannot be mistaken for a filler cell, as
    a label-anchored match must allow for in others' tables). None when the
    tables are not exactly ours (edited by hand…): the matcher reads them.
    """
    if len(grids) != 3:
        return None
    spec = format_spec(version)
    # the writer prints a published amount unit in its header (2019 表二)
    units = (None, *AmountUnit) if spec.active.published_unit else (None,)
    active = None
    unit: AmountUnit | None = None
    for unit in units:
        active = _positional(
            grids[0], active_layout(spec.active, _blanks(spec.active.cells), unit)
        )
        if active is not None:
            break
    appeals = _positional(
        grids[2], appeals_layout(spec.appeals, _blanks(spec.appeals.cells))
    )
    if active is None or appeals is None:
        return None
    layouts = [version] if version is FormatVersion.V2019 else list(FormatVersion)[::-1]
    for layout in layouts:
        table = format_spec(layout).requests
        requests = _positional(grids[1], requests_layout(table, _blanks(table.cells)))
        if requests is not None:
            return {**active, **requests, **appeals}, layout, unit
    return None


def _blanks(cells: tuple[Any, ...]) -> list[CellValue]:
    return [Mark.BLANK] * len(cells)


def _positional(
    grid: tuple[tuple[str, ...], ...] | None, layout: TableLayout
) -> dict[str, CellValue] | None:
    if grid is None or len(grid) != len(layout.rows):
        return None
    kinds = {c.id: c.kind for c in all_cell_specs().values()}
    values: dict[str, CellValue] = {}
    for texts, row in zip(grid, layout.rows, strict=True):
        if len(texts) != len(row.cells):
            return None
        for text, cell in zip(texts, row.cells, strict=True):
            if cell.cell_id is None:
                if text != cell.text:
                    return None
                continue
            if len(text.split()) > 1:
                return None  # two pieces (`parse_value` would join "12 68")
            value = parse_value(text, kinds[cell.cell_id])
            if value is None:
                return None
            values[cell.cell_id] = value
    return values


def _own_metadata(
    title: str, signature: list[str], core: Any
) -> tuple[str, int, date | None] | None:
    """Agency, year and date of issue of a document `write_docx` made.

    The agency is the signature (the first ``报告落款`` paragraph), the date the
    second; the year comes from the visible title, else (a title naming no
    year) from the document's subject, which the writer sets to
    ``<YYYY>年政府信息公开工作年度报告``. None when the year or the agency
    is not there.
    """
    day = None
    if len(signature) > 1:
        numbers = issue_date(normalize_label(signature[-1]))
        if numbers is not None:
            try:
                day = date(*numbers)
            except ValueError:  # no such day (2026年2月30日): no date of issue
                day = None
    agency = signature[0] if signature else ""
    # The visible title first; the subject property (which the writer sets to
    # ``<YYYY>年政府信息公开工作年度报告``) only when the title has no year:
    # properties are often left over from another year's file.
    year_match = re.search(r"(\d{4})" + re.escape(REPORT_TITLE_SUFFIX) + "$", title)
    if year_match is None:
        year_match = PROPERTY_YEAR.search(title)
    if year_match is None:
        year_match = re.match(
            r"^(\d{4})" + re.escape(REPORT_TITLE_SUFFIX) + "$", core.subject or ""
        )
    if year_match is None:
        return None
    year = int(year_match.group(1))
    if not agency.strip():
        agency = title.removesuffix(f"{year}{REPORT_TITLE_SUFFIX}")
    return (agency, year, day) if agency.strip() else None
