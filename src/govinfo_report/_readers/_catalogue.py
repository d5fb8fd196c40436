"""The row catalogue: every label of the format the matcher can anchor on.

Built once from the format table (`_format.format_spec`): row labels and their
variants, section headings, structure labels (column headers, group cells,
Article 20 block headings) and the labels that vote for 2019 or 2021.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import attrs

from govinfo_report._format import (
    APPLICANTS_HEADING,
    CONTENT_HEADING,
    LEGAL_PERSONS_HEADING,
    LITIGATION_HEADING,
    REQUESTS_NOTE,
    RESULTS_GROUP,
    AppealGroup,
    Article20Item,
    FormatVersion,
    Outcome,
    SectionId,
    TableId,
    format_spec,
)
from govinfo_report._labels import LabelTable, label_key
from govinfo_report._readers._header_labels import CORNER_WORDS

# ----------------------------------------------------------------- the catalogue


@attrs.frozen
class _RowRef:
    table: TableId
    row_id: str


_SECTION_TABLES = {
    SectionId.ACTIVE: TableId.ACTIVE,
    SectionId.REQUESTS: TableId.REQUESTS,
    SectionId.APPEALS: TableId.APPEALS,
}


@attrs.frozen
class _Catalogue:
    rows: LabelTable[_RowRef]
    sections: LabelTable[SectionId]
    structure: LabelTable[frozenset[TableId]]
    header_blob: dict[TableId, str]
    votes: dict[str, FormatVersion]
    # a table's name printed over it: its section's heading without the
    # ordinal (``主动公开政府信息情况``), by label key
    captions: dict[str, TableId] = attrs.field(factory=dict)
    # a numbered row label's key without its number (``予以公开`` of
    # ``（一）予以公开``), when one row's alone and no label of the format
    # (the row, its label as the format prints it)
    bare: dict[str, tuple[_RowRef, str]] = attrs.field(factory=dict)
    # the most figures a row has in any version of the format
    widths: dict[_RowRef, int] = attrs.field(factory=dict)


_ORDINAL = re.compile(
    r"^(?:[（(〔【\[［][一二三四五六七八九十\d]{1,3}[）)〕】\]］]"
    r"|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、])"
)
"""The list number a label key starts with, in any brackets (``（一）``, ``〔一〕``, ``1.``)."""


def bare_key(key: str) -> str:
    """A label key without the list number it starts with (`_ORDINAL`).

    >>> bare_key("（一）予以公开"), bare_key("〔一〕予以公开"), bare_key("行政许可")
    ('予以公开', '予以公开', '行政许可')
    """
    return _ORDINAL.sub("", key, count=1)


def _bare_rows(
    entries: list[tuple[str, _RowRef]], others: set[str]
) -> dict[str, tuple[_RowRef, str]]:
    """`_Catalogue.bare` from the row labels; ``others``: every label key of the format."""
    found: dict[str, dict[_RowRef, str]] = {}
    for label, ref in entries:
        key = label_key(label)
        bare = bare_key(key)
        if bare != key and len(bare) >= 2:
            found.setdefault(bare, {}).setdefault(ref, label)
    return {
        bare: next(iter(refs.items()))
        for bare, refs in found.items()
        if len(refs) == 1 and bare not in others
    }


@cache
def _catalogue() -> _Catalogue:
    refs: dict[tuple[TableId, str], _RowRef] = {}

    def ref(table: TableId, row_id: str) -> _RowRef:
        return refs.setdefault((table, row_id), _RowRef(table, row_id))

    row_entries: list[tuple[str, _RowRef]] = []
    widths: dict[_RowRef, int] = {}
    structure: list[tuple[str, TableId]] = []
    section_entries: list[tuple[str, SectionId]] = []
    votes: dict[str, FormatVersion] = {}
    column_labels: dict[FormatVersion, set[str]] = {v: set() for v in FormatVersion}
    for version in FormatVersion:
        spec = format_spec(version)
        for section in spec.sections:
            section_entries.append((section.heading, section.id))
        for table in spec.tables:
            for row in table.rows:
                if table.id is not TableId.APPEALS:  # table 4's labels are headers
                    row_ref = ref(table.id, row.id)
                    widths[row_ref] = max(widths.get(row_ref, 0), len(row.columns))
                    for label in (row.label, *row.variants):
                        row_entries.append((label, row_ref))
                for column in row.columns:
                    column_labels[version].add(column.label)
                    structure.append((column.label, table.id))
                for group in row.groups:
                    if group != Outcome.OTHER.label:
                        structure.append((group, table.id))
    for version, labels in column_labels.items():
        other = column_labels[
            FormatVersion.V2019
            if version is FormatVersion.V2021
            else FormatVersion.V2021
        ]
        for label in labels - other:
            votes[label_key(label)] = version
    for only_2019 in ("other_services", "procurement"):
        votes[
            label_key(format_spec(FormatVersion.V2019).active.row(only_2019).label)
        ] = FormatVersion.V2019
    problems_2019 = format_spec(FormatVersion.V2019).section(SectionId.PROBLEMS)
    votes[label_key(problems_2019.heading)] = FormatVersion.V2019
    structure += [(item.label, TableId.ACTIVE) for item in Article20Item]
    structure += [(CONTENT_HEADING, TableId.ACTIVE)]
    structure += [
        (label, TableId.REQUESTS)
        for label in (REQUESTS_NOTE, APPLICANTS_HEADING, LEGAL_PERSONS_HEADING)
    ]
    structure += [(RESULTS_GROUP, TableId.REQUESTS)]
    structure += [(g.label, TableId.APPEALS) for g in AppealGroup]
    structure += [(LITIGATION_HEADING, TableId.APPEALS)]
    structure += [(word, table) for word in CORNER_WORDS for table in TableId]
    blob: dict[TableId, list[str]] = {t: [] for t in TableId}
    owners: dict[str, set[TableId]] = {}
    for label, owner in structure:
        blob[owner].append(label_key(label))
        owners.setdefault(label, set()).add(owner)
    frozen = {label: frozenset(tables) for label, tables in owners.items()}
    keys = {
        label_key(label) for label, _ in (*row_entries, *structure, *section_entries)
    }
    unique = {tables: tables for tables in frozen.values()}
    return _Catalogue(
        rows=LabelTable(row_entries),
        sections=LabelTable(section_entries, min_score=0.75),
        structure=LabelTable(
            [(label, unique[tables]) for label, tables in frozen.items()],
            min_prefix=99,
        ),
        header_blob={t: "|".join(parts) for t, parts in blob.items()},
        votes=votes,
        captions={
            label_key(heading.partition("、")[2]): _SECTION_TABLES[section]
            for heading, section in section_entries
            if section in _SECTION_TABLES and "、" in heading
        },
        bare=_bare_rows(row_entries, keys),
        widths=widths,
    )


# ------------------------------------------------------------------ cell values


@cache
def _format_keys() -> frozenset[str]:
    cat = _catalogue()
    labels = (*cat.rows.labels, *cat.structure.labels, *cat.sections.labels)
    return frozenset(label_key(label) for label in labels)


@cache
def _format_blob() -> str:
    return "|".join(sorted(_format_keys()))


_PIECE_BREAKS = re.compile(r"[、，。,.．（）()\s]+")
"""Where pieces of two labels side by side meet (``、开``: the ``、`` of
``三、本年度办理结果`` printed down beside the ``开`` of a wrapped ``予以公开``)."""


@lru_cache(maxsize=4096)
def is_label_piece(text: str) -> bool:
    """True when ``text`` could be pieces of labels of the format (``三``,
    ``（五）不``, ``予处理``, ``、开``: labels printed down or wrapped in
    their cells), each piece part of a label.

    >>> is_label_piece("（五）不"), is_label_piece("、开"), is_label_piece("合计")
    (True, True, False)
    """
    key = label_key(text)
    if not key or "|" in key:
        return False
    blob = _format_blob()
    return key in blob or all(p in blob for p in _PIECE_BREAKS.split(key) if p)


def is_format_label(text: str) -> bool:
    """True when ``text`` is a label of the format (a row, header, group or section).

    >>> is_format_label("行政许可"), is_format_label("申请人情况"), is_format_label("附件")
    (True, True, False)
    """
    return label_key(text) in _format_keys()
