"""The `hfig timeline` tables: one long-form table for CSV/JSON, and terminal views.

Long form: one row per report (`row_type` "report") and one per band date
(`row_type` "band", `claimant` "(band)"), in one table so a CSV holds
everything. Numbers stay numbers; open or unbounded ends are empty with
`low_open` / `high_open` saying which. The terminal shows the same rows as a
series table (grouped by claimant or by scope), a band table, and the chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hfig.choices import By as By  # also importable from here
from hfig.core.dataset import DataSet, collection_paused
from hfig.core.dates import DateSyntaxError, exact_day, parse_fuzzy_date
from hfig.core.gazetteer import Gazetteer
from hfig.core.model import AreaPrecision
from hfig.core.qualifiers import Interval, Qualifier, format_interval, format_number
from hfig.core.timeline import BandPoint, Point, Series, Timeline, finite
from hfig.render.dates import date_columns, date_triple
from hfig.render.hxl import count_tag
from hfig.render.records import words_in_values
from hfig.render.table import Cell, Column, ColumnRows, ResultTable, Row, stacked

BAND_CLAIMANT = "(band)"


def scope_label(gazetteer: Gazetteer, scope: Iterable[str],
                named: Mapping[tuple[str, ...], str] | None = None) -> str:
    """A short name for a set of P-codes: a named area with exactly these codes, else the units' names.

    Named areas that only partly match their codes ("N Hama / S Idlib" for
    SY05+SY07) are not used: the scope is the codes, not that name. `named` is
    `named_areas(gazetteer)`, when labelling many scopes.
    """
    codes = tuple(sorted(scope))
    name = (named_areas(gazetteer) if named is None else named).get(codes)
    if name is not None:
        return name
    return " + ".join(place.name if (place := gazetteer.place(c)) else c for c in codes)


def named_areas(gazetteer: Gazetteer) -> dict[tuple[str, ...], str]:
    """P-codes -> the first name (alphabetically) of a named area that covers exactly them."""
    out: dict[tuple[str, ...], str] = {}
    for place in gazetteer.places.values():
        usable = place.level is None and place.precision in (AreaPrecision.EXACT, AreaPrecision.APPROXIMATE)
        if usable and (place.pcodes not in out or place.name < out[place.pcodes]):
            out[place.pcodes] = place.name
    return out


def scope_labels(timeline: Timeline, gazetteer: Gazetteer) -> dict[tuple[str, ...], str]:
    scopes = {s.scope for s in timeline.series} | {b.scope for b in timeline.band}
    named = named_areas(gazetteer)
    return {s: scope_label(gazetteer, s, named) for s in sorted(scopes)}


def _series_key(claimant: str, scope: tuple[str, ...], by: By, labels: Mapping[tuple[str, ...], str]) -> str:
    codes = "+".join(scope)
    if by is By.SCOPE:
        return f"{labels[scope]} ({codes})"
    return f"{claimant} · {labels[scope]} ({codes})"


def _band_key(band: BandPoint, labels: Mapping[tuple[str, ...], str]) -> str:
    since = f", from {band.start}" if band.start else ""
    return f"band · {labels[band.scope]} ({'+'.join(band.scope)}){since}"


def ordered_series(timeline: Timeline, by: By) -> list[Series]:
    if by is By.SCOPE:
        return sorted(timeline.series, key=lambda s: (s.scope, s.claimant))
    return sorted(timeline.series, key=lambda s: (s.claimant, s.scope))


def _interval_cells(iv: Interval) -> tuple[Cell, ...]:
    """low, high, low_open, high_open, interval."""
    return finite(iv.low), finite(iv.high), iv.low_open, iv.high_open, format_interval(iv)


def _change_text(point: Point) -> str:
    if point.increment is not None:
        sign = "+" if point.increment >= 0 else "-"
        text = f"{sign}{format_number(abs(point.increment))}"
        return text if point.increment_exact else text + "*"
    return f"({(point.increment_code or '').replace('_', ' ')})"


_REPORT_NAMES = (
    "row_type", "group", "series", "date", "as_of", "as_of_date", "as_of_precision", "claimant",
    "claimant_kind", "scope", "scope_name", "area", "start", "start_date", "start_precision", "end",
    "end_date", "end_precision", "cumulative", "id", "claims", "value", "value_max", "qualifier", "unit",
    "stated", "low", "high", "low_open", "high_open", "interval", "increment", "increment_low",
    "increment_high", "increment_exact", "increment_code", "increment_reason", "change", "previous",
    "fell_from", "gap_days", "flags", "origin", "in_band",
)


def report_rows(series: Series, data: DataSet, by: By,
                labels: Mapping[tuple[str, ...], str]) -> list[tuple[Cell, ...]]:
    """A series' report rows, in `_REPORT_NAMES` order (a tuple each: no dict per row). What the
    series' reports share (its keys, claimant, scope) is worked out once."""
    claimant = data.claimants[series.claimant]
    kind = claimant.kind.value
    scope, label = series.scope, labels[series.scope]
    key = _series_key(series.claimant, scope, by, labels)
    # By claimant, one terminal section per series (the scope in its heading keeps the
    # table narrow); by scope, one per scope with the claimant as a column.
    group = (f"{label} ({'+'.join(scope)})" if by is By.SCOPE
             else key + (" (party to the conflict)" if claimant.is_party else ""))
    units = data.metrics
    rows = []
    for point in series.points:
        c = point.claim
        inc = point.increment_interval
        metric_unit = units[c.metric].unit
        rows.append((
            "report", group, key, c.as_of.mid, *date_triple(c.as_of), c.claimant, kind, list(scope), label,
            c.area.name, *date_triple(c.period.start), *date_triple(c.period.end or c.as_of),
            c.period.cumulative, c.id, [c.id], c.value, c.value_max, _QUALIFIER_TEXT[c.qualifier],
            c.unit or metric_unit,
            c.stated + (f" {c.unit}" if c.unit and c.unit != metric_unit else ""),
            *_interval_cells(c.interval), point.increment,
            finite(inc.low) if inc else None, finite(inc.high) if inc else None,
            point.increment_exact if inc else None, point.increment_code, point.increment_reason,
            _change_text(point), point.previous, point.fell_from, point.gap_days,
            [f.value for f in point.flags], c.origin, point.counted,
        ))
    return rows


