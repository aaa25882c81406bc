"""A large cache entry is written by a detached child: the answer does not wait for it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import hfig.cache
from hfig.cache import load_cached
from hfig.cache.fork import available
from hfig.load.paths import expand
from tests.test_cache import claims_file, snapshot

pytestmark = pytest.mark.skipif(not available(), reason="detached writes only where os.fork is used")


def wait_for(condition: Callable[[], object], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_entry_written_in_the_background_answers_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HFIG_CACHE_DIR", str(folder))
    monkeypatch.setattr(hfig.cache, "BACKGROUND_CLAIMS", 0)
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5", "a2": "6"})
    files = expand([tmp_path / "d"])
    cold = load_cached(files)
    assert wait_for(lambda: list(folder.glob("data-*.json")) and not list(folder.glob(".tmp-*")))
    warm = load_cached(files)
    assert type(warm.data).__name__ == "LazyDataSet"  # read from the entry, not the files
    assert snapshot(warm) == snapshot(cold)


def test_the_child_holds_none_of_the_output_pipes(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    script = (
        "import os, time\n"
        "from hfig.cache.fork import run_detached\n"
        f"def job():\n    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n    time.sleep(60)\n"
        "assert run_detached(job)\n"
        "print('answered')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert done.stdout == "answered\n"  # the pipe closed with the parent, the child still sleeping
    assert wait_for(lambda: pid_file.exists() and pid_file.read_text())
    os.kill(int(pid_file.read_text()), signal.SIGTERM)
