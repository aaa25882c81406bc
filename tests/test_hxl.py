"""Every command's --hxl output passes libhxl's default validation (the HXL dictionary's rules).

libhxl checks, among others, that #date cells are dates, that #affected, #inneed,
#population and #indicator+num cells are numbers, and warns of stray whitespace.
Before issue 15 `records --hxl` had 312 errors on the bundled data (fuzzy dates
under #date); the tests pin zero problems of any severity.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import hxl
import pytest
from typer.testing import CliRunner

from hfig.cli import app

from .conftest import fixture

COMMANDS = [
    ["records"],
    ["records", "--metric", "displaced"],
    ["records", "--metric", "health_facility_attacks"],
    ["summary"],
    ["summary", "--region", "idlib"],
    ["explain"],
    ["compare", "displaced"],
    ["compare", "health_facility_attacks"],
    ["timeline", "displaced"],
    ["timeline", "civilians_killed", "--by", "scope"],
]


def hxl_problems(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "out.csv"
    path.write_text(text, encoding="utf-8")
    found: list[str] = []

    def note(e: hxl.validation.HXLValidationException) -> None:
        tag = e.column.display_tag if e.column is not None else ""
        # A quote is kept verbatim, double spaces and all: libhxl's whitespace warning is right and
        # hfig does not "fix" what a report said.
        if not (tag == "#description+quote" and "whitespace" in str(e.message)):
            found.append(f"{e.rule.severity} {tag} {e.value!r}: {e.message}")

    hxl.data(str(path), hxl.InputOptions(allow_local=True)).validate(callback=note)
    # "info" is libhxl's gentle hint (a possible numeric outlier: real data has them); errors and
    # warnings are what make a file invalid.
    return [f for f in found if not f.startswith("info ")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_hxl_output_validates(command: list[str], fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, [*command, "--format", fmt, "--hxl"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout if fmt == "csv" else _tsv_to_csv(result.stdout)
    assert hxl_problems(text, tmp_path) == []


def _tsv_to_csv(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv.reader(io.StringIO(text), delimiter="\t"))
    return out.getvalue()


def test_fuzzy_dates_are_not_tagged_as_dates(runner: CliRunner) -> None:
    text = runner.invoke(app, ["summary", "--format", "csv", "--hxl"]).stdout
    header, tags, *rows = list(csv.reader(io.StringIO(text)))
    tag = dict(zip(header, tags, strict=True))
    assert tag["as_of"] == "#meta+date+reported+text" and tag["as_of_date"] == "#date+reported"
    assert tag["period_start"] == "#meta+date+start+text" and tag["period_start_date"] == "#date+start"
    fuzzy = [r[header.index("as_of")] for r in rows if r[header.index("as_of")].startswith("~")]
    assert fuzzy, "the bundled data has ~dates: this test would prove nothing without them"


def test_one_vocabulary_for_bounds(runner: CliRunner) -> None:
    """compare used +low/+high where summary used +min/+max; both now say +min/+max."""
    for command in (["compare", "displaced"], ["summary"], ["records"], ["timeline", "displaced"]):
        text = runner.invoke(app, [*command, "--format", "csv", "--hxl"]).stdout
        header, tags = list(csv.reader(io.StringIO(text)))[:2]
        tag = dict(zip(header, tags, strict=True))
        assert tag["low"].endswith("+min") and tag["high"].endswith("+max"), command
        assert all(t for t in tags), f"{command}: untagged {[h for h, t in tag.items() if not t]}"


def test_people_are_affected_facilities_are_indicators(runner: CliRunner) -> None:
    def value_tag(metric: str) -> str:
        text = runner.invoke(app, ["records", "-m", metric, "--format", "csv", "--hxl"]).stdout
        header, tags = list(csv.reader(io.StringIO(text)))[:2]
        return dict(zip(header, tags, strict=True))["value"]

    assert value_tag("displaced") == "#affected+displaced"
    assert value_tag("health_facility_attacks") == "#indicator+num+health_facility_attacks"
    two = fixture("reconcile_scopes.yaml")  # two metrics, no vague word
    mixed = runner.invoke(app, ["records", "-f", "csv", "--hxl", "--data", two])
    header, tags = list(csv.reader(io.StringIO(mixed.stdout)))[:2]
    assert dict(zip(header, tags, strict=True))["value"] == "#indicator+num"
    words = fixture("vague_and_households.yaml")
    vague = runner.invoke(app, ["records", "-f", "csv", "--hxl", "--data", words])
    header, tags = list(csv.reader(io.StringIO(vague.stdout)))[:2]
    assert dict(zip(header, tags, strict=True))["value"] == "#meta+value"  # "thousands" is no number


def test_fixture_with_every_kind_of_date_validates(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["records", "-f", "csv", "--hxl", "--data", fixture("valid_minimal.yaml")])
    assert hxl_problems(result.stdout, tmp_path) == []
