"""Train the learned metric model of `hfig extract` and measure it by leave-one-part-out (round 6).

    python benchmarks/extract_model.py                # LOPO table (rules alone against rules + model)
    python benchmarks/extract_model.py --grid         # also LOPO over a grid of the two thresholds
    python benchmarks/extract_model.py --text-only    # a variant without the rules' metric as a feature
    python benchmarks/extract_model.py --first-run    # also LOPO on the drafts of each part's first-run code
    python benchmarks/extract_model.py --narrow       # also models of one decision each (stock or flow, ...)
    python benchmarks/extract_model.py --write        # write hfig/extract/metric_model.json.gz (six parts)

Training data (docs/extract.md, "Round 6"): every draft the rules make (`extract`) on
the six open parts of tests/extract_real/ (never `final5`), matched to its label by the scorer's
own matching (`extract_real.assign`): a draft on a label is that label's metric, a false alarm
(a draft on no label, or a second draft on one number) is "none", a draft on an unscored number
is left out. Features: benchmarks/extract_learned.py (`features`). Model: multinomial logistic
regression with an L2 penalty, fitted by full-batch gradient descent (Adam) from zero weights in
numpy (training only: the package scores it in pure Python). Inputs are sorted and the fit has
no randomness, so the same labels give the same weights.

Leave-one-part-out: for each open part, a model trained on the other parts revises that part's
drafts, and both the rules' drafts and the revised ones are scored (`extract_real.score_text`).
The rules have been tuned on all the open parts, so `--first-run` repeats it with the drafts of the
code each part was first scored with (`FIRST_RUN`; benchmarks/extract_old_drafts.py runs it from
`git archive`): the rules' errors on text they were not written for, the errors a model is for.

The weights are not shipped (LOPO: no gain; docs/extract.md): `--write` writes them, and then
every `hfig extract` uses them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_real as er  # noqa: E402
from extract_learned import NONE, WEIGHTS, MetricModel, draft_features, revise, with_metric  # noqa: E402

from hfig.core.qualifiers import Qualifier  # noqa: E402
from hfig.extract import DraftClaim  # noqa: E402
from hfig.extract.metrics import CONTEXT_METRICS  # noqa: E402

MIN_COUNT = 2  # a feature seen fewer times in the training drafts is left out
L2 = 1e-3  # penalty per training draft on the squared weights (biases free)
STEPS = 400
RATE = 0.05
OVERRIDE, DROP = 0.6, 0.8  # fixed before the first LOPO run (docs/extract.md has the grid)
# the code each open part was first scored with, before any rule was tuned on it (docs/extract.md)
FIRST_RUN = {
    "dev": "98714c6",
    "test": "6c4410b",
    "final": "44716da",
    "final2": "718b228",
    "final3": "68a30f0",
    "final4": "fe60b7f",
    "final5": "2c019e7",
    "final6": "2c019e7",  # (as d5c4ade and 3dd53cf: the three draft the same claims)
}


@dataclass
class Row:
    part: str
    text: str  # text id
    names: list[str]
    target: str
    rule: str


@dataclass
class Drafted:
    text: er.Text
    drafts: list[DraftClaim]


def rule_drafts(parts: Sequence[str]) -> dict[str, list[Drafted]]:
    """Each part drafted by the rules as they are (the scorer's own extractor)."""
    run = er.hfig_extractor()
    by_id = {part: sorted(er.load_set(part), key=lambda t: t.id) for part in parts}
    return {part: [Drafted(t, run(t)) for t in texts] for part, texts in by_id.items()}


def training_rows(
    parts: Sequence[str], drafted: dict[str, list[Drafted]]
) -> tuple[dict[str, list[Row]], str]:
    """Each part's training rows, and how many there are of each kind (for the report)."""
    rows = {p: [r for d in drafted[p] for r in rows_of(p, d)] for p in parts}
    every = [r for v in rows.values() for r in v]
    counts = (
        f"{len(every)} training drafts ({sum(r.target == NONE for r in every)} none, "
        f"{sum(r.rule == r.target for r in every)} with the rules' metric right)"
    )
    return rows, counts


def leave_one_out(
    parts: Sequence[str], rows: dict[str, list[Row]], text_only: bool
) -> dict[str, MetricModel]:
    """For each part, a model trained on the other parts' rows."""
    return {p: train([r for q in parts if q != p for r in rows[q]], text_only) for p in parts}


def first_run_drafts(parts: Sequence[str]) -> dict[str, list[Drafted]]:
    """Each part drafted by the code it was first scored with (an old commit, from git archive)."""
    out: dict[str, list[Drafted]] = {}
    with tempfile.TemporaryDirectory(prefix="hfig-first-run-") as tmp:
        for part in parts:
            commit = FIRST_RUN[part]
            tree = Path(tmp) / commit
            if not tree.exists():
                tree.mkdir()
                archive = subprocess.run(
                    ["git", "archive", commit, "hfig", "data"], cwd=ROOT, capture_output=True, check=True
                ).stdout
                subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            lines = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "extract_old_drafts.py"), str(tree), part],
                cwd=tmp,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
            texts = {t.id: t for t in er.load_set(part)}
            done = []
            for line in lines:
                record = json.loads(line)
                drafts = [
                    DraftClaim(
                        metric=x["metric"],
                        value=x["value"],
                        qualifier=Qualifier(x["qualifier"]),
                        figure=tuple(x["figure"]),
                        sentence=tuple(x["sentence"]),
                        quote="",
                        value_max=x["value_max"],
                        unit=x["unit"],
                        subset=x["subset"],
                        part_of=tuple(x["part_of"]) if x["part_of"] else None,
                        claimant=x["claimant"],
                    )
                    for x in record["drafts"]
                ]
                done.append(Drafted(texts[record["id"]], drafts))
            out[part] = sorted(done, key=lambda d: d.text.id)
    return out


