"""The format table (`_format`) against the contract, ``shared/spec/format-2021.md``.

The spec's own tables are parsed here, so a typo in a label or id of
``_format.py`` (or a row in the wrong order) fails a test: nothing below types a
label by hand except to check the parser itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govinfo_report import (
    RULES,
    AppealGroup,
    AppealResult,
    Applicant,
    Article20Item,
    CellKind,
    FormatVersion,
    Outcome,
    RowRole,
    SectionId,
    Severity,
    TableId,
    format_spec,
)
from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    HYBRID_REQUESTS,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    REQUESTS_ROWS,
    RESULTS_GROUP,
    OutcomeGroup,
    all_cell_specs,
)
from helpers import SPEC_FILE

V2019, V2021 = FormatVersion.V2019, FormatVersion.V2021
CODE = re.compile(r"`([^`]+)`")


@pytest.fixture(scope="module")
def spec_text() -> str:
    assert SPEC_FILE.is_file(), f"spec not found: {SPEC_FILE}"
    return SPEC_FILE.read_text(encoding="utf-8")


def _section(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop]


def _table_rows(text: str, first_header: str) -> list[list[str]]:
    """The body rows of the markdown table whose header row starts with ``first_header``."""
    lines = text.splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.startswith(f"| {first_header}")
    )
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _codes(cell: str) -> list[str]:
    return CODE.findall(cell)


# ------------------------------------------------------------------ sections


def test_section_headings_match_the_spec(spec_text: str) -> None:
    rows = _table_rows(_section(spec_text, "## 1. Document", "## 2."), "#")
    headings = [_codes(row[1])[0] for row in rows]
    assert len(headings) == 6
    spec = format_spec(V2021)
    assert [s.heading for s in spec.sections] == headings
    assert [s.id for s in spec.sections] == list(SectionId)
    assert [s.numeral for s in SectionId] == list("一二三四五六")
    # The 2019 format differs only in section 五 (appendix).
    appendix = _section(spec_text, "## Appendix", None)
    problems_2019 = _codes(appendix.split("section 五 is printed as", 1)[1])[0]
    old = format_spec(V2019)
    assert old.section(SectionId.PROBLEMS).heading == problems_2019
    assert [s.heading for s in old.sections if s.id is not SectionId.PROBLEMS] == [
        h for h in headings if not h.startswith("五")
    ]


def test_section_tables() -> None:
    spec = format_spec()
    assert [s.table for s in spec.sections] == [
        None,
        TableId.ACTIVE,
        TableId.REQUESTS,
        TableId.APPEALS,
        None,
        None,
    ]
    for table in spec.tables:
        assert spec.section(SectionId(table.id.value)).heading == table.heading
    assert [t.id.name_zh for t in spec.tables] == ["表二", "表三", "表四"]


# ------------------------------------------------------------------ table 2


def _active_2021_from_spec(text: str) -> list[tuple[str, list[str], str, list[str]]]:
    """(block heading, header labels, row label, cell ids) per data row of §2."""
    rows = _table_rows(_section(text, "## 2.", "## 3."), "Block heading")
    parsed = []
    block, header = "", []
    for cells in rows:
        if _codes(cells[0]):
            block = _codes(cells[0])[0]
        if _codes(cells[1]):
            header = _codes(cells[1])
        label = _codes(cells[2])[0]
        ids = _codes(cells[3])
        full = ids[0]
        prefix = full.rsplit(".", 1)[0]
        expanded = [full] + [prefix + i if i.startswith(".") else i for i in ids[1:]]
        parsed.append((block, header, label, expanded))
    return parsed


def test_table2_2021_matches_the_spec(spec_text: str) -> None:
    parsed = _active_2021_from_spec(spec_text)
    table = format_spec(V2021).active
    assert len(table.rows) == len(parsed) == 6
    for row, (block, header, label, ids) in zip(table.rows, parsed, strict=True):
        assert row.label == label
        assert row.groups == (block,)
        assert header[0] == CONTENT_HEADING
        assert [c.label for c in row.columns] == header[1:]
        assert [f"active.{row.id}.{c.id}" for c in row.columns] == ids
    assert table.cell_ids == tuple(i for *_, ids in parsed for i in ids)
    assert len(table.cells) == 10
    # The fee amount is a decimal, every other figure a count.
    kinds = {c.id: c.kind for c in table.cells}
    assert kinds.pop("active.fees.amount") is CellKind.AMOUNT
    assert set(kinds.values()) == {CellKind.COUNT}


def test_table2_row_variants_from_section_5(spec_text: str) -> None:
    deviations = _section(spec_text, "## 5.", "## Appendix")
    assert "`规范性文件` for `行政规范性文件`" in deviations
    row = format_spec(V2021).active.row("normative_documents")
    assert row.label == "行政规范性文件"
    assert "规范性文件" in row.variants


def test_article20_items_label_their_blocks(spec_text: str) -> None:
    headings = {
        code
        for code in _codes(spec_text)
        if code.startswith("第二十条第") and code.endswith("项")
    }
    assert {item.label for item in Article20Item} == headings
    assert Article20Item.ITEM_9.numbering == "（九）"


def test_table2_2019_matches_the_appendix(spec_text: str) -> None:
    appendix = _section(spec_text, "## Appendix", None)
    rows = _table_rows(appendix, "Block")
    table = format_spec(V2019).active
    spec_rows = iter(table.rows)
    expected_ids = {
        "rules": ["created", "published", "total_published"],
        "normative_documents": ["created", "published", "total_published"],
        "licensing": ["previous_items", "change", "decisions"],
        "other_services": ["previous_items", "change", "decisions"],
        "penalty": ["previous_items", "change", "decisions"],
        "coercion": ["previous_items", "change", "decisions"],
        "fees": ["previous_items", "change"],
        "procurement": ["projects", "amount"],
    }
    count = 0
    for block_cell, header_cell, data_cell in rows:
        block = _codes(block_cell)[0]
        header = _codes(header_cell)
        for label in _codes(data_cell):
            row = next(spec_rows)
            count += 1
            assert row.label == label
            assert row.groups == (block,)
            assert header[0] == CONTENT_HEADING
            assert [c.label for c in row.columns] == header[1:]
            assert [c.id for c in row.columns] == expected_ids[row.id]
    assert count == len(table.rows) == 8
    assert len(table.cells) == 22
    kinds = {c.id: c.kind for c in table.cells}
    assert {i for i, k in kinds.items() if k is CellKind.SIGNED_COUNT} == {
        f"active.{r}.change"
        for r in ("licensing", "other_services", "penalty", "coercion", "fees")
    }
    assert {i for i, k in kinds.items() if k is CellKind.AMOUNT} == {
        "active.procurement.amount"
    }


# ------------------------------------------------------------------ table 3


def _columns_from_spec(text: str) -> list[tuple[str, str]]:
    rows = _table_rows(_section(text, "## 3.", "## 4."), "Column")
    return [(_codes(label)[0], _codes(ident)[0]) for label, ident in rows]


def _rows_from_spec(text: str) -> list[tuple[str, str]]:
    rows = _table_rows(_section(text, "## 3.", "## 4."), "Row label")
    return [(_codes(label)[0], _codes(ident)[0]) for label, ident in rows]


def test_table3_columns_match_the_spec(spec_text: str) -> None:
    columns = _columns_from_spec(spec_text)
    assert [(a.label, a.value) for a in Applicant] == columns
    for row in format_spec(V2021).requests.rows:
        assert [(c.label, c.id) for c in row.columns] == columns
    assert [a for a in Applicant if a.is_legal_person] == list(Applicant)[1:6]


def test_table3_rows_match_the_spec(spec_text: str) -> None:
    rows = _rows_from_spec(spec_text)
    assert len(rows) == 25
    table = format_spec(V2021).requests
    assert [(r.label, r.id) for r in table.rows] == rows
    assert [(o.label, o.value) for o in Outcome if o is not Outcome.OTHER] == rows
    assert len(table.cells) == 175
    columns = [ident for _, ident in _columns_from_spec(spec_text)]
    assert table.cell_ids == tuple(
        f"requests.{row}.{col}" for _, row in rows for col in columns
    )
    assert "requests.withheld.state_secret.natural_person" in table.index


def test_table3_header_texts_match_the_spec(spec_text: str) -> None:
    part = _section(spec_text, "## 3.", "## 4.")
    note = next(c for c in _codes(part) if c.startswith("（本列数据"))
    assert note == REQUESTS_NOTE
    assert f"`{APPLICANTS_HEADING}`" in part
    assert f"`{LEGAL_PERSONS_HEADING}`" in part


def test_table3_group_cells_span_the_spec_rows(spec_text: str) -> None:
    part = _section(spec_text, "Rows (25 figure rows", "| Row label")
    groups = re.findall(r"`([^`]+)` \((?:spans )?(\d+)", part)
    assert len(groups) == 5
    assert groups[0][0] == RESULTS_GROUP
    table = format_spec(V2021).requests
    for label, span in groups:
        assert sum(label in row.groups for row in table.rows) == int(span), label
    # Numbering and text split as printed.
    assert Outcome.GRANTED.numbering == "（一）"
    assert Outcome.GRANTED.text == "予以公开"
    assert Outcome.RECEIVED.numbering == "一、"
    assert Outcome.OTHER_OTHER.numbering == "3."
    assert Outcome.OTHER_OTHER.text == "其他"


def test_table3_outcome_groups_are_the_spec_group_cells(spec_text: str) -> None:
    part = _section(spec_text, "Rows (25 figure rows", "| Row label")
    spec_groups = [
        label for label, _ in re.findall(r"`([^`]+)` \((?:spans )?(\d+)", part)
    ]
    assert [g.label for g in OutcomeGroup] == spec_groups[1:]
    table = format_spec(V2021).requests
    for group in OutcomeGroup:
        rows = [row.key for row in table.rows if group.label in row.groups]
        assert list(group.outcomes) == rows, group
        assert group.label == group.numbering + group.text
    assert OutcomeGroup.WITHHELD.text == "不予公开"
    # The 2019 layout's one row ``（六）其他处理`` is the group cell as a row.
    assert Outcome.OTHER.label == OutcomeGroup.OTHER.label


def test_table3_layouts_are_declared_per_version() -> None:
    # Every row is printed by some version, each layout in the format's order,
    # and the layouts are exactly the declared rows (not derived by exclusion).
    assert {o for rows in REQUESTS_ROWS.values() for o in rows} == set(Outcome)
    order = list(Outcome)
    for version, rows in REQUESTS_ROWS.items():
        assert [order.index(o) for o in rows] == sorted(order.index(o) for o in rows)
        assert tuple(r.key for r in format_spec(version).requests.rows) == rows
    v2019, v2021 = set(REQUESTS_ROWS[V2019]), set(REQUESTS_ROWS[V2021])
    assert v2021 - v2019 == set(OutcomeGroup.OTHER.outcomes)
    assert v2019 - v2021 == {Outcome.OTHER}


def test_table3_variant_from_section_5(spec_text: str) -> None:
    deviations = _section(spec_text, "## 5.", "## Appendix")
    variant = next(c for c in _codes(deviations) if "另外制作" in c)
    row = format_spec(V2021).requests.row("unavailable.needs_creation")
    assert variant in row.variants


def test_table3_roles() -> None:
    table = format_spec(V2021).requests
    derived_rows = {r.id: r.role for r in table.rows if r.role is not RowRole.PART}
    assert derived_rows == {"total": RowRole.TOTAL, "carried_forward": RowRole.BALANCE}
    derived = {c.id for c in table.cells if c.derived}
    # The total row, the carry-forward row and the total column: 7 + 7 + 23.
    assert len(derived) == 7 + 7 + 23


def test_table3_2019_layout_has_23_rows(spec_text: str) -> None:
    rows = _rows_from_spec(spec_text)
    table = format_spec(V2019).requests
    assert len(table.rows) == 23
    assert len(table.cells) == 23 * 7
    other = format_spec(V2021).requests.row("other.other").groups[-1]
    expected = [
        (label, ident) for label, ident in rows if not ident.startswith("other.")
    ]
    at = [ident for _, ident in expected].index("total")
    expected.insert(at, (other, "other"))
    assert [(r.label, r.id) for r in table.rows] == expected
    assert table.row("other").groups == (RESULTS_GROUP,)


def test_hybrid_layout_is_the_2019_table3() -> None:
    assert HYBRID_REQUESTS is format_spec(V2019).requests
    assert HYBRID_REQUESTS.layout is V2019
    assert "requests.other.natural_person" in HYBRID_REQUESTS.index
    assert "requests.other.other.natural_person" not in HYBRID_REQUESTS.index


def test_table3_rules_match_the_spec(spec_text: str) -> None:
    part = _section(spec_text, "### Cross-checks", "## 4.")
    rows = _table_rows(part, "#")
    severities = {cells[0]: Severity(cells[-1]) for cells in rows}
    by_id = {rule.id: rule for rule in RULES}
    for rule_id, severity in severities.items():
        assert by_id[rule_id].severity is severity
        assert by_id[rule_id].table is TableId.REQUESTS
    appeals = _section(spec_text, "## 4.", "## 5.")
    assert "R6 (error)" in appeals
    assert by_id["R6"].severity is Severity.ERROR
    assert [r.id for r in RULES] == ["R1", "R2", "R3", "R4", "R5", "R6"]


# ------------------------------------------------------------------ table 4


def test_table4_matches_the_spec(spec_text: str) -> None:
    part = _section(spec_text, "## 4.", "## 5.")
    rows = _table_rows(part, "Group")
    groups = [(_codes(g)[0], _codes(i)[0]) for g, i, _ in rows]
    assert [(g.label, g.value) for g in AppealGroup] == groups
    results = re.findall(r"`([^`]+)` `([a-z_]+)`", rows[0][2])
    assert [(r.label, r.value) for r in AppealResult] == results
    for version in FormatVersion:
        table = format_spec(version).appeals
        assert [(r.label, r.id) for r in table.rows] == groups
        for row in table.rows:
            assert [(c.label, c.id) for c in row.columns] == results
        assert len(table.cells) == 15
    assert f"`{LITIGATION_HEADING}`" in part
    assert AppealGroup.REVIEW.groups == ()
    assert AppealGroup.LITIGATION_DIRECT.groups == (LITIGATION_HEADING,)


# ------------------------------------------------------------------ cells


def test_cell_counts_per_format() -> None:
    assert [len(t.cells) for t in format_spec(V2021).tables] == [10, 175, 15]
    assert [len(t.cells) for t in format_spec(V2019).tables] == [22, 161, 15]


def test_cell_specs_are_addressable_every_way() -> None:
    for version in FormatVersion:
        spec = format_spec(version)
        for table in spec.tables:
            assert len(set(table.cell_ids)) == len(table.cells)
            for cell in table.cells:
                assert table.cells[table.position(cell.id)] is cell
                assert table.position((cell.row.key, cell.column.key)) == cell.index
                assert spec.cell(cell.id) is cell
                assert cell.place == (
                    f"{table.id.name_zh} {cell.row.label} / {cell.column.label}"
                )
                assert all_cell_specs()[cell.id].id == cell.id
    with pytest.raises(KeyError):
        format_spec(V2021).cell("requests.other.natural_person")


def test_every_label_uses_full_width_punctuation() -> None:
    half_width = re.compile(r"[(),:;]")
    for version in FormatVersion:
        spec = format_spec(version)
        for section in spec.sections:
            assert not half_width.search(section.heading)
        for table in spec.tables:
            for row in table.rows:
                assert not half_width.search(row.label), row.label
                for column in row.columns:
                    assert not half_width.search(column.label), column.label


def test_notice_numbers() -> None:
    assert V2021.notice == "国办公开办函〔2021〕30号"
    assert V2019.notice == "国办公开办函〔2019〕60号"
    text = Path(SPEC_FILE).read_text(encoding="utf-8")
    assert V2021.notice in text
    assert V2019.notice in text


# ------------------------------------------------------------------ docs


def test_cell_id_page_is_generated_from_the_format() -> None:
    """``docs/cell-ids.md`` is exactly what ``docs/_gen_cell_ids.py`` renders."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "docs" / "_gen_cell_ids.py"
    loaded = importlib.util.spec_from_file_location("_gen_cell_ids", script)
    assert loaded is not None
    assert loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    page = module.PAGE.read_text(encoding="utf-8")
    assert page == module.render(), "run: python3 docs/_gen_cell_ids.py"
    # Every cell id of every layout is on the page.
    for cell_id, cell in all_cell_specs().items():
        if cell.table is TableId.ACTIVE:
            assert f"| `{cell_id}` |" in page
        else:
            assert f"| `{cell.row.id}` | {cell.row.label} |" in page
            assert f"| `{cell.column.id}` | {cell.column.label} |" in page
