"""The timeline chart: golden text at a fixed width, and PNG/SVG files when matplotlib is installed.

Refresh the golden files after an intended change with
`HFIG_UPDATE_GOLDEN=1 pytest tests/test_timeline_chart.py`, and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfig.cli import app
from hfig.cli.context import load_data
from hfig.core.timeline import build_timeline
from hfig.render.chart import (
    LABEL_WIDTH,
    RIGHT_MARGIN,
    Step,
    _axis,
    axis_step,
    render_chart,
    short_number,
    step_ticks,
    tick_label,
)
from hfig.render.timeline import By, scope_labels

from .conftest import fixture

GOLDEN = Path(__file__).parent / "golden"


def chart_of(name: str, width: int = 100, by: By = By.CLAIMANT) -> str:
    data = load_data([Path(fixture(name))])
    tl = build_timeline(data.claims, data.claimants, "displaced", unit="people")
    return render_chart(tl, scope_labels(tl, data.gazetteer), width=width, by=by)


def check_golden(text: str, name: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HFIG_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("scenario, by, golden", [
    ("timeline_band.yaml", By.CLAIMANT, "timeline_chart_band.txt"),
    ("timeline_band.yaml", By.SCOPE, "timeline_chart_band_by_scope.txt"),
    ("timeline_drop_and_restart.yaml", By.CLAIMANT, "timeline_chart_drop.txt"),
])
def test_chart_golden_at_100_columns(scenario: str, by: By, golden: str) -> None:
    text = chart_of(scenario, 100, by)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.isascii() and "\x1b" not in text
    check_golden(text, golden)


def test_chart_is_deterministic_and_respects_narrow_widths() -> None:
    assert chart_of("timeline_band.yaml") == chart_of("timeline_band.yaml")
    narrow = chart_of("timeline_band.yaml", width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60


def test_cli_chart_matches_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "displaced", "--data", fixture("timeline_band.yaml")],
                           env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    golden = (GOLDEN / "timeline_chart_band.txt").read_text(encoding="utf-8")
    assert result.stdout.endswith(golden)


def test_short_numbers() -> None:
    assert [short_number(x) for x in (229, 152210, 180000, 1300000, float("inf"))] == [
        "229", "152.2k", "180k", "1.3M", "inf"]


def test_plot_writes_png_and_svg(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    for name in ("chart.png", "chart.svg"):
        target = tmp_path / name
        result = runner.invoke(app, ["timeline", "displaced", "--plot", str(target), "--format", "csv",
                                     "--data", fixture("timeline_band.yaml")])
        assert result.exit_code == 0, result.output
        assert f"wrote {target}" in result.stderr
        assert result.stdout.startswith("row_type,")  # the data still goes to stdout
    png = (tmp_path / "chart.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and svg.rstrip().endswith("</svg>")
    assert "ocha" in svg and "Idleb" in svg
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_plot_svg_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from hfig.render.plot import write_plot

    data = load_data([Path(fixture("timeline_band.yaml"))])
    tl = build_timeline(data.claims, data.claimants, "displaced")
    labels = scope_labels(tl, data.gazetteer)
    write_plot(tl, labels, tmp_path / "a.svg")
    write_plot(tl, labels, tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_plot_into_a_missing_folder_is_an_io_error(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    result = runner.invoke(app, ["timeline", "displaced", "--plot", str(tmp_path / "nope" / "c.png"),
                                 "--data", fixture("timeline_band.yaml")])
    assert result.exit_code == 3 and "does not exist" in result.stderr and result.stdout == ""


def _axis_of(first: dt.date, last: dt.date, width: int) -> tuple[str, str, Step]:
    """The axis lines of a chart from `first` to `last` at `width`, as render_chart lays it out."""
    plot = width - LABEL_WIDTH - 1
    inner = plot - RIGHT_MARGIN
    span = max((last - first).days, 1)

    def col(day: dt.date) -> int:
        return round((day - first).days * (inner - 1) / span)

    labels, rule = _axis(first, last, col, plot)
    return labels, rule, axis_step(first, last, col, plot)[0]


@pytest.mark.parametrize(("first", "last", "width", "step"), [
    (dt.date(2019, 5, 2), dt.date(2019, 5, 9), 100, ("day", 1)),
    (dt.date(2019, 5, 2), dt.date(2019, 6, 20), 100, ("day", 7)),
    (dt.date(2019, 5, 6), dt.date(2019, 9, 6), 100, ("day", 14)),
    (dt.date(2019, 4, 28), dt.date(2020, 3, 5), 140, ("month", 1)),
    (dt.date(2019, 4, 28), dt.date(2020, 3, 5), 100, ("month", 2)),
    (dt.date(2022, 3, 2), dt.date(2024, 4, 16), 140, ("month", 3)),
    (dt.date(2022, 3, 2), dt.date(2024, 4, 16), 100, ("month", 6)),
    (dt.date(2019, 5, 6), dt.date(2024, 10, 22), 100, ("year", 1)),
    (dt.date(2019, 5, 6), dt.date(2024, 10, 22), 60, ("year", 2)),
    (dt.date(1901, 3, 1), dt.date(2099, 6, 1), 80, ("year", 50)),
])
def test_axis_ticks_are_evenly_spaced_in_calendar_terms(first, last, width, step) -> None:
    labels, rule, chosen = _axis_of(first, last, width)
    assert chosen == step
    pad = LABEL_WIDTH + 1
    columns = [i for i, c in enumerate(rule) if c == "+"]
    words = labels[pad:].split()
    if step[0] != "year":  # 'May 06', 'Jun 2019': two words a label
        words = [" ".join(words[i:i + 2]) for i in range(0, len(words), 2)]
    # every tick has its label, starting at its column, and labels never touch
    assert len(words) == len(columns) >= 1
    assert [labels.index(w, pad) for w in words] == columns
    days = [step_ticks(first, last, step)[i] for i in range(len(words))]
    assert [tick_label(d, step) for d in days] == words
    unit, n = step
    for a, b in pairwise(days):
        if unit == "day":
            assert (b - a).days == n and (n == 1 or a.weekday() == 0)
        elif unit == "month":
            assert (b.year * 12 + b.month) - (a.year * 12 + a.month) == n and a.day == b.day == 1
            assert (a.month - 1) % n == 0
        else:
            assert b.year - a.year == n and a.year % n == 0 and (a.month, a.day) == (1, 1)


def test_axis_is_the_same_every_time_and_fortnights_do_not_depend_on_the_span() -> None:
    one = _axis_of(dt.date(2019, 5, 6), dt.date(2019, 9, 6), 100)
    assert one == _axis_of(dt.date(2019, 5, 6), dt.date(2019, 9, 6), 100)
    assert step_ticks(dt.date(2019, 5, 1), dt.date(2019, 6, 1), ("day", 14)) == step_ticks(
        dt.date(2019, 5, 10), dt.date(2019, 6, 1), ("day", 14))[:2] == [dt.date(2019, 5, 13),
                                                                        dt.date(2019, 5, 27)]
