"""One claim -> YAML text in the layout of docs/format.md.

A claim to write is a `ClaimFields` mapping: field name -> the text as it
should be read back (numbers and dates as written), a list (P-codes), or a
mapping (`area`, `period`, `inferred`). Keys are written in the order of
`hfig.load.schema.CLAIM_FIELDS`, so the layout follows the format by itself.
Every scalar is written so that hfig's loader reads back exactly the text given:
plain when that is safe, quoted otherwise.
"""

from __future__ import annotations

import math
import re

from hfig.core.qualifiers import VAGUE_LEXICON
from hfig.load.layout import AREA_FIELDS, CLAIM_FIELDS, PERIOD_FIELDS

Nested = dict[str, str | list[str]]
FieldValue = str | list[str] | Nested
ClaimFields = dict[str, FieldValue]

NUMBER_FIELDS = frozenset({"value", "value_max", "household_size", "household_size_max", "credibility"})
DATE_FIELDS = frozenset({"as_of", "published", "start", "end"})
BOOL_FIELDS = frozenset({"disputed", "cumulative"})

_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?([eE][+]?[0-9]+)?")
_DATE = re.compile(r"~?\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}-(early|mid|late)|\d{4}-\d{2}|\d{4}")
_FLOW_SAFE = re.compile(r"[A-Za-z0-9~][A-Za-z0-9_.~\-]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def double_quoted(text: str) -> str:
    """A one-line YAML double-quoted scalar: every break and unprintable character escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def text_scalar(text: str) -> str:
    """Plain when YAML (any version) reads it back as this very string; else quoted on one line."""
    if not text.isprintable():
        return double_quoted(text)
    import yaml

    dumped = yaml.safe_dump(text, width=math.inf, allow_unicode=True, default_flow_style=False)
    if dumped.endswith("\n...\n"):
        dumped = dumped[: -len("\n...\n")]
    dumped = dumped.rstrip("\n")
    if "\n" in dumped or not dumped:
        return double_quoted(text)
    return dumped


def scalar(key: str, text: str) -> str:
    """`text` for field `key`: numbers, dates and booleans plain, so editors see their types."""
    if key in NUMBER_FIELDS and (_NUMBER.fullmatch(text) or (key == "value" and text in VAGUE_LEXICON)):
        return text
    if key in DATE_FIELDS and _DATE.fullmatch(text):
        return text
    if key in BOOL_FIELDS and text in ("true", "false"):
        return text
    return text_scalar(text)


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(_flow_scalar("", i) for i in items) + "]"


def _flow_scalar(key: str, text: str) -> str:
    if scalar(key, text) == text and _FLOW_SAFE.fullmatch(text):
        return text
    return double_quoted(text)  # plain text may hold , [ ] { } which flow style reserves


def _order(fields: Nested | ClaimFields, known: tuple[str, ...]) -> list[str]:
    if not known:  # `inferred`: the reasons stay in the order they were given
        return list(fields)
    rank = {name: i for i, name in enumerate(known)}
    return sorted(fields, key=lambda k: (rank.get(k, len(rank)), k))


_NESTED_ORDER = {"area": AREA_FIELDS, "period": PERIOD_FIELDS, "inferred": ()}


def render_claim(fields: ClaimFields, dash_indent: int = 2, key_indent: int | None = None,
                 newline: str = "\n") -> str:
    """The claim as a block sequence item, '- ' at `dash_indent`, keys at `key_indent`."""
    keys_at = dash_indent + 2 if key_indent is None else key_indent
    lines: list[str] = []
    for key in _order(fields, CLAIM_FIELDS):
        value = fields[key]
        pad = " " * keys_at
        if isinstance(value, str):
            lines.append(f"{pad}{text_scalar(key)}: {scalar(key, value)}")
        elif isinstance(value, list):
            lines.append(f"{pad}{text_scalar(key)}: {_flow_list(value)}")
        else:
            lines.append(f"{pad}{text_scalar(key)}:")
            for sub in _order(value, _NESTED_ORDER.get(key, ())):
                inner = value[sub]
                written = _flow_list(inner) if isinstance(inner, list) else scalar(sub, inner)
                lines.append(f"{pad}  {text_scalar(sub)}: {written}")
    first = lines[0][keys_at:]
    lines[0] = " " * dash_indent + "- " + " " * (keys_at - dash_indent - 2) + first
    return "".join(line + newline for line in lines)


def render_flow_claim(fields: ClaimFields) -> str:
    """The claim as a one-line flow mapping, for files that write `claims: [{...}, ...]`."""
    parts = []
    for key in _order(fields, CLAIM_FIELDS):
        value = fields[key]
        if isinstance(value, str):
            written = _flow_scalar(key, value)
        elif isinstance(value, list):
            written = _flow_list(value)
        else:
            inner = [
                f"{_flow_scalar('', sub)}: "
                + (_flow_list(v) if isinstance(v, list) else _flow_scalar(sub, v))
                for sub in _order(value, _NESTED_ORDER.get(key, ()))
                for v in [value[sub]]
            ]
            written = "{" + ", ".join(inner) + "}"
        parts.append(f"{_flow_scalar('', key)}: {written}")
    return "{" + ", ".join(parts) + "}"
