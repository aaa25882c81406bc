"""Shell completion of metric, region and claimant names, from the active data set.

A TAB press starts hfig afresh, so the names come from the header line of the
data set's cache entry (`hfig.cache.cached_names`): no claims are read. With
no current entry (first use, or a file changed) the data set is loaded once
through the cache, which writes the entry the next TAB press reads.
"""

from __future__ import annotations

from pathlib import Path

import typer


def names(kind: str, data: list[Path] | None) -> list[str]:
    from hfig.cli.context import active_files

    try:
        files = active_files(data)
        from hfig.cache import cached_names, names_of

        found = cached_names(files)
        if found is None:
            from hfig.api import read

            found = names_of(read(files))
        return list(found.get(kind, []))
    except Exception:
        return []


def _complete(kind: str, ctx: typer.Context, incomplete: str) -> list[str]:
    data = ctx.params.get("data") if ctx is not None else None
    lowered = incomplete.casefold()
    return [n for n in names(kind, data) if n.casefold().startswith(lowered)]


def complete_metric(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete("metric", ctx, incomplete)


def complete_region(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete("region", ctx, incomplete)


def complete_claimant(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete("claimant", ctx, incomplete)
