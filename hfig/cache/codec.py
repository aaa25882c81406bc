"""A loaded data set <-> the JSON payload of a cache entry (hfig.cache.store seals and writes it).

Claims are stored a block per metric and region (the admin1 units of their
area), a column per field; dates and areas, which repeat a great deal, are
stored once each and referred to by index. A block stays JSON text until a
question needs it (hfig.cache.lazy). No pickle: a cache file is data, never
code.

A payload is checked once, when it is made: `encode_checked` reads it back and
compares what it gives with the data set the loader gave, so a sealed entry
holds exactly what the loader accepted, and a reader checks nothing but the
seal (docs/decisions.md, "The cache package simplified").
"""

# No `from __future__ import annotations`: msgspec reads the payload's TypedDict below when it
# builds the decoder, and annotations kept as text would be compiled and evaluated on every start.

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

import msgspec
import msgspec.json

from hfig.cache.lazy import LazyDataSet
from hfig.core.dataset import DataSet
from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.model import (
    Area,
    AreaPrecision,
    Claimant,
    ClaimantKind,
    Family,
    Metric,
    MetricKind,
    Problem,
    Severity,
    SourceRef,
)
from hfig.load.paths import DataFile
from hfig.load.vocabulary import LoadResult


class CacheInvalid(Exception):
    """The payload is not one this version of hfig reads back as the data set it was made from."""


def encode(result: LoadResult, all_files: Sequence[DataFile]) -> dict[str, Any]:
    """`all_files` are the reference files then the user's, as loaded."""
    files = {f.shown: i for i, f in enumerate(all_files)}
    # Dates by their text, which says all of a date: each is stored, and parsed back, once. Areas
    # by id(): the loader shares one object per distinct area, and hashing Structs a million
    # times is what would cost here (the area is kept beside its index, so its id stays its own).
    dates: dict[str, int] = {}
    area_ids: dict[int, tuple[int, Area]] = {}

    def date(d: FuzzyDate | None) -> int:
        return -1 if d is None else dates.setdefault(d.text, len(dates))

    def area(a: Area) -> int:
        found = area_ids.get(id(a))
        if found is None:
            found = area_ids[id(a)] = (len(area_ids), a)
        return found[0]

    cs = result.data.claims
    if any(c.source is None or c.source.file not in files for c in cs):
        raise CacheInvalid("a claim without a known source file")
    # One block per metric and region (the admin1 units an area lies in), each in load order:
    # a question about one metric or one region decodes its own blocks, not every claim.
    regions: dict[int, str] = {}
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(cs):
        region = regions.get(id(c.area))
        if region is None:
            region = regions[id(c.area)] = "+".join(sorted({p[:4] for p in c.area.pcodes}))
        blocks.setdefault((c.metric, region), []).append(i)

    def block(positions: list[int]) -> dict[str, list[Any]]:
        chosen = [cs[i] for i in positions]
        periods = [c.period for c in chosen]
        sources = [c.source for c in chosen]
        return {  # one list per field: far fewer JSON objects to parse than one row per claim
            "position": positions,
            "id": [c.id for c in chosen],
            "value": [c.value for c in chosen],
            "qualifier": [c.qualifier.value for c in chosen],
            "claimant": [c.claimant for c in chosen],
            "area": [area(c.area) for c in chosen],
            "as_of": [date(c.as_of) for c in chosen],
            "start": [date(p.start) for p in periods],
            "end": [date(p.end) for p in periods],
            "cumulative": [p.cumulative for p in periods],
            "as_written": [p.as_written for p in periods],
            "value_max": [c.value_max for c in chosen],
            "unit": [c.unit for c in chosen],
            "household_size": [c.household_size for c in chosen],
            "household_size_max": [c.household_size_max for c in chosen],
            "publisher": [c.publisher for c in chosen],
            "url": [c.url for c in chosen],
            "published": [date(c.published) for c in chosen],
            "origin": [c.origin for c in chosen],
            "quote": [c.quote for c in chosen],
            "notes": [c.notes for c in chosen],
            "credibility": [c.credibility for c in chosen],
            "disputed": [c.disputed for c in chosen],
            "inferred": [[list(x) for x in c.inferred] if c.inferred else None for c in chosen],
            "file": [files[r.file] for r in sources if r is not None],
            "line": [r.line for r in sources if r is not None],
            "col": [r.col for r in sources if r is not None],
        }

    claims = []
    for (metric, _), positions in blocks.items():
        columns = block(positions)
        claims.append([metric, sorted(set(columns["area"])), columns])
    return {
        "files": [[str(f.path), f.shown] for f in all_files],
        "user_files": len(result.files),
        "metrics": [[m.name, m.family.value, m.unit, m.kind.value, m.description, m.parent, m.civilian,
                     list(m.units)]
                    for m in result.data.metrics.values()],
        "claimants": [[c.id, c.name, c.kind.value, list(c.aliases), c.reliability, c.reliability_basis,
                       c.part_of]
                      for c in result.data.claimants.values()],
        "gazetteer": _gazetteer_state(result.data.gazetteer),
        "dates": list(dates),
        "claim_areas": [[a.name, list(a.pcodes), a.precision.value] for _, a in area_ids.values()],
        "count": len(cs),
        "claims": claims,
        # What an echo takes from the record it relays, for the records some claim relays: a question
        # whose echoes relay records it did not select reads these, not every block (hfig.cache.lazy).
        # In a list of one: msgspec 0.23 reads a TypedDict's field as `Raw` only inside a container.
        "relayed": [[[r.id, r.claimant, r.credibility, r.origin] for r in result.data.relayed().values()]],
        "problems": [[p.code, p.message, _ref(p.where) if p.where else None, p.severity.value,
                      _ref(p.record) if p.record else None]
                     for p in result.problems],
    }


