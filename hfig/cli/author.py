"""`hfig add`, `hfig import`, `hfig schema`: write records without losing a byte."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hfig.cli.base import DataOption, ExitCode, HfigError, command, examples, report_problems, warn
from hfig.cli.context import active_files

if TYPE_CHECKING:
    from collections.abc import Callable

    from hfig.author.emit import ClaimFields
    from hfig.author.store import Label, Written
    from hfig.core.dataset import DataSet
    from hfig.load.paths import DataFile

REQUIRED = (("metric", "Metric"), ("value", "Value"), ("claimant", "Claimant id"),
            ("area", "Area (name or P-code)"), ("as_of", "As of (date the claimant said it)"))


def interactive() -> bool:
    """Whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()


@command("add", epilog=examples(
    "hfig add claims.yaml --metric displaced --value 200000 \\",
    "    --qualifier more_than --claimant un --area Idlib --as-of 2019-05-23",
    "hfig add claims.yaml ... --dry-run   (check, print, write nothing)",
))
def add(
    file: Annotated[Path, typer.Argument(help="The YAML file to append to (created if missing).",
                                         dir_okay=False, readable=False)],
    metric: Annotated[str | None, typer.Option(help="What is counted (hfig metrics).")] = None,
    value: Annotated[str | None, typer.Option(help="The number as a plain number (or a vague word).")] = None,
    value_max: Annotated[str | None, typer.Option(help="Upper number, with --qualifier between.")] = None,
    qualifier: Annotated[str | None, typer.Option(help="exact, about, at_least, more_than, up_to, "
                                                  "less_than, between or vague (default exact).")] = None,
    claimant: Annotated[str | None, typer.Option(help="Who made the claim: id, name or alias.")] = None,
    area: Annotated[str | None, typer.Option(help="Where: a place name or P-code hfig knows, or "
                                             "the name as written with --pcodes.")] = None,
    pcodes: Annotated[str | None, typer.Option(help="P-codes the area covers, comma-separated.")] = None,
    area_precision: Annotated[str | None, typer.Option(
        help="exact, partial, approximate or inferred.")] = None,
    period_start: Annotated[str | None, typer.Option(help="Fuzzy date the period starts.")] = None,
    period_end: Annotated[str | None, typer.Option(help="Fuzzy date the period ends.")] = None,
    as_written: Annotated[str | None, typer.Option(help="The period in the report's words.")] = None,
    not_cumulative: Annotated[bool, typer.Option("--not-cumulative",
                                                 help="The figure covers only the period.")] = False,
    as_of: Annotated[str | None, typer.Option(help="When the claimant said it (fuzzy date).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Where the figure was read.")] = None,
    url: Annotated[str | None, typer.Option(help="The address of that document.")] = None,
    published: Annotated[str | None, typer.Option(help="When it was published (fuzzy date).")] = None,
    quote: Annotated[str | None, typer.Option(help="The words of the source.")] = None,
    claim_id: Annotated[str | None, typer.Option("--id", help="The claim's id (generated when not "
                                                 "given: claimant-metric-as_of).")] = None,
    origin: Annotated[str | None, typer.Option(help="The id of the record this one echoes.")] = None,
    notes: Annotated[str | None, typer.Option(help="Anything a reviewer should know.")] = None,
    unit: Annotated[str | None, typer.Option(help="Only when not the metric's unit (households).")] = None,
    household_size: Annotated[str | None, typer.Option(help="People per household.")] = None,
    household_size_max: Annotated[str | None, typer.Option(help="The largest household size, when the "
                                                           "size is a range.")] = None,
    credibility: Annotated[str | None, typer.Option(help="Admiralty information grade 1-6.")] = None,
    disputed: Annotated[bool, typer.Option("--disputed", help="Quoted by the source to reject it.")] = False,
    inferred: Annotated[list[str] | None, typer.Option(help="FIELD=REASON for a field that was "
                                                       "inferred; repeatable.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check, and print the YAML that would "
                                          "be appended, without writing.")] = False,
    data: DataOption = None,
) -> None:
    """Append one claim to FILE, checked against the data set it joins.

    Everything already in FILE (comments, order, formatting) is kept byte for
    byte; the write is atomic and locked, and on any problem FILE is left as it
    was. Missing required fields are asked for on a terminal.
    """
    given: dict[str, str | None] = {"metric": metric, "value": value, "claimant": claimant,
                                    "area": area, "as_of": as_of}
    missing = [(key, label) for key, label in REQUIRED if not (given[key] or "").strip()]
    if pcodes and not area:
        missing = [m for m in missing if m[0] != "area"]
    if missing:
        if not interactive():
            flags = ", ".join("--" + key.replace("_", "-") for key, _ in missing)
            raise HfigError(f"missing {flags} (required; hfig asks for them only on a terminal)")
        for key, label in missing:
            given[key] = typer.prompt(label)
    fields: ClaimFields = {}
    for key, text in {"id": claim_id, "metric": given["metric"], "value": given["value"],
                      "value_max": value_max, "qualifier": qualifier, "unit": unit,
                      "household_size": household_size, "household_size_max": household_size_max,
                      "claimant": given["claimant"],
                      "as_of": given["as_of"], "publisher": publisher, "url": url, "published": published,
                      "origin": origin, "quote": quote, "notes": notes, "credibility": credibility}.items():
        if text is not None and text.strip():
            fields[key] = text.strip() if key not in ("quote", "notes") else text
    if disputed:
        fields["disputed"] = "true"
    area_name = given["area"]
    if pcodes or area_precision:
        spec: dict[str, str | list[str]] = {}
        if area_name:
            spec["name"] = area_name
        if pcodes:
            spec["pcodes"] = [p.strip() for p in pcodes.split(",") if p.strip()]
        if area_precision:
            spec["precision"] = area_precision
        fields["area"] = spec
    elif area_name:
        fields["area"] = area_name
    period: dict[str, str | list[str]] = {}
    for key, text in (("start", period_start), ("end", period_end), ("as_written", as_written)):
        if text:
            period[key] = text
    if not_cumulative:
        period["cumulative"] = "false"
    if period:
        fields["period"] = period
    if inferred:
        reasons: dict[str, str | list[str]] = {}
        for item in inferred:
            key, sep, reason = item.partition("=")
            if not sep or not key.strip() or not reason.strip():
                raise HfigError(f"--inferred {item!r}: write FIELD=REASON, e.g. as_of='\"on Thursday\"'")
            reasons[key.strip()] = reason.strip()
        fields["inferred"] = reasons
    written = _write(file, [fields], data, dry_run=dry_run)
    if dry_run:
        sys.stdout.write(written.yaml)
        warn(f"--dry-run: the claim above checks out; nothing was written to {file}")
        return
    sys.stdout.write(f"{written.ids[0]}\n")
    warn(f"added {written.ids[0]} to {file}" + (" (new file)" if written.created else ""))


