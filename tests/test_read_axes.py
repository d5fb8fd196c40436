"""Two axes: figures are placed by column header, not by printed order (issue 12, part 2).

`axes_rows` prints a report's three tables with every header in an order of
the test's choosing (table 2's columns within each block; table 3's
``自然人``/``法人或其他组织``/``总计`` and the five sub-heads; table 4's groups,
sub-groups and result columns) and the figures in the same order. Read back
as HTML or as ``|`` text, the report must be the one printed.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import (
    MISSING,
    FindingKind,
    Report,
    example_report,
    read_html,
    read_text,
)
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
from govinfo_report._readers import GridRow, match_grid
from strategies import consistent_reports
from test_read_text import narrative_lines, show

Rows = list[tuple[str, list[str]]]

LEGAL = [a for a in Applicant if a.is_legal_person]


@st.composite
def orders(draw: st.DrawFn, report: Report) -> dict[str, list[int]]:
    """A permutation for every header level of the report's tables."""
    out: dict[str, list[int]] = {}
    for row in report.spec.active.rows:
        key = f"active:{row.groups[0]}"
        if key not in out:
            out[key] = draw(st.permutations(range(len(row.columns))))
    out["top3"] = draw(st.permutations(range(3)))
    out["sub3"] = draw(st.permutations(range(5)))
    out["groups4"] = draw(st.permutations(range(2)))
    out["lit4"] = draw(st.permutations(range(2)))
    for group in AppealGroup:
        out[f"res4:{group.value}"] = draw(st.permutations(range(5)))
    return out


def identity(report: Report) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for row in report.spec.active.rows:
        out.setdefault(f"active:{row.groups[0]}", list(range(len(row.columns))))
    out.update(top3=[0, 1, 2], sub3=list(range(5)), groups4=[0, 1], lit4=[0, 1])
    out.update({f"res4:{g.value}": list(range(5)) for g in AppealGroup})
    return out


def _pick(items: Sequence[object], order: Sequence[int]) -> list:  # type: ignore[type-arg]
    return [items[i] for i in order]


def axes_rows(report: Report, order: dict[str, list[int]]) -> Rows:
    """The three tables as printed, every header level in ``order``."""
    spec = report.spec
    out: Rows = [("heading", [spec.sections[1].heading])]
    block = None
    for row in spec.active.rows:
        columns = row.columns
        if row.groups[0] != block:
            block = row.groups[0]
            out.append(("row", [block]))
            chosen = order[f"active:{block}"]
            if len(chosen) != len(columns):  # 2019 fees: fewer columns than the block
                chosen = list(range(len(columns)))
            out.append(
                ("row", [CONTENT_HEADING, *(c.label for c in _pick(columns, chosen))])
            )
        chosen = order[f"active:{block}"]
        if len(chosen) != len(columns):
            chosen = list(range(len(columns)))
        values = [
            show(report[f"active.{row.id}.{c.id}"]) for c in _pick(columns, chosen)
        ]
        out.append(("row", [row.label, *values]))
    out.append(("heading", [spec.sections[2].heading]))
    top = _pick(["natural", "legal", "total"], order["top3"])
    subs = _pick(LEGAL, order["sub3"])
    leaves: list[Applicant] = []
    for part in top:
        if part == "natural":
            leaves.append(Applicant.NATURAL_PERSON)
        elif part == "total":
            leaves.append(Applicant.TOTAL)
        else:
            leaves.extend(subs)
    names = {
        "natural": Applicant.NATURAL_PERSON.label,
        "legal": LEGAL_PERSONS_HEADING,
        "total": Applicant.TOTAL.label,
    }
    out.append(("row", [REQUESTS_NOTE, APPLICANTS_HEADING]))
    out.append(("row", [names[p] for p in top]))
    out.append(("row", [a.label for a in subs]))
    for req in report.requests.spec.rows:
        values = [show(report[f"requests.{req.id}.{a.value}"]) for a in leaves]
        out.append(("row", [*req.groups[-1:], req.label, *values]))
    out.append(("heading", [spec.sections[3].heading]))
    groups = _pick(["review", "litigation"], order["groups4"])
    lits = _pick(
        [AppealGroup.LITIGATION_DIRECT, AppealGroup.LITIGATION_AFTER_REVIEW],
        order["lit4"],
    )
    results = {
        g: _pick(list(AppealResult), order[f"res4:{g.value}"]) for g in AppealGroup
    }
    row1 = [
        AppealGroup.REVIEW.label if g == "review" else LITIGATION_HEADING
        for g in groups
    ]
    row2: list[str] = []
    cells: list[tuple[AppealGroup, AppealResult]] = []
    for g in groups:
        if g == "review":
            row2.extend(r.label for r in results[AppealGroup.REVIEW])
        else:
            row2.extend(lit.label for lit in lits)
    row3 = [r.label for lit in lits for r in results[lit]]
    for g in groups:
        members = [AppealGroup.REVIEW] if g == "review" else lits
        cells.extend((m, r) for m in members for r in results[m])
    out += [("row", row1), ("row", row2), ("row", row3)]
    out.append(
        ("row", [show(report[f"appeals.{g.value}.{r.value}"]) for g, r in cells])
    )
    return out


