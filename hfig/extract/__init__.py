"""Draft claims from the text of a report: rules, no model, no files.

`extract(text, metrics=..., claimants=..., gazetteer=..., published=...)`
returns `DraftClaim`s; hfig.render.extract turns them into YAML records and
tables. See docs/extract.md.
"""

from hfig.extract.extract import DraftArea, DraftClaim, DraftPeriod, extract, publisher_claimant

__all__ = ["DraftArea", "DraftClaim", "DraftPeriod", "extract", "publisher_claimant"]
