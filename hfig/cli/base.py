"""The Typer app, options shared by every command, and the one place errors become exits."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from hfig import __version__
from hfig.core.collection import collection_paused
from hfig.core.model import Problem
from hfig.render.table import Format, ResultTable

app = typer.Typer(
    name="hfig",
    help="Reconciled ranges and timelines from humanitarian figures that disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ExitCode(IntEnum):
    """Exit codes, documented in the README and pinned by tests/test_exit_codes.py."""

    OK = 0
    INVALID_DATA = 1  # the data has errors: nothing was answered or written
    USAGE = 2  # a bad option or argument (also click's own usage errors)
    IO_ERROR = 3  # a file or folder could not be read or written
    MISSING_EXTRA = 4  # an optional dependency is needed: the message says how to install it


class HfigError(Exception):
    """A failure the user can act on. Caught once, in `main`; anything else is a bug."""

    def __init__(
        self, message: str, code: ExitCode = ExitCode.USAGE, problems: list[Problem] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.problems = problems or []


DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="Records to use instead of the bundled data: a file or "
        "folder, repeatable. Default: $HFIG_DATA, else the bundled records.",
        show_default=False,
        readable=False,  # hfig says itself what it cannot read (exit 3); click would exit 2
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
            for key, value in kw.items():
                if isinstance(value, str) and not value.strip():
                    fail(HfigError(f"{key.replace('_', ' ')}: an empty value means nothing here; leave "
                                   "it out instead"))
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


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; map user-facing errors to exit codes; survive `| head`.

    Whatever the shell hands over - a closed or full stdout, no stdin, an encoding that
    cannot hold the output, an empty argument - ends in a one-line message and a
    documented exit code, never a traceback (docs/reliability.md).
    """
    args = sys.argv[1:] if argv is None else argv
    _check_streams()
    empty = next((a for a in args if not a.strip() or (a.startswith("--") and a.endswith("="))), None)
    if empty is not None:
        fail(HfigError(f"an empty argument ({empty!r}) means nothing here; leave the option out instead"))
    if any("\x00" in a for a in args):  # no shell passes one, but a caller of main() can
        fail(HfigError("an argument holds a NUL character, which no file name or value may hold"))
    try:
        try:
            app(args=args, standalone_mode=True)
        finally:
            sys.stdout.flush()  # buffered output meets a full disk here, not at exit
    except BrokenPipeError:
        # The reader went away (`hfig records | head`): not an error for us.
        _silence_stdout()
        raise SystemExit(int(ExitCode.OK)) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except UnicodeEncodeError as exc:
        _silence_stdout()
        encoding = getattr(sys.stdout, "encoding", None) or exc.encoding
        fail(HfigError(f"the output holds characters the {encoding} encoding cannot hold; set "
                       "PYTHONIOENCODING=utf-8 or use a UTF-8 locale", ExitCode.IO_ERROR))
    except OSError as exc:
        _silence_stdout()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        fail(HfigError(f"{where}{exc.strerror or exc}", ExitCode.IO_ERROR))


def _check_streams() -> None:
    """A closed stdin reads as empty; a closed stderr swallows messages; a closed stdout is an error."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        fail(HfigError("standard output is closed: hfig has nowhere to write its answer",
                       ExitCode.IO_ERROR))
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process


def _silence_stdout() -> None:
    """After stdout failed, point it at /dev/null so that the exit's own flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
