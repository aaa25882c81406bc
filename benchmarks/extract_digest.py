"""Digests of what `hfig extract` drafts, to show a change to speed left every draft byte-identical.

Runs the extractor on every real evaluation text (tests/extract_real/texts/, with each text's
publisher and publication date from sources.yaml, as benchmarks/extract_real.py calls it), on
every passage of the self-written sets (tests/extract_eval/, as benchmarks/extract_eval.py
calls it) and on the two 100 KB timing texts, and prints one SHA-256 per text of its drafts in
a canonical JSON form (every field, keys sorted). Save the digests before a change, check after:

    python benchmarks/extract_digest.py --save /tmp/extract-before.txt
    python benchmarks/extract_digest.py --check /tmp/extract-before.txt

The real texts are not committed; without them only the self-written sets are digested (and
`--check` says which digests it could not compare).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from hfig.core.dates import parse_fuzzy_date  # noqa: E402
from hfig.core.model import Claimant, ClaimantKind  # noqa: E402
from hfig.extract import DraftClaim, extract  # noqa: E402

REAL = ROOT / "tests" / "extract_real"
EVAL_SETS = ("dev", "heldout", "realistic", "realistic2", "realistic3", "realistic4", "realistic5")


def canonical(drafts: list[DraftClaim]) -> bytes:
    """The drafts' full content as JSON with sorted keys: equal bytes iff equal drafts."""
    builtins = msgspec.to_builtins(drafts)
    return json.dumps(builtins, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def digests() -> Iterator[tuple[str, str]]:
    """(name, sha256) for every text, in a fixed order."""
    from hfig.cli.context import load_data

    ds = load_data(None)

    def run(text: str, claimants: Any, published: str, publisher: str | None, all_metrics: bool) -> str:
        drafts = extract(
            text,
            metrics=ds.metrics,
            claimants=claimants,
            gazetteer=ds.gazetteer,
            published=parse_fuzzy_date(published),
            publisher=publisher,
            all_metrics=all_metrics,
        )
        return hashlib.sha256(canonical(drafts)).hexdigest()

    if (REAL / "texts").is_dir():
        sources = yaml.safe_load((REAL / "sources.yaml").read_text(encoding="utf-8"))["texts"]
        for s in sorted(sources, key=lambda s: str(s["id"])):
            path = REAL / "texts" / f"{s['id']}.txt"
            if path.exists():
                text = path.read_text(encoding="utf-8")
                yield f"real/{s['id']}", run(text, ds.claimants, str(s["published"]), s["publisher"], False)
    for name in EVAL_SETS:
        data = yaml.safe_load((ROOT / "tests" / "extract_eval" / f"{name}.yaml").read_text(encoding="utf-8"))
        claimants = dict(ds.claimants)
        for c in data.get("claimants", []):
            claimants[c["id"]] = Claimant(c["id"], c["name"], ClaimantKind(c["kind"]))
        for i, p in enumerate(data["passages"]):
            yield (
                f"eval/{name}/{i}:{p.get('id', '')}",
                run(p["text"], claimants, str(p["published"]), p.get("publisher"), True),
            )
    from extract_eval import real_text, timing_text

    yield "timing/self-written", run(timing_text(), ds.claimants, "2019-06-01", "Eval Wire", False)
    if (REAL / "texts").is_dir():
        yield "timing/real", run(real_text(), ds.claimants, "2019-06-01", "Eval Wire", False)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path, help="write the digests to this file")
    group.add_argument("--check", type=Path, help="compare with the digests in this file")
    args = parser.parse_args()
    found = dict(digests())
    lines = [f"{d}  {name}" for name, d in found.items()]
    if args.save:
        args.save.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(found)} digests written to {args.save}")
    elif args.check:
        lines = args.check.read_text(encoding="utf-8").splitlines()
        saved = {name: d for d, name in (line.split("  ", 1) for line in lines)}
        changed = [n for n in saved if n in found and found[n] != saved[n]]
        missing = [n for n in saved if n not in found]
        new = [n for n in found if n not in saved]
        for n in changed:
            print(f"CHANGED {n}")
        for n in missing:
            print(f"not compared (not run): {n}")
        for n in new:
            print(f"not compared (not saved): {n}")
        same = len(saved) - len(changed) - len(missing)
        print(f"{same} identical, {len(changed)} changed, {len(missing)} not run, {len(new)} new")
        sys.exit(1 if changed or missing or new else 0)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
