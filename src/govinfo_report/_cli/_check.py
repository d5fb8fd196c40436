"""``govinfo-report check``: read and validate many published reports at once.

Reads every file given (folders are searched recursively for .txt .md .html
.htm .mht .mhtml .pdf .docx .doc .json .jsonl .csv .zip, also gzip-compressed; other files, and README-like notes that do not
mention 信息公开, are skipped and counted), validates each report (with last year's report when
``--previous`` is given), prints the findings of each file in Chinese (or one
JSON object per file with ``--json``) and a summary. Exit code: 0 clean, 1 some
file has a finding of error severity, 2 some file could not be read at all.
A bad file never stops the run.

The findings of a file are those of `check_publishable` (reading findings,
cross-checks, M1, sections, narrative; no text checks for CSV, which carries
no text) and, with ``--previous``, of `compare_years`. Printed for people,
each file starts with one summary line (its counts of errors and warnings),
then its errors, then its warnings; checks that could not be made for want of
a figure (``not_assessable``) are one line per table; every line is cut to
`LINE_WIDTH` characters. ``--verbose`` lists everything in full,
``--severity error`` leaves warnings out, ``--quiet`` prints only the files
with errors or that could not be read. ``--json`` is always complete: one
`CheckResult` a line (`check_result_to_json`, schema ``findings.schema.json``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from govinfo_report._analysis import compare_years
from govinfo_report._archives import REPORT_SUFFIXES
from govinfo_report._cli._hints import add_hint_arguments, hint_kwargs
from govinfo_report._cli._load import load_report
from govinfo_report._exchange import check_result_to_json
from govinfo_report._findings import (
    CheckResult,
    CheckStatus,
    Finding,
    FindingKind,
    Severity,
)
from govinfo_report._format import all_cell_specs
from govinfo_report._limits import open_regular
from govinfo_report._model import Report
from govinfo_report._publish import publish_findings
from govinfo_report.exceptions import GovinfoReportError, LimitExceededError

LINE_WIDTH = 160
"""Lines printed for people are cut to this many characters (unless ``--verbose``)."""

NOTE_NAMES = frozenset(
    (
        "readme",
        "changelog",
        "changes",
        "history",
        "license",
        "licence",
        "copying",
        "notice",
        "authors",
        "contributing",
        "todo",
    )
)
"""Names (without extension, any case) of notes kept in folders of reports.

