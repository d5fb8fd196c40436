"""The grid scanner: rows of cells in, row anchors with their figures out.

`GridRow` is one row of a grid. `_Matcher` walks the grid once, recognising
row labels (also wrapped over rows or split over cells), section headings and
structure labels, and collects the figures that follow each label as the
tokens of an `_Anchor`. Placing those tokens in cells is `_placing`'s job.

Over 500 lines: one pass of one state machine (the current row, the pending
label pieces, the header run, the table in context); its methods share that
state, and split apart they would hand all of it to each other.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

import attrs

from govinfo_report._findings import Finding, FindingKind, shortened
from govinfo_report._format import AmountUnit, FormatVersion, SectionId, TableId
from govinfo_report._labels import (
    label_key,
    near_labels,
    punctuation_only,
    split_extra,
    split_number,
    within_one,
)
from govinfo_report._readers._catalogue import (
    _SECTION_TABLES,
    _Catalogue,
    _RowRef,
    bare_key,
    is_label_piece,
)
from govinfo_report._readers._cells import (
    _EMPTY,
    _FIGURE,
    _FIGURES,
    _LABEL,
    COUNT_WORDS,
    _cell_kind,
    _kind_cache,
    cells_tuple,
    header_unit,
    reading_finding,
    strip_header_unit,
)
from govinfo_report._readers._header_labels import (
    CORNER,
    _Item,
    guess_header,
    header_owners,
    header_tables,
    tolerant_header,
)
from govinfo_report._readers._header_run import _HeaderRun
from govinfo_report._readers._headers import Header
from govinfo_report._readers._unit_note import unit_note
from govinfo_report._values import CellValue


@attrs.frozen
class GridRow:
    """One row of a grid: its cell texts and where it stands in the input.

    Attributes:
        cells: the texts of the row's cells, in reading order; ``""`` for an
            empty cell (kept: an empty cell after a row label is a blank figure).
        where: the place in the input, in Chinese (``第 12 行``, ``第 3 页``,
            ``第 2 个表格第 5 行``); reading findings quote it.
    """

    cells: tuple[str, ...] = attrs.field(converter=cells_tuple)
    where: str = ""


# ----------------------------------------------------------------- the matching


class _Token(NamedTuple):
    text: str
    where: str
    empty: bool = False


_new_token = tuple.__new__  # (_Token, (text, where, empty)): no defaults to fill


@attrs.define
class _Anchor:
    ref: _RowRef | None  # None: table 4's figure row (no label)
    table: TableId
    text: str
    score: float
    where: str
    tokens: list[_Token] = attrs.field(factory=list)
    figures: int = 0  # how many tokens are not empty
    header: Header | None = None  # the column header the row stands under
    unit: str | None = None  # the amount unit its label prints (``收费（元）``)
    # cells of a delimited row that held figures with spaces (``| 12 68 |``):
    # (first token, tokens, text) of each, for `_spaced` when the row has too many
    spaced: list[tuple[int, int, str]] | None = None
    # figures with no label stood on the line just above its label (a cell's
    # first lines above a vertically centred label, `pdftotext -layout`): its
    # figures may be split across both lines
    doubtful: str = ""

    @property
    def has_values(self) -> bool:
        return self.figures > 0


@attrs.define
class GridMatch:
    """What `match_grid` found.

    Attributes:
        values: cell id → published value, for every figure read (ids of the
            chosen layouts); cells not read are absent.
        findings: the reading findings, in input order.
        format_version: the format the labels show (2019 or 2021).
        requests_layout: the layout of table 3 (2019 for a hybrid).
        tables: the tables of which at least one row was found.
        last: the cell ids of the last row found and where it stood, for
            reporting where a cut-off input ended; None when no row was found.
        last_where: the place of the last row in the input.
        last_label: the official label of the last row found.
        version_stated: the labels show the format; False when it was taken
            from the caller's ``format_version`` or the year.
        units: the units printed for amounts the format gives no unit.
    """

    values: dict[str, CellValue]
    findings: list[Finding]
    format_version: FormatVersion
    requests_layout: FormatVersion
    tables: frozenset[TableId]
    last: tuple[TableId, str] | None
    last_where: str
    last_label: str
    version_stated: bool = True
    units: dict[str, AmountUnit] = attrs.field(factory=dict)
    """cell id → the unit printed for an amount of published unit (2019 采购总金额)."""


class CellRow(Protocol):
    """Anything with `GridRow`'s two attributes (the section splitter's items too)."""

    @property
    def cells(self) -> tuple[str, ...]:
        """The texts of the row's cells."""

    @property
    def where(self) -> str:
        """The place of the row in the input."""


