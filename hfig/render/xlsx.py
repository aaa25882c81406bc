"""An Excel workbook of `ResultTable`s: one sheet per table, typed cells, a frozen header.

Written with XlsxWriter (pure Python, no dependencies, imported only here):
numbers are numbers, ISO days (`as_of_date` ...) are dates with a yyyy-mm-dd
format, flags are booleans, lists are joined with ';' as in CSV. Text is
always written as text, never as a formula (`strings_to_formulas` off), so a
cell such as "=HYPERLINK(...)" in a quote is shown, not run, and needs no
apostrophe. Columns get widths from their content (capped), the header row is
bold and frozen, with an autofilter. With `hxl`, the HXL hashtag row sits under
the header, as HDX reads it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any

from hfig.render.table import Cell, ResultTable

MAX_WIDTH = 60
"""Widest column, in characters: a long quote wraps in the cell rather than pushing the sheet wide."""
_UNSAFE_SHEET = re.compile(r"[\[\]:*?/\\]")
CELL_MAX = 32_767
"""Most characters an Excel cell holds (XlsxWriter cuts a longer text there without a word)."""


def to_xlsx(tables: list[ResultTable], hxl: bool = False) -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    book = xlsxwriter.Workbook(out, options)
    # Deterministic bytes: the same question gives the same file (no creation time in it).
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    formats = {
        "header": book.add_format({"bold": True, "bottom": 1}),
        "hxl": book.add_format({"italic": True, "font_color": "#555555"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
    }
    used: set[str] = set()
    for table in tables:
        _sheet(book, table, sheet_name(table, used), formats, hxl)
    book.close()
    return out.getvalue()


def sheet_name(table: ResultTable, used: set[str]) -> str:
    """The table's kind (Excel: at most 31 characters, none of []:*?/\\), unique in the book."""
    base = _UNSAFE_SHEET.sub("_", table.kind)[:28] or "table"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name.lower())
    return name


def _sheet(book: Any, table: ResultTable, name: str, formats: dict[str, Any], hxl: bool) -> None:
    sheet = book.add_worksheet(name)
    columns = table.machine_columns
    widths = [len(c.name) for c in columns]
    for j, column in enumerate(columns):
        sheet.write_string(0, j, column.name, formats["header"])
        if hxl:
            sheet.write_string(1, j, column.hxl or "", formats["hxl"])
    top = 2 if hxl else 1
    for i, row in enumerate(table.rows, start=top):
        for j, column in enumerate(columns):
            shown = _write(sheet, i, j, row.get(column.name), formats)
            widths[j] = max(widths[j], min(shown, MAX_WIDTH))
    for j, width in enumerate(widths):
        sheet.set_column(j, j, width + 2)
    sheet.freeze_panes(top, 0)
    if columns:
        sheet.autofilter(top - 1, 0, max(top - 1, top + len(table.rows) - 1), len(columns) - 1)


def _write(sheet: Any, i: int, j: int, value: Cell, formats: dict[str, Any]) -> int:
    """Write one typed cell; return the width its text takes."""
    if value is None:
        return 0
    if isinstance(value, bool):
        sheet.write_boolean(i, j, value)
        return 5
    if isinstance(value, int | float):
        if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
            return 0  # an open bound: empty, as in CSV; the *_open flag says which end
        sheet.write_number(i, j, value)
        return len(f"{value:,}")
    if isinstance(value, dt.date):
        sheet.write_datetime(i, j, dt.datetime(value.year, value.month, value.day), formats["date"])
        return 10
    text = fitted(value)
    sheet.write_string(i, j, text)
    return max((len(line) for line in text.split("\n")), default=0)


def fitted(value: str | list[str]) -> str:
    """The cell's text (a list joined with ';'), cut to what a cell holds, saying so at its end.

    Only a list can pass the limit (a summary row's claim ids at scale: 1,000 ids of 33
    characters): it is cut after a whole item, then "; ... N more (in CSV or JSON)", so that no
    id is shown half and nobody takes the cell for the whole list. Text longer than a cell
    (hfig's own fields hold at most 20,000 characters) is cut the same way, with a word.
    """
    text = ";".join(value) if isinstance(value, list) else value
    if len(text) <= CELL_MAX:
        return text
    if isinstance(value, list):
        shown, length = 0, 0
        while length + len(value[shown]) + 1 + len(_more(len(value))) <= CELL_MAX:
            length += len(value[shown]) + 1
            shown += 1
        return ";".join(value[:shown]) + _more(len(value) - shown)
    cut = CELL_MAX - 60  # room for the words after it
    return text[:cut] + f" ... {len(text) - cut:,} characters more (in CSV or JSON)"


def _more(count: int) -> str:
    return f"; ... {count:,} more (in CSV or JSON)"
