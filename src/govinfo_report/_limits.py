"""Limits on what a reader will take in: size, depth, rows, pages, time.

Every reader refuses input beyond a limit fast, with `LimitExceededError`
naming the limit and how to raise it, instead of running out of memory or
time. `DEFAULT_LIMITS` suits published annual reports (a few pages, a few
hundred lines) with a wide margin; pass ``limits=Limits(...)`` to a reader to
change any of them:

>>> from govinfo_report import Limits
>>> Limits().max_pdf_pages
200
>>> roomy = Limits(max_pdf_pages=2_000, max_seconds=600)
>>> roomy.max_pdf_pages, roomy.max_input_bytes == Limits().max_input_bytes
(2000, True)
>>> Limits(max_rows=0)
Traceback (most recent call last):
...
ValueError: Limits.max_rows 必须是正数 (must be positive), 不是 0
"""

from __future__ import annotations

import os
import stat
import time
from typing import IO, Any

import attrs

from govinfo_report.exceptions import GovinfoReportError, LimitExceededError, ReadError


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(
            f"Limits.{attribute.name} 必须是正数 (must be positive), 不是 {value!r}"
        )


_MB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Limits:
    """The limits a reader works within; every one can be raised (or lowered).

    Attributes:
        max_input_bytes: the largest input read, in bytes (a ``str`` counts by
            its UTF-8 size); a file is measured before it is read. 20 MiB.
        max_line_chars: the longest line of text (`read_text`), text block or
            table cell (`read_html`, `read_pdf`) looked at. 200,000 characters.
        max_html_depth: the deepest nesting of HTML elements. 200 (the HTML
            parser, libxml2, stops at 256 unless this is raised above 255).
        max_rows: the most lines of text, or table rows of all tables
            together, a reader looks at. 20,000.
        max_columns: the most cells of one table row, after expanding
            ``colspan``. 64.
        max_pdf_pages: the most pages of a PDF. 200.
        max_pdf_objects_per_page: the most page objects (text, paths,
            images, forms) of one PDF page, counted once the PDF engine
            (PDFium) has loaded the page. 50,000 (a dense page of text has
            a few thousand).
        max_pdf_table_grid: the most vertical × horizontal ruling lines of
            one PDF page, counted before its table cells are laid out (the
            layout's work grows with the crossings). 6,000 (the pages of the
            reports in this repository, at most 810).
        max_seconds: the longest time spent on one input; readers check it
            between lines, rows, elements and pages; a PDF page is awaited
            from the engine's worker process, which is killed past the
            limit (cooperatively elsewhere: one lxml parse of a page is not
            interrupted). 60 seconds.
        max_unpacked_bytes: the most bytes a zip container (``.docx``) may
            unpack to, all entries together; and for a PDF, the memory the PDF
            engine's worker process may take beyond what it held when it
            started (an address-space limit: a decompression bomb ends the
            worker, not the caller). 200 MiB.
        max_zip_entries: the most entries of a zip container. 2,000.
        max_elements: the most elements of one HTML page, or of all the XML
            parts of a Word document together, counted as start tags in the
            markup before it is parsed (a parsed element takes about 150
            bytes of memory however small its markup: a 20 MiB page of
            ``<br>`` would take gigabytes). 500,000 (a long published
            report has tens of thousands).
    """

    max_input_bytes: int = attrs.field(default=20 * _MB, validator=_positive)
    max_line_chars: int = attrs.field(default=200_000, validator=_positive)
    max_html_depth: int = attrs.field(default=200, validator=_positive)
    max_rows: int = attrs.field(default=20_000, validator=_positive)
    max_columns: int = attrs.field(default=64, validator=_positive)
    max_pdf_pages: int = attrs.field(default=200, validator=_positive)
    max_pdf_objects_per_page: int = attrs.field(default=50_000, validator=_positive)
    max_pdf_table_grid: int = attrs.field(default=6_000, validator=_positive)
    max_seconds: float = attrs.field(default=60.0, validator=_positive)
    max_unpacked_bytes: int = attrs.field(default=200 * _MB, validator=_positive)
    max_zip_entries: int = attrs.field(default=2_000, validator=_positive)
    max_elements: int = attrs.field(default=500_000, validator=_positive)

    def exceeded(
        self, name: str, what: str, actual: object, *, source: str | None = None
    ) -> LimitExceededError:
        """The error for input beyond the limit ``name`` (to be raised).

        >>> print(Limits().exceeded("max_pdf_pages", "PDF 页数", 5000))
        PDF 页数为 5000，超过上限 max_pdf_pages=200。如确需读取，请放宽上限，例如 limits=Limits(max_pdf_pages=10000)
        """
        value = getattr(self, name)
        raised = _suggest(value, actual)
        return LimitExceededError(
            f"{what}为 {actual}，超过上限 {name}={value}。"
            f"如确需读取，请放宽上限，例如 limits=Limits({name}={raised})",
            limit=name,
            value=int(value),
            source=source,
        )

    def deadline(self, source: str | None = None) -> Deadline:
        """A deadline ``max_seconds`` from now, for one input."""
        return Deadline(self, source)

    def check_size(self, size: int, *, source: str | None = None) -> None:
        """Raise when ``size`` bytes are more than ``max_input_bytes``."""
        if size > self.max_input_bytes:
            raise self.exceeded(
                "max_input_bytes", "输入大小（字节）", size, source=source
            )

    def check_elements(
        self, markup: str, *, what: str = "HTML 元素数", source: str | None = None
    ) -> None:
        """Raise when ``markup`` has more start tags than ``max_elements``.

        >>> Limits(max_elements=2).check_elements("<p>a<br>b</p><br/>")
        Traceback (most recent call last):
        ...
        govinfo_report.exceptions.LimitExceededError: HTML 元素数为 3，超过上限 max_elements=2。如确需读取，请放宽上限，例如 limits=Limits(max_elements=6)
        """
        count = start_tags(markup)
        if count > self.max_elements:
            raise self.exceeded("max_elements", what, count, source=source)

    def check_text_size(self, text: str, *, source: str | None = None) -> None:
        """Raise when the UTF-8 size of ``text`` is more than ``max_input_bytes``."""
        limit = self.max_input_bytes
        if len(text) > limit:
            self.check_size(len(text), source=source)
        if len(text) * 4 > limit:
            self.check_size(len(text.encode("utf-8", "surrogatepass")), source=source)


