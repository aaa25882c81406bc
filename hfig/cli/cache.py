"""`hfig cache info` and `hfig cache clear`: where the cache of loaded data sets is, and emptying it."""

from __future__ import annotations

import datetime as dt
import sys

import typer

from hfig.cli.base import app, examples

cache_app = typer.Typer(
    name="cache",
    help="The cache of loaded data sets and of answers that makes a second run fast "
    "(docs/performance.md).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info", epilog=examples("hfig cache info"))
def info() -> None:
    """Where the cache is, whether hfig trusts it, and what it holds."""
    from hfig.cache import ENV_NO_CACHE, disabled_by_env
    from hfig.cache.answers import KEEP, stored
    from hfig.cache.store import ENV_DIR, cache_dir, entries, safe_folder

    folder = cache_dir()
    out = [f"folder: {folder}" + (f" (from ${ENV_DIR})" if ENV_DIR in _environ() else "")]
    problem = safe_folder(folder)
    if problem is not None:
        out.append(f"not used: {problem}")
    if disabled_by_env():
        out.append(f"not used: ${ENV_NO_CACHE} is set")
    found = entries(folder) if folder.is_dir() else []
    out.append(f"entries: {len(found)}, {_size(sum(size for _, size, _ in found))}")
    for path, size, meta in found:
        if meta is None:
            out.append(f"  {path.name}: {_size(size)}, not a cache file hfig can read (it will be replaced)")
            continue
        written = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        data = ", ".join(str(d) for d in meta.get("data", []))
        out.append(f"  {path.name}: {_size(size)}, {meta.get('claims')} claim(s) in "
                   f"{meta.get('files')} file(s) ({data}); written {written:%Y-%m-%d %H:%M:%S} UTC")
    answers = stored(folder) if folder.is_dir() else []
    size = sum(p.stat().st_size for p in answers if p.is_file())
    out.append(f"stored answers: {len(answers)}, {_size(size)} (kept: the {KEEP} most recent)")
    sys.stdout.write("\n".join(out) + "\n")


@cache_app.command("clear", epilog=examples("hfig cache clear"))
def clear() -> None:
    """Remove every cached data set and stored answer. The next run of each reads its files afresh."""
    from hfig.cache.store import cache_dir
    from hfig.cache.store import clear as clear_folder

    folder = cache_dir()
    count, size = clear_folder(folder)
    sys.stderr.write(f"hfig: removed {count} cache file(s), {_size(size)}, from {folder}\n")


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"
