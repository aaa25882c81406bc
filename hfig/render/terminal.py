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
import itertools
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TypeVar

from msgspec import Struct, field

from hfig.core.qualifiers import format_number
from hfig.render.table import NO_ROWS, Cell, Column, ResultTable, Row, table_columns

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
        out.append(paint(NO_ROWS, "italic", color))
    elif table.group_by is None:
        out += layout.head() + layout.body(range(len(table.rows)), table.rows, color)[0]
    else:
        out += _grouped(_groups(table.rows, table.group_by), table.rows, layout, width, color)
    notes = [*table.notes, *(table.color_notes if color else []), *layout.legend]
    if notes and table.rows:
        out.append("")
        out += [paint(line, "dim", color) for note in notes for line in wrap_words(note, width)]
    elif table.notes:
        out.append("")
        out += [paint(line, "dim", color) for note in table.notes for line in wrap_words(note, width)]
    return "\n".join(out) + "\n"


def _groups(rows: Sequence[Row], name: str) -> dict[str, list[int]]:
    """Each group's rows (by position), the groups in the order they first appear."""
    groups: dict[str, list[int]] = {}
    for k, text in enumerate(column_texts(table_columns(rows, [name])[0])):
        groups.setdefault(text, []).append(k)
    return groups


def _grouped(groups: dict[str, list[int]], rows: Sequence[Row], layout: Layout, width: int,
             color: bool) -> list[str]:
    """A table per group: its name in bold, the column headings, its rows. Every row is laid out
    in one pass, in the order the groups print them: a series table has a group for every few rows
    (10,300 at 100,000 claims), and laying each group out on its own cost more than its rows."""
    lines, heights = layout.body([k for picked in groups.values() for k in picked], rows, color)
    head = layout.head()
    out: list[str] = []
    row = line = 0
    for name, picked in groups.items():
        end = line + sum(heights[row:row + len(picked)])
        out += ["", *(paint(text, "bold", color) for text in wrap_words(name, width)), *head,
                *lines[line:end]]
        row, line = row + len(picked), end
    return out


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
    # Each column's cell texts in every row of the table, worked out once: the layout reads them
    # to find its widths, and rendering reads them again.
    texts: list[list[str]] = field(default_factory=list)

    def head(self) -> list[str]:
        """The column headings and the rule under them (none in the vertical layout)."""
        if not self.widths:
            return []
        out = self._lines([[h] for h in self.headings], [None] * len(self.columns), False)[0]
        out.append(self.gap.join("─" * w for w in self.widths))
        return out

    def body(self, picked: Sequence[int], rows: Sequence[Row], color: bool) -> tuple[list[str], list[int]]:
        """These rows of the table (by position), laid out: their lines, and how many lines each
        takes. `rows` are read only for colours."""
        texts = [[cells[k] for k in picked] for cells in self.texts]
        styles = [[c.style(rows[k].get(c.name), rows[k]) for k in picked] if color and c.style else None
                  for c in self.columns]
        if not self.headings:  # every column blank in every row: nothing to lay out (the notes say so)
            return [], [0] * len(picked)
        if not self.widths:
            return self._vertical(texts, styles, color)
        return self._lines(texts, styles, color)

    def _lines(self, texts: list[list[str]], styles: list[list[str] | None],
               color: bool) -> tuple[list[str], list[int]]:
        """Each row as its lines: every cell wrapped to its column's width at spaces, fitted and
        painted (each distinct cell once), side by side; a row is as tall as its tallest cell.
        Also each row's height."""
        blocks, fills = [], []
        for c, w, cells, style in zip(self.columns, self.widths, texts, styles, strict=True):
            fit = str.rjust if c.justify == "right" else str.ljust
            block = functools.partial(_cell_lines, fit=fit, width=w, color=color)
            blocks.append(_each_distinct(cells, style, block))
            # Below a shorter cell, its column is blank (painted in colour, as the cell is).
            fills.append([lines[0] for lines in _each_distinct([""] * len(cells), style, block)])
        heights = list(map(max, zip(*[map(len, cells) for cells in blocks], strict=True)))
        padded = [[lines + (fill,) * (height - len(lines))
                   for lines, fill, height in zip(cells, blank, heights, strict=True)]
                  for cells, blank in zip(blocks, fills, strict=True)]
        lines = itertools.chain.from_iterable(map(zip, *padded))  # each row's lines, its cells side by side
        return [line.rstrip() for line in map(self.gap.join, lines)], heights

    def _vertical(self, texts: list[list[str]], styles: list[list[str] | None],
                  color: bool) -> tuple[list[str], list[int]]:
        """Each row as a blank line, then a line per field (label, value); also each row's height."""
        label = min(_LABEL_MAX, max(len(h) for h in self.headings))
        room = max(self.width - label - 2, 10)
        blocks = []
        for heading, cells, style in zip(self.headings, texts, styles, strict=True):
            lead = f"{heading[:label]:<{label}}  "
            make = functools.partial(_field_lines, lead=lead, width=room, color=color)
            blocks.append(_each_distinct(cells, style, make))
        out: list[str] = []
        heights = []
        for row in zip(*blocks, strict=True):
            start = len(out)
            out.append("")
            out += itertools.chain.from_iterable(row)
            heights.append(len(out) - start)
        return out, heights


