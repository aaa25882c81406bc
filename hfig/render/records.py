"""The `hfig records` table: one row per claim, every field kept."""

from __future__ import annotations

import math

from msgspec.structs import replace

from hfig.core.dataset import DataSet, collection_paused
from hfig.core.dates import Precision
from hfig.core.model import Claim
from hfig.core.qualifiers import Qualifier, format_interval
from hfig.render.dates import date_cells, date_columns
from hfig.render.hxl import count_tag, value_tag
from hfig.render.table import Cell, Column, ResultTable


def _party_style(value: Cell, row: dict[str, Cell]) -> str:
    return "bold red" if row.get("claimant_kind") == "party_to_conflict" else ""


RECORD_COLUMNS = [
    Column("id", hxl="#meta+id", terminal=False),
    Column("claim", machine=False),
    Column("metric", hxl="#indicator+code"),
    Column("value", hxl=value_tag(None), terminal=False),
    Column("value_max", hxl=count_tag(None, None, "value_max"), terminal=False),
    Column("qualifier", hxl="#meta+qualifier", terminal=False),
    Column("stated", "value as stated", hxl="#meta+stated", justify="right"),
    Column("interval", hxl="#meta+interval", merge_into="stated"),
    Column("low", hxl=count_tag(None, None, "min"), terminal=False),
    Column("high", hxl=count_tag(None, None, "max"), terminal=False),
    Column("low_open", hxl="#meta+min+open", terminal=False),
    Column("high_open", hxl="#meta+max+open", terminal=False),
    Column("unit", hxl="#indicator+unit", terminal=False),
    Column("household_size", hxl="#meta+household_size", terminal=False),
    Column("household_size_max", hxl="#meta+household_size+max", terminal=False),
    Column("claimant", hxl="#org+code", terminal=False),
    Column("claimant_label", "claimant (kind)", machine=False, style=_party_style),
    Column("claimant_name", hxl="#org+name", terminal=False),
    Column("claimant_kind", "kind", hxl="#org+type", terminal=False),
    Column("area", hxl="#loc+name"),
    Column("pcodes", "P-codes", hxl="#loc+code", terminal=False),
    Column("adm1", hxl="#adm1+code", terminal=False),
    Column("area_precision", hxl="#loc+precision", terminal=False),
    *date_columns("period_start", "start", "period from"),
    *date_columns("period_end", "end", "period to"),
    Column("period", machine=False),
    Column("cumulative", hxl="#meta+cumulative", terminal=False),
    Column("period_as_written", hxl="#meta+period+text", terminal=False),
    *date_columns("as_of", "reported", "as of", terminal=True, merge_into="period"),
    Column("publisher", hxl="#meta+source", terminal=False),
    Column("url", hxl="#meta+url", terminal=False),
    *date_columns("published", "published"),
    Column("origin", "echo of", hxl="#meta+origin", terminal=False),
    Column("disputed", hxl="#meta+disputed", terminal=False),
    Column("credibility", hxl="#meta+credibility", terminal=False),
    Column("quote", hxl="#description+quote", terminal=False),
    Column("notes", hxl="#description+notes", terminal=False),
    Column("inferred", hxl="#description+inferred", terminal=False),
    Column("file", hxl="#meta+file", terminal=False),
    Column("line", hxl="#meta+line", terminal=False),
]


def _period_text(claim: Claim) -> str:
    start = claim.period.start.text if claim.period.start else "…"
    return f"{start} →\n{claim.period_end.text}"


# Enum `.value` is a descriptor call; at 100,000 rows a dict lookup is measurably cheaper.
_QUALIFIER_TEXT = {q: q.value for q in Qualifier}
_PRECISION_TEXT = {p: p.value for p in Precision}


