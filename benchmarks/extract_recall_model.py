"""A learned metric for the numbers the rules leave, measured leave-one-part-out (round 14).

    python benchmarks/extract_recall_model.py            # LOPO over the open parts, threshold grid
    python benchmarks/extract_recall_model.py --quick    # fewer thresholds (0.5, 0.7)
    python benchmarks/extract_recall_model.py --write    # weights trained on all open parts

Round 9's loss table says that almost every figure `hfig extract` misses is a number it found,
did not set aside (a date, an age, money, ...), and gave no metric. Round 6's bag-of-words model
(benchmarks/extract_learned.py) revised the rules' drafts and did not help; this is the
experiment round 6 did not run, the same kind of model on the recall side:

* candidates: every number `find_numbers` finds with no skip reason (not the "a"/"an" the list
  rule adds) to which `read_metrics` gives no reading;
* target: the metric of the label whose span the number overlaps (a breakdown part too), `none`
  when it overlaps no label; a number on an unscored string is left out;
* features: round 6's `features` (words before and after, sentence bag, bigrams, line start,
  colon, heading, context stems) without the rules' reading (there is none), plus the kinds of
  the event cues in the sentence, the nearest cue within 80 characters before and after, the
  value's size and whether it is a percentage;
* model: round 6's multinomial logistic regression (`extract_model.train`: numpy, full batch,
  from zero, the same labels give the same weights); probabilities in pure Python
  (`extract_recall_learned.RecallModel`);
* decision: the top class among the metrics `hfig extract` drafts and `none`; a number is drafted
  when the top class is a metric with probability at least the threshold;
* drafting: the number's reading is filled in at the `read_metrics` seam of
  `hfig.extract.extract` (a reading marked `fallback`, confidence lowered), so the claimant, area
  and period are built by the rules as for any other draft (`extract_with`).

Leave-one-part-out: for each open part a model trained on the other twelve drafts that part, and
the rules' drafts and the rules' + the model's are scored with `extract_real.score_text`. The
threshold used on a part is the one of the grid with the best pooled value+qualifier+metric F1 over
the other parts' folds (not fully nested: those folds' models were trained with the part's
labels). The held-out part (`extract_real.HELD_OUT`) is never read.

Not shipped (docs/extract.md, "Round 14"): `--write` writes benchmarks/extract_recall_model.json.gz
(trained on all open parts) for `extract_with`; `hfig extract` never reads it.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_real as er  # noqa: E402
from extract_model import Row, train  # noqa: E402
from extract_recall_learned import NONE, WEIGHTS, RecallModel, candidate  # noqa: E402
from extract_recall_learned import features as candidate_features  # noqa: E402

import hfig.extract.metrics as mx  # noqa: E402
from hfig.extract import DraftClaim  # noqa: E402
from hfig.extract.metrics import CONTEXT_METRICS  # noqa: E402

ex = importlib.import_module("hfig.extract.extract")  # (the package's `extract` is the function)

GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
THRESHOLD = 0.6  # the shipped model's: the grid's best on every fold (docs/extract.md)
FRESH = ("final9", "final10", "final11")  # the parts opened this session, pooled apart


@dataclass
class Hook:
    """What the `read_metrics` seam does: record the candidates, fill in the chosen readings."""

    record: list[tuple[tuple[int, int], list[str]]] | None = None
    fill: dict[tuple[int, int], tuple[str, float]] = field(default_factory=dict)
    _lowered: tuple[str, str] = ("", "")


HOOK = Hook()
_READ = ex.read_metrics


def _read(folded: str, nums: Any, sentence: tuple[int, int], *a: Any, **k: Any) -> Any:
    out, state = _READ(folded, nums, sentence, *a, **k)
    if HOOK.record is None and not HOOK.fill:
        return out, state
    out = list(out)
    for i, (n, r) in enumerate(zip(nums, out, strict=True)):
        if r is not None or not candidate(n):
            continue
        key = (n.start, n.end)
        if HOOK.record is not None:
            if HOOK._lowered[0] is not folded:
                low = folded.lower()
                HOOK._lowered = (folded, low if len(low) == len(folded) else folded)
            HOOK.record.append((key, candidate_features(folded, HOOK._lowered[1], n, sentence)))
        chosen = HOOK.fill.get(key)
        if chosen is not None:
            # (marked as the round 9 fallback's readings are: confidence lowered; the scorer reads no
            # confidence)
            out[i] = mx.MetricReading(chosen[0], mx.Cue("learned", n.start, n.end), None, fallback=True)
    return out, state


def _install() -> None:
    """Put the seam in place (only when this script runs: importing it changes nothing)."""
    ex.read_metrics = _read  # type: ignore[assignment]


def extract_with(model: RecallModel, text: str, known: set[str], **kwargs: Any) -> list[DraftClaim]:
    """`hfig.extract.extract(text, **kwargs)` with the model's metric for the numbers no rule reads
    (what `hfig extract` would draft if the model shipped); `known`: the metrics it may draft."""
    from hfig.extract import extract

    before = ex.read_metrics
    ex.read_metrics = _read  # type: ignore[assignment]
    try:
        HOOK.record, HOOK.fill = [], {}
        drafts = extract(text, **kwargs)
        recorded, HOOK.record = HOOK.record, None
        fill = {}
        for key, names in recorded:
            chosen = model.choose(names, known)
            if chosen is not None:
                fill[key] = chosen
        if not fill:
            return drafts
        HOOK.fill = fill
        return extract(text, **kwargs)
    finally:
        HOOK.record, HOOK.fill = None, {}
        ex.read_metrics = before  # type: ignore[assignment]


@dataclass
class Cand:
    span: tuple[int, int]
    names: list[str]
    target: str  # a metric, `none`, or "" (on an unscored number: left out of training)


@dataclass
class Doc:
    text: er.Text
    drafts: list[DraftClaim]  # the rules' drafts
    cands: list[Cand]


def draft_part(part: str, run: Any) -> list[Doc]:
    out = []
    for t in sorted(er.load_set(part), key=lambda t: t.id):
        HOOK.record, HOOK.fill = [], {}
        drafts = run(t)
        recorded, HOOK.record = HOOK.record, None
        figures = t.labels.get("figures") or []
        spans = er.label_spans(t.text, figures)
        unscored = er.other_spans(t.text, t.labels.get("unscored") or [], spans)
        cands = []
        seen = set()
        for key, names in recorded:
            if key in seen:
                continue
            seen.add(key)
            hits = [i for i, sp in enumerate(spans) if er._overlap(key, sp)]
            if hits:
                target = str(figures[hits[0]]["metric"])
            elif any(er._overlap(key, u) for u in unscored):
                target = ""
            else:
                target = NONE
            cands.append(Cand(key, names, target))
        out.append(Doc(t, drafts, cands))
    return out


def rows(docs: Sequence[Doc], part: str) -> list[Row]:
    return [Row(part, d.text.id, c.names, c.target, "-") for d in docs for c in d.cands if c.target]


def fit(rows_: Sequence[Row], threshold: float = THRESHOLD) -> RecallModel:
    """Round 6's training, its weights rounded as the weights file stores them."""
    m = train(rows_)
    return RecallModel.from_json(RecallModel(m.classes, m.bias, m.weights, threshold).to_json())