def rows_of(part: str, done: Drafted) -> list[Row]:
    t = done.text
    figures = t.labels.get("figures") or []
    matching = er.assign(t, done.drafts)
    target: dict[int, str] = {id(d): str(figures[i]["metric"]) for i, d in matching.chosen.items()}
    target.update({id(d): NONE for d in matching.false_alarms})
    lowered = t.text.lower()
    if len(lowered) != len(t.text):
        lowered = t.text
    return [
        Row(part, t.id, draft_features(lowered, d), target[id(d)], d.metric)
        for d in done.drafts
        if id(d) in target  # (drafts on unscored numbers are left out)
    ]


def train(rows: Sequence[Row], text_only: bool = False) -> MetricModel:
    """Fit the model; `text_only` leaves out the rules' own metric (features r: and r|)."""
    if text_only:
        rows = [
            Row(r.part, r.text, [n for n in r.names if not n.startswith("r")], r.target, r.rule) for r in rows
        ]
    counts = Counter(n for r in rows for n in set(r.names))
    vocab = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    index = {n: i for i, n in enumerate(vocab)}
    classes = sorted({r.target for r in rows} | {NONE})
    cls = {c: i for i, c in enumerate(classes)}
    # the design matrix as sparse rows (every feature is 0 or 1), summed with reduceat: one thread, no
    # BLAS, so the sums run in the same order every time
    active = [sorted({index[n] for n in r.names if n in index}) for r in rows]
    cols = np.array([j for a in active for j in a], dtype=np.int64)
    row_of = np.array([i for i, a in enumerate(active) for _ in a], dtype=np.int64)
    offsets = np.cumsum([0] + [len(a) for a in active[:-1]])
    by_col = np.argsort(cols, kind="stable")
    col_starts = np.flatnonzero(np.r_[True, np.diff(cols[by_col]) != 0])
    col_ids = cols[by_col][col_starts]
    y = np.zeros((len(rows), len(classes)))
    y[np.arange(len(rows)), [cls[r.target] for r in rows]] = 1.0
    w = np.zeros((len(vocab), len(classes)))
    b = np.zeros(len(classes))
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    n = len(rows)
    for step in range(1, STEPS + 1):
        z = np.add.reduceat(w[cols], offsets, axis=0) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        gw = L2 * w
        gw[col_ids] += np.add.reduceat(g[row_of[by_col]], col_starts, axis=0)
        gb = g.sum(axis=0)
        for m, v, grad, param in ((mw, vw, gw, w), (mb, vb, gb, b)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    weights: dict[str, list[tuple[int, float]]] = {}
    for name, j in index.items():
        pairs = [(k, float(w[j, k])) for k in range(len(classes)) if abs(w[j, k]) >= 0.0005]
        if pairs:
            weights[name] = pairs
    return MetricModel(tuple(classes), tuple(float(v) for v in b), weights, OVERRIDE, DROP)


def with_thresholds(m: MetricModel, override: float, drop: float) -> MetricModel:
    return MetricModel(m.classes, m.bias, m.weights, override, drop)


def score(done: Sequence[Drafted], model: MetricModel | None, metrics: Any, known: set[str]) -> er.Score:
    total = er.Score()
    for d in done:
        drafts = d.drafts if model is None else revise(model, d.text.text, d.drafts, metrics, known)
        total.add(er.score_text(d.text, drafts))
    return total


def probabilities(
    done: Sequence[Drafted], model: MetricModel, known: set[str]
) -> list[list[dict[str, float]]]:
    """The model's probabilities for every draft of every text (read once for the threshold grid)."""
    allowed = (known & set(model.classes)) | {NONE}
    out = []
    for d in done:
        lowered = d.text.text.lower()
        if len(lowered) != len(d.text.text):
            lowered = d.text.text
        out.append([model.probabilities(draft_features(lowered, x), allowed) for x in d.drafts])
    return out


def score_at(
    done: Sequence[Drafted], probs: list[list[dict[str, float]]], model: MetricModel, metrics: Any
) -> er.Score:
    """As `score` with `revise`, from probabilities read before."""
    total = er.Score()
    for d, ps in zip(done, probs, strict=True):
        drafts = []
        for x, p in zip(d.drafts, ps, strict=True):
            metric = model.judge(p, x.metric)
            if metric is not None:
                drafts.append(x if metric == x.metric else with_metric(x, metric, p[metric], metrics))
        total.add(er.score_text(d.text, drafts))
    return total


def cells(s: er.Score) -> list[str]:
    vp, vr = s.pr("value+qualifier+metric")
    mp, mr = s.pr("metric")
    return [
        f"{vp:.2f} / {vr:.2f}",
        f"{mp:.2f} / {mr:.2f}",
        f"{s.accuracy('claimant'):.2f}",
        str(s.false_alarms),
    ]


def f1(s: er.Score) -> float:
    p, r = s.pr("value+qualifier+metric")
    return 2 * p * r / (p + r) if p + r else 0.0


def changes(model: MetricModel, rows: Sequence[Row], known: set[str]) -> Counter[str]:
    """What the model changed among the matched drafts: metrics it set right or wrong, drafts it
    dropped that were false alarms or figures."""
    allowed = (known & set(model.classes)) | {NONE}
    c: Counter[str] = Counter()
    for r in rows:
        metric = model.judge(model.probabilities(r.names, allowed), r.rule)
        if metric is None:
            c["dropped none" if r.target == NONE else "dropped figure"] += 1
        elif metric != r.rule:
            c["right" if metric == r.target else "wrong"] += 1
    return c


def show(c: Counter[str]) -> str:
    return f"{c['right']} / {c['wrong']} | {c['dropped none']} / {c['dropped figure']}"


def lopo(
    title: str,
    parts: Sequence[str],
    done: dict[str, list[Drafted]],
    folds: dict[str, MetricModel],
    rows: dict[str, list[Row]],
    metrics: Any,
    known: set[str],
    grid: bool,
) -> None:
    print(f"\n{title}, override at {OVERRIDE}, drop at {DROP}")
    print(
        "| part | texts | vqm P / R rules | vqm P / R +model | metric P / R rules | metric P / R +model "
        "| claimant rules | claimant +model | false alarms rules | +model "
        "| metrics changed: to right / to wrong | dropped: false alarms / figures |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rules_all, model_all = er.Score(), er.Score()
    changed: Counter[str] = Counter()
    for p in parts:
        a = score(done[p], None, metrics, known)
        b = score(done[p], with_thresholds(folds[p], OVERRIDE, DROP), metrics, known)
        rules_all.add(a)
        model_all.add(b)
        ca, cb = cells(a), cells(b)
        c = changes(with_thresholds(folds[p], OVERRIDE, DROP), rows[p], known)
        changed.update(c)
        print(
            f"| {p} | {len(done[p])} | "
            + " | ".join(x for pair in zip(ca, cb, strict=True) for x in pair)
            + f" | {show(c)} |"
        )
    ca, cb = cells(rules_all), cells(model_all)
    print(
        f"| all | {sum(len(v) for v in done.values())} | "
        + " | ".join(x for pair in zip(ca, cb, strict=True) for x in pair)
        + f" | {show(changed)} |"
    )
    if not grid:
        return
    print("\nvqm F1 pooled over the six parts (final4 alone in brackets), by threshold")
    drops = (0.6, 0.7, 0.8, 0.9, 1.01)
    print("| override \\ drop | " + " | ".join(f"{d:.2f}" for d in drops) + " |")
    print("| --- |" + " --- |" * len(drops))
    probs = {p: probabilities(done[p], folds[p], known) for p in parts}
    for o in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01):
        row = []
        for dr in drops:
            pooled, f4 = er.Score(), 0.0
            for p in parts:
                s = score_at(done[p], probs[p], with_thresholds(folds[p], o, dr), metrics)
                pooled.add(s)
                if p == "final4":
                    f4 = f1(s)
            row.append(f"{f1(pooled):.3f} ({f4:.3f})")
        print(f"| {o:.2f} | " + " | ".join(row) + " |")
    f4 = f1(score(done["final4"], None, metrics, known)) if "final4" in done else 0.0
    print(f"(rules alone: {f1(rules_all):.3f} ({f4:.3f}); 1.01 is never)")


NARROW = {
    "stock or flow": {"displaced", "idps"},
    "people or civilians": {"people_killed", "people_injured", "civilians_killed", "civilians_injured"},
}


def narrow(parts: Sequence[str], rows: dict[str, list[Row]]) -> None:
    """Models of one decision each, LOPO: how often the top class is the label's metric, against the
    rules; and a detector of `none` alone (how many false alarms and figures it would drop)."""
    print("\nnarrow models, leave-one-part-out: drafts whose label is the top class (rules / model)")
    for name, group in NARROW.items():
        for text_only in (False, True):
            per_part, total = [], Counter[str]()
            for p in parts:
                train_rows = [r for q in parts if q != p for r in rows[q] if r.rule in group]
                model = train(train_rows, text_only)
                c: Counter[str] = Counter()
                for r in rows[p]:
                    if r.rule in group:
                        prob = model.probabilities(r.names)
                        c["n"] += 1
                        c["rules"] += r.rule == r.target
                        c["model"] += max(sorted(prob), key=lambda k: prob[k]) == r.target
                total.update(c)
                per_part.append(f"{p} {c['rules']} / {c['model']} of {c['n']}")
            words = "words only" if text_only else "with the rules' metric"
            print(
                f"  {name} ({words}): "
                + "; ".join(per_part)
                + f"; all {total['rules']} / {total['model']} of {total['n']}"
            )
    found: Counter[str] = Counter()
    for p in parts:
        flat = [Row(r.part, r.text, r.names, NONE if r.target == NONE else "figure", r.rule) for r in rows[p]]
        model = train(
            [
                Row(r.part, r.text, r.names, NONE if r.target == NONE else "figure", r.rule)
                for q in parts
                if q != p
                for r in rows[q]
            ]
        )
        for r in flat:
            p_none = model.probabilities(r.names)[NONE]
            for at in (0.3, 0.5):
                if p_none >= at:
                    found[f"{at} {r.target}"] += 1
    print(
        "  none detector: at probability 0.5 it drops "
        f"{found['0.5 none']} false alarms and {found['0.5 figure']} figures; at 0.3, "
        f"{found['0.3 none']} and {found['0.3 figure']} "
        f"(of {sum(r.target == NONE for v in rows.values() for r in v)} false alarms)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true", help="write the weights (trained on all open parts)")
    parser.add_argument("--grid", action="store_true", help="LOPO over a grid of the two thresholds")
    parser.add_argument(
        "--text-only", action="store_true", help="a variant: leave the rules' metric out of the features"
    )
    parser.add_argument(
        "--first-run", action="store_true", help="also LOPO on the drafts of each part's first-run code"
    )
    parser.add_argument("--narrow", action="store_true", help="also models of one decision each, LOPO")
    args = parser.parse_args(argv)
    if not er.texts_present():
        raise SystemExit("tests/extract_real/texts/ is missing: see benchmarks/fetch_extract_real.md")
    from hfig.cli.context import load_data

    metrics = load_data(None).metrics
    known = set(metrics) - CONTEXT_METRICS
    parts = list(er.OPEN)  # the open parts only: the held-out part is never read here
    started = time.perf_counter()
    done = rule_drafts(parts)
    rows, counts = training_rows(parts, done)
    print(
        f"{sum(len(v) for v in done.values())} texts, {counts}; "
        f"drafted in {time.perf_counter() - started:.0f} s"
    )
    folds = leave_one_out(parts, rows, args.text_only)
    lopo(
        "leave-one-part-out (trained on the other open parts)",
        parts,
        done,
        folds,
        rows,
        metrics,
        known,
        args.grid,
    )
    if args.narrow:
        narrow(parts, rows)
    if args.first_run:
        old = first_run_drafts(parts)
        old_rows, old_counts = training_rows(parts, old)
        print(f"\nfirst-run drafts: {old_counts}")
        old_folds = leave_one_out(parts, old_rows, args.text_only)
        lopo(
            "leave-one-part-out on each part's first-run drafts (trained on the other parts' first-run "
            "drafts)",
            parts,
            old,
            old_folds,
            old_rows,
            metrics,
            known,
            args.grid,
        )
    if args.write:
        model = train([r for p in parts for r in rows[p]], args.text_only)
        data = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8")
        # (mtime 0: the same weights give the same bytes)
        WEIGHTS.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        print(
            f"\nwrote {WEIGHTS.relative_to(ROOT)}: {len(model.weights)} features, "
            f"{len(model.classes)} classes, "
            f"{WEIGHTS.stat().st_size / 1000:.0f} KB ({len(data) / 1000:.0f} KB unpacked)"
        )


if __name__ == "__main__":
    main()
