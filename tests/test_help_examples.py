"""The examples under each command's --help are what a newcomer copies first: every option they
use must be an option of that command (`hfig extract --claimant` was shown, but never existed)."""

import re

import typer

from hfig.cli import app


def _commands(group, prefix: str) -> list:
    """(how it is invoked, the command) for every command and subcommand; typer bundles its own click,
    so groups are told by their `commands`."""
    out = []
    for name, command in group.commands.items():
        out.append((f"{prefix} {name}", command))
        if hasattr(command, "commands"):
            out += _commands(command, f"{prefix} {name}")
    return out


def _example_options(epilog: str, invocation: str) -> list[str]:
    """The options written after `invocation` in each example line, up to a pipe or redirection."""
    found = []
    for line in epilog.splitlines():
        at = line.find(invocation + " ")
        if at < 0:
            continue
        # Words, not shell parsing: a line may end in a continuation backslash.
        for word in line[at + len(invocation):].split(" #")[0].split():
            if word in ("|", ">", ">>") or word.startswith(">"):
                break
            if re.match(r"--?[A-Za-z]", word):
                found.append(word.split("=", 1)[0])
    return found


def test_every_help_example_uses_options_the_command_has():
    root = typer.main.get_command(app)
    checked = 0
    for invocation, command in _commands(root, "hfig"):
        if not command.epilog:
            continue
        known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        for option in _example_options(command.epilog, invocation):
            assert option in known, f"`{invocation} --help` shows {option}, which it does not take"
            checked += 1
    assert checked > 20  # the examples were read at all
