"""The build's progress bar on stderr: shown only on a terminal, and only once a build has run about a second.

Quick builds (a partial print, a small game) print nothing but their plan; a
full build of the real game spends several seconds in one step (the
rulebook), so a ticker thread redraws the bar with the elapsed time while a
step runs, and the user sees the build is alive. The line is erased at the end
so the print plan starts on a clean line.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

WIDTH = 24


class BuildProgress:
    """A step counter drawn as `[#####.....] 2/3 rulebook 3.1 s`; use as a context manager."""

    def __init__(
        self, total: int, stream: TextIO | None = None, delay: float = 1.0, interval: float = 0.25, force: bool = False
    ) -> None:
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = force or bool(getattr(self.stream, "isatty", lambda: False)())
        self.delay, self.interval = delay, interval
        self.done = 0
        self.current = ""
        self.drawn = False
        self._t0 = time.perf_counter()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> BuildProgress:
        if self.enabled:
            self._thread = threading.Thread(target=self._tick, name="mallette-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self.drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()

    def step(self, name: str) -> None:
        """A new step starts (the previous one, if any, is done)."""
        with self._lock:
            if self.current:
                self.done += 1
            self.current = name

    def line(self) -> str:
        """The bar as it would be drawn now."""
        filled = WIDTH * self.done // self.total
        elapsed = time.perf_counter() - self._t0
        return (
            f"[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} "
            f"{self.current or 'starting'} {elapsed:.1f} s"
        )

    def _tick(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            with self._lock:
                self.stream.write("\r\x1b[K" + self.line())
                self.stream.flush()
                self.drawn = True
            self._stop.wait(self.interval)
