"""Numbers in running text: digits, words, scales, vague quantities, and what is not a figure.

`find_numbers(text)` returns every number-like mention with its character
offsets. Mentions that are not figures (years, dates, times, ages, distances,
durations, money, resolution and phone numbers) come back with a `skip`
reason instead of being dropped silently, so that tests and `--explain`-style
debugging can see why a number was not drafted.
"""

from __future__ import annotations

import bisect
import re

from msgspec import Struct
from msgspec.structs import replace

from hfig.extract.text import fold

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# ("dozen" multiplies like a scale: "two dozen" is 24)
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALE_SUFFIX = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    # South Asian scales: "3.15 lakh" is 315,000, "1.2 crore" 12 million
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}

# Vague quantities, longest first, mapped to the VAGUE_LEXICON keys of hfig.core.qualifiers.
VAGUE_WORDS = (
    ("hundreds of thousands", "hundreds_of_thousands"),
    ("tens of thousands", "tens_of_thousands"),
    ("several hundred thousand", "hundreds_of_thousands"),
    ("several thousand", "thousands"),
    ("several hundred", "hundreds"),
    ("several dozens", "dozens"),
    ("several dozen", "dozens"),
    ("a few hundred thousand", "hundreds_of_thousands"),
    ("a few thousand", "thousands"),
    ("a few hundred", "hundreds"),
    ("a few dozen", "dozens"),
    ("tens of 1000's", "tens_of_thousands"),
    ("tens of 1000s", "tens_of_thousands"),
    ("hundreds of 1000's", "hundreds_of_thousands"),
    ("hundreds of 1000s", "hundreds_of_thousands"),
    ("millions", "millions"),
    ("thousands", "thousands"),
    ("hundreds", "hundreds"),
    ("dozens", "dozens"),
    ("scores", "scores"),
    ("several", "several"),
    ("tens", "tens"),  # ("tens of millions" is no vague word of the lexicon: see _VAGUE)
)

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)

_WORD_ALT = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# Each scan over the whole text starts with a look-ahead for the letters its words can start with (the
# digits for digits): one character test at most positions instead of trying every alternative there,
# which took a 100 KB text 20 ms per scan.
_WORD_NUMBER = re.compile(
    r"(?=[abdefhmnostz])"  # (the first letters of "a", "half", "three" and of the words in _WORD_ALT)
    rf"\b(?:(?:a|one)\s+(?:hundred|thousand|million)(?:(?:\s+and\s+|-and-|[\s-]+)(?:{_WORD_ALT}))*|"
    rf"(?:a\s+)?half\s+(?:a\s+)?(?:million|billion)|"
    rf"(?:a|three)[\s-]+quarters?\s+(?:of\s+a\s+)?million|"
    rf"a\s+dozen|(?:{_WORD_ALT})(?:(?:\s+and\s+|-and-|[\s-]+)(?:{_WORD_ALT}))*)\b",
    re.IGNORECASE,
)
# Digits: comma, space or dot thousands separators, or a plain number with an optional decimal part.
_DIGITS = re.compile(
    r"(?=\d)(?<![\w,#/+])(?<![\w.]\.)(?<![^\d\s]-)(?:"
    # a stray space after each separator, as machine-reworded copy writes "2, 000" and "1, 10, 000":
    # "000" never stands alone, so the groups before it belong to the same number
    r"\d{1,3}(?:,[ \u00a0]\d{2,3})*,[ \u00a0]000(?![\d,])"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"  # South Asian grouping: 1,10,000 (one lakh ten thousand)
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)"
    r"|\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d|\s*(?:million|billion|m\b|bn\b))"
    r"|\d{1,3}(?:['\u2019]\d{3})+(?![\d'\u2019])"  # Swiss style: "5’609 victims", "1'116"
    r"|\d+(?:\.\d+)?"
    r")(?![\w.]\d)"
)
_SCALE_AFTER = re.compile(
    r"[ \u00a0]?(?:(hundred|thousand|million|billion|mln|mn|bn|lakhs?|crores?)\b|"
    r"(k|m)\b(?!\s*(?:km|metres|meters)))",
    re.IGNORECASE,
)
_PLUS_AFTER = re.compile(r"\+|-plus\b|\s+plus\b")
_PHONE = re.compile(
    r"(?=[+cfptw])(?:\+|\b(?:tel|phone|call|fax|whatsapp)[.:]?\s*)\+?\(?\d[\d\s().-]{6,}\d", re.IGNORECASE
)
_TIME = re.compile(
    r"(?=\d)\b(?:\d{1,2}:\d{2}(?!\d)|\d{1,2}\.\d{2}\s*(?:a\.?m\.?|p\.?m\.?|hrs\b|h\b|gmt\b|utc\b)"
    r"|\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b))",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?=\d)\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\b")
