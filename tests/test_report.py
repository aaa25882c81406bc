"""`hfig report` without a browser: the page's content, its safety, the charts' geometry, errors.

tests/test_report_browser.py opens the pages in headless Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hfig.cli import app
from hfig.core.dates import parse_fuzzy_date
from hfig.core.model import (
    Area,
    AreaPrecision,
    Claim,
    Claimant,
    ClaimantKind,
    Family,
    Metric,
    MetricKind,
    Period,
)
from hfig.core.qualifiers import Interval, Qualifier
from hfig.core.timeline import build_timeline
from hfig.render.report.chart import MAX_PANELS, PALETTE, PARTY_SHAPE, build_chart, nice_top
from hfig.render.report.model import safe_link
from hfig.render.report.words import bounds_words, date_words, flag_words, interval_words
from tests.conftest import fixture


def make_report(runner, *args: str, out: Path) -> str:
    result = runner.invoke(app, ["report", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


class _Page(HTMLParser):
    """Elements by tag with their attributes, the text of each table row by data-row, all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "tr" and a.get("data-row"):
            self._row = self.rows.setdefault(str(a["data-row"]), [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row is not None:
            self._row.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


# --- the command ------------------------------------------------------------------


def test_idlib_page_holds_every_summary_row_and_its_numbers(runner, tmp_path):
    html = make_report(runner, "--region", "idlib", out=tmp_path / "idlib.html")
    summary = json.loads(runner.invoke(app, ["summary", "--region", "idlib", "--format", "json"]).stdout)
    page = parse(html)
    assert summary["rows"]
    for row in summary["rows"]:
        text = " ".join(" ".join(page.rows[row["row"]]).split())
        # the reader's columns: the range and the best estimate as stated, the bounds in words
        assert row["range"] in text and row["best_stated"] in text, row["row"]
        assert bounds_words(row["low"], row["high"], row["low_open"], row["high_open"]) in text
        if row["implied_low"] is not None or row["implied_high"] is not None:
            assert bounds_words(row["implied_low"], row["implied_high"], row["implied_low_open"],
                                row["implied_high_open"]) in text
        for flag in row["flags"]:
            assert flag_words(flag) in text
        # how many claimants were used of those with a figure, and what nested periods say
        in_row = row["n_claimants_in_row"]
        assert (f"{row['n_claimants']} of {in_row} claimant{'s' if in_row != 1 else ''} used, "
                f"{row['n_independent']} independent") in text
        for line in row["nested"]:
            assert " ".join(line.split()) in text
    # every field of the method's rows has its place in the reader's columns
    assert '<th scope="col">Other fields</th>' not in html


def test_a_field_the_page_has_no_words_for_is_shown_as_it_is(runner, tmp_path, monkeypatch):
    from hfig.render import summary

    original = summary.summary_cells
    monkeypatch.setattr(summary, "summary_cells", lambda row, *memo: (*original(row, *memo), "2 of 3"))
    monkeypatch.setattr(summary, "SUMMARY_NAMES", [*summary.SUMMARY_NAMES, "n_current"])
    html = make_report(runner, "--region", "idlib", "--metric", "displaced", out=tmp_path / "r.html")
    assert '<th scope="col">Other fields</th>' in html
    assert html.count('data-field="n_current">n current: 2 of 3</span>') == html.count('<tr id="row-')


def test_page_needs_no_network_and_runs_no_script(runner, tmp_path):
    html = make_report(runner, "--region", "idlib", out=tmp_path / "idlib.html")
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("script", "iframe", "object", "embed", "link", "img")]
    assert not [a for _, a in page.tags if "src" in a or "srcset" in a]
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    hrefs = [a["href"] for _, a in page.tags if a.get("href")]
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs)
    # styles fetch nothing either: no @import, no url() other than the page's own gradients
    assert "@import" not in html and not re.findall(r"url\((?!#)", html)
    csp = [a["content"] for t, a in page.tags
           if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script" not in csp[0]


def test_page_is_deterministic_and_stdout_matches_the_file(runner, tmp_path):
    first = make_report(runner, "--region", "idlib", out=tmp_path / "a.html")
    second = make_report(runner, "--region", "idlib", out=tmp_path / "b.html")
    assert first == second
    result = runner.invoke(app, ["report", "--region", "idlib", "-o", "-"])
    assert result.exit_code == 0 and result.stdout == first


def test_cover_says_what_the_page_covers(runner, tmp_path):
    html = make_report(runner, "--region", "idlib", "--as-of", "2019-05-25", "--metric", "displaced",
                       out=tmp_path / "r.html")
    text = " ".join("".join(parse(html).text).split())
    assert "Reconciled figures: Idleb, as known on 25 May 2019" in text
    assert "Idleb (SY07)" in text
    assert "25 May 2019: only what had been said by then" in text
    assert re.search(r"fingerprint [0-9a-f]{16}", text)
    from hfig import __version__

    assert f"hfig {__version__}" in text
    # only the metric asked for, and what was said after the date is set aside with its reason
    assert 'id="metric-1"' in html and 'id="metric-2"' not in html
    assert "not yet said on 2019-05-25" in text


def test_the_fingerprint_follows_the_data(runner, tmp_path):
    data = tmp_path / "claims.yaml"
    data.write_text(Path(fixture("reconcile_parties.yaml")).read_text(encoding="utf-8"), encoding="utf-8")
    first = re.search(r"fingerprint <code>(\w+)</code>", make_report(runner, "--data", str(data),
                                                                     out=tmp_path / "a.html"))
    data.write_text(data.read_text(encoding="utf-8").replace("value: 229", "value: 230"), encoding="utf-8")
    second = re.search(r"fingerprint <code>(\w+)</code>", make_report(runner, "--data", str(data),
                                                                      out=tmp_path / "b.html"))
    assert first and second and first[1] != second[1]


def test_hostile_text_stays_text(runner, tmp_path):
    html = make_report(runner, "--data", fixture("report_hostile.yaml"), out=tmp_path / "h.html")
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("script", "iframe", "img", "object", "embed")]
    assert [t for t, _ in page.tags].count("style") == 1  # the page's own stylesheet, nothing from a quote
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    hrefs = [a["href"] for _, a in page.tags if a.get("href")]
    assert all(h.startswith(("#", "https://")) for h in hrefs), hrefs
    assert "https://example.org/report?a=1&b=<2>" in hrefs  # the one real link, intact
    text = "".join(page.text)
    for shown in ("<script>window.__hfig_pwned = 1</script>Evil NGO", "javascript:window.__hfig_pwned = 5",
                  "</blockquote><script>window.__hfig_pwned = 6</script>", "{{ 7 * 7 }} {% raw %} ${7*7}",
                  '<a href="javascript:window.__hfig_pwned = 4">click me</a>'):
        assert shown in text
    assert "not a web address: not linked" in text


