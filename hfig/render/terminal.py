"""The terminal view of a `ResultTable`: plain text tables that fit the width, words kept whole.

rich's Table measured 40-60 ms to lay out a 36-row summary (plus 20 ms of
imports), more than hfig's whole answer; this renderer lays out the same
table in about a millisecond with the standard library. It returns text;
printing is the CLI's job. Colour only when the caller asks for it (the CLI
asks when stdout is a terminal and NO_COLOR is unset).

How a table is fitted to a width, for any table (new columns need no code here):

1. Cells that say nothing are left blank: a column's `quiet` text ("0" echoes)
   and a cell equal to the column `same_as` names (a best estimate that is the
   whole range). A column left all blank is not shown; a note says which and why.
2. Each column may shrink to its longest word: cells wrap at spaces only, never
   inside a word or a number. Headings wrap too ("period / from").
3. If that is still too wide, headings with a short form use it ("ech" for
   echoes), explained in a legend under the table.
4. If even that does not fit, the rows are printed one field per line
   (a vertical record layout), values wrapped at spaces.

With --columns (`ResultTable.chosen`) the columns are the user's: none is
left out or blanked.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from collections.abc import Sequence

from msgspec import Struct, field

from hfig.core.qualifiers import format_number
from hfig.render.table import Cell, Column, ResultTable

_GAP = "  "
_LABEL_MAX = 20  # widest label in the vertical layout
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
    """The whole table as text: title, then a table per group (or one), then notes and legend."""
    layout = plan(table, width)
    out: list[str] = []
    if table.title:
        out += [paint(line, "bold", color) for line in wrap_words(table.title, width)]
    if not table.rows:
        out.append(paint("No claims match.", "italic", color))
    elif table.group_by is None:
        out += layout.render(table.rows, color)
    else:
        groups: dict[str, list[dict[str, Cell]]] = {}
        for row in table.rows:
            groups.setdefault(cell_text(row.get(table.group_by)), []).append(row)
        for name, rows in groups.items():
            out += ["", *(paint(line, "bold", color) for line in wrap_words(name, width)),
                    *layout.render(rows, color)]
    notes = [*table.notes, *(table.color_notes if color else []), *layout.legend]
    if notes and table.rows:
        out.append("")
        out += [paint(line, "dim", color) for note in notes for line in wrap_words(note, width)]
    elif table.notes:
        out.append("")
        out += [paint(line, "dim", color) for note in table.notes for line in wrap_words(note, width)]
    return "\n".join(out) + "\n"


class Layout(Struct):
    """How one table's rows are laid out at one width (the same for every group of the table)."""

    columns: list[Column]
    headings: list[str]
    widths: list[int]  # empty: the vertical layout
    width: int
    legend: list[str]
    gap: str = _GAP
    merged: dict[str, list[Column]] = field(default_factory=dict)  # column -> columns shown in it
    chosen: bool = False
    # Each row's cell texts, worked out once (id of the row -> texts): the layout reads every row
    # to find its widths, and rendering reads them again.
    known: dict[int, list[str]] = field(default_factory=dict)

    def cells(self, row: dict[str, Cell]) -> list[str]:
        return self.known[id(row)]  # every row of the table was worked out by `plan`

    def render(self, rows: Sequence[dict[str, Cell]], color: bool) -> list[str]:
        texts = [self.cells(row) for row in rows]
        if not self.widths:
            return self._vertical(rows, texts, color)
        gap = self.gap
        header = _lines(self.headings, self.widths)
        out = [gap.join(_fit(t, c, w) for t, c, w in zip(line, self.columns, self.widths, strict=True))
               .rstrip() for line in header]
        out.append(gap.join("─" * w for w in self.widths))
        columns, widths = self.columns, self.widths
        if not (color and any(c.style for c in columns)):  # styles only matter in colour
            for cells in texts:
                for line in _lines(cells, widths):
                    fitted = [_fit(t, c, w) for t, c, w in zip(line, columns, widths, strict=True)]
                    out.append(gap.join(fitted).rstrip())
            return out
        for row, cells in zip(rows, texts, strict=True):
            styles = [c.style(row.get(c.name), row) if c.style else "" for c in columns]
            for line in _lines(cells, widths):
                parts = [paint(_fit(t, c, w), s, color)
                         for t, c, w, s in zip(line, columns, widths, styles, strict=True)]
                out.append(gap.join(parts).rstrip())
        return out

    def _vertical(self, rows: Sequence[dict[str, Cell]], texts: list[list[str]], color: bool) -> list[str]:
        label = min(_LABEL_MAX, max(len(h) for h in self.headings))
        room = max(self.width - label - 2, 10)
        out: list[str] = []
        for row, cells in zip(rows, texts, strict=True):
            out.append("")
            for column, heading, text in zip(self.columns, self.headings, cells, strict=True):
                if not text:
                    continue
                style = column.style(row.get(column.name), row) if color and column.style else ""
                lines = [piece for para in text.split("\n") for piece in _wrap_value(para, room)]
                name = heading if len(heading) <= label else heading[:label]
                for i, line in enumerate(lines):
                    lead = f"{name:<{label}}  " if i == 0 else " " * (label + 2)
                    out.append(lead + paint(line, style, color))
        return out


