"""CSS math functions (``calc()``, ``min()``, ``max()``, ``clamp()``) worked
out where a browser's result does not depend on the layout.

A style may hide text by arithmetic as well as by a plain value:
``font-size:calc(16px * 0)``, ``opacity:calc(1 - 1)``,
``color:rgb(calc(200 + 55) 255 255)``. `resolved` replaces each math
function whose terms are numbers, percentages, or lengths of one kind by its
result (``0px``, ``0``, ``255``), so the rest of the reader sees the plain
value. Absolute lengths are one kind (``1in - 96px`` is ``0px``); ``em``,
``%``, ``vw``… each a kind of its own, so ``calc(100% - 10px)`` (known only
with the layout) stays as it is, and `doubtful` says so.

The work is bounded: a value longer than `MAX_LENGTH` is left alone, and
an expression is parsed once, left to right, nested at most `MAX_DEPTH` deep.
"""

from __future__ import annotations

import math
import re

MAX_LENGTH = 2_048
MAX_DEPTH = 16

_MATH = ("calc", "min", "max", "clamp")
_START = re.compile(r"(?<![a-z0-9_-])(calc|min|max|clamp)\(", re.I)
_TOKEN = re.compile(
    r"\s*(?:([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)|([a-z-]+)\(|(.))",
    re.I,
)
_ABSOLUTE = {
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "q": 96 / 101.6,
}
_ANGLES = {"deg": 1.0, "grad": 0.9, "rad": 57.29577951308232, "turn": 360.0}
_DOUBTFUL = re.compile(
    r"(?<![a-z0-9_-])(?:calc|min|max|clamp|color-mix|light-dark|env|attr)\(|\(from\s",
    re.I,
)

_Value = tuple[float, str]
"""A number and its kind: ``""`` a plain number, ``px`` any absolute length,
``deg`` any angle, else the unit as written (``em``, ``%``, ``vw``)."""


class _Unknown(Exception):
    """The expression's result depends on what this module does not know."""


def resolved(value: str) -> str:
    """``value`` with each math function of numbers and lengths of one kind
    replaced by its result; the others left as they are.

    >>> resolved("calc(16px * 0)"), resolved("rgb(calc(200 + 55) 255 255)")
    ('0px', 'rgb(255 255 255)')
    >>> resolved("calc(100% - 10px)")
    'calc(100% - 10px)'
    """
    if "(" not in value or len(value) > MAX_LENGTH:
        return value
    parts: list[str] = []
    at = 0
    while True:
        found = _START.search(value, at)
        if found is None:
            break
        end = _closing(value, found.end())
        if end < 0:
            break
        parts.append(value[at : found.start()])
        try:
            number, kind = _Parser(value[found.start() : end + 1]).whole()
            if not math.isfinite(number):
                raise _Unknown  # past what a float holds: not worked out here
        except _Unknown:
            parts.append(value[found.start() : end + 1])
        else:
            parts.append(_written(number, kind))
        at = end + 1
    if not parts:
        return value
    parts.append(value[at:])
    return "".join(parts)


def doubtful(value: str) -> bool:
    """True when ``value`` still holds a function whose result this reader
    does not work out (a math function of the layout, ``color-mix()``,
    ``light-dark()``, a relative colour ``rgb(from …)``, ``env()``)."""
    return "(" in value and _DOUBTFUL.search(value) is not None


def _closing(text: str, start: int) -> int:
    """The index of the ``)`` closing the parenthesis opened before ``start``."""
    depth = 1
    for index in range(start, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if not depth:
                return index
    return -1


def _written(number: float, kind: str) -> str:
    """A result as CSS writes it (``0px``, ``255``, ``0.5``)."""
    if number == int(number) and abs(number) < 1e15:
        text = str(int(number))
    else:
        text = f"{number:.6g}"
    return text + kind


class _Parser:
    """A recursive descent over one math function: sums of products of terms."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str, str, str]] = []
        at = 0
        while at < len(text):
            found = _TOKEN.match(text, at)
            if found is None or found.end() == at:
                if text[at:].strip():
                    raise _Unknown
                break
            number, unit, function, other = found.groups()
            self.tokens.append((number or "", unit or "", function or "", other or ""))
            at = found.end()
        self.at = 0
        self.depth = 0

    def whole(self) -> _Value:
        """The value of the whole text (one function call, nothing after it)."""
        value = self._term()
        if self.at != len(self.tokens):
            raise _Unknown
        return value

    def _next(self) -> tuple[str, str, str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, symbol: str) -> bool:
        token = self._next()
        if token is not None and token[3] == symbol:
            self.at += 1
            return True
        return False

    def _sum(self) -> _Value:
        total = self._product()
        while True:
            token = self._next()
            if token is not None and token[0][:1] in "+-" and token[0]:
                # `1px -2px` is two values, not a difference: no math here
                raise _Unknown
            if self._take("+"):
                total = _added(total, self._product(), 1.0)
            elif self._take("-"):
                total = _added(total, self._product(), -1.0)
            else:
                return total

    def _product(self) -> _Value:
        value = self._term()
        while True:
            if self._take("*"):
                other = self._term()
                if value[1] and other[1]:
                    raise _Unknown  # a length times a length is no CSS value
                value = (value[0] * other[0], value[1] or other[1])
            elif self._take("/"):
                other = self._term()
                if other[1] or other[0] == 0:
                    raise _Unknown
                value = (value[0] / other[0], value[1])
            else:
                return value

    def _term(self) -> _Value:
        token = self._next()
        if token is None:
            raise _Unknown
        self.at += 1
        number, unit, function, other = token
        if number:
            value = float(number)
            if not math.isfinite(value):
                raise _Unknown
            return _kind(value, unit.lower())
        if other == "(":
            return self._group(")")
        if function.lower() in _MATH:
            return self._function(function.lower())
        raise _Unknown  # var(), env(), a keyword: not known here

    def _group(self, closing: str) -> _Value:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unknown
        value = self._sum()
        if not self._take(closing):
            raise _Unknown
        self.depth -= 1
        return value

    def _function(self, name: str) -> _Value:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unknown
        values = [self._sum()]
        while self._take(","):
            values.append(self._sum())
        if not self._take(")"):
            raise _Unknown
        self.depth -= 1
        kinds = {kind for number, kind in values if number or kind}
        if len(kinds) > 1 or (name == "calc" and len(values) != 1):
            raise _Unknown
        kind = kinds.pop() if kinds else values[0][1]
        numbers = [number for number, _ in values]
        if name == "calc":
            return values[0]
        if name == "min":
            return (min(numbers), kind)
        if name == "max":
            return (max(numbers), kind)
        if len(numbers) != 3:
            raise _Unknown
        return (max(numbers[0], min(numbers[1], numbers[2])), kind)


def _kind(number: float, unit: str) -> _Value:
    """A term in its kind's unit (absolute lengths in px, angles in deg)."""
    if unit in _ABSOLUTE:
        return (number * _ABSOLUTE[unit], "px")
    if unit in _ANGLES:
        return (number * _ANGLES[unit], "deg")
    return (number, unit)


def _added(one: _Value, other: _Value, sign: float) -> _Value:
    """``one`` plus (or minus) ``other``: values of one kind (a zero of any
    kind adds nothing)."""
    if one[1] != other[1]:
        if other[0] == 0:
            return one
        if one[0] == 0:
            return (sign * other[0], other[1])
        raise _Unknown
    return (one[0] + sign * other[0], one[1])
