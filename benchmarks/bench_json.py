"""Benchmark: to_json + from_json of the example report against the stdlib floor.

The baseline is ``json.dumps`` + ``json.loads`` of the same document as a plain
dict (what `to_dict` returns), with the same options, measured in the same
run. The library's extra cost is building the dict from the model, the strict
walk that checks every key and value, and building the frozen model. Target:
at most 2× the floor for the default (indented) document. The compact
document (``indent=None``) is reported too: there the stdlib's C encoder makes
the floor much lower, so the ratio is higher.

Run: ``python3 benchmarks/bench_json.py``
"""

from __future__ import annotations

import json
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import govinfo_report as gr

TARGET = 2.0


def timed(stmts: dict[str, Callable[[], object]], number: int) -> dict[str, float]:
    """Best of nine rounds per statement, in µs of CPU time per call.

    Rounds interleave the statements so that a busy machine slows them alike,
    and the timer is the process' CPU time, which waiting for a core (the
    machine is shared) does not inflate.
    """
    best = dict.fromkeys(stmts, float("inf"))
    for _ in range(9):
        for name, stmt in stmts.items():
            seconds = timeit.Timer(stmt, timer=time.process_time).timeit(number)
            best[name] = min(best[name], seconds / number * 1e6)
    return best


def main() -> int:
    report = gr.example_report()
    plain = gr.to_dict(report)
    print(f"example report: {len(gr.to_json(report))} characters of JSON")
    for indent in (2, None):
        text = gr.to_json(report, indent=indent)
        assert gr.from_json(text) == report

        def library(text: str = text, indent: int | None = indent) -> None:
            gr.from_json(gr.to_json(report, indent=indent))

        def stdlib(indent: int | None = indent) -> None:
            json.loads(json.dumps(plain, ensure_ascii=False, indent=indent))

        t = timed(
            {
                "library": library,
                "stdlib": stdlib,
                "to_json": lambda indent=indent: gr.to_json(report, indent=indent),
                "from_json": lambda text=text: gr.from_json(text),
            },
            number=200,
        )
        lib, std, write, read = t["library"], t["stdlib"], t["to_json"], t["from_json"]
        ratio = lib / std
        verdict = "within" if ratio <= TARGET else "OVER"
        print(
            f"indent={indent!s:4}  library {lib:8.1f} µs (to_json {write:.1f} + "
            f"from_json {read:.1f})  stdlib {std:8.1f} µs  ratio {ratio:.2f}× "
            f"({verdict} the {TARGET:.0f}× target)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