def choices(model: RecallModel, docs: Sequence[Doc], known: set[str]) -> list[list[tuple[str, float]]]:
    """The model's top class and its probability for each candidate of each text."""
    allowed = (known & set(model.classes)) | {NONE}
    out = []
    for d in docs:
        row = []
        for c in d.cands:
            p = model.probabilities(c.names, allowed)
            best = max(sorted(p), key=lambda k: p[k])
            row.append((best, p[best]))
        out.append(row)
    return out


@dataclass
class Tally:
    score: er.Score = field(default_factory=er.Score)
    added: Counter[str] = field(default_factory=Counter)


def score_part(docs: Sequence[Doc], picks: list[list[tuple[str, float]]] | None, t: float, run: Any) -> Tally:
    out = Tally()
    for i, d in enumerate(docs):
        ps = picks[i] if picks is not None else []
        fill = {c.span: (m, p) for c, (m, p) in zip(d.cands, ps, strict=False) if m != NONE and p >= t}
        if fill:
            HOOK.fill = fill
            try:
                drafts = run(d.text)
            finally:
                HOOK.fill = {}
            for c in d.cands:
                if c.span in fill:
                    out.added["drafted"] += 1
                    if c.target == NONE:
                        out.added["on no label"] += 1
                    elif c.target == fill[c.span][0]:
                        out.added["metric right"] += 1
                    elif c.target:
                        out.added["metric wrong"] += 1
        else:
            drafts = d.drafts
        out.score.add(er.score_text(d.text, drafts))
    return out


