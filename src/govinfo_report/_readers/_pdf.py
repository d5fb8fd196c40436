"""read_pdf(): text PDFs as agencies export them (WPS, Word, LibreOffice).

pdfplumber (the ``pdf`` extra) finds the ruled tables on each page and gives
their cells, wrapped labels and vertical group cells included, as a grid; the
text outside the tables is taken line by line. Lines of a paragraph wrapped by
the page width are joined again. Everything is then read like any other copy.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from govinfo_report._findings import shortened
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits, read_bounded
from govinfo_report._model import Report
from govinfo_report._readers._cells import is_page_marker
from govinfo_report._readers._items import read_items, with_source
from govinfo_report._readers._pdf_guard import bounded_pages, find_tables
from govinfo_report._readers._pdf_streams import bounded_decoding
from govinfo_report._readers._split import Item
from govinfo_report.exceptions import GovinfoReportError, ReadError

__all__ = ["pdf_items", "read_pdf"]

_INSTALL = "读取 PDF 需要 pdfplumber：pip install 'govinfo-report[pdf]'"
_NEW_PARAGRAPH = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(_INSTALL) from None
    return pdfplumber


def _lines(words: list[dict[str, Any]]) -> list[tuple[float, str]]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        text = ""
        last_x1: float | None = None
        for word in line:
            if last_x1 is not None:
                gap = word["x0"] - last_x1
                text += "  " if gap > 12 else ("" if gap < 2 else " ")
            text += word["text"]
            last_x1 = word["x1"]
        out.append((line[0]["top"], text))
    return out


class _Paragraphs:
    """Text lines joined into paragraphs again, across page breaks too.

    A line ends its paragraph when it is short (the last line of a paragraph
    does not reach the margin) or the next line starts a numbered heading or
    follows a full stop or colon. A paragraph still open at the end of a page
    (its last line ran to the margin) continues on the next page unless that
    page starts with a table row or a new paragraph.
    """

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.lines: list[str] = []
        self.where = ""

    def flush(self) -> None:
        if self.lines:
            text = "".join(self.lines)
            self.items.append(Item(text, self.where, (text,)))
            self.lines.clear()

    def page(
        self, placed: list[tuple[float, Item | None, str | None]], where: str
    ) -> None:
        for _top, item, line_text in placed:
            if item is not None:
                self.flush()
                self.items.append(item)
                continue
            line = (line_text or "").strip()
            if not line or is_page_marker(line):
                continue
            ends = self.lines and self.lines[-1].endswith(("。", "：", ":"))
            if _NEW_PARAGRAPH.match(line) or ends:
                self.flush()
            if not self.lines:
                self.where = where
            self.lines.append(line)
            if len(line) < 20 and not line.endswith(("，", "、")):
                self.flush()


def _open(pdfplumber: Any, data: bytes) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many types for broken files
        cause = error.args[0] if error.args else error
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name:
            raise ReadError(
                "PDF 已加密，需要密码才能打开 (encrypted PDF)：请向发布机关索取未加密的"
                "文件，或用知道的密码解除加密后再读取"
            ) from None
        raise ReadError(
            f"无法打开 PDF，文件损坏或不完整：{name}: {shortened(str(cause), 200)}"
        ) from None


def _count_pages(pdf: Any, limits: Limits) -> int:
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _page in PDFPage.create_pages(pdf.doc):
        count += 1
        if count > limits.max_pdf_pages:
            raise limits.exceeded("max_pdf_pages", "PDF 页数", f"{count} 以上")
    return count


def pdf_items(
    data: bytes, limits: Limits | None = None, deadline: Deadline | None = None
) -> list[Item]:
    """The table rows and text lines of a PDF, page by page in reading order.

    pdfminer decodes no stream before it is checked against
    ``max_unpacked_bytes`` (see `bounded_decoding`), and stops making the
    objects of a page past ``max_pdf_objects_per_page`` (see
    `bounded_pages`), and pdfplumber looks for no table on a page of more
    than ``max_pdf_table_grid`` vertical × horizontal lines (see
    `find_tables`).

    Raises:
        ReadError: pdfplumber is missing; the PDF is encrypted, broken or
            has no text layer (a scan: the message suggests OCR).
        LimitExceededError: its compressed streams unpack to more than
            ``max_unpacked_bytes``, more pages than ``max_pdf_pages``, a page
            of more objects than ``max_pdf_objects_per_page``, a page of more
            ruling lines than ``max_pdf_table_grid`` (vertical × horizontal),
            more table rows than ``max_rows``, a line longer than
            ``max_line_chars``, or the deadline passed (checked between pages,
            while streams are unpacked, while a page is interpreted and
            before and after its tables are looked for).
    """
    limits = limits or DEFAULT_LIMITS
    pdfplumber = _pdfplumber()
    with bounded_decoding(limits, deadline), bounded_pages(limits, deadline):
        pdf = _open(pdfplumber, data)
        try:
            with pdf:
                return _read_pages(pdf, limits, deadline)
        except GovinfoReportError:
            raise
        except Exception as error:  # pdfminer, on a broken or cut-off file
            raise ReadError(
                f"PDF 文件损坏或不完整，无法读取：{type(error).__name__}: {error}"
            ) from None


def _read_pages(pdf: Any, limits: Limits, deadline: Deadline | None) -> list[Item]:
    pages = _count_pages(pdf, limits)
    paragraphs = _Paragraphs()
    rows = chars = images = 0
    for page_number, page in enumerate(pdf.pages, 1):
        where = f"第 {page_number} 页"
        if deadline is not None:
            deadline.check(where)
        chars += len(page.chars)
        images += len(page.images)
        if not page.chars:
            continue
        placed: list[tuple[float, Item | None, str | None]] = []
        tables = find_tables(page, limits, deadline, where)
        boxes = [t.bbox for t in tables]
        for table in tables:
            table_rows = table.extract()
            rows += len(table_rows)
            if rows > limits.max_rows:
                raise limits.exceeded("max_rows", "PDF 表格行数", f"{rows} 以上")
            for row_index, (row, cells) in enumerate(
                zip(table_rows, table.rows, strict=False)
            ):
                texts = ["" if c is None else " ".join(str(c).split("\n")) for c in row]
                filled = [t for t in texts if t.strip()]
                if not filled:
                    continue
                top = cells.bbox[1] if cells.bbox else table.bbox[1] + row_index
                if len(filled) == 1:
                    placed.append((top, None, filled[0]))
                else:
                    placed.append(
                        (
                            top,
                            Item(
                                " ".join(filled),
                                f"{where}表格第 {row_index + 1} 行",
                                texts,
                                is_table=True,
                            ),
                            None,
                        )
                    )

        def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        words = page.filter(outside).extract_words(
            keep_blank_chars=False, x_tolerance=1.5
        )
        for top, text in _lines(words):
            if len(text) > limits.max_line_chars:
                raise limits.exceeded(
                    "max_line_chars", f"{where}一行的长度（字符）", len(text)
                )
            placed.append((top, None, text))
        placed.sort(key=lambda p: p[0])
        paragraphs.page(placed, where)
        page.flush_cache()
    paragraphs.flush()
    if chars == 0:
        what = f"共 {pages} 页" + (f"，{images} 幅图像" if images else "")
        raise ReadError(
            f"PDF 没有文字层（{what}），可能是扫描件或图片：请先用 OCR 识别文字"
            "（例如 ocrmypdf --language chi_sim），再读取 (no text layer: OCR it first)"
        )
    return paragraphs.items


def read_pdf(
    path_or_bytes: str | Path | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
) -> Report:
    """Read a report from a text PDF (needs the ``pdf`` extra: pdfplumber).

    The file is opened read-only and never changed.

    Args:
        path_or_bytes: a file name or the PDF's bytes.
        strict: raise `ReadError` on any reading problem.
        source: a name for messages (the file name by default).
        limits: the limits to read within (`DEFAULT_LIMITS` when None):
            ``max_input_bytes``, ``max_unpacked_bytes`` (all compressed
            streams together, checked before pdfminer unpacks each),
            ``max_pdf_pages``, ``max_pdf_objects_per_page`` (counted as
            pdfminer interprets the page), ``max_pdf_table_grid`` (vertical
            × horizontal ruling lines of a page, counted before its tables
            are looked for), ``max_rows``, ``max_line_chars``,
            ``max_seconds`` (checked between pages, while unpacking, while a
            page is interpreted and before and after its tables are looked
            for).

    Raises:
        ReadError: pdfplumber is not installed (the message says what to
            install); the file cannot be opened, is encrypted, broken or cut
            off; it has no text layer (a scan: the message suggests OCR); with
            ``strict``, the problems.
        NotAReportError: the PDF is not an annual report.
        LimitExceededError: the PDF is beyond a limit (the message names it
            and how to raise it).
    """
    limits = limits or DEFAULT_LIMITS
    if isinstance(path_or_bytes, bytes):
        data = path_or_bytes
        limits.check_size(len(data), source=source)
    else:
        source = source or str(path_or_bytes)
        data = read_bounded(path_or_bytes, limits, source=source)
    deadline = limits.deadline(source)
    try:
        items = pdf_items(data, limits, deadline)
    except ReadError as error:
        raise with_source(error, source) from None
    return read_items(
        items, strict=strict, source=source, limits=limits, deadline=deadline
    )
