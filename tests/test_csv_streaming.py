"""`from_csv` reads with bounded memory: decoded as read, each report built when its rows end.

The hostile files here are about 20 MiB (the default `max_input_bytes`); their
peak memory while read is measured with `tracemalloc`, which counts Python's
own allocations and is deterministic for a given input (not a timing test).
Before reading was streamed they reached 6.8, 3.4 and 5.0 times the input
(136, 68 and 99 MiB); now 0.01, 0.01 and 0.6 times.
"""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import FormatVersion

MIB = 2**20
HEADER = ",".join(gr.CSV_COLUMNS) + "\r\n"
EXAMPLE = gr.example_report()
AGENCY = EXAMPLE.metadata.agency


def _csv_bytes(reports: gr.Report | list[gr.Report]) -> bytes:
    buffer = io.BytesIO()
    gr.to_csv(reports, buffer)
    return buffer.getvalue()


def _lines(reports: gr.Report | list[gr.Report]) -> list[str]:
    """The lines of the CSV, header first, each with its line ending."""
    return _csv_bytes(reports).decode("utf-8-sig").splitlines(keepends=True)


def _named(report: gr.Report, agency: str, year: int | None = None) -> gr.Report:
    metadata = attrs.evolve(
        report.metadata, agency=agency, year=year or report.metadata.year
    )
    return attrs.evolve(report, metadata=metadata)


def _problems(data: bytes | str, **kwargs: Any) -> tuple[str, ...]:
    source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    with pytest.raises(gr.ExchangeFormatError) as info:
        gr.from_csv(source, **kwargs)
    return info.value.problems


# ------------------------------------------------------------ contiguous rows


def test_rows_of_a_report_split_in_two_runs_are_refused_naming_both_lines() -> None:
    other = _named(EXAMPLE, "另一局")
    ours, theirs = _lines(EXAMPLE), _lines(other)
    # Ours, then theirs, then the last 30 rows of ours again.
    lines = [*ours[:-30], *theirs[1:], *ours[-30:]]
    first_run_end = len(ours) - 30  # line numbers count the header as line 1
    second_run = first_run_end + len(theirs)
    problems = _problems("".join(lines))
    split = [p for p in problems if "不连续" in p]
    assert split == [
        f"第 {second_run} 行：{AGENCY} 2025 年报告的行不连续"
        f"（rows of one report must be contiguous），已在第 {first_run_end} 行结束"
    ], "told once for the whole second run, with where the first one ended"
    # The report itself lacks the 30 cells of the second run, and says so.
    assert any("缺少单元格" in p and "第 2 行起的报告" in p for p in problems)


def test_contiguous_reports_of_one_agency_over_years_are_fine() -> None:
    reports = [_named(EXAMPLE, AGENCY, year) for year in (2023, 2024, 2025)]
    back = gr.from_csv(io.BytesIO(_csv_bytes(reports)))
    assert [r.metadata for r in back] == [r.metadata for r in reports]


def test_unknown_cell_is_refused_at_its_row() -> None:
    lines = _lines(EXAMPLE)
    cells = next(csv.reader([lines[5]]))
    cells[7] = "active.no_such_row.issued"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    lines[5] = buffer.getvalue()
    problems = _problems("".join(lines))
    assert (
        f"第 6 行：第 2 行起的报告（{AGENCY} 2025）没有单元格 "
        "active.no_such_row.issued（unknown cell）"
    ) in problems


def test_long_cells_are_quoted_cut_short_in_messages() -> None:
    lines = _lines(EXAMPLE)
    cells = next(csv.reader([lines[5]]))
    cells[10] = "9" * 100_000
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    lines[5] = buffer.getvalue()
    (problem,) = _problems("".join(lines))
    assert problem.startswith("第 6 行 value/kind 列：")
    assert "…" in problem
    assert len(problem) < 500


# ------------------------------------------------------------ decoding as read


class Trickle(io.RawIOBase):
    """A binary stream that gives a few bytes per read, as a slow pipe does."""

    def __init__(self, data: bytes, most: int) -> None:
        self._data = io.BytesIO(data)
        self._most = most

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, self._most) if size >= 0 else self._most)


@pytest.mark.parametrize("most", [1, 2, 3, 7, 4096])
def test_a_trickling_stream_reads_the_same(most: int) -> None:
    data = _csv_bytes([EXAMPLE, _named(EXAMPLE, "另一局")])
    back = gr.from_csv(Trickle(data, most))  # type: ignore[arg-type]
    assert back == gr.from_csv(io.BytesIO(data))
    assert gr.to_records(back) == gr.to_records(gr.from_csv(io.BytesIO(data)))


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("where", [0.001, 0.5, 0.999])
def test_bad_utf8_deep_in_the_file_names_its_byte(bom: bool, where: float) -> None:
    data = bytearray(_csv_bytes([EXAMPLE, _named(EXAMPLE, "另一局")]))
    if not bom:
        del data[:3]
    at = int(len(data) * where)
    data[at] = 0xFF
    with pytest.raises(UnicodeDecodeError) as decoding:
        bytes(data).decode("utf-8-sig")
    for source in (io.BytesIO(bytes(data)), Trickle(bytes(data), 5)):
        with pytest.raises(gr.ExchangeFormatError) as info:
            gr.from_csv(source)  # type: ignore[arg-type]
        # The same byte as decoding the whole file at once names (after a BOM).
        assert info.value.problems == (
            f"第 {decoding.value.start} 字节：不是 UTF-8 编码（not UTF-8）",
        )


