"""`hfig records`, `hfig metrics`, `hfig claimants`: list what the data set holds."""

from __future__ import annotations

from typing import Annotated

import typer

from hfig.cli.base import DataOption, FormatOption, HxlOption, always, command, emit
from hfig.cli.context import load_data, selected
from hfig.render.records import records_table
from hfig.render.table import Cell, Column, Format, ResultTable


@command("records", answers=always)
def records(
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="A place by name, alias or P-code; "
            "claims about its parts and about areas overlapping it are listed.",
        ),
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option("--metric", "-m", help="Only this metric (and the metrics that count parts of it)."),
    ] = None,
    claimant: Annotated[
        str | None, typer.Option("--claimant", "-c", help="Only this claimant (id, name or alias).")
    ] = None,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    data: DataOption = None,
) -> None:
    """List the claims, one per row, with every field and where it was written."""
    ds, _, _, claims = selected(data, region=region, metric=metric, claimant=claimant)
    emit(records_table(claims, ds), fmt, hxl)


@command("metrics")
def metrics(fmt: FormatOption = Format.TABLE, data: DataOption = None) -> None:
    """List the metric vocabulary: what can be counted, in which unit, stock or flow."""
    ds = load_data(data)
    rows: list[dict[str, Cell]] = [
        {
            "name": m.name,
            "family": m.family.value,
            "unit": m.unit,
            "kind": m.kind.value,
            "parent": m.parent,
            "civilian": m.civilian,
            "description": m.description,
        }
        for m in sorted(ds.metrics.values(), key=lambda m: (m.family.value, m.name))
    ]
    columns = [Column(n) for n in ("name", "family", "unit", "kind", "parent", "civilian", "description")]
    emit(ResultTable("metrics", columns, rows, group_by="family"), fmt)


@command("claimants")
def claimants(fmt: FormatOption = Format.TABLE, data: DataOption = None) -> None:
    """List the claimant registry: who says what, and what kind of claimant they are."""
    ds = load_data(data)
    rows: list[dict[str, Cell]] = [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind.value,
            "aliases": list(c.aliases),
            "part_of": c.part_of,
            "reliability": c.reliability,
            "reliability_basis": c.reliability_basis,
        }
        for c in sorted(ds.claimants.values(), key=lambda c: c.id)
    ]
    columns = [Column(n) for n in ("id", "name", "kind", "aliases", "part_of", "reliability",
                                    "reliability_basis")]
    emit(ResultTable("claimants", columns, rows), fmt)
