"""load -> validate -> layout -> render -> write: the only place that writes files.

Every output is rendered in memory first; files are written only once every
step has succeeded, all to temporary files first, then all moved into place
(write_all), so a failed or interrupted build never leaves a half-written or
missing PDF where a good one was, nor a mix of old and new files. Files get
normal permissions (0644 under the usual umask).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Collection, Iterator, Mapping, Sequence

import click

from mallette_print.core.errors import BuildError
from mallette_print.core.model import GameData
from mallette_print.core.selection import MANIFEST, Selection, manifest_bytes, select
from mallette_print.draw.xmp import stamp


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked the build for."""

    out: Path
    lang: str
    paper: str = "a4"
    card_size: str = "poker"
    duplex: str = "long"
    offset: tuple[float, float] = (0.0, 0.0)
    guides: bool = False
    ink_saver: bool = False
    print_shop: bool = False
    png_dpi: int | None = None
    board_size: str = "a3"
    cards: tuple[str, ...] = ()
    tts: bool = False


@dataclass(frozen=True)
class Output:
    """One file produced by a build, relative to the output folder."""

    name: str
    content: bytes
    pages: int = 0
    how_to_print: str = ""
    # Paper sheets the file takes when printed as `how_to_print` says (0: not stated).
    # The print plan and the rulebook's print guide list it: every printable output should set it.
    sheets: int = 0
    # The name of another output this one can replace (print one or the other, e.g. the booklet).
    instead_of: str = ""


def paper_label(paper: str) -> str:
    """The paper name printed in how-to-print hints ("A4", "Letter")."""
    return {"a4": "A4", "letter": "Letter"}.get(paper, paper.upper())


Producer = Callable[[GameData, BuildOptions], list[Output]]
# A finisher runs after every producer and sees their outputs (the rulebook lists them in its print guide).
Finisher = Callable[[GameData, BuildOptions, list[Output]], list[Output]]


@dataclass(frozen=True)
class Step:
    """A registered producer; `cards` ones also run for partial prints (--only, --cards, --changed-since)."""

    name: str
    producer: Producer
    cards: bool = False


@dataclass
class Registry:
    """The producers a build runs, in order."""

    steps: list[Step] = field(default_factory=list)
    finishers: list[tuple[str, Finisher]] = field(default_factory=list)

    def add(self, name: str, producer: Producer, cards: bool = False) -> None:
        """Register a producer under a name."""
        self.steps.append(Step(name, producer, cards))

    def add_finisher(self, name: str, finisher: Finisher) -> None:
        """Register a producer that runs after the others and sees their outputs (full builds only)."""
        self.finishers.append((name, finisher))

    def step_names(self, partial: bool) -> list[str]:
        """The steps a build runs, in order (a partial print runs only the card steps)."""
        names = [s.name for s in self.steps if s.cards or not partial]
        return names if partial else names + [name for name, _ in self.finishers]


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, and how long each step took."""

    out: Path
    outputs: tuple[Output, ...]
    timings: tuple[tuple[str, float], ...]
    partial: bool
    # The outputs of each step that ran, by step name (watch mode keeps them for the next rulebook).
    by_step: tuple[tuple[str, tuple[Output, ...]], ...] = ()


def default_registry(opts: BuildOptions | None = None) -> Registry:
    """Every output the project knows how to build (the optional ones when `opts` asks for them)."""
    from mallette_print.board.outputs import board_outputs
    from mallette_print.cards.outputs import produce_cards
    from mallette_print.rulebook.outputs import rulebook_outputs

    reg = Registry()
    reg.add("cards", produce_cards, cards=True)
    if opts is not None and opts.tts:
        from mallette_print.cards.tts import tts_outputs

        reg.add("tts", tts_outputs, cards=True)
    reg.add("board", board_outputs)
    reg.add_finisher("rulebook", rulebook_outputs)
    return reg


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
    try:
        os.unlink(tmp)
    except OSError:
        pass


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


def run_build(data: GameData, opts: BuildOptions, registry: Registry | None = None,
              selection: Selection | None = None,
              progress: Callable[[str], None] | None = None,
              only: Collection[str] | None = None,
              earlier: Mapping[str, Sequence[Output]] | None = None) -> BuildReport:
    """Render every output in memory, then write them all; nothing is written if any step fails.

    `only` restricts the build to the named steps (watch mode redoes what changed); `earlier` gives the outputs
    of steps not run this time, so that a finisher (the rulebook's print guide) still sees every file.
    """
    registry = registry or default_registry()
    selection = selection or Selection()
    earlier = earlier or {}
    card_opts = opts
    if selection.active:
        # Card outputs print only the chosen cards, but still see the whole game (an actor names its resources).
        chosen = tuple(c.id for _, c in select(data, selection).cards())
        if not chosen:
            raise click.UsageError("nothing to print: no card matches the selection")
        card_opts = dataclasses.replace(opts, cards=chosen)
    steps = [s for s in registry.steps if (s.cards or not selection.active) and (only is None or s.name in only)]
    outputs: list[Output] = []
    by_step: dict[str, list[Output]] = {}
    timings: list[tuple[str, float]] = []
    for step in steps:
        if progress:
            progress(step.name)
        t0 = time.perf_counter()
        made = step.producer(data, card_opts if step.cards else opts)
        by_step[step.name] = made
        outputs.extend(made)
        timings.append((step.name, time.perf_counter() - t0))
    if not selection.active:
        for name, finisher in registry.finishers:
            if only is not None and name not in only:
                continue
            if progress:
                progress(name)
            t0 = time.perf_counter()
            seen = [o for s in registry.steps for o in by_step.get(s.name, earlier.get(s.name, ()))]
            made = finisher(data, opts, seen)
            by_step[name] = made
            outputs.extend(made)
            timings.append((name, time.perf_counter() - t0))
        if only is None or any(s.cards and s.name in only for s in registry.steps):
            outputs.append(Output(MANIFEST, manifest_bytes(data)))
    # Every PDF gets the licence in XMP, whoever produced it (see xmp.py: still reproducible).
    outputs = [replace(o, content=stamp(o.content, data, opts.lang)) if o.name.lower().endswith(".pdf") else o
               for o in outputs]
    stamped = {o.name: o for o in outputs}
    try:
        write_all(opts.out, outputs)
    except OSError as exc:
        raise BuildError(f"cannot write to {opts.out}: {exc.strerror or exc}") from None
    return BuildReport(opts.out, tuple(outputs), tuple(timings), selection.active,
                       tuple((name, tuple(stamped[o.name] for o in made)) for name, made in by_step.items()))
