"""`hfig summary`, `hfig compare`, `hfig explain`: reconciled ranges with receipts."""

# No `from __future__ import annotations` here: typer reads a command's annotations at every
# start, and as strings each is compiled and evaluated again (about 1 ms of a new question on
# the bundled data); written plainly they are evaluated once, when the module is imported.

from typing import Annotated

import typer

from hfig.api import DEFAULT_MIN_GRADE, grade_threshold
from hfig.choices import BestRule
from hfig.cli.base import (
    BomOption,
    ColumnsOption,
    DataOption,
    FormatOption,
    HxlOption,
    Output,
    OutputOption,
    SkipInvalidOption,
    always,
    command,
    emit,
    examples,
)
from hfig.cli.complete import complete_metric, complete_region
from hfig.cli.context import date_option, open_data
from hfig.render.table import Format

RegionOption = Annotated[
    str | None,
    typer.Option("--region", "-r", help="A place by name, alias or P-code. Claims about its parts and "
                 "about overlapping areas are included, each in the row of its own scope.",
                 autocompletion=complete_region),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Only what had certainly been said and published by this day (YYYY-MM-DD, "
                 "or a fuzzy form such as 2019-05: its last day); a claim counts from the last day of its "
                 "published date, else of its as-of date.", show_default=False),
]
PartiesOption = Annotated[
    bool, typer.Option("--include-parties", help="Put party-to-conflict claims into the ordinary rows "
                       "(by default they get rows of their own).")
]
BestOption = Annotated[
    BestRule, typer.Option("--best", metavar="RULE", case_sensitive=False,
                           help="Rule for the best estimate: conservative, median, latest or max.")
]
MinGradeOption = Annotated[
    str, typer.Option("--min-grade", metavar="GRADE", show_default=True,
                      help="Set aside claims from sources graded below the letter (A-E) or graded as "
                      "information below the digit (1-5): C3, B, 2. Ungraded claims, F and 6 (cannot be "
                      "judged) are kept; none keeps every grade."),
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Show, per row, the claims used, the claims set aside and "
                       "why, and the rule applied.")
]


MetricOption = Annotated[str | None, typer.Option(
    "--metric", "-m", help="Only this metric (and the metrics that count parts of it).",
    autocompletion=complete_metric)]


@command("summary", answers=always, epilog=examples(
    "hfig summary --region idlib",
    "hfig summary --metric displaced --as-of 2019-05-31",
    "hfig summary -f csv --hxl > summary.csv",
    "hfig summary -f xlsx -o summary.xlsx",
    "hfig summary --columns metric,area,range,as_of_date",
    "hfig summary --min-grade C3",
))
def summary(
    region: RegionOption = None,
    metric: MetricOption = None,
    as_of: AsOfOption = None,
    include_parties: PartiesOption = False,
    best: BestOption = BestRule.CONSERVATIVE,
    min_grade: MinGradeOption = DEFAULT_MIN_GRADE,
    explain: ExplainOption = False,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    columns: ColumnsOption = None,
    bom: BomOption = False,
    output: OutputOption = None,
    skip_invalid: SkipInvalidOption = False,
    data: DataOption = None,
) -> None:
    """One row per metric and comparable scope: the range, a best estimate and its rule, flags."""
    how = Output(fmt, hxl, columns, bom, output)
    date_option("--as-of", as_of)
    grade_threshold(min_grade)
    ds = open_data(data, skip_invalid=skip_invalid)
    emit(ds.summary_table(region=region, metric=metric, as_of=as_of, include_parties=include_parties,
                          best=best, explain=explain, min_grade=min_grade), how)


@command("compare", answers=always, epilog=examples(
    "hfig compare displaced",
    "hfig compare civilians_killed --region idlib --include-parties",
    "hfig compare displaced -f csv --hxl | csvlook",
))
def compare(
    metric: Annotated[str, typer.Argument(help="The metric, e.g. displaced or civilians_killed.",
                                          autocompletion=complete_metric)],
    region: RegionOption = None,
    as_of: AsOfOption = None,
    include_parties: PartiesOption = False,
    best: BestOption = BestRule.CONSERVATIVE,
    min_grade: MinGradeOption = DEFAULT_MIN_GRADE,
    explain: ExplainOption = False,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    columns: ColumnsOption = None,
    bom: BomOption = False,
    output: OutputOption = None,
    skip_invalid: SkipInvalidOption = False,
    data: DataOption = None,
) -> None:
    """Every claim of one metric side by side, marked used or set aside, then the reconciled rows."""
    how = Output(fmt, hxl, columns, bom, output)
    date_option("--as-of", as_of)
    grade_threshold(min_grade)
    ds = open_data(data, skip_invalid=skip_invalid)
    if fmt in (Format.TABLE, Format.XLSX) and not explain:  # a workbook: a sheet for each table
        emit(list(ds.compare_tables(metric, region=region, as_of=as_of, include_parties=include_parties,
                                    best=best, min_grade=min_grade)), how)
    else:
        emit(ds.compare_table(metric, region=region, as_of=as_of, include_parties=include_parties, best=best,
                              explain=explain, min_grade=min_grade), how)


@command("explain", answers=always, epilog=examples(
    "hfig explain --metric displaced --region idlib",
    "hfig explain -f csv -o explain.csv",
))
def explain(
    region: RegionOption = None,
    metric: MetricOption = None,
    as_of: AsOfOption = None,
    include_parties: PartiesOption = False,
    best: BestOption = BestRule.CONSERVATIVE,
    min_grade: MinGradeOption = DEFAULT_MIN_GRADE,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    columns: ColumnsOption = None,
    bom: BomOption = False,
    output: OutputOption = None,
    skip_invalid: SkipInvalidOption = False,
    data: DataOption = None,
) -> None:
    """Same as `hfig summary --explain`: per row, the claims used and set aside, and why."""
    summary(region=region, metric=metric, as_of=as_of, include_parties=include_parties, best=best,
            min_grade=min_grade, explain=True, fmt=fmt, hxl=hxl, columns=columns, bom=bom, output=output,
            skip_invalid=skip_invalid, data=data)
