"""Timelines: how each claimant's figure grew, report by report, and the band between them.

A *series* is every claim of one claimant about one metric in one scope (set
of P-codes), in as-of order (a fuzzy as-of date sorts by its middle day). For
each report the timeline derives:

- the increment since the claimant's previous report in the series, only when
  both are running totals from the same start (the same start as written);
  otherwise no increment, and the reason;
- flags: `fell`, `start_changed`, `gap`, `same_date`, `echo`, `party`,
  `not_cumulative`, `disputed`.

The *band* is, for each scope and comparable period (starts clustered as in
reconciliation, docs/methodology.md rule 2.4), at each date where a figure is
reported, the hull of every claimant's latest running total as of that date
(dated by `as_of`, not by publication: `--as-of` gives what was known when).
Echoes count once, party claims stay out unless asked, disputed figures never
count. The rules are written in docs/methodology.md, "Timelines".
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum

from msgspec import Struct

from hfig.choices import Every as Every  # also importable from here
from hfig.core.comparable import certainly_above, knowledge_day, share_a_day
from hfig.core.dataset import Relayed, said_by
from hfig.core.dates import FuzzyDate
from hfig.core.model import Claim, Claimant
from hfig.core.qualifiers import Interval, Qualifier, hull
from hfig.core.units import converts_households as converts_households
from hfig.core.units import interval_in

GAP_DAYS = 14
"""Two consecutive reports of a series more than this many days apart: the later is flagged `gap`."""



class Flag(str, Enum):
    FELL = "fell"  # certainly lower than an earlier running total of the series that covers no more time
    START_CHANGED = "start_changed"  # the period start differs from the previous report's
    GAP = "gap"  # more than GAP_DAYS since the previous report of the series
    SAME_DATE = "same_date"  # another report of the series has the same as-of day
    ECHO = "echo"  # repeats another record (`origin`): shown, counted once
    PARTY = "party"  # said by a party to the conflict
    NOT_CUMULATIVE = "not_cumulative"  # a count for its period only, not a running total
    NO_START = "no_start"  # a flow nobody said since when: compared with nothing, kept out of the band
    DISPUTED = "disputed"  # quoted by its source in order to reject it


INCREMENT_CODES = {
    "first": "first report of the series",
    "not_cumulative": "the figure is not a running total",
    "previous_not_cumulative": "the previous report is not a running total",
    "start_changed": "the period start differs from the previous report's",
    "unit_changed": "the unit differs from the previous report's",
    "bounds_only": "the stated difference is not the increment: only the increment interval is given",
    "previous_ambiguous": "the previous day has several reports with different figures",
    "vague": "a vague figure (a word, not a number)",
    "range": "a 'between' figure: only the increment interval is given",
    "echo": "an echo: the record it repeats carries the increment",
    "disputed": "quoted by its source in order to reject it",
}
"""Why a report has no increment: code -> meaning (the `increment_code` column)."""


class Point(Struct, frozen=True):
    """One report in a series, with what the timeline derived from it."""

    claim: Claim
    flags: tuple[Flag, ...] = ()
    previous: str | None = None  # id of the previous report of the series
    increment: float | None = None  # stated value minus the previous stated value
    increment_interval: Interval | None = None  # what the two intervals allow (may be unbounded)
    increment_reason: str | None = None  # why there is no increment, in words
    increment_code: str | None = None  # the same, as a stable short code (see INCREMENT_CODES)
    fell_from: str | None = None  # id of the earlier, higher figure
    gap_days: int | None = None  # days since the previous report
    counted: bool = False  # enters the band (a running total, not an echo, party only if asked)

    @property
    def date(self) -> dt.date:
        return self.claim.as_of.mid

    @property
    def increment_exact(self) -> bool:
        """Both figures were bare numbers: the increment is exact, not a difference of bounds."""
        iv = self.increment_interval
        return iv is not None and iv.low == iv.high and not (iv.low_open or iv.high_open)


class Series(Struct, frozen=True):
    claimant: str
    scope: tuple[str, ...]  # sorted P-codes
    points: tuple[Point, ...]


class BandPoint(Struct, frozen=True):
    """The spread of claimants' latest running totals as of one date (dated by as_of, not publication)."""

    scope: tuple[str, ...]
    start: str  # the earliest period start of the band's claims, as written ('' for no start)
    date: dt.date
    interval: Interval
    claims: tuple[str, ...]  # the claim ids it is the hull of: each claimant's latest
    claimants: tuple[str, ...]
    starts: tuple[str, ...]  # the distinct period starts of those claims, as written
    changed: bool = True  # differs from the band's previous date
    converted: bool = False  # a claim in households became people (x household_size)


