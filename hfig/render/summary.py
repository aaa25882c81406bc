"""ResultTables for `hfig summary`, `hfig compare` and `--explain` (docs/methodology.md)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from itertools import repeat

from msgspec.structs import replace

from hfig.core.comparable import Shape
from hfig.core.dataset import DataSet, collection_paused
from hfig.core.grades import grade_label
from hfig.core.model import Claim, Family
from hfig.core.qualifiers import format_interval, format_number
from hfig.core.reconcile import (
    BEST_RULE_TEXT,
    BestRule,
    Flag,
    Reconciliation,
    Row,
    SetAside,
    finite,
    stated_in_unit,
)
from hfig.render.dates import date_cells, date_columns, date_triple
from hfig.render.hxl import count_tag
from hfig.render.records import RECORD_COLUMNS, one_metric_tags, record_columns, words_in_values
from hfig.render.table import BLOCK, Cell, Column, ColumnRows, ResultTable, table_columns


def _flag_style(value: Cell, row: dict[str, Cell]) -> str:
    flags = row.get("flags") or []
    if isinstance(flags, list) and "contradiction" in flags:
        return "bold red"
    if isinstance(flags, list) and "party_claims" in flags:
        return "red"
    return ""


def _status_style(value: Cell, row: dict[str, Cell]) -> str:
    if row.get("claimant_kind") == "party_to_conflict":
        return "red"
    return "" if row.get("status") in ("used", "result") else "dim"


SUMMARY_COLUMNS = [
    Column("family", hxl="#indicator+family"),
    Column("metric", hxl="#indicator+code", style=_flag_style),
    Column("unit", hxl="#indicator+unit", terminal=False),
    Column("area", hxl="#loc+name"),
    Column("scope", "P-codes", hxl="#loc+code", terminal=False),
    Column("range", hxl="#meta+range", justify="right", style=_flag_style),
    Column("low", hxl=count_tag(None, None, "min"), terminal=False),
    Column("high", hxl=count_tag(None, None, "max"), terminal=False),
    Column("low_open", hxl="#meta+min+open", terminal=False),
    Column("high_open", hxl="#meta+max+open", terminal=False),
    Column("spread", hxl="#meta+interval", terminal=False),
    Column("implied", "implied", hxl="#meta+interval+implied", terminal=False),
    Column("implied_low", hxl=count_tag(None, None, "min", "implied"), terminal=False),
    Column("implied_high", hxl=count_tag(None, None, "max", "implied"), terminal=False),
    Column("implied_low_open", hxl="#meta+min+open+implied", terminal=False),
    Column("implied_high_open", hxl="#meta+max+open+implied", terminal=False),
    Column("best", hxl=count_tag(None, None, "best"), justify="right", terminal=False),
    Column("best_stated", "best", hxl="#meta+best+stated", justify="right", same_as="range",
           merge_into="range", meaning="best: the best estimate, where it is not the whole range"),
    Column("best_rule", "rule", hxl="#meta+best_rule", terminal=False),
    Column("best_claims", hxl="#meta+best_claims", terminal=False),
    Column("claimants", hxl="#org+code", style=_flag_style, short="who",
           meaning="who: the claimants used"),
    Column("n_claimants", "n", hxl="#meta+claimants+num", justify="right", terminal=False),
    Column("n_independent", hxl="#meta+claimants+num+independent", justify="right", terminal=False),
    Column("claimants_in_row", hxl="#org+code+all", terminal=False),
    Column("n_claimants_in_row", hxl="#meta+claimants+num+all", justify="right", terminal=False),
    Column("sources", hxl="#meta+sources", short="src", merge_into="claimants",
           meaning="src: independent claimants used, of the claimants in the row (parts of one "
           "organisation count once)"),
    Column("echoes", hxl="#meta+echoes+num", justify="right", quiet="0", short="ech",
           meaning="ech(oes): claims repeating another's figure, counted once"),
    *date_columns("as_of", "reported", "as of", terminal=True),
    *date_columns("period_start", "start", "period from", terminal=True, merge_into="as_of", short="from"),
    *date_columns("period_end", "end", "period to"),
    Column("flags", hxl="#meta+flags"),
    Column("shape", hxl="#meta+shape", terminal=False),
    Column("best_bounded", hxl="#meta+best+bounded", terminal=False),
    Column("nested_low", hxl=count_tag(None, None, "min", "nested"), terminal=False),
    Column("nested_low_open", hxl="#meta+min+open+nested", terminal=False),
    Column("nested_high", hxl=count_tag(None, None, "max", "nested"), terminal=False),
    Column("nested_high_open", hxl="#meta+max+open+nested", terminal=False),
    Column("nested", hxl="#description+nested", terminal=False),
    Column("claim_ids", hxl="#meta+id", terminal=False),
    Column("set_aside", hxl="#meta+id+set_aside", terminal=False),
    Column("row", hxl="#meta+row", terminal=False),
]


def best_stated(row: Row) -> str:
    """The best estimate with its qualifier: 'more than 300,000', not 300,000."""
    return row.best.stated or format_number(row.best.value)


def nested_lines(row: Row) -> list[str]:
    """What other rows say about this one: bounds from nested periods, then conflicts."""
    lines = [b.text for b in (row.nested_high, row.nested_low) if b is not None]
    return lines + list(row.conflicts)


def _implied_text(row: Row) -> str:
    if not row.implied.is_empty():
        return format_interval(row.implied)
    if row.contradiction:
        return "none (contradiction)"
    return "none (the claims disagree unless their fuzzy dates differ)"


def summary_row(row: Row) -> dict[str, Cell]:
    """One reconciled row's cells, by column name."""
    return dict(zip(SUMMARY_NAMES, summary_cells(row), strict=True))


