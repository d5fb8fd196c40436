"""One PDF page as a reader sees it: ruled tables as grids, the rest as lines.

The engine (`_pdf_engine`) gives the visible characters with their boxes and
the ruling lines of a page; this module makes the tables and text lines of it.

Tables: the ruling lines are merged (pieces of one line joined), grouped into
tables (lines that cross), and each table cut into rows at its horizontal
lines. Each row takes its column boundaries from the vertical lines that cross
*that* row: exports whose column lines move by a few points from row to row
keep every figure in its own cell. A cell without a line above it continues the
cell above (a label spanning rows). Each character goes to the cell whose box
holds most of it; a character that a boundary cuts (less than three quarters
in one cell) is a finding, never a silent cut.

Over 500 lines: one page's grid, built and used: the cells each glyph is
looked up in (the rows, covering cells and right edges of `_pdf_grid.Table`,
read by the fast path of `lay_out` as by `find_cell`) and the findings about
the cells (a cut glyph, one across the table's frame, hidden text, an
annotation or a picture over a cell) share its structures. The grid's types
are in `_pdf_grid`, the findings about lines drawn across figures in
`_pdf_strikes`, tracked deletions beside a corrected figure in
`_pdf_deletions`, merged label cells in `_pdf_spans`.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._limits import Limits
from govinfo_report._readers._cells import reading_finding
from govinfo_report._readers._pdf_baselines import on_figure_rows
from govinfo_report._readers._pdf_blanks import Carried, by_columns
from govinfo_report._readers._pdf_deletions import strike_out
from govinfo_report._readers._pdf_grid import CROSS as _CROSS
from govinfo_report._readers._pdf_grid import IN_LINE as _IN_LINE
from govinfo_report._readers._pdf_grid import TINY as _TINY
from govinfo_report._readers._pdf_grid import Cell as _Cell
from govinfo_report._readers._pdf_grid import Table as _Table
from govinfo_report._readers._pdf_grid import find_cell as _find_cell
from govinfo_report._readers._pdf_grid import place_of as _where
from govinfo_report._readers._pdf_marks import X0, as_seen, plain_run
from govinfo_report._readers._pdf_spans import split_label
from govinfo_report._readers._pdf_strikes import split_figures, struck
from govinfo_report._readers._pdf_unruled import unruled_appeals
from govinfo_report._readers._pdf_wrap import cell_text
from govinfo_report._readers._split import Item, trusted_item
from govinfo_report._readers._text import split_cells

__all__ = ["COLUMN_GAP", "Placed", "lay_out"]

Placed = tuple[float, Item | None, str | None]
"""A table row (``Item``) or a text line (``str``) at its top on the page."""

_SAME_LINE = 1.0  # pt: pieces of one ruling line
_JOIN = 2.0  # pt: a gap between two pieces that still makes one line
_SHORT = 3.0  # pt: shorter lines are no ruling
_RUNS_ON = 8.0  # pt: column lines this far past the last ruling close a row there
_RUN_ROWS = 3.0  # of the tallest row: the farthest such lines may run on
_COLUMN = 4.0  # pt: cell edges this close are one column of the table
_INSIDE = 0.75  # of a glyph in one cell: less is a glyph the boundary cuts
_ACROSS = 0.2  # of a glyph: more than this in a cell (or out of it) is no stray edge
_HUGE = sys.float_info.max  # pt²: a larger area is infinite (its shares not numbers)
COLUMN_GAP = "  "
"""What a line outside the ruled tables has for a gap wider than 12 pt (a column's)."""

_START = operator.itemgetter(1)  # where a ruling line starts

_REASONS = {
    "invisible": "不可见的文字（文字绘制模式 3）",
    "transparent": "透明的文字",
    "background": "与底色同色的文字",
    "covered": "被不透明的色块盖住的文字",
    "clipped": "被裁剪掉的文字",
    "outside": "在页面裁切框之外的文字",
    "tiny": "字号过小（不超过 1 磅）的文字",
    "squeezed": "横向压缩得几乎没有宽度的数字",
    "layer": "隐藏图层（关闭的可选内容）中的文字",
    "form": "表单中的文字（在隐藏图层中，或被之后画的内容盖住）",
    "image": "被图片盖住的文字",
    "blank": "字体中没有字形、显示为空白的数字",
    "actual": "替代文字（ActualText，与所画的字形不同）",
}


def _merge(lines: Iterable[Sequence[float]]) -> list[tuple[float, float, float]]:
    """Pieces of one line (same position, touching or overlapping) joined."""
    groups: list[list[tuple[float, float, float]]] = []
    group: list[tuple[float, float, float]] = []
    last = 0.0  # the position of the last line of the last group
    for line in sorted([(line[0], line[1], line[2]) for line in lines]):
        if groups and line[0] - last <= _SAME_LINE:
            group.append(line)
        else:
            group = [line]
            groups.append(group)
        last = line[0]
    merged: list[tuple[float, float, float]] = []
    for group in groups:
        at = sum([line[0] for line in group]) / len(group)
        pieces: list[list[float]] = []
        for _at, start, end in sorted(group, key=_START) if len(group) > 1 else group:
            if pieces and start <= pieces[-1][1] + _JOIN:
                pieces[-1][1] = max(pieces[-1][1], end)
            else:
                pieces.append([start, end])
        merged += [(at, start, end) for start, end in pieces if end - start >= _SHORT]
    return merged


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    out: list[float] = []
    group: list[float] = []
    for value in sorted(values):
        if group and value - group[-1] > tolerance:
            out.append(sum(group) / len(group))
            group = []
        group.append(value)
    if group:
        out.append(sum(group) / len(group))
    return out


def _tables(
    h_lines: list[tuple[float, float, float]], v_lines: list[tuple[float, float, float]]
) -> list[_Table]:
    count = len(h_lines)
    parent = list(range(count + len(v_lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # the vertical lines by position: those a horizontal line may cross lie
    # in one slice of them (the full test is still made on each); one whose
    # position is NaN crosses nothing and would unsort the slice
    order = sorted(
        (v[0], vi, v[1] - _CROSS, v[2] + _CROSS)
        for vi, v in enumerate(v_lines)
        if v[0] == v[0]
    )
    xs = [v[0] for v in order]
    for hi, (y, x0, x1) in enumerate(h_lines):
        left, right = x0 - _CROSS, x1 + _CROSS
        start = bisect.bisect_left(xs, left)
        end = bisect.bisect_right(xs, right)
        root = find(hi)
        for x, vi, low, high in order[start:end]:
            if left <= x <= right and low <= y <= high:
                other = find(count + vi)
                if other != root:
                    parent[root] = other
                    root = other
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for hi in range(count):
        groups.setdefault(find(hi), ([], []))[0].append(hi)
    for vi in range(len(v_lines)):
        groups.setdefault(find(count + vi), ([], []))[1].append(vi)
    tables = []
    for hs, vs in groups.values():
        if len(hs) >= 2 and len(vs) >= 2:
            table = _table([h_lines[i] for i in hs], [v_lines[i] for i in vs])
            if table is not None:
                tables.append(table)
    tables.sort(key=lambda t: t.top)
    return tables


def _table(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]
) -> _Table | None:
    tops = _cluster((h[0] for h in hs), _CROSS)
    # column lines running on past the first (last) ruling by about a row's
    # height: a row whose own line is missing (a table continued from the
    # page before, ruled by the line under its last row there): the lines'
    # ends close it, so that its text is read as a row, in its columns. At
    # least three lines must run on (a column line, not only a frame drawn
    # round the page), by no more than `_RUN_ROWS` of the tallest row
    tallest = max((b - a for a, b in itertools.pairwise(tops)), default=0.0)
    for side, outer, beyond in ((1, tops[0], -1.0), (2, tops[-1], 1.0)):
        runs = sorted((v[side] - outer) * beyond for v in vs)
        if len(runs) >= 3 and _RUNS_ON <= runs[-3] <= _RUN_ROWS * tallest:
            edge = outer + beyond * runs[-3]
            tops = [edge, *tops] if beyond < 0 else [*tops, edge]
    cells: list[_Cell] = []
    rows: list[list[_Cell]] = []
    covering: list[list[_Cell]] = []
    above: list[_Cell] = []  # the cells of the row above, continued ones included
    # rows crossed by the same vertical lines have the same column edges
    spans: dict[tuple[float, ...], list[tuple[float, float]]] = {}
    for k, (top, bottom) in enumerate(itertools.pairwise(tops)):
        reach, rise = top + _CROSS, bottom - _CROSS
        crossing = tuple([v[0] for v in vs if v[1] <= reach and v[2] >= rise])
        pairs = spans.get(crossing)
        if pairs is None:
            pairs = spans[crossing] = [
                (x0, x1)
                for x0, x1 in itertools.pairwise(_cluster(crossing, _CROSS))
                if x1 - x0 > _CROSS
            ]
        starting: list[_Cell] = []
        here: list[_Cell] = []
        # the horizontal lines at the row's top: those that may rule a cell
        at_top = [(h[1], h[2]) for h in hs if abs(h[0] - top) <= _CROSS]
        for x0, x1 in pairs:
            ruled = k == 0
            if not ruled:
                left, right = x0 + _CROSS, x1 - _CROSS
                for start, end in at_top:
                    if start <= left and end >= right:
                        ruled = True
                        break
            if not ruled:
                # the first cell above of about the same edges goes on down
                for same in above:
                    if abs(same.x0 - x0) <= _COLUMN and abs(same.x1 - x1) <= _COLUMN:
                        break
                else:
                    same = None
                if same is not None:
                    same.bottom = bottom
                    here.append(same)
                    continue
            cell = _Cell(x0, top, x1, bottom, k)
            cells.append(cell)
            starting.append(cell)
            here.append(cell)
        rows.append(starting)
        covering.append(here)
        above = here
    if not cells:
        return None
    rights: list[list[float] | None] = []
    for here in covering:
        lefts = [c.x0 for c in here]
        ends = [c.x1 for c in here]
        ordered = lefts == sorted(lefts) and ends == sorted(ends)
        rights.append(ends if ordered else None)
    columns = _cluster((c.x0 for c in cells), _COLUMN)
    nearest: dict[float, int] = {}  # (the cells of a column share their left edge)
    for cell in cells:
        x0 = cell.x0
        at = nearest.get(x0)
        if at is None:
            # the nearest column (ascending and apart: the one just below or
            # just above; the lower on a tie)
            at = bisect.bisect_left(columns, x0)
            if at == len(columns) or (
                at > 0 and abs(columns[at - 1] - x0) <= abs(columns[at] - x0)
            ):
                at -= 1
            nearest[x0] = at
        cell.column = at
    return _Table(
        min(c.x0 for c in cells),
        tops[0],
        max(c.x1 for c in cells),
        tops[-1],
        rows,
        tops,
        cells,
        covering,
        rights,
    )


def _lines(chars: list[Sequence[Any]]) -> list[list[Sequence[Any]]]:
    """Characters grouped into lines, top to bottom, each left to right."""
    lines: list[list[Sequence[Any]]] = []
    line: list[Sequence[Any]] = []
    line_top = line_bottom = 0.0  # the first character of the last line
    for char in sorted(chars, key=_line_order):
        if lines and (
            abs(line_top - char[2]) < 3
            # a glyph raised or lowered (``Ts``) by less than half its
            # height stands in its line: 26 with a raised 8 reads 268
            or min(line_bottom, char[4]) - max(line_top, char[2])
            >= _IN_LINE * min(line_bottom - line_top, char[4] - char[2])
        ):
            line.append(char)
        else:
            line = [char]
            lines.append(line)
            line_top, line_bottom = char[2], char[4]
    for line in lines:
        line.sort(key=X0)
    return lines


def _line_text(line: list[Sequence[Any]], word_gap: float) -> str:
    """One line's text: a gap wider than ``word_gap`` is a space."""
    if len(line) == 1:
        return str(line[0][0])
    before = line[0]
    parts = [before[0]]
    for char in itertools.islice(line, 1, None):
        gap = char[1] - before[3]
        if word_gap:
            if gap > word_gap:
                parts.append(" ")
        elif gap > 2:  # outside tables, as pdfplumber's words joined by gap
            parts.append(COLUMN_GAP if gap > 12 else " ")
        parts.append(char[0])
        before = char
    return "".join(parts)


def _text(chars: list[Sequence[Any]], word_gap: float) -> list[tuple[float, str]]:
    """Characters as lines of text (top, text): a gap wider than ``word_gap`` is a space."""
    return [(line[0][2], _line_text(line, word_gap)) for line in _lines(chars)]


_OVERSIZE = 1.25  # of a cell's height: a taller glyph is laid over the table


def _oversized(cell: _Cell, char: Sequence[Any]) -> bool:
    """Whether ``char`` is too tall to be text of ``cell`` (see `lay_out`)."""
    return bool(char[4] - char[2] > _OVERSIZE * (cell.bottom - cell.top))


def _across_the_frame(
    where: str, table: _Table, cell: _Cell, char: Sequence[Any], share: float
) -> Finding:
    return reading_finding(
        FindingKind.AMBIGUOUS,
        _where(where, table, cell),
        f"字符“{char[0]}”跨在表格的边框上（只有 {share:.0%} 在本格），"
        "不能确定它是否属于这一格，请核对原文",
        severity=Severity.ERROR,
    )


def _line_order(char: Sequence[Any]) -> tuple[int, float]:
    return (round(char[2]), char[1])


def lay_out(
    page: dict[str, Any], where: str, limits: Limits, carried: Carried | None = None
) -> tuple[list[Placed], list[Finding], int]:
    """The rows and lines of one page (see the module), its findings and its table rows.

    ``carried`` holds the columns of the tables without rulings of the page
    before (a table continued here), and takes this page's (`_pdf_blanks`).

    Raises:
        LimitExceededError: ``max_pdf_table_grid`` (vertical × horizontal
            ruling lines), ``max_line_chars``.
    """
    h_lines = _merge(page["h"])
    v_lines = _merge(page["v"])
    if len(h_lines) * len(v_lines) > limits.max_pdf_table_grid:
        raise limits.exceeded(
            "max_pdf_table_grid",
            f"{where}表格线的交点候选数（竖线 {len(v_lines)} 条 × 横线 {len(h_lines)} 条）",
            len(h_lines) * len(v_lines),
        )
    tables = _tables(h_lines, v_lines)
    findings: list[Finding] = []
    outside: list[Sequence[Any]] = []
    spans = [(t.x0, t.x1, t.top, t.bottom, t) for t in tables]
    cut: set[int] = set()  # the glyphs a boundary cuts (each has its finding)
    over: dict[int, list[str]] = {}  # each table's glyphs too big for their cells
    big: list[tuple[_Cell, Sequence[Any]]] = []  # digits among them, by their cell
    for char in page["chars"] if tables else ():
        _char, left, top, right, bottom = char
        cx, cy = (left + right) / 2, (top + bottom) / 2
        for x0, x1, t0, t1, table in spans:  # noqa: B007 (used after the loop)
            if x0 <= cx <= x1 and t0 <= cy <= t1:
                break  # the first table that holds its centre
        else:
            across: list[Finding] = []
            for x0, x1, t0, t1, table in spans:
                if char[1] < x1 and char[3] > x0 and char[2] < t1 and char[4] > t0:
                    # its centre outside, a good part of it in a cell: a
                    # figure run out over the table's frame (1268 from 296
                    # in a cell ending at 300), or a big glyph laid over it
                    cell, share, _second = _find_cell(table, char)
                    if cell is not None and share > _ACROSS and _oversized(cell, char):
                        over.setdefault(id(table), []).append(char[0])
                        break
                    if cell is not None and share > _ACROSS:
                        across.append(
                            _across_the_frame(where, table, cell, char, share)
                        )
            else:
                outside.append(char)
                findings += across
            continue
        # most glyphs lie wholly in one cell of a row running left to right:
        # when `_find_cell` would look at that row alone (the same bisections)
        # and that cell first, it holds all of the glyph (a share of exactly
        # 1, which no other cell exceeds): the glyph is its, no boundary cuts it
        tops = table.tops
        row = bisect.bisect_right(tops, top) - 1
        if (
            0 <= row < len(table.covering)
            and bisect.bisect_left(tops, bottom) == row + 1
            and (ends := table.rights[row]) is not None
        ):
            here = table.covering[row]
            at = bisect.bisect_right(ends, left)
            if at < len(here):
                holder = here[at]
                if (
                    holder.x0 <= left < right <= holder.x1
                    and holder.top <= top < bottom <= holder.bottom
                    and _TINY <= (right - left) * (bottom - top) <= _HUGE
                ):
                    holder.chars.append(char)
                    continue
        cell, share, second = _find_cell(table, char)
        if cell is None:
            outside.append(char)
            continue
        if _oversized(cell, char):
            # a glyph taller than its cell is none of its text (a cell grows
            # with what it holds): a watermark or a heading laid over the
            # table, seen through but no part of a figure
            over.setdefault(id(table), []).append(char[0])
            if str(char[0]).isdigit():
                big.append((cell, char))
            continue
        cell.chars.append(char)
        if share < _INSIDE:
            cut.add(id(char))
        if share < _INSIDE and second <= _ACROSS and 1 - share - second > _ACROSS:
            findings.append(_across_the_frame(where, table, cell, char, share))
        elif share < _INSIDE and second > _ACROSS:
            findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    _where(where, table, cell),
                    f"字符“{char[0]}”跨在单元格边界上（只有 {share:.0%} 在本格），"
                    "不能确定它属于哪一格，请核对原文",
                    severity=Severity.ERROR,
                )
            )
    if not tables:
        outside = list(page["chars"])
    else:
        _turned_figures(page["turned"], tables)
        _overflowing(big)
        for table in tables:

            def named(cell: _Cell, table: _Table = table) -> str:
                return _where(where, table, cell)

            findings += strike_out(table.cells, h_lines, named)
    for glyphs in over.values():
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                f"{where}表格",
                f"表格上有比单元格还高的字“{shortened(''.join(glyphs), 40)}”"
                "（水印或叠在表上的文字），不计入单元格，请核对原文",
                severity=Severity.WARNING,
            )
        )
    for table in tables:
        findings += split_figures(table, cut, where)
    findings += _unshown(page, tables, where)
    if tables and page.get("drawings"):
        findings += _drawn_alone(page["drawings"], spans, where)
    findings += _hidden_findings(page, tables, where)
    if tables:
        findings += struck(h_lines, page.get("slants") or (), tables, where)
    placed: list[Placed] = []
    rows = 0
    for table in tables:
        grid: list[dict[int, str]] = []
        for index, starting in enumerate(table.rows):
            # One entry a cell, as in Word and HTML: a cell spanning columns
            # is one (the positions it covers are no blank figures after a
            # row label), one continued from above (a group cell to the
            # left) is "".
            by_column: dict[int, str] = dict.fromkeys(
                sorted({c.column for c in table.covering[index]}), ""
            )
            for cell in starting:
                # (cells of one column in a row: the last one's text is kept)
                if len(cell.chars) == 1:
                    by_column[cell.column] = cell.chars[0][0]
                    continue
                text = plain_run(cell.chars, 3.0)
                if text is None:
                    chars = as_seen(cell.chars, _where(where, table, cell), findings)
                    text = cell_text(
                        [(line, _line_text(line, 3.0)) for line in _lines(chars)],
                        cell.x1 - cell.x0,
                    )
                by_column[cell.column] = text
            grid.append(by_column)
        tops = table.tops
        for cell in table.cells:
            last = bisect.bisect_left(tops, cell.bottom - _TINY) - 1
            if last > cell.row and len(cell.chars) > 1:
                # a label cell merged over rows of figures (`_pdf_spans`)
                split_label(tops, grid, cell.row, last, cell.column, cell.chars, _plain)
        for index, by_column in enumerate(grid):
            starting = table.rows[index]
            texts = list(by_column.values())
            filled = [t for t in texts if t.strip()]
            if not filled and len(texts) < 2:
                continue  # (a row of empty cells is kept: table 4's figures all blank)
            rows += 1
            top = table.tops[index]
            if len(filled) == 1 and len(starting) == 1:
                # a row of one cell (a frame round a heading or a note): a
                # line; a label beside cells drawn empty is a row of blanks
                placed.append((top, None, filled[0]))
            else:
                placed.append(
                    (
                        top,
                        trusted_item(  # (its cells: a tuple of str)
                            " ".join(filled),
                            f"{where}表格第 {index + 1} 行",
                            tuple(texts),
                            is_table=True,
                        ),
                        None,
                    )
                )
    # table 4 drawn without rulings: its rows by the text's positions
    # (a label's glyphs beside a row of figures: on that row, `_pdf_baselines`)
    lines = on_figure_rows(_lines(outside)) if outside else []
    drawings = page.get("drawings") or ()
    appeals, used = unruled_appeals(lines, where, drawings) if lines else ([], set())
    if used:
        lines = [
            kept for line in lines if (kept := [c for c in line if id(c) not in used])
        ]
        rows += len(appeals)
        placed += [(top, item, None) for top, item in appeals]
    # a row of a table without rulings short of figures: its blanks by the
    # columns of the rows beside it (`_pdf_blanks`)
    width, height = page.get("size") or (0.0, 0.0)
    size = (float(width), float(height))
    short = by_columns(lines, drawings, carried, size)
    for at, (label, cells) in short.items():
        if not cells:
            continue  # (its figures are a row's beside it, `_pdf_blanks`)
        text = _line_text(lines[at], 0.0)
        if len(text) > limits.max_line_chars:
            raise limits.exceeded(
                "max_line_chars", f"{where}一行的长度（字符）", len(text)
            )
        rows += 1
        placed.append(
            (
                lines[at][0][2],
                trusted_item(
                    text,
                    where,
                    (*(split_cells(_line_text(label, 0.0)) if label else ()), *cells),
                ),
                None,
            )
        )
    for top, text in [
        (line[0][2], _line_text(line, 0.0))
        for at, line in enumerate(lines)
        if at not in short
    ]:
        if len(text) > limits.max_line_chars:
            raise limits.exceeded(
                "max_line_chars", f"{where}一行的长度（字符）", len(text)
            )
        placed.append((top, None, text))
    placed.sort(key=lambda p: p[0])
    return placed, findings, rows


