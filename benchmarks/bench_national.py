"""National scale: many varied reports through the exchange formats and the text reader.

A seeded generator (`reports`) makes N varied reports the way a national crawl
would find them: both formats (2019 format for the years 2019–2020, 2021 after),
2021 reports printing table 3 in the 2019 layout (hybrids, spec §5), agencies
from villages to provinces with figures of their size (a township answers three
requests, a city police bureau makes 300,000 penalty decisions), fees in 万元
with two decimals, and in about one report in eight the blanks and ``/`` a
published report has (a county bureau printing ``/`` for 规章 it cannot issue,
a fee cell left empty). The reports are streamed — a generator, never a list —
through two pipelines:

- exchange: `to_json` → `from_json` (checked equal) → `validate` →
  `to_records` and `to_csv` (the CSV rows of every report appended to one
  temporary file);
- text: each report rendered with a small private renderer as the scraped
  text of a real page (the Bachu one-cell-per-line flattening or the Zhanjiang
  row-per-line one), then `read_text` (the figures read back are compared).

It prints reports per second for each pipeline and for both together, the
per-core scaling (``--jobs N`` against one process on the same reports, both
measured in this run), and the memory: the peak resident size (``getrusage``
max RSS) of every worker after 10 % and after 100 % of its reports, and the
tracemalloc peak of an in-process stream after 1,000 and after 10,000 reports
(``--trace-count``). Memory is flat when the later figures are about the
earlier ones: nothing is kept per report.

Run: ``python3 benchmarks/bench_national.py`` (2,000 reports, well under two
minutes; the CSV rows go to a temporary folder, about 31 MiB per 1,000
reports, deleted at the end). Release run: ``python3 benchmarks/bench_national.py --count 100000
--jobs 2`` (target: 100,000 reports checked in under 5 minutes on 2 cores).

Release run on a quiet machine, 2026-11-27, 8e393c4 (load average 0.06
before): 100,000 reports, ``--jobs 2``: 258 s, 387 reports/s — target MET;
scaling 2.05x of one process (189 reports/s, same run); CPU per report
0.48 ms generating, 1.98 ms exchange, 2.68 ms text; worker max RSS
44.8 / 47.1 / 50.4 MiB after 1,000 / 10,000 / 100,000 reports (flat);
in-process tracemalloc peak 11.3 / 14.5 MiB after 1,000 / 10,000 (flat).
Text reader: 97,010 exact; 2,990 exact but for rows with a blank last cell
in the one-cell-per-line form, reported missing (that form cannot place such
a blank: documented in docs/readers.md, never guessed); 0 with a wrong or
lost figure; 0 refused. 18,092 findings (the reports with blanks and ``/``),
19,861,112 CSV rows (3.1 GiB).

Earlier runs, 2026-11-26: 233 s on a quiet machine; 971 s on the shared
development machine with four to six other busy processes (the two workers
got half a core each). The text reader then counted 838 reports as
"differ": they were the same blank-last-cell rows, classified apart only
because the whole row is missing; the classification now says so, and wrong
figures are counted on their own.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

import govinfo_report as gr
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    AppealGroup,
    AppealResult,
    Applicant,
)

SEED = 20_260_126
CHUNK = 250
"""Reports per task handed to a worker."""

# ------------------------------------------------------------------ generator

_PLACES = (
    "青禾市", "临川县", "白水镇", "东湖区", "南岭市", "北塘县", "西山区", "长宁市",
    "河口镇", "松江县", "平原市", "云岭县", "清河区", "石门县", "安平乡", "新丰市",
)  # fmt: skip
_OFFICES = (
    "人民政府", "人民政府办公室", "公安局", "生态环境局", "市场监督管理局",
    "自然资源和规划局", "教育局", "卫生健康委员会", "交通运输局", "退役军人事务局",
    "地方志办公室", "住房和城乡建设局", "税务局", "水利局", "民政局", "司法局",
)  # fmt: skip
_PHRASES = (
    "严格按照《中华人民共和国政府信息公开条例》要求，认真落实政府信息公开各项工作部署",
    "坚持以公开促落实、促规范、促服务，政府信息公开的范围不断扩展",
    "全年通过门户网站主动公开政府信息{n}条，发布政策解读{m}篇",
    "依申请公开严格按照受理、审查、答复、送达等程序办理，全年共收到申请{r}件",
    "加强政府信息管理，严格执行“先审查、后发布”制度，确保公开不涉密、涉密不公开",
    "积极运用政务新媒体，及时回应社会关切，办理网民留言{n}件",
    "政府信息公开工作人员业务能力有待提高，部分栏目更新不够及时",
    "下一步将加强培训，完善制度，推动政府信息公开工作再上新台阶",
)  # fmt: skip
_SUBTITLES = (
    "主动公开情况", "依申请公开情况", "政府信息管理情况",
    "平台建设情况", "监督保障情况",
)  # fmt: skip
_SIZES = (  # (weight, typical requests per applicant column, decisions scale)
    (50, 3, 200),  # townships, small offices
    (35, 20, 5_000),  # county bureaus
    (13, 120, 60_000),  # city bureaus
    (2, 900, 400_000),  # provincial departments, big city police
)


def _narrative(rng: random.Random, requests: int, parts: int) -> gr.Narrative:
    def paragraph() -> str:
        picked = rng.sample(_PHRASES, rng.randint(2, 4))
        text = "；".join(picked) + "。"
        return text.format(n=rng.randint(10, 5000), m=rng.randint(1, 80), r=requests)

    subsections = [
        gr.Subsection(title=title, paragraphs=[paragraph()])
        for title in rng.sample(_SUBTITLES, parts)
    ]
    return gr.Narrative(paragraphs=[paragraph()], subsections=subsections)


def _count(rng: random.Random, scale: int) -> int:
    """A count around ``scale``: often 0, otherwise spread log-uniformly."""
    if rng.random() < 0.3:
        return 0
    return int(scale ** rng.random())


def make_report(rng: random.Random) -> gr.Report:
    """One report, as varied as a national crawl and consistent (or published with marks)."""
    year = rng.randint(2019, 2025)
    version = gr.FormatVersion.V2019 if year <= 2020 else gr.FormatVersion.V2021
    layout = version
    if version is gr.FormatVersion.V2021 and rng.random() < 0.08:
        layout = gr.FormatVersion.V2019  # the hybrid of spec §5
    weights = [s[0] for s in _SIZES]
    _, per_column, decisions = rng.choices(_SIZES, weights)[0]
    spec = gr.format_spec(version)
    cells: dict[str, object] = {}
    for table in (spec.active, spec.appeals):
        for cell in table.cells:
            if cell.derived:
                continue
            if cell.kind is gr.CellKind.AMOUNT:
                cents = 0 if rng.random() < 0.6 else rng.randint(1, 10**7)
                cells[cell.id] = Decimal(cents).scaleb(-2)
            elif cell.kind is gr.CellKind.SIGNED_COUNT:
                cells[cell.id] = rng.randint(-20, 40)
            elif table is spec.appeals:
                cells[cell.id] = _count(rng, max(2, per_column // 10))
            elif cell.row.id in ("rules", "normative_documents"):
                cells[cell.id] = _count(rng, 30)
            else:
                cells[cell.id] = _count(rng, decisions)
    requests = gr.format_spec(layout).requests
    received_total = 0
    for column in requests.rows[0].columns:
        if column.id == "total":
            continue
        scale = per_column if column.id == "natural_person" else max(2, per_column // 8)
        handled = 0
        for row in requests.rows:
            if row.role is gr.RowRole.PART and row.id not in (
                "received",
                "carried_over",
            ):
                share = scale if row.id in ("granted", "partially_granted") else 4
                n = _count(rng, share)
                handled += n
                cells[f"requests.{row.id}.{column.id}"] = n
        carried = rng.randint(0, handled // 10)
        cells[f"requests.carried_over.{column.id}"] = carried
        received = handled - carried + rng.randint(0, 3)
        cells[f"requests.received.{column.id}"] = received
        received_total += received
    agency = rng.choice(_PLACES) + rng.choice(_OFFICES)
    report = gr.from_cells(
        cells,
        agency=agency,
        year=year,
        format_version=version,
        requests_layout=layout,
        date_of_issue=date(year + 1, rng.randint(1, 3), rng.randint(1, 28)),
        overview=_narrative(rng, received_total, rng.randint(2, 5)),
        problems=_narrative(rng, received_total, 0),
        other_matters=_narrative(rng, received_total, 0),
    )
    if rng.random() < 0.125:
        # As published: "/" for rules a county bureau cannot issue, a blank fee.
        marks: dict[str, object] = {}
        for cell in report.active.spec.cells:
            if cell.row.id == "rules" and rng.random() < 0.7:
                marks[cell.id] = gr.NOT_APPLICABLE
            elif cell.kind is gr.CellKind.AMOUNT and rng.random() < 0.5:
                marks[cell.id] = gr.BLANK
        published = attrs.evolve(report, as_published=True)
        report = published.with_cells(marks, derive_totals=False)
    return report


def reports(count: int, seed: int = SEED) -> Iterator[gr.Report]:
    """``count`` reports, one at a time: the same ones for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield make_report(rng)


