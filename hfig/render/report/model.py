"""The report model: what the page shows, as plain values, from the library's result objects.

`gather()` is the one place that asks the library for results (the claims a
question selects, their reconciliation, a timeline per metric); `build()`
turns those results into the values the template prints. The reconciled rows
come from the same `summary_table` that `hfig summary` prints, so a field the
method adds to a row appears on the page (under "every field of this row")
without a change here; flags the page has no sentence for read as their code
in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from msgspec import Struct

from hfig import __version__
from hfig.choices import BestRule
from hfig.core.dataset import DataSet, first_origins, select
from hfig.core.dates import FuzzyDate
from hfig.core.gazetteer import Place
from hfig.core.model import Claim, Claimant, Metric, MetricKind
from hfig.core.qualifiers import ABOUT_DELTA, Interval
from hfig.core.reconcile import BEST_RULE_TEXT, FAMILY_ORDER, Reconciliation, SetAside, stated_in_unit
from hfig.core.timeline import Timeline, in_metric_unit
from hfig.render.report.chart import Chart, build_chart, not_drawn
from hfig.render.report.words import (
    WARNING_FLAGS,
    bounds_words,
    cell_text,
    date_words,
    day_words,
    flag_words,
    humanise,
    interval_words,
    kind_words,
    text_date_words,
)
from hfig.render.table import Cell

# --- asking the library ------------------------------------------------------------


class Results(Struct, frozen=True):
    """What the library answered for the page's question."""

    claims: list[Claim]  # every claim the question selected, in hfig's listing order
    reconciliation: Reconciliation
    timelines: dict[str, Timeline]  # metric -> its timeline


def chosen(data: DataSet, place: Place | None, metrics: set[str] | None) -> list[Claim]:
    """The claims touching the place, of the metrics (None: all), in hfig's listing order."""
    return select(data.claims_of(metrics, place), region=place, metrics=metrics)


def gather(data: DataSet, claims: list[Claim], as_of: FuzzyDate | None, include_parties: bool,
           best: BestRule) -> Results:
    """The claims reconciled as `hfig summary` does, and each metric's timeline."""
    from hfig.core.reconcile import reconcile
    from hfig.core.timeline import build_timeline

    result = reconcile(claims, data, as_of=as_of.latest if as_of else None,
                       include_parties=include_parties, best=best)
    by_metric: dict[str, list[Claim]] = {}
    for c in claims:
        by_metric.setdefault(c.metric, []).append(c)
    timelines = {}
    for name, members in by_metric.items():
        spec = data.metrics[name]
        timelines[name] = build_timeline(members, data.claimants, name, unit=spec.unit,
                                         stock=spec.kind is MetricKind.STOCK,
                                         include_parties=include_parties, as_of=as_of,
                                         origins=first_origins(members, data))
    return Results(claims, result, timelines)


# --- what the page shows ---------------------------------------------------------


class ClaimRef(Struct, frozen=True):
    id: str
    anchor: str  # the receipt's element id


class Who(Struct, frozen=True):
    """A claimant as the page names it: name, kind in words, grade, and its chart marker."""

    id: str
    name: str
    kind: str
    party: bool
    grade: str | None
    basis: str | None
    part_of: str | None  # the name of the claimant it is part of


class FlagView(Struct, frozen=True):
    code: str
    words: str
    warning: bool


class FieldView(Struct, frozen=True):
    name: str
    heading: str
    text: str


class RowView(Struct, frozen=True):
    """One reconciled row (one line of `hfig summary`)."""

    anchor: str
    key: str
    area: str  # the areas as the claims named them
    scope: str  # the P-codes
    period: str
    as_of: str
    range: str  # lowest to highest claim, as stated, qualifiers kept
    implied: str
    best: str
    best_rule: str
    best_claims: tuple[ClaimRef, ...]
    claimants: tuple[Who, ...]
    flags: tuple[FlagView, ...]
    used: tuple[ClaimRef, ...]
    set_aside: tuple[ClaimRef, ...]
    echoes: int
    allows: str | None  # the spread in interval words, when the range as stated does not say it
    counts: str  # '2 of 4 claimants used, 1 independent': used, of those with a figure for the row
    nested: tuple[str, ...]  # what counts over longer or shorter periods say of this row
    other: tuple[FieldView, ...]  # fields of the summary row the page has no place for (yet)

    @property
    def warning(self) -> bool:
        return any(f.warning for f in self.flags)


class CompareLine(Struct, frozen=True):
    """One claim of the metric: used in a row or set aside, and why."""

    claim: ClaimRef
    who: Who
    stated: str
    area: str
    period: str
    as_of: str
    used: bool
    reason: str
    row: str | None  # the row's anchor


class ChartLine(Struct, frozen=True):
    """One report in a chart, for the table beside it."""

    claim: ClaimRef
    who: Who
    area: str
    as_of: str
    stated: str
    interval: str
    drawn: str


