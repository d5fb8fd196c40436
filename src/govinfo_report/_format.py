"""The one table of the report format: ids, official labels, numbering, variants.

Everything else (model, rules, exchange formats, Word writer, readers) reads the
structure of the report from here. Adding a row to the format means adding it
here (its enum member, its label, and the layouts that print it, e.g.
`REQUESTS_ROWS`); nothing else names a row or a column. A change to the rows,
columns or kinds changes the exchange document, so it also needs a new
``SCHEMA_VERSION`` (``_exchange/_document.py``; a test says so).

Labels are written exactly as 国办公开办函〔2021〕30号 prints them, full-width
punctuation included (see ``shared/spec/format-2021.md``).

Over 500 lines: it is the format table, mostly data (every row, column and label
of three tables in two versions); splitting it would split the one place a row
is defined.
"""

from __future__ import annotations

import decimal
import enum
import functools
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs


class FormatVersion(enum.Enum):
    """Which official format a report follows (报告格式版本)."""

    V2019 = "2019"
    """国办公开办函〔2019〕60号, the trial format for report years 2019 and 2020."""
    V2021 = "2021"
    """国办公开办函〔2021〕30号, the format for report years 2021 on."""

    @property
    def notice(self) -> str:
        """The notice that fixes this format, e.g. ``国办公开办函〔2021〕30号``."""
        return _NOTICES[self]

    @property
    def years(self) -> range:
        """The report years this format is for: 2019–2020 for the trial format, 2021 on.

        >>> FormatVersion.V2019.years
        range(2019, 2021)
        """
        return _YEARS[self]

    @classmethod
    def for_year(cls, year: int) -> FormatVersion | None:
        """The format of report year ``year``; None before 2019 (no format here).

        >>> FormatVersion.for_year(2020), FormatVersion.for_year(2021)
        (<FormatVersion.V2019: '2019'>, <FormatVersion.V2021: '2021'>)
        """
        return next((v for v in cls if year in v.years), None)


_NOTICES = {
    FormatVersion.V2019: "国办公开办函〔2019〕60号",
    FormatVersion.V2021: "国办公开办函〔2021〕30号",
}

_YEARS = {
    FormatVersion.V2019: range(2019, 2021),
    # The model refuses years past 2200; the range only has to be open-ended.
    FormatVersion.V2021: range(2021, 10_000),
}


class CellKind(enum.Enum):
    """What a figure cell holds when it holds a figure."""

    COUNT = "count"
    """A whole number ≥ 0 (件数、决定数量、申请数量…)."""
    SIGNED_COUNT = "signed_count"
    """A whole number that may be negative (2019 format ``本年增/减``)."""
    AMOUNT = "amount"
    """An exact decimal amount ≥ 0, its published precision kept (万元、元)."""


class AmountUnit(enum.Enum):
    """The unit an amount is held in (金额单位); the value is the unit as printed."""

    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"

    @property
    def exponent(self) -> int:
        """The power of ten of one unit in 元: 0, 4 or 8.

        >>> AmountUnit.WAN_YUAN.exponent
        4
        """
        return _UNIT_EXPONENTS[self]

    def convert(self, amount: Decimal, unit: AmountUnit) -> Decimal:
        """``amount`` (in this unit) in ``unit``, exactly: every digit kept, never rounded.

        >>> AmountUnit.YUAN.convert(Decimal("125600"), AmountUnit.WAN_YUAN)
        Decimal('12.5600')
        """
        return amount.scaleb(self.exponent - unit.exponent, EXACT)


EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow],
)
"""Decimal arithmetic that is exact or raises: amounts are never rounded
(the default context keeps 28 digits)."""


_UNIT_EXPONENTS = {AmountUnit.YUAN: 0, AmountUnit.WAN_YUAN: 4, AmountUnit.YI_YUAN: 8}
_LABEL_UNIT = re.compile(r"（单位：(万元|亿元|元)）$")


@functools.cache  # the format's own labels: a few dozen, asked for per figure
def _label_unit(label: str) -> AmountUnit | None:
    found = _LABEL_UNIT.search(label)
    return AmountUnit(found.group(1)) if found else None


class SectionId(enum.Enum):
    """The six sections of a report, in their fixed order."""

    OVERVIEW = "overview"
    ACTIVE = "active"
    REQUESTS = "requests"
    APPEALS = "appeals"
    PROBLEMS = "problems"
    OTHER_MATTERS = "other_matters"

    @property
    def numeral(self) -> str:
        """The section's Chinese numeral, ``一`` to ``六``."""
        return "一二三四五六"[list(SectionId).index(self)]


