"""``govinfo-report aggregate``: the sum of several agencies' reports of one year."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govinfo_report._analysis import aggregate
from govinfo_report._atomic import write_atomic
from govinfo_report._cli._load import load_report
from govinfo_report._exchange import to_json


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


def run(args: argparse.Namespace) -> int:
    """Sum the files and write the sum as JSON."""
    total = aggregate(
        (load_report(name) for name in args.files),
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