def summary_cells(row: Row, triples: dict[int, tuple[Cell, Cell, Cell]] | None = None) -> tuple[Cell, ...]:
    """One reconciled row's cells in `SUMMARY_COLUMNS` order (a tuple: no dict per row).

    `triples`: each date's three cells by the date object's id, for the rows of one table (rows share
    their dates: 8,000 of them behind 280,000 date cells at 100,000 claims), kept by the caller while
    the rows are alive."""
    if triples is None:
        triples = {}
    as_of, start, end = row.as_of, row.period_start, row.period_end
    as_of_cells = triples.get(id(as_of)) or triples.setdefault(id(as_of), date_triple(as_of))
    start_cells = triples.get(id(start)) or triples.setdefault(id(start), date_triple(start))
    end_cells = triples.get(id(end)) or triples.setdefault(id(end), date_triple(end))
    claimants, in_row = row.claimants, row.claimants_in_row
    spread, implied, best = row.spread, row.implied, row.best
    nested_low, nested_high, set_aside = row.nested_low, row.nested_high, row.set_aside
    spread_cells: tuple[Cell, ...] = (finite(spread.low), finite(spread.high), spread.low_open,
                                      spread.high_open)
    spread_text = format_interval(spread)
    if implied is spread and not implied.is_empty():  # a row of one claim (most rows): one interval
        implied_cells, implied_text = spread_cells, spread_text
    elif implied.is_empty():
        implied_cells, implied_text = (None, None, None, None), _implied_text(row)  # no bounds: words
    else:
        implied_cells = (finite(implied.low), finite(implied.high), implied.low_open, implied.high_open)
        implied_text = format_interval(implied)
    # `best_stated` and the sources ('2 of 3': independent claimants used, of those in the row) are
    # written out here, without a call each.
    return (
        _VALUE[row.metric.family], row.metric.name, row.unit, list(row.area_names), sorted(row.scope),
        row.range_text, *spread_cells, spread_text, implied_text, *implied_cells,
        best.value, best.stated or format_number(best.value), _VALUE[best.rule], list(best.claim_ids),
        list(claimants), len(claimants), row.n_independent, list(in_row), len(in_row),
        f"{row.n_independent} of {len(in_row)}", row.echoes,
        *as_of_cells, *start_cells, *end_cells,
        list(map(_VALUE.__getitem__, row.flags)), _VALUE[row.shape], best.bounded,
        nested_low.value if nested_low else None, nested_low.open if nested_low else None,
        nested_high.value if nested_high else None, nested_high.open if nested_high else None,
        # Most rows have no bounds, conflicts or claims set aside: no call or comprehension for them.
        nested_lines(row) if nested_low or nested_high or row.conflicts else [],
        [c.id for c in row.used], [s.claim.id for s in set_aside] if set_aside else [], row.key,
    )


SUMMARY_NAMES = [c.name for c in SUMMARY_COLUMNS]
_VALUE: dict[Enum, str] = {member: member.value for kind in (Family, BestRule, Flag, Shape)
                           for member in kind}
"""An enum member's text: `.value` is a descriptor call, a look-up here a fifth of its cost. (Members of
two enums with the same text are equal keys, with that same text.)"""


def _notes(result: Reconciliation) -> list[str]:
    rules = sorted({r.best.rule for r in result.rows}, key=lambda r: r.value)
    best = "; ".join(f"Best: {BEST_RULE_TEXT[r]} (--best {r.value})" for r in rules)
    # No rows, no rule: the sentence ends at "as stated." (it once ended "as stated. .").
    notes = ["Range: the claims that set its low and high ends, as stated." + (f" {best}." if best else ""),
             "--explain shows the claims used and set aside, and why; docs/methodology.md the rules."]
    if result.unplaced:
        notes.append(f"{len(result.unplaced)} claim(s) set aside before grouping (not yet said, "
                     "disputed, graded below --min-grade): see --explain.")
    return notes


