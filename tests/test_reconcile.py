"""The reconciliation rules of docs/methodology.md, one scenario fixture each."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from hfig.core.dataset import DataSet
from hfig.core.reconcile import (
    BestRule,
    Flag,
    Reason,
    Reconciliation,
    Row,
    best_estimate,
    latest_by_claimant,
    period_clusters,
    point_value,
    reconcile,
)
from hfig.load.loader import load
from hfig.load.paths import expand

from .conftest import FIXTURES


def dataset(name: str) -> DataSet:
    result = load(expand([Path(FIXTURES / name)]))
    assert result.ok, [str(p) for p in result.problems]
    return result.data


def run(name: str, **kw: object) -> tuple[DataSet, Reconciliation]:
    ds = dataset(name)
    return ds, reconcile(ds.claims, ds, **kw)  # type: ignore[arg-type]


def row_with(result: Reconciliation, claim_id: str) -> Row:
    for row in result.rows:
        if claim_id in {c.id for c in row.used} | {s.claim.id for s in row.set_aside}:
            return row
    raise AssertionError(f"{claim_id} is in no row")


def used_ids(row: Row) -> set[str]:
    return {c.id for c in row.used}


def reasons(row: Row) -> dict[str, str]:
    return {s.claim.id: s.reason for s in row.set_aside}


# --- rule 4: echoes -------------------------------------------------------------


def test_range_not_sum_and_echo_counted_once():
    _, result = run("reconcile_echo.yaml")
    assert len(result.rows) == 1
    row = result.rows[0]
    assert used_ids(row) == {"orig-uossm", "un-200k"}
    assert reasons(row) == {"echo-uossm": "echo of orig-uossm"}
    assert row.echoes == 1
    assert row.claimants == ("un", "uossm")
    assert row.range_text == "more than 200,000 – more than 300,000"
    assert (row.spread.low, row.spread.low_open, math.isinf(row.spread.high)) == (200000, True, True)
    assert (row.implied.low, row.implied.low_open) == (300000, True)  # both true: more than 300,000
    assert row.best.value == 200000 and row.best.claim_ids == ("un-200k",)
    assert Flag.CONTRADICTION not in row.flags and Flag.SINGLE_SOURCE not in row.flags


def test_echo_stands_in_for_an_origin_outside_the_selection():
    ds = dataset("reconcile_echo.yaml")
    echo = next(c for c in ds.claims if c.id == "echo-uossm")
    result = reconcile([echo], ds)
    assert used_ids(result.rows[0]) == {"echo-uossm"}
    assert result.rows[0].echoes == 0


# --- rule 2: rows ------------------------------------------------------------------


def test_scopes_and_period_starts_make_separate_rows():
    _, result = run("reconcile_scopes.yaml")
    keys = {r.key for r in result.rows}
    assert keys == {
        "displaced/SY07/from 2019-04-29",
        "displaced/SY05+SY07/from 2019-02-01",
        "displaced/SY05+SY07/from 2019-04-29",
        "displaced/SY02+SY05+SY06+SY07/from 2019-04-29",
        "idps/SY02+SY05+SY06+SY07/as of 2019-06-30",
    }
    nw = row_with(result, "nw-a")
    assert used_ids(nw) == {"nw-a", "nw-b"}
    assert row_with(result, "since-feb") is not row_with(result, "idlib-hama")


def test_period_clusters_join_overlapping_starts_transitively():
    ds = dataset("reconcile_scopes.yaml")
    flows = [c for c in ds.claims if c.metric == "displaced"]
    clusters = period_clusters(flows)
    assert sorted(len(c) for c in clusters) == [1, 4]
    assert {c.id for c in min(clusters, key=len)} == {"since-feb"}


# --- rule 3: parties ------------------------------------------------------------


def test_party_claims_get_their_own_row_and_a_flag_on_the_others():
    _, result = run("reconcile_parties.yaml")
    assert len(result.rows) == 2
    civil, party = result.rows
    assert used_ids(civil) == {"ngo-killed", "monitor-killed"}
    assert Flag.PARTY_CLAIMS_EXCLUDED in civil.flags and Flag.PARTY_CLAIMS not in civil.flags
    assert party.party and used_ids(party) == {"party-killed"}
    assert Flag.PARTY_CLAIMS in party.flags
    assert party.key.endswith("/party")


def test_include_parties_puts_them_in_the_row_labelled():
    _, result = run("reconcile_parties.yaml", include_parties=True)
    assert len(result.rows) == 1
    row = result.rows[0]
    assert used_ids(row) == {"ngo-killed", "monitor-killed", "party-killed"}
    assert Flag.PARTY_CLAIMS in row.flags and Flag.PARTY_CLAIMS_EXCLUDED not in row.flags
    assert not row.party


# --- rules 5 and 6: latest per claimant, stale ---------------------------------------


def test_series_keeps_the_latest_and_flags_a_fall():
    _, result = run("reconcile_series.yaml")
    row = row_with(result, "ocha-later")
    assert used_ids(row) == {"ocha-later", "uossm-now"}
    why = reasons(row)
    assert why["ocha-early"] == "superseded by ocha-later (later cumulative figure of the same claimant)"
    assert why["ocha-two-days"] == "sub-period of ocha-later"
    assert why["sohr-old"] == "stale: said 17 days before the latest figure in this row"
    assert Flag.CUMULATIVE_FELL in row.flags
    codes = {s.claim.id: s.code for s in row.set_aside}
    assert codes == {
        "ocha-early": Reason.SUPERSEDED,
        "ocha-two-days": Reason.SUB_PERIOD,
        "sohr-old": Reason.STALE,
    }


def test_latest_by_claimant_is_public_for_timelines():
    ds = dataset("reconcile_series.yaml")
    latest = latest_by_claimant(c for c in ds.claims if c.claimant == "ocha")
    assert {k: c.id for k, c in latest.kept.items()} == {"ocha": "ocha-later"}
    assert [(a.id, b.id) for a, b in latest.fell] == [("ocha-early", "ocha-later")]
    assert {s.claim.id for s in latest.set_aside} == {"ocha-early", "ocha-two-days"}


def test_as_of_keeps_only_what_had_been_said():
    _, result = run("reconcile_series.yaml", as_of=dt.date(2019, 5, 12))
    row = row_with(result, "ocha-early")
    assert used_ids(row) == {"ocha-early", "sohr-old"}  # 6 days apart: not stale
    assert {s.claim.id for s in result.unplaced} == {"ocha-later", "ocha-two-days", "uossm-now"}
    assert all(s.code is Reason.NOT_YET_SAID for s in result.unplaced)
    assert Flag.CUMULATIVE_FELL not in row.flags


# --- rule 7: intervals and flags ---------------------------------------------------


def test_contradiction_wide_spread_and_disputed():
    _, result = run("reconcile_contradiction.yaml")
    row = result.rows[0]
    assert used_ids(row) == {"count-a", "count-b", "count-late"}
    assert {Flag.CONTRADICTION, Flag.WIDE_SPREAD} <= set(row.flags)
    assert row.implied.is_empty()
    assert [s.claim.id for s in result.unplaced] == ["rejected"]
    assert result.unplaced[0].code is Reason.DISPUTED
    assert reasons(row) == {"echo-late": "echo of count-late"}


def test_no_contradiction_without_the_outlier():
    _, result = run("reconcile_contradiction.yaml", as_of=dt.date(2019, 5, 20))
    row = result.rows[0]
    assert used_ids(row) == {"count-a"}
    assert set(row.flags) == {Flag.SINGLE_SOURCE}


def test_households_convert_only_with_a_size():
    _, result = run("reconcile_units.yaml")
    people = row_with(result, "hh-sized")
    assert used_ids(people) == {"hh-sized", "people"}
    assert Flag.HOUSEHOLDS_CONVERTED in people.flags
    assert people.range_text == "5,500 (1,000 households × 5.5) – about 6,000"
    households = row_with(result, "hh-unsized")
    assert households.unit == "households" and used_ids(households) == {"hh-unsized"}
    assert households.key.endswith("/households")


def test_vague_and_between_points():
    ds, result = run("reconcile_units.yaml")
    row = row_with(result, "dozens")
    assert Flag.VAGUE in row.flags
    by_id = {c.id: c for c in ds.claims}
    assert point_value(by_id["dozens"]) == 12
    assert point_value(by_id["between"]) == 25
    assert row.range_text == "dozens – between 20 and 30"
    dozens = by_id["dozens"].interval  # from the lexicon
    assert (row.implied.low, row.implied.high) == (max(dozens.low, 20), 30)


# --- rule 8: best estimate ---------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "value", "ids"),
    [
        (BestRule.CONSERVATIVE, 20, ("count-a",)),
        (BestRule.MAX, 50, ("count-late",)),
        (BestRule.LATEST, 50, ("count-late",)),
        (BestRule.MEDIAN, 45, ("count-b",)),
    ],
)
def test_best_rules(rule, value, ids):
    _, result = run("reconcile_contradiction.yaml", best=rule)
    best = result.rows[0].best
    assert (best.value, best.rule, best.claim_ids) == (value, rule, ids)


def test_median_of_an_even_count_names_both_claims():
    ds = dataset("reconcile_echo.yaml")
    used = [c for c in ds.claims if c.id != "echo-uossm"]
    best = best_estimate(used, BestRule.MEDIAN)
    assert best.value == 250000 and best.claim_ids == ("un-200k", "orig-uossm")


def test_rows_are_ordered_by_family_and_deterministic():
    ds = dataset("reconcile_units.yaml")
    a = reconcile(ds.claims, ds)
    b = reconcile(list(reversed(ds.claims)), ds)
    assert a == b
    assert [r.metric.family.value for r in a.rows] == ["displacement", "displacement", "casualties"]


def test_a_running_total_that_grows_is_not_a_contradiction(tmp_path):
    from hfig.cli.context import load_data
    from hfig.core.dataset import select

    path = tmp_path / "growth.yaml"
    base = "    metric: displaced\n    claimant: {c}\n    area: Idlib\n    period: {{start: 2019-04-29}}\n"
    path.write_text(
        "claims:\n"
        + "  - id: early\n    value: 152210\n    as_of: 2019-05-07\n" + base.format(c="unhcr_cccm")
        + "  - id: later\n    value: 180000\n    as_of: 2019-05-09\n" + base.format(c="ocha")
        + "  - id: falls\n    value: 100000\n    as_of: 2019-05-12\n" + base.format(c="un")
    )
    data = load_data([path])
    from hfig.core.reconcile import contradicts

    metric = data.metrics["displaced"]
    early, later, falls = (next(c for c in data.claims if c.id == i) for i in ("early", "later", "falls"))
    assert not contradicts([early, later], metric)  # growth
    assert contradicts([later, falls], metric)  # a running total cannot shrink
    assert not select(data.claims, metrics={"nothing"})


def test_range_text_never_looks_closed_when_the_spread_is_open(tmp_path):
    from hfig.cli.context import load_data
    from hfig.core.reconcile import reconcile

    path = tmp_path / "open.yaml"
    base = ("    metric: displaced\n    area: NW Syria\n    period: {start: 2019-04-29}\n"
            "    as_of: 2019-05-08\n")
    path.write_text(
        "claims:\n"
        + "  - id: a\n    value: 152210\n    claimant: unhcr_cccm\n" + base
        + "  - id: b\n    value: 180000\n    claimant: ocha\n" + base
        + "  - id: c\n    value: 179600\n    qualifier: at_least\n    claimant: un\n" + base
    )
    data = load_data([path])
    row = reconcile(data.claims, data).rows[0]
    assert row.range_text == "152,210 – 180,000 (and at least 179,600)"
    assert row.spread.unbounded_above