def page(report: Report, rows: Rows, style: str) -> str:
    """The report as an HTML page (``html``) or as text with ``|`` rows (``bars``)."""
    before = [report.title, *report.preface, *narrative_lines(report, 0)]
    after = [*narrative_lines(report, 4), *narrative_lines(report, 5)]
    after += [report.metadata.agency, f"{report.metadata.year + 1}年1月20日"]
    if style == "bars":
        lines = list(before)
        for kind, cells in rows:
            lines.append(cells[0] if kind == "heading" else " | ".join(cells) + " |")
        return "\n".join(lines + after) + "\n"
    esc = html_lib.escape
    parts = [f"<p>{esc(t)}</p>" for t in before]
    table: list[str] = []
    for kind, cells in rows:
        if kind == "heading":
            if table:
                parts.append("<table>" + "".join(table) + "</table>")
                table = []
            parts.append(f"<h2>{esc(cells[0])}</h2>")
        else:
            table.append(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
            )
    parts.append("<table>" + "".join(table) + "</table>")
    parts += [f"<p>{esc(t)}</p>" for t in after]
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def read(style: str, text: str) -> Report:
    return read_html(text) if style == "html" else read_text(text)


STYLES = ("html", "bars")


@pytest.mark.parametrize("style", STYLES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), report=consistent_reports())
def test_permuted_columns_read_back_equal(
    style: str, data: st.DataObject, report: Report
) -> None:
    order = data.draw(orders(report))
    got = read(style, page(report, axes_rows(report, order), style))
    assert dict(got.cells()) == dict(report.cells())
    assert got.reading_findings == ()


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.mark.parametrize("style", STYLES)
def test_identity_order_reads_back_equal(example: Report, style: str) -> None:
    got = read(style, page(example, axes_rows(example, identity(example)), style))
    assert dict(got.cells()) == dict(example.cells())
    assert got.reading_findings == ()


def _swapped(example: Report) -> dict[str, list[int]]:
    order = identity(example)
    order["top3"] = [2, 1, 0]  # 总计 first, 自然人 last
    order["res4:review"] = [4, 1, 2, 3, 0]  # 总计 and 结果维持 swapped
    return order


@pytest.mark.parametrize("style", STYLES)
def test_swapped_total_and_first_column_are_not_read_in_printed_order(
    example: Report, style: str
) -> None:
    got = read(style, page(example, axes_rows(example, _swapped(example)), style))
    # Read in printed order, 自然人 would get the 总计 figure (and vice versa).
    assert (
        example["requests.received.total"]
        != example["requests.received.natural_person"]
    )
    assert (
        got["requests.received.natural_person"]
        == example["requests.received.natural_person"]
    )
    assert got["requests.received.total"] == example["requests.received.total"]
    assert got["appeals.review.upheld"] == example["appeals.review.upheld"]
    assert got["appeals.review.total"] == example["appeals.review.total"]
    assert got.reading_findings == ()


