"""Cell texts: what one cell of a grid holds, and the reading finding.

`parse_value` reads a published figure (``1,268``, ``—`` for not applicable,
blank); `is_value_text` and `_cell_kind` tell a figure from a label, a page
marker or an empty cell. `reading_finding` is the one way a reader reports
what it could not read, with the place in the input.

Over 500 lines: a cell's kind, value and unit are read together by every
reader (the unit printed in a cell decides its value and its kind), on the
same tables of digits, marks and units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import attrs

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._format import EXACT, AmountUnit, CellKind, CellSpec
from govinfo_report._readers import _runs
from govinfo_report._readers._chinese_numerals import (
    NUMERAL_CHARS,
    arabic,
    looks_numeral,
)
from govinfo_report._readers._dump_page_numbers import PAGE_DOUBT, doubt_message
from govinfo_report._readers._misread import (
    is_figure_cell,
    misread_figure,
    misread_letters,
)
from govinfo_report._readers._unit_wrapped import unwrapped
from govinfo_report._values import CellValue, Mark, format_value
from govinfo_report._xmltext import UNSAFE_CLASS

READER_RULE = "READ"
"""The ``rule`` of every reading finding."""

_KIND_SEVERITY = {
    FindingKind.UNREAD_LINE: Severity.WARNING,
    FindingKind.UNKNOWN_LABEL: Severity.WARNING,
    FindingKind.MISSING_ROW: Severity.ERROR,
    FindingKind.MISSING_CELL: Severity.ERROR,
    FindingKind.EXTRA_CELL: Severity.ERROR,
    FindingKind.AMBIGUOUS: Severity.ERROR,
    FindingKind.AMBIGUOUS_CELLS: Severity.ERROR,
    FindingKind.METADATA_MISMATCH: Severity.WARNING,
    FindingKind.CONVERTED_UNIT: Severity.WARNING,
    FindingKind.LABEL_VARIANT: Severity.WARNING,
    FindingKind.TRUNCATED: Severity.ERROR,
    FindingKind.MISSING_SECTION: Severity.ERROR,
    FindingKind.MISSING_METADATA: Severity.WARNING,
    FindingKind.REMOVED_CHARACTERS: Severity.WARNING,
}


def reading_finding(
    kind: FindingKind,
    where: str,
    message: str,
    *,
    cells: Iterable[str] = (),
    severity: Severity | None = None,
) -> Finding:
    """A reading finding: ``message`` is prefixed with the place in the input."""
    return Finding(
        rule=READER_RULE,
        kind=kind,
        severity=severity or _KIND_SEVERITY[kind],
        cells=tuple(cells),
        message=f"{where}：{message}" if where else message,
        where=where,
    )


def cells_tuple(cells: Iterable[str | None]) -> tuple[str, ...]:
    """Cell texts as a tuple, ``None`` (a merged cell's shadow) as ``""``."""
    if type(cells) is tuple and None not in cells:
        return cells
    return tuple("" if c is None else c for c in cells)


_PAGE_MARKER = re.compile(
    r"^(?:[-－—–]+\s*\d{1,4}\s*[-－—–]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[/／,，、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[/／,，、]?\s*第\s*\d{1,4}\s*页)$"
)
_NOT_APPLICABLE = frozenset({"/", "／", "\\", "-", "－", "—", "——", "–", "一一", "×"})
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$", re.ASCII)
_VALUE_TOKEN = re.compile(r"^(?:[+-]?\d[\d,，]*(?:\.\d+)?|[/／\\\-－—–]+)$")
_UNITS = "件次|件|个|条|项|次|笔|家|宗|份|人次|万元|亿元|元|万"
_UNIT = re.compile(f"(?:{_UNITS})$")
_UNIT_SPLIT = re.compile(f"^(.*?)({_UNITS})$")
_UNIT_ENDS = frozenset("件个条项次笔家宗份元万")
COUNT_WORDS = frozenset(["人次", "件次", *"件个条项次笔家宗份"])
"""Count words printed after a count (``23件``): the count is the figure."""
_COLUMN_UNIT = re.compile(r"[（(](?:单位[：:]\s*)?(万元|亿元|元)[)）]")


def is_page_marker(text: str) -> bool:
    """True for page numbers printed between rows (``- 4 -``, ``— 2 —``, ``第4页``).

    >>> [is_page_marker(t) for t in ("- 4 -", "-4-", "— 12 —", "第 3 页", "4", "-")]
    [True, True, True, True, False, False]
    """
    return bool(_PAGE_MARKER.match(text.strip()))


def is_value_text(text: str) -> bool:
    """True when a cell text is a figure or a not-applicable mark."""
    if len(text) > _CACHED_CHARS:
        return _is_value_text(text)
    return _is_value_text_cached(text)


_CACHED_CHARS = 64
"""Texts longer than this are not kept in the caches (hostile input is long)."""


FOOTNOTE_MARKS = frozenset("¹²³⁰⁴⁵⁶⁷⁸⁹⁽⁾*※†‡①②③④⑤⑥⑦⑧⑨⑩")
"""Marks printed after a figure for a footnote (``1268¹``, ``1268*``, ``1268①``)."""
_MARK_AFTER = (
    r"^(.*[\d件个条项次笔家宗份元"
    + "".join(sorted(NUMERAL_CHARS))  # ``一千二百六十八*`` (`_chinese_numerals`)
    + r"])\s*"
)
_MARKED = re.compile(
    _MARK_AFTER + "([" + "".join(sorted(FOOTNOTE_MARKS)).replace("*", r"\*") + "]+)$"
)
_MARKDOWN_NOTE = re.compile(_MARK_AFTER + r"(\[\^[^\[\]\s]{1,20}\])$")
"""``1268[^1]``: a Markdown footnote reference after a figure (converters
write a PDF's footnote mark so; a viewer shows it as a superscript ``1``)."""


def split_footnote_mark(text: str) -> tuple[str, str]:
    """A figure's text and the footnote mark printed after it (``""``: none).

    >>> split_footnote_mark("1268¹"), split_footnote_mark("12.5万元*")
    (('1268', '¹'), ('12.5万元', '*'))
    >>> split_footnote_mark("1268"), split_footnote_mark("*")
    (('1268', ''), ('*', ''))
    >>> split_footnote_mark("1268[^1]"), split_footnote_mark("[^1]")
    (('1268', '[^1]'), ('[^1]', ''))
    """
    if not text:
        return text, ""
    if text[-1] == "]":
        found = _MARKDOWN_NOTE.match(text)
    elif text[-1] in FOOTNOTE_MARKS:
        found = _MARKED.match(text)
    else:
        return text, ""
    if found is None:
        return text, ""
    return found.group(1), found.group(2)


def _is_value_text(text: str) -> bool:
    text = split_footnote_mark(text.strip())[0]
    stripped = text.translate(_DIGITS).strip()
    if not stripped or stripped in _NOT_APPLICABLE:  # ``×``, ``一一`` too
        return bool(stripped)
    # ``1268 件``: a space between a figure and its unit is a figure too
    if _VALUE_TOKEN.match(_UNIT.sub("", stripped).rstrip()):
        return True
    # ``1268（件）``, ``共1268件``: the figure and its unit, with words round them
    wrapped = unwrapped(stripped)
    return wrapped is not None and _is_value_text(wrapped[0])


_EMPTY = "empty"
_FIGURE = "figure"
_FIGURES = "figures"  # several figures in one cell, separated by spaces
_MARKER = "marker"
_LABEL = "label"


def _cell_kind(cell: str | None) -> tuple[str, str]:
    """What a grid cell holds, and its stripped text (cached for short cells)."""
    if cell is None:
        return _EMPTY, ""
    found = _kind_cache.get(cell)
    if found is not None:
        return found
    text = without_invisible(cell).strip()
    if not text:
        kind = _EMPTY
    elif _runs.is_run(text):
        kind = _FIGURE  # a dump's run of digits: kept whole, cut by _place
    elif text[0] == PAGE_DOUBT:
        kind = _FIGURE  # a dump's figure that may hold a page number: reported
    elif is_value_text(text):
        kind = _FIGURE
    elif is_page_marker(text):
        kind = _MARKER
    elif "〓" in text and _UNREAD_FIGURE.fullmatch(text):
        kind = _FIGURE  # unreadable, in its place: the row's other figures keep theirs
    elif len(text) <= 14 and is_figure_cell(text):
        kind = _FIGURE  # ``2O``, ``1268.``: a figure in its place (`_misread`)
    elif looks_numeral(split_footnote_mark(text)[0]):
        kind = _FIGURE  # ``一千二百六十八``: read if well formed (`_chinese_numerals`)
    else:
        parts = text.split()
        kind = (
            _FIGURES
            if len(parts) > 1 and all(is_value_text(p) for p in parts)
            else _LABEL
        )
    result = (kind, text)
    if len(cell) <= 200:
        if len(_kind_cache) >= 20_000:
            _kind_cache.clear()
        _kind_cache[cell] = result
    return result


_kind_cache: dict[str, tuple[str, str]] = {}
_UNREAD_FIGURE = re.compile(r"[〓\d\s,，.．]+")  # 〓 (not read) and digits
_is_value_text_cached = lru_cache(maxsize=4096)(_is_value_text)

INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen (shown only where a line breaks at it)
    "\u034f"  # combining grapheme joiner
    "\u180e"  # Mongolian vowel separator (a format character since Unicode 6.3)
    "\u200b\u200c\u200d"  # zero width space, non-joiner, joiner
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\ufeff"  # zero width no-break space (a byte order mark inside the text)
)
"""Characters that print nothing: ``1\u200b268`` is the 1268 a person sees.

Readers remove them wherever they read text (`without_invisible`), so every
reader reads figures, labels and metadata without them. Bidirectional
controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are not among them:
they can change the order in which digits are shown, so a figure holding one
is not read (a finding says so) rather than read in the stored order.
"""