class TableId(enum.Enum):
    """The three statistical tables; the value is the first part of every cell id."""

    ACTIVE = "active"
    REQUESTS = "requests"
    APPEALS = "appeals"

    @property
    def name_zh(self) -> str:
        """How messages name the table: ``表二``, ``表三`` or ``表四`` (after its section)."""
        return {"active": "表二", "requests": "表三", "appeals": "表四"}[self.value]


class Article20Item(enum.Enum):
    """Items of Article 20 of the Regulation reported in table 2 (第二十条各项)."""

    ITEM_1 = "1"
    ITEM_5 = "5"
    ITEM_6 = "6"
    ITEM_8 = "8"
    ITEM_9 = "9"
    """Only in the 2019 trial format (政府集中采购)."""

    @property
    def numbering(self) -> str:
        """The item number as printed, e.g. ``（一）``."""
        return "（" + "〇一二三四五六七八九"[int(self.value)] + "）"

    @property
    def label(self) -> str:
        """The block heading, e.g. ``第二十条第（一）项``."""
        return f"第二十条第{self.numbering}项"


class ActiveRow(enum.Enum):
    """Data rows of table 2 (主动公开政府信息情况); the value is the row id."""

    RULES = "rules"
    NORMATIVE_DOCUMENTS = "normative_documents"
    LICENSING = "licensing"
    OTHER_SERVICES = "other_services"
    PENALTY = "penalty"
    COERCION = "coercion"
    FEES = "fees"
    PROCUREMENT = "procurement"

    @property
    def label(self) -> str:
        """The row label as printed in the 2021 format (2019 labels: see `TableSpec`)."""
        return _ACTIVE_ROW_LABELS[self]


_ACTIVE_ROW_LABELS = {
    ActiveRow.RULES: "规章",
    ActiveRow.NORMATIVE_DOCUMENTS: "行政规范性文件",
    ActiveRow.LICENSING: "行政许可",
    ActiveRow.OTHER_SERVICES: "其他对外管理服务事项",
    ActiveRow.PENALTY: "行政处罚",
    ActiveRow.COERCION: "行政强制",
    ActiveRow.FEES: "行政事业性收费",
    ActiveRow.PROCUREMENT: "政府集中采购",
}


class ActiveColumn(enum.Enum):
    """Figure columns of table 2, both formats; the value is the column id."""

    ISSUED = "issued"
    REPEALED = "repealed"
    IN_FORCE = "in_force"
    DECISIONS = "decisions"
    AMOUNT = "amount"
    # 2019 trial format only
    CREATED = "created"
    PUBLISHED = "published"
    TOTAL_PUBLISHED = "total_published"
    PREVIOUS_ITEMS = "previous_items"
    CHANGE = "change"
    PROJECTS = "projects"

    @property
    def label(self) -> str:
        """The column header as printed."""
        return _ACTIVE_COLUMN_LABELS[self]


_ACTIVE_COLUMN_LABELS = {
    ActiveColumn.ISSUED: "本年制发件数",
    ActiveColumn.REPEALED: "本年废止件数",
    ActiveColumn.IN_FORCE: "现行有效件数",
    ActiveColumn.DECISIONS: "本年处理决定数量",
    ActiveColumn.AMOUNT: "本年收费金额（单位：万元）",
    ActiveColumn.CREATED: "本年新制作数量",
    ActiveColumn.PUBLISHED: "本年新公开数量",
    ActiveColumn.TOTAL_PUBLISHED: "对外公开总数量",
    ActiveColumn.PREVIOUS_ITEMS: "上一年项目数量",
    ActiveColumn.CHANGE: "本年增/减",
    ActiveColumn.PROJECTS: "采购项目数量",
}

# 2019 labels that differ from the 2021 ones for the same id.
_ACTIVE_2019_ROW_LABELS = {ActiveRow.NORMATIVE_DOCUMENTS: "规范性文件"}
_ACTIVE_2019_COLUMN_LABELS = {
    ActiveColumn.DECISIONS: "处理决定数量",
    ActiveColumn.AMOUNT: "采购总金额",
}