# after a number in an apposition: "Fadi Alomar, 34, an ambulance driver"
_AGE_AFTER = re.compile(r"^,\s+(?:a|an|the|who|was|is|from|and|had|has)\b")
_VAGUE = re.compile(
    r"(?=[adhmst])\b("  # (the first letters of the vague words)
    + "|".join(re.escape(w) for w, _ in VAGUE_WORDS)
    + r")(?![\w'])(?<!tens(?= of millions))",
    re.IGNORECASE,
)

_AFTER_SKIPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("percentage", re.compile(r"^\s?(?:%|per\s?cent\b|percent\b|pc\b|percentage)", re.IGNORECASE)),
    ("age", re.compile(r"^[\s-]*(?:years?|months?)[\s-]*old\b|^-year\b", re.IGNORECASE)),
    (
        "distance",
        re.compile(
            r"^\s?(?:km\b|kms\b|kilomet(?:er|re)s?\b|miles?\b|met(?:er|re)s?\b|"
            r"m\b(?!\w)\s+(?:from|away|north|south|east|west))",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        re.compile(
            r"^[\s-]*(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|"
            r"months?|years?|decades?|"
            r"hrs)\b",
            re.IGNORECASE,
        ),
    ),
    ("date", re.compile(rf"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH_RE}(?!\w)", re.IGNORECASE)),
    (
        "money",
        re.compile(
            r"^\s?(?:dollars|euros|pounds|usd|eur|gbp|us\$|syrian pounds|lira|liras)\b", re.IGNORECASE
        ),
    ),
    ("frequency", re.compile(r"^\s+times\b|^-fold\b|^\s+fold\b", re.IGNORECASE)),
    ("ordinal", re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)),
    ("date", re.compile(rf"^/{_MONTH_RE}", re.IGNORECASE)),  # "20/Oct"
    ("time", re.compile(r"^\s?(?:o'clock|a\.m\.|p\.m\.|am\b|pm\b|hrs\b|gmt\b|utc\b)", re.IGNORECASE)),
)
_BEFORE_SKIPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(rf"\b{_MONTH_RE}\s*$", re.IGNORECASE)),  # "May 6", "Oct. 7"
    (
        "date",  # "between September 23 and 30"
        re.compile(
            rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|and|to|until|till|through)\s*$", re.IGNORECASE
        ),
    ),
    ("age", re.compile(r"\b[A-Z][\w'-]+,\s*$")),  # "Fadi Alomar, 34, an ambulance driver" (with _AGE_AFTER)
    (
        "reference number",
        re.compile(
            # ("bringing the total number 119 soldiers killed": a count with "to" dropped, not a reference)
            # (whole words: "in Kano 30 people" and "fled abroad 5,000" name no reference)
            r"(?:#|\b(?:resolutions?|no\.?|(?<!total )number|nos\.?|article|articles|"
            r"paragraph|para\.?|page|"
            r"chapter|section|annex|report|sheet|route|highway|road|flight|code|"
            r"phase|level|grade|cluster|room|unit|protocol|session))\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "age",
        re.compile(
            # ("\b": "damaged 1,900 schools" is not an age)
            r"(?:\baged|\bage of|\bages of|\bage|\bages|\baged between|under the age of|over the age "
            r"of|\d\s+(?:under|below|over)"  # ("11 under 18": a count, then an age bound)
            r"|\baged\s+(?:\d+|[a-z]+)\s*(?:and|to|or|-))\s*$",  # ("aged 5 and 7", "aged seven and 14")
            re.IGNORECASE,
        ),
    ),
    ("money", re.compile(r"(?:\$|us\$|usd|€|£|eur|chf|syp)\s*$", re.IGNORECASE)),
    (
        # an appeal's or a plan's people: "the appeal covers the needs of 400,000 IDPs", "aims to reach 2
        # million people" are planning figures, not counts of harm
        "planning figure",
        re.compile(
            r"\b(?:needs of|(?:aims?|plans?|seeks?|hopes?|intends?|in order) to (?:reach|assist|help|support|"
            r"serve|cover)|appeal (?:covers|targets|is for|for))\s+(?:(?:the|some|about|around|an estimated|"
            r"up to|more than|over|nearly|almost)\s+)?$",
            re.IGNORECASE,
        ),
    ),
    ("time", re.compile(r"(?:at|around|about|before|after|until|by)\s+$", re.IGNORECASE)),
)