def _plain(chars: list[Sequence[Any]]) -> str | None:
    """The text of a label's glyphs: its lines, joined by a space.

    (The cell the glyphs come from was looked at whole, marks and all.)
    """
    text = plain_run(chars, 3.0)
    return " ".join([t for _top, t in _text(chars, 3.0)]) if text is None else text


def _printable(char: str) -> str:
    """``char``, or its code (``\\x14``) when it prints nothing (a control)."""
    return char if char.isprintable() else f"\\x{ord(char):02x}"


def _overflowing(big: list[tuple[_Cell, Sequence[Any]]]) -> None:
    """An empty cell holding a figure too tall for it, alone, holds ``〓``.

    A row of fixed height (Word's "exactly") lets a figure set large run out
    over the rows beside it: not read as the cell's text (`_OVERSIZE`, a
    watermark is so too), but a person sees a figure there, so the cell is
    no blank. Only where the digits of one run (one line, each less than a
    glyph apart) lie within one cell's width and that cell holds nothing
    else: a watermark's digits run across cells, or over a cell's figure.
    """
    runs: list[list[tuple[_Cell, Sequence[Any]]]] = []
    open_runs: dict[int, list[tuple[_Cell, Sequence[Any]]]] = {}  # by rounded top
    for cell, char in sorted(big, key=lambda b: float(b[1][1])):
        row = round(char[2])
        for near in (row, row - 1, row + 1):
            run = open_runs.get(near)
            if run is None:
                continue
            last = run[-1][1]
            if abs(char[2] - last[2]) <= 1.0 and char[1] - last[3] < last[3] - last[1]:
                run.append((cell, char))
                break
        else:
            run = [(cell, char)]
            runs.append(run)
        open_runs[row] = run
    for run in runs:
        cell = run[0][0]
        if any(c is not cell for c, _char in run) or cell.chars:
            continue
        left = min(char[1] for _c, char in run)
        right = max(char[3] for _c, char in run)
        if cell.x0 - 1.0 <= left and right <= cell.x1 + 1.0:
            cell.chars.append(("〓", cell.x0, cell.top, cell.x1, cell.bottom))