class BandLine(Struct, frozen=True):
    area: str
    periods_from: str
    date: str
    spread: str
    claimants: str


class Section(Struct, frozen=True):
    """Everything about one metric."""

    anchor: str
    metric: str
    title: str
    description: str
    family: str
    unit: str
    kind: str
    rows: tuple[RowView, ...]
    chart: Chart | None
    chart_lines: tuple[ChartLine, ...]
    band_lines: tuple[BandLine, ...]
    excluded_parties: tuple[ClaimRef, ...]  # party claims kept out of the band
    compare: tuple[CompareLine, ...]

    @property
    def other_fields(self) -> bool:
        """Some row has a field the page has no words for: the table gets a column for them."""
        return any(r.other for r in self.rows)

    @property
    def n_used(self) -> int:
        return sum(1 for c in self.compare if c.used)


class Receipt(Struct, frozen=True):
    claim: ClaimRef
    who: Who
    metric: str
    stated: str
    area: str
    as_of: str
    quote: str | None
    notes: str | None
    inferred: str | None
    credibility: int | None
    disputed: bool
    origin: ClaimRef | None
    source: str | None  # file:line of the record


class Publication(Struct, frozen=True):
    """Where claims were read: publisher, date and link (http(s) links only)."""

    publisher: str
    published: str | None
    url: str | None  # safe to link
    url_text: str | None  # a link that is not http(s), shown as text and never linked
    receipts: tuple[Receipt, ...]


class Cover(Struct, frozen=True):
    title: str
    region: str | None
    region_codes: str | None
    metrics: tuple[tuple[str, str], ...]  # (title, section anchor)
    as_of: str | None
    latest_said: str | None
    parties: str
    best_rule: str
    n_claims: int
    n_rows: int
    n_files: int
    fingerprint: str
    version: str


class Report(Struct, frozen=True):
    cover: Cover
    sections: tuple[Section, ...]
    publications: tuple[Publication, ...]
    claimants: tuple[Who, ...]
    not_yet_said: int  # claims set aside because they were said after --as-of
    about_percent: int = round(ABOUT_DELTA * 100)  # how far "about 1,000" may be from 1,000


class Question(Struct, frozen=True):
    """What the page was asked, as the user gave it."""

    title: str | None
    place: Place | None
    as_of: FuzzyDate | None
    include_parties: bool
    best: BestRule
    fingerprint: str
    n_files: int


def safe_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link to a host, else None: a `javascript:` link is never linked."""
    if not url:
        return None
    text = url.strip()
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def build(data: DataSet, results: Results, question: Question) -> Report:
    """The page's values, from the results (see the module docstring)."""
    claims = results.claims
    refs = {c.id: ClaimRef(c.id, f"claim-{i}") for i, c in enumerate(sorted(claims, key=lambda c: c.id), 1)}
    whos = {k: _who(v, data.claimants) for k, v in data.claimants.items()}

    from hfig.render.summary import summary_table  # the rows `hfig summary` prints

    table = summary_table(results.reconciliation)
    headings = {c.name: c.heading for c in table.columns}
    row_anchor: dict[str, str] = {}
    rows_of: dict[str, list[RowView]] = {}
    for i, (row, cells) in enumerate(zip(results.reconciliation.rows, table.rows, strict=True), 1):
        view = _row_view(f"row-{i}", cells, headings, refs, whos)
        row_anchor[row.key] = view.anchor
        rows_of.setdefault(row.metric.name, []).append(view)

    status = results.reconciliation.status()
    by_metric: dict[str, list[Claim]] = {}
    for c in claims:
        by_metric.setdefault(c.metric, []).append(c)
    order = sorted(by_metric, key=lambda m: (FAMILY_ORDER[data.metrics[m].family], m))
    sections = []
    for n, name in enumerate(order, 1):
        sections.append(_section(f"metric-{n}", data, name, by_metric[name], tuple(rows_of.get(name, ())),
                                 results.timelines[name], status, row_anchor, refs, whos))

    not_yet = sum(1 for s in results.reconciliation.unplaced if s.code.value == "not_yet_said")
    used = {c.claimant for c in claims}
    cover = _cover(question, data, claims, sections, len(results.reconciliation.rows))
    return Report(cover, tuple(sections), _publications(claims, data, refs, whos),
                  tuple(sorted((whos[k] for k in used), key=lambda w: (w.name.casefold(), w.id))), not_yet)


def _who(c: Claimant, registry: Mapping[str, Claimant]) -> Who:
    whole = registry.get(c.part_of) if c.part_of else None
    return Who(c.id, c.name, kind_words(c.kind.value), c.is_party, c.reliability, c.reliability_basis,
               whole.name if whole else c.part_of)


