"""Period and date phrases, resolved against the publication date.

"since late April" in a report published on 25 May 2019 starts 2019-04-late;
"during the four weeks" ends about the publication date and starts about four
weeks earlier; "on Thursday" after a reporting verb is when the claimant
spoke (the as-of date). A month without a year is the latest such month not
after publication. Every result keeps the precision the words allow and is
written in the forms of docs/format.md; nothing is made more exact than it
was said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from msgspec import Struct

from hfig.core.dates import FuzzyDate, Precision, parse_fuzzy_date
from hfig.extract.numbers import MONTHS, parse_words
from hfig.extract.text import starting_with

_M = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_Y = r"(?:,?\s+((?:19|20)\d\d))?"
_D = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_PART = r"(early|mid|late|the (?:beginning|start|end|middle) of|beginning of|start of|end of|middle of|mid-)"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_N = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
_UNIT = r"(hours?|days?|weeks?|months?|years?)"

_SINCE_PART = re.compile(rf"\bsince\s+(?:the\s+)?{_PART}[\s-]*{_M}{_Y}", re.IGNORECASE)
_SINCE_DAY = re.compile(rf"\bsince\s+(?:the\s+)?(?:{_D}\s+(?:of\s+)?{_M}|{_M}\s+{_D}){_Y}", re.IGNORECASE)
_SINCE_WEEKDAY = re.compile(
    r"\bsince\s+(?:last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_SINCE_MONTH = re.compile(rf"\bsince\s+{_M}{_Y}(?!\s*\d)", re.IGNORECASE)
_SINCE_YEAR_START = re.compile(
    r"\bsince\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year\b|\bsince\s+"
    r"january\s+1\b|\bso far this year\b|\bthis year\b",
    re.IGNORECASE,
)
_SINCE_YEAR = re.compile(r"\bsince\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_BETWEEN_YEARS = re.compile(
    r"\b(?:between|from)\s+((?:19|20)\d\d)\s+(?:and|to|until|-)\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
_BETWEEN = re.compile(
    rf"\b(?:between|from)\s+{_D}(?:\s+{_M})?{_Y}\s+(?:and|to|until|-)\s+{_D}\s+{_M}{_Y}", re.IGNORECASE
)
_BETWEEN_US = re.compile(
    rf"\b(?:between|from)\s+{_M}\s+{_D}(?:{_Y})?\s+(?:and|to|until|"
    rf"-)\s+(?:{_M}\s+)?{_D}{_Y}",
    re.IGNORECASE,
)
_DASH_DAYS = re.compile(rf"\b{_D}\s*-\s*{_D}\s+{_M}{_Y}", re.IGNORECASE)
# (starting_with: the letters a match can start with, tested first at each position of a sentence)
_LAST_N = re.compile(
    starting_with(
        "difow",
        rf"\b(?:in|during|over|within|for)\s+the\s+(?:past|last|previous|"
        rf"preceding)\s+(?:{_N}\s+)?{_UNIT}"
        rf"|\b(?:during|in|over|within)\s+(?:the\s+|just\s+|only\s+)?{_N}\s+{_UNIT}(?:\s+(?:to|until|ending|"
        rf"ended)\s+(?:{_D}\s+{_M}"
        rf"|{_M}\s+{_D}))?",
    ),
    re.IGNORECASE,
)
_IN_MONTH = re.compile(
    starting_with("dfiot", rf"\b(?:in|during|throughout|for|of)\s+(?:the\s+month\s+of\s+)?{_M}{_Y}(?!\s*\d)"),
    re.IGNORECASE,
)
_IN_PART_MONTH = re.compile(starting_with("di", rf"\b(?:in|during)\s+{_PART}[\s-]*{_M}{_Y}"), re.IGNORECASE)
_IN_YEAR = re.compile(
    starting_with("dfiot", r"\b(?:in|during|throughout|for|of)\s+((?:19|20)\d\d)\b(?!\s*(?:-|to)\s*\d)"),
    re.IGNORECASE,
)
_WEEKDAY_ALT = "|".join(WEEKDAYS)
_ON_DAY = re.compile(
    starting_with(
        "o",
        rf"\b(?:on|overnight\s+on)\s+(?:(?:{_WEEKDAY_ALT}),?\s+)?(?:the\s+)?(?:{_D}\s+(?:of\s+)?{_M}"
        rf"|{_M}\s+{_D}){_Y}",
    ),
    re.IGNORECASE,
)
_ON_WEEKDAY = re.compile(
    rf"\b(?:(?:on|last|this|late|early)\s+(?:on\s+)?({'|'.join(WEEKDAYS)})\b|\b({'|'.join(WEEKDAYS)})'s)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    starting_with("lty", r"\b(this week|last week|yesterday|today|this month|last month)\b"), re.IGNORECASE
)
_SO_FAR = re.compile(r"\b(?:so far|thus far|to date|up to now|until now)\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(r"\b(?:in|during|over)\s+the\s+same\s+(?:period|time|days|weeks)\b", re.IGNORECASE)
_CUMULATIVE = re.compile(
    starting_with("cits", r"\b(?:cumulative|in total|total (?:number|toll)|to date|so far)\b"), re.IGNORECASE
)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|reported|stated|announced|confirmed|told|told\s+\w+(?:\s+in\s+[A-Z]\w+)?|estimated|"
    r"added|warned|claimed|asserted|noted|published|updated)\s*(?:earlier\s*)?$",
    re.IGNORECASE,
)


_ANY_DATE_WORD = re.compile(
    starting_with(
        "adfjlmnopstwy12",  # (months, weekdays, the words and the years below)
        rf"\b(?:{_M}|since|past|last|previous|days?|weeks?|months?|years?|today|"
        rf"yesterday|"
        rf"{'|'.join(WEEKDAYS)}|(?:19|20)\d\d)\b",
    ),
    re.IGNORECASE,
)


class PeriodPhrase(Struct, frozen=True):
    start: FuzzyDate | None
    end: FuzzyDate | None
    as_written: str
    span: tuple[int, int]
    relative: bool = False  # computed from the publication date rather than read


class AsOfPhrase(Struct, frozen=True):
    date: FuzzyDate
    as_written: str
    span: tuple[int, int]


# A date as the phrases below write it: "24 February 2022", "February 24, 2022", "Oct. 7", "mid-April".
_DATE = (
    r"(?:(?:(?P<{p}d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{p}m1>"
    + _M[1:-1]
    + r")|(?P<{p}m2>"
    + _M[1:-1]
    + r")\s+(?P<{p}d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)|(?P<{p}part>early|mid|late)[\s-]+(?P<{p}m3>"
    + _M[1:-1]
    + r")|(?P<{p}m4>"
    + _M[1:-1]
    + r"))(?:,?\s+(?P<{p}y>(?:19|20)\d\d))?|(?P<{p}y2>(?:19|20)\d\d)\b|(?P<{p}d5>\d{{1,2}})/(?P<{p}m5>"
    + _M[1:-1]
    + r"))"
)
# "since the beginning of the escalation on April 26, 2019", "since fighting broke out in mid-April",
# "since the militant group's October 7 attacks", "after fighting broke out on April 15"
_SINCE_EVENT = re.compile(
    r"\b(?:since|after)\s+(?!\d)(?:[\w'-]+\s+){0,12}?(?:(?:on|in)\s+(?:the\s+)?)?"
    + _DATE.format(p="")
    + r"(?![\w-])",
    re.IGNORECASE,
)
_HIGHEST_SINCE = re.compile(
    r"\b(?:highest|deadliest|largest|biggest|worst|most|lowest|first time|record)\b[^.;]*$", re.IGNORECASE
)
_FROM_UNTIL = re.compile(
    r"\b(?:from|between)\s+(?:[\w:.]+\s+){0,3}?(?:on\s+)?(?:the\s+)?"
    + _DATE.format(p="a")
    + r"\s+(?:until|to|till|through|and)\s+(?:[\w:.]+\s+){0,3}?(?:on\s+)?(?:the\s+)?"
    + _DATE.format(p="b"),
    re.IGNORECASE,
)
_AS_OF_DATE = re.compile(
    r"\bas\s+(?:of|at)\s+(?:\d{1,2}[:.]\d\d\s+(?:on\s+)?)?(?:the\s+)?" + _DATE.format(p=""), re.IGNORECASE
)
_BARE_DATE = re.compile(
    r"(?<=[,(]\s)" + _DATE.format(p="").replace("|(?P<y2>(?:19|20)\\d\\d)\\b", "") + r"(?=\s*[.)])",
    re.IGNORECASE,
)
_PART_OF_YEAR = re.compile(
    r"(?=[diof])\b(?:in|during|over|for)\s+the\s+(?P<nth>first|second|last)\s+(?P<part>half|six\s+months|three\s+months|"
    r"nine\s+months|quarter)\s+of\s+(?:(?P<which>the\s+year|this\s+year|last\s+year)|(?P<year>(?:19|20)\d\d))",
    re.IGNORECASE,
)
_TWO_MONTHS = re.compile(rf"\b(?:in|during)\s+{_M}\s+and\s+{_M}{_Y}", re.IGNORECASE)
_COMPARED = re.compile(
    r"\b(?:over|in|during|from|compared (?:to|with))\s+the\s+same\s+(?:period|time|months?)\s+"
    r"(?:in|of|last)\s+"
    r"(?:(?:19|20)\d\d|the\s+previous\s+year|last\s+year|year)",
    re.IGNORECASE,
)


def _date_of(m: re.Match[str], ref: dt.date | None, p: str = "") -> FuzzyDate | None:
    """The fuzzy date a _DATE group matched: a day, a part of a month, or a month."""
    g = m.groupdict()
    year_text = g.get(f"{p}y")
    for day_key, month_key in ((f"{p}d1", f"{p}m1"), (f"{p}d2", f"{p}m2"), (f"{p}d5", f"{p}m5")):
        if g.get(month_key) and g.get(day_key):
            month, day = _month(g[month_key]), int(g[day_key])
            year = _year_for(month, year_text, ref, day)
            return _day(year, month, day) if year is not None else None
    if g.get(f"{p}m3"):
        month = _month(g[f"{p}m3"])
        year = _year_for(month, year_text, ref)
        return parse_fuzzy_date(f"{year:04d}-{month:02d}-{_part(g[f'{p}part'])}") if year else None
    if g.get(f"{p}y2"):
        return parse_fuzzy_date(g[f"{p}y2"])
    if g.get(f"{p}m4"):
        month = _month(g[f"{p}m4"])
        year = _year_for(month, year_text, ref)
        return parse_fuzzy_date(f"{year:04d}-{month:02d}") if year else None
    return None


def _month_end(year: int, month: int) -> FuzzyDate | None:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return _day(year, month, last.day)


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year_for(month: int, year: str | None, ref: dt.date | None, day: int = 1) -> int | None:
    if year:
        return int(year)
    if ref is None:
        return None
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def _day(year: int, month: int, day: int) -> FuzzyDate | None:
    try:
        return parse_fuzzy_date(f"{year:04d}-{month:02d}-{day:02d}")
    except ValueError:
        return None


def _about(day: dt.date) -> FuzzyDate:
    return parse_fuzzy_date(f"~{day.isoformat()}")


def _part(word: str) -> str:
    w = word.lower()
    if "early" in w or "beginning" in w or "start" in w:
        return "early"
    if "mid" in w:
        return "mid"
    return "late"


def _weekday_before(ref: dt.date, name: str, *, strict: bool = False) -> dt.date:
    target = WEEKDAYS.index(name.lower())
    back = (ref.weekday() - target) % 7
    if back == 0 and strict:
        back = 7
    return ref - dt.timedelta(days=back)


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    if word.lower() in ("a", "an"):
        return 1
    value = parse_words(word)
    return int(value) if value else 1


def _days(n: int, unit: str) -> float:
    u = unit.lower().rstrip("s")
    return n * {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}[u]


def _precise(day: dt.date, published: FuzzyDate | None) -> FuzzyDate:
    """A day computed from the publication date: exact only if publication is."""
    if published is not None and published.precision is Precision.DAY:
        return parse_fuzzy_date(day.isoformat())
    return _about(day)


def find_periods(folded: str, start: int, end: int, published: FuzzyDate | None) -> list[PeriodPhrase]:
    """Period phrases in a span of text, in order."""
    ref = published.mid if published else None
    out: list[PeriodPhrase] = []
    if not _ANY_DATE_WORD.search(folded, start, end):
        return out
    taken: list[tuple[int, int]] = []
    seg = folded[start:end].lower()
    has_month = bool(_MONTH_WORD.search(seg))

    def scan(pattern: re.Pattern[str], *cues: str, months: bool = False) -> Iterator[re.Match[str]]:
        """A phrase's matches, looked for only where its cue words are (most sentences have none)."""
        if (months and not has_month) or (cues and not any(c in seg for c in cues)):
            return iter(())
        return pattern.finditer(folded, start, end)

    def add(m: re.Match[str], s: FuzzyDate | None, e: FuzzyDate | None, relative: bool = False) -> None:
        if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
            return
        if s is None and e is None:
            return
        taken.append(m.span())
        out.append(PeriodPhrase(s, e, re.sub(r"\s+", " ", m.group()).strip(), m.span(), relative))

    for m in scan(_COMPARED, "same"):
        taken.append(m.span())  # "up 24 per cent over the same period in 2013": a comparison
    for m in scan(_FROM_UNTIL, "from", "between"):
        until = _date_of(m, ref, "b")
        # "between 4 August and 31 December 2023": a start with no year of its own is read back from
        # the end, not from the publication date
        since = _date_of(m, until.latest if until is not None else ref, "a")
        if since is not None and until is not None:
            add(m, since, until)
    for m in scan(_AS_OF_DATE, "as of", "as at"):
        when = _date_of(m, ref)
        if when is not None:
            add(m, None, when)
    for m in scan(_BARE_DATE, months=True):
        when = _date_of(m, ref)
        if when is not None and m.start() - start > 20:  # not a dateline at the start of the text
            add(m, when, when)
    for m in scan(_PART_OF_YEAR, " of "):
        year = int(m.group("year")) if m.group("year") else (ref.year if ref else None)
        if year is None:
            continue
        if (m.group("which") or "").lower() == "last year":
            year -= 1
        months = {"half": 6, "six months": 6, "three months": 3, "quarter": 3, "nine months": 9}[
            re.sub(r"\s+", " ", m.group("part").lower())
        ]
        first_month = 1 if m.group("nth").lower() == "first" else 1 + months
        last_month = first_month + months - 1
        add(m, _day(year, first_month, 1), _month_end(year, last_month))
    for m in scan(_TWO_MONTHS, " and ", months=True):
        month_a, month_b = _month(m.group(1)), _month(m.group(2))
        year_b = _year_for(month_b, m.group(3), ref)
        if year_b is not None:
            year_a = year_b if month_a <= month_b else year_b - 1
            add(m, _day(year_a, month_a, 1), _month_end(year_b, month_b))
    for m in scan(_BETWEEN_YEARS, "between", "from"):
        add(m, parse_fuzzy_date(m.group(1)), parse_fuzzy_date(m.group(2)))
    for m in scan(_BETWEEN, "between", "from", months=True):
        d1, m1, y1, d2, m2, y2 = m.groups()
        month2 = _month(m2)
        year2 = _year_for(month2, y2, ref, int(d2))
        month1 = _month(m1) if m1 else month2
        if year2 is None:
            continue
        year1 = int(y1) if y1 else (year2 if month1 <= month2 else year2 - 1)
        add(m, _day(year1, month1, int(d1)), _day(year2, month2, int(d2)))
    for m in scan(_BETWEEN_US, "between", "from", months=True):
        m1, d1, y1, m2, d2, y2 = m.groups()
        month1 = _month(m1)
        month2 = _month(m2) if m2 else month1
        year2 = _year_for(month2, y2 or y1, ref, int(d2))
        if year2 is None:
            continue
        year1 = int(y1) if y1 else (year2 if month1 <= month2 else year2 - 1)
        add(m, _day(year1, month1, int(d1)), _day(year2, month2, int(d2)))
    for m in scan(_DASH_DAYS, "-", months=True):
        d1, d2, mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref, int(d2))
        if year is not None:
            add(m, _day(year, month, int(d1)), _day(year, month, int(d2)))
    for m in scan(_SINCE_PART, "since", months=True):
        part, mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)
        if year is not None:
            add(m, parse_fuzzy_date(f"{year:04d}-{month:02d}-{_part(part)}"), None)
    for m in scan(_SINCE_DAY, "since", months=True):
        d_a, m_a, m_b, d_b, y = m.groups()
        month = _month(m_a or m_b)
        day = int(d_a or d_b)
        year = _year_for(month, y, ref, day)
        if year is not None:
            add(m, _day(year, month, day), None)
    for m in scan(_SINCE_MONTH, "since", months=True):
        mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)
        if year is not None:
            add(m, parse_fuzzy_date(f"{year:04d}-{month:02d}"), None)
    for m in scan(_SINCE_YEAR_START, "year", "january"):
        if ref is not None:
            add(m, parse_fuzzy_date(f"{ref.year:04d}-01-early"), None, relative=True)
    for m in scan(_SINCE_YEAR, "since"):
        add(m, parse_fuzzy_date(m.group(1)), None)
    for m in scan(_SINCE_EVENT, "since", "after"):
        if _HIGHEST_SINCE.search(folded, max(start, m.start() - 80), m.start()):
            taken.append(m.span())  # "the highest toll since Israel withdrew in 2005": a comparison
            continue
        when = _date_of(m, ref)
        if when is not None:
            add(m, when, None)
    for m in scan(_LAST_N, "hour", "day", "week", "month", "year"):
        groups = [g for g in m.groups()]
        n_word, unit = (groups[0] or "1", groups[1]) if groups[1] else (groups[2], groups[3])
        end_day: FuzzyDate | None = None
        d_a, m_a, m_b, d_b = groups[4:8]
        if (m_a or m_b) and ref is not None:
            month = _month(m_a or m_b)
            day = int(d_a or d_b)
            year = _year_for(month, None, ref, day)
            if year is not None:
                end_day = _day(year, month, day)
        anchor = end_day.mid if end_day else ref
        if anchor is None:
            continue
        span = _days(_count(n_word), unit)
        start_day = anchor - dt.timedelta(days=max(1, round(span)) if span < 1 else round(span))
        if end_day is None and span <= 7 and published is not None:
            end_day = published  # "in the past 48 hours": up to the report
        add(
            m,
            _about(start_day)
            if span > 7 or published is None or published.precision is not Precision.DAY
            else parse_fuzzy_date(start_day.isoformat()),
            end_day,
            relative=True,
        )
    for m in scan(_IN_PART_MONTH, months=True):
        part, mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)
        if year is not None:
            fd = parse_fuzzy_date(f"{year:04d}-{month:02d}-{_part(part)}")
            add(m, fd, fd)
    for m in scan(_ON_DAY, "on", months=True):
        if _SAID_BEFORE.search(folded[max(start, m.start() - 25) : m.start()]):
            continue
        d_a, m_a, m_b, d_b, y = m.groups()
        month = _month(m_a or m_b)
        day = int(d_a or d_b)
        year = _year_for(month, y, ref, day)
        if year is not None:
            on_day = _day(year, month, day)
            add(m, on_day, on_day)
    for m in scan(_IN_MONTH, months=True):
        mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)  # "in May" in late May is this May, still running
        if year is not None:
            fd = parse_fuzzy_date(f"{year:04d}-{month:02d}")
            add(m, fd, fd)
    for m in scan(_IN_YEAR, "19", "20"):
        fd = parse_fuzzy_date(m.group(1))
        # "so far in 2020" in a text of 2020: the year so far, to the report (no end yet)
        running = (
            published is not None
            and published.earliest.year == published.latest.year == fd.earliest.year
            and _SO_FAR.search(folded, start, end) is not None
        )
        add(m, fd, None if running else fd)
    if ref is not None and published is not None:
        for m in scan(_SINCE_WEEKDAY, "since"):
            fd = _precise(_weekday_before(ref, m.group(1), strict=True), published)
            add(m, fd, None, relative=True)
        for m in scan(_ON_WEEKDAY, "day"):
            if _SAID_BEFORE.search(folded[max(start, m.start() - 25) : m.start()]):
                continue
            weekday = _weekday_before(
                ref, m.group(1) or m.group(2), strict=m.group().lower().startswith("last ")
            )
            fd = _precise(weekday, published)
            add(m, fd, fd, relative=True)
        cumulative = bool(_CUMULATIVE.search(folded, start, end))
        for m in scan(_RELATIVE, "week", "day", "month"):
            word = m.group(1).lower()
            if _SAID_BEFORE.search(folded[max(start, m.start() - 25) : m.start()].replace("earlier", "")):
                continue  # "the UN said earlier this week": when it was said, not the period
            if cumulative and word in ("today", "yesterday"):
                continue  # "the cumulative toll surpassed today 5,000": a running total on a day
            if folded.startswith("'s", m.end()):
                continue  # "yesterday's IOM report": when it was said (find_as_of), not the period
            if word in ("this week", "last week"):
                monday = ref - dt.timedelta(days=ref.weekday() + (7 if word == "last week" else 0))
                iso = monday.isocalendar()
                fd = parse_fuzzy_date(f"{iso[0]:04d}-W{iso[1]:02d}")
                add(m, fd, fd, relative=True)
            elif word in ("yesterday", "today"):
                fd = _precise(ref - dt.timedelta(days=1 if word == "yesterday" else 0), published)
                add(m, fd, fd, relative=True)
            else:
                first = ref.replace(day=1)
                if word == "last month":
                    first = (first - dt.timedelta(days=1)).replace(day=1)
                fd = parse_fuzzy_date(f"{first.year:04d}-{first.month:02d}")
                add(m, fd, fd, relative=True)
    out.sort(key=lambda p: p.span)
    return out


