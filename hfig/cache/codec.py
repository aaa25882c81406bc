"""A loaded data set <-> plain JSON values, so that a warm start skips YAML entirely.

Claims are stored as rows of plain values; dates, areas and periods, which
repeat a great deal, are stored once in tables and referred to by index. No
pickle: a cache file is data, never code. `decode` trusts nothing: anything
not of the expected shape raises `CacheInvalid`, and the caller rebuilds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.limits import MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NUMBER, MAX_TEXT_CHARS, max_chars, text_problem
from hfig.core.model import (
    Area,
    AreaPrecision,
    Claim,
    Claimant,
    ClaimantKind,
    Family,
    Metric,
    MetricKind,
    Period,
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
    # Areas and periods keyed by id(): the loader shares one object per distinct area and
    # period, and hashing Structs a million times is what would cost here. Dates by their
    # text, which says all of a date: each is stored, and parsed back, once.
    dates: dict[str, tuple[int, FuzzyDate]] = {}
    area_ids: dict[int, tuple[int, Area]] = {}
    period_ids: dict[int, tuple[int, Period]] = {}

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

    def period(p: Period) -> int:
        found = period_ids.get(id(p))
        if found is None:
            found = period_ids[id(p)] = (len(period_ids), p)
        return found[0]

    cs = result.data.claims
    if any(c.source is None or c.source.file not in files for c in cs):
        raise CacheInvalid("a claim without a known source file")
    sources = [c.source for c in cs]
    claims = {  # one list per field: far fewer JSON objects to parse than one row per claim
        "id": [c.id for c in cs],
        "metric": [c.metric for c in cs],
        "value": [c.value for c in cs],
        "qualifier": [c.qualifier.value for c in cs],
        "claimant": [c.claimant for c in cs],
        "area": [area(c.area) for c in cs],
        "as_of": [date(c.as_of) for c in cs],
        "period": [period(c.period) for c in cs],
        "value_max": [c.value_max for c in cs],
        "unit": [c.unit for c in cs],
        "household_size": [c.household_size for c in cs],
        "household_size_max": [c.household_size_max for c in cs],
        "publisher": [c.publisher for c in cs],
        "url": [c.url for c in cs],
        "published": [date(c.published) for c in cs],
        "origin": [c.origin for c in cs],
        "quote": [c.quote for c in cs],
        "notes": [c.notes for c in cs],
        "credibility": [c.credibility for c in cs],
        "disputed": [c.disputed for c in cs],
        "inferred": [[list(x) for x in c.inferred] if c.inferred else None for c in cs],
        "file": [files[r.file] for r in sources if r is not None],
        "line": [r.line for r in sources if r is not None],
        "col": [r.col for r in sources if r is not None],
    }
    periods = [[date(p.start), date(p.end), p.cumulative, p.as_written] for _, p in period_ids.values()]
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
        "periods": periods,
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


def decode(payload: Any) -> LoadResult:
    try:
        return _decode(payload)
    except CacheInvalid:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, DateSyntaxError, OverflowError,
            RecursionError) as exc:
        raise CacheInvalid(f"unexpected cache content ({type(exc).__name__})") from None


def _text(value: Any, limit: int = MAX_TEXT_CHARS) -> str:
    """Text as the loader would have accepted it (hfig.core.limits), or CacheInvalid."""
    if type(value) is not str or text_problem(value, limit) is not None:
        raise CacheInvalid("expected text")
    return value


def _opt_text(value: Any, limit: int = MAX_TEXT_CHARS) -> str | None:
    return None if value is None else _text(value, limit)


_COLUMNS = (*(f for f in CLAIM_FIELDS if f != "source"), "file", "line", "col")


def _all(column: list[Any], *types: type) -> None:
    if not set(map(type, column)) <= set(types):
        raise CacheInvalid(f"expected {' or '.join(t.__name__ for t in types)}")


def _texts(column: list[Any], limit: int, optional: bool = True) -> None:
    """Every text of a column (None allowed if `optional`) passes the loader's rules for text."""
    if optional:
        _all(column, str, type(None))
        texts = [t for t in column if t is not None]
    else:
        _all(column, str)
        texts = column
    if not texts:
        return
    # In C, on the whole column: nearly every text is short and printable.
    if max(map(len, texts)) <= limit and "".join(texts).isprintable():
        return
    if any(text_problem(t, limit) for t in texts):
        raise CacheInvalid("a text the loader would refuse")


