"""A claim's figure in its metric's unit: households become people only with a household size.

"1,000 households" is not a number of people until someone says how many
people a household holds. When the record gives `household_size`, the figure
is converted (and every output says so); when the size is a range
(`household_size: 5`, `household_size_max: 6`), the converted figure keeps the
range: 1,000 households are 5,000 to 6,000 people. Without a size the figure
stays in households, in a row of its own.
"""

from __future__ import annotations

from hfig.core.model import Claim, Metric
from hfig.core.qualifiers import VAGUE_LEXICON, Interval, Qualifier, format_number, stated

CONVERTIBLE = frozenset({"households", "families"})
"""Units that become people with a household (or family) size."""


def converts_households(claim: Claim, unit: str | None) -> bool:
    """A count of households (or families) that gives a size, for a metric counted in people."""
    return claim.unit in CONVERTIBLE and unit == "people" and claim.household_size is not None


def size_range(claim: Claim) -> tuple[float, float]:
    """People per household, lowest and highest: (1, 1) when nothing is converted."""
    low = claim.household_size or 1.0
    high = claim.household_size_max if claim.household_size_max is not None else low
    return low, high


def unit_of(claim: Claim, metric: Metric) -> str:
    if claim.unit is None or converts_households(claim, metric.unit):
        return metric.unit
    return claim.unit


def interval_in(claim: Claim, unit: str | None) -> Interval:
    """The claim's interval in `unit`: people when households convert, else as stated."""
    iv = claim.interval
    if not converts_households(claim, unit):
        return iv
    low, high = size_range(claim)
    return Interval(iv.low * low, iv.high * high, iv.low_open, iv.high_open)


def interval_in_unit(claim: Claim, metric: Metric) -> Interval:
    return interval_in(claim, metric.unit)


def point_value(claim: Claim, metric: Metric | None = None) -> float:
    """The one number a claim states: its value; 'between' -> midpoint; vague -> coded value.

    A household count converted with a size range counts at the middle of the range.
    """
    if isinstance(claim.value, str):
        value = float(VAGUE_LEXICON[claim.value].coded)
    elif claim.qualifier is Qualifier.BETWEEN and claim.value_max is not None:
        value = (claim.value + claim.value_max) / 2
    else:
        value = float(claim.value)
    if metric is None or not converts_households(claim, metric.unit):
        return value
    low, high = size_range(claim)
    return value * (low + high) / 2


def describe(iv: Interval) -> str:
    """An interval in the words of the record format: 'between 5,000 and 6,000', 'at least 300'."""
    lo, hi = format_number(iv.low), format_number(iv.high)
    if iv.unbounded_above:
        return f"more than {lo}" if iv.low_open else f"at least {lo}"
    if iv.low == 0 and not iv.low_open:
        return f"less than {hi}" if iv.high_open else f"up to {hi}"
    if iv.low == iv.high:
        return lo
    return f"between {lo} and {hi}"


def stated_in_unit(claim: Claim, metric: Metric) -> str:
    """The claim as stated; converted households say so: 'more than 5,500 (1,000 households × 5.5)'."""
    if not converts_households(claim, metric.unit):
        return claim.stated
    low, high = size_range(claim)
    size = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    what = f"{claim.stated} {claim.unit} × {size}"
    if isinstance(claim.value, str):
        return what
    if low != high or claim.qualifier is Qualifier.BETWEEN:
        return f"{describe(interval_in(claim, metric.unit))} ({what})"
    vmax = claim.value_max * low if claim.value_max is not None else None
    converted = stated(claim.qualifier, claim.value * low, vmax)
    return f"{converted} ({format_number(claim.value)} {claim.unit} × {size})"
