"""Hypothesis strategies for reports: the one place tests get generated reports from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import CellKind, FormatVersion, Report

# Characters of real narratives: CJK, digits, full-width punctuation.
_CHARS = st.sampled_from(
    list("政府信息公开申请办理情况年度报告本机关主动依据条例规定要求数量件条万余")
    + list("０１２３４５６７８９0123456789，。、；：（）“”《》")
)
texts = st.text(_CHARS, min_size=1, max_size=40)

counts = st.integers(min_value=0, max_value=300) | st.integers(
    min_value=0, max_value=10**7
)
signed_counts = st.integers(min_value=-500, max_value=500)
amounts = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=0, max_value=10**8),
    st.sampled_from([0, 2, 4]),
)
marks = st.sampled_from([gr.BLANK, gr.NOT_APPLICABLE])

versions = st.sampled_from(list(FormatVersion))


def figure(kind: CellKind) -> st.SearchStrategy[int | Decimal]:
    """A figure a cell of this kind can hold."""
    if kind is CellKind.AMOUNT:
        return amounts
    if kind is CellKind.SIGNED_COUNT:
        return signed_counts
    return counts


narratives = st.builds(
    gr.Narrative,
    paragraphs=st.lists(texts, max_size=2).map(tuple),
    subsections=st.lists(
        st.builds(
            gr.Subsection,
            title=texts,
            paragraphs=st.lists(texts, max_size=2).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
)

metadata_kwargs = st.fixed_dictionaries(
    {
        "agency": texts,
        "year": st.integers(min_value=2019, max_value=2030),
        "date_of_issue": st.none() | st.dates(date(2019, 1, 1), date(2031, 12, 31)),
    }
)


def _layouts(version: FormatVersion) -> st.SearchStrategy[FormatVersion]:
    if version is FormatVersion.V2019:
        return st.just(FormatVersion.V2019)
    return st.sampled_from(
        [FormatVersion.V2021, FormatVersion.V2021, FormatVersion.V2019]
    )


LAYOUTS = (
    (FormatVersion.V2021, FormatVersion.V2021),
    (FormatVersion.V2019, FormatVersion.V2019),
    (FormatVersion.V2021, FormatVersion.V2019),
)
"""(format version, table 3 layout): 2021, 2019 and the 2021 hybrid (spec §5)."""


@st.composite
def consistent_reports(
    draw: st.DrawFn,
    version: FormatVersion | None = None,
    requests_layout: FormatVersion | None = None,
) -> Report:
    """A report whose figures satisfy every cross-check (totals derived).

    ``version`` and ``requests_layout`` fix the format and the layout of table
    3 (``V2019`` in a 2021 report: a hybrid); each is drawn when not given.
    Requests are drawn small enough that the carry-forward derived by R1 is
    never negative: each column's outcomes are drawn first and ``received`` is
    their sum plus a non-negative remainder.
    """
    version = version if version is not None else draw(versions)
    layout = requests_layout if requests_layout is not None else draw(_layouts(version))
    spec = gr.format_spec(version)
    requests_spec = gr.format_spec(layout).requests
    cells: dict[str, int | Decimal] = {}
    for table in (spec.active, spec.appeals):
        for cell in table.cells:
            if not cell.derived:
                cells[cell.id] = draw(figure(cell.kind))
    small = st.integers(min_value=0, max_value=40)
    for column in requests_spec.rows[0].columns:
        if column.id == "total":
            continue
        handled = 0
        for row in requests_spec.rows:
            if row.role is gr.RowRole.PART and row.id not in (
                "received",
                "carried_over",
            ):
                n = draw(small)
                handled += n
                cells[f"requests.{row.id}.{column.id}"] = n
        carried_over = draw(st.integers(min_value=0, max_value=handled))
        cells[f"requests.carried_over.{column.id}"] = carried_over
        cells[f"requests.received.{column.id}"] = handled - carried_over + draw(small)
    meta = draw(metadata_kwargs)
    return gr.from_cells(
        cells,
        format_version=version,
        requests_layout=layout,
        preface=draw(st.lists(texts, max_size=2)),
        overview=draw(narratives),
        problems=draw(narratives),
        other_matters=draw(narratives),
        amount_unit=(
            draw(st.sampled_from([None, *gr.AmountUnit]))
            if spec.active.published_unit
            else None
        ),
        **meta,
    )


@st.composite
def published_reports(
    draw: st.DrawFn,
    version: FormatVersion | None = None,
    requests_layout: FormatVersion | None = None,
) -> Report:
    """A report as published: any figures, blanks and ``/``, sums that may not hold."""
    base = draw(consistent_reports(version, requests_layout))
    changes: dict[str, object] = {}
    specs = base.cell_specs()
    for cell in draw(st.lists(st.sampled_from(specs), max_size=8, unique=True)):
        changes[cell.id] = draw(marks | figure(cell.kind))
    published = attrs.evolve(base, as_published=True)
    return published.with_cells(changes, derive_totals=False)


_CELL_IDS = sorted(gr.example_report().cells())

figures_or_marks = counts | signed_counts | amounts | st.sampled_from(list(gr.Mark))

findings = st.builds(
    gr.Finding,
    rule=st.sampled_from(["R1", "R3", "R6", "S1", "M1", "N1", "READ", "Y2"]),
    kind=st.sampled_from(list(gr.FindingKind)),
    severity=st.sampled_from(list(gr.Severity)),
    cells=st.lists(st.sampled_from(_CELL_IDS), max_size=4).map(tuple),
    message=texts,
    published=st.none() | figures_or_marks,
    expected=st.none() | figures_or_marks,
    difference=st.none() | signed_counts | amounts,
    where=st.just("") | texts,
)
"""Any finding: every kind and severity, figures of every type, or none."""
