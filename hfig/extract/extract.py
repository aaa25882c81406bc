"""The orchestrator: text in, draft claims out. Pure: no files, no clock, no printing.

Sentence by sentence, every number that is a figure is read for its value and
qualifier (numbers.py, qualifiers.py), its metric (metrics.py), its claimant
(attribution.py), its area (places.py) and its period and as-of date
(periods.py). What a sentence leaves unsaid is carried from the sentences
before it, and every such inference is recorded so that a reviewer can see it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import weakref
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TypeVar

from msgspec import Struct, field
from msgspec.structs import replace

from hfig.core.dates import FuzzyDate
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.model import AreaPrecision, Claimant, ClaimantKind, Metric, MetricKind
from hfig.core.qualifiers import Qualifier
from hfig.extract.attribution import (
    PERSON_ANAPHOR,
    ROLE,
    Attribution,
    ClaimantMatcher,
    Mention,
    attributions,
    pick,
    rejected,
)
from hfig.extract.metrics import (
    CONTEXT_METRICS,
    DEMONYMS,
    Cue,
    MetricReading,
    TextContext,
    line_label,
    read_metrics,
)
from hfig.extract.numbers import MONTHS, NumberMention, find_numbers
from hfig.extract.periods import (
    WEEKDAYS,
    AsOfPhrase,
    PeriodPhrase,
    find_as_of,
    find_periods,
    same_period,
)
from hfig.extract.places import AreaGroup, PlaceFinder, PlaceMention
from hfig.extract.qualifiers import list_qualifiers, qualifier_of
from hfig.extract.text import Sentence, fold, sentences, squash

# Round 18: a line that is a figure alone (with a bound or a bracket), and a label line: words with no
# digit, short, not a sentence of prose.
_NUMBER_LINE = re.compile(
    r"[\W_]*(?:(?:about|around|over|some|nearly|almost|more than|at least|up to|approximately|an estimated|"
    r"estimated|total)\s+)*[\W_]*",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"(?=[^\d]*[a-z])(?!(?:\S+\s+){6})[^\d.!?,;\n]{3,60}:?", re.IGNORECASE)


_FIGURE_LINE = re.compile(r"[\W_]*\d[\d.,\s\u2013-]*(?:million|billion)?[\W_]*", re.IGNORECASE)


def _figure_line(folded: str, sent: Sentence) -> bool:
    """A line that is a number alone ("312", "2.7 million")."""
    first_line = folded[sent.start : sent.end].split("\n", 1)[0]
    return _FIGURE_LINE.fullmatch(first_line) is not None


class DraftArea(Struct, frozen=True):
    name: str
    pcodes: tuple[str, ...]
    precision: AreaPrecision
    inferred: str | None = None  # why, when the sentence itself named no place


class DraftPeriod(Struct, frozen=True):
    start: FuzzyDate | None
    end: FuzzyDate | None
    as_written: str
    inferred: str | None = None


_EARLIER_NOTE = "the first count of a change ('from N to M'): an earlier time than the sentence's; give it"


class DraftClaim(Struct, frozen=True):
    """One figure found in the text, with everything a reviewer needs to accept or fix it."""

    metric: str
    value: float | str
    qualifier: Qualifier
    figure: tuple[int, int]  # character offsets of the number in the input
    sentence: tuple[int, int]  # character offsets of the quoted sentence
    quote: str
    value_max: float | None = None
    unit: str | None = None
    claimant: str | None = None
    claimant_kind: str | None = None
    claimant_text: str | None = None  # the speaker as written, also when unknown
    claimant_how: str = "none"  # named, mentioned, anaphor, role, carried over, publisher, unknown, none
    area: DraftArea | None = None
    period: DraftPeriod | None = None
    as_of: FuzzyDate | None = None
    as_of_inferred: str | None = None
    disputed: bool = False
    part_of: tuple[int, int] | None = None  # the offsets of the total this figure is a part of
    subset: str | None = None  # the part counted when no metric names it ("men", "girls"): not a total
    conflict: str | None = None  # why a field was left for the reviewer: it clashed with another draft
    period_note: str | None = None  # why no period was drafted, when the text gives one the draft cannot
    qualifier_text: str | None = None
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()  # what lowered the confidence
    inferred: tuple[tuple[str, str], ...] = field(default=())

    @property
    def vague(self) -> bool:
        return self.qualifier is Qualifier.VAGUE


T = TypeVar("T", NumberMention, Mention)


def _without_title_repeats(drafts: list[DraftClaim], text: str, first: list[Sentence]) -> list[DraftClaim]:
    """A headline ("SNHR: 4 Civilians Killed ...") repeats a figure the body gives with its context."""
    if not first or re.search(r"[.!?]['\"]?\s*$", text[first[0].start : first[0].end]):
        return drafts
    title = first[0]
    body = {(d.metric, d.value, d.qualifier) for d in drafts if d.figure[0] >= title.end}
    return [d for d in drafts if d.figure[0] >= title.end or (d.metric, d.value, d.qualifier) not in body]


def _titles_dated(
    drafts: list[DraftClaim], text: str, first: list[Sentence], metrics: Mapping[str, Metric]
) -> list[DraftClaim]:
    """A headline tells the event its lead tells: a flow in the title with no period of its own takes
    the period of the first flow the lead dates ("Air strike kills 20" over "... on Thursday")."""
    if not first or re.search(r"[.!?]['\"]?\s*$", text[first[0].start : first[0].end]):
        return drafts
    title = first[0]

    def flow(d: DraftClaim) -> bool:
        m = metrics.get(d.metric)
        return m is not None and m.kind is MetricKind.FLOW

    lead = next(
        (
            d
            for d in drafts
            if title.end <= d.figure[0] < title.end + _LEAD_SPAN and flow(d) and d.period is not None
        ),
        None,
    )
    if lead is None or lead.period is None:
        return drafts
    why = f'a headline: the lead dates its event ("{squash(lead.period.as_written)}")'
    return [
        replace(
            d,
            period=replace(lead.period, inferred=why),
            inferred=(*[(k, v) for k, v in d.inferred if k != "period"], ("period", why)),
        )
        if d.figure[0] < title.end and d.period is None and flow(d)
        else d
        for d in drafts
    ]


# The lead of a story: the characters after its headline in which the event is told first.
_LEAD_SPAN = 400


def _inside_quote(text: str, pos: int) -> bool:
    return text.count('"', 0, pos) % 2 == 1


def _is_heading(folded: str, sent: Sentence) -> bool:
    """A short line without a full stop: a title or a section heading."""
    line = folded[sent.start : sent.end]
    return len(line) < 120 and not re.search(r"[.!?;:]['\")]*\s*$", line)


def _titles_attributed(drafts: list[DraftClaim], folded: str) -> list[DraftClaim]:
    """A headline or key-figures line gives no source; the body that repeats its number does."""
    out = []
    for i, d in enumerate(drafts):
        if d.claimant_how in ("none", "publisher") and not re.search(
            r"[.!?]['\")]*\s*$", folded[d.sentence[0] : d.sentence[1]]
        ):
            body = next(
                (
                    b
                    for b in drafts[i + 1 :]
                    if b.value == d.value
                    and b.value_max == d.value_max
                    and b.claimant is not None
                    and b.claimant_how not in ("none", "publisher")
                ),
                None,
            )
            if body is not None:
                d = replace(
                    d,
                    confidence=round(max(0.05, d.confidence - 0.02), 2),
                    claimant=body.claimant,
                    claimant_kind=body.claimant_kind,
                    claimant_text=body.claimant_text,
                    claimant_how="from the body",
                    inferred=(
                        *[(k, v) for k, v in d.inferred if k != "claimant"],
                        ("claimant", f'the text repeats the figure: "{body.quote[:80]}"'),
                    ),
                )
        out.append(d)
    return out


def _consistent(drafts: list[DraftClaim], metrics: Mapping[str, Metric]) -> list[DraftClaim]:
    """A part larger than its whole for the same claimant, area and period cannot both stand (hfig
    refuses such a pair): the part's area, read from context or not, is left for the reviewer."""
    parent_of = {m.name: m.parent for m in metrics.values() if m.parent}

    def key(d: DraftClaim, metric: str) -> tuple[object, ...]:
        period = (str(d.period.start), str(d.period.end or d.as_of)) if d.period else ("", str(d.as_of))
        return (metric, d.claimant, d.area.pcodes if d.area else None, period)

    wholes: dict[tuple[object, ...], list[DraftClaim]] = {}
    for d in drafts:
        if d.subset is None and d.area is not None:
            wholes.setdefault(key(d, d.metric), []).append(d)
    out = []
    for d in drafts:
        parent = parent_of.get(d.metric)
        while parent is not None and d.subset is None and d.area is not None and not isinstance(d.value, str):
            clash = next(
                (
                    w
                    for w in wholes.get(key(d, parent), [])
                    if not isinstance(w.value, str) and d.value > (w.value_max or w.value)
                ),
                None,
            )
            if clash is not None:
                d = replace(
                    d,
                    area=None,
                    conflict=f"{d.metric} {d.value:g} is larger than {clash.metric} {clash.value:g} drafted "
                    f"at characters {clash.figure[0]}-{clash.figure[1]} for the same source, area and period",
                )
                break
            parent = parent_of.get(parent)
        out.append(d)
    return out


