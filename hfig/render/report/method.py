"""The method in full, for the page: docs/methodology.md rendered once, ahead of time.

`templates/method.html` is generated from docs/methodology.md by
`python scripts/method_html.py` and committed (a test fails when it is stale),
so `hfig report` reads a file instead of importing and running a Markdown
parser on every page: the page carries the method of the hfig that made it.
"""

from __future__ import annotations

from pathlib import Path

METHOD_HTML = Path(__file__).parent / "templates" / "method.html"


def render_method(markdown: str) -> str:
    """CommonMark with tables; raw HTML stays text, only http(s) links; '#' headings become h3."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = lambda url: url.startswith(("http://", "https://"))  # type: ignore[method-assign]
    tokens = md.parse(markdown)
    for token in tokens:  # the page has h1 and h2 already: the document's '#' is a level-3 heading here
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    return str(md.renderer.render(tokens, md.options, {}))


def method_html() -> str:
    return METHOD_HTML.read_text(encoding="utf-8")
