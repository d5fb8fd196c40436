"""``govinfo-report convert``: published reports to JSON, CSV, Word or a web page.

One input and an output file name: that one file. Several inputs, or a
folder: every report found (folders searched as ``check`` searches them) is
written into the output folder as ``<name>.<format>``; with ``--to csv`` and
an output ending in ``.csv`` all readable reports go into that one CSV file
instead. A file that cannot be read is reported and the run goes on. Every
output is written atomically, an output never replaces an input, and Ctrl-C
says how far the run got and leaves no partial file.

Exit code: 0 all converted, 2 some input could not be read or written (usage
errors included), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govinfo_report._atomic import write_atomic
from govinfo_report._cli._check import collect_files
from govinfo_report._cli._hints import add_hint_arguments, hint_kwargs
from govinfo_report._cli._load import load_report
from govinfo_report._exchange import to_csv, to_json
from govinfo_report._model import Report
from govinfo_report._web import write_html
from govinfo_report._word import write_docx
from govinfo_report.exceptions import GovinfoReportError, WriteError

_SUFFIX = {"json": ".json", "csv": ".csv", "docx": ".docx", "html": ".html"}


def register(subparsers: Any) -> None:
    """Add the ``convert`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="把已发布的报告转换为 JSON、CSV、Word 或网页 (convert reports)",
        description=(
            "读取报告（文本、网页、PDF、Word、JSON、CSV），写成 JSON、CSV、Word 文档或网页（html）。"
            "一个输入时 -o 是输出文件；多个输入或文件夹时 -o 是输出文件夹"
            "（--to csv 且 -o 以 .csv 结尾时，全部报告写入这一个 CSV）。"
            "无法读取的文件报告后继续。退出码：0 全部转换，2 有文件无法读取或写入，130 中断。"
        ),
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="input", help="报告文件或文件夹 (files or folders)"
    )
    parser.add_argument(
        "--to", required=True, choices=tuple(_SUFFIX), help="目标格式 (target format)"
    )
    parser.add_argument(
        "-o", "--output", required=True, help="输出文件或文件夹 (output file or folder)"
    )
    add_hint_arguments(parser)
    parser.set_defaults(run=run)


def _write(report: Report, target: str, output: Path) -> None:
    if target == "json":
        write_atomic(output, to_json(report).encode("utf-8"))
    elif target == "csv":
        to_csv(report, output)
    elif target == "html":
        write_html(report, output, allow_findings=True)
    else:
        write_docx(report, output, allow_findings=True)


def _is_input(output: Path, inputs: set[Path]) -> bool:
    return output.resolve() in inputs


class _Run:
    """The outcome of a batch, file by file, for the summary and Ctrl-C."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.last: Path | None = None

    def failure(self, path: Path, error: Exception) -> None:
        self.done += 1
        self.failed += 1
        self.last = path
        # A library error already starts with the file's name.
        shown = error if isinstance(error, GovinfoReportError) else f"{path}：{error}"
        print(f"无法转换 (failed)：{shown}", file=sys.stderr)

    def success(self, path: Path, output: Path | None = None) -> None:
        self.done += 1
        self.last = path
        if output is not None:
            print(f"{path} → {output}")

    def interrupted(self) -> None:
        last = self.last if self.last is not None else "（无）"
        print(
            f"已中断：已处理 {self.done} / {self.total} 个文件，上一个是 {last}；"
            f"已写出的文件都是完整的，没有写了一半的文件"
            f" (interrupted after {self.done} of {self.total} files; "
            f"no partial output)",
            file=sys.stderr,
        )


def _each(files: list[Path], run: _Run, step: Callable[[Path], None]) -> None:
    try:
        for path in files:
            try:
                step(path)
            except GovinfoReportError as error:
                run.failure(path, error)
            except Exception as error:  # keep going past any broken file, as check does
                run.failure(
                    path, RuntimeError(f"转换时出错 ({type(error).__name__}): {error}")
                )
    except KeyboardInterrupt:
        run.interrupted()
        raise


def _outputs(files: list[Path], folder: Path, suffix: str) -> dict[Path, Path]:
    """Each input's output in ``folder``: ``<stem><suffix>``, the full name if taken."""
    outputs: dict[Path, Path] = {}
    taken: set[str] = set()
    for path in files:
        name = path.stem + suffix
        if name in taken:
            name = path.name + suffix
        number = 2
        while name in taken:
            name = f"{path.stem}-{number}{suffix}"
            number += 1
        taken.add(name)
        outputs[path] = folder / name
    return outputs


def run(args: argparse.Namespace) -> int:
    """Convert every input; return the exit code."""
    skipped: list[Path] = []
    files = list(collect_files(args.inputs, skipped))
    inputs = {path.resolve() for path in files}
    output = Path(args.output)
    suffix = _SUFFIX[args.to]
    single = (
        len(files) == 1 and len(args.inputs) == 1 and not Path(args.inputs[0]).is_dir()
    )
    run = _Run(len(files))
    hints = hint_kwargs(args)

    if single and not output.is_dir():
        path = files[0]
        if _is_input(output, inputs):
            raise WriteError(
                f"{output}：输出文件就是输入文件，不能覆盖输入 (output is the input)"
            )
        _write(load_report(path, **hints), args.to, output)
        return 0

    if args.to == "csv" and output.suffix.lower() == ".csv" and not output.is_dir():
        if _is_input(output, inputs):
            raise WriteError(
                f"{output}：输出文件就是输入文件之一，不能覆盖输入 (output is an input)"
            )
        reports: list[Report] = []

        def collect(path: Path) -> None:
            reports.append(load_report(path, **hints))
            run.success(path)

        _each(files, run, collect)
        if reports:
            to_csv(reports, output)
            print(f"{len(reports)} 份报告 → {output}")
        else:
            print(
                f"没有读得出的报告，未写出 {output} (no report read, nothing written)"
            )
    else:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteError(
                f"{output}：无法创建输出文件夹 (cannot create folder)：{error}"
            ) from None
        targets = _outputs(files, output, suffix)

        def convert(path: Path) -> None:
            target = targets[path]
            if _is_input(target, inputs):
                raise WriteError(
                    f"{target}：输出文件就是输入文件，不能覆盖输入 (output is an input)"
                )
            _write(load_report(path, **hints), args.to, target)
            run.success(path, target)

        _each(files, run, convert)

    summary = (
        f"共 {len(files)} 个文件：转换 {len(files) - run.failed} 个，失败 {run.failed} 个"
        f" (files {len(files)}, converted {len(files) - run.failed}, failed {run.failed})"
    )
    if skipped:
        summary += f"；跳过 {len(skipped)} 个不像报告的文件 (skipped {len(skipped)})"
    print(summary)
    return 2 if run.failed else 0
