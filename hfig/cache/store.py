"""The cache folder: one file per data set, written atomically, trusted only when it checks out.

A cache file is two lines: a JSON header (format, fingerprint, payload length
and seal), then the JSON payload. The seal is an HMAC of the payload under a
secret kept in the folder (`seal.key`), made only after every value of the
payload passed the loader's rules (hfig.cache.codec, `encode_checked`). A
reader checks the header first (a stale entry costs no payload read), then the
length and seal: an entry hfig did not write and check, or one damaged since,
fails it. Anything unexpected - a truncated, corrupt, foreign or unreadable
file, a folder others can write to, no key - means "no cache": hfig loads the
data itself and writes a fresh entry. Never pickle: a cache file is data,
never code. (docs/decisions.md, "The eighth session", gives the argument.)
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
import zlib
from pathlib import Path
from typing import Any

import msgspec
import msgspec.json
import msgspec.structs
from msgspec import Struct

ENV_DIR = "HFIG_CACHE_DIR"
MAGIC = "hfig-cache"
KEEP = 8
"""Entries kept (the most recently used); older ones are removed when a new one is written."""


def cache_dir() -> Path:
    """$HFIG_CACHE_DIR, else the platform's user cache folder (XDG_CACHE_HOME on Linux)."""
    override = os.environ.get(ENV_DIR, "").strip()
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):  # what platformdirs answers here, without its 3 ms import
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
        return Path(base) / "hfig"
    try:
        from platformdirs import user_cache_path
    except ImportError:  # pragma: no cover - platformdirs is a dependency; stay usable without it
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
        return Path(base) / "hfig"
    return user_cache_path("hfig", appauthor=False)


def dumps(value: Any, sort_keys: bool = False) -> bytes:
    """Compact JSON on one line (newlines inside strings are escaped); TypeError if `value` is not
    JSON-able, a lone surrogate in a text included."""
    import msgspec.json

    try:
        return msgspec.json.encode(value, order="sorted" if sort_keys else None)
    except UnicodeEncodeError as e:
        raise TypeError(str(e)) from e


def loads(data: bytes) -> Any:
    """JSON; ValueError if it is not."""
    import msgspec.json

    return msgspec.json.decode(data)


def write_atomically(path: Path, *parts: bytes) -> None:
    """Write a new file beside `path` and rename it over `path`: a reader sees the old file or the
    new one, never half of one. No fsync: a torn write fails the reader's length and seal (or CRC) check.
    OSError if it cannot be written."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{os.urandom(6).hex()}{path.suffix}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in parts:
                fh.write(part)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def safe_folder(folder: Path) -> str | None:
    """Why this folder must not be trusted, or None. Others who can write here could plant answers."""
    try:
        st = folder.stat()
    except FileNotFoundError:
        return None  # created, private, on the first write
    except OSError as exc:
        return f"cannot read {folder}: {exc.strerror}"
    if not stat.S_ISDIR(st.st_mode):
        return f"{folder} is not a folder"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return f"{folder} belongs to another user"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others can write to {folder}"
    return None


class Entry(Struct):
    path: Path
    header: dict[str, Any]
    size: int


HEADER_CAP = 64 << 20


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"data-{key}.json"


class _Header(Struct):
    """A header as a warm start reads it: `info` (the completion names, most of the line) kept as
    its JSON text, written back as it was if the header is replaced, never decoded."""

    magic: Any = None
    fingerprint: Any = None
    length: Any = None
    seal: Any = None
    info: msgspec.Raw = msgspec.Raw(b"null")


@functools.cache
def _header_decoder() -> msgspec.json.Decoder[_Header]:
    return msgspec.json.Decoder(_Header)


def read_header(path: Path, info: bool = True) -> tuple[dict[str, Any], int] | None:
    """The header of a cache file and where its payload starts, or None if it is not one.

    Without `info`, the header's `info` is left undecoded (a `msgspec.Raw`): a warm start needs
    the fingerprint and checksum only, and decoding the names took about 1.5 ms of every start on
    the bundled data.
    """
    from hfig.load.paths import open_regular  # a FIFO or device planted here must not block

    try:
        with open_regular(path) as fh:
            # The header holds the completion names (hfig.cache.names_of): about 0.5 MB with the
            # world's places, more with a data set's own; the cap only stops a runaway line.
            line = fh.readline(HEADER_CAP)
    except OSError:
        return None
    try:
        header = loads(line) if info else msgspec.structs.asdict(_header_decoder().decode(line))
    except ValueError:  # msgspec's DecodeError (and ValidationError) are ValueErrors
        return None
    if not isinstance(header, dict) or header.get("magic") != MAGIC:
        return None
    return header, len(line)


def encode_header(header: dict[str, Any]) -> bytes:
    return dumps(header) + b"\n"


def replace_header(path: Path, offset: int, header: dict[str, Any], key: bytes | None = None) -> None:
    """Give an entry a new header, its body unchanged (best effort: a failure leaves it as it was).

    The body is read again and checked against the new header's length and seal (an entry's,
    under `key`) or CRC (a stored answer's), so an entry replaced meanwhile by another process
    is never given a header that is not its own.
    """
    from hfig.load.paths import open_regular

    length = header.get("length")
    if type(length) is not int:
        return
    try:
        with open_regular(path) as fh:
            if offset + length != os.fstat(fh.fileno()).st_size:
                return
            fh.seek(offset)
            body = fh.read(length + 1)
        intact = _sealed(header, body, key) if key is not None else header.get("crc32") == zlib.crc32(body)
        if len(body) != length or not intact:
            return
        write_atomically(path, encode_header(header), body)
    except (OSError, TypeError):
        pass


def read_payload(path: Path, header: dict[str, Any], offset: int, key: bytes) -> bytes | None:
    """The payload's bytes if their length and seal are the header's: bytes hfig wrote after
    checking every value (the caller parses them without checking them again)."""
    from hfig.load.paths import open_regular

    length = header.get("length")
    if type(length) is not int or length < 0:
        return None
    try:
        with open_regular(path) as fh:
            if offset + length != os.fstat(fh.fileno()).st_size:
                return None  # a header that claims more (or less) than the file holds: never read it
            fh.seek(offset)
            data = fh.read(length + 1)
    except OSError:
        return None
    if len(data) != length or not _sealed(header, data, key):
        return None  # truncated, extended, corrupted, or not written by hfig with this folder's key
    return data


KEY_FILE = "seal.key"
KEY_BYTES = 32


def seal_key(folder: Path, create: bool = False) -> bytes | None:
    """The secret this folder's entries are sealed with, made if `create` and there is none (or
    it is damaged); None if there is none or it cannot be read."""
    path = folder / KEY_FILE
    key = _read_key(path)
    if key is None and create:
        try:
            _make_key(path)
        except OSError:
            return None
        key = _read_key(path)
    return key


def _make_key(path: Path) -> None:
    """A new key at `path`, whole or not at all; linked, not renamed, so that a good key another
    process has just made is kept (what it sealed stays readable), and a damaged one replaced."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{os.urandom(6).hex()}.key")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(KEY_BYTES))
        try:
            os.link(tmp, path)
        except OSError:  # there already, or no hard links on this file system
            if _read_key(path) is None:
                os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _read_key(path: Path) -> bytes | None:
    from hfig.load.paths import open_regular

    try:
        with open_regular(path) as fh:
            key = fh.read(KEY_BYTES + 1)
    except OSError:
        return None
    return key if len(key) == KEY_BYTES else None


