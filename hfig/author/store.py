"""Add claims to a data file: check them with the data set they join, then write atomically.

Checking never re-implements the rules: the file as it would be after the
append is built in memory and given to `hfig.load.loader.load` together with
the rest of the data set, exactly as `hfig validate` would read it. Only when
that load is clean is the file written (atomically, under the writers' lock),
read back and loaded once more; if that last check fails the old bytes are put
back.

Appending to a large file costs about the size of the new claims, not of the
file, when the file's layout is the usual one (`claims:` last, a block list:
hfig.author.append.tail_layout) and the data set as it stands is clean: the data
set is then taken from the cache (hfig.cache), only the new claims are read as
YAML (at the lines they will have), and the cross-record checks run on the whole.
The warnings `hfig validate` makes after loading (hfig.load.future.after_load: a date after
today, nested P-codes) are made for the new claims only, from their own field positions.
Anything else - another layout, a data set with problems, no cache - takes the
exact path above. tests/test_author_quick.py compares the two.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import cast

from msgspec import Struct, field
from msgspec.structs import replace

from hfig.author.append import Appended, append_claims
from hfig.author.atomic import WriteError, check_folder, read_bytes, target_of, update_file
from hfig.author.emit import ClaimFields
from hfig.core.dataset import DataSet
from hfig.core.model import Claim, Problem, Severity, SourceRef
from hfig.load import future
from hfig.load.loader import _problem_order, load
from hfig.load.paths import DataFile
from hfig.load.vocabulary import LoadResult

_NOT_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


class InvalidClaims(Exception):
    """The claims (or the file they join) do not validate; nothing was written."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


class Label(Struct, frozen=True):
    """How a problem inside a new claim is located for the user: a CSV line, or the claim itself."""

    file: str
    line: int | None = None  # None: lines counted inside the claim's YAML (as --dry-run prints it)


class Written(Struct):
    path: Path
    ids: list[str]
    yaml: str  # the text appended (what --dry-run shows)
    skipped: list[int] = field(default_factory=list)  # indexes of drafts that duplicated a claim
    warnings: list[Problem] = field(default_factory=list)
    created: bool = False
    notes: list[str] = field(default_factory=list)  # what the write could not keep (owner, hard links)
    tail: tuple[int, int] | None = None  # (first line, lines) of the new claims, when added at the end


Prepare = Callable[[DataSet, list[ClaimFields]], list[ClaimFields]]


def duplicate_key(claim: Claim) -> tuple[object, ...]:
    """Claims that say the same thing in the same document: claimant, metric, value, qualifier,
    period, area, and the address read and the record it echoes. The same figure read in another
    document is another record (an echo, with its own provenance), not a duplicate."""
    return (claim.claimant, claim.metric, claim.value, claim.value_max, claim.qualifier,
            claim.period.start.text if claim.period.start else None, claim.period_end.text,
            claim.area.pcodes, claim.url, claim.origin)


def generated_id(fields: ClaimFields, taken: set[str]) -> str:
    """`claimant-metric-as_of`, then -2, -3 ... until unused: readable, and the same every run."""
    parts = [fields.get("claimant"), fields.get("metric"), fields.get("as_of")]
    words = [_NOT_ID.sub("-", p.strip().lstrip("~")).strip("-.:_") for p in parts if isinstance(p, str)]
    base = "-".join(w for w in words if w).lower() or "claim"
    if not base[0].isalnum():
        base = "claim-" + base
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def context_files(path: Path, data_set: Sequence[DataFile]) -> list[DataFile]:
    """The data set without the file being written (its new text is checked in its place)."""
    me = target_of(path)
    return [f for f in data_set if target_of(f.path) != me]


