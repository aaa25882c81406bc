"""The terminal view of a `ResultTable`: a rich table per group, numbers formatted.

Returns renderables; printing is the CLI's job. Colour follows rich's rules
(off when NO_COLOR is set or stdout is not a terminal).
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from hfig.core.qualifiers import format_number
from hfig.render.table import Cell, Column, ResultTable


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(value)
    return value


def render_terminal(table: ResultTable) -> Any:
    """A rich renderable: one table, or one per group with the group as title."""
    columns = [c for c in table.columns if c.terminal and c.name != table.group_by]
    if table.group_by is None:
        parts: list[Any] = [_rich_table(table.title, columns, table.rows)]
    else:
        groups: dict[str, list[dict[str, Cell]]] = {}
        for row in table.rows:
            groups.setdefault(cell_text(row.get(table.group_by)), []).append(row)
        parts = [_rich_table(name, columns, rows) for name, rows in groups.items()]
        if table.title:
            parts.insert(0, Text(table.title, style="bold"))
    if not table.rows:
        parts = [Text("No claims match.", style="italic")]
    parts += [Text(note, style="dim") for note in table.notes]
    return Group(*parts)


def _rich_table(title: str | None, columns: list[Column], rows: list[dict[str, Cell]]) -> Table:
    grid = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False, expand=False
    )
    for col in columns:
        grid.add_column(
            col.heading,
            justify=col.justify,  # type: ignore[arg-type]
            overflow="fold",
            no_wrap=col.no_wrap,
        )
    for row in rows:
        cells = []
        for col in columns:
            value = row.get(col.name)
            style = col.style(value, row) if col.style else ""
            cells.append(Text(cell_text(value), style=style))
        grid.add_row(*cells)
    return grid