# ------------------------------------------------------------------- renderer


def _show(value: gr.CellValue) -> str:
    return value.text if isinstance(value, gr.Mark) else str(value)


def _table_rows(report: gr.Report) -> Iterator[tuple[bool, list[str]]]:
    """(is a section heading, cells) for the three tables, as printed."""
    spec = report.spec
    yield True, [spec.sections[1].heading]
    block = None
    for row in spec.active.rows:
        if row.groups[0] != block:
            block = row.groups[0]
            yield False, [block]
            yield False, [CONTENT_HEADING, *(c.label for c in row.columns)]
        values = [_show(report[f"active.{row.id}.{c.id}"]) for c in row.columns]
        yield False, [row.label, *values]
    yield True, [spec.sections[2].heading]
    yield False, [REQUESTS_NOTE, APPLICANTS_HEADING]
    yield (
        False,
        [
            Applicant.NATURAL_PERSON.label,
            LEGAL_PERSONS_HEADING,
            Applicant.TOTAL.label,
        ],
    )
    yield False, [a.label for a in Applicant if a.is_legal_person]
    for row in report.requests.spec.rows:
        values = [_show(report[f"requests.{row.id}.{c.id}"]) for c in row.columns]
        yield False, [*row.groups[-1:], row.label, *values]
    yield True, [spec.sections[3].heading]
    yield False, [AppealGroup.REVIEW.label, LITIGATION_HEADING]
    yield (
        False,
        [
            *(r.label for r in AppealResult),
            AppealGroup.LITIGATION_DIRECT.label,
            AppealGroup.LITIGATION_AFTER_REVIEW.label,
        ],
    )
    yield False, [r.label for r in AppealResult] * 2
    yield False, [_show(v) for v in report.appeals.values]


