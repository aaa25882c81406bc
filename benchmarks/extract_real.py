"""Score `hfig extract` on the real evaluation set (tests/extract_real/, issue 14).

    python benchmarks/extract_real.py                   # every open part: numbers per field
    python benchmarks/extract_real.py --split final -v  # one part, with every miss and false alarm
    python benchmarks/extract_real.py --split final17   # a held-out part: scored when named, never listed
    python benchmarks/extract_real.py --json out.json  # also write the numbers as JSON

The texts are third-party and not committed (tests/extract_real/texts/, see
benchmarks/fetch_extract_real.md); without them this script says so and stops.

The protocol (docs/extract.md, "The real evaluation set"): `dev` was tuned
on; every later part was labelled blind, scored once with code fixed before
it was seen, and then opened for development. `OPEN` below lists the
development parts (`all` scores them; `-v` and `--text` list their misses).
`HELD_OUT` lists the parts not yet opened: each is scored only when asked for
by name, and the per-item listing is refused for it, so that nobody reads its
misses.

Matching rules (fixed before the first run; docs/extract.md repeats them):

1. Each label is located in its text: the `written` string at its
   `occurrence` (whole-number matches, as tests/extract_real/check_labels.py
   counts them), else its first whole match after the previous label. A
   draft belongs to the label whose span its figure overlaps (each label
   takes at most one draft; when several overlap, the one with value,
   qualifier and metric right is preferred, then the one with the value
   right, then the first). Position decides the match; the value is a field.
2. A label and its repeats (`repeat_of`, followed to the first mention) are
   one *figure*. The figure's draft is the best of the drafts on any of its
   mentions, scored against the label of the mention it is on (a headline
   may round what the body says); a second draft of the same figure is a duplicate, counted on a
   line of its own and neither rewarded nor penalised.
3. Breakdown parts (a label with `subset`) are not totals: a draft on one is
   left out of the main scores and counted on the `subset parts` line
   (value and metric right).
4. A draft on an `unscored` number is ignored. Every other draft that lands
   on no label is a false alarm (those on an `out_of_scope` number are also
   counted on a line of their own).
5. Fields. `value`: value, value_max and unit (households) equal; vague words
   by their lexicon key. `qualifier`, `metric`: equal. `value+qualifier+metric`:
   all three. Precision is the share of scored drafts (figures' drafts plus
   false alarms) with the field right; recall the share of figures whose
   draft has it right.
6. On matched figures (figures with a draft), accuracy of: `claimant` (the
   registry id, exactly; null when the label is null); `area` (both absent,
   or the names as written contain one another after folding case, accents,
   quotes and hyphens); `period` (start: both absent or overlapping fuzzy
   dates; end: likewise, where a stock with no period end, labelled or
   drafted, stands at its as-of date); `as_of` (overlapping fuzzy dates).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hfig.core.dates import FuzzyDate, parse_fuzzy_date  # noqa: E402
from hfig.extract import DraftClaim  # noqa: E402

REAL = ROOT / "tests" / "extract_real"
FIELDS = ("value", "qualifier", "metric", "value+qualifier+metric")
MATCHED = ("claimant", "area", "period", "as_of")
HELD_OUT = {"final17"}  # parts whose misses are never listed
# development parts: `all` scores them, `-v` lists them
OPEN = ("dev", "test", "final", "final2", "final3", "final4", "final5", "final6", "final7", "final8",
        "final9", "final10", "final11",
        "final12", "final13", "final14", "final15", "final16")
STOCKS = {"idps", "refugees", "people_missing", "population", "people_in_need", "population_served_affected"}


def _checker() -> Any:
    spec = importlib.util.spec_from_file_location("check_labels", REAL / "check_labels.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


whole_matches: Callable[[str, str], list[int]] = _checker().whole_matches


# --- the set ------------------------------------------------------------------------------


@dataclass
class Text:
    id: str
    split: str
    crisis: str
    style: str
    publisher: str
    published: str
    text: str
    labels: dict[str, Any]


def load_set(split: str) -> list[Text]:
    """The texts of one part that are here (a missing one is named on stderr and left out)."""
    sources = yaml.safe_load((REAL / "sources.yaml").read_text(encoding="utf-8"))["texts"]
    out = []
    for s in sources:
        if s["split"] != split:
            continue
        path = REAL / "texts" / f"{s['id']}.txt"
        if not path.exists():
            # a stored page can change or vanish (benchmarks/fetch_extract_real.md): the part is
            # scored without it, and the report's count of texts says so
            print(f"{path}: missing, scored without it (benchmarks/fetch_extract_real.md)", file=sys.stderr)
            continue
        labels = yaml.safe_load((REAL / "labels" / f"{s['id']}.yaml").read_text(encoding="utf-8"))
        out.append(
            Text(
                s["id"],
                s["split"],
                s["crisis"],
                s["style"],
                s["publisher"],
                str(s["published"]),
                path.read_text(encoding="utf-8"),
                labels,
            )
        )
    return out


def texts_present() -> bool:
    return (REAL / "texts").is_dir() and any((REAL / "texts").glob("*.txt"))


def label_spans(text: str, figures: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Where each label is, by the checker's rule: its occurrence, else the next match in order."""
    spans = []
    cursor = 0
    for fig in figures:
        written = str(fig["written"])
        matches = whole_matches(text, written)
        after = [m for m in matches if m >= cursor]
        if not after:
            raise SystemExit(f"label {written!r} not found in order; run tests/extract_real/check_labels.py")
        start = after[0]
        given = fig.get("occurrence")
        if isinstance(given, int) and 1 <= given <= len(matches) and matches[given - 1] >= cursor:
            start = matches[given - 1]
        cursor = start + 1
        spans.append((start, start + len(written)))
    return spans


