"""The report page: the model through Jinja2 templates, every value escaped.

Autoescaping is on for every template, so a quote holding `<script>` is shown
as text. The page carries a Content-Security-Policy that allows no script and
no fetch at all: if a value ever slipped past the escaping, it still could not
run or call out. Styles and charts are inline; nothing is loaded at view time.
"""

from __future__ import annotations

from pathlib import Path

from hfig.render.report.model import Report

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
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    # The stylesheet and the method are hfig's own files, not data: trusted as markup.
    return env.get_template("report.html.j2").render(
        report=report, css=Markup(css), method_html=Markup(method_html()))


def methodology_path() -> Path | None:
    """docs/methodology.md: inside the package when installed, in the checkout otherwise."""
    here = Path(__file__).resolve().parents[2]  # the hfig package
    for path in (here / "docs" / "methodology.md", here.parent / "docs" / "methodology.md"):
        if path.is_file():
            return path
    return None


def method_html() -> str:
    """The full method as HTML (CommonMark with tables; raw HTML in it stays text, only http(s) links)."""
    path = methodology_path()
    if path is None:
        from markupsafe import escape

        return str(escape("The full text is docs/methodology.md in hfig's source."))
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = lambda url: url.startswith(("http://", "https://"))  # type: ignore[method-assign]
    tokens = md.parse(path.read_text(encoding="utf-8"))
    for token in tokens:  # the page has h1 and h2 already: its '#' is a level-3 heading here
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    return str(md.renderer.render(tokens, md.options, {}))
