"""CSV or HXL-tagged CSV rows -> claim drafts, each remembering its CSV line.

Columns are recognised, in this order, by `--map column=field`, by the HXL
hashtag under the header (attribute order ignored), or by the header name.
The hashtags are hfig's own (`hfig.render.records.RECORD_COLUMNS` carries the
tag of every `hfig records` column, `hfig.render.hxl` the metric tags), so
`hfig records --format csv --hxl | hfig import -` gives back the same claims;
common HDX tags (#affected+killed, #adm1+code, #meta+source ...) map too.
Columns that `hfig records` derives (interval, low, high, kinds, precisions,
file, line) are ignored: the loader computes them again.

Nothing here checks a claim: the loader does that, and its problems are
reported at the CSV line the claim came from.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from msgspec import Struct, field

from hfig.author.cells import CellError, DateOrder, read_count, read_day, read_qualifier
from hfig.author.emit import ClaimFields, Nested
from hfig.core.model import Problem, SourceRef
from hfig.load.layout import CLAIM_FIELDS, PERIOD_FIELDS
from hfig.render.hxl import GENERIC_TAG, INDICATOR_TAG, metric_of_tag
from hfig.render.text_formats import needs_guard

# The fields a column can feed. `value:METRIC` (a value column for one metric) and `-` (ignore) also work.
TARGETS = (
    "id", "metric", "value", "value_max", "qualifier", "unit", "household_size", "household_size_max",
    "claimant",
    "claimant_name", "area", "pcodes", "adm1", "adm1_name", "area_precision", "period_start",
    "period_end", "cumulative", "period_as_written", "as_of", "publisher", "url", "published",
    "origin", "disputed", "credibility", "quote", "notes", "inferred", "country", "range_low", "range_high",
    "period_day",
)
DATE_FIELDS = ("as_of", "period_start", "period_end", "published")
# Fields holding a number, read with its thousands separators (the value columns too).
NUMBER_FIELDS = ("value_max", "range_low", "range_high", "household_size", "household_size_max")
DERIVED = frozenset({
    "stated", "interval", "low", "high", "low_open", "high_open", "claimant_kind",
    "period_start_precision", "period_end_precision", "as_of_precision", "published_precision",
    "file", "line",
})
# The plain ISO day hfig writes beside each date (`as_of_date` beside `as_of`): used only when the
# date as written is missing (an HDX file with just an ISO #date+reported column).
ISO_DAYS = {"as_of_date": "as_of", "period_start_date": "period_start", "period_end_date": "period_end",
            "published_date": "published"}
IGNORE = "-"
# What hfig wrote before its HXL followed the dictionary (docs/decisions.md, issue 15): still read.
LEGACY_TAGS = {
    "#affected+num": "value", "#affected+num+value_max": "value_max", "#affected+num+min": IGNORE,
    "#affected+num+max": IGNORE, "#date+start+precision": IGNORE, "#date+end+precision": IGNORE,
    "#date+reported+precision": IGNORE, "#date+period+text": "period_as_written",
}
EXTRA_TAGS = {"#adm1+name": "adm1_name", "#adm2+code": "pcodes", "#adm3+code": "pcodes",
              # the country of rows about a whole country (an ISO alpha-3 code is a name hfig knows)
              "#country+code": "country", "#country+iso3": "country", "#country+name": "country",
              # HDX HAPI's and ACLED's reported fatalities: everyone killed
              "#fatality+num": "value:people_killed",
              # OCHA's displacement tables: refugees hosted, and the date of each row's figures
              "#affected+refugees": "value:refugees", "#date": "as_of"}
HXL_TAG = re.compile(r"#[a-z][a-z0-9_]*(?:\s*\+\s*[a-z][a-z0-9_]*)*", re.IGNORECASE)


class ImportError_(Exception):
    """The CSV cannot be read as a table at all; nothing was imported."""


class Draft(Struct):
    line: int
    fields: ClaimFields


class Rows(Struct):
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns nobody asked for, named for the user
    hxl: bool = False
    kept: int = 0  # data rows that passed --where (every data row without it)
    left_out: int = 0  # data rows --where left out: never read, never checked


def tag_key(tag: str) -> tuple[str, frozenset[str]]:
    """'#affected +killed+Children' -> ('#affected', {'killed', 'children'})."""
    parts = [p for p in tag.replace(" ", "").lower().split("+") if p]
    return (parts[0] if parts else "", frozenset(parts[1:]))


def _record_tags() -> dict[tuple[str, frozenset[str]], str]:
    from hfig.render.records import RECORD_COLUMNS

    tags = {tag_key(c.hxl): c.name for c in RECORD_COLUMNS if c.hxl}
    tags.update({tag_key(t): name for t, name in LEGACY_TAGS.items()})
    tags.update({tag_key(t): name for t, name in EXTRA_TAGS.items()})
    return tags


def target_of_tag(tag: str, known: dict[tuple[str, frozenset[str]], str]) -> str | None:
    key = tag_key(tag)
    if key in known:
        return known[key]
    metric = metric_of_tag(tag.replace(" ", ""))
    if metric is not None:
        return f"value:{metric}"
    for generic in (tag_key(GENERIC_TAG), tag_key(INDICATOR_TAG)):
        if key[0] == generic[0] and generic[1] < key[1] and len(key[1] - generic[1]) == 1:
            return f"value:{next(iter(key[1] - generic[1]))}"  # '#affected+num+<metric>' (hxl.value_tag)
    return None


def unspreadsheet(cell: str) -> str:
    """Undo hfig's formula guard: "'=x" was written for "=x" (text_formats.spreadsheet_safe)."""
    if cell.startswith("'") and needs_guard(cell[1:]):
        return cell[1:]
    return cell


