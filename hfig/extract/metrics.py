"""Metric cues: what a number counts (the entity) and what happened to it (the event).

A metric is read from two cues. The *entity* is the noun the number counts
("229 civilians", "20 attacks on healthcare facilities", "five tanks"); the
*event* is what the sentence says happened ("killed", "fled their homes",
"bombed out of action"). `METRIC_RULES` maps an (entity, event) pair to a
metric name of the vocabulary; a pair with no rule is not a figure hfig
counts, and is not drafted.

A number with no noun of its own ("... while UOSSM estimated more than
300,000", "and one on an ambulance") borrows the entity, and when it has no
verb of its own the event, of the figure before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from hfig.extract.clause import (
    UNDATED,
    after_left,
    governing_event,
    object_event,
    person_noun_after,
    phrase_head,
    subject_event,
)
from hfig.extract.numbers import NumberMention
from hfig.extract.qualifiers import without_qualifier

# People named by where they are from: "1,400 Israelis", "five million Ukrainians".
DEMONYMS = (
    r"syrians|palestinians|israelis|ukrainians|russians|sudanese|congolese|afghans|yemenis|iraqis|"
    r"lebanese|somalis|ethiopians|eritreans|south sudanese|rohingya|burmese|haitians|libyans|malians|"
    r"nigerians|chadians|venezuelans|colombians|armenians|azerbaijanis|tigrayans|amharas|oromos|burkinabe|"
    r"nigeriens|cameroonians|mozambicans|central africans|kurds|yazidis|iranians|pakistanis|rohingyas"
)

# Metrics of the vocabulary that give context rather than count harm: drafted only when asked
# (`hfig extract --all-metrics`).
CONTEXT_METRICS = frozenset(
    {
        "population",
        "population_share",
        "people_in_need",
        "fighters_deployed",
        "armoured_vehicles_deployed",
        "tanks_destroyed",
        "armoured_vehicles_destroyed",
        "failed_assaults",
    }
)

_NATIONALS = re.compile(rf"(?:{DEMONYMS})", re.IGNORECASE)

# --- entities: what is counted ------------------------------------------------------------
# Tried in this order at each position; the earliest match after the number wins.
ENTITIES: tuple[tuple[str, str], ...] = (
    (
        "health_workers",
        r"(?:health(?:care| care)?|medical|hospital|ambulance|msf) (?:workers?|"
        r"staff(?:ers)?|personnel|"
        r"professionals|volunteers|teams?)|doctors?|nurses?|paramedics?|medics|surgeons?|"
        r"first responders|health(?:care)? providers",
    ),
    (
        "aid_workers",
        r"(?:aid|humanitarian|relief|ngo|un|unrwa|unicef|wfp|unhcr|iom|undp) (?:workers?|staff(?:ers)?|"
        r"personnel|volunteers|employees)(?: members)?|humanitarians|"
        # a relief movement's own people: "six Red Cross volunteers", "two Red Crescent staff"
        r"(?:red cross|red crescent) (?:workers?|staff(?:ers| members)?|personnel|volunteers|employees)|"
        # an aid agency's own people: "220 members of the agency's staff", "six employees of the UN agency"
        r"members of (?:the |its |their )?(?:agency's |organi[sz]ation's |un's |unrwa's )?staff|"
        r"(?:employees|staff members|staffers) of (?:the )?(?:un|united nations|unrwa|unicef|wfp|unhcr|iom)"
        r"(?: (?:agency|refugee agency|children's agency))?|"
        r"(?:un|unrwa|unicef|wfp|unhcr|iom|undp|ocha|unfpa|icrc) colleagues?|"
        # an organisation's own people: "one of its staff members", "nine of its workers" (health workers
        # when the sentence is about a hospital or a medical body: see _read_one)
        r"of (?:its|their) (?:own )?(?:(?:local|national|international) )?(?:staff(?: members)?|staffers|"
        r"workers|employees|colleagues|personnel)",
    ),
    # displaced people counted in families: "33,500 displaced families", "IDP households"
    ("idp_households", r"(?:(?:internally )?displaced|idp) (?:families|households)"),
    (
        "idps",
        r"idps|internally displaced(?: (?:people|persons|syrians|individuals))?|"
        r"displaced (?:people|persons|syrians|civilians|individuals|residents)",
    ),
    (
        "movements",
        r"(?:idp|displacement|population|(?:mixed )?cross-border) movements|(?:new |internal )?displacements",
    ),
    ("returnees", r"returnees"),
    # refugees who have just come are a flow across the border: "1,860 new refugee arrivals"
    ("new_refugees", r"(?:new|newly arrived) refugees|(?:new )?refugee arrivals"),
    ("refugees", r"refugees"),
    # ("students" are left to their context: school students are children, university ones are not)
    (
        "children",
        r"children|child|minors|boys|girls|kids|pupils|schoolchildren|under (?:the age of )?1[0-8]\b",
    ),
    ("women", r"women|woman|females"),
    (
        "civilians",
        r"civilians|villagers|citizens|civilian (?:residents|men|people)|"
        r"civilian(?!\s+(?:infrastructure|facilities|objects|homes|buildings|areas|targets|sites|casualties|"
        r"deaths|death|toll|injuries|population))",
    ),
    (
        "fighters",
        r"fighters|militants|terrorists|combatants|soldiers|troops|rebels|insurgents|gunmen|"
        r"security forces|security personnel|policemen|police officers|"
        r"jihadists|"
        r"servicemen|militiamen|militia members|members of (?:the )?(?:armed|security) forces|"
        r"(?:regime|government|pro-government|opposition|rebel) (?:forces|fighters|soldiers)",
    ),
    ("households", r"families|households"),
    # a plural noun of an event that happens to one person counts the people it happened to (round 12):
    # "39 cases of enforced disappearance", "17 forced disappearances" are people missing (the
    # labelling guide), "185 kidnappings", "4,236 illegal detentions" people taken; unlike prisoners,
    # a count of detentions is not undone by a later release
    (
        "disappearances",
        r"(?:cases of )?(?:(?:en)?forced |involuntary )?disappearances|cases of (?:en)?forced disappearance",
    ),
    # ("several kidnappings of aid workers": the noun after "of" is who was taken)
    ("detentions", r"(?:arbitrary |unlawful |illegal )?(?:detentions|kidnappings)(?! of\b)"),
    # people held: counted as detained unless the sentence frees or sentences them (see _read_one)
    (
        "detainees",
        r"(?:political )?(?:prisoners|detainees)(?! of war)|hostages|captives|"
        # a monitor's count of cases: "327 cases of arbitrary detention"
        r"cases of (?:arbitrary |unlawful |illegal )?(?:detention|arrest|abduction)s?|"
        # "the number of abductions decreased from 266 to 166": a monitor counts people taken
        r"abductions",
    ),
    (
        # killed and injured together: "1,058 civilian casualties", "800 killed or wounded"
        "casualties",
        r"(?:civilian )?casualties|(?:civilian )?(?:deaths|dead|killed|fatalities) (?:and|or) "
        r"(?:injuries|injured|wounded|hurt)|(?:killed|dead|deaths) or (?:injured|wounded|hurt)|"
        # (either order: "injured or killed", "injuries and deaths")
        r"(?:civilian )?(?:injuries|injured|wounded) (?:and|or) (?:deaths|dead|killed|fatalities)",
    ),
    # "150 hunger-related deaths": deaths, but not from violence (no metric counts them)
    ("other_deaths", r"(?:hunger|starvation|famine|malnutrition|disease|cholera|cold)[- ]related deaths"),
    (
        "deaths",
        r"(?:civilian )?(?:deaths|fatalities|dead|bodies|killed)|civilian (?:death )?toll|lives|"
        # ("extrajudicial killings" count the killed; "19 major killings that claimed 252 lives" count
        # incidents)
        r"(?:extrajudicial|unlawful|summary) killings",
    ),
    ("injuries", r"(?:civilian )?(?:injuries|wounded|injured)"),
    (
        "armoured",
        r"armou?red (?:\w+ ){0,2}(?:vehicles?|carriers?|cars?)|(?:armou?red )?(?:infantry|personnel) "
        r"(?:fighting vehicles?|carriers?)|apcs|ifvs|bmps|military vehicles",
    ),
    ("tanks", r"tanks|tank"),
    ("ambulances", r"ambulances?|medical vehicles"),
    (
        "schools",
        r"schools?|education(?:al)? (?:facilities|institutions|establishments)|kindergartens|universities",
    ),
    # ("fled their homes" is a flight, not homes counted)
    (
        "houses",
        r"(?<!their )(?<!own )(?:houses|homes|dwellings|housing units|residential (?:buildings|units))",
    ),
    ("patients", r"(?:\w+ )?patients"),
    (
        "facilities",
        r"(?:(?:health|medical|healthcare|health care|hospital) )?(?:facilities|facility|"
        r"clinics|hospitals|"
        r"hospital|health posts|health points|dispensaries)|(?:health|medical|healthcare|"
        r"primary health "
        r"care) (?:centres|centers)",
    ),
    ("attacks", r"attacks|attack|incidents|assaults|attempts|offensives|raids"),
    (
        "people",
        r"people|persons|person|individuals|residents|inhabitants|folks|others|men|family members|victims|"
        r"journalists|media workers|worshippers|passengers|shoppers|farmers|fishermen|"
        r"protesters|demonstrators|migrants|activists|"
        # ("450 ethnic Amhara died": people named by their group)
        r"ethnic [a-z]+|"
        r"members of (?:one|a|the same|their|the|an?\s+\w+) famil(?:y|ies)|relatives|"
        # ("600,000 Sudanese refugees", "12 Palestinian children": the noun after a demonym is counted)
        rf"(?:{DEMONYMS})(?!\s+(?:refugees|returnees|idps|civilians|children|women|soldiers|troops|fighters|"
        r"journalists|aid workers|health workers|doctors|nurses|prisoners|detainees|hostages)\b)",
    ),
)
PERSONS = {
    "health_workers",
    "aid_workers",
    "children",
    "women",
    "civilians",
    "fighters",
    "people",
    "idps",
    "patients",
    "refugees",
    "new_refugees",
    "returnees",
}

# --- events: what happened ----------------------------------------------------------------
EVENTS: tuple[tuple[str, str], ...] = (
    (
        "out_of_service",
        r"(?:bombed |knocked |put |forced |taken |driven )?out of (?:service|action|"
        r"operation|commission)|"
        r"non-functional|non-functioning|not functioning|not functional|no longer "
        r"(?:functioning|"
        r"functional|operational)|stopped (?:functioning|working|operating)|ceased functioning|inoperable|"
        r"out-of-service|shut down|closed down|forced to close|(?:had|have|has) to close|"
        # a closure is out of service ("forcing the closure of eight facilities", "clinics were closed"),
        # unless it is a precaution, which is a suspension
        r"(?:closure|shutdown|shutting down) of|closed(?!\s+(?:as a precaution|temporarily|preventively|"
        r"for (?:security|safety)))",
    ),
    (
        "suspended",
        r"suspended|suspend|suspending|(?:halted|stopped|ceased) (?:services|operations|"
        r"work)|closed",
    ),
    ("damaged_or_destroyed", r"damaged or destroyed|destroyed or damaged"),
    (
        "destroyed",
        r"destroyed|destroying|destroy|razed|demolished|levell?ed|flattened|burn(?:ed|t)(?: down)?|torched|"
        r"set ablaze|set on fire",
    ),
    ("damaged", r"damaged|damaging|damage to"),
    (
        "failed",
        r"repelled|repulsed|failed|failure|foiled|thwarted|unsuccessful|beaten back|pushed "
        r"back|fended off",
    ),
    (
        "deployed",
        r"deployed|deploying|(?:had |have |has )?moved (?:to|towards|up to) the "
        r"front(?:line|lines)?|massed|"
        r"amassed|mobili[sz]ed|reinforcements|sent to the front|gathered|concentrated|sent|sending|sends|"
        r"dispatched|poured",
    ),
    (
        "died_otherwise",
        r"died (?:from|of|due to) (?:the )?(?:cold|freezing|hypothermia|exposure|disease|illness|"
        r"malnutrition|"
        r"starvation|hunger|natural causes|covid|cholera|measles|fire|drowning)",
    ),
    # killed and injured together: "were killed or wounded"
    (
        "casualty",
        r"(?:killed|dead) (?:or|and) (?:injured|wounded|hurt)|killing or (?:injuring|wounding)|"
        r"(?:injured|wounded|hurt) (?:or|and) (?:killed|dead)|(?:injuring|wounding) or killing",
    ),
    # a sentence is not a death: "sentenced to death", "death sentences"
    ("sentenced", r"sentenced(?: to death)?|death sentences?|sentences? of death"),
    (
        "killed",
        r"killed|killings|killing|kills|neutrali[sz]ed|died|dead|deaths?|death toll|toll|lost their lives|"
        r"perished|"
        r"slain|lives lost|(?:claimed|took|taken|take|taking) the lives(?: of)?|"
        r"(?:the )?(?:bodies|remains) of|"
        r"fatalities|massacred|massacre of|massacring|executed|executing|execution of|exterminated|murdered",
    ),
    # ("the injury of 277 civilians", as "the death of 67 civilians")
    (
        "injured",
        r"injured|injuring|injuries|injury|wounded|wounding|hurt|maimed|"
        r"(?<=with )(?:gunshot |bullet |blast |shrapnel |war )?wounds",  # "96 people with gunshot wounds"
    ),
    (
        "missing",
        r"missing|unaccounted for|disappeared|(?:trapped |buried )?under (?:the )?(?:rubble|debris)|"
        r"(?:trapped|buried) (?:under|beneath|in) (?:the )?(?:\w+ )?(?:rubble|debris|ruins|buildings)",
    ),
    (
        "detained",
        r"detained|(?:in |under )?detention|detaining|arrested|arrests|arresting|abducted|abducting|"
        r"kidnapped|kidnapping|"
        r"taken hostage|held hostage|"
        r"imprisoned|in custody|incarcerated|"
        # "507 persons deprived of liberty", "the abduction of scores more", "3,117 remain in captivity"
        r"deprived of (?:their )?liberty|abductions? of|kidnappings? of|in captivity|held captive|"
        r"enslave(?:d|ment)",
    ),
    (
        # people who crossed a border; "fled to Chad", "entered Chad" are found with the gazetteer
        "abroad",
        r"crossed (?:the |an international |international )?borders? (?:into|to)|crossed into|crossing into|"
        r"crossed [\w-]+'s borders?|"  # "crossed Sudan's borders": out of the country named
        r"crossed (?:over )?from|"  # "8,200 refugees had crossed from North Kivu"
        r"(?:fled|flee|flees|left|leave|leaves|leaving|escaped|escape|fleeing) (?:the country|abroad)|"
        r"(?:fled|fleeing|escaped|gone|went|moved) (?:in)?to (?:the )?neighbou?ring "
        r"(?:countries|states|nations)|"
        r"(?:into|to|towards) (?:the )?neighbou?ring countries|"
        r"(?:became|become|becoming) (?:international )?refugees|sought refuge abroad|"
        # the labelling guide: "arrived in Chad" -> fled_abroad; "arrivals" are counted where people
        # arrive from across a border (a country's "new arrivals", "an influx of 40,000")
        r"arrivals|new arrivals|influx|"
        r"received(?=\s+(?:\w+\s+){0,2}[\d,.]+\s+(?:new\s+)?arrivals)",
    ),
    (
        "returned",
        r"(?:returned|(?:able|managed|began|started) to return) (?:home|to their (?:homes?|areas?|villages?|"
        r"towns?|places? of origin|communities))|"
        r"(?:have|has|had) returned|returning home",
    ),
    ("hosted", r"hosting|hosts|hosted|sheltering|housing"),
    # people saved: what happened to them was not the harm named later in the sentence
    (
        "rescued",
        r"rescued|freed|released|survived|pulled (?:out )?alive|saved|recovered|exchanged|swapped|pardoned|"
        r"escaped (?:injury|unhurt|unharmed|death)|unhurt|unharmed|"
        r"amnestied",
    ),
    (
        "displaced_stock",
        r"(?:are|is|remain|remained|live as|living as)\s+(?:still\s+|already\s+|now\s+|currently\s+)?"
        # "are estimated to be displaced": the state, however it is known
        r"(?:(?:estimated|believed|thought|reported|said|known) to (?:be|remain)\s+)?"
        r"(?:internally\s+)?(?:displaced|uprooted)"
        r"(?!\s+(?:by|from|since|in the|during|over|this|last|when|after|between))|"
        # "remain displaced" is a state whatever follows ("remain displaced by the floods"), unless since when
        r"(?:remain|remains|remained)\s+(?:still\s+)?(?:internally\s+)?displaced(?!\s+(?:since|after)\b)|"
        # "were (reported) displaced as of 25 November": the people displaced on that date, a stock
        r"(?:internally\s+)?displaced(?=\s+as (?:of|at)\b)|"
        # an assessment's count of people found displaced: "113,000 people were identified as displaced"
        r"(?:were|was|are|is|been) (?:identified|registered|recorded|counted|profiled) as "
        r"(?:internally )?displaced|"
        r"(?:living|live|sheltering|staying|registered) in (?:the )?(?:\w+ )?(?:camps|displacement sites|"
        r"informal (?:settlements|sites)|tents|collective (?:shelters|centres|centers)|shelters)",
    ),
    (
        # "internally displaced", "displaced within Ukraine": a stock unless a start date is given
        "displaced_undated",
        r"(?<!the )internally displaced(?!\s+(?:people|persons|individuals|families|households|syrians))|"
        r"displaced internally|displaced (?:within|inside)",
    ),
    (
        "displaced",
        r"displaced(?!\s+(?:families|people|persons|households|civilians|syrians|children|women|men|"
        r"residents|population|communities|individuals|idps))|displacing|fled|flee|fleeing|uprooted|"
        r"forced (?:to flee|from their homes|out)|"
        r"(?:forced to )?(?:leave|leaving|left) their homes|"
        r"left (?:due to|because of|as a result of|owing to)|"  # "100,000 people left due to the violence"
        # "forced 2,400 people to escape the camp" (not "escaped injury", "escaped unhurt")
        r"to escape(?!\s+(?:injury|unhurt|unharmed|death|with))|"
        # ("has left 229 civilians dead": the war left them so, they did not leave)
        r"(?:have|has|had|who) left(?! (?:the country|abroad))"
        r"(?!\s+(?:\d|(?:an estimated|more than|over|some|about|nearly|around|almost|at least|up to|tens|"
        r"hundreds|thousands|millions|dozens)\b))|"
        r"arrived|evacuated|driven (?:from|out)|"
        r"displacement|forced into displace\w*|"
        r"moved (?:north|towards|to)|sought (?:refuge|shelter)|"
        r"(?:running|ran|run) (?:north|south|east|west|away)|"
        r"(?:moving|heading|headed|streaming|making their way|made their way) (?:north |south )?"
        r"(?:towards|to|into)|"
        r"(?:from|out of) their (?:homes|villages|towns|communities|lands?)|abandon(?:ed|ing)? their homes|"
        r"on the move|"
        r"received(?=\s+(?:\w+\s+){0,2}[\d,.]+\s+(?:new\s+)?(?:families|households|people|idps|"
        r"displaced))",
    ),
    (
        "in_need",
        r"in need|need (?:of )?(?:\w+ ){0,2}(?:assistance|aid|help|support|services)|"
        r"requir(?:e|ing) (?:\w+ )?(?:assistance|aid)",
    ),
    ("live", r"\blive\b|\bliving\b|home to|\bpopulation\b|\breside|\binhabit"),
    (
        "served",
        r"(?:serving|serve|served|serves)(?!\s+(?:\w+\s+)?(?:sentences?|terms?|time)\b)|catchment|"
        r"lost access to (?:\w+\s+)?(?:health|medical)|"
        r"(?:without|deprived of|no longer have|cut off from) access to (?:\w+\s+)?(?:health|medical)",
    ),
    (
        "attacked",
        r"attacked|hit|bombed|struck|targeted|shelled|came under (?:attack|fire)|attacks? on|"
        r"(?:faced|suffered|endured|sustained|came under|been subjected to) (?:\w+ )?(?:shelling|bombing|"
        r"bombardments?|air ?strikes|strikes|attacks?|fire)|"
        r"strikes? on|bombing of",
    ),
    ("affected", r"affected|affecting"),
)

METRIC_RULES: dict[tuple[str, str], str] = {
    ("civilians", "killed"): "civilians_killed",
    ("civilians", "injured"): "civilians_injured",
    ("children", "killed"): "children_killed",
    ("women", "killed"): "women_killed",
    ("people", "killed"): "people_killed",
    ("people", "injured"): "people_injured",
    ("people", "displaced"): "displaced",
    ("people", "in_need"): "people_in_need",
    ("people", "live"): "population",
    ("people", "served"): "population_served_affected",
    ("civilians", "displaced"): "displaced",
    ("civilians", "in_need"): "people_in_need",
    ("civilians", "live"): "population",
    ("idps", ""): "idps",
    ("movements", ""): "displaced",
    ("movements", "abroad"): "fled_abroad",
    ("idps", "live"): "idps",
    ("idps", "displaced"): "displaced",
    ("people", "displaced_stock"): "idps",
    ("idps", "displaced_stock"): "idps",
    ("idps", "in_need"): "idps",
    # people of a status who were harmed are counted by the harm: "three IDPs were injured"
    ("idps", "killed"): "people_killed",
    ("idps", "injured"): "people_injured",
    ("refugees", "killed"): "people_killed",
    ("refugees", "injured"): "people_injured",
    ("detainees", "killed"): "people_killed",
    ("households", "displaced"): "displaced",
    ("idp_households", ""): "idps",
    ("idp_households", "live"): "idps",
    ("idp_households", "hosted"): "idps",
    ("idp_households", "displaced_stock"): "idps",
    ("idp_households", "displaced"): "displaced",
    ("idp_households", "displaced_undated"): "displaced",
    ("idp_households", "returned"): "returnees",
    ("idp_households", "abroad"): "fled_abroad",
    ("fighters", "killed"): "combatants_killed",
    ("fighters", "deployed"): "fighters_deployed",
    ("health_workers", "killed"): "health_workers_killed",
    ("health_workers", "injured"): "health_workers_injured",
    ("aid_workers", "killed"): "aid_workers_killed",
    ("aid_workers", "injured"): "aid_workers_injured",
    ("facilities", "out_of_service"): "health_facilities_out_of_service",
    ("facilities", "destroyed"): "health_facilities_out_of_service",
    ("facilities", "damaged"): "health_facilities_damaged",
    ("facilities", "damaged_or_destroyed"): "health_facilities_damaged",
    ("schools", "damaged_or_destroyed"): "schools_affected",
    ("facilities", "suspended"): "health_facilities_suspended",
    ("facilities", "attacked"): "health_facilities_attacked",
    ("facilities", "affected"): "health_facilities_attacked",
    ("attacks", "health"): "health_attacks",
    ("attacks", "facility"): "health_facility_attacks",
    ("attacks", "personnel"): "health_personnel_attacks",
    ("attacks", "school"): "education_attacks",
    ("attacks", "aid"): "aid_worker_attacks",
    ("attacks", "ambulance"): "ambulance_attacks",
    ("attacks", "failed"): "failed_assaults",
    ("ambulances", "attacked"): "ambulance_attacks",
    # an ambulance damaged or destroyed was attacked ("the attacks damaged 24 hospitals and 32 ambulances")
    ("ambulances", "damaged"): "ambulance_attacks",
    ("ambulances", "destroyed"): "ambulance_attacks",
    ("ambulances", "damaged_or_destroyed"): "ambulance_attacks",
    ("schools", "destroyed"): "schools_destroyed",
    ("schools", "damaged"): "schools_affected",
    ("schools", "affected"): "schools_affected",
    ("schools", "attacked"): "schools_attacked",
    ("tanks", "destroyed"): "tanks_destroyed",
    ("armoured", "destroyed"): "armoured_vehicles_destroyed",
    ("armoured", "deployed"): "armoured_vehicles_deployed",
    # killed and injured together, and their parts
    ("casualties", ""): "casualties",
    ("people", "casualty"): "casualties",
    ("civilians", "casualty"): "civilian_casualties",
    ("civilian_casualties", ""): "civilian_casualties",
    ("children", "injured"): "children_injured",
    ("patients", "killed"): "people_killed",
    ("patients", "injured"): "people_injured",
    # missing and detained
    ("people", "missing"): "people_missing",
    ("children", "missing"): "people_missing",
    ("women", "missing"): "people_missing",
    ("civilians", "missing"): "people_missing",
    ("people", "detained"): "people_detained",
    ("civilians", "detained"): "people_detained",
    ("children", "detained"): "people_detained",
    ("women", "detained"): "people_detained",
    ("health_workers", "detained"): "people_detained",
    ("aid_workers", "detained"): "aid_workers_kidnapped",
    ("detainees", ""): "people_detained",
    ("detentions", ""): "people_detained",
    ("detentions", "detained"): "people_detained",
    ("disappearances", ""): "people_missing",
    ("disappearances", "missing"): "people_missing",
    ("detainees", "detained"): "people_detained",
    ("fighters", "detained"): "people_detained",  # ("killing 24 militants, and arresting 69 others")
    # displacement: within the country, across a border, and back
    ("people", "displaced_undated"): "displaced",
    ("civilians", "displaced_undated"): "displaced",
    ("households", "displaced_undated"): "displaced",
    ("idps", "hosted"): "idps",
    ("people", "hosted"): "idps",
    ("people", "abroad"): "fled_abroad",
    ("civilians", "abroad"): "fled_abroad",
    ("households", "abroad"): "fled_abroad",
    ("refugees", "abroad"): "fled_abroad",
    # refugees present in a country on a date ("Chad is hosting 600,000 Sudanese refugees") are a stock
    ("refugees", ""): "refugees",
    ("refugees", "hosted"): "refugees",
    ("refugees", "displaced"): "fled_abroad",
    ("new_refugees", ""): "fled_abroad",
    ("new_refugees", "abroad"): "fled_abroad",
    ("new_refugees", "displaced"): "fled_abroad",
    ("people", "returned"): "returnees",
    ("households", "returned"): "returnees",
    ("idps", "returned"): "returnees",
    ("returnees", ""): "returnees",
    ("returnees", "returned"): "returnees",
    # homes
    ("houses", "destroyed"): "houses_destroyed",
    ("houses", "damaged"): "houses_damaged",
    ("houses", "damaged_or_destroyed"): "houses_damaged",
    ("houses", "affected"): "houses_damaged",
}
# Events an entity can take, derived from the rules (attacks take their target instead).
COMPATIBLE: dict[str, set[str]] = {}
for _entity, _event in METRIC_RULES:
    COMPATIBLE.setdefault(_entity, set()).add(_event)
for _person in ("deaths", "injuries"):
    COMPATIBLE[_person] = set()

# One regex per cue family, alternatives in priority order (leftmost match, then first alternative).
# (One word boundary outside the alternation: the alternatives are tried at word starts only.)
_ENTITY_RE = re.compile(
    r"\b(?=\w)(?:" + "|".join(rf"(?P<{kind}>{pattern})" for kind, pattern in ENTITIES) + r")\b", re.IGNORECASE
)
_EVENT_RE = re.compile(
    r"\b(?=\w)(?:" + "|".join(rf"(?P<{kind}>{pattern})" for kind, pattern in EVENTS) + r")\b", re.IGNORECASE
)
_EVENT_RE_LOWER = re.compile(_EVENT_RE.pattern)  # (the patterns are lower case: for lowered text)
# Between a number and its noun: adjectives and fillers, no clause punctuation, at most five words.
# (an acronym in brackets is one of the words: "two Syrian American Medical Society (SAMS) health workers")
_FILLER = re.compile(r"^[\s\"'()]*(?:\(?[A-Za-z][\w'-]*[\s\"')]+){0,5}$")
# A noun several words on, after one of these, belongs to another phrase ("camps and sites host IDPs").
_FILLER_STOP = re.compile(
    r"\b(?:and|or|in|at|on|by|with|for|from|to|host|hosts|hosting|who|which|that|"
    r"where|while|but|than|as|out|within|inside|near|outside|around|behind|"
    # a finite verb: "26 incidents out of 606 included evidence of casualties" counts no casualties
    r"included?|includes|contained|showed|involved|caused|had)\b",
    re.IGNORECASE,
)
# A subordinate clause between a noun and a verb: the verb is another clause's ("six hospitals ... after
# an air strike hit a health facility").
_SUBORDINATE = re.compile(
    r"\b(?:after|when|before|because|although|though|whereas|until|unless)\b", re.IGNORECASE
)
# ("|" and bullets separate the cells of a key-figures line: "Killed: 1,200 | Displaced: 45,000")
# ("the total number to 4,584 refugees since Dec. 18": arrivals counted from a date, a flow)
_SINCE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?since\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[,;:()|\u2022]|\band\b|\bwhile\b|\bbut\b|\bwhereas\b|\bwhich\b|\bwho\b", re.IGNORECASE
)
_TARGET_AMBULANCE = re.compile(
    r"^[\s\"']*(?:\w+\s+){0,1}(?:on|against|targeting|"
    r"involving)\s+(?:an?\s+|the\s+)?"
    r"(?:\w+\s+)?(?:ambulances?|(?:medical |health )?(?:transport|transportation|vehicles))",
    re.IGNORECASE,
)
_TARGET = (
    # ("64 attacks by the army on hospitals", "1,000 attacks have been launched against hospitals": an
    # agent or a verb of three words between the attacks and their target)
    # (the first "on" or "against" is the target's: "attacks on health care affecting 22 facilities")
    r"^[\s\"']*(?:(?!(?:on|against)\b)\w+\s+){0,3}(?:by\s+(?:the\s+)?(?:\w+\s+){1,2})?"
    r"(?:on|against|targeting|targeted|affecting|"
    r"hitting|hit|struck|"
    r"involving)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?"
)
# What an attack hit: facilities (a part of attacks on health care), health workers, health care
# as a whole, schools, aid workers.
_TARGET_FACILITY = re.compile(
    _TARGET + r"(?:(?:health(?:care| care)?|medical) (?:facilities|facility|centres|centers|structures|"
    r"infrastructure)|hospitals?|clinics?)",
    re.IGNORECASE,
)
_TARGET_PERSONNEL = re.compile(
    _TARGET + r"(?:health(?:care| care)? (?:workers|personnel|staff)|medical (?:personnel|staff|workers)|"
    r"doctors|nurses|paramedics)",
    re.IGNORECASE,
)
_AND_PERSONNEL = re.compile(
    r"\s+(?:and|or|as well as)\s+(?:their\s+|the\s+)?(?:health(?:care| care)? (?:workers|personnel|staff)|"
    r"medical (?:personnel|staff|workers)|doctors|nurses|patients|ambulances)",
    re.IGNORECASE,
)
_TARGET_HEALTH = re.compile(_TARGET + r"(?:health|healthcare|medical)", re.IGNORECASE)
_TARGET_SCHOOL = re.compile(_TARGET + r"(?:schools?|education)", re.IGNORECASE)
_TARGET_AID = re.compile(
    _TARGET + r"(?:aid|humanitarian) (?:workers|personnel|staff|operations|convoys)", re.IGNORECASE
)
_POPULATION_SHARE = re.compile(
    r"^[\s%]*(?:per\s?cent|"
    r"percent)?\s*of\s+(?:the\s+)?(?:[\w']+\s+){0,3}population",
    re.IGNORECASE,
)
_ANAPHOR_START = re.compile(
    r"^\W*(?:of (?:these|them|those|whom)|among (?:them|these|the dead|those)|"
    r"this (?:includes|included)|they include|including)\b",
    re.IGNORECASE,
)


class TextContext(Struct, frozen=True):
    """What the text has spoken of before a sentence's end, which bare words lean on."""

    civilian_casualties: bool = False  # a bare "471 casualties" are civilians too
    health_attacks: bool = False  # an untargeted "WHO has verified 103 attacks" are on health care


