"""The scorer of the real evaluation set (benchmarks/extract_real.py) follows its matching rules.

Text and labels here are our own, so these tests run everywhere (the real
texts are not committed).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hfig.core.dates import parse_fuzzy_date
from hfig.core.model import AreaPrecision
from hfig.core.qualifiers import Qualifier
from hfig.extract import DraftArea, DraftClaim, DraftPeriod

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "extract_real.py"


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_real", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_real"] = module
    spec.loader.exec_module(module)
    return module


TEXT = (
    "Agency X: 12 killed in Town.\n\n"
    "At least 12 civilians were killed in Town on 3 May, including 5 children, the agency said. "
    "Some 300 families fled. A report of 40 pages was issued. The number 7 is unclear."
)


def label(written: str, value: Any, metric: str, **kw: Any) -> dict[str, Any]:
    base = {
        "written": written,
        "value": value,
        "value_max": None,
        "qualifier": "exact",
        "metric": metric,
        "claimant": "ocha",
        "area": "Town",
        "country": "SY",
        "period_start": None,
        "period_end": None,
        "as_of": "2020-05-04",
        "cumulative": False,
        "in_headline": False,
    }
    base.update(kw)
    return base


LABELS = {
    "id": "x",
    "figures": [
        label("12", 12, "civilians_killed", in_headline=True),
        label(
            "12",
            12,
            "civilians_killed",
            qualifier="at_least",
            repeat_of=1,
            period_start="2020-05-03",
            period_end="2020-05-03",
            occurrence=2,
        ),
        label("5", 5, "children_killed", period_start="2020-05-03", period_end="2020-05-03"),
        label("300", 300, "displaced", qualifier="about", unit="households", area=None),
    ],
    "out_of_scope": [{"written": "40", "why": "pages"}],
    "unscored": [{"written": "7", "why": "unclear"}],
}


def draft(written: str, value: float, metric: str, occurrence: int = 1, **kw: Any) -> DraftClaim:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(written, start + 1)
    fields: dict[str, Any] = {
        "metric": metric,
        "value": value,
        "qualifier": Qualifier.EXACT,
        "figure": (start, start + len(written)),
        "sentence": (0, 1),
        "quote": "",
        "claimant": "ocha",
        "area": DraftArea("Town", ("SY01",), AreaPrecision.EXACT),
        "as_of": parse_fuzzy_date("2020-05-04"),
    }
    fields.update(kw)
    return DraftClaim(**fields)


def text(mod: ModuleType) -> Any:
    return mod.Text("x", "dev", "syria", "un", "OCHA", "2020-05-04", TEXT, LABELS)


def test_a_repeat_is_one_figure_and_its_best_draft_counts() -> None:
    mod = scorer()
    day = DraftPeriod(parse_fuzzy_date("2020-05-03"), parse_fuzzy_date("2020-05-03"), "on 3 May")
    drafts = [
        draft("12", 12, "people_killed"),  # the headline's draft has the wrong metric
        draft("12", 12, "civilians_killed", 2, qualifier=Qualifier.AT_LEAST, period=day),
    ]
    s = mod.score_text(text(mod), drafts)
    assert s.figures == 3  # the toll (with its repeat), the children, the families
    assert s.duplicates == 1
    assert s.correct["value+qualifier+metric"] == 1  # the body's draft is the figure's
    assert s.right["period"] == 1  # and is scored against the body's label (the headline has no day)
    assert s.drafts == 1 and s.false_alarms == 0


def test_unscored_numbers_are_ignored_and_out_of_scope_ones_are_false_alarms() -> None:
    mod = scorer()
    drafts = [draft("7", 7, "people_killed"), draft("40", 40, "people_killed")]
    s = mod.score_text(text(mod), drafts, verbose=True)
    assert s.false_alarms == 1 and s.out_of_scope_drafted == 1
    assert s.drafts == 1 and s.correct["value"] == 0
    assert sum("MISSED" in line for line in s.lines) == 3


def test_fields_on_matched_figures() -> None:
    mod = scorer()
    drafts = [
        draft("5", 5, "children_killed", claimant="un"),
        draft("300", 300, "displaced", qualifier=Qualifier.ABOUT, unit="households", area=None),
    ]
    s = mod.score_text(text(mod), drafts)
    assert s.matched == 2
    assert s.correct["value+qualifier+metric"] == 2
    assert s.right["claimant"] == 1  # "un" is not "ocha"
    assert s.right["area"] == 2
    assert s.right["period"] == 1  # the children's day is missing from the draft
    p, r = s.pr("value+qualifier+metric")
    assert (p, round(r, 2)) == (1.0, 0.67)


def test_a_unit_and_a_range_are_part_of_the_value() -> None:
    mod = scorer()
    lab = label("300", 300, "displaced", unit="households")
    assert not mod.value_ok(lab, draft("300", 300, "displaced"))
    assert mod.value_ok(lab, draft("300", 300, "displaced", unit="households"))
    ranged = label("300", 300, "displaced", qualifier="between", value_max=400)
    assert not mod.value_ok(ranged, draft("300", 300, "displaced"))


def test_areas_compare_as_written() -> None:
    mod = scorer()
    lab = label("5", 5, "children_killed", area="southern Idleb and A\u2019zaz")
    near = draft("5", 5, "children_killed", area=DraftArea("A'zaz", ("SY02",), AreaPrecision.EXACT))
    far = draft("5", 5, "children_killed", area=DraftArea("Hama", ("SY05",), AreaPrecision.EXACT))
    assert mod.field_ok("area", lab, near)
    assert not mod.field_ok("area", lab, far)


def test_a_stock_stands_at_its_as_of_date() -> None:
    mod = scorer()
    lab = label("300", 300, "idps", period_end="2020-05-04")
    assert mod.field_ok("period", lab, draft("300", 300, "idps"))
    # a labelled stock without an end stands at the date it was said, as a drafted one does
    assert mod.field_ok("period", label("300", 300, "idps"), draft("300", 300, "idps"))
    earlier = label("300", 300, "idps", period_end="2020-04-30")
    assert not mod.field_ok("period", earlier, draft("300", 300, "idps"))


def test_a_breakdown_part_is_scored_on_its_own_line() -> None:
    mod = scorer()
    labels = dict(LABELS)
    labels["figures"] = [*LABELS["figures"][:2], {**LABELS["figures"][2], "subset": "children"}]
    t = mod.Text("x", "dev", "syria", "un", "OCHA", "2020-05-04", TEXT, labels)
    s = mod.score_text(t, [draft("5", 5, "children_killed")])
    assert s.figures == 1 and s.drafts == 0
    assert (s.subset_parts, s.subset_drafted, s.subset_right) == (1, 1, 1)


def test_final17_is_held_out_and_final16_is_open() -> None:
    module = scorer()
    assert {"final17"} == module.HELD_OUT
    assert {"final15", "final16"} <= set(module.OPEN)
    assert "final17" not in module.OPEN
    for flags in (["-v"], ["--text", "some-id"]):
        with pytest.raises(SystemExit, match="refused for the held-out final17 part"):
            module.main(["--split", "final17", *flags])
