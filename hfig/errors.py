"""The one family of user-facing failures, shared by the Python API and the command line.

Kept apart from `hfig.cli.base` (which imports typer) so that `import hfig` and the
API raise the same errors without loading the CLI.
"""

from __future__ import annotations

from enum import IntEnum

from hfig.core.model import Problem, Severity

SHOWN_PROBLEMS = 5
"""How many located errors the exception's text names (all of them are in `problems`)."""


class ExitCode(IntEnum):
    """Exit codes, documented in the README and pinned by tests/test_exit_codes.py."""

    OK = 0
    INVALID_DATA = 1  # the data has errors: nothing was answered or written
    USAGE = 2  # a bad option or argument (also click's own usage errors)
    IO_ERROR = 3  # a file or folder could not be read or written
    MISSING_EXTRA = 4  # an optional dependency is needed: the message says how to install it


class HfigError(Exception):
    """A failure the user can act on: a message, an exit code and, for bad data, every problem.

    The command line prints the problems and the message and exits with the code; the Python
    API raises it as it is (`error.problems` lists what is wrong, located). Its text (what a
    notebook's traceback shows) is the message followed by the first errors, each at its
    file:line:col, so that nobody has to know about `problems` to see what is wrong; `message`
    alone is what the command line prints after the problems.
    """

    def __init__(
        self, message: str, code: ExitCode = ExitCode.USAGE, problems: list[Problem] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.problems = problems or []

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        if not errors:
            return self.message
        lines = [self.message, *(f"  {p}" for p in errors[:SHOWN_PROBLEMS])]
        if len(errors) > SHOWN_PROBLEMS:
            lines.append(f"  ... and {len(errors) - SHOWN_PROBLEMS} more (every one in .problems)")
        return "\n".join(lines)
