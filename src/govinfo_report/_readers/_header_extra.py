"""Columns a report adds to a table (``上年``, ``同比增减``): their figures set aside.

A report may print a column the format lacks beside the format's own (last
year's figure, the change): ``行政许可 | 1268 | 1100`` under ``本年处理决定数量
| 上年``. The header names the format's column, so its figure is placed by
it; the added column's head is no column of the format (a finding), and its
figure is no cell's: it is set aside with a warning, never placed by guess.
A dump's run of digits under such a header is reported: its digits hold the
added column's figures. That holds only when the row prints one figure (or blank) for every column
of the header (empty filler cells after them aside); any other count leaves
the row as it was (reported).
"""

from __future__ import annotations

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._readers import _runs
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._header_order import Ordered
from govinfo_report._readers._matcher import _Anchor


def without_added_columns(
    anchor: _Anchor, ordered: Ordered, place: str, findings: list[Finding]
) -> _Anchor | None:
    """``anchor`` without the figures of the columns ``ordered.skip`` names.

    None (with a finding naming the row's cells) for a dump's run of digits:
    it holds the added columns' figures too, and which digits are whose
    cannot be told (``12681100`` under ``本年处理决定数量上年`` was read as
    one figure, 12681100).
    """
    header = ordered.header
    tokens = anchor.tokens
    if header is None:
        return anchor
    added = "、".join(shortened(header.texts[i], 20) for i in ordered.skip)
    if len(tokens) == 1 and _runs.is_run(tokens[0].text):
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                anchor.where,
                f"{place}：表头有报告格式中没有的列（{added}），连写的数字"
                f"“{shortened(_runs.run_text(tokens[0].text), 40)}”中哪些属于本行的"
                "各列无法确定，本行记为缺失",
                cells=[c.id for c in ordered.cells],
            )
        )
        return None
    size = len(header.keys)
    if len(tokens) > size and all(t.empty for t in tokens[size:]):
        tokens = tokens[:size]  # a Markdown row's filler cells
    if len(tokens) != size:
        return anchor
    skip = set(ordered.skip)
    kept = [t for i, t in enumerate(tokens) if i not in skip]
    shown = "；".join(
        f"“{shortened(header.texts[i], 20)}”：{tokens[i].text or '空白'}"
        for i in ordered.skip
    )
    findings.append(
        reading_finding(
            FindingKind.UNREAD_LINE,
            anchor.where,
            f"{place}：报告格式中没有的列（{shown}）的数字未读入；其他各列按表头读入",
            severity=Severity.WARNING,
        )
    )
    return attrs.evolve(
        anchor, tokens=kept, figures=sum(1 for t in kept if not t.empty)
    )