def plan(table: ResultTable, width: int) -> Layout:
    """Choose the columns, their headings and widths for this table at this width.

    Tried in order until the table fits: as it is; with narrow-terminal merges
    (`Column.merge_into`); with short headings too; with one space between
    columns. Otherwise the vertical layout. Each row's texts are worked out once.
    """
    columns = [c for c in table.columns if c.terminal and c.name != table.group_by]
    full = [shown_cells(columns, row, table.chosen) for row in table.rows]
    keep, legend = (list(range(len(columns))), []) if table.chosen or not table.rows else \
        _drop_silent(columns, full, table)
    shown = [columns[i] for i in keep]
    kept = full if len(keep) == len(columns) else [[t[i] for i in keep] for t in full]
    base = Layout(shown, [c.heading for c in shown], [], width, legend, chosen=table.chosen,
                  known=dict(zip(map(id, table.rows), kept, strict=True)))
    if not shown or not table.rows:
        return base
    fitted = _fitted(base, table, False, _GAP)
    if fitted is not None:
        return fitted
    merged = _merged(base, keep, columns, full, table)
    for short, gap in ((False, _GAP), (True, _GAP), (True, " ")):
        fitted = _fitted(merged, table, short, gap)
        if fitted is not None:
            return fitted
    return base


def _merged(base: Layout, keep: list[int], columns: list[Column], full: list[list[str]],
            table: ResultTable) -> Layout:
    """The layout with each `merge_into` column shown inside its target (when the target is shown)."""
    names = {c.name for c in base.columns}
    moved = [i for i in keep if columns[i].merge_into in names]
    if not moved:
        return base
    into: dict[str, list[int]] = {}
    for i in moved:
        into.setdefault(columns[i].merge_into or "", []).append(i)
    stay = [i for i in keep if i not in moved]
    known = {}
    for row, texts in zip(table.rows, full, strict=True):
        cells = []
        for i in stay:
            lines = [f"{columns[j].short or columns[j].heading} {texts[j]}"
                     for j in into.get(columns[i].name, ()) if texts[j]]
            cells.append("\n".join(x for x in (texts[i], *lines) if x))
        known[id(row)] = cells
    merged = {name: [columns[j] for j in js] for name, js in into.items()}
    shown = [columns[i] for i in stay]
    return Layout(shown, [c.heading for c in shown], [], base.width, list(base.legend), base.gap,
                  merged, base.chosen, known)


def _fitted(layout: Layout, table: ResultTable, short: bool, gap: str) -> Layout | None:
    """The layout with widths that fit, or None: no column narrower than its longest word."""
    columns = layout.columns
    texts, cell_floors, cell_natural = _measure(layout, table)
    headings = [c.heading for c in columns]
    legend = list(layout.legend)
    if short:  # shorter headings where the heading is what keeps a column wide
        headings = [c.short if c.short and _longest_word(h) > f else h
                    for c, h, f in zip(columns, headings, cell_floors, strict=True)]
        legend += [c.meaning or f"{c.short}: {c.heading}" for c, h in zip(columns, headings, strict=True)
                   if h != c.heading]
    floors = [max(f, _longest_word(h), 1) for f, h in zip(cell_floors, headings, strict=True)]
    budget = layout.width - len(gap) * (len(columns) - 1)
    if sum(floors) > budget:
        return None
    natural = [max(n, len(h), f) for n, h, f in zip(cell_natural, headings, floors, strict=True)]
    widths = share(floors, natural, budget, texts)
    legend = list(dict.fromkeys(legend))
    return Layout(columns, headings, widths, layout.width, legend, gap, layout.merged, layout.chosen,
                  layout.known)


