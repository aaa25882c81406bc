"""Stored answers: what a command printed, kept so that asking again on unchanged data is instant.

An answer file holds one command's output (stdout and stderr, in the order
written) for one request (the command, its options, the terminal width and
colour) on one data set (the same fingerprint as the data-set cache: every
input file's size and mtime, racy files' content, hfig's version and code).
It is used only if the request is identical and the fingerprint still matches;
anything else - a different option, a changed file, a damaged file - means
"not stored", and the command runs. A cache file like an entry (hfig.cache.store),
behind a CRC-32 rather than a seal: a replay never imports the HMAC's hashes.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import msgspec.json

from hfig.cache import fingerprint as fp
from hfig.cache import store

KEEP = 32
"""Answers kept (the most recently written); older ones are removed when a new one is written."""
MAX_BYTES = 256 * 1024 * 1024
"""A longer answer is not stored: it would cost more disk than it saves time."""

STDOUT, STDERR = 1, 2
Chunk = tuple[int, str]
"""(stream, text) in the order the command wrote them."""


def request_key(data_key: str, request: dict[str, Any]) -> str:
    """The file name part for one request on one data set (the header holds the whole request)."""
    text = store.dumps(request, sort_keys=True)
    return f"{data_key}-{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def answer_path(folder: Path, key: str) -> Path:
    return folder / f"answer-{key}.txt"


def read(folder: Path, key: str, request: dict[str, Any], stats: list[list[Any]]) -> list[Chunk] | None:
    """The stored output for this request, if the data set is unchanged since it was written."""
    path = answer_path(folder, key)
    found = store.read_header(path, store.ANSWER)
    if found is None:
        return None
    header, offset = found
    if header.request != msgspec.json.decode(store.dumps(request)):
        return None  # a name collision, or an option that does not survive JSON: run
    if not fp.matches(header.fingerprint, stats, packages=fp.ANSWER_PACKAGES):
        return None
    body = store.read_body(path, header, offset)
    if body is None or not isinstance(header.chunks, list):
        return None
    chunks: list[Chunk] = []
    at = 0
    try:
        for stream, size in header.chunks:
            if stream not in (STDOUT, STDERR) or type(size) is not int or size < 0:
                return None
            chunks.append((stream, body[at:at + size].decode("utf-8")))
            at += size
    except (TypeError, ValueError):
        return None
    if at != len(body):
        return None
    store.settle(path, header, offset)
    return chunks


def write(folder: Path, key: str, fingerprint: dict[str, Any], request: dict[str, Any],
          chunks: list[tuple[int, bytes]]) -> bool:
    """Store an answer (its chunks as UTF-8 bytes, surrogateescape); False if it was not stored."""
    body = b"".join(data for _, data in chunks)
    if len(body) > MAX_BYTES:
        return False
    header = store.Header(store.ANSWER, fingerprint, len(body), crc32=zlib.crc32(body), request=request,
                    chunks=[[stream, len(data)] for stream, data in chunks])
    return store.write(answer_path(folder, key), header, body, KEEP)


def stored(folder: Path) -> list[Path]:
    try:
        return sorted(folder.glob("answer-*.txt"))
    except OSError:
        return []
