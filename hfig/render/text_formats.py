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
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, repeat
from typing import Any

from hfig.core.dataset import collection_paused
from hfig.render.table import BLOCK, Cell, ColumnRows, ResultTable, table_columns

try:  # json's own C function for a string (ensure_ascii=False): `import json` costs ~7 ms, this ~0.2
    from _json import encode_basestring as _json_string
except ImportError:  # pragma: no cover - not CPython
    from json.encoder import py_encode_basestring as _json_string

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
    """The table as CSV (or TSV), formula-safe (`csv_cell`), one line per row."""
    return "".join(delimited_parts(table, delimiter, hxl))


def delimited_parts(table: ResultTable, delimiter: str = ",", hxl: bool = False) -> Iterable[str]:
    """`to_delimited`'s text in parts (a line each, or the whole), made as they are taken: a caller
    that encodes them one at a time never holds the whole text (hfig.cli.base.write_stdout).

    A table kept as columns (`ColumnRows`) is written a column at a time (`_by_columns`);
    rows of dicts a row at a time by csv.writer. Reading a dict per row into columns cost
    what writing by columns saves (docs/performance.md), so each is written as it is held.
    """
    columns = table.machine_columns
    names = [c.name for c in columns]
    head = [names] + ([[c.hxl or "" for c in columns]] if hxl else [])
    if isinstance(table.rows, ColumnRows) and len(names) > 1:
        return _by_columns(head, [table.rows.column(n) for n in names], delimiter)
    rows: list[list[Any]] = list(head)
    with collection_paused():  # one list per row and no garbage
        rows += [list(map(csv_cell, map(row.get, names))) for row in table.rows]
    text = _write_rows(rows, delimiter, "\n")
    if "\r" in text:
        # The csv module quotes a field holding a character of the line terminator, and with
        # "\n" a bare CR is not one: such a field would be written bare and split the row in
        # readers that take CR as a line end. Rows written with "\r\n" quote it; their ends
        # are then put back to "\n" (rare: only text holding a CR takes this way).
        text = "".join(_write_rows([row], delimiter, "\r\n")[:-2] + "\n" for row in rows)
    return [text]