def test_party_claims_are_marked(runner, tmp_path):
    html = make_report(runner, "--data", fixture("reconcile_parties.yaml"), out=tmp_path / "p.html")
    page = parse(html)
    marks = [a for t, a in page.tags if t == "g" and "party" in (a.get("class") or "").split()]
    assert len(marks) == 1 and marks[0]["data-claim"] == "party-killed"
    assert "party to the conflict" in "".join(page.text)


def test_method_in_full_is_in_the_page(runner, tmp_path):
    html = make_report(runner, "--region", "idlib", out=tmp_path / "r.html")
    assert '<div class="markdown" id="method-full">' in html  # a link into a folded text unfolds it
    assert "<h3>How hfig reconciles figures</h3>" in html  # its '#' under the page's own h2
    assert "<table>" in html.split('id="method-full"')[1]  # Markdown tables rendered
    assert "“about” allows ±10%" in html


@pytest.mark.parametrize("args, code, message", [
    (["--as-of", "yesterday"], 2, "--as-of"),
    (["--metric", "dispaced"], 2, "not a metric"),
    (["--region", "Atlantis"], 2, "--region"),
    (["--region", "idlib", "--as-of", "2010-01-01"], 0, ""),
    (["--data", fixture("reconcile_parties.yaml"), "--region", "aleppo"], 2, "no claims match"),
])
def test_bad_options_write_nothing(runner, tmp_path, args, code, message):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *args, "-o", str(out)])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert out.exists() is (code == 0)