class Applicant(enum.Enum):
    """Columns of table 3 (申请人情况); the value is the column id."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL_ENTERPRISE = "commercial_enterprise"
    RESEARCH_INSTITUTION = "research_institution"
    SOCIAL_ORGANIZATION = "social_organization"
    LEGAL_SERVICE_AGENCY = "legal_service_agency"
    OTHER_ORGANIZATION = "other_organization"
    TOTAL = "total"

    @property
    def label(self) -> str:
        """The column header as printed, e.g. ``商业企业``."""
        return _APPLICANT_LABELS[self]

    @property
    def is_legal_person(self) -> bool:
        """True for the five columns under ``法人或其他组织``."""
        return self not in (Applicant.NATURAL_PERSON, Applicant.TOTAL)


_APPLICANT_LABELS = {
    Applicant.NATURAL_PERSON: "自然人",
    Applicant.COMMERCIAL_ENTERPRISE: "商业企业",
    Applicant.RESEARCH_INSTITUTION: "科研机构",
    Applicant.SOCIAL_ORGANIZATION: "社会公益组织",
    Applicant.LEGAL_SERVICE_AGENCY: "法律服务机构",
    Applicant.OTHER_ORGANIZATION: "其他",
    Applicant.TOTAL: "总计",
}


class Outcome(enum.Enum):
    """Rows of table 3, the outcome codes; the value is the row id."""

    RECEIVED = "received"
    CARRIED_OVER = "carried_over"
    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    WITHHELD_STATE_SECRET = "withheld.state_secret"
    WITHHELD_PROHIBITED_BY_LAW = "withheld.prohibited_by_law"
    WITHHELD_SECURITY_AND_STABILITY = "withheld.security_and_stability"
    WITHHELD_THIRD_PARTY_RIGHTS = "withheld.third_party_rights"
    WITHHELD_INTERNAL_AFFAIRS = "withheld.internal_affairs"
    WITHHELD_PROCESS_INFORMATION = "withheld.process_information"
    WITHHELD_ENFORCEMENT_FILES = "withheld.enforcement_files"
    WITHHELD_ADMINISTRATIVE_QUERY = "withheld.administrative_query"
    UNAVAILABLE_NOT_HELD = "unavailable.not_held"
    UNAVAILABLE_NEEDS_CREATION = "unavailable.needs_creation"
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION = "unavailable.unclear_after_correction"
    NOT_PROCESSED_PETITION_OR_COMPLAINT = "not_processed.petition_or_complaint"
    NOT_PROCESSED_DUPLICATE = "not_processed.duplicate"
    NOT_PROCESSED_PUBLICATION = "not_processed.publication"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive"
    NOT_PROCESSED_CONFIRMATION = "not_processed.confirmation"
    OTHER = "other"
    """``（六）其他处理`` as one figure row: the 2019 layout (and 2021 hybrids)."""
    OTHER_NO_CORRECTION = "other.no_correction"
    OTHER_FEE_UNPAID = "other.fee_unpaid"
    OTHER_OTHER = "other.other"
    TOTAL = "total"
    CARRIED_FORWARD = "carried_forward"

    @property
    def label(self) -> str:
        """The row label as printed, numbering included, e.g. ``（一）予以公开``."""
        return _OUTCOME_LABELS[self]

    @property
    def numbering(self) -> str:
        """The numbering that starts the label: ``一、``, ``（一）`` or ``1.``."""
        return _numbering(self.label)

    @property
    def text(self) -> str:
        """The label without its numbering, e.g. ``予以公开``."""
        return self.label[len(self.numbering) :]

    @property
    def groups(self) -> tuple[str, ...]:
        """Labels of the group cells that enclose this row, outermost first."""
        return _OUTCOME_GROUPS.get(self, ())


_OUTCOME_LABELS = {
    Outcome.RECEIVED: "一、本年新收政府信息公开申请数量",
    Outcome.CARRIED_OVER: "二、上年结转政府信息公开申请数量",
    Outcome.GRANTED: "（一）予以公开",
    Outcome.PARTIALLY_GRANTED: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    Outcome.WITHHELD_STATE_SECRET: "1.属于国家秘密",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "2.其他法律行政法规禁止公开",
    Outcome.WITHHELD_SECURITY_AND_STABILITY: "3.危及“三安全一稳定”",
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS: "4.保护第三方合法权益",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "5.属于三类内部事务信息",
    Outcome.WITHHELD_PROCESS_INFORMATION: "6.属于四类过程性信息",
    Outcome.WITHHELD_ENFORCEMENT_FILES: "7.属于行政执法案卷",
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: "8.属于行政查询事项",
    Outcome.UNAVAILABLE_NOT_HELD: "1.本机关不掌握相关政府信息",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "2.没有现成信息需要另行制作",
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: "3.补正后申请内容仍不明确",
    Outcome.NOT_PROCESSED_PETITION_OR_COMPLAINT: "1.信访举报投诉类申请",
    Outcome.NOT_PROCESSED_DUPLICATE: "2.重复申请",
    Outcome.NOT_PROCESSED_PUBLICATION: "3.要求提供公开出版物",
    Outcome.NOT_PROCESSED_EXCESSIVE: "4.无正当理由大量反复申请",
    Outcome.NOT_PROCESSED_CONFIRMATION: "5.要求行政机关确认或重新出具已获取信息",
    Outcome.OTHER: "（六）其他处理",  # the label of OutcomeGroup.OTHER as one row
    Outcome.OTHER_NO_CORRECTION: (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ),
    Outcome.OTHER_FEE_UNPAID: (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    ),
    Outcome.OTHER_OTHER: "3.其他",
    Outcome.TOTAL: "（七）总计",
    Outcome.CARRIED_FORWARD: "四、结转下年度继续办理",
}

RESULTS_GROUP = "三、本年度办理结果"
"""The group cell that spans every outcome row of table 3."""


class OutcomeGroup(enum.Enum):
    """The groups of table 3 whose rows are numbered ``1.``, ``2.``…

    The value is the id prefix of the group's rows (``withheld`` for
    ``withheld.state_secret``…), and the code the narrative checks use for the
    group as a whole (``requests.withheld``).
    """

    WITHHELD = "withheld"
    UNAVAILABLE = "unavailable"
    NOT_PROCESSED = "not_processed"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The group cell as printed, numbering included, e.g. ``（三）不予公开``."""
        return _OUTCOME_GROUP_LABELS[self]

    @property
    def numbering(self) -> str:
        """The numbering that starts the label, e.g. ``（三）``."""
        return _numbering(self.label)

    @property
    def text(self) -> str:
        """The label without its numbering, e.g. ``不予公开``."""
        return self.label[len(self.numbering) :]

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The rows of the group, in printed order (``1.``, ``2.``…)."""
        return tuple(o for o in Outcome if o.value.startswith(self.value + "."))


_OUTCOME_GROUP_LABELS = {
    OutcomeGroup.WITHHELD: "（三）不予公开",
    OutcomeGroup.UNAVAILABLE: "（四）无法提供",
    OutcomeGroup.NOT_PROCESSED: "（五）不予处理",
    OutcomeGroup.OTHER: "（六）其他处理",
}

_OUTCOME_GROUPS: dict[Outcome, tuple[str, ...]] = {
    outcome: (RESULTS_GROUP, *sub)
    for outcome, sub in (
        [(Outcome.GRANTED, ()), (Outcome.PARTIALLY_GRANTED, ())]
        + [(o, (g.label,)) for g in OutcomeGroup for o in g.outcomes]
        + [(Outcome.OTHER, ()), (Outcome.TOTAL, ())]
    )
}

REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The note printed in the top-left cell of table 3."""