_INVISIBLE_TABLE: dict[int, str | None] = dict.fromkeys(map(ord, INVISIBLE))
_INVISIBLE_AT = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_NOT_PLAIN_AT = re.compile("[" + "".join(sorted(INVISIBLE)) + UNSAFE_CLASS + "]")


def without_invisible(text: str) -> str:
    """``text`` without the characters that print nothing (`INVISIBLE`).

    >>> without_invisible("1\u200b2\u00ad68")
    '1268'
    """
    if _INVISIBLE_AT.search(text) is None:
        return text
    return text.translate(_INVISIBLE_TABLE)


def has_invisible(text: str) -> bool:
    """True when ``text`` holds a character that prints nothing."""
    return _INVISIBLE_AT.search(text) is not None


def is_plain(text: str) -> bool:
    """True when ``text`` holds no character that prints nothing and none XML
    cannot hold (one scan for what `has_invisible` and `unsafe_at` look for)."""
    return _NOT_PLAIN_AT.search(text) is None


# Full-width digits and marks as ASCII, every sign that prints as a minus as
# ``-`` (``−5`` is a negative number, not a label), nothing for what prints nothing.
_DIGITS: dict[int, str | None] = {0xFF10 + i: str(i) for i in range(10)}
_DIGITS |= {
    ord("．"): ".",
    ord("，"): ",",
    ord("－"): "-",
    ord("\u2212"): "-",  # minus sign
    ord("\ufe63"): "-",  # small hyphen-minus
    ord("\u2010"): "-",  # hyphen
    ord("\u2011"): "-",  # non-breaking hyphen
    ord("\u2012"): "-",  # figure dash
}
_DIGITS.update(_INVISIBLE_TABLE)


