"""The Python API, used as a notebook would: `import hfig; ds = hfig.load(); ds.summary()`."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import hfig
from hfig.cli import app
from hfig.core.model import Problem, SourceRef

from .conftest import FIXTURES, fixture


def cli_json(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_notebook_summary_of_the_bundled_data_matches_the_cli(runner: CliRunner) -> None:
    ds = hfig.load()
    df = ds.summary()
    envelope = cli_json(runner, "summary")
    assert list(df.columns) == envelope["columns"]
    assert len(df) == len(envelope["rows"]) > 30  # type: ignore[arg-type]
    # real dtypes: numbers, nullable flags, days as datetime64 beside the text as written
    assert str(df["low"].dtype) in ("Int64", "Float64") and str(df["echoes"].dtype) == "Int64"
    assert str(df["low_open"].dtype) == "boolean"
    assert str(df["as_of_date"].dtype) == "datetime64[ns]"
    assert str(df["as_of"].dtype) == "string" and str(df["as_of_precision"].dtype) == "string"
    for i, row in enumerate(envelope["rows"]):  # type: ignore[arg-type]
        for name, value in row.items():
            got = df.at[i, name]
            if value is None:
                assert got is None or got is pd.NA or (isinstance(got, float) and math.isnan(got)) \
                    or pd.isna(got), (i, name, got)
            elif name.endswith("_date"):
                assert got == pd.Timestamp(value), (i, name)
            elif isinstance(value, list):
                assert list(got) == value, (i, name)
            else:
                assert got == value, (i, name, got, value)
    # open bounds: NA, and the flag says which end
    open_high = df[df["high_open"]]
    assert len(open_high) and open_high["high"].isna().all()
    fuzzy = df[df["as_of"].str.startswith("~")]
    assert len(fuzzy) and (fuzzy["as_of_precision"] == "about").all()


def test_every_question_has_a_frame_and_a_table() -> None:
    ds = hfig.load()
    records = ds.records(metric="displaced")
    assert (records["metric"] == "displaced").all() and str(records["value"].dtype) in ("Int64", "object")
    assert str(records["as_of_date"].dtype) == "datetime64[ns]"
    compare = ds.compare("displaced", region="idlib")
    assert set(compare["line"]) == {"claim", "reconciled"}
    timeline = ds.timeline("displaced", every="week")
    assert set(timeline["row_type"]) == {"report", "band"}
    assert str(timeline["date"].dtype) == "datetime64[ns]"
    assert ds.explain(metric="displaced")["status"].isin(["result", "used", "set aside"]).all()
    assert "displaced" in set(ds.metrics()["name"]) and "unhcr" in set(ds.claimants()["id"])
    table = ds.summary_table(region="idlib")
    assert isinstance(table, hfig.ResultTable) and table.kind == "summary"


def test_options_as_keywords_accept_text_and_dates() -> None:
    ds = hfig.load()
    by_text = ds.summary(metric="displaced", as_of="2019-05-31", best="median")
    by_date = ds.summary(metric="displaced", as_of=dt.date(2019, 5, 31), best=hfig.BestRule.MEDIAN)
    assert by_text.equals(by_date)
    assert set(by_text["best_rule"]) == {"median"}
    later = ds.summary(metric="displaced")
    assert len(later) >= len(by_text)


def test_bad_options_raise_hfig_errors_with_the_cli_message() -> None:
    ds = hfig.load()
    with pytest.raises(hfig.HfigError, match="did you mean 'displaced'"):
        ds.summary(metric="displacd")
    with pytest.raises(hfig.HfigError, match="--as-of"):
        ds.summary(as_of="May 2019")
    with pytest.raises(hfig.HfigError, match="--best"):
        ds.summary(best="highest")
    with pytest.raises(hfig.HfigError) as missing:
        hfig.load("no/such/folder")
    assert missing.value.code == hfig.ExitCode.IO_ERROR


def test_bad_data_raises_with_every_problem_or_is_skipped() -> None:
    with pytest.raises(hfig.HfigError) as error:
        hfig.load(FIXTURES / "many_problems.yaml")
    assert error.value.code == hfig.ExitCode.INVALID_DATA
    assert len(error.value.problems) == 4
    mixed = [fixture("many_problems.yaml"), fixture("valid_minimal.yaml")]
    ds = hfig.load(*mixed, skip_invalid=True)
    assert len(ds.skipped) == 3  # claims a, b and c
    assert {r.line for r in ds.skipped.records} == {2, 8, 14}
    assert len(ds.records()) == len(hfig.load(fixture("valid_minimal.yaml")).records())


def test_bad_data_names_its_problems_in_the_exception_text() -> None:
    # What a notebook's traceback shows is str(error): the problems themselves, located, not
    # only their number; the CLI prints `message` after the problems, so it keeps the count only.
    with pytest.raises(hfig.HfigError) as error:
        hfig.load(FIXTURES / "unknown_claimant.yaml")
    text = str(error.value)
    assert text.startswith(error.value.message) and error.value.message.startswith("1 problem")
    assert "unknown_claimant.yaml:5:15: error[unknown-claimant]: 'UOSSM'" in text
    assert "(did you mean 'uossm'?)" in text
    many = [Problem("unknown-metric", f"metric {i}", SourceRef("a.yaml", i, 1)) for i in range(1, 8)]
    lines = str(hfig.HfigError("7 problems", hfig.ExitCode.INVALID_DATA, many)).splitlines()
    assert lines[0] == "7 problems" and lines[1] == "  a.yaml:1:1: error[unknown-metric]: metric 1"
    assert len(lines) == 7 and lines[-1] == "  ... and 2 more (every one in .problems)"
    assert str(hfig.HfigError("--best: 'x' is not one of ...")) == "--best: 'x' is not one of ..."


def test_a_crisis_hfig_has_no_records_of_reconciles_as_worked_by_hand() -> None:
    # A researcher's own file (docs/api.md): the expectations were written before running.
    ds = hfig.load(fixture("notebook_cabo_delgado.yaml"))
    rows = ds.summary().set_index("row")
    palma = rows.loc["displaced/MZ0110/from 2021-03-24"]
    # IOM DTM's later running total supersedes its earlier one; OCHA's is 18 days older than the
    # newest (stale); Lusa's echo counts once, with its origin; the party stays in its own row
    assert palma["range"] == "more than 30,000 (and 30,200)" and palma["high_open"]
    assert (palma["implied_low"], palma["implied_high"], palma["best"]) == (30200, 30200, 30200)
    assert (palma["sources"], palma["echoes"]) == ("2 of 3", 1)
    assert sorted(palma["set_aside"]) == ["dtm-palma-1", "lusa-palma", "ocha-palma"]
    assert palma["flags"] == ["party_claims_excluded"]
    party = rows.loc["displaced/MZ0110/from 2021-03-24/party"]
    assert (party["low"], party["high"], party["flags"]) == (0, 8000, ["party_claims", "single_source"])
    # a stock on one date: OCHA's "about 600,000" (written MZ-P, the ISO code) and DTM's 580,000
    idps = rows.loc["idps/MZ01/as of 2021-02-28"]
    assert (idps["low"], idps["high"], idps["best"], idps["n_independent"]) == (540000, 660000, 580000, 2)
    why = ds.explain(metric="displaced").set_index("claim")["reason"]
    assert why["ocha-palma"] == "stale: said 18 days before the latest figure in this row"
    assert why["lusa-palma"] == "echo of dtm-palma-2"
    known = ds.summary(as_of="2021-04-10", metric="displaced").set_index("row")
    assert known.loc["displaced/MZ0110/from 2021-03-24", "range"] == "9,900 – more than 11,000"


def test_a_column_of_numbers_is_numeric_even_when_this_answer_leaves_it_empty() -> None:
    # No claim of the fixture has a nested bound, a household size, a value_max or a grade:
    # those columns were `object` columns of None, and pd.concat with another answer made
    # every number in them an object.
    ds = hfig.load(fixture("notebook_cabo_delgado.yaml"))
    summary, records = ds.summary(), ds.records()
    assert summary["nested_low"].isna().all() and str(summary["nested_low"].dtype) == "Float64"
    assert str(summary["nested_high"].dtype) == "Float64"
    assert records["household_size"].isna().all() and str(records["household_size"].dtype) == "Float64"
    assert str(records["value_max"].dtype) == "Int64" and str(records["credibility"].dtype) == "Int64"
    both = pd.concat([summary, hfig.load().summary(region="idlib")])
    assert str(both["nested_low"].dtype) == "Float64"
    nothing = ds.summary(region="Rakhine")
    assert len(nothing) == 0 and str(nothing["low"].dtype) == "Float64"
    assert str(nothing["n_independent"].dtype) == "Int64" and str(nothing["best_bounded"].dtype) == "boolean"


def test_every_column_of_numbers_or_flags_says_what_it_holds_when_empty() -> None:
    from hfig.render.frame import _EMPTY_KIND
    from hfig.render.table import table_columns

    ds = hfig.load()
    tables = [ds.records_table(), ds.summary_table(), ds.compare_table("displaced"),
              ds.timeline_table("displaced", every="week"), ds.metrics_table(), ds.claimants_table()]
    seen: dict[str, set[type]] = {}
    for table in tables:
        names = [c.name for c in table.machine_columns]
        for name, cells in zip(names, table_columns(table.rows, names), strict=True):
            seen.setdefault(name, set()).update(type(v) for v in cells if v is not None)
    numbers = {n for n, kinds in seen.items() if kinds and kinds <= {int, float}}
    flags = {n for n, kinds in seen.items() if kinds == {bool} and not n.endswith("_open")}
    # `line` is never empty (every claim has one; compare's `line` is text)
    assert numbers - {"line"} and flags
    assert (numbers - {"line"}) <= set(_EMPTY_KIND) and flags <= set(_EMPTY_KIND)
    assert all(_EMPTY_KIND[n] in ("Int64", "Float64") for n in numbers - {"line"})


def test_a_period_end_after_as_of_is_among_the_warnings_a_notebook_sees() -> None:
    ds = hfig.load(fixture("period_end_after_as_of.yaml"))
    assert [(w.code, w.where.line if w.where else None) for w in ds.warnings] == [("period-after-as-of", 9)]


def test_the_export_recipe_of_docs_api_writes_lists_as_the_cli_csv_does(runner: CliRunner) -> None:
    import csv
    import io

    path = fixture("notebook_cabo_delgado.yaml")
    df = hfig.load(path).summary()
    lists = [c for c in df.columns if df[c].map(lambda v: isinstance(v, list)).any()]
    out = io.StringIO()
    df.assign(**{c: df[c].str.join(";") for c in lists}).to_csv(out, index=False)
    ours = list(csv.DictReader(io.StringIO(out.getvalue())))
    result = runner.invoke(app, ["summary", "--data", path, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    theirs = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"scope", "flags", "claim_ids", "set_aside"} <= set(lists) and len(ours) == len(theirs) == 3
    for mine, cli in zip(ours, theirs, strict=True):
        assert [mine[c] for c in lists] == [cli[c] for c in lists]
    assert ours[0]["set_aside"] == "dtm-palma-1;lusa-palma;ocha-palma"


def test_an_admin1_unit_by_hand_replaces_the_iso_subdivisions_as_docs_places_says() -> None:
    ds = hfig.load(fixture("notebook_cabo_delgado.yaml"))
    assert len(ds.summary(region="MZ-P")) == len(ds.summary(region="Cabo Delgado")) == 3
    with pytest.raises(hfig.HfigError, match="'Niassa' is not a place hfig knows"):
        ds.summary(region="Niassa")


def test_load_is_callable_whatever_was_imported_first() -> None:
    code = ("import hfig.load.loader, hfig.load.paths, hfig; ds = hfig.load(); "
            "print(type(ds).__name__, hfig.load.paths.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Data", "hfig.load.paths"]


def test_import_hfig_is_cheap_and_pandas_waits_for_a_frame() -> None:
    code = ("import sys, hfig; before = set(sys.modules); ds = hfig.load(); t = ds.summary_table(); "
            "mid = 'pandas' in sys.modules; ds.summary(); "
            "heavy = ('typer', 'rich', 'pandas', 'yaml', 'hfig'); "
            "print(sorted(m for m in before if m.split('.')[0] in heavy), mid, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parent.parent)
    first, mid, last = out.stdout.rsplit(" ", 2)
    assert first.strip() == "['hfig']"  # import hfig: nothing but itself
    assert (mid, last.strip()) == ("False", "True")


# --- one rule for every frame (thirteenth session) -----------------------------------------------


def _frames(ds: hfig.Data, **where: str) -> dict[str, pd.DataFrame]:
    """Every question's frame, about one metric (and region)."""
    return {"records": ds.records(**where), "summary": ds.summary(**where), "explain": ds.explain(**where),
            "compare": ds.compare(**where), "timeline": ds.timeline(**where)}


