"""`hfig extract`: draft claims from the text of a report, for review."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hfig.cli.base import DataOption, ExitCode, HfigError, command, emit, examples, warn
from hfig.cli.context import load_data
from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.render.table import Format


class ExtractFormat(str, Enum):
    YAML = "yaml"
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    NDJSON = "ndjson"


MAX_BYTES = 20_000_000

DOCUMENT_SIGNATURES = {b"%PDF-": "a PDF", b"PK\x03\x04": "a zipped document (.docx, .odt, .xlsx)",
                       b"\xd0\xcf\x11\xe0": "a Word 97-2003 or Excel 97-2003 document"}
"""Binary documents users hand over instead of their text: read as Windows-1252 they give noise
and "no figures found", as if the report held none."""


def _not_text(raw: bytes, source: str) -> None:
    for signature, kind in DOCUMENT_SIGNATURES.items():
        if raw.startswith(signature):
            pdf = "REPORT.pdf" if source == "<stdin>" else source
            convert = (f"pdftotext -layout {pdf} - | hfig extract -" if signature == b"%PDF-"
                       else "save it as plain text (.txt) first")
            raise HfigError(f"{source}: {kind}, not text; extract reads plain text: {convert}",
                            ExitCode.IO_ERROR)


def read_source(source: str) -> tuple[str, str]:
    """The text of a file, or of stdin for '-', and a name for messages."""
    if source == "-":
        text = sys.stdin.read(MAX_BYTES + 1)  # bounded: stdin may be endless
        if len(text) > MAX_BYTES:
            raise HfigError(f"<stdin>: larger than {MAX_BYTES // 1_000_000} MB; split it first",
                            ExitCode.IO_ERROR)
        _not_text(text[:8].encode("utf-8", "surrogateescape"), "<stdin>")
        return text, "<stdin>"
    path = Path(source)
    try:
        if path.is_dir():
            raise HfigError(f"{source}: is a folder; give a text file or - for stdin", ExitCode.IO_ERROR)
        if path.stat().st_size > MAX_BYTES:
            raise HfigError(
                f"{source}: larger than {MAX_BYTES // 1_000_000} MB; split it first", ExitCode.IO_ERROR
            )
        with path.open("rb") as fh:  # bounded: /dev/zero has size 0 and no end
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise HfigError(
                f"{source}: larger than {MAX_BYTES // 1_000_000} MB; split it first", ExitCode.IO_ERROR
            )
    except FileNotFoundError:
        raise HfigError(f"{source}: no such file", ExitCode.IO_ERROR) from None
    except OSError as exc:
        raise HfigError(f"{source}: cannot be read ({exc.strerror})", ExitCode.IO_ERROR) from None
    _not_text(raw, source)
    try:
        return raw.decode("utf-8-sig"), source
    except UnicodeDecodeError:
        # Reports saved by older tools are often Windows-1252; read them rather than refuse.
        warn(f"{source}: not UTF-8; read as Windows-1252")
        return raw.decode("cp1252", errors="replace"), source


def _published(text: str | None) -> FuzzyDate | None:
    if text is None:
        return None
    try:
        return parse_fuzzy_date(text)
    except DateSyntaxError as exc:
        raise HfigError(f"--published: {exc}", ExitCode.USAGE) from None


@command("extract", epilog=examples(
    "hfig extract report.txt --publisher OCHA --published 2019-05-23",
    "pdftotext report.pdf - | hfig extract - --publisher OCHA -f table",
))
def extract_command(
    source: Annotated[
        str, typer.Argument(help="The report as plain text: a file, or - to read stdin.", show_default=False)
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="When the report was published (2019-05-25, ~2019-05-25, 2019-05): resolves "
            "'on Thursday', 'since late April', 'the four weeks'. Without it, as_of is left out.",
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option(
            "--publisher",
            help="The outlet or document. When it names a registry claimant ('OCHA', 'OCHA Flash "
            "Update No. 9', a media claimant), figures the text states on its own authority are drafted "
            "under that claimant.",
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="The report's address, copied to every record.")
    ] = None,
    id_prefix: Annotated[str, typer.Option("--id-prefix", help="Start of each drafted id.")] = "draft",
    all_metrics: Annotated[
        bool,
        typer.Option(
            "--all-metrics",
            help="Also draft the vocabulary's context figures (population, people in need, share of the "
            "population, military claims); by default only what hfig counts: displacement, casualties, "
            "attacks on health care and education, aid workers, detention, homes.",
        ),
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option("--min-confidence", min=0.0, max=1.0, help="Leave out drafts below this confidence."),
    ] = 0.0,
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False, metavar="FORMAT",
            help="yaml (records to review), or a table of the drafts: table, csv, tsv, json or ndjson."
        ),
    ] = ExtractFormat.YAML,
    data: DataOption = None,
) -> None:
    """Draft claims from a report's text: value, qualifier, metric, claimant, area, period.

    Prints YAML records in the format of docs/format.md, each with its quote,
    character offsets and confidence in comments and notes. Review them before
    `hfig add`/`hfig import`: the extractor follows rules (docs/extract.md) and
    can be wrong.
    """
    import re

    from hfig.extract import extract
    from hfig.render.extract import drafts_table, drafts_yaml

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*", id_prefix):
        raise HfigError("--id-prefix: letters, digits, '-', '_', '.' and ':' only", ExitCode.USAGE)
    when = _published(published)
    text, name = read_source(source)
    ds = load_data(data)
    try:
        drafts = extract(
            text,
            metrics=ds.metrics,
            claimants=ds.claimants,
            gazetteer=ds.gazetteer,
            published=when,
            publisher=publisher,
            all_metrics=all_metrics,
        )
    except DateSyntaxError as exc:  # a relative date ('four weeks before') reckoned past 1900 or 2100
        raise HfigError(f"a date the report implies from --published is out of range: {exc}",
                        ExitCode.USAGE) from None
    drafts = [d for d in drafts if d.confidence >= min_confidence]
    if not drafts:
        warn(f"{name}: no figures found")
    if fmt is ExtractFormat.YAML:
        sys.stdout.write(
            drafts_yaml(
                drafts, publisher=publisher, url=url, published=when, id_prefix=id_prefix, source=name
            )
        )
        return
    emit(drafts_table(drafts, id_prefix), Format(fmt.value))
