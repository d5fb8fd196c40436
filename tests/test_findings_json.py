"""Findings as data: Finding and CheckResult to JSON and back, the schema, stable error codes."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import SAMPLES
from tests.strategies import findings

import govinfo_report as gr
from govinfo_report._cli import main
from govinfo_report._cli._check import check_file
from govinfo_report._exchange._findings_schema import (
    findings_schema_text,
    shipped_findings_schema_text,
)

SCHEMA = gr.findings_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BROKEN = attrs.evolve(gr.example_report(), as_published=True).with_cells(
    {
        "requests.total.total": 999,
        "appeals.review.upheld": gr.BLANK,
        "active.fees.amount": Decimal("3.50"),
    },
    derive_totals=False,
)


def test_shipped_file_is_the_generated_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert shipped_findings_schema_text() == findings_schema_text()
    assert json.loads(shipped_findings_schema_text()) == gr.findings_schema()


@given(st.lists(findings, max_size=5))
def test_findings_round_trip_and_match_the_schema(items: list[gr.Finding]) -> None:
    text = gr.findings_to_json(items)
    VALIDATOR.validate(json.loads(text))
    assert gr.findings_from_json(text) == items
    assert gr.findings_from_json(gr.findings_to_dict(items)) == items


def test_a_finding_carries_figures_and_labels() -> None:
    found = gr.validate(BROKEN)
    doc = gr.findings_to_dict(found)
    VALIDATOR.validate(doc)
    r2 = next(f for f in doc["findings"] if "requests.total.total" in f["cells"][:1])
    assert (r2["table"], r2["row"], r2["column"]) == ("表三", "（七）总计", "总计")
    assert isinstance(r2["published"], int)
    assert isinstance(r2["expected"], int)
    assert r2["difference"] == r2["published"] - r2["expected"]
    assert r2["fingerprint"] == found[doc["findings"].index(r2)].fingerprint
    assert gr.findings_from_json(json.dumps(doc)) == found


def test_figures_are_written_as_the_report_document_writes_them() -> None:
    finding = gr.Finding(
        rule="R4",
        kind=gr.FindingKind.NOT_A_FIGURE,
        severity=gr.Severity.ERROR,
        cells=["active.fees.amount"],
        message="x",
        published=gr.MISSING,
        expected=Decimal("12.50"),
    )
    [doc] = gr.findings_to_dict([finding])["findings"]
    assert doc["published"] is None  # missing, as in the report document
    assert doc["expected"] == "12.50"  # exact, places kept
    assert "difference" not in doc  # none: the key is left out
    assert doc["table"] == "表二"
    assert gr.findings_from_json(gr.findings_to_json([finding])) == [finding]


def test_labels_follow_the_report_format() -> None:
    finding = gr.Finding(
        rule="R1",
        kind=gr.FindingKind.RULE_BROKEN,
        severity=gr.Severity.ERROR,
        cells=["active.licensing.decisions"],
        message="x",
    )
    v2021 = gr.findings_to_dict([finding], format_version=gr.FormatVersion.V2021)
    v2019 = gr.findings_to_dict([finding], format_version=gr.FormatVersion.V2019)
    assert v2021["findings"][0]["column"] == "本年处理决定数量"
    assert v2019["findings"][0]["column"] == "处理决定数量"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["findings"][0].update(kind="bogus"), "$.findings[0].kind"),
        (lambda d: d["findings"][0].update(published=2.5), "$.findings[0].published"),
        (lambda d: d["findings"][0].update(published=True), "$.findings[0].published"),
        (lambda d: d["findings"][0].update(extra=1), "$.findings[0].extra"),
        (lambda d: d["findings"][0].pop("message"), "$.findings[0].message"),
        (lambda d: d["findings"][0].update(cells="a"), "$.findings[0].cells"),
        (lambda d: d["findings"][0].update(difference=""), "$.findings[0].difference"),
        (lambda d: d.update(schema_version=2), "$.schema_version"),
        (lambda d: d.update(findings={}), "$.findings"),
    ],
)
def test_reading_is_strict_and_says_where(change: object, path: str) -> None:
    doc = gr.findings_to_dict(gr.validate(BROKEN))
    change(doc)  # type: ignore[operator]
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.findings_from_json(json.dumps(doc))
    assert path in [p.path for p in info.value.problems]
    assert not VALIDATOR.is_valid(json.loads(json.dumps(doc)))


def test_not_json_is_an_exchange_error() -> None:
    with pytest.raises(gr.ExchangeFormatError, match="不是有效的 JSON"):
        gr.findings_from_json("{")


@pytest.mark.parametrize(
    "name",
    [
        "bachu-police-2023.txt",
        "changchun-veterans-2023.partial.md",
        "zhanjiang-gazetteer-office-2023.partial.txt",
    ],
)
def test_check_results_round_trip(name: str) -> None:
    result = check_file(str(SAMPLES / name))
    text = gr.check_result_to_json(result)
    assert "\n" not in text  # one line of check --json
    doc = json.loads(text)
    VALIDATOR.validate(doc)
    assert doc["errors"] == result.errors
    assert doc["warnings"] == result.warnings
    assert gr.check_result_from_json(text) == result


def _unreadable(tmp_path: Path, name: str, data: bytes) -> dict[str, object]:
    path = tmp_path / name
    path.write_bytes(data)
    result = check_file(str(path))
    assert result.status is gr.CheckStatus.UNREADABLE
    doc = gr.check_result_to_dict(result)
    VALIDATOR.validate(doc)
    assert gr.check_result_from_json(json.dumps(doc)) == result
    return doc


def test_unreadable_files_carry_a_stable_code(tmp_path: Path) -> None:
    assert _unreadable(tmp_path, "a.txt", "会议纪要：食堂菜单。".encode())["code"] == (
        "not_a_report"
    )
    assert _unreadable(tmp_path, "b.pdf", b"%PDF-1.7\n garbage")["code"] == "damaged"
    assert _unreadable(tmp_path, "c.docx", b"PK\x03\x04 broken")["code"] == "damaged"
    assert _unreadable(tmp_path, "d.json", b'{"schema_version": 1}')["code"] == (
        "invalid_document"
    )
    missing = check_file(str(tmp_path / "missing.txt"))
    assert missing.code == "io_error"


def test_a_limit_is_limit_exceeded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govinfo_report import _read

    small = gr.Limits(max_input_bytes=100)
    real = _read.read

    def load_report(source: object, **kwargs: object) -> gr.Report:
        return real(source, limits=small)  # type: ignore[arg-type]

    monkeypatch.setattr("govinfo_report._cli._check.load_report", load_report)
    path = tmp_path / "big.txt"
    path.write_bytes((SAMPLES / "bachu-police-2023.txt").read_bytes())
    result = check_file(str(path))
    assert result.code == "limit_exceeded"


def test_every_error_class_has_a_known_code() -> None:
    for cls in (
        gr.GovinfoReportError,
        gr.InvalidReportError,
        gr.ExchangeFormatError,
        gr.ReadError,
        gr.NotAReportError,
        gr.LimitExceededError,
        gr.WriteError,
        gr.MissingDependencyError,
    ):
        assert cls.code in gr.ERROR_CODES
    with pytest.raises(ValueError, match="unknown error code"):
        gr.ReadError("x", code="nonsense")


def test_check_json_lines_carry_figures_and_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.json").write_text(gr.to_json(BROKEN), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("会议纪要", encoding="utf-8")
    assert main(["check", "--json", str(tmp_path)]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for line in lines:
        VALIDATOR.validate(line)
    by_name = {Path(line["file"]).name: line for line in lines}
    assert by_name["notes.txt"]["code"] == "not_a_report"
    r2 = next(f for f in by_name["broken.json"]["findings"] if f["rule"] == "R2")
    assert {"published", "expected", "difference", "table", "row", "column"} <= set(r2)


def test_exchange_problems_are_structured() -> None:
    bad = gr.to_dict(gr.example_report())
    bad["requests"]["granted"]["natural_person"] = 2.5
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_dict(bad)
    [problem] = info.value.problems
    assert problem.path == "$.requests.granted.natural_person"
    assert problem.message.startswith("应为非负整数")
    assert str(problem) == f"{problem.path}: {problem.message}"
    assert problem.as_dict() == {"path": problem.path, "message": problem.message}
    assert str(problem) in str(info.value)
    with pytest.raises(gr.ExchangeFormatError) as csv_info:
        gr.from_csv(io.StringIO("a,b\n"))
    [line] = csv_info.value.problems
    assert line.path == "第 1 行"
    assert str(line).startswith("第 1 行：表头应为")