def _turned_figures(turned: list[Sequence[Any]], tables: list[_Table]) -> None:
    """A cell holding a turned digit (not read, see `_hidden_findings`) holds ``〓``.

    The person sees a figure there, turned: the cell is neither blank nor
    read (the matcher says it is no figure), as a cell holding a picture.
    """
    marked: set[int] = set()
    for char in turned:
        if not str(char[0]).isdigit():
            continue  # a turned label (a group cell set vertically) is text
        cx, cy = (char[1] + char[3]) / 2, (char[2] + char[4]) / 2
        for table in tables:
            if not (table.x0 <= cx <= table.x1 and table.top <= cy <= table.bottom):
                continue
            cell, _share, _second = _find_cell(table, ("", *char[1:5]))
            if cell is not None and id(cell) not in marked:
                marked.add(id(cell))
                cell.chars.append(("〓", *char[1:5]))
            break


def _hidden_findings(
    page: dict[str, Any], tables: list[_Table], where: str
) -> list[Finding]:
    """A finding for each table cell that holds text a reader does not see."""
    hidden: dict[tuple[int, int], tuple[str, _Table, _Cell, list[str]]] = {}
    for char in page["hidden"]:
        for table in tables:
            cell, share, _second = _find_cell(table, char)
            if cell is not None and share > 0.5:
                key = (id(table), id(cell))
                entry = hidden.setdefault(key, (char[5], table, cell, []))
                entry[3].append(char[0])
                break
    findings = []
    for reason, table, cell, chars in hidden.values():
        if reason == "unmapped":
            findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    _where(where, table, cell),
                    f"单元格中的字所用的字体没有字符映射（ToUnicode），PDF 给出的字符码"
                    f"“{shortened(''.join(map(_printable, chars)), 40)}”不是所画的字，"
                    "读不出是哪些数字，"
                    "该格未读入，请核对原文 (glyphs without a Unicode mapping)",
                    severity=Severity.ERROR,
                )
            )
            continue
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                _where(where, table, cell),
                f"单元格中有读者看不见的{_REASONS.get(reason, '文字')}"
                f"“{shortened(''.join(chars), 40)}”，未读取；读取的是看得见的内容，请核对原文",
                severity=Severity.WARNING,
            )
        )
    turned = page["turned"]
    if turned:
        text = "".join(c[0] for c in turned)
        findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where,
                f"有 {len(turned)} 个旋转排版的字符未读取：“{shortened(text, 40)}”",
                severity=Severity.WARNING,
            )
        )
    return findings


