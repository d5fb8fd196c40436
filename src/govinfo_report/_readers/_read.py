"""The common end of every reader, and read(): choose a reader for a file."""

from __future__ import annotations

import importlib
import inspect
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import REPORT_TITLE_SUFFIX, SectionId
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits
from govinfo_report._model import Report
from govinfo_report._readers._narrative import Item, split_sections
from govinfo_report._readers._table import build_report, match_grid, reading_finding
from govinfo_report.exceptions import LimitExceededError, NotAReportError, ReadError

__all__ = ["read", "read_items", "with_source"]

UNKNOWN_AGENCY = "（未识别的机关）"
"""The agency of a report whose title, preface and ending do not name it."""

_MARKERS = ("信息公开", "信息公開", "資訊公開", "依申请公开", "主动公开")


def check_is_report(sample: str, source: str | None) -> None:
    """Raise `NotAReportError` fast when a text cannot be an annual report."""
    head = sample[:400_000]
    if not any(marker in head for marker in _MARKERS):
        raise NotAReportError(
            "不是政府信息公开工作年度报告：全文没有“信息公开”等字样", source=source
        )


_Error = TypeVar("_Error", bound=ReadError)


def with_source(error: _Error, source: str | None) -> _Error:
    """The same error (same type and attributes) naming ``source`` when it did not yet.

    The error is named in place: it was raised inside this reader and nothing
    else holds it yet.
    """
    if error.source is not None or source is None:
        return error
    error.args = (f"{source}: {error}",)
    error.source = source
    return error


def read_items(
    items: Sequence[Item],
    *,
    strict: bool,
    source: str | None,
    sample: str | None = None,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
) -> Report:
    """Turn a reader's items into a report held as published.

    ``limits`` (`DEFAULT_LIMITS` when None) bounds the number of items
    (``max_rows``) and, through ``deadline``, the time.
    """
    limits = limits or DEFAULT_LIMITS
    if len(items) > limits.max_rows:
        raise limits.exceeded("max_rows", "行数", len(items), source=source)
    if sample is None:
        sample = "\n".join(i.text for i in items[:2000])
    check_is_report(sample, source)
    try:
        if deadline is not None:
            deadline.check("分节之前")
        split = split_sections(items)
        match = match_grid(
            split.grid, year=split.year, truncated=split.truncated, deadline=deadline
        )
    except LimitExceededError as error:
        raise with_source(error, source) from None
    if len(split.sections) < 2 and not match.tables:
        raise NotAReportError(
            "不是政府信息公开工作年度报告：没有找到报告的章节标题或统计表",
            source=source,
        )
    findings: list[Finding] = list(split.findings)
    agency = split.agency
    if not agency:
        agency = UNKNOWN_AGENCY
        findings.append(
            reading_finding(
                FindingKind.MISSING_METADATA,
                "标题",
                "标题、前言和落款中都没有找到发布机关名称",
                severity=Severity.WARNING,
            )
        )
    if split.year is None:
        raise ReadError("无法确定报告年度：标题和正文中没有“某某年”", source=source)
    title = split.title
    if title == f"{agency}{split.year}{REPORT_TITLE_SUFFIX}":
        title = None  # the standard title is not stored
    report = build_report(
        match,
        agency=agency,
        year=split.year,
        date_of_issue=split.date_of_issue,
        title=title,
        preface=split.preface,
        overview=split.narratives[SectionId.OVERVIEW],
        problems=split.narratives[SectionId.PROBLEMS],
        other_matters=split.narratives[SectionId.OTHER_MATTERS],
        truncated=split.truncated,
        findings=findings,
    )
    if strict and report.reading_findings:
        raise ReadError(
            f"读取时发现 {len(report.reading_findings)} 处问题",
            source=source,
            problems=[f.message for f in report.reading_findings],
        )
    return report


def _csv_header(head: bytes) -> bool:
    columns = _lazy("CSV_COLUMNS")
    if not columns:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(
        ",".join(columns[:3]).encode("ascii")
    )


