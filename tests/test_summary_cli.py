"""`hfig summary`, `hfig compare` and `--explain` on the bundled data and fixtures, in every format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hfig.cli import app

from .conftest import fixture

FORMATS = ["table", "csv", "tsv", "json", "ndjson"]
REQUIRED = {
    "family", "metric", "scope", "area", "low", "high", "low_open", "high_open", "implied_low",
    "implied_high", "range", "best", "best_rule", "best_claims", "claimants", "n_claimants", "echoes",
    "as_of", "period_start", "period_end", "flags", "claim_ids", "set_aside",
}
PARTY = "russia_reconciliation"


CLAIMS = Path(__file__).resolve().parents[1] / "data" / "claims"
DATA_2019 = ("--data", str(CLAIMS / "nw-syria-2019-facts.yaml"),
             "--data", str(CLAIMS / "nw-syria-2019-seed.yaml"))


def invoke(runner, *args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows_of(runner, *args):
    return json.loads(invoke(runner, *args, "--format", "json"))["rows"]


def row_holding(rows, claim_id):
    return next(r for r in rows if claim_id in r["claim_ids"] + r["set_aside"])


# --- the bundled data: the seed and what the issue promises ------------------------


def test_seed_view_puts_un_and_uossm_in_one_row_as_a_range(runner):
    rows = rows_of(runner, "summary", "--region", "idlib", "--as-of", "2019-05-25")
    row = row_holding(rows, "seed-un-displaced")
    assert set(row["claim_ids"]) == {"seed-un-displaced", "p5-uossm-displaced"}
    assert row["set_aside"] == ["seed-uossm-displaced"]
    assert row["echoes"] == 1 and row["n_claimants"] == 2 and row["n_independent"] == 2
    assert row["range"] == "more than 200,000 – more than 300,000"
    assert (row["low"], row["low_open"], row["high"], row["high_open"]) == (200000, True, None, True)
    assert (row["implied_low"], row["implied_low_open"], row["implied_high"]) == (300000, True, None)
    # The best lies inside what both claims allow: more than 300,000, never 200,000.
    assert (row["best"], row["best_stated"], row["best_rule"], row["best_claims"], row["best_bounded"]) == (
        300000, "more than 300,000", "conservative", ["p5-uossm-displaced"], False)
    assert row["scope"] == ["SY05", "SY07"] and row["sources"] == "2 of 2" and row["echoes"] == 1
    assert row["row"] == "displaced/SY05+SY07/from 2019-04-late" and row["flags"] == []
    # P2's "since 1 February" never sits with "since late April" figures
    assert row_holding(rows, "p2-cccm-displaced-since-feb1") is not row
    metrics = {r["metric"] for r in rows}
    assert {"civilians_killed", "health_facility_attacks", "ambulance_attacks",
            "health_facilities_out_of_service"} <= metrics


def test_seed_health_figures_are_separate_rows(runner):
    rows = rows_of(runner, "summary", "--region", "idlib", "--as-of", "2019-05-25")
    for claim, metric in [("seed-un-health-attacks", "health_facility_attacks"),
                          ("seed-un-ambulance-attacks", "ambulance_attacks"),
                          ("seed-un-health-facilities-out-of-service", "health_facilities_out_of_service")]:
        row = row_holding(rows, claim)
        assert row["metric"] == metric


def test_party_claims_stay_out_of_every_other_row(runner):
    rows = rows_of(runner, "summary")
    party_rows = [r for r in rows if PARTY in r["claimants"]]
    assert party_rows, "the seed's Russian claims should be shown"
    for row in party_rows:
        assert row["claimants"] == [PARTY] and "party_claims" in row["flags"]
    assert all(PARTY not in r["claimants"] or "party_claims" in r["flags"] for r in rows)


def test_latest_view_shows_un_and_who_june_figures_for_nw_syria(runner):
    # The worked example of docs/methodology.md, on the 2019 records it was written for.
    rows = rows_of(runner, "summary", "--region", "idlib", "--metric", "displaced", *DATA_2019)
    row = row_holding(rows, "p8-who-displaced")
    assert set(row["claim_ids"]) == {"p7-un-displaced", "p8-who-displaced"}
    assert row["range"] == "at least 310,000 – more than 330,000"
    assert row["as_of"] == "2019-06-30" and row["scope"] == ["SY02", "SY05", "SY06", "SY07"]
    # WHO is part of the UN: one independent source of two claimants, not two.
    assert (row["n_independent"], row["sources"]) == (1, "1 of 2") and "single_source" in row["flags"]


def test_compare_displaced_lists_every_claim_then_the_rows(runner):
    out = rows_of(runner, "compare", "displaced")
    claims = [r for r in out if r["line"] == "claim"]
    reconciled = [r for r in out if r["line"] == "reconciled"]
    ids = {r["id"] for r in claims}
    assert {"seed-un-displaced", "seed-uossm-displaced", "p5-uossm-displaced",
            "p8-who-displaced"} <= ids
    echo = next(r for r in claims if r["id"] == "seed-uossm-displaced")
    assert (echo["status"], echo["origin"]) == ("set aside", "p5-uossm-displaced")
    assert echo["reason"].startswith("echo of p5-uossm-displaced")
    assert {r["row"] for r in claims if r["status"] == "used"} <= {r["row"] for r in reconciled}
    assert all(r["metric"] == "displaced" for r in out)


def test_compare_table_shows_claims_and_reconciled_rows(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # no folding inside cells
    out = invoke(runner, "compare", "displaced", "--region", "idlib", "--as-of", "2019-05-25")
    assert "seed-un-displaced" in out and "echo of p5-uossm-displaced" in out
    assert "Reconciled" in out and "more than 200,000 – more than 300,000" in out
    assert "not yet said on 2019-05-25" in out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", [["summary", "--region", "idlib"], ["compare", "displaced"],
                                     ["summary", "--explain"], ["compare", "civilians_killed", "--explain"]])
def test_every_format_on_the_bundled_data(runner, command, fmt):
    out = invoke(runner, *command, "--format", fmt)
    assert out.strip()
    if fmt == "json":
        doc = json.loads(out)
        assert doc["hfig_json"] == 1 and doc["rows"]
        if command[0] == "summary" and "--explain" not in command:
            assert doc["kind"] == "summary" and set(doc["columns"]) >= REQUIRED
    elif fmt == "ndjson":
        assert all(json.loads(line) for line in out.splitlines())
    elif fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows
    else:
        assert "Traceback" not in out


def test_csv_reads_back_with_numeric_bounds_and_best(runner):
    pd = pytest.importorskip("pandas")
    for args in (["summary"], ["compare", "displaced"]):
        frame = pd.read_csv(io.StringIO(invoke(runner, *args, "--format", "csv")))
        for col in ("low", "high", "best"):
            assert pd.api.types.is_numeric_dtype(frame[col]), (args, col)
    frame = pd.read_csv(io.StringIO(invoke(runner, "summary", "--format", "csv")))
    assert set(frame.columns) >= REQUIRED


def test_hxl_row_under_the_header(runner):
    out = invoke(runner, "summary", "--format", "csv", "--hxl").splitlines()
    assert out[1].startswith("#indicator+family,#indicator+code")


def test_explain_names_the_rule_and_the_reasons(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    out = invoke(runner, "summary", "--region", "idlib", "--as-of", "2019-05-25", "--explain")
    assert "echo of p5-uossm-displaced" in out
    assert "conservative" in out and "from p5-uossm-displaced" in out
    rows = rows_of(runner, "summary", "--explain", "--data", fixture("reconcile_series.yaml"))
    reasons = {r["claim"]: r["reason"] for r in rows if r["status"] == "set aside"}
    assert reasons["ocha-early"].startswith("superseded by ocha-later")
    assert reasons["sohr-old"] == "stale: said 17 days before the latest figure in this row"


def test_explain_command_matches_summary_explain(runner):
    a = invoke(runner, "explain", "--data", fixture("reconcile_parties.yaml"), "-f", "json")
    b = invoke(runner, "summary", "--explain", "--data", fixture("reconcile_parties.yaml"), "-f", "json")
    assert a == b


# --- options -----------------------------------------------------------------------


def test_include_parties_and_best(runner):
    data = ("--data", fixture("reconcile_parties.yaml"))
    assert len(rows_of(runner, "summary", *data)) == 2
    rows = rows_of(runner, "summary", *data, "--include-parties", "--best", "max")
    assert len(rows) == 1
    assert rows[0]["best_rule"] == "max" and rows[0]["best"] == 350
    assert "party_claims" in rows[0]["flags"]


def test_region_in_any_spelling(runner):
    a = rows_of(runner, "summary", "--region", "SY07", "--as-of", "2019-05-25")
    b = rows_of(runner, "summary", "--region", "EDLIB", "--as-of", "2019-05-25")
    assert a == b


def test_unknown_region_is_a_clear_error(runner):
    result = runner.invoke(app, ["summary", "--region", "Idlibb"])
    assert result.exit_code == 2
    assert "--region" in result.stderr and "Traceback" not in result.stderr


def test_bad_as_of_and_metric_are_usage_errors(runner):
    result = runner.invoke(app, ["summary", "--as-of", "late May"])
    assert result.exit_code == 2 and "2019-05-07" in result.stderr  # the forms it reads
    result = runner.invoke(app, ["compare", "displacd"])
    assert result.exit_code == 2 and "not a metric" in result.stderr
    result = runner.invoke(app, ["summary", "--best", "mean"])
    assert result.exit_code == 2


def test_no_match_is_not_an_error(runner):
    out = invoke(runner, "summary", "--region", "daraa", "--metric", "displaced")
    assert "No claims match" in out


def test_no_match_has_no_stray_full_stop_in_its_notes(runner):
    # With no rows there is no best-estimate rule to name: the note once read "as stated. .".
    out = invoke(runner, "summary", "--region", "daraa", "--metric", "displaced")
    assert "low and high ends, as stated.\n" in out and ". ." not in out
    out = invoke(runner, "summary", "--region", "idlib", "--metric", "displaced")
    assert "as stated. Best: " in out


def test_summary_does_not_import_pandas():
    code = (
        "import sys\nfrom hfig.cli import app\n"
        "try:\n    app(['summary', '--region', 'idlib', '--format', 'csv'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('pandas' in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.strip().endswith("False")


def test_core_reconcile_imports_nothing_heavy():
    code = "import sys, hfig.core.reconcile; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert not {m.split(".")[0] for m in out.split()} & {"typer", "rich", "yaml", "pandas", "click"}


def test_as_of_takes_fuzzy_forms_and_means_their_last_day(runner):
    month = runner.invoke(app, ["summary", "--as-of", "2019-05", "-f", "csv"])
    last_day = runner.invoke(app, ["summary", "--as-of", "2019-05-31", "-f", "csv"])
    assert month.exit_code == 0 and month.stdout == last_day.stdout
