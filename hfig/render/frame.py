"""A `ResultTable` as a pandas DataFrame with real dtypes (the Python API's answers).

The columns are the machine columns of CSV and JSON, in the same order. Each
column's dtype follows its values: numbers become nullable Int64 or Float64
(an open or unknown bound is NA, its `*_open` flag beside it), flags nullable
booleans, ISO days (`as_of_date` ...) datetime64, text pandas strings, lists
(P-codes, claim ids, `area`: `LIST_COLUMNS`) are Python lists in every row of
every frame. A column with mixed kinds (a value that is a number or a vague word
such as "hundreds") stays object. A column that is empty in this answer keeps
the dtype it has when filled (numbers, flags, dates; text a nullable string, its
missing cells NA). The table's kind, title, notes and JSON extras are in
`DataFrame.attrs`; an answer with no rows has "No claims match." as its first note.

pandas is imported here only, when a frame is asked for.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from hfig.render.table import NO_ROWS, Cell, ResultTable, table_columns

if TYPE_CHECKING:
    import pandas as pd


def to_frame(table: ResultTable) -> pd.DataFrame:
    import pandas as pd

    names = [c.name for c in table.machine_columns]
    # Read as columns: a table kept as columns (ColumnRows) never makes its rows' dicts.
    data = {name: column_series(name, list(cells), table.kind)
            for name, cells in zip(names, table_columns(table.rows, names), strict=True)}
    frame = pd.DataFrame(data, columns=names)
    # An answer with no rows says so first, as the terminal does (hfig.render.terminal): an empty
    # frame alone does not tell a misspelt question from a quiet place.
    notes = list(table.notes) if table.rows else [NO_ROWS, *table.notes]
    frame.attrs.update({"kind": table.kind, "title": table.title, "notes": notes, "meta": dict(table.meta)})
    return frame


LIST_COLUMNS = frozenset((
    "adm1", "aliases", "area", "best_claims", "claim_ids", "claimants", "claimants_in_row", "claims", "flags",
    "nested", "pcodes", "scope", "set_aside", "starts"))
"""The columns that are a list in some table: a list in every row of every frame, one item or several
(a summary row may name the areas of several claims, so a claim's `area` is a list of one)."""


def _as_list(value: Cell) -> Cell:
    return [value] if isinstance(value, str) else value


def column_series(name: str, values: list[Cell], table: str = "") -> pd.Series[Any]:
    """One column of a frame; `table` is the table's kind (a column's name means one thing in it)."""
    import pandas as pd

    cells = [None if isinstance(v, float) and (math.isinf(v) or math.isnan(v)) else v for v in values]
    if name in LIST_COLUMNS:
        return pd.Series(list(map(_as_list, cells)), name=name, dtype=object)
    kind = _kind(name, cells, table)
    if kind == "date":
        days = [v if isinstance(v, dt.date) else None for v in cells]
        return pd.Series(pd.to_datetime(days), name=name, dtype="datetime64[ns]")  # type: ignore[arg-type]
    if kind == "object":
        return pd.Series(cells, name=name, dtype=object)
    return pd.Series(cells, name=name, dtype=kind)


# What a column holds when it has a value, for the answers where none has one (no row has a nested
# bound, no claim a household size): without it such a column would be `object`, a frame's dtypes
# would depend on the data (a notebook's `pd.concat` of two answers would make the numbers objects).
# tests/test_api.py checks that every column of numbers or flags in the bundled answers is here.
_EMPTY_KIND: dict[str, str] = {
    **dict.fromkeys(("low", "high", "best", "implied_low", "implied_high", "nested_low", "nested_high",
                     "increment", "increment_low", "increment_high", "household_size",
                     "household_size_max"), "Float64"),
    **dict.fromkeys(("value_max", "credibility", "echoes", "gap_days", "n_claimants",
                     "n_claimants_in_row", "n_independent"), "Int64"),
    **dict.fromkeys(("best_bounded", "civilian", "cumulative", "disputed", "in_band",
                     "increment_exact"), "boolean"),
}


# Columns whose empty kind is not their name's alone: the records' `line` is a file's line number
# (compare's is the kind of row, text); a `value` is a number or a vague word ("hundreds").
_EMPTY_KIND_IN: dict[tuple[str, str], str] = {("records", "line"): "Int64"}
_MIXED = frozenset(("value",))


def _kind(name: str, cells: list[Cell], table: str = "") -> str:
    types = {type(v) for v in cells if v is not None}
    if not types:  # all empty: the name says what it would hold; else it is text, a nullable `string`
        if name == "date" or name.endswith("_date"):  # a timeline's `date`, `as_of_date` ...
            return "date"
        if name.endswith("_open"):
            return "boolean"
        found = _EMPTY_KIND_IN.get((table, name)) or _EMPTY_KIND.get(name)
        return found or ("object" if name in _MIXED else "string")
    if types == {bool}:
        return "boolean"
    if types == {int}:
        return "Int64"
    if types <= {int, float}:
        return "Float64"
    if types == {dt.date}:
        return "date"
    if types == {str}:
        return "string"
    return "object"
