"""check_publishable: everything that stops a report from being published, and the writers' refusal."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from tests.helpers import SAMPLES

import govinfo_report as gr
from govinfo_report import FindingKind, FormatVersion, Severity

EXAMPLE = gr.example_report()


def _with_year(report: gr.Report, year: int) -> gr.Report:
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, year=year))


def test_a_complete_report_is_publishable() -> None:
    assert gr.check_publishable(EXAMPLE) == []
    gr.write_docx(EXAMPLE, io.BytesIO())


def test_it_starts_with_validate() -> None:
    broken = attrs.evolve(EXAMPLE, as_published=True, problems=gr.Narrative())
    broken = broken.with_cells({"requests.total.total": 999}, derive_totals=False)
    findings = gr.check_publishable(broken)
    validated = gr.validate(broken)
    assert validated
    assert findings[: len(validated)] == validated
    # The narrative states the old total: N1 says so, as a warning.
    assert [f.rule for f in findings[len(validated) :]] == ["S1", "N1"]


@pytest.mark.parametrize("section", ["overview", "problems", "other_matters"])
def test_an_empty_section_stops_publishing(section: str) -> None:
    empty = attrs.evolve(EXAMPLE, **{section: gr.Narrative()})
    assert gr.validate(empty) == []
    [finding] = gr.check_publishable(empty)
    assert (finding.rule, finding.kind, finding.severity) == (
        "S1",
        FindingKind.MISSING_SECTION,
        Severity.ERROR,
    )
    with pytest.raises(gr.UnpublishableReportError, match="缺少报告的组成部分"):
        gr.write_docx(empty, io.BytesIO())


@pytest.mark.parametrize(
    ("version", "year", "ok"),
    [
        (FormatVersion.V2019, 2019, True),
        (FormatVersion.V2019, 2020, True),
        (FormatVersion.V2019, 2021, False),
        (FormatVersion.V2019, 2025, False),
        (FormatVersion.V2021, 2020, False),
        (FormatVersion.V2021, 2019, False),
        (FormatVersion.V2021, 2021, True),
        (FormatVersion.V2021, 2018, False),
        (FormatVersion.V2019, 2018, False),
    ],
)
def test_format_version_against_year(
    version: FormatVersion, year: int, ok: bool
) -> None:
    report = gr.from_cells(
        {},
        agency="某局",
        year=year,
        format_version=version,
        overview=EXAMPLE.overview,
        problems=EXAMPLE.problems,
        other_matters=EXAMPLE.other_matters,
    )
    findings = [f for f in gr.check_publishable(report) if f.is_error]
    if ok:
        assert findings == []
        return
    [finding] = findings
    assert finding.rule == "M1"
    assert finding.kind is FindingKind.FORMAT_MISMATCH
    assert str(year) in finding.message
    with pytest.raises(gr.UnpublishableReportError, match="格式版本与报告年度不符"):
        gr.write_docx(report, io.BytesIO())


def test_a_hybrid_is_a_2021_format_report() -> None:
    hybrid = gr.from_cells(
        {},
        agency="某局",
        year=2024,
        requests_layout=FormatVersion.V2019,
        overview=EXAMPLE.overview,
        problems=EXAMPLE.problems,
        other_matters=EXAMPLE.other_matters,
    )
    assert hybrid.is_hybrid
    assert [f for f in gr.check_publishable(hybrid) if f.is_error] == []


def test_a_truncated_read_is_refused_as_truncated() -> None:
    report = gr.read(SAMPLES / "zhanjiang-gazetteer-office-2023.partial.txt")
    kinds = {f.kind for f in gr.check_publishable(report) if f.is_error}
    assert FindingKind.TRUNCATED in kinds
    with pytest.raises(gr.UnpublishableReportError) as info:
        gr.write_docx(report, io.BytesIO())
    heading = str(info.value).splitlines()[0]
    assert "读取不完整" in heading
    assert "勾稽关系" not in heading
    errors = [f for f in gr.check_publishable(report) if f.is_error]
    assert list(info.value.findings) == errors  # the writer refuses on exactly these
    assert isinstance(info.value, gr.InconsistentReportError)  # caught as before
    gr.write_docx(report, io.BytesIO(), allow_findings=True)


def test_refusal_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    with pytest.raises(gr.UnpublishableReportError):
        gr.write_docx(attrs.evolve(EXAMPLE, overview=gr.Narrative()), target)
    assert not target.exists()


def test_every_kind_has_a_label() -> None:
    labels = [kind.label for kind in FindingKind]
    assert len(set(labels)) == len(labels)
    assert FindingKind.RULE_BROKEN.label.startswith("报告数字不符合勾稽关系")
    assert "M1" in {rule.id for rule in gr.ANALYSIS_RULES}


def test_format_years() -> None:
    assert FormatVersion.for_year(2018) is None
    assert FormatVersion.for_year(2019) is FormatVersion.V2019
    assert FormatVersion.for_year(2020) is FormatVersion.V2019
    assert FormatVersion.for_year(2021) is FormatVersion.V2021
    assert FormatVersion.for_year(2200) is FormatVersion.V2021
    assert gr.check_publishable(_with_year(EXAMPLE, 2030)) == []


# ------------------------------------------------------------------ the CLI


def test_convert_to_docx_refuses_a_truncated_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import main

    source = SAMPLES / "zhanjiang-gazetteer-office-2023.partial.txt"
    out = tmp_path / "z.docx"
    assert main(["convert", str(source), "--to", "docx", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "拒绝写出" in err
    assert "读取不完整" in err
    assert "--allow-findings" in err
    assert not out.exists()
    args = ["convert", str(source), "--to", "docx", "-o", str(out), "--allow-findings"]
    assert main(args) == 0
    assert out.read_bytes()[:2] == b"PK"
    # JSON is data, not a document to publish: written, missing cells as null.
    assert (
        main(["convert", str(source), "--to", "json", "-o", str(tmp_path / "z.json")])
        == 0
    )


def test_convert_a_folder_refuses_per_file_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from govinfo_report._cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "bachu-police-2023.txt", folder / "bachu.txt")
    shutil.copy(SAMPLES / "changchun-veterans-2023.partial.md", folder / "cc.md")
    out = tmp_path / "out"
    assert main(["convert", str(folder), "--to", "docx", "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["bachu.docx"]
    assert "cc.md" in captured.err
    assert "拒绝写出 1 个" in captured.out


def test_render_refuses_an_empty_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import main

    source = tmp_path / "r.json"
    source.write_text(
        gr.to_json(attrs.evolve(EXAMPLE, overview=gr.Narrative())), "utf-8"
    )
    out = tmp_path / "r.docx"
    assert main(["render", str(source), "-o", str(out)]) == 1
    assert "缺少报告的组成部分" in capsys.readouterr().err
    assert not out.exists()
    assert main(["render", str(source), "-o", str(out), "--allow-findings"]) == 0
    assert out.exists()


@pytest.mark.parametrize(
    ("amount", "unit", "warned"),
    [("312.5", None, True), ("312.5", "万元", False), ("0", None, False)],
)
def test_an_amount_without_its_unit_is_a_warning(
    amount: str, unit: str | None, warned: bool
) -> None:
    """M2: a non-zero 2019 采购总金额 with no unit (元 or 万元?) is worth a look."""
    report = gr.from_cells(
        {"active.procurement.amount": Decimal(amount)},
        agency="某局",
        year=2019,
        format_version=FormatVersion.V2019,
        amount_unit=unit,
    )
    found = [f for f in gr.check_publishable(report) if f.rule == "M2"]
    assert bool(found) is warned
    for finding in found:
        assert finding.severity is gr.Severity.WARNING  # does not stop publishing
        assert finding.cells == ("active.procurement.amount",)
        assert "未注明单位" in finding.message
