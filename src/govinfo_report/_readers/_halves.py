"""A table row printed in two halves: its label repeated over a page break.

A row that breaks across a page in a PDF or Word table comes out of a copy
as two rows with the same label, the first with the figures that stood on
one page and the second with the rest (``1.本机关不掌握相关政府信息 | 9 | 1
| 0`` … ``- 3 -`` … ``1.本机关不掌握相关政府信息 | 0 | 0 | 1 | 11``). Each
half alone is a row with cells missing, so both were reported and the row
lost. Two consecutive rows of one label, each with fewer figures than the
row has cells and together exactly as many, are read as one row (first
half first), with a warning naming the cells; a dump's two runs of digits
(each too short for the row) are one run. A second row with all its
figures is a row printed twice, left to `_store`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import CellSpec
from govinfo_report._readers import _runs
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._matcher import _Anchor, _Token

CellsOf = Callable[[_Anchor], tuple[CellSpec, ...] | None]


def _digits(anchor: _Anchor) -> str | None:
    """The digits of a dump row's one run of digits; None for other rows."""
    tokens = anchor.tokens
    if len(tokens) == 1 and _runs.is_run(tokens[0].text):
        run = _runs.run_text(tokens[0].text)
        return run if run.isdigit() else None
    return None


def _same_header(a: _Anchor, b: _Anchor) -> bool:
    """Both halves stand under one header (or the same header printed again)."""
    if a.header is b.header:
        return True
    if a.header is None or b.header is None:
        return False
    return a.header.keys == b.header.keys and a.header.refuses == b.header.refuses


def _join(a: _Anchor, b: _Anchor, n: int) -> list[_Token] | None:
    """The tokens of the row that ``a`` and ``b`` are halves of, or None."""
    first, second = _digits(a), _digits(b)
    if first is not None and second is not None:
        if len(first) >= n or len(second) >= n:
            return None  # one of them may be the whole row
        return [_Token(_runs.run_token(first + second), a.tokens[0].where)]
    if first is not None or second is not None:
        return None
    if a.figures >= n or b.figures >= n or a.figures + b.figures != n:
        return None
    return [*a.tokens, *b.tokens]


def joined_halves(
    anchors: Sequence[_Anchor], cells_of: CellsOf, place: Callable[[_Anchor], str]
) -> tuple[list[_Anchor], list[Finding]]:
    """``anchors`` with each row printed in two halves read as one row.

    ``cells_of`` gives a row's cells (None for a label of no row),
    ``place`` its name for messages.
    """
    out: list[_Anchor] = []
    findings: list[Finding] = []
    for anchor in anchors:
        before = out[-1] if out else None
        if (
            before is not None
            and anchor.ref is not None
            and before.ref is anchor.ref
            and before.has_values
            and anchor.has_values
            and _same_header(before, anchor)
        ):
            cells = cells_of(anchor)
            tokens = _join(before, anchor, len(cells)) if cells else None
            if cells and tokens is not None:
                shown = "；".join(
                    shortened(
                        " ".join(
                            _runs.run_text(t.text) for t in half.tokens if not t.empty
                        ),
                        60,
                    )
                    for half in (before, anchor)
                ).replace(_runs.RUN_MARK, "")
                findings.append(
                    reading_finding(
                        FindingKind.AMBIGUOUS,
                        before.where,
                        f"{place(before)}：一行分两处印出（{before.where}、"
                        f"{anchor.where}，标签重复，如跨页），两处的数字（{shown}）"
                        "接起来按一行读入",
                        cells=[c.id for c in cells],
                        severity=Severity.WARNING,
                    )
                )
                out[-1] = _Anchor(
                    before.ref,
                    before.table,
                    before.text,
                    before.score,
                    before.where,
                    tokens=tokens,
                    figures=before.figures + anchor.figures,
                    header=before.header,
                    unit=before.unit,
                )
                continue
        out.append(anchor)
    return out, findings
