"""The release fuzzing run: the long profile of every fuzz test, in parallel.

Runs ``tests/test_fuzz_readers.py``, ``tests/test_fuzz_docx.py`` and
``tests/test_fuzz_exchange.py`` under ``HYPOTHESIS_PROFILE=long`` in
``--jobs`` pytest processes, reads hypothesis's statistics, and prints for
each reader the inputs it actually got (passing examples; inputs rejected by
``assume`` are not counted) against the 100,000 the release needs, the time,
and every failing test. Exit status 0 only if every test passed and every
reader got at least 100,000 inputs.

Run: ``python3 benchmarks/fuzz_long.py`` (about 40 minutes on two free
cores; ``--jobs 1`` for one). ``--scale N`` runs the fast counts times N
instead, for a quick look at the machinery (the 100,000 check is then only
reported). The budget per test is in ``tests/fuzzing.py``; the pytest logs
go to ``--logs`` (a temporary folder by default, kept and named at the end).
Record each release run in docs/limits.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
FILES = ("test_fuzz_readers.py", "test_fuzz_docx.py", "test_fuzz_exchange.py")
NEEDED = 100_000

_BLOCK = re.compile(r"^(?P<node>tests/\S+::(?P<name>\w+)):\s*$", re.M)
_COUNTS = re.compile(
    r"(?P<passing>\d+) passing examples?, (?P<failing>\d+) failing examples?, "
    r"(?P<invalid>\d+) invalid examples?"
)


def budget() -> tuple[dict[str, tuple[str, int, int]], tuple[str, ...]]:
    """Test name -> (target, fast, long), and the readers, from the fuzz modules."""
    sys.path.insert(0, str(TESTS))
    for name in FILES:
        importlib.import_module(name.removesuffix(".py"))
    fuzzing = importlib.import_module("fuzzing")
    return {name: tuple(b) for name, b in fuzzing.BUDGET.items()}, fuzzing.READERS


def share(tests: dict[str, tuple[str, int, int]], jobs: int) -> list[list[str]]:
    """Node ids split over ``jobs`` processes, the largest budgets dealt first."""
    where = {}
    for file in FILES:
        text = (TESTS / file).read_text(encoding="utf-8")
        for name in tests:
            if re.search(rf"^def {name}\(", text, re.M):
                where[name] = f"tests/{file}::{name}"
    shares: list[list[str]] = [[] for _ in range(jobs)]
    # Dealt round-robin in the order of the long counts so that each process
    # gets a mix of the cheap, numerous inputs and the slow, few ones.
    for i, name in enumerate(sorted(tests, key=lambda n: -tests[n][2])):
        shares[i % jobs].append(where[name])
    return [s for s in shares if s]


def parse(log: str) -> dict[str, tuple[int, int, int]]:
    """Test name -> (passing, failing, invalid) summed over its phases."""
    found: dict[str, tuple[int, int, int]] = {}
    marks = list(_BLOCK.finditer(log))
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(log)
        passing = failing = invalid = 0
        for counts in _COUNTS.finditer(log, mark.end(), end):
            passing += int(counts["passing"])
            failing += int(counts["failing"])
            invalid += int(counts["invalid"])
        found[mark["name"]] = (passing, failing, invalid)
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the long fuzzing profile; print inputs per reader; 0 if all is well."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="pytest processes (2)")
    parser.add_argument(
        "--scale", type=float, default=None, help="fast counts times N, not long"
    )
    parser.add_argument("--logs", type=Path, default=None, help="folder for logs")
    parser.add_argument(
        "--targets",
        default=None,
        help="only the tests of these readers, comma-separated (e.g. read_pdf,from_csv)",
    )
    parser.add_argument(
        "--tests",
        default=None,
        help="only these tests, comma-separated names (e.g. to rerun one after a fix)",
    )
    args = parser.parse_args(argv)
    tests, readers = budget()
    if args.tests:
        names = set(args.tests.split(","))
        if names - set(tests):
            parser.error(f"no fuzz tests named {', '.join(sorted(names - set(tests)))}")
        tests = {name: b for name, b in tests.items() if name in names}
    if args.targets:
        chosen = set(args.targets.split(","))
        unknown = chosen - {target for target, _, _ in tests.values()}
        if unknown:
            parser.error(f"no fuzz tests for {', '.join(sorted(unknown))}")
        tests = {name: b for name, b in tests.items() if b[0] in chosen}
    logs = args.logs or Path(tempfile.mkdtemp(prefix="fuzz-long-"))
    logs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if args.scale is None:
        env["HYPOTHESIS_PROFILE"] = "long"
        env.pop("FUZZ_SCALE", None)
        profile = "long"
    else:
        env.pop("HYPOTHESIS_PROFILE", None)
        env["FUZZ_SCALE"] = str(args.scale)
        profile = f"fast x {args.scale:g}"
    print(f"fuzz_long: profile {profile}, {args.jobs} job(s), logs in {logs}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"]
    command += ["--hypothesis-show-statistics"]
    start = time.monotonic()
    running = []
    for i, nodes in enumerate(share(tests, args.jobs)):
        log = logs / f"job-{i}.log"
        with log.open("w", encoding="utf-8") as out:
            process = subprocess.Popen(
                [*command, *nodes],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        running.append((process, log))
    codes = [process.wait() for process, _ in running]
    seconds = time.monotonic() - start
    results: dict[str, tuple[int, int, int]] = {}
    for _, log in running:
        results |= parse(log.read_text(encoding="utf-8"))

    per_target: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    print(f"\n{'test':<58} {'target':<16} {'budget':>8} {'ran':>8} {'invalid':>8}")
    for name, (target, fast, long) in sorted(tests.items(), key=lambda t: t[1][0]):
        wanted = long if args.scale is None else max(1, int(fast * args.scale))
        passing, failing, invalid = results.get(name, (0, 0, 0))
        shown = "-" if name not in results else f"{passing:,}"
        print(f"{name:<58} {target:<16} {wanted:>8,} {shown:>8} {invalid:>8,}")
        totals = per_target[target]
        totals[0] += passing
        totals[1] += failing
        totals[2] += invalid
    print(f"\n{'target':<16} {'inputs':>10} {'failing':>8}  at least {NEEDED:,}?")
    short = []
    for target, (passing, failing, _) in sorted(per_target.items()):
        enough = passing >= NEEDED
        if target not in readers:
            verdict = "(not a reader)"
        else:
            verdict = "yes" if enough else "no"
            if not enough:
                short.append(target)
        print(f"{target:<16} {passing:>10,} {failing:>8}  {verdict}")
    failed = [name for name, counts in results.items() if counts[1]]
    print(f"\n{seconds / 60:.1f} minutes; pytest exit codes {codes}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if failed:
        print("FAILING: " + ", ".join(failed) + f" (see {logs})")
    if short and args.scale is None:
        print("SHORT of 100,000 inputs: " + ", ".join(short))
    ok = not any(codes) and not failed and (args.scale is not None or not short)
    print("result: " + ("all passed" if ok else "NOT all passed"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
