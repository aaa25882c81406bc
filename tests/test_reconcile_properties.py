"""Hypothesis properties of reconciliation (docs/methodology.md): what must hold for any data."""

from __future__ import annotations

import datetime as dt

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.core.comparable import knowledge_day
from hfig.core.dataset import DataSet
from hfig.core.dates import FuzzyDate, exact_day, parse_fuzzy_date
from hfig.core.model import Area, AreaPrecision, Claim, Period
from hfig.core.qualifiers import Qualifier
from hfig.core.reconcile import BestRule, Flag, Reason, Reconciliation, reconcile
from hfig.core.units import interval_in_unit
from hfig.load.loader import load

DATA: DataSet = load([]).data
START = dt.date(2019, 4, 20)
SCOPES = [("SY07",), ("SY05", "SY07"), ("SY02", "SY05", "SY06", "SY07"), ("SY0700",)]
CLAIMANTS = ["un", "ocha", "who", "uossm", "sohr", "snhr", "russia_reconciliation"]
QUALIFIERS = [q for q in Qualifier if q is not Qualifier.VAGUE]
METRICS = ["displaced", "civilians_killed", "children_killed", "idps"]


def fuzzy(draw: st.DrawFn, day: dt.date) -> FuzzyDate:
    form = draw(st.sampled_from(["day", "day", "day", "about", "part", "month"]))
    if form == "about":
        return parse_fuzzy_date(f"~{day.isoformat()}")
    if form == "part":
        part = "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"
        return parse_fuzzy_date(f"{day:%Y-%m}-{part}")
    if form == "month":
        return parse_fuzzy_date(f"{day:%Y-%m}")
    return exact_day(day)


@st.composite
def claim_lists(draw: st.DrawFn) -> list[Claim]:
    n = draw(st.integers(min_value=1, max_value=12))
    claims = []
    for i in range(n):
        qualifier = draw(st.sampled_from(QUALIFIERS))
        value = draw(st.integers(min_value=1, max_value=1000))
        start = START + dt.timedelta(days=draw(st.integers(0, 40)))
        said = start + dt.timedelta(days=draw(st.integers(0, 30)))
        shape = draw(st.sampled_from(["running", "running", "fixed", "no_start"]))
        end = exact_day(said) if shape == "fixed" else None
        period = Period(None if shape == "no_start" else fuzzy(draw, start), end, cumulative=shape != "fixed")
        published = (exact_day(said + dt.timedelta(days=draw(st.integers(0, 5))))
                     if draw(st.booleans()) else None)
        claims.append(Claim(
            id=f"c{i:02d}",
            metric=draw(st.sampled_from(METRICS)),
            value=value,
            value_max=value + draw(st.integers(0, 500)) if qualifier is Qualifier.BETWEEN else None,
            qualifier=qualifier,
            claimant=draw(st.sampled_from(CLAIMANTS)),
            area=Area("somewhere", draw(st.sampled_from(SCOPES)), AreaPrecision.EXACT),
            period=period,
            as_of=fuzzy(draw, said),
            published=published,
        ))
    return claims


def view(result: Reconciliation, rename: dict[str, str] | None = None) -> list[tuple[object, ...]]:
    """Everything a reader is told, with claim ids mapped through `rename`."""
    name = (lambda i: rename.get(i, i)) if rename else (lambda i: i)
    rows = [(r.metric.name, tuple(sorted(r.scope)), r.shape, r.party, r.spread, r.implied, r.best.value,
             r.best.stated, r.range_text, frozenset(f for f in r.flags), r.n_independent, r.echoes,
             frozenset(name(c.id) for c in r.used), frozenset(name(s.claim.id) for s in r.set_aside),
             frozenset(name(i) for i in r.best.claim_ids),
             r.nested_high.value if r.nested_high else None, r.nested_low.value if r.nested_low else None)
            for r in result.rows]
    return sorted(rows, key=repr)


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.randoms(use_true_random=False))
def test_input_order_never_changes_the_result(claims, rnd):
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert reconcile(claims, DATA) == reconcile(shuffled, DATA)


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.randoms(use_true_random=False), st.sampled_from(list(BestRule)))
def test_renaming_ids_never_changes_the_answer(claims, rnd, rule):
    names = [f"r{k:03d}" for k in range(len(claims))]
    rnd.shuffle(names)
    rename = {c.id: n for c, n in zip(claims, names, strict=True)}
    renamed = [msgspec.structs.replace(c, id=rename[c.id]) for c in claims]
    back = {v: k for k, v in rename.items()}
    assert view(reconcile(claims, DATA, best=rule)) == view(reconcile(renamed, DATA, best=rule), back)


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.sampled_from(list(BestRule)))
def test_low_best_high(claims, rule):
    """The spread holds every claim used; the best lies in the spread, and inside the implied bounds."""
    for row in reconcile(claims, DATA, best=rule).rows:
        for c in row.used:
            iv = interval_in_unit(c, row.metric)
            assert row.spread.low <= iv.low and row.spread.high >= iv.high
        assert row.spread.low <= row.best.value <= row.spread.high
        if not row.implied.is_empty():
            assert row.implied.low <= row.best.value <= row.implied.high


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.data())
def test_an_exact_echo_never_changes_a_range(claims, data):
    original = data.draw(st.sampled_from(claims))
    echo = msgspec.structs.replace(original, id="zz-echo", origin=original.id,
                               area=Area("as an article wrote it", original.area.pcodes, AreaPrecision.EXACT))
    before = reconcile(claims, DATA)
    after = reconcile([*claims, echo], DATA)
    strip = lambda rows: [(r.key, r.spread, r.implied, r.best, r.range_text, r.used, r.n_independent)  # noqa: E731
                          for r in rows]
    assert strip(before.rows) == strip(after.rows)
    used = {c.id for r in before.rows for c in r.used}
    gained = sum(r.echoes for r in after.rows) - sum(r.echoes for r in before.rows)
    assert gained == (1 if original.id in used else 0)
    assert not any(Flag.ECHO_DIFFERS in r.flags for r in after.rows)


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.integers(0, 80), st.integers(0, 80))
def test_an_earlier_as_of_never_uses_what_a_later_one_does_not_see(claims, a, b):
    early, late = sorted((START + dt.timedelta(days=a), START + dt.timedelta(days=b)))
    seen_late = {c.id for c in claims if knowledge_day(c) <= late}
    result = reconcile(claims, DATA, as_of=early)
    for row in result.rows:
        assert {c.id for c in row.used} <= seen_late
    unseen = {s.claim.id for s in result.unplaced if s.code is Reason.NOT_YET_SAID}
    assert unseen == {c.id for c in claims if knowledge_day(c) > early}


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
