"""Terminal tables over generated tables: the renderer, which works a column at a time and each
distinct cell once, lays every row out as the row-by-row reference below does."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.render.table import Cell, Column, ColumnRows, ResultTable, Row
from hfig.render.terminal import (
    _GAP,
    _LABEL_MAX,
    Layout,
    _fold,
    _longest_word,
    _wrap,
    _wrap_value,
    atoms,
    cell_text,
    paint,
    plan,
    render_terminal,
    wrap_words,
)

WORDS = ["a", "of", "word", "aid_workers_injured", "de-escalation", "310,000", "2019-04-late",
         "bench-claimant-0003", "0", "yes", "xxxxxxxxxxxx"]


def _style(value: Cell, row: Row) -> str:
    return "bold red" if row.get("c0") == "a" else "dim" if value is None else ""


@st.composite
def tables(draw: st.DrawFn) -> ResultTable:
    count = draw(st.integers(1, 6))
    names = [f"c{i}" for i in range(count)]
    other = st.none() | st.sampled_from(names)
    columns = [Column(name, justify=draw(st.sampled_from(["left", "right"])), no_wrap=draw(st.booleans()),
                      quiet=draw(st.sampled_from([None, "0"])), same_as=draw(other),
                      short=draw(st.sampled_from(["", f"s{i}"])), merge_into=draw(other),
                      style=draw(st.sampled_from([None, _style])))
               for i, name in enumerate(names)]
    text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
    words = st.lists(st.sampled_from(WORDS), max_size=3)
    # Group names (any column's text) with spaces and line breaks that textwrap folds or drops.
    odd = st.text(st.sampled_from(" a\t\n\u00a0"), max_size=8)
    value = st.none() | text | st.integers(0, 2) | st.booleans() | words | odd
    rows = draw(st.lists(st.fixed_dictionaries({name: value for name in names}), max_size=12))
    return ResultTable("t", columns, rows, title=draw(st.none() | text), group_by=draw(other),
                       notes=draw(st.lists(text, max_size=2)), color_notes=draw(st.lists(text, max_size=1)),
                       chosen=draw(st.booleans()))


def reference_cells(layout: Layout, table: ResultTable, row: Row) -> list[str]:
    """A row's shown texts, worked out on their own (blanks, then the merged columns' lines)."""
    def shown(c: Column) -> str:
        text = cell_text(row.get(c.name))
        if table.chosen:
            return text
        if c.quiet is not None and text == c.quiet:
            return ""
        if c.same_as is not None and text and text == cell_text(row.get(c.same_as)):
            return ""
        return text
    cells = []
    for c in layout.columns:
        lines = [f"{m.short or m.heading} {shown(m)}" for m in layout.merged.get(c.name, []) if shown(m)]
        cells.append("\n".join(x for x in (shown(c), *lines) if x))
    return cells


def reference_rows(layout: Layout, table: ResultTable, rows: list[Row], color: bool) -> list[str]:
    """Row by row: each cell wrapped to its width, the row as tall as its tallest cell."""
    out: list[str] = []
    if not layout.headings:  # every column blank in every row: nothing but the notes
        return out
    if not layout.widths:
        label = min(_LABEL_MAX, max(len(h) for h in layout.headings))
        room = max(layout.width - label - 2, 10)
        for row in rows:
            out.append("")
            for c, heading, text in zip(layout.columns, layout.headings, reference_cells(layout, table, row),
                                        strict=True):
                style = c.style(row.get(c.name), row) if color and c.style else ""
                lines = [piece for para in text.split("\n") if text for piece in _wrap_value(para, room)]
                for i, line in enumerate(lines):
                    lead = f"{heading[:label]:<{label}}  " if i == 0 else " " * (label + 2)
                    out.append(lead + paint(line, style, color))
        return out

    def lines_of(cells: list[str], styles: list[str]) -> list[str]:
        wrapped = [[line for para in text.split("\n")
                    for line in ([para] if len(para) <= w else _wrap(para, w))]
                   for text, w in zip(cells, layout.widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        return [layout.gap.join(
            paint(text.rjust(w) if c.justify == "right" else text.ljust(w), style, color)
            for text, c, w, style in zip([p[i] if i < len(p) else "" for p in wrapped], layout.columns,
                                         layout.widths, styles, strict=True)).rstrip()
            for i in range(height)]

    out += lines_of(layout.headings, [""] * len(layout.columns))
    out.append(layout.gap.join("─" * w for w in layout.widths))
    for row in rows:
        styles = [c.style(row.get(c.name), row) if color and c.style else "" for c in layout.columns]
        out += lines_of(reference_cells(layout, table, row), styles)
    return out


def reference_wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def reference_render(table: ResultTable, width: int, color: bool) -> str:
    layout = plan(table, width)
    rows = list(table.rows)
    out = [paint(line, "bold", color) for line in reference_wrap(table.title, width)] if table.title else []
    if not rows:
        out.append(paint("No claims match.", "italic", color))
    elif table.group_by is None:
        out += reference_rows(layout, table, rows, color)
    else:
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(cell_text(row.get(table.group_by)), []).append(row)
        for name, members in groups.items():
            out += ["", *(paint(line, "bold", color) for line in reference_wrap(name, width)),
                    *reference_rows(layout, table, members, color)]
    notes = [*table.notes, *(table.color_notes if color else []), *layout.legend] if rows else table.notes
    if notes:
        out += ["", *(paint(line, "dim", color) for note in notes for line in reference_wrap(note, width))]
    return "\n".join(out) + "\n"


@settings(max_examples=300, deadline=None)
@given(table=tables(), width=st.integers(40, 160), color=st.booleans())
def test_rows_are_laid_out_as_one_at_a_time(table: ResultTable, width: int, color: bool) -> None:
    text = render_terminal(table, width, color)
    assert text == reference_render(table, width, color)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(len(line) for line in plain.split("\n")) <= width  # every atom fits these widths
    # Rows kept as columns (as large tables are made) give the same text as rows kept as dicts.
    names = list(dict.fromkeys(name for row in table.rows for name in row))
    as_columns = ResultTable(table.kind, table.columns, ColumnRows({n: [r.get(n) for r in table.rows]
                                                                    for n in names}),
                             table.title, table.group_by, table.notes, color_notes=table.color_notes,
                             chosen=table.chosen)
    assert render_terminal(as_columns, width, color) == text


cells = st.lists(st.text(st.sampled_from("ab1_- \n,"), max_size=12), max_size=6)


@settings(max_examples=300, deadline=None)
@given(texts=cells, width=st.integers(1, 12))
def test_a_column_is_measured_as_its_cells_one_by_one(texts: list[str], width: int) -> None:
    longest = max((len(a) for t in texts for w in t.split() for a in atoms(w)), default=0)
    assert _longest_word(" ".join(texts)) == longest
    for text in texts:  # a paragraph that fits is one line, as folding it gives
        assert _wrap(text, width) == _fold(text, width)[0]


def test_the_gap_is_two_spaces() -> None:  # the reference above reads the layout's own gap
    assert _GAP == "  "


def test_a_table_blank_in_every_column_prints_its_notes_not_a_traceback() -> None:
    table = ResultTable("records", [Column("a"), Column("b")], [{"a": None, "b": None}, {"a": None, "b": ""}],
                        title="T")
    assert render_terminal(table, 100, False) == "T\n\nNot shown: a, b.\n"


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.sampled_from(" ab-_\t\n\r\u00a0\u2003\x1b"), max_size=14), width=st.integers(1, 16))
def test_a_title_or_heading_wraps_as_textwrap_wraps_it(text: str, width: int) -> None:
    assert wrap_words(text, width) == reference_wrap(text, width)
