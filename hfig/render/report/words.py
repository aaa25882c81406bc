"""What the report says in words: dates, intervals, flags, claimant kinds, any field of a row.

A reader of a briefing note should not need hfig's manual: "~2019-05-23" is
"about 23 May 2019", "(200,000, ∞)" is "more than 200,000", `single_source` is
"one independent claimant". Codes the report does not know yet (a flag added
to the method later) still read as words: the code with its underscores as
spaces.
"""

from __future__ import annotations

import datetime as dt
import math

from hfig.core.dates import DateSyntaxError, FuzzyDate, Precision, parse_fuzzy_date
from hfig.core.qualifiers import Interval, format_number
from hfig.render.table import Cell

FLAG_WORDS = {
    "contradiction": "Contradiction: these figures certainly cannot all be true at the dates they "
                     "were said, or a count breaks the bound of a longer period's count.",
    "part_exceeds_whole": "A part (a sub-area or a narrower metric) is certainly larger than its whole.",
    "no_start": "A count over a period with no stated start: compared with nothing.",
    "echo_differs": "A repeat of another report differs from it; it is still counted once, with its "
                    "origin.",
    "single_source": "One independent claimant only.",
    "wide_spread": "Wide spread: the highest figure is more than 1.5 times the lowest.",
    "vague": "Includes a vague word (such as “dozens”), read with a documented lexicon.",
    "cumulative_fell": "A claimant’s later running total is lower than its earlier one: "
                       "a definition or an area probably changed.",
    "party_claims": "Holds claims by a party to the conflict.",
    "party_claims_excluded": "A party to the conflict also gave figures for this; they are in a "
                             "row of their own.",
    "households_converted": "A count of households was converted to people with its stated "
                            "household size.",
}
"""Flag code -> a sentence. Flags not listed read as their code in words (`flag_words`)."""

WARNING_FLAGS = frozenset({"contradiction", "part_exceeds_whole", "cumulative_fell", "party_claims"})
"""Flags the page draws attention to."""

KIND_WORDS = {
    "un": "UN agency",
    "ngo": "NGO",
    "monitor": "monitoring group",
    "civil_defence": "civil defence",
    "government": "government",
    "party_to_conflict": "party to the conflict",
    "media": "media",
}


def humanise(code: str) -> str:
    """'part_exceeds_whole' -> 'part exceeds whole'."""
    return code.replace("_", " ").strip()


def flag_words(code: str) -> str:
    return FLAG_WORDS.get(code) or humanise(code).capitalize() + "."


def kind_words(code: str) -> str:
    return KIND_WORDS.get(code, humanise(code))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
"""In English whatever the locale (strftime's %B follows LC_TIME): the page must not depend on it."""


def month(day: dt.date, short: bool = False) -> str:
    name = MONTHS[day.month - 1]
    return name[:3] if short else name


def day_words(day: dt.date) -> str:
    """23 May 2019."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _part(day: dt.date) -> str:
    return "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"


def date_words(date: FuzzyDate) -> str:
    """A fuzzy date as a person says it, never more precise than it was stated."""
    match date.precision:
        case Precision.DAY:
            return day_words(date.earliest)
        case Precision.ABOUT:
            return f"about {day_words(date.mid)}"
        case Precision.WEEK:
            iso = date.earliest.isocalendar()
            return (f"week {iso.week} of {iso.year} ({date.earliest.day} {month(date.earliest, True)}"
                    f"–{date.latest.day} {month(date.latest, True)})")
        case Precision.PART_OF_MONTH:
            return f"{_part(date.earliest)} {month(date.earliest)} {date.earliest.year}"
        case Precision.MONTH:
            return f"{month(date.earliest)} {date.earliest.year}"
        case Precision.YEAR:
            return str(date.earliest.year)
    return date.text


def text_date_words(text: str | None) -> str | None:
    """A date as written in the record format, in words; text hfig cannot read stays as it is."""
    if text is None:
        return None
    try:
        return date_words(parse_fuzzy_date(text))
    except DateSyntaxError:
        return text


def interval_words(iv: Interval) -> str:
    """The values an interval allows: 'more than 200,000', 'between 11.7 and 14.3', 'up to 50'."""
    if iv.is_empty():
        return "no value (the figures exclude each other)"
    low, high = format_number(iv.low), format_number(iv.high)
    if math.isinf(iv.high):
        return f"more than {low}" if iv.low_open else f"at least {low}"
    if iv.low == iv.high:
        return low
    if iv.low == 0 and not iv.low_open:
        return f"less than {high}" if iv.high_open else f"up to {high}"
    if iv.low_open or iv.high_open:
        above = f"more than {low}" if iv.low_open else f"at least {low}"
        below = f"less than {high}" if iv.high_open else f"at most {high}"
        return f"{above} and {below}"
    return f"between {low} and {high}"


def bounds_words(low: float | None, high: float | None, low_open: bool | None, high_open: bool | None
                 ) -> str:
    """`interval_words` for a row's number columns, where an unbounded end is None."""
    if low is None and high is None:
        return "no value"
    return interval_words(Interval(0.0 if low is None else float(low),
                                   math.inf if high is None else float(high),
                                   bool(low_open), bool(high_open)))


def cell_text(value: Cell) -> str:
    """Any field of a result row as text: numbers with separators, lists joined, yes/no."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value) if value else "—"
    return str(value)
