"""Hostile exchange documents (JSON, CSV): each refused fast with a clear library error.

Every input is built by the test. Each test runs inside a time box: a hang
fails the test with `TimeoutError` instead of stalling the suite. The cases
already covered by `test_json.py` and `test_records.py` (balanced deep
nesting, ``1e999999`` and a million-digit count in a cell, one duplicated key,
a CSV field beyond the csv module's limit) are not repeated here.
"""

from __future__ import annotations

import io
import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report._exchange._document import MAX_PROBLEMS

BOX_SECONDS = 60
"""A generous cap against hangs, not a speed target (the machine is shared)."""

HEADER = ",".join(gr.CSV_COLUMNS)
EXAMPLE = gr.example_report()


@contextmanager
def time_box(seconds: float = BOX_SECONDS) -> Iterator[None]:
    """Raise `TimeoutError` in the test if the block runs longer than ``seconds``."""

    def expire(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"hung: still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _json_problems(text: str | bytes, **kwargs: Any) -> tuple[str, ...]:
    with time_box(), pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_json(text, **kwargs)
    assert info.value.problems
    return info.value.problems


def _csv_problems(data: str | bytes, **kwargs: Any) -> tuple[str, ...]:
    source = io.StringIO(data) if isinstance(data, str) else io.BytesIO(data)
    with time_box(), pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_csv(source, **kwargs)
    assert info.value.problems
    return info.value.problems


def _csv_text(reports: gr.Report | list[gr.Report]) -> str:
    buffer = io.BytesIO()
    gr.to_csv(reports, buffer)
    return buffer.getvalue().decode("utf-8-sig")


# ------------------------------------------------------------------------ JSON


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"a": ' * 100_000,
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["100k open brackets", "100k open objects", "100k nested objects", "balanced"],
)
def test_json_nesting_depth_attack(text: str) -> None:
    (problem,) = _json_problems(text)
    assert "嵌套过深" in problem or "不是有效的 JSON" in problem


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("1e999999", "带小数或指数的数 1e999999"),
        ("-1e999999", "带小数或指数的数 -1e999999"),
        ("9" * 1_000_000, "1000000 位"),
        ("-" + "9" * 1_000_000, "1000000 位"),
    ],
    ids=["huge exponent", "negative exponent", "million digits", "negative million"],
)
@pytest.mark.parametrize("where", ["schema_version", "metadata.year", "preface[0]"])
def test_json_absurd_numbers_anywhere(number: str, said: str, where: str) -> None:
    doc = gr.to_dict(EXAMPLE)
    if where == "schema_version":
        doc["schema_version"] = "@"
    elif where == "metadata.year":
        doc["metadata"]["year"] = "@"
    else:
        doc["preface"] = ["@"]
    text = json.dumps(doc, ensure_ascii=False).replace('"@"', number, 1)
    problems = _json_problems(text)
    assert any(p.startswith(f"$.{where}: ") and said in p for p in problems), problems


def test_json_many_absurd_numbers_are_listed_up_to_the_cap() -> None:
    doc = gr.to_dict(EXAMPLE)
    doc["preface"] = ["@"] * 5_000
    text = json.dumps(doc).replace('"@"', "9" * 200)
    problems = _json_problems(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].startswith("$.preface[0]: ")
    assert "问题过多" in problems[-1]


def test_json_duplicate_keys_everywhere() -> None:
    body = json.dumps(gr.to_dict(EXAMPLE), ensure_ascii=False)[1:]
    text = "{" + '"schema_version": 1, ' * 50_000 + body
    problems = _json_problems(text)
    assert problems == ("$.schema_version: 键重复出现（duplicate key）",)


def test_json_object_of_200k_unknown_keys() -> None:
    doc = gr.to_dict(EXAMPLE)
    problems = _json_problems(
        json.dumps({**doc, **{f"k{i}": 0 for i in range(200_000)}})
    )
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].startswith("$.k0: 未知的键（unknown key）")


def test_json_huge_string_in_a_cell_is_named_briefly() -> None:
    doc = gr.to_dict(EXAMPLE)
    doc["requests"]["granted"]["natural_person"] = "9" * 5_000_000
    (problem,) = _json_problems(json.dumps(doc))
    assert problem.startswith("$.requests.granted.natural_person: ")
    assert len(problem) < 500, "the value is shown cut short, not whole"


def test_json_document_beyond_the_size_limit_is_refused_unparsed() -> None:
    doc = gr.to_dict(EXAMPLE)
    doc["preface"] = ["报" * (7 * 2**20)]  # 7 Mi characters, 21 MiB of UTF-8
    text = json.dumps(doc, ensure_ascii=False)
    for data in (text, text.encode("utf-8")):
        with time_box(), pytest.raises(gr.LimitExceededError) as info:
            gr.from_json(data)
        assert info.value.limit == "max_input_bytes"
        assert "limits=Limits(max_input_bytes=" in str(info.value)
    # The limit is the caller's to raise: then the long paragraph is read.
    report = gr.from_json(text, limits=gr.Limits(max_input_bytes=64 * 2**20))
    assert len(report.preface[0]) == 7 * 2**20


