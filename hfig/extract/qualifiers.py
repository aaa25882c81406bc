"""The qualifier lexicon: the words around a number that bound it.

Only the words next to the number count: in "UOSSM estimated more than
300,000" the qualifier is "more than", and "estimated" is the claimant's verb.
The closest cue wins; longer cues are tried first ("just over" before "over").
"""

from __future__ import annotations

import re

from hfig.core.qualifiers import Qualifier
from hfig.extract.numbers import NumberMention

# Words written before the number, as they appear in reports. Order: longest first
# within the table is not needed; the regex below sorts them.
BEFORE: dict[str, Qualifier] = {
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "just over": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "above": Qualifier.MORE_THAN,
    "exceeding": Qualifier.MORE_THAN,
    "surpassed": Qualifier.MORE_THAN,
    "exceeded": Qualifier.MORE_THAN,
    "topped": Qualifier.MORE_THAN,
    "exceeds": Qualifier.MORE_THAN,  # (headlines: "Death toll exceeds 200")
    "surpasses": Qualifier.MORE_THAN,
    "tops": Qualifier.MORE_THAN,
    "well over": Qualifier.MORE_THAN,
    "well above": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "at the least": Qualifier.AT_LEAST,  # (machine-reworded copies of "at least")
    "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "not less than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "not fewer than": Qualifier.AT_LEAST,
    "up to": Qualifier.UP_TO,
    "at most": Qualifier.UP_TO,
    "as many as": Qualifier.UP_TO,
    "as high as": Qualifier.UP_TO,
    "a maximum of": Qualifier.UP_TO,
    "no more than": Qualifier.UP_TO,
    "not more than": Qualifier.UP_TO,
    "less than": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
    "under": Qualifier.LESS_THAN,
    "below": Qualifier.LESS_THAN,
    "just under": Qualifier.LESS_THAN,
    "not even": Qualifier.LESS_THAN,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "approx.": Qualifier.ABOUT,
    "approx": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "an estimate of": Qualifier.ABOUT,
    "estimates of": Qualifier.ABOUT,
    "an estimated total of": Qualifier.ABOUT,
    "estimated total of": Qualifier.ABOUT,
    "an estimated number of": Qualifier.ABOUT,
    "the estimated": Qualifier.ABOUT,
    "estimated": Qualifier.ABOUT,
    "close to": Qualifier.ABOUT,
    "closer to": Qualifier.ABOUT,
    "near to": Qualifier.ABOUT,
    "nearing": Qualifier.ABOUT,
    "approaching": Qualifier.ABOUT,
    "circa": Qualifier.ABOUT,
    "ca.": Qualifier.ABOUT,
    "an approximate": Qualifier.ABOUT,
    "approximate": Qualifier.ABOUT,
    "an average of": Qualifier.ABOUT,
    "~": Qualifier.ABOUT,
    "nearly some": Qualifier.ABOUT,
    "around some": Qualifier.ABOUT,
    ">": Qualifier.MORE_THAN,
    # "their number crossed the 800,000 mark"
    "passed the": Qualifier.MORE_THAN,
    "crossed the": Qualifier.MORE_THAN,
    "surpassed the": Qualifier.MORE_THAN,
    "exceeded the": Qualifier.MORE_THAN,
    "topped the": Qualifier.MORE_THAN,
    "<": Qualifier.LESS_THAN,
}
# Words written after the number.
AFTER: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST,
    "and more": Qualifier.AT_LEAST,
    "or so": Qualifier.ABOUT,
    "odd": Qualifier.ABOUT,
    "or fewer": Qualifier.UP_TO,
    "or less": Qualifier.UP_TO,
}

