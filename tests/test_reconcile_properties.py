"""Hypothesis properties of reconciliation (docs/methodology.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.core.dataset import DataSet
from hfig.core.dates import exact_day
from hfig.core.model import Area, AreaPrecision, Claim, Period
from hfig.core.qualifiers import Qualifier
from hfig.core.reconcile import Flag, Reconciliation, reconcile
from hfig.load.loader import load

DATA: DataSet = load([]).data
START = dt.date(2019, 4, 20)
SCOPES = [("SY07",), ("SY05", "SY07"), ("SY02", "SY05", "SY06", "SY07")]
CLAIMANTS = ["un", "ocha", "uossm", "sohr", "snhr", "russia_reconciliation"]
QUALIFIERS = [q for q in Qualifier if q is not Qualifier.VAGUE]


@st.composite
def claim_lists(draw: st.DrawFn) -> list[Claim]:
    n = draw(st.integers(min_value=1, max_value=12))
    claims = []
    for i in range(n):
        qualifier = draw(st.sampled_from(QUALIFIERS))
        value = draw(st.integers(min_value=1, max_value=1000))
        start = START + dt.timedelta(days=draw(st.integers(0, 40)))
        said = start + dt.timedelta(days=draw(st.integers(0, 30)))
        claims.append(Claim(
            id=f"c{i:02d}",
            metric=draw(st.sampled_from(["displaced", "civilians_killed"])),
            value=value,
            value_max=value + draw(st.integers(0, 500)) if qualifier is Qualifier.BETWEEN else None,
            qualifier=qualifier,
            claimant=draw(st.sampled_from(CLAIMANTS)),
            area=Area("somewhere", draw(st.sampled_from(SCOPES)), AreaPrecision.EXACT),
            period=Period(exact_day(start), None),
            as_of=exact_day(said),
        ))
    return claims


def independent_rows(result: Reconciliation) -> list[tuple[str, int, bool, str, tuple[str, ...]]]:
    return [(r.key, len(r.claimants), r.party, r.range_text, tuple(c.id for c in r.used))
            for r in result.rows]


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.randoms(use_true_random=False))
def test_input_order_never_changes_the_result(claims, rnd):
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert reconcile(claims, DATA) == reconcile(shuffled, DATA)


@settings(max_examples=150, deadline=None)
@given(claim_lists())
def test_the_spread_contains_every_claim_used(claims):
    for row in reconcile(claims, DATA).rows:
        for c in row.used:
            iv = c.interval
            if c.qualifier is Qualifier.EXACT:
                assert row.spread.contains(float(c.value))  # type: ignore[arg-type]
            assert row.spread.low <= iv.low and row.spread.high >= iv.high
        assert row.spread.low <= row.best.value or row.spread.low_open
        assert math.isinf(row.spread.high) or row.best.value <= row.spread.high


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.data())
def test_an_echo_changes_neither_range_nor_independent_count(claims, data):
    original = data.draw(st.sampled_from(claims))
    echo = dataclasses.replace(original, id="zz-echo", origin=original.id,
                               area=Area("as an article wrote it", original.area.pcodes,
                                         AreaPrecision.EXACT))
    before = reconcile(claims, DATA)
    after = reconcile([*claims, echo], DATA)
    assert [(r.spread, r.implied, r.best) for r in before.rows] == \
           [(r.spread, r.implied, r.best) for r in after.rows]
    assert independent_rows(before) == independent_rows(after)
    assert sum(r.echoes for r in after.rows) == sum(r.echoes for r in before.rows) + 1


@settings(max_examples=150, deadline=None)
@given(claim_lists())
def test_party_claims_never_change_a_civilian_row(claims):
    """By default party claims have no effect on other rows beyond a flag."""
    without = [c for c in claims if not DATA.claimant(c).is_party]
    full = [r for r in reconcile(claims, DATA).rows if not r.party]
    bare = list(reconcile(without, DATA).rows)
    strip = {Flag.PARTY_CLAIMS_EXCLUDED}
    assert [(r.key, r.spread, r.used, set(r.flags) - strip) for r in full] == \
           [(r.key, r.spread, r.used, set(r.flags) - strip) for r in bare]
    for r in full:
        assert Flag.PARTY_CLAIMS not in r.flags


@settings(max_examples=100, deadline=None)
@given(claim_lists())
def test_reconciling_twice_changes_nothing(claims):
    assert reconcile(claims, DATA) == reconcile(claims, DATA)