def parse_map(items: list[str]) -> dict[str, str]:
    """`--map column=field` options; the column is a header name or a hashtag."""
    out = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column:
            raise ValueError(f"--map {item!r}: write COLUMN=FIELD, e.g. --map Deaths=value:people_killed")
        if target != IGNORE and target not in TARGETS and not re.fullmatch(r"value:[a-z][a-z0-9_]*", target):
            raise ValueError(f"--map {item!r}: {target!r} is not a field (expected one of: "
                             f"{', '.join(TARGETS)}, value:METRIC, or - to ignore the column)")
        out[column.lower()] = target
    return out


def parse_where(items: list[str]) -> dict[str, frozenset[str]]:
    """`--where COLUMN=VALUE` options -> {column: values}; several values for one column are
    alternatives. The column is a header name or a hashtag, as for --map."""
    out: dict[str, set[str]] = {}
    for item in items:
        column, sep, value = item.partition("=")
        column = column.strip()
        if not sep or not column:
            raise ValueError(f"--where {item!r}: write COLUMN=VALUE, e.g. --where event_type=Battles")
        out.setdefault(column, set()).add(value.strip().casefold())
    return {column: frozenset(values) for column, values in out.items()}


def _where_columns(where: dict[str, frozenset[str]], header: list[str], tags: list[str],
                   name: str) -> list[tuple[int, frozenset[str]]]:
    """The index of each --where column, found as --map finds columns; an unknown one is an error
    that lists the columns there are."""
    found = []
    for column, values in where.items():
        wanted = tag_key(column) if column.startswith("#") else None
        index = next((i for i, (head, tag) in enumerate(zip(header, tags, strict=True))
                      if head.lower() == column.lower() or (wanted and tag and tag_key(tag) == wanted)),
                     None)
        if index is None:
            columns = ", ".join(f"{head} ({tag})" if head and tag else head or tag
                                for head, tag in zip(header, tags, strict=True) if head or tag)
            raise ImportError_(f"{name}: --where {column!r}: no such column (the columns: {columns})")
        found.append((index, values))
    return found


def _wanted(cells: list[str], where: list[tuple[int, frozenset[str]]]) -> bool:
    """Every --where column holds one of its values (compared without case)."""
    return all((cells[i] if i < len(cells) else "").casefold() in values for i, values in where)


class Defaults(Struct):
    """What the whole table says once, given on the command line."""

    claimant: str | None = None
    as_of: str | None = None  # the table's release: the day its figures were said
    date_order: DateOrder | None = None
    not_cumulative: bool = False  # every row counts its own period only (events, days, months)
    decimal_comma: bool = False  # the table writes 1.234,5: dots group thousands, a comma marks decimals