class Timeline(Struct, frozen=True):
    metric: str
    series: tuple[Series, ...]
    band: tuple[BandPoint, ...]
    excluded_parties: tuple[str, ...] = ()  # party claim ids kept out of the band
    every: Every | None = None
    window: tuple[dt.date | None, dt.date | None] = (None, None)  # --since, --until as days
    unit: str | None = None  # the metric's unit: figures in another unit say theirs


# --- small rules --------------------------------------------------------------


def known_by(claim: Claim, as_of: FuzzyDate) -> bool:
    """Certainly said and published by the end of `as_of` (hfig.core.comparable.knowledge_day)."""
    return knowledge_day(claim) <= as_of.latest


def _start_text(claim: Claim) -> str:
    return claim.period.start.text if claim.period.start is not None else ""


def _numeric(claim: Claim) -> float | None:
    return None if isinstance(claim.value, str) else float(claim.value)


def _order(claim: Claim) -> tuple[dt.date, dt.date, dt.date, str]:
    return (claim.as_of.mid, claim.as_of.earliest, claim.as_of.latest, claim.id)


def _recency(claim: Claim) -> tuple[dt.date, int, str]:
    """Later as-of (middle day), then the longer period, then the id (reconciliation rule 5)."""
    start = claim.period.start
    days = (claim.period_end.mid - start.mid).days if start is not None else 0
    return (claim.as_of.mid, days, claim.id)


def difference(new: Interval, old: Interval) -> Interval:
    """What `new - old` can be when each value lies anywhere in its interval."""
    return Interval(new.low - old.high, new.high - old.low,
                    new.low_open or old.high_open, new.high_open or old.low_open)


def _covers_no_less(later: Claim, earlier: Claim) -> bool:
    """`later` counts from the same start as `earlier`, or certainly from no later a day."""
    a, b = later.period.start, earlier.period.start
    if a is None or b is None:
        return a is None and b is None
    return a.text == b.text or a.latest <= b.earliest


def _lower(later: Claim, earlier: Claim, unit: str | None) -> bool:
    """Certainly lower: every value the later figure allows is below every value the earlier allows.

    "At least 300,000" after "about 310,000" (279,000 to 341,000) may be higher: not lower.
    """
    a, b = in_metric_unit(later, unit), in_metric_unit(earlier, unit)
    return a is not None and b is not None and certainly_above(b, a)


def in_metric_unit(claim: Claim, unit: str | None) -> Interval | None:
    """The claim's interval in the metric's unit (households x size), or None if it cannot be had."""
    if not _has_metric_unit(claim, unit):
        return None
    return interval_in(claim, unit)  # the claim's own interval unless households convert


def _has_metric_unit(claim: Claim, unit: str | None) -> bool:
    """Whether the claim can be had in the metric's unit: stated in it, or households that convert."""
    return claim.unit is None or claim.unit == unit or converts_households(claim, unit)


def _echo_roots(claims: Sequence[Claim]) -> dict[str, str]:
    """Echo id -> the record it repeats, following `origin` as far as the chain is present.

    An echo whose origin is absent stands in for it (it is then the only trace
    of that claim) and is not in the result; so are records on an origin cycle.
    """
    present = {c.id: c for c in claims}
    out: dict[str, str] = {}
    for c in claims:
        seen = {c.id}
        origin, found = c.origin, None
        while origin is not None and origin in present and origin not in seen:
            found = origin
            seen.add(origin)
            origin = present[origin].origin
        if found is not None and origin not in seen:
            out[c.id] = found
    return out


# --- series --------------------------------------------------------------------


