"""Claimants: to whom the text attributes a figure.

The registry's names and aliases are matched in the text (acronyms such as
"WHO" and "UN" only in capitals, so the pronoun "who" is not WHO). A mention
becomes an *attribution* when a reporting cue ties it to what is said: "X
said", "X estimated", "according to X", "X figures show", "(X)" after a
figure. Each figure takes the nearest attribution before it in its sentence,
else the nearest after it ("..., the UN said."). "He said", "the agency
added", "it said" take the last claimant the text mentioned; a sentence with no
attribution continues the previous sentence's speaker within a paragraph.
Someone who speaks but is not in the registry ("local medics said",
"UNICEF said") is an unknown claimant: the draft names them in a comment
and leaves the field out, rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msgspec import Struct

from hfig.core.model import Claimant
from hfig.extract.text import starting_with

SAY_VERBS = (
    r"said|says|say|reported|reports|report|estimated|estimates|estimate|stated|states|confirmed|confirms|"
    r"recorded|records|documented|documents|counted|counts|verified|verifies|tracked|tracks|"
    r"announced|announces|"
    r"warned|warns|noted|notes|added|adds|told|tells|claimed|claims|claim|asserted|asserts|"
    r"puts? (?:the|its|their) (?:[\w']+ ){0,3}?(?:toll|number|figure|tally|count)(?: of \w+)? at|"
    r"gave (?:a|an|the|its) (?:[\w']+ ){0,2}?(?:toll|figure|number|estimate|tally|count)|"
    r"registered|logged|indicated|indicates|"
    r"wrote|writes|posted|posts|tweeted|tweets|"
    r"explained|showed|shows|show|found|finds|observed|monitored|highlighted|announced|declared|insisted|"
    r"alleged|alleges|recognized|recognised|acknowledged|accused|cited|quoted|mentioned|revealed|updated|"
    r"reveals|reveal|highlights|"
    r"tallied|calculated|assessed|assesses|projected|projects|believes|believed|"
    r"reporting|saying|documenting|recording|estimating|confirming|noting|adding|warning|announcing|"
    r"released|releasing|published|publishing|issued|compiled|conducted"
)
_AUX = (
    r"(?:\s+(?:has|have|had|also|further|later|previously|earlier|now|has\s+also|had\s+also|"
    r"on\s+\w+(?:\s+\d{1,2}\b)?|in\s+a\s+statement|in\s+its\s+\w+\s+\w+|in\s+its\s+\w+|last\s+week|this\s+week|late\s+on\s+\w+|\w+ly))*"
)
REJECT = re.compile(
    starting_with(
        "bcdefilnpru",
        r"\b(?:dismiss(?:ed|es)?|reject(?:ed|s)?|den(?:ied|ies|y)|disput(?:ed|es)|refut(?:ed|es)|contest(?:ed|s)|"
        r"false|fabricat(?:ed|ion)|exaggerat(?:ed|ion)|inflated|baseless|unfounded|propaganda|disinformation|"
        r"not credible|no evidence|lie|lies|untrue|bogus)\b",
    ),
    re.IGNORECASE,
)
ANAPHORS = (
    r"he|she|it|they|the (?:un |u\.n\. )?(?-i:[a-z-]+ )?(?:agency|organi[sz]ation|group|ministry|cluster|"
    r"monitor|network|ngo|charity|centre|center|general|official|officials|spokes(?:man|woman|person)|body|"
    r"office|observatory|rescuers|rescue service|service|department|society|command|military|survey|report|"
    r"study|assessment|statement|tv|channel|broadcaster|station|mission|committee|council|union)|"
    r"its (?:report|statement|update|survey|spokes(?:man|woman|person))"
)
# An anaphor that stands for a person: the last speaker, not the last body named.
PERSON_ANAPHOR = re.compile(
    r"(?:he|she|they|the (?:[a-z-]+ )?(?:spokes(?:man|woman|person)|officials?))$", re.I
)
# Words that make a person speak for a body: "IOM director-general Antonio Vitorino", "Laura Lo Castro,
# Chadian representative of UNHCR", "Ministry spokesman Ashraf Al-Qudra".
ROLE = (
    r"spokes(?:man|woman|person)|representative|director(?:-general)?|head(?: of (?:mission|delegation|"
    r"office))?|chief(?: of mission)?|coordinator|official|researcher|president|minister|"
    r"secretary(?:-general)?|commissioner|chair(?:man|woman|person)?|manager|officer|adviser|advisor|deputy|"
    r"country director|surgeon|doctor|staff member|employee|member|founder|leader|prosecutor|governor"
)
_SPEAKER_NOUN = (
    r"(?:rescuers|rescue workers|monitors?|war monitor|activists?|sources?|officials?|medics|doctors|"
    r"witnesses|residents|journalists|groups?|media|teams?|workers|authorities|volunteers|spokes(?:man|woman|"
    r"person)|partners|agencies|organi[sz]ations|ngos|staff|observers|commanders|army|military|ministry|"
    r"forces|police|hospital|hospitals|directorates?|councils?|survivors|relatives|people|committees?|"
    r"governors?|mayors?|(?:deputy )?prosecutors?|administrations?|governorates?|"
    # a body of the state or of the aid system by its kind, and a body's statement: "the regional
    # government said", "the defense department said", "the police force said", "humanitarian actors
    # confirmed", "a defence ministry statement said"
    r"governments?|departments?|force|actors|statements?)"
)
_GENERIC_SPEAKERS = (
    rf"(?:(?:[Tt]he|[Aa]n?|[Ll]ocal|[Ss]ome|[Tt]wo|[Ss]everal|[Oo]ther)\s+)?(?:[A-Za-z][\w'.-]*\s+){{0,3}}?"
    rf"{_SPEAKER_NOUN}(?:\s+and\s+(?:[a-z][\w-]*\s+){{0,3}}?{_SPEAKER_NOUN})?"
    # "a Taliban-appointed spokesman for the Kabul police chief": whom the speaker speaks for
    r"(?:\s+(?:for|of|at|in)\s+(?:the\s+|an?\s+)?(?:[A-Za-z][\w'.-]*\s+){0,4}?[A-Za-z][\w'.-]*)?"
    # "the region's governor Oleg Kiper said": the holder's name after the role
    r"(?:\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,2})?"
)


_NOT_SPEAKERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "there",
    "its",
    "their",
    "our",
    "we",
    "i",
    "you",
    "one",
    "some",
    "most",
    "many",
    "all",
    "each",
    "both",
    "another",
    "other",
}


class Mention(Struct, frozen=True):
    claimant: str
    start: int
    end: int


class Attribution(Struct, frozen=True):
    """A reporting cue: who (a claimant id, or None when unknown) and where it is."""

    claimant: str | None
    start: int
    end: int
    speaker: str  # as written: "the UN", "local medics", "he"
    how: str  # 'named', 'anaphor', 'unknown'


# (the patterns below are compiled once: the matcher is built from some 600 names)
_ALIAS_WORDS = re.compile(r"[\s-]+")
_SPELLINGS = (
    (re.compile(r"organi[sz]ation", re.IGNORECASE), "organi[sz]ation"),
    (re.compile(r"(?i)cent(?:re|er)"), "cent(?:re|er)"),
    (re.compile(r"(?i)defen[cs]e"), "defen[cs]e"),
)
_ACRONYM_ALIAS = re.compile(r"[A-Z][A-Z0-9&.]{1,7}")


def _alias_pattern(alias: str) -> tuple[str, bool]:
    """A regex for one alias and whether it must match case-sensitively (acronyms)."""
    words = _ALIAS_WORDS.split(alias.strip())
    parts = []
    for w in words:
        p = re.escape(w)
        for spelling, pattern in _SPELLINGS:
            p = spelling.sub(pattern, p)
        parts.append(p)
    # words may be split by quotes, hyphens, or an acronym the text introduces: "Ministry of Health
    # (MoH) in Gaza"
    body = r"(?:\s*\([A-Za-z]{2,10}\))?[\s\"'\-]+".join(parts)
    acronym = bool(_ACRONYM_ALIAS.fullmatch(alias.strip()))
    return rf"(?<![\w-]){body}(?![\w-])", acronym


# (the same words as the shortest run up to a character that is not a word's, "[\w&.]+?(?=[^\w&]|$)", which
# was tried one character at a time: a third of the matcher's time on a long text)
_WORD = re.compile(r"(?<![\w-])[\w&.][\w&]*")


_NOT_KEY = re.compile(r"[^a-z0-9&.]+")


def _key(text: str) -> str:
    """One key for the spellings an alias pattern accepts."""
    key = _NOT_KEY.sub(" ", text.lower()).strip()
    return key.replace("organis", "organiz").replace("centre", "center").replace("defence", "defense")


# The second word of a short form must name a body, so "Syrian Civil War" is not Syria Civil Defence.
_BODY_WORDS = {
    "Observatory",
    "Network",
    "Center",
    "Centre",
    "Health",
    "Coordination",
    "Society",
    "Committee",
    "Council",
    "Crescent",
    "Cross",
    "Reconciliation",
    "Commission",
    "Agency",
    "Office",
}
_NAME_WORD = re.compile(r"[A-Z][a-z\u00c0-\u024f]+")


def _short_names(claimants: list[Claimant]) -> dict[str, set[str]]:
    """'Syrian Observatory' for 'Syrian Observatory for Human Rights': the first two capitalised
    words of a long name, when no other claimant's name starts the same way."""
    starts: dict[str, set[str]] = {}
    known = {a.casefold() for c in claimants for a in (c.name, *c.aliases)}
    for c in claimants:
        for name in (c.name, *c.aliases):
            words = re.sub(r"\s*\([^)]*\)", "", name).split()
            if (
                len(words) >= 3
                and all(_NAME_WORD.fullmatch(w) for w in words[:2])
                and words[1] in _BODY_WORDS
            ):
                prefix = " ".join(words[:2])
                if prefix.casefold() not in known:
                    starts.setdefault(prefix, set()).add(c.id)
    out: dict[str, set[str]] = {}
    for prefix, ids in starts.items():
        if len(ids) == 1:
            out.setdefault(next(iter(ids)), set()).add(prefix)
    return out


