"""The timeline chart as a PNG or SVG file, drawn with matplotlib (the `plot` extra).

matplotlib is imported only inside `write_plot`, so `hfig` starts fast and runs
without it. The file is written to a temporary name beside the target and
renamed into place: a failure never leaves a half-written file.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from hfig.core.qualifiers import Qualifier
from hfig.core.timeline import Flag, Timeline
from hfig.render.timeline import By, ordered_series

_MARKERS = {
    Qualifier.EXACT: "o",
    Qualifier.ABOUT: "D",
    Qualifier.AT_LEAST: "^",
    Qualifier.MORE_THAN: "^",
    Qualifier.UP_TO: "v",
    Qualifier.LESS_THAN: "v",
    Qualifier.BETWEEN: "s",
    Qualifier.VAGUE: "x",
}


def write_plot(timeline: Timeline, labels: Mapping[tuple[str, ...], str], path: Path,
               *, by: By = By.CLAIMANT) -> None:
    """Write the chart: a line per series (markers by qualifier), the band shaded per scope."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed, and the same output everywhere
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    # Deterministic SVG: fixed ids and no timestamp in the file.
    matplotlib.rcParams["svg.hashsalt"] = "hfig"
    matplotlib.rcParams["svg.fonttype"] = "none"

    fig, ax = plt.subplots(figsize=(12, 5.5), dpi=100)
    try:
        finite_highs: list[float] = []
        for series in ordered_series(timeline, by):
            reports = [p for p in series.points if Flag.ECHO not in p.flags]
            if not reports:
                continue
            days = [float(p.date.toordinal()) for p in reports]
            values = [p.claim.interval.low if isinstance(p.claim.value, str) else float(p.claim.value)
                      for p in reports]
            finite_highs += values
            name = f"{series.claimant} · {labels[series.scope]}"
            if any(Flag.PARTY in p.flags for p in reports):
                name += " (party)"
            (line,) = ax.plot(days, values, "-", linewidth=1, label=name)
            for p, day, value in zip(reports, days, values, strict=True):
                ax.plot([day], [value], _MARKERS[p.claim.qualifier], color=line.get_color(),
                        fillstyle="none" if Flag.FELL in p.flags else "full")
        groups: dict[tuple[tuple[str, ...], str], list[tuple[float, float, float]]] = {}
        for b in timeline.band:
            groups.setdefault((b.scope, b.start), []).append(
                (float(b.date.toordinal()), b.interval.low, b.interval.high))
        for points in groups.values():
            finite_highs += [lo for _, lo, _ in points] + [hi for _, _, hi in points if not math.isinf(hi)]
        top = max(finite_highs, default=1.0) * 1.15 or 1.0
        for (scope, start), points in sorted(groups.items()):
            days = [d for d, _, _ in points]
            lows = [lo for _, lo, _ in points]
            highs = [top if math.isinf(hi) else hi for _, _, hi in points]
            name = f"band · {labels[scope]}" + (f" from {start}" if start else "")
            if any(math.isinf(hi) for _, _, hi in points):
                name += " (top edge: no upper bound)"
            ax.fill_between(days, lows, highs, step="post", alpha=0.15, label=name)
        ax.set_ylim(bottom=0, top=top)
        ax.set_title(f"{timeline.metric}: figures by as-of date (▲ more than / at least, ● exact)")
        ax.set_xlabel("as-of date (fuzzy dates at their middle day)")
        ax.set_ylabel(timeline.metric)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        # x is the proleptic ordinal of the day: plain numbers, labelled as ISO dates.
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: dt.date.fromordinal(int(v)).isoformat()))
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        fig.autofmt_xdate()
        fig.tight_layout()
        _save_atomically(fig, path)
    finally:
        plt.close(fig)


def _save_atomically(fig: object, path: Path) -> None:
    suffix = path.suffix.lower()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent or Path("."))
    os.close(fd)
    try:
        metadata = {"Date": None} if suffix == ".svg" else {"Software": None}
        fig.savefig(tmp, format=suffix.lstrip("."), metadata=metadata)  # type: ignore[attr-defined]
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a written chart is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