_UNSHOWN = {
    "annotation": "批注（其外观由阅读器按属性画出，显示的内容无法读出）",
    "struck": "删除线批注（所划的文字是否作废无法判断）",
}
_MOST_UNSHOWN = 256
"""Annotations of unknown look on a page looked at one by one (cells each)."""


def _drawn_alone(
    drawings: list[list[float]],
    spans: list[tuple[float, float, float, float, _Table]],
    where: str,
) -> list[Finding]:
    """Cells holding a picture or shape and no text stand as ``〓``, with a finding.

    A figure pasted as a picture, or drawn as outlines (text turned into
    curves), shows a figure the page's text does not have: the cell is not
    blank, and not read. A picture or shape over more than one cell (a seal,
    a watermark) is none of them.
    """
    findings: list[Finding] = []
    for x0, top, x1, bottom in drawings:
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        for tx0, tx1, t0, t1, table in spans:
            if not (tx0 <= cx <= tx1 and t0 <= cy <= t1):
                continue
            cell, share, _second = _find_cell(table, ("", x0, top, x1, bottom))
            if cell is None or share < _INSIDE or any(c[0] != "〓" for c in cell.chars):
                break
            if not cell.chars:
                findings.append(
                    reading_finding(
                        FindingKind.UNREAD_LINE,
                        _where(where, table, cell),
                        "单元格中只有图片或图形、没有文字，它可能画出了数字，该格未读入，请核对原文",
                        severity=Severity.WARNING,
                    )
                )
            cell.chars.append(("〓", x0, top, x1, bottom))
            break
    return findings


