"""`hfig import`: plain or HXL-tagged CSV into YAML claims, all or nothing, duplicates skipped."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from typer.testing import CliRunner

from hfig.author.importer import parse_inferred, read_rows, unspreadsheet
from hfig.cli import app
from hfig.cli.base import ExitCode
from hfig.load.loader import load
from hfig.load.paths import DataFile

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def _records(*data: str) -> dict[str, dict[str, str]]:
    args = ["records", "--format", "csv"] + [x for d in data for x in ("--data", d)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def _claims(path: Path) -> list[tuple[str, str, object]]:
    result = load([DataFile(path, str(path))])
    assert result.ok, [str(p) for p in result.problems]
    return [(c.metric, c.claimant, c.value) for c in result.data.claims]


def test_records_piped_into_import_give_back_the_same_claims(tmp_path: Path) -> None:
    exported = runner.invoke(app, ["records", "--format", "csv", "--hxl"])
    assert exported.exit_code == 0
    copy = tmp_path / "copy.yaml"
    result = runner.invoke(app, ["import", "-", "--into", str(copy)], input=exported.stdout)
    assert result.exit_code == 0, result.stderr
    original, copied = _records(), _records(str(copy))
    assert original and set(original) == set(copied)
    for claim_id, row in original.items():
        for column, value in row.items():
            if column not in ("file", "line"):
                assert copied[claim_id][column] == value, (claim_id, column)
    # importing the same rows again adds nothing: each one duplicates a claim already there
    before = copy.read_bytes()
    again = runner.invoke(app, ["import", "-", "--into", str(copy)], input=exported.stdout)
    assert again.exit_code == 0
    assert f"{len(original)} duplicates of existing claims skipped" in again.stderr
    assert copy.read_bytes() == before


def test_hdx_hashtags_map_to_claims(tmp_path: Path) -> None:
    out = tmp_path / "hdx.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "import_hdx.csv"), "--into", str(out),
                                 "--claimant", "ocha"])
    assert result.exit_code == 0, result.stderr
    assert sorted(_claims(out)) == [("displaced", "ocha", 4000), ("people_injured", "ocha", 30),
                                    ("people_killed", "ocha", 12)]
    text = out.read_text()
    assert "    publisher: Example bulletin 1\n" in text
    assert "    publisher: =Example bulletin 2\n" in text  # the CSV formula guard is undone
    assert "    area: Idleb\n" in text  # name and P-code agree with the gazetteer: written as people do


def test_rows_that_cannot_be_read_are_reported_by_line_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "bad.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "import_bad_rows.csv"), "--into", str(out)])
    assert result.exit_code == ExitCode.INVALID_DATA
    name = str(FIXTURES / "import_bad_rows.csv")
    assert f"{name}:5:1: error[import-row]: no value in this row" in result.stderr
    assert f"{name}:3:" in result.stderr and "[number-format]" in result.stderr
    assert not out.exists()


def test_invalid_rows_leave_an_existing_file_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "hand.yaml"
    shutil.copy(FIXTURES / "author_commented.yaml", out)
    before = out.read_bytes()
    csv_text = "metric,value,claimant,area,as_of\ndisplaced,10,un,Idleb,2019-05-01\n" \
               "displaced,20,nobody,Idleb,2019-05-01\n"
    result = runner.invoke(app, ["import", "-", "--into", str(out)], input=csv_text)
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "<stdin>:3:" in result.stderr and "unknown-claimant" in result.stderr
    assert out.read_bytes() == before


def test_map_names_columns_and_the_formula_guard_is_undone(tmp_path: Path) -> None:
    out = tmp_path / "plain.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "import_plain.csv"), "--into", str(out),
                                 "--map", "Deaths=value:people_killed", "--map", "Who=claimant",
                                 "--map", "Where=area", "--map", "When=as_of", "--map", "Notes=notes"])
    assert result.exit_code == 0, result.stderr
    loaded = load([DataFile(out, str(out))])
    (claim,) = loaded.data.claims
    assert (claim.metric, claim.claimant, claim.value) == ("people_killed", "sohr", 7)
    assert claim.notes == "-first line of a note"


def test_unmapped_columns_are_named_and_a_csv_without_values_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "import_plain.csv"), "--into", str(out)])
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "no column holds the value" in result.stderr
    assert not out.exists()
    bad_map = runner.invoke(app, ["import", "-", "--into", str(out), "--map", "x=colour"], input="a\n1\n")
    assert bad_map.exit_code == ExitCode.USAGE and "'colour' is not a field" in bad_map.stderr


def test_dry_run_prints_yaml_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "import_hdx.csv"), "--into", str(out),
                                 "--claimant", "ocha", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("  - id: ocha-people_killed-2019-05-10\n")
    assert not out.exists()


def test_hashtag_row_detection_and_line_numbers() -> None:
    text = 'a,b\n#affected+killed,#date+reported\n5,2019-05-01\n"multi\nline",x\n,\n9,2019-05-02\n'
    rows = read_rows(text, "t.csv", claimant="un")
    assert rows.hxl
    assert [d.line for d in rows.drafts] == [3, 4, 7]
    assert rows.drafts[0].fields["metric"] == "people_killed"


def test_helpers() -> None:
    assert unspreadsheet("'=SUM(A1)") == "=SUM(A1)"
    assert unspreadsheet("'quoted") == "'quoted"
    assert parse_inferred("as_of: on Thursday; that is, 23 May; period.end: to the day") == {
        "as_of": "on Thursday; that is, 23 May", "period.end": "to the day"}
    assert parse_inferred("no field here") is None


def test_an_echo_read_in_another_document_is_not_a_duplicate(tmp_path: Path) -> None:
    fixture = str(FIXTURES / "echo_same_figure.yaml")
    exported = runner.invoke(app, ["records", "--format", "csv", "--hxl", "--data", fixture])
    assert exported.exit_code == 0, exported.stderr
    copy = tmp_path / "copy.yaml"
    result = runner.invoke(app, ["import", "-", "--into", str(copy)], input=exported.stdout)
    assert result.exit_code == 0, result.stderr
    assert set(_records(str(copy))) == {"original-report", "agency-echo"}
    # the same two rows again are duplicates of what is there
    again = runner.invoke(app, ["import", "-", "--into", str(copy)], input=exported.stdout)
    assert "2 duplicates of existing claims skipped" in again.stderr
