"""Reconciliation: from many claims, rows of comparable figures with their spread.

The rules are written in docs/methodology.md; this module follows them in the
same order (selection, rows, parties, echoes, one claim per claimant,
staleness, intervals and flags, best estimate, range text). Every row keeps
the claims it used and the claims it set aside, each with its reason, so any
number shown traces back to claim ids.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from hfig.choices import BestRule as BestRule  # also importable from here
from hfig.core.dataset import DataSet, collection_paused
from hfig.core.dates import FuzzyDate
from hfig.core.model import Claim, Family, Metric, MetricKind
from hfig.core.qualifiers import (
    VAGUE_LEXICON,
    Interval,
    Qualifier,
    format_number,
    hull,
    intersection,
    stated,
)

PERIOD_SLACK_DAYS = 7
"""Period starts this close (beyond their fuzzy spans) fall in one cluster."""

STALE_DAYS = 7
"""A figure said more than this many days before a row's latest is stale."""

WIDE_SPREAD_RATIO = 1.5
"""Highest / lowest point value above this ratio is flagged `wide_spread`."""

FAMILY_ORDER = {f: i for i, f in enumerate(Family)}


BEST_RULE_TEXT = {
    BestRule.CONSERVATIVE: "the lowest point value, ACLED's conservative rule",
    BestRule.MEDIAN: "the median point value",
    BestRule.LATEST: "the point value of the claim said last",
    BestRule.MAX: "the highest point value",
}


class Flag(str, Enum):
    CONTRADICTION = "contradiction"
    SINGLE_SOURCE = "single_source"
    WIDE_SPREAD = "wide_spread"
    VAGUE = "vague"
    CUMULATIVE_FELL = "cumulative_fell"
    PARTY_CLAIMS = "party_claims"
    PARTY_CLAIMS_EXCLUDED = "party_claims_excluded"
    HOUSEHOLDS_CONVERTED = "households_converted"


class Reason(str, Enum):
    """Why a claim was set aside: a stable code beside the sentence."""

    NOT_YET_SAID = "not_yet_said"
    DISPUTED = "disputed"
    ECHO = "echo"
    SUPERSEDED = "superseded"
    SUB_PERIOD = "sub_period"
    STALE = "stale"


@dataclass(frozen=True)
class SetAside:
    claim: Claim
    code: Reason
    reason: str


@dataclass(frozen=True)
class Best:
    value: float
    rule: BestRule
    claim_ids: tuple[str, ...]


T = TypeVar("T")


class _once(Generic[T]):
    """A property computed on first use and kept in the instance's __dict__.

    `functools.cached_property` does this too, but in Python 3.11 it takes a
    lock on every first access, which costs 0.3 s over 100,000 rows. Writing
    the instance __dict__ directly also works on a frozen dataclass.
    """

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj: Any, owner: Any = None) -> T:
        if obj is None:  # looked up on the class
            return self  # type: ignore[return-value]
        value = self.fn(obj)
        obj.__dict__[self.name] = value  # found before this descriptor from now on
        return value


@dataclass(frozen=True)
class Row:
    """One metric, scope, unit and period cluster: the claims used and why others were not."""

    metric: Metric
    scope: frozenset[str]
    unit: str
    party: bool
    used: tuple[Claim, ...]
    set_aside: tuple[SetAside, ...]
    spread: Interval
    implied: Interval
    best: Best
    range_text: str
    flags: tuple[Flag, ...]
    echoes: int

    # The derived values below are read several times per row (row_order, key,
    # summary_row); rows are immutable, so each is computed once and kept.

    @_once
    def claimants(self) -> tuple[str, ...]:
        return tuple(sorted({c.claimant for c in self.used}))

    @_once
    def as_of(self) -> FuzzyDate:
        if len(self.used) == 1:  # most rows at scale: skip the max and its key
            return self.used[0].as_of
        return max((c.as_of for c in self.used), key=lambda d: (d.mid, d.text))

    @_once
    def period_start(self) -> FuzzyDate | None:
        if len(self.used) == 1:
            return self.used[0].period.start
        starts = [c.period.start for c in self.used if c.period.start is not None]
        return min(starts, key=lambda d: (d.mid, d.text)) if starts else None

    @_once
    def period_end(self) -> FuzzyDate:
        if len(self.used) == 1:
            return self.used[0].period_end
        return max((c.period_end for c in self.used), key=lambda d: (d.mid, d.text))

    @_once
    def area_names(self) -> tuple[str, ...]:
        return tuple(sorted({c.area.name for c in self.used}))

    @property
    def contradiction(self) -> bool:
        return Flag.CONTRADICTION in self.flags

    @_once
    def key(self) -> str:
        """A stable label for the row: metric/scope/start[/unit][/party]."""
        start = self.period_start
        when = f"from {start.text}" if start else f"as of {self.as_of.text}"
        parts = [self.metric.name, "+".join(sorted(self.scope)), when]
        if self.unit != self.metric.unit:
            parts.append(self.unit)
        if self.party:
            parts.append("party")
        return "/".join(parts)


