"""Label normalisation and matching: how a published label finds its place in the format.

Published reports print the official labels with half-width punctuation, stray
spaces, line breaks inside a label, traditional characters (some mirrors) and
characters lost in PDF text layers (``2.其他法律行政止公开``). Every reader goes
through this one module to turn such a text into a row, column or heading of
the format (`govinfo_report._format`); no reader keeps special cases of its own.

Two levels:

- `normalize_label` gives the label as the format would print it: traditional
  characters made simplified, full-width digits made ASCII, half-width
  brackets, commas and colons made full-width, numbering unified (``1、`` →
  ``1.``), every space removed.
- `label_key` goes further for comparison: quotes dropped as well.

`LabelTable` matches a text against a set of labels: exactly (label or any of
its variants), then as the start of a label (a label wrapped over lines, or a
copy cut off mid-label), then by similarity (characters lost or garbled), and
only when one candidate clearly wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Generic, TypeVar

import attrs

from govinfo_report._format import ColumnSpec, RowSpec, TableSpec

__all__ = [
    "LABEL_SPACES",
    "LabelMatch",
    "LabelTable",
    "label_key",
    "match_column",
    "match_row",
    "near_labels",
    "normalize_digits",
    "normalize_label",
    "punctuation_only",
    "split_extra",
    "typo_of",
]

# Traditional → simplified, for the characters that occur in the format's labels,
# headings and metadata lines (a complete converter is not needed: anything else
# is left as it is and only ever compared with the format's labels).
_TRADITIONAL = "開資訊請數處結轉與機關國護權屬類務過執詢現製補確訪舉報訴復複專業團組織構總計議維糾審經規範廢發條項內許罰強費額單萬會況題進體動將讀祕穩險後無當覆獲繳納繼續辦區這於係問決級類據為條門廳辦務層際義傳統關聯繫種當購採購團數務導華縣鄉鎮員環態衛習記書長廣東陽號產產設網頁臺檢測實澤訟沒認隻應對個錄"
_SIMPLIFIED = "开资讯请数处结转与机关国护权属类务过执询现制补确访举报诉复复专业团组织构总计议维纠审经规范废发条项内许罚强费额单万会况题进体动将读秘稳险后无当复获缴纳继续办区这于系问决级类据为条门厅办务层际义传统关联系种当购采购团数务导华县乡镇员环态卫习记书长广东阳号产产设网页台检测实泽讼没认只应对个录"
assert len(_TRADITIONAL) == len(_SIMPLIFIED)

_HALF_TO_FULL = {
    "(": "（",
    ")": "）",
    ",": "，",
    ":": "：",
    ";": "；",
    "﹙": "（",
    "﹚": "）",
    "〔": "〔",
}

_TRANSLATE: dict[int, str | None] = {
    ord(t): s for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True)
}
_TRANSLATE.update({ord(k): v for k, v in _HALF_TO_FULL.items()})
# Full-width digits and Latin letters → ASCII; the full-width full stop → ".".
_TRANSLATE.update({0xFF10 + i: str(i) for i in range(10)})
_TRANSLATE.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})
_TRANSLATE.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})
_TRANSLATE[ord("．")] = "."
_TRANSLATE[ord("／")] = "/"
LABEL_SPACES = frozenset(" \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")
"""Every kind of space: `normalize_label` removes them all."""
for _space in LABEL_SPACES:
    _TRANSLATE[ord(_space)] = None
# What normalize_label does to digits and spaces, and nothing else.
_DIGITS_AND_SPACES = {
    k: v for k, v in _TRANSLATE.items() if v is None or (v.isascii() and v.isdigit())
}


def _any_of(table: dict[int, str | None]) -> re.Pattern[str]:
    """A pattern finding a character ``table`` maps: a text without one
    translates to itself, and the search is many times faster than
    `str.translate` with a dict (a lookup a character)."""
    return re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(table)) + "]")


_TRANSLATED_AT = _any_of(_TRANSLATE)
_DIGIT_OR_SPACE_AT = _any_of(_DIGITS_AND_SPACES)
_NUMBERING_STARTS = frozenset("一二三四五六七八九十")

_KEY_DROP: dict[int, str | None] = {ord(c): None for c in "“”\"'‘’「」『』＂"}

_NUMBERING_FIX = re.compile(r"^(\d{1,2})[、，,．](?=\D)")
_CHINESE_NUMBERING_FIX = re.compile(r"^([一二三四五六七八九十]{1,3})[.．，,](?=\D)")


def normalize_label(text: str) -> str:
    """A label as the format prints it: full-width punctuation, no spaces.

    >>> normalize_label("(二)部分公开(区分处理的,只计这一情形, 不计其他情形)")
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'
    >>> normalize_label("1、屬於國家秘密")
    '1.属于国家秘密'
    >>> normalize_label("商业\\n企业")
    '商业企业'
    """
    if "資訊" in text:  # Taiwan usage for 信息 on some mirrors
        text = text.replace("資訊", "信息")
    if _TRANSLATED_AT.search(text) is not None:
        text = text.translate(_TRANSLATE)
    first = text[:1]
    if first.isdecimal():  # (what ``\d`` matches: Unicode category Nd)
        return _NUMBERING_FIX.sub(r"\1.", text)
    if first in _NUMBERING_STARTS:
        return _CHINESE_NUMBERING_FIX.sub(r"\1、", text)
    return text


def normalize_digits(text: str) -> str:
    """``text`` with the digits and spaces as `normalize_label` makes them (full-width
    digits ASCII, no spaces), every other character kept: a pattern of digits
    and CJK characters (``(20\\d{2})年``) finds the same figures in both.

    >>> normalize_digits("２０２３ 年, 全年")
    '2023年,全年'
    """
    if _DIGIT_OR_SPACE_AT.search(text) is None:
        return text
    return text.translate(_DIGITS_AND_SPACES)


def label_key(text: str) -> str:
    """The form in which labels are compared: `normalize_label`, quotes dropped.

    >>> label_key('3.危及"三安全一稳定"') == label_key("3.危及“三安全一稳定”")
    True
    """
    if len(text) > _CACHED_CHARS:
        return _label_key(text)
    return _label_key_cached(text)


_CACHED_CHARS = 256
"""Longer texts are not kept in the caches (hostile input can be long)."""


def _label_key(text: str) -> str:
    return normalize_label(text).translate(_KEY_DROP)


_label_key_cached = lru_cache(maxsize=4096)(_label_key)


T = TypeVar("T")


@attrs.frozen
class LabelMatch(Generic[T]):
    """What a text matched.

    Attributes:
        value: the payload of the label matched (a `RowSpec`, a heading…).
        label: the official label matched.
        score: 1.0 for an exact match (label or variant), less for a prefix or
            a similar text.
        how: ``exact``, ``prefix`` or ``similar``.
    """

    value: T
    label: str
    score: float
    how: str

    @property
    def exact(self) -> bool:
        """True when the text is the label or one of its variants."""
        return self.how == "exact"


@attrs.frozen
class _Entry(Generic[T]):
    key: str
    label: str
    value: T


def similarity(a: str, b: str) -> float:
    """How much of two keys agree: matched characters over the longer length."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / max(len(a), len(b))


