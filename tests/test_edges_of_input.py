"""Extreme dates, absurd numbers, huge ids and files, unbounded work: refused early and clearly.

Issue 18 found tracebacks (OverflowError, ValueError) for dates near the ends of the calendar
in validate, summary, timeline, the chart, extract --published and add --dry-run; "more
than ∞" for 1e400; six seconds of timeline for a 1 MB id; 13 GB to validate 200 MB; a
timeline past 300 s for --every day --until 9999-12-30.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfig.cli import app
from hfig.cli.base import ExitCode
from hfig.load.paths import MAX_FILE_BYTES

runner = CliRunner()


def record(tmp_path: Path, *, value: str = "100", as_of: str = "2019-05-01", extra: str = "",
           claim_id: str = "a1") -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(f"hfig: 1\nclaims:\n  - id: {claim_id}\n    metric: displaced\n    value: {value}\n"
                    f"    claimant: un\n    area: Idlib\n    as_of: {as_of}\n{extra}", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout + result.stderr  # validate lists problems on stdout


EXTREME_DATES = ["~9999-12-31", "9999-W52", "~0001-01-01", "0001-01-01", "1899-12-31", "2101-01-01"]


@pytest.mark.parametrize("date", EXTREME_DATES)
@pytest.mark.parametrize("command", [["validate"], ["summary", "--data"], ["timeline", "displaced", "--data"],
                                     ["records", "--data"], ["compare", "displaced", "--data"]])
def test_a_date_outside_1900_2100_is_a_located_error(date: str, command: list[str], tmp_path: Path) -> None:
    path = record(tmp_path, as_of=date)
    code, err = run(*command, str(path))
    assert code == ExitCode.INVALID_DATA
    assert "r.yaml:8:" in err and "bad-date" in err
    assert "1900-2100" in err or "not a" in err


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_period_at_the_ends_of_the_calendar_is_an_error(date: str, tmp_path: Path) -> None:
    path = record(tmp_path, extra=f"    period: {{start: {date}}}\n")
    code, err = run("timeline", "displaced", "--data", str(path))
    assert code == ExitCode.INVALID_DATA and "bad-date" in err


@pytest.mark.parametrize("args", [["timeline", "displaced", "--until", "9999-12-30"],
                                  ["timeline", "displaced", "--since", "0001-01-01"],
                                  ["summary", "--as-of", "~9999-12-31"]])
def test_a_date_option_outside_the_range_is_a_usage_error(args: list[str]) -> None:
    code, err = run(*args)
    assert code == ExitCode.USAGE and "1900-2100" in err


def test_extract_published_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("On Thursday, more than 200,000 people had fled Idlib, the UN said.\n")
    code, err = run("extract", str(report), "--published", "~9999-12-31")
    assert code == ExitCode.USAGE and "1900-2100" in err


def test_extract_relative_dates_that_leave_the_range(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("In the past four weeks, since late December, more than 200,000 people have fled "
                      "Idlib, the UN said.\n")
    code, err = run("extract", str(report), "--published", "1900-01-05")
    assert code == ExitCode.USAGE and "1900-2100" in err


def test_add_dry_run_with_an_extreme_date(tmp_path: Path) -> None:
    code, err = run("add", str(tmp_path / "new.yaml"), "--metric", "displaced", "--value", "5", "--claimant",
                    "un", "--area", "Idleb", "--as-of", "~9999-12-31", "--dry-run")
    assert code == ExitCode.INVALID_DATA and "1900-2100" in err


@pytest.mark.parametrize("value", ["1e400", "1" * 5001, "1000000000001"])
@pytest.mark.parametrize("field", ["value", "household_size"])
def test_a_number_beyond_the_largest_figure_is_an_error(value: str, field: str, tmp_path: Path) -> None:
    extra = f"    household_size: {value}\n    unit: households\n" if field == "household_size" else ""
    path = record(tmp_path, value="5" if extra else value, extra=extra)
    code, err = run("summary", "--data", str(path))
    assert code == ExitCode.INVALID_DATA
    assert "number-range" in err and "∞" not in err
    assert len(err) < 2000  # a 5,001-digit number is not echoed whole


def test_a_value_max_beyond_the_largest_figure_is_an_error(tmp_path: Path) -> None:
    path = record(tmp_path, extra="    qualifier: between\n    value_max: 1e400\n")
    code, err = run("summary", "--data", str(path))
    assert code == ExitCode.INVALID_DATA and "number-range" in err


def test_a_1_mb_id_is_refused_at_once(tmp_path: Path) -> None:
    path = record(tmp_path, claim_id="a" * 1_000_000)
    start = time.perf_counter()
    code, err = run("timeline", "displaced", "--data", str(path))
    assert code == ExitCode.INVALID_DATA
    assert "longer than 100 characters" in err and len(err) < 2000
    assert time.perf_counter() - start < 5


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, no time
    for command in (["validate", str(path)], ["records", "--data", str(path)],
                    ["records", "--data", str(path), "--no-cache"]):
        code, err = run(*command)
        assert code == ExitCode.IO_ERROR
        assert "larger than 32 MiB" in err


def test_a_band_of_too_many_dates_stops_before_the_work() -> None:
    start = time.perf_counter()
    code, err = run("timeline", "displaced", "--every", "day", "--until", "2100-12-30")
    assert code == ExitCode.USAGE
    assert "at most 10,000" in err
    assert time.perf_counter() - start < 10
    assert run("timeline", "displaced", "--every", "month", "--until", "2100-12-30")[0] == ExitCode.OK
