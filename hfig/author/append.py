"""Append claims to a data file without touching a byte already in it.

The file is composed (not constructed) with PyYAML to find where its
`claims:` list ends; the new records are inserted there as text, in the
file's own indentation and line endings. Nothing before or after the insertion
point changes: comments, order, quoting and blank lines stay as they were. The
only bytes ever removed are an empty flow list `[]` or an explicit null
(`~`, `null`) after `claims:`, which the new block list replaces.

The common layout - `claims:` is the file's last top-level key and holds an
indented block list of mappings - is recognised from the text alone
(`tail_layout`), without composing the file, and the claims go at its end.
"""

from __future__ import annotations

import re

from msgspec import Struct

from hfig.author.emit import ClaimFields, render_claim, render_flow_claim

NEW_FILE_HEAD = "hfig: 1\n\nclaims:\n"


class AppendError(Exception):
    """The file cannot be appended to as it stands; the message says why."""


class Appended(Struct, frozen=True):
    data: bytes
    first_lines: list[int]  # the 1-based line where each new claim starts in the new text
    line_count: list[int]  # how many lines each new claim spans
    at_end: bool = False  # the claims were added at the very end of the file, after its old bytes


def append_claims(old: bytes | None, claims: list[ClaimFields], name: str = "the file") -> Appended:
    """The bytes of the file with `claims` added at the end of its `claims:` list."""
    if old is None:
        return _assemble("", NEW_FILE_HEAD, claims, "\n", 2, 4, "")
    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError:
        raise AppendError(f"{name} is not UTF-8 text; hfig will not rewrite it") from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    newline = "\r\n" if "\r\n" in body else "\n"
    layout = tail_layout(body)
    if layout is not None:
        appended = _assemble(bom + _with_final_newline(body, newline), "", claims, newline, *layout, "")
        return Appended(appended.data, appended.first_lines, appended.line_count, at_end=True)
    root = _compose(body, name)
    import yaml

    if root is None:
        prefix = _with_final_newline(body, newline)
        return _assemble(bom + prefix, "claims:" + newline, claims, newline, 2, 4, "")
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise AppendError(f"{name} is not a block mapping with sections such as 'claims:'; "
                          "hfig can only append to such a file")
    keys = [k for k, _ in root.value]
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "claims"]
    if not found:
        prefix = _with_final_newline(body, newline)
        if prefix.strip() and not prefix.endswith(newline * 2):
            prefix += newline
        return _assemble(bom + prefix, "claims:" + newline, claims, newline, 2, 4, "")
    key, node = found[-1]
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "tag:yaml.org,2002:null":
            raise AppendError(f"{name}:{node.start_mark.line + 1}: 'claims' should be a list, "
                              f"not {node.value!r}; fix it before adding")
        return _replace_empty(body, bom, node, claims, newline, key.start_mark.column)
    if not isinstance(node, yaml.SequenceNode):
        raise AppendError(f"{name}:{node.start_mark.line + 1}: 'claims' should be a list, not a mapping")
    if node.flow_style:
        if not node.value:
            return _replace_empty(body, bom, node, claims, newline, key.start_mark.column)
        return _append_flow(body, bom, node, claims, newline, key.start_mark.column)
    dash = node.start_mark.column
    first = node.value[0]
    keys_at = first.start_mark.column if isinstance(first, yaml.MappingNode) and not first.flow_style \
        else dash + 2
    if key is keys[-1]:
        prefix, suffix = _with_final_newline(body, newline), ""
    else:
        at = _line_after(body, _content_end(node.value[-1]))
        prefix, suffix = body[:at], body[at:]
        if not prefix.endswith("\n"):
            prefix += newline
    return _assemble(bom + prefix, "", claims, newline, dash, keys_at, suffix)


_TOP_LEVEL = re.compile(r"^[^\s#].*$", re.M)
_CLAIMS_KEY = re.compile(r"claims:[ \t]*(?:#.*)?")
_FIRST_ENTRY = re.compile(r"( +)-( +)[A-Za-z_][A-Za-z0-9_]*:(?:[ \t]|$)")