def same_period(folded: str, start: int, end: int) -> bool:
    return bool(_SAME_PERIOD.search(folded, start, end))


_SAID_VERBS = (
    "said", "says", "reported", "stated", "announced", "confirmed", "told", "estimated", "added", "warned",
    "claimed", "asserted", "noted", "published", "updated", "wrote",
)
_SAID_ON = re.compile(
    rf"\b(?:said|says|reported|stated|announced|confirmed|told\s+\w+(?:\s+in\s+[A-Z]\w+)?|estimated|added|warned|"
    rf"claimed|asserted|"
    rf"noted|published|updated|wrote)\s+(?:late\s+)?(?:on\s+)?(?:({'|'.join(WEEKDAYS)})|"
    rf"(?:the\s+)?(?:{_D}\s+(?:of\s+)?{_M}|"
    rf"{_M}\s+{_D}){_Y}|(yesterday|today|last\s+week|this\s+week))\b",
    re.IGNORECASE,
)


def find_as_of(folded: str, start: int, end: int, published: FuzzyDate | None) -> AsOfPhrase | None:
    """'said on Thursday', 'reported on 23 May': when the claimant spoke."""
    if published is None:
        return None
    ref = published.mid
    # (each pattern is looked for only where its words are: most sentences have neither)
    seg = folded[start:end].lower()
    said = any(verb in seg for verb in _SAID_VERBS)
    for m in _SAID_ON.finditer(folded, start, end) if said else ():
        weekday, d_a, m_a, m_b, d_b, y, relative = m.groups()
        if weekday:
            fd = _precise(_weekday_before(ref, weekday), published)
        elif relative:
            word = relative.lower()
            if word == "yesterday":
                fd = _precise(ref - dt.timedelta(days=1), published)
            elif word == "today":
                fd = published
            else:
                monday = ref - dt.timedelta(days=ref.weekday() + (7 if word.startswith("last") else 0))
                iso = monday.isocalendar()
                fd = parse_fuzzy_date(f"{iso[0]:04d}-W{iso[1]:02d}")
        else:
            month = _month(m_a or m_b)
            day = int(d_a or d_b)
            year = _year_for(month, y, ref, day)
            if year is None:
                continue
            maybe = _day(year, month, day)
            if maybe is None:
                continue
            fd = maybe
        return AsOfPhrase(fd, re.sub(r"\s+", " ", m.group()), m.span())
    day_of = _REPORT_OF_DAY.search(folded, start, end) if "yesterday's" in seg or "today's" in seg else None
    if day_of is not None:
        back = 1 if day_of.group(1).lower() == "yesterday" else 0
        fd = _precise(ref - dt.timedelta(days=back), published) if back else published
        return AsOfPhrase(fd, re.sub(r"\s+", " ", day_of.group()), day_of.span())
    # "As of 20 January, over 84,000 have fled": the date the report's figures stand at
    for m in _AS_OF_DATE.finditer(folded, start, end) if ("as of" in seg or "as at" in seg) else ():
        when = _date_of(m, published.latest)  # (not after the last day a text of "2018-06" may be of)
        if when is not None:
            return AsOfPhrase(when, re.sub(r"\s+", " ", m.group()), m.span())
    return None


# "according to yesterday's IOM report": the report's day is when it was said
_REPORT_OF_DAY = re.compile(
    r"\b(yesterday|today)'s\s+(?:[\w-]+\s+){0,2}?(?:report|update|statement|figures|data|briefing|bulletin)",
    re.IGNORECASE,
)
