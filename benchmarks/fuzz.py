"""The long fuzz run: generated record files and command lines through every path (issue 18).

    python benchmarks/fuzz.py                    # 10,000 files, 1,000 command lines
    python benchmarks/fuzz.py --files 500 --commands 100 --random

Record files are loaded 25 to a data set (a folder), as `hfig validate` does, by
the fast path, cold through the cache and warm from it: every visible part of the
four results must be equal.
Each command line runs through hfig's real entry point in this process (with an
empty stdin, from a scratch folder, with a scratch cache); a read-only command runs
cold, warm and with the cache off, and must answer the same. Any exception that
escapes hfig is a traceback; any run past 10 s is a hang. The counts are printed,
with the first examples of each failure; the exit status is 1 if any was found.
The generators are in tests/fuzzing.py; tests/test_fuzz_brief.py runs a short
version in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="record files to generate")
    parser.add_argument("--commands", type=int, default=1_000, help="command lines to generate")
    parser.add_argument("--per-set", type=int, default=25,
                        help="record files loaded together, as one data set")
    parser.add_argument("--random", action="store_true", help="a new random seed (default: the same run)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.fuzzing import Tally, fuzz_commands, fuzz_records

    seed = int(time.time()) if args.random else 0
    with tempfile.TemporaryDirectory(prefix="hfig-fuzz-") as scratch:
        work = Path(scratch)
        os.environ["HFIG_CACHE_DIR"] = str(work / "cache")
        os.environ.pop("HFIG_DATA", None)
        os.environ["NO_COLOR"] = "1"
        os.chdir(work)
        (work / "records").mkdir()
        report: dict[str, object] = {}
        start = time.perf_counter()
        records = fuzz_records(args.files, work / "records", Tally(), seed, args.per_set) if args.files \
            else Tally()
        report["record_files"] = {**records.counts(), "slowest_s": round(records.slowest, 2),
                                  "seconds": round(time.perf_counter() - start, 1)}
        start = time.perf_counter()
        if not args.files:  # the command lines still need some generated data sets to read
            fuzz_records(100, work / "records", Tally(), seed, 25)
        data = [str(p) for p in sorted((work / "records").glob("set*"))[:40]]
        data += [str(p) for p in sorted((work / "records").glob("set*/*.yaml"))[:160]]
        commands = fuzz_commands(args.commands, data, Tally(), seed) if args.commands else Tally()
        report["command_lines"] = {**commands.counts(), "slowest_s": round(commands.slowest, 2),
                                   "seconds": round(time.perf_counter() - start, 1)}
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        found = False
        for name, tally in (("record files", records), ("command lines", commands)):
            for kind, examples in tally.failures.items():
                for example in examples[:3]:
                    found = True
                    sys.stdout.write(f"\n--- {name}: {kind}\n{example}\n")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
