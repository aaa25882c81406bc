"""`hfig add` and `hfig import` refuse what is not a regular file, and keep what the file was.

Issue 18: as root, `hfig add /dev/null` replaced the device with a file; a FIFO target
blocked forever; a file owned by another user ended up owned by root; a hard link was
broken silently.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hfig.cli import app
from hfig.cli.base import ExitCode

posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and devices are POSIX")
root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                               reason="needs root: to make a device, or to own files as another user")
ARGS = ["--metric", "displaced", "--value", "5", "--claimant", "un", "--area", "Idleb",
        "--as-of", "2019-05-01"]
EXISTING = b"hfig: 1\nclaims:\n  - id: first\n    metric: displaced\n    value: 1\n    claimant: un\n" \
           b"    area: Idleb\n    as_of: 2019-05-01\n"


class Hung(BaseException):
    pass


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    def hung(*_: Any) -> None:
        raise Hung("blocked for 20 s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def add(target: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["add", str(target), *ARGS, "--data", str(target), *extra])
    assert not isinstance(result.exception, Hung)
    return result.exit_code, result.stderr


@posix
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_fifo_target_is_refused_at_once(tmp_path: Path, dry_run: bool) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(app, ["add", str(fifo), *ARGS, *(["--dry-run"] if dry_run else [])])
    assert result.exit_code == ExitCode.IO_ERROR, result.output
    assert "is a pipe (FIFO), not a data file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@posix
def test_import_into_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    source = tmp_path / "rows.csv"
    source.write_text("metric,value,claimant,area,as_of\ndisplaced,5,un,Idleb,2019-05-01\n")
    result = CliRunner().invoke(app, ["import", str(source), "--into", str(fifo)])
    assert result.exit_code == ExitCode.IO_ERROR
    assert "not a data file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@posix
@root_only
def test_a_device_target_is_refused_not_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null.yaml"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # another /dev/null
    code, err = add(device)
    assert code == ExitCode.IO_ERROR
    assert "is a device, not a data file" in err
    assert stat.S_ISCHR(device.stat().st_mode)


@posix
@root_only
def test_a_file_of_another_user_keeps_its_owner_group_and_mode(tmp_path: Path) -> None:
    target = tmp_path / "theirs.yaml"
    target.write_bytes(EXISTING)
    os.chown(target, 65534, 65534)
    target.chmod(0o640)
    code, err = add(target)
    assert code == 0, err
    st = target.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert target.read_bytes().startswith(EXISTING)


def _add_as_nobody(target: str, queue: Any) -> None:
    from hfig.author.store import add_claims

    os.setgid(65534)
    os.setuid(65534)
    draft: dict[str, Any] = {"metric": "displaced", "value": "5", "claimant": "un", "area": "Idleb",
                             "as_of": "2019-05-02"}
    try:
        queue.put(("written", add_claims(Path(target), [draft], []).notes))
    except BaseException as exc:  # reported to the parent, which fails the test
        queue.put((type(exc).__name__, [str(exc)]))


@posix
@root_only
def test_an_owner_that_cannot_be_kept_is_said() -> None:
    import multiprocessing
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="hfig-owner-"))
    try:
        folder.chmod(0o777)  # anyone may write here...
        target = folder / "roots.yaml"
        target.write_bytes(EXISTING)
        target.chmod(0o666)  # ...and this file, which root owns
        queue = multiprocessing.get_context("fork").Queue()
        child = multiprocessing.get_context("fork").Process(target=_add_as_nobody, args=(str(target), queue))
        child.start()
        kind, notes = queue.get(timeout=60)
        child.join()
        assert kind == "written", notes
        assert any("could not keep its owner and group" in n for n in notes), notes
        assert target.stat().st_uid == 65534  # what it could not help, it said
    finally:
        shutil.rmtree(folder)


def test_a_hard_link_that_will_break_is_said(tmp_path: Path) -> None:
    target = tmp_path / "data.yaml"
    target.write_bytes(EXISTING)
    other = tmp_path / "other-name.yaml"
    os.link(target, other)
    code, err = add(target)
    assert code == 0, err
    assert "had 1 other hard link(s)" in err
    assert other.read_bytes() == EXISTING  # the other name keeps the old content, as said
