"""Qualifiers turn a stated number into the interval it honestly implies.

"More than 200,000" is the open interval (200000, inf), not 200,000. Every
figure hfig shows is an `Interval`, and every range it prints is built from
intervals, never from bare values.
"""

from __future__ import annotations

import math
from enum import Enum

from msgspec import Struct

ABOUT_DELTA = 0.1
"""'About 1,000' spans 900 to 1,100: the documented width of approximate figures."""


class Qualifier(str, Enum):
    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    LESS_THAN = "less_than"
    BETWEEN = "between"
    VAGUE = "vague"


class VagueWord(Struct, frozen=True):
    coded: int
    low: int
    high: int


# Coded values follow ACLED (dozens = 12, hundreds = 100) and are the floor of
# the interval: the conservative reading. The ceiling is where the next word
# would have been used ("hundreds" stops short of "thousands").
VAGUE_LEXICON: dict[str, VagueWord] = {
    "several": VagueWord(3, 3, 9),
    "tens": VagueWord(10, 10, 99),
    "dozens": VagueWord(12, 12, 99),
    "scores": VagueWord(20, 20, 99),
    "hundreds": VagueWord(100, 100, 999),
    "thousands": VagueWord(1000, 1000, 9999),
    "tens_of_thousands": VagueWord(10000, 10000, 99999),
    "hundreds_of_thousands": VagueWord(100000, 100000, 999999),
    "millions": VagueWord(1000000, 1000000, 9999999),
}


class Interval(Struct, frozen=True):
    """A set of possible values. `low_open` means the low end is excluded."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @property
    def unbounded_above(self) -> bool:
        return math.isinf(self.high)

    def contains(self, x: float) -> bool:
        above = x > self.low if self.low_open else x >= self.low
        below = x < self.high if self.high_open else x <= self.high
        return above and below

    def is_empty(self) -> bool:
        if self.low > self.high:
            return True
        return self.low == self.high and (self.low_open or self.high_open)


def hull(intervals: list[Interval]) -> Interval:
    """The smallest interval holding all of them: the spread of claims."""
    low = min(intervals, key=lambda i: (i.low, i.low_open))
    high = max(intervals, key=lambda i: (i.high, not i.high_open))
    return Interval(low.low, high.high, low.low_open, high.high_open)


def intersection(intervals: list[Interval]) -> Interval:
    """What all of them allow: the implied bounds. May be empty."""
    low = max(intervals, key=lambda i: (i.low, i.low_open))
    high = min(intervals, key=lambda i: (i.high, not i.high_open))
    return Interval(low.low, high.high, low.low_open, high.high_open)


def interval_of(
    qualifier: Qualifier,
    value: float,
    value_max: float | None = None,
    *,
    delta: float = ABOUT_DELTA,
) -> Interval:
    """The interval a number and its qualifier imply (docs/format.md)."""
    # Compared with ==, as a match statement does (a plain "exact" is the same qualifier), against
    # module names rather than the enum's attributes: asked for every claim of a question.
    if qualifier == _EXACT:
        return Interval(value, value)
    if qualifier == _AT_LEAST:
        return Interval(value, math.inf, high_open=True)
    if qualifier == _MORE_THAN:
        return Interval(value, math.inf, low_open=True, high_open=True)
    if qualifier == _ABOUT:
        # To 15 significant digits, the bounds the format states: 42,000 * 1.1 is 46,200.00000000001 in
        # binary, which hid a clash with "more than 46,200" and printed as such in CSV and JSON.
        return Interval(float(f"{value * (1 - delta):.15g}"), float(f"{value * (1 + delta):.15g}"))
    if qualifier == _UP_TO:
        return Interval(0, value)
    if qualifier == _LESS_THAN:
        return Interval(0, value, high_open=True)
    if qualifier == _BETWEEN:
        if value_max is None:
            raise ValueError("a 'between' figure needs a second value")
        return Interval(value, value_max)
    if qualifier == _VAGUE:
        raise ValueError("a vague figure is a word: use vague_interval()")
    return None  # type: ignore[return-value]  # as the match statement this replaced did


_EXACT, _ABOUT, _AT_LEAST, _MORE_THAN = (
    Qualifier.EXACT,
    Qualifier.ABOUT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
)
_UP_TO, _LESS_THAN, _BETWEEN, _VAGUE = (
    Qualifier.UP_TO,
    Qualifier.LESS_THAN,
    Qualifier.BETWEEN,
    Qualifier.VAGUE,
)


def vague_interval(word: str) -> Interval:
    entry = VAGUE_LEXICON[word]
    return Interval(entry.low, entry.high)


def format_number(x: float) -> str:
    """200000 -> '200,000'; 3.5 -> '3.5'; integral floats lose their '.0'."""
    if type(x) is int:  # most figures: what the branches below give an int, without float arithmetic
        return f"{x:,}"
    if math.isinf(x):
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


_WORDING = {
    Qualifier.EXACT: "{v}",
    Qualifier.ABOUT: "about {v}",
    Qualifier.AT_LEAST: "at least {v}",
    Qualifier.MORE_THAN: "more than {v}",
    Qualifier.UP_TO: "up to {v}",
    Qualifier.LESS_THAN: "less than {v}",
    Qualifier.BETWEEN: "between {v} and {w}",
    Qualifier.VAGUE: "{word}",
}


def stated(qualifier: Qualifier, value: float | str, value_max: float | None = None) -> str:
    """The figure in words, qualifier kept: 'more than 200,000'."""
    if isinstance(value, str):
        return value.replace("_", " ")
    prefix = _PREFIX.get(qualifier)
    if prefix is not None:  # one number: the wording's text before it, without str.format
        return prefix + format_number(value)
    w = format_number(value_max) if value_max is not None else ""
    return _WORDING[qualifier].format(v=format_number(value), w=w, word=value)


_PREFIX = {
    q: text.removesuffix("{v}")
    for q, text in _WORDING.items()
    if text.endswith("{v}") and text.count("{") == 1
}
"""The words before the number, for the qualifiers whose wording is words then one number."""


def format_interval(iv: Interval) -> str:
    """Interval notation with open ends explicit: '(200,000, ∞)', '[229, 229]'."""
    left = "(" if iv.low_open else "["
    right = ")" if iv.high_open else "]"
    return f"{left}{format_number(iv.low)}, {format_number(iv.high)}{right}"
