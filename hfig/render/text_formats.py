"""CSV, TSV, JSON and NDJSON renderings of a `ResultTable`.

CSV is for spreadsheets: numbers stay numbers, unknown or open bounds are
empty cells, and text a spreadsheet would run as a formula is neutralised as
OWASP recommends (a leading apostrophe). JSON is a versioned envelope with
sorted keys, pinned by tests/test_json_contract.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from typing import Any

from hfig.core.dataset import collection_paused
from hfig.render.table import Cell, ResultTable

JSON_SCHEMA_VERSION = 1
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(text: str) -> str:
    """Prefix text that Excel, LibreOffice or Sheets would evaluate."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_cell(value: Cell) -> str | int | float:
    # Exact-type checks first for the two commonest cells (millions of them at 100,000
    # claims); bool is a subclass of int and str subclasses take the general path below.
    if type(value) is str:
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if type(value) is int:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return ""
        return int(value) if value.is_integer() else value
    if isinstance(value, list):
        return spreadsheet_safe(";".join(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_safe(value)


def to_delimited(table: ResultTable, delimiter: str = ",", hxl: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    columns = table.machine_columns
    writer.writerow([c.name for c in columns])
    if hxl:
        writer.writerow([c.hxl or "" for c in columns])
    names = [c.name for c in columns]
    with collection_paused():  # one list per row and no garbage
        writer.writerows(list(map(csv_cell, map(row.get, names))) for row in table.rows)
    return out.getvalue()


def json_cell(value: Cell) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return None  # open bounds: the *_open flags say which end
        return int(value) if value.is_integer() else value
    return value


def json_row(table: ResultTable, row: dict[str, Cell]) -> dict[str, Any]:
    return {c.name: json_cell(row.get(c.name)) for c in table.machine_columns}


def to_json(table: ResultTable) -> str:
    envelope = {
        "hfig_json": JSON_SCHEMA_VERSION,
        "kind": table.kind,
        "columns": [c.name for c in table.machine_columns],
        "rows": [json_row(table, r) for r in table.rows],
        **table.meta,
    }
    return json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def to_ndjson(table: ResultTable) -> str:
    lines = (json.dumps(json_row(table, r), sort_keys=True, ensure_ascii=False) for r in table.rows)
    return "".join(line + "\n" for line in lines)