APPLICANTS_HEADING = "申请人情况"
LEGAL_PERSONS_HEADING = "法人或其他组织"
CONTENT_HEADING = "信息内容"
"""The first header cell of every block of table 2."""


class AppealGroup(enum.Enum):
    """The three groups of table 4; the value is the group id."""

    REVIEW = "review"
    LITIGATION_DIRECT = "litigation_direct"
    LITIGATION_AFTER_REVIEW = "litigation_after_review"

    @property
    def label(self) -> str:
        """The group header as printed, e.g. ``行政复议``."""
        return _APPEAL_GROUP_LABELS[self]

    @property
    def groups(self) -> tuple[str, ...]:
        """Labels of the header cells above this group (``行政诉讼`` for lawsuits)."""
        return () if self is AppealGroup.REVIEW else (LITIGATION_HEADING,)


LITIGATION_HEADING = "行政诉讼"

_APPEAL_GROUP_LABELS = {
    AppealGroup.REVIEW: "行政复议",
    AppealGroup.LITIGATION_DIRECT: "未经复议直接起诉",
    AppealGroup.LITIGATION_AFTER_REVIEW: "复议后起诉",
}


class AppealResult(enum.Enum):
    """The five result columns of every group of table 4; the value is the column id."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"
    TOTAL = "total"

    @property
    def label(self) -> str:
        """The column header as printed, e.g. ``结果维持``."""
        return _APPEAL_RESULT_LABELS[self]


_APPEAL_RESULT_LABELS = {
    AppealResult.UPHELD: "结果维持",
    AppealResult.CORRECTED: "结果纠正",
    AppealResult.OTHER: "其他结果",
    AppealResult.PENDING: "尚未审结",
    AppealResult.TOTAL: "总计",
}


class RowRole(enum.Enum):
    """What part a row or column plays in the cross-checks."""

    PART = "part"
    """A figure given by the agency."""
    TOTAL = "total"
    """A figure the format defines as a sum of others; a builder derives it."""
    BALANCE = "balance"
    """A figure that follows from the others by R1 (``结转下年度继续办理``)."""


_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)"
)


def _numbering(label: str) -> str:
    match = _NUMBERING.match(label)
    return match.group(0) if match else ""


# --------------------------------------------------------------------------- specs


@attrs.frozen
class ColumnSpec:
    """One figure column of a table row.

    Attributes:
        id: the column id, the last part of the cell id (``natural_person``).
        label: the official header label (``自然人``).
        kind: what the cells of this column hold.
        role: ``TOTAL`` for a column that sums the others of its row.
        key: the enum member that names this column in typed access.
    """

    id: str
    label: str
    kind: CellKind
    role: RowRole
    key: enum.Enum

    @property
    def unit(self) -> AmountUnit | None:
        """The unit the format fixes for an amount column (its label's ``（单位：万元）``).

        None for a count column, and for an amount column whose label names no
        unit (2019 ``采购总金额``): its figures are in the unit the report
        prints, which the table holds (`published_unit`).
        """
        return _label_unit(self.label)

    @property
    def published_unit(self) -> bool:
        """An amount column whose unit is the one the report prints, not the format's."""
        return self.kind is CellKind.AMOUNT and self.unit is None

    def heading(self, unit: AmountUnit | None = None) -> str:
        """The header as printed: the label, with the report's unit for a column of published unit.

        >>> column = format_spec(FormatVersion.V2019).active.cells[-1].column
        >>> column.heading(), column.heading(AmountUnit.WAN_YUAN)
        ('采购总金额', '采购总金额（单位：万元）')
        """
        if unit is not None and self.published_unit:
            return f"{self.label}（单位：{unit.value}）"
        return self.label


@attrs.frozen
class RowSpec:
    """One figure row of a table.

    Attributes:
        id: the row id, the middle part of the cell id (``withheld.state_secret``).
        label: the official row label, numbering included.
        groups: labels of the group cells enclosing the row, outermost first
            (table 2: the Article 20 block heading; table 4: ``行政诉讼``).
        columns: the figure columns of this row.
        role: ``TOTAL`` or ``BALANCE`` for rows a builder derives.
        key: the enum member that names this row in typed access.
        variants: other spellings of the label seen in published reports
            (spec §5), matched after `normalize_label`.
    """

    id: str
    label: str
    groups: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    role: RowRole
    key: enum.Enum
    variants: tuple[str, ...] = ()


@attrs.frozen
class CellSpec:
    """One figure cell: where it stands and what it holds.

    Attributes:
        id: the cell id, ``<table>.<row>.<column>``.
        table: the table it belongs to.
        row: its row.
        column: its column.
        index: its position among the table's cells (the order of the format).
        derived: True when a builder computes it (a total or the R1 balance).
    """

    id: str
    table: TableId
    row: RowSpec
    column: ColumnSpec
    index: int
    derived: bool

    @property
    def kind(self) -> CellKind:
        """What the cell holds when it holds a figure."""
        return self.column.kind

    @property
    def place(self) -> str:
        """Where the cell stands, by official labels: ``表三 （七）总计 / 自然人``."""
        return f"{self.table.name_zh} {self.row.label} / {self.column.label}"


@attrs.frozen(cache_hash=True)
class TableSpec:
    """The layout of one statistical table in one format version.

    Attributes:
        id: which table.
        layout: the format version whose layout this is.
        heading: the section heading the table stands under.
        rows: the figure rows, in printed order.
        cells: every figure cell, in printed order (row by row).
        index: cell id → position in ``cells``.
    """

    id: TableId
    layout: FormatVersion
    heading: str
    rows: tuple[RowSpec, ...]
    cells: tuple[CellSpec, ...] = attrs.field(init=False, eq=False, repr=False)
    index: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False)
    _by_key: Mapping[tuple[enum.Enum, enum.Enum], int] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        cells: list[CellSpec] = []
        for row in self.rows:
            for column in row.columns:
                cells.append(
                    CellSpec(
                        id=f"{self.id.value}.{row.id}.{column.id}",
                        table=self.id,
                        row=row,
                        column=column,
                        index=len(cells),
                        derived=row.role is not RowRole.PART
                        or column.role is not RowRole.PART,
                    )
                )
        object.__setattr__(self, "cells", tuple(cells))
        object.__setattr__(
            self, "index", MappingProxyType({c.id: c.index for c in cells})
        )
        object.__setattr__(
            self,
            "_by_key",
            MappingProxyType({(c.row.key, c.column.key): c.index for c in cells}),
        )

    @property
    def cell_ids(self) -> tuple[str, ...]:
        """Every cell id of the table, in printed order."""
        return tuple(c.id for c in self.cells)

    @property
    def published_unit(self) -> bool:
        """The table has an amount column in the unit the report prints.

        Only 2019 table 2 does (``采购总金额``, 元 or 万元 as published): the
        table then holds that unit (``amount_unit``) beside its figures.

        >>> format_spec(FormatVersion.V2019).active.published_unit
        True
        >>> format_spec(FormatVersion.V2021).active.published_unit
        False
        """
        return _has_published_unit(self)

    def position(self, key: str | tuple[enum.Enum, enum.Enum]) -> int:
        """The position of a cell given by cell id, ``row.column`` or enum pair.

        Raises:
            KeyError: no such cell in this layout.
        """
        if isinstance(key, tuple):
            return self._by_key[key]
        found = self.index.get(key)
        if found is None:
            found = self.index[f"{self.id.value}.{key}"]
        return found

    def row(self, row_id: str) -> RowSpec:
        """The row with this row id.

        Raises:
            KeyError: no such row in this layout.
        """
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)


