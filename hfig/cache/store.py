"""The cache folder: its files written whole, and read back only when they check out.

A cache file is a JSON header line, then a body: a data set's entry (its
payload, hfig.cache.codec) or a stored answer (hfig.cache.answers). The header
says what the body depends on (its fingerprint, hfig.cache.fingerprint), its
length, and its seal (an entry's: an HMAC of the body under a secret kept in
the folder, `seal.key`) or checksum (an answer's: CRC-32). A reader checks the
header first (a stale entry costs no body read), then the length and seal or
checksum: a file hfig did not write, or one damaged since, fails them.
Anything unexpected - a truncated, corrupt, foreign or unreadable file, a
folder others can write to, no key - means "not cached": hfig works it out
again and writes a fresh file. Never pickle: a cache file is data, never code.
(docs/decisions.md, "The eighth session", gives the argument for the seal.)
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

ENV_DIR = "HFIG_CACHE_DIR"
ENTRY, ANSWER = "hfig-cache", "hfig-answer"
"""The magic of each kind of cache file."""
KEEP = 8
"""Entries kept (the most recently written); older ones are removed when a new one is written."""
HEADER_CAP = 64 << 20
"""An entry's header holds the completion names (hfig.cache.names_of): about 0.5 MB with the world's
places, more with a data set's own; the cap only stops a runaway line."""
KEY_FILE = "seal.key"
KEY_BYTES = 32


def cache_dir() -> Path:
    """$HFIG_CACHE_DIR, else the platform's user cache folder (XDG_CACHE_HOME on Linux)."""
    override = os.environ.get(ENV_DIR, "").strip()
    if override:
        return Path(override)
    if not sys.platform.startswith("linux"):  # on Linux, what platformdirs answers, without its 3 ms import
        from platformdirs import user_cache_path

        return user_cache_path("hfig", appauthor=False)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "hfig"


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


def dumps(value: Any, sort_keys: bool = False) -> bytes:
    """Compact JSON on one line (newlines inside strings are escaped); TypeError if `value` is not
    JSON-able, a lone surrogate in a text included."""
    try:
        return msgspec.json.encode(value, order="sorted" if sort_keys else None)
    except UnicodeEncodeError as e:
        raise TypeError(str(e)) from e


class Header(msgspec.Struct, omit_defaults=True):
    """A cache file's first line. `info`, an entry's summary and completion names (most of the
    line), is kept as its JSON text: a warm start never decodes it (that took about 1.5 ms of every
    start on the bundled data), and it is written back as it was when the header is replaced."""

    magic: Any = None
    fingerprint: Any = None
    length: Any = None
    seal: Any = None  # an entry's
    crc32: Any = None  # an answer's, with the question it answers and its stdout and stderr pieces
    request: Any = None
    chunks: Any = None
    info: msgspec.Raw = msgspec.Raw(b"null")


@functools.cache
def _header_decoder() -> msgspec.json.Decoder[Header]:
    return msgspec.json.Decoder(Header)


def read_header(path: Path, magic: str) -> tuple[Header, int] | None:
    """The header of a cache file of this kind and where its body starts, or None."""
    from hfig.load.paths import open_regular  # a FIFO or device planted here must not block

    try:
        with open_regular(path) as fh:
            line = fh.readline(HEADER_CAP)
        header = _header_decoder().decode(line)
    except (OSError, ValueError):  # msgspec's DecodeError (and ValidationError) are ValueErrors
        return None
    return (header, len(line)) if header.magic == magic else None


def read_body(path: Path, header: Header, offset: int, key: bytes | None = None) -> bytes | None:
    """The body after a header, if its length and its seal (an entry's, under the folder's `key`)
    or CRC (a stored answer's) are the header's."""
    from hfig.load.paths import open_regular

    length = header.length
    if type(length) is not int or length < 0:
        return None
    try:
        with open_regular(path) as fh:
            if offset + length != os.fstat(fh.fileno()).st_size:
                return None  # a header that claims more (or less) than the file holds: never read it
            fh.seek(offset)
            body = fh.read(length + 1)
    except OSError:
        return None
    if len(body) != length:
        return None
    if key is None:
        return body if header.crc32 == zlib.crc32(body) else None
    import hmac  # an entry's only: a replayed answer never imports it (about 3 ms)

    return body if type(header.seal) is str and hmac.compare_digest(header.seal, seal(key, body)) else None


