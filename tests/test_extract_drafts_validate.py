"""Every draft `hfig extract --format yaml` writes validates once a reviewer fills what it marks missing.

A draft leaves out, with a comment, what the text does not give: a claimant
outside the registry, an area the gazetteer does not know, an as-of date
without --published. Here a stand-in reviewer fills exactly those marked
fields with placeholders (and defines the claimant it names) and the loader
must accept the file. Run on our own evaluation passages (tests/extract_eval/)
always, and on every text of the real evaluation set when its texts are
present (they are not committed; see benchmarks/fetch_extract_real.md).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hfig.cli import app
from hfig.core.dataset import DataSet
from hfig.load.loader import load
from hfig.load.paths import DataFile

ROOT = Path(__file__).resolve().parent
EVAL = ROOT / "extract_eval"
REAL = ROOT / "extract_real"
SETS = ("dev", "heldout", "realistic", "realistic2", "realistic3", "realistic4", "realistic5")

# What a reviewer writes in place of each comment that marks a field as missing.
FILLS = {
    "# claimant:": "claimant: reviewer_source",
    "# area:": "area: {name: Reviewer area, pcodes: [SY], precision: approximate}",
    "# as_of:": "as_of: 2020-01-01",
}
REVIEWER_CLAIMANT = (
    "\nclaimants:\n  - id: reviewer_source\n    name: Source named by the reviewer\n    kind: ngo\n"
)


# Each area a reviewer fills is a place of its own, so that the fills never make two records clash.
PLACES = [f"SY{g:02d}" for g in range(1, 15)] + ["UA", "SD", "PS", "MM", "CD", "YE", "AF", "IQ", "LB", "TD"]


def filled(draft: str) -> tuple[str, int]:
    """The draft with every field it marks as missing filled in, and how many were filled."""
    out, count = [], 0
    for line in draft.splitlines():
        out.append(line)
        m = re.match(r"^(\s+)(# (?:claimant|area|as_of):)", line)
        if m:
            fill = FILLS[m.group(2)].replace("[SY]", f"[{PLACES[count % len(PLACES)]}]")
            out.append(m.group(1) + fill)
            count += 1
    return "\n".join(out) + "\n" + REVIEWER_CLAIMANT, count


@cache
def bundled() -> DataSet:
    from hfig.cli.context import load_data

    return load_data(None)


def drafted(text: str, published: str | None, publisher: str | None, prefix: str = "draft") -> str:
    """What `hfig extract --format yaml` writes, by the functions the command calls (in-process: the
    data set is loaded once for all texts)."""
    from hfig.core.dates import parse_fuzzy_date
    from hfig.extract import extract
    from hfig.render.extract import drafts_yaml

    ds = bundled()
    when = parse_fuzzy_date(published) if published else None
    drafts = extract(
        text,
        metrics=ds.metrics,
        claimants=ds.claimants,
        gazetteer=ds.gazetteer,
        published=when,
        publisher=publisher,
    )
    return drafts_yaml(
        drafts, publisher=publisher, url=None, published=when, id_prefix=prefix, source="<stdin>"
    )


def validates(tmp_path: Path, *drafts: str) -> int:
    """Fill the drafts (several texts' drafts, with their own id prefixes, load as one file: the
    loader reads the registry once) and load them."""
    bodies, records, count = [], 0, 0
    for draft in drafts:
        text, n = filled(draft)
        count += n
        records += len(yaml.safe_load(draft)["claims"] or [])
        body = text.split("\nclaims:", 1)[1].split(REVIEWER_CLAIMANT, 1)[0]
        bodies.append(body.replace("[]  # no figures found", ""))
    path = tmp_path / "drafts.yaml"
    path.write_text("hfig: 1\nclaims:" + "".join(bodies) + REVIEWER_CLAIMANT, encoding="utf-8")
    loaded = load([DataFile(path, str(path))])
    assert loaded.ok, [str(p) for p in loaded.problems][:5]
    assert len(loaded.data.claims) == records
    return count


def check(runner: CliRunner, tmp_path: Path, text: str, args: list[str]) -> int:
    """Through the command itself, as a user runs it."""
    result = runner.invoke(app, ["extract", "-", "--format", "yaml", *args], input=text)
    assert result.exit_code == 0, result.stderr
    return validates(tmp_path, result.stdout)


def test_the_command_writes_what_the_functions_write(runner: CliRunner, tmp_path: Path) -> None:
    passage = yaml.safe_load((EVAL / "realistic.yaml").read_text(encoding="utf-8"))["passages"][0]
    args = ["--published", str(passage["published"]), "--publisher", str(passage["publisher"])]
    result = runner.invoke(app, ["extract", "-", "--format", "yaml", *args], input=passage["text"])
    assert result.stdout == drafted(passage["text"], str(passage["published"]), passage["publisher"])
    assert check(runner, tmp_path, passage["text"], args) >= 1


@pytest.mark.parametrize("name", SETS)
def test_drafts_of_our_own_passages_validate_once_filled(tmp_path: Path, name: str) -> None:
    data = yaml.safe_load((EVAL / f"{name}.yaml").read_text(encoding="utf-8"))
    drafts = [
        drafted(p["text"], str(p["published"]), p.get("publisher"), prefix=f"t{i}")
        for i, p in enumerate(data["passages"])
    ]
    validates(tmp_path, *drafts)


def test_a_draft_without_a_publication_date_validates_once_filled(runner: CliRunner, tmp_path: Path) -> None:
    text = "Local medics said 12 people were killed in a village near the border."
    assert check(runner, tmp_path, text, []) == 3  # claimant, area and as_of were all marked


def _real_texts() -> list[dict[str, object]]:
    sources = yaml.safe_load((REAL / "sources.yaml").read_text(encoding="utf-8"))["texts"]
    return [s for s in sources if (REAL / "texts" / f"{s['id']}.txt").exists()]


@pytest.mark.skipif(
    not _real_texts(),
    reason="the real evaluation texts are not committed (benchmarks/fetch_extract_real.md fetches them)",
)
def test_drafts_of_every_real_text_validate_once_filled(tmp_path: Path) -> None:
    drafts = []
    for source in _real_texts():
        text = (REAL / "texts" / f"{source['id']}.txt").read_text(encoding="utf-8")
        drafts.append(
            drafted(text, str(source["published"]), str(source["publisher"]), prefix=str(source["id"]))
        )
    validates(tmp_path, *drafts)