def other_spans(
    text: str, items: list[dict[str, Any]], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Every match of an out-of-scope or unscored string that is not a labelled figure's."""
    spans = []
    for item in items:
        written = str(item["written"])
        starts = whole_matches(text, written) or [m.start() for m in re.finditer(re.escape(written), text)]
        for s in starts:
            span = (s, s + len(written))
            if not any(_overlap(span, t) for t in taken):
                spans.append(span)
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- field rules --------------------------------------------------------------------------


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\u2018\u2019'`\"\u201c\u201d\-_.,()/]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


def value_ok(label: dict[str, Any], d: DraftClaim) -> bool:
    lv, dv = label["value"], d.value
    if isinstance(lv, str) or isinstance(dv, str):
        same = lv == dv
    else:
        same = float(lv) == float(dv)
        lmax = label.get("value_max")
        same = same and (
            (lmax is None and d.value_max is None)
            or (lmax is not None and d.value_max is not None and float(lmax) == float(d.value_max))
        )
    return same and (label.get("unit") or None) == (d.unit or None)


def field_ok(f: str, label: dict[str, Any], d: DraftClaim) -> bool:
    if f == "value":
        return value_ok(label, d)
    if f == "qualifier":
        return bool(label["qualifier"] == d.qualifier.value)
    if f == "metric":
        return bool(label["metric"] == d.metric)
    if f == "value+qualifier+metric":
        return all(field_ok(g, label, d) for g in ("value", "qualifier", "metric"))
    if f == "claimant":
        return (label.get("claimant") or None) == (d.claimant or None)
    if f == "area":
        want = label.get("area")
        got = d.area.name if d.area else None
        if want is None or got is None:
            return want is None and got is None
        a, b = _fold(str(want)), _fold(got)
        return bool(a and b) and (a in b or b in a)
    if f == "period":
        start = d.period.start if d.period else None
        end = d.period.end if d.period else None
        want_end = label.get("period_end")
        if label["metric"] in STOCKS:
            # a stock stands at a date: its period end, else the date it was said (both sides)
            want_end = want_end or label.get("as_of")
            end = end or d.as_of
        return _dates_agree(label.get("period_start"), start) and _dates_agree(want_end, end)
    if f == "as_of":
        return _dates_agree(label.get("as_of"), d.as_of)
    raise ValueError(f)


def _dates_agree(want: Any, got: FuzzyDate | None) -> bool:
    if want is None or got is None:
        return want is None and got is None
    w = parse_fuzzy_date(str(want))
    return w.earliest <= got.latest and got.earliest <= w.latest


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Score:
    figures: int = 0  # scored figures (no subset, repeats folded in)
    drafts: int = 0  # scored drafts: figures' drafts plus false alarms
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0  # figures with a draft
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MATCHED, 0))
    false_alarms: int = 0
    out_of_scope_drafted: int = 0
    duplicates: int = 0
    subset_parts: int = 0
    subset_drafted: int = 0
    subset_right: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, o: Score) -> None:
        self.figures += o.figures
        self.drafts += o.drafts
        self.matched += o.matched
        for f in FIELDS:
            self.correct[f] += o.correct[f]
        for f in MATCHED:
            self.right[f] += o.right[f]
        self.false_alarms += o.false_alarms
        self.out_of_scope_drafted += o.out_of_scope_drafted
        self.duplicates += o.duplicates
        self.subset_parts += o.subset_parts
        self.subset_drafted += o.subset_drafted
        self.subset_right += o.subset_right
        self.lines.extend(o.lines)

    def pr(self, f: str) -> tuple[float, float]:
        p = self.correct[f] / self.drafts if self.drafts else 1.0
        r = self.correct[f] / self.figures if self.figures else 1.0
        return p, r

    def accuracy(self, f: str) -> float:
        return self.right[f] / self.matched if self.matched else 1.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"figures": self.figures, "drafts": self.drafts, "matched": self.matched}
        for f in FIELDS:
            p, r = self.pr(f)
            out[f] = {"precision": round(p, 3), "recall": round(r, 3)}
        for f in MATCHED:
            out[f] = {"accuracy_on_matched": round(self.accuracy(f), 3)}
        out["false_alarms"] = self.false_alarms
        out["out_of_scope_drafted"] = self.out_of_scope_drafted
        out["duplicates"] = self.duplicates
        out["subset_parts"] = {
            "labelled": self.subset_parts,
            "drafted": self.subset_drafted,
            "value_and_metric_right": self.subset_right,
        }
        return out


