"""Round 15: one sentence of our own for each general rule of docs/extract-labelling.md.

    python benchmarks/extract_guide_probes.py        # every probe that hfig extract drafts otherwise

Each probe is a sentence written for it (none is third-party text) with the drafts the labelling
guide's general rules ("What is in scope" to "Counts", and "Hard cases") would give it, as
"value qualifier metric [subset] @claimant" ("@*": any claimant). The expectations are one reader's
application of the guide, not labels; docs/extract.md (round 15) tabulates them. Publisher "Test
Wire", a media claimant added for the run, published 2024-03-10.
"""

from __future__ import annotations

from hfig.cli.context import load_data
from hfig.core.dataset import DataSet
from hfig.core.dates import parse_fuzzy_date
from hfig.core.model import Claimant, ClaimantKind
from hfig.extract import extract

ds = load_data(None)
cl = dict(ds.claimants)
cl["test_wire"] = Claimant("test_wire", "Test Wire", ClaimantKind.MEDIA)
ds = DataSet(ds.metrics, cl, ds.gazetteer)


def run(text: str, publisher: str = "Test Wire") -> list[str]:
    """The drafts of one sentence, as "value qualifier metric [subset] @claimant"."""
    out = []
    for d in extract(
        text,
        metrics=ds.metrics,
        claimants=ds.claimants,
        gazetteer=ds.gazetteer,
        published=parse_fuzzy_date("2024-03-10"),
        publisher=publisher,
        all_metrics=False,
    ):
        v = d.value if isinstance(d.value, str) else (int(d.value) if d.value == int(d.value) else d.value)
        s = f"{v}{'-' + str(int(d.value_max)) if d.value_max else ''} {d.qualifier.value} {d.metric}"
        if d.subset:
            s += f" [{d.subset}]"
        s += f" @{d.claimant}"
        out.append(s)
    return out


def match(got: list[str], exp: list[str]) -> bool:
    if len(got) != len(exp):
        return False
    for g, e in zip(sorted(got), sorted(exp), strict=True):
        if e.endswith("@*"):
            if g.rsplit(" @", 1)[0] != e[:-2].rstrip():
                return False
        elif g != e:
            return False
    return True


