"""Fuzzy dates: a date as a report states it, with the days it may mean.

"Late April" is not 2019-04-30. A `FuzzyDate` keeps the precision it was
written with and the earliest and latest days it can stand for, so that checks
and comparisons never pretend to know more than the source said.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from msgspec import Struct

from hfig.core.limits import year_problem

ABOUT_DAYS = 3
"""An `~`-date may be this many days either side of the day written."""
_ABOUT = dt.timedelta(days=ABOUT_DAYS)


class Precision(str, Enum):
    DAY = "day"
    ABOUT = "about"
    WEEK = "week"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    YEAR = "year"


_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

# ASCII digits only: \d would also take Arabic-Indic and other digits, which int() reads.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_PART = re.compile(r"([0-9]{4})-([0-9]{2})-(early|mid|late)")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"([0-9]{4})")


class DateSyntaxError(ValueError):
    """The text is not a fuzzy date hfig understands, or names no real day."""


class FuzzyDate(Struct, frozen=True, order=True):
    """A date as stated: the days it may mean and how precisely it was said."""

    earliest: dt.date
    latest: dt.date
    precision: Precision
    text: str

    @property
    def mid(self) -> dt.date:
        """The middle of the span: the one day used to sort and to chart."""
        earliest = self.earliest
        if earliest == self.latest:  # a day: no date arithmetic (asked for millions of times)
            return earliest
        return earliest + (self.latest - earliest) // 2

    def __str__(self) -> str:
        return self.text


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read one of the forms in docs/format.md, or raise DateSyntaxError.

    Years outside hfig.core.limits' range are refused here, at the one edge every date
    passes (records, the cache, options), so no later arithmetic can leave the calendar.
    """
    raw = text.strip()
    if len(raw) > 40:  # no date is this long; keep the message short
        raise DateSyntaxError(f"{raw[:20]!r}... ({len(raw):,} characters) is not a date hfig reads")
    about = raw.startswith("~")
    body = raw[1:].strip() if about else raw
    if body[:4].isascii() and body[:4].isdigit() and (problem := year_problem(int(body[:4]))):
        raise DateSyntaxError(f"{raw!r}: {problem}")
    try:
        if m := _DAY.fullmatch(body):  # most dates (8,000 parsed on every read of a large cache entry)
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            # `body` is the day's ISO form already (four, two and two ASCII digits, a real day)
            if about:
                return FuzzyDate(day - _ABOUT, day + _ABOUT, Precision.ABOUT, "~" + body)
            return FuzzyDate(day, day, Precision.DAY, body)
        if about:
            raise DateSyntaxError(f"'~' goes only before a full date such as ~2019-05-23, not {raw!r}")
        if m := _WEEK.fullmatch(body):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return FuzzyDate(monday, monday + dt.timedelta(days=6), Precision.WEEK, body)
        if m := _PART.fullmatch(body):
            year, month = int(m[1]), int(m[2])
            first, last = _PARTS[m[3]]
            last = min(last, _days_in_month(year, month))
            return FuzzyDate(
                dt.date(year, month, first), dt.date(year, month, last), Precision.PART_OF_MONTH, body
            )
        if m := _MONTH.fullmatch(body):
            year, month = int(m[1]), int(m[2])
            end = _days_in_month(year, month)
            return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, end), Precision.MONTH, body)
        if m := _YEAR.fullmatch(body):
            year = int(m[1])
            return FuzzyDate(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, body)
    except ValueError as exc:  # month 13, day 30 of February, week 54 ...
        if isinstance(exc, DateSyntaxError):
            raise
        raise DateSyntaxError(f"{raw!r} is not a real date ({exc})") from None
    raise DateSyntaxError(
        f"{raw!r} is not a date hfig reads (expected 2019-05-07, ~2019-05-07, 2019-W19, "
        "2019-05-late, 2019-05 or 2019)"
    )


def _days_in_month(year: int, month: int) -> int:
    # not calendar.monthrange: importing calendar costs more than this whole function
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return (following - dt.date(year, month, 1)).days


def exact_day(day: dt.date) -> FuzzyDate:
    return FuzzyDate(day, day, Precision.DAY, day.isoformat())
