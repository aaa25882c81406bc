"""`hfig validate`: check files or folders and report every problem, located."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hfig.api import exit_code_of
from hfig.cli.base import DataOption, ExitCode, command, examples
from hfig.cli.context import active_files
from hfig.cli.feedback import stage
from hfig.load import future
from hfig.load.loader import _problem_order, load
from hfig.render.text_formats import JSON_SCHEMA_VERSION


class ValidateFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@command("validate", epilog=examples(
    "hfig validate my-records/",
    "hfig validate claims.yaml more.yaml -f json",
))
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to check. Default: the active data set.", show_default=False,
                       readable=False),
    ] = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            metavar="FORMAT",
            help="text: file:line:col lines on stdout; or json: one envelope.",
        ),
    ] = ValidateFormat.TEXT,
    data: DataOption = None,
) -> None:
    """Check records and print every problem as file:line:col: error\\[code]: message.

    Exits 0 when clean, 1 when any error was found.
    """
    files = active_files(paths or data)
    stage(f"checking {len(files):,} file{'s' if len(files) != 1 else ''}")
    result = load(files)
    # Warnings the loader does not make (hfig.load.future.after_load): the writers make them too,
    # for their new claims.
    own = future.after_load(result.data.claims, result.refs, future.today())
    problems = sorted([*result.problems, *own], key=_problem_order) if own else result.problems
    errors = [p for p in problems if p.severity.value == "error"]
    if fmt is ValidateFormat.JSON:
        envelope = {
            "hfig_json": JSON_SCHEMA_VERSION,
            "kind": "validation",
            "ok": not errors,
            "files": len(result.files),
            "claims": len(result.data.claims),
            "problems": [
                {
                    "code": p.code,
                    "severity": p.severity.value,
                    "message": p.message,
                    "file": p.where.file if p.where else None,
                    "line": p.where.line if p.where else None,
                    "col": p.where.col if p.where else None,
                }
                for p in problems
            ],
        }
        sys.stdout.write(json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2) + "\n")
    else:
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
        summary = (
            # "loaded": a record with an error of its own is not a claim; a duplicate id is both
            f"{len(result.files)} file(s), {len(result.data.claims)} claim(s) loaded: "
            f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)"
        )
        sys.stderr.write(f"hfig: {summary}\n")
    raise typer.Exit(int(exit_code_of(errors) if errors else ExitCode.OK))