def read_rows(text: str, name: str, mapping: dict[str, str] | None = None,
              claimant: str | None = None, defaults: Defaults | None = None,
              where: dict[str, frozenset[str]] | None = None) -> Rows:
    """Every data row of the CSV (or those `where` keeps) as a claim draft, one per value column
    that has a value."""
    mapping = mapping or {}
    defaults = defaults or Defaults(claimant=claimant)
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportError_(f"{name}:{line}: not readable as CSV ({exc})") from None
    if not rows:
        raise ImportError_(f"{name}: no header row; nothing to import")
    out = Rows()
    header = [h.strip() for h in rows[0][1]]
    tags: list[str] = [""] * len(header)
    body = rows[1:]
    if _is_hashtag_row(header):
        tags, header, body, out.hxl = _hashtags(header), [""] * len(header), rows[1:], True
    elif body and _is_hashtag_row(body[0][1]):
        tags, body, out.hxl = _hashtags(body[0][1]), body[1:], True
    chosen = _where_columns(where or {}, header, tags, name)
    targets = _targets(header, tags, mapping, out)
    used = {header[i] or tags[i] for i, _ in chosen}  # read to choose rows: not "not imported"
    out.ignored = [column for column in out.ignored if column not in used]
    labels = [head or tag or f"column {i + 1}"
              for i, (head, tag) in enumerate(zip(header, tags, strict=True))]
    value_columns = [i for i, t in enumerate(targets) if t and (t == "value" or t.startswith("value:"))]
    if not value_columns:
        raise ImportError_(f"{name}: no column holds the value; name one with --map COLUMN=value "
                           "(or value:METRIC)")
    for line_no, row in body:
        cells = [unspreadsheet(c).strip() for c in row]
        if not any(cells):
            continue
        if not _wanted(cells, chosen):
            out.left_out += 1
            continue
        out.kept += 1
        out.drafts += _drafts(name, line_no, cells, targets, labels, value_columns, defaults, out.problems)
    _one_figure_each(name, out.drafts, out.problems)
    return out


def _is_hashtag_row(cells: list[str]) -> bool:
    """HXL's rule (libhxl): a row is the hashtag row when at least half its filled cells are
    hashtags. Published files have stray cells in it (IDMC's `geo+lat`, `total`): those columns
    are untagged, and read by their header name."""
    filled = [c.strip() for c in cells if c.strip()]
    tags = [c for c in filled if HXL_TAG.fullmatch(c)]
    return bool(tags) and 2 * len(tags) >= len(filled)


def _hashtags(cells: list[str]) -> list[str]:
    return [c.strip() if HXL_TAG.fullmatch(c.strip()) else "" for c in cells]


def _targets(header: list[str], tags: list[str], mapping: dict[str, str], out: Rows) -> list[str | None]:
    known = _record_tags()
    names = {n: n for n in (*TARGETS, *ISO_DAYS)} | {n: IGNORE for n in DERIVED}
    targets: list[str | None] = []
    for head, tag in zip(header, tags, strict=True):
        target = mapping.get(head.lower()) or (mapping.get(tag.lower()) if tag else None)
        if target is None and tag:
            target = target_of_tag(tag, known)
        if target is None and head:
            target = names.get(head.lower().replace(" ", "_"))
        if target is None and (head or tag):
            out.ignored.append(head or tag)
        targets.append(None if target == IGNORE else target)
    _low_best_high(header, tags, mapping, targets)
    return targets


def _low_best_high(header: list[str], tags: list[str], mapping: dict[str, str],
                   targets: list[str | None]) -> None:
    """UCDP's `low`, `best` and `high` (deaths per event): with `best` as the value column,
    `low` and `high` are its range, not the interval columns `hfig records` derives."""
    heads = [h.lower() for h in header]
    if "best" not in heads or not (targets[heads.index("best")] or "").startswith("value"):
        return
    for bound, target in (("low", "range_low"), ("high", "range_high")):
        if bound in heads:
            i = heads.index(bound)
            if bound not in mapping and (tags[i].lower() not in mapping if tags[i] else True):
                targets[i] = target


_INFERRED_KEYS = sorted(
    {*CLAIM_FIELDS, *(f"period.{p}" for p in PERIOD_FIELDS), "area.name", "area.pcodes", "area.precision"},
    key=len, reverse=True,
)
_INFERRED_SPLIT = re.compile("; (?=(?:" + "|".join(re.escape(k) for k in _INFERRED_KEYS) + "): )")


def parse_inferred(cell: str) -> dict[str, str] | None:
    """'as_of: why; period.end: why' (as `hfig records` writes it) -> {field: reason}."""
    out = {}
    for part in _INFERRED_SPLIT.split(cell):
        key, sep, reason = part.partition(": ")
        if not sep or key not in _INFERRED_KEYS:
            return None
        out[key] = reason
    return out


def _codes(cell: str) -> list[str]:
    return [c.strip() for c in re.split(r"[;,]", cell) if c.strip()]


