"""The record file format (docs/format.md): tree -> unresolved records.

Names that depend on the whole data set (metrics, claimants, areas, origins)
are read here and resolved later in `hfig.load.resolve`, once every file's
vocabulary is known.
"""

from __future__ import annotations

import re

import msgspec
from msgspec import Struct

from hfig.core.dates import FuzzyDate
from hfig.core.limits import MAX_ID_CHARS
from hfig.core.model import (
    AreaPrecision,
    Claimant,
    ClaimantKind,
    Family,
    Metric,
    MetricKind,
    Period,
    Problem,
    SourceRef,
)
from hfig.core.qualifiers import VAGUE_LEXICON, Qualifier
from hfig.load.fields import FieldReader, checked_text, did_you_mean, number_of, shown
from hfig.load.layout import (
    AREA_ENTRY_FIELDS,
    AREA_FIELDS,
    CLAIM_FIELDS,
    CLAIMANT_FIELDS,
    INFERABLE,
    METRIC_FIELDS,
    PERIOD_FIELDS,
)
from hfig.load.layout import ID_PATTERN as _ID
from hfig.load.nodes import Mapping, Node, Scalar, Sequence
from hfig.load.vocabulary import AreaEntry, FileContent

SECTIONS = ("hfig", "metrics", "claimants", "areas", "claims")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
# A P-code (SY07, UA63, MMR001D001) or the country code that is its admin0 (SY), or an ISO
# 3166-2 code (YE-SA) where no P-code table is loaded.
_PCODE = re.compile(r"[A-Z]{2}(?:[A-Z0-9]{1,14}|-[A-Z0-9]{1,3})?")


class AreaSpec(Struct, frozen=True):
    """An area as the record wrote it, before the gazetteer is consulted."""

    name: str | None
    pcodes: tuple[str, ...]
    precision: AreaPrecision | None
    ref: SourceRef


class RejectedClaim(Struct, frozen=True):
    """What a record with problems still names, so its unknown names are reported in the same run."""

    metric: str | None
    claimant: str | None
    area: AreaSpec | None  # None also when the area itself had a problem
    ref: SourceRef
    refs: dict[str, SourceRef]


class ClaimDraft(Struct, frozen=True):
    """A claim whose names are not yet checked against the vocabulary."""

    id: str
    metric: str
    value: float | str
    qualifier: Qualifier
    claimant: str
    area: AreaSpec
    as_of: FuzzyDate
    period: Period
    value_max: float | None
    unit: str | None
    household_size: float | None
    household_size_max: float | None
    publisher: str | None
    url: str | None
    published: FuzzyDate | None
    origin: str | None
    quote: str | None
    notes: str | None
    credibility: int | None
    disputed: bool
    inferred: tuple[tuple[str, str], ...]
    ref: SourceRef
    refs: dict[str, SourceRef]


def read_file_content(root: Node | None, problems: list[Problem]) -> FileContent:
    content = FileContent()
    if root is None:
        return content
    if not isinstance(root, Mapping):
        problems.append(
            Problem("wrong-type", "a data file is a mapping with sections such as 'claims:'", root.ref)
        )
        return content
    top = FieldReader(root, "a data file", problems)
    version = top.scalar("hfig")
    if version is not None and version.text != "1":
        top.error(version, "format-version", f"format version {shown(version.text)} is unknown (expected 1)")
    for entry in _entries(top, "metrics", problems):
        if (metric := _metric(entry, problems)) is not None:
            content.metrics.append((metric, entry.ref))
    for entry in _entries(top, "claimants", problems):
        if (claimant := _claimant(entry, problems)) is not None:
            content.claimants.append((claimant, entry.ref))
    for entry in _entries(top, "areas", problems):
        if (area := _area_entry(entry, problems)) is not None:
            content.areas.append(area)
    for entry in _entries(top, "claims", problems):
        if (claim := _claim(entry, problems, content.rejected)) is not None:
            content.claims.append(claim)
    top.finish(SECTIONS)
    return content


def _entries(top: FieldReader, section: str, problems: list[Problem]) -> list[Mapping]:
    node = top.node(section)
    if node is None:
        return []
    if not isinstance(node, Sequence):
        top.error(node, "wrong-type", f"{section!r} should be a list of entries (each starting with '- ')")
        return []
    out = []
    for item in node.items:
        if isinstance(item, Mapping):
            out.append(item)
        else:
            problems.append(Problem("wrong-type", f"each entry of {section!r} should be a mapping", item.ref))
    return out