_QUALIFIER_TEXT = {q: q.value for q in Qualifier}


_BAND_NAMES = (
    "row_type", "group", "series", "date", "as_of", "as_of_date", "as_of_precision", "claimant",
    "claimant_kind", "scope", "scope_name", "start", "start_date", "start_precision", "claims",
    "claimants", "starts", "low", "high", "low_open", "high_open", "interval", "flags",
)


def band_cells(band: BandPoint, labels: Mapping[tuple[str, ...], str],
               days: dict[Any, tuple[Cell, ...]] | None = None) -> tuple[Cell, ...]:
    """A band date's row, in `_BAND_NAMES` order. `days` remembers the cells of a day and of a start
    (many band dates share them)."""
    days = {} if days is None else days
    key = _band_key(band, labels)
    day = days.get(band.date)
    if day is None:
        day = days[band.date] = date_triple(exact_day(band.date))
    start = days.get(band.start)
    if start is None:
        start = days[band.start] = (band.start or None, *_start_cells(band.start))
    return (
        "band", key, key, band.date, *day, BAND_CLAIMANT, None,
        list(band.scope), labels[band.scope], *start,
        list(band.claims), list(band.claimants), [s for s in band.starts if s],
        *_interval_cells(band.interval),
        ([] if band.changed else ["unchanged"]) + (["households_converted"] if band.converted else []),
    )


def _start_cells(text: str) -> tuple[dt.date | None, str | None]:
    """The day and the precision of a start as written; None for none, or for text that is no date."""
    if not text:
        return None, None
    try:
        start = parse_fuzzy_date(text)
    except DateSyntaxError:
        return None, None
    return start.mid, start.precision.value


def _party_style(value: Cell, row: dict[str, Cell]) -> str:
    return "bold red" if row.get("claimant_kind") == "party_to_conflict" else ""


def _columns(by: By, metric: str | None = None, unit: str | None = None) -> list[Column]:
    # terminal=True marks what the series table shows at 100 columns; CSV/JSON get every column.
    def count(*attributes: str) -> str:
        return count_tag(metric, unit, *attributes)

    return [
        Column("group", terminal=False, machine=False),
        Column("row_type", hxl="#meta+row_type", terminal=False),
        Column("series", hxl="#meta+series", terminal=False),
        Column("date", hxl="#date", terminal=False),
        *date_columns("as_of", "reported", "as of", terminal=True, no_wrap=False),
        Column("claimant", hxl="#org+code", style=_party_style, terminal=by is By.SCOPE),
        Column("claimant_kind", hxl="#org+type", terminal=False),
        Column("scope", hxl="#loc+code", terminal=False),
        Column("scope_name", hxl="#loc+name", terminal=False),
        Column("area", hxl="#loc+name+as_written", terminal=False),
        *date_columns("start", "start", "period from", terminal=True, no_wrap=False),
        *date_columns("end", "end", "period to"),
        Column("cumulative", hxl="#meta+cumulative", terminal=False),
        Column("id", hxl="#meta+id"),
        Column("claims", hxl="#meta+claims", terminal=False),
        Column("claimants", hxl="#org+code+list", terminal=False),
        Column("starts", hxl="#meta+date+start+list", terminal=False),
        Column("value", hxl=count(), terminal=False),
        Column("value_max", hxl=count("value_max"), terminal=False),
        Column("qualifier", hxl="#meta+qualifier", terminal=False),
        Column("unit", hxl="#indicator+unit", terminal=False),
        Column("stated", "value as stated", hxl="#meta+stated", justify="right"),
        Column("interval", hxl="#meta+interval", terminal=False),
        Column("low", hxl=count("min"), terminal=False),
        Column("high", hxl=count("max"), terminal=False),
        Column("low_open", hxl="#meta+min+open", terminal=False),
        Column("high_open", hxl="#meta+max+open", terminal=False),
        Column("increment", hxl=count("increment"), terminal=False),
        Column("increment_low", hxl=count("increment", "min"), terminal=False),
        Column("increment_high", hxl=count("increment", "max"), terminal=False),
        Column("increment_exact", hxl="#meta+increment+exact", terminal=False),
        Column("increment_code", hxl="#meta+increment+code", terminal=False),
        Column("increment_reason", hxl="#description+increment", terminal=False),
        Column("change", "increment", terminal=True, machine=False, justify="right"),
        Column("previous", hxl="#meta+previous", terminal=False),
        Column("fell_from", hxl="#meta+fell_from", terminal=False),
        Column("gap_days", hxl="#meta+gap_days", terminal=False),
        Column("flags", hxl="#meta+flags"),
        Column("origin", hxl="#meta+origin", terminal=False),
        Column("in_band", hxl="#meta+in_band", terminal=False),
    ]