def _summary_rows(result: Reconciliation) -> ColumnRows:
    """The reconciled rows as columns: a tuple per row, turned into columns in C a block of rows at a
    time (`BLOCK`: while the block's tuples are in the processor's caches, and their memory is reused)."""
    columns: list[list[Cell]] = [[] for _ in SUMMARY_NAMES]
    rows = result.rows
    triples: dict[int, tuple[Cell, Cell, Cell]] = {}
    with collection_paused():  # tens of thousands of tuples and lists at scale: no garbage
        for start in range(0, len(rows), BLOCK):
            block = zip(*map(summary_cells, rows[start:start + BLOCK], repeat(triples)), strict=True)
            for column, cells in zip(columns, block, strict=True):
                column += cells
    return ColumnRows(dict(zip(SUMMARY_NAMES, columns, strict=True)))


def summary_table(result: Reconciliation, title: str | None = None) -> ResultTable:
    return ResultTable(
        kind="summary",
        columns=list(SUMMARY_COLUMNS),
        rows=_summary_rows(result),
        title=title,
        group_by="family",
        notes=_notes(result),
    )


VALUE_COLUMNS = ("value", "value_max", "low", "high", "best", "implied_low", "implied_high")

# --- compare -------------------------------------------------------------------

_CLAIM_FIELDS = ["id", "metric", "stated", "interval", "low", "high", "low_open", "high_open", "unit",
                 "claimant", "claimant_kind", "area", "pcodes", "period_start", "period_end",
                 "as_of", "publisher", "origin"]
_CLAIM_VIEW = ["claim", "claimant_label", "period"]  # terminal-only columns of hfig records
_CLAIM_TERMINAL = {"stated", "area", "as_of", *_CLAIM_VIEW}
_DATED = ("period_start", "period_end", "as_of")  # each with its _date and _precision beside it


def _with_dates(fields: list[str]) -> list[str]:
    return [x for f in fields for x in ((f, f"{f}_date", f"{f}_precision") if f in _DATED else (f,))]


def compare_claims_table(claims: list[Claim], result: Reconciliation, data: DataSet) -> ResultTable:
    """Every claim of the metric, with what reconciliation did with it."""
    status = result.status()
    by_name = {c.name: replace(c, terminal=c.name in _CLAIM_TERMINAL) for c in RECORD_COLUMNS}
    fields = _with_dates([*_CLAIM_FIELDS[:1], "claim", *_CLAIM_FIELDS[1:10], "claimant_label",
                          *_CLAIM_FIELDS[10:], "period"])
    # A grade depends on the claimant and the claim's credibility: few pairs, each worked out once.
    pairs = [(c.claimant, c.credibility) for c in claims]
    grades = {(who, credibility): grade_label(data.claimants[who].reliability, credibility) or None
              for who, credibility in set(pairs)}
    reliability = {who: data.claimants[who].reliability for who, _ in grades}
    graded = any(reliability[who] or credibility is not None for who, credibility in grades)
    columns = [Column("line", hxl="#meta+row_type", terminal=False)] + [by_name[n] for n in fields] + [
        Column("grade", hxl="#meta+grade", terminal=graded, short="gr",
               meaning="gr(ade): source reliability A-F and information credibility 1-6, ? if none"),
        Column("reliability", hxl="#meta+reliability", terminal=False),
        Column("status", hxl="#meta+status", style=_status_style),
        Column("reason", hxl="#description+reason", merge_into="status"),
        Column("row", hxl="#meta+row", terminal=False),
    ]
    cells = record_columns(claims, data, fields)
    default: tuple[str, str | None, SetAside | None] = ("", "set aside", None)
    done = [status.get(c.id, default) for c in claims]
    cells.update(
        line=["claim"] * len(claims),
        grade=list(map(grades.__getitem__, pairs)),
        reliability=[reliability[who] for who, _ in pairs],
        status=[state for _, state, _ in done],
        reason=[aside.reason if aside else None for _, _, aside in done],
        row=[key or None for key, _, _ in done],
    )
    return ResultTable("compare", columns, ColumnRows(cells), title=f"{len(claims)} claim(s)",
                       color_notes=["Party-to-conflict claims in red; set-aside claims dimmed."])


