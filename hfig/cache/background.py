"""Run a job in a detached child process, so that the command's answer does not wait for it.

Used to write a large cache entry (encoding and writing 100,000 claims takes
about 0.6 s) while the command goes on answering, on the other core. Only
where `os.fork` is safe and cheap (Linux); elsewhere the caller runs the job
itself. The child writes nothing to the terminal and holds none of the
command's output pipes open: a reader of `hfig ... | head` or `$(hfig ...)`
sees the end of the output when the command ends, not when the job does.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable


def can_detach() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def run_detached(job: Callable[[], object]) -> bool:
    """Start `job` in a child process and return at once; False if no child could be started."""
    if not can_detach():
        return False
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()  # the child must not write the parent's buffered output a second time
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid:
        return True
    try:  # the child: never returns into the caller
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        job()
    except BaseException:  # whatever happened, the child ends here: an entry not written is rebuilt
        os._exit(1)
    os._exit(0)