def _series_points(claims: list[Claim], echoes: Mapping[str, str], is_party: Callable[[Claim], bool],
                   stock: bool, unit: str | None, include_parties: bool) -> tuple[Point, ...]:
    # An echo follows the report it repeats when both fall on one day. `claims` come in `_order`,
    # which is this order when none of them is an echo.
    ordered = claims
    if len(claims) > 1 and any(c.id in echoes for c in claims):
        ordered = sorted(claims, key=lambda c: (*_order(c)[:3], c.id in echoes, c.id))
    reports = [c for c in ordered if c.id not in echoes and not c.disputed]
    days = [c.as_of.mid for c in reports]  # in order: `ordered` is sorted by the middle day first
    by_day: dict[dt.date, int] = {}
    for day in days:
        by_day[day] = by_day.get(day, 0) + 1
    points: list[Point] = []
    for c in ordered:
        flags: list[Flag] = []
        party = is_party(c)
        if party:
            flags.append(Flag.PARTY)
        if not c.period.cumulative:
            flags.append(Flag.NOT_CUMULATIVE)
        no_start = not stock and c.period.start is None
        if no_start:
            flags.append(Flag.NO_START)
        if c.id in echoes:
            flags.append(Flag.ECHO)
            points.append(Point(c, tuple(flags), increment_reason=f"echo of {echoes[c.id]}",
                                increment_code="echo"))
            continue
        if c.disputed:
            flags.append(Flag.DISPUTED)
            points.append(Point(c, tuple(flags), increment_reason="disputed: quoted in order to be rejected",
                                increment_code="disputed"))
            continue
        day = c.as_of.mid
        if by_day[day] > 1:
            flags.append(Flag.SAME_DATE)
        earlier = reports[:bisect_left(days, day)]  # the reports said on an earlier day
        prev, ambiguous = _previous(earlier, c)
        gap = (day - prev.as_of.mid).days if prev is not None else None
        if gap is not None and gap > GAP_DAYS:
            flags.append(Flag.GAP)
        if prev is not None and _start_text(prev) != _start_text(c):
            flags.append(Flag.START_CHANGED)
        fell_from = None
        if not stock and c.period.cumulative:
            higher = [p for p in earlier
                      if p.period.cumulative and _covers_no_less(c, p) and _lower(c, p, unit)]
            if higher:
                fell_from = max(higher, key=lambda p: (p.interval.low, _numeric(p) or 0.0, p.id)).id
                flags.append(Flag.FELL)
        increment, interval, code, reason = _increment(c, prev, unit) if not ambiguous else (
            None, None, "previous_ambiguous",
            "several reports of the previous day state different figures: none is the previous one")
        points.append(Point(
            c, tuple(flags), previous=prev.id if prev else None, increment=increment,
            increment_interval=interval, increment_reason=reason, increment_code=code,
            fell_from=fell_from, gap_days=gap,
            counted=(c.period.cumulative and not no_start and _has_metric_unit(c, unit)
                     and (include_parties or not party)),
        ))
    return tuple(points)


def _previous(earlier: list[Claim], claim: Claim) -> tuple[Claim | None, bool]:
    """(the last earlier report, whether it was ambiguous).

    On a day with several, the one with the same start is taken. When several
    remain and state different figures, which one came last cannot be told
    (and the answer must not hang on claim ids): the report is the previous
    one, but no increment is computed from it.
    """
    if not earlier:
        return None, False
    day = earlier[-1].as_of.mid
    last_day = [p for p in earlier if p.as_of.mid == day]
    if len(last_day) == 1:  # most reports: one report the day before
        return last_day[0], False
    candidates = [p for p in last_day if _start_text(p) == _start_text(claim)] or last_day
    if len(candidates) == 1:
        return candidates[0], False
    ambiguous = len({(p.stated, p.unit, _start_text(p)) for p in candidates}) > 1
    return min(candidates, key=lambda p: (p.stated, p.id)), ambiguous


def _increment(claim: Claim, prev: Claim | None, unit: str | None
               ) -> tuple[float | None, Interval | None, str | None, str | None]:
    """(increment, its interval, code, reason): code and reason say why there is no increment."""
    if prev is None:
        return None, None, "first", "first report of the series"
    if not claim.period.cumulative:
        return None, None, "not_cumulative", "not a running total (cumulative: false)"
    if not prev.period.cumulative:
        return None, None, "previous_not_cumulative", f"previous report {prev.id} is not a running total"
    if _start_text(prev) != _start_text(claim):
        a, b = prev.period.start, claim.period.start
        why = f"start changed: {a.text if a else 'none'} -> {b.text if b else 'none'}"
        if a is not None and b is not None and a.earliest <= b.latest and b.earliest <= a.latest:
            why += " (written differently; may be the same day)"
        return None, None, "start_changed", why
    if (claim.unit or unit) != (prev.unit or unit):
        return None, None, "unit_changed", f"unit changed: {prev.unit or unit} -> {claim.unit or unit}"
    new, old = _numeric(claim), _numeric(prev)
    if new is None or old is None:
        return None, None, "vague", "a vague figure (a word, not a number)"
    between = difference(claim.interval, prev.interval)
    if Qualifier.BETWEEN in (claim.qualifier, prev.qualifier):
        # A range has no single stated value; only the interval of the difference is honest.
        return None, between, "range", "a 'between' figure: see increment_low and increment_high"
    if not _stated_difference_means_something(claim, prev, new - old, between):
        # "at least 300,000" after "about 310,000" is not a fall of 10,000: the increment may be
        # anything from -41,000 up. Only what the two intervals allow is honest.
        return None, between, "bounds_only", (
            f"{prev.stated} -> {claim.stated}: the difference of the stated values is not the increment; "
            "see increment_low and increment_high")
    return new - old, between, None, None


