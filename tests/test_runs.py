"""Cutting digit runs (_readers/_runs.py) and finding labels in a dump (_readers/_dump.py)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from govinfo_report import FormatVersion, Limits, format_spec
from govinfo_report._format import CellKind
from govinfo_report._readers._dump import _runs as figure_runs
from govinfo_report._readers._dump import dump_items, is_dump
from govinfo_report._readers._runs import (
    MAX_CUTS,
    RowCuts,
    cuts,
    is_run,
    run_text,
    solve,
)
from govinfo_report._rules import compile_checks
from govinfo_report._values import Mark
from govinfo_report.exceptions import LimitExceededError
from helpers import SAMPLES

COUNT = CellKind.COUNT


def test_cuts_have_no_leading_zeros() -> None:
    assert cuts("693665", [COUNT] * 3) is not None
    assert len(cuts("693665", [COUNT] * 3) or []) == 10
    assert cuts("1000001", [COUNT] * 7) == [(1, 0, 0, 0, 0, 0, 1)]
    assert cuts("0000000", [COUNT] * 7) == [(0,) * 7]
    assert cuts("0100", [COUNT] * 2) == [(0, 100)]
    assert cuts("0010", [COUNT] * 2) == []  # "0", "0", "10": three cells


def test_a_space_is_nothing_or_an_empty_cell() -> None:
    assert cuts("500000 5", [COUNT] * 7) == [
        (5, 0, 0, 0, 0, 0, 5),
        (50, 0, 0, 0, 0, Mark.BLANK, 5),
    ]
    assert cuts("0 00000", [COUNT] * 7) == [(0, Mark.BLANK, 0, 0, 0, 0, 0)]


def test_amounts_keep_their_decimals_and_marks_are_cells() -> None:
    kinds = [COUNT, CellKind.AMOUNT]
    assert cuts("00", kinds) == [(0, Decimal("0"))]
    found = cuts("312.56", kinds) or []
    assert (3, Decimal("12.56")) in found
    assert (31, Decimal("2.56")) in found
    assert cuts("3/", kinds) == [(3, Mark.NOT_APPLICABLE)]
    assert cuts("12-3", [COUNT, CellKind.SIGNED_COUNT]) == [(12, -3)]


def test_too_many_cuts_is_none_not_a_guess() -> None:
    assert cuts("123456789012345678901", [COUNT] * 7) is None
    assert len(cuts("1234567", [COUNT] * 3, limit=MAX_CUTS) or []) == 15


def test_run_marks() -> None:
    from govinfo_report._readers._runs import run_token

    token = run_token("0 00")
    assert is_run(token)
    assert not is_run("000")
    assert run_text(token) == "0 00"


def test_rows_that_fit_r3_two_ways_are_settled_by_the_columns() -> None:
    # The Pingtan 2021 table 3: 予以公开 270020130 and 本机关不掌握 220000325
    # each fit R3 two ways; with every other row known, R1 and R2 leave one.
    truth = json.loads(
        (SAMPLES / "pingtan-guanweihui-2021.truth.json").read_text("utf-8")
    )
    spec = format_spec(FormatVersion.V2021).requests
    known = {k: v for k, v in truth["cells"].items() if k.startswith("requests.")}
    rows = []
    for name, run in (("granted", "270020130"), ("unavailable.not_held", "220000325")):
        ids = tuple(f"requests.{name}.{c.id}" for c in spec.row(name).columns)
        for cell in ids:
            del known[cell]
        found = cuts(run, [COUNT] * 7) or []
        fits_r3 = [c for c in found if c[-1] == sum(c[:-1])]
        assert len(fits_r3) == 2
        rows.append(RowCuts(ids, tuple(found)))
    checks = compile_checks(spec)
    granted, not_held = solve(rows, checks, known)
    assert granted.value == (27, 0, 0, 2, 0, 1, 30)
    assert not_held.value == (22, 0, 0, 0, 0, 3, 25)
    assert granted.confirmed
    assert not_held.confirmed
    # R3 alone (the other rows unknown) cannot tell
    alone = solve(rows, [c for c in checks if c.rule.id == "R3"], {})
    assert all(s.value is None for s in alone)
    assert all(len(s.left) == 2 for s in alone)


def test_solve_reports_every_cut_left_when_nothing_decides() -> None:
    spec = format_spec(FormatVersion.V2021).active
    cells = tuple(
        f"active.normative_documents.{c.id}"
        for c in spec.row("normative_documents").columns
    )
    found = cuts("693665", [COUNT] * 3) or []
    (outcome,) = solve([RowCuts(cells, tuple(found))], compile_checks(spec), {})
    assert outcome.value is None
    assert len(outcome.left) == 10
    assert (69, 3, 665) in outcome.left


def test_solve_falls_back_to_each_row_when_the_figures_break_a_rule() -> None:
    spec = format_spec(FormatVersion.V2021).appeals
    checks = compile_checks(spec)
    cells = tuple(c.id for c in spec.cells)
    good = (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)
    bad = (1, 0, 2, 0, 4, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)
    (outcome,) = solve([RowCuts(cells, (good, bad))], checks, {})
    assert outcome.value == good
    (none_fit,) = solve([RowCuts(cells, (bad,))], checks, {})
    assert none_fit.value is None
    assert none_fit.left == ()


def test_solve_is_bounded() -> None:
    spec = format_spec(FormatVersion.V2021).requests
    rows = []
    for row in spec.rows[:12]:
        ids = tuple(f"requests.{row.id}.{c.id}" for c in row.columns)
        candidates = tuple(
            (a, b, 0, 0, 0, 0, a + b) for a in range(6) for b in range(6)
        )
        rows.append(RowCuts(ids, candidates))
    solved = solve(rows, compile_checks(spec), {}, max_nodes=500)
    assert all(s.value is None for s in solved)
    with pytest.raises(LimitExceededError):
        solve(
            rows,
            compile_checks(spec),
            {},
            deadline=Limits(max_seconds=1e-9).deadline("x"),
        )


def test_figure_runs_and_label_numbers() -> None:
    body = "属于三类内部事务信息10000016.属于四类过程性信息0000000（三）不予公开1.属于"
    runs = [(body[a:f], body[f:e]) for a, e, f in figure_runs(body)]
    assert runs == [("1000001", "6"), ("0000000", ""), ("", "1")]
    fee = "收费24252.311082三、"
    assert [fee[a:f] for a, _, f in figure_runs(fee)] == ["24252.311082"]


def test_is_dump_needs_headings_in_one_line() -> None:
    line = (
        "一、总体情况"
        + "情况" * 100
        + "二、主动公开政府信息情况三、收到和处理政府信息公开申请情况"
    )
    assert is_dump(line)
    assert not is_dump(line.replace("二、", "\n二、").replace("三、", "\n三、"))


def test_dump_items_find_labels_mid_line() -> None:
    text = (
        "标题: 某局2025年政府信息公开工作年度报告\n发布时间: 2026-01-20 08:00\n"
        "==== 正文 ====\n前言。一、总体情况"
        + "概述。"
        * 80
        + "二、主动公开政府信息情况"
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000"
        "三、收到和处理政府信息公开申请情况（三）不予公开1.属于国家秘密0000000"
        "四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况无。"
        "六、其他需要报告的事项无。 某局 2026年1月20日"
    )
    items = dump_items(text, lambda line: [])
    texts = [i.text for i in items]
    assert texts[0] == "某局2025年政府信息公开工作年度报告"
    assert "二、主动公开政府信息情况" in texts
    rules = next(i for i in items if "规章" in i.cells)
    assert run_text(rules.cells[-1]) == "000"
    secret = next(n for n, i in enumerate(items) if "1.属于国家秘密" in i.cells)
    # the group cell before the label is a row of its own, as in a grid
    assert items[secret - 1].cells == ("（三）不予公开",)
    assert texts[-2:] == ["某局", "2026年1月20日"]
