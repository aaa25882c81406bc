"""Draft one part of the real evaluation set with an old version of the extractor, as JSON lines.

    python benchmarks/extract_old_drafts.py TREE PART > drafts.jsonl

TREE is a folder holding an old commit's `hfig/` and `data/` (`git archive COMMIT hfig data`);
its `hfig` is imported in place of this checkout's. benchmarks/extract_model.py (`--first-run`)
uses it to draft each open part with the code it was first scored with, before any rule was
tuned on it. One line per text: {"id": ..., "drafts": [{metric, value, ..., figure, sentence}]}.
Never run on the held-out part: its name is refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "tests" / "extract_real"
OPEN = ("dev", "test", "final", "final2", "final3", "final4")


def main() -> None:
    tree, part = sys.argv[1], sys.argv[2]
    if part not in OPEN:
        raise SystemExit(f"{part!r} is not an open part")
    sys.path.insert(0, tree)
    import yaml

    import hfig

    if not str(Path(hfig.__file__).resolve()).startswith(str(Path(tree).resolve())):
        raise SystemExit(f"imported {hfig.__file__}, not the old tree's hfig")
    from hfig.cli.context import load_data
    from hfig.core.dates import parse_fuzzy_date
    from hfig.extract import extract

    ds = load_data(None)
    for s in yaml.safe_load((REAL / "sources.yaml").read_text(encoding="utf-8"))["texts"]:
        path = REAL / "texts" / f"{s['id']}.txt"
        if s["split"] != part or not path.exists():
            continue
        drafts = extract(
            path.read_text(encoding="utf-8"),
            metrics=ds.metrics,
            claimants=ds.claimants,
            gazetteer=ds.gazetteer,
            published=parse_fuzzy_date(str(s["published"])),
            publisher=s["publisher"],
        )
        out = [
            {
                "metric": d.metric,
                "value": d.value,
                "value_max": d.value_max,
                "unit": getattr(d, "unit", None),
                "qualifier": d.qualifier.value,
                "figure": list(d.figure),
                "sentence": list(getattr(d, "sentence", d.figure)),
                "subset": getattr(d, "subset", None),
                "part_of": list(d.part_of) if getattr(d, "part_of", None) else None,
                "claimant": d.claimant,
            }
            for d in drafts
        ]
        print(json.dumps({"id": s["id"], "drafts": out}, sort_keys=True))


if __name__ == "__main__":
    main()
