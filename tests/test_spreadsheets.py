"""Spreadsheets that open right: xlsx with typed cells, CSV with a BOM on request, chosen columns,
answers written to a file (and never replayed without writing it), shell completion of names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from hfig.cli import app

from .conftest import fixture


def test_xlsx_has_typed_cells_and_a_frozen_header(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["summary", "-f", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {path}" in result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["summary"]
    sheet = book["summary"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    fuzzy = next(r for r in rows if str(r["as_of"]).startswith("~"))
    assert isinstance(fuzzy["as_of_date"], dt.datetime)  # a date cell, beside the text as written
    assert isinstance(fuzzy["low"], int | float) and isinstance(fuzzy["echoes"], int)
    assert isinstance(fuzzy["low_open"], bool)
    assert all(r["high"] is None for r in rows if r["high_open"])


def test_xlsx_cells_are_never_formulas(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    data = fixture("formula_injection.yaml")
    result = runner.invoke(app, ["records", "-f", "xlsx", "-o", str(path), "--data", data])
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(path)["records"]
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert any(v.startswith(("=", "@", "+")) for v in values)  # shown as written ...
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # ... and never run


def test_compare_writes_a_sheet_per_table(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "compare.xlsx"
    data = fixture("reconcile_echo.yaml")
    args = ["compare", "displaced", "-f", "xlsx", "-o", str(path), "--hxl", "--data", data]
    assert runner.invoke(app, args).exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["compare", "summary"]  # the claims, then the reconciled rows
    sheet = book["compare"]
    assert [c.value for c in sheet[2]][:2] == ["#meta+row_type", "#meta+id"]  # HXL row under the header
    assert sheet.freeze_panes == "A3"
    claims = runner.invoke(app, ["records", "-m", "displaced", "-f", "csv", "--data", data]).stdout
    assert book["summary"].max_row >= 3 and book["compare"].max_row == 2 + len(claims.splitlines()) - 1


def test_xlsx_needs_a_file_and_says_so_before_reading_data(runner: CliRunner) -> None:
    result = runner.invoke(app, ["summary", "-f", "xlsx"])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr


def test_bom_is_asked_for_and_only_with_csv(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["summary", "-f", "csv"]).stdout
    bom = runner.invoke(app, ["summary", "-f", "csv", "--bom"]).stdout
    assert not plain.startswith("\ufeff") and bom == "\ufeff" + plain
    assert runner.invoke(app, ["summary", "-f", "json", "--bom"]).exit_code == 2
    assert "Excel" in runner.invoke(app, ["summary", "--help"]).stdout


def test_columns_choose_and_order_in_every_format(runner: CliRunner) -> None:
    text = runner.invoke(app, ["summary", "-f", "csv", "--columns", "metric,as_of_date,as_of"]).stdout
    header, first = list(csv.reader(io.StringIO(text)))[:2]
    assert header == ["metric", "as_of_date", "as_of"]
    assert dt.date.fromisoformat(first[1])
    envelope = json.loads(runner.invoke(app, ["records", "-f", "json", "-C", "id,as_of_date"]).stdout)
    assert envelope["columns"] == ["id", "as_of_date"] and set(envelope["rows"][0]) == {"id", "as_of_date"}
    wrong = runner.invoke(app, ["summary", "--columns", "metric,nope"])
    assert wrong.exit_code == 2 and "'nope' is not a column" in wrong.stderr and "as_of_date" in wrong.stderr


def test_an_answer_written_to_a_file_is_written_every_time(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    for _ in range(2):
        path.unlink(missing_ok=True)
        assert runner.invoke(app, ["summary", "-f", "csv", "-o", str(path)]).exit_code == 0
        assert path.read_text(encoding="utf-8").startswith("family,metric")


def test_output_to_a_missing_folder_is_an_io_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["summary", "-f", "csv", "-o", str(tmp_path / "no" / "out.csv")])
    assert result.exit_code == 3 and "does not exist" in result.stderr


@pytest.mark.parametrize("shell, env", [
    ("bash", {"COMP_WORDS": "hfig summary --metric civilians_k", "COMP_CWORD": "3"}),
    ("zsh", {"_TYPER_COMPLETE_ARGS": "hfig summary --metric civilians_k"}),
    ("fish", {"_TYPER_COMPLETE_ARGS": "hfig summary --metric civilians_k",
              "_TYPER_COMPLETE_FISH_ACTION": "get-args"}),
])
def test_metric_names_complete_in_every_shell(shell: str, env: dict[str, str], runner: CliRunner) -> None:
    result = runner.invoke(app, [], env={"_HFIG_COMPLETE": f"complete_{shell}", **env}, prog_name="hfig")
    assert "civilians_killed" in result.stdout


def test_region_and_claimant_names_come_from_the_cache_header(runner: CliRunner) -> None:
    from hfig.cli.complete import names

    runner.invoke(app, ["records", "-f", "csv"])  # writes the data set's cache entry
    assert "idlib" in names("region", None) and "unhcr" in names("claimant", None)


def test_a_list_longer_than_an_excel_cell_is_cut_after_a_whole_item_and_says_so(tmp_path: Path) -> None:
    from hfig.render.table import Column, ResultTable
    from hfig.render.xlsx import CELL_MAX, to_xlsx

    ids = [f"claim-{n:06d}-ocha-displaced" for n in range(2000)]  # 62,000 characters joined
    text = "x" * 19_000 + "y" * 19_000
    table = ResultTable("summary", [Column("claim_ids"), Column("quote")],
                        [{"claim_ids": ids, "quote": text}])
    path = tmp_path / "long.xlsx"
    path.write_bytes(to_xlsx([table]))
    cell, quote = (c.value for c in openpyxl.load_workbook(path)["summary"][2])
    assert len(cell) <= CELL_MAX and len(quote) <= CELL_MAX  # XlsxWriter would cut it, without a word
    shown, more = cell.split("; ... ")
    assert shown.split(";") == ids[:len(shown.split(";"))]  # whole ids only
    assert more == f"{len(ids) - len(shown.split(';')):,} more (in CSV or JSON)"
    assert quote.startswith(text[:CELL_MAX - 60]) and quote.endswith("characters more (in CSV or JSON)")
