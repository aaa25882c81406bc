"""What loading produces, and the parts a warm (cached) load needs without PyYAML.

`LoadResult`, the gazetteer builder and the per-file sections live here so that
a cached load can rebuild a data set without importing the YAML reader, the
schema or the checks (hfig.load.loader has those, for cold loads).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from hfig.core.dataset import DataSet
from hfig.core.gazetteer import AdminUnit, Gazetteer, WorldLayer, nested_message, nested_pcodes, normalise
from hfig.core.model import AreaPrecision, Claimant, Metric, Problem, Severity, SourceRef
from hfig.load.paths import DataFile, bundled_root

if TYPE_CHECKING:
    from hfig.load.schema import ClaimDraft, RejectedClaim


class AreaEntry(Struct, frozen=True):
    """A gazetteer extension: an admin unit (`level` given), aliases for a P-code, or a named area."""

    pcode: str | None
    name: str | None
    aliases: tuple[str, ...]
    pcodes: tuple[str, ...]
    precision: AreaPrecision
    ref: SourceRef
    level: int | None = None
    parent: str | None = None


class FileContent(Struct):
    metrics: list[tuple[Metric, SourceRef]] = field(default_factory=list)
    claimants: list[tuple[Claimant, SourceRef]] = field(default_factory=list)
    areas: list[AreaEntry] = field(default_factory=list)
    claims: list[ClaimDraft] = field(default_factory=list)
    rejected: list[RejectedClaim] = field(default_factory=list)  # records with problems: names still checked


class LoadResult(Struct):
    data: DataSet
    problems: list[Problem] = field(default_factory=list)
    # A Mapping, not a dict: the cache fills it lazily (hfig.cache.fast.LazyRefs).
    refs: Mapping[str, Mapping[str, SourceRef]] = field(default_factory=dict)
    files: list[DataFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity.value == "error" for p in self.problems)


def admin_units(folder: Path | None = None) -> list[AdminUnit]:
    """The bundled admin units: Syria's admin1-3 CSVs and the COD tables in reference/cod."""
    import csv  # here, not at the top: a warm start never reads these tables

    from hfig.load.admin_table import read_table

    folder = folder or bundled_root() / "reference"
    units = []
    for level, parent_col in ((1, None), (2, "admin1_pcode"), (3, "admin2_pcode")):
        with open(folder / f"admin{level}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                pcode, name_ar = row["pcode"], row["name_ar"]
                names = (name_ar, name_ar.removeprefix("مركز").strip())  # centre sub-districts: "مركز ..."
                units.append(AdminUnit(pcode, row["name_en"], row[parent_col] if parent_col else pcode[:2],
                                       level, names))
    for path in cod_tables(folder):
        units += read_table(path).units
    return units


def cod_tables(folder: Path | None = None) -> list[Path]:
    folder = folder or bundled_root() / "reference"
    return sorted((folder / "cod").glob("*.csv"))


_UNITS: list[AdminUnit] | None = None


def bundled_units() -> list[AdminUnit]:
    """`admin_units()`, read once per process."""
    global _UNITS
    if _UNITS is None:
        _UNITS = admin_units()
    return _UNITS


def build_gazetteer(contents: list[FileContent], problems: list[Problem],
                    world: WorldLayer | None = None) -> Gazetteer:
    if world is None:
        from hfig.load.world import WorldIndex

        world = WorldIndex()
    gazetteer = Gazetteer(bundled_units(), world)
    defined: dict[str, tuple[str, SourceRef]] = {}  # names given by areas: entries
    entries = [e for content in contents for e in content.areas]
    # Units first, parents before children, so that any entry may name any unit.
    for entry in sorted((e for e in entries if e.level is not None), key=lambda e: e.level or 0):
        _add_unit(gazetteer, entry, problems)
    for entry in entries:
        if entry.level is not None:
            _names_once(entry, entry.pcode or "", defined, problems)
            continue
        unknown = [p for p in (entry.pcode, *entry.pcodes) if p and not gazetteer.knows_pcode(p)]
        if unknown:
            problems.append(
                Problem("unknown-pcode", f"unknown P-code(s): {', '.join(unknown)}", entry.ref)
            )
            continue
        if len(entry.pcodes) > 1 and (nested := nested_pcodes(entry.pcodes)):
            problems.append(Problem("nested-pcodes", nested_message(entry.pcodes, nested), entry.ref,
                                    Severity.WARNING))
        key = entry.pcode or entry.name or ""
        _names_once(entry, key, defined, problems)
        if entry.pcode is not None:
            gazetteer.add_aliases(entry.pcode, entry.aliases)
        elif entry.name is not None:
            gazetteer.add_area(entry.name, entry.name, entry.pcodes, entry.precision, entry.aliases)
    return gazetteer


def _names_once(entry: AreaEntry, key: str, defined: dict[str, tuple[str, SourceRef]],
                problems: list[Problem]) -> None:
    for name in (*entry.aliases, *([entry.name] if entry.name and entry.level is None else [])):
        first = defined.setdefault(normalise(name), (key, entry.ref))
        if first[0] != key:
            problems.append(Problem(
                "duplicate-area-name",
                f"{name!r} already names {first[0]!r} (at {first[1]}): a name must mean one place",
                entry.ref))


def _add_unit(gazetteer: Gazetteer, entry: AreaEntry, problems: list[Problem]) -> None:
    """An admin unit defined by an areas: entry (an imported COD table)."""
    pcode, level = entry.pcode or "", entry.level or 0
    parent = entry.parent or pcode[:2]
    existing = gazetteer.places.get(pcode)
    if existing is not None:
        problems.append(Problem("duplicate-pcode", f"P-code {pcode} is already a unit ({existing.name}); "
                                "give aliases for it with 'pcode' and 'aliases' only", entry.ref))
        return
    if not pcode.startswith(parent) or pcode == parent:
        problems.append(Problem("bad-parent", f"P-code {pcode} does not start with its parent's {parent} "
                                "(containment is by P-code prefix)", entry.ref))
        return
    if level > 1 and not gazetteer.knows_pcode(parent):
        problems.append(Problem("unknown-pcode", f"parent {parent} of {pcode} is not a known unit",
                                entry.ref))
        return
    if level == 1 and gazetteer.place(parent) is None:
        problems.append(Problem("unknown-country", f"{parent} (the start of {pcode}) is not an ISO 3166-1 "
                                "country code; P-codes start with their country's two-letter code",
                                entry.ref))
        return
    gazetteer.add_unit(AdminUnit(pcode, entry.name or pcode, parent, level, entry.aliases))
