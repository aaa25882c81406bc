"""A loaded data set <-> plain JSON values, so that a warm start skips YAML entirely.

Claims are stored a block per metric and region, a column per field; dates and areas,
which repeat a great deal, are stored once in tables and referred to by index. No
pickle: a cache file is data, never code. `decode` trusts nothing unless told
the payload is one `encode_checked` made (its seal says so: hfig.cache.store):
anything not of the expected shape, or that the loader would refuse, raises
`CacheInvalid`, and the caller rebuilds.
"""

# No `from __future__ import annotations`: msgspec reads the payload's TypedDicts below when it
# builds the decoder, and annotations kept as text would be compiled and evaluated on every start.

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypedDict, cast

import msgspec
import msgspec.json
from msgspec import Meta

from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.limits import (
    MAX_ID_CHARS,
    MAX_NAME_CHARS,
    MAX_NUMBER,
    MAX_TEXT_CHARS,
    text_problem,
)
from hfig.core.model import (
    Area,
    AreaPrecision,
    Claim,
    Claimant,
    ClaimantKind,
    Family,
    Metric,
    MetricKind,
    Problem,
    Severity,
    SourceRef,
)
from hfig.core.qualifiers import VAGUE_LEXICON, Qualifier
from hfig.load.layout import ID_PATTERN, INFERABLE
from hfig.load.paths import DataFile
from hfig.load.vocabulary import LoadResult

CLAIM_FIELDS = (
    "id", "metric", "value", "qualifier", "claimant", "area", "as_of", "period", "value_max", "unit",
    "household_size", "publisher", "url", "published", "origin", "quote", "notes", "credibility",
    "disputed", "inferred", "source", "household_size_max",
)
"""The Claim fields this codec knows. If the model grows, nothing is cached until this grows too."""


class CacheInvalid(Exception):
    """The cached value is not what this version of hfig writes."""


def can_encode() -> bool:
    return Claim.__struct_fields__ == CLAIM_FIELDS


def encode(result: LoadResult, all_files: Sequence[DataFile]) -> dict[str, Any]:
    """`all_files` are the reference files then the user's, as loaded."""
    files = {f.shown: i for i, f in enumerate(all_files)}
    # Areas keyed by id(): the loader shares one object per distinct area, and hashing Structs
    # a million times is what would cost here. Dates by their text, which says all of a date:
    # each is stored, and parsed back, once.
    dates: dict[str, tuple[int, FuzzyDate]] = {}
    area_ids: dict[int, tuple[int, Area]] = {}

    def date(d: FuzzyDate | None) -> int:
        if d is None:
            return -1
        found = dates.get(d.text)
        if found is None:
            if parse_fuzzy_date(d.text) != d:
                raise CacheInvalid(f"date {d.text!r} does not read back as itself")
            found = dates[d.text] = (len(dates), d)
        elif found[1] is not d and found[1] != d:  # the stored one is this text's own reading
            raise CacheInvalid(f"date {d.text!r} does not read back as itself")
        return found[0]

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
        "dates": [d.text for _, d in dates.values()],
        "claim_areas": [[a.name, list(a.pcodes), a.precision.value] for _, a in area_ids.values()],
        "count": len(cs),
        "claims": claims,
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


# The payload's shape, as msgspec checks it while it parses (in C, no pass of our own): the type
# of every value, the loader's limits on numbers (0..MAX_NUMBER, finite), positions (from 1),
# grades (1-6) and the length of texts. What a type cannot say (printable texts, ids, references
# between tables, vague words) is checked in `_check`. The claims are a block per metric, each
# kept as its JSON text (`msgspec.Raw`) until a question needs that metric (hfig.cache.lazy).
Id = Annotated[str, Meta(max_length=MAX_ID_CHARS)]
Name = Annotated[str, Meta(max_length=MAX_NAME_CHARS)]
Text = Annotated[str, Meta(max_length=MAX_TEXT_CHARS)]
Number = Annotated[int, Meta(ge=0, le=MAX_NUMBER)] | Annotated[float, Meta(ge=0, le=MAX_NUMBER)]
Position = Annotated[int, Meta(ge=1)]
Grade = Annotated[int, Meta(ge=1, le=6)]
Level = Annotated[int, Meta(ge=0, le=5)]  # an admin level
Where = tuple[Text, int, int]