NO_CONTEXT = TextContext()
"""What a sentence is read with when nothing is known of the text around it."""


class Cue(Struct, frozen=True):
    kind: str
    start: int
    end: int


class MetricReading(Struct, frozen=True):
    metric: str
    entity: Cue
    event: Cue | None
    unit: str | None = None  # 'households' when families were counted
    borrowed: str | None = None  # 'entity' / 'event' / 'entity and event' when taken from an earlier figure
    part_of: int | None = None  # a part of the figure at this index of the sentence's numbers
    subset: str | None = (
        None  # the part counted, when no metric names it ("men", "girls"): the total's metric
    )
    earlier: bool = False  # the first count of a change ("from 405 to 395"): not the sentence's time
    fallback: bool = False  # no pattern read it: the nearest cue of harm or flight in its clause did
    inferred: str | None = None  # why, when the metric was read from the line before the figure (round 18)


def events_in(folded: str, start: int, end: int) -> list[Cue]:
    """Event cues in a span, in order; at one position the cue listed first in EVENTS wins."""
    low = _lowered(folded)
    scan = _EVENT_RE_LOWER.finditer(low, start, end) if low else _EVENT_RE.finditer(folded, start, end)
    return [Cue(m.lastgroup or "", m.start(), m.end()) for m in scan]


