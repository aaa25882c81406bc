"""Round 18 (issue 14): a figure's metric from its context, in lines written for these tests."""

from __future__ import annotations

from hfig.extract import DraftClaim
from tests.test_extract import run


def _by_value(text: str) -> dict[float | str, DraftClaim]:
    return {d.value: d for d in run(text)}


SHEET = (
    "Strike on a bakery queue\n\n"
    "Strike type\nArtillery\n"
    "Civilians reported killed\n6 – 7\n(3 children)\n"
    "Civilians reported injured\n11\n"
    "Cause of injury / death\nShrapnel\n"
)


def test_a_figure_on_a_line_of_its_own_takes_the_label_line_before_it() -> None:
    drafts = _by_value(SHEET)
    killed, injured = drafts[6], drafts[11]
    assert killed.metric == "civilians_killed" and killed.value_max == 7
    assert injured.metric == "civilians_injured"
    # the reviewer sees that the metric was read from the line before, and which line
    why = dict(injured.inferred)
    assert "label line before it" in why["metric"] and "Civilians reported injured" in why["metric"]


def test_a_label_line_of_no_toll_gives_nothing() -> None:
    text = (
        "Incident sheet\n\nArmed groups reported killed\n4\n\n"
        "Cause of injury / death\n2\n\nCivilians reported killed\n0\n"
    )
    assert run(text) == []


def test_in_a_figures_then_captions_box_a_caption_is_not_the_next_figure_s_label() -> None:
    # "312" is captioned by the line after it; "People displaced" is the caption of "2.7 million", not
    # the label of "312"
    text = "Key figures\n\n2.7 million\n\nPeople displaced by the fighting\n\n312\n\nSchools closed\n"
    assert 312 not in _by_value(text)


def test_a_number_inside_prose_is_not_a_line_of_its_own() -> None:
    text = "Civilians reported killed\nin the district rose again, and 40 families left on Sunday.\n"
    assert all(not dict(d.inferred).get("metric") for d in run(text))


def test_a_period_that_starts_after_the_figure_s_date_is_left_to_the_reviewer() -> None:
    # "on 5 March" in a text of 1 March 2024 is read as 5 March 2023; a count since 20 March 2024 cannot
    # be known then: the period was misread and is not drafted (the loader would reject the record)
    text = "Since 20 March 2024, 40 people have been killed in the district, the ministry said on 5 March."
    (d,) = run(text, published="2024-03-01")
    assert d.metric == "people_killed"
    assert d.period is None
