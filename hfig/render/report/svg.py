"""A chart (hfig/render/report/chart.py) as inline SVG markup.

Written with string building rather than a template: a chart of 1,000 claims
is thousands of small elements, and a template macro per marker costs more
than the rest of the page. Every text that comes from the data (area and
claimant names, ids, labels) goes through `esc`, the same escaping Jinja's
autoescape applies; the rest is numbers and the palette's own colours.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from hfig.render.report.chart import Chart, Mark, Panel

BAND_GREY = "#7a7a7a"


def esc(text: object) -> str:
    return str(escape(str(text)))


def n(value: float) -> str:
    """A coordinate with at most one decimal: '12.3', '40'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def marker(shape: str, colour: str, hollow: bool, x: float, y: float) -> str:
    """A claimant's marker centred on (x, y); hollow when the figure excludes its own number."""
    fill = "#fff" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="1.8"'
    if shape == "circle":
        return f'<circle cx="{n(x)}" cy="{n(y)}" r="4.5" {paint}/>'
    if shape == "square":
        return f'<rect x="{n(x - 4)}" y="{n(y - 4)}" width="8" height="8" {paint}/>'
    if shape == "triangle":
        return f'<path d="M{n(x)},{n(y - 5.5)}L{n(x + 5)},{n(y + 4)}L{n(x - 5)},{n(y + 4)}Z" {paint}/>'
    if shape == "diamond":
        return (f'<path d="M{n(x)},{n(y - 5.5)}L{n(x + 5.5)},{n(y)}L{n(x)},{n(y + 5.5)}'
                f'L{n(x - 5.5)},{n(y)}Z" {paint}/>')
    ring = (f'<circle cx="{n(x)}" cy="{n(y)}" r="6.5" fill="#fff" stroke="{colour}" stroke-width="1.2"/>'
            if hollow else "")
    return (f'{ring}<path d="M{n(x - 4.5)},{n(y - 4.5)}L{n(x + 4.5)},{n(y + 4.5)}M{n(x - 4.5)},{n(y + 4.5)}'
            f'L{n(x + 4.5)},{n(y - 4.5)}" stroke="{colour}" stroke-width="2.6" fill="none"/>')


def legend_marker(shape: str, colour: str) -> Markup:
    """The marker alone, for a legend or a table."""
    return Markup('<svg class="key" viewBox="-7 -7 14 14" width="14" height="14" aria-hidden="true" '
                  f'focusable="false">{marker(shape, colour, False, 0, 0)}</svg>')


def chart_svg(chart: Chart) -> Markup:
    c = chart
    out = [
        f'<svg id="{esc(c.id)}" class="chart" viewBox="0 0 {c.width} {n(c.height)}" width="{c.width}" '
        f'height="{n(c.height)}" role="img" aria-labelledby="{esc(c.id)}-t {esc(c.id)}-d" '
        'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{esc(c.id)}-t">{esc(c.title)}</title>',
        f'<desc id="{esc(c.id)}-d">{esc(c.description)}</desc>',
        f'<defs><linearGradient id="{esc(c.id)}-fade" x1="0" y1="1" x2="0" y2="0">'
        f'<stop offset="0" stop-color="{BAND_GREY}" stop-opacity="0.35"/>'
        f'<stop offset="1" stop-color="{BAND_GREY}" stop-opacity="0"/></linearGradient>',
        # The date axis, drawn once and placed under every panel (<use>: no copy per panel). Its
        # look is in attributes: the page's stylesheet does not reach into a <use>'s copy.
        f'<g id="{esc(c.id)}-x" font-size="11" fill="#555" stroke="none">' + "".join(
            f'<line x1="{n(t.pos)}" x2="{n(t.pos)}" y1="0" y2="4" stroke="#777"/>'
            f'<text x="{n(t.pos)}" y="17" text-anchor="{t.anchor}">{esc(t.label)}</text>'
            for t in c.x_ticks) + "</g></defs>",
    ]
    for panel in c.panels:
        out += _panel(c, panel)
    out.append("</svg>")
    return Markup("\n".join(out))


