"""Which verb governs a counted noun phrase: the predicate read from the shape of the clause.

A figure's metric is what is counted (the head noun of the number's phrase, metrics.ENTITIES)
and what happened to it (the event). The event is not the nearest cue word but the predicate
that governs the phrase, and English puts it in a few places only:

- object: the verb right before the number, or before the first of a list of counted objects
  ("killing 12 civilians", "wounded over two dozen others", "the deaths of 67 civilians",
  "killed 10 women and 12 children");
- subject: the verb group after the phrase (or after a list of counted subjects), past a place
  phrase, a bracket, an aside set off by commas and auxiliaries ("three IDPs in the school were
  injured", "320,000 have fled", "13 children and 19 adults were killed");
- a reduced or restrictive relative is a modifier when a main verb follows ("five IDPs sheltering
  in the school were injured", "2,000 Syrians who had fled the fighting have returned"), the
  predicate when none does ("412 civilians killed", "3.5 million people displaced by the
  conflict"). For displacement the participle with no auxiliary states a condition, not an
  event: a stock unless the text says since when (see `UNDATED`); so does the object of a
  resultative "left" ("has left 2 million people displaced").

`governing_event` returns the event cue in one of those places, or None when the clause has
another shape (a verb in another clause, a label "Killed: 1,200"); the caller then reads the
sentence by its nearest cue, as before. `person_noun_after` names what is counted when the
lexicon has no word for it but the head noun names people.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

_QUALIFIER = (
    r"(?:at least|more than|over|some|about|nearly|around|almost|an estimated|up to|another|a further|"
    r"a total of|a minimum of|as many as|no fewer than|roughly|approximately|close to|well over|"
    r"just over|fewer than|less than)"
)
# Words that may stand between a verb (or an event noun) and the number it governs: qualifiers and
# determiners.
_OBJECT_GAP = re.compile(
    # ("the deaths included 4,104 children": a part of what the event noun counts)
    r"\s*(?:of\s+|(?:included?|includes|including)\s+)?"
    r"(?:(?:at least|more than|over|some|about|nearly|around|almost|an estimated|up to|"
    r"another|a further|a total of|a minimum of|the|as many as|no fewer than|roughly|approximately|"
    r"close to|well over|just over|fewer than|less than|at|its|their)\s+)*",
    re.IGNORECASE,
)
# Counted objects before the number that share its verb: "10 women and ", "5 soldiers, "
_COUNTED_LIST = re.compile(
    rf"(?:(?:{_QUALIFIER}\s+)?"
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)"
    r"\s+(?:[a-z'-]+\s+){0,2}?[a-z'-]+\s*(?:,\s*(?:and\s+)?|and\s+)\s*)+"
    rf"(?:{_QUALIFIER}\s+)?",
    re.IGNORECASE,
)
_LEFT = re.compile(r"\bleft\b(?!.*\bleft\b)", re.IGNORECASE)
# The next counted phrases of a list that shares one verb: " and 19 adults", ", some 165 women"
_MORE_COUNTED = (
    rf"(?:\s*(?:,\s*(?:and\s+)?|and\s+)(?:{_QUALIFIER}\s+)?\(?(?:\d[\d,.]*|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)\)?(?:\s+[a-z'-]+){1,3}?)"
)
# Between a subject phrase and its verb: more counted subjects, a bracketed aside, an aside set off
# by commas (", including ...,", ", who were hosted in ...,"), a short place phrase (no verb in
# -ed, no clause word), then a relative pronoun, auxiliaries and adverbs.
_SUBJECT_GAP = re.compile(
    rf"\)?(?:{_MORE_COUNTED}+,?)?"
    r"(?:\s*\([^()]*\)|,\s*(?:including|among them|most of them|mostly|many of them|all of them|"
    r"among whom|who|which|or|i\.e\.|that is)\b[^,;.:()]*,"
    r"|\s+(?:in|at|from|on|near|inside|across|among|within|aged|under|including)"
    r"(?:\s+(?!(?:who|which|that|and|or|but|were|was|are|is|have|has|had)\b)[\w'-]+(?<!ed)){1,4})*"
    r"\s+(?:(?:who|that)\s+)?(?:(?:more|others|have|has|had|were|was|are|is|been|being|be|to|got|remain|"
    r"remains|remained|reportedly|allegedly|also|now|already|still|all|so far|currently|subsequently|"
    r"later|recently|newly|reported|confirmed|declared|found|presumed|pronounced|either|both|each|mostly|"
    r"since|estimated|thought|believed|said|known|feared|began|started|forced|among|the|those)\s+)*",
    re.IGNORECASE,
)
# A restrictive relative ("2,000 Syrians who had fled the fighting have returned"): its verb
# governs only when no main verb follows.
_RELATIVE = re.compile(r"\b(?:who|that)\b", re.IGNORECASE)
# The rest of a reduced relative, then the main verb's auxiliary: " in the school were ".
_MODIFIER_REST = re.compile(r"[^,;:.()]{0,40}")
_AUXILIARY_END = re.compile(
    r"\b(?:were|was|have|has|had|are|is)\s+(?:(?:been|reportedly|also|all|since)\s+)*$", re.IGNORECASE
)
# An event named by a noun is no predicate: "245 (63%) displacement sites" (but "in detention" is).
_NOMINAL = re.compile(r"(?!(?:in|under)\s).*(?:ment|ion|ions|ies|ths|ings|toll)", re.IGNORECASE)
# A finite verb group right after the phrase: an auxiliary makes the participle an event, its
# absence a state ("people displaced by the war").
_AUXILIARY = re.compile(r"\b(?:have|has|had|were|was|are|is|been|be|got)\b", re.IGNORECASE)
# Displacement as a state, a stock unless the text says since when (extract.py dates it): the
# participle with no auxiliary ("3.5 million people displaced by the conflict"), as "internally
# displaced" is.
UNDATED = "displaced_undated"


class EventCue(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


C = TypeVar("C", bound=EventCue)


def after_left(folded: str, number_start: int) -> bool:
    """Whether the number is the object of a resultative "left" ("the war has left 2 million people
    displaced"): the participle after it is the state they were left in, a stock on the date."""
    m = _LEFT.search(folded, max(0, number_start - 40), number_start)
    return m is not None and _OBJECT_GAP.fullmatch(folded, m.end(), number_start) is not None


def object_event(folded: str, events: list[C], number_start: int) -> C | None:
    """The verb (or event noun) right before the number that takes it as its object, alone or as
    the next of a list of counted objects ("killed 10 women and 12 children")."""
    for e in reversed(events):
        if e.end <= number_start:
            gap = _OBJECT_GAP.match(folded, e.end, number_start)
            if gap is None:
                return None
            if gap.end() == number_start or _COUNTED_LIST.fullmatch(folded, gap.end(), number_start):
                return e
            return None
    return None


def subject_event(folded: str, events: list[C], phrase_end: int) -> tuple[C, bool] | None:
    """The verb group after the phrase that has it as its subject, and whether an auxiliary
    makes it finite ("were displaced") rather than a reduced relative ("displaced by"). A reduced
    relative followed by a finite verb is a modifier ("five IDPs sheltering in the school were
    injured"): the finite verb is the predicate."""
    later = [e for e in events if e.start >= phrase_end]
    # (the first event the gap reaches: one inside an aside is passed over)
    at = next(
        (i for i, e in enumerate(later[:3]) if _SUBJECT_GAP.fullmatch(folded, phrase_end, e.start)), None
    )
    if at is None or _NOMINAL.fullmatch(folded, later[at].start, later[at].end):
        return None
    first, later = later[at], later[at:]
    relative = _RELATIVE.search(folded, phrase_end, first.start) is not None
    if _AUXILIARY.search(folded, phrase_end, first.start) and not relative:
        return first, True
    for e in later[1:2]:
        rest = _MODIFIER_REST.fullmatch(folded, first.end, e.start)
        if rest is not None and (_AUXILIARY_END.search(rest.group()) or _AUXILIARY.match(folded, e.start)):
            return e, True  # the main verb after the modifier: "... were injured", "... have returned"
    return first, relative


def governing_event(
    folded: str, events: list[C], number_start: int, phrase_end: int, compatible: set[str]
) -> tuple[C | None, bool] | None:
    """The predicate governing the number's phrase, if the clause has one of the shapes above:
    (event, finite); the event is None when its noun cannot take it (`compatible`): the clause
    says something else happened to what is counted."""
    before = object_event(folded, events, number_start)
    if before is not None:
        return (before if before.kind in compatible else None), True
    after = subject_event(folded, events, phrase_end)
    if after is not None:
        return (after[0] if after[0].kind in compatible else None), after[1]
    return None


# --- what is counted when the lexicon has no name for it --------------------------------------
# English names people by what they do or belong to with a few endings ("miners", "teachers",
# "students", "peacekeepers", "tourists", "Christians", "attendees", "medics"): a head noun with
# such an ending counts people. Words with these endings that name things are listed apart.
# (-ments are things, never people: "settlements", "indictments")
_PERSON_ENDING = re.compile(
    r"(?:[a-z]{2}(?:ers|ors|ists|ians|ants|(?<!m)ents|ees|men|ics|ives|ards|ims|ths))$"
)
_PERSON_WORDS = frozenset(
    (
        "police", "staff", "locals", "nationals", "youths", "teens", "teenagers", "infants", "babies",
        "toddlers", "adults", "elderly", "monks", "nuns", "priests", "clerics", "muslims", "hindus", "jews",
        "arabs", "kurds", "christians", "guards", "pilgrims", "officials", "mourners", "colleagues",
    )
)
# Things whose names have those endings.
_THING_WORDS = frozenset(
    (
        "alternatives", "archives", "awards", "baths", "boards", "borders", "centers", "claims", "clinics",
        "computers", "containers", "corridors", "doors", "electronics", "events", "factors", "floors",
        "generators", "grants", "graphics", "headquarters", "helicopters", "incentives", "incidents",
        "initiatives", "launchers", "layers", "letters", "logistics", "monitors", "months", "motors",
        "numbers", "objectives", "orders", "papers", "paths", "percents", "plants", "quarters", "reactors",
        "restaurants", "sectors", "shelters", "standards", "statistics", "tactics", "tankers", "topics",
        "towers", "tractors", "trailers",
    )
)
# Up to three words after a number: its noun phrase, cut at the first function word.
# (an acronym in brackets after a name stays in the phrase: "three Indonesian Military (TNI) members")
_PHRASE = re.compile(
    r"[\s\"']+([a-z][\w'-]*(?:(?:\s+\([A-Z]{2,}\))?\s+[a-z][\w'-]*){0,2})", re.IGNORECASE
)
_WORD = re.compile(r"[a-z][\w'-]*", re.IGNORECASE)
_FUNCTION = frozenset(
    (
        "of", "in", "on", "at", "and", "or", "to", "from", "for", "by", "with", "were", "was", "are", "is",
        "have", "has", "had", "who", "which", "that", "the", "a", "an", "more", "others", "over", "under",
        "after", "before", "during", "across", "near", "since", "into", "amid", "against", "between",
        "among", "through", "per", "than", "as", "other", "another", "later", "ever", "never",
        "either", "neither", "together", "whether", "rather", "further", "whatever", "however",
    )
)


# An organisation's own people: health workers when the organisation is a medical one (metrics.py).
_STAFF_WORDS = frozenset(("staff", "employees", "personnel", "colleagues", "staffers"))
# The people of an armed or security body, named by the body before their head noun ("three army
# members", "12 border police officers", "two navy sailors"): combatants, whatever the head says.
_FORCE_WORDS = frozenset(
    (
        "army", "military", "police", "force", "forces", "navy", "naval", "militia", "gendarmerie",
        "paramilitary", "marines",
    )
)


def _group(word: str) -> bool:
    """A capitalised plural names a people or a group ("Papuans", "Meiteis", "Thais"): their names,
    unlike the names of things, are written with a capital in English."""
    plural = word.endswith("s") and not word.endswith("ss")
    return plural and len(word) > 3 and word[0].isupper() and word[1:].islower()


def phrase_head(folded: str, pos: int) -> tuple[str, int, int] | None:
    """The head of the noun phrase after a number: its last word before a function word, within
    three words ("12 coal miners": miners; "98 death threats": threats), as (word, start, end)."""
    m = _PHRASE.match(folded, pos)
    if m is None:
        return None
    words = list(_WORD.finditer(folded, m.start(1), m.end(1)))
    cut = next((i for i, w in enumerate(words) if w.group().lower() in _FUNCTION), len(words))
    if cut == 0:
        return None
    head = words[cut - 1]
    return head.group(), head.start(), head.end()


def person_noun_after(folded: str, pos: int) -> tuple[str, int, int] | None:
    """The noun naming people that heads the phrase after a number (its last word: "12 coal
    miners", "nine local journalists"), by its ending: ('people' or 'staff', start, end)."""
    head = phrase_head(folded, pos)
    if head is None:
        return None
    written, start, end = head
    word = written.lower()
    named = word in _PERSON_WORDS or _PERSON_ENDING.search(word) or _group(written)
    if word in _THING_WORDS or not named:
        return None
    phrase = [w.group().lower() for w in _WORD.finditer(folded, pos, end)]
    if any(w in _FORCE_WORDS for w in phrase[:-1]):
        return "fighters", start, end
    staff = any(w in _STAFF_WORDS for w in phrase)
    return ("staff" if staff else "people"), start, end
