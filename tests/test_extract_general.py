"""General wordings of report figures, found while reading the misses of all 120 real texts.

Each rule is a way UN, NGO, monitor and media reports state figures, not one
text's wording; each test uses sentences written for it. No sentence here is
copied from a report.
"""

from __future__ import annotations

from hfig.extract.text import paragraphs
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


# --- numbers and qualifiers ------------------------------------------------------------------


def test_a_dashed_range_after_from_is_a_range() -> None:
    d = one("Local officials give anywhere from 2,000-2,500 civilian deaths in the city.")
    assert (d.value, d.value_max, d.qualifier.value, d.metric) == (2000, 2500, "between", "civilians_killed")
    # "from X to Y" is still a change, not a range: two counts of one metric, the first earlier
    drafts = run("The toll rose from 30 to 45 killed.")
    assert triples(drafts) == [(30, "exact", "people_killed"), (45, "exact", "people_killed")]
    assert [d.value_max for d in drafts] == [None, None]


def test_an_adverb_between_a_number_and_its_verb() -> None:
    d = one("The county commissioner gave a list of at least 140 allegedly killed.")
    assert (d.value, d.qualifier.value, d.metric) == (140, "at_least", "people_killed")


# --- who was harmed, and where people went ---------------------------------------------------


def test_an_aid_agencys_own_staff_are_aid_workers() -> None:
    assert one("The agency said 31 members of its staff have been killed since the war began.").metric == (
        "aid_workers_killed"
    )
    drafts = run("The strike killed 12 people, including four employees of the UN refugee agency.")
    assert [(d.value, d.metric) for d in drafts] == [(12, "people_killed"), (4, "aid_workers_killed")]


def test_forced_to_escape_is_displacement() -> None:
    d = one("The assault forced some 3,100 residents to escape the town.")
    assert (d.value, d.qualifier.value, d.metric) == (3100, "about", "displaced")
    assert run("Two nurses escaped injury when the clinic was shelled.") == []


def test_fled_a_place_to_a_country_crossed_a_border() -> None:
    d = one("Last year about 40,000 villagers fled Darfur to Chad.")
    assert (d.value, d.metric) == (40000, "fled_abroad")
    assert one("About 40,000 villagers fled Darfur to El Fasher.").metric == "displaced"


# --- claimants -------------------------------------------------------------------------------


def test_according_to_a_report_of_a_body() -> None:
    d = one(
        "According to the latest monthly report of the Office of the High Commissioner for Human Rights, "
        "shelling caused 75 civilian deaths.",
        publisher="BBC",
    )
    assert (d.claimant, d.claimant_how) == ("ohchr", "named")


def test_data_collected_by_a_body_and_a_body_that_reveals() -> None:
    d = one("Data collected by OCHA reveals that 2,300 people fled the district in May.", publisher="BBC")
    assert d.claimant == "ocha"
    assert one("OCHA reveals that 2,300 people fled the district.", publisher="BBC").claimant == "ocha"


def test_un_before_a_bodys_name_is_part_of_the_name() -> None:
    d = one(
        "The UN Office of the High Commissioner for Human Rights said 90 civilians were killed.",
        publisher="BBC",
    )
    assert d.claimant == "ohchr"
    assert one("The UN said 90 civilians were killed.", publisher="BBC").claimant == "un"


def test_a_long_acronym_written_as_a_word() -> None:
    d = one("The monitoring group Acled said more than 900 people were killed in July.", publisher="BBC")
    assert d.claimant == "acled"
    assert one("Unicef said 12 children were killed.", publisher="BBC").claimant == "unicef"
    # a three-letter acronym is not read in title case: "Who" is a pronoun
    assert one("Who said 12 children were killed?", publisher="BBC").claimant != "who"


def test_a_un_body_written_with_u_n() -> None:
    d = one(
        "Some 40,000 people have fled, a spokesman for the U.N. Mission in South Sudan said.", publisher="BBC"
    )
    assert d.claimant == "un"
    text = "The U.N. Office for the Coordination of Humanitarian Affairs said 300 people fled."
    d = one(text, publisher="BBC")
    assert d.claimant == "ocha"


