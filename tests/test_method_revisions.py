"""A running total revised down; a figure for an earlier date published after a later one.

An expert's review, twelfth session.

tests/fixtures/method_revisions.yaml: IOM DTM's 120,000 (to 10 March) falls to
100,000 (to 20 March) and is revised to 90,000 for 10 March; UNICEF's "at least
105,000" to 18 March cannot be true beside DTM's 100,000 to 20 March from the
same start, whichever running total ends last.
"""

from __future__ import annotations

import json

from hfig.cli import app

from .conftest import fixture

FIELDS = ("row", "range", "implied", "implied_low", "implied_high", "best", "best_stated", "best_claims",
          "best_bounded", "flags", "claim_ids", "set_aside", "sources")


def rows(runner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["summary", *args, "--data", fixture("method_revisions.yaml"), "-f", "json"])
    assert result.exit_code == 0, result.output
    return [{k: r[k] for k in FIELDS} for r in json.loads(result.stdout)["rows"]]


def test_a_contradiction_implies_nothing_whichever_claim_ends_last(runner):
    """Rule 10: claims that cannot all be true imply nothing; rule 14: the best is one of their own values.

    MSF's "more than 95,000" as of March may end after 20 March; tried as the
    last, it left [105,000, ∞) as implied bounds beside the contradiction flag,
    and the best estimate was moved to "at least 105,000".
    """
    assert rows(runner) == [{
        "row": "displaced/HT-OU/from 2025-03-01", "range": "more than 95,000 – at least 105,000",
        "implied": "none (contradiction)", "implied_low": None, "implied_high": None,
        "best": 95000, "best_stated": "more than 95,000", "best_claims": ["msf-month"], "best_bounded": False,
        "flags": ["contradiction", "cumulative_fell"],
        "claim_ids": ["msf-month", "dtm-mar20", "unicef-mar18", "ocha-mar15-late"],
        "set_aside": ["dtm-mar10", "dtm-mar10-revised"], "sources": "4 of 4"}]
    assert rows(runner, "--as-of", "2025-03-22")[0]["implied"] == "none (contradiction)"


def test_knowledge_time_follows_publication(runner):
    """Nothing is known before it is published: OCHA's figure of 15 March, published 30 March."""
    early = rows(runner, "--as-of", "2025-03-12")[0]
    assert (early["claim_ids"], early["best_stated"], early["flags"]) == (["dtm-mar10"], "120,000",
                                                                          ["single_source"])
    # DTM's 10 March figure is stale beside UNICEF's of 18 March.
    mid = rows(runner, "--as-of", "2025-03-19")[0]
    assert (mid["claim_ids"], mid["set_aside"], mid["best_stated"]) == (["unicef-mar18"], ["dtm-mar10"],
                                                                        "at least 105,000")
    late = rows(runner, "--as-of", "2025-03-26")[0]
    assert late["claim_ids"] == ["msf-month", "dtm-mar20", "unicef-mar18"]
    assert late["set_aside"] == ["dtm-mar10", "dtm-mar10-revised"]
    assert late["flags"] == ["contradiction", "cumulative_fell"]


def test_timeline_of_a_revision_for_an_earlier_end(runner):
    """What hfig does now: the timeline orders by when a figure was said, whatever its period's end.

    DTM's 90,000 said on 25 March is about the count to 10 March; the series
    reads it as a fall from 100,000 (to 20 March) and the band of 25 March takes
    it as DTM's latest word. docs/decisions.md ("An expert's review") keeps this
    as an open question.
    """
    result = runner.invoke(app, ["timeline", "displaced", "--data", fixture("method_revisions.yaml"),
                                 "-f", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)["rows"]
    revised = next(r for r in got if r["id"] == "dtm-mar10-revised")
    assert (revised["increment"], revised["flags"], revised["fell_from"]) == (-10000, ["fell"], "dtm-mar10")
    last_band = [r for r in got if r["row_type"] == "band"][-1]
    assert [last_band[k] for k in ("date", "low")] == ["2025-03-25", 90000]
    assert "dtm-mar10-revised" in last_band["claims"]


def test_the_band_is_dated_by_as_of_and_as_of_option_gives_what_was_known(runner):
    """OCHA's figure as of 15 March, published 30 March: in the band from 15 March; --as-of keeps it out.

    docs/decisions.md ("Echoes, bands and ties"): the band stays dated by as_of;
    its words no longer call it what was known, and point to --as-of.
    """
    def bands(*args: str) -> dict[str, list[str]]:
        result = runner.invoke(app, ["timeline", "displaced", "--data", fixture("method_revisions.yaml"),
                                     "-f", "json", *args])
        assert result.exit_code == 0, result.output
        return {r["date"]: r["claims"] for r in json.loads(result.stdout)["rows"] if r["row_type"] == "band"}

    assert bands()["2025-03-15"] == ["dtm-mar10", "ocha-mar15-late"]
    known = bands("--as-of", "2025-03-26")
    assert "2025-03-15" not in known
    assert not any("ocha-mar15-late" in claims for claims in known.values())
    result = runner.invoke(app, ["timeline", "displaced", "--data", fixture("method_revisions.yaml")],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "The band: at each as-of date," in result.stdout
    assert "what was known on a date: --as-of." in result.stdout