class ClaimantMatcher:
    """Finds registry claimants in folded text (one regex for all names, longest first)."""

    def __init__(self, claimants: Iterable[Claimant]) -> None:
        from hfig.extract.text import fold

        self._ids: dict[tuple[bool, str], str] = {}
        cased: list[str] = []
        uncased: list[str] = []
        firsts: dict[str, set[tuple[str, bool, str, int]]] = {}
        claimants = list(claimants)
        short = _short_names(claimants)
        for c in claimants:
            names = {c.name, *c.aliases}
            names.add(re.sub(r"\s*\([^)]*\)\s*", " ", c.name).strip())
            names.update(
                a for a in re.findall(r"\(([^)]+)\)", c.name) if re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,9}", a)
            )
            # "U.N.", as wire style writes an acronym
            names.update(".".join(a) + "." for a in list(names) if re.fullmatch(r"[A-Z]{2,4}", a))
            names.update("U.N. " + a[3:] for a in list(names) if a.startswith("UN "))  # "U.N. Mission in ..."
            # "UN" is "United Nations" and "the UN's" its possessive, in every alias that starts with it:
            # "the United Nations (UN) Human Rights Office", "the UN's refugee agency"
            names.update(
                f"{full} {a[3:]}"
                for a in list(names)
                if a.startswith("UN ")
                for full in ("United Nations", "UN's")
            )
            # "Acled", "Unicef": British and agency style writes a long acronym as a word (as written only,
            # and not a three-letter one: "Who" is a pronoun)
            titled = {a.capitalize() for a in names if re.fullmatch(r"[A-Z]{4,8}", a)}
            for raw in sorted(names | titled | short.get(c.id, set())):
                name = fold(raw)
                if len(name) < 2:
                    continue
                pattern, acronym = _alias_pattern(name)
                if raw in short.get(c.id, set()) or raw in titled:
                    acronym = True  # a short form matches only as written: "Syrian Observatory"
                (cased if acronym else uncased).append(pattern)
                self._ids.setdefault((acronym, name if acronym else _key(name)), c.id)
                first_word = _WORD.search(name.strip())
                first = first_word.group().lower() if first_word else name.strip().lower()
                for variant in {
                    first,
                    _key(first),
                    first.replace("center", "centre"),
                    first.replace("organiz", "organis"),
                    first.replace("defense", "defence"),
                }:
                    firsts.setdefault(variant, set()).add((pattern, acronym, _last_word(name), len(name)))
        # Index the patterns by their first word, so the text is scanned once, word by word. A pattern
        # is compiled only when its first word is met with its last word close after: a text names
        # few of the registry's bodies, and compiling all of them was most of a short text's time.
        self._by_word: dict[str, list[tuple[str, bool, str, int]]] = {
            word: sorted(patterns, key=lambda e: (-len(e[0]), e)) for word, patterns in firsts.items()
        }
        self._compiled: dict[str, re.Pattern[str]] = {}

    def _pattern(self, source: str, acronym: bool) -> re.Pattern[str]:
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = re.compile(source) if acronym else re.compile(source, re.IGNORECASE)
            self._compiled[source] = compiled
        return compiled

    def mentions(self, folded: str, start: int = 0, end: int | None = None) -> list[Mention]:
        stop = len(folded) if end is None else end
        found: list[Mention] = []
        for w in _WORD.finditer(folded, start, stop):
            entries = self._by_word.get(w.group().lower())
            if not entries:
                continue
            for source, acronym, last, length in entries:
                if last not in folded[w.start() : w.start() + length + 40].lower():
                    continue  # (its last word is not there: no need to compile it)
                m = self._pattern(source, acronym).match(folded, w.start(), stop)
                if not m:
                    continue
                named = re.sub(r"\s*\([A-Za-z]{2,10}\)", "", m.group())
                cid = self._ids.get((acronym, re.sub(r"\s+", " ", named) if acronym else _key(named)))
                if cid:
                    found.append(Mention(cid, m.start(), m.end()))
                    break
        found = [m for m in found if not _inside_longer_name(folded, m)]
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            # "Union of Medical Care and Relief Organisations (UOSSM)": one mention
            if (
                kept
                and kept[-1].claimant == mention.claimant
                and re.fullmatch(r"\s*\(\s*", folded[kept[-1].end : mention.start])
            ):
                close = folded.find(")", mention.end)
                end_at = close + 1 if close != -1 and close - mention.end < 3 else mention.end
                kept[-1] = Mention(mention.claimant, kept[-1].start, end_at)
                continue
            # "the UN Office of the High Commissioner for Human Rights", "U.N. OCHA": "UN" before a body's
            # name is part of that name, not the UN as a whole
            gap = folded[kept[-1].end : mention.start] if kept else ""
            if kept and kept[-1].claimant == "un" and re.fullmatch(r"\s+", gap):
                kept[-1] = Mention(mention.claimant, kept[-1].start, mention.end)
                continue
            kept.append(mention)
        return _with_local_acronyms(folded, kept, start, stop)


