"""Places named in the text, resolved with the gazetteer.

Names are matched as runs of up to six words, longest first, by the
gazetteer's own normalisation (case, accents, hyphens, a leading "al-"). A
one-word match must be capitalised in the text ("Tall" the sub-district is not
"tall"). "northern Hama", "rural Aleppo", "the outskirts of Khan Shaykhun" are
part of the unit: precision `partial`. Places joined by "and" or a comma
form one area ("in Idlib and Hama" -> SY07 + SY05).
"""

from __future__ import annotations

import re

from msgspec import Struct

from hfig.core.gazetteer import Gazetteer, Place, normalise
from hfig.core.model import AreaPrecision

# The gazetteer's own forms of a name without "the" and a designator ("Khartoum State"), to skip
# look-ups of word runs that cannot name a place.
_LEADING_THE = re.compile(r"^the\s+")
_DESIGNATORS = (
    "state", "province", "oblast", "region", "governorate", "prefecture", "county", "district", "division"
)
_DESIGNATOR = re.compile(rf"\s+(?:{'|'.join(_DESIGNATORS)})$")

_SPAN_BREAK = re.compile(r"[,;.:()\n]")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|SY\d{2,8}")
_MODIFIER = re.compile(
    r"(?:(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?|central|rural|greater|"
    r"(?:the\s+)?(?:outskirts|countryside|suburbs|edges?|parts?|areas?|villages|towns)\s+(?:of|around|near)|"
    r"(?<![\w'])(?-i:[NSEW]|NW|NE|SW|SE)\.?)[\s-]+$",
    re.IGNORECASE,
)
_STOP = {
    "hole",
    "mare",
    "tall",
    "shin",
    "sur",
    "oj",
    "bab",
    "sy",
    "fiq",
    "milh",
    "center",
    "centre",
    "the",
    "al",
    "el",
    "as",
    "an",
    "at",
    "ar",
    "ash",
    "ad",
    "az",
    "may",
    "will",
    "hall",
    "nawa",
    "nabk",
    "march",
}
_SUFFIX = re.compile(
    r"^(?:\s+(?:governorates?|provinces?|districts?|sub-districts?|subdistricts?|city|town|"
    r"countryside|area|region|camps?))+",
    re.IGNORECASE,
)
_JOIN = re.compile(
    r"^(?:\s*(?:,|and|&|as well as|or)\s*(?:in\s+|the\s+|across\s+|parts of\s+|the "
    r"outskirts of\s+)*|"
    r"\s+(?:area|countryside|province|governorate|district)?\s*(?:,|and)\s+(?:the\s+)?"
    r"(?:outskirts|countryside|suburbs|rural areas) of\s+|\s+area\s+and\s+(?:the\s+)?"
    r"(?:outskirts of\s+|countryside of\s+)?)$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|across|near|from|at|throughout|around|inside|within|into|of|to|"
    r"on|towards|"
    r"fled|left)\s+(?:the\s+)?(?:\w+\s+){0,2})$",
    re.IGNORECASE,
)


