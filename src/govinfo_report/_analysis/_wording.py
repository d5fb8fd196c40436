"""Text helpers of the narrative checks: normalising, splitting, reading stated numbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import attrs

from govinfo_report._format import SectionId
from govinfo_report._model import Narrative, Report

_SPACE = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")

NARRATIVE_SECTIONS = (SectionId.OVERVIEW, SectionId.PROBLEMS, SectionId.OTHER_MATTERS)


def normalize(text: str) -> str:
    """Text as the patterns read it: NFKC (half-width digits and punctuation), no spaces.

    >>> normalize("受理政府信息公开申请 １７ 件，其中 1,234 条")
    '受理政府信息公开申请17件,其中1234条'
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return _THOUSANDS.sub("", text)


@attrs.frozen
class Sentence:
    """One sentence of a narrative section.

    Attributes:
        section: the section it stands in.
        paragraph: the paragraph's position in the section (from 1).
        text: the sentence as published, runs of white space made one space.
        normalized: the sentence as the patterns read it (`normalize`).
    """

    section: SectionId
    paragraph: int
    text: str
    normalized: str


def _paragraphs(narrative: Narrative) -> Iterator[str]:
    yield from narrative.paragraphs
    for sub in narrative.subsections:
        yield from sub.paragraphs


def sentences(
    report: Report, sections: tuple[SectionId, ...] = NARRATIVE_SECTIONS
) -> Iterator[Sentence]:
    """Every sentence of the report's narrative sections, in order."""
    for section in sections:
        narrative: Narrative = getattr(report, section.value)
        for number, paragraph in enumerate(_paragraphs(narrative), start=1):
            for part in _SENTENCE_END.split(paragraph):
                text = _SPACE.sub(" ", part).strip()
                if text:
                    yield Sentence(section, number, text, normalize(text))


# --------------------------------------------------------------- stated numbers

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_PLACES = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDES = {"万": 10_000, "亿": 100_000_000, "千": 1000, "百": 100}

NUMBER = (
    r"(?P<pre>近|将近|接近|约|大约|超过|逾)?"
    r"(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
    r"(?P<mag>万|亿)?(?P<suf>余|多)?"
)
"""A stated number (``57``, ``28万余``, ``近千``, ``两``), as regex groups."""


def _chinese(text: str) -> int | None:
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None:
                return None  # 二三: not a number
            digit = _DIGITS[char]
        elif char in _PLACES:
            total += (1 if digit is None else digit) * _PLACES[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


@attrs.frozen
class Amount:
    """A stated number as a closed range: ``high`` None means no upper bound.

    Attributes:
        low: the least value the statement allows.
        high: the greatest, or None (``超过``、``以上``).
        exact: True when the statement gives one value (``57件``).
    """

    low: int
    high: int | None
    exact: bool

    def admits(self, value: int, upto: int | None = None) -> bool:
        """True when the range meets ``[value, upto]`` (``upto`` defaults to ``value``)."""
        upto = value if upto is None else upto
        return self.low <= upto and (self.high is None or value <= self.high)

    @property
    def text(self) -> str:
        """The range in messages: ``57``, ``280000–290000``, ``≥ 100``."""
        if self.exact:
            return str(self.low)
        if self.high is None:
            return f"≥ {self.low}"
        return f"{self.low}–{self.high}"


def parse_amount(
    num: str, mag: str | None, pre: str | None, suf: str | None, above: bool = False
) -> Amount | None:
    """The range a stated count allows, or None when it is not a whole number.

    ``余``/``多`` after a number mean up to one unit of its last significant
    place more (``28万余`` → 280000–290000, ``5500余`` → 5500–5600); ``近``
    one unit less (``近千`` → 0–1000); ``约`` one unit either way; a number
    with ``万``/``亿`` and no such word is taken as rounded (``28万`` →
    270000–290000); ``超过``、``逾``、``以上`` leave it open above.

    >>> parse_amount("28", "万", None, "余").text
    '280000–290000'
    >>> parse_amount("2", None, None, None).text
    '2'
    """
    if num[0].isdigit():
        try:
            value = Decimal(num)
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            return None
    else:
        whole = _chinese(num)
        if whole is None:
            return None
        value = Decimal(whole)
    if mag:
        value *= _MAGNITUDES[mag]
    if value != value.to_integral_value():
        return None
    count = int(value)
    unit = _unit(count)
    if pre in ("超过", "逾") or above:
        return Amount(count, None, exact=False)
    low, high = count, count
    if suf:
        high = count + unit
    if pre in ("近", "将近", "接近"):
        low = count - unit
    if pre in ("约", "大约") or (mag and not suf and not pre):
        low, high = count - unit, count + unit
    exact = low == high
    return Amount(max(low, 0), high, exact=exact)


def _unit(count: int) -> int:
    """The place of the last significant digit: 5500 → 100, 280000 → 10000."""
    if count == 0:
        return 1
    unit = 1
    while count % (unit * 10) == 0:
        unit *= 10
    return unit
