"""Where a claim's field was written, read from the text of a plain block-style file.

A warning names the field it is about (the `origin:` of an echo that differs),
and PyYAML's marks give that position exactly, at the cost of parsing the
whole file again: on a data set with a differing echo in every file, that
doubled a cold load. The files the fast path reads are plain block YAML (no
anchors or tags), so the field is found on one line of its entry, once no
line before it opens a quote or a flow collection that runs on. Whatever is
less certain gives None, and the caller asks PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate

from hfig.core.model import SourceRef

# A line's items and key: "- - key: value" gives the value's offset.
_KEY = re.compile(r"(?:-[ \t]+)*(?:[^\s#'\"\[{&*!|>%@`][^#]*?:(?:[ \t]+|$))?")
# A value that ends on its line: a complete quoted scalar or flow collection, else plain text.
_CLOSED = re.compile(
    r"""(?:'(?:[^'\n]|'')*'|"(?:[^"\\\n]|\\.)*"|[\[{][^\n#'"]*[\]}])(?:[ \t]+#.*)?[ \t]*\r?""")
# The value on the key's own line: not empty, not a comment, not a block scalar or collection.
_VALUE = re.compile(r"[ \t]+(?=[^\s#|>\[{])")


class FileText:
    """A file's text with its line starts, to turn marks into offsets and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        # (from the lengths of the lines: a regex match per line costs ten times more)
        self.starts = [n + i for i, n in enumerate(accumulate(map(len, text.split("\n")), initial=0))][:-1]

    def lines_from(self, ref: SourceRef) -> Iterator[tuple[int, int, int]]:
        """(line, start, end) of the line of `ref` and of each line after it; the first starts at `ref`."""
        if not 1 <= ref.line <= len(self.starts) or ref.col < 1:
            return
        starts, size = self.starts, len(self.text)
        for number in range(ref.line, len(starts) + 1):
            start = starts[number - 1] + (ref.col - 1 if number == ref.line else 0)
            yield number, start, starts[number] - 1 if number < len(starts) else size


def field_ref(file: FileText, entry: SourceRef, field: str) -> SourceRef | None:
    """The mark PyYAML gives the value of `field` in the claim mapping whose first key is at `entry`."""
    text, indent = file.text, entry.col - 1
    for number, start, end in file.lines_from(entry):
        body_at = start + len(text[start:end]) - len(text[start:end].lstrip(" "))
        if number == entry.line:
            body_at = start  # the first key shares the line of the list item's dash
        elif body_at == end or text.startswith("#", body_at):
            continue  # blank or a comment
        elif body_at - start < indent:
            return None  # the entry ended without the field
        if not _closes(text, body_at, end):
            return None  # a quote or collection may run on: PyYAML decides
        is_key = body_at - start == indent or number == entry.line
        if is_key and text.startswith(field + ":", body_at):
            value = _VALUE.match(text, body_at + len(field) + 1, end)
            if value is None:
                return None
            return SourceRef(entry.file, number, value.end() - file.starts[number - 1] + 1)
    return None


def _closes(text: str, at: int, end: int) -> bool:
    """Does nothing on this line open a quote or a flow collection that goes on past it?"""
    key = _KEY.match(text, at, end)
    value = key.end() if key else at
    if value >= end or text[value] not in "'\"[{":
        return True  # plain text (whose next lines are deeper), or nothing
    return _CLOSED.fullmatch(text, value, end) is not None