def _last_word(name: str) -> str:
    """A prefix of an alias's last word that every spelling the pattern accepts contains
    ("organi" for Organisation and Organization, "cent" for Centre and Center)."""
    words = [w for w in re.split(r"[\s\-\"']+", name.strip()) if w]
    return words[-1].lower()[:4] if words else ""


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")
_ACRONYM_INSIDE = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


def _with_local_acronyms(folded: str, kept: list[Mention], start: int, stop: int) -> list[Mention]:
    """An acronym the text introduces for a body ("the Ministry of Health (MoH) in Gaza") names it
    for the rest of the text: "according to MoH"."""
    local: dict[str, str] = {}
    for m in kept:
        for found in (_ACRONYM_INSIDE.search(folded, m.start, m.end), _ACRONYM_AFTER.match(folded, m.end)):
            if found is not None:
                local.setdefault(found.group(1), m.claimant)
    if not local:
        return kept
    extra = []
    for acronym, cid in local.items():
        for hit in re.finditer(rf"(?<![\w(-]){re.escape(acronym)}(?![\w)-])", folded[start:stop]):
            a, b = start + hit.start(), start + hit.end()
            if not any(m.start <= a < m.end for m in kept):
                extra.append(Mention(cid, a, b))
    return sorted([*kept, *extra], key=lambda m: m.start)


