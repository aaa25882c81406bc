"""A cache of loaded data sets, so that a second run skips YAML entirely (docs/performance.md).

`load_cached(files)` returns what `hfig.load.loader.load(files)` returns, the
same claims, problems and positions:

- warm: every input file (data, reference, gazetteer) has the size, mtime
  and, for recently modified files, the content it had when the entry was
  written, and hfig's version and the cache format are unchanged -> the
  entry is decoded;
- cold: the files are read by the fast path (hfig.cache.fast), and an entry
  is written if no file changed while it was read.

Set HFIG_NO_CACHE=1, or pass --no-cache, to load exactly as `load()` does.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from pathlib import Path

from hfig.load.paths import DataFile, bundled_root, reference_files
from hfig.load.vocabulary import LoadResult

ENV_NO_CACHE = "HFIG_NO_CACHE"
BACKGROUND_CLAIMS = 20_000
"""From this many claims a new cache entry is written by a detached child (hfig.cache.background)
while the command answers; below it, encoding and writing take under about 0.1 s and are done in line."""


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
    was_enabled = gc.isenabled()
    gc.disable()  # a great many objects are made and none are garbage: collecting only costs time
    try:
        return _load_cached(user_files)
    finally:
        if was_enabled:
            gc.enable()


def _load_cached(user_files: list[DataFile], progress: bool = True) -> LoadResult:
    from hfig.cache import codec, fingerprint, store

    ref_files = reference_files()
    all_files = [*ref_files, *user_files]
    watched = watched_paths(user_files, ref_files)  # the reference folder is listed once
    folder = store.cache_dir()
    key = fingerprint.identity(watched)
    read_at = fingerprint.now_ns()
    stats = fingerprint.stat_files(watched)
    trusted = store.safe_folder(folder) is None
    if stats is not None and trusted:
        cached = _read(folder, key, stats)
        if cached is not None:
            return cached
    # Hash recently modified files *before* reading them: if one changes while it is
    # read, the stored hash is of the older content and the entry is never used.
    fp = fingerprint.fingerprint(stats, read_at) if stats is not None and trusted else {}
    result = _cold(ref_files, user_files, progress)
    if not fp or not codec.can_encode():
        return result
    if fingerprint.stat_files(watched) != stats:
        return result  # a file changed while it was read: never store what may be stale

    def write_entry() -> None:
        try:
            payload = codec.encode_checked(result, all_files)
        except codec.CacheInvalid:
            return
        info = {"claims": len(result.data.claims), "files": len(user_files),
                "data": [f.shown for f in user_files[:3]] + (["..."] if len(user_files) > 3 else []),
                "names": names_of(result)}
        store.write(folder, key, fp, payload, info)

    from hfig.cache.background import run_detached  # a cold load only

    if len(result.data.claims) < BACKGROUND_CLAIMS or not run_detached(write_entry):
        write_entry()
    return result


def names_of(result: LoadResult) -> dict[str, list[str]]:
    """What shell completion offers (hfig.cli.complete): kept in the entry's header, read alone."""
    data = result.data
    gazetteer = data.gazetteer
    places = sorted({*gazetteer.names(), *(n for p in gazetteer.places.values() for n in (p.name, p.key))})
    return {"metric": sorted(data.metrics), "claimant": sorted(data.claimants), "region": places}


def cached_names(user_files: list[DataFile]) -> dict[str, list[str]] | None:
    """The completion names stored with this data set's entry, if it is current (no payload read)."""
    from hfig.cache import fingerprint, store

    watched = watched_paths(user_files)
    stats = fingerprint.stat_files(watched)
    folder = store.cache_dir()
    if stats is None or store.safe_folder(folder) is not None:
        return None
    found = store.read_header(store.entry_path(folder, fingerprint.identity(watched)))
    if found is None or not fingerprint.matches(found[0].get("fingerprint"), stats):
        return None
    names = found[0].get("info", {}).get("names")
    return names if isinstance(names, dict) else None


def _read(folder: Path, key: str, stats: list[list[object]]) -> LoadResult | None:
    from hfig.cache import codec, fingerprint, store

    path = store.entry_path(folder, key)
    found = store.read_header(path, info=False)
    if found is None:
        return None
    header, offset = found
    if not fingerprint.matches(header.get("fingerprint"), stats):
        return None
    secret = store.seal_key(folder)
    if secret is None:
        return None
    was_enabled = gc.isenabled()
    gc.disable()  # decoding makes a great many objects and no garbage
    try:
        payload = store.read_payload(path, header, offset, secret)
        if payload is None:
            return None
        try:
            result = codec.decode(payload, checked=True)  # sealed: checked when it was written
        except codec.CacheInvalid:
            return None
    finally:
        if was_enabled:
            gc.enable()
    refreshed = fingerprint.settled(header["fingerprint"], fingerprint.now_ns())
    if refreshed is not None:  # files hashed as racy when written are settled now: stop hashing them
        store.replace_header(path, offset, {**header, "fingerprint": refreshed}, secret)
    return result


def _cold(ref_files: list[DataFile], user_files: list[DataFile], progress: bool) -> LoadResult:
    from hfig.cache.fast import fast_load
    from hfig.cache.progress import LoadProgress

    with LoadProgress([f.path for f in user_files], enabled=progress) as bar:
        return fast_load(user_files, reference=ref_files, progress=bar.advance)
