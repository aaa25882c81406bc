"""`hfig areas import TABLE`: a country's P-codes from its OCHA COD-AB admin table, as an `areas:` file."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from hfig.cli.base import ExitCode, HfigError, app, examples, fail

areas_app = typer.Typer(
    name="areas",
    help="Places: bring a country's P-codes from its COD-AB admin table (docs/places.md).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(areas_app, name="areas")

F = TypeVar("F", bound=Callable[..., Any])


def _failing_cleanly(fn: F) -> F:
    @functools.wraps(fn)
    def run(*args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except HfigError as error:
            fail(error)

    return run  # type: ignore[return-value]


@areas_app.command("import", epilog=examples(
    "hfig areas import ukr_adminboundaries_tabulardata.xlsx -o ukraine-areas.yaml",
    "hfig areas import admin2.csv --country UKR",
))
@_failing_cleanly
def import_table(
    table: Annotated[Path, typer.Argument(help="A COD-AB admin table: .csv or .xlsx, plain or HXL-tagged.")],
    country: Annotated[str | None, typer.Option(
        "--country", help="The country (UKR, UA or a name), when the table does not say.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the areas file here (default: print it).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")] = False,
) -> None:
    """Read a COD-AB admin table into an `areas:` file, so a data set can use its P-codes and names.

    Put the file in your data folder (or pass it with --data): its units are then
    known by P-code and by every name the table gives. ISO 3166-2 codes of the
    country become aliases of the matching admin1 units. Nothing is written
    unless the whole table reads and the file it makes validates.
    """
    from hfig.load.admin_table import MissingOpenpyxl, TableError, read_table
    from hfig.load.vocabulary import build_gazetteer

    try:
        parsed = read_table(table)
    except MissingOpenpyxl as exc:
        raise HfigError(str(exc), ExitCode.MISSING_EXTRA) from None
    except TableError as exc:
        exit_code = ExitCode.IO_ERROR if not table.is_file() else ExitCode.INVALID_DATA
        raise HfigError(str(exc), exit_code) from None
    gazetteer = build_gazetteer([], [])
    code = _country(gazetteer, country, parsed.country, table)
    text, notes = areas_file(table, code, parsed.units, gazetteer)
    _check(text, table)
    for note in notes:
        sys.stderr.write(f"hfig: {note}\n")
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise HfigError(f"{output} exists; pass --force to replace it", ExitCode.IO_ERROR)
    from hfig.author.atomic import WriteError, write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except (WriteError, OSError) as exc:
        raise HfigError(f"{output}: {exc}", ExitCode.IO_ERROR) from None
    sys.stderr.write(f"hfig: wrote {output}\n")


def _country(gazetteer: Any, given: str | None, in_table: str | None, table: Path) -> str:
    if given is not None:
        place = gazetteer.resolve(given)
        if place is None or place.level != 0:
            raise HfigError(f"--country: {given!r} is not a country (give ISO 3166-1 UKR or UA, or its name)",
                            ExitCode.USAGE)
        if in_table is not None and in_table != place.key:
            raise HfigError(f"{table}: its P-codes are {in_table}'s, not {place.key}'s ({given})",
                            ExitCode.INVALID_DATA)
        return str(place.key)
    if in_table is None or gazetteer.place(in_table) is None:
        raise HfigError(f"{table}: the table does not say which country it is; pass --country",
                        ExitCode.USAGE)
    return in_table


def areas_file(table: Path, country: str, units: list[Any], gazetteer: Any) -> tuple[str, list[str]]:
    """The areas file's text, and notes for the user (ISO 3166-2 codes matched or not)."""
    iso, notes = _iso_aliases(country, units, gazetteer)
    known = gazetteer.places
    lines = [
        f"# {country} admin units from {table.name}, written by 'hfig areas import' (docs/places.md).",
        "# Units the bundled gazetteer already has get only their extra names, as aliases.",
        "hfig: 1",
        "",
        "areas:",
    ]
    added = 0
    for unit in units:
        names = [n for n in (*unit.names, *iso.get(unit.pcode, [])) if n != unit.name]
        if unit.pcode in known:
            extra = [n for n in names if n != known[unit.pcode].name]
            if extra:
                lines += [f"  - pcode: {unit.pcode}", f"    aliases: {_list(extra)}"]
            continue
        added += 1
        lines += [f"  - pcode: {unit.pcode}", f"    name: {_text(unit.name)}", f"    level: {unit.level}"]
        if unit.parent != unit.pcode[:2]:
            lines.append(f"    parent: {unit.parent}")
        if names:
            lines.append(f"    aliases: {_list(names)}")
    notes.insert(0, f"{added} new units of {country} ({len(units) - added} already known) from {table}")
    return "\n".join(lines) + "\n", notes


def _iso_aliases(country: str, units: list[Any], gazetteer: Any) -> tuple[dict[str, list[str]], list[str]]:
    """ISO 3166-2 subdivision code and name -> the admin1 unit whose name matches, carefully: one to one."""
    from hfig.core.gazetteer import stem

    world = gazetteer.world
    subdivisions = world.subdivisions(country) if hasattr(world, "subdivisions") else []
    by_stem: dict[str, list[Any]] = {}
    for unit in units:
        if unit.level == 1:
            for name in (unit.name, *unit.names):
                by_stem.setdefault(stem(name), []).append(unit)
    out: dict[str, list[str]] = {}
    unmatched = []
    for sub in subdivisions:
        names = [sub.name, *world.names_of(sub.key)]
        found = {u.pcode for n in names for u in by_stem.get(stem(n), [])}
        if len(found) == 1:
            out.setdefault(found.pop(), []).extend([sub.key, sub.name])
        else:
            also = f" (matches {', '.join(sorted(found))})" if found else ""
            unmatched.append(f"{sub.key} {sub.name}{also}")
    notes = []
    if unmatched:
        notes.append(f"{len(unmatched)} ISO 3166-2 subdivision(s) match no single admin1 unit by name, "
                     "and are no longer places once this file is loaded (add the code as an alias of the "
                     "right unit): " + "; ".join(unmatched))
    return out, notes


def _check(text: str, table: Path) -> None:
    """The file must load without a problem, or nothing is written."""
    from hfig.load.loader import load
    from hfig.load.paths import DataFile

    result = load([DataFile(Path("areas.yaml"), f"(the areas file made from {table.name})", text)])
    errors = [p for p in result.problems if p.severity.value == "error"]
    if errors:
        raise HfigError(f"{table}: the areas file made from it does not validate; nothing was written",
                        ExitCode.INVALID_DATA, errors)


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_text(v) for v in dict.fromkeys(values)) + "]"
