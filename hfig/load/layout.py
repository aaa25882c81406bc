"""The names of a record's fields and the shape of an id.

What the loader (hfig.load.schema), the fast path (hfig.cache.fast) and the cache
decoder (hfig.cache.codec) agree on, in a module light enough for a warm start to
import without the loader.
"""

from __future__ import annotations

import re

CLAIM_FIELDS = (
    "id",
    "metric",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "household_size",
    "household_size_max",
    "claimant",
    "area",
    "period",
    "as_of",
    "publisher",
    "url",
    "published",
    "origin",
    "quote",
    "notes",
    "inferred",
    "credibility",
    "disputed",
)
PERIOD_FIELDS = ("start", "end", "cumulative", "as_written")
AREA_FIELDS = ("name", "pcodes", "precision")
METRIC_FIELDS = ("name", "family", "unit", "kind", "parent", "civilian", "description", "units")
CLAIMANT_FIELDS = ("id", "name", "aliases", "kind", "reliability", "reliability_basis", "part_of")
INFERABLE = frozenset(
    [*CLAIM_FIELDS, *(f"period.{f}" for f in PERIOD_FIELDS), *(f"area.{f}" for f in AREA_FIELDS)]
)
AREA_ENTRY_FIELDS = ("pcode", "name", "level", "parent", "aliases", "pcodes", "precision")

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")
