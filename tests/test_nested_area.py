"""An area naming a unit and a unit inside it (a country and its province) is a warning at its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfig.cli import app
from hfig.core.gazetteer import nested_pcodes
from tests.conftest import fixture

SCENARIO = fixture("area_unit_inside_unit.yaml")


@pytest.mark.parametrize(("codes", "nested"), [
    (["SY", "SY07"], [("SY07", "SY")]),
    (["SY07", "SY"], [("SY07", "SY")]),
    (["SY07", "SY05"], []),
    (["UA6312", "UA63", "UA", "UA46"], [("UA46", "UA"), ("UA63", "UA"), ("UA6312", "UA")]),
    (["UA63", "UA6312", "UA46"], [("UA6312", "UA63")]),
    (["YE", "YE-SA"], [("YE-SA", "YE")]),
    (["SD01", "SD02001"], []),
    (["SY07", "SY07"], []),  # a repeat is the same unit, not one inside another
])
def test_nested_pcodes(codes, nested):
    assert nested_pcodes(codes) == nested


def test_validate_says_what_to_write(runner):
    result = runner.invoke(app, ["validate", "-f", "json", SCENARIO])
    assert result.exit_code == 0
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["line"], p["severity"]) for p in problems] == [
        ("nested-pcodes", 4, "warning"), ("nested-pcodes", 13, "warning"), ("nested-pcodes", 21, "warning")]
    area_entry, country, levels = (p["message"] for p in problems)
    assert "SY0700 is inside SY07" in area_entry
    assert "write pcodes: [SY05, SY07] for the whole, or [SY05, SY0700] for the parts alone" in area_entry
    assert "SY07 is inside SY" in country
    assert "write pcodes: [SY] for the whole, or [SY07] for the part alone" in country
    assert "write pcodes: [UA] for the whole, or [UA46, UA63] for the parts alone" in levels


def test_the_same_on_every_path(runner):
    """The loader, the cold fast path and a warm entry say the same: the `areas:` entry's warning (its
    position is known without reading the file again); a claim's area is checked by validate alone."""
    from hfig.cache import load_cached
    from hfig.load.loader import load
    from hfig.load.paths import expand

    files = expand([Path(SCENARIO)])
    plain = [str(p) for p in load(files).problems]
    assert [p for p in plain if "nested-pcodes" in p] == [p for p in plain if ":4:" in p]
    assert len(plain) == 1
    assert [str(p) for p in load_cached(files).problems] == plain
    assert [str(p) for p in load_cached(files).problems] == plain


def test_answers_unchanged_and_silent(runner):
    """Only a warning: the claims are answered as before (each such area a scope of its own), and the
    answering commands do not print it; validate does."""
    result = runner.invoke(app, ["records", "--data", SCENARIO, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)["rows"]}
    assert set(rows) == {"country-and-province", "two-levels-down", "neighbours-are-fine"}
    assert result.stderr == ""


def test_a_named_area_with_nested_units_still_resolves(runner, tmp_path):
    path = tmp_path / "named.yaml"
    text = Path(SCENARIO).read_text()
    path.write_text(text.replace("area:\n      name: Syria, mostly Idlib\n      pcodes: [SY, SY07]",
                                 "area: Idlib and its district"))
    result = runner.invoke(app, ["validate", "-f", "json", str(path)])
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 0 and [p["line"] for p in problems] == [4, 12, 19]


def test_the_bundled_data_has_none(runner):
    result = runner.invoke(app, ["validate", "-f", "json"])
    assert not [p for p in json.loads(result.stdout)["problems"] if p["code"] == "nested-pcodes"]