@pytest.mark.parametrize("style", STYLES)
def test_unknown_header_is_a_finding_and_its_column_missing(
    example: Report, style: str
) -> None:
    rows = axes_rows(example, _swapped(example))
    for _kind, cells in rows:
        if cells and cells[0] == Applicant.TOTAL.label:  # the row 总计 | 法人… | 自然人
            cells[-1] = "个人申请人数"  # no header of the format
    got = read(style, page(example, rows, style))
    cells = dict(got.cells())
    ids = [f"requests.{r.id}.natural_person" for r in got.requests.spec.rows]
    assert all(cells[i] is MISSING for i in ids)
    # The other columns are read by their headers, the total in its place.
    assert cells["requests.received.total"] == example["requests.received.total"]
    assert (
        cells["requests.received.commercial_enterprise"]
        == example["requests.received.commercial_enterprise"]
    )
    messages = " ".join(f.message for f in got.reading_findings)
    assert "个人申请人数" in messages
    assert any(
        f.kind is FindingKind.MISSING_CELL
        and "requests.received.natural_person" in f.cells
        for f in got.reading_findings
    )


@pytest.mark.parametrize("style", STYLES)
def test_unknown_sub_head_leaves_the_others_in_place(
    example: Report, style: str
) -> None:
    order = identity(example)
    order["sub3"] = [4, 3, 2, 1, 0]
    rows = axes_rows(example, order)
    for _kind, cells in rows:
        if cells and cells[0] == Applicant.OTHER_ORGANIZATION.label:
            cells[2] = (
                "公益类组织X"  # the 社会公益组织 sub-head, garbled past recognition
            )
    got = read(style, page(example, rows, style))
    cells = dict(got.cells())
    assert cells["requests.received.social_organization"] is MISSING
    for a in LEGAL:
        if a is not Applicant.SOCIAL_ORGANIZATION:
            key = f"requests.received.{a.value}"
            assert cells[key] == example[key]
    assert any("公益类组织X" in f.message for f in got.reading_findings)


def test_header_that_names_a_row_s_columns_out_of_order_but_does_not_fit(
    example: Report,
) -> None:
    """A header with a column too few, in another order: the rows are refused, not guessed."""
    order = identity(example)
    order["active:第二十条第（一）项"] = [2, 0, 1]
    rows = axes_rows(example, order)
    for _kind, cells in rows:
        if cells and cells[0] == CONTENT_HEADING and len(cells) == 4:
            del cells[3]  # one header cell lost: two headers for three figures
            break
    got = read("bars", page(example, rows, "bars"))
    assert got["active.rules.issued"] is MISSING
    assert any(
        f.kind is FindingKind.AMBIGUOUS and "active.rules.issued" in f.cells
        for f in got.reading_findings
    )


def test_a_header_longer_than_any_table_is_not_a_header(example: Report) -> None:
    rows = axes_rows(example, identity(example))
    for _kind, cells in rows:
        if cells and cells[0] == Applicant.NATURAL_PERSON.label:
            cells[:] = [
                Applicant.NATURAL_PERSON.label
            ] * 200  # one header row, 200 cells
            break
    got = read("bars", page(example, rows, "bars"))
    assert dict(got.cells()) == dict(example.cells())  # printed order
    assert any("不按表头读入" in f.message for f in got.reading_findings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), report=consistent_reports())
def test_one_cell_a_row_all_on_one_page(data: st.DataObject, report: Report) -> None:
    """PDF text lines: every cell its own row, every row the same place (``第 3 页``)."""
    order = data.draw(orders(report))
    grid = [
        GridRow((cell,), "第 3 页")
        for _kind, cells in axes_rows(report, order)
        for cell in cells
    ]
    match = match_grid(grid, year=report.metadata.year)
    assert match.findings == []
    assert match.values == dict(report.cells())