# The text in lower case, kept for the text being read: a case-sensitive scan of it is more than
# twice as fast as a case-insensitive one of the text (None when lowering would move offsets).
_LOWERED: list[tuple[str, str | None]] = []


def _lowered(folded: str) -> str | None:
    cached = _LOWERED[0] if _LOWERED else None
    if cached is None or cached[0] is not folded:
        low = folded.lower()
        cached = (folded, low if len(low) == len(folded) else None)
        _LOWERED[:] = [cached]
    return cached[1]


_PARTITIVE_PRONOUN = re.compile(r"\s+of\s+(?:which|whom|them|these|those)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those|these)\b", re.IGNORECASE)
_HARM_OF_PART = re.compile(
    r"\s+(?:were|was|have been|had been)\s+(killed|dead|died|injured|wounded)\b", re.IGNORECASE
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|among them|among whom|of whom|of which|among the dead|among those killed|"
    r"(?:the )?(?:victims|dead) (?:included|include))\s+"
    r"(?:(?:at least|more than|over|some|about|nearly|around|almost|an estimated|no fewer than)\s+)?$",
    re.IGNORECASE,
)
_OF_THE_START = re.compile(r"^\W*(?:of|among)\s+(?:the|those)\s", re.IGNORECASE)


# A bound written after the number, before its noun: "12 or more people", "200-odd families"
_BOUND_AFTER = re.compile(r"^\s+(?:or more|or so|and more|or fewer|or less)\b|^-odd\b", re.IGNORECASE)


def entity_after(folded: str, number: NumberMention, limit: int) -> Cue | None:
    """The noun the number counts: the first entity within a few words after it."""
    window_end = min(limit, number.end + 60)
    best: Cue | None = None
    if _PARTITIVE_PRONOUN.match(folded, number.end):
        return None  # "9 of which targeted medical facilities": the noun is the antecedent
    for m in _ENTITY_RE.finditer(folded, number.end, window_end):
        gap = _BOUND_AFTER.sub("", folded[number.end : m.start()], count=1)  # "12 or more people"
        if re.search(r"[,;.:!?]", gap.replace("+", "")) or not _FILLER.match(gap) or _FILLER_STOP.search(gap):
            break
        if m.lastgroup == "deaths" and m.group().lower() == "killed" and gap.strip():
            break  # "37 killed" counts the dead; "two patients were killed" does not
        if m.lastgroup in ("detentions", "disappearances") and gap.strip():
            break  # "17 forced disappearances" counts people; "CHAPTER 10 MASS DETENTIONS" does not
        if _ACTIVE_VERB.search(gap):
            break  # "89 affecting health facilities": the noun is the verb's object, not what is counted
        best = Cue(m.lastgroup or "", m.start(), m.end())
        break
    if best is None:
        person = person_noun_after(folded, number.end)
        return Cue(*person) if person is not None and person[2] <= limit else None
    if (
        best.kind in ("deaths", "injuries", "casualties")
        and "civilian" in folded[best.start : best.end].lower()
    ):
        best = Cue("civilian_" + best.kind, best.start, best.end)
    if best.kind in PERSONS:
        # "3,000 combatants and civilians": one count of both
        both = _AND_NOUN.match(folded, best.end, window_end)
        if both is not None:
            other = _ENTITY_RE.match(folded, both.end())
            if (
                other is not None
                and other.lastgroup in PERSONS
                and other.lastgroup != best.kind
                and not _COUNTED.match(other.group())  # "7 health workers and two patients": two counts
            ):
                kind = _joined(best.kind, other.lastgroup or "")
                best = Cue(kind, best.start, other.end())
    return best


_ACTIVE_VERB = re.compile(
    r"\b(?:affecting|targeting|hitting|striking|killing|injuring|wounding|displacing|destroying|damaging)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?|some|several|dozens|"
    r"hundreds|thousands)\b)",
    re.IGNORECASE,
)
_AND_NOUN = re.compile(r"\s+(?:and|or)\s+(?:other\s+)?")


def _joined(a: str, b: str) -> str:
    """The noun that counts two groups together: women and children are civilians."""
    if {a, b} <= {"women", "children", "civilians"}:
        return "civilians"
    if "fighters" in (a, b) and {a, b} & {"civilians", "people"}:
        return "people"
    if {a, b} & {"health_workers", "aid_workers"} and {a, b} & {"patients", "civilians", "people"}:
        return "people"  # "16 health workers and patients": not health workers alone
    return a


def _gap_is_clause_internal(folded: str, start: int, end: int) -> bool:
    return not _CLAUSE_BREAK.search(folded[start:end])


def _pick_event(
    folded: str, events: list[Cue], number: NumberMention, after: int, entity: str, sentence_end: int
) -> Cue | None:
    """Head-close event ('killing up to 350'), else the nearest compatible one after, else before."""
    compatible = COMPATIBLE.get(entity, set())
    governing = governing_event(folded, events, number.start, after, compatible)
    if governing is not None:
        event, finite = governing
        if (
            event is not None
            and not finite
            and event.start > number.end
            and folded[event.start : event.end].lower() == "displaced"
        ):
            # "people displaced by the war": a state, a stock unless dated; "has left 2 million people
            # displaced": the state they were left in, a stock
            kind = "displaced_stock" if after_left(folded, number.start) else UNDATED
            return Cue(kind, event.start, event.end)
        return event
    before = [e for e in events if e.end <= number.start and e.kind in compatible]
    later = [e for e in events if e.start >= after and e.kind in compatible and e.start < sentence_end]
    # "2,474 IDPs, who were hosted in six townships, were able to return": not the aside's verb
    if later and not _SUBORDINATE.search(folded, after, later[0].start):
        return later[0]
    if before and re.search(r"\b(?:which|who|whose)\b", folded[before[-1].end : number.start]):
        return None  # "into Chad, which already hosts half a million refugees": another clause
    return before[-1] if before else None


def _attack_target(folded: str, pos: int) -> str | None:
    tail = folded[pos : pos + 80]
    if _TARGET_AMBULANCE.match(tail):
        return "ambulance"
    facility = _TARGET_FACILITY.match(tail)
    if facility:
        if _AND_PERSONNEL.match(tail, facility.end()):
            return "health"  # "attacks on hospitals and health workers": on health care as a whole
        return "facility"
    if _TARGET_PERSONNEL.match(tail):
        return "personnel"
    if _TARGET_HEALTH.match(tail):
        return "health"
    if _TARGET_SCHOOL.match(tail):
        return "school"
    if _TARGET_AID.match(tail):
        return "aid"
    return None


class _Previous(Struct):
    entity: Cue
    event: Cue | None
    person: str | None
    metric: str | None = None
    index: int | None = None  # of the figure in the sentence's numbers (None: an earlier sentence)