# Words that may stand right before a body's name without making it part of a longer name.
_NOT_A_NAME_PART = {
    "meanwhile",
    "yesterday",
    "today",
    "separately",
    "earlier",
    "later",
    "however",
    "now",
    "still",
    "last",
    "so",
    "if",
    "when",
    "where",
    "this",
    "these",
    "those",
    "the",
    "a",
    "an",
    "according",
    "by",
    "from",
    "for",
    "of",
    "to",
    "with",
    "and",
    "said",
    "says",
    "told",
    "un",
    "u.n.",
    "while",
    "but",
    "as",
    "in",
    "on",
    "at",
    "that",
    "which",
    "after",
    "before",
    "since",
    "citing",
    "per",
    "via",
    "both",
    "its",
    "their",
    "our",
    "former",
    "ex",
    "then",
    "also",
}


def _inside_longer_name(folded: str, m: Mention) -> bool:
    """'Kachin Human Rights Watch' is not Human Rights Watch: a capitalised word right before a name
    (not an acronym) makes it part of another body's name."""
    before = re.search(r"(?:^|[^\w'.-])([\w'.-]+) $", folded[max(0, m.start - 40) : m.start])
    if before is None:
        return False
    word = before.group(1)
    if not word[:1].isupper() or word.lower() in _NOT_A_NAME_PART or word.endswith(("'s", "s'")):
        return False
    if re.search(r"-[a-z]+$", word):
        return False  # "the Hamas-run Palestinian Health Ministry": an adjective, not a name's first word
    return not re.fullmatch(r"[A-Z0-9&.]{2,8}", folded[m.start : m.end])  # (an acronym: "BBC Burmese")


