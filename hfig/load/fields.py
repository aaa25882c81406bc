"""Typed readers for single fields of the tree, each reporting a located problem.

Every reader returns the value or None, and appends to `problems` instead of
raising, so one run reports everything wrong with a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from hfig.core.dates import DateSyntaxError, FuzzyDate, parse_fuzzy_date
from hfig.core.limits import max_chars, number_problem, text_problem
from hfig.core.model import Problem
from hfig.load.nodes import Mapping, Node, Scalar, Sequence

E = TypeVar("E", bound=Enum)

_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?([eE][+]?[0-9]+)?")
_SEPARATED = re.compile(r"-?[0-9]{1,3}([,  ’'][0-9]{3})+(\.[0-9]+)?")
_SIXTY = re.compile(r"[0-9]+(:[0-5]?[0-9])+")


class FieldReader:
    """Reads the fields of one mapping, remembering which keys were used."""

    def __init__(self, mapping: Mapping, what: str, problems: list[Problem]) -> None:
        self.mapping = mapping
        self.what = what
        self.problems = problems
        self.used: set[str] = set()

    def node(self, key: str, required: bool = False) -> Node | None:
        self.used.add(key)
        item = self.mapping.items.get(key)
        if item is None or (isinstance(item[1], Scalar) and item[1].is_null):
            if required:
                self.problems.append(
                    Problem("missing-field", f"{self.what} needs the field {key!r}", self.mapping.ref)
                )
            return None
        return item[1]

    def error(self, node: Node, code: str, message: str) -> None:
        self.problems.append(Problem(code, message, node.ref))

    def scalar(self, key: str, required: bool = False) -> Scalar | None:
        node = self.node(key, required)
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self.error(node, "wrong-type", f"{key!r} should be a single value, not a list or mapping")
            return None
        return node

    def text(self, key: str, required: bool = False) -> str | None:
        """Any scalar as the text written: `no` stays 'no', `012` stays '012'."""
        node = self.scalar(key, required)
        if node is None:
            return None
        if not node.text.strip():
            if required:
                self.error(node, "missing-field", f"{key!r} is empty")
            return None
        return node.text if checked_text(node, key, self.problems) else None

    def number(self, key: str, required: bool = False) -> float | None:
        node = self.scalar(key, required)
        return None if node is None else number_of(node, key, self.problems)

    def boolean(self, key: str, default: bool) -> bool:
        node = self.scalar(key)
        if node is None:
            return default
        if node.text in ("true", "false"):
            return node.text == "true"
        self.error(
            node,
            "wrong-type",
            f"{key!r} should be true or false, not {shown(node.text)} (YAML 1.1 reads yes/no/on/off "
            "as booleans; hfig asks for true or false to be sure)",
        )
        return default

    def date(self, key: str, required: bool = False) -> FuzzyDate | None:
        node = self.scalar(key, required)
        return None if node is None else date_of(node, key, self.problems)

    def choice(self, key: str, enum: type[E], default: E | None = None, required: bool = False) -> E | None:
        node = self.scalar(key, required)
        if node is None:
            return default
        return choice_of(node, key, enum, self.problems)

    def text_list(self, key: str) -> list[Scalar]:
        node = self.node(key)
        if node is None:
            return []
        if isinstance(node, Scalar):
            return [node] if checked_text(node, key, self.problems) else []
        if isinstance(node, Sequence):
            out = []
            for item in node.items:
                if isinstance(item, Scalar):
                    if checked_text(item, key, self.problems):
                        out.append(item)
                else:
                    self.error(item, "wrong-type", f"each entry of {key!r} should be a single value")
            return out
        self.error(node, "wrong-type", f"{key!r} should be a list")
        return []

    def mapping_of(self, key: str) -> Mapping | None:
        node = self.node(key)
        if node is None:
            return None
        if not isinstance(node, Mapping):
            self.error(node, "wrong-type", f"{key!r} should be a mapping of fields")
            return None
        return node

    def finish(self, allowed: Iterable[str]) -> None:
        """Unknown keys are usually typos: report them with the closest known key."""
        known = set(allowed)
        for name, (key, _) in self.mapping.items.items():
            if name not in known:
                hint = did_you_mean(name, known)
                self.problems.append(
                    Problem("unknown-field", f"{self.what} has no field {name!r}{hint}", key.ref)
                )


def checked_text(node: Scalar, key: str, problems: list[Problem]) -> bool:
    """Is this scalar's text fit for the field (length, no control characters)? Else a problem."""
    problem = text_problem(node.text, max_chars(key))
    if problem is None:
        return True
    problems.append(Problem("bad-text", f"{key!r} {problem}", node.ref))
    return False


def shown(text: str, width: int = 40) -> str:
    """The text for a message: quoted, and cut when long."""
    return repr(text) if len(text) <= width else f"{text[:width]!r}... ({len(text):,} characters)"


def number_of(node: Scalar, key: str, problems: list[Problem]) -> float | None:
    text = node.text.strip()
    if _NUMBER.fullmatch(text):
        if len(text) > 1 and text[0] == "0" and text[1].isdigit():
            # YAML 1.1 reads 012 as octal 10; a reader sees twelve. Refuse to guess.
            message = f"{key!r} is {shown(text)}: write it without the leading zero"
            problems.append(Problem("number-format", message, node.ref))
            return None
        value = float(text)
        if (problem := number_problem(value)) is not None:
            problems.append(Problem("number-range", f"{key!r} {shown(text)} {problem}", node.ref))
            return None
        return int(value) if value.is_integer() else value
    if text.startswith("-") and _NUMBER.fullmatch(text[1:]):
        written = text if len(text) <= 40 else shown(text)
        problems.append(Problem("negative-value", f"{key!r} cannot be negative ({written})", node.ref))
        return None
    if _SEPARATED.fullmatch(text):
        plain = re.sub(r"[,  ’']", "", text)
        problems.append(
            Problem(
                "number-format",
                f"{key!r} is {text!r}: write the number without separators, as {plain}",
                node.ref,
            )
        )
        return None
    if node.plain and _SIXTY.fullmatch(text):
        problems.append(
            Problem(
                "number-format",
                f"{key!r} is {text!r}, which YAML 1.1 reads as a base-60 number; write a plain number",
                node.ref,
            )
        )
        return None
    problems.append(Problem("wrong-type", f"{key!r} should be a number, not {shown(text)}", node.ref))
    return None


def date_of(node: Scalar, key: str, problems: list[Problem]) -> FuzzyDate | None:
    try:
        return parse_fuzzy_date(node.text)
    except DateSyntaxError as exc:
        problems.append(Problem("bad-date", f"{key!r}: {exc}", node.ref))
        return None


def choice_of(node: Scalar, key: str, enum: type[E], problems: list[Problem]) -> E | None:
    try:
        return enum(node.text)
    except ValueError:
        options = sorted(str(e.value) for e in enum)
        hint = did_you_mean(node.text, options)
        problems.append(
            Problem(
                f"unknown-{key.replace('_', '-')}",
                f"{shown(node.text)} is not a {key}{hint} (expected one of: {', '.join(options)})",
                node.ref,
            )
        )
        return None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    import difflib  # only on the error path

    if len(word) > 100:  # no name is this long, and difflib's time grows with the length
        return ""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
