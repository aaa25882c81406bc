"""A cache of loaded data sets, so that a second run skips YAML entirely (docs/performance.md).

`load_cached(files)` returns what `hfig.load.loader.load(files)` returns, the
same claims, problems and positions:

- warm: the entry of this data set (its files, by resolved path) has the
  fingerprint of the files as they are now (hfig.cache.fingerprint: every
  file's stat, the content of recently modified ones, hfig's version and
  code), and its payload has the seal hfig put on it after reading it back
  (hfig.cache.store, hfig.cache.codec) -> the payload is decoded, and claims
  are built when a question asks for them (hfig.cache.lazy);
- cold: the files are read by the fast path (hfig.cache.fast), and an entry is
  written if no file changed while it was read (by a detached child for a
  large data set, hfig.cache.fork).

Set HFIG_NO_CACHE=1, or pass --no-cache, to load exactly as `load()` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hfig.core.collection import collection_paused
from hfig.load.paths import DataFile, bundled_root, reference_files
from hfig.load.vocabulary import LoadResult

if TYPE_CHECKING:
    from hfig.cache.store import Header

ENV_NO_CACHE = "HFIG_NO_CACHE"
BACKGROUND_CLAIMS = 20_000
"""From this many claims a new cache entry is written by a detached child (hfig.cache.fork) while
the command answers; below it, encoding and writing take under about 0.1 s and are done in line."""


def disabled_by_env() -> bool:
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() not in ("", "0", "false", "no")


def gazetteer_files() -> list[Path]:
    """The gazetteer's own files: Syria's admin CSVs, the bundled COD tables, the world index."""
    from hfig.load.vocabulary import cod_tables
    from hfig.load.world import world_files

    folder = bundled_root() / "reference"
    return [*(folder / f"admin{level}.csv" for level in (1, 2, 3)), *cod_tables(folder), *world_files(folder)]


def watched_paths(user_files: list[DataFile], ref_files: list[DataFile] | None = None) -> list[Path]:
    """Every file a loaded data set depends on: reference files, the user's files, the gazetteer."""
    refs = reference_files() if ref_files is None else ref_files
    return [f.path for f in [*refs, *user_files]] + gazetteer_files()


def load_cached(files: Iterable[DataFile], *, use_cache: bool = True) -> LoadResult:
    """`load(files)`, answered from the cache when nothing changed since it was written."""
    user_files = list(files)
    if not use_cache or disabled_by_env():
        from hfig.load.loader import load

        return load(user_files)
    with collection_paused():  # a great many objects are made and none are garbage
        return _load_cached(user_files)


def _load_cached(user_files: list[DataFile]) -> LoadResult:
    from hfig.cache import codec, fingerprint, store

    ref_files = reference_files()
    watched = watched_paths(user_files, ref_files)  # the reference folder is listed once
    folder = store.cache_dir()
    key = fingerprint.identity(watched)
    read_at = fingerprint.now_ns()
    stats = fingerprint.stat_files(watched)
    if stats is None or store.safe_folder(folder) is not None:
        return _cold(ref_files, user_files)
    found = _current_entry(folder, key, stats)
    secret = store.seal_key(folder) if found is not None else None
    if found is not None and secret is not None:
        path, header, offset = found
        payload = store.read_body(path, header, offset, secret)
        cached = None if payload is None else codec.decode(payload)  # sealed: checked when written
        if cached is not None:
            store.settle(path, header, offset, secret)
            return cached
    # Hash recently modified files *before* reading them: if one changes while it is read, the
    # stored hash is of the older content and the entry is never used.
    fp = fingerprint.fingerprint(stats, read_at)
    result = _cold(ref_files, user_files)
    if not fp or fingerprint.stat_files(watched) != stats:
        return result  # a file changed while it was read: never store what may be stale
    all_files = [*ref_files, *user_files]

    def write_entry() -> None:
        try:
            payload = codec.encode_checked(result, all_files)
        except codec.CacheInvalid:
            return
        info = {"claims": len(result.data.claims), "files": len(user_files),
                "data": [f.shown for f in user_files[:3]] + (["..."] if len(user_files) > 3 else []),
                "names": names_of(result)}
        store.write_entry(folder, key, fp, payload, info)

    from hfig.cache.fork import run_detached  # a cold load only

    if len(result.data.claims) < BACKGROUND_CLAIMS or not run_detached(write_entry):
        write_entry()
    return result


def _current_entry(folder: Path, key: str, stats: list[list[Any]]) -> tuple[Path, Header, int] | None:
    """The entry of this data set, its header and where its payload starts, if it describes the
    files as they are now (its payload is not read)."""
    from hfig.cache import fingerprint, store

    path = store.entry_path(folder, key)
    found = store.read_header(path, store.ENTRY)
    if found is None or not fingerprint.matches(found[0].fingerprint, stats):
        return None
    return path, *found


def _cold(ref_files: list[DataFile], user_files: list[DataFile]) -> LoadResult:
    from hfig.cache.fast import fast_load
    from hfig.cache.progress import LoadProgress

    with LoadProgress([f.path for f in user_files]) as bar:
        return fast_load(user_files, reference=ref_files, progress=bar.advance)


def names_of(result: LoadResult) -> dict[str, list[str]]:
    """What shell completion offers (hfig.cli.complete): kept in the entry's header, read alone."""
    data = result.data
    gazetteer = data.gazetteer
    places = sorted({*gazetteer.names(), *(n for p in gazetteer.places.values() for n in (p.name, p.key))})
    return {"metric": sorted(data.metrics), "claimant": sorted(data.claimants), "region": places}


def cached_names(user_files: list[DataFile]) -> dict[str, list[str]] | None:
    """The completion names stored with this data set's entry, if it is current (no payload read)."""
    import msgspec.json

    from hfig.cache import fingerprint, store

    watched = watched_paths(user_files)
    stats = fingerprint.stat_files(watched)
    folder = store.cache_dir()
    if stats is None or store.safe_folder(folder) is not None:
        return None
    found = _current_entry(folder, fingerprint.identity(watched), stats)
    info = msgspec.json.decode(found[1].info) if found is not None else None
    names = info.get("names") if isinstance(info, dict) else None
    return names if isinstance(names, dict) else None
