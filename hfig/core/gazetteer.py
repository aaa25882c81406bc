"""Places: OCHA P-codes, their names in any common spelling, and named areas.

P-codes nest by prefix (SY07 > SY0703 > SY070301), so containment and overlap
are string tests. A named area such as "NW Syria" is a set of P-codes with a
precision saying how loosely the name fits them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from hfig.core.model import AreaPrecision

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_PUNCT = re.compile(r"['’‘`ʼʿʾ\-_.,/()]+")
_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(al|el|as|ad|ar|an|ash|at|az)\s+")


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


def overlaps(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def within(pcode: str, region: Iterable[str]) -> bool:
    return any(pcode.startswith(r) for r in region)


@dataclass(frozen=True)
class Place:
    """Something a name can resolve to: an admin unit or a named area."""

    key: str
    name: str
    pcodes: tuple[str, ...]
    precision: AreaPrecision
    level: int | None = None  # 1-3 for admin units, None for named areas
    parent: str | None = None


@dataclass(frozen=True)
class AdminUnit:
    pcode: str
    name_en: str
    name_ar: str
    parent: str | None


class Gazetteer:
    """Resolves any known spelling, alias or P-code to a `Place`."""

    def __init__(self, units: Iterable[AdminUnit]) -> None:
        self.places: dict[str, Place] = {}
        self._names: dict[str, str] = {}
        self._ambiguous: dict[str, set[str]] = {}
        for unit in units:
            level = (len(unit.pcode) - 2) // 2
            place = Place(unit.pcode, unit.name_en, (unit.pcode,), AreaPrecision.EXACT, level, unit.parent)
            self.places[unit.pcode] = place
            for name in (unit.pcode, unit.name_en, unit.name_ar, _without_centre(unit.name_ar)):
                self._index(name, unit.pcode)

    def _index(self, name: str, key: str) -> None:
        norm = normalise(name)
        if not norm:
            return
        current = self._names.get(norm)
        if current is None or current == key:
            self._names[norm] = key
            return
        # Higher admin levels win ("Idleb" the governorate over "Idleb" the district);
        # names shared by units of the same level are ambiguous.
        if self._rank(key) < self._rank(current):
            self._names[norm] = key
        elif self._rank(key) == self._rank(current):
            self._ambiguous.setdefault(norm, {current}).add(key)

    def _rank(self, key: str) -> int:
        level = self.places[key].level
        return 0 if level is None else level

    def add_aliases(self, pcode: str, aliases: Iterable[str]) -> None:
        for alias in aliases:
            norm = normalise(alias)
            self._names[norm] = pcode  # an explicit alias beats a name from the CSVs
            self._ambiguous.pop(norm, None)

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
            self._names[normalise(alias)] = key

    def knows_pcode(self, pcode: str) -> bool:
        return pcode in self.places and self.places[pcode].level is not None

    def resolve(self, name: str) -> Place | None:
        norm = normalise(name)
        key = self._names.get(norm)
        if key is None and norm.upper() in self.places:
            key = norm.upper()
        if key is None or norm in self._ambiguous:
            return None
        return self.places[key]

    def ambiguity(self, name: str) -> list[Place]:
        return [self.places[k] for k in sorted(self._ambiguous.get(normalise(name), ()))]

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Known names closest to a misspelling, for 'did you mean'."""
        matches = difflib.get_close_matches(normalise(name), list(self._names), n=n, cutoff=0.6)
        return [self._display(m) for m in matches]

    def _display(self, norm: str) -> str:
        place = self.places[self._names[norm]]
        return f"{norm} ({place.key})" if place.level is not None else norm

    def names(self) -> dict[str, str]:
        """Every normalised name and the place key it resolves to."""
        return dict(self._names)

    def label(self, pcodes: Iterable[str]) -> str:
        """'Idleb (SY07) + Hama (SY05)' for a scope."""
        parts = []
        for code in sorted(pcodes):
            place = self.places.get(code)
            parts.append(f"{place.name} ({code})" if place else code)
        return " + ".join(parts)


def _without_centre(name_ar: str) -> str:
    """Arabic names of centre sub-districts carry 'مركز' ('centre')."""
    return name_ar.removeprefix("مركز").strip()