def read_metrics(
    folded: str,
    numbers: list[NumberMention],
    sentence: tuple[int, int],
    known: set[str],
    previous: _Previous | None = None,
    *,
    extra_events: list[Cue] | None = None,
    context: TextContext = NO_CONTEXT,
) -> tuple[list[MetricReading | None], _Previous | None]:
    """The metric of each number of one sentence (None: not a figure hfig counts).

    `extra_events`: cues found with knowledge this module lacks ("fled to Chad": a country, from
    the gazetteer); they replace the cues they overlap. `context`: what the text has spoken of
    before (civilian casualties, attacks on health care).
    """
    s_start, s_end = sentence
    restated = _restatements(folded, numbers, sentence)
    if restated:
        return _with_restatements(
            folded, numbers, sentence, known, previous, restated, extra_events=extra_events, context=context
        )
    if not numbers:
        # (only the sentence's last noun is wanted: look near its end)
        nouns = list(_ENTITY_RE.finditer(folded, max(s_start, s_end - 160), s_end))
        if not nouns:
            nouns = list(_ENTITY_RE.finditer(folded, s_start, s_end))
        if not nouns:
            return [], None
        last = nouns[-1]
        return [], _Previous(Cue(last.lastgroup or "", last.start(), last.end()), None, None)
    events = events_in(folded, s_start, s_end)
    if extra_events:
        events = sorted(
            [e for e in events if not any(e.start < x.end and x.start < e.end for x in extra_events)]
            + extra_events,
            key=lambda e: e.start,
        )
    out: list[MetricReading | None] = []
    anaphoric = bool(_ANAPHOR_START.match(folded[s_start:s_end])) or bool(
        numbers and _PARTITIVE_PRONOUN.match(folded, numbers[0].end)  # "Two of them are ..."
    )
    prev = previous if anaphoric else None
    counted = next((m for m in numbers if m.skip is None), None)
    if counted is not None and _PARTITIVE_PRONOUN.match(folded, counted.end):
        # "Civilians bore the brunt, as 1,366 of them were killed": "them" is the group the sentence
        # named before the number, when it named one
        group = [m for m in _ENTITY_RE.finditer(folded, s_start, counted.start) if m.lastgroup in PERSONS]
        if group:
            kind = group[-1].lastgroup or ""
            prev = _Previous(Cue(kind, group[-1].start(), group[-1].end()), None, kind)
    lead = _OF_THE_START.match(folded[s_start:s_end])
    comma = folded.find(",", s_start, s_end) if lead else -1
    lead_end = comma if comma != -1 else None
    if prev is None and lead:
        # "Of the facilities affected, 16 are now out of service": the noun leads the sentence
        head = _ENTITY_RE.search(folded, s_start, numbers[0].start if numbers else s_end)
        if head is not None:
            prev = _Previous(Cue(head.lastgroup or "", head.start(), head.end()), None, None)
    # "1.2 million of the 3 million people in NW Syria live in camps": a part and its whole
    part_of: dict[int, int] = {}
    for i in range(len(numbers) - 1):
        if (
            numbers[i].skip is None
            and numbers[i + 1].skip is None
            and _OF_WHOLE.fullmatch(folded[numbers[i].end : numbers[i + 1].start])
        ):
            part_of[i] = i + 1
    wholes = set(part_of.values())
    in_parts = False
    last_total: _Previous | None = None
    for i, n in enumerate(numbers):
        if i in part_of or i in wholes:
            whole = numbers[part_of.get(i, i)]
            after_whole = [m for m in numbers if m.start > whole.start and m.skip is None]
            noun = entity_after(folded, whole, after_whole[0].start if after_whole else s_end)
            reading = None
            the_part = numbers[i if i in part_of else i - 1]
            if whole.value in (10, 100) and _OUT_OF.fullmatch(folded[the_part.end : whole.start]):
                out.append(None)  # "nine out of ten women and children": a share, not a count
                continue
            if noun is not None and i in part_of:
                event = _pick_event(folded, events, n, noun.end, noun.kind, s_end)
                reading = _finish(folded, noun, event, n, known, ["entity"], noun.end)
            elif noun is not None and noun.kind in ("people", "civilians") and "population" in known:
                reading = MetricReading("population", noun, None)
            out.append(reading)
            continue
        later = [m for m in numbers[i + 1 :] if m.skip is None]
        limit = later[0].start if later else s_end
        own_events, end = events, s_end
        if lead_end is not None and n.end <= lead_end:
            # "Of the 84 health facilities in the area, 53 have suspended": the lead phrase's own events only
            own_events, end = [e for e in events if e.end <= lead_end], lead_end
            limit = min(limit, lead_end)
        part = (
            _is_part(folded, numbers, out, i, s_start)
            or bool(i > 0 and _PARTITIVE_PRONOUN.match(folded, n.end) and any(r is not None for r in out))
            or (
                in_parts
                and _LIST_GAP.match(folded[numbers[i - 1].end : n.start]) is not None
                and not events_in(folded, numbers[i - 1].end, n.start)
            )
        )
        if part and last_total is not None and ")" in folded[numbers[i - 1].end : n.start]:
            prev = last_total  # "351 killed (71 men, ...) and 707 injured": past the bracket, the total again
        reading = _read_one(folded, n, own_events, limit, s_start, end, prev, known, context, is_part=part)
        if part and reading is not None and prev is not None and prev.metric is not None:
            reading = _as_part(folded, n, reading, prev)
        out.append(reading)
        subset = part  # "including 68 children and 41 women": the list of parts goes on
        in_parts = subset and reading is not None
        if reading is None and not n.skip and not n.percent:
            # a counted noun with no metric ("21 attacks on civilian facilities") is still what
            # "9 of which ..." refers to
            noun = entity_after(folded, n, limit)
            if noun is not None:
                prev = _Previous(noun, None, prev.person if prev else None)
        # a casualty toll's killed and injured are its parts, and each the total of its own breakdown
        component = bool(
            subset
            and reading is not None
            and reading.subset is None
            and prev is not None
            and prev.metric in ("casualties", "civilian_casualties")
        )
        if reading is not None and (component or not (subset and prev is not None)):
            person = (
                reading.entity.kind if reading.entity.kind in PERSONS else (prev.person if prev else None)
            )
            if component and prev is not None:
                person = prev.person
            if reading.metric in ("casualties", "civilian_casualties"):
                person = "civilians" if reading.metric == "civilian_casualties" else "people"
            prev = _Previous(reading.entity, reading.event, person, reading.metric, i)
            if not subset:
                last_total = prev
        if reading is not None and _not_a_toll(folded, n, reading, s_start, end) is not None:
            out[-1] = None
            if prev is not None and prev.index == i:
                prev.index = None  # (a part after it is a figure of its own, tied to nothing drafted)
    _earlier_counts(folded, numbers, out)
    _health_attack_tolls(folded, numbers, out, known, sentence, previous, context)
    if prev is None:
        # the sentence's last counted noun, for "Two of them ..." in the next sentence
        nouns = list(_ENTITY_RE.finditer(folded, s_start, s_end))
        if nouns:
            last = nouns[-1]
            prev = _Previous(Cue(last.lastgroup or "", last.start(), last.end()), None, None)
    return out, prev


_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"\s+to\s+", re.IGNORECASE)


def _earlier_counts(folded: str, numbers: list[NumberMention], out: list[MetricReading | None]) -> None:
    """'The number of civilians killed fell (from 405 to 395)', 'rose from 12,000 to 15,000': the
    first number is the same count at an earlier time, so it takes the second's metric (its time,
    which the sentence does not give, is left to the reviewer)."""
    for i in range(len(numbers) - 1):
        first, then, reading = numbers[i], numbers[i + 1], out[i + 1]
        own = out[i]
        if (
            first.skip is None
            and not first.percent
            and not first.vague
            and _TO_BETWEEN.fullmatch(folded, first.end, then.start)
            and _FROM_BEFORE.search(folded, max(0, first.start - 8), first.start)
        ):
            if reading is not None and (own is None or own.metric == reading.metric):
                out[i] = replace(reading, earlier=True, part_of=None)
            elif own is not None and reading is None and then.skip is None and not then.percent:
                # (read by its label: still the earlier count; the second number is the same count now)
                out[i] = replace(own, earlier=True)
                out[i + 1] = replace(own, part_of=None)


# A figure said again in brackets, as an earlier count or another source's: "2,788 civilian casualties
# (2,685 in the report a day earlier)", "285 (255) killed", "killed (nearly 1,800 according to AAPP)".
_RESTATED_TAIL = re.compile(
    r"\s*(?:(?:according to|in|on|as of|a day|the day|previously|yesterday|earlier|last|per)\b[^()]{0,50})?\)"
)
_RESTATED_GAP = re.compile(r"[^\d,;:()]{0,40}\(\s*$")


def _restatements(folded: str, numbers: list[NumberMention], sentence: tuple[int, int]) -> dict[int, int]:
    """Numbers in brackets that restate the figure before them: index -> index of that figure."""
    out: dict[int, int] = {}
    for i in range(1, len(numbers)):
        n, j = numbers[i], i - 1
        while j >= 0 and numbers[j].skip is not None:
            j -= 1
        if n.skip is not None or j < 0 or j in out:
            continue
        before = without_qualifier(folded[numbers[j].end : n.start])
        tail = _RESTATED_TAIL.match(folded, n.end, sentence[1])
        if (
            _RESTATED_GAP.fullmatch(before)
            and tail is not None
            and not _ENTITY_RE.search(folded, n.end, tail.end())
            and not (i + 1 < len(numbers) and numbers[i + 1].start < tail.end())
        ):
            out[i] = j
    return out


def _with_restatements(
    folded: str,
    numbers: list[NumberMention],
    sentence: tuple[int, int],
    known: set[str],
    previous: _Previous | None,
    restated: dict[int, int],
    **options: Any,
) -> tuple[list[MetricReading | None], _Previous | None]:
    """Read the sentence as if the brackets were not there; a restatement takes its figure's metric."""
    blank = list(folded)
    for i in restated:
        opened = folded.rfind("(", 0, numbers[i].start)
        closed = folded.find(")", numbers[i].end)
        blank[opened : closed + 1] = " " * (closed + 1 - opened)
    kept = [k for k in range(len(numbers)) if k not in restated]
    readings, state = read_metrics(
        "".join(blank), [numbers[k] for k in kept], sentence, known, previous, **options
    )
    out: list[MetricReading | None] = [None] * len(numbers)
    for c, k in enumerate(kept):
        r = readings[c]
        out[k] = r if r is None or r.part_of is None else replace(r, part_of=kept[r.part_of])
    for i, j in restated.items():
        out[i] = out[j]
    return out, state


_LIST_GAP = re.compile(r"^[^.;:()\d]{0,40}?(?:,|\band\b)\s*$")
# People killed or injured in attacks on health care, as WHO counts them: "43 attacks on health care
# that have killed 12 people and injured dozens more", "88 attacks ... resulting in 55 deaths".
_ATTACK_TOLL = re.compile(
    r"\b(?:that|which|resulting in|resulted in|led to|leading to|causing|caused|claiming|claimed)\b"
    r"|,\s*(?:killing|injuring|wounding)\b",
    re.IGNORECASE,
)
_HEALTH_TOLL = {
    "people_killed": "health_attack_deaths",
    "people_injured": "health_attack_injuries",
    # (the labelling guide: deaths and injuries a text attributes to attacks on health care as a whole,
    # whoever was harmed; a text of civilian casualties makes a bare toll civilian, not these)
    "civilians_killed": "health_attack_deaths",
    "civilians_injured": "health_attack_injuries",
}
# "9 killed in 16 attacks on health care", "73 killed and 51 injured in 'attacks on health care'"
_IN_ATTACKS = re.compile(
    r"\bin\s+(?:the\s+|these\s+|those\s+|such\s+)?(?:[\d,]+\s+|\w+\s+)?[\"']?attacks?\b", re.IGNORECASE
)
# "These attacks have led to 9 deaths", "both of them in the northwest, claiming 10 lives": the attacks of
# the sentence before
_ATTACKS_ANAPHOR = re.compile(
    r"\W*(?:these|those|the|such|both|all)\s+(?:attacks|incidents|of them)\b|\W*they\b", re.IGNORECASE
)
_THE_ATTACKS = re.compile(r"\b(?:these|those|the|such)\s+attacks\b", re.IGNORECASE)
_HEALTH_TARGETS = {"health", "facility", "personnel", "ambulance"}


def _health_attack_tolls(
    folded: str,
    numbers: list[NumberMention],
    out: list[MetricReading | None],
    known: set[str],
    sentence: tuple[int, int],
    previous: _Previous | None,
    context: TextContext,
) -> None:
    """Deaths and injuries counted in attacks on health care: after the attacks they follow ("that
    killed", "resulting in"), before the attacks they happened in ("killed in 16 attacks on health
    care"), or after "these attacks" of the sentence before."""
    s_start, s_end = sentence
    attack: int | None = None
    if (
        previous is not None
        and (
            previous.metric in _HEALTH_ATTACK_METRICS
            or (previous.metric is None and previous.entity.kind == "attacks" and context.health_attacks)
        )
        and _ATTACKS_ANAPHOR.match(folded, s_start)
    ):
        attack = s_start
    if attack is None and context.health_attacks:
        # "WHO condemns these attacks that caused 6 deaths", "The attacks so far have claimed 73 lives"
        # in a text about attacks on health care
        named = _THE_ATTACKS.search(folded, s_start, numbers[0].start if numbers else s_end)
        attack = named.end() if named is not None else None
    for i, reading in enumerate(out):
        if reading is None:
            continue
        if reading.metric in _HEALTH_ATTACK_METRICS:
            attack = numbers[i].end
            continue
        if reading.metric not in _HEALTH_TOLL or _HEALTH_TOLL[reading.metric] not in known:
            continue
        after = attack is not None and _ATTACK_TOLL.search(folded, attack, numbers[i].start)
        if after or _in_health_attacks(folded, numbers[i].end, s_end, context.health_attacks):
            out[i] = replace(reading, metric=_HEALTH_TOLL[reading.metric])


_HEALTH_ATTACK_METRICS = {"health_attacks", "health_facility_attacks"}


def _in_health_attacks(folded: str, pos: int, end: int, health_text: bool = False) -> bool:
    m = _IN_ATTACKS.search(folded, pos, min(end, pos + 80))
    if m is None:
        return False
    if health_text and re.search(r"\b(?:these|those|such)\s", m.group(), re.IGNORECASE):
        return True  # "102 deaths ... in such attacks", in a text about attacks on health care
    return _attack_target(folded, m.end()) in _HEALTH_TARGETS


# Parts of a group that no metric names: the part takes the total's metric and says which part it is.
_SUBGROUP = re.compile(
    r"(?:men|boys|girls|adults|elderly|older people|teachers|students|pupils|patients|staff|"
    r"(?:\w+ )?(?:hospitals?|clinics?|centres|centers)|women|children)$",
    re.IGNORECASE,
)
_OWN_PART_METRICS = {
    "children_killed",
    "women_killed",
    "children_injured",
    # ("19 people including one of its staff members": a health or aid worker is a figure of its own)
    "health_workers_killed",
    "health_workers_injured",
    "aid_workers_killed",
    "aid_workers_injured",
}


def _as_part(folded: str, n: NumberMention, reading: MetricReading, total: _Previous) -> MetricReading:
    """A part of the total before it: with its own metric ("41 women" killed), or the total's with
    the part named ("71 men", "8 boys", "9 attacks on hospitals")."""
    words = folded[reading.entity.start : reading.entity.end].strip().lower()
    if reading.entity.kind == "attacks":
        words = _PART_WORDS.match(folded, n.end).group(1).strip().lower()  # type: ignore[union-attr]
        words = re.split(r"\s+(?:that|which|who|were|was|have|has|had|in|since|during|by)\b", words)[0]
    same_event = (
        total.event is None
        or reading.event is None
        or total.event.kind not in ("killed", "injured")
        or reading.event.kind == total.event.kind
    )
    own = reading.metric in _OWN_PART_METRICS and words not in ("boys", "girls", "boy", "girl") and same_event
    if own or (reading.borrowed and "entity" in reading.borrowed):
        return replace(reading, part_of=total.index)  # a figure of its own, tied to its total
    own_harm = reading.event is not None and reading.event.start >= n.end  # ("nine children killed")
    if not same_event and own_harm and reading.metric in _OWN_PART_METRICS:
        # "183 killed and 903 injured, including nine children killed and 49 injured": its own
        # harm, so a part of another total than the one just before; a figure of its own, untied
        return reading
    if reading.metric != total.metric and not _SUBGROUP.search(words):
        return replace(reading, part_of=total.index)
    metric = reading.metric if reading.metric in _OWN_PART_METRICS and same_event else total.metric
    return replace(reading, metric=metric or reading.metric, part_of=total.index, subset=words)


_PART_WORDS = re.compile(r"\s*((?:[\w'-]+\s*){0,5})")


def _is_part(
    folded: str, numbers: list[NumberMention], out: list[MetricReading | None], i: int, s_start: int
) -> bool:
    """A part of the figure before: "including 91 children", "(71 men, 41 women, ...)"."""
    n = numbers[i]
    if _SUBSET_BEFORE.search(folded[max(s_start, n.start - 40) : n.start]):
        return True
    totals = [j for j, r in enumerate(out[:i]) if r is not None and r.part_of is None]
    if totals and ":" in folded[numbers[totals[-1]].end : n.start]:
        return True  # "229 civilians were killed: 120 men, 95 women and 14 children"
    opened = folded.rfind("(", s_start, n.start)
    if opened == -1 or folded.find(")", opened, n.start) != -1:
        return False
    return any(r is not None and numbers[j].end <= opened for j, r in enumerate(out[:i]))


