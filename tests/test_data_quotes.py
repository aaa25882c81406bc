"""Every bundled claim that quotes its source states its figure the way the quote does.

A record's `value` and `qualifier` must be readable in its `quote`: 330000 as
"330,000", "330 000", "330.000" or "330K"; 1300000 as "1.3 million"; 19 as
"Nineteen"; "more than" as "more than"/"over"; "about" as "about"/"almost"/
"nearly"/"some"/... (docs/format.md). A bare number ("exact") must not carry a
qualifier word just before it in the quote. Quotes are in the language of the
source (English, Arabic, French, German, Dutch, Danish), so the reader below
knows the digit forms and qualifier words of those languages; number *words*
it knows in English only. The few records it cannot read are listed in
`EXCEPTIONS` with the reason, and the test checks that each of them still
fails, so the list cannot go stale.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest

from hfig.cli.context import load_data
from hfig.core.model import Claim
from hfig.core.qualifiers import Qualifier

# Records whose quote cannot show the figure as recorded, and why.
EXCEPTIONS: dict[str, str] = {
    "p4-ocha-health-facilities-attacked": "German number word: 'Fünfzehn' (15)",
    "p4-ocha-schools-affected": "German number word: 'sechzehn' (16)",
    "nws-20200107-rcg-children-killed": "Arabic number word: 'تسعون' (ninety)",
    "seed-russia-armoured-vehicles-destroyed": "the count is the article: 'an armored infantry carriers'",
    "nws-20200303-rrc-displaced-border": "the source's typo 'noe more than' for 'no more than'",
    "nws-20191222-cccm-displaced-nov": "'over' is a preposition: 'an increase over the 70,000'",
    "p8-who-idps": "disagreement: WHO's figure is a bare '1.3 million', the record 'about' (docs/data.md)",
}

_WINDOW_QUALIFIED = 60  # characters before the number that may hold its qualifier
_WINDOW_BARE = 25  # characters before a bare number that must hold none

_QUALIFIER_WORDS: dict[Qualifier, tuple[str, ...]] = {
    Qualifier.MORE_THAN: (
        "more than", "over", "above", "in excess of", "upwards of",
        "meer dan", "mehr als", "plus de", "más de",
        "أكثر من", "ما يزيد عن", "أزيد من",
    ),
    Qualifier.ABOUT: (
        "about", "almost", "nearly", "some", "approximately", "around", "an estimated", "estimated",
        "estimates", "close to", "roughly",
        "ongeveer", "etwa", "environ", "près de", "casi",
        "نحو", "قرابة", "حوالي", "ما يقرب من",
    ),
    Qualifier.AT_LEAST: (
        "at least", "no fewer than", "no less than",
        "zeker", "mindestens", "au moins", "al menos",
        "ما لا يقل عن", "على الأقل",
    ),
    Qualifier.UP_TO: ("up to", "no more than", "not more than", "at most", "as many as"),
    Qualifier.LESS_THAN: ("less than", "fewer than", "under", "below", "أقل من"),
    Qualifier.BETWEEN: ("between",),
}

_SCALES = {"million": 1_000_000, "thousand": 1_000, "k": 1_000, "ألف": 1_000, "مليون": 1_000_000}
_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"hundred": 100}

_SCALE = r"(?:\s*(million|thousand|K|k|ألف|مليون)\b)?"
_DIGITS = re.compile(
    r"(?<!\d)(\d{1,3}(?:[,. \u00a0\u202f]\d{3}(?!\d))+|\d+(?:\.\d+)?)(?!\d)" + _SCALE
)
_WORD_NUMBER = re.compile(r"\b([A-Za-z]+(?:-[A-Za-z]+)?)\b" + _SCALE)


def _normalise(text: str) -> str:
    text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    text = re.sub(r"(?<=\d)\u060c(?=\d{3})", ",", text)  # Arabic comma as a thousands separator
    return text.replace("’", "'")


def _word_value(word: str) -> int | None:
    word = word.lower()
    if word in _WORDS:
        return _WORDS[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _UNITS[1:10]:
            return _TENS[tens] + _UNITS.index(unit)
    return None


def numbers(quote: str) -> Iterator[tuple[float, int, int]]:
    """(value, start, end) of every number in the quote, digits or English words."""
    text = _normalise(quote)
    for m in _DIGITS.finditer(text):
        raw, scale = m.group(1), m.group(2)
        grouped = re.fullmatch(r"\d{1,3}(?:[,. \u00a0\u202f]\d{3})+", raw)
        value = float(re.sub(r"\D", "", raw)) if grouped else float(raw)
        if scale:
            value *= _SCALES[scale.lower()]
        yield value, m.start(), m.end()
    for m in _WORD_NUMBER.finditer(text):
        word_value = _word_value(m.group(1))
        if word_value is not None:
            value = word_value * (_SCALES[m.group(2).lower()] if m.group(2) else 1)
            yield float(value), m.start(), m.end()


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    low = text.lower()
    for phrase in phrases:
        if re.match(r"[a-zà-ÿ]", phrase):
            if re.search(r"(?<![a-zà-ÿ])" + re.escape(phrase) + r"(?![a-zà-ÿ])", low):
                return True
        elif phrase in low:
            return True
    return False


def _before(text: str, start: int, width: int, spans: list[tuple[int, int]], stop_at_numbers: bool) -> str:
    """The text just before a number; with `stop_at_numbers`, not reaching back past another number."""
    lo = max(0, start - width)
    if stop_at_numbers:
        lo = max([lo, *(e for _, e in spans if e <= start)])
    return text[lo:start]


def problems(claim: Claim) -> list[str]:
    """Why the quote does not show the claim's figure as recorded (empty when it does)."""
    quote = claim.quote or ""
    text = _normalise(quote)
    if claim.qualifier is Qualifier.VAGUE:
        word = str(claim.value).replace("_", " ")
        return [] if word in text.lower() else [f"the vague word {word!r} is not in the quote"]
    found = list(numbers(quote))
    spans = [(s, e) for _, s, e in found]
    wanted = [float(claim.value)] + ([float(claim.value_max)] if claim.value_max is not None else [])
    out: list[str] = []
    for target in wanted:
        hits = [(s, e) for v, s, e in found if abs(v - target) < 0.5]
        if not hits:
            out.append(f"{target:g} is not in the quote")
            continue
        if claim.qualifier is Qualifier.EXACT:
            others = tuple(w for q, ws in _QUALIFIER_WORDS.items() for w in ws if q is not Qualifier.BETWEEN)
            if all(_has_phrase(_before(text, s, _WINDOW_BARE, spans, True), others) for s, _ in hits):
                out.append(f"{target:g} is recorded as exact but a qualifier word precedes it")
        else:
            phrases = _QUALIFIER_WORDS[claim.qualifier]
            plus = claim.qualifier is Qualifier.AT_LEAST and any(text[e:e + 1] == "+" for _, e in hits)
            if not plus and not any(_has_phrase(_before(text, s, _WINDOW_QUALIFIED, spans, False), phrases)
                                    for s, _ in hits):
                out.append(f"no {claim.qualifier.value!r} word before {target:g}")
    return out


