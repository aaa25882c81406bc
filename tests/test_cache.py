"""The cache and the fast cold path answer exactly as the PyYAML loader does, and never stale."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfig.cache import codec, load_cached, store
from hfig.cache.fast import fast_load
from hfig.cache.lazy import LazyDataSet
from hfig.cli import app
from hfig.core.dataset import select
from hfig.load.loader import load
from hfig.load.paths import DataFile, bundled_claim_files, expand
from hfig.load.vocabulary import LoadResult

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HFIG_CACHE_DIR", str(folder))
    monkeypatch.delenv("HFIG_NO_CACHE", raising=False)
    return folder


def snapshot(result: LoadResult) -> dict[str, object]:
    """Everything a command can see of a load, with positions."""
    return {
        "claims": result.data.claims,
        "sources": [c.source for c in result.data.claims],
        "problems": [(str(p), p.severity) for p in result.problems],
        "refs": [(k, dict(v)) for k, v in result.refs.items()],
        "files": result.files,
        "metrics": result.data.metrics,
        "claimants": result.data.claimants,
        "names": result.data.gazetteer.names(),
        "places": result.data.gazetteer.places,
        "gazetteer": result.data.gazetteer.state(),  # a warm load restores it whole
    }


def assert_same(files: list[DataFile]) -> None:
    expected = snapshot(load(files))
    assert snapshot(fast_load(files)) == expected
    assert snapshot(load_cached(files)) == expected  # cold: fast path, writes the cache
    assert snapshot(load_cached(files)) == expected  # warm: from the cache


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CLAIM = """\
  - id: {id}
    metric: displaced
    value: {value}
    claimant: un
    area: Idlib
    as_of: 2019-05-23
"""
CLAIM_HEAD = "hfig: 1\nclaims:\n" + CLAIM.format(id="q1", value="5")


def claims_file(path: Path, values: dict[str, str], head: str = "hfig: 1\nclaims:\n") -> Path:
    return write(path, head + "".join(CLAIM.format(id=k, value=v) for k, v in values.items()))


# --- the fast path is taken ------------------------------------------------------------------

def read_by_pyyaml(files: list[DataFile], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files a cold load hands to the PyYAML loader (vocabulary, reference and unsure files)."""
    import hfig.cache.fast as fast

    slow: list[str] = []
    real = fast.read_content

    def spy(file: DataFile, problems: list[object]) -> object:
        slow.append(file.shown)
        return real(file, problems)  # type: ignore[arg-type]

    monkeypatch.setattr(fast, "read_content", spy)
    fast_load(files)
    return slow


def test_plain_claim_files_take_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A regex meant for `-5` once matched every list item's dash, sending every file to PyYAML:
    the answers stayed right and the cold load was several times slower."""
    plain = claims_file(tmp_path / "plain.yaml", {"p1": "5", "p2": "300000"})
    quoted = write(tmp_path / "quoted.yaml", "# a comment with `backquotes`, day 01, -5 and 0x1f\n"
                   + CLAIM_HEAD + "    quote: 'more than 180,000 people, issue 03, +5 & *x'\n"
                   + '    notes: "it said 012 \\" then 1_000"  # and a comment\n')
    signed = claims_file(tmp_path / "signed.yaml", {"s1": "-5"})
    padded = claims_file(tmp_path / "padded.yaml", {"z1": "012"})
    in_flow = write(tmp_path / "flow.yaml", CLAIM_HEAD + "    period: {start: 2019-05-01,\n      end: 012}\n")
    files = [DataFile(p, p.name) for p in (plain, quoted, signed, padded, in_flow)]
    slow = read_by_pyyaml(files, monkeypatch)
    assert "plain.yaml" not in slow and "quoted.yaml" not in slow
    assert {"signed.yaml", "padded.yaml", "flow.yaml"} <= set(slow)
    assert_same(files)


# --- the same answer, whichever path ---------------------------------------------------------

def test_bundled_data_is_the_same_through_the_cache() -> None:
    assert_same(bundled_claim_files())


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.yaml")))
def test_every_fixture_is_the_same_through_the_cache(fixture: str) -> None:
    assert_same(expand([FIXTURES / fixture]))


def generated(folder: Path) -> list[DataFile]:
    """300 claims in 4 files from benchmarks/generate.py (echoes, quotes, areas as written by hand)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.generate(300, 4, folder, claimants=20)
    return expand([folder])


def test_generated_data_is_the_same_through_the_cache(tmp_path: Path) -> None:
    files = generated(tmp_path / "data")
    assert_same(files)
    assert len(load_cached(files).data.claims) == 300


def test_field_positions_read_from_the_text_are_pyyamls(tmp_path: Path) -> None:
    """Where a line tells a field's position, it is the mark PyYAML gives; else PyYAML is asked."""
    from hfig.cache.locate import FileText, field_ref
    from hfig.load.loader import read_content

    files = [*bundled_claim_files(), *expand([FIXTURES]), *generated(tmp_path / "data")]
    found = unsure = 0
    for file in files:
        text = FileText(file.path.read_bytes().decode("utf-8-sig"))
        for draft in read_content(file, []).claims:
            for name, ref in draft.refs.items():
                located = field_ref(text, draft.ref, name)
                assert located in (ref, None), (file.shown, draft.id, name)
                found, unsure = found + (located is not None), unsure + (located is None)
    assert found > 3 * unsure  # nested mappings on the next line, and the like, are left to PyYAML


def test_a_field_is_not_read_from_a_line_inside_a_quote(tmp_path: Path) -> None:
    from hfig.cache.locate import FileText, field_ref
    from hfig.core.model import SourceRef

    text = FileText("claims:\n  - id: a\n    quote: 'one\n    origin: b'\n    origin: c\n")
    assert field_ref(text, SourceRef("f", 2, 5), "origin") is None
    plain = FileText("claims:\n  - id: a\n    quote: 'one'\n    origin:   c  # x\n  - id: d\n")
    assert field_ref(plain, SourceRef("f", 2, 5), "origin") == SourceRef("f", 4, 15)
    assert field_ref(plain, SourceRef("f", 2, 5), "metric") is None


@pytest.mark.parametrize("block", [1, 2, 3, 7, 4096])
def test_a_line_starts_where_the_text_says(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """FileText finds a line's start within a block of the text: the same offsets as splitting it."""
    from hfig.cache import locate

    monkeypatch.setattr(locate, "_BLOCK", block)
    for text in ["", "a", "\n", "a\n\nbb\r\nccc\n", "\n\n\nx", "- id: a\n  v: 1\n" * 5]:
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        found = locate.FileText(text)
        assert [found.line_start(n) for n in range(-1, len(starts) + 3)] == [
            None, None, *starts, None, None]


def test_echo_warnings_point_where_pyyaml_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path finds each echo's `origin:` while it reads the file; where a line does not
    tell (a quote running over two lines), or an id repeats, the warning still points where
    PyYAML's would, and the file was not read again when the text told."""
    import hfig.cache.refs as refs

    echo = "    value: 7\n    claimant: un\n    area: Idlib\n    as_of: 2019-05-23\n"
    told = write(tmp_path / "told.yaml", CLAIM_HEAD + "  - id: e1\n    metric: displaced\n" + echo
                 + "    quote: 'one line'\n    origin:   q1  # a comment\n")
    untold = write(tmp_path / "untold.yaml", "hfig: 1\nclaims:\n  - id: e2\n    metric: displaced\n" + echo
                   + "    quote: 'one\n      two'\n    origin: q1\n  - id: e1\n    metric: displaced\n"
                   + echo + "    origin: q1\n")
    files = [DataFile(p, p.name) for p in (told, untold)]
    assert_same(files)
    reads: list[str] = []
    real = refs.read_regular
    monkeypatch.setattr(refs, "read_regular", lambda path: reads.append(path.name) or real(path))
    warnings = [str(p) for p in fast_load(files).problems if p.code == "echo-differs"]
    # (the second e1 repeats an id: its warning points at the first e1's `origin:`, as load()'s does)
    assert [w.split(": ")[0] for w in warnings] == ["told.yaml:16:15", "told.yaml:16:15", "untold.yaml:11:13"]
    assert reads == ["untold.yaml"]


TRICKY = {
    "anchors": "hfig: 1\nclaims:\n  - &a\n    id: a1\n    metric: displaced\n    value: 5\n    claimant: un\n"
               "    area: Idlib\n    as_of: 2019-05-23\n",
    "tag": "hfig: 1\nclaims:\n  - id: t1\n    metric: displaced\n    value: !!str 5\n    claimant: un\n"
           "    area: Idlib\n    as_of: 2019-05-23\n",
    "capital_true": "hfig: 1\nclaims:\n  - id: c1\n    metric: displaced\n    value: 5\n    claimant: un\n"
                    "    area: Idlib\n    as_of: 2019-05-23\n    disputed: True\n",
    "hex": "hfig: 1\nclaims:\n  - id: h1\n    metric: displaced\n    value: 0x1f\n    claimant: un\n"
           "    area: Idlib\n    as_of: 2019-05-23\n",
    "underscore": "hfig: 1\nclaims:\n  - id: u1\n    metric: displaced\n    value: 1_000\n    claimant: un\n"
                  "    area: Idlib\n    as_of: 2019-05-23\n",
    "plus": "hfig: 1\nclaims:\n  - id: p1\n    metric: displaced\n    value: +5\n    claimant: un\n"
            "    area: Idlib\n    as_of: 2019-05-23\n",
    "float": "hfig: 1\nclaims:\n  - id: f1\n    metric: displaced\n    value: 3.5e6\n    claimant: un\n"
             "    area: Idlib\n    as_of: 2019-05-23\n    unit: households\n    household_size: 5.5\n",
    "year_only": "hfig: 1\nclaims:\n  - id: y1\n    metric: displaced\n    value: 5\n    claimant: un\n"
                 "    area: Idlib\n    as_of: 2019\n",
    "flow_entry": "hfig: 1\nclaims:\n  - {id: f2, metric: displaced, value: 5, claimant: un, area: Idlib, "
                  "as_of: 2019-05-23}\n",
    "unindented": "claims:\n- id: n1\n  metric: displaced\n  value: 5\n  claimant: un\n  area: Idlib\n"
                  "  as_of: 2019-05-23\nhfig: 1\n",
    "control_char": "hfig: 1\nclaims:\n  - id: x1\n    metric: displaced\n    value: 5\n    claimant: un\n"
                    "    area: Idlib\n    as_of: 2019-05-23\n    notes: \"bell \x07\"\n",
    "two_documents": "hfig: 1\n---\nclaims: []\n",
    "lone_cr": "hfig: 1\rclaims:\r  - id: r1\r    metric: displaced\r    value: 5\r    claimant: un\r"
               "    area: Idlib\r    as_of: 2019-05-23\r",
    "crlf": "hfig: 1\r\nclaims:\r\n  - id: r2\r\n    metric: displaced\r\n    value: 5\r\n"
            "    claimant: un\r\n"
            "    area: Idlib\r\n    as_of: 2019-05-23\r\n",
    "quoted_number": "hfig: 1\nclaims:\n  - id: q1\n    metric: displaced\n    value: '5'\n    claimant: un\n"
                     "    area: Idlib\n    as_of: '2019-05-23'\n",
    "null_inferred": "hfig: 1\nclaims:\n  - id: i1\n    metric: displaced\n    value: 5\n    claimant: un\n"
                     "    area: Idlib\n    as_of: 2019-05-23\n    inferred:\n      as_of: ~\n",
    "unknown_metric": "hfig: 1\nclaims:\n  - id: m1\n    metric: displacd\n    value: 5\n    claimant: un\n"
                      "    area: Idlib\n    as_of: 2019-05-23\n",
    "multiline_quote": "hfig: 1\nclaims:\n  - id: ml\n    metric: displaced\n    value: 5\n"
                       "    claimant: un\n"
                       "    area: Idlib\n    as_of: 2019-05-23\n"
                       "    quote: 'a long\n      quote - on two lines'\n"
                       "  - id: ml2\n    metric: displaced\n    value: 6\n    claimant: un\n    area: Idlib\n"
                       "    as_of: 2019-05-24\n",
    "wide_dash": "hfig: 1\nclaims:\n  -    id: wd\n       metric: displaced\n       value: 5\n"
                 "       claimant: un\n"
                 "       area: Idlib\n       as_of: 2019-05-23\n",
    "bom": "\ufeffhfig: 1\nclaims:\n  - id: bom\n    metric: displaced\n    value: 5\n    claimant: un\n"
           "    area: Idlib\n    as_of: 2019-05-23\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_yaml_the_fast_path_must_not_read_differently(name: str, tmp_path: Path) -> None:
    assert_same([DataFile(write(tmp_path / f"{name}.yaml", TRICKY[name]), f"{name}.yaml")])


def test_a_good_and_a_bad_file_together(tmp_path: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5", "a2": "6"})
    claims_file(tmp_path / "d" / "b.yaml", {"b1": "7", "a1": "8", "b2": "300,000"})
    assert_same(expand([tmp_path / "d"]))


def test_vocabulary_in_a_layout_the_cheap_look_misses(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write(folder / "a.yaml", "hfig: 1\nclaims:\n  - id: a1\n    metric: displaced\n    value: 5\n"
          "    claimant: newc\n    area: Idlib\n    as_of: 2019-05-23\n")
    write(folder / "b.yaml", '"claimants":\n  - id: newc\n    name: A new claimant\n    kind: ngo\n')
    write(folder / "c.yaml", "{hfig: 1, areas: [{name: Somewhere new, pcodes: [SY07]}]}\n")
    assert_same(expand([folder]))
    assert load_cached(expand([folder])).ok


def test_a_data_sets_own_places_come_back_from_the_cache(tmp_path: Path) -> None:
    """Admin units, aliases and named areas of the user's files: the warm load restores the
    gazetteer built from them, names, explicit names and all."""
    folder = tmp_path / "data"
    write(folder / "areas.yaml", """\
hfig: 1
areas:
  - pcode: YE15
    name: Sana'a
    level: 1
    aliases: [صنعاء, YE-SA]
  - pcode: YE1501
    name: Old City
    level: 2
  - pcode: SY07
    aliases: [Idlib pocket]
  - name: Upper Valley
    aliases: [the valley]
    pcodes: [SY07, SY05]
    precision: approximate
""")
    claims_file(folder / "claims.yaml", {"a": "100"})
    files = expand([folder])
    assert_same(files)
    warm = load_cached(files).data.gazetteer
    assert [p.key for p in warm.candidates("the valley")] == ["Upper Valley"]
    assert [p.key for p in warm.candidates("Old City")] == ["YE1501"]


def test_lazy_positions_match_the_loader(tmp_path: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5", "a2": "6"})
    files = expand([tmp_path / "d"])
    load_cached(files)
    warm = load_cached(files)
    assert dict(warm.refs["a2"]) == dict(load(files).refs["a2"])
    assert warm.refs["a2"]["value"].line == 11


def test_warm_claims_are_built_on_demand_one_object_each(tmp_path: Path) -> None:
    text = ("hfig: 1\nclaims:\n" + CLAIM.format(id="d1", value="5") + CLAIM.format(id="d2", value="6")
            + CLAIM.format(id="k1", value="7").replace("displaced", "civilians_killed")
            + CLAIM.format(id="d3", value="8"))
    files = [DataFile(write(tmp_path / "a.yaml", text), "a.yaml")]
    cold = load_cached(files)
    warm = load_cached(files)
    some = warm.data.claims_of({"civilians_killed"})
    assert [c.id for c in some] == ["k1"]
    assert [c.id for c in warm.data.claims_of({"displaced"})] == ["d1", "d2", "d3"]
    everything = warm.data.claims
    assert everything == cold.data.claims  # the same values, in load order
    assert everything[2] is some[0]  # a claim handed out earlier is the same object
    assert warm.data.claims_of({"civilians_killed"})[0] is some[0]


def test_warm_claims_chosen_by_region_are_those_select_chooses() -> None:
    files = bundled_claim_files()
    load_cached(files)
    warm = load_cached(files)
    cold = load(files)
    for name in (None, "idlib", "hama", "SY07", "aleppo"):
        place = None if name is None else cold.data.gazetteer.resolve(name)
        assert name is None or place is not None
        for metrics in (None, {"displaced"}):
            for claimants in (None, {"ocha"}, {"who", "sams"}):
                chosen = warm.data.claims_of(metrics, place, claimants)
                assert chosen == cold.data.claims_of(metrics, place, claimants)
                assert select(chosen, region=place, metrics=metrics, claimants=claimants) == select(
                    cold.data.claims, region=place, metrics=metrics, claimants=claimants)


def test_claims_of_one_claimant_are_built_alone(tmp_path: Path) -> None:
    """`hfig records --claimant X` on a warm cache builds X's claims, not the whole data set's."""
    files = generated(tmp_path / "data")
    load_cached(files)
    warm = load_cached(files).data
    assert isinstance(warm, LazyDataSet)
    who = warm.claims_of({"displaced"})[0].claimant
    chosen = warm.claims_of(None, None, {who})
    assert chosen and {c.claimant for c in chosen} == {who}
    assert sum(claim is not None for claim in warm._built) < 300  # not every claim was built


# --- never stale -------------------------------------------------------------------------------

def values(result: LoadResult) -> dict[str, object]:
    return {c.id: c.value for c in result.data.claims}


def test_a_value_edited_within_the_same_second_is_seen(tmp_path: Path) -> None:
    path = claims_file(tmp_path / "d" / "a.yaml", {"a1": "500"})
    files = expand([tmp_path / "d"])
    assert values(load_cached(files)) == {"a1": 500}
    st = path.stat()
    claims_file(path, {"a1": "600"})  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime, as a coarse clock would give
    assert path.stat().st_size == st.st_size
    assert values(load_cached(files)) == {"a1": 600}


def test_a_racy_file_is_hashed_until_it_settles(tmp_path: Path, cache_folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A file written just before it was read is hashed on every warm start, until a warm start
    finds it older than the racy window: then its hash is dropped from the entry, once."""
    from hfig.cache import fingerprint

    claims_file(tmp_path / "d" / "a.yaml", {"a1": "500"})
    files = expand([tmp_path / "d"])
    load_cached(files)
    (entry,) = cache_folder.glob("data-*.json")

    def hashed() -> list[str]:
        found = store.read_header(entry, store.ENTRY)
        assert found is not None
        return sorted(found[0].fingerprint["hashes"])

    assert str(tmp_path / "d" / "a.yaml") in hashed()
    assert values(load_cached(files)) == {"a1": 500}  # still racy: still hashed
    assert str(tmp_path / "d" / "a.yaml") in hashed()
    later = fingerprint.now_ns() + (fingerprint.RACY_SECONDS + 1) * 1_000_000_000
    monkeypatch.setattr(fingerprint, "now_ns", lambda: later)
    assert values(load_cached(files)) == {"a1": 500}
    assert hashed() == []

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path} hashed again")

    monkeypatch.setattr(fingerprint, "content_hash", no_hashing)
    assert values(load_cached(files)) == {"a1": 500}  # warm, from the settled entry


def test_a_racy_answer_settles_too(tmp_path: Path, cache_folder: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from hfig.cache import fingerprint

    claims_file(tmp_path / "d" / "a.yaml", {"a1": "500"})
    args = ["records", "--data", str(tmp_path / "d"), "--format", "csv"]
    first = runner.invoke(app, args)
    (answer,) = cache_folder.glob("answer-*.txt")
    assert b'"hashes":{}' not in answer.read_bytes().split(b"\n", 1)[0]
    later = fingerprint.now_ns() + (fingerprint.RACY_SECONDS + 1) * 1_000_000_000
    monkeypatch.setattr(fingerprint, "now_ns", lambda: later)
    assert runner.invoke(app, args).stdout == first.stdout
    assert b'"hashes":{}' in answer.read_bytes().split(b"\n", 1)[0]
    assert runner.invoke(app, args).stdout == first.stdout


def test_a_touched_file_is_read_again(tmp_path: Path) -> None:
    path = claims_file(tmp_path / "d" / "a.yaml", {"a1": "500"})
    files = expand([tmp_path / "d"])
    load_cached(files)
    old = path.stat().st_mtime_ns - 10_000_000_000
    os.utime(path, ns=(old, old))  # an old file, not hashed: only its stat protects it
    load_cached(files)
    claims_file(path, {"a1": "700"})
    os.utime(path, ns=(old + 1_000_000_000, old + 1_000_000_000))
    assert values(load_cached(files)) == {"a1": 700}


def test_renamed_deleted_and_added_files(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    claims_file(folder / "a.yaml", {"a1": "5"})
    claims_file(folder / "b.yaml", {"b1": "6"})
    assert values(load_cached(expand([folder]))) == {"a1": 5, "b1": 6}
    (folder / "b.yaml").rename(folder / "c.yaml")
    result = load_cached(expand([folder]))
    assert [c.source.file for c in result.data.claims if c.source] == [str(folder / "a.yaml"),
                                                                        str(folder / "c.yaml")]
    (folder / "c.yaml").unlink()
    assert values(load_cached(expand([folder]))) == {"a1": 5}
    claims_file(folder / "d.yaml", {"d1": "9"})
    assert values(load_cached(expand([folder]))) == {"a1": 5, "d1": 9}


def copy_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the bundled reference files (vocabulary, registry, gazetteer) at a copy we may edit."""
    import hfig.cache
    import hfig.load.paths
    import hfig.load.vocabulary

    root = tmp_path / "bundled" / "data"
    shutil.copytree(ROOT / "data" / "reference", root / "reference")
    for module in (hfig.load.paths, hfig.load.vocabulary, hfig.cache):
        monkeypatch.setattr(module, "bundled_root", lambda: root)
    return root / "reference"


def test_a_metric_vocabulary_change_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = copy_reference(tmp_path, monkeypatch)
    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5"}), "a.yaml")]
    assert "evacuated" not in load_cached(files).data.metrics
    metrics = reference / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8") + """
  - name: evacuated
    family: displacement
    unit: people
    kind: flow
    description: People evacuated.
""", encoding="utf-8")
    assert "evacuated" in load_cached(files).data.metrics


def test_a_gazetteer_change_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = copy_reference(tmp_path, monkeypatch)
    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5"}), "a.yaml")]
    assert load_cached(files).ok
    admin1 = reference / "admin1.csv"
    admin1.write_text(admin1.read_text(encoding="utf-8").replace("Idleb", "Idlib-renamed"), encoding="utf-8")
    assert snapshot(load_cached(files)) == snapshot(load(files))


def test_a_new_hfig_version_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     cache_folder: Path) -> None:
    import hfig.cache.fingerprint as fingerprint

    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5"}), "a.yaml")]
    load_cached(files)
    calls = []
    real = codec.decode
    monkeypatch.setattr(codec, "decode", lambda p, **kw: calls.append(1) or real(p, **kw))
    load_cached(files)
    assert calls == [1]
    monkeypatch.setattr(fingerprint, "__version__", "99.0")
    assert values(load_cached(files)) == {"a1": 5}
    assert calls == [1]  # the old entry was not used


def test_a_change_to_the_loading_code_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hfig.cache.fingerprint as fingerprint

    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5"}), "a.yaml")]
    load_cached(files)
    calls = []
    real = codec.decode
    monkeypatch.setattr(codec, "decode", lambda p, **kw: calls.append(1) or real(p, **kw))
    monkeypatch.setattr(fingerprint, "code_identity", lambda *packages: "edited")
    load_cached(files)
    assert calls == []


# --- a bad cache is ignored --------------------------------------------------------------------

def cached_entry(cache_folder: Path) -> Path:
    [entry] = list(cache_folder.glob("data-*.json"))
    return entry


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "foreign_shape", "header_only"])
def test_a_damaged_cache_is_ignored_and_rebuilt(damage: str, tmp_path: Path, cache_folder: Path) -> None:
    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5", "a2": "6"}), "a.yaml")]
    expected = snapshot(load(files))
    load_cached(files)
    entry = cached_entry(cache_folder)
    data = entry.read_bytes()
    head, _, body = data.partition(b"\n")
    if damage == "truncate":
        entry.write_bytes(data[: len(data) - 40])
    elif damage == "flip":
        entry.write_bytes(head + b"\n" + body.replace(b'"a2"', b'"a3"'))
    elif damage == "garbage":
        entry.write_bytes(b"\x00\xff not json at all")
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "header_only":
        entry.write_bytes(head + b"\n")
    else:  # well-formed, a right CRC but no seal, wrong shape: a cache from some other program or version
        header = json.loads(head)
        payload = json.dumps({"claims": {"id": [1, 2]}}).encode()
        import zlib

        header.update(length=len(payload), crc32=zlib.crc32(payload))
        entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert snapshot(load_cached(files)) == expected
    assert snapshot(load_cached(files)) == expected  # and rebuilt


def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path, cache_folder: Path) -> None:
    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5"}), "a.yaml")]
    cache_folder.mkdir()
    cache_folder.chmod(0o777)
    assert values(load_cached(files)) == {"a1": 5}
    assert not list(cache_folder.glob("data-*.json"))
    assert store.safe_folder(cache_folder) is not None


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = write(tmp_path / "not-a-folder", "x")
    monkeypatch.setenv("HFIG_CACHE_DIR", str(blocker / "cache"))
    files = [DataFile(claims_file(tmp_path / "a.yaml", {"a1": "5"}), "a.yaml")]
    assert values(load_cached(files)) == {"a1": 5}


# --- the command line ----------------------------------------------------------------------------

runner = CliRunner()


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path, cache_folder: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5"})
    result = runner.invoke(app, ["records", "--data", str(tmp_path / "d"), "--format", "csv", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not cache_folder.exists() or not list(cache_folder.glob("data-*.json"))
    result = runner.invoke(app, ["records", "--data", str(tmp_path / "d"), "--format", "csv"])
    assert result.exit_code == 0
    assert len(list(cache_folder.glob("data-*.json"))) == 1


def test_hfig_no_cache_env(tmp_path: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFIG_NO_CACHE", "1")
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5"})
    assert runner.invoke(app, ["records", "--data", str(tmp_path / "d"), "--format", "csv"]).exit_code == 0
    assert not cache_folder.exists()


def test_cached_and_uncached_output_are_identical(tmp_path: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5", "a2": "60"})
    args = ["records", "--data", str(tmp_path / "d"), "--format", "json"]
    plain = runner.invoke(app, [*args, "--no-cache"])
    cold = runner.invoke(app, args)
    warm = runner.invoke(app, args)
    assert plain.exit_code == cold.exit_code == warm.exit_code == 0
    assert plain.stdout == cold.stdout == warm.stdout


def test_bad_data_fails_the_same_way_warm(tmp_path: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "300,000"})
    args = ["records", "--data", str(tmp_path / "d")]
    plain = runner.invoke(app, [*args, "--no-cache"])
    cold = runner.invoke(app, args)
    warm = runner.invoke(app, args)
    assert plain.exit_code == cold.exit_code == warm.exit_code == 1
    assert plain.stderr == cold.stderr == warm.stderr
    assert "a.yaml:5:12: error[number-format]" in warm.stderr


def test_cache_clear_and_info(tmp_path: Path, cache_folder: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "5"})
    assert runner.invoke(app, ["records", "--data", str(tmp_path / "d")]).exit_code == 0
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0
    assert str(cache_folder) in info.stdout and "entries: 1" in info.stdout and "1 claim(s)" in info.stdout
    assert "stored answers: 1" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0
    assert "removed 2 cache file(s)" in cleared.stderr  # the data set and the answer
    assert not list(cache_folder.iterdir())
    after = runner.invoke(app, ["cache", "info"]).stdout
    assert "entries: 0" in after and "stored answers: 0" in after


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from hfig.cache.progress import LoadProgress

    with LoadProgress([], delay=0) as bar:
        bar.advance(10)
        bar.advance(10)
    assert capsys.readouterr().err == ""


def test_cache_modules_are_not_imported_by_a_plain_start() -> None:
    code = ("import sys, hfig.cli.records, hfig.cli.context; print(sorted(m for m in sys.modules "
            "if 'cache' in m and m.startswith('hfig') or m in ('json', 'yaml_rs')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the benchmark scripts run (no timing asserted) -------------------------------------------------

def test_benchmark_smoke_run(tmp_path: Path) -> None:
    data = tmp_path / "bench"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1000", "--files", "5",
                    "--claimants", "30", "--out", str(data)], check=True, capture_output=True)
    check = runner.invoke(app, ["validate", str(data)])
    assert check.exit_code == 0, check.output
    out = tmp_path / "results.json"
    env = {**os.environ, "HFIG_CACHE_DIR": str(tmp_path / "bench-cache")}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), str(data), "--warm-runs", "1",
                           "--commands", "records", "--json", str(out)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text())
    assert results["files"] == 6
    assert [r["command"] for r in results["commands"]] == ["load", "records"]
    assert [r["exit"] for r in results["commands"]] == [0, 0]
    assert all(r["repeat_s"] > 0 and r["warm_s"] > 0 for r in results["commands"])
