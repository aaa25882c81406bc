"""What a cached answer depends on, cheaply checked on every start.

Every input file (the reference files, the gazetteer CSVs and the user's data
files) by path, size, mtime_ns, ctime_ns, inode and device; hfig's version; the
cache format. Size and mtime alone are not enough: `cp -p`, `tar`, `rsync -t`
and `touch -d` give a changed file its old size and mtime back, but none can
set the ctime (the kernel sets it on every change) and most write a new inode,
as git's index also checks. A file modified in the last few seconds before it
was read is also hashed: on a file system whose clock ticks coarsely, an edit
within the same tick keeps every stamp, and only its content tells (git calls
such files "racily clean").
"""

from __future__ import annotations

import functools
import os
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hfig import __version__

CACHE_FORMAT = 7  # 4: ctime, inode and device (issue 18); 5: a problem keeps its claim record (issue 15);
# 6: the gazetteer is stored built; 7: sealed (HMAC), checked when written, a block per metric and region
"""Bump when the stored layout or the meaning of a stored value changes."""

RACY_SECONDS = 3
"""A file modified less than this before it was read is hashed too (FAT's mtime ticks every 2 s)."""


def content_hash(path: Path) -> str:
    import hashlib  # only for recently modified files: most starts never need it

    from hfig.load.paths import open_regular

    digest = hashlib.blake2b(digest_size=16)
    with open_regular(path) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def identity(paths: list[Path]) -> str:
    """Which data set: the files, in order. Each data set gets its own cache entry."""
    return _identity(tuple(paths))


@functools.lru_cache(maxsize=4)
def _identity(paths: tuple[Path, ...]) -> str:
    """Remembered: a new question asks twice (its stored answer, then the entry), and resolving
    every path costs a system call per folder on the way. The name is only a name (see below)."""
    # Only a file name: the stored fingerprint lists every path, so two data sets whose names
    # collide just replace each other's entry, never answer for each other.
    text = f"{CACHE_FORMAT}\n" + "\n".join(map(_resolved, paths))
    data = text.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(paths):04x}"


def _resolved(path: Path) -> str:
    """`path.resolve()`, each folder resolved once: a data set's files share a few folders, and
    resolving walks every folder on the way with a system call each."""
    if path.is_symlink():
        return str(path.resolve())
    return os.path.join(_resolved_folder(str(path.parent)), path.name)


@functools.lru_cache(maxsize=64)
def _resolved_folder(folder: str) -> str:
    return os.path.realpath(folder)


def stat_files(paths: Iterable[Path]) -> list[list[Any]] | None:
    """[path, size, mtime_ns, ctime_ns, inode, device] per file, or None when one cannot be read
    or is not a regular file (no cache then)."""
    import stat

    out: list[list[Any]] = []
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        out.append([str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev])
    return out


LOAD_PACKAGES = ("core", "load", "cache")
"""The code a loaded data set depends on."""
ANSWER_PACKAGES = (".", "core", "load", "cache", "render", "cli")
"""The code a command's printed answer depends on (hfig.cache.answers)."""


def code_identity(packages: tuple[str, ...] = LOAD_PACKAGES) -> str:
    """hfig's own code, by file size and mtime: a development checkout whose loader or model
    changed without a new version number must not be answered by entries the old code wrote."""
    parts = [part for name in packages for part in _stamps(name)]
    data = "\n".join(sorted(parts)).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


@functools.cache
def _stamps(name: str) -> tuple[str, ...]:
    """One package's .py files by size and mtime. Remembered: a new question asks for the code its
    answer and its data set depend on, which share core, load and cache; and the code a process
    runs is the code it imported."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    try:
        with os.scandir(package / name) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    parts.append(f"{name}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append(f"{name}:?")
    return tuple(parts)


def fingerprint(stats: list[list[Any]], read_at_ns: int,
                packages: tuple[str, ...] = LOAD_PACKAGES) -> dict[str, Any]:
    """The fingerprint to store, given the stats taken just before the files were read."""
    hashes: dict[str, str] = {}
    for path, _, mtime_ns, ctime_ns, *_ in stats:
        if max(mtime_ns, ctime_ns) > read_at_ns - RACY_SECONDS * 1_000_000_000:
            try:
                hashes[path] = content_hash(Path(path))
            except OSError:
                return {}
    return {"format": CACHE_FORMAT, "hfig": __version__, "code": code_identity(packages), "files": stats,
            "hashes": hashes}


def matches(stored: Any, stats: list[list[Any]], packages: tuple[str, ...] = LOAD_PACKAGES) -> bool:
    """Does a stored fingerprint describe the files as they are now?"""
    if not isinstance(stored, dict):
        return False
    if stored.get("format") != CACHE_FORMAT or stored.get("hfig") != __version__:
        return False
    if stored.get("code") != code_identity(packages):
        return False
    if stored.get("files") != stats:
        return False
    hashes = stored.get("hashes")
    if not isinstance(hashes, dict):
        return False
    for path, digest in hashes.items():
        try:
            if content_hash(Path(path)) != digest:
                return False
        except (OSError, TypeError, ValueError):
            return False
    return True


def settled(stored: dict[str, Any], now: int) -> dict[str, Any] | None:
    """`stored` without the hashes of files that are no longer racy, or None if every one still is.

    Only after `matches` said yes: each hashed file's content was just checked, and its stamps.
    A file last changed before the racy window can change again only with new stamps, so its
    hash has done its job, and later starts need not read the file again (git refreshes its
    index the same way). None when nothing was hashed.
    """
    hashes = stored.get("hashes") or {}
    changed = {row[0]: max(row[2], row[3]) for row in stored.get("files", [])}
    racy = now - RACY_SECONDS * 1_000_000_000
    keep = {path: digest for path, digest in hashes.items() if changed.get(path, now) > racy}
    return None if len(keep) == len(hashes) else {**stored, "hashes": keep}


def now_ns() -> int:
    return time.time_ns()
