"""Where each missed figure of the real evaluation set is lost (issue 14, round 9).

    python benchmarks/extract_losses.py                 # the nine open parts: the step table
    python benchmarks/extract_losses.py --split final3 -v   # one part, every missed figure with its step

A figure is *missed* when no draft lands on any of its mentions (breakdown parts apart), as
`benchmarks/extract_real.py -v` lists them. Each mention is followed through the pipeline of
`hfig.extract` (hooks on its functions, no change to them) and the furthest step any mention
reached names where the figure was lost:

1. `not a number`: `find_numbers` found nothing on the labelled string;
2. `number skipped`: found, and set aside as no figure (a date, an age, a year, ...);
3. `no metric`: `read_metrics` gave no reading, by the line of `_read_one` (or `_finish`) that
   returned nothing; `frame check` when `_not_a_toll` dropped a reading;
4. `drafted, then removed`: a draft was made and a later step (a duplicate, a headline repeat)
   removed it;
5. `draft on another label`: a draft overlaps the mention but the scorer gave it to another one.

Like `extract_real.py`, it refuses to list the held-out part.
"""

from __future__ import annotations

import argparse
import importlib
import linecache
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import extract_real as er  # noqa: E402

import hfig.extract.metrics as mx  # noqa: E402

ex = importlib.import_module("hfig.extract.extract")  # (the package's `extract` is the function)

STEPS = (
    "not a number",
    "number skipped",
    "no metric",
    "frame check",
    "drafted, then removed",
    "draft on another label",
    "drafted",  # (a draft on the mention: not missed)
)


class Trace:
    """What the pipeline did to every number of one text, keyed by the number's span."""

    def __init__(self) -> None:
        self.numbers: list[Any] = []
        self.readings: dict[tuple[int, int], Any] = {}
        self.why_none: dict[tuple[int, int], str] = {}
        self.frame: dict[tuple[int, int], str] = {}
        self.made: list[Any] = []  # drafts before deduplication
        self.finish: dict[tuple[int, int], str] = {}
        self.sentence: dict[tuple[int, int], tuple[int, int]] = {}
        self.folded = ""

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


TRACE = Trace()
_READ_ONE = mx._read_one.__code__
_FINISH = mx._finish.__code__


def _profile(frame: FrameType, event: str, arg: Any) -> None:
    if event != "return" or arg is not None:
        return
    code = frame.f_code
    if code is _READ_ONE or code is _FINISH:
        n = frame.f_locals.get("n")
        if n is not None:
            key = (n.start, n.end)
            where = f"{code.co_name}:{frame.f_lineno}"
            if code is _FINISH:
                event = frame.f_locals.get("event")
                where += f" {frame.f_locals.get('kind')}+{event.kind if event is not None else '-'}"
                TRACE.finish[key] = where
            elif key in TRACE.finish and "_finish(" in linecache.getline(code.co_filename, frame.f_lineno):
                # `_read_one` returned what `_finish` made of an entity and event: no rule for the pair
                TRACE.why_none[key] = TRACE.finish[key]
            else:
                TRACE.why_none[key] = where


def _install() -> None:
    find_numbers, read_metrics, not_a_toll = ex.find_numbers, ex.read_metrics, mx._not_a_toll
    deduplicated = ex._deduplicated

    def find(text: str) -> Any:
        out = find_numbers(text)
        TRACE.numbers = list(out)
        return out

    def read(folded: str, nums: Any, *a: Any, **k: Any) -> Any:
        sys.setprofile(_profile)
        try:
            out, state = read_metrics(folded, nums, *a, **k)
        finally:
            sys.setprofile(None)
        TRACE.folded = folded
        for n, r in zip(nums, out, strict=True):
            TRACE.readings[(n.start, n.end)] = r
            TRACE.sentence[(n.start, n.end)] = a[0]
        return out, state

    def toll(folded: str, n: Any, reading: Any, *a: Any) -> Any:
        why = not_a_toll(folded, n, reading, *a)
        if why is not None:
            TRACE.frame[(n.start, n.end)] = why
        return why

    def dedup(drafts: Any) -> Any:
        TRACE.made = list(drafts)
        return deduplicated(drafts)

    ex.find_numbers = find  # type: ignore[assignment]
    ex.read_metrics = read  # type: ignore[assignment]
    mx._not_a_toll = toll  # type: ignore[assignment]
    ex._deduplicated = dedup  # type: ignore[assignment]


