"""What hfig accepts as a number, a year and a text: one set of rules for every way in.

`hfig validate` and the loader (hfig/load), the fast cold path (hfig/cache/fast.py),
the cache decoder (hfig/cache/codec.py) and the command-line options all ask these
functions, so they cannot disagree about what a valid record is
(tests/test_paths_agree.py generates records and checks that they do not).
docs/reliability.md states the limits for users.
"""

from __future__ import annotations

import datetime as dt
import math
import re

MIN_YEAR = 1900
MAX_YEAR = 2100
"""Dates are read from 1900 to 2100: every figure hfig is for falls inside, and no date
arithmetic near them (an `~` date's three days, a week, a timeline's steps) can leave
the calendar Python knows (years 1 to 9999)."""

MAX_NUMBER = 10**12
"""The largest figure (value, value_max, household_size): a thousand billion, far above any
count of people and far below 2**53, so every whole number up to it is exact as a float too."""

MAX_ID_CHARS = 100
"""Claim and claimant ids, metric names: short, since they are keys shown in every table."""
MAX_NAME_CHARS = 500
"""Names, units, publishers, P-codes, aliases, origins: one line of text."""
MAX_TEXT_CHARS = 20_000
"""Quotes, notes, descriptions, URLs, periods as written, reasons: a few paragraphs."""

LONG_TEXT_FIELDS = frozenset(("quote", "notes", "description", "url", "as_written", "reason"))

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters other than tab and newline (a bare carriage return splits a CSV row
in many readers), and the Unicode line and paragraph separators (line breaks to some readers)."""


def max_chars(field: str) -> int:
    """How long the text of this field may be."""
    return MAX_TEXT_CHARS if field in LONG_TEXT_FIELDS else MAX_NAME_CHARS


def text_problem(text: str, limit: int) -> str | None:
    """Why this text cannot be a field's value, or None."""
    if len(text) > limit:
        return f"is {len(text):,} characters long (at most {limit:,})"
    if text.isprintable():  # the common case, in C: no control character of any kind
        return None
    found = _CONTROL.search(text)
    if found is not None:
        return (f"holds the control character U+{ord(found.group()):04X} (only tab and newline "
                "may appear in text)")
    return None


def number_problem(value: float) -> str | None:
    """Why this number cannot be a figure, or None (negatives are refused where they are read)."""
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return f"is beyond the largest figure hfig reads ({MAX_NUMBER:,})"
    return None


def year_problem(year: int) -> str | None:
    """Why a date in this year is refused, or None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"the year {year} is outside the years hfig reads ({MIN_YEAR}-{MAX_YEAR})"
    return None


MAX_BAND_DATES = 10_000
"""The most dates a resampled timeline band may have (--every): 27 years of days. Beyond it the
answer would be too long to read and too slow to compute, so hfig stops before starting."""

_STEP_DAYS = {"day": 1, "week": 7, "month": 30}


def band_dates_problem(first: dt.date, last: dt.date, every: str) -> str | None:
    """Why resampling a band every `every` from `first` to `last` is refused, or None."""
    dates = (last - first).days // _STEP_DAYS[every] + 1
    if dates <= MAX_BAND_DATES:
        return None
    return (f"--every {every} from {first} to {last} would give about {dates:,} dates (at most "
            f"{MAX_BAND_DATES:,}); narrow it with --until or resample less often")