def _narrative_lines(heading: str, narrative: gr.Narrative) -> list[str]:
    lines = [heading, *narrative.paragraphs]
    for i, sub in enumerate(narrative.subsections):
        lines.append(f"（{'一二三四五六七八九十'[i]}）{sub.title}")
        lines.extend(sub.paragraphs)
    return lines


def render_text(report: gr.Report, cell_per_line: bool) -> str:
    """The report as scraped text: Bachu's one cell per line, or one row per line."""
    sections = report.spec.sections
    lines = [report.title, *_narrative_lines(sections[0].heading, report.overview)]
    for heading, cells in _table_rows(report):
        if heading:
            lines.append(cells[0])
        elif cell_per_line:
            lines.extend(f"{c} |" for c in cells)
            lines.append("|" * len(cells))
        else:
            lines.append(" | ".join(cells) + " |")
    lines += _narrative_lines(sections[4].heading, report.problems)
    lines += _narrative_lines(sections[5].heading, report.other_matters)
    issued = report.metadata.date_of_issue or date(report.metadata.year + 1, 1, 1)
    lines += [report.metadata.agency, f"{issued.year}年{issued.month}月{issued.day}日"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------- pipeline


@dataclass
class Tally:
    """What one stream of reports gave."""

    reports: int = 0
    findings: int = 0
    csv_rows: int = 0
    csv_bytes: int = 0
    text_exact: int = 0
    text_blank_missing: int = 0
    text_differ: int = 0
    text_failed: int = 0
    exchange_seconds: float = 0.0
    text_seconds: float = 0.0
    generate_seconds: float = 0.0
    rss_kib: list[tuple[int, int]] = field(default_factory=list)
    """(process id, max RSS in KiB) after each chunk."""

    def add(self, other: Tally) -> None:
        for name in (
            "reports", "findings", "csv_rows", "csv_bytes", "text_exact",
            "text_blank_missing", "text_differ", "text_failed", "exchange_seconds", "text_seconds",
            "generate_seconds",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rss_kib.extend(other.rss_kib)


def _max_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def check_stream(stream: Iterator[gr.Report], out: io.BufferedWriter) -> Tally:
    """Every report of ``stream`` through both pipelines; CSV rows appended to ``out``."""
    tally = Tally()
    clock = time.process_time  # CPU time of this process, not waiting
    header = len(",".join(gr.CSV_COLUMNS).encode()) + len(b"\xef\xbb\xbf\r\n")
    while True:
        start = clock()
        report = next(stream, None)
        if report is None:
            return tally
        after_generate = clock()
        text = gr.to_json(report)
        back = gr.from_json(text)
        if back != report:
            raise AssertionError(f"JSON round trip changed {report.metadata}")
        findings = gr.validate(back)
        records = gr.to_records(back)
        buffer = io.BytesIO()
        gr.to_csv(back, buffer)
        data = buffer.getvalue()[header:]  # the rows, without BOM and header
        out.write(data)
        after_exchange = clock()
        cell_per_line = tally.reports % 2 == 0
        flat = render_text(report, cell_per_line=cell_per_line)
        try:
            read = gr.read_text(flat)
        except gr.GovinfoReportError:
            tally.text_failed += 1
        else:
            if read.tables == report.tables:
                tally.text_exact += 1
            elif cell_per_line and _blank_as_missing(report, read):
                tally.text_blank_missing += 1
            else:
                tally.text_differ += 1
        end = clock()
        tally.reports += 1
        tally.findings += len(findings)
        tally.csv_rows += len(records)
        tally.csv_bytes += len(data)
        tally.generate_seconds += after_generate - start
        tally.exchange_seconds += after_exchange - after_generate
        tally.text_seconds += end - after_exchange


def _blank_as_missing(report: gr.Report, read: gr.Report) -> bool:
    """Whether the only differences are rows with a blank cell read as missing.

    In the one-cell-per-line form a blank cell is a line holding only ``|``,
    which is the same as the filler lines of lost header spans: a blank *last*
    cell cannot be placed, so the reader reports the row as missing
    (MISSING_CELL) and never guesses (docs/readers.md). Every other cell must
    be read as published, and no figure may differ.
    """
    got = read.cells()
    published = report.cells()
    rows_with_blank = {_printed_row(c) for c, v in published.items() if v is gr.BLANK}
    return all(
        got.get(cell) == value
        or (got.get(cell) is gr.MISSING and _printed_row(cell) in rows_with_blank)
        for cell, value in published.items()
    )


def _printed_row(cell_id: str) -> str:
    """The printed row a cell sits on (table 3 is printed as one row of figures)."""
    return "appeals" if cell_id.startswith("appeals.") else cell_id.rsplit(".", 1)[0]


def _task(args: tuple[int, int, str]) -> Tally:
    """One chunk of reports (seeded by its index), its CSV rows to ``folder``."""
    index, size, folder = args
    with open(Path(folder) / f"rows-{os.getpid()}.csv", "ab") as out:
        tally = check_stream(reports(size, seed=SEED + index), out)
    tally.rss_kib.append((os.getpid(), _max_rss_kib()))
    return tally


def run(count: int, jobs: int) -> tuple[Tally, float, list[int], list[str]]:
    """Check ``count`` reports in ``jobs`` processes.

    Returns the tally, the wall-clock seconds, the sizes of the CSV files
    written, and the workers' max RSS after about 1,000, 10 % … and all reports.
    """
    tasks = [
        (i, min(CHUNK, count - i * CHUNK)) for i in range((count + CHUNK - 1) // CHUNK)
    ]
    marks = sorted({min(1000, count), max(1, count // 10), count})
    total = Tally()
    latest: dict[int, int] = {}
    memory: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-national-") as folder:
        start = time.perf_counter()

        def collect(tally: Tally) -> None:
            total.add(tally)
            latest.update(tally.rss_kib)
            while marks and total.reports >= marks[0]:
                shown = ", ".join(
                    f"{kib / 1024:.1f}" for _, kib in sorted(latest.items())
                )
                memory.append(f"after {marks.pop(0):>7} reports: max RSS {shown} MiB")

        if jobs == 1:
            for index, size in tasks:
                collect(_task((index, size, folder)))
        else:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs) as pool:
                work = [(index, size, folder) for index, size in tasks]
                for tally in pool.imap_unordered(_task, work):
                    collect(tally)
        seconds = time.perf_counter() - start
        sizes = [p.stat().st_size for p in Path(folder).iterdir()]
    return total, seconds, sizes, memory


def traced(count: int) -> list[tuple[int, float, float]]:
    """tracemalloc peak (MiB) and max RSS (MiB) after 1,000, 10 % … and ``count`` reports."""
    marks = sorted({min(1000, count), max(1, count // 10), count})
    out = []
    tracemalloc.start()
    stream = reports(count, seed=SEED - 1)
    done = 0
    with open(os.devnull, "wb") as sink:
        for mark in marks:
            check_stream(_take(stream, mark - done), sink)  # type: ignore[arg-type]
            done = mark
            _, peak = tracemalloc.get_traced_memory()
            out.append((done, peak / 2**20, _max_rss_kib() / 1024))
    tracemalloc.stop()
    return out


def _take(stream: Iterator[gr.Report], n: int) -> Iterator[gr.Report]:
    for _ in range(n):
        yield next(stream)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the figures; exit 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="reports (2000)")
    parser.add_argument("--jobs", type=int, default=2, help="processes (2)")
    parser.add_argument(
        "--baseline-count",
        type=int,
        default=None,
        help="reports for the one-process baseline (min(count, 2000))",
    )
    parser.add_argument(
        "--trace-count",
        type=int,
        default=None,
        help="reports streamed in-process under tracemalloc (min(count, 10000))",
    )
    args = parser.parse_args(argv)
    count, jobs = args.count, args.jobs
    base_count = args.baseline_count or min(count, 2000)
    trace_count = args.trace_count or min(count, 10_000)
    print(f"bench_national: {count} reports, {jobs} job(s), {os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print(f"\n-- baseline: {base_count} reports in one process")
    base, base_seconds, _, _ = run(base_count, 1)
    base_rate = base.reports / base_seconds
    _print(base, base_seconds)

    if jobs != 1 or count != base_count:
        print(f"\n-- {count} reports in {jobs} process(es)")
        main_tally, seconds, sizes, memory = run(count, jobs)
        _print(main_tally, seconds)
        rate = main_tally.reports / seconds
        print(
            f"scaling: {rate:.0f} reports/s with {jobs} job(s) against "
            f"{base_rate:.0f} with 1: {rate / base_rate:.2f}x "
            f"({rate / base_rate / jobs:.0%} of linear)"
        )
        print(f"CSV written: {sum(sizes) / 2**20:.1f} MiB in {len(sizes)} file(s)")
        print("memory of the worker processes (one figure per worker):")
        for line in memory:
            print("  " + line)
        if count >= 100_000:
            verdict = "met" if seconds * 100_000 / count <= 300 else "MISSED"
            print(f"target (100,000 in 300 s on 2 cores): {seconds:.0f} s, {verdict}")
        else:
            print("target (100,000 in 300 s on 2 cores): run --count 100000 --jobs 2")

    print(f"\n-- memory: {trace_count} reports streamed in-process under tracemalloc")
    for done, peak, rss in traced(trace_count):
        print(
            f"after {done:>7} reports: tracemalloc peak {peak:6.1f} MiB, max RSS {rss:6.1f} MiB"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def _print(tally: Tally, seconds: float) -> None:
    n = tally.reports
    print(
        f"{n} reports in {seconds:.1f} s: {n / seconds:.0f} reports/s overall; "
        f"CPU per report: generate {tally.generate_seconds / n * 1e3:.2f} ms, "
        f"exchange {tally.exchange_seconds / n * 1e3:.2f} ms "
        f"({n / tally.exchange_seconds:.0f}/s per core), "
        f"text {tally.text_seconds / n * 1e3:.2f} ms "
        f"({n / tally.text_seconds:.0f}/s per core)"
    )
    print(
        f"findings {tally.findings}, CSV rows {tally.csv_rows}; text reader: "
        f"{tally.text_exact} exact, {tally.text_blank_missing} exact but for rows "
        f"with a blank cell reported missing (one cell per line), "
        f"{tally.text_differ} with a wrong or lost figure, "
        f"{tally.text_failed} refused"
    )


if __name__ == "__main__":
    sys.exit(main())
