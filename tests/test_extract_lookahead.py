"""The look-aheads that make the extractor's scans fast change no match.

Several patterns start with a test of the first character a match can have
(`text.starting_with`, or a look-behind for the character before a speaker).
A word added to such a pattern with a new first letter would be missed
silently; these tests compare each pattern with the same pattern without its
look-ahead on every self-written passage, in three casings, and on the
vocabularies the patterns are built from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hfig.extract import attribution, numbers, periods
from hfig.extract.text import fold

EVAL = Path(__file__).parent / "extract_eval"
_LOOK_AHEAD = re.compile(r"^\(\?=(?:\[[^\]]+\]|\\d)\)")

GUARDED = [
    (numbers, "_WORD_NUMBER"),
    (numbers, "_DIGITS"),
    (numbers, "_PHONE"),
    (numbers, "_TIME"),
    (numbers, "_NUMERIC_DATE"),
    (numbers, "_VAGUE"),
    (periods, "_ANY_DATE_WORD"),
    (periods, "_LAST_N"),
    (periods, "_IN_MONTH"),
    (periods, "_IN_PART_MONTH"),
    (periods, "_IN_YEAR"),
    (periods, "_ON_DAY"),
    (periods, "_RELATIVE"),
    (periods, "_CUMULATIVE"),
    (periods, "_PART_OF_YEAR"),
    (attribution, "REJECT"),
    (attribution, "_ANAPHOR_SAY"),
    (attribution, "_UNKNOWN_SAY"),
    (attribution, "_APPOSED_SAY"),
]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    if source.startswith(attribution._SPEAKER_MAY_START):
        source = source[len(attribution._SPEAKER_MAY_START) :]
    else:
        assert _LOOK_AHEAD.match(source), f"no look-ahead to test in {source[:40]}"
        source = _LOOK_AHEAD.sub("", source)
    return re.compile(source, pattern.flags)


def _texts() -> list[str]:
    out = []
    for path in sorted(EVAL.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.extend(fold(p["text"]) for p in data.get("passages", []))
    vocabulary = [
        *numbers.UNITS,
        *numbers.TENS,
        *numbers.SCALES,
        *(w for w, _ in numbers.VAGUE_WORDS),
        *numbers.MONTHS,
        *periods.WEEKDAYS,
        *attribution.SAY_VERBS.split("|"),
        "since",
        "past",
        "last",
        "previous",
        "this week",
        "so far",
        "in total",
        "to date",
        "cumulative",
        # and the words the patterns spell out ("untrue", "overnight")
        *{w for module, name in GUARDED for w in re.findall(r"[a-z]{2,}", getattr(module, name).pattern)},
    ]
    # every word on its own, after the openings the patterns start with, and in a dated, counted phrase
    out.append(" ".join(sorted(vocabulary)))
    for opening in ("in", "on", "the", ","):
        phrases = (f"{opening} {w} 12 May 2020, 3,000 people said 10:30 pm." for w in sorted(vocabulary))
        out.append(" ".join(phrases))
    return [v for t in out for v in (t, t.upper(), t.title())]


TEXTS = _texts()


@pytest.mark.parametrize(("module", "name"), GUARDED, ids=[name for _, name in GUARDED])
def test_look_ahead_changes_no_match(module: object, name: str) -> None:
    fast = getattr(module, name)
    slow = _unguarded(fast)
    for text in TEXTS:
        got = [(m.span(), m.groups()) for m in fast.finditer(text)]
        want = [(m.span(), m.groups()) for m in slow.finditer(text)]
        assert got == want, f"{name} on {text[:80]!r}"
