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
from dataclasses import dataclass

from hfig.extract.numbers import NumberMention
from hfig.extract.qualifiers import without_qualifier

# --- entities: what is counted ------------------------------------------------------------
# Tried in this order at each position; the earliest match after the number wins.
ENTITIES: tuple[tuple[str, str], ...] = (
    (
        "health_workers",
        r"(?:health(?:care| care)?|medical|hospital|ambulance) (?:workers?|"
        r"staff(?:ers)?|personnel|"
        r"professionals|volunteers|teams?)|doctors?|nurses?|paramedics?|medics|surgeons?|"
        r"first responders|health(?:care)? providers",
    ),
    (
        "aid_workers",
        r"(?:aid|humanitarian|relief|ngo|un) (?:workers?|staff(?:ers)?|personnel|"
        r"volunteers)|humanitarians",
    ),
    (
        "idps",
        r"idps|internally displaced(?: (?:people|persons|syrians|individuals))?|"
        r"displaced (?:people|persons|syrians|civilians|individuals|residents)",
    ),
    ("movements", r"(?:idp|displacement|population) movements"),
    ("children", r"children|child|minors|boys|girls|kids"),
    ("women", r"women|woman|females"),
    (
        "civilians",
        r"civilians|civilian (?:residents|men|people)|"
        r"civilian(?!\s+(?:infrastructure|facilities|objects|homes|buildings|areas|targets|sites|casualties|"
        r"deaths|death|toll|injuries|population))",
    ),
    (
        "fighters",
        r"fighters|militants|terrorists|combatants|soldiers|troops|rebels|insurgents|gunmen|"
        r"jihadists|"
        r"servicemen|militiamen|militia members|members of (?:the )?(?:armed|security) forces|"
        r"(?:regime|government|pro-government|opposition|rebel) (?:forces|fighters|soldiers)",
    ),
    ("households", r"families|households"),
    ("deaths", r"(?:civilian )?(?:deaths|fatalities|dead|bodies|killed)|civilian (?:death )?toll"),
    ("injuries", r"(?:civilian )?(?:injuries|wounded|injured)"),
    (
        "armoured",
        r"armou?red (?:\w+ ){0,2}(?:vehicles?|carriers?|cars?)|(?:armou?red )?(?:infantry|personnel) "
        r"(?:fighting vehicles?|carriers?)|apcs|ifvs|bmps|military vehicles",
    ),
    ("tanks", r"tanks|tank"),
    ("ambulances", r"ambulances?|medical vehicles"),
    ("schools", r"schools?|educational facilities"),
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
        r"people|persons|individuals|residents|inhabitants|syrians|villagers|others|men|family members|"
        r"members of (?:one|a|the same|their|the|an?\s+\w+) famil(?:y|ies)|relatives",
    ),
)
PERSONS = {"health_workers", "aid_workers", "children", "women", "civilians", "fighters", "people", "idps"}