def add_claims(
    path: Path,
    drafts: list[ClaimFields],
    data_set: Sequence[DataFile],
    *,
    shown: str | None = None,
    labels: list[Label] | None = None,
    prepare: Prepare | None = None,
    skip_duplicates: bool = False,
    dry_run: bool = False,
) -> Written:
    """Append `drafts` to the file at `path` if, together with `data_set`, everything validates."""
    name = shown or str(path)
    others = context_files(path, data_set)
    labels = labels or [Label("new claim") for _ in drafts]
    result: dict[str, Written] = {}

    day = future.today()  # the clock read once, as validate does

    def change(old: bytes | None) -> bytes:
        written, new = _plan(path, name, old, drafts, others, labels, prepare, skip_duplicates, day)
        written.created = old is None
        result["w"] = written
        if not written.ids:
            raise _NothingToWrite
        return new

    def verify(data: bytes) -> None:
        # The bytes read back are the very bytes just validated with the whole data set
        # (update_file compares them); reading them once more as a record file catches a
        # file system that returned something else. Added at the end, the new claims alone.
        from hfig.load.loader import read_content

        problems: list[Problem] = []
        text = data.decode("utf-8-sig")
        tail = result["w"].tail
        if tail is not None:
            text = _tail_text(text, tail)
        content = read_content(DataFile(path, name, text), problems)
        expected = result["w"].ids
        got = {c.id for c in content.claims}
        if problems or any(i not in got for i in expected):
            raise InvalidClaims(f"{name} did not validate after writing; the old file was put back",
                                problems)

    if dry_run:
        target = target_of(path)
        check_folder(target)  # a device or FIFO is refused before anything is read
        old = read_bytes(target)
        written, _ = _plan(path, name, old, drafts, others, labels, prepare, skip_duplicates, day)
        written.created = old is None
        return written
    notes: list[str] = []
    try:
        update_file(path, change, verify, notes=notes)
    except _NothingToWrite:
        result["w"].created = False
    result["w"].notes = notes
    return result["w"]


class _NothingToWrite(Exception):
    """Every draft duplicated an existing claim: the file is not touched (nor created)."""


def _decode(old: bytes | None, name: str) -> str | None:
    if old is None:
        return None
    try:
        return old.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WriteError(f"{name} is not UTF-8 text; hfig will not rewrite it") from None


def _plan(path: Path, name: str, old: bytes | None, drafts: list[ClaimFields], others: list[DataFile],
          labels: list[Label], prepare: Prepare | None,
          skip_duplicates: bool, day: dt.date) -> tuple[Written, bytes]:
    """The new bytes of the file, checked: usually one load of the data set, two when the
    drafts had to be normalised, one more when duplicates were left out."""
    old_text = _decode(old, name)
    base = _clean_base(path, name, old_text, others)
    if base is not None:
        taken = {c.id for c in base.data.claims}
    else:
        own = [DataFile(path, name, old_text)] if old_text is not None else []
        taken = _ids_in([*others, *own])
    ready = [dict(d) for d in drafts]
    auto = [i for i, d in enumerate(ready) if not isinstance(d.get("id"), str)]
    _assign_ids(ready, auto, taken)
    trial = _Trial(path, name, old, others, labels, day, base)
    check = trial.run(ready, range(len(ready)))
    if prepare is not None:
        fixed = prepare(check.result.data, [dict(d) for d in ready])
        for i in auto:
            fixed[i].pop("id", None)
        _assign_ids(fixed, auto, taken)  # ids follow the normalised claimant and metric
        if fixed != ready:
            ready = fixed
            check = trial.run(ready, range(len(ready)))
    keep = list(range(len(ready)))
    skipped: list[int] = []
    if skip_duplicates and ready:
        keep, skipped = _without_duplicates(check)
        if skipped:
            check = trial.run(ready, keep)
    errors = [p for p in check.problems if p.severity is Severity.ERROR]
    if errors:
        if not any(p.severity is Severity.ERROR for p in check.inside_new):
            raise InvalidClaims(
                f"the data set already has {len(errors)} problem{'s' if len(errors) != 1 else ''}; "
                "fix them before adding (hfig validate lists them); nothing was written", errors)
        raise InvalidClaims(f"{len(errors)} problem{'s' if len(errors) != 1 else ''}; nothing was written",
                            errors)
    appended = check.appended
    lines = appended.data.decode("utf-8-sig").split("\n")
    added = "\n".join(
        line for start, count in zip(appended.first_lines, appended.line_count, strict=True)
        for line in lines[start - 1:start - 1 + count]
    )
    warnings = [p for p in check.inside_new if p.severity is Severity.WARNING]
    ids = [str(ready[i]["id"]) for i in keep]
    tail = (appended.first_lines[0], sum(appended.line_count)) if appended.at_end and appended.first_lines \
        else None
    return Written(path, ids, added + "\n" if added else "", skipped, warnings, tail=tail), appended.data