@functools.cache  # a few table specs, asked for per table read or written
def _has_published_unit(spec: TableSpec) -> bool:
    return any(c.column.published_unit for c in spec.cells)


@attrs.frozen
class SectionSpec:
    """One of the six sections: its heading as the format prints it."""

    id: SectionId
    heading: str
    table: TableId | None


@attrs.frozen
class FormatSpec:
    """Everything about one format version: sections and table layouts.

    Attributes:
        version: the format version.
        sections: the six sections in order.
        active: the layout of table 2.
        requests: the layout of table 3.
        appeals: the layout of table 4.
    """

    version: FormatVersion
    sections: tuple[SectionSpec, ...]
    active: TableSpec
    requests: TableSpec
    appeals: TableSpec

    @property
    def tables(self) -> tuple[TableSpec, TableSpec, TableSpec]:
        """Tables 2, 3 and 4 in order."""
        return (self.active, self.requests, self.appeals)

    def section(self, section: SectionId) -> SectionSpec:
        """The spec of one section."""
        return self.sections[list(SectionId).index(section)]

    def cell(self, cell_id: str) -> CellSpec:
        """The spec of one cell of this format.

        Raises:
            KeyError: the id is not a cell of this format.
        """
        for table in self.tables:
            if cell_id in table.index:
                return table.cells[table.index[cell_id]]
        raise KeyError(cell_id)


