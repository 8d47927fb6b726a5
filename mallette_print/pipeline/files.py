"""Writing files atomically: every output to a temporary file beside its place, then all moved into place.

A failed or interrupted build never leaves a half-written or missing file where a good one was, nor a mix of old
and new files. Files get normal permissions (0644 under the usual umask).
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from mallette_print.pipeline.options import Output


def _file_mode() -> int:
    """The mode a new file gets here (0644 under the usual umask 022): mkstemp alone would give 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(path: Path, content: bytes) -> str:
    """Write bytes to a new temporary file beside `path` (normal permissions); return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.chmod(tmp, _file_mode())
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    with suppress(OSError):
        os.unlink(tmp)


def write_atomic(path: Path, content: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then move it into place."""
    tmp = _write_temp(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C back for a moment (main thread only), then raise it once the block is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[object] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    except ValueError:  # not allowed here (embedded interpreter): go on unprotected
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def write_all(out: Path, outputs: list[Output]) -> None:
    """Write every output as one change: all to temporary files first, then all moved into place.

    A failure or Ctrl-C while writing the temporary files removes them and leaves the folder as it was;
    the moves themselves (renames, instant) run with Ctrl-C held back, so a build never leaves a mix of old
    and new files.
    """
    temps: list[tuple[str, Path]] = []
    try:
        for o in outputs:
            temps.append((_write_temp(out / o.name, o.content), out / o.name))
        with _sigint_deferred():
            while temps:
                tmp, path = temps[0]
                os.replace(tmp, path)
                temps.pop(0)
    finally:
        for tmp, _ in temps:
            _discard(tmp)