def _write(file: Path, drafts: list[ClaimFields], data: list[Path] | None, *, dry_run: bool = False,
           labels: list[Label] | None = None, skip_duplicates: bool = False,
           data_set: list[DataFile] | None = None,
           prepare: Callable[[DataSet, list[ClaimFields]], list[ClaimFields]] | None = None) -> Written:
    """Check and append `drafts`, turning the library's errors into exits."""
    from hfig.author.atomic import WriteError
    from hfig.author.store import InvalidClaims, add_claims

    files = active_files(data, empty_ok=True) if data_set is None else data_set
    try:
        written = add_claims(file, drafts, files, shown=str(file), labels=labels,
                             prepare=prepare or normalise, skip_duplicates=skip_duplicates, dry_run=dry_run)
    except InvalidClaims as exc:
        raise HfigError(exc.message, ExitCode.INVALID_DATA, exc.problems) from None
    except WriteError as exc:
        raise HfigError(str(exc), ExitCode.IO_ERROR) from None
    report_problems(written.warnings)
    for note in written.notes:
        warn(note)
    return written


def normalise(data: DataSet, drafts: list[ClaimFields]) -> list[ClaimFields]:
    """A claimant given by name or alias becomes its id; `civilians-killed` becomes a metric name.
    Anything still unknown is left as written, for the loader to report with a suggestion."""
    out = []
    for draft in drafts:
        fields = dict(draft)
        claimant = fields.get("claimant")
        if isinstance(claimant, str) and claimant not in data.claimants:
            wanted = claimant.strip().casefold()
            for c in sorted(data.claimants.values(), key=lambda c: c.id):
                if wanted in (x.casefold() for x in (c.id, c.name, *c.aliases)):
                    fields["claimant"] = c.id
                    break
        metric = fields.get("metric")
        if isinstance(metric, str):
            key = metric.strip().lower().replace("-", "_").replace(" ", "_")
            if key in data.metrics:
                fields["metric"] = key
        out.append(fields)
    return out