def write(path: Path, header: Header, body: bytes, keep: int) -> bool:
    """Write a cache file atomically (a temporary file renamed over `path`: a reader sees the old
    file or the new one, never half of one), then keep only the `keep` most recent of its kind.
    No fsync: a torn write fails the reader's length and seal or checksum. False if not written."""
    folder = path.parent
    if not _ready(folder):
        return False
    try:
        _write_atomically(path, dumps(header) + b"\n", body)
    except (OSError, TypeError):  # TypeError: a text JSON cannot hold (a lone surrogate)
        return False
    with contextlib.suppress(OSError):
        kind = f"{path.name.split('-', 1)[0]}-*{path.suffix}"
        paths = sorted(folder.glob(kind), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in paths[keep:]:
            old.unlink(missing_ok=True)
    return True


def _ready(folder: Path) -> bool:
    """Make the folder if need be (private); may it be written to?"""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return safe_folder(folder) is None


def _write_atomically(path: Path, *parts: bytes) -> None:
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


def settle(path: Path, header: Header, offset: int, key: bytes | None = None) -> None:
    """Drop from a file's fingerprint the hashes of files that are no longer racy, once a read has
    found it current (hfig.cache.fingerprint.settled): later starts need not read those files.

    The body is read again and checked against the header, so that a file replaced meanwhile
    by another process is never given a header that is not its own. Best effort: a failure
    leaves the file as it was.
    """
    from hfig.cache.fingerprint import now_ns, settled

    refreshed = settled(header.fingerprint, now_ns())
    if refreshed is None:
        return
    new = msgspec.structs.replace(header, fingerprint=refreshed)
    body = read_body(path, new, offset, key)
    if body is not None:
        with contextlib.suppress(OSError, TypeError):
            _write_atomically(path, dumps(new) + b"\n", body)


# --- data-set entries ----------------------------------------------------------------------------

def entry_path(folder: Path, key: str) -> Path:
    return folder / f"data-{key}.json"


def write_entry(folder: Path, key: str, fingerprint: dict[str, Any], payload: bytes,
                info: dict[str, Any]) -> bool:
    """Write an entry (a payload `codec.encode_checked` made) sealed under the folder's key."""
    secret = seal_key(folder, create=True) if _ready(folder) else None
    if secret is None:
        return False
    header = Header(ENTRY, fingerprint, len(payload), seal(secret, payload), info=msgspec.Raw(dumps(info)))
    return write(entry_path(folder, key), header, payload, KEEP)


def seal(key: bytes, data: bytes) -> str:
    """HMAC-SHA256 of the payload (OpenSSL's, about 0.6 ms a MB here): a CRC can be recomputed by
    anyone who edits the file, this cannot without the key."""
    import hmac

    return hmac.digest(key, data, "sha256").hex()


def seal_key(folder: Path, create: bool = False) -> bytes | None:
    """The secret this folder's entries are sealed with (0600), made if `create` and there is none
    or it is damaged; None if there is none or it cannot be read."""
    path = folder / KEY_FILE
    key = _read_key(path)
    if key is not None or not create:
        return key
    # Made whole beside it, then linked, not renamed: a good key another process has just made
    # is kept (what it sealed stays readable), a damaged one replaced.
    tmp = path.with_name(f".tmp-{os.getpid()}-{os.urandom(6).hex()}.key")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(KEY_BYTES))
        try:
            os.link(tmp, path)
        except OSError:  # there already, or no hard links on this file system
            if _read_key(path) is None:
                os.replace(tmp, path)
    except OSError:
        return None
    finally:
        tmp.unlink(missing_ok=True)
    return _read_key(path)


def _read_key(path: Path) -> bytes | None:
    from hfig.load.paths import open_regular

    try:
        with open_regular(path) as fh:
            key = fh.read(KEY_BYTES + 1)
    except OSError:
        return None
    return key if len(key) == KEY_BYTES else None


def entries(folder: Path) -> list[tuple[Path, int, dict[str, Any] | None]]:
    """Each entry file here, its size and its summary (None if it is not an entry hfig can read)."""
    out = []
    try:
        paths = sorted(folder.glob("data-*.json"))
    except OSError:
        return []
    for path in paths:
        found = read_header(path, ENTRY)
        try:
            size = path.stat().st_size
            info = msgspec.json.decode(found[0].info) if found else None
        except (OSError, ValueError):
            continue
        out.append((path, size, info if isinstance(info, dict) else None))
    return out


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