def _figures_only(cells: tuple[str, ...]) -> list[str]:
    """The figures of a row that holds nothing else (no label), else [].

    A few characters beside them (``三``, ``、``, ``（五）不``: a piece of a
    group label printed down or wrapped in its cell) are no label of theirs.
    """
    figures: list[str] = []
    for cell in cells:
        kind, text = _cell_kind(cell)
        if kind is _FIGURE:
            figures.append(text)
        elif kind is _FIGURES:
            figures.extend(text.split())
        elif kind is not _EMPTY and (len(text) > _FRAGMENT or not is_label_piece(text)):
            # (a short label of no format row's, ``合计``, ``小计``, is that
            # row's own: its figures are its own, not some row's cut off)
            return []
    return figures


def _figures(cells: tuple[str, ...]) -> list[str]:
    """The figures of a row's cells, whatever else it holds."""
    figures: list[str] = []
    for cell in cells:
        kind, text = _cell_kind(cell)
        if kind is _FIGURE:
            figures.append(text)
        elif kind is _FIGURES:
            figures.extend(text.split())
    return figures


_FRAGMENT = 4
"""Characters at most of a piece of a label printed down or wrapped in its cell
(``三``, ``（五）不``, ``予处理``)."""


_MOST_ORPHANS = 64
"""Unlabelled figures of one row kept for a message (what is dropped is reported)."""


