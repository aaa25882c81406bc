"""The claim model: plain, immutable values with no I/O.

A `Claim` is one number, stated by one claimant, about one metric, in one
area, over one period, known on one date (docs/format.md). Positions in the
source files travel beside the values as `SourceRef`s, never inside them.
"""

from __future__ import annotations

from enum import Enum

from msgspec import Struct

from hfig.core.dates import FuzzyDate
from hfig.core.qualifiers import Interval, Qualifier, interval_of, stated, vague_interval


class Family(str, Enum):
    DISPLACEMENT = "displacement"
    CASUALTIES = "casualties"
    HEALTH_CARE = "health_care"
    OTHER = "other"


class MetricKind(str, Enum):
    STOCK = "stock"
    FLOW = "flow"


class ClaimantKind(str, Enum):
    UN = "un"
    NGO = "ngo"
    MONITOR = "monitor"
    CIVIL_DEFENCE = "civil_defence"
    GOVERNMENT = "government"
    PARTY_TO_CONFLICT = "party_to_conflict"
    MEDIA = "media"


class AreaPrecision(str, Enum):
    EXACT = "exact"
    PARTIAL = "partial"
    APPROXIMATE = "approximate"
    INFERRED = "inferred"


class SourceRef(Struct, frozen=True):
    """Where something was written: 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Metric(Struct, frozen=True):
    name: str
    family: Family
    unit: str
    kind: MetricKind
    description: str
    parent: str | None = None
    civilian: bool = False
    units: tuple[str, ...] = ()
    """Other units a claim of this metric may count in (households, families for people): docs/format.md."""

    def allows_unit(self, unit: str) -> bool:
        return unit == self.unit or unit in self.units


class Claimant(Struct, frozen=True):
    id: str
    name: str
    kind: ClaimantKind
    aliases: tuple[str, ...] = ()
    reliability: str | None = None
    reliability_basis: str | None = None
    """Why the claimant has its grade: the track record the grade rests on."""
    part_of: str | None = None
    """The claimant this one is an organisational part of (OCHA within the UN): not independent of it."""

    @property
    def is_party(self) -> bool:
        return self.kind is ClaimantKind.PARTY_TO_CONFLICT


class Area(Struct, frozen=True):
    """An area as named in the source, and the P-codes it covers."""

    name: str
    pcodes: tuple[str, ...]
    precision: AreaPrecision

    @property
    def scope(self) -> frozenset[str]:
        return frozenset(self.pcodes)


class Period(Struct, frozen=True):
    start: FuzzyDate | None
    end: FuzzyDate | None
    cumulative: bool = True
    as_written: str | None = None


class Claim(Struct, frozen=True):
    id: str
    metric: str
    value: float | str
    qualifier: Qualifier
    claimant: str
    area: Area
    as_of: FuzzyDate
    period: Period = Period(None, None)
    value_max: float | None = None
    unit: str | None = None
    household_size: float | None = None
    publisher: str | None = None
    url: str | None = None
    published: FuzzyDate | None = None
    origin: str | None = None
    quote: str | None = None
    notes: str | None = None
    credibility: int | None = None
    disputed: bool = False
    inferred: tuple[tuple[str, str], ...] = ()
    source: SourceRef | None = None
    household_size_max: float | None = None
    """The upper end when the household size is a range (5 to 6 people): the conversion keeps it."""

    @property
    def interval(self) -> Interval:
        if isinstance(self.value, str):
            return vague_interval(self.value)
        return interval_of(self.qualifier, self.value, self.value_max)

    @property
    def stated(self) -> str:
        return stated(self.qualifier, self.value, self.value_max)

    @property
    def period_end(self) -> FuzzyDate:
        """A period without an end runs to the day the figure was stated."""
        return self.period.end or self.as_of


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(Struct, frozen=True):
    """One thing wrong with the input, located and coded for machines and people."""

    code: str
    message: str
    where: SourceRef | None = None
    severity: Severity = Severity.ERROR
    # The claim record the problem is in (where its '- ' opens), if it is in one: `--skip-invalid`
    # leaves that record out and answers from the rest. None: a file-level problem (syntax, vocabulary).
    record: SourceRef | None = None

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.severity.value}[{self.code}]: {self.message}"
