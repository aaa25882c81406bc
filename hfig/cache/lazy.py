"""Claims decoded from the cache only when a command asks for them.

A warm start of `hfig compare displaced` needs the displacement claims, a
twelfth of a large data set; building every other `Claim` (and its period and
position) would be most of its load. `LazyDataSet` keeps the cache's checked
columns and builds claims by index, each at most once, so a claim is the same
object whichever way it was asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hfig.core.dataset import DataSet, area_touches, areas_countries
from hfig.core.dates import FuzzyDate
from hfig.core.gazetteer import Gazetteer, Place
from hfig.core.model import Area, Claim, Claimant, Metric, Period, SourceRef
from hfig.core.qualifiers import Qualifier

PeriodRow = tuple[int, int, bool, str | None]
Inferred = tuple[tuple[str, str], ...]


class ClaimColumns:
    """The cached claims, one list per field, with the tables their indices point into.

    Built only from columns `hfig.cache.codec` has checked (types, ranges, references).
    """

    def __init__(self, columns: dict[str, list[Any]], *, dates: list[FuzzyDate | None], areas: list[Area],
                 periods: list[PeriodRow], files: list[str], inferred: list[Inferred]) -> None:
        self._c = columns
        self._dates = dates
        self._areas = areas
        self._period_rows = periods
        self._periods: list[Period | None] = [None] * len(periods)
        self._files = files
        self._inferred = inferred
        self._qualifiers = {q.value: q for q in Qualifier}
        self._built: list[Claim | None] = [None] * len(columns["id"])

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
        rows = zip(self._c["metric"], self._c["claimant"], self._c["area"], strict=True)
        return self.build([i for i, (m, who, a) in enumerate(rows)
                           if (metrics is None or m in metrics) and (claimants is None or who in claimants)
                           and (near is None or near[a])])

    def all(self) -> list[Claim]:
        """Every claim, in load order."""
        return self.build(range(len(self)))

    def build(self, indices: Sequence[int]) -> list[Claim]:
        """The claims at these indices; each is built once, so a claim is the same object however
        it is asked for."""
        built = self._built
        missing = [i for i in indices if built[i] is None]
        for i, claim in zip(missing, self._claims_at(missing), strict=True):
            built[i] = claim
        return [built[i] for i in indices]  # type: ignore[misc]  # every one is built now

    def _claims_at(self, indices: list[int]) -> list[Claim]:
        """New claims for these indices, made column by column (in C: `map`), not field by field."""
        c, dates, areas, files = self._c, self._dates, self._areas, self._files

        def take(name: str) -> list[Any]:
            return list(map(c[name].__getitem__, indices))

        return list(map(
            Claim, take("id"), take("metric"), take("value"),
            map(self._qualifiers.__getitem__, take("qualifier")), take("claimant"),
            map(areas.__getitem__, take("area")), map(dates.__getitem__, take("as_of")),
            map(self._period, take("period")), take("value_max"), take("unit"), take("household_size"),
            take("publisher"), take("url"), map(dates.__getitem__, take("published")), take("origin"),
            take("quote"), take("notes"), take("credibility"), take("disputed"),
            map(self._inferred.__getitem__, indices),
            map(SourceRef, map(files.__getitem__, take("file")), take("line"), take("col")),
            take("household_size_max")))

    def _period(self, i: int) -> Period:
        period = self._periods[i]
        if period is None:
            start, end, cumulative, as_written = self._period_rows[i]
            period = self._periods[i] = Period(self._dates[start], self._dates[end], cumulative, as_written)
        return period


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
