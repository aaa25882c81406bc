"""The cache never answers stale, never trusts an entry too far, never blocks (issue 18).

Each test names the class of failure it guards against; each failed before the fix.
"""

from __future__ import annotations

import json
import os
import signal
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hfig.cache import codec, fingerprint, load_cached
from hfig.load.loader import load
from hfig.load.paths import DataFile
from tests.fuzzing import snapshot

CLAIMS = """\
hfig: 1
claims:
  - id: a1
    metric: displaced
    value: {value}
    claimant: un
    area: Idlib
    as_of: 2019-05-23
  - id: b1
    metric: displaced
    value: 10
    qualifier: between
    value_max: 20
    claimant: who
    area: Idlib
    as_of: 2019-05-24
"""


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HFIG_CACHE_DIR", str(folder))
    return folder


class Hung(BaseException):
    """Not an OSError (which TimeoutError is), so no `except OSError` can swallow it."""


@pytest.fixture
def no_alarm() -> Iterator[None]:
    """Fail, rather than hang the suite, if something blocks."""
    def hung(*_: Any) -> None:
        raise Hung("blocked for 10 s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def data_file(tmp_path: Path, value: str = "500") -> list[DataFile]:
    path = tmp_path / "a.yaml"
    path.write_text(CLAIMS.format(value=value), encoding="utf-8")
    return [DataFile(path, "a.yaml")]


def values(files: list[DataFile]) -> dict[str, object]:
    return {c.id: c.value for c in load_cached(files).data.claims}


def test_a_change_that_restores_size_and_mtime_is_seen(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """What `cp -p`, `tar`, `rsync -t` and `touch -d` do: only the ctime and inode still tell."""
    monkeypatch.setattr(fingerprint, "RACY_SECONDS", 0)  # no content hash: the stat alone must tell
    files = data_file(tmp_path)
    path = files[0].path
    old = path.stat().st_mtime_ns - 3600 * 10**9
    os.utime(path, ns=(old, old))
    assert values(files)["a1"] == 500
    copy = tmp_path / "b.yaml"
    copy.write_text(CLAIMS.format(value="600"), encoding="utf-8")
    os.utime(copy, ns=(old, old))
    os.replace(copy, path)  # as rsync -t or tar would leave it: same size, same mtime
    assert path.stat().st_mtime_ns == old
    assert values(files)["a1"] == 600
    path.write_text(CLAIMS.format(value="700"), encoding="utf-8")  # in place: same inode
    os.utime(path, ns=(old, old))
    assert values(files)["a1"] == 700


def rewrite_entry(folder: Path, change: Callable[[dict[str, Any], dict[str, Any]], None]) -> None:
    """Change an entry's payload and header, with a valid CRC (all that guarded entries before they
    were sealed): a planted, plausible entry, made without the folder's key."""
    [entry] = folder.glob("data-*.json")
    head, _, body = entry.read_bytes().partition(b"\n")
    header, payload = json.loads(head), json.loads(body)
    change(header, payload)
    data = json.dumps(payload).encode()
    header.setdefault("length", len(data))
    if header["length"] == -1:
        header["length"] = len(data)
    header["crc32"] = zlib.crc32(data)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + data)


def _claim_column(name: str, value: Any, row: int = 0) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def change(header: dict[str, Any], payload: dict[str, Any]) -> None:
        header["length"] = -1
        payload["claims"][0][2][name][row] = value  # the first block (the claims: one metric and area)
    return change


def _far_date(header: dict[str, Any], payload: dict[str, Any]) -> None:
    header["length"] = -1
    payload["dates"][0] = "~9999-12-31"


def _no_value_max(header: dict[str, Any], payload: dict[str, Any]) -> None:
    header["length"] = -1
    payload["claims"][0][2]["value_max"][1] = None


def _unknown_metric(header: dict[str, Any], payload: dict[str, Any]) -> None:
    header["length"] = -1
    payload["claims"][0][0] = "bogus"


def _areas_not_its_own(header: dict[str, Any], payload: dict[str, Any]) -> None:
    header["length"] = -1
    payload["claims"][0][1] = []  # a region question would skip the block


def _one_place_twice(header: dict[str, Any], payload: dict[str, Any]) -> None:
    header["length"] = -1
    payload["claims"][0][2]["position"] = [0, 0]


IMPOSSIBLE = {
    "string value": _claim_column("value", "lots"),
    "between without value_max": _no_value_max,
    "far date": _far_date,
    "infinite value": _claim_column("value", 1e400),
    "negative value": _claim_column("value", -5),
    "huge value": _claim_column("value", 10**15),
    "value_max on an exact claim": _claim_column("value_max", 900),
    "credibility 9": _claim_column("credibility", 9),
    "control character": _claim_column("quote", "x\r=1+1"),
    "a 1 MB id": _claim_column("id", "a" * 1_000_000),
    "an inferred field that is no field": _claim_column("inferred", [["bogus", "why"]]),
    "position zero": _claim_column("line", 0),
    "a block of a metric the entry does not define": _unknown_metric,
    "two claims in one place": _one_place_twice,
    "a block that hides its areas": _areas_not_its_own,
    "a place beyond the claims": _claim_column("position", 2, 1),
    "a period start beyond the dates": _claim_column("start", 99),
}


@pytest.mark.parametrize("name", sorted(IMPOSSIBLE))
def test_an_entry_with_impossible_content_is_rebuilt(name: str, tmp_path: Path, cache_folder: Path) -> None:
    files = data_file(tmp_path)
    expected = snapshot(load(files))
    load_cached(files)
    rewrite_entry(cache_folder, IMPOSSIBLE[name])
    assert snapshot(load_cached(files)) == expected  # discarded (its seal is not the payload's)
    assert snapshot(load_cached(files)) == expected  # and rebuilt


@pytest.mark.parametrize("name", sorted(IMPOSSIBLE))
def test_the_checks_refuse_impossible_content(name: str, tmp_path: Path, cache_folder: Path) -> None:
    """What an entry is checked for when it is made: each impossible payload is refused (it does
    not read back as the data set the loader gives)."""
    files = data_file(tmp_path)
    loaded = load(files)
    load_cached(files)
    [entry] = cache_folder.glob("data-*.json")
    payload = json.loads(entry.read_bytes().partition(b"\n")[2])
    codec.check(json.dumps(payload).encode(), loaded)  # as written: accepted
    IMPOSSIBLE[name]({}, payload)
    with pytest.raises(codec.CacheInvalid):
        codec.check(json.dumps(payload).encode(), loaded)


@pytest.mark.parametrize("name", sorted(IMPOSSIBLE))
def test_an_entry_with_impossible_content_is_never_sealed(name: str, tmp_path: Path, cache_folder: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """If the codec ever wrote what the loader would refuse, the entry is not written: a reader
    of a sealed entry checks nothing again."""
    real = codec.encode

    def encode(*args: Any) -> dict[str, Any]:
        payload = real(*args)
        IMPOSSIBLE[name]({}, payload)
        return payload

    monkeypatch.setattr(codec, "encode", encode)
    files = data_file(tmp_path)
    expected = snapshot(load(files))
    assert snapshot(load_cached(files)) == expected
    assert not list(cache_folder.glob("data-*.json"))


def test_a_sealed_entry_is_checked_once_when_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = codec.check
    monkeypatch.setattr(codec, "check", lambda *args: calls.append(1) or real(*args))
    files = data_file(tmp_path)
    load_cached(files)
    assert calls == [1]
    assert values(files) == {"a1": 500, "b1": 10}
    assert calls == [1]  # read without checking again


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = codec.decode
    monkeypatch.setattr(codec, "decode", lambda p, **kw: calls.append(1) or real(p, **kw))
    return calls


@pytest.mark.parametrize("key", ["another", "missing", "short", "fifo"])
def test_an_entry_is_read_only_with_the_key_that_sealed_it(key: str, tmp_path: Path, cache_folder: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           no_alarm: None) -> None:
    files = data_file(tmp_path)
    expected = snapshot(load(files))
    load_cached(files)
    path = cache_folder / "seal.key"
    path.unlink()
    if key == "another":
        path.write_bytes(os.urandom(32))
    elif key == "short":
        path.write_bytes(os.urandom(16))
    elif key == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(path)
    reads = _reads(monkeypatch)
    assert snapshot(load_cached(files)) == expected
    assert reads == []  # not decoded: answered from the files
    # a key is made (the damaged one replaced, another's kept) and the entry written again under it
    assert snapshot(load_cached(files)) == expected
    assert reads == [1]


def test_a_header_claiming_3_gib_is_not_read(tmp_path: Path, cache_folder: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = data_file(tmp_path)
    expected = snapshot(load(files))
    load_cached(files)

    def huge(header: dict[str, Any], payload: dict[str, Any]) -> None:
        header["length"] = 3 << 30

    rewrite_entry(cache_folder, huge)
    reads: list[int] = []

    class Watch:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def __getattr__(self, name: str) -> Any:
            return getattr(self.fh, name)

        def __enter__(self) -> Watch:
            return self

        def __exit__(self, *_: object) -> None:
            self.fh.close()

        def read(self, n: int = -1) -> bytes:
            reads.append(n)
            return bytes(self.fh.read(n))

    import hfig.load.paths as paths

    original = paths.open_regular
    monkeypatch.setattr(paths, "open_regular", lambda p: Watch(original(p)))
    assert snapshot(load_cached(files)) == expected
    assert reads and all(n < 1 << 30 for n in reads)  # never asked for the 3 GiB


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_an_entry_that_is_a_fifo_does_not_block(tmp_path: Path, cache_folder: Path, no_alarm: None) -> None:
    files = data_file(tmp_path)
    expected = snapshot(load(files))
    load_cached(files)
    [entry] = cache_folder.glob("data-*.json")
    entry.unlink()
    os.mkfifo(entry)
    assert snapshot(load_cached(files)) == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_stored_answer_that_is_a_fifo_does_not_block(tmp_path: Path, cache_folder: Path,
                                                        no_alarm: None) -> None:
    from typer.testing import CliRunner

    from hfig.cli import app

    files = data_file(tmp_path)
    args = ["records", "--data", str(files[0].path), "--format", "csv"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0
    [answer] = cache_folder.glob("answer-*.txt")
    answer.unlink()
    os.mkfifo(answer)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and again.stdout == first.stdout