class _Claims(TypedDict):
    """The claims of one metric, a column per field (`encode`), with each claim's place in load
    order (`position`) and its period's fields; each text column's limit is `max_chars`'s
    (tests/test_cache.py checks that these agree with the model and the limits)."""

    position: list[Annotated[int, Meta(ge=0)]]
    id: list[Id]
    value: list[Number | str]
    qualifier: list[str]
    claimant: list[str]
    area: list[int]
    as_of: list[int]
    start: list[int]
    end: list[int]
    cumulative: list[bool]
    as_written: list[Text | None]
    value_max: list[Number | None]
    unit: list[Name | None]
    household_size: list[Number | None]
    household_size_max: list[Number | None]
    publisher: list[Name | None]
    url: list[Text | None]
    published: list[int]
    origin: list[Name | None]
    quote: list[Text | None]
    notes: list[Text | None]
    credibility: list[Grade | None]
    disputed: list[bool]
    inferred: list[list[tuple[str, Text]] | None]
    file: list[int]
    line: list[Position]
    col: list[Position]


class _GazetteerState(TypedDict):
    """`Gazetteer.state()`: its places, and its names, explicit names and admin1 countries."""

    places: list[tuple[Name, Text, list[Name], str, Level | None, Name | None]]
    names: dict[Text, list[Text]]
    explicit: dict[Text, Text]
    admin1: list[Text]


class _Payload(TypedDict):
    files: list[tuple[str, str]]
    user_files: int
    metrics: list[Any]
    claimants: list[Any]
    gazetteer: _GazetteerState
    dates: list[Name]
    claim_areas: list[tuple[Name, list[Name], str]]
    count: Annotated[int, Meta(ge=0)]
    claims: list[tuple[Id, list[int], msgspec.Raw]]  # (metric, its areas, its block: `_Claims` as JSON)
    problems: list[tuple[Text, Text, Where | None, str, Where | None]]


def encode_checked(result: LoadResult, all_files: Sequence[DataFile]) -> bytes:
    """The payload's JSON, made only if `decode` with every check gives it back: what is sealed
    and written is what the loader would have accepted, so a reader of a sealed entry checks
    nothing again (docs/decisions.md, "The eighth session"). CacheInvalid if it does not."""
    from hfig.cache.store import dumps

    try:
        data = dumps(encode(result, all_files))
    except TypeError as exc:  # a text JSON cannot hold (a lone surrogate)
        raise CacheInvalid(str(exc)) from None
    _decoded(data, checked=False)
    return data


def decode(data: bytes, *, checked: bool = False) -> LoadResult:
    """The data set a payload (JSON, as `encode` made it) holds, or CacheInvalid.

    Every value is checked against the loader's rules unless the payload is `checked` already:
    read from an entry whose seal shows `encode_checked` made it (hfig.cache.store).
    """
    return _decoded(data, checked=checked)


def _decoded(data: bytes, *, checked: bool) -> LoadResult:
    try:
        payload = _decoder().decode(data)
        if not checked:
            _check(payload)
        return _decode(payload)
    except msgspec.ValidationError as exc:  # the wrong type, or out of the loader's limits
        raise CacheInvalid(f"unexpected cache content ({exc})") from None
    except CacheInvalid:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, DateSyntaxError, OverflowError,
            RecursionError) as exc:
        raise CacheInvalid(f"unexpected cache content ({type(exc).__name__})") from None


@functools.cache
def _decoder() -> msgspec.json.Decoder[_Payload]:
    return msgspec.json.Decoder(_Payload)


@functools.cache
def block_decoder() -> msgspec.json.Decoder[_Claims]:
    return msgspec.json.Decoder(_Claims)


def _text(value: Any, limit: int = MAX_TEXT_CHARS) -> str:
    """Text as the loader would have accepted it (hfig.core.limits), or CacheInvalid."""
    if type(value) is not str or text_problem(value, limit) is not None:
        raise CacheInvalid("expected text")
    return value


def _opt_text(value: Any, limit: int = MAX_TEXT_CHARS) -> str | None:
    return None if value is None else _text(value, limit)


_COLUMNS = ("position", *(f for f in CLAIM_FIELDS if f not in ("source", "metric", "period")),
            "start", "end", "cumulative", "as_written", "file", "line", "col")


