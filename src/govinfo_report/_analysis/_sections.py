"""Section checks (every section present) and the information-processing fee of section 六.

`check_sections` returns ``S1``/``S2`` findings; `information_processing_fee`
reads the 信息处理费 that section 六 states (国办函〔2020〕109号), in 元;
`check_narrative` bundles the section checks with the narrative against the
tables.
"""

from __future__ import annotations

import re
from decimal import Decimal

from govinfo_report._analysis._checks import analysis_rule
from govinfo_report._analysis._stated import narrative_mismatches
from govinfo_report._analysis._wording import sentences
from govinfo_report._findings import Finding
from govinfo_report._format import SectionId
from govinfo_report._limits import Limits
from govinfo_report._model import Narrative, Report
from govinfo_report._values import Mark

_NARRATIVE_SECTIONS = (SectionId.OVERVIEW, SectionId.PROBLEMS, SectionId.OTHER_MATTERS)
_TABLE_SECTIONS = (
    (SectionId.ACTIVE, "active"),
    (SectionId.REQUESTS, "requests"),
    (SectionId.APPEALS, "appeals"),
)


def check_sections(report: Report) -> list[Finding]:
    """Every section of the format is there: ``S1`` (narratives) and ``S2`` (tables).

    A `Report` holds its six sections in the format's order by construction,
    so what can be wrong is a section without content: ``S1`` for 一、五 or 六
    without any text (``无。`` is text: section 六 says there is nothing to
    report), ``S2`` for a table none of whose cells is in the copy (every cell
    `MISSING`, as a reader leaves a table a truncated copy lacks). Both are
    errors of kind ``MISSING_SECTION``: the format says no section may be left
    out. Headings out of order in a published text are the reader's to report.

    >>> from govinfo_report import example_report
    >>> check_sections(example_report())
    []
    """
    findings = []
    text_rule, table_rule = analysis_rule("S1"), analysis_rule("S2")
    spec = report.spec
    for section in SectionId:
        heading = spec.section(section).heading
        if section in _NARRATIVE_SECTIONS:
            narrative: Narrative = getattr(report, section.value)
            if not narrative.is_empty:
                continue
            rule, what = text_rule, "没有任何内容"
        else:
            table = getattr(report, section.value)
            if any(v is not Mark.MISSING for v in table.values):
                continue
            rule, what = table_rule, f"{table.spec.id.name_zh}的单元格全部缺失"
        findings.append(
            Finding(
                rule=rule.id,
                kind=rule.kind,
                severity=rule.severity,
                message=f"“{heading}”{what}（{rule.statement}）",
                where=heading,
                cells=[c.id for c in getattr(report, section.value).spec.cells]
                if rule is table_rule
                else (),
            )
        )
    return findings


# ------------------------------------------------------- information-processing fee

_FEE = re.compile(r"处理费")
_FEE_AMOUNT = re.compile(
    r"处理费(?:共计|共|合计|总计|金额|收入)?(?:为|计|达)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|元)"
)
_FEE_CHARGED = re.compile(
    r"(?:收取|收费|收缴|产生)[^,;。]{0,24}?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|元)"
)
_NO_FEE = re.compile(
    r"(?:没有|未|无|不|均未|均没有|从未)(?:收取|产生|发生|涉及|收费|征收)|零收费|免收|免予收取"
)


def information_processing_fee(report: Report) -> Decimal | None:
    """The 信息处理费 section 六 says was charged this year, in 元; None if it says nothing.

    Agencies may charge an information-processing fee for large or frequent
    requests under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) and
    report it under section 六. Read from the first sentence of section 六 that
    names a 处理费: an amount (``收取…信息处理费 3940 元``; ``万元`` is
    converted) is returned exactly; a statement that none was charged
    (``没有收取``、``未收取``、``没有产生信息公开处理费``) is 0.

    This is not table 2's ``行政事业性收费`` (the agency's administrative fees,
    in 万元): the two are different things and are never compared.

    >>> from govinfo_report import example_report
    >>> information_processing_fee(example_report())
    Decimal('0')
    """
    for sentence in sentences(report, (SectionId.OTHER_MATTERS,)):
        text = sentence.normalized
        if not _FEE.search(text):
            continue
        match = _FEE_AMOUNT.search(text) or _FEE_CHARGED.search(text)
        if match is not None:
            amount = Decimal(match["num"])
            return amount.scaleb(4) if match["unit"] == "万元" else amount
        if _NO_FEE.search(text):
            return Decimal(0)
    return None


def check_narrative(report: Report, *, limits: Limits | None = None) -> list[Finding]:
    """The checks of one report's text: sections (``S1``, ``S2``), then text against tables (``N1``–``N4``).

    Args:
        report: the report.
        limits: the bounds of the work (`DEFAULT_LIMITS` when None): the
            sentences are counted against ``max_rows``, the time against
            ``max_seconds``.

    Raises:
        LimitExceededError: the narrative has more sentences than
            ``limits.max_rows`` or takes longer than its ``max_seconds``
            (a report loaded from JSON may hold megabytes).

    >>> from govinfo_report import example_report
    >>> check_narrative(example_report())
    []
    """
    return check_sections(report) + narrative_mismatches(report, limits=limits)