def _rank(label: dict[str, Any], d: DraftClaim) -> tuple[bool, bool]:
    return (not field_ok("value+qualifier+metric", label, d), not value_ok(label, d))


def _show_draft(d: DraftClaim) -> str:
    period = f"{d.period.start}..{d.period.end}" if d.period else "-"
    return (
        f"{d.value}{'-' + str(d.value_max) if d.value_max else ''} {d.qualifier.value} {d.metric} "
        f"claimant={d.claimant} area={d.area.name if d.area else None} period={period} as_of={d.as_of}"
    )


def _show_label(lab: dict[str, Any]) -> str:
    return (
        f"{lab['value']}{'-' + str(lab['value_max']) if lab.get('value_max') else ''} {lab['qualifier']} "
        f"{lab['metric']} claimant={lab.get('claimant')} area={lab.get('area')} "
        f"period={lab.get('period_start')}..{lab.get('period_end')} as_of={lab.get('as_of')}"
    )


@dataclass
class Assignment:
    """Which label each draft belongs to, by rules 1 and 4 (what `score_text` scores)."""

    chosen: dict[int, DraftClaim]  # label index -> its draft
    false_alarms: list[DraftClaim]  # on no label (nor an unscored number), or a second draft on one
    ignored: list[DraftClaim]  # on an unscored number
    out_of_scope: list[tuple[int, int]]  # the spans of out-of-scope numbers


