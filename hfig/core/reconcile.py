"""Reconciliation: from many claims, rows of comparable figures with their spread.

The rules are written in docs/methodology.md; this module follows them in the
same order (selection, rows, parties, echoes, one claim per claimant,
staleness, vague words, intervals and flags, best estimate, range text).
Which claims are comparable, and how, is decided in `hfig.core.comparable`;
how rows bound one another (nested periods, parts and wholes) in
`hfig.core.relations`. Every row keeps the claims it used and the claims it
set aside, each with its reason, so any number shown traces back to claim ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from operator import attrgetter

from msgspec import Struct, field

from hfig.choices import BestRule as BestRule  # also importable from here
from hfig.core.comparable import (
    Shape,
    certainly_above,
    contradicts,
    echo_differences,
    knowledge_day,
    shape_of,
    share_a_day,
)
from hfig.core.dataset import DataSet, Relayed, collection_paused, first_origins, said_by
from hfig.core.dates import FuzzyDate
from hfig.core.grades import DEFAULT_MIN_GRADE, MinGrade
from hfig.core.model import Claim, Claimant, Family, Metric
from hfig.core.qualifiers import Interval, format_number, hull, intersection
from hfig.core.units import (
    converts_households,
    interval_in_unit,
    point_value,
    stated_in_unit,
    unit_of,
)

__all__ = [
    "BEST_RULE_TEXT", "Best", "BestRule", "Bound", "Flag", "Latest", "Reason", "Reconciliation", "Row",
    "SetAside", "best_estimate", "converts_households", "finite", "independent_count", "interval_in_unit",
    "latest_by_claimant", "point_value", "range_text", "reconcile", "row_order", "stated_in_unit", "unit_of",
]

STALE_DAYS = 7
"""A running total said more than this many days before a row's latest is stale."""

WIDE_SPREAD_RATIO = 1.5
"""Highest / lowest point value above this ratio is flagged `wide_spread`."""

FAMILY_ORDER = {f: i for i, f in enumerate(Family)}


