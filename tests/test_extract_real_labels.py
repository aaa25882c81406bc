"""The hand-labelled real evaluation set (issue 14) stays well-formed.

The texts are not committed; these tests check the committed sources and
labels only (and, where a developer has fetched the texts, that every
labelled number is found in its text).
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent / "extract_real"


def load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_labels", ROOT / "check_labels.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sources() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / "sources.yaml").read_text(encoding="utf-8"))
    texts: list[dict[str, object]] = data["texts"]
    return texts


def test_every_label_file_passes_the_checker() -> None:
    checker = load_checker()
    assert checker.main([]) == 0


def test_every_second_label_file_passes_the_checker_and_names_a_text_of_its_part() -> None:
    checker = load_checker()
    second = ROOT / "labels_b"
    assert checker.main(["--labels", str(second)]) == 0
    split = {str(t["id"]): t["split"] for t in sources()}
    # only open parts are labelled twice: comparing a held-out part's labels would list its figures
    assert {split[p.stem] for p in second.glob("*.yaml")} == {"final11", "final12"}


def test_the_checker_reports_a_label_that_breaks_the_contract(tmp_path: Path) -> None:
    checker = load_checker()
    bad = tmp_path / "sy-ocha-2020-01-02.yaml"
    bad.write_text(
        "id: sy-ocha-2020-01-02\nfigures:\n  - written: '300,000'\n    value: 300000\n    value_max: null\n"
        "    qualifier: roughly\n    metric: refugees_and_idps\n    claimant: ocha\n    country: SY\n"
        "    as_of: '2020-13'\n    cumulative: true\n    in_headline: false\nout_of_scope: []\n",
        encoding="utf-8",
    )
    ids = {str(t["id"]): t for t in sources()}
    errors = checker.check_file(bad, ids, fill=False)
    assert any("qualifier 'roughly'" in e for e in errors)
    assert any("metric 'refugees_and_idps'" in e for e in errors)
    assert any("as_of" in e for e in errors)


def test_split_has_every_crisis_and_style_in_both_parts() -> None:
    texts = sources()
    parts = Counter(str(t["split"]) for t in texts)
    assert len(texts) >= 48
    assert parts["test"] >= 20
    for key in ("crisis", "style"):
        dev = {t[key] for t in texts if t["split"] == "dev"}
        test = {t[key] for t in texts if t["split"] == "test"}
        assert dev == test, key


def test_ids_are_unique_and_each_has_a_label_file() -> None:
    ids = [str(t["id"]) for t in sources()]
    assert len(ids) == len(set(ids))
    assert {p.stem for p in (ROOT / "labels").glob("*.yaml")} == set(ids)