def _printable(column: Iterable[str | None]) -> None:
    """Every text of a column the decoder typed (so its lengths are checked) passes the loader's
    other rule for text: no control characters. Asked of the column joined, in C: a text holds
    one if and only if the joined column does (tab and newline, which texts may hold, make the
    join's `isprintable` false, and `text_problem` then searches it for the others)."""
    joined = "".join(filter(None, column))
    if text_problem(joined, len(joined)) is not None:
        raise CacheInvalid("a text the loader would refuse")


def _values(c: _Claims) -> None:
    """Each value fits its qualifier as the loader demands (hfig.load.schema._value); the decoder
    has checked that every number is one the loader reads."""
    vague = [q == "vague" for q in c["qualifier"]]
    if vague != [type(v) is str for v in c["value"]]:
        raise CacheInvalid("a vague word without the vague qualifier, or the reverse")
    if not {v for v, is_vague in zip(c["value"], vague, strict=True) if is_vague} <= VAGUE_LEXICON.keys():
        raise CacheInvalid("a vague word not in the lexicon")
    between = [q == "between" for q in c["qualifier"]]
    if between != [m is not None for m in c["value_max"]]:
        raise CacheInvalid("value_max without the between qualifier, or the reverse")
    # where `between`, the value is a number (not vague) and value_max one too (checked above)
    if any(v > m for v, m, b in zip(c["value"], c["value_max"], between, strict=True)  # type: ignore[operator]
           if b):
        raise CacheInvalid("value_max below value")


_IDS = re.compile(f"(?:{ID_PATTERN.pattern})(?:\n(?:{ID_PATTERN.pattern}))*")
"""Ids one a line, each as `ID_PATTERN` (which allows no line break) demands."""


def _ids_valid(ids: list[str]) -> bool:
    """Would the loader accept every id (their lengths checked by the decoder)? One match over the
    column joined by line breaks, in C (a match per id took about 0.1 s at 100,000 claims); the
    count of breaks shows that no id held one of its own."""
    if not ids:
        return True
    joined = "\n".join(ids)
    return joined.count("\n") == len(ids) - 1 and _IDS.fullmatch(joined) is not None


def _check(p: _Payload) -> None:
    """Every value of a decoded payload as the loader would have accepted it, or CacheInvalid.

    The decoder has checked each value's type and limits; these are the loader's other rules
    (printable texts, ids, references between tables, vague words). Run when an entry is made
    (`encode_checked`) and on any payload not known to be one made so.
    """
    for path, shown in p["files"]:
        _text(path), _text(shown)
    if not 0 <= p["user_files"] <= len(p["files"]):
        raise CacheInvalid("bad file count")
    for name, _family, unit, _kind, description, parent, _civilian, units in p["metrics"]:
        _text(name, MAX_ID_CHARS), _text(unit, MAX_NAME_CHARS), _text(description)
        _opt_text(parent, MAX_NAME_CHARS)
        for u in units:
            _text(u, MAX_NAME_CHARS)
    for cid, name, _kind, aliases, reliability, basis, part_of in p["claimants"]:
        _text(cid, MAX_ID_CHARS), _text(name, MAX_NAME_CHARS), _opt_text(reliability, MAX_NAME_CHARS)
        _opt_text(basis), _opt_text(part_of, MAX_ID_CHARS)
        for a in aliases:
            _text(a, MAX_NAME_CHARS)
    _check_gazetteer(p["gazetteer"])
    texts = p["dates"]
    _printable(texts)
    areas = p["claim_areas"]
    _printable([name for name, _, _ in areas])
    _printable([code for _, pcodes, _ in areas for code in pcodes])
    if not {m for m, _, _ in p["claims"]} <= {row[0] for row in p["metrics"]}:
        raise CacheInvalid("a block of claims of an unknown metric")
    positions: set[int] = set()
    for _, areas_of, raw in p["claims"]:
        block = block_decoder().decode(raw)
        _check_claims(block, p, len(texts))
        if sorted(set(block["area"])) != areas_of:
            raise CacheInvalid("a block whose areas are not those its claims name")
        positions.update(block["position"])
        if len(positions) > p["count"]:
            break
    if positions != set(range(p["count"])):
        raise CacheInvalid("claims missing, or two in one place")
    rows = p["problems"]
    places = [at for row in rows for at in (row[2], row[4]) if at is not None]
    _printable([*(row[0] for row in rows), *(row[1] for row in rows), *(at[0] for at in places)])


