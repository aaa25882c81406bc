"""A figure's event read from the shape of its clause (hfig/extract/clause.py, issue 14 round 5).
Every sentence here is written for these tests; none is copied from a report."""

from __future__ import annotations

from hfig.extract.clause import object_event, person_noun_after, subject_event
from hfig.extract.metrics import Cue, events_in
from tests.test_extract import run, triples


def _events(text: str) -> list[Cue]:
    return events_in(text, 0, len(text))


def test_the_verb_right_before_a_number_governs_it_as_its_object() -> None:
    text = "The strike killed at least 14 people."
    event = object_event(text, _events(text), text.index("14"))
    assert event is not None and event.kind == "killed"
    # a verb further back, past another phrase, does not
    text = "The strike killed a man and later 14 people fled."
    assert object_event(text, _events(text), text.index("14")) is None


def test_a_list_of_counted_objects_shares_the_verb_before_it() -> None:
    assert triples(run("The raid killed 5 fighters and 3 civilians.")) == [
        (5, "exact", "combatants_killed"),
        (3, "exact", "civilians_killed"),
    ]


def test_a_subject_takes_the_verb_group_after_it_past_a_place_and_auxiliaries() -> None:
    text = "Three IDPs in the camp were reportedly injured by shrapnel."
    found = subject_event(text, _events(text), text.index("IDPs") + 4)
    assert found is not None and found[0].kind == "injured" and found[1]  # finite
    assert triples(run(text)) == [(3, "exact", "people_injured")]


def test_a_reduced_relative_before_the_main_verb_is_a_modifier() -> None:
    assert triples(run("Seven refugees living in the camp were killed in the raid.")) == [
        (7, "exact", "people_killed")
    ]


def test_a_restrictive_relative_governs_only_without_a_main_verb() -> None:
    assert triples(run("More than 2,000 Syrians who had fled the fighting have returned home.")) == [
        (2000, "more_than", "returnees")
    ]


def test_a_non_restrictive_aside_is_passed_over() -> None:
    assert triples(run("Some 500 residents, most of them women, have fled the town.")) == [
        (500, "about", "displaced")
    ]


def test_a_list_of_counted_subjects_shares_the_verb_after_it() -> None:
    assert triples(run("Nine children and 14 adults were killed in the strike.")) == [
        (9, "exact", "children_killed"),
        (14, "exact", "people_killed"),
    ]


def test_people_displaced_with_no_auxiliary_and_no_date_are_a_stock() -> None:
    assert triples(run("Around 2,000 people displaced by the fighting are sheltering in schools.")) == [
        (2000, "about", "idps")
    ]
    # with an auxiliary it is an event: a flow
    assert triples(run("Some 3,000 people were displaced by the fighting last week.")) == [
        (3000, "about", "displaced")
    ]


def test_the_state_people_were_left_in_is_a_stock() -> None:
    assert triples(run("The fighting has left 40,000 people displaced in the valley.")) == [
        (40000, "exact", "idps")
    ]


def test_a_bare_number_governed_by_a_verb_of_flight_or_detention_counts_people() -> None:
    assert triples(run("The fighting forced thousands to flee their homes.")) == [
        ("thousands", "vague", "displaced")
    ]
    assert triples(run("(3,120) are currently under detention.")) == [(3120, "exact", "people_detained")]


def test_an_event_named_by_a_noun_is_no_predicate() -> None:
    assert run("Of the sites, 245 (63%) displacement sites reported no latrines.") == []


def test_a_head_noun_naming_people_by_its_ending_counts_people() -> None:
    assert triples(run("Twelve miners were killed when the shelling hit the site.")) == [
        (12, "exact", "people_killed")
    ]
    assert triples(run("The strike killed 14 students and wounded 30 teachers.")) == [
        (14, "exact", "people_killed"),
        (30, "exact", "people_injured"),
    ]
    found = person_noun_after("nine local journalists", 4)
    assert found is not None and found[0] == "people"
    # things with those endings, and animals, are not people
    assert run("Forty generators were damaged.") == []
    assert run("The floods killed 200 cattle.") == []


def test_staff_are_health_workers_near_a_medical_body_and_aid_workers_elsewhere() -> None:
    assert triples(run("The clinic was shelled on Monday. Six staff members were killed.")) == [
        (6, "exact", "health_workers_killed")
    ]
    # (in a humanitarian report, staff with no medical body near are an agency's: aid workers)
    assert triples(run("The convoy was shelled on Monday. Six staff members were killed.")) == [
        (6, "exact", "aid_workers_killed")
    ]
