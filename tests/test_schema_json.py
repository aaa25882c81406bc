"""`hfig schema`: a JSON Schema (draft 2020-12) that every bundled file satisfies, derived from the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hfig.author.jsonschema import record_file_schema
from hfig.cli import app
from hfig.load.paths import bundled_root
from hfig.load.schema import (
    AREA_ENTRY_FIELDS,
    CLAIM_FIELDS,
    CLAIMANT_FIELDS,
    METRIC_FIELDS,
    PERIOD_FIELDS,
    SECTIONS,
)
from hfig.load.tree import Mapping, Node, Scalar, parse_yaml

jsonschema = pytest.importorskip("jsonschema")
FIXTURES = Path(__file__).parent / "fixtures"

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_editors_read_it(node: Node | None) -> Any:
    """YAML 1.2 core schema, as the YAML language server reads a file (`2019-05-07` is text)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        text = node.text
        if not node.plain:
            return text
        if _NULL.fullmatch(text):
            return None
        if _BOOL.fullmatch(text):
            return text.lower() == "true"
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return text
    if isinstance(node, Mapping):
        return {k: as_editors_read_it(v) for k, (_, v) in node.items.items()}
    return [as_editors_read_it(item) for item in node.items]


def _instance(path: Path) -> Any:
    root, problems = parse_yaml(path.read_text(encoding="utf-8-sig"), str(path))
    assert not problems
    return as_editors_read_it(root)


def _validator() -> Any:
    schema = record_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


BUNDLED = sorted(p for p in bundled_root().rglob("*.y*ml") if not p.name.startswith((".", "_")))


def test_there_are_bundled_files_to_check() -> None:
    assert any(p.parent.name == "reference" for p in BUNDLED)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_file_satisfies_the_schema(path: Path) -> None:
    errors = sorted(_validator().iter_errors(_instance(path)), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_schema_has_exactly_the_loaders_fields() -> None:
    schema = record_file_schema()
    sections = schema["properties"]
    assert tuple(sections) == SECTIONS

    def items(section: str) -> dict[str, Any]:
        return sections[section]["anyOf"][0]["items"]  # type: ignore[no-any-return]

    assert tuple(items("claims")["properties"]) == CLAIM_FIELDS
    assert tuple(items("metrics")["properties"]) == METRIC_FIELDS
    assert tuple(items("claimants")["properties"]) == CLAIMANT_FIELDS
    assert tuple(items("areas")["properties"]) == AREA_ENTRY_FIELDS
    period = items("claims")["properties"]["period"]["anyOf"][0]
    assert tuple(period["properties"]) == PERIOD_FIELDS
    assert items("claims")["additionalProperties"] is False


@pytest.mark.parametrize(("claim", "fragment"), [
    ({"metric": "displaced"}, "required"),
    ({"value": "300,000"}, "value"),
    ({"qualifier": "roughly"}, "qualifier"),
    ({"as_of": "2019-13-45x"}, "as_of"),
    ({"qualifier": "between"}, "value_max"),
    ({"colour": "red"}, "colour"),
    ({"area": {"name": "x", "pcodes": ["Idlib01"]}}, "pcodes"),
])
def test_the_schema_rejects_what_the_loader_rejects(claim: dict[str, Any], fragment: str) -> None:
    base = {"id": "a", "metric": "displaced", "value": 5, "claimant": "un", "area": "Idleb",
            "as_of": "2019-05-01"}
    if fragment == "required":
        base = claim
    else:
        base.update(claim)
    errors = list(_validator().iter_errors({"claims": [base]}))
    assert errors
    said = json.dumps([[e.message, list(e.absolute_path), list(e.schema_path)] for e in _all(errors)])
    assert fragment in said


def _all(errors: list[Any]) -> list[Any]:
    """Errors and the errors inside them (a failed anyOf keeps its reasons in `context`)."""
    out = []
    for e in errors:
        out.append(e)
        out += _all(list(e.context or []))
    return out


def test_a_valid_fixture_passes_and_hfig_schema_prints_it() -> None:
    assert not list(_validator().iter_errors(_instance(FIXTURES / "valid_minimal.yaml")))
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed == json.loads(json.dumps(record_file_schema()))
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