# ------------------------------------------------------------------ the two formats


def _column(key: enum.Enum, label: str, kind: CellKind = CellKind.COUNT) -> ColumnSpec:
    role = RowRole.TOTAL if key.value == "total" else RowRole.PART
    return ColumnSpec(id=str(key.value), label=label, kind=kind, role=role, key=key)


def _active_table(version: FormatVersion) -> TableSpec:
    def col(key: ActiveColumn, kind: CellKind = CellKind.COUNT) -> ColumnSpec:
        label = key.label
        if version is FormatVersion.V2019:
            label = _ACTIVE_2019_COLUMN_LABELS.get(key, label)
        return _column(key, label, kind)

    def row(
        key: ActiveRow, item: Article20Item, columns: Iterable[ColumnSpec]
    ) -> RowSpec:
        label = key.label
        variants: tuple[str, ...] = ()
        if version is FormatVersion.V2019:
            label = _ACTIVE_2019_ROW_LABELS.get(key, label)
        elif key is ActiveRow.NORMATIVE_DOCUMENTS:
            variants = ("规范性文件",)
        return RowSpec(
            id=key.value,
            label=label,
            groups=(item.label,),
            columns=tuple(columns),
            role=RowRole.PART,
            key=key,
            variants=variants,
        )

    A, C, I = ActiveRow, ActiveColumn, Article20Item  # noqa: E741
    rows: tuple[RowSpec, ...]
    if version is FormatVersion.V2021:
        documents = (col(C.ISSUED), col(C.REPEALED), col(C.IN_FORCE))
        rows = (
            row(A.RULES, I.ITEM_1, documents),
            row(A.NORMATIVE_DOCUMENTS, I.ITEM_1, documents),
            row(A.LICENSING, I.ITEM_5, (col(C.DECISIONS),)),
            row(A.PENALTY, I.ITEM_6, (col(C.DECISIONS),)),
            row(A.COERCION, I.ITEM_6, (col(C.DECISIONS),)),
            row(A.FEES, I.ITEM_8, (col(C.AMOUNT, CellKind.AMOUNT),)),
        )
    else:
        documents = (col(C.CREATED), col(C.PUBLISHED), col(C.TOTAL_PUBLISHED))
        items = (
            col(C.PREVIOUS_ITEMS),
            col(C.CHANGE, CellKind.SIGNED_COUNT),
            col(C.DECISIONS),
        )
        rows = (
            row(A.RULES, I.ITEM_1, documents),
            row(A.NORMATIVE_DOCUMENTS, I.ITEM_1, documents),
            row(A.LICENSING, I.ITEM_5, items),
            row(A.OTHER_SERVICES, I.ITEM_5, items),
            row(A.PENALTY, I.ITEM_6, items),
            row(A.COERCION, I.ITEM_6, items),
            row(A.FEES, I.ITEM_8, items[:2]),
            row(
                A.PROCUREMENT,
                I.ITEM_9,
                (col(C.PROJECTS), col(C.AMOUNT, CellKind.AMOUNT)),
            ),
        )
    return TableSpec(
        id=TableId.ACTIVE,
        layout=version,
        heading="二、主动公开政府信息情况",
        rows=rows,
    )