def _write_rows(rows: list[list[Any]], delimiter: str, terminator: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return out.getvalue()


def _by_columns(head: list[list[str]], cells: list[list[Cell]], delimiter: str) -> Iterator[str]:
    """What the row writer writes, a column at a time (two columns or more: the csv module
    quotes a lone empty field, which this does not): the lines, each with its end, a block of
    rows at a time (`BLOCK`).

    Each column's cells become text in one pass chosen by the types it holds (in C for the
    common columns: text, whole numbers, days, flags, lists), are quoted only if the column
    holds a delimiter, quote or line break (CR included, as the row writer's CRLF pass does),
    and rows are joined in C. tests/test_csv_safety.py checks the two writers agree.
    """
    yield from (delimiter.join(_quoted(list(h), delimiter)) + "\n" for h in head)
    for start in range(0, len(cells[0]), BLOCK):
        with collection_paused():  # a list per column and a string per cell, no garbage
            texts = [_fields(column[start:start + BLOCK], delimiter) for column in cells]
            texts[-1] = list(map(operator.add, texts[-1], repeat("\n")))  # each line's end, on its last field
            lines = list(map(delimiter.join, zip(*texts, strict=True)))
        yield from lines


_BOOL_TEXT: dict[object, str] = {True: "true", False: "false", None: ""}
_EMPTY: dict[Any, Any] = {None: ""}
_PLAIN = frozenset((str, int, float, list, type(None), dt.date))
"""The cell types a column is made text of in bulk; `str()` writes a day as its ISO form."""
_FLAG_KINDS = frozenset((bool, type(None)))
_DAY_KINDS = frozenset((dt.date, type(None)))
_first = operator.itemgetter(0)


def _fields(column: Sequence[Any], delimiter: str) -> list[str]:
    """Each cell as csv.writer writes `csv_cell` of it, the column at a time where its types allow:
    text as it is, lists joined, floats made whole or empty, then `str()` in C, None as "", then
    quoted where needed (`_quoted`). A column with few distinct values (numbers, days, names, kinds)
    makes each value's field once; numbers, days and flags never need quotes between commas or tabs.
    """
    kinds = set(map(type, column))
    plain = delimiter in _PLAIN_DELIMITERS
    if kinds <= _FLAG_KINDS:
        texts = list(map(_BOOL_TEXT.__getitem__, column))
        return texts if plain else _quoted(texts, delimiter)
    if not kinds <= _PLAIN:  # bools among other values, subclasses: cell by cell
        return _quoted(list(map(str, map(csv_cell, column))), delimiter)
    if str not in kinds and list not in kinds:  # numbers and days (no bool: True == 1)
        # Floats made as csv_cell makes them, then str() in C (a day's is its ISO form), None as "";
        # of each distinct value once where they are few, and always for days (str() of one is slow).
        distinct = set(column)
        few = len(distinct) * 4 <= len(column) or kinds <= _DAY_KINDS
        values = list(distinct) if few else column
        cells = _whole(values) if float in kinds else values
        texts = list(map(_EMPTY.get, cells, map(str, cells)))
        if not plain:
            texts = _quoted(texts, delimiter)
        return list(map(dict(zip(values, texts, strict=True)).__getitem__, column)) if few else texts
    if kinds <= _TEXT_KINDS:
        distinct = set(column)
        if len(distinct) * 4 <= len(column):  # names, kinds, statuses: each value's field once
            fields = _quoted([str(csv_cell(v)) for v in distinct], delimiter)
            known = dict(zip(distinct, fields, strict=True))
            return list(map(known.__getitem__, column))
        texts = list(map(_EMPTY.get, column, column))
    elif kinds == _LISTS:  # claimants, flags, claim ids: joined in C
        texts = list(map(";".join, column))
    elif kinds <= _LISTED_KINDS:  # lists, maybe beside text
        texts = [";".join(v) if type(v) is list else v if v is not None else "" for v in column]
    else:
        cells = [";".join(v) if type(v) is list else v for v in column] if list in kinds else column
        if float in kinds:
            cells = _whole(cells)
        texts = list(map(_EMPTY.get, cells, map(str, cells)))
    if not _SUSPECT_FIRST.isdisjoint(map(_first, filter(None, texts))):
        texts = list(map(str, map(csv_cell, column)))  # some text needs the formula guard
    return _quoted(texts, delimiter)


_PLAIN_DELIMITERS = frozenset(",\t")
"""Delimiters no number, day or flag holds (digits, '.', '-', '+', 'e', letters of true and false)."""
_TEXT_KINDS = frozenset((str, type(None)))
_LISTS = frozenset((list,))
_LISTED_KINDS = frozenset((list, str, type(None)))


def _whole(cells: Sequence[Any]) -> list[Any]:
    """The cells with each float as `csv_cell` and `json_cell` write it: a whole one as an int, an
    infinity or NaN as None (`v - v` is NaN for both), others as they are; inline, not a call each
    (most best estimates are whole floats)."""
    return [v if type(v) is not float else int(v) if v.is_integer() else v if v - v == 0 else None
            for v in cells]


def _quoted(texts: list[str], delimiter: str) -> list[str]:
    """Fields quoted as csv.writer quotes them (QUOTE_MINIMAL, quotes doubled), CR included."""
    whole = "\0".join(texts)
    if '"' not in whole and "\n" not in whole and "\r" not in whole:
        if delimiter not in whole:
            return texts
        return ['"' + t + '"' if delimiter in t else t for t in texts]  # the common case: a number's commas
    needs = re.compile(f'[{re.escape(delimiter)}"\n\r]').search
    return ['"' + t.replace('"', '""') + '"' if needs(t) else t for t in texts]


def json_cell(value: Cell) -> Any:
    if type(value) in _JSON_AS_IS:  # the commonest cells first: one set look-up
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return None  # open bounds: the *_open flags say which end
        return int(value) if value.is_integer() else value
    return value


_JSON_AS_IS = frozenset((str, int, bool, type(None), list))


def json_row(table: ResultTable, row: dict[str, Cell]) -> dict[str, Any]:
    return {c.name: json_cell(row.get(c.name)) for c in table.machine_columns}


def to_json(table: ResultTable) -> str:
    """`json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2)` of the versioned envelope."""
    return "".join(json_parts(table))


def json_parts(table: ResultTable) -> Iterable[str]:
    """`to_json`'s text in parts (a row each, or the whole), made as they are taken: a caller that
    encodes them one at a time never holds the whole text (hfig.cli.base.write_stdout).

    The rows are written by `_json_rows`, between the brackets of the envelope `_indented` writes
    (without a column, or with a "rows" key in its meta, the envelope is written whole).
    """
    names = [c.name for c in table.machine_columns]

    def envelope(rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {"hfig_json": JSON_SCHEMA_VERSION, "kind": table.kind, "columns": names, "rows": rows,
                **table.meta}

    with collection_paused():  # rows of dicts read into columns: many lists, no garbage
        columns = table_columns(table.rows, names)
    if names and "rows" not in table.meta:
        text = _indented(envelope([]))
        if not table.rows:
            return [text, "\n"]
        # The one top-level "rows" key (nothing nested starts a line two spaces in): the rows
        # go between its brackets.
        at = text.index(_NO_ROWS) + len(_NO_ROWS) - 1
        return chain([text[:at], "\n"], _json_rows(names, columns), ["\n  ]", text[at + 1:], "\n"])
    with collection_paused():  # a dict per row and no garbage
        dicts = [dict(zip(names, map(json_cell, cells), strict=True)) for cells in zip(*columns, strict=True)]
        return [_indented(envelope(dicts if names else [{} for _ in table.rows])), "\n"]


_NO_ROWS = '\n  "rows": []'


def _json_rows(names: list[str], columns: list[Sequence[Cell]]) -> Iterator[str]:
    """The rows as json.dumps indents them inside the envelope (keys sorted), a text each, each but
    the first after the comma ending the one before; a block of rows at a time (`BLOCK`).

    A block's columns become JSON text each in one pass chosen by the kinds it holds (`_json_texts`),
    and each row is then its key lines and cells joined in C (`zip` over the columns and each key's
    separator). A block with a cell that pass does not write (a subclass, a list holding something
    but text), and every block when names repeat, is written a dict per row by json itself.
    """
    order = sorted(range(len(names)), key=names.__getitem__)
    keys = [_json_string(names[i]) + ": " for i in order]
    unique = len(set(names)) == len(names)
    for start in range(0, len(columns[0]), BLOCK):
        with collection_paused():  # a string per cell and no garbage
            texts = [_json_texts(columns[i][start:start + BLOCK]) for i in order] if unique else [None]
            if any(column is None for column in texts):
                rows = _json_dict_rows(names, [column[start:start + BLOCK] for column in columns])
            else:
                parts: list[Any] = []
                for key, column in zip(keys, texts, strict=True):
                    parts += (repeat((",\n      " if parts else ",\n    {\n      ") + key), column)
                parts.append(repeat("\n    }"))
                rows = list(map("".join, zip(*parts, strict=False)))  # the repeats never end
        if start == 0:
            rows[0] = rows[0][2:]  # the first row follows no comma
        yield from rows


def _json_dict_rows(names: list[str], columns: list[Sequence[Cell]]) -> list[str]:
    """`_json_rows` of a block, a dict per row written by json (indented as inside the envelope)."""
    import json

    return [",\n    " + json.dumps(dict(zip(names, map(json_cell, cells), strict=True)), sort_keys=True,
                                   ensure_ascii=False, indent=2).replace("\n", "\n    ")
            for cells in zip(*columns, strict=True)]


_JSON_BOOL: dict[Any, str] = {True: "true", False: "false", None: "null"}
_JSON_KINDS = frozenset((str, int, float, bool, type(None), list, dt.date))
"""The cell kinds the column writer knows: json_cell's (a date as its ISO day)."""


def _json_texts(column: Sequence[Any]) -> list[str] | None:
    """Each cell as `json.dumps(json_cell(cell), ensure_ascii=False, indent=2)` writes it as a row's
    value; None for a kind it does not know (a subclass, a list holding something but text).

    A column with few distinct values (flags, names, days, most numbers) writes each value once.
    """
    kinds = set(map(type, column))
    if not kinds <= _JSON_KINDS:
        return None
    if list in kinds:
        try:  # a list holding anything but text (json_cell leaves lists as they are): TypeError
            if kinds <= _LIST_KINDS:
                return _json_lists(column)
            return [_json_list(v) if type(v) is list else _json_value(v) for v in column]
        except TypeError:
            return None
    if bool in kinds and not kinds <= _FLAG_KINDS:
        return list(map(_json_value, column))  # True == 1: no look-up by value
    distinct = set(column)
    if len(distinct) * 4 <= len(column):
        known = {value: _json_value(value) for value in distinct}
        return list(map(known.__getitem__, column))
    if kinds <= _TEXT_KINDS:
        return [_json_string(v) if v is not None else "null" for v in column]
    if kinds <= _NUMBER_KINDS:  # str() in C, after the floats are made as json_cell makes them
        cells = _whole(column) if float in kinds else column
        return list(map(_JSON_NULL.get, cells, map(str, cells)))
    return list(map(_json_value, column))


_NUMBER_KINDS = frozenset((int, float, type(None)))
_JSON_NULL: dict[Any, str] = {None: "null"}


_LIST_KINDS = frozenset((list, type(None)))
_ITEMS = ",\n        "


def _json_value(value: Any) -> str:
    """One cell that is not a list, as JSON text."""
    kind = type(value)
    if kind is str:
        return _json_string(value)
    if kind is float:
        if math.isinf(value) or math.isnan(value):
            return "null"
        return str(int(value)) if value.is_integer() else float.__repr__(value)
    if kind is dt.date:
        return '"' + str(value) + '"'  # a day's ISO form: no character to escape
    return _JSON_BOOL[value] if value is None or kind is bool else str(value)


def _json_lists(column: Sequence[list[str] | None]) -> list[str]:
    """A column of lists of text (or None) as JSON text; a list of one item (most of them: one
    claimant, one area, one claim) made once per item."""
    one: dict[str, str] = {}
    out: list[str] = []
    add = out.append
    for items in column:
        if items is None:
            add("null")
        elif len(items) == 1:
            item = items[0]
            text = one.get(item)
            if text is None:
                text = one[item] = "[\n        " + _json_string(item) + "\n      ]"
            add(text)
        else:
            add(_json_list(items))
    return out


def _json_list(items: list[str]) -> str:
    """A list of text as a row's value: one item a line, eight spaces in."""
    return "[\n        " + _ITEMS.join(map(_json_string, items)) + "\n      ]" if items else "[]"


def _indented(envelope: dict[str, Any]) -> str:
    """`json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2)`, by msgspec where alike.

    The standard library writes indented JSON in Python. msgspec writes the same text (escapes,
    key order, spacing, numbers) except for floats in exponent form (json: 1e-05, 1e+16;
    msgspec: 0.00001, 1e16), for NaN and infinities, and for what json cannot write at all;
    text that may hold such a float (a digit, "e", then a digit or sign) is written again by
    json, as is anything msgspec refuses. (`to_json` writes a table's rows itself, mostly, and
    this the envelope around them.)
    """
    import msgspec

    if _plain(envelope):
        try:
            text = msgspec.json.format(msgspec.json.encode(envelope, order="sorted"), indent=2)
        except (TypeError, ValueError, OverflowError):
            pass
        else:
            if _EXPONENT.search(text) is None:
                return text.decode()
    import json  # only here: json compiles its number pattern on import (docs/performance.md)

    return json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2)


# (json writes a float under 1e-4 with an exponent, 1e-05, where msgspec writes 0.00001)
_EXPONENT = re.compile(rb"[0-9][eE][-+0-9]|(?<![0-9.])0\.0000")


def _plain(envelope: dict[str, Any]) -> bool:
    """Does the envelope, rows aside, hold only what both libraries write alike?

    The rows' cells are `json_cell`'s: text, ints, bools, None, lists of text and finite floats.
    """
    return all(_alike(v) for k, v in envelope.items() if k != "rows")


def _alike(value: Any) -> bool:
    kind = type(value)
    if kind is list or kind is tuple:
        return all(map(_alike, value))
    if kind is dict:
        return all(type(k) is str for k in value) and all(map(_alike, value.values()))
    if kind is float:
        return math.isfinite(value)
    return kind in _JSON_AS_IS


def to_ndjson(table: ResultTable) -> str:
    import json

    lines = (json.dumps(json_row(table, r), sort_keys=True, ensure_ascii=False) for r in table.rows)
    return "".join(line + "\n" for line in lines)
