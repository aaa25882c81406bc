"""The bundled north-west Syria data holds running totals from several claimants, not one.

Issue 13 asks that `hfig timeline displaced --region idlib` show the offensive as
more than OCHA saw it: at least four claimants, each with three reports or more
and at least one increment that hfig could compute (between running totals from
one start). A later change to the data that breaks a series (a start rewritten,
a report dropped) fails here, with the claimants that still qualify.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from hfig.cli import app

INCREMENTS = ("increment", "increment_low", "increment_high")


@pytest.fixture(scope="module")
def reports() -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["timeline", "displaced", "--region", "idlib", "-f", "json"])
    assert result.exit_code == 0, result.output
    return [row for row in json.loads(result.stdout)["rows"] if row["row_type"] == "report"]


def _claimants_with_series(reports: list[dict[str, object]]) -> set[str]:
    counted = Counter(str(r["claimant"]) for r in reports)
    stepped = {str(r["claimant"]) for r in reports if any(r[k] is not None for k in INCREMENTS)}
    return {c for c in stepped if counted[c] >= 3}


def test_at_least_four_claimants_have_a_series_with_increments(reports):
    qualified = _claimants_with_series(reports)
    assert len(qualified) >= 4, sorted(qualified)


def test_the_agencies_winter_counts_from_1_december_step(reports):
    """WHO's counts since 1 December 2019 (3 February, 18 February, the cluster's February
    bulletin) give an increment of their own, not only OCHA's."""
    who = [r for r in reports if r["claimant"] == "who" and r["start"] == "2019-12-01"]
    assert len(who) >= 3
    assert any(r["increment"] is not None for r in who)
    assert {"ocha", "rcg", "unhcr_cccm", "who"} <= _claimants_with_series(reports)
