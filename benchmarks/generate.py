"""Write a realistic synthetic hfig data set of N claims, spread over many files.

    python benchmarks/generate.py 100000 --files 100 --out /tmp/hfig-bench-100k
    python benchmarks/generate.py 100000 --claimants 13 --metrics 10 --areas 60 --flows 0.2 \
        --out /tmp/hfig-bench-100k-groups    # large groups: about 170 claims per metric and area

The shape of the data is a parameter (issue 17): `--metrics K` draws metrics
from the first K of the list below, `--areas A` draws areas from A admin2 and
admin3 units (chosen with their own seed) instead of every admin unit, and
`--flows F` makes that share of claims figures for their own period only
(`cumulative: false`); the rest are running totals, as before. `--periods P`
draws each claim's reporting period from a pool of P (chosen with their own
seed), as real reports share "since 1 December 2019" or a month: claims then
form comparable groups of one metric, area and period. With the defaults the
output is the same, byte for byte, as before these options.

The records look like hand-written ones: quotes of a sentence or two, URLs,
publishers, fuzzy dates, areas as names or as P-code mappings, a few echoes
(`origin:`), inferred notes. Claimants are defined in the data set itself
(`00-claimants.yaml`), areas use real P-codes from data/reference/admin*.csv,
and every metric is one without a parent, so the generated data passes
`hfig validate`. Output is deterministic for a given seed. Write big sets to
/tmp, never into the repository.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"

# Metrics with no parent: claims of them can never trip the subset check.
METRICS = [
    "displaced", "idps", "people_killed", "people_injured", "aid_workers_killed", "health_attacks",
    "ambulance_attacks", "health_facilities_attacked", "health_facilities_damaged", "schools_attacked",
    "people_in_need", "tanks_destroyed",
]
KINDS = ["un", "ngo", "monitor", "civil_defence", "government", "party_to_conflict", "media"]
QUALIFIERS = ["exact"] * 6 + ["about", "at_least", "more_than", "up_to", "less_than", "between", "vague"]
VAGUE = ["several", "dozens", "hundreds", "thousands", "tens_of_thousands"]
_TEXT = """
the people families fled homes since shelling airstrikes hospitals were struck villages south of camps
near the border according to local teams reported that at least more than civilians including children
women killed injured in attacks on health facilities and schools across the district while aid agencies
warned of overcrowding in shelters
"""
WORDS = _TEXT.split()


def admin_units() -> list[tuple[str, str]]:
    units = []
    for level in (1, 2, 3):
        with open(REFERENCE / f"admin{level}.csv", encoding="utf-8", newline="") as fh:
            units += [(row["pcode"], row["name_en"]) for row in csv.DictReader(fh)]
    return units


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def claimants_file(n: int, rng: random.Random) -> str:
    lines = ["# Synthetic claimants for benchmarks (benchmarks/generate.py).", "hfig: 1", "", "claimants:"]
    for i in range(n):
        lines += [
            f"  - id: bench-claimant-{i:04d}",
            f"    name: Benchmark claimant number {i} ({rng.choice(['field office', 'network', 'agency'])})",
            f"    aliases: [BC{i:04d}]",
            f"    kind: {KINDS[i % len(KINDS)]}",
        ]
    return "\n".join(lines) + "\n"


Period = tuple[dt.date, dt.date]


def claim(i: int, rng: random.Random, units: list[tuple[str, str]], claimants: int,
          metrics: list[str] = METRICS, flows: float = 0.0, periods: list[Period] | None = None) -> list[str]:
    metric = rng.choice(metrics)
    qualifier = rng.choice(QUALIFIERS)
    if periods:
        start, end = rng.choice(periods)
    else:
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
        end = start + dt.timedelta(days=rng.randint(0, 90))
    as_of = end + dt.timedelta(days=rng.randint(0, 10))
    out = [f"  - id: b{i:07d}", f"    metric: {metric}"]
    if qualifier == "vague":
        out.append(f"    value: {rng.choice(VAGUE)}")
    else:
        value = rng.randint(1, 400000)
        out.append(f"    value: {value}")
        if qualifier == "between":
            out.append(f"    value_max: {value + rng.randint(1, 5000)}")
    if qualifier != "exact" or rng.random() < 0.5:
        out.append(f"    qualifier: {qualifier}")
    out.append(f"    claimant: bench-claimant-{rng.randrange(claimants):04d}")
    pcode, name = rng.choice(units)
    if rng.random() < 0.5:
        out.append(f"    area: {pcode}" if rng.random() < 0.5 else f"    area: {{pcodes: [{pcode}]}}")
    else:
        other, _ = rng.choice(units)
        out += ["    area:", f"      name: {quoted(name + ' and surroundings')}",
                f"      pcodes: [{pcode}, {other}]", "      precision: approximate"]
    # (a shared reporting period is written the same way by everyone, so that claims group)
    start_text = start.isoformat() if periods or rng.random() < 0.7 else f"{start:%Y-%m}-early"
    out += ["    period:", f"      start: {start_text}", f"      end: ~{end.isoformat()}"]
    if rng.random() < 0.3:
        out.append(f"      as_written: since {start:%B %Y}")
    if flows and rng.random() < flows:
        out.append("      cumulative: false")
    out.append(f"    as_of: {as_of.isoformat()}")
    if rng.random() < 0.8:
        kind = rng.choice(["Situation report", "Flash update", "Press release", "News article"])
        out.append(f"    publisher: {kind} {rng.randint(1, 400)}")
        out.append(f"    url: https://example.org/reports/{as_of.year}/{i:07d}")
        out.append(f"    published: {as_of.isoformat()}")
    if rng.random() < 0.7:
        out.append(f"    quote: {quoted(sentence(rng, 8, 30))}")
    if rng.random() < 0.1:
        out.append(f"    notes: {sentence(rng, 5, 15)}")
    if i > 0 and rng.random() < 0.05:
        out.append(f"    origin: b{rng.randrange(max(0, i - 500), i):07d}")
    if rng.random() < 0.05:
        reason = quoted("read from the report header, " + sentence(rng, 3, 8))
        out += ["    inferred:", f"      as_of: {reason}"]
    return out


def area_pool(size: int | None, seed: int) -> list[tuple[str, str]]:
    """Every admin unit (None), or `size` admin2 and admin3 units, many claims sharing each."""
    units = admin_units()
    if size is None:
        return units
    lower = [u for u in units if len(u[0]) > 4]  # SY07 is a governorate; SY0700, SY070000 below it
    return random.Random(seed + 1).sample(lower, min(size, len(lower)))


def period_pool(size: int | None, seed: int) -> list[Period] | None:
    """None (every claim its own period), or `size` reporting periods that claims share."""
    if size is None:
        return None
    rng = random.Random(seed + 2)
    starts = [dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 4000)) for _ in range(size)]
    return [(start, start + dt.timedelta(days=rng.randint(0, 90))) for start in starts]


def generate(claims: int, files: int, out: Path, *, claimants: int = 400, seed: int = 6,
             metrics: int | None = None, areas: int | None = None, flows: float = 0.0,
             periods: int | None = None) -> None:
    rng = random.Random(seed)
    units = area_pool(areas, seed)
    pool = period_pool(periods, seed)
    chosen = METRICS[:metrics] if metrics else METRICS
    out.mkdir(parents=True, exist_ok=True)
    (out / "00-claimants.yaml").write_text(claimants_file(claimants, rng), encoding="utf-8")
    per_file = -(-claims // files)
    for f in range(files):
        first, last = f * per_file, min(claims, (f + 1) * per_file)
        if first >= last:
            break
        lines = [f"# Synthetic claims {first}-{last - 1} (benchmarks/generate.py)", "hfig: 1", "", "claims:"]
        for i in range(first, last):
            lines += claim(i, rng, units, claimants, chosen, flows, pool)
        (out / f"claims-{f:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--claimants", type=int, default=400)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--metrics", type=int, help=f"draw from the first K of the {len(METRICS)} metrics")
    parser.add_argument("--areas", type=int, help="draw areas from this many admin2/admin3 units")
    parser.add_argument("--flows", type=float, default=0.0,
                        help="share of claims for their own period only (cumulative: false)")
    parser.add_argument("--periods", type=int,
                        help="draw reporting periods from a pool of this many (default: each claim its own)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    generate(args.claims, args.files, args.out, claimants=args.claimants, seed=args.seed,
             metrics=args.metrics, areas=args.areas, flows=args.flows, periods=args.periods)
    groups = (args.metrics or len(METRICS)) * (args.areas or len(admin_units()))
    per_period = args.claims / groups / (args.periods or 1)
    shared = f", {per_period:.1f} per metric, area and period" if args.periods else ""
    sys.stderr.write(f"wrote {args.claims} claims in {args.files} files to {args.out} "
                     f"(about {args.claims / groups:.1f} claims per metric and area{shared})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
