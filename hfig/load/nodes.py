"""The tree a record file is read into: scalars with their raw text, mappings, sequences.

Kept apart from the YAML parser (hfig.load.tree) so that code which only
walks trees, or only needs these types, does not import PyYAML.
"""

from __future__ import annotations

from msgspec import Struct, field

from hfig.core.model import SourceRef


class Scalar(Struct, frozen=True):
    text: str
    plain: bool  # unquoted: YAML 1.1 would have guessed its type
    tag: str
    ref: SourceRef

    @property
    def is_null(self) -> bool:
        return self.plain and self.tag == "tag:yaml.org,2002:null"


class Mapping(Struct):
    ref: SourceRef
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


class Sequence(Struct):
    ref: SourceRef
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence
