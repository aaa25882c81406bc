"""The geometry of the report's charts: a timeline becomes panels of marks and band steps.

Honest by construction (docs/report.md, "Charts"):

- a figure is drawn as what it says: its point value (the stated number, the
  middle of a 'between', the coded value of a vague word) *and* its interval as
  a vertical whisker; an unbounded end ("more than 200,000") runs to the top
  of the panel and ends in an arrow; a value the figure excludes ("more than")
  is a hollow marker;
- a fuzzy as-of date ("late May", "~23 May") is a horizontal span over the
  days it may mean, never one invented day;
- the band (the spread of each claimant's latest running total) is a step
  shading that holds until the next report: no line between reports, no
  smoothing; its unbounded top fades out at the panel's top;
- the y axis starts at zero; each area (set of P-codes) gets its own panel,
  so figures for different areas are never on one scale as if comparable;
- claimants are told apart by colour (Okabe-Ito, safe for colour-blind
  readers) *and* marker shape; a party to the conflict has a cross and the
  word "party" beside it.

Only numbers and the labels to print come out of here; the page template
escapes every label.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

from msgspec import Struct
from msgspec.structs import replace

from hfig.core.dates import FuzzyDate
from hfig.core.model import Claimant, Metric, MetricKind
from hfig.core.qualifiers import Interval, Qualifier, format_number
from hfig.core.reconcile import point_value
from hfig.core.timeline import BandPoint, Flag, Point, Timeline, band_groups, in_metric_unit
from hfig.render.report.words import date_words, day_words, month, text_date_words

WIDTH = 760
LEFT = 72  # room for the y tick labels
RIGHT = 16
TITLE_H = 24  # the panel's area name above its plot
PLOT_H = 120
AXIS_H = 30  # the x tick labels under each plot
PANEL_H = TITLE_H + PLOT_H + AXIS_H

MAX_PANELS = 30
"""Panels (area and period) drawn per chart; the others are in the chart's table (the caption names them)."""

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#000000", "#CC79A7", "#E69F00", "#56B4E9")
"""Okabe-Ito without its yellow (too light on white to read as a line or a marker), the colours
with at least 3:1 contrast on white first: orange and sky blue (about 2:1) only from a chart's
sixth claimant on, where the shapes and the table carry the difference too."""
SHAPES = ("circle", "square", "triangle", "diamond")
PARTY_SHAPE = "cross"


class Style(Struct, frozen=True):
    colour: str
    shape: str


