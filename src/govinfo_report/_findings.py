"""Findings: what a check or a reader has to say about one place in a report."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable

import attrs

from govinfo_report._values import CellValue, Number

__all__ = ["Finding", "FindingKind", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """The report breaks the format (a sum that does not hold, a missing figure)."""
    WARNING = "warning"
    """Something to look at: likely wrong, or a check that could not be made."""


class FindingKind(enum.Enum):
    """What sort of finding this is."""

    RULE_BROKEN = "rule_broken"
    """A cross-check of the format does not hold."""
    NOT_ASSESSABLE = "not_assessable"
    """A cross-check could not be made because a cell holds no figure."""
    NOT_A_FIGURE = "not_a_figure"
    """A cell holds no figure (blank, ``/``) where the format asks for one (R4)."""
    # Reading problems (readers).
    UNREAD_LINE = "unread_line"
    """A line or cell of the input that no part of the format matched."""
    UNKNOWN_LABEL = "unknown_label"
    """A row or column label that is not in the format."""
    MISSING_ROW = "missing_row"
    """A row of the format that the input does not have."""
    MISSING_CELL = "missing_cell"
    """A figure the input's row does not have."""
    EXTRA_CELL = "extra_cell"
    """A figure beyond the row's columns."""
    AMBIGUOUS = "ambiguous"
    """Digits split into figures by the cross-checks, or that no split fits."""
    AMBIGUOUS_CELLS = "ambiguous_cells"
    """Digits run together that still cut into figures more than one way under
    every cross-check of the table: the cells are left unread, the message
    lists the candidate cuts."""
    CONVERTED_UNIT = "converted_unit"
    """A figure printed in another unit than its column's, converted exactly."""
    LABEL_VARIANT = "label_variant"
    """A label read as the format's although it carries more (a note, a typo, a mark)."""
    TRUNCATED = "truncated"
    """The input ends before the report does."""
    MISSING_SECTION = "missing_section"
    """A section of the format that the input does not have."""
    MISSING_METADATA = "missing_metadata"
    """A fact about the report (agency, date of issue…) that the input does not give."""
    REMOVED_CHARACTERS = "removed_characters"
    """Characters XML 1.0 cannot hold (controls, U+FFFE, lone surrogates), removed."""
    METADATA_MISMATCH = "metadata_mismatch"
    """The document states its year, agency or format otherwise than the caller's
    ``year=``/``agency=``/``format_version=``: the document's own value is kept."""
    # Analysis across reports and against the narrative.
    CROSS_YEAR = "cross_year"
    """A difference between a report and last year's."""
    CROSS_AGENCY = "cross_agency"
    """A difference between a consolidated report and its parts."""
    NARRATIVE_MISMATCH = "narrative_mismatch"
    """The narrative states a figure that the tables contradict."""


def _id_tuple(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(cells)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a check or reader found, at one place of a report.

    Attributes:
        rule: the rule id (``R1``…``R6``, or a reader's or an analysis' id).
        kind: what sort of finding it is.
        severity: error or warning.
        cells: the cell ids involved, the one at fault first where one is.
        message: one line in Chinese naming table, row and column by their
            official labels, e.g. ``表三 （七）总计 / 自然人：公布值 5，应为 4（…）``.
        published: the published value the rule compares, if any.
        expected: the value the rule expects, if any.
        difference: ``published - expected`` where both are figures.
        where: the place in the input (line, page, table row) for reading
            findings; empty otherwise.
    """

    rule: str
    kind: FindingKind
    severity: Severity
    cells: tuple[str, ...] = attrs.field(converter=_id_tuple, default=())
    message: str
    published: CellValue | None = None
    expected: CellValue | None = None
    difference: Number | None = None
    where: str = ""

    @property
    def fingerprint(self) -> str:
        """A stable id for tracking the finding across runs and versions.

        It depends on what is wrong and where (rule, kind, cells, place in the
        input), not on the figures, so a finding keeps its id while the figures
        at fault change.
        """
        key = "|".join((self.rule, self.kind.value, ",".join(self.cells), self.where))
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def is_error(self) -> bool:
        """True when the severity is error."""
        return self.severity is Severity.ERROR


def shortened(text: str, most: int) -> str:
    """``text`` for a message, cut short with ``…`` past ``most`` characters.

    Inputs are hostile: a message quotes a cell or a line, never megabytes of it.
    """
    return text if len(text) <= most else text[:most] + "…"