# Words one of which each pattern of _BEFORE_SKIPS needs (empty: always tried).
_BEFORE_CUES: tuple[tuple[str, ...], ...] = (
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    (",",),
    (
        "resolution",
        "no",
        "number",
        "#",
        "article",
        "paragraph",
        "para",
        "page",
        "chapter",
        "section",
        "annex",
        "report",
        "sheet",
        "route",
        "highway",
        "road",
        "flight",
        "code",
        "phase",
        "level",
        "grade",
        "cluster",
        "room",
        "unit",
        "protocol",
        "session",
    ),
    ("age", "under", "below", "over"),
    ("$", "usd", "\u20ac", "\u00a3", "eur", "chf", "syp"),
    ("needs of", " to ", "appeal"),
    ("at", "around", "about", "before", "after", "until", "by"),
)
# Any of _AFTER_SKIPS (all anchored, all ignoring case): most numbers are followed by none of them, and
# one match rules all ten out.
_ANY_AFTER_SKIP = re.compile("|".join(f"(?:{p.pattern})" for _, p in _AFTER_SKIPS), re.IGNORECASE)
# The cue words of each pattern as one regex: a single search instead of a loop over the words.
_CUE_FINDERS: tuple[re.Pattern[str] | None, ...] = tuple(
    re.compile("|".join(re.escape(c) for c in cues)) if cues else None for cues in _BEFORE_CUES
)
_DAY_RANGE_AFTER = re.compile(
    rf"^\s*(?:-|and|to|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?!\w)", re.IGNORECASE
)


class NumberMention(Struct, frozen=True):
    """A number as written, where it is, and what it is worth."""

    start: int
    end: int
    text: str
    value: float | str  # a number, or a VAGUE_LEXICON key
    value_max: float | None = None
    plus: bool = False  # "200,000+" / "200,000-plus"
    skip: str | None = None  # why this is not a figure, or None
    percent: bool = False
    from_words: bool = False

    @property
    def vague(self) -> bool:
        return isinstance(self.value, str)


