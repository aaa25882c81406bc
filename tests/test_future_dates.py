"""Dates after today are warnings of `hfig validate` only: never errors, never in an answer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hfig.cli import app
from hfig.load import future
from hfig.load.loader import load
from hfig.load.paths import expand
from tests.conftest import TODAY, fixture


def test_each_future_date_is_a_located_warning(runner):
    result = runner.invoke(app, ["validate", fixture("date_in_future.yaml")])
    assert result.exit_code == 0, result.output
    # The period end typed 2052 for a figure said in 2025 is also after its as_of: the loader's
    # `period-after-as-of` (docs/format.md) says so at the same place, whatever the day.
    after_as_of = [line for line in result.stdout.splitlines() if "warning[period-after-as-of]" in line]
    assert [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in after_as_of] == ["date_in_future.yaml:26:7"]
    lines = [line for line in result.stdout.splitlines() if line not in after_as_of]
    assert [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in lines] == [
        "date_in_future.yaml:11:12", "date_in_future.yaml:19:16", "date_in_future.yaml:26:7"]
    assert all("warning[date-in-future]" in line for line in lines)
    assert "as_of 2052-05-20 is after today (2026-12-01)" in lines[0]
    assert "published 2052-05-22 is after today" in lines[1]
    assert "period end 2052-05-31 is after today" in lines[2]
    assert "expected a date no later than 2026-12-01" in lines[0]
    assert "4 claim(s) loaded: 0 error(s), 4 warning(s)" in result.stderr


def test_a_date_that_may_be_today_is_not_in_the_future(runner, monkeypatch):
    # '2026-12' (as_of of 'this-month') may mean 1 December 2026: not certainly after today
    monkeypatch.setattr(future, "today", lambda: dt.date(2026, 11, 30))
    result = runner.invoke(app, ["validate", "-f", "json", fixture("date_in_future.yaml")])
    problems = json.loads(result.stdout)["problems"]
    assert len(problems) == 5 and problems[-1]["line"] == 35  # 4 date-in-future, 1 period-after-as-of
    assert {p["severity"] for p in problems} == {"warning"} and json.loads(result.stdout)["ok"]


def test_the_day_is_injected_not_read(runner, monkeypatch):
    monkeypatch.setattr(future, "today", lambda: dt.date(2052, 6, 1))
    result = runner.invoke(app, ["validate", fixture("date_in_future.yaml")])
    # only the loader's period-after-as-of is left: it does not depend on the day
    assert result.exit_code == 0 and "date-in-future" not in result.stdout
    assert [line.split("warning[")[1].split("]")[0] for line in result.stdout.splitlines()] == [
        "period-after-as-of"]


def test_pure_check_takes_the_day():
    files = expand([Path(fixture("date_in_future.yaml"))])
    result = load(files)
    assert len(future.future_dates(result.data.claims, result.refs, TODAY)) == 3
    assert future.future_dates(result.data.claims, result.refs, dt.date(2100, 1, 1)) == []
    # the loader itself has no clock: its problems are the same whatever the day
    assert not [p for p in result.problems if p.code == future.CODE]


@pytest.mark.parametrize("command", [["summary"], ["records"], ["timeline", "displaced"]])
def test_answers_unchanged_and_silent(runner, command):
    """The answering commands neither print the warning nor change: same with and without the cache."""
    args = [*command, "--data", fixture("date_in_future.yaml")]
    cold = runner.invoke(app, [*args, "--no-cache"])
    first = runner.invoke(app, args)
    warm = runner.invoke(app, args)
    assert cold.exit_code == first.exit_code == warm.exit_code == 0
    assert cold.stdout == first.stdout == warm.stdout
    assert "date-in-future" not in cold.stderr + first.stderr + warm.stderr


def test_validate_the_same_with_a_warm_cache(runner):
    """validate reads the files itself: a cache entry made on another day cannot change what it says."""
    args = ["validate", fixture("date_in_future.yaml")]
    runner.invoke(app, ["records", "--data", fixture("date_in_future.yaml")])  # fills the cache
    assert runner.invoke(app, args).stdout == runner.invoke(app, [*args]).stdout
    assert runner.invoke(app, args).stdout.count("date-in-future") == 3


def test_bundled_data_has_no_future_date(runner):
    result = runner.invoke(app, ["validate", "-f", "json"])
    assert not [p for p in json.loads(result.stdout)["problems"] if p["code"] == future.CODE]
