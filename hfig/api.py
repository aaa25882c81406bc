"""The Python API: load a data set once, then ask it what the command line asks.

    import hfig

    ds = hfig.load()                          # the bundled records
    ds = hfig.load("my-records/", "more.yaml")
    ds.summary(region="idlib")                # a pandas DataFrame, one row per reconciled figure
    ds.summary_table(region="idlib")          # the ResultTable `hfig summary` renders

Every question takes the command's options as keyword arguments and has two
forms: `name(...)` returns a pandas DataFrame with real dtypes (numbers as
numbers, days as datetime64 beside the dates as written, open bounds as NA with
their `*_open` flags), `name_table(...)` the `ResultTable` the command line
prints. The command line is a client of this module: `hfig summary --region
idlib -f csv` and `ds.summary_table(region="idlib")` are the same table.

pandas is imported only when a DataFrame is asked for (`hfig.render.frame`).
docs/api.md has a worked example.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from msgspec import Struct, field

from hfig.choices import BestRule, By, Every
from hfig.core.dataset import DataSet, first_origins, select
from hfig.core.dates import DateSyntaxError, FuzzyDate, exact_day, parse_fuzzy_date
from hfig.core.gazetteer import Place
from hfig.core.model import Claim, Problem, Severity, SourceRef
from hfig.errors import ExitCode, HfigError
from hfig.render.table import ResultTable

if TYPE_CHECKING:
    import pandas as pd

    from hfig.core.grades import MinGrade
    from hfig.core.reconcile import Reconciliation
    from hfig.core.timeline import Timeline
    from hfig.load.paths import DataFile
    from hfig.load.vocabulary import LoadResult

__all__ = ["Data", "Selection", "Skipped", "load"]

DEFAULT_MIN_GRADE = "D4"
"""hfig.core.grades.DEFAULT_MIN_GRADE, as text: options and keywords take the text a user types."""

DateLike = str | dt.date | None
"""A date option: a fuzzy date as the record format writes it (2019-05-25, 2019-05, 2019-W21 ...)
or a `datetime.date`."""


def load(*paths: str | os.PathLike[str], cache: bool = True, skip_invalid: bool = False) -> Data:
    """Load records: the bundled data when no path is given, else these files and folders.

    The bundled reference (metrics, claimants, places) is always loaded. Data with
    errors raises `HfigError` (its `problems` list every one, located), unless
    `skip_invalid`: then the claim records that have errors are left out and listed
    in `Data.skipped`. `cache=False` reads the files afresh (docs/performance.md).
    """
    cache, skip_invalid = flag("cache", cache), flag("skip_invalid", skip_invalid)
    files = data_files([Path(p) for p in paths] or None)
    return Data.checked(read(files, cache=cache), skip_invalid=skip_invalid)


def data_files(paths: Sequence[Path] | None) -> list[DataFile]:
    """These files and every YAML file in these folders (`bundled`: the bundled records); the bundled
    records when None."""
    from hfig.load.paths import BundledClash, MissingPath, bundled_claim_files, expand

    if not paths:
        return bundled_claim_files()
    try:
        return expand(paths)
    except MissingPath as exc:
        raise HfigError(str(exc), ExitCode.IO_ERROR) from None
    except BundledClash as exc:
        raise HfigError(str(exc), ExitCode.USAGE) from None


def read(files: list[DataFile], *, cache: bool = True) -> LoadResult:
    """`load(files)`, through the data-set cache unless `cache` is False or HFIG_NO_CACHE is set."""
    if not cache:
        from hfig.load.loader import load as load_files

        return load_files(files)
    from hfig.cache import load_cached

    return load_cached(files)


class Skipped(Struct, frozen=True):
    """The claim records left out by `skip_invalid`, and the problems that made them invalid."""

    records: tuple[SourceRef, ...] = ()
    problems: tuple[Problem, ...] = ()

    def __len__(self) -> int:
        return len(self.records)

    def summary(self, limit: int = 5) -> str:
        """'3 invalid claim records skipped: a.yaml:10, a.yaml:52, b.yaml:7'."""
        n = len(self.records)
        shown = ", ".join(f"{r.file}:{r.line}" for r in self.records[:limit])
        more = f" and {n - limit} more" if n > limit else ""
        return (f"{n} invalid claim record{'s' if n != 1 else ''} skipped (--skip-invalid): "
                f"{shown}{more}; `hfig validate` lists their problems")


class Selection(NamedTuple):
    """What the region, metric and claimant options picked from the data set."""

    data: DataSet
    place: Place | None
    metric: str | None  # the metric's name as the vocabulary spells it
    claims: list[Claim]


class Data(Struct):
    """A loaded data set and the questions the command line asks of it."""

    result: LoadResult
    skipped: Skipped = field(default_factory=Skipped)

    @classmethod
    def checked(cls, result: LoadResult, *, skip_invalid: bool = False) -> Data:
        """The data set if it has no errors (or only errors inside claim records, with skip_invalid)."""
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        if not errors:
            return cls(result)
        outside = [p for p in errors if p.record is None]
        if skip_invalid and not outside:
            records = tuple(sorted({p.record for p in errors if p.record is not None},
                                   key=lambda r: (r.file, r.line, r.col)))
            return cls(result, Skipped(records, tuple(errors)))
        n = len(errors)
        why = (f"; {len(outside)} of them outside any claim record, so --skip-invalid cannot leave "
               "them out" if skip_invalid else "")
        raise HfigError(f"{n} problem{'s' if n != 1 else ''} in the data; nothing was answered "
                        f"(hfig validate lists them too){why}", exit_code_of(errors), result.problems)

    # --- what was loaded ---------------------------------------------------

    @property
    def dataset(self) -> DataSet:
        return self.result.data

    @property
    def problems(self) -> list[Problem]:
        """Every problem found while loading (warnings; errors too when records were skipped)."""
        return self.result.problems

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.result.problems if p.severity is Severity.WARNING]

    def _valid(self, claims: list[Claim]) -> list[Claim]:
        if not self.skipped.records:
            return claims
        bad = {(r.file, r.line) for r in self.skipped.records}
        return [c for c in claims if c.source is None or (c.source.file, c.source.line) not in bad]

    # --- choosing claims ----------------------------------------------------

    def select(self, *, region: str | None = None, metric: str | None = None, claimant: str | None = None,
               subsets: bool = True) -> Selection:
        """Claims touching the region, of the metric (and its parts, with subsets) and claimant."""
        subsets = flag("subsets", subsets)
        data = self.dataset
        place = resolve_region(data, region) if region else None
        name = resolve_metric(data, metric) if metric else None
        metrics = None if name is None else data.metric_with_subsets(name) if subsets else {name}
        claimants = {resolve_claimant(data, claimant)} if claimant else None
        # claims_of chooses them (hfig.cache.lazy on its columns): `select` only puts them in order here
        claims = select(self._valid(data.claims_of(metrics, place, claimants)))
        return Selection(data, place, name, claims)

    def reconcile(self, *, region: str | None = None, metric: str | None = None, as_of: DateLike = None,
                  include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                  min_grade: str = DEFAULT_MIN_GRADE,
                  subsets: bool = True) -> tuple[Selection, Reconciliation]:
        """The selected claims and their reconciliation (hfig.core.reconcile)."""
        from hfig.core.reconcile import reconcile

        include_parties = flag("include_parties", include_parties)
        known = fuzzy_date("as_of", as_of)
        rule = choice("best", BestRule, best)
        threshold = grade_threshold(min_grade)
        chosen = self.select(region=region, metric=metric, subsets=subsets)
        result = reconcile(chosen.claims, self.dataset, as_of=known.latest if known else None,
                           include_parties=include_parties, best=rule, min_grade=threshold)
        return chosen, result

    # --- the questions, as tables ------------------------------------------

    def records_table(self, *, region: str | None = None, metric: str | None = None,
                      claimant: str | None = None) -> ResultTable:
        """`hfig records`: one row per claim, every field, and where it was written."""
        from hfig.render.records import records_table

        chosen = self.select(region=region, metric=metric, claimant=claimant)
        return records_table(chosen.claims, self.dataset)

    def summary_table(self, *, region: str | None = None, metric: str | None = None, as_of: DateLike = None,
                      include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                      explain: bool = False, min_grade: str = DEFAULT_MIN_GRADE) -> ResultTable:
        """`hfig summary`: one row per metric and comparable scope (`explain`: the claims behind each)."""
        from hfig.render.summary import explain_table, summary_table

        explain = flag("explain", explain)
        chosen, result = self.reconcile(region=region, metric=metric, as_of=as_of,
                                        include_parties=include_parties, best=best, min_grade=min_grade)
        where = chosen.place.name if chosen.place else None
        if explain:
            table = explain_table(result, self.dataset)
            table.title = title("How each row was reconciled", where, as_of)
            return table
        return summary_table(result, title("Reconciled figures", where, as_of))

    def explain_table(self, *, region: str | None = None, metric: str | None = None, as_of: DateLike = None,
                      include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                      min_grade: str = DEFAULT_MIN_GRADE) -> ResultTable:
        """`hfig explain`: per row, the claims used and set aside, and why."""
        return self.summary_table(region=region, metric=metric, as_of=as_of, include_parties=include_parties,
                                  best=best, explain=True, min_grade=min_grade)

    def compare_tables(self, metric: str, *, region: str | None = None, as_of: DateLike = None,
                       include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                       min_grade: str = DEFAULT_MIN_GRADE) -> tuple[ResultTable, ResultTable]:
        """`hfig compare` in a terminal: every claim of the metric, then the reconciled rows."""
        from hfig.render.summary import compare_claims_table, summary_table

        chosen, result = self.reconcile(region=region, metric=metric, as_of=as_of,
                                        include_parties=include_parties, best=best, min_grade=min_grade,
                                        subsets=False)
        claims = compare_claims_table(chosen.claims, result, self.dataset)
        claims.title = title(f"{len(chosen.claims)} {chosen.metric} claim(s)",
                             chosen.place.name if chosen.place else None, as_of)
        return claims, summary_table(result, "Reconciled")

    def compare_table(self, metric: str, *, region: str | None = None, as_of: DateLike = None,
                      include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                      explain: bool = False, min_grade: str = DEFAULT_MIN_GRADE) -> ResultTable:
        """`hfig compare -f csv`: the claims (line 'claim') and the reconciled rows (line 'reconciled')."""
        from hfig.render.summary import compare_table, explain_table

        explain = flag("explain", explain)
        chosen, result = self.reconcile(region=region, metric=metric, as_of=as_of,
                                        include_parties=include_parties, best=best, min_grade=min_grade,
                                        subsets=False)
        if explain:
            table = explain_table(result, self.dataset)
            table.title = title(f"How {chosen.metric} was reconciled",
                                chosen.place.name if chosen.place else None, as_of)
            return table
        return compare_table(chosen.claims, result, self.dataset)

    def timeline_result(self, metric: str, *, region: str | None = None, as_of: DateLike = None,
                        since: DateLike = None, until: DateLike = None, every: Every | str | None = None,
                        include_parties: bool = False) -> Timeline:
        """The core timeline (series, increments, band) of one metric (hfig.core.timeline)."""
        from hfig.core.model import MetricKind
        from hfig.core.timeline import build_timeline

        include_parties = flag("include_parties", include_parties)
        start, end = fuzzy_date("since", since), fuzzy_date("until", until)
        known = fuzzy_date("as_of", as_of)
        if start is not None and end is not None and start.earliest > end.latest:
            raise HfigError(f"--since {start.text} is after --until {end.text}", ExitCode.USAGE)
        chosen = self.select(region=region, metric=metric, subsets=False)
        name = chosen.metric or metric
        spec = self.dataset.metrics[name]
        step = None if every is None else choice("every", Every, every)
        if step is not None:
            _check_band_size([c for c in chosen.claims if c.metric == name], step, end)
        return build_timeline(chosen.claims, self.dataset.claimants, name, unit=spec.unit,
                              stock=spec.kind is MetricKind.STOCK, include_parties=include_parties,
                              as_of=known, since=start, until=end, every=step,
                              origins=first_origins(chosen.claims, self.dataset))

    def timeline_table(self, metric: str, *, region: str | None = None, by: By | str = By.CLAIMANT,
                       as_of: DateLike = None, since: DateLike = None, until: DateLike = None,
                       every: Every | str | None = None, include_parties: bool = False) -> ResultTable:
        """`hfig timeline -f csv`: every report and every band date, long form."""
        from hfig.render.timeline import timeline_table

        result = self.timeline_result(metric, region=region, as_of=as_of, since=since, until=until,
                                      every=every, include_parties=include_parties)
        return timeline_table(result, self.dataset, choice("by", By, by))

    def metrics_table(self) -> ResultTable:
        """`hfig metrics`: the metric vocabulary."""
        from hfig.render.registry import metrics_table

        return metrics_table(self.dataset)

    def claimants_table(self) -> ResultTable:
        """`hfig claimants`: the claimant registry."""
        from hfig.render.registry import claimants_table

        return claimants_table(self.dataset)

    # --- the questions, as DataFrames ---------------------------------------

    def records(self, *, region: str | None = None, metric: str | None = None,
                claimant: str | None = None) -> pd.DataFrame:
        """`records_table` as a DataFrame: one row per claim."""
        return frame(self.records_table(region=region, metric=metric, claimant=claimant))

    def summary(self, *, region: str | None = None, metric: str | None = None, as_of: DateLike = None,
                include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                explain: bool = False, min_grade: str = DEFAULT_MIN_GRADE) -> pd.DataFrame:
        """`summary_table` as a DataFrame: one row per reconciled figure."""
        return frame(self.summary_table(region=region, metric=metric, as_of=as_of,
                                        include_parties=include_parties, best=best, explain=explain,
                                        min_grade=min_grade))

    def explain(self, *, region: str | None = None, metric: str | None = None, as_of: DateLike = None,
                include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                min_grade: str = DEFAULT_MIN_GRADE) -> pd.DataFrame:
        """`explain_table` as a DataFrame."""
        return frame(self.explain_table(region=region, metric=metric, as_of=as_of,
                                        include_parties=include_parties, best=best, min_grade=min_grade))

    def compare(self, metric: str, *, region: str | None = None, as_of: DateLike = None,
                include_parties: bool = False, best: BestRule | str = BestRule.CONSERVATIVE,
                min_grade: str = DEFAULT_MIN_GRADE) -> pd.DataFrame:
        """`compare_table` as a DataFrame: claims, then reconciled rows (column `line`)."""
        return frame(self.compare_table(metric, region=region, as_of=as_of, include_parties=include_parties,
                                        best=best, min_grade=min_grade))

    def timeline(self, metric: str, *, region: str | None = None, by: By | str = By.CLAIMANT,
                 as_of: DateLike = None, since: DateLike = None, until: DateLike = None,
                 every: Every | str | None = None, include_parties: bool = False) -> pd.DataFrame:
        """`timeline_table` as a DataFrame: reports (row_type 'report') and band dates ('band')."""
        return frame(self.timeline_table(metric, region=region, by=by, as_of=as_of, since=since, until=until,
                                         every=every, include_parties=include_parties))

    def metrics(self) -> pd.DataFrame:
        return frame(self.metrics_table())

    def claimants(self) -> pd.DataFrame:
        return frame(self.claimants_table())


def frame(table: ResultTable) -> pd.DataFrame:
    """A ResultTable as a pandas DataFrame with real dtypes (hfig.render.frame)."""
    from hfig.render.frame import to_frame

    return to_frame(table)


# --- options -----------------------------------------------------------------


def grade_threshold(text: str) -> MinGrade:
    """`--min-grade` / `min_grade=`: 'C3', 'B', '2' or 'none' (hfig.core.grades), or a usage error."""
    from hfig.core.grades import parse_min_grade

    try:
        return parse_min_grade(text)
    except ValueError as exc:
        raise HfigError(f"--min-grade: {exc}", ExitCode.USAGE) from None


def title(what: str, region: str | None, as_of: DateLike) -> str:
    parts = [what]
    if region:
        parts.append(f"touching {region}")
    if as_of:
        parts.append(f"as said by {as_of if isinstance(as_of, str) else as_of.isoformat()}")
    return ", ".join(parts)


def _check_band_size(claims: list[Claim], every: Every, until: FuzzyDate | None) -> None:
    """Stop before the work when resampling the band would make too many dates (hfig.core.limits)."""
    from hfig.core.limits import band_dates_problem

    if not claims:
        return
    first = min(c.as_of.mid for c in claims)
    last = max(max(c.as_of.mid for c in claims), until.latest if until is not None else first)
    problem = band_dates_problem(first, last, every.value)
    if problem is not None:
        raise HfigError(problem, ExitCode.USAGE)


UNREADABLE = frozenset(("unreadable", "too-large"))
"""Problem codes that mean a file could not be read at all: exit 3, as the README says."""


def exit_code_of(problems: Sequence[Problem]) -> ExitCode:
    """INVALID_DATA for problems in the data; IO_ERROR when a file could not be read at all."""
    return ExitCode.IO_ERROR if any(p.code in UNREADABLE for p in problems) else ExitCode.INVALID_DATA


def fuzzy_date(name: str, value: DateLike) -> FuzzyDate | None:
    """A date option in any fuzzy form of the record format, or a datetime.date."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return exact_day(value if type(value) is dt.date else dt.date(value.year, value.month, value.day))
    try:
        return parse_fuzzy_date(value)
    except DateSyntaxError as exc:
        raise HfigError(f"--{name.replace('_', '-')}: {exc}", ExitCode.USAGE) from None


def flag(name: str, value: object) -> bool:
    """A yes-or-no keyword: True or False (a numpy bool too), never a word such as "no", which is truthy."""
    if isinstance(value, bool):
        return value
    numpy = sys.modules.get("numpy")  # a numpy bool comes only from numpy already imported
    if numpy is not None and isinstance(value, numpy.bool_):
        return bool(value)
    raise HfigError(f"{name}= takes True or False, not {value!r} (type {type(value).__name__})",
                    ExitCode.USAGE)


E = TypeVar("E", BestRule, By, Every)


def choice(name: str, kind: type[E], value: E | str) -> E:
    """An option's enum member from itself or its text ('median', 'scope', 'week')."""
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        words = ", ".join(m.value for m in kind)
        raise HfigError(f"--{name}: {value!r} is not one of {words}", ExitCode.USAGE) from None


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
