"""The Typer app, options shared by every command, and the one place errors become exits."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from itertools import chain, repeat
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO, TypeVar

import typer
from msgspec import Struct

from hfig import __version__
from hfig.core.collection import collection_paused
from hfig.core.model import Problem
from hfig.errors import ExitCode as ExitCode  # re-exported: commands import it from here
from hfig.errors import HfigError as HfigError
from hfig.render.table import Format, ResultTable

app = typer.Typer(
    name="hfig",
    help="Reconciled ranges and timelines from humanitarian figures that disagree.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="Records to use instead of the bundled data: a file or "
        "folder, repeatable; the word 'bundled' names the bundled records (--data bundled "
        "--data mine/ uses both). Default: $HFIG_DATA, else the bundled records.",
        show_default=False,
        readable=False,  # hfig says itself what it cannot read (exit 3); click would exit 2
    ),
]
FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False, metavar="FORMAT",
    help="Output format: table (the terminal), csv, tsv, json, ndjson, or xlsx (an Excel workbook, "
    "one sheet per table: needs -o FILE).")]
HxlOption = Annotated[
    bool, typer.Option("--hxl", help="With csv, tsv or xlsx: add an HXL hashtag row under the header.")
]
ColumnsOption = Annotated[str | None, typer.Option(
    "--columns", "-C", metavar="NAME,NAME...",
    help="Only these columns, in this order, in every format (the names of the CSV header, e.g. "
    "metric,range,as_of_date). An unknown name lists the choices.", show_default=False)]
BomOption = Annotated[bool, typer.Option(
    "--bom", help="With csv or tsv: start with a UTF-8 byte order mark, so that Excel opened by "
    "double-click reads ∞, – and accented names right (LibreOffice, pandas and csvkit need none).")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False,
    help="Write the answer to FILE (replaced whole, never half-written) instead of stdout; "
    "needed by --format xlsx.", show_default=False)]
SkipInvalidOption = Annotated[bool, typer.Option(
    "--skip-invalid", help="Answer from the valid claims when some claim records have errors; "
    "stderr says how many were left out and where (`hfig validate` lists the problems).")]


class Output(Struct, frozen=True):
    """How a command writes its answer: the shared output options of every answering command."""

    fmt: Format = Format.TABLE
    hxl: bool = False
    columns: str | None = None
    bom: bool = False
    output: Path | None = None

    def __post_init__(self) -> None:
        """Fail on a combination that cannot work before any data is read."""
        if self.hxl and self.fmt not in (Format.CSV, Format.TSV, Format.XLSX):
            raise HfigError("--hxl goes with --format csv, tsv or xlsx")
        if self.bom and self.fmt not in (Format.CSV, Format.TSV):
            raise HfigError("--bom goes with --format csv or tsv")
        if self.fmt is Format.XLSX and self.output is None:
            raise HfigError("--format xlsx writes a file: give it with -o FILE.xlsx")


def emit(tables: ResultTable | list[ResultTable], fmt: Format | Output, hxl: bool = False) -> None:
    """Write a result (or several tables: sheets of one workbook) in the chosen format."""
    from hfig.cli.feedback import stage

    how = fmt if isinstance(fmt, Output) else Output(fmt, hxl)
    kept.append(tables)
    rows = sum(len(t.rows) for t in ([tables] if isinstance(tables, ResultTable) else tables))
    stage(f"writing {rows:,} rows" if how.fmt is not Format.TABLE else f"laying out {rows:,} rows")
    parts = chosen_columns([tables] if isinstance(tables, ResultTable) else tables, how.columns)
    if how.fmt is Format.XLSX and how.output is not None:
        from hfig.render.xlsx import to_xlsx

        write_output(how.output, to_xlsx(parts, how.hxl))
        return
    text = chain.from_iterable(render_parts(t, how) for t in parts)
    if how.output is not None:
        write_output(how.output, utf8(text))
    else:
        write_stdout(text)


def render_text(table: ResultTable, how: Output) -> str:
    return "".join(render_parts(table, how))


def render_parts(table: ResultTable, how: Output) -> Iterable[str]:
    """The table's text in the chosen format, in parts (rows, for CSV and JSON) made as they are taken."""
    if how.fmt is Format.TABLE:
        from hfig.render.terminal import render_terminal

        return [render_terminal(table, terminal_width(), use_color() and how.output is None)]
    from hfig.render import text_formats

    if how.fmt in (Format.CSV, Format.TSV):
        text = text_formats.delimited_parts(table, "," if how.fmt is Format.CSV else "\t", how.hxl)
        return chain(["\ufeff"], text) if how.bom else text
    if how.fmt is Format.JSON:
        return text_formats.json_parts(table)
    return [text_formats.to_ndjson(table)]