def _step(span: tuple[int, int], i: int, chosen: dict[int, Any], drafts: list[Any]) -> tuple[str, str]:
    """The furthest step one mention reached, and a detail."""
    if i in chosen:
        return "drafted", ""
    on = [d for d in drafts if er._overlap(d.figure, span)]
    if on:
        return "draft on another label", ""
    if any(er._overlap(d.figure, span) for d in TRACE.made):
        return "drafted, then removed", ""
    nums = [n for n in TRACE.numbers if er._overlap((n.start, n.end), span)]
    if not nums:
        return "not a number", ""
    live = [n for n in nums if not n.skip]
    if not live:
        return "number skipped", nums[0].skip or ""
    for n in live:
        key = (n.start, n.end)
        if key in TRACE.frame:
            return "frame check", TRACE.frame[key]
    n = live[0]
    key = (n.start, n.end)
    why = TRACE.why_none.get(key, "read_metrics")
    s, e = TRACE.sentence.get(key, (n.start, n.end))
    cues = sorted({c.kind for c in mx.events_in(TRACE.folded, s, e)})
    return "no metric", f"{why}; events {','.join(cues) or '-'}"


def losses(texts: list[er.Text], verbose: bool) -> list[dict[str, Any]]:
    run = er.hfig_extractor()
    rows = []
    for t in texts:
        TRACE.reset()
        drafts = run(t)
        figures: list[dict[str, Any]] = t.labels.get("figures") or []
        spans = er.label_spans(t.text, figures)
        chosen = er.assign(t, drafts).chosen
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(figures)):
            r = i
            seen = set()
            while figures[r].get("repeat_of") and r not in seen:
                seen.add(r)
                r = int(figures[r]["repeat_of"]) - 1
            groups[r].append(i)
        for r, members in groups.items():
            if figures[r].get("subset") or any(i in chosen for i in members):
                continue
            steps = [_step(spans[i], i, chosen, drafts) for i in members]
            step, detail = max(steps, key=lambda s: STEPS.index(s[0]))
            s, e = spans[r]
            line_start = t.text.rfind("\n", 0, s) + 1
            line_end = t.text.find("\n", e)
            context = t.text[max(line_start, s - 110) : min(line_end if line_end != -1 else e + 80, e + 80)]
            rows.append(
                {
                    "part": t.split,
                    "text": t.id,
                    "crisis": t.crisis,
                    "written": figures[r]["written"],
                    "metric": figures[r]["metric"],
                    "step": step,
                    "detail": detail,
                    "context": " ".join(context.split()),
                }
            )
            if verbose:
                print(f"{t.id}: {step} [{detail}] {figures[r]['written']!r} {figures[r]['metric']}")
                print(f"    ... {' '.join(context.split())}")
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[r["step"]].append(r)
    out = ["| step | figures | texts | crises | parts |", "| --- | --- | --- | --- | --- |"]
    for step in STEPS:
        if step in by:
            rs = by[step]
            out.append(
                f"| {step} | {len(rs)} | {len({r['text'] for r in rs})} | {len({r['crisis'] for r in rs})} "
                f"| {len({r['part'] for r in rs})} |"
            )
    out.append(
        f"| all | {len(rows)} | {len({r['text'] for r in rows})} | {len({r['crisis'] for r in rows})} "
        f"| {len({r['part'] for r in rows})} |"
    )
    classes: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        classes[(r["step"], _class_of(r["detail"]))].append(r)
    out.append("")
    out.append("| step | why | figures | texts | crises | parts |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for (step, why), rs in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        out.append(
            f"| {step} | {why} | {len(rs)} | {len({r['text'] for r in rs})} | {len({r['crisis'] for r in rs})} "
            f"| {len({r['part'] for r in rs})} |"
        )
    return "\n".join(out)


def _class_of(detail: str) -> str:
    """A reader's name for the line that returned nothing, and whether the sentence has a cue."""
    where, _, cues = detail.partition("; events ")
    cue = "" if not _ else (" (no event cue in the sentence)" if cues == "-" else " (an event cue in the sentence)")
    if where.startswith("_finish"):
        return "a noun of its own, no event or no rule for the pair" + cue
    if not where.startswith("_read_one:"):
        return (where or "-") + cue
    line = linecache.getline(mx.__file__, int(where.split(":")[1]))
    comment = line.partition("#")[2].strip() or line.strip()
    for key, name in (
        ("continue the figure before", "no noun of its own and no figure before to borrow from"),
        ("a noun hfig does not count", "a noun hfig does not count right after it"),
        ("places", "a preposition of place before it"),
        ("return None", "no noun of its own; the clause goes on past it"),
    ):
        if key in comment:
            return name + cue
    return comment[:60] + cue


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--split", default="all", choices=[*er.OPEN, "all"])
    p.add_argument("-v", "--verbose", action="store_true", help="list every missed figure with its step")
    args = p.parse_args(argv)
    if not er.texts_present():
        raise SystemExit("tests/extract_real/texts/ is empty (benchmarks/fetch_extract_real.md)")
    _install()
    parts = er.OPEN if args.split == "all" else (args.split,)
    rows = []
    for part in parts:
        rows.extend(losses(er.load_set(part), args.verbose))
    print(table(rows))


if __name__ == "__main__":
    main()
