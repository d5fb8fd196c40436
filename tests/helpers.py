"""Helpers the tests share: where the test data lives, and small tools.

Every file a test reads is in the repository, under ``tests/data``: the real
published reports in ``tests/data/samples`` (copied with their provenance
note) and the format spec in ``tests/data/spec``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
"""The test data folder, ``tests/data``."""

SAMPLES = DATA / "samples"
"""Real published reports, exactly as found (see its README.md)."""

SPEC_FILE = DATA / "spec" / "format-2021.md"
"""The format spec, the contract ``_format.py`` is tested against."""


HANG_GUARD = 120.0
"""Seconds after which a call counts as hung (a hang guard, not a speed test)."""


def outcome(call: Callable[[], Any]) -> Any:
    """The result of ``call`` or the exception it raised; fails on a hang."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"no answer within {HANG_GUARD} s: a hang"
    return box.get("error", box.get("result"))


def refused(call: Callable[[], Any], kind: type[BaseException]) -> Any:
    """The library error ``call`` raises (of ``kind``), never anything else."""
    error = outcome(call)
    assert isinstance(error, kind), f"expected {kind.__name__}, got {error!r}"
    return error


def br_page(count: int = 5_000_000) -> bytes:
    """An HTML page that mentions 信息公开 and then holds ``count`` ``<br>``.

    5 million make 19 MiB, under ``max_input_bytes``; parsed, each is an lxml
    element (the page once took 1.9 GiB).
    """
    head = (
        "<html><head><meta charset='utf-8'><title>某局2023年政府信息公开工作年度报告"
        "</title></head><body><p>一、总体情况</p>"
    ).encode()
    return head + b"<br>" * count + b"</body></html>"


def proof_err_docx(path: Path, mib: int = 190) -> Path:
    """A small ``.docx`` whose ``document.xml`` inflates to ``mib`` MiB of ``<w:proofErr/>``.

    The other parts are those of a document `write_docx` makes of the example
    report; the document part is written in chunks, so building it takes little
    memory. Once it took 2.1 GiB to read.
    """
    import io
    import zipfile

    from govinfo_report import example_report, write_docx

    buffer = io.BytesIO()
    write_docx(example_report(), buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in original.infolist():
            data = original.read(info)
            if info.filename != "word/document.xml":
                bomb.writestr(info, data)
                continue
            head, body, tail = data.partition(b"<w:body>")
            chunk = b"<w:proofErr/>" * (1024 * 1024 // 13)
            with bomb.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + body + b"<w:p>")
                for _ in range(mib * 1024 * 1024 // len(chunk)):
                    part.write(chunk)
                part.write(b"</w:p>" + tail)
    return path


def peak_rss_mib(code: str, *args: str, timeout: float = 600) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter; its peak RSS (MiB) and its output.

    ``code`` gets ``sys.argv[1:]`` = ``args``; what it prints comes back. The
    peak is measured by the child at its end: ``VmHWM`` of ``/proc/self/status``
    where there is one (Linux: the peak of this program alone), else
    ``ru_maxrss`` (which on Linux starts from the parent's size at the fork, so
    it can only be too high).
    """
    import os
    import subprocess
    import sys

    probe = (
        f"{code}\n"
        "import resource as _r, sys as _s\n"
        "_peak = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    with open('/proc/self/status') as _f:\n"
        "        _peak = next(int(_l.split()[1]) for _l in _f if _l.startswith('VmHWM'))\n"
        "except (OSError, StopIteration):\n"
        "    pass\n"
        "print('PEAK_KIB', _peak, file=_s.stderr)\n"
    )
    src = Path(__file__).resolve().parent.parent / "src"
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(src)},
    )
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KIB")]
    assert peak, done.stderr
    return int(peak[-1].split()[1]) / 1024, done.stdout
