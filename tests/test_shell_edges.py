"""Whatever the shell hands over, hfig ends with one line and a documented exit code (issue 18).

Closed or full streams, an encoding that cannot hold the output, empty or meaningless
option values, devices, FIFOs, symlink loops and files of another user: each once gave a
traceback or a silent wrong answer.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from hfig.cli.base import ExitCode

FIXTURES = Path(__file__).parent / "fixtures"
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams and files")


def hfig(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh interpreter, as a shell would run it."""
    return subprocess.run([sys.executable, "-c", "from hfig.cli import entry; entry()", *args],
                          capture_output=kwargs.pop("capture_output", True), text=True, timeout=60,
                          env={**os.environ, **(env or {})}, **kwargs)


def in_process(*args: str) -> tuple[int, str, str]:
    """hfig.cli.base.main in this process: the exit code, stdout and stderr."""
    from hfig.cli import register
    from hfig.cli.base import main

    register()
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def one_line(stderr: str) -> bool:
    return stderr.count("\n") == 1 and "Traceback" not in stderr and stderr.startswith("hfig: ")


@posix
def test_a_closed_stdout_is_an_io_error() -> None:
    result = hfig("records", "--format", "csv", preexec_fn=lambda: os.close(1), stdout=None,
                  stderr=subprocess.PIPE, capture_output=False)
    assert result.returncode == ExitCode.IO_ERROR
    assert one_line(result.stderr) and "standard output is closed" in result.stderr


