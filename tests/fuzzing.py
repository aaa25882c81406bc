"""Generators of hostile input, shared by the property tests and the long fuzz run (benchmarks/fuzz.py).

Record files are built from field values chosen among valid ones, the edges of
every rule (docs/reliability.md) and what an attacker or a careless user writes;
command lines from every command with valid, empty, absurd and hostile options.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from hfig.load.vocabulary import LoadResult

NUMBERS = ["100", "200000", "0", "012", "00", "-0", "-5", "03", "1e400", "1e3", "3.5", "1_000", "0x1f", "+5",
           "'100'", '"7"', "1000000000000", "1000000000001", "9007199254740993", "1" * 5001, ".inf", "1,000",
           "12:30", "~", "true", "[1]", "{a: 1}", "several", "hundreds", "1.0", "0.5", "007.5", ".nan"]
QUALIFIERS = [None, "exact", "about", "between", "vague", "more_than", "at_least", "up_to", "bogus",
              "'between'"]
DATES = ["2019-05-01", "~2019-05-23", "2019-W21", "2019-05-late", "2019-05", "2019", "'2019-05-02'",
         "~9999-12-31", "9999-W52", "~0001-01-01", "0001-01-01", "1900-01-01", "~1900-01-01", "2100-12-31",
         "2101-01-01", "1899-12-31", "2019-02-30", "2019-W54", "2019-13", "٢٠١٩-05-01", "2019-05-07T00:00",
         "~", "20190501", '"2019-05-01"', "2100-W52"]
IDS = ["a", "b", "x-1", "x.y:z_w", "a" * 100, "a" * 101, "'bad id'", "012", "'012'", '"a\\r"', "-lead"]
TEXTS = ["plain words", "'quoted: text'", '"x\\r=1+1"', '"=1+1"', '" =SUM(A1)"', '"\\u3000＝1"',
         '"\\u200b=1"', '"\\x00nul"', '"tab\\there"', '"line\\nbreak"', '"\\u2028sep"', "'-5 degrees'",
         "'on 05 May'", "x" * 600, '"' + "y" * 20001 + '"', "'@cmd'", "'+1'", "''", "~", "123", "true"]
AREAS = ["Idlib", "Edlib", "SY07", "Nowhere", "'Idlib'", "{name: Somewhere, pcodes: [SY07]}",
         "{pcodes: SY0703}", '{name: "a\\rb", pcodes: [SY07]}', "{name: X}", "[Idlib]", "''"]
PERIODS = [None, "{start: 2019-04-late}", "{start: 0001-01-01}", "{start: 2019-05-01, end: 2019-04-01}",
           "{cumulative: false}", "{start: 2019-05-01, end: 9999-12-31}", "{as_written: '\\x07'}",
           "{cumulative: True}", "{start: 1900-01-01, end: 2100-12-31}"]
CREDIBILITY = [None, "3", "03", "7", "3.0", "0", "true", "1", "6"]
HOUSEHOLDS = [None, "5", "1e400", "05", "-5", "5.5", "1000000000001"]
BOOLEANS = [None, "true", "True", "yes", "false", "1"]
INFERRED = [None, "{as_of: said on Thursday}", "{bogus: x}", "{quote: '\\x1b[31m'}", "{as_of: ~}"]
METRICS = ["displaced", "people_killed", "civilians_killed", "'displaced'", "displacd"]
CLAIMANTS = ["un", "uossm", "who", "nobody"]
CSV_TEXT = st.text(alphabet=st.sampled_from([*"ab =+-@\t\r\n,;\"'", "\u3000", "\uff1d", "\u200b", "\u00a0",
                                             "\ufeff", "\u2060"]), max_size=12)


GOOD: dict[str, list[str | None]] = {
    "id": ["a", "b", "x-1", "x.y:z_w", "a" * 100], "metric": ["displaced", "people_killed"],
    "value": ["100", "200000", "0", "3.5", "1000000000000", "1.0"], "qualifier": [None, "exact", "about",
                                                                                   "more_than"],
    "value_max": [None], "claimant": ["un", "uossm", "who"], "area": ["Idlib", "SY07", "{pcodes: SY0703}"],
    "as_of": ["2019-05-01", "~2019-05-23", "2019-W21", "2019-05-late", "2019-05", "1900-01-01", "2100-12-31"],
    "published": [None, "2019-06"], "period": [None, "{start: 2019-04-late}", "{cumulative: false}"],
    "quote": [None, "plain words", "'quoted: text'", '"tab\\there"'], "notes": [None, '"=1+1"'],
    "publisher": [None, "Test report"], "credibility": [None, "1", "6"], "household_size": [None],
    "unit": [None], "disputed": [None, "true", "false"], "inferred": [None, "{as_of: said on Thursday}"],
}
BAD: dict[str, list[str | None]] = {
    "id": IDS, "metric": METRICS, "value": NUMBERS, "qualifier": QUALIFIERS, "value_max": NUMBERS,
    "claimant": CLAIMANTS, "area": AREAS, "as_of": DATES, "published": DATES, "period": PERIODS,
    "quote": TEXTS, "notes": TEXTS, "publisher": TEXTS, "credibility": CREDIBILITY,
    "household_size": HOUSEHOLDS, "unit": [None, "households", "'households'"], "disputed": BOOLEANS,
    "inferred": INFERRED,
}


@st.composite
def claim_text(draw: Any, index: int, token: int = 0) -> str:
    """One claim entry, two-space indented, fields in a generated order.

    Each field is valid most of the time and drawn from the edges and hostile values
    otherwise, so that files are a mix of clean ones and ones with one or two faults.
    """
    # Hypothesis leans to the first choice and to small numbers: "valid" comes first in every
    # choice below, so that the odds of a fault are the ones written (1 in 20, 1 in 7, 1 in 2).
    hostile = draw(st.sampled_from([[False], [False] * 19 + [True], [False] * 6 + [True], [False, True]]))
    fields: dict[str, str | None] = {}
    for key in GOOD:
        bad = draw(st.sampled_from(hostile))
        fields[key] = draw(st.sampled_from(BAD[key] if bad else GOOD[key]))
    if fields["id"] is not None and draw(st.sampled_from([True, True, True, False])):  # else: a duplicate?
        fields["id"] += f"-{token}-{index}"
    if fields["qualifier"] == "between" and draw(st.booleans()):
        fields["value_max"] = draw(st.sampled_from(["300000", "1000000000000", "50"]))
    if fields["qualifier"] == "vague" and draw(st.booleans()):
        fields["value"] = draw(st.sampled_from(["dozens", "hundreds_of_thousands", "Thousands"]))
    if draw(st.sampled_from([False] * 19 + [True])):
        fields.pop(draw(st.sampled_from(sorted(fields))))  # a required field forgotten, now and then
    keys = [k for k, v in fields.items() if v is not None]
    if draw(st.booleans()):
        keys = draw(st.permutations(keys))
    lines = [f"{'- ' if i == 0 else '  '}{key}: {fields[key]}" for i, key in enumerate(keys)]
    return "".join(f"  {line}\n" for line in lines)


@st.composite
def record_file(draw: Any) -> str:
    """A record file of one to three claims, with an odd header now and then."""
    head = draw(st.sampled_from(["hfig: 1\nclaims:\n", "claims:\n", "hfig: 1\nclaims:\n",
                                 "hfig: 2\nclaims:\n", "# a comment\nhfig: 1\n\nclaims:\n"]))
    count = draw(st.integers(1, 3))
    token = draw(st.integers(0, 10**6))
    return head + "".join(draw(claim_text(i, token)) for i in range(count))


def snapshot(result: LoadResult) -> dict[str, object]:
    """Everything a command can see of a load, with positions."""
    return {
        "claims": result.data.claims,
        "sources": [c.source for c in result.data.claims],
        "problems": [(str(p), p.severity) for p in result.problems],
        "refs": [(k, dict(v)) for k, v in result.refs.items()],
        "files": result.files,
    }


def ways_to_load(path: Path) -> list[Callable[[], dict[str, object]]]:
    """A file or folder loaded as validate does, by the fast path, cold through the cache, then warm."""
    from hfig.cache import load_cached
    from hfig.cache.fast import fast_load
    from hfig.load.loader import load
    from hfig.load.paths import DataFile, expand

    files = expand([path]) if path.is_dir() else [DataFile(path, path.name)]
    return [lambda: snapshot(load(files)), lambda: snapshot(fast_load(files)),
            lambda: snapshot(load_cached(files)), lambda: snapshot(load_cached(files))]


def load_every_way(path: Path) -> list[dict[str, object]]:
    return [way() for way in ways_to_load(path)]


COMMANDS = ["summary", "compare", "explain", "timeline", "records", "metrics", "claimants", "validate",
            "areas", "add", "import", "schema", "extract", "cache", "report"]
OPTION_VALUES = ["", "::", " ", "displaced", "idlib", "Idlib", "un", "2019-05", "~9999-12-31", "9999-W52",
                 "0001-01-01", "1900-01-01", "2100-12-31", "day", "week", "month", "csv", "tsv", "json",
                 "ndjson", "table", "-", "/dev/null", "/dev/zero", "\x00", "x" * 5000, "é", "=1+1", "-1",
                 "1e400", "claimant", "scope", "conservative", "nan"]
OPTIONS = ["--region", "--metric", "--claimant", "--since", "--until", "--as-of", "--every", "--by",
           "--format", "--best", "--published", "--data", "--value", "--as-of", "--qualifier", "--id",
           "--into", "--map", "--hxl", "--no-cache", "--include-parties", "--dry-run", "--plot",
           "-f", "-r", "--help", "-o", "--title"]


@st.composite
def command_line(draw: Any) -> list[str]:
    """A command and a handful of options, values drawn from the edges."""
    words = [draw(st.sampled_from(COMMANDS))]
    if draw(st.booleans()):
        words.append(draw(st.sampled_from(OPTION_VALUES)))
    for _ in range(draw(st.integers(0, 4))):
        words.append(draw(st.sampled_from(OPTIONS)))
        if draw(st.integers(0, 4)):
            words.append(draw(st.sampled_from(OPTION_VALUES)))
    return words


# --- the harness: run generated input through every path, count what went wrong ----------------

HANG_SECONDS = 10


class Hung(BaseException):
    """Raised by the alarm: not an Exception (nor an OSError), so nothing in hfig can swallow it."""


class Tally:
    """What a fuzz run found: counts, and the first few examples of each failure."""

    def __init__(self) -> None:
        self.runs = 0
        self.clean = 0
        self.slowest = 0.0
        self.failures: dict[str, list[str]] = {"traceback": [], "hang": [], "disagreement": []}

    def fail(self, kind: str, example: str) -> None:
        self.failures[kind].append(example[:2000])

    def counts(self) -> dict[str, int]:
        return {"runs": self.runs, "clean": self.clean,
                **{kind: len(found) for kind, found in self.failures.items()}}


def _timed(tally: Tally, what: str, call: Any) -> Any:
    """call(), failing the run as a hang past HANG_SECONDS or a traceback on any exception."""
    import signal
    import time
    import traceback

    def hung(*_: Any) -> None:
        raise Hung

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    start = time.perf_counter()
    try:
        return call()
    except Hung:
        tally.fail("hang", what)
    except Exception:
        tally.fail("traceback", f"{what}\n{traceback.format_exc()}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        tally.slowest = max(tally.slowest, time.perf_counter() - start)
    return None


def fuzz_records(count: int, folder: Path, tally: Tally | None = None, seed: int = 0,
                 per_set: int = 1) -> Tally:
    """Generate `count` record files, `per_set` to a data set (a folder); each data set must load
    alike by validate, the fast path, cold and warm. Loading several files together costs the
    reference data once for all of them, and tries what files do to each other too."""
    from hypothesis import HealthCheck, given, settings

    tally = tally or Tally()
    pending: list[str] = []

    def check_set() -> None:
        import re

        # Ids the generator made unique within a file (`-token-index`) get the file's number
        # too, so that the files of one set do not all clash (plain ids still may, on purpose).
        texts = [re.sub(r"^( *-? *id: \S*?)-(\d+-\d+)$", rf"\1-{n}-\2", text, flags=re.M)
                 for n, text in enumerate(pending)]
        pending.clear()
        data_set = folder / f"set{tally.runs:06d}"
        data_set.mkdir()
        for i, text in enumerate(texts):
            (data_set / f"f{i:03d}.yaml").write_text(text, encoding="utf-8")
        tally.runs += len(texts)
        results = []
        for way in ways_to_load(data_set):  # each load of the set has its own 10 s, as a command would
            result = _timed(tally, "\n---\n".join(texts), way)
            if result is None:
                return
            results.append(result)
        if any(r != results[0] for r in results[1:]):
            tally.fail("disagreement", "\n---\n".join(texts))
            return
        problems = results[0]["problems"]
        assert isinstance(problems, list)
        faulty = {text.split(":", 1)[0] for text, _ in problems}
        tally.clean += sum(1 for i in range(len(texts)) if str(data_set / f"f{i:03d}.yaml") not in faulty)

    @settings(max_examples=count, deadline=None, database=None, derandomize=seed == 0,
              suppress_health_check=list(HealthCheck))
    @given(text=record_file())
    def one(text: str) -> None:
        pending.append(text)
        if len(pending) >= per_set:
            check_set()

    one()
    if pending:
        check_set()
    return tally


def run_cli(args: list[str], no_cache: bool = False) -> tuple[int, str, str]:
    """hfig's real entry point in this process, with empty stdin: (exit code, stdout, stderr)."""
    import io
    import os
    import sys
    from contextlib import redirect_stderr, redirect_stdout

    from hfig.cli import register
    from hfig.cli.base import main

    register()
    out, err = io.StringIO(), io.StringIO()
    before = os.environ.get("HFIG_NO_CACHE")
    os.environ["HFIG_NO_CACHE"] = "1" if no_cache else ""
    stdin, sys.stdin = sys.stdin, io.StringIO("")
    code = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = stdin
        if before is None:
            os.environ.pop("HFIG_NO_CACHE", None)
        else:
            os.environ["HFIG_NO_CACHE"] = before
    return code, out.getvalue(), err.getvalue()