def tail_layout(body: str) -> tuple[int, int] | None:
    """(dash column, key column) when `claims:` is the last top-level key and an indented block
    list of mappings follows it; None when the text alone cannot tell (the file is composed then).

    A line at column 0 that is not a comment starts a top-level key (block scalars and the
    entries of an indented list sit deeper), so the last such line is the key whose value
    runs to the end of the file.
    """
    if "\r" in body or "\t" in body or "\n---" in body or "\n..." in body:
        return None  # CR line ends, tabs, document markers: leave them to the composer
    last = None
    for last in _TOP_LEVEL.finditer(body):  # noqa: B007 - only the last one matters
        pass
    if last is None or not _CLAIMS_KEY.fullmatch(last.group()):
        return None
    start = last.end() + 1
    while start < len(body):  # the first entry: line by line, not a split of the whole list
        end = body.find("\n", start)
        line = body[start:] if end < 0 else body[start:end]
        start = len(body) if end < 0 else end + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _FIRST_ENTRY.match(line)
        if entry is None:
            return None
        dash = len(entry.group(1))
        return dash, dash + 1 + len(entry.group(2))
    return None


def _compose(body: str, name: str) -> object:
    import yaml

    try:
        loader: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - PyYAML without its C parser
        loader = yaml.SafeLoader
    try:
        return yaml.compose(body, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise AppendError(f"{name}{where}: not valid YAML ({exc.problem}); fix it first "
                          "(hfig validate shows every problem)") from None
    except yaml.YAMLError as exc:
        raise AppendError(f"{name}: not valid YAML ({exc}); fix it first") from None


def _with_final_newline(body: str, newline: str) -> str:
    return body if not body or body.endswith("\n") else body + newline


def _line_after(body: str, index: int) -> int:
    """The start of the line after the one holding `index` (or `index` if it starts a line)."""
    if index == 0 or body[index - 1] == "\n":
        return index
    end = body.find("\n", index)
    return len(body) if end < 0 else end + 1


def _content_end(node: object) -> int:
    """Where the last character of a node's own text is: block collections end at the
    next token (after trailing comments), so look inside them."""
    import yaml

    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        return max(_content_end(n) for pair in node.value for n in pair) if node.value else 0
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max(_content_end(n) for n in node.value) if node.value else 0
    assert isinstance(node, yaml.Node)
    return int(node.end_mark.index)


def _replace_empty(body: str, bom: str, node: object, claims: list[ClaimFields], newline: str,
                   key_column: int) -> Appended:
    """`claims:`, `claims: []`, `claims: ~`: the empty value gives way to a block list."""
    import yaml

    assert isinstance(node, yaml.Node)
    start, end = node.start_mark.index, node.end_mark.index
    at = _line_after(body, end)
    head = body[:start] + body[end:at]
    if not head.endswith("\n"):
        head += newline
    return _assemble(bom + head, "", claims, newline, key_column + 2, key_column + 4, body[at:])


def _append_flow(body: str, bom: str, node: object, claims: list[ClaimFields], newline: str,
                 key_column: int) -> Appended:
    """`claims: [{...}, ...]`: the new claims join the flow list, one per line."""
    import yaml

    assert isinstance(node, yaml.SequenceNode)
    at = node.value[-1].end_mark.index
    pad = " " * (key_column + 2)
    prefix = body[:at]
    line = prefix.count("\n") + 2
    inserted = "".join(f",{newline}{pad}{render_flow_claim(c)}" for c in claims)
    new = bom + prefix + inserted + body[at:]
    return Appended(new.encode("utf-8"), [line + i for i in range(len(claims))], [1] * len(claims))


def _assemble(prefix: str, head: str, claims: list[ClaimFields], newline: str, dash: int,
              keys_at: int, suffix: str) -> Appended:
    line = prefix.count("\n") + head.count("\n") + 1
    blocks, first_lines, counts = [], [], []
    for claim in claims:
        block = render_claim(claim, dash, keys_at, newline)
        blocks.append(block)
        first_lines.append(line)
        counts.append(block.count("\n"))
        line += block.count("\n")
    new = prefix + head + "".join(blocks) + suffix
    return Appended(new.encode("utf-8"), first_lines, counts)
