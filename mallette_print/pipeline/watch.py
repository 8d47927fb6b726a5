"""`mallette watch`: rebuild what a change touches, as soon as a file of the game is saved.

What a change redoes (the rest of the output folder is left as it was):

- a deck file (YAML or spreadsheet) or `cards/templates.yaml`: the card outputs (cards.pdf, the PNGs of the cards
  whose face changed when --png is on, with the gallery OUT/gallery/index.html, the TTS sheets with --tts) and
  tokens.pdf;
- `cards/board.yaml`: the board files only;
- a fiche's texts (`cards/fiches/*.yaml`): fiches.pdf;
- `rules/*`: the rulebook only;
- `cards/game.yaml` or anything in `assets/`: everything.

fiches.pdf also follows the cards: each fiche lists the cards that cite it ("in the game"), so a deck edit that
changes what a fiche page says (a citing card's title, a card citing another fiche) rebuilds it too; the other
deck edits leave it as it is.

Cards and board are written first; the rulebook (several seconds) follows once the designer has paused
(no change for IDLE seconds), because it shows the cards too (components, anatomy, print guide) but nobody
waits for it to see a card. A card edit that arrives while the rulebook is being built waits for it.

A change that breaks the data prints the located errors and keeps watching; nothing is written, so the outputs
of the last good build stay in place, and the failed work is retried with the next change. Fitted card layouts
are kept across rebuilds on the watcher's BuildContext (a content-keyed cards/layoutcache.py), so only the
edited deck is fitted again.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mallette_print.cards.layoutcache import LayoutCache
from mallette_print.core.errors import SHEET_SUFFIXES, DataError, MalletteError
from mallette_print.core.model import GameData
from mallette_print.core.selection import Selection
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.files import write_atomic
from mallette_print.pipeline.options import BuildOptions, Output, partial_name
from mallette_print.pipeline.registry import Registry, default_registry
from mallette_print.pipeline.run import run_build

WATCHED = ("cards", "rules", "assets")
IDLE = 0.3  # seconds without a change before the rulebook is rebuilt
CARDS, BOARD, RULEBOOK, TOKENS, FICHES = "cards", "board", "rulebook", "tokens", "fiches"

Echo = Callable[[str, bool], None]


def classify(paths: Iterable[Path], root: Path) -> tuple[set[str], bool]:
    """The parts of the game a set of changed files touches, and whether an asset changed."""
    parts: set[str] = set()
    assets = False
    for path in paths:
        try:
            rel = Path(path).resolve().relative_to(root.resolve())
        except ValueError:
            continue
        top, name = rel.parts[0] if rel.parts else "", rel.name
        if top == "assets":
            parts |= {CARDS, BOARD, FICHES, RULEBOOK}
            assets = True
        elif top == "rules":
            parts.add(RULEBOOK)
        elif top == "cards" and name.lower().endswith((".yaml", ".yml", *SHEET_SUFFIXES)):
            if name.startswith(("~$", ".~lock")):  # a spreadsheet's lock file while the deck is open
                continue
            if len(rel.parts) > 2 and rel.parts[1] == "fiches":  # its print-guide row shows its pages
                parts |= {FICHES, RULEBOOK}
            elif name == "game.yaml":
                parts |= {CARDS, BOARD, FICHES, RULEBOOK}
            elif name == "board.yaml":
                parts |= {BOARD, RULEBOOK}
            else:
                parts |= {CARDS, RULEBOOK}
    return parts, assets


def _default_echo(text: str, err: bool) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


@dataclass
class Watcher:
    """The state kept between rebuilds: the last good game, its outputs and the card layouts."""

    root: Path
    opts: BuildOptions
    selection: Selection = field(default_factory=Selection)
    rulebook: bool = True
    echo: Echo = _default_echo
    load: Callable[[Path], GameData] | None = None
    registry: Registry = field(default_factory=default_registry)
    # The build context kept between rebuilds: its layout cache outlives reloads of the game.
    ctx: BuildContext = field(default_factory=lambda: BuildContext(layouts=LayoutCache()))
    data: GameData | None = None
    pending: set[str] = field(default_factory=set)
    rulebook_stale: bool = False
    outputs: dict[str, tuple[Output, ...]] = field(default_factory=dict)
    faces: dict[tuple[str, str], object] = field(default_factory=dict)
    fiche_pages: object = None  # what the fiches.pdf on disk says (fiches/content.fiche_pages), None: not built
    cycles: int = 0
    verbose: bool = False
    timings: list[tuple[str, float]] = field(default_factory=list)

    def _steps(self, parts: set[str]) -> set[str]:
        names = set()
        for step in self.registry.steps:
            # tokens.pdf comes from the decks (actors, challenges) and game.yaml, as the cards do.
            if (
                (step.cards or step.name == TOKENS)
                and CARDS in parts
                or (step.name in (BOARD, FICHES) and step.name in parts)
            ):
                names.add(step.name)
        return names

    def start(self) -> bool:
        """The first build: cards and board now, the rulebook when idle."""
        return self.changed((), everything=True)

    def changed(self, paths: Iterable[Path], everything: bool = False) -> bool:
        """Rebuild the card and board outputs the changed files touch; True when the build succeeded."""
        paths = list(paths)
        parts, assets = ({CARDS, BOARD, FICHES, RULEBOOK}, True) if everything else classify(paths, self.root)
        if not parts:
            return True
        if assets:
            self.ctx.forget_games()
            self.faces.clear()
        self.pending |= parts
        t0 = time.perf_counter()
        label = _label(paths, self.root) if paths else "start"
        self.timings = []
        try:
            data = (self.load or _load)(self.root)
        except DataError as exc:
            self._fail(label, exc.message)
            return False
        self.timings.append(("load", time.perf_counter() - t0))
        self.data = data
        fiches = self._fiche_pages(data)
        if CARDS in self.pending and fiches != self.fiche_pages:  # the cards citing a fiche changed
            self.pending.add(FICHES)
        steps = self._steps(self.pending)
        written: list[str] = []
        if steps:
            try:
                written = self._build(data, steps)
            except MalletteError as exc:
                self._fail(label, exc.message)
                return False
            except Exception:  # a bug must not end a designer's session: show it, keep watching
                self._fail(label, "internal error (please report it):\n" + traceback.format_exc())
                return False
        if FICHES in steps and not self.selection.active:  # a partial print builds the card outputs only
            self.fiche_pages = fiches
        if RULEBOOK in self.pending and self.rulebook and not self.selection.active:
            self.rulebook_stale = True
        self.pending.clear()
        self.cycles += 1
        if written:
            self.echo(
                f"[{time.strftime('%H:%M:%S')}] {label}: wrote {_summary(written)} in {time.perf_counter() - t0:.2f} s",
                False,
            )
            if self.verbose:
                self.echo("  " + ", ".join(f"{name} {sec:.2f} s" for name, sec in self.timings), False)
        if self.rulebook_stale:
            self.echo("  the rulebook follows when you pause", False)
        return True

    def _fiche_pages(self, data: GameData) -> object:
        """What fiches.pdf would say (the fiches' texts and the cards citing each), to compare with the last."""
        from mallette_print.fiches.content import fiche_pages

        return fiche_pages(data, self.opts.lang)

    def idle(self) -> None:
        """Rebuild the rulebook if a change made it stale (called when no change came for a moment)."""
        if not self.rulebook_stale or self.data is None or self.pending:
            return
        self.rulebook_stale = False
        t0 = time.perf_counter()
        try:
            written = self._build(self.data, {RULEBOOK})
        except MalletteError as exc:
            self._fail("rulebook", exc.message)
            return
        except Exception:
            self._fail("rulebook", "internal error (please report it):\n" + traceback.format_exc())
            return
        self.echo(f"[{time.strftime('%H:%M:%S')}] wrote {_summary(written)} in {time.perf_counter() - t0:.2f} s", False)

    def _build(self, data: GameData, steps: set[str]) -> list[str]:
        opts = self.opts
        png = opts.png_dpi and CARDS in steps
        if png:
            opts = replace(opts, png_dpi=None)  # the PNGs of unchanged cards are left as they are, below
        t0 = time.perf_counter()
        report = run_build(data, opts, self.registry, self.selection, only=steps, earlier=self.outputs, ctx=self.ctx)
        self.timings.extend(report.timings)
        self.timings.append(("stamp and write", time.perf_counter() - t0 - sum(t for _, t in report.timings)))
        self.outputs.update(dict(report.by_step))
        written = [o.name for o in report.outputs]
        if png:
            t0 = time.perf_counter()
            written += self._pngs(data)
            self.timings.append(("png", time.perf_counter() - t0))
        return written

    def _pngs(self, data: GameData) -> list[str]:
        """Rewrite the PNG of every card whose fitted face changed since the last build (all the first time)."""
        from mallette_print.cards.layouts import deck_layouts
        from mallette_print.cards.outputs import face_pngs
        from mallette_print.cards.painter import CardLook
        from mallette_print.core.cardsize import parse_card_size
        from mallette_print.core.selection import select
        from mallette_print.draw.fonts import register_family

        opts = self.opts
        size = parse_card_size(opts.card_size)
        shown = select(data, self.selection)
        changed: list[str] = []
        faces: dict[tuple[str, str], object] = {}
        for deck in shown.decks:
            full = next(d for d in data.decks if d.id == deck.id)
            lays = deck_layouts(self.ctx, data, full, opts.lang, size, register_family())
            if isinstance(lays, list):  # cannot happen: the cards step fitted them already
                raise DataError(lays)
            for card in deck.cards:
                key = (deck.id, card.id)
                faces[key] = lays[card.id]
                if self.faces.get(key) != lays[card.id]:
                    changed.append(card.id)
        self.faces = faces
        if not changed:
            return []
        look = CardLook(size=size, ink_saver=opts.ink_saver, guides=opts.guides)
        pngs = face_pngs(data, opts.lang, look, opts.png_dpi or 150, tuple(changed), self.ctx)
        if self.selection.active:
            # A partial print's PNGs go beside the full build's (png-partial/), and the gallery, which shows
            # the whole game, is left as the last full build made it.
            pngs = [replace(o, name=partial_name(o.name)) for o in pngs]
            for out in pngs:
                write_atomic(opts.out / out.name, out.content)
            return [o.name for o in pngs]
        for out in pngs:
            write_atomic(opts.out / out.name, out.content)
        # The gallery (OUT/gallery/index.html) follows: backs of the decks touched, the page, no stale PNG.
        from mallette_print.cards.preview import finish_gallery

        finish_gallery(self.ctx, data, opts.out, look, opts.card_size, opts.png_dpi or 150, opts.lang, set(changed))
        return [o.name for o in pngs] + ["gallery/index.html"]

    def _fail(self, label: str, message: str) -> None:
        self.echo(f"[{time.strftime('%H:%M:%S')}] {label}: not rebuilt, the previous outputs are kept:", True)
        self.echo(message, True)
        self.echo("Watching for the next change...", True)


def _load(root: Path) -> GameData:
    from mallette_print.core.validate import load_game

    return load_game(root)


def _label(paths: list[Path], root: Path) -> str:
    """The changed files a designer would recognise (an editor's or sed's temporary files left out)."""
    names = sorted(
        {
            str(Path(p).resolve().relative_to(root.resolve()))
            for p in paths
            if classify([p], root)[0] and Path(p).exists()
        }
    )
    return ", ".join(names) or "files removed"


def _summary(names: list[str]) -> str:
    pngs = [n for n in names if n.startswith("png/")]
    tts = [n for n in names if n.startswith("tts/")]
    rest = [n for n in names if n not in pngs and n not in tts]
    parts = list(rest)
    if pngs:
        parts.append(
            f"{len(pngs)} PNG{'s' if len(pngs) > 1 else ''}"
            + (f" ({', '.join(Path(n).stem for n in pngs)})" if len(pngs) <= 3 else "")
        )
    if tts:
        parts.append(f"{len(tts)} TTS file{'s' if len(tts) > 1 else ''}")
    return ", ".join(parts)


def watched_paths(root: Path) -> list[Path]:
    """The folders of the game that exist and are watched."""
    return [root / d for d in WATCHED if (root / d).is_dir()]


def run(watcher: Watcher, stop: threading.Event | None = None, step_ms: int = 50) -> None:
    """Build once, then rebuild on every change until `stop` is set (or Ctrl-C)."""
    import watchfiles

    watcher.start()
    paths = watched_paths(watcher.root)
    watcher.echo(f"Watching {', '.join(str(p) for p in paths)} (Ctrl-C to stop)", False)
    for changes in watchfiles.watch(
        *paths,
        stop_event=stop,
        step=step_ms,
        rust_timeout=int(IDLE * 1000),
        yield_on_timeout=True,
        raise_interrupt=False,
        watch_filter=watchfiles.DefaultFilter(),
    ):
        if changes:
            watcher.changed(Path(p) for _, p in changes)
        else:
            watcher.idle()
