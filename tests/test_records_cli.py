"""`hfig records` in every format, on the bundled data and on fixtures."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from hfig.cli import app
from hfig.core.qualifiers import VAGUE_LEXICON

from .conftest import fixture

REQUIRED_FIELDS = {
    "id",
    "metric",
    "value",
    "qualifier",
    "low",
    "high",
    "unit",
    "claimant",
    "claimant_kind",
    "area",
    "pcodes",
    "period_start",
    "period_end",
    "as_of",
    "publisher",
    "url",
    "origin",
    "quote",
    "file",
    "line",
}


def records(runner, *args):
    result = runner.invoke(app, ["records", *args])
    assert result.exit_code == 0, result.stderr
    return result


def test_table_shows_values_as_stated_and_open_intervals(runner):
    out = records(runner, "--data", fixture("valid_minimal.yaml")).stdout
    assert "more than 200,000" in out
    assert "(200,000, ∞)" in out
    assert "\x1b[" not in out  # no colour when not a terminal / NO_COLOR


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_has_the_required_fields_and_numbers_as_numbers(runner, fmt):
    out = records(runner, "--format", fmt).stdout
    rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert set(rows[0]) >= REQUIRED_FIELDS
    un = next(r for r in rows if r["id"] == "seed-un-displaced")
    assert (un["value"], un["qualifier"], un["low"], un["high"], un["high_open"]) == (
        "200000",
        "more_than",
        "200000",
        "",
        "true",
    )
    assert un["file"] == "data/claims/nw-syria-2019-seed.yaml" and int(un["line"]) > 0


def test_csv_reads_back_with_numeric_columns():
    pandas = pytest.importorskip("pandas")
    out = subprocess.run(
        [sys.executable, "-m", "hfig", "records", "-f", "csv"], capture_output=True, text=True, check=True
    ).stdout
    frame = pandas.read_csv(io.StringIO(out))
    vague = frame["qualifier"] == "vague"  # a vague word is text; every other value is a number
    assert pandas.to_numeric(frame.loc[~vague, "value"], errors="coerce").notna().all()
    assert set(frame.loc[vague, "value"]) <= set(VAGUE_LEXICON)
    if not vague.any():
        assert pandas.api.types.is_numeric_dtype(frame["value"])
    assert pandas.api.types.is_numeric_dtype(frame["low"])
    assert pandas.api.types.is_numeric_dtype(frame["high"])
    assert pandas.api.types.is_numeric_dtype(frame["line"])


def test_csv_neutralises_formulas_but_keeps_numbers(runner):
    out = records(runner, "--data", fixture("formula_injection.yaml"), "-f", "csv").stdout
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["publisher"].startswith("'=HYPERLINK")
    assert row["quote"] == "'+1 more"
    assert row["notes"] == "'@SUM(A1:A2)"
    assert row["value"] == "10"


def test_hxl_row_sits_under_the_header(runner):
    out = records(runner, "--metric", "displaced", "-f", "csv", "--hxl").stdout
    header, tags = list(csv.reader(io.StringIO(out)))[:2]
    tag = dict(zip(header, tags, strict=True))
    assert tag["value"] == "#affected+displaced"
    assert tag["as_of"] == "#meta+date+reported+text"  # as written: ~2019-05-23 is no HXL #date
    assert tag["as_of_date"] == "#date+reported"
    assert tag["low"] == "#affected+displaced+min" and tag["high"] == "#affected+displaced+max"
    assert tag["adm1"] == "#adm1+code"
    assert tag["publisher"] == "#meta+source" and tag["url"] == "#meta+url"


def test_hxl_needs_a_delimited_format(runner):
    result = runner.invoke(app, ["records", "-f", "json", "--hxl"])
    assert result.exit_code == 2
    assert "--hxl" in result.stderr


def test_json_envelope_contract(runner):
    envelope = json.loads(records(runner, "-f", "json", "--data", fixture("valid_minimal.yaml")).stdout)
    assert sorted(envelope) == ["columns", "hfig_json", "kind", "rows"]
    assert envelope["hfig_json"] == 1 and envelope["kind"] == "records"
    row = envelope["rows"][0]
    assert list(row) == sorted(row)  # sorted keys
    assert set(row) >= REQUIRED_FIELDS
    assert row["high"] is None and row["high_open"] is True  # open bound: null + flag
    assert row["pcodes"] == ["SY07"]


def test_ndjson_is_one_object_per_line(runner):
    out = records(runner, "-f", "ndjson", "--data", fixture("valid_minimal.yaml")).stdout
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["id"] for o in objs] == ["t-uossm-displaced", "t-un-displaced"]


def test_output_is_deterministic(runner):
    assert records(runner, "-f", "csv").stdout == records(runner, "-f", "csv").stdout


@pytest.mark.parametrize("spelling", ["idlib", "Idleb", "EDLIB", "SY07", "إدلب", "SY-ID"])
def test_region_accepts_any_spelling(runner, spelling):
    out = records(runner, "--region", spelling, "-f", "csv").stdout
    assert "seed-un-displaced" in out


def test_region_includes_sub_areas_and_overlapping_areas_but_not_others(runner, tmp_path):
    path = tmp_path / "areas.yaml"
    base = "    metric: displaced\n    value: 1\n    claimant: un\n    as_of: 2019-05-01\n"
    path.write_text(
        "claims:\n"
        f"  - id: idlib\n    area: Idlib\n{base}"
        f"  - id: dana\n    area: SY070301\n{base}"
        f"  - id: nw\n    area: NW Syria\n{base}"
        f"  - id: homs\n    area: Homs\n{base}"
    )
    out = records(runner, "--data", str(path), "--region", "idlib", "-f", "csv").stdout
    ids = {r["id"] for r in csv.DictReader(io.StringIO(out))}
    assert ids == {"idlib", "dana", "nw"}


def test_unknown_region_is_a_usage_error_with_suggestions(runner):
    result = runner.invoke(app, ["records", "--region", "Idlibb"])
    assert result.exit_code == 2
    assert "did you mean" in result.stderr and "Traceback" not in result.stderr


def test_metric_includes_its_subsets(runner):
    out = records(runner, "--metric", "civilians_killed", "-f", "csv").stdout
    metrics = {r["metric"] for r in csv.DictReader(io.StringIO(out))}
    assert {"civilians_killed", "children_killed", "women_killed"} <= metrics
    assert "displaced" not in metrics


def test_claimant_filter_by_alias(runner):
    out = records(runner, "--claimant", "UOSSM", "-f", "csv").stdout
    assert {r["claimant"] for r in csv.DictReader(io.StringIO(out))} == {"uossm"}


def test_party_claims_are_labelled(runner):
    out = records(runner, "--claimant", "russia_reconciliation", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["claimant_kind"] == "party_to_conflict" for r in rows)


def test_hfig_data_environment_variable(runner, monkeypatch):
    monkeypatch.setenv("HFIG_DATA", fixture("valid_minimal.yaml"))
    out = records(runner, "-f", "csv").stdout
    assert {r["id"] for r in csv.DictReader(io.StringIO(out))} == {"t-un-displaced", "t-uossm-displaced"}


def test_data_option_beats_the_environment(runner, monkeypatch):
    monkeypatch.setenv("HFIG_DATA", "/nonexistent")
    out = records(runner, "--data", fixture("valid_minimal.yaml"), "-f", "csv").stdout
    assert "t-un-displaced" in out


def test_missing_data_path_is_an_io_error(runner):
    result = runner.invoke(app, ["records", "--data", "/no/such/folder"])
    assert result.exit_code == 3
    assert "no such file or folder" in result.stderr


def test_invalid_data_is_never_answered_from(runner):
    result = runner.invoke(app, ["records", "--data", fixture("negative_value.yaml")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error[negative-value]" in result.stderr


def test_piping_into_head_does_not_crash():
    proc = subprocess.run(
        f"{sys.executable} -m hfig records -f csv | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.stdout.startswith("id,metric")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
