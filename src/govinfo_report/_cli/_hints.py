"""``--year``, ``--agency``, ``--format-version``: what the caller knows of the documents read."""

from __future__ import annotations

import argparse
from typing import Any

from govinfo_report._format import FormatVersion


def add_hint_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the three hint options to a command that reads documents."""
    group = parser.add_argument_group(
        "已知信息 (what the caller knows)",
        "文件没有写明时按此读取，写明而不同时照文件读取并报告差异 "
        "(used where a document does not say, checked where it does)",
    )
    group.add_argument(
        "--year", type=int, default=None, help="报告年度 (report year), e.g. 2021"
    )
    group.add_argument("--agency", default=None, help="发布机关 (publishing agency)")
    group.add_argument(
        "--format-version",
        choices=[v.value for v in FormatVersion],
        default=None,
        help="格式版本 (format version)",
    )


def hint_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """The hints given on the command line, as keyword arguments of `read`."""
    return {
        "year": getattr(args, "year", None),
        "agency": getattr(args, "agency", None),
        "format_version": getattr(args, "format_version", None),
    }
