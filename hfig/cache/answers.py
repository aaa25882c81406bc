"""Stored answers: what a command printed, kept so that asking again on unchanged data is instant.

An answer file holds one command's output (stdout and stderr, in the order
written) for one request (the command, its options, the terminal width and
colour) on one data set (the same fingerprint as the data-set cache: every
input file's size and mtime, racy files' content, hfig's version and code).
It is used only if the request is identical and the fingerprint still matches;
anything else - a different option, a changed file, a damaged entry - means
"not stored", and the command runs. Like the data-set cache it is plain data
(a JSON header line, then the text), never pickle.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any

from hfig.cache import fingerprint as fp
from hfig.cache.store import dumps, encode_header, loads, replace_header, safe_folder, write_atomically

MAGIC = "hfig-answer"
PREFIX = "answer-"
KEEP = 32
"""Answers kept (the most recently written); older ones are removed when a new one is written."""
MAX_BYTES = 256 * 1024 * 1024
"""A longer answer is not stored: it would cost more disk than it saves time."""

STDOUT, STDERR = 1, 2
Chunk = tuple[int, str]
"""(stream, text) in the order the command wrote them."""


def request_key(data_key: str, request: dict[str, Any]) -> str:
    """The file name part for one request on one data set (the header holds the whole request)."""
    text = dumps(request, sort_keys=True)
    return f"{data_key}-{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def answer_path(folder: Path, key: str) -> Path:
    return folder / f"{PREFIX}{key}.txt"


def read(folder: Path, key: str, request: dict[str, Any], stats: list[list[Any]]) -> list[Chunk] | None:
    """The stored output for this request, if the data set is unchanged since it was written."""
    from hfig.load.paths import open_regular  # a FIFO or device planted here must not block

    try:
        with open_regular(answer_path(folder, key)) as fh:
            head = fh.readline(1 << 20)
            header = loads(head)
            if not isinstance(header, dict) or header.get("magic") != MAGIC:
                return None
            if header.get("request") != loads(dumps(request)):
                return None  # a name collision, or an option that does not survive JSON: run
            if not fp.matches(header.get("fingerprint"), stats, packages=fp.ANSWER_PACKAGES):
                return None
            length, crc, layout = header.get("length"), header.get("crc32"), header.get("chunks")
            if type(length) is not int or type(crc) is not int or not isinstance(layout, list):
                return None
            if len(head) + length != os.fstat(fh.fileno()).st_size:
                return None  # never read more than the file holds, whatever the header says
            body = fh.read(length + 1)
    except (OSError, ValueError):
        return None
    if len(body) != length or zlib.crc32(body) != crc:
        return None
    chunks = _split(body, layout)
    refreshed = fp.settled(header["fingerprint"], fp.now_ns())
    if chunks is not None and refreshed is not None:
        replace_header(answer_path(folder, key), len(head), {**header, "fingerprint": refreshed})
    return chunks


def _split(body: bytes, layout: list[Any]) -> list[Chunk] | None:
    chunks: list[Chunk] = []
    at = 0
    try:
        for stream, size in layout:
            if stream not in (STDOUT, STDERR) or type(size) is not int or size < 0:
                return None
            chunks.append((stream, body[at:at + size].decode("utf-8")))
            at += size
    except (TypeError, ValueError):
        return None
    return chunks if at == len(body) else None


def write(folder: Path, key: str, fingerprint: dict[str, Any], request: dict[str, Any],
          chunks: list[tuple[int, bytes]]) -> bool:
    """Store an answer (its chunks as UTF-8 bytes, surrogateescape) atomically (temp file +
    rename); False if it was not stored."""
    parts = [data for _, data in chunks]
    body = b"".join(parts)
    if len(body) > MAX_BYTES:
        return False
    layout = [[stream, len(part)] for (stream, _), part in zip(chunks, parts, strict=True)]
    header = {"magic": MAGIC, "fingerprint": fingerprint, "request": request, "length": len(body),
              "crc32": zlib.crc32(body), "chunks": layout}
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if safe_folder(folder) is not None:
            return False
        write_atomically(answer_path(folder, key), encode_header(header), body)
    except (OSError, TypeError):  # TypeError: a text JSON cannot hold (a lone surrogate)
        return False
    prune(folder, KEEP)
    return True


def stored(folder: Path) -> list[Path]:
    try:
        return sorted(folder.glob(f"{PREFIX}*.txt"))
    except OSError:
        return []


def prune(folder: Path, keep: int) -> None:
    try:
        paths = sorted(stored(folder), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for path in paths[keep:]:
            path.unlink(missing_ok=True)
    except OSError:
        pass