def _numbers(column: list[Any]) -> None:
    """Every number of a column (None allowed) is one the loader reads: finite, 0..MAX_NUMBER."""
    numbers = [v for v in column if v is not None]
    if not numbers:
        return
    if not all(map(math.isfinite, (v for v in numbers if type(v) is float))):
        raise CacheInvalid("a number that is not finite")
    if min(numbers) < 0 or max(numbers) > MAX_NUMBER:
        raise CacheInvalid("a number out of range")


def _values(c: dict[str, list[Any]]) -> None:
    """Each value fits its qualifier as the loader demands (hfig.load.schema._value)."""
    vague = [q == "vague" for q in c["qualifier"]]
    if vague != [type(v) is str for v in c["value"]]:
        raise CacheInvalid("a vague word without the vague qualifier, or the reverse")
    if not {v for v, is_vague in zip(c["value"], vague, strict=True) if is_vague} <= VAGUE_LEXICON.keys():
        raise CacheInvalid("a vague word not in the lexicon")
    _numbers([v for v, is_vague in zip(c["value"], vague, strict=True) if not is_vague])
    _numbers(c["value_max"])
    between = [q == "between" for q in c["qualifier"]]
    if between != [m is not None for m in c["value_max"]]:
        raise CacheInvalid("value_max without the between qualifier, or the reverse")
    if any(v > m for v, m, b in zip(c["value"], c["value_max"], between, strict=True) if b):
        raise CacheInvalid("value_max below value")


_IDS = re.compile(f"(?:{ID_PATTERN.pattern})(?:\n(?:{ID_PATTERN.pattern}))*")
"""Ids one a line, each as `ID_PATTERN` (which allows no line break) demands."""


def _ids_valid(ids: list[str]) -> bool:
    """Would the loader accept every id? One match over the column joined by line breaks, in C
    (a match per id took about 0.1 s at 100,000 claims); the count of breaks shows that no id
    held one of its own."""
    if not ids:
        return True
    joined = "\n".join(ids)
    return (max(map(len, ids)) <= MAX_ID_CHARS and joined.count("\n") == len(ids) - 1
            and _IDS.fullmatch(joined) is not None)


def _source(value: Any) -> SourceRef:
    file, line, col = value
    if type(line) is not int or type(col) is not int:
        raise CacheInvalid("expected a position")
    return SourceRef(_text(file), line, col)


def _gazetteer(state: Any) -> Gazetteer:
    """The stored loaded layer of the gazetteer, checked as the loader would have made it."""
    from hfig.load.world import WorldIndex

    rows = state["places"]
    precisions = {x.value: x for x in AreaPrecision}
    places = [Place(key, name, tuple(pcodes), precisions[precision], level, parent)
              for key, name, pcodes, precision, level, parent in rows]
    _texts([p.key for p in places], MAX_NAME_CHARS, optional=False)
    _texts([p.name for p in places], MAX_TEXT_CHARS, optional=False)
    _texts([c for p in places for c in p.pcodes], MAX_NAME_CHARS, optional=False)
    _texts([p.parent for p in places], MAX_NAME_CHARS)
    if not all(map(_is_level, (p.level for p in places))):
        raise CacheInvalid("expected an admin level")
    names, explicit, admin1 = state["names"], state["explicit"], state["admin1"]
    if type(names) is not dict or type(explicit) is not dict or type(admin1) is not list:
        raise CacheInvalid("expected the gazetteer's name tables")
    _all(list(names.values()), list)  # before their items are read as keys
    keys = set().union(*names.values()) | set(explicit.values())
    _texts([*names, *explicit, *keys, *admin1], MAX_TEXT_CHARS, optional=False)
    return Gazetteer.restored(places, names, explicit, admin1, WorldIndex())


def _is_level(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 5)


