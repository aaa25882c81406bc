"""A data set read from a cache entry, whose claims are built only when a question asks for them.

A warm start of `hfig compare displaced` needs the displacement claims, a
twelfth of a large data set; building every other `Claim` (and its period and
position) would be most of its load. The entry keeps the claims a block per
metric and region, each block a column per field and each kept as JSON text
until a question needs it: `compare displaced` decodes the displacement
blocks alone, `summary --region idlib` the blocks with an area touching Idlib.
Claims are built by index, each at most once, so a claim is the same object
whichever way it was asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import msgspec.json

from hfig.core.dataset import DataSet, area_touches, areas_countries
from hfig.core.dates import FuzzyDate
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.model import Area, Claim, Claimant, Metric, Period, SourceRef
from hfig.core.qualifiers import Qualifier

if TYPE_CHECKING:
    from msgspec import Raw

Block = tuple[str, list[int], "Raw"]
"""(metric, the areas its claims name, its columns as JSON): the claims of one metric and region."""
Columns = dict[str, list[Any]]

_QUALIFIERS = {q.value: q for q in Qualifier}


class Said(NamedTuple):
    """A relayed record as far as its echoes need it (`hfig.core.dataset.Relayed`)."""

    id: str
    claimant: str
    credibility: int | None
    origin: str | None


class LazyDataSet(DataSet):
    """A data set whose claims are built from an entry's blocks when first asked for.

    `dates`, `areas` and `files` are the tables the blocks' index columns point into.
    """

    def __init__(self, metrics: dict[str, Metric], claimants: dict[str, Claimant], gazetteer: Gazetteer,
                 blocks: list[Block], count: int, *, dates: list[FuzzyDate | None], areas: list[Area],
                 files: list[str], relayed: Raw) -> None:
        super().__init__(metrics, claimants, gazetteer)
        self._claims: list[Claim] | None = None  # every claim, once all are built (or set)
        self._index = [(metric, areas_of) for metric, areas_of, _ in blocks]
        # A block's text until it is decoded: each is a view of the entry's bytes, freed with the last.
        self._raw = {k: raw for k, (_, _, raw) in enumerate(blocks)}
        self._blocks: dict[int, Columns] = {}
        self._dates, self._areas, self._files = dates, areas, files
        self._built: list[Claim | None] = [None] * count
        self.count = count
        self._relayed_raw = relayed
        self._relayed: dict[str, Said] | None = None

    @property
    def claims(self) -> list[Claim]:
        if self._claims is None:
            for k in range(len(self._index)):
                self._build(k, range(len(self._block(k)["id"])))
            self._claims = cast("list[Claim]", self._built)  # every one is built now
            self._blocks = {}
        return self._claims

    @claims.setter
    def claims(self, value: list[Claim]) -> None:
        self._claims = value

    def relayed(self) -> Mapping[str, Said]:
        """`DataSet.relayed` from the entry's table of them: no block is decoded, no claim built."""
        if self._relayed is None:
            rows = msgspec.json.decode(self._relayed_raw, type=list[Said])
            self._relayed = {r.id: r for r in rows}
        return self._relayed

    def countries(self) -> frozenset[str]:
        return super().countries() if self._claims is not None else areas_countries(self._areas)

    def claims_of(self, metrics: set[str] | None, region: Place | None = None,
                  claimants: set[str] | None = None) -> list[Claim]:
        """The claims of these metrics and claimants touching this region (None: any), in load order.

        Decided on the blocks' columns, once per distinct area: only the claims chosen are built.
        """
        if self._claims is not None or (metrics is None and region is None and claimants is None):
            return super().claims_of(metrics, region, claimants)
        near = None if region is None else [area_touches(a, region) for a in self._areas]
        chosen: list[int] = []  # positions in load order
        for k, (metric, areas_of) in enumerate(self._index):
            if (metrics is not None and metric not in metrics) or (
                    near is not None and not any(map(near.__getitem__, areas_of))):
                continue
            block = self._block(k)
            if claimants is None and (near is None or all(map(near.__getitem__, areas_of))):
                chosen += self._build(k, range(len(block["id"])))  # every claim of the block
                continue
            rows = zip(block["claimant"], block["area"], strict=True)
            chosen += self._build(k, [i for i, (who, a) in enumerate(rows) if (
                claimants is None or who in claimants) and (near is None or near[a])])
        chosen.sort()  # each block holds its claims in load order; this merges the blocks
        built = self._built
        return [built[i] for i in chosen]  # type: ignore[misc]  # every one is built now

    def blocks(self) -> Iterator[tuple[list[int], Columns, list[Claim]]]:
        """Each block's areas, columns and claims, built afresh (what `codec.check` compares)."""
        for k, (_, areas_of) in enumerate(self._index):
            block = self._block(k)
            yield areas_of, block, self._claims_at(k, range(len(block["id"])))

    def _block(self, k: int) -> Columns:
        block = self._blocks.get(k)
        if block is None:
            block = self._blocks[k] = msgspec.json.decode(self._raw.pop(k))
        return block

    def _build(self, k: int, indices: Sequence[int]) -> list[int]:
        """Build the claims at these indices of block `k` that are not built yet; the positions in
        load order of all of them."""
        at = self._block(k)["position"]
        positions = list(map(at.__getitem__, indices))
        built = self._built
        missing = [i for i, p in zip(indices, positions, strict=True) if built[p] is None]
        for i, claim in zip(missing, self._claims_at(k, missing), strict=True):
            built[at[i]] = claim
        return positions

    def _claims_at(self, k: int, indices: Sequence[int]) -> list[Claim]:
        """New claims for these indices of block `k`, made column by column (in C: `map`)."""
        c = self._block(k)
        dates, areas, files = self._dates, self._areas, self._files
        # Indices come in ascending order, so as many as the block holds are all of it: its columns.
        whole = len(indices) == len(c["id"])

        def take(name: str) -> list[Any]:
            return c[name] if whole else list(map(c[name].__getitem__, indices))

        def day(name: str) -> Iterator[FuzzyDate | None]:
            return map(dates.__getitem__, take(name))

        periods = map(Period, day("start"), day("end"), take("cumulative"), take("as_written"))
        return list(map(
            Claim, take("id"), repeat(self._index[k][0]), take("value"),
            map(_QUALIFIERS.__getitem__, take("qualifier")), take("claimant"),
            map(areas.__getitem__, take("area")), day("as_of"), periods, take("value_max"), take("unit"),
            take("household_size"), take("publisher"), take("url"), day("published"), take("origin"),
            take("quote"), take("notes"), take("credibility"), take("disputed"),
            [() if x is None else tuple(map(tuple, x)) for x in take("inferred")],
            map(SourceRef, map(files.__getitem__, take("file")), take("line"), take("col")),
            take("household_size_max")))
