"""Terminal tables fit the width without breaking a word or a number (hfig.render.terminal).

Refresh the golden files after an intended change with
    HFIG_GOLDEN_UPDATE=1 python -m pytest tests/test_tables_fit.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfig.cli import app
from hfig.render.table import Column, ResultTable
from hfig.render.terminal import atoms, cell_text, plan, render_terminal

from .conftest import fixture

GOLDEN = Path(__file__).parent / "golden"
COMMANDS = [
    ["summary"],
    ["summary", "--region", "idlib"],
    ["compare", "displaced"],
    ["compare", "civilians_killed", "--include-parties"],
    ["records"],
    ["timeline", "displaced"],
    ["timeline", "civilians_killed", "--by", "scope"],
    ["explain"],
]


def run(runner: CliRunner, args: list[str], width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def allowed_pieces(text: str) -> set[str]:
    """Every run of whole atoms of every word: what a line may show of that word."""
    out = set()
    for word in text.split():
        parts = atoms(word)
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                out.add("".join(parts[i:j]))
    return out


def vocabulary(args: list[str]) -> set[str]:
    """The words of every cell, heading, title, note and legend the command can print (any width)."""
    import hfig

    ds = hfig.load()
    name = args[0]
    options = {"region": "idlib"} if "--region" in args else {}
    if name == "summary":
        tables = [ds.summary_table(**options)]
    elif name == "explain":
        tables = [ds.explain_table()]
    elif name == "compare":
        tables = list(ds.compare_tables(args[1], include_parties="--include-parties" in args))
    elif name == "records":
        tables = [ds.records_table()]
    else:
        from hfig.render.timeline import band_table, series_table

        by = hfig.By.SCOPE if "--by" in args else hfig.By.CLAIMANT
        long = ds.timeline_table(args[1], by=by)
        tables = [series_table(long, by), band_table(long)]
    words: set[str] = set()
    for table in tables:
        texts = [table.title or "", *table.notes, *table.color_notes]
        texts += [note for width in (80, 100, 160) for note in plan(table, width).legend]
        for c in table.columns:
            texts += [c.heading, c.short, c.meaning]
            texts += [cell_text(row.get(c.name)) for row in table.rows]
        for text in texts:
            words |= allowed_pieces(text)
    return words


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_at_80_columns_nothing_is_wider_and_no_word_is_split(args: list[str], runner: CliRunner,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    text = run(runner, args, 80, monkeypatch)
    lines = text.split("\n")
    assert max(len(line) for line in lines) <= 80
    chart_starts = next((i for i, line in enumerate(lines) if " by as-of date (" in line), len(lines))
    table_text = "\n".join(lines[:chart_starts])  # the timeline's chart draws, it has no words
    known = vocabulary(args)
    split = {w for w in table_text.split() if not set(w) <= set("─│→…·") and w not in known}
    assert not split, sorted(split)[:20]


@pytest.mark.parametrize("width", [80, 100, 160])
@pytest.mark.parametrize("name, args", [
    ("summary_parties", ["summary", "--data", fixture("reconcile_parties.yaml")]),
    ("summary_scopes", ["summary", "--data", fixture("reconcile_scopes.yaml")]),
    ("compare_echo", ["compare", "displaced", "--data", fixture("reconcile_echo.yaml")]),
    ("records_minimal", ["records", "--data", fixture("valid_minimal.yaml")]),
    ("explain_units", ["explain", "--data", fixture("reconcile_units.yaml")]),
    ("timeline_band", ["timeline", "displaced", "--data", fixture("timeline_band.yaml")]),
])
def test_golden_tables(name: str, args: list[str], width: int, runner: CliRunner,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = run(runner, args, width, monkeypatch)
    text = re.sub(re.escape(str(Path(fixture("x")).parent)) + r"/", "", text)
    assert max(len(line) for line in text.split("\n")) <= width
    path = GOLDEN / f"table_{name}_{width}.txt"
    if os.environ.get("HFIG_GOLDEN_UPDATE") or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_silent_columns_are_left_out_and_said_so() -> None:
    table = ResultTable("t", [Column("name"), Column("echoes", quiet="0"),
                              Column("best", same_as="range"), Column("range")],
                        [{"name": "a", "echoes": 0, "best": "5", "range": "5"},
                         {"name": "b", "echoes": 0, "best": "7", "range": "7"}])
    text = render_terminal(table, 80)
    assert "echoes" not in text.split("\n")[0] and "best" not in text.split("\n")[0]
    assert "Not shown: echoes (0 in every row), best (the range in every row)." in " ".join(text.split())


def test_chosen_columns_are_shown_as_they_are(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["summary", "--columns", "metric,echoes,as_of_date", "--data", fixture("reconcile_parties.yaml")]
    text = run(runner, args, 80, monkeypatch)
    lines = text.split("\n")
    assert lines[1].split() == ["metric", "echoes", "as", "of", "date"]
    assert lines[3].split() == ["people_killed", "0", "2019-05-24"]  # a quiet 0 is shown when asked for
    assert "Not shown" not in text


def test_too_narrow_for_a_table_gives_one_field_per_line() -> None:
    columns = [Column(f"column_{i}") for i in range(8)]
    table = ResultTable("t", columns, [{c.name: f"value-{c.name}" for c in columns}])
    text = render_terminal(table, 60)
    assert "\ncolumn 0  value-column_0\ncolumn 1  value-column_1\n" in text
    assert max(len(line) for line in text.split("\n")) <= 60


def test_a_long_identifier_breaks_only_after_an_underscore() -> None:
    table = ResultTable("t", [Column("metric"), Column("text")],
                        [{"metric": "aid_workers_injured", "text": "x" * 16}])
    lines = render_terminal(table, 30).split("\n")
    column = [line[:13].rstrip() for line in lines[2:5]]
    assert column == ["aid_workers_", "injured", ""]


def test_the_status_line_shows_on_a_terminal_only_after_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    from hfig.cli import feedback

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(feedback, "_stderr", lambda: err)
    monkeypatch.setattr(feedback, "DELAY", 0.05)
    with feedback.status_line():
        feedback.stage("reconciling")
        time.sleep(0.2)
    assert "hfig: reconciling (0 s)" in err.getvalue() and err.getvalue().endswith("\r\x1b[K")
    quiet = io.StringIO()  # not a terminal: nothing, however long
    monkeypatch.setattr(feedback, "_stderr", lambda: quiet)
    with feedback.status_line():
        feedback.stage("reconciling")
        time.sleep(0.2)
    assert quiet.getvalue() == ""
