"""Generators of hostile input, shared by the property tests and the long fuzz run (benchmarks/fuzz.py).

Record files are built from field values chosen among valid ones, the edges of
every rule (docs/reliability.md) and what an attacker or a careless user writes;
command lines from every command with valid, empty, absurd and hostile options.
"""

from __future__ import annotations

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
def claim_text(draw: Any, index: int) -> str:
    """One claim entry, two-space indented, fields in a generated order.

    Each field is valid most of the time and drawn from the edges and hostile values
    otherwise, so that files are a mix of clean ones and ones with one or two faults.
    """
    hostile = draw(st.sampled_from([0.0, 0.05, 0.15, 0.5]))
    fields: dict[str, str | None] = {}
    for key in GOOD:
        bad = draw(st.floats(0, 1)) < hostile
        fields[key] = draw(st.sampled_from(BAD[key] if bad else GOOD[key]))
    if fields["id"] is not None and draw(st.booleans()):
        fields["id"] += f"-{index}"
    if fields["qualifier"] == "between" and draw(st.booleans()):
        fields["value_max"] = draw(st.sampled_from(["300000", "1000000000000", "50"]))
    if fields["qualifier"] == "vague" and draw(st.booleans()):
        fields["value"] = draw(st.sampled_from(["dozens", "hundreds_of_thousands", "Thousands"]))
    if draw(st.integers(0, 19)) == 0:
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
    return head + "".join(draw(claim_text(i)) for i in range(count))


def snapshot(result: LoadResult) -> dict[str, object]:
    """Everything a command can see of a load, with positions."""
    return {
        "claims": result.data.claims,
        "sources": [c.source for c in result.data.claims],
        "problems": [(str(p), p.severity) for p in result.problems],
        "refs": [(k, dict(v)) for k, v in result.refs.items()],
        "files": result.files,
    }


def load_every_way(path: Path) -> list[dict[str, object]]:
    """The file loaded as validate does, by the fast path, cold through the cache, then warm."""
    from hfig.cache import load_cached
    from hfig.cache.fast import fast_load
    from hfig.load.loader import load
    from hfig.load.paths import DataFile

    files = [DataFile(path, path.name)]
    return [snapshot(load(files)), snapshot(fast_load(files)), snapshot(load_cached(files)),
            snapshot(load_cached(files))]


COMMANDS = ["summary", "compare", "explain", "timeline", "records", "metrics", "claimants", "validate",
            "add", "import", "schema", "extract", "cache"]
OPTION_VALUES = ["", "::", " ", "displaced", "idlib", "Idlib", "un", "2019-05", "~9999-12-31", "9999-W52",
                 "0001-01-01", "1900-01-01", "2100-12-31", "day", "week", "month", "csv", "tsv", "json",
                 "ndjson", "table", "-", "/dev/null", "/dev/zero", "\x00", "x" * 5000, "é", "=1+1", "-1",
                 "1e400", "claimant", "scope", "conservative", "nan"]
OPTIONS = ["--region", "--metric", "--claimant", "--since", "--until", "--as-of", "--every", "--by",
           "--format", "--best", "--published", "--data", "--value", "--as-of", "--qualifier", "--id",
           "--into", "--map", "--hxl", "--no-cache", "--include-parties", "--dry-run", "--plot",
           "-f", "-r", "--help"]


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
