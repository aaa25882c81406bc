"""General wordings of report figures, found while reading the misses of all 120 real texts.

Each rule is a way UN, NGO, monitor and media reports state figures, not one
text's wording; each test uses sentences written for it. No sentence here is
copied from a report.
"""

from __future__ import annotations

from tests.test_extract import one, run, triples

# --- casualties ------------------------------------------------------------------------------


def test_injured_or_killed_in_either_order_is_casualties() -> None:
    d = one("Heavy shelling left hundreds of civilians injured or killed across the district.")
    assert (d.value, d.metric) == ("hundreds", "civilian_casualties")
    assert one("At least 40 people were wounded or killed in the blast.").metric == "casualties"


def test_the_injury_of_n_is_injured_as_the_death_of_n_is_killed() -> None:
    drafts = run(
        "The raids caused the death of 14 civilians, including 3 children, and the injury of 52 civilians, "
        "including 20 children."
    )
    assert [(d.value, d.metric) for d in drafts] == [
        (14, "civilians_killed"),
        (3, "children_killed"),
        (52, "civilians_injured"),
        (20, "children_injured"),
    ]


# --- periods ---------------------------------------------------------------------------------


def test_a_start_with_no_year_takes_the_year_of_its_end() -> None:
    d = one(
        "Air strikes killed 60 civilians between 3 September and 20 December 2018.",
        published="2019-11-15",
    )
    assert d.period is not None
    assert (str(d.period.start), str(d.period.end)) == ("2018-09-03", "2018-12-20")
