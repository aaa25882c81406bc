"""The fast cold path: read plain claim files with yaml-rs, and anything unusual with PyYAML.

`hfig.load.loader.load` composes every file into a position-keeping node tree
with PyYAML; that is exact, and slow for 100,000 claims (docs/performance.md).
Here a file is read with yaml-rs (a Rust YAML parser) when it is a plain claim
file, and every claim is checked with rules that mirror `hfig.load.schema`
for the *valid* case only. Whenever a file holds anything this path is not
sure about - a tag, anchor or alias, a non-printable character, a float, a
number written `0x1f`, a record with any problem - the whole file is read again
by `hfig.load.loader.read_content`, so every problem keeps its exact
file:line:col and the same message. The result equals `load()`'s; the tests
compare them.

The claim's own position (`Claim.source`, shown by `hfig records`) comes from a
scan for the `- ` that opens each entry. Field positions (`LoadResult.refs`)
are read lazily, with PyYAML, only when something asks for them.

On Linux, a large data set's claim files are read by two processes: a forked
child reads the first files while this process reads the rest
(`read_claim_files`, hfig.cache.fork); the result is the same.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from hfig.cache.locate import QUOTED_TO_LINE_END, field_at, line_end
from hfig.cache.refs import LazyRefs
from hfig.core.checks import run_checks
from hfig.core.collection import collection_paused
from hfig.core.dataset import DataSet
from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.core.gazetteer import country_of
from hfig.core.limits import MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NUMBER, MAX_TEXT_CHARS, text_problem
from hfig.core.model import Area, AreaPrecision, Claim, Period, Problem, SourceRef
from hfig.core.qualifiers import VAGUE_LEXICON, Qualifier
from hfig.load.layout import AREA_FIELDS, CLAIM_FIELDS, INFERABLE, PERIOD_FIELDS
from hfig.load.layout import ID_PATTERN as _ID
from hfig.load.loader import (
    _problem_order,
    _register_claimants,
    _register_metrics,
    _resolve,
    _resolve_spec,
    check_rejected,
    in_records,
    read_content,
    settled_countries,
)
from hfig.load.paths import DataFile, read_regular, reference_files
from hfig.load.schema import _PCODE, AreaSpec
from hfig.load.vocabulary import LoadResult, build_gazetteer

Progress = Callable[[int], None]
"""Called with the number of bytes just read."""

Origins = list[tuple[int, int, int]]
"""Where the `origin:` of a file's claims is written: the claim's index in the file, line, column.