P = [
    # scope
    (
        "S1 people in need out",
        "Some 2.3 million people are in need of assistance in the province, OCHA said.",
        [],
    ),
    ("S1b at risk of hunger out", "Nearly 700,000 people are at risk of starvation, the UN said.", []),
    (
        "S2 service volumes out",
        "Our teams carried out 1,200 consultations and 85 surgeries last week, MSF said.",
        [],
    ),
    ("S2b patients treated out", "The clinic treated 430 patients in March, WHO said.", []),
    ("S3 population out", "The town, home to 45,000 residents, was shelled on Monday.", []),
    ("S4 ordinals out", "It was the 40th attack on the hospital this year, WHO said.", []),
    (
        "S4b durations out",
        "The shelling lasted 11 days and killed 23 civilians, OCHA said.",
        ["23 exact civilians_killed @ocha"],
    ),
    ("S5 percentages out", "Some 80 percent of the displaced are women and children, UNHCR said.", []),
    (
        "S6 projections out",
        "As many as 250,000 people could be displaced if the fighting continues, the UN warned.",
        [],
    ),
    (
        "S6b initial estimate",
        "An initial estimate of 100,000 people are set to arrive in Chad, UNHCR said.",
        [],
    ),
    (
        "S7 sentences passed out",
        "A court sentenced 14 protesters to death on Tuesday, Amnesty International said.",
        [],
    ),
    ("S7b releases out", "The authorities released 320 prisoners under an amnesty, the UN said.", []),
    (
        "S8 incidents out",
        "The mission recorded 606 incidents of civilian harm in the period, OHCHR said.",
        [],
    ),
    (
        "S8b civilian properties out",
        "The strikes destroyed 75 civilian properties in the district, OCHA said.",
        [],
    ),
    ("S9 global out", "Last year 280 aid workers were killed worldwide, the UN said.", []),
    ("S10 article not a figure", "A child was killed in the strike, OCHA said.", []),
    (
        "S10b word one is a figure",
        "One child was killed in the strike, OCHA said.",
        ["1 exact children_killed @ocha"],
    ),
    # values
    (
        "V1 space separator",
        "The fighting displaced 200 000 people, IOM said.",
        ["200000 exact displaced @iom"],
    ),
    ("V1b scale", "The war has displaced 5.9mn people, the UN said.", ["5900000 exact displaced @un"]),
    ("V1c word number", "Nineteen civilians were killed, OCHA said.", ["19 exact civilians_killed @ocha"]),
    (
        "V1d half a million",
        "Half a million people have fled to Chad, UNHCR said.",
        ["500000 exact fled_abroad @unhcr"],
    ),
    ("V1e dozen", "A dozen civilians were wounded, OCHA said.", ["12 exact civilians_injured @ocha"]),
    (
        "V1f bracket",
        "The ministry said (5,120) people were killed, OCHA reported.",
        ["5120 exact people_killed @*"],
    ),
    (
        "V2 vague several dozens",
        "Several dozens of civilians were killed, OCHA said.",
        ["dozens vague civilians_killed @ocha"],
    ),
    ("V2b many not a number", "Many civilians were killed, OCHA said.", []),
    (
        "V2c tens of thousands",
        "Tens of thousands of people have fled their homes, the UN said.",
        ["tens_of_thousands vague displaced @un"],
    ),
    # qualifiers
    (
        "Q reportedly exact",
        "Reportedly 42 civilians were killed, OCHA said.",
        ["42 exact civilians_killed @ocha"],
    ),
    ("Q about", "Roughly 3,000 people were displaced, IOM said.", ["3000 about displaced @iom"]),
    (
        "Q about estimated",
        "An estimated 3,000 people were displaced, IOM said.",
        ["3000 about displaced @iom"],
    ),
    (
        "Q about approaching",
        "Approaching 3,000 people were displaced, IOM said.",
        ["3000 about displaced @iom"],
    ),
    (
        "Q more_than topped",
        "The death toll topped 500, the ministry of health said, according to OCHA.",
        ["500 more_than people_killed @*"],
    ),
    (
        "Q more_than exceeded",
        "The number of people killed exceeded 500, OCHA said.",
        ["500 more_than people_killed @ocha"],
    ),
    (
        "Q more_than upwards",
        "Upwards of 500 people were killed, OCHA said.",
        ["500 more_than people_killed @ocha"],
    ),
    (
        "Q at_least no less than",
        "No less than 40 civilians were killed, OCHA said.",
        ["40 at_least civilians_killed @ocha"],
    ),
    (
        "Q at_least minimum",
        "A minimum of 40 civilians were killed, OCHA said.",
        ["40 at_least civilians_killed @ocha"],
    ),
    ("Q at_least plus", "30+ civilians were killed, OCHA said.", ["30 at_least civilians_killed @ocha"]),
    (
        "Q up_to as many as",
        "As many as 70 civilians were killed, OCHA said.",
        ["70 up_to civilians_killed @ocha"],
    ),
    ("Q up_to at most", "At most 70 civilians were killed, OCHA said.", ["70 up_to civilians_killed @ocha"]),
    (
        "Q less_than fewer",
        "Fewer than 70 civilians were killed, OCHA said.",
        ["70 less_than civilians_killed @ocha"],
    ),
    (
        "Q less_than under",
        "Under 70 civilians were killed, OCHA said.",
        ["70 less_than civilians_killed @ocha"],
    ),
    (
        "Q between",
        "Between 20 and 30 civilians were killed, OCHA said.",
        ["20-30 between civilians_killed @ocha"],
    ),
    ("Q between dash", "20-30 civilians were killed, OCHA said.", ["20-30 between civilians_killed @ocha"]),
    (
        "Q estimates that exact",
        "UNHCR estimates that 6,552,118 people have fled Ukraine.",
        ["6552118 exact fled_abroad @unhcr"],
    ),
    (
        "Q estimated range",
        "An estimated 10,000 to 20,000 people were displaced, IOM said.",
        ["10000-20000 between displaced @iom"],
    ),
    (
        "Q nearly a dozen",
        "Nearly a dozen civilians were killed, OCHA said.",
        ["12 about civilians_killed @ocha"],
    ),
    (
        "Q more than a dozen",
        "More than a dozen civilians were killed, OCHA said.",
        ["12 more_than civilians_killed @ocha"],
    ),
    (
        "Q closer word",
        "At least some 300 civilians were killed, OCHA said.",
        ["300 about civilians_killed @ocha"],
    ),
    ("Q near to", "Near to 300 civilians were killed, OCHA said.", ["300 about civilians_killed @ocha"]),
    # metrics: killed
    (
        "M1 lost their lives",
        "At least 12 people lost their lives in the shelling, OCHA said.",
        ["12 at_least people_killed @ocha"],
    ),
    ("M1b fatalities", "The strike caused 14 fatalities, OCHA said.", ["14 exact people_killed @ocha"]),
    ("M1c death toll", "The death toll has risen to 87, OCHA said.", ["87 exact people_killed @ocha"]),
    ("M1d died", "Seven people died in the attack, OCHA said.", ["7 exact people_killed @ocha"]),
    (
        "M2 villagers civilians",
        "Soldiers killed 17 villagers, the UN said.",
        ["17 exact civilians_killed @un"],
    ),
    (
        "M2b citizens civilians",
        "The shelling killed 9 citizens, OCHA said.",
        ["9 exact civilians_killed @ocha"],
    ),
    (
        "M2c troops combatants",
        "At least 40 troops were killed in the clashes, OCHA said.",
        ["40 at_least combatants_killed @ocha"],
    ),
    ("M2d militants combatants", "The army said it killed 35 militants.", ["35 exact combatants_killed @*"]),
    (
        "M2e fighters combatants",
        "Some 60 fighters died in the battle, OCHA said.",
        ["60 about combatants_killed @ocha"],
    ),
    (
        "M2f Palestinians people",
        "Israeli strikes killed 45 Palestinians, the UN said.",
        ["45 exact people_killed @un"],
    ),
    ("M2g victims people", "The attack left 30 victims dead, OCHA said.", ["30 exact people_killed @ocha"]),
    ("M2h women killed", "Six women were killed in the strike, OCHA said.", ["6 exact women_killed @ocha"]),
    ("M3 hurt", "Fourteen people were hurt in the blast, OCHA said.", ["14 exact people_injured @ocha"]),
    ("M3b injuries", "The shelling caused 40 injuries, OCHA said.", ["40 exact people_injured @ocha"]),
    (
        "M3c children wounded",
        "Eight children were wounded, UNICEF said.",
        ["8 exact children_injured @unicef"],
    ),
    (
        "M4 killed or injured",
        "Some 800 people were killed or injured, OCHA said.",
        ["800 about casualties @ocha"],
    ),
    ("M4b dead or wounded", "There were 120 dead or wounded, OCHA said.", ["120 exact casualties @ocha"]),
    (
        "M4c civilian casualties",
        "OHCHR recorded 1,200 civilian casualties in the month.",
        ["1200 exact civilian_casualties @ohchr"],
    ),
    (
        "M4d toll of casualties split",
        "OCHA recorded 90 casualties: 30 killed and 60 injured.",
        ["90 exact casualties @ocha", "30 exact people_killed @ocha", "60 exact people_injured @ocha"],
    ),
    (
        "M5 hospital wounded",
        "The hospital received 183 wounded patients overnight, MSF said.",
        ["183 exact people_injured @msf"],
    ),
    (
        "M5b died of injuries",
        "Five people later died of their injuries, MSF said.",
        ["5 exact people_killed @msf"],
    ),
    ("M5c dead on arrival", "Eleven people were dead on arrival, MSF said.", ["11 exact people_killed @msf"]),
    (
        "M6 attacks on health care",
        "WHO verified 52 attacks on health care this year.",
        ["52 exact health_attacks @who"],
    ),
    (
        "M6b attacks on hospitals",
        "WHO recorded 14 attacks on hospitals this year.",
        ["14 exact health_facility_attacks @who"],
    ),
    (
        "M6c facilities bombed",
        "Airstrikes hit 9 health facilities last month, WHO said.",
        ["9 exact health_facilities_attacked @who"],
    ),
    (
        "M6d facilities damaged",
        "Shelling damaged 23 health facilities, WHO said.",
        ["23 exact health_facilities_damaged @who"],
    ),
    (
        "M6e out of service",
        "Some 30 hospitals are out of service, WHO said.",
        ["30 about health_facilities_out_of_service @who"],
    ),
    (
        "M6e2 stopped working",
        "Some 30 hospitals have stopped working, WHO said.",
        ["30 about health_facilities_out_of_service @who"],
    ),
    (
        "M6f suspended operations",
        "Eight clinics suspended operations, WHO said.",
        ["8 exact health_facilities_suspended @who"],
    ),
    ("M6g ambulances", "WHO recorded 17 attacks on ambulances.", ["17 exact ambulance_attacks @who"]),
    (
        "M6h health attack deaths",
        "Attacks on health care have killed 12 people this year, WHO said.",
        ["12 exact health_attack_deaths @who"],
    ),
    ("M6i nurses killed", "Four nurses were killed, WHO said.", ["4 exact health_workers_killed @who"]),
    (
        "M6j paramedics injured",
        "Six paramedics were injured, WHO said.",
        ["6 exact health_workers_injured @who"],
    ),
    (
        "M6k medical staff killed",
        "At least 9 medical staff were killed, WHO said.",
        ["9 at_least health_workers_killed @who"],
    ),
    (
        "M7 humanitarian workers",
        "Three humanitarian workers were killed, OCHA said.",
        ["3 exact aid_workers_killed @ocha"],
    ),
    ("M7b UN personnel", "Two UN personnel were injured, OCHA said.", ["2 exact aid_workers_injured @ocha"]),
    (
        "M7c aid workers kidnapped",
        "Gunmen kidnapped five aid workers, OCHA said.",
        ["5 exact aid_workers_kidnapped @ocha"],
    ),
    (
        "M7d incidents affecting aid workers",
        "OCHA recorded 45 incidents affecting aid workers.",
        ["45 exact aid_worker_attacks @ocha"],
    ),
    (
        "M7e humanitarian staff killed",
        "Twelve humanitarian staff have been killed, OCHA said.",
        ["12 exact aid_workers_killed @ocha"],
    ),
    (
        "M8 schools destroyed",
        "The fighting destroyed 14 schools, UNICEF said.",
        ["14 exact schools_destroyed @unicef"],
    ),
    (
        "M8b schools damaged",
        "Some 40 schools were damaged, UNICEF said.",
        ["40 about schools_affected @unicef"],
    ),
    (
        "M8c schools affected",
        "At least 60 schools were affected, UNICEF said.",
        ["60 at_least schools_affected @unicef"],
    ),
    ("M8d schools shelled", "Nine schools were shelled, UNICEF said.", ["9 exact schools_attacked @unicef"]),
    (
        "M8e attacks on education",
        "UNICEF verified 31 attacks on education.",
        ["31 exact education_attacks @unicef"],
    ),
    (
        "M8f education institutions destroyed",
        "Twenty education institutions were destroyed, UNICEF said.",
        ["20 exact schools_destroyed @unicef"],
    ),
    (
        "M9 fled their homes flow",
        "Some 20,000 people fled their homes last week, IOM said.",
        ["20000 about displaced @iom"],
    ),
    (
        "M9b forced to flee",
        "Some 20,000 people were forced to flee, IOM said.",
        ["20000 about displaced @iom"],
    ),
    (
        "M9c newly displaced",
        "Some 20,000 people were newly displaced, IOM said.",
        ["20000 about displaced @iom"],
    ),
    (
        "M9d internally displaced since",
        "Some 20,000 people have been internally displaced since 15 January, IOM said.",
        ["20000 about displaced @iom"],
    ),
    ("M9e remain displaced", "Some 20,000 people remain displaced, IOM said.", ["20000 about idps @iom"]),
    (
        "M9f currently displaced",
        "Some 20,000 people are currently displaced, IOM said.",
        ["20000 about idps @iom"],
    ),
    (
        "M9g IDPs sheltering",
        "Some 20,000 IDPs are sheltering in schools, IOM said.",
        ["20000 about idps @iom"],
    ),
    ("M9h IDPs live in camps", "Some 20,000 IDPs live in camps, IOM said.", ["20000 about idps @iom"]),
    ("M9i IDPs hosted", "The district hosts 20,000 IDPs, IOM said.", ["20000 exact idps @iom"]),
    (
        "M9j crossed into neighbouring",
        "Some 20,000 people crossed into neighbouring countries, UNHCR said.",
        ["20000 about fled_abroad @unhcr"],
    ),
    (
        "M9k left the country",
        "Some 20,000 people left the country, UNHCR said.",
        ["20000 about fled_abroad @unhcr"],
    ),
    (
        "M9l arrived in Chad",
        "Some 20,000 people arrived in Chad, UNHCR said.",
        ["20000 about fled_abroad @unhcr"],
    ),
    (
        "M9m entered Chad",
        "Some 20,000 people entered Chad last month, UNHCR said.",
        ["20000 about fled_abroad @unhcr"],
    ),
    (
        "M9n refugees present",
        "Uganda hosts 60,000 refugees from the region, UNHCR said.",
        ["60000 exact refugees @unhcr"],
    ),
    (
        "M9n2 there are refugees",
        "There are 60,000 Sudanese refugees in Uganda, UNHCR said.",
        ["60000 exact refugees @unhcr"],
    ),
    ("M9o returned home", "Some 20,000 people returned home, IOM said.", ["20000 about returnees @iom"]),
    (
        "M9p refugees or IDPs",
        "Some 15 million people have been displaced as refugees or IDPs, the UN said.",
        ["15000000 about displaced @un"],
    ),
    (
        "M9q displaced over a period",
        "The fighting displaced 20,000 people in February, IOM said.",
        ["20000 exact displaced @iom"],
    ),
    (
        "M9r are displaced stock",
        "Some 20,000 people are displaced in the district, IOM said.",
        ["20000 about idps @iom"],
    ),
    (
        "M9s displaced persons living",
        "Some 20,000 displaced persons are living in the camp, IOM said.",
        ["20000 about idps @iom"],
    ),
    (
        "M10 arrested",
        "Police arrested 45 protesters, Amnesty International said.",
        ["45 exact people_detained @amnesty"],
    ),
    (
        "M10b taken hostage",
        "Some 240 people were taken hostage, the UN said.",
        ["240 about people_detained @un"],
    ),
    (
        "M10c currently in detention",
        "Some 20,000 people are currently in detention, the UN said.",
        ["20000 about people_detained @un"],
    ),
    ("M10d abducted", "Gunmen abducted 30 villagers, the UN said.", ["30 exact people_detained @un"]),
    (
        "M11 unaccounted for",
        "Some 40 people are unaccounted for, OCHA said.",
        ["40 about people_missing @ocha"],
    ),
    (
        "M11b under the rubble",
        "Some 40 people are under the rubble, OCHA said.",
        ["40 about people_missing @ocha"],
    ),
    (
        "M11c trapped",
        "Some 40 people are trapped under rubble, OCHA said.",
        ["40 about people_missing @ocha"],
    ),
    (
        "M12 houses destroyed",
        "The shelling destroyed 120 houses, OCHA said.",
        ["120 exact houses_destroyed @ocha"],
    ),
    ("M12b homes damaged", "Some 300 homes were damaged, OCHA said.", ["300 about houses_damaged @ocha"]),
    (
        "M12c homes damaged or destroyed",
        "Some 300 homes were damaged or destroyed, OCHA said.",
        ["300 about houses_damaged @ocha"],
    ),
    # breakdowns
    (
        "B1 including",
        "The strikes killed 1,402 civilians, including 201 children and 152 women, OCHA said.",
        [
            "1402 exact civilians_killed @ocha",
            "201 exact children_killed @ocha",
            "152 exact women_killed @ocha",
        ],
    ),
    (
        "B2 men subset",
        "The strikes killed 120 civilians: 71 men, 41 women and 8 boys, OCHA said.",
        [
            "120 exact civilians_killed @ocha",
            "71 exact civilians_killed [men] @ocha",
            "41 exact women_killed @ocha",
            "8 exact children_killed [boys] @ocha",
        ],
    ),
    (
        "B3 of these",
        "OCHA said 3,000 people were killed. Of these, 1,524 were children.",
        ["3000 exact people_killed @ocha", "1524 exact children_killed @ocha"],
    ),
    (
        "B4 women and children",
        "The raid killed 40 people, 25 of them women and children, OCHA said.",
        ["40 exact people_killed @ocha", "25 exact people_killed [women and children] @ocha"],
    ),
    (
        "B5 children injured breakdown",
        "The blast injured 60 people, including 14 children, OCHA said.",
        ["60 exact people_injured @ocha", "14 exact children_injured @ocha"],
    ),
    # claimants
    (
        "C1 according to after",
        "Some 30 civilians were killed, according to OHCHR.",
        ["30 about civilians_killed @ohchr"],
    ),
    (
        "C2 byline not claimant",
        "Some 30 civilians were killed in the attack (ILKHA).",
        ["30 about civilians_killed @test_wire"],
    ),
    (
        "C3 carried across paragraphs",
        "The UN said 30 civilians were killed on Monday.\n\nA further 12 were injured in the same attack.",
        ["30 exact civilians_killed @un", "12 exact civilians_injured @un"],
    ),
    (
        "C3b background not carried",
        "The UN said 30 civilians were killed on Monday.\n\n"
        "The war has killed tens of thousands of people since 2011.",
        ["30 exact civilians_killed @un", "tens_of_thousands vague people_killed @test_wire"],
    ),
    (
        "C3c in addition background",
        "UNHCR said 20,000 people crossed into Chad last week.\n\n"
        "This is in addition to the more than five million who left the country earlier.",
        ["20000 exact fled_abroad @unhcr", "5000000 more_than fled_abroad @test_wire"],
    ),
    (
        "C5 wire default",
        "Some 30 civilians were killed in the attack.",
        ["30 about civilians_killed @test_wire"],
    ),
    (
        "C6 unknown body null",
        "Some 30 civilians were killed, local medics said.",
        ["30 about civilians_killed @None"],
    ),
    (
        "C6b unknown named body",
        "Some 30 civilians were killed, the Karen Peace Support Network said.",
        ["30 about civilians_killed @None"],
    ),
    (
        "C7 UN Humanitarian Coordinator",
        "The UN Humanitarian Coordinator said 30 civilians were killed.",
        ["30 exact civilians_killed @un"],
    ),
    (
        "C7b UN humanitarian agency",
        "The UN humanitarian agency said 30 civilians were killed.",
        ["30 exact civilians_killed @ocha"],
    ),
    (
        "C7c UN human rights office",
        "The UN human rights office said 30 civilians were killed.",
        ["30 exact civilians_killed @ohchr"],
    ),
    (
        "C7d HRMMU",
        "The UN Human Rights Monitoring Mission in Ukraine said 30 civilians were killed.",
        ["30 exact civilians_killed @ohchr"],
    ),
    (
        "C7e UN refugee agency",
        "The UN refugee agency said 20,000 people crossed into Chad.",
        ["20000 exact fled_abroad @unhcr"],
    ),
    (
        "C7f Hamas-run health ministry",
        "The Hamas-run health ministry said 45 Palestinians were killed.",
        ["45 exact people_killed @gaza_moh"],
    ),
    (
        "C7g Israeli army",
        "The Israeli army said it killed 30 militants.",
        ["30 exact combatants_killed @israel_idf"],
    ),
    (
        "C7h Sudan MoH",
        "Sudan's Ministry of Health said 30 civilians were killed in Khartoum.",
        ["30 exact civilians_killed @sudan_government"],
    ),
    (
        "C7i prosecutor",
        "Ukraine's Prosecutor General's Office said 30 children were killed.",
        ["30 exact children_killed @ukraine_prosecutor_general"],
    ),
    (
        "C7j regional officials",
        "Kharkiv regional governor Oleh Syniehubov said 3 civilians were killed.",
        ["3 exact civilians_killed @ukraine_government"],
    ),
    (
        "C7k Houthi health ministry",
        "The Houthi-run health ministry said 30 civilians were killed.",
        ["30 exact civilians_killed @ansar_allah"],
    ),
    (
        "C7l Al Masirah",
        "Al Masirah TV said 30 civilians were killed.",
        ["30 exact civilians_killed @ansar_allah"],
    ),
    (
        "C7m Saudi-led coalition",
        "The Saudi-led coalition said it killed 30 fighters.",
        ["30 exact combatants_killed @saudi_coalition"],
    ),
    (
        "C7n Sudan Doctors Network",
        "The Sudan Doctors Network said 30 civilians were killed.",
        ["30 exact civilians_killed @sudan_doctors_network"],
    ),
    (
        "C7o Congolese government",
        "The Congolese government said 30 civilians were killed.",
        ["30 exact civilians_killed @drc_government"],
    ),
    ("C7p UN sources", "UN sources said 30 civilians were killed.", ["30 exact civilians_killed @un"]),
    (
        "C8 relay: outlet relays ministry",
        "Save the Children said that, according to the Ministry of Health in Gaza, "
        "2,360 children have been killed.",
        ["2360 exact children_killed @gaza_moh"],
    ),
    (
        "C9 previous report bracket",
        "OHCHR recorded 2,788 civilian casualties (2,685 in the report a day earlier).",
        ["2788 exact civilian_casualties @ohchr", "2685 exact civilian_casualties @ohchr"],
    ),
    (
        "C10 it added",
        "OCHA said 30 civilians were killed on Monday. It added that 12 schools were damaged.",
        ["30 exact civilians_killed @ocha", "12 exact schools_affected @ocha"],
    ),
    (
        "H1 casualties another injured",
        "The attack caused 27 casualties, MSF said. Another 70 were injured.",
        ["27 exact casualties @msf", "70 exact people_injured @msf"],
    ),
    (
        "H2 survey found",
        "IOM carried out a survey. The survey found 20,000 IDPs in the district.",
        ["20000 exact idps @iom"],
    ),
]


