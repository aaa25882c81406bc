"""`hfig add`: one checked claim appended; on any problem the file is left byte-identical."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hfig.cli import app
from hfig.cli.base import ExitCode
from hfig.load.loader import load
from hfig.load.paths import DataFile

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()

BASE = ["--metric", "displaced", "--value", "310000", "--qualifier", "at_least", "--claimant", "un",
        "--area", "NW Syria", "--period-start", "2019-05-01", "--as-of", "2019-06-24",
        "--publisher", "USAID fact sheet 7", "--url", "https://example.org/fs7",
        "--quote", "at least 310,000 people displaced"]


def _add(path: Path, *args: str, data: Path | None = None) -> tuple[int, str, str]:
    data_args = ["--data", str(data if data is not None else path.parent)]
    result = runner.invoke(app, ["add", str(path), *args, *data_args])
    return result.exit_code, result.stdout, result.stderr


def _ids(path: Path) -> list[str]:
    result = load([DataFile(path, str(path))])
    assert result.ok, [str(p) for p in result.problems]
    return [c.id for c in result.data.claims]


def test_add_creates_a_file_with_a_generated_id(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, out, err = _add(target, *BASE)
    assert code == 0, err
    assert out == "un-displaced-2019-06-24\n"
    assert "new file" in err
    assert _ids(target) == ["un-displaced-2019-06-24"]
    text = target.read_text()
    assert "    qualifier: at_least\n" in text and "    area: NW Syria\n" in text
    assert "\n    period:\n      start: 2019-05-01\n" in text


def test_generated_ids_stay_unique(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    for _ in range(3):
        assert _add(target, *BASE)[0] == 0
    assert _ids(target) == ["un-displaced-2019-06-24", "un-displaced-2019-06-24-2",
                            "un-displaced-2019-06-24-3"]


def test_add_keeps_a_hand_written_file_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "hand.yaml"
    shutil.copy(FIXTURES / "author_commented.yaml", target)
    before = target.read_bytes()
    code, _, err = _add(target, *BASE, "--id", "hand-usaid-310k", "--claimant", "hand-monitor")
    assert code == 0, err
    after = target.read_bytes()
    at = after.index(b"    -   id: hand-usaid-310k")
    assert after[:at] == before[:at]
    assert after.endswith(before[at:])
    assert _ids(target) == ["hand-un-displaced", "hand-usaid-310k"]


def test_a_claimant_may_be_given_by_name_or_alias(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    args = [a if a != "un" else "United Nations" for a in BASE]
    assert _add(target, *args)[0] == 0
    assert "    claimant: un\n" in target.read_text()


def test_dry_run_prints_the_yaml_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, out, err = _add(target, *BASE, "--dry-run")
    assert code == 0, err
    assert out.startswith("  - id: un-displaced-2019-06-24\n    metric: displaced\n")
    assert "nothing was written" in err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--value", "310,000"], "number-format", "new claim:3:"),
    (["--claimant", "nobody"], "unknown-claimant", "new claim:"),
    (["--metric", "displacd"], "unknown-metric", "did you mean 'displaced'"),
    (["--area", "Atlantis"], "unknown-area", "new claim:"),
    (["--as-of", "2019-02-30"], "bad-date", "new claim:"),
    (["--qualifier", "roughly"], "unknown-qualifier", "new claim:"),
    (["--id", "hand-un-displaced"], "duplicate-id", ""),
])
def test_invalid_input_never_modifies_the_file(tmp_path: Path, args: list[str], code: str,
                                              message: str) -> None:
    target = tmp_path / "hand.yaml"
    shutil.copy(FIXTURES / "author_commented.yaml", target)
    before = target.read_bytes()
    exit_code, out, err = _add(target, *BASE, *args)
    assert exit_code == ExitCode.INVALID_DATA
    assert f"[{code}]" in err and message in err
    assert "nothing was written" in err
    assert "Traceback" not in err and out == ""
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith("-lock")) == ["hand.yaml"]


def test_a_duplicate_id_in_the_active_data_set_is_caught(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["add", str(target), *BASE, "--id", "seed-un-displaced"])
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "duplicate" in result.stderr
    assert not target.exists()


def test_missing_fields_without_a_terminal_are_an_error(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, _, err = _add(target, "--metric", "displaced")
    assert code == ExitCode.USAGE
    assert "--value, --claimant, --area, --as-of" in err
    assert not target.exists()


def test_missing_fields_are_asked_for_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hfig.cli.author

    monkeypatch.setattr(hfig.cli.author, "interactive", lambda: True)
    target = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["add", str(target), "--metric", "displaced", "--data", str(tmp_path)],
                           input="1200\nun\nIdleb\n2019-05-07\n")
    assert result.exit_code == 0, result.output
    assert _ids(target) == ["un-displaced-2019-05-07"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "mine.yaml"
    code, _, err = _add(target, *BASE, data=FIXTURES / "valid_minimal.yaml")
    assert code == ExitCode.IO_ERROR
    assert "does not exist" in err and "Traceback" not in err


def test_a_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    code, _, err = _add(tmp_path / "plain" / "mine.yaml", *BASE, data=FIXTURES / "valid_minimal.yaml")
    assert code == ExitCode.IO_ERROR
    assert "is not a folder" in err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into read-only folders; the error path is tested above")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "mine.yaml"
    target.write_bytes(b"claims: []\n")
    folder.chmod(0o500)
    try:
        code, _, err = _add(target, *BASE, data=FIXTURES / "valid_minimal.yaml")
    finally:
        folder.chmod(0o700)
    assert code == ExitCode.IO_ERROR
    assert "cannot write" in err
    assert target.read_bytes() == b"claims: []\n"


def test_a_failed_rename_leaves_the_file_and_no_temporary(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "hand.yaml"
    shutil.copy(FIXTURES / "author_commented.yaml", target)
    before = target.read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = _add(target, *BASE)
    assert code == ExitCode.IO_ERROR
    assert "cannot write" in err
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_file_that_is_not_yaml_is_refused_untouched(tmp_path: Path) -> None:
    target = tmp_path / "broken.yaml"
    target.write_bytes(b"claims: [\n")
    code, _, err = _add(target, *BASE, data=FIXTURES / "valid_minimal.yaml")
    assert code == ExitCode.INVALID_DATA
    assert "broken.yaml:2:1: not valid YAML" in err
    assert target.read_bytes() == b"claims: [\n"


def _add_as_nobody(target: str, queue: Any) -> None:
    """In a forked child: drop root, then try to write (as a user who may not write there)."""
    from hfig.author.atomic import WriteError
    from hfig.author.store import add_claims

    os.setgid(65534)
    os.setuid(65534)
    draft: dict[str, Any] = {"metric": "displaced", "value": "5", "claimant": "un", "area": "Idleb",
                             "as_of": "2019-05-01"}
    try:
        add_claims(Path(target), [draft], [])
    except WriteError as exc:
        queue.put(("WriteError", str(exc)))
    except BaseException as exc:  # reported to the parent, which fails the test
        queue.put((type(exc).__name__, str(exc)))
    else:
        queue.put(("written", ""))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to drop to another user; the chmod test covers other users")
def test_a_folder_the_user_may_not_write_is_a_clear_error_even_under_root() -> None:
    import multiprocessing
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="hfig-ro-"))
    try:
        folder.chmod(0o755)  # root's folder: others may read, not write
        target = folder / "mine.yaml"
        target.write_bytes(b"claims: []\n")
        target.chmod(0o644)
        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        child = ctx.Process(target=_add_as_nobody, args=(str(target), queue))
        child.start()
        kind, message = queue.get(timeout=60)
        child.join()
        assert kind == "WriteError", message
        assert "cannot write" in message and str(folder) in message
        assert target.read_bytes() == b"claims: []\n"
        assert sorted(p.name for p in folder.iterdir()) == ["mine.yaml"]
    finally:
        shutil.rmtree(folder)


def test_a_data_set_with_errors_is_not_added_to(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    shutil.copy(FIXTURES / "unknown_metric.yaml", target)
    before = target.read_bytes()
    code, _, err = _add(target, *BASE)
    assert code == ExitCode.INVALID_DATA
    assert "already has 1 problem" in err and "[unknown-metric]" in err
    assert target.read_bytes() == before
