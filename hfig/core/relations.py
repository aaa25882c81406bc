"""How rows bound one another: nested periods, and parts larger than their whole.

Rows are never merged for this: each row is told the tightest bound the
other rows put on it (`nested_high`: a count over a longer period that holds
one of its claims; `nested_low`: a count over a shorter period inside one),
and a claim that certainly breaks such a bound is a contradiction (the same
metric and area) or `part_exceeds_whole` (a part of the metric or of the
area), named in both rows. The sweeps are in `hfig.core.bounds`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from msgspec.structs import replace

from hfig.core.bounds import (
    PART_PRECISION,
    WHOLE_PRECISION,
    GroupKey,
    Item,
    exceeding,
    part_text,
    period_words,
    tightest_covers,
    tightest_inside,
    whole_groups,
)
from hfig.core.comparable import Shape, certainly_above, time_spans
from hfig.core.dataset import DataSet
from hfig.core.reconcile import Bound, Flag, Row
from hfig.core.units import interval_in_unit

# --- the relations ------------------------------------------------------------


class _Items:
    """The used claims of each row that have a period, built once per row however often asked for."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows
        self.built: dict[int, list[Item]] = {}

    def of(self, indices: Sequence[int]) -> list[Item]:
        out: list[Item] = []
        for i in indices:
            items = self.built.get(i)
            if items is None:
                items = self.built[i] = self._build(i)
            out += items
        return out

    def _build(self, i: int) -> list[Item]:
        row = self.rows[i]
        if row.shape is Shape.NO_START:
            return []  # an unknown start holds nothing and is held by nothing
        metric = row.metric
        used = row.used
        if len(used) == 1:  # most rows at scale: the claim's interval is the row's spread
            spans = time_spans(used[0], metric)
            return [] if spans is None else [Item(i, used[0], spans, row.spread, metric)]
        out = []
        for c in used:
            spans = time_spans(c, metric)
            if spans is not None:
                out.append(Item(i, c, spans, interval_in_unit(c, metric), metric))
        return out


class _Found:
    """What the sweeps found, per row index, before the rows are rebuilt."""

    def __init__(self) -> None:
        self.high: dict[int, tuple[Item, Item]] = {}  # row -> (its claim, the tightest bound above)
        self.low: dict[int, tuple[Item, Item]] = {}  # row -> (its claim, the tightest bound below)
        self.conflicts: dict[int, list[str]] = {}
        self.flags: dict[int, set[Flag]] = {}

    def conflict(self, row: int, flag: Flag, text: str) -> None:
        self.conflicts.setdefault(row, []).append(text)
        self.flags.setdefault(row, set()).add(flag)


def _tighter(key: tuple[float, bool], item: Item, old: tuple[Item, Item] | None,
             old_key: Callable[[Item], tuple[float, bool]]) -> bool:
    """A tighter bound, ties settled by the figure as stated and then the claim id (a label only)."""
    if old is None:
        return True
    return (key, item.claim.stated, item.claim.id) < (old_key(old[1]), old[1].claim.stated, old[1].claim.id)


def _high_key(b: Item) -> tuple[float, bool]:
    return (b.iv.high, not b.iv.high_open)


def _low_key(a: Item) -> tuple[float, bool]:
    return (-a.iv.low, not a.iv.low_open)


_FEW = 8
"""Up to this many items, looking at every pair for a period held by another costs less than the sweeps."""


def _any_held(items: list[Item]) -> bool:
    """Whether some item's period certainly holds that of an item of another row.

    Both sweeps of `_nested` answer only for such pairs (their other conditions only narrow them),
    so without one they find nothing. Most groups at scale have a few rows and no such pair.
    """
    for outer in items:
        (_early, start_latest), (end_earliest, _late) = outer.spans
        row = outer.row
        for inner in items:
            if start_latest <= inner.spans[0][0] and end_earliest >= inner.spans[1][1] and inner.row != row:
                return True
    return False


