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
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from hfig.core.model import SourceRef

# A line's items and key: "- - key: value" gives the value's offset.
_KEY = re.compile(r"(?:-[ \t]+)*(?:[^\s#'\"\[{&*!|>%@`][^#]*?:(?:[ \t]+|$))?")
# A quoted scalar that ends on its line ('it''s', "a \" b"), and what may follow it there.
QUOTED_TO_LINE_END = r"""(?:'(?:[^'\n]|'')*'|"(?:[^"\\\n]|\\.)*")(?:[ \t]+#.*)?[ \t]*\r?"""
# A value that ends on its line: a complete quoted scalar or flow collection, else plain text.
_CLOSED = re.compile(rf"""(?:{QUOTED_TO_LINE_END}|[\[{{][^\n#'"]*[\]}}](?:[ \t]+#.*)?[ \t]*\r?)""")
# The value on the key's own line: not empty, not a comment, not a block scalar or collection.
_VALUE = re.compile(r"[ \t]+(?=[^\s#|>\[{])")


_BLOCK = 4096


class FileText:
    """A file's text, and where a line of it starts.

    A warning asks for one position or a few in a file: its lines are counted a block of
    characters at a time (in C), and a line's start is found within its block when asked.
    Splitting the whole text into lines instead took 2 ms a file of 460 KB, 0.2 s for the 63
    warnings of a data set of 100,000 claims spread over 62 files.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        blocks = range(0, len(text), _BLOCK)
        # the number of line breaks before each block
        self._breaks = list(accumulate((text.count("\n", at, at + _BLOCK) for at in blocks), initial=0))

    def line_start(self, line: int) -> int | None:
        """The offset where this line (1-based) starts, or None if the text has no such line."""
        passed = line - 1  # the line breaks before it
        if not 0 < passed <= self._breaks[-1]:
            return 0 if passed == 0 else None
        block = bisect_left(self._breaks, passed) - 1  # the block holding the last of them
        at = block * _BLOCK - 1
        for _ in range(passed - self._breaks[block]):
            at = self.text.find("\n", at + 1)
        return at + 1


def field_ref(file: FileText, entry: SourceRef, field: str) -> SourceRef | None:
    """The mark PyYAML gives the value of `field` in the claim mapping whose first key is at `entry`."""
    start = file.line_start(entry.line)
    if start is None or entry.col < 1:
        return None
    first = start + entry.col - 1
    if first > line_end(file.text, start):
        return None  # no such column on that line: PyYAML decides
    return field_at(file.text, first, entry, field)


def field_at(text: str, first: int, entry: SourceRef, field: str) -> SourceRef | None:
    """`field_ref`, where the entry's first key is known to be at offset `first` of `text`."""
    ends, key = _patterns(entry.col - 1, field)
    stop = ends.search(text, first)
    limit = stop.start() if stop else len(text)
    if text.startswith(field + ":", first):  # the first key shares the line of the list item's dash
        at, line = first, entry.line
    else:
        found = key.search(text, first, limit)
        if found is None:
            return None  # the entry has no such field, or it is written in a way this does not read
        at = found.end() - len(field) - 1
        line = entry.line + text.count("\n", first, at)
    # Every line from the entry to the field must end what it opens (else a quote may hide the key).
    checked = -1
    for opener in _OPENERS.finditer(text, first, line_end(text, at)):
        line_start = max(text.rfind("\n", 0, opener.start()) + 1, first)
        if line_start != checked:
            checked = line_start
            body = line_start
            while text[body] == " ":
                body += 1
            if not _closes(text, body, line_end(text, line_start)):
                return None
    value = _VALUE.match(text, at + len(field) + 1, line_end(text, at))
    if value is None:
        return None  # empty, a comment, a block scalar or a collection: PyYAML decides
    return SourceRef(entry.file, line, value.end() - text.rfind("\n", 0, at))


_OPENERS = re.compile(r"['\"\[{]")


@lru_cache(maxsize=64)
def _patterns(indent: int, field: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The end of an entry at `indent` (a line less indented, not blank nor a comment), and its key."""
    return (re.compile(rf"\n(?! {{{indent}}})[ ]*[^ \r\n#]"),
            re.compile(rf"\n {{{indent}}}{re.escape(field)}:"))


def line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _closes(text: str, at: int, end: int) -> bool:
    """Does nothing on this line open a quote or a flow collection that goes on past it?"""
    key = _KEY.match(text, at, end)
    value = key.end() if key else at
    if value >= end or text[value] not in "'\"[{":
        return True  # plain text (whose next lines are deeper), or nothing
    return _CLOSED.fullmatch(text, value, end) is not None