@pytest.fixture(scope="module")
def bundled() -> list[Claim]:
    return list(load_data(None).claims)


def test_every_quoted_claim_states_its_figure_as_recorded(bundled):
    quoted = [c for c in bundled if c.quote]
    assert len(quoted) >= 300
    failures = {c.id: problems(c) for c in quoted if c.id not in EXCEPTIONS}
    failures = {k: v for k, v in failures.items() if v}
    assert not failures, "\n".join(f"{k} ({next(c for c in quoted if c.id == k).source}): {v}"
                                   for k, v in sorted(failures.items()))


@pytest.mark.parametrize("claim_id", sorted(EXCEPTIONS))
def test_each_exception_is_still_an_exception(bundled, claim_id):
    """An exception whose quote now reads correctly must leave the list."""
    claim = next(c for c in bundled if c.id == claim_id)
    assert claim.quote and problems(claim), f"{claim_id} now passes: remove it from EXCEPTIONS"


def test_the_nw_syria_2019_2020_records_all_cite_and_quote(bundled):
    new = [c for c in bundled if c.source and "nw-syria-2019-2020-" in c.source.file]
    assert len(new) >= 220
    assert all(c.url and c.quote and c.publisher for c in new), [c.id for c in new if not (c.url and c.quote)]


def test_the_fact_sheet_records_cite_their_source(bundled):
    facts = [c for c in bundled if c.source and c.source.file.endswith("nw-syria-2019-facts.yaml")]
    assert facts and all(c.url for c in facts)
    assert sum(1 for c in facts if c.quote) >= 40


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("over 330 000 people", 330_000),
        ("von insgesamt 180.000 Menschen", 180_000),
        ("إلى 1.018.529 نسمة", 1_018_529),
        ("17،761 عائلة ( 97،694 نسمة)", 97_694),
        ("أكثر من ١٦١١ عائلة", 1_611),
        ("spikes to over 300K, 229 dead", 300_000),
        ("an estimated 1.12 million IDPs", 1_120_000),
        ("almost 1 million people", 1_000_000),
        ("an estimated three million people", 3_000_000),
        ("Thirty-five of those killed", 35),
        ("بلغ أكثر من 359 ألف شخص", 359_000),
    ],
)
def test_the_reader_knows_the_forms_numbers_take(quote, value):
    assert any(abs(v - value) < 0.5 for v, _, _ in numbers(quote))


def test_a_wrong_value_or_qualifier_is_caught():
    claim = next(c for c in load_data(None).claims if c.id == "p8-who-displaced")
    assert problems(claim) == []
    as_exact = dataclasses.replace(claim, qualifier=Qualifier.EXACT)
    assert problems(as_exact) == ["330000 is recorded as exact but a qualifier word precedes it"]
    as_at_least = dataclasses.replace(claim, qualifier=Qualifier.AT_LEAST)
    assert problems(as_at_least) == ["no 'at_least' word before 330000"]
    misread = dataclasses.replace(claim, value=333000)
    assert problems(misread) == ["333000 is not in the quote"]
