"""The command line: thin Typer commands over the core, one module per group of commands.

Start-up time is most of what a user waits for on small data, so `main` imports
only the module of the command being run; `--help` and `hfig.cli.app` (used by
tests and by anything that wants the whole CLI) import them all.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

# command name -> the module (in hfig.cli) that registers it
COMMANDS = {
    "summary": "summary",
    "compare": "summary",
    "explain": "summary",
    "timeline": "timeline",
    "records": "records",
    "metrics": "records",
    "claimants": "records",
    "validate": "validate",
    "add": "author",
    "import": "author",
    "schema": "author",
    "extract": "extract",
    "cache": "cache",
    "areas": "areas",
    "report": "report",
}


def register(commands: list[str] | None = None) -> typer.Typer:
    """Import the modules of these commands (all when None) so they register on the app."""
    wanted = COMMANDS.values() if commands is None else [COMMANDS[c] for c in commands]
    modules = list(dict.fromkeys(wanted))  # in COMMANDS order: the order --help lists them
    for module in modules:
        importlib.import_module(f"hfig.cli.{module}")
    from hfig.cli.base import app

    return app


def main() -> None:
    from hfig.cli.base import main as run

    wanted = _wanted()
    app = register([wanted] if wanted else None)
    if wanted is None:
        run()
        return
    # Typer builds the parser of every registered command before it runs one: build only this one
    # (its module registers others), and leave the app whole for whoever uses it next.
    registered = app.registered_commands
    app.registered_commands = [c for c in registered if _name(c) == wanted]
    try:
        run()
    finally:
        app.registered_commands = registered


def _wanted() -> str | None:
    """The command named on the command line, if it is one of hfig's."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    return words[0] if words and words[0] in COMMANDS else None


def entry() -> None:
    """The `hfig` command and `python -m hfig`: `main`, then an exit that skips tearing down.

    The modules a command needs are imported with the garbage collector off, then
    frozen: they live until the end, so collecting among them is wasted work (the
    collector walked typer's and hfig's objects again and again, about 30 ms of a
    new question on the bundled data). The collector then stays off: a command pauses
    it for all its work anyway (hfig.cli.base.command), and turning it back on as the
    command returned set off one last collection of everything the command keeps
    (hfig.cli.base.kept), about 35 ms of a new question at 100,000 claims.

    Freeing every object a command made, module by module, takes longer than
    many answers do (about 40 ms of a 330 ms summary of the bundled data, more
    at scale); the output is flushed first and every file hfig writes is closed
    by then, so nothing is lost. mypy ends the same way. Tests and other callers
    use `main`, which returns or raises SystemExit as usual.
    """
    gc.disable()
    wanted = _wanted()
    register([wanted] if wanted else None)
    gc.freeze()
    try:
        main()
        code = 0
    except SystemExit as done:
        code = _status(done.code)
    for stream in (sys.stdout, sys.stderr):  # None when the shell started hfig without one
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # main has said what it could (a closed or full stdout); its exit code stands
    os._exit(code)


def _status(code: object) -> int:
    """The exit status the interpreter would give for SystemExit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


def _name(command: typer.models.CommandInfo) -> str:
    callback = command.callback
    return command.name or (callback.__name__.replace("_", "-") if callback else "")


def __getattr__(name: str) -> Any:
    if name == "app":
        return register()
    raise AttributeError(name)


__all__ = ["COMMANDS", "app", "entry", "main", "register"]