def parse_words(text: str) -> float | None:
    """'three million' -> 3000000; 'two hundred and fifty' -> 250; 'half a million' -> 500000."""
    words = re.split(r"[\s-]+", text.lower().strip())
    words = [w for w in words if w != "and"]
    if words and words[0] == "a" and "half" in words:
        words = words[1:]  # "a half million"
    if words[:1] == ["half"] and words[-1] in ("million", "billion"):
        return SCALES[words[-1]] / 2  # "half a million", "half million"
    if words[:2] == ["a", "quarter"] and words[-1] == "million":
        return 250_000.0  # "a quarter of a million", "a quarter million"
    if words[:2] == ["three", "quarters"] and words[-1] == "million":
        return 750_000.0  # "three-quarters of a million"
    if words == ["a", "dozen"]:
        return 12.0
    if words and words[0] in ("a", "one") and len(words) == 2 and words[1] in SCALES:
        return float(SCALES[words[1]])
    if words[:1] == ["a"]:
        words = ["one", *words[1:]]  # "a hundred and twenty"
    total = 0
    current = 0
    seen = False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_digits(text: str) -> float:
    """'200,000' / '307 000' / '1.250' (dot thousands) / '5’609' / '3.5' -> a float."""
    raw = text.replace("\u00a0", " ").replace("\u202f", " ").replace("'", ",").replace("\u2019", ",")
    if "," in raw:
        return float(raw.replace(",", "").replace(" ", ""))
    if " " in raw:
        return float(raw.replace(" ", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and raw.count(".") >= 1 and not raw.startswith("0"):
        return float(raw.replace(".", ""))
    return float(raw)


_COUNT_BOUND = re.compile(
    r"\b(?:at least|more than|nearly|almost|as many as|an estimated|no fewer than|no less than)\s+$",
    re.IGNORECASE,
)


def _masked(text: str) -> list[tuple[int, int, str]]:
    """Spans that hold no figure at all: phone numbers and clock times."""
    spans = [(m.start(), m.end(), "phone number") for m in _PHONE.finditer(text)]
    spans += [(m.start(), m.end(), "time") for m in _TIME.finditer(text)]
    spans += [(m.start(), m.end(), "date") for m in _NUMERIC_DATE.finditer(text)]
    return spans


def find_numbers(text: str) -> list[NumberMention]:
    """Every number-like mention in `text`, in order, with skip reasons for non-figures."""
    folded = fold(text)
    masked = _masked(folded)
    found: list[NumberMention] = []
    taken = bytearray(len(folded) + 1)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    for m in _VAGUE.finditer(folded):
        start, end = m.span()
        if not free(start, end):
            continue
        key = dict(VAGUE_WORDS)[m.group(1).lower().replace("\u2019", "'")]
        found.append(NumberMention(start, end, text[start:end], key))
        take(start, end)
    for m in _DIGITS.finditer(folded):
        start, end = m.span()
        if not free(start, end):
            continue  # "tens of 1000's"
        value = parse_digits(m.group())
        scale = _SCALE_AFTER.match(folded, end)
        if scale:
            word = (scale.group(1) or scale.group(2)).lower()
            value = round(value * SCALE_SUFFIX[word], 6)  # (4.1 * 1e6 is 4099999.9999999995 in floats)
            end = scale.end()
        found.append(NumberMention(start, end, text[start:end], value))
        take(start, end)
    for m in _WORD_NUMBER.finditer(folded):
        start, end = m.span()
        if not free(start, end):
            continue
        value_w = parse_words(m.group())
        if value_w is None:
            continue
        found.append(NumberMention(start, end, text[start:end], value_w, from_words=True))
        take(start, end)
    found.sort(key=lambda n: n.start)
    masked.sort()
    out = [_classify(folded, n, masked) for n in found]
    return _merge_ranges(text, folded, out)


def _classify(folded: str, n: NumberMention, masked: list[tuple[int, int, str]]) -> NumberMention:
    i = bisect.bisect_right(masked, (n.start, len(folded) + 1, "")) - 1
    while i >= 0 and masked[i][0] > n.start - 40:  # spans are short: look back a little
        s, e, why = masked[i]
        if s <= n.start < e:
            return replace(n, skip=why)
        i -= 1
    after = folded[n.end : n.end + 40]
    before = folded[max(0, n.start - 40) : n.start]
    plus = _PLUS_AFTER.match(after)
    if plus is not None:
        n = replace(n, plus=True, end=n.end + plus.end(), text=n.text + folded[n.end : n.end + plus.end()])
        after = folded[n.end : n.end + 40]
    for why, pattern in _AFTER_SKIPS if _ANY_AFTER_SKIP.match(after) else ():
        if pattern.match(after):
            if why == "percentage":
                return replace(n, percent=True)
            if why == "date" and n.vague:
                continue
            return replace(n, skip=why)
    tail = before.lower()
    for (why, pattern), cues in zip(_BEFORE_SKIPS, _CUE_FINDERS, strict=True):
        if cues is not None and not cues.search(tail):
            continue  # (a pattern is tried only where its words are: most numbers have none)
        if pattern.search(before):
            if why == "time" and not re.match(r"^\s?(?:o'clock|h\b)", after):
                continue
            if why == "age" and (
                n.vague or (pattern.pattern.startswith(r"\b[A-Z]") and not _AGE_AFTER.match(after))
            ):
                continue
            return replace(n, skip=why)
    if isinstance(n.value, float) and not n.from_words:
        raw = n.text.strip()
        if _is_year(raw, before, after):
            return replace(n, skip="year")
        if _is_date_or_code(raw, before, after):
            return replace(n, skip="date or code")
    if before.endswith("[") and after.startswith("]") and re.search(r"\S\[$", before):
        return replace(n, skip="footnote mark")  # "every 15 minutes[1]"
    if _DAY_RANGE_AFTER.match(after):
        return replace(n, skip="date")  # "between 12 and 25 December", "12-25 December"
    one = n.from_words and n.value == 1
    if one and (_ONE_PRONOUN_AFTER.match(after) or _ONE_PRONOUN_BEFORE.search(before)):
        return replace(n, skip="pronoun")
    return n


# (the patterns of the checks below are compiled once: _classify runs for every number of a text)
_YEAR = re.compile(r"(?:19|20)\d\d")
_COUNTED_AFTER = re.compile(
    r"^\s+(?:people|persons|civilians|children|families|households|idps|displaced)\b", re.IGNORECASE
)


def _is_year(raw: str, before: str, after: str) -> bool:
    """'in 2019', but not '2000 people' or 'abducted at least 2000' (a year is never bounded so)."""
    return bool(_YEAR.fullmatch(raw)) and not _COUNTED_AFTER.match(after) and not _COUNT_BOUND.search(before)


_JOINED_AFTER = re.compile(r"^[-/]\d")
_JOINED_BEFORE = re.compile(r"\d[-/]$")
_RANGE_AFTER = re.compile(r"^\s?[-\u2013]\s?\d")
_RANGE_BEFORE = re.compile(r"\d\s?[-\u2013]\s?$")
_YEAR_DASH_OR_SLASH = re.compile(r"\d{4}\s?-\s?$|/")
_DAY_MONTH_AFTER = re.compile(r"^\s?-\s?\d\d?-")


def _is_date_or_code(raw: str, before: str, after: str) -> bool:
    """A number joined to another by a dash or slash ('2019-05-12', '12/3'), unless a range ('20-30')."""
    if not (_JOINED_AFTER.match(after) or _JOINED_BEFORE.search(before)):
        return False
    ranged = _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before)
    return not (
        ranged
        and not _YEAR_DASH_OR_SLASH.search(before[-6:])
        and not _DAY_MONTH_AFTER.match(after)
        and not _YEAR.fullmatch(raw)
    )


# "one of the worst", "one another", "no one": a pronoun ("one of its staff members was killed" is a count)
_ONE_PRONOUN_AFTER = re.compile(
    r"^\s+(?:of(?!\s+(?:its|their|our)\s+(?:own\s+)?(?:\w+\s+)?(?:staff|staffers|workers|"
    r"employees|colleagues|personnel)\b)|another|day|time|side)\b|^\s+family\b",
    re.IGNORECASE,
)
_ONE_PRONOUN_BEFORE = re.compile(r"\b(?:no|the|every|each|any|which)\s+$", re.IGNORECASE)


_RANGE_BETWEEN = re.compile(r"\s*(?:and|to|-|–|—)\s*$", re.IGNORECASE)


def _merge_ranges(text: str, folded: str, numbers: list[NumberMention]) -> list[NumberMention]:
    """'between 20 and 30', '20 to 30', '20-30' -> one mention with value_max."""
    out: list[NumberMention] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        if (
            i + 1 < len(numbers)
            and n.skip is None
            and numbers[i + 1].skip is None
            and not n.vague
            and not numbers[i + 1].vague
        ):
            nxt = numbers[i + 1]
            gap = folded[n.end : nxt.start]
            before = folded[max(0, n.start - 12) : n.start].lower()
            is_between = bool(re.fullmatch(r"\s+and\s+", gap)) and before.rstrip().endswith("between")
            is_dash = (
                # ("from 3,000-4,000" is a range; "from 3,000 to 4,000" a change)
                (
                    bool(re.fullmatch(r"\s*(?:-|–|—)\s*", gap))
                    or (bool(re.fullmatch(r"\s+to\s+", gap)) and not before.rstrip().endswith("from"))
                )
                and not re.search(
                    r"(?:rose|risen|increased|"
                    r"up)\s*$",
                    before,
                )
            )
            if (is_between or is_dash) and isinstance(n.value, float) and isinstance(nxt.value, float):
                low, high = n.value, nxt.value
                # "3 to 5 million": the scale of the second applies to the first
                if low < high and low < 1000 <= high:
                    if "million" in nxt.text.lower() and "million" not in n.text.lower():
                        low = round(low * 1_000_000, 6)
                    elif "thousand" in nxt.text.lower() and "thousand" not in n.text.lower():
                        low = round(low * 1_000, 6)
                    elif (
                        low < 1000 <= low * 1000 <= high
                        and re.fullmatch(r"\s*(?:-|–|—)\s*", gap)
                        and re.fullmatch(r"\d{1,3}[,.]000", nxt.text.strip())
                    ):
                        # "35-50,000": the thousands of the second apply to the first
                        low = round(low * 1_000, 6)
                if low <= high:
                    out.append(
                        replace(
                            n,
                            end=nxt.end,
                            text=text[n.start : nxt.end],
                            value=low,
                            value_max=high,
                            percent=n.percent or nxt.percent,
                        )
                    )
                    i += 2
                    continue
        out.append(n)
        i += 1
    return out
