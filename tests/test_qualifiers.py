import math

from hypothesis import given
from hypothesis import strategies as st

from hfig.core.qualifiers import (
    VAGUE_LEXICON,
    Interval,
    Qualifier,
    format_interval,
    hull,
    intersection,
    interval_of,
    stated,
    vague_interval,
)

values = st.integers(min_value=1, max_value=10**9)


def test_more_than_is_not_the_number():
    iv = interval_of(Qualifier.MORE_THAN, 200000)
    assert not iv.contains(200000)
    assert iv.contains(200001)
    assert iv.unbounded_above
    assert format_interval(iv) == "(200,000, ∞)"
    assert stated(Qualifier.MORE_THAN, 200000) == "more than 200,000"


def test_each_qualifier_maps_to_the_documented_interval():
    assert interval_of(Qualifier.EXACT, 229) == Interval(229, 229)
    assert interval_of(Qualifier.AT_LEAST, 229) == Interval(229, math.inf, high_open=True)
    assert interval_of(Qualifier.UP_TO, 350) == Interval(0, 350)
    assert interval_of(Qualifier.LESS_THAN, 350) == Interval(0, 350, high_open=True)
    assert interval_of(Qualifier.BETWEEN, 20, 30) == Interval(20, 30)
    about = interval_of(Qualifier.ABOUT, 1000)
    assert (round(about.low), round(about.high)) == (900, 1100)
    assert vague_interval("hundreds") == Interval(100, 999)


@given(values, st.sampled_from([q for q in Qualifier if q not in (Qualifier.BETWEEN, Qualifier.VAGUE)]))
def test_every_interval_holds_its_stated_value_unless_it_excludes_it(v, q):
    iv = interval_of(q, v)
    excluded = q in (Qualifier.MORE_THAN, Qualifier.LESS_THAN)
    assert iv.contains(v) is not excluded
    assert iv.low >= 0
    assert not iv.is_empty()


@given(values, values)
def test_between_holds_both_ends(a, b):
    low, high = sorted((a, b))
    iv = interval_of(Qualifier.BETWEEN, low, high)
    assert iv.contains(low) and iv.contains(high)


@given(st.lists(st.tuples(values, st.sampled_from(list(Qualifier)[:6])), min_size=1, max_size=8))
def test_hull_contains_every_interval_and_order_does_not_matter(claims):
    ivs = [interval_of(q, v) for v, q in claims]
    h = hull(ivs)
    assert h == hull(list(reversed(ivs)))
    for iv in ivs:
        assert h.low <= iv.low and iv.high <= h.high


def test_intersection_of_disagreeing_exact_figures_is_empty():
    assert intersection([Interval(229, 229), Interval(300, 300)]).is_empty()
    assert not intersection(
        [interval_of(Qualifier.MORE_THAN, 200000), interval_of(Qualifier.MORE_THAN, 300000)]
    ).is_empty()


def test_vague_coded_values_are_the_floor_of_their_intervals():
    for word, entry in VAGUE_LEXICON.items():
        assert entry.low == entry.coded <= entry.high, word
