"""The command line: thin Typer commands over the core. Each command lives in its own module."""

from hfig.cli import records, validate  # noqa: F401  (importing registers the commands)
from hfig.cli import summary  # noqa: F401  (summary, compare, explain)
from hfig.cli import author  # noqa: F401  (add, import, schema)
from hfig.cli import timeline  # noqa: F401  (timeline)
from hfig.cli import extract  # noqa: F401  (extract)
from hfig.cli.app import app, main

__all__ = ["app", "main"]
