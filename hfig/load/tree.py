"""YAML text -> a small tree of scalars, mappings and sequences with positions.

We compose with PyYAML (its C parser when available) but never let it
*construct* Python values: YAML 1.1 would turn `no` into False, `012` into 10,
`12:30` into 750 and `2019-02-30` into a ValueError. Scalars keep their raw
text; the schema decides what each field means. Composing also sees aliases
and duplicate keys, which construction hides.
"""

from __future__ import annotations

import yaml

from hfig.core.model import Problem, SourceRef
from hfig.load.nodes import Mapping, Node, Scalar, Sequence

try:  # the C parser is several times faster; PyYAML builds without it exist
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ALIAS_BUDGET = 10_000
"""Nodes that aliases may add beyond the file's own: enough for shared blocks,
far too few for a 'billion laughs' file to cost time or memory."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}
MERGE_TAG = "tag:yaml.org,2002:merge"


class TreeError(Exception):
    """The file cannot be read as a tree at all; the problem says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_yaml(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    """Compose one YAML document into a `Node` tree, reporting every problem found."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _ref(file, mark) if mark else SourceRef(file, 1, 1)
        return None, [Problem("yaml-syntax", _syntax_message(exc), where)]
    except yaml.YAMLError as exc:  # e.g. more than one document in the file
        return None, [Problem("yaml-syntax", str(exc).strip(), SourceRef(file, 1, 1))]
    if root is None:
        return None, []
    builder = _Builder(file)
    try:
        builder.check_aliases(root)
        tree = builder.build(root)
    except TreeError as exc:
        return None, [exc.problem]
    return tree, builder.problems


def _ref(file: str, mark: yaml.Mark) -> SourceRef:
    return SourceRef(file, mark.line + 1, mark.column + 1)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) if parts else "YAML syntax error"


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def check_aliases(self, root: yaml.Node) -> None:
        """Refuse files whose aliases would expand far beyond their own size."""
        sizes: dict[int, int] = {}
        own: set[int] = set()
        active: set[int] = set()

        def expanded(node: yaml.Node) -> int:
            key = id(node)
            if key in sizes:
                return sizes[key]
            if key in active:
                raise TreeError(
                    Problem(
                        "yaml-alias",
                        "an alias refers to the node that contains it",
                        _ref(self.file, node.start_mark),
                    )
                )
            own.add(key)
            active.add(key)
            total = 1
            if isinstance(node, yaml.MappingNode):
                total += sum(expanded(k) + expanded(v) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                total += sum(expanded(v) for v in node.value)
            active.discard(key)
            sizes[key] = total
            if total > len(own) + ALIAS_BUDGET:
                raise TreeError(
                    Problem(
                        "yaml-alias",
                        f"anchors and aliases here expand to more than {ALIAS_BUDGET:,} extra "
                        "nodes; write the records out instead",
                        _ref(self.file, node.start_mark),
                    )
                )
            return total

        expanded(root)

    def build(self, node: yaml.Node) -> Node:
        ref = _ref(self.file, node.start_mark)
        if node.tag not in _STANDARD_TAGS:
            raise TreeError(
                Problem("yaml-tag", f"tag {node.tag!r} is not allowed: hfig reads plain YAML only", ref)
            )
        if isinstance(node, yaml.ScalarNode):
            return Scalar(str(node.value), not node.style, node.tag, ref)  # C parser: "", pure: None
        if isinstance(node, yaml.SequenceNode):
            return Sequence(ref, [self.build(v) for v in node.value])
        assert isinstance(node, yaml.MappingNode)
        mapping = Mapping(ref)
        merged: list[Mapping] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged.extend(self._merge_sources(value_node))
                continue
            key = self.build(key_node)
            if not isinstance(key, Scalar):
                self.problems.append(Problem("yaml-key", "keys must be plain text", key.ref))
                continue
            if key.text in mapping.items:
                first = mapping.items[key.text][0].ref
                self.problems.append(
                    Problem(
                        "duplicate-key",
                        f"key {key.text!r} appears twice in this mapping (first at line "
                        f"{first.line}); YAML would silently keep only the last",
                        key.ref,
                    )
                )
                continue
            mapping.items[key.text] = (key, self.build(value_node))
        for source in merged:  # explicit keys win over merged ones, as YAML says
            for name, item in source.items.items():
                mapping.items.setdefault(name, item)
        return mapping

    def _merge_sources(self, node: yaml.Node) -> list[Mapping]:
        built = self.build(node)
        sources = built.items if isinstance(built, Sequence) else [built]
        out = []
        for source in sources:
            if isinstance(source, Mapping):
                out.append(source)
            else:
                self.problems.append(Problem("yaml-merge", "'<<' merges only mappings", source.ref))
        return out
