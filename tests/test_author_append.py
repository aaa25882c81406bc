"""Appending claims to a YAML file keeps every byte already there (hfig.author.append, emit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hfig.author.append import AppendError, append_claims
from hfig.author.emit import ClaimFields, render_claim, render_flow_claim
from hfig.load.loader import load
from hfig.load.paths import DataFile
from hfig.load.tree import Mapping, Scalar, Sequence, parse_yaml
from tests.fuzzing import record_file

FIXTURES = Path(__file__).parent / "fixtures"
CLAIM: ClaimFields = {"id": "new-one", "metric": "displaced", "value": "5", "claimant": "un",
                      "area": "Idleb", "as_of": "2019-05-01"}


def _claims_of(data: bytes) -> list[str]:
    result = load([DataFile(Path("x.yaml"), "x.yaml", data.decode("utf-8-sig"))])
    assert result.ok, [str(p) for p in result.problems]
    return [c.id for c in result.data.claims]


def _is_subsequence(old: bytes, new: bytes) -> bool:
    """Every byte of `old` is in `new`, in order (nothing was changed, only added)."""
    it = iter(new)
    return all(b in it for b in old)


@pytest.mark.parametrize("fixture", [
    "author_commented.yaml", "author_no_claims.yaml", "author_flow.yaml",
])
def test_appending_keeps_the_old_bytes_and_adds_a_valid_claim(fixture: str) -> None:
    old = (FIXTURES / fixture).read_bytes()
    new = append_claims(old, [CLAIM, {**CLAIM, "id": "new-two"}]).data
    assert _is_subsequence(old, new)
    ids = _claims_of(new)
    assert ids[-2:] == ["new-one", "new-two"]
    assert len(ids) == len(_claims_of(old)) + 2


def test_a_commented_file_keeps_its_text_before_and_after_the_insertion() -> None:
    old = (FIXTURES / "author_commented.yaml").read_bytes()
    new = append_claims(old, [CLAIM]).data
    at = new.index(b"    -   id: new-one")
    assert old.startswith(new[:at])
    assert old.endswith(new[at:].split(b"        as_of: 2019-05-01\n", 1)[1])
    assert b"        metric: displaced\n" in new[at:]  # the file's own indentation


def test_a_file_without_final_newline_and_with_crlf_keeps_its_line_endings() -> None:
    old = (FIXTURES / "author_crlf_no_newline.yaml").read_bytes()
    new = append_claims(old, [CLAIM]).data
    assert new.startswith(old + b"\r\n")
    assert b"\n" not in new.replace(b"\r\n", b"")
    assert _claims_of(new) == ["crlf-one", "new-one"]


def test_empty_flow_list_becomes_a_block_list() -> None:
    old = (FIXTURES / "author_empty_claims.yaml").read_bytes()
    new = append_claims(old, [CLAIM]).data
    assert new.startswith(b"hfig: 1\nclaims:    # none yet\n  - id: new-one\n")
    assert _claims_of(new) == ["new-one"]


@pytest.mark.parametrize("old", [b"", b"# only a comment", b"claims:\n", b"claims: ~\n", b"hfig: 1"])
def test_empty_and_sectionless_files(old: bytes) -> None:
    assert _claims_of(append_claims(old, [CLAIM]).data) == ["new-one"]


def test_a_new_file() -> None:
    new = append_claims(None, [CLAIM]).data
    assert new.startswith(b"hfig: 1\n\nclaims:\n  - id: new-one\n    metric: displaced\n")
    assert _claims_of(new) == ["new-one"]


def test_claims_followed_by_another_section() -> None:
    old = b"claims:\n  - id: a\n    metric: displaced\n    value: 1\n    claimant: un\n" \
          b"    area: Idleb\n    as_of: 2019-05-01\n  # about the next section\nmetrics: []\n"
    new = append_claims(old, [CLAIM]).data
    assert new.endswith(b"  # about the next section\nmetrics: []\n")
    assert _claims_of(new) == ["a", "new-one"]


@pytest.mark.parametrize("old", [b"claims: 5\n", b"- a\n- b\n", b"{claims: []}\n", b"claims: [\n"])
def test_files_hfig_cannot_append_to_are_refused(old: bytes) -> None:
    with pytest.raises(AppendError):
        append_claims(old, [CLAIM])


def test_first_lines_point_at_each_new_claim() -> None:
    old = (FIXTURES / "author_commented.yaml").read_bytes()
    appended = append_claims(old, [CLAIM, {**CLAIM, "id": "new-two"}])
    lines = appended.data.decode().split("\n")
    assert [lines[i - 1].strip() for i in appended.first_lines] == ["-   id: new-one", "-   id: new-two"]


def _read_back(text: str, key: str) -> str:
    root, problems = parse_yaml("claims:\n" + text, "x")
    assert not problems
    assert isinstance(root, Mapping)
    claims = root.items["claims"][1]
    assert isinstance(claims, Sequence)
    item = claims.items[0]
    assert isinstance(item, Mapping)
    node = item.items[key][1]
    assert isinstance(node, Scalar)
    return node.text


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1).filter(lambda t: t.strip() != ""))
def test_any_text_reads_back_exactly(text: str) -> None:
    fields: ClaimFields = {**CLAIM, "quote": text, "notes": text}
    assert _read_back(render_claim(fields), "quote") == text
    flow = "claims: [" + render_flow_claim(fields) + "]\n"
    root, problems = parse_yaml(flow, "x")
    assert not problems
    assert isinstance(root, Mapping)
    claims = root.items["claims"][1]
    assert isinstance(claims, Sequence)
    item = claims.items[0]
    assert isinstance(item, Mapping)
    node = item.items["notes"][1]
    assert isinstance(node, Scalar) and node.text == text


@pytest.mark.parametrize("text", ["yes", "no", "null", "~", "2019-05-07", "12:30", "012", "- a", "#x",
                                  "a: b", "' quoted", " lead", "trail ", "@x", "=1+2", "x\u2028y"])
def test_awkward_text_reads_back_exactly(text: str) -> None:
    assert _read_back(render_claim({**CLAIM, "notes": text}), "notes") == text


def test_numbers_and_dates_stay_plain() -> None:
    period: dict[str, str | list[str]] = {"start": "2019-04-late", "end": "~2019-05-23"}
    text = render_claim({**CLAIM, "value": "3.5e6", "period": period})
    assert "value: 3.5e6\n" in text
    assert "start: 2019-04-late\n" in text and "end: ~2019-05-23\n" in text


# --- the quick layout: recognised from the text, the same bytes as composing gives -------------

def _claims_for_append() -> list[ClaimFields]:
    return [{"id": "new-1", "metric": "displaced", "value": "5", "claimant": "un", "area": "Idleb",
             "as_of": "2019-05-02", "quote": "a quote: with = and # signs"}]


QUICK_CASES = {
    "plain": "hfig: 1\nclaims:\n  - id: a\n    value: 1\n",
    "four_spaces": "hfig: 1\n\nclaims:\n    # comment\n    -   id: a\n        value: 1\n\n# trailing\n",
    "no_final_newline": "hfig: 1\nclaims:\n  - id: a\n    quote: |\n      text\n      more",
    "block_scalar_last": "claims:\n  - id: a\n    quote: >-\n      folded\n\n      text\n",
    "vocabulary_first": "metrics:\n  - name: x\nclaims:\n  - id: a\n    value: 1\n",
}
NOT_QUICK = {
    "claims_not_last": "claims:\n  - id: a\nhfig: 1\n",
    "unindented": "claims:\n- id: a\n  value: 1\n",
    "flow": "claims: [{id: a}]\n",
    "empty": "claims:\n",
    "crlf": "claims:\r\n  - id: a\r\n",
    "scalar_entry": "claims:\n  - a\n",
    "document_marker": "hfig: 1\n---\nclaims:\n  - id: a\n",
}


@pytest.mark.parametrize("name", sorted(QUICK_CASES))
def test_the_quick_layout_gives_the_bytes_composing_gives(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfig.author import append

    old = QUICK_CASES[name].encode()
    assert append.tail_layout(QUICK_CASES[name]) is not None
    quick = append_claims(old, _claims_for_append())
    monkeypatch.setattr(append, "tail_layout", lambda body: None)
    composed = append_claims(old, _claims_for_append())
    assert quick.at_end and not composed.at_end
    assert (quick.data, quick.first_lines, quick.line_count) == (composed.data, composed.first_lines,
                                                                composed.line_count)


@pytest.mark.parametrize("name", sorted(NOT_QUICK))
def test_layouts_the_text_cannot_vouch_for_are_composed(name: str) -> None:
    from hfig.author import append

    assert append.tail_layout(NOT_QUICK[name]) is None


@settings(max_examples=150, deadline=None)
@given(text=st.builds(lambda f, tail: f + tail, record_file(),
                      st.sampled_from(["", "\n", "\n# end\n", "    # deep comment\n"])))
def test_the_quick_layout_agrees_on_generated_files(text: str) -> None:
    from unittest import mock

    from hfig.author import append

    if append.tail_layout(text) is None:
        return
    old = text.encode()
    try:
        with mock.patch.object(append, "tail_layout", lambda body: None):
            composed = append_claims(old, _claims_for_append())
    except AppendError:
        return  # not YAML the composer takes: add refuses such a file before it gets here
    quick = append_claims(old, _claims_for_append())
    assert (quick.data, quick.first_lines) == (composed.data, composed.first_lines)
