"""read_pdf(): text PDFs as agencies export them (WPS, Word, LibreOffice).

PDFium (``pypdfium2``, the ``pdf`` extra) gives the characters a person sees
on each page and the ruling lines (`_pdf_engine`, run in a worker process with
bounded memory: `_pdf_process`); the ruled tables become grids of cells,
wrapped labels and vertical group cells included, and the text outside them
lines (`_pdf_layout`). Lines of a paragraph wrapped by the page width are
joined again. Everything is then read like any other copy; what the pages
hid (text under a box, white on white, glyphs cut by a cell boundary) is
reported as findings.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import FormatVersion
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits, read_bounded
from govinfo_report._model import Report
from govinfo_report._readers._cells import is_page_marker, reading_finding
from govinfo_report._readers._hints import hints as _hints
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._pdf_blanks import Carried
from govinfo_report._readers._pdf_layout import COLUMN_GAP, Placed, lay_out
from govinfo_report._readers._pdf_process import engine_pages
from govinfo_report._readers._pdf_radicals import as_ideographs
from govinfo_report._readers._pdf_scale import at_print_size
from govinfo_report._readers._pdf_seam import (
    continuation,
    fits,
    has_digit,
    joined,
    label_rest,
)
from govinfo_report._readers._pdf_sheets import parts
from govinfo_report._readers._split import Item, trusted_item
from govinfo_report._readers._text import split_cells
from govinfo_report.exceptions import ReadError

__all__ = ["pdf_content", "pdf_items", "read_pdf"]
_NEW_PARAGRAPH = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)


_MOST_ROWS = 4096
"""Table rows remembered to tell a repeated header row (bounded memory)."""


class _Paragraphs:
    """Text lines joined into paragraphs again, across page breaks too.

    A line ends its paragraph when it is short (the last line of a paragraph
    does not reach the margin) or the next line starts a numbered heading or
    follows a full stop or colon. A paragraph still open at the end of a page
    (its last line ran to the margin) continues on the next page unless that
    page starts with a table row or a new paragraph.

    A line with a column gap (`COLUMN_GAP`: the layout's two spaces for a
    gap wider than a character) is a row of a table drawn without rulings
    (a web page printed to PDF, a three-line table): it stands alone, never
    joined to the line before or after, so that a header and its first row,
    or two rows, do not become one "paragraph".
    """

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.lines: list[str] = []
        self.where = ""
        # the index in `items` of the last table row of the page before, when
        # nothing but page numbers followed it: a page break may have cut it
        self.cut: int | None = None
        self.rows: set[tuple[str, ...]] = (
            set()
        )  # the table rows so far (headers repeat)

    def flush(self) -> None:
        if self.lines:
            text = "".join(self.lines)
            self.items.append(trusted_item(text, self.where, (text,)))
            self.lines.clear()

    def page(self, placed: list[Placed], where: str) -> None:
        cut, self.cut = self.cut, None
        for _top, item, line_text in placed:
            if item is not None:
                self.flush()
                if cut is not None:
                    if (continuation(item) and fits(self.items[cut], item)) or (
                        label_rest(self.items[cut], item)
                    ):
                        self.items[cut] = joined(self.items[cut], item)
                        cut = None
                        continue
                    if has_digit(item) or item.cells not in self.rows:
                        # a row of its own, or a new table: the row was whole
                        cut = None
                self.items.append(item)
                if len(self.rows) < _MOST_ROWS:
                    self.rows.add(item.cells)
                self.cut = len(self.items) - 1
                continue
            line = (line_text or "").strip()
            if not line or is_page_marker(line):
                continue
            cut = self.cut = None
            if COLUMN_GAP in line:
                self.flush()
                # its cells as a flattened text's line splits into them
                self.items.append(trusted_item(line, where, split_cells(line)))
                continue
            ends = self.lines and self.lines[-1].endswith(("。", "：", ":"))
            if _NEW_PARAGRAPH.match(line) or ends:
                self.flush()
            if not self.lines:
                self.where = where
            self.lines.append(line)
            if len(line) < 20 and not line.endswith(("，", "、")):
                self.flush()


def pdf_content(
    data: bytes, limits: Limits | None = None, deadline: Deadline | None = None
) -> tuple[list[Item], list[Finding]]:
    """The table rows and text lines of a PDF in reading order, and the findings of its pages.

    PDFium reads the PDF in a worker process whose memory is bounded (see
    `_pdf_process`); the pages are laid out here (see `_pdf_layout`).

    Raises:
        MissingDependencyError: pypdfium2 is missing.
        ReadError: the PDF is encrypted, broken, has no text layer (a scan:
            the message suggests OCR), or a page's text is turned (rotated
            within the page) so that it cannot be read in order.
        LimitExceededError: ``max_pdf_pages``, ``max_pdf_objects_per_page``,
            ``max_unpacked_bytes`` (what the engine may allocate),
            ``max_pdf_table_grid``, ``max_rows``, ``max_line_chars`` or
            ``max_seconds`` (checked between pages and while a page is read).
    """
    limits = limits or DEFAULT_LIMITS
    paragraphs = _Paragraphs()
    findings: list[Finding] = []
    rows = chars = images = pages = 0
    carried = Carried()  # a table without rulings continued on the next page
    with engine_pages(data, limits, deadline) as engine:
        for page in engine:
            pages += 1
            where = f"第 {page['number'] + 1} 页"
            if deadline is not None:
                deadline.check(where)
            seen, turned = len(page["chars"]), len(page["turned"])
            chars += seen + turned + len(page["hidden"])
            images += int(page["images"])
            ocr = int(page.get("ocr", 0))
            if ocr:
                findings.append(
                    reading_finding(
                        FindingKind.UNREAD_LINE,
                        where,
                        f"本页是扫描图像，读取的是图像上不可见的 OCR 文字层（{ocr} 个字）："
                        "数字是 OCR 识别的结果，可能认错，请与图像核对 (OCR text layer)",
                        severity=Severity.WARNING,
                    )
                )
            if turned > seen:
                raise ReadError(
                    f"{where}的文字是旋转排版的（{turned} 个字符与页面不成直角），"
                    "无法按行可靠读取：请把该页转正后再读取 (rotated text)",
                    code="unsupported",
                )
            if not page["chars"]:
                carried = Carried()  # (no table runs on across a page with no text)
                findings += lay_out(page, where, limits)[1]
                continue
            # (Kangxi radicals in the text layer: the ideographs drawn)
            page["chars"] = as_ideographs(page["chars"])
            # two or four pages printed on one sheet: each in reading order
            for part, place in parts(page):
                at = where + place
                # (a page shrunk when printed: at the size of its text, `_pdf_scale`)
                placed, page_findings, page_rows = lay_out(
                    at_print_size(part), at, limits, carried
                )
                if deadline is not None:
                    deadline.check(where)
                findings += page_findings
                rows += page_rows
                if rows > limits.max_rows:
                    raise limits.exceeded("max_rows", "PDF 表格行数", f"{rows} 以上")
                paragraphs.page(placed, at)
    paragraphs.flush()
    if chars == 0:
        what = f"共 {pages} 页" + (f"，{images} 幅图像" if images else "")
        raise ReadError(
            f"PDF 没有文字层（{what}），可能是扫描件或图片：请先用 OCR 识别文字"
            "（例如 ocrmypdf --language chi_sim），再读取 (no text layer: OCR it first)",
            code="unsupported",
        )
    return paragraphs.items, findings


def pdf_items(
    data: bytes, limits: Limits | None = None, deadline: Deadline | None = None
) -> list[Item]:
    """The table rows and text lines of a PDF, page by page in reading order.

    See `pdf_content` (which also gives the findings of the pages).
    """
    return pdf_content(data, limits, deadline)[0]


def read_pdf(
    path_or_bytes: str | Path | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
    year: int | None = None,
    agency: str | None = None,
    format_version: FormatVersion | str | None = None,
) -> Report:
    """Read a report from a text PDF (needs the ``pdf`` extra: pypdfium2).

    Only what a person sees is read: text drawn invisible, in the colour of
    what lies under it, under an opaque box, clipped away or outside the crop
    box is left out, and a glyph drawn twice (fake bold) is one; a table cell
    that held such text, and a glyph across a cell boundary, are findings
    (see ``docs/pdf.md``). The file is opened read-only and never changed.

    Args:
        path_or_bytes: a file name or the PDF's bytes.
        strict: raise `ReadError` on any reading problem.
        source: a name for messages (the file name by default).
        limits: the limits to read within (`DEFAULT_LIMITS` when None):
            ``max_input_bytes``, ``max_unpacked_bytes`` (the address space
            the PDF engine's worker process may use), ``max_pdf_pages``,
            ``max_pdf_objects_per_page`` (counted once PDFium has loaded the
            page), ``max_pdf_table_grid`` (vertical × horizontal ruling lines
            of a page, counted before its tables are looked for),
            ``max_rows``, ``max_line_chars``, ``max_seconds`` (checked while
            each page is awaited, the worker killed past it, and after each
            page's layout).
        year, agency, format_version: what the caller knows of the report
            (a listing page, a scraper): used where the document does not
            state it, checked where it does (a disagreement is a
            ``METADATA_MISMATCH`` finding; the document's value is kept).

    Raises:
        MissingDependencyError: pypdfium2 is not installed (the message says
            what to install).
        ReadError: the file cannot be opened, is encrypted, broken or cut
            off; it has no text layer (a scan: the message suggests OCR); a
            page's text is turned on the page; with ``strict``, the problems.
        NotAReportError: the PDF is not an annual report.
        LimitExceededError: the PDF is beyond a limit (the message names it
            and how to raise it).
    """
    given = _hints(year, agency, format_version)
    limits = limits or DEFAULT_LIMITS
    if isinstance(path_or_bytes, bytes):
        data = path_or_bytes
        limits.check_size(len(data), source=source)
    else:
        source = source or str(path_or_bytes)
        data = read_bounded(path_or_bytes, limits, source=source)
    deadline = limits.deadline(source)
    try:
        items, findings = pdf_content(data, limits, deadline)
    except ReadError as error:
        raise with_source(error, source) from None
    report = read_items(
        items,
        strict=False,
        source=source,
        limits=limits,
        deadline=deadline,
        hints=given,
    )
    if findings:
        combined: tuple[Finding, ...] = (*findings, *report.reading_findings)
        # (converter=tuple: mypy sees the converter's Iterable[_T_co], as in _assemble)
        report = attrs.evolve(report, reading_findings=combined)  # type: ignore[arg-type]
    if strict and report.reading_findings:
        raise ReadError(
            f"读取时发现 {len(report.reading_findings)} 处问题",
            source=source,
            problems=[f.message for f in report.reading_findings],
        )
    return report