def test_close_to_and_closer_to_are_about() -> None:
    d = one("Monitors put civilian casualties closer to 2,700 across the province.")
    assert (d.qualifier.value, d.metric) == ("about", "civilian_casualties")


# --- refugees and borders --------------------------------------------------------------------


def test_refugees_present_in_a_country_are_a_stock() -> None:
    assert triples(run("Uganda is hosting 420,000 Congolese refugees.")) == [(420000, "exact", "refugees")]
    assert triples(run("There are now 31,000 refugees in Rwanda.")) == [(31000, "exact", "refugees")]
    # a demonym before a noun is an adjective: the noun is counted
    assert one("Shelling killed 12 Palestinian children.").metric == "children_killed"


def test_refugees_who_crossed_from_a_place_and_people_pushed_across() -> None:
    assert one("About 6,500 refugees have crossed from South Kivu since 3 May.").metric == "fled_abroad"
    d = one("The clashes pushed some 20,000 people into Burundi.")
    assert (d.value, d.metric) == (20000, "fled_abroad")


# --- facilities ------------------------------------------------------------------------------


def test_facilities_forced_to_close_or_shut_down_are_out_of_service() -> None:
    assert one("Fourteen clinics have been forced to close by the fighting.").metric == (
        "health_facilities_out_of_service"
    )
    assert one("Six hospitals were shut down last week.").metric == "health_facilities_out_of_service"


def test_exterminated_is_killed() -> None:
    assert one("The militants exterminated dozens of villagers.").metric == "civilians_killed"


# --- text as converters write it -------------------------------------------------------------


def test_a_blank_line_inside_a_sentence_is_a_wrap_not_a_paragraph() -> None:
    text = (
        "Raids in the north have left dozens of villagers dead and forced thousands\n\n"
        "to flee their homes, Human Rights Watch said on Friday."
    )
    drafts = run(text, publisher="AFP")
    assert [(d.value, d.metric, d.claimant) for d in drafts] == [
        ("dozens", "civilians_killed", "hrw"),
        ("thousands", "displaced", "hrw"),
    ]
    # a real paragraph break still separates
    text = "Raids left 12 villagers dead, HRW said.\n\nIn the south, 40 people fled their homes."
    assert len(paragraphs(text)) == 2
    assert len(paragraphs("Raids left 12 villagers dead and\n\nforced 40 people to flee.")) == 1


def test_a_bounded_year_like_number_is_a_count() -> None:
    drafts = run("The militia has killed hundreds of villagers and abducted at least 2000 since 2014.")
    assert [(d.value, d.qualifier.value, d.metric) for d in drafts] == [
        ("hundreds", "vague", "civilians_killed"),
        (2000, "at_least", "people_detained"),
    ]
    assert run("Since 2015, the group has operated in the north.") == []


def test_murdered_is_killed_and_cases_of_detention_are_people_detained() -> None:
    assert one("Scores of villagers have been murdered since June.").metric == "civilians_killed"
    d = one("The monitors documented 145 cases of arbitrary detention in the occupied districts.")
    assert (d.value, d.metric) == (145, "people_detained")


# --- attacks on health care ------------------------------------------------------------------


def test_a_toll_in_such_attacks_in_a_text_about_attacks_on_health_care() -> None:
    text = (
        "WHO has verified 40 attacks on health care in the south since June. "
        "There have been 61 deaths and 95 injured in such attacks, WHO said."
    )
    drafts = run(text, publisher="BBC")
    assert [(d.value, d.metric) for d in drafts] == [
        (40, "health_attacks"),
        (61, "health_attack_deaths"),
        (95, "health_attack_injuries"),
    ]
    # in a text that has not spoken of attacks on health care, "such attacks" are any attacks
    assert one("There have been 61 deaths in such attacks, the army said.").metric == "people_killed"


# --- numbers that are not figures ------------------------------------------------------------


def test_hunger_related_deaths_are_not_deaths_from_violence() -> None:
    assert run("Some 90 hunger-related deaths have been recorded in the district.") == []
    drafts = run("Shelling caused 40 deaths and 12 hunger-related deaths were recorded.")
    assert [(d.value, d.metric) for d in drafts] == [(40, "people_killed")]