@dataclass(frozen=True)
class Reconciliation:
    rows: tuple[Row, ...]
    unplaced: tuple[SetAside, ...] = field(default=())
    """Claims set aside before any row was formed (not yet said, disputed)."""

    def status(self) -> dict[str, tuple[str, str | None, SetAside | None]]:
        """claim id -> (row key or '', 'used' | 'set aside', the SetAside if any)."""
        out: dict[str, tuple[str, str | None, SetAside | None]] = {}
        for row in self.rows:
            for c in row.used:
                out[c.id] = (row.key, "used", None)
            for s in row.set_aside:
                out[s.claim.id] = (row.key, "set aside", s)
        for s in self.unplaced:
            out[s.claim.id] = ("", "set aside", s)
        return out


# --- values in the row's unit ------------------------------------------------


def converts_households(claim: Claim, metric: Metric) -> bool:
    return claim.unit == "households" and metric.unit == "people" and claim.household_size is not None


def unit_of(claim: Claim, metric: Metric) -> str:
    if claim.unit is None or converts_households(claim, metric):
        return metric.unit
    return claim.unit


def _factor(claim: Claim, metric: Metric) -> float:
    return claim.household_size if converts_households(claim, metric) and claim.household_size else 1.0


def interval_in_unit(claim: Claim, metric: Metric) -> Interval:
    """The claim's interval, in people when households were converted."""
    iv = claim.interval
    k = _factor(claim, metric)
    if k == 1.0:
        return iv
    return Interval(iv.low * k, iv.high * k, iv.low_open, iv.high_open)


def point_value(claim: Claim, metric: Metric | None = None) -> float:
    """The one number a claim states: its value; 'between' -> midpoint; vague -> coded value."""
    if isinstance(claim.value, str):
        value = float(VAGUE_LEXICON[claim.value].coded)
    elif claim.qualifier is Qualifier.BETWEEN and claim.value_max is not None:
        value = (claim.value + claim.value_max) / 2
    else:
        value = float(claim.value)
    return value * (_factor(claim, metric) if metric else 1.0)


def stated_in_unit(claim: Claim, metric: Metric) -> str:
    """The claim as stated; converted households say so: 'more than 5,500 (1,000 households × 5.5)'."""
    if not converts_households(claim, metric):
        return claim.stated
    k = _factor(claim, metric)
    if isinstance(claim.value, str):
        return f"{claim.stated} households × {format_number(k)}"
    vmax = claim.value_max * k if claim.value_max is not None else None
    return (f"{stated(claim.qualifier, claim.value * k, vmax)} "
            f"({format_number(claim.value)} households × {format_number(k)})")


# --- per claimant: the latest figure -----------------------------------------


def _period_days(claim: Claim) -> int:
    if claim.period.start is None:
        return 0
    return (claim.period_end.mid - claim.period.start.mid).days


def recency(claim: Claim) -> tuple[dt.date, int, str]:
    """Later as-of (middle day), then the longer period, then the id: 'latest' order."""
    return (claim.as_of.mid, _period_days(claim), claim.id)


@dataclass(frozen=True)
class Latest:
    """Result of `latest_by_claimant`."""

    kept: dict[str, Claim]  # claimant id -> the claim kept
    set_aside: tuple[SetAside, ...]
    fell: tuple[tuple[Claim, Claim], ...]  # (earlier, later) pairs where a cumulative figure fell


def latest_by_claimant(claims: Iterable[Claim], metric: Metric | None = None) -> Latest:
    """For each claimant, its latest claim among `claims` (rule 5 of docs/methodology.md).

    The caller decides which claims are comparable (same metric, scope, unit,
    period cluster); this keeps one per claimant: the latest as-of, then the
    longer period. Others are set aside as superseded (said earlier) or as a
    sub-period (said at the same time about a shorter period). A later
    cumulative figure lower than an earlier one is reported in `fell`.
    """
    by_claimant: dict[str, list[Claim]] = {}
    for c in claims:
        by_claimant.setdefault(c.claimant, []).append(c)
    kept: dict[str, Claim] = {}
    aside: list[SetAside] = []
    fell: list[tuple[Claim, Claim]] = []
    for claimant in sorted(by_claimant):
        series = sorted(by_claimant[claimant], key=recency)
        last = series[-1]
        kept[claimant] = last
        for c in series[:-1]:
            if c.as_of.mid < last.as_of.mid:
                aside.append(SetAside(c, Reason.SUPERSEDED, f"superseded by {last.id} "
                                      "(later cumulative figure of the same claimant)"))
                if (c.period.cumulative and last.period.cumulative
                        and point_value(last, metric) < point_value(c, metric)):
                    fell.append((c, last))
            else:
                aside.append(SetAside(c, Reason.SUB_PERIOD, f"sub-period of {last.id}"))
    return Latest(kept, tuple(aside), tuple(fell))


