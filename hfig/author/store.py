"""Add claims to a data file: check them with the data set they join, then write atomically.

Checking never re-implements the rules: the file as it would be after the
append is built in memory and given to `hfig.load.loader.load` together with
the rest of the data set, exactly as `hfig validate` would read it. Only when
that load is clean is the file written (atomically, under the writers' lock),
read back and loaded once more; if that last check fails the old bytes are put
back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from hfig.author.append import Appended, append_claims
from hfig.author.atomic import WriteError, read_bytes, target_of, update_file
from hfig.author.emit import ClaimFields
from hfig.core.dataset import DataSet
from hfig.core.model import Claim, Problem, Severity, SourceRef
from hfig.load.loader import LoadResult, load
from hfig.load.paths import DataFile

_NOT_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


class InvalidClaims(Exception):
    """The claims (or the file they join) do not validate; nothing was written."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


@dataclass(frozen=True)
class Label:
    """How a problem inside a new claim is located for the user: a CSV line, or the claim itself."""

    file: str
    line: int | None = None  # None: lines counted inside the claim's YAML (as --dry-run prints it)


@dataclass
class Written:
    path: Path
    ids: list[str]
    yaml: str  # the text appended (what --dry-run shows)
    skipped: list[int] = field(default_factory=list)  # indexes of drafts that duplicated a claim
    warnings: list[Problem] = field(default_factory=list)
    created: bool = False


Prepare = Callable[[DataSet, list[ClaimFields]], list[ClaimFields]]


def duplicate_key(claim: Claim) -> tuple[object, ...]:
    """Claims that say the same thing: claimant, metric, value, qualifier, period and area."""
    return (claim.claimant, claim.metric, claim.value, claim.value_max, claim.qualifier,
            claim.period.start.text if claim.period.start else None, claim.period_end.text,
            claim.area.pcodes)


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

    def change(old: bytes | None) -> bytes:
        written, new = _plan(path, name, old, drafts, others, labels, prepare, skip_duplicates)
        written.created = old is None
        result["w"] = written
        if not written.ids:
            raise _NothingToWrite
        return new

    def verify(data: bytes) -> None:
        # The bytes read back are the very bytes just validated with the whole data set
        # (update_file compares them); reading them once more as a record file catches a
        # file system that returned something else.
        from hfig.load.loader import read_content

        problems: list[Problem] = []
        content = read_content(DataFile(path, name, data.decode("utf-8-sig")), problems)
        expected = result["w"].ids
        got = {c.id for c in content.claims}
        if problems or any(i not in got for i in expected):
            raise InvalidClaims(f"{name} did not validate after writing; the old file was put back",
                                problems)

    if dry_run:
        old = read_bytes(target_of(path))
        written, _ = _plan(path, name, old, drafts, others, labels, prepare, skip_duplicates)
        written.created = old is None
        return written
    try:
        update_file(path, change, verify)
    except _NothingToWrite:
        result["w"].created = False
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
          skip_duplicates: bool) -> tuple[Written, bytes]:
    from hfig.author.append import AppendError

    old_text = _decode(old, name)
    own = [DataFile(path, name, old_text)] if old_text is not None else []
    baseline = load([*others, *own])
    errors = [p for p in baseline.problems if p.severity is Severity.ERROR]
    if errors:
        raise InvalidClaims(
            f"the data set already has {len(errors)} problem{'s' if len(errors) != 1 else ''}; "
            "fix them before adding (hfig validate lists them)", errors)
    ready = prepare(baseline.data, drafts) if prepare else [dict(d) for d in drafts]
    taken = {c.id for c in baseline.data.claims}
    taken |= {i for d in ready if isinstance(i := d.get("id"), str)}
    for draft in ready:
        if not isinstance(draft.get("id"), str):
            new_id = generated_id(draft, taken)
            draft["id"] = new_id
            taken.add(new_id)
    keep = list(range(len(ready)))
    skipped: list[int] = []
    try:
        if skip_duplicates and ready:
            keep, skipped = _without_duplicates(path, name, old, ready, others, baseline)
        kept = [ready[i] for i in keep]
        appended = append_claims(old, kept, name)
    except AppendError as exc:
        raise InvalidClaims(str(exc), []) from None
    new_text = appended.data.decode("utf-8-sig")
    check = load([*others, DataFile(path, name, new_text)])
    problems = _relabel(check.problems, name, appended, [labels[i] for i in keep])
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise InvalidClaims(f"{len(errors)} problem{'s' if len(errors) != 1 else ''}; nothing was written",
                            errors)
    lines = new_text.split("\n")
    added = "\n".join(
        line for start, count in zip(appended.first_lines, appended.line_count, strict=True)
        for line in lines[start - 1:start - 1 + count]
    )
    warnings = [p for p in problems if p not in baseline.problems]
    ids = [str(d["id"]) for d in kept]
    return Written(path, ids, added + "\n" if added else "", skipped, warnings), appended.data


def _without_duplicates(path: Path, name: str, old: bytes | None, ready: list[ClaimFields],
                        others: list[DataFile], baseline: LoadResult) -> tuple[list[int], list[int]]:
    """Drafts that say what an existing claim (or an earlier draft) already says are left out."""
    trial = append_claims(old, ready, name)
    check = load([*others, DataFile(path, name, trial.data.decode("utf-8-sig"))])
    at_line = {c.source.line: c for c in check.data.claims if c.source is not None and c.source.file == name}
    seen = {duplicate_key(c) for c in baseline.data.claims}
    keep, skipped = [], []
    for i, line in enumerate(trial.first_lines):
        claim = at_line.get(line)
        if claim is None:  # did not resolve: keep it, so the final check reports why
            keep.append(i)
            continue
        key = duplicate_key(claim)
        if key in seen:
            skipped.append(i)
        else:
            seen.add(key)
            keep.append(i)
    return keep, skipped


def _relabel(problems: list[Problem], name: str, appended: Appended, labels: list[Label]) -> list[Problem]:
    """Problems inside a new claim point at the claim (or its CSV line), not at the would-be file."""
    out = []
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
                    break
        out.append(problem)
    return out
