"""Reading speed: the Bachu text, an HTML rendering of the example (the PDF: bench_pdf.py).

Targets (issue 12, tightening issue 7's 2 ms and 10 ms): text ≤ 1 ms and HTML ≤ 5 ms a report. The baseline measured
in the same run is the bare parse of the same input (lines split / lxml parse)
without any matching, so the ratio shows what the reader adds; the ratio against the target is printed as well.

Both wall-clock and CPU time (``time.process_time``) are printed, each the best
of several rounds; the target is judged on CPU time, which a machine shared
with other work does not inflate (on an idle machine the two agree). Run alone:
``python3 benchmarks/bench_readers.py``.
"""

from __future__ import annotations

import html
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import lxml.html  # noqa: E402

from govinfo_report import example_report, read_html, read_text  # noqa: E402
from govinfo_report._format import format_spec  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"


def per_call(
    func: Callable[[], object], seconds: float = 1.5, rounds: int = 5
) -> tuple[float, float]:
    """Seconds per call, (wall, CPU), each the best of ``rounds`` rounds."""
    func()
    walls, cpus = [], []
    for _ in range(rounds):
        count = 0
        wall, cpu = time.perf_counter(), time.process_time()
        while time.perf_counter() - wall < seconds / rounds or count == 0:
            func()
            count += 1
        walls.append((time.perf_counter() - wall) / count)
        cpus.append((time.process_time() - cpu) / count)
    return min(walls), min(cpus)


def example_html() -> str:
    report = example_report()
    rows = []
    for table in report.tables:
        rows.append(f"<h2>{html.escape(table.spec.heading)}</h2><table>")
        for row in table.spec.rows:
            cells = [row.label] + [
                str(report[f"{table.spec.id.value}.{row.id}.{c.id}"])
                for c in row.columns
            ]
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
            )
        rows.append("</table>")
    spec = format_spec()
    body = [
        f"<h1>{report.title}</h1>",
        f"<p>{spec.sections[0].heading}</p><p>正文。</p>",
    ]
    body += rows[: rows.index("</table>") + 1]
    body += rows[rows.index("</table>") + 1 :]
    body += [
        f"<p>{spec.sections[4].heading}</p><p>无。</p><p>{spec.sections[5].heading}</p><p>无。</p>"
    ]
    return "<html><body>" + "".join(body) + "</body></html>"


def main() -> int:
    text = (SAMPLES / "bachu-police-2023.txt").read_text("utf-8")
    page = example_html()
    cases = [
        ("text (Bachu)", lambda: read_text(text), lambda: text.splitlines(), 1e-3),
        (
            "HTML (example)",
            lambda: read_html(page),
            lambda: lxml.html.document_fromstring(page),
            5e-3,
        ),
        # the PDF reader (PDFium in a worker process) is measured, with the
        # worker's CPU time, against the pdfplumber path in bench_pdf.py
    ]
    for name, reader, baseline, target in cases:
        seconds = 1.5
        wall, cpu = per_call(reader, seconds)
        _base_wall, base_cpu = per_call(baseline, seconds)
        goal = (
            f"target ≤ {target * 1e3:.0f} ms: {cpu / target:.2f} of it, "
            f"{'met' if cpu <= target else 'NOT met'}"
            if target
            else "no target"
        )
        print(
            f"{name:16s} CPU {cpu * 1e3:7.2f} ms/report ({1 / cpu:7.1f} reports/s), "
            f"wall {wall * 1e3:7.2f} ms; baseline CPU {base_cpu * 1e3:7.2f} ms, "
            f"ratio {cpu / base_cpu:6.1f}x  ({goal})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