READ_ONLY = frozenset(("summary", "compare", "explain", "timeline", "records", "metrics", "claimants",
                       "validate", "schema", "report"))


def fuzz_commands(count: int, data_files: list[str], tally: Tally | None = None, seed: int = 0) -> Tally:
    """Generate `count` command lines (some on generated data files); run each in this process.

    No traceback and no hang for any; a read-only command must answer the same cold through
    the cache, warm, and with the cache off. Run from a scratch folder: `add` and `--plot`
    write there.
    """
    from hypothesis import HealthCheck, given, settings

    tally = tally or Tally()
    values = st.sampled_from(OPTION_VALUES + data_files) if data_files else st.sampled_from(OPTION_VALUES)

    @st.composite
    def line(draw: Any) -> list[str]:
        words = draw(command_line())
        if data_files and draw(st.booleans()):
            words += ["--data", draw(values)]
        return words

    @settings(max_examples=count, deadline=None, database=None, derandomize=seed == 0,
              suppress_health_check=list(HealthCheck))
    @given(args=line())
    def one(args: list[str]) -> None:
        tally.runs += 1
        shown = " ".join(repr(a) if not a or " " in a else a[:60] for a in args)
        answers = []
        ways = (False, False, True) if args[0] in READ_ONLY and "--plot" not in args else (False,)
        for no_cache in ways:
            answer = _timed(tally, shown, lambda n=no_cache: run_cli(args, n))
            if answer is None:
                return
            answers.append(answer)
        if any(a != answers[0] for a in answers[1:]):
            tally.fail("disagreement", f"{shown}\n{answers}")
        elif answers[0][0] == 0:
            tally.clean += 1

    one()
    return tally
