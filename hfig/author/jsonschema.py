"""The JSON Schema (draft 2020-12) of the record file format, for editors.

Derived, not hand-written: the properties of every entry are the field lists
that the loader itself enforces (`hfig.load.schema.CLAIM_FIELDS` and friends),
the choices are the enums of `hfig.core`, the patterns are the loader's own
regular expressions. A field added to the loader without a type here makes
`record_file_schema()` fail with a KeyError, which the tests catch, so the two
cannot drift apart silently.

The schema describes YAML as editors read it (YAML 1.2: a plain `2019` is a
number, a plain `2019-05-07` a string). hfig reads every scalar as the text
written, so text fields accept numbers and booleans too.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from hfig.core.dates import _DAY, _MONTH, _PART, _WEEK, _YEAR
from hfig.core.model import AreaPrecision, ClaimantKind, Family, MetricKind
from hfig.core.qualifiers import VAGUE_LEXICON, Qualifier
from hfig.load.layout import (
    AREA_ENTRY_FIELDS,
    AREA_FIELDS,
    CLAIM_FIELDS,
    CLAIMANT_FIELDS,
    ID_PATTERN,
    METRIC_FIELDS,
    PERIOD_FIELDS,
)
from hfig.load.schema import _NAME, _PCODE, SECTIONS

Schema = dict[str, Any]

TEXT: Schema = {"type": ["string", "number", "boolean"]}
NUMBER: Schema = {"type": "number", "minimum": 0}
BOOLEAN: Schema = {"type": "boolean"}
DATE: Schema = {
    "description": "A fuzzy date: 2019-05-07, ~2019-05-07, 2019-W19, 2019-05-late, 2019-05 or 2019",
    "anyOf": [
        {"type": "string",
         "pattern": f"^(~?{_DAY.pattern}|{_WEEK.pattern}|{_PART.pattern}|{_MONTH.pattern}|{_YEAR.pattern})$"},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ],
}
IDENTIFIER: Schema = {"type": ["string", "integer"], "pattern": f"^{ID_PATTERN.pattern}$"}
NAME: Schema = {"type": "string", "pattern": f"^{_NAME.pattern}$"}
PCODE: Schema = {"type": "string", "pattern": f"^{_PCODE.pattern}$"}


def _choice(enum: type[Enum], description: str) -> Schema:
    return {"enum": sorted(str(e.value) for e in enum), "description": description}


def _one_or_list(item: Schema) -> Schema:
    return {"anyOf": [item, {"type": "array", "items": item}]}


def _entry(fields: tuple[str, ...], types: dict[str, Schema], required: tuple[str, ...],
           description: str) -> Schema:
    """An object with exactly the loader's fields; optional ones may be left empty (null)."""
    properties = {
        name: types[name] if name in required else {"anyOf": [types[name], {"type": "null"}]}
        for name in fields
    }
    return {"type": "object", "description": description, "properties": properties,
            "required": list(required), "additionalProperties": False}


AREA_TYPES: dict[str, Schema] = {
    "name": TEXT,
    "pcodes": _one_or_list(PCODE),
    "precision": _choice(AreaPrecision, "How well the P-codes match the area as named"),
}
PERIOD_TYPES: dict[str, Schema] = {
    "start": DATE, "end": DATE, "cumulative": BOOLEAN, "as_written": TEXT,
}


def _area() -> Schema:
    mapping = _entry(AREA_FIELDS, AREA_TYPES, (), "The area as written and the P-codes it covers")
    mapping["anyOf"] = [{"required": ["name"]}, {"required": ["pcodes"]}]
    return {"anyOf": [TEXT, mapping],
            "description": "A place name the gazetteer knows, or a mapping with name, pcodes, precision"}


