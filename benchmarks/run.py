"""Run every benchmark (``benchmarks/bench_*.py``) in turn and report which failed.

Each benchmark runs in its own Python process and prints its timings and its
ratio against the baseline it measures alongside. This script exits non-zero
when any of them exits non-zero.

Run: ``python3 benchmarks/run.py``
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks found in", HERE)
        return 1
    failed: list[str] = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], check=False)
        seconds = time.perf_counter() - start
        status = (
            "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        )
        print(f"-- {script.name}: {status} in {seconds:.1f} s", flush=True)
        if result.returncode != 0:
            failed.append(script.name)
    print()
    if failed:
        print(f"{len(failed)} of {len(scripts)} benchmarks failed: {', '.join(failed)}")
        return 1
    print(f"all {len(scripts)} benchmarks ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
