"""A loaded data set: vocabulary, registry, gazetteer and claims, and how to select from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from hfig.core.collection import collection_paused
from hfig.core.gazetteer import Gazetteer, Place, country_of, overlaps, within
from hfig.core.model import Area, Claim, Claimant, Metric

__all__ = ["DataSet", "Relayed", "area_touches", "areas_countries", "claim_order", "collection_paused",
           "first_origins", "inside", "said_by", "select", "touches"]


class Relayed(Protocol):
    """What an echo takes from a record it relays (rules 3 and 5): who said it, its information
    grade, and what it relays in turn. A `Claim` is one; a cached data set gives these alone."""

    @property
    def id(self) -> str: ...
    @property
    def claimant(self) -> str: ...
    @property
    def credibility(self) -> int | None: ...
    @property
    def origin(self) -> str | None: ...


class DataSet:
    """Not a value type (a Struct): `LazyDataSet` builds its claims when first asked for."""

    def __init__(self, metrics: dict[str, Metric], claimants: dict[str, Claimant], gazetteer: Gazetteer,
                 claims: list[Claim] | None = None) -> None:
        self.metrics = metrics
        self.claimants = claimants
        self.gazetteer = gazetteer
        self.claims = [] if claims is None else claims

    def claims_of(self, metrics: set[str] | None, region: Place | None = None,
                  claimants: set[str] | None = None) -> list[Claim]:
        """The claims of these metrics and claimants touching this region (None: any), in load order."""
        if metrics is None and region is None and claimants is None:
            return self.claims
        return [c for c in self.claims if (metrics is None or c.metric in metrics)
                and (claimants is None or c.claimant in claimants)
                and (region is None or area_touches(c.area, region))]

    def countries(self) -> frozenset[str]:
        """The countries the claims are about: a name given to --region resolves within them first."""
        return areas_countries({id(c.area): c.area for c in self.claims}.values())

    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def relayed(self) -> Mapping[str, Relayed]:
        """Every loaded record that another names as its `origin`, by id: what echo chains pass through."""
        named = {c.origin for c in self.claims if c.origin is not None}
        return {c.id: c for c in self.claims if c.id in named} if named else {}

    def claimant(self, claim: Claim) -> Claimant:
        return self.claimants[claim.claimant]

    def metric(self, claim: Claim) -> Metric:
        return self.metrics[claim.metric]

    def metric_with_subsets(self, name: str) -> set[str]:
        """A metric and every metric that counts a part of it."""
        out = {name}
        grew = True
        while grew:
            more = {m.name for m in self.metrics.values() if m.parent in out} - out
            out |= more
            grew = bool(more)
        return out


def first_origins(claims: Iterable[Claim], data: DataSet) -> dict[str, Relayed]:
    """Echo id -> the first record of its origin chain among every loaded claim: what the echo relays.

    Whatever a question selects (a region, a metric, a date), the record an echo relays is a fact
    about the echo: it gives the echo its side and its grade (docs/methodology.md, rule 6). It
    gives no figure, and is never counted. The chain is followed through `claims` first and
    through the data set's records only when it leaves them (most questions: never). An echo
    whose origin is not loaded, or whose chain is a cycle, relays nothing known: not in the result.
    """
    known: dict[str, Relayed] = {c.id: c for c in claims}
    relayed: Mapping[str, Relayed] | None = None

    def find(record_id: str) -> Relayed | None:
        nonlocal relayed
        found = known.get(record_id)
        if found is None:  # the chain leaves the claims: read the data set's relayed records, once
            if relayed is None:
                relayed = data.relayed()
            found = relayed.get(record_id)
        return found

    out: dict[str, Relayed] = {}
    for c in known.values():
        origin = c.origin
        if origin is None:
            continue
        seen = {c.id}
        first: Relayed | None = None
        while origin is not None and origin not in seen and (record := find(origin)) is not None:
            first = record
            seen.add(origin)
            origin = record.origin
        if first is not None and origin not in seen:
            out[c.id] = first
    return out


def said_by(claim: Claim, origins: Mapping[str, Relayed]) -> Relayed:
    """The record whose figure `claim` is (rule 6): the first record it relays (`first_origins`),
    else itself. Its claimant is the figure's side, its grade the figure's grade."""
    return claim if claim.origin is None else origins.get(claim.id, claim)


def areas_countries(areas: Iterable[Area]) -> frozenset[str]:
    return frozenset(country_of(p) for a in areas for p in a.pcodes)


def touches(claim: Claim, region: Place) -> bool:
    """The claim says something about the region: its scope overlaps it."""
    return area_touches(claim.area, region)


def area_touches(area: Area, region: Place) -> bool:
    return any(overlaps(p, r) for p in area.pcodes for r in region.pcodes)


def inside(claim: Claim, region: Place) -> bool:
    """The claim is about the region or a part of it, not a wider area."""
    return bool(claim.area.pcodes) and all(within(p, region.pcodes) for p in claim.area.pcodes)


def select(
    claims: Iterable[Claim],
    *,
    region: Place | None = None,
    metrics: set[str] | None = None,
    claimants: set[str] | None = None,
) -> list[Claim]:
    """Claims touching the region, of the given metrics and claimants, in a stable order."""
    # Whether an area touches the region, once per area object (claims share them); the area is
    # kept beside the answer so that its id stays its own while the claims are read.
    near: dict[int, tuple[Area, bool]] = {}

    def touching(claim: Claim, region: Place) -> bool:
        found = near.get(id(claim.area))
        if found is None:
            found = near[id(claim.area)] = (claim.area, area_touches(claim.area, region))
        return found[1]

    out = [
        c
        for c in claims
        if (metrics is None or c.metric in metrics)
        and (claimants is None or c.claimant in claimants)
        and (region is None or touching(c, region))
    ]
    # claim_order, with each as-of date's middle day worked out once per date object
    # (the loader shares one per distinct date) rather than once per claim, as one string: its
    # parts joined by NUL, which sorts below every character and which no metric name, claimant or
    # claim id (hfig.load.layout's patterns) or ISO day holds, so it orders as the tuple does, and
    # compares in C: sorting 20,000 claims takes a third of the time.
    mids: dict[int, str] = {}

    def order(claim: Claim) -> str:
        day = mids.get(id(claim.as_of))
        if day is None:
            day = mids[id(claim.as_of)] = claim.as_of.mid.isoformat()
        return f"{claim.metric}\0{day}\0{claim.claimant}\0{claim.id}"

    with collection_paused():
        return sorted(out, key=order)


def claim_order(claim: Claim) -> tuple[str, str, str, str]:
    """Deterministic order for listings: metric, as-of, claimant, id."""
    return (claim.metric, claim.as_of.mid.isoformat(), claim.claimant, claim.id)