def test_planning_figures_of_an_appeal_are_not_counts() -> None:
    assert run("The appeal covers the needs of 250,000 internally displaced people in the east.") == []
    assert run("The agency aims to reach 1.2 million people displaced by the floods and fighting.") == []


def test_both_ages_of_aged_seven_and_14() -> None:
    drafts = run("Two girls were killed, the agency said, adding they were aged nine and 15.")
    assert [(d.value, d.metric) for d in drafts] == [(2, "children_killed")]


def test_security_forces_are_combatants() -> None:
    d = one("At least 35 security forces were killed in the assault on the town.")
    assert (d.value, d.qualifier.value, d.metric) == (35, "at_least", "combatants_killed")


def test_people_who_left_because_of_violence_were_displaced() -> None:
    assert one("Some 60,000 people left due to the violence in the county.").metric == "displaced"


def test_a_whole_with_a_verb_of_its_own_after_most_of_the() -> None:
    d = one("Most of the 4,000 people who have crossed into Chad this week are women.")
    assert (d.value, d.metric) == (4000, "fled_abroad")
    # the whole of a share whose verb is the part's is still not a figure
    assert run("Two-thirds of the 3 million residents have been displaced.") == []


def test_a_speaker_named_after_with_whom_they_speak_for() -> None:
    text = "A car bomb killed 14 people and wounded 30, a spokesman for the provincial police chief said."
    drafts = run(text, publisher="AP")
    assert [(d.value, d.claimant, d.claimant_how) for d in drafts] == [
        (14, None, "unknown"),
        (30, None, "unknown"),
    ]
    # a registry body after "a spokesman for" is still named
    d = one("At least 40 people were killed, a spokesman for OCHA said.", publisher="AP")
    assert d.claimant == "ocha"


def test_who_died_as_an_adjective_before_deaths() -> None:
    assert one("The strikes caused 45 militant deaths in the valley.").metric == "combatants_killed"
    assert one("Monitors recorded 12 child deaths in the camp.").metric == "children_killed"
    assert one("The strikes caused 30 deaths.").metric == "people_killed"


def test_a_sentence_that_opens_with_a_count_is_its_label_across_asides() -> None:
    text = (
        "The number of people displaced since January, which the agency has tracked with its partners, "
        "has reached 45,000."
    )
    d = one(text)
    assert (d.value, d.metric) == (45000, "displaced")


def test_people_identified_as_displaced_by_an_assessment_are_a_stock() -> None:
    text = "In the assessment between May and July, 61,000 people were identified as internally displaced."
    assert one(text).metric == "idps"


def test_a_role_holder_named_after_the_body_speaks_for_it_by_name() -> None:
    text = (
        "The figures were presented by the head of the Office of the High Commissioner for Human Rights, "
        "Jane Doe, in Geneva.\n\n"
        '"We have verified that 640 civilians were killed," Doe said.'
    )
    d = one(text, publisher="AP")
    assert (d.claimant, d.claimant_how) == ("ohchr", "named")


def test_a_quotation_of_several_sentences_is_its_speakers() -> None:
    text = (
        "The head of the UN Human Rights Office, Jane Doe, spoke on Monday.\n\n"
        '"We have documented that 5,200 people have died. Among the dead are 310 children. '
        'The actual numbers are much higher," Doe said.'
    )
    drafts = run(text, publisher="AP")
    assert [(d.value, d.claimant, d.claimant_how) for d in drafts] == [
        (5200, "ohchr", "named after"),
        (310, "ohchr", "named after"),
    ]
    assert "quotation" in dict(drafts[0].inferred)["claimant"]
    # a speaker outside the registry after the closing mark is still a speaker, not the publisher
    d = one('"Since Monday, 48 people have died," Smith said.', publisher="AP")
    assert (d.claimant, d.claimant_how) == (None, "unknown")


def test_states_as_a_noun_and_reported_as_a_passive_name_no_speaker() -> None:
    text = "Khartoum and Gezira states were the worst hit, with 210 people reported killed in Khartoum."
    d = one(text, publisher="AP")
    assert (d.claimant, d.claimant_how) == ("ap", "publisher")


