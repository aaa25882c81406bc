"""The terminal chart of a timeline: plain ASCII, one row per series plus the band.

Time runs left to right (a report sits at the middle day of its as-of date).
Each report is a marker followed by its figure in short form, qualifier kept
(">150k" is "more than 150,000"); consecutive reports of a series are joined
by `-`, or by `.` across a gap. The band row shows the spread of the
claimants' latest running totals where it changes, joined by `=`. A label
that would overwrite another moves to a continuation line, so nothing is
hidden. No colour, no terminal queries: the same input gives the same text.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from hfig.core.model import Claim
from hfig.core.qualifiers import VAGUE_LEXICON, Interval, Qualifier
from hfig.core.timeline import BandPoint, Flag, Point, Series, Timeline
from hfig.render.timeline import By, ordered_series

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_WIDTH = 24
RIGHT_MARGIN = 12  # room for the figure after a marker at the last date
MIN_WIDTH = 60

ToColumn = Callable[[dt.date], int]

_PREFIX = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "~",
    Qualifier.AT_LEAST: ">=",
    Qualifier.MORE_THAN: ">",
    Qualifier.UP_TO: "<=",
    Qualifier.LESS_THAN: "<",
}

LEGEND = (
    "o report  v fell  e echo (counted once)  x disputed  # own period or no start  (party): party claim",
    "- next report  . gap over 14 days  = band  |[a,b] band from here: [ ] included, ( ) excluded",
    "> more than  >= at least  <= up to  < less than  ~ about  k thousand  M million",
)


def short_number(x: float) -> str:
    """152210 -> '152.2k'; 1300000 -> '1.3M'; 229 -> '229'; inf -> 'inf'."""
    if math.isinf(x):
        return "inf"
    if abs(x) >= 1e6:
        return f"{x / 1e6:.4g}M"
    if abs(x) >= 1e3:
        return f"{x / 1e3:.4g}k"
    return f"{x:.4g}"


def short_figure(claim: Claim) -> str:
    if isinstance(claim.value, str):
        word = VAGUE_LEXICON[claim.value]
        return f"{claim.value.replace('_', ' ')}({short_number(word.low)}-{short_number(word.high)})"
    if claim.qualifier is Qualifier.BETWEEN and claim.value_max is not None:
        return f"{short_number(claim.value)}-{short_number(claim.value_max)}"
    return _PREFIX.get(claim.qualifier, "") + short_number(claim.value)


def short_interval(iv: Interval) -> str:
    left = "(" if iv.low_open else "["
    right = ")" if iv.high_open else "]"
    return f"{left}{short_number(iv.low)},{short_number(iv.high)}{right}"


def _day_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day:02d}"


class _Canvas:
    """Rows of cells; a row grows continuation lines when a label does not fit."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[list[str]] = [[" "] * width]

    def _free(self, line: list[str], start: int, text: str) -> bool:
        lo, hi = max(0, start - 1), min(self.width, start + len(text) + 1)
        return all(line[i] in " -.=" for i in range(lo, hi)) and start + len(text) <= self.width

    def place(self, col: int, text: str) -> int:
        """Write text starting at col (or ending there, near the right edge); return the line used."""
        text = text[:self.width]
        start = col if col + len(text) <= self.width else max(0, col - len(text) + 1)
        for n, line in enumerate(self.lines):
            if self._free(line, start, text):
                line[start:start + len(text)] = list(text)
                return n
        self.lines.append([" "] * self.width)
        self.lines[-1][start:start + len(text)] = list(text)
        return len(self.lines) - 1

    def join(self, a: int, b: int, char: str) -> None:
        """Fill blanks of the first line strictly between two columns."""
        for i in range(a + 1, b):
            if self.lines[0][i] == " ":
                self.lines[0][i] = char

    def text(self) -> list[str]:
        return ["".join(line).rstrip() for line in self.lines]