def _unshown(page: dict[str, Any], tables: list[_Table], where: str) -> list[Finding]:
    """Cells under an annotation whose look is not known stand as ``〓``, with a finding.

    What such an annotation shows over a cell (a comment box with another
    figure, a box a viewer fills) is not in the page's text, so the cell's
    figure is not known: it is not read. One elsewhere on the page is a
    warning. More than `_MOST_UNSHOWN` on a page make every cell unknown.
    """
    places = page.get("unshown") or []
    findings: list[Finding] = []
    if len(places) > _MOST_UNSHOWN:
        places = [["annotation", -1e9, -1e9, 1e9, 1e9]]
        findings.append(
            reading_finding(
                FindingKind.AMBIGUOUS,
                where,
                f"页面上有 {len(page['unshown'])} 个批注，其显示的内容无法读出，"
                "本页表格未读入，请核对原文",
                severity=Severity.ERROR,
            )
        )
    for why, x0, top, x1, bottom in places:
        what = _UNSHOWN.get(why, _UNSHOWN["annotation"])
        hit = False
        for table in tables:
            for cell in table.cells:
                w = min(x1, cell.x1) - max(x0, cell.x0)
                h = min(bottom, cell.bottom) - max(top, cell.top)
                if w < 1 or h < 1:
                    continue  # beside the cell, or on its border only
                hit = True
                box = (max(x0, cell.x0), max(top, cell.top))
                cell.chars.append(
                    ("〓", *box, min(x1, cell.x1), min(bottom, cell.bottom))
                )
                if len(places) == 1 and len(findings) == 1:
                    continue  # (the page's one finding says it)
                findings.append(
                    reading_finding(
                        FindingKind.AMBIGUOUS,
                        _where(where, table, cell),
                        f"单元格上有{what}，读者看到的可能与这里的文字不同，"
                        "该格未读入，请核对原文",
                        severity=Severity.ERROR,
                    )
                )
        if not hit:
            findings.append(
                reading_finding(
                    FindingKind.UNREAD_LINE,
                    where,
                    f"页面上有{what}，不在表格中，其内容未读取，请核对原文",
                    severity=Severity.WARNING,
                )
            )
    return findings
