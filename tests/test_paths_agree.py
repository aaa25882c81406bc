"""validate, --no-cache, the fast path and the cache accept and reject exactly the same records.

Records are generated (tests/fuzzing.py) from valid values, the edges of every rule in
hfig.core.limits and hostile text; each file is loaded the four ways a command can load it
and every visible part of the result (claims, positions, problems) must be equal.
benchmarks/fuzz.py runs the same check over many more files.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import load_every_way, record_file

_count = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("records")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=record_file())
def test_every_path_reads_a_generated_file_alike(text: str, folder: Path) -> None:
    path = folder / f"r{next(_count)}.yaml"
    path.write_text(text, encoding="utf-8")
    validate, fast, cold, warm = load_every_way(path)
    assert fast == validate
    assert cold == validate
    assert warm == validate


@pytest.mark.parametrize("field, text", [
    ("value", "012"), ("value", "-0"), ("value", "00"), ("credibility", "03"), ("household_size", "05"),
    ("value", "1e400"), ("value", "1" * 5001), ("household_size", "1e400"), ("as_of", "~9999-12-31"),
    ("as_of", "9999-W52"), ("as_of", "~0001-01-01"), ("quote", '"x\\r=1+1"'), ("id", "a" * 101),
])
def test_what_validate_refuses_no_path_accepts(field: str, text: str, tmp_path: Path) -> None:
    fields = {"id": "a1", "metric": "displaced", "value": "5", "claimant": "un", "area": "Idlib",
              "as_of": "2019-05-01", field: text}
    body = "".join(f"{'- ' if i == 0 else '  '}{k}: {v}\n" for i, (k, v) in enumerate(fields.items()))
    path = tmp_path / "one.yaml"
    path.write_text("hfig: 1\nclaims:\n" + "".join(f"  {line}\n" for line in body.splitlines()))
    results = load_every_way(path)
    assert all(r == results[0] for r in results)
    assert results[0]["problems"] and not results[0]["claims"]


@pytest.mark.parametrize("max_text", ["50", "012"])
def test_a_vague_word_with_value_max_is_an_error(max_text: str, tmp_path: Path) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text("hfig: 1\nclaims:\n  - id: v1\n    metric: displaced\n    value: dozens\n"
                    f"    qualifier: vague\n    value_max: {max_text}\n    claimant: un\n    area: Idlib\n"
                    "    as_of: 2019-05-01\n")
    results = load_every_way(path)
    assert all(r == results[0] for r in results)
    problems = results[0]["problems"]
    assert isinstance(problems, list) and any("only for qualifier: between" in p[0] for p in problems)


def test_the_generator_makes_valid_files_too(tmp_path: Path) -> None:
    """Agreement means little if every generated file is refused: some must load clean."""
    from hfig.load.loader import load
    from hfig.load.paths import DataFile

    clean = []

    @settings(max_examples=300, deadline=None, database=None)
    @given(text=record_file())
    def collect(text: str) -> None:
        path = tmp_path / "g.yaml"
        path.write_text(text, encoding="utf-8")
        if load([DataFile(path, "g.yaml")]).ok:
            clean.append(text)

    collect()
    assert len(clean) >= 3
