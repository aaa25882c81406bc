"""`hfig import`: plain or HXL-tagged CSV into YAML claims, all or nothing, duplicates skipped."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfig.author.cells import CellError, read_count, read_day
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


# Published tables: shapes of HDX/HXL exports, UCDP and ACLED events, a ministry's sheet
# (tests/fixtures/import_*.csv: self-written, numbers invented).


def _import(tmp_path: Path, fixture: str, *options: str) -> tuple[object, Path]:
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / fixture), "--into", str(out), *options])
    return result, out


def _loaded(path: Path) -> list[object]:
    result = load([DataFile(path, str(path))])
    assert result.ok, [str(p) for p in result.problems]
    return sorted(result.data.claims, key=lambda c: c.id)


def test_timestamps_are_read_as_their_day_and_a_country_row_is_about_the_country(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_hdx_timestamps_country_rows.csv", "--claimant", "iom",
                          "--map", "#id+code=-")
    assert result.exit_code == 0, result.stderr
    claims = _loaded(out)
    assert [(c.metric, c.value, sorted(c.area.pcodes), str(c.as_of)) for c in claims] == [
        ("idps", 250000, ["SD"], "2023-06-30"), ("idps", 41000, ["SD02"], "2023-06-30"),
        ("idps", 38000, ["SD03"], "2023-07-31")]
    assert "    area: Sudan\n" in out.read_text()  # the country's name, as the table wrote it


def test_a_hashtag_row_with_stray_cells_is_still_the_hashtag_row(tmp_path: Path) -> None:
    # IDMC's HDX export tags `latitude` as 'geo+lat' and `qualifier` as 'total' (no '#'):
    # the row is still HXL (libhxl's rule: half its filled cells are hashtags); those columns
    # are read by their header names, and IDMC's qualifier words become hfig's.
    result, out = _import(tmp_path, "import_hxl_loose_hashtags.csv", "--claimant", "idmc",
                          "--map", "#date+created=as_of")
    assert result.exit_code == 0, result.stderr
    claims = _loaded(out)
    assert [(c.id, c.value, c.qualifier.value, str(c.period.start), str(c.as_of)) for c in claims] == [
        ("901", 1200, "exact", "2023-05-02", "2023-05-06"),
        ("902", 3500, "more_than", "2023-05-10", "2023-05-14")]
    assert "latitude" in result.stderr  # named among the columns not imported


def test_low_best_high_is_one_claim_between_low_and_high(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_events_low_best_high.csv", "--claimant", "ucdp",
                          "--as-of", "2024-06", "--not-cumulative")
    assert result.exit_code == 0, result.stderr
    claims = _loaded(out)
    assert [(c.id, c.qualifier.value, c.value, c.value_max, c.period.cumulative) for c in claims] == [
        ("5001", "between", 3, 9, False), ("5002", "exact", 2, None, False),
        ("5003", "between", 0, 1, False)]
    assert claims[0].notes == "best estimate 4 (low 3, high 9)"
    assert all(str(c.as_of) == "2024-06" for c in claims)  # the release, not the events' days


def test_a_best_outside_low_and_high_is_refused_at_its_line(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_events_bad_range.csv", "--claimant", "ucdp",
                          "--as-of", "2024-06")
    assert result.exit_code == ExitCode.INVALID_DATA
    name = str(FIXTURES / "import_events_bad_range.csv")
    assert f"{name}:3:5: error[import-row]: low 5, best 4, high 9: expected low <= best <= high" \
        in result.stderr
    assert not out.exists()


def test_a_table_of_events_giving_one_claimant_two_figures_is_refused(tmp_path: Path) -> None:
    options = ("--claimant", "acled", "--as-of", "2024-01", "--not-cumulative",
               "--map", "event_id=id", "--map", "event_date=period_day",
               "--map", "fatalities=value:people_killed", "--map", "admin1=area")
    result, out = _import(tmp_path, "import_events_same_day.csv", *options)
    assert result.exit_code == ExitCode.INVALID_DATA
    name = str(FIXTURES / "import_events_same_day.csv")
    assert f"{name}:3:1: error[one-figure-each]: lines 2 and 3 give acled two figures (3 and 5) " \
        "of people_killed in North Darfur" in result.stderr
    assert not out.exists()
    # two events with the same figure are two events, not one row read twice
    same, out = _import(tmp_path, "import_events_same_figure.csv", *options)
    assert same.exit_code == ExitCode.INVALID_DATA and "two figures (3 and 3)" in same.stderr
    assert not out.exists()
    # one event a day and place: each its own day's count, never a running total
    first_two = "".join((FIXTURES / "import_events_same_day.csv").read_text().splitlines(True)[:2])
    last = (FIXTURES / "import_events_same_day.csv").read_text().splitlines(True)[-1]
    csv_in = tmp_path / "events.csv"
    csv_in.write_text(first_two + last)
    out = tmp_path / "events.yaml"
    ok = runner.invoke(app, ["import", str(csv_in), "--into", str(out), *options])
    assert ok.exit_code == 0, ok.stderr
    assert [(c.value, str(c.period.start), str(c.period.end), c.period.cumulative) for c in _loaded(out)] == [
        (3, "2023-06-12", "2023-06-12", False), (2, "2023-06-14", "2023-06-14", False)]


def test_a_date_that_may_be_day_or_month_first_is_an_error_unless_the_order_is_given(
        tmp_path: Path) -> None:
    options = ("--claimant", "snhr", "--map", "Killed (cumulative)=value:civilians_killed",
               "--map", "Date=as_of", "--map", "Governorate=area")
    result, out = _import(tmp_path, "import_dates_day_or_month_first.csv", *options)
    assert result.exit_code == ExitCode.INVALID_DATA
    name = str(FIXTURES / "import_dates_day_or_month_first.csv")
    assert f"{name}:3:1: error[import-row]: 'Date' (as_of): '07/06/2019' may be 7 June or 6 July" \
        in result.stderr
    assert f"{name}:2:" not in result.stderr  # 15/05/2019 can only be day first
    assert not out.exists()
    result, out = _import(tmp_path, "import_dates_day_or_month_first.csv", *options, "--date-order", "dmy")
    assert result.exit_code == 0, result.stderr
    assert [str(c.as_of) for c in _loaded(out)] == ["2019-05-15", "2019-06-07"]
    wrong, _ = _import(tmp_path, "import_dates_day_or_month_first.csv", *options, "--date-order", "mdy")
    assert wrong.exit_code == ExitCode.INVALID_DATA and "'15/05/2019' has no month 15" in wrong.stderr
    bad, _ = _import(tmp_path, "import_dates_day_or_month_first.csv", *options, "--date-order", "ymd")
    assert bad.exit_code == ExitCode.USAGE and "expected dmy" in bad.stderr


def test_thousands_separators_are_read_and_the_number_kept_as_stated(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_numbers_grouped.csv")
    assert result.exit_code == 0, result.stderr
    assert [(c.value, c.value_max) for c in _loaded(out)] == [
        (1234, None), (12345678, None), (1234, None), (1235, None), (1000, 1500)]
    assert "    value: 12345678\n" in out.read_text()


def test_a_number_that_may_be_read_two_ways_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_numbers_ambiguous.csv")
    assert result.exit_code == ExitCode.INVALID_DATA
    name = str(FIXTURES / "import_numbers_ambiguous.csv")
    assert f"{name}:2:2: error[number-format]: 'value' (value): '1,5' cannot be read one way only: " \
        "expected a plain number (1234) or thousands grouped in threes" in result.stderr
    assert f"{name}:3:2: error[number-format]: 'value' (value): '1.234' may be 1234 (a dot grouping " \
        "thousands" in result.stderr
    assert f"{name}:4:2: error[number-format]" in result.stderr
    assert "no value in this row" not in result.stderr  # the value is there, only unreadable
    assert not out.exists()
    # a table that writes decimals with a comma says so: then 1.234 is 1234 and 1,5 is 1.5
    ok, out = _import(tmp_path, "import_numbers_ambiguous.csv", "--decimal-comma")
    assert ok.exit_code == 0, ok.stderr
    assert sorted(c.value for c in _loaded(out)) == [1.23, 1.5, 1234]


def test_read_count_and_two_digit_years() -> None:
    assert read_count("1\u202f234") == "1234"  # a narrow no-break space, as French typesetting
    assert read_count("1,234.5") == "1234.5"  # never rounded
    assert read_count("12.345.678") == "12345678"  # several dots: thousands, whatever the locale
    assert read_count("hundreds") == "hundreds"  # not numeric: left for the loader to report
    for cell in ("1,2345", "1.234,5", "1,234,56"):
        with pytest.raises(CellError):
            read_count(cell)
    assert read_count("1 234,5", decimal_comma=True) == "1234.5"
    assert read_day("5/14/23 12:00 AM") == "2023-05-14"  # a spreadsheet's export, the time dropped
    assert read_day("1/31/99 11:59 PM") == "1999-01-31"
    with pytest.raises(CellError, match="may be 2 August or 8 February"):
        read_day("2/8/24 12:00 AM")


def test_where_keeps_the_rows_asked_for_and_says_how_many(tmp_path: Path) -> None:
    options = ("--claimant", "acled", "--as-of", "2024-01", "--not-cumulative",
               "--map", "event_date=period_day", "--map", "fatalities=value:people_killed",
               "--map", "admin1=area")
    result, out = _import(tmp_path, "import_where_event_types.csv", *options,
                          "--where", "EVENT_TYPE=political_violence")
    assert result.exit_code == 0, result.stderr  # the left-out rows (two figures, '1,5') are not read
    assert sorted((c.area.name, c.value) for c in _loaded(out)) == [("Khartoum", 2), ("North Darfur", 7)]
    assert "--where kept 2 of 4 rows and left out 2" in result.stderr
    assert "event_type" not in result.stderr.split("columns not imported")[-1].split("\n")[0]
    # several values of one column are alternatives
    both, _ = _import(tmp_path, "import_where_event_types.csv", *options, "--dry-run",
                      "--where", "event_type=political_violence", "--where", "event_type=civilian_targeting")
    assert both.exit_code == ExitCode.INVALID_DATA and "one-figure-each" in both.stderr
    unknown, _ = _import(tmp_path, "import_where_event_types.csv", *options, "--where", "type=x")
    assert unknown.exit_code == ExitCode.INVALID_DATA
    assert "--where 'type': no such column (the columns: event_type, admin1, fatalities, event_date)" \
        in unknown.stderr
    bad, _ = _import(tmp_path, "import_where_event_types.csv", *options, "--where", "event_type")
    assert bad.exit_code == ExitCode.USAGE and "write COLUMN=VALUE" in bad.stderr


def test_who_ssa_events_with_two_values_a_row_and_spreadsheet_dates(tmp_path: Path) -> None:
    options = ("--claimant", "who", "--as-of", "2024-02", "--not-cumulative", "--date-order", "mdy",
               "--map", "Attack ID=id", "--map", "Attack Date=period_day",
               "--map", "Country / Territory=area", "--map", "Total Death=value:health_attack_deaths",
               "--map", "Total Injured=value:health_attack_injuries", "--where", "Certainty Level=Confirmed")
    result, out = _import(tmp_path, "import_who_ssa_events.csv", *options)
    assert result.exit_code == 0, result.stderr
    assert [(c.id, c.value, str(c.period.start)) for c in _loaded(out)] == [
        ("SDN000101-health_attack_deaths", 2, "2023-05-14"),
        ("SDN000101-health_attack_injuries", 3, "2023-05-14"),
        ("SDN000104-health_attack_deaths", 0, "2023-06-02"),
        ("SDN000104-health_attack_injuries", 1, "2023-06-02"),
        ("UKR000102-health_attack_deaths", 1, "2023-05-14"),
        ("UKR000102-health_attack_injuries", 0, "2023-05-14")]
    assert "    value: 2.0\n" in out.read_text()  # as the table states it
    assert "left out 1" in result.stderr


def test_ocha_refugees_and_idps_by_admin1(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_ocha_displaced_by_adm1.csv", "--claimant", "ocha",
                          "--map", "#adm1+code=-")
    assert result.exit_code == 0, result.stderr
    assert [(c.metric, c.value, str(c.as_of)) for c in _loaded(out) if c.area.name == "Extreme-Nord"] == [
        ("idps", 81693, "2016-02-29"), ("idps", 95982, "2016-03-21"), ("refugees", 65000, "2016-02-29"),
        ("refugees", 65117, "2016-03-21")]


def test_where_names_a_column_by_its_hashtag_whatever_the_attribute_order() -> None:
    text = ("event_type,admin1,fatalities,date\n#event+type,#adm1+name,#fatality+num,#date+reported\n"
            "political_violence,North Darfur,4,2023-06-30\ncivilian_targeting,North Darfur,2,2023-06-30\n")
    where = {"#event +TYPE": frozenset({"political_violence"})}
    rows = read_rows(text, "hapi.csv", claimant="acled", where=where)
    assert [(d.line, d.fields["value"]) for d in rows.drafts] == [(3, "4")]
    assert (rows.kept, rows.left_out) == (1, 1)


def test_rows_without_an_as_of_day_are_named_without_a_placeholder(tmp_path: Path) -> None:
    result, out = _import(tmp_path, "import_events_same_day.csv", "--claimant", "acled", "--not-cumulative",
                          "--map", "event_id=id", "--map", "event_date=period_day",
                          "--map", "fatalities=value:people_killed", "--map", "admin1=area")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "error[missing-field]: a claim needs the field 'as_of'" in result.stderr
    assert "of people_killed in North Darfur for the same period: a table" in result.stderr
    assert "None" not in result.stderr
    assert not out.exists()