_SAY = re.compile(
    # (also after the closing bracket of an acronym: "the UN Integrated Office in Haiti (BINUH) said", and
    # a possessive of a name ending in s: "the United Nations' peacekeeping mission said")
    rf"^\)?(?:'s|s'|')?(?:,\s+(?:a|an|the|which|its|citing|quoting)\s[^,;.]{{1,80}},)?(?:\s+[A-Za-z][\w-]*){{0,5}}?,?"
    rf"{_AUX}\s+(?:{SAY_VERBS})\b(?!\s+(?:the\s+)?lives\b)",  # "that claimed the lives of 252": no one spoke
    re.IGNORECASE,
)
# "the UN refugee agency said": an agency the registry's generic "UN" must not stand for
_NAMED_BODY = re.compile(
    r"^(?:\s+[a-z'-]+){1,3}?\s+(?:agency|office|body|fund|programme|program|commission|"
    r"mission|rapporteur|panel|commissioner|commission)\b",
    re.IGNORECASE,
)
_FIGURES_OF = re.compile(
    r"^(?:'s|s')?\s+(?:figures|data|estimates?|reports?|statistics|count|tally|update|"
    r"records|monitoring|documentation|numbers)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    # ("according to the recent report of X", "according to its latest monthly figures from X")
    r"(?:according to(?:\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:figures|data|estimates|numbers|"
    r"reports?|statistics|update|count|tally|toll)\s+(?:\w+\s+)?(?:by|from|of))?|said|says|reported by|"
    r"recorded by|documented by|verified by|collected by|compiled by|gathered by|published by|released by|"
    r"confirmed by|estimated by|figures from|data from|citing|cited by|per|sources? at|"
    r"estimates? (?:by|from)|reports? (?:by|from)|counted by|tracked by|"
    r"(?:said|says|told|according to)\s+(?:an?|the|one)\s+(?:[\w-]+\s+){0,2}?(?:spokes(?:man|woman|person)|"
    r"official|source|representative|director|coordinator|head)s?\s+(?:for|of|at|with|from)|"
    r"according to\s+(?:(?:an?|the|one|local|some|two|several)\s+)?(?:[\w-]+\s+){0,3}?(?:and|as well as)"
    r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"^\s*\)")