class LabelTable(Generic[T]):
    """A set of labels, each with a payload, that texts are matched against.

    Args:
        entries: ``(label, payload)`` pairs; a payload may appear under several
            labels (its variants).
        min_score: the least similarity a fuzzy match needs.
        margin: how far the best fuzzy match must lead the second best.
        min_prefix: the least number of characters a prefix match needs.

    >>> table = LabelTable([("（一）予以公开", "granted"), ("（七）总计", "total")])
    >>> table.match("(一) 予以公开").value
    'granted'
    >>> table.match("（一）予以").how
    'prefix'
    >>> table.match("与本表无关的一段文字") is None
    True
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, T]],
        *,
        min_score: float = 0.72,
        margin: float = 0.08,
        min_prefix: int = 5,
    ) -> None:
        self._entries: list[_Entry[T]] = []
        self._exact: dict[str, LabelMatch[T]] = {}  # key → its exact match
        for label, value in entries:
            entry = _Entry(label_key(label), label, value)
            self._entries.append(entry)
            if entry.key not in self._exact:
                self._exact[entry.key] = LabelMatch(value, label, 1.0, "exact")
        self._min_score = min_score
        self._margin = margin
        self._min_prefix = min_prefix
        self._cache: dict[str, LabelMatch[T] | None] = {}

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label of the table, in the order given."""
        return tuple(e.label for e in self._entries)

    def exact(self, text: str) -> LabelMatch[T] | None:
        """The label that ``text`` is, after normalisation, or None."""
        return self._exact.get(label_key(text))

    def exact_key(self, key: str) -> LabelMatch[T] | None:
        """`exact` for a text whose `label_key` is ``key`` (computed once by a caller
        that looks it up in several tables)."""
        return self._exact.get(key)

    def match(self, text: str, *, prefix: bool = True) -> LabelMatch[T] | None:
        """The label ``text`` stands for: exact, prefix or similar; None when unclear."""
        key = label_key(text)
        found = self._exact.get(key)
        if found is not None:
            return found
        cache_key = key if prefix else "\0" + key
        if cache_key in self._cache:
            return self._cache[cache_key]
        result = self._fuzzy(key, prefix=prefix)
        if len(self._cache) < 8192 and len(key) <= _CACHED_CHARS:
            self._cache[cache_key] = result
        return result

    def _fuzzy(self, key: str, *, prefix: bool) -> LabelMatch[T] | None:
        if len(key) < 2:
            return None
        if prefix and len(key) >= self._min_prefix:
            starts = {id(e.value): e for e in self._entries if e.key.startswith(key)}
            if len(starts) == 1:
                entry = next(iter(starts.values()))
                return LabelMatch(
                    entry.value, entry.label, len(key) / len(entry.key), "prefix"
                )
        scored: dict[int, tuple[float, _Entry[T]]] = {}
        for entry in self._entries:
            # A cheap bound first: too different in length cannot reach the score.
            if min(len(key), len(entry.key)) < self._min_score * max(
                len(key), len(entry.key)
            ):
                continue
            score = similarity(key, entry.key)
            best = scored.get(id(entry.value))
            if best is None or score > best[0]:
                scored[id(entry.value)] = (score, entry)
        ranked = sorted(scored.values(), key=lambda s: -s[0])
        if not ranked or ranked[0][0] < self._min_score:
            return None
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < self._margin:
            return None
        score, entry = ranked[0]
        return LabelMatch(entry.value, entry.label, score, "similar")