def utf8(parts: Iterable[str], errors: str = "strict") -> bytes:
    """The parts' text in UTF-8, encoded a part at a time: the whole text is never held as a string
    (for a table with a character past U+00FF, two bytes a character: 74 MB for 37 MB of JSON)."""
    return b"".join(map(str.encode, parts, repeat("utf-8"), repeat(errors)))


def write_stdout(parts: Iterable[str]) -> None:
    """Write text to stdout: as UTF-8 bytes (`utf8`), in one write, where stdout writes those bytes
    unchanged (hfig.cli.replay records them as they pass); else as text."""
    out = sys.stdout
    if writes_utf8_bytes(out):
        data = utf8(parts, out.errors or "strict")
        out.flush()  # what was written as text comes first
        out.buffer.write(data)
    else:
        out.write("".join(parts))


def writes_utf8_bytes(stream: TextIO) -> bool:
    """Does writing text to this stream write its UTF-8 bytes, unchanged, to `stream.buffer`?"""
    import codecs

    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        return (utf8 and stream.errors in ("strict", "surrogateescape") and os.linesep == "\n"
                and hasattr(stream, "buffer"))
    except (AttributeError, LookupError, TypeError):
        return False


def chosen_columns(tables: list[ResultTable], columns: str | None) -> list[ResultTable]:
    """--columns: each table with the named columns it has; a name no table has is a usage error."""
    if not columns:
        return tables
    names = [n.strip() for n in columns.split(",") if n.strip()]
    known = {c.name for t in tables for c in t.columns}
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        choices = ", ".join(sorted(known))
        raise HfigError(f"--columns: {unknown[0]!r} is not a column here (choose from: {choices})"
                        if unknown else "--columns: name at least one column")
    return [t.with_columns([n for n in names if any(c.name == n for c in t.columns)]) for t in tables]


def write_output(path: Path, data: bytes) -> None:
    """Replace the file whole (a temporary file renamed over it), or fail with IO_ERROR."""
    from hfig.author.atomic import WriteError, check_folder, write_atomic

    try:
        check_folder(path)
        write_atomic(path, data)
    except WriteError as exc:
        raise HfigError(f"--output {exc}", ExitCode.IO_ERROR) from None
    warn(f"wrote {path}")


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

kept: list[object] = []
"""What the running command made that is large (its data set, its tables), held until the next
command starts. `hfig.cli.entry` ends the process without freeing anything, but what a function
drops as it returns is freed before that, object by object: about 0.04 s of a new question at
100,000 claims (docs/performance.md)."""

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
            kept.clear()
            for key, value in kw.items():
                if isinstance(value, str) and not value.strip():
                    fail(HfigError(f"{key.replace('_', ' ')}: an empty value means nothing here; leave "
                                   "it out instead"))
            # A command makes up to millions of objects and next to no cyclic garbage, and the
            # process ends with it: the cyclic collector would only walk them, again and again
            # (about 0.6 s of a summary of 100,000 claims). Reference counting still frees memory.
            from hfig.cli.feedback import status_line

            try:
                with collection_paused(), status_line():
                    # Writing a file (-o) is a side effect a replayed answer would skip.
                    replayable = answers is not None and answers(kw) and not kw.get("output")
                    if replayable and use_cache and not args:
                        from hfig.cli.replay import answered

                        return answered(name or fn.__name__, kw, lambda: fn(**kw))
                    return fn(*args, **kw)
            except HfigError as error:
                fail(error)

        _add_no_cache_option(run, fn)
        app.command(name, **kwargs)(run)
        return fn

    return register


def examples(*lines: str) -> str:
    """A command's --help epilog: examples, one per line (\b keeps click from re-wrapping them)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


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
