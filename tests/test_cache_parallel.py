"""The cold load's two processes (hfig.cache.fork, fast.read_claim_files): same answer, any failure."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

import hfig.cache.fast as fast
from hfig.cache import fork, load_cached
from hfig.cache.fast import fast_load
from hfig.load.loader import load
from hfig.load.paths import DataFile, bundled_claim_files, expand
from hfig.load.vocabulary import LoadResult
from tests.test_cache import snapshot

ROOT = Path(__file__).parent.parent

# Skipped off Linux only: on Linux a stray thread (which makes `fork.available()` false) must fail
# these tests, not skip them quietly (tests/conftest.py keeps numpy's BLAS pool to one thread).
needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux") or not hasattr(os, "fork"),
                                reason="the parallel path is Linux-only")


class Children:
    """Counts the children forked for a load, and how many answered."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = 0
        self.answered = 0
        original = fork.fork_map

        def fork_map(*args: Any) -> tuple[Any, list[Any] | None]:
            self.started += 1
            mine, answer = original(*args)
            self.answered += answer is not None
            return mine, answer

        monkeypatch.setattr(fork, "fork_map", fork_map)


def parallel_load(files: list[DataFile], monkeypatch: pytest.MonkeyPatch) -> tuple[LoadResult, Children]:
    children = Children(monkeypatch)
    monkeypatch.setattr(fast, "PARALLEL_BYTES", 0)
    return fast_load(files), children


def sequential_load(files: list[DataFile], monkeypatch: pytest.MonkeyPatch) -> LoadResult:
    monkeypatch.setattr(fast, "PARALLEL_BYTES", 1 << 62)
    return fast_load(files)


def assert_same_both_ways(files: list[DataFile], monkeypatch: pytest.MonkeyPatch, *,
                          answered: bool = True) -> LoadResult:
    expected = snapshot(sequential_load(files, monkeypatch))
    assert snapshot(load(files)) == expected
    result, children = parallel_load(files, monkeypatch)
    assert snapshot(result) == expected
    assert children.started >= 1
    assert (children.answered >= 1) is answered
    return result


def generated(folder: Path, claims: int = 240, files: int = 6) -> list[DataFile]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.generate(claims, files, folder, claimants=20)
    return expand([folder])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def claim(claim_id: str, value: str = "5", area: str = "Idlib") -> str:
    return (f"  - id: {claim_id}\n    metric: displaced\n    value: {value}\n    claimant: un\n"
            f"    area: {area}\n    as_of: 2019-05-23\n")


# --- the same answer -----------------------------------------------------------------------------

@needs_fork
def test_generated_data_is_the_same_in_two_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = assert_same_both_ways(generated(tmp_path / "data"), monkeypatch)
    assert len(result.data.claims) == 240


@needs_fork
def test_the_cache_written_after_two_processes_reads_back_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFIG_CACHE_DIR", str(tmp_path / "cache"))
    files = generated(tmp_path / "data")
    expected = snapshot(load(files))
    children = Children(monkeypatch)
    monkeypatch.setattr(fast, "PARALLEL_BYTES", 0)
    assert snapshot(load_cached(files)) == expected  # cold: two processes, then the entry is written
    assert children.answered == 1
    assert snapshot(load_cached(files)) == expected  # warm: from that entry
    assert children.started == 1


