"""`hfig add` and `hfig import` give the warnings `hfig validate` makes after loading
(hfig.load.future.after_load: a date after today, nested P-codes) for their new claims only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hfig.author import store
from hfig.author.store import add_claims
from hfig.cli import app
from hfig.load import future
from hfig.load.paths import DataFile

# An existing claim with both problems: add and import must not report it (validate does).
BASE = """\
hfig: 1

claims:
  - id: old
    metric: displaced
    value: 100
    claimant: un
    area: {name: Idleb, pcodes: [SY, SY07]}
    as_of: 2052-05-01
  - id: killed-1
    metric: civilians_killed
    value: 10
    claimant: who
    area: Idleb
    as_of: 2019-05-03
"""
GOOD = {"metric": "displaced", "value": "5", "claimant": "un", "area": "Idleb", "as_of": "2019-05-02"}
FUTURE = {**GOOD, "as_of": "2052-05-02"}
NESTED = {**GOOD, "area": {"name": "Idleb", "pcodes": ["SY", "SY07"]}}
REAL_BASE = store._clean_base


def _target(tmp_path: Path) -> Path:
    target = tmp_path / "mine.yaml"
    target.write_text(BASE, encoding="utf-8")
    return target


def _add(target: Path, drafts: list[dict[str, Any]], quick: bool, monkeypatch: pytest.MonkeyPatch,
         **options: Any) -> store.Written:
    """add_claims on the quick path (the data set from the cache) or the full one, as asked."""
    taken: list[bool] = []

    def base(*args: Any) -> Any:
        found = REAL_BASE(*args) if quick else None
        taken.append(found is not None)
        return found

    monkeypatch.setattr(store, "_clean_base", base)
    written = add_claims(target, drafts, [DataFile(target, str(target))], **options)
    assert taken and set(taken) == {quick}  # the path asked for is the path taken
    return written


def _seen(written: store.Written) -> list[tuple[str, str]]:
    return [(p.code, str(p.where)) for p in written.warnings]


@pytest.mark.parametrize("quick", [False, True])
def test_new_claims_warn_and_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         quick: bool) -> None:
    target = _target(tmp_path)
    written = _add(target, [FUTURE, NESTED, GOOD], quick, monkeypatch)
    # lines counted in each new claim as --dry-run prints it (as every warning of `hfig add`)
    assert _seen(written) == [("date-in-future", "new claim:6:12"), ("nested-pcodes", "new claim:6:7")]
    assert "as_of 2052-05-02 is after today (2026-12-01)" in written.warnings[0].message
    assert "SY07 is inside SY" in written.warnings[1].message
    assert written.ids == ["un-displaced-2052-05-02", "un-displaced-2019-05-02", "un-displaced-2019-05-02-2"]
    assert target.read_text(encoding="utf-8").count("\n  - id: ") == 5  # a warning never stops the write


@pytest.mark.parametrize("quick", [False, True])
def test_an_existing_claim_is_not_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           quick: bool) -> None:
    target = _target(tmp_path)
    assert _add(target, [GOOD], quick, monkeypatch, dry_run=True).warnings == []


@pytest.mark.parametrize("quick", [False, True])
def test_today_is_injected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: bool) -> None:
    monkeypatch.setattr(future, "today", lambda: dt.date(2052, 6, 1))
    target = _target(tmp_path)
    assert _seen(_add(target, [FUTURE], quick, monkeypatch, dry_run=True)) == []


@pytest.mark.parametrize("quick", [False, True])
def test_errors_are_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: bool) -> None:
    target = _target(tmp_path)
    with pytest.raises(store.InvalidClaims) as caught:
        _add(target, [{**FUTURE, "metric": "displacd"}], quick, monkeypatch)
    assert [p.code for p in caught.value.problems] == ["unknown-metric"]
    assert target.read_text(encoding="utf-8") == BASE


def test_add_prints_the_warnings(runner: Any, tmp_path: Path) -> None:
    target = _target(tmp_path)
    result = runner.invoke(app, ["add", str(target), "--metric", "displaced", "--value", "5",
                                 "--claimant", "un", "--area", "Idleb", "--pcodes", "SY,SY07",
                                 "--as-of", "2052-05-02", "--data", str(target)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    # as --dry-run prints the claim: `area:` on line 5, its mapping from line 6, `as_of:` on line 8
    assert lines[0].startswith("new claim:6:7: warning[nested-pcodes]: the P-codes overlap: SY07 is inside")
    assert lines[1].startswith("new claim:8:12: warning[date-in-future]: as_of 2052-05-02 is after today")
    assert lines[2] == f"hfig: added un-displaced-2052-05-02 to {target}"
    assert len(lines) == 3  # the existing claim's two problems are not reported
    assert "as_of: 2052-05-02" in target.read_text(encoding="utf-8")


def test_import_prints_the_warnings_at_their_csv_lines(runner: Any, tmp_path: Path) -> None:
    target = _target(tmp_path)
    rows = tmp_path / "rows.csv"
    rows.write_text("metric,value,claimant,area,pcodes,as_of,published\n"
                    "displaced,7,un,Idleb,,2019-05-03,\n"
                    "displaced,8,un,Idleb,,2019-05-04,2062-01-01\n"
                    "displaced,9,un,Idleb,\"SY, SY07\",2019-05-05,\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(rows), "--into", str(target)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{rows}:3:1: warning[date-in-future]: published 2062-01-01 is after today")
    assert lines[1].startswith(f"{rows}:4:1: warning[nested-pcodes]: the P-codes overlap: SY07 is inside SY")
    assert lines[2:] == [f"hfig: imported 3 claims into {target}"]
    assert target.read_text(encoding="utf-8").count("\n  - id: ") == 5
