"""`hfig report` pages in a real browser: headless Chromium, driven by Playwright.

Playwright launches the Chromium already installed (Debian's `chromium`;
.ci/run installs it when missing) and never downloads a browser. These tests
skip, saying why, only when no Chromium can be found; set HFIG_CHROMIUM to
the executable to use another one.

Each page is opened from disk (file://) with the network of a closed room:
the tests count every request other than the page itself (there must be
none), every console message of type error or warning (none), every page
error and dialog (none).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hfig.cli import app
from hfig.render.report.words import bounds_words, cell_text
from tests.conftest import fixture

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps",
         "--disable-domain-reliability", "--metrics-recording-only", "--no-pings"]
RENDER_BUDGET_MS = 3000
"""The issue's bound for a page of 1,000 claims: loaded, laid out and painted."""


def find_chromium() -> str | None:
    explicit = os.environ.get("HFIG_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium found (looked for HFIG_CHROMIUM, then "
    f"{', '.join(CANDIDATES)} on PATH); `apt-get install chromium` installs it")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        # A persistent context takes the fresh profile folder; Playwright adds --headless.
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1100, "height": 900}, service_workers="block")
        try:
            yield context
        finally:
            context.close()


@dataclass
class Visit:
    """A page opened in the browser, and everything it tried to do."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def other_requests(self) -> list[str]:
        return [r for r in self.requests if r != self.url]


def visit(browser: Any, path: Path, width: int = 1100) -> Visit:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    url = path.resolve().as_uri()
    seen = Visit(page, url)
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="load")
    return seen


def assert_clean(seen: Visit) -> None:
    assert seen.other_requests == []
    assert seen.console == []
    assert seen.errors == []
    assert seen.dialogs == []


def report(runner: Any, out: Path, *args: str) -> Path:
    result = runner.invoke(app, ["report", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def idlib(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from typer.testing import CliRunner

    runner = CliRunner()
    out = report(runner, tmp_path_factory.mktemp("report") / "idlib.html", "--region", "idlib")
    summary = json.loads(runner.invoke(app, ["summary", "--region", "idlib", "--format", "json"]).stdout)
    return out, summary


def names(claimants: list[str]) -> list[str]:
    from hfig.load.loader import load
    from hfig.load.paths import bundled_claim_files

    registry = load(bundled_claim_files()).data.claimants
    return [registry[c].name for c in claimants]


def test_idlib_page_renders_with_charts_and_the_summary_numbers(browser, idlib, tmp_path):
    path, summary = idlib
    seen = visit(browser, path)
    assert_clean(seen)
    page = seen.page
    # each chart is laid out when it comes near the screen (content-visibility): look at each there
    charts = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(s => {
        s.scrollIntoView();
        const r = s.getBoundingClientRect();
        return {id: s.id, w: r.width, h: r.height, marks: s.querySelectorAll('g.mark').length,
                title: s.querySelector('title').textContent, label: s.getAttribute('aria-labelledby')};
    })""")
    sections = page.evaluate("document.querySelectorAll('section.metric').length")
    assert sections > 10 and len(charts) == sections  # a chart per metric on the bundled data
    for chart in charts:
        assert chart["w"] > 500 and chart["h"] > 150, chart
        assert chart["marks"] >= 1 and chart["title"] and chart["label"]
    # every chart has its data as a table beside it
    assert page.evaluate("document.querySelectorAll('details.chart-data table').length") >= len(charts)

    rows = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('table.rows tr[data-row]')]
        .map(tr => [tr.dataset.row, {text: tr.textContent.replace(/\\s+/g, ' '),
                    flags: [...tr.querySelectorAll('[data-flag]')].map(f => f.dataset.flag)}]))""")
    assert len(rows) == len(summary["rows"])
    for row in summary["rows"]:  # the numbers and words of `hfig summary --format json`, in words
        shown = rows[row["row"]]
        text = shown["text"]
        assert row["range"] in text and row["best_stated"] in text
        assert bounds_words(row["low"], row["high"], row["low_open"], row["high_open"]) in text
        if row["implied_low"] is not None or row["implied_high"] is not None:
            assert bounds_words(row["implied_low"], row["implied_high"], row["implied_low_open"],
                                row["implied_high_open"]) in text
        assert cell_text(row["best"]) in text
        assert shown["flags"] == row["flags"]
        assert len([name for name in names(row["claimants"]) if name in text]) == row["n_claimants"]
        assert (f"{row['echoes']} echo" in text) is (row["echoes"] > 0)
    # the link to the method in full unfolds it
    page.click("a[href='#method-full']")
    assert page.evaluate("document.querySelector('details.method-full').open")
    page.evaluate("scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "report-idlib.png"), full_page=True)
    assert (tmp_path / "report-idlib.png").stat().st_size > 10_000
    page.close()


def test_idlib_page_reads_on_a_phone_and_prints_on_a4(browser, idlib, tmp_path):
    path, _ = idlib
    seen = visit(browser, path, width=390)
    page = seen.page
    # nothing makes the page itself scroll sideways: wide tables and charts scroll in their box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the wide tables become one card per row, each value with its heading
    for kind in ("rows", "compare"):
        labels = page.evaluate("""kind => { const table = document.querySelector('table.' + kind);
            const cells = table.querySelector('tbody tr').querySelectorAll('td');
            return [...table.querySelectorAll('thead th')].slice(1).map((th, i) =>
                [th.textContent, getComputedStyle(cells[i], '::before').content]); }""", kind)
        assert len(labels) > 4 and all(f'"{heading}: "' == shown for heading, shown in labels), labels
    page.screenshot(path=str(tmp_path / "phone.png"))
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    widths = page.evaluate("""[...document.querySelectorAll('svg.chart')].map(s => {
        s.scrollIntoView(); return s.getBoundingClientRect().width; })""")
    assert widths and all(0 < w <= 390 for w in widths)  # charts shrink to the paper, never overflow
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + \
        pdf.count(b"/Type/Page") > 1
    assert_clean(seen)
    page.close()


def test_hostile_text_runs_nothing_and_links_nowhere(browser, runner, tmp_path):
    path = report(runner, tmp_path / "hostile.html", "--data", fixture("report_hostile.yaml"))
    seen = visit(browser, path)
    page = seen.page
    assert page.evaluate("typeof window.__hfig_pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('iframe, img, object, embed').length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert all(h.startswith(("#", "https://")) for h in hrefs), hrefs
    body = page.evaluate("document.body.textContent")
    assert "<script>window.__hfig_pwned = 1</script>Evil NGO" in body
    assert "javascript:window.__hfig_pwned = 5" in body
    # the quote's </style> did not hide the page
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
    assert_clean(seen)
    page.close()


def test_a_report_of_1000_claims_renders_within_budget(browser, runner, tmp_path):
    data = tmp_path / "data"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1000", "--out", str(data)],
                   check=True, capture_output=True)
    path = report(runner, tmp_path / "1000.html", "--data", str(data))
    size = path.stat().st_size
    assert size < 5 * 1024 * 1024, size
    timings = []
    for _ in range(3):  # the best of three: the first also warms the browser's caches of fonts and code
        started = time.perf_counter()
        seen = visit(browser, path)
        # loaded, laid out and painted: two animation frames after the load event
        painted = seen.page.evaluate("""() => new Promise(done => requestAnimationFrame(() =>
            requestAnimationFrame(() => done(performance.now()))))""")
        load = seen.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        timings.append((painted, load, (time.perf_counter() - started) * 1000))
        assert_clean(seen)
        assert seen.page.evaluate("document.querySelectorAll('svg.chart').length") >= 10
        seen.page.close()
    painted, load, wall = min(timings)
    print(f"\n1,000 claims: {size / 1024 / 1024:.2f} MB; load event {load:.0f} ms, painted {painted:.0f} ms, "
          f"wall {wall:.0f} ms (best of 3)")
    assert painted < RENDER_BUDGET_MS
