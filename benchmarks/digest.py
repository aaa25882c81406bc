"""Digests of what hfig prints, to show a change to speed left every output byte-identical.

Runs the commands users run (summary, compare, timeline, records, explain) on
the bundled data and on a generated data set, in every output format and, for
the terminal, at several widths, and prints one SHA-256 per output. Save the
digests of the code before a change, then check the code after it:

    python benchmarks/digest.py --save /tmp/before.txt          # with the old code installed
    python benchmarks/digest.py --check /tmp/before.txt         # with the new code installed

`--generated N` sets the size of the generated set (default 10,000 claims; 0 for
none). Commands run through the Python running this script (`python -m hfig`),
from a temporary folder, with stored answers off, so each output is computed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTHS = (60, 80, 100, 140)
QUESTIONS = [
    ["summary"],
    ["summary", "--region", "idlib"],
    ["summary", "--explain", "--region", "idlib"],
    ["compare", "displaced"],
    ["compare", "civilians_killed"],
    ["timeline", "displaced"],
    ["timeline", "displaced", "--region", "idlib", "--by", "scope"],
    ["records", "--region", "idlib"],
    ["explain", "--region", "idlib", "--metric", "displaced"],
]
GENERATED = [
    ["summary"],
    ["compare", "displaced"],
    ["timeline", "people_killed"],
    ["records", "--claimant", "bench-claimant-0001"],
]
FORMATS = (["csv"], ["json"])


def run(args: list[str], data: list[str], width: int, folder: Path) -> tuple[int, bytes]:
    env = {**os.environ, "COLUMNS": str(width), "NO_COLOR": "1", "HFIG_CACHE_DIR": str(folder / "cache")}
    env.pop("HFIG_DATA", None)
    done = subprocess.run([sys.executable, "-m", "hfig", *args, *data, "--no-cache"], capture_output=True,
                          env=env, cwd=folder, check=False)
    return done.returncode, done.stdout + b"\0" + done.stderr


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests(generated: int) -> dict[str, str]:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="hfig-digest-") as tmp:
        folder = Path(tmp)
        sets: list[tuple[str, list[str], list[list[str]]]] = [("bundled", [], QUESTIONS)]
        if generated:
            sys.path.insert(0, str(HERE))
            import generate

            generate.generate(generated, max(1, generated // 1000), folder / "gen", claimants=13)
            # relative: outputs name the files as given, and the folder is a new one each run
            sets.append((f"generated-{generated}", ["--data", "gen"], GENERATED))
        for name, data, questions in sets:
            for question in questions:
                for width in WIDTHS:
                    code, text = run(question, data, width, folder)
                    out[f"{name} {' '.join(question)} @{width}"] = f"{code} {sha(text)}"
                for fmt in FORMATS:
                    code, text = run([*question, "--format", *fmt], data, 100, folder)
                    label = f"{name} {' '.join(question)} --format {' '.join(fmt)}"
                    out[label] = f"{code} {sha(text)}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=10_000, help="claims in the generated set (0: none)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path, help="write the digests to this file")
    group.add_argument("--check", type=Path,
                       help="compare with digests saved earlier; exit 1 on a difference")
    args = parser.parse_args()
    found = digests(args.generated)
    lines = [f"{digest}  {label}" for label, digest in found.items()]
    if args.save:
        args.save.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} outputs digested into {args.save}")
        return
    if args.check:
        saved = {line.split("  ", 1)[1]: line.split("  ", 1)[0]
                 for line in args.check.read_text(encoding="utf-8").splitlines() if line}
        differ = [label for label, digest in found.items() if saved.get(label) != digest]
        missing = [label for label in saved if label not in found]
        for label in differ:
            print(f"differs: {label}")
        for label in missing:
            print(f"not run: {label}")
        print(f"{len(found) - len(differ)} of {len(found)} outputs identical")
        raise SystemExit(1 if differ or missing else 0)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
