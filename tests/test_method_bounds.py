"""Ranges and open bounds together: which range, which best, which contradict.

An expert's review, twelfth session.

tests/fixtures/method_bounds.yaml: civilians killed in Borno over May and on
single days in June, each row a pair or four of bounded claims at the edge of
contradicting. Only claims that cannot all be true contradict.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from hfig.cli import app

from .conftest import fixture

KEYS = ("range", "implied", "best", "best_stated", "best_claims", "flags", "low", "high", "implied_low",
        "implied_high")


def rows(runner) -> dict[str, tuple[object, ...]]:
    result = runner.invoke(app, ["summary", "--data", fixture("method_bounds.yaml"), "-f", "json"])
    assert result.exit_code == 0, result.output
    return {r["row"].removeprefix("civilians_killed/NG-BO/"): tuple(r[k] for k in KEYS)
            for r in json.loads(result.stdout)["rows"]}


def test_between_more_than_up_to_at_least(runner):
    """[3,000, 5,000], (4,000, ∞), [0, 6,000], [4,500, ∞): spread from 0, no top; implied 4,500 to 5,000."""
    assert rows(runner)["2025-05-01 to 2025-05-31"] == (
        "up to 6,000 – at least 4,500", "[4,500, 5,000]", 4500, "at least 4,500", ["may-at-least"], [], 0,
        None, 4500, 5000)


def test_touching_bounds_do_not_contradict_and_disjoint_ones_do(runner):
    got = rows(runner)
    # At least 40 and up to 40: exactly 40.
    assert got["2025-06-01 to 2025-06-01"][:2] == ("up to 40 – at least 40", "[40, 40]")
    assert got["2025-06-01 to 2025-06-01"][5] == []
    # More than 40 and up to 40: nothing is both.
    assert got["2025-06-02 to 2025-06-02"][1:2] + got["2025-06-02 to 2025-06-02"][5:6] == (
        "none (contradiction)", ["contradiction"])
    # About 4,000 is 3,600 to 4,400: beside at least 4,400, exactly 4,400; beside more than 4,400, nothing.
    assert got["2025-06-04 to 2025-06-04"] == (
        "about 4,000 – at least 4,400", "[4,400, 4,400]", 4400, "at least 4,400", ["jun4-at-least"], [], 3600,
        None, 4400, 4400)
    assert got["2025-06-03 to 2025-06-03"][1:2] + got["2025-06-03 to 2025-06-03"][5:6] == (
        "none (contradiction)", ["contradiction"])


def test_about_bounds_are_the_stated_ones_not_binary_noise(runner):
    """About 42,000 is 37,800 to 46,200 (docs/format.md): "more than 46,200" cannot be true with it.

    42,000 * 1.1 is 46,200.00000000001 in binary floating point: the row read
    "(46,200, 46,200]" as implied bounds, with no contradiction, and CSV and
    JSON printed 46200.00000000001.
    """
    assert rows(runner)["2025-06-05 to 2025-06-05"] == (
        "about 42,000 – more than 46,200", "none (contradiction)", 42000, "about 42,000", ["jun5-about"],
        ["contradiction"], 37800, None, None, None)
    result = runner.invoke(app, ["compare", "civilians_killed", "--data", fixture("method_bounds.yaml"),
                                 "-f", "csv"])
    line = next(x for x in result.stdout.splitlines() if x.startswith("claim,jun5-about,"))
    assert ",37800,46200," in line


def _best_words(runner, data: str, rule: str) -> dict[str, tuple[object, ...]]:
    result = runner.invoke(app, ["summary", "--data", data, "--best", rule, "-f", "json"])
    assert result.exit_code == 0, result.output
    return {r["row"].removeprefix("civilians_killed/NG-BO/"): (r["best"], r["best_stated"], r["best_claims"])
            for r in json.loads(result.stdout)["rows"]}


def test_a_tied_best_is_worded_by_its_interval_never_by_ids_or_the_alphabet(runner, tmp_path):
    """Claims tied at the chosen value: words that allow the value, then the narrowest (rule 14).

    "up to 40" (0 to 40) is narrower than "at least 40" (unbounded), and allows
    40, which "more than 40" does not: it words the best of 1 and 2 June under
    every rule (alphabetically it came last). Beside "less than 40", which is
    narrower but excludes 40, "at least 40" words it. Swapping the ids changes
    nothing.
    """
    data = yaml.safe_load(Path(fixture("method_bounds.yaml")).read_text(encoding="utf-8"))
    day = {"metric": "civilians_killed", "value": 40, "area": "Borno", "as_of": "2025-06-07",
           "period": {"start": "2025-06-06", "end": "2025-06-06", "cumulative": False}}
    data["claims"] += [{"id": "jun6-less-than", "qualifier": "less_than", "claimant": "acled", **day},
                       {"id": "jun6-at-least", "qualifier": "at_least", "claimant": "amnesty", **day}]
    swapped = {"jun1-at-least": "jun1-up-to", "jun1-up-to": "jun1-at-least",
               "jun6-less-than": "jun6-at-least", "jun6-at-least": "jun6-less-than"}
    paths = []
    for name, rename in (("tied.yaml", {}), ("swapped.yaml", swapped)):
        for claim in data["claims"]:
            claim["id"] = rename.get(claim["id"], claim["id"])
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(str(path))
    for rule in ("conservative", "median", "latest", "max"):
        got = _best_words(runner, paths[0], rule)
        assert got["2025-06-01 to 2025-06-01"] == (40, "up to 40", ["jun1-at-least", "jun1-up-to"]), rule
        assert got["2025-06-02 to 2025-06-02"] == (40, "up to 40", ["jun2-more-than", "jun2-up-to"]), rule
        assert got["2025-06-06 to 2025-06-06"] == (40, "at least 40", ["jun6-at-least", "jun6-less-than"]), \
            rule
        assert _best_words(runner, paths[1], rule) == got, rule
