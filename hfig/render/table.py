"""A neutral result table that every output format renders.

Commands build a `ResultTable` (columns with machine names, titles and HXL
tags; rows of plain values) and one of the format modules turns it into text.
Rows hold real numbers, never formatted strings, so CSV and JSON keep numbers
as numbers; the terminal view formats them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

Cell = str | int | float | bool | None | list[str]


class Format(str, Enum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    NDJSON = "ndjson"


@dataclass(frozen=True)
class Column:
    name: str
    title: str = ""
    hxl: str | None = None
    terminal: bool = True  # shown in the terminal table
    machine: bool = True  # written to CSV/TSV/JSON/NDJSON (False: a terminal-only convenience)
    no_wrap: bool = False  # never fold this column in the terminal (ids, numbers, dates)
    justify: str = "left"
    style: Callable[[Cell, dict[str, Cell]], str] | None = None

    @property
    def heading(self) -> str:
        return self.title or self.name.replace("_", " ")


@dataclass
class ResultTable:
    kind: str  # 'records', 'summary', ...: the JSON envelope's kind
    columns: list[Column]
    rows: list[dict[str, Cell]]
    title: str | None = None
    group_by: str | None = None  # terminal tables break into sections on this column
    notes: list[str] = field(default_factory=list)  # printed under a terminal table only
    meta: dict[str, Any] = field(default_factory=dict)  # extra keys for the JSON envelope

    @property
    def machine_columns(self) -> list[Column]:
        return [c for c in self.columns if c.machine]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)