def _row_entries(table: TableSpec) -> list[tuple[str, RowSpec]]:
    return [(label, row) for row in table.rows for label in (row.label, *row.variants)]


@lru_cache(maxsize=32)
def _row_table(table: TableSpec) -> LabelTable[RowSpec]:
    return LabelTable(_row_entries(table))


@lru_cache(maxsize=32)
def _column_table(table: TableSpec) -> LabelTable[ColumnSpec]:
    seen: dict[str, ColumnSpec] = {}
    for row in table.rows:
        for column in row.columns:
            seen.setdefault(column.label, column)
    return LabelTable(seen.items(), min_prefix=99)


def match_row(text: str, table: TableSpec) -> RowSpec | None:
    """The row of ``table`` whose label ``text`` is (tolerating variants and garbling).

    >>> from govinfo_report._format import format_spec
    >>> match_row("2.其他法律行政止公开", format_spec().requests).id
    'withheld.prohibited_by_law'
    >>> match_row("规范性文件", format_spec().active).id
    'normative_documents'
    """
    found = _row_table(table).match(text)
    return None if found is None else found.value


def match_column(text: str, table: TableSpec) -> ColumnSpec | None:
    """The column of ``table`` whose header ``text`` is.

    >>> from govinfo_report._format import format_spec
    >>> match_column("社会 公益 组织", format_spec().requests).id
    'social_organization'
    """
    found = _column_table(table).match(text, prefix=False)
    return None if found is None else found.value