BEST_RULE_TEXT = {
    BestRule.CONSERVATIVE: "the lowest value the claims allow, ACLED's conservative rule",
    BestRule.MEDIAN: "the median of the claims' values, within what they allow",
    BestRule.LATEST: "the value of the claim said last, within what the claims allow",
    BestRule.MAX: "the highest value the claims allow",
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
    NO_START = "no_start"
    ECHO_DIFFERS = "echo_differs"
    PART_EXCEEDS_WHOLE = "part_exceeds_whole"


class Reason(str, Enum):
    """Why a claim was set aside: a stable code beside the sentence."""

    NOT_YET_SAID = "not_yet_said"
    DISPUTED = "disputed"
    GRADE = "grade"
    ECHO = "echo"
    SUPERSEDED = "superseded"
    SUB_PERIOD = "sub_period"
    REVISED = "revised"
    STALE = "stale"
    VAGUE = "vague"


class SetAside(Struct, frozen=True):
    claim: Claim
    code: Reason
    reason: str


class Best(Struct, frozen=True):
    value: float
    rule: BestRule
    claim_ids: tuple[str, ...]
    stated: str = ""
    """The estimate with its qualifier: 'more than 300,000', never a bare 300,000 when that is excluded."""
    bounded: bool = False
    """The value was moved to the edge of what the claims jointly allow (the implied bounds)."""


class Bound(Struct, frozen=True):
    """What a claim in another row says about this row: a longer period bounds it above, a shorter below."""

    value: float
    open: bool
    claim: str  # the claim in the other row that gives the bound
    of: str  # the claim of this row it bounds
    text: str


class Row(Struct, frozen=True):
    """One metric, scope, unit and period: the claims used, and why others were not."""

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
    # What the tables and the order read of the claims used (every row, often): made with the row.
    key: str
    """A stable label for the row: metric/scope/period[/unit][/party] (`_row_key`)."""
    claimants: tuple[str, ...]
    """The claimants of the claims used, sorted."""
    as_of: FuzzyDate
    """The latest as-of date of the claims used (by middle day, then text); so are the two below."""
    period_start: FuzzyDate | None
    period_end: FuzzyDate
    area_names: tuple[str, ...]
    shape: Shape = Shape.RUNNING
    when: str = ""
    """The period as the row key names it: 'from 2019-04-late', '2019-05-04 to 2019-05-05', 'as of ...'."""
    n_independent: int = 0
    """Claimants used that are not part of one another (OCHA is part of the UN: one, not two)."""
    claimants_in_row: tuple[str, ...] = ()
    """Every claimant with a claim placed in the row, used or set aside (echoes not counted)."""
    nested_high: Bound | None = None
    nested_low: Bound | None = None
    conflicts: tuple[str, ...] = ()
    """Contradictions with other rows and parts larger than their whole, in words."""

    @property
    def contradiction(self) -> bool:
        return Flag.CONTRADICTION in self.flags

    @property
    def counts(self) -> str:
        """'2 independent of 3 claimants': who is current beside who was set aside."""
        m = len(self.claimants_in_row)
        return f"{self.n_independent} independent of {m} claimant{'s' if m != 1 else ''}"


def _row_key(metric: Metric, scope: str, when: str, unit: str, party: bool) -> str:
    """`Row.key`, given the row's P-codes joined by '+'."""
    key = f"{metric.name}/{scope}/{when}"
    if unit != metric.unit:
        key += f"/{unit}"
    return key + "/party" if party else key


def _latest(dates: Iterable[FuzzyDate]) -> FuzzyDate:
    return max(dates, key=lambda d: (d.mid, d.text))


class Reconciliation(Struct, frozen=True):
    rows: tuple[Row, ...]
    unplaced: tuple[SetAside, ...] = field(default=())
    """Claims set aside before any row was formed (not yet said, disputed, below the grade)."""

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


# --- independence ---------------------------------------------------------------


def independent_count(claimants: Iterable[str], registry: Mapping[str, Claimant]) -> int:
    """How many of these claimants are independent: none is an organisational part of another.

    The UN and OCHA (part of the UN) are one source; OCHA and WHO, both parts
    of the UN but neither part of the other, are two. This is the largest set
    of claimants none of which is part of another: those with no part present.
    """
    present = set(claimants)
    if len(present) <= 1:
        return len(present)
    has_part: set[str] = set()
    for cid in present:
        seen = {cid}
        parent = registry[cid].part_of if cid in registry else None
        while parent is not None and parent not in seen:
            if parent in present:
                has_part.add(parent)
            seen.add(parent)
            parent = registry[parent].part_of if parent in registry else None
    return len(present - has_part)


# --- per claimant: the current figures -------------------------------------------


def _days(claim: Claim) -> int:
    if claim.period.start is None:
        return 0
    return (claim.period_end.mid - claim.period.start.mid).days


def recency(claim: Claim) -> tuple[dt.date, int]:
    """Later as-of (middle day), then the longer period: the 'latest' order (never the id)."""
    return (claim.as_of.mid, _days(claim))


def _certainly_later(a: FuzzyDate, b: FuzzyDate) -> bool:
    return a.earliest > b.latest


def _maximal(claims: list[Claim], date_of: Callable[[Claim], FuzzyDate]) -> list[Claim]:
    """The claims no other is certainly later than, by `date_of`: in one pass, however many there are.

    `d` is certainly later than `c` when d's earliest day is after c's latest, so `c` stays
    when its latest day reaches the greatest earliest day among the others.
    """
    if len(claims) == 1:
        return list(claims)
    earliest = sorted(((date_of(c).earliest, k) for k, c in enumerate(claims)), reverse=True)
    (top, top_k), (second, _) = earliest[0], earliest[1]
    return [c for k, c in enumerate(claims) if date_of(c).latest >= (second if k == top_k else top)]


class Latest(Struct, frozen=True):
    """Result of `latest_by_claimant`."""

    kept: dict[str, tuple[Claim, ...]]  # claimant id -> its current claims (several when undecidable)
    set_aside: tuple[SetAside, ...]
    fell: tuple[tuple[Claim, Claim], ...]  # (earlier, later) running totals: the later certainly lower


def latest_by_claimant(claims: Iterable[Claim], metric: Metric) -> Latest:
    """For each claimant, its current claims among `claims` (rule 7 of docs/methodology.md).

    The caller has put comparable claims together (one row). For running
    totals, a figure to a certainly later end replaces one to an earlier end
    ("superseded"; said at the same time, the shorter is a "sub-period"). For
    claims about the same period (and among running totals whose ends may be
    the same), a figure certainly said later revises the earlier ("revised").
    When neither is certain, both are kept: which is current cannot be told,
    and the answer must not depend on which was written first or on ids.
    """
    by_claimant: dict[str, list[Claim]] = {}
    for c in claims:
        by_claimant.setdefault(c.claimant, []).append(c)
    kept: dict[str, tuple[Claim, ...]] = {}
    aside: list[SetAside] = []
    fell: list[tuple[Claim, Claim]] = []
    metric_iv = {c.id: interval_in_unit(c, metric) for cs in by_claimant.values() for c in cs}
    for claimant in sorted(by_claimant):
        series = by_claimant[claimant]
        if len(series) == 1:
            kept[claimant] = (series[0],)
            continue
        running = shape_of(series[0], metric) is Shape.RUNNING
        pool = series
        if running:
            pool = _maximal(series, lambda c: c.period_end)
        current = _maximal(pool, lambda c: c.as_of)
        current.sort(key=lambda c: c.id)
        kept[claimant] = tuple(current)
        names = ", ".join(c.id for c in current)
        for c in sorted(series, key=lambda c: c.id):
            if c in current:
                continue
            if running and c not in pool:
                if any(not _certainly_later(d.as_of, c.as_of) and not _certainly_later(c.as_of, d.as_of)
                       for d in current):
                    aside.append(SetAside(c, Reason.SUB_PERIOD, f"sub-period of {names} (same claimant, "
                                          "said at the same time about a longer period)"))
                else:
                    aside.append(SetAside(c, Reason.SUPERSEDED, f"superseded by {names} (a later running "
                                          "total of the same claimant)"))
                if any(certainly_above(metric_iv[c.id], metric_iv[d.id]) for d in current):
                    fell.extend((c, d) for d in current if certainly_above(metric_iv[c.id], metric_iv[d.id]))
            else:
                aside.append(SetAside(c, Reason.REVISED, f"revised by {names} (the same claimant, said "
                                      "later about the same period)"))
    return Latest(kept, tuple(aside), tuple(fell))


# --- rows -----------------------------------------------------------------------


def _start_span(c: Claim) -> tuple[dt.date, dt.date]:
    d = c.period.start
    assert d is not None
    return d.earliest, d.latest


def _end_span(c: Claim) -> tuple[dt.date, dt.date]:
    d = c.period_end
    return d.earliest, d.latest


def _label(dates: Sequence[FuzzyDate]) -> str:
    """The text of the earliest of these dates (by middle day, then text): a row's period in its key."""
    if len(dates) == 1:  # most rows: one claim
        return dates[0].text
    return min(dates, key=lambda d: (d.mid, d.text)).text


def period_rows(members: Sequence[Claim], metric: Metric) -> list[tuple[Shape, str, list[Claim]]]:
    """Claims of one metric, scope, unit and side, split into rows of one period (rule 2).

    Running totals share a row when their starts share a day; figures for a
    fixed period when their starts share a day and their ends share a day;
    stocks when their dates share a day. A flow without a start is a row of
    its own. Groups never chain: see `share_a_day`.
    """
    if len(members) == 1:  # most groups at scale: one claim, one row
        c = members[0]
        shape = shape_of(c, metric)
        if shape is Shape.NO_START:
            return [(shape, f"to {c.period_end.text}, no start: {c.id}", [c])]
        if shape is Shape.STOCK:
            return [(shape, f"as of {c.period_end.text}", [c])]
        start = c.period.start.text if c.period.start else ""
        when = f"from {start}" if shape is Shape.RUNNING else f"{start} to {c.period_end.text}"
        return [(shape, when, [c])]
    by_shape: dict[Shape, list[Claim]] = {}
    for c in members:
        by_shape.setdefault(shape_of(c, metric), []).append(c)
    out: list[tuple[Shape, str, list[Claim]]] = []
    for c in by_shape.get(Shape.NO_START, ()):
        out.append((Shape.NO_START, f"to {c.period_end.text}, no start: {c.id}", [c]))
    for group in share_a_day(by_shape.get(Shape.STOCK, []), _end_span):
        out.append((Shape.STOCK, f"as of {_label([c.period_end for c in group])}", group))
    for group in share_a_day(by_shape.get(Shape.RUNNING, []), _start_span):
        start = _label([c.period.start for c in group if c.period.start])
        out.append((Shape.RUNNING, f"from {start}", group))
    for starts in share_a_day(by_shape.get(Shape.FIXED, []), _start_span):
        start = _label([c.period.start for c in starts if c.period.start])
        for group in share_a_day(starts, _end_span):
            out.append((Shape.FIXED, f"{start} to {_label([c.period_end for c in group])}", group))
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
    return sorted(unique, key=attrgetter("id"))


def reconcile(
    claims: Iterable[Claim],
    data: DataSet,
    *,
    as_of: dt.date | None = None,
    include_parties: bool = False,
    best: BestRule = BestRule.CONSERVATIVE,
    min_grade: MinGrade = DEFAULT_MIN_GRADE,
) -> Reconciliation:
    """Rows of comparable claims with spread, implied bounds, best estimate and flags."""
    with collection_paused():
        return _reconcile(claims, data, as_of, include_parties, best, min_grade)


def _unplaced(pool: list[Claim], data: DataSet, as_of: dt.date | None, min_grade: MinGrade,
              relays: Mapping[str, Relayed]) -> tuple[list[Claim], list[SetAside]]:
    """Claims no row may use, whatever else is said: not yet known, disputed, graded too low.

    An echo is graded as the first record it relays (`relays`, among every loaded claim: `first_origins`):
    it passes or fails with it, whether or not that record is selected.
    """
    unplaced: list[SetAside] = []
    live: list[Claim] = []
    grade_of = {k: v.reliability for k, v in data.claimants.items()}
    grading = min_grade.reliability is not None or min_grade.credibility is not None
    for c in pool:
        first = said_by(c, relays)
        if as_of is not None and knowledge_day(c) > as_of:
            known = knowledge_day(c).isoformat()
            said = f"as of {c.as_of.text}" + (f", published {c.published.text}" if c.published else "")
            unplaced.append(SetAside(c, Reason.NOT_YET_SAID, f"not yet said on {as_of.isoformat()} "
                                     f"({said}: known from {known})"))
        elif c.disputed:
            unplaced.append(SetAside(c, Reason.DISPUTED, "disputed: quoted in order to be rejected"))
        elif grading and (why := min_grade.reason(grade_of.get(first.claimant),
                                                  first.credibility)) is not None:
            said = why if first is c else f"relays {first.id}, set aside by grade ({why})"
            unplaced.append(SetAside(c, Reason.GRADE, said))
        else:
            live.append(c)
    return live, unplaced


def _reconcile(claims: Iterable[Claim], data: DataSet, as_of: dt.date | None, include_parties: bool,
               best: BestRule, min_grade: MinGrade) -> Reconciliation:
    from hfig.core.relations import relate

    pool = _distinct(claims)
    relays = first_origins(pool, data)
    live, unplaced = _unplaced(pool, data, as_of, min_grade, relays)
    present = {c.id: c for c in live}
    roots = {c.id: _root_origin(c, present) if c.origin is not None else None for c in live}
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

    # Memoised per area object (the loader and the cache share one per distinct area):
    # `Area.scope` builds a new frozenset on every call.
    scopes: dict[int, frozenset[str]] = {}
    metrics = data.metrics
    groups: dict[tuple[str, frozenset[str], str, bool], list[Claim]] = {}
    for c in independent:
        metric = metrics[c.metric]
        side = _is_party(c, party_of, relays) and not include_parties
        scope = scopes.get(id(c.area))
        if scope is None:
            scope = scopes[id(c.area)] = c.area.scope
        groups.setdefault((c.metric, scope, unit_of(c, metric), side), []).append(c)
    party_scopes = {(m, s) for (m, s, _u, side) in groups if side}

    echoes_of: dict[str, list[Claim]] = {}  # root id -> its live echoes: one pass, not one per row
    for c in live:
        if c.id in echo_root:
            echoes_of.setdefault(echo_root[c.id].id, []).append(c)
    context = _Context(best, data.claimants, echo_root, echoes_of, party_of, relays)
    rows: list[Row] = []
    scope_keys: dict[int, str] = {}  # each scope's P-codes joined by '+' (its part of the row keys), once
    for (metric_name, scope, unit, side), members in groups.items():
        metric = metrics[metric_name]
        excluded = not side and (metric_name, scope) in party_scopes
        scope_key = scope_keys.get(id(scope))
        if scope_key is None:
            scope_key = scope_keys[id(scope)] = "+".join(sorted(scope))
        for shape, when, group in period_rows(members, metric):
            if len(group) == 1 and group[0].id not in echoes_of:  # most rows at scale: one claim, no echo
                rows.append(_single_row(metric, scope, scope_key, unit, side, shape, when, group[0], context,
                                        excluded))
            else:
                rows.append(_build_row(metric, scope, scope_key, unit, side, shape, when, group, context,
                                       party_excluded=excluded))
    rows = relate(rows, data)
    rows.sort(key=_row_order())
    return Reconciliation(tuple(rows), tuple(unplaced))


def _row_order() -> Callable[[Row], str]:
    """`row_order`, with each scope's and date's text made once: rows share their scopes and dates."""
    scope_text: dict[int, str] = {}  # P-codes joined by ';'
    start_text: dict[int, str] = {}
    end_text: dict[int, str] = {}  # a row without a start sorts after every start ('~')

    def order(row: Row) -> str:
        scope = row.scope
        text = scope_text.get(id(scope))
        if text is None:
            text = scope_text[id(scope)] = ";".join(sorted(scope))
        start = row.period_start
        if start is not None:
            day = start_text.get(id(start))
            if day is None:
                day = start_text[id(start)] = start.mid.isoformat()
        else:
            end = row.period_end
            day = end_text.get(id(end))
            if day is None:
                day = end_text[id(end)] = "~" + end.mid.isoformat()
        metric = row.metric
        return f"{_FAMILY_RANK[metric.family]}\0{metric.name}\0{text}\0{day}\0{_SIDE[row.party]}\0{row.key}"

    return order


_FAMILY_RANK = {f: chr(ord("A") + i) for f, i in FAMILY_ORDER.items()}
_SIDE = {False: "0", True: "1"}


def row_order(row: Row) -> str:
    """The order rows are shown in: family, metric, scope, start (or '~' and the end), party, key.

    One string, the parts joined by NUL, which sorts below every character and which no name, id,
    P-code, day or key holds (the loader refuses control characters): it orders as the tuple of the
    parts would, and compares in C (sorting 19,000 rows: 44 -> 39 ms).
    """
    return _row_order()(row)


class _Context(Struct, frozen=True):
    rule: BestRule
    registry: Mapping[str, Claimant]
    echo_root: Mapping[str, Claim]
    echoes_of: Mapping[str, list[Claim]]
    party_of: Mapping[str, bool]
    relays: Mapping[str, Relayed]
    """Echo id -> the first record it relays (rule 6): its side and grade, not its claimant's."""

    def is_party(self, c: Claim) -> bool:
        return _is_party(c, self.party_of, self.relays)


def _is_party(c: Claim, party_of: Mapping[str, bool], relays: Mapping[str, Relayed]) -> bool:
    """A party's figure: said by a party, or an echo relaying one (rule 6), whoever relays it."""
    return party_of[said_by(c, relays).claimant]


def _stale(kept: list[Claim]) -> tuple[list[Claim], list[SetAside]]:
    """Running totals certainly said more than STALE_DAYS before the newest in the row (rule 6)."""
    newest = max(c.as_of.earliest for c in kept)
    used: list[Claim] = []
    aside: list[SetAside] = []
    for c in kept:
        days = (newest - c.as_of.latest).days
        if days > STALE_DAYS:
            aside.append(SetAside(c, Reason.STALE, f"stale: said {days} days before the latest figure in "
                                  "this row"))
        else:
            used.append(c)
    return used, aside


def _vague_aside(used: list[Claim]) -> tuple[list[Claim], list[SetAside]]:
    """A vague word counts only where no number is reported for the row (ACLED's rule)."""
    words = [c for c in used if isinstance(c.value, str)]
    if not words or len(words) == len(used):
        return used, []
    return ([c for c in used if not isinstance(c.value, str)],
            [SetAside(c, Reason.VAGUE, "a vague word, and the row has a number: words are coded only where "
                      "no number is reported") for c in words])


def _single_row(
    metric: Metric, scope: frozenset[str], scope_key: str, unit: str, side: bool, shape: Shape, when: str,
    c: Claim, ctx: _Context, party_excluded: bool,
) -> Row:
    """`_build_row` for one claim and no echo (most rows at scale): the same row, with less work."""
    if c.unit is None:  # the metric's own unit (most claims): no households to convert
        iv, text, point, households = c.interval, c.stated, point_value(c), False
    else:
        iv, text, point = interval_in_unit(c, metric), stated_in_unit(c, metric), point_value(c, metric)
        households = converts_households(c, metric.unit)
    flags = _single_flags(isinstance(c.value, str), side or ctx.is_party(c), party_excluded,
                          households, shape is Shape.NO_START)
    # Positional: a Struct takes them so at half the cost of keywords (19,000 rows at 100,000 claims).
    return Row(metric, scope, unit, side, (c,), (), iv, iv, Best(point, ctx.rule, (c.id,), text, False), text,
               flags, 0, _row_key(metric, scope_key, when, unit, side), (c.claimant,), c.as_of,
               c.period.start, c.period.end or c.as_of, (c.area.name,), shape, when, 1, (c.claimant,))


@functools.cache
def _single_flags(vague: bool, party: bool, party_excluded: bool, households: bool,
                  no_start: bool) -> tuple[Flag, ...]:
    """The flags of a row of one claim, sorted: one of 32 tuples, made once."""
    flags = {Flag.SINGLE_SOURCE}
    if vague:
        flags.add(Flag.VAGUE)
    if party:
        flags.add(Flag.PARTY_CLAIMS)
    if party_excluded:
        flags.add(Flag.PARTY_CLAIMS_EXCLUDED)
    if households:
        flags.add(Flag.HOUSEHOLDS_CONVERTED)
    if no_start:
        flags.add(Flag.NO_START)
    return tuple(sorted(flags, key=lambda f: f.value))


def _build_row(
    metric: Metric, scope: frozenset[str], scope_key: str, unit: str, side: bool, shape: Shape, when: str,
    members: list[Claim], ctx: _Context, *, party_excluded: bool,
) -> Row:
    if len(members) == 1:  # one claim, with echoes (else `_single_row` makes its row): nothing to supersede
        latest = Latest({members[0].claimant: (members[0],)}, (), ())
    else:
        latest = latest_by_claimant(members, metric)
    aside = list(latest.set_aside)
    kept = [c for cs in latest.kept.values() for c in cs]
    if shape is Shape.RUNNING and len(kept) > 1:
        used, stale = _stale(kept)
        aside += stale
    else:
        used = kept
    used, vague = _vague_aside(used)
    aside += vague

    # Each used claim's point value and interval, computed once: the sort, the flags,
    # the best estimate and the range text all need them.
    ranked = sorted(((point_value(c, metric), c) for c in used), key=lambda t: (t[0], t[1].stated))
    used = [c for _p, c in ranked]
    points = [p for p, _c in ranked]
    intervals = [interval_in_unit(c, metric) for c in used]

    used_ids = {c.id for c in used}
    echoes = 0
    differing = False
    for c in members:
        for e in ctx.echoes_of.get(c.id, ()):
            root = ctx.echo_root[e.id]
            differs = echo_differences(e, root)
            counted = root.id in used_ids
            echoes += counted
            differing = differing or bool(differs)
            why = f"echo of {root.id}"
            if differs:
                why += f"; it differs from it ({'; '.join(differs)})"
            if not counted:
                why += f"; {root.id} is not used in this row, so the echo is not counted"
            aside.append(SetAside(e, Reason.ECHO, why))
    aside.sort(key=lambda s: s.claim.id)

    if len(intervals) == 1:  # the hull and intersection of one interval are that interval
        spread = implied = intervals[0]
    else:
        spread = hull(intervals)
        implied = _implied(used, intervals, shape)

    flags: set[Flag] = set()
    if _contradicts_within(used, intervals, metric):
        flags.add(Flag.CONTRADICTION)
        # Claims that cannot all be true imply nothing (rule 10), even where each reading of which
        # running total ends last leaves some value: two that end before it may still clash.
        implied = Interval(implied.low, implied.low, True, True) if not implied.is_empty() else implied
    n_independent = independent_count((c.claimant for c in used), ctx.registry)
    if n_independent == 1:
        flags.add(Flag.SINGLE_SOURCE)
    low_p, high_p = points[0], points[-1]  # sorted by point value
    if (low_p > 0 and high_p / low_p > WIDE_SPREAD_RATIO) or (low_p == 0 and high_p > 0):
        flags.add(Flag.WIDE_SPREAD)
    if any(isinstance(c.value, str) for c in used):
        flags.add(Flag.VAGUE)
    if any(later.id in used_ids for _e, later in latest.fell):
        flags.add(Flag.CUMULATIVE_FELL)
    if side or any(ctx.is_party(c) for c in members):
        flags.add(Flag.PARTY_CLAIMS)
    if party_excluded:
        flags.add(Flag.PARTY_CLAIMS_EXCLUDED)
    if any(converts_households(c, metric.unit) for c in used):
        flags.add(Flag.HOUSEHOLDS_CONVERTED)
    if shape is Shape.NO_START:
        flags.add(Flag.NO_START)
    if differing:
        flags.add(Flag.ECHO_DIFFERS)

    starts = [c.period.start for c in used if c.period.start is not None]
    return Row(
        metric=metric, scope=scope, unit=unit, party=side, used=tuple(used), set_aside=tuple(aside),
        spread=spread, implied=implied,
        best=_best(used, points, intervals, implied, ctx.rule, metric),
        range_text=_range(used, points, intervals, spread, metric),
        flags=tuple(sorted(flags, key=lambda f: f.value)),
        echoes=echoes, key=_row_key(metric, scope_key, when, unit, side),
        claimants=tuple(sorted({c.claimant for c in used})), as_of=_latest(c.as_of for c in used),
        period_start=min(starts, key=lambda d: (d.mid, d.text)) if starts else None,
        period_end=_latest(c.period_end for c in used), area_names=tuple(sorted({c.area.name for c in used})),
        shape=shape, when=when, n_independent=n_independent,
        claimants_in_row=tuple(sorted({c.claimant for c in members})),
    )


def _implied(used: Sequence[Claim], intervals: Sequence[Interval], shape: Shape) -> Interval:
    """What the row's figure can be if every claim is true: the implied bounds (rule 7).

    For claims about one period this is the intersection of their intervals.
    A running-total row speaks of the count to its latest end, and a running
    total that ends earlier is a lower bound on that count, not an upper one
    (a running total never shrinks): 152,210 to 7 May says "at least 152,210"
    of the count to 9 May. When fuzzy ends leave open which claim ends last,
    each one that may is tried as the last, and the bounds hold every value
    some such reading allows.
    """
    if shape is not Shape.RUNNING:
        return intersection(list(intervals))
    ends = [c.period_end for c in used]
    readings: list[Interval] = []
    for k, last in enumerate(ends):
        if any(d.earliest > last.latest for d in ends):
            continue  # another claim certainly ends later: this one is never the last
        effective = [Interval(iv.low, math.inf, iv.low_open, True)
                     if j != k and ends[j].earliest < last.latest else iv for j, iv in enumerate(intervals)]
        reading = intersection(effective)
        if not reading.is_empty():
            readings.append(reading)
    return hull(readings) if readings else intersection(list(intervals))


def _contradicts_within(used: Sequence[Claim], intervals: Sequence[Interval], metric: Metric) -> bool:
    """Any two claims of the row that certainly cannot both be true (rule 7)."""
    for i, a in enumerate(used):
        for j in range(i + 1, len(used)):
            if contradicts(a, intervals[i], used[j], intervals[j], metric):
                return True
    return False


# --- best estimate ---------------------------------------------------------------


_Candidate = tuple[float, tuple[str, ...], str, bool, Interval]
"""(value, the claims it comes from, in words, moved?, what the words allow)."""


def _bounded(point: float, claim: Claim, used: Sequence[Claim], intervals: Sequence[Interval],
             implied: Interval, metric: Metric, own: Interval) -> _Candidate:
    """A point value moved inside the implied bounds, with the claims it comes from and its words.

    When every claim can be true together, a value some claim excludes is no
    estimate: "more than 200,000" beside "more than 300,000" is raised to
    "more than 300,000", and then comes from the claim that says so. `own` is
    what the claim's own words allow.
    """
    if implied.is_empty():
        return point, (claim.id,), stated_in_unit(claim, metric), False, own
    if point < implied.low:
        setters = tuple(sorted(c.id for c, iv in zip(used, intervals, strict=True)
                               if (iv.low, iv.low_open) == (implied.low, implied.low_open)))
        word = "more than" if implied.low_open else "at least"
        return (implied.low, setters, f"{word} {format_number(implied.low)}", True,
                Interval(implied.low, math.inf, implied.low_open, True))
    if point > implied.high:
        setters = tuple(sorted(c.id for c, iv in zip(used, intervals, strict=True)
                               if (iv.high, iv.high_open) == (implied.high, implied.high_open)))
        word = "less than" if implied.high_open else "up to"
        return (implied.high, setters, f"{word} {format_number(implied.high)}", True,
                Interval(0, implied.high, False, implied.high_open))
    return point, (claim.id,), stated_in_unit(claim, metric), False, own


def _wording(candidate: _Candidate) -> tuple[bool, bool, float, str]:
    """The order in which tied candidates give the best estimate its words (rule 14).

    An own figure before a bound the value was moved to; words that allow the
    value itself ("at least 40", "up to 40", "40") before words that exclude it
    ("more than 40"); then the narrowest words, those whose interval is the
    shortest ("up to 40", 0 to 40, before "at least 40", unbounded); then the
    text, which only equally narrow words of one value can share. Never ids.
    """
    value, _ids, text, moved, allows = candidate
    return moved, not allows.contains(value), allows.high - allows.low, text


def _best(used: Sequence[Claim], points: Sequence[float], intervals: Sequence[Interval], implied: Interval,
          rule: BestRule, metric: Metric) -> Best:
    """One number, the rule that chose it, and the claims it came from (rule 8).

    `used` is sorted by (point value, stated text). Each point value is first
    moved inside the implied bounds when they are not empty; the rule then
    picks among the moved values. Ties are settled by the figures, never by
    claim ids: every claim giving the chosen value is named.
    """
    cands = [_bounded(p, c, used, intervals, implied, metric, iv)
             for p, c, iv in zip(points, used, intervals, strict=True)]
    if rule is BestRule.LATEST:
        top = max(recency(c) for c in used)
        cands = [x for x, c in zip(cands, used, strict=True) if recency(c) == top]
    values = [x[0] for x in cands]
    if rule is BestRule.MEDIAN and len(values) % 2 == 0 and len(set(values)) > 1:
        order = sorted(range(len(cands)), key=lambda k: (cands[k][0], _wording(cands[k])))
        a, b = cands[order[len(order) // 2 - 1]], cands[order[len(order) // 2]]
        ids = tuple(sorted(set(a[1]) | set(b[1])))
        return Best((a[0] + b[0]) / 2, rule, ids,
                    f"{format_number((a[0] + b[0]) / 2)} (mean of {a[2]} and {b[2]})", a[3] or b[3])
    match rule:
        case BestRule.MAX:
            value = max(values)
        case BestRule.MEDIAN:
            value = sorted(values)[len(values) // 2]
        case _:  # conservative; latest picks the lowest among the claims said last
            value = min(values)
    chosen = [x for x in cands if x[0] == value]
    ids = tuple(sorted({i for x in chosen for i in x[1]}))
    pick = min(chosen, key=_wording)
    return Best(value, rule, ids, pick[2], pick[3])


def best_estimate(claims: Sequence[Claim], rule: BestRule, metric: Metric) -> Best:
    """The best estimate of claims compared as one period (no running totals to different ends)."""
    if not claims:
        raise ValueError("a best estimate needs at least one claim")
    ranked = sorted(claims, key=lambda c: (point_value(c, metric), c.stated))
    intervals = [interval_in_unit(c, metric) for c in ranked]
    implied = intersection(intervals)
    return _best(ranked, [point_value(c, metric) for c in ranked], intervals, implied, rule, metric)


# --- range text --------------------------------------------------------------------


def range_text(claims: Sequence[Claim], metric: Metric) -> str:
    """'more than 200,000 – more than 300,000': the claims that set the spread's two ends, as stated."""
    ranked = sorted(claims, key=lambda c: (point_value(c, metric), c.stated))
    intervals = [interval_in_unit(c, metric) for c in ranked]
    return _range(ranked, [point_value(c, metric) for c in ranked], intervals, hull(intervals), metric)


def _range(used: Sequence[Claim], points: Sequence[float], intervals: Sequence[Interval], spread: Interval,
           metric: Metric) -> str:
    """The spread in the claims' own words: the claim setting its low end, then the one setting its high end.

    "between 20 and 30" beside "at least 22" spreads over 20 to no upper bound:
    "between 20 and 30 – at least 22". When one claim sets both ends, the
    others lie inside it and the highest is named: "at least 80 (and 229)".
    """
    texts = [stated_in_unit(c, metric) for c in used]
    if len(used) == 1:
        return texts[0]
    lows = [k for k, iv in enumerate(intervals) if (iv.low, iv.low_open) == (spread.low, spread.low_open)]
    highs = [k for k, iv in enumerate(intervals)
             if (iv.high, iv.high_open) == (spread.high, spread.high_open)]
    low = min(lows, key=lambda k: (points[k], texts[k]))
    high = max(highs, key=lambda k: (points[k], texts[k]))
    if low == high:
        others = [k for k in range(len(used)) if texts[k] != texts[low]]
        if not others:
            return texts[low]
        other = texts[max(others, key=lambda k: (points[k], texts[k]))]
        return f"{texts[low]}, and {other}" if ")" in texts[low] + other else f"{texts[low]} (and {other})"
    if texts[low] == texts[high]:
        return texts[low]
    return f"{texts[low]} – {texts[high]}"


def finite(x: float) -> float | None:
    """None for an unbounded end (JSON null, empty CSV cell)."""
    return None if math.isinf(x) else x
