from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

# numpy's OpenBLAS starts a pool of threads when imported (pandas imports it), and hfig never forks
# while another thread runs (hfig/cache/fork.py): after the first test that imports pandas, the
# two-process load would quietly not be tested. One BLAS thread keeps the process single-threaded.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see the bundled data, plain text and a cache of their own, whatever the developer's
    shell says (a shared cache would let one test answer another's question)."""
    monkeypatch.delenv("HFIG_DATA", raising=False)
    monkeypatch.delenv("HFIG_NO_CACHE", raising=False)
    monkeypatch.setenv("HFIG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    # No test depends on the real date: `hfig validate`'s "today" is fixed (hfig.load.future).
    monkeypatch.setattr("hfig.load.future.today", lambda: TODAY)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def fixture(name: str) -> str:
    return str(FIXTURES / name)