def test_json_multi_gigabyte_claim_is_refused_before_decoding() -> None:
    class Claim(bytes):
        """Bytes that claim to be 5 GiB long (the real ones are few)."""

        def __len__(self) -> int:
            return 5 * 2**30

        def decode(self, *args: Any, **kwargs: Any) -> str:
            raise AssertionError("a document beyond the limit must not be decoded")

    with time_box(), pytest.raises(gr.LimitExceededError) as info:
        gr.from_json(Claim(b"{}"))
    assert info.value.limit == "max_input_bytes"


def test_json_not_text_at_all() -> None:
    assert _json_problems(12345)[0].startswith("$: 应为 JSON 文本")  # type: ignore[arg-type]


# ------------------------------------------------------------------------- CSV


def test_csv_huge_unquoted_field() -> None:
    problems = _csv_problems(HEADER + "\r\n" + "x" * 5_000_000 + ",1\r\n")
    assert problems[0].startswith("第 2 行：不是有效的 CSV")


class EndlessStream(io.RawIOBase):
    """A stream that never ends (a "millions of rows" claim); counts what is read."""

    def __init__(self) -> None:
        self.given = 0
        self.row = _csv_text(EXAMPLE).splitlines(keepends=True)[1].encode()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            raise AssertionError("an endless stream must not be read whole")
        data = (self.row * (size // len(self.row) + 1))[:size]
        self.given += len(data)
        return data


def test_csv_endless_stream_is_read_no_further_than_the_limit() -> None:
    stream = EndlessStream()
    limits = gr.Limits(max_input_bytes=4 * 2**20)
    with time_box(), pytest.raises(gr.LimitExceededError) as info:
        gr.from_csv(stream, limits=limits)  # type: ignore[arg-type]
    assert info.value.limit == "max_input_bytes"
    assert stream.given <= limits.max_input_bytes + 1


def test_csv_multi_gigabyte_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "national.csv"
    with path.open("wb") as file:
        file.write(HEADER.encode())
        file.truncate(5 * 2**30)  # sparse: claims 5 GiB, takes no disk space
    with time_box(), pytest.raises(gr.LimitExceededError) as info:
        gr.from_csv(path)
    assert info.value.limit == "max_input_bytes"
    assert info.value.source == str(path)


def test_csv_a_million_rows_of_nothing_useful() -> None:
    problems = _csv_problems(HEADER + "\r\n" + "a,b\r\n" * 1_000_000)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0] == "第 2 行：应有 13 列，实有 2 列"
    assert "问题过多" in problems[-1]


def test_csv_a_hundred_thousand_one_cell_reports() -> None:
    row = (
        "a{},2021,2021,,,active,2021,active.rules.issued,规章,本年制发件数,0,count,\r\n"
    )
    text = HEADER + "\r\n" + "".join(row.format(i) for i in range(100_000))
    problems = _csv_problems(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert "缺少单元格 active.rules.repealed" in problems[0]


@pytest.mark.parametrize("where", ["value", "agency", "row"])
def test_csv_nul_bytes(where: str) -> None:
    lines = _csv_text(EXAMPLE).splitlines()
    first = lines[1].split(",")
    if where == "value":
        first[10] = "1\x002"
    elif where == "agency":
        first[0] = "青禾市\x00生态环境局"
    lines[1] = ",".join(first) if where != "row" else "\x00" * 1000
    problems = _csv_problems("\r\n".join(lines) + "\r\n")
    assert any(p.startswith("第 2 行") for p in problems), problems


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "gb18030"])
def test_csv_wrong_encoding(encoding: str) -> None:
    data = _csv_text(EXAMPLE).encode(encoding)
    (problem,) = _csv_problems(data)
    assert "不是 UTF-8 编码（not UTF-8）" in problem


def test_json_wrong_encoding() -> None:
    (problem,) = _json_problems(gr.to_json(EXAMPLE).encode("gbk"))
    assert "不是 UTF-8 编码（not UTF-8）" in problem


@pytest.mark.parametrize(
    "formula", ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", '=HYPERLINK("http://x")']
)
def test_csv_formula_like_cells(formula: str) -> None:
    # In a figure's place a formula is no figure: refused with its line.
    lines = _csv_text(EXAMPLE).splitlines()
    cells = lines[1].split(",")
    cells[10] = formula if "," not in formula else f'"{formula}"'
    lines[1] = ",".join(cells)
    problems = _csv_problems("\r\n".join(lines) + "\r\n")
    assert any(p.startswith("第 2 行 value/kind 列") for p in problems), problems
    # In the agency's place it is text: written and read back verbatim, never
    # evaluated (the documented caveat is for spreadsheet programs).
    metadata = attrs.evolve(EXAMPLE.metadata, agency=formula)
    agency = attrs.evolve(EXAMPLE, metadata=metadata)
    with time_box():
        (back,) = gr.from_csv(io.StringIO(_csv_text(agency)))
    assert back.metadata.agency == formula