Every echo that differs from its origin is a warning at its `origin:`, and a data set may hold
thousands (every echo of the generated ones differs). Found while the text is at hand, they cost
about 5 microseconds each; looked up afterwards (hfig.cache.refs), each file is read again and
its lines indexed: 0.35-0.5 s at 100,000 claims, on one process, for warnings `summary` never
prints. The other fields a check names are rare (errors, a part above its whole): read lazily."""

_TOP = frozenset(("hfig", "claims"))
_CLAIM_FIELDS = frozenset(CLAIM_FIELDS)
_PERIOD_FIELDS = frozenset(PERIOD_FIELDS)
_AREA_FIELDS = frozenset(AREA_FIELDS)
_QUALIFIERS = {q.value: q for q in Qualifier}
_PRECISIONS = {p.value: p for p in AreaPrecision}
_NO_PERIOD = Period(None, None)

# Bytes PyYAML accepts as text; any other byte is a control character it rejects.
_PRINTABLE = bytes([9, 10, 13, *range(0x20, 0x7F), *range(0x80, 0x100)])
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Characters where yaml-rs's reading may differ from hfig's, each with the exact
# pattern that makes a file risky: tags are dropped by yaml-rs, anchors and
# aliases are expanded where hfig counts them, `+5` is read as a number, `@` and
# a backquote cannot start a plain scalar in PyYAML. A file matching any is read
# by PyYAML. (Several documents, duplicate keys and `<<` are caught after
# parsing; numbers written `0x1f` or `1_000` and `True` below.)
_RISKY_CHARS: dict[int, re.Pattern[str]] = {
    ord("&"): re.compile(r"(?:^|[\s\[{,])&[^\s]", re.M),
    ord("*"): re.compile(r"(?:^|[\s\[{,])\*[^\s]", re.M),
    ord("!"): re.compile(r"(?:^|[\s\[{,])![^\s]", re.M),
    ord("%"): re.compile(r"^%", re.M),
    ord("+"): re.compile(r"(?:^|[\s:\[{,-])\+[.\d]", re.M),
    ord("@"): re.compile(r"(?:^|[\s:\[{,-])@", re.M),
    ord("`"): re.compile(r"(?:^|[\s:\[{,-])`", re.M),
}
_BORING = bytes(b for b in range(256) if b not in _RISKY_CHARS)
_RADIX = re.compile(r"0[xXoObB]")
_RADIX_NUMBER = re.compile(r"(?:^|[\s:\[{,])[-+]?0[xXoObB][0-9a-fA-F_]")
_UNDERSCORE = re.compile(r"_\d")
_UNDERSCORE_NUMBER = re.compile(r"(?:^|[\s:\[{,])[-+]?[\d.]*\d_[\d_.]*(?:$|[\s,\]}#])", re.M)
_LINE_BREAKS = ("\x85", "\u2028", "\u2029", "\ufeff")  # line breaks to PyYAML, or a BOM mid-text
# A whole plain scalar that yaml-rs reads as a whole number where hfig refuses it: `012`, `00`,
# `-0`, `-5` (hfig asks for no leading zero and no sign). Inside quoted text it only costs speed.
# (A dash needs a digit after it: "- " alone is a block sequence's item, in every claim file.)
# (One character class before the token, no `^` alternative: four times faster on a whole
# file; `risky` puts a newline before the text for its first line.)
_SIGN_OR_ZERO = re.compile(r"[ \t\r\n:\[{,?][-0][0-9]+(?=[\s,\]}#]|$)")
# That scan tries a match at every space, a good part of any file (0.19 s for 55 files of 460 KB).
# First, each byte mapped to its class among the pattern's first three characters (one C pass,
# 0.5 ms a file), a match's possible starts are looked for: nearly every file has none.
# (In UTF-8 a match's characters are consecutive bytes; a false start only costs the scan.)
_SIGN_OR_ZERO_CLASSES = bytes.maketrans(b" \t\r\n:[{,?-0123456789", b"\x01" * 9 + b"\x02" * 2 + b"\x03" * 9)
_SIGN_OR_ZERO_START = re.compile(b"\x01\x02[\x02\x03]")  # (twice as fast as two `in` tests)
_CAPITAL_BOOLEANS = ("True", "TRUE", "False", "FALSE")


# A line that is a whole comment, or a key and one complete quoted scalar: whatever it holds
# is text to both parsers (or, inside a block or multi-line scalar, text anyway), so a
# pattern below matching in it is harmless. Quotes of reports are such lines, with their
# "180,000" and "Issue 03", as are comments with `backquotes`.
_TEXT_LINE = re.compile(rf"[ \t]*(?:#.*\r?|(?:-[ \t]+)*[A-Za-z_][\w.-]*:[ \t]+{QUOTED_TO_LINE_END})")


def _matches_outside_text(pattern: re.Pattern[str], text: str) -> bool:
    for m in pattern.finditer(text):
        at = m.start()
        while text[at] in " \t\r\n":  # the delimiter before the token may end the line before
            at += 1
        if not _TEXT_LINE.fullmatch(text, text.rfind("\n", 0, at) + 1, line_end(text, at)):
            return True
    return False


def risky(raw: bytes, text: str) -> bool:
    """Does the file use YAML the fast path might read otherwise than PyYAML?"""
    for char in set(raw.translate(None, _BORING)):
        if _matches_outside_text(_RISKY_CHARS[char], text):
            return True
    if _RADIX.search(text) and _matches_outside_text(_RADIX_NUMBER, text):
        return True
    if _UNDERSCORE.search(text) and _matches_outside_text(_UNDERSCORE_NUMBER, text):
        return True
    classes = (b"\n" + raw.removeprefix(codecs.BOM_UTF8)).translate(_SIGN_OR_ZERO_CLASSES)
    if _SIGN_OR_ZERO_START.search(classes) and _matches_outside_text(_SIGN_OR_ZERO, "\n" + text):
        return True
    return not text.isascii() and any(c in text for c in _LINE_BREAKS)


_REST_OF_LINE = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\n|$)")
_VERSION_VALUE = re.compile(r"[ \t]+1[ \t]*(?:#[^\n]*)?(?:\n|$)")


def top_level(text: str, key: str, value: re.Pattern[str] = _REST_OF_LINE) -> list[int]:
    """Offsets of the lines `key:` at column 0 whose rest matches `value` (str.find, not a regex scan)."""
    found = []
    needle = f"\n{key}:"
    at = 0 if text.startswith(needle[1:]) else text.find(needle)
    while at != -1:
        start = at + (0 if at == 0 and text[0] != "\n" else 1)
        if value.match(text, start + len(key) + 1):
            found.append(start)
        at = text.find(needle, start + 1)
    return found


class Unsure(Exception):
    """This file is not one the fast path can read exactly: read it with PyYAML."""


def _yaml_rs() -> Any:
    try:
        import yaml_rs
    except ImportError:  # the fallback: everything is read by PyYAML
        return None
    return yaml_rs


def parse_fast(raw: bytes) -> tuple[str, dict[str, Any]]:
    """The text and the yaml-rs document of a plain claim file, or Unsure."""
    yaml_rs = _yaml_rs()
    if yaml_rs is None or raw.translate(None, _PRINTABLE):
        raise Unsure
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unsure from None
    if not text.isascii() and _NON_PRINTABLE.search(text):
        raise Unsure
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        raise Unsure  # a lone CR is a line break to PyYAML: positions would drift
    if risky(raw, text):
        raise Unsure
    try:
        doc = yaml_rs.loads(
            text, parse_datetime=False,
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=0, max_replay_stack_depth=0,
                                             max_alias_expansions_per_anchor=0),
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # any refusal, any panic: PyYAML will say exactly what is wrong
        raise Unsure from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict) or not set(doc) <= _TOP:
        raise Unsure
    if "hfig" in doc and len(top_level(text, "hfig", _VERSION_VALUE)) != 1:
        raise Unsure
    return text, doc


def entry_positions(text: str, count: int, first_keys: list[str]) -> list[tuple[int, int, int]]:
    """Line and column of each claim mapping, as PyYAML's start mark gives them, and its offset."""
    if count == 0:
        return []
    heads = top_level(text, "claims")
    if len(heads) != 1:
        raise Unsure
    start = heads[0] + len("claims:")
    first = re.compile(r"\n( *)- +(?=[^\s#])").search(text, start)
    if first is None:
        raise Unsure
    indent = len(first.group(1))
    entry = re.compile(r"\n {" + str(indent) + r"}- +(?=[^\s#])")
    end = len(text)
    if indent == 0:  # an unindented list ends at the next top-level key
        after = [h for h in top_level(text, "hfig", _VERSION_VALUE) if h > start]
        end = after[0] if after else end
    positions: list[tuple[int, int, int]] = []
    line = text.count("\n", 0, first.start()) + 1
    last = first.start()
    for m in entry.finditer(text, first.start(), end):
        line += text.count("\n", last, m.start())
        last = m.start()
        key_at = m.end()
        key = first_keys[len(positions)] if len(positions) < count else ""
        if not text.startswith(key, key_at) or text[key_at + len(key):key_at + len(key) + 1] != ":":
            raise Unsure
        positions.append((line + 1, key_at - m.start(), key_at))
        if len(positions) > count:
            raise Unsure
    if len(positions) != count:
        raise Unsure
    return positions


