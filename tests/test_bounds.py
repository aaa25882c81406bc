"""The sweeps of hfig.core.bounds find what their definition says, however the items fall."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.core.bounds import Entry, Item, tightest_covers, tightest_inside
from hfig.core.comparable import Span
from hfig.core.dates import exact_day
from hfig.core.model import Area, AreaPrecision, Claim, Family, Metric, MetricKind
from hfig.core.qualifiers import Interval, Qualifier

DAY = dt.date(2019, 4, 1)
METRIC = Metric("displaced", Family.DISPLACEMENT, "people", MetricKind.FLOW, "")
CLAIM = Claim(
    "c", "displaced", 1, Qualifier.EXACT, "un", Area("x", ("SY07",), AreaPrecision.EXACT), exact_day(DAY)
)


def _span(lo: int, width: int) -> Span:
    return DAY + dt.timedelta(days=lo), DAY + dt.timedelta(days=lo + width)


@st.composite
def items(draw: st.DrawFn) -> list[Item]:
    out = []
    for _ in range(draw(st.integers(0, 14))):
        start = _span(draw(st.integers(0, 20)), draw(st.integers(0, 3)))
        end = _span(draw(st.integers(0, 30)), draw(st.integers(0, 3)))
        low = draw(st.sampled_from([0, 5, 10, 20]))
        high = draw(st.sampled_from([low, low + 5, 40, math.inf]))
        iv = Interval(low, high, draw(st.booleans()), draw(st.booleans()) or math.isinf(high))
        out.append(Item(draw(st.integers(0, 4)), CLAIM, (start, end), iv, METRIC))
    return out


def _brute_covers(inner: list[Item], outer: list[Item]) -> list[int | None]:
    """The definition: the tightest (lowest high end, then row, then index) outer holding each inner."""
    out: list[int | None] = []
    for q in inner:
        found: list[Entry] = [
            ((o.iv.high, 0 if o.iv.high_open else 1), o.row, k)
            for k, o in enumerate(outer)
            if not math.isinf(o.iv.high)
            and o.row != q.row
            and o.spans[0][1] <= q.spans[0][0]
            and o.spans[1][0] >= q.spans[1][1]
        ]
        out.append(min(found)[2] if found else None)
    return out


def _brute_inside(outer: list[Item], inner: list[Item]) -> list[int | None]:
    out: list[int | None] = []
    for o in outer:
        found: list[Entry] = [
            ((-i.iv.low, 0 if i.iv.low_open else 1), i.row, k)
            for k, i in enumerate(inner)
            if (i.iv.low > 0 or i.iv.low_open)
            and i.row != o.row
            and i.spans[0][0] >= o.spans[0][1]
            and i.spans[1][1] <= o.spans[1][0]
        ]
        out.append(min(found)[2] if found else None)
    return out


@settings(max_examples=500, deadline=None)
@given(inner=items(), outer=items())
def test_the_sweeps_find_the_tightest_bound_of_another_row(inner: list[Item], outer: list[Item]) -> None:
    assert tightest_covers(inner, outer) == _brute_covers(inner, outer)
    assert tightest_inside(outer, inner) == _brute_inside(outer, inner)
    assert tightest_covers(outer, outer) == _brute_covers(outer, outer)  # as relate asks: a group with itself
    assert tightest_inside(outer, outer) == _brute_inside(outer, outer)