def _gazetteer_state(gazetteer: Gazetteer) -> dict[str, Any]:
    places, names, explicit, admin1 = gazetteer.state()
    return {"places": [[p.key, p.name, list(p.pcodes), p.precision.value, p.level, p.parent] for p in places],
            "names": names, "explicit": explicit, "admin1": admin1}


def _ref(ref: SourceRef) -> list[Any]:
    return [ref.file, ref.line, ref.col]


_UNEXPECTED = (KeyError, IndexError, TypeError, ValueError, AttributeError, DateSyntaxError, OverflowError,
               RecursionError)
"""What reading a payload of the wrong shape raises (msgspec's DecodeError is a ValueError)."""


def encode_checked(result: LoadResult, all_files: Sequence[DataFile]) -> bytes:
    """The payload's JSON, made only if it reads back as `result` (`check`); CacheInvalid if not."""
    from hfig.cache.store import dumps

    try:
        data = dumps(encode(result, all_files))
    except TypeError as exc:  # a text JSON cannot hold (a lone surrogate)
        raise CacheInvalid(str(exc)) from None
    check(data, result)
    return data


def check(data: bytes, result: LoadResult) -> None:
    """CacheInvalid unless the payload `data` reads back as `result`, the data set the loader gave.

    The same files, vocabulary, registry, gazetteer, problems, countries and relayed records, and
    claim for claim the same claims, each in its place in load order, each block naming exactly
    the areas of its claims (a question about a region picks blocks by them). Whatever the codec
    got wrong, the entry is then not written: a sealed entry gives a reader the loader's own data set.
    """
    old, claims, positions = result.data, result.data.claims, []
    try:
        back = _decode(_decoder().decode(data))
        data_set = back.data
        if not isinstance(data_set, LazyDataSet) or (  # (vocabulary and registry in their order)
                back.files, back.problems, [*data_set.metrics.items()], [*data_set.claimants.items()],
                data_set.gazetteer.state(), data_set.countries(), _facts(data_set)) != (
                result.files, result.problems, [*old.metrics.items()], [*old.claimants.items()],
                old.gazetteer.state(), old.countries(), _facts(old)):
            raise CacheInvalid("the entry does not read back as the data set it was made from")
        for areas_of, block, built in data_set.blocks():
            if sorted(set(block["area"])) != areas_of or built != [claims[p] for p in block["position"]]:
                raise CacheInvalid("a block does not read back as its claims")
            positions += block["position"]
    except _UNEXPECTED as exc:
        raise CacheInvalid(f"the entry does not read back ({type(exc).__name__})") from None
    if sorted(positions) != list(range(len(claims))) or data_set.count != len(claims):
        raise CacheInvalid("claims missing, or two in one place")


