"""Draft claims as YAML records (docs/format.md) and as a ResultTable.

The YAML is written by hand rather than dumped, so that each record carries
review comments (confidence, offsets, flags, what was inferred) and keeps the
field order of docs/format.md. Strings are quoted as JSON strings, which YAML
reads unchanged. A field the text did not give is left out with a comment:
no placeholder is ever written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from hfig.core.dates import FuzzyDate
from hfig.core.qualifiers import Qualifier, format_number
from hfig.extract import DraftClaim
from hfig.render.table import Cell, Column, ResultTable

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_ .,()'/-]*")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def _str(value: str) -> str:
    if (
        _PLAIN.fullmatch(value)
        and value.lower() not in _RESERVED
        and not value.endswith((" ", ":"))
        and ": " not in value
        and " #" not in value
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def _date(d: FuzzyDate) -> str:
    return d.text


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def claim_ids(drafts: Sequence[DraftClaim], prefix: str) -> list[str]:
    """'draft-un-displaced', '-2', '-3' for repeats: stable, readable, unique within the output.

    A breakdown part that no metric names (a `subset`) is not a record and gets no id ('')."""
    seen: dict[str, int] = {}
    out = []
    for d in drafts:
        if d.subset is not None:
            out.append("")
            continue
        base = f"{prefix}-{(d.claimant or 'unknown').replace('_', '-')}-{d.metric.replace('_', '-')}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def notes_of(d: DraftClaim) -> str:
    flags = [f for f, on in (("vague", d.vague), ("disputed", d.disputed)) if on]
    parts = [
        f"drafted by hfig extract, confidence {d.confidence:.2f}",
        f"figure at characters {d.figure[0]}-{d.figure[1]} of the input",
    ]
    if d.part_of is not None:
        parts.append(f"a part of the figure at characters {d.part_of[0]}-{d.part_of[1]}")
    if flags:
        parts.append("flags: " + ", ".join(flags))
    return "; ".join(parts)


def drafts_yaml(
    drafts: Sequence[DraftClaim],
    *,
    publisher: str | None,
    url: str | None,
    published: FuzzyDate | None,
    id_prefix: str = "draft",
    source: str | None = None,
) -> str:
    """A data file `claims:` with one record per draft, ready to review."""
    lines = [
        "# Drafted by `hfig extract`" + (f" from {source}" if source else "") + ": review every record",
        "# before adding it (hfig validate --data FILE checks the result).",
        "hfig: 1",
        "",
    ]
    if not drafts:
        lines.append("claims: []  # no figures found")
        return "\n".join(lines) + "\n"
    lines.append("claims:")
    totals = {d.figure for d in drafts if d.subset is None}
    parts: dict[tuple[int, int], list[DraftClaim]] = {}
    for d in drafts:
        if d.subset is not None and d.part_of is not None and d.part_of in totals:
            parts.setdefault(d.part_of, []).append(d)
    for d, cid in zip(drafts, claim_ids(drafts, id_prefix), strict=True):
        if d.subset is not None:
            if d.part_of not in totals:
                lines.extend(_part_comment(d))  # its total was not drafted: the part stands alone
            continue
        lines.extend(_record(d, cid, publisher, url, published))
        for part in parts.get(d.figure, []):
            lines[-1:-1] = _part_comment(part)
    return "\n".join(lines) + "\n"


def _part_comment(d: DraftClaim) -> list[str]:
    """A breakdown part no metric names ('71 men', '8 boys'): shown under its total, not a record."""
    stated = d.value if isinstance(d.value, str) else _num(d.value)
    whose = f"of the figure at characters {d.part_of[0]}-{d.part_of[1]}" if d.part_of else ""
    return [
        f"    # breakdown: {stated} {d.subset} ({d.metric} {whose}; characters "
        f"{d.figure[0]}-{d.figure[1]}): a part no metric names, not a total"
    ]


def _record(
    d: DraftClaim, cid: str, publisher: str | None, url: str | None, published: FuzzyDate | None
) -> list[str]:
    kind = f" ({d.claimant_kind})" if d.claimant_kind else ""
    out = [
        f"  # {d.claimant_how} claimant{kind} · confidence {d.confidence:.2f} · characters "
        f"{d.figure[0]}-{d.figure[1]}"
        + (" · PARTY TO THE CONFLICT" if d.claimant_kind == "party_to_conflict" else "")
        + (" · VAGUE" if d.vague else "")
        + (" · DISPUTED" if d.disputed else "")
    ]
    if d.reasons:
        out.append("  # why not higher: " + "; ".join(d.reasons))
    out.append(f"  - id: {cid}")
    out.append(f"    metric: {d.metric}")
    if isinstance(d.value, str):
        out.append(f"    value: {d.value}")
    else:
        out.append(f"    value: {_num(d.value)}")
    if d.value_max is not None:
        out.append(f"    value_max: {_num(d.value_max)}")
    if d.qualifier is not Qualifier.EXACT:
        out.append(f"    qualifier: {d.qualifier.value}")
    if d.unit:
        out.append(f"    unit: {d.unit}")
    if d.claimant:
        out.append(f"    claimant: {d.claimant}")
    elif d.claimant_text:
        out.append(
            f"    # claimant: not in the registry: {_comment(d.claimant_text)} (add it under claimants:, "
            "then name it here)"
        )
    else:
        out.append("    # claimant: the text names no source (add a media claimant for the publisher)")
    if d.area is not None:
        out.append("    area:")
        out.append(f"      name: {_str(d.area.name)}")
        out.append(f"      pcodes: [{', '.join(d.area.pcodes)}]")
        out.append(f"      precision: {d.area.precision.value}")
    elif d.conflict:
        out.append(f"    # area: check which place: {d.conflict}")
    else:
        out.append("    # area: no place the gazetteer knows is named near the figure")
    if d.period is not None and (d.period.start is not None or d.period.end is not None):
        out.append("    period:")
        if d.period.start is not None:
            out.append(f"      start: {_date(d.period.start)}")
        if d.period.end is not None:
            out.append(f"      end: {_date(d.period.end)}")
        out.append(f"      as_written: {_str(d.period.as_written)}")
    elif d.period_note:
        out.append(f"    # period: {d.period_note}")
    if d.as_of is not None:
        out.append(f"    as_of: {_date(d.as_of)}")
    else:
        out.append("    # as_of: unknown (give --published DATE)")
    if publisher:
        out.append(f"    publisher: {_str(publisher)}")
    if url:
        out.append(f"    url: {_str(url)}")
    if published is not None:
        out.append(f"    published: {_date(published)}")
    out.append(f"    quote: {_str(d.quote)}")
    if d.disputed:
        out.append("    disputed: true")
    out.append(f"    notes: {_str(notes_of(d))}")
    if d.inferred:
        out.append("    inferred:")
        for key, why in d.inferred:
            out.append(f"      {key}: {_str(why)}")
    out.append("")
    return out


def _comment(text: str) -> str:
    return json.dumps(text.replace("\n", " "), ensure_ascii=False)


COLUMNS = [
    Column("id", terminal=False),
    Column("metric"),
    Column("stated", "figure", justify="right"),
    Column("value", terminal=False),
    Column("value_max", terminal=False),
    Column("qualifier", terminal=False),
    Column("claimant"),
    Column("claimant_kind", "kind", terminal=False),
    Column("claimant_as_written", "as written", terminal=False),
    Column("attribution", terminal=False),
    Column("area"),
    Column("pcodes", terminal=False),
    Column("area_precision", terminal=False),
    Column("period_start", "from"),
    Column("period_end", "to", terminal=False),
    Column("as_of", "as of"),
    Column("vague", terminal=False),
    Column("disputed", terminal=False),
    Column("flags"),
    Column("part_of", "part of", terminal=False),
    Column("subset", terminal=False),
    Column("confidence", "conf.", justify="right"),
    Column("start", "at", justify="right"),
    Column("end", terminal=False),
    Column("quote", terminal=False),
]


def drafts_table(drafts: Sequence[DraftClaim], id_prefix: str = "draft") -> ResultTable:
    from hfig.core.qualifiers import stated

    rows: list[dict[str, Cell]] = []
    for d, cid in zip(drafts, claim_ids(drafts, id_prefix), strict=True):
        rows.append(
            {
                "id": cid or None,
                "metric": d.metric,
                "stated": stated(d.qualifier, d.value, d.value_max)
                if not isinstance(d.value, str)
                else d.value.replace("_", " "),
                "value": d.value,
                "value_max": d.value_max,
                "qualifier": d.qualifier.value,
                "claimant": d.claimant,
                "claimant_kind": d.claimant_kind,
                "claimant_as_written": d.claimant_text,
                "attribution": d.claimant_how,
                "area": d.area.name if d.area else None,
                "pcodes": list(d.area.pcodes) if d.area else None,
                "area_precision": d.area.precision.value if d.area else None,
                "period_start": d.period.start.text if d.period and d.period.start else None,
                "period_end": d.period.end.text if d.period and d.period.end else None,
                "as_of": d.as_of.text if d.as_of else None,
                "vague": d.vague,
                "flags": " ".join(f for f, on in (("vague", d.vague), ("disputed", d.disputed)) if on)
                or None,
                "disputed": d.disputed,
                "part_of": f"{d.part_of[0]}-{d.part_of[1]}" if d.part_of else None,
                "subset": d.subset,
                "confidence": d.confidence,
                "start": d.figure[0],
                "end": d.figure[1],
                "quote": d.quote,
            }
        )
    totals = sum(1 for d in drafts if d.subset is None)
    notes = [f"{format_number(totals)} figure(s) drafted; review each before adding it."]
    if totals != len(rows):
        notes.append(f"{format_number(len(rows) - totals)} breakdown part(s) no metric names: not totals.")
    return ResultTable("extract", list(COLUMNS), rows, title="Draft claims", notes=notes)
