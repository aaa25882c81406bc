"""The command line: thin Typer commands over the core, one module per group of commands.

Start-up time is most of what a user waits for on small data, so `main` imports
only the module of the command being run; `--help` and `hfig.cli.app` (used by
tests and by anything that wants the whole CLI) import them all.
"""

from __future__ import annotations

import importlib
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

    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    wanted = words[0] if words and words[0] in COMMANDS else None
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


def _name(command: typer.models.CommandInfo) -> str:
    callback = command.callback
    return command.name or (callback.__name__.replace("_", "-") if callback else "")


def __getattr__(name: str) -> Any:
    if name == "app":
        return register()
    raise AttributeError(name)


__all__ = ["COMMANDS", "app", "main", "register"]
