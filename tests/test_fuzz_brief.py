"""A short fuzz run in every test run; benchmarks/fuzz.py is the long one (docs/reliability.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzzing import fuzz_commands, fuzz_records


def test_generated_record_files_load_alike_by_every_path(tmp_path: Path) -> None:
    tally = fuzz_records(60, tmp_path)
    assert tally.counts() == {"runs": 60, "clean": tally.clean, "traceback": 0, "hang": 0,
                              "disagreement": 0}, tally.failures
    assert tally.clean > 0


def test_generated_command_lines_end_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = tmp_path / "records"
    records.mkdir()
    fuzz_records(10, records)
    monkeypatch.chdir(tmp_path)  # add and --plot write here
    tally = fuzz_commands(40, [str(p) for p in sorted(records.glob("*.yaml"))])
    assert tally.counts()["traceback"] == 0, tally.failures["traceback"]
    assert tally.counts()["hang"] == 0, tally.failures["hang"]
    assert tally.counts()["disagreement"] == 0, tally.failures["disagreement"]
    assert tally.runs == 40
