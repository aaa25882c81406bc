"""A progress bar on stderr for cold loads that take more than about a second.

Only when stderr is a terminal: piped or redirected output, CI logs and tests
never see it. rich is imported only once the bar is due.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

DELAY = 1.0
"""Seconds before the bar appears: a quick load shows nothing at all."""


class LoadProgress:
    def __init__(self, paths: list[Path], *, delay: float = DELAY) -> None:
        self.enabled = _is_terminal()
        self.delay = delay
        self.started = time.monotonic()
        self.done = 0
        self.total = 0
        if self.enabled:
            for path in paths:
                with contextlib.suppress(OSError):
                    self.total += path.stat().st_size
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> LoadProgress:
        return self

    def advance(self, size: int) -> None:
        self.done += size
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("hfig: reading data"), BarColumn(), DownloadColumn(),
                                 TimeRemainingColumn(), console=Console(file=_stderr()), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("read", total=max(self.total, self.done))
        self._bar.update(self._task, completed=self.done)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr() -> Any:
    """The process's own stderr: the bar is not part of a command's answer (hfig.cli.replay records
    what passes through sys.stderr, and would replay a bar's control codes)."""
    return sys.__stderr__ or sys.stderr


def _is_terminal() -> bool:
    try:
        return bool(_stderr().isatty())
    except (AttributeError, ValueError):
        return False