def _marker(point: Point) -> str:
    if Flag.ECHO in point.flags:
        return "e"
    if Flag.DISPUTED in point.flags:
        return "x"
    if Flag.FELL in point.flags:
        return "v"
    if Flag.NOT_CUMULATIVE in point.flags or Flag.NO_START in point.flags:
        return "#"
    return "o"


def _row_label(text: str) -> str:
    return text if len(text) <= LABEL_WIDTH else text[:LABEL_WIDTH - 2] + ".."


def render_chart(timeline: Timeline, labels: Mapping[tuple[str, ...], str], *, width: int = 100,
                 by: By = By.CLAIMANT) -> str:
    """The chart as text, at most `width` columns (at least 60)."""
    width = max(width, MIN_WIDTH)
    series = ordered_series(timeline, by)
    days = [p.date for s in series for p in s.points] + [b.date for b in timeline.band]
    if not days:
        return "No reports to chart.\n"
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    plot = width - LABEL_WIDTH - 1
    inner = plot - RIGHT_MARGIN

    def col(day: dt.date) -> int:
        return round((day - first).days * (inner - 1) / span)

    out = textwrap.wrap(f"{timeline.metric} by as-of date ({_day_label(first)} {first.year} to "
                        f"{_day_label(last)} {last.year}; fuzzy dates at their middle day)", width)
    out += _axis(first, last, col, plot)
    bands = _bands_by_key(timeline.band)
    done: set[tuple[tuple[str, ...], str]] = set()
    for s in series:
        if by is By.SCOPE and s is next(x for x in series if x.scope == s.scope):
            out.append(f"{labels[s.scope]} ({'+'.join(s.scope)})")
        out += _series_lines(s, labels, col, plot, by, timeline.unit)
        if by is By.SCOPE and s is _last_of_scope(series, s.scope):
            for key in sorted(k for k in bands if k[0] == s.scope):
                out += _band_lines(bands[key], labels, col, plot)
                done.add(key)
    for key in sorted(k for k in bands if k not in done):
        out += _band_lines(bands[key], labels, col, plot)
    out.append("")
    for line in LEGEND:
        out += textwrap.wrap(line, width)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _last_of_scope(series: Sequence[Series], scope: tuple[str, ...]) -> Series:
    return [s for s in series if s.scope == scope][-1]


def _bands_by_key(band: Sequence[BandPoint]) -> dict[tuple[tuple[str, ...], str], list[BandPoint]]:
    out: dict[tuple[tuple[str, ...], str], list[BandPoint]] = {}
    for b in band:
        out.setdefault((b.scope, b.start), []).append(b)
    return out


Step = tuple[str, int]
"""A calendar step between ticks: ("day", 1), ("day", 7) ... ("month", 3) ... ("year", 10)."""

STEPS: tuple[Step, ...] = (
    ("day", 1), ("day", 7), ("day", 14), ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
)
_STEP_DAYS = {"day": 1, "month": 28, "year": 365}  # the shortest each unit can be
_EPOCH_MONDAY = dt.date(1900, 1, 1)  # fortnights are counted from it: the same Mondays for every chart


