"""HXL hashtags for hfig's metrics (https://hxlstandard.org), for HDX users."""

from __future__ import annotations

METRIC_TAGS = {
    "displaced": "#affected+displaced",
    "idps": "#affected+idps",
    "people_killed": "#affected+killed",
    "civilians_killed": "#affected+killed+civilians",
    "children_killed": "#affected+killed+children",
    "women_killed": "#affected+killed+f",
    "combatants_killed": "#affected+killed+combatants",
    "people_injured": "#affected+injured",
    "civilians_injured": "#affected+injured+civilians",
    "people_in_need": "#inneed",
    "population": "#population",
}
GENERIC_TAG = "#affected+num"


def value_tag(metric: str) -> str:
    return METRIC_TAGS.get(metric, f"{GENERIC_TAG}+{metric}")


def metric_of_tag(tag: str) -> str | None:
    """The metric a value column's hashtag names, attribute order ignored."""
    wanted = set(tag.lower().split("+"))
    for metric, known in METRIC_TAGS.items():
        if set(known.split("+")) == wanted:
            return metric
    return None