# "6.2 million IDPs in Syria - UN, March 2019": a source line's dash and trailing date
_DASH_BEFORE = re.compile(r"\s[-\u2013\u2014]\s*$")
_HEADLINE_MARK_BEFORE = re.compile(r"\w:\s*$")
_CREDIT = re.compile(r"\b(?:photo|credit|image|picture|video|copyright|file)\b|\u00a9", re.IGNORECASE)
_DATE_TAIL = re.compile(r"^\s*(?:,\s*[\w ]{0,20}\d{4})?\s*[.)]?\s*$")
# (a family name may start with a particle: "Ashraf al-Qudra")
_PERSON_NAME = (
    r"(?:(?:[A-Z][\w'.-]+|de|da|di|du|del|della|van|von|bin|ibn|al|el|la|le)\s+){0,4}"
    r"(?:(?:al|el|ad|ar|as|abu|bin|ibn)-)?[A-Z][\w'.-]+"
)
# The words any reporting cue starts with (a set look-up per sentence, before the patterns that need one).
_SAY_WORDS = frozenset(
    w
    for alternative in SAY_VERBS.split("|")
    for w in [re.sub(r"[^a-z].*$", "", alternative)]
    if w and w not in ("the", "their", "its", "an", "number", "figure", "tally")
) | {"put", "puts", "gave"}
_WORDS = re.compile(r"[a-z]+")
# ("according to the Ministry of Public Health": a body's proper name, not a word standing for one named
# before)
_ANAPHOR_ACCORDING = re.compile(
    rf"(?i:according to)\s+((?i:{ANAPHORS}))\b(?!\s+(?:of|for)\s+(?:the\s+)?[A-Z])"
    # ("according to the official figures": an adjective before the document, not a word for a person)
    r"(?!\s+(?i:figures|data|toll|count|statistics|tally|estimates?|numbers|sources?|records?|reports?)\b)"
)
# "Ministry spokesman Ashraf Al-Qudra said", "ministry spokesman ... told": a person speaking for a body
# named before by its kind
_BODY_KINDS = (
    "ministry", "agency", "organi", "office", "network", "observatory", "committee", "council", "mission",
    "group", "society", "army", "military", "service", "union",
)
_ROLE_SAY = re.compile(
    rf"\b((?:[A-Z][\w'-]*\s+){{0,2}}(?i:Ministry|Agency|Organi[sz]ation|Office|Network|Observatory|Committee|"
    rf"Council|Mission|Group|Society|Army|Military|Service|Union)\s+(?i:{ROLE})\s+{_PERSON_NAME})"
    rf"{_AUX}\s+(?i:{SAY_VERBS})\b"
)
_ANAPHOR_SAY = re.compile(
    rf"(?=[hist])(?<![\w-])({ANAPHORS})(?:\s+\w+ly)?{_AUX}\s+(?:{SAY_VERBS})\b",  # (he, she, it, the, its)
    re.IGNORECASE,
)
# A speaker starts a sentence or follows one of a few characters (a test of the one character before
# each position first: the assertions after it cost more, and fail at most positions)
_SPEAKER_MAY_START = r"(?:^|(?<=[,;(\"'tde]))"  # (after "that", "and", "while")
_UNKNOWN_SAY = re.compile(
    # (also after a quotation's closing mark: '... injured," Bogner said')
    rf"{_SPEAKER_MAY_START}(?:(?<=[,;(])|(?<=[,;]\")|(?<=[,;]')|(?<=^)|(?<=\bthat\b)|(?<=\band\b)|(?<=\bwhile\b))\s*(?:the\s+)?"
    rf"((?:{_GENERIC_SPEAKERS})|"
    r"(?:[A-Z][\w'.-]+(?:\s+(?:(?:of|for)\s+the|of|for|and|the|de|des)?\s*[A-Z][\w'.-]+){0,5}))"
    rf"{_AUX}\s+(?:{SAY_VERBS})\b"
    # (a noun, not a verb: "Khartoum and North Darfur states were the most affected"; a passive, not a
    # speaker: "260 people reported killed")
    r"(?!\s+(?:were|are|killed|dead|missing|injured|wounded)\b)"
)
_UNKNOWN_ACCORDING = re.compile(
    # ("according to an updated toll from Governor X": the document, then who gave it)
    r"(?i:according to(?:\s+(?:the|an?|its)\s+(?:[\w-]+\s+){0,2}?(?:figures|data|estimates?|numbers|reports?|"
    r"statistics|update|count|tally|toll)\s+(?:from|by|of))?|figures from|data from|citing|reported by)\s+"
    r"(?:the\s+)?((?:[A-Z][\w'.-]+|local|"
    r"opposition|medical|activists|residents|officials?|sources|witnesses|rescuers|doctors|medics|government|"
    r"authorities|health|security|military|police|state|hospital|rescue|media|villagers|human|tribal|"
    r"elders|relatives|survivors|aid|humanitarian|camp|community|village)"
    r"(?:\s+(?:[A-Za-z][\w'.-]*)){0,16}?)(?:\s*\([^)]{1,20}\))?(?=[,.;:)]|\s+(?:said|on|in|which|who|that|as)\b|$)"
)
# "Initial reports indicate that ...", "Preliminary figures show ...": a document that names no body is
# no claimant (the labelling guide's claimant is an organisation); the figure is the report's own
_DOCUMENT_ONLY = re.compile(
    r"(?i:initial|preliminary|early|first|latest|recent|new|further|available)\s+"
    r"(?:reports?|figures|data|estimates?|information|findings|assessments?)"
)
# "hundreds of casualties have been alleged": someone else's claim, not the report's
_ALLEGED = re.compile(
    r"\b(?:(?:has|have|had) been alleged|there are allegations|allegedly|unconfirmed reports|"
    # an impersonal report names no one: "it was reported that 30 civilians ...", "there have been
    # claims that as many as 2,000 ..."
    r"[Ii]t (?:is|was|has been|had been) (?:reported|claimed|alleged|said)|"
    r"[Tt]here (?:have been|were|are|had been) (?:claims|reports|allegations)(?= that)|"
    r"(?:[Mm]edia|[Uu]nconfirmed|[Ll]ocal) reports (?:said|say|suggest(?:ed)?|indicate(?:d)?))\b"
)
# a joint statement speaks for its signatories: "We, the undersigned humanitarian organisations, ..."
_WE_THE_UNDERSIGNED = re.compile(r"\b[Ww]e,\s+(the\s+undersigned(?:\s+[\w-]+){0,4}),")
# A person named after the verb: "said Marwan Taher, MSF head of mission", "said Clementine de Montjoye,
# senior Africa researcher at Human Rights Watch"
_SAID_PERSON = re.compile(
    rf"\b(?:said|says|told|added|noted|warned|explained)\s+({_PERSON_NAME}),\s+"
    rf"(?=(?:[\w'.-]+\s+){{0,6}}?(?:{ROLE})\b)"
)
# Before the verb, with an apposition: "Zin, a 44-year-old resident who witnessed the bombings, said"
_APPOSED_SAY = re.compile(
    rf"{_SPEAKER_MAY_START}(?:(?<=[,;(])|(?<=^)|(?<=\bthat\b)|(?<=\band\b))\s*({_PERSON_NAME}),\s+"
    rf"(?:an?|the|who|one|its|their)\s[^,;]{{1,90}},{_AUX}\s+(?:{SAY_VERBS})\b"
)
# A headline that ends with its source: "..., killing seven: sources", "Kills 30+, Reports Say"
_HEADLINE_SOURCE = re.compile(
    r"(?:,|:|\s-)\s+((?:[\w'.-]+\s+){0,3}?(?i:sources?|officials?|reports?|activists|medics|monitors?|media|"
    r"witnesses|residents|rescuers))(?:\s+(?i:say|says|said))?\s*$"
)
_UNKNOWN_PAREN = re.compile(r"\(\s*(?:source:\s*)?([A-Z][A-Za-z&.-]{1,12}(?:\s+[A-Z][\w&.-]*){0,3})\s*\)\s*$")


