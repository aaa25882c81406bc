"""Make docs/img/report-idlib.png, the picture of `hfig report` in the README.

    python scripts/report_screenshot.py [--chromium /usr/bin/chromium]

Writes the Idlib report of the bundled data, opens it in headless Chromium
(Playwright, the test extra), and keeps the first metric's first rows and
the first panels of its chart.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img" / "report-idlib.png"
WIDTH = 960


def box(page: Any, top: str, bottom: str, panels: int = 0) -> dict[str, float]:
    """The page region from the top of one element to the bottom of another (or of its first panels)."""
    y0 = page.evaluate(f"document.querySelector('{top}').getBoundingClientRect().top + scrollY")
    if panels:
        from hfig.render.report.chart import PANEL_H
        from hfig.render.report.chart import WIDTH as SVG_WIDTH

        svg = page.evaluate(f"""(() => {{ const r = document.querySelector('{bottom} svg')
                                .getBoundingClientRect(); return [r.top + scrollY, r.width]; }})()""")
        y1 = svg[0] + panels * PANEL_H * svg[1] / SVG_WIDTH - 10  # not the next panel's title
    else:
        y1 = page.evaluate(f"document.querySelector('{bottom}').getBoundingClientRect().bottom + scrollY")
    return {"x": 0, "y": y0 - 8, "width": WIDTH, "height": y1 - y0 + 16}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "idlib.html"
        subprocess.run([sys.executable, "-m", "hfig", "report", "--region", "idlib", "-o", str(page_path)],
                       check=True, cwd=tmp)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": WIDTH, "height": 900}, device_scale_factor=1)
            page.goto(page_path.as_uri())
            # Two pieces of the first metric's section, one above the other: the heading and the
            # first reconciled rows, then the chart's key and first panels (the page is long).
            rows = box(page, "#metric-1", "#metric-1 table.rows tbody tr:nth-child(4)")
            chart = box(page, "#metric-1-time", "#metric-1 figure .chart-wrap", panels=3)
            pieces = [Image.open(io.BytesIO(page.screenshot(full_page=True, clip=clip))).convert("RGB")
                      for clip in (rows, chart)]
            browser.close()
    gap = 24
    image = Image.new("RGB", (WIDTH, sum(p.height for p in pieces) + gap), "white")
    image.paste(pieces[0], (0, 0))
    for x in range(16, WIDTH - 16, 12):  # a dotted line where the page goes on
        image.paste((170, 170, 170), (x, pieces[0].height + gap // 2, x + 6, pieces[0].height + gap // 2 + 2))
    image.paste(pieces[1], (0, pieces[0].height + gap))
    image.save(OUT, optimize=True)  # full colour: a small palette turns the band's fade into steps
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB, {image.width}x{image.height})")


if __name__ == "__main__":
    main()