@command("import", epilog=examples(
    "hfig import hdx-export.csv --into claims.yaml --claimant ocha",
    "hfig import table.csv --into claims.yaml \\",
    "    --map Deaths=value:people_killed --map Date=as_of",
    "hfig records -f csv --hxl | hfig import - --into copy.yaml",
    "hfig import ged.csv --into ucdp.yaml --claimant ucdp --as-of 2024-06 --not-cumulative",
    "hfig import hapi.csv --into hapi.yaml --claimant acled --where event_type=political_violence",
))
def import_(
    source: Annotated[str, typer.Argument(help="A CSV or TSV file, plain or HXL-tagged; - reads stdin.",
                                          metavar="FILE.csv|-")],
    into: Annotated[Path, typer.Option("--into", help="The YAML file to append the claims to "
                                       "(created if missing).", dir_okay=False, show_default=False,
                                       readable=False)],
    column_map: Annotated[list[str] | None, typer.Option(
        "--map", help="COLUMN=FIELD: read a column (header name or hashtag) as a field, e.g. "
        "--map Deaths=value:people_killed, or COLUMN=- to ignore it; repeatable.")] = None,
    claimant: Annotated[str | None, typer.Option(help="The claimant of rows that name none.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The as-of date of rows that give none: the day the table was released "
        "(a UCDP or ACLED version), not the events' days.")] = None,
    date_order: Annotated[str | None, typer.Option(
        "--date-order", help="dmy or mdy: how the table writes dates like 07/10/2023 (day or month "
        "first). Without it, a date that could be read both ways is an error.",
        metavar="dmy|mdy")] = None,
    not_cumulative: Annotated[bool, typer.Option(
        "--not-cumulative", help="Every row counts only its own period (an event, a day, a month), "
        "never a running total.")] = False,
    where: Annotated[list[str] | None, typer.Option(
        "--where", help="COLUMN=VALUE: import only the rows whose column (header name or hashtag) "
        "holds VALUE (case ignored); repeatable: several values of one column are alternatives, "
        "several columns must all match.", show_default=False)] = None,
    decimal_comma: Annotated[bool, typer.Option(
        "--decimal-comma", help="The table writes 1.234 for a thousand and more and 2,5 for a "
        "decimal (German, Spanish tables). Without it a comma groups thousands and 1.234 is an "
        "error.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check, and print the YAML that would be "
                                          "appended, without writing.")] = False,
    data: Annotated[list[Path] | None, typer.Option(
        "--data", "-d", help="Records the imported claims must agree with (vocabulary, ids, "
        "duplicates), besides the bundled reference and --into itself; repeatable ('bundled': the "
        "bundled records).",
        show_default=False, readable=False)] = None,
) -> None:
    """Import claims from CSV or HXL-tagged CSV into a YAML file, all or nothing.

    Every row is checked as `hfig validate` would; rows that cannot be read are
    reported with their CSV line and nothing is written. Rows that say what a
    claim already says (same claimant, metric, value, qualifier, period and
    area) are skipped and counted. `hfig records --format csv --hxl | hfig
    import - --into copy.yaml` gives back the same claims.
    """
    from hfig.api import data_files
    from hfig.author.cells import DateOrder
    from hfig.author.importer import Defaults, ImportError_, parse_map, parse_where, read_rows, tidy
    from hfig.author.store import Label

    try:
        mapping = parse_map(column_map or [])
        chosen = parse_where(where or [])
    except ValueError as exc:
        raise HfigError(str(exc)) from None
    try:
        order = DateOrder(date_order.strip().lower()) if date_order else None
    except ValueError:
        raise HfigError(f"--date-order {date_order!r}: expected dmy (day first) or mdy "
                        "(month first)") from None
    defaults = Defaults(claimant=claimant, as_of=as_of.strip() if as_of else None, date_order=order,
                        not_cumulative=not_cumulative, decimal_comma=decimal_comma)
    name = "<stdin>" if source == "-" else source
    limit = 32 * 1024 * 1024  # as for data files (hfig.load.paths.MAX_FILE_BYTES); stdin may be endless
    if source == "-":
        text = sys.stdin.read(limit + 1)
    else:
        try:
            with Path(source).open("rb") as fh:  # bounded: /dev/zero has size 0 and no end
                text = fh.read(limit + 1).decode("utf-8-sig")
        except FileNotFoundError:
            raise HfigError(f"{source}: no such file", ExitCode.IO_ERROR) from None
        except UnicodeDecodeError:
            raise HfigError(f"{source}: not UTF-8 text (save the CSV as UTF-8)", ExitCode.IO_ERROR) from None
        except OSError as exc:
            raise HfigError(f"{source}: cannot read: {exc.strerror}", ExitCode.IO_ERROR) from None
    if len(text) > limit:
        raise HfigError(f"{name}: larger than 32 MiB; split it into several imports", ExitCode.IO_ERROR)
    try:
        rows = read_rows(text, name, mapping, defaults=defaults, where=chosen)
    except ImportError_ as exc:
        raise HfigError(str(exc), ExitCode.INVALID_DATA) from None
    if rows.ignored:
        warn(f"columns not imported: {', '.join(rows.ignored)} (--map COLUMN=FIELD reads one)")
    if chosen:
        warn(f"--where kept {rows.kept} of {_rows(rows.kept + rows.left_out)} and left out "
             f"{rows.left_out}")
    context = data_files(data) if data else []  # `bundled` too; a missing path is an error
    drafts = [d.fields for d in rows.drafts]
    labels = [Label(name, d.line) for d in rows.drafts]

    def prepare(ds: DataSet, items: list[ClaimFields]) -> list[ClaimFields]:
        return tidy(ds, normalise(ds, items))

    if rows.problems:  # all or nothing: still check the other rows, to report everything at once
        problems = list(rows.problems)
        if drafts:
            try:
                _write(into, drafts, None, dry_run=True, labels=labels, skip_duplicates=True,
                       data_set=context, prepare=prepare)
            except HfigError as error:
                problems += error.problems
        problems.sort(key=lambda p: (p.where.line, p.code) if p.where else (0, p.code))
        raise HfigError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the rows; "
                        "nothing was imported", ExitCode.INVALID_DATA, problems)
    written = _write(into, drafts, None, dry_run=dry_run, labels=labels, skip_duplicates=True,
                     data_set=context, prepare=prepare)
    if dry_run:
        sys.stdout.write(written.yaml)
    else:
        sys.stdout.write("".join(f"{i}\n" for i in written.ids))
    skipped = len(written.skipped)
    verb = "would import" if dry_run else "imported"
    dupes = f"; {skipped} duplicate{'s' if skipped != 1 else ''} of existing claims skipped" \
        if skipped else ""
    warn(f"{verb} {len(written.ids)} claim{'s' if len(written.ids) != 1 else ''} into {into}{dupes}")


def _rows(count: int) -> str:
    return f"{count} row{'s' if count != 1 else ''}"


@command("schema", epilog=examples("hfig schema > hfig.schema.json"))
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the record file format, for editors.

    Save it (hfig schema > hfig.schema.json) and put
    `# yaml-language-server: $schema=hfig.schema.json` at the top of a data
    file: editors with the YAML language server then check records as you type.
    """
    import json

    from hfig.author.jsonschema import record_file_schema

    sys.stdout.write(json.dumps(record_file_schema(), indent=2, ensure_ascii=False) + "\n")

