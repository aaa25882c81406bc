"""The JSON envelope is an interface: its shape is pinned here.

Adding a column is allowed (update the list); removing or renaming one, or
changing what it means, needs a new `hfig_json` version.
"""

from __future__ import annotations

import json

from hfig.cli import app

from .conftest import fixture

RECORDS_COLUMNS = [
    "id", "metric", "value", "value_max", "qualifier", "stated", "interval", "low", "high", "low_open",
    "high_open", "unit", "household_size", "household_size_max", "claimant", "claimant_name",
    "claimant_kind", "area", "pcodes", "adm1", "area_precision", "period_start", "period_start_date",
    "period_start_precision", "period_end",
    "period_end_date", "period_end_precision", "cumulative", "period_as_written", "as_of", "as_of_date",
    "as_of_precision", "publisher", "url", "published", "published_date", "published_precision", "origin",
    "disputed", "credibility", "quote", "notes", "inferred", "file", "line",
]


def test_records_envelope_is_pinned(runner):
    result = runner.invoke(app, ["records", "-f", "json", "--data", fixture("valid_minimal.yaml")])
    envelope = json.loads(result.stdout)
    assert envelope["hfig_json"] == 1
    assert envelope["kind"] == "records"
    assert envelope["columns"] == RECORDS_COLUMNS
    for row in envelope["rows"]:
        assert list(row) == sorted(RECORDS_COLUMNS)
    assert result.stdout == json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_one_row_in_full(runner):
    result = runner.invoke(app, ["records", "-f", "json", "--data", fixture("valid_minimal.yaml")])
    row = next(r for r in json.loads(result.stdout)["rows"] if r["id"] == "t-un-displaced")
    assert row == {
        "adm1": ["SY07"], "area": "Idlib", "area_precision": "exact", "as_of": "~2019-05-23",
        "as_of_date": "2019-05-23", "as_of_precision": "about", "claimant": "un", "claimant_kind": "un",
        "claimant_name": row["claimant_name"], "credibility": None, "cumulative": True, "disputed": False,
        "file": fixture("valid_minimal.yaml"), "high": None, "high_open": True, "household_size": None,
        "household_size_max": None,
        "id": "t-un-displaced", "inferred": None, "interval": "(200,000, ∞)", "line": 3, "low": 200000,
        "low_open": True, "metric": "displaced", "notes": None, "origin": None, "pcodes": ["SY07"],
        "period_as_written": "since late April", "period_end": "~2019-05-23", "period_end_date": "2019-05-23",
        "period_end_precision": "about", "period_start": "2019-04-late", "period_start_date": "2019-04-25",
        "period_start_precision": "part_of_month", "published": None, "published_date": None,
        "published_precision": None,
        "publisher": "Test report", "qualifier": "more_than", "quote": "more than 200,000 people have fled",
        "stated": "more than 200,000", "unit": "people", "url": "https://example.org/report",
        "value": 200000, "value_max": None,
    }


SUMMARY_COLUMNS = [
    "family", "metric", "unit", "area", "scope", "range", "low", "high", "low_open", "high_open", "spread",
    "implied", "implied_low", "implied_high", "implied_low_open", "implied_high_open", "best", "best_stated",
    "best_rule", "best_claims", "claimants", "n_claimants", "n_independent", "claimants_in_row",
    "n_claimants_in_row", "sources", "echoes", "as_of", "as_of_date", "as_of_precision", "period_start",
    "period_start_date", "period_start_precision", "period_end", "period_end_date", "period_end_precision",
    "flags", "shape", "best_bounded", "nested_low", "nested_low_open", "nested_high", "nested_high_open",
    "nested", "claim_ids", "set_aside", "row",
]


def test_summary_row_in_full(runner):
    """UN "more than 200,000" and UOSSM "more than 300,000": one row, best inside the implied bounds."""
    result = runner.invoke(app, ["summary", "-f", "json", "--data", fixture("best_inside_implied.yaml")])
    envelope = json.loads(result.stdout)
    assert envelope["kind"] == "summary" and envelope["columns"] == SUMMARY_COLUMNS
    assert envelope["rows"] == [{
        "area": ["Idlib and northern Hama"], "as_of": "2019-05-23", "as_of_date": "2019-05-23",
        "as_of_precision": "day", "best": 300000, "best_bounded": False,
        "best_claims": ["uossm-more-than-300k"],
        "best_rule": "conservative", "best_stated": "more than 300,000",
        "claim_ids": ["un-more-than-200k", "uossm-more-than-300k"], "claimants": ["un", "uossm"],
        "claimants_in_row": ["un", "uossm"], "echoes": 0, "family": "displacement", "flags": [], "high": None,
        "high_open": True, "implied": "(300,000, ∞)", "implied_high": None, "implied_high_open": True,
        "implied_low": 300000, "implied_low_open": True, "low": 200000, "low_open": True,
        "metric": "displaced", "n_claimants": 2, "n_claimants_in_row": 2, "n_independent": 2, "nested": [],
        "nested_high": None, "nested_high_open": None, "nested_low": None, "nested_low_open": None,
        "period_end": "2019-05-23", "period_end_date": "2019-05-23", "period_end_precision": "day",
        "period_start": "2019-04-late", "period_start_date": "2019-04-25",
        "period_start_precision": "part_of_month",
        "range": "more than 200,000 – more than 300,000", "row": "displaced/SY05+SY07/from 2019-04-late",
        "scope": ["SY05", "SY07"], "set_aside": [], "shape": "running_total", "sources": "2 of 2",
        "spread": "(200,000, ∞)", "unit": "people",
    }]


