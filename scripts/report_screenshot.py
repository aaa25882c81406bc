"""Make docs/img/report-idlib.png, the picture of `hfig report` in the README.

    python scripts/report_screenshot.py [--chromium /usr/bin/chromium]

Writes the Idlib report of the bundled data, opens it in headless Chromium
(Playwright, the test extra), and keeps the first metric's rows and chart.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img" / "report-idlib.png"


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
            page = browser.new_page(viewport={"width": 960, "height": 900}, device_scale_factor=1)
            page.goto(page_path.as_uri())
            top = page.evaluate("document.querySelector('#metric-1').getBoundingClientRect().top + scrollY")
            bottom = page.evaluate("document.querySelector('#metric-1 figure').getBoundingClientRect().bottom"
                                   " + scrollY")
            png = page.screenshot(full_page=True, clip={"x": 0, "y": top - 8, "width": 960,
                                                         "height": bottom - top + 16})
            browser.close()
    # Full colour: a reduced palette turns the band's fade into steps that look like data.
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB, {image.width}x{image.height})")


if __name__ == "__main__":
    main()
