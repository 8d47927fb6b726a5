"""Writing files atomically: every output to a temporary file beside its place, then all moved into place.

A failed or interrupted build never leaves a half-written or missing file where a good one was, nor a mix of old
and new files, nor a temporary file. Ctrl-C is held back for the whole write and honoured only at safe points
(before each temporary file is made), where everything made so far is removed: an interrupt at any instant
leaves the folder as it was, or, once the moves have begun, the complete new set. A build killed outright
(SIGKILL, a power cut) can leave `.NAME.XXXXXXXX.tmp` files: the next build removes those, and only files
named so, from the folders it writes to. Files get normal permissions (0644 under the usual umask).
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from mallette_print.pipeline.options import Output

# Our temporary files: `.NAME.XXXXXXXX.tmp` (mkstemp's 8 random characters); nothing else is removed unasked.
TEMP_PATTERN = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def _file_mode() -> int:
    """The mode a new file gets here (0644 under the usual umask 022): mkstemp alone would give 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(path: Path, content: bytes, made: list[str]) -> str:
    """Write bytes to a new temporary file beside `path` (normal permissions); its name goes into `made` at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    made.append(tmp)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    os.chmod(tmp, _file_mode())
    return tmp


def _discard(tmp: str) -> None:
    with suppress(OSError):
        os.unlink(tmp)


@contextmanager
def _sigint_held() -> Iterator[Callable[[], None]]:
    """Hold Ctrl-C back (main thread only); yield a checkpoint that raises it where the block can clean up.

    A Ctrl-C not raised at a checkpoint is raised when the block ends.
    """
    caught: list[object] = []

    def checkpoint() -> None:
        if caught:
            caught.clear()
            raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield checkpoint
        return
    try:
        previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    except ValueError:  # not allowed here (embedded interpreter): go on unprotected
        yield checkpoint
        return
    try:
        yield checkpoint
    finally:
        signal.signal(signal.SIGINT, previous)
    checkpoint()


def remove_stale_temps(folders: Iterable[Path], names: set[str] | None = None) -> list[Path]:
    """Remove the temporary files a killed build left in these folders (ours only, by name); return them.

    With `names`, only the temporary files of those file names (for a file written alone in a folder not ours).
    """
    removed: list[Path] = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            m = TEMP_PATTERN.match(entry.name)
            if m and (names is None or m["name"] in names) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _output_folders(out: Path, outputs: list[Output]) -> list[Path]:
    """Where a build writes or wrote: the output folder, its subfolders (png/, tts/...), those of these outputs."""
    folders = {out, *((out / o.name).parent for o in outputs)}
    with suppress(OSError):
        folders.update(Path(e.path) for e in os.scandir(out) if e.is_dir(follow_symlinks=False))
    return sorted(folders)


def write_atomic(path: Path, content: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then move it into place."""
    write_all(path.parent, [Output(path.name, content)], sweep=False)


def write_all(out: Path, outputs: list[Output], sweep: bool = True) -> None:
    """Write every output as one change: all to temporary files first, then all moved into place.

    A failure or Ctrl-C while writing the temporary files removes them and leaves the folder as it was;
    the moves themselves (renames, instant) are never interrupted, so a build never leaves a mix of old
    and new files. Stale temporary files of a killed build are removed first: any of ours in the output folder and
    its subfolders (`sweep`), else only those of the files written now.
    """
    with _sigint_held() as checkpoint:
        if sweep:
            remove_stale_temps(_output_folders(out, outputs))
        else:
            remove_stale_temps({(out / o.name).parent for o in outputs}, {Path(o.name).name for o in outputs})
        made: list[str] = []
        try:
            temps = []
            for o in outputs:
                checkpoint()
                temps.append((_write_temp(out / o.name, o.content, made), out / o.name))
            for tmp, path in temps:
                os.replace(tmp, path)
                made.remove(tmp)
        finally:
            for tmp in made:
                _discard(tmp)
