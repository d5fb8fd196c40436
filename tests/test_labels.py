"""Label normalisation and matching (_labels): one table for every reader."""

from __future__ import annotations

import pytest

from govinfo_report import Outcome, format_spec
from govinfo_report._labels import (
    LabelTable,
    label_key,
    match_column,
    match_row,
    normalize_label,
)


def test_every_official_label_matches_itself_exactly() -> None:
    for version in ("2019", "2021"):
        spec = format_spec(__import__("govinfo_report").FormatVersion(version))
        for table in (spec.active, spec.requests):
            for row in table.rows:
                assert match_row(row.label, table) is row
                for variant in row.variants:
                    assert match_row(variant, table) is row


@pytest.mark.parametrize(
    ("text", "row_id"),
    [
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partially_granted"),
        (
            "（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）",
            "partially_granted",
        ),
        ("2.其他法律行政止公开", "withheld.prohibited_by_law"),  # the Hongze PDF
        ('3.危及"三安全一稳定"', "withheld.security_and_stability"),
        ("2.没有现成信息需要另外制作", "unavailable.needs_creation"),
        ("1、屬於國家秘密", "withheld.state_secret"),
        ("一、本年新收政府資訊公開申請數量", "received"),
        ("四、结转下年度继续办理", "carried_forward"),
        ("（七）总 计", "total"),
    ],
)
def test_published_spellings(text: str, row_id: str) -> None:
    row = match_row(text, format_spec().requests)
    assert row is not None
    assert row.id == row_id


def test_unrelated_text_matches_nothing() -> None:
    table = format_spec().requests
    for text in (
        "本年度我局门户网站围绕市委中心工作",
        "其他",
        "总计",
        "申请人情况",
        "1.",
        "",
    ):
        assert match_row(text, table) is None, text


def test_similar_labels_are_not_confused() -> None:
    table = format_spec().requests
    assert match_row("3.其他", table).id == "other.other"  # type: ignore[union-attr]
    assert match_row("2.重复申请", table).id == "not_processed.duplicate"  # type: ignore[union-attr]
    assert (
        match_row("1.本机关不掌握相关政府信息", table).id
        == Outcome.UNAVAILABLE_NOT_HELD.value
    )  # type: ignore[union-attr]


def test_columns() -> None:
    table = format_spec().requests
    assert match_column("商业\n企业", table).id == "commercial_enterprise"  # type: ignore[union-attr]
    assert match_column("总 计", table).id == "total"  # type: ignore[union-attr]
    assert match_column("商业", table) is None


def test_normalize_and_key() -> None:
    assert normalize_label(" (一) 予以公开 ") == "（一）予以公开"
    assert normalize_label("１．属于") == "1.属于"
    assert label_key("“三安全一稳定”") == label_key('"三安全一稳定"') == "三安全一稳定"


def test_ambiguous_fuzzy_match_is_refused() -> None:
    table = LabelTable([("甲乙丙丁戊己", 1), ("甲乙丙丁戊庚", 2)])
    assert table.match("甲乙丙丁戊") is None  # a prefix of both
    assert table.match("甲乙丙丁戊己").value == 1  # type: ignore[union-attr]
