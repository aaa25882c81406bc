"""Reads a quote for the figure a record says it states (used by tests/test_data_quotes.py).

A record's `value` and `qualifier` must be readable in its `quote`, in the
language of the source: 330000 as "330,000", "330 000", "330.000", "330K" or
"330 mil"; 1300000 as "1.3 million", "1,3 milioni", "1.3mn" or "1,3 млн";
19 as "Nineteen" or "neunzehn"; a range "2.1-2.2 million" as both ends. The
qualifier is a phrase just before the number ("more than", "più di", "понад",
"أكثر من") or, in languages that put it after, just after it (Hindi "400 से
अधिक", Arabic "300 على الأقل", "200,000+"). A bare number (`exact`) must carry
no qualifier phrase; the one allowance is an estimate word ("an estimated",
"estimates that") before a count given to four or more significant digits
(IOM DTM's "estimates that 4,633,930"): there the word names the method, not a
rounding (docs/data.md, "Corrections after review").

Where one phrase contains another ("no more than" holds "more than", "pas moins
de" holds "moins de"), only the longer one counts, so an `up_to` figure is not
read as `more_than`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hfig.core.model import Claim
from hfig.core.qualifiers import Qualifier

Span = tuple[int, int]  # where a number is in the quote: start, end

WINDOW_QUALIFIED = 60  # characters before the number that may hold its qualifier
WINDOW_BARE = 25  # characters before a bare number that must hold none

# Phrases that come before the number, per qualifier, by language.
BEFORE: dict[Qualifier, tuple[str, ...]] = {
    Qualifier.MORE_THAN: (
        "more than", "over", "above", "in excess of", "upwards of",  # English
        "plus de",  # French
        "más de",  # Spanish
        "mais de",  # Portuguese
        "più di", "oltre",  # Italian
        "mehr als", "über",  # German
        "meer dan", "ruim",  # Dutch
        "mere end", "mer enn",  # Danish, Norwegian ("over" as in English)
        "rúmlega", "meira en", "yfir",  # Icelandic
        "более", "больше", "свыше",  # Russian
        "понад", "більше", "більш ніж",  # Ukrainian
        "أكثر من", "ما يزيد عن", "ما يزيد على", "مايزيد عن", "أزيد من",  # Arabic
    ),
    Qualifier.ABOUT: (
        "about", "almost", "nearly", "some", "approximately", "around", "close to", "roughly",
        "an estimated", "estimated", "estimates", "estimate of",
        "environ", "près de", "presque", "quelque",
        "casi", "cerca de", "alrededor de", "aproximadamente", "unos", "unas",
        "quase", "perto de", "em torno de", "por volta de",
        "circa", "quasi", "intorno a", "all'incirca",
        "etwa", "rund", "fast", "knapp", "ungefähr", "annähernd", "nahezu", "zirka",
        "ongeveer", "bijna", "zo'n",
        "omkring", "cirka", "næsten", "nesten", "rundt",
        "tæplega", "nærri", "um það bil",
        "около", "почти", "примерно", "порядка", "приблизительно",
        "близько", "майже", "приблизно", "орієнтовно",
        "نحو", "قرابة", "حوالي", "حوالى", "ما يقرب من", "ما يقارب", "زهاء",
        "लगभग", "करीब", "क़रीब", "तकरीबन", "तक़रीबन",  # Hindi
        "सुमारे", "जवळपास", "अंदाजे",  # Marathi
        "დაახლოებით", "თითქმის",  # Georgian
    ),
    Qualifier.AT_LEAST: (
        "at least", "no fewer than", "no less than", "a minimum of",
        "au moins", "pas moins de",
        "al menos", "por lo menos", "no menos de",
        "pelo menos", "ao menos", "no mínimo",
        "almeno", "non meno di",
        "mindestens", "wenigstens",
        "zeker", "minstens", "ten minste", "tenminste",
        "mindst", "minst",
        "að minnsta kosti",
        "не менее", "как минимум", "по меньшей мере", "минимум",
        "щонайменше", "принаймні", "не менше", "як мінімум", "мінімум",
        "ما لا يقل عن", "لا يقل عن", "على الأقل",
        "कम से कम",
        "किमान",
        "სულ მცირე", "მინიმუმ",
    ),
    Qualifier.UP_TO: (
        "up to", "no more than", "not more than", "at most", "as many as",
        "jusqu'à", "au plus", "pas plus de",
        "hasta", "como máximo", "no más de",
        "até", "no máximo", "não mais de",
        "fino a", "al massimo", "non più di",
        "bis zu", "höchstens", "nicht mehr als",
        "tot wel", "hooguit", "niet meer dan",
        "op til", "højst", "opp til", "høyst",
        "allt að",
        "вплоть до", "не более", "не больше",
        "не більше", "не більш ніж",
        "ما يصل إلى", "لا يزيد عن",
    ),
    Qualifier.LESS_THAN: (
        "less than", "fewer than", "under", "below",
        "moins de",
        "menos de",
        "meno di",
        "weniger als",
        "minder dan",
        "mindre end", "færre end", "mindre enn", "færre enn",
        "minna en", "færri en",
        "менее", "меньше",
        "менше", "менш ніж",
        "أقل من",
    ),
    Qualifier.BETWEEN: (
        "between", "entre", "tra", "fra", "zwischen", "tussen", "mellem", "mellom", "á milli",
        "между", "між", "بين",
    ),
}

# Phrases that come right after the number, in languages that put them there.
AFTER: dict[Qualifier, tuple[str, ...]] = {
    Qualifier.MORE_THAN: (
        "से अधिक", "से ज्यादा", "से ज़्यादा",  # Hindi
        "पेक्षा जास्त", "पेक्षा अधिक", "हून अधिक", "हून जास्त",  # Marathi
        "ზე მეტი",  # Georgian ("602-ზე მეტი")
    ),
    Qualifier.AT_LEAST: ("+", "على الأقل"),
    Qualifier.ABOUT: ("تقريبا", "تقريباً"),
    Qualifier.LESS_THAN: ("से कम", "पेक्षा कमी", "ზე ნაკლები"),
}

# Estimate words name how a figure was arrived at; before a round figure they mean "about".
ESTIMATE_WORDS = frozenset({"an estimated", "estimated", "estimates", "estimate of"})
_PRECISE_DIGITS = 4  # significant digits from which a figure is a count, not a rounding

_SCALES: dict[int, tuple[str, ...]] = {
    1_000: (
        "thousand", "k", "mil", "mila", "tausend", "duizend", "tusind", "tusen", "þúsund",
        "тис.", "тисяч", "тисячі", "тыс.", "тысяч", "тысячи", "ألف", "آلاف", "हज़ार", "हजार",
    ),
    100_000: ("लाख",),
    1_000_000: (
        "million", "millions", "mln", "mn", "millón", "millones", "milione", "milioni", "milhão", "milhões",
        "millionen", "mio.", "miljoen", "millioner", "milljón", "milljónir", "млн", "мільйон", "мільйона",
        "мільйонів", "миллион", "миллиона", "миллионов", "مليون", "ملايين", "मिलियन", "दशलक्ष",
    ),
    10_000_000: ("करोड़", "करोड"),
}
_SCALE_OF = {word: factor for factor, words in _SCALES.items() for word in words} | {"m": 1_000_000}
_SCALE_ALTERNATIVES = "|".join(re.escape(w) for w in sorted(_SCALE_OF, key=len, reverse=True) if w != "m")
# "M" counts only in capitals ("12M people"): a small m is metres or minutes.
_SCALE = rf"(?:\s*((?i:{_SCALE_ALTERNATIVES})|M)(?![^\W\d_]))?"

_GROUPED = r"\d{1,3}(?:[,. \u00a0\u202f]\d{3}(?!\d))+"
_DIGITS = re.compile(rf"(?<!\d)({_GROUPED}|\d+(?:[.,]\d+)?)(?!\d)" + _SCALE)
_WORD_NUMBER = re.compile(r"(?<![^\W\d_])([^\W\d_]+(?:-[^\W\d_]+)?)(?![^\W\d_])" + _SCALE)
# What joins the two ends of a range ("2.1-2.2 million", "10,000 to 15,000", "20 e 30").
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|and|a|à|al|bis|und|tot|en|til|og|e|y|до|і|и|و)\s*", re.IGNORECASE)

_EN_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_DE_UNITS = (
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn",
)
_DE_TENS = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
_WORDS: dict[str, int] = (
    {w: i for i, w in enumerate(_EN_UNITS)} | _EN_TENS | {"hundred": 100}
    | {w: i for i, w in enumerate(_DE_UNITS)} | _DE_TENS | {"hundert": 100, "einhundert": 100}
)
# "a million", "un millón", "eine Million": the article is a number only before a scale word.
_ONE_BEFORE_A_SCALE = frozenset(
    {"a", "un", "una", "uno", "une", "um", "uma", "ein", "eine", "een", "en", "én", "et"}
)

# "half a million": the article before a scale word is a half when "half" precedes it.
_HALF_BEFORE = re.compile(r"(?<![^\W\d_])half\s+$", re.IGNORECASE)

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९"


def _normalise(text: str) -> str:
    text = text.translate(str.maketrans(_ARABIC_INDIC, "0123456789" * 3))
    text = re.sub(r"(?<=\d)[\u060c\u066c](?=\d{3})", ",", text)  # Arabic comma or thousands separator
    text = re.sub(r"(?<=\d)\u066b(?=\d)", ".", text)  # Arabic decimal separator
    return text.replace("’", "'")


def _word_value(word: str) -> int | None:
    word = word.lower()
    if word in _WORDS:
        return _WORDS[word]
    if "-" in word:  # English "thirty-five"
        tens, _, unit = word.partition("-")
        if tens in _EN_TENS and unit in _EN_UNITS[1:10]:
            return _EN_TENS[tens] + _EN_UNITS.index(unit)
    unit, und, tens = word.partition("und")  # German "fünfundzwanzig"
    if und and tens in _DE_TENS and (unit == "ein" or unit in _DE_UNITS[2:10]):
        return _DE_TENS[tens] + (1 if unit == "ein" else _DE_UNITS.index(unit))
    return None


def _digit_values(raw: str, scaled: bool) -> list[float]:
    """The readings of a run of digits: "6.285" before "million" is a decimal, elsewhere 6285."""
    if re.fullmatch(_GROUPED, raw):
        grouped = float(re.sub(r"\D", "", raw))
        one_separator = re.fullmatch(r"\d{1,3}[.,]\d{3}", raw)
        return [grouped, float(raw.replace(",", "."))] if scaled and one_separator else [grouped]
    return [float(raw.replace(",", "."))]


def numbers(quote: str) -> Iterator[tuple[float, int, int]]:
    """(value, start, end) of every reading of every number in the quote, digits or words."""
    text = _normalise(quote)
    found: list[tuple[list[float], str | None, int, int]] = []
    for m in _DIGITS.finditer(text):
        found.append((_digit_values(m.group(1), bool(m.group(2))), m.group(2), m.start(), m.end()))
    for m in _WORD_NUMBER.finditer(text):
        word, scale = m.group(1).lower(), m.group(2)
        value: float | None = 1 if scale and word in _ONE_BEFORE_A_SCALE else _word_value(word)
        start = m.start()
        half = _HALF_BEFORE.search(text, 0, start)
        if value == 1 and scale and word in _ONE_BEFORE_A_SCALE and half:  # "half a million"
            value, start = 0.5, half.start()
        if value is not None:
            found.append(([float(value)], scale, start, m.end()))
    found.sort(key=lambda f: f[2])
    for i, (values, scale, start, end) in enumerate(found):
        factors = [_SCALE_OF[scale.lower()]] if scale else [1]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if not scale and nxt and nxt[1] and _RANGE_JOIN.fullmatch(text[end:nxt[2]]):
            factors.append(_SCALE_OF[nxt[1].lower()])  # "2.1-2.2 million": the scale is the range's
        for value in values:
            for factor in factors:
                yield value * factor, start, end


def _bounded(phrase: str) -> bool:
    """Whether the phrase is a word of its own: Arabic and Devanagari attach prefixes and marks."""
    first = phrase[0]
    return first.isalpha() and not ("\u0600" <= first <= "\u06ff" or "\u0900" <= first <= "\u097f")


def _alternatives(table: dict[Qualifier, tuple[str, ...]]) -> str:
    """One pattern for all phrases, longest first, so "no more than" wins over the "more than" in it."""
    phrases = sorted((p for ps in table.values() for p in ps), key=len, reverse=True)
    return "|".join(
        r"(?<![^\W\d_])" + re.escape(p) + r"(?![^\W\d_])" if _bounded(p) else re.escape(p) for p in phrases
    )


_QUALIFIER_OF = {
    which: {p: q for q, ps in table.items() for p in ps}
    for which, table in (("before", BEFORE), ("after", AFTER))
}
_BEFORE_RE = re.compile(f"({_alternatives(BEFORE)})")
_AFTER_RE = re.compile(rf"[\s\-‑]*({_alternatives(AFTER)})")


def _phrases_before(text: str) -> set[tuple[Qualifier, str]]:
    """The qualifier phrases in `text`, each with the qualifier it means."""
    return {(_QUALIFIER_OF["before"][m.group(1)], m.group(1)) for m in _BEFORE_RE.finditer(text.lower())}


def _phrase_after(text: str) -> set[tuple[Qualifier, str]]:
    """The qualifier phrase that `text` starts with, if any (Hindi "से अधिक", "+")."""
    m = _AFTER_RE.match(text.lower())
    return {(_QUALIFIER_OF["after"][m.group(1)], m.group(1))} if m else set()


def _before(text: str, start: int, width: int, spans: list[Span], stop_at_numbers: bool) -> str:
    """The text just before a number; with `stop_at_numbers`, not reaching back past another number."""
    lo = max(0, start - width)
    if stop_at_numbers:
        lo = max([lo, *(e for _, e in spans if e <= start)])
    return text[lo:start]


def _is_precise(value: float) -> bool:
    return len(str(round(value)).rstrip("0")) >= _PRECISE_DIGITS


def _bare_problem(text: str, target: float, hits: list[Span], spans: list[Span]) -> str | None:
    """Why an `exact` figure is not bare in the quote: a qualifier phrase at every place it appears."""
    reasons = []
    for start, end in hits:
        before = _phrases_before(_before(text, start, WINDOW_BARE, spans, True))
        before = {(q, p) for q, p in before
                  if q is not Qualifier.BETWEEN and not (p in ESTIMATE_WORDS and _is_precise(target))}
        if before:
            reasons.append("precedes")
        elif _phrase_after(text[end:]):
            reasons.append("follows")
        else:
            return None
    return f"{target:g} is recorded as exact but a qualifier word {reasons[0]} it"


def _has_qualifier(text: str, qualifier: Qualifier, hits: list[Span]) -> bool:
    for start, end in hits:
        found = _phrases_before(text[max(0, start - WINDOW_QUALIFIED):start]) | _phrase_after(text[end:])
        if any(q is qualifier for q, _ in found):
            return True
    return False


def _joined_as_range(text: str, low: list[Span], high: list[Span]) -> bool:
    return any(_RANGE_JOIN.fullmatch(text[e1:s2]) for _, e1 in low for s2, _ in high if s2 >= e1)


def problems_in(
    quote: str, value: float | str, qualifier: Qualifier, value_max: float | None = None
) -> list[str]:
    """Why the quote does not show this figure as recorded (empty when it does)."""
    text = _normalise(quote)
    if qualifier is Qualifier.VAGUE:
        word = str(value).replace("_", " ")
        return [] if word in text.lower() else [f"the vague word {word!r} is not in the quote"]
    found = list(numbers(quote))
    spans = [(s, e) for _, s, e in found]
    wanted = [float(value)] + ([float(value_max)] if value_max is not None else [])
    hits = {t: [(s, e) for v, s, e in found if abs(v - t) < 0.5] for t in wanted}
    out = [f"{t:g} is not in the quote" for t in wanted if not hits[t]]
    if out:
        return out
    if qualifier is Qualifier.EXACT:
        return [p for t in wanted if (p := _bare_problem(text, t, hits[t], spans))]
    if qualifier is Qualifier.BETWEEN and value_max is not None:
        low, high = hits[wanted[0]], hits[wanted[1]]
        if _has_qualifier(text, qualifier, low) or _joined_as_range(text, low, high):
            return []
        return [f"no 'between' word or range joining {wanted[0]:g} and {wanted[1]:g}"]
    return [] if _has_qualifier(text, qualifier, hits[wanted[0]]) else [
        f"no {qualifier.value!r} word before {wanted[0]:g}"]


def problems(claim: Claim) -> list[str]:
    """Why the claim's quote does not show its figure as recorded (empty when it does)."""
    return problems_in(claim.quote or "", claim.value, claim.qualifier, claim.value_max)
