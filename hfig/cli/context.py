"""What every command needs before it can answer: the active data set, a region, a metric."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from hfig.cli.base import ExitCode, HfigError
from hfig.core.dataset import DataSet, select
from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.core.gazetteer import Place
from hfig.core.model import Claim, Problem
from hfig.load.paths import DataFile, MissingPath, bundled_claim_files, data_paths, expand
from hfig.load.vocabulary import LoadResult


def active_files(cli_paths: list[Path] | None) -> list[DataFile]:
    """--data, else $HFIG_DATA, else the bundled records."""
    paths = data_paths(cli_paths)
    if paths is None:
        return bundled_claim_files()
    if not paths:
        from hfig.load.paths import ENV_VAR

        raise HfigError(f"{ENV_VAR} names no file or folder (paths are separated by "
                        f"{os.pathsep!r}); unset it to use the bundled data", ExitCode.USAGE)
    try:
        return expand(paths)
    except MissingPath as exc:
        raise HfigError(str(exc), ExitCode.IO_ERROR) from None


def load_checked(cli_paths: list[Path] | None) -> LoadResult:
    """The active data set, or an error listing every problem: hfig never answers from bad data."""
    import gc

    from hfig.core.collection import collection_paused

    files = active_files(cli_paths)
    with collection_paused():
        result = _load(files)
        # The loaded data lives until the process ends: move it out of the collector's way
        # before collecting can resume, or the first collection walks all of it (0.3 s at
        # 100,000 claims); later collections scan only what the command itself creates.
        gc.freeze()
    if not result.ok:
        errors = [p for p in result.problems if p.severity.value == "error"]
        raise HfigError(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the data; nothing was "
            "answered (hfig validate lists them too)",
            exit_code_of(result.problems),
            result.problems,
        )
    # What is left are warnings (an echo that differs from its origin, one claimant's part over its
    # whole): `hfig validate` lists them, and summaries flag what they mean for each row. Printing
    # them on every command would repeat the same lines on every run of the bundled data.
    return result


UNREADABLE = frozenset(("unreadable", "too-large"))
"""Problem codes that mean a file could not be read at all: exit 3, as the README says."""


def exit_code_of(problems: list[Problem]) -> ExitCode:
    """INVALID_DATA for problems in the data; IO_ERROR when a file could not be read at all."""
    return ExitCode.IO_ERROR if any(p.code in UNREADABLE for p in problems) else ExitCode.INVALID_DATA


def _load(files: list[DataFile]) -> LoadResult:
    """`load(files)`, through the cache unless --no-cache or HFIG_NO_CACHE (docs/performance.md)."""
    from hfig.cli import base

    if not base.use_cache:
        from hfig.load.loader import load

        return load(files)
    from hfig.cache import load_cached

    return load_cached(files)


def date_option(name: str, text: str | None) -> FuzzyDate | None:
    """A date option in any fuzzy form of the record format (2019-05-25, 2019-05, 2019-W21 ...)."""
    if text is None:
        return None
    try:
        return parse_fuzzy_date(text)
    except DateSyntaxError as exc:
        raise HfigError(f"{name}: {exc}", ExitCode.USAGE) from None


def load_data(cli_paths: list[Path] | None) -> DataSet:
    return load_checked(cli_paths).data


class Selection(NamedTuple):
    """What the region, metric and claimant options picked from the active data set."""

    data: DataSet
    place: Place | None
    metric: str | None  # the metric's name as the vocabulary spells it
    claims: list[Claim]


def selected(
    cli_paths: list[Path] | None,
    *,
    region: str | None = None,
    metric: str | None = None,
    claimant: str | None = None,
    subsets: bool = True,
) -> Selection:
    """Load the data set and select by the shared options (subsets: children killed with civilians)."""
    data = load_data(cli_paths)
    place = resolve_region(data, region) if region else None
    name = resolve_metric(data, metric) if metric else None
    metrics = None if name is None else data.metric_with_subsets(name) if subsets else {name}
    claimants = {resolve_claimant(data, claimant)} if claimant else None
    claims = select(data.claims_of(metrics, place), region=place, metrics=metrics, claimants=claimants)
    return Selection(data, place, name, claims)


def resolve_region(data: DataSet, text: str) -> Place:
    """A country, unit or named area by any name or code, within the data set's countries first."""
    countries = data.countries()
    place = data.gazetteer.resolve(text, countries)
    if place is not None:
        return place
    from hfig.load.loader import unknown_area_message

    message = unknown_area_message(text, data, in_record=False, countries=countries)
    raise HfigError(f"--region: {message}", ExitCode.USAGE)


def resolve_metric(data: DataSet, name: str) -> str:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key in data.metrics:
        return key
    from hfig.load.fields import did_you_mean

    raise HfigError(
        f"{name!r} is not a metric{did_you_mean(key, data.metrics)}; `hfig metrics` lists them",
        ExitCode.USAGE,
    )


def resolve_claimant(data: DataSet, text: str) -> str:
    lowered = text.strip().casefold()
    for claimant in data.claimants.values():
        if lowered in (x.casefold() for x in (claimant.id, claimant.name, *claimant.aliases)):
            return claimant.id
    from hfig.load.fields import did_you_mean

    raise HfigError(
        f"{text!r} is not a claimant{did_you_mean(lowered, data.claimants)}; `hfig claimants` lists them",
        ExitCode.USAGE,
    )
