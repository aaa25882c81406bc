"""`bundled` as a data path: one's own records together with the bundled ones (--data, HFIG_DATA, API)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hfig.cli import app
from tests.conftest import fixture

OWN = fixture("own_records.yaml")


def ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return {row["id"] for row in json.loads(result.stdout)["rows"]}


def test_both_are_loaded(runner):
    bundled = ids(runner.invoke(app, ["records", "-f", "json"]))
    own = ids(runner.invoke(app, ["records", "-f", "json", "--data", OWN]))
    both = ids(runner.invoke(app, ["records", "-f", "json", "--data", "bundled", "--data", OWN]))
    assert own == {"own-idlib-displaced"}
    assert both == bundled | own and len(bundled) > 700


def test_the_word_alone_is_the_default_data_set(runner):
    plain = runner.invoke(app, ["summary", "--region", "idlib", "-f", "csv"])
    worded = runner.invoke(app, ["summary", "--region", "idlib", "-f", "csv", "--data", "./bundled"])
    assert plain.exit_code == worded.exit_code == 0 and plain.stdout == worded.stdout


@pytest.mark.parametrize("command", [
    ["summary", "--region", "idlib"], ["compare", "displaced"], ["explain", "--metric", "displaced"],
    ["timeline", "displaced"], ["records"], ["validate"],
])
def test_every_command_that_takes_data(runner, command):
    result = runner.invoke(app, [*command, "--data", OWN, "--data", "bundled", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "own-idlib-displaced" in result.stdout or command == ["validate"]
    if command == ["validate"]:
        assert json.loads(result.stdout)["claims"] > 700


def test_an_id_in_both_is_the_loaders_error(runner):
    clash = fixture("own_records_id_clash.yaml")
    result = runner.invoke(app, ["records", "--data", "bundled", "--data", clash])
    assert result.exit_code == 1
    assert "own_records_id_clash.yaml:4:" in result.stderr and "duplicate-id" in result.stderr
    assert "nws-20200226-ocha-displaced" in result.stderr


def test_the_combination_is_a_data_set_of_its_own_in_the_cache(runner):
    folder = Path(os.environ["HFIG_CACHE_DIR"])

    def entries() -> set[str]:
        return {p.name for p in folder.glob("data-*.json")}

    assert ids(runner.invoke(app, ["records", "-f", "json"]))
    alone = entries()
    assert ids(runner.invoke(app, ["records", "-f", "json", "--data", "bundled"]))
    assert entries() == alone  # the same files: the same entry
    both = ids(runner.invoke(app, ["records", "-f", "json", "--data", "bundled", "--data", OWN]))
    assert len(entries()) == len(alone) + 1
    again = ids(runner.invoke(app, ["records", "-f", "json", "--data", "bundled", "--data", OWN]))
    assert again == both and "own-idlib-displaced" in both
    assert "own-idlib-displaced" not in ids(runner.invoke(app, ["records", "-f", "json"]))  # warm, alone


def test_in_hfig_data_and_the_api(runner, monkeypatch):
    import hfig

    monkeypatch.setenv("HFIG_DATA", f"{OWN}{os.pathsep}bundled")
    assert "own-idlib-displaced" in ids(runner.invoke(app, ["records", "-f", "json", "--region", "idlib"]))
    records = hfig.load("bundled", OWN).records(metric="displaced")
    assert "own-idlib-displaced" in set(records["id"]) and len(records) > 100


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_path_named_bundled_here_is_a_usage_error(runner, monkeypatch, tmp_path, kind):
    (tmp_path / "bundled").mkdir() if kind == "folder" else (tmp_path / "bundled").write_text("claims: []\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["records", "--data", "bundled"])
    assert result.exit_code == 2
    assert f"for yours, write its full path ({tmp_path / 'bundled'})" in result.stderr
    result = runner.invoke(app, ["records", "--data", str(tmp_path / "bundled")])
    assert "full path" not in result.stderr


def test_help_says_so(runner):
    result = runner.invoke(app, ["records", "--help"], env={"COLUMNS": "200"})
    assert "the word 'bundled' names the bundled records" in result.stdout