def step_ticks(first: dt.date, last: dt.date, step: Step) -> list[dt.date]:
    """The days from `first` to `last` on a calendar step: every day; Mondays (every week, or every
    other one counted from 1900-01-01); the 1st of every month, of Jan/Mar/..., Jan/Apr/Jul/Oct or
    Jan/Jul; 1 January of every year, or of years divisible by 2, 5, 10 ..."""
    unit, n = step
    if unit == "day":
        if n == 1:
            day = first
        else:
            day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
            day += dt.timedelta(days=(-(day - _EPOCH_MONDAY).days) % n)
        return [day + dt.timedelta(days=i) for i in range(0, (last - day).days + 1, n)] if day <= last else []
    if unit == "month":
        index = first.year * 12 + first.month - 1 + (first.day != 1)  # months since year 0, from the 1st
        index += -index % n
        out = []
        while (day := dt.date(index // 12, index % 12 + 1, 1)) <= last:
            out.append(day)
            index += n
        return out
    year = first.year + (first != dt.date(first.year, 1, 1))
    year += -year % n
    return [dt.date(y, 1, 1) for y in range(year, last.year + 1, n)]


def tick_label(day: dt.date, step: Step) -> str:
    """'May 06' for days and weeks (the title says the years), 'Jun 2019' for months, '2019' for years."""
    if step[0] == "day":
        return _day_label(day)
    if step[0] == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


def axis_step(first: dt.date, last: dt.date, col: ToColumn, columns: int) -> tuple[Step, list[dt.date]]:
    """The finest calendar step whose every tick has its label, with a blank between labels."""
    span = (last - first).days
    for step in STEPS:
        if span // (_STEP_DAYS[step[0]] * step[1]) > columns // 2:  # cannot fit: no need to list them
            continue
        ticks = step_ticks(first, last, step)
        width = len(tick_label(first, step))
        cols = [col(t) for t in ticks]
        if ticks and all(b - a > width for a, b in pairwise(cols)):
            return step, ticks
    return ("day", 1), [first]


def _axis(first: dt.date, last: dt.date, col: ToColumn, plot: int) -> list[str]:
    """Tick labels evenly spaced in calendar terms, every tick labelled; the rule under them."""
    step, ticks = axis_step(first, last, col, plot)
    labels = [" "] * plot
    rule = ["-"] * plot
    for day in ticks:
        c = col(day)
        rule[c] = "+"
        text = tick_label(day, step)
        labels[c:c + len(text)] = list(text)
    pad = " " * (LABEL_WIDTH + 1)
    return [pad + "".join(labels).rstrip(), pad + "".join(rule[:col(last) + 1])]


def _series_lines(series: Series, labels: Mapping[tuple[str, ...], str], col: ToColumn, plot: int,
                  by: By, unit: str | None) -> list[str]:
    canvas = _Canvas(plot)
    previous: tuple[int, int, Point] | None = None
    for point in series.points:
        c = col(point.date)
        text = _marker(point) + ("" if Flag.ECHO in point.flags else short_figure(point.claim))
        if point.claim.unit and point.claim.unit != unit and Flag.ECHO not in point.flags:
            text += f" {point.claim.unit}"
        line = canvas.place(c, text)
        is_report = Flag.ECHO not in point.flags and Flag.DISPUTED not in point.flags
        if is_report:
            if previous is not None and previous[1] == 0 and line == 0:
                canvas.join(previous[0], c, "." if Flag.GAP in point.flags else "-")
            previous = (c, line, point)
    party = " (party)" if any(Flag.PARTY in p.flags for p in series.points) else ""
    if by is By.SCOPE:
        names = [f"  {series.claimant}{party}"]
    else:
        names = [f"{series.claimant} {labels[series.scope]}{party}"]
    if len(names[0]) > LABEL_WIDTH:  # the claimant on one line, the rest below it
        names = ([f"  {series.claimant}", f"    {party.strip()}"] if by is By.SCOPE
                 else [series.claimant, f"  {labels[series.scope]}{party}"])
    return _with_labels(names, canvas.text())


def _band_lines(points: Sequence[BandPoint], labels: Mapping[tuple[str, ...], str], col: ToColumn,
                plot: int) -> list[str]:
    canvas = _Canvas(plot)
    shown = [b for b in points if b.changed] or list(points[:1])
    for b in shown:
        canvas.place(col(b.date), "|" + short_interval(b.interval))
    canvas.join(col(points[0].date), col(points[-1].date) + 1, "=")
    first = points[0]
    names = [f"band {labels[first.scope]}"] + ([f"  from {first.start}"] if first.start else [])
    return _with_labels(names, canvas.text())


def _with_labels(names: str | list[str], lines: list[str]) -> list[str]:
    """Row names on the left of the canvas lines; a second name gets a line of its own if needed."""
    names = [names] if isinstance(names, str) else names
    lines = lines + [""] * (len(names) - len(lines))
    return [f"{(_row_label(names[n]) if n < len(names) else ''):<{LABEL_WIDTH}} {text}".rstrip()
            for n, text in enumerate(lines)]