def assign(t: Text, drafts: Sequence[DraftClaim]) -> Assignment:
    figures: list[dict[str, Any]] = t.labels.get("figures") or []
    spans = label_spans(t.text, figures)
    unscored = other_spans(t.text, t.labels.get("unscored") or [], spans)
    out_of_scope = other_spans(t.text, t.labels.get("out_of_scope") or [], spans)
    # rule 1: each label takes at most one draft, by position
    on_label: dict[int, list[DraftClaim]] = {}
    loose: list[DraftClaim] = []
    for d in drafts:
        hits = [i for i, sp in enumerate(spans) if _overlap(d.figure, sp)]
        if hits:
            on_label.setdefault(hits[0], []).append(d)
        else:
            loose.append(d)
    chosen: dict[int, DraftClaim] = {}
    for i, ds in on_label.items():
        ds = sorted(ds, key=lambda d: _rank(figures[i], d))
        chosen[i] = ds[0]
        loose.extend(ds[1:])  # a second draft on one number is a false alarm
    # rule 4: unscored numbers are ignored; the rest of the loose drafts are false alarms
    alarms, ignored = [], []
    for d in loose:
        (ignored if any(_overlap(d.figure, u) for u in unscored) else alarms).append(d)
    return Assignment(chosen, alarms, ignored, out_of_scope)


def score_text(t: Text, drafts: Sequence[DraftClaim], verbose: bool = False) -> Score:
    score = Score()
    figures: list[dict[str, Any]] = t.labels.get("figures") or []
    matching = assign(t, drafts)
    chosen = matching.chosen

    def root(i: int) -> int:
        seen = set()
        while figures[i].get("repeat_of") and i not in seen:
            seen.add(i)
            i = int(figures[i]["repeat_of"]) - 1
        return i

    for d in matching.false_alarms:
        score.false_alarms += 1
        score.drafts += 1
        oos = any(_overlap(d.figure, o) for o in matching.out_of_scope)
        score.out_of_scope_drafted += oos
        if verbose:
            where = "OUT OF SCOPE" if oos else "FALSE ALARM"
            score.lines.append(f"{t.id}: {where} {_show_draft(d)} | {t.text[d.figure[0] : d.figure[1]]!r}")
    # rule 2: a label and its repeats are one figure
    groups: dict[int, list[int]] = {}
    for i in range(len(figures)):
        groups.setdefault(root(i), []).append(i)
    for r, members in groups.items():
        lab = figures[r]
        drafted = [(i, chosen[i]) for i in members if i in chosen]
        drafted.sort(key=lambda x: (_rank(figures[x[0]], x[1]), x[0]))
        if lab.get("subset"):
            # rule 3: a breakdown part, on a line of its own
            score.subset_parts += 1
            if drafted:
                score.subset_drafted += 1
                d = drafted[0][1]
                score.subset_right += value_ok(lab, d) and lab["metric"] == d.metric
            continue
        score.figures += 1
        if not drafted:
            if verbose:
                score.lines.append(f"{t.id}: MISSED {lab['written']!r}: {_show_label(lab)}")
            continue
        score.duplicates += len(drafted) - 1
        at, d = drafted[0]
        lab = figures[at]  # each mention is scored against its own label (a headline may round)
        score.drafts += 1
        score.matched += 1
        for f in FIELDS:
            score.correct[f] += field_ok(f, lab, d)
        wrong = []
        for f in MATCHED:
            ok = field_ok(f, lab, d)
            score.right[f] += ok
            if not ok:
                wrong.append(f)
        if not field_ok("value+qualifier+metric", lab, d):
            wrong.insert(0, "value+qualifier+metric")
        if verbose and wrong:
            score.lines.append(
                f"{t.id}: WRONG {','.join(wrong)} on {lab['written']!r}\n"
                f"      label: {_show_label(lab)}\n      draft: {_show_draft(d)} [{d.claimant_how}]"
            )
    return score


# --- running ------------------------------------------------------------------------------


Extractor = Callable[[Text], list[DraftClaim]]