def _cell_lines(text: str, style: str, fit: Callable[[str, int], str], width: int,
                color: bool) -> tuple[str, ...]:
    """A cell of a table: wrapped to its column's width at spaces, each line fitted and painted."""
    if len(text) <= width and "\n" not in text:  # one line: most cells, without the generator's cost
        return (paint(fit(text, width), style, color),)
    return tuple(paint(fit(line, width), style, color) for para in text.split("\n")
                 for line in ((para,) if len(para) <= width else _wrap(para, width)))


def _field_lines(text: str, style: str, lead: str, width: int, color: bool) -> tuple[str, ...]:
    """A field of the vertical layout (none if blank): the label, then the value wrapped to `width`."""
    lines = [piece for para in text.split("\n") for piece in _wrap_value(para, width)] if text else []
    return tuple((lead if i == 0 else " " * len(lead)) + paint(line, style, color)
                 for i, line in enumerate(lines))


T = TypeVar("T")


def _each_distinct(texts: list[str], styles: list[str] | None, make: Callable[[str, str], T]) -> list[T]:
    """`make(text, style)` for each cell, worked out once for each distinct cell: a large table repeats
    its names, kinds, dates and flags."""
    if styles is None:
        done = {t: make(t, "") for t in set(texts)}
        return list(map(done.__getitem__, texts))
    pairs = list(zip(texts, styles, strict=True))
    made = {p: make(*p) for p in set(pairs)}
    return list(map(made.__getitem__, pairs))


def plan(table: ResultTable, width: int) -> Layout:
    """Choose the columns, their headings and widths for this table at this width.

    Tried in order until the table fits: as it is; with narrow-terminal merges
    (`Column.merge_into`); with short headings too; with one space between
    columns. Otherwise the vertical layout. Each cell's text is worked out once.
    """
    columns = [c for c in table.columns if c.terminal and c.name != table.group_by]
    full = shown_texts(columns, table.rows, table.chosen)
    keep, legend = (list(range(len(columns))), []) if table.chosen or not table.rows else \
        _drop_silent(columns, full, table)
    shown = [columns[i] for i in keep]
    base = Layout(shown, [c.heading for c in shown], [], width, legend, chosen=table.chosen,
                  texts=[full[i] for i in keep])
    if not shown or not table.rows:
        return base
    fitted = _fitted(base, _measure(base), False, _GAP)
    if fitted is not None:
        return fitted
    merged = _merged(base, keep, columns, full)
    measured = _measure(merged)
    for short, gap in ((False, _GAP), (True, _GAP), (True, " ")):
        fitted = _fitted(merged, measured, short, gap)
        if fitted is not None:
            return fitted
    return base


def _merged(base: Layout, keep: list[int], columns: list[Column], full: list[list[str]]) -> Layout:
    """The layout with each `merge_into` column shown inside its target (when the target is shown)."""
    names = {c.name for c in base.columns}
    moved = [i for i in keep if columns[i].merge_into in names]
    if not moved:
        return base
    into: dict[str, list[int]] = {}
    for i in moved:
        into.setdefault(columns[i].merge_into or "", []).append(i)
    stay = [i for i in keep if i not in moved]
    texts = []
    for i in stay:
        lines = [[f"{columns[j].short or columns[j].heading} {t}" if t else "" for t in full[j]]
                 for j in into.get(columns[i].name, ())]
        texts.append(["\n".join(filter(None, cell)) for cell in zip(full[i], *lines, strict=True)]
                     if lines else full[i])
    merged = {name: [columns[j] for j in js] for name, js in into.items()}
    shown = [columns[i] for i in stay]
    return Layout(shown, [c.heading for c in shown], [], base.width, list(base.legend), base.gap,
                  merged, base.chosen, texts)


def _fitted(layout: Layout, measured: tuple[list[int], list[int]], short: bool, gap: str) -> Layout | None:
    """The layout with widths that fit, or None: no column narrower than its longest word."""
    columns = layout.columns
    cell_floors, cell_natural = measured
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
    widths = share(floors, natural, budget, layout.texts)
    legend = list(dict.fromkeys(legend))
    return Layout(columns, headings, widths, layout.width, legend, gap, layout.merged, layout.chosen,
                  layout.texts)


