"""load -> validate -> layout -> render -> write: the only place that writes files.

Every output is rendered in memory first; files are written only once every
step has succeeded, all at once by `files.write_all`, so a failed or interrupted
build never leaves a half-written or missing PDF where a good one was, nor a mix
of old and new files.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from mallette_print.core.errors import BuildError, DataError, RequestError
from mallette_print.core.model import GameData
from mallette_print.core.selection import MANIFEST, Selection, manifest_bytes, select
from mallette_print.core.units import to_mm
from mallette_print.draw.xmp import source_date_epoch, stamp
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.files import write_all
from mallette_print.pipeline.options import BuildOptions, BuildReport, Output, partial_name
from mallette_print.pipeline.registry import Registry, default_registry


def check_qr_codes(data: GameData, opts: BuildOptions, checked: str = "this build's sizes") -> None:
    """Raise DataError when a QR code would print too small for phones, at this build's card and board sizes."""
    from mallette_print.board.tiling import BOARD_SIZES
    from mallette_print.core.qrfit import qr_problems

    page = BOARD_SIZES.get(opts.board_size)
    when = f"checked at {checked}, --size {opts.card_size} and --board-size {opts.board_size}"
    problems = qr_problems(data, opts.card_size, (to_mm(page[0]), to_mm(page[1])) if page else None, when)
    if problems:
        raise DataError(problems)


def run_build(
    data: GameData,
    opts: BuildOptions,
    registry: Registry | None = None,
    selection: Selection | None = None,
    progress: Callable[[str], None] | None = None,
    only: Collection[str] | None = None,
    earlier: Mapping[str, Sequence[Output]] | None = None,
    ctx: BuildContext | None = None,
) -> BuildReport:
    """Render every output in memory, then write them all; nothing is written if any step fails.

    `only` restricts the build to the named steps (watch mode redoes what changed); `earlier` gives the outputs
    of steps not run this time, so that a finisher (the rulebook's print guide) still sees every file. `ctx`
    holds the build's caches: a new one per build unless the caller keeps one (watch mode).

    The stages, each timed: layout (fit what will be drawn, kept on `ctx`; a text that does not fit stops the
    build here), the producers (draw from those layouts), the finishers (which see the producers' outputs), then
    stamping every PDF with its licence metadata and writing every file at once.
    """
    source_date_epoch()  # an unreadable SOURCE_DATE_EPOCH stops the build before anything is drawn
    check_qr_codes(data, opts)
    ctx = ctx or BuildContext()
    registry = registry or default_registry()
    # --changed-since compares the faces this build prints: in its language, at its card size.
    selection = replace(selection or Selection(), lang=opts.lang, size=opts.card_size)
    earlier = earlier or {}
    card_opts = opts
    if selection.active:
        # Card outputs print only the chosen cards, but still see the whole game (an actor names its resources).
        chosen = tuple(c.id for _, c in select(data, selection).cards())
        if not chosen:
            raise RequestError("nothing to print: no card matches the selection")
        card_opts = dataclasses.replace(opts, cards=chosen, partial=True)
    steps = [s for s in registry.steps if (s.cards or not selection.active) and (only is None or s.name in only)]
    outputs: list[Output] = []
    by_step: dict[str, list[Output]] = {}
    timings: list[tuple[str, float]] = []
    finishing = not selection.active and any(only is None or name in only for name, _ in registry.finishers)
    if any(s.cards for s in steps) or finishing:
        for name, lay_out in registry.layouts:
            if progress:
                progress(name)
            t0 = time.perf_counter()
            lay_out(data, card_opts, ctx)
            timings.append((name, time.perf_counter() - t0))
    for step in steps:
        if progress:
            progress(step.name)
        t0 = time.perf_counter()
        made = step.producer(data, card_opts if step.cards else opts, ctx)
        if selection.active:
            # A partial print never replaces the full build's files: cards-partial.pdf beside cards.pdf.
            made = [
                replace(o, name=partial_name(o.name), instead_of=o.instead_of and partial_name(o.instead_of))
                for o in made
            ]
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
            made = finisher(data, opts, seen, ctx)
            by_step[name] = made
            outputs.extend(made)
            timings.append((name, time.perf_counter() - t0))
        if only is None or any(s.cards and s.name in only for s in registry.steps):
            outputs.append(Output(MANIFEST, manifest_bytes(data, opts.lang, opts.card_size)))
    # Every PDF gets the licence in XMP, whoever produced it (see xmp.py: still reproducible).
    outputs = [
        replace(o, content=stamp(o.content, data, opts.lang)) if o.name.lower().endswith(".pdf") else o for o in outputs
    ]
    stamped = {o.name: o for o in outputs}
    try:
        write_all(opts.out, outputs)
    except OSError as exc:
        raise BuildError(f"cannot write to {opts.out}: {exc.strerror or exc}") from None
    return BuildReport(
        opts.out,
        tuple(outputs),
        tuple(timings),
        selection.active,
        tuple((name, tuple(stamped[o.name] for o in made)) for name, made in by_step.items()),
    )
