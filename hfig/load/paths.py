"""Where data lives: the bundled data, `--data`, `HFIG_DATA`, and the files in folders."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from msgspec import Struct

ENV_VAR = "HFIG_DATA"
SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest data file hfig reads (32 MiB, about 65,000 claims). PyYAML composes a whole file
in memory, about 60 times its size (a file at the limit peaks near 2 GB: docs/reliability.md);
a larger data set is several files, or a folder of them, which costs no more per claim."""


class FileTooLarge(OSError):
    """A data file above MAX_FILE_BYTES."""


class NotAFile(OSError):
    """A path that is a device, a pipe or a socket: reading it could block or never end."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in a user's words."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading, never blocking: a FIFO or device raises NotAFile."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(errno.EINVAL, f"is {kind_of(mode)}, not a data file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them (else FileTooLarge); never blocks."""
    with open_regular(path) as fh:
        # The size first (a cheap refusal); the read is capped too, for a file that grows meanwhile.
        size = os.fstat(fh.fileno()).st_size
        data = fh.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        raise FileTooLarge(errno.EFBIG, f"is larger than {limit // (1024 * 1024)} MiB; split it into "
                           "several files (a folder of them is read whole)", str(path))
    return data


def bundled_root() -> Path:
    """The data shipped with hfig: inside the package when installed, `data/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data"
    return installed if installed.is_dir() else here.parent / "data"


class DataFile(Struct, frozen=True):
    path: Path
    shown: str  # how messages and the `file` column name it
    text: str | None = None  # content held in memory (hfig add checks a file before writing it)


def reference_files() -> list[DataFile]:
    root = bundled_root()
    return _in_folder(root / "reference", root.parent)


def bundled_claim_files() -> list[DataFile]:
    root = bundled_root()
    return _in_folder(root / "claims", root.parent)


def data_paths(cli_paths: Sequence[Path] | None, environ: dict[str, str] | None = None) -> list[Path] | None:
    """User data paths from --data, else HFIG_DATA; None means the bundled records."""
    if cli_paths:
        return list(cli_paths)
    env = (environ if environ is not None else os.environ).get(ENV_VAR, "").strip()
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p.strip()]
    return None


class MissingPath(Exception):
    """A data path that is not a readable file or folder; the message says what it is instead."""

    def __init__(self, path: Path, why: str = "no such file or folder") -> None:
        super().__init__(f"{path}: {why}")
        self.path = path


def _check_path(path: Path) -> int:
    """The mode of a data path, or MissingPath saying why it cannot be one."""
    if not str(path).strip():
        raise MissingPath(path, "an empty path names no file")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise MissingPath(path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise MissingPath(path, "a loop of symbolic links") from None
        raise MissingPath(path, f"cannot be read: {exc.strerror}") from None
    except ValueError:  # a NUL byte in the name
        raise MissingPath(path, "not a valid file name") from None
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise MissingPath(path, f"is {kind_of(mode)}, not a data file or folder")
    return mode


BUNDLED = "bundled"
"""The data path that names the bundled records: `--data bundled --data mine/` uses both."""


class BundledClash(Exception):
    """`bundled` written where a file or folder of that name exists: which one was meant?"""

    def __init__(self) -> None:
        super().__init__(
            f"{BUNDLED!r} names hfig's bundled records, but there is a file or folder {BUNDLED!r} here "
            f"too: for yours, write its full path ({Path.cwd() / BUNDLED}); for the bundled records, "
            f"theirs ({bundled_root() / 'claims'})")


def is_bundled(path: Path) -> bool:
    """`bundled` (or `./bundled`: a path keeps no './') as a data path."""
    return path == Path(BUNDLED)


def expand(paths: Iterable[Path]) -> list[DataFile]:
    """Files named directly, and every YAML file under folders, in path order; not the reference files.
    The word `bundled` is the bundled records (BundledClash if a file or folder has that name here)."""
    out: list[DataFile] = []
    for path in paths:
        if is_bundled(path):
            if os.path.lexists(path):
                raise BundledClash
            out += bundled_claim_files()
        elif stat.S_ISDIR(_check_path(path)):
            out += _in_folder(path, None)
        else:
            out.append(DataFile(path, str(path)))
    # The reference files are always loaded: named again (`hfig validate data/` in a checkout)
    # they would define every metric and claimant twice.
    seen: set[Path] = {f.path.resolve() for f in reference_files()}
    unique = []
    for f in out:
        key = f.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def without_data(folders: Iterable[Path], files: Sequence[DataFile]) -> list[Path]:
    """The folders among these that hold no YAML file at all (`--data reports/` of .txt or .pdf
    files, a folder not yet filled): read as no claims, they would answer "No claims match"."""
    out = []
    for folder in folders:
        if any(f.path.is_relative_to(folder) for f in files):
            continue
        # Nothing of it in the data set: empty, or only the reference files named again.
        if os.path.isdir(folder) and next(iter(_walk(folder)), None) is None:
            out.append(folder)
    return out


def _walk(folder: Path) -> Iterable[Path]:
    """Every YAML file under `folder`, skipping hidden and `_` names; an unreadable folder is
    MissingPath (Path.rglob skips it silently, and the data set would just be smaller).
    Symbolic links to folders are not followed (no loops); links to files are."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        raise MissingPath(folder, f"cannot be read: {exc.strerror}") from None
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif path.suffix in SUFFIXES and entry.is_file():
            yield path


def _in_folder(folder: Path, relative_to: Path | None) -> list[DataFile]:
    files = sorted(_walk(folder))
    if relative_to is None:
        return [DataFile(p, str(p)) for p in files]
    return [DataFile(p, p.relative_to(relative_to).as_posix()) for p in files]