class FastReader:
    """Claims from yaml-rs values, mirroring `hfig.load.schema._claim` for valid records."""

    def __init__(self, data: DataSet) -> None:
        self.data = data
        self.text = ""
        self.booleans_checked = False
        self.dates: dict[Any, FuzzyDate] = {}  # keyed by the text read, so any key may be looked up
        self.areas: dict[tuple[Any, ...], Area] = {}
        self.periods: dict[tuple[Any, ...], Period] = {}
        self.areas_by_name: dict[str, Area] = {}

    def claims(self, file: DataFile, text: str, doc: dict[str, Any]) -> tuple[list[Claim], Origins]:
        records = doc.get("claims")
        if records is None:
            return [], []
        if not isinstance(records, list) or not all(type(r) is dict and r for r in records):
            raise Unsure
        positions = entry_positions(text, len(records), [next(iter(r)) for r in records])
        self.text, self.booleans_checked = text, False
        shown = file.shown
        try:
            claims = [self.claim(r, SourceRef(shown, line, col))
                      for r, (line, col, _) in zip(records, positions, strict=True)]
        except TypeError:  # an unhashable value where a name belongs: PyYAML's reading decides
            raise Unsure from None
        origins: Origins = []
        for k, r in enumerate(records):
            if "origin" in r:
                line, col, first = positions[k]
                found = field_at(text, first, SourceRef(shown, line, col), "origin")
                if found is not None:
                    origins.append((k, found.line, found.col))
        return claims, origins

    def claim(self, r: dict[str, Any], ref: SourceRef) -> Claim:
        if not r.keys() <= _CLAIM_FIELDS:
            raise Unsure
        get = r.get
        claim_id = get("id")
        metric = get("metric")
        claimant = get("claimant")
        if (type(claim_id) is not str or type(metric) is not str or type(claimant) is not str
                or metric not in self.data.metrics or claimant not in self.data.claimants
                or len(claim_id) > MAX_ID_CHARS or not _ID.fullmatch(claim_id)):
            raise Unsure
        q = get("qualifier")
        qualifier = Qualifier.EXACT if q is None else _QUALIFIERS.get(q)
        if qualifier is None:
            raise Unsure
        value = get("value")
        value_max = get("value_max")
        if (qualifier is Qualifier.VAGUE or qualifier is Qualifier.BETWEEN or value_max is not None
                or type(value) is not int):
            value, value_max = _value(r, qualifier)
        elif not 0 <= value <= MAX_NUMBER:
            raise Unsure
        period = get("period")
        period = _NO_PERIOD if period is None else self.period(period)
        area = get("area")
        area = self.areas_by_name.get(area) if type(area) is str else None
        if area is None:
            area = self.area(get("area"))
        credibility = get("credibility")
        if credibility is not None and (type(credibility) is not int or credibility not in range(1, 7)):
            raise Unsure
        disputed = get("disputed")
        if disputed is None:
            disputed = False
        elif type(disputed) is not bool or not self.booleans_checked:
            self.check_booleans(disputed)
        inferred = get("inferred")
        # self.dates holds only dates already read: a hit is valid, a miss is read (or refused) below
        as_of = get("as_of")
        as_of = self.dates.get(as_of) or self.required_date(as_of)
        published = get("published")
        if published is not None:
            published = self.dates.get(published) or self.required_date(published)
        return Claim(
            claim_id, metric, value, qualifier, claimant, area, as_of, period, value_max,
            _text(get("unit")), _number(r, "household_size"), _text(get("publisher")),
            _text(get("url"), MAX_TEXT_CHARS), published, _text(get("origin")),
            _text(get("quote"), MAX_TEXT_CHARS), _text(get("notes"), MAX_TEXT_CHARS), credibility,
            disputed, () if inferred is None else _inferred(inferred), ref, _number(r, "household_size_max"),
        )

    def check_booleans(self, value: Any) -> None:
        """hfig reads only `true` and `false`; yaml-rs also reads `True` and `TRUE` as booleans."""
        if type(value) is not bool:
            raise Unsure
        if not self.booleans_checked:
            if any(word in self.text for word in _CAPITAL_BOOLEANS):
                raise Unsure
            self.booleans_checked = True

    def required_date(self, value: Any) -> FuzzyDate:
        date = self.date(value)
        if date is None:
            raise Unsure
        return date

    def date(self, value: Any) -> FuzzyDate | None:
        if value is None:
            return None
        if type(value) is not str:
            raise Unsure
        date = self.dates.get(value)
        if date is None:
            try:
                date = self.dates[value] = parse_fuzzy_date(value)
            except DateSyntaxError:
                raise Unsure from None
        return date

    def period(self, value: Any) -> Period:
        if type(value) is not dict or not value.keys() <= _PERIOD_FIELDS:
            raise Unsure
        cumulative = value.get("cumulative")
        if cumulative is not None:
            self.check_booleans(cumulative)  # and 1 == True: never let an int into the key below
        key = (value.get("start"), value.get("end"), cumulative, value.get("as_written"))
        period = self.periods.get(key)
        if period is None:
            period = self.periods[key] = Period(
                self.date(key[0]), self.date(key[1]), True if cumulative is None else cumulative,
                _text(key[3], MAX_TEXT_CHARS))
        return period

    def area(self, value: Any) -> Area:
        if type(value) is str:
            key: tuple[Any, ...] = (value, (), None)
        elif type(value) is dict and value.keys() <= _AREA_FIELDS:
            pcodes = value.get("pcodes")
            if pcodes is None:
                pcodes = []
            elif type(pcodes) is str:
                pcodes = [pcodes]
            if type(pcodes) is not list or not all(type(p) is str and _PCODE.fullmatch(p) for p in pcodes):
                raise Unsure
            precision = value.get("precision")
            if precision is not None:
                precision = _PRECISIONS.get(precision) if type(precision) is str else None
                if precision is None:
                    raise Unsure
            name = _text(value.get("name"))
            if name is None and not pcodes:
                raise Unsure
            key = (name, tuple(pcodes), precision)
        else:
            raise Unsure
        area = self.areas.get(key)
        if area is None:
            problems: list[Problem] = []
            spec = AreaSpec(key[0], key[1], key[2], SourceRef("", 0, 0))
            resolved = _resolve_spec(spec, self.data, problems)
            if resolved is None or problems:
                raise Unsure
            if not key[1] and self.data.gazetteer.settled_country(key[0]) is None:
                raise Unsure  # the data set's countries might decide it: the loader's rules do
            area = self.areas[key] = resolved
            if type(value) is str:
                self.areas_by_name[value] = resolved
        return area


