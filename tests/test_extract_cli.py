"""`hfig extract`: YAML drafts that validate, tables, stdin, and clear errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hfig.cli import app
from hfig.load.loader import load
from hfig.load.paths import DataFile

PASSAGE = (
    "The UN said on Thursday that more than 200,000 people have fled their homes in Idlib since late "
    "April, while SAMS estimated more than 300,000.\n\n"
    "Dozens of civilians were killed in Kafr Nabl, local activists said. The Syrian government said rebel "
    "shelling had killed three civilians in Suqaylabiyah, a claim opposition groups dismissed as false.\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(PASSAGE, encoding="utf-8")
    return path


def test_yaml_drafts_validate_when_their_fields_were_found(
    runner: CliRunner, report: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        [
            "extract",
            str(report),
            "--published",
            "2019-05-25",
            "--publisher",
            "Test Wire",
            "--url",
            "https://example.org/r",
        ],
    )
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    claims = doc["claims"]
    assert [(c["value"], c.get("qualifier", "exact"), c["metric"], c.get("claimant")) for c in claims] == [
        (200000, "more_than", "displaced", "un"),
        (300000, "more_than", "displaced", "sams"),
        ("dozens", "vague", "civilians_killed", None),
        (3, "exact", "civilians_killed", "syrian_government"),
    ]
    assert str(claims[0]["as_of"]) == "2019-05-23" and claims[0]["period"]["start"] == "2019-04-late"
    assert claims[3]["disputed"] is True
    assert "confidence" in claims[0]["notes"] and "VAGUE" in result.stdout
    assert '# claimant: not in the registry: "local activists"' in result.stdout
    # The records whose claimant was found validate as they are.
    found = {"hfig": 1, "claims": [c for c in claims if "claimant" in c]}
    out = tmp_path / "drafts.yaml"
    out.write_text(yaml.safe_dump(found, allow_unicode=True), encoding="utf-8")
    loaded = load([DataFile(out, str(out))])
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert len(loaded.data.claims) == 3


def test_seed_style_output_validates_as_written(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        "The UN confirmed that since the end of April, there have been 20 attacks on healthcare "
        "facilities in Idlib and one on an ambulance."
    )
    result = runner.invoke(app, ["extract", "-", "--published", "~2019-05-25"], input=text)
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "drafts.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    check = runner.invoke(app, ["validate", str(out)])
    assert check.exit_code == 0, check.stdout + check.stderr
    assert "as_of: ~2019-05-25" in result.stdout


def test_table_formats(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(app, ["extract", str(report), "--published", "2019-05-25", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    envelope = json.loads(result.stdout)
    rows = envelope["rows"] if "rows" in envelope else envelope["data"]
    assert rows[0]["metric"] == "displaced" and rows[0]["value"] == 200000
    assert rows[0]["start"] < rows[0]["end"]
    csv = runner.invoke(app, ["extract", str(report), "-f", "csv"])
    assert csv.exit_code == 0 and csv.stdout.splitlines()[0].startswith("id,metric")
    table = runner.invoke(app, ["extract", str(report), "-f", "table"])
    assert table.exit_code == 0 and "displaced" in table.stdout


def test_no_published_date_leaves_as_of_out_with_a_comment(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(app, ["extract", str(report)])
    assert result.exit_code == 0
    assert "# as_of: unknown (give --published DATE)" in result.stdout
    assert "\n    as_of:" not in result.stdout


def test_empty_text_gives_an_empty_document_and_a_warning(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-"], input="Nothing to count here.\n")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["claims"] == []
    assert "no figures found" in result.stderr


def test_bad_input_is_a_clear_error(runner: CliRunner, report: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 3 and "no such file" in missing.stderr
    folder = runner.invoke(app, ["extract", str(tmp_path)])
    assert folder.exit_code == 3 and "folder" in folder.stderr
    bad_date = runner.invoke(app, ["extract", str(report), "--published", "25 May"])
    assert bad_date.exit_code == 2 and "--published" in bad_date.stderr
    bad_prefix = runner.invoke(app, ["extract", str(report), "--id-prefix", "a b"])
    assert bad_prefix.exit_code == 2
    for result in (missing, folder, bad_date, bad_prefix):
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_pdf_or_word_file_is_not_read_as_text(runner: CliRunner, tmp_path: Path) -> None:
    # Read as Windows-1252, a PDF gave noise and "no figures found", exit 0, as if it held none.
    pdf = tmp_path / "sitrep.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Length 42 >> stream\n\x8f\x00\x91")
    docx = tmp_path / "sitrep.docx"
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    for args, kwargs, hint in (([str(pdf)], {}, f"pdftotext -layout {pdf} - | hfig extract -"),
                               (["-"], {"input": "%PDF-1.7\n1 0 obj\n"}, "pdftotext -layout REPORT.pdf -"),
                               ([str(docx)], {}, "save it as plain text")):
        result = runner.invoke(app, ["extract", *args], **kwargs)
        assert result.exit_code == 3 and result.stdout == ""
        assert "not text" in result.stderr and hint in result.stderr
        assert "Traceback" not in result.stderr


def test_min_confidence_filters(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(app, ["extract", str(report), "--min-confidence", "0.9", "-f", "json"])
    envelope = json.loads(result.stdout)
    rows = envelope["rows"] if "rows" in envelope else envelope["data"]
    assert rows and all(r["confidence"] >= 0.9 for r in rows)


def test_windows_1252_text_is_read(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("M\xe9decins Sans Fronti\xe8res said 58 people were injured in Ariha.".encode("cp1252"))
    result = runner.invoke(app, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 0
    assert "not UTF-8" in result.stderr


def test_hundred_kilobytes_of_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text((PASSAGE + "\n") * (100_000 // len(PASSAGE)), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "2019-05-25", "-f", "json"])
    assert result.exit_code == 0
    assert sys.getsizeof(result.stdout) > 0