def _nested(items: list[Item], found: _Found) -> None:
    """Rows of one metric, area, unit and side: longer periods bound shorter ones."""
    if len(items) < 2 or (len(items) <= _FEW and not _any_held(items)):
        return
    for q, k in enumerate(tightest_covers(items, items)):
        if k is None:
            continue
        a, b = items[q], items[k]
        if certainly_above(a.iv, b.iv):
            text = (f"{a.claim.id} ({a.text}, {period_words(a.claim)}) is larger than {b.claim.id} "
                    f"({b.text}, {period_words(b.claim)}), a count over a period that holds it")
            found.conflict(a.row, Flag.CONTRADICTION, text)
            found.conflict(b.row, Flag.CONTRADICTION, text)
        if _tighter(_high_key(b), b, found.high.get(a.row), _high_key):
            found.high[a.row] = (a, b)
    for q, k in enumerate(tightest_inside(items, items)):
        if k is None:
            continue
        b, a = items[q], items[k]
        if _tighter(_low_key(a), a, found.low.get(b.row), _low_key):
            found.low[b.row] = (b, a)


def _high_bound(a: Item, b: Item) -> Bound:
    return Bound(b.iv.high, b.iv.high_open, b.claim.id, a.claim.id,
                 f"no more than {b.claim.id}'s {b.text} ({b.claim.claimant}, {period_words(b.claim)}): "
                 f"a longer period that holds {a.claim.id}'s")


def _low_bound(b: Item, a: Item) -> Bound:
    return Bound(a.iv.low, a.iv.low_open, a.claim.id, b.claim.id,
                 f"no less than {a.claim.id}'s {a.text} ({a.claim.claimant}, {period_words(a.claim)}): "
                 f"a shorter period inside {b.claim.id}'s")


def _parts(rows: Sequence[Row], items: _Items, data: DataSet, found: _Found,
           groups: dict[GroupKey, list[int]]) -> None:
    """Parts of a metric or an area larger than their whole, for a period that holds them."""
    # `exceeding` looks only at claims whose area can stand as a part (within its P-codes) or as a
    # whole (exactly its P-codes): wholes are looked for only for the groups with such a part, and
    # among the groups with such a whole (at scale, most claims' areas are approximate).
    held = {key: {c.area.precision for i in indices for c in rows[i].used} for key, indices in groups.items()}
    parts = [key for key, kinds in held.items() if not kinds.isdisjoint(PART_PRECISION)]
    wholes = {key for key, kinds in held.items() if not kinds.isdisjoint(WHOLE_PRECISION)}
    # Parts with the same wholes are swept together: each part's answer depends on the wholes
    # only, and a district's many figures then meet their governorate's in one sweep, not one each.
    parts_of: dict[tuple[GroupKey, ...], list[GroupKey]] = {}
    for part, its_wholes in whole_groups(parts, data, wholes).items():
        parts_of.setdefault(tuple(its_wholes), []).append(part)
    for whole_keys, part_keys in parts_of.items():
        whole_items = items.of([i for w in whole_keys for i in groups[w]])
        for a, b in exceeding(items.of([i for p in part_keys for i in groups[p]]), whole_items):
            text = part_text(a, b)
            found.conflict(a.row, Flag.PART_EXCEEDS_WHOLE, text)
            found.conflict(b.row, Flag.PART_EXCEEDS_WHOLE, text)


def relate(rows: list[Row], data: DataSet) -> list[Row]:
    """The rows, each told what the others say about it (bounds, contradictions, parts over wholes)."""
    found = _Found()
    items = _Items(rows)
    # Rows of one side, unit, metric and P-codes; a flow without a start has no items, so it
    # bounds nothing and is bounded by nothing.
    groups: dict[GroupKey, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault((row.party, row.unit, row.metric.name, row.scope), []).append(i)
    for indices in groups.values():
        if len(indices) > 1:
            _nested(items.of(indices), found)
    _parts(rows, items, data, found, groups)
    touched = set(found.high) | set(found.low) | set(found.conflicts)
    if not touched:
        return rows
    out = list(rows)
    for i in touched:
        row = rows[i]
        flags = set(row.flags) | found.flags.get(i, set())
        high, low = found.high.get(i), found.low.get(i)
        out[i] = replace(row, nested_high=_high_bound(*high) if high else None,
                         nested_low=_low_bound(*low) if low else None,
                         conflicts=tuple(sorted(set(found.conflicts.get(i, ())))),
                         flags=tuple(sorted(flags, key=lambda f: f.value)))
    return out
