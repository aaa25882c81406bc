"""What a cached answer depends on, cheaply checked on every start.

Every input file (the reference files, the gazetteer CSVs and the user's data
files) by path, size and mtime_ns; hfig's version; the cache format. A file
modified in the last few seconds before it was read is also hashed: on a file
system whose clock ticks coarsely, an edit within the same tick keeps size and
mtime, and only its content tells (git calls such files "racily clean").
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hfig import __version__

CACHE_FORMAT = 1
"""Bump when the stored layout or the meaning of a stored value changes."""

RACY_SECONDS = 3
"""A file modified less than this before it was read is hashed too (FAT's mtime ticks every 2 s)."""


def content_hash(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def identity(paths: Iterable[Path]) -> str:
    """Which data set: the files, in order. Each data set gets its own cache entry."""
    text = "\n".join(str(p.resolve()) for p in paths)
    return hashlib.blake2b(f"{CACHE_FORMAT}\n{text}".encode(), digest_size=16).hexdigest()


def stat_files(paths: Iterable[Path]) -> list[list[Any]] | None:
    """[path, size, mtime_ns] per file, or None when one cannot be read (no cache then)."""
    out: list[list[Any]] = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            return None
        out.append([str(path), st.st_size, st.st_mtime_ns])
    return out


def fingerprint(stats: list[list[Any]], read_at_ns: int) -> dict[str, Any]:
    """The fingerprint to store, given the stats taken just before the files were read."""
    hashes: dict[str, str] = {}
    for path, _, mtime_ns in stats:
        if mtime_ns > read_at_ns - RACY_SECONDS * 1_000_000_000:
            try:
                hashes[path] = content_hash(Path(path))
            except OSError:
                return {}
    return {"format": CACHE_FORMAT, "hfig": __version__, "files": stats, "hashes": hashes}


def matches(stored: Any, stats: list[list[Any]]) -> bool:
    """Does a stored fingerprint describe the files as they are now?"""
    if not isinstance(stored, dict):
        return False
    if stored.get("format") != CACHE_FORMAT or stored.get("hfig") != __version__:
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
        except (OSError, TypeError):
            return False
    return True


def now_ns() -> int:
    return time.time_ns()
