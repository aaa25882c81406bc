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
from dataclasses import dataclass

from hfig.core.dates import FuzzyDate, Precision, parse_fuzzy_date
from hfig.extract.numbers import MONTHS, parse_words

_M = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_Y = r"(?:,?\s+((?:19|20)\d\d))?"
_D = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_PART = r"(early|mid|late|the (?:beginning|start|end|middle) of|beginning of|start of|end of|middle of|mid-)"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_N = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
_UNIT = r"(days?|weeks?|months?|years?)"

_SINCE_PART = re.compile(rf"\bsince\s+(?:the\s+)?{_PART}[\s-]*{_M}{_Y}", re.IGNORECASE)
_SINCE_DAY = re.compile(rf"\bsince\s+(?:the\s+)?(?:{_D}\s+(?:of\s+)?{_M}|{_M}\s+{_D}){_Y}", re.IGNORECASE)
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
_LAST_N = re.compile(
    rf"\b(?:in|during|over|within|for)\s+the\s+(?:past|last|previous|"
    rf"preceding)\s+{_N}\s+{_UNIT}"
    rf"|\b(?:during|in|over|within)\s+(?:the\s+|just\s+|only\s+)?{_N}\s+{_UNIT}(?:\s+(?:to|until|ending|"
    rf"ended)\s+(?:{_D}\s+{_M}"
    rf"|{_M}\s+{_D}))?",
    re.IGNORECASE,
)
_IN_MONTH = re.compile(
    rf"\b(?:in|during|throughout|for|of)\s+(?:the\s+month\s+of\s+)?{_M}{_Y}(?!\s*\d)", re.IGNORECASE
)
_IN_PART_MONTH = re.compile(rf"\b(?:in|during)\s+{_PART}[\s-]*{_M}{_Y}", re.IGNORECASE)
_IN_YEAR = re.compile(
    r"\b(?:in|during|throughout|for|of)\s+((?:19|20)\d\d)\b(?!\s*(?:-|to)\s*\d)", re.IGNORECASE
)
_WEEKDAY_ALT = "|".join(WEEKDAYS)
_ON_DAY = re.compile(
    rf"\b(?:on|overnight\s+on)\s+(?:(?:{_WEEKDAY_ALT}),?\s+)?(?:the\s+)?(?:{_D}\s+(?:of\s+)?{_M}"
    rf"|{_M}\s+{_D}){_Y}",
    re.IGNORECASE,
)
_ON_WEEKDAY = re.compile(rf"\b(?:on|last|this)\s+({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(this week|last week|yesterday|today|this month|last month)\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(r"\b(?:in|during|over)\s+the\s+same\s+(?:period|time|days|weeks)\b", re.IGNORECASE)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|reported|stated|announced|confirmed|told|told\s+\w+(?:\s+in\s+[A-Z]\w+)?|estimated|"
    r"added|warned|claimed|asserted|noted|published|updated)\s*$",
    re.IGNORECASE,
)


