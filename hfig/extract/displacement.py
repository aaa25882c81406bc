"""Which displacement metric a figure is: one decision over the features of its clause.

metrics.py decides *whether* a number counts displaced people (a displacement noun or verb); this
module decides *which* of the five displacement metrics it is, by the labelling guide's
definitions (docs/extract-labelling.md, "Metrics"). Two questions settle it:

- where did the people go: back home, across a border (abroad), or within their country;
- is the count a flow (people who moved, over a period) or a stock (people who are displaced,
  on a date).

                 flow          stock
    within       displaced     idps
    abroad       fled_abroad   refugees
    back home    returnees     returnees

A count of people both within and abroad ("displaced as refugees or IDPs", "remain displaced in
northern Iraq and abroad") is `displaced`, as the guide says.

The features are read from the figure's clause: the text between the figures before and after it
in the sentence (so that "30,000 have fled to North Ossetia, several thousand have fled to
Georgia" gives each number its own destination). Flow wins over stock when the clause says since
when ("since 15 April", "in the past week", "newly"): a count from a start is a flow whatever the
noun. Otherwise a stock word ("as of", "currently", "remain", "living in camps", "hosted") makes a
stock; and when the clause has neither, the grammar decides: a noun that names a state ("IDPs",
"refugees") or a participle with no auxiliary ("people displaced by the conflict") is a stock, a
finite verb of moving ("have fled", "were displaced", "crossed into") a flow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msgspec import Struct

DISPLACEMENT_METRICS = frozenset({"displaced", "idps", "fled_abroad", "refugees", "returnees"})

# The period the count runs over: a flow ("since 15 April", "between 2019 and April 2020", "in the
# past week", "newly displaced", "100,000 more refugees").
_FLOW = re.compile(
    r"\b(?:since|between|during|in the (?:past|last)|over the (?:past|last)|so far this|this (?:week|month|"
    r"year)|last (?:week|month)|newly|recently|new|additional|further|continue to)\b(?!\s+(?:\d|about|some))|"
    r"(?<=\d )more\b",  # ("between 600,000 and 1 million" is a range)
    re.IGNORECASE,
)
# A sentence that opens with its time speaks for all its figures: "Since then, ...", "As of 31 August, ...".
_OPENING_FLOW = re.compile(
    r"\W*(?:since|from|between|in the (?:past|last)|over the (?:past|last)|this (?:week|month))\b", re.I
)
_OPENING_STOCK = re.compile(r"\W*(?:as of|as at|currently|to date)\b", re.IGNORECASE)
# A state on a date: a stock ("as of 31 August", "currently", "remain displaced", "are living in
# camps", "hosted by local communities").
_STOCK = re.compile(
    r"\b(?:as of|as at|by (?:the )?end of|currently|remains?|remained|remaining|still|already|"
    r"(?:are|is) (?:now )?(?:internally )?displaced|"
    r"live|living|sheltering|staying|hosted|hosting|hosts|home to|"
    r"(?:in|at) (?:\w+ ){0,3}(?:camps?|sites?|settlements|shelters|centres|centers))\b",
    re.IGNORECASE,
)
# Moved within the country: "internally", "within Ukraine", "inside the country", "to other
# locations across Sudan".
_WITHIN = re.compile(
    r"\b(?i:internally|elsewhere in|other (?:locations|parts|areas|places|regions)|(?:across|inside|within) "
    r"the country)\b|\bwithin (?:the )?[A-Z]"
)
# Both within and abroad in one count: "refugees or IDPs", "displaced at home and abroad".
_BOTH = re.compile(
    r"\b(?:and|or) abroad\b|\brefugees (?:and|or) (?:internally displaced|idps)\b|"
    r"\b(?:internally displaced|idps) (?:and|or) refugees\b|\b(?:inside and outside|within and outside)\b",
    re.IGNORECASE,
)
# Back home: "returned", "returning IDPs", "returnees".
_BACK = re.compile(r"\breturn(?:ed|ing|ees?)\b", re.IGNORECASE)
_BREAK = re.compile(r"[,;:]")
# (not a colon: a label's head speaks for its figure, "Displaced since 1 February: 142,000 people")
_LEFT_BREAK = re.compile(r"[,;]|\s[-\u2013\u2014]\s|\s(?:and|while|but|whereas)\s", re.IGNORECASE)
# An event noun that names a kind of place or a programme, not a move: "displacement sites".
_NOT_A_MOVE = re.compile(
    r"displacement\s+(?:sites?|camps?|centres?|centers?|crisis|tracking|settings?)", re.IGNORECASE
)

# Events that are a move.
_MOVES = frozenset({"displaced", "abroad"})
# A verb whose object is people present: "Chad hosts 409,000 Sudanese".
_HOSTS = re.compile(r"\b(?:hosts|hosting|hosted|home to|sheltering|housing)\b", re.IGNORECASE)


class Clause(Struct, frozen=True):
    """What the clause of a displacement figure says, as the decision reads it."""

    move: bool  # its verb is a move ("have fled", "were displaced", "crossed into"), in the clause
    back: bool  # they went home
    abroad: bool  # across a border: a verb of crossing, a country reached, the noun "refugees"
    within: bool  # within the country, said so
    both: bool  # within and abroad in one count
    flow: bool  # the clause says since when
    stock: bool  # the clause says the state on a date
    flow_around: bool  # a time said around the clause (the sentence's opening, a date) that its verb takes
    stock_before: bool  # ... before the number: the verb whose object it is ("Chad hosts 409,000 ...")


def clause_span(
    folded: str, sentence: tuple[int, int], number: tuple[int, int], others: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """The figure's clause: from the last break before it (a comma, a semicolon, a dash, a
    conjunction, another figure) to the first break after it, passing over brackets ("6,552,118
    individuals (1,308,617 households) have been recently internally displaced")."""
    start, end = number
    left = max([sentence[0], *[b for a, b in others if b <= start]])
    for m in _LEFT_BREAK.finditer(folded, left, start):
        left = m.end()
    starts = {a for a, b in others if a >= end}
    depth, right = 0, sentence[1]
    for i in range(end, sentence[1]):
        ch = folded[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (i in starts or _BREAK.match(folded, i)):
            right = i
            break
    return left, right


def read_clause(
    folded: str,
    sentence: tuple[int, int],
    span: tuple[int, int],
    number: tuple[int, int],
    noun: str,
    event: tuple[str, int, int] | None,
    abroad: bool,
    dated: bool,
    dated_event: bool = False,
) -> Clause:
    """The features of the clause `span` of the figure at `number`: `noun` is what it counts (the
    entity of metrics.py), `event` the verb that governs it (kind, start, end), `abroad` whether
    metrics.py or the gazetteer found a border crossed, `dated` whether a period with a start is in
    the clause, `dated_event` whether a period or a day is in it or before the sentence's first
    figure."""
    left, right = span
    text = folded[left:right]
    opening = folded[sentence[0] : sentence[1]] if sentence[0] < left else ""
    # the verb governs from the clause (an object: "displaced more than 60,000 people") or after the
    # number (a subject: "187,000 of Gaza's 2.3 million people have left their homes")
    verb = (
        event[0]
        if event is not None
        and (left <= event[1] < right or event[1] >= number[1])
        and not _NOT_A_MOVE.match(folded, event[1])
        else ""
    )
    # a time said outside the clause (a sentence's opening "Since April,", a period before the
    # first figure) reaches the count through its own verb of moving only ("with 400,000 refugees
    # and 300,000 IDPs" after a flow is a stock)
    around = (verb in _MOVES or verb == "displaced_undated") and (
        dated_event or _OPENING_FLOW.match(opening) is not None
    )
    return Clause(
        move=verb in _MOVES,
        back=noun == "returnees"
        or (event is not None and event[0] == "returned")
        or bool(_BACK.search(folded, number[1], right)),
        abroad=abroad or noun in ("refugees", "new_refugees"),
        within=bool(_WITHIN.search(text)),
        both=bool(_BOTH.search(text)),
        flow=_FLOW.search(text) is not None or dated or noun in ("new_refugees", "movements"),
        stock=verb == "displaced_stock" or bool(_STOCK.search(text) or _OPENING_STOCK.match(opening)),
        flow_around=around,
        stock_before=_HOSTS.search(folded, left, number[0]) is not None,
    )


def displacement_metric(c: Clause) -> str:
    """The metric of a displacement figure, by where people went and whether it is a stock."""
    if c.back:
        return "returnees"
    if c.both:
        return "displaced"
    if c.abroad and not c.within:
        # a border crossed is a flow ("have fled to Chad", "100,000 more refugees"); refugees who
        # are in a country are a stock ("Chad hosts 600,000 refugees")
        if c.stock_before:
            return "refugees"
        return "fled_abroad" if c.move or c.flow or c.flow_around else "refugees"
    if c.flow:
        return "displaced"  # a count from a start
    if c.stock:
        return "idps"  # a state on a date
    if c.flow_around:
        return "displaced"  # "Since April, 30,000 people have fled", "On 3 May, clashes displaced 3,000"
    # the verb decides when it is a move ("have fled", "were displaced"); else the noun or the
    # participle names a state ("10 million IDPs", "people displaced by the war")
    return "displaced" if c.move else "idps"