# ------------------------------------------------------------------ label variants

_NOTE = r"\s*(?:[（(][^（()）]{1,30}[)）]|[※*＊#△▲☆★†‡§¹²³⁴⁵⁶⁷⁸⁹⁰①-⑳⑴-⒇]+|注\d{0,2}|\[\^[^\[\]\s]{1,20}\])"
"""A note after a label: in parentheses, a mark, ``注1``, a Markdown footnote
reference (``行政许可[^1]``, as pandoc and the converters write a mark)."""
_EXTRA = re.compile(
    rf"^(?P<label>.*?[^\s\d])(?P<extra>(?:{_NOTE})*(?:\s+\d{{1,6}}|\d{{1,2}})?(?:{_NOTE})*)\s*$"
)


def split_extra(text: str) -> tuple[str, str] | None:
    """A label cell that holds more than a label: (label part, extra characters).

    The extra is what published cells carry after a label: a note in
    parentheses (``现行有效件数（历史累计）``), a footnote mark (``行政许可※``,
    ``注1``) or a stray figure (``行政许可 1``; glued digits only up to two,
    longer runs are figures run together with the label, not marks). None
    when the text has no such tail.

    >>> split_extra("现行有效件数（历史累计）"), split_extra("行政许可 1"), split_extra("行政许可※")
    (('现行有效件数', '（历史累计）'), ('行政许可', ' 1'), ('行政许可', '※'))
    >>> split_extra("行政规范性文件693665") is None, split_extra("规章") is None
    (True, True)
    >>> split_extra("行政许可[^1]")
    ('行政许可', '[^1]')
    """
    found = _EXTRA.match(text)
    if found is None or not found.group("extra").strip():
        return None
    return found.group("label"), found.group("extra")


_NUMBERED = re.compile(
    r"^\s*(?P<number>\d{1,2}\s*[.．、)）]|[（(]\s*\d{1,2}\s*[)）]"
    r"|[一二三四五六七八九十]{1,2}\s*、)\s*(?P<label>\S.*)$"
)


def split_number(text: str) -> tuple[str, str] | None:
    """A label cell with a list number before the label (an automatic
    number shown as text, ``1.行政许可``): (the number, the rest); None when
    the text starts with no such number.

    >>> split_number("1. 行政许可"), split_number("（2）行政处罚"), split_number("行政许可")
    (('1.', '行政许可'), ('（2）', '行政处罚'), None)
    """
    found = _NUMBERED.match(text)
    if found is None:
        return None
    return found.group("number").strip(), found.group("label").strip()


def within_one(a: str, b: str) -> bool:
    """True when two keys differ by at most one character (substituted, added, lost)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def near_labels(text: str, labels: Iterable[str]) -> list[str]:
    """The labels within one character of ``text`` (compared as keys), in order."""
    key = label_key(text)
    if len(key) < 3:
        return []
    return [label for label in labels if within_one(key, label_key(label))]


def typo_of(text: str, label: str) -> tuple[str, str] | None:
    """(printed, official) characters when ``text`` is ``label`` with one character changed.

    >>> typo_of("本年废纸件数", "本年废止件数")
    ('纸', '止')
    """
    a, b = label_key(text), label_key(label)
    if len(a) != len(b) or len(a) < 3:
        return None
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return diffs[0] if len(diffs) == 1 else None


def punctuation_only(text: str, label: str) -> bool:
    """True when ``text`` differs from ``label`` in punctuation only (``，`` for ``：``).

    >>> punctuation_only("(本列数据的勾稽关系为,第一项)", "（本列数据的勾稽关系为：第一项）")
    True
    """
    return _alnum(text) == _alnum(label)


def _alnum(text: str) -> str:
    return "".join(c for c in label_key(text) if c.isalnum())
