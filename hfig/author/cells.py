"""Cells of published tables as hfig writes them: dates, qualifiers.

Published tables (HDX/HXL exports, UCDP, ACLED, a ministry's spreadsheet) write a
day as a timestamp (`2010-11-30T00:00:00`, `2023-11-06T11:00:00.000Z`,
`1997-01-01 00:00:00+00:00`), as `07/10/2023`, or as `16 May 2025`; and a
qualifier in words (IDMC's `total`, `more than`). Each is read here into hfig's
own form, or refused with what was expected; nothing is guessed: a day and month
that could be either way round (`07/10/2023`) are an error unless the user says
the order (`--date-order dmy|mdy`). A cell hfig already reads is returned as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum


class DateOrder(str, Enum):
    """How the table writes a day with slashes or dashes: day first (dmy) or month first (mdy)."""

    DMY = "dmy"
    MDY = "mdy"


class CellError(ValueError):
    """The cell cannot be read safely; the message says what was expected."""


# A timestamp's day, as written: the time and the offset are dropped, never converted
# (a figure "as of 2023-11-06T11:00Z" is IDMC's figure of 6 November, wherever it is read).
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_MONTHS = {name: i for i, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]+)\.?,?[ -](\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")


def read_day(cell: str, order: DateOrder | None = None) -> str:
    """A date cell as hfig writes it (ISO), or the cell unchanged when it is not one of the
    table forms above (hfig's own fuzzy dates: `2019-05-late`, `~2019-05-07`, `2019-W19`)."""
    text = cell.strip()
    if _TIMESTAMP.fullmatch(text):
        return _iso(int(text[:4]), int(text[5:7]), int(text[8:10]), text)
    if m := _NUMERIC.fullmatch(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        return _numeric(text, first, second, year, order)
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        month = _MONTHS.get(m[2].lower())
        if month is not None:
            return _iso(int(m[3]), month, int(m[1]), text)
    if m := _MONTH_DAY_YEAR.fullmatch(text):
        month = _MONTHS.get(m[1].lower())
        if month is not None:
            return _iso(int(m[3]), month, int(m[2]), text)
    return cell


def _numeric(text: str, first: int, second: int, year: int, order: DateOrder | None) -> str:
    if first == second:  # 05/05/2019: the same day either way round
        return _iso(year, first, first, text)
    if order is None:
        if first > 12 >= second:  # only day first can be meant
            order = DateOrder.DMY
        elif second > 12 >= first:
            order = DateOrder.MDY
        else:
            raise CellError(f"{text!r} may be {first} {_month_name(second)} or {second} "
                            f"{_month_name(first)}; say which with --date-order dmy (day first) or "
                            f"mdy (month first), or write it as {year}-MM-DD")
    day, month = (first, second) if order is DateOrder.DMY else (second, first)
    if month > 12:
        raise CellError(f"{text!r} has no month {month} (--date-order {order.value} reads "
                        f"{'day/month' if order is DateOrder.DMY else 'month/day'})")
    return _iso(year, month, day, text)


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else f"month {month}"


def _iso(year: int, month: int, day: int, text: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise CellError(f"{text!r} is not a real date ({exc})") from None


# Qualifiers in the words tables use. IDMC's `qualifier` column says `total` of a figure
# counted as such (exact); the others are docs/format.md's words.
_QUALIFIER_WORDS = {
    "total": "exact", "exactly": "exact", "approximately": "about", "approx": "about",
    "around": "about", "over": "more_than", "no_fewer_than": "at_least", "fewer_than": "less_than",
    "under": "less_than", "at_most": "up_to", "as_many_as": "up_to",
}


def read_qualifier(cell: str) -> str:
    """`more than` -> `more_than`, IDMC's `total` -> `exact`; anything else unchanged, for the
    loader to report with the list of qualifiers."""
    key = re.sub(r"[\s-]+", "_", cell.strip().lower())
    return _QUALIFIER_WORDS.get(key, key if key else cell)
