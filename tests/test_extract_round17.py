"""Round 17 (issue 14): the area and period of a draft, in sentences written for these tests."""

from __future__ import annotations

from hfig.core.model import AreaPrecision
from hfig.extract import DraftClaim
from tests.test_extract import run


def _by_value(text: str, **kw: str) -> dict[float | str, DraftClaim]:
    return {d.value: d for d in run(text, **kw)}


def test_a_paragraph_with_no_place_takes_the_country_the_text_is_about() -> None:
    text = (
        "Shelling hit a market in Kharkiv on Monday, officials in Ukraine said. Power was cut.\n\n"
        "The ministry said 14 civilians were killed overnight."
    )
    d = _by_value(text)[14]
    assert d.area is not None
    assert d.area.name == "Ukraine"
    assert d.area.pcodes == ("UA",)
    assert d.area.precision is AreaPrecision.INFERRED
    # the reviewer sees that it was guessed, and from what
    why = dict(d.inferred)
    assert "the text is about" in why["area"]


def test_the_country_as_the_text_writes_it_not_the_gazetteer_name() -> None:
    text = "Fighting spread across Syria this spring.\n\nLocal medics said 23 people were killed in clashes."
    d = _by_value(text)[23]
    assert d.area is not None and d.area.name == "Syria"


def test_no_country_guessed_when_the_text_never_writes_one() -> None:
    # Kharkiv is in Ukraine, but the text never writes the country's name: nothing to quote
    text = "Shelling hit Kharkiv on Monday. Power was cut.\n\nThe ministry said 14 civilians were killed."
    assert _by_value(text)[14].area is None


def test_no_country_guessed_over_a_place_the_gazetteer_lacks() -> None:
    # the sentence names its own place (one the gazetteer does not know): the country would hide it
    text = (
        "The war in Ukraine entered its third year. Talks have stalled.\n\n"
        "Nine fighters were killed near Redvale, the army said."
    )
    assert _by_value(text)[9].area is None


def test_the_paragraph_place_still_comes_first() -> None:
    text = (
        "The war in Ukraine entered its third year.\n\n"
        "Drones struck Odesa overnight. Rescuers said 6 people were killed."
    )
    d = _by_value(text)[6]
    assert d.area is not None and d.area.name == "Odesa"


def test_wire_copy_a_one_sentence_paragraph_gives_its_place_to_the_next() -> None:
    text = (
        "Artillery fire hit the centre of Odesa late on Tuesday, the regional governor said.\n\n"
        "Rescuers said 7 people were killed and 19 wounded."
    )
    drafts = _by_value(text)
    for value in (7, 19):
        area = drafts[value].area
        assert area is not None and area.name == "Odesa" and area.precision is AreaPrecision.INFERRED


def test_a_longer_paragraph_does_not_give_its_place_to_the_next() -> None:
    # (the labelling guide's rule: an area is inferred within the paragraph; wire copy is the exception)
    text = (
        "Artillery fire hit the centre of Odesa late on Tuesday. Power was cut in several districts.\n\n"
        "Rescuers said 7 people were killed and 19 wounded."
    )
    assert _by_value(text)[7].area is None


def test_a_flow_with_no_period_takes_the_period_of_the_sentence_before_in_its_paragraph() -> None:
    # another source, not the one carried over: the period still carries (said so under inferred)
    text = (
        "Between 1 and 7 March, 40 civilians were killed in Odesa, OHCHR said. "
        "A further 95 were injured, according to local medics."
    )
    d = _by_value(text, published="2024-03-20")[95]
    assert d.period is not None and d.period.as_written == "Between 1 and 7 March"
    assert str(d.period.start) == "2024-03-01" and str(d.period.end) == "2024-03-07"
    assert "carried from the sentence before" in dict(d.inferred)["period.start"]


def test_a_stock_takes_no_carried_period() -> None:
    text = "Between 1 and 7 March, 40 civilians were killed in Odesa. Some 3,000 people remain displaced."
    d = _by_value(text, published="2024-03-20")[3000]
    assert d.metric == "idps" and d.period is None


_STORY = (
    "Air strikes hit a market in Ariha on Monday, killing 9 people, rescuers said. Several shops burned.\n\n"
    "The monitoring group said 14 others were wounded in the strikes. Rescue work went on overnight.\n\n"
    "More than 2,000 people have been killed in the province, the group says."
)


def test_a_dated_event_carries_into_the_next_paragraph_toll() -> None:
    d = _by_value(_STORY, published="2024-03-20")[14]
    assert d.period is not None and d.period.as_written == "on Monday"
    assert str(d.period.start) == str(d.period.end) == "2024-03-18"
    assert "carried from an earlier paragraph" in dict(d.inferred)["period.start"]


def test_a_running_total_in_a_later_paragraph_takes_no_event_date() -> None:
    assert _by_value(_STORY, published="2024-03-20")[2000].period is None


def test_as_of_a_date_is_when_the_figures_stand() -> None:
    text = "As of 20 January, more than 8,400 people had fled to Chad, the agency said."
    d = _by_value(text, published="2024-01-25")[8400]
    assert str(d.as_of) == "2024-01-20"
    assert "As of 20 January" in dict(d.inferred)["as_of"]


