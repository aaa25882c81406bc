"""The reconciliation rules of docs/methodology.md, one scenario fixture each (the core, no CLI)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.core.comparable import Shape, contradicts, knowledge_day, share_a_day
from hfig.core.dataset import DataSet
from hfig.core.dates import parse_fuzzy_date
from hfig.core.grades import NO_MIN_GRADE, MinGrade, grade_label, parse_min_grade
from hfig.core.reconcile import (
    BestRule,
    Flag,
    Reason,
    Reconciliation,
    Row,
    best_estimate,
    independent_count,
    latest_by_claimant,
    point_value,
    reconcile,
)
from hfig.core.units import interval_in_unit
from hfig.load.loader import load
from hfig.load.paths import expand

from .conftest import FIXTURES


def dataset(name: str) -> DataSet:
    result = load(expand([Path(FIXTURES / name)]))
    assert not [p for p in result.problems if p.severity.value == "error"], [str(p) for p in result.problems]
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


# --- periods: which claims share a row ------------------------------------------------


def test_starts_that_share_a_day_form_a_row_and_never_chain():
    day = parse_fuzzy_date
    spans = {t: (day(t).earliest, day(t).latest) for t in ("2019-04-late", "2019-04-28", "2019-04-29",
                                                            "2019-05-01")}
    groups = share_a_day(list(spans), lambda t: spans[t])
    assert sorted(map(sorted, groups)) == [["2019-04-28", "2019-04-late"], ["2019-04-29"], ["2019-05-01"]]


def test_the_grouping_ignores_input_order():
    day = parse_fuzzy_date
    texts = ["2019-04-late", "2019-04-28", "2019-04-29", "2019-05-01", "2019-W18", "2019-04"]
    spans = {t: (day(t).earliest, day(t).latest) for t in texts}
    a = share_a_day(texts, lambda t: spans[t])
    b = share_a_day(list(reversed(texts)), lambda t: spans[t])
    assert sorted(map(sorted, a)) == sorted(map(sorted, b))


def test_nested_periods_are_rows_of_their_own_with_bounds():
    _, result = run("nested_periods.yaml")
    assert [r.key for r in result.rows] == [
        "civilians_killed/SY07/from 2019-04-01", "civilians_killed/SY07/from 2019-04-14",
        "civilians_killed/SY07/from 2019-04-27", "civilians_killed/SY07/from 2019-05-10"]
    assert not any(r.contradiction for r in result.rows)
    apr14 = row_with(result, "since-apr-14")
    high, low = apr14.nested_high, apr14.nested_low
    assert high is not None and (high.value, high.claim) == (500, "since-apr-1")
    assert low is not None and (low.value, low.claim) == (229, "since-apr-27")
    assert row_with(result, "since-may-10").best.value == 90


def test_a_shorter_period_larger_than_the_longer_is_a_contradiction_in_both_rows():
    _, result = run("nested_period_violated.yaml")
    assert all(r.contradiction for r in result.rows) and len(result.rows) == 2
    assert all(any("short-count (150" in c for c in r.conflicts) for r in result.rows)


def test_own_period_figures_are_never_superseded():
    _, result = run("own_period_figures.yaml")
    assert {r.key for r in result.rows} == {
        "displaced/SY07/2019-05-06 to 2019-05-12", "displaced/SY07/2019-05-13 to 2019-05-19",
        "civilians_killed/SY07/2019-05-04 to 2019-05-04", "civilians_killed/SY07/2019-05-05 to 2019-05-05"}
    assert all(not r.set_aside and not r.contradiction for r in result.rows)
    assert all(r.shape is Shape.FIXED for r in result.rows)


def test_flows_without_a_start_are_compared_with_nothing():
    _, result = run("flows_without_start.yaml")
    assert len(result.rows) == 2
    for row in result.rows:
        assert len(row.used) == 1 and Flag.NO_START in row.flags and Flag.SINGLE_SOURCE in row.flags


def test_stocks_are_rows_by_date_and_never_fall():
    _, result = run("stock_falls.yaml")
    assert [r.key for r in result.rows] == ["idps/SY07/as of 2019-05-15", "idps/SY07/as of 2019-06-15",
                                            "idps/SY07/as of 2019-07-15"]
    assert all(not r.set_aside and Flag.CUMULATIVE_FELL not in r.flags for r in result.rows)


# --- contradiction ----------------------------------------------------------------------


def test_growth_between_fuzzy_dates_is_no_contradiction():
    _, result = run("growth_between_fuzzy_dates.yaml")
    growth = row_with(result, "may-total")
    assert not growth.contradiction
    assert (growth.implied.low, growth.implied.high) == (210000, 210000)  # the count to 25 May
    assert not row_with(result, "idps-june-1").contradiction
    assert row_with(result, "killed-a").contradiction  # one period, 120 and 150


def test_contradicts_decides_from_every_reading_of_the_dates():
    ds = dataset("reconcile_contradiction.yaml")
    by = {c.id: c for c in ds.claims}
    metric = ds.metrics["health_attacks"]

    def clash(a: str, b: str) -> bool:
        ca, cb = by[a], by[b]
        return contradicts(ca, interval_in_unit(ca, metric), cb, interval_in_unit(cb, metric), metric)

    assert not clash("count-a", "count-b")  # 20 to about 20 May may be earlier than 45 to 21 May
    assert clash("count-b", "count-late")  # 45 to 21 May, then 30 to 25 May: a running total shrank
    assert not clash("count-a", "count-late")


def test_a_later_running_total_lower_than_the_same_claimants_is_flagged_fell():
    _, result = run("reconcile_series.yaml")
    row = row_with(result, "ocha-later")
    assert used_ids(row) == {"ocha-later", "uossm-now"}
    why = reasons(row)
    assert why["ocha-early"] == "superseded by ocha-later (a later running total of the same claimant)"
    assert why["sohr-old"] == "stale: said 17 days before the latest figure in this row"
    assert Flag.CUMULATIVE_FELL in row.flags
    assert row_with(result, "ocha-two-days").key == "civilians_killed/SY05+SY07/2019-05-04 to 2019-05-05"


def test_at_least_after_about_is_no_fall():
    _, result = run("qualified_fall.yaml")
    row = result.rows[0]
    assert used_ids(row) == {"total-at-least"} and Flag.CUMULATIVE_FELL not in row.flags


def test_latest_by_claimant_keeps_both_when_neither_is_certainly_later():
    ds = dataset("same_claimant_same_day.yaml")
    sohr = [c for c in ds.claims if c.claimant == "sohr"]
    latest = latest_by_claimant(sohr, ds.metrics["civilians_killed"])
    assert {c.id for c in latest.kept["sohr"]} == {"aaa-figure", "zzz-figure"}
    assert latest.set_aside == ()


# --- knowledge time -----------------------------------------------------------------------


def test_knowledge_day_is_the_last_day_said_and_never_before_published():
    ds = dataset("knowledge_time.yaml")
    by = {c.id: c for c in ds.claims}
    assert knowledge_day(by["un-june-fact-sheet"]) == dt.date(2019, 6, 24)
    assert knowledge_day(by["who-about-june-10"]) == dt.date(2019, 6, 13)
    _, result = run("knowledge_time.yaml", as_of=dt.date(2019, 6, 15))
    assert {s.claim.id for s in result.unplaced} == {"un-june-fact-sheet"}
    assert result.unplaced[0].reason == ("not yet said on 2019-06-15 (as of 2019-06, published 2019-06-24: "
                                         "known from 2019-06-24)")


# --- echoes and independence ----------------------------------------------------------------


def test_range_not_sum_and_echo_counted_once():
    _, result = run("reconcile_echo.yaml")
    row = result.rows[0]
    assert used_ids(row) == {"orig-uossm", "un-200k"}
    assert reasons(row) == {"echo-uossm": "echo of orig-uossm"}
    assert row.echoes == 1 and row.n_independent == 2
    assert row.range_text == "more than 200,000 – more than 300,000"
    assert (row.spread.low, row.spread.low_open, math.isinf(row.spread.high)) == (200000, True, True)
    assert (row.implied.low, row.implied.low_open) == (300000, True)
    assert (row.best.value, row.best.stated, row.best.claim_ids) == (300000, "more than 300,000",
                                                                    ("orig-uossm",))


def test_echo_stands_in_for_an_origin_outside_the_selection():
    ds = dataset("reconcile_echo.yaml")
    echo = next(c for c in ds.claims if c.id == "echo-uossm")
    result = reconcile([echo], ds)
    assert used_ids(result.rows[0]) == {"echo-uossm"}
    assert result.rows[0].echoes == 0


def test_an_echo_of_a_claim_set_aside_is_not_counted():
    _, result = run("echo_of_set_aside.yaml")
    row = result.rows[0]
    assert row.echoes == 0 and used_ids(row) == {"ocha-later"}
    assert reasons(row)["article-repeats-early"] == (
        "echo of ocha-early; ocha-early is not used in this row, so the echo is not counted")


def test_an_echo_that_differs_is_flagged_and_says_how():
    _, result = run("echo_differs.yaml")
    row = result.rows[0]
    assert Flag.ECHO_DIFFERS in row.flags and row.echoes == 3
    why = reasons(row)
    assert why["article-at-least"] == ("echo of release-229; it differs from it (value: at least 229 "
                                       "against 229)")
    assert why["article-idlib"] == "echo of release-229; it differs from it (area: SY07 against SY05+SY07)"
    assert why["article-people"] == ("echo of release-229; it differs from it (metric: people_killed "
                                     "against civilians_killed)")


def test_parts_of_one_organisation_count_once():
    ds = dataset("part_of_independence.yaml")
    assert independent_count(["un", "ocha"], ds.claimants) == 1
    assert independent_count(["ocha", "who"], ds.claimants) == 2
    assert independent_count(["un", "ocha", "who"], ds.claimants) == 2
    _, result = run("part_of_independence.yaml")
    row = result.rows[0]
    assert row.n_independent == 1 and row.claimants_in_row == ("ocha", "un", "uossm")
    assert row.counts == "1 independent of 3 claimants" and Flag.SINGLE_SOURCE in row.flags


# --- hierarchies ----------------------------------------------------------------------------------


def test_a_part_larger_than_its_whole_is_flagged_in_both_rows():
    _, result = run("part_exceeds_whole.yaml")
    district, governorate = row_with(result, "district-80"), row_with(result, "governorate-50")
    assert Flag.PART_EXCEEDS_WHOLE in district.flags and Flag.PART_EXCEEDS_WHOLE in governorate.flags
    assert district.conflicts == governorate.conflicts == (
        "district-80 (80, sohr) is larger than governorate-50 (50, sohr): Idleb district lies within "
        "Idleb, for a period that holds it",)
    children = row_with(result, "children-since-may-1")
    assert children.conflicts == (
        "children-since-may-1 (130, snhr) is larger than civilians-since-apr-28 (120, sohr): "
        "children_killed is part of civilians_killed, for a period that holds it",)


# --- grades ---------------------------------------------------------------------------------------


def test_grades_parse_and_label():
    assert parse_min_grade("c3") == MinGrade("C", 3)
    assert parse_min_grade("B") == MinGrade("B", None) and parse_min_grade("2") == MinGrade(None, 2)
    assert parse_min_grade("none") == NO_MIN_GRADE
    with pytest.raises(ValueError):
        parse_min_grade("F6")
    assert grade_label("B", 2) == "B2" and grade_label(None, 3) == "?3" and grade_label(None, None) == ""


def test_an_improbable_figure_never_becomes_the_best_estimate_by_default():
    _, result = run("grades.yaml")
    row = result.rows[0]
    assert used_ids(row) == {"monitor-count", "possible-count"} and row.best.value == 40
    aside = {s.claim.id: s for s in result.unplaced}
    assert aside["improbable-count"].code is Reason.GRADE
    assert aside["improbable-count"].reason == ("information graded 5 (improbable), below --min-grade D4")
    assert aside["unreliable-count"].reason == ("source graded E (unreliable), below --min-grade D4")
    _, everything = run("grades.yaml", min_grade=NO_MIN_GRADE)
    assert everything.rows[0].best.value == 4 and not everything.unplaced


# --- intervals, best, range text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "value", "stated", "ids"),
    [
        (BestRule.CONSERVATIVE, 300000, "more than 300,000", ("orig-uossm",)),
        (BestRule.MAX, 300000, "more than 300,000", ("orig-uossm",)),
        (BestRule.LATEST, 300000, "more than 300,000", ("orig-uossm",)),  # the UN said last: raised
        (BestRule.MEDIAN, 300000, "more than 300,000", ("orig-uossm",)),
    ],
)
def test_every_best_rule_stays_inside_the_implied_bounds(rule, value, stated, ids):
    _, result = run("reconcile_echo.yaml", best=rule)
    best = result.rows[0].best
    assert (best.value, best.stated, best.claim_ids, best.rule) == (value, stated, ids, rule)


@pytest.mark.parametrize(
    ("rule", "value", "ids"),
    [
        (BestRule.CONSERVATIVE, 20, ("count-a",)),
        (BestRule.MAX, 45, ("count-b",)),
        (BestRule.LATEST, 30, ("count-late",)),
        (BestRule.MEDIAN, 30, ("count-late",)),
    ],
)
def test_best_rules_when_the_claims_contradict(rule, value, ids):
    _, result = run("reconcile_contradiction.yaml", best=rule)
    best = result.rows[0].best
    assert (best.value, best.claim_ids, best.bounded) == (value, ids, False)


def test_median_of_an_even_count_names_both_claims():
    ds = dataset("range_text_spread.yaml")
    best = best_estimate(ds.claims, BestRule.MEDIAN, ds.metrics["civilians_killed"])
    assert best.value == 23.5 and best.claim_ids == ("at-least-22", "between-20-30")
    assert best.stated == "23.5 (mean of at least 22 and between 20 and 30)"


def test_a_vague_word_counts_only_where_no_number_exists():
    _, result = run("vague_beside_number.yaml")
    killed = row_with(result, "msf-eleven")
    assert used_ids(killed) == {"msf-eleven"} and killed.best.value == 11
    assert killed.set_aside[0].code is Reason.VAGUE and Flag.VAGUE not in killed.flags
    injured = row_with(result, "only-dozens")
    assert Flag.VAGUE in injured.flags and injured.best.stated == "dozens"


def test_households_convert_only_with_a_size_and_keep_a_size_range():
    _, result = run("reconcile_units.yaml")
    people = row_with(result, "hh-sized")
    assert used_ids(people) == {"hh-sized", "people"} and Flag.HOUSEHOLDS_CONVERTED in people.flags
    households = row_with(result, "hh-unsized")
    assert households.unit == "households" and households.key.endswith("/households")
    _, ranged = run("household_size_range.yaml")
    row = ranged.rows[0]
    hh = next(c for c in row.used if c.id == "households-5-to-6")
    assert interval_in_unit(hh, row.metric) == msgspec.structs.replace(row.spread, low=5000, high=6000)
    assert point_value(hh, row.metric) == 5500
    assert row.range_text == "between 5,000 and 6,000 (1,000 households × 5–6), and 5,800"


def test_range_text_follows_the_spread():
    _, result = run("range_text_spread.yaml")
    row = result.rows[0]
    assert row.range_text == "between 20 and 30 – at least 22"
    assert (row.spread.low, math.isinf(row.spread.high)) == (20, True)
    assert (row.implied.low, row.implied.high) == (22, 30)


def test_rows_are_ordered_by_family_and_deterministic():
    ds = dataset("reconcile_units.yaml")
    a = reconcile(ds.claims, ds)
    b = reconcile(list(reversed(ds.claims)), ds)
    assert a == b
    assert [r.metric.family.value for r in a.rows] == ["displacement", "displacement", "casualties"]


def test_party_claims_get_their_own_row_and_a_flag_on_the_others():
    _, result = run("reconcile_parties.yaml")
    assert len(result.rows) == 2
    civil, party = result.rows
    assert used_ids(civil) == {"ngo-killed", "monitor-killed"}
    assert Flag.PARTY_CLAIMS_EXCLUDED in civil.flags and Flag.PARTY_CLAIMS not in civil.flags
    assert party.party and used_ids(party) == {"party-killed"} and party.key.endswith("/party")


def test_include_parties_puts_them_in_the_row_labelled():
    _, result = run("reconcile_parties.yaml", include_parties=True)
    assert len(result.rows) == 1
    row = result.rows[0]
    assert used_ids(row) == {"ngo-killed", "monitor-killed", "party-killed"}
    assert Flag.PARTY_CLAIMS in row.flags and not row.party


def test_scopes_are_never_combined():
    _, result = run("reconcile_scopes.yaml")
    assert {r.key for r in result.rows} == {
        "displaced/SY07/from 2019-04-29",
        "displaced/SY05+SY07/from 2019-02-01",
        "displaced/SY05+SY07/from 2019-04-29",
        "displaced/SY02+SY05+SY06+SY07/from 2019-04-29",
        "idps/SY02+SY05+SY06+SY07/as of 2019-06-30",
    }
    assert used_ids(row_with(result, "nw-a")) == {"nw-a", "nw-b"}


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=12))
def test_spans_with_no_day_in_common_are_each_a_group_as_the_greedy_choice_makes_them(
        spans: list[tuple[int, int]]) -> None:
    """share_a_day returns at once when no span starts by the last day of the one before: the greedy
    choice, written out here, must make the same groups in the same order."""
    day = dt.date(2019, 4, 1)
    span_of = {k: (day + dt.timedelta(days=lo), day + dt.timedelta(days=lo + width))
               for k, (lo, width) in enumerate(spans)}
    keys = list(span_of)
    keyed = sorted((hi, lo, k) for k, (lo, hi) in span_of.items())
    groups: list[list[int]] = []
    taken: set[int] = set()
    for hi, _lo, k in keyed:
        if k in taken:
            continue
        group = sorted(j for j in keys if j not in taken and span_of[j][0] <= hi)
        taken.update(group)
        groups.append(group)
    assert share_a_day(keys, span_of.__getitem__) == groups