_CLAIM_NAMES = Claim.__struct_fields__
_claim_values = operator.attrgetter(*_CLAIM_NAMES)
_SOURCE = _CLAIM_NAMES.index("source")

Packed = list[list[Any]]
"""A file's claims as one list per Claim field, the position as a list of lines and one of columns."""


def pack(claims: list[Claim]) -> Packed:
    """Claims as plain columns, for the trip from a forked child to its parent (`unpack`).

    Pickled and unpickled, columns cost 0.3-0.4 s less CPU than the Claim
    objects do at 100,000 claims (measured on a busy machine, where it shows).
    Dates, areas and periods travel as objects: pickle keeps one object per
    distinct one within the child's answer (a date both processes read is then
    two equal objects, not one).
    """
    if not claims:
        return []
    columns = [list(column) for column in zip(*map(_claim_values, claims), strict=True)]
    sources = columns[_SOURCE]
    columns[_SOURCE] = [[s.line for s in sources], [s.col for s in sources]]
    return columns


def unpack(file: DataFile, columns: Packed) -> list[Claim]:
    """The claims `pack` packed (or Unsure, if the columns do not fit together)."""
    if not columns:
        return []
    if len(columns) != len(_CLAIM_NAMES) or len(columns[_SOURCE]) != 2:
        raise Unsure
    lines, cols = columns[_SOURCE]
    count = len(lines)
    columns[_SOURCE] = list(map(SourceRef, itertools.repeat(file.shown, count), lines, cols))
    if any(len(column) != count for column in [*columns, cols]):
        raise Unsure
    return list(map(Claim, *columns))


