"""`hfig timeline METRIC`: how each claimant's figure grew, report by report, and the band."""

# No `from __future__ import annotations` here: typer reads a command's annotations at every
# start, and as strings each is compiled and evaluated again (about 1 ms of a new question on
# the bundled data); written plainly they are evaluated once, when the module is imported.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hfig.choices import By, Every
from hfig.cli.base import (
    BomOption,
    ColumnsOption,
    DataOption,
    ExitCode,
    FormatOption,
    HfigError,
    HxlOption,
    Output,
    OutputOption,
    SkipInvalidOption,
    chosen_columns,
    command,
    emit,
    examples,
    render_text,
    terminal_width,
    warn,
    write_output,
)
from hfig.cli.complete import complete_metric, complete_region
from hfig.cli.context import date_option, open_data
from hfig.render.table import Format, ResultTable

if TYPE_CHECKING:
    from hfig.core.timeline import Timeline

PLOT_SUFFIXES = (".png", ".svg")


@command("timeline", answers=lambda options: options.get("plot") is None,  # a plot is a side effect
         epilog=examples(
             "hfig timeline displaced",
             "hfig timeline civilians_killed --region idlib --by scope --every week",
             "hfig timeline displaced --since 2019-05 --until 2019-06 -f csv --hxl",
             "hfig timeline displaced --plot displaced.png",
         ))
def timeline(
    metric: Annotated[str, typer.Argument(help="The metric, e.g. displaced (`hfig metrics` lists them).",
                                          show_default=False, autocompletion=complete_metric)],
    region: Annotated[str | None, typer.Option(
        "--region", "-r", help="A place by name, alias or P-code: claims whose area touches it. "
        "Each scope keeps its own series and band.", autocompletion=complete_region)] = None,
    by: Annotated[By, typer.Option("--by", case_sensitive=False, metavar="GROUP",
                                   help="Group the series by claimant or by scope.")] = By.CLAIMANT,
    every: Annotated[Every | None, typer.Option(
        "--every", case_sensitive=False, metavar="PERIOD",
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
    columns: ColumnsOption = None,
    bom: BomOption = False,
    output: OutputOption = None,
    skip_invalid: SkipInvalidOption = False,
    data: DataOption = None,
) -> None:
    """Each claimant's figures in as-of order, with increments, drops, gaps, and the band.

    A series is one claimant's reports for one scope (set of P-codes). The
    increment is shown only between running totals from the same start; the
    band is, at each date, the spread of every claimant's latest running total
    as of that date, whenever it was published (--as-of: what was known then).
    In table format a chart follows the tables.
    """
    how = Output(fmt, hxl, columns, bom, output)
    start, end = date_option("--since", since), date_option("--until", until)
    date_option("--as-of", as_of)
    if start is not None and end is not None and start.earliest > end.latest:
        raise HfigError(f"--since {start.text} is after --until {end.text}", ExitCode.USAGE)
    if plot is not None:
        _check_plot_target(plot)
    ds = open_data(data, skip_invalid=skip_invalid)
    result = ds.timeline_result(metric, region=region, as_of=as_of, since=since, until=until, every=every,
                                include_parties=include_parties)

    from hfig.render.timeline import scope_labels, timeline_table

    labels = scope_labels(result, ds.dataset.gazetteer)
    if plot is not None:
        from hfig.render.plot import write_plot

        try:
            write_plot(result, labels, plot, by=by)
        except OSError as exc:
            raise HfigError(f"--plot: cannot write {plot}: {exc.strerror or exc}",
                            ExitCode.IO_ERROR) from None
        warn(f"wrote {plot}")

    table = timeline_table(result, ds.dataset, by, labels)
    if fmt is not Format.TABLE:
        emit(table, how)
        return
    _print_terminal(table, result, labels, by, how)



def _check_plot_target(plot: Path) -> None:
    """Fail before any work or output when the plot cannot be written."""
    if plot.suffix.lower() not in PLOT_SUFFIXES:
        raise HfigError(f"--plot: {plot.name!r} must end in .png or .svg", ExitCode.USAGE)
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise HfigError("--plot needs matplotlib: pip install 'hfig[plot]'", ExitCode.MISSING_EXTRA)
    if not plot.parent.is_dir():
        raise HfigError(f"--plot: folder {str(plot.parent)!r} does not exist", ExitCode.IO_ERROR)


def _print_terminal(table: ResultTable, result: "Timeline", labels: dict[tuple[str, ...], str], by: By,
                    how: Output) -> None:
    """The series table, the band table, then the chart at the console's width."""
    from hfig.render.chart import render_chart
    from hfig.render.timeline import band_table, series_table

    tables = [series_table(table, by)] + ([band_table(table)] if result.band else [])
    text = "".join(render_text(t, how) for t in chosen_columns(tables, how.columns))
    if result.series:
        chart = render_chart(result, labels, width=terminal_width(), by=by)
        text += chart.rstrip("\n") + "\n"
    if how.output is not None:
        write_output(how.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
