"""One rule for text at the model boundary: only what XML 1.0 can hold.

Characters XML 1.0 cannot hold (C0 controls but tab, newline and CR; U+FFFE,
U+FFFF; lone surrogates) are refused by the model naming the field, refused by
``from_json``/``from_dict``/``from_csv`` naming the JSON path or line, and
removed by the readers with a finding naming where. So every report that
exists can be written in every format.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from govinfo_report import (
    MISSING,
    ExchangeFormatError,
    FindingKind,
    InvalidReportError,
    Metadata,
    Narrative,
    Report,
    Subsection,
    example_report,
    from_csv,
    from_dict,
    from_json,
    read,
    read_docx,
    read_html,
    read_text,
    to_csv,
    to_dict,
    to_json,
    write_docx,
    write_html,
)
from helpers import SAMPLES, outcome

UNSAFE = {
    "nul": "\x00",
    "bell": "\x07",
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "unit separator": "\x1f",
    "U+FFFE": "\ufffe",
    "U+FFFF": "\uffff",
    "lone high surrogate": "\ud800",
    "lone low surrogate": "\udfff",
}
"""One character of every class XML 1.0 cannot hold."""

LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e"
"""Controls that `str.splitlines` (and so `read_text`) takes as line breaks."""

EDGE = (
    "a\tb\nc\rd\x7f\x85\u2028\u2029\ufeff\ufffd\U0001f600\U0010ffff\ue000\u200b\u202e=+"
)
"""Characters XML can hold that writers might still stumble on."""


def _with_text(report: Report, text: str) -> Report:
    """The report with ``text`` in every text field."""
    narrative = Narrative(
        paragraphs=[text, "普通段落"],
        subsections=[Subsection(title="小节" + text, paragraphs=[text])],
    )
    metadata = attrs.evolve(report.metadata, agency="机关" + text, title="标题" + text)
    return attrs.evolve(
        report,
        metadata=metadata,
        preface=(text,),
        overview=narrative,
        problems=narrative,
        other_matters=narrative,
    )


FIELDS: dict[str, Any] = {
    "agency": lambda t: Metadata(agency="机关" + t, year=2023),
    "Metadata.title": lambda t: Metadata(agency="机关", year=2023, title=t),
    "preface": lambda t: attrs.evolve(example_report(), preface=("ok", t)),
    "Subsection.title": lambda t: Subsection(title=t),
    "paragraphs": lambda t: Subsection(title="x", paragraphs=["ok", t]),
    "paragraphs[0]": lambda t: Narrative(paragraphs=[t]),
}


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("char", UNSAFE.values(), ids=UNSAFE.keys())
def test_the_model_refuses_what_xml_cannot_hold(field: str, char: str) -> None:
    with pytest.raises(InvalidReportError) as caught:
        FIELDS[field](f"前{char}后")
    message = str(caught.value)
    assert field.split(".")[-1].split("[")[0] in message
    assert f"U+{ord(char):04X}" in message


@pytest.mark.parametrize(
    ("path", "change"),
    [
        ("$.metadata.agency", lambda d, c: d["metadata"].update(agency="机关" + c)),
        ("$.metadata.title", lambda d, c: d["metadata"].update(title=c)),
        ("$.preface[0]", lambda d, c: d.update(preface=["x" + c])),
        (
            "$.overview.paragraphs[0]",
            lambda d, c: d["overview"]["paragraphs"].insert(0, c),
        ),
        (
            "$.overview.subsections[0].title",
            lambda d, c: d["overview"]["subsections"][0].update(title=c),
        ),
        (
            "$.other_matters.subsections[0].paragraphs[0]",
            lambda d, c: d["other_matters"].update(
                subsections=[{"title": "t", "paragraphs": [c]}]
            ),
        ),
    ],
)
@pytest.mark.parametrize("char", UNSAFE.values(), ids=UNSAFE.keys())
def test_loading_refuses_it_with_the_json_path(
    path: str, change: Any, char: str
) -> None:
    document = json.loads(to_json(example_report()))
    change(document, char)
    with pytest.raises(ExchangeFormatError) as caught:
        from_dict(document)
    assert any(p.startswith(f"{path}:") for p in caught.value.problems)
    if "\ud800" <= char <= "\udfff":
        return  # json.dumps writes a lone surrogate as an escape: same document
    text = json.dumps(document, ensure_ascii=False)
    with pytest.raises(ExchangeFormatError) as again:
        from_json(text)
    assert any(p.startswith(f"{path}:") for p in again.value.problems)


def test_escaped_lone_surrogate_in_json_text_is_refused() -> None:
    document = json.loads(to_json(example_report()))
    document["metadata"]["agency"] = "机关\ud83d"
    text = json.dumps(document)  # ASCII: the surrogate as "\ud83d"
    with pytest.raises(ExchangeFormatError, match=r"\$\.metadata\.agency"):
        from_json(text)


@pytest.mark.parametrize("char", ["\x07", "\x00", "\ufffe"])
def test_from_csv_refuses_it_naming_the_field(char: str) -> None:
    buffer = io.BytesIO()
    to_csv(example_report(), buffer)
    data = buffer.getvalue().decode("utf-8")
    agency = example_report().metadata.agency
    hostile = data.replace(agency, agency + char).encode("utf-8")
    with pytest.raises(ExchangeFormatError) as caught:
        from_csv(io.BytesIO(hostile))
    assert any("agency" in p for p in caught.value.problems)


def _text_sample() -> str:
    return (SAMPLES / "bachu-police-2023.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("char", UNSAFE.values(), ids=UNSAFE.keys())
def test_readers_remove_it_with_a_finding_and_every_writer_works(char: str) -> None:
    lines = _text_sample().split("\n")
    lines[0] = lines[0][:3] + char + lines[0][3:]  # the title: agency and year
    lines[-1] = lines[-1][:2] + char * 3 + lines[-1][2:]
    middle = len(lines) // 2
    while len(lines[middle]) < 4:
        middle += 1
    lines[middle] = lines[middle][:2] + char + lines[middle][2:]
    report = read_text("\n".join(lines))
    clean = read_text(_text_sample())
    removed = [
        f for f in report.reading_findings if f.kind is FindingKind.REMOVED_CHARACTERS
    ]
    if char in LINE_BREAKS:
        assert removed == []  # read_text breaks the line there, as str.splitlines
    else:
        assert [f.where for f in removed] == [
            "第 1 行",
            f"第 {middle + 1} 行",
            f"第 {len(lines)} 行",
        ]
        assert report == clean  # the same report as without the characters
    _write_everywhere(report)


def test_html_reader_removes_them_too() -> None:
    html = (
        "<html><body><p>巴楚县公安局2023年政府信息公开工作年度报告\x07</p>"
        "<p>一、总体情况</p><p>正文\x0b。</p><p>二、主动公开政府信息情况</p>"
        "<table><tr><td>规章</td><td>0</td><td>1\ufffe</td><td>2</td></tr></table>"
        "</body></html>"
    )
    report = read_html(html)
    assert report["active.rules.repealed"] == 1
    assert any(
        f.kind is FindingKind.REMOVED_CHARACTERS for f in report.reading_findings
    )
    _write_everywhere(report)


def _write_everywhere(report: Report) -> None:
    """Every writer writes ``report``, and what it wrote reads back."""
    assert from_json(to_json(report)) == report
    assert from_dict(to_dict(report)) == report
    buffer = io.BytesIO()
    to_csv(report, buffer)
    assert from_csv(io.BytesIO(buffer.getvalue()))[0].cells() == report.cells()
    word = io.BytesIO()
    write_docx(report, word, allow_findings=True)
    back = read_docx(io.BytesIO(word.getvalue()))
    if MISSING not in report.cells().values():  # Word prints a missing figure blank
        assert back.cells() == report.cells()
    page = io.BytesIO()
    write_html(report, page, allow_findings=True)
    shown = read_html(page.getvalue())
    if MISSING not in report.cells().values():
        assert shown.cells() == report.cells()


def test_every_writer_works_for_the_hardest_text_the_model_holds() -> None:
    report = _with_text(example_report(), EDGE)
    assert from_json(to_json(report)) == report
    buffer = io.BytesIO()
    to_csv(report, buffer)
    assert from_csv(io.BytesIO(buffer.getvalue()))[0].metadata == report.metadata
    word = io.BytesIO()
    write_docx(report, word)
    back = read_docx(io.BytesIO(word.getvalue()))
    assert back.cells() == report.cells()
    # Word keeps tab and line breaks as its own elements (w:tab, w:br), which
    # read_docx reads as the gaps Word shows (spaces); the rest is kept.
    assert back.metadata.agency.startswith("机关a b c d")
    assert back.metadata.agency.endswith(EDGE[7:])
    page = io.BytesIO()
    write_html(report, page)
    assert read_html(page.getvalue()).cells() == report.cells()


def test_convert_text_with_control_characters_to_docx_prints_no_traceback(
    tmp_path: Path,
) -> None:
    lines = _text_sample().split("\n")
    lines[3] += "\x07\x00\ufffe"
    source = tmp_path / "x.txt"
    source.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "x.docx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "govinfo_report",
            "convert",
            str(source),
            "--to",
            "docx",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert read(out).cells() == read(source).cells()


# ------------------------------------------------------- messages quote little

MOST_QUOTED = 1_000
"""The longest message any finding or error may have (a few hundred characters
of input at most, with the place and the explanation)."""


def _long_lines() -> list[str]:
    lines = _text_sample().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("规章"))
    return [
        *lines[:at],
        "规章 " + "7" * 150_000,  # one digit run too long to split
        "规章 1 2 " + "x" * 150_000,  # a figure that is no figure
        "某某" * 75_000 + " 1 2 3",  # a label that is no label
        "1" * 150_000,  # figures without a label
        *lines[at:],
    ]


def test_no_finding_quotes_more_than_a_few_hundred_characters() -> None:
    report = read_text("\n".join(_long_lines()))
    assert report.reading_findings
    longest = max(len(f.message) for f in report.reading_findings)
    assert longest <= MOST_QUOTED, longest


def test_strict_errors_quote_little_too() -> None:
    from govinfo_report import ReadError

    with pytest.raises(ReadError) as caught:
        read_text("\n".join(_long_lines()), strict=True)
    assert len(str(caught.value)) <= MOST_QUOTED * 10
    assert all(len(p) <= MOST_QUOTED for p in caught.value.problems)


@pytest.mark.parametrize(
    "value", ["x" * 100_000, ["x"] * 50_000, 10**4000], ids=["str", "list", "int"]
)
def test_model_errors_quote_little(value: object) -> None:
    for build in (
        lambda: Metadata(agency=value, year=2023),  # type: ignore[arg-type]
        lambda: Metadata(agency="机关", year=value),  # type: ignore[arg-type]
        lambda: Metadata(agency="机关", year=2023, title=value),  # type: ignore[arg-type]
        lambda: Metadata(agency="机关", year=2023, date_of_issue=value),  # type: ignore[arg-type]
    ):
        error = outcome(build)
        if isinstance(error, InvalidReportError):  # a long str is a fine agency
            assert len(str(error)) <= MOST_QUOTED
        else:
            assert isinstance(error, Metadata)


def test_read_passes_strict_on_to_the_exchange_readers(tmp_path: Path) -> None:
    document = json.loads(to_json(example_report()))
    document["requests"]["total"]["natural_person"] += 1  # breaks R2/R3
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert read(path).as_published  # held as published
    from govinfo_report import InconsistentReportError

    with pytest.raises(InconsistentReportError):
        read(path, strict=True)
    buffer = io.BytesIO()
    to_csv(read(path), buffer)
    csv_path = tmp_path / "x.csv"
    csv_path.write_bytes(buffer.getvalue())
    assert read(csv_path).as_published
    with pytest.raises((InconsistentReportError, ExchangeFormatError)):
        read(csv_path, strict=True)


def test_a_narrative_of_millions_of_sentences_is_bounded() -> None:
    from govinfo_report import LimitExceededError, check_narrative

    sentence = "本年度新收政府信息公开申请12件。"
    narrative = Narrative(paragraphs=[sentence * 30_000])
    report = attrs.evolve(example_report(), overview=narrative)
    error = outcome(lambda: check_narrative(report))
    assert isinstance(error, LimitExceededError), error
    assert error.limit in ("max_rows", "max_seconds")


def test_narrative_checks_take_the_callers_limits() -> None:
    """A caller's tighter ``limits`` bound the narrative checks; wider ones let
    the same report through."""
    from govinfo_report import (
        LimitExceededError,
        Limits,
        check_narrative,
        narrative_figures,
    )

    sentence = "本年度新收政府信息公开申请12件。"
    report = attrs.evolve(
        example_report(), overview=Narrative(paragraphs=[sentence * 300])
    )
    tight = attrs.evolve(Limits(), max_rows=100)
    for check in (check_narrative, narrative_figures):
        error = outcome(lambda check=check: check(report, limits=tight))
        assert isinstance(error, LimitExceededError), error
        assert error.limit == "max_rows"
    assert isinstance(
        check_narrative(report, limits=attrs.evolve(Limits(), max_rows=10_000)), list
    )