# --- grouping ---------------------------------------------------------------


def _start_span(claim: Claim) -> tuple[bool, dt.date, dt.date]:
    """(has a start, earliest, latest): the start's span, or the as-of's for stocks."""
    d = claim.period.start
    if d is not None:
        return True, d.earliest, d.latest
    return False, claim.as_of.earliest, claim.as_of.latest


def period_clusters(claims: Sequence[Claim], slack_days: int = PERIOD_SLACK_DAYS) -> list[list[Claim]]:
    """Claims whose start spans (widened by `slack_days`) overlap, transitively (rule 2.4)."""
    slack = dt.timedelta(days=slack_days)
    out: list[list[Claim]] = []
    for has_start in (True, False):
        spans = sorted(
            ((lo - slack, hi + slack, c) for c in claims
             for (h, lo, hi) in [_start_span(c)] if h is has_start),
            key=lambda t: (t[0], t[1], t[2].id),
        )
        current: list[Claim] = []
        reach = dt.date.min
        for lo, hi, c in spans:
            if current and lo > reach:
                out.append(current)
                current = []
            current.append(c)
            reach = max(reach, hi) if len(current) > 1 else hi
        if current:
            out.append(current)
    return out


def _root_origin(claim: Claim, present: dict[str, Claim]) -> Claim | None:
    """The first record of the echo chain that is in the selection, if any."""
    seen = {claim.id}
    origin = claim.origin
    found: Claim | None = None
    while origin is not None and origin in present and origin not in seen:
        found = present[origin]
        seen.add(origin)
        origin = found.origin
    return found


def _distinct(claims: Iterable[Claim]) -> list[Claim]:
    """`sorted(set(claims), key=id)`, without hashing every claim when it need not.

    Hashing a claim hashes all its fields (area, dates, period ...): at 100,000
    claims that is a measurable part of a summary. Equal claims have equal ids,
    so when the ids of the distinct objects are distinct, no two are equal and
    the objects themselves are the set; otherwise the set decides, as before.
    """
    unique = list({id(c): c for c in claims}.values())
    if len({c.id for c in unique}) != len(unique):
        unique = list(set(unique))
    return sorted(unique, key=lambda c: c.id)


def reconcile(
    claims: Iterable[Claim],
    data: DataSet,
    *,
    as_of: dt.date | None = None,
    include_parties: bool = False,
    best: BestRule = BestRule.CONSERVATIVE,
) -> Reconciliation:
    """Rows of comparable claims with spread, implied bounds, best estimate and flags."""
    with collection_paused():
        return _reconcile(claims, data, as_of, include_parties, best)