def test_a_question_with_no_claims_says_so_as_the_cli_does(runner: CliRunner) -> None:
    ds = hfig.load()
    for kind, frame in _frames(ds, metric="displaced", region="Kharkiv").items():
        assert len(frame) == 0, kind
        assert frame.attrs["notes"][0] == "No claims match.", kind
    # The same words the terminal prints, under the same title.
    shown = runner.invoke(app, ["summary", "--metric", "displaced", "--region", "Kharkiv"]).stdout
    frame = ds.summary(metric="displaced", region="Kharkiv")
    assert shown.splitlines()[:2] == [frame.attrs["title"], frame.attrs["notes"][0]]
    assert ds.summary(region="idlib").attrs["notes"][0] != "No claims match."


def test_an_empty_frame_has_the_dtypes_of_a_filled_one() -> None:
    """Text a nullable `string` (it was `object`), lists `object`; a number's Int64 or Float64
    follows its values (docs/api.md), and a `value` may be a number or a word."""
    ds = hfig.load()
    full = _frames(ds, metric="displaced")

    def kinds(frame: pd.DataFrame) -> dict[str, str]:
        return {n: "number" if str(t) in ("Int64", "Float64") else str(t)
                for n, t in frame.dtypes.items() if n != "value"}

    for kind, empty in _frames(ds, metric="displaced", region="Kharkiv").items():
        assert kinds(empty) == kinds(full[kind]), kind


