"""The second core for a cold load of a large data set (Linux): two forked helpers.

- `fork_map(func, items, mine)`: a child computes `[func(item) for item in items]`
  while this process runs `mine()`, and sends its list back through a pipe,
  pickled (hfig.cache.fast reads part of the files so).
- `run_detached(job)`: a child runs `job` and nobody waits for it (hfig.cache
  writes a large entry so while the command answers).

Only on Linux, and only while this process runs a single thread: a fork copies
just the calling thread, and a lock another thread held would stay locked in
the child forever. Elsewhere, or if the fork is refused, the caller does the
work itself. A child always ends with `os._exit`, so it never runs the
parent's atexit handlers, never flushes its buffered output, and never returns
into the caller's stack (a test runner's, say).

Pickle is acceptable here, unlike in the cache: the bytes go from a process
this one forked, running this code, straight to this process through a pipe
nobody else holds; nothing is read from disk or from anyone else.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
M = TypeVar("M")

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


def _fork(child: Callable[[], object]) -> int:
    """Fork a child that runs `child()` and ends; its pid here (0 if no child could be forked)."""
    if not available():
        return 0
    try:
        pid = os.fork()
    except OSError:  # no memory, too many processes
        return 0
    if pid == 0:
        code = 1
        try:
            child()
            code = 0
        except BaseException:  # whatever it was, the parent (or the next run) does the work itself
            pass
        finally:
            os._exit(code)
    return pid


def run_detached(job: Callable[[], object]) -> bool:
    """Start `job` in a child nobody waits for and return at once; False if no child was started.

    The child's stdin, stdout and stderr are /dev/null from its first step, so it holds none of
    the command's output pipes open: a reader of `hfig ... | head` or `$(hfig ...)` sees the end
    of the output when the command ends, not when the job does.
    """
    def detached() -> None:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        job()

    return _fork(detached) != 0


def fork_map(func: Callable[[T], R], items: Sequence[T], mine: Callable[[], M]) -> tuple[M, list[R] | None]:
    """`mine()`, run here while a forked child computes `[func(item) for item in items]`: its
    result, and the child's list, or None if there was no child or anything went wrong with it
    (it raised, was killed, exited early, or its answer was cut short or garbled). Without a
    child, nothing is computed for `items`: the caller does that itself."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return mine(), None
    with contextlib.suppress(OSError, AttributeError):
        import fcntl

        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)

    def child() -> None:
        os.close(read_end)
        _write_all(write_end, pickle.dumps([func(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL))
        os.close(write_end)

    pid = _fork(child)
    os.close(write_end)
    with open(read_end, "rb") as pipe:
        if not pid:
            return mine(), None
        try:
            mine_result = mine()
            message = pipe.read()  # until the child closes its end: it has finished, or died
        except BaseException:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            _reap(pid)
            raise
    results = _unpickle(message)  # while the child's exit (freeing its memory) goes on
    if not _reap(pid) or type(results) is not list or len(results) != len(items):
        return mine_result, None
    return mine_result, results


def _reap(pid: int) -> bool:
    """Wait for the child; did it exit cleanly?"""
    if not pid:
        return False
    try:
        _, status = os.waitpid(pid, 0)
    except OSError:  # ChildProcessError: reaped by someone else; we cannot know how it ended
        return False
    return os.waitstatus_to_exitcode(status) == 0


def _unpickle(message: bytes) -> object:
    """The results in a message from the child, or None if it is cut short or garbled (a pickle
    cut short lacks its final STOP, and loading it fails)."""
    try:
        # Our own forked child's bytes, through our own pipe: see the module docstring.
        return pickle.loads(message)
    except Exception:
        return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