def _deduplicated(drafts: list[DraftClaim]) -> list[DraftClaim]:
    """A figure repeated (a headline, then the body) is drafted once: where it is best attributed."""
    best: dict[tuple[object, ...], DraftClaim] = {}
    for d in drafts:
        period = (str(d.period.start), str(d.period.end)) if d.period else None
        key = (
            d.metric,
            d.value,
            d.value_max,
            d.qualifier,
            d.claimant,
            d.area.pcodes if d.area else None,
            period,
        )
        kept = best.get(key)
        if kept is None or d.confidence > kept.confidence:
            best[key] = d
    chosen = {id(d) for d in best.values()}
    return [d for d in drafts if id(d) in chosen]


def _within(items: list[T], start: int, end: int, starts: list[int]) -> list[T]:
    """The items (sorted by start) that start inside [start, end)."""
    return items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


# A new list item or numbered point: the previous item's speaker does not carry into it.
_FROM_PUBLICATION = "computed from the publication date"
_FROM_STATEMENT = "computed from the date it was said"
# Where a statement was made, not where its figures happened.
_STATEMENT_PLACE = re.compile(
    r"\b(?:(?:press )?conference|briefing|reporters|journalists|told \w+|speaking|said|statement)\s+in\s+",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"\s*[A-Z][A-Z' .-]{2,30}(?:\s*\([^)]{1,30}\))?\s*(?::|--|-|\u2014|\u2013)\s")
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:of (?:which|whom)|while|whereas|and|but)\b", re.IGNORECASE)
# "five tanks and an armoured personnel carrier": right after a counted noun, in the same list
_LIST_ARTICLE = re.compile(r"\s+[\w-]+(?:\s+[\w-]+)?\s+and\s+(an?)\s+(?=[\w-]+)", re.IGNORECASE)
# An organisation's own release: it says "we", or calls itself one.
_RELEASE = re.compile(
    r"\b(?:we|our)\s+(?:call|urge|condemn|are|have|remain|continue|demand|teams?|staff|hospitals?|"
    r"facilities|partners)\b|\b(?:press|news) release\b|\bfor immediate release\b",
    re.IGNORECASE,
)
# A running total ("have been killed", "has fled", "so far", "to date"): not the toll of one dated event
_RUNNING_TOTAL = re.compile(
    r"\b(?:have|has|'ve)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ft|ld|t)\b|"
    r"\b(?:so far|to date|since|in total|cumulative|total (?:number|toll))\b",
    re.IGNORECASE,
)
# a start the sentence names and does not date: "since the war began", "since the start of the conflict"
_UNDATED_START = re.compile(
    r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:war|conflict|fighting|hostilities|escalation|offensive|invasion|crisis|clashes|violence)\b|"
    r"\bsince\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:war|conflict|fighting|hostilities|escalation|offensive|"
    r"invasion|clashes)\s+(?:began|started|broke\s+out|erupted|escalated)\b(?!\s+(?:on|in)\s)",
    re.IGNORECASE,
)
_SINCE_THEN = re.compile(r"\bsince then\b", re.IGNORECASE)
# "were killed in the attack": the event the sentence before dated
_THE_EVENT = re.compile(
    r"\b(?:in|during|by|from|of|after)\s+(?:the|that|this)\s+(?:(?:air|drone|missile|latest|deadly)\s*)?"
    r"(?:attack|strike|airstrike|bombing|bombardment|shelling|blast|explosion|raid|incident|assault|massacre)s?\b",
    re.IGNORECASE,
)
_NEW_ITEM = re.compile(r"[ \t]*(?:[-*\u2022\u00b7]|\d+[.)])\s")
# A background sentence that leaves the report: "the war has killed tens of thousands".
# ("a civil war that killed tens of thousands", "tensions between the army and the RSF over ... have
# claimed the lives of tens of thousands": a relative clause, and a long subject, are background too)
_BACKGROUND = re.compile(
    r"(?<!these )(?<!those )(?<!such )"  # ("these attacks have led to 9 deaths" is the report's)
    r"\b(?:war|conflict|fighting|violence|bloodshed|crisis|insurgency|tensions|hostilities|"
    # (an event told as history: "the siege has claimed over 1,000 lives", "the attack on 7 October,
    # which killed 1,100 people", "clashes ... have displaced")
    r"siege|assault|offensive|invasion|attacks?|campaign|clashes|bombardment|occupation)\b"
    r"(?:[^.;]{0,160}?\b(?:has|have|had)\s+(?:\w+\s+)?|(?:,?\s+[^.;,]{0,40},)?\s+(?:that|which)\s+"
    r"(?:has\s+|have\s+)?)"
    r"(?:killed|left|displaced|claimed|forced|uprooted|driven|led to)\b",
    re.IGNORECASE,
)
# (a family name may start with a particle: "Ashraf al-Qudra", later "Al-Qudra said")
_PERSON_AT_END = re.compile(
    r"(?:[A-Z][\w'.-]+\s+|(?:de|al|el|van|von|bin)\s+)+((?:(?:al|el|ad|ar|as|abu|bin|ibn)-)?[A-Z][\w'.-]+)$"
)
# "the head of the UN Human Rights Monitoring Mission in Ukraine (HRMMU), Matilda Bogner": a role in a
# body, then the person who holds it, who later speaks by name ("Bogner said")
_ROLE_OF = re.compile(rf"\b(?:{ROLE})\s+(?:of|for|at)\s+(?:the\s+)?$", re.IGNORECASE)
# "World Health Organization (WHO) spokesman Christian Lindmeier": the body, the role, the person
# ("Save the Children's director for the Palestinian territory Jason Lee": a possessive, and where)
_ROLE_HOLDER = re.compile(
    rf"(?:\s*\([^)]{{1,12}}\))?(?:'s|s')?\s+(?:[a-z][\w-]*\s+){{0,2}}(?i:{ROLE})"
    r"(?:\s+(?:for|of|in|at)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)?"
    r"\s+(?:[A-Z][\w'.-]+\s+){1,3}?([A-Z][\w'.-]+)\b(?![\w'-])"
)
_HOLDER_AFTER = re.compile(r"(?:\s*\([^)]{1,12}\))?,\s+(?:[A-Z][\w'.-]+\s+){1,3}?([A-Z][\w'.-]+)\b(?![\w'-])")
# A sentence that opens another time frame ("Last week, a coalition strike killed 55") tells of
# something else than the report before it.
_OTHER_TIME = re.compile(
    r"\W*(?:last (?:week|month|year)|earlier (?:this|that) (?:week|month|year)|in (?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december|(?:19|20)\d\d)\b|"
    r"this is in addition to)",
    re.IGNORECASE,
)
_ANAPHOR_KINDS = {
    "aid": ("ngo", "un"),
    "medical": ("ngo",),
    "humanitarian": ("ngo", "un"),
    "rights": ("ngo", "monitor"),
    "monitoring": ("monitor",),
    "charity": ("ngo",),
    "un": ("un",),
    "relief": ("ngo", "un"),
    "rescue": ("civil_defence", "ngo"),
}
_ACRONYM = re.compile(r"[A-Z]{3,8}")


def _one_edit(a: str, b: str) -> bool:
    """Two acronyms one letter apart (left out, added, changed or swapped): "OCHR" for "OHCHR"."""
    if a == b or not _ACRONYM.fullmatch(b) or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# "a medical group", "a local rights group", "an aid organisation": a civil body described, not yet named
