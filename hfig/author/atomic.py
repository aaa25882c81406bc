"""Replace a file so that readers and a crash only ever see the old bytes or the new ones.

A write goes to a temporary file in the same folder (same file system, so the
rename is atomic), is flushed and fsynced, renamed over the target, and the
folder is fsynced so that the rename itself survives a power cut. Every
read-modify-write runs under a lock file beside the target, so two hfig writers
never lose each other's claims. Temporary and lock files start with `.`, which
the loader skips, so a write killed half-way never shows up as data.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another hfig writer before giving up with a clear error."""


class WriteError(Exception):
    """The file could not be written; the message says why, and the file is unchanged."""


def target_of(path: Path) -> Path:
    """The file a write lands in: symlinks are followed so the link stays a link."""
    return Path(os.path.realpath(path))


def check_folder(path: Path) -> None:
    """A missing folder, or a 'folder' that is a file, is an error before anything is tried."""
    folder = path.parent
    if not folder.exists():
        raise WriteError(f"{path}: the folder {folder} does not exist (hfig does not create folders)")
    if not folder.is_dir():
        raise WriteError(f"{path}: {folder} is not a folder")
    if path.is_dir():
        raise WriteError(f"{path}: is a folder, not a file")


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.hfig-lock"


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(f"{path}: cannot read: {exc.strerror}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: afterwards the file holds the old bytes or all of the new."""
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(f"{path}: {exc.strerror}") from None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)  # O_CREAT's mode is cut by the umask; keep the file's own
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(folder)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open folders; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def update_file(
    path: Path,
    change: Callable[[bytes | None], bytes],
    verify: Callable[[bytes], None] | None = None,
    timeout: float = LOCK_TIMEOUT,
) -> tuple[bytes | None, bytes]:
    """Read, change and atomically rewrite `path` under the writers' lock.

    `change` gets the current bytes (None for a new file) and returns the new
    ones, or raises to leave the file untouched. After the rename the file is
    read back and passed to `verify`; if that raises, the old bytes (or no file)
    are restored before the exception propagates. Returns (old, new).
    """
    from filelock import FileLock, Timeout

    path = target_of(path)
    check_folder(path)
    lock = FileLock(str(lock_path(path)), timeout=timeout)
    try:
        lock.acquire(poll_interval=0.005)  # the default 50 ms poll idles a busy writer queue
    except Timeout:
        raise WriteError(f"{path}: another hfig writer holds {lock_path(path)}; try again") from None
    except OSError as exc:
        raise WriteError(f"{path}: cannot write in {path.parent}: {exc.strerror}") from None
    try:
        old = read_bytes(path)
        new = change(old)
        write_atomic(path, new)
        try:
            written = path.read_bytes()
            if written != new:
                raise WriteError(f"{path}: the file read back differs from what was written")
            if verify is not None:
                verify(written)
        except BaseException:
            _restore(path, old)
            raise
        return old, new
    finally:
        lock.release()


def _restore(path: Path, old: bytes | None) -> None:
    if old is None:
        _remove(path)
    else:
        write_atomic(path, old)
