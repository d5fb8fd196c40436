"""The analysis checks (across years, across agencies, narrative against tables) as data.

Each check is an `AnalysisRule`: its id, the kind and severity of its findings,
what it compares and the Chinese wording of its statement. The checks in
`_years`, `_agencies`, `_stated` and `_sections` take their ids, kinds,
severities and statements from here, so the list below documents every finding
they can return.
"""

from __future__ import annotations

import attrs

from govinfo_report._findings import FindingKind, Severity
from govinfo_report._format import FormatVersion


@attrs.frozen
class AnalysisRule:
    """One analysis check, as data.

    Attributes:
        id: ``Y1``… (across years), ``A1``… (across agencies), ``N1``…
            (narrative against tables), ``S1``… (sections), ``M1`` (metadata).
        kind: the kind of the findings it returns.
        severity: their severity.
        formula: what is compared, in terms of cell ids, for documentation.
        statement: the check in Chinese, as messages cite it.
    """

    id: str
    kind: FindingKind
    severity: Severity
    formula: str
    statement: str


_W = Severity.WARNING
_E = Severity.ERROR
_YEAR = FindingKind.CROSS_YEAR
_AGENCY = FindingKind.CROSS_AGENCY
_TEXT = FindingKind.NARRATIVE_MISMATCH

ANALYSIS_RULES: tuple[AnalysisRule, ...] = (
    AnalysisRule(
        "Y1",
        _YEAR,
        _W,
        "last in_force + issued - repealed = in_force (rules, normative_documents)",
        "上年现行有效件数加本年制发件数减本年废止件数，一般应等于本年现行有效件数",
    ),
    AnalysisRule(
        "Y2",
        _YEAR,
        _W,
        "every figure of a table = last year's (not all zero)",
        "表中每个数字都与上年报告相同，数据可能照抄上年",
    ),
    AnalysisRule(
        "Y3",
        _YEAR,
        _W,
        "every figure of the report = last year's (not all zero)",
        "三张表的全部数字都与上年报告相同，数据可能照抄上年",
    ),
    AnalysisRule(
        "Y4",
        _YEAR,
        _W,
        "text of a narrative section = last year's (at least 20 characters)",
        "叙述部分与上年报告一字不差，可能照抄上年",
    ),
    AnalysisRule(
        "Y5",
        _YEAR,
        _W,
        "agency = last year's agency",
        "两份报告的发布机关不同，跨年度比较可能没有意义",
    ),
    AnalysisRule(
        "Y6",
        _YEAR,
        _W,
        "year = last year's year + 1",
        "两份报告的年度不相邻",
    ),
    AnalysisRule(
        "Y7",
        _YEAR,
        _W,
        "format version = last year's format version",
        "两份报告的格式版本不同，只比较两版格式中含义相同的单元格",
    ),
    AnalysisRule(
        "A1",
        _AGENCY,
        _W,
        "parent cell = sum of the children's cells",
        "本级报告的数字应等于所属各部门报告之和",
    ),
    AnalysisRule(
        "A2",
        FindingKind.NOT_ASSESSABLE,
        _W,
        "parent cell or children's sum without a figure",
        "本级报告或所属部门报告的单元格没有数字，无法核对",
    ),
    AnalysisRule(
        "N1",
        _TEXT,
        _W,
        "stated requests (received, carried over, handled, outcomes) = table 3",
        "正文所述政府信息公开申请数量应与表三一致",
    ),
    AnalysisRule(
        "N2",
        _TEXT,
        _W,
        "stated reviews and lawsuits (totals, results) = table 4",
        "正文所述行政复议、行政诉讼数量应与表四一致",
    ),
    AnalysisRule(
        "N3",
        _TEXT,
        _W,
        "stated licensing / penalty / coercion decisions = table 2",
        "正文所述处理决定数量应与表二一致",
    ),
    AnalysisRule(
        "N4",
        _TEXT,
        _W,
        "stated rules / normative documents issued, repealed, in force = table 2",
        "正文所述规章、规范性文件件数应与表二一致",
    ),
    AnalysisRule(
        "S1",
        FindingKind.MISSING_SECTION,
        _E,
        "overview, problems and other_matters each hold text",
        "报告的六个部分缺一不可，叙述部分不能为空",
    ),
    AnalysisRule(
        "S2",
        FindingKind.MISSING_SECTION,
        _E,
        "a table has at least one cell present in the copy",
        "报告的六个部分缺一不可，统计表不能整张缺失",
    ),
    AnalysisRule(
        "M1",
        FindingKind.FORMAT_MISMATCH,
        _E,
        "format_version = 2019 for years 2019–2020, 2021 from 2021",
        f"报告年度 2019—2020 年使用 2019 版试行格式（{FormatVersion.V2019.notice}），"
        f"2021 年起使用 2021 版格式（{FormatVersion.V2021.notice}）",
    ),
    AnalysisRule(
        "M2",
        FindingKind.FORMAT_MISMATCH,
        _W,
        "a non-zero amount whose unit the format leaves open has its unit (amount_unit)",
        "格式未规定单位的金额（2019 版表二 采购总金额）应注明单位（元或万元）",
    ),
)
"""Every analysis check: ids, kinds, severities and statements."""

_BY_ID = {rule.id: rule for rule in ANALYSIS_RULES}


def analysis_rule(rule_id: str) -> AnalysisRule:
    """The analysis rule with this id (``Y1``, ``A1``, ``N1``, ``S1``…)."""
    return _BY_ID[rule_id]
