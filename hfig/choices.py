"""The choices a user makes on the command line, as enums, in a module light enough for every start.

Typer reads an option's choices from its annotation when the command module is
imported, so these must not live beside the code that uses them: importing
`hfig.core.reconcile` or `hfig.core.timeline` to learn four words would cost
every start (and every replayed answer) several milliseconds. Those modules
import them from here.
"""

from __future__ import annotations

from enum import Enum


class BestRule(str, Enum):
    """How a row's best estimate is chosen (docs/methodology.md)."""

    CONSERVATIVE = "conservative"
    MEDIAN = "median"
    LATEST = "latest"
    MAX = "max"


class Every(str, Enum):
    """How often a timeline's band is resampled."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class By(str, Enum):
    """How a timeline's series are grouped."""

    CLAIMANT = "claimant"
    SCOPE = "scope"