def _clean_base(path: Path, name: str, old_text: str | None, others: list[DataFile]) -> LoadResult | None:
    """The data set as it stands, from the cache, when the quick append applies: the file
    exists in the usual layout, every file is on disk, and the data set has no error.

    Warnings do not stop it: the cross-record checks run again on the whole data set with
    the new claims, and only warnings inside the new claims are reported."""
    from hfig.author.append import tail_layout
    from hfig.cache import load_cached

    if old_text is None or tail_layout(old_text.removeprefix("\ufeff")) is None:
        return None
    if any(f.text is not None for f in others):
        return None
    base = load_cached([*others, DataFile(path, name)])
    return base if base.ok and not any(p.severity is Severity.ERROR for p in base.problems) else None


def _tail_text(text: str, tail: tuple[int, int]) -> str:
    """The last lines of `text` - the new claims, from line `tail[0]`, `tail[1]` lines - as a
    record file whose lines keep their numbers. Cut from the end: no walk through the file."""
    first_line, count = tail
    parts = text.rsplit("\n", count + 1)
    if len(parts) != count + 2 or parts[-1] or parts[0].count("\n") != first_line - 2:
        raise ValueError("the new claims are not where they were written")
    return "claims:\n" + "\n" * (first_line - 2) + "\n".join(parts[1:])


def _ids_in(files: list[DataFile]) -> set[str]:
    """Claim ids already used, read without building the data set (cheap)."""
    from hfig.load.loader import read_content

    ids: set[str] = set()
    for file in files:
        ids |= {c.id for c in read_content(file, []).claims}
    return ids


def _assign_ids(drafts: list[ClaimFields], auto: list[int], taken: set[str]) -> None:
    used = set(taken)
    used |= {i for n, d in enumerate(drafts) if n not in auto and isinstance(i := d.get("id"), str)}
    for n in auto:
        new_id = generated_id(drafts[n], used)
        drafts[n]["id"] = new_id
        used.add(new_id)


class _Check(Struct):
    result: LoadResult
    appended: Appended
    kept: list[int]
    problems: list[Problem]
    inside_new: list[Problem]  # the problems located in a new claim (relabelled)