def _text(value: Any, limit: int = MAX_NAME_CHARS) -> str | None:
    """An optional text field as `FieldReader.text` reads it: blank is absent."""
    if value is None:
        return None
    if type(value) is not str:
        raise Unsure  # an int or a bool: the text as written is not known
    if not value or value.isspace():
        return None
    if text_problem(value, limit) is not None:
        raise Unsure
    return value


def _number(r: dict[str, Any], key: str) -> int | None:
    value = r.get(key)
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= MAX_NUMBER:
        raise Unsure  # floats, strings, negatives, huge numbers: PyYAML's reading decides
    return value


def _value(r: dict[str, Any], qualifier: Qualifier) -> tuple[int | str, int | None]:
    value = r.get("value")
    if qualifier is Qualifier.VAGUE:
        if not isinstance(value, str) or r.get("value_max") is not None:
            raise Unsure
        word = value.strip().replace(" ", "_").lower()
        if word not in VAGUE_LEXICON:
            raise Unsure
        return word, None
    number = _number(r, "value")
    value_max = _number(r, "value_max")
    if number is None:
        raise Unsure
    if qualifier is Qualifier.BETWEEN:
        if value_max is None or number > value_max:
            raise Unsure
    elif "value_max" in r and r["value_max"] is not None:
        raise Unsure
    return number, value_max


