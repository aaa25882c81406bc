"""The terminal view of a `ResultTable`: plain text tables, one per group, numbers formatted.

rich's Table measured 40-60 ms to lay out a 36-row summary (plus 20 ms of
imports), more than hfig's whole answer; this renderer lays out the same
table in about a millisecond with the standard library. It returns text;
printing is the CLI's job. Colour only when the caller asks for it (the CLI
asks when stdout is a terminal and NO_COLOR is unset).
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap

from hfig.core.qualifiers import format_number
from hfig.render.table import Cell, Column, ResultTable

_GAP = "  "
_MIN_WIDTH = 6
_ANSI = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def paint(text: str, style: str, color: bool) -> str:
    """Wrap text in ANSI codes for a rich-style string such as 'bold red'."""
    if not color or not style or not text:  # the usual case, millions of times in a large table
        return text
    codes = [_ANSI[w] for w in style.split() if w in _ANSI]
    if not codes:
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def render_terminal(table: ResultTable, width: int = 100, color: bool = False) -> str:
    """The whole table as text: title, then a table per group (or one), then notes."""
    columns = [c for c in table.columns if c.terminal and c.name != table.group_by]
    out: list[str] = []
    if table.title:
        out += [paint(line, "bold", color) for line in textwrap.wrap(table.title, width)]
    if not table.rows:
        out.append(paint("No claims match.", "italic", color))
    elif table.group_by is None:
        out += _grid(columns, table.rows, width, color)
    else:
        groups: dict[str, list[dict[str, Cell]]] = {}
        for row in table.rows:
            groups.setdefault(cell_text(row.get(table.group_by)), []).append(row)
        for name, rows in groups.items():
            out += ["", paint(name, "bold", color), *_grid(columns, rows, width, color)]
    if table.notes:
        out.append("")
        out += [paint(line, "dim", color) for note in table.notes for line in textwrap.wrap(note, width)]
    return "\n".join(out) + "\n"


def _grid(columns: list[Column], rows: list[dict[str, Cell]], width: int, color: bool) -> list[str]:
    texts = [[cell_text(row.get(c.name)) for c in columns] for row in rows]
    widths = _widths(columns, texts, width)
    header = _lines([c.heading for c in columns], columns, widths)
    rule = _GAP.join("─" * w for w in widths)
    out = [_GAP.join(_fit(t, c, w) for t, c, w in zip(line, columns, widths, strict=True)) for line in header]
    out.append(rule)
    styled = color and any(c.style for c in columns)  # styles only matter in colour
    for row, cells in zip(rows, texts, strict=True):
        if styled:
            styles = [c.style(row.get(c.name), row) if c.style else "" for c in columns]
            for line in _lines(cells, columns, widths):
                parts = [paint(_fit(t, c, w), s, color)
                         for t, c, w, s in zip(line, columns, widths, styles, strict=True)]
                out.append(_GAP.join(parts).rstrip())
        else:
            for line in _lines(cells, columns, widths):
                out.append(_GAP.join([_fit(t, c, w) for t, c, w in zip(line, columns, widths, strict=True)])
                           .rstrip())
    return out


def _widths(columns: list[Column], texts: list[list[str]], total: int) -> list[int]:
    """Natural widths, then shrink the widest wrappable columns until the table fits.

    First no column goes below its longest word (so words wrap whole); only if
    that is not enough do words get folded, down to a small minimum.
    """
    natural, words = [], []
    for i, col in enumerate(columns):
        parts = [part for row in texts for part in row[i].split("\n")]
        heading = max((len(w) for w in col.heading.split()), default=0)
        natural.append(max([len(p) for p in parts] + [heading, 1]))
        longest_word = max([len(w) for p in parts for w in p.split()] + [heading, _MIN_WIDTH])
        words.append(min(longest_word, natural[-1]))
    widths = list(natural)
    budget = total - len(_GAP) * (len(columns) - 1)
    for floor in (words, [_MIN_WIDTH] * len(columns)):
        while sum(widths) > budget:
            shrinkable = [i for i, c in enumerate(columns) if not c.no_wrap and widths[i] > floor[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i] - floor[i])
            widths[widest] -= 1
    return widths


def _lines(cells: list[str], columns: list[Column], widths: list[int]) -> list[list[str]]:
    """Wrap every cell to its width; a row becomes as many lines as its tallest cell."""
    wrapped = []
    for text, col, w in zip(cells, columns, widths, strict=True):
        parts: list[str] = []
        for para in text.split("\n"):
            if col.no_wrap or len(para) <= w:
                parts.append(para)
            else:
                parts += _wrap(para, w)
        wrapped.append(parts)
    height = max(len(p) for p in wrapped)
    return [[p[i] if i < len(p) else "" for p in wrapped] for i in range(height)]


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, width: int) -> tuple[str, ...]:
    """A paragraph folded to a width. Remembered: a large table repeats its names and dates."""
    return tuple(textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True)) or ("",)


def _fit(text: str, col: Column, width: int) -> str:
    return text.rjust(width) if col.justify == "right" else text.ljust(width)