def attributions(folded: str, start: int, end: int, mentions: list[Mention]) -> list[Attribution]:
    """Reporting cues in one sentence, in order."""
    out: list[Attribution] = []
    covered: list[tuple[int, int]] = []
    for m in mentions:
        if not (start <= m.start < end):
            continue
        after = folded[m.end : end]
        before = folded[start : m.start]
        say = _SAY.match(after)
        body = _NAMED_BODY.match(after) if m.claimant == "un" else None
        if say and body and body.end() <= say.end():
            # "the UN refugee agency said": a named agency the registry does not hold
            speaker = folded[m.start : m.end + body.end()]
            out.append(Attribution(None, m.start, m.end + say.end(), speaker, "unknown"))
            covered.append((m.start, m.end + say.end()))
        elif say:
            out.append(Attribution(m.claimant, m.start, m.end + say.end(), folded[m.start : m.end], "named"))
            covered.append((m.start, m.end + say.end()))
        elif (acc := _ACCORDING.search(before)) is not None:  # (searched once: it reads the sentence so far)
            if body:
                speaker = folded[start + acc.start() : m.end + body.end()]
                speaker = re.sub(r"^(?i:according to|said|says|told)\s+", "", speaker)
                out.append(Attribution(None, start + acc.start(), m.end + body.end(), speaker, "unknown"))
            else:
                out.append(
                    Attribution(m.claimant, start + acc.start(), m.end, folded[m.start : m.end], "named")
                )
            covered.append((start + acc.start(), m.end))
        elif (
            (
                re.search(r"\(\s*(?:source|sources|data|figures)\s*:\s*$", before, re.IGNORECASE)
                and _PAREN.match(after)
            )
            or _FIGURES_OF.match(after)
            or (_DASH_BEFORE.search(before) and _DATE_TAIL.match(after))
            # a headline that ends with its source: "Over 400 killed in three months: UN"
            or (_HEADLINE_MARK_BEFORE.search(before) and not after.strip() and not _CREDIT.search(before))
            or (
                re.search(r"\(\s*$", before)
                and _PAREN.match(after)
                and not re.search(r"[A-Za-z]\s*\(\s*$", before)
            )
            or (re.search(r"\(\s*$", before) and _PAREN.match(after) and after.strip(") .;") == "")
        ):
            out.append(Attribution(m.claimant, m.start, m.end, folded[m.start : m.end], "named"))
            covered.append((m.start, m.end))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in covered) and all(
            b <= mm.start or a >= mm.end for mm in mentions
        )

    segment = folded[start:end]
    lowered = segment.lower()
    says = not _SAY_WORDS.isdisjoint(_WORDS.findall(lowered))
    according = any(c in lowered for c in ("according", "citing", "figures from", "data from", "reported by"))
    # (each pattern needs its cue words: a sentence with no reporting verb skips most of them)
    body_kind = says and any(kind in lowered for kind in _BODY_KINDS)  # ("Ministry spokesman ... said")
    for pattern in (_ROLE_SAY, _ANAPHOR_SAY, _ANAPHOR_ACCORDING):
        if (
            (pattern is _ANAPHOR_ACCORDING and not according)
            or (pattern is _ANAPHOR_SAY and not says)
            or (pattern is _ROLE_SAY and not body_kind)
        ):
            continue
        for hit in pattern.finditer(folded, start, end):
            if free(hit.start(1), hit.end(1)):
                out.append(Attribution(None, hit.start(), hit.end(), hit.group(1), "anaphor"))
                covered.append((hit.start(), hit.end()))
    for hit in _UNKNOWN_SAY.finditer(segment) if says else ():
        a, b = start + hit.start(1), start + hit.end()
        speaker = hit.group(1)
        if re.fullmatch(rf"(?:{ANAPHORS})", speaker, re.IGNORECASE) or not free(a, a + len(speaker)):
            continue
        if speaker.split()[0].lower() in (
            "in",
            "on",
            "since",
            "between",
            "during",
            "over",
            "after",
            "before",
        ):
            continue
        if speaker.lower() in _NOT_SPEAKERS or _DOCUMENT_ONLY.match(segment, hit.start(1)):
            continue
        out.append(Attribution(None, a, b, speaker, "unknown"))
        covered.append((a, b))
    for hit in _UNKNOWN_ACCORDING.finditer(segment) if according else ():
        a, b = start + hit.start(), start + hit.end()
        if free(start + hit.start(1), b):
            out.append(Attribution(None, a, b, hit.group(1).rstrip("."), "unknown"))
            covered.append((a, b))
    unnamed = any(w in lowered for w in ("alleg", "unconfirmed", "reported", "claim", "reports", " said"))
    for hit in _ALLEGED.finditer(segment) if unnamed else ():
        a, b = start + hit.start(), start + hit.end()
        if free(a, b):
            out.append(Attribution(None, a, b, "allegations", "unknown"))
            covered.append((a, b))
    for hit in _WE_THE_UNDERSIGNED.finditer(segment) if "undersigned" in lowered else ():
        a, b = start + hit.start(), start + hit.end()
        if free(a, b):
            out.append(Attribution(None, a, b, hit.group(1), "unknown"))
            covered.append((a, b))
    for pattern in (_SAID_PERSON, _APPOSED_SAY) if says and "," in segment else ():
        for hit in pattern.finditer(segment):
            a, b = start + hit.start(1), start + hit.end(1)
            if free(a, b) and hit.group(1).split()[0].lower() not in _NOT_SPEAKERS:
                out.append(Attribution(None, start + hit.start(), start + hit.end(), hit.group(1), "unknown"))
                covered.append((start + hit.start(), start + hit.end()))
    pm = _UNKNOWN_PAREN.search(segment.rstrip(" .;")) if ")" in segment else None
    if pm and free(start + pm.start(1), start + pm.end(1)) and not _expands(segment, pm.start(), pm.group(1)):
        out.append(Attribution(None, start + pm.start(), start + pm.end(), pm.group(1), "unknown"))
    if not re.search(r"[.!?]\W*$", segment):
        hs = _HEADLINE_SOURCE.search(segment)
        if hs and free(start + hs.start(1), start + hs.end(1)):
            out.append(Attribution(None, start + hs.start(), start + hs.end(), hs.group(1), "unknown"))
    out = [_by_role(folded, a, mentions, start, end) for a in out]
    out.sort(key=lambda a: a.start)
    return out


