"""The Typer app, options shared by every command, and the one place errors become exits."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from hfig import __version__
from hfig.core.collection import collection_paused
from hfig.core.model import Problem
from hfig.errors import ExitCode as ExitCode  # re-exported: commands import it from here
from hfig.errors import HfigError as HfigError

if TYPE_CHECKING:
    from rich.console import Console
from hfig.render.table import Format, ResultTable

app = typer.Typer(
    name="hfig",
    help="Reconciled ranges and timelines from humanitarian figures that disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="Records to use instead of the bundled data: a file or "
        "folder, repeatable. Default: $HFIG_DATA, else the bundled records.",
        show_default=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
HxlOption = Annotated[
    bool, typer.Option("--hxl", help="With csv or tsv: add an HXL hashtag row under the header.")
]


def emit(table: ResultTable, fmt: Format, hxl: bool = False) -> None:
    """Write a result to stdout in the chosen format."""
    if hxl and fmt not in (Format.CSV, Format.TSV):
        raise HfigError("--hxl goes with --format csv or tsv")
    if fmt is Format.TABLE:
        from hfig.render.terminal import render_terminal

        sys.stdout.write(render_terminal(table, terminal_width(), use_color()))
        return
    from hfig.render import text_formats

    if fmt is Format.CSV:
        text = text_formats.to_delimited(table, ",", hxl)
    elif fmt is Format.TSV:
        text = text_formats.to_delimited(table, "\t", hxl)
    elif fmt is Format.JSON:
        text = text_formats.to_json(table)
    else:
        text = text_formats.to_ndjson(table)
    sys.stdout.write(text)


def terminal_width() -> int:
    """The terminal's width ($COLUMNS wins); 100 when stdout is not a terminal."""
    import shutil

    return max(40, shutil.get_terminal_size((100, 24)).columns)


def use_color() -> bool:
    """Colour only for a person: stdout is a terminal, NO_COLOR unset, TERM not dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def stdout_console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False)


def warn(message: str) -> None:
    sys.stderr.write(f"hfig: {message}\n")


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        sys.stderr.write(f"{problem}\n")


def fail(error: HfigError) -> NoReturn:
    report_problems(error.problems)
    if error.message:
        warn(error.message)
    raise SystemExit(int(error.code))


F = TypeVar("F", bound=Callable[..., Any])


def always(options: dict[str, Any]) -> bool:
    return True


use_cache = True
"""False while a command given --no-cache runs (hfig.cli.context.load_checked reads it)."""

NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read the data files afresh: neither use nor write the cache "
                       "(also: HFIG_NO_CACHE=1). `hfig cache info` says where it is.")
]


def _add_no_cache_option(run: Callable[..., Any], fn: Callable[..., Any]) -> None:
    """Every command that reads data (has a `data` parameter) also takes --no-cache."""
    import inspect

    signature = inspect.signature(fn, eval_str=True)
    params = list(signature.parameters.values())
    if "data" not in signature.parameters or "no_cache" in signature.parameters or any(
            p.kind is p.VAR_KEYWORD for p in params):
        return
    extra = inspect.Parameter("no_cache", inspect.Parameter.KEYWORD_ONLY, default=False,
                              annotation=NoCacheOption)
    run.__signature__ = signature.replace(parameters=[*params, extra])  # type: ignore[attr-defined]
    run.__annotations__ = {**getattr(fn, "__annotations__", {}), "no_cache": NoCacheOption}


def command(name: str | None = None, answers: Callable[[dict[str, Any]], bool] | None = None,
            **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose HfigErrors become a message and a named exit code.

    `answers(options)` says whether, with these options, all the command does is print an answer
    that depends only on them and the data: such answers are stored and replayed (hfig.cli.replay).
    """

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, **kw: Any) -> Any:
            global use_cache  # one switch per process, set by each command's --no-cache
            use_cache = not kw.pop("no_cache", False)
            # A command makes up to millions of objects and next to no cyclic garbage, and the
            # process ends with it: the cyclic collector would only walk them, again and again
            # (about 0.6 s of a summary of 100,000 claims). Reference counting still frees memory.
            try:
                with collection_paused():
                    if answers is not None and use_cache and not args and answers(kw):
                        from hfig.cli.replay import answered

                        return answered(name or fn.__name__, kw, lambda: fn(**kw))
                    return fn(*args, **kw)
            except HfigError as error:
                fail(error)

        _add_no_cache_option(run, fn)
        app.command(name, **kwargs)(run)
        return fn

    return register


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"hfig {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Reconciled ranges and timelines from humanitarian figures that disagree.

    Every number shown traces to its records; see docs/ for the record format
    and the methodology.
    """


def main() -> None:
    """Entry point: run the app; map user-facing errors to exit codes; survive `| head`."""
    try:
        app(standalone_mode=True)
    except BrokenPipeError:
        # The reader went away (`hfig records | head`): not an error for us.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(int(ExitCode.OK)) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
