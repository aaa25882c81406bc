"""Properties of timelines over generated series of running totals."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.core.dates import exact_day, parse_fuzzy_date
from hfig.core.model import Area, AreaPrecision, Claim, Claimant, ClaimantKind, Period
from hfig.core.qualifiers import Qualifier
from hfig.core.timeline import Flag, build_timeline

CLAIMANTS = {k: Claimant(k, k, ClaimantKind.UN) for k in ("a", "b", "c")}
IDLIB = Area("Idlib", ("SY07",), AreaPrecision.EXACT)
START = parse_fuzzy_date("2019-04-late")

reports = st.lists(
    st.tuples(st.sampled_from(sorted(CLAIMANTS)), st.integers(0, 60), st.integers(0, 500_000)),
    min_size=1, max_size=12,
)


def claims_of(spec: list[tuple[str, int, int]]) -> list[Claim]:
    return [
        Claim(id=f"c{i:02d}", metric="displaced", value=value, qualifier=Qualifier.EXACT, claimant=who,
              area=IDLIB, as_of=exact_day(dt.date(2019, 5, 1) + dt.timedelta(days=day)),
              period=Period(START, None))
        for i, (who, day, value) in enumerate(spec)
    ]


@settings(max_examples=150, deadline=None)
@given(reports)
def test_increments_telescope_and_drops_are_flagged(spec: list[tuple[str, int, int]]) -> None:
    tl = build_timeline(claims_of(spec), CLAIMANTS, "displaced")
    for series in tl.series:
        pts = series.points
        by_day: dict[dt.date, list[float]] = {}
        for p in pts:
            by_day.setdefault(p.date, []).append(float(p.claim.value))
        for p in pts:
            if p.previous is None:
                assert p.increment_code == "first"
                continue
            prev = next(q for q in pts if q.claim.id == p.previous)
            assert prev.date < p.date
            if len(set(by_day[prev.date])) > 1:  # which came last that day cannot be told
                assert p.increment is None and p.increment_code == "previous_ambiguous"
                continue
            assert p.increment == float(p.claim.value) - float(prev.claim.value)
            assert p.increment_exact
            earlier_max = max(v for d, vs in by_day.items() if d < p.date for v in vs)
            assert (Flag.FELL in p.flags) == (float(p.claim.value) < earlier_max)


@settings(max_examples=150, deadline=None)
@given(reports)
def test_band_holds_every_claimants_latest_figure_and_ignores_input_order(
        spec: list[tuple[str, int, int]]) -> None:
    claims = claims_of(spec)
    tl = build_timeline(claims, CLAIMANTS, "displaced")
    assert tl == build_timeline(list(reversed(claims)), CLAIMANTS, "displaced")
    for band in tl.band:
        known = [c for c in claims if c.as_of.mid <= band.date]
        for who in {c.claimant for c in known}:
            last_day = max(c.as_of.mid for c in known if c.claimant == who)
            for c in known:
                if c.claimant == who and c.as_of.mid == last_day:
                    assert c.id in band.claims
                    assert band.interval.low <= float(c.value) <= band.interval.high
