"""Field positions of claims read without PyYAML, looked up only when something asks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from hfig.core.dataset import DataSet
from hfig.core.model import SourceRef
from hfig.load.paths import DataFile, read_regular

if TYPE_CHECKING:
    from hfig.cache.locate import FileText

# Files whose text is kept for field positions: a few, not all (at 1,000,000 claims with a
# warning in every file, keeping every text raised the peak of a cold load from 1.9 to 3.0 GB).
_TEXTS_KEPT = 4


class LazyRefs(Mapping[str, Mapping[str, SourceRef]]):
    """Where each field of each claim was written, read with PyYAML only when asked.

    Claims read by the fast path (or from the cache) carry their own position
    (`Claim.source`); their field positions cost a PyYAML read of the file, which
    is done once per file, the first time one of its claims is looked up.
    """

    def __init__(self, known: dict[str, Mapping[str, SourceRef]],
                 lazy: dict[str, tuple[DataFile, SourceRef]], order: list[str],
                 located: dict[tuple[str, str], SourceRef] | None = None) -> None:
        self._known = known
        self._lazy = lazy  # claim id -> the file and entry position of the claim whose refs these are
        self._order = order  # claim ids in the order `load()` would have added them
        # (claim id, field) -> what `field` answers, found by the fast path while it had the text
        self._located = located or {}
        self._by_file: dict[DataFile, dict[SourceRef, str]] | None = None  # built on the first read
        self._texts: dict[DataFile, FileText | None] = {}
        self._pending: tuple[DataSet, dict[str, DataFile]] | None = None

    @classmethod
    def of_claims(cls, data: DataSet, files: dict[str, DataFile]) -> LazyRefs:
        """For a data set whose claims all carry their source: the index is built on first use, if ever
        (and only then are the claims themselves asked for: hfig.cache.lazy builds them on demand)."""
        refs = cls({}, {}, [])
        refs._pending = (data, files)
        return refs

    def _index(self) -> None:
        if self._pending is None:
            return
        data, files = self._pending
        self._pending = None
        for claim in data.claims:
            if claim.id not in self._lazy and claim.source is not None:
                self._lazy[claim.id] = (files[claim.source.file], claim.source)
                self._order.append(claim.id)

    def __getitem__(self, claim_id: str) -> Mapping[str, SourceRef]:
        self._index()
        if claim_id in self._known:
            return self._known[claim_id]
        if claim_id not in self._lazy:
            raise KeyError(claim_id)  # as a dict would
        return _ClaimRefs(self, claim_id)

    def field(self, claim_id: str, name: str) -> SourceRef | None:
        """One field's position: from the file's text when a line tells it, else from PyYAML."""
        from hfig.cache.locate import FileText, field_ref  # only a reported problem asks: not on start-up

        found = self._located.get((claim_id, name))
        if found is not None:
            return found
        file, entry = self._lazy[claim_id]
        if file not in self._texts:
            if len(self._texts) >= _TEXTS_KEPT:  # checks go claim by claim, so file by file
                del self._texts[next(iter(self._texts))]
            try:
                self._texts[file] = FileText(read_regular(file.path).decode("utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                self._texts[file] = None
        text = self._texts[file]
        found = field_ref(text, entry, name) if text is not None else None
        return found or self.fields(claim_id).get(name)

    def fields(self, claim_id: str) -> Mapping[str, SourceRef]:
        """Every field's position, read with PyYAML (once per file)."""
        if claim_id not in self._known:
            file, _ = self._lazy[claim_id]
            if self._by_file is None:  # one pass over the claims, not one per file read
                self._by_file = {}
                for cid, (f, where) in self._lazy.items():
                    self._by_file.setdefault(f, {})[where] = cid
            wanted = self._by_file.pop(file, None)
            if wanted is not None:
                from hfig.load.loader import read_content  # PyYAML, only when positions are asked for

                for draft in read_content(file, []).claims:
                    if wanted.get(draft.ref) == draft.id:
                        self._known.setdefault(draft.id, draft.refs)
        return self._known.get(claim_id, {})

    def __iter__(self) -> Iterator[str]:
        self._index()
        return iter(self._order)

    def __len__(self) -> int:
        self._index()
        return len(self._order)


class _ClaimRefs(Mapping[str, SourceRef]):
    """One claim's field positions: a field asked for alone is found in the text if it can be."""

    def __init__(self, refs: LazyRefs, claim_id: str) -> None:
        self._refs, self._id = refs, claim_id

    def __getitem__(self, name: str) -> SourceRef:
        found = self._refs.field(self._id, name)
        if found is None:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._refs.fields(self._id))

    def __len__(self) -> int:
        return len(self._refs.fields(self._id))
