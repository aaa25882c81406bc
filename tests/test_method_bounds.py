"""Ranges and open bounds together: which range, which best, which contradict.

An expert's review, twelfth session.

tests/fixtures/method_bounds.yaml: civilians killed in Borno over May and on
single days in June, each row a pair or four of bounded claims at the edge of
contradicting. Only claims that cannot all be true contradict.
"""

from __future__ import annotations

import json

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
