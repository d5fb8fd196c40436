"""``govinfo-report aggregate``: the sum of several agencies' reports of one year."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import govinfo_report
from govinfo_report._analysis import aggregate
from govinfo_report._atomic import write_atomic
from govinfo_report._limits import DEFAULT_LIMITS, read_bounded
from govinfo_report._model import Report
from govinfo_report.exceptions import ReadError, WriteError

__all__ = ["load_report", "register"]


def register(subparsers: Any) -> None:
    """Add the ``aggregate`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "aggregate",
        help="逐格汇总多个部门同一年度的报告 (sum several agencies' reports)",
        description=(
            "把同一年度、同一格式的多份报告逐格相加，写成一份 JSON 报告。"
            "任何一份报告中空白、“/”或缺失的单元格，汇总后为空白，"
            "除非指定 --blank-as-zero（此时空白和“/”按 0 计）。"
        ),
    )
    parser.add_argument("files", nargs="+", help="报告文件 (report files)")
    parser.add_argument(
        "--agency", required=True, help="汇总报告的发布机关 (agency of the sum)"
    )
    parser.add_argument(
        "--year", required=True, type=int, help="报告年度 (report year)"
    )
    parser.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="空白和“/”按 0 计 (count blank and / as 0)",
    )
    parser.add_argument(
        "-o", "--output", required=True, help="输出的 JSON 文件 (output)"
    )
    parser.set_defaults(run=run)


def _reader() -> Callable[[Path], Report]:
    read = getattr(govinfo_report, "read", None)
    if read is not None:
        return read  # type: ignore[no-any-return]
    from_json = getattr(govinfo_report, "from_json", None)

    def load(path: Path) -> Report:
        if path.suffix.lower() != ".json" or from_json is None:
            raise ReadError(
                "本版本只能读取 JSON 交换格式的报告（"
                + (
                    "读取已发布报告的模块尚未提供"
                    if from_json
                    else "交换格式模块尚未提供"
                )
                + "） (only .json input in this build)",
                source=str(path),
            )
        data = read_bounded(path, DEFAULT_LIMITS, source=str(path))
        report: Report = from_json(data)
        return report

    return load


def load_report(name: str) -> Report:
    """Read one report file with the readers available in this build.

    Raises:
        ReadError: the file cannot be read, or its form is not supported yet.
    """
    return _reader()(Path(name))


def _reports(files: Sequence[str]) -> Iterator[Report]:
    read = _reader()
    for name in files:
        yield read(Path(name))


def run(args: argparse.Namespace) -> int:
    """Sum the files and write the sum as JSON."""
    to_json = getattr(govinfo_report, "to_json", None)
    if to_json is None:
        raise WriteError(
            "写出 JSON 需要交换格式模块，本版本尚未提供 (JSON output not in this build)"
        )
    total = aggregate(
        _reports(args.files),
        agency=args.agency,
        year=args.year,
        blank_as_zero=args.blank_as_zero,
    )
    write_atomic(Path(args.output), to_json(total).encode())
    print(
        f"已汇总 {len(args.files)} 份报告 → {args.output} (summed {len(args.files)} reports)",
        file=sys.stderr,
    )
    return 0
