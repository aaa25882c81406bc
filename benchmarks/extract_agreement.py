"""How far two labellers agree on the real evaluation set (issue 14): the ceiling a tool can reach.

    python benchmarks/extract_agreement.py                    # every part that has second labels
    python benchmarks/extract_agreement.py --split final12 -v # one part, listing each disagreement

Some texts were labelled twice, blind: `tests/extract_real/labels/` (the first labels, the ones
`extract_real.py` scores against) and `tests/extract_real/labels_b/` (a second labeller who
followed docs/extract-labelling.md without seeing the first labels, the extractor or its scores).
This script reads the second labels as if they were an extractor's drafts and scores them with
`extract_real.py`'s own matching rules and fields, both ways (B against A, and A against B), so
the numbers are on the same scale as the extractor's. Beside them it scores `hfig extract` on the
same texts against each labeller.

Every second-label figure is read as a draft, breakdown parts and repeats included, the way the
extractor's drafts are: a repeat lands on the reference's repeat (a duplicate, neither rewarded
nor penalised), a breakdown part on a breakdown part (its own line), anything else on no
reference label is a false alarm.

A held-out part's second labels are refused: comparing them would list its figures.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extract_real as er

from hfig.core.dates import FuzzyDate, parse_fuzzy_date

SECOND = er.REAL / "labels_b"


@dataclass(frozen=True)
class Named:
    name: str


@dataclass(frozen=True)
class Span:
    start: FuzzyDate | None
    end: FuzzyDate | None


@dataclass(frozen=True)
class Qualifier:
    value: str


@dataclass(frozen=True)
class LabelDraft:
    """A label read as a draft: the fields `extract_real.score_text` reads, and nothing else."""

    figure: tuple[int, int]
    value: Any
    value_max: Any
    unit: str | None
    qualifier: Qualifier
    metric: str
    claimant: str | None
    claimant_how: str
    area: Named | None
    period: Span | None
    as_of: FuzzyDate | None


def _date(v: Any) -> FuzzyDate | None:
    return None if v is None else parse_fuzzy_date(str(v))


def as_drafts(text: str, labels: dict[str, Any]) -> list[LabelDraft]:
    figures: list[dict[str, Any]] = labels.get("figures") or []
    out = []
    for (start, end), f in zip(er.label_spans(text, figures), figures, strict=True):
        start_date, end_date = _date(f.get("period_start")), _date(f.get("period_end"))
        out.append(
            LabelDraft(
                figure=(start, end),
                value=f["value"],
                value_max=f.get("value_max"),
                unit=f.get("unit"),
                qualifier=Qualifier(f["qualifier"]),
                metric=f["metric"],
                claimant=f.get("claimant"),
                claimant_how="label",
                area=Named(str(f["area"])) if f.get("area") else None,
                period=Span(start_date, end_date) if start_date or end_date else None,
                as_of=_date(f.get("as_of")),
            )
        )
    return out


def replay(drafts: dict[str, list[LabelDraft]]) -> Callable[[er.Text], list[LabelDraft]]:
    """An "extractor" that gives each text the labels read as drafts."""
    return lambda t: drafts[t.id]


def with_labels(t: er.Text, labels: dict[str, Any]) -> er.Text:
    return er.Text(t.id, t.split, t.crisis, t.style, t.publisher, t.published, t.text, labels)


def pairs(split: str, second: Path = SECOND, first: Path | None = None) -> list[tuple[er.Text, er.Text]]:
    """(text with the first labels, the same text with the second) for each text labelled twice;
    `first` puts another labelling in the first labels' place (to compare two second labellers)."""
    out = []
    for t in er.load_set(split):
        path = second / f"{t.id}.yaml"
        if path.exists():
            if first is not None:
                t = with_labels(t, _read(first / f"{t.id}.yaml"))
            out.append((t, with_labels(t, _read(path))))
    return out


def _read(path: Path) -> dict[str, Any]:
    labels: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return labels


def parts_with_second_labels(second: Path = SECOND) -> list[str]:
    ids = {p.stem for p in second.glob("*.yaml")}
    sources = yaml.safe_load((er.REAL / "sources.yaml").read_text(encoding="utf-8"))["texts"]
    return sorted({s["split"] for s in sources if s["id"] in ids}, key=er.OPEN.index)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", action="append", help="a part with second labels (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement (B against A)")
    parser.add_argument("--second", type=Path, default=SECOND, help="the second labels' folder")
    parser.add_argument("--first", type=Path, help="read these labels in place of the first labels")
    parser.add_argument("--no-extractor", action="store_true", help="only the labellers, not hfig extract")
    args = parser.parse_args(argv)
    # (the protocol first: a held-out part is refused whether or not its texts are here)
    splits = args.split or parts_with_second_labels(args.second)
    held = sorted(set(splits) & er.HELD_OUT)
    if held:
        raise SystemExit(f"second labels of the held-out {', '.join(held)} part are not compared")
    if not er.texts_present():
        raise SystemExit("tests/extract_real/texts/ is missing: see benchmarks/fetch_extract_real.md")
    extractor = None if args.no_extractor else er.hfig_extractor()
    for split in splits:
        both = pairs(split, args.second, args.first)
        if not both:
            raise SystemExit(f"no second labels for the {split!r} part in {args.second}")
        first = [a for a, _ in both]
        second = [b for _, b in both]
        b_drafts = {b.id: as_drafts(b.text, b.labels) for b in second}
        a_drafts = {a.id: as_drafts(a.text, a.labels) for a in first}
        runs: list[tuple[str, list[er.Text], Callable[[er.Text], Any], bool]] = [
            ("B read against A", first, replay(b_drafts), args.verbose),
            ("A read against B", second, replay(a_drafts), False),
        ]
        if extractor is not None:
            runs += [("hfig extract against A", first, extractor, False),
                     ("hfig extract against B", second, extractor, False)]
        for title, texts, source, verbose in runs:
            res = er.run(texts, source, verbose)
            print(er.report(f"{split}, {title}", res, len(texts)))
            for line in res.total.lines:
                print("   ", line)
            print()


if __name__ == "__main__":
    main()