def _drafts(name: str, line: int, cells: list[str], targets: list[str | None], labels: list[str],
            value_columns: list[int], defaults: Defaults, problems: list[Problem]) -> list[Draft]:
    got: dict[str, str] = {}
    column_of: dict[str, int] = {}
    for i, target in enumerate(targets):
        if target and i < len(cells) and cells[i] and i not in value_columns and target not in got:
            got[target], column_of[target] = cells[i], i
    for iso, field_name in ISO_DAYS.items():
        day = got.pop(iso, None)
        if day is not None and field_name not in got:
            got[field_name], column_of[field_name] = day, column_of[iso]

    def problem(message: str, column: int = 1, code: str = "import-row") -> None:
        problems.append(Problem(code, message, SourceRef(name, line, column)))

    day = got.pop("period_day", None)  # one date column that is both ends (ACLED's event_date)
    if day is not None:
        for key in ("period_start", "period_end"):
            if key not in got:
                got[key], column_of[key] = day, column_of["period_day"]
    for key in DATE_FIELDS:
        if key in got:
            try:
                got[key] = read_day(got[key], defaults.date_order)
            except CellError as exc:
                problem(f"{labels[column_of[key]]!r} ({key}): {exc}", column_of[key] + 1)
                del got[key]
    for key in NUMBER_FIELDS:
        if key in got:
            number = _number(got[key], key, labels[column_of[key]], column_of[key], defaults, problem)
            if number is None:
                del got[key]
            else:
                got[key] = number
    if "as_of" not in got and defaults.as_of:
        got["as_of"] = defaults.as_of
    if "qualifier" in got:
        got["qualifier"] = read_qualifier(got["qualifier"])
    if defaults.not_cumulative and "cumulative" not in got:
        got["cumulative"] = "false"

    base: ClaimFields = {}
    for key in ("id", "value_max", "qualifier", "unit", "household_size", "household_size_max", "as_of",
                "publisher", "url",
                "published", "origin", "credibility", "quote", "notes"):
        if key in got:
            base[key] = got[key]
    who = got.get("claimant") or got.get("claimant_name") or defaults.claimant
    if who:
        base["claimant"] = who
    area = _area(got)
    if area is not None:
        base["area"] = area
    period = _period(got)
    if period:
        base["period"] = period
    if got.get("disputed", "false").lower() == "true":
        base["disputed"] = "true"
    if "inferred" in got:
        reasons = parse_inferred(got["inferred"])
        if reasons is None:
            problem(f"'inferred' is {got['inferred']!r}; write it as 'field: reason; field: reason'")
        else:
            base["inferred"] = dict(reasons)
    drafts = []
    values = [(i, cells[i]) for i in value_columns if i < len(cells) and cells[i]]
    for i, value in values:
        target = targets[i]
        assert target is not None
        number = _number(value, "value", labels[i], i, defaults, problem)
        if number is None:
            continue
        fields = dict(base)
        fields["value"] = number
        if "range_low" in got or "range_high" in got:
            _range(fields, got, column_of, labels, problem)
        metric = target.partition(":")[2] or got.get("metric")
        if metric:
            if got.get("metric") and got["metric"] != metric:
                problem(f"the metric column says {got['metric']!r} but the value column is for {metric!r}",
                        i + 1)
            fields["metric"] = metric
        drafts.append(Draft(line, fields))
    if len(drafts) > 1:  # one row, several claims (deaths and injuries of one event): one id each
        for draft in drafts:
            if "id" in draft.fields and draft.fields.get("metric"):
                draft.fields["id"] = f"{draft.fields['id']}-{draft.fields['metric']}"
    if not values:
        problem("no value in this row")
    return drafts


def _number(cell: str, key: str, label: str, column: int, defaults: Defaults,
            problem: Callable[[str, int, str], None]) -> str | None:
    """The cell as a plain number (thousands separators removed), or None after a problem."""
    try:
        return read_count(cell, defaults.decimal_comma)
    except CellError as exc:
        problem(f"{label!r} ({key}): {exc}", column + 1, "number-format")
        return None


def _range(fields: ClaimFields, got: dict[str, str], column_of: dict[str, int], labels: list[str],
           problem: Callable[[str, int], None]) -> None:
    """low <= best <= high (UCDP) as one claim: `between low and high`, the best estimate in the
    notes. Never two claims: the three are one figure's bounds, and hfig must not count them twice."""
    best = str(fields["value"])
    numbers: dict[str, float] = {}
    for key, text in (("range_low", got.get("range_low")), ("value", best),
                      ("range_high", got.get("range_high"))):
        if text is None:
            where = "range_high" if key == "range_low" else "range_low"
            problem(f"{labels[column_of[where]]!r} has a bound but the other bound is empty: "
                    "a range needs both low and high", column_of[where] + 1)
            return
        try:
            numbers[key] = float(text)
        except ValueError:
            return  # not a number: the loader reports the value (or the bound, once it is the value)
    low, value, high = numbers["range_low"], numbers["value"], numbers["range_high"]
    if not low <= value <= high:
        problem(f"low {got['range_low']}, best {best}, high {got['range_high']}: expected low <= best <= "
                "high", column_of["range_low"] + 1)
        return
    if low == high:
        return  # one number: exact
    if "qualifier" in fields or "value_max" in fields:
        problem("a row with low and high columns cannot also give a qualifier or value_max",
                column_of["range_low"] + 1)
        return
    fields["value"], fields["value_max"], fields["qualifier"] = got["range_low"], got["range_high"], "between"
    note = f"best estimate {best} (low {got['range_low']}, high {got['range_high']})"
    fields["notes"] = f"{fields['notes']}; {note}" if fields.get("notes") else note


