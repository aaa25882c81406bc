"""Places: countries, P-codes and ISO 3166-2 codes, their names in any common spelling, and named areas.

Keys nest by prefix: a country's ISO alpha-2 code is the COD admin0 P-code and
contains its P-codes (SY > SY07 > SY0703 > SY070301), and an ISO 3166-2 code
of a country without a bundled P-code table (YE-SA) is inside its country
too. Containment and overlap are string tests. No key is a prefix of another
country's: every key starts with its own country's two letters, and ISO
alpha-3 codes are names to look up, never keys.

A name resolves within one country first: the higher admin level wins there
("Idleb" the governorate over "Idleb" the district), and names shared by units
of the same level are ambiguous (Suran, Aleppo and Suran, Hama). Across
countries a name is ambiguous unless one candidate is a country, or the
countries the data set is about (`countries`) hold only one of them.

The gazetteer has two layers: the admin units, aliases and named areas loaded
with the data (Syria's and the bundled COD tables, the user's `areas:`), and a
`WorldLayer` of every country and ISO 3166-2 subdivision, read lazily from a
pre-built index (hfig.load.world).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

from msgspec import Struct

from hfig.core.model import AreaPrecision

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_PUNCT = re.compile(r"['’‘`ʼʿʾ\-_.,/()\[\]]+")
_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(al|el|as|ad|ar|an|ash|at|az)\s+")
# Words reports put around a unit's name: "Khartoum State", "Kharkiv Oblast", "the Gaza Strip".
_DESIGNATOR = re.compile(
    r"\s+(?:state|province|oblast|region|governorate|prefecture|county|district|division)$")
_LEADING_THE = re.compile(r"^the\s+")


def normalise(name: str) -> str:
    """The key two spellings of one name share: case, accents, hyphens, 'al-' ignored."""
    if name.isascii():  # most names: skip the Unicode work (it is a third of start-up)
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = _ARABIC_MARKS.sub("", text).translate(_ALEFS).casefold()
    text = _PUNCT.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return _ARTICLE.sub("", text)


_DESIGNATORS = re.compile(
    r"\b(?:oblast|state|province|region|governorate|republic|city|district|division|union territory)\b")


def stem(name: str) -> str:
    """A name without the words that say what kind of unit it is: to match two tables' names."""
    return " ".join(_DESIGNATORS.sub(" ", normalise(name)).split())


