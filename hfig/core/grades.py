"""Source and information grades (the NATO Admiralty code), and the threshold a claim must meet.

A claimant's `reliability` (A-F) grades its track record; a claim's
`credibility` (1-6) grades this one piece of information. They are separate:
a usually reliable source can pass on an improbable figure. F and 6 mean
"cannot be judged": they are unknown grades, not bad ones, and no threshold
sets them aside.
"""

from __future__ import annotations

import re

from msgspec import Struct

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

_GRADE = re.compile(r"([A-Ea-e])?([1-5])?")


class MinGrade(Struct, frozen=True):
    """Claims graded below either threshold are set aside; `None` means no threshold."""

    reliability: str | None = None  # the lowest source grade kept, A-E
    credibility: int | None = None  # the lowest information grade kept, 1-5

    def __str__(self) -> str:
        text = f"{self.reliability or ''}{self.credibility or ''}"
        return text or "none"

    def reason(self, reliability: str | None, credibility: int | None) -> str | None:
        """Why a claim with these grades is set aside, or None when it passes."""
        if (self.reliability is not None and reliability is not None and reliability != "F"
                and reliability > self.reliability):
            return (f"source graded {reliability} ({RELIABILITY[reliability]}), below "
                    f"--min-grade {self}")
        if (self.credibility is not None and credibility is not None and credibility != 6
                and credibility > self.credibility):
            return (f"information graded {credibility} ({CREDIBILITY[credibility]}), below "
                    f"--min-grade {self}")
        return None


DEFAULT_MIN_GRADE = MinGrade("D", 4)
"""By default an unreliable source (E) or an improbable figure (5) never shapes a row."""

NO_MIN_GRADE = MinGrade()


def parse_min_grade(text: str) -> MinGrade:
    """'C3', 'B', '2', 'none' -> MinGrade; ValueError for anything else."""
    raw = text.strip()
    if raw.lower() in ("none", "any", ""):
        return NO_MIN_GRADE
    m = _GRADE.fullmatch(raw)
    if m is None or not (m[1] or m[2]):
        raise ValueError(
            f"{text!r} is not a grade threshold (expected a source grade A-E and/or an information "
            "grade 1-5, such as C3, B or 2; or none)")
    return MinGrade(m[1].upper() if m[1] else None, int(m[2]) if m[2] else None)


def grade_label(reliability: str | None, credibility: int | None) -> str:
    """Admiralty notation, '?' for what is not graded: 'B2', 'B?', '?3', '' when neither is."""
    if reliability is None and credibility is None:
        return ""
    return f"{reliability or '?'}{credibility if credibility is not None else '?'}"
