"""Figures written in Chinese numerals: ``一千二百六十八``, ``壹仟贰佰陆拾捌``, ``〇``.

Some agencies type a table's figures as words (a habit from financial forms,
or a cell filled from a sentence). A person reads ``一千二百六十八`` as 1268;
`arabic` gives the figure in Arabic digits (``"1268"``) for `_cells` to read
as any other cell, with a warning that says how it was printed.

Only well-formed numerals are read, since a person can read a sloppy one
two ways:

- positional (``一千零六十八``, ``两百``, ``十二``, ``二十二万九千七百七十七``):
  the places fall strictly, one ``零`` stands for every gap of places inside
  a group of four and for zeros leading a group after ``万`` or ``亿``, none
  elsewhere (``一万零二百``, ``三千四百七十万一千``). ``一千六十八`` (no ``零``) and
  ``一千八`` (spoken for 1800, read 1008 by others) are not read; ``十`` may
  stand for ``一十`` at the start only; ``两`` counts hundreds or more only;
- financial capitals (``壹仟贰佰陆拾捌``), traditional forms (``萬``, ``貳``)
  and everyday digits, mixed or not, under the same rules;
- digit by digit (``一二六八``): three digits or more, the first not ``〇``.
  Two digits (``三四``, ``七八``) are how Chinese says "three or four",
  so they are never a figure; one digit alone is that digit;
- a fraction after ``点`` digit by digit (``十二点五六`` → ``12.56``), which
  only an amount column reads (a count has no fraction).

A unit word after the numeral (``一千二百件``, ``十二点五六万元``) is left for
`_cells` to read as after any figure: ``万`` at the end is the unit, not a
place (``十二万`` is 12 万, as ``12万`` is).
"""

from __future__ import annotations

import re

