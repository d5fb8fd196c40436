"""A cell of a row of cells that holds figures with spaces between (``| 12 68 |``).

A row read cell by cell (``|`` between cells, tabs, a real table) whose one
cell holds ``12 68`` (a space put into a figure by a PDF copy, or ``1 268``
with a space for a thousands separator) has one figure too many when the
cell's parts are taken as figures: the whole row was refused. The cells'
places are printed, so only that cell is in doubt: one figure or two cannot
be told, and it is reported missing while the row's other cells are read in
their places. A cell whose parts are the row's figures (``规章 | 0 0 0``)
fits the row and never comes here.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report._readers._matcher import _Token


def one_token_a_cell(
    tokens: Sequence[_Token], spaced: Sequence[tuple[int, int, str]], n: int
) -> tuple[list[_Token], list[int]] | None:
    """The row's tokens with each spaced cell one token (its text as
    printed), and where those stand.

    ``spaced``: (first token, tokens, text) of each cell whose figures were
    split at spaces. None when the row still does not have ``n`` cells that way
    (its figures, or its figures and blanks, counted as they stand).

    >>> tokens = [_Token(t, "") for t in ("18", "4", "2", "4")]
    >>> chosen, at = one_token_a_cell(tokens, [(2, 2, "2 4")], 3)
    >>> [t.text for t in chosen], at
    (['18', '4', '2 4'], [2])
    >>> one_token_a_cell(tokens, [(2, 2, "2 4")], 4) is None
    True
    """
    groups = {start: (count, text) for start, count, text in spaced}
    merged: list[_Token] = []
    at: list[int] = []
    i = 0
    while i < len(tokens):
        count, text = groups.get(i, (1, ""))
        if count > 1:
            at.append(len(merged))
            merged.append(_Token(text, tokens[i].where))
        else:
            merged.append(tokens[i])
        i += max(count, 1)
    filled = [t for t in merged if not t.empty]
    if len(filled) == n:
        places = {id(t): k for k, t in enumerate(filled)}
        return filled, [places[id(merged[k])] for k in at]
    if len(merged) == n:
        return merged, at
    return None
