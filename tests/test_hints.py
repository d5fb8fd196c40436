"""year=, agency=, format_version=: what the caller knows of a document (issue 12, part 6).

A hint is used where the document does not say and checked where it does: a
disagreement is a METADATA_MISMATCH finding naming both values, and the
document's own value wins.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from govinfo_report import (
    FindingKind,
    FormatVersion,
    InvalidReportError,
    ReadError,
    Report,
    example_report,
    read,
    read_docx,
    read_html,
    read_pdf,
    read_text,
    to_json,
    write_docx,
)
from govinfo_report._cli import main
from govinfo_report._readers import match_grid
from helpers import SAMPLES

BACHU = (SAMPLES / "bachu-police-2023.txt").read_text("utf-8")


def _yearless(text: str) -> str:
    """The text with every year removed (an excerpt that never states its year)."""
    return re.sub(r"20\d\d\s*年", "今年", text)


def _mismatches(report: Report) -> list[str]:
    return [
        f.message
        for f in report.reading_findings
        if f.kind is FindingKind.METADATA_MISMATCH
    ]


def test_text_without_a_year_is_refused_without_the_hint() -> None:
    with pytest.raises(ReadError, match="year="):
        read_text(_yearless(BACHU))


def test_text_without_a_year_is_read_with_the_hint() -> None:
    report = read_text(_yearless(BACHU), year=2023)
    assert report.metadata.year == 2023
    assert _mismatches(report) == []
    assert dict(report.cells()) == dict(read_text(BACHU).cells())


def test_a_year_the_overview_opens_with_is_checked_against_the_hint() -> None:
    # Bachu has no title, but its overview opens with ``2023年，巴楚县公安局…``
    # and it is dated January 2024: the document says its year (a year
    # guessed from mentions alone gives way: test_metadata_text.py).
    assert read_text(BACHU).metadata.year == 2023
    assert _mismatches(read_text(BACHU, year=2023)) == []
    report = read_text(BACHU, year=2024)
    assert report.metadata.year == 2023
    (message,) = _mismatches(report)
    assert "2023" in message
    assert "2024" in message


def test_stated_year_wins_over_the_hint_with_a_finding() -> None:
    text = (SAMPLES / "pingtan-guanweihui-2021.dump.txt").read_text("utf-8")
    report = read_text(text, year=2022)
    assert report.metadata.year == 2021
    (message,) = _mismatches(report)
    assert "“2021”" in message
    assert "year=2022" in message


def test_agency_used_where_missing_and_checked_where_stated() -> None:
    excerpt = _yearless(BACHU).replace("\n巴楚县公安局\n", "\n")
    without = read_text(excerpt, year=2023)
    assert without.metadata.agency == "（未识别的机关）"
    assert any(f.kind is FindingKind.MISSING_METADATA for f in without.reading_findings)
    given = read_text(excerpt, year=2023, agency="巴楚县公安局")
    assert given.metadata.agency == "巴楚县公安局"
    assert not any(
        f.kind is FindingKind.MISSING_METADATA for f in given.reading_findings
    )
    assert _mismatches(given) == []
    other = read_text(BACHU, agency="巴楚县人民政府")
    assert other.metadata.agency == "巴楚县公安局"
    (message,) = _mismatches(other)
    assert "巴楚县公安局" in message
    assert "巴楚县人民政府" in message


def test_format_version_checked_against_the_labels() -> None:
    report = read_text(BACHU, format_version="2019")
    assert report.format_version is FormatVersion.V2021  # its labels say so
    (message,) = _mismatches(report)
    assert "2021" in message
    assert "2019" in message
    assert _mismatches(read_text(BACHU, format_version=FormatVersion.V2021)) == []


def test_format_version_used_where_the_labels_do_not_say() -> None:
    rows = [["（一）予以公开", "1", "0", "0", "0", "0", "0", "1"]]
    assert match_grid(rows, year=2023).format_version is FormatVersion.V2021
    hinted = match_grid(rows, year=2023, format_version=FormatVersion.V2019)
    assert hinted.format_version is FormatVersion.V2019
    assert not hinted.version_stated


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"year": "2023"}, "year="),
        ({"year": 1999}, "year="),
        ({"year": True}, "year="),
        ({"agency": "  "}, "agency="),
        ({"format_version": "2020"}, "format_version="),
    ],
)
def test_bad_hints_are_refused(kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidReportError, match=words):
        read_text(BACHU, **kwargs)  # type: ignore[arg-type]


def test_read_html_takes_the_hints() -> None:
    body = "".join(f"<p>{line}</p>" for line in _yearless(BACHU).splitlines())
    page = f"<html><body>{body}</body></html>"
    with pytest.raises(ReadError):
        read_html(page)
    assert read_html(page, year=2023).metadata.year == 2023


def test_read_pdf_checks_the_hints() -> None:
    report = read_pdf(SAMPLES / "hongze-district-2024.pdf", year=2023)
    assert report.metadata.year == 2024
    assert any("year=2023" in m for m in _mismatches(report))


def test_read_docx_checks_the_hints() -> None:
    buffer = io.BytesIO()
    write_docx(example_report(), buffer)
    buffer.seek(0)
    report = read_docx(buffer, year=2020, agency="别的机关")
    assert report == example_report()  # the document's own values
    messages = _mismatches(report)
    assert any("year=2020" in m for m in messages)
    assert any("别的机关" in m for m in messages)


def test_read_checks_the_hints_of_a_json_document(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(to_json(example_report()), "utf-8")
    year = example_report().metadata.year
    assert _mismatches(read(path, year=year)) == []
    report = read(path, year=year + 1, format_version="2019")
    assert report.metadata.year == year
    assert len(_mismatches(report)) == 2


def test_read_passes_the_hints_to_the_text_reader(tmp_path: Path) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(_yearless(BACHU), "utf-8")
    with pytest.raises(ReadError):
        read(path)
    assert read(path, year=2023).metadata.year == 2023


def test_cli_check_and_convert_take_the_hints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(_yearless(BACHU), "utf-8")
    assert main(["check", str(path)]) == 2  # unreadable: no year
    capsys.readouterr()
    assert main(["check", str(path), "--year", "2023", "--agency", "巴楚县公安局"]) == 0
    assert "巴楚县公安局 2023 年" in capsys.readouterr().out
    out = tmp_path / "excerpt.json"
    assert (
        main(["convert", str(path), "--to", "json", "-o", str(out), "--year", "2023"])
        == 0
    )
    assert read(out).metadata.year == 2023
    assert main(["check", str(path), "--year", "2023", "--format-version", "2019"]) == 0
    assert "metadata_mismatch" in capsys.readouterr().out


def test_docx_properties_naming_another_year_give_way_to_the_title() -> None:
    import docx

    buffer = io.BytesIO()
    write_docx(example_report(), buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    year = example_report().metadata.year
    document.core_properties.subject = f"{year - 3}年政府信息公开工作年度报告"
    edited = io.BytesIO()
    document.save(edited)
    edited.seek(0)
    report = read_docx(edited)
    assert report.metadata.year == year  # the visible title's
    (finding,) = [
        f for f in report.reading_findings if f.kind is FindingKind.METADATA_MISMATCH
    ]
    assert str(year - 3) in finding.message
    assert str(year) in finding.message