@posix
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_an_io_error() -> None:
    with open("/dev/full", "w") as full:
        result = hfig("records", stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert result.returncode == ExitCode.IO_ERROR
    assert one_line(result.stderr) and "No space left on device" in result.stderr


@posix
def test_a_closed_stdin_reads_as_empty() -> None:
    result = hfig("import", "-", "--into", "/tmp/never-written.yaml", preexec_fn=lambda: os.close(0))
    assert result.returncode == ExitCode.INVALID_DATA
    assert one_line(result.stderr) and "no header row" in result.stderr


def test_an_ascii_only_output_encoding_is_an_io_error() -> None:
    result = hfig("claimants", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == ExitCode.IO_ERROR
    assert one_line(result.stderr) and "PYTHONIOENCODING=utf-8" in result.stderr


@pytest.mark.parametrize("args", [["timeline", ""], ["records", "--region", ""], ["records", "--data", ""],
                                  ["records", "--data="], ["summary", "--metric", " "],
                                  ["timeline", "displaced", "--since", ""],
                                  ["validate", "\x00", "--data", "x.yaml"]])
def test_an_empty_value_is_a_usage_error(args: list[str]) -> None:
    code, out, err = in_process(*args)
    assert code == ExitCode.USAGE
    assert out == "" and one_line(err) and ("empty" in err or "NUL" in err)


@pytest.mark.parametrize("command", [["summary"], ["records"], ["timeline", "displaced"], ["validate"]])
def test_a_folder_with_no_yaml_file_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    # A folder of report texts given as --data once answered "No claims match", exit 0.
    (tmp_path / "report.txt").write_text("Some 1,200 people fled.\n")
    (tmp_path / "_draft.yaml").write_text("hfig: 1\nclaims: []\n")  # skipped by name
    for cache in ([], ["--no-cache"]):
        code, out, err = in_process(*command, "--data", str(tmp_path), *cache)
        assert code == ExitCode.USAGE and out == ""
        assert one_line(err) and f"{tmp_path}: a folder with no *.yaml or *.yml file" in err


def test_hfig_add_may_start_the_first_file_of_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, _, err = in_process("add", str(target), "--data", str(tmp_path), "--metric", "displaced",
                              "--value", "1200", "--claimant", "un", "--area", "Idleb",
                              "--as-of", "2019-05-07")
    assert code == ExitCode.OK, err
    assert target.exists()


def test_an_hfig_data_that_names_no_path_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFIG_DATA", "::")
    code, out, err = in_process("records")
    assert code == ExitCode.USAGE and out == ""
    assert "HFIG_DATA names no file or folder" in err


@posix
@pytest.mark.parametrize("kind", ["device", "fifo", "loop"])
def test_devices_fifos_and_loops_get_their_own_message(kind: str, tmp_path: Path) -> None:
    if kind == "device":
        path, expected = Path("/dev/zero"), "is a device"
    elif kind == "fifo":
        path, expected = tmp_path / "pipe.yaml", "is a pipe (FIFO)"
        os.mkfifo(path)
    else:
        path, expected = tmp_path / "a.yaml", "a loop of symbolic links"
        os.symlink(tmp_path / "b.yaml", path)
        os.symlink(path, tmp_path / "b.yaml")
    for command in (["validate", str(path)], ["records", "--data", str(path)]):
        code, _, err = in_process(*command)
        assert code == ExitCode.IO_ERROR
        assert one_line(err) and expected in err


def test_the_quick_exit_loses_no_output_and_keeps_the_exit_code(tmp_path: Path) -> None:
    """`hfig` ends with os._exit (hfig.cli.entry): a long answer still arrives whole, and every
    exit code as `main` gives it."""
    env = {"HFIG_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    long = hfig("records", "--format", "csv", env=env, cwd=tmp_path)
    assert long.returncode == ExitCode.OK
    assert long.stdout == in_process("records", "--format", "csv")[1]
    assert len(long.stdout.splitlines()) > 700  # one row per claim, every one of them
    usage = hfig("summary", "--region", "nowhere", env=env, cwd=tmp_path)
    assert usage.returncode == ExitCode.USAGE and one_line(usage.stderr)
    bad = hfig("validate", str(FIXTURES / "duplicate_ids.yaml"), env=env, cwd=tmp_path)
    assert bad.returncode == in_process("validate", str(FIXTURES / "duplicate_ids.yaml"))[0] != ExitCode.OK


def test_a_text_exit_is_printed_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    from hfig.cli import _status

    assert (_status(None), _status(3), _status(256 + 4)) == (0, 3, 4)
    assert _status("stopped") == 1 and capsys.readouterr().err == "stopped\n"


@posix
@pytest.mark.parametrize("name", ["table.csv", "table.xlsx"])
def test_areas_import_from_a_fifo_is_refused_not_waited_on(name: str, tmp_path: Path) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)  # nothing ever writes to it: reading it would block forever
    code, out, err = in_process("areas", "import", str(pipe), "--country", "SY")
    assert code == ExitCode.IO_ERROR and out == ""
    assert one_line(err) and "is a pipe (FIFO)" in err


@posix
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("args", [["extract", "/dev/zero"], ["import", "/dev/zero", "--into", "never.yaml"]])
def test_an_endless_input_is_read_only_up_to_the_limit(args: list[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = in_process(*args)
    assert code == ExitCode.IO_ERROR
    assert one_line(err) and "larger than" in err
    assert not (tmp_path / "never.yaml").exists()


def _as_nobody(args: list[str], queue: Any) -> None:
    os.setgid(65534)
    os.setuid(65534)
    queue.put(in_process(*args))


@posix
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to become another user")
@pytest.mark.parametrize("what", ["file", "folder", "subfolder"])
def test_what_another_user_cannot_read_is_an_io_error(what: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="hfig-private-"))
    try:
        top.chmod(0o755)
        monkeypatch.setenv("HFIG_CACHE_DIR", str(top / "cache"))
        folder = top / "data"
        (folder / "sub").mkdir(parents=True)
        folder.chmod(0o755)
        shutil.copy(FIXTURES / "valid_minimal.yaml", folder / "sub" / "mine.yaml")
        (folder / "sub").chmod(0o755)
        (folder / "sub" / "mine.yaml").chmod(0o644)
        target = folder / "sub" / "mine.yaml" if what == "file" else folder
        locked = {"file": folder / "sub" / "mine.yaml", "folder": folder, "subfolder": folder / "sub"}[what]
        # The child cannot import from a checkout only root may read: import now what it will need.
        import rich.console  # noqa: F401
        import typer.rich_utils  # noqa: F401

        assert in_process("records", "--data", str(target), "--no-cache")[0] == 0
        assert in_process("validate", str(top / "missing.yaml"))[0] == ExitCode.IO_ERROR
        locked.chmod(0o600 if what == "file" else 0o700)
        queue = multiprocessing.get_context("fork").Queue()
        child = multiprocessing.get_context("fork").Process(
            target=_as_nobody, args=(["records", "--data", str(target), "--no-cache"], queue))
        child.start()
        code, out, err = queue.get(timeout=60)
        child.join()
        assert code == ExitCode.IO_ERROR, err
        assert "Traceback" not in err and "Permission denied" in err
        assert "No claims" not in out
    finally:
        shutil.rmtree(top)
