"""CSV and TSV stay one row per record and formula-free, whatever text a field holds.

Checked with Python's csv reader (which, like spreadsheets, ends an unquoted row at a bare
CR) on the cases the hardening issue found and on generated text.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.author.importer import unspreadsheet
from hfig.render.table import Column, ResultTable
from hfig.render.text_formats import _FORMULA_STARTS, _LEADING, to_delimited
from tests.fuzzing import CSV_TEXT


def _render(cells: list[str], delimiter: str) -> list[list[str]]:
    table = ResultTable("test", [Column(f"c{i}") for i in range(len(cells))] + [Column("n")],
                        [{**{f"c{i}": c for i, c in enumerate(cells)}, "n": 7}])
    text = to_delimited(table, delimiter)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _is_formula(cell: str) -> bool:
    return cell[_LEADING.match(cell).end():].startswith(_FORMULA_STARTS)  # type: ignore[union-attr]


@pytest.mark.parametrize("delimiter", [",", "\t"])
@pytest.mark.parametrize("text", ["x\r=1+1", "x\n=1+1", "x\r\n=1+1", "a,b", "a\tb", "=1+1", " =1+1",
                                  "\u3000=1+1", "\uff1d1+1", "\u200b=1+1", "\u00a0=1+1", "\ufeff@SUM(A1)",
                                  "\t=1", "\u2060+1", "ordinary text", "-5", "'quoted"])
def test_a_hostile_field_stays_in_its_row_and_is_no_formula(text: str, delimiter: str) -> None:
    rows = _render([text, "after"], delimiter)
    assert len(rows) == 2  # the header and the one row: nothing split off
    assert rows[1][1:] == ["after", "7"]
    assert not _is_formula(rows[1][0])
    assert unspreadsheet(rows[1][0]) == text  # hfig import reads back what was meant


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(CSV_TEXT, min_size=1, max_size=4), delimiter=st.sampled_from([",", "\t", ";"]))
def test_generated_text_round_trips_through_a_csv_reader(cells: list[str], delimiter: str) -> None:
    rows = _render(cells, delimiter)
    assert len(rows) == 2
    assert len(rows[1]) == len(cells) + 1
    for written, meant in zip(rows[1], cells, strict=False):
        assert not _is_formula(written)
        assert unspreadsheet(written) == meant
