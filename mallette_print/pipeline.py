"""load -> validate -> layout -> render -> write: the only place that writes files.

Every output is rendered in memory first; files are written only once every
step has succeeded, each one to a temporary file moved into place, so a failed
build never leaves a half-written or missing PDF where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .errors import BuildError
from .model import GameData
from .xmp import stamp


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
    only: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()


@dataclass(frozen=True)
class Output:
    """One file produced by a build, relative to the output folder."""

    name: str
    content: bytes
    pages: int = 0
    how_to_print: str = ""
    # Paper sheets the file takes when printed as `how_to_print` says (0: one sheet per page).
    # The rulebook's print guide lists it, so a double-sided output should set it.
    sheets: int = 0


Producer = Callable[[GameData, BuildOptions], list[Output]]
# A finisher runs after every producer and sees their outputs (the rulebook lists them in its print guide).
Finisher = Callable[[GameData, BuildOptions, list[Output]], list[Output]]


@dataclass
class Registry:
    """The producers a build runs, in order."""

    producers: list[tuple[str, Producer]] = field(default_factory=list)
    finishers: list[tuple[str, Finisher]] = field(default_factory=list)

    def add(self, name: str, producer: Producer) -> None:
        """Register a producer under a name."""
        self.producers.append((name, producer))

    def add_finisher(self, name: str, finisher: Finisher) -> None:
        """Register a producer that runs last and sees what the others produced."""
        self.finishers.append((name, finisher))


def default_registry() -> Registry:
    """Every output the project knows how to build."""
    from .render.rulebook_output import rulebook_outputs

    reg = Registry()
    reg.add_finisher("rulebook", rulebook_outputs)
    return reg


def write_atomic(path: Path, content: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def run_build(data: GameData, opts: BuildOptions, registry: Registry | None = None) -> list[str]:
    """Render every output, then write them all; return lines describing what was written."""
    registry = registry or default_registry()
    outputs: list[Output] = []
    for _, producer in registry.producers:
        outputs.extend(producer(data, opts))
    for _, finisher in registry.finishers:
        outputs.extend(finisher(data, opts, list(outputs)))
    # Every PDF gets the licence in XMP, whoever produced it (see xmp.py: still reproducible).
    outputs = [replace(o, content=stamp(o.content, data, opts.lang)) if o.name.lower().endswith(".pdf") else o
               for o in outputs]
    try:
        for out in outputs:
            write_atomic(opts.out / out.name, out.content)
    except OSError as exc:
        raise BuildError(f"cannot write to {opts.out}: {exc.strerror or exc}") from None
    lines = [f"Wrote {len(outputs)} file(s) to {opts.out}/"]
    for out in outputs:
        pages = f", {out.pages} page(s)" if out.pages else ""
        lines.append(f"  {out.name} ({len(out.content) // 1024} KiB{pages})" + (f": {out.how_to_print}" if out.how_to_print else ""))
    return lines
