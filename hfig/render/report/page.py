"""The report page: the model through Jinja2 templates, every value escaped.

Autoescaping is on for every template, so a quote holding `<script>` is shown
as text (the charts' SVG, built in svg.py, escapes the same way). The page
carries a Content-Security-Policy that allows no script and no fetch at all:
if a value ever slipped past the escaping, it still could not run or call out.
Styles and charts are inline; nothing is loaded at view time.
"""

from __future__ import annotations

from pathlib import Path

from hfig.render.report.method import method_html
from hfig.render.report.model import Report
from hfig.render.report.svg import chart_svg, legend_marker

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> object:
    """Coordinates and sizes print with at most one decimal: '12.3', not '12.299999999999997'."""
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text
    return value


def render_page(report: Report) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template is HTML or SVG
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.globals.update(chart_svg=chart_svg, legend_marker=legend_marker)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    # The stylesheet and the method are hfig's own files, not data: trusted as markup.
    return env.get_template("report.html.j2").render(
        report=report, css=Markup(css), method_html=Markup(method_html()))