def test_too_many_claims_for_a_page_are_refused_before_the_work(runner, tmp_path, monkeypatch):
    from hfig.cli import report

    monkeypatch.setattr(report, "MAX_CLAIMS", 10)
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--region", "idlib", "-o", str(out)])
    assert result.exit_code == 2 and "a page holds at most 10" in result.stderr and not out.exists()
    assert runner.invoke(app, ["report", "--region", "idlib", "-m", "idps", "-o", str(out)]).exit_code == 0


def test_without_jinja2_the_message_says_how_to_install_it(runner, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "jinja2" else real(name, *a))
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 4 and "pip install 'jinja2>=3.1'" in result.stderr


def test_a_missing_folder_fails_before_any_work(runner, tmp_path):
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "nowhere" / "r.html")])
    assert result.exit_code == 3 and "does not exist" in result.stderr


def test_an_existing_page_is_replaced_whole(runner, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    html = make_report(runner, "--region", "idlib", out=out)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # no temporary file left behind


def test_other_commands_do_not_load_the_report_code():
    code = ("import sys\nsys.argv = ['hfig', 'summary', '--region', 'idlib', '-f', 'csv']\n"
            "from hfig.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(sorted(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(proc.stderr.split())
    assert not {"jinja2", "markupsafe", "markdown_it", "hfig.render.report", "hfig.cli.report"} & loaded
    # and registering the command (for --help) does not load its renderer either
    proc = subprocess.run([sys.executable, "-c", "import sys, hfig.cli.report; print(' '.join(sys.modules))"],
                          capture_output=True, text=True, check=True)
    assert not {"jinja2", "markdown_it", "hfig.render.report.page"} & set(proc.stdout.split())


# --- words ----------------------------------------------------------------------------


@pytest.mark.parametrize("iv, words", [
    (Interval(200000, math.inf, True, True), "more than 200,000"),
    (Interval(310000, math.inf, False, True), "at least 310,000"),
    (Interval(229, 229), "229"),
    (Interval(0, 50), "up to 50"),
    (Interval(0, 50, False, True), "less than 50"),
    (Interval(11.7, 14.3), "between 11.7 and 14.3"),
    (Interval(300000, 350000, True, False), "more than 300,000 and at most 350,000"),
    (Interval(5, 3), "no value (the figures exclude each other)"),
])
def test_interval_words(iv, words):
    assert interval_words(iv) == words


@pytest.mark.parametrize("text, words", [
    ("2019-05-23", "23 May 2019"),
    ("~2019-05-23", "about 23 May 2019"),
    ("2019-05-late", "late May 2019"),
    ("2019-05", "May 2019"),
    ("2019-W21", "week 21 of 2019 (20 May–26 May)"),
    ("2019", "2019"),
])
def test_dates_in_words_are_never_more_precise_than_stated(text, words):
    assert date_words(parse_fuzzy_date(text)) == words


def test_date_axis_names_months_and_years_in_english():
    from hfig.render.report.chart import DayScale

    quarters = [t.label for t in DayScale(dt.date(2019, 4, 20), dt.date(2020, 6, 9)).ticks()]
    assert quarters == ["Jul 2019", "Oct", "Jan 2020", "Apr"]  # the year when it changes
    months = [t.label for t in DayScale(dt.date(2019, 10, 20), dt.date(2020, 3, 9)).ticks()]
    assert months == ["Nov 2019", "Dec", "Jan 2020", "Feb", "Mar"]
    weeks = [t.label for t in DayScale(dt.date(2019, 5, 1), dt.date(2019, 6, 15)).ticks()]
    assert weeks[0] == "6 May 2019" and weeks[1] == "13 May"  # Mondays
    assert [date_words(parse_fuzzy_date(f"2019-{m:02d}")) for m in (1, 3, 9, 12)] == [
        "January 2019", "March 2019", "September 2019", "December 2019"]


def test_a_flag_the_page_does_not_know_still_reads_as_words():
    assert flag_words("single_source") == "One independent claimant only."
    assert flag_words("some_later_flag") == "Some later flag."


def test_every_flag_of_the_method_has_a_sentence():
    from hfig.core.reconcile import Flag
    from hfig.render.report.words import FLAG_WORDS

    assert {f.value for f in Flag} <= set(FLAG_WORDS)


@pytest.mark.parametrize("url, link", [
    ("https://reliefweb.int/report/x", "https://reliefweb.int/report/x"),
    ("http://example.org", "http://example.org"),
    ("HTTPS://EXAMPLE.ORG/A", "HTTPS://EXAMPLE.ORG/A"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("https:alert(1)", None),  # no host
    ("//example.org/x", None),  # no scheme: would take the page's (file:)
    ("https://exa mple.org", None),
    ("", None),
    (None, None),
])
def test_only_http_links_are_linked(url, link):
    assert safe_link(url) == link


# --- the charts' geometry ---------------------------------------------------------------

METRIC = Metric("displaced", Family.DISPLACEMENT, "people", MetricKind.FLOW, "people displaced")
CLAIMANTS = {
    "un": Claimant("un", "United Nations", ClaimantKind.UN),
    "ngo": Claimant("ngo", "An NGO", ClaimantKind.NGO),
    "army": Claimant("army", "An army", ClaimantKind.PARTY_TO_CONFLICT),
}


def claim(cid: str, value: float, qualifier: Qualifier = Qualifier.EXACT, *, claimant: str = "un",
          as_of: str = "2019-05-23", pcodes: tuple[str, ...] = ("SY07",), start: str = "2019-04-28") -> Claim:
    return Claim(cid, "displaced", value, qualifier, claimant, Area("Idlib", pcodes, AreaPrecision.EXACT),
                 parse_fuzzy_date(as_of), Period(parse_fuzzy_date(start), None))


def chart_of(*claims: Claim):
    timeline = build_timeline(list(claims), CLAIMANTS, "displaced", unit="people")
    labels = {s.scope: "+".join(s.scope) for s in timeline.series} | {b.scope: "+".join(b.scope)
                                                                       for b in timeline.band}
    chart = build_chart("c", timeline, METRIC, labels, CLAIMANTS, title="displaced")
    assert chart is not None
    return chart


def marks_by_id(chart):
    return {m.claim_id: m for p in chart.panels for m in p.marks}


def test_an_open_ended_figure_is_an_arrow_to_the_top_from_a_hollow_marker():
    chart = chart_of(claim("a", 200000, Qualifier.MORE_THAN), claim("b", 250000, claimant="ngo"))
    panel = chart.panels[0]
    m = marks_by_id(chart)["a"]
    assert m.unbounded and m.whisker and m.hollow
    assert m.y_high == panel.plot_top and m.y_low == m.y  # from 200,000 to the top edge
    exact = marks_by_id(chart)["b"]
    assert not exact.whisker and not exact.hollow and not exact.unbounded
    assert exact.y < m.y  # 250,000 above 200,000 (y grows downwards)


def test_an_approximate_figure_is_a_whisker_around_its_marker():
    m = marks_by_id(chart_of(claim("a", 1000, Qualifier.ABOUT)))["a"]
    assert m.whisker and not m.unbounded and not m.hollow
    assert m.y_low > m.y > m.y_high  # 900 below, 1,100 above the stated 1,000
    assert "read as 900 to 1,100" in m.label


def test_a_fuzzy_date_is_a_span_and_a_day_is_not():
    chart = chart_of(claim("late", 100, as_of="2019-05-late"), claim("day", 120, as_of="2019-05-07"))
    late, day = marks_by_id(chart)["late"], marks_by_id(chart)["day"]
    assert late.spans and late.x0 < late.x < late.x1
    assert not day.spans and day.x0 == day.x == day.x1
    # late May is 21-31 May: eleven days wide
    assert (late.x1 - late.x0) / chart.day_width == pytest.approx(11, abs=0.05)


def test_axes_start_at_zero_and_each_area_has_its_own_panel():
    chart = chart_of(claim("a", 300, pcodes=("SY07",)), claim("b", 90000, pcodes=("SY05", "SY07")))
    assert [p.scope for p in chart.panels] == [("SY05", "SY07"), ("SY07",)]
    for panel in chart.panels:
        zero = panel.y_ticks[0]
        assert zero.label == "0" and zero.pos == panel.plot_bottom
        top = panel.y_ticks[-1]
        assert top.pos == panel.plot_top
    small, big = chart.panels[1], chart.panels[0]
    assert small.y_ticks[-1].label == "400" and big.y_ticks[-1].label == "100,000"


def test_a_party_claim_has_the_cross_and_no_one_else_has_it():
    chart = chart_of(claim("p", 350, Qualifier.UP_TO, claimant="army"), claim("u", 229),
                     claim("n", 250, claimant="ngo"))
    marks = marks_by_id(chart)
    assert marks["p"].party and marks["p"].shape == PARTY_SHAPE
    assert marks["u"].shape != PARTY_SHAPE and marks["n"].shape != PARTY_SHAPE
    assert len({marks["u"].colour, marks["n"].colour, marks["p"].colour}) == 3
    assert {k.name for k in chart.legend} == {"United Nations", "An NGO", "An army"}
    assert all(k.style.colour in PALETTE for k in chart.legend)


def test_the_band_is_steps_and_its_open_top_fades_out():
    chart = chart_of(claim("a", 100, Qualifier.AT_LEAST, as_of="2019-05-01"),
                     claim("b", 150, claimant="ngo", as_of="2019-05-10"))
    (band,) = chart.panels[0].bands
    assert len(band.steps) == 2
    first, second = band.steps
    assert first.unbounded and second.unbounded  # "at least 100" leaves the top open
    assert first.x1 == second.x0  # each date's spread holds until the next report


def test_a_chart_draws_at_most_max_panels_areas_and_names_the_rest():
    claims = [claim(f"c{i}", 10 + i, pcodes=(f"SY07{i:02d}",)) for i in range(MAX_PANELS + 3)]
    chart = chart_of(*claims)
    assert len(chart.panels) == MAX_PANELS and len(chart.omitted) == 3


def test_nice_top():
    assert nice_top(0) == (1.0, 1.0)
    assert nice_top(3) == (3.0, 1.0)
    assert nice_top(350000) == (400000.0, 100000.0)
    assert nice_top(12.5)[0] >= 12.5


def test_the_method_in_the_page_is_the_current_methodology():
    from hfig.render.report.method import METHOD_HTML, render_method

    current = render_method((Path(__file__).resolve().parent.parent / "docs" / "methodology.md")
                            .read_text(encoding="utf-8"))
    assert METHOD_HTML.read_text(encoding="utf-8") == current, (
        "docs/methodology.md changed: run `python scripts/method_html.py` to update the report's copy")


def test_figures_that_would_hide_each_other_are_drawn_side_by_side():
    chart = chart_of(claim("ocha", 180000, as_of="~2019-05-09", claimant="ngo"),
                     claim("un", 179600, Qualifier.AT_LEAST, as_of="~2019-05-09"),
                     claim("later", 300000, as_of="2019-06-30"))
    marks = marks_by_id(chart)
    assert marks["ocha"].x != marks["un"].x and abs(marks["ocha"].x - marks["un"].x) >= 7
    assert marks["ocha"].x0 == marks["un"].x0 and marks["ocha"].x1 == marks["un"].x1  # the days stay
    later = marks["later"]
    assert later.x == later.x0 == later.x1  # a figure alone on its day stays on it


def test_figures_counted_from_starts_weeks_apart_never_share_a_panel():
    chart = chart_of(claim("feb", 290784, start="2019-02-01", as_of="2019-05-07"),
                     claim("apr", 200000, Qualifier.MORE_THAN, start="2019-04-late", as_of="2019-05-23"),
                     claim("apr2", 300000, Qualifier.MORE_THAN, claimant="ngo", start="2019-04-28",
                           as_of="2019-05-22"))
    assert [p.label for p in chart.panels] == ["SY07 (SY07): counted from 1 February 2019",
                                               "SY07 (SY07): counted from late April 2019"]
    assert [sorted(m.claim_id for m in p.marks) for p in chart.panels] == [["feb"], ["apr", "apr2"]]
    assert all(len(p.bands) == 1 for p in chart.panels)  # each band in the panel of its figures
