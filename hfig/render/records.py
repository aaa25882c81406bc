"""The `hfig records` table: one row per claim, every field kept."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from msgspec.structs import replace

from hfig.core.dataset import DataSet, collection_paused
from hfig.core.dates import FuzzyDate, Precision
from hfig.core.model import Area, Claim, Period
from hfig.core.qualifiers import Qualifier, format_interval
from hfig.render.dates import date_columns, date_triple
from hfig.render.hxl import count_tag, value_tag
from hfig.render.table import BLOCK, Cell, Column, ColumnRows, ResultTable


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


# Enum `.value` is a descriptor call; at 100,000 rows a dict lookup is measurably cheaper.
_QUALIFIER_TEXT = {q: q.value for q in Qualifier}
_PRECISION_TEXT = {p: p.value for p in Precision}


def record_columns(claims: list[Claim], data: DataSet,
                   names: Sequence[str] | None = None) -> dict[str, list[Cell]]:
    """The `hfig records` cells of these claims, column by column (name -> one cell per claim): every
    column, or those named (`hfig compare` shows 27 of the 48), each group of columns made only when
    one of them is asked for.

    Built a column at a time, not a dict per claim: at 100,000 claims the dicts were a large
    part of `hfig records`; and a block of claims at a time (`BLOCK`), each column's pass finding
    the block's claims in the processor's caches. What claims share is worked out once in a
    block: the loader (and the cache) share one object per distinct area, date and period, and a
    data set has far fewer claimants than claims. Lists are copied per row, so no two rows share
    a mutable cell.
    """
    out: Columns = {name: [] for name in (_ROW_ORDER if names is None else names)}
    with collection_paused():  # many lists and strings, no garbage
        for start in range(0, len(claims), BLOCK):
            block = claims[start:start + BLOCK]
            made: Columns = {}
            for name, column in out.items():
                if name not in made:
                    made.update(_MAKER[name](block, data))
                column += made[name]
    return out


Columns = dict[str, list[Cell]]
Maker = Callable[[list[Claim], DataSet], Columns]
_PERIOD_NAMES = (*(f"{name}{part}" for name in ("period_start", "period_end", "as_of")
                   for part in ("", "_date", "_precision")), "period")
_ROW_ORDER = [c.name for c in RECORD_COLUMNS]


def _field(claims: list[Claim], name: str) -> list[Any]:
    return list(map(attrgetter(name), claims))


def _as_is(name: str) -> Maker:
    return lambda claims, data: {name: _field(claims, name)}


def _claim(claims: list[Claim], data: DataSet) -> Columns:
    ids, origins = _field(claims, "id"), _field(claims, "origin")
    return {"claim": [i + f"\n(echo of {o})" if o else i for i, o in zip(ids, origins, strict=True)]}


def _qualifier(claims: list[Claim], data: DataSet) -> Columns:
    return {"qualifier": list(map(_QUALIFIER_TEXT.__getitem__, _field(claims, "qualifier")))}


def _values(claims: list[Claim], data: DataSet) -> Columns:
    values: list[Any] = list(zip(*map(_value_cells, claims), strict=True)) or [()] * 6
    return dict(zip(_VALUE_NAMES, map(list, values), strict=True))


def _unit(claims: list[Claim], data: DataSet) -> Columns:
    return {"unit": [c.unit or data.metrics[c.metric].unit for c in claims]}


def _claimant(claims: list[Claim], data: DataSet) -> Columns:
    claimants = _field(claims, "claimant")
    who = _shared(claimants, lambda c: _claimant_cells(c, data), 3, claimants)
    return dict(zip(_CLAIMANT_NAMES, who, strict=True))


def _area(claims: list[Claim], data: DataSet) -> Columns:
    name, pcodes, adm1, precision = _shared(_field(claims, "area"), _area_cells, 4)
    return {"area": name, "pcodes": list(map(list, pcodes)), "adm1": list(map(list, adm1)),
            "area_precision": precision}


def _period(claims: list[Claim], data: DataSet) -> Columns:
    periods, as_ofs = _field(claims, "period"), _field(claims, "as_of")
    dated = _shared(list(zip(periods, as_ofs, strict=True)), _period_cells, 10,
                    list(zip(map(id, periods), map(id, as_ofs), strict=True)))
    return dict(zip(_PERIOD_NAMES, dated, strict=True))


def _period_kind(claims: list[Claim], data: DataSet) -> Columns:
    periods = _field(claims, "period")
    return {"cumulative": [p.cumulative for p in periods],
            "period_as_written": [p.as_written for p in periods]}


def _published(claims: list[Claim], data: DataSet) -> Columns:
    return dict(zip(_PUBLISHED_NAMES, _shared(_field(claims, "published"), date_triple, 3), strict=True))


def _inferred(claims: list[Claim], data: DataSet) -> Columns:
    return {"inferred": [_inferred_text(x) if x else None for x in _field(claims, "inferred")]}


def _source(claims: list[Claim], data: DataSet) -> Columns:
    sources = _field(claims, "source")
    return {"file": [r.file if r else None for r in sources],
            "line": [r.line if r else None for r in sources]}


_VALUE_NAMES = ("stated", "interval", "low", "high", "low_open", "high_open")
_CLAIMANT_NAMES = ("claimant_label", "claimant_name", "claimant_kind")
_PUBLISHED_NAMES = ("published", "published_date", "published_precision")
_MAKER: dict[str, Maker] = {
    **{name: _as_is(name) for name in ("id", "metric", "value", "value_max", "household_size",
                                       "household_size_max", "claimant", "publisher", "url", "origin",
                                       "disputed", "credibility", "quote", "notes")},
    "claim": _claim, "qualifier": _qualifier, **dict.fromkeys(_VALUE_NAMES, _values), "unit": _unit,
    **dict.fromkeys(_CLAIMANT_NAMES, _claimant),
    **dict.fromkeys(("area", "pcodes", "adm1", "area_precision"), _area),
    **dict.fromkeys(_PERIOD_NAMES, _period),
    **dict.fromkeys(("cumulative", "period_as_written"), _period_kind),
    **dict.fromkeys(_PUBLISHED_NAMES, _published), "inferred": _inferred,
    **dict.fromkeys(("file", "line"), _source),
}
"""What makes each column: a function giving its group of columns (the cells one shared object gives)."""


def _shared(objects: list[Any], cells: Callable[[Any], tuple[Cell, ...]], width: int,
            keys: list[Any] | None = None) -> list[list[Any]]:
    """Columns of cells that depend only on a shared object (an area, a claimant): made once per
    distinct key (`id()` by default: the claims keep each object alive), spread over the rows in C."""
    keys = list(map(id, objects)) if keys is None else keys
    made = {key: cells(one) for key, one in dict(zip(keys, objects, strict=True)).items()}
    rows = list(map(made.__getitem__, keys))
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def _claimant_cells(claimant_id: str, data: DataSet) -> tuple[Cell, ...]:
    kind = data.claimants[claimant_id].kind.value
    return f"{claimant_id}\n({kind})", data.claimants[claimant_id].name, kind


def _area_cells(a: Area) -> tuple[Any, ...]:
    return a.name, a.pcodes, tuple(sorted({p[:4] for p in a.pcodes})), a.precision.value


def _period_cells(dated: tuple[Period, FuzzyDate]) -> tuple[Cell, ...]:
    period, as_of = dated
    end = period.end or as_of
    start = period.start.text if period.start else "…"
    return (*date_triple(period.start), *date_triple(end), *date_triple(as_of), f"{start} →\n{end.text}")


def _value_cells(claim: Claim) -> tuple[Cell, ...]:
    iv = claim.interval
    return (claim.stated, format_interval(iv), iv.low, None if math.isinf(iv.high) else iv.high,
            iv.low_open, iv.high_open)


def _inferred_text(inferred: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in inferred)


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
        rows=ColumnRows(record_columns(claims, data)),
        title=f"{len(claims)} claim{'s' if len(claims) != 1 else ''}",
        group_by="metric",
        notes=[
            "Dates: ~ about (±3 days), -early/-mid/-late part of month.",
            "--format csv or json gives every field: P-codes, publisher, url, quote, file and line.",
        ],
        color_notes=["Party claims in red."],
    )