def start_tags(markup: str) -> int:
    """How many start tags ``markup`` can hold at most: every ``<`` but those
    opening an end tag, a comment, a declaration or a processing instruction.

    Counted in C without building anything, so it is cheap even for 20 MiB.
    """
    return (
        markup.count("<") - markup.count("</") - markup.count("<!") - markup.count("<?")
    )


def _suggest(value: float, actual: object) -> int:
    wanted = actual if isinstance(actual, (int, float)) else value * 2
    target = max(float(value) * 2, float(wanted) * 2)
    magnitude = 10 ** max(0, len(str(int(target))) - 1)
    return int(-(-target // magnitude) * magnitude)


class Deadline:
    """A cooperative time limit: readers call `check` between units of work.

    >>> deadline = Limits(max_seconds=5).deadline("a.txt")
    >>> deadline.check()  # well within the time
    >>> Limits(max_seconds=1e-9).deadline("a.txt").check("第 3 行")
    Traceback (most recent call last):
    ...
    govinfo_report.exceptions.LimitExceededError: a.txt: 读取用时超过上限 max_seconds=1e-09 秒（读到第 3 行）。如确需读取，请放宽上限，例如 limits=Limits(max_seconds=120)
    """

    __slots__ = ("_end", "_limits", "_source")

    def __init__(self, limits: Limits, source: str | None = None) -> None:
        self._limits = limits
        self._source = source
        self._end = time.monotonic() + limits.max_seconds

    def check(self, where: str = "") -> None:
        """Raise `LimitExceededError` when the time is up."""
        if time.monotonic() > self._end:
            seconds = self._limits.max_seconds
            at = f"（读到{where}）" if where else ""
            raise LimitExceededError(
                f"读取用时超过上限 max_seconds={seconds} 秒{at}。"
                f"如确需读取，请放宽上限，例如 limits=Limits(max_seconds="
                f"{max(120, int(seconds * 4))})",
                limit="max_seconds",
                value=int(seconds),
                source=self._source,
            )


DEFAULT_LIMITS = Limits()
"""The limits every reader uses unless given others."""


_KINDS = (
    (stat.S_ISDIR, "文件夹 (a directory)"),
    (stat.S_ISFIFO, "命名管道 (a FIFO)"),
    (stat.S_ISSOCK, "套接字 (a socket)"),
    (stat.S_ISCHR, "字符设备 (a character device)"),
    (stat.S_ISBLK, "块设备 (a block device)"),
)


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    return next(
        (name for test, name in _KINDS if test(mode)), "特殊文件 (a special file)"
    )


def not_regular(kind: str, *, source: str | None) -> ReadError:
    """The error for an input that is not a regular file (to be raised)."""
    return ReadError(
        f"不是普通文件，而是{kind}：只读取普通文件 (only regular files are read)",
        source=source,
        code="unsupported",
    )


def open_regular(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    cannot_read: str = "无法读取文件：",
) -> IO[bytes]:
    """``path`` opened read-only for reading bytes, only if it is a regular file.

    A FIFO, a device, a socket or a directory is refused at once with a
    `ReadError` (opening a FIFO for reading blocks until a writer comes, a
    device can be endless): the path is checked before it is opened, opened
    with ``O_NONBLOCK`` (so a FIFO put there meanwhile does not block) and
    checked again on the open file, which is what is read. An `OSError`
    becomes a `ReadError` starting with ``cannot_read``.
    """
    try:
        kind = special_kind(os.stat(path).st_mode)
        if kind is not None:
            raise not_regular(kind, source=source)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        try:
            kind = special_kind(os.fstat(fd).st_mode)
            if kind is not None:
                raise not_regular(kind, source=source)
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
    except OSError as error:
        raise ReadError(
            f"{cannot_read}{error.strerror or error}", source=source, code="io_error"
        ) from None


def read_bounded(
    path: str | os.PathLike[str],
    limits: Limits,
    *,
    source: str | None = None,
    cannot_read: str = "无法读取文件：",
) -> bytes:
    """The whole file, read once (read-only) and never beyond ``max_input_bytes``.

    Only a regular file is read (`open_regular`). The size is checked before
    reading (``fstat``) and after (a file that grew meanwhile). An `OSError`
    becomes a `ReadError` starting with ``cannot_read``.
    """
    with open_regular(path, source=source, cannot_read=cannot_read) as file:
        try:
            limits.check_size(os.fstat(file.fileno()).st_size, source=source)
            data = file.read(limits.max_input_bytes + 1)
        except OSError as error:
            raise ReadError(
                f"{cannot_read}{error.strerror or error}",
                source=source,
                code="io_error",
            ) from None
    limits.check_size(len(data), source=source)
    return data


class Budget:
    """What one input may still use of one limit, with the deadline ticked as it goes.

    `take` counts units (bytes, rows) against the limit named ``limit`` of
    ``limits``; past it, `LimitExceededError` says ``what`` (its ``{where}``
    filled in with the place given to `take`) and names ``source``. `tick`
    checks ``deadline`` every ``every`` calls, at ``tick_where`` (its
    ``{where}`` filled in). ``refused`` keeps the first refusal raised inside a
    foreign library's hook (see ``_readers/_pdf_refusal``).
    """

    __slots__ = (
        "cap",
        "deadline",
        "every",
        "limit",
        "limits",
        "refused",
        "source",
        "tick_where",
        "ticks",
        "used",
        "what",
    )

    def __init__(
        self,
        limits: Limits,
        limit: str,
        what: str,
        *,
        deadline: Deadline | None = None,
        source: str | None = None,
        every: int = 1,
        tick_where: str = "{where}",
    ) -> None:
        self.limits = limits
        self.limit = limit
        self.cap: int = getattr(limits, limit)
        self.what = what
        self.deadline = deadline
        self.source = source
        self.every = every
        self.tick_where = tick_where
        self.used = 0
        self.ticks = 0
        self.refused: GovinfoReportError | None = None

    def take(self, count: int, where: str = "") -> None:
        """Count ``count`` more units; raise past the limit."""
        self.used += count
        if self.used > self.cap:
            raise self.limits.exceeded(
                self.limit,
                self.what.format(where=where),
                f"{self.used} 以上",
                source=self.source,
            )

    def tick(self, where: str = "") -> None:
        """One more step of work: every ``every`` steps, check the deadline."""
        self.ticks += 1
        if self.deadline is not None and not self.ticks % self.every:
            self.deadline.check(self.tick_where.format(where=where))
