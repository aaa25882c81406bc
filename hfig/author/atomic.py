"""Replace a file so that readers and a crash only ever see the old bytes or the new ones.

A write goes to a temporary file in the same folder (same file system, so the
rename is atomic), is flushed and fsynced, renamed over the target, and the
folder is fsynced so that the rename itself survives a power cut. Every
read-modify-write runs under a lock file beside the target, so two hfig writers
never lose each other's claims. Temporary and lock files start with `.`, which
the loader skips, so a write killed half-way never shows up as data.

Only regular files are written: a device, FIFO or socket at the target is
refused (replacing /dev/null with a file, or blocking on a FIFO, are what a
careless `hfig add /dev/null` would otherwise do). The new file keeps the old
one's mode, owner and group where the platform allows; what could not be kept,
and a hard link the rename breaks, is said (`notes`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
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
    """A missing folder, a 'folder' that is a file, or a target that is not a regular file
    (a folder, device, FIFO or socket) is an error before anything is tried."""
    from hfig.load.paths import kind_of

    folder = path.parent
    if not folder.exists():
        raise WriteError(f"{path}: the folder {folder} does not exist (hfig does not create folders)")
    if not folder.is_dir():
        raise WriteError(f"{path}: {folder} is not a folder")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"{path}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise WriteError(f"{path}: is {kind_of(mode)}, not a data file; hfig writes only regular files")


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.hfig-lock"


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist yet (never blocks on a FIFO)."""
    from hfig.load.paths import read_regular

    try:
        return read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(f"{path}: cannot read: {exc.strerror}") from None


def write_atomic(path: Path, data: bytes, notes: list[str] | None = None) -> None:
    """Replace `path` with `data`: afterwards the file holds the old bytes or all of the new.

    What could not be kept of the old file (its owner or group; a hard link) is added to `notes`.
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        old = os.stat(path)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise WriteError(f"{path}: {exc.strerror}") from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        from hfig.load.paths import kind_of

        raise WriteError(f"{path}: is {kind_of(old.st_mode)}, not a data file; hfig writes only "
                         "regular files")
    mode = None if old is None else old.st_mode & 0o7777
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if old is not None:
            _keep_owner(tmp, path, old, notes if notes is not None else [])
            os.chmod(tmp, old.st_mode & 0o7777)  # O_CREAT's mode is cut by the umask; keep the file's own
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(folder)


def _keep_owner(tmp: Path, path: Path, old: os.stat_result, notes: list[str]) -> None:
    """Give the new file the old one's owner and group (root can; others keep what they may)."""
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid) and hasattr(os, "chown"):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:
            with contextlib.suppress(OSError):  # a member of the old group may still give it back
                os.chown(tmp, -1, old.st_gid)
            new = os.stat(tmp)
            lost = [what for what, a, b in (("owner", new.st_uid, old.st_uid),
                                            ("group", new.st_gid, old.st_gid)) if a != b]
            if lost:
                notes.append(f"{path}: the rewritten file could not keep its {' and '.join(lost)} "
                             f"(uid {old.st_uid}, gid {old.st_gid}): it now belongs to uid {new.st_uid}, "
                             f"gid {new.st_gid}")
    if old.st_nlink > 1:
        notes.append(f"{path} had {old.st_nlink - 1} other hard link(s): hfig replaces a file whole "
                     "(so a crash never leaves half a file), and those other names keep the old content")


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
    notes: list[str] | None = None,
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
        write_atomic(path, new, notes)
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
