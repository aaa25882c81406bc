"""Timelines: increments, drops, changed and fuzzy starts, equal dates, the band, and the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfig.cli import app
from hfig.cli.context import load_data
from hfig.core.dates import parse_fuzzy_date
from hfig.core.qualifiers import Interval
from hfig.core.timeline import Every, Flag, Point, Timeline, build_timeline, difference

from .conftest import fixture

D = dt.date


def timeline_of(name: str, **options: object) -> Timeline:
    data = load_data([Path(fixture(name))])
    return build_timeline(data.claims, data.claimants, "displaced", unit="people", **options)  # type: ignore[arg-type]


def points(tl: Timeline) -> dict[str, Point]:
    return {p.claim.id: p for s in tl.series for p in s.points}


def when(text: str) -> object:
    return parse_fuzzy_date(text)


# --- increments -------------------------------------------------------------------


def test_increment_between_exact_running_totals_is_exact() -> None:
    p = points(timeline_of("timeline_increments.yaml"))
    assert p["inc-1"].increment is None and p["inc-1"].increment_code == "first"
    assert p["inc-2"].increment == 30000 and p["inc-2"].increment_exact
    assert p["inc-2"].previous == "inc-1"
    assert p["inc-2"].increment_interval == Interval(30000, 30000)


def test_increment_with_a_qualifier_is_a_difference_of_stated_values_and_its_interval() -> None:
    p = points(timeline_of("timeline_increments.yaml"))["inc-3a"]  # "more than 150,000" after 130,000
    assert p.increment == 20000
    assert not p.increment_exact
    assert p.increment_interval is not None
    assert p.increment_interval.low == 20000 and p.increment_interval.low_open
    assert math.isinf(p.increment_interval.high)


def test_difference_of_intervals_keeps_open_ends() -> None:
    iv = difference(Interval(180000, 180000), Interval(150000, math.inf, low_open=True, high_open=True))
    assert math.isinf(iv.low) and iv.high == 30000 and iv.high_open  # "less than 30,000 more"


def test_equal_as_of_dates_are_flagged_and_both_count_from_the_earlier_report() -> None:
    p = points(timeline_of("timeline_increments.yaml"))
    assert Flag.SAME_DATE in p["inc-3a"].flags and Flag.SAME_DATE in p["inc-3b"].flags
    assert p["inc-3a"].previous == p["inc-3b"].previous == "inc-2"
    assert p["inc-3b"].increment == 18000
    assert Flag.SAME_DATE not in p["inc-2"].flags


def test_gap_of_more_than_14_days_is_flagged() -> None:
    p = points(timeline_of("timeline_increments.yaml"))
    assert Flag.GAP in p["inc-4"].flags and p["inc-4"].gap_days == 20
    # The previous day has "more than 150,000" and 148,000 from one claimant: which came last
    # cannot be told, and the answer must not hang on claim ids.
    assert p["inc-4"].increment is None and p["inc-4"].increment_code == "previous_ambiguous"
    assert all(Flag.GAP not in p[i].flags for i in ("inc-1", "inc-2", "inc-3a", "inc-3b"))


# --- drops and starts --------------------------------------------------------------


def test_a_falling_running_total_is_flagged_with_the_figure_it_fell_from() -> None:
    p = points(timeline_of("timeline_drop_and_restart.yaml"))
    assert Flag.FELL in p["drop-2"].flags
    assert p["drop-2"].fell_from == "drop-1"
    assert p["drop-2"].increment == -20000


def test_a_changed_start_gives_no_increment_and_says_why() -> None:
    p = points(timeline_of("timeline_drop_and_restart.yaml"))["drop-3"]
    assert Flag.START_CHANGED in p.flags
    assert p.increment is None and p.increment_code == "start_changed"
    assert p.increment_reason == "start changed: 2019-04-29 -> 2019-05-01"
    assert Flag.FELL not in p.flags  # counting from a later day, a lower figure is no drop


def test_fuzzy_start_written_the_same_way_gives_an_increment() -> None:
    p = points(timeline_of("timeline_drop_and_restart.yaml"))
    assert p["fuzzy-2"].increment == 50000  # "since late April" twice
    assert Flag.START_CHANGED not in p["fuzzy-2"].flags


def test_fuzzy_start_written_differently_is_a_changed_start_that_may_be_the_same_day() -> None:
    p = points(timeline_of("timeline_drop_and_restart.yaml"))["fuzzy-3"]  # late April -> 28 April
    assert Flag.START_CHANGED in p.flags and p.increment is None
    assert p.increment_reason == ("start changed: 2019-04-late -> 2019-04-28 "
                                  "(written differently; may be the same day)")


# --- the band ------------------------------------------------------------------------


def test_band_is_the_hull_of_latest_running_totals_echoes_once_parties_out() -> None:
    tl = timeline_of("timeline_band.yaml")
    idlib = [b for b in tl.band if b.scope == ("SY07",)]
    assert [b.date for b in idlib] == [D(2019, 5, 7), D(2019, 5, 14), D(2019, 5, 22)]
    last = idlib[-1]
    assert last.claims == ("band-ocha-2", "band-uossm-1")
    assert last.interval.low == 180000 and math.isinf(last.interval.high)
    assert tl.excluded_parties == ("band-party",)
    p = points(tl)
    assert not p["band-article-echo"].counted and Flag.ECHO in p["band-article-echo"].flags
    assert not p["band-weekly"].counted and Flag.NOT_CUMULATIVE in p["band-weekly"].flags
    assert not p["band-disputed"].counted and Flag.DISPUTED in p["band-disputed"].flags
    assert not p["band-party"].counted and Flag.PARTY in p["band-party"].flags


def test_wider_scope_has_its_own_band() -> None:
    tl = timeline_of("timeline_band.yaml")
    nw = [b for b in tl.band if b.scope == ("SY02", "SY05", "SY06", "SY07")]
    assert [b.claims for b in nw] == [("band-who-nw",)]


def test_include_parties_lets_party_claims_into_the_band() -> None:
    tl = timeline_of("timeline_band.yaml", include_parties=True)
    last = [b for b in tl.band if b.scope == ("SY07",)][-1]
    assert "band-party" in last.claims and last.interval.low == 0
    assert tl.excluded_parties == ()


def test_an_echo_whose_origin_is_absent_stands_in_for_it() -> None:
    data = load_data([Path(fixture("timeline_band.yaml"))])
    claims = [c for c in data.claims if c.id != "band-uossm-1"]
    tl = build_timeline(claims, data.claimants, "displaced")
    p = points(tl)["band-article-echo"]
    assert Flag.ECHO not in p.flags and p.counted
    assert "band-article-echo" in tl.band[-1].claims


def test_same_day_figures_of_one_claimant_both_enter_the_band() -> None:
    tl = timeline_of("timeline_increments.yaml")
    on_9_may = next(b for b in tl.band if b.date == D(2019, 5, 9))
    assert on_9_may.claims == ("inc-3a", "inc-3b")
    assert on_9_may.interval.low == 148000 and math.isinf(on_9_may.interval.high)


def test_input_order_does_not_change_the_timeline() -> None:
    data = load_data([Path(fixture("timeline_band.yaml"))])
    a = build_timeline(data.claims, data.claimants, "displaced")
    b = build_timeline(list(reversed(data.claims)), data.claimants, "displaced")
    assert a == b


# --- knowledge time and windows ------------------------------------------------------


def test_as_of_uses_only_what_was_said_and_carries_the_band_to_that_day() -> None:
    tl = timeline_of("timeline_band.yaml", as_of=when("2019-05-15"))
    assert set(points(tl)) == {"band-ocha-1"}  # ~2019-05-14 may mean 17 May: not certainly said
    tl = timeline_of("timeline_band.yaml", as_of=when("2019-05-17"))
    assert set(points(tl)) == {"band-ocha-1", "band-ocha-2"}
    assert tl.band[-1].date == D(2019, 5, 17) and tl.band[-1].claims == ("band-ocha-2",)
    assert not tl.band[-1].changed


def test_since_hides_earlier_reports_but_increments_still_count_from_them() -> None:
    tl = timeline_of("timeline_increments.yaml", since=when("2019-05-09"))
    p = points(tl)
    assert set(p) == {"inc-3a", "inc-3b", "inc-4"}
    assert p["inc-3b"].increment == 18000 and p["inc-3b"].previous == "inc-2"
    assert all(b.date >= D(2019, 5, 9) for b in tl.band)


def test_until_and_fuzzy_window_bounds() -> None:
    tl = timeline_of("timeline_increments.yaml", until=when("2019-05-05"))
    assert set(points(tl)) == {"inc-1", "inc-2"}
    tl = timeline_of("timeline_increments.yaml", since=when("2019-05-early"), until=when("2019-05-mid"))
    assert set(points(tl)) == {"inc-1", "inc-2", "inc-3a", "inc-3b"}


def test_every_week_resamples_the_band_to_sundays() -> None:
    tl = timeline_of("timeline_increments.yaml", every=Every.WEEK)
    assert [b.date for b in tl.band] == [D(2019, 5, 5), D(2019, 5, 12), D(2019, 5, 19),
                                         D(2019, 5, 26), D(2019, 6, 2)]
    assert [b.claims for b in tl.band][:2] == [("inc-2",), ("inc-3a", "inc-3b")]
    assert tl.band[-1].claims == ("inc-4",)


def test_every_month_and_day() -> None:
    tl = timeline_of("timeline_increments.yaml", every=Every.MONTH)
    assert [(b.date, b.claims) for b in tl.band] == [(D(2019, 5, 31), ("inc-4",))]
    tl = timeline_of("timeline_increments.yaml", every=Every.DAY)
    assert len(tl.band) == 29 and tl.band[0].date == D(2019, 5, 1)


# --- the command -------------------------------------------------------------------------


def test_cli_table_shows_series_band_then_chart(runner: CliRunner) -> None:
    args = ["timeline", "displaced", "--data", fixture("timeline_drop_and_restart.yaml")]
    result = runner.invoke(app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("reports in as-of order") < out.index("band over time") < out.index("by as-of date")
    assert "-20,000" in out and "fell" in out and "(start changed)" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_cli_csv_is_long_form_with_numbers_and_band_rows(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "displaced", "--format", "csv",
                                 "--data", fixture("timeline_band.yaml")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    for column in ("date", "claimant", "scope", "value", "qualifier", "low", "high", "increment", "flags"):
        assert column in rows[0]
    ocha2 = next(r for r in rows if r["id"] == "band-ocha-2")
    assert ocha2["increment"] == "30000" and ocha2["increment_exact"] == "false"
    band = [r for r in rows if r["claimant"] == "(band)"]
    assert band and all(r["row_type"] == "band" for r in band)
    assert band[-1]["high"] == "" and band[-1]["high_open"] == "true"
    assert "change" not in rows[0] and "group" not in rows[0]  # terminal-only columns


def test_cli_json_envelope(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "displaced", "--format", "json", "--every", "week",
                                 "--data", fixture("timeline_increments.yaml")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["kind"] == "timeline" and doc["metric"] == "displaced" and doc["every"] == "week"
    inc2 = next(r for r in doc["rows"] if r["id"] == "inc-2")
    assert inc2["increment"] == 30000 and inc2["flags"] == []
    assert next(r["date"] for r in doc["rows"] if r["row_type"] == "band") == "2019-05-05"


def test_cli_as_of_since_until(runner: CliRunner) -> None:
    args = ["timeline", "displaced", "--format", "csv", "--data", fixture("timeline_increments.yaml")]
    result = runner.invoke(app, [*args, "--since", "2019-05-09", "--until", "2019-05"])
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["row_type"] == "report"]
    assert ids == ["inc-3a", "inc-3b", "inc-4"]
    result = runner.invoke(app, [*args, "--as-of", "2019-05-06"])
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["row_type"] == "report"]
    assert ids == ["inc-1", "inc-2"]


@pytest.mark.parametrize("args, message", [
    (["--since", "2019-13"], "--since:"),
    (["--as-of", "next week"], "--as-of:"),
    (["--since", "2019-06", "--until", "2019-05"], "is after --until"),
    (["--plot", "chart.pdf"], "must end in .png or .svg"),
])
def test_cli_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["timeline", "displaced", "--data", fixture("timeline_band.yaml"), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_cli_unknown_metric(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "displacd"])
    assert result.exit_code == 2 and "displaced" in result.stderr


def test_cli_plot_without_matplotlib_says_how_to_install(runner: CliRunner, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "matplotlib" else real(name, *a))
    target = tmp_path / "chart.png"
    result = runner.invoke(app, ["timeline", "displaced", "--plot", str(target),
                                 "--data", fixture("timeline_band.yaml")])
    assert result.exit_code == 4
    assert "pip install 'hfig[plot]'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == "" and not target.exists()


def test_bundled_displacement_timeline(runner: CliRunner) -> None:
    # the 2019 offensive on north-west Syria; the bundled data also holds Ukraine and Sudan
    result = runner.invoke(app, ["timeline", "displaced", "--format", "csv", "--region", "syria"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    claimants = {r["claimant"] for r in rows if r["row_type"] == "report"}
    assert {"ocha", "un", "unhcr_cccm", "uossm", "who"} <= claimants
    starts = {r["start"] for r in rows if r["row_type"] == "report"}
    ends = {r["end"] for r in rows if r["row_type"] == "report"}
    assert {"2019-04-late", "2019-04-28", "2019-04-29"} <= starts  # from late April ...
    assert "2019-06-13" in ends  # ... to mid June (WHO)
    assert all(r["date"][:5] in ("2019-", "2020-") for r in rows)  # April 2019 to the ceasefire of March 2020
    assert "2020-03-05" in {r["date"] for r in rows if r["claimant"] == "ocha"}
    echo = next(r for r in rows if r["id"] == "seed-uossm-displaced")
    assert "echo" in echo["flags"] and echo["in_band"] == "false"


def test_bundled_displacement_chart_fits_100_columns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "displaced"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    for name in ("ocha", "unhcr_cccm", "uossm", "who"):
        assert name in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    assert "\x1b[" not in result.stdout


def test_households_with_a_size_enter_the_band_as_people(runner: CliRunner) -> None:
    tl = timeline_of("vague_and_households.yaml")
    assert [(b.claims, b.interval.low, b.converted) for b in tl.band] == [(("h",), 5500, True)]
    result = runner.invoke(app, ["timeline", "displaced", "--format", "json",
                                 "--data", fixture("vague_and_households.yaml")])
    rows = json.loads(result.stdout)["rows"]
    assert next(r for r in rows if r["id"] == "h")["stated"] == "1,000 households"
    assert next(r for r in rows if r["row_type"] == "band")["flags"] == ["households_converted"]


def test_a_vague_figure_has_no_increment_but_a_band() -> None:
    data = load_data([Path(fixture("vague_and_households.yaml"))])
    tl = build_timeline(data.claims, data.claimants, "civilians_killed", unit="people")
    assert points(tl)["v"].increment_code == "first"
    assert tl.band[0].claims == ("v",)


def test_json_columns_are_pinned(runner: CliRunner) -> None:
    """The long-form contract: add columns at the end of a group, never rename or drop one."""
    result = runner.invoke(app, ["timeline", "displaced", "--format", "json",
                                 "--data", fixture("timeline_band.yaml")])
    doc = json.loads(result.stdout)
    assert doc["hfig_json"] == 1
    assert doc["columns"] == [
        "row_type", "series", "date", "as_of", "as_of_date", "as_of_precision", "claimant", "claimant_kind",
        "scope", "scope_name", "area", "start", "start_date", "start_precision", "end", "end_date",
        "end_precision", "cumulative", "id", "claims", "claimants", "starts", "value",
        "value_max", "qualifier", "unit", "stated", "interval", "low", "high", "low_open", "high_open",
        "increment", "increment_low", "increment_high", "increment_exact", "increment_code",
        "increment_reason", "previous", "fell_from", "gap_days", "flags", "origin", "in_band",
    ]
    assert sorted(doc) == ["by", "columns", "every", "excluded_party_claims", "hfig_json", "kind", "metric",
                           "rows", "since", "until"]


def test_help_names_the_plot_extra(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "hfig[plot]" in result.stdout


def test_flows_without_a_start_stay_out_of_the_band() -> None:
    """Nobody said since when they count: compared with nothing, in a timeline as in a summary."""
    tl = timeline_of("flows_without_start.yaml")
    p = points(tl)
    assert all(Flag.NO_START in p[i].flags and not p[i].counted for i in ("no-start-50k", "no-start-500k"))
    assert tl.band == ()


@pytest.mark.parametrize("kinds", [["report", "report", "band"], ["band", "report", "band", "report"],
                                   ["band"]])
def test_rows_of_one_type_are_the_same_kept_as_columns_or_as_dicts(kinds: list[str]) -> None:
    from hfig.render.table import ColumnRows, ResultTable
    from hfig.render.timeline import rows_of_type

    columns = {"row_type": list(kinds), "n": list(range(len(kinds)))}
    as_columns = ResultTable("timeline", [], ColumnRows(columns))
    as_dicts = ResultTable("timeline", [], list(ColumnRows(columns)))
    for kind in ("report", "band"):
        picked = rows_of_type(as_columns, kind)
        assert isinstance(picked, ColumnRows)  # the terminal reads its columns, no dict per row
        assert list(picked) == rows_of_type(as_dicts, kind) == [
            {"row_type": k, "n": n} for n, k in enumerate(kinds) if k == kind]