@needs_fork
def test_files_the_fast_path_refuses_in_either_process(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "d"
    write(folder / "a.yaml", "hfig: 1\nclaims:\n" + claim("a1") + claim("a2", "6"))
    write(folder / "b.yaml", "hfig: 1\nclaims:\n  - &x\n    " + claim("b1")[4:] + claim("b2", "300,000"))
    write(folder / "c.yaml", "hfig: 1\nclaims:\n" + claim("c1", "3.5e6") + claim("a1", "8"))
    write(folder / "d.yaml", "hfig: 1\nclaims:\n" + claim("d1", area="Nowhere at all"))
    write(folder / "e.yaml", "hfig: 1\nclaims:\n" + claim("e1") + claim("e2", "12"))
    write(folder / "f.yaml", "hfig: 1\nclaims:\n  - id: f1\n    metric: displaced\n    value: !!str 5\n")
    write(folder / "g.yaml", "hfig: 1\nclaims: []\n")
    write(folder / "h.yaml", "hfig: 1\nclaims:\n" + claim("h1", "0x1f") + claim("h2", "7"))
    files = expand([folder])
    for share in (0.1, 0.5, 0.9):  # the child's files end early, halfway, late
        monkeypatch.setattr(fast, "CHILD_SHARE", share)
        result = assert_same_both_ways(files, monkeypatch)
        assert not result.ok
        assert {p.code for p in result.problems} >= {"unknown-area"}


@needs_fork
def test_vocabulary_the_cheap_look_misses_restarts_the_same(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "d"
    write(folder / "a.yaml", "hfig: 1\nclaims:\n  - id: a1\n    metric: displaced\n    value: 5\n"
          "    claimant: newc\n    area: Idlib\n    as_of: 2019-05-23\n")
    write(folder / "b.yaml", "hfig: 1\nclaims:\n" + claim("b1"))
    write(folder / "c.yaml", '"claimants":\n  - id: newc\n    name: A new claimant\n    kind: ngo\n')
    write(folder / "d.yaml", "{hfig: 1, areas: [{name: Somewhere new, pcodes: [SY07]}]}\n")
    write(folder / "e.yaml", "hfig: 1\nclaims:\n" + claim("e1", area="Somewhere new"))
    result = assert_same_both_ways(expand([folder]), monkeypatch)
    assert result.ok


@needs_fork
def test_progress_counts_every_byte_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = generated(tmp_path / "data")
    seen: list[int] = []
    children = Children(monkeypatch)
    monkeypatch.setattr(fast, "PARALLEL_BYTES", 0)
    fast_load(files, progress=seen.append)
    assert children.answered == 1
    claim_files = [f for f in files if not fast.may_define_vocabulary(f.path)]
    assert sum(seen) == sum(f.path.stat().st_size for f in claim_files)
    assert len(seen) == len(claim_files)


# --- whatever happens to the child, the same answer ---------------------------------------------

def _raises(*args: object) -> object:
    raise RuntimeError("the child failed")


def _exits_quietly(*args: object) -> object:
    os._exit(0)  # a clean exit status, and nothing written


def _killed(*args: object) -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("not reached")


def _half_written(fd: int, data: bytes) -> None:
    os.write(fd, data[: max(1, len(data) // 2)])


def _garbled(fd: int, data: bytes) -> None:
    os.write(fd, bytes(len(data)))  # as long as the pickle, but no pickle


@needs_fork
@pytest.mark.parametrize("failure", ["raises", "exits", "killed", "half_written", "garbled", "no_fork",
                                     "bad_columns"])
def test_a_failing_child_gives_the_same_answer(failure: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "d"
    generated(folder, claims=120, files=4)
    write(folder / "claims-bad.yaml", "hfig: 1\nclaims:\n" + claim("x1", area="Nowhere at all"))
    files = expand([folder])
    expected = snapshot(sequential_load(files, monkeypatch))
    if failure == "raises":
        monkeypatch.setattr(fast, "_claims_in_child", _raises)
    elif failure == "exits":
        monkeypatch.setattr(fast, "_claims_in_child", _exits_quietly)
    elif failure == "killed":
        monkeypatch.setattr(fast, "_claims_in_child", _killed)
    elif failure == "half_written":
        monkeypatch.setattr(fork, "_write_all", _half_written)
    elif failure == "garbled":
        monkeypatch.setattr(fork, "_write_all", _garbled)
    elif failure == "no_fork":
        monkeypatch.setattr(os, "fork", _raises_os_error)
    elif failure == "bad_columns":
        monkeypatch.setattr(fast, "pack", lambda claims: [[c.id for c in claims]] if claims else [])
    result, children = parallel_load(files, monkeypatch)
    assert snapshot(result) == expected
    assert children.started == 1
    assert children.answered == (failure == "bad_columns")  # that child answers, with columns refused


def _raises_os_error() -> int:
    raise OSError("no fork today")


# --- hfig.cache.fork on its own ---------------------------------------------------------------

def _square(n: int) -> int:
    return n * n


@needs_fork
def test_fork_map_returns_the_results_in_order() -> None:
    mine, theirs = fork.fork_map(_square, list(range(1000)), lambda: [_square(n) for n in range(1000, 1010)])
    assert theirs == [n * n for n in range(1000)]
    assert mine[0] == 1000 * 1000


@needs_fork
def test_fork_map_leaves_no_child_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    pids: list[int] = []
    real_fork = os.fork

    def remember() -> int:
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    def fails() -> None:
        raise KeyError("the parent fails while the child works")

    monkeypatch.setattr(os, "fork", remember)
    with pytest.raises(KeyError):
        fork.fork_map(_square, [1, 2, 3], fails)
    assert fork.fork_map(_square, [1, 2, 3], lambda: None) == (None, [1, 4, 9])
    assert len(pids) == 2
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped


def test_fork_map_without_fork_answers_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork, "available", lambda: False)
    assert fork.fork_map(_square, [1, 2, 3], lambda: "mine") == ("mine", None)


def test_not_available_with_threads_running() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not fork.available()
    finally:
        stop.set()
        thread.join()


def test_small_data_sets_are_read_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(*args: object) -> object:
        raise AssertionError("forked for a small data set")

    monkeypatch.setattr(fork, "fork_map", no_fork)
    assert fast_load(bundled_claim_files()).ok