def test_as_of_a_date_in_a_text_known_to_the_month() -> None:
    # a text of "2018-06" may be of 30 June: "as of June 19" is that June, not the year before
    text = "Clashes have killed at least 212 people as of June 19, the commission said."
    d = _by_value(text, published="2018-06")[212]
    assert str(d.as_of) == "2018-06-19"


def test_said_on_a_day_still_comes_before_as_of() -> None:
    text = "As of 20 January, more than 8,400 people had fled to Chad, the agency said on Tuesday."
    d = _by_value(text, published="2024-01-25")[8400]
    assert str(d.as_of) == "2024-01-23"


def test_since_the_war_began_takes_the_start_the_text_dates_elsewhere() -> None:
    text = (
        "Shelling has hit the capital every day since 15 April, residents said.\n\n"
        "Since the war began, at least 1,200 civilians have been killed, according to a medical union."
    )
    d = _by_value(text, published="2023-05-20")[1200]
    assert d.period is not None and str(d.period.start) == "2023-04-15" and d.period.end is None
    assert "the text dates that start elsewhere" in dict(d.inferred)["period.start"]


def test_since_the_war_began_with_no_date_in_the_text_stays_undated() -> None:
    text = "Since the war began, at least 1,200 civilians have been killed, according to a medical union."
    d = _by_value(text, published="2023-05-20")[1200]
    assert d.period is None


def test_so_far_in_the_publication_year_runs_to_the_report() -> None:
    text = "So far in 2024, 31 aid workers have been killed, the agency said."
    d = _by_value(text, published="2024-06-10")[31]
    assert d.period is not None and str(d.period.start) == "2024" and d.period.end is None


def test_a_past_year_or_a_year_without_so_far_stays_closed() -> None:
    d = _by_value("In 2023, 31 aid workers were killed, the agency said.", published="2024-06-10")[31]
    assert d.period is not None and str(d.period.end) == "2023"
    d = _by_value("31 aid workers have been killed in 2024, the agency said.", published="2024-06-10")[31]
    assert d.period is not None and str(d.period.end) == "2024"


_LIBYA = "The war in Libya has entered a new phase. Talks have stalled.\n\n"


def test_a_place_the_gazetteer_lacks_is_the_area_as_written_with_the_country_code() -> None:
    d = _by_value(_LIBYA + "Clashes in Tripoli killed 14 people on Monday, the ministry said.")[14]
    assert d.area is not None and d.area.name == "Tripoli"
    assert d.area.pcodes == ("LY",) and d.area.precision is AreaPrecision.PARTIAL
    assert "not in the gazetteer" in dict(d.inferred)["area"]  # the reviewer is told to check it


def test_near_a_place_or_where_someone_spoke_is_not_the_area() -> None:
    text = _LIBYA + "Officials told reporters in Geneva that 40 people were injured near Wadi Sawfajjin."
    assert _by_value(text)[40].area is None


def test_a_demonym_after_in_is_no_place() -> None:
    d = _by_value(_LIBYA + "Nine people were killed in Russian strikes overnight, the ministry said.")[9]
    assert d.area is not None and d.area.name == "Libya"  # the country the text is about, not "Russian"


def test_a_place_the_gazetteer_lacks_named_earlier_in_the_paragraph() -> None:
    text = _LIBYA + "Clashes broke out in Tripoli on Monday. The ministry said 14 people were killed."
    d = _by_value(text)[14]
    assert d.area is not None and d.area.name == "Tripoli" and d.area.precision is AreaPrecision.INFERRED
    assert "the text before it names" in dict(d.inferred)["area"]


def test_a_place_of_origin_the_gazetteer_lacks_is_the_area() -> None:
    # (the labelling guide: people who left a place are counted against it)
    d = _by_value(_LIBYA + "Some 2,000 families have fled from Tarhuna since Sunday, the agency said.")[2000]
    assert d.area is not None and d.area.name == "Tarhuna" and d.area.pcodes == ("LY",)


def test_a_period_that_began_after_the_figure_was_said_is_not_carried() -> None:
    # the sentence before is about Saturday 12 April; the figure was said on 2 April, so it cannot
    # count that Saturday (the loader would refuse the draft: as_of before the period starts)
    text = (
        "Crowds marched again on Saturday in the capital of Ukraine.\n"
        "The monitor said on 2 April that 15 people had been killed in the first week of clashes."
    )
    d = _by_value(text, published="2025-04-14")[15]
    assert d.as_of is not None and d.as_of.text == "2025-04-02"
    assert d.period is None or d.period.start is None or d.period.start.earliest <= d.as_of.latest


def test_the_period_of_the_sentence_before_is_carried_when_it_can_be_the_figures() -> None:
    text = (
        "Crowds marched again on Saturday in the capital of Ukraine.\n"
        "The monitor said 15 people had been killed."
    )
    d = _by_value(text, published="2025-04-14")[15]
    assert d.period is not None and d.period.start is not None
    assert d.period.start.text == "2025-04-12"
