"""Run a function over a list of items in a forked child process, and get the results back.

    with fork_map(work, first_half) as child:
        mine = [work(item) for item in second_half]   # meanwhile, in this process
        theirs = child.results()                      # a list, or None: then do first_half here

One job, for the cold load of a large data set (docs/performance.md): the
child computes `[func(item) for item in items]` and sends the list back
through a pipe, pickled. Pickle is acceptable here, unlike in the cache: the
bytes go from a process this one forked, running this code, straight to this
process through a pipe nobody else holds; nothing is read from disk or from
anyone else. (The cache on disk stays pickle-free: a file is data, never code.)

Anything that goes wrong - fork refused, the function raising, the child
killed or exiting early, a short or garbled message - gives `results() ->
None`, never an exception: the caller then does the work itself. The child
always ends with `os._exit`, so it never runs the parent's atexit handlers,
never flushes the parent's buffered output, and never returns into the
caller's stack (a test runner's, say).

Only on Linux, and only while this process has a single thread: a fork copies
just the calling thread, and a lock another thread held would stay locked in
the child forever. (There is no timeout: a child that never ended would keep
`results()` waiting, and with one thread at the fork nothing can hold it up.)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_HEADER = struct.Struct("<Q")  # the length of the pickle that follows
_PIPE_SIZE = 1 << 20  # ask for a 1 MB pipe (Linux allows this much unprivileged): fewer round trips


def available() -> bool:
    """Can this process fork a helper safely? Linux, os.fork, and no other thread running."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
            and _threads() == 1)


def _threads() -> int:
    """Threads in this process, counting those a C library started (which `threading` does not see)."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0  # unknown: do not fork


class Forked(Generic[T, R]):
    """A child computing `[func(item) for item in items]`; see `fork_map`."""

    def __init__(self, func: Callable[[T], R], items: Sequence[T]) -> None:
        self._func = func
        self._items = items
        self._pid = 0  # no child (not started, or fork failed, or already reaped)
        self._pipe = -1

    def __enter__(self) -> Forked[T, R]:
        self._start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop(kill=True)

    def _start(self) -> None:
        if not available():
            return
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return
        with contextlib.suppress(OSError, AttributeError):
            import fcntl

            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        try:
            pid = os.fork()
        except OSError:  # no memory, too many processes: this process does the work
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:
            _child(self._func, self._items, read_end, write_end)  # never returns
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def results(self) -> list[R] | None:
        """The child's results, in the order of the items; None if anything went wrong."""
        if not self._pid:
            return None
        try:
            with open(self._pipe, "rb", closefd=True) as pipe:
                self._pipe = -1  # closed with the file object
                message = pipe.read()  # until the child closes its end: it has finished, or died
        except OSError:
            message = b""
        results = _unpickle(message)  # while the child's exit (freeing its memory) goes on
        if not self._stop(kill=False) or type(results) is not list or len(results) != len(self._items):
            return None
        return results

    def _stop(self, *, kill: bool) -> bool:
        """Close the pipe and reap the child (killing it first if asked). Did it exit cleanly?"""
        if self._pipe != -1:
            with contextlib.suppress(OSError):
                os.close(self._pipe)
            self._pipe = -1
        if not self._pid:
            return False
        pid, self._pid = self._pid, 0
        if kill:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(pid, 0)
        except OSError:  # ChildProcessError: reaped by someone else; we cannot know how it ended
            return False
        return os.waitstatus_to_exitcode(status) == 0


def fork_map(func: Callable[[T], R], items: Sequence[T]) -> Forked[T, R]:
    """Compute `[func(item) for item in items]` in a forked child, while this process goes on.

    Use it as a context manager: leaving the block reaps the child (killing it
    if `results()` was never asked for). Without a child (not Linux, threads
    running, fork refused), `results()` is None at once.
    """
    return Forked(func, items)


def _child(func: Callable[[T], R], items: Sequence[T], read_end: int, write_end: int) -> NoReturn:
    """The forked child's whole life: compute, write the results to the pipe, `os._exit`."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: just end; the parent has its own
        os.close(read_end)
        results = [func(item) for item in items]
        payload = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(write_end, _HEADER.pack(len(payload)))
        _write_all(write_end, payload)
        os.close(write_end)
        code = 0
    except BaseException:  # whatever it was (a broken pipe too), the parent does these items itself
        pass
    finally:
        os._exit(code)


def _unpickle(message: bytes) -> object:
    """The results in a message from the child, or None if it is cut short or garbled."""
    if len(message) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack_from(message)
    if len(message) != _HEADER.size + size:
        return None
    try:
        # Our own forked child's bytes, through our own pipe: see the module docstring.
        return pickle.loads(memoryview(message)[_HEADER.size:])
    except Exception:
        return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