def _area(got: dict[str, str]) -> str | Nested | None:
    name = got.get("area") or got.get("adm1_name")
    codes = _codes(got.get("pcodes", "")) or _codes(got.get("adm1", ""))
    if not name and not codes:
        return got.get("country")  # a row about a whole country (HTI, Haiti)
    precision = got.get("area_precision")
    if not codes and not precision:
        return name
    spec: Nested = {}
    if name:
        spec["name"] = name
    if codes:
        spec["pcodes"] = codes
    if precision:
        spec["precision"] = precision
    return spec


def _period(got: dict[str, str]) -> Nested:
    period: Nested = {}
    if "period_start" in got:
        period["start"] = got["period_start"]
    if "period_end" in got and got["period_end"] != got.get("as_of"):
        period["end"] = got["period_end"]  # an end on the as-of day is what no end means
    if "period_as_written" in got:
        period["as_written"] = got["period_as_written"]
    if got.get("cumulative", "true").lower() == "false":
        period["cumulative"] = "false"
    return period


def tidy(data: object, drafts: list[ClaimFields]) -> list[ClaimFields]:
    """Leave out what the data set implies: a unit equal to the metric's, and P-codes and
    precision that the area's name already resolves to (keeps imported YAML as people write it)."""
    from hfig.core.dataset import DataSet

    assert isinstance(data, DataSet)
    out = []
    for draft in drafts:
        fields = dict(draft)
        metric = fields.get("metric")
        unit = data.metrics[metric].unit if isinstance(metric, str) and metric in data.metrics else None
        if unit is not None and fields.get("unit") == unit:
            del fields["unit"]
        area = fields.get("area")
        if isinstance(area, dict) and isinstance(area.get("name"), str) and "pcodes" in area:
            place = data.gazetteer.resolve(str(area["name"]))
            precision = area.get("precision")
            if (place is not None and sorted(place.pcodes) == sorted(area["pcodes"])
                    and (precision or "exact") == place.precision.value):
                fields["area"] = str(area["name"])
        out.append(fields)
    return out


def _one_figure_each(name: str, drafts: list[Draft], problems: list[Problem]) -> None:
    """Two rows of one table giving one claimant two figures of the same thing (metric, area,
    period, as-of day, document) are not two estimates: the table is of events or of parts
    (UCDP's and ACLED's rows, HAPI's event types). hfig compares figures and never adds them,
    so such a table is refused rather than read as rival claims or deduplicated into one."""
    seen: dict[tuple[str, ...], Draft] = {}
    for draft in drafts:
        f = draft.fields
        key = tuple(repr(f.get(k)) for k in ("claimant", "metric", "area", "period", "as_of", "url", "origin",
                                              "unit"))
        first = seen.setdefault(key, draft)
        if first is draft:
            continue
        figure = tuple(f.get(k) for k in ("value", "value_max", "qualifier"))
        earlier = tuple(first.fields.get(k) for k in ("value", "value_max", "qualifier"))
        ids = (first.fields.get("id"), f.get("id"))
        if figure == earlier and (None in ids or ids[0] == ids[1]):
            continue  # the same row again: counted once
        what = f"{f.get('metric')} in {_area_text(f.get('area'))}"
        problems.append(Problem(
            "one-figure-each",
            f"lines {first.line} and {draft.line} give {f.get('claimant') or 'one claimant'} two figures "
            f"({earlier[0]} and {figure[0]}) of {what} for the same period{_as_of_text(f.get('as_of'))}: "
            "a table of events or of parts? hfig compares figures and never adds them; sum the rows per area "
            "and period first, or import one of them",
            SourceRef(name, draft.line, 1)))


def _as_of_text(as_of: object) -> str:
    """', as of DAY' for a message, or nothing when the row gives no as-of day."""
    return f", as of {as_of}" if as_of not in (None, "") else ""


def _area_text(area: object) -> str:
    if isinstance(area, dict):
        return str(area.get("name") or ",".join(area.get("pcodes") or []))
    return str(area)