def _measure(layout: Layout) -> tuple[list[int], list[int]]:
    """Each column's floor (longest word) and natural width (longest line), over its distinct texts."""
    targets = _merge_targets(layout)
    floors, natural = [], []
    for i, (c, cells) in enumerate(zip(layout.columns, layout.texts, strict=True)):
        distinct = list(set(cells))  # a large table repeats its names, dates and numbers
        floors.append(_cells_floor(c, distinct, i in targets))
        natural.append(max(_natural("\n".join(distinct)), 1))
    return floors, natural


def share(floors: list[int], natural: list[int], budget: int,
          texts: list[list[str]] | None = None) -> list[int]:
    """Widths from the floors up, spending the room left where it saves the most lines.

    Each step widens one column to its next width that makes some cell shorter, choosing
    the step that removes the most printed lines per character (over a sample of rows);
    when no step saves a line, what is left goes to the columns in proportion to what
    they lack of their natural width. `texts`: each column's cells.
    """
    widths = list(floors)
    room = budget - sum(widths)
    if texts and texts[0]:
        room = _widen_where_lines_are_saved(widths, natural, room, _sample(texts))
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
                                 columns: list[list[str]]) -> int:
    """`share`'s first stage, widening `widths` in place; the room left."""
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


def _sample(columns: list[list[str]]) -> list[list[str]]:
    """The columns' cells in the sampled rows."""
    count = len(columns[0])
    if count <= SAMPLE_ROWS:
        return columns
    picked = [i * count // SAMPLE_ROWS for i in range(SAMPLE_ROWS)]
    return [[cells[k] for k in picked] for cells in columns]


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


def column_texts(values: Sequence[Cell]) -> list[str]:
    """`cell_text` of each value (most are strings, their own text, or None, blank)."""
    return [v if type(v) is str else "" if v is None else cell_text(v) for v in values]


def shown_texts(columns: list[Column], rows: Sequence[Row], chosen: bool = False) -> list[list[str]]:
    """Each column's cell texts, blank where they say nothing (the column's quiet text, or the same
    as its `same_as` column's)."""
    names = [c.name for c in columns]
    if not chosen:
        names += [c.same_as for c in columns if c.same_as is not None]
    names = list(dict.fromkeys(names))
    read = dict(zip(names, map(column_texts, table_columns(rows, names)), strict=True))
    out = []
    for c in columns:
        texts = read[c.name]
        if not chosen and c.quiet is not None:
            texts = ["" if t == c.quiet else t for t in texts]
        if not chosen and c.same_as is not None:
            texts = ["" if t and t == same else t for t, same in zip(texts, read[c.same_as], strict=True)]
        out.append(texts)
    return out


def _drop_silent(columns: list[Column], texts: list[list[str]],
                 table: ResultTable) -> tuple[list[int], list[str]]:
    """The columns to keep: not those blank in every row (said so), with partly blank ones explained."""
    keep, silent, legend = [], [], []
    for i, (c, cells) in enumerate(zip(columns, texts, strict=True)):
        why = _why_blank(c, table)
        if not any(cells):
            silent.append(f"{c.heading} ({why} in every row)" if why else c.heading)
        else:
            keep.append(i)
            if not all(cells) and why:
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


def _longest_word(text: str) -> int:
    """The longest atom of the text's words. Many texts may be measured at once, joined by spaces."""
    words = text.split()
    if "_" in text or "-" in text:  # else no word has a break point: most texts
        words = [a for w in set(words) for a in atoms(w)]
    return max(map(len, words), default=0)


def _cells_floor(column: Column, cells: list[str], merged: bool = False) -> int:
    """The narrowest the column's cells allow without breaking a word (or a no_wrap cell)."""
    if column.no_wrap and not merged:
        return max(_natural("\n".join(cells)), 1)
    return max(_longest_word(" ".join(cells)), 1)


def _natural(text: str) -> int:
    """The longest line of the text. Many texts may be measured at once, joined by newlines."""
    return max(map(len, text.split("\n")))


def _wrap(text: str, width: int) -> tuple[str, ...]:
    """A paragraph folded at spaces to a width no narrower than its longest atom; a word wider
    than the width breaks at its break points."""
    if len(text) <= width:  # no word can go to a second line: `_fold`'s one line, without its work
        return (" ".join(text.split()),)
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
    if len(text) <= width and text.isprintable() and text[-1:] != " ":
        # What textwrap gives a line that fits, without its work (a table has a heading per group,
        # thousands at 100,000 claims): no tab or line break to replace, no end space to drop.
        return [text]
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]

