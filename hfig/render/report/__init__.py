"""`hfig report`: one self-contained HTML page with the reconciled rows, charts and receipts.

    model.py   the report model: result objects (reconciliation rows, timelines, compare
               statuses) -> plain values the page shows; the one place that asks the library
    chart.py   the geometry of the honest charts (intervals, fuzzy dates, open ends, the band)
    words.py   dates, flags, kinds and intervals in words a reader needs no manual for
    page.py    the page: Jinja2 templates with autoescaping, the method in full from Markdown

Imported only by the `report` command: Jinja2 and markdown-it load only when a report is made.
"""