def _period(start: str | None, end: str | None) -> str:
    if start is None:
        return f"up to {text_date_words(end)}" if end else "—"
    return f"from {text_date_words(start)}" + (f" to {text_date_words(end)}" if end else "")


def _strings(value: Cell) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [] if value is None else [str(value)]


SHOWN_FIELDS = frozenset({
    "family", "metric", "unit",  # the section's heading
    "area", "scope", "period_start", "period_end", "as_of", "range", "low", "high", "low_open", "high_open",
    "spread", "implied", "implied_low", "implied_high", "implied_low_open", "implied_high_open", "best",
    "best_stated", "best_rule", "best_claims", "best_bounded", "claimants", "n_claimants", "echoes", "flags",
    "claim_ids", "set_aside", "row", "sources", "n_independent", "nested", "nested_low", "nested_high",
    "nested_low_open", "nested_high_open",
    # Said already in other words: the dates as ISO days and their precision, the period's shape
    # (the period's words say it), and the claimants of the row's period (in `sources`).
    "as_of_date", "as_of_precision", "period_start_date", "period_start_precision", "period_end_date",
    "period_end_precision", "shape", "claimants_in_row", "n_claimants_in_row",
})
"""Fields of a summary row that the page shows in its own words; any other field is listed as it is."""


def _row_view(anchor: str, cells: Mapping[str, Cell], headings: Mapping[str, str],
              refs: Mapping[str, ClaimRef], whos: Mapping[str, Who]) -> RowView:
    def get(name: str) -> Cell:
        return cells.get(name)

    def num(name: str) -> float | None:
        value = get(name)
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

    def ref(claim_id: str) -> ClaimRef:
        return refs.get(claim_id) or ClaimRef(claim_id, "")

    implied_low, implied_high = num("implied_low"), num("implied_high")
    if implied_low is None and implied_high is None:
        implied = cell_text(get("implied"))
    else:
        implied = bounds_words(implied_low, implied_high, bool(get("implied_low_open")),
                               bool(get("implied_high_open")))
    other = [FieldView(k, headings.get(k) or humanise(k), cell_text(v)) for k, v in cells.items()
             if k not in SHOWN_FIELDS and v not in (None, [], "")]
    range_text = cell_text(get("range"))
    allows = bounds_words(num("low"), num("high"), bool(get("low_open")), bool(get("high_open")))
    echoes = get("echoes")
    rule = str(get("best_rule") or "")
    rule_words = next((text for r, text in BEST_RULE_TEXT.items() if r.value == rule), humanise(rule))
    if get("best_bounded"):
        rule_words += ", moved inside the bounds all the figures allow"
    counts = _counts(num("n_claimants"), num("n_claimants_in_row"), num("n_independent"))
    return RowView(
        anchor=anchor,
        key=str(get("row") or anchor),
        area=", ".join(_strings(get("area"))),
        scope=", ".join(_strings(get("scope"))),
        period=_period(_text(get("period_start")), _text(get("period_end"))),
        as_of=text_date_words(_text(get("as_of"))) or "—",
        range=range_text,
        implied=implied,
        best=cell_text(get("best_stated")),
        best_rule=rule_words,
        best_claims=tuple(ref(i) for i in _strings(get("best_claims"))),
        claimants=tuple(whos[k] for k in _strings(get("claimants")) if k in whos),
        flags=tuple(FlagView(f, flag_words(f), f in WARNING_FLAGS) for f in _strings(get("flags"))),
        used=tuple(ref(i) for i in _strings(get("claim_ids"))),
        set_aside=tuple(ref(i) for i in _strings(get("set_aside"))),
        echoes=echoes if isinstance(echoes, int) else 0,
        allows=None if allows == range_text else allows,
        counts=counts,
        nested=tuple(_strings(get("nested"))),
        other=tuple(other),
    )


def _counts(used: float | None, in_row: float | None, independent: float | None) -> str:
    """'2 of 4 claimants used, 1 independent' (parts of one organisation count once)."""
    if used is None or in_row is None:
        return ""
    text = f"{used:.0f} of {in_row:.0f} claimant{'s' if in_row != 1 else ''} used"
    return text + (f", {independent:.0f} independent" if independent is not None else "")


def _text(value: Cell) -> str | None:
    return None if value is None else str(value)


def _stated(claim: Claim, metric: Metric) -> str:
    """The figure as stated, with its unit when not the metric's ('1,000 households × 5.5' when converted)."""
    text = stated_in_unit(claim, metric)
    if claim.unit and claim.unit != metric.unit and text == claim.stated:
        text += f" {claim.unit}"
    return text