# Spellings seen in published reports for the same row (spec §5).
_OUTCOME_VARIANTS = {
    Outcome.UNAVAILABLE_NEEDS_CREATION: ("2.没有现成信息需要另外制作",),
}

_OUTCOME_ROLES = {
    Outcome.TOTAL: RowRole.TOTAL,
    Outcome.CARRIED_FORWARD: RowRole.BALANCE,
}


# The rows of table 3 that each format version prints, in printed order. Every
# layout is declared in full: a row added to `Outcome` appears in a layout only
# when it is named here, so adding one forces the choice of versions.
_REQUESTS_HEAD = (
    Outcome.RECEIVED,
    Outcome.CARRIED_OVER,
    Outcome.GRANTED,
    Outcome.PARTIALLY_GRANTED,
    Outcome.WITHHELD_STATE_SECRET,
    Outcome.WITHHELD_PROHIBITED_BY_LAW,
    Outcome.WITHHELD_SECURITY_AND_STABILITY,
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
    Outcome.WITHHELD_INTERNAL_AFFAIRS,
    Outcome.WITHHELD_PROCESS_INFORMATION,
    Outcome.WITHHELD_ENFORCEMENT_FILES,
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY,
    Outcome.UNAVAILABLE_NOT_HELD,
    Outcome.UNAVAILABLE_NEEDS_CREATION,
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION,
    Outcome.NOT_PROCESSED_PETITION_OR_COMPLAINT,
    Outcome.NOT_PROCESSED_DUPLICATE,
    Outcome.NOT_PROCESSED_PUBLICATION,
    Outcome.NOT_PROCESSED_EXCESSIVE,
    Outcome.NOT_PROCESSED_CONFIRMATION,
)
"""The rows both versions print before `OutcomeGroup.OTHER`, in printed order."""

REQUESTS_ROWS: Mapping[FormatVersion, tuple[Outcome, ...]] = MappingProxyType(
    {
        FormatVersion.V2021: (
            *_REQUESTS_HEAD,
            Outcome.OTHER_NO_CORRECTION,
            Outcome.OTHER_FEE_UNPAID,
            Outcome.OTHER_OTHER,
            Outcome.TOTAL,
            Outcome.CARRIED_FORWARD,
        ),
        FormatVersion.V2019: (
            *_REQUESTS_HEAD,
            Outcome.OTHER,  # one figure row, no sub-rows
            Outcome.TOTAL,
            Outcome.CARRIED_FORWARD,
        ),
    }
)
"""The rows of table 3 in each version's layout, in printed order (declared, not derived)."""