def _panel(c: Chart, p: Panel) -> list[str]:
    out = ['<g class="panel">',
           f'<text class="panel-title" x="{c.left}" y="{n(p.top + 16)}">{esc(p.label)}</text>']
    for t in p.y_ticks:
        out.append(f'<line class="grid" x1="{c.left}" x2="{c.right}" y1="{n(t.pos)}" y2="{n(t.pos)}"/>'
                   f'<text class="tick y" x="{c.left - 6}" y="{n(t.pos + 4)}">{esc(t.label)}</text>')
    bottom = p.plot_bottom
    out.append(f'<use href="#{esc(c.id)}-x" y="{n(bottom)}"/>')
    fade = f"url(#{esc(c.id)}-fade)"
    for band in p.bands:
        out.append(f'<g class="band"><title>{esc(band.label)}</title>')
        for s in band.steps:
            fill = f'fill="{fade}"' if s.unbounded else f'fill="{BAND_GREY}" fill-opacity="0.22"'
            out.append(f'<rect x="{n(s.x0)}" y="{n(s.y_high)}" width="{n(max(s.x1 - s.x0, 1))}" '
                       f'height="{n(max(s.y_low - s.y_high, 2))}" {fill}/>')
        if band.tag:
            first = band.steps[0]
            out.append(f'<text class="band-tag" x="{n(first.x0 + 3)}" y="{n(first.y_low + 12)}">'
                       f"{esc(band.tag)}</text>")
        out.append("</g>")
    out.append(f'<line class="axis" x1="{c.left}" x2="{c.right}" y1="{n(bottom)}" y2="{n(bottom)}"/>'
               f'<line class="axis" x1="{c.left}" x2="{c.left}" y1="{n(p.plot_top)}" y2="{n(bottom)}"/>')
    out += [_mark(m) for m in p.marks]
    out.append("</g>")
    return out


def _mark(m: Mark) -> str:
    parts = [f'<g class="mark{" party" if m.party else ""}" data-claim="{esc(m.claim_id)}">'
             f"<title>{esc(m.label)}</title>"]
    if m.spans:  # the days a fuzzy as-of date may mean, with end ticks
        parts.append(f'<path d="M{n(m.x0)},{n(m.y)}H{n(m.x1)}M{n(m.x0)},{n(m.y - 3)}V{n(m.y + 3)}'
                     f'M{n(m.x1)},{n(m.y - 3)}V{n(m.y + 3)}" stroke="{m.colour}" stroke-width="2" '
                     'stroke-opacity="0.6" fill="none"/>')
    if m.whisker:  # the values the figure allows; an open top ends in an arrow at the panel's top
        top = m.y_high + (6 if m.unbounded else 0)
        caps = f"M{n(m.x - 4)},{n(m.y_low)}H{n(m.x + 4)}"
        if not m.unbounded:
            caps += f"M{n(m.x - 4)},{n(m.y_high)}H{n(m.x + 4)}"
        parts.append(f'<path d="M{n(m.x)},{n(m.y_low)}V{n(top)}{caps}" stroke="{m.colour}" '
                     'stroke-width="1.8" fill="none"/>')
        if m.unbounded:
            parts.append(f'<path d="M{n(m.x - 4.5)},{n(m.y_high + 8)}L{n(m.x)},{n(m.y_high)}'
                         f'L{n(m.x + 4.5)},{n(m.y_high + 8)}Z" fill="{m.colour}"/>')
    parts.append(marker(m.shape, m.colour, m.hollow, m.x, m.y))
    if m.party:
        parts.append(f'<text class="party-label" x="{n(m.x + 8)}" y="{n(m.y - 7)}">party</text>')
    parts.append("</g>")
    return "".join(parts)