def hfig_extractor() -> Extractor:
    from hfig.cli.context import load_data
    from hfig.extract import extract

    ds = load_data(None)

    def run(t: Text) -> list[DraftClaim]:
        return extract(
            t.text,
            metrics=ds.metrics,
            claimants=ds.claimants,
            gazetteer=ds.gazetteer,
            published=parse_fuzzy_date(t.published),
            publisher=t.publisher,
        )

    return run


@dataclass
class Result:
    total: Score
    by_crisis: dict[str, Score]
    by_style: dict[str, Score]


def run(texts: list[Text], extractor: Extractor, verbose: bool = False) -> Result:
    total = Score()
    by_crisis: dict[str, Score] = {}
    by_style: dict[str, Score] = {}
    for t in texts:
        s = score_text(t, extractor(t), verbose)
        total.add(s)
        by_crisis.setdefault(t.crisis, Score()).add(s)
        by_style.setdefault(t.style, Score()).add(s)
    return Result(total, dict(sorted(by_crisis.items())), dict(sorted(by_style.items())))


def report(name: str, res: Result, texts: int) -> str:
    s = res.total
    lines = [
        f"{name}: {texts} texts, {s.figures} figures (breakdown parts and repeats apart), "
        f"{s.drafts} scored drafts, {s.matched} figures drafted",
        f"  {'field':<24} {'precision':>9} {'recall':>7}",
    ]
    for f in FIELDS:
        p, r = s.pr(f)
        lines.append(f"  {f:<24} {p:>9.2f} {r:>7.2f}")
    lines.append(f"  {'on matched figures':<24} {'accuracy':>9}")
    for f in MATCHED:
        lines.append(f"  {f:<24} {s.accuracy(f):>9.2f}")
    lines.append(
        f"  false alarms {s.false_alarms} (on out-of-scope numbers {s.out_of_scope_drafted}); "
        f"duplicates {s.duplicates}; breakdown parts {s.subset_parts}, drafted {s.subset_drafted}, "
        f"value and metric right {s.subset_right}"
    )
    for title, parts in (("crisis", res.by_crisis), ("style", res.by_style)):
        lines.append(f"  by {title:<21} {'vqm P':>6} {'vqm R':>6} {'claimant':>8} {'figures':>8}")
        for key, sc in parts.items():
            p, r = sc.pr("value+qualifier+metric")
            lines.append(f"    {key:<22} {p:>6.2f} {r:>6.2f} {sc.accuracy('claimant'):>8.2f} {sc.figures:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--split",
        choices=[*OPEN, "all", *sorted(HELD_OUT)],
        default="all",
        help="all: dev, test and final to final8; final9 (the held-out part) only when named",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list misses and false alarms (not for final9)"
    )
    parser.add_argument("--text", help="one text id (not for final9)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    # (the protocol first: a held-out part's misses are refused whether or not its texts are here)
    if (args.verbose or args.text) and args.split in HELD_OUT:
        raise SystemExit(
            f"-v and --text are refused for the held-out {args.split} part: it is scored, never read"
        )
    if not texts_present():
        raise SystemExit("tests/extract_real/texts/ is missing: see benchmarks/fetch_extract_real.md")
    extractor = hfig_extractor()
    splits = list(OPEN) if args.split == "all" else [args.split]
    numbers: dict[str, Any] = {}
    for split in splits:
        texts = load_set(split)
        if not texts:
            raise SystemExit(f"no texts of the {split!r} part in tests/extract_real/sources.yaml")
        if args.text:
            texts = [t for t in texts if t.id == args.text]
        res = run(texts, extractor, args.verbose)
        print(report(split, res, len(texts)))
        for line in res.total.lines:
            print("   ", line)
        numbers[split] = {
            "total": res.total.as_dict(),
            "by_crisis": {k: v.as_dict() for k, v in res.by_crisis.items()},
            "by_style": {k: v.as_dict() for k, v in res.by_style.items()},
        }
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