_MAX_FIGURE_DIGITS = 30
"""A longer digit string is not a figure (and `int` would refuse 4,300 digits)."""


def parse_value(text: str, kind: CellKind = CellKind.COUNT) -> CellValue | None:
    """A published cell text as a cell value; None when it is not one.

    Blank is `Mark.BLANK`, ``/`` ``—`` ``-`` are `Mark.NOT_APPLICABLE`,
    thousands separators are removed, an amount keeps its published precision.

    >>> parse_value("1,268"), parse_value("—"), parse_value(" "), parse_value("12.50", CellKind.AMOUNT)
    (1268, NOT_APPLICABLE, BLANK, Decimal('12.50'))
    >>> parse_value("3.5") is None
    True
    """
    if len(text) > _CACHED_CHARS:
        return _parse(text, kind)
    if kind is CellKind.COUNT:
        return _parse_count(text)
    return _parse_other(text, kind)


@lru_cache(maxsize=8192)
def _parse_count(text: str) -> CellValue | None:
    return _parse(text, CellKind.COUNT)


short_count_value = _parse_count
"""`parse_value` of a count cell's text of at most `CACHED_CHARS` characters,
its cache looked up with no Python call between (the placing's common case)."""
CACHED_CHARS = _CACHED_CHARS


@lru_cache(maxsize=1024)
def _parse_other(text: str, kind: CellKind) -> CellValue | None:
    return _parse(text, kind)