_DIGIT = {
    **dict.fromkeys("〇零", 0),
    **dict.fromkeys("一壹弌", 1),
    **dict.fromkeys("二贰貳弍两兩", 2),
    **dict.fromkeys("三叁參弎", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_ZERO = frozenset("〇零")
_LIANG = frozenset("两兩")
"""``两``: two of hundreds or more (``两百``), never ``两十`` nor a last digit."""
_PLACE = {
    **dict.fromkeys("十拾", 1),
    **dict.fromkeys("百佰", 2),
    **dict.fromkeys("千仟", 3),
}
_GROUP = {**dict.fromkeys("万萬", 4), **dict.fromkeys("亿億", 8)}
_POINT = "点點"

NUMERAL_CHARS = frozenset(_DIGIT) | frozenset(_PLACE) | frozenset(_GROUP)
"""The characters a Chinese numeral is written with (the point ``点`` apart)."""
_UNITS = re.compile("(件次|人次|万元|亿元|件|个|条|项|次|笔|家|宗|份|元|万)$")
_MAX_CHARS = 40
"""A longer text is no figure of a report (and is not looked into)."""


def looks_numeral(text: str) -> bool:
    """True when ``text`` is written in numeral characters only, at least two.

    Such a cell stands where a figure is, read or not: no label is written
    so (a row's number, ``一``, ``三``, is one character, ``〇`` none).

    >>> [looks_numeral(t) for t in ("一千八", "十二点五", "〇", "三", "一、", "规章")]
    [True, True, True, False, False, False]
    """
    if len(text) > _MAX_CHARS:
        return False
    if text in _ZERO:
        return True
    body = _UNITS.sub("", text) or text
    return (
        len(body) >= 2
        and body[0] in NUMERAL_CHARS
        and all(c in NUMERAL_CHARS or c in _POINT for c in body)
    )


def arabic(text: str) -> str | None:
    """``text`` with its Chinese numeral written in Arabic digits, or None.

    None when ``text`` is no well-formed numeral (the module's rules); a
    unit word after the numeral is kept as printed.

    >>> [arabic(t) for t in ("一千二百六十八", "一千零六十八", "两百", "十二", "〇")]
    ['1268', '1068', '200', '12', '0']
    >>> [arabic(t) for t in ("壹仟贰佰陆拾捌", "一二六八", "十二点五六万元", "一千二百件")]
    ['1268', '1268', '12.56万元', '1200件']
    >>> [arabic(t) for t in ("一千八", "一千六十八", "三四", "两十", "一二", "零五", "规章")]
    [None, None, None, None, None, None, None]
    """
    text = text.strip()
    if not text or len(text) > _MAX_CHARS or text[0] not in NUMERAL_CHARS:
        return None
    unit = _UNITS.search(text)
    body, tail = (text, "") if unit is None else (text[: unit.start()], unit.group())
    if not body:
        return None
    whole, point, fraction = _split_point(body)
    number = _integer(whole)
    if number is None:
        return None
    if not point:
        return str(number) + tail
    digits = [_DIGIT.get(c) for c in fraction]
    if not digits or any(d is None for d in digits) or set(fraction) & _LIANG:
        return None
    return f"{number}.{''.join(str(d) for d in digits)}{tail}"


def _split_point(body: str) -> tuple[str, str, str]:
    for point in _POINT:
        if point in body:
            return body.partition(point)
    return body, "", ""


def _integer(text: str) -> int | None:
    """The value of a numeral with no point, or None when it is not well formed."""
    if not text or not NUMERAL_CHARS.issuperset(text):
        return None  # ``一千余``: about a thousand, no figure
    if all(c in _DIGIT for c in text):
        return _digit_by_digit(text)
    terms = _terms(text)
    if terms is None:
        return None
    return _checked(terms)


def _digit_by_digit(text: str) -> int | None:
    if len(text) == 1:
        return None if text in _LIANG else _DIGIT[text]
    if len(text) == 2 or text[0] in _ZERO or set(text) & _LIANG:
        return None  # ``三四``: three or four; ``〇五``: no figure begins with 0
    return int("".join(str(_DIGIT[c]) for c in text))


_Term = tuple[int, int, bool]
"""A digit, its place (a power of ten) and whether it was written ``两``;
``(0, -1, False)`` is a ``零`` standing for a gap."""
_GAP: _Term = (0, -1, False)


def _terms(text: str) -> list[_Term] | None:
    """The numeral as digits and their places, ``零`` as gaps; None: not well formed."""
    terms: list[_Term] = []
    section: list[_Term] = []  # the terms since the last 万 or 亿
    pending: str | None = None  # a digit waiting for its place
    for at, char in enumerate(text):
        if char in _ZERO:
            if pending is not None:
                return None
            section.append(_GAP)
        elif char in _DIGIT:
            if pending is not None:
                return None
            pending = char
        elif char in _PLACE:
            if pending is None:
                if not (at == 0 and _PLACE[char] == 1):
                    return None  # ``十二``: 一十 at the start only
                pending = "一"
            section.append((_DIGIT[pending], _PLACE[char], pending in _LIANG))
            pending = None
        else:  # 万, 亿: the section before it counts so many of them
            if pending is not None:
                section.append((_DIGIT[pending], 0, pending in _LIANG))
                pending = None
            if not any(place >= 0 for _, place, _ in section):
                return None
            shift = _GROUP[char]
            terms += [t if t[1] < 0 else (t[0], t[1] + shift, t[2]) for t in section]
            section = []
    if pending is not None:
        section.append((_DIGIT[pending], 0, pending in _LIANG))
    return terms + section


def _checked(terms: list[_Term]) -> int | None:
    """The value of ``terms``, or None when places do not fall or a ``零`` is wrong."""
    if not terms or terms[0] is _GAP or terms[-1] == _GAP:
        return None
    value = 0
    previous: int | None = None
    gap = False
    for term in terms:
        digit, place, liang = term
        if place < 0:
            if gap:
                return None  # ``零零``
            gap = True
            continue
        if liang and place < 2:
            return None  # ``两十``, ``十两``
        if previous is not None:
            if place >= previous:
                return None  # places must fall: ``一千二千``
            if gap not in _zeros_between(previous, place):
                return None  # ``一千六十八`` (no 零), ``一千零二百`` (a 零 for nothing)
        elif gap:
            return None
        gap = False
        previous = place
        value += digit * 10**place
    return value


def _zeros_between(higher: int, lower: int) -> frozenset[bool]:
    """Whether a ``零`` may stand between digits at places ``higher`` and ``lower``.

    Inside a group of four places, for every gap and only there; between
    groups (万, 亿), for zeros leading the lower group or a whole group of
    zeros. Zeros ending the higher group take none (``三千四百七十万一千`` is
    34701000), though some write one (``二十万零三千``): it says the same.

    >>> [sorted(_zeros_between(h, l)) for h, l in ((3, 1), (3, 2), (5, 3), (4, 3), (4, 2))]
    [[True], [False], [False, True], [False], [True]]
    """
    if higher // 4 == lower // 4:
        return _ONLY[higher - lower > 1]
    if lower % 4 != 3 or higher // 4 - lower // 4 > 1:
        return _ONLY[True]
    return _EITHER if higher % 4 else _ONLY[False]


_ONLY = {True: frozenset([True]), False: frozenset([False])}
_EITHER = frozenset([True, False])
