"""The ``govinfo-report`` command: a thin layer of argument parsing over the library.

Each sub-command lives in its own module with a ``register(subparsers)``
function; this module only assembles them, maps the library's errors to clear
messages and exit codes, and never holds logic of its own.

Exit codes: 0 clean, 1 findings of error severity, 2 unreadable or invalid
input (usage errors included), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from govinfo_report._cli import (
    _aggregate,
    _check,
    _convert,
    _diff,
    _example,
    _render,
)
from govinfo_report.exceptions import GovinfoReportError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

# One line per sub-command module; keep the list sorted.
_COMMANDS = (_aggregate, _check, _convert, _diff, _example, _render)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="govinfo-report",
        description="政府信息公开工作年度报告：生成、校验、转换 (build, check, convert)",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except GovinfoReportError as error:
        print(f"govinfo-report: 错误 (error): {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("govinfo-report: 已中断 (interrupted)", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code
