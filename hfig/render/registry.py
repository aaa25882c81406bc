"""The `hfig metrics` and `hfig claimants` tables: the vocabulary and the registry."""

from __future__ import annotations

from hfig.core.dataset import DataSet
from hfig.render.table import Cell, Column, ResultTable


def metrics_table(data: DataSet) -> ResultTable:
    rows: list[dict[str, Cell]] = [
        {
            "name": m.name,
            "family": m.family.value,
            "unit": m.unit,
            "kind": m.kind.value,
            "parent": m.parent,
            "civilian": m.civilian,
            "description": m.description,
        }
        for m in sorted(data.metrics.values(), key=lambda m: (m.family.value, m.name))
    ]
    columns = [Column(n) for n in ("name", "family", "unit", "kind", "parent", "civilian", "description")]
    return ResultTable("metrics", columns, rows, group_by="family")


def claimants_table(data: DataSet) -> ResultTable:
    rows: list[dict[str, Cell]] = [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind.value,
            "aliases": list(c.aliases),
            "part_of": c.part_of,
            "reliability": c.reliability,
            "reliability_basis": c.reliability_basis,
        }
        for c in sorted(data.claimants.values(), key=lambda c: c.id)
    ]
    columns = [Column(n) for n in ("id", "name", "kind", "aliases", "part_of", "reliability",
                                    "reliability_basis")]
    return ResultTable("claimants", columns, rows)