def _parse(text: str, kind: CellKind) -> CellValue | None:
    stripped = text.translate(_DIGITS).strip().replace(" ", "")
    if not stripped:
        return Mark.BLANK
    if stripped in _NOT_APPLICABLE or set(stripped) <= set("/\\-—–"):
        return Mark.NOT_APPLICABLE
    unit = _UNIT_SPLIT.match(stripped)
    if unit is not None:
        # A count word after a count is the count; any other unit needs the
        # column's unit to be read (`read_cell`), so it is not a figure here.
        if unit.group(2) not in COUNT_WORDS or kind is CellKind.AMOUNT:
            return None
        stripped = unit.group(1)
    if _THOUSANDS.match(stripped):
        stripped = stripped.replace(",", "")
    if len(stripped) > _MAX_FIGURE_DIGITS or not _NUMBER.match(stripped):
        return None
    if kind is CellKind.AMOUNT:
        try:
            amount = Decimal(stripped)
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            return None
        return amount if amount >= 0 else None
    if "." in stripped:
        return None
    number = int(stripped)
    if number < 0 and kind is CellKind.COUNT:
        return None
    return number


_SIGNED = re.compile(r"^-\d[\d,]*(?:\.\d+)?$", re.ASCII)
_DECIMAL = re.compile(r"^\d[\d,]*\.\d+$", re.ASCII)


def not_a_figure(text: str, kind: CellKind) -> str:
    """Why a cell text `parse_value` refuses is not a figure (for the finding).

    >>> not_a_figure("−5", CellKind.COUNT), not_a_figure("1.268", CellKind.COUNT)
    ('是负数，件数不能为负，记为缺失', '带小数，件数只能是整数，记为缺失')
    """
    if "〓" in text:  # (what a reader could not read: a blot, a picture)
        return "无法读出（〓：所印的内容不能确定），记为缺失"
    if looks_numeral(text.strip()):
        return (
            "用中文数字书写，但写法不规范（如“一千八”“一千六十八”“三四”可有不同读法），"
            "不按猜测读入，记为缺失"
        )
    if misread_figure(text):
        return (
            f"中有像数字的字母（{misread_letters(text)}），可能是识别错的数字，"
            "不按猜测读入，记为缺失"
        )
    stripped = text.translate(_DIGITS).strip().replace(" ", "")
    if _SIGNED.match(stripped):
        what = "金额" if kind is CellKind.AMOUNT else "件数"
        return f"是负数，{what}不能为负，记为缺失"
    if kind is CellKind.COUNT and _DECIMAL.match(stripped):
        return "带小数，件数只能是整数，记为缺失"
    return "不是可用的数字，记为缺失"


# ------------------------------------------------------------------ units


@lru_cache(maxsize=1024)
def header_unit(text: str) -> str | None:
    """The amount unit a header prints (``收费金额（万元）``, ``（单位：元）``), or None.

    >>> header_unit("本年收费金额（单位：万元）"), header_unit("收费金额(元)"), header_unit("总计")
    ('万元', '元', None)
    """
    found = _COLUMN_UNIT.search(text)
    return None if found is None else found.group(1)


def strip_header_unit(text: str) -> str:
    """A header text without its unit note (to match it against the format's labels)."""
    return _COLUMN_UNIT.sub("", text)