_A_GROUP = re.compile(
    r"an?\s+(?:[\w'-]+\s+){0,2}?(?:medical|doctors'?|rights|aid|relief|humanitarian|monitoring)\s+"
    r"(?:group|organi[sz]ation|network|charity)",
    re.I,
)
_INTRODUCED_WITHIN = 600
_A_MONITOR = re.compile(r"(?:an?|the)\s+(?:war\s+|rights\s+|conflict\s+|britain-based\s+)?monitor", re.I)
# An anaphor that never stands for an armed party: "the organization noted"
_NOT_A_PARTY_NOUN = re.compile(
    r"\b(?:organi[sz]ation|agency|charity|ngo|monitor|observatory)$", re.IGNORECASE
)
_DOCUMENT_VERB = re.compile(r"\b(?:conducted|released|published|issued|launched)\b", re.IGNORECASE)
_KIND_NOUN = re.compile(
    r"\b(?:ministry|agency|organi[sz]ation|office|network|observatory|committee|council|mission|group|"
    r"society|military|army|service|union|tv|channel)\b",
    re.IGNORECASE,
)
_CIVILIAN_CASUALTIES = re.compile(
    r"\bcivilian (?:casualties|deaths and injuries|victims)|\b(?:casualties|losses) among civilians",
    re.IGNORECASE,
)
_HEALTH_ATTACKS = re.compile(r"\battacks?\s+(?:on|against)\s+(?:health|medical)", re.IGNORECASE)
# Before a country (from the gazetteer): people who crossed a border. "fled to Chad", "entered Chad",
# "have left Ukraine", "crossed into neighbouring Chad"
_REACHED = re.compile(r"\b(?:to|into|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_ABROAD_VERB = re.compile(
    r"\b(?:fled|flee|fleeing|flees|escaped|crossed|crossing|cross|entered|entering|enter|arrived|arriving|"
    r"arrive|arrivals|(?:have|has|had|who) left|leaving|evacuate[ds]?|went|"
    r"(?:sought|seeking|seek|found|finding|find|took|taking|taken) (?:refuge|shelter|safety)|"
    # "fled Rakhine state to Bangladesh", "fled the fighting in Darfur into Chad": the place left, then
    # the country reached
    r"(?:fled|escaped|left|crossed)\s+(?:[\w'-]+\s+){1,4}?(?:to|into)|"
    # "pushing thousands into Uganda": people made to cross
    r"(?:pushed|pushing|forced|forcing|drove|driving)\s+(?:[\w',.-]+\s+){1,4}?(?P<pushed>to|into|across))"
    r"(?:\s+(?:to|into|in|across|towards?))?\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+)?$",
    re.IGNORECASE,
)
# "These latest figures, reported by Save the Children, come from the Health Ministry in Gaza"
_THESE_FIGURES = re.compile(
    r"\W*(?:these|those|the|all)\s+(?:[\w-]+\s+){0,2}?(?:figures|numbers|data|statistics|tolls?)\b",
    re.IGNORECASE,
)
_COME_FROM = re.compile(
    r"\b(?:comes?|came)\s+from\b|\b(?:provided|compiled|released|issued|supplied)\s+by\b|\baccording to\b|"
    r"\b(?:are|were)\s+(?:those\s+)?(?:from|of)\b",
    re.IGNORECASE,
)
_RECENTLY = re.compile(r"\b(?:recently|newly)\s+$", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\W*(?:we|our|us)\b", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"\s*(?::|-\s|\u2013|'s\s+(?:figures|data|count|report))")


def _brackets(folded: str, a: Attribution) -> tuple[int, int] | None:
    """The brackets around an attribution that also hold a figure of their own ("(nearly 1,800
    according to AAPP)"); a bracket that only names a source ("(SOHR)") tags the sentence instead."""
    opened = folded.rfind("(", max(0, a.start - 80), a.start)
    if opened == -1 or ")" in folded[opened : a.start]:
        return None
    closed = folded.find(")", a.end, a.end + 80)
    if closed == -1 or not re.search(r"\d", folded[opened:closed]):
        return None
    return opened, closed


def _aside_elsewhere(folded: str, a: Attribution, pos: int) -> bool:
    """Whether the attribution sits in such brackets and `pos` is outside them: "At least 1,600
    civilians have been killed (nearly 1,800 according to AAPP)": AAPP speaks for the 1,800 only."""
    span = _brackets(folded, a)
    return span is not None and not span[0] < pos < span[1]


def _aside_here(folded: str, a: Attribution, pos: int) -> bool:
    span = _brackets(folded, a)
    return span is not None and span[0] < pos < span[1]


def extract(
    text: str,
    *,
    metrics: Mapping[str, Metric],
    claimants: Mapping[str, Claimant],
    gazetteer: Gazetteer,
    published: FuzzyDate | None = None,
    publisher: str | None = None,
    all_metrics: bool = False,
) -> list[DraftClaim]:
    """Draft claims for every figure in `text`, in the order they appear.

    Only figures of what hfig counts (displacement, casualties, attacks on health care and
    education, aid workers, detention, homes) are drafted; `all_metrics` also drafts the
    vocabulary's context metrics (population, people in need, military claims).
    """
    known = set(metrics) if all_metrics else set(metrics) - CONTEXT_METRICS
    return _Extractor(text, metrics, claimants, gazetteer, published, publisher, known).run()


# Built once per registry and gazetteer, for callers that draft many texts (the finders keep no
# state of a text).
_MATCHERS: dict[tuple[tuple[str, str, tuple[str, ...]], ...], ClaimantMatcher] = {}
_FINDERS: weakref.WeakKeyDictionary[Gazetteer, PlaceFinder] = weakref.WeakKeyDictionary()


def _matcher(claimants: Mapping[str, Claimant]) -> ClaimantMatcher:
    key = tuple(sorted((c.id, c.name, tuple(c.aliases)) for c in claimants.values()))
    if key not in _MATCHERS:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        _MATCHERS[key] = ClaimantMatcher(claimants.values())
    return _MATCHERS[key]


def _place_finder(gazetteer: Gazetteer) -> PlaceFinder:
    finder = _FINDERS.get(gazetteer)
    if finder is None:
        finder = _FINDERS[gazetteer] = PlaceFinder(gazetteer)
    return finder


# An office of the state that speaks without naming its government: "the local governor", "the mayor of
# Kharkiv", "regional authorities", "the region's deputy prosecutor" (not the police or the army, whose
# words the labelling guide leaves to their own names).
_GOVERNMENT_ROLE = re.compile(
    r"\b(?:governor|mayor|prosecutor|(?:regional|local|city|provincial|district|oblast|government) "
    r"(?:authorities|officials|administration))\b",
    re.IGNORECASE,
)
# The labelling guide's table gives a state's ministries, its president's commissioners and its officials
# to its government ("Ukrainian ministries, the President's commissioners, regional or city officials",
# "Sudan's Ministry of Health", "Congolese government"): an office that is always a state's ("the
# Ministry of Education and Science", "the Commissioner for Human Rights", "an embassy spokesman"), and
# any office or official of a country the speaker names ("Ukraine's", "Israeli", "of Sudan")
_STATE_OFFICE = re.compile(
    r"\b(?:ministry|ministries|minister|commissioner|ombudsman|ombudsperson|embassy|presidency|"
    r"president's office|prime minister's office)\b",
    re.IGNORECASE,
)
_COUNTRY_OFFICE = re.compile(
    r"\b(?:government|authorities|officials?|administration|spokes(?:man|woman|person))\b", re.IGNORECASE
)
# a capitalised adjective of a people before an office ("the Chadian government", "a Kenyan ministry"):
# the speaker names a country, whose government may not be the text's (not a name: "Governor Ivan X")
# A capitalised name after a preposition of place (the name is checked against the places and bodies found)
_UNKNOWN_PLACE = re.compile(
    r"\b(?P<prep>in|near|at|around|outside|inside|from|fled|left)\s+(?:the\s+(?:(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:town|village|city|camp|district|area|commune|municipality|township|province|governorate|county|"
    r"neighbou?rhood)\s+of\s+|capital(?:\s+city)?,?\s+)?)?(?P<name>(?-i:[A-Z][a-z][\w'-]*(?:\s+(?:al-|el-)?[A-Z][\w'-]*){0,3}))",
    re.IGNORECASE,
)
_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_DEMONYM_END = re.compile(r"(?:ian|ese|ish)$")
_DEMONYMS_IN_I = frozenset(w[:-1] for w in DEMONYMS.split("|") if w.endswith("is")) | {"saudi", "emirati"}


def _demonym(word: str) -> bool:
    """'Russian', 'Sudanese', 'Israeli' (an adjective, not a place; 'Tripoli' is no demonym)."""
    return bool(_DEMONYM_END.search(word)) or word.lower() in _DEMONYMS_IN_I


_DEMONYM_WORD = re.compile(
    r"\b[A-Z][a-z]+(?:ian|ese|i|an|ish)\s+(?:[a-z]+\s+)?(?:government|authorities|officials?|ministry|"
    r"minister|embassy|administration|presidency|spokes(?:man|woman|person))\b"
)
# A role that names no holder ("the agency's regional director"), and a bare personal name ("Ahmed
# Al-Mandhari"): two to four capitalised words, no role, no lowercase word
_UNNAMED_ROLE_SAID = re.compile(
    rf"\b(?:its|their|the (?:agency|organi[sz]ation|group|ministry|office|charity|mission)'s)\s+"
    rf"(?:[a-z-]+\s+){{0,2}}(?:{ROLE})\s+(?:said|says|told)\b",
    re.IGNORECASE,
)
_PERSON_ONLY = re.compile(r"(?:[A-Z][a-z'.-]+\s+){1,3}(?:(?:al|el|abu|bin)-)?[A-Z][\w'.-]+")


def _governments(claimants: Mapping[str, Claimant], gazetteer: Gazetteer) -> dict[str, str]:
    """Country code -> the registry's "Government of <country>" claimant (asked for rarely: not kept)."""
    found: dict[str, str] = {}
    for c in claimants.values():
        m = re.match(r"Government of (?:the )?([^(]+?)\s*(?:\(|$)", c.name)
        place = gazetteer.resolve(m.group(1)) if m else None
        if place is not None and place.level == 0 and c.part_of is None:
            found.setdefault(next(iter(place.countries)), c.id)
    return found


def _country_words(
    claimants: Mapping[str, Claimant], gazetteer: Gazetteer, governments: Mapping[str, str]
) -> dict[str, set[str]]:
    """Country code -> the words that name it in a speaker: the country's names in the gazetteer and
    the first word of its government's aliases ("Ukrainian government", "DRC government")."""
    out: dict[str, set[str]] = {}
    for code, gid in governments.items():
        words = out.setdefault(code, set())
        c = claimants[gid]
        m = re.match(r"Government of (?:the )?([^(]+?)\s*(?:\(|$)", c.name)
        if m:
            words.add(m.group(1))
        for alias in c.aliases:
            first = re.match(r"([A-Z][\w]*)(?:'s)?\s+(?:government|authorities|officials)$", alias)
            if first:
                words.add(first.group(1))
    return out


def publisher_claimant(claimants: Mapping[str, Claimant], publisher: str | None) -> Claimant | None:
    """The registry's claimant for the publisher, matched by id, name or alias.

    A figure a report states on its own authority is the publisher's: the
    article's media claimant for a news story, OCHA for an OCHA flash update.
    """
    if not publisher:
        return None
    key = publisher.strip().casefold()
    matches = [c for c in claimants.values() if key in (x.casefold() for x in (c.id, c.name, *c.aliases))]
    media = [c for c in matches if c.kind is ClaimantKind.MEDIA]
    chosen = media or matches
    if chosen:
        return chosen[0]
    # "OCHA Flash Update No. 9", "UOSSM press release": one registry name inside the publisher's
    named = {m.claimant for m in _matcher(claimants).mentions(fold(publisher))}
    return claimants[named.pop()] if len(named) == 1 else None


# How a claimant was found, as the draft explains it ({} is the speaker as written).
_HOW_FOUND = {
    "mentioned": '"{}" labels the figure',
    # (the last body of its kind named before it; "a war monitor": the one monitor the text names)
    "anaphor": '"{}" stands for a body the text names',
    "role": '"{}" holds an office of the state the text is about (its places): its government speaks',
    "carried over": 'the sentence names no source; the report before it is "{}"\'s',
}


class _Speaker(Struct):
    claimant: str | None
    text: str
    how: str
    document: bool = False  # introduced a report or survey whose findings the next paragraphs give


class _Extractor:
    def __init__(
        self,
        text: str,
        metrics: Mapping[str, Metric],
        claimants: Mapping[str, Claimant],
        gazetteer: Gazetteer,
        published: FuzzyDate | None,
        publisher: str | None,
        known: set[str] | None = None,
    ) -> None:
        self.text = text
        self.known = set(metrics) if known is None else known
        self.folded = fold(text)
        self.metrics = metrics
        self.claimants = claimants
        self.published = published
        self.publisher = publisher
        self.matcher = _matcher(claimants)
        self.places = _place_finder(gazetteer)
        self.release_note: str | None = None
        self.media = publisher_claimant(claimants, publisher) or self._release_of(claimants, publisher)
        self._last_speaker: str | None = None
        self._persons: dict[str, str] = {}
        self._said: list[Attribution] = []  # every attribution to a known claimant, in order
        self._kinds = {c.id: c.name.lower() for c in claimants.values()}
        self._country: str | None = None  # the country most of the text's first places are in (when asked)
        self._start: PeriodPhrase | None = None  # the first dated start of the sentences read so far
        self._reading_at = 0  # where the sentence being read starts
        self._rest_read: tuple[PeriodPhrase | None] | None = None  # the first one after, looked for once
        self._unknown_spans: dict[int, tuple[list[tuple[int, int]], bool]] = {}  # by sentence start
        self._head_places: list[PlaceMention] = []  # the places of the text's first 10,000 characters
        self._country_area: tuple[DraftArea | str] | None = None  # the text's country as an area (when asked)
        self._unnamed_role: str | None = None  # the body of a role holder not yet named ("its director")

    def run(self) -> list[DraftClaim]:
        folded = self.folded
        numbers = find_numbers(self.text)
        mentions = self.matcher.mentions(folded)
        number_starts = [n.start for n in numbers]
        mention_starts = [m.start for m in mentions]
        out: list[DraftClaim] = []
        prev_speaker: _Speaker | None = None
        prev_sentence: Sentence | None = None
        prev_period: DraftPeriod | None = None
        last_period: DraftPeriod | None = None  # the last period with an end, in any paragraph before
        prev_as_of: tuple[FuzzyDate, str, str | None] | None = None
        prev_reading = None
        drafted_here = True
        # the sentences of the paragraph so far, for an area from context (places read when needed)
        trail: list[tuple[Sentence, list[Mention], list[AreaGroup] | None]] = []
        before: list[tuple[Sentence, list[Mention], list[AreaGroup] | None]] = []
        all_sentences = sentences(self.text)
        civilian_at = [m.start() for m in _CIVILIAN_CASUALTIES.finditer(folded)]
        health_attacks_at = [m.start() for m in _HEALTH_ATTACKS.finditer(folded)]
        per_paragraph = Counter(x.paragraph for x in all_sentences)
        lead_in: tuple[_Speaker | None, DraftPeriod | None] | None = None
        for sent in all_sentences:
            s, e = sent.start, sent.end
            new_paragraph = prev_sentence is not None and prev_sentence.paragraph != sent.paragraph
            if new_paragraph:
                before = trail if len(trail) == 1 else []  # (wire copy: a one-sentence paragraph before)
                trail = []
            if prev_sentence is not None and prev_sentence.paragraph != sent.paragraph:
                # A speaker goes on across the one-sentence paragraphs of wire copy, not into a
                # list item, after a heading, or past a paragraph of its own.
                item = _NEW_ITEM.match(folded, s)
                if item and lead_in is not None:
                    # "SNHR documented since the start of the campaign:" and a list: each item is its own
                    prev_speaker, prev_period = lead_in
                elif (
                    item
                    or _is_heading(folded, prev_sentence)
                    or (
                        per_paragraph[prev_sentence.paragraph] > 1
                        and not (prev_speaker and prev_speaker.document)
                    )
                ):
                    prev_speaker, prev_period = None, None
                if not item:
                    lead_in = None
                prev_reading = None
            scene = not drafted_here
            drafts_before = len(out)
            nums = self._with_articles(_within(numbers, s, e, number_starts))
            sent_mentions = _within(mentions, s, e, mention_starts)
            attribs = [
                self._resolve(a, mentions, mention_starts) for a in attributions(folded, s, e, sent_mentions)
            ]
            self._remember_speakers(attribs, (s, e))
            self._remember_role_holders(sent_mentions)
            self._said.extend(a for a in attribs if a.claimant is not None)
            background = bool(_BACKGROUND.search(folded, s, e)) or bool(_OTHER_TIME.match(folded, s))
            if nums:
                place_mentions = self._place_mentions(sent, sent_mentions)
                groups = self.places.groups(folded, place_mentions)
            else:
                place_mentions, groups = [], []  # (read only if a later figure needs the context)
            periods = find_periods(folded, s, e, self.published)
            self._reading_at = s
            if self._start is None:
                self._start = next(
                    (p for p in periods if p.start is not None and p.end is None and not p.relative), None
                )
            as_of = find_as_of(folded, s, e, self.published)
            readings, state = read_metrics(
                folded,
                nums,
                (s, e),
                self.known,
                prev_reading,
                extra_events=self._abroad(place_mentions),
                context=TextContext(
                    civilian_casualties=bisect.bisect_left(civilian_at, e) > 0,
                    health_attacks=bisect.bisect_left(health_attacks_at, e) > 0,
                ),
            )
            if nums and not any(readings):
                readings = self._label_line(all_sentences, sent, nums, readings)
            quote = squash(self.text[s:e]) if nums else ""
            disputed = rejected(folded, s, e) if nums else False
            sentence_speaker: _Speaker | None = None
            sentence_period: DraftPeriod | None = None
            respective = self._respective(attribs, [n for n, r in zip(nums, readings, strict=True) if r])
            in_list = list_qualifiers(
                folded,
                nums,
                {
                    n.start: (r.metric, qualifier_of(folded, n))
                    for n, r in zip(nums, readings, strict=True)
                    if r
                },
            )
            for n, reading in zip(nums, readings, strict=True):
                if reading is None:
                    continue
                carried = prev_speaker
                if background or (new_paragraph and reading.metric in CONTEXT_METRICS):
                    carried = None  # background: a population, a war's toll, is not the report's
                speaker = self._speaker(respective.get(n.start, attribs), sent_mentions, n, carried, s)
                if self._stock_unless_dated(reading):
                    # "7.7 million displaced within Ukraine", "10 million IDPs were displaced to ...":
                    # people displaced on a date, unless the text says since when
                    flow = self._period(periods, n, reading, speaker, prev_period, s, e, scene)
                    if flow is None or flow.start is None:
                        reading = replace(reading, metric="idps")
                area = self._area(
                    groups,
                    n,
                    lambda trail=trail: self._context_area(trail),  # type: ignore[misc]
                    nums,
                    functools.partial(self._unknown_place, sent, sent_mentions, place_mentions),
                    functools.partial(self._context_area, before),
                    functools.partial(self._context_unknown, trail),
                )
                period = self._period(
                    periods,
                    n,
                    reading,
                    speaker,
                    prev_period or (None if _RUNNING_TOTAL.search(self.folded, s, e) else last_period),
                    s,
                    e,
                    scene,
                    carry=True,
                    source="the sentence before" if prev_period is not None else "an earlier paragraph",
                )
                claim_as_of, as_of_why = self._as_of(as_of, attribs, n, speaker, prev_as_of)
                if (
                    period is not None
                    and period.inferred == _FROM_PUBLICATION
                    and claim_as_of is not None
                    and claim_as_of != self.published
                ):
                    # "in the past 24 hours, the ministry said on Monday": counted back from Monday
                    again = [
                        p
                        for p in find_periods(folded, s, e, claim_as_of)
                        if p.as_written == period.as_written
                    ]
                    if again:
                        period = DraftPeriod(again[0].start, again[0].end, period.as_written, _FROM_STATEMENT)
                claim = self._claim(
                    n,
                    reading,
                    speaker,
                    area,
                    period,
                    claim_as_of,
                    as_of_why,
                    quote,
                    (s, e),
                    disputed,
                    in_list.get(n.start),
                )
                if reading.part_of is not None:
                    total = nums[reading.part_of]
                    claim = replace(claim, part_of=(total.start, total.end), subset=reading.subset)
                out.append(claim)
                sentence_speaker = speaker if speaker.how not in ("publisher", "none") else sentence_speaker
                sentence_period = period or sentence_period
            if sentence_speaker is None:
                # (a source in brackets speaks for the brackets only, not for the sentences after)
                named = [a for a in attribs if a.claimant is not None and not _aside_elsewhere(folded, a, -1)]
                unnamed = [a for a in attribs if a.claimant is None and not _aside_elsewhere(folded, a, -1)]
                if named:
                    a = named[-1]
                    document = bool(_DOCUMENT_VERB.search(folded, a.start, a.end))
                    sentence_speaker = _Speaker(a.claimant, a.speaker, "named", document)
                elif unnamed and folded[s:e].rstrip().endswith(";"):
                    # "According to the ARLPI, the LRA conducted 456 attacks; killed 539 civilians": a
                    # speaker the registry does not know goes on past a semicolon, as a named one does
                    sentence_speaker = _Speaker(None, unnamed[-1].speaker, "unknown")
                elif not attribs and len(out) == drafts_before and not background:
                    sentence_speaker = prev_speaker  # a sentence that names no one goes on with the report
            prev_speaker = sentence_speaker
            if periods and sentence_period is None:
                p = periods[-1]
                sentence_period = DraftPeriod(p.start, p.end, p.as_written)
            if sentence_period is not None or nums or attribs:
                prev_period = sentence_period  # (a sentence with no date, figure or source keeps the time)
                if sentence_period is not None and sentence_period.end is not None:
                    last_period = sentence_period  # (a dated event or report period: for the next paragraphs)
            # a sentence that drafted nothing and names no speaker sets the scene for the next one
            drafted_here = len(out) > drafts_before or bool(sent_mentions) or bool(attribs)
            if as_of is not None:
                owner = pick(attribs, as_of.span[0])
                prev_as_of = (as_of.date, as_of.as_written, owner.claimant if owner else None)
            elif sentence_speaker is None or prev_as_of is None or sentence_speaker.claimant != prev_as_of[2]:
                prev_as_of = None
            prev_reading = state if nums else prev_reading
            trail.append((sent, sent_mentions, groups if nums else None))
            if folded[s:e].rstrip().endswith(":"):
                lead_in = (prev_speaker, prev_period)  # a lead-in: the list that follows is its
            prev_sentence = sent
        out = self._sourced_after(out, all_sentences, mentions)
        out = self._quoted_after(out)
        drafts = _without_title_repeats(
            _titles_attributed(_deduplicated(out), folded), self.text, all_sentences[:1]
        )
        drafts = _titles_dated(drafts, self.text, all_sentences[:1], self.metrics)
        return _consistent(drafts, self.metrics)

    def _sourced_after(
        self, drafts: list[DraftClaim], all_sentences: list[Sentence], mentions: list[Mention]
    ) -> list[DraftClaim]:
        """ "These latest figures ... come from the Health Ministry": the source of the figures of the
        paragraph before, which named none (or only someone the registry does not know)."""
        for k, sent in enumerate(all_sentences):
            if k == 0 or not _THESE_FIGURES.match(self.folded, sent.start, sent.end):
                continue
            verb = _COME_FROM.search(self.folded, sent.start, sent.end)
            source = next((m for m in mentions if verb and verb.end() <= m.start < sent.end), None)
            if source is None:
                continue
            before = all_sentences[k - 1]
            since = next(x.start for x in all_sentences if x.paragraph == before.paragraph)
            claimant = self.claimants.get(source.claimant)
            for i, d in enumerate(drafts):
                if since <= d.sentence[0] < sent.start and d.claimant_how in ("none", "publisher", "unknown"):
                    drafts[i] = replace(
                        d,
                        claimant=source.claimant,
                        claimant_kind=claimant.kind.value if claimant else None,
                        claimant_text=squash(self.text[source.start : source.end]),
                        claimant_how="named after",
                        confidence=round(max(0.05, d.confidence - 0.05), 2),
                        inferred=(
                            *[(key, v) for key, v in d.inferred if key != "claimant"],
                            (
                                "claimant",
                                f'the text says after it: "{squash(self.text[sent.start : sent.end])[:80]}"',
                            ),
                        ),
                    )
        return drafts

    def _quoted_after(self, drafts: list[DraftClaim]) -> list[DraftClaim]:
        """'"We have documented 5,996 deaths. ... The actual numbers are higher," Bogner said.': a quotation
        of several sentences is its speaker's, named after its closing mark."""
        for i, d in enumerate(drafts):
            if d.claimant_how not in ("none", "publisher"):
                continue
            pos = d.figure[0]
            para = self.folded.rfind("\n\n", 0, pos) + 1
            if self.folded.count('"', para, pos) % 2 == 0:
                continue  # not inside a quotation
            close = self.folded.find('"', pos)
            if close == -1 or "\n\n" in self.folded[pos:close]:
                continue
            speaker = next((a for a in self._said if close < a.start <= close + 6), None)
            if speaker is None or speaker.claimant is None:
                continue
            claimant = self.claimants.get(speaker.claimant)
            drafts[i] = replace(
                d,
                claimant=speaker.claimant,
                claimant_kind=claimant.kind.value if claimant else None,
                claimant_text=speaker.speaker,
                claimant_how="named after",
                confidence=round(max(0.05, d.confidence - 0.05), 2),
                inferred=(
                    *[(key, v) for key, v in d.inferred if key != "claimant"],
                    ("claimant", f'the quotation it is in ends: "... {speaker.speaker} said"'),
                ),
            )
        return drafts

    # --- pieces -------------------------------------------------------------------------

    def _place_mentions(self, sent: Sentence, sent_mentions: list[Mention]) -> list[PlaceMention]:
        s, e = sent.start, sent.end
        found = self.places.mentions(self.text, self.folded, s, e, self._not_places(sent_mentions, s, e))
        if not found and sent_mentions:
            # "according to the Ministry of Health in Gaza": the body's place, when no other is named
            found = self.places.mentions(self.text, self.folded, s, e, [])
        return found

    @staticmethod
    def _usable(groups: list[AreaGroup]) -> list[AreaGroup]:
        return [g for g in groups if not all(m.possessive for m in g.mentions)]

    def _context_area(
        self, trail: list[tuple[Sentence, list[Mention], list[AreaGroup] | None]]
    ) -> tuple[AreaGroup, Sentence] | None:
        """The last area named before, in the paragraph."""
        for i in range(len(trail) - 1, -1, -1):
            sent, sent_mentions, groups = trail[i]
            if groups is None:
                groups = self.places.groups(self.folded, self._place_mentions(sent, sent_mentions))
                trail[i] = (sent, sent_mentions, groups)
            usable = self._usable(groups)
            if usable:
                return usable[-1], sent
        return None

    def _context_unknown(
        self, trail: list[tuple[Sentence, list[Mention], list[AreaGroup] | None]]
    ) -> DraftArea | None:
        """The last place the gazetteer lacks that a sentence before, in the paragraph, names after "in"."""
        for i in range(len(trail) - 1, -1, -1):
            sent, sent_mentions, _groups = trail[i]
            # (the sentence's places are needed only the first time its unknown names are looked for)
            places = [] if sent.start in self._unknown_spans else self._place_mentions(sent, sent_mentions)
            span, _anywhere = self._unknown_place(sent, sent_mentions, places, sent.end)
            if span is not None:
                found = self._unknown_area(span)
                if found is not None:
                    why = f"the sentence names no area; the text before it names {found.inferred}"
                    return replace(found, precision=AreaPrecision.INFERRED, inferred=why)
        return None

    def _stock_unless_dated(self, reading: MetricReading) -> bool:
        if "idps" not in self.known or reading.metric != "displaced" or reading.event is None:
            return False
        if reading.event.kind == "displaced_undated":
            # "have been recently internally displaced": a flow, though no start date is given
            return not _RECENTLY.search(self.folded, max(0, reading.event.start - 20), reading.event.start)
        verb = self.folded[reading.event.start : reading.event.end].lower()
        return reading.entity.kind == "idps" and verb == "displacement"  # "IDPs, most in displacement sites"

    def _release_of(self, claimants: Mapping[str, Claimant], publisher: str | None) -> Claimant | None:
        """Without --publisher, an organisation's own release names itself at the top ("The Syrian
        American Medical Society (SAMS) condemns ...") and speaks as "we" or calls itself a release."""
        if publisher is not None or not _RELEASE.search(self.folded):
            return None
        head = self.folded[:400]
        for m in self.matcher.mentions(head):
            c = claimants.get(m.claimant)
            if c is not None and c.kind is not ClaimantKind.MEDIA and not _inside_quote(head, m.start):
                self.release_note = f'the text is a release of "{squash(self.text[m.start : m.end])}"'
                return c
        return None

    def _with_articles(self, nums: list[NumberMention]) -> list[NumberMention]:
        """'five tanks and an armoured carrier': 'an' counts one only as the next item of a list of
        counted things ('a child' elsewhere is not a figure)."""
        extra = []
        for n in nums:
            if n.skip or n.text.lower() in ("a", "an"):
                continue
            m = _LIST_ARTICLE.match(self.folded, n.end)
            if m is not None:
                a, b = m.span(1)
                extra.append(NumberMention(a, b, self.text[a:b], 1.0, from_words=True))
        return sorted([*nums, *extra], key=lambda x: x.start) if extra else nums

    def _abroad(self, places: list[PlaceMention]) -> list[Cue]:
        """'fled to Chad', 'have left Ukraine': a verb of flight before a country is a border crossed, and
        so is one before a place in another country than the text's ('fled to North Ossetia' in a text
        about Georgia)."""
        out = []
        for p in places:
            if p.place.level != 0 and not (
                _REACHED.search(self.folded, max(0, p.start - 12), p.start) and self._elsewhere(p.place)
            ):
                continue  # (a place left, "fled Bor", may share its name with one abroad)
            verb = _ABROAD_VERB.search(self.folded, max(0, p.start - 40), p.start)
            if verb is not None:
                # ("pushed 20,000 people into Burundi": the border crossed is after the people counted)
                start = verb.start("pushed") if verb.group("pushed") else verb.start()
                out.append(Cue("abroad", start, p.end))
        return out

    def _elsewhere(self, place: Place) -> bool:
        countries = place.countries
        return len(countries) == 1 and self._text_country() not in ("", *countries)

    def _not_places(self, sent_mentions: list[Mention], s: int, e: int) -> list[tuple[int, int]]:
        """Claimant names, and 'in Syria' right after one: a description of the claimant, not a place;
        where a statement was made ('told a press conference in Gaza City'); a dateline ('KABUL
        (Pajhwok):')."""
        spans = []
        for m in sent_mentions:
            tail = re.match(
                r"[\s\"']*in\s+[\w' -]+?(?=[,.;]|\s+(?:said|says|reported|has|had|was|is|,))",
                self.folded[m.end : m.end + 40],
            )
            spans.append((m.start, m.end + (tail.end() if tail else 0)))
        for where in _STATEMENT_PLACE.finditer(self.folded, s, e):
            spans.append((where.end(), min(e, where.end() + 40)))
        dateline = _DATELINE.match(self.folded, s)
        if dateline is not None:
            spans.append((s, dateline.end()))
        return spans

    def _resolve(self, a: Attribution, mentions: list[Mention], starts: list[int]) -> Attribution:
        """'he said': the last speaker; 'the agency added', 'Ministry spokesman X said': the last body
        of that kind named before; 'Castro said': the body that person was introduced as speaking for."""
        if a.how == "unknown":
            known = self._persons.get(a.speaker.split()[-1].lower()) if a.speaker[:1].isupper() else None
            if known is None and _ACRONYM.fullmatch(a.speaker.strip()):
                # "According to OHCHR monitoring, ... OCHR confirmed": a body's acronym misspelt, next to it
                near = [m for m in mentions if a.start - 300 <= m.start < a.start]
                typo = next(
                    (
                        m.claimant
                        for m in reversed(near)
                        if _one_edit(a.speaker.strip(), self.text[m.start : m.end].strip())
                    ),
                    None,
                )
                if typo is not None:
                    return replace(a, claimant=typo, how="named")
            if known is None and _A_MONITOR.fullmatch(a.speaker.strip()):
                # "a war monitor said", then "the Syrian Observatory for Human Rights said": wire copy
                # introduces the monitor before naming it; the one monitor the text names
                monitors = {m.claimant for m in mentions if self._kind_of(m.claimant) == "monitor"}
                if len(monitors) == 1:
                    return replace(a, claimant=monitors.pop(), how="anaphor")
            if known is None and _A_GROUP.fullmatch(a.speaker.strip()):
                # "a medical group said Wednesday", then "The Sudan Doctors Network said": wire copy
                # describes a civil body before it names it; the first such body named just after
                named = next(
                    (
                        m.claimant
                        for m in mentions
                        if a.end <= m.start < a.end + _INTRODUCED_WITHIN
                        and self._kind_of(m.claimant) in ("ngo", "monitor", "civil_defence")
                    ),
                    None,
                )
                if named is not None:
                    return replace(a, claimant=named, how="anaphor")
            if (
                known is None
                and self._unnamed_role is not None
                and _PERSON_ONLY.fullmatch(a.speaker.strip())
                and not self.matcher.mentions(a.speaker)
            ):
                # "the agency's regional director said Wednesday. Ahmed Al-Mandhari said ...": the
                # role holder named in the next sentence that reports
                known = self._unnamed_role
                self._persons[a.speaker.split()[-1].lower()] = known
                return replace(a, claimant=known, how="anaphor")
            if known is None and (
                _GOVERNMENT_ROLE.search(a.speaker)
                or _STATE_OFFICE.search(a.speaker)
                or (_COUNTRY_OFFICE.search(a.speaker) and self._country_named(a.speaker) is not None)
            ):
                # "the local governor said", "the region's deputy prosecutor": an office of the state
                # the text is about speaks for its government (or the registry's body for that office)
                known = self._government_body(a.speaker)
                if known is not None:
                    return replace(a, claimant=known, how="role")
            return replace(a, claimant=known, how="named") if known else a
        if a.how != "anaphor":
            return a
        if PERSON_ANAPHOR.match(a.speaker) and self._last_speaker is not None:
            return replace(a, claimant=self._last_speaker)
        i = bisect.bisect_left(starts, a.start) - 1
        while i >= 0 and mentions[i].end > a.start:
            i -= 1
        if i < 0:
            # "a medical group said ...; it said": no body named before it, the speaker described before
            if self._last_speaker is not None and a.speaker.lower() in ("it", "they"):
                return replace(a, claimant=self._last_speaker)
            return a
        wanted = _ANAPHOR_KINDS.get(a.speaker.lower().split()[-2] if len(a.speaker.split()) > 2 else "")
        if wanted is not None:
            # "the aid group said": the last aid group named, not the armed force named after it
            for j in range(i, -1, -1):
                c = self.claimants.get(mentions[j].claimant)
                if c is not None and c.kind.value in wanted:
                    return replace(a, claimant=c.id)
        kind = _KIND_NOUN.search(a.speaker)
        if kind is not None:
            # "the health ministry said": the last body named that is a ministry, if any
            noun = kind.group().lower()
            for j in range(i, -1, -1):
                m = mentions[j]
                if noun in self.folded[m.start : m.end].lower() or noun in self._kinds.get(m.claimant, ""):
                    return replace(a, claimant=m.claimant)
        if _NOT_A_PARTY_NOUN.search(a.speaker):
            # "the organization noted": the last body named that is not an armed party ("... between the
            # army and the RSF" names parties, not the organization that counts)
            for j in range(i, -1, -1):
                c = self.claimants.get(mentions[j].claimant)
                if c is not None and c.kind.value != "party_to_conflict":
                    return replace(a, claimant=c.id)
        return replace(a, claimant=mentions[i].claimant)

    def _text_country(self) -> str:
        """The country the text is about: the one most of the places its first 10,000 characters name
        are in (the lead says where; the whole of a long text would cost a scan); "" for none."""
        if self._country is None:
            counts: Counter[str] = Counter()
            head = min(len(self.folded), 10_000)
            self._head_places = self.places.mentions(self.text, self.folded, 0, head, [])
            for m in self._head_places:
                counts.update(m.place.countries)
            self._country = counts.most_common(1)[0][0] if counts else ""
        return self._country

    def _unknown_place(
        self, sent: Sentence, sent_mentions: list[Mention], places: list[PlaceMention], at: int
    ) -> tuple[tuple[int, int] | None, bool]:
        """A place the gazetteer lacks that the sentence names ("near Kafr Nabudah", "in Tripoli"): a
        capitalised name after a preposition of place that no place or body covers. Returns the span of
        the one nearest the figure that the figure may be in ("in", "at", "inside", not "near"), and
        whether there is any."""
        s, e = sent.start, sent.end
        found = self._unknown_spans.get(s)
        if found is None:
            # (places and bodies found, and where one spoke: a capitalised name none covers may be a place)
            known = [(p.start, p.end) for p in places] + self._not_places(sent_mentions, s, e)
            found = self._unknown_spans[s] = self._unknown_in(s, e, known)
        spans, anywhere = found
        best = min(spans, key=lambda sp: abs(sp[0] - at)) if spans else None
        return best, anywhere

    def _unknown_in(
        self, s: int, e: int, known: list[tuple[int, int]]
    ) -> tuple[list[tuple[int, int]], bool]:
        spans: list[tuple[int, int]] = []
        anywhere = False
        for m in _UNKNOWN_PLACE.finditer(self.folded, s, e):
            name = m.group("name")
            first = name.split()[0]
            if first.lower() in _CALENDAR_WORDS or _demonym(first):
                continue
            if any(a <= m.start("name") < b for a, b in known):
                continue
            anywhere = True
            if m.group("prep").lower() in ("in", "at", "inside", "from", "fled", "left"):
                spans.append(m.span("name"))
        return spans, anywhere

    def _unknown_area(self, span: tuple[int, int]) -> DraftArea | None:
        """A place the gazetteer lacks, as written, with the P-code of the country the text is about."""
        country = self._text_country()
        if not country:
            return None
        name = squash(self.text[span[0] : span[1]])
        return DraftArea(
            name,
            (country,),
            AreaPrecision.PARTIAL,
            f'"{name}" is not in the gazetteer: its P-code is that of the country the text is about '
            f"({country}); check it",
        )

    def _text_area(self) -> DraftArea | None:
        """The country the text is about, as the text writes it ("Ukraine"), for a figure whose
        paragraph names no place; None when the text never writes that country's name."""
        if self._country_area is None:
            country = self._text_country()
            written: Counter[str] = Counter(
                squash(m.text)
                for m in self._head_places
                if m.place.level == 0 and m.place.pcodes == (country,) and not m.relative
            )
            if not country or not written:
                self._country_area = ("",)
            else:
                name = written.most_common(1)[0][0]
                self._country_area = (
                    DraftArea(
                        name,
                        (country,),
                        AreaPrecision.INFERRED,
                        f'neither the sentence nor its paragraph names an area; the text is about "{name}" '
                        "(most of the places it names are there)",
                    ),
                )
        area = self._country_area[0]
        return area if isinstance(area, DraftArea) else None

    def _country_named(self, speaker: str) -> str | None:
        """The country a speaker names ("Ukraine's ministry", "the Israeli embassy", "the Ministry of
        Health of Sudan"): its code, "" for a country the registry has no government of ("the Chadian
        government"), None when it names none."""
        governments = _governments(self.claimants, self.places.gazetteer)
        for code, words in _country_words(self.claimants, self.places.gazetteer, governments).items():
            if any(re.search(rf"(?<![\w-]){re.escape(w)}(?:'s)?(?![\w-])", speaker) for w in words):
                return code
        folded = fold(speaker)
        for m in self.places.mentions(speaker, folded, 0, len(speaker), []):
            if m.place.level == 0:
                return ""
        return "" if _DEMONYM_WORD.search(speaker) else None

    def _government_body(self, speaker: str) -> str | None:
        """The registry's government of the country the speaker names, else of the country the text is
        about (most of the places its first 10,000 characters name: the lead says where; the whole of a
        long text would cost a scan), or, for a prosecutor, its body that prosecutes (the Office of the
        Prosecutor General)."""
        governments = _governments(self.claimants, self.places.gazetteer)
        named = self._country_named(speaker)
        government = governments.get(self._text_country() if named is None else named)
        if government is None:
            return None
        if re.search(r"\bprosecutor", speaker, re.IGNORECASE):
            for c in self.claimants.values():
                if c.part_of == government and "prosecutor" in c.name.lower():
                    return c.id
        return government

    def _respective(
        self, attribs: list[Attribution], figures: list[NumberMention]
    ) -> dict[int, list[Attribution]]:
        """'42,200 Palestinians and 1,400 Israelis have been killed, according to A and B': in order."""
        if len(figures) < 2:
            return {}
        after = [a for a in attribs if a.start > figures[-1].end and a.claimant is not None]
        if len(after) != len(figures) or any(a.start < figures[-1].end for a in attribs if a not in after):
            return {}
        for x, y in itertools.pairwise(after):
            between = self.folded[x.end : y.end - len(y.speaker)]
            if not re.fullmatch(r",?\s+(?:and|as well as)\s+(?:the\s+)?", between):
                return {}
        return {n.start: [a] for n, a in zip(figures, after, strict=True)}

    def _remember_speakers(self, attribs: list[Attribution], sentence: tuple[int, int] = (0, 0)) -> None:
        if attribs:
            self._unnamed_role = None
        for a in attribs:
            if a.claimant is None:
                continue
            self._last_speaker = a.claimant
            if _UNNAMED_ROLE_SAID.search(self.folded, *sentence):
                # "..., the agency's regional director said": wire copy names the holder next
                self._unnamed_role = a.claimant
            name = _PERSON_AT_END.search(a.speaker)
            if name is not None and not self.matcher.mentions(name.group(0)):
                self._persons[name.group(1).lower()] = (
                    a.claimant
                )  # "Laura Lo Castro" speaks for UNHCR: so does "Castro"

    def _kind_of(self, claimant_id: str) -> str | None:
        c = self.claimants.get(claimant_id)
        return c.kind.value if c is not None else None

    def _remember_role_holders(self, sent_mentions: list[Mention]) -> None:
        """'the head of UNHCR, Filippo Grandi': Grandi speaks for UNHCR when he speaks by name later."""
        for m in sent_mentions:
            holder = _ROLE_HOLDER.match(self.text, m.end)
            if holder is None and _ROLE_OF.search(self.folded, max(0, m.start - 40), m.start):
                holder = _HOLDER_AFTER.match(self.text, m.end)
            if holder is not None and not self.matcher.mentions(self.folded[holder.start(1) : holder.end(1)]):
                self._persons.setdefault(holder.group(1).lower(), m.claimant)

    def _speaker(
        self,
        attribs: list[Attribution],
        sent_mentions: list[Mention],
        n: NumberMention,
        prev: _Speaker | None,
        sentence_start: int = 0,
    ) -> _Speaker:
        here = [x for x in attribs if _aside_here(self.folded, x, n.start)]
        usable = here or [x for x in attribs if not _aside_elsewhere(self.folded, x, n.start)]
        a = pick(usable, n.start)
        if a is not None and a.claimant is None and a.speaker == "allegations":
            # "the army has allegedly killed 107 civilians, Human Rights Watch said": a hedge on the
            # figure, and the body the sentence names is who alleges it
            a = pick([x for x in usable if x.claimant is not None and x.how == "named"], n.start) or a
        if a is not None:
            if a.claimant is None:
                return _Speaker(None, a.speaker, "unknown")
            return _Speaker(a.claimant, a.speaker, a.how if a.how in ("anaphor", "role") else "named")
        before = [m for m in sent_mentions if m.end <= n.start]
        if before and _SOURCE_LABEL.match(self.folded, before[-1].end):
            # "SNHR: 4 civilians killed", "UOSSM figures: ..."
            m = before[-1]
            return _Speaker(m.claimant, self.text[m.start : m.end], "mentioned")
        if (
            prev is not None
            and prev.claimant is not None
            and not _FIRST_PERSON.match(self.folded, sentence_start)
        ):
            return _Speaker(prev.claimant, prev.text, "carried over", prev.document)
        if prev is not None:
            return _Speaker(None, prev.text, "unknown")
        if self.media is not None:
            return _Speaker(self.media.id, self.media.name, "publisher")
        return _Speaker(None, self.publisher or "", "none")

    def _area(
        self,
        groups: list[AreaGroup],
        n: NumberMention,
        context: Callable[[], tuple[AreaGroup, Sentence] | None],
        nums: list[NumberMention] = (),  # type: ignore[assignment]
        unknown: Callable[[int], tuple[tuple[int, int] | None, bool]] = lambda at: (None, False),
        before: Callable[[], tuple[AreaGroup, Sentence] | None] = lambda: None,
        context_unknown: Callable[[], DraftArea | None] = lambda: None,
    ) -> DraftArea | None:
        """The sentence's place nearest the figure; else the paragraph's last; else the last of a
        one-sentence paragraph before (wire copy); else, unless the sentence names a place the gazetteer
        lacks, the country the text is about."""
        usable = [g for g in groups if not all(m.possessive for m in g.mentions)]
        usable = [g for g in usable if not all(m.relative for m in g.mentions)] or usable
        usable = [g for g in usable if not self._another_clause(n, g, nums)]
        if usable:
            preferred = [g for g in usable if g.locative] or usable

            def distance(g: AreaGroup) -> float:
                far: float
                if g.start >= n.end:
                    gap, far = self.folded[n.end : g.start], g.start - n.end
                else:
                    gap, far = self.folded[g.end : n.start], (n.start - g.end) * 1.2
                return far + (100 if re.search(r"[,;:]", gap) else 0)

            g = min(preferred, key=distance)
            return DraftArea(self._written(g), g.pcodes, g.precision)
        span, anywhere = unknown(n.start)
        if span is not None:
            found = self._unknown_area(span)
            if found is not None:
                return found
        last = context() or before()
        if last is None:
            if anywhere:
                return None
            return context_unknown() or self._text_area()
        g, _sentence = last
        return DraftArea(
            self._written(g),
            g.pcodes,
            AreaPrecision.INFERRED,
            f'the sentence names no area; the text before it names "{self._written(g)}"',
        )

    def _written(self, g: AreaGroup) -> str:
        """The area as the text writes it: 'Ariha, Idlib', 'Idlib and northern Hama'."""
        return squash(self.text[g.start : g.end])

    def _another_clause(self, n: NumberMention, g: AreaGroup, nums: list[NumberMention]) -> bool:
        """'..., of which 1.4 million have left Khartoum': Khartoum is the other figure's place."""
        if g.start < n.end:
            return False
        for other in nums:
            if other is n or other.skip or not n.end <= other.start < g.start:
                continue
            if _NEW_CLAUSE.search(self.folded, n.end, other.start):
                return True
        return False

    def _period(
        self,
        periods: list[PeriodPhrase],
        n: NumberMention,
        reading: MetricReading,
        speaker: _Speaker,
        prev: DraftPeriod | None,
        s: int,
        e: int,
        scene: bool = False,
        carry: bool = False,
        source: str = "the sentence before",
    ) -> DraftPeriod | None:
        """The sentence's period phrase; else the previous sentence's, when it is the same statement
        or set the scene ("On 31 August, air strikes hit X. ... 9 people were killed")."""
        if reading.earlier:
            return None  # the first count of a change: the sentence's period is the second's
        metric = self.metrics[reading.metric]
        stock = metric.kind is MetricKind.STOCK
        if stock:
            # a stock stands at a date ("as of 31 January"): only an end, never a start
            periods = [p for p in periods if p.start is None and p.end is not None]
        if periods:
            p = min(periods, key=lambda p: p.span[0] - n.end if p.span[0] >= n.end else n.start - p.span[1])
            why = _FROM_PUBLICATION if p.relative else None
            period = DraftPeriod(p.start, p.end, p.as_written, why)
        elif (
            not stock
            and (undated := _UNDATED_START.search(self.folded, s, e)) is not None
            and (dated := self._text_start()) is not None
        ):
            # "since the war began": the start the text gives the war elsewhere ("since 15 April")
            why = f'the text dates that start elsewhere ("{dated.as_written}")'
            period = DraftPeriod(dated.start, None, squash(undated.group()), why)
        elif (
            prev is not None
            and not stock
            and (
                carry
                or same_period(self.folded, s, e)
                or speaker.how in ("carried over", "anaphor")
                or scene
                or _SINCE_THEN.search(self.folded, s, e)
                or _THE_EVENT.search(self.folded, s, e)
            )
        ):
            period = replace(prev, inferred=f'carried from {source} ("{prev.as_written}")')
            if _SINCE_THEN.search(self.folded, s, e) and prev.start is not None:
                period = replace(period, end=None)  # "since then": from the start before, to now
        else:
            return None
        return period

    def _text_start(self) -> PeriodPhrase | None:
        """The first dated start of a running period the text gives ("since 15 April", "since fighting
        broke out on April 15"), not one counted back from the publication date: read in the sentences
        before (as they are read), else in the rest of the text (once, when first needed)."""
        if self._start is not None:
            return self._start
        if self._rest_read is None:
            self._rest_read = (
                next(
                    (
                        p
                        for p in find_periods(self.folded, self._reading_at, len(self.folded), self.published)
                        if p.start is not None and p.end is None and not p.relative
                    ),
                    None,
                ),
            )
        return self._rest_read[0]

    def _label_line(
        self,
        all_sentences: list[Sentence],
        sent: Sentence,
        nums: list[NumberMention],
        readings: list[MetricReading | None],
    ) -> list[MetricReading | None]:
        """A number on a line of its own ("14 - 15", "About 300") in a data sheet or a key-figures box
        takes the metric of the label line right before it ("Civilians reported killed") (round 18):
        inferred, and said so. (The line after it was tried too, for "2.7 million" over "People
        displaced": it drafted more false alarms than right figures on the parts it was checked on.)"""
        folded = self.folded
        first = next((i for i, n in enumerate(nums) if n.skip is None and not n.percent), None)
        if first is None or readings[first] is not None or nums[first].value == 0:
            return readings  # ("Civilians reported killed" / "0": no figure to draft)
        n = nums[first]
        line_start = max(sent.start, folded.rfind("\n", sent.start, n.start) + 1)
        line_end = folded.find("\n", n.end, sent.end)
        tail = folded[n.end : sent.end if line_end == -1 else line_end]
        if line_start > sent.start:
            return readings  # (a line break inside a sentence of prose: no line of its own)
        if not _NUMBER_LINE.fullmatch(folded[line_start : n.start]) or not _NUMBER_LINE.fullmatch(tail):
            return readings
        j = sent.index - 1
        if j < 0:
            return readings
        if (
            j > 0
            and _figure_line(folded, all_sentences[j - 1])
            and (j < 2 or self._label_reading(all_sentences[j - 2], n) is None)
        ):
            return readings  # ("312" / "Reported deaths" / "40": the line is the caption of "312")
        label = all_sentences[j]
        reading = self._label_reading(label, n)
        if reading is None:
            return readings
        out = list(readings)
        words = folded[label.start : label.end].strip()
        why = f'a figure on a line of its own: the label line before it ("{squash(words)}")'
        out[first] = replace(reading, inferred=why)
        return out

    def _label_reading(self, line: Sentence, n: NumberMention) -> MetricReading | None:
        """The metric a label line gives (None: not a label line, or one that names nothing counted)."""
        if not _LABEL_LINE.fullmatch(self.folded[line.start : line.end].strip()):
            return None
        return line_label(self.folded, (line.start, line.end), n, self.known)

    def _as_of(
        self,
        as_of: AsOfPhrase | None,
        attribs: list[Attribution],
        n: NumberMention,
        speaker: _Speaker,
        prev: tuple[FuzzyDate, str, str | None] | None,
    ) -> tuple[FuzzyDate | None, str | None]:
        """'said on Thursday' dates the figures of that speaker; the same speaker's next sentence too."""
        if as_of is not None:
            owner = pick(attribs, as_of.span[0])
            mine = pick(attribs, n.start)
            if owner is None or mine is None or owner == mine or owner.claimant == speaker.claimant:
                return as_of.date, f'"{as_of.as_written}" in a text published {self.published}'
        elif prev is not None and prev[2] is not None and prev[2] == speaker.claimant:
            return prev[0], f'the statement "{prev[1]}" in the sentence before'
        if self.published is not None:
            return self.published, "no date in the sentence: the publication date"
        return None, None

    def _claim(
        self,
        n: NumberMention,
        reading: MetricReading,
        speaker: _Speaker,
        area: DraftArea | None,
        period: DraftPeriod | None,
        as_of: FuzzyDate | None,
        as_of_why: str | None,
        quote: str,
        sentence: tuple[int, int],
        disputed: bool,
        shared: tuple[Qualifier, str] | None = None,
    ) -> DraftClaim:
        qualifier, q_text = shared or qualifier_of(self.folded, n)
        if (
            period is not None
            and period.start is not None
            and as_of is not None
            and as_of.latest < period.start.earliest
        ):
            # a figure cannot be known before what it counts began: the period was misread (a date
            # after the statement's); left to the reviewer
            period = None
        value: float | str = n.value
        reasons: list[str] = []
        confidence = 0.92
        if reading.borrowed:
            confidence -= 0.12 if "entity" in reading.borrowed else 0.08
            reasons.append(f"metric: {reading.borrowed} taken from the figure before")
        if reading.fallback:
            confidence -= 0.2
            reasons.append("metric: no pattern matched; read from the nearest cue of harm in its clause")
        penalties = {
            "mentioned": 0.08,
            "anaphor": 0.05,
            "role": 0.08,
            "carried over": 0.1,
            "publisher": 0.12,
            "unknown": 0.15,
            "none": 0.2,
        }
        if speaker.how in penalties:
            confidence -= penalties[speaker.how]
            reasons.append(f"claimant: {speaker.how}")
        if area is None:
            confidence -= 0.05
            reasons.append("area: none named")
        elif area.inferred:
            confidence -= 0.03
            reasons.append("area: from context")
        if qualifier is Qualifier.VAGUE:
            confidence -= 0.05
            reasons.append("vague quantity")
        if n.from_words and n.value == 1:
            confidence -= 0.05
        period_note = None
        if reading.earlier:
            confidence -= 0.05
            reasons.append("period: an earlier count")
            period_note = _EARLIER_NOTE
        inferred: list[tuple[str, str]] = []
        if as_of_why and as_of is not None:
            inferred.append(("as_of", as_of_why))
        if area is not None and area.inferred:
            inferred.append(("area", area.inferred))
        if period is not None and period.inferred:
            inferred.append(("period.start", period.inferred))
        if reading.inferred:
            inferred.append(("metric", reading.inferred))
        if shared is not None:
            inferred.append(("qualifier", f'"{squash(shared[1])}" bounds the first number of its list'))
        claimant = self.claimants.get(speaker.claimant) if speaker.claimant else None
        if speaker.how == "publisher":
            why = (
                f"{self.release_note}: its own figure" if self.release_note else "the publisher's own figure"
            )
            inferred.append(("claimant", f"no source named: {why}"))
        elif speaker.how in _HOW_FOUND and speaker.claimant:
            # (written only when used: every figure drafted before the duplicates go has a speaker)
            inferred.append(("claimant", _HOW_FOUND[speaker.how].format(squash(speaker.text))))
        return DraftClaim(
            metric=reading.metric,
            value=value,
            qualifier=qualifier,
            figure=(n.start, n.end),
            sentence=sentence,
            quote=quote,
            value_max=n.value_max,
            unit=reading.unit,
            claimant=speaker.claimant,
            claimant_kind=claimant.kind.value if claimant else None,
            claimant_text=squash(speaker.text) or None,
            claimant_how=speaker.how,
            area=area,
            period=period,
            period_note=period_note,
            as_of=as_of,
            as_of_inferred=as_of_why,
            disputed=disputed,
            qualifier_text=q_text,
            confidence=round(max(0.05, min(0.99, confidence)), 2),
            reasons=tuple(reasons),
            inferred=tuple(inferred),
        )