_ANY_DATE_WORD = re.compile(
    rf"\b(?:{_M}|since|past|last|previous|days?|weeks?|months?|years?|today|"
    rf"yesterday|"
    rf"{'|'.join(WEEKDAYS)}|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PeriodPhrase:
    start: FuzzyDate | None
    end: FuzzyDate | None
    as_written: str
    span: tuple[int, int]
    relative: bool = False  # computed from the publication date rather than read


@dataclass(frozen=True)
class AsOfPhrase:
    date: FuzzyDate
    as_written: str
    span: tuple[int, int]


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


def _days(n: int, unit: str) -> int:
    u = unit.lower().rstrip("s")
    return n * {"day": 1, "week": 7, "month": 30, "year": 365}[u]


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

    def add(m: re.Match[str], s: FuzzyDate | None, e: FuzzyDate | None, relative: bool = False) -> None:
        if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
            return
        if s is None and e is None:
            return
        taken.append(m.span())
        out.append(PeriodPhrase(s, e, re.sub(r"\s+", " ", m.group()).strip(), m.span(), relative))

    for m in _BETWEEN_YEARS.finditer(folded, start, end):
        add(m, parse_fuzzy_date(m.group(1)), parse_fuzzy_date(m.group(2)))
    for m in _BETWEEN.finditer(folded, start, end):
        d1, m1, y1, d2, m2, y2 = m.groups()
        month2 = _month(m2)
        year2 = _year_for(month2, y2, ref, int(d2))
        month1 = _month(m1) if m1 else month2
        if year2 is None:
            continue
        year1 = int(y1) if y1 else (year2 if month1 <= month2 else year2 - 1)
        add(m, _day(year1, month1, int(d1)), _day(year2, month2, int(d2)))
    for m in _BETWEEN_US.finditer(folded, start, end):
        m1, d1, y1, m2, d2, y2 = m.groups()
        month1 = _month(m1)
        month2 = _month(m2) if m2 else month1
        year2 = _year_for(month2, y2 or y1, ref, int(d2))
        if year2 is None:
            continue
        year1 = int(y1) if y1 else (year2 if month1 <= month2 else year2 - 1)
        add(m, _day(year1, month1, int(d1)), _day(year2, month2, int(d2)))
    for m in _DASH_DAYS.finditer(folded, start, end):
        d1, d2, mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref, int(d2))
        if year is not None:
            add(m, _day(year, month, int(d1)), _day(year, month, int(d2)))
    for m in _SINCE_PART.finditer(folded, start, end):
        part, mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)
        if year is not None:
            add(m, parse_fuzzy_date(f"{year:04d}-{month:02d}-{_part(part)}"), None)
    for m in _SINCE_DAY.finditer(folded, start, end):
        d_a, m_a, m_b, d_b, y = m.groups()
        month = _month(m_a or m_b)
        day = int(d_a or d_b)
        year = _year_for(month, y, ref, day)
        if year is not None:
            add(m, _day(year, month, day), None)
    for m in _SINCE_MONTH.finditer(folded, start, end):
        mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)
        if year is not None:
            add(m, parse_fuzzy_date(f"{year:04d}-{month:02d}"), None)
    for m in _SINCE_YEAR_START.finditer(folded, start, end):
        if ref is not None:
            add(m, parse_fuzzy_date(f"{ref.year:04d}-01-early"), None, relative=True)
    for m in _SINCE_YEAR.finditer(folded, start, end):
        add(m, parse_fuzzy_date(m.group(1)), None)
    for m in _LAST_N.finditer(folded, start, end):
        groups = [g for g in m.groups()]
        n_word, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
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
        start_day = anchor - dt.timedelta(days=_days(_count(n_word), unit))
        add(m, _about(start_day), end_day, relative=True)
    for m in _IN_PART_MONTH.finditer(folded, start, end):
        part, mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)
        if year is not None:
            fd = parse_fuzzy_date(f"{year:04d}-{month:02d}-{_part(part)}")
            add(m, fd, fd)
    for m in _ON_DAY.finditer(folded, start, end):
        if _SAID_BEFORE.search(folded[max(start, m.start() - 25) : m.start()]):
            continue
        d_a, m_a, m_b, d_b, y = m.groups()
        month = _month(m_a or m_b)
        day = int(d_a or d_b)
        year = _year_for(month, y, ref, day)
        if year is not None:
            on_day = _day(year, month, day)
            add(m, on_day, on_day)
    for m in _IN_MONTH.finditer(folded, start, end):
        mo, y = m.groups()
        month = _month(mo)
        year = _year_for(month, y, ref)  # "in May" in late May is this May, still running
        if year is not None:
            fd = parse_fuzzy_date(f"{year:04d}-{month:02d}")
            add(m, fd, fd)
    for m in _IN_YEAR.finditer(folded, start, end):
        fd = parse_fuzzy_date(m.group(1))
        add(m, fd, fd)
    if ref is not None and published is not None:
        for m in _ON_WEEKDAY.finditer(folded, start, end):
            if _SAID_BEFORE.search(folded[max(start, m.start() - 25) : m.start()]):
                continue
            weekday = _weekday_before(ref, m.group(1), strict=m.group().lower().startswith("last"))
            fd = _precise(weekday, published)
            add(m, fd, fd, relative=True)
        for m in _RELATIVE.finditer(folded, start, end):
            word = m.group(1).lower()
            if word in ("this week", "last week"):
                monday = ref - dt.timedelta(days=ref.weekday() + (7 if word == "last week" else 0))
                iso = monday.isocalendar()
                fd = parse_fuzzy_date(f"{iso[0]:04d}-W{iso[1]:02d}")
                add(m, fd, fd, relative=True)
            elif word in ("yesterday", "today"):
                if _SAID_BEFORE.search(folded[max(start, m.start() - 25) : m.start()]):
                    continue
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
    for m in _SAID_ON.finditer(folded, start, end):
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
    return None