class _Trial(Struct):
    """The file as it would be with some of the drafts appended, loaded with the data set."""

    path: Path
    name: str
    old: bytes | None
    others: list[DataFile]
    labels: list[Label]
    day: dt.date  # today, for the dates-after-today warning
    base: LoadResult | None = None  # the data set as it stands, when clean and from the cache

    def run(self, drafts: list[ClaimFields], which: Sequence[int]) -> _Check:
        from hfig.author.append import AppendError

        kept = list(which)
        try:
            appended = append_claims(self.old, [drafts[i] for i in kept], self.name)
        except AppendError as exc:
            raise InvalidClaims(str(exc), []) from None
        text = appended.data.decode("utf-8-sig")
        if self.base is not None and appended.at_end and appended.first_lines:
            result = self._quick(text, (appended.first_lines[0], sum(appended.line_count)))
        else:
            result = load([*self.others, DataFile(self.path, self.name, text)])
            new = _new_claims(result.data.claims, self.name, appended.first_lines)
            if own := future.after_load(new, result.refs, self.day):  # positions read already: a dict
                result.problems = sorted([*result.problems, *own], key=_problem_order)
        problems, inside = _relabel(result.problems, self.name, appended, [self.labels[i] for i in kept])
        return _Check(result, appended, kept, problems, inside)


    def _quick(self, text: str, tail: tuple[int, int]) -> LoadResult:
        """What `load` would answer for the would-be file, reading only the new claims as YAML.

        The data set stood clean, so every problem comes from the new claims: their own
        (read at the lines they will have), their names, and the cross-record checks, which
        run on the whole data set with them.
        """
        from collections import ChainMap

        from hfig.core.checks import run_checks
        from hfig.load.loader import _resolve, read_content

        assert self.base is not None
        base = self.base
        problems: list[Problem] = []
        content = read_content(DataFile(self.path, self.name, _tail_text(text, tail)), problems)
        data = DataSet(base.data.metrics, base.data.claimants, base.data.gazetteer)
        data.claims = list(base.data.claims)
        existing = len(data.claims)
        new_refs: dict[str, Mapping[str, SourceRef]] = {}
        for draft in content.claims:
            claim = _resolve(draft, data, problems)
            if claim is not None:
                data.claims.append(claim)
                new_refs.setdefault(claim.id, draft.refs)
        # The first claim of an id keeps its positions, as in load (ChainMap only reads base.refs).
        refs = ChainMap(cast("MutableMapping[str, Mapping[str, SourceRef]]", base.refs), new_refs)
        # The checks see field positions of the new claims only: a problem on an existing claim
        # (a warning the data set already had) points at its entry, which costs no YAML read.
        problems += run_checks(data, new_refs)
        problems += future.after_load(data.claims[existing:], new_refs, self.day)
        problems.sort(key=_problem_order)
        files = [*self.others, DataFile(self.path, self.name, text)]
        return LoadResult(data, problems, refs, files)


def _new_claims(claims: Sequence[Claim], name: str, first_lines: Sequence[int]) -> list[Claim]:
    """The claims of the would-be file `name` that open at one of the new claims' first lines."""
    starts = set(first_lines)
    return [c for c in claims if c.source is not None and c.source.file == name and c.source.line in starts]


def _without_duplicates(check: _Check) -> tuple[list[int], list[int]]:
    """Drafts that say what an existing claim (or an earlier draft) already says are left out."""
    shown = check.result.files[-1].shown  # the would-be file is the last one loaded
    draft_at_line = dict(zip(check.appended.first_lines, check.kept, strict=True))
    existing: list[Claim] = []
    new: dict[int, Claim] = {}
    for claim in check.result.data.claims:
        src = claim.source
        if src is not None and src.file == shown and src.line in draft_at_line:
            new[draft_at_line[src.line]] = claim
        else:
            existing.append(claim)
    seen = {duplicate_key(c) for c in existing}
    keep, skipped = [], []
    for i in check.kept:
        if i not in new:  # did not resolve: keep it, so the check reports why
            keep.append(i)
            continue
        key = duplicate_key(new[i])
        if key in seen:
            skipped.append(i)
        else:
            seen.add(key)
            keep.append(i)
    return keep, skipped


def _relabel(problems: list[Problem], name: str, appended: Appended,
             labels: list[Label]) -> tuple[list[Problem], list[Problem]]:
    """Problems inside a new claim point at the claim (or its CSV line), not at the would-be file."""
    out, inside = [], []
    for problem in problems:
        where = problem.where
        if where is not None and where.file == name:
            for start, count, label in zip(appended.first_lines, appended.line_count, labels, strict=True):
                if start <= where.line < start + count:
                    if label.line is None:  # lines and columns of the claim as --dry-run prints it
                        problem = replace(problem, where=SourceRef(label.file, where.line - start + 1,
                                                                   where.col))
                    else:  # a CSV row: the message names the field
                        problem = replace(problem, where=SourceRef(label.file, label.line, 1))
                    inside.append(problem)
                    break
        out.append(problem)
    return out, inside