def read_cell(
    text: str,
    kind: CellKind,
    model_unit: str | None,
    place: str,
    header: str | None = None,
) -> tuple[CellValue | None, str | None, AmountUnit | None]:
    """A cell text in a column of ``kind``: its value, a note (None: nothing to say) and its unit.

    ``model_unit`` is the unit the format holds the column in (``万元`` for
    表二's fee column; None for 2019 采购总金额, which keeps its published
    unit); ``header`` the unit the column's printed header gives, if any.
    A count word after a count keeps the count (``23件`` → 23). An amount in
    another unit than the model's (printed in the cell, else in the header) is
    converted exactly (``125600元`` → 12.56 万元) and the note says so; an
    amount unit in a count column or a count word in an amount column cannot
    be read: the value is None and the note says why. In a column of
    published unit the value keeps the unit printed (in the header, else in
    the cell: the unit returned); a cell in another unit than its header is
    converted to the header's.

    >>> read_cell("125600元", CellKind.AMOUNT, "万元", "表二 行政事业性收费")
    (Decimal('12.56'), '表二 行政事业性收费：“125600元”的单位（元）与本列（万元）不同，已换算为 12.56 万元', <AmountUnit.WAN_YUAN: '万元'>)
    >>> read_cell("23件", CellKind.COUNT, None, "")
    (23, None, None)
    >>> read_cell("312.5万元", CellKind.AMOUNT, None, "表二 政府集中采购")
    (Decimal('312.5'), None, <AmountUnit.WAN_YUAN: '万元'>)
    """
    stripped = text.translate(_DIGITS).strip().replace(" ", "")
    found = _UNIT_SPLIT.match(stripped) if len(stripped) <= _CACHED_CHARS else None
    shown = shortened(text.strip(), 40)
    fixed = _PRINTED_UNITS.get(model_unit) if model_unit is not None else None
    if found is None or not found.group(1):
        value = parse_value(text, kind)
        if (
            header is None
            or kind is not CellKind.AMOUNT
            or not isinstance(value, Decimal)
        ):
            unit = None
            if kind is CellKind.AMOUNT:
                unit = (
                    fixed
                    if model_unit is not None
                    else _PRINTED_UNITS.get(header or "")
                )
            return value, None, unit
        number, printed, source = stripped, header, f"表头或行标签所印单位（{header}）"
    else:
        number, printed = found.groups()
        source = f"单位（{printed}）"
    if printed in COUNT_WORDS:
        if kind is CellKind.AMOUNT:
            return (
                None,
                (
                    f"{place}：金额列中的“{shown}”带计数单位（{printed}），"
                    "无法读作金额，记为缺失"
                ),
                None,
            )
        return parse_value(number, kind), None, None
    if kind is not CellKind.AMOUNT:
        return (
            None,
            f"{place}：计数列中的“{shown}”带金额单位（{printed}），无法读作件数，记为缺失",
            None,
        )
    value = parse_value(number, kind)
    if not isinstance(value, Decimal):
        return None, f"{place}：“{shown}”不是可用的金额，记为缺失", None
    target = model_unit
    if target is None:
        # a column of published unit: the header's unit, else the cell's
        target = header if header is not None else printed
    unit = _PRINTED_UNITS[target]
    if _PRINTED_UNITS[printed] is unit:
        return value, None, unit
    converted = _tidy(_PRINTED_UNITS[printed].convert(value, unit))
    column = f"本列（{target}）" if model_unit is not None else f"本列表头（{target}）"
    return (
        converted,
        f"{place}：“{shown}”的{source}与{column}不同，已换算为 {converted} {target}",
        unit,
    )


_PRINTED_UNITS = {
    "元": AmountUnit.YUAN,
    "万元": AmountUnit.WAN_YUAN,
    "万": AmountUnit.WAN_YUAN,
    "亿元": AmountUnit.YI_YUAN,
}
"""The unit a printed unit word names (``万`` alone is 万元)."""


def cell_value(
    text: str, cell: CellSpec, where: str, header: str | None = None
) -> tuple[CellValue | None, Finding | None, AmountUnit | None]:
    """`read_cell` for one cell of the format: the value, the finding if any, the unit.

    The model's unit is the one the format's column label gives (``（单位：万元）``);
    ``header`` the one the printed header gives. A conversion is a
    ``CONVERTED_UNIT`` warning; a unit that cannot be read, ``UNREAD_LINE``.
    The unit is that of an amount whose column keeps its published unit
    (2019 采购总金额), when the header or the cell prints one; else None.
    """
    if text[:1] == PAGE_DOUBT:  # `_dump_page_numbers`: two readings, no guess
        doubt = f"{cell.place}：{doubt_message(text)}"
        return (
            None,
            reading_finding(FindingKind.AMBIGUOUS, where, doubt, cells=[cell.id]),
            None,
        )
    if text and (text[-1] in FOOTNOTE_MARKS or text[-1] == "]"):
        figure, mark = split_footnote_mark(text)
        if mark:
            return _marked(
                cell_value(figure, cell, where, header), text, mark, cell, where
            )
    if text and text.lstrip()[:1] in NUMERAL_CHARS:
        written = arabic(text)
        if written is not None:
            read = cell_value(written, cell, where, header)
            return _numeral(read, text, written, cell, where)
    if text and (text[-1] in _WRAPPED_ENDS or text.lstrip().startswith("共")):
        wrapped = unwrapped(text.translate(_DIGITS))
        if wrapped is not None:
            return _wrapped(
                cell_value(wrapped[0], cell, where, header), text, wrapped, cell, where
            )
    if header is None and (not text or text[-1] not in _UNIT_ENDS):
        return parse_value(text, cell.kind), None, None  # the common case: no unit
    value, note, unit = read_cell(
        text,
        cell.kind,
        None if cell.column.unit is None else cell.column.unit.value,
        cell.place,
        header,
    )
    if not cell.column.published_unit:
        unit = None
    if note is None:
        return value, None, unit
    kind = FindingKind.UNREAD_LINE if value is None else FindingKind.CONVERTED_UNIT
    return value, reading_finding(kind, where, note, cells=[cell.id]), unit