def _one_csv_report(data: bytes, source: str, limits: Limits) -> Report:
    loader = _lazy("from_csv")
    if loader is None:
        raise ReadError("读取 CSV 交换格式的功能尚不可用", source=source)
    reports = _call(loader, io.BytesIO(data), limits=limits)
    if len(reports) != 1:
        raise ReadError(
            f"CSV 文件含 {len(reports)} 份报告，read() 只读一份："
            "请用 from_csv() 读取 (use from_csv for several reports)",
            source=source,
        )
    return reports[0]  # type: ignore[no-any-return]


def _call(function: Any, *args: Any, limits: Limits, **kwargs: Any) -> Any:
    """Call another helper's reader, passing ``limits`` when it takes them."""
    try:
        takes_limits = "limits" in inspect.signature(function).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins
        takes_limits = False
    if takes_limits:
        kwargs["limits"] = limits
    return function(*args, **kwargs)


def _lazy(name: str) -> Any:
    module = importlib.import_module("govinfo_report")
    return getattr(module, name, None)


def read(
    path: str | Path, *, strict: bool = False, limits: Limits | None = None
) -> Report:
    """Read a published report from a file, choosing the reader by content and name.

    ``.txt``/``.md`` → `read_text`, ``.html``/``.htm`` → `read_html`, ``.pdf`` →
    `read_pdf`, ``.docx`` → ``read_docx``, ``.json`` → ``from_json`` and
    ``.csv`` → ``from_csv`` (a CSV holding exactly one report; use
    ``from_csv`` for several). Content decides where the extension does not:
    a ``%PDF`` header, a zip (Word) header, HTML markup, a JSON object.

    The file is opened read-only and never changed. Its size is checked
    against ``limits.max_input_bytes`` before it is read.

    Raises:
        ReadError: the file cannot be read (with its name); `NotAReportError`
            when it is not an annual report; `LimitExceededError` when it is
            beyond a limit of ``limits`` (`DEFAULT_LIMITS` when None).
    """
    limits = limits or DEFAULT_LIMITS
    target = Path(path)
    source = str(target)
    try:
        with target.open("rb") as file:
            limits.check_size(os.fstat(file.fileno()).st_size, source=source)
            data = file.read(limits.max_input_bytes + 1)
    except OSError as error:
        raise ReadError(
            f"无法读取文件：{error.strerror or error}", source=source
        ) from None
    limits.check_size(len(data), source=source)  # a file that grew meanwhile
    suffix = target.suffix.lower()
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF") or (suffix == ".pdf" and not head.startswith(b"<")):
        from govinfo_report._readers._pdf import read_pdf

        return read_pdf(data, strict=strict, source=source, limits=limits)
    # An old binary or encrypted Word file (OLE compound document) goes to
    # read_docx too, which says what it is and how to save it as .docx.
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or suffix in (
        ".docx",
        ".doc",
    ):
        reader = _lazy("read_docx")
        if reader is None:
            raise ReadError("读取 Word 文件（.docx）的功能尚不可用", source=source)
        report: Report = _call(reader, target, strict=strict, limits=limits)
        return report
    if suffix == ".json" or head.startswith(b"{"):
        loader = _lazy("from_json")
        if loader is None:
            raise ReadError("读取 JSON 交换格式的功能尚不可用", source=source)
        loaded: Report = _call(loader, data, limits=limits)
        return loaded
    if suffix == ".csv" or _csv_header(head):
        return _one_csv_report(data, source, limits)
    lowered = head[:512].lower()
    if (
        suffix in (".html", ".htm")
        or lowered.startswith((b"<!doctype", b"<html", b"<?xml"))
        or (b"<table" in data[:200_000].lower() and b"</" in lowered)
    ):
        from govinfo_report._readers._html import read_html

        return read_html(data, strict=strict, source=source, limits=limits)
    from govinfo_report._readers._html import decode_bytes
    from govinfo_report._readers._text import read_text

    return read_text(
        decode_bytes(data, None), strict=strict, source=source, limits=limits
    )
