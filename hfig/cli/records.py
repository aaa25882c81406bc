"""`hfig records`, `hfig metrics`, `hfig claimants`: list what the data set holds."""

# No `from __future__ import annotations` here: typer reads a command's annotations at every
# start, and as strings each is compiled and evaluated again (about 1 ms of a new question on
# the bundled data); written plainly they are evaluated once, when the module is imported.

from typing import Annotated

import typer

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
from hfig.cli.complete import complete_claimant, complete_metric, complete_region
from hfig.cli.context import open_data
from hfig.render.table import Format


@command("records", answers=always, epilog=examples(
    "hfig records --region idlib",
    "hfig records --metric displaced --claimant unhcr -f csv",
    "hfig records -f csv --hxl | hfig import - --into copy.yaml",
    "hfig records --columns id,metric,stated,as_of,as_of_date -f csv",
    "hfig records -f xlsx -o records.xlsx",
))
def records(
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="A place by name, alias or P-code; "
            "claims about its parts and about areas overlapping it are listed.",
            autocompletion=complete_region,
        ),
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option("--metric", "-m", help="Only this metric (and the metrics that count parts of it).",
                     autocompletion=complete_metric),
    ] = None,
    claimant: Annotated[
        str | None, typer.Option("--claimant", "-c", help="Only this claimant (id, name or alias).",
                                 autocompletion=complete_claimant)
    ] = None,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    columns: ColumnsOption = None,
    bom: BomOption = False,
    output: OutputOption = None,
    skip_invalid: SkipInvalidOption = False,
    data: DataOption = None,
) -> None:
    """List the claims, one per row, with every field and where it was written."""
    how = Output(fmt, hxl, columns, bom, output)
    ds = open_data(data, skip_invalid=skip_invalid)
    emit(ds.records_table(region=region, metric=metric, claimant=claimant), how)


@command("metrics", epilog=examples("hfig metrics", "hfig metrics -f csv --columns name,unit,kind"))
def metrics(fmt: FormatOption = Format.TABLE, columns: ColumnsOption = None, output: OutputOption = None,
            data: DataOption = None) -> None:
    """List the metric vocabulary: what can be counted, in which unit, stock or flow."""
    how = Output(fmt, columns=columns, output=output)
    emit(open_data(data).metrics_table(), how)


@command("claimants", epilog=examples("hfig claimants", "hfig claimants -f json"))
def claimants(fmt: FormatOption = Format.TABLE, columns: ColumnsOption = None, output: OutputOption = None,
              data: DataOption = None) -> None:
    """List the claimant registry: who says what, and what kind of claimant they are."""
    how = Output(fmt, columns=columns, output=output)
    emit(open_data(data).claimants_table(), how)
