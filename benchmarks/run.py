"""Time hfig on a data set, cold and warm, beside a bare PyYAML parse of the same files.

    python benchmarks/run.py /tmp/hfig-bench-100k            # an existing folder
    python benchmarks/run.py --generate 100000 --files 100   # generate into /tmp first

For each command that exists (summary, compare, timeline, records) it runs
`hfig <command> --data DIR --format csv` in a fresh process: cold (empty
cache; a large data set's entry is then written by a detached child, which
the script waits for), warm (the data set cached, the question new: stored answers are
removed before each of these runs), repeat (the same question again: its
stored answer is replayed), and --no-cache (the PyYAML loader, only with
--no-cache-runs). The baseline is `yaml.load(f,
Loader=yaml.CSafeLoader)` over the same files, default settings, in a fresh
process, in the same run. Peak memory is the child's ru_maxrss. Results go to
stdout as a table, and as JSON with --json. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMANDS = {
    "summary": [],
    "compare": ["displaced"],
    "timeline": ["displaced"],
    "records": [],
}
LOAD = """
import sys
from pathlib import Path
from hfig.cli.context import load_checked
load_checked([Path(sys.argv[1])])
"""
BASELINE = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
"""


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, this child's own peak RSS in MB (wait4), exit code."""
    start = time.perf_counter()
    # cwd: `python -m hfig` puts the working folder first on sys.path; from a checkout it would
    # run the checkout's hfig rather than the one installed for sys.executable.
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=tempfile.gettempdir())
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return seconds, usage.ru_maxrss / 1024, code


def settled(cache: Path, seconds: float = 300.0) -> None:
    """Wait until the data-set entry is in place (written in the background for large data sets)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if list(cache.glob("data-*.json")) and not list(cache.glob(".tmp-*")):
            return
        time.sleep(0.05)


def new_question(argv: list[str], env: dict[str, str], cache: Path) -> tuple[float, float, int]:
    """A warm run that must compute: the data set is cached, no answer is stored."""
    for old in cache.glob("answer-*"):
        old.unlink()
    return run_child(argv, env)


def available_commands(env: dict[str, str]) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "hfig", "--help"], env=env, capture_output=True, text=True,
                         cwd=tempfile.gettempdir())
    return [c for c in COMMANDS if f" {c} " in out.stdout]


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    return {"cpus": str(os.cpu_count()), "cpu": cpu, "memory": mem,
            "python": platform.python_version(), "platform": platform.platform()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, help="a folder of YAML data files")
    parser.add_argument("--generate", type=int, metavar="N", help="generate N claims first (into /tmp)")
    parser.add_argument("--files", type=int, default=100, help="with --generate: how many files")
    parser.add_argument("--commands", nargs="*",
                        help="which commands (default: all that exist); the load alone is always timed")
    parser.add_argument("--no-cache-runs", action="store_true", help="also time --no-cache (slow)")
    parser.add_argument("--warm-runs", type=int, default=3, help="warm runs per command (best is kept)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    if args.generate:
        out = Path(tempfile.mkdtemp(prefix=f"hfig-bench-{args.generate}-"))
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.generate),
                        "--files", str(args.files), "--out", str(out)], check=True)
        data = out
    elif args.data:
        data = args.data.resolve()  # the children run in another folder
    else:
        parser.error("give a data folder or --generate N")
    files = sorted(str(p) for p in data.rglob("*.yaml"))
    size = sum(Path(f).stat().st_size for f in files)
    cache = Path(tempfile.mkdtemp(prefix="hfig-bench-cache-"))
    env = {**os.environ, "HFIG_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("HFIG_NO_CACHE", None)
    results: dict[str, object] = {"machine": machine(), "data": str(data), "files": len(files),
                                  "bytes": size}
    print(f"data: {data} ({len(files)} files, {size / 1e6:.1f} MB)")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in machine().items()))
    base_s, base_mb, _ = run_child([sys.executable, "-c", BASELINE, *files], env)
    results["baseline"] = {"seconds": base_s, "peak_mb": base_mb}
    print(f"{'baseline yaml.load CSafeLoader':<34} {base_s:8.2f} s {base_mb:8.0f} MB")
    rows = []
    for command in ["load", *(args.commands if args.commands is not None else available_commands(env))]:
        if command == "load":  # the data set only: read, validated, indexed, no command run
            argv = [sys.executable, "-c", LOAD, str(data)]
        else:
            argv = [sys.executable, "-m", "hfig", command, *COMMANDS.get(command, []), "--data", str(data),
                    "--format", "csv"]
        for old in cache.glob("*"):
            old.unlink()
        cold = run_child(argv, env)
        settled(cache)  # a large entry is written by a detached child after the cold run's answer
        warm = min((new_question(argv, env, cache) for _ in range(max(1, args.warm_runs))),
                   key=lambda r: r[0])
        repeat = min((run_child(argv, env) for _ in range(max(1, args.warm_runs))), key=lambda r: r[0])
        row: dict[str, object] = {"command": command, "cold_s": cold[0], "cold_mb": cold[1],
                                  "warm_s": warm[0], "warm_mb": warm[1], "exit": cold[2],
                                  "repeat_s": repeat[0], "repeat_mb": repeat[1],
                                  "cold_ratio": cold[0] / base_s}
        if args.no_cache_runs and command != "load":
            plain = run_child([*argv, "--no-cache"], env)
            row.update(no_cache_s=plain[0], no_cache_mb=plain[1])
        rows.append(row)
        extra = f"  --no-cache {row['no_cache_s']:.2f} s" if "no_cache_s" in row else ""
        label = "load only (load_checked)" if command == "load" else f"hfig {command}"
        print(f"{label:<34} cold {cold[0]:6.2f} s ({cold[0] / base_s:4.2f}x baseline) "
              f"{cold[1]:6.0f} MB | warm {warm[0]:5.2f} s {warm[1]:6.0f} MB | repeat {repeat[0]:5.2f} s "
              f"{repeat[1]:5.0f} MB | exit {cold[2]}{extra}")
    results["commands"] = rows
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for old in cache.glob("*"):
        old.unlink()
    cache.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
