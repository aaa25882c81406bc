"""Which claims can be compared, and how: the one place that decides (docs/methodology.md).

Every figure counts something over time in one of four shapes:

- a **running total** (a flow with a start, `cumulative: true`): everything
  since its start, up to its end; a later report of it replaces the earlier;
- a **fixed period** (a flow with a start, `cumulative: false`): the count for
  that period only (a day's toll, a week's arrivals);
- a **stock** (a stock metric): what is present on one date;
- a flow **without a start**: a count up to its end from a day nobody said.

Dates are fuzzy (`FuzzyDate`: the earliest and latest day they may mean), so
each relation below is stated as what is *possible* or what is *certain*
given those spans. The rest of reconciliation follows from four questions:
when was a claim certainly known (`knowledge_day`), which claims share a
period (`share_a_day`), does one period certainly hold another (`covers`),
and can two claims not both be true (`contradicts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TypeVar

from hfig.core.model import Claim, Metric, MetricKind
from hfig.core.qualifiers import Interval

T = TypeVar("T")
Span = tuple[dt.date, dt.date]
"""The earliest and the latest day a fuzzy date may mean."""


class Shape(str, Enum):
    """What a figure counts over time."""

    RUNNING = "running_total"
    FIXED = "fixed_period"
    STOCK = "stock"
    NO_START = "no_start"


def shape_of(claim: Claim, metric: Metric) -> Shape:
    if metric.kind is MetricKind.STOCK:
        return Shape.STOCK
    if claim.period.start is None:
        return Shape.NO_START
    return Shape.RUNNING if claim.period.cumulative else Shape.FIXED


# --- knowledge time --------------------------------------------------------------


def knowledge_day(claim: Claim) -> dt.date:
    """The first day on which the claim had certainly been said and published.

    A figure is said no later than the document that publishes it, so with a
    `published` date the claim is certainly known on its last day (a fact sheet
    of 24 June relaying a figure "as of June" is known from 24 June); without
    one, on the last day its `as_of` may mean ("2019-06": 30 June).
    """
    if claim.published is not None:
        return max(claim.as_of.earliest, claim.published.latest)
    return claim.as_of.latest


def known_by(claim: Claim, day: dt.date) -> bool:
    return knowledge_day(claim) <= day


# --- periods ---------------------------------------------------------------------


def span(date: object) -> Span:
    """(earliest, latest) of a FuzzyDate."""
    return date.earliest, date.latest  # type: ignore[attr-defined]


def time_spans(claim: Claim, metric: Metric) -> tuple[Span, Span] | None:
    """(start span, end span) of what the claim counts; a stock is its date twice; None without a start."""
    end = claim.period_end
    if metric.kind is MetricKind.STOCK:
        return (end.earliest, end.latest), (end.earliest, end.latest)
    start = claim.period.start
    if start is None:
        return None
    return (start.earliest, start.latest), (end.earliest, end.latest)


def share_a_day(items: Sequence[T], span_of: Callable[[T], Span]) -> list[list[T]]:
    """The fewest groups whose spans all share a day, never joined through a chain.

    Spans are taken in order of their last day; the first still open fixes a
    day (its last), and every remaining span holding that day joins its group.
    This greedy choice is the classic optimal one for intervals, and it looks
    only at the spans: neither ids nor input order can change a group.
    "2019-04-late" (21-30 April) with "2019-04-28" is one group; "2019-04-29"
    then starts another, because no day is in all three.
    """
    if len(items) <= 1:
        return [list(items)] if items else []
    spans = list(map(span_of, items))
    # Most groups at scale share one day: then the first day fixed (the smallest last day) is in
    # every span, and the greedy choice below makes one group of them all, in input order.
    if max(lo for lo, _hi in spans) <= min(hi for _lo, hi in spans):
        return [list(items)]
    keyed = sorted((hi, lo, i) for i, (lo, hi) in enumerate(spans))  # by last day, first day, input
    if all(keyed[k][1] > keyed[k - 1][0] for k in range(1, len(keyed))):
        # No span starts by the last day of the one before (most running totals at scale): each
        # day fixed below holds only its own span, so every span is a group of its own, in this order.
        return [[items[i]] for _hi, _lo, i in keyed]
    by_start = sorted((keyed[k][1], k) for k in range(len(keyed)))  # by first day, then the order above
    taken = [False] * len(keyed)
    groups: list[list[T]] = []
    cursor = 0  # into by_start: spans that start on or before the day fixed
    for k, (day, _lo, _i) in enumerate(keyed):
        if taken[k]:
            continue
        group: list[int] = []
        # Every span starting by `day` and not yet taken ends on or after it (spans are in order of
        # their last day, and earlier ones are taken), so it holds `day`.
        while cursor < len(by_start) and by_start[cursor][0] <= day:
            j = by_start[cursor][1]
            cursor += 1
            if not taken[j]:
                taken[j] = True
                group.append(keyed[j][2])
        if not taken[k]:  # cannot happen (k starts by its own last day), kept for safety
            taken[k] = True
            group.append(keyed[k][2])
        groups.append([items[i] for i in sorted(group)])
    return groups


def covers(outer: tuple[Span, Span], inner: tuple[Span, Span]) -> bool:
    """The outer period certainly holds the inner one: it starts no later and ends no earlier."""
    (_, outer_start), (outer_end, _) = outer
    (inner_start, _), (_, inner_end) = inner
    return outer_start <= inner_start and outer_end >= inner_end


def _orders(a: Span, b: Span) -> tuple[bool, bool, bool]:
    """Whether a day in `a` may be before, the same as, or after a day in `b`."""
    return a[0] < b[1], a[0] <= b[1] and b[0] <= a[1], a[1] > b[0]


# --- intervals -------------------------------------------------------------------


def certainly_above(x: Interval, y: Interval) -> bool:
    """Every value `x` allows is above every value `y` allows."""
    return x.low > y.high or (x.low == y.high and (x.low_open or y.high_open))


def disjoint(x: Interval, y: Interval) -> bool:
    return certainly_above(x, y) or certainly_above(y, x)


# --- contradiction ---------------------------------------------------------------


def contradicts(a: Claim, ia: Interval, b: Claim, ib: Interval, metric: Metric) -> bool:
    """Can these two claims (with their intervals in one unit) certainly not both be true?

    A count over a period that holds another is at least that other count;
    counts over the same period are the same number; counts over crossing
    periods, and stocks on different days, constrain nothing. The claims
    contradict only when *every* way their fuzzy dates may resolve breaks one
    of these rules: growth between two dates is never a contradiction, and a
    count "since late April" may start on a different day from one "since
    28 April". A flow without a start contradicts nothing.
    """
    sa, sb = time_spans(a, metric), time_spans(b, metric)
    if sa is None or sb is None:
        return False
    if metric.kind is MetricKind.STOCK:  # one date: only the certainly same day constrains
        return _certainly_same_day(sa[1], sb[1]) and disjoint(ia, ib)
    start_lt, start_eq, start_gt = _orders(sa[0], sb[0])
    end_lt, end_eq, end_gt = _orders(sa[1], sb[1])
    if start_eq and end_eq and not disjoint(ia, ib):
        return False  # possibly the same period, and a value both allow
    a_holds_b = (start_lt or start_eq) and (end_gt or end_eq)
    b_holds_a = (start_gt or start_eq) and (end_lt or end_eq)
    # A resolution where the periods cross (neither holds the other) constrains nothing.
    crossing = (start_lt and end_lt) or (start_gt and end_gt)
    if crossing:
        return False
    # Strict nesting in either direction needs only that the longer count can be the larger.
    if a_holds_b and (start_lt or end_gt) and not certainly_above(ib, ia):
        return False
    return not (b_holds_a and (start_gt or end_lt) and not certainly_above(ia, ib))


def _certainly_same_day(a: Span, b: Span) -> bool:
    return a[0] == a[1] == b[0] == b[1]


# --- echoes ----------------------------------------------------------------------


def _spans_meet(a: object, b: object) -> bool:
    x, y = span(a), span(b)
    return x[0] <= y[1] and y[0] <= x[1]


def echo_differences(echo: Claim, origin: Claim) -> tuple[str, ...]:
    """How an echo differs from the record it repeats: value, metric, area or period, in words.

    A period differs only when both records give the date and the spans share
    no day: "since late April" repeating "since 28 April" is less precise, not
    different; a date the echo leaves out is not a difference either.
    """
    out = []
    if (echo.value, echo.qualifier, echo.value_max, echo.unit, echo.household_size,
            echo.household_size_max) != (origin.value, origin.qualifier, origin.value_max, origin.unit,
                                         origin.household_size, origin.household_size_max):
        out.append(f"value: {echo.stated}{_unit_words(echo)} against {origin.stated}{_unit_words(origin)}")
    if echo.metric != origin.metric:
        out.append(f"metric: {echo.metric} against {origin.metric}")
    if echo.area.scope != origin.area.scope:
        out.append(f"area: {'+'.join(sorted(echo.area.scope))} against {'+'.join(sorted(origin.area.scope))}")
    a, b = echo.period, origin.period
    if (a.start is not None and b.start is not None and not _spans_meet(a.start, b.start)) or (
            a.end is not None and b.end is not None and not _spans_meet(a.end, b.end)) or (
            a.cumulative != b.cumulative):
        out.append(f"period: {_period_text(echo)} against {_period_text(origin)}")
    return tuple(out)


def _unit_words(c: Claim) -> str:
    return f" {c.unit}" if c.unit else ""


def _period_text(c: Claim) -> str:
    start = c.period.start.text if c.period.start else "no start"
    end = c.period.end.text if c.period.end else "its as-of date"
    kind = "" if c.period.cumulative else " (its own period)"
    return f"{start} to {end}{kind}"