def _section(anchor: str, data: DataSet, name: str, claims: list[Claim], rows: tuple[RowView, ...],
             timeline: Timeline, status: Mapping[str, tuple[str, str | None, SetAside | None]],
             row_anchor: Mapping[str, str], refs: Mapping[str, ClaimRef], whos: Mapping[str, Who]
             ) -> Section:
    from hfig.render.timeline import scope_labels

    metric = data.metrics[name]
    title = humanise(name)
    labels = scope_labels(timeline, data.gazetteer)
    chart = build_chart(f"chart-{anchor}", timeline, metric, labels, data.claimants, title=title)
    chart_lines = []
    for series in sorted(timeline.series, key=lambda s: (s.scope, s.claimant)):
        for p in series.points:
            c = p.claim
            iv = in_metric_unit(c, metric.unit) or c.interval
            chart_lines.append(ChartLine(
                refs[c.id], whos[c.claimant], labels[series.scope], date_words(c.as_of), _stated(c, metric),
                interval_words(iv), not_drawn(p, metric.unit) or drawn_as(iv)))
    band_lines = tuple(
        BandLine(labels[b.scope], text_date_words(b.start) or "—", day_words(b.date),
                 interval_words(b.interval), ", ".join(whos[k].name for k in dict.fromkeys(b.claimants)))
        for b in sorted(timeline.band, key=lambda b: (b.scope, b.start, b.date)))
    best = {r.id for row in rows for r in row.best_claims}
    compare = []
    for c in claims:
        key, state, aside = status.get(c.id, ("", None, None))
        used = state == "used"
        reason = ("used; gives the best estimate" if c.id in best else "used") if used else (
            aside.reason if aside else "set aside")
        period = _period(c.period.start.text if c.period.start else None, c.period_end.text)
        compare.append(CompareLine(refs[c.id], whos[c.claimant], _stated(c, metric), c.area.name, period,
                                   date_words(c.as_of), used, reason, row_anchor.get(key)))
    return Section(anchor, name, title, metric.description, humanise(metric.family.value), metric.unit,
                   metric.kind.value, rows, chart, tuple(chart_lines), band_lines,
                   tuple(refs[i] for i in timeline.excluded_parties if i in refs), tuple(compare))


def drawn_as(iv: Interval) -> str:
    """How the chart draws a figure, for the table beside it."""
    if math.isinf(iv.high):
        return "a marker and an arrow up: no upper bound"
    if iv.low == iv.high:
        return "a marker"
    return "a marker and a whisker over the interval"


def _publications(claims: Sequence[Claim], data: DataSet, refs: Mapping[str, ClaimRef],
                  whos: Mapping[str, Who]) -> tuple[Publication, ...]:
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for c in claims:
        key = (c.publisher or "", c.url or "", c.published.text if c.published else "")
        groups.setdefault(key, []).append(c)

    def order(key: tuple[str, str, str]) -> tuple[str, str, str, str]:
        first = min((c.published or c.as_of).mid.isoformat() for c in groups[key])
        return (first, *key)

    out = []
    for key in sorted(groups, key=order):
        publisher, url, published = key
        link = safe_link(url)
        receipts = tuple(
            Receipt(refs[c.id], whos[c.claimant], humanise(c.metric), _stated(c, data.metrics[c.metric]),
                    c.area.name, date_words(c.as_of), c.quote, c.notes,
                    "; ".join(f"{field}: {why}" for field, why in c.inferred) or None, c.credibility,
                    c.disputed, refs.get(c.origin) if c.origin else None,
                    f"{c.source.file}:{c.source.line}" if c.source else None)
            for c in sorted(groups[key], key=lambda c: c.id))
        out.append(Publication(publisher or "publisher not given", text_date_words(published or None),
                               link, None if link or not url else url, receipts))
    return tuple(out)


def _cover(q: Question, data: DataSet, claims: Sequence[Claim], sections: Sequence[Section], n_rows: int
           ) -> Cover:
    where = q.place.name if q.place else None
    said = [c.as_of for c in claims if q.as_of is None or c.as_of.mid <= q.as_of.latest]
    latest = max(said, key=lambda d: (d.mid, d.text)) if said else None
    title = q.title or ("Reconciled figures" + (f": {where}" if where else "")
                        + (f", as known on {date_words(q.as_of)}" if q.as_of else ""))
    return Cover(
        title=title,
        region=where,
        region_codes=", ".join(q.place.pcodes) if q.place and q.place.pcodes else None,
        metrics=tuple((s.title, s.anchor) for s in sections),
        as_of=date_words(q.as_of) if q.as_of else None,
        latest_said=date_words(latest) if latest else None,
        parties=("included in the ordinary rows (--include-parties)" if q.include_parties
                 else "kept in rows of their own"),
        best_rule=f"{BEST_RULE_TEXT[q.best]} (--best {q.best.value})",
        n_claims=len(claims),
        n_rows=n_rows,
        n_files=q.n_files,
        fingerprint=q.fingerprint,
        version=__version__,
    )
