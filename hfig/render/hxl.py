"""HXL hashtags (https://hxlstandard.org) for hfig's columns, for HDX users.

The HXL dictionary reserves #affected (and #inneed, #population) for counts of
people; a count of facilities, attacks, schools or vehicles is an indicator
value, #indicator+num. A column of several metrics' values (the metric in an
#indicator+code column beside it) is #indicator+num as well. Bounds carry +min
and +max in every command. #date is only ever on an ISO date (hfig.render.dates);
libhxl's default schema checks both, and the tests run it on every command.
"""

from __future__ import annotations

PEOPLE_TAGS = {
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
METRIC_TAGS = PEOPLE_TAGS  # the name other modules have used
PEOPLE_UNITS = frozenset({"people"})
GENERIC_TAG = "#affected+num"  # people, any metric: '#affected+num+<metric>'
INDICATOR_TAG = "#indicator+num"  # anything else, and a column of several metrics
OLD_GENERIC_TAGS = ("#affected+num",)  # what hfig wrote for every metric before 0.2: still imported


def value_tag(metric: str | None, unit: str | None = "people") -> str:
    """The hashtag of a column of values of one metric (None: of several metrics)."""
    if metric is None:
        return INDICATOR_TAG
    if unit in PEOPLE_UNITS:
        return PEOPLE_TAGS.get(metric, f"{GENERIC_TAG}+{metric}")
    return f"{INDICATOR_TAG}+{metric}"


def count_tag(metric: str | None, unit: str | None, *attributes: str) -> str:
    """`value_tag` with attributes: count_tag('displaced', 'people', 'max') -> '#affected+displaced+max'."""
    return "+".join([value_tag(metric, unit), *attributes])


def metric_of_tag(tag: str) -> str | None:
    """The metric a value column's hashtag names, attribute order ignored."""
    wanted = set(tag.lower().split("+"))
    for metric, known in PEOPLE_TAGS.items():
        if set(known.split("+")) == wanted:
            return metric
    return None
