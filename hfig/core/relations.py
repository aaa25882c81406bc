"""How rows bound one another: nested periods, and parts larger than their whole.

Rows are never merged for this: each row is told the tightest bound the
other rows put on it (`nested_high`: a count over a longer period that holds
one of its claims; `nested_low`: a count over a shorter period inside one),
and a claim that certainly breaks such a bound is a contradiction (the same
metric and area) or `part_exceeds_whole` (a part of the metric or of the
area), named in both rows. The sweeps are in `hfig.core.bounds`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hfig.core.bounds import (
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
from hfig.core.units import interval_in_unit, stated_in_unit

# --- the relations ------------------------------------------------------------


def _items(rows: Sequence[Row], indices: Sequence[int]) -> list[Item]:
    """The used claims of these rows that have a period (a flow without a start holds nothing)."""
    out = []
    for i in indices:
        row = rows[i]
        if row.shape is Shape.NO_START:
            continue  # an unknown start holds nothing and is held by nothing
        for c in row.used:
            spans = time_spans(c, row.metric)
            if spans is not None:
                out.append(Item(i, c, spans, interval_in_unit(c, row.metric), stated_in_unit(c, row.metric)))
    return out


class _Found:
    """What the sweeps found, per row index, before the rows are rebuilt."""

    def __init__(self) -> None:
        self.high: dict[int, Bound] = {}
        self.low: dict[int, Bound] = {}
        self.conflicts: dict[int, list[str]] = {}
        self.flags: dict[int, set[Flag]] = {}

    def conflict(self, row: int, flag: Flag, text: str) -> None:
        self.conflicts.setdefault(row, []).append(text)
        self.flags.setdefault(row, set()).add(flag)


def _nested(rows: Sequence[Row], indices: Sequence[int], found: _Found) -> None:
    """Rows of one metric, area, unit and side: longer periods bound shorter ones."""
    items = _items(rows, indices)
    if len(items) < 2:
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
        bound = Bound(b.iv.high, b.iv.high_open, b.claim.id, a.claim.id,
                      f"no more than {b.claim.id}'s {b.text} ({b.claim.claimant}, {period_words(b.claim)}): "
                      f"a longer period that holds {a.claim.id}'s")
        old = found.high.get(a.row)
        if old is None or (bound.value, not bound.open, bound.text) < (old.value, not old.open, old.text):
            found.high[a.row] = bound
    for q, k in enumerate(tightest_inside(items, items)):
        if k is None:
            continue
        b, a = items[q], items[k]
        bound = Bound(a.iv.low, a.iv.low_open, a.claim.id, b.claim.id,
                      f"no less than {a.claim.id}'s {a.text} ({a.claim.claimant}, {period_words(a.claim)}): "
                      f"a shorter period inside {b.claim.id}'s")
        old = found.low.get(b.row)
        if old is None or (-bound.value, not bound.open, bound.text) < (-old.value, not old.open, old.text):
            found.low[b.row] = bound


def _parts(rows: Sequence[Row], data: DataSet, found: _Found) -> None:
    """Parts of a metric or an area larger than their whole, for a period that holds them."""
    groups: dict[GroupKey, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault((row.party, row.unit, row.metric.name, row.scope), []).append(i)
    for part, wholes in whole_groups(groups, data).items():
        items = _items(rows, groups[part])
        whole_items = _items(rows, [i for w in wholes for i in groups[w]])
        for a, b in exceeding(items, whole_items):
            text = part_text(a, b)
            found.conflict(a.row, Flag.PART_EXCEEDS_WHOLE, text)
            found.conflict(b.row, Flag.PART_EXCEEDS_WHOLE, text)


def relate(rows: list[Row], data: DataSet) -> list[Row]:
    """The rows, each told what the others say about it (bounds, contradictions, parts over wholes)."""
    found = _Found()
    groups: dict[tuple[bool, str, str, frozenset[str]], list[int]] = {}
    for i, row in enumerate(rows):
        if row.shape is not Shape.NO_START:
            groups.setdefault((row.party, row.unit, row.metric.name, row.scope), []).append(i)
    for indices in groups.values():
        if len(indices) > 1:
            _nested(rows, indices, found)
    _parts(rows, data, found)
    touched = set(found.high) | set(found.low) | set(found.conflicts)
    if not touched:
        return rows
    out = list(rows)
    for i in touched:
        row = rows[i]
        flags = set(row.flags) | found.flags.get(i, set())
        out[i] = replace(row, nested_high=found.high.get(i), nested_low=found.low.get(i),
                         conflicts=tuple(sorted(set(found.conflicts.get(i, ())))),
                         flags=tuple(sorted(flags, key=lambda f: f.value)))
    return out
