"""The common end of every reader: items → sections and grid → report (`read_items`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from govinfo_report._findings import Finding, FindingKind, Severity
from govinfo_report._format import (
    REPORT_TITLE_SUFFIX,
    AppealGroup,
    FormatVersion,
    SectionId,
    format_spec,
)
from govinfo_report._limits import DEFAULT_LIMITS, Deadline, Limits
from govinfo_report._model import Report
from govinfo_report._readers._assemble import (
    build_report,
    match_grid,
    tables_complete,
)
from govinfo_report._readers._cells import (
    has_invisible,
    reading_finding,
    strip_header_unit,
    without_invisible,
)
from govinfo_report._readers._hints import Hints, mismatch, same_agency
from govinfo_report._readers._split import Item, missing_sections, split_sections
from govinfo_report._xmltext import unsafe_at, without_unsafe
from govinfo_report.exceptions import LimitExceededError, NotAReportError, ReadError

UNKNOWN_AGENCY = "（未识别的机关）"
"""The agency of a report whose title, preface and ending do not name it."""


def _excerpt_markers() -> tuple[str, ...]:
    """Column heads of tables 2 and 4 that no other table prints: an excerpt
    of one table, without the section heading, is still a report's.

    Taken from the format (both versions; a unit note left off, as
    ``本年收费金额`` may be printed with another unit), so a renamed head is a
    marker at once. Table 4's ``行政复议`` is left out: too common a word.
    """
    heads: set[str] = set()
    for version in FormatVersion:
        spec = format_spec(version)
        for row in spec.active.rows:
            heads.update(strip_header_unit(c.label) for c in row.columns)
    heads.update(g.label for g in AppealGroup if g is not AppealGroup.REVIEW)
    return tuple(sorted(heads))


_MARKERS = (
    "信息公开",
    "信息公開",
    "資訊公開",
    "依申请公开",
    "主动公开",
    *_excerpt_markers(),
)


def check_is_report(sample: str, source: str | None, *, visible: bool = False) -> None:
    """Raise `NotAReportError` fast when a text cannot be an annual report
    (``visible``: the sample holds no character that prints nothing)."""
    head = sample[:400_000]
    if not visible:
        head = without_invisible(head)  # ``信息\u200b公开`` is 信息公开
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


def _visible_items(items: Sequence[Item]) -> Sequence[Item]:
    """The items without the characters that print nothing (`_cells.INVISIBLE`).

    Every reader's text comes through here: a zero width space or a soft
    hyphen inside a figure (``1\u200b268``), a label or the agency's name is
    not what a person sees, so no reader keeps it.
    """
    # The texts and cells are searched joined, once; only items holding one
    # are rebuilt.
    if not has_invisible("".join([i.text for i in items])) and not has_invisible(
        "".join([c for i in items for c in i.cells])
    ):
        return items
    visible: list[Item] = []
    for item in items:
        if has_invisible(item.text) or any(has_invisible(c) for c in item.cells):
            item = Item(
                without_invisible(item.text),
                item.where,
                tuple(without_invisible(c) for c in item.cells),
                item.is_table,
            )
        visible.append(item)
    return visible


def _safe_items(items: Sequence[Item]) -> tuple[Sequence[Item], list[Finding]]:
    """The items without characters XML cannot hold, and a finding where any were.

    The model refuses such characters in its text (every writer must work for
    every report), so the reader removes them where it reads them and says so.
    """
    # One character at a time: the texts and cells are searched joined, once.
    if unsafe_at("".join([i.text for i in items])) is None and (
        unsafe_at("".join([c for i in items for c in i.cells])) is None
    ):
        return items, []
    safe: list[Item] = []
    findings: list[Finding] = []
    for item in items:
        text, removed = without_unsafe(item.text)
        cells = []
        in_cells = 0
        for cell in item.cells:
            clean, count = without_unsafe(cell)
            cells.append(clean)
            in_cells += count
        # The cells are usually the text split up: count the characters once.
        removed = max(removed, in_cells)
        if removed:
            item = Item(text, item.where, tuple(cells), item.is_table)
            findings.append(
                reading_finding(
                    FindingKind.REMOVED_CHARACTERS,
                    item.where,
                    f"删去 {removed} 个 XML 不能容纳的字符（控制字符、U+FFFE/U+FFFF "
                    "或孤立代理项）(removed characters not allowed in XML 1.0)",
                )
            )
        safe.append(item)
    return safe, findings


def read_items(
    items: Sequence[Item],
    *,
    strict: bool,
    source: str | None,
    sample: str | None = None,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    hints: Hints | None = None,
    reader_findings: Sequence[Finding] = (),
    clean: bool = False,
) -> Report:
    """Turn a reader's items into a report held as published.

    ``reader_findings`` are the reader's own (superscripts it dropped…),
    listed first. ``clean``: the whole text the items were cut from holds no
    character that prints nothing and none XML cannot hold (the reader
    checked it): the items are not scanned for them again.

    ``limits`` (`DEFAULT_LIMITS` when None) bounds the number of items
    (``max_rows``) and, through ``deadline``, the time. ``hints`` (the
    caller's ``year=``, ``agency=``, ``format_version=``) are used where the
    document does not state them and checked where it does.
    """
    hints = hints or Hints()
    limits = limits or DEFAULT_LIMITS
    if len(items) > limits.max_rows:
        raise limits.exceeded("max_rows", "行数", len(items), source=source)
    if sample is None:
        sample = "\n".join(i.text for i in items[:2000])
    check_is_report(sample, source, visible=clean)
    removed: list[Finding] = []
    if not clean:
        # The texts and cells are joined once for both scans: most inputs hold
        # neither an invisible nor an unsafe character, and then nothing is rebuilt.
        joined = "".join([i.text for i in items]) + "".join(
            [c for i in items for c in i.cells]
        )
        if has_invisible(joined):
            items = _visible_items(items)
        if unsafe_at(joined) is not None:
            items, removed = _safe_items(items)
    try:
        if deadline is not None:
            deadline.check("分节之前")
        split = split_sections(items, deadline)
        year, year_findings = _year(split.year, split.year_guess, hints)
        match = match_grid(
            split.grid,
            year=year,
            truncated=split.truncated,
            deadline=deadline,
            format_version=hints.format_version,
        )
    except LimitExceededError as error:
        raise with_source(error, source) from None
    if len(split.sections) < 2 and not match.tables:
        raise NotAReportError(
            "不是政府信息公开工作年度报告：没有找到报告的章节标题或统计表",
            source=source,
        )
    findings: list[Finding] = [*reader_findings, *removed, *split.findings]
    truncated = split.truncated
    if truncated and tables_complete(match):
        # The text ends after the last figure of table 4: nothing of the
        # tables was cut; sections 五 and 六 are missing, and are reported so.
        truncated = False
        known = {f.message for f in split.findings}
        findings += [
            f
            for f in missing_sections(split, after_last=True)
            if f.message not in known
        ]
    findings += year_findings
    if (
        hints.format_version is not None
        and match.version_stated
        and match.format_version is not hints.format_version
    ):
        findings.append(
            mismatch(
                "格式版本（按表格标签）",
                match.format_version.value,
                "format_version",
                hints.format_version.value,
            )
        )
    agency = split.agency
    if agency and hints.agency is not None and not same_agency(agency, hints.agency):
        findings.append(mismatch("发布机关", agency, "agency", hints.agency))
    if not agency and hints.agency is not None:
        agency = hints.agency
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
    if year is None:
        raise ReadError(
            "无法确定报告年度：标题和正文中没有“某某年”；"
            "如已知年度，请用 year= 给出 (pass year= when the caller knows it)",
            source=source,
            code="incomplete",
        )
    title = split.title
    if title == f"{agency}{year}{REPORT_TITLE_SUFFIX}":
        title = None  # the standard title is not stored
    report = build_report(
        match,
        agency=agency,
        year=year,
        date_of_issue=split.date_of_issue,
        title=title,
        preface=split.preface,
        overview=split.narratives[SectionId.OVERVIEW],
        problems=split.narratives[SectionId.PROBLEMS],
        other_matters=split.narratives[SectionId.OTHER_MATTERS],
        truncated=truncated,
        findings=findings,
    )
    if strict and report.reading_findings:
        raise ReadError(
            f"读取时发现 {len(report.reading_findings)} 处问题",
            source=source,
            code="incomplete",
            problems=[f.message for f in report.reading_findings],
        )
    return report


def _year(
    stated: int | None, guess: str, hints: Hints
) -> tuple[int | None, list[Finding]]:
    """The report year: the document's where it states one, else the hint's.

    ``guess`` says how ``stated`` was guessed where the document does not
    state it (`Split.year_guess`); a guessed year is always told: it files
    every figure of the report.
    """
    hint = hints.year
    if hint is None:
        if stated is None or not guess:
            return stated, []
        return stated, [
            reading_finding(
                FindingKind.MISSING_METADATA,
                "标题",
                f"标题、前言和统计期限都没有写明报告年度，按{guess} {stated} 年读取，"
                "请核对；如已知年度，请用 year= 给出 "
                "(the report year is not stated: guessed; pass year= when known)",
                severity=Severity.WARNING,
            )
        ]
    if stated is None:
        return hint, []
    if guess:
        if stated == hint:
            return hint, []
        # Not stated, only guessed: the caller's year is read, and the
        # guess is told.
        return hint, [
            reading_finding(
                FindingKind.METADATA_MISMATCH,
                "",
                f"文件没有写明报告年度，{guess}是 {stated} 年；"
                f"按调用方给出的 year={hint} 读取",
            )
        ]
    if stated != hint:
        return stated, [mismatch("报告年度", stated, "year", hint)]
    return stated, []
