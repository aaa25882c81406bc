"""CSV and TSV stay one row per record and formula-free, whatever text a field holds.

Checked with Python's csv reader (which, like spreadsheets, ends an unquoted row at a bare
CR) on the cases the hardening issue found and on generated text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.author.importer import unspreadsheet
from hfig.render import text_formats
from hfig.render.table import Cell, Column, ColumnRows, ResultTable
from hfig.render.text_formats import _FORMULA_STARTS, _LEADING, BLOCK, csv_cell, to_delimited
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


def _csv_writer(table: ResultTable, delimiter: str, hxl: bool) -> str:
    """The writer `to_delimited` replaced: `csv_cell` per cell, then csv.writer (CRLF rows if a CR)."""
    names = [c.name for c in table.machine_columns]
    rows: list[list[object]] = [list(names)] + ([[c.hxl or "" for c in table.machine_columns]] if hxl else [])
    rows += [list(map(csv_cell, map(row.get, names))) for row in table.rows]

    def written(terminator: str, part: list[list[object]]) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(part)
        return out.getvalue()

    text = written("\n", rows)
    if "\r" in text:
        text = "".join(written("\r\n", [row])[:-2] + "\n" for row in rows)
    return text


_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), CSV_TEXT,
    st.sampled_from(["", "a,b", '"q"', "=1"]),
    st.floats(allow_nan=True, allow_infinity=True), st.lists(CSV_TEXT, max_size=3),
    st.dates(), st.sampled_from([1.0, 2.5, -0.0, 1e16]),
)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), width=st.integers(0, 4), height=st.integers(0, 5),
       delimiter=st.sampled_from([",", "\t"]), hxl=st.booleans(), as_columns=st.booleans(),
       block=st.sampled_from([1, 2, BLOCK]))
def test_the_column_writer_writes_what_csv_writer_wrote(data: st.DataObject, width: int, height: int,
                                                        delimiter: str, hxl: bool, as_columns: bool,
                                                        block: int) -> None:
    """Byte for byte, whatever the cells: one type per column or mixed, rows as dicts or columns,
    written a block of rows at a time (blocks of one and two rows here, so that blocks differ)."""
    names = [f"c{i}" for i in range(width)]
    uniform = data.draw(st.booleans())
    kinds = [data.draw(_CELL) for _ in names]
    cells: dict[str, list[Cell]] = {
        n: [data.draw(st.from_type(type(k)) if uniform and k is not None and not isinstance(k, list | float)
                      else _CELL) for _ in range(height)] for n, k in zip(names, kinds, strict=True)}
    columns = [Column(n, hxl=data.draw(st.sampled_from([None, "#x", "a,b"]))) for n in names]
    rows: Sequence[dict[str, Cell]] = ColumnRows(cells) if as_columns else \
        [{n: cells[n][i] for n in names} for i in range(height)]
    table = ResultTable("test", columns, rows)
    with mock.patch.object(text_formats, "BLOCK", block):
        assert to_delimited(table, delimiter, hxl) == _csv_writer(table, delimiter, hxl)


_FEW = st.sampled_from([None, 0, 1, -0.0, 1.0, 2.5, float("nan"), float("inf"), 1e16, -5,
                        dt.date(2020, 1, 2), dt.date(1999, 12, 31)])
_FEW_TEXT = st.sampled_from([None, "", "a", "a,b", '"q"', "=1", " -2", "x\ry", "é"])


@settings(max_examples=300, deadline=None)
@given(data=st.data(), width=st.integers(2, 4), height=st.integers(8, 24),
       delimiter=st.sampled_from([",", "\t"]), as_columns=st.booleans(), block=st.sampled_from([5, BLOCK]))
def test_columns_with_few_values_are_written_as_csv_writer_wrote(data: st.DataObject, width: int, height: int,
                                                                 delimiter: str, as_columns: bool,
                                                                 block: int) -> None:
    """A column of few distinct numbers or days makes each value's text once (in each block of rows):
    still byte for byte."""
    names = [f"c{i}" for i in range(width)]
    pools = [data.draw(st.sampled_from([_FEW, _FEW_TEXT, st.one_of(_FEW, _FEW_TEXT)])) for _ in names]
    cells: dict[str, list[Cell]] = {n: [data.draw(pool) for _ in range(height)]
                                    for n, pool in zip(names, pools, strict=True)}
    rows: Sequence[dict[str, Cell]] = ColumnRows(cells) if as_columns else \
        [{n: cells[n][i] for n in names} for i in range(height)]
    table = ResultTable("test", [Column(n) for n in names], rows)
    with mock.patch.object(text_formats, "BLOCK", block):
        assert to_delimited(table, delimiter) == _csv_writer(table, delimiter, False)