def _measure(layout: Layout, table: ResultTable) -> tuple[list[list[str]], list[int], list[int]]:
    """Every row's texts, and each column's floor (longest word) and natural width (longest line)."""
    texts = [layout.cells(row) for row in table.rows]
    targets = _merge_targets(layout)
    floors, natural = [], []
    for i, c in enumerate(layout.columns):
        distinct = set(t[i] for t in texts)  # a large table repeats its names, dates and numbers
        floors.append(_cells_floor(c, list(distinct), i in targets))
        natural.append(max([_natural(t) for t in distinct] + [1]))
    return texts, floors, natural


def share(floors: list[int], natural: list[int], budget: int,
          texts: list[list[str]] | None = None) -> list[int]:
    """Widths from the floors up, spending the room left where it saves the most lines.

    Each step widens one column to its next width that makes some cell shorter, choosing
    the step that removes the most printed lines per character (over a sample of rows);
    when no step saves a line, what is left goes to the columns in proportion to what
    they lack of their natural width.
    """
    widths = list(floors)
    room = budget - sum(widths)
    rows = _sample(texts or [])
    if rows:
        room = _widen_where_lines_are_saved(widths, natural, room, rows)
    while room > 0:
        lacking = {i: n - w for i, (n, w) in enumerate(zip(natural, widths, strict=True)) if n > w}
        if not lacking:
            break
        total = sum(lacking.values())
        given = {i: min(need, room * need // total) for i, need in lacking.items()}
        if not any(given.values()):  # less room than columns: one at a time, the most lacking first
            given = {max(lacking, key=lambda i: (lacking[i], -i)): 1}
        for i, n in given.items():
            widths[i] += n
        room -= sum(given.values())
    return widths


def _widen_where_lines_are_saved(widths: list[int], natural: list[int], room: int,
                                 rows: list[list[str]]) -> int:
    """`share`'s first stage, widening `widths` in place; the room left."""
    columns = [[row[i] for row in rows] for i in range(len(widths))]
    heights = [[_height(t, w) for t in cells] for cells, w in zip(columns, widths, strict=True)]
    # Each column's next step and its heights there, until that column is widened: a smaller
    # limit later only cuts off a step found beyond it.
    steps: dict[int, tuple[int, int | None, list[tuple[int, int]]]] = {}
    # A row is as tall as its tallest cell: widening column i changes the row only through
    # i's own cell, against the tallest of the others (the top two of each row give it).
    tallest = [_top_two(h) for h in zip(*heights, strict=True)]
    while room > 0:
        best: tuple[float, int, int, list[tuple[int, int]]] | None = None
        for i, w in enumerate(widths):
            limit = min(natural[i], w + room)
            if i not in steps or steps[i][0] < limit:
                found = _next_width(columns[i], w, limit)
                # Only the rows whose cell changes height can change: kept as (row, new height).
                # A cell that folds the same up to `found` keeps its height.
                changed = [] if found is None else [
                    (r, new) for r, (t, old) in enumerate(zip(columns[i], heights[i], strict=True))
                    if len(t) > w and _next_change(t, w) <= found and (new := _height(t, found)) != old]
                steps[i] = (limit, found, changed)
            _, step, changed = steps[i]
            if step is None or step > limit:
                continue
            saved = sum(tallest[r][0] - max(new, tallest[r][1] if tallest[r][2] == i else tallest[r][0])
                        for r, new in changed)
            gain = saved / (step - w)
            if saved > 0 and (best is None or gain > best[0]):
                best = (gain, i, step, changed)
        if best is None:
            break
        _, i, step, changed = best
        room -= step - widths[i]
        widths[i] = step
        for r, new in changed:
            heights[i][r] = new
            tallest[r] = _top_two(tuple(h[r] for h in heights))
        del steps[i]
    return room


def _top_two(values: tuple[int, ...]) -> tuple[int, int, int]:
    """The largest value, the largest of the others (0 if none), and where the largest is."""
    at = max(range(len(values)), key=values.__getitem__)
    second = max((v for k, v in enumerate(values) if k != at), default=0)
    return values[at], second, at


@functools.lru_cache(maxsize=1 << 16)
def _height(text: str, width: int) -> int:
    """Lines the text takes at this width. Remembered: the width search asks for the same cell and
    width often."""
    return sum(1 if len(p) <= width else len(_fold(p, width)[0]) for p in text.split("\n"))


@functools.lru_cache(maxsize=1 << 16)
def _next_change(text: str, width: int) -> int:
    """The smallest width above `width` at which `text` folds differently (a large number if none)."""
    return min((_fold(p, width)[1] for p in text.split("\n") if len(p) > width), default=_NEVER)


SAMPLE_ROWS = 100
"""Widths are chosen on at most this many rows, spread evenly through the table: the search costs
about 0.25 ms a row, and a table of 100,000 claims lays out like a hundred of its rows."""


def _sample(rows: list[list[str]]) -> list[list[str]]:
    if len(rows) <= SAMPLE_ROWS:
        return rows
    return [rows[i * len(rows) // SAMPLE_ROWS] for i in range(SAMPLE_ROWS)]


def _next_width(cells: list[str], width: int, limit: int) -> int | None:
    """The smallest width above `width` (up to `limit`) at which some cell takes fewer lines.

    A cell's lines stay the same between the widths where its folding changes
    (`_next_change`), so only those widths are tried.
    """
    # Cells that can take fewer lines (not those with every line fitting, or a line per
    # paragraph), by the first width at which they fold differently: once one takes fewer
    # lines at some width, a cell that changes only beyond it cannot give a smaller answer.
    waiting = sorted((_next_change(cell, width), cell) for cell in set(cells)
                     if len(cell) > width and _height(cell, width) > cell.count("\n") + 1)
    found: int | None = None
    for at, cell in waiting:
        now = _height(cell, width)
        while at <= min(limit, found or limit):
            if _height(cell, at) < now:
                found = at
                break
            at = _next_change(cell, at)
    return found


def _merge_targets(layout: Layout) -> set[int]:
    return {i for i, c in enumerate(layout.columns) if c.name in layout.merged}


def shown_cells(columns: list[Column], row: dict[str, Cell], chosen: bool = False) -> list[str]:
    """Each cell's text, blank where it says nothing (the column's quiet text, or same as `same_as`)."""
    texts = [cell_text(row.get(c.name)) for c in columns]
    if chosen:
        return texts
    for i, c in enumerate(columns):
        quiet = c.quiet is not None and texts[i] == c.quiet
        if quiet or (c.same_as is not None and texts[i] and texts[i] == cell_text(row.get(c.same_as))):
            texts[i] = ""
    return texts


def _drop_silent(columns: list[Column], texts: list[list[str]],
                 table: ResultTable) -> tuple[list[int], list[str]]:
    """The columns to keep: not those blank in every row (said so), with partly blank ones explained."""
    keep, silent, legend = [], [], []
    for i, c in enumerate(columns):
        blank = [not t[i] for t in texts]
        why = _why_blank(c, table)
        if all(blank):
            silent.append(f"{c.heading} ({why} in every row)" if why else c.heading)
        else:
            keep.append(i)
            if any(blank) and why:
                legend.append(c.meaning or f"{c.heading}: blank where it is {why}")
    if silent:
        legend.insert(0, f"Not shown: {', '.join(silent)}.")
    return keep, legend


def _why_blank(column: Column, table: ResultTable) -> str:
    if column.quiet is not None:
        return column.quiet
    if column.same_as is not None:
        other = next((c for c in table.columns if c.name == column.same_as), None)
        return f"the {other.heading if other else column.same_as}"
    return ""


# A long word may break after an underscore or after a hyphen between letters (aid_workers_|injured,
# de-|escalation), never inside a number or a date (310,000; 2019-04-late).
_BREAK = re.compile(r"(?<=_)(?=.)|(?<=[^\W\d_]-)(?=[^\W\d_])")


def atoms(word: str) -> list[str]:
    """A word's pieces between its break points."""
    if "_" not in word and "-" not in word:  # no break point without either: most words, no regex
        return [word]
    return _BREAK.split(word)


@functools.lru_cache(maxsize=1 << 16)
def _longest_word(text: str) -> int:
    return max((len(a) for w in text.split() for a in atoms(w)), default=0)


def _cells_floor(column: Column, cells: list[str], merged: bool = False) -> int:
    """The narrowest the column's cells allow without breaking a word (or a no_wrap cell)."""
    if column.no_wrap and not merged:
        return max([_natural(t) for t in cells] + [1])
    return max([_longest_word(t) for t in cells] + [1])


def _natural(text: str) -> int:
    return max((len(p) for p in text.split("\n")), default=0)


def _lines(cells: list[str], widths: list[int]) -> list[list[str]]:
    """Wrap every cell to its width at spaces; a row becomes as many lines as its tallest cell."""
    wrapped = []
    for text, w in zip(cells, widths, strict=True):
        parts: list[str] = []
        for para in text.split("\n"):
            if len(para) <= w:
                parts.append(para)
            else:
                parts += _wrap(para, w)
        wrapped.append(parts)
    height = max(len(p) for p in wrapped)
    return [[p[i] if i < len(p) else "" for p in wrapped] for i in range(height)]


def _wrap(text: str, width: int) -> tuple[str, ...]:
    """A paragraph folded at spaces to a width no narrower than its longest atom; a word wider
    than the width breaks at its break points."""
    return _fold(text, width)[0]


_NEVER = 1 << 30


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """A paragraph's words, each with its length and its atoms. Remembered: the width search folds
    the same cell at many widths, and splitting it again each time was most of `_fold`'s cost."""
    return tuple((word, len(word), tuple(atoms(word))) for word in text.split())


_LAST_FOLD: dict[str, tuple[int, int, tuple[str, ...]]] = {}
"""Each paragraph's latest fold: (width, the width its lines change at, lines)."""


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str, width: int) -> tuple[tuple[str, ...], int]:
    """`_wrap`'s lines, and the smallest wider width at which they would differ: the first at
    which a word kept whole, or a piece that went to a new line, would fit. Below it every
    choice made here is made the same way. Remembered: a large table repeats its names.

    The width search widens a column a few characters at a time, asking for each of its cells
    at each new width; a paragraph folded at a narrower width whose lines do not change before
    this one is answered from that fold."""
    last = _LAST_FOLD.get(text)
    if last is not None and last[0] <= width < last[1]:
        return last[2], last[1]
    folded = _fold_at(text, width)
    if len(_LAST_FOLD) >= 1 << 16:  # as many as the cache above keeps
        _LAST_FOLD.clear()
    _LAST_FOLD[text] = (width, folded[1], folded[0])
    return folded


def _fold_at(text: str, width: int) -> tuple[tuple[str, ...], int]:
    lines: list[str] = []
    line = ""
    size = 0  # len(line)
    change = _NEVER
    for word, length, pieces in _words(text):
        if length <= width:  # the usual case: the word is placed whole
            need = size + 1 + length if size else length
            if need <= width:
                line = f"{line} {word}" if size else word
                size = need
            else:
                if size:
                    lines.append(line)
                    change = min(change, need)
                line, size = word, length
            continue
        change = min(change, length)
        for k, piece in enumerate(pieces):
            sep = 1 if size and k == 0 else 0
            need = size + sep + len(piece)
            if need <= width:
                line = f"{line} {piece}" if sep else line + piece
                size = need
            else:
                if size:
                    lines.append(line)
                    change = min(change, need)
                line, size = piece, len(piece)
    lines.append(line)
    return tuple(lines), change


def _wrap_value(text: str, width: int) -> list[str]:
    """A value in the vertical layout: at spaces and break points; only an atom longer than the
    whole line (a URL) is cut."""
    return [line[i:i + width] for line in _wrap(text, width) for i in range(0, max(len(line), 1), width)]


def wrap_words(text: str, width: int) -> list[str]:
    """A title, heading or note folded at spaces (a word wider than the screen stays whole)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _fit(text: str, col: Column, width: int) -> str:
    return text.rjust(width) if col.justify == "right" else text.ljust(width)
