"""What stands right after a dump's run of digits: a unit, a heading after a stop.

``行政事业性收费125600元``: the unit the fee is printed in. Left out of the run,
it was text before the next label and ``125600`` was read in the column's
万元 (ten thousand times the fee); the run with its unit is the row's cell,
converted (or reported) as any cell with a unit.

``行政许可1268.第二十条第（六）项``: a run followed by ``.`` usually ends with
the number of the next row's label (``10000016.属于四类过程性信息``); when a
block or section heading follows the stop, it is no label's number, and the
figure keeps its last digit (it was read as 126).
"""

from __future__ import annotations

from functools import cache

from govinfo_report._labels import label_key
from govinfo_report._readers._catalogue import _catalogue

_AMOUNT_UNITS = ("万元", "亿元", "元")


def amount_unit_after(body: str, at: int) -> str:
    """The amount unit printed at ``body[at]`` (``元``, ``万元``), or ``""``.

    >>> amount_unit_after("收费125600元三、", 8), amount_unit_after("许可1268行政", 6)
    ('元', '')
    """
    for unit in _AMOUNT_UNITS:
        if body.startswith(unit, at):
            return unit
    return ""


@cache
def _heads() -> tuple[str, ...]:
    """The keys of the format's block and section headings, longest first."""
    cat = _catalogue()
    keys = {label_key(label) for label in (*cat.structure.labels, *cat.sections.labels)}
    rows = {label_key(label) for label in cat.rows.labels}
    return tuple(sorted((k for k in keys - rows if len(k) >= 4), key=len, reverse=True))


def heads_after(body: str, at: int) -> bool:
    """A block or section heading starts at ``body[at]`` (``第二十条第（六）项``).

    >>> heads_after("1268.第二十条第（六）项", 5), heads_after("16.属于四类过程性信息", 3)
    (True, False)
    """
    key = label_key(body[at : at + 40])
    return key.startswith(_heads())