def overlaps(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def within(pcode: str, region: Iterable[str]) -> bool:
    return any(pcode.startswith(r) for r in region)


def nested_pcodes(pcodes: Iterable[str]) -> list[tuple[str, str]]:
    """(inner, outer) for each code inside another of the same area (prefix containment: SY07 is in
    SY, UA6312 in UA63), the outermost named; in code order. Sorted, a code's containers precede it."""
    out: list[tuple[str, str]] = []
    open_: list[str] = []  # the chain of codes containing the current one
    for code in sorted(set(pcodes)):
        while open_ and not code.startswith(open_[-1]):
            open_.pop()
        if open_:
            out.append((code, open_[0]))
        open_.append(code)
    return out


def nested_message(pcodes: Iterable[str], nested: list[tuple[str, str]]) -> str:
    """Why an area with a unit inside another of its units is refused, and what to write instead:
    the whole (the codes inside no other), or the parts (the area without the units that hold one)."""
    codes = set(pcodes)
    inner = {i for i, _ in nested}
    whole = sorted(codes - inner)
    rest = codes - {o for _, o in nested}
    parts = sorted(c for c in rest if not any(c != o and c.startswith(o) for o in rest))
    pairs = "; ".join(f"{i} is inside {o}" for i, o in nested)
    return (f"the P-codes overlap: {pairs}. An area of a place and a part of it is ambiguous (the whole, "
            "or the part counted twice?); it is taken as a scope of its own, compared with no claim about "
            f"the whole or the part: write pcodes: [{', '.join(whole)}] for the whole, or "
            f"[{', '.join(parts)}] for the part{'s' if len(parts) > 1 else ''} alone")


def country_of(key: str) -> str:
    """The country (ISO alpha-2) a P-code or ISO 3166-2 code belongs to."""
    return key[:2]


class Place(Struct, frozen=True):
    """Something a name can resolve to: a country, an admin unit or a named area."""

    key: str
    name: str
    pcodes: tuple[str, ...]
    precision: AreaPrecision
    level: int | None = None  # 0 for countries, 1-5 for admin units, None for named areas
    parent: str | None = None

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(country_of(p) for p in self.pcodes)

    def describe(self) -> str:
        """'Suran (SY050302, SY)' for a candidate list."""
        where = ", ".join(sorted(self.countries))
        return f"{self.name} ({self.key}, {where})" if self.key != where else f"{self.name} ({self.key})"


class AdminUnit(Struct, frozen=True):
    pcode: str
    name: str
    parent: str | None
    level: int
    names: tuple[str, ...] = ()  # other names: other languages and scripts


class WorldLayer(Protocol):
    """Countries and ISO 3166-2 subdivisions, looked up without being loaded whole."""

    def keys(self, norm: str) -> tuple[str, ...]: ...

    def code(self, code: str) -> str | None: ...

    def place(self, key: str) -> Place | None: ...

    def names(self) -> dict[str, str]: ...


class _NoWorld:
    def keys(self, norm: str) -> tuple[str, ...]:
        return ()

    def code(self, code: str) -> str | None:
        return None

    def place(self, key: str) -> Place | None:
        return None

    def names(self) -> dict[str, str]:
        return {}


class Gazetteer:
    """Resolves any known spelling, alias or code to a `Place`."""

    def __init__(self, units: Iterable[AdminUnit], world: WorldLayer | None = None) -> None:
        self.places: dict[str, Place] = {}  # the loaded layer (the world layer is looked up lazily)
        self.world: WorldLayer = world or _NoWorld()
        self._names: dict[str, set[str]] = {}
        self._explicit: dict[str, str] = {}  # aliases and named areas: a name given on purpose
        self._admin1_countries: set[str] = set()
        for unit in units:
            self.add_unit(unit)

    def state(self) -> tuple[list[Place], dict[str, list[str]], dict[str, str], list[str]]:
        """The loaded layer as plain values, for `restored` (the cache keeps it: rebuilding costs
        more than the rest of a small warm load)."""
        names = {norm: sorted(keys) for norm, keys in self._names.items()}
        return list(self.places.values()), names, dict(self._explicit), sorted(self._admin1_countries)

    @classmethod
    def restored(cls, places: Iterable[Place], names: dict[str, list[str]], explicit: dict[str, str],
                 admin1_countries: Iterable[str], world: WorldLayer | None = None) -> Gazetteer:
        """The gazetteer whose `state()` these are."""
        gazetteer = cls((), world)
        gazetteer.places = {p.key: p for p in places}
        gazetteer._names = {norm: set(keys) for norm, keys in names.items()}
        gazetteer._explicit = explicit
        gazetteer._admin1_countries = set(admin1_countries)
        return gazetteer

    def add_unit(self, unit: AdminUnit) -> None:
        place = Place(unit.pcode, unit.name, (unit.pcode,), AreaPrecision.EXACT, unit.level, unit.parent)
        self.places[unit.pcode] = place
        if unit.level == 1:
            # A country whose admin1 units are loaded: its ISO 3166-2 units step aside, or the
            # same ground would have two keys that never overlap.
            self._admin1_countries.add(country_of(unit.pcode))
        for name in (unit.pcode, unit.name, *unit.names):
            self._index(name, unit.pcode)

    def _index(self, name: str, key: str) -> None:
        norm = normalise(name)
        if norm:
            self._names.setdefault(norm, set()).add(key)

    def add_aliases(self, pcode: str, aliases: Iterable[str]) -> None:
        for alias in aliases:
            self._explicit[normalise(alias)] = pcode  # an explicit alias beats any other name

    def add_area(
        self,
        key: str,
        name: str,
        pcodes: Iterable[str],
        precision: AreaPrecision,
        aliases: Iterable[str] = (),
    ) -> None:
        self.places[key] = Place(key, name, tuple(sorted(set(pcodes))), precision)
        for alias in (name, *aliases):
            self._explicit[normalise(alias)] = key

    # --- looking places up ---------------------------------------------------------

    def place(self, key: str) -> Place | None:
        """The place with this key, in either layer."""
        found = self.places.get(key)
        if found is None and self._world_key_visible(key):
            found = self.world.place(key)
        return found

    def knows_pcode(self, pcode: str) -> bool:
        place = self.place(pcode)
        return place is not None and place.level is not None

    def _world_key_visible(self, key: str) -> bool:
        if "-" not in key or country_of(key) not in self._admin1_countries:
            return True
        place = self.world.place(key)  # an ISO 3166-2 named area over P-codes stays
        return place is not None and place.level is None

    def candidates(self, name: str, codes: bool = True) -> list[Place]:
        """Every place a name may mean (before context and ranking decide), by key.

        `codes`: also read the text as a code (SY07, UA, UKR, YE-SA) when no name matches;
        off for words found in running text ("In" is not India).
        """
        norm = normalise(name)
        found = self._candidates(norm)
        if not found:
            bare = _DESIGNATOR.sub("", _LEADING_THE.sub("", norm))
            if bare != norm:
                found = self._candidates(bare)
        if not found and "," in name:
            found = self._qualified(name)
        if not found and codes:
            found = self._code(name)
        return found

    def _candidates(self, norm: str) -> list[Place]:
        explicit = self._explicit.get(norm)
        if explicit is not None:
            place = self.place(explicit)
            return [place] if place else []
        keys = set(self._names.get(norm, ()))
        keys.update(k for k in self.world.keys(norm) if self._world_key_visible(k))
        return [p for p in map(self.place, sorted(keys)) if p is not None]

    def _qualified(self, name: str) -> list[Place]:
        """'Suran, Hama': the places named Suran inside the place named Hama."""
        head, _, tail = name.rpartition(",")
        container = self.resolve(tail)
        if container is None:
            return []
        return [p for p in self.candidates(head)
                if p.pcodes and all(within(c, container.pcodes) for c in p.pcodes)]

    def _code(self, text: str) -> list[Place]:
        code = text.strip().upper()
        key = code if self.place(code) is not None else self.world.code(code)
        place = self.place(key) if key else None
        return [place] if place is not None else []

    def resolve(self, name: str, countries: Iterable[str] = (), codes: bool = True) -> Place | None:
        """The one place a name means, within `countries` first; None if unknown or ambiguous."""
        chosen = decide(self.candidates(name, codes), frozenset(countries))
        return chosen[0] if len(chosen) == 1 else None

    def ambiguity(self, name: str, countries: Iterable[str] = ()) -> list[Place]:
        """The places an ambiguous name may mean (empty if it is unknown or means one place)."""
        chosen = decide(self.candidates(name), frozenset(countries))
        return chosen if len(chosen) > 1 else []

    def settled_country(self, name: str) -> frozenset[str] | None:
        """The countries of the place a name means, if no context could change which place it is."""
        found = self.candidates(name)
        if not found or len({p.countries for p in found}) != 1:
            return None
        chosen = decide(found, frozenset())
        return chosen[0].countries if len(chosen) == 1 else None

    def suggest(self, name: str, countries: frozenset[str] = frozenset(), n: int = 3) -> list[str]:
        """Known places whose names are closest to a misspelling, for 'did you mean', shown as
        the place is named ('Aleppo (SY02)'), not in the normalised form matched. A place in
        `countries` (where the data already is) ranks as if a little closer (0.1 of similarity),
        so that 'Hamaa' in Syrian data offers Hamra before Iran's Hamadan, while 'Kharkivv' still
        offers Kharkiv and not a Syrian name that is merely nearest among Syria's."""
        names = self.names()
        word = normalise(name)
        scored: dict[str, float] = {}
        for match in difflib.get_close_matches(word, list(names), n=4 * n, cutoff=0.6):
            place = self.place(names[match])
            if place is None:
                continue
            near = 0.1 if place.countries & countries else 0.0
            score = difflib.SequenceMatcher(None, word, match).ratio() + near
            text = f"{place.name} ({place.key})" if place.level is not None else place.name
            scored[text] = max(score, scored.get(text, 0.0))  # two spellings of one place: one offer
        # Offers well behind the best one are noise beside it ('Ibb' after 'Idleb' for 'Idlibb').
        kept = [text for text in scored if scored[text] >= max(scored.values()) - 0.15]
        return sorted(kept, key=lambda text: (-scored[text], text))[:n]

    def names(self) -> dict[str, str]:
        """Every normalised name and a place key it resolves to (both layers)."""
        out = {n: k for n, k in self.world.names().items() if self._world_key_visible(k)}
        out.update((n, min(keys)) for n, keys in self._names.items())
        out.update(self._explicit)
        return out

    def countries_known(self) -> list[str]:
        """Countries whose P-codes are loaded (the others are known by ISO 3166-2 only)."""
        return sorted({country_of(p.key) for p in self.places.values() if p.level})

    def label(self, pcodes: Iterable[str]) -> str:
        """'Idleb (SY07) + Hama (SY05)' for a scope."""
        parts = []
        for code in sorted(pcodes):
            place = self.place(code)
            parts.append(f"{place.name} ({code})" if place else code)
        return " + ".join(parts)


def decide(found: list[Place], countries: frozenset[str]) -> list[Place]:
    """The places a name means: one, or the candidates that are equally good.

    Within `countries` first (when any candidate is there); within each country
    the highest admin level; across countries, a country itself beats a
    subdivision of another country that shares its name (Georgia, Luxembourg).
    """
    if countries:
        inside = [p for p in found if p.countries & countries]
        found = inside or found
    best: dict[frozenset[str], list[Place]] = {}
    for place in found:
        group = best.setdefault(place.countries, [])
        if not group or _rank(place) < _rank(group[0]):
            best[place.countries] = [place]
        elif _rank(place) == _rank(group[0]):
            group.append(place)
    chosen = [p for group in best.values() for p in group]
    nations = [p for p in chosen if p.level == 0]
    if len(chosen) > 1 and len(nations) == 1:
        return nations
    return sorted(chosen, key=lambda p: p.key)


def _rank(place: Place) -> int:
    return 0 if place.level is None else place.level
