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
