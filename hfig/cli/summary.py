"""`hfig summary`, `hfig compare`, `hfig explain`: reconciled ranges with receipts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from hfig.choices import BestRule
from hfig.cli.base import DataOption, ExitCode, FormatOption, HfigError, HxlOption, always, command, emit
from hfig.cli.context import date_option, selected
from hfig.core.dataset import DataSet
from hfig.core.model import Claim
from hfig.render.table import Format

if TYPE_CHECKING:
    from hfig.core.grades import MinGrade
    from hfig.core.reconcile import Reconciliation

DEFAULT_MIN_GRADE = "D4"
"""hfig.core.grades.DEFAULT_MIN_GRADE, written here so that --help does not import the core."""

RegionOption = Annotated[
    str | None,
    typer.Option("--region", "-r", help="A place by name, alias or P-code. Claims about its parts and "
                 "about overlapping areas are included, each in the row of its own scope."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Only what had certainly been said and published by this day "
                 "(YYYY-MM-DD, or a fuzzy form such as 2019-05: its last day).", show_default=False),
]
PartiesOption = Annotated[
    bool, typer.Option("--include-parties", help="Put party-to-conflict claims into the ordinary rows "
                       "(by default they get rows of their own).")
]
BestOption = Annotated[
    BestRule, typer.Option("--best", help="Rule for the best estimate.", case_sensitive=False)
]
MinGradeOption = Annotated[
    str, typer.Option("--min-grade", help="Set aside claims from sources graded below the letter (A-E) "
                      "or graded as information below the digit (1-5): C3, B, 2. Ungraded claims, F and 6 "
                      "(cannot be judged) are kept; 'none' keeps every grade.", show_default=True),
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Show, per row, the claims used, the claims set aside and "
                       "why, and the rule applied.")
]


def parse_as_of(text: str | None) -> dt.date | None:
    """What had been said by the end of the day (or week, month ...) given."""
    day = date_option("--as-of", text)
    return day.latest if day else None


def parse_grade(text: str) -> MinGrade:
    from hfig.core.grades import parse_min_grade

    try:
        return parse_min_grade(text)
    except ValueError as exc:
        raise HfigError(f"--min-grade: {exc}", ExitCode.USAGE) from None


def _reconciled(ds: DataSet, claims: list[Claim], as_of: str | None, include_parties: bool,
                best: BestRule, min_grade: str) -> Reconciliation:
    from hfig.core.reconcile import reconcile

    return reconcile(claims, ds, as_of=parse_as_of(as_of), include_parties=include_parties, best=best,
                     min_grade=parse_grade(min_grade))


def _title(what: str, region: str | None, as_of: str | None) -> str:
    parts = [what]
    if region:
        parts.append(f"touching {region}")
    if as_of:
        parts.append(f"as said by {as_of}")
    return ", ".join(parts)


@command("summary", answers=always)
def summary(
    region: RegionOption = None,
    metric: Annotated[str | None, typer.Option("--metric", "-m", help="Only this metric (and the "
                                               "metrics that count parts of it).")] = None,
    as_of: AsOfOption = None,
    include_parties: PartiesOption = False,
    best: BestOption = BestRule.CONSERVATIVE,
    min_grade: MinGradeOption = DEFAULT_MIN_GRADE,
    explain: ExplainOption = False,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    data: DataOption = None,
) -> None:
    """One row per metric and comparable scope: the range, a best estimate and its rule, flags."""
    from hfig.render.summary import explain_table, summary_table

    parse_grade(min_grade)
    ds, place, _, claims = selected(data, region=region, metric=metric)
    parse_as_of(as_of)
    result = _reconciled(ds, claims, as_of, include_parties, best, min_grade)
    name = place.name if place else None
    if explain:
        table = explain_table(result, ds)
        table.title = _title("How each row was reconciled", name, as_of)
    else:
        table = summary_table(result, _title("Reconciled figures", name, as_of))
    emit(table, fmt, hxl)


@command("compare", answers=always)
def compare(
    metric: Annotated[str, typer.Argument(help="The metric, e.g. displaced or civilians_killed.")],
    region: RegionOption = None,
    as_of: AsOfOption = None,
    include_parties: PartiesOption = False,
    best: BestOption = BestRule.CONSERVATIVE,
    min_grade: MinGradeOption = DEFAULT_MIN_GRADE,
    explain: ExplainOption = False,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    data: DataOption = None,
) -> None:
    """Every claim of one metric side by side, marked used or set aside, then the reconciled rows."""
    from hfig.render.summary import compare_claims_table, compare_table, explain_table, summary_table

    parse_grade(min_grade)
    ds, place, chosen, claims = selected(data, region=region, metric=metric, subsets=False)
    name = chosen or metric
    parse_as_of(as_of)
    result = _reconciled(ds, claims, as_of, include_parties, best, min_grade)
    where = place.name if place else None
    if explain:
        table = explain_table(result, ds)
        table.title = _title(f"How {name} was reconciled", where, as_of)
        emit(table, fmt, hxl)
    elif fmt is Format.TABLE:
        claims_part = compare_claims_table(claims, result, ds)
        claims_part.title = _title(f"{len(claims)} {name} claim(s)", where, as_of)
        emit(claims_part, fmt)
        emit(summary_table(result, "Reconciled"), fmt)
    else:
        emit(compare_table(claims, result, ds), fmt, hxl)


@command("explain", answers=always)
def explain(
    region: RegionOption = None,
    metric: Annotated[str | None, typer.Option("--metric", "-m", help="Only this metric (and the "
                                               "metrics that count parts of it).")] = None,
    as_of: AsOfOption = None,
    include_parties: PartiesOption = False,
    best: BestOption = BestRule.CONSERVATIVE,
    min_grade: MinGradeOption = DEFAULT_MIN_GRADE,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    data: DataOption = None,
) -> None:
    """Same as `hfig summary --explain`: per row, the claims used and set aside, and why."""
    summary(region=region, metric=metric, as_of=as_of, include_parties=include_parties, best=best,
            min_grade=min_grade, explain=True, fmt=fmt, hxl=hxl, data=data)
