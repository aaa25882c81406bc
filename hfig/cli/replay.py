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
from hfig.errors import HfigError


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


class _Tee:
    """A text stream that writes through to the real one and records what passed, as the UTF-8
    (surrogateescape) bytes an answer keeps; bytes written to its buffer are recorded too, where
    they are the UTF-8 of text (hfig.cli.base.write_stdout writes a large answer so)."""

    def __init__(self, stream: TextIO, number: int, recording: Recording) -> None:
        from hfig.cli.base import writes_utf8_bytes

        self._stream = stream
        self._number = number
        self._recording = recording
        self._utf8 = writes_utf8_bytes(stream)

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        self._recording.add(self._number, text.encode("utf-8", "surrogateescape"))
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> Any:
        if not self._utf8:
            self._recording.complete = False  # bytes that are not UTF-8 text could not be replayed
            return self._stream.buffer
        return _RecordedBuffer(self._stream, self._number, self._recording)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _RecordedBuffer:
    """The byte stream under a text stream that writes UTF-8: what is written is recorded too."""

    def __init__(self, stream: TextIO, number: int, recording: Recording) -> None:
        self._stream = stream
        self._number = number
        self._recording = recording

    def write(self, data: bytes) -> int:
        self._stream.flush()  # text written before these bytes goes out before them
        written: int = self._stream.buffer.write(data)
        self._recording.add(self._number, bytes(data))
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream.buffer, name)


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
    try:
        watched = watched_paths(active_files(params.get("data")))
    except HfigError:
        # Data that cannot be listed: the command says so itself, after checking its options
        # in its own order, as it does with the cache off (a bad --as-of is named before a
        # missing --data either way).
        run()
        return
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