def _check_gazetteer(state: _GazetteerState) -> None:
    places = state["places"]
    _printable(row[0] for row in places)
    _printable(row[1] for row in places)
    _printable(c for row in places for c in row[2])
    _printable(row[5] for row in places)
    names, explicit, admin1 = state["names"], state["explicit"], state["admin1"]
    _printable([*names, *explicit, *admin1, *explicit.values()])
    _printable(key for keys in names.values() for key in keys)


def _check_claims(c: _Claims, p: _Payload, n_dates: int) -> None:
    n = len(c["id"])
    if any(len(column) != n for column in cast("dict[str, list[Any]]", c).values()):
        raise CacheInvalid("claim columns of different lengths")
    if not _ids_valid(c["id"]):
        raise CacheInvalid("an id the loader would refuse")
    for column in (c["unit"], c["publisher"], c["url"], c["origin"], c["quote"], c["notes"], c["as_written"]):
        _printable(column)
    if not set(c["claimant"]) <= {row[0] for row in p["claimants"]}:
        raise CacheInvalid("a claim names a claimant the cache does not define")
    if not set(c["qualifier"]) <= {q.value for q in Qualifier}:
        raise CacheInvalid("an unknown qualifier")
    _values(c)
    columns_of = cast("dict[str, list[Any]]", c)  # a TypedDict is a dict of these lists
    # (low, end): where each index column may point; -1 is "no date" (the decoded table's None
    # at its end), and so is n_dates for `published` (that None's own index).
    for name, low, end in (("area", 0, len(p["claim_areas"])), ("file", 0, len(p["files"])),
                           ("as_of", 0, n_dates), ("start", -1, n_dates), ("end", -1, n_dates),
                           ("published", -1, n_dates + 1)):
        index = columns_of[name]
        if index and not (low <= min(index) and max(index) < end):
            raise CacheInvalid(f"a {name} index out of range")
    inferred = [x for x in c["inferred"] if x is not None]
    if not {k for row in inferred for k, _ in row} <= INFERABLE:
        raise CacheInvalid("an inferred field that is not a claim field")
    _printable([v for row in inferred for _, v in row])


def _gazetteer(state: _GazetteerState) -> Gazetteer:
    """The stored loaded layer of the gazetteer."""
    from hfig.load.world import WorldIndex

    precisions = {x.value: x for x in AreaPrecision}
    places = [Place(key, name, tuple(pcodes), precisions[precision], level, parent)
              for key, name, pcodes, precision, level, parent in state["places"]]
    return Gazetteer.restored(places, state["names"], state["explicit"], state["admin1"], WorldIndex())


def _decode(p: _Payload) -> LoadResult:
    """The data set of a payload whose values are checked (`_check`)."""
    from hfig.cache.lazy import ClaimColumns, LazyDataSet
    from hfig.cache.refs import LazyRefs

    files = [DataFile(Path(path), shown) for path, shown in p["files"]]
    metrics = {name: Metric(name, Family(family), unit, MetricKind(kind), description, parent, bool(civilian),
                            tuple(units))
               for name, family, unit, kind, description, parent, civilian, units in p["metrics"]}
    claimants = {cid: Claimant(cid, name, ClaimantKind(kind), tuple(aliases), reliability, basis, part_of)
                 for cid, name, kind, aliases, reliability, basis, part_of in p["claimants"]}
    gazetteer = _gazetteer(p["gazetteer"])
    texts = p["dates"]
    parsed = {t: parse_fuzzy_date(t) for t in set(texts)}  # one parse per distinct date
    dates: list[FuzzyDate | None] = [parsed[t] for t in texts]
    dates.append(None)  # index -1
    precisions = {x.value: x for x in AreaPrecision}
    areas = [Area(name, tuple(pcodes), precisions[precision]) for name, pcodes, precision in p["claim_areas"]]
    columns = ClaimColumns(p["claims"], p["count"], dates=dates, areas=areas, files=[f.shown for f in files])
    data = LazyDataSet(metrics, claimants, gazetteer, columns)
    problems = [Problem(code, message, SourceRef(*where) if where is not None else None, Severity(severity),
                        SourceRef(*record) if record is not None else None)
                for code, message, where, severity, record in p["problems"]]
    refs = LazyRefs.of_claims(data, {f.shown: f for f in files})
    user_count = p["user_files"]
    return LoadResult(data, problems, refs, files[len(files) - user_count:])
