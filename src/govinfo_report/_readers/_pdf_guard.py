"""Bound the work of one PDF page while pdfminer interprets it (`read_pdf` only).

pdfminer interprets a page's content streams in one call
(``PDFPageInterpreter.process_page``, which pdfplumber makes the first time a
page's characters or lines are asked for) and makes a Python object for each
character and each painted path, of about a kilobyte each; the interpreter
also holds every saved graphics state (``q``), the segments of the path being
built and the operands not yet used until the page ends. Nothing in that call
stops early: 1 MiB of text-drawing operators on one page took 14 s of CPU and
more than 500 MiB.

Inside `bounded_pages`, the objects of each page are counted as pdfminer makes
them, against ``max_pdf_objects_per_page``:

- each character (``render_char``), image and form (``Do``);
- each segment of a painted path (a line is 2, a rectangle 5: pdfminer keeps
  a point and a segment of each);
- what the interpreters hold at that moment (saved graphics states, path
  segments not yet painted, operands on the stack), looked at every
  `CHECK_EVERY` tokens of the content stream.

Every `CHECK_EVERY` tokens and every `CHECK_EVERY` objects the deadline
(``max_seconds``) is checked too, so a page is interrupted part way. Past a
limit `LimitExceededError` is raised from inside pdfminer (which lets it
through: nothing on the way catches it), every later hook call raises it
again, and the block ends with it whatever pdfplumber wrapped it in.

pdfminer is hooked once for the process (``PDFLayoutAnalyzer.begin_page``,
``render_char``, ``paint_path``, ``render_image``, ``begin_figure``,
``PDFPageInterpreter.execute`` and ``PDFContentParser.nexttoken``); the hooks
do nothing but call pdfminer unless a budget is set in the current context (a
`contextvars.ContextVar`), so other threads and other users of pdfminer in the
same process are not affected.

pdfplumber's table finder (`find_tables`) is bounded the same way, before it
starts: its time grows with the square of the crossings it examines, in one
call that nothing interrupts. `find_tables` merges the page's ruling lines as
pdfplumber does and refuses a page whose vertical × horizontal lines (every
pair a crossing to look for) are more than ``max_pdf_table_grid``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from typing import Any

from govinfo_report._limits import Deadline, Limits
from govinfo_report._readers._pdf_refusal import guarded, once, refusals_stick
from govinfo_report.exceptions import GovinfoReportError

__all__ = ["CHECK_EVERY", "bounded_pages", "check_table_grid", "find_tables"]

CHECK_EVERY = 1024
"""Tokens, or objects, between two looks at the time and at what pdfminer holds."""


class _PageBudget:
    """The objects of the current page so far, against ``max_pdf_objects_per_page``."""

    __slots__ = (
        "deadline",
        "interpreters",
        "limits",
        "made",
        "page",
        "painting",
        "refused",
        "until_check",
    )

    def __init__(self, limits: Limits, deadline: Deadline | None) -> None:
        self.limits = limits
        self.deadline = deadline
        self.page = 0
        self.made = 0  # objects made on this page
        self.until_check = CHECK_EVERY
        self.interpreters: list[Any] = []  # running, outermost first
        self.painting = False
        self.refused: GovinfoReportError | None = None

    def begin_page(self, number: int) -> None:
        self.page = number
        self.made = 0
        self.until_check = CHECK_EVERY

    def made_objects(self, count: int) -> None:
        """Count ``count`` more objects of this page; raise past the limit."""
        self.made += count
        if self.made > self.limits.max_pdf_objects_per_page:
            self._refuse(self.made)
        self.until_check -= count
        if self.until_check <= 0:
            self.check()

    def check(self) -> None:
        """Look at the time, and at what the interpreters hold besides the objects made."""
        self.until_check = CHECK_EVERY
        if self.deadline is not None:
            self.deadline.check(self._where())
        held = sum(
            len(interpreter.gstack)
            + len(interpreter.curpath)
            + len(interpreter.argstack)
            for interpreter in self.interpreters
        )
        if self.made + held > self.limits.max_pdf_objects_per_page:
            self._refuse(self.made + held)

    def _where(self) -> str:
        return f"第 {self.page} 页" if self.page else "PDF 页面内容"

    def _refuse(self, count: int) -> None:
        raise self.limits.exceeded(
            "max_pdf_objects_per_page",
            f"{self._where()}的对象数（字符、路径的点、图像、图形状态等）",
            f"{count} 以上",
        )


_BUDGET: contextvars.ContextVar[_PageBudget | None] = contextvars.ContextVar(
    "govinfo_report_pdf_page_budget", default=None
)


@contextlib.contextmanager
def bounded_pages(limits: Limits, deadline: Deadline | None) -> Iterator[None]:
    """Within the block, pdfminer makes no more than ``max_pdf_objects_per_page`` a page.

    ``max_seconds`` is checked as the page is interpreted. Once a limit is
    passed, every later hook call raises too, and the block ends with that
    `LimitExceededError`, whatever pdfminer or pdfplumber made of it meanwhile
    (pdfplumber wraps pdfminer's errors in its own exception type).
    """
    _install()
    with refusals_stick(_BUDGET, _PageBudget(limits, deadline)):
        yield


# ------------------------------------------------------------- the hooks


@once
def _install() -> None:
    """Wrap pdfminer's page interpretation once per process (idempotent, thread-safe)."""
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter

    for cls, name, wrap in (
        (PDFLayoutAnalyzer, "begin_page", _begin_page),
        (PDFLayoutAnalyzer, "render_char", _one_object),
        (PDFLayoutAnalyzer, "render_image", _one_object),
        (PDFLayoutAnalyzer, "begin_figure", _one_object),
        (PDFLayoutAnalyzer, "paint_path", _paint_path),
        (PDFPageInterpreter, "execute", _execute),
        (PDFContentParser, "nexttoken", _nexttoken),
    ):
        # setattr: the assignment is the point (mypy forbids assigning a method)
        setattr(cls, name, wrap(getattr(cls, name)))


def _begin_page(pdfminer_begin_page: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(pdfminer_begin_page)
    def begin_page(device: Any, page: Any, ctm: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            guarded(budget, lambda: budget.begin_page(device.pageno))
        return pdfminer_begin_page(device, page, ctm)

    return begin_page


def _one_object(pdfminer_method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(pdfminer_method)
    def counted(device: Any, *args: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            guarded(budget, lambda: budget.made_objects(1))
        return pdfminer_method(device, *args)

    return counted


def _paint_path(pdfminer_paint_path: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(pdfminer_paint_path)
    def paint_path(device: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get()
        # pdfminer paints a path of several subpaths by calling itself for
        # each: the outer call has counted them all already
        if budget is None or budget.painting:
            return pdfminer_paint_path(device, *args, **kwargs)
        path = kwargs["path"] if "path" in kwargs else args[-1]
        guarded(budget, lambda: budget.made_objects(max(1, len(path))))
        budget.painting = True
        try:
            return pdfminer_paint_path(device, *args, **kwargs)
        finally:
            budget.painting = False

    return paint_path


def _execute(pdfminer_execute: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(pdfminer_execute)
    def execute(interpreter: Any, streams: Any) -> Any:
        budget = _BUDGET.get()
        if budget is None:
            return pdfminer_execute(interpreter, streams)
        budget.interpreters.append(interpreter)  # a form's runs inside its page's
        try:
            return pdfminer_execute(interpreter, streams)
        finally:
            budget.interpreters.pop()

    return execute


def _nexttoken(pdfminer_nexttoken: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(pdfminer_nexttoken)
    def nexttoken(parser: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            if budget.refused is not None:
                raise budget.refused.with_traceback(None)
            budget.until_check -= 1
            if budget.until_check <= 0:
                guarded(budget, budget.check)
        return pdfminer_nexttoken(parser)

    return nexttoken


# ------------------------------------------------------- the table finder


def find_tables(
    page: Any, limits: Limits, deadline: Deadline | None, where: str
) -> list[Any]:
    """The tables pdfplumber finds on ``page`` (as ``page.find_tables()``), within limits.

    pdfplumber looks for a crossing at every pair of a vertical and a
    horizontal line, then, for each crossing found, walks all the crossings
    after it (``intersections_to_cells``) and groups the cells in passes
    (``cells_to_tables``): the time grows with the square of the crossings, in
    one call. A 120 × 120 grid of lines took 6 s, 160 × 160 took 24 s. So the
    lines are counted first, as pdfplumber's own ``TableFinder.get_edges``
    merges them (snapped, joined, the short ones dropped), and past
    ``max_pdf_table_grid`` vertical × horizontal lines the page is refused
    before any crossing is looked for. ``max_seconds`` is checked before and
    after.

    Raises:
        LimitExceededError: ``max_pdf_table_grid`` or ``max_seconds``.
    """
    if deadline is not None:
        deadline.check(where)
    tables: list[Any] = _bounded_table_finder()(page, limits, where).tables
    if deadline is not None:
        deadline.check(where)
    return tables


@functools.cache
def _bounded_table_finder() -> Any:
    """pdfplumber's ``TableFinder``, refusing a page of too many lines before it searches.

    Made on first use: pdfplumber is an optional dependency.
    """
    from pdfplumber.table import TableFinder

    class BoundedTableFinder(TableFinder):
        def __init__(self, page: Any, limits: Limits, where: str) -> None:
            self.grid_limits = limits
            self.where = where
            super().__init__(page)  # the default settings, as page.find_tables()

        def get_edges(self) -> Any:
            # TableFinder.__init__ merges the lines here, then looks for crossings
            edges = super().get_edges()
            check_table_grid(edges, self.grid_limits, self.where)
            return edges

    return BoundedTableFinder


def check_table_grid(edges: list[dict[str, Any]], limits: Limits, where: str) -> None:
    """Raise when the merged ``edges`` make more crossings to look for than allowed."""
    vertical = sum(1 for edge in edges if edge["orientation"] == "v")
    horizontal = len(edges) - vertical
    if vertical * horizontal > limits.max_pdf_table_grid:
        raise limits.exceeded(
            "max_pdf_table_grid",
            f"{where}表格线的交点候选数（竖线 {vertical} 条 × 横线 {horizontal} 条）",
            vertical * horizontal,
        )
