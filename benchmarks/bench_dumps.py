"""Reading speed of crawler dumps (issue 12): the two Pingtan dumps, and Bachu again.

Targets: a dump read in ≤ 5 ms, and the flattened-text read (the Bachu sample)
still ≤ 1 ms a report. The baseline measured in the same run is the bare
tokenising of the same input (a dump cut into runs of digits and text by one
regular expression; Bachu split into lines), so the ratio shows what the
reader adds; the ratio against the target is printed as well. A dump is also
compared with the Bachu read (same kind of work, one line instead of many).

CPU time (``time.process_time``), the best of several rounds, decides the
target; wall time is printed too. Run alone: ``python3 benchmarks/bench_dumps.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_readers import per_call  # noqa: E402

from govinfo_report import read_text  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"
_TOKENS = re.compile(r"\d[\d .]*|\D+")


def main() -> int:
    bachu = (SAMPLES / "bachu-police-2023.txt").read_text("utf-8")
    dumps = {
        name: (SAMPLES / f"{name}.dump.txt").read_text("utf-8")
        for name in ("pingtan-guanweihui-2021", "pingtan-gonganju-2019")
    }
    _, bachu_cpu = per_call(lambda: read_text(bachu))
    cases = [
        (
            "text (Bachu)",
            lambda: read_text(bachu),
            lambda: bachu.splitlines(),
            1e-3,
        )
    ]
    for name, text in dumps.items():
        cases.append(
            (
                f"dump ({name.split('-')[1]})",
                lambda text=text: read_text(text),  # type: ignore[misc]
                lambda text=text: _TOKENS.findall(text),  # type: ignore[misc]
                5e-3,
            )
        )
    for name, reader, baseline, target in cases:
        wall, cpu = per_call(reader)
        _base_wall, base_cpu = per_call(baseline)
        goal = (
            f"target ≤ {target * 1e3:.0f} ms: {cpu / target:.2f} of it, "
            f"{'met' if cpu <= target else 'NOT met'}"
        )
        print(
            f"{name:20s} CPU {cpu * 1e3:7.2f} ms/report ({1 / cpu:7.1f} reports/s), "
            f"wall {wall * 1e3:7.2f} ms; baseline CPU {base_cpu * 1e3:7.3f} ms, "
            f"ratio {cpu / base_cpu:7.1f}x, {cpu / bachu_cpu:4.2f}x Bachu  ({goal})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
