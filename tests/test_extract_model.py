"""The learned second opinion on a draft's metric (benchmarks/extract_learned.py, round 6; not shipped).

Every sentence here is written for these tests; none is copied from a report.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hfig.extract import DraftClaim, extract
from tests.benchmark_scripts import benchmark
from tests.test_extract import data

learned = benchmark("extract_learned")
NONE, MetricModel, draft_features, load_model, revise = (
    learned.NONE, learned.MetricModel, learned.draft_features, learned.load_model, learned.revise
)

# A model written by hand: "camps" around a figure says people living displaced (a stock),
# "elsewhere" says the figure is not about this crisis (no figure), and nothing else moves. (The
# rules themselves drop a figure counted "worldwide" since round 7.)
HAND = {
    "format": 1,
    "classes": [NONE, "displaced", "idps", "people_killed"],
    "bias": [0.0, 0.0, 0.0, 0.0],
    "override": 0.6,
    "drop": 0.8,
    "scale": 1000,
    "weights": {"S:camps": [2, 6000], "S:elsewhere": [0, 6000]},
}


def _write(path: Path, payload: bytes) -> Path:
    path.write_bytes(payload)
    return path


def _gz(obj: Any) -> bytes:
    return gzip.compress(json.dumps(obj).encode("utf-8"), mtime=0)


def _draft(text: str, model: Any = None) -> list[DraftClaim]:
    ds = data()
    drafts = extract(
        text,
        metrics=ds.metrics,
        claimants=ds.claimants,
        gazetteer=ds.gazetteer,
        publisher="Test Wire",
    )
    return drafts if model is None else revise(model, text, drafts, ds.metrics, set(ds.metrics))


STOCK = "Fighting in the district displaced 3,000 people on 4 May, and they now shelter in camps."
ELSEWHERE = "In the same year, 44 aid workers were killed elsewhere, the agency said."
PLAIN = "The shelling on Tuesday killed 12 people in the town, the agency said."


def test_a_hand_written_model_loads_from_its_file(tmp_path: Path) -> None:
    model = load_model(_write(tmp_path / "m.json.gz", _gz(HAND)))
    assert model is not None
    assert model.classes == (NONE, "displaced", "idps", "people_killed")
    assert model.weights["S:camps"] == [(2, 6.0)]
    # and it writes back what it read
    assert model.to_json()["weights"] == HAND["weights"]


def test_the_model_overrides_the_rules_only_where_it_is_sure() -> None:
    model = MetricModel.from_json(HAND)
    rules = _draft(STOCK)
    assert [d.metric for d in rules] == ["displaced"]
    revised = _draft(STOCK, model)
    assert [d.metric for d in revised] == ["idps"]
    d = revised[0]
    assert dict(d.inferred)["metric"].startswith("a learned model read idps")
    assert "metric: from a learned model, not the rules" in d.reasons
    assert d.period is None or d.period.start is None  # a stock stands at a date
    # a sentence with none of its words keeps the rules' reading
    assert [d.metric for d in _draft(PLAIN, model)] == [d.metric for d in _draft(PLAIN)]


def test_a_draft_the_model_is_sure_is_no_figure_is_dropped() -> None:
    model = MetricModel.from_json(HAND)
    assert [d.metric for d in _draft(ELSEWHERE)] == ["aid_workers_killed"]
    assert _draft(ELSEWHERE, model) == []


def test_the_model_never_drafts_a_metric_that_may_not_be_drafted() -> None:
    ds = data()
    model = MetricModel.from_json(HAND)
    rules = _draft(STOCK)
    # with idps not allowed, the rules' metric stands
    assert [d.metric for d in revise(model, STOCK, rules, ds.metrics, {"displaced"})] == ["displaced"]


def test_probabilities_are_deterministic_and_sum_to_one() -> None:
    model = MetricModel.from_json(HAND)
    d = _draft(STOCK)[0]
    names = draft_features(STOCK.lower(), d)
    assert names == draft_features(STOCK.lower(), d)
    p = model.probabilities(names)
    assert p == model.probabilities(list(names))
    assert abs(sum(p.values()) - 1.0) < 1e-12
    assert max(p, key=lambda c: p[c]) == "idps"


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not gzip at all",
        gzip.compress(b"{not json"),
        _gz([1, 2, 3]),
        _gz({**HAND, "format": 99}),
        _gz({**HAND, "bias": [0.0]}),
        _gz({**HAND, "weights": {"S:camps": [17, 100]}}),
        _gz({**HAND, "classes": ["displaced", "idps", "people_killed", "x"]}),
    ],
    ids=["empty", "not-gzip", "not-json", "not-a-mapping", "format", "bias", "class", "no-none"],
)
def test_a_corrupt_weights_file_is_not_used(tmp_path: Path, payload: bytes) -> None:
    assert load_model(_write(tmp_path / "bad.json.gz", payload)) is None


def _trainer() -> ModuleType:
    benchmark("extract_real")
    return benchmark("extract_model")


def test_training_is_deterministic_and_learns_a_clear_case() -> None:
    em = _trainer()
    texts = [
        ("Clashes displaced 2,000 people last week and they now live in camps near the river.", "idps"),
        ("About 5,000 people remain in camps after fleeing the town in March.", "idps"),
        ("Some 800 families are sheltering in camps outside the city.", "idps"),
        ("Clashes displaced 2,000 people last week from villages near the river.", "displaced"),
        ("About 5,000 people fled the town on Monday, local officials said.", "displaced"),
        ("Some 800 families left their homes during the fighting on Sunday.", "displaced"),
    ]
    rows = []
    for text, target in texts * 2:
        for d in _draft(text):
            rows.append(em.Row("own", "t", draft_features(text.lower(), d), target, d.metric))
    assert rows
    one, two = em.train(rows), em.train(list(rows))
    assert json.dumps(one.to_json(), sort_keys=True) == json.dumps(two.to_json(), sort_keys=True)
    p = one.probabilities(draft_features(STOCK.lower(), _draft(STOCK)[0]))
    assert max(p, key=lambda c: p[c]) == "idps"
