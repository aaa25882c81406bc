"""Checks that need more than one field or more than one record.

Each check returns problems; none raises. The checks are pure: they take
claims and where each came from, and never read files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from hfig.core.dataset import DataSet
from hfig.core.model import Claim, Problem, SourceRef

Refs = Mapping[str, Mapping[str, SourceRef]]
"""For each claim id, where each of its fields was written."""


def _where(claim: Claim, refs: Refs, field: str) -> SourceRef | None:
    return refs.get(claim.id, {}).get(field, claim.source)


def check_dates(claim: Claim, refs: Refs) -> list[Problem]:
    problems = []
    start, end = claim.period.start, claim.period.end
    if start and end and end.latest < start.earliest:
        problems.append(
            Problem(
                "period-order",
                f"period ends ({end}) before it starts ({start})",
                _where(claim, refs, "period"),
            )
        )
    if start and claim.as_of.latest < start.earliest:
        problems.append(
            Problem(
                "as-of-before-period",
                f"as_of ({claim.as_of}) is before the period starts ({start}): a figure cannot be "
                "known before what it counts began",
                _where(claim, refs, "as_of"),
            )
        )
    return problems


def check_units(claim: Claim, data: DataSet, refs: Refs) -> list[Problem]:
    if claim.household_size is not None and claim.unit != "households":
        return [
            Problem(
                "household-size",
                "'household_size' only applies with unit: households",
                _where(claim, refs, "household_size"),
            )
        ]
    return []


def check_duplicate_ids(claims: Iterable[Claim]) -> list[Problem]:
    seen: dict[str, Claim] = {}
    problems = []
    for claim in claims:
        first = seen.setdefault(claim.id, claim)
        if first is not claim:
            problems.append(
                Problem("duplicate-id", f"id {claim.id!r} is already used at {first.source}", claim.source)
            )
    return problems


def check_origins(claims: list[Claim], refs: Refs) -> list[Problem]:
    ids = {c.id: c for c in claims}
    problems = []
    for claim in claims:
        if claim.origin is None:
            continue
        if claim.origin != claim.id and claim.origin in ids and not _echo_cycle(claim, ids):
            continue  # no problem: skip `where`, which may read positions lazily (hfig.cache)
        where = _where(claim, refs, "origin")
        if claim.origin == claim.id:
            problems.append(Problem("origin-self", "a claim cannot echo itself", where))
        elif claim.origin not in ids:
            problems.append(
                Problem("origin-missing", f"origin {claim.origin!r} is not a claim in this data set", where)
            )
        elif _echo_cycle(claim, ids):
            problems.append(
                Problem(
                    "origin-cycle", f"origins loop back to {claim.id!r}: an echo needs a first source", where
                )
            )
    return problems


def _echo_cycle(claim: Claim, ids: dict[str, Claim]) -> bool:
    seen = {claim.id}
    current = ids.get(claim.origin or "")
    while current is not None and current.origin is not None:
        if current.origin in seen:
            return True
        seen.add(current.id)
        current = ids.get(current.origin)
    return False


def check_subsets(data: DataSet, refs: Refs) -> list[Problem]:
    """A part (children killed) can never exceed its whole (civilians killed)."""
    parent_of = {m.name: m.parent for m in data.metrics.values() if m.parent is not None}
    has_parts = set(parent_of.values())
    wholes: dict[tuple[str, str, frozenset[str], str, str], list[Claim]] = defaultdict(list)
    for claim in data.claims:
        if claim.metric in has_parts:  # only these are ever looked up: keying the rest costs time
            wholes[_subset_key(claim, claim.metric)].append(claim)
    problems = []
    for part in data.claims:
        parent = parent_of.get(part.metric)
        if parent is None:
            continue
        for whole in wholes.get(_subset_key(part, parent), []):
            if part.interval.low > whole.interval.high:
                problems.append(
                    Problem(
                        "subset-exceeds-parent",
                        f"{part.metric} ({part.stated}) is larger than {parent} ({whole.stated}, "
                        f"claim {whole.id!r}) from the same claimant, area and period",
                        _where(part, refs, "value"),
                    )
                )
    return problems


def _subset_key(claim: Claim, metric: str) -> tuple[str, str, frozenset[str], str, str]:
    start = claim.period.start.text if claim.period.start else ""
    return (metric, claim.claimant, claim.area.scope, start, claim.period_end.text)


def run_checks(data: DataSet, refs: Refs) -> list[Problem]:
    problems = check_duplicate_ids(data.claims)
    for claim in data.claims:
        problems += check_dates(claim, refs)
        problems += check_units(claim, data, refs)
    problems += check_origins(data.claims, refs)
    problems += check_subsets(data, refs)
    return problems
