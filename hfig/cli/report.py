"""`hfig report`: one self-contained HTML page with the reconciled rows, charts and receipts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hfig.choices import BestRule
from hfig.cli.base import DataOption, ExitCode, HfigError, command, warn
from hfig.cli.context import active_files, date_option, load_data, resolve_metric, resolve_region
from hfig.load.paths import DataFile

MAX_CLAIMS = 5000
"""A page of more claims (about 15 MB) is no longer one a reader can open and send."""


@command("report")
def report(
    output: Annotated[str, typer.Option(
        "--output", "-o", help="The HTML file to write (replaced atomically), or - for stdout.",
        show_default=False)],
    region: Annotated[str | None, typer.Option(
        "--region", "-r", help="A place by name, alias or P-code. Claims about its parts and about "
        "overlapping areas are included, each in the row of its own scope.")] = None,
    metric: Annotated[list[str] | None, typer.Option(
        "--metric", "-m", help="Only this metric (and the metrics that count parts of it); repeatable. "
        "Default: every metric with claims.", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Only what had been said by the end of this day (2019-05-25, 2019-05 ...).",
        show_default=False)] = None,
    include_parties: Annotated[bool, typer.Option(
        "--include-parties", help="Put party-to-conflict claims into the ordinary rows and bands.")] = False,
    best: Annotated[BestRule, typer.Option("--best", help="Rule for the best estimate.",
                                           case_sensitive=False)] = BestRule.CONSERVATIVE,
    title: Annotated[str | None, typer.Option(
        "--title", help="The page's title (default: 'Reconciled figures: REGION').",
        show_default=False)] = None,
    data: DataOption = None,
) -> None:
    """One page an analyst can send: reconciled rows, charts over time, every claim and its source.

    The page is a single HTML file that needs no network (styles and charts
    inline, no scripts), prints on A4 and reads on a phone. docs/report.md
    describes what it holds.
    """
    target = None if output == "-" else Path(output)
    if target is not None:
        _check_target(target)
    import importlib.util

    if importlib.util.find_spec("jinja2") is None:  # a dependency, but an install may lack it
        raise HfigError("hfig report needs Jinja2: pip install 'jinja2>=3.1'", ExitCode.MISSING_EXTRA)
    known = date_option("--as-of", as_of)
    ds = load_data(data)
    place = resolve_region(ds, region) if region else None
    metrics = None
    if metric:
        metrics = set().union(*(ds.metric_with_subsets(resolve_metric(ds, m)) for m in metric))

    from hfig.render.report.model import Question, build, chosen, gather
    from hfig.render.report.page import render_page

    claims = chosen(ds, place, metrics)
    if not claims:
        raise HfigError("no claims match these options: no report written", ExitCode.USAGE)
    if len(claims) > MAX_CLAIMS:
        raise HfigError(f"{len(claims):,} claims match: a page holds at most {MAX_CLAIMS:,} (about 3 MB "
                        "per 1,000); narrow it with --region or --metric. No report written", ExitCode.USAGE)
    results = gather(ds, claims, known, include_parties, best)
    files = active_files(data)
    question = Question(title, place, known, include_parties, best, fingerprint(files), len(files))
    html = render_page(build(ds, results, question))
    if target is None:
        sys.stdout.write(html)
        return
    from hfig.author.atomic import WriteError, write_atomic

    try:
        write_atomic(target, html.encode("utf-8"))
    except WriteError as exc:
        raise HfigError(str(exc), ExitCode.IO_ERROR) from None
    warn(f"wrote {target} ({len(html.encode('utf-8')) // 1024 + 1} KB)")


def _check_target(path: Path) -> None:
    """Fail before any work when the page cannot be written there."""
    from hfig.author.atomic import WriteError, check_folder

    try:
        check_folder(path)
    except WriteError as exc:
        raise HfigError(str(exc), ExitCode.IO_ERROR) from None


def fingerprint(files: list[DataFile]) -> str:
    """Which data, by content: a hash of every data file's name and bytes, in load order.

    The same records give the same fingerprint on any machine and any day, so a
    reader can tell whether two pages were made from the same data.
    """
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for f in files:
        data = f.text.encode("utf-8") if f.text is not None else f.path.read_bytes()
        name = f.path.name.encode("utf-8", "surrogateescape")
        digest.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
