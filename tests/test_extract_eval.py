"""The extraction targets of issue 7, measured on the evaluation passages (tests/extract_eval/)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "extract_eval.py"


def evaluation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_eval"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name", ["dev", "heldout", "realistic", "realistic2", "realistic3", "realistic4", "realistic5"]
)
def test_precision_and_recall_targets(name: str) -> None:
    score = evaluation().run_set(name, verbose=True)
    p, r = score.pr("value+qualifier+metric")
    assert p >= 0.9 and r >= 0.85, score.misses
    p, r = score.pr("claimant")
    assert p >= 0.8 and r >= 0.8, score.misses


def test_every_expected_claim_uses_the_vocabulary() -> None:
    from hfig.cli.context import load_data

    ds = load_data(None)
    module = evaluation()
    for name in ("dev", "heldout", "realistic", "realistic2", "realistic3", "realistic4", "realistic5"):
        data = module.load_set(name)
        extra = {c["id"] for c in data.get("claimants", [])}
        for passage in data["passages"]:
            for claim in passage["claims"]:
                assert claim["metric"] in ds.metrics, (passage["id"], claim)
                who = claim.get("claimant")
                assert who is None or who in ds.claimants or who in extra, (passage["id"], claim)