def seal(key: bytes, data: bytes) -> str:
    """HMAC-SHA256 of the payload (OpenSSL's, about 0.6 ms a MB here): a CRC can be recomputed by
    anyone who edits the file, this cannot without the key."""
    import hmac

    return hmac.digest(key, data, "sha256").hex()


def _sealed(header: dict[str, Any], data: bytes, key: bytes) -> bool:
    import hmac

    found = header.get("seal")
    return type(found) is str and hmac.compare_digest(found, seal(key, data))


def write(folder: Path, key: str, fingerprint: dict[str, Any], data: bytes, info: dict[str, Any]) -> bool:
    """Write an entry (a payload `codec.encode_checked` made) sealed under the folder's key,
    atomically (temp file + rename); False if it could not be written."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if safe_folder(folder) is not None:
            return False
        secret = seal_key(folder, create=True)
        if secret is None:
            return False
        header = {"magic": MAGIC, "fingerprint": fingerprint, "length": len(data),
                  "seal": seal(secret, data), "info": info}
        write_atomically(entry_path(folder, key), encode_header(header), data)
    except OSError:
        return False
    prune(folder, keep=KEEP)
    return True


def entries(folder: Path) -> list[Entry]:
    out = []
    try:
        paths = sorted(folder.glob("data-*.json"))
    except OSError:
        return []
    for path in paths:
        found = read_header(path)
        try:
            size = path.stat().st_size
        except OSError:
            continue
        out.append(Entry(path, found[0] if found else {}, size))
    return out


def prune(folder: Path, keep: int) -> None:
    try:
        paths = sorted(folder.glob("data-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for path in paths[keep:]:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def clear(folder: Path) -> tuple[int, int]:
    """Remove every cache file hfig wrote here; (files, bytes) removed, not counting the key (which
    seals nothing once the entries are gone, and is made again with the next). Other files are
    left alone."""
    count = size = 0
    try:
        paths = [*folder.glob("data-*.json"), *folder.glob("answer-*.txt"), *folder.glob(".tmp-*.json"),
                 *folder.glob(".tmp-*.txt"), *folder.glob(".tmp-*.key")]
    except OSError:
        return 0, 0
    for path in paths:
        try:
            n = path.stat().st_size
            path.unlink()
        except OSError as exc:
            sys.stderr.write(f"hfig: cannot remove {path}: {exc.strerror}\n")
            continue
        count += 1
        size += n
    with contextlib.suppress(OSError):
        (folder / KEY_FILE).unlink(missing_ok=True)
    return count, size