def compare_table(claims: list[Claim], result: Reconciliation, data: DataSet) -> ResultTable:
    """Claims then reconciled rows in one table (`line` = claim | reconciled), for CSV/JSON."""
    claims_part = compare_claims_table(claims, result, data)
    summary_part = summary_table(result)
    names = {c.name for c in claims_part.columns}
    columns = list(claims_part.columns) + [c for c in summary_part.columns if c.name not in names]
    rows = _stacked(claims_part.rows, summary_part.rows, [c.name for c in columns])
    metrics = {c.metric for c in claims}
    meta = {"metric": next(iter(metrics))} if len(metrics) == 1 else {}
    if len(metrics) == 1:  # HDX users get the metric's own hashtag on the value columns
        columns = one_metric_tags(columns, next(iter(metrics)), data, VALUE_COLUMNS)
    if any(isinstance(c.value, str) for c in claims):
        columns = words_in_values(columns)
    return ResultTable("compare", columns, rows, meta=meta, notes=claims_part.notes,
                       color_notes=claims_part.color_notes)


def _stacked(claims: Sequence[dict[str, Cell]], reconciled: Sequence[dict[str, Cell]],
             names: list[str]) -> ColumnRows:
    """The claim rows, then the reconciled rows (line 'reconciled'), as one table's columns."""
    lower = dict(zip(names, table_columns(reconciled, names), strict=True))
    lower["line"] = ["reconciled"] * len(reconciled)
    upper = dict(zip(names, table_columns(claims, names), strict=True))
    return ColumnRows({name: [*upper[name], *lower[name]] for name in names})


# --- explain -------------------------------------------------------------------

EXPLAIN_COLUMNS = [
    Column("row", hxl="#meta+row"),
    Column("claim", hxl="#meta+id"),
    Column("claimant", hxl="#org+code", style=_status_style),
    Column("claimant_kind", "kind", hxl="#org+type", terminal=False),
    Column("stated", "value as stated", hxl="#meta+stated", justify="right", style=_status_style),
    Column("grade", hxl="#meta+grade", short="gr",
           meaning="gr(ade): source reliability A-F and information credibility 1-6, ? if none"),
    Column("area", hxl="#loc+name", terminal=False),
    *date_columns("period_start", "start", "period from", terminal=True),
    *date_columns("as_of", "reported", "as of", terminal=True),
    Column("status", hxl="#meta+status", style=_status_style),
    Column("reason", hxl="#description+reason", merge_into="status"),
]


def _claim_line(row_key: str, claim: Claim, data: DataSet, status: str, reason: str,
                stated: str | None = None) -> dict[str, Cell]:
    return {
        "row": row_key,
        "claim": claim.id,
        "claimant": claim.claimant,
        "claimant_kind": data.claimant(claim).kind.value,
        "stated": stated or claim.stated,
        "grade": grade_label(data.claimant(claim).reliability, claim.credibility) or None,
        "area": claim.area.name,
        **date_cells("period_start", claim.period.start),
        **date_cells("as_of", claim.as_of),
        "status": status,
        "reason": reason,
    }


def rule_sentence(row: Row) -> str:
    best = row.best
    source = " and ".join(best.claim_ids)
    moved = " (moved inside the bounds all the claims allow)" if best.bounded else ""
    flags = f"; flags: {', '.join(f.value for f in row.flags)}" if row.flags else ""
    nested = "".join(f"; {line}" for line in nested_lines(row))
    return (f"range {row.range_text}; implied {_implied_text(row)}; best {best_stated(row)}: "
            f"{BEST_RULE_TEXT[best.rule]} (--best {best.rule.value}){moved}, from {source}; {row.counts}, "
            f"{row.echoes} echo(es){flags}{nested}")


def explain_table(result: Reconciliation, data: DataSet) -> ResultTable:
    everyone = [c for r in result.rows for c in r.used] + [s.claim for r in result.rows for s in r.set_aside]
    graded = any(data.claimant(c).reliability or c.credibility is not None
                 for c in everyone + [s.claim for s in result.unplaced])
    columns = [replace(c, terminal=graded) if c.name == "grade" else c for c in EXPLAIN_COLUMNS]
    rows: list[dict[str, Cell]] = []
    for row in result.rows:
        rows.append({"row": row.key, "claim": None, "status": "result", "reason": rule_sentence(row)})
        for c in row.used:
            rows.append(_claim_line(row.key, c, data, "used", _used_reason(row, c),
                                    stated_in_unit(c, row.metric)))
        for s in row.set_aside:
            rows.append(_claim_line(row.key, s.claim, data, "set aside", s.reason))
    for s in result.unplaced:
        rows.append(_claim_line("not placed in a row", s.claim, data, "set aside", s.reason))
    return ResultTable(
        "explain", columns, rows, group_by="row",
        notes=["Rows: metric/P-codes/period start. Rules: docs/methodology.md."],
    )


def _used_reason(row: Row, claim: Claim) -> str:
    parts = [f"current figure of {claim.claimant} in this row"]
    if claim.id in row.best.claim_ids:
        parts.append(f"gives the best estimate ({row.best.rule.value})")
    return "; ".join(parts)
