"""A `ResultTable` as a pandas DataFrame with real dtypes (the Python API's answers).

The columns are the machine columns of CSV and JSON, in the same order. Each
column's dtype follows its values: numbers become nullable Int64 or Float64
(an open or unknown bound is NA, its `*_open` flag beside it), flags nullable
booleans, ISO days (`as_of_date` ...) datetime64, text pandas strings, lists
(P-codes, claim ids) stay Python lists. A column with mixed kinds (a value
that is a number or a vague word such as "hundreds") stays object. The table's
kind, title, notes and JSON extras are in `DataFrame.attrs`.

pandas is imported here only, when a frame is asked for.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from hfig.render.table import Cell, ResultTable, table_columns

if TYPE_CHECKING:
    import pandas as pd


def to_frame(table: ResultTable) -> pd.DataFrame:
    import pandas as pd

    names = [c.name for c in table.machine_columns]
    # Read as columns: a table kept as columns (ColumnRows) never makes its rows' dicts.
    data = {name: column_series(name, list(cells))
            for name, cells in zip(names, table_columns(table.rows, names), strict=True)}
    frame = pd.DataFrame(data, columns=names)
    frame.attrs.update({"kind": table.kind, "title": table.title, "notes": list(table.notes),
                        "meta": dict(table.meta)})
    return frame


def column_series(name: str, values: list[Cell]) -> pd.Series[Any]:
    import pandas as pd

    cells = [None if isinstance(v, float) and (math.isinf(v) or math.isnan(v)) else v for v in values]
    kind = _kind(name, cells)
    if kind == "date":
        days = [v if isinstance(v, dt.date) else None for v in cells]
        return pd.Series(pd.to_datetime(days), name=name, dtype="datetime64[ns]")  # type: ignore[arg-type]
    if kind == "object":
        return pd.Series(cells, name=name, dtype=object)
    return pd.Series(cells, name=name, dtype=kind)


def _kind(name: str, cells: list[Cell]) -> str:
    types = {type(v) for v in cells if v is not None}
    if not types:  # all empty: the name says what it would hold
        if name.endswith("_date"):
            return "date"
        return "boolean" if name.endswith("_open") else "object"
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