def timeline_table(timeline: Timeline, data: DataSet, by: By = By.CLAIMANT,
                   labels: Mapping[tuple[str, ...], str] | None = None) -> ResultTable:
    """Every report and every band date, long form (the CSV/JSON result). `labels`: `scope_labels`
    of the timeline, when the caller has them already."""
    labels = scope_labels(timeline, data.gazetteer) if labels is None else labels
    unit = data.metrics[timeline.metric].unit if timeline.metric in data.metrics else None
    columns = _columns(by, timeline.metric, unit)
    with collection_paused():  # a tuple per row, then lists per column: no garbage
        reports = [row for series in ordered_series(timeline, by)
                   for row in report_rows(series, data, by, labels)]
        days: dict[Any, tuple[Cell, ...]] = {}
        bands = [band_cells(b, labels, days) for b in timeline.band]
        rows = ColumnRows(stacked([c.name for c in columns], (_REPORT_NAMES, reports), (_BAND_NAMES, bands)))
    if any(isinstance(v, str) for v in rows.column("value")):
        columns = words_in_values(columns)
    meta = {
        "metric": timeline.metric,
        "by": by.value,
        "every": timeline.every.value if timeline.every else None,
        "since": timeline.window[0].isoformat() if timeline.window[0] else None,
        "until": timeline.window[1].isoformat() if timeline.window[1] else None,
        "excluded_party_claims": list(timeline.excluded_parties),
    }
    return ResultTable("timeline", columns, rows, title=f"timeline: {timeline.metric}", meta=meta)


def rows_of_type(table: ResultTable, row_type: str) -> Sequence[Row]:
    """The rows of one `row_type`. Rows kept as columns stay columns: the terminal reads them a column
    at a time, and a dict per row of 44 cells cost more than laying the series table out."""
    rows = table.rows
    if not isinstance(rows, ColumnRows):
        return [r for r in rows if r["row_type"] == row_type]
    picked = [k for k, kind in enumerate(rows.column("row_type")) if kind == row_type]
    if picked and picked[-1] - picked[0] == len(picked) - 1:  # one run, as `timeline_table` makes them
        chosen = slice(picked[0], picked[-1] + 1)
        return ColumnRows({name: cells[chosen] for name, cells in rows.columns.items()})
    return ColumnRows({name: [cells[k] for k in picked] for name, cells in rows.columns.items()})


def series_table(table: ResultTable, by: By) -> ResultTable:
    """The terminal's series view: report rows grouped by claimant and scope (or by scope)."""
    rows = rows_of_type(table, "report")
    notes = [
        "increment: since the previous report of the same claimant and scope; "
        "* = a difference of stated values, not both exact (see increment_low/high in --format csv).",
        "(first), (start changed), ...: why there is no increment. --format csv gives every field.",
    ]
    title = f"{table.meta['metric']}: reports in as-of order"
    return ResultTable("timeline", table.columns, rows, title=title, group_by="group", notes=notes)


def band_table(table: ResultTable) -> ResultTable:
    rows = rows_of_type(table, "band")
    columns = [
        Column("group", terminal=False),
        Column("date"),
        Column("interval", "low – high", justify="right"),
        Column("claimants"),
        Column("claims", "claim ids"),
    ]
    excluded = table.meta.get("excluded_party_claims") or []
    notes = ["The band: at each as-of date, the hull of each claimant's latest running total (echoes once, "
             "party claims out); what was known on a date: --as-of."]
    if excluded:
        notes.append("Party claims kept out of the band (--include-parties to add them): "
                     f"{', '.join(excluded)}.")
    return ResultTable("timeline_band", columns, rows, title="band over time", group_by="group", notes=notes)
