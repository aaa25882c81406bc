"""Dates after today: almost always a typo (2205 for 2025), said by `hfig validate` as a warning.

Also the one list of the warnings made after loading, not by the loader (`after_load`):
`hfig validate` asks it of every claim, `hfig add` and `hfig import` of the new claims only.

The core has no clock (docs/architecture.md): what a figure means does not depend on
the day it is read. Only `hfig validate`, at the edge where records meet the world,
compares their dates with today - read once per run by `today()` (tests replace it) -
and only to warn: no answer changes. Why the warning is not in the data set's cache
entry nor printed by the answering commands: docs/decisions.md, "A new analyst's four".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from hfig.core.checks import check_nested_areas
from hfig.core.dates import FuzzyDate
from hfig.core.model import Claim, Problem, Severity, SourceRef

CODE = "date-in-future"


def today() -> dt.date:
    """The day the check compares with: the machine's clock, once per run."""
    return dt.date.today()


def future_dates(claims: Iterable[Claim], refs: Mapping[str, Mapping[str, SourceRef]],
                 day: dt.date) -> list[Problem]:
    """A warning for each as_of, published and period end that is certainly after `day` (every day
    a fuzzy date may mean is later: '2026-12' is not in the future on 1 December 2026)."""
    out = []
    for claim in claims:
        fields: list[tuple[str, str, FuzzyDate | None]] = [
            ("as_of", "as_of", claim.as_of),
            ("published", "published", claim.published),
            ("period", "period end", claim.period.end),
        ]
        for key, label, date in fields:
            if date is None or date.earliest <= day:
                continue
            where = refs.get(claim.id, {}).get(key, claim.source)
            out.append(Problem(
                CODE,
                f"{label} {date} is after today ({day.isoformat()}): a typo for the year? (expected a "
                f"date no later than {day.isoformat()}: a figure is stated and published in the past)",
                where, Severity.WARNING, record=claim.source))
    return out


def after_load(claims: Sequence[Claim], refs: Mapping[str, Mapping[str, SourceRef]],
               day: dt.date) -> list[Problem]:
    """The warnings only `hfig validate` and the writers (`hfig add`, `hfig import`) make, after
    loading: dates after `day`, and areas of a unit and a unit inside it
    (`check_nested_areas` says why the loader does not). Each looks up the field positions of the
    claims given only, and only of those it warns about: the writers give the new claims and
    their positions, so no other file and no existing claim is read again."""
    return [*future_dates(claims, refs, day), *check_nested_areas(claims, refs)]
