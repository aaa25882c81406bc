"""The sweeps of hfig.core.bounds find what their definition says, however the items fall."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.core.bounds import Entry, GroupKey, Item, tightest_covers, tightest_inside, whole_groups
from hfig.core.comparable import Span
from hfig.core.dates import exact_day
from hfig.core.gazetteer import within
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


@settings(max_examples=500, deadline=None)
@given(group=items())
def test_a_group_with_no_period_held_by_another_rows_has_nothing_to_sweep(group: list[Item]) -> None:
    """relations._nested skips the sweeps of a small group when `_any_held` says no period holds another
    row's: then both sweeps must find nothing, and when it says yes, some pair must be such."""
    from hfig.core.relations import _any_held

    held = any(o.row != i.row and o.spans[0][1] <= i.spans[0][0] and o.spans[1][0] >= i.spans[1][1]
               for o in group for i in group)
    assert _any_held(group) == held
    if not held:
        assert tightest_covers(group, group) == [None] * len(group)
        assert tightest_inside(group, group) == [None] * len(group)


_PCODES = ["SY", "SY07", "SY0701", "SY070100", "SY0702", "SY08", "SY0801", "TR", "TR01"]


@st.composite
def group_keys(draw: st.DrawFn) -> list[GroupKey]:
    keys = {(draw(st.booleans()), "people", draw(st.sampled_from(["displaced", "idps"])),
             frozenset(draw(st.lists(st.sampled_from(_PCODES), min_size=1, max_size=3))))
            for _ in range(draw(st.integers(0, 12)))}
    return sorted(keys, key=lambda k: (k[0], k[2], sorted(k[3])))


def _pcodes(key: GroupKey) -> list[str]:
    return sorted(key[3])


@settings(max_examples=300, deadline=None)
@given(keys=group_keys(), data=st.data())
def test_the_wholes_of_a_group_are_what_within_says(keys: list[GroupKey], data: st.DataObject) -> None:
    """whole_groups reads prefixes from a set per P-code and keeps each P-code's wholes once: it must
    list what the definition does (the same side, unit and metric or a metric it is part of, an area
    holding every P-code of the part's, not the part itself), in order of the wholes' P-codes."""
    wholes = [k for k in keys if data.draw(st.booleans())]
    dataset = SimpleNamespace(metrics={"displaced": SimpleNamespace(parent=None),
                                       "idps": SimpleNamespace(parent="displaced")})
    expected: dict[GroupKey, list[GroupKey]] = {}
    for key in keys:
        lineage = ["idps", "displaced"] if key[2] == "idps" else ["displaced"]
        found = [w for m in lineage
                 for w in sorted((w for w in wholes if w[:3] == (key[0], key[1], m)), key=_pcodes)
                 if w != key and all(within(p, w[3]) for p in key[3])]
        if found:
            expected[key] = found
    assert whole_groups(keys, dataset, wholes=wholes) == expected  # type: ignore[arg-type]
