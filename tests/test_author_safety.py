"""Never lose data: writes killed at random moments, and writers racing each other.

Both tests fork worker processes that call the library directly (not the CLI),
so each trial costs milliseconds, not an interpreter start-up.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from hfig.author.emit import ClaimFields
from hfig.author.store import add_claims
from hfig.load.loader import load
from hfig.load.paths import DataFile

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

INITIAL = b"# hand-kept\nhfig: 1\nclaims:\n  - id: first\n    metric: displaced\n    value: 1\n" \
          b"    claimant: un\n    area: Idleb\n    as_of: 2019-05-01\n"
BIG_QUOTE = "The quick brown figure jumps over the lazy estimate. " * 4000  # ~200 kB per claim


def _draft(quote: str = "") -> ClaimFields:
    fields: ClaimFields = {"metric": "displaced", "value": "10", "claimant": "un", "area": "Idleb",
                           "as_of": "2019-05-02"}
    if quote:
        fields["quote"] = quote
    return fields


def _append_forever(path: str) -> None:
    while True:
        add_claims(Path(path), [_draft(BIG_QUOTE)], [])


def _append_n(path: str, n: int, start: float) -> None:
    while time.time() < start:  # start together, so the writers really overlap
        time.sleep(0.001)
    for _ in range(n):
        add_claims(Path(path), [_draft()], [])


def _claims(path: Path) -> list[str]:
    data = path.read_bytes()
    result = load([DataFile(path, str(path), data.decode("utf-8"))])
    assert result.ok, [str(p) for p in result.problems][:3]
    return [c.id for c in result.data.claims]


def test_a_write_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20190524)
    target = tmp_path / "claims.yaml"
    outcomes = {"unchanged": 0, "updated": 0}
    for _trial in range(50):
        target.write_bytes(INITIAL)
        worker = ctx.Process(target=_append_forever, args=(str(target),))
        worker.start()
        time.sleep(rng.uniform(0.0, 0.08))
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join()
        data = target.read_bytes()
        assert data.startswith(INITIAL)  # never truncated, nothing before the insertion changed
        ids = _claims(target)  # always a whole, valid file
        assert ids[0] == "first"
        for i, claim_id in enumerate(ids[1:], start=1):
            assert claim_id == ("un-displaced-2019-05-02" + (f"-{i}" if i > 1 else ""))
        assert data.count(BIG_QUOTE.strip().encode()) == len(ids) - 1  # every new quote is complete
        outcomes["unchanged" if len(ids) == 1 else "updated"] += 1
        for leftover in tmp_path.glob(".*.tmp"):  # what a killed writer leaves: hidden, never loaded
            leftover.unlink()
    assert outcomes["unchanged"] + outcomes["updated"] == 50


def test_two_writers_adding_50_claims_each_keep_all_100(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    target = tmp_path / "claims.yaml"
    start = time.time() + 0.2
    workers = [ctx.Process(target=_append_n, args=(str(target), 50, start)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    ids = _claims(target)
    assert len(ids) == 100
    assert len(set(ids)) == 100
    assert not list(tmp_path.glob(".*.tmp"))
