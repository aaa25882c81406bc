"""Text helpers that keep character offsets: folding, paragraphs and sentences.

Every matcher in hfig.extract runs on `fold(text)`, which has exactly the same
length as the text, so an offset found in the folded text is an offset in the
text the user gave.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec import Struct

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "`": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def fold(text: str) -> str:
    """Same length as `text`: accents dropped, typographic quotes and dashes made ASCII."""
    if "`" in text:
        text = text.replace("`", "'")  # (the one ASCII character folded)
    if text.isascii():
        return text
    # only the few characters outside ASCII are replaced: translating every character of a 100 KB
    # text (or looping over them) took as long as reading its numbers
    return _NON_ASCII.sub(_fold_match, text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED: dict[str, str] = {}


def _fold_match(m: re.Match[str]) -> str:
    ch = m.group()
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = _FOLDED[ch] = _fold_char(ch)
    return folded


def _fold_char(ch: str) -> str:
    """A quote or dash made ASCII, else the character without its accent (the first of its
    compatibility decomposition)."""
    ch = ch.translate(_QUOTES)
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)
    return base[0] if base else ch


def starting_with(letters: str, pattern: str) -> str:
    """`pattern` behind a look-ahead for the characters its matches start with.

    A scan that ignores case tries every alternative of a pattern at every position of the text; one
    character test first passes over most positions at a fraction of the cost (a third of the time of
    the date-word scan of every sentence). `letters` must hold the first character of every match.
    """
    return rf"(?=[{letters}])(?:{pattern})"


class Sentence(Struct, frozen=True):
    start: int
    end: int
    paragraph: int
    index: int  # position in the document

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]


_ABBREVIATIONS = {
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "dr",
    "mr",
    "mrs",
    "ms",
    "st",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "approx",
    "u.s",
    "u.n",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "fig",
    "p",
    "pp",
    "para",
    "art",
    "ca",
    "est",
    "govt",
    "gov",
    "sen",
    "rep",
    "brig",
    "prof",
}
_PARA = re.compile(r"\r?\n[ \t\r]*\n[\r\n]*|\r?\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)|\r(?!\n)[ \t]*\r")
_END = re.compile(
    r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9-•*])|[.!?]+[\"')\]]*\s*$|;(?=\s)"
    r"|(?<=\))\.(?=[A-Z0-9])"  # "... yet unknown).471 casualties": a missing space after a bracket
)


# A blank line after a word or a comma, before a lowercase word, is a line wrapped by a converter.
_MID_SENTENCE = re.compile(r"[a-z0-9,]$")
_GOES_ON = re.compile(r"[a-z]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank lines and list items separate paragraphs."""
    spans = []
    pos = 0
    for m in _PARA.finditer(text):
        if _MID_SENTENCE.search(text, max(0, m.start() - 1), m.start()) and _GOES_ON.match(text, m.end()):
            continue  # "forced tens of thousands\n\nto flee": a hard wrap inside a sentence, not a break
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if text[s:e].strip():
            out.extend(_split_lines(text, s, e))
    return out


_LINE = re.compile(r"[^\r\n]*(?:\r?\n|$)")


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Short lines without a full stop (headings, 'in numbers' boxes) stand alone.

    Prose wrapped at a fixed width has long lines; a line under 60 characters
    that does not end a sentence, followed by one that starts like a new item,
    is a heading or a list line of its own.
    """
    out: list[tuple[int, int]] = []
    pos = start
    for m in _LINE.finditer(text, start, end):
        line = m.group().rstrip()
        if not m.group() or m.end() >= end:
            break
        nxt = text[m.end() : m.end() + 1]
        if len(line.strip()) < 60 and not line.endswith((",", "-", ";")) and (nxt.isupper() or nxt.isdigit()):
            if text[pos : m.start() + len(line)].strip():
                out.append((pos, m.start() + len(line)))
            pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences with offsets. Abbreviations ('Gen.', 'U.N.') and decimals do not end one."""
    folded = fold(text)
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(folded)):
        pos = p_start
        for m in _END.finditer(folded, p_start, p_end):
            token = _word_before(folded, pos, m.start() + 1).lower().rstrip(".")
            if m.group().startswith(".") and (token in _ABBREVIATIONS or _LETTER.fullmatch(token)):
                continue
            _add(out, folded, pos, m.end(), p_index)
            pos = m.end()
        _add(out, folded, pos, p_end, p_index)
    return out


_LAST_WORD = re.compile(r"([\w.]+)\.*$")
_LETTER = re.compile(r"[a-z]")


def _word_before(folded: str, start: int, end: int) -> str:
    """The run of word characters and dots that ends at `end` ('U.N.', 'Gen.'), within `start`.

    Looked for in the last 40 characters first: a search of the whole sentence so far, at every full
    stop of a long paragraph, was most of the splitter's time.
    """
    near = max(start, end - 40)
    word = _LAST_WORD.search(folded, near, end)
    if word is not None and word.start() == near > start:
        word = _LAST_WORD.search(folded, start, end)  # (a run longer than the window: read it whole)
    return word.group(1) if word else ""


MAX_SENTENCE = 1000
MAX_NUMBERS = 60
"""The longest sentence read as one: characters, and numbers in it. The rules look at each
figure's whole sentence, so their work grows with the sentence's length times its numbers: a text
with no sentence ends (a binary file, a table flattened to one line, a list of 5,000 numbers) took
minutes. In the 221 real evaluation texts the longest sentence has 790 characters and the most
numbered one 24 numbers; a longer run is cut at a clause or word break."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _add(out: list[Sentence], folded: str, start: int, end: int, paragraph: int) -> None:
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    while (limit := _limit(folded, start, end)) < end:
        cut = _cut(folded, start, limit)
        _add(out, folded, start, cut, paragraph)
        start = cut
        while start < end and folded[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph, len(out)))


def _limit(folded: str, start: int, end: int) -> int:
    """Where a sentence from `start` must end at the latest (`end` when it may run on)."""
    limit = min(end, start + MAX_SENTENCE)
    for count, m in enumerate(_NUMBER.finditer(folded, start, limit), 1):
        if count > MAX_NUMBERS:
            return m.start()
    return limit


def _cut(folded: str, start: int, limit: int) -> int:
    """Where to end an over-long sentence: after its last clause break (a semicolon or comma and
    a space) in the second half of the run allowed, else at its last space there, else at the limit."""
    half = (start + limit) // 2
    clause = max(folded.rfind("; ", half, limit), folded.rfind(", ", half, limit))
    if clause != -1:
        return clause + 1
    space = max(folded.rfind(" ", half, limit), folded.rfind("\n", half, limit))
    return space if space > start else limit


def squash(text: str) -> str:
    """Whitespace runs (line breaks of a wrapped paragraph) become one space."""
    # (str.split knows the same whitespace as the regex \s+ it replaces, at a fifth of the time)
    return " ".join(text.split())