def test_a_list_column_is_a_list_in_every_row_of_every_frame() -> None:
    """`area` was text in records, a list in summary, both in compare: now a list everywhere."""
    ds = hfig.load()
    frames = {**_frames(ds, metric="displaced"), "claimants": ds.claimants(), "metrics": ds.metrics()}
    listed: dict[str, set[bool]] = {}
    for frame in frames.values():
        for name in frame.columns:
            cells = [v for v in frame[name] if not (pd.api.types.is_scalar(v) and pd.isna(v))]
            listed.setdefault(name, set()).update(isinstance(v, list) for v in cells)
    assert {n for n, kinds in listed.items() if len(kinds) > 1} == set()
    assert listed["area"] == {True} and frames["records"]["area"].iloc[0] == ["Northern Syria"]


def test_a_blank_text_cell_is_pandas_missing_value_in_every_frame() -> None:
    """The terminal's blank grade is NA in a nullable `string` column, answered or empty."""
    ds = hfig.load(fixture("notebook_cabo_delgado.yaml"))  # some of its claimants are not graded
    grades = ds.explain()["grade"]
    assert str(grades.dtype) == "string" and grades.isna().any() and not grades.isna().all()
    nothing = hfig.load().explain(region="Kharkiv", metric="displaced")["grade"]
    assert str(nothing.dtype) == "string"  # was `object` (None) when no row had a grade


@pytest.mark.parametrize(("question", "keyword", "given"), [
    ("summary", "include_parties", "no"), ("summary", "explain", 1), ("compare_table", "explain", "yes"),
    ("timeline", "include_parties", None), ("explain", "include_parties", "False"),
    ("select", "subsets", "no")])
def test_a_yes_or_no_keyword_refuses_what_is_not_a_bool(question: str, keyword: str, given: object) -> None:
    """`include_parties="no"` was truthy: it answered with the parties in."""
    ds = hfig.load()
    args = ["displaced"] if question in ("compare_table", "timeline") else []
    with pytest.raises(hfig.HfigError, match=rf"^{keyword}= takes True or False, not {given!r} "
                                             rf"\(type {type(given).__name__}\)$") as raised:
        getattr(ds, question)(*args, **{keyword: given})
    assert raised.value.code == 2


def test_a_numpy_bool_is_a_bool_to_a_yes_or_no_keyword() -> None:
    import numpy as np

    ds = hfig.load()
    assert ds.summary(include_parties=np.True_).equals(ds.summary(include_parties=True))
    with pytest.raises(hfig.HfigError, match=r"skip_invalid= takes True or False, not 'no'"):
        hfig.load(skip_invalid="no")  # type: ignore[arg-type]