def _reconcile(claims: Iterable[Claim], data: DataSet, as_of: dt.date | None, include_parties: bool,
               best: BestRule) -> Reconciliation:
    pool = _distinct(claims)
    unplaced: list[SetAside] = []
    live: list[Claim] = []
    for c in pool:
        if as_of is not None and c.as_of.mid > as_of:
            unplaced.append(SetAside(c, Reason.NOT_YET_SAID,
                                     f"not yet said on {as_of.isoformat()} (as of {c.as_of.text})"))
        elif c.disputed:
            unplaced.append(SetAside(c, Reason.DISPUTED, "disputed: quoted in order to be rejected"))
        else:
            live.append(c)

    present = {c.id: c for c in live}
    roots = {c.id: _root_origin(c, present) for c in live}
    echo_root: dict[str, Claim] = {}
    independent: list[Claim] = []
    for c in live:
        root = roots[c.id]
        # A root that is itself an echo only happens in an origin cycle: count such claims.
        if root is not None and roots[root.id] is None:
            echo_root[c.id] = root
        else:
            independent.append(c)

    party_of = {k: v.is_party for k, v in data.claimants.items()}

    def is_party(c: Claim) -> bool:
        return party_of[c.claimant]

    # Memoised per area object (the loader and the cache share one per distinct area):
    # `Area.scope` builds a new frozenset on every call.
    scopes: dict[int, frozenset[str]] = {}
    groups: dict[tuple[str, frozenset[str], str, bool], list[Claim]] = {}
    for c in independent:
        metric = data.metric(c)
        side = is_party(c) and not include_parties
        scope = scopes.get(id(c.area))
        if scope is None:
            scope = scopes[id(c.area)] = c.area.scope
        groups.setdefault((c.metric, scope, unit_of(c, metric), side), []).append(c)
    party_scopes = {(m, s) for (m, s, _u, side) in groups if side}

    echoes_of: dict[str, list[Claim]] = {}  # root id -> its live echoes: one pass, not one per cluster
    for c in live:
        if c.id in echo_root:
            echoes_of.setdefault(echo_root[c.id].id, []).append(c)
    rows: list[Row] = []
    for (metric_name, scope, unit, side), members in groups.items():
        metric = data.metrics[metric_name]
        for cluster in period_clusters(members):
            ids = dict.fromkeys(c.id for c in cluster) if echoes_of else {}
            echoes = sorted((e for i in ids for e in echoes_of.get(i, ())), key=lambda c: c.id)
            rows.append(_build_row(
                metric, scope, unit, side, cluster, echoes, echo_root, best,
                party_excluded=not side and (metric_name, scope) in party_scopes,
                any_party=any(is_party(c) for c in cluster),
            ))
    rows.sort(key=row_order)
    return Reconciliation(tuple(rows), tuple(unplaced))


def row_order(row: Row) -> tuple[int, str, str, str, bool, str]:
    start = row.period_start
    return (FAMILY_ORDER[row.metric.family], row.metric.name, ";".join(sorted(row.scope)),
            start.mid.isoformat() if start else "~" + row.as_of.mid.isoformat(), row.party, row.key)


def _build_row(
    metric: Metric, scope: frozenset[str], unit: str, side: bool, cluster: list[Claim],
    echoes: list[Claim], echo_root: dict[str, Claim], rule: BestRule, *,
    party_excluded: bool, any_party: bool,
) -> Row:
    if len(cluster) == 1:  # most clusters at scale: nothing to supersede
        latest = Latest({cluster[0].claimant: cluster[0]}, (), ())
    else:
        latest = latest_by_claimant(cluster, metric)
    aside = list(latest.set_aside)
    kept = list(latest.kept.values())
    # Fuzzy dates get the benefit of the doubt: stale only if certainly said that much earlier
    # ("2019-06" may be 30 June, so it is not stale beside a figure of 30 June).
    newest = max(c.as_of.earliest for c in kept)
    used: list[Claim] = []
    for c in kept:
        days = (newest - c.as_of.latest).days
        if days > STALE_DAYS:
            aside.append(SetAside(c, Reason.STALE,
                                  f"stale: said {days} days before the latest figure in this row"))
        else:
            used.append(c)
    # Each used claim's point value and interval, computed once: the sort, the flags,
    # the best estimate and the range text all need them.
    ranked = sorted(((point_value(c, metric), c.id, c) for c in used), key=lambda t: t[:2])
    used = [c for _p, _i, c in ranked]
    points = [p for p, _i, _c in ranked]
    for e in echoes:
        aside.append(SetAside(e, Reason.ECHO, f"echo of {echo_root[e.id].id}"))
    aside.sort(key=lambda s: s.claim.id)

    intervals = [interval_in_unit(c, metric) for c in used]
    if len(intervals) == 1:  # the hull and intersection of one interval are that interval
        spread = implied = intervals[0]
    else:
        spread = hull(intervals)
        implied = intersection(intervals)

    flags: set[Flag] = set()
    if contradicts(used, metric):
        flags.add(Flag.CONTRADICTION)
    if len({c.claimant for c in used}) == 1:
        flags.add(Flag.SINGLE_SOURCE)
    low_p, high_p = points[0], points[-1]  # sorted by point value
    if (low_p > 0 and high_p / low_p > WIDE_SPREAD_RATIO) or (low_p == 0 and high_p > 0):
        flags.add(Flag.WIDE_SPREAD)
    if any(isinstance(c.value, str) for c in used):
        flags.add(Flag.VAGUE)
    if latest.fell:
        used_ids = {c.id for c in used}
        if any(later.id in used_ids for _e, later in latest.fell):
            flags.add(Flag.CUMULATIVE_FELL)
    if side or any_party:
        flags.add(Flag.PARTY_CLAIMS)
    if party_excluded:
        flags.add(Flag.PARTY_CLAIMS_EXCLUDED)
    if any(converts_households(c, metric) for c in used):
        flags.add(Flag.HOUSEHOLDS_CONVERTED)

    return Row(
        metric=metric, scope=scope, unit=unit, party=side, used=tuple(used), set_aside=tuple(aside),
        spread=spread, implied=implied, best=_best_of_ranked(used, points, rule),
        range_text=_range_of_ranked(used, points, intervals, metric),
        flags=tuple(sorted(flags, key=lambda f: f.value)),
        echoes=len(echoes),
    )


