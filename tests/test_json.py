"""The JSON exchange format: round trips, encodings, strict input with JSON paths."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import CellKind, FormatVersion
from strategies import consistent_reports, published_reports

GOLDEN = Path(__file__).parent / "data" / "example-report.json"


def _doc() -> dict[str, Any]:
    return gr.to_dict(gr.example_report())


def _problems(doc_or_text: dict[str, Any] | str) -> tuple[str, ...]:
    text = doc_or_text if isinstance(doc_or_text, str) else json.dumps(doc_or_text)
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_json(text)
    assert info.value.problems, "an ExchangeFormatError always lists its problems"
    return info.value.problems


# ------------------------------------------------------------------ golden file


def test_golden_file_is_the_example_report() -> None:
    """A change to the document of the example report must be deliberate.

    If this fails after an intended change of the format, regenerate the file
    with ``gr.to_json(gr.example_report()) + "\\n"`` and review the diff.
    """
    text = GOLDEN.read_text(encoding="utf-8")
    assert gr.to_json(gr.example_report()) + "\n" == text
    assert gr.from_json(text) == gr.example_report()


def test_output_is_deterministic_and_readable() -> None:
    report = gr.example_report()
    first = gr.to_json(report)
    assert gr.to_json(gr.example_report()) == first
    assert gr.to_json(gr.from_json(first)) == first
    assert "青禾市生态环境局" in first
    assert "\\u" not in first  # ensure_ascii=False: Chinese stays readable
    compact = gr.to_json(report, indent=None)
    assert "\n" not in compact
    assert json.loads(compact) == json.loads(first)


def test_to_dict_is_what_to_json_writes() -> None:
    report = gr.example_report()
    assert gr.to_dict(report) == json.loads(gr.to_json(report))


def test_keys_follow_the_spec() -> None:
    doc = _doc()
    assert list(doc) == [
        "schema_version",
        "format_version",
        "requests_layout",
        "metadata",
        "preface",
        *(s.value for s in gr.SectionId),
    ]
    # The JSON path of every figure is $.<cell id>.
    for cell_id, value in gr.example_report().cells().items():
        node: Any = doc
        for part in cell_id.split("."):
            node = node[part]
        expected = str(value) if isinstance(value, Decimal) else value
        assert node == expected, cell_id


# ------------------------------------------------------------------ round trips


@given(consistent_reports())
def test_round_trip_consistent(report: gr.Report) -> None:
    text = gr.to_json(report)
    back = gr.from_json(text)
    assert back == report
    assert back.is_hybrid == report.is_hybrid
    assert gr.to_json(back) == text
    # Amounts keep their published places (Decimal equality would not tell).
    for (cell_id, ours), theirs in zip(
        report.cells().items(), back.cells().values(), strict=True
    ):
        assert str(ours) == str(theirs), cell_id
        assert type(ours) is type(theirs), cell_id


@given(published_reports())
def test_round_trip_as_published(report: gr.Report) -> None:
    back = gr.from_json(gr.to_json(report))
    assert back == report
    assert [str(v) for v in back.cells().values()] == [
        str(v) for v in report.cells().values()
    ]
    assert gr.validate(back) == gr.validate(report)


def test_values_encodings() -> None:
    report = gr.example_report().with_cells(
        {
            "active.fees.amount": Decimal("12.50"),
            "active.rules.issued": gr.BLANK,
            "active.rules.repealed": gr.NOT_APPLICABLE,
            "active.rules.in_force": gr.MISSING,
        },
        derive_totals=False,
    )
    doc = gr.to_dict(report)
    assert doc["active"]["fees"]["amount"] == "12.50"
    assert doc["active"]["rules"] == {"issued": "", "repealed": "/", "in_force": None}
    back = gr.from_json(gr.to_json(report))
    assert str(back["active.fees.amount"]) == "12.50"
    assert back["active.rules.issued"] is gr.BLANK
    assert back["active.rules.repealed"] is gr.NOT_APPLICABLE
    assert back["active.rules.in_force"] is gr.MISSING


@pytest.mark.parametrize("places", ["0", "12", "12.5", "12.50", "0.0000", "7.1200"])
def test_amount_precision(places: str) -> None:
    report = gr.example_report().with_cells({"active.fees.amount": Decimal(places)})
    assert gr.to_dict(report)["active"]["fees"]["amount"] == places
    assert str(gr.from_json(gr.to_json(report))["active.fees.amount"]) == places


def test_hybrid_report_round_trips() -> None:
    report = gr.from_cells(
        {"requests.received.natural_person": 5, "requests.other.natural_person": 2},
        agency="洪泽区示例局",
        year=2024,
        requests_layout=FormatVersion.V2019,
    )
    doc = gr.to_dict(report)
    assert (doc["format_version"], doc["requests_layout"]) == ("2021", "2019")
    assert doc["requests"]["other"]["natural_person"] == 2
    back = gr.from_dict(doc)
    assert back == report
    assert back.is_hybrid


def test_2019_report_round_trips() -> None:
    report = gr.from_cells(
        {
            "active.licensing.change": -3,
            "active.procurement.amount": Decimal("1200.50"),
        },
        agency="示例局",
        year=2020,
        format_version=FormatVersion.V2019,
    )
    doc = gr.to_dict(report)
    assert doc["active"]["licensing"]["change"] == -3
    assert doc["active"]["procurement"]["amount"] == "1200.50"
    assert gr.from_dict(doc) == report


@pytest.mark.parametrize("cell", ["previous_items", "decisions"])
def test_2019_negative_count_next_to_a_signed_change_is_refused(cell: str) -> None:
    # Found by the long fuzzing run: the fast path for a row of figures let a
    # negative through in a row that also holds the signed 本年增/减.
    report = gr.from_cells(
        {"active.coercion.change": -2}, agency="示例局", year=2020,
        format_version=FormatVersion.V2019,
    )  # fmt: skip
    doc = gr.to_dict(report)
    doc["active"]["coercion"][cell] = -1
    with pytest.raises(gr.ExchangeFormatError) as caught:
        gr.from_dict(doc)
    assert any(
        p.startswith(f"$.active.coercion.{cell}:") and "负数 -1" in p
        for p in caught.value.problems
    ), caught.value.problems


def test_narratives_round_trip() -> None:
    report = gr.example_report()
    doc = gr.to_dict(report)
    assert doc["overview"]["subsections"][0]["title"] == "主动公开"
    back = gr.from_dict(doc)
    assert back.overview == report.overview
    assert back.preface == report.preface
    assert back.other_matters == report.other_matters


def test_bytes_with_bom() -> None:
    text = gr.to_json(gr.example_report())
    assert gr.from_json(b"\xef\xbb\xbf" + text.encode()) == gr.example_report()


# -------------------------------------------------------- as published / strict


def _broken() -> dict[str, Any]:
    doc = _doc()
    doc["requests"]["total"]["natural_person"] += 1  # breaks R1, R2 and R3
    return doc


def test_broken_figures_load_as_published() -> None:
    report = gr.from_dict(_broken())
    assert report.as_published
    broken = {
        f.rule for f in gr.validate(report) if f.kind is gr.FindingKind.RULE_BROKEN
    }
    assert {"R1", "R2", "R3"} <= broken


def test_strict_refuses_broken_figures() -> None:
    with pytest.raises(gr.InconsistentReportError) as info:
        gr.from_json(json.dumps(_broken()), strict=True)
    assert any("requests.total.natural_person" in f.cells for f in info.value.findings)
    # A consistent document passes strict.
    assert gr.from_dict(_doc(), strict=True) == gr.example_report()


# ------------------------------------------------------------------ strict input

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


def _rename_column(doc: dict[str, Any]) -> None:
    row = doc["requests"]["granted"]
    row["legal_service"] = row.pop("legal_service_agency")


def _table_2019(doc: dict[str, Any]) -> None:
    old = gr.from_cells(
        {}, agency="示例局", year=2020, format_version=FormatVersion.V2019
    )
    doc["active"] = gr.to_dict(old)["active"]


# (mutation, path of the problem, a fragment of what is said about it)
TYPE_CASES: list[tuple[str, Mutation, str, str]] = [
    (
        "float count",
        _set("requests.granted.natural_person", 2.5),
        "$.requests.granted.natural_person",
        "带小数或指数的数 2.5",
    ),
    (
        "string count",
        _set("requests.granted.natural_person", "3"),
        "$.requests.granted.natural_person",
        '字符串 "3"',
    ),
    (
        "bool count",
        _set("appeals.review.upheld", True),
        "$.appeals.review.upheld",
        "布尔值 true",
    ),
    (
        "negative count",
        _set("requests.withheld.state_secret.total", -1),
        "$.requests.withheld.state_secret.total",
        "负数 -1",
    ),
    (
        "amount as a number",
        _set("active.fees.amount", 12.56),
        "$.active.fees.amount",
        "金额须写成字符串",
    ),
    (
        "amount with a thousands separator",
        _set("active.fees.amount", "1,200.00"),
        "$.active.fees.amount",
        '字符串 "1,200.00"',
    ),
    (
        "negative amount",
        _set("active.fees.amount", "-1.00"),
        "$.active.fees.amount",
        "十进制金额字符串",
    ),
    (
        "unknown key in a table",
        _set("requests.granted.legal_persons", 0),
        "$.requests.granted.legal_persons",
        "未知的键",
    ),
    ("unknown top-level key", _set("remarks", "x"), "$.remarks", "未知的键"),
    (
        "renamed key (as many keys as expected)",
        _rename_column,
        "$.requests.granted.legal_service_agency",
        "缺少此键",
    ),
    ("missing section", _delete("problems"), "$.problems", "缺少此键"),
    ("missing table", _delete("appeals"), "$.appeals", "缺少此键"),
    (
        "missing row",
        _delete("requests.withheld.state_secret"),
        "$.requests.withheld.state_secret",
        "缺少此键",
    ),
    (
        "2019 table in a 2021 report",
        _table_2019,
        "$.active.other_services",
        "它属于 2019 版格式的表二",
    ),
    (
        "wrong schema_version",
        _set("schema_version", 3),
        "$.schema_version",
        "应为 1 或 2",
    ),
    ("unknown format", _set("format_version", "2022"), "$.format_version", '"2021"'),
    ("year as a string", _set("metadata.year", "2025"), "$.metadata.year", "整数"),
    (
        "date not ISO",
        _set("metadata.date_of_issue", "2026年1月20日"),
        "$.metadata.date_of_issue",
        "YYYY-MM-DD",
    ),
    (
        "paragraph not a string",
        _set("preface", ["ok", 3]),
        "$.preface[1]",
        "应为字符串",
    ),
    ("narrative not an object", _set("problems", "无"), "$.problems", "应为对象"),
    ("table not an object", _set("requests", []), "$.requests", "应为对象"),
]


@pytest.mark.parametrize(
    ("mutate", "path", "said"),
    [pytest.param(m, p, s, id=name) for name, m, p, s in TYPE_CASES],
)
def test_strict_input(mutate: Mutation, path: str, said: str) -> None:
    doc = _doc()
    mutate(doc)
    problems = _problems(doc)
    mine = [p for p in problems if p.split(": ", 1)[0] == path]
    assert mine, problems
    assert any(said in p for p in mine), mine


def test_every_problem_is_listed_at_once() -> None:
    doc = _doc()
    for _, mutate, _, _ in TYPE_CASES[:6]:
        mutate(doc)
    problems = _problems(doc)
    paths = {p.split(": ", 1)[0] for p in problems}
    assert paths == {
        "$.requests.granted.natural_person",
        "$.appeals.review.upheld",
        "$.requests.withheld.state_secret.total",
        "$.active.fees.amount",
    }
    # Every message says where and what was expected, in the library's words.
    assert all(p.startswith("$") and "应为" in p for p in problems)
    assert not any("invalid value" in p or "@ $" in p for p in problems)


def test_2019_requests_in_a_2019_only_layout() -> None:
    doc = gr.to_dict(
        gr.from_cells(
            {}, agency="示例局", year=2020, format_version=FormatVersion.V2019
        )
    )
    doc["requests_layout"] = "2021"
    problems = _problems(doc)
    assert any(p.startswith("$.requests_layout: 2019 版格式的报告") for p in problems)


def test_duplicate_keys() -> None:
    text = gr.to_json(gr.example_report())
    text = text.replace(
        '"natural_person": 18,', '"natural_person": 18,\n "natural_person": 1,', 1
    )
    problems = _problems(text)
    assert "$.requests.granted.natural_person: 键重复出现（duplicate key）" in problems


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("1e999999", "带小数或指数的数 1e999999"),
        ("NaN", "NaN（不是 JSON 数值"),
        ("-Infinity", "-Infinity"),
        ("1" * 1_000_000, "1000000 位"),
        ("1" * 30, "整数"),
        ("3.0", "带小数或指数的数 3.0"),
    ],
    ids=["huge exponent", "NaN", "infinity", "million digits", "30 digits", "3.0"],
)
def test_absurd_numbers(number: str, said: str) -> None:
    text = gr.to_json(gr.example_report(), indent=None).replace(
        '"upheld": 3', f'"upheld": {number}', 1
    )
    problems = _problems(text)
    assert len(problems) == 1, problems
    assert problems[0].startswith("$.appeals.review.upheld: ")
    assert said in problems[0]


def test_count_beyond_json_precision_is_refused_on_both_sides() -> None:
    big = 2**53
    report = gr.example_report().with_cells({"appeals.review.upheld": big})
    with pytest.raises(gr.ExchangeFormatError, match=r"appeals\.review\.upheld"):
        gr.to_json(report)
    doc = _doc()
    doc["appeals"]["review"]["upheld"] = big
    (problem,) = _problems(doc)
    assert problem.startswith("$.appeals.review.upheld: ")


def test_deep_nesting() -> None:
    problems = _problems("[" * 200_000 + "]" * 200_000)
    assert "嵌套过深" in problems[0]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "不是有效的 JSON"),
        ("{", "不是有效的 JSON"),
        ("[]", "$: 应为对象（object），实为数组"),
        ("null", "$: 应为对象（object），实为null"),
    ],
)
def test_not_a_document(text: str, said: str) -> None:
    problems = _problems(text)
    assert any(said in p for p in problems), problems


def test_invalid_utf8() -> None:
    with pytest.raises(gr.ExchangeFormatError, match="UTF-8"):
        gr.from_json(b'{"a": "\xff"}')


def test_from_dict_is_as_strict() -> None:
    doc = _doc()
    doc["requests"]["granted"]["natural_person"] = 2.0  # a Python float
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_dict(doc)
    (problem,) = info.value.problems
    assert problem.startswith("$.requests.granted.natural_person: ")
    assert "浮点数 2.0" in problem


def test_metadata_value_errors_are_exchange_errors() -> None:
    doc = _doc()
    doc["metadata"]["year"] = 1999
    doc["metadata"]["agency"] = " "
    agency, year = _problems(doc)
    assert agency.startswith("$.metadata.agency: agency"), agency
    assert year.startswith("$.metadata.year: year 1999"), year


def test_input_is_not_modified() -> None:
    doc = _doc()
    before = copy.deepcopy(doc)
    gr.from_dict(doc)
    assert doc == before


def test_a_hybrid_table_marked_as_2021_names_the_2019_layout() -> None:
    doc = gr.to_dict(
        gr.from_cells(
            {}, agency="示例局", year=2024, requests_layout=FormatVersion.V2019
        )
    )
    doc["requests_layout"] = "2021"
    problems = _problems(doc)
    assert any(
        p.startswith("$.requests.other.natural_person: 未知的键")
        and "它属于 2019 版格式的表三" in p
        for p in problems
    ), problems
    assert "$.requests.other.no_correction: 缺少此键（missing key）" in problems


def test_one_private_converter() -> None:
    import cattrs

    from govinfo_report._exchange._converter import CONVERTER

    assert CONVERTER is not cattrs.global_converter
    # Structuring a Report through the converter is the strict walk.
    doc = _doc()
    doc["appeals"]["review"]["upheld"] = "3"
    with pytest.raises(gr.ExchangeFormatError):
        CONVERTER.structure(doc, gr.Report)


# ------------------------------------------------------- schema version and format


def _fingerprint(specs: list[gr.FormatSpec]) -> str:
    """The format's shape as a document carries it: every version's tables, row
    ids, column ids and cell kinds, in printed order, and which amounts the
    label gives no unit (computed here, not by the library, so the recorded
    value is checked against an independent reading)."""
    import hashlib

    def published(cell: gr.CellSpec) -> str:
        unitless = cell.kind is CellKind.AMOUNT and "（单位：" not in cell.column.label
        return " published_unit" if unitless else ""

    lines = [
        f"{spec.version.value} {table.id.value} {cell.row.id} {cell.column.id}"
        f" {cell.kind.value}{published(cell)}"
        for spec in specs
        for table in spec.tables
        for cell in table.cells
    ]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def test_schema_version_follows_the_format() -> None:
    from govinfo_report._exchange._document import (
        SCHEMA_FINGERPRINTS,
        SCHEMA_VERSION,
        format_fingerprint,
    )

    now = _fingerprint([gr.format_spec(v) for v in FormatVersion])
    recorded = SCHEMA_FINGERPRINTS.get(SCHEMA_VERSION)
    assert now == recorded, (
        f"The format's rows, columns or kinds changed (fingerprint {now}), but "
        f"SCHEMA_VERSION is still {SCHEMA_VERSION} (recorded fingerprint "
        f"{recorded}). Old documents no longer match: raise SCHEMA_VERSION in "
        f"_exchange/_document.py and record {now!r} under the new version in "
        f"SCHEMA_FINGERPRINTS."
    )
    assert max(SCHEMA_FINGERPRINTS) == SCHEMA_VERSION, "record under the newest version"
    assert len(set(SCHEMA_FINGERPRINTS.values())) == len(SCHEMA_FINGERPRINTS)
    assert format_fingerprint() == now
    assert gr.to_dict(gr.example_report())["schema_version"] == SCHEMA_VERSION


def test_a_new_row_changes_the_fingerprint() -> None:
    import attrs

    spec = gr.format_spec(FormatVersion.V2021)
    rows = spec.requests.rows
    new_row = attrs.evolve(rows[-1], id="withheld.new_reason")
    grown = attrs.evolve(
        spec, requests=attrs.evolve(spec.requests, rows=(*rows, new_row))
    )
    others = [gr.format_spec(v) for v in FormatVersion if v is not spec.version]
    assert _fingerprint([grown, *others]) != _fingerprint([spec, *others])
    kind = attrs.evolve(rows[0].columns[0], kind=gr.CellKind.AMOUNT)
    recolumned = attrs.evolve(
        spec,
        requests=attrs.evolve(
            spec.requests,
            rows=(
                attrs.evolve(rows[0], columns=(kind, *rows[0].columns[1:])),
                *rows[1:],
            ),
        ),
    )
    assert _fingerprint([recolumned, *others]) != _fingerprint([spec, *others])


# ------------------------------------------------------------- generated code


def test_generated_code_shows_in_tracebacks() -> None:
    import inspect
    import linecache
    import traceback

    from govinfo_report._exchange._decode import _FAST
    from govinfo_report._exchange._generated import compile_generated

    made = compile_generated("def boom(x):\n    return 1 // x\n", "test boom")
    with pytest.raises(ZeroDivisionError) as info:
        made["boom"](0)
    shown = "".join(traceback.format_exception(info.value))
    assert '"<govinfo_report generated test boom>", line 2, in boom' in shown
    assert "return 1 // x" in shown
    # The same name again is another file, not a clash with the first.
    again = compile_generated("def boom():\n    pass\n", "test boom")
    assert (
        again["boom"].__code__.co_filename == "<govinfo_report generated test boom-2>"
    )
    # Every generated JSON reader is registered with its source.
    for (table, layout), read in _FAST.items():
        gather = inspect.getclosurevars(read).nonlocals["gather"]
        filename = gather.__code__.co_filename
        assert (
            filename == f"<govinfo_report generated read {table.value} {layout.value}>"
        )
        assert linecache.getline(filename, 1) == "def read(d):\n"


@given(published_reports() | consistent_reports(), st.data())
def test_fast_table_reader_agrees_with_the_full_walk(
    report: gr.Report, data: st.DataObject
) -> None:
    # The generated fast path answers only for a well-formed table of figures,
    # and then exactly as the full walk does; anything else falls to the walk.
    from govinfo_report._exchange._decode import _FAST, _PLANS, _Reader
    from govinfo_report._exchange._document import Problems

    doc = gr.to_dict(report)
    for table in report.tables:
        spec = table.spec
        value = copy.deepcopy(doc[spec.id.value])
        for cell in data.draw(st.lists(st.sampled_from(spec.cells), max_size=2)):
            *parents, leaf = cell.id.split(".")[1:]
            node = value
            for key in parents:
                node = node[key]
            node[leaf] = data.draw(
                st.sampled_from(
                    [-1, 0, 7, 2**53, "3", "/", "", None, True, 1.5, "1.50"]
                )
            )
        fast = _FAST[spec.id, spec.layout](value)
        problems = Problems()
        walked: list[Any] = [None] * len(spec.cells)
        _Reader(problems).branch(
            value, _PLANS[spec.id, spec.layout], f"$.{spec.id.value}", walked
        )
        if fast is not None:
            assert len(problems) == 0
            assert list(fast) == walked