def claimant_styles(claimants: Sequence[Claimant]) -> dict[str, Style]:
    """A colour and a shape per claimant of one chart.

    Per chart, so that the claimants of one chart differ by colour first: seven
    colours, then the shapes change too (28 claimants before a pair repeats). A
    party to the conflict always has the cross, which no one else has.
    """
    out: dict[str, Style] = {}
    for i, c in enumerate(sorted(claimants, key=lambda c: c.id)):
        shape = PARTY_SHAPE if c.is_party else SHAPES[(i // len(PALETTE)) % len(SHAPES)]
        out[c.id] = Style(PALETTE[i % len(PALETTE)], shape)
    return out


class Key(Struct, frozen=True):
    """A claimant in the chart's legend."""

    name: str
    party: bool
    style: Style


class Tick(Struct, frozen=True):
    pos: float
    label: str
    anchor: str = "middle"  # an x label near an edge is aligned to stay inside the chart


class Mark(Struct, frozen=True):
    """One figure: its point value, its interval as a whisker, its as-of span."""

    claim_id: str
    colour: str
    shape: str
    party: bool
    x: float  # the middle day of the as-of date
    x0: float  # the as-of span; x0 == x1 for a day
    x1: float
    y: float  # the point value
    y_low: float  # the interval on screen (y grows downwards: y_low >= y_high)
    y_high: float
    unbounded: bool  # no upper bound: the whisker runs to the top and ends in an arrow
    hollow: bool  # the point value itself is excluded ("more than", "less than")
    label: str  # what a pointer shows: who said what, when

    @property
    def spans(self) -> bool:
        return self.x1 > self.x0

    @property
    def whisker(self) -> bool:
        return self.y_low - self.y_high >= 1 or self.unbounded


class Step(Struct, frozen=True):
    """The band between two report dates: the spread of the latest running totals."""

    x0: float
    x1: float
    y_low: float
    y_high: float
    unbounded: bool


class Band(Struct, frozen=True):
    label: str
    steps: tuple[Step, ...]
    tag: str  # printed at the band's start when a panel has bands for several periods


class Panel(Struct, frozen=True):
    scope: tuple[str, ...]
    label: str
    top: float  # y of the panel's title line; the plot starts TITLE_H below
    y_ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    bands: tuple[Band, ...]

    @property
    def plot_top(self) -> float:
        return self.top + TITLE_H

    @property
    def plot_bottom(self) -> float:
        return self.top + TITLE_H + PLOT_H


class Chart(Struct, frozen=True):
    id: str
    title: str
    description: str
    height: float
    x_ticks: tuple[Tick, ...]
    panels: tuple[Panel, ...]
    omitted: tuple[str, ...]  # labels of areas not drawn (more than MAX_PANELS)
    legend: tuple[Key, ...]
    day_width: float  # pixels per day
    width: int = WIDTH
    left: int = LEFT
    right: int = WIDTH - RIGHT


def not_drawn(point: Point, unit: str) -> str | None:
    """Why a report is not in the chart, or None when it is."""
    if Flag.ECHO in point.flags:
        return "not drawn: an echo repeats another record's figure"
    if Flag.DISPUTED in point.flags:
        return "not drawn: quoted by its source in order to reject it"
    if in_metric_unit(point.claim, unit) is None:
        return f"not drawn: counted in {point.claim.unit}, not {unit}"
    return None


# --- scales ----------------------------------------------------------------------


def nice_top(value: float) -> tuple[float, float]:
    """A round top for a y axis from zero, and its tick step: 0-350,000 -> (400,000, 100,000)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    step = max(step, 1.0)  # counts: no tick between two whole numbers
    return math.ceil(value / step) * step, step


class DayScale(Struct, frozen=True):
    """Days to x: each day is a slot [day, day + 1), so a day has a width and a span its days."""

    first: dt.date
    last: dt.date  # inclusive

    def x(self, day: dt.date, offset: float = 0.0) -> float:
        days = (self.last - self.first).days + 1
        return LEFT + ((day - self.first).days + offset) / days * (WIDTH - RIGHT - LEFT)

    def ticks(self) -> tuple[Tick, ...]:
        span = (self.last - self.first).days + 1
        if span <= 21:
            days = [self.first + dt.timedelta(days=i) for i in range(0, span, max(1, span // 7))]
        elif span <= 120:  # Mondays
            start = self.first + dt.timedelta(days=(7 - self.first.weekday()) % 7)
            step = 7 if span <= 63 else 14
            days = [start + dt.timedelta(days=i) for i in range(0, (self.last - start).days + 1, step)]
        else:  # first days of months: every month up to about a year, then quarters, then years
            every = 1 if span <= 400 else 3 if span <= 1200 else 12
            days = []
            year, number = self.first.year, self.first.month
            while (d := dt.date(year, number, 1)) <= self.last:
                if d >= self.first and (number - 1) % every == 0:
                    days.append(d)
                year, number = (year + 1, 1) if number == 12 else (year, number + 1)
        out: list[Tick] = []
        shown: int | None = None
        for d in days:
            # months by name; the year on the first tick and whenever it changes
            label = month(d, True) if span > 120 else f"{d.day} {month(d, True)}"
            if d.year != shown:
                label += f" {d.year}"
            shown = d.year
            x = round(self.x(d, 0.5), 1)
            out.append(Tick(x, label, "end" if x > WIDTH - RIGHT - 24 else "middle"))
        return tuple(out)


def _y(value: float, top: float, y_max: float) -> float:
    return round(top + TITLE_H + PLOT_H * (1 - min(value, y_max) / y_max), 1)


# --- building ---------------------------------------------------------------------


def build_chart(
    chart_id: str,
    timeline: Timeline,
    metric: Metric,
    labels: Mapping[tuple[str, ...], str],
    claimants: Mapping[str, Claimant],
    *,
    title: str,
) -> Chart | None:
    """Panels of one metric's chart, one per area, or None when nothing can be drawn."""
    drawn: dict[tuple[str, ...], list[Point]] = {}
    for series in timeline.series:
        for p in series.points:
            if not_drawn(p, metric.unit) is None:
                drawn.setdefault(series.scope, []).append(p)
    bands: dict[tuple[str, ...], list[BandPoint]] = {}
    for b in timeline.band:
        bands.setdefault(b.scope, []).append(b)
    groups = _groups(drawn, bands, stock=metric.kind is MetricKind.STOCK)
    if not groups:
        return None
    # The panels with the most figures, shown in P-code and period order like the reconciled rows.
    kept = {id(g) for g in sorted(groups, key=lambda g: -len(g.points))[:MAX_PANELS]}
    omitted = tuple(g.label(labels) for g in groups if id(g) not in kept)
    groups = [g for g in groups if id(g) in kept]
    who = sorted({p.claim.claimant for g in groups for p in g.points})
    styles = claimant_styles([claimants[k] for k in who])

    days = [d for g in groups for p in g.points for d in (p.claim.as_of.earliest, p.claim.as_of.latest)]
    days += [b.date for g in groups for b in g.bands]
    first, last = min(days), max(days)
    pad = dt.timedelta(days=max(1, ((last - first).days + 1) // 30))
    scale = DayScale(first - pad, last + pad)
    end_x = scale.x(last, 1.0)

    panels = []
    for i, g in enumerate(groups):
        top = i * PANEL_H
        y_max, y_step = nice_top(_finite_top(g.points, g.bands, metric) * 1.08)
        ticks = tuple(Tick(_y(k * y_step, top, y_max), format_number(k * y_step))
                      for k in range(round(y_max / y_step) + 1))
        ordered = sorted(g.points, key=lambda p: (p.claim.as_of.mid, p.claim.claimant, p.claim.id))
        marks = side_by_side([_mark(p, metric, claimants, styles, scale, top, y_max) for p in ordered])
        panels.append(Panel(g.scope, g.label(labels), top, ticks, marks,
                            _bands(g.bands, scale, top, y_max, end_x)))
    n = sum(len(p.marks) for p in panels)
    said = (f", said between {day_words(first)} and {day_words(last)}" if first != last
            else f", said on {day_words(first)}")
    description = (f"{title}: {n} figure{'s' if n != 1 else ''} from {len(who)} "
                   f"claimant{'s' if len(who) != 1 else ''} "
                   f"in {len(panels)} panel{'s' if len(panels) != 1 else ''}{said}. Each area and period "
                   "has its own panel and scale from zero. Shaded: the band of the latest running totals. "
                   "The same data is in the table under the chart.")
    legend = tuple(Key(claimants[k].name, claimants[k].is_party, styles[k]) for k in who)
    return Chart(chart_id, title, description, len(panels) * PANEL_H, scale.ticks(), tuple(panels), omitted,
                 legend, scale.x(scale.first, 1.0) - scale.x(scale.first))


class Group(Struct):
    """The figures of one panel: one area, one cluster of period starts (as reconciled rows)."""

    scope: tuple[str, ...]
    start: FuzzyDate | None  # the earliest period start; None for figures without a start
    points: list[Point]
    bands: list[BandPoint]

    def label(self, labels: Mapping[tuple[str, ...], str]) -> str:
        if self.start is not None:
            when = f"counted from {date_words(self.start)}"
        else:  # stocks and counts without a start cluster by the day they were said
            said = sorted(p.claim.as_of.mid for p in self.points) or sorted(b.date for b in self.bands)
            when = "figures without a start" + (
                f", said {day_words(said[0])}" if said[0] == said[-1]
                else f", said {day_words(said[0])} to {day_words(said[-1])}")
        return f"{labels[self.scope]} ({', '.join(self.scope)}): {when}"


def _groups(drawn: Mapping[tuple[str, ...], list[Point]], bands: Mapping[tuple[str, ...], list[BandPoint]],
            *, stock: bool) -> list[Group]:
    """A panel per area and comparable period: figures counted from different starts never share one.

    Figures are grouped as the timeline's bands group them (running totals whose
    starts share a day; a metric's stocks together), so each panel holds the
    figures of one band, and each band sits in the panel of the figures it is
    the spread of.
    """
    out: list[Group] = []
    for scope in sorted(set(drawn) | set(bands)):
        points = drawn.get(scope, [])
        by_id = {p.claim.id: p for p in points}
        groups = []
        for cluster in band_groups([p.claim for p in points], stock):
            starts = [c.period.start for c in cluster if c.period.start is not None]
            start = min(starts, key=lambda d: (d.mid, d.text)) if starts else None
            groups.append(Group(scope, start, [by_id[c.id] for c in cluster], []))
        where = {p.claim.id: g for g in groups for p in g.points}
        for b in bands.get(scope, []):
            home = next((where[c] for c in b.claims if c in where), None)
            if home is None:  # a band of figures not drawn (cannot happen today): a panel of its own
                home = Group(scope, None, [], [])
                groups.append(home)
                where.update({c: home for c in b.claims})
            home.bands.append(b)
        out += sorted(groups, key=lambda g: (g.start is None, g.start.mid if g.start else dt.date.min))
    return out


DODGE = 7.0
"""Markers closer than this (pixels) would hide each other: they are drawn this far apart."""


def side_by_side(marks: list[Mark]) -> tuple[Mark, ...]:
    """Markers that would cover each other, side by side around their day (spans stay put).

    Two figures said the same day about the same number (OCHA's 180,000 and the
    UN's "at least 179,600", both about 9 May) would otherwise draw one marker.
    The shift is a few pixels, less than the day's width on most charts; the
    horizontal span still shows the days the date may mean.
    """
    groups: list[list[int]] = []
    for i, m in enumerate(marks):
        for group in groups:
            first = marks[group[0]]
            if abs(first.x - m.x) < DODGE and abs(first.y - m.y) < DODGE:
                group.append(i)
                break
        else:
            groups.append([i])
    out = list(marks)
    for group in groups:
        for k, i in enumerate(group if len(group) > 1 else ()):
            shift = round((k - (len(group) - 1) / 2) * DODGE, 1)
            out[i] = replace(marks[i], x=round(marks[i].x + shift, 1))
    return tuple(out)


def _finite_top(points: Sequence[Point], steps: Sequence[BandPoint], metric: Metric) -> float:
    """The highest finite number a panel must show: point values, finite interval ends, band ends."""
    values = [0.0]
    for p in points:
        iv = in_metric_unit(p.claim, metric.unit) or p.claim.interval
        values += [point_value(p.claim, metric), iv.low] + ([] if math.isinf(iv.high) else [iv.high])
    for b in steps:
        values += [b.interval.low] + ([] if math.isinf(b.interval.high) else [b.interval.high])
    return max(values)


def _mark(point: Point, metric: Metric, claimants: Mapping[str, Claimant], styles: Mapping[str, Style],
          scale: DayScale, top: float, y_max: float) -> Mark:
    c = point.claim
    iv: Interval = in_metric_unit(c, metric.unit) or c.interval
    value = point_value(c, metric)
    who = claimants[c.claimant]
    style = styles[c.claimant]
    hollow = not iv.contains(value)  # "more than 200,000" does not include 200,000
    x = round(scale.x(c.as_of.mid, 0.5), 1)
    exact = c.as_of.earliest == c.as_of.latest  # a day is a marker; only a fuzzy date is a span
    return Mark(
        claim_id=c.id, colour=style.colour, shape=style.shape, party=who.is_party,
        x=x, x0=x if exact else round(scale.x(c.as_of.earliest), 1),
        x1=x if exact else round(scale.x(c.as_of.latest, 1.0), 1),
        y=_y(value, top, y_max), y_low=_y(iv.low, top, y_max),
        y_high=_y(iv.high, top, y_max) if not math.isinf(iv.high) else round(top + TITLE_H, 1),
        unbounded=math.isinf(iv.high), hollow=hollow,
        label=f"{who.name}: {c.stated}{_unit_note(c.unit, metric)}, said {date_words(c.as_of)}"
              + (" (party to the conflict)" if who.is_party else "")
              + ("" if c.qualifier is not Qualifier.ABOUT else f", read as {format_number(iv.low)}"
                 f" to {format_number(iv.high)}"),
    )


def _unit_note(unit: str | None, metric: Metric) -> str:
    return f" {unit}" if unit and unit != metric.unit else ""


def _bands(points: Sequence[BandPoint], scale: DayScale, top: float, y_max: float,
           end_x: float) -> tuple[Band, ...]:
    """Step shading per period cluster: each date's spread holds until the cluster's next date."""
    groups: dict[str, list[BandPoint]] = {}
    for b in points:
        groups.setdefault(b.start, []).append(b)
    out = []
    for start, members in sorted(groups.items()):
        members.sort(key=lambda b: b.date)
        steps = []
        for k, b in enumerate(members):
            x0 = scale.x(b.date, 0.5)
            x1 = scale.x(members[k + 1].date, 0.5) if k + 1 < len(members) else max(end_x, x0 + 2)
            unbounded = math.isinf(b.interval.high)
            steps.append(Step(round(x0, 1), round(x1, 1), _y(b.interval.low, top, y_max),
                              round(top + TITLE_H, 1) if unbounded else _y(b.interval.high, top, y_max),
                              unbounded))
        since = f"from {text_date_words(start)}" if start else "no start"
        out.append(Band(f"band, periods {since}" if start else "band", tuple(steps),
                        since if len(groups) > 1 else ""))
    return tuple(out)
