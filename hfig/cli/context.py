"""What every command needs before it can answer: the active data set, through the Python API.

The commands are clients of `hfig.api`: `open_data` loads the active data set
(--data, else $HFIG_DATA, else the bundled records) into an `hfig.api.Data`,
reports warnings and skipped records on stderr, and the command asks it the
question its options describe.
"""

from __future__ import annotations

import os
from pathlib import Path

from hfig.api import Data, Selection, data_files, fuzzy_date, read
from hfig.api import resolve_claimant as resolve_claimant  # re-exported: older callers import them here
from hfig.api import resolve_metric as resolve_metric
from hfig.api import resolve_region as resolve_region
from hfig.cli import base
from hfig.cli.base import ExitCode, HfigError, warn
from hfig.cli.feedback import stage
from hfig.core.dataset import DataSet
from hfig.core.dates import FuzzyDate
from hfig.load.paths import DataFile, data_paths
from hfig.load.vocabulary import LoadResult

__all__ = ["Selection", "active_files", "date_option", "load_checked", "load_data", "open_data", "selected"]


def active_files(cli_paths: list[Path] | None, *, empty_ok: bool = False) -> list[DataFile]:
    """--data, else $HFIG_DATA, else the bundled records. A folder with no YAML file in it is a
    usage error (a silent "No claims match" would hide the mistake), unless `empty_ok`: `hfig add`
    may start the first file of a new folder."""
    paths = data_paths(cli_paths)
    if paths is not None and not paths:  # HFIG_DATA='::' names nothing: not "use the bundled data"
        from hfig.load.paths import ENV_VAR

        raise HfigError(f"{ENV_VAR} names no file or folder (paths are separated by "
                        f"{os.pathsep!r}); unset it to use the bundled data", ExitCode.USAGE)
    files = data_files(paths)
    if paths and not empty_ok:
        from hfig.load.paths import without_data

        empty = without_data(paths, files)
        if empty:
            raise HfigError(f"{empty[0]}: a folder with no *.yaml or *.yml file in it (hfig reads those; "
                            "names starting with . or _ are skipped)", ExitCode.USAGE)
    return files


def open_data(cli_paths: list[Path] | None, *, skip_invalid: bool = False) -> Data:
    """The active data set, or an error listing every problem: hfig never answers from bad data
    (with --skip-invalid: from the valid claims, saying on stderr how many records were left out)."""
    import gc

    from hfig.core.collection import collection_paused

    files = active_files(cli_paths)
    stage(None)  # a cold load shows its own progress bar; a warm one is quick
    with collection_paused():
        result = _load(files)
        # The loaded data lives until the process ends: move it out of the collector's way
        # before collecting can resume, or the first collection walks all of it (0.3 s at
        # 100,000 claims); later collections scan only what the command itself creates.
        gc.freeze()
    data = Data.checked(result, skip_invalid=skip_invalid)
    base.kept.append(data)
    stage("working out the answer")
    # Warnings (an echo that differs from its origin, one claimant's part over its whole) are not
    # printed: `hfig validate` lists them and summaries flag what they mean for each row; printing
    # them on every command would repeat the same lines on every run of the bundled data.
    if data.skipped:
        warn(data.skipped.summary())
    return data


def load_checked(cli_paths: list[Path] | None) -> LoadResult:
    return open_data(cli_paths).result



def _load(files: list[DataFile]) -> LoadResult:
    """`load(files)`, through the cache unless --no-cache or HFIG_NO_CACHE (docs/performance.md)."""
    return read(files, cache=base.use_cache)


def date_option(name: str, text: str | None) -> FuzzyDate | None:
    """A date option in any fuzzy form of the record format (2019-05-25, 2019-05, 2019-W21 ...)."""
    return fuzzy_date(name.removeprefix("--").replace("-", "_"), text)


def load_data(cli_paths: list[Path] | None) -> DataSet:
    return open_data(cli_paths).dataset


def selected(
    cli_paths: list[Path] | None,
    *,
    region: str | None = None,
    metric: str | None = None,
    claimant: str | None = None,
    subsets: bool = True,
) -> Selection:
    """Load the data set and select by the shared options (subsets: children killed with civilians)."""
    return open_data(cli_paths).select(region=region, metric=metric, claimant=claimant, subsets=subsets)