def _read_one(
    folded: str,
    n: NumberMention,
    events: list[Cue],
    limit: int,
    s_start: int,
    s_end: int,
    prev: _Previous | None,
    known: set[str],
    context: TextContext = NO_CONTEXT,
    is_part: bool = False,
) -> MetricReading | None:
    if n.skip:
        return None
    if n.percent:
        if "population_share" in known and _POPULATION_SHARE.match(folded[n.end : n.end + 60]):
            cue = Cue("population_share", n.end, n.end)
            return MetricReading("population_share", cue, None)
        return None
    if _OUT_OF_BEFORE.search(folded, max(s_start, n.start - 30), n.start):
        return None  # "32 hospitals out of 36": the whole, not a count of what happened
    if _FRACTION_OF.search(folded, max(s_start, n.start - 40), n.start) and not _WHOLE_WITH_VERB.match(
        folded, n.end
    ):
        return (
            None  # "two-thirds of the 3 million residents ... have been displaced": the whole, not the count
        )
    clause_end = _CLAUSE_END.search(folded, n.end, s_end)
    if _RATE.search(folded, n.end, clause_end.start() if clause_end else s_end):
        return None  # "seven children are killed every day": a rate, not a count
    if _AVERAGE_BEFORE.search(folded, max(s_start, n.start - 30), n.start) or _PER_LEAD.match(
        folded, s_start
    ):
        return None  # "an average of 20 civilians", "Per incident, ... 11 children": averages, not counts
    entity = entity_after(folded, n, limit)
    if entity is not None and _SPEAKERS_AFTER.match(folded, entity.end):
        return None  # "Two aid workers and several camp residents said ...": who spoke, not a toll
    if _PROJECTION.match(folded, entity.end if entity else n.end):
        return None  # "100,000 are set to arrive", "could be displaced": a projection
    apposition = _APPOSITION.search(folded, max(s_start, n.start - 40), n.start)
    if apposition is not None:
        # "37 percent of IDPs - 2.85 million people - are now in the west": the people are IDPs
        entity = Cue("idps", apposition.start(), apposition.end())
    if (
        entity is not None
        and entity.kind in ("aid_workers", "staff")
        and (entity.kind == "staff" or folded.startswith("of ", entity.start))
    ):
        # "a hospital run by the group ..., killing two of its staff", "twelve staff members": a
        # medical body's staff are health workers, other staff aid workers (the labelling guide:
        # "humanitarian workers or staff"); whose staff: the body spoken of in the sentence, or
        # just before it for bare "staff"
        if entity.kind == "aid_workers":
            medical = _MEDICAL_BODY.search(folded, s_start, n.start) is not None
        else:
            near = _MEDICAL_BODY.search(folded, max(0, n.start - 300), n.start)
            medical = context.health_attacks or near is not None
        kind = "health_workers" if medical else "aid_workers"
        entity = Cue(kind, entity.start, entity.end)
    if entity is None and _BREAKDOWN_AFTER.match(folded, n.end):
        # "355 (63 killed and 292 injured) in Government-controlled territory": casualties
        entity = Cue("casualties", n.end, n.end)
    if entity is not None and entity.kind == "casualties" and context.civilian_casualties:
        entity = Cue("civilian_casualties", entity.start, entity.end)
    share = _SHARE_OF_HARMED.match(folded, n.end)
    subject = _SUBJECT_ACCOUNTED.search(folded, s_start, n.start) if share else None
    if share is not None and subject is not None and subject.lastgroup in PERSONS:
        # "Children accounted for 41 of those killed": who before, the harm after
        harm = "killed" if share.group(1).lower() in ("killed", "dead") else "injured"
        metric = METRIC_RULES.get((subject.lastgroup or "", harm))
        if metric in known:
            assert metric is not None
            return MetricReading(
                metric,
                Cue(subject.lastgroup or "", subject.start(), subject.end()),
                Cue(harm, share.start(1), share.end(1)),
            )
    harmed = _OF_THOSE_HARMED.match(folded, n.end)
    if harmed is not None:
        # "At least 7 of those injured are health workers": the harm is before, who they are after
        group = _ENTITY_RE.match(folded, harmed.end())
        harm = "killed" if harmed.group(1).lower() in ("killed", "dead") else "injured"
        metric = METRIC_RULES.get((group.lastgroup or "", harm)) if group is not None else None
        if group is not None and metric in known:
            assert metric is not None
            return MetricReading(
                metric,
                Cue(group.lastgroup or "", group.start(), group.end()),
                Cue(harm, harmed.start(1), harmed.end(1)),
            )
    part = _PARTITIVE_PRONOUN.match(folded, n.end)
    if part is not None and prev is not None:
        # "35 wounded, 12 of them children": a part of the figure before, with its event
        # ("11 of whom were children": past the copula)
        subset = _ENTITY_RE.match(folded, _PART_NOUN_START.match(folded, part.end()).end())  # type: ignore[union-attr]
        if subset is not None and subset.lastgroup in PERSONS:
            kind = subset.lastgroup
            metric = METRIC_RULES.get((kind, prev.event.kind)) if prev.event else None
            if metric is None or metric not in known:
                return None
            return MetricReading(metric, Cue(kind, subset.start(), subset.end()), prev.event, None, "event")
        part_harm = _HARM_OF_PART.match(folded, part.end())
        casualties = prev.entity.kind in ("casualties", "civilian_casualties")
        if part_harm is not None and casualties and (subset is None or subset.lastgroup not in PERSONS):
            # "406 casualties ..., 162 of whom were killed": the part's own harm, of the whole's people
            person = "civilians" if prev.entity.kind == "civilian_casualties" else "people"
            kind = "killed" if part_harm.group(1).lower() in ("killed", "dead", "died") else "injured"
            metric = METRIC_RULES.get((person, kind))
            if metric in known:
                assert metric is not None
                cue = Cue(kind, part_harm.start(1), part_harm.end(1))
                return MetricReading(metric, Cue(person, cue.start, cue.end), cue)
    if n.text.lower() in ("a", "an") and (entity is None or len(folded[n.end : entity.start].split()) > 2):
        return None  # "and an armoured carrier" counts one only when the noun follows at once
    if entity is not None and _PARTITIVE.match(folded, n.end):
        # "80,000 of the newly displaced people are living in the open": a part of a group, whose
        # count the entity alone would not say
        event_here = _pick_event(folded, events, n, entity.end, entity.kind, s_end)
        if event_here is None or event_here.kind in ("live", "displaced_stock"):
            return None
    borrowed: list[str] = []
    if (
        entity is not None
        and entity.kind == "households"
        and prev is not None
        and prev.metric is not None
        and prev.index is not None
        and _IN_OTHER_UNIT.fullmatch(folded, prev.entity.end, n.start)
    ):
        # "190,975 people (43,712 families)", "1,006,276 displaced individuals comprising 167,652
        # households": the same people counted in families
        return MetricReading(prev.metric, entity, prev.event, "households", None, prev.index)
    victims_of = (
        _VICTIMS_OF.match(folded, entity.end)
        if entity is not None and folded[entity.start : entity.end].lower() == "victims"
        else None
    )
    if victims_of is not None and not _EVENT_RE.search(
        folded, victims_of.end(), min(s_end, victims_of.end() + 30)
    ):
        return None  # "628 victims of sexual violence": the harm named is one hfig does not count (round 12)
    if (
        entity is not None
        and entity.kind == "people"
        and folded[entity.start : entity.end].lower() in ("others", "victims")
        and prev is not None
    ):
        # ("192 civilians, including ... and six victims who died under torture": of the group before)
        entity = Cue(prev.person or prev.entity.kind, entity.start, entity.end)
    if (
        entity is not None
        and folded[entity.start : entity.end].lower() == "lives"
        and not _LIVES_TAKEN.search(folded, max(s_start, n.start - 40), n.start)
        and not _LIVES_LOST.match(folded, entity.end)
    ):
        return None  # "saved 100 lives" counts no dead; "claiming 10 lives" does
    if entity is not None and entity.kind in ("deaths", "injuries", "civilian_deaths", "civilian_injuries"):
        space = _SPACE.match(folded, entity.end)
        named = _ENTITY_RE.match(folded, space.end()) if space else None
        adjective = _WHO_ADJECTIVE.search(folded, n.end, entity.start)
        if named is not None and named.lastgroup in _CASUALTY_PERSONS:
            person = named.lastgroup  # "749 injured civilians": the harm is an adjective of the noun
        elif _HEALTH_SECTOR.search(folded, max(s_start, n.start - 60), min(s_end, entity.end + 60)):
            person = "health_workers"  # "the toll on the health sector stands at 192 killed and 308 injured"
        elif adjective is not None:
            person = "fighters" if adjective.group(1) else "children"  # "60 militant deaths"
        elif (
            entity.kind.startswith("civilian")
            or _such_civilian(folded, n, entity)
            or _AMONG_CIVILIANS.search(folded, entity.end, min(s_end, entity.end + 120))
        ):
            person = "civilians"
        elif prev and prev.person in _CASUALTY_PERSONS:
            person = prev.person
        else:
            # "1,707 wounded" in a text that counts civilian casualties: civilians
            person = "civilians" if context.civilian_casualties else "people"
        if (
            person == "people"
            and re.search(r"\bcivilian", folded[s_start : n.start], re.IGNORECASE)
            and (
                _LABEL_END.search(folded[s_start : n.start])
                or re.search(r":\s*(?:\S+\s+\w+,\s*)*$", folded[s_start : n.start])
            )
        ):
            person = "civilians"  # "Civilian casualties: 37 killed, 81 injured"
        event_kind = "killed" if entity.kind.endswith("deaths") else "injured"
        metric = METRIC_RULES.get((person, event_kind))
        if metric in known:
            assert metric is not None
            return MetricReading(
                metric, Cue(person, entity.start, entity.end), Cue(event_kind, entity.start, entity.end)
            )
        return None
    after = entity.end if entity else n.end
    if entity is None and not n.vague:
        label = _label(folded, events, s_start, n)
        if label is not None:
            noun, head_verb = label
            if noun.kind == "casualties" and (
                context.civilian_casualties or "civilian" in folded[noun.start : noun.end]
            ):
                noun = Cue("civilian_casualties", noun.start, noun.end)
            return _finish(folded, noun, head_verb, n, known, [], noun.end)
    if entity is None and _COMPARED_WITH.search(folded, max(s_start, n.start - 40), n.start):
        if prev is not None and prev.metric is not None and not _new_count(folded, prev, n):
            # "4.1 million people were displaced, up from 3.9 million": the same count, earlier
            return MetricReading(prev.metric, prev.entity, prev.event, None, "entity and event")
        earlier = _earlier_count(folded, events, s_start, n, known)
        if earlier is not None:
            return earlier
    head = phrase_head(folded, n.end) if entity is None and _NOUN_NEXT.match(folded, n.end) else None
    if head is not None and head[0].lower().endswith("s") and not _EVENT_RE.match(folded, head[1]):
        return None  # "98 death threats", "13 massacres": a plural noun counts things hfig does not
    if entity is None:
        bare = _bare_number(folded, events, n, s_start, known, context, prev)
        if bare is not None:
            return bare
    if entity is None and _LOCATIVE_BEFORE.search(folded, max(s_start, n.start - 12), n.start):
        return None  # "sheltering in 150 emergency shelters", "displaced to 9,058 locations": places
    other = _OTHER_NOUN_AFTER.match(folded, n.end) if entity is None else None
    if other is not None and not _EVENT_RE.match(folded, other.start(1)):
        return None  # "and two patients were killed": a noun hfig does not count, not the figure before
    if entity is None and prev is None and not n.vague:
        elided = _elided_head(folded, events, n, s_start, s_end, known)
        if elided is not None:
            return elided
    if entity is None:
        if prev is None or (
            n.vague and not _MORE_AFTER.match(folded, n.end)
        ):
            return None  # ("thousands more injured", "and wounded dozens" continue the figure before)
        if _new_count(folded, prev, n):
            return None
        tail = folded[n.end : limit]
        clause_tail = re.split(r"[,;.:!?]", tail, maxsplit=1)[0]
        own = _pick_event(folded, events, n, n.end, prev.entity.kind, s_end)
        short_tail = not clause_tail.strip() or bool(
            re.match(
                r"^\s*(?:on|in|of them|of these|of whom|of which|of those|against|at|so far|alone|in total|"
                r"more|others|each|respectively)\b",
                clause_tail,
                re.IGNORECASE,
            )
        )
        event: Cue | None
        if prev.entity.kind == "attacks" and _attack_target(folded, n.end) is not None:
            # "103 attacks, with 89 affecting health facilities": the attacks again, with a target of
            # their own
            return _finish(folded, prev.entity, None, n, known, ["entity"], n.end)
        if own is not None and (own.start >= n.end or number_near(folded, own, n)):
            entity = prev.entity
            borrowed.append("entity")
            event = own
        elif short_tail and (part is None or _part_continues(folded, part.end(), limit, prev.entity.kind)):
            # ("80,000 of them are sleeping in the open" says something else about a part: not drafted)
            entity, event = prev.entity, prev.event
            borrowed.append("entity and event")
        else:
            return None
        return _finish(folded, entity, event, n, known, borrowed, after)
    event = _pick_event(folded, events, n, after, entity.kind, s_end)
    stock_noun = (
        entity.kind in ("idps", "refugees")
        and event is not None
        and event.kind == "displaced"
        and event.end <= n.start
        and not _SINCE_AFTER.match(folded, entity.end)
    )
    predicate = (
        entity.kind in _STATUS_NOUNS
        and _COPULA_BEFORE_NOUN.fullmatch(folded, n.end, entity.start) is not None
    )
    if predicate and event is not None and event.end <= n.start:
        # "169,000 people are internally displaced and 13,000 are refugees": after a copula the noun
        # says what they are; the event of another clause before it is not theirs (round 12)
        event = None
    if stock_noun:
        # "a quarter of the population has been displaced, with 400,000 refugees and 300,000
        # IDPs": the nouns of a stock, after the flow's verb; the count of who is displaced now
        event = None
    if event is not None and event.kind == "displaced" and event.start >= n.end:
        event = _border_after(folded, events, event, s_end) or event
    if event is not None and event.kind == "displaced" and _displaced_as_of(folded, event, s_start, s_end):
        event = Cue("displaced_stock", event.start, event.end)
    if entity.kind == "detainees" and any(e.kind in ("rescued", "sentenced") for e in events):
        return None  # "200 prisoners were released", "exchanged 200 prisoners", "... sentenced": not held
    if (
        entity.kind == "detainees"
        and event is not None
        and event.kind == "killed"
        and not (
            event.start >= after
            and not _CLAUSE_BREAK.search(_INCLUDING_ASIDE.sub("", folded[after : event.start]))
        )
        and not (event.end <= n.start and _gap_is_clause_internal(folded, event.end, n.start))
    ):
        # prisoners are killed only in their own clause ("four prisoners, including a lawmaker, were
        # executed"; not "prisoners who remain in prison, victims of a regime ... executing civilians")
        event = None
    own_verb = (
        event is not None and event.start >= after and _gap_is_clause_internal(folded, after, event.start)
    )
    if (
        is_part
        and not own_verb
        and prev is not None
        and prev.event is not None
        and prev.event.kind in COMPATIBLE.get(entity.kind, set())
        and prev.event.kind in ("killed", "injured", "displaced", "missing", "detained")
    ):
        event = prev.event  # "killing 380 civilians, including 91 children, and injuring many": killed
    if event is None and entity.kind in ("people", "households"):
        event = _movement_in_brackets(folded, n, s_start)
    if (
        event is None
        and not stock_noun
        and not predicate
        and prev is not None
        and prev.event is not None
        and entity.kind in PERSONS
    ):
        event = prev.event
        borrowed.append("event")
    return _finish(
        folded, entity, event, n, known, borrowed, after, _untargeted(folded, after, context)
    ) or _fallback(folded, n, entity, events, s_start, s_end, known)


