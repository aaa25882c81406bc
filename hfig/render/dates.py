"""Dates in machine output: the fuzzy text as written, a plain ISO day beside it, and its precision.

A spreadsheet or SQLite sorts "~2019-05-09" after "2019-06-30" and cannot do
date arithmetic on "2019-05-late". Every date field therefore comes as three
columns: `<name>` (as written: ~2019-05-22, 2019-05-late, 2019-W21 ...),
`<name>_date` (the middle day of the span it may mean: the day hfig itself
sorts and charts by, and the day `--as-of` compares) and `<name>_precision`
(day, about, week, part_of_month, month, year). docs/format.md explains.
"""

from __future__ import annotations

import datetime as dt

from hfig.core.dates import FuzzyDate, Precision
from hfig.render.table import Cell, Column


def date_columns(name: str, role: str, title: str = "", *, terminal: bool = False,
                 no_wrap: bool = True, short: str = "", meaning: str = "",
                 merge_into: str | None = None) -> list[Column]:
    """The text, the ISO day and the precision of one date field, HXL-tagged by its role.

    HXL's #date is for dates only (libhxl validates it): the fuzzy text is tagged
    #meta+date+ROLE+text, the ISO day #date+ROLE.
    """
    return [
        Column(name, title, hxl=f"#meta+date+{role}+text", terminal=terminal, no_wrap=no_wrap,
               short=short, meaning=meaning, merge_into=merge_into),
        Column(f"{name}_date", hxl=f"#date+{role}", terminal=False),
        Column(f"{name}_precision", hxl=f"#meta+date+{role}+precision", terminal=False),
    ]


# Enum .value per call is a descriptor lookup: cheaper from a dict at 100,000 rows.
_PRECISION: dict[Precision, str] = {}


def date_cells(name: str, date: FuzzyDate | None) -> dict[str, Cell]:
    """The three cells of `date_columns(name, ...)`; all empty when there is no date."""
    return dict(zip((name, f"{name}_date", f"{name}_precision"), date_triple(date), strict=True))


def date_triple(date: FuzzyDate | None) -> tuple[Cell, Cell, Cell]:
    """The text, ISO day and precision of a date, in `date_columns` order; (None, None, None)."""
    if date is None:
        return None, None, None
    precision = _PRECISION.get(date.precision)
    if precision is None:
        precision = _PRECISION[date.precision] = date.precision.value
    return date.text, date.mid, precision


def iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