def _inferred(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise Unsure
    out = []
    for name, reason in value.items():
        if (type(name) is not str or type(reason) is not str or name not in INFERABLE  # incl. "<<"
                or text_problem(reason, MAX_TEXT_CHARS) is not None):
            raise Unsure
        out.append((name, reason))
    return tuple(out)


def fast_load(files: Iterable[DataFile], *, reference: Iterable[DataFile] | None = None,
              progress: Progress | None = None) -> LoadResult:
    """What `hfig.load.loader.load` returns, read faster; never raises on bad input."""
    with collection_paused():  # a million small objects, none of them garbage: collection only costs time
        return _fast_load(files, reference, progress or (lambda n: None))


_VOCABULARY = (b"metrics:", b"claimants:", b"areas:")


def may_define_vocabulary(path: Path) -> bool:
    """Could this file have a metrics, claimants or areas section? (A cheap look; parsing decides.)"""
    try:
        raw = read_regular(path)
    except OSError:
        return True
    return any(raw.startswith(key) or b"\n" + key in raw for key in _VOCABULARY)


def _fast_load(files: Iterable[DataFile], reference: Iterable[DataFile] | None,
               progress: Progress, slow: set[int] | None = None) -> LoadResult:
    """Vocabulary first (from the files that may have some, read by PyYAML), then claims file by file.

    Claim files are parsed one at a time and dropped once their claims are built, so
    memory holds the claims, not every file's parse as well.
    """
    problems: list[Problem] = []
    ref_files = list(reference_files() if reference is None else reference)
    user_files = list(files)
    all_files = [*ref_files, *user_files]
    if slow is None:
        slow = set(range(len(ref_files)))
        slow.update(i for i, f in enumerate(all_files)
                    if i >= len(ref_files) and may_define_vocabulary(f.path))
    slow_contents = {i: read_content(all_files[i], problems) for i in sorted(slow)}
    ordered = list(slow_contents.values())  # in file order: the other files add no vocabulary
    metrics = _register_metrics(ordered, problems)
    claimants = _register_claimants(ordered, problems)
    gazetteer = build_gazetteer(ordered, problems)
    data = DataSet(metrics, claimants, gazetteer)
    reader = FastReader(data)
    fast_claims = read_claim_files(
        reader, [(i, f) for i, f in enumerate(all_files) if i not in slow_contents], progress)
    # Files the fast path was unsure of are read now, before any claim is resolved: a name
    # that clashes resolves within the data set's countries, known only from every claim.
    for i, f in enumerate(all_files):
        if i not in slow_contents and fast_claims.get(i) is None:
            unsure = read_content(f, problems)
            if unsure.metrics or unsure.claimants or unsure.areas:
                # It had vocabulary after all (a layout the cheap look missed): start again,
                # reading it first, so that every name is known before any claim is resolved.
                return _fast_load(user_files, ref_files, progress, slow | {i})
            slow_contents[i] = unsure
    fast_areas = {id(c.area): c.area for read in fast_claims.values() if read for c in read[0]}
    countries = settled_countries([d.area for c in slow_contents.values() for d in c.claims], gazetteer)
    countries |= {country_of(p) for a in fast_areas.values() for p in a.pcodes}
    known: dict[str, Mapping[str, SourceRef]] = {}
    lazy: dict[str, tuple[DataFile, SourceRef]] = {}
    located: dict[tuple[str, str], SourceRef] = {}
    order: list[str] = []
    for i, f in enumerate(all_files):
        content = slow_contents.get(i)
        if content is None:
            claims, origins = fast_claims.pop(i) or ([], [])
            data.claims += claims
            for claim in claims:
                if claim.id not in known and claim.id not in lazy:
                    lazy[claim.id] = (f, claim.source or SourceRef(f.shown, 0, 0))
                    order.append(claim.id)
            for k, line, col in origins:
                claim = claims[k]
                if lazy.get(claim.id, (f, None))[1] is claim.source:  # the claim the id's positions are of
                    located[(claim.id, "origin")] = SourceRef(f.shown, line, col)
            continue
        for draft in content.claims:
            resolved = _resolve(draft, data, problems, countries)
            if resolved is not None:
                data.claims.append(resolved)
                if resolved.id not in known and resolved.id not in lazy:
                    known[resolved.id] = draft.refs
                    order.append(resolved.id)
        check_rejected(content.rejected, data, problems, countries)
    refs = LazyRefs(known, lazy, order, located)
    problems += in_records(run_checks(data, refs), data.claims)
    problems.sort(key=_problem_order)
    return LoadResult(data, problems, refs, user_files)


PARALLEL_BYTES = 4 << 20
"""Fast-path claim files of at least this many bytes in all are read by two processes (Linux).

Measured on 2 cores (docs/performance.md): the per-file work takes 10-14 % less
time from 1 to 4 MB (the fork, pickling and each process's own first-time costs
eat most of the gain), 35 % less at 48 MB. The bundled data and the tests'
fixtures are far below it."""

CHILD_SHARE = 0.45
"""The part of those bytes the forked child reads (the first files); this process reads the rest."""


FileClaims = tuple[list[Claim], Origins]


def read_claim_files(reader: FastReader, files: list[tuple[int, DataFile]],
                     progress: Progress) -> dict[int, FileClaims | None]:
    """Each file's claims by the fast path, or None where it is unsure (or the file cannot be read).

    Files do not depend on each other here, so a large data set is split: a
    forked child reads the first files (about `CHILD_SHARE` of the bytes)
    while this process reads the others (hfig.cache.fork). Whatever goes
    wrong with the child, this process reads its files too. Either way the
    answer is the same: the caller takes the files in order.
    """
    sizes = [_size(f) for _, f in files]
    # (yaml-rs is imported here, before the fork, rather than in both processes: about 14 ms)
    if len(files) < 2 or sum(sizes) < PARALLEL_BYTES or _yaml_rs() is None:
        return {i: _read_claims(reader, f, progress) for i, f in files}
    from hfig.cache.fork import fork_map

    split = _split(sizes, CHILD_SHARE)
    theirs, mine = files[:split], files[split:]
    read, results = fork_map(functools.partial(_claims_in_child, reader), [f for _, f in theirs],
                             lambda: {i: _read_claims(reader, f, progress) for i, f in mine})
    for k, (i, f) in enumerate(theirs):
        if results is None:  # no child, or it failed: read its files here
            read[i] = _read_claims(reader, f, progress)
            continue
        size, packed = results[k]
        results[k] = (0, None)  # let each file's columns go once its claims are built
        progress(size)
        try:
            read[i] = None if packed is None else _unpack_file(f, packed)
        except Unsure:
            read[i] = _read_claims(reader, f, lambda n: None)
    return read


def _read_claims(reader: FastReader, file: DataFile, progress: Progress) -> FileClaims | None:
    try:
        raw = read_regular(file.path)
        progress(len(raw))
        return reader.claims(file, *parse_fast(raw))
    except (OSError, Unsure):
        return None


def _claims_in_child(reader: FastReader, file: DataFile) -> tuple[int, tuple[Packed, Origins] | None]:
    """In the forked child: the bytes read (for the progress bar) and the file's claims, packed."""
    sizes: list[int] = []
    read = _read_claims(reader, file, sizes.append)
    return sum(sizes), None if read is None else (pack(read[0]), read[1])


def _unpack_file(file: DataFile, packed: tuple[Packed, Origins]) -> FileClaims:
    """What `_claims_in_child` sent for this file (or Unsure, if its parts do not fit together)."""
    columns, origins = packed
    claims = unpack(file, columns)
    if not all(0 <= k < len(claims) for k, _, _ in origins):
        raise Unsure
    return claims, origins


def _size(file: DataFile) -> int:
    try:
        return file.path.stat().st_size
    except OSError:
        return 0


def _split(sizes: list[int], share: float) -> int:
    """How many of the first files make up about `share` of the bytes (at least one, not all)."""
    target = sum(sizes) * share
    done = 0
    for count, size in enumerate(sizes):
        if done + size / 2 > target:
            return min(max(count, 1), len(sizes) - 1)
        done += size
    return len(sizes) - 1
