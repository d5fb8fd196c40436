"""`from_cells`: the Bachu sample by hand, derived totals, holding as published, bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report import (
    BLANK,
    MISSING,
    NOT_APPLICABLE,
    FindingKind,
    FormatVersion,
    InconsistentReportError,
    InvalidCellError,
    InvalidReportError,
    Narrative,
    UnknownCellError,
    format_spec,
    from_cells,
    validate,
)
from helpers import APPEAL_COLUMNS, APPEAL_GROUPS, REQUEST_COLUMNS, REQUEST_ROWS

V2019, V2021 = FormatVersion.V2019, FormatVersion.V2021
META = {"agency": "示例县人民政府办公室", "year": 2024}

# ---------------------------------------------------------------- the Bachu sample
# Figures of tests/data/samples/bachu-police-2023.txt, read by hand: table 2 as
# printed (its 规范性文件 is the 2021 行政规范性文件); tables 3 and 4 print 0 in
# every cell, totals included, and are given here exactly so.

BACHU_TABLE2: dict[str, object] = {
    "active.rules.issued": 0,
    "active.rules.repealed": 0,
    "active.rules.in_force": 0,
    "active.normative_documents.issued": 0,
    "active.normative_documents.repealed": 0,
    "active.normative_documents.in_force": 0,
    "active.licensing.decisions": 49801,
    "active.penalty.decisions": 229777,
    "active.coercion.decisions": 8303,
    "active.fees.amount": Decimal("0"),
}
BACHU: dict[str, object] = {
    **BACHU_TABLE2,
    **{
        f"requests.{row}.{column}": 0
        for row in REQUEST_ROWS
        for column in REQUEST_COLUMNS
    },
    **{
        f"appeals.{group}.{column}": 0
        for group in APPEAL_GROUPS
        for column in APPEAL_COLUMNS
    },
}
BACHU_META = {
    "agency": "巴楚县公安局",
    "year": 2023,
    "date_of_issue": date(2024, 1, 16),
}


def test_bachu_figures_are_in_the_sample(samples: Path) -> None:
    text = (samples / "bachu-police-2023.txt").read_text(encoding="utf-8")
    cells = [line.removesuffix(" |") for line in text.splitlines()]
    for label, figure in (
        ("行政许可", "49801"),
        ("行政处罚", "229777"),
        ("行政强制", "8303"),
    ):
        assert cells[cells.index(label) + 1] == figure
    assert "巴楚县公安局" in text
    assert "2024年1月16日" in text
    # Tables 3 and 4 hold nothing but zeros: 25 rows × 7 and 15 figures.
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("五、存在的主要问题及改进情况")
    figures = [c for c in cells if c.isdigit()]
    in_tables = [
        c
        for c in (line.removesuffix(" |") for line in text[start:end].splitlines())
        if c.isdigit()
    ]
    assert in_tables == ["0"] * (25 * 7 + 15)
    assert len(figures) >= len(in_tables)
    assert len(BACHU) == 10 + 175 + 15


def test_bachu_builds_and_validates_clean() -> None:
    report = from_cells(BACHU, **BACHU_META)  # type: ignore[arg-type]
    assert validate(report) == []
    assert report.metadata.agency == "巴楚县公安局"
    assert report.metadata.date_of_issue == date(2024, 1, 16)
    assert report.title == "巴楚县公安局2023年政府信息公开工作年度报告"
    assert dict(report.cells()) == BACHU
    total = sum(
        report[f"active.{row}.decisions"]  # type: ignore[misc]
        for row in ("licensing", "penalty", "coercion")
    )
    assert total == 287881  # the sample's "28万余条"
    # Held as published, the same figures are the same report.
    held = from_cells(BACHU, as_published=True, **BACHU_META)  # type: ignore[arg-type]
    assert held == report
    assert validate(held) == []


# ---------------------------------------------------------------- deriving totals


def test_totals_and_carry_forward_are_derived() -> None:
    report = from_cells(
        {
            "requests.received.natural_person": 10,
            "requests.received.commercial_enterprise": 2,
            "requests.carried_over.natural_person": 1,
            "requests.granted.natural_person": 6,
            "requests.withheld.state_secret.commercial_enterprise": 1,
            "requests.other.other.natural_person": 2,
            "appeals.review.upheld": 2,
            "appeals.review.pending": 1,
        },
        **META,
    )
    assert report["requests.total.natural_person"] == 8
    assert report["requests.total.commercial_enterprise"] == 1
    assert report["requests.total.total"] == 9
    assert report["requests.received.total"] == 12
    assert report["requests.carried_forward.natural_person"] == 3
    assert report["requests.carried_forward.commercial_enterprise"] == 1
    assert report["requests.carried_forward.total"] == 4
    assert report["appeals.review.total"] == 3
    assert report["appeals.litigation_direct.total"] == 0
    assert validate(report) == []


def test_given_totals_that_agree_are_kept() -> None:
    report = from_cells(
        {
            "requests.received.natural_person": 3,
            "requests.granted.natural_person": 3,
            "requests.total.natural_person": 3,
            "requests.total.total": 3,
            "requests.carried_forward.natural_person": 0,
            "appeals.review.corrected": 1,
            "appeals.review.total": 1,
        },
        **META,
    )
    assert validate(report) == []


def test_disagreeing_totals_raise_with_every_finding_of_every_table() -> None:
    with pytest.raises(InconsistentReportError) as caught:
        from_cells(
            {
                "requests.received.natural_person": 4,
                "requests.granted.natural_person": 4,
                "requests.total.natural_person": 5,
                "appeals.review.upheld": 1,
                "appeals.review.total": 2,
                "appeals.litigation_direct.total": 1,
            },
            **META,
        )
    findings = caught.value.findings
    assert {(f.rule, f.cells[0]) for f in findings} == {
        ("R1", "requests.received.natural_person"),
        ("R2", "requests.total.natural_person"),
        ("R3", "requests.total.total"),
        ("R6", "appeals.review.total"),
        ("R6", "appeals.litigation_direct.total"),
    }
    assert all(f.kind is FindingKind.RULE_BROKEN for f in findings)
    message = str(caught.value)
    assert "（5 处）" in message
    assert (
        "表三 （七）总计 / 自然人：公布值 5，应为 4（（一）至（六）各项之和）"
        in message
    )
    assert "表四 未经复议直接起诉 / 总计：公布值 1，应为 0" in message


def test_more_handled_than_received_raises() -> None:
    with pytest.raises(InconsistentReportError) as caught:
        from_cells(
            {
                "requests.received.natural_person": 1,
                "requests.granted.natural_person": 3,
            },
            **META,
        )
    (finding,) = caught.value.findings
    assert finding.rule == "R1"
    assert finding.cells[0] == "requests.carried_forward.natural_person"
    assert finding.expected == -2
    assert "不能为负数" in finding.message


def test_blank_part_makes_derived_totals_blank_not_zero() -> None:
    report = from_cells(
        {
            "requests.received.natural_person": BLANK,
            "requests.granted.natural_person": 1,
        },
        **META,
    )
    assert report["requests.received.natural_person"] is BLANK
    assert report["requests.received.total"] is BLANK
    assert report["requests.carried_forward.natural_person"] is BLANK
    assert report["requests.total.natural_person"] == 1
    kinds = {(f.rule, f.kind) for f in validate(report)}
    assert ("R4", FindingKind.NOT_A_FIGURE) in kinds
    assert ("R1", FindingKind.NOT_ASSESSABLE) in kinds


def test_2019_report_and_hybrid() -> None:
    old = from_cells(
        {
            "active.licensing.previous_items": 12,
            "active.licensing.change": -3,
            "active.procurement.amount": Decimal("1234.50"),
            "requests.received.natural_person": 2,
            "requests.other.natural_person": 1,
        },
        format_version=V2019,
        **META,
    )
    assert type(old.active) is gr.ActiveDisclosure2019
    assert type(old.requests) is gr.Requests2019
    assert old["active.licensing.change"] == -3
    assert str(old["active.procurement.amount"]) == "1234.50"
    assert old["requests.carried_forward.natural_person"] == 1
    assert len(old.cells()) == 22 + 161 + 15
    assert validate(old) == []
    hybrid = from_cells(
        {"requests.other.natural_person": 1, "requests.received.natural_person": 1},
        requests_layout=V2019,
        **META,
    )
    assert hybrid.is_hybrid
    assert type(hybrid.active) is gr.ActiveDisclosure
    assert len(hybrid.cells()) == 10 + 161 + 15
    assert validate(hybrid) == []


def test_as_published_keeps_breaks_and_missing_cells() -> None:
    report = from_cells(
        {
            "requests.received.natural_person": 2,
            "requests.total.natural_person": 7,
            "appeals.review.total": 1,
        },
        as_published=True,
        **META,
    )
    assert report.as_published
    assert report["requests.total.natural_person"] == 7
    assert report["requests.granted.natural_person"] is MISSING
    assert report["requests.total.total"] is MISSING
    assert report["active.fees.amount"] is MISSING
    findings = validate(report)
    assert findings
    assert all(f.kind is FindingKind.NOT_ASSESSABLE for f in findings)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("cell_id", "value", "reason"),
    [
        ("requests.granted.natural_person", -1, "不能为负数"),
        ("requests.granted.natural_person", True, "布尔值"),
        ("appeals.review.upheld", False, "布尔值"),
        ("requests.granted.natural_person", 2.0, "浮点数"),
        ("requests.granted.natural_person", "3", "str"),
        ("requests.granted.natural_person", None, "NoneType"),
        ("requests.granted.natural_person", Decimal("3"), "Decimal"),
        ("requests.granted.natural_person", Decimal("2.5"), "整数"),
        ("active.fees.amount", 1.5, "浮点数"),
        ("active.fees.amount", Decimal("-0.01"), "负数"),
        ("active.fees.amount", Decimal("NaN"), "有限"),
        ("active.licensing.decisions", 0.0, "浮点数"),
        ("appeals.review.total", -5, "负数"),
    ],
)
def test_bad_values_name_the_cell_and_value(
    cell_id: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidCellError) as caught:
        from_cells({cell_id: value}, **META)
    error = caught.value
    assert error.cell_id == cell_id
    assert error.value is value or error.value == value
    assert cell_id in str(error)
    assert repr(value) in str(error)
    assert reason in str(error)
    # The official place is named too.
    assert format_spec().cell(cell_id).place in str(error)


def test_2019_signed_change_takes_negatives_but_counts_do_not() -> None:
    with pytest.raises(InvalidCellError, match=r"active\.licensing\.previous_items"):
        from_cells(
            {"active.licensing.previous_items": -1}, format_version=V2019, **META
        )


@pytest.mark.parametrize(
    ("cell_id", "hint"),
    [
        ("requests.other.natural_person", "2019 版格式的表三"),
        ("active.rules.created", "2019 版格式的表二"),
        ("active.procurement.amount", "2019 版格式的表二"),
        ("requests.granted.natral_person", "是否应为 requests.granted.natural_person"),
        ("requests.granted", "没有这个单元格"),
        ("tables.granted.natural_person", "active.、requests. 或 appeals."),
        ("", "active.、requests. 或 appeals."),
    ],
)
def test_unknown_ids_raise_with_a_hint(cell_id: str, hint: str) -> None:
    with pytest.raises(UnknownCellError) as caught:
        from_cells({cell_id: 1}, **META)
    assert caught.value.cell_id == cell_id
    assert hint in str(caught.value)
    assert repr(cell_id) in str(caught.value)
    # It is also a KeyError and the library's own error.
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, gr.GovinfoReportError)


def test_2021_id_in_a_2019_report() -> None:
    with pytest.raises(UnknownCellError, match="2021 版格式的表三"):
        from_cells(
            {"requests.other.other.natural_person": 1}, format_version=V2019, **META
        )


def test_non_string_id() -> None:
    with pytest.raises(UnknownCellError, match="str"):
        from_cells({3: 1}, **META)  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"agency": ""}, "agency"),
        ({"agency": 12}, "agency"),
        ({"year": "2024"}, "year"),
        ({"year": True}, "year"),
        ({"year": 1999}, "year"),
        ({"date_of_issue": "2024-01-16"}, "date_of_issue"),
        ({"format_version": "2021"}, "format_version"),
        ({"requests_layout": "2019"}, "requests_layout"),
        ({"format_version": V2019, "requests_layout": V2021}, "requests_layout"),
        ({"title": 5}, "title"),
        ({"preface": "一段话"}, "段落"),
        ({"overview": "一、总体情况"}, "overview"),
    ],
)
def test_bad_metadata_raises_invalid_report(
    changes: dict[str, object], name: str
) -> None:
    arguments: dict[str, object] = {**META, **changes}
    with pytest.raises(InvalidReportError, match=name):
        from_cells({}, **arguments)  # type: ignore[arg-type]


def test_narrative_type_errors_are_library_errors() -> None:
    with pytest.raises(InvalidReportError, match="不是单个字符串"):
        Narrative(paragraphs="不是元组")
    with pytest.raises(InvalidReportError, match="int"):
        Narrative(paragraphs=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidReportError, match=r"Subsection\.title"):
        gr.Subsection(title=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidReportError, match=r"paragraphs\[1\]"):
        gr.Subsection(title="主动公开", paragraphs=("一", 2))  # type: ignore[arg-type]
    with pytest.raises(InvalidReportError, match=r"subsections\[0\]"):
        Narrative(subsections=("主动公开",))  # type: ignore[arg-type]
    with pytest.raises(InvalidReportError, match="subsections"):
        Narrative(subsections=gr.Subsection(title="主动公开"))  # type: ignore[arg-type]


def test_cells_must_be_a_mapping() -> None:
    with pytest.raises(InvalidReportError, match="Mapping"):
        from_cells([("requests.granted.natural_person", 1)], **META)  # type: ignore[arg-type]


def test_amounts_keep_their_precision() -> None:
    for text in ("12", "12.5", "12.50", "12.5000"):
        report = from_cells({"active.fees.amount": Decimal(text)}, **META)
        assert str(report["active.fees.amount"]) == text
    report = from_cells({"active.fees.amount": 3}, **META)
    assert report["active.fees.amount"] == Decimal(3)
    assert type(report["active.fees.amount"]) is Decimal


def test_marks_are_kept() -> None:
    report = from_cells(
        {"active.fees.amount": NOT_APPLICABLE, "active.rules.issued": BLANK}, **META
    )
    assert report["active.fees.amount"] is NOT_APPLICABLE
    assert report["active.rules.issued"] is BLANK
    rules = {f.rule for f in validate(report)}
    assert rules == {"R4"}