# --- the fallback: a counted noun no pattern gave a metric (round 9) ----------------------------
# The cues of harm a fallback reads: the events above that count harm, detention or damage, and
# words that say the same without fitting a pattern ("the victims included", "captured", "four
# schools have sustained damage"). Displacement cues are left out: leave-one-part-out chose that
# (docs/extract.md, "Round 9"), as the metric they would give is wrong about half the time.
FALLBACK_EVENTS = frozenset(
    {
        "killed", "injured", "casualty", "missing", "detained", "attacked", "damaged", "destroyed",
        "damaged_or_destroyed", "out_of_service", "affected",
    }
)  # fmt: skip
_FALLBACK_WORDS = re.compile(
    r"\b(?:(?P<killed>victims|fatalities|bodies|fallen)"
    r"|(?P<detained>hostages?|captured|capturing|abductions|seized)"
    r"|(?P<attacked>targeting|striking|impacted|impacting)"
    r"|(?P<damaged>(?:sustained|suffered) (?:\w+ )?damage)"
    r"|(?P<casualties>casualties))\b",
    re.IGNORECASE,
)
# Where a fallback looks for its cue: the number's clause (a comma, semicolon, colon, bracket,
# spaced dash or sentence end closes it), at most this many characters from the number (chosen
# by leave-one-part-out among 30, 50 and 80)
_FALLBACK_BREAK = re.compile(r"[,;:.!?()\n]|\s[-\u2013\u2014]\s")
FALLBACK_REACH = 50


def _fallback(
    folded: str,
    n: NumberMention,
    entity: Cue,
    events: list[Cue],
    s_start: int,
    s_end: int,
    known: set[str],
) -> MetricReading | None:
    """A number with a noun of its own that no pattern gave a metric ("the victims included 74
    children", "four schools have sustained damage"): the nearest cue of harm in its clause names
    the event; the reading is marked `fallback` (a draft with lower confidence).

    Reached only where every pattern failed for want of a rule (a noun with no event, or a pair
    with no rule), never where a check said the number is no figure (a rate, a place, a speaker,
    a noun hfig does not count); the frame checks (`_not_a_toll`) still apply after it.
    """
    if n.skip or n.percent or (entity.kind not in PERSONS and entity.kind not in COMPATIBLE):
        return None
    reach = max(s_start, n.start - FALLBACK_REACH)
    before = [m.end() for m in _FALLBACK_BREAK.finditer(folded, reach, n.start)]
    lo = before[-1] if before else reach
    after = _FALLBACK_BREAK.search(folded, n.end, min(s_end, n.end + FALLBACK_REACH))
    hi = after.start() if after else min(s_end, n.end + FALLBACK_REACH)
    cues = [e for e in events if e.kind in FALLBACK_EVENTS and lo <= e.start and e.end <= hi]
    cues += [
        Cue(m.lastgroup or "", m.start(), m.end())
        for m in _FALLBACK_WORDS.finditer(folded, lo, hi)
        if not (m.start() < entity.end and entity.start < m.end())
    ]
    cues = [c for c in cues if not (c.start < n.end and n.start < c.end)]
    if not cues:
        return None
    # the nearest cue, one before the number counting twice its distance (a verb after its subject
    # is the likelier reading: "74 children were among the victims")
    cue = min(cues, key=lambda c: (c.start - n.end) if c.start >= n.end else 2 * (n.start - c.end))
    if cue.kind == "casualties":
        noun, event = Cue("casualties", cue.start, cue.end), None
    else:
        noun, event = entity, cue
    metric = METRIC_RULES.get((noun.kind, event.kind if event else ""))
    if metric is None and entity.kind in PERSONS and event is not None:
        metric = METRIC_RULES.get(("people", event.kind))  # ("seven women" among the wounded: people)
    if metric is None or metric not in known:
        return None
    unit = "households" if noun.kind in ("households", "idp_households") else None
    return MetricReading(metric, noun, event, unit, fallback=True)


_HAVE_BEEN = re.compile(r"\b(?:have|has)\s+been\s+(?:internally\s+)?$", re.IGNORECASE)
_AS_OF = re.compile(r"\bas of\b", re.IGNORECASE)
_FROM_A_TIME = re.compile(
    r"\b(?:since|between|from|during|over the (?:past|last)|in the (?:past|last))\b", re.IGNORECASE
)


_NOT_SAME_SUBJECT = re.compile(
    r"[;\d]|\b(?:while|whereas|but|others?|some|another|rest|where|which|who|whom|after|before|when)\b",
    re.IGNORECASE,
)


def _border_after(folded: str, events: list[Cue], event: Cue, s_end: int) -> Cue | None:
    """"600 people have fled the violence and crossed into Guatemala", "17,000 people fleeing the
    battles had arrived in neighbouring Guinea": the flight of the figure's own verb phrase ends across
    a border; the destination outranks the manner (round 13). Not when another subject or clause
    comes between ("..., while others crossed into Chad")."""
    for cue in events:
        if cue.kind != "abroad" or cue.start <= event.end or cue.start >= s_end:
            continue
        if _NOT_SAME_SUBJECT.search(folded, event.end, cue.start):
            return None
        return cue
    return None


def _displaced_as_of(folded: str, event: Cue, s_start: int, s_end: int) -> bool:
    """"As of 31 August, 87,895 individuals have been displaced": the people displaced on a date, a
    stock (as "remain displaced"), unless the sentence counts from a time ("since 15 April")."""
    return (
        _HAVE_BEEN.search(folded, max(s_start, event.start - 30), event.start) is not None
        and _AS_OF.search(folded, s_start, s_end) is not None
        and _FROM_A_TIME.search(folded, s_start, s_end) is None
    )


def _such_civilian(folded: str, n: NumberMention, entity: Cue) -> bool:
    """"the number of civilians killed ... The KST recorded 47 such deaths": deaths of the kind just
    spoken of, civilians."""
    return _SUCH.fullmatch(folded, n.end, entity.start) is not None and (
        re.search(r"\bcivilian", folded[max(0, n.start - 400) : n.start], re.IGNORECASE) is not None
    )


_SUCH = re.compile(r"\s+such\s+", re.IGNORECASE)
# "11 deaths and more than 60 wounded have been recorded among civilians", "19 dead among civil citizens"
_AMONG_CIVILIANS = re.compile(
    r"\bamong\s+(?:the\s+)?(?:civilians|civil citizens|the civilian population)\b", re.IGNORECASE
)


def _new_count(folded: str, prev: _Previous, n: NumberMention) -> bool:
    """Whether a count phrase of its own comes between the figure before and this one ("..., while
    the number of victims of X rose from 14 to 29"): then this one is not the figure before's again."""
    return prev.entity.end < n.start and _COUNT_OF.search(folded, prev.entity.end, n.start) is not None


def _untargeted(folded: str, after: int, context: TextContext) -> str | None:
    """The target of attacks that name none ("WHO has verified 103 attacks"), in a text about attacks on
    health care: health care. Attacks on something else say so ("attacks on villages")."""
    if context.health_attacks and not _NAMED_TARGET.match(folded, after):
        return "health"
    return None


_NAMED_TARGET = re.compile(r"[\s\"']*(?:on|against|targeting|in|at)\b", re.IGNORECASE)


_SPACE = re.compile(r"\s+")
_SHARE_OF_HARMED = re.compile(r"\s+of\s+(?:those|the)\s+(killed|dead|injured|wounded)\b", re.IGNORECASE)
_SUBJECT_ACCOUNTED = re.compile(
    _ENTITY_RE.pattern + r"\s+(?:accounted for|made up|represented|comprised|were)\s+"
    r"(?:(?:at least|more than|over|some|about|nearly|around|almost)\s+)?$",
    re.IGNORECASE,
)
_OF_THOSE_HARMED = re.compile(
    r"\s+of\s+(?:those|the|them)\s+(killed|dead|injured|wounded)\s+(?:are|were|was|is|included?)\s+"
    r"(?:(?:all|also|mostly|reportedly)\s+)?",
    re.IGNORECASE,
)
# Who died, as an adjective before the deaths: "60 militant deaths", "12 child deaths"
_WHO_ADJECTIVE = re.compile(
    r"\b(?:(militant|combatant|soldier|military|troop|rebel|fighter|insurgent|jihadist)|child|children's)\s",
    re.IGNORECASE,
)
# A body whose staff are health workers (the labelling guide: "an NGO's staff killed in a hospital").
_MEDICAL_BODY = re.compile(
    r"\b(?:hospitals?|clinics?|medical|ambulances?|msf|doctors without borders|medecins sans frontieres|"
    r"health centres?|health centers?)\b",
    re.IGNORECASE,
)
# The harmed named as a sector: "163 fatalities and 272 injuries within the health sector".
_HEALTH_SECTOR = re.compile(
    r"\b(?:on|in|within|among|across|of|to) (?:the )?(?:health(?:care| care)?|medical) sector\b",
    re.IGNORECASE,
)
_LIVES_TAKEN = re.compile(
    r"\b(?:claim\w*|cost\w*|took|taken|taking|takes|lost|losing|loss of|ended)\s+(?:the\s+)?"
    r"(?:(?:at least|more than|over|some|about|nearly|around|almost|up to|as many as|close to)\s+)?$",
    re.IGNORECASE,
)
_OPEN_BRACKET = re.compile(r"\([^()]{0,50}$")  # ("(931 households, i.e. more than 5,000 people)")
_BRACKETED = re.compile(r"\([^()]*\)")


def _movement_in_brackets(folded: str, n: NumberMention, s_start: int) -> Cue | None:
    """"displacements towards the town (931 households, i.e. 5,000 people)": a count in brackets after
    a noun of movement counts the people who moved (round 12)."""
    bracket = _OPEN_BRACKET.search(folded, max(s_start, n.start - 52), n.start)
    if bracket is None:
        return None
    head = _BRACKETED.sub(lambda m: " " * len(m.group()), folded[s_start : bracket.start()])
    nouns = [m for m in _ENTITY_RE.finditer(head) if m.lastgroup == "movements"]
    if not nouns or re.search(r"[;:.!?]", head[nouns[-1].end() :]) or len(head) - nouns[-1].end() > 80:
        return None
    return Cue("displaced", s_start + nouns[-1].start(), s_start + nouns[-1].end())


_STATUS_NOUNS = {"refugees", "idps", "returnees"}
_COPULA_BEFORE_NOUN = re.compile(
    r"\s+(?:are|were|remain|remained)(?:\s+(?:now|still|currently|already|all))?\s+(?:[a-z]+\s+)?",
    re.IGNORECASE,
)
_VICTIMS_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
_LIVES_LOST = re.compile(r"\s+(?:(?:were|was|have been|has been|had been)\s+)?lost\b", re.IGNORECASE)
_LABEL_END = re.compile(
    r"(?::|=|\bstood at|\bstands at|\breached|\brose to|\btotall?ed|\bclimbed to|\bwas|\bat|"
    r"\b(?:risen|increased|jumped|grown|grew|soared|mounted) to|"
    r"\bsurpassed|\bexceeded|\btopped|\bpassed|\bto|"
    r"\bexceeds|\bsurpasses|\btops|\bpasses|\bhits|\breaches|\brises to|"  # (headlines, present tense)
    r"\breaching|\bapproaching|\bnearing|\bstanding at|\brising to|"  # ("with the number of X reaching N")
    r"\b(?:passed|crossed|surpassed|exceeded|topped) the)(?:\s+(?:today|yesterday|now|already))?\s*$",
    re.IGNORECASE,
)
_CELL_BREAK = re.compile(r"[|;\u2022][^|;\u2022]*$")
_COUNT_OF = re.compile(r"\b(?:number|total|count|tally)\s+of\s+(?:the\s+)?", re.IGNORECASE)
_LEAD_PHRASE = re.compile(
    r"(?:in|on|by|during|between|since|from|over|as of|at|across|throughout)\b[^,.;:()]{1,40},\s*",
    re.IGNORECASE,
)
_SAID_LEAD = re.compile(
    r"(?:[\w'.-]+\s+){1,4}(?:said|says|reported|reports|noted|notes|added|stated|found)(?:\s+that)?\s+",
    re.IGNORECASE,
)
# "the number of displaced people is now approaching four million": a plain "is" ends a label only
# after a word that names a count
# ("strikes that hit two markets": "hit" ends a label only after a count, "the toll hit 500")
_COPULA_END = re.compile(r"\b(?:is|are|hit)(?:\s+(?:now|currently|already))?\s*$", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"\b(?:number|total|toll|tally|count|figure)s?\b", re.IGNORECASE)