def _expands(segment: str, paren: int, acronym: str) -> bool:
    """'internally displaced persons (IDPs)': the bracket spells out the words before it, not a source."""
    letters = [c for c in acronym.lower() if c.isalpha()]
    words = re.findall(r"[A-Za-z][A-Za-z']*", segment[max(0, paren - 80) : paren])[-8:]
    initials = "".join(w[0].lower() for w in words)
    it = iter(initials)
    return len(letters) >= 2 and all(c in it for c in letters[: len(letters) - (letters[-1] == "s")])


_ROLE_BEFORE = re.compile(rf"(?:'s)?\s+(?:[\w'-]+\s+){{0,3}}?(?:{ROLE})\s+$", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    rf"^,?\s+(?:[\w'.-]+\s+){{0,5}}?(?:(?:{ROLE})\s+(?:of|at|for|with|from|in)\s+(?:the\s+)?|"
    rf"(?=[^,;]{{0,30}}\b(?:{ROLE})\b))",
    re.IGNORECASE,
)


_ROLE_AFTER_NAME = re.compile(rf"(?:'s)?\s+(?:[\w'-]+\s+){{0,2}}?(?:{ROLE})\b", re.IGNORECASE)


def _by_role(folded: str, a: Attribution, mentions: list[Mention], start: int, end: int) -> Attribution:
    """An unknown speaker who speaks for a registry body, by role: "IOM director-general Antonio Vitorino",
    "Laura Lo Castro, Chadian representative of UNHCR", "said Marwan Taher, MSF head of mission"."""
    if a.claimant is not None or a.how != "unknown":
        return a
    name_at = folded.find(a.speaker, a.start, a.end + 1)
    if name_at == -1:
        return a
    name_end = name_at + len(a.speaker)
    for m in mentions:
        if not start <= m.start < end:
            continue
        if m.end <= name_at and _ROLE_BEFORE.fullmatch(folded, m.end, name_at):
            return Attribution(m.claimant, a.start, a.end, a.speaker, "named")
        if m.start >= name_end and m.start - name_end < 90:
            gap = folded[name_end : m.start]
            if re.search(r"[;.]|\b(?:said|told|says)\b", gap):
                continue
            if _ROLE_AFTER.match(gap) or (
                re.fullmatch(r",?\s+(?:the\s+)?", gap) and _ROLE_AFTER_NAME.match(folded, m.end)
            ):
                return Attribution(m.claimant, a.start, a.end, a.speaker, "named")
    return a


def pick(attribs: list[Attribution], pos: int) -> Attribution | None:
    """The attribution a figure at `pos` belongs to: nearest before it, else nearest after."""
    before = [a for a in attribs if a.start <= pos]
    if before:
        return before[-1]
    after = [a for a in attribs if a.start > pos]
    return after[0] if after else None


def rejected(folded: str, start: int, end: int) -> bool:
    """The sentence quotes a figure to reject it: 'a claim opposition groups dismissed as fabricated'."""
    return bool(REJECT.search(folded, start, end))
