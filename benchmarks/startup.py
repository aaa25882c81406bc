"""Start-up time of hfig commands on the bundled data, against the floor the issues set.

The floor is `python -c "import typer, rich.console"`: as quick as a Typer+rich
program can start. Runs each command N times, interleaved with the floor, and
prints medians and ratios. Warm cache (the first run of each command fills it),
in a temporary cache folder. By default a run after the first is a repeated
question, answered from its stored answer; with --new-questions the stored
answers are removed before every run, so each one loads the cached data set
and computes.

    python benchmarks/startup.py [-n 21] ["summary --region idlib" ...]

Run it with the Python of an installed (non-editable) copy: a checkout run
with PYTHONDONTWRITEBYTECODE set compiles hfig from source on every start.
Commands run in a temporary folder, so the installed copy is what is timed
even when this script is started from a checkout.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = [sys.executable, "-c", "import typer, rich.console"]
DEFAULT = ["records --region idlib", "summary --region idlib", "compare displaced", "timeline displaced"]


CACHE = Path(tempfile.mkdtemp(prefix="hfig-startup-cache-"))


def wall(cmd: list[str], forget: bool = False) -> float:
    if forget:
        for answer in CACHE.glob("answer-*"):
            answer.unlink()
    started = time.perf_counter()
    # cwd: `python -m hfig` puts the working folder first on sys.path, so run from a checkout it
    # would time the checkout's hfig (compiled from source here), not the installed one.
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=CACHE,
                   env={**os.environ, "NO_COLOR": "1", "HFIG_CACHE_DIR": str(CACHE)})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=21, help="runs per command (median is reported)")
    parser.add_argument("--new-questions", action="store_true",
                        help="remove stored answers before each run: time loading and computing")
    parser.add_argument("commands", nargs="*", default=DEFAULT)
    args = parser.parse_args()
    print(f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cores; {args.n} runs each, median wall time")
    for command in args.commands:
        cmd = [sys.executable, "-m", "hfig", *command.split()]
        wall(cmd)  # fill the cache
        floor, ours = [], []
        for _ in range(args.n):
            floor.append(wall(FLOOR))
            ours.append(wall(cmd, forget=args.new_questions))
        f, o = statistics.median(floor), statistics.median(ours)
        print(f"hfig {command:<28} {o * 1000:6.1f} ms   floor {f * 1000:6.1f} ms   ratio {o / f:4.2f}")
    shutil.rmtree(CACHE, ignore_errors=True)


if __name__ == "__main__":
    main()