def _marked(
    read: tuple[CellValue | None, Finding | None, AmountUnit | None],
    text: str,
    mark: str,
    cell: CellSpec,
    where: str,
) -> tuple[CellValue | None, Finding | None, AmountUnit | None]:
    """``read`` (the figure without its footnote mark) with the mark reported."""
    value, finding, unit = read
    note = f"“{shortened(text, 40)}”中的“{mark}”视为脚注标记，不计入数字"
    if finding is not None:
        return value, attrs.evolve(finding, message=f"{finding.message}；{note}"), unit
    if value is None:
        return value, None, unit
    return (
        value,
        reading_finding(
            FindingKind.UNREAD_LINE,
            where,
            note,
            cells=[cell.id],
            severity=Severity.WARNING,
        ),
        unit,
    )


def _numeral(
    read: tuple[CellValue | None, Finding | None, AmountUnit | None],
    text: str,
    written: str,
    cell: CellSpec,
    where: str,
) -> tuple[CellValue | None, Finding | None, AmountUnit | None]:
    """``read`` (the figure ``written`` in Arabic digits) with a warning that it was in words.

    A person reads ``一千二百六十八`` as 1268, but a reader of the figures
    should know the table did not print digits (`_chinese_numerals`).
    """
    value = read[0]
    shown = f"“{shortened(text.strip(), 40)}”"
    if value is None:
        return _as_printed(read, written, shown)
    return _noted(
        read, f"{shown}用中文数字书写，按 {format_value(value)} 读入", cell, where
    )


Read = tuple[CellValue | None, Finding | None, AmountUnit | None]
"""What `cell_value` gives: the value, the finding if any, the unit."""


def _as_printed(read: Read, core: str, shown: str) -> Read:
    """``read`` (of ``core``, the figure taken out of the text), its finding
    (a unit that cannot be read) naming the text as printed (``shown``)."""
    value, finding, unit = read
    if finding is None:
        return read
    message = finding.message.replace(f"“{core}”", shown)
    return value, attrs.evolve(finding, message=message), unit


def _noted(read: Read, note: str, cell: CellSpec, where: str) -> Read:
    """``read`` with ``note`` told: added to its finding, else a warning of its own."""
    value, finding, unit = read
    if finding is not None:
        return value, attrs.evolve(finding, message=f"{finding.message}；{note}"), unit
    return (
        value,
        reading_finding(
            FindingKind.UNREAD_LINE,
            where,
            f"{cell.place}：{note}",
            cells=[cell.id],
            severity=Severity.WARNING,
        ),
        unit,
    )


_WRAPPED_ENDS = frozenset("）)。.．")
"""How a figure with words round its unit ends (`unwrapped`)."""


def _wrapped(
    read: tuple[CellValue | None, Finding | None, AmountUnit | None],
    text: str,
    wrapped: tuple[str, str],
    cell: CellSpec,
    where: str,
) -> tuple[CellValue | None, Finding | None, AmountUnit | None]:
    """``read`` (the figure with its unit alone) with the words taken off reported.

    Brackets round the unit say nothing (``1268（件）`` is ``1268件``);
    ``共`` before the figure or a full stop after it is a warning naming them.
    """
    value = read[0]
    core, words = wrapped
    shown = f"“{shortened(text.strip(), 40)}”"
    if value is None:
        return _as_printed(read, core, shown)
    if not words:
        return read
    taken = "、".join(f"“{w}”" for w in words)
    return _noted(
        read, f"{shown}中的{taken}不是数字的一部分，按 {value} 读入", cell, where
    )


def _tidy(amount: Decimal) -> Decimal:
    """An exact amount without trailing zeros after the point (and no exponent)."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1), context=EXACT)
    return amount.normalize(EXACT)
