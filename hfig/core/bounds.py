"""Which counts bound which: nested periods and parts of a whole, found without comparing every pair.

A count over a period that certainly holds another's (`comparable.covers`)
is at least that other count; so is a count of a whole (civilians; a
governorate) beside a count of its part (children; a district), for a period
that holds the part's. For each claim, the tightest such bound is found with
one sorted sweep and a Fenwick tree, so the work grows as n log n, never with
the square of a metric's claims. `hfig.core.relations` uses this for rows,
`hfig.core.checks` for one claimant's own figures.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence

from msgspec import Struct

from hfig.core.comparable import Span, certainly_above, time_spans
from hfig.core.dataset import DataSet
from hfig.core.model import AreaPrecision, Claim, Metric
from hfig.core.qualifiers import Interval
from hfig.core.units import interval_in_unit, stated_in_unit

WHOLE_PRECISION = frozenset({AreaPrecision.EXACT})
"""A whole must be exactly its P-codes: "northern Hama" (SY05, partial) is not all of Hama."""
PART_PRECISION = frozenset({AreaPrecision.EXACT, AreaPrecision.PARTIAL})
"""A part must lie within its P-codes; an approximate area may reach beyond them."""


class Item(Struct, frozen=True):
    """One used claim of one row, with what the sweep needs."""

    row: int
    claim: Claim
    spans: tuple[Span, Span]
    iv: Interval
    metric: Metric

    @property
    def text(self) -> str:
        """The claim as stated, in the metric's unit: only built for what is reported."""
        return stated_in_unit(self.claim, self.metric)


Entry = tuple[tuple[float, int], int, int]  # (sort key, row, item index): smaller key is tighter


class _TopTwo:
    """A Fenwick tree over positions whose prefix query gives the tightest entry of another row.

    Each node keeps its tightest entry (`first`) and the tightest entry of a row other than
    first's (`second`), so that a claim never takes its bound from its own row. The nodes
    are updated in place: an entry or a query passes log n of them, with no list made.
    """

    def __init__(self, size: int) -> None:
        self.first: list[Entry | None] = [None] * (size + 1)
        self.second: list[Entry | None] = [None] * (size + 1)

    def add(self, pos: int, entry: Entry) -> None:
        first, second = self.first, self.second
        row = entry[1]
        i = pos + 1
        while i < len(first):
            top = first[i]
            if top is None:
                first[i] = entry
            elif entry < top:
                if top[1] != row:  # else the tightest of another row than the new first is unchanged
                    second[i] = top
                first[i] = entry
            elif top[1] != row:
                other = second[i]
                if other is None or entry < other:
                    second[i] = entry
            i += i & -i

    def best(self, pos: int, row: int) -> Entry | None:
        """The tightest entry at positions 0..pos from a row other than `row`."""
        first, second = self.first, self.second
        found: Entry | None = None
        i = pos + 1
        while i > 0:
            top = first[i]
            if top is not None:
                if top[1] == row:
                    top = second[i]
                if top is not None and (found is None or top < found):
                    found = top
            i -= i & -i
        return found


def _upper_key(iv: Interval) -> tuple[float, int]:
    return (iv.high, 0 if iv.high_open else 1)  # "less than 100" is tighter than "up to 100"


def _lower_key(iv: Interval) -> tuple[float, int]:
    return (-iv.low, 0 if iv.low_open else 1)  # "more than 100" is tighter than "at least 100"


def tightest_covers(inner: Sequence[Item], outer: Sequence[Item]) -> list[int | None]:
    """For each inner item, the outer item (index) with the lowest high end certainly holding its period."""
    usable = [k for k, o in enumerate(outer) if not math.isinf(o.iv.high)]
    if not usable or not inner:
        return [None] * len(inner)
    ascending = sorted({outer[k].spans[1][0] for k in usable})
    ends = ascending[::-1]  # later ends first
    rank = {d: i for i, d in enumerate(ends)}
    tree = _TopTwo(len(ends))
    by_start = sorted(usable, key=lambda k: outer[k].spans[0][1])
    out: list[int | None] = [None] * len(inner)
    cursor = 0
    for q in sorted(range(len(inner)), key=lambda q: inner[q].spans[0][0]):
        item = inner[q]
        while cursor < len(by_start) and outer[by_start[cursor]].spans[0][1] <= item.spans[0][0]:
            k = by_start[cursor]
            tree.add(rank[outer[k].spans[1][0]], (_upper_key(outer[k].iv), outer[k].row, k))
            cursor += 1
        # The last position (later ends first) whose end is on or after the item's: in C, by bisection.
        last = len(ends) - bisect_left(ascending, item.spans[1][1]) - 1
        if last >= 0:
            found = tree.best(last, item.row)
            out[q] = found[2] if found else None
    return out


def tightest_inside(outer: Sequence[Item], inner: Sequence[Item]) -> list[int | None]:
    """For each outer item, the inner item (index) with the highest low end inside its period, certainly."""
    usable = [k for k, i in enumerate(inner) if i.iv.low > 0 or i.iv.low_open]
    if not usable or not outer:
        return [None] * len(outer)
    ends = sorted({inner[k].spans[1][1] for k in usable})  # earlier ends first
    rank = {d: i for i, d in enumerate(ends)}
    tree = _TopTwo(len(ends))
    by_start = sorted(usable, key=lambda k: inner[k].spans[0][0], reverse=True)
    out: list[int | None] = [None] * len(outer)
    cursor = 0
    for q in sorted(range(len(outer)), key=lambda q: outer[q].spans[0][1], reverse=True):
        item = outer[q]
        while cursor < len(by_start) and inner[by_start[cursor]].spans[0][0] >= item.spans[0][1]:
            k = by_start[cursor]
            tree.add(rank[inner[k].spans[1][1]], (_lower_key(inner[k].iv), inner[k].row, k))
            cursor += 1
        last = bisect_right(ends, item.spans[1][0]) - 1  # the last end on or before the item's
        if last >= 0:
            found = tree.best(last, item.row)
            out[q] = found[2] if found else None
    return out


