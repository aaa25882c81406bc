"""Render docs/methodology.md into the page template folder of `hfig report`.

    python scripts/method_html.py

Run it after editing docs/methodology.md; tests/test_report.py fails while the
rendered copy is stale.
"""

from __future__ import annotations

from pathlib import Path

from hfig.render.report.method import METHOD_HTML, render_method

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    METHOD_HTML.write_text(render_method((ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")),
                           encoding="utf-8")
    print(f"wrote {METHOD_HTML.relative_to(ROOT)}")
