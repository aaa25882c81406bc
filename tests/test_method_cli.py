"""Each case an expert raised against the method (issue 11), through the CLI: the exact row, table and JSON.

One fixture per scenario (tests/fixtures/<scenario>.yaml). JSON rows are
compared field by field on what the scenario is about; the table must show
the same row on one line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hfig.cli import app

from .conftest import fixture

FIELDS = ("row", "range", "implied", "best", "best_stated", "best_claims", "flags", "claim_ids", "set_aside",
          "sources")


def rows(runner, scenario: str, *args: str, command: str = "summary") -> list[dict[str, object]]:
    result = runner.invoke(app, [command, *args, "--data", fixture(f"{scenario}.yaml"), "-f", "json"])
    assert result.exit_code == 0, result.output
    return [{k: r[k] for k in (*FIELDS, "nested")} for r in json.loads(result.stdout)["rows"]]


COLUMNS = "metric,area,range,best_stated,claimants,sources,echoes,as_of,period_start,flags"
"""Named, so the table keeps the best column even where every row's best is its range."""


def table(runner, monkeypatch, scenario: str, *args: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", "250")
    result = runner.invoke(app, ["summary", *args, "--data", fixture(f"{scenario}.yaml"), "-C", COLUMNS])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def shows(lines: list[str], *cells: str) -> bool:
    """Some line holds these cells, in this order, each a whole cell between column gaps."""
    for line in lines:
        found = [c for c in re.split(r"\s{2,}", line.strip()) if c]
        k = 0
        for cell in found:
            if k < len(cells) and cell == cells[k]:
                k += 1
        if k == len(cells):
            return True
    return False


def row(key: str, range_: str, implied: str, best: float, best_stated: str, best_claims: list[str],
        flags: list[str], claim_ids: list[str], set_aside: list[str], sources: str,
        nested: list[str] | None = None) -> dict[str, object]:
    return {"row": key, "range": range_, "implied": implied, "best": best, "best_stated": best_stated,
            "best_claims": best_claims, "flags": flags, "claim_ids": claim_ids, "set_aside": set_aside,
            "sources": sources, "nested": nested or []}


# --- periods ------------------------------------------------------------------------


def test_own_period_figures(runner, monkeypatch):
    """A week's arrivals and a day's toll are never superseded, never joined with another period."""
    assert rows(runner, "own_period_figures") == [
        row("displaced/SY07/2019-05-06 to 2019-05-12", "12,000", "[12,000, 12,000]", 12000, "12,000",
            ["arrivals-week-19"], ["single_source"], ["arrivals-week-19"], [], "1 of 1"),
        row("displaced/SY07/2019-05-13 to 2019-05-19", "8,000", "[8,000, 8,000]", 8000, "8,000",
            ["arrivals-week-20"], ["single_source"], ["arrivals-week-20"], [], "1 of 1"),
        row("civilians_killed/SY07/2019-05-04 to 2019-05-04", "38", "[38, 38]", 38, "38", ["toll-may-4"],
            ["single_source"], ["toll-may-4"], [], "1 of 1"),
        row("civilians_killed/SY07/2019-05-05 to 2019-05-05", "9", "[9, 9]", 9, "9", ["toll-may-5"],
            ["single_source"], ["toll-may-5"], [], "1 of 1"),
    ]
    lines = table(runner, monkeypatch, "own_period_figures")
    assert shows(lines, "displaced", "12,000", "12,000", "unhcr_cccm", "1 of 1", "2019-05-13", "2019-05-06")
    assert shows(lines, "displaced", "8,000", "8,000", "unhcr_cccm", "1 of 1", "2019-05-20", "2019-05-13")
    assert not any("superseded" in line or "contradiction" in line for line in lines)


def test_nested_periods(runner, monkeypatch):
    """Counts since 1 April, 14 April, 27 April, 10 May: four rows bounding one another, no contradiction."""
    got = rows(runner, "nested_periods")
    assert got[1] == row(
        "civilians_killed/SY07/from 2019-04-14", "350", "[350, 350]", 350, "350", ["since-apr-14"],
        ["single_source"], ["since-apr-14"], [], "1 of 1",
        ["no more than since-apr-1's 500 (snhr, 2019-04-01 to 2019-05-20): a longer period that holds "
         "since-apr-14's",
         "no less than since-apr-27's 229 (uossm, 2019-04-27 to 2019-05-20): a shorter period inside "
         "since-apr-14's"])
    assert got[3] == row(
        "civilians_killed/SY07/from 2019-05-10", "at least 90", "[90, ∞)", 90, "at least 90",
        ["since-may-10"], ["single_source"], ["since-may-10"], [], "1 of 1",
        ["no more than since-apr-27's 229 (uossm, 2019-04-27 to 2019-05-20): a longer period that holds "
         "since-may-10's"])
    assert [r["row"] for r in got] == ["civilians_killed/SY07/from 2019-04-01",
                                       "civilians_killed/SY07/from 2019-04-14",
                                       "civilians_killed/SY07/from 2019-04-27",
                                       "civilians_killed/SY07/from 2019-05-10"]
    assert all("contradiction" not in r["flags"] for r in got)
    lines = table(runner, monkeypatch, "nested_periods")
    assert shows(lines, "civilians_killed", "Idlib", "at least 90", "at least 90", "ocha", "1 of 1",
                 "2019-05-20", "2019-05-10", "single_source")


def test_nested_period_violated(runner):
    got = rows(runner, "nested_period_violated")
    conflict = ("short-count (150, 2019-05-10 to 2019-05-20) is larger than long-count (100, 2019-04-01 to "
                "2019-05-20), a count over a period that holds it")
    assert [r["flags"] for r in got] == [["contradiction", "single_source"]] * 2
    assert all(conflict in r["nested"] for r in got)


def test_flows_without_start(runner, monkeypatch):
    """50,000 and 500,000 with no start: two rows, never '2 independent claimants'."""
    assert rows(runner, "flows_without_start") == [
        row("displaced/SY07/to 2019-05-20, no start: no-start-500k", "500,000", "[500,000, 500,000]", 500000,
            "500,000", ["no-start-500k"], ["no_start", "single_source"], ["no-start-500k"], [], "1 of 1"),
        row("displaced/SY07/to 2019-05-20, no start: no-start-50k", "50,000", "[50,000, 50,000]", 50000,
            "50,000", ["no-start-50k"], ["no_start", "single_source"], ["no-start-50k"], [], "1 of 1"),
    ]
    lines = table(runner, monkeypatch, "flows_without_start")
    assert shows(lines, "displaced", "50,000", "50,000", "ocha", "1 of 1", "2019-05-20")
    assert any("no_start" in line for line in lines)


# --- contradiction ------------------------------------------------------------------------


def test_growth_between_fuzzy_dates(runner, monkeypatch):
    got = rows(runner, "growth_between_fuzzy_dates")
    assert got[0] == row(
        "displaced/SY07/from 2019-04-29", "150,000 – 210,000", "[210,000, 210,000]", 210000, "210,000",
        ["may-25-total"], [], ["may-total", "may-25-total"], [], "2 of 2")
    assert [r["flags"] for r in got[1:3]] == [["single_source"], ["single_source"]]  # stocks on two days
    assert got[3]["flags"] == ["contradiction"]  # one period, 120 and 150
    lines = table(runner, monkeypatch, "growth_between_fuzzy_dates")
    assert shows(lines, "displaced", "Idlib", "150,000 – 210,000", "210,000", "ocha, unhcr_cccm", "2 of 2")


def test_stock_falls(runner, monkeypatch):
    got = rows(runner, "stock_falls")
    assert [(r["row"], r["best_stated"], r["flags"], r["set_aside"]) for r in got] == [
        ("idps/SY07/as of 2019-05-15", "about 310,000", ["single_source"], []),
        ("idps/SY07/as of 2019-06-15", "at least 300,000", ["single_source"], []),
        ("idps/SY07/as of 2019-07-15", "250,000", ["single_source"], []),
    ]
    lines = table(runner, monkeypatch, "stock_falls")
    assert shows(lines, "idps", "Idlib", "250,000", "250,000", "ocha", "1 of 1", "2019-07-15")
    assert not any("cumulative_fell" in line for line in lines)


def test_qualified_fall_in_timeline(runner):
    """'at least 300,000' after 'about 310,000': no fell, no increment of -10,000."""
    result = runner.invoke(app, ["timeline", "displaced", "-f", "json",
                                 "--data", fixture("qualified_fall.yaml")])
    assert result.exit_code == 0, result.output
    point = next(r for r in json.loads(result.stdout)["rows"] if r.get("id") == "total-at-least")
    assert "fell" not in point["flags"]
    assert (point["increment"], point["increment_code"]) == (None, "bounds_only")
    assert (point["increment_low"], point["increment_high"]) == (-41000, None)
    assert rows(runner, "qualified_fall")[0]["flags"] == ["single_source"]


def test_same_claimant_same_day(runner, monkeypatch, tmp_path):
    """Two figures of one claimant for one period, one day: both used, and renaming an id changes nothing."""
    expected = row("civilians_killed/SY07/from 2019-04-29", "60 – about 70", "none (contradiction)", 60, "60",
                   ["aaa-figure"], ["contradiction"], ["aaa-figure", "other-claimant", "zzz-figure"], [],
                   "2 of 2")
    assert rows(runner, "same_claimant_same_day") == [expected]
    text = Path(fixture("same_claimant_same_day.yaml")).read_text(encoding="utf-8")
    swapped = (text.replace("aaa-figure", "tmp").replace("zzz-figure", "aaa-figure")
               .replace("tmp", "zzz-figure"))
    path = tmp_path / "same_claimant_same_day.yaml"
    path.write_text(swapped, encoding="utf-8")
    result = runner.invoke(app, ["summary", "--data", str(path), "-f", "json"])
    again = json.loads(result.stdout)["rows"][0]
    assert (again["best"], again["range"], again["best_claims"]) == (60, "60 – about 70", ["zzz-figure"])
    lines = table(runner, monkeypatch, "same_claimant_same_day")
    assert shows(lines, "civilians_killed", "Idlib", "60 – about 70", "60", "snhr, sohr", "2 of 2")


# --- echoes ---------------------------------------------------------------------------------


def test_echo_of_set_aside(runner, monkeypatch):
    assert rows(runner, "echo_of_set_aside") == [
        row("displaced/SY07/from 2019-04-29", "150,000", "[150,000, 150,000]", 150000, "150,000",
            ["ocha-later"], ["single_source"], ["ocha-later"], ["article-repeats-early", "ocha-early"],
            "1 of 1"),
    ]
    lines = table(runner, monkeypatch, "echo_of_set_aside")
    assert shows(lines, "displaced", "Idlib", "150,000", "150,000", "ocha", "1 of 1", "2019-05-09")


def test_echo_differs(runner, monkeypatch):
    assert rows(runner, "echo_differs") == [
        row("civilians_killed/SY05+SY07/from 2019-04-28", "229", "[229, 229]", 229, "229", ["release-229"],
            ["echo_differs", "single_source"], ["release-229"],
            ["article-at-least", "article-idlib", "article-people"], "1 of 1"),
    ]
    lines = table(runner, monkeypatch, "echo_differs")
    assert shows(lines, "civilians_killed", "Idlib and Hama", "229", "229", "uossm", "1 of 1", "3")
    assert any("echo_differs" in line for line in lines)


def test_seed_at_25_may(runner, monkeypatch):
    """The done-when case: one range with both qualifiers, a best inside the implied bounds, one echo."""
    got = rows(runner, "best_inside_implied")
    assert got == [row("displaced/SY05+SY07/from 2019-04-late", "more than 200,000 – more than 300,000",
                       "(300,000, ∞)", 300000, "more than 300,000", ["uossm-more-than-300k"], [],
                       ["un-more-than-200k", "uossm-more-than-300k"], [], "2 of 2")]
    monkeypatch.setenv("COLUMNS", "250")
    result = runner.invoke(app, ["summary", "--region", "idlib", "--as-of", "2019-05-25", "-m", "displaced",
                                 "-C", COLUMNS])
    assert shows(result.stdout.splitlines(), "displaced", "more than 200,000 – more than 300,000",
                 "more than 300,000", "un, uossm", "2 of 2", "1", "2019-05-23", "2019-04-late")
    result = runner.invoke(app, ["summary", "--region", "idlib", "--as-of", "2019-05-25", "-f", "json"])
    seed = next(r for r in json.loads(result.stdout)["rows"] if "seed-un-displaced" in r["claim_ids"])
    assert {k: seed[k] for k in FIELDS} == {
        "row": "displaced/SY05+SY07/from 2019-04-late", "range": "more than 200,000 – more than 300,000",
        "implied": "(300,000, ∞)", "best": 300000, "best_stated": "more than 300,000",
        "best_claims": ["p5-uossm-displaced"], "flags": [],
        "claim_ids": ["seed-un-displaced", "p5-uossm-displaced"], "set_aside": ["seed-uossm-displaced"],
        "sources": "2 of 2"}
    assert seed["echoes"] == 1


# --- knowledge time ---------------------------------------------------------------------------


def test_knowledge_time(runner):
    early = rows(runner, "knowledge_time", "--as-of", "2019-06-15")
    assert early == [row("displaced/SY07/from 2019-05-01", "320,000 – more than 330,000", "(330,000, ∞)",
                         330000, "more than 330,000", ["who-about-june-10"], [],
                         ["ocha-early-june", "who-about-june-10"], [], "2 of 2")]
    late = rows(runner, "knowledge_time", "--as-of", "2019-06-24")
    assert late[0]["claim_ids"] == ["un-june-fact-sheet", "ocha-early-june", "who-about-june-10"]
    result = runner.invoke(app, ["explain", "--as-of", "2019-06-15", "-f", "json",
                                 "--data", fixture("knowledge_time.yaml")])
    reasons = {r["claim"]: r["reason"] for r in json.loads(result.stdout)["rows"] if r["claim"]}
    assert reasons["un-june-fact-sheet"] == ("not yet said on 2019-06-15 (as of 2019-06, published "
                                             "2019-06-24: known from 2019-06-24)")


def test_bundled_as_of_never_sees_a_fact_sheet_before_it_was_published(runner):
    result = runner.invoke(app, ["summary", "--as-of", "2019-06-15", "-f", "json"])
    used = {c for r in json.loads(result.stdout)["rows"] for c in r["claim_ids"]}
    assert "p7-un-displaced" not in used  # "2019-06", published 24 June
    result = runner.invoke(app, ["summary", "--as-of", "2019-06-24", "-f", "json"])
    assert "p7-un-displaced" in {c for r in json.loads(result.stdout)["rows"] for c in r["claim_ids"]}


# --- hierarchies -------------------------------------------------------------------------------


def test_part_exceeds_whole(runner, monkeypatch):
    got = {r["row"]: r for r in rows(runner, "part_exceeds_whole")}
    district = got["civilians_killed/SY0700/from 2019-05-01"]
    assert district == row(
        "civilians_killed/SY0700/from 2019-05-01", "80", "[80, 80]", 80, "80", ["district-80"],
        ["part_exceeds_whole", "single_source"], ["district-80"], [], "1 of 1",
        ["district-80 (80, sohr) is larger than governorate-50 (50, sohr): Idleb district lies within Idleb, "
         "for a period that holds it"])
    assert got["civilians_killed/SY07/from 2019-05-01"]["flags"] == ["part_exceeds_whole", "single_source"]
    assert got["children_killed/SY05+SY07/from 2019-05-01"]["nested"] == [
        "children-since-may-1 (130, snhr) is larger than civilians-since-apr-28 (120, sohr): children_killed "
        "is part of civilians_killed, for a period that holds it"]
    lines = table(runner, monkeypatch, "part_exceeds_whole")
    assert shows(lines, "civilians_killed", "Idleb district", "80", "80", "sohr", "1 of 1", "2019-05-21",
                 "2019-05-01", "part_exceeds_whole, single_source")


# --- grades, vague words, bounds, range text -------------------------------------------------------


def test_grades(runner, monkeypatch):
    assert rows(runner, "grades") == [row(
        "civilians_killed/SY07/from 2019-05-01", "about 42 (and 40)", "[40, 40]", 40, "40", ["monitor-count"],
        [], ["monitor-count", "possible-count"], [], "2 of 2")]
    assert rows(runner, "grades", "--min-grade", "none")[0]["best"] == 4  # what the default prevents
    # B alone grades sources only: the improbable figure of an unjudged source (F) comes back.
    assert rows(runner, "grades", "--min-grade", "B")[0]["claim_ids"] == [
        "improbable-count", "monitor-count", "possible-count"]
    assert rows(runner, "grades", "--min-grade", "2")[0]["claim_ids"] == ["monitor-count", "unreliable-count"]
    monkeypatch.setenv("COLUMNS", "250")
    out = runner.invoke(app, ["compare", "civilians_killed", "--data", fixture("grades.yaml")]).stdout
    assert shows(out.splitlines(), "improbable-count", "4", "unjudged_outlet", "Idlib", "2019-05-11",
                 "2019-05-01 →", "F5", "set aside", "information graded 5 (improbable), below --min-grade D4")
    result = runner.invoke(app, ["explain", "-f", "json", "--data", fixture("grades.yaml")])
    grades = {r["claim"]: r["grade"] for r in json.loads(result.stdout)["rows"] if r["claim"]}
    assert grades == {"monitor-count": "B2", "possible-count": "B3", "improbable-count": "F5",
                      "unreliable-count": "E?"}
    bad = runner.invoke(app, ["summary", "--min-grade", "Z9", "--data", fixture("grades.yaml")])
    assert bad.exit_code == 2 and "--min-grade" in bad.stderr and "Traceback" not in bad.stderr


def test_vague_beside_number(runner, monkeypatch):
    assert rows(runner, "vague_beside_number") == [
        row("civilians_injured/SY07/2019-05-12 to 2019-05-12", "dozens", "[12, 99]", 12, "dozens",
            ["only-dozens"], ["single_source", "vague"], ["only-dozens"], [], "1 of 1"),
        row("civilians_killed/SY07/2019-05-12 to 2019-05-12", "11", "[11, 11]", 11, "11", ["msf-eleven"],
            ["single_source"], ["msf-eleven"], ["article-several"], "1 of 2"),
    ]
    lines = table(runner, monkeypatch, "vague_beside_number")
    assert shows(lines, "civilians_killed", "Idlib", "11", "11", "msf", "1 of 2", "2019-05-13", "2019-05-12",
                 "single_source")


def test_best_inside_implied(runner, monkeypatch):
    for rule in ("conservative", "median", "latest", "max"):
        got = rows(runner, "best_inside_implied", "--best", rule)[0]
        assert (got["best"], got["best_stated"]) == (300000, "more than 300,000"), rule
    lines = table(runner, monkeypatch, "best_inside_implied")
    assert shows(lines, "displaced", "Idlib and northern Hama", "more than 200,000 – more than 300,000",
                 "more than 300,000", "un, uossm", "2 of 2")


def test_range_text_spread(runner, monkeypatch):
    assert rows(runner, "range_text_spread") == [row(
        "civilians_killed/SY07/from 2019-05-01", "between 20 and 30 – at least 22", "[22, 30]", 22,
        "at least 22", ["at-least-22"], [], ["at-least-22", "between-20-30"], [], "2 of 2")]
    lines = table(runner, monkeypatch, "range_text_spread")
    assert shows(lines, "civilians_killed", "Idlib", "between 20 and 30 – at least 22", "at least 22")


def test_household_size_range(runner, monkeypatch):
    assert rows(runner, "household_size_range") == [row(
        "displaced/SY07/from 2019-05-01", "between 5,000 and 6,000 (1,000 households × 5–6), and 5,800",
        "[5,800, 5,800]", 5800, "5,800", ["people-5800"], ["households_converted"],
        ["households-5-to-6", "people-5800"], [], "2 of 2")]
    lines = table(runner, monkeypatch, "household_size_range")
    assert shows(lines, "displaced", "Idlib", "between 5,000 and 6,000 (1,000 households × 5–6), and 5,800",
                 "5,800")


def test_part_of_independence(runner, monkeypatch):
    """UN and OCHA are one source; a stale third claimant leaves '1 of 3', flagged single_source."""
    assert rows(runner, "part_of_independence") == [row(
        "displaced/SY07/from 2019-04-29", "about 185,000 (and 180,000)", "[180,000, 180,000]", 180000,
        "180,000", ["un-figure"], ["single_source"], ["un-figure", "ocha-figure"], ["uossm-old"], "1 of 3")]
    lines = table(runner, monkeypatch, "part_of_independence")
    assert shows(lines, "displaced", "Idlib", "about 185,000 (and 180,000)", "180,000", "ocha, un", "1 of 3")


@pytest.mark.parametrize("scenario", ["own_period_figures", "nested_periods", "growth_between_fuzzy_dates",
                                      "same_claimant_same_day", "part_exceeds_whole", "grades",
                                      "household_size_range"])
def test_csv_and_json_agree(runner, scenario):
    """The same rows in CSV as in JSON: nothing the table shows is missing from a spreadsheet."""
    import csv
    import io

    result = runner.invoke(app, ["summary", "--data", fixture(f"{scenario}.yaml"), "-f", "csv"])
    frame = list(csv.DictReader(io.StringIO(result.stdout)))
    got = rows(runner, scenario)
    assert [r["row"] for r in frame] == [r["row"] for r in got]
    assert [r["range"] for r in frame] == [r["range"] for r in got]
    assert [r["sources"] for r in frame] == [r["sources"] for r in got]
