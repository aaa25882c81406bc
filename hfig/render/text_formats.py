"""CSV, TSV, JSON and NDJSON renderings of a `ResultTable`.

CSV is for spreadsheets: numbers stay numbers, unknown or open bounds are
empty cells, and text a spreadsheet would run as a formula is neutralised as
OWASP recommends (a leading apostrophe), also when spaces, invisible characters
or full-width signs come before the `=`. Every field holding a line break (CR or
LF) or the delimiter is quoted, so no reader can split a row. JSON is a
versioned envelope with sorted keys, pinned by tests/test_json_contract.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from typing import Any, cast

from hfig.core.dataset import collection_paused
from hfig.render.table import Cell, ResultTable

JSON_SCHEMA_VERSION = 1
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n",
                   "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63")
"""What starts a formula: OWASP's list, and the full-width and small forms some spreadsheets
fold to it (＝1+1 is a formula in Excel with East Asian input)."""
_LEADING = re.compile("[\\s\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]*")
"""Spaces and invisible characters (zero-width, joiners, direction marks, BOM) a spreadsheet
may skip before it sees the `=`."""
_SUSPECT_FIRST = frozenset(_FORMULA_STARTS) | frozenset(
    c for c in map(chr, range(0x3001)) if _LEADING.fullmatch(c)) | frozenset("\ufeff'")


def needs_guard(text: str) -> bool:
    """Would a spreadsheet read this text as a formula (then it gets a leading apostrophe)?

    Text that already starts with apostrophes before a formula gets one more, so that
    `hfig import` (which removes one) gives back exactly the text written.
    """
    if text[:1] not in _SUSPECT_FIRST:  # the common case: one set look-up
        return False
    text = text.lstrip("'")
    return text[_LEADING.match(text).end():].startswith(_FORMULA_STARTS)  # type: ignore[union-attr]


def spreadsheet_safe(text: str) -> str:
    """Prefix text that Excel, LibreOffice or Sheets would evaluate."""
    return "'" + text if needs_guard(text) else text


def csv_cell(value: Cell) -> str | int | float:
    # Exact-type checks first for the two commonest cells (millions of them at 100,000
    # claims); bool is a subclass of int and str subclasses take the general path below.
    if type(value) is str:
        return "'" + value if value[:1] in _SUSPECT_FIRST and needs_guard(value) else value
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
    columns = table.machine_columns
    head: list[Sequence[Any]] = [[c.name for c in columns]]
    if hxl:
        head.append([c.hxl or "" for c in columns])
    with collection_paused():  # one tuple per row and no garbage
        rows = head + _tuples(list(map(csv_column, _columns(table))), len(table.rows))
    text = _write_rows(rows, delimiter, "\n")
    if "\r" in text:
        # The csv module quotes a field holding a character of the line terminator, and with
        # "\n" a bare CR is not one: such a field would be written bare and split the row in
        # readers that take CR as a line end. Rows written with "\r\n" quote it; their ends
        # are then put back to "\n" (rare: only text holding a CR takes this way).
        text = "".join(_write_rows([row], delimiter, "\r\n")[:-2] + "\n" for row in rows)
    return text


def _columns(table: ResultTable) -> list[tuple[Cell, ...]]:
    """The machine columns' values, one tuple per column (a missing cell is None).

    Read row by row, then turned: reading each column down the rows visits every row
    dict once per column, about twice as slow at 20,000 rows of 60 columns.
    """
    getters = [c.name for c in table.machine_columns]
    return list(zip(*[tuple(map(row.get, getters)) for row in table.rows], strict=True))


def _tuples(columns: list[Sequence[Any]], count: int) -> list[tuple[Any, ...]]:
    """The rows of these columns (`count` empty rows when there are no columns)."""
    return list(zip(*columns, strict=True)) if columns else [()] * count


def csv_column(values: Sequence[Cell]) -> Sequence[Any]:
    """One column's cells as `csv_cell` makes them, deciding per column where its types allow.

    A table's columns are mostly of one type and None: counts and None are written as they
    are (the csv module writes None as an empty field); of text, only cells starting with one
    of the formula guard's suspect characters need looking at. Mixed columns go cell by cell.
    """
    kinds = set(map(type, values)) - _NONE
    if kinds <= _INT:
        return values
    if kinds <= _TEXT:
        suspect = any(v[:1] in _SUSPECT_FIRST for v in cast(Sequence[str | None], values) if v)
        return [csv_cell(v) for v in values] if suspect else values
    if kinds <= _BOOL:
        return list(map(_BOOL_TEXT.get, values))  # None (not a key) stays None
    if kinds <= _DATE:  # few distinct days: each written once
        texts: dict[Any, str] = {d: d.isoformat() for d in set(values) if isinstance(d, dt.date)}
        return list(map(texts.get, values))
    if kinds <= _LIST:
        lists = cast(Sequence[list[str] | None], values)
        return [None if v is None else spreadsheet_safe(";".join(v)) for v in lists]
    return list(map(csv_cell, values))


_NONE = frozenset((type(None),))
_INT = frozenset((int,))
_TEXT = frozenset((str,))
_BOOL = frozenset((bool,))
_DATE = frozenset((dt.date,))
_LIST = frozenset((list,))
_BOOL_TEXT: dict[Any, str] = {True: "true", False: "false"}


def _write_rows(rows: Sequence[Sequence[Any]], delimiter: str, terminator: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return out.getvalue()


def json_cell(value: Cell) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return None  # open bounds: the *_open flags say which end
        return int(value) if value.is_integer() else value
    return value


def json_column(values: Sequence[Cell]) -> Sequence[Any]:
    """One column's cells as `json_cell` makes them; a column without dates or floats is as it is."""
    return values if set(map(type, values)) <= _JSON_AS_IS else list(map(json_cell, values))