def _requests_table(layout: FormatVersion) -> TableSpec:
    columns = tuple(_column(a, a.label) for a in Applicant)
    outcomes = REQUESTS_ROWS[layout]
    rows = tuple(
        RowSpec(
            id=o.value,
            label=o.label,
            groups=o.groups,
            columns=columns,
            role=_OUTCOME_ROLES.get(o, RowRole.PART),
            key=o,
            variants=_OUTCOME_VARIANTS.get(o, ()),
        )
        for o in outcomes
    )
    return TableSpec(
        id=TableId.REQUESTS,
        layout=layout,
        heading="三、收到和处理政府信息公开申请情况",
        rows=rows,
    )


def _appeals_table(version: FormatVersion) -> TableSpec:
    columns = tuple(_column(r, r.label) for r in AppealResult)
    rows = tuple(
        RowSpec(
            id=g.value,
            label=g.label,
            groups=g.groups,
            columns=columns,
            role=RowRole.PART,
            key=g,
        )
        for g in AppealGroup
    )
    return TableSpec(
        id=TableId.APPEALS,
        layout=version,
        heading="四、政府信息公开行政复议、行政诉讼情况",
        rows=rows,
    )


def _sections(version: FormatVersion) -> tuple[SectionSpec, ...]:
    problems = (
        "五、存在的主要问题及改进情况"
        if version is FormatVersion.V2021
        else "五、政府信息公开工作存在的主要问题及改进情况"
    )
    return (
        SectionSpec(SectionId.OVERVIEW, "一、总体情况", None),
        SectionSpec(SectionId.ACTIVE, "二、主动公开政府信息情况", TableId.ACTIVE),
        SectionSpec(
            SectionId.REQUESTS,
            "三、收到和处理政府信息公开申请情况",
            TableId.REQUESTS,
        ),
        SectionSpec(
            SectionId.APPEALS,
            "四、政府信息公开行政复议、行政诉讼情况",
            TableId.APPEALS,
        ),
        SectionSpec(SectionId.PROBLEMS, problems, None),
        SectionSpec(SectionId.OTHER_MATTERS, "六、其他需要报告的事项", None),
    )


def _build(version: FormatVersion) -> FormatSpec:
    return FormatSpec(
        version=version,
        sections=_sections(version),
        active=_active_table(version),
        requests=_requests_table(version),
        appeals=_appeals_table(version),
    )


_SPECS = {v: _build(v) for v in FormatVersion}

HYBRID_REQUESTS = _SPECS[FormatVersion.V2019].requests
"""Table 3 in the 2019 layout, as some 2021-format reports print it (spec §5)."""


def format_spec(version: FormatVersion = FormatVersion.V2021) -> FormatSpec:
    """The structure of one format version: sections, tables, rows, columns, cells.

    >>> spec = format_spec()
    >>> spec.requests.cells[0].id
    'requests.received.natural_person'
    >>> spec.requests.cells[0].place
    '表三 一、本年新收政府信息公开申请数量 / 自然人'
    """
    return _SPECS[version]


def all_cell_specs() -> Mapping[str, CellSpec]:
    """Every cell id of every layout (2021, 2019 and hybrid), mapped to its spec."""
    return _ALL_CELLS


_ALL_CELLS: Mapping[str, CellSpec] = MappingProxyType(
    {c.id: c for spec in _SPECS.values() for t in spec.tables for c in t.cells}
)

REPORT_TITLE_SUFFIX = "年政府信息公开工作年度报告"
"""The title is ``<机关名称><YYYY>年政府信息公开工作年度报告``."""

SECTION_HEADING_VARIANTS: tuple[tuple[str, SectionId], ...] = (
    ("五、存在的主要问题和改进情况", SectionId.PROBLEMS),
    ("五、存在的主要问题及改进措施", SectionId.PROBLEMS),
    ("四、政府信息公开行政复议及行政诉讼情况", SectionId.APPEALS),
    ("四、政府信息公开行政复议、行政诉讼情况", SectionId.APPEALS),
)
"""Section headings published in place of the official ones, with their section."""
