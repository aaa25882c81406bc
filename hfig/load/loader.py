"""Files -> a validated `DataSet`, or every problem found, located.

The pipeline: read each file (UTF-8) -> tree -> unresolved records; build the
vocabulary, registry and gazetteer from the bundled reference files plus the
user's; resolve names; run the cross-record checks.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import msgspec

from hfig.core.checks import run_checks
from hfig.core.dataset import DataSet
from hfig.core.gazetteer import Gazetteer, country_of
from hfig.core.model import Area, AreaPrecision, Claim, Claimant, Metric, Problem, SourceRef
from hfig.load.fields import did_you_mean
from hfig.load.paths import DataFile, FileTooLarge, read_regular, reference_files
from hfig.load.schema import AreaSpec, ClaimDraft, RejectedClaim, in_record, read_file_content
from hfig.load.vocabulary import FileContent, LoadResult, build_gazetteer


def read_content(file: DataFile, problems: list[Problem]) -> FileContent:
    from hfig.load.tree import parse_yaml  # PyYAML only when a file is really read

    if file.text is not None:
        tree, tree_problems = parse_yaml(file.text, file.shown)
        problems += tree_problems
        return read_file_content(tree, problems)
    try:
        raw = read_regular(file.path)
    except OSError as exc:
        code = "too-large" if isinstance(exc, FileTooLarge) else "unreadable"
        problems.append(Problem(code, f"cannot read: {exc.strerror}", SourceRef(file.shown, 1, 1)))
        return FileContent()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem("encoding", "not UTF-8 text (save the file as UTF-8)", SourceRef(file.shown, line, 1))
        )
        return FileContent()
    tree, tree_problems = parse_yaml(text, file.shown)
    problems += tree_problems
    return read_file_content(tree, problems)


def load(files: Iterable[DataFile], *, reference: Iterable[DataFile] | None = None) -> LoadResult:
    """Load the reference files and `files`; never raises on bad input."""
    problems: list[Problem] = []
    ref_files = list(reference_files() if reference is None else reference)
    user_files = list(files)
    contents = [read_content(f, problems) for f in [*ref_files, *user_files]]
    metrics = _register_metrics(contents, problems)
    claimants = _register_claimants(contents, problems)
    gazetteer = build_gazetteer(contents, problems)
    data = DataSet(metrics, claimants, gazetteer)
    refs: dict[str, dict[str, SourceRef]] = {}
    countries = settled_countries([d.area for c in contents for d in c.claims], gazetteer)
    for content in contents:
        for draft in content.claims:
            claim = _resolve(draft, data, problems, countries)
            if claim is not None:
                data.claims.append(claim)
                refs.setdefault(claim.id, draft.refs)
        check_rejected(content.rejected, data, problems, countries)
    problems += in_records(run_checks(data, refs), data.claims)
    problems.sort(key=_problem_order)
    return LoadResult(data, problems, refs, user_files)


def in_records(problems: list[Problem], claims: list[Claim]) -> list[Problem]:
    """Cross-record problems, each marked with the record it points into (the check names a field
    or the opening line of one of `claims`: the record is the last claim opening at or before it)."""
    if not problems:
        return problems
    starts: dict[str, list[SourceRef]] = {}
    for claim in claims:
        if claim.source is not None:
            starts.setdefault(claim.source.file, []).append(claim.source)
    keys = {}
    for file, refs in starts.items():
        refs.sort(key=lambda r: (r.line, r.col))
        keys[file] = [(r.line, r.col) for r in refs]
    out = []
    for p in problems:
        w = p.where
        i = bisect.bisect_right(keys.get(w.file, []), (w.line, w.col)) if w else 0
        out.append(msgspec.structs.replace(p, record=starts[w.file][i - 1]) if w and i else p)
    return out


def _problem_order(p: Problem) -> tuple[str, int, int, str]:
    w = p.where
    return (w.file, w.line, w.col, p.code) if w else ("", 0, 0, p.code)


def _register_metrics(contents: list[FileContent], problems: list[Problem]) -> dict[str, Metric]:
    metrics: dict[str, Metric] = {}
    where: dict[str, SourceRef] = {}
    for content in contents:
        for metric, ref in content.metrics:
            if metric.name in metrics:
                problems.append(
                    Problem(
                        "duplicate-metric",
                        f"metric {metric.name!r} is already defined at {where[metric.name]}",
                        ref,
                    )
                )
                continue
            metrics[metric.name] = metric
            where[metric.name] = ref
    for name, metric in list(metrics.items()):
        if metric.parent is not None and metric.parent not in metrics:
            problems.append(
                Problem(
                    "unknown-metric",
                    f"parent {metric.parent!r} of metric {name!r} is not a metric"
                    + did_you_mean(metric.parent, metrics),
                    where[name],
                )
            )
    return metrics


def _register_claimants(contents: list[FileContent], problems: list[Problem]) -> dict[str, Claimant]:
    claimants: dict[str, Claimant] = {}
    where: dict[str, SourceRef] = {}
    for content in contents:
        for claimant, ref in content.claimants:
            if claimant.id in claimants:
                problems.append(
                    Problem(
                        "duplicate-claimant",
                        f"claimant {claimant.id!r} is already defined at {where[claimant.id]}",
                        ref,
                    )
                )
                continue
            claimants[claimant.id] = claimant
            where[claimant.id] = ref
    for cid, claimant in claimants.items():
        if claimant.part_of is None:
            continue
        if claimant.part_of not in claimants:
            problems.append(Problem(
                "unknown-claimant",
                f"part_of {claimant.part_of!r} of claimant {cid!r} is not a claimant"
                + did_you_mean(claimant.part_of, claimants),
                where[cid],
            ))
        elif cid in _part_of_chain(claimant.part_of, claimants):
            problems.append(Problem(
                "part-of-cycle", f"claimant {cid!r} is, through part_of, a part of itself", where[cid]
            ))
    return claimants


def _part_of_chain(start: str, claimants: dict[str, Claimant]) -> list[str]:
    """`start` and every claimant it is a part of, stopping at a repeat or an unknown id."""
    chain: list[str] = []
    current: str | None = start
    while current is not None and current in claimants and current not in chain:
        chain.append(current)
        current = claimants[current].part_of
    return chain


def settled_countries(specs: Iterable[AreaSpec], gazetteer: Gazetteer) -> frozenset[str]:
    """The countries a data set is about: those of its claims whose area no context could change.

    An area given by P-codes is in their countries; a name is, when every place
    it may mean is in one country. Names that stay ambiguous are then resolved
    within these countries first (docs/places.md, "Names that clash"). The
    answer does not depend on the order of files or claims.
    """
    out: set[str] = set()
    seen: set[str] = set()
    for spec in specs:
        if spec.pcodes:
            out.update(country_of(p) for p in spec.pcodes)
        elif spec.name is not None and spec.name not in seen:
            seen.add(spec.name)
            out.update(gazetteer.settled_country(spec.name) or ())
    return frozenset(out)


def check_rejected(rejected: list[RejectedClaim], data: DataSet, problems: list[Problem],
                   countries: frozenset[str] = frozenset()) -> None:
    """The names in records that already had problems: every problem is reported in one run."""
    for record in rejected:
        before = len(problems)
        _check_names(record.metric, record.claimant, record.refs, record.ref, data, problems)
        if record.area is not None:
            _resolve_spec(record.area, data, problems, countries)
        in_record(problems, before, record.ref)


def _check_names(metric: str | None, claimant: str | None, refs: dict[str, SourceRef], ref: SourceRef,
                 data: DataSet, problems: list[Problem]) -> None:
    if metric is not None and metric not in data.metrics:
        problems.append(
            Problem(
                "unknown-metric",
                f"{metric!r} is not a metric{did_you_mean(metric, data.metrics)} "
                "(hfig metrics lists them; a data set can add its own under 'metrics:')",
                refs.get("metric", ref),
            )
        )
    if claimant is not None and claimant not in data.claimants:
        problems.append(
            Problem(
                "unknown-claimant",
                f"{claimant!r} is not a claimant id{_claimant_hint(claimant, data)} "
                "(hfig claimants lists them; a data set can add its own under 'claimants:')",
                refs.get("claimant", ref),
            )
        )


def _resolve(draft: ClaimDraft, data: DataSet, problems: list[Problem],
             countries: frozenset[str] = frozenset()) -> Claim | None:
    before = len(problems)
    _check_names(draft.metric, draft.claimant, draft.refs, draft.ref, data, problems)
    area = resolve_area(draft, data, problems, countries)
    if len(problems) != before or area is None:
        in_record(problems, before, draft.ref)
        return None
    return Claim(
        id=draft.id,
        metric=draft.metric,
        value=draft.value,
        qualifier=draft.qualifier,
        claimant=draft.claimant,
        area=area,
        as_of=draft.as_of,
        period=draft.period,
        value_max=draft.value_max,
        unit=draft.unit,
        household_size=draft.household_size,
        household_size_max=draft.household_size_max,
        publisher=draft.publisher,
        url=draft.url,
        published=draft.published,
        origin=draft.origin,
        quote=draft.quote,
        notes=draft.notes,
        credibility=draft.credibility,
        disputed=draft.disputed,
        inferred=draft.inferred,
        source=draft.ref,
    )


def _claimant_hint(text: str, data: DataSet) -> str:
    lowered = text.casefold()
    for claimant in data.claimants.values():
        if lowered in (a.casefold() for a in (claimant.name, *claimant.aliases)):
            return f" (did you mean {claimant.id!r}?)"
    return did_you_mean(text, data.claimants)


def resolve_area(draft: ClaimDraft, data: DataSet, problems: list[Problem],
                 countries: frozenset[str] = frozenset()) -> Area | None:
    return _resolve_spec(draft.area, data, problems, countries)


def _resolve_spec(spec: AreaSpec, data: DataSet, problems: list[Problem],
                  countries: frozenset[str] = frozenset()) -> Area | None:
    gaz = data.gazetteer
    unknown = [p for p in spec.pcodes if not gaz.knows_pcode(p)]
    if unknown:
        problems.append(Problem("unknown-pcode", unknown_pcode_message(unknown, gaz), spec.ref))
        return None
    if spec.pcodes:
        name = spec.name or gaz.label(spec.pcodes)
        return Area(name, tuple(sorted(spec.pcodes)), spec.precision or AreaPrecision.EXACT)
    assert spec.name is not None
    place = gaz.resolve(spec.name, countries)
    if place is None:
        problems.append(Problem("unknown-area", unknown_area_message(spec.name, data, countries=countries),
                                spec.ref))
        return None
    return Area(spec.name, place.pcodes, spec.precision or place.precision)


def unknown_pcode_message(codes: list[str], gaz: Gazetteer) -> str:
    return (f"unknown P-code(s): {', '.join(codes)}; hfig has the P-codes of "
            f"{', '.join(gaz.countries_known())} (other countries by ISO 3166-2 code: "
            "'hfig areas import' brings a country's P-codes from its COD-AB table)")


def unknown_area_message(name: str, data: DataSet, in_record: bool = True,
                         countries: frozenset[str] = frozenset()) -> str:
    gaz = data.gazetteer
    ambiguous = gaz.ambiguity(name, countries)
    if ambiguous:
        options = "; ".join(p.describe() for p in ambiguous[:12])
        more = f"; and {len(ambiguous) - 12} more" if len(ambiguous) > 12 else ""
        return (f"{name!r} names more than one place: {options}{more}. Give the P-code, or say which "
                "with the place it is in ('Suran, Hama')")
    close = gaz.suggest(name, countries)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    advice = "use a P-code, or give the area as a mapping with 'name' and 'pcodes'" if in_record else (
        "use a name, alias or code (SY07, UA63, UA, UKR)")
    return (f"{name!r} is not a place hfig knows{hint}; {advice}. hfig knows every country and its "
            f"ISO 3166-2 subdivisions, and the P-codes of {', '.join(gaz.countries_known())}; "
            "'hfig areas import' adds a country's P-codes, an 'areas:' entry adds a name (docs/places.md)")