def _facts(data: DataSet) -> list[tuple[str, str, int | None, str | None]]:
    """A data set's relayed records (`DataSet.relayed`) as comparable tuples, in order."""
    return sorted((r.id, r.claimant, r.credibility, r.origin) for r in data.relayed().values())


class _Payload(TypedDict):
    """The payload as `encode` makes it. Only the blocks of claims are typed: each stays JSON text
    (`msgspec.Raw`) until a question needs it (hfig.cache.lazy). Parsing the tables with their
    types too took 1-2 ms less at 100,000 claims, no less on the bundled data: not worth declaring
    them twice."""

    files: list[Any]
    user_files: int
    metrics: list[Any]
    claimants: list[Any]
    gazetteer: dict[str, Any]
    dates: list[str]
    claim_areas: list[Any]
    count: int
    claims: list[tuple[str, list[int], msgspec.Raw]]  # (metric, its areas, its columns)
    relayed: tuple[msgspec.Raw]  # ([[id, claimant, credibility, origin], ...],)
    problems: list[Any]


@functools.cache
def _decoder() -> msgspec.json.Decoder[_Payload]:
    return msgspec.json.Decoder(_Payload)


def decode(data: bytes) -> LoadResult | None:
    """The data set of a payload `encode_checked` made (its seal says so: hfig.cache.store), its
    claims built when a question asks for them; None if the payload is not of that shape."""
    try:
        return _decode(_decoder().decode(data))
    except _UNEXPECTED:
        return None


def _decode(p: _Payload) -> LoadResult:
    from hfig.cache.refs import LazyRefs
    from hfig.load.world import WorldIndex

    files = [DataFile(Path(path), shown) for path, shown in p["files"]]
    metrics = {name: Metric(name, Family(family), unit, MetricKind(kind), description, parent, bool(civilian),
                            tuple(units))
               for name, family, unit, kind, description, parent, civilian, units in p["metrics"]}
    claimants = {cid: Claimant(cid, name, ClaimantKind(kind), tuple(aliases), reliability, basis, part_of)
                 for cid, name, kind, aliases, reliability, basis, part_of in p["claimants"]}
    precisions = {x.value: x for x in AreaPrecision}
    state = p["gazetteer"]
    places = [Place(key, name, tuple(pcodes), precisions[precision], level, parent)
              for key, name, pcodes, precision, level, parent in state["places"]]
    gazetteer = Gazetteer.restored(places, state["names"], state["explicit"], state["admin1"], WorldIndex())
    texts = p["dates"]
    parsed = {t: parse_fuzzy_date(t) for t in set(texts)}  # one parse per distinct date
    dates: list[FuzzyDate | None] = [parsed[t] for t in texts]
    dates.append(None)  # index -1
    areas = [Area(name, tuple(pcodes), precisions[precision]) for name, pcodes, precision in p["claim_areas"]]
    data = LazyDataSet(metrics, claimants, gazetteer, p["claims"], p["count"], dates=dates, areas=areas,
                       files=[f.shown for f in files], relayed=p["relayed"][0])
    problems = [Problem(code, message, SourceRef(*where) if where is not None else None, Severity(severity),
                        SourceRef(*record) if record is not None else None)
                for code, message, where, severity, record in p["problems"]]
    refs = LazyRefs.of_claims(data, {f.shown: f for f in files})
    return LoadResult(data, problems, refs, files[len(files) - p["user_files"]:])