P2 = [
    (
        "Q well over",
        "Well over 300 civilians were killed, OCHA said.",
        ["300 more_than civilians_killed @ocha"],
    ),
    (
        "Q just over",
        "Just over 300 civilians were killed, OCHA said.",
        ["300 more_than civilians_killed @ocha"],
    ),
    (
        "Q slightly more than",
        "Slightly more than 300 civilians were killed, OCHA said.",
        ["300 more_than civilians_killed @ocha"],
    ),
    (
        "Q in excess of",
        "In excess of 300 civilians were killed, OCHA said.",
        ["300 more_than civilians_killed @ocha"],
    ),
    (
        "Q just under",
        "Just under 300 civilians were killed, OCHA said.",
        ["300 less_than civilians_killed @ocha"],
    ),
    ("Q almost", "Almost 300 civilians were killed, OCHA said.", ["300 about civilians_killed @ocha"]),
    ("Q or more", "300 or more civilians were killed, OCHA said.", ["300 at_least civilians_killed @ocha"]),
    (
        "Q at the very least",
        "At the very least 300 civilians were killed, OCHA said.",
        ["300 at_least civilians_killed @ocha"],
    ),
    (
        "Q not less than",
        "Not less than 300 civilians were killed, OCHA said.",
        ["300 at_least civilians_killed @ocha"],
    ),
    (
        "Q not fewer than",
        "Not fewer than 300 civilians were killed, OCHA said.",
        ["300 at_least civilians_killed @ocha"],
    ),
    (
        "Q a little over",
        "A little over 300 civilians were killed, OCHA said.",
        ["300 more_than civilians_killed @ocha"],
    ),
    (
        "Q over a half million",
        "Over a half million people have fled to Chad, UNHCR said.",
        ["500000 more_than fled_abroad @unhcr"],
    ),
    (
        "Q a total of exact",
        "A total of 300 civilians were killed, OCHA said.",
        ["300 exact civilians_killed @ocha"],
    ),
    (
        "Q estimated before",
        "Estimated 300 civilians were killed, OCHA said.",
        ["300 about civilians_killed @ocha"],
    ),
    (
        "Q nearly range",
        "Nearly 2 million people have fled their homes, the UN said.",
        ["2000000 about displaced @un"],
    ),
    ("Q surpassed", "The death toll surpassed 5,000, OCHA said.", ["5000 more_than people_killed @ocha"]),
    ("Q passed", "The death toll passed 5,000, OCHA said.", ["5000 more_than people_killed @ocha"]),
    ("Q reached", "The death toll reached 5,000, OCHA said.", ["5000 exact people_killed @ocha"]),
    ("Q recorded exact", "OCHA recorded 300 civilian deaths.", ["300 exact civilians_killed @ocha"]),
    (
        "V several thousand",
        "Several thousand people fled their homes, IOM said.",
        ["thousands vague displaced @iom"],
    ),
    ("V scores", "Scores of civilians were killed, OCHA said.", ["scores vague civilians_killed @ocha"]),
    (
        "V hundreds of thousands",
        "Hundreds of thousands of people fled their homes, IOM said.",
        ["hundreds_of_thousands vague displaced @iom"],
    ),
    (
        "V a few hundred",
        "A few hundred people fled their homes, IOM said.",
        ["hundreds vague displaced @iom"],
    ),
    ("V dozens more", "Dozens more were injured, OCHA said.", ["dozens vague people_injured @ocha"]),
    ("K perished", "Some 40 people perished in the attack, OCHA said.", ["40 about people_killed @ocha"]),
    ("K shot dead", "Soldiers shot dead 12 protesters, the UN said.", ["12 exact people_killed @un"]),
    ("K executed", "The group executed 20 civilians, the UN said.", ["20 exact civilians_killed @un"]),
    ("K massacred", "Gunmen massacred 50 villagers, the UN said.", ["50 exact civilians_killed @un"]),
    ("K bodies recovered", "Rescuers recovered 30 bodies, OCHA said.", ["30 exact people_killed @ocha"]),
    ("K slain", "Some 40 civilians were slain, OCHA said.", ["40 about civilians_killed @ocha"]),
    ("K residents killed", "Some 40 residents were killed, OCHA said.", ["40 about people_killed @ocha"]),
    (
        "K policemen combatants",
        "Some 40 policemen were killed, OCHA said.",
        ["40 about combatants_killed @ocha"],
    ),
    (
        "K soldiers wounded",
        "Some 40 soldiers were wounded, OCHA said.",
        ["40 about people_injured [soldiers] @ocha"],
    ),
    (
        "K civilians among dead",
        "Some 40 civilians were among the dead, OCHA said.",
        ["40 about civilians_killed @ocha"],
    ),
    (
        "K claimed lives",
        "The strike claimed the lives of 14 people, OCHA said.",
        ["14 exact people_killed @ocha"],
    ),
    (
        "I sustained injuries",
        "Some 40 people sustained injuries, OCHA said.",
        ["40 about people_injured @ocha"],
    ),
    ("I left injured", "The attack left 40 people injured, OCHA said.", ["40 exact people_injured @ocha"]),
    (
        "I children maimed",
        "Some 40 children were maimed, UNICEF said.",
        ["40 about children_injured @unicef"],
    ),
    ("H doctors killed", "Some 40 doctors were killed, WHO said.", ["40 about health_workers_killed @who"]),
    ("H medics injured", "Some 40 medics were injured, WHO said.", ["40 about health_workers_injured @who"]),
    (
        "H ambulance drivers",
        "Three ambulance drivers were killed, WHO said.",
        ["3 exact health_workers_killed @who"],
    ),
    ("H midwives", "Three midwives were killed, WHO said.", ["3 exact health_workers_killed @who"]),
    (
        "H hospitals destroyed",
        "Some 40 hospitals were destroyed, WHO said.",
        ["40 about health_facilities_damaged @who"],
    ),
    (
        "H hospitals targeted",
        "Some 40 hospitals were targeted, WHO said.",
        ["40 about health_facilities_attacked @who"],
    ),
    (
        "H hospitals forced to close",
        "Some 40 hospitals were forced to close, WHO said.",
        ["40 about health_facilities_out_of_service @who"],
    ),
    (
        "H non-functional",
        "Some 40 hospitals are non-functional, WHO said.",
        ["40 about health_facilities_out_of_service @who"],
    ),
    (
        "H attacks on medical facilities",
        "WHO recorded 40 attacks on medical facilities.",
        ["40 exact health_facility_attacks @who"],
    ),
    (
        "H attacks on health workers",
        "WHO recorded 40 attacks on health workers.",
        ["40 exact health_personnel_attacks @who"],
    ),
    (
        "H attacks on health care deaths",
        "WHO recorded 40 attacks on health care, which killed 12 people and injured 30.",
        [
            "40 exact health_attacks @who",
            "12 exact health_attack_deaths @who",
            "30 exact health_attack_injuries @who",
        ],
    ),
    (
        "H NGO staff killed in hospital",
        "Two MSF staff were killed when the hospital was hit, MSF said.",
        ["2 exact health_workers_killed @msf"],
    ),
    (
        "A relief workers",
        "Some 40 relief workers were killed, OCHA said.",
        ["40 about aid_workers_killed @ocha"],
    ),
    (
        "A UNRWA staff",
        "Some 140 UNRWA staff have been killed, UNRWA said.",
        ["140 about aid_workers_killed @unrwa"],
    ),
    ("A NGO staff", "Some 14 NGO staff have been killed, OCHA said.", ["14 about aid_workers_killed @ocha"]),
    (
        "A WFP employees",
        "Two WFP employees were abducted, OCHA said.",
        ["2 exact aid_workers_kidnapped @ocha"],
    ),
    (
        "A aid workers detained",
        "Two aid workers were detained, OCHA said.",
        ["2 exact aid_workers_kidnapped @ocha"],
    ),
    (
        "A attacks on aid workers",
        "OCHA recorded 40 attacks on aid workers.",
        ["40 exact aid_worker_attacks @ocha"],
    ),
    (
        "A security incidents humanitarians",
        "OCHA recorded 40 security incidents against humanitarians.",
        ["40 exact aid_worker_attacks @ocha"],
    ),
    (
        "E classrooms",
        "Some 40 classrooms were destroyed, UNICEF said.",
        ["40 about schools_destroyed @unicef"],
    ),
    ("E schools bombed", "Some 40 schools were bombed, UNICEF said.", ["40 about schools_attacked @unicef"]),
    ("E schools hit", "Airstrikes hit 40 schools, UNICEF said.", ["40 exact schools_attacked @unicef"]),
    (
        "E universities destroyed",
        "Some 4 universities were destroyed, UNICEF said.",
        ["4 about schools_destroyed @unicef"],
    ),
    ("D uprooted", "Some 40,000 people were uprooted, IOM said.", ["40000 about displaced @iom"]),
    (
        "D sought refuge in Chad",
        "Some 40,000 people sought refuge in Chad, UNHCR said.",
        ["40000 about fled_abroad @unhcr"],
    ),
    (
        "D took refuge locally",
        "Some 40,000 people took refuge in schools, IOM said.",
        ["40000 about displaced @iom"],
    ),
    (
        "D fled to Uganda",
        "Some 40,000 people fled to Uganda, UNHCR said.",
        ["40000 about fled_abroad @unhcr"],
    ),
    (
        "D fled across border",
        "Some 40,000 people fled across the border, UNHCR said.",
        ["40000 about fled_abroad @unhcr"],
    ),
    (
        "D crossed the border",
        "Some 40,000 people crossed the border, UNHCR said.",
        ["40000 about fled_abroad @unhcr"],
    ),
    (
        "D new arrivals",
        "Chad has received 40,000 new arrivals, UNHCR said.",
        ["40000 exact fled_abroad @unhcr"],
    ),
    (
        "D registered refugees",
        "Some 40,000 refugees are registered in Chad, UNHCR said.",
        ["40000 about refugees @unhcr"],
    ),
    (
        "D returned to areas of origin",
        "Some 40,000 people returned to their areas of origin, IOM said.",
        ["40000 about returnees @iom"],
    ),
    ("D have returned", "Some 40,000 IDPs have returned, IOM said.", ["40000 about returnees @iom"]),
    (
        "D displaced people stock",
        "There are 40,000 displaced people in the district, IOM said.",
        ["40000 exact idps @iom"],
    ),
    (
        "D internally displaced persons",
        "Some 40,000 internally displaced persons live in the camp, IOM said.",
        ["40000 about idps @iom"],
    ),
    (
        "D total number of IDPs",
        "The total number of IDPs stands at 40,000, IOM said.",
        ["40000 exact idps @iom"],
    ),
    (
        "D displaced since start",
        "Some 40,000 people have been displaced since the start of the war, IOM said.",
        ["40000 about displaced @iom"],
    ),
    (
        "D have been displaced",
        "Some 40,000 people have been displaced, IOM said.",
        ["40000 about displaced @iom"],
    ),
    ("D still displaced", "Some 40,000 people are still displaced, IOM said.", ["40000 about idps @iom"]),
    (
        "D households displaced",
        "Some 4,000 households were displaced, IOM said.",
        ["4000 about displaced @iom"],
    ),
    ("X rounded up", "Soldiers rounded up 40 men, the UN said.", ["40 exact people_detained @un"]),
    ("X in custody", "Some 40 people are in custody, the UN said.", ["40 about people_detained @un"]),
    ("X jailed", "Some 40 journalists were jailed, the UN said.", ["40 about people_detained @un"]),
    ("X disappeared", "Some 40 people disappeared, the UN said.", ["40 about people_missing @un"]),
    (
        "X forcibly disappeared",
        "Some 40 people were forcibly disappeared, the UN said.",
        ["40 about people_missing @un"],
    ),
    (
        "X whereabouts unknown",
        "The whereabouts of 40 people remain unknown, the UN said.",
        ["40 exact people_missing @un"],
    ),
    (
        "Hm residential buildings",
        "Some 40 residential buildings were destroyed, OCHA said.",
        ["40 about houses_destroyed @ocha"],
    ),
    ("Hm razed", "Soldiers razed 40 homes, OCHA said.", ["40 exact houses_destroyed @ocha"]),
    ("Hm burned", "Soldiers burned 40 houses, OCHA said.", ["40 exact houses_destroyed @ocha"]),
    ("Hm dwellings", "Some 40 dwellings were damaged, OCHA said.", ["40 about houses_damaged @ocha"]),
    (
        "Hm housing units",
        "Some 40 housing units were destroyed, OCHA said.",
        ["40 about houses_destroyed @ocha"],
    ),
    ("Hm buildings not homes", "Some 40 buildings were destroyed, OCHA said.", []),
    (
        "B girls subset",
        "The strike killed 12 children, 5 of them girls, UNICEF said.",
        ["12 exact children_killed @unicef", "5 exact children_killed [girls] @unicef"],
    ),
    (
        "B women injured subset",
        "The blast injured 30 people, including 9 women, OCHA said.",
        ["30 exact people_injured @ocha", "9 exact people_injured [women] @ocha"],
    ),
    (
        "B including women and children",
        "The raid killed 40 people, including 25 women and children, OCHA said.",
        ["40 exact people_killed @ocha", "25 exact people_killed [women and children] @ocha"],
    ),
    (
        "B children killed or injured",
        "The war has killed or injured 300 children, UNICEF said.",
        ["300 exact casualties [children] @unicef"],
    ),
    (
        "B list lead-in",
        "The fatalities were distributed as follows: six children, two women and ten men, OCHA said.",
        ["6 exact children_killed @ocha", "2 exact women_killed @ocha", "10 exact people_killed [men] @ocha"],
    ),
    (
        "B of whom",
        "The strikes killed 60 civilians, of whom 20 were children, OCHA said.",
        ["60 exact civilians_killed @ocha", "20 exact children_killed @ocha"],
    ),
    (
        "B among them",
        "The strikes killed 60 civilians, among them 20 children, OCHA said.",
        ["60 exact civilians_killed @ocha", "20 exact children_killed @ocha"],
    ),
    (
        "C as it states",
        "In a statement, OHCHR said 30 civilians were killed.",
        ["30 exact civilians_killed @ohchr"],
    ),
    (
        "C told reporters",
        "A WHO spokesperson told reporters that 30 health workers were killed.",
        ["30 exact health_workers_killed @who"],
    ),
    (
        "C cited",
        "The newspaper cited OCHA as saying 30 civilians were killed.",
        ["30 exact civilians_killed @ocha"],
    ),
    ("C data from", "Data from OCHA show 30 civilians were killed.", ["30 exact civilians_killed @ocha"]),
    ("C per", "Some 30 civilians were killed, per OCHA.", ["30 about civilians_killed @ocha"]),
    (
        "C quoted",
        "Some 30 civilians were killed, OCHA was quoted as saying.",
        ["30 about civilians_killed @ocha"],
    ),
    ("C warned", "Some 30,000 people have fled their homes, UNHCR warned.", ["30000 about displaced @unhcr"]),
    (
        "C estimated by",
        "Some 30,000 people have fled their homes, as estimated by UNHCR.",
        ["30000 about displaced @unhcr"],
    ),
    (
        "C figures from",
        "Some 30 civilians were killed, figures from OCHA show.",
        ["30 about civilians_killed @ocha"],
    ),
    (
        "C citing",
        "Some 30 civilians were killed, the agency said, citing OHCHR.",
        ["30 about civilians_killed @ohchr"],
    ),
]


def main() -> None:
    misses = 0
    for pid, s, exp in [*P, *P2]:
        got = run(s)
        if not match(got, exp):
            misses += 1
            print(f"MISS {pid}: {s!r}\n  drafted {got}\n  guide   {exp}")
    print(f"{len(P) + len(P2) - misses} of {len(P) + len(P2)} probes as the guide reads them")


if __name__ == "__main__":
    main()
