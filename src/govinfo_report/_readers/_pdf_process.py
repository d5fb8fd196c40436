"""The PDF worker: PDFium runs in another process, with its memory bounded.

PDFium decodes a PDF's compressed streams in C, whole, with no limit of its
own (a 300 KB file of one Flate stream took 670 MiB). So it never runs in the
caller's process: `engine_pages` sends the PDF to a small server process
(`_pdf_engine`, started on first use and kept), which passes it to its forked
child; the child lowered its address-space limit (``RLIMIT_AS``) to what it
held at the fork plus ``max_unpacked_bytes``, opens the PDF
and sends its pages back one JSON line each, a page's character boxes after
its line as raw doubles (checked here: their count, and that each is a finite
number; never unpickled or evaluated). Past the memory limit the child
dies and `LimitExceededError` names ``max_unpacked_bytes``; past the deadline
(``max_seconds``, checked while each page is awaited, so even inside one page)
the child is killed. The server and the caller live on. A child that read a
document to its end reads the next one (`_pdf_engine._Child` says when it is
replaced instead); one that was killed is replaced at the next document
(``fresh`` in its job). An honest report needs about 5 MiB (the Hongze sample
reads with 4.75 MiB, not with 4.5).

One document is read at a time in a process (PDFium is not thread-safe
anyway); other threads calling `read_pdf` wait for their turn.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import json
import math
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govinfo_report._limits import Deadline, Limits
from govinfo_report.exceptions import MissingDependencyError, ReadError

__all__ = ["INSTALL", "engine_pages"]

INSTALL = "读取 PDF 需要 pypdfium2 (PDFium)：pip install 'govinfo-report[pdf]'"
_MOST_LINE = 256 * 1024 * 1024  # bytes: a page of 50,000 characters is about 4 MB
_BOX = 4 * array.array("d").itemsize  # bytes: the four numbers of a character's box
# bytes read at most at a time: a pipe holds 64 KiB, and a read of more (the
# 1 MiB it was) allocated (mmap) and gave back that much each time
_CHUNK = 64 * 1024
_WAIT = 0.05  # seconds between two looks at the deadline while a page is awaited
_ENGINE = Path(__file__).with_name("_pdf_engine.py")


def _check_engine() -> None:
    try:
        import pypdfium2.raw  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        raise MissingDependencyError(INSTALL, package="pypdfium2") from None


class _Server:
    """The server process (`_pdf_engine.serve`), started on first use."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.owner = os.getpid()
        # the last job's child was killed: the next job asks for a fresh one
        self.fresh = False

    def running(self) -> subprocess.Popen[bytes]:
        if self.owner != os.getpid():
            # a forked copy of the caller: the server and its pipes are the
            # parent's; this process starts its own
            self.process, self.owner = None, os.getpid()
        if self.process is not None and self.process.poll() is None:
            return self.process
        self.stop()
        env = dict(os.environ)
        # the caller's sys.path, so the server finds the same pypdfium2
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        self.process = subprocess.Popen(
            # -P: the script's folder (this package) is not put on sys.path
            [sys.executable, "-P", str(_ENGINE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
        )
        self.fresh = False
        return self.process

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or self.owner != os.getpid():
            return
        with contextlib.suppress(OSError):
            if process.stdin:
                process.stdin.close()
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stdout:
            process.stdout.close()


_SERVER = _Server()
atexit.register(_SERVER.stop)  # the server ends with the caller, not after it


class _Job:
    """One document's messages from the child, read with the deadline in view."""

    def __init__(
        self, process: subprocess.Popen[bytes], deadline: Deadline | None
    ) -> None:
        assert process.stdout is not None
        self.fd = process.stdout.fileno()
        self.deadline = deadline
        # what came and was not taken yet (a bytearray: appended to at its
        # end, taken from its start, neither copies the rest)
        self.buffer = bytearray()
        self.scanned = 0  # bytes of `buffer` known to hold no newline
        self.pid: int | None = None
        self.status: int | None = None
        self.where = "打开 PDF 时"
        self.cpu = 0.0  # the child's CPU seconds, as it reports them at the end
        self.ended = False  # the child sent ``end``: it waits for the next job
        self.killed = False

    def _read(self) -> None:
        """What the child sent since (waiting at most `_WAIT`), the deadline checked."""
        if self.deadline is not None:
            self.deadline.check(self.where)
        ready, _, _ = select.select([self.fd], [], [], _WAIT)
        if ready:
            chunk = os.read(self.fd, _CHUNK)
            if not chunk:
                raise ReadError("PDF 解析进程意外退出 (PDF worker ended)")
            self.buffer += chunk

    def next(self) -> dict[str, Any]:
        """The next message; the deadline is checked while it is awaited.

        A page's message has its character boxes (``box_bytes`` bytes after
        its line) as ``boxes``, a list of its numbers.
        """
        buffer = self.buffer
        end = buffer.find(b"\n", self.scanned)
        while end < 0:
            self.scanned = len(buffer)
            self._read()
            if len(buffer) > _MOST_LINE:
                raise ReadError("PDF 解析进程的输出过长 (PDF worker output too long)")
            end = buffer.find(b"\n", self.scanned)
        line = buffer[:end]
        del buffer[: end + 1]
        self.scanned = 0
        try:
            message = json.loads(line)
            kind = message["t"]
        except (ValueError, TypeError, KeyError):
            raise _broken() from None
        if kind == "page":
            message["boxes"] = self._boxes(message)
        if kind == "child":
            self.pid = int(message["pid"])
            return self.next()
        if kind == "exit":
            self.status = int(message["status"])
        return message  # type: ignore[no-any-return]

    def _boxes(self, message: Any) -> list[float]:
        """The boxes sent after a page's line: a whole number of boxes, all finite."""
        try:
            size = message.pop("box_bytes")
        except (TypeError, KeyError):
            raise _broken() from None
        if type(size) is not int or not 0 <= size <= _MOST_LINE or size % _BOX:
            raise _broken()
        while len(self.buffer) < size:
            self._read()
        boxes = array.array("d")
        with memoryview(self.buffer) as view:
            boxes.frombytes(view[:size])
        del self.buffer[:size]
        # (made numbers once: summed here, then zipped into the characters)
        numbers = boxes.tolist()
        # a sum of numbers is finite only if each is (NaN and ±inf stay)
        if not math.isfinite(sum(numbers)):
            raise _broken()
        return numbers

    def finish(self) -> None:
        """Kill the child if it still reads the document; read up to the server's ``exit``.

        A child that read the document to its end is left alone: it waits
        for the next one.
        """
        if self.status is not None:
            return
        if self.pid is not None and not self.ended:
            self.killed = True
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        self.deadline = None
        while self.status is None:
            self.next()


def _memory_refused(limits: Limits, status: int) -> Exception:
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 4:
        return ReadError("PDF 解析引擎出错，文件可能损坏 (PDF engine failed)")
    return limits.exceeded(
        "max_unpacked_bytes",
        "PDF 解析所用内存（PDFium 解压的流、字体和页面内容）",
        f"{limits.max_unpacked_bytes} 字节以上",
    )


@contextlib.contextmanager
def engine_pages(
    data: bytes, limits: Limits, deadline: Deadline | None
) -> Iterator[Iterator[dict[str, Any]]]:
    """The PDF's pages as the engine sends them (see `_pdf_engine`), one dict each.

    Raises (while the pages are iterated):
        MissingDependencyError: pypdfium2 is not installed.
        ReadError: the PDF is encrypted or broken.
        LimitExceededError: ``max_pdf_pages``, ``max_pdf_objects_per_page``,
            ``max_unpacked_bytes`` (the child's memory) or ``max_seconds``.
    """
    _check_engine()
    with _SERVER.lock:
        process = _SERVER.running()
        assert process.stdin is not None
        header = {
            "size": len(data),
            "memory": limits.max_unpacked_bytes,
            "max_pdf_pages": limits.max_pdf_pages,
            "max_pdf_objects_per_page": limits.max_pdf_objects_per_page,
            "fresh": _SERVER.fresh,
        }
        try:
            process.stdin.write(json.dumps(header).encode() + b"\n")
            process.stdin.write(data)
            process.stdin.flush()
        except OSError:
            _SERVER.stop()
            raise ReadError("PDF 解析进程无法启动 (PDF worker failed)") from None
        _SERVER.fresh = False
        job = _Job(process, deadline)
        try:
            yield _pages(job, limits)
        except BaseException:
            try:
                job.finish()
            except BaseException:
                _SERVER.stop()
            _SERVER.fresh = job.killed
            raise
        job.finish()
        _SERVER.fresh = job.killed


def _broken() -> ReadError:
    return ReadError("PDF 解析进程的输出不完整 (PDF worker output broken)")


def _pages(job: _Job, limits: Limits) -> Iterator[dict[str, Any]]:
    try:
        yield from _messages(job, limits)
    except (KeyError, TypeError, ValueError, IndexError):
        # what the child sent is not what it sends: it was not itself
        raise _broken() from None


def _messages(job: _Job, limits: Limits) -> Iterator[dict[str, Any]]:
    while True:
        message = job.next()
        kind = message["t"]
        if kind == "open":
            pages = int(message["pages"])
            if pages > limits.max_pdf_pages:
                raise limits.exceeded("max_pdf_pages", "PDF 页数", pages)
            job.where = "第 1 页"
        elif kind == "page":
            text, boxes = message.pop("text"), message.pop("boxes")
            if not isinstance(text, str) or len(boxes) != 4 * len(text):
                raise _broken()
            numbers = iter(boxes)
            # (character, x0, top, x1, bottom) each, made in C
            message["chars"] = list(
                zip(text, numbers, numbers, numbers, numbers, strict=True)
            )
            yield message
            job.where = f"第 {int(message.get('number', 0)) + 1} 页"
        elif kind == "end":
            job.cpu = float(message.get("cpu", 0.0))
            job.ended = True
            return
        elif kind == "encrypted":
            raise ReadError(
                "PDF 已加密，需要密码才能打开 (encrypted PDF)：请向发布机关索取未加密的"
                "文件，或用知道的密码解除加密后再读取",
                code="unsupported",
            )
        elif kind == "broken":
            page = message.get("page")
            at = f"（第 {page} 页）" if page else ""
            raise ReadError(f"无法打开 PDF，文件损坏或不完整{at} (broken PDF)")
        elif kind == "limit":
            raise limits.exceeded(
                "max_pdf_objects_per_page",
                f"第 {message.get('page')} 页的对象数（字符、路径的线段、图像、表单等）",
                f"{limits.max_pdf_objects_per_page} 以上",
            )
        elif kind == "exit":
            raise _memory_refused(limits, int(message["status"]))
