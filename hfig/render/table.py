"""A neutral result table that every output format renders.

Commands build a `ResultTable` (columns with machine names, titles and HXL
tags; rows of plain values) and one of the format modules turns it into text.
Rows hold real numbers, never formatted strings, so CSV and JSON keep numbers
as numbers; the terminal view formats them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import Any, overload

from msgspec import Struct, field
from msgspec.structs import replace

Cell = str | int | float | bool | None | list[str] | dt.date
"""A cell holds a real value: numbers as numbers, days as `datetime.date`, lists as lists."""

BLOCK = 1024
"""Large tables are made, and made text, a block of rows at a time: each pass over a block's cells
finds them in the processor's caches, and the next block reuses their memory. At 100,000 claims a
table's cells are tens of MB; taken whole, the columns cost a tenth to a quarter more time."""


class Format(str, Enum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    NDJSON = "ndjson"
    XLSX = "xlsx"


class Column(Struct, frozen=True):
    name: str
    title: str = ""
    hxl: str | None = None
    terminal: bool = True  # shown in the terminal table
    machine: bool = True  # written to CSV/TSV/JSON/NDJSON (False: a terminal-only convenience)
    no_wrap: bool = False  # never fold this column in the terminal (ids, numbers, dates)
    justify: str = "left"
    style: Callable[[Cell, dict[str, Cell]], str] | None = None
    # The terminal leaves out what says nothing (hfig.render.terminal): a cell whose text is
    # `quiet` ("0" echoes), or equals the text of column `same_as` in its row (a best estimate
    # that is the whole range), is left blank, and a column left all blank is not shown.
    quiet: str | None = None
    same_as: str | None = None
    short: str = ""  # a shorter heading for narrow terminals, explained in the legend
    meaning: str = ""  # what the column says, for the legend (abbreviated or partly blank)
    merge_into: str | None = None  # narrow terminals: shown as a "heading: text" line in that column

    @property
    def heading(self) -> str:
        return self.title or self.name.replace("_", " ")


Row = dict[str, Cell]


class ColumnRows(Sequence[Row]):
    """Rows kept as columns (name -> one cell per row), as a table built column-wise makes them.

    The CSV writer reads the columns as they are; whatever asks for rows (the terminal, JSON,
    DataFrames) gets one dict per row, made once, on first use: at 100,000 claims a dict per
    row is a large part of the cost of a CSV answer that never needed them.
    """

    def __init__(self, columns: dict[str, list[Cell]]) -> None:
        lengths = {len(cells) for cells in columns.values()}
        if len(lengths) > 1:
            raise ValueError("columns of different lengths")
        self.columns = columns
        self._length = lengths.pop() if lengths else 0
        self._dicts: list[Row] | None = None

    def _rows(self) -> list[Row]:
        if self._dicts is None:
            names = list(self.columns)
            self._dicts = [dict(zip(names, cells, strict=True))
                           for cells in zip(*self.columns.values(), strict=True)]
        return self._dicts

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self._rows()[index]

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows())

    def column(self, name: str) -> list[Cell]:
        """The cells of one column; None in every row for a name no row has (as `row.get`)."""
        found = self.columns.get(name)
        return found if found is not None else [None] * self._length


def table_columns(rows: Sequence[Row], names: list[str]) -> list[Sequence[Cell]]:
    """The cells of these columns, one sequence per name: as kept, or read out of the row dicts."""
    if isinstance(rows, ColumnRows):
        return [rows.column(name) for name in names]
    if not rows:
        return [[] for _ in names]
    return list(zip(*[list(map(row.get, names)) for row in rows], strict=True))


def stacked(names: Sequence[str],
            *parts: tuple[Sequence[str], list[tuple[Cell, ...]]]) -> dict[str, list[Cell]]:
    """Columns `names` of several kinds of row one after another: each part is its rows' cells (tuples
    in the order of its own names); a column a part does not have is None in its rows."""
    out: dict[str, list[Cell]] = {name: [] for name in names}
    for part_names, rows in parts:
        cells = dict(zip(part_names, zip(*rows, strict=True), strict=True)) if rows else {}
        for name in names:
            out[name] += cells.get(name) or [None] * len(rows)
    return out


NO_ROWS = "No claims match."
"""What an answer with no rows says: the terminal prints it, a frame has it as its first note."""


class ResultTable(Struct):
    kind: str  # 'records', 'summary', ...: the JSON envelope's kind
    columns: list[Column]
    rows: Sequence[Row]  # a list of dicts, or ColumnRows
    title: str | None = None
    group_by: str | None = None  # terminal tables break into sections on this column
    notes: list[str] = field(default_factory=list)  # printed under a terminal table only
    meta: dict[str, Any] = field(default_factory=dict)  # extra keys for the JSON envelope
    color_notes: list[str] = field(default_factory=list)  # legends of colours: shown only in colour
    chosen: bool = False  # the columns were chosen by the user (--columns): show them all, as they are

    @property
    def machine_columns(self) -> list[Column]:
        return [c for c in self.columns if c.machine]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def with_columns(self, names: Sequence[str]) -> ResultTable:
        """Only these columns, in this order, in every format (--columns); KeyError names one unknown."""
        by_name = {c.name: c for c in self.columns}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise KeyError(unknown[0])
        columns = [replace(by_name[n], terminal=True, machine=True) for n in dict.fromkeys(names)]
        group_by = self.group_by if self.group_by in names else None
        return replace(self, columns=columns, group_by=group_by, chosen=True)
