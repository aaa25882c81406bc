"""Where data lives: the bundled data, `--data`, `HFIG_DATA`, and the files in folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "HFIG_DATA"
SUFFIXES = (".yaml", ".yml")


def bundled_root() -> Path:
    """The data shipped with hfig: inside the package when installed, `data/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data"
    return installed if installed.is_dir() else here.parent / "data"


@dataclass(frozen=True)
class DataFile:
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
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no such file or folder")
        self.path = path


def expand(paths: Iterable[Path]) -> list[DataFile]:
    """Files named directly, and every YAML file under folders, in path order; not the reference files."""
    out: list[DataFile] = []
    for path in paths:
        if path.is_dir():
            out += _in_folder(path, None)
        elif path.is_file():
            out.append(DataFile(path, str(path)))
        else:
            raise MissingPath(path)
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


def _in_folder(folder: Path, relative_to: Path | None) -> list[DataFile]:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in SUFFIXES
        and p.is_file()
        and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts)
    )
    if relative_to is None:
        return [DataFile(p, str(p)) for p in files]
    return [DataFile(p, p.relative_to(relative_to).as_posix()) for p in files]