def _claim_types() -> dict[str, Schema]:
    vague = {"enum": sorted(VAGUE_LEXICON), "description": "with qualifier: vague, a word of the lexicon"}
    return {
        "id": IDENTIFIER,
        "metric": {**TEXT, "description": "A metric name from the vocabulary (hfig metrics)"},
        "value": {"anyOf": [NUMBER, vague], "description": "A plain number: 300000, not 300,000"},
        "value_max": {**NUMBER, "description": "Only with qualifier: between"},
        "qualifier": _choice(Qualifier, "How the claimant bounded the number"),
        "unit": TEXT,
        "household_size": {**NUMBER, "description": "People per household (or family), with unit: households"
                           " or families"},
        "household_size_max": {**NUMBER, "description": "The largest size, for a range"},
        "claimant": {**TEXT, "description": "A claimant id from the registry (hfig claimants)"},
        "area": _area(),
        "period": _entry(PERIOD_FIELDS, PERIOD_TYPES, (), "The period the figure covers"),
        "as_of": {**DATE, "description": "When the claimant said it"},
        "publisher": TEXT,
        "url": TEXT,
        "published": DATE,
        "origin": {**IDENTIFIER, "description": "The id of the record this one echoes"},
        "quote": TEXT,
        "notes": TEXT,
        "inferred": {"type": "object", "additionalProperties": TEXT,
                     "description": "For each inferred field, why"},
        "credibility": {"type": "integer", "minimum": 1, "maximum": 6},
        "disputed": BOOLEAN,
    }


def _claim() -> Schema:
    required = ("id", "metric", "value", "claimant", "area", "as_of")
    claim = _entry(CLAIM_FIELDS, _claim_types(), required, "One claim: one number, one claimant, "
                   "one metric, one area, one period")
    claim["allOf"] = [
        {"if": {"required": ["qualifier"], "properties": {"qualifier": {"const": "between"}}},
         "then": {"required": ["value_max"]}},
    ]
    return claim


def _metric() -> Schema:
    types = {
        "name": NAME, "family": _choice(Family, "The family of metrics"), "unit": TEXT,
        "kind": _choice(MetricKind, "stock: present on a date; flow: over a period"),
        "parent": NAME, "civilian": BOOLEAN, "description": TEXT,
        "units": {"type": "array", "items": TEXT, "description": "Other units a claim may count in"},
    }
    return _entry(METRIC_FIELDS, types, ("name", "family", "unit", "kind", "description"), "A metric")


def _claimant() -> Schema:
    types = {
        "id": IDENTIFIER, "name": TEXT, "aliases": _one_or_list(TEXT),
        "kind": _choice(ClaimantKind, "What kind of claimant"),
        "reliability": {"enum": list("ABCDEF"), "description": "Admiralty source grade"},
        "reliability_basis": {**TEXT, "description": "The track record the grade rests on"},
        "part_of": {**IDENTIFIER, "description": "The claimant this one is an organisational part of"},
    }
    return _entry(CLAIMANT_FIELDS, types, ("id", "name", "kind"), "A claimant")


def _area_entry() -> Schema:
    types = {"pcode": PCODE, "name": TEXT, "level": {"type": "integer", "minimum": 1, "maximum": 5},
             "parent": PCODE, "aliases": _one_or_list(TEXT), "pcodes": _one_or_list(PCODE),
             "precision": AREA_TYPES["precision"]}
    entry = _entry(AREA_ENTRY_FIELDS, types, (),
                   "An admin unit (with level), aliases for one, or a named area")
    entry["anyOf"] = [{"required": ["pcode"]}, {"required": ["name", "pcodes"]}]
    return entry


def record_file_schema() -> Schema:
    """The whole schema, ready for `json.dumps`."""
    sections: dict[str, Schema] = {
        "hfig": {"enum": [1, "1"], "description": "Format version"},
        "metrics": {"type": "array", "items": _metric()},
        "claimants": {"type": "array", "items": _claimant()},
        "areas": {"type": "array", "items": _area_entry()},
        "claims": {"type": "array", "items": _claim()},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hfig record file",
        "description": "Humanitarian figures as claims (docs/format.md). `hfig validate` checks "
                       "what a schema cannot: names, areas and cross-record rules.",
        "type": ["object", "null"],
        "properties": {name: {"anyOf": [sections[name], {"type": "null"}]} for name in SECTIONS},
        "additionalProperties": False,
    }
