"""The orchestrator: text in, draft claims out. Pure: no files, no clock, no printing.

Sentence by sentence, every number that is a figure is read for its value and
qualifier (numbers.py, qualifiers.py), its metric (metrics.py), its claimant
(attribution.py), its area (places.py) and its period and as-of date
(periods.py). What a sentence leaves unsaid is carried from the sentences
before it, and every such inference is recorded so that a reviewer can see it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from hfig.core.dates import FuzzyDate
from hfig.core.gazetteer import Gazetteer
from hfig.core.model import AreaPrecision, Claimant, ClaimantKind, Metric, MetricKind
from hfig.core.qualifiers import Qualifier
from hfig.extract.attribution import Attribution, ClaimantMatcher, Mention, attributions, pick, rejected
from hfig.extract.metrics import MetricReading, read_metrics
from hfig.extract.numbers import NumberMention, find_numbers
from hfig.extract.periods import AsOfPhrase, PeriodPhrase, find_as_of, find_periods, same_period
from hfig.extract.places import AreaGroup, PlaceFinder
from hfig.extract.qualifiers import qualifier_of
from hfig.extract.text import Sentence, fold, sentences, squash


@dataclass(frozen=True)
class DraftArea:
    name: str
    pcodes: tuple[str, ...]
    precision: AreaPrecision
    inferred: str | None = None  # why, when the sentence itself named no place


@dataclass(frozen=True)
class DraftPeriod:
    start: FuzzyDate | None
    end: FuzzyDate | None
    as_written: str
    inferred: str | None = None


@dataclass(frozen=True)
class DraftClaim:
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
    claimant_how: str = "none"  # named, mentioned, anaphor, carried over, publisher, unknown, none
    area: DraftArea | None = None
    period: DraftPeriod | None = None
    as_of: FuzzyDate | None = None
    as_of_inferred: str | None = None
    disputed: bool = False
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


_INCLUDING = re.compile(r"\b(?:including|among them|of which|of whom)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\W*(?:we|our|us)\b", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"\s*(?::|-\s|\u2013|'s\s+(?:figures|data|count|report))")
_EXTRA_ONE = re.compile(r"(?:\band|,)\s+(an?)\s+(?=(?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE)


def extract(
    text: str,
    *,
    metrics: Mapping[str, Metric],
    claimants: Mapping[str, Claimant],
    gazetteer: Gazetteer,
    published: FuzzyDate | None = None,
    publisher: str | None = None,
) -> list[DraftClaim]:
    """Draft claims for every figure in `text`, in the order they appear."""
    return _Extractor(text, metrics, claimants, gazetteer, published, publisher).run()


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
    named = {m.claimant for m in ClaimantMatcher(claimants.values()).mentions(fold(publisher))}
    return claimants[named.pop()] if len(named) == 1 else None


@dataclass
class _Speaker:
    claimant: str | None
    text: str
    how: str


class _Extractor:
    def __init__(
        self,
        text: str,
        metrics: Mapping[str, Metric],
        claimants: Mapping[str, Claimant],
        gazetteer: Gazetteer,
        published: FuzzyDate | None,
        publisher: str | None,
    ) -> None:
        self.text = text
        self.folded = fold(text)
        self.metrics = metrics
        self.claimants = claimants
        self.published = published
        self.publisher = publisher
        self.media = publisher_claimant(claimants, publisher)
        self.matcher = ClaimantMatcher(claimants.values())
        self.places = PlaceFinder(gazetteer)

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
        prev_as_of: tuple[FuzzyDate, str, str | None] | None = None
        prev_reading = None
        drafted_here = True
        last_area: tuple[AreaGroup, Sentence] | None = None
        all_sentences = sentences(self.text)
        for sent in all_sentences:
            s, e = sent.start, sent.end
            if prev_sentence is not None and prev_sentence.paragraph != sent.paragraph:
                prev_speaker, prev_period, prev_reading = None, None, None
            scene = not drafted_here
            drafts_before = len(out)
            nums = _within(numbers, s, e, number_starts)
            nums = self._with_articles(nums, s, e)
            sent_mentions = _within(mentions, s, e, mention_starts)
            attribs = [
                self._resolve(a, mentions, mention_starts) for a in attributions(folded, s, e, sent_mentions)
            ]
            place_mentions = self.places.mentions(self.text, folded, s, e, self._not_places(sent_mentions))
            groups = self.places.groups(folded, place_mentions)
            periods = find_periods(folded, s, e, self.published)
            as_of = find_as_of(folded, s, e, self.published)
            readings, state = read_metrics(folded, nums, (s, e), set(self.metrics), prev_reading)
            quote = squash(self.text[s:e])
            disputed = rejected(folded, s, e)
            sentence_speaker: _Speaker | None = None
            sentence_period: DraftPeriod | None = None
            last_metric: str | None = None
            for n, reading in zip(nums, readings, strict=True):
                if reading is None:
                    continue
                if reading.metric == last_metric and _INCLUDING.search(folded, max(s, n.start - 30), n.start):
                    continue  # "26 attacks ..., including at least 9 attacks on hospitals": a part of it
                last_metric = reading.metric
                speaker = self._speaker(attribs, sent_mentions, n, prev_speaker, s)
                area = self._area(groups, n, last_area)
                period = self._period(periods, n, reading, speaker, prev_period, s, e, scene)
                claim_as_of, as_of_why = self._as_of(as_of, attribs, n, speaker, prev_as_of)
                claim = self._claim(
                    n, reading, speaker, area, period, claim_as_of, as_of_why, quote, (s, e), disputed
                )
                out.append(claim)
                sentence_speaker = speaker if speaker.how not in ("publisher", "none") else sentence_speaker
                sentence_period = period or sentence_period
            if sentence_speaker is None:
                named = [a for a in attribs if a.claimant is not None]
                if named:
                    sentence_speaker = _Speaker(named[-1].claimant, named[-1].speaker, "named")
            prev_speaker = sentence_speaker
            if periods:
                p = periods[-1]
                sentence_period = DraftPeriod(p.start, p.end, p.as_written)
            prev_period = sentence_period
            # a sentence that drafted nothing and names no speaker sets the scene for the next one
            drafted_here = len(out) > drafts_before or bool(sent_mentions) or bool(attribs)
            if as_of is not None:
                owner = pick(attribs, as_of.span[0])
                prev_as_of = (as_of.date, as_of.as_written, owner.claimant if owner else None)
            elif sentence_speaker is None or prev_as_of is None or sentence_speaker.claimant != prev_as_of[2]:
                prev_as_of = None
            prev_reading = state if nums else prev_reading
            usable = [g for g in groups if not all(m.possessive for m in g.mentions)]
            if usable:
                last_area = (usable[-1], sent)
            prev_sentence = sent
        return _without_title_repeats(_deduplicated(out), self.text, all_sentences[:1])

    # --- pieces -------------------------------------------------------------------------

    def _with_articles(self, nums: list[NumberMention], s: int, e: int) -> list[NumberMention]:
        """'five tanks and an armoured carrier': 'an' is a figure only right after another figure."""
        if not nums:
            return nums
        extra = []
        for m in _EXTRA_ONE.finditer(self.folded, s, e):
            if any(n.end <= m.start() and m.start() - n.end < 40 for n in nums):
                extra.append(
                    NumberMention(
                        m.start(1), m.end(1), self.text[m.start(1) : m.end(1)], 1.0, from_words=True
                    )
                )
        if not extra:
            return nums
        return sorted([*nums, *extra], key=lambda n: n.start)

    def _not_places(self, sent_mentions: list[Mention]) -> list[tuple[int, int]]:
        """Claimant names, and 'in Syria' right after one: a description of the claimant, not a place."""
        spans = []
        for m in sent_mentions:
            tail = re.match(
                r"[\s\"']*in\s+[\w' -]+?(?=[,.;]|\s+(?:said|says|reported|has|had|was|is|,))",
                self.folded[m.end : m.end + 40],
            )
            spans.append((m.start, m.end + (tail.end() if tail else 0)))
        return spans

    def _resolve(self, a: Attribution, mentions: list[Mention], starts: list[int]) -> Attribution:
        """'he said', 'the agency added': the last claimant named before."""
        if a.how != "anaphor":
            return a
        i = bisect.bisect_left(starts, a.start) - 1
        while i >= 0 and mentions[i].end > a.start:
            i -= 1
        if i < 0:
            return a
        return replace(a, claimant=mentions[i].claimant)

    def _speaker(
        self,
        attribs: list[Attribution],
        sent_mentions: list[Mention],
        n: NumberMention,
        prev: _Speaker | None,
        sentence_start: int = 0,
    ) -> _Speaker:
        a = pick(attribs, n.start)
        if a is not None:
            if a.claimant is None:
                return _Speaker(None, a.speaker, "unknown")
            return _Speaker(a.claimant, a.speaker, "anaphor" if a.how == "anaphor" else "named")
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
            return _Speaker(prev.claimant, prev.text, "carried over")
        if prev is not None:
            return _Speaker(None, prev.text, "unknown")
        if self.media is not None:
            return _Speaker(self.media.id, self.media.name, "publisher")
        return _Speaker(None, self.publisher or "", "none")

    def _area(
        self, groups: list[AreaGroup], n: NumberMention, last: tuple[AreaGroup, Sentence] | None
    ) -> DraftArea | None:
        usable = [g for g in groups if not all(m.possessive for m in g.mentions)]
        usable = [g for g in usable if not all(m.relative for m in g.mentions)] or usable
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
            return DraftArea(squash(g.name), g.pcodes, g.precision)
        if last is not None:
            g, _sentence = last
            return DraftArea(
                squash(g.name),
                g.pcodes,
                AreaPrecision.INFERRED,
                f'the sentence names no area; the text before it names "{squash(g.name)}"',
            )
        return None

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
    ) -> DraftPeriod | None:
        """The sentence's period phrase; else the previous sentence's, when it is the same statement
        or set the scene ("On 31 August, air strikes hit X. ... 9 people were killed")."""
        metric = self.metrics[reading.metric]
        if periods:
            p = min(periods, key=lambda p: p.span[0] - n.end if p.span[0] >= n.end else n.start - p.span[1])
            why = "computed from the publication date" if p.relative else None
            period = DraftPeriod(p.start, p.end, p.as_written, why)
        elif prev is not None and (same_period(self.folded, s, e) or speaker.how == "carried over" or scene):
            period = replace(prev, inferred=f'carried from the sentence before ("{prev.as_written}")')
        else:
            return None
        if metric.kind is MetricKind.STOCK:
            return None
        return period

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
    ) -> DraftClaim:
        qualifier, q_text = qualifier_of(self.folded, n)
        value: float | str = n.value
        reasons: list[str] = []
        confidence = 0.92
        if reading.borrowed:
            confidence -= 0.12 if "entity" in reading.borrowed else 0.08
            reasons.append(f"metric: {reading.borrowed} taken from the figure before")
        penalties = {
            "mentioned": 0.08,
            "anaphor": 0.05,
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
        inferred: list[tuple[str, str]] = []
        if as_of_why and as_of is not None:
            inferred.append(("as_of", as_of_why))
        if area is not None and area.inferred:
            inferred.append(("area", area.inferred))
        if period is not None and period.inferred:
            inferred.append(("period.start", period.inferred))
        claimant = self.claimants.get(speaker.claimant) if speaker.claimant else None
        if speaker.how == "publisher":
            inferred.append(("claimant", "no source named: the publisher's own figure"))
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
            as_of=as_of,
            as_of_inferred=as_of_why,
            disputed=disputed,
            qualifier_text=q_text,
            confidence=round(max(0.05, min(0.99, confidence)), 2),
            reasons=tuple(reasons),
            inferred=tuple(inferred),
        )
