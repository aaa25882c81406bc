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
# 13/05/2019, and as spreadsheets export it: 5/13/19 12:00 AM (the time dropped, as above)
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})"
                      r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]\.?M\.?)?)?", re.IGNORECASE)
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
        first, second, year = int(m[1]), int(m[3]), _full_year(m[4])
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


def _full_year(year: str) -> int:
    """A two-digit year as POSIX and Python's strptime read it: 69-99 are 1969-1999, 00-68
    2000-2068 (a table of figures from 1968 or before writes its years in full)."""
    if len(year) == 4:
        return int(year)
    return int(year) + (1900 if int(year) >= 69 else 2000)


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


# Counts as tables write them. A group separator is a comma, a space (French tables: a space,
# a no-break space or a narrow no-break space) or an apostrophe (Swiss tables), and a dot only
# with --decimal-comma; the groups after it are exactly three digits. Only then is a
# separator unambiguous: "1,5" or "1,23" cannot group thousands.
_SPACES = " \u00a0\u202f"
_GROUPED = {
    ".": re.compile(r"\d{1,3}(?:([,'’" + _SPACES + r"])\d{3})(?:\1\d{3})*(?:\.\d+)?"),
    ",": re.compile(r"\d{1,3}(?:([.'’" + _SPACES + r"])\d{3})(?:\1\d{3})*(?:,\d+)?"),
}
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_DOTS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")  # 12.345.678: a decimal has one point at most
_ONE_DOT = re.compile(r"\d{1,3}\.\d{3}")  # 1.234: a thousand and more, or a decimal?
_LOOKS_NUMERIC = re.compile(r"[\d.,'’" + _SPACES + r"]+")


def read_count(cell: str, decimal_comma: bool = False) -> str:
    """A number cell with its thousands separators removed, the digits exactly as written
    ("12,345" -> "12345", "1 234,5" with decimal_comma -> "1234.5"). A cell that is not
    numeric at all is returned unchanged (a vague word, a negative number: the loader says
    what is wrong with it); a numeric one that cannot be read one way only is a CellError."""
    text = cell.strip()
    if not text or not _LOOKS_NUMERIC.fullmatch(text) or not any(c.isdigit() for c in text):
        return cell
    point = "," if decimal_comma else "."
    if decimal_comma and re.fullmatch(r"\d+(?:,\d+)?", text):
        return text.replace(",", ".")
    if not decimal_comma and _PLAIN.fullmatch(text):
        if _ONE_DOT.fullmatch(text):
            raise CellError(f"{text!r} may be {text.replace('.', '')} (a dot grouping thousands, as "
                            f"German or Spanish tables write) or the decimal {text}; if the table "
                            "groups thousands with dots, import it with --decimal-comma, else write "
                            "the number without the dot")
        return text
    if _GROUPED[point].fullmatch(text):
        whole, _, fraction = text.partition(point)
        digits = "".join(c for c in whole if c.isdigit())
        return f"{digits}.{fraction}" if fraction else digits
    if not decimal_comma and _DOTS.fullmatch(text):
        return text.replace(".", "")
    separator, other = (".", ",") if decimal_comma else (",", ".")
    hint = ("with --decimal-comma a dot groups thousands" if decimal_comma
                   else "if the comma marks decimals, import with --decimal-comma")
    raise CellError(f"{text!r} cannot be read one way only: expected a plain number (1234) or "
                    f"thousands grouped in threes (1{separator}234 or 1 234, decimals after "
                    f"{other!r}); {hint}")
