"""``govinfo-report example``: write the bundled example report."""

from __future__ import annotations

import argparse
from typing import Any

from govinfo_report._examples import example_report
from govinfo_report._validate import validate
from govinfo_report._word import write_docx


def register(subparsers: Any) -> None:
    """Add the ``example`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "example",
        help="写出内置示例报告 (write the bundled example report)",
        description="写出内置的示例报告（青禾市生态环境局，虚构）为 Word 文档。",
    )
    parser.add_argument(
        "-o",
        "--output",
        help="输出的 .docx 文件 (output .docx file); without it, a summary is printed",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the example report as ``.docx``, or summarise it when no output is given."""
    report = example_report()
    if args.output is None:
        findings = validate(report)
        print(f"{report.title}：{len(report.cells())} 个单元格，{len(findings)} 条问题")
        return 0
    write_docx(report, args.output)
    print(f"已写出 (written): {args.output}")
    return 0
