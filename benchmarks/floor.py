"""The least a pure-Python full `hfig summary --format csv` could cost after the load.

    python benchmarks/floor.py /tmp/hfig-bench-100k

Each claim of the (cached) data set becomes one CSV line of 47 cells - about what a row of the
summary holds - made from its own fields with the cheapest Python there is (attribute reads,
one f-string per number, `;`.join of the P-codes, `str` of the dates), written by the C
`csv.writer`. Nothing is reconciled, grouped, related or sorted: a real summary does all that
on top. The CPU seconds printed (least of five, in this process, the collector off as `hfig` runs)
are therefore a floor under the summary's own work, for docs/performance.md's "The floor under a
cold summary". Run `benchmarks/run.py` on the same folder for the load and the baseline.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import csv
import gc
import io
import platform
import sys
import time
from typing import Any

from hfig.api import load
from hfig.core.model import Claim


def cells(claim: Claim) -> tuple[Any, ...]:
    """47 cells from the claim's own fields: the text, numbers and dates a summary row shows."""
    area, period, value = claim.area, claim.period, claim.value
    number = None if isinstance(value, str) else value
    shown = value if number is None else f"{number:,.0f}"
    return (claim.metric, area.name, ";".join(area.pcodes), str(claim.as_of), str(period.start),
            str(period.end), claim.claimant, number, number, shown, claim.qualifier.value, claim.id,
            claim.claimant, area.name, shown, claim.unit, claim.publisher, claim.url, str(claim.published),
            claim.origin, claim.disputed, claim.credibility, 1, 1, 0, *([""] * 22))


def main() -> None:
    data = load(sys.argv[1])
    claims = list(data.dataset.claims)
    gc.disable()
    times = []
    for _ in range(5):
        start = time.process_time()
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([cells(c) for c in claims])
        times.append(time.process_time() - start)
        size = len(out.getvalue())
        del out
    print(f"{len(claims):,} claims -> {size / 1e6:.1f} MB of CSV: least {min(times):.2f} s CPU of 5 "
          f"(Python {platform.python_version()}, {platform.machine()})")


if __name__ == "__main__":
    main()