def test_the_organization_is_the_last_body_named_that_is_not_an_armed_party() -> None:
    text = (
        "The monitoring group ACLED said fighting between the army and the RSF has killed more than "
        "20,000 people.\n\n"
        "Since July, the organization recorded over 1,100 deaths."
    )
    drafts = run(text, publisher="AP")
    assert [(d.value, d.claimant) for d in drafts] == [(20000, "acled"), (1100, "acled")]


def test_a_body_then_a_role_then_a_person_who_speaks_by_name_later() -> None:
    text = (
        "World Health Organization (WHO) spokesman Jan Novak said 18 attacks on health care were recorded. "
        "Novak noted that 40 hospitals have been forced to close."
    )
    drafts = run(text, publisher="AP")
    assert [(d.value, d.claimant) for d in drafts] == [(18, "who"), (40, "who")]


def test_a_war_monitor_is_the_one_monitor_the_text_names() -> None:
    text = (
        "Five civilians were killed by shelling on Sunday in Idlib, a war monitor said.\n\n"
        "The strikes also wounded 12 others, the Syrian Observatory for Human Rights said."
    )
    drafts = run(text, publisher="AFP")
    assert [(d.value, d.claimant, d.claimant_how) for d in drafts] == [
        (5, "sohr", "anaphor"),
        (12, "sohr", "named"),
    ]
    # with no monitor named, a war monitor stays unknown
    assert one("Five civilians were killed in Idlib, a war monitor said.", publisher="AFP").claimant is None


def test_a_misspelt_acronym_next_to_the_body_it_misspells() -> None:
    text = "According to OHCHR monitoring, OCHR confirmed incidents in which 52 civilians were killed."
    d = one(text, publisher="AP")
    assert d.claimant == "ohchr"
    # an acronym far from every registry name stays unknown
    assert one("XYZQ confirmed that 52 civilians were killed.", publisher="AP").claimant is None


def test_a_family_name_with_a_particle_speaks_by_name_later() -> None:
    text = (
        "According to Ashraf al-Rahim, spokesman for the Gaza Health Ministry, 30 people were killed.\n\n"
        "Al-Rahim added that 44 health workers had been killed in Gaza."
    )
    drafts = run(text, publisher="AP")
    assert [(d.value, d.claimant) for d in drafts] == [(30, "gaza_moh"), (44, "gaza_moh")]


def test_a_lowercase_kind_before_a_role_and_a_name() -> None:
    text = (
        "At least 300 people have been killed, the health ministry in Gaza said on Thursday.\n\n"
        "Of the toll, 120 were children, ministry spokesman Ashraf al-Rahim told reporters.\n\n"
        "Al-Rahim added that 14 health workers had been killed."
    )
    drafts = run(text, publisher="AP")
    assert [(d.value, d.claimant) for d in drafts] == [(300, "gaza_moh"), (120, "gaza_moh"), (14, "gaza_moh")]


def test_a_bodys_role_holder_with_a_possessive_and_a_place() -> None:
    text = (
        "Save the Children's director for the occupied territory Jan Novak told reporters the situation "
        "was dire.\n\n"
        "Novak said that 2,000 children had been killed."
    )
    d = one(text, publisher="AP")
    assert d.claimant == "save_the_children"


def test_victims_are_people() -> None:
    assert one("The car bomb killed 23 victims in the market.").metric == "people_killed"
    assert one("Rescuers said 12 victims were injured.", publisher="AP").metric == "people_injured"


def test_a_bound_after_the_number_before_its_noun() -> None:
    drafts = run("12 or more people were killed and 30 wounded.")
    assert triples(drafts) == [(12, "at_least", "people_killed"), (30, "exact", "people_injured")]


def test_victims_in_a_breakdown_are_of_the_group_before_them() -> None:
    drafts = run("The monitor documented 92 civilians killed, including 19 children and six victims.")
    assert [(d.value, d.metric, d.subset) for d in drafts] == [
        (92, "civilians_killed", None),
        (19, "children_killed", None),
        (6, "civilians_killed", "victims"),
    ]
