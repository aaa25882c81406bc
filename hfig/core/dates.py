"""Fuzzy dates: a date as a report states it, with the days it may mean.

"Late April" is not 2019-04-30. A `FuzzyDate` keeps the precision it was
written with and the earliest and latest days it can stand for, so that checks
and comparisons never pretend to know more than the source said.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

ABOUT_DAYS = 3
"""An `~`-date may be this many days either side of the day written."""


class Precision(str, Enum):
    DAY = "day"
    ABOUT = "about"
    WEEK = "week"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    YEAR = "year"


_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_PART = re.compile(r"(\d{4})-(\d{2})-(early|mid|late)")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")


class DateSyntaxError(ValueError):
    """The text is not a fuzzy date hfig understands, or names no real day."""


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date as stated: the days it may mean and how precisely it was said."""

    earliest: dt.date
    latest: dt.date
    precision: Precision
    text: str

    @property
    def mid(self) -> dt.date:
        """The middle of the span: the one day used to sort and to chart."""
        return self.earliest + (self.latest - self.earliest) // 2

    def __str__(self) -> str:
        return self.text


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read one of the forms in docs/format.md, or raise DateSyntaxError."""
    raw = text.strip()
    about = raw.startswith("~")
    body = raw[1:].strip() if about else raw
    try:
        if m := _DAY.fullmatch(body):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            if about:
                delta = dt.timedelta(days=ABOUT_DAYS)
                return FuzzyDate(day - delta, day + delta, Precision.ABOUT, f"~{day.isoformat()}")
            return FuzzyDate(day, day, Precision.DAY, day.isoformat())
        if about:
            raise DateSyntaxError(f"'~' goes only before a full date such as ~2019-05-23, not {raw!r}")
        if m := _WEEK.fullmatch(body):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return FuzzyDate(monday, monday + dt.timedelta(days=6), Precision.WEEK, body)
        if m := _PART.fullmatch(body):
            year, month = int(m[1]), int(m[2])
            first, last = _PARTS[m[3]]
            last = min(last, calendar.monthrange(year, month)[1])
            return FuzzyDate(
                dt.date(year, month, first), dt.date(year, month, last), Precision.PART_OF_MONTH, body
            )
        if m := _MONTH.fullmatch(body):
            year, month = int(m[1]), int(m[2])
            end = calendar.monthrange(year, month)[1]
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


def exact_day(day: dt.date) -> FuzzyDate:
    return FuzzyDate(day, day, Precision.DAY, day.isoformat())