def _is_label(head: str) -> bool:
    if _LABEL_END.search(head):
        return True
    return bool(_COPULA_END.search(head) and _COUNT_NOUN.search(head))


_BARE_AFTER = re.compile(
    r"\s*(?:[,.;:)]|and\b|in\b|on\b|at\b|near\b|when\b|as\b|after\b|while\b|"
    r"during\b|across\b|$)",
    re.IGNORECASE,
)
# Whose deaths or injuries a bare "and 31 injured" continues: a casualty list, not "IDPs ... 229 dead".
_CASUALTY_PERSONS = {"civilians", "children", "women", "fighters", "health_workers", "aid_workers", "people"}
_OUT_OF = re.compile(r"\s+out\s+of\s+(?:every\s+)?", re.IGNORECASE)
_PART_NOUN_START = re.compile(r"\s*(?:(?:were|are|was|is)\s+)?")
# "1.2 million of the 3 million people", "1.5 million of Gaza's 2.3 million people": a part and its whole
_OF_WHOLE = re.compile(
    r"\s+(?:of|out\s+of)\s+(?:every\s+|the\s+|an estimated\s+|some\s+|about\s+|around\s+|nearly\s+|over\s+|"
    r"more than\s+|its\s+|their\s+|(?:the\s+)?[\w-]+'s\s+)?",
    re.IGNORECASE,
)
_OUT_OF_BEFORE = re.compile(r"\bout\s+of\s+(?:the\s+|a\s+total\s+of\s+|some\s+|about\s+)?$", re.IGNORECASE)
# "Most of the 7,000 people who have crossed into Chad ... are women": the whole has a verb of its own
_WHOLE_WITH_VERB = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:who|that)\s+(?:have|has|had|were|was)\s+(?:been\s+)?[a-z]+(?:ed|en|ught)\b",
    re.IGNORECASE,
)
_FRACTION_OF = re.compile(
    r"\b(?:half|third|thirds|quarter|quarters|fifth|fifths|percent|per cent|%|proportion|share|majority|"
    r"minority|most|many|some|all|none|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:the|its|their|"
    r"those|these|an estimated|some|about|around|nearly)\s*$",
    re.IGNORECASE,
)
# The same count in another unit, right after it: " (", " comprising ", " or "
_IN_OTHER_UNIT = re.compile(r"\s*(?:\(|,?\s+(?:comprising|in|or|making up)\s+)\s*", re.IGNORECASE)
_INCLUDING_ASIDE = re.compile(r",\s*including\b[^,;.]*,", re.IGNORECASE)
# A bare number made to flee: "forced thousands to flee their homes", "compelled 2,000 to leave their homes"
# An earlier count the sentence's figure is compared with: "the number of IDPs ... is up from the
# estimate of 7.7mn", "is significantly higher than the 7.1 million estimate"
_COMPARED_WITH = re.compile(
    # ("more than" is a qualifier, not a comparison with an earlier count)
    r"(?:\b(?:up|down|rose|risen|increased|dropped|fell|decreased)\s+from\s+(?:the\s+|an?\s+|its\s+)?"
    r"|\b(?:higher|lower)\s+than\s+(?:the|an?|its)\s+"
    r"|\bcompared\s+(?:with|to)\s+)"
    r"(?:(?:previous\s+|earlier\s+)?(?:estimate|figure|count|total)\s+of\s+)?"
    r"(?:(?:about|around|some|nearly|over|more than)\s+)?$",
    re.IGNORECASE,
)


def _earlier_count(
    folded: str, events: list[Cue], s_start: int, n: NumberMention, known: set[str]
) -> MetricReading | None:
    """The earlier count counts what the sentence's subject counts, with the subject's verb; after
    a count phrase of its own ("..., while the number of victims ... rose from 14 to 29"), what that
    phrase counts."""
    counts = list(_COUNT_OF.finditer(folded, s_start, n.start))
    subject = _ENTITY_RE.search(folded, counts[-1].end() if counts else s_start, n.start)
    if subject is None:
        return None
    kind = subject.lastgroup or ""
    verbs = [
        e for e in events if subject.end() <= e.start < n.start and e.kind in COMPATIBLE.get(kind, set())
    ]
    cue = Cue(kind, subject.start(), subject.end())
    return _finish(folded, cue, verbs[0] if verbs else None, n, known, ["entity"], n.end)


# "children are paying a high price, with at least nine reportedly killed": the sentence's subject
_WITH_BEFORE = re.compile(
    r"\bwith\s+(?:(?:at least|more than|over|some|about|nearly|around|almost)\s+)?$", re.IGNORECASE
)


def _bare_number(
    folded: str,
    events: list[Cue],
    n: NumberMention,
    s_start: int,
    known: set[str],
    context: TextContext,
    prev: _Previous | None,
) -> MetricReading | None:
    """A number with no noun counts people when a verb of harm or flight governs it, as its object
    ("killing 12 and wounding 30", "has displaced nearly 9 million") or its subject ("320,000 had
    fled", "forced thousands to flee", "ten more died"): the people of the figure before when it
    counted people ("12 health workers were killed and 5 were injured")."""
    before = object_event(folded, events, n.start)
    if before is not None and before.kind in _DEFAULT_PERSON and _BARE_AFTER.match(folded, n.end):
        event = before
    else:
        after = subject_event(folded, events, n.end)
        if after is None or after[0].kind not in _DEFAULT_PERSON:
            return None
        event = after[0]
    who = _subject_before_with(folded, s_start, n)
    if who is None and prev is not None and prev.person in _CASUALTY_PERSONS:
        who = Cue(prev.person or "", event.start, event.end)
    who = who or Cue(_implied_person(event.kind, context), event.start, event.end)
    reading = _finish(folded, who, event, n, known, ["entity"], n.end)
    if reading is None and who.kind != "people":
        reading = _finish(folded, Cue("people", who.start, who.end), event, n, known, ["entity"], n.end)
    return reading


def _elided_head(
    folded: str, events: list[Cue], n: NumberMention, s_start: int, s_end: int, known: set[str]
) -> MetricReading | None:
    """A number with no noun after it and no figure before it counts the displaced, refugees or
    returnees its sentence named before it with no number of their own: the head noun is left out as
    said already ("a crisis for internally displaced people, and there are already more than 40,000
    in the district"). Round 16; nouns that need a verb for their metric (people, civilians) are left
    out, as their verb is the noun's clause's, not the number's."""
    if _ELIDED_NOT_AFTER.match(folded, n.end) or not _ELIDED_BEFORE.search(folded, s_start, n.start):
        return None  # "929 of these facilities", "one-third": the count is of something else
    if _MODAL_BEFORE.search(folded, max(s_start, n.start - 40), n.start):
        return None  # "may reach as many as 760,000": a projection
    cue = _last_noun_before(folded, s_start, n, _ELIDED_KINDS)
    if cue is None:
        return None
    # only a verb of the number's own clause, after it: the verb before was said of the noun
    own = [e for e in events if e.start >= n.end and _gap_is_clause_internal(folded, n.end, e.start)]
    event = _pick_event(folded, own, n, n.end, cue.kind, s_end) if own else None
    return _finish(folded, cue, event, n, known, ["entity"], n.end)


def _subject_before_with(folded: str, s_start: int, n: NumberMention) -> Cue | None:
    if not _WITH_BEFORE.search(folded, max(s_start, n.start - 30), n.start):
        return None
    return _last_noun_before(folded, s_start, n, PERSONS)


def _last_noun_before(folded: str, s_start: int, n: NumberMention, kinds: Collection[str]) -> Cue | None:
    """The last noun of one of these kinds between the sentence's start and the number."""
    nouns = [m for m in _ENTITY_RE.finditer(folded, s_start, n.start) if m.lastgroup in kinds]
    return Cue(nouns[-1].lastgroup or "", nouns[-1].start(), nouns[-1].end()) if nouns else None


# the people an elided head noun can name: those whose noun alone says what happened (round 16)
_ELIDED_KINDS = {"idps", "refugees", "new_refugees", "returnees", "idp_households"}
_ELIDED_NOT_AFTER = re.compile(r"\s*(?:of\b|-|\u2013)", re.IGNORECASE)
# the word before an elided count: a bound, a preposition or verb of its clause, or a break (not a name
# or a noun: "Delmas 2", "by the site 342")
_ELIDED_BEFORE = re.compile(
    r"(?:[,;:(\u2014\u2013-]|\b(?:about|some|around|nearly|almost|over|than|roughly|approximately|"
    r"estimated|least|to|with|are|is|were|was|reached|reaching|totalled|totaling|totalling|of))\s*$",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(
    r"\b(?:may|might|could|would|will|expected to|projected to|likely to)\b", re.IGNORECASE
)

_DEFAULT_PERSON = {
    "killed": "people",
    "injured": "people",
    "displaced": "people",
    "displaced_undated": "people",
    "abroad": "people",
    "missing": "people",
    "returned": "people",
    "detained": "people",
}


def _implied_person(event: str, context: TextContext) -> str:
    """Who a bare "120 were killed" counts: civilians in a text that counts civilian casualties."""
    if context.civilian_casualties and event in ("killed", "injured"):
        return "civilians"
    return _DEFAULT_PERSON[event]


_SPEAKERS_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+(?:\w+\s+){0,3}?\w+)?\s+(?:said|told|say|says|described|recounted|"
    r"reported (?:that|seeing|hearing))\b",
    re.IGNORECASE,
)
_PROJECTION = re.compile(
    r"\s+(?:(?:are|is|were|was)\s+(?:expected|set|projected|likely|forecast|due|poised)\s+to|could|will|would|"
    r"may|might)\b(?!\s+have\b)",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|to|into|across|from|among)\s+$", re.IGNORECASE)
_MORE_AFTER = re.compile(r"\s+(?:more|others|other people)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?()]|\s-\s")  # (a spaced dash sets off an aside: "- one child every ...")
_RATE = re.compile(
    r"\b(?:every|each|per)\s+(?:single\s+)?(?:\d+\s+|few\s+|two\s+|three\s+|ten\s+)?"
    r"(?:day|hour|week|month|minute|incident|attack|strike)s?\b"
    r"|\ba day\b(?!\s+(?:of|after|before))",
    re.IGNORECASE,
)
_AVERAGE_BEFORE = re.compile(r"\b(?:average|on average|mean|median)(?:\s+of)?\s+$", re.IGNORECASE)
_PER_LEAD = re.compile(r"\W*(?:per|on average|on an average)\b", re.IGNORECASE)
_APPOSITION = re.compile(
    r"\b(?:idps|internally displaced (?:people|persons))\s*[-\u2013\u2014,:(]\s*"
    r"(?:(?:more than|over|some|about|nearly|almost|around|an estimated)\s+)?$",
    re.IGNORECASE,
)
_BREAKDOWN_AFTER = re.compile(r"\s*\(\s*[\d,.]+\s+(?:killed|dead|deaths)\b", re.IGNORECASE)


# --- numbers that count no harm, by the frame around them -------------------------------------
# Each reads words the metric tables cannot: what caused the harm, where the count applies, what
# was done for the people counted. They are checked before any entity or event is read.

# A cause that is no violence: "an earthquake leaves 800 dead", "16 cholera deaths", "people facing
# hunger" (the labelling guide: deaths and displacement not from violence are out of scope) ...
_NON_VIOLENT = re.compile(
    r"\b(?:earthquakes?|quakes?|tsunami|floods?|flooding|flooded|droughts?|cyclones?|hurricanes?|typhoons?|"
    r"landslides?|cholera|covid(?:-19)?|coronavirus|pandemic|epidemic|measles|malaria|diarrh\w*|"
    r"hunger|famine|starvation|malnutrition|lack of food)\b",
    re.IGNORECASE,
)
# ... unless the sentence also names violence ("conflict and drought displaced 3 million" is mixed,
# and read as the words say)
_VIOLENCE = re.compile(
    r"\b(?:attack\w*|shell\w*|strikes?|airstrikes?|bomb\w*|fight\w*|clash\w*|gun\w*|shot|shoot\w*|"
    r"violen\w*|conflict\w*|wars?|militan\w*|armed|massacr\w*|raids?|offensive|insurgen\w*|rebels?|"
    r"troops|soldiers?|forces|military|explosi\w*|missiles?|rockets?|mortars?|drones?|snipers?|executed|"
    r"hostilities|insecurity|crossfire|abduct\w*|kidnap\w*|detain\w*|arrest\w*)\b",
    re.IGNORECASE,
)


# A count of the whole world, not of the crisis: "44 aid workers were killed worldwide", "806 incidents
# in 43 countries", "65.6 million people displaced around the world" (the labelling guide: global
# figures are out of scope). "In the world" only after the number: "the most dangerous place in the
# world, with 180 incidents" counts the place.
_WORLD = re.compile(
    r"\b(?:worldwide|world-wide|globally|around the (?:world|globe)|across the (?:world|globe)|"
    r"throughout the world|internationally|(?:in|across) (?:more than |over |some )?\d+ countries)\b",
    re.IGNORECASE,
)
_BOUND = (
    r"(?:(?:about|some|around|nearly|almost|over|more than|roughly|approximately|an estimated|at least|"
    r"close to|just over|well over|another|the|its|their)\s+)*"
)
# A population, not a toll: "a town of about 10,000 residents", "home to 1.7 million children", "the
# city had over one million residents", "the city's two million residents" (the labelling guide:
# residents, inhabitants and population are out of scope)
_POPULATION_BEFORE = re.compile(
    r"\b(?:(?:town|city|village|country|nation|region|province|state|district|area|municipality|county|"
    r"island|territory)\s+of|home\s+to|population\s+of)\s+" + _BOUND + "$",
    re.IGNORECASE,
)
_RESIDENTS_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:residents|inhabitants)\b", re.IGNORECASE)
_HAVE_BEFORE = re.compile(r"(?:\b(?:had|has|have|with)|'s)\s+" + _BOUND + "$", re.IGNORECASE)
# Who was helped, moved or served, not who was harmed: "relocated more than 150 refugees",
# "providing some 20,000 refugees with food", "3,756 refugees have been transferred", "families
# are receiving cash transfers", "children are supported to attend" (service volumes)
_AID_BEFORE = re.compile(
    r"\b(?:provid(?:e|es|ed|ing)|relocat(?:e|es|ed|ing)|transferr(?:ed|ing)|vaccinat(?:e|es|ed|ing)|"
    r"feed(?:s|ing)?|fed|interview(?:s|ed|ing)?(?:\s+with)?|spoke\s+(?:with|to)|according\s+to)\s+"
    + _BOUND
    + "$",
    re.IGNORECASE,
)
# (the verb of the counted noun, past a short place phrase: "11,000 families in neighbouring Moldova
# are receiving")
_AID_AFTER = re.compile(
    r"(?:\s+(?:in|at|from|across)(?:\s+[\w'-]+){1,3}?)?\s+(?:(?:have|has|had|were|was|are|is)\s+)?"
    r"(?:been\s+|being\s+)?(?:transferred|relocated|supported|assisted|vaccinated|receiving|interviewed)\b",
    re.IGNORECASE,
)
# People at risk, in need or affected, not harmed: "5 million people affected by the crisis",
# "hundreds of persons at risk of becoming victims", "millions more struggling to survive", "millions
# of vulnerable people" (the labelling guide: people in need and at risk are out of scope)
_AT_RISK_AFTER = re.compile(
    r"(?:\s+more)?\s+(?:(?:who\s+)?(?:are|were|remain)\s+)?(?:at risk|affected by|struggling|"
    r"suffer(?:s|ed|ing)?\s+from|facing|in need|without access|lacking)\b",
    re.IGNORECASE,
)
_VULNERABLE_BEFORE = re.compile(r"\b(?:vulnerable|at-risk)\s+$", re.IGNORECASE)
_IN_THE_WORLD = re.compile(r"\b(?:in|of) the world\b", re.IGNORECASE)
_CLAUSE_BREAK_CHARS = re.compile(r"[,;:(]")
_OTHER_CLAUSE = re.compile(r"[,;:]?\s+(?:and|but|while|whereas)\s|[;:]")