def f1(s: er.Score) -> float:
    p, r = s.pr("value+qualifier+metric")
    return 2 * p * r / (p + r) if p + r else 0.0


def pr(s: er.Score) -> str:
    p, r = s.pr("value+qualifier+metric")
    return f"{p:.3f} / {r:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="thresholds 0.5 and 0.7 only")
    parser.add_argument("--parts", nargs="*", default=list(er.OPEN))
    parser.add_argument(
        "--write", action="store_true", help=f"write {WEIGHTS.name} (all open parts) and skip the LOPO"
    )
    args = parser.parse_args(argv)
    if not er.texts_present():
        raise SystemExit("tests/extract_real/texts/ is missing: see benchmarks/fetch_extract_real.md")
    parts = [p for p in args.parts if p in er.OPEN]  # never the held-out part
    _install()
    grid = (0.5, 0.7) if args.quick else GRID
    from hfig.cli.context import load_data

    known = set(load_data(None).metrics) - CONTEXT_METRICS
    run = er.hfig_extractor()  # the rules alone; the folds' models come in at the seam
    started = time.perf_counter()
    docs = {p: draft_part(p, run) for p in parts}
    part_rows = {p: rows(docs[p], p) for p in parts}
    every = [r for v in part_rows.values() for r in v]
    targets = Counter(r.target for r in every)
    print(
        f"{sum(len(v) for v in docs.values())} texts drafted in {time.perf_counter() - started:.0f} s; "
        f"{len(every)} candidate numbers for training ({targets[NONE]} none, "
        f"{len(every) - targets[NONE]} on a label; "
        f"{sum(not c.target for v in docs.values() for d in v for c in d.cands)} "
        "on unscored numbers left out)"
    )
    print(
        "labelled candidates by metric:", ", ".join(f"{m} {c}" for m, c in targets.most_common() if m != NONE)
    )
    if args.write:
        model = fit(every)
        data = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8")
        WEIGHTS.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))  # (same weights, same bytes)
        print(
            f"wrote {WEIGHTS.relative_to(ROOT)}: {len(model.weights)} features, "
            f"{len(model.classes)} classes, threshold {model.threshold}, "
            f"{WEIGHTS.stat().st_size / 1000:.0f} KB ({len(data) / 1000:.0f} KB unpacked)"
        )
        return
    rules = {p: score_part(docs[p], None, 1.0, run) for p in parts}
    results: dict[str, dict[float, Tally]] = {}
    for p in parts:
        t0 = time.perf_counter()
        model = fit([r for q in parts if q != p for r in part_rows[q]])
        picks = choices(model, docs[p], known)
        results[p] = {t: score_part(docs[p], picks, t, run) for t in grid}
        print(f"  fold {p}: {len(model.weights)} features, {time.perf_counter() - t0:.0f} s", flush=True)

    print("\nthreshold grid: pooled value+qualifier+metric P / R, F1 (all open parts; final9-11 apart)")
    print(
        "| threshold | P / R | F1 | right figures | false alarms "
        "| drafted by the model: metric right / wrong / on no label | final9-11 P / R | final9-11 F1 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")

    def pooled(sel: Sequence[str], at: Any) -> Tally:
        out = Tally()
        for q in sel:
            x = at(q)
            out.score.add(x.score)
            out.added.update(x.added)
        return out

    fresh = [p for p in parts if p in FRESH]

    def at_threshold(t: float) -> Any:
        return lambda q: results[q][t]

    for label, at in [("rules", lambda q: rules[q])] + [(f"{t:.1f}", at_threshold(t)) for t in grid]:
        a, b = pooled(parts, at), pooled(fresh, at)
        c = a.added
        print(
            f"| {label} | {pr(a.score)} | {f1(a.score):.3f} | {a.score.correct['value+qualifier+metric']} | "
            f"{a.score.false_alarms} | {c['metric right']} / {c['metric wrong']} / {c['on no label']} | "
            f"{pr(b.score)} | {f1(b.score):.3f} |"
        )

    # the threshold for each part: the best pooled F1 over the other parts' folds
    chosen = {}
    for p in parts:
        others = [q for q in parts if q != p]
        chosen[p] = max(grid, key=lambda t: (f1(pooled(others, lambda q: results[q][t]).score), t))
    print("\nLOPO per part, at the threshold chosen on the other parts")
    print(
        "| part | texts | figures | threshold | vqm P / R rules | vqm P / R + model "
        "| right figures rules / + model | false alarms rules / + model | claimant rules / + model "
        "| model drafts: right / wrong metric / on no label |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    tot_a, tot_b = Tally(), Tally()
    fr_a, fr_b = Tally(), Tally()
    for p in parts:
        a, b = rules[p], results[p][chosen[p]]
        for x, y in ((tot_a, a), (tot_b, b)) + (((fr_a, a), (fr_b, b)) if p in fresh else ()):
            x.score.add(y.score)
            x.added.update(y.added)
        c = b.added
        print(
            f"| {p} | {len(docs[p])} | {a.score.figures} | {chosen[p]:.1f} | {pr(a.score)} | {pr(b.score)} | "
            f"{a.score.correct['value+qualifier+metric']} / {b.score.correct['value+qualifier+metric']} | "
            f"{a.score.false_alarms} / {b.score.false_alarms} | "
            f"{a.score.accuracy('claimant'):.3f} / {b.score.accuracy('claimant'):.3f} | "
            f"{c['metric right']} / {c['metric wrong']} / {c['on no label']} |"
        )
    for name, a, b in (("all open", tot_a, tot_b), ("final9-11", fr_a, fr_b)):
        c = b.added
        print(
            f"| **{name}** | | {a.score.figures} | | {pr(a.score)} | {pr(b.score)} | "
            f"{a.score.correct['value+qualifier+metric']} / {b.score.correct['value+qualifier+metric']} | "
            f"{a.score.false_alarms} / {b.score.false_alarms} | "
            f"{a.score.accuracy('claimant'):.3f} / {b.score.accuracy('claimant'):.3f} | "
            f"{c['metric right']} / {c['metric wrong']} / {c['on no label']} |"
        )
    print(
        f"\npooled vqm F1: rules {f1(tot_a.score):.3f}, + model {f1(tot_b.score):.3f}; "
        f"final9-11: {f1(fr_a.score):.3f} -> {f1(fr_b.score):.3f}"
    )
    worst = min(
        results[p][chosen[p]].score.correct["value+qualifier+metric"]
        - rules[p].score.correct["value+qualifier+metric"]
        for p in parts
    )
    print(f"largest loss of right figures on one part: {-worst if worst < 0 else 0}")


if __name__ == "__main__":
    main()