_JSON_AS_IS = frozenset((str, int, bool, type(None), list))


def json_row(table: ResultTable, row: dict[str, Cell]) -> dict[str, Any]:
    return {c.name: json_cell(row.get(c.name)) for c in table.machine_columns}


def to_json(table: ResultTable) -> str:
    with collection_paused():  # one dict per row and no garbage
        names = [c.name for c in table.machine_columns]
        columns = [json_column(values) for values in _columns(table)]
        envelope = {
            "hfig_json": JSON_SCHEMA_VERSION,
            "kind": table.kind,
            "columns": names,
            "rows": [dict(zip(names, cells, strict=True)) for cells in _tuples(columns, len(table.rows))],
            **table.meta,
        }
        if all(map(_column_writes_alike, columns)) and _msgspec_writes_alike(table.meta):
            try:
                return _indented(envelope) + "\n"
            except (TypeError, ValueError, OverflowError):  # what msgspec cannot write, json can
                pass
    import json  # only here: json compiles its number pattern on import (docs/performance.md)

    return json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _indented(envelope: dict[str, Any]) -> str:
    """`json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2)`, made by msgspec.

    The standard library writes indented JSON in Python, about 0.5 us a value: seconds for
    a table of 20,000 rows. msgspec writes the same text (same escapes, key order, spacing
    and number forms) for the values `_msgspec_writes_alike` accepts.
    """
    import msgspec

    return msgspec.json.format(msgspec.json.encode(envelope, order="sorted"), indent=2).decode()


def _column_writes_alike(values: Sequence[Any]) -> bool:
    """`_msgspec_writes_alike` for each of a column's values, looking only at its floats and lists."""
    kinds = set(map(type, values))
    if kinds <= _PLAIN_JSON:
        return True
    return all(map(_msgspec_writes_alike, (v for v in values if type(v) in _NESTED_OR_FLOAT)))


_NESTED_OR_FLOAT = frozenset((float, list, tuple, dict))


def _msgspec_writes_alike(value: Any) -> bool:
    """Would msgspec write this value as the json module does? Only floats in exponent form
    differ (json writes 1e-05 and 1e+16, msgspec 1e-5 and 1e16); anything but plain JSON
    types is left to json."""
    kind = type(value)
    if kind is list or kind is tuple:
        return all(map(_msgspec_writes_alike, value))
    if kind is dict:
        return all(type(k) is str for k in value) and all(map(_msgspec_writes_alike, value.values()))
    if kind is float:
        return bool(value == 0 or 1e-4 <= abs(value) < 1e16)
    return kind in _PLAIN_JSON


_PLAIN_JSON = frozenset((str, int, bool, type(None)))


def to_ndjson(table: ResultTable) -> str:
    import json

    names = [c.name for c in table.machine_columns]
    with collection_paused():
        columns = [json_column(values) for values in _columns(table)]
        rows = [dict(zip(names, cells, strict=True)) for cells in _tuples(columns, len(table.rows))]
        lines = [json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows]
    return "".join(line + "\n" for line in lines)