def _claim(entry: Mapping, problems: list[Problem], rejected: list[RejectedClaim]) -> ClaimDraft | None:
    before = len(problems)
    r = FieldReader(entry, "a claim", problems)
    claim_id = _identifier(r, "id", _ID)
    metric = r.text("metric", required=True)
    claimant = r.text("claimant", required=True)
    qualifier = r.choice("qualifier", Qualifier, default=Qualifier.EXACT)
    value, value_max = _value(r, qualifier)
    area_from = len(problems)
    area = _area(r)
    area_ok = len(problems) == area_from
    as_of = r.date("as_of", required=True)
    period = _period(r)
    credibility = r.number("credibility")
    if credibility is not None and (credibility not in range(1, 7)):
        r.error(
            entry.items["credibility"][1],
            "bad-credibility",
            "'credibility' is an Admiralty information grade from 1 to 6",
        )
    household_size = r.number("household_size")
    household_size_max = r.number("household_size_max")
    unit, publisher, url = r.text("unit"), r.text("publisher"), r.text("url")
    published, origin = r.date("published"), r.text("origin")
    quote, notes = r.text("quote"), r.text("notes")
    disputed, inferred = r.boolean("disputed", False), _inferred(r)
    r.finish(CLAIM_FIELDS)
    if len(problems) != before:
        in_record(problems, before, entry.ref)
        rejected.append(RejectedClaim(metric, claimant, area if area_ok else None, entry.ref,
                                      {k: n.ref for k, (_, n) in entry.items.items()}))
        return None  # a record with any problem is reported, never half-used
    assert claim_id and metric and claimant and qualifier and value is not None and area and as_of
    return ClaimDraft(
        id=claim_id,
        metric=metric,
        value=value,
        qualifier=qualifier,
        claimant=claimant,
        area=area,
        as_of=as_of,
        period=period,
        value_max=value_max,
        credibility=int(credibility) if credibility is not None else None,
        unit=unit,
        household_size=household_size,
        household_size_max=household_size_max,
        publisher=publisher,
        url=url,
        published=published,
        origin=origin,
        quote=quote,
        notes=notes,
        disputed=disputed,
        inferred=inferred,
        ref=entry.ref,
        refs={k: n.ref for k, (_, n) in entry.items.items()},
    )


def in_record(problems: list[Problem], since: int, record: SourceRef) -> None:
    """Mark the problems from index `since` on as found in the claim record opening at `record`."""
    problems[since:] = [msgspec.structs.replace(p, record=record) for p in problems[since:]]


def _identifier(r: FieldReader, key: str, pattern: re.Pattern[str]) -> str | None:
    node = r.scalar(key, required=True)
    if node is None:
        return None
    if len(node.text) > MAX_ID_CHARS:
        r.error(node, f"bad-{key}", f"{key} {shown(node.text)} is longer than {MAX_ID_CHARS} characters")
        return None
    if not pattern.fullmatch(node.text):
        r.error(node, f"bad-{key}", f"{key} {shown(node.text)} may hold only letters, digits and - _ . :")
        return None
    return node.text


def _value(r: FieldReader, qualifier: Qualifier | None) -> tuple[float | str | None, float | None]:
    node = r.scalar("value", required=True)
    max_node = r.scalar("value_max")
    if node is None:
        return None, None
    if qualifier is Qualifier.VAGUE:
        word = node.text.strip().replace(" ", "_").lower()
        if word not in VAGUE_LEXICON:
            r.error(
                node,
                "unknown-vague-word",
                f"{shown(node.text)} is not in the vague lexicon{did_you_mean(word, VAGUE_LEXICON)} "
                f"(expected one of: {', '.join(VAGUE_LEXICON)})",
            )
            return None, None
        if max_node is not None:
            r.error(max_node, "unexpected-field", "'value_max' is only for qualifier: between")
            return None, None
        return word, None
    value = number_of(node, "value", r.problems)
    value_max = number_of(max_node, "value_max", r.problems) if max_node else None
    if qualifier is Qualifier.BETWEEN:
        if max_node is None:
            r.error(node, "missing-field", "a 'between' figure needs 'value_max' as well as 'value'")
        elif value is not None and value_max is not None and value > value_max:
            r.error(max_node, "between-order", f"'value_max' ({value_max:g}) is below 'value' ({value:g})")
    elif max_node is not None:
        r.error(max_node, "unexpected-field", "'value_max' is only for qualifier: between")
    return value, value_max


def _area(r: FieldReader) -> AreaSpec | None:
    node = r.node("area", required=True)
    if node is None:
        return None
    if isinstance(node, Scalar):
        return AreaSpec(node.text, (), None, node.ref)
    if not isinstance(node, Mapping):
        r.error(node, "wrong-type", "'area' is a name or a mapping with name, pcodes and precision")
        return None
    a = FieldReader(node, "an area", r.problems)
    name = a.text("name")
    pcodes = tuple(p.text for p in a.text_list("pcodes") if _pcode(p, r.problems))
    precision = a.choice("precision", AreaPrecision)
    a.finish(AREA_FIELDS)
    if name is None and not pcodes:
        r.error(node, "missing-field", "'area' needs a 'name', 'pcodes' or both")
        return None
    return AreaSpec(name, pcodes, precision, node.ref)