def _not_a_toll(
    folded: str, n: NumberMention, reading: MetricReading, s_start: int, s_end: int
) -> str | None:
    """Why a number's frame says it counts no harm hfig counts (see the patterns above), or None.
    Its reading is still the figure before the parts that follow it ("44 aid workers were killed
    worldwide, including 11 in South Sudan": the part is a figure of its own)."""
    if reading.metric in CONTEXT_METRICS:
        return None  # ("home to 3 million people" is the population `--all-metrics` asks for)
    after = _CLAUSE_END.search(folded, n.end, s_end)
    clause_end = after.start() if after else s_end
    if not _VIOLENCE.search(folded, s_start, s_end):
        # the cause before the number, or after it in its own clause ("17,000 remain displaced
        # because of the earthquake"; not "28,000 were killed or injured and others died of disease")
        other = _OTHER_CLAUSE.search(folded, n.end, s_end)
        if _NON_VIOLENT.search(folded, s_start, other.start() if other else s_end):
            return "cause"
    clause = _clause_start(folded, s_start, n.start)
    people = reading.entity.kind not in ("idps", "refugees", "returnees", "new_refugees")
    if people and (
        _POPULATION_BEFORE.search(folded, clause, n.start)
        or (_HAVE_BEFORE.search(folded, clause, n.start) and _RESIDENTS_AFTER.match(folded, n.end))
    ):
        return "population"
    person = reading.entity.kind in PERSONS or reading.entity.kind in ("households", "idp_households")
    if person and (
        _AT_RISK_AFTER.match(folded, reading.entity.end, clause_end)
        or _VULNERABLE_BEFORE.search(folded, n.end, reading.entity.start)
    ):
        return "at risk"
    aid_after = _AID_AFTER.match(folded, reading.entity.end, clause_end)
    if aid_after or _AID_BEFORE.search(folded, clause, n.start):
        return "aid"
    if _WORLD.search(folded, clause, clause_end) or _IN_THE_WORLD.search(folded, n.end, clause_end):
        return "world"
    return None


def _clause_start(folded: str, s_start: int, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last comma, semicolon, colon or bracket."""
    breaks = [m.end() for m in _CLAUSE_BREAK_CHARS.finditer(folded, s_start, pos)]
    return breaks[-1] if breaks else s_start


# "the number of civilians killed fell by 7 per cent, from 321 to 299", "a rise in abductions (from 65 to
# 100)": the first number of a change from one count to another is a count of what the change is in
_FROM_TO_AFTER = re.compile(
    r"\s+to\s+(?:(?:about|around|some|nearly|almost|over|more than|at least|an estimated)\s+)?\d",
    re.IGNORECASE,
)
_FROM_END = re.compile(r"\bfrom(?:\s+(?:a high of|a low of|an estimated))?\s*$", re.IGNORECASE)
_CHANGE_WORD = re.compile(
    r"\b(?:(?:increase|rise|decrease|drop|fall|decline|reduction|jump|surge)s?\s+in|rose|fell|dropped|declined|"
    r"decreased|increased|jumped|surged|climbed|went (?:up|down)|gone (?:up|down)|grew|doubled|tripled)\b",
    re.IGNORECASE,
)


def _label(folded: str, events: list[Cue], s_start: int, n: NumberMention) -> tuple[Cue, Cue | None] | None:
    """'Civilians killed in February: 96', 'the death toll stood at 6,964': the noun comes first."""
    head = without_qualifier(folded[s_start : n.start])
    if (
        _FROM_END.search(head)
        and _FROM_TO_AFTER.match(folded, n.end)
        and (_CHANGE_WORD.search(head) or _COUNT_NOUN.search(head))
    ):
        head = head[: _FROM_END.search(head).start()].rstrip(" ,(") + " to"  # type: ignore[union-attr]
    if not _is_label(head):
        head = folded[s_start : n.start]  # "has surpassed 1,000": the qualifier is the label's verb
        if not _is_label(head):
            return None
    clause_start = s_start
    breaks: list[re.Match[str]] = []
    if not head.rstrip().endswith((":", "=")):
        nouns = [m.span() for m in _ENTITY_RE.finditer(folded, s_start, n.start)]
        breaks = [
            b
            for b in _CLAUSE_BREAK.finditer(head)
            if not any(a <= s_start + b.start() < z for a, z in nouns)  # "deaths and injuries" is one noun
        ]
        clause_start = s_start + breaks[-1].end() if breaks else s_start
    else:
        cell = _CELL_BREAK.search(head)  # "Killed: 1,200 | Displaced: 45,000": the last cell's label
        clause_start = s_start + cell.start() + 1 if cell else s_start
    entity: Cue | None = None
    count_of = _COUNT_OF.search(folded, clause_start, n.start)
    if count_of is None and breaks:
        # "The number of schools targeted ..., which our teams have responded to ..., has reached 13":
        # a sentence that opens with a count is that count's label, asides and all
        # (after a lead phrase of time or place: "In May, the number of ...")
        # (or after its source: "UNMISS said the number of ...")
        opening = _LEAD_PHRASE.match(folded, s_start, n.start) or _SAID_LEAD.match(folded, s_start, n.start)
        start = opening.end() if opening else s_start
        count_of = _COUNT_OF.search(folded, start, min(n.start, start + 20))
        if count_of is not None:
            clause_start = s_start
            # "the number of civilians killed fell (from 395 to 321), the number of people injured
            # (from 281 to 231)": a list of counts; each figure is its nearest count's
            for later in _COUNT_OF.finditer(folded, count_of.end(), n.start):
                count_of = later
    if count_of is not None:
        # "the number of IDPs sheltering in UNRWA facilities has risen to 613,000": the noun counted
        first = _ENTITY_RE.search(folded, count_of.end(), n.start)
        between = folded[count_of.end() : first.start()] if first is not None else ""
        # ("the total number of confirmed UNRWA colleagues killed": how the count is known)
        if first is not None and re.fullmatch(
            r"(?:new|newly \w+|more|additional|confirmed|verified|documented|recorded|registered|"
            r"reported)?\s*",
            between,
        ):
            entity = Cue(first.lastgroup or "", first.start(), first.end())
    while True:
        for m in _ENTITY_RE.finditer(folded, clause_start, n.start) if count_of is None else ():
            if entity is not None and entity.kind in PERSONS and m.lastgroup in ("deaths", "injuries"):
                continue  # "the number of civilians killed": the civilians, not "killed"
            entity = Cue(m.lastgroup or "", m.start(), m.end())
        if entity is not None or not breaks or breaks[-1].group().lower() != "and":
            break
        # "the number of deaths ... during May and June alone was 2,392": "and" joined two months
        breaks.pop()
        clause_start = s_start + breaks[-1].end() if breaks else s_start
    head_events = [e for e in events if clause_start <= e.start and e.end <= n.start]
    casualty = [e for e in head_events if e.kind in _DEFAULT_PERSON]
    if (
        entity is not None
        and entity.kind not in PERSONS
        and entity.kind not in ("deaths", "injuries", "casualties")
        and casualty
    ):
        entity = None  # "the death toll from Monday's attack rose to 12": the toll, not the attack
    if entity is None:
        if not head_events or head_events[-1].kind not in _DEFAULT_PERSON:
            return None
        event = head_events[-1]
        return Cue(_DEFAULT_PERSON[event.kind], event.start, event.end), event
    if entity.kind in ("deaths", "injuries"):
        kind = "killed" if entity.kind == "deaths" else "injured"
        who = "civilians" if "civilian" in folded[entity.start : entity.end].lower() else "people"
        return Cue(who, entity.start, entity.end), Cue(kind, entity.start, entity.end)
    compatible = [e for e in head_events if e.kind in COMPATIBLE.get(entity.kind, set())]
    return entity, (compatible[-1] if compatible else None)


def line_label(folded: str, span: tuple[int, int], n: NumberMention, known: set[str]) -> MetricReading | None:
    """The metric a label line gives a number on a line of its own (round 18): a data sheet or a
    key-figures box ("Civilians reported killed" over "14 - 15").
    Read as `_label` reads a label before its number: the noun, else the cue of harm, of the line."""
    a, b = span
    events = events_in(folded, a, b)
    entity: Cue | None = None
    for m in _ENTITY_RE.finditer(folded, a, b):
        if entity is not None and entity.kind in PERSONS and m.lastgroup in ("deaths", "injuries"):
            continue  # "Civilians reported killed": the civilians, not "killed"
        entity = Cue(m.lastgroup or "", m.start(), m.end())
    if entity is None:
        if not events or events[-1].kind not in _DEFAULT_PERSON:
            return None
        event = events[-1]
        if not _PLAIN_TOLL_HEAD.fullmatch(folded, a, event.start):
            return None  # ("Cause of injury / death": a heading, not a toll)
        return _finish(
            folded, Cue(_DEFAULT_PERSON[event.kind], event.start, event.end), event, n, known, [], b
        )
    if entity.kind in ("deaths", "injuries", "civilian_deaths", "civilian_injuries"):
        if not _PLAIN_TOLL_HEAD.fullmatch(folded, a, entity.start):
            return None  # "Belligerents reported killed", "Cause of injury / death": not a toll of people
        kind = "killed" if entity.kind.endswith("deaths") else "injured"
        civilian = "civilian" in folded[a:b].lower()
        who = "civilians" if civilian else "people"
        metric = METRIC_RULES.get((who, kind))
        if metric is None or metric not in known:
            return None
        return MetricReading(metric, Cue(who, entity.start, entity.end), Cue(kind, entity.start, entity.end))
    compatible = [e for e in events if e.kind in COMPATIBLE.get(entity.kind, set())]
    return _finish(folded, entity, compatible[-1] if compatible else None, n, known, [], entity.end)


_PLAIN_TOLL_HEAD = re.compile(
    r"\s*(?:(?:total|reported|confirmed|verified|recorded|documented|civilian|civilians|people|persons|"
    r"number of)\s+)*",
    re.IGNORECASE,
)


_FUNCTION_WORDS = (
    r"were|was|are|is|have|has|had|been|be|being|more|others?|of|in|on|at|and|or|to|from|for|by|with|since|"
    r"during|near|across|inside|into|alone|so|far|each|respectively|all|also|now|still|this|last|the|a|an|per|"
    r"over|under|out|as|than|while|who|which|that|had|reportedly|later|again|new|newly|further|additional|"
    r"were|percent|per|cent"
)
# a lowercase word right after a bare number that is neither a function word nor a cue: another noun
# (a word in -ing is a verb: "with 279,000 finding refuge in Egypt")
# (a noun phrase, not a verb: "with 89 affecting health facilities")
_NOUN_NEXT = re.compile(r"[\s\"']+(?![a-z-]+(?:ing|ed)\b)[a-z]", re.IGNORECASE)
_OTHER_NOUN_AFTER = re.compile(rf"[\s\"']+(?!(?:{_FUNCTION_WORDS})\b)(?![a-z-]+ing\b)([a-z][a-z-]+)\b")


def _part_continues(folded: str, pos: int, limit: int, entity: str) -> bool:
    """After "31 of them": a place or time ("in the market strike"), or an attack's target."""
    rest = re.split(r"[,;.:!?]", folded[pos:limit], maxsplit=1)[0]
    if not rest.strip() or re.match(
        r"\s*(?:in|on|at|near|across|during|since|from|inside|around|alone)\b", rest
    ):
        return True
    return entity == "attacks" and _attack_target(folded, pos) is not None


def number_near(folded: str, event: Cue, n: NumberMention) -> bool:
    return n.start - event.end <= 30 and _gap_is_clause_internal(folded, event.end, n.start)


def _finish(
    folded: str,
    entity: Cue,
    event: Cue | None,
    n: NumberMention,
    known: set[str],
    borrowed: list[str],
    after: int,
    default_target: str | None = None,
) -> MetricReading | None:
    kind = entity.kind
    if kind == "attacks":
        target = _attack_target(folded, after) or default_target
        if target is None and event is not None and event.kind == "failed":
            target = "failed"
        if target is None:
            return None
        metric = METRIC_RULES.get(("attacks", target))
        event = Cue(target, event.start if event else after, event.end if event else after)
    else:
        metric = METRIC_RULES.get((kind, event.kind if event is not None else ""))
    if (
        metric == "idps"
        and event is not None
        and event.kind == "hosted"
        and _NATIONALS.fullmatch(folded, entity.start, entity.end)
    ):
        metric = "refugees"  # "Chad, which already hosts 409,000 Sudanese": people of another country
    if metric is None or metric not in known:
        return None
    unit = "households" if kind in ("households", "idp_households") else None
    return MetricReading(metric, entity, event, unit, " and ".join(borrowed) or None)
