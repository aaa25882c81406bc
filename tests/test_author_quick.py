"""The quick append (new claims read alone, the data set from the cache) answers as the full check.

Issue 18: adding one claim to a 50 MB file took 184 s and 4.3 GB (the file was read as YAML
four times). Now the cost is about the new claims' size once the data set is cached.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from hfig.author import store
from hfig.author.store import InvalidClaims, add_claims
from hfig.load.paths import DataFile

ROOT = Path(__file__).parent.parent
BASE = """\
# hand-kept
hfig: 1

claims:
  - id: first
    metric: displaced
    value: 100
    claimant: un
    area: Idleb
    as_of: 2019-05-01
  - id: killed-1
    metric: civilians_killed
    value: 10
    claimant: who
    area: Idleb
    as_of: 2019-05-03
"""
GOOD = {"metric": "displaced", "value": "5", "claimant": "un", "area": "Idleb", "as_of": "2019-05-02"}
DRAFTS: dict[str, list[dict[str, Any]]] = {
    "good": [GOOD],
    "two good": [GOOD, {**GOOD, "value": "6", "as_of": "2019-05-04"}],
    "unknown metric": [{**GOOD, "metric": "displacd"}],
    "duplicate id": [{**GOOD, "id": "first"}],
    "bad date": [{**GOOD, "as_of": "~9999-12-31"}],
    "unknown origin": [{**GOOD, "origin": "nowhere"}],
    "between upside down": [{**GOOD, "qualifier": "between", "value": "9", "value_max": "3"}],
    "period after as_of": [{**GOOD, "period": {"start": "2019-06-01"}}],
    "subset above parent": [{**GOOD, "metric": "children_killed", "value": "50", "claimant": "who",
                             "as_of": "2019-05-03"}],
    "control character": [{**GOOD, "quote": "x\r=1"}],
    "duplicate of existing": [{**GOOD, "value": "100", "as_of": "2019-05-01"}],
}


REAL_BASE = store._clean_base


def outcome(target: Path, drafts: list[dict[str, Any]], quick: bool, monkeypatch: pytest.MonkeyPatch,
            skip_duplicates: bool = False) -> object:
    calls: list[bool] = []
    real = REAL_BASE

    def base(*args: Any) -> Any:
        found = real(*args) if quick else None
        calls.append(found is not None)
        return found

    monkeypatch.setattr(store, "_clean_base", base)
    try:
        written = add_claims(target, drafts, [DataFile(target, str(target))], dry_run=True,
                             skip_duplicates=skip_duplicates)
        answer: object = (written.ids, written.yaml, written.skipped, written.warnings, written.tail)
    except InvalidClaims as exc:
        answer = (exc.message, [str(p) for p in exc.problems])
    assert calls == [quick]  # the path asked for is the path taken
    return answer


@pytest.mark.parametrize("name", sorted(DRAFTS))
@pytest.mark.parametrize("skip_duplicates", [False, True])
def test_the_quick_check_answers_as_the_full_one(name: str, skip_duplicates: bool, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text(BASE, encoding="utf-8")
    full = outcome(target, DRAFTS[name], False, monkeypatch, skip_duplicates)
    quick = outcome(target, DRAFTS[name], True, monkeypatch, skip_duplicates)
    assert quick == full


def test_a_written_quick_append_is_the_file_the_full_path_writes(tmp_path: Path) -> None:
    quick_target, full_target = tmp_path / "q.yaml", tmp_path / "f.yaml"
    for t in (quick_target, full_target):
        t.write_text(BASE, encoding="utf-8")
    add_claims(quick_target, [GOOD], [])
    store_base = store._clean_base
    try:
        store._clean_base = lambda *a: None  # type: ignore[assignment]
        add_claims(full_target, [GOOD], [])
    finally:
        store._clean_base = store_base
    assert quick_target.read_bytes() == full_target.read_bytes()


def test_adding_to_a_large_file_reads_only_the_new_claim(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: with the cache warm, the only YAML read is the new claim's, even when
    the data set carries warnings (the generated echoes differ from their origins)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    folder = tmp_path / "big"
    generate.generate(600, 1, folder, claimants=20)
    [target] = folder.glob("claims-*.yaml")
    files = [DataFile(p, str(p)) for p in sorted(folder.glob("*.yaml"))]
    from hfig.cache import load_cached
    from hfig.core.gazetteer import nested_pcodes
    from hfig.core.model import Severity
    from hfig.load import loader

    base = load_cached(files)  # the cache is warm, as after any earlier command
    assert base.ok and base.problems
    assert not any(p.severity is Severity.ERROR for p in base.problems)
    read: list[int] = []  # the claims in each text read as YAML
    real_read = loader.read_content

    def counting(file: DataFile, problems: list[Any]) -> Any:
        content = real_read(file, problems)
        read.append(len(content.claims))
        return content

    monkeypatch.setattr(loader, "read_content", counting)
    # existing claims with nested P-codes, which add does not report (nor read the positions of)
    nested = [c for c in base.data.claims if len(c.area.pcodes) > 1 and nested_pcodes(c.area.pcodes)]
    draft = {**GOOD, "claimant": "bench-claimant-0000", "as_of": "2030-01-01",
             "area": {"name": "Idleb", "pcodes": ["SY", "SY07"]}}
    written = add_claims(target, [draft], files)
    assert written.tail is not None  # the quick path was taken
    assert read and set(read) == {1}  # only the new claim, cut from the end of the file (and checked)
    # validate's own warnings, for the new claim alone, from its own field positions
    assert nested and [p.code for p in written.warnings] == ["nested-pcodes", "date-in-future"]
