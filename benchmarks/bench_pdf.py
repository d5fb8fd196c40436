"""PDF reading speed: read_pdf (PDFium) against the pdfplumber path, on the Hongze sample.

Target (issue 13): ``read_pdf`` at least 10× faster than the pdfplumber path
it replaced, same fidelity. Both run in this process, one after the other:

- ``read_pdf``: the whole reader, PDFium in its worker process included. Its
  CPU time is this process's (``time.process_time``) plus the worker's: the
  server's and its children's user and system time from ``/proc/<pid>/stat``
  (``utime stime cutime cstime``: the children it reaped), and the user and
  system time of its child still running (a child reads several documents),
  taken before and after the rounds;
- the pdfplumber path: what the old reader did with pdfplumber for the same
  file (open it; for each page its characters, ``find_tables``, each table's
  ``extract``, and the words outside the tables), without the matching that
  both share (about 1.5 ms).

Each figure is the best of several rounds. Run alone:
``python3 benchmarks/bench_pdf.py``.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govinfo_report import read_pdf  # noqa: E402
from govinfo_report._readers import _pdf_process  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"
TARGET = 10.0


def _ticks(pid: int, fields: tuple[int, ...]) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            values = stat.read().rsplit(")", 1)[1].split()
    except OSError:  # it ended meanwhile
        return 0
    return sum(int(values[i]) for i in fields)


def worker_seconds() -> float:
    """CPU seconds of the PDF server process and its children (reaped or running)."""
    process = _pdf_process._SERVER.process
    if process is None:
        return 0.0
    pid = process.pid
    ticks = _ticks(pid, (11, 12, 13, 14))  # utime stime cutime cstime
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        for child in children.read().split():
            ticks += _ticks(int(child), (11, 12))  # utime stime
    return ticks / os.sysconf("SC_CLK_TCK")


def per_call(
    func: Callable[[], object], seconds: float, rounds: int = 5, worker: bool = False
) -> tuple[float, float]:
    """Seconds per call, (wall, CPU), each the best of ``rounds`` rounds."""
    func()
    walls, cpus = [], []
    for _ in range(rounds):
        count = 0
        before = worker_seconds() if worker else 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        while time.perf_counter() - wall < seconds / rounds or count == 0:
            func()
            count += 1
        used = time.process_time() - cpu
        if worker:
            used += worker_seconds() - before
        walls.append((time.perf_counter() - wall) / count)
        cpus.append(used / count)
    return min(walls), min(cpus)


def pdfplumber_path(data: bytes) -> Callable[[], object]:
    """The pdfplumber work of the old reader for ``data``."""
    import pdfplumber

    def run() -> list[Any]:
        out: list[Any] = []
        with pdfplumber.open(io.BytesIO(data)) as doc:
            for page in doc.pages:
                if not page.chars:
                    continue
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                out += [t.extract() for t in tables]

                def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                    x = (obj["x0"] + obj["x1"]) / 2
                    y = (obj["top"] + obj["bottom"]) / 2
                    return not any(
                        b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes
                    )

                out.append(
                    page.filter(outside).extract_words(
                        keep_blank_chars=False, x_tolerance=1.5
                    )
                )
                page.flush_cache()
        return out

    return run


def main() -> int:
    data = (SAMPLES / "hongze-district-2024.pdf").read_bytes()
    wall, cpu = per_call(lambda: read_pdf(data), 3.0, worker=True)
    base_wall, base_cpu = per_call(pdfplumber_path(data), 6.0)
    ratio = base_cpu / cpu
    print(
        f"PDF (Hongze, 5 pages) read_pdf CPU {cpu * 1e3:7.2f} ms/report "
        f"(wall {wall * 1e3:7.2f} ms); pdfplumber path CPU {base_cpu * 1e3:7.2f} ms "
        f"(wall {base_wall * 1e3:7.2f} ms); {ratio:5.1f}x faster "
        f"(target ≥ {TARGET:.0f}x: {'met' if ratio >= TARGET else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