class RecordRows:
    """The `hfig records` row of each claim: what claims share is worked out once.

    The loader (and the cache) share one object per distinct area, date and
    period, and a data set has far fewer claimants than claims; at 100,000
    claims, redoing the claimant lookup, the P-code lists and the date texts
    for every claim was a large part of `hfig records`. Keys are `id()`s of
    objects the claims keep alive (lists are copied per row, so no two rows
    share a mutable cell).
    """

    def __init__(self, data: DataSet) -> None:
        self.data = data
        self._claimants: dict[str, tuple[str, str, str]] = {}
        self._areas: dict[int, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {}
        self._periods: dict[tuple[int, int], tuple[dict[str, Cell], str]] = {}
        self._published: dict[int, dict[str, Cell]] = {}

    def row(self, claim: Claim) -> dict[str, Cell]:
        who = self._claimants.get(claim.claimant)
        if who is None:
            claimant = self.data.claimant(claim)
            who = self._claimants[claim.claimant] = (
                f"{claim.claimant}\n({claimant.kind.value})", claimant.name, claimant.kind.value)
        area = self._areas.get(id(claim.area))
        if area is None:
            a = claim.area
            area = self._areas[id(a)] = (a.name, a.pcodes, tuple(sorted({p[:4] for p in a.pcodes})),
                                         a.precision.value)
        period = self._periods.get((id(claim.period), id(claim.as_of)))
        if period is None:
            period = self._periods[(id(claim.period), id(claim.as_of))] = (
                {**date_cells("period_start", claim.period.start),
                 **date_cells("period_end", claim.period_end), **date_cells("as_of", claim.as_of)},
                _period_text(claim))
        published = self._published.get(id(claim.published))
        if published is None:
            published = self._published[id(claim.published)] = date_cells("published", claim.published)
        iv = claim.interval
        return {
            "id": claim.id,
            "claim": claim.id + (f"\n(echo of {claim.origin})" if claim.origin else ""),
            "metric": claim.metric,
            "value": claim.value,
            "value_max": claim.value_max,
            "qualifier": _QUALIFIER_TEXT[claim.qualifier],
            "stated": claim.stated,
            "interval": format_interval(iv),
            "low": iv.low,
            "high": None if math.isinf(iv.high) else iv.high,
            "low_open": iv.low_open,
            "high_open": iv.high_open,
            "unit": claim.unit or self.data.metric(claim).unit,
            "household_size": claim.household_size,
            "household_size_max": claim.household_size_max,
            "claimant": claim.claimant,
            "claimant_label": who[0],
            "claimant_name": who[1],
            "claimant_kind": who[2],
            "area": area[0],
            "pcodes": list(area[1]),
            "adm1": list(area[2]),
            "area_precision": area[3],
            **period[0],
            "period": period[1],
            "cumulative": claim.period.cumulative,
            "period_as_written": claim.period.as_written,
            "publisher": claim.publisher,
            "url": claim.url,
            **published,
            "origin": claim.origin,
            "disputed": claim.disputed,
            "credibility": claim.credibility,
            "quote": claim.quote,
            "notes": claim.notes,
            "inferred": "; ".join(f"{k}: {v}" for k, v in claim.inferred) or None,
            "file": claim.source.file if claim.source else None,
            "line": claim.source.line if claim.source else None,
        }

    def rows(self, claims: list[Claim]) -> list[dict[str, Cell]]:
        with collection_paused():  # one dict per claim and no garbage
            return [self.row(c) for c in claims]


def one_metric_tags(columns: list[Column], metric: str, data: DataSet,
                    names: tuple[str, ...] = ("value", "value_max", "low", "high")) -> list[Column]:
    """The value columns of a one-metric table tagged with that metric's hashtag (+min, +max ...)."""
    unit = data.metrics[metric].unit if metric in data.metrics else None
    extra = {"value": (), "value_max": ("value_max",), "low": ("min",), "high": ("max",), "best": ("best",),
             "implied_low": ("min", "implied"), "implied_high": ("max", "implied")}
    return [replace(c, hxl=count_tag(metric, unit, *extra[c.name])) if c.name in names else c
            for c in columns]


def words_in_values(columns: list[Column]) -> list[Column]:
    """A `value` column holding a vague word ("thousands") is not an HXL number column: #meta+value
    (its bounds, low and high, stay numbers). `hfig import` reads the column by its name."""
    return [replace(c, hxl="#meta+value") if c.name == "value" else c for c in columns]


def records_table(claims: list[Claim], data: DataSet) -> ResultTable:
    metrics = {c.metric for c in claims}
    columns = list(RECORD_COLUMNS)
    if len(metrics) == 1:  # one metric: HDX users get its own hashtag on the values
        columns = one_metric_tags(columns, next(iter(metrics)), data)
    if any(isinstance(c.value, str) for c in claims):
        columns = words_in_values(columns)
    return ResultTable(
        kind="records",
        columns=columns,
        rows=RecordRows(data).rows(claims),
        title=f"{len(claims)} claim{'s' if len(claims) != 1 else ''}",
        group_by="metric",
        notes=[
            "Dates: ~ about (±3 days), -early/-mid/-late part of month.",
            "--format csv or json gives every field: P-codes, publisher, url, quote, file and line.",
        ],
        color_notes=["Party claims in red."],
    )
