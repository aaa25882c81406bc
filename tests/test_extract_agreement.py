"""Two labellers compared (benchmarks/extract_agreement.py): a label read as a draft is scored
by the evaluation set's own rules. Text and labels are the scorer tests' own, written here."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.benchmark_scripts import benchmark
from tests.test_extract_real_score import LABELS, TEXT, label


def _score(second: dict[str, Any]) -> Any:
    agreement = benchmark("extract_agreement")
    er = agreement.er
    first = er.Text("x", "dev", "syria", "un", "OCHA", "2020-05-04", TEXT, LABELS)
    return er.score_text(first, agreement.as_drafts(TEXT, second))


def test_a_labelling_agrees_with_itself_on_every_field() -> None:
    s = _score(LABELS)
    assert (s.figures, s.drafts, s.matched, s.false_alarms) == (3, 3, 3, 0)
    assert all(s.pr(f) == (1.0, 1.0) for f in ("value", "qualifier", "metric", "value+qualifier+metric"))
    assert all(s.accuracy(f) == 1.0 for f in ("claimant", "area", "period", "as_of"))
    assert s.duplicates == 1  # the headline and its repeat are one figure


def test_a_different_metric_or_a_figure_left_out_or_added_is_a_disagreement() -> None:
    second = copy.deepcopy(LABELS)
    second["figures"][3]["metric"] = "idps"
    assert _score(second).pr("metric") == (2 / 3, 2 / 3)

    second = copy.deepcopy(LABELS)
    del second["figures"][2]  # the second labeller saw no figure in "5 children"
    s = _score(second)
    assert (s.figures, s.matched) == (3, 2) and s.pr("value") == (1.0, 2 / 3)

    second = copy.deepcopy(LABELS)
    second["figures"].append(label("40", 40, "people_killed"))  # a number the first left out
    s = _score(second)
    assert (s.false_alarms, s.out_of_scope_drafted) == (1, 1) and s.pr("value") == (0.75, 1.0)


def test_a_claimant_or_a_date_that_differs_counts_on_matched_figures() -> None:
    second = copy.deepcopy(LABELS)
    second["figures"][2]["claimant"] = None
    second["figures"][2]["period_start"] = second["figures"][2]["period_end"] = "2020-04"
    s = _score(second)
    assert s.accuracy("claimant") == 2 / 3 and s.accuracy("period") == 2 / 3


def test_a_held_out_part_is_not_compared(tmp_path: Path) -> None:
    agreement = benchmark("extract_agreement")
    for part in agreement.er.HELD_OUT:
        with pytest.raises(SystemExit, match=f"held-out {part} part"):
            agreement.main(["--split", part, "--second", str(tmp_path), "--no-extractor"])