def _pcode(node: Scalar, problems: list[Problem]) -> bool:
    if _PCODE.fullmatch(node.text):
        return True
    problems.append(
        Problem("bad-pcode", f"{node.text!r} is not a P-code (SY07, UA63, SD01001; a country code "
                "such as UA; or an ISO 3166-2 code such as YE-SA)", node.ref)
    )
    return False


def _period(r: FieldReader) -> Period:
    node = r.mapping_of("period")
    if node is None:
        return Period(None, None)
    p = FieldReader(node, "a period", r.problems)
    period = Period(
        start=p.date("start"),
        end=p.date("end"),
        cumulative=p.boolean("cumulative", True),
        as_written=p.text("as_written"),
    )
    p.finish(PERIOD_FIELDS)
    return period


def _inferred(r: FieldReader) -> tuple[tuple[str, str], ...]:
    node = r.mapping_of("inferred")
    if node is None:
        return ()
    out = []
    for name, (key, value) in node.items.items():
        if name not in INFERABLE:
            hint = did_you_mean(name, INFERABLE)
            r.error(key, "unknown-field", f"'inferred' names {name!r}, which is not a claim field{hint}")
        elif isinstance(value, Scalar):
            if checked_text(value, "reason", r.problems):
                out.append((name, value.text))
        else:
            r.error(key, "wrong-type", "each 'inferred' entry is a field name and the reason, as text")
    return tuple(out)


def _metric(entry: Mapping, problems: list[Problem]) -> Metric | None:
    before = len(problems)
    r = FieldReader(entry, "a metric", problems)
    name = _identifier(r, "name", _NAME)
    family = r.choice("family", Family, required=True)
    unit = r.text("unit", required=True)
    kind = r.choice("kind", MetricKind, required=True)
    description = r.text("description", required=True)
    metric = Metric(
        name=name or "",
        family=family or Family.OTHER,
        unit=unit or "",
        kind=kind or MetricKind.FLOW,
        description=description or "",
        parent=r.text("parent"),
        civilian=r.boolean("civilian", False),
        units=tuple(s.text for s in r.text_list("units")),
    )
    r.finish(METRIC_FIELDS)
    return metric if len(problems) == before else None


def _claimant(entry: Mapping, problems: list[Problem]) -> Claimant | None:
    before = len(problems)
    r = FieldReader(entry, "a claimant", problems)
    claimant_id = _identifier(r, "id", _ID)
    name = r.text("name", required=True)
    kind = r.choice("kind", ClaimantKind, required=True)
    reliability = r.scalar("reliability")
    if reliability is not None and reliability.text not in tuple("ABCDEF"):
        r.error(reliability, "bad-reliability", "'reliability' is an Admiralty source grade, A to F")
    claimant = Claimant(
        id=claimant_id or "",
        name=name or "",
        kind=kind or ClaimantKind.MEDIA,
        aliases=tuple(s.text for s in r.text_list("aliases")),
        reliability=reliability.text if reliability is not None else None,
        reliability_basis=r.text("reliability_basis"),
        part_of=r.text("part_of"),
    )
    r.finish(CLAIMANT_FIELDS)
    return claimant if len(problems) == before else None


def _area_entry(entry: Mapping, problems: list[Problem]) -> AreaEntry | None:
    before = len(problems)
    r = FieldReader(entry, "an area entry", problems)
    pcode_node = r.scalar("pcode")
    pcode = pcode_node.text if pcode_node is not None and _pcode(pcode_node, problems) else None
    name = r.text("name")
    level = _level(r)
    parent_node = r.scalar("parent")
    parent = parent_node.text if parent_node is not None and _pcode(parent_node, problems) else None
    pcodes = tuple(p.text for p in r.text_list("pcodes") if _pcode(p, problems))
    precision = r.choice("precision", AreaPrecision, default=AreaPrecision.APPROXIMATE)
    aliases = tuple(s.text for s in r.text_list("aliases"))
    r.finish(AREA_ENTRY_FIELDS)
    if level is not None and (pcode_node is None or name is None or pcodes):
        r.error(entry, "missing-field",
                "an admin unit entry ('level') gives 'pcode' and 'name' (and no 'pcodes')")
    elif level is None and parent_node is not None:
        r.error(parent_node, "unexpected-field", "'parent' is only for an admin unit entry (with 'level')")
    elif pcode_node is None and (name is None or not pcodes):
        r.error(
            entry,
            "missing-field",
            "an area entry gives 'pcode' (aliases for an admin unit) or 'name' and 'pcodes'",
        )
    if len(problems) != before:
        return None
    return AreaEntry(pcode, name, aliases, pcodes, precision or AreaPrecision.APPROXIMATE, entry.ref,
                     level, parent)


def _level(r: FieldReader) -> int | None:
    node = r.scalar("level")
    if node is None:
        return None
    if node.text not in ("1", "2", "3", "4", "5"):
        r.error(node, "bad-level", f"'level' is an admin level from 1 to 5, not {node.text!r}")
        return None
    return int(node.text)
