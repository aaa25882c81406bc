"""The learned metric for numbers no rule reads (benchmarks/extract_recall_learned.py, round 14;
not shipped: `hfig extract` is the rules alone).

Every sentence here is written for these tests; none is copied from a report.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from hfig.extract import DraftClaim, extract
from hfig.extract.metrics import CONTEXT_METRICS
from tests.benchmark_scripts import benchmark
from tests.test_extract import data

rl = benchmark("extract_recall_learned")
rm = benchmark("extract_recall_model")
NONE, ModelError, RecallModel, load = rl.NONE, rl.ModelError, rl.RecallModel, rl.load

# A tiny model written by hand: "shelterless" right after a number says people displaced; nothing
# else moves (every other number stays `none`, which the bias favours).
HAND: dict[str, Any] = {
    "format": 1,
    "kind": "recall",
    "classes": [NONE, "displaced", "people_killed"],
    "bias": [2.0, 0.0, 0.0],
    "threshold": 0.6,
    "scale": 1000,
    "weights": {"a1:shelterless": [1, 8000]},
}
SENTENCE = "According to UNHCR, 4,500 shelterless remained in Aleppo on 3 May."
OTHER = "The camp at Zomba now holds 7,200, the agency said."


def _gz(obj: Any) -> bytes:
    return gzip.compress(json.dumps(obj).encode("utf-8"), mtime=0)


def _draft(text: str, model: Any) -> list[DraftClaim]:
    ds = data()
    kwargs: dict[str, Any] = {
        "metrics": ds.metrics,
        "claimants": ds.claimants,
        "gazetteer": ds.gazetteer,
        "publisher": "Test Wire",
    }
    if model is None:
        return extract(text, **kwargs)
    return list(rm.extract_with(model, text, set(ds.metrics) - CONTEXT_METRICS, **kwargs))


def test_a_number_no_rule_reads_is_drafted_with_the_models_metric(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    path.write_bytes(_gz(HAND))
    model = load(path)
    assert _draft(SENTENCE, None) == []  # the rules alone give the number no metric
    drafts = _draft(SENTENCE, model)
    assert [(d.metric, d.value) for d in drafts] == [("displaced", 4500)]
    d = drafts[0]
    assert d.confidence <= 0.92 - 0.2 + 1e-9  # lowered, as the round 9 fallback's drafts
    # the claimant and the area are built by the rules, as for any draft
    assert (d.claimant, d.claimant_how) == ("unhcr", "named")
    assert d.area is not None and d.area.name == "Aleppo"
    # a number the model leaves `none` stays undrafted
    assert _draft(OTHER, model) == []


def test_the_model_never_drafts_a_metric_that_may_not_be_drafted(tmp_path: Path) -> None:
    hand = dict(HAND, classes=[NONE, "population", "people_killed"])
    model = RecallModel.from_json(hand)
    assert _draft(SENTENCE, model) == []  # population is a context metric: not drafted by default


def test_a_threshold_above_the_probability_drafts_nothing() -> None:
    model = RecallModel.from_json(dict(HAND, threshold=0.9999))
    assert _draft(SENTENCE, model) == []


@pytest.mark.parametrize(
    "payload",
    [
        b"not gzip at all",
        gzip.compress(b"{not json", mtime=0),
        gzip.compress(b"\xff\xfe\x00", mtime=0),
        _gz([1, 2, 3]),
        _gz(dict(HAND, format=2)),
        _gz(dict(HAND, kind="revise")),
        _gz({k: v for k, v in HAND.items() if k != "classes"}),
        _gz(dict(HAND, bias=[0.0])),
        _gz(dict(HAND, classes=["displaced", "people_killed", "idps"])),  # no `none`
        _gz(dict(HAND, weights={"a1:x": [7, 100]})),  # a class that is not there
        _gz(dict(HAND, weights={"a1:x": "oops"})),
        _gz(dict(HAND, threshold=0)),
        gzip.compress(json.dumps(HAND).encode("utf-8"), mtime=0)[:40],  # cut short
    ],
)
def test_a_corrupt_weights_file_is_refused(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "bad.json.gz"
    path.write_bytes(payload)
    with pytest.raises(ModelError):
        load(path)


def test_a_missing_weights_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such weights file"):
        load(tmp_path / "nowhere.json.gz")


def test_the_seam_is_gone_after_drafting_and_the_rules_draft_alone(tmp_path: Path) -> None:
    import importlib

    ex = importlib.import_module("hfig.extract.extract")
    before = ex.read_metrics
    _draft(SENTENCE, RecallModel.from_json(HAND))
    assert ex.read_metrics is before
    assert _draft(SENTENCE, None) == []


def test_probabilities_sum_to_one_and_are_deterministic() -> None:
    model = RecallModel.from_json(HAND)
    names = ["bias", "a1:shelterless", "S:people"]
    p = model.probabilities(names)
    assert abs(sum(p.values()) - 1) < 1e-9
    assert p == model.probabilities(names)
    assert model.choose(names, {"displaced", "people_killed"}) == ("displaced", pytest.approx(p["displaced"]))


def test_training_is_deterministic() -> None:
    rows = [rm.Row("own", "t", ["bias", "a1:shelterless", f"S:w{i}"], "displaced", "-") for i in range(4)] + [
        rm.Row("own", "t", ["bias", "a1:people", f"S:w{i}"], NONE, "-") for i in range(4)
    ]
    one, two = rm.fit(rows), rm.fit(list(rows))
    assert json.dumps(one.to_json(), sort_keys=True) == json.dumps(two.to_json(), sort_keys=True)
    assert one.choose(["bias", "a1:shelterless"], {"displaced"}) is not None
    assert one.choose(["bias", "a1:people"], {"displaced"}) is None
