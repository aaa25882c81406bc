"""A status line on stderr for work that takes more than a second: what hfig is doing, and for how long.

Only when stderr is a terminal: pipes, logs, CI and tests never see it. It is
written to the process's own stderr, so a stored answer (hfig.cli.replay)
never records it, and it is erased before the command's own output ends. A
command names its stages (`stage("reconciling 100,000 claims")`); a thread
shows the current one, with the seconds spent, once the command has run for
`DELAY` seconds. A cold load's progress bar (hfig.cache.progress) has the line
to itself while it runs: the loading stage is left unnamed.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

DELAY = 1.0
TICK = 0.5

_current: str | None = None


def stage(text: str | None) -> None:
    """What the command is doing now (None: nothing to show, e.g. while a progress bar runs)."""
    global _current
    _current = text


@contextlib.contextmanager
def status_line(enabled: bool | None = None) -> Iterator[None]:
    """Show the current stage on stderr while the block runs, if it runs past DELAY."""
    err = _stderr()
    if not (enabled if enabled is not None else _is_terminal(err)):
        yield
        return
    done = threading.Event()
    shown = threading.Event()
    started = time.monotonic()

    def tick() -> None:
        if done.wait(DELAY):
            return
        while not done.is_set():
            text = _current
            if text:
                err.write(f"\r\x1b[Khfig: {text} ({time.monotonic() - started:.0f} s)")
                err.flush()
                shown.set()
            done.wait(TICK)

    thread = threading.Thread(target=tick, name="hfig-status", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        stage(None)
        if shown.is_set():
            err.write("\r\x1b[K")
            err.flush()


def _stderr() -> Any:
    return sys.__stderr__ or sys.stderr


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