In a folder, such a file is skipped when its first 64 KiB do not mention
信息公开; one that does is read like any other file (and reported unreadable
if it is not a report). A file named on the command line is always read.
"""

_MARKERS = ("信息公开".encode(), "信息公开".encode("gb18030"))


def is_note(path: Path) -> bool:
    """True for a README-like file that clearly is not a report."""
    if path.stem.lower().split(".")[0] not in NOTE_NAMES:
        return False
    try:
        with open_regular(path) as file:
            head = file.read(65536)
    except (OSError, GovinfoReportError):
        return False  # read like any other file, which says what is wrong
    return not any(marker in head for marker in _MARKERS)


def register(subparsers: Any) -> None:
    """Add the ``check`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="批量读取并校验已发布的报告 (read and validate published reports)",
        description=(
            "读取每个文件（文件夹递归查找 .txt .md .html .htm .mht .mhtml .pdf .docx .doc .json .jsonl .csv .zip 及其 .gz，"
            "其他文件及 README 等说明文件跳过并计数），"
            "校验勾稽关系，逐个文件列出问题，最后给出汇总。"
            "退出码：0 无错误，1 有错误级问题，2 有文件无法读取。"
        ),
    )
    parser.add_argument("paths", nargs="+", help="文件或文件夹 (files or folders)")
    parser.add_argument(
        "--json", action="store_true", help="每个文件输出一行 JSON (JSON lines)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="并行进程数，0 表示全部 CPU (worker processes; 0 = all cores)",
    )
    parser.add_argument(
        "--max-memory",
        type=_megabytes,
        default=None,
        metavar="MiB",
        help=(
            "每个工作进程的内存上限（MiB），超过时该文件记为无法读取；给出时即使 --jobs 1 也在"
            "子进程中读取 (address-space cap per worker process)"
        ),
    )
    parser.add_argument(
        "--previous",
        help="上一年度的报告，用于核对 R5 (last year's report, for R5)",
    )
    parser.add_argument(
        "--severity",
        choices=("warning", "error"),
        default="warning",
        help="列出的最低级别：error 只列错误 (lowest severity listed; not for --json)",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="只列出有错误或无法读取的文件，每个一行 (only files with errors, one line each)",
    )
    shown.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=(
            f"逐条完整列出全部问题，不截断为 {LINE_WIDTH} 字，不合并“无法核对” "
            "(every finding in full)"
        ),
    )
    add_hint_arguments(parser)
    parser.set_defaults(run=run)


def _report_suffix(path: Path) -> str:
    """The extension that tells what a file is (``x.html.gz``: ``.html``)."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


def collect_files(
    paths: list[str], skipped: list[Path] | None = None
) -> Iterator[Path]:
    """Every file to check: files as given, folders searched recursively, sorted.

    Files in folders whose extension is not in `REPORT_SUFFIXES`, and README-like
    notes (`is_note`), are left out and appended to ``skipped`` when given.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if _report_suffix(found) in REPORT_SUFFIXES and not is_note(found):
                    yield found
                elif skipped is not None:
                    skipped.append(found)
        else:
            yield path


def check_file(
    path: str, previous: str | None = None, hints: dict[str, Any] | None = None
) -> CheckResult:
    """Read and check one file; never raises for a bad file (it crosses process boundaries).

    ``hints`` are `read`'s ``year``, ``agency`` and ``format_version`` for the
    file checked (not for ``previous``).
    """
    try:
        report: Report = load_report(path, **(hints or {}))
        last = load_report(previous) if previous else None
    except GovinfoReportError as error:
        return CheckResult.unreadable(path, code=error.code, error=str(error))
    except MemoryError:
        return CheckResult.unreadable(
            path,
            code="out_of_memory",
            error="读取时内存不足（超过 --max-memory 上限或机器内存）(out of memory)",
        )
    except Exception as error:  # keep going past any broken file
        return CheckResult.unreadable(
            path,
            code="internal_error",
            error=f"读取时出错 ({type(error).__name__}): {error}",
        )
    # R5 comes from compare_years (as a cross-year finding), so the publish
    # check gets no previous report: otherwise every carry-over break would be
    # listed twice. CSV carries figures, not the text.
    try:
        findings = publish_findings(report, text=Path(path).suffix.lower() != ".csv")
        if last is not None:
            findings.extend(compare_years(last, report))
    except LimitExceededError as error:  # a narrative beyond the limits
        return CheckResult.unreadable(path, code=error.code, error=str(error))
    return CheckResult.of(
        path,
        findings,
        agency=report.metadata.agency,
        year=report.metadata.year,
        format_version=report.metadata.format_version.value,
    )


def _megabytes(text: str) -> int:
    """``--max-memory``: a whole number of MiB, at least 1, where the OS can cap memory."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"应为整数 MiB (a whole number of MiB)：{text}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应至少为 1 MiB (at least 1)：{text}")
    try:
        import resource  # noqa: F401  (absent on Windows)
    except ImportError:
        raise argparse.ArgumentTypeError(
            "本系统不支持限制进程内存 (this system cannot cap a process's memory)"
        ) from None
    return value


def _limit_memory(megabytes: int | None) -> None:
    """In a worker: cap its address space, so a hostile file fails with MemoryError."""
    if megabytes:
        import resource

        size = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def _worker_died(path: Path) -> CheckResult:
    return CheckResult.unreadable(
        str(path),
        code="worker_died",
        error="读取这个文件的进程意外退出（内存耗尽被系统终止，或解析器崩溃）"
        " (the worker reading this file died)",
    )


def _results(files: list[Path], args: argparse.Namespace) -> Iterator[CheckResult]:
    """The result of every file, in order; a worker that dies costs only its file.

    When a worker process dies (killed for memory, a crash in a parser), every
    file then in the pool fails with it. The first of them is read again alone,
    in a pool of its own: if that one dies too, the file is the cause and is
    reported unreadable; the others go back to a new pool.
    """
    jobs = args.jobs if args.jobs and args.jobs > 0 else None
    previous = args.previous
    hints = hint_kwargs(args)
    # only when given: check_file keeps its two-argument call otherwise
    extra = {"hints": hints} if any(v is not None for v in hints.values()) else {}
    memory = getattr(args, "max_memory", None)
    if (args.jobs == 1 or len(files) <= 1) and not memory:
        for path in files:
            yield check_file(str(path), previous, **extra)
        return
    pending = list(files)
    alone = False
    while pending:
        workers = 1 if alone else jobs
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_limit_memory, initargs=(memory,)
        ) as pool:
            batch = pending[:1] if alone else pending
            futures = [
                pool.submit(check_file, str(p), previous, **extra) for p in batch
            ]
            for done, future in enumerate(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    if alone:
                        yield _worker_died(batch[0])
                        pending = pending[1:]
                        alone = False
                    else:
                        pending = pending[done:]
                        alone = True
                    break
                yield result
            else:
                pending = pending[len(batch) :]
                alone = False


def _cut(line: str, width: int | None) -> str:
    return line if width is None or len(line) <= width else line[: width - 1] + "…"


_LEVEL = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def _table_of(finding: Finding) -> str:
    """The table a finding is about, by its official name (``表三``), or ``""``."""
    if not finding.cells:
        return ""
    spec = all_cell_specs().get(finding.cells[0])
    return spec.table.name_zh if spec is not None else ""


def _finding_lines(findings: Iterable[Finding], verbose: bool) -> list[str]:
    """Errors first, then warnings; ``not_assessable`` as one line per table unless verbose.

    A table's collapsed line stands where its first such finding stood.
    """
    ordered = sorted(findings, key=lambda f: not f.is_error)  # stable: check order kept
    lines: list[str | tuple[Severity, str]] = []
    collapsed: dict[tuple[Severity, str], list[Finding]] = {}
    for finding in ordered:
        if not verbose and finding.kind is FindingKind.NOT_ASSESSABLE:
            key = (finding.severity, _table_of(finding))
            if key not in collapsed:
                collapsed[key] = []
                lines.append(key)
            collapsed[key].append(finding)
            continue
        level = _LEVEL[finding.severity]
        lines.append(
            f"  [{level} {finding.rule} {finding.kind.value}] {finding.message}"
        )
    return [
        line if isinstance(line, str) else _collapsed_line(*line, collapsed[line])
        for line in lines
    ]


def _collapsed_line(severity: Severity, table: str, group: list[Finding]) -> str:
    rules: dict[str, int] = {}
    for finding in group:
        rules[finding.rule] = rules.get(finding.rule, 0) + 1
    counts = "、".join(f"{rule}×{n}" for rule, n in rules.items())
    where = table or "报告"
    return (
        f"  [{_LEVEL[severity]} {FindingKind.NOT_ASSESSABLE.value}] {where}：{len(group)} 处"
        f"勾稽关系因单元格没有数字而无法核对（{counts}；--verbose 逐条列出）"
    )


def format_result(
    result: CheckResult,
    *,
    severity: Severity = Severity.WARNING,
    quiet: bool = False,
    verbose: bool = False,
) -> list[str]:
    """The lines ``check`` prints for one file (no lines for a file ``quiet`` leaves out).

    The first line names the file and its counts; the findings follow, errors
    first, each cut to `LINE_WIDTH` characters unless ``verbose``.
    """
    width = None if verbose else LINE_WIDTH
    if result.status is CheckStatus.UNREADABLE:
        message = result.error or ""
        # The line starts with the file's name; errors name their source too
        # (``path: message``): said once, the cut keeps the reason in view.
        message = message.removeprefix(f"{result.file}: ")
        if not verbose and "\n" in message:
            first, rest = message.split("\n", 1)
            message = f"{first}（另有 {rest.count(chr(10)) + 1} 行，--verbose 查看）"
        return [
            _cut(
                f"{result.file}：无法读取 (unreadable, {result.code})：{message}", width
            )
        ]
    head = f"{result.file}：{result.agency} {result.year} 年"
    if result.status is CheckStatus.CLEAN:
        return [] if quiet else [f"{head}：未发现问题 (clean)"]
    if quiet and result.status is not CheckStatus.ERROR:
        return []
    lines = [
        f"{head}：错误 {result.errors} 条，警告 {result.warnings} 条"
        f" (errors {result.errors}, warnings {result.warnings})"
    ]
    if quiet:
        return lines
    shown = [f for f in result.findings if f.is_error or severity is Severity.WARNING]
    lines.extend(_cut(line, width) for line in _finding_lines(shown, verbose))
    return lines


def run(args: argparse.Namespace) -> int:
    """Check every file; print findings and the summary; return the exit code."""
    skipped: list[Path] = []
    files = list(collect_files(args.paths, skipped))
    counts = {"clean": 0, "warning": 0, "error": 0, "unreadable": 0}
    progress: Any = None
    if sys.stderr.isatty() and len(files) > 1:
        from tqdm import tqdm

        progress = tqdm(total=len(files), unit="份", file=sys.stderr, leave=False)
    try:
        for result in _results(files, args):
            counts[result.status.value] += 1
            if progress is not None:
                progress.update(1)
                progress.clear()
            if args.json:
                print(check_result_to_json(result))
            else:
                for line in format_result(
                    result,
                    severity=Severity(args.severity),
                    quiet=args.quiet,
                    verbose=args.verbose,
                ):
                    print(line)
            if progress is not None:
                progress.refresh()
    except KeyboardInterrupt:
        done = sum(counts.values())
        print(
            f"已中断：已检查 {done} / {len(files)} 个文件，"
            f"上一个完成的是 {result.file if done else '（无）'}"
            f" (interrupted after {done} of {len(files)} files)",
            file=sys.stderr,
        )
        raise
    finally:
        if progress is not None:
            progress.close()
    read_ok = len(files) - counts["unreadable"]
    summary = (
        f"共 {len(files)} 个文件：读取 {read_ok} 个，有错误 {counts['error']} 个，"
        f"仅有警告 {counts['warning']} 个，无法读取 {counts['unreadable']} 个"
        f" (files {len(files)}, read {read_ok}, with errors {counts['error']}, "
        f"with warnings {counts['warning']}, unreadable {counts['unreadable']})"
    )
    if skipped:
        summary += (
            f"；跳过 {len(skipped)} 个不像报告的文件（扩展名不符或 README 等说明）"
            f" (skipped {len(skipped)} files that do not look like reports)"
        )
    if args.json:
        print(summary, file=sys.stderr)
    else:
        print(summary)
    if counts["unreadable"]:
        return 2
    return 1 if counts["error"] else 0