_RELATIVE = re.compile(
    r"(?:\b(?:km|kms|kilomet\w*|miles?|met(?:re|er)s?)\s+(?:\w+\s+)?|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+)(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


class PlaceMention(Struct, frozen=True):
    start: int  # including a modifier such as "northern"
    end: int  # including a suffix such as "Province"
    place: Place
    partial: bool
    text: str
    possessive: bool = False  # "Syria's population": not where the figure applies
    relative: bool = False  # "35 km south of Idlib city": a landmark, not where the figure applies


class AreaGroup(Struct, frozen=True):
    """One or more places that together are the area of a figure."""

    start: int
    end: int
    mentions: tuple[PlaceMention, ...]
    locative: bool

    @property
    def name(self) -> str:
        return (
            self.mentions[0].text if len(self.mentions) == 1 else " and ".join(m.text for m in self.mentions)
        )

    @property
    def pcodes(self) -> tuple[str, ...]:
        return tuple(sorted({p for m in self.mentions for p in m.place.pcodes}))

    @property
    def precision(self) -> AreaPrecision:
        if any(m.place.precision is AreaPrecision.APPROXIMATE for m in self.mentions):
            return AreaPrecision.APPROXIMATE
        if any(m.partial or m.place.precision is AreaPrecision.PARTIAL for m in self.mentions):
            return AreaPrecision.PARTIAL
        return AreaPrecision.EXACT


_CODE = re.compile(r"[A-Z]{2,3}\d[A-Z0-9]*")  # a P-code in the text (SY0702); never a word such as "In"

_ARTICLES = ("al", "el", "as", "ar", "ash", "ad", "az", "an", "at")
_KEY_PUNCT = str.maketrans({c: " " for c in "'’‘`-_.,/()"})


def _first_word(token: str) -> str:
    """The first word of a token as the gazetteer normalises it (the text is already folded)."""
    if not token.isascii():
        words = normalise(token).split()
        return words[0] if words else ""
    words = token.lower().translate(_KEY_PUNCT).split()
    return words[0] if words else ""


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._first: dict[str, int] = {}
        # the last words of the names (and the designators a name may be followed by): a run of words
        # whose last is none of them names nothing, and is not looked up
        self._last: set[str] = set(_DESIGNATORS)
        self._names = set(gazetteer.names())
        for name in self._names:
            words = name.split()
            if words:
                self._first[words[0]] = max(self._first.get(words[0], 0), len(words))
                self._last.add(words[-1])
        self._resolved: dict[tuple[str, bool], Place | None] = {}
        self._keys: dict[str, str] = {}
        self._starts: dict[str, bool] = {}
        self._ends: dict[str, bool] = {}

    def _may_start(self, token: str) -> bool:
        """A name may start at this word: a first word of a name, or an article ("As Suwayda")."""
        found = self._starts.get(token)
        if found is None:
            found = token.lower() in _ARTICLES or self._first.get(_first_word(token), 0) > 0
            self._starts[token] = found
        return found

    def _may_end(self, token: str) -> bool:
        """A name may end at this word (the gazetteer's normalisation works word by word, so the last
        word of a normalised run is the last word of its normalised last token)."""
        found = self._ends.get(token)
        if found is None:
            words = normalise(token).split()
            found = self._ends[token] = not words or words[-1] in self._last
        return found

    def _resolve(self, span: str, codes: bool) -> Place | None:
        """The gazetteer's place for a run of words; a run that names nothing is not looked up."""
        key = (span, codes)
        if key in self._resolved:
            return self._resolved[key]
        if len(self._resolved) > 50_000:
            self._resolved.clear()  # (a finder serves many texts: keep the memory bounded)
        norm = normalise(span)
        bare = _DESIGNATOR.sub("", _LEADING_THE.sub("", norm))
        place = None
        if codes or norm in self._names or bare in self._names:
            place = self.gazetteer.resolve(span, codes=codes)
        self._resolved[key] = place
        return place

    def mentions(
        self, text: str, folded: str, start: int, end: int, exclude: list[tuple[int, int]]
    ) -> list[PlaceMention]:
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(folded, start, end)]
        out: list[PlaceMention] = []
        i = 0
        known = self._starts  # (most words start no name: tested here, before the look-ups of _match_at)
        while i < len(tokens):
            word = folded[tokens[i][0] : tokens[i][1]]
            if not (known[word] if word in known else self._may_start(word)):
                i += 1
                continue
            found = self._match_at(folded, tokens, i, exclude)
            if found is None:
                i += 1
                continue
            j, place = found
            m_start, m_end = tokens[i][0], tokens[j - 1][1]
            partial = False
            mod = _MODIFIER.search(folded[max(start, m_start - 40) : m_start])
            if mod:
                m_start = m_start - (len(folded[max(start, m_start - 40) : m_start]) - mod.start())
                partial = True
            suffix = _SUFFIX.match(folded[m_end:end])
            if suffix and re.search(r"(?i)countryside|area|region|camp|city|town", suffix.group()):
                partial = True
            if suffix:
                m_end += suffix.end()
            possessive = bool(re.match(r"^'s?\b|^s'", folded[m_end : m_end + 3]))
            relative = bool(_RELATIVE.search(folded[max(start, m_start - 40) : m_start]))
            out.append(
                PlaceMention(m_start, m_end, place, partial, text[m_start:m_end], possessive, relative)
            )
            while i < len(tokens) and tokens[i][0] < m_end:
                i += 1
        return out

    def _match_at(
        self, folded: str, tokens: list[tuple[int, int]], i: int, exclude: list[tuple[int, int]]
    ) -> tuple[int, Place] | None:
        first_raw = folded[tokens[i][0] : tokens[i][1]]
        key = self._keys.get(first_raw)
        if key is None:
            key = self._keys[first_raw] = _first_word(first_raw)
        if (
            first_raw.lower() in _ARTICLES
            and i + 1 < len(tokens)
            and (first_raw[0].isupper() or folded[tokens[i][1] : tokens[i][1] + 1] == "-")
        ):  # "As Suwayda", "al-Bab", not "such as Afrin"
            key = _first_word(folded[tokens[i + 1][0] : tokens[i + 1][1]])
        longest = self._first.get(key, 0)
        if not longest:
            return None
        if any(not (tokens[i][1] <= a or tokens[i][0] >= b) for a, b in exclude):
            return None
        upper = min(len(tokens), i + longest + 1)
        # a run never crosses a comma or a full stop: found once, not searched for in every run
        brk = _SPAN_BREAK.search(folded, tokens[i][0], tokens[upper - 1][1])
        stop = brk.start() if brk is not None else len(folded)
        for j in range(upper, i, -1):
            if tokens[j - 1][1] > stop:
                continue
            last = folded[tokens[j - 1][0] : tokens[j - 1][1]]
            if not self._may_end(last) and not (j == i + 1 and _CODE.fullmatch(last)):
                continue  # (the run names nothing, and is no P-code)
            span = folded[tokens[i][0] : tokens[j - 1][1]]
            place = self._resolve(span, bool(_CODE.fullmatch(span)))
            if place is None:
                continue
            if j - i == 1 or (j - i == 2 and first_raw.lower() in ("al", "el")):
                word = folded[tokens[j - 1][0] : tokens[j - 1][1]]
                if normalise(word) in _STOP or not (span[0].isupper() or span.startswith("SY")):
                    continue
                if span.isupper() and len(span) <= 3 and span not in ("SYR", "NWS"):
                    continue
            return j, place
        return None

    def groups(self, folded: str, mentions: list[PlaceMention]) -> list[AreaGroup]:
        groups: list[list[PlaceMention]] = []
        for m in mentions:
            if groups and _JOIN.match(folded[groups[-1][-1].end : m.start]) and not groups[-1][-1].possessive:
                groups[-1].append(m)
            else:
                groups.append([m])
        out = []
        for g in groups:
            before = folded[max(0, g[0].start - 30) : g[0].start]
            out.append(AreaGroup(g[0].start, g[-1].end, tuple(g), bool(_LOCATIVE.search(before))))
        return out