class _Matcher:
    def __init__(self, cat: _Catalogue) -> None:
        self.cat = cat
        self.anchors: list[_Anchor] = []
        self.current: _Anchor | None = None
        self.context: TableId | None = None
        self.pending: list[tuple[str, str]] = []
        self.findings: list[Finding] = []
        self.votes: list[FormatVersion] = []
        self.row = 0  # grid rows fed so far (header cells of one row are siblings)
        self.pending_row = (0, 0)  # (row, how many of `pending` came in it)
        self.run: _HeaderRun | None = None  # header cells being collected
        # table 4's figure row started by a row of empty cells (`feed`)
        self.blank_row: _Anchor | None = None
        # the grid row of the last figures dropped for want of a label, and them
        self.orphans: tuple[int, list[str]] = (0, [])
        # the grid row that last gave a row figures, and that row
        self.fed: tuple[int, _Anchor | None] = (0, None)
        self.one_line: _Anchor | None = None  # a row whose figures came on one line
        # figures of no row dropped below that row since (`_cut_below`)
        self.cut_count: tuple[_Anchor | None, int] = (None, 0)
        self.headers: dict[TableId, Header] = {}  # the last header of each table
        # pieces of header labels (``现行有效`` of a wrapped ``现行有效件数``)
        # seen before a header run starts: (text, grid row), at most a few
        self.fragments: list[tuple[str, int, int]] = []
        self.repeated = False  # some row's label came twice in a row
        self.section_table: TableId | None = None  # the table of the last heading
        self.note_unit: str | None = None  # the amount unit a unit note gave
        # the last figures of no row: the grid row of the last, them, how
        # many findings there were after theirs, where the first stood
        self.unlabelled: tuple[int, list[str], int, str] | None = None

    # --------------------------------------------------------------- per row
    def feed(self, cells: tuple[str, ...], where: str) -> None:
        self.row += 1
        if self.blank_row is not None and self._after_blank_row(cells):
            return
        before = self.current
        if len(cells) == 1 and before is not None and not self.pending:
            cell = cells[0]
            one, text = _kind_cache.get(cell) or _cell_kind(cell)  # (hit: no call)
            if one is _FIGURE:
                # the common row of the one-cell-per-line form: a figure of
                # the current row; what the general path below does for it
                had = before.figures
                before.tokens.append(_new_token(_Token, (text, where, False)))
                before.figures = had + 1
                one_line = self.one_line
                self.fed = (self.row, before)
                self.one_line = None if had else before
                if (
                    had > 1
                    and before is one_line
                    and len(run := cells[0].strip()) >= had
                    and run.isascii()
                    and run.isdigit()
                ):
                    self.orphans = (self.row, [run])  # (as below)
                return
        had = before.figures if before is not None else 0
        kind = self._feed(cells, where)
        current = self.current
        one_line = self.one_line
        if current is not None and current.figures > (had if current is before else 0):
            self.fed = (self.row, current)
            self.one_line = current if current is not before or not had else None
        elif current is None and self.fed[1] is not None:
            self._cut_below(cells, self.fed[1], self.fed[0] == self.row - 1)
        if (self.current is None or (had and self.current is before)) and (
            kind is None or kind is _FIGURES
        ):  # (one cell holds several figures only as _FIGURES: the common rows pass)
            figures = _figures_only(cells)
            if len(figures) > 1:
                # a line of figures of no row (dropped), or a second line of
                # them for a row whose figures came on a line before: a cell's
                # lines split around the labels (`pdftotext -layout` of a
                # table whose figures wrap); the next label's are doubtful
                self.orphans = (self.row, figures[:_MOST_ORPHANS])
        if (
            had > 1
            and before is not None
            and before is one_line
            and self.current is before
            and len(cells) == 1
            and len(run := cells[0].strip()) >= had
            and run.isascii()
            and run.isdigit()
        ):
            # one run of digits, a row's worth, under a row whose figures all
            # came on one line before: the next row's figures printed above
            # its label, run together in cells too narrow for a space
            self.orphans = (self.row, [run])

    def _cut_below(
        self, cells: tuple[str, ...], above: _Anchor, next_row: bool
    ) -> None:
        """Figures of no row (``cells``, just dropped) below the last row that
        had figures (``above``; ``next_row``: on the grid row after it): when
        as many as that row has, they may be the rest of its figures, cut by
        a wrapped cell or a page break (`pdftotext`): that row is doubtful.

        A line of figures alone counts however far below (the page's footer
        and the repeated header between); one beside a label piece only right
        below a row whose label was printed short of its own (``5.要求…已``
        over ``获取信息  67 …``).
        """
        if not self.anchors or self.anchors[-1] is not above:
            return  # a row started since: the figures are not its
        if (
            self.cut_count[0] is above
            and len(cells) == 1
            and _cell_kind(cells[0])[0] is _LABEL
        ):
            return  # (no figure dropped, the count already kept: nothing changes)
        alone = _figures_only(cells)
        dropped = alone or (_figures(cells) if next_row and above.score < 1 else [])
        # (counted over the lines since: one figure a line, as plain
        # `pdftotext` gives the cells of a row cut by a page break)
        seen = self.cut_count[1] if self.cut_count[0] is above else 0
        self.cut_count = (above, seen + len(dropped))
        if seen + len(dropped) > 1 and seen < len(above.tokens) <= seen + len(dropped):
            above.doubtful = " ".join(dropped[:_MOST_ORPHANS])
        elif (
            next_row
            and 0 < len(dropped) < len(above.tokens)
            and (
                len(dropped) > 1
                or len(cells) > 1
                or _cell_kind(cells[0])[0] is not _FIGURE
            )
        ):
            # fewer, right below: the rest of cells too narrow for their
            # figures (``18 4 1 0 1 0 2`` over ``、开  4``: 24 in a narrow
            # column); one figure alone on its line may be a page number
            above.doubtful = " ".join(dropped[:_MOST_ORPHANS])

    def _feed(self, cells: tuple[str, ...], where: str) -> str | None:
        """Read one grid row; the kind of its cell when it has one (else None)."""
        if (
            len(cells) > 1
            and self.context is TableId.APPEALS
            and self.current is None
            and (self.run is not None or TableId.APPEALS in self.headers)
            and not any(c.strip() for c in cells)
        ):
            # Table 4's figure row with every cell blank (an agency with no
            # review or suit leaves them empty): its blanks are its figures
            anchor = self.current = self.blank_row = self._figure_row(where)
            anchor.tokens.extend([_Token("", where, True)] * len(cells))
            return None
        if len(cells) == 1:  # the common one-cell row: a label or a figure
            kind, text = _cell_kind(cells[0])
            if kind is _FIGURE:
                current = self.current
                if current is None or self.pending:
                    self._value(text, where)
                else:  # `_value`'s common case: a figure of the current row
                    current.tokens.append(_new_token(_Token, (text, where, False)))
                    current.figures += 1
            elif kind is _LABEL:
                self._label(text, where)
            elif kind is _FIGURES:
                for part in text.split():
                    self._value(part, where)
            return kind
        kinds = [_cell_kind(c) for c in cells]
        has_value = any(kind is _FIGURE for kind, _ in kinds)
        anchor_row = False  # the current anchor was started in this row
        held = 0  # empty cells since the last non-empty one
        unknown = False  # a label of this row was not recognised
        for kind, text in kinds:
            if kind is _EMPTY:
                held += 1
            elif kind is _LABEL:
                # Empty cells before a label (merged group cells to its left)
                # are nobody's figures.
                held = 0
                if (
                    anchor_row
                    and has_value
                    and len(text) <= _ODD_FIGURE
                    and self._odd(text)
                ):
                    # ``无``, ``空``, ``？``, ``X`` after the row's label, among
                    # its figures: a figure not read, in its place (the row's
                    # others keep theirs)
                    self._value(text, where)
                    continue
                if self._label(text, where):
                    anchor_row = True
                elif self.pending and self.pending[-1][0] is text:
                    unknown = True
            elif kind is _FIGURE or kind is _FIGURES:
                if unknown and self.context is not TableId.APPEALS:
                    # Figures after an unknown label in the same row are that
                    # label's: they must not be added to the previous row.
                    self.close_pending()
                    self.current = None
                unknown = False
                if held:
                    self._empties(held, where, anchor_row or has_value)
                    held = 0
                if kind is _FIGURES:
                    self._spaced_cell(text, where)
                else:
                    self._value(text, where)
        if held:
            self._empties(held, where, anchor_row or has_value)
        return None

    def _odd(self, text: str) -> bool:
        """A short cell that is no label, header or heading of the format."""
        if text in COUNT_WORDS or text in _AMOUNT_WORDS:
            return False  # a unit printed apart from its figure (``1268　件``)
        key = label_key(text)
        cat = self.cat
        return (
            cat.rows.exact_key(key) is None
            and cat.structure.exact_key(key) is None
            and cat.sections.exact_key(key) is None
        )

    def _spaced_cell(self, text: str, where: str) -> None:
        """The figures of one cell of a row of cells (``12 68``), each a token;
        the anchor keeps where they stand, for when the row has too many."""
        parts = text.split()
        self._value(parts[0], where)
        anchor = self.current
        start = len(anchor.tokens) - 1 if anchor is not None else -1
        for part in parts[1:]:
            self._value(part, where)
        if anchor is not None and anchor is self.current and start >= 0:
            if anchor.spaced is None:
                anchor.spaced = []
            anchor.spaced.append((start, len(parts), text))

    def _after_blank_row(self, cells: tuple[str, ...]) -> bool:
        """A row after table 4's all-blank figure row: True when it is done with.

        Another empty row is passed over; a row with figures is the figure
        row, the empty one above it a spacer (dropped); anything else ends
        the blank row, which stands.
        """
        blank = self.blank_row
        if blank is None or self.current is not blank:
            self.blank_row = None
            return False
        if not any(c.strip() for c in cells):
            return True
        if any(_cell_kind(c)[0] in (_FIGURE, _FIGURES) for c in cells):
            self.anchors.remove(blank)
            self.current = None
        self.blank_row = None
        return False

    def _empties(self, count: int, where: str, figures_row: bool) -> None:
        """Blank cells of the current row (kept: a blank is a published value).

        Table 4's figure row has no label: a blank before its first figure
        starts that row just as a figure does, so it is not dropped.
        """
        if not figures_row:
            return
        if self.current is None and self.context is TableId.APPEALS:
            self.current = self._figure_row(where)
        if self.current is not None:
            self.current.tokens.extend([_Token("", where, True)] * count)

    def _value(self, text: str, where: str) -> None:
        if self.pending:
            current = self.current
            if (
                current is not None
                and current.ref is not None
                and current.figures >= self.cat.widths[current.ref]
                and not all(is_label_piece(t) for t, _ in self.pending)
            ):
                # a label of no row of the format (``合计``) after a row
                # that has all its figures: what follows is not that row's,
                # nor figures cut off from it (`_cut_below`)
                self.current = None
                self.fed = (self.row, None)
            self.close_pending()
        current = self.current
        if current is None and self.context is TableId.APPEALS:
            current = self.current = self._figure_row(where)
        if current is None:
            self._unlabelled(text, where)
            return
        current.tokens.append(_new_token(_Token, (text, where, False)))
        current.figures += 1

    def _unlabelled(self, text: str, where: str) -> None:
        """A figure of no row, dropped: one finding for the figures of no row
        in one grid row or in lines one after another (a row of seven figures
        whose label was not read is one line of the report, not seven)."""
        kept = self.unlabelled
        if (
            kept is not None
            and kept[0] >= self.row - 1
            and kept[2] == len(self.findings)
        ):
            figures, where = kept[1], kept[3]
            if len(figures) < _MOST_ORPHANS:  # (the message shows fewer)
                figures.append(shortened(text, 40))
            self.findings.pop()
        else:
            figures = [shortened(text, 40)]
        self.findings.append(
            reading_finding(
                FindingKind.UNREAD_LINE,
                where,
                f"数字“{shortened(' '.join(figures), 80)}”前没有可识别的行标签，未读入",
            )
        )
        self.unlabelled = (self.row, figures, len(self.findings), where)

    def _figure_row(self, where: str) -> _Anchor:
        """Table 4's figure row (no label), under the header read before it."""
        self._finish_header()
        anchor = _Anchor(
            None,
            TableId.APPEALS,
            "",
            1.0,
            where,
            header=self.headers.get(TableId.APPEALS),
        )
        self.anchors.append(anchor)
        return anchor

    def _start(self, ref: _RowRef, text: str, score: float, where: str) -> None:
        self._finish_header()
        self.fragments.clear()
        current = self.current
        if current is not None and current.ref is ref and not current.has_values:
            return  # the same label again (a cell spanning columns)
        if self.anchors and self.anchors[-1].ref is ref:
            self.repeated = True  # a row in two halves? (`_halves`)
        header = self.headers.get(ref.table)
        self.current = _Anchor(ref, ref.table, text, score, where, header=header)
        if self.note_unit is not None and (header is None or not any(header.units)):
            self.current.unit = self.note_unit  # a unit note above (`_unit_note`)
        row, orphans = self.orphans
        if orphans and row >= self.row - 1:
            self.current.doubtful = " ".join(orphans)
        self.anchors.append(self.current)
        self.context = ref.table

    # ------------------------------------------------------------ headers
    def _header_cell(
        self, text: str, where: str, *, exact: bool, label: str | None = None
    ) -> bool:
        """A header label (column, group, corner): add it to the header run.

        ``label``: the exact header label ``text`` prints with a unit note.
        False when ``text`` heads no table in this context (the run ends).
        """
        owners: list[tuple[TableId, _Item | None]]
        if exact:
            owners = list(header_owners(label if label is not None else text))
        else:
            owners = []
            for table, labels in header_tables().items():
                if labels.match(text, prefix=False) is not None:
                    owners.append((table, None))
        chosen = [o for o in owners if o[0] is self.context] or (
            owners if len(owners) == 1 else []
        )
        run = self.run
        if not chosen and run is not None and self.row in run.rows:
            chosen = [(run.table, None)]  # a cell of a header row, not a header
        if not chosen:
            self._finish_header()
            return False
        table, item = chosen[0]
        if item is None:
            item = self._header_guess(table, text, where)
        run = self.run
        if item is not None and item.kind == "corner" and run is not None and run.cells:
            self._finish_header()  # a corner cell starts the next block's header
            run = None
        if run is None or run.table is not table:
            self._finish_header()
            run = self.run = _HeaderRun(table, where)
            run.fragments.extend(f for f in self.fragments if f[1] >= self.row - 2)
            self.fragments.clear()
            # Unknown cells of this row before the first header cell are
            # header cells too (not labels of some row).
            row, count = self.pending_row
            stolen = min(count, len(self.pending)) if row == self.row else 0
        elif self.row not in run.rows and self.pending:
            # One unknown cell before the first header cell of a later header
            # row (``合计  自然人  法人或其他组织`` under ``申请人情况``), or,
            # one cell a row, between two header cells (``合计 |``): a header
            # cell too, whose column is then unknown (not the format's order).
            row, count = self.pending_row
            last = max(run.rows, default=-2)
            between = row == self.row - 1 == last + 1 and run.row_cells <= 1
            stolen = 1 if count == 1 and (row == self.row or between) else 0
        else:
            row, stolen = self.row, 0
        if stolen:
            for before, at in self.pending[-stolen:]:
                run.add(self._header_guess(table, before, at), before, at, row)
            del self.pending[-stolen:]
        run.add(item, text, where, self.row)
        return True

    def _added_head(self, table: TableId) -> None:
        """A short unknown cell alone between a header's last cell and the
        table's first row (a dump's ``本年处理决定数量上年行政许可12681100``, a
        column the format lacks): a head of the header, its column unknown.
        Dropped as an unknown label, it left the header one column short, and
        the row's run of digits was read as the row's one figure."""
        run = self.run
        row, count = self.pending_row
        text, at = self.pending[-1]
        if (
            run is not None
            and run.table is table
            and count == 1
            and row == self.row - 1 == max(run.rows) + 1
            and len(text) <= 8
            and not any(char.isdigit() for char in text)
        ):
            self.pending.pop()
            run.add(self._header_guess(table, text, at), text, at, row)

    def _header_guess(self, table: TableId, text: str, where: str) -> _Item | None:
        item, findings = tolerant_header(table, text, where)
        self.findings.extend(findings)
        return item

    def _finish_header(self) -> None:
        run = self.run
        if run is None:
            return
        self.run = None
        header, findings = run.header()
        self.findings.extend(findings)
        self.headers[run.table] = header  # empty: the rows after it in printed order

    def _label(self, text: str, where: str) -> bool:
        cat = self.cat
        key = label_key(text)
        vote = cat.votes.get(key)
        if vote is not None:
            self.votes.append(vote)
        found = cat.rows.exact_key(key)
        if found is not None:
            if self.run is not None and self.pending:
                self._added_head(found.value.table)
            self.close_pending()
            self._start(found.value, text, 1.0, where)
            return True
        section = cat.sections.exact_key(key)
        if section is not None:
            self.close_pending()
            self._section(section.value)
            return False
        caption = cat.captions.get(key)
        if caption is not None:
            # a table's name over it (as web pages print a <caption>)
            self.close_pending()
            self._structure(frozenset({caption}))
            return False
        structure = cat.structure.exact_key(key)
        if structure is None and "元" in text and header_unit(text) is not None:
            # a header and its unit (``采购总金额（单位：元）``), kept whole
            bare = strip_header_unit(text).strip()
            structure = cat.structure.exact(bare) if bare else None
            if structure is not None:
                self._header_cell(text, where, exact=True, label=bare)
                self.close_pending()
                self._structure(structure.value)
                return False
            item = guess_header(self.context, text) if self.context else None
            if item is not None and item.kind != CORNER:
                # ``本年收费金额（元）`` alone on its line: the format prints the
                # head with another unit; the unit printed is the column's
                self._header_cell(text, where, exact=True, label=item.label)
                self.close_pending()
                return False
        if structure is not None:
            self._header_cell(text, where, exact=True)
            self.close_pending()
            self._structure(structure.value)
            return False
        current = self.current
        if current is not None and current.ref is not None and not current.has_values:
            joined = cat.rows.match(current.text + text)
            if (
                joined is not None
                and joined.value is current.ref
                and (joined.score >= current.score)
            ):
                current.text += text
                current.score = joined.score
                return False
        if self.pending:
            joined_text = "".join(p for p, _ in self.pending) + text
            joined = cat.rows.match(joined_text)
            if joined is not None:
                first_where = self.pending[0][1]
                self.pending.clear()
                self._start(joined.value, joined_text, joined.score, first_where)
                return True
        head, space, rest = text.partition(" ")
        if (
            space
            and len(text) <= 80
            and cat.rows.exact(rest.strip()) is not None
            and self._header_fragment(label_key(head))
        ):
            # a piece of a group cell (``（三）不予`` of ``（三）不予公开``) on
            # the line of a row label: a table without rulings, read as lines
            return self._label(rest.strip(), where)
        if (
            space
            and len(text) <= 80
            and cat.rows.exact(head) is not None
            and cat.rows.exact(rest.strip()) is not None
        ):
            # two cells of labels with one space between (``（六）其他处理 3.其他``,
            # text copied from a PDF): each is read as its own cell
            self._label(head, where)
            return self._label(rest.strip(), where)
        head, colon, tail = text.replace(":", "：").partition("：")
        if (
            colon
            and len(text) <= 80
            and (figures := _cell_kind(tail))[0] in (_FIGURE, _FIGURES)
            and cat.rows.exact(head) is not None
        ):
            # a label and its figures in one cell, a colon between
            # (``行政许可：1268``, a table typed as lines of text)
            started = self._label(head, where)
            if started and figures[0] is _FIGURES:
                self._spaced_cell(figures[1], where)
            elif started:
                self._value(figures[1], where)
            return started
        extra = split_extra(text) if len(text) <= 80 else None
        if extra is not None:
            base, tail = extra
            hit = cat.rows.exact(base) or cat.structure.exact(base)
            unit = header_unit(tail) if "元" in tail else None
            if hit is not None and unit is not None and cat.rows.exact(base):
                # the unit of the row's amounts (``行政事业性收费（元）``), as
                # a header's: its figures are in that unit
                started = self._label(base, where)
                if self.current is not None:
                    self.current.unit = unit
                return started
            if hit is not None:
                self.findings.append(
                    reading_finding(
                        FindingKind.LABEL_VARIANT,
                        where,
                        f"标签“{shortened(text, 40)}”多出“{tail.strip()}”，按“{hit.label}”读入；"
                        "多出的字符不是任何一列的数字，未读入",
                    )
                )
                return self._label(base, where)
        numbered = split_number(text) if len(text) <= 80 else None
        if numbered is not None:
            number, rest = numbered
            hit = cat.rows.exact(rest)
            if (
                hit is not None
                and not hit.label[:1].isdigit()
                and hit.label[:1] != "（"
            ):
                # a list number shown before a label that has none (Word's
                # automatic numbering saved as text): the row it names
                self.findings.append(
                    reading_finding(
                        FindingKind.LABEL_VARIANT,
                        where,
                        f"标签“{shortened(text, 40)}”前有编号“{number}”，按“{hit.label}”读入",
                    )
                )
                return self._label(rest, where)
        unnumbered = cat.bare.get(bare_key(key)) if len(key) <= 80 else None
        if unnumbered is not None and unnumbered[0].table is self.context:
            # a numbered label printed without its number or with another
            # (``予以公开``, ``〔一〕予以公开``): the one row it names
            ref, format_label = unnumbered
            self.findings.append(
                reading_finding(
                    FindingKind.LABEL_VARIANT,
                    where,
                    f"标签“{shortened(text, 40)}”与格式的“{format_label}”编号不同，"
                    f"按“{format_label}”读入 (read as the format's numbered label)",
                )
            )
            self.close_pending()
            self._start(ref, text, 1.0, where)
            return True
        if self._header_fragment(key):
            # A piece of a header label, kept only to see the order the
            # pieces of one line print (`_HeaderRun.header`).
            run = self.run
            if run is not None and run.table is self.context:
                kept, seq = run.fragments, run.cells  # after the cells read so far
            else:
                kept, seq = self.fragments, 0  # before the run's first cell
            if len(kept) < 64:  # more pieces than any header has: bounded
                kept.append((text, self.row, seq))
            return False
        found = cat.rows.match(text)
        if (
            found is not None
            and found.how == "similar"
            and within_one(key, label_key(found.label))
            and not punctuation_only(text, found.label)
            and not self._one_off_row(text, found.label, where)
        ):
            self.close_pending()
            self.current = None
            return False
        if found is not None:
            self.close_pending()
            self._start(found.value, text, found.score, where)
            return True
        structure = cat.structure.match(text, prefix=False)
        if structure is not None:
            self._header_cell(text, where, exact=False)
            self.close_pending()
            self._structure(structure.value)
            return False
        if len(key) >= 2 and key[0] in "一二三四五六" and key[1] == "、":
            section = cat.sections.match(text, prefix=False)
            if section is not None:
                self.close_pending()
                self._section(section.value)
                return False
        run = self.run
        if run is not None and self.row in run.rows and run.table is self.context:
            # A cell of a header row that is no header of the format.
            run.add(self._header_guess(run.table, text, where), text, where, self.row)
            return False
        if "单位" in text:
            note, unit = unit_note(text)
            if note:  # ``（单位：元）`` over a table: no label (`_unit_note`)
                self.close_pending()
                self.note_unit = unit
                return False
        self.pending.append((text, where))
        row, count = self.pending_row
        self.pending_row = (self.row, count + 1 if row == self.row else 1)
        if len(self.pending) > 3:
            self._drop_pending(1)
        return False

    def _near_rows(self, text: str) -> list[str]:
        """The row labels one character off ``text`` (one per row)."""
        near = {
            id(found.value): found.label
            for other in near_labels(text, self.cat.rows.labels)
            if (found := self.cat.rows.exact(other)) is not None
        }
        return list(near.values())

    def _one_off_row(self, text: str, label: str, where: str) -> bool:
        """A row label one character off ``label``: True (with a finding) when no
        other label is as near; False (ambiguous, a finding) when one is."""
        near = self._near_rows(text)
        if len(near) > 1:
            self.findings.append(
                reading_finding(
                    FindingKind.AMBIGUOUS,
                    where,
                    f"行标签“{shortened(text, 40)}”与多个标签（{'、'.join(near)}）"
                    "只差一个字，无法确定是哪一行，其数字未读入",
                )
            )
            return False
        self.findings.append(
            reading_finding(
                FindingKind.LABEL_VARIANT,
                where,
                f"行标签“{shortened(text, 40)}”与“{label}”差一个字，按“{label}”读入",
            )
        )
        return True

    def _header_fragment(self, key: str) -> bool:
        if len(key) > 24:
            return False
        tables = (self.context,) if self.context is not None else tuple(TableId)
        return any(key in self.cat.header_blob[t] for t in tables)

    def _section(self, section: SectionId) -> None:
        self._finish_header()
        self.fragments.clear()
        self.current = None
        self.context = self.section_table = _SECTION_TABLES.get(section)
        self.note_unit = None

    def _structure(self, tables: frozenset[TableId]) -> None:
        current = self.current
        if current is None or current.has_values or current.table not in tables:
            self.current = None
        if self.context not in tables and len(tables) == 1:
            table = next(iter(tables))
            if self.context is None or not self._behind(table):
                self.context = table

    def _behind(self, table: TableId) -> bool:
        """``table`` comes before the section whose heading was read last.

        A header word of an earlier table (``其他`` of table 3, a piece of
        table 4's ``其他结果`` wrapped in a narrow column) does not take the
        reading back out of section 四: the sections come in order.
        """
        section = self.section_table
        return section is not None and _TABLE_ORDER.index(table) < _TABLE_ORDER.index(
            section
        )

    def _drop_pending(self, count: int) -> None:
        for text, where in self.pending[:count]:
            short = shortened(text, 40)
            near = self._near_rows(text) if len(text) <= 40 else []
            if len(near) > 1:
                self.findings.append(
                    reading_finding(
                        FindingKind.AMBIGUOUS,
                        where,
                        f"行标签“{short}”与多个标签（{'、'.join(near)}）只差一个字，"
                        "无法确定是哪一行，未读入",
                    )
                )
                continue
            self.findings.append(
                reading_finding(
                    FindingKind.UNKNOWN_LABEL
                    if len(text) <= 40
                    else FindingKind.UNREAD_LINE,
                    where,
                    f"“{short}”不是报告格式中的标签，未读入",
                )
            )
        del self.pending[:count]

    def close_pending(self) -> None:
        if self.pending:
            self._drop_pending(len(self.pending))


_TABLE_ORDER = (TableId.ACTIVE, TableId.REQUESTS, TableId.APPEALS)
_AMOUNT_WORDS = frozenset(["元", "万元", "亿元", "万"])
_ODD_FIGURE = 3
"""Characters at most of an unknown cell after a row's label in the same row
that stands for a figure (``空``, ``零``, ``？``, ``N/A``): no label is as short."""


# ---------------------------------------------------------------- resolution