def period_words(c: Claim) -> str:
    start = c.period.start
    end = c.period_end
    if start is None:
        return f"on {end.text}"
    return f"{start.text} to {end.text}"


GroupKey = tuple[object, str, str, Collection[str]]
"""(side or claimant, unit, metric, P-codes): figures that may bound one another's parts."""


def whole_groups(keys: Iterable[GroupKey], data: DataSet,
                 wholes: Collection[GroupKey] | None = None) -> dict[GroupKey, list[GroupKey]]:
    """For each group, the groups that count a whole of it: the same side (or claimant) and unit,
    the same metric or one it is part of, and an area holding its own (not both the same).

    `wholes` limits which groups may stand as a whole (those with an exact area); None: any.
    """
    keys = list(keys)
    by_pcode: dict[tuple[object, str, str, str], list[GroupKey]] = {}
    order: dict[GroupKey, list[str]] = {}  # each whole's P-codes sorted: the order wholes are listed in
    for key in keys if wholes is None else wholes:
        tag, unit, metric, scope = key
        order[key] = sorted(scope)
        for p in scope:
            by_pcode.setdefault((tag, unit, metric, p), []).append(key)
    if not by_pcode:
        return {}
    whole_pcodes = {p for (_t, _u, _m, p) in by_pcode}
    held_by: dict[str, list[str]] = {}  # P-code -> the P-codes of wholes that hold it: once per P-code
    ancestors: dict[str, list[str]] = {}
    holders: dict[tuple[object, str, str, str], list[GroupKey]] = {}  # the wholes holding a P-code, in order
    out: dict[GroupKey, list[GroupKey]] = {}
    for key in keys:
        tag, unit, metric, scope = key
        if not scope:
            continue
        first = min(scope)
        prefixes = held_by.get(first)
        if prefixes is None:
            prefixes = held_by[first] = [first[:n] for n in range(2, len(first) + 1)
                                         if first[:n] in whole_pcodes]
        if not prefixes:
            continue
        lineage = ancestors.get(metric)
        if lineage is None:
            lineage = ancestors[metric] = _ancestors_or_self(metric, data)
        # Every candidate holds `first` (one of its P-codes is a prefix of it): when `first` is the
        # area's only P-code (most areas), that is all `within` would check.
        rest = [_prefixes(p) for p in scope if p != first]
        found: list[GroupKey] = []
        for whole_metric in lineage:
            holding = (tag, unit, whole_metric, first)
            candidates = holders.get(holding)
            if candidates is None:  # the same for every group whose first P-code this is: made once
                candidates = holders[holding] = sorted(
                    {w for prefix in prefixes for w in by_pcode.get((tag, unit, whole_metric, prefix), ())},
                    key=order.__getitem__)
            for whole in candidates:
                if whole != key and all(not heads.isdisjoint(whole[3]) for heads in rest):
                    found.append(whole)
        if found:
            out[key] = found
    return out


@functools.cache
def _prefixes(pcode: str) -> frozenset[str]:
    """Every string `pcode` starts with: it lies `within` a region exactly when one of them is in it."""
    return frozenset(pcode[:n] for n in range(len(pcode) + 1))


def _ancestors_or_self(metric: str, data: DataSet) -> list[str]:
    out = [metric]
    parent = data.metrics[metric].parent if metric in data.metrics else None
    while parent is not None and parent not in out and parent in data.metrics:
        out.append(parent)
        parent = data.metrics[parent].parent
    return out


def exceeding(parts: Sequence[Item], wholes: Sequence[Item]) -> list[tuple[Item, Item]]:
    """(part, whole) pairs where the part is certainly larger than a whole whose period holds it.

    Only areas that can stand as a whole (exact) and as a part (exact or
    partial) take part; each part is named with the tightest whole it breaks.
    """
    parts = [a for a in parts if a.claim.area.precision in PART_PRECISION]
    wholes = [b for b in wholes if b.claim.area.precision in WHOLE_PRECISION]
    out = []
    for q, k in enumerate(tightest_covers(parts, wholes)):
        if k is not None and certainly_above(parts[q].iv, wholes[k].iv):
            out.append((parts[q], wholes[k]))
    return out


def part_text(a: Item, b: Item) -> str:
    what = []
    if a.claim.metric != b.claim.metric:
        what.append(f"{a.claim.metric} is part of {b.claim.metric}")
    if a.claim.area.scope != b.claim.area.scope:
        what.append(f"{a.claim.area.name} lies within {b.claim.area.name}")
    return (f"{a.claim.id} ({a.text}, {a.claim.claimant}) is larger than {b.claim.id} ({b.text}, "
            f"{b.claim.claimant}): {' and '.join(what)}, for a period that holds it")


def claim_item(index: int, claim: Claim, metric: Metric) -> Item | None:
    """A claim on its own (validation): `index` keeps it apart from every other claim."""
    spans = time_spans(claim, metric)
    if spans is None:
        return None
    return Item(index, claim, spans, interval_in_unit(claim, metric), metric)


