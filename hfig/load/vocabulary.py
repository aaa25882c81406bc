"""What loading produces, and the parts a warm (cached) load needs without PyYAML.

`LoadResult`, the gazetteer builder and the per-file sections live here so that
a cached load can rebuild a data set without importing the YAML reader, the
schema or the checks (hfig.load.loader has those, for cold loads).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hfig.core.dataset import DataSet
from hfig.core.gazetteer import AdminUnit, Gazetteer, normalise
from hfig.core.model import AreaPrecision, Claimant, Metric, Problem, SourceRef
from hfig.load.paths import DataFile, bundled_root

if TYPE_CHECKING:
    from hfig.load.schema import ClaimDraft, RejectedClaim


@dataclass(frozen=True)
class AreaEntry:
    """A gazetteer extension: aliases for a P-code, or a named area."""

    pcode: str | None
    name: str | None
    aliases: tuple[str, ...]
    pcodes: tuple[str, ...]
    precision: AreaPrecision
    ref: SourceRef


@dataclass
class FileContent:
    metrics: list[tuple[Metric, SourceRef]] = field(default_factory=list)
    claimants: list[tuple[Claimant, SourceRef]] = field(default_factory=list)
    areas: list[AreaEntry] = field(default_factory=list)
    claims: list[ClaimDraft] = field(default_factory=list)
    rejected: list[RejectedClaim] = field(default_factory=list)  # records with problems: names still checked


@dataclass
class LoadResult:
    data: DataSet
    problems: list[Problem] = field(default_factory=list)
    # A Mapping, not a dict: the cache fills it lazily (hfig.cache.fast.LazyRefs).
    refs: Mapping[str, Mapping[str, SourceRef]] = field(default_factory=dict)
    files: list[DataFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity.value == "error" for p in self.problems)


def admin_units(folder: Path | None = None) -> list[AdminUnit]:
    """OCHA admin1-3 units from the bundled CSVs."""
    folder = folder or bundled_root() / "reference"
    units = []
    for level, parent_col in ((1, None), (2, "admin1_pcode"), (3, "admin2_pcode")):
        with open(folder / f"admin{level}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                units.append(
                    AdminUnit(
                        row["pcode"], row["name_en"], row["name_ar"], row[parent_col] if parent_col else None
                    )
                )
    return units


def build_gazetteer(contents: list[FileContent], problems: list[Problem]) -> Gazetteer:
    gazetteer = Gazetteer(admin_units())
    defined: dict[str, tuple[str, SourceRef]] = {}  # names given by areas: entries
    for content in contents:
        for entry in content.areas:
            unknown = [p for p in (entry.pcode, *entry.pcodes) if p and not gazetteer.knows_pcode(p)]
            if unknown:
                problems.append(
                    Problem("unknown-pcode", f"unknown P-code(s): {', '.join(unknown)}", entry.ref)
                )
                continue
            key = entry.pcode or entry.name or ""
            for name in (*entry.aliases, *([entry.name] if entry.name else [])):
                first = defined.setdefault(normalise(name), (key, entry.ref))
                if first[0] != key:
                    problems.append(Problem(
                        "duplicate-area-name",
                        f"{name!r} already names {first[0]!r} (at {first[1]}): a name must mean one place",
                        entry.ref))
            if entry.pcode is not None:
                gazetteer.add_aliases(entry.pcode, entry.aliases)
            elif entry.name is not None:
                gazetteer.add_area(entry.name, entry.name, entry.pcodes, entry.precision, entry.aliases)
    return gazetteer