def test_a_text_stream_counts_its_utf8_size() -> None:
    text = HEADER + "青" * 1_000
    size = len(text.encode("utf-8"))
    with pytest.raises(gr.LimitExceededError) as info:
        gr.from_csv(io.StringIO(text), limits=gr.Limits(max_input_bytes=size - 1))
    assert info.value.limit == "max_input_bytes"
    # Within the limit, the same text is read (and refused for what it is).
    assert _problems(text, limits=gr.Limits(max_input_bytes=size))


def test_input_past_the_limit_is_refused_as_such_whatever_else_is_wrong() -> None:
    # Junk from the first row: the problems fill up long before the end, and
    # the rest is still counted (not kept) so the size limit is what is said.
    data = (HEADER + "a,b\r\n" * 300_000).encode()
    limits = gr.Limits(max_input_bytes=len(data) - 1)
    with pytest.raises(gr.LimitExceededError):
        gr.from_csv(io.BytesIO(data), limits=limits)
    assert "问题过多" in _problems(data)[-1]


# ------------------------------------------------------- bounded memory, hostile


def _unknown_ids(size: int) -> bytes:
    """One real row, then rows of one report, each with a new made-up cell id."""
    first = _lines(EXAMPLE)[1]
    rows = [HEADER, first]
    total = len((HEADER + first).encode())
    prefix = first.split(",active,")[0]
    n = 0
    while total < size:
        row = (
            f"{prefix},active,2021,active.x{n}{'y' * 60},规章,本年制发件数,0,count\r\n"
        )
        rows.append(row)
        total += len(row.encode())
        n += 1
    return "".join(rows).encode("utf-8-sig")


def _long_junk(size: int) -> bytes:
    """One real row, then rows of long junk cells, each its own report."""
    first = _lines(EXAMPLE)[1]
    rows = [HEADER, first]
    total = len((HEADER + first).encode())
    n = 0
    while total < size:
        row = (
            f"局{n},2025,2021,,{'题' * 300},active,2021,active.rules.issued,"
            f"{'规' * 300},{'x' * 600},{'9' * 200},count\r\n"
        )
        rows.append(row)
        total += len(row.encode())
        n += 1
    return "".join(rows).encode("utf-8-sig")


def _wide_rows(size: int) -> bytes:
    """Rows of a hundred thousand two-letter fields (each field a new object)."""
    row = ",".join(["ab"] * 100_000) + "\r\n"
    return (HEADER + row * (size // len(row))).encode()


@pytest.mark.parametrize(
    "build", [_unknown_ids, _long_junk, _wide_rows], ids=lambda b: b.__name__
)
def test_hostile_20_mib_csv_is_refused_within_3x_its_size(
    build: Callable[[int], bytes], tmp_path: Path
) -> None:
    data = build(20 * MIB - 64 * 1024)
    assert len(data) <= gr.DEFAULT_LIMITS.max_input_bytes
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    for source in (io.BytesIO(data), path):
        tracemalloc.start()
        try:
            with pytest.raises(gr.ExchangeFormatError) as info:
                gr.from_csv(source)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert info.value.problems
        assert peak < 3 * len(data), f"peak {peak / MIB:.1f} MiB"


def test_hostile_stream_past_the_limit_is_refused_within_3x_the_limit() -> None:
    data = _unknown_ids(21 * MIB)
    tracemalloc.start()
    try:
        with pytest.raises(gr.LimitExceededError):
            gr.from_csv(io.BytesIO(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * gr.DEFAULT_LIMITS.max_input_bytes


# ------------------------------------------------------------ national files


def _national(count: int) -> list[gr.Report]:
    """Reports of many agencies and years, in both formats and the hybrid."""
    reports = []
    for i in range(count):
        agency = f"第{i}示例局"
        if i % 5 == 3:
            report = gr.from_cells(
                {
                    "active.fees.change": -i,
                    "active.procurement.amount": Decimal(f"{i}.50"),
                    "requests.received.natural_person": i,
                },
                agency=agency,
                year=2020,
                format_version=FormatVersion.V2019,
            )
        elif i % 5 == 4:
            report = gr.from_cells(
                {
                    "requests.received.natural_person": i + 1,
                    "requests.other.natural_person": 1,
                },
                agency=agency,
                year=2022,
                requests_layout=FormatVersion.V2019,
            )
        else:
            report = _named(EXAMPLE, agency, 2021 + i % 5).with_cells(
                {"active.rules.issued": i, "active.fees.amount": Decimal(f"{i}.05")}
            )
        reports.append(report)
    return reports


def test_a_national_file_reads_back_every_report() -> None:
    reports = _national(150)
    data = _csv_bytes(reports)
    back = gr.from_csv(io.BytesIO(data), limits=gr.Limits(max_input_bytes=len(data)))
    assert [r.metadata for r in back] == [r.metadata for r in reports]
    assert [r.tables for r in back] == [r.tables for r in reports]
    assert gr.to_records(back) == gr.to_records(reports)
    assert _csv_bytes(back) == data
