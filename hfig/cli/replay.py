"""Answer a question asked before on unchanged data by printing what was printed then.

A command registered with `answers=` runs through `answered`: if the same
request (command, options, terminal width and colour) was answered on a data
set whose every file is unchanged (hfig.cache.fingerprint), the stored output
is written again, byte for byte, stdout and stderr in their order, and nothing
is loaded or computed. Otherwise the command runs while its output is recorded,
and the recording is stored if the command succeeded and no input file changed
while it ran. docs/performance.md says why and when.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from hfig.cache.answers import MAX_BYTES, STDERR, STDOUT


class Recording:
    """What a command wrote, as (stream, UTF-8 bytes) chunks; `complete` is False once something
    escaped it."""

    def __init__(self) -> None:
        self.chunks: list[tuple[int, list[bytes]]] = []
        self.size = 0
        self.complete = True

    def add(self, stream: int, data: bytes) -> None:
        if not self.complete:
            return
        self.size += len(data)
        if self.size > MAX_BYTES:
            self.complete = False
            self.chunks.clear()
        elif self.chunks and self.chunks[-1][0] == stream:
            self.chunks[-1][1].append(data)
        else:
            self.chunks.append((stream, [data]))

    def result(self) -> list[tuple[int, bytes]]:
        return [(stream, b"".join(parts)) for stream, parts in self.chunks]


DIRECT = 1 << 20
"""From this many characters a write is encoded once, here, and its bytes both written and kept:
encoding 37 MB of JSON (not all ASCII) to UTF-8 takes about 0.04 s."""


class _Tee:
    """A text stream that writes through to the real one and records what passed, as the UTF-8
    (surrogateescape) bytes an answer keeps."""

    def __init__(self, stream: TextIO, number: int, recording: Recording) -> None:
        self._stream = stream
        self._number = number
        self._recording = recording
        self._direct = _writes_utf8_bytes(stream)

    def write(self, text: str) -> int:
        if self._direct and len(text) >= DIRECT:
            # What the stream would write, or the error it would raise (its errors are strict or
            # surrogateescape, whose bytes are then the answer's too).
            data = text.encode("utf-8", self._stream.errors or "strict")
            self._stream.flush()
            self._stream.buffer.write(data)
            written = len(text)
        else:
            written = self._stream.write(text)
            data = text.encode("utf-8", "surrogateescape")
        self._recording.add(self._number, data)
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> Any:
        self._recording.complete = False  # bytes written past us would be missing from the answer
        return self._stream.buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _writes_utf8_bytes(stream: TextIO) -> bool:
    """Does writing text to this stream write its UTF-8 bytes, unchanged, to `stream.buffer`?"""
    import codecs
    import os

    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        return (utf8 and stream.errors in ("strict", "surrogateescape") and os.linesep == "\n"
                and hasattr(stream, "buffer"))
    except (AttributeError, LookupError, TypeError):
        return False


def plain(value: Any) -> Any:
    """An option's value as JSON, or raise TypeError for a kind the request cannot hold."""
    if isinstance(value, Enum):
        return plain(value.value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Path):
        return str(value.resolve())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    raise TypeError(type(value).__name__)


def request_of(command: str, params: dict[str, Any]) -> dict[str, Any] | None:
    """Everything the printed answer depends on besides the data and hfig's code, or None."""
    from hfig import __version__
    from hfig.cache.store import dumps
    from hfig.cli.base import terminal_width, use_color

    try:
        options = {k: plain(v) for k, v in sorted(params.items()) if k != "data"}
        request = {"command": command, "options": options, "width": terminal_width(), "color": use_color(),
                   "hfig": __version__}
        dumps(request)  # an option JSON cannot hold (a lone surrogate from argv): not stored
    except TypeError:
        return None
    return request


def answered(command: str, params: dict[str, Any], run: Callable[[], Any]) -> None:
    """Replay the stored answer to this request, or run the command and store its answer."""
    from hfig.cache import disabled_by_env, store, watched_paths
    from hfig.cache import fingerprint as fp
    from hfig.cache.answers import read, request_key, write
    from hfig.cli.context import active_files

    request = request_of(command, params)
    folder = store.cache_dir()
    if request is None or disabled_by_env() or store.safe_folder(folder) is not None:
        run()
        return
    watched = watched_paths(active_files(params.get("data")))
    read_at = fp.now_ns()
    stats = fp.stat_files(watched)
    if stats is None:
        run()
        return
    key = request_key(fp.identity(watched), request)
    stored = read(folder, key, request, stats)
    if stored is not None:
        for stream, text in stored:
            (sys.stdout if stream == STDOUT else sys.stderr).write(text)
        return
    # Hash recently modified files before the command reads them (as the data-set cache does).
    fingerprint = fp.fingerprint(stats, read_at, packages=fp.ANSWER_PACKAGES)
    recording = _record(run)
    if recording.complete and fingerprint and fp.stat_files(watched) == stats:
        write(folder, key, fingerprint, request, recording.result())


def _record(run: Callable[[], Any]) -> Recording:
    recording = Recording()
    out, err = sys.stdout, sys.stderr
    sys.stdout = _Tee(out, STDOUT, recording)
    sys.stderr = _Tee(err, STDERR, recording)
    try:
        run()
    finally:
        sys.stdout, sys.stderr = out, err
    return recording
