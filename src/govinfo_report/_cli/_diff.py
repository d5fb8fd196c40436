"""``govinfo-report diff``: the year-over-year changes between two reports."""

from __future__ import annotations

import argparse
import unicodedata
from typing import Any

from govinfo_report._analysis import compare_years, year_over_year
from govinfo_report._cli._load import load_report
from govinfo_report._values import format_value


def register(subparsers: Any) -> None:
    """Add the ``diff`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "diff",
        help="列出两份报告逐格的变化 (cell-by-cell changes between two reports)",
        description=(
            "比较上年报告 OLD 与本年报告 NEW，列出数字有变化的单元格"
            "（单元格编号、官方标签、上年、本年、变化）。"
        ),
    )
    parser.add_argument("old", help="上年报告 (last year's report)")
    parser.add_argument("new", help="本年报告 (this year's report)")
    parser.add_argument(
        "--all", action="store_true", help="也列出没有变化的单元格 (list every cell)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="同时列出跨年度核对的问题 (also print compare_years findings)",
    )
    parser.set_defaults(run=run)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def run(args: argparse.Namespace) -> int:
    """Print the changes (and, with ``--check``, the cross-year findings)."""
    previous, current = load_report(args.old), load_report(args.new)
    changes = year_over_year(previous, current, changed_only=not args.all)
    header = ("单元格 (cell)", "上年 (previous)", "本年 (current)", "变化 (change)")
    rows = [
        (
            f"{c.table} {c.row} / {c.column}",
            format_value(c.previous),
            format_value(c.current),
            "" if c.change is None else f"{c.change:+}",
        )
        for c in changes
    ]
    widths = [max(_width(r[i]) for r in (header, *rows)) for i in range(4)]
    for row in (header, *rows):
        print(
            "  ".join(
                _pad(cell, w) for cell, w in zip(row, widths, strict=True)
            ).rstrip()
        )
    what = "个单元格" if args.all else "个单元格有变化"
    print(f"共 {len(rows)} {what} ({len(rows)} cells listed)")
    if args.check:
        for finding in compare_years(previous, current):
            print(f"[{finding.rule}] {finding.message}")
    return 0