def contradicts(claims: Sequence[Claim], metric: Metric) -> bool:
    """Can these claims not all be true, each at the date it was said?

    Two figures for overlapping dates must share a value. A running total
    (cumulative flow) that certainly ends earlier may be lower than a later one
    but never higher: 152,210 to 7 May and 180,000 to 9 May is growth, not
    disagreement; 300,000 to 1 May and 200,000 to 20 May is a contradiction.
    """
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            # A running total counts up to the end of its period (which is its as-of
            # date when no end is given): compare the totals at those dates.
            first, second = sorted((a, b), key=lambda c: c.period_end.latest)
            ia, ib = interval_in_unit(first, metric), interval_in_unit(second, metric)
            earlier = first.period_end.latest < second.period_end.earliest
            running = metric.kind is MetricKind.FLOW and first.period.cumulative and second.period.cumulative
            if earlier and running:
                if ia.low > ib.high or (ia.low == ib.high and (ia.low_open or ib.high_open)):
                    return True
            elif intersection([ia, ib]).is_empty():
                return True
    return False


# --- best estimate and range text --------------------------------------------


def best_estimate(claims: Sequence[Claim], rule: BestRule, metric: Metric | None = None) -> Best:
    """One number, the rule that chose it, and the claims it came from (rule 8)."""
    if not claims:
        raise ValueError("a best estimate needs at least one claim")
    if rule is BestRule.LATEST:  # the order of `claims` decides ties, as it always has
        pick = max(claims, key=recency)
        return Best(point_value(pick, metric), rule, (pick.id,))
    ranked = sorted(claims, key=lambda c: (point_value(c, metric), c.id))
    return _best_of_ranked(ranked, [point_value(c, metric) for c in ranked], rule)


def _best_of_ranked(ranked: Sequence[Claim], points: Sequence[float], rule: BestRule) -> Best:
    """`best_estimate` for claims already sorted by (point value, id), with those point values."""
    match rule:
        case BestRule.CONSERVATIVE:
            i = 0
        case BestRule.MAX:
            i = points.index(points[-1])  # the first claim with the top value
        case BestRule.LATEST:
            i = max(range(len(ranked)), key=lambda k: recency(ranked[k]))
        case BestRule.MEDIAN:
            n = len(ranked)
            if n % 2 == 0:
                a, b = n // 2 - 1, n // 2
                return Best((points[a] + points[b]) / 2, rule, (ranked[a].id, ranked[b].id))
            i = n // 2
    return Best(points[i], rule, (ranked[i].id,))


def range_text(claims: Sequence[Claim], metric: Metric) -> str:
    """'more than 200,000 – more than 300,000': lowest to highest point value, as stated."""
    ranked = sorted(claims, key=lambda c: (point_value(c, metric), c.id))
    return _range_of_ranked(ranked, [point_value(c, metric) for c in ranked],
                            [interval_in_unit(c, metric) for c in ranked], metric)


def _range_of_ranked(ranked: Sequence[Claim], points: Sequence[float], intervals: Sequence[Interval],
                     metric: Metric) -> str:
    """`range_text` for claims sorted by (point value, id), with their point values and intervals."""
    low = stated_in_unit(ranked[0], metric)
    if len(ranked) == 1:
        return low
    top = points[-1]
    # Among the claims with the highest point value, show the widest-reaching wording.
    high_claim = max((k for k in range(len(ranked)) if points[k] == top),
                     key=lambda k: (intervals[k].high, ranked[k].id))
    high = stated_in_unit(ranked[high_claim], metric)
    text = low if low == high else f"{low} – {high}"
    # The spread is open above, but neither end says so ("152,210 – 180,000" beside the UN's
    # "at least 179,600"): name the open-ended claim, so the range does not look closed.
    shown = (0, high_claim)
    if not math.isinf(intervals[high_claim].high) and not math.isinf(intervals[0].high):
        open_ended = [k for k in range(len(ranked)) if math.isinf(intervals[k].high) and k not in shown]
        if open_ended:
            text += f" (and {stated_in_unit(ranked[max(open_ended, key=lambda k: points[k])], metric)})"
    return text


def finite(x: float) -> float | None:
    """None for an unbounded end (JSON null, empty CSV cell)."""
    return None if math.isinf(x) else x