def _decode(p: Any) -> LoadResult:
    from hfig.cache.lazy import ClaimColumns, LazyDataSet, PeriodRow
    from hfig.cache.refs import LazyRefs

    files = [DataFile(Path(_text(path)), _text(shown)) for path, shown in p["files"]]
    user_count = p["user_files"]
    if type(user_count) is not int or not 0 <= user_count <= len(files):
        raise CacheInvalid("bad file count")
    metrics = {}
    for name, family, unit, kind, description, parent, civilian, units in p["metrics"]:
        metrics[_text(name, MAX_ID_CHARS)] = Metric(
            _text(name, MAX_ID_CHARS), Family(family), _text(unit, MAX_NAME_CHARS), MetricKind(kind),
            _text(description), _opt_text(parent, MAX_NAME_CHARS), bool(civilian),
            tuple(_text(u, MAX_NAME_CHARS) for u in units))
    claimants = {}
    for cid, name, kind, aliases, reliability, basis, part_of in p["claimants"]:
        claimants[_text(cid, MAX_ID_CHARS)] = Claimant(
            _text(cid, MAX_ID_CHARS), _text(name, MAX_NAME_CHARS), ClaimantKind(kind),
            tuple(_text(a, MAX_NAME_CHARS) for a in aliases), _opt_text(reliability, MAX_NAME_CHARS),
            _opt_text(basis), _opt_text(part_of, MAX_ID_CHARS))
    gazetteer = _gazetteer(p["gazetteer"])
    texts = p["dates"]
    _texts(texts, MAX_NAME_CHARS, optional=False)
    parsed = {t: parse_fuzzy_date(t) for t in set(texts)}  # one parse per distinct date
    dates: list[FuzzyDate | None] = [parsed[t] for t in texts]
    dates.append(None)  # index -1
    precisions = {x.value: x for x in AreaPrecision}
    areas = [Area(name, tuple(pcodes), precisions[precision]) for name, pcodes, precision in p["claim_areas"]]
    _all([a.name for a in areas], str)
    _texts([a.name for a in areas], MAX_NAME_CHARS)
    _all([code for a in areas for code in a.pcodes], str)
    _texts([code for a in areas for code in a.pcodes], MAX_NAME_CHARS)
    periods: list[PeriodRow] = [(start, end, cumulative, as_written)
                                for start, end, cumulative, as_written in p["periods"]]
    _all([row[2] for row in periods], bool)
    _texts([row[3] for row in periods], MAX_TEXT_CHARS)
    for ends in ([row[0] for row in periods], [row[1] for row in periods]):
        _all(ends, int)
        if ends and not (min(ends) >= -1 and max(ends) < len(dates) - 1):
            raise CacheInvalid("a date index out of range")
    shown = [f.shown for f in files]
    c = p["claims"]
    n = len(c["id"])
    if any(len(column) != n for column in c.values()) or set(c) != set(_COLUMNS):
        raise CacheInvalid("claim columns of different lengths")
    _all(c["id"], str)
    if not _ids_valid(c["id"]):
        raise CacheInvalid("an id the loader would refuse")
    _all(c["line"], int)
    _all(c["col"], int)
    if (c["line"] and min(c["line"]) < 1) or (c["col"] and min(c["col"]) < 1):
        raise CacheInvalid("a position before the start of a file")
    _all(c["disputed"], bool)
    _all(c["value"], int, float, str)
    _all(c["value_max"], int, float, type(None))
    _all(c["household_size"], int, float, type(None))
    _all(c["household_size_max"], int, float, type(None))
    _numbers(c["household_size"])
    _numbers(c["household_size_max"])
    _all(c["credibility"], int, type(None))
    if not set(c["credibility"]) <= {None, *range(1, 7)}:
        raise CacheInvalid("a credibility grade out of range")
    for name in ("unit", "publisher", "url", "origin", "quote", "notes"):
        _texts(c[name], max_chars(name))
    if not (set(c["metric"]) <= metrics.keys() and set(c["claimant"]) <= claimants.keys()):
        raise CacheInvalid("a claim names a metric or claimant the cache does not define")
    if not set(c["qualifier"]) <= {q.value for q in Qualifier}:
        raise CacheInvalid("an unknown qualifier")
    _values(c)
    for name, table in (("area", areas), ("period", periods), ("file", shown), ("as_of", dates[:-1]),
                        ("published", dates)):
        low = -1 if name == "published" else 0
        if c[name] and not (low <= min(c[name]) and max(c[name]) < len(table)):
            raise CacheInvalid(f"a {name} index out of range")
    inferred = [() if x is None else tuple((k, v) for k, v in x) for x in c["inferred"]]
    if not {k for row in inferred for k, _ in row} <= INFERABLE:
        raise CacheInvalid("an inferred field that is not a claim field")
    _texts([v for row in inferred for _, v in row], MAX_TEXT_CHARS, optional=False)
    columns = ClaimColumns(c, dates=dates, areas=areas, periods=periods, files=shown, inferred=inferred)
    data = LazyDataSet(metrics, claimants, gazetteer, columns)
    problems = [
        Problem(_text(code), _text(message), _source(where) if where is not None else None,
                Severity(severity), _source(record) if record is not None else None)
        for code, message, where, severity, record in p["problems"]
    ]
    refs = LazyRefs.of_claims(data, {f.shown: f for f in files})
    return LoadResult(data, problems, refs, files[len(files) - user_count:])