def _stated_difference_means_something(claim: Claim, prev: Claim, diff: float, between: Interval) -> bool:
    """Both figures have one qualifier, or the stated difference is an end of what the intervals allow.

    "More than 250,000" after "more than 200,000": the stated bound grew by 50,000. "More
    than 150,000" after 130,000: more than 20,000 (the low end). 180,000 after "more than
    150,000": less than 30,000 (the high end). "At least 300,000" after "about 310,000"
    (279,000 to 341,000): neither, so no number.
    """
    if claim.qualifier is prev.qualifier:
        return True
    return diff in (between.low, between.high)


# --- band ----------------------------------------------------------------------


_Member = tuple[Claim, dt.date, tuple[dt.date, int], Interval]
"""A band member with what every date of its band asks: middle day, recency, interval in the unit."""


def _band_at(members: Sequence[_Member], day: dt.date) -> tuple[Interval, list[_Member]] | None:
    """Each claimant's latest figure by `day`, and their hull.

    A claimant's latest figure is the one said last (middle day), then the one
    with the longer period. Figures it said the same day about equally long
    periods are all kept: they disagree or repeat, and the band shows both.
    """
    latest: dict[str, list[_Member]] = {}
    for m in members:
        if m[1] > day:
            continue
        claimant = m[0].claimant
        kept = latest.get(claimant)
        if kept is None or m[2] > kept[0][2]:
            latest[claimant] = [m]
        elif m[2] == kept[0][2]:
            kept.append(m)
    if not latest:
        return None
    if len(latest) == 1:
        (kept,) = latest.values()
        if len(kept) == 1:  # one figure: the hull is its interval
            return kept[0][3], kept
    used: list[_Member] = []
    for k in sorted(latest):
        kept = latest[k]
        used += kept if len(kept) == 1 else sorted(kept, key=lambda m: m[0].id)
    return hull([m[3] for m in used]), used


def _regular_days(first: dt.date, last: dt.date, every: Every) -> list[dt.date]:
    """Ends of each day, ISO week (Sunday) or month from the one holding `first` to the one holding `last`."""
    days: list[dt.date] = []
    if every is Every.DAY:
        d = first
        while d <= last:
            days.append(d)
            d += dt.timedelta(days=1)
        return days
    if every is Every.WEEK:
        d = first + dt.timedelta(days=6 - first.weekday())
        while True:
            days.append(d)
            if d >= last:
                return days
            d += dt.timedelta(days=7)
    year, month = first.year, first.month
    while True:
        # The month's last day: the day before the next month's first (calendar costs an import).
        d = dt.date(year, 12, 31) if month == 12 else dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        days.append(d)
        if d >= last:
            return days
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def band_groups(claims: Sequence[Claim], stock: bool) -> list[list[Claim]]:
    """Running totals whose starts share a day (as summary rows: never chained).

    Stocks share one band per scope, whatever start a record may give: the band follows them over
    time. (Flows without a start never reach the band: they are compared with nothing.)
    """
    if stock:
        return [list(claims)] if claims else []
    started = [c for c in claims if c.period.start is not None]
    unstarted = [c for c in claims if c.period.start is None]
    groups = share_a_day(started, lambda c: (c.period.start.earliest, c.period.start.latest)  # type: ignore[union-attr]
                         ) if started else []
    return groups + ([unstarted] if unstarted else [])