def test_colour_only_for_a_terminal_without_no_color(monkeypatch):
    import sys

    from hfig.cli.base import use_color

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert not use_color()


def test_json_text_is_the_standard_librarys_whoever_writes_it() -> None:
    """Indented JSON is written by msgspec where it writes what `json.dumps` would: the same bytes.

    Floats are where the two differ (json: 1e-05, msgspec: 0.00001; 1e+16 against 1e16);
    text with control characters, line separators and astral characters is written alike.
    """
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from hfig.render.text_formats import _indented

    cells = st.one_of(
        st.none(), st.booleans(), st.integers(-(2**63), 2**64),
        st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
        st.lists(st.text(max_size=4), max_size=3),
    )

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(rows=st.lists(st.dictionaries(st.text(max_size=5), cells, max_size=4), max_size=4),
           meta=cells)
    def same(rows: list[dict[str, object]], meta: object) -> None:
        envelope = {"kind": "k", "rows": rows, "meta": meta}
        assert _indented(envelope) == json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2)

    same()
    for tiny in (1e-05, 0.00012, 1e16, 1.5e-300):
        envelope = {"rows": [{"v": tiny}]}
        assert _indented(envelope) == json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2)


def test_a_table_is_written_as_json_dumps_writes_it() -> None:
    """`to_json` writes the rows itself, a column at a time (each distinct value of a column once
    where there are few): the text must still be json's, for tables kept as columns and rows of
    dicts alike, with floats near the edges of repr's plain range, NaN, infinities, True beside 1,
    -0.0 beside 0, lists, days, subclasses, text that needs escapes, and unsorted names."""
    import datetime as dt
    from enum import Enum
    from unittest import mock

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from hfig.render import text_formats
    from hfig.render.table import Column, ColumnRows, ResultTable
    from hfig.render.text_formats import BLOCK, JSON_SCHEMA_VERSION, json_cell, to_json

    class Word(str, Enum):
        A = "a"

    edges = st.sampled_from([1e-4, 9.99e-5, 0.00012, 1e16, 9.9e15, 1.5e-300, -1e-5, 0.5, 2.5e15, -0.0])
    cells = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63), edges,
                      st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
                      st.lists(st.text(max_size=4), max_size=3), st.dates())
    few = st.sampled_from([None, True, False, 0, 1, -0.0, 1.0, 2.5, float("inf"), float("nan"), "", "a",
                           '"\\\n\u2028', "x", dt.date(2020, 1, 2), 1e-05, Word.A])
    lists = st.one_of(st.none(), st.lists(st.sampled_from(["a", "b\n", "é"]), max_size=2),
                      st.sampled_from([[1], ["a", 2.5], [None], [True], [Word.A], [["x"]]]))  # not text

    def columns_of(values: st.SearchStrategy[object], low: int,
                   high: int) -> st.SearchStrategy[list[list[object]]]:
        return st.integers(low, high).flatmap(
            lambda n: st.lists(st.lists(values, min_size=n, max_size=n), min_size=1, max_size=4))

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(columns=st.one_of(columns_of(cells, 0, 3), columns_of(few, 8, 16), columns_of(lists, 4, 12),
                             columns_of(st.one_of(few, lists), 4, 12)),
           meta=st.one_of(st.none(), edges, st.text(max_size=4)), as_dicts=st.booleans(),
           names=st.permutations(["b", "a_1", "a", "Z", "é", "c\"", "\u2028"]),
           block=st.sampled_from([1, 3, BLOCK]))
    def same(columns: list[list[object]], meta: object, as_dicts: bool, names: list[str], block: int) -> None:
        """Written a block of rows at a time: blocks of one and three rows here, so that blocks differ (one
        a column at a time, the next by json when it holds a cell the column writer does not write)."""
        names = names[:len(columns)]
        n = len(columns[0])
        dicts = [{name: col[i] for name, col in zip(names, columns, strict=True)} for i in range(n)]
        kept = dicts if as_dicts else ColumnRows(dict(zip(names, columns, strict=True)))  # type: ignore[arg-type]
        table = ResultTable("k", [Column(name) for name in names], kept, meta={"m": meta})  # type: ignore[arg-type]
        rows = [{name: json_cell(value) for name, value in row.items()} for row in dicts]  # type: ignore[arg-type]
        envelope = {"hfig_json": JSON_SCHEMA_VERSION, "kind": "k", "columns": names, "rows": rows, "m": meta}
        with mock.patch.object(text_formats, "BLOCK", block):
            assert to_json(table) == json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2) + "\n"

    same()
