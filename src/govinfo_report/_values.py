"""Cell values: a figure, or what a published report printed instead of one."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TypeAlias

__all__ = ["BLANK", "MISSING", "NOT_APPLICABLE", "CellValue", "Mark", "Number"]


class Mark(enum.Enum):
    """What a cell holds when it holds no figure. Never silently read as 0."""

    BLANK = "blank"
    """The published cell is empty (留空)."""
    NOT_APPLICABLE = "not_applicable"
    """The published cell says it does not apply: ``/``, ``—`` or ``-``."""
    MISSING = "missing"
    """The cell is not in the copy at hand (the text was cut off before it)."""

    @property
    def text(self) -> str:
        """How the mark is printed in a table: ``""`` or ``/``."""
        return "/" if self is Mark.NOT_APPLICABLE else ""

    @property
    def label(self) -> str:
        """How messages name the mark, in Chinese."""
        return {"blank": "空白", "not_applicable": "“/”（不适用）", "missing": "缺失"}[
            self.value
        ]

    def __repr__(self) -> str:
        return self.name


BLANK = Mark.BLANK
NOT_APPLICABLE = Mark.NOT_APPLICABLE
MISSING = Mark.MISSING

Number: TypeAlias = int | Decimal
"""A figure: a count (``int``) or an exact amount (``Decimal``)."""

CellValue: TypeAlias = int | Decimal | Mark
"""What one cell of a report holds, exactly as published."""


def format_value(value: CellValue) -> str:
    """A value as messages and tables print it (``5``, ``1.50``, ``空白``)."""
    if isinstance(value, Mark):
        return value.label
    return str(value)