def _band(pool: Sequence[Claim], stock: bool, every: Every | None, end: dt.date | None,
          known_on: dt.date | None, unit: str | None,
          scope_of: Callable[[Claim], tuple[str, ...]]) -> list[BandPoint]:
    by_scope: dict[tuple[str, ...], list[Claim]] = {}
    for c in pool:
        by_scope.setdefault(scope_of(c), []).append(c)
    out: list[BandPoint] = []
    for scope in sorted(by_scope):
        for members in band_groups(by_scope[scope], stock):
            starts = [c.period.start for c in members if c.period.start is not None]
            start = min(starts, key=lambda d: (d.mid, d.text)).text if starts else ""
            report_days = sorted({c.as_of.mid for c in members})
            if every is None:
                extra = known_on is not None and known_on > report_days[-1]
                days = report_days + ([known_on] if extra and known_on is not None else [])
            else:
                days = _regular_days(report_days[0], max(report_days[-1], end or report_days[-1]), every)
            previous: Interval | None = None
            known = [(c, c.as_of.mid, _recency(c)[:2], in_metric_unit(c, unit) or c.interval)
                     for c in members]
            for day in days:
                found = _band_at(known, day)
                if found is None:
                    continue
                interval, kept = found
                if len(kept) == 1:  # one claimant's figure (most band dates at scale)
                    c = kept[0][0]
                    out.append(BandPoint(scope, start, day, interval, (c.id,), (c.claimant,),
                                         (_start_text(c),), interval != previous,
                                         converts_households(c, unit)))
                else:
                    used = [m[0] for m in kept]
                    out.append(BandPoint(
                        scope=scope, start=start, date=day, interval=interval,
                        claims=tuple(c.id for c in used), claimants=tuple(c.claimant for c in used),
                        starts=tuple(sorted({_start_text(c) for c in used})),
                        changed=interval != previous,
                        converted=any(converts_households(c, unit) for c in used),
                    ))
                previous = interval
    return out


# --- the timeline ----------------------------------------------------------------


def _scopes() -> Callable[[Claim], tuple[str, ...]]:
    """A claim's sorted P-codes, made once per area object (claims share them)."""
    made: dict[int, tuple[str, ...]] = {}

    def scope_of(claim: Claim) -> tuple[str, ...]:
        area = claim.area
        scope = made.get(id(area))
        if scope is None:
            scope = made[id(area)] = tuple(sorted(set(area.pcodes)))
        return scope

    return scope_of


def build_timeline(
    claims: Iterable[Claim],
    claimants: Mapping[str, Claimant],
    metric: str,
    *,
    unit: str | None = None,
    stock: bool = False,
    include_parties: bool = False,
    as_of: FuzzyDate | None = None,
    since: FuzzyDate | None = None,
    until: FuzzyDate | None = None,
    every: Every | None = None,
    origins: Mapping[str, Relayed] | None = None,
) -> Timeline:
    """Series per claimant and scope, and the band, for the claims of one metric.

    Everything is computed from what was said by `as_of` (knowledge time);
    `since`/`until` then only choose which reports and band dates are shown, so
    the first increment shown still counts from the report before `since`.
    `origins` (echo id -> the first record it relays, `hfig.core.dataset.first_origins`) puts an
    echo on that record's side, as reconciliation does, whether or not the record is in `claims`
    or known by `as_of`: the side is the relay's own words ("the ministry says"), not a figure.
    """
    pool = sorted((c for c in claims if c.metric == metric and (as_of is None or known_by(c, as_of))),
                  key=_order)
    echoes = _echo_roots(pool)

    relays = origins or {}

    def is_party(c: Claim) -> bool:
        return claimants[said_by(c, relays).claimant].is_party

    scope_of = _scopes()
    groups: dict[tuple[str, tuple[str, ...]], list[Claim]] = {}
    for c in pool:
        groups.setdefault((c.claimant, scope_of(c)), []).append(c)
    lo = since.earliest if since else None
    hi = until.latest if until else None

    def shown(day: dt.date) -> bool:
        return (lo is None or day >= lo) and (hi is None or day <= hi)

    series: list[Series] = []
    counted: list[Claim] = []
    for (claimant, scope), members in sorted(groups.items()):
        points = _series_points(members, echoes, is_party, stock, unit, include_parties)
        counted += [p.claim for p in points if p.counted]
        visible = tuple(p for p in points if shown(p.date))
        if visible:
            series.append(Series(claimant, scope, visible))

    end_day = hi if hi is not None else (as_of.latest if as_of is not None else None)
    known_on = as_of.latest if as_of is not None else None
    bands = _band(counted, stock, every, end_day, known_on, unit, scope_of) if counted else []
    band = [b for b in bands if shown(b.date)]
    excluded = () if include_parties else tuple(sorted(c.id for c in pool if is_party(c)))
    return Timeline(metric, tuple(series), tuple(band), excluded, every, (lo, hi), unit)


def finite(x: float) -> float | None:
    """None for an unbounded end, for outputs that hold numbers only."""
    return None if math.isinf(x) else x
