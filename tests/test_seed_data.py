"""Every figure of the seed article is in the bundled data, exactly as stated."""

from __future__ import annotations

import pytest

from hfig.cli.context import load_data
from hfig.core.qualifiers import Qualifier

# (metric, value, qualifier, claimant) for every figure in the seed article.
SEED_FIGURES = [
    ("displaced", 200000, Qualifier.MORE_THAN, "un"),
    ("displaced", 300000, Qualifier.MORE_THAN, "uossm"),
    ("health_facility_attacks", 20, Qualifier.EXACT, "un"),
    ("ambulance_attacks", 1, Qualifier.EXACT, "un"),
    ("health_facilities_out_of_service", 19, Qualifier.EXACT, "un"),
    ("population_served_affected", 200000, Qualifier.AT_LEAST, "un"),
    ("civilians_killed", 229, Qualifier.AT_LEAST, "uossm"),
    ("combatants_killed", 350, Qualifier.UP_TO, "russia_reconciliation"),
    ("tanks_destroyed", 5, Qualifier.EXACT, "russia_reconciliation"),
    ("armoured_vehicles_destroyed", 1, Qualifier.EXACT, "russia_reconciliation"),
    ("fighters_deployed", 800, Qualifier.MORE_THAN, "russia_reconciliation"),
    ("armoured_vehicles_deployed", 10, Qualifier.AT_LEAST, "russia_reconciliation"),
    ("population", 3000000, Qualifier.ABOUT, "seed_article"),
    ("population_share", 20, Qualifier.ABOUT, "seed_article"),
    ("failed_assaults", 4, Qualifier.EXACT, "seed_article"),
]


@pytest.fixture(scope="module")
def seed_claims():
    data = load_data(None)
    return data, [c for c in data.claims if c.source and c.source.file.endswith("seed.yaml")]


@pytest.mark.parametrize(("metric", "value", "qualifier", "claimant"), SEED_FIGURES)
def test_seed_figure_is_present_exactly_as_stated(seed_claims, metric, value, qualifier, claimant):
    _, claims = seed_claims
    matches = [
        c
        for c in claims
        if (c.metric, c.value, c.qualifier, c.claimant) == (metric, value, qualifier, claimant)
    ]
    assert len(matches) == 1, f"{metric} {qualifier.value} {value} by {claimant}"
    claim = matches[0]
    assert claim.quote and claim.area.pcodes


def test_no_seed_figure_is_unaccounted_for(seed_claims):
    _, claims = seed_claims
    assert len(claims) == len(SEED_FIGURES)


def test_party_claims_are_by_a_party_to_the_conflict(seed_claims):
    data, claims = seed_claims
    russian = [c for c in claims if c.claimant == "russia_reconciliation"]
    assert russian and all(data.claimants[c.claimant].is_party for c in russian)


def test_inferred_dates_are_explained_and_the_article_is_dated(seed_claims):
    _, claims = seed_claims
    for claim in claims:
        assert dict(claim.inferred).get("as_of"), claim.id
        assert dict(claim.inferred).get("published"), claim.id
        assert claim.published is not None and claim.published.text == "2019-05-25", claim.id
        assert claim.url == ("https://eaworldview.com/2019/05/"
                             "syria-daily-russia-covers-up-rebel-counterattack-northwest-offensive/")
    said = {c.id: c.as_of.text for c in claims}
    assert said["seed-un-displaced"] == "2019-05-23"  # "on Thursday": the only Thursday that fits
    assert said["seed-russia-combatants-killed"] == "2019-05-24"  # "on Friday"
    assert said["seed-uossm-displaced"] == "~2019-05-22"  # UOSSM's own release


def test_the_seed_echo_of_uossm_links_to_its_origin(seed_claims):
    data, claims = seed_claims
    echo = next(c for c in claims if c.metric == "civilians_killed")
    origin = data.by_id()[echo.origin or ""]
    assert (origin.claimant, origin.value, origin.qualifier) == ("uossm", 229, Qualifier.EXACT)
