"""Claims decoded from the cache only when a command asks for them.

A warm start of `hfig compare displaced` needs the displacement claims, a
tenth of a large data set; decoding and building every other `Claim` (and its
period and position) would be most of its load. `LazyDataSet` keeps the
cache's blocks of columns, one per metric, decodes a block when a question
first needs its metric, and builds claims by index, each at most once, so a
claim is the same object whichever way it was asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any, cast

from hfig.core.dataset import DataSet, area_touches, areas_countries
from hfig.core.dates import FuzzyDate
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.model import Area, Claim, Claimant, Metric, Period, SourceRef
from hfig.core.qualifiers import Qualifier

if TYPE_CHECKING:
    import msgspec

Block = tuple[str, list[int], "msgspec.Raw"]
"""(metric, the areas its claims name, its columns as JSON): the claims of one metric and region."""


class ClaimColumns:
    """The cached claims, a block of columns per metric and region, with the tables their indices
    point into.

    A block is kept as its JSON text until a question needs its metric and one of its areas:
    `compare displaced` decodes the displacement claims alone, `summary --region idlib` the claims
    whose areas touch Idlib. Built only from a payload whose values were checked when it was
    written (hfig.cache.codec).
    """

    def __init__(self, blocks: list[Block], count: int, *, dates: list[FuzzyDate | None],
                 areas: list[Area], files: list[str]) -> None:
        self._index = [(metric, areas_of) for metric, areas_of, _ in blocks]
        # Each block's text until it is decoded, then dropped: every block's text is a view of the
        # payload's bytes, which are freed with the last one.
        self._raw: dict[int, msgspec.Raw] = {k: raw for k, (_, _, raw) in enumerate(blocks)}
        self._blocks: dict[int, dict[str, list[Any]]] = {}
        self._dates = dates
        self._areas = areas
        self._files = files
        self._qualifiers = {q.value: q for q in Qualifier}
        self._built: list[Claim | None] = [None] * count

    def __len__(self) -> int:
        return len(self._built)

    @property
    def areas(self) -> list[Area]:
        return self._areas

    def where(self, metrics: set[str] | None, region: Place | None,
              claimants: set[str] | None = None) -> list[Claim]:
        """The claims of these metrics and claimants touching this region (None: any), in load order.

        Decided on the columns, once per distinct area: only the claims chosen are built.
        """
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
        chosen.sort()  # blocks hold each metric's claims in load order; this merges them
        built = self._built
        return [built[i] for i in chosen]  # type: ignore[misc]  # every one is built now

    def all(self) -> list[Claim]:
        """Every claim, in load order."""
        for k in range(len(self._index)):
            self._build(k, range(len(self._block(k)["id"])))
        return self._built  # type: ignore[return-value]  # every one is built now

    def _block(self, k: int) -> dict[str, list[Any]]:
        block = self._blocks.get(k)
        if block is None:
            from hfig.cache.codec import block_decoder

            decoded = block_decoder().decode(self._raw.pop(k))
            block = self._blocks[k] = cast("dict[str, list[Any]]", decoded)
        return block

    def _build(self, k: int, indices: Sequence[int]) -> list[int]:
        """Build the claims at these indices of a block (each once, so that a claim is the same
        object however it is asked for); their positions in load order."""
        block = self._block(k)
        positions = list(map(block["position"].__getitem__, indices))
        built = self._built
        missing = [i for i, at in zip(indices, positions, strict=True) if built[at] is None]
        for i, claim in zip(missing, self._claims_at(self._index[k][0], block, missing), strict=True):
            built[block["position"][i]] = claim
        return positions

    def _claims_at(self, metric: str, c: dict[str, list[Any]], indices: list[int]) -> list[Claim]:
        """New claims for these indices, made column by column (in C: `map`), not field by field."""
        dates, areas, files = self._dates, self._areas, self._files

        def take(name: str) -> list[Any]:
            return list(map(c[name].__getitem__, indices))

        def day(name: str) -> Iterator[FuzzyDate | None]:
            return map(dates.__getitem__, take(name))

        periods = map(Period, day("start"), day("end"), take("cumulative"), take("as_written"))
        return list(map(
            Claim, take("id"), repeat(metric), take("value"),
            map(self._qualifiers.__getitem__, take("qualifier")), take("claimant"),
            map(areas.__getitem__, take("area")), day("as_of"), periods, take("value_max"), take("unit"),
            take("household_size"), take("publisher"), take("url"), day("published"), take("origin"),
            take("quote"), take("notes"), take("credibility"), take("disputed"),
            [() if x is None else tuple(x) for x in take("inferred")],
            map(SourceRef, map(files.__getitem__, take("file")), take("line"), take("col")),
            take("household_size_max")))


class LazyDataSet(DataSet):
    """A data set whose claims are built from cached columns when first asked for."""

    def __init__(self, metrics: dict[str, Metric], claimants: dict[str, Claimant], gazetteer: Gazetteer,
                 columns: ClaimColumns) -> None:
        super().__init__(metrics, claimants, gazetteer)
        self._columns: ClaimColumns | None = columns
        self._claims: list[Claim] | None = None

    @property
    def claims(self) -> list[Claim]:
        if self._claims is None:
            columns = self._columns
            self._claims = [] if columns is None else columns.all()
            self._columns = None  # every claim is built: the columns are no longer needed
        return self._claims

    @claims.setter
    def claims(self, value: list[Claim]) -> None:
        self._claims = value
        self._columns = None

    def countries(self) -> frozenset[str]:
        if self._columns is None:
            return super().countries()
        return areas_countries(self._columns.areas)

    def claims_of(self, metrics: set[str] | None, region: Place | None = None,
                  claimants: set[str] | None = None) -> list[Claim]:
        if (metrics is None and region is None and claimants is None) or self._columns is None:
            return super().claims_of(metrics, region, claimants)
        return self._columns.where(metrics, region, claimants)
