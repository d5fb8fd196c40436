"""``govinfo-report convert``: one published report to JSON, CSV or Word."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from govinfo_report._atomic import write_atomic
from govinfo_report._readers._read import read
from govinfo_report.exceptions import GovinfoReportError

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``convert`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="把一份已发布的报告转换为 JSON、CSV 或 Word (convert one report)",
        description="读取一份报告（文本、网页、PDF、Word），写成 JSON、CSV 或 Word 文档。",
    )
    parser.add_argument("input", help="报告文件 (report file)")
    parser.add_argument(
        "--to", required=True, choices=("json", "csv", "docx"), help="目标格式"
    )
    parser.add_argument("-o", "--output", required=True, help="输出文件 (output)")
    parser.set_defaults(run=run)


def _writer(name: str) -> Callable[..., Any]:
    module = importlib.import_module("govinfo_report")
    found = getattr(module, name, None)
    if found is None:
        raise GovinfoReportError(f"本版本尚不支持此转换：缺少 {name}()")
    return found  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Read the input and write it in the chosen format."""
    report = read(args.input)
    if args.to == "json":
        text = _writer("to_json")(report)
        write_atomic(args.output, text.encode("utf-8"))
    elif args.to == "csv":
        _writer("to_csv")(report, args.output)
    else:
        _writer("write_docx")(report, args.output, allow_findings=True)
    return 0
