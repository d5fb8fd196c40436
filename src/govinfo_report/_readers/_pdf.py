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

from govinfo_report._model import Report
from govinfo_report._readers._narrative import Item
from govinfo_report._readers._read import read_items
from govinfo_report._readers._table import is_page_marker
from govinfo_report.exceptions import ReadError

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


def pdf_items(data: bytes) -> list[Item]:
    """The table rows and text lines of a PDF, page by page in reading order."""
    pdfplumber = _pdfplumber()
    paragraphs = _Paragraphs()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many types for broken files
        raise ReadError(f"无法打开 PDF：{error}") from None
    with pdf:
        for page_number, page in enumerate(pdf.pages, 1):
            where = f"第 {page_number} 页"
            placed: list[tuple[float, Item | None, str | None]] = []
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            for table in tables:
                rows = table.extract()
                for row_index, (row, cells) in enumerate(
                    zip(rows, table.rows, strict=False)
                ):
                    texts = [
                        "" if c is None else " ".join(str(c).split("\n")) for c in row
                    ]
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
                placed.append((top, None, text))
            placed.sort(key=lambda p: p[0])
            paragraphs.page(placed, where)
    paragraphs.flush()
    return paragraphs.items


def read_pdf(
    path_or_bytes: str | Path | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
) -> Report:
    """Read a report from a text PDF (needs the ``pdf`` extra: pdfplumber).

    Raises:
        ReadError: pdfplumber is not installed (the message says what to
            install), the file cannot be opened; with ``strict``, the problems.
        NotAReportError: the PDF is not an annual report (or has no text layer).
    """
    if isinstance(path_or_bytes, bytes):
        data = path_or_bytes
    else:
        source = source or str(path_or_bytes)
        try:
            data = Path(path_or_bytes).read_bytes()
        except OSError as error:
            raise ReadError(
                f"无法读取文件：{error.strerror or error}", source=source
            ) from None
    items = pdf_items(data)
    return read_items(items, strict=strict, source=source)
