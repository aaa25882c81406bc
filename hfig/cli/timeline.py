"""`hfig timeline METRIC`: how each claimant's figure grew, report by report, and the band."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hfig.choices import By, Every
from hfig.cli.base import (
    DataOption,
    ExitCode,
    FormatOption,
    HfigError,
    HxlOption,
    command,
    emit,
    terminal_width,
    use_color,
    warn,
)
from hfig.cli.context import date_option, selected
from hfig.core.model import MetricKind
from hfig.render.table import Format, ResultTable

if TYPE_CHECKING:
    from hfig.core.dates import FuzzyDate
    from hfig.core.model import Claim
    from hfig.core.timeline import Timeline

PLOT_SUFFIXES = (".png", ".svg")
MAX_BAND_DATES = 10_000
"""The most dates a resampled band may have (--every): 27 years of days. Beyond it the answer
would be too long to read and too slow to compute, so hfig stops before starting."""
_STEP_DAYS = {"day": 1, "week": 7, "month": 30}


@command("timeline", answers=lambda options: options.get("plot") is None)  # a plot is a side effect
def timeline(
    metric: Annotated[str, typer.Argument(help="The metric, e.g. displaced (`hfig metrics` lists them).",
                                          show_default=False)],
    region: Annotated[str | None, typer.Option(
        "--region", "-r", help="A place by name, alias or P-code: claims whose area touches it. "
        "Each scope keeps its own series and band.")] = None,
    by: Annotated[By, typer.Option("--by", case_sensitive=False,
                                   help="Group the series by claimant or by scope.")] = By.CLAIMANT,
    every: Annotated[Every | None, typer.Option(
        "--every", case_sensitive=False,
        help="Resample the band to the end of every day, ISO week (Sunday) or month.",
        show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Show reports and band dates from this date (2019-05-07, 2019-05-late, "
        "2019-W19, 2019-05 ...). Increments still count from earlier reports.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Show reports and band dates up to the end of this date.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Use only what had been said by the end of this date (fuzzy as-of dates "
        "count by their middle day); the band is carried to that date.")] = None,
    include_parties: Annotated[bool, typer.Option(
        "--include-parties", help="Let claims of parties to the conflict into the band.")] = False,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also write the chart to FILE.png or FILE.svg (needs matplotlib: pip install "
        "'hfig\\[plot]').",
        show_default=False, dir_okay=False, readable=False)] = None,
    fmt: FormatOption = Format.TABLE,
    hxl: HxlOption = False,
    data: DataOption = None,
) -> None:
    """Each claimant's figures in as-of order, with increments, drops, gaps, and the band.

    A series is one claimant's reports for one scope (set of P-codes). The
    increment is shown only between running totals from the same start; the
    band is, at each date, the spread of every claimant's latest running total.
    In table format a chart follows the tables.
    """
    start, end, known = (date_option("--since", since), date_option("--until", until),
                         date_option("--as-of", as_of))
    if start is not None and end is not None and start.earliest > end.latest:
        raise HfigError(f"--since {start.text} is after --until {end.text}", ExitCode.USAGE)
    if plot is not None:
        _check_plot_target(plot)
    from hfig.core.timeline import build_timeline

    ds, _, chosen, claims = selected(data, region=region, metric=metric, subsets=False)
    name = chosen or metric
    spec = ds.metrics[name]
    if every is not None:
        _check_band_size([c for c in claims if c.metric == name], every, end)
    result = build_timeline(claims, ds.claimants, name, unit=spec.unit,
                            stock=spec.kind is MetricKind.STOCK, include_parties=include_parties,
                            as_of=known, since=start, until=end, every=every)

    from hfig.render.timeline import scope_labels, timeline_table

    labels = scope_labels(result, ds.gazetteer)
    if plot is not None:
        from hfig.render.plot import write_plot

        try:
            write_plot(result, labels, plot, by=by)
        except OSError as exc:
            raise HfigError(f"--plot: cannot write {plot}: {exc.strerror or exc}",
                            ExitCode.IO_ERROR) from None
        warn(f"wrote {plot}")

    table = timeline_table(result, ds, by)
    if fmt is not Format.TABLE:
        emit(table, fmt, hxl)
        return
    if hxl:
        raise HfigError("--hxl goes with --format csv or tsv")
    _print_terminal(table, result, labels, by)


def _check_band_size(claims: list[Claim], every: Every, until: FuzzyDate | None) -> None:
    """Stop before the work when --every would make more than MAX_BAND_DATES dates."""
    if not claims:
        return
    first = min(c.as_of.mid for c in claims)
    last = max(max(c.as_of.mid for c in claims), until.latest if until is not None else first)
    dates = (last - first).days // _STEP_DAYS[every.value] + 1
    if dates > MAX_BAND_DATES:
        raise HfigError(
            f"--every {every.value} from {first} to {last} would give about {dates:,} dates (at most "
            f"{MAX_BAND_DATES:,}); narrow it with --until or resample less often", ExitCode.USAGE)


def _check_plot_target(plot: Path) -> None:
    """Fail before any work or output when the plot cannot be written."""
    if plot.suffix.lower() not in PLOT_SUFFIXES:
        raise HfigError(f"--plot: {plot.name!r} must end in .png or .svg", ExitCode.USAGE)
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise HfigError("--plot needs matplotlib: pip install 'hfig[plot]'", ExitCode.MISSING_EXTRA)
    if not plot.parent.is_dir():
        raise HfigError(f"--plot: folder {str(plot.parent)!r} does not exist", ExitCode.IO_ERROR)


def _print_terminal(table: ResultTable, result: Timeline, labels: dict[tuple[str, ...], str], by: By) -> None:
    """The series table, the band table, then the chart at the console's width."""
    from hfig.render.chart import render_chart
    from hfig.render.terminal import render_terminal
    from hfig.render.timeline import band_table, series_table

    width, color = terminal_width(), use_color()
    sys.stdout.write(render_terminal(series_table(table, by), width, color))
    if result.band:
        sys.stdout.write(render_terminal(band_table(table), width, color))
    sys.stdout.flush()
    if result.series:
        chart = render_chart(result, labels, width=width, by=by)
        sys.stdout.write(chart.rstrip("\n") + "\n")
