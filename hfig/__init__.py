"""hfig: reconciled ranges and timelines from humanitarian figures that disagree."""

__version__ = "0.1.0"
