"""What the PDF guards' hooks into pdfminer share: installed once, refusals that stick.

The hooks are installed once per process (`once`). A refusal raised inside
pdfminer sticks until `read_pdf` ends:

The PDF guards (`_pdf_streams` for decoding, `_pdf_guard` for the work of a
page) raise `LimitExceededError` from hooks deep inside pdfminer. pdfplumber
may wrap that error in its own type, and pdfminer may go on calling the
hooks; so the first refusal is kept on the budget, every later hook call
raises it again, and the guarded block ends with it whatever happened
meanwhile. The budget lives in a `contextvars.ContextVar`, so the hooks act
only inside `read_pdf` and only for its own thread.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import threading
from collections.abc import Callable, Iterator
from typing import Protocol, TypeVar

from govinfo_report.exceptions import GovinfoReportError


class Refusing(Protocol):
    """A budget that remembers the first refusal."""

    refused: GovinfoReportError | None


B = TypeVar("B", bound=Refusing)


@contextlib.contextmanager
def refusals_stick(var: contextvars.ContextVar[B | None], budget: B) -> Iterator[B]:
    """Set ``budget`` for the block; end it with the budget's refusal, if any."""
    token = var.set(budget)
    try:
        yield budget
    except Exception:
        if budget.refused is not None:
            raise budget.refused.with_traceback(None) from None
        raise
    finally:
        var.reset(token)
    if budget.refused is not None:
        raise budget.refused.with_traceback(None)


def guarded(budget: Refusing, step: Callable[[], None]) -> None:
    """Run one counting ``step`` of a hook; remember a refusal so that it sticks."""
    if budget.refused is not None:
        raise budget.refused.with_traceback(None)
    try:
        step()
    except GovinfoReportError as error:  # over a limit or the time
        budget.refused = error
        raise


def once(install: Callable[[], None]) -> Callable[[], None]:
    """``install`` run at most once per process, however many threads call it."""
    lock = threading.Lock()
    done = False

    @functools.wraps(install)
    def install_once() -> None:
        nonlocal done
        with lock:
            if not done:
                install()
                done = True

    return install_once
