"""Checks that need more than one field or more than one record.

Each check returns problems; none raises. The checks are pure: they take
claims and where each came from, and never read files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from hfig.core.comparable import echo_differences
from hfig.core.dataset import DataSet
from hfig.core.gazetteer import nested_message, nested_pcodes
from hfig.core.model import AreaPrecision, Claim, Problem, Severity, SourceRef
from hfig.core.units import CONVERTIBLE, unit_of

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
    if end and end.earliest > claim.as_of.latest:
        # A warning, not an error as the start's is: a planning figure for a period still to come
        # ("people in need in 2025", said in December 2024) is written so. As a count it reads as one
        # to `end`, and a running total to a later end supersedes the claimant's figures said later.
        problems.append(
            Problem(
                "period-after-as-of",
                f"period ends ({end}) after as_of ({claim.as_of}): a figure cannot count days after the "
                f"day it was said (expected an end no later than {claim.as_of}: a typo in either "
                f"date?); it is read as written, a count to {end}",
                _where(claim, refs, "period"),
                Severity.WARNING,
            )
        )
    if claim.published is not None and claim.as_of.earliest > claim.published.latest:
        problems.append(
            Problem(
                "as-of-after-published",
                f"as_of ({claim.as_of}) is after the document was published ({claim.published}): a figure "
                "is said no later than the document that publishes it",
                _where(claim, refs, "as_of"),
            )
        )
    return problems


def check_units(claim: Claim, data: DataSet, refs: Refs) -> list[Problem]:
    if claim.unit is None and claim.household_size is None and claim.household_size_max is None:
        return []  # nearly every claim: nothing to check
    problems = []
    metric = data.metrics.get(claim.metric)
    if metric is not None and claim.unit is not None and not metric.allows_unit(claim.unit):
        allowed = ", ".join([metric.unit, *metric.units])
        problems.append(
            Problem(
                "unit-not-allowed",
                f"unit {claim.unit!r} is not a unit of {metric.name} (expected one of: {allowed}); a data "
                "set can widen a metric's 'units:'",
                _where(claim, refs, "unit"),
            )
        )
    if claim.household_size is not None and claim.unit not in CONVERTIBLE:
        problems.append(
            Problem(
                "household-size",
                "'household_size' only applies with unit: households or families",
                _where(claim, refs, "household_size"),
            )
        )
    if claim.household_size_max is not None:
        if claim.household_size is None:
            problems.append(Problem("household-size", "'household_size_max' needs 'household_size' (the "
                                    "lowest size) as well", _where(claim, refs, "household_size_max")))
        elif claim.household_size_max < claim.household_size:
            problems.append(Problem(
                "household-size", f"'household_size_max' ({claim.household_size_max:g}) is below "
                f"'household_size' ({claim.household_size:g})", _where(claim, refs, "household_size_max")))
    return problems


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
            differs = echo_differences(claim, ids[claim.origin])
            if differs:
                problems.append(
                    Problem(
                        "echo-differs",
                        f"this echo of {claim.origin!r} differs from it ({'; '.join(differs)}): it is "
                        "still counted once, with its origin, and output flags it (echo_differs)",
                        _where(claim, refs, "origin"),
                        Severity.WARNING,
                    )
                )
            continue  # `where` is read only for a problem: it may read positions lazily (hfig.cache)
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
    """A part can never exceed its whole, when one claimant counts both.

    For metrics in a part-of relation (children killed within civilians
    killed), the part is the subset metric, an area within the whole's, or
    both, over a period the whole's holds. The
    same metric, area and period written alike is an error
    (`subset-exceeds-parent`, a record probably mistyped); across nested
    areas or periods it is a warning (`part-exceeds-whole`): the claimant's
    own figures disagree. Different claimants disagreeing is a finding, not a
    data problem: summaries flag it (`part_exceeds_whole`).
    """
    from hfig.core.bounds import PART_PRECISION, GroupKey, claim_item, exceeding, whole_groups

    # Only metrics with parts or wholes take part: at scale most claims are of neither, and keying
    # them costs time (a same-metric part of an area is flagged in summaries, any claimants).
    related = {m.name for m in data.metrics.values() if m.parent is not None}
    related |= {m.parent for m in data.metrics.values() if m.parent is not None}
    # Keyed by the P-codes as the area holds them (a tuple: no set built per claim).
    groups: dict[GroupKey, list[Claim]] = defaultdict(list)
    for claim in data.claims:
        if claim.metric in related:
            metric = data.metrics[claim.metric]
            groups[(claim.claimant, unit_of(claim, metric), claim.metric, claim.area.pcodes)].append(claim)
    exact = {key for key, claims in groups.items()
             if any(c.area.precision is AreaPrecision.EXACT for c in claims)}
    # Only a group with an area that can stand as a part may break a whole (`exceeding` drops the
    # others): looking for the wholes of the rest took most of this check's time (half of the
    # groups of the generated data, 85 % with large groups, are only "X and surroundings").
    can_be_parts = [key for key, claims in groups.items()
                    if any(c.area.precision in PART_PRECISION for c in claims)]
    problems = []
    for part_key, whole_keys in whole_groups(can_be_parts, data, exact).items():
        metric = data.metrics[part_key[2]]
        parts = [i for n, c in enumerate(groups[part_key]) if (i := claim_item(n, c, metric)) is not None]
        wholes = [i for n, c in enumerate(c for k in whole_keys for c in groups[k])
                  if (i := claim_item(-1 - n, c, data.metrics[c.metric])) is not None]
        for a, b in exceeding(parts, wholes):
            same = (a.claim.area.scope == b.claim.area.scope and _period_key(a.claim) == _period_key(b.claim))
            if same:
                problems.append(Problem(
                    "subset-exceeds-parent",
                    f"{a.claim.metric} ({a.claim.stated}) is larger than {b.claim.metric} ({b.claim.stated}, "
                    f"claim {b.claim.id!r}) from the same claimant, area and period",
                    _where(a.claim, refs, "value")))
            else:
                problems.append(Problem(
                    "part-exceeds-whole",
                    f"{a.claim.metric} ({a.claim.stated}, {a.claim.area.name}) is larger than "
                    f"{b.claim.metric} ({b.claim.stated}, {b.claim.area.name}, claim {b.claim.id!r}) from "
                    "the same claimant, whose area and period hold it",
                    _where(a.claim, refs, "value"), Severity.WARNING))
    return problems


def _period_key(claim: Claim) -> tuple[str, str]:
    start = claim.period.start.text if claim.period.start else ""
    return (start, claim.period_end.text)


def run_checks(data: DataSet, refs: Refs) -> list[Problem]:
    problems = check_duplicate_ids(data.claims)
    for claim in data.claims:
        problems += check_dates(claim, refs)
        problems += check_units(claim, data, refs)
    problems += check_origins(data.claims, refs)
    problems += check_subsets(data, refs)
    return problems


def check_nested_areas(claims: Iterable[Claim], refs: Refs) -> list[Problem]:
    """A warning for each claim whose area lists a unit and a unit inside it ([SY, SY07]).

    Made after loading (hfig.load.future.after_load: by `hfig validate`, and by `hfig add` and
    `hfig import` for their new claims), not by `run_checks`: the warning points at `area:`, a mapping
    more often than not, whose position the cold fast path cannot read off the text; it would read
    the file again with PyYAML (487 such warnings on benchmarks/generate.py's 100,000 claims took
    a cold load from 4.4 to 23 s CPU), for a warning no answering command prints.
    """
    problems = []
    nested_of: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # areas repeat: each checked once
    for claim in claims:
        if len(pcodes := claim.area.pcodes) > 1:
            nested = nested_of.get(pcodes)
            if nested is None:
                nested = nested_of[pcodes] = nested_pcodes(pcodes)
            if nested:
                problems.append(Problem("nested-pcodes", nested_message(pcodes, nested),
                                        _where(claim, refs, "area"), Severity.WARNING))
    return problems
