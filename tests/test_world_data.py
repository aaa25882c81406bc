"""The bundled Ukraine and Sudan records answer questions across claimants (docs/data.md)."""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from hfig.cli import app

runner = CliRunner()


def _rows(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_ohchr_running_total_for_ukraine_has_increments() -> None:
    rows = _rows("timeline", "civilians_killed", "--region", "ukraine")
    ohchr = [r for r in rows if r["row_type"] == "report" and r["claimant"] == "ohchr" and r["scope"] == "UA"]
    increments = [r for r in ohchr if r["increment"] not in ("", None)]
    assert len(increments) >= 15
    totals = [r["value"] for r in ohchr if r["cumulative"] == "true" and "echo" not in r["flags"].split(";")]
    assert totals[0] == "227" and totals[-1] == "9614"
    assert sum("echo" in r["flags"].split(";") for r in ohchr) == 2


def test_sudan_death_tolls_of_a_party_and_a_monitor_cannot_both_be_true() -> None:
    rows = _rows("summary", "--region", "sudan", "--metric", "people_killed",
                 "--as-of", "2023-10-07", "--include-parties")
    national = next(r for r in rows if r["scope"] == "SD" and r["metric"] == "people_killed")
    assert {"acled", "sudan_government"} <= set(national["claimants"].split(";"))
    # 1,265 (to about 5 October, since 15 April) beside ACLED's "more than 9,000" (since mid-April,
    # to 6 October) is implausible but not impossible: ACLED's period may start earlier and end
    # later, and a longer period may hold more (docs/methodology.md, rule 10: a contradiction is
    # certain or nothing). The row says what is wrong instead: the ministry's total fell (from "more
    # than 3,000" in June), the spread is wide, and its civilians killed by August exceed this toll.
    assert {"cumulative_fell", "party_claims", "wide_spread", "part_exceeds_whole"} <= set(
        national["flags"].split(";"))
    assert "contradiction" not in national["flags"].split(";")


def test_party_claims_stay_apart_by_default() -> None:
    rows = _rows("summary", "--region", "ukraine", "--metric", "civilians_killed", "--as-of", "2022-11-20")
    national = [r for r in rows if r["scope"] == "UA" and r["period_start"] == "2022-02-24"]
    assert {r["claimants"] for r in national} == {"ohchr", "ukraine_prosecutor_general"}
    for row in national:
        flags = set(row["flags"].split(";"))
        party = row["claimants"] == "ukraine_prosecutor_general"
        assert ("party_claims" in flags) == party and ("party_claims_excluded" in flags) == (not party)