# --- events: what happened ----------------------------------------------------------------
EVENTS: tuple[tuple[str, str], ...] = (
    (
        "out_of_service",
        r"(?:bombed |knocked |put |forced |taken |driven )?out of (?:service|action|"
        r"operation|commission)|"
        r"non-functional|non-functioning|not functioning|not functional|no longer "
        r"(?:functioning|"
        r"functional|operational)|stopped functioning|ceased functioning|inoperable|"
        r"out-of-service",
    ),
    (
        "suspended",
        r"suspended|suspend|suspending|(?:halted|stopped|ceased) (?:services|operations|"
        r"work)|closed",
    ),
    ("damaged_or_destroyed", r"damaged or destroyed|destroyed or damaged"),
    ("destroyed", r"destroyed|destroying|destroy|razed|demolished|levell?ed|flattened"),
    ("damaged", r"damaged|damaging"),
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
    (
        "killed",
        r"killed|killing|kills|neutrali[sz]ed|died|dead|deaths?|death toll|toll|lost their lives|perished|"
        r"slain|lives lost|"
        r"fatalities|massacred|executed",
    ),
    ("injured", r"injured|injuring|injuries|wounded|wounding|hurt|maimed|treated"),
    (
        "displaced_stock",
        r"(?:are|is|remain|remained|live as|living as)\s+(?:still\s+)?(?:internally\s+)?displaced"
        r"(?!\s+(?:by|from|since|in the|during|over|this|last|when|after|between))|were internally displaced|"
        r"(?:living|live|sheltering|staying) in (?:\w+ )?(?:camps|displacement sites|"
        r"informal (?:settlements|sites)|tents|collective (?:shelters|centres|centers))",
    ),
    (
        "displaced",
        r"displaced(?!\s+(?:families|people|persons|households|civilians|syrians|children|women|men|"
        r"residents|population|communities|individuals|idps))|displacing|fled|flee|fleeing|uprooted|"
        r"forced (?:to flee|from their homes|out)|"
        r"left their homes|arrived|arrivals|evacuated|driven (?:from|out)|displacement|"
        r"moved (?:north|towards|to (?:safer|camps|the border))|sought (?:refuge|shelter)|"
        r"(?:moving|heading|headed|streaming|making their way) (?:north |south )?(?:towards|to)|"
        r"(?:from|out of) their homes|"
        r"on the move|"
        r"new arrivals|received(?=\s+(?:\w+\s+){0,2}[\d,.]+\s+(?:new\s+)?(?:families|households|people|idps|"
        r"displaced|arrivals))",
    ),
    (
        "in_need",
        r"in need|need (?:of )?(?:\w+ ){0,2}(?:assistance|aid|help|support|services)|"
        r"requir(?:e|ing) (?:\w+ )?(?:assistance|aid)",
    ),
    ("live", r"\blive\b|\bliving\b|home to|\bpopulation\b|\breside|\binhabit"),
    (
        "served",
        r"serving|serve|served|serves|catchment|lost access to (?:\w+\s+)?(?:health|medical)|"
        r"(?:without|deprived of|no longer have|cut off from) access to (?:\w+\s+)?(?:health|medical)",
    ),
    (
        "attacked",
        r"attacked|hit|bombed|struck|targeted|shelled|came under (?:attack|fire)|attacks? on|"
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
    ("idps", "live"): "idps",
    ("idps", "displaced"): "displaced",
    ("people", "displaced_stock"): "idps",
    ("idps", "displaced_stock"): "idps",
    ("idps", "in_need"): "idps",
    ("households", "displaced"): "displaced",
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
    ("attacks", "ambulance"): "ambulance_attacks",
    ("attacks", "failed"): "failed_assaults",
    ("ambulances", "attacked"): "ambulance_attacks",
    ("schools", "destroyed"): "schools_destroyed",
    ("schools", "damaged"): "schools_affected",
    ("schools", "affected"): "schools_affected",
    ("schools", "attacked"): "schools_attacked",
    ("tanks", "destroyed"): "tanks_destroyed",
    ("armoured", "destroyed"): "armoured_vehicles_destroyed",
    ("armoured", "deployed"): "armoured_vehicles_deployed",
}
# Events an entity can take, derived from the rules (attacks take their target instead).
COMPATIBLE: dict[str, set[str]] = {}
for _entity, _event in METRIC_RULES:
    COMPATIBLE.setdefault(_entity, set()).add(_event)
for _person in ("deaths", "injuries"):
    COMPATIBLE[_person] = set()

# One regex per cue family, alternatives in priority order (leftmost match, then first alternative).
_ENTITY_RE = re.compile("|".join(rf"\b(?P<{kind}>{pattern})\b" for kind, pattern in ENTITIES), re.IGNORECASE)
_EVENT_RE = re.compile("|".join(rf"\b(?P<{kind}>{pattern})\b" for kind, pattern in EVENTS), re.IGNORECASE)
# Between a number and its noun: adjectives and fillers, no clause punctuation, at most five words.
_FILLER = re.compile(r"^[\s\"'(]*(?:[A-Za-z][\w'-]*[\s\"')]+){0,5}$")
# A noun several words on, after one of these, belongs to another phrase ("camps and sites host IDPs").
_FILLER_STOP = re.compile(
    r"\b(?:and|or|in|at|on|by|with|for|from|to|host|hosts|hosting|who|which|that|"
    r"where|while|but|than|as)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\band\b|\bwhile\b|\bbut\b|\bwhereas\b|\bwhich\b|\bwho\b", re.IGNORECASE)
_TARGET_AMBULANCE = re.compile(
    r"^[\s\"']*(?:\w+\s+){0,1}(?:on|against|targeting|"
    r"involving)\s+(?:an?\s+|the\s+)?"
    r"(?:\w+\s+)?(?:ambulances?|medical (?:transport|vehicles))",
    re.IGNORECASE,
)
_TARGET_HEALTH = re.compile(
    r"^[\s\"']*(?:\w+\s+){0,2}(?:on|against|targeting|targeted|affecting|hitting|hit|struck|"
    r"involving)\s+(?:an?\s+|the\s+)?"
    r"(?:\w+\s+){0,3}?(?:health|healthcare|hospitals?|medical|clinics?)",
    re.IGNORECASE,
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


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class MetricReading:
    metric: str
    entity: Cue
    event: Cue | None
    unit: str | None = None  # 'households' when families were counted
    borrowed: str | None = None  # 'entity' / 'event' / 'entity and event' when taken from an earlier figure


def events_in(folded: str, start: int, end: int) -> list[Cue]:
    """Event cues in a span, in order; at one position the cue listed first in EVENTS wins."""
    return [Cue(m.lastgroup or "", m.start(), m.end()) for m in _EVENT_RE.finditer(folded, start, end)]


_PARTITIVE_PRONOUN = re.compile(r"\s+of\s+(?:which|whom|them|these|those)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those|these)\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom|of which)\s*$", re.IGNORECASE)
_OF_THE_START = re.compile(r"^\W*(?:of|among)\s+(?:the|those)\s", re.IGNORECASE)


def entity_after(folded: str, number: NumberMention, limit: int) -> Cue | None:
    """The noun the number counts: the first entity within a few words after it."""
    window_end = min(limit, number.end + 60)
    best: Cue | None = None
    if _PARTITIVE_PRONOUN.match(folded, number.end):
        return None  # "9 of which targeted medical facilities": the noun is the antecedent
    for m in _ENTITY_RE.finditer(folded, number.end, window_end):
        gap = folded[number.end : m.start()]
        if re.search(r"[,;.:!?]", gap.replace("+", "")) or not _FILLER.match(gap) or _FILLER_STOP.search(gap):
            break
        if m.lastgroup == "deaths" and m.group().lower() == "killed" and gap.strip():
            break  # "37 killed" counts the dead; "two patients were killed" does not
        best = Cue(m.lastgroup or "", m.start(), m.end())
        break
    if (
        best is not None
        and best.kind in ("deaths", "injuries")
        and "civilian" in folded[best.start : best.end].lower()
    ):
        best = Cue("civilian_" + best.kind, best.start, best.end)
    return best


def _gap_is_clause_internal(folded: str, start: int, end: int) -> bool:
    return not _CLAUSE_BREAK.search(folded[start:end])


def _pick_event(
    folded: str, events: list[Cue], number: NumberMention, after: int, entity: str, sentence_end: int
) -> Cue | None:
    """Head-close event ('killing up to 350'), else the nearest compatible one after, else before."""
    compatible = COMPATIBLE.get(entity, set())
    before = [e for e in events if e.end <= number.start and e.kind in compatible]
    if (
        before
        and number.start - before[-1].end <= 30
        and _gap_is_clause_internal(folded, before[-1].end, number.start)
    ):
        return before[-1]
    later = [e for e in events if e.start >= after and e.kind in compatible and e.start < sentence_end]
    if later:
        return later[0]
    return before[-1] if before else None


def _attack_target(folded: str, pos: int) -> str | None:
    tail = folded[pos : pos + 80]
    if _TARGET_AMBULANCE.match(tail):
        return "ambulance"
    if _TARGET_HEALTH.match(tail):
        return "health"
    return None


@dataclass
class _Previous:
    entity: Cue
    event: Cue | None
    person: str | None


def read_metrics(
    folded: str,
    numbers: list[NumberMention],
    sentence: tuple[int, int],
    known: set[str],
    previous: _Previous | None = None,
) -> tuple[list[MetricReading | None], _Previous | None]:
    """The metric of each number of one sentence (None: not a figure hfig counts)."""
    s_start, s_end = sentence
    if not numbers:
        nouns = list(_ENTITY_RE.finditer(folded, s_start, s_end))
        if not nouns:
            return [], None
        last = nouns[-1]
        return [], _Previous(Cue(last.lastgroup or "", last.start(), last.end()), None, None)
    events = events_in(folded, s_start, s_end)
    out: list[MetricReading | None] = []
    anaphoric = bool(_ANAPHOR_START.match(folded[s_start:s_end])) or bool(
        numbers and _PARTITIVE_PRONOUN.match(folded, numbers[0].end)  # "Two of them are ..."
    )
    prev = previous if anaphoric else None
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
    for i, n in enumerate(numbers):
        if i in part_of or i in wholes:
            whole = numbers[part_of.get(i, i)]
            after_whole = [m for m in numbers if m.start > whole.start and m.skip is None]
            noun = entity_after(folded, whole, after_whole[0].start if after_whole else s_end)
            reading = None
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
        reading = _read_one(folded, n, own_events, limit, s_start, end, prev, known)
        out.append(reading)
        subset = _SUBSET_BEFORE.search(folded[max(s_start, n.start - 16) : n.start])
        if reading is None and not n.skip and not n.percent:
            # a counted noun with no metric ("21 attacks on civilian facilities") is still what
            # "9 of which ..." refers to
            noun = entity_after(folded, n, limit)
            if noun is not None:
                prev = _Previous(noun, None, prev.person if prev else None)
        if reading is not None and not (subset and prev is not None):
            person = (
                reading.entity.kind if reading.entity.kind in PERSONS else (prev.person if prev else None)
            )
            prev = _Previous(reading.entity, reading.event, person)
    if prev is None:
        # the sentence's last counted noun, for "Two of them ..." in the next sentence
        nouns = list(_ENTITY_RE.finditer(folded, s_start, s_end))
        if nouns:
            last = nouns[-1]
            prev = _Previous(Cue(last.lastgroup or "", last.start(), last.end()), None, None)
    return out, prev


def _read_one(
    folded: str,
    n: NumberMention,
    events: list[Cue],
    limit: int,
    s_start: int,
    s_end: int,
    prev: _Previous | None,
    known: set[str],
) -> MetricReading | None:
    if n.skip:
        return None
    if n.percent:
        if "population_share" in known and _POPULATION_SHARE.match(folded[n.end : n.end + 60]):
            cue = Cue("population_share", n.end, n.end)
            return MetricReading("population_share", cue, None)
        return None
    if _FRACTION_OF.search(folded, max(s_start, n.start - 40), n.start):
        return (
            None  # "two-thirds of the 3 million residents ... have been displaced": the whole, not the count
        )
    entity = entity_after(folded, n, limit)
    part = _PARTITIVE_PRONOUN.match(folded, n.end)
    if part is not None and prev is not None:
        # "35 wounded, 12 of them children": a part of the figure before, with its event
        subset = _ENTITY_RE.match(
            folded, part.end() + len(folded[part.end() :]) - len(folded[part.end() :].lstrip())
        )
        if subset is not None and subset.lastgroup in PERSONS:
            kind = subset.lastgroup
            metric = METRIC_RULES.get((kind, prev.event.kind)) if prev.event else None
            if metric is None or metric not in known:
                return None
            return MetricReading(metric, Cue(kind, subset.start(), subset.end()), prev.event, None, "event")
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
        and entity.kind == "people"
        and folded[entity.start : entity.end].lower() == "others"
        and prev is not None
    ):
        entity = Cue(prev.person or prev.entity.kind, entity.start, entity.end)
    if entity is not None and entity.kind in ("deaths", "injuries", "civilian_deaths", "civilian_injuries"):
        person = (
            "civilians"
            if entity.kind.startswith("civilian")
            else (prev.person if prev and prev.person in _CASUALTY_PERSONS else "people")
        )
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
            return _finish(folded, label[0], label[1], n, known, [], label[0].end)
    if entity is None and prev is None and not n.vague:
        # "320,000 had fled": a bare number as the subject of a casualty or displacement verb
        verb = _SUBJECT_OF.match(folded, n.end)
        if verb is not None:
            ev = _EVENT_RE.match(folded, verb.end())
            if ev is not None and ev.lastgroup in _DEFAULT_PERSON:
                cue = Cue(ev.lastgroup, ev.start(), ev.end())
                return _finish(folded, Cue("people", cue.start, cue.end), cue, n, known, ["entity"], n.end)
    if entity is None and prev is None and not n.vague:
        # "killing 12 and wounding 30": a casualty verb right before a bare number counts people
        close = [e for e in events if e.end <= n.start and e.kind in ("killed", "injured")]
        bare = _BARE_AFTER.match(folded, n.end)
        if close and bare and number_near(folded, close[-1], n) and n.start - close[-1].end <= 12:
            who = Cue(_DEFAULT_PERSON[close[-1].kind], close[-1].start, close[-1].end)
            return _finish(folded, who, close[-1], n, known, ["entity"], n.end)
    other = _OTHER_NOUN_AFTER.match(folded, n.end) if entity is None else None
    if other is not None and not _EVENT_RE.match(folded, other.start(1)):
        return None  # "and two patients were killed": a noun hfig does not count, not the figure before
    if entity is None:
        if n.vague or prev is None:
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
    if event is None and prev is not None and prev.event is not None and entity.kind in PERSONS:
        event = prev.event
        borrowed.append("event")
    return _finish(folded, entity, event, n, known, borrowed, after)


_LABEL_END = re.compile(
    r"(?::|=|\bstood at|\bstands at|\breached|\brose to|\btotall?ed|\bclimbed to|\bwas|\bat|\bhit|"
    r"\bsurpassed|\bexceeded|\btopped|\bpassed|\bto)\s*$",
    re.IGNORECASE,
)
_BARE_AFTER = re.compile(
    r"\s*(?:[,.;:)]|and\b|in\b|on\b|at\b|near\b|when\b|as\b|after\b|while\b|"
    r"during\b|across\b|$)",
    re.IGNORECASE,
)
# Whose deaths or injuries a bare "and 31 injured" continues: a casualty list, not "IDPs ... 229 dead".
_CASUALTY_PERSONS = {"civilians", "children", "women", "fighters", "health_workers", "aid_workers", "people"}
_OF_WHOLE = re.compile(
    r"\s+of\s+(?:the|an estimated|some|about|around|nearly|over|more than)\s+", re.IGNORECASE
)
_FRACTION_OF = re.compile(
    r"\b(?:half|third|thirds|quarter|quarters|fifth|fifths|percent|per cent|%|proportion|share|majority|"
    r"minority|most|many|some|all|none|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:the|its|their|"
    r"those|these|an estimated|some|about|around|nearly)\s*$",
    re.IGNORECASE,
)
_SUBJECT_OF = re.compile(
    r"\s+(?:have|has|had|were|was|are|is)\s+(?:now\s+|already\s+|reportedly\s+)?(?:been\s+)?"
)
_DEFAULT_PERSON = {"killed": "people", "injured": "people", "displaced": "people"}


def _label(folded: str, events: list[Cue], s_start: int, n: NumberMention) -> tuple[Cue, Cue | None] | None:
    """'Civilians killed in February: 96', 'the death toll stood at 6,964': the noun comes first."""
    head = without_qualifier(folded[s_start : n.start])
    if not _LABEL_END.search(head):
        head = folded[s_start : n.start]  # "has surpassed 1,000": the qualifier is the label's verb
        if not _LABEL_END.search(head):
            return None
    clause_start = s_start
    if not head.rstrip().endswith((":", "=")):
        breaks = list(_CLAUSE_BREAK.finditer(head))
        clause_start = s_start + breaks[-1].end() if breaks else s_start
    entity: Cue | None = None
    for m in _ENTITY_RE.finditer(folded, clause_start, n.start):
        if entity is not None and entity.kind in PERSONS and m.lastgroup in ("deaths", "injuries"):
            continue  # "the number of civilians killed": the civilians, not "killed"
        entity = Cue(m.lastgroup or "", m.start(), m.end())
    head_events = [e for e in events if clause_start <= e.start and e.end <= n.start]
    casualty = [e for e in head_events if e.kind in _DEFAULT_PERSON]
    if (
        entity is not None
        and entity.kind not in PERSONS
        and entity.kind not in ("deaths", "injuries")
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


_FUNCTION_WORDS = (
    r"were|was|are|is|have|has|had|been|be|being|more|others?|of|in|on|at|and|or|to|from|for|by|with|since|"
    r"during|near|across|inside|into|alone|so|far|each|respectively|all|also|now|still|this|last|the|a|an|per|"
    r"over|under|out|as|than|while|who|which|that|had|reportedly|later|again|new|newly|further|additional|"
    r"were|percent|per|cent"
)
# a lowercase word right after a bare number that is neither a function word nor a cue: another noun
_OTHER_NOUN_AFTER = re.compile(rf"[\s\"']+(?!(?:{_FUNCTION_WORDS})\b)([a-z][a-z-]+)\b")


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
) -> MetricReading | None:
    kind = entity.kind
    if kind == "attacks":
        target = _attack_target(folded, after)
        if target is None and event is not None and event.kind == "failed":
            target = "failed"
        if target is None:
            return None
        metric = METRIC_RULES.get(("attacks", target))
        event = Cue(target, event.start if event else after, event.end if event else after)
    else:
        metric = METRIC_RULES.get((kind, event.kind if event is not None else ""))
    if metric is None or metric not in known:
        return None
    unit = "households" if kind == "households" else None
    return MetricReading(metric, entity, event, unit, " and ".join(borrowed) or None)
