"""``govinfo-report render``: a report (JSON exchange document) as a Word document or a web page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govinfo_report._cli._hints import add_hint_arguments, hint_kwargs
from govinfo_report._cli._load import EXAMPLE, load_report
from govinfo_report._web import write_html
from govinfo_report._word import write_docx
from govinfo_report.exceptions import InconsistentReportError


def register(subparsers: Any) -> None:
    """Add the ``render`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "render",
        help="把报告（JSON）写成 Word 文档或网页 (render a report as .docx or .html)",
        description=(
            "把 JSON 交换格式的报告写成可直接发布的 Word 文档（.docx）；"
            "输出文件以 .html 或 .htm 结尾时写成网页。"
            f"输入写 {EXAMPLE} 时使用内置示例报告。"
        ),
    )
    parser.add_argument(
        "input", help=f"报告 JSON 文件 (report JSON file), or {EXAMPLE}"
    )
    parser.add_argument(
        "-o", "--output", required=True, help="输出的 .docx 或 .html 文件 (output)"
    )
    parser.add_argument(
        "--template", help="提供样式的 Word 模板 (a .docx whose styles to use)"
    )
    parser.add_argument(
        "--allow-findings",
        action="store_true",
        help="数字不符合勾稽关系时仍然照原样写出 (write even with error findings)",
    )
    add_hint_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the report and write it as ``.docx`` or ``.html``; exit 1 when refused."""
    report = load_report(args.input, example=True, **hint_kwargs(args))
    as_page = Path(args.output).suffix.lower() in (".html", ".htm")
    try:
        if as_page:
            if args.template is not None:
                print(
                    "govinfo-report: --template 只用于 Word 文档"
                    " (--template is for .docx output only)",
                    file=sys.stderr,
                )
                return 2
            write_html(report, args.output, allow_findings=args.allow_findings)
        else:
            write_docx(
                report,
                args.output,
                template=args.template,
                allow_findings=args.allow_findings,
            )
    except InconsistentReportError as error:
        print(f"govinfo-report: 拒绝写出 (refused): {error}", file=sys.stderr)
        print(
            "如需照原样发布，请加 --allow-findings (to publish as is)", file=sys.stderr
        )
        return 1
    print(f"已写出 (written): {args.output}")
    return 0