_BEFORE_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(k) for k in sorted(BEFORE, key=len, reverse=True))
    + r")(?:\s+(?:today|yesterday|now|already|so far|another))?[\s\"'(*]*$",
    re.IGNORECASE,
)
_AFTER_RE = re.compile(
    r"^[\s-]*(" + "|".join(re.escape(k) for k in sorted(AFTER, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# "estimated" qualifies a number only when it is not a claimant's verb ("UOSSM estimated 300,000").
_VERB_ESTIMATED = re.compile(r"\b(?:[A-Z][\w.]*|it|they|he|she|which|who|has|have|had)\s+estimated[\s\"']*$")


def qualifier_of(folded: str, number: NumberMention) -> tuple[Qualifier, str | None]:
    """The qualifier of a number and the words that gave it (None for a bare number)."""
    if number.vague:
        return Qualifier.VAGUE, None
    if number.value_max is not None:
        return Qualifier.BETWEEN, None
    if number.plus:
        return Qualifier.AT_LEAST, "+"
    before = folded[max(0, number.start - 30) : number.start]
    m = _BEFORE_RE.search(before)
    if m:
        word = m.group(1).lower()
        if not (word == "estimated" and _VERB_ESTIMATED.search(before)):
            return BEFORE[word], m.group(1)
    after = folded[number.end : number.end + 20]
    m = _AFTER_RE.match(after)
    if m:
        return AFTER[m.group(1).lower()], m.group(1)
    return _shared_bound(folded, number) or (Qualifier.EXACT, None)


# "at least 183 civilians were killed and 903 injured": one bound over the dead and the injured (the
# labelling guide: "At least 1,546 children have been killed and 2,450 maimed: the bound covers both")
_PAIR_BEFORE = re.compile(
    r"(?<![\w-])(?P<q>[a-z ]+?)\s+[\d][\d,.]*(?:\s+[a-z]+){0,4}?\s+(?:killed|dead|died)\s+and\s+$",
    re.IGNORECASE,
)
_HARM_AFTER = re.compile(
    r"\s+(?:(?:others|people|civilians)\s+)?(?:injured|wounded|hurt|maimed)\b", re.IGNORECASE
)


def _shared_bound(folded: str, number: NumberMention) -> tuple[Qualifier, str] | None:
    """The bound of the number before, where one covers both: a pair of harms, or a list of nouns
    with one verb after them."""
    window = max(0, number.start - 90)
    pair = None
    if _HARM_AFTER.match(folded, number.end):
        pair = _PAIR_BEFORE.search(folded, window, number.start)
    if pair is None and _SHARED_VERB_AFTER.match(folded, number.end):
        pair = _LIST_BEFORE.search(folded, window, number.start)
    if pair is None:
        return None
    bound = _BEFORE_RE.search(pair.group("q"))
    if bound is None or bound.end() != len(pair.group("q")):
        return None
    qualifier = BEFORE[bound.group(1).lower()]
    # a bound spans the list ("at least 8 schools and 10 clinics"); an approximation stays with the
    # number it stands before ("some 2,913 children and 1,709 women")
    return (qualifier, bound.group(1)) if qualifier in _BOUNDS else None


_BOUNDS = {Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.UP_TO}
# "At least eight schools and 10 health care facilities ... were damaged": the nouns of one list,
# with no verb of their own before the last one, and one verb after it
_LIST_BEFORE = re.compile(
    r"(?<![\w-])(?P<q>[a-z ]+?)\s+(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s+(?!(?:were|was|have|has|had|are|is|killed|died)\b)"
    r"[a-z-]+){1,3}\s+and\s+$",
    re.IGNORECASE,
)
_SHARED_VERB_AFTER = re.compile(
    r"(?:\s+[a-z-]+){1,4}?(?:,\s+including\s+[^,;.]{1,40},)?\s+(?:were|was|have been|had been|are)\b",
    re.IGNORECASE,
)


def without_qualifier(before: str) -> str:
    """The text before a number without the qualifier that ends it: 'spikes to over ' -> 'spikes to '."""
    m = _BEFORE_RE.search(before)
    return before[: m.start(1)] if m else before


# A bound written once before the first number of a list of figures covers the later numbers of the
# list that have no bounding word of their own: "killed at least 54 people and injured another 158",
# "more than 40 dead, 75 wounded and 12 missing", "approximately 90 killed, 30 injured" (the labelling
# guide's parts: "the bound covers both", "covers the whole list"). Two numbers are items of one list
# when the words between them end with a joining word (a comma, "and", "or", "as well as"), perhaps
# the next item's verb of harm ("and injured") and a word that adds to the count ("another", "a
# further", "an additional"), and hold no new clause, breakdown lead-in, change of a count ("from N
# to M"), place ("12 killed in Homs and 30 injured in Hama" are two events), bracket or other number.
_LIST_JOIN = re.compile(
    r"(?:,|\band|\bor|\bas well as|\bplus)\s*(?:(?:and|or)\s+)?"
    r"(?:(?:injured|wounded|killed|hurt|maimed|left|abducted|kidnapped|detained|arrested)\s+)?"
    r"(?:(?:another|a further|an additional|additional|further|other)\s+)?$",
    re.IGNORECASE,
)
_NOT_ONE_LIST = re.compile(
    r"[;:.!?\"()]|\b(?:while|whereas|but|although|though|after|before|when|since|until|because|"
    r"according|said|says|reported|including|included|include|includes|among|of whom|of which|"
    r"of them|of these|such as|namely|from|to|than|out of|per|every|each|compared|against|"
    r"respectively|which|who|where|that|if|in addition to|bringing|brings|raising|in|at|near)\b",
    re.IGNORECASE,
)
_LIST_QUALIFIERS = {Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.UP_TO, Qualifier.ABOUT}
# a later number with a verb of its own ("More than 400 people have died and 3,700 have been injured")
# is a clause of its own: the labels give it no bound unless it has one
_OWN_VERB_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:were|was|have|has|had|are|is)\b", re.IGNORECASE)
# "more than 24,200 people were arrested, 19,700 of which are still in custody": a part, not an item
_PART_AFTER = re.compile(r"\s+(?:of (?:whom|which|them|these)|among them)\b", re.IGNORECASE)


# people who left their homes and people harmed are counted by different counts: a bound on one
# ("over 300K displaced, 229 dead") is not a bound on the other
_DISPLACEMENT = {"displaced", "idps", "fled_abroad", "refugees", "returnees"}


def list_qualifiers(
    folded: str, numbers: list[NumberMention], figures: dict[int, tuple[str, tuple[Qualifier, str | None]]]
) -> dict[int, tuple[Qualifier, str]]:
    """The numbers of a sentence that take their qualifier from the number before them in a list:
    {start: (qualifier, the words that bound the list)}. `figures` holds, for each number that is a
    figure, its metric and the qualifier read from its own words (qualifier_of)."""
    shared: dict[int, tuple[Qualifier, str]] = {}
    prev: NumberMention | None = None
    prev_q: tuple[Qualifier, str | None] | None = None
    prev_kind = False
    for n in numbers:
        if n.text.lower() in ("a", "an"):
            continue
        if n.start not in figures:  # not a figure (a date, a duration, a number with no metric) ends a list
            prev, prev_q = None, None
            continue
        metric, q = figures[n.start]
        kind = metric in _DISPLACEMENT
        if (
            prev is not None
            and prev_q is not None
            and prev_q[1] is not None
            and kind == prev_kind
            and q[0] is Qualifier.EXACT
            and prev_q[0] in _LIST_QUALIFIERS
            and _next_item(folded, prev, n, prev_q[1])
        ):
            q = prev_q
            shared[n.start] = (prev_q[0], prev_q[1])
        prev, prev_q, prev_kind = n, q, kind
    return shared


def _next_item(folded: str, prev: NumberMention, n: NumberMention, bound: str) -> bool:
    """Whether `n` is the next item of a list whose first number `prev` is bounded by `bound`
    written before it (a bound after its number, "12 or more", stays with that number)."""
    if bound.lower() not in BEFORE or n.vague or n.value_max is not None:
        return False
    if not 0 < n.start - prev.end <= 80:
        return False
    if _PART_AFTER.match(folded, n.end) or _OWN_VERB_AFTER.match(folded, n.end):
        return False
    gap = folded[prev.end : n.start]
    return bool(_LIST_JOIN.search(gap)) and not _NOT_ONE_LIST.search(gap)
